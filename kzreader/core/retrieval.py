"""Retrieving coded passages: by tag and metadata, tag intersections,
co-occurrence, tag × outlet counts, and a small passage search."""

from __future__ import annotations

import shlex
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import ColumnElement, Select, case, exists, func, or_, select, true
from sqlalchemy.orm import Session

from kzreader.core import passage_terms
from kzreader.core.db import raw_connection
from kzreader.core.errors import QueryError
from kzreader.core.index import body_terms, date_bounds
from kzreader.core.models import Document, DocumentAttribute, Passage, PassageTerms, passage_tags
from kzreader.core.query import parse_date_range
from kzreader.core.tags import TagTree, passages_under, tag_rows
from kzreader.core.textfold import fold

STATUSES = ("exact", "moved", "fuzzy", "orphan")
#: Passages in document order: read along ``ix_passages_document_start``.
PASSAGE_ORDER = (Passage.document_id, Passage.start, Passage.id)


@dataclass
class PassageFilter:
    """Which passages to retrieve; every field left empty matches all."""

    tags: list[str] = field(default_factory=list)
    #: ``any``: a passage carries one of ``tags``; ``all``: it carries every
    #: one; ``overlap``: every tag is on this passage or on one overlapping it.
    mode: str = "any"
    with_children: bool = True
    document_ids: list[int] = field(default_factory=list)
    #: passages left out whatever the rest (the one a link starts from)
    exclude: list[int] = field(default_factory=list)
    status: str | None = None
    source: str | None = None
    language: str | None = None
    #: A date expression as in search: ``2022-01``, ``2022-01-01..2022-01-15``…
    published: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)


def _tag_sets(
    session: Session, tree: TagTree, paths: Sequence[str], with_children: bool
) -> list[set[int]]:
    sets = []
    for path in paths:
        tag = tree.get(path)
        sets.append(set(tree.descendants(tag.id)) if with_children else {tag.id})
    return sets


def _passage_tag_ids(
    session: Session, passage_ids: Sequence[int] | None = None
) -> dict[int, set[int]]:
    query = select(passage_tags.c.passage_id, passage_tags.c.tag_id)
    if passage_ids is not None:
        query = query.where(passage_tags.c.passage_id.in_(passage_ids))
    out: dict[int, set[int]] = defaultdict(set)
    for pid, tid in session.execute(query):
        out[pid].add(tid)
    return out


class PassageRow(Protocol):
    """A passage as ``find_passages`` gives it: a plain row, not an object."""

    id: int
    document_id: int
    start: int
    end: int


def _overlap(a: PassageRow, b: PassageRow) -> bool:
    return a.document_id == b.document_id and a.start < b.end and b.start < a.end


def _check(flt: PassageFilter) -> None:
    if flt.status is not None and flt.status not in STATUSES:
        raise QueryError(f"status must be one of {', '.join(STATUSES)}")
    if flt.mode not in ("any", "all", "overlap"):
        raise QueryError("mode must be any, all or overlap")


def _checked_tag_sets(session: Session, flt: PassageFilter) -> list[set[int]]:
    """``flt``'s tag sets (each tag with its sub-tags unless told otherwise),
    once its status and mode are known to be valid."""
    _check(flt)
    return _tag_sets(session, TagTree.load(session), flt.tags, flt.with_children)


def _in_sql(flt: PassageFilter) -> bool:
    """Whether SQL alone answers ``flt`` (counted and paged by the database)."""
    return not flt.published and not (len(flt.tags) > 1 and flt.mode == "overlap")


def _tagged(tags: set[int], walk: bool) -> ColumnElement[bool]:
    """A passage carries one of ``tags``. ``walk``: asked of each passage as
    the passages are read in document order (what a page wants, which stops
    once it has its passages); else the tagged passages are listed first
    and looked up (what a whole list, a count or a rare tag want)."""
    if walk:
        return exists().where(
            passage_tags.c.passage_id == Passage.id, passage_tags.c.tag_id.in_(tags)
        )
    return Passage.id.in_(select(passage_tags.c.passage_id).where(passage_tags.c.tag_id.in_(tags)))


