"""The concordance (keyword in context): every hit of a search as one line —
left context, the hit, right context — with the article's outlet, date and
title, as Voyant's Contexts, AntConc or TXM show them.

A hit is what autocode would tag for the same query (``hits.find_matches``,
found faster by ``kwic_spans.HitFinder``): each matching word, each
occurrence of a quoted phrase; never a word inside the boilerplate the
importer set aside. One difference: when the query glues words with an
apostrophe or a hyphen (``aujourd’hui``, ``Kassym-Jomart``), the words found
so glued in the text make one hit, not one each. ``start`` and ``end`` are
code points into the stored text (``Library.document(id).text[start:end] ==
hit``).

The contexts are cut at word boundaries (a word longer than the whole width
is cut), at most ``width`` characters each, and their whitespace (line
breaks included) is folded into single spaces; ``left + hit + right`` reads
as the text does. They stop at the boilerplate around the hit (a share
counter, a "Lire aussi" line is no context). The hit itself is the text as
stored.

Lines are yielded as the articles are read (``iter_lines``), in document
order (or the index's, sooner), so that a window can show the first ones at
once; ``sort_lines``
orders them by the word nearest the hit on the left (AntConc's "L1"), on the
right ("R1"), by outlet or by date, ties broken by document then offset;
``group_by_outlet`` counts them per outlet.
"""

from __future__ import annotations

import csv
import json
import re
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session
from whoosh.searching import Searcher

from kzreader.core.errors import KzreaderError, QueryError
from kzreader.core.hits import HitText, expanded_terms
from kzreader.core.index import WORD_PATTERN
from kzreader.core.kwic_spans import HitFinder, first_letter_class
from kzreader.core.models import Document
from kzreader.core.posting_cache import PostingCache
from kzreader.core.query import check_breadth, is_null, parse_query
from kzreader.core.textfold import fold

__all__ = [
    "CSV_COLUMNS",
    "SORTS",
    "WIDTH",
    "KwicLine",
    "OutletGroup",
    "check_arguments",
    "check_sort",
    "group_by_outlet",
    "iter_lines",
    "left_context",
    "load_texts",
    "outlet_counts",
    "prepare",
    "right_context",
    "sort_lines",
    "write_csv",
]

#: Characters of context on each side, by default.
WIDTH = 60
#: The widest context asked for (a concordance line, not a page).
MAX_WIDTH = 1000
#: What lines can be sorted by; None keeps them in document order.
SORTS = ("left", "right", "outlet", "date")
#: Articles read before the first lines come (few: they show at once); then
#: twice as many each time, up to ``CHUNK``.
FIRST_CHUNK = 20
CHUNK = 200
#: The columns of ``write_csv``, in order.
CSV_COLUMNS = (
    "document_id",
    "start",
    "end",
    "left",
    "hit",
    "right",
    "source",
    "published",
    "title",
)
#: How ``outlet_counts`` names the articles without an outlet.
UNKNOWN_OUTLET = "unknown"

_WORD = re.compile(WORD_PATTERN)
#: Apostrophes and hyphens: a word of the query glued by one of them
#: (``aujourd’hui``, ``Kassym-Jomart``) is one hit, not two.
GLUE = "'’ʼ-‐‑"
_GLUED = re.compile(f"\\w[{re.escape(GLUE)}]\\w")


@dataclass(slots=True)
class KwicLine:
    """One hit with its contexts and its article's facts. (Not frozen: a
    frozen dataclass takes five times as long to make, and a concordance
    makes tens of thousands; nothing changes a line once made.)"""

    document_id: int
    start: int
    end: int
    left: str
    hit: str
    right: str
    source: str | None
    published: str | None
    title: str

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in CSV_COLUMNS}


@dataclass
class OutletGroup:
    """The lines of one outlet (``source`` None: articles without one)."""

    source: str | None
    lines: list[KwicLine] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return len({line.document_id for line in self.lines})


def prepare() -> None:
    """Build what every concordance uses, once (the table of letters of
    ``kwic_spans``, 0.1 s): a window may call it on a worker when it opens,
    so that its first concordance does not wait for it."""
    first_letter_class({"a"})


