"""SIGKILL at random moments of an import, an autocode, a tag merge, a
project export and a backup, 54 times: the database is intact every time, nothing committed is
lost, an operation is all or nothing, the index is reconciled on the next
open, and no temporary file is left behind (nor a worker process holding the
index: the next open takes the index's write lock)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kzreader.core import atomic
from kzreader.core.library import Library

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("crash_worker.py")
ROOT = Path(__file__).resolve().parents[2]
IMPORT_FILES = 240  # past PARALLEL_MIN_FILES and PROCESS_MIN_DOCS: every process is used
TRIALS = {"import": 18, "autocode": 12, "merge": 12, "export": 8, "backup": 4}
MERGE = "Fusion/Kazakhstan=>Fusion/Pays"


@dataclass
class Setup:
    root: Path
    articles: Path
    base: Path  # the samples, with passages, tags and links
    full: Path  # base + the articles, tagged for the merge
    durations: dict[str, float]
    after: dict[str, dict[str, list[tuple]]]


def run_worker(operation: str, library: Path, log: Path, argument: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), operation, str(library), str(log), argument],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == "ready", proc.stderr.read() if proc.stderr else line
    return proc


def argument(operation: str, setup: Setup) -> str:
    return {
        "import": str(setup.articles),
        "autocode": "paix",
        "merge": MERGE,
        "export": str(setup.root / "exports" / "projet.qdpx"),
        "backup": "",
    }[operation]


def template(operation: str, setup: Setup) -> Path:
    return setup.base if operation == "import" else setup.full


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> Setup:
    root = tmp_path_factory.mktemp("kill")
    seeds = ROOT / "seeds"
    articles = root / "articles"
    articles.mkdir()
    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))]
    for i in range(IMPORT_FILES):
        body = texts[i % len(texts)]
        (articles / f"{i:03d}.txt").write_text(f"Dépêche {i} : suite.\n\n{body}", "utf-8")
    base = root / "base"
    with Library(base) as lib:
        lib.import_paths([seeds])
        docs = {d.file_name: d.id for d in lib.documents()}
        first, second = sorted(docs.values())[:2]
        a = lib.highlight(first, quote="Kazakhstan", tags=["Pays/Kazakhstan"], note="À revoir")
        b = lib.highlight(second, quote="Kazakhstan", tags=["Pays/Kazakhstan"])
        lib.link(a.id, b.id, "repeats")
        lib.set_attribute(first, "fiabilité", "haute")
    (root / "exports").mkdir()
    full = root / "full"
    shutil.copytree(base, full)
    with Library(full) as lib:
        lib.import_paths([articles])
        lib.autocode("Kazakhstan", "Fusion/Kazakhstan")
        lib.autocode("Almaty", "Fusion/Pays")
    setup = Setup(root, articles, base, full, {}, {})
    # a reference run of each operation, to its end: how long it takes, and
    # what the library holds once it is committed
    for operation in TRIALS:
        library = root / f"reference-{operation}"
        shutil.copytree(template(operation, setup), library)
        log = root / f"{operation}.log"
        proc = run_worker(operation, library, log, argument(operation, setup))
        assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
        words = log.read_text("utf-8").split()
        setup.durations[operation] = float(words[words.index("took") + 1])
        setup.after[operation] = essence(library)
    return setup


#: What an operation decides, without the ids and times it draws afresh
#: (uids, creation times): two runs of one operation give the same essence.
ESSENCE = {
    "documents": "id, content_hash",
    "passages": "id, document_id, start, end, exact, status, note",
    "passage_tags": "passage_id, tag_id",
    "tags": "id, name, parent_id",
    "links": "id, source_id, target_id, relation",
    "document_attributes": "document_id, key, value",
}


def essence(library: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{library / 'library.sqlite'}?mode=ro", uri=True)
    try:
        return {
            table: sorted(conn.execute(f"SELECT {columns} FROM {table}").fetchall())
            for table, columns in ESSENCE.items()
        }
    finally:
        conn.close()


def leftovers(library: Path) -> list[Path]:
    patterns = ["index.new-*", "index.old-*", "**/*.tmp", "backups/*.partial", "*.restoring"]
    found = {p for pattern in patterns for p in library.glob(pattern)}
    # kzreader's temporary files, with the journals SQLite may leave beside one
    for folder in (library, library / "backups"):
        found.update(atomic.leftovers(folder))
    return sorted(found)


def ids(data: dict[str, list[tuple]], table: str) -> set[object]:
    return {row[0] for row in data[table]}


#: per operation: (killed before it returned, seconds to reopen and reconcile)
OUTCOMES: dict[str, list[tuple[bool, float]]] = {}


def check_after_kill(operation: str, setup: Setup, library: Path, log: Path) -> None:
    conn = sqlite3.connect(library / "library.sqlite")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    before = essence(template(operation, setup))
    lines = log.read_text("utf-8").split() if log.exists() else []
    data = essence(library)
    started = time.perf_counter()
    with Library(library) as lib:  # opening reconciles the index
        OUTCOMES.setdefault(operation, []).append(
            ("done" not in lines, time.perf_counter() - started)
        )
        if operation == "import":
            for table in ("documents", "passages", "tags", "links"):
                assert ids(before, table) <= ids(data, table), table
            assert set(before["passage_tags"]) <= set(data["passage_tags"])
            stored = [int(n) for key, n in zip(lines[::2], lines[1::2], strict=False)
                      if key == "stored"]  # fmt: skip
            committed = max(stored, default=0)
            assert len(data["documents"]) >= len(before["documents"]) + committed
            for doc in lib.documents():
                assert doc.length == len(lib.document(doc.id).text) > 0
        elif operation in ("backup", "export"):  # the database is read, never changed
            assert data == before
            assert all(b.path.stat().st_size > 0 for b in lib.backups())
        else:  # one transaction: all or nothing
            assert data in (before, setup.after[operation])
            if "done" in lines:
                assert data == setup.after[operation]
        assert lib.index_state() == "current"
        in_db = {d.id for d in lib.documents()}
        assert set(lib.index.stored_state()) == in_db
        if operation == "import" and len(in_db) > len(before["documents"]):
            assert lib.search("Dépêche").total == len(in_db) - len(before["documents"])
        lib.create_tag("Après/le crash")  # writable again: the lock was recovered
    assert leftovers(library) == []
    if operation == "export":  # the next export to the same file sweeps what a kill left
        out = Path(argument(operation, setup))
        with Library(library, read_only=True) as reader:
            report = reader.export("qdpx", out)
        assert report.passages == len(data["passages"])
        assert [p.name for p in out.parent.iterdir()] == [out.name]


@pytest.mark.parametrize(
    ("operation", "trial"),
    [(op, n) for op, count in TRIALS.items() for n in range(count)],
)
def test_sigkill_loses_nothing(setup: Setup, operation: str, trial: int, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    shutil.copytree(template(operation, setup), library)
    log = tmp_path / "log"
    # from the start of the operation to a little past its end
    delay = random.Random(f"{operation}-{trial}").uniform(0, setup.durations[operation] * 1.15)
    proc = run_worker(operation, library, log, argument(operation, setup))
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    check_after_kill(operation, setup, library, log)


def test_the_kills_landed_during_the_operations() -> None:
    """Most kills must interrupt the operation, or the trials prove little.
    (Run with -s to see the figures.)"""
    for operation, count in TRIALS.items():
        outcomes = OUTCOMES.get(operation, [])
        assert len(outcomes) == count, "run the whole module"
        interrupted = sum(1 for mid, _ in outcomes if mid)
        slowest = max(seconds for _, seconds in outcomes)
        print(
            f"{operation}: {count} kills, {interrupted} during the operation, "
            f"reopen and reconcile at most {slowest:.2f} s"
        )
        if operation not in ("backup", "export"):  # milliseconds for this small library
            assert interrupted >= count // 2, operation