def _where(
    session: Session,
    flt: PassageFilter,
    query: Select,
    tag_sets: list[set[int]],
    walk: bool = False,
) -> Select:
    """``query`` (over passages) narrowed by the parts of ``flt`` SQL answers:
    every one but a date range and tags meeting on overlapping passages
    (``walk``: see ``_tagged``)."""
    if flt.document_ids:
        query = query.where(Passage.document_id.in_(flt.document_ids))
    if flt.exclude:
        query = query.where(Passage.id.not_in(flt.exclude))
    if flt.status:
        query = query.where(Passage.status == flt.status)
    if flt.language or flt.source or flt.attributes:
        docs = select(Document.id)
        if flt.language:
            docs = docs.where(Document.language == flt.language.lower())
        if flt.source:  # outlets are few: matched folded here, looked up indexed
            wanted = fold(flt.source)
            sources = [
                src
                for (src,) in session.execute(select(Document.source).distinct())
                if src and fold(src) == wanted
            ]
            docs = docs.where(Document.source.in_(sources))
        for key, value in flt.attributes.items():
            docs = docs.where(
                Document.id.in_(
                    select(DocumentAttribute.document_id).where(
                        DocumentAttribute.key == key, DocumentAttribute.value == value
                    )
                )
            )
        query = query.where(Passage.document_id.in_(docs))
    if tag_sets:
        sets = tag_sets if flt.mode == "all" else [set().union(*tag_sets)]
        for wanted_tags in sets:
            query = query.where(_tagged(wanted_tags, walk))
    return query


def find_passages(session: Session, flt: PassageFilter) -> list[PassageRow]:
    """Passages matching ``flt``, by document then position, as plain rows
    (id, document id, start, end)."""
    tag_sets = _checked_tag_sets(session, flt)
    columns = [Passage.id, Passage.document_id, Passage.start, Passage.end]
    query = _where(session, flt, select(*columns), tag_sets)
    if flt.published:
        query = query.add_columns(
            select(Document.published)
            .where(Document.id == Passage.document_id)
            .scalar_subquery()
            .label("published")
        )
    query = query.order_by(*PASSAGE_ORDER)
    passages: list[PassageRow] = list(session.connection().execute(query).all())  # type: ignore[arg-type]
    if flt.published:
        lo, hi = parse_date_range(flt.published)

        def in_range(published: str | None) -> bool:
            bounds = date_bounds(published)
            return (
                bounds is not None
                and (hi is None or bounds[0] <= hi)
                and (lo is None or bounds[1] >= lo)
            )

        verdicts: dict[str | None, bool] = {}
        kept = []
        for p in passages:
            published = p.published  # type: ignore[attr-defined]
            if published not in verdicts:
                verdicts[published] = in_range(published)
            if verdicts[published]:
                kept.append(p)
        passages = kept
    if len(tag_sets) > 1 and flt.mode == "overlap":
        passages = _overlapping(session, passages, tag_sets)
    return passages


def count_passages(session: Session, flt: PassageFilter) -> tuple[int, int]:
    """How many passages match ``flt``, and in how many documents: any of
    some tags, and nothing else, from the passages' tags and the count each
    tag keeps of its articles (``DocumentTag``)."""
    if not _in_sql(flt):
        rows = find_passages(session, flt)
        return len(rows), len({r.document_id for r in rows})
    tag_sets = _checked_tag_sets(session, flt)
    if _any_of_tags(flt):
        family = sorted(set().union(*tag_sets))
        marks = ", ".join("?" * len(family))
        (documents,) = (
            raw_connection(session)
            .execute(
                f"SELECT count(DISTINCT document_id) FROM document_tags WHERE tag_id IN ({marks})",
                family,
            )
            .fetchone()
        )
        return passages_under(session, family), int(documents)
    query = _where(
        session,
        flt,
        select(func.count(), func.count(Passage.document_id.distinct())).select_from(Passage),
        tag_sets,
    )
    passages, documents = session.execute(query).one()
    return int(passages), int(documents)


def _any_of_tags(flt: PassageFilter) -> bool:
    """Whether ``flt`` asks for the passages carrying any of its tags (or
    its one tag) and nothing else, which ``passage_tags`` answers alone."""
    return bool(flt.tags) and not (
        (len(flt.tags) > 1 and flt.mode != "any")
        or flt.document_ids
        or flt.exclude
        or flt.status
        or flt.source
        or flt.language
        or flt.published
        or flt.attributes
    )