# -- arguments ---------------------------------------------------------------------


def check_arguments(
    query: str, width: int, sort: str | None = None, limit: int | None = None
) -> None:
    """Raise ``KzreaderError`` (``QueryError`` for the query) for what a
    concordance cannot be made of."""
    if not isinstance(query, str) or not query.strip():
        raise QueryError(
            'a concordance needs a search query, e.g. Tokaïev or "maintien de la paix"'
        )
    if isinstance(width, bool) or not isinstance(width, int) or not 1 <= width <= MAX_WIDTH:
        raise KzreaderError(
            f"the context width must be a whole number of characters from 1 to {MAX_WIDTH}, "
            f"not {width!r}"
        )
    check_sort(sort)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise KzreaderError(f"the most lines to give must be 1 or more, not {limit!r}")


def check_sort(sort: str | None) -> None:
    if sort is not None and sort not in SORTS:
        raise KzreaderError(
            f"cannot sort a concordance by {sort!r}: sort by {', '.join(SORTS)} (or not at all)"
        )


# -- contexts ----------------------------------------------------------------------


def _fold_spaces(text: str) -> str:
    """Each run of whitespace as one space (``re.sub(r"\\s+", " ", text)``,
    three times faster on short texts)."""
    words = text.split()
    if not words:
        return " " if text else ""
    folded = " ".join(words)
    if text[0].isspace():
        folded = " " + folded
    if text[-1].isspace():
        folded += " "
    return folded


def _folded(raw: str) -> str:
    # most slices hold no whitespace but single spaces: nothing to fold
    # (isprintable is False for every other whitespace character)
    return raw if "  " not in raw and raw.isprintable() else _fold_spaces(raw)


def left_context(text: str, start: int, width: int = WIDTH, floor: int = 0) -> str:
    """At most ``width`` characters before ``start`` (and after ``floor``),
    whitespace folded, the word cut by the edge left out."""
    # one character more than the width tells whether the edge cuts a word
    begin = start - width - 1
    if begin < floor:
        begin = floor
    before = text[begin:start]
    if "  " in before or not before.isprintable():  # whitespace to fold
        before = _fold_spaces(before)
        while len(before) <= width and begin > floor:  # folded away: read further
            begin = max(floor, begin - 2 * (width + 1 - len(before)) - 16)
            before = _folded(text[begin:start])
    if len(before) > width:
        window = before[-width:]
        if before[-width - 1] != " " and window[0] != " ":
            space = window.find(" ")
            if space >= 0:
                window = window[space:]
        before = window
    return before.lstrip(" ")


def right_context(text: str, end: int, width: int = WIDTH, ceiling: int | None = None) -> str:
    """At most ``width`` characters after ``end`` (and before ``ceiling``),
    whitespace folded, the word cut by the edge left out."""
    size = len(text) if ceiling is None or ceiling > len(text) else ceiling
    stop = end + width + 1
    if stop > size:
        stop = size
    after = text[end:stop]
    if "  " in after or not after.isprintable():
        after = _fold_spaces(after)
        while len(after) <= width and stop < size:
            stop = min(size, stop + 2 * (width + 1 - len(after)) + 16)
            after = _folded(text[end:stop])
    if len(after) > width:
        window = after[:width]
        if after[width] != " " and window[-1] != " ":
            space = window.rfind(" ")
            if space >= 0:
                window = window[: space + 1]
        after = window
    return after.rstrip(" ")


def make_lines(
    doc_id: int, doc: HitText, spans: Iterable[tuple[int, int]], width: int
) -> Iterator[KwicLine]:
    """The lines of the hits ``spans`` of one document. Their contexts stop
    at the boilerplate around them: web chrome is no context."""
    text = doc.text
    chrome = sorted((a, b) for a, b in doc.boilerplate)
    starts = [a for a, _ in chrome]
    size = len(text)
    line, left, right = KwicLine, left_context, right_context
    title, source, published = doc.title, doc.source, doc.published
    for start, end in spans:
        floor, ceiling = 0, size
        if chrome:
            after = bisect_right(starts, start)  # the first chrome span after the hit
            floor = chrome[after - 1][1] if after else 0
            ceiling = chrome[after][0] if after < len(chrome) else size
        yield line(
            doc_id,
            start,
            end,
            left(text, start, width, floor),
            text[start:end],
            right(text, end, width, ceiling),
            source,
            published,
            title,
        )


