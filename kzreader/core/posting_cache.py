"""The words' postings a library's searches keep decoded between searches
(``core.ranking`` reads and uses them; the index owns one cache, emptied
when it closes). No numpy here: the window imports this module to open,
and numpy is loaded by the first search."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

__all__ = ["MAX_CACHED_POSTINGS", "Key", "PostingCache"]

#: Postings kept between searches, counted as entries of 8 bytes (an article
#: number and a weight, or one position of a word): at most 32 MB. The
#: commonest word of a 100,000-article library is in some 97,000 articles;
#: the words of a session's queries fit.
MAX_CACHED_POSTINGS = 4_000_000


#: A cache key: (segment, field, word, what): ``what`` is "postings" (article
#: numbers and weights) or "positions".
Key = tuple[str, str, bytes, str]


class PostingCache:
    """Decoded postings by (segment, field, word), least recently used
    dropped first beyond ``limit`` entries (each value is put with its
    size in entries). A segment's postings never change (deletions are
    applied when the query is evaluated), so nothing here goes stale: a
    merged-away segment's words are simply not asked for again and age out."""

    def __init__(self, limit: int = MAX_CACHED_POSTINGS) -> None:
        self.limit = limit
        self._kept: OrderedDict[Key, tuple[Any, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def postings(self) -> int:
        """The entries kept, all values together."""
        return self._size

    def get(self, key: Key) -> Any | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            self._kept.move_to_end(key)
            return found[0]

    def put(self, key: Key, value: Any, size: int) -> None:
        if size > self.limit:
            return
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = (value, size)
            self._size += size
            while self._size > self.limit:
                _, (_value, dropped) = self._kept.popitem(last=False)
                self._size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._size = 0
