"""Backups of a library's database, and restoring one.

A backup is a consistent copy of ``library.sqlite`` taken with SQLite's
online backup API (readers and the app's own connection may be open). It is
written to a temporary file first and renamed into place only once complete
and checked (``core.atomic``), so a full disk or a crash never leaves a half
backup looking like a good one, and never touches the backups already there.
Backups and single-file archives are owner-only (they hold the user's notes);
``tidy`` removes what a crash left in a library and takes away the group's
and others' access to its folders and files.

The search index is not backed up: it is rebuilt from the database.

Automatic backups (``auto-*.sqlite``) are taken when a library that changed
is closed, if the newest automatic backup is older than a spacing
(``AUTO_SPACING`` for the command line, none for the app, which closes
rarely), and thinned by age (``thin``): of the last day the newest ``keep``
are kept, then the oldest of each day for a week, then the oldest of each week
up to five weeks; the newest automatic backup is always kept. Backups taken by
hand (``kzreader backup``) and before a schema upgrade are never thinned away.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kzreader.core import atomic
from kzreader.core.atomic import disk_full as disk_full  # used from here too
from kzreader.core.errors import LibraryError

BACKUPS_DIR = "backups"
AUTO_PREFIX = "auto-"
MANUAL_PREFIX = "backup-"
#: Automatic backups kept unless the library says otherwise (meta
#: ``backup_keep``; 0 turns automatic backups off).
DEFAULT_KEEP = 10
#: A changed library is backed up on close only when its newest automatic
#: backup is older than this (the command line's spacing: scripted commands
#: would otherwise copy the whole database each time).
AUTO_SPACING = timedelta(minutes=30)
#: Past the last day: one automatic backup a day for a week, then one a
#: week up to five weeks; older ones are deleted.
DAILY_FOR = timedelta(days=7)
WEEKLY_FOR = timedelta(days=35)


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


def _check(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
    if result != "ok":
        raise LibraryError(f"the copy in {path.name} did not check out ({result})")


def _copy_into(source: Path, path: Path) -> None:
    """Copy the database at ``source`` into the (empty) file ``path``, as one
    self-contained file, and check the copy."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(path)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    _check(path)


def copy_database(source: Path, target: Path) -> None:
    """Copy the database at ``source`` to ``target`` (owner-only, through a
    temporary file), checked before it takes its name."""
    try:
        with atomic.new_file(target, private=True) as partial:
            _copy_into(source, partial)
    except (atomic.WriteError, sqlite3.Error) as exc:
        if disk_full(exc):
            raise LibraryError(
                f"the disk is full: the backup {target.name} could not be written "
                "(the earlier backups are untouched); free some space and try again"
            ) from exc
        detail = exc.reason if isinstance(exc, atomic.WriteError) else exc
        raise LibraryError(f"the backup {target.name} could not be written: {detail}") from exc


def backup(db_path: Path, folder: Path | None = None, *, automatic: bool = False) -> Path:
    """Back the database up into ``folder`` (``<library>/backups`` by default)."""
    folder = folder or db_path.parent / BACKUPS_DIR
    try:
        atomic.make_folder(folder, parents=True)
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


def taken(info: BackupInfo) -> datetime:
    """When a backup was taken: the time in its name (kept when the file is
    copied elsewhere and back), else its file's time."""
    stamp = info.path.stem.rsplit("-", 1)[-1]
    for layout in ("%Y%m%dT%H%M%S%fZ", "%Y%m%dT%H%M%SZ"):
        try:
            return datetime.strptime(stamp, layout).replace(tzinfo=UTC)
        except ValueError:
            continue
    return datetime.fromisoformat(info.created)


def _autos(folder: Path) -> list[tuple[datetime, Path]]:
    """The automatic backups in ``folder`` with their times, newest first."""
    found = [(taken(b), b.path) for b in list_backups(folder) if b.kind == "auto"]
    found.sort(key=lambda item: (item[0], item[1].name), reverse=True)
    return found


def due(folder: Path, spacing: timedelta, now: datetime | None = None) -> bool:
    """Whether an automatic backup is to be taken: none is newer than
    ``spacing``. One dated in the future (a clock put back) holds nothing back."""
    if spacing <= timedelta(0):
        return True
    now = now or datetime.now(UTC)
    return not any(now - spacing < when <= now for when, _ in _autos(folder))


