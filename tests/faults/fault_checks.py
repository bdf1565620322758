"""What one kill trial checks, once the worker is dead.

0. The worker (or a process of its) wrote no traceback before or after the
   kill (else *traceback*), and its steps are the reference run's (else
   *other*: the scenario is not deterministic, and the checks below mean
   nothing).
1. The database as the kill left it: ``PRAGMA integrity_check`` and
   ``foreign_key_check`` (else *corrupt*).
2. Nothing committed is lost and every operation is whole: the database is
   the reference run's state after the last step the log names, or after the
   step that was running (else *lost*: an earlier state, by so many steps; or
   *corrupt*: a state no sequence of whole operations gives). The files the
   logged steps wrote (exports, backups) are there and readable (else *lost*).
3. Reopening, as the app and every command do (``fault_reopen.py``: the
   opening reconciles the index and sweeps temporary files; then
   ``Library.check`` looks at everything): no traceback, opened for
   writing, no problem left (index problems are *index mismatches*,
   temporary files *leftovers*, anything else *corrupt*).
4. The index against the database, independently: the ids and text hashes
   it stores are the database's, and a search for each marker word finds
   exactly the documents whose text holds it (else *index mismatch*).
5. The export or single-file backup the kill interrupted is written again
   (``kzreader export`` / ``kzreader backup FILE``, which sweep what the kill
   left), and no temporary file is left in the library, its index and
   backups, or the export folder (else *leftovers*).
"""

from __future__ import annotations

import json
import sqlite3
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import fault_setup
import fault_state
from fault_setup import Reference

from kzreader.core.index import SearchIndex
from kzreader.core.library import Library


@dataclass
class Trial:
    scenario: str
    number: int
    moment: float  # when it was killed, on the reference run's timeline (seconds)
    steps: int = 0  # committed steps the log names
    mid_operation: bool = True  # killed before the worker closed the library
    during: str = ""  # what the kill interrupted (see running_step)
    lost: int = 0
    corrupt: list[str] = field(default_factory=list)
    index: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    #: children that never started because the kill took their parent while
    #: it was handing them their work: Python's own bootstrap says so on
    #: stderr (an EOFError in multiprocessing.spawn); no kzreader code ran
    unborn: list[str] = field(default_factory=list)
    strays: list[int] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reopen_seconds: float = 0.0

    def faults(self) -> list[str]:
        found = [f"{self.lost} committed steps lost"] if self.lost else []
        found += [f"corrupt: {c}" for c in self.corrupt]
        found += [f"index mismatch: {c}" for c in self.index]
        found += [f"leftover: {c}" for c in self.leftovers]
        found += [f"traceback: {c}" for c in self.tracebacks]
        found += [f"process still running: {p}" for p in self.strays]
        return found + self.other

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def read_log(log: Path) -> tuple[list[str], float | None]:
    """The labels of the committed steps, and how long the worker took when
    it got to the end."""
    lines = log.read_text("utf-8").splitlines() if log.exists() else []
    labels = [line.split("\t")[1] for line in lines if line.startswith("step\t")]
    closed = [float(line.split("\t")[1]) for line in lines if line.startswith("closed\t")]
    return labels, closed[0] if closed else None


def running_step(ref: Reference, steps: int, closed: bool) -> str:
    """What the worker was doing when it was killed, in a word or two."""
    if closed:
        return "after the end"
    if steps >= len(ref.labels):
        return "closing (automatic backup)"
    words = ref.labels[steps].split()
    words = words[1:] if words[0].isdigit() else words  # annotate and undo number them
    if words[0] == "stored":
        return f"storing {words[-1]}"
    if words[0] == "imported":  # every file stored: the index is being committed
        return "committing the index"
    if words[0] == "refused":
        return f"refused {words[1].rstrip(':')}"
    return " ".join(words[:2]) if words[0] in ("export", "create") else words[0]


def check_state(trial: Trial, ref: Reference, db: Path) -> None:
    k = trial.steps
    state = fault_state.digest(db)
    if state in ref.digests[k : k + 2]:
        return
    earlier = [j for j in range(k) if ref.digests[j] == state]
    if earlier:
        trial.lost += k - max(earlier)
    else:
        trial.corrupt.append("a state that no sequence of whole operations gives")


def readable(path: Path) -> bool:
    """A complete export or backup: a zip that tests clean, an SQLite file
    that checks, or text that decodes."""
    try:
        if path.suffix in (".qdpx", ".kzbackup"):
            with zipfile.ZipFile(path) as zf:
                return zf.testzip() is None
        if path.suffix == ".sqlite":
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                conn.close()
        text = path.read_text("utf-8-sig")
        if path.suffix == ".jsonld":
            json.loads(text)
        return bool(text)
    except (OSError, ValueError, zipfile.BadZipFile, sqlite3.Error):
        return False


