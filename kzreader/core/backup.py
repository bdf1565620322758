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
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
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


def _publish(partial: Path, target: Path) -> None:
    """Give a completely written file its name: on disk first, then renamed
    (atomic), so ``target`` is never seen half written."""
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)


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
        _publish(partial, target)
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


# -- single-file archives -------------------------------------------------------------

ARCHIVE_DB = "library.sqlite"
ARCHIVE_MANIFEST = "kzreader-backup.json"
ARCHIVE_FORMAT = 1
#: An archive's database may not unpack to more than this (a zip bomb).
ARCHIVE_MAX_BYTES = 20 * 1024**3


def write_archive(db_path: Path, out: Path, facts: dict[str, object]) -> Path:
    """A whole library in one file, to carry elsewhere: a zip holding a
    consistent copy of the database and a manifest. The search index is
    left out: it is rebuilt from the database when the library is opened."""
    out = out.expanduser().resolve()
    partial = out.with_name(out.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".kzreader-backup-") as tmp:
            copy = Path(tmp) / ARCHIVE_DB
            copy_database(db_path, copy)
            manifest = {"format": ARCHIVE_FORMAT, "created": datetime.now(UTC).isoformat(), **facts}
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                zf.writestr(ARCHIVE_MANIFEST, json.dumps(manifest, indent=2))
                zf.write(copy, ARCHIVE_DB)
            _publish(partial, out)
    except (OSError, zipfile.BadZipFile) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if disk_full(exc):
            raise LibraryError(
                f"the disk is full: the backup {out.name} could not be written; free "
                "some space and try again"
            ) from exc
        raise LibraryError(f"the backup {out.name} could not be written: {exc}") from exc
    return out


def is_archive(path: Path) -> bool:
    return zipfile.is_zipfile(path)


def _extract_database(archive: Path, target: Path) -> None:
    """The archive's database, checked, written to ``target``."""
    try:
        with zipfile.ZipFile(archive) as zf:
            names = set(zf.namelist())
            if ARCHIVE_DB not in names or ARCHIVE_MANIFEST not in names:
                raise LibraryError(f"{archive.name} is not a kzreader backup (no {ARCHIVE_DB})")
            manifest = json.loads(zf.read(ARCHIVE_MANIFEST))
            if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
                raise LibraryError(f"{archive.name} is a backup of an unknown format")
            if zf.getinfo(ARCHIVE_DB).file_size > ARCHIVE_MAX_BYTES:
                raise LibraryError(f"{archive.name} holds a database too large to be real")
            with zf.open(ARCHIVE_DB) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
    except (zipfile.BadZipFile, ValueError, KeyError) as exc:
        raise LibraryError(f"{archive.name} is not a readable kzreader backup ({exc})") from exc


def restore(db_path: Path, source: Path) -> Path | None:
    """Put the backup ``source`` (a database copy or a single-file archive)
    in place of the database at ``db_path``.

    The backup is checked first; the current database (damaged or not) is
    kept aside as ``library.sqlite.replaced-<time>`` with its journal files,
    never deleted. Returns where it was kept (None when there was none: a
    library restored on another machine). The library must be closed.
    """
    if not source.is_file():
        raise LibraryError(f"there is no backup at {source}")
    if is_archive(source):
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=db_path.parent, prefix=".kzreader-restore-") as tmp:
            unpacked = Path(tmp) / ARCHIVE_DB
            try:
                _extract_database(source, unpacked)
            except OSError as exc:
                raise LibraryError(f"{source.name} could not be unpacked: {exc}") from exc
            return restore(db_path, unpacked)
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
        had_database = db_path.exists()
        if had_database:
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
    return kept if had_database else None