def count_matching(session: Session, flt: PassageFilter) -> int:
    """How many passages match ``flt`` (``count_passages`` without the
    articles, which a count of passages need not visit): any of some tags,
    and nothing else, is counted from the passages' tags and their indexes,
    the rest as ``count_passages`` counts it."""
    if not _in_sql(flt):
        return len(find_passages(session, flt))
    tag_sets = _checked_tag_sets(session, flt)
    if _any_of_tags(flt):
        return passages_under(session, set().union(*tag_sets))
    query = _where(session, flt, select(func.count()).select_from(Passage), tag_sets)
    return int(session.scalar(query) or 0)


#: A page walks the passages in document order, asking each whether it is
#: tagged, when it should meet its passages within this many; else the
#: tagged passages are looked up and sorted (a rare tag).
WALK_LIMIT = 20_000


#: Looking a tagged passage up and sorting it costs SQLite about this many
#: times what asking one passage of the walk whether it is tagged costs
#: (1.2 against 0.5 µs at 100,000 articles).
LOOKUP_COST = 2


def _walks(
    session: Session,
    flt: PassageFilter,
    tag_sets: list[set[int]],
    wanted: int,
    matches: int | None = None,
) -> bool:
    """Whether to read the first ``wanted`` passages of ``flt`` by walking
    the passages in document order, asking each whether it is tagged,
    rather than looking up every tagged passage and sorting them: when the
    walk should meet them within ``WALK_LIMIT`` passages, or within what the
    lookup would read (each tag set's rows, ``LOOKUP_COST`` times). Without
    ``matches`` (how many passages match), the smallest set bounds it."""
    sets = tag_sets if flt.mode == "all" else [set().union(*tag_sets)]
    sizes = [tag_rows(session, tags) for tags in sets]
    matches = min(sizes) if matches is None else matches
    if not matches:
        return False
    every = int(session.scalar(select(func.count()).select_from(Passage)) or 0)
    return wanted * every / matches <= max(WALK_LIMIT, LOOKUP_COST * sum(sizes))


def page_of_passages(
    session: Session, flt: PassageFilter, offset: int, limit: int, total: int | None = None
) -> list[int]:
    """Ids of the matching passages ranked ``offset`` to ``offset + limit``
    in document order, read from the database's indexes when SQL answers
    the filter; ``total``, how many match (``count_passages``) if known,
    chooses how (see ``_walks``)."""
    if not _in_sql(flt):
        return [r.id for r in find_passages(session, flt)[offset : offset + limit]]
    tag_sets = _checked_tag_sets(session, flt)
    walk = bool(tag_sets) and total != 0 and _walks(session, flt, tag_sets, offset + limit, total)
    query = _where(session, flt, select(Passage.id), tag_sets, walk).order_by(*PASSAGE_ORDER)
    return list(session.scalars(query.offset(max(offset, 0)).limit(limit)))


def documents_with_tags(
    session: Session, paths: Sequence[str], with_children: bool = True
) -> set[int]:
    """Ids of the documents holding a passage with any of the tags (or a
    sub-tag), read from the count each tag keeps of each document's passages
    (``DocumentTag``): one index range per tag."""
    tag_sets = _tag_sets(session, TagTree.load(session), paths, with_children)
    if not tag_sets:
        return set()
    wanted = sorted(set().union(*tag_sets))
    marks = ", ".join("?" * len(wanted))
    rows = raw_connection(session).execute(
        f"SELECT document_id FROM document_tags WHERE tag_id IN ({marks})", wanted
    )
    return {document_id for (document_id,) in rows}


def _overlapping(
    session: Session, passages: list[PassageRow], tag_sets: list[set[int]]
) -> list[PassageRow]:
    """The passages on which, or on one of ``passages`` overlapping which,
    every tag set is met."""
    neighbours: dict[int, list[PassageRow]] = defaultdict(list)
    for p in passages:
        neighbours[p.document_id].append(p)
    tags_of: dict[int, set[int]] = defaultdict(set)
    for pid, tid in session.execute(
        select(passage_tags.c.passage_id, passage_tags.c.tag_id)
        .join(Passage, Passage.id == passage_tags.c.passage_id)
        .where(Passage.document_id.in_(list(neighbours)))
    ):
        tags_of[pid].add(tid)
    kept = []
    for p in passages:
        near = [q for q in neighbours[p.document_id] if q.id == p.id or _overlap(p, q)]
        if all(any(tags_of[q.id] & s for q in near) for s in tag_sets):
            kept.append(p)
    return kept


