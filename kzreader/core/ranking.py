"""Ranking a search with arrays: the same hits, scores and total as Whoosh's
collector, without a Python call per matching article.

Whoosh matches a query posting by posting: each matching article climbs the
tree of union and intersection matchers, is scored and offered to the
collector, some ten Python calls each. At 100,000 articles a common word
matches 97,000 of them and takes 0.2 s that way, of which reading the
postings is a fifth. Here each word's postings are read whole from the
segment's blocks into two arrays (article numbers, weights), kept for the
next search (``PostingCache``), and the query is evaluated over arrays the
size of a segment: a word's BM25F score for all its articles in one
expression, an AND as a product of masks, an OR as a sum of scores.

The queries ranked here are those made of words, AND, OR, NOT, prefixes,
wildcards, fuzzy terms and ``*`` (what ``core.query`` parses them into).
A phrase or a date range is matched by Whoosh: ``rank`` then answers None
and the caller runs Whoosh's collector.

Scores are Whoosh's to the last bit for a single word (the same expression
in the same floating-point arithmetic); a sum may differ in its last bit,
since Whoosh adds an AND's parts in the order of its matcher tree. Ties are
broken as Whoosh's ``TopCollector`` does: the lower article number first.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from pickle import loads

import numpy as np
from whoosh import matching, query
from whoosh.codec import whoosh3
from whoosh.matching import wrappers

from kzreader.core.matching import FastBM25F, FastPhrase, _norms
from kzreader.core.posting_cache import PostingCache
from kzreader.core.query import AllDocuments, _Remembered, is_null

__all__ = ["PostingCache", "matching_docnums", "rank"]

#: Whether a search's time has run out (looked at before a word's postings
#: are read from the index, and every 16 blocks of them).
_Clock = Callable[[], bool] | None
#: A word's postings in a segment: article numbers, weights, and positions
#: (``article << 32 | position``) when asked for.
_Read = tuple[np.ndarray, np.ndarray, np.ndarray | None]


class _Unsupported(Exception):
    """A part of the query only Whoosh's matchers answer."""


# -- reading postings ----------------------------------------------------------


def _read_blocks(m: whoosh3.W3LeafMatcher, positions: bool, expired: _Clock) -> _Read:
    """Every posting of ``m`` from its blocks: each block's ids are deltas
    from the block's start, so each block's first delta is made relative
    to the previous block's last id, and one cumulative sum decodes all.
    With ``positions``, each posting's positions too (``_keys``)."""
    deltas: list[tuple[int, ...]] = []
    weights: list[object] = []
    lengths: list[int] = []
    maxids: list[int] = []
    lists: list[list[int]] = []
    while True:
        m._read_data()
        data = m._data
        deltas.append(data[0])
        weights.append(data[1])
        lengths.append(m._blocklength)
        maxids.append(m._maxid)
        if positions:
            lists.extend(_block_lists(data[2]))
        if m._lastblock:
            break
        if expired is not None and not len(lengths) % 16 and expired():
            raise _OutOfTime
        m._goto(m._nextoffset)
    total = sum(lengths)
    ids = np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=total)
    if len(lengths) > 1:
        starts = np.cumsum(lengths[:-1])
        ids[starts] -= np.asarray(maxids[:-1], dtype=np.int64)
    ids = np.cumsum(ids)
    if all(w is None for w in weights):
        w_all = np.ones(total, dtype=np.float32)
    else:
        w_all = np.empty(total, dtype=np.float32)
        pos = 0
        for w, n in zip(weights, lengths, strict=True):
            w_all[pos : pos + n] = 1.0 if w is None else w  # a float: all alike
            pos += n
    keys = _keys(ids, lists) if positions else None
    return ids.astype(np.int32), w_all, keys


#: A pickle's first two bytes (protocol 2) and its last (STOP).
_PROTOCOL_2, _STOP = b"\x80\x02", b"."