# -- reading ------------------------------------------------------------------------


#: The columns ``load_texts`` reads, in ``HitText``'s order after the id.
_TEXT_COLUMNS = ("id", "title", "text", "boilerplate", "source", "published", "language")


def load_texts(session: Session, ids: Sequence[int]) -> dict[int, HitText]:
    """What the concordance needs of these documents, read as plain rows
    through the session's connection: SQLAlchemy's statements and column
    types would take three times as long as reading them."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    statement = (
        f"SELECT {', '.join(_TEXT_COLUMNS)} FROM {Document.__tablename__} WHERE id IN ({marks})"
    )
    rows = session.connection().exec_driver_sql(statement, tuple(ids))
    return {row[0]: HitText(row[1], row[2], _spans(row[3]), row[4], row[5], row[6]) for row in rows}


def _spans(stored: str | None) -> list[list[int]]:
    return json.loads(stored) if stored and stored != "[]" else []


def iter_lines(
    searcher: Searcher,
    query: str,
    load: Callable[[list[int]], Mapping[int, HitText]],
    width: int = WIDTH,
    *,
    ordered: bool = True,
    tally: bool = True,
    postings: PostingCache | None = None,
) -> Iterator[KwicLine]:
    """The lines of every hit of ``query``, document by document, as the
    texts are read a chunk at a time. ``ordered``: in document id order;
    otherwise in the index's order (by and large the order of import, a
    re-imported article last), which gives the first lines sooner: the
    documents' ids need not all be read from the index first (0.2 s for
    10,000, the first time). ``tally``: the index is in step with the texts,
    so its counts of the hits may spare scanning them (``kwic_spans``). A
    query that would read too much of the index is refused (``QueryError``),
    as a search is."""
    reader = searcher.reader()
    body_fields = [name for name in reader.indexed_field_names() if name.startswith("body")]
    q = parse_query(query, body_fields, searcher.schema)
    if is_null(q):
        return
    check_breadth(q, reader)
    finder = HitFinder(q, expanded_terms(q, reader), searcher.schema)
    glued = bool(_GLUED.search(query))
    from kzreader.core import ranking  # numpy, loaded by the first search

    numbers = ranking.matching_docnums(searcher, q, postings)
    pairs = sorted(zip(doc_ids(searcher, numbers), numbers, strict=True)) if ordered else None
    counts: dict[int, int] | None = None
    begin, size = 0, FIRST_CHUNK
    while begin < len(numbers):
        if pairs is not None:
            chunk = pairs[begin : begin + size]
        else:
            part = numbers[begin : begin + size]
            chunk = list(zip(doc_ids(searcher, part), part, strict=True))
        docs = load([doc_id for doc_id, _ in chunk])
        for doc_id, number in chunk:
            doc = docs.get(doc_id)
            if doc is None:  # deleted since the index was written
                continue
            spans = finder.spans(doc, counts.get(number, 0) if counts is not None else None)
            yield from make_lines(
                doc_id, doc, join_glued(doc.text, spans) if glued else spans, width
            )
        if counts is None and tally:  # after the first lines: the index's tally of the hits
            counts = finder.expected_counts(reader)
        begin, size = begin + size, min(CHUNK, 2 * size)


#: ``{segment id: {document number in the segment: document id}}``. A Whoosh
#: segment never changes once written (deletions are kept apart), and its
#: id is drawn at random: what was read of it stays true. Reading a stored
#: id takes a decompression and an unpickling (0.2 s for 10,000 articles).
_SEGMENT_IDS: dict[str, dict[int, int]] = {}
_SEGMENTS_KEPT = 32
_SEGMENT_LOCK = threading.Lock()


def doc_ids(searcher: Searcher, numbers: Sequence[int]) -> list[int]:
    """The document ids of the index's document ``numbers``."""
    if not numbers:
        return []
    leaves = searcher.reader().leaf_readers()
    offsets = [offset for _, offset in leaves]
    known = []
    with _SEGMENT_LOCK:  # two workers may read concordances at once
        for leaf, _ in leaves:
            stored = leaf.segment() if hasattr(leaf, "segment") else None
            segment = stored.segment_id() if stored is not None else None
            if segment is None:
                known.append({})
                continue
            if segment not in _SEGMENT_IDS and len(_SEGMENT_IDS) >= _SEGMENTS_KEPT:
                _SEGMENT_IDS.pop(next(iter(_SEGMENT_IDS)))
            known.append(_SEGMENT_IDS.setdefault(segment, {}))
    out = []
    for number in numbers:
        leaf = bisect_right(offsets, number) - 1
        local = number - offsets[leaf]
        ids = known[leaf]
        found = ids.get(local)
        if found is None:
            found = ids[local] = int(searcher.stored_fields(number)["doc_id"])
        out.append(found)
    return out


