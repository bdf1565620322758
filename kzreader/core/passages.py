"""Passages (highlights), their notes and colours, links between them, and
document attributes. Functions over an open session; ``Library`` wraps each
user operation in one recorded, undoable transaction."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from kzreader.core import documents
from kzreader.core.anchoring import Selector, find_quote, make_selector, reanchor_all
from kzreader.core.db import now_iso, raw_connection
from kzreader.core.errors import KzreaderError, NotFoundError, QueryError
from kzreader.core.models import Document, DocumentAttribute, Link, Passage, passage_tags
from kzreader.core.tags import TagTree, add_to_passage, check_color
from kzreader.core.types import LinkInfo, PassageInfo

#: The relations offered by default; any other non-empty text is allowed too.
RELATIONS = ("corroborates", "contradicts", "repeats", "responds to", "same event")
DIRECTIONS = ("one-way", "both", "none")


class AnnotationError(KzreaderError):
    """A passage or link operation that cannot be done."""


def get_document(session: Session, document_id: int) -> Document:
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFoundError(f"there is no document {document_id} in this library")
    return doc


def get_passage(session: Session, passage_id: int) -> Passage:
    passage = session.get(Passage, passage_id)
    if passage is None:
        raise NotFoundError(f"there is no passage {passage_id} in this library")
    return passage


# -- reading -------------------------------------------------------------------


def _seen_from(link: Link | LinkInfo, side: str, other: tuple[int, int, str, str]) -> LinkInfo:
    """``link`` as the passage at one end (``side``: ``out`` for its source,
    ``in`` for its target) sees it; ``other`` is ``(id, document id, title,
    text)`` of the passage at the other end."""
    other_id, doc_id, title, exact = other
    return LinkInfo(
        id=link.id,
        uid=link.uid,
        source_id=link.source_id,
        target_id=link.target_id,
        relation=link.relation,
        direction=link.direction,
        note=link.note,
        created_at=link.created_at,
        side=side,
        other_id=other_id,
        other_document_id=doc_id,
        other_document_title=title,
        other_exact=exact,
    )


# The readers of a page of passages ask SQLite through the session's own
# cursor (``db.raw_connection``): building, expanding and compiling the
# statements of a page of 200 passages cost SQLAlchemy 12 ms of the 13.
_LINKS_SQL = (
    "SELECT id, uid, source_id, target_id, relation, direction, note, created_at "
    "FROM links WHERE source_id IN ({marks}) UNION "
    "SELECT id, uid, source_id, target_id, relation, direction, note, created_at "
    "FROM links WHERE target_id IN ({marks}) ORDER BY id"
)
_ENDS_SQL = (
    "SELECT p.id, p.document_id, d.title, p.exact FROM passages p "
    "JOIN documents d ON d.id = p.document_id WHERE p.id IN ({marks})"
)
#: A passage's columns and its article's title, read as a plain row, in
#: ``PassageInfo``'s order up to its status, then its two times: a tag of the
#: whole library can hold tens of thousands of passages, and ORM objects
#: cost several times the row.
_INFO_SQL = (
    'SELECT p.id, p.uid, p.document_id, d.title, p.start, p."end", p.exact, p.prefix, '
    "p.suffix, p.color, p.note, p.status, p.created_at, p.modified_at "
    "FROM passages p JOIN documents d ON d.id = p.document_id WHERE p.id IN ({marks})"
)
_TAGS_SQL = "SELECT passage_id, tag_id FROM passage_tags WHERE passage_id IN ({marks})"
#: Ids asked at a time (SQLite takes at most 32,766 parameters in a statement).
INFO_CHUNK = 2000


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" * len(ids))


def _ends(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, tuple[int, int, str, str]]:
    """``{passage id: (id, document id, title, text)}`` of the passages at
    the ends of links."""
    wanted = sorted(ids)
    out = {}
    for begin in range(0, len(wanted), INFO_CHUNK):
        chunk = wanted[begin : begin + INFO_CHUNK]
        for row in conn.execute(_ENDS_SQL.format(marks=_marks(chunk)), chunk):
            out[row[0]] = row
    return out


def link_infos(session: Session, passage_ids: Iterable[int]) -> dict[int, list[LinkInfo]]:
    """Links and backlinks of each passage."""
    ids = list(passage_ids)
    out: dict[int, list[LinkInfo]] = {i: [] for i in ids}
    if not ids:
        return out
    session.flush()
    conn = raw_connection(session)
    links = []
    for begin in range(0, len(ids), INFO_CHUNK):
        chunk = ids[begin : begin + INFO_CHUNK]
        links += conn.execute(_LINKS_SQL.format(marks=_marks(chunk)), chunk + chunk).fetchall()
    # each row as a LinkInfo of its own columns (the others filled by _seen_from)
    links = [LinkInfo(*row) for row in sorted(set(links))]
    facts = _ends(conn, {link.target_id for link in links} | {link.source_id for link in links})
    for link in links:
        for pid, side, other in (
            (link.source_id, "out", link.target_id),
            (link.target_id, "in", link.source_id),
        ):
            if pid in out:
                out[pid].append(_seen_from(link, side, facts[other]))
    return out


def outgoing_link_info(session: Session, link: Link) -> LinkInfo:
    """The link as its source passage sees it (one query for the target's
    article and text)."""
    session.flush()
    target = _ends(raw_connection(session), [link.target_id])[link.target_id]
    return _seen_from(link, "out", target)


def passage_infos(
    session: Session, passage_ids: Sequence[int], with_links: bool = False
) -> list[PassageInfo]:
    """The passages of ``passage_ids``, in that order (ids of passages gone
    are left out), with their tags and, if asked, their links."""
    paths = TagTree.load(session).paths()
    session.flush()
    conn = raw_connection(session)
    out: list[PassageInfo] = []
    for begin in range(0, len(passage_ids), INFO_CHUNK):
        chunk = list(passage_ids[begin : begin + INFO_CHUNK])
        marks = _marks(chunk)
        rows = {r[0]: r for r in conn.execute(_INFO_SQL.format(marks=marks), chunk)}
        tags: dict[int, list[str]] = {i: [] for i in chunk}
        for pid, tag_id in conn.execute(_TAGS_SQL.format(marks=marks), chunk):
            tags[pid].append(paths[tag_id])
        links = link_infos(session, chunk) if with_links else {}
        for pid in chunk:
            r = rows.get(pid)
            if r is None:
                continue
            tag_paths = sorted(tags[pid], key=str.casefold)
            out.append(PassageInfo(*r[:12], tag_paths, *r[12:], links.get(pid, [])))
    return out


# -- passages --------------------------------------------------------------------


def locate_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Where the ``occurrence``-th copy of ``quote`` stands in ``text``. The
    quote is normalised like imported text, and white space in it matches any
    run of white space (a quote typed on one line finds one spread over two)."""
    if occurrence < 1:
        raise AnnotationError("the occurrence is counted from 1")
    quote = unicodedata.normalize("NFC", quote.replace("\r\n", "\n").replace("\r", "\n"))
    if not quote.strip():
        raise AnnotationError("the quote is empty")
    found = find_quote(text, quote, occurrence)
    if found is not None:
        return found
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    matches = list(re.finditer(pattern, text))
    if len(matches) >= occurrence:
        m = matches[occurrence - 1]
        return m.start(), m.end()
    count = len(matches)
    if count:
        raise NotFoundError(f"the quote occurs {count} time(s) in this document, not {occurrence}")
    raise NotFoundError("the quote is not in this document (check accents and punctuation)")