def _block_lists(values: tuple[bytes, ...]) -> list[list[int]]:
    """The position deltas of a block's postings. Each value, after its
    4-byte count, is a whole pickle of one list; their bodies, between a
    MARK and a LIST opcode, make one pickle of the list of those lists,
    unpickled at once (instead of a ``loads`` a posting)."""
    first = values[0] if values else b""
    if first[4:6] == _PROTOCOL_2 and first[-1:] == _STOP:
        joined = b"".join([b"\x80\x02(", *[v[6:-1] for v in values], b"l."])
        try:
            lists = loads(joined)
        except Exception:  # not the layout expected: one at a time below
            lists = None
        if isinstance(lists, list) and len(lists) == len(values):
            return lists
    return [loads(memoryview(v)[4:]) for v in values]


def _keys(ids: np.ndarray, lists: list[list[int]]) -> np.ndarray:
    """``article << 32 | position`` of every position, from each posting's
    list of position deltas (ascending: articles, then positions)."""
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    deltas = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum()))
    running = np.cumsum(deltas)
    # each posting's deltas start again from 0
    ends = np.cumsum(counts)[:-1] - 1
    before = np.concatenate(([0], running[ends])) if len(counts) else running
    positions = running - np.repeat(before, counts)
    return (np.repeat(ids.astype(np.int64), counts) << 32) | positions


def _read_any(m: matching.Matcher, positions: bool) -> _Read:
    """The postings of any matcher (inlined postings, other codecs), one by
    one: these are short lists."""
    ids: list[int] = []
    weights: list[float] = []
    lists: list[list[int]] = []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        if positions:
            at = m.value_as("positions")
            lists.append([p - q for p, q in zip(at, [0, *at[:-1]], strict=True)])
        m.next()
    id_array = np.asarray(ids, dtype=np.int32)
    keys = _keys(id_array, lists) if positions else None
    return id_array, np.asarray(weights, dtype=np.float32), keys


def _word(
    reader, fieldname: str, btext: bytes, cache: PostingCache, positions: bool, expired: _Clock
) -> _Read | None:  # type: ignore[no-untyped-def]
    """(ids, weights, positions or None) of a word in a segment, deleted
    articles included, from the cache or read once for both; None where
    the segment does not hold the word."""
    segment = reader.segment()  # None for an empty index's reader: nothing kept
    name = segment.segment_id() if segment is not None else None
    key = (name, fieldname, btext, "postings")
    at_key = (name, fieldname, btext, "positions")
    found = cache.get(key) if name is not None else None
    keys = cache.get(at_key) if positions and name is not None else None
    if found is not None and (keys is not None or not positions):
        return found[0], found[1], keys
    if (fieldname, btext) not in reader:
        return None
    if expired is not None and expired():  # before reading the word from the index
        raise _OutOfTime
    m = reader.postings(fieldname, btext)
    if isinstance(m, wrappers.FilterMatcher):  # the segment's deletions: applied later
        m = m.child
    if isinstance(m, whoosh3.W3LeafMatcher):
        read = _read_blocks(m, positions, expired)
    else:
        read = _read_any(m, positions)
    for array in read:
        if array is not None:
            array.flags.writeable = False
    if name is not None:
        cache.put(key, (read[0], read[1]), len(read[0]))
        if read[2] is not None:
            cache.put(at_key, read[2], len(read[2]))
    return read


# -- evaluating a query over one segment -----------------------------------------


