"""Ranking, snippets and match offsets of a search (the query language and
its limits are in ``core.query``)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from time import monotonic

from whoosh import collectors, query
from whoosh.searching import Searcher

from kzreader.core.hits import HitText, expanded_terms
from kzreader.core.kwic_spans import HitFinder
from kzreader.core.posting_cache import PostingCache
from kzreader.core.query import check_breadth, is_null, parse_query
from kzreader.core.types import SearchHit, SearchResults

__all__ = ["ANSWER_WITHIN_S", "HitText", "match_spans", "run_search"]

#: The time the app gives a search to answer in (``run_search``'s
#: ``within``). What may take longer at 100,000 articles: a pattern of many
#: common words whose postings are read from the index for the first time
#: (``*tion OR *ment``, the slowest of ``benchmarks/query_limits.py``), and a
#: sloppy phrase, which Whoosh's matchers match article by article.
ANSWER_WITHIN_S = 1.0

#: The share of ``within`` the matches may take; the rest is for the
#: snippets (20 texts read, cut and marked).
_COLLECTING_SHARE = 0.75


def _content_start(text: str, boilerplate: list[list[int]]) -> int:
    pos = 0
    for start, end in boilerplate:
        if start > pos and text[pos:start].strip():
            break
        pos = max(pos, end)
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return min(pos, len(text))


def densest_start(starts: list[int], window: int) -> int:
    """The first of the (sorted) ``starts`` beginning the ``window`` that
    holds the most of them: in one pass (a 50 MB article has tens of
    thousands of matches)."""
    best, best_count, after = starts[0], 0, 0
    for first, start in enumerate(starts):
        if first and start == starts[first - 1]:
            continue  # the same window as the start before
        while after < len(starts) and starts[after] < start + window:
            after += 1
        if after - first > best_count:
            best, best_count = start, after - first
    return best


def make_snippet(
    text: str, matches: list[tuple[int, int]], boilerplate: list[list[int]], width: int = 200
) -> tuple[str, list[tuple[int, int]]]:
    """An extract of about ``width`` characters around the densest matches,
    whitespace folded, and the ranges of the snippet that matched."""
    if matches:
        # the start of the window of 3/4 width holding the most matches
        best = densest_start(sorted(s for s, _ in matches), width * 3 // 4)
        begin = max(0, best - width // 5)
    else:
        begin = _content_start(text, boilerplate)
    end = min(len(text), begin + width)
    # move both ends to word boundaries
    if begin > 0:
        space = text.rfind(" ", max(0, begin - 20), begin)
        begin = space + 1 if space >= 0 else begin
    if end < len(text):
        space = text.find(" ", end, end + 20)
        end = space if space >= 0 else end
    out: list[str] = ["…"] if begin > 0 else []
    length = len(out[0]) if out else 0
    marks: list[tuple[int, int]] = []
    inside = [m for m in matches if m[0] >= begin and m[1] <= end]
    pos = begin
    prev_space = False

    def emit(chunk: str) -> None:
        nonlocal length, prev_space
        for char in chunk:
            if char.isspace():
                if prev_space:
                    continue
                char, prev_space = " ", True
            else:
                prev_space = False
            out.append(char)
            length += 1

    for start, stop in inside:
        emit(text[pos:start])
        mark_start = length
        emit(text[start:stop])
        marks.append((mark_start, length))
        pos = stop
    emit(text[pos:end])
    snippet = "".join(out).rstrip()
    if end < len(text):
        snippet += " …"
    return snippet.lstrip() if begin == 0 else snippet, marks


#: Texts loaded at once to cut snippets and find matches.
LOAD_CHUNK = 200


def match_spans(
    searcher: Searcher,
    text: str,
    load: Callable[[list[int]], Mapping[int, HitText]],
    chunk: int = LOAD_CHUNK,
    only: Collection[int] = (),
    postings: PostingCache | None = None,
) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """``(document id, match offsets)`` of every document matching ``text``
    (of those in ``only``, when given: no other text is loaded or matched),
    in document order, without snippets: what autocode needs. The texts are
    loaded ``chunk`` documents at a time, so memory stays flat however many
    documents match."""
    reader = searcher.reader()
    body_fields = [name for name in reader.indexed_field_names() if name.startswith("body")]
    q = parse_query(text, body_fields, searcher.schema)
    if is_null(q):
        return
    finder = HitFinder(q, expanded_terms(q, reader), searcher.schema)
    from kzreader.core import ranking  # numpy, loaded by the first search

    numbers = ranking.matching_docnums(searcher, q, postings)
    ids = sorted(int(searcher.stored_fields(n)["doc_id"]) for n in numbers)
    if only:
        wanted = set(only)
        ids = [doc_id for doc_id in ids if doc_id in wanted]
    for begin in range(0, len(ids), chunk):
        docs = load(ids[begin : begin + chunk])
        for doc_id in ids[begin : begin + chunk]:
            doc = docs.get(doc_id)
            if doc is not None:
                yield doc_id, finder.spans(doc)


class _OutOfTime(Exception):
    pass


class _Deadline(collectors.WrappingCollector):
    """Collects through ``child`` until ``deadline`` (of ``monotonic``),
    then stops the search, keeping what ``child`` collected. (Whoosh's own
    ``TimeLimitCollector`` stops a search with a timer thread and, on Unix,
    a signal, which only the main thread can receive: the app searches on
    its workers.)"""

    #: matches collected between two looks at the clock
    EVERY = 64

    def __init__(self, child: collectors.Collector, deadline: float) -> None:
        super().__init__(child)
        self.deadline = deadline

    def collect_matches(self) -> None:
        collect, deadline, every = self.child.collect, self.deadline, self.EVERY
        if monotonic() > deadline:  # at a segment's start
            raise _OutOfTime
        for n, sub_docnum in enumerate(self.child.matches(), 1):
            collect(sub_docnum)
            if not n % every and monotonic() > deadline:
                raise _OutOfTime


def run_search(
    searcher: Searcher,
    text: str,
    load: Callable[[list[int]], Mapping[int, HitText]],
    limit: int = 20,
    offset: int = 0,
    within: float | None = None,
    postings: PostingCache | None = None,
) -> SearchResults:
    """The hits ranked ``offset`` to ``offset + limit`` (a page: only its
    texts are read and its snippets made), and the total. Given ``within``
    seconds, the search stops collecting matches when most of them have
    passed, and answers with the best of the articles it reached (not
    ``complete``). ``postings``: the words' postings kept between searches
    (``core.posting_cache``)."""
    started = monotonic()
    reader = searcher.reader()
    body_fields = [name for name in reader.indexed_field_names() if name.startswith("body")]
    q = parse_query(text, body_fields, searcher.schema)
    if is_null(q):
        return SearchResults(query=text, hits=[], total=0)
    check_breadth(q, reader)
    # Matched terms are not recorded per document (terms=True does it for
    # every match, half the time of a search at 10,000 articles): the query's
    # terms, prefixes and fuzzy terms expanded against the index, are looked
    # for in the few hits shown.
    offset = max(offset, 0)
    deadline = None if within is None else started + within * _COLLECTING_SHARE
    from kzreader.core import ranking  # numpy, loaded by the first search

    arrays = ranking.rank(
        searcher,
        q,
        offset + limit,
        postings,
        expired=None if deadline is None else lambda: monotonic() > deadline,
    )
    if arrays is not None:  # words, phrases, AND, OR, NOT, patterns, dates
        top, total, complete = arrays
    else:  # sloppy phrases: matched by Whoosh
        top, total, complete = _collect(searcher, q, offset + limit, deadline)
    finder = HitFinder(q, expanded_terms(q, reader), searcher.schema)
    stored = searcher.stored_fields
    ranked = [(int(stored(n)["doc_id"]), score) for n, score in top[offset:]]
    hits: list[SearchHit] = []
    docs: Mapping[int, HitText] = {}
    for n, (doc_id, score) in enumerate(ranked):
        if n % LOAD_CHUNK == 0:  # texts a few at a time: a search may return them all
            docs = load([i for i, _ in ranked[n : n + LOAD_CHUNK]])
        doc = docs.get(doc_id)
        if doc is None:  # deleted since the index was written
            continue
        matches = finder.spans(doc)
        snippet, marks = make_snippet(doc.text, matches, doc.boilerplate)
        hits.append(
            SearchHit(
                document_id=doc_id,
                score=round(score, 4),
                title=doc.title,
                source=doc.source,
                published=doc.published,
                language=doc.language,
                snippet=snippet,
                snippet_marks=marks,
                matches=matches,
            )
        )
    return SearchResults(query=text, hits=hits, total=total, complete=complete)


def _collect(
    searcher: Searcher, q: query.Query, limit: int, deadline: float | None
) -> tuple[list[tuple[int, float]], int, bool]:
    """The best ``limit`` (article number, score), the total and whether it
    is complete, through Whoosh's collector.

    The collector counts every match as it scores it. Whoosh's default
    skips low-scoring blocks and prunes sub-queries that cannot reach the
    top (``replace``), so its total then needs a second run of the query:
    doubling the time of a phrase search."""
    collector = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    complete = True
    try:
        if deadline is None:
            searcher.search_with_collector(q, collector)
        else:
            searcher.search_with_collector(q, _Deadline(collector, deadline))
    except _OutOfTime:
        complete = False
    top = [(hit.docnum, float(hit.score or 0.0)) for hit in collector.results()]
    return top, collector.total, complete
