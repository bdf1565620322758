"""Code points (core offsets) ↔ UTF-16 units (Qt's QTextDocument positions).

The core counts characters as Python does, in code points; Qt counts UTF-16
code units, where a character outside the Basic Multilingual Plane (an emoji,
one half of a flag) takes two. Every conversion at the GUI boundary goes
through ``OffsetMap``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

#: Characters outside the Basic Multilingual Plane (found by ``re``, in C:
#: a loop over a 20 MB text in Python takes seconds).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts offsets for one text; O(log n) per call, O(1) for BMP-only text."""

    def __init__(self, text: str) -> None:
        #: code point indices of the characters that take two UTF-16 units
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._length = len(text)
        # UTF-16 position at which each astral character starts
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        """UTF-16 position of code point ``offset``."""
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """Code point offset of UTF-16 ``position``; a position between the two
        halves of a surrogate pair maps to the start of its character."""
        if not self._astral:
            return position
        full = bisect_right(self._astral_qt, position - 2)  # both units before position
        if full < len(self._astral_qt) and self._astral_qt[full] == position - 1:
            return position - 1 - full
        return position - full

    def qt_length(self) -> int:
        return self._length + len(self._astral)
