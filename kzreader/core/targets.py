"""Where kzreader may write a file that the user names.

An export, a report or a single-file backup written into a library's own
folder could replace its database, its journal or its index with something
else, and the next opening would find "a file that is not a database". Such
targets are refused before anything is written, however they are spelled:
through a symbolic link, with ``..``, or in another letter case on a file
system that ignores case (macOS, Windows), where two spellings name one file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kzreader.core.errors import TargetError

#: The folders of the libraries this process has open (``core.library``
#: keeps it): no file the user names may be written into one of them.
OPEN_LIBRARIES: set[Path] = set()

#: The files that make a folder a kzreader library (see ``core.library``).
DB_NAME = "library.sqlite"
_MARKERS = ("kzreader.lock", "index", "backups")


def _same(a: Path, b: Path) -> bool:
    """Whether two existing paths are one folder (by device and inode, so
    letter case and links do not matter)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def is_library_folder(folder: Path) -> bool:
    """A folder holding a kzreader library's database and one of its other parts."""
    try:
        return (folder / DB_NAME).is_file() and any((folder / m).exists() for m in _MARKERS)
    except OSError:
        return False


def _existing_folders(target: Path) -> list[Path]:
    """The folders that hold ``target`` (itself first, if a folder), from the
    deepest one that exists up to the root, links resolved."""
    resolved = Path(os.path.abspath(target.expanduser())).resolve(strict=False)
    chain = [resolved, *resolved.parents]
    return [p for p in chain if p.is_dir()]


def library_holding(target: Path, libraries: Iterable[Path] = ()) -> Path | None:
    """The library folder that is ``target`` or holds it: one of ``libraries``
    (open ones), or any folder that is a kzreader library. None otherwise."""
    open_ones = [Path(p) for p in (*libraries, *OPEN_LIBRARIES)]
    for folder in _existing_folders(Path(target)):
        for library in open_ones:
            if _same(folder, library):
                return library
        if is_library_folder(folder):
            return folder
    return None


def check_target(target: str | Path, libraries: Iterable[Path] = (), what: str = "file") -> Path:
    """``target`` as given, once it is known not to lie in a library's
    folder; raises ``TargetError`` (saying which library) if it does."""
    path = Path(target)
    library = library_holding(path, libraries)
    if library is not None:
        raise TargetError(
            f"cannot write the {what} {path}: it would be in the folder of the kzreader "
            f"library {library}, whose database, index and backups it could replace; "
            "choose a folder outside the library"
        )
    return path