def join_glued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with the hits one apostrophe or hyphen apart made one (the
    search finds ``aujourd`` and ``hui`` for ``aujourd’hui``)."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start - joined[-1][1] == 1 and text[start - 1] in GLUE:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


# -- sorting and grouping ---------------------------------------------------------------


def _last_word(text: str) -> str:
    words = _WORD.findall(text)
    return fold(words[-1]) if words else ""


def _first_word(text: str) -> str:
    found = _WORD.search(text)
    return fold(found.group()) if found else ""


def _sort_key(sort: str | None) -> Callable[[KwicLine], tuple]:
    if sort == "left":
        return lambda ln: (_last_word(ln.left), ln.document_id, ln.start)
    if sort == "right":
        return lambda ln: (_first_word(ln.right), ln.document_id, ln.start)
    if sort == "outlet":  # the articles without an outlet last
        return lambda ln: (ln.source is None, fold(ln.source or ""), ln.document_id, ln.start)
    if sort == "date":  # the undated last
        return lambda ln: (ln.published is None, ln.published or "", ln.document_id, ln.start)
    return lambda ln: (ln.document_id, ln.start)


def sort_lines(lines: Iterable[KwicLine], sort: str | None) -> list[KwicLine]:
    """The lines ordered by ``sort`` (see ``SORTS``; None: document order):
    words compared with accents and case ignored."""
    check_sort(sort)
    return sorted(lines, key=_sort_key(sort))


def group_by_outlet(lines: Iterable[KwicLine]) -> list[OutletGroup]:
    """The lines per outlet, in the order given within each; the outlets
    with the most lines first (then by name, those without one last)."""
    groups: dict[str | None, OutletGroup] = {}
    for line in lines:
        groups.setdefault(line.source, OutletGroup(line.source)).lines.append(line)
    return sorted(
        groups.values(),
        key=lambda g: (-len(g.lines), g.source is None, fold(g.source or "")),
    )


def outlet_counts(lines: Iterable[KwicLine]) -> dict[str, dict[str, int]]:
    """``{outlet: {"lines": n, "articles": m}}`` (``UNKNOWN_OUTLET`` for the
    articles without one), in ``group_by_outlet``'s order."""
    return {
        (g.source if g.source is not None else UNKNOWN_OUTLET): {
            "lines": len(g.lines),
            "articles": g.articles,
        }
        for g in group_by_outlet(lines)
    }


# -- export --------------------------------------------------------------------------------


def write_csv(lines: Iterable[KwicLine], path: str | Path) -> int:
    """Write the lines as CSV (``CSV_COLUMNS``; UTF-8 with a byte-order mark,
    CRLF, as the codings table: see ``exchange.tabular``, whose protection
    against spreadsheet formulas it shares). The file appears whole or not
    at all. Returns the number of lines written."""
    from kzreader.core.atomic import open_new
    from kzreader.core.exchange.tabular import neutralise_cell

    count = 0
    with open_new(Path(path), encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(CSV_COLUMNS)
        for line in lines:
            writer.writerow(
                [neutralise_cell("" if v is None else str(v)) for v in line.as_dict().values()]
            )
            count += 1
    return count
