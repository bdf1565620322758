"""The libraries and files the fault trials start from, and the reference
runs that say what each scenario commits, step by step.

Built once per test session under pytest's temporary folder::

    data/articles-small/   30 articles (imported in the worker's own process)
    data/articles-big/     220 articles (past PARALLEL_MIN_FILES: several processes)
    data/revised/          40 articles as ``full`` holds them, then changed, and 5 new
    base/                  the five samples, with passages, tags, a link, an attribute
    full/                  base + data/revised as it was first, autocoded
"""

from __future__ import annotations

import bisect
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import fault_state

from kzreader.core.library import Library

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORKER = HERE / "fault_worker.py"
REOPEN = HERE / "fault_reopen.py"
SCENARIOS = ("import", "reimport", "annotate", "undo", "export", "backup")
#: The words only the generated articles hold: a search for each must find
#: exactly the documents whose text has it (the index matches the database).
MARKERS = ("zqxfresh", "zqxoriginal", "zqxrevised")
SMALL, BIG, REVISED, NEW = 30, 220, 40, 5


@dataclass
class Setup:
    root: Path
    data: Path
    base: Path
    full: Path
    references: dict[str, Reference] = field(default_factory=dict)

    def template(self, scenario: str) -> Path:
        return self.base if scenario == "import" else self.full


@dataclass
class Reference:
    """A scenario run to its end: the label of each step, the digest of the
    database before the first step and after each one, when each step was
    logged, and when the library was closed (seconds since it was open)."""

    labels: list[str]
    digests: list[str]
    times: list[float]
    seconds: float


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)])}


def kzreader(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The ``kzreader`` command, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "kzreader", *args],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=environment(),
    )  # fmt: skip


def reopen(library: Path) -> subprocess.CompletedProcess[str]:
    """``fault_reopen.py``: the library opened as the app opens it, then checked."""
    return subprocess.run(
        [sys.executable, str(REOPEN), str(library)],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env=environment(),
    )  # fmt: skip


def start_worker(
    setup: Setup, scenario: str, library: Path, exports: Path, log: Path, digests: bool = False
) -> subprocess.Popen[str]:
    """The worker, once it says its library is open; what it writes on
    stderr goes to ``<log>.err``. Its own process group, so that what it
    leaves running after a kill can be found (and ended)."""
    command = [sys.executable, str(WORKER), scenario, str(library), str(setup.data),
               str(exports), str(log)] + (["--digests"] if digests else [])  # fmt: skip
    with open(f"{log}.err", "wb") as err:
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT,
            env=environment(), start_new_session=True,
        )  # fmt: skip
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        proc.kill()
        proc.wait()
        raise AssertionError(f"the worker did not start: {worker_errors(log)}")
    return proc


def kill_at(proc: subprocess.Popen[str], log: Path, ref: Reference, moment: float) -> bool:
    """SIGKILL the worker at ``moment`` of the reference run's timeline, as
    measured from the step before it: once the worker has logged as many
    steps as the reference had by then, and as much later as the reference
    was past that step. On a loaded machine the kills still land all over
    the scenario, not bunched at its start. False when the worker stalled
    (it was killed anyway, a minute and ten scenario lengths later)."""
    steps = bisect.bisect_right(ref.times, moment)
    since = moment - (ref.times[steps - 1] if steps else 0.0)
    deadline = time.monotonic() + 60 + 10 * ref.seconds
    while proc.poll() is None and steps and _logged(log) < steps:
        if time.monotonic() > deadline:
            break
        time.sleep(0.002)
    on_time = time.monotonic() <= deadline
    time.sleep(since)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return on_time


def _logged(log: Path) -> int:
    try:
        lines = log.read_bytes().splitlines()
    except OSError:
        return 0
    return sum(line.startswith(b"step\t") for line in lines)


def worker_errors(log: Path) -> str:
    err = Path(f"{log}.err")
    return err.read_text("utf-8", errors="replace") if err.exists() else ""


def reference(setup: Setup, scenario: str) -> Reference:
    if scenario not in setup.references:
        where = setup.root / f"reference-{scenario}"
        library, exports, log = where / "lib", where / "exports", where / "log"
        exports.mkdir(parents=True)
        shutil.copytree(setup.template(scenario), library)
        before = fault_state.digest(library / fault_state.DB_NAME)
        proc = start_worker(setup, scenario, library, exports, log, digests=True)
        proc.communicate(timeout=600)
        assert proc.returncode == 0, worker_errors(log)
        lines = [line.split("\t") for line in log.read_text("utf-8").splitlines()]
        steps = [parts for parts in lines if parts[0] == "step"]
        setup.references[scenario] = Reference(
            labels=[parts[1] for parts in steps],
            digests=[before, *(parts[3] for parts in steps)],
            times=[float(parts[2]) for parts in steps],
            seconds=float(lines[-1][1]),
        )
    return setup.references[scenario]


# -- building the data ---------------------------------------------------------------


def _write_articles(folder: Path, texts: list[str], count: int, head: str, first: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + count):
        body = texts[i % len(texts)]
        (folder / f"{i:03d}.txt").write_text(f"Dépêche {i} {head}.\n\n{body}", "utf-8")


def _revise(folder: Path) -> None:
    """Change the articles of ``folder``: a new first line, a sentence
    inserted (passages move), every third one a paragraph fewer (some
    passages are orphaned); and add new ones."""
    for path in sorted(folder.glob("*.txt")):
        i = int(path.stem)
        paragraphs = path.read_text("utf-8").split("\n\n")
        paragraphs[0] = f"Dépêche {i} zqxrevised, version corrigée."
        paragraphs.insert(2, "Ajout de la rédaction : précisions sur le Kazakhstan.")
        if i % 3 == 0 and len(paragraphs) > 5:
            del paragraphs[4]
        path.write_text("\n\n".join(paragraphs), "utf-8")


def build(root: Path) -> Setup:
    seeds = ROOT / "seeds"
    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))]
    data = root / "data"
    _write_articles(data / "articles-small", texts, SMALL, "zqxfresh")
    _write_articles(data / "articles-big", texts, BIG, "zqxfresh", first=SMALL)
    _write_articles(data / "revised", texts, REVISED, "zqxoriginal", first=500)
    base, full = root / "base", root / "full"
    with Library(base) as lib:
        lib.import_paths([seeds])
        first, second = sorted(d.id for d in lib.documents())[:2]
        a = lib.highlight(first, quote="Kazakhstan", tags=["Pays/Kazakhstan"], note="À revoir")
        b = lib.highlight(second, quote="Kazakhstan", tags=["Pays/Kazakhstan", "Acteurs/OTSC"])
        lib.link(a.id, b.id, "repeats")
        lib.set_attribute(first, "fiabilité", "haute")
    shutil.copytree(base, full)
    with Library(full) as lib:
        lib.import_paths([data / "revised"])
        lib.autocode("Kazakhstan", "Pays/Kazakhstan")
        lib.autocode("OTSC", "Acteurs/OTSC")
        lib.autocode("sécurité", "Thèmes/Sécurité")
    _revise(data / "revised")
    _write_articles(data / "revised", texts, NEW, "zqxrevised nouvelle", first=500 + REVISED)
    return Setup(root, data, base, full)


def stray_processes(group: int, grace: float) -> list[int]:
    """Processes of the worker's group still running after ``grace`` seconds
    (Linux: read from /proc; zombies do not count)."""
    deadline = time.monotonic() + grace
    while True:
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                alive.append(int(stat.parent.name))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)