def create_passage(
    session: Session,
    document_id: int,
    start: int,
    end: int,
    *,
    tags: Sequence[str] = (),
    note: str | None = None,
    color: str | None = None,
) -> Passage:
    passage = new_passage(get_document(session, document_id), start, end, note, color)
    session.add(passage)
    session.flush()
    for path in tags:
        add_to_passage(session, passage.id, path)
    return passage


def new_passage(
    doc: Document, start: int, end: int, note: str | None = None, color: str | None = None
) -> Passage:
    """A passage of ``doc`` over ``[start, end)``, not yet in a session."""
    if not 0 <= start < end <= len(doc.text):
        raise AnnotationError(
            f"[{start}, {end}) is not a passage of document {doc.id} "
            f"(its text has {len(doc.text)} characters)"
        )
    sel = make_selector(doc.text, start, end)
    now = now_iso()
    return Passage(
        uid=str(uuid.uuid4()),
        document_id=doc.id,
        start=sel.start,
        end=sel.end,
        exact=sel.exact,
        prefix=sel.prefix,
        suffix=sel.suffix,
        color=check_color(color),
        note=note or None,
        status="exact",
        created_at=now,
        modified_at=now,
    )


def update_passage(
    session: Session, passage_id: int, *, note: str | None = None, color: str | None = None
) -> Passage:
    """Set the note and/or colour; an empty string clears it, None keeps it."""
    passage = get_passage(session, passage_id)
    if note is not None:
        passage.note = note or None
    if color is not None:
        passage.color = check_color(color)
    passage.modified_at = now_iso()
    return passage


