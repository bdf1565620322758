"""Storing prepared articles (``core.importer`` reads them): each in the
caller's transaction, a new document or the update of the one a file was
imported as, the user's own title, outlet, date and author kept."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import Integer, Text, bindparam, cast, select, update
from sqlalchemy.orm import Session

from kzreader.core import documents, history, passage_terms
from kzreader.core.db import now_iso
from kzreader.core.importer import item_name
from kzreader.core.importing.types import PreparedArticle
from kzreader.core.models import Document, DocumentAttribute, Meta
from kzreader.core.passages import reanchor_document
from kzreader.core.types import ImportResult, ImportStatus


def bump_generation(session: Session) -> None:
    """Mark the documents as changed, so that the index knows it is behind.
    One UPDATE on the session's connection: reading the row first and
    changing it through the session cost 2 ms per article of an import (a
    quarter of storing it), and an ORM update flushes the session first and
    compiles itself again each time. A ``Meta`` row the session holds is
    expired, so it is read again when next asked for."""
    bumped = session.connection().execute(_BUMP)
    if not bumped.rowcount:
        session.add(Meta(key="generation", value="1"))
        return
    held = session.identity_map.get(session.identity_key(Meta, "generation"))
    if held is not None:
        session.expire(held)


_BUMP = (
    update(Meta.__table__)
    .where(Meta.__table__.c.key == "generation")
    .values(value=cast(cast(Meta.__table__.c.value, Integer) + 1, Text))
)


def _fill(doc: Document, article: PreparedArticle, source_path: Path, now: str) -> None:
    doc.title = article.title
    doc.source = article.source
    doc.url = article.url
    doc.published = article.published
    doc.language = article.language
    doc.text = article.text
    doc.length = len(article.text)
    doc.content_hash = article.content_hash
    doc.source_path = str(source_path)
    doc.file_name = item_name(source_path.name, article.part)
    doc.encoding = article.encoding
    doc.boilerplate = [list(span) for span in article.boilerplate]
    doc.updated_at = now


def _set_outlet(doc: Document, outlet: str | None) -> None:
    if outlet is not None and outlet.strip():
        doc.source = documents.clean_source(outlet)
        documents.mark_edited(doc, documents.edited_fields(doc) | {"source"})


#: The attribute the importer writes the article's author to.
AUTHOR = "author"
#: Set in a library once the importer writes authors (see :func:`_claim_authors`).
_AUTHORS_META = "import_writes_authors"


def _claim_authors(session: Session) -> None:
    """Before the importer first writes an ``author`` attribute in a library,
    mark the ones already there as the user's: until then only a user could
    set one, and a re-import keeps what the user set."""
    if session.get(Meta, _AUTHORS_META) is not None:
        return
    ids = session.scalars(
        select(DocumentAttribute.document_id).where(DocumentAttribute.key == AUTHOR)
    ).all()
    for doc_id in ids:
        doc = session.get(Document, doc_id)
        if doc is not None:
            documents.mark_edited(doc, documents.edited_fields(doc) | {AUTHOR})
    session.add(Meta(key=_AUTHORS_META, value=now_iso()))


def _set_attribute(session: Session, doc_id: int, key: str, value: str) -> None:
    current = session.get(DocumentAttribute, (doc_id, key))
    if current is None:
        session.add(DocumentAttribute(document_id=doc_id, key=key, value=value))
    elif current.value != value:
        current.value = value


def _store_attributes(session: Session, doc: Document, article: PreparedArticle) -> None:
    """The file's attributes (a database's document number) and the author,
    unless the user set (or removed) the author by hand. An author the new
    text no longer names is left as it was."""
    for key, value in article.attributes:
        _set_attribute(session, doc.id, key, value)
    author = " ".join((article.author or "").split())
    if author and AUTHOR not in documents.edited_fields(doc):
        _set_attribute(session, doc.id, AUTHOR, author)


_DOCS = Document.__table__
#: Built once: an import asks them of every file (on the session's
#: connection, as there is nothing to flush before them).
_SAME_TEXT = select(_DOCS.c.id, _DOCS.c.title, _DOCS.c.source, _DOCS.c.published).where(
    _DOCS.c.content_hash == bindparam("content_hash")
)
_LATEST_FROM = (
    select(_DOCS.c.id)
    .where(_DOCS.c.source_path == bindparam("source_path"))
    .order_by(_DOCS.c.id.desc())
    .limit(1)
)


def _imported_as(session: Session, article: PreparedArticle, source_path: Path) -> Document | None:
    """The document a file's article was imported as before: the latest from
    that path; for an article of an export, the one with the same document
    number (or, when the export gives none, at the same place in it). Its id
    is looked up first, so that a new file loads no document."""
    if article.part is None:
        found = session.connection().scalar(_LATEST_FROM, {"source_path": str(source_path)})
        return None if found is None else session.get(Document, found)
    query = select(Document.id).where(Document.source_path == str(source_path))
    number = dict(article.attributes).get(article.identifier or "")
    if number is not None:
        query = query.join(DocumentAttribute).where(
            DocumentAttribute.key == article.identifier, DocumentAttribute.value == number
        )
    else:
        query = query.where(Document.file_name == item_name(source_path.name, article.part))
    found = session.scalar(query.order_by(Document.id.desc()).limit(1))
    return None if found is None else session.get(Document, found)


def store_article(
    session: Session,
    article: PreparedArticle,
    source_path: Path,
    shown: str,
    outlet: str | None = None,
    original: str | None = None,
    authors_claimed: bool = False,
) -> ImportResult:
    """Store ``article`` read from ``source_path``, in the caller's transaction.

    The same text already in the library: ``unchanged``. A changed text at a
    path already imported (for an article of an export, with the same
    document number): ``updated`` — the document keeps its id, its
    passages are re-anchored, the title, outlet, date and author the user
    set are kept, and the whole update is one undoable operation.
    ``outlet`` (a folder of one outlet's articles) is set as if the user had
    set it; ``original``, the digest of the file kept (``core.originals``),
    is stored with a text extracted from it. The article's author and the
    file's attributes (a database's document number) become the document's
    attributes. ``authors_claimed``: this import has already stored an
    article, so the library's authors were claimed (``_claim_authors``).
    The result gives the title, outlet and date the document holds, and
    the article's place in its file.
    """
    now = now_iso()
    same = session.connection().execute(_SAME_TEXT, {"content_hash": article.content_hash}).first()
    if same is not None:
        title, source, published = same.title, same.source, same.published
        return ImportResult(
            shown,
            "unchanged",
            same.id,
            title=title,
            source=source,
            published=published,
            part=article.part,
        )
    if not authors_claimed:
        _claim_authors(session)
    doc = _imported_as(session, article, source_path)
    if doc is None:
        doc = Document(uid=str(uuid.uuid4()), imported_at=now)
        _fill(doc, article, source_path, now)
        _set_outlet(doc, outlet)
        if original is not None:
            doc.original = original
        session.add(doc)
        bump_generation(session)
        session.flush()
        _store_attributes(session, doc, article)
        session.flush()
        return _result(shown, "imported", doc, article.part)
    with history.record(session, "reimport", f"Re-import {doc.file_name or source_path.name}"):
        anchors = reanchor_document(session, doc, article.text)
        kept = {f: getattr(doc, f) for f in documents.edited_fields(doc) if f in documents.FIELDS}
        _fill(doc, article, source_path, now)
        documents.keep_edited(doc, kept)
        _set_outlet(doc, outlet)
        if original is not None:
            doc.original = original
        _store_attributes(session, doc, article)
        session.flush()
    passage_terms.refresh_session(session)  # of the passages that moved
    bump_generation(session)
    return _result(shown, "updated", doc, article.part, anchors)


def _result(
    shown: str,
    status: ImportStatus,
    doc: Document,
    part: int | None,
    passages: dict[str, int] | None = None,
) -> ImportResult:
    return ImportResult(
        shown,
        status,
        doc.id,
        title=doc.title,
        source=doc.source,
        published=doc.published,
        passages=passages,
        part=part,
    )