def check_written_files(trial: Trial, labels: list[str], library: Path, exports: Path) -> None:
    names = {label.split()[-1] for label in labels if label.startswith(("export ", "archive "))}
    for name in sorted(names):
        if not readable(exports / name):
            trial.lost += 1
            trial.other.append(f"{name} is missing or unreadable")
    backups = sorted((library / "backups").glob("backup-*.sqlite"))
    made = sum(label == "backup" for label in labels)
    trial.lost += max(0, made - len(backups))
    for path in backups:
        if not readable(path):
            trial.corrupt.append(f"the backup {path.name} does not check")


def traceback_in(result: object, what: str) -> list[str]:
    out = f"{getattr(result, 'stdout', '')}\n{getattr(result, 'stderr', '')}"
    return [f"{what}: {out.strip()[-600:]}"] if "Traceback" in out else []


def reopen(trial: Trial, library: Path) -> None:
    started = time.perf_counter()
    result = fault_setup.reopen(library)
    trial.reopen_seconds = time.perf_counter() - started
    trial.tracebacks += traceback_in(result, "reopening")
    try:
        report = json.loads(result.stdout)
    except ValueError:
        trial.other.append(f"reopening failed ({result.returncode}): {result.stderr[-300:]}")
        return
    if report["read_only"]:
        trial.other.append(f"reopened read-only: {report['read_only']}")
    for problem in report["problems"]:
        kind, message = problem["kind"], problem["message"]
        if kind.startswith("index"):
            trial.index.append(message)
        elif kind == "leftover_files":
            trial.leftovers.append(message)
        else:
            trial.corrupt.append(message)


def check_index(trial: Trial, library: Path) -> None:
    db = library / fault_state.DB_NAME
    index = SearchIndex(library / "index")
    try:
        stored = index.stored_state()
    finally:
        index.close()
    if stored != fault_state.content_hashes(db):
        trial.index.append("the index's ids and text hashes are not the database's")
    with Library(library, read_only=True, sync_index=False) as lib:
        for word in fault_setup.MARKERS:
            found = lib.search(word, limit=1).total
            holding = fault_state.count_containing(db, word)
            if found != holding:
                trial.index.append(f"'{word}' finds {found} documents, {holding} hold it")


def write_again(trial: Trial, ref: Reference, library: Path, exports: Path) -> None:
    """The export or single-file backup that was running, written again."""
    if trial.steps >= len(ref.labels):
        return
    words = ref.labels[trial.steps].split()
    if words[0] == "export":
        args = ["export", words[1], str(exports / words[2])]
    elif words[0] == "archive":
        args = ["backup", str(exports / words[1])]
    else:
        return
    result = fault_setup.kzreader("--library", str(library), *args)
    trial.tracebacks += traceback_in(result, f"kzreader {args[0]}")
    if result.returncode != 0:
        trial.other.append(f"kzreader {' '.join(args[:2])} failed: {result.stderr.strip()}")


def check_worker_output(trial: Trial, log: Path) -> None:
    """Run last, once the worker's processes are gone: a traceback of the
    worker (failing by itself before the kill) or of a process of its."""
    errors = fault_setup.worker_errors(log)
    for block in traceback_blocks(errors):
        if is_unborn_child(block):
            trial.unborn.append(block.strip()[-300:])
        else:
            trial.tracebacks.append(f"worker: {block.strip()[-600:]}")


def traceback_blocks(text: str) -> list[str]:
    """Each ``Traceback …`` in ``text``, up to the next one."""
    parts = text.split("Traceback (most recent call last):")
    return ["Traceback (most recent call last):" + part for part in parts[1:]]


def is_unborn_child(block: str) -> bool:
    """A spawned child's bootstrap finding its parent gone before it sent the
    child's work: it fails reading it, in the standard library, before any
    of kzreader's code is imported."""
    lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
    return (
        any("multiprocessing/spawn.py" in line and "spawn_main" in line for line in lines)
        and "kzreader" not in block
        and any(line.startswith("EOFError") for line in lines[-3:])
    )


def check_trial(trial: Trial, ref: Reference, library: Path, exports: Path, log: Path) -> None:
    labels, closed = read_log(log)
    trial.steps, trial.mid_operation = len(labels), closed is None
    trial.during = running_step(ref, len(labels), closed is not None)
    if labels != ref.labels[: len(labels)]:
        trial.other.append("the worker's steps differ from the reference run's")
    db = library / fault_state.DB_NAME
    trial.corrupt += fault_state.integrity_problems(db)
    if trial.corrupt:
        return  # nothing else can be trusted
    check_state(trial, ref, db)
    check_written_files(trial, labels, library, exports)
    reopen(trial, library)
    check_index(trial, library)
    write_again(trial, ref, library, exports)
    folders = (library, library / "index", library / "backups", exports)
    trial.leftovers += fault_state.leftovers(*folders)
