"""Re-anchoring passages (highlights) in a changed text.

A passage keeps two selectors, as in the W3C Web Annotation model: a position
(``start``, ``end``, half-open, Python ``str`` indices, i.e. code points) and a
quote (``exact`` plus up to ``CONTEXT`` code points of ``prefix`` and
``suffix``). When a document is re-imported with a changed text, every passage
is re-anchored with :func:`reanchor`, in this order:

1. ``exact``  -- the new text still holds ``exact`` at the old position;
2. ``moved``  -- ``exact`` occurs elsewhere: the occurrence whose surroundings
   best agree with ``prefix``/``suffix`` wins, closeness to the old position
   breaks ties;
3. ``fuzzy``  -- an approximate match of ``exact`` within a Levenshtein distance
   of ``max(1, len(exact) // 5)``, searched near the old position first, then
   in the whole text (quotes shorter than 4 code points are never fuzzy);
4. ``orphan`` -- nothing found: the old selector is returned unchanged.

Pure functions: no Qt, no database. Texts are expected in NFC (callers
normalise); offsets are never converted here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

CONTEXT = 32
NEAR_WINDOW = 3000  # code points searched on each side of the old position first
MIN_FUZZY_LEN = 4  # shorter quotes are too ambiguous to match approximately
_LONG_QUOTE = 256  # longer quotes are located by exact pieces, not by partial_ratio
_PIECE = 24  # length of those pieces, and of the prefix/suffix probes
_MAX_HITS = 16  # occurrences of one piece or probe considered
_MAX_RADIUS = 64  # how far _refine moves each end of a match

Status = Literal["exact", "moved", "fuzzy", "orphan"]


@dataclass(frozen=True)
class Selector:
    """Position and quote of a passage: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Anchor:
    """Result of re-anchoring one selector in a new text.

    For ``exact``/``moved``/``fuzzy`` the selector is a new one built on the new
    text (so ``new_text[s.start:s.end] == s.exact``); for ``orphan`` it is the
    old selector unchanged. ``distance`` is the Levenshtein distance between the
    old and the new ``exact`` (non-zero only for ``fuzzy``).
    """

    status: Status
    selector: Selector
    distance: int = 0


