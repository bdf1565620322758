"""Accent and case folding shared by the index and the search code."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Invisible format characters that text copied from the web holds inside
#: words: soft hyphen, zero-width space, non-joiner and joiner, word joiner,
#: and a byte-order mark in mid-text. Folding drops them, so that
#: "réac\u00adtion" is found by "réaction"; the stored text keeps them.
FORMAT_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

# Letters that Unicode does not decompose into a base letter plus accents,
# and the format characters, which fold to nothing.
_SPECIAL = str.maketrans(
    {
        **dict.fromkeys(FORMAT_CHARACTERS, ""),
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
    }
)


#: Whether a text holds one of ``_SPECIAL``'s characters (translating a text
#: by a table looks every character up: ten times slower than this search).
_HAS_SPECIAL = re.compile("[" + "".join(map(chr, _SPECIAL)) + "]")
#: The combining marks of U+0300-U+036F, the accents of Latin, Greek and
#: Cyrillic letters, all of which ``unicodedata.combining`` counts but the
#: grapheme joiner U+034F (a test checks it against the running Python's
#: Unicode data).
_COMMON_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")
_NOT_ASCII = re.compile("[^\x00-\x7f]")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case ``word`` and strip its accents: ``Tokaïev`` → ``tokaiev``;
    format characters are dropped (:data:`FORMAT_CHARACTERS`). Accents are
    the combining marks of the text's compatibility decomposition (NFKD):
    the common ones are removed by one regular expression, and only the
    characters left outside ASCII are asked whether they are marks."""
    word = word.lower()
    if word.isascii():
        return word
    if _HAS_SPECIAL.search(word):
        word = word.translate(_SPECIAL)
    stripped = _COMMON_MARKS.sub("", unicodedata.normalize("NFKD", word))
    if not stripped.isascii() and any(map(unicodedata.combining, _NOT_ASCII.findall(stripped))):
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def mask_spans(text: str, spans: list[tuple[int, int]] | list[list[int]]) -> str:
    """``text`` with each span replaced by spaces (newlines kept), so that
    offsets into the result are offsets into ``text``."""
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append("".join("\n" if c == "\n" else " " for c in text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
