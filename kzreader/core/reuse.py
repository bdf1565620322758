"""Reuse detection across documents: which passages one text took from
another, with exact offsets into both.

The results are plain dataclasses that the command line and the desktop app
show as they are. ``detect`` runs over texts in memory (the benchmarks and
tests call it directly); ``reuse_store`` keeps its results in the library's
database and brings them up to date for the documents that changed.

Offsets are code-point indices into ``documents.text``, half-open. ``a`` is
the earlier document when the publication dates tell (``order`` is then
``"a-first"``); when both are of the same day, or a date is missing or too
vague to tell, ``order`` says ``"same-day"`` or ``"unknown"`` and ``a`` is
simply the document with the smaller id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from kzreader.core.reuse_align import Match, align_all, candidate_hits, max_df_for
from kzreader.core.reuse_limits import MIN_WORDS
from kzreader.core.reuse_text import Words, shingles, words_of

#: Lowest similarity (matched words over the words of both spans) reported.
MIN_SIMILARITY = 0.5
#: A pair of fewer words than ``LONG_WORDS`` must hold at least ``MIN_SEEDS``
#: shared shingles that are rare in the library: a short run of stock
#: phrases ("le secrétaire général de l’OTSC a déclaré") is not reuse.
MIN_SEEDS = 4
LONG_WORDS = 15
#: Bumped when the detection changes: stored results are then recomputed.
DETECTION_VERSION = 1
ORDERS = ("a-first", "same-day", "unknown")


@dataclass(frozen=True)
class ReuseSpan:
    document_id: int
    start: int
    end: int


@dataclass(frozen=True)
class Alignment:
    """Two passages, in two documents, that share a run of text."""

    a: ReuseSpan
    b: ReuseSpan
    words: int
    similarity: float
    #: ``a-first``, ``same-day`` or ``unknown``
    order: str
    #: both documents come from the same outlet (reuse within one outlet)
    same_outlet: bool = False
    id: int | None = None


@dataclass(frozen=True)
class ReuseCluster:
    """Passages of three or more documents joined by alignments (a quote
    taken up by five outlets is one cluster)."""

    id: int
    members: tuple[ReuseSpan, ...]
    #: indices into the report's ``alignments``
    alignments: tuple[int, ...]
    #: the earliest member when the dates tell it, else None
    first: ReuseSpan | None
    #: ``known``, ``same-day`` (the earliest date is shared) or ``unknown``
    order: str

    @property
    def documents(self) -> tuple[int, ...]:
        return tuple(sorted({m.document_id for m in self.members}))


@dataclass(frozen=True)
class ReuseReport:
    alignments: list[Alignment]
    clusters: list[ReuseCluster]
    #: documents whose results are not up to date (a read-only library)
    stale: int = 0


@dataclass(frozen=True)
class ReuseRun:
    """What a detection run did."""

    documents: int
    alignments: int
    seconds: float
    full: bool
    cancelled: bool = False


@dataclass
class DocumentText:
    """One document as detection reads it."""

    id: int
    text: str
    boilerplate: Sequence[Sequence[int]] = ()
    published: str | None = None
    source: str | None = None
    words: Words | None = field(default=None, repr=False)

    def get_words(self) -> Words:
        if self.words is None:
            self.words = words_of(self.text, self.boilerplate)
        return self.words


# -- dates ---------------------------------------------------------------------------


def _when(published: str | None) -> tuple[str, datetime | None] | None:
    """``(day or month, instant)``: the day ``YYYY-MM-DD`` (or ``YYYY-MM``),
    and the UTC instant when a time of day is given."""
    if not published or len(published) < 7:
        return None
    day = published[:10] if len(published) >= 10 else published[:7]
    instant = None
    if len(published) > 10 and "T" in published:
        try:
            parsed = datetime.fromisoformat(published)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            instant = parsed.astimezone(UTC)
    return day, instant


def date_order(first: str | None, second: str | None) -> int | None:
    """-1 when ``first`` is earlier, 1 when later, 0 on the same day (same
    time or no time), None when the dates cannot tell."""
    a, b = _when(first), _when(second)
    if a is None or b is None:
        return None
    if len(a[0]) == len(b[0]):
        if a[0] != b[0]:
            return -1 if a[0] < b[0] else 1
        if a[1] is not None and b[1] is not None and a[1] != b[1]:
            return -1 if a[1] < b[1] else 1
        return 0 if len(a[0]) == 10 else None
    # a day against a month: only different months tell
    ma, mb = a[0][:7], b[0][:7]
    return None if ma == mb else (-1 if ma < mb else 1)


def _same_outlet(first: str | None, second: str | None) -> bool:
    return bool(first and second and first.casefold() == second.casefold())


def orient(
    da: DocumentText | tuple[int, str | None, str | None],
    db: DocumentText | tuple[int, str | None, str | None],
    sa: tuple[int, int],
    sb: tuple[int, int],
    words: int,
    similarity: float,
) -> Alignment:
    """The alignment with ``a`` the earlier document when the dates tell."""
    ia, pa, oa = (da.id, da.published, da.source) if isinstance(da, DocumentText) else da
    ib, pb, ob = (db.id, db.published, db.source) if isinstance(db, DocumentText) else db
    cmp = date_order(pa, pb)
    swap = cmp == 1 or (cmp in (0, None) and ib < ia)
    order = "a-first" if cmp in (-1, 1) else ("same-day" if cmp == 0 else "unknown")
    one, two = ReuseSpan(ia, *sa), ReuseSpan(ib, *sb)
    if swap:
        one, two = two, one
    return Alignment(one, two, words, similarity, order, _same_outlet(oa, ob))


# -- detection -----------------------------------------------------------------------


def shingle_table(words: Words) -> tuple[np.ndarray, np.ndarray]:
    """The distinct shingles of a text and the position of the first of each."""
    values, first = np.unique(shingles(words.hashes), return_index=True)
    return values, first.astype(np.int32)


def detect(
    documents: Sequence[DocumentText],
    min_words: int = MIN_WORDS,
    focus: Sequence[int] | None = None,
    max_df: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Alignment] | None:
    """Every aligned passage pair among ``documents``; with ``focus`` (ids),
    only pairs that involve one of them. None when cancelled."""
    total = len(documents)
    tables = []
    for k, doc in enumerate(documents):
        if cancelled is not None and k % 256 == 0 and cancelled():
            return None
        if progress is not None and k % 256 == 0:
            progress(k, 2 * total, "reading")
        tables.append(shingle_table(doc.get_words()))
    focus_mask = None
    if focus is not None:
        wanted = set(focus)
        focus_mask = np.array([d.id in wanted for d in documents], dtype=bool)
    return detect_tables(documents, tables, min_words, focus_mask, max_df, progress, cancelled)


def detect_tables(
    documents: Sequence[DocumentText],
    tables: Sequence[tuple[np.ndarray, np.ndarray]],
    min_words: int = MIN_WORDS,
    focus: np.ndarray | None = None,
    max_df: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Alignment] | None:
    """:func:`detect` from each document's shingle table (stored or fresh)."""
    total = len(documents)
    if total < 2:
        return []
    hashes = np.concatenate([t[0] for t in tables]).astype(np.uint32)
    positions = np.concatenate([t[1] for t in tables]).astype(np.int32)
    offsets = np.concatenate(([0], np.cumsum([len(t[0]) for t in tables]))).astype(np.int64)
    df = max_df if max_df is not None else max_df_for(total)
    hits = candidate_hits(hashes, positions, offsets, df, focus)
    del hashes, positions

    def step(done: int, pairs: int) -> None:
        if progress is not None:
            progress(total + (total * done) // max(pairs, 1), 2 * total, "aligning")

    matches = align_all(hits, lambda k: documents[k].get_words(), min_words, step, cancelled)
    if matches is None:
        return None
    return [_alignment(documents, m) for m in matches if reportable(m)]


def reportable(m: Match) -> bool:
    """Whether an aligned pair is reuse rather than chance or stock phrases."""
    return m.similarity >= MIN_SIMILARITY and (m.seeds >= MIN_SEEDS or m.words >= LONG_WORDS)


def _alignment(documents: Sequence[DocumentText], m: Match) -> Alignment:
    return orient(documents[m.a], documents[m.b], m.a_span, m.b_span, m.words, m.similarity)


# -- clusters ------------------------------------------------------------------------


def clusters_of(
    alignments: Sequence[Alignment], published: dict[int, str | None]
) -> list[ReuseCluster]:
    """Passages of three or more documents joined by ``alignments``.

    In each document, the spans of the alignments that overlap are one
    passage; alignments join passages, and each connected set of passages
    spanning three or more documents is a cluster, with its first
    appearance when the dates tell it."""
    spans: dict[int, list[tuple[int, int, int]]] = {}  # doc -> (start, end, node)
    node_of: list[tuple[int, int]] = []  # alignment side -> node
    nodes: list[list[int]] = []  # node -> [doc, start, end]
    parent: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sides = []
    for k, al in enumerate(alignments):
        for side in (al.a, al.b):
            sides.append((side.document_id, side.start, side.end, k))
    sides.sort()
    side_node: dict[tuple[int, int, int, int], int] = {}
    for doc, start, end, k in sides:
        last = spans.get(doc)
        if last and start < nodes[last[-1][2]][2]:
            node = last[-1][2]
            nodes[node][2] = max(nodes[node][2], end)
        else:
            node = len(nodes)
            nodes.append([doc, start, end])
            parent.append(node)
            spans.setdefault(doc, []).append((start, end, node))
        side_node[(doc, start, end, k)] = node
    for k, al in enumerate(alignments):
        x = find(side_node[(al.a.document_id, al.a.start, al.a.end, k)])
        y = find(side_node[(al.b.document_id, al.b.start, al.b.end, k)])
        if x != y:
            parent[x] = y
        node_of.append((x, y))
    groups: dict[int, list[int]] = {}
    for node in range(len(nodes)):
        groups.setdefault(find(node), []).append(node)
    members_of_alignment: dict[int, list[int]] = {}
    for k in range(len(alignments)):
        members_of_alignment.setdefault(find(node_of[k][0]), []).append(k)
    out: list[ReuseCluster] = []
    for root, members in groups.items():
        if len({nodes[n][0] for n in members}) < 3:
            continue
        spans_ = tuple(ReuseSpan(*nodes[n]) for n in sorted(members, key=lambda n: nodes[n]))
        first, order = _first(spans_, published)
        out.append(
            ReuseCluster(0, spans_, tuple(sorted(members_of_alignment.get(root, []))), first, order)
        )
    out.sort(key=lambda c: (-len(c.documents), c.members[0].document_id, c.members[0].start))
    return [
        ReuseCluster(k + 1, c.members, c.alignments, c.first, c.order) for k, c in enumerate(out)
    ]


def _first(
    members: Sequence[ReuseSpan], published: dict[int, str | None]
) -> tuple[ReuseSpan | None, str]:
    """The earliest member, and ``known``; or None and why not."""
    best: list[ReuseSpan] = []
    for m in members:
        if not best:
            best = [m]
            continue
        cmp = date_order(published.get(m.document_id), published.get(best[0].document_id))
        if cmp is None:
            return None, "unknown"
        if cmp < 0:
            best = [m]
        elif cmp == 0:
            best.append(m)
    if len({m.document_id for m in best}) > 1:
        return None, "same-day"
    return best[0], "known"
