"""A body field's postings made in one pass over its text.

Whoosh indexes a text field by running its analyzer, a chain of generators
(tokenizer, lower case, stop words, folding, stemming) that makes a Token
object per word, and by keeping each word's positions in a list of Python
ints (``formats.Positions.word_values``). For a 50 MB article of 8 million
words that was 25 s of the import's 31 s, and the lists of ints, at 36
bytes a position, most of its 616 MB peak.

``LeanPositions`` gives the same postings (the same words, frequencies,
weights and encoded positions, byte for byte: a test holds them equal) from
a function word → term (``None`` for a stop word) applied to the text's
words found by ``re.findall`` a piece at a time, with each word's positions
kept in an ``array('I')``. It is what the writer's schema uses for the body
fields (``index.lean_writer``) and pickles as Whoosh's own ``Positions``,
so the index's table of contents stays Whoosh's.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from whoosh.formats import Positions

#: Characters of text read per ``findall``; a piece ends at a whitespace
#: character, which no word holds.
PIECE = 1 << 20
_SPACE = re.compile(r"\s")


class Masked(tuple):
    """``(text, spans)``: a body field's value, the text indexed as if each
    span were blanked out (``textfold.mask_spans``) without the copy of the
    text that blanking makes (twice the text's size at its peak: 190 MB for
    an article of 50 MB). Only a ``LeanPositions`` field takes one."""

    def __new__(cls, text: str, spans: Sequence[Sequence[int]]) -> Masked:
        return super().__new__(cls, (text, spans))


def words_of(
    text: str, word: re.Pattern[str], start: int = 0, end: int | None = None
) -> Iterator[list[str]]:
    """The matches of ``word`` in ``text[start:end]``, as lists, a piece of
    it at a time (bounded memory for an article of millions of words)."""
    end = len(text) if end is None else end
    while start < end:
        cut = start + PIECE
        if cut >= end:
            cut = end
        else:
            space = _SPACE.search(text, cut, end)
            cut = space.start() + 1 if space else end
        yield word.findall(text, start, cut)
        start = cut


def _unmasked(value: str | Masked, word: re.Pattern[str]) -> Iterator[list[str]]:
    """The words of a field's value, outside its spans for a ``Masked``."""
    if not isinstance(value, Masked):
        yield from words_of(value, word)
        return
    text, spans = value
    pos = 0
    for start, end in sorted(spans):
        if start > pos:
            yield from words_of(text, word, pos, start)
        pos = max(pos, end)
    yield from words_of(text, word, pos)


class LeanPositions(Positions):
    """``Positions`` whose ``word_values`` uses ``term`` and ``word`` (set by
    ``make_lean``) instead of the analyzer it is given, which they replace."""

    term: Callable[[str], str | None]
    word: re.Pattern[str]

    def __reduce_ex__(self, protocol: Any) -> tuple:
        return (Positions, (), _state(self))  # Positions() given this state

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Positions) and _state(self) == _state(other)

    __hash__ = None  # type: ignore[assignment]  # as Whoosh's formats

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[tuple]:
        if not isinstance(value, str | Masked):  # a list of words: Whoosh's way
            yield from super().word_values(value, analyzer, **kwargs)
            return
        term = self.term
        poses: dict[str, array] = {}
        # as Whoosh's StopFilter numbers them: the first word kept keeps its
        # place among all the words, the next ones are numbered on from it
        index, pos = -1, -1
        for piece in _unmasked(value, self.word):
            for raw in piece:
                index += 1
                text = term(raw)
                if text is None:
                    continue
                pos = index if pos < 0 else pos + 1
                found = poses.get(text)
                if found is None:
                    found = poses[text] = array("I")
                found.append(pos)
        boost = self.field_boost
        for text, positions in poses.items():
            yield (text, len(positions), float(len(positions)) * boost, self.encode(positions))


_OWN = ("term", "word")


def _state(fmt: Positions) -> dict:
    return {k: v for k, v in fmt.__dict__.items() if k not in _OWN}


def make_lean(fmt: Positions, term: Callable[[str], str | None], word: re.Pattern[str]) -> None:
    """Turn ``fmt`` (exactly a ``Positions``) into a ``LeanPositions`` that
    analyses with ``term`` over the matches of ``word``. Without stop words
    the numbering is Whoosh's tokenizer's: every word on from 0."""
    fmt.__class__ = LeanPositions
    fmt.term = term  # type: ignore[attr-defined]
    fmt.word = word  # type: ignore[attr-defined]
