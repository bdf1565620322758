"""Writing files so that they are never seen half written, and who may read them.

The files kzreader writes whole (backups, single-file archives, exports, the
lock's owner note; a restore's incoming database through :func:`scratch`)
are written through :func:`new_file` or :func:`open_new`:

1. a temporary file is created beside the target, with ``O_EXCL``, named
   ``.<target name>.kzreader-<12 hex digits>.tmp`` (hidden, and recognisable:
   see :func:`leftovers`);
2. the caller writes it (by any means: Python, ``zipfile``, SQLite);
3. it is flushed to disk (``fsync``), renamed over the target
   (``os.replace``, atomic within one file system), and on POSIX the folder
   is flushed too, so that the new name survives a power cut.

On any error, an interruption (``KeyboardInterrupt``) included, the temporary
file is removed, with the journal files SQLite may have made beside it
(``-journal``, ``-wal``, ``-shm``), and a file already at the target stays as
it was. OS errors become :class:`WriteError`, whose message says why in words
a person can act on (the disk is full, permission denied, the file is open in
another program).

A process that is killed cannot clean up: its temporary files are found by
name and removed the next time the same target is written (:func:`sweep`),
or the library is opened, or ``kzreader check --repair`` runs. The names of
the previous versions' temporary files are recognised too.

Privacy: the files of a library (its database and journals, lock, backups,
archives) are owner-only on POSIX: ``private=True`` creates them ``0600``
and :func:`make_folder` creates folders ``0700``; :func:`tighten` takes the
group's and others' access away from an existing one. Exports follow the
user's umask. Nothing here changes modes on Windows.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kzreader.core.errors import KzreaderError

POSIX = os.name == "posix"
#: Modes asked for a new library file and for an export (the umask applies to both).
PRIVATE_FILE = 0o600 if POSIX else 0o666
SHARED_FILE = 0o666
#: Mode of a new library folder.
PRIVATE_FOLDER = 0o700 if POSIX else 0o777

#: What marks a temporary file: ``.<target>`` + ``MARK`` + random + ``SUFFIX``.
MARK = ".kzreader-"
SUFFIX = ".tmp"
#: Files SQLite keeps beside a database it writes.
SQLITE_JOURNALS = ("-journal", "-wal", "-shm")

_TEMPORARY = re.compile(
    r"^\.(?P<target>.+)\.kzreader-[0-9a-f]{12}\.tmp(?:-journal|-wal|-shm)?$", re.DOTALL
)
#: The temporary files of earlier versions, by the target they were for:
#: exports (``.<name>.<hex>.part``), projects (``.<name>.<hex>.tmp``),
#: single-file backups and backups (``<name>.partial`` and its journals).
_LEGACY_FOR_TARGET = (
    re.compile(r"^\.(?P<target>.+)\.[0-9a-f]{8,32}\.(?:part|tmp)$", re.DOTALL),
    re.compile(r"^(?P<target>.+)\.partial(?:-journal|-wal|-shm)?$", re.DOTALL),
)
#: ... and the ones named after no target: the folders of single-file
#: backups and restores, a restore's incoming database, the lock's owner note.
_LEGACY_UNNAMED = re.compile(
    r"^(?:\.kzreader-(?:backup|restore)-.+|.+\.sqlite\.restoring|kzreader\.owner\.tmp)$",
    re.DOTALL,
)


class WriteError(KzreaderError):
    """A file that could not be written; ``reason`` says why, for a person.
    The target is untouched and no temporary file is left."""

    def __init__(self, path: Path, reason: str, *, disk_full: bool = False) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason
        self.disk_full = disk_full


def disk_full(exc: BaseException) -> bool:
    """True for the errors a full disk (or quota) gives, from Python or SQLite."""
    if isinstance(exc, WriteError):
        return exc.disk_full
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", 122)):
        return True
    return "disk is full" in str(exc) or "No space left" in str(exc)


def reason(exc: OSError, *, replacing: bool = False) -> str:
    """Why a write failed. A refusal to replace the target is, on Windows,
    most often the file being open (in a spreadsheet); a refusal to create
    the temporary file is the folder's."""
    if disk_full(exc):
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if isinstance(exc, PermissionError):
        if replacing:
            return "permission denied (is the file open in another program?)"
        return "permission denied: the folder cannot be written"
    return exc.strerror or str(exc)


def _error(target: Path, exc: OSError, replacing: bool = False) -> WriteError:
    return WriteError(target, reason(exc, replacing=replacing), disk_full=disk_full(exc))


# -- temporary files --------------------------------------------------------------------


def temporary_name(target: Path) -> Path:
    """A fresh temporary name beside ``target``."""
    return target.with_name(f".{target.name}{MARK}{secrets.token_hex(6)}{SUFFIX}")


def _create(target: Path, private: bool) -> Path:
    """Create an empty temporary file for ``target`` (``O_EXCL``: never an
    existing file, nor a link planted there)."""
    folder = target.parent
    if not folder.is_dir():
        raise WriteError(target, f"the folder {folder} does not exist")
    if target.is_dir():
        raise WriteError(target, "it is a folder")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = temporary_name(target)
        try:
            os.close(os.open(temporary, flags, PRIVATE_FILE if private else SHARED_FILE))
        except FileExistsError:
            continue
        except OSError as exc:
            raise _error(target, exc) from exc
        return temporary


