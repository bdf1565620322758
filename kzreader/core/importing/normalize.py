"""Normalise decoded text: ``\\n`` newlines and Unicode NFC, nothing else.

The stored text is the article whole: no stripping, no collapsing of blank
space, no removal of web chrome (that is recorded as boilerplate spans).
Only a leading byte-order mark is dropped. U+2028/U+2029 are kept as they are.
"""

from __future__ import annotations

import unicodedata

BOM = "\ufeff"


def normalize_text(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` → ``\\n``; NFC; a leading BOM removed."""
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
