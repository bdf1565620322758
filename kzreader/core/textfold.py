"""Accent and case folding shared by the index and the search code."""

from __future__ import annotations

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


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case ``word`` and strip its accents: ``Tokaïev`` → ``tokaiev``;
    format characters are dropped (:data:`FORMAT_CHARACTERS`)."""
    word = word.lower()
    if word.isascii():
        return word
    word = word.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
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
