"""Read Whoosh's segment files in place instead of copying them into memory.

Whoosh maps each segment file into memory and hands out each of its parts
(terms, postings, stored fields…) as a ``BufferFile`` over a slice of the
map. ``BufferFile`` wraps that slice in ``io.BytesIO``, and ``BytesIO`` copies
what it is given: opening a searcher therefore reads every segment's terms
and postings from disk and keeps a private copy of them for as long as the
searcher lives. At 100,000 articles that is most of the index (the first
query after opening took 1.9 s, the search process peaked at 1.3 GB).

:class:`_SliceReader` serves the same reads straight from the map, so the
operating system pages in only what a query touches and can drop it again.
It is installed once, when :mod:`kzreader.core.index` is imported; Whoosh's
own classes are otherwise unchanged, and what is read is byte for byte the
same.

Reading through maps has its price when nothing is cached: ``read_ahead``
reads an index's files once, so that the first search does not pay it.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh.filedb import structfile

_BUFFER = 4096  # bytes read from the map at a time for sequential reads


class _SliceReader(io.RawIOBase):
    """A read-only, seekable file over a buffer (a slice of a memory map)."""

    def __init__(self, buf: memoryview) -> None:
        super().__init__()
        self._view = buf
        self._pos = 0
        self._size = len(buf)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, target) -> int:  # type: ignore[no-untyped-def, override]
        start = self._pos
        count = min(len(target), self._size - start)
        if count <= 0:
            return 0
        target[:count] = self._view[start : start + count]
        self._pos = start + count
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._pos
        elif whence == io.SEEK_END:
            offset += self._size
        elif whence != io.SEEK_SET:
            raise ValueError(f"invalid whence ({whence})")
        if offset < 0:
            raise ValueError(f"negative seek position {offset}")
        self._pos = offset
        return offset

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")
        super().close()


def _buffer_file_init(self, buf, name=None, onclose=None):  # type: ignore[no-untyped-def]
    # The attributes of whoosh.filedb.structfile.BufferFile.__init__, with the
    # file read in place rather than through a copy.
    self._buf = buf
    self._name = name
    self.file = io.BufferedReader(_SliceReader(memoryview(buf)), _BUFFER)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def install() -> None:
    """Make Whoosh read segment files in place (idempotent)."""
    structfile.BufferFile.__init__ = _buffer_file_init  # type: ignore[method-assign]


def installed() -> bool:
    return structfile.BufferFile.__init__ is _buffer_file_init


# -- reading ahead -------------------------------------------------------------

#: The most bytes ``read_ahead`` reads: the whole index of 100,000 articles
#: (417 MB), not more than a laptop would want to keep cached for it.
READ_AHEAD_LIMIT = 1 << 30
_CHUNK = 1 << 20


def read_ahead(
    paths: Iterable[Path], stop: Callable[[], bool] = lambda: False, limit: int = READ_AHEAD_LIMIT
) -> int:
    """Read the files once, start to end and smallest first, into nothing,
    so that the operating system has them cached; ``limit`` bytes at most,
    until ``stop()``. Returns the bytes read.

    Whoosh reads its segments through memory maps, a page at a time, where a
    query happens to touch them. With nothing cached (a library opened after
    the computer started, or after other work pushed the index out), the first
    search of a 100,000-article library waited for the disk: 0.55-0.64 s,
    against 0.2 s once cached; reading the 417 MB of the index through took
    0.33 s. The reads release the interpreter's lock, so this runs beside the
    window's other work. A file that is gone (merged away meanwhile) is
    passed over."""
    sized = []
    for path in paths:
        with contextlib.suppress(OSError):
            sized.append((path.stat().st_size, path))
    buffer = bytearray(_CHUNK)
    total = 0
    for _, path in sorted(sized):
        try:
            with open(path, "rb", buffering=0) as file:
                while total < limit and not stop():
                    count = file.readinto(buffer)
                    if not count:
                        break
                    total += count
        except OSError:
            continue
        if total >= limit or stop():
            break
    return total