def move_passage(session: Session, passage_id: int, start: int, end: int) -> Passage:
    """Give the passage a new extent (also re-attaches an orphan)."""
    passage = get_passage(session, passage_id)
    text = passage.document.text
    if not 0 <= start < end <= len(text):
        raise AnnotationError(f"[{start}, {end}) is outside the document's text")
    sel = make_selector(text, start, end)
    _set_selector(passage, sel, "exact")
    return passage


def _set_selector(passage: Passage, sel: Selector, status: str) -> None:
    passage.start, passage.end = sel.start, sel.end
    passage.exact, passage.prefix, passage.suffix = sel.exact, sel.prefix, sel.suffix
    passage.status = status
    passage.modified_at = now_iso()


def count_links(session: Session, passage_ids: Sequence[int]) -> int:
    if not passage_ids:
        return 0
    return int(
        session.scalar(
            select(func.count())
            .select_from(Link)
            .where(or_(Link.source_id.in_(passage_ids), Link.target_id.in_(passage_ids)))
        )
        or 0
    )


def delete_passages(session: Session, passage_ids: Sequence[int]) -> int:
    """Delete passages with their tags and links; returns the links removed."""
    for pid in passage_ids:
        get_passage(session, pid)
    links = count_links(session, passage_ids)
    session.execute(
        delete(Link).where(or_(Link.source_id.in_(passage_ids), Link.target_id.in_(passage_ids)))
    )
    session.execute(delete(passage_tags).where(passage_tags.c.passage_id.in_(passage_ids)))
    session.execute(delete(Passage).where(Passage.id.in_(passage_ids)))
    return links


def reanchor_document(session: Session, doc: Document, new_text: str) -> dict[str, int]:
    """Re-anchor every passage of ``doc`` in ``new_text``; counts by status."""
    passages = list(session.scalars(select(Passage).where(Passage.document_id == doc.id)))
    counts = {"exact": 0, "moved": 0, "fuzzy": 0, "orphan": 0}
    if not passages:
        return counts
    olds = [Selector(p.start, p.end, p.exact, p.prefix, p.suffix) for p in passages]
    anchors = reanchor_all(olds, new_text, old_length=len(doc.text))
    for passage, old, anchor in zip(passages, olds, anchors, strict=True):
        counts[anchor.status] += 1
        if anchor.status == "orphan":
            if passage.status != "orphan":
                passage.status = "orphan"
                passage.modified_at = now_iso()
        elif anchor.selector != old or passage.status != anchor.status:
            _set_selector(passage, anchor.selector, anchor.status)
    return counts


# -- links -----------------------------------------------------------------------


