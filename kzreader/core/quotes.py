"""Quotations: extracted with their offsets, grouped across documents.

A quotation is the text between « and », “ and ” (or „ and “), or two
straight double quotes on one line; the marks and the spaces inside them
(NBSP and narrow NBSP included) are not part of it. A quotation of fewer
than ``MIN_WORDS`` words is a scare quote or a name, not a quotation.

Quotations of two documents are the same when their folded words are, and
nearly the same when the word-level Levenshtein similarity is at least
``MIN_SIMILARITY`` or when one is a part of the other (``PART_SHARE`` of the
shorter one's words found, in order, in the longer); a group is every
quotation joined by such pairs, told with its first appearance (by
publication date, when the dates tell) and the quotations whose wording
differs from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import LCSseq, Levenshtein

from kzreader.core.reuse import date_order
from kzreader.core.textfold import fold

MIN_WORDS = 3
MIN_SIMILARITY = 0.8
#: A quotation of at least ``PART_WORDS`` words whose words are, in order,
#: ``PART_SHARE`` of a longer one's is a part of it (an outlet quoting less).
PART_WORDS = 6
PART_SHARE = 0.9
#: Word pairs held by more quotations than this do not make candidates.
_MAX_DF = 50
_SPACE = " \t\u00a0\u202f\u2009"
_QUOTE = re.compile(
    r"«(?P<g>[^«»\n]{1,3000}?)»"
    r"|“(?P<c>[^“”\n]{1,3000}?)”"
    r"|„(?P<l>[^„“”\n]{1,3000}?)[“”]"
    r'|"(?P<s>[^"\n]{1,3000}?)"'
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Quote:
    document_id: int
    start: int
    end: int
    text: str
    source: str | None = None
    published: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(fold(w) for w in _WORD.findall(self.text))


@dataclass(frozen=True)
class QuoteGroup:
    id: int
    #: in order of publication when the dates tell, else by document
    quotes: tuple[Quote, ...]
    #: the first appearance, when the dates tell it
    first: Quote | None
    #: ``known``, ``same-day`` or ``unknown``
    order: str
    #: indices into ``quotes`` of those worded differently from the first
    #: (from the earliest listed when the first is not known)
    changed: tuple[int, ...]

    @property
    def documents(self) -> tuple[int, ...]:
        return tuple(sorted({q.document_id for q in self.quotes}))


def extract(
    document_id: int,
    text: str,
    boilerplate: Sequence[Sequence[int]] = (),
    source: str | None = None,
    published: str | None = None,
    min_words: int = MIN_WORDS,
) -> list[Quote]:
    """The quotations of one text, outside its boilerplate spans."""
    out = []
    for m in _QUOTE.finditer(text):
        group = next(g for g in ("g", "c", "l", "s") if m.group(g) is not None)
        start, end = m.span(group)
        while start < end and text[start] in _SPACE:
            start += 1
        while end > start and text[end - 1] in _SPACE:
            end -= 1
        if any(a < end and start < b for a, b in boilerplate):
            continue
        inner = text[start:end]
        if len(_WORD.findall(inner)) >= min_words:
            out.append(Quote(document_id, start, end, inner, source, published))
    return out


def group(quotes: Iterable[Quote], all_groups: bool = False) -> list[QuoteGroup]:
    """Groups of the same or nearly the same quotation; only those found in
    two or more documents unless ``all_groups``."""
    items = list(quotes)
    words = [q.words for q in items]
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(x: int, y: int) -> None:
        x, y = find(x), find(y)
        if x != y:
            parent[max(x, y)] = min(x, y)

    exact: dict[tuple[str, ...], int] = {}
    for k, w in enumerate(words):
        if w in exact:
            join(k, exact[w])
        else:
            exact[w] = k
    # near-duplicates: candidates share a pair of consecutive words
    postings: dict[tuple[str, str], list[int]] = {}
    for w, k in exact.items():
        for pair in set(pairwise(w)):
            postings.setdefault(pair, []).append(k)
    tried: set[tuple[int, int]] = set()
    for ks in postings.values():
        if len(ks) > _MAX_DF:
            continue
        for i, x in enumerate(ks):
            for y in ks[i + 1 :]:
                key = (min(x, y), max(x, y))
                if key in tried or find(x) == find(y):
                    continue
                tried.add(key)
                if _near(words[x], words[y]):
                    join(x, y)
    members: dict[int, list[int]] = {}
    for k in range(len(items)):
        members.setdefault(find(k), []).append(k)
    out = []
    for ks in members.values():
        if not all_groups and len({items[k].document_id for k in ks}) < 2:
            continue
        out.append(_group([items[k] for k in ks]))
    out.sort(key=lambda g: (-len(g.documents), g.quotes[0].document_id, g.quotes[0].start))
    return [QuoteGroup(n + 1, g.quotes, g.first, g.order, g.changed) for n, g in enumerate(out)]


def _near(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    if Levenshtein.normalized_similarity(x, y) >= MIN_SIMILARITY:
        return True
    shorter = min(len(x), len(y))
    return shorter >= PART_WORDS and LCSseq.similarity(x, y) >= PART_SHARE * shorter


def _group(quotes: list[Quote]) -> QuoteGroup:
    ordered = sorted(quotes, key=lambda q: (q.published or "9999", q.document_id, q.start))
    first: Quote | None = ordered[0]
    order = "known"
    for q in ordered[1:]:
        cmp = date_order(ordered[0].published, q.published)
        if cmp is None:
            first, order = None, "unknown"
            break
        if cmp == 0 and q.document_id != ordered[0].document_id:
            first, order = None, "same-day"
    reference = ordered[0].words
    changed = tuple(k for k, q in enumerate(ordered) if q.words != reference)
    return QuoteGroup(0, tuple(ordered), first, order, changed)
