"""Candidate passages and their alignment, for reuse detection.

1. Candidates. Every document contributes its distinct shingles (``SHINGLE``
   folded words) with the position of their first occurrence. Shingles held
   by more than ``max_df`` documents are dropped (stock phrases, leftover
   chrome); every pair of documents sharing one of the others gets a *hit*
   ``(position in a, position in b)``. Hits of a pair that fall on the same
   diagonal band (``position in b - position in a``, in bands of ``BAND``
   words, two staggered band grids) at least ``MIN_HITS`` times are seeds;
   hits scattered over the two texts (chance) are not. All of this is done
   with numpy over the whole library at once.
2. Chains. A pair's seeds, in the order of ``a``, are chained when they are
   at most ``GAP`` words apart and near the same diagonal: one chain is one
   copied passage, however many edits broke its shingles.
3. Alignment. Each chain's stretch of both texts, widened by ``MARGIN``
   words, is aligned word by word (rapidfuzz's Levenshtein opcodes over the
   word hashes); the best-scoring run of that alignment (a match scores +1,
   a substituted, inserted or deleted word ``-EDIT_COST``, as in
   Smith-Waterman) is the aligned passage pair. A run that reaches the edge
   of its window is widened again. Overlapping results of one pair are
   merged into one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Levenshtein

from kzreader.core.reuse_text import SHINGLE, Words

BAND = 16
MIN_HITS = 2
GAP = 40
MARGIN = 12
EDIT_COST = 1.2
#: Words of the longest document position the band keys can hold.
_POS_BITS = 20
_PART_BITS = 3
_PARTS = 1 << _PART_BITS


@dataclass(frozen=True)
class Match:
    """One aligned passage pair: word and character spans in both texts."""

    a: int  # document index (into the caller's list)
    b: int
    a_words: tuple[int, int]  # [first, last + 1) word
    b_words: tuple[int, int]
    a_span: tuple[int, int]  # [start, end) characters
    b_span: tuple[int, int]
    words: int  # words matched
    similarity: float
    #: distinct shared shingles rare enough to be seeds inside both spans
    seeds: int = 0


def max_df_for(documents: int) -> int:
    """Shingles in more documents than this are too common to tell reuse."""
    return max(10, -(-documents // 1000))


def candidate_hits(
    hashes: np.ndarray,
    positions: np.ndarray,
    offsets: np.ndarray,
    max_df: int,
    focus: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(a, b, pa, pb)``: the seeds of every candidate pair, ``a < b``,
    sorted by pair then ``pa``. ``hashes`` and ``positions`` list each
    document's distinct shingles, document ``k``'s from ``offsets[k]`` to
    ``offsets[k + 1]``; ``focus``, a boolean per document, keeps only the
    pairs with a focused document.
    The shingles are sorted in ``_PARTS`` slices of the hash range, so that
    the sort's own arrays stay small whatever the library's size."""
    empty = np.zeros(0, dtype=np.int32)
    found: list[tuple[np.ndarray, ...]] = []
    for part in range(_PARTS):
        idx = np.flatnonzero((hashes >> np.uint32(32 - _PART_BITS)) == part)
        if len(idx) < 2:
            continue
        h = hashes[idx]
        order = np.argsort(h, kind="stable")  # stable: documents stay in order
        idx, h = idx[order], h[order]
        del order
        starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
        counts = np.diff(np.append(starts, len(h)))
        del h
        for g in range(2, max_df + 1):
            sel = starts[counts == g]
            for i in range(g):
                for j in range(i + 1, g):
                    ia, ib = idx[sel + i], idx[sel + j]
                    da = (np.searchsorted(offsets, ia, side="right") - 1).astype(np.int32)
                    db = (np.searchsorted(offsets, ib, side="right") - 1).astype(np.int32)
                    if focus is not None:
                        keep = focus[da] | focus[db]
                        ia, ib, da, db = ia[keep], ib[keep], da[keep], db[keep]
                    if len(ia):
                        found.append((da, db, positions[ia], positions[ib]))
    if not found:
        return empty, empty, empty, empty
    a, b, pa, pb = (np.concatenate([f[k] for f in found]) for k in range(4))
    del found
    span = int(max(a.max(), b.max())) + 1
    pair = a.astype(np.int64) * span + b
    diag = pb.astype(np.int64) - pa + (1 << _POS_BITS)
    keep = np.zeros(len(a), dtype=bool)
    for shift in (0, BAND // 2):
        key = (pair << (_POS_BITS + 2)) | ((diag + shift) // BAND)
        _, inverse, tally = np.unique(key, return_inverse=True, return_counts=True)
        keep |= tally[inverse] >= MIN_HITS
    del diag, key, inverse
    a, b, pa, pb, pair = a[keep], b[keep], pa[keep], pb[keep], pair[keep]
    order = np.lexsort((pa, pair))
    return a[order], b[order], pa[order], pb[order]


def chains(pa: np.ndarray, pb: np.ndarray) -> list[tuple[int, int, int, int]]:
    """``(a_first, a_last, b_first, b_last)`` word positions of each chain of
    one pair's seeds (``pa`` sorted)."""
    open_chains: list[list[int]] = []  # [a0, a1, b0, b1, last diagonal, hits]
    for i, j in zip(pa.tolist(), pb.tolist(), strict=True):
        diag = j - i
        for chain in reversed(open_chains):
            step = i - chain[1]
            if step <= GAP and abs(diag - chain[4]) <= max(BAND // 2, step // 2):
                chain[1] = i
                chain[2] = min(chain[2], j)
                chain[3] = max(chain[3], j)
                chain[4] = diag
                chain[5] += 1
                break
        else:
            open_chains.append([i, i, j, j, diag, 1])
    return [(c[0], c[1], c[2], c[3]) for c in open_chains if c[5] >= MIN_HITS]


def _best_run(wa: list[int], wb: list[int]) -> tuple[int, int, int, int, int, int] | None:
    """``(a0, a1, b0, b1, matched, edits)`` of the best-scoring run of the
    word alignment of ``wa`` with ``wb`` (indices into them), or None."""
    best: tuple[float, int, int, int, int, int, int] | None = None
    score = 0.0
    start = (0, 0)
    matched = edits = 0
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(wa, wb):
        if tag == "equal":
            if score <= 0:
                score, start, matched, edits = 0.0, (i1, j1), 0, 0
            score += i2 - i1
            matched += i2 - i1
            if best is None or score > best[0]:
                best = (score, start[0], i2, start[1], j2, matched, edits)
        else:
            cost = max(i2 - i1, j2 - j1)
            score -= EDIT_COST * cost
            edits += cost
    if best is None:
        return None
    return best[1], best[2], best[3], best[4], best[5], best[6]


def align_chain(
    wa: Words, wb: Words, chain: tuple[int, int, int, int], ha: list[int], hb: list[int]
) -> tuple[int, int, int, int, int, float] | None:
    """Word spans ``(a0, a1, b0, b1)``, words matched and similarity of the
    passage pair around ``chain``; ``ha``/``hb`` are the word hashes."""
    lo_a, hi_a = chain[0] - MARGIN, chain[1] + SHINGLE + MARGIN
    lo_b, hi_b = chain[2] - MARGIN, chain[3] + SHINGLE + MARGIN
    for _ in range(8):
        lo_a, lo_b = max(lo_a, 0), max(lo_b, 0)
        hi_a, hi_b = min(hi_a, len(wa)), min(hi_b, len(wb))
        run = _best_run(ha[lo_a:hi_a], hb[lo_b:hi_b])
        if run is None:
            return None
        a0, a1, b0, b1, matched, _edits = run
        grow = False
        if (a0 == 0 and lo_a > 0) or (b0 == 0 and lo_b > 0):
            lo_a, lo_b, grow = lo_a - 2 * MARGIN, lo_b - 2 * MARGIN, True
        if (a1 == hi_a - lo_a and hi_a < len(wa)) or (b1 == hi_b - lo_b and hi_b < len(wb)):
            hi_a, hi_b, grow = hi_a + 2 * MARGIN, hi_b + 2 * MARGIN, True
        if not grow:
            break
    a0, a1, b0, b1 = a0 + lo_a, a1 + lo_a, b0 + lo_b, b1 + lo_b
    similarity = 2 * matched / ((a1 - a0) + (b1 - b0))
    return a0, a1, b0, b1, matched, round(similarity, 4)


def align_pair(
    a: int, b: int, wa: Words, wb: Words, pa: np.ndarray, pb: np.ndarray, min_words: int
) -> list[Match]:
    """The aligned passage pairs of documents ``a`` and ``b`` from their seeds."""
    ha, hb = wa.hashes.tolist(), wb.hashes.tolist()
    found: list[tuple[int, int, int, int, int, float]] = []
    for chain in chains(pa, pb):
        got = align_chain(wa, wb, chain, ha, hb)
        if got is None or got[4] < min_words:
            continue
        # a chain inside a passage already found adds nothing; one that
        # overlaps it in both texts is the same passage: align the union
        for k, old in enumerate(found):
            if got[0] < old[1] and old[0] < got[1] and got[2] < old[3] and old[2] < got[3]:
                union = (min(got[0], old[0]), max(got[1], old[1]) - SHINGLE,
                         min(got[2], old[2]), max(got[3], old[3]) - SHINGLE)  # fmt: skip
                merged = align_chain(wa, wb, union, ha, hb)
                found[k] = merged if merged is not None and merged[4] >= old[4] else old
                break
        else:
            found.append(got)
    return [
        Match(
            a,
            b,
            (a0, a1),
            (b0, b1),
            (int(wa.starts[a0]), int(wa.ends[a1 - 1])),
            (int(wb.starts[b0]), int(wb.ends[b1 - 1])),
            words,
            similarity,
            int(np.count_nonzero((pa >= a0) & (pa < a1) & (pb >= b0) & (pb < b1))),
        )
        for a0, a1, b0, b1, words, similarity in sorted(found)
    ]


def align_all(
    hits: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    words_for: Callable[[int], Words],
    min_words: int,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Match] | None:
    """Align every candidate pair of ``hits``; None when cancelled."""
    a, b, pa, pb = hits
    if len(a) == 0:
        return []
    change = np.flatnonzero((a[1:] != a[:-1]) | (b[1:] != b[:-1])) + 1
    bounds = [0, *change.tolist(), len(a)]
    total = len(bounds) - 1
    out: list[Match] = []
    for k in range(total):
        if k % 64 == 0:
            if cancelled is not None and cancelled():
                return None
            if progress is not None:
                progress(k, total)
        lo, hi = bounds[k], bounds[k + 1]
        da, db = int(a[lo]), int(b[lo])
        out.extend(
            align_pair(da, db, words_for(da), words_for(db), pa[lo:hi], pb[lo:hi], min_words)
        )
    if progress is not None:
        progress(total, total)
    return out
