"""Words and shingles for reuse detection.

A text becomes a sequence of folded words (``textfold.fold``: case and
accents ignored) with their code-point offsets; punctuation, apostrophes of
any kind (``l’OTSC``, ``l'OTSC``), NBSP and line or paragraph breaks only
separate words, so that a passage reads the same whatever its typography.
Boilerplate spans are blanked first: their words are not there.

Each word gets a stable 32-bit hash (the same in every process and on every
machine, so that shingles can be stored), and each run of ``SHINGLE``
consecutive words a 32-bit shingle hash computed from them with numpy.
Thirty-two bits keep a 10,000-article library's shingles in 50 MB; the rare
collision only makes a candidate that the word-by-word alignment rejects.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from kzreader.core.textfold import fold, mask_spans

#: Words per shingle.
SHINGLE = 3
#: Soft hyphen, zero-width characters, word joiner and BOM inside a word
#: (as pasted from the web) keep it one word; folding drops them.
_INSIDE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_WORD = re.compile(rf"\w+(?:[{_INSIDE}]+\w+)*")
_DROP = str.maketrans(dict.fromkeys(_INSIDE, ""))
# odd multipliers of the shingle hash, one per word of a shingle
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93][:SHINGLE],
    dtype=np.uint64,
)


@lru_cache(maxsize=100_000)
def word_hash(folded: str) -> int:
    """A stable 32-bit hash of a folded word."""
    digest = hashlib.blake2b(folded.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "little")


@dataclass(frozen=True)
class Words:
    """The words of one text: hashes and ``[start, end)`` offsets."""

    hashes: np.ndarray  # uint32, one per word
    starts: np.ndarray  # int32
    ends: np.ndarray  # int32

    def __len__(self) -> int:
        return len(self.hashes)


def words_of(text: str, boilerplate: Sequence[Sequence[int]] = ()) -> Words:
    """The words of ``text`` outside its boilerplate spans."""
    masked = mask_spans(text, [list(span) for span in boilerplate]) if boilerplate else text
    hashes: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD.finditer(masked):
        word = m.group()
        if not word.isascii():
            word = word.translate(_DROP)
        hashes.append(word_hash(fold(word)))
        starts.append(m.start())
        ends.append(m.end())
    return Words(
        np.array(hashes, dtype=np.uint32),
        np.array(starts, dtype=np.int32),
        np.array(ends, dtype=np.int32),
    )


def shingles(hashes: np.ndarray) -> np.ndarray:
    """The shingle hash at each word position that starts a full shingle."""
    count = len(hashes) - SHINGLE + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint32)
    wide = hashes.astype(np.uint64)
    out = wide[:count] * _MULTIPLIERS[0]
    for k in range(1, SHINGLE):
        out += wide[k : k + count] * _MULTIPLIERS[k]
    return ((out >> np.uint64(32)) ^ out).astype(np.uint32)


def shingle_set(hashes: np.ndarray) -> np.ndarray:
    """The distinct shingles of a text, sorted (what is stored per document)."""
    return np.unique(shingles(hashes))


def to_blob(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