def cooccurrence(
    session: Session, paths: Sequence[str] | None = None, with_children: bool = True
) -> tuple[list[str], list[list[int]]]:
    """Symmetric matrix of how often tags meet: on one passage, or on two
    overlapping passages of a document (each passage pair counted once). The
    diagonal holds each tag's passage count."""
    tree = TagTree.load(session)
    if paths is None:
        paths = sorted((tree.path(t) for t in tree.by_id), key=str.casefold)
    sets = _tag_sets(session, tree, paths, with_children)
    n = len(paths)
    matrix = [[0] * n for _ in range(n)]
    tags_of = _passage_tag_ids(session)
    passages = list(
        session.scalars(
            select(Passage)
            .where(Passage.id.in_(list(tags_of)))
            .order_by(Passage.document_id, Passage.start)
        )
    )
    columns = {p.id: {i for i, s in enumerate(sets) if tags_of[p.id] & s} for p in passages}
    for p in passages:
        for i in columns[p.id]:
            matrix[i][i] += 1
    by_doc: dict[int, list[Passage]] = defaultdict(list)
    for p in passages:
        by_doc[p.document_id].append(p)
    for doc_passages in by_doc.values():
        for a_index, a in enumerate(doc_passages):
            partners = [a] + [
                b for b in doc_passages[a_index + 1 :] if b.start < a.end
            ]  # sorted by start: later passages overlap a only if they start before its end
            for b in partners:
                pairs = {
                    (min(i, j), max(i, j)) for i in columns[a.id] for j in columns[b.id] if i != j
                }
                for i, j in pairs:
                    matrix[i][j] += 1
                    matrix[j][i] += 1
    return list(paths), matrix


def tags_by_source(session: Session, with_children: bool = True) -> dict[str, dict[str, int]]:
    """``{tag path: {outlet: passages}}``; outlets unknown count as ``unknown``."""
    tree = TagTree.load(session)
    rows = session.execute(
        select(passage_tags.c.tag_id, passage_tags.c.passage_id, Document.source)
        .join(Passage, Passage.id == passage_tags.c.passage_id)
        .join(Document, Document.id == Passage.document_id)
    ).all()
    seen: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for tag_id, passage_id, source in rows:
        for counted in tree.lineage(tag_id) if with_children else [tag_id]:
            seen[tree.path(counted)][source or "unknown"].add(passage_id)
    return {
        path: {src: len(ids) for src, ids in sorted(by_src.items())}
        for path, by_src in sorted(seen.items(), key=lambda kv: kv[0].casefold())
    }


# -- passage search ------------------------------------------------------------


def _collapse(text: str) -> str:
    """``text`` folded, its white space runs made single spaces."""
    return " ".join(fold(text).split())


def search_passages(
    session: Session, query: str, with_children: bool = True, exclude: Sequence[int] = ()
) -> list[PassageRow]:
    """Passages whose text and note contain every word (stemmed, accents and
    case ignored) and every ``"phrase"``; ``tag:PATH`` (with its sub-tags
    unless ``with_children`` is False), ``note:WORD``, ``status:S`` and
    ``doc:ID`` narrow the search; the passages of ``exclude`` are left
    out. In document order, as plain rows."""
    return list(iter_search_passages(session, query, with_children, exclude))


def _read_query(query: str) -> tuple[PassageFilter, list[str], list[str], list[str]]:
    """The filter, words, note words and phrases of a passage query."""
    try:
        tokens = shlex.split(query)
    except ValueError as exc:
        raise QueryError(f"cannot read the passage query: {exc}") from exc
    if not tokens:
        raise QueryError("the query is empty")
    flt = PassageFilter()
    words: list[str] = []
    note_words: list[str] = []
    phrases: list[str] = []
    for token in tokens:
        key, _, value = token.partition(":")
        if value and key in ("tag", "note", "status", "doc"):
            if key == "tag":
                flt.tags.append(value)
            elif key == "note":
                note_words.append(value)
            elif key == "status":
                flt.status = value
            else:
                if not value.isdigit():
                    raise QueryError(f"doc: takes a document id, not '{value}'")
                flt.document_ids.append(int(value))
        elif " " in token.strip():
            phrases.append(token)
        else:
            words.append(token)
    if len(flt.tags) > 1:
        flt.mode = "all"
    return flt, words, note_words, phrases


#: Rows read from SQLite at a time by a passage search: few at first (a
#: page may be done after them), then more and more, up to the last figure.
FIRST_BATCH, SEARCH_BATCH = 128, 4096