def canonical_relation(relation: str) -> str:
    cleaned = " ".join(relation.replace("_", " ").replace("-", " ").split()).strip()
    if not cleaned:
        raise AnnotationError(f"a link needs a relation, e.g. {', '.join(RELATIONS)}")
    for known in RELATIONS:
        if cleaned.casefold() == known:
            return known
    return " ".join(relation.split())


def create_link(
    session: Session,
    source_id: int,
    target_id: int,
    relation: str,
    *,
    note: str | None = None,
    direction: str = "one-way",
) -> Link:
    get_passage(session, source_id)
    get_passage(session, target_id)
    if source_id == target_id:
        raise AnnotationError("a passage cannot be linked to itself")
    if direction not in DIRECTIONS:
        raise AnnotationError(f"direction must be one of {', '.join(DIRECTIONS)}")
    relation = canonical_relation(relation)
    existing = session.scalar(
        select(Link).where(
            Link.source_id == source_id, Link.target_id == target_id, Link.relation == relation
        )
    )
    if existing is not None:
        raise AnnotationError(
            f"passages {source_id} and {target_id} are already linked "
            f"({relation}, link {existing.id})"
        )
    link = Link(
        uid=str(uuid.uuid4()),
        source_id=source_id,
        target_id=target_id,
        relation=relation,
        direction=direction,
        note=note or None,
        created_at=now_iso(),
    )
    session.add(link)
    session.flush()
    return link


def update_link(session: Session, link_id: int, *, note: str) -> Link:
    """Set a link's note (an empty string clears it)."""
    link = session.get(Link, link_id)
    if link is None:
        raise NotFoundError(f"there is no link {link_id} in this library")
    link.note = note or None
    return link


def delete_link(session: Session, link_id: int) -> None:
    link = session.get(Link, link_id)
    if link is None:
        raise NotFoundError(f"there is no link {link_id} in this library")
    session.delete(link)


# -- documents -------------------------------------------------------------------


def set_attribute(session: Session, document_id: int, key: str, value: str | None) -> None:
    """Set (or, with ``None`` or an empty value, remove) a document attribute."""
    get_document(session, document_id)
    key = key.strip()
    if not key:
        raise AnnotationError("an attribute needs a name")
    current = session.get(DocumentAttribute, (document_id, key))
    if value is None or value == "":
        if current is None:
            raise NotFoundError(f"document {document_id} has no attribute '{key}'")
        session.delete(current)
    elif current is None:
        session.add(DocumentAttribute(document_id=document_id, key=key, value=value))
    else:
        current.value = value
    if key in documents.IMPORTED_ATTRIBUTES:
        # set or removed by hand: a re-import of the file leaves it as it is
        doc = get_document(session, document_id)
        documents.mark_edited(doc, documents.edited_fields(doc) | {key})


def delete_document(session: Session, document_id: int) -> tuple[int, int]:
    """Delete a document with its passages and links: ``(passages, links)``."""
    get_document(session, document_id)
    ids = list(session.scalars(select(Passage.id).where(Passage.document_id == document_id)))
    links = delete_passages(session, ids) if ids else 0
    session.execute(delete(DocumentAttribute).where(DocumentAttribute.document_id == document_id))
    session.execute(delete(Document).where(Document.id == document_id))
    return len(ids), links


def regex_spans(
    session: Session, pattern: str, document_ids: Sequence[int], ignore_case: bool
) -> dict[int, list[tuple[int, int]]]:
    """Where the regular expression matches, document by document, outside
    boilerplate (empty and blank matches left out)."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        raise QueryError(f"the regular expression is not valid: {exc}") from exc
    out: dict[int, list[tuple[int, int]]] = {}
    query = select(Document.id, Document.text, Document.boilerplate)
    if document_ids:
        query = query.where(Document.id.in_(document_ids))
    for doc_id, text, boilerplate in session.execute(query):
        spans = [
            m.span()
            for m in compiled.finditer(text)
            if m.end() > m.start()
            and not any(m.start() < end and start < m.end() for start, end in boilerplate)
            and text[m.start() : m.end()].strip()
        ]
        if spans:
            out[doc_id] = spans
    return out
