"""Backups of a library's database, and restoring one.

A backup is a consistent copy of ``library.sqlite`` taken with SQLite's
online backup API (readers and the app's own connection may be open). It is
written to ``<name>.partial`` first and renamed into place only once
complete and checked, so a full disk or a crash never leaves a half backup
looking like a good one, and never touches the backups already there.

The search index is not backed up: it is rebuilt from the database.

Automatic backups (``auto-*.sqlite``) are taken when a library that changed
is closed, and rotated: the newest ``keep`` are kept. Backups taken by hand
(``kzreader backup``) and before a schema upgrade are never rotated away.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kzreader.core.errors import LibraryError

BACKUPS_DIR = "backups"
AUTO_PREFIX = "auto-"
MANUAL_PREFIX = "backup-"
#: Automatic backups kept unless the library says otherwise (meta
#: ``backup_keep``; 0 turns automatic backups off).
DEFAULT_KEEP = 10


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # "auto", "manual" or "upgrade"
    created: str  # ISO 8601, UTC
    size: int


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _kind(name: str) -> str:
    if name.startswith(AUTO_PREFIX):
        return "auto"
    if name.startswith("before-schema-"):
        return "upgrade"
    return "manual"


def disk_full(exc: BaseException) -> bool:
    """True for the errors a full disk (or quota) gives, from Python or SQLite."""
    if isinstance(exc, OSError) and exc.errno in (28, 122):  # ENOSPC, EDQUOT
        return True
    return "disk is full" in str(exc) or "No space left" in str(exc)


def _check(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
    if result != "ok":
        raise LibraryError(f"the copy in {path.name} did not check out ({result})")


def copy_database(source: Path, target: Path) -> None:
    """Copy the database at ``source`` to ``target`` (via ``target.partial``),
    checked before it takes its name."""
    partial = target.with_name(target.name + ".partial")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        _check(partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if disk_full(exc):
            raise LibraryError(
                f"the disk is full: the backup {target.name} could not be written "
                "(the earlier backups are untouched); free some space and try again"
            ) from exc
        raise LibraryError(f"the backup {target.name} could not be written: {exc}") from exc


def backup(db_path: Path, folder: Path | None = None, *, automatic: bool = False) -> Path:
    """Back the database up into ``folder`` (``<library>/backups`` by default)."""
    folder = folder or db_path.parent / BACKUPS_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"cannot create the backup folder {folder}: {exc}") from exc
    prefix = AUTO_PREFIX if automatic else MANUAL_PREFIX
    target = folder / f"{prefix}{_stamp()}.sqlite"
    copy_database(db_path, target)
    return target


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first."""
    found = []
    for path in folder.glob("*.sqlite") if folder.is_dir() else []:
        try:
            stat = path.stat()
        except OSError:
            continue
        created = datetime.fromtimestamp(stat.st_mtime, UTC).replace(microsecond=0).isoformat()
        found.append(BackupInfo(path, _kind(path.name), created, stat.st_size))
    found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return found


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete the automatic backups beyond the newest ``keep``."""
    autos = [b.path for b in list_backups(folder) if b.kind == "auto"]
    removed = []
    for path in autos[max(keep, 0) :]:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def remove_partials(folder: Path) -> list[Path]:
    """Delete half-written backups left by a crash."""
    removed = []
    for path in folder.glob("*.partial") if folder.is_dir() else []:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def restore(db_path: Path, source: Path) -> Path:
    """Put the backup ``source`` in place of the database at ``db_path``.

    The backup is checked first; the current database (damaged or not) is
    kept aside as ``library.sqlite.replaced-<time>`` with its journal files,
    never deleted. Returns where it was kept. The library must be closed.
    """
    if not source.is_file():
        raise LibraryError(f"there is no backup at {source}")
    try:
        _check(source)
    except sqlite3.Error as exc:
        raise LibraryError(f"{source.name} is not a usable backup ({exc})") from exc
    incoming = db_path.with_name(db_path.name + ".restoring")
    kept = db_path.with_name(f"{db_path.name}.replaced-{_stamp()}")
    try:
        shutil.copyfile(source, incoming)
        with open(incoming, "rb+") as handle:
            os.fsync(handle.fileno())
        if db_path.exists():
            db_path.replace(kept)
        for suffix in ("-wal", "-shm"):
            journal = db_path.with_name(db_path.name + suffix)
            if journal.exists():
                journal.replace(kept.with_name(kept.name + suffix))
        incoming.replace(db_path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            incoming.unlink()
        if kept.exists() and not db_path.exists():
            kept.replace(db_path)  # put the current database back
        if disk_full(exc):
            raise LibraryError(
                "the disk is full: the backup could not be restored (the library is "
                "unchanged); free some space and try again"
            ) from exc
        raise LibraryError(f"the backup could not be restored: {exc}") from exc
    return kept