class _Segment:
    """One segment's searcher, and arrays the size of its articles."""

    def __init__(  # type: ignore[no-untyped-def]
        self,
        searcher,
        cache: PostingCache,
        expired: _Clock,
        scored: bool,
        top,
        how_scored: dict,
    ) -> None:
        self.searcher = searcher
        # the whole index's searcher, and how each word scores in it (idf,
        # average length): the same in every segment, computed once a search
        self.top = top
        self.how_scored = how_scored
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.cache = cache
        self.expired = expired
        self.scored = scored  # False: the matches only, whatever the searcher's weighting
        self._live: np.ndarray | None = None

    def live(self) -> np.ndarray:
        """True for the articles not deleted."""
        if self._live is None:
            live = np.ones(self.size, dtype=bool)
            reader = self.reader
            deleted = getattr(reader, "deleted_docs_set", None)
            if deleted is None and reader.has_deletions():  # readers of other kinds
                deleted = [n for n in range(self.size) if reader.is_deleted(n)]
            if deleted:
                live[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = False
            self._live = live
        return self._live

    def empty(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64)

    def word(self, fieldname: str, btext: bytes, boost: float = 1.0):  # type: ignore[no-untyped-def]
        """Mask and scores of one word, as Whoosh's ``Term`` matcher scores it."""
        mask, out = self.empty()
        found = self.word_postings(fieldname, btext, boost)
        if found is not None:
            mask[found[0]] = True
            out[found[0]] = found[1]
        return mask, out

    def word_postings(self, fieldname: str, btext: bytes, boost: float = 1.0):  # type: ignore[no-untyped-def]
        """(articles, scores) of one word in the segment, or None if absent."""
        found = _word(self.reader, fieldname, btext, self.cache, False, self.expired)
        if found is None:
            return None
        ids, weights, _ = found
        w = weights.astype(np.float64)
        if not self.scored:
            return ids, w
        how = self._how_scored(fieldname, btext)
        if how is None:  # fields not scored (lang:): the weight
            scores = w
        else:
            factor, B, K1, avgfl = how
            norms = _norm_array(self.reader, fieldname, B, K1, avgfl)
            scores = factor * w / (w + norms[ids])
        if boost != 1.0:
            scores = scores * boost
        return ids, scores

    def _how_scored(self, fieldname: str, btext: bytes):  # type: ignore[no-untyped-def]
        """(factor, B, K1, average length) of BM25F for the word, or None
        for a field scored by its weight alone: what ``matching.FastBM25F``'s
        scorer takes from the whole index (``BM25FScorer`` reads the idf and
        the average length from the searcher's parent), once a search."""
        key = (fieldname, btext)
        if key not in self.how_scored:
            top, field = self.top, self.top.schema[fieldname]
            weighting = top.weighting
            if not field.scorable:
                self.how_scored[key] = None
            elif type(weighting) is not FastBM25F or fieldname in weighting._field_B:
                raise _Unsupported(type(weighting).__name__)
            else:
                avgfl = self.how_scored.get(fieldname)
                if avgfl is None:
                    avgfl = self.how_scored[fieldname] = top.avg_field_length(fieldname) or 1
                K1 = weighting.K1
                idf = top.idf(fieldname, btext)
                self.how_scored[key] = (idf * (K1 + 1), weighting.B, K1, avgfl)
        return self.how_scored[key]


def _norm_array(reader, fieldname: str, B: float, K1: float, avgfl: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    """The segment's length normalisations (``matching._norms``) as an array,
    kept beside the list on the segment's reader."""
    norms = _norms(reader, fieldname, B, K1, avgfl)
    cache = reader.__dict__.setdefault("_kz_norm_arrays", {})
    found = cache.get(fieldname)
    if found is None or found[0] is not norms:
        found = cache[fieldname] = (norms, np.asarray(norms, dtype=np.float64))
    return found[1]


def _evaluate(q: query.Query, seg: _Segment) -> tuple[np.ndarray, np.ndarray]:
    """Mask of the articles ``q`` matches in the segment, and their scores,
    as Whoosh's matchers would give them: 0 wherever the mask is false (an
    OR adds its parts' scores)."""
    if is_null(q):
        return seg.empty()
    kind = type(q)
    if kind is query.Term:
        schema = seg.searcher.schema
        if q.fieldname not in schema:
            return seg.empty()
        field = schema[q.fieldname]
        try:
            btext = field.to_bytes(q.text)
        except ValueError:
            return seg.empty()
        return seg.word(q.fieldname, btext, q.boost)
    if isinstance(q, _Remembered):
        return _pattern(q, seg)
    if kind is query.Or:
        if q.minmatch or q.scale:
            raise _Unsupported("Or with minmatch or scale")
        mask, scores = seg.empty()
        for sub in q.subqueries:
            m, s = _evaluate(sub, seg)
            mask |= m
            scores += s
        return mask, scores * q.boost if q.boost != 1.0 else scores
    if kind is query.And:
        mask = np.ones(seg.size, dtype=bool)
        scores = np.zeros(seg.size, dtype=np.float64)
        for sub in q.subqueries:
            m, s = _evaluate(sub, seg)
            mask &= m
            scores += s
        scores[~mask] = 0.0
        return mask, scores * q.boost if q.boost != 1.0 else scores
    if kind is query.Not:
        # Whoosh's InverseMatcher: every article not deleted and not matched,
        # each scoring 1 (so that an AND's other parts keep their order)
        m, _ = _evaluate(q.query, seg)
        mask = ~m & seg.live()
        return mask, mask.astype(np.float64)
    if kind is AllDocuments:
        mask = seg.live().copy()
        return mask, mask * float(q.boost or 1.0)
    if kind is FastPhrase:
        return _phrase(q, seg)
    if kind is query.NumericRange:
        # a date bound: its trie terms' articles, each scoring the boost
        # (Whoosh wraps the terms in a ConstantScoreQuery)
        if not q.constantscore:
            raise _Unsupported("NumericRange scored")
        mask = _mask(q._compile_query(seg.reader), seg)
        return mask, mask * float(q.boost or 1.0)
    raise _Unsupported(kind.__name__)


def _phrase(q: FastPhrase, seg: _Segment) -> tuple[np.ndarray, np.ndarray]:
    """Adjacent words (``matching.FastPhrase``): the articles holding every
    word where each follows the one before, scored as the AND of the words."""
    if q.slop != 1 or len(q.words) < 2:
        raise _Unsupported("sloppy phrase")
    schema = seg.searcher.schema
    if q.fieldname not in schema:
        return seg.empty()
    field = schema[q.fieldname]
    if not field.format or not field.format.supports("positions"):
        raise _Unsupported("phrase without positions")
    words = []
    for word in q.words:
        try:
            words.append(field.to_bytes(word))
        except ValueError:
            return seg.empty()
        if (q.fieldname, words[-1]) not in seg.reader:
            return seg.empty()
    # each word's blocks read once, for its postings and its positions
    at = [_word(seg.reader, q.fieldname, w, seg.cache, True, seg.expired)[2] for w in words]
    mask = np.ones(seg.size, dtype=bool)
    scores = np.zeros(seg.size, dtype=np.float64)
    for word in words:
        m, s = seg.word(q.fieldname, word)
        mask &= m
        scores += s
    if not mask.any():
        return seg.empty()
    starts = at[0][mask[at[0] >> 32]]  # only the articles holding every word
    for offset, keys in enumerate(at[1:], 1):
        wanted = starts + offset
        hit = np.searchsorted(keys, wanted)
        hit[hit == len(keys)] = 0
        starts = starts[keys[hit] == wanted]
        if not len(starts):
            break
    found = np.zeros(seg.size, dtype=bool)
    found[starts >> 32] = True
    scores[~found] = 0.0
    if q.boost != 1.0:
        scores *= q.boost
    return found, scores


def _mask(q: query.Query, seg: _Segment) -> np.ndarray:
    """The articles a range's compiled query matches, unscored."""
    mask = np.zeros(seg.size, dtype=bool)
    if isinstance(q, query.ConstantScoreQuery):
        return _mask(q.child, seg)
    if is_null(q):
        return mask
    if type(q) is query.Or:
        for sub in q.subqueries:
            mask |= _mask(sub, seg)
        return mask
    if type(q) is query.Term:
        words = [q.text]
    elif type(q) is query.TermRange:
        words = list(q._btexts(seg.reader))
    else:
        raise _Unsupported(type(q).__name__)
    for word in words:
        found = seg.word_postings(q.fieldname, word)
        if found is not None:
            mask[found[0]] = True
    return mask


def _pattern(q: query.Query, seg: _Segment) -> tuple[np.ndarray, np.ndarray]:
    """A prefix, wildcard or fuzzy term: the sum of its words' scores
    (``query._Remembered.matcher``); one word scores as that word alone."""
    if not q.text:  # type: ignore[attr-defined]
        raise _Unsupported("empty pattern")
    words = [w for w in q._btexts(seg.reader) if w]  # type: ignore[attr-defined]
    if not words:
        return seg.empty()
    if len(words) == 1:
        return seg.word(q.fieldname, words[0])  # type: ignore[attr-defined]
    ids_parts: list[np.ndarray] = []
    score_parts: list[np.ndarray] = []
    boost = q.boost  # type: ignore[attr-defined]
    for w in words:
        found = seg.word_postings(q.fieldname, w)  # type: ignore[attr-defined]
        if found is not None:
            ids_parts.append(found[0])
            score_parts.append(found[1] * boost)
    if not ids_parts:
        return seg.empty()
    ids = np.concatenate(ids_parts)
    mask = np.bincount(ids, minlength=seg.size).astype(bool)
    scores = np.bincount(ids, weights=np.concatenate(score_parts), minlength=seg.size)
    return mask, scores


def _supported(q: query.Query) -> bool:
    if is_null(q):
        return True
    kind = type(q)
    if kind in (query.Term, query.NumericRange, AllDocuments) or isinstance(q, _Remembered):
        return True
    if kind is FastPhrase:
        return q.slop == 1 and len(q.words) > 1
    if kind in (query.And, query.Or):
        return all(_supported(sub) for sub in q.subqueries)
    if kind is query.Not:
        return _supported(q.query)
    return False


class _OutOfTime(Exception):
    """The search's time ran out before every segment was evaluated."""


def _evaluate_all(  # type: ignore[no-untyped-def]
    searcher, q: query.Query, cache: PostingCache, expired: _Clock, scored: bool = True
):
    """The matching article numbers (global, ascending) and their scores,
    deleted articles out, and whether every segment was evaluated (a
    segment is evaluated whole or not at all: once ``expired()``, looked at
    before reading a word from the index, the search answers with the
    segments done). None where a part of the query is not ranked here."""
    if not _supported(q):
        return None
    numbers: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    complete = True
    how_scored: dict = {}
    try:
        for sub, offset in searcher.leaf_searchers():
            seg = _Segment(sub, cache, expired, scored, searcher, how_scored)
            m, s = _evaluate(q, seg)
            found = np.flatnonzero(m & seg.live())
            numbers.append(found + offset)
            scores.append(s[found])
    except _Unsupported:
        return None
    except _OutOfTime:
        complete = False
    if not numbers:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64), complete
    return np.concatenate(numbers), np.concatenate(scores), complete


def rank(
    searcher,  # type: ignore[no-untyped-def]
    q: query.Query,
    limit: int,
    cache: PostingCache | None = None,
    expired: _Clock = None,
) -> tuple[list[tuple[int, float]], int, bool] | None:
    """The best ``limit`` (article number, score) of ``q``, best first, how
    many articles match, and whether all were reached before ``expired()``;
    None where Whoosh must match the query."""
    found = _evaluate_all(searcher, q, PostingCache() if cache is None else cache, expired)
    if found is None:
        return None
    docnums, matched, complete = found
    total = len(docnums)
    if not total or limit <= 0:
        return [], total, complete
    if total > limit:
        # every article scoring at least the limit-th best, then ties by number
        threshold = np.partition(matched, total - limit)[total - limit]
        keep = matched >= threshold
        docnums, matched = docnums[keep], matched[keep]
    order = np.lexsort((docnums, -matched))[:limit]
    return [(int(docnums[i]), float(matched[i])) for i in order], total, complete


def matching_docnums(
    searcher,  # type: ignore[no-untyped-def]
    q: query.Query,
    cache: PostingCache | None = None,
) -> list[int]:
    """The article numbers ``q`` matches, ascending (those of Whoosh's
    ``docs_for_query``, which matches the queries not evaluated here)."""
    found = _evaluate_all(searcher, q, PostingCache() if cache is None else cache, None, False)
    if found is None:
        return list(searcher.docs_for_query(q))
    return found[0].tolist()
