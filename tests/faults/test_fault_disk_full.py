"""A full disk: each operation, run by the ``kzreader`` command on a library
on a 3 MB file system (tmpfs, needs root) that is full, says so in one clear
message and no traceback; nothing committed before is lost; the library opens
and checks clean once space is freed; no temporary file is left.

The import fills the disk itself (400 long articles; 1 MB kept aside is
given back after it, so that the library can be opened and checked); for the
other operations the disk is filled first, after SQLite's write-ahead log is
emptied (a log with room left would take a small change without a new block).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import fault_setup
import fault_state
import pytest
from fault_checks import traceback_in
from tests_support import small_disk as mounted_small_disk

pytestmark = pytest.mark.faults

OPERATIONS = [
    "import", "highlight", "tag", "note", "link", "undo", "autocode",
    "export qdpx", "export md", "export csv", "backup", "backup to a file",
]  # fmt: skip


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_small_disk(tmp_path / "small-disk") as mount:
        yield mount


def command(operation: str, db: Path, disk: Path, many: Path) -> list[str]:
    conn = sqlite3.connect(db)
    doc = conn.execute("SELECT min(id) FROM documents").fetchone()[0]
    a, b = (str(i) for (i,) in conn.execute("SELECT id FROM passages ORDER BY id LIMIT 2"))
    conn.close()
    return {
        "import": ["import", str(many)],
        "highlight": [
            "highlight",
            str(doc),
            "--quote",
            "Kazakhstan",
            "--occurrence",
            "2",
            "--tag",
            "Disque/Plein",
            "--note",
            "n" * 20_000,
        ],
        "tag": ["passage", "tag", a, "Disque/Étiquette"],
        "note": ["passage", "note", a, "x" * 20_000],
        "link": ["link", a, b, "--relation", "cites", "--note", "y" * 20_000],
        "undo": ["undo"],
        "autocode": ["autocode", "Kazakhstan", "--tag", "Disque/Auto"],
        "export qdpx": ["export", "qdpx", str(disk / "projet.qdpx")],
        "export md": ["export", "md", str(disk / "rapport.md")],
        "export csv": ["export", "csv", str(disk / "codages.csv")],
        "backup": ["backup"],
        "backup to a file": ["backup", str(disk / "copie.kzbackup")],
    }[operation]


def fill(disk: Path, limit: int | None = None) -> Path:
    """A file taking the disk's free space, or ``limit`` bytes of it."""
    filler = disk / "filler"
    written = 0
    with open(filler, "wb", buffering=0) as handle, contextlib.suppress(OSError):
        while limit is None or written < limit:
            written += handle.write(b"\0" * 4096)
    return filler


def rows(db: Path) -> set[tuple]:
    return {(table, row) for table, found in fault_state.essence(db).items() for row in found}


def articles(folder: Path) -> Path:
    folder.mkdir()
    sample = (fault_setup.ROOT / "seeds" / "003_5a814d00d646ab81.txt").read_text("utf-8")
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(f"Dépêche {i} zqxfresh.\n\n{sample * 3}", "utf-8")
    return folder


def empty_the_log(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def one_clear_message(result: subprocess.CompletedProcess[str]) -> bool:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if result.returncode == 0:  # it fitted (a change can fit in a page SQLite has already)
        return True
    one = len(lines) == 1 and lines[0].startswith("kzreader: error:")
    return one and "disk is full" in lines[0]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_operation_on_a_full_disk(
    operation: str, small_disk: Path, fault_setup_dir, fault_summary, tmp_path: Path
) -> None:
    library = small_disk / "lib"
    shutil.copytree(fault_setup_dir.base, library)
    db = library / fault_state.DB_NAME
    args = command(operation, db, small_disk, articles(tmp_path / "many"))
    empty_the_log(db)
    before, before_digest = rows(db), fault_state.digest(db)
    # the import fills the disk itself; a reserve is taken back after it
    filler = fill(small_disk, limit=1024 * 1024 if operation == "import" else None)
    result = fault_setup.kzreader("--library", str(library), *args)
    filler.unlink()

    tracebacks = traceback_in(result, f"kzreader {args[0]}")
    problems = (
        []
        if one_clear_message(result)
        else [f"not one clear 'disk is full' message (exit {result.returncode})"]
    )
    damage = fault_state.integrity_problems(db)
    problems += damage
    if not damage:
        after = rows(db)
        if operation != "undo" and not before <= after:
            problems.append(f"{len(before - after)} committed rows lost")
        failed = result.returncode != 0
        if failed and operation != "import" and fault_state.digest(db) != before_digest:
            problems.append("the failed operation changed the library")
        reopened = fault_setup.reopen(library)
        tracebacks += traceback_in(reopened, "reopening")
        try:
            problems += [p["message"] for p in json.loads(reopened.stdout)["problems"]]
        except ValueError:
            problems.append(f"the library does not open: {reopened.stderr.strip()}")
        left = fault_state.leftovers(library, library / "index", library / "backups", small_disk)
        problems += [f"left behind: {p}" for p in left]
    message = " / ".join(line for line in result.stderr.splitlines() if line.strip())
    fault_summary.disk_full.append({
        "operation": operation, "ok": not (problems or tracebacks),
        "message": message or "(it succeeded)", "problems": problems, "tracebacks": tracebacks,
    })  # fmt: skip
    assert not (problems or tracebacks), "\n".join(problems + tracebacks)