def iter_search_passages(
    session: Session,
    query: str,
    with_children: bool = True,
    exclude: Sequence[int] = (),
    wanted: int | None = None,
) -> Iterator[PassageRow]:
    """``search_passages`` one passage at a time, as they are found: a page
    stops reading once it has its passages (``wanted``, when it is known,
    chooses how the tagged passages are read, as ``page_of_passages``
    does). The query is read (and refused) before the first passage is
    asked for."""
    flt, words, note_words, phrases = _read_query(query)
    flt.with_children = with_children
    flt.exclude = list(exclude)
    columns = [Passage.id, Passage.document_id, Passage.start, Passage.end]
    if not (words or note_words or phrases):
        if wanted is None:
            return iter(find_passages(session, flt))
        tag_sets = _checked_tag_sets(session, flt)  # a query's filter is SQL's alone
        walk = bool(tag_sets) and _walks(session, flt, tag_sets, wanted)
        first = _where(session, flt, select(*columns), tag_sets, walk).order_by(*PASSAGE_ORDER)
        return iter(session.connection().execute(first.limit(wanted)).all())  # type: ignore[arg-type]
    tag_sets = _checked_tag_sets(session, flt)
    terms_of = _terms_cache()
    if words and passage_terms.current(session):
        # the words asked of the terms kept beside each passage, by SQLite;
        # a passage without them (changed since) is read and asked in Python
        stale = PassageTerms.terms.is_(None)
        select_rows = select(
            *columns,
            Passage.exact if phrases else case((stale, Passage.exact), else_=None).label("exact"),
            Passage.note
            if phrases or note_words
            else case((stale, Passage.note), else_=None).label("note"),
            Document.language,
            stale.label("stale"),
        ).outerjoin(PassageTerms, PassageTerms.passage_id == Passage.id)
        select_rows = select_rows.where(or_(stale, passage_terms.holds_words(words, terms_of)))
    else:
        select_rows = select(
            *columns, Passage.exact, Passage.note, Document.language, true().label("stale")
        )
    select_rows = select_rows.join(Document, Document.id == Passage.document_id)
    if note_words:
        select_rows = select_rows.where(Passage.note.is_not(None))
    walk = wanted is not None and bool(tag_sets) and _walks(session, flt, tag_sets, wanted)
    select_rows = _where(session, flt, select_rows, tag_sets, walk).order_by(*PASSAGE_ORDER)
    return _matching_rows(session, select_rows, words, note_words, phrases, terms_of)


def _terms_cache() -> passage_terms.TermsOf:
    """``body_terms`` of a query word in a language, each computed once."""
    wanted_terms: dict[tuple[str, str | None], set[str]] = {}

    def terms_of(word: str, lang: str | None) -> set[str]:
        key = (word, lang)
        if key not in wanted_terms:
            wanted_terms[key] = body_terms(word, lang)
        return wanted_terms[key]

    return terms_of


def _matching_rows(
    session: Session,
    rows: Select,
    words: list[str],
    note_words: list[str],
    phrases: list[str],
    terms_of: passage_terms.TermsOf,
) -> Iterator[PassageRow]:
    """The rows whose quote and note hold the words (asked here of the rows
    that are ``stale``, SQLite having asked the others), the note words and
    the phrases."""
    folded_phrases = [_collapse(ph) for ph in phrases]
    # a phrase's longest word is in the folded text of any passage holding
    # it: looked for first, it spares most passages their white space made even
    longest = [max(ph.split(), key=len, default="") for ph in folded_phrases]
    result = session.connection().execute(rows)
    size = FIRST_BATCH
    while batch := result.fetchmany(size):
        size = min(2 * size, SEARCH_BATCH)
        for row in batch:
            lang = row.language
            if folded_phrases:
                folded = fold(f"{row.exact}\n{row.note or ''}")
                if any(word not in folded for word in longest):
                    continue
                folded = " ".join(folded.split())
                if any(ph not in folded for ph in folded_phrases):
                    continue
            if words and row.stale:
                body = f"{row.exact}\n{row.note or ''}"
                terms = body_terms(body, lang)
                if any(not (terms_of(w, lang) <= terms) for w in words):
                    continue
            if note_words:
                note_terms = body_terms(row.note or "", lang)
                if any(not (terms_of(w, lang) <= note_terms) for w in note_words):
                    continue
            yield row  # type: ignore[misc]
