"""Retrieving coded passages: by tag and metadata, tag intersections,
co-occurrence, tag × outlet counts, and a small passage search."""

from __future__ import annotations

import re
import shlex
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from kzreader.core.errors import QueryError
from kzreader.core.index import body_field, date_bounds, make_schema
from kzreader.core.models import Document, DocumentAttribute, Passage, passage_tags
from kzreader.core.query import parse_date_range
from kzreader.core.tags import TagTree
from kzreader.core.textfold import fold

STATUSES = ("exact", "moved", "fuzzy", "orphan")


@dataclass
class PassageFilter:
    """Which passages to retrieve; every field left empty matches all."""

    tags: list[str] = field(default_factory=list)
    #: ``any``: a passage carries one of ``tags``; ``all``: it carries every
    #: one; ``overlap``: every tag is on this passage or on one overlapping it.
    mode: str = "any"
    with_children: bool = True
    document_ids: list[int] = field(default_factory=list)
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


def _overlap(a: Passage, b: Passage) -> bool:
    return a.document_id == b.document_id and a.start < b.end and b.start < a.end


def find_passages(session: Session, flt: PassageFilter) -> list[Passage]:
    """Passages matching ``flt``, by document then position."""
    if flt.status is not None and flt.status not in STATUSES:
        raise QueryError(f"status must be one of {', '.join(STATUSES)}")
    if flt.mode not in ("any", "all", "overlap"):
        raise QueryError("mode must be any, all or overlap")
    query = select(Passage).join(Document, Document.id == Passage.document_id)
    if flt.document_ids:
        query = query.where(Passage.document_id.in_(flt.document_ids))
    if flt.status:
        query = query.where(Passage.status == flt.status)
    if flt.language:
        query = query.where(Document.language == flt.language.lower())
    for key, value in flt.attributes.items():
        attr = select(DocumentAttribute.document_id).where(
            DocumentAttribute.key == key, DocumentAttribute.value == value
        )
        query = query.where(Document.id.in_(attr))
    tree = TagTree.load(session)
    tag_sets = _tag_sets(session, tree, flt.tags, flt.with_children)
    if tag_sets:
        wanted = set().union(*tag_sets)
        query = query.where(
            Passage.id.in_(
                select(passage_tags.c.passage_id).where(passage_tags.c.tag_id.in_(wanted))
            )
        )
    # Only what the filters below and the callers need: a tag of the whole
    # library may hold tens of thousands of passages, their texts and notes
    # are loaded by whoever shows them, a page at a time.
    query = query.options(load_only(Passage.id, Passage.document_id, Passage.start))
    passages = list(session.scalars(query.order_by(Passage.document_id, Passage.start, Passage.id)))
    if flt.source:
        wanted_source = fold(flt.source)
        docs = {p.document_id for p in passages}
        sources = dict(
            session.execute(select(Document.id, Document.source).where(Document.id.in_(docs))).all()
        )
        passages = [p for p in passages if fold(sources.get(p.document_id) or "") == wanted_source]
    if flt.published:
        lo, hi = parse_date_range(flt.published)
        dates = dict(
            session.execute(
                select(Document.id, Document.published).where(
                    Document.id.in_({p.document_id for p in passages})
                )
            ).all()
        )

        def in_range(doc_id: int) -> bool:
            bounds = date_bounds(dates.get(doc_id))
            return (
                bounds is not None
                and (hi is None or bounds[0] <= hi)
                and (lo is None or bounds[1] >= lo)
            )

        passages = [p for p in passages if in_range(p.document_id)]
    if len(tag_sets) > 1 and flt.mode != "any":
        passages = _intersect(session, passages, tag_sets, flt.mode)
    return passages


def _intersect(
    session: Session, passages: list[Passage], tag_sets: list[set[int]], mode: str
) -> list[Passage]:
    tags_of = _passage_tag_ids(session, [p.id for p in passages])
    if mode == "all":
        return [p for p in passages if all(tags_of[p.id] & s for s in tag_sets)]
    by_doc: dict[int, list[Passage]] = defaultdict(list)
    for p in passages:
        by_doc[p.document_id].append(p)
    kept = []
    for p in passages:
        neighbours = [q for q in by_doc[p.document_id] if q.id == p.id or _overlap(p, q)]
        if all(any(tags_of[q.id] & s for q in neighbours) for s in tag_sets):
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
        current: int | None = tag_id
        while current is not None:
            seen[tree.path(current)][source or "unknown"].add(passage_id)
            if not with_children:
                break
            current = tree.by_id[current].parent_id
    return {
        path: {src: len(ids) for src, ids in sorted(by_src.items())}
        for path, by_src in sorted(seen.items(), key=lambda kv: kv[0].casefold())
    }


# -- passage search ------------------------------------------------------------

_SCHEMA = None


def _analyse(text: str, language: str | None) -> set[str]:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = make_schema()
    field_name = body_field(language)
    return {t.text for t in _SCHEMA[field_name].analyzer(text, mode="index")}


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text))


def search_passages(session: Session, query: str) -> list[Passage]:
    """Passages whose text and note contain every word (stemmed, accents and
    case ignored) and every ``"phrase"``; ``tag:PATH`` (with sub-tags),
    ``note:WORD``, ``status:S`` and ``doc:ID`` narrow the search."""
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
    passages = find_passages(session, flt)
    if not (words or note_words or phrases):
        return passages
    languages = dict(
        session.execute(
            select(Document.id, Document.language).where(
                Document.id.in_({p.document_id for p in passages})
            )
        ).all()
    )
    wanted: set[int] = set()
    for begin in range(0, len(passages), 2000):  # texts a page at a time
        page = {p.id: p.document_id for p in passages[begin : begin + 2000]}
        rows = session.execute(
            select(Passage.id, Passage.exact, Passage.note).where(Passage.id.in_(page))
        )
        for pid, exact, note in rows:
            lang = languages.get(page[pid])
            body = f"{exact}\n{note or ''}"
            terms = _analyse(body, lang)
            if any(not (_analyse(w, lang) <= terms) for w in words):
                continue
            if note_words:
                note_terms = _analyse(note or "", lang)
                if any(not (_analyse(w, lang) <= note_terms) for w in note_words):
                    continue
            if any(_collapse(ph) not in _collapse(body) for ph in phrases):
                continue
            wanted.add(pid)
    kept = [p for p in passages if p.id in wanted]
    return kept
