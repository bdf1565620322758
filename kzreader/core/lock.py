"""One writer per library: an operating-system lock on ``kzreader.lock``.

The lock is taken with ``fcntl.flock`` (``msvcrt.locking`` on Windows) on a
file in the library folder and held while the library is open for writing.
The operating system drops it when the process ends, however it ends: a
library left by a crashed or killed process is simply free again, with no
stale lock file to clean up.

Who holds it is written beside it, in ``kzreader.owner.json`` (process id,
host, program, since when), so that a refused second instance can say which
program has the library open. That file is informative only: the lock is the
truth.

Both files are owner-only on POSIX, like the rest of the library.

Within one process the lock is shared: the desktop app opens the library in
more than one place (and the tests open it twice), which is one program.
A child process started by the holder (an import) opens the library with
``Library(..., lock=False)``: its parent holds the lock and waits for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from kzreader.core import atomic

LOCK_NAME = "kzreader.lock"
OWNER_NAME = "kzreader.owner.json"


@dataclass(frozen=True)
class Owner:
    """Who holds a library's lock, as it wrote it down."""

    pid: int
    host: str
    program: str
    since: str

    def describe(self) -> str:
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"{self.program} (process {self.pid}{where}, since {self.since})"


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class _Held:
    """The process's hold on one library's lock, shared by its openers."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.users = 0


_held: dict[Path, _Held] = {}
_held_guard = threading.Lock()


def read_owner(folder: Path) -> Owner | None:
    try:
        data = json.loads((folder / OWNER_NAME).read_text("utf-8"))
        return Owner(int(data["pid"]), str(data["host"]), str(data["program"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_owner(folder: Path, program: str) -> None:
    owner = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "program": program,
        "since": datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M"),
    }
    # informative only: never fail an open for it
    with (
        contextlib.suppress(OSError, atomic.WriteError),
        atomic.open_new(folder / OWNER_NAME, "w", private=True, encoding="utf-8") as handle,
    ):
        handle.write(json.dumps(owner))


def _open_lock_file(path: Path) -> IO[bytes]:
    """The lock file, created owner-only if it is not there."""
    flags = os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
    return open(os.open(path, flags, atomic.PRIVATE_FILE), "a+b")


def acquire(folder: Path, program: str) -> bool:
    """Take the lock of the library in ``folder`` (shared within this
    process); False when another process holds it."""
    folder = folder.resolve()
    with _held_guard:
        held = _held.get(folder)
        if held is None:
            handle = _open_lock_file(folder / LOCK_NAME)  # held open while locked
            if not _try_lock(handle):
                handle.close()
                return False
            held = _held[folder] = _Held(handle)
            _write_owner(folder, program)
        held.users += 1
        return True


def release(folder: Path) -> None:
    """Give back one hold on the lock; the last one unlocks."""
    folder = folder.resolve()
    with _held_guard:
        held = _held.get(folder)
        if held is None:
            return
        held.users -= 1
        if held.users > 0:
            return
        del _held[folder]
        with contextlib.suppress(OSError):
            (folder / OWNER_NAME).unlink()
        _unlock(held.handle)
        held.handle.close()


def held_here(folder: Path) -> bool:
    """True when this process holds the lock of ``folder``."""
    with _held_guard:
        return folder.resolve() in _held


def folder_writable(folder: Path) -> bool:
    """Whether files can be created in ``folder`` (a read-only mount, or
    permissions), asked of the system without writing anything."""
    return os.access(folder, os.W_OK | os.X_OK)