def _discard(temporary: Path) -> None:
    """Remove a temporary file or folder and SQLite's journals beside it."""
    for path in [temporary, *(temporary.with_name(temporary.name + j) for j in SQLITE_JOURNALS)]:
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (POSIX only: Windows cannot open a folder)."""
    if not POSIX:
        return
    with contextlib.suppress(OSError):  # some file systems refuse: nothing to be done
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(temporary: Path, target: Path) -> None:
    """Give a completely written file its name: flushed to disk, renamed over
    ``target``, the folder flushed. Raises ``WriteError``."""
    try:
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
    except OSError as exc:
        raise _error(target, exc) from exc
    try:
        os.replace(temporary, target)
    except OSError as exc:
        raise _error(target, exc, replacing=True) from exc
    _fsync_folder(target.parent)


@contextlib.contextmanager
def scratch(target: Path, *, private: bool = True) -> Iterator[Path]:
    """A temporary file beside ``target`` (named as :func:`new_file` names
    them), removed when the block ends however it ends, unless the block
    moved it (``publish``). For a file that is only a step: the database
    copy that goes into an archive, the database a restore brings in."""
    temporary = _create(Path(target), private)
    try:
        yield temporary
    finally:
        _discard(temporary)


@contextlib.contextmanager
def new_file(
    target: str | Path, *, private: bool = False, sweep_first: bool = True
) -> Iterator[Path]:
    """The path of an empty temporary file to write ``target``'s content
    into; it replaces ``target`` when the block ends without error.

    ``private``: owner-only (a library's files); else the umask's mode (an
    export). ``sweep_first``: remove what an interrupted write to ``target``
    left beside it first. An ``OSError`` (from the block too) becomes
    ``WriteError``; any other error is raised again as it was.
    """
    target = Path(target)
    if sweep_first:
        sweep(target)
    temporary = _create(target, private)
    try:
        yield temporary
        publish(temporary, target)
    except OSError as exc:
        raise _error(target, exc) from exc
    finally:
        _discard(temporary)


@contextlib.contextmanager
def open_new(
    target: str | Path,
    mode: str = "w",
    *,
    private: bool = False,
    encoding: str | None = None,
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """:func:`new_file`, opened: ``mode`` is ``"w"`` (text, ``encoding`` and
    ``newline`` as for ``open``) or ``"wb"``. The file is closed (flushed)
    before it takes ``target``'s place."""
    if mode not in ("w", "wb"):
        raise ValueError(f"open_new writes a new file: mode 'w' or 'wb', not {mode!r}")
    target = Path(target)
    with new_file(target, private=private) as temporary:
        try:
            handle = open(temporary, mode, encoding=encoding, newline=newline)  # noqa: SIM115
        except OSError as exc:
            raise _error(target, exc) from exc
        with handle:
            yield handle


# -- leftovers ----------------------------------------------------------------------------


def is_leftover(name: str, target: str | None = None) -> bool:
    """Whether ``name`` is a temporary file of kzreader (of this version or
    an earlier one); with ``target``, one written for that target name."""
    for pattern in (_TEMPORARY, *_LEGACY_FOR_TARGET):
        found = pattern.match(name)
        if found and (target is None or found["target"] == target):
            return True
    return target is None and _LEGACY_UNNAMED.match(name) is not None


def leftovers(folder: Path, target: str | None = None) -> list[Path]:
    """The temporary files and folders in ``folder`` (only those for the
    target name ``target`` when given), sorted."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(folder / name for name in names if is_leftover(name, target))


def remove(path: Path) -> bool:
    """Delete a leftover file or folder; False when it could not be deleted."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        return not os.path.lexists(path)
    return True


def remove_leftovers(folder: Path, target: str | None = None) -> list[Path]:
    """Delete :func:`leftovers`; the ones deleted."""
    return [path for path in leftovers(folder, target) if remove(path)]


def sweep(target: Path) -> list[Path]:
    """Delete what interrupted writes to ``target`` left beside it."""
    return remove_leftovers(target.parent, target.name)


# -- modes --------------------------------------------------------------------------------


def make_folder(path: Path, *, private: bool = True, parents: bool = False) -> None:
    """Create the folder ``path`` (owner-only when ``private``; the folders
    above it, with ``parents``, get the usual mode). Nothing if it exists."""
    path.mkdir(mode=PRIVATE_FOLDER if private else 0o777, parents=parents, exist_ok=True)


def create_private(path: Path) -> bool:
    """Create ``path`` empty and owner-only, so that what writes it next (SQLite)
    keeps that mode; False when it exists or cannot be created."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except OSError:
        return False
    return True


def tighten(path: Path) -> bool:
    """Take the group's and others' access away from ``path`` (POSIX; links
    are left alone). True when it was changed."""
    if not POSIX:
        return False
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode) or not mode & 0o077:
            return False
        os.chmod(path, stat.S_IMODE(mode) & ~0o077)
    except OSError:
        return False
    return True
