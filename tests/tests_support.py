"""Helpers shared by the tests."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzreader.core.library import Library

ROOT = Path(__file__).resolve().parent.parent

#: Tables that describe the library's own bookkeeping, not the user's data.
BOOKKEEPING = {"history", "history_changes", "history_context", "meta"}


def snapshot(lib: Library, bookkeeping: bool = True) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a library before and after;
    without ``bookkeeping``, only the user's data."""
    conn = sqlite3.connect(lib.db_path)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            if bookkeeping or r[0] not in BOOKKEEPING
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def user_data(lib: Library) -> dict[str, list[tuple]]:
    return snapshot(lib, bookkeeping=False)


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "3m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (made here), where the disk
    fills up quickly; the test is skipped where mounting needs rights it has
    not (it works as root, as on the CI machine)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte; the filler file, to delete for space."""
    filler = disk / "filler"
    with contextlib.suppress(OSError), open(filler, "ab") as handle:
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    with contextlib.suppress(OSError), open(filler, "ab") as handle:
        while True:
            handle.write(b"\0" * 512)
            handle.flush()
    return filler


def cli(
    *args: str, library: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``kzreader --library LIBRARY ARGS…`` as a user would, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "kzreader", "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` of the database at ``db``: "ok" when sound."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def run_cli(
    capsys: pytest.CaptureFixture[str], library: str | Path, *args: str
) -> tuple[int, str, str]:
    """``kzreader --library LIBRARY ARGS…`` in this process: exit status,
    standard output and standard error."""
    from kzreader.cli import main

    code = main(["--library", str(library), *args])
    out, err = capsys.readouterr()
    return code, out, err


def answer_modal(action) -> None:
    """Run ``action(dialog)`` on the next modal dialog once it is shown; if
    it fails, the dialog is closed (the test fails instead of waiting)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        try:
            action(dialog)
        except BaseException:
            dialog.reject()
            raise

    QTimer.singleShot(0, run)


def wait_edits(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """Wait until the app's library edits asked for so far are done and
    their results handed back (``ctx.operations``)."""
    qtbot.waitUntil(lambda: not ctx.operations.busy(), timeout=20_000)


#: The derived tables each schema version adds, with their triggers' prefix
#: and the ``meta`` key they record: what taking a database back to an
#: earlier version removes.
DERIVED_TABLES = {
    7: (("document_tags",), "document_tags_", None),
    8: (("passage_terms", "passage_terms_stale"), "passage_terms_", "passage_terms"),
    9: (("tag_sets",), "tag_sets_", None),
}


def drop_derived_tables(conn: sqlite3.Connection, version: int) -> None:
    """Remove from ``conn`` the derived tables (and their triggers) of the
    versions after ``version``, as a database of that version has none."""
    for step, (tables, prefix, meta_key) in DERIVED_TABLES.items():
        if step <= version:
            continue
        for (trigger,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
            (prefix + "%",),
        ).fetchall():
            conn.execute(f"DROP TRIGGER {trigger}")
        for table in tables:
            conn.execute(f"DROP TABLE {table}")
        if meta_key is not None:
            conn.execute("DELETE FROM meta WHERE key = ?", (meta_key,))


def upgraded_from(db_path: Path, version: int) -> list[int]:
    """Take the database at ``db_path`` back to schema ``version`` (the
    derived tables of the later versions removed) and upgrade it again:
    the versions applied."""
    from kzreader.core.migrations import migrate

    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        drop_derived_tables(conn, version)
        conn.execute(f"PRAGMA user_version = {version}")
        return migrate(conn)
    finally:
        conn.close()