def thin(folder: Path, keep: int, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the rule no longer keeps (the ones
    deleted are returned): of the last day the newest ``keep``, then the
    oldest of each day up to ``DAILY_FOR``, then the oldest of each week up to
    ``WEEKLY_FOR``. The newest is always kept; other kinds are never touched."""
    now = now or datetime.now(UTC)
    autos = _autos(folder)
    kept: set[Path] = {autos[0][1]} if autos else set()
    recent = 0
    buckets: dict[tuple[str, int], Path] = {}
    for when, path in autos:  # newest first: a bucket's last one is its oldest
        age = now - when
        if age < timedelta(days=1):
            if recent < max(keep, 1):
                kept.add(path)
            recent += 1
        elif age < DAILY_FOR:
            buckets[("day", age.days)] = path
        elif age < WEEKLY_FOR:
            buckets[("week", age.days // 7)] = path
    kept.update(buckets.values())
    removed = []
    for _, path in autos:
        if path in kept:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def remove_partials(folder: Path) -> list[Path]:
    """Delete the half-written backups (temporary files) a crash left in
    ``folder``."""
    return atomic.remove_leftovers(folder)


#: The library's index folder (``core.index``), owner-only like the rest.
INDEX_DIR = "index"


def tidy(library: Path) -> list[Path]:
    """What a library gets when it is opened for writing by the process that
    takes its lock (not by that process's children): the temporary files a
    crash left in its folder and in ``backups/`` are deleted (the ones
    deleted are returned), and on POSIX its folders, the files directly in
    it (database, journals, lock, databases a restore kept aside) and its
    backups lose any access by the group and others. The index's own files
    are left as Whoosh makes them: its folder is owner-only."""
    backups = library / BACKUPS_DIR
    removed = atomic.remove_leftovers(library) + remove_partials(backups)
    for folder in (library, backups):
        if not atomic.POSIX or not folder.is_dir():
            continue
        atomic.tighten(folder)
        with contextlib.suppress(OSError):
            for entry in folder.iterdir():
                if entry.name == INDEX_DIR or not entry.is_dir():
                    atomic.tighten(entry)
    return removed


# -- single-file archives -------------------------------------------------------------

ARCHIVE_DB = "library.sqlite"
ARCHIVE_MANIFEST = "kzreader-backup.json"
ARCHIVE_FORMAT = 1
#: An archive's database may not unpack to more than this (a zip bomb).
ARCHIVE_MAX_BYTES = 20 * 1024**3


def write_archive(db_path: Path, out: Path, facts: dict[str, object]) -> Path:
    """A whole library in one file, to carry elsewhere: a zip holding a
    consistent copy of the database and a manifest, owner-only. The search
    index is left out: it is rebuilt from the database when the library is
    opened. What an interrupted write to ``out`` left beside it is removed."""
    out = out.expanduser().resolve()
    atomic.sweep(out)
    for legacy in out.parent.glob(".kzreader-backup-*"):  # earlier versions' folders
        if legacy.is_dir():
            atomic.remove(legacy)
    try:
        with atomic.scratch(out) as copy:
            _copy_into(db_path, copy)
            manifest = {"format": ARCHIVE_FORMAT, "created": datetime.now(UTC).isoformat(), **facts}
            with (  # swept above: a sweep now would take the copy away
                atomic.new_file(out, private=True, sweep_first=False) as partial,
                zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf,
            ):
                zf.writestr(ARCHIVE_MANIFEST, json.dumps(manifest, indent=2))
                zf.write(copy, ARCHIVE_DB)
    except (atomic.WriteError, OSError, sqlite3.Error, zipfile.BadZipFile) as exc:
        if disk_full(exc):
            raise LibraryError(
                f"the disk is full: the backup {out.name} could not be written; free "
                "some space and try again"
            ) from exc
        detail = exc.reason if isinstance(exc, atomic.WriteError) else exc
        raise LibraryError(f"the backup {out.name} could not be written: {detail}") from exc
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
        try:
            atomic.make_folder(db_path.parent, parents=True)
            with atomic.scratch(db_path) as unpacked:
                _extract_database(source, unpacked)
                return restore(db_path, unpacked)
        except OSError as exc:
            raise LibraryError(f"{source.name} could not be unpacked: {exc}") from exc
        except atomic.WriteError as exc:
            raise LibraryError(f"{source.name} could not be unpacked: {exc.reason}") from exc
    try:
        _check(source)
    except sqlite3.Error as exc:
        raise LibraryError(f"{source.name} is not a usable backup ({exc})") from exc
    kept = db_path.with_name(f"{db_path.name}.replaced-{_stamp()}")
    had_database = False
    try:
        with atomic.scratch(db_path) as incoming:
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
            atomic.publish(incoming, db_path)
    except (OSError, atomic.WriteError) as exc:
        if kept.exists() and not db_path.exists():
            kept.replace(db_path)  # put the current database back
        if disk_full(exc):
            raise LibraryError(
                "the disk is full: the backup could not be restored (the library is "
                "unchanged); free some space and try again"
            ) from exc
        detail = exc.reason if isinstance(exc, atomic.WriteError) else exc
        raise LibraryError(f"the backup could not be restored: {detail}") from exc
    return kept if had_database else None
