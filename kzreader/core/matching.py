"""Faster ranking and phrase matching for Whoosh.

Both give the same results as Whoosh's own classes; they only do less work
per matching document, which is where a search over thousands of articles
spends its time (measured with ``benchmarks/run.py --only search``):

- :class:`FastBM25F` scores like ``whoosh.scoring.BM25F`` but reads each
  segment's field lengths once into a table of length normalisations,
  instead of decoding a length byte through four calls for every match;
- :class:`FastPhrase` matches like ``whoosh.query.Phrase`` (adjacent words,
  ``slop=1``) but checks the words' positions with set arithmetic on the
  posting lists instead of building span objects for every candidate.
"""

from __future__ import annotations

from whoosh import columns, matching, query, scoring
from whoosh.codec import whoosh3
from whoosh.matching import binary
from whoosh.query.spans import SpanWrappingMatcher
from whoosh.util import make_binary_tree
from whoosh.util.numeric import byte_to_length

# -- ranking -----------------------------------------------------------------


class _FastBM25FScorer(scoring.BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, qf=1):  # type: ignore[no-untyped-def]
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        self._reader = searcher.reader()
        self._fieldname = fieldname
        self._norms: list[float] | None = None  # built on the first score
        self._factor = self.idf * (K1 + 1)

    def score(self, matcher):  # type: ignore[no-untyped-def]
        norms = self._norms
        if norms is None:
            norms = self._norms = _norms(self._reader, self._fieldname, self.B, self.K1, self.avgfl)
        weight = matcher.weight()
        return self._factor * weight / (weight + norms[matcher.id()])


def _norms(reader, fieldname: str, B: float, K1: float, avgfl: float) -> list[float]:  # type: ignore[no-untyped-def]
    """``K1 * ((1 - B) + B * length / avgfl)`` for every document of a segment,
    cached on the segment's reader (which lives as long as its searcher)."""
    cache = reader.__dict__.setdefault("_kz_norms", {})
    key = (B, K1, avgfl)  # avgfl changes whenever documents are added
    cached = cache.get(fieldname)
    if cached is None or cached[0] != key:
        norms = _norms_from_column(reader, fieldname, B, K1, avgfl)
        if norms is None:
            length = reader.doc_field_length
            norms = [
                K1 * ((1 - B) + B * (length(doc, fieldname, 1) or 1) / avgfl)
                for doc in range(reader.doc_count_all())
            ]
        cached = cache[fieldname] = (key, norms)
    return cached[1]


def _norms_from_column(reader, fieldname: str, B: float, K1: float, avgfl: float):  # type: ignore[no-untyped-def]
    """The same table read from the segment's column of length bytes at once
    (one byte a document), through a table of the 256 possible norms:
    5 ms instead of 300 ms for 100,000 documents, which the first query after
    opening a library paid. None where the segment is not stored that way."""
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, whoosh3.W3PerDocReader):
        return None
    column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    count = reader.doc_count_all()
    by_byte = [K1 * ((1 - B) + B / avgfl)]  # byte 0: no length stored, counted as 1
    by_byte += [K1 * ((1 - B) + B * (byte_to_length(b) or 1) / avgfl) for b in range(1, 256)]
    if column is None:
        return [by_byte[0]] * count
    if not isinstance(column, columns.NumericColumn.Reader) or column._fixedlen != 1:
        return None
    stored = min(column._count, count)
    raw = column._dbfile.get(column._basepos, stored)
    return [by_byte[b] for b in raw] + [by_byte[0]] * (count - stored)


class FastBM25F(scoring.BM25F):
    """BM25F (Whoosh's parameters and formula), scored from a length table."""

    def scorer(self, searcher, fieldname, text, qf=1):  # type: ignore[no-untyped-def]
        field = searcher.schema[fieldname]
        if not field.scorable or fieldname in self._field_B:
            return super().scorer(searcher, fieldname, text, qf)
        return _FastBM25FScorer(searcher, fieldname, text, self.B, self.K1, qf=qf)


# -- phrases -----------------------------------------------------------------


class _PhraseMatcher(SpanWrappingMatcher):
    """Documents holding every word, kept where the words follow each other."""

    def __init__(self, words: list[matching.Matcher]) -> None:
        self._words = words
        super().__init__(make_binary_tree(binary.IntersectionMatcher, words))

    def copy(self):  # type: ignore[no-untyped-def]
        return self.__class__([m.copy() for m in self._words])

    def replace(self, minquality=0):  # type: ignore[no-untyped-def]
        return self if self.is_active() else matching.NullMatcher()

    def _get_spans(self):  # type: ignore[no-untyped-def]
        words = self._words
        starts = set(words[0].value_as("positions"))
        for offset in range(1, len(words)):
            starts.intersection_update(p - offset for p in words[offset].value_as("positions"))
            if not starts:
                return []
        # Callers only test the list for truth; the start positions suffice.
        return sorted(starts)


class FastPhrase(query.Phrase):
    """``query.Phrase`` with a cheaper position check for adjacent words."""

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        fieldname = self.fieldname
        if self.slop != 1 or fieldname not in searcher.schema or len(self.words) < 2:
            return super().matcher(searcher, context)
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)
        reader = searcher.reader()
        words = []
        for word in self.words:
            try:
                term = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, term) not in reader:
                return matching.NullMatcher()
            words.append(query.Term(fieldname, term).matcher(searcher, context))
        m: matching.Matcher = _PhraseMatcher(words)
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m
