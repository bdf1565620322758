"""The words' postings a library's searches keep decoded between searches
(``core.ranking`` reads and uses them; the index owns one cache, emptied
when it closes). No numpy here: the window imports this module to open,
and numpy is loaded by the first search."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

__all__ = ["MAX_CACHED_POSTINGS", "PostingCache"]

#: Postings kept between searches, counted as entries of 8 bytes (an article
#: number and a weight, or one position of a word): at most 32 MB. The
#: commonest word of a 100,000-article library is in some 97,000 articles;
#: the words of a session's queries fit.
MAX_CACHED_POSTINGS = 4_000_000


class PostingCache:
    """Decoded postings by (segment, field, word), least recently used
    dropped first beyond ``limit`` postings. A segment's postings never
    change (deletions are applied when the query is evaluated), so nothing
    here goes stale: a merged-away segment's words are simply not asked
    for again and age out."""

    def __init__(self, limit: int = MAX_CACHED_POSTINGS) -> None:
        self.limit = limit
        self._kept: OrderedDict[tuple[str, str, bytes], tuple[Any, Any]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def postings(self) -> int:
        return self._size

    def get(self, key: tuple[str, str, bytes]) -> tuple[Any, Any] | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def put(self, key: tuple[str, str, bytes], value: tuple[Any, Any]) -> None:
        size = len(value[0])
        if size > self.limit:
            return
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = value
            self._size += size
            while self._size > self.limit:
                _, (ids, _w) = self._kept.popitem(last=False)
                self._size -= len(ids)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._size = 0