def make_selector(text: str, start: int, end: int, context: int = CONTEXT) -> Selector:
    """Build the selector of ``text[start:end]`` with ``context`` code points around."""
    if context < 0:
        raise ValueError(f"context must be >= 0, got {context}")
    if not 0 <= start < end <= len(text):
        raise ValueError(f"invalid passage [{start}, {end}) in a text of length {len(text)}")
    return Selector(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def _occurrences(text: str, quote: str, lo: int = 0, hi: int | None = None) -> Iterator[int]:
    """Start of every occurrence of ``quote`` in ``text[lo:hi]`` (overlaps allowed)."""
    hi = len(text) if hi is None else hi
    i = text.find(quote, lo, hi)
    while i != -1:
        yield i
        i = text.find(quote, i + 1, hi)


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """``(start, end)`` of the n-th (1-based) occurrence of ``quote``, or None.

    Occurrences are found by successive ``str.find`` calls, each starting one
    code point after the previous hit, so overlapping occurrences count.
    """
    if not quote:
        raise ValueError("quote must not be empty")
    if occurrence < 1:
        raise ValueError(f"occurrence is 1-based, got {occurrence}")
    for n, i in enumerate(_occurrences(text, quote), start=1):
        if n == occurrence:
            return i, i + len(quote)
    return None


def count_quote(text: str, quote: str) -> int:
    """Number of occurrences of ``quote`` in ``text``, counted as :func:`find_quote` does."""
    if not quote:
        raise ValueError("quote must not be empty")
    return sum(1 for _ in _occurrences(text, quote))


def fuzzy_bound(exact: str) -> int:
    """Largest Levenshtein distance accepted for a fuzzy match of ``exact``."""
    return max(1, len(exact) // 5)


def _common_prefix_len(a: str, b: str) -> int:
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


def _common_suffix_len(a: str, b: str) -> int:
    return _common_prefix_len(a[::-1], b[::-1])


def _context_score(old: Selector, text: str, start: int, end: int) -> int:
    """Agreement of the text around ``[start, end)`` with the old prefix and suffix."""
    before = text[max(0, start - len(old.prefix)) : start]
    after = text[end : end + len(old.suffix)]
    return _common_suffix_len(old.prefix, before) + _common_prefix_len(old.suffix, after)


class _Scorer:
    """Ranks candidate ranges of one old selector in one new text."""

    def __init__(self, old: Selector, text: str, old_length: int | None) -> None:
        self.old = old
        self.text = text
        shift = 0 if old_length is None else len(text) - old_length
        # Where the passage would now start: at the old position if the text
        # changed after it, shifted by the length change if it changed before.
        self.lo, self.hi = sorted((old.start, old.start + shift))

    def closeness(self, start: int) -> int:
        return max(self.lo - start, 0, start - self.hi)

    def key(self, start: int, end: int) -> tuple[int, int, int, int]:
        return (
            -_context_score(self.old, self.text, start, end),
            self.closeness(start),
            abs(start - self.old.start),
            start,
        )


def _refine(scorer: _Scorer, start: int, end: int, bound: int) -> tuple[int, int, int]:
    """Move the ends of ``[start, end)`` to reduce the distance to the old quote.

    Coordinate descent over each end within a small radius; equal
    distances are decided by context agreement, then by length closest to the
    quote's, then by nearness to the given range.
    """
    quote, text = scorer.old.exact, scorer.text
    n, m = len(text), len(quote)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    radius = min(bound + 2, _MAX_RADIUS)

    def better(a: int, b: int) -> tuple[int, int, int] | None:
        """The key of ``[a, b)`` if it beats ``best``, else None (context computed lazily)."""
        if a >= b:
            return None
        d = Levenshtein.distance(quote, text[a:b], score_cutoff=best[0])
        if d > best[0]:
            return None
        k = (d, -_context_score(scorer.old, text, a, b), abs(b - a - m))
        return k if k < best else None

    d0 = Levenshtein.distance(quote, text[start:end]) if start < end else m + 1
    best = (d0, -_context_score(scorer.old, text, start, end), abs(end - start - m))
    for rounds_left in range(4, 0, -1):
        if best[0] - 2 * radius * rounds_left > bound:
            break  # each round moves each end by at most radius: hopeless
        moved = False
        for step in range(1, radius + 1):
            for a in (start - step, start + step):
                if a >= 0 and (k := better(a, end)) is not None:
                    best, start, moved = k, a, True
        for step in range(1, radius + 1):
            for b in (end - step, end + step):
                if b <= n and (k := better(start, b)) is not None:
                    best, end, moved = k, b, True
        if not moved:
            break
    return start, end, best[0]


def _trim(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace at the ends of the match when the quote has none there."""
    s, e = start, end
    if not quote[0].isspace():
        while s < e and text[s].isspace():
            s += 1
    if not quote[-1].isspace():
        while e > s and text[e - 1].isspace():
            e -= 1
    return (s, e) if s < e else (start, end)


def _pieces(quote: str, text: str, lo: int, hi: int, bound: int) -> Iterator[tuple[int, int]]:
    """Locate a long quote by votes of its exact pieces (most survive a few edits)."""
    hits = []  # (shift, offset in quote, position in text)
    for off in range(0, len(quote) - _PIECE + 1, _PIECE):
        for n, pos in enumerate(_occurrences(text, quote[off : off + _PIECE], lo, hi)):
            if n >= _MAX_HITS:
                break
            hits.append((pos - off, off, pos))
    hits.sort()
    groups: list[list[tuple[int, int, int]]] = []
    for hit in hits:
        if groups and hit[0] - groups[-1][0][0] <= bound:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    for group in sorted(groups, key=len, reverse=True)[:3]:
        first, last = min(group, key=lambda h: h[1]), max(group, key=lambda h: h[1])
        yield first[2] - first[1], last[2] + len(quote) - last[1]


def _candidates(
    old: Selector, text: str, lo: int, hi: int, bound: int
) -> Iterator[tuple[int, int]]:
    """Rough ranges in ``text[lo:hi]`` that may hold an approximate ``old.exact``."""
    quote, m = old.exact, len(old.exact)
    if hi - lo <= m + bound:
        yield lo, hi
    elif m > _LONG_QUOTE:
        yield from _pieces(quote, text, lo, hi, bound)
    else:
        # A match within ``bound`` edits has a window of length m with an Indel
        # distance <= 3 * bound, i.e. a ratio >= 100 * (1 - 1.5 * bound / m).
        cutoff = max(0.0, 100.0 * (1.0 - 1.5 * bound / m) - 1.0)
        hit = fuzz.partial_ratio_alignment(quote, text[lo:hi], score_cutoff=cutoff)
        if hit is not None:
            yield lo + hit.dest_start, lo + hit.dest_end
    # The surroundings locate the passage even when the quote changed a lot.
    probe_p, probe_s = old.prefix[-_PIECE:], old.suffix[:_PIECE]
    if len(probe_p) >= _PIECE // 2:
        for n, i in enumerate(_occurrences(text, probe_p, lo, hi)):
            if n >= _MAX_HITS:
                break
            start = i + len(probe_p)
            j = text.find(probe_s, start + max(1, m - bound), start + m + bound + len(probe_s))
            yield start, (j if probe_s and j != -1 else start + m)
    if len(probe_s) >= _PIECE // 2:
        for n, j in enumerate(_occurrences(text, probe_s, lo, hi)):
            if n >= _MAX_HITS:
                break
            yield j - m, j


def _fuzzy_score(old: Selector, text: str, start: int, end: int, d: int) -> float:
    """Weighted agreement of a match: the quote, then its context (by edit distance)."""
    score = 50.0 * (1.0 - d / len(old.exact))
    if old.prefix:
        before = text[max(0, start - len(old.prefix)) : start]
        score += 20.0 * Levenshtein.normalized_similarity(old.prefix, before)
    if old.suffix:
        after = text[end : end + len(old.suffix)]
        score += 20.0 * Levenshtein.normalized_similarity(old.suffix, after)
    return score


def _fuzzy(old: Selector, text: str, scorer: _Scorer) -> tuple[int, int, int] | None:
    quote, n = old.exact, len(text)
    if len(quote) < MIN_FUZZY_LEN or n == 0:
        return None
    bound = fuzzy_bound(quote)
    lo = max(0, scorer.lo - NEAR_WINDOW)
    hi = min(n, scorer.hi + len(quote) + NEAR_WINDOW)
    windows = [(lo, hi)] if (lo, hi) == (0, n) else [(lo, hi), (0, n)]
    refined: dict[tuple[int, int], tuple[int, int, int]] = {}
    for wlo, whi in windows:
        best: tuple[tuple[float, int, int, int], int, int, int] | None = None
        for rough in dict.fromkeys(_candidates(old, text, wlo, whi, bound)):
            if rough not in refined:
                refined[rough] = _refine(scorer, *rough, bound)
            start, end, d = refined[rough]
            trimmed = _trim(quote, text, start, end)
            if trimmed != (start, end):
                d_trimmed = Levenshtein.distance(quote, text[trimmed[0] : trimmed[1]])
                if d_trimmed <= bound:
                    (start, end), d = trimmed, d_trimmed
            if d > bound or start >= end:
                continue
            key = (-_fuzzy_score(old, text, start, end, d), *scorer.key(start, end)[1:])
            if best is None or key < best[0]:
                best = (key, start, end, d)
        if best is not None:
            return best[1], best[2], best[3]
    return None


def _reanchor(
    old: Selector,
    new_text: str,
    old_length: int | None,
    cache: dict[str, list[int]],
) -> Anchor:
    quote = old.exact
    if not quote:
        return Anchor("orphan", old)
    if 0 <= old.start < old.end <= len(new_text) and new_text[old.start : old.end] == quote:
        return Anchor("exact", make_selector(new_text, old.start, old.end))
    starts = cache.get(quote)
    if starts is None:
        starts = cache[quote] = list(_occurrences(new_text, quote))
    scorer = _Scorer(old, new_text, old_length)
    if starts:
        start = min(starts, key=lambda s: scorer.key(s, s + len(quote)))
        return Anchor("moved", make_selector(new_text, start, start + len(quote)))
    found = _fuzzy(old, new_text, scorer)
    if found is None:
        return Anchor("orphan", old)
    start, end, d = found
    return Anchor("fuzzy", make_selector(new_text, start, end), d)


def reanchor(old: Selector, new_text: str, *, old_length: int | None = None) -> Anchor:
    """Re-anchor ``old`` in ``new_text`` (see the module docstring for the rules).

    ``old_length`` (the length of the text ``old`` was made on), when given,
    lets ties between equally good occurrences favour the one at the old
    position shifted by the change of length; without it, the old position.
    """
    return _reanchor(old, new_text, old_length, {})


def reanchor_all(
    olds: Sequence[Selector], new_text: str, *, old_length: int | None = None
) -> list[Anchor]:
    """``[reanchor(o, new_text) for o in olds]``, sharing the search for repeated quotes."""
    cache: dict[str, list[int]] = {}
    return [_reanchor(old, new_text, old_length, cache) for old in olds]
