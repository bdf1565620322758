"""SQLAlchemy 2.0 typed models of a library.

The database is the source of truth; the Whoosh index only mirrors it. The
schema itself is created and upgraded by the migrations in ``migrations.py``;
these models describe its current version and a test checks that both agree.
Offsets (``start``, ``end``, boilerplate spans) are Python ``str`` indices
(code points) into ``Document.text``, half-open.

Documents, tags, passages and links carry a ``checksum`` of their columns
(see ``integrity``), set here before every insert and update made through
the ORM: a row that no longer matches it was damaged (or changed by another
program).
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

from kzreader.core.integrity import checksum_of


class Base(DeclarativeBase):
    pass


passage_tags = Table(
    "passage_tags",
    Base.metadata,
    Column("passage_id", ForeignKey("passages.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_passage_tags_tag", "tag_id"),
)


class Meta(Base):
    """Key/value facts about the library itself (its uid, creation time)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    length: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source_path: Mapped[str | None] = mapped_column(Text, index=True)
    file_name: Mapped[str | None] = mapped_column(Text)
    encoding: Mapped[str | None] = mapped_column(String(40))
    boilerplate: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    imported_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    checksum: Mapped[str | None] = mapped_column(String(16))
    #: the facts the user set, which a re-import keeps: ``title``, ``source``,
    #: ``published``, comma-separated (``None``: none)
    edited: Mapped[str | None] = mapped_column(String(100))
    #: the SHA-256 of the file the text was extracted from, kept in the
    #: library's ``originals`` folder (``core.originals``); None for plain text
    original: Mapped[str | None] = mapped_column(String(64))

    attributes: Mapped[list[DocumentAttribute]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    passages: Mapped[list[Passage]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class DocumentAttribute(Base):
    """A user key/value on a document (outlet country, stance…). The index
    of keys and values also lets ``PRAGMA integrity_check`` see damage to a
    value (it compares every index with its table)."""

    __tablename__ = "document_attributes"
    __table_args__ = (Index("ix_document_attributes_key_value", "key", "value"),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="attributes")


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (
        UniqueConstraint("parent_id", "name", name="uq_tags_parent_name"),
        # NULLs are distinct in a UNIQUE constraint: root names need their own index
        Index("uq_tags_root_name", "name", unique=True, sqlite_where=text("parent_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), index=True
    )
    color: Mapped[str | None] = mapped_column(String(9))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    checksum: Mapped[str | None] = mapped_column(String(16))


class Passage(Base):
    __tablename__ = "passages"
    __table_args__ = (
        CheckConstraint("start >= 0 AND end >= start", name="ck_passages_range"),
        CheckConstraint(
            "status IN ('exact', 'moved', 'fuzzy', 'orphan')", name="ck_passages_status"
        ),
        Index("ix_passages_document_start", "document_id", "start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    exact: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str | None] = mapped_column(String(9))
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="exact")
    created_at: Mapped[str] = mapped_column(String(40))
    modified_at: Mapped[str] = mapped_column(String(40))
    checksum: Mapped[str | None] = mapped_column(String(16))

    document: Mapped[Document] = relationship(back_populates="passages")
    tags: Mapped[list[Tag]] = relationship(secondary=passage_tags)


class Link(Base):
    """A directed link between two passages; backlinks are the same rows read
    from the target's side."""

    __tablename__ = "links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("passages.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int] = mapped_column(
        ForeignKey("passages.id", ondelete="CASCADE"), index=True
    )
    relation: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    #: ``one-way`` (source → target), ``both`` or ``none`` (associative).
    direction: Mapped[str] = mapped_column(
        String(8), default="one-way", server_default=text("'one-way'")
    )
    checksum: Mapped[str | None] = mapped_column(String(16))


class History(Base):
    """One user operation that can be undone (``done``) or redone (``undone``)."""

    __tablename__ = "history"
    __table_args__ = (CheckConstraint("state IN ('done', 'undone')", name="ck_history_state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(8))


class HistoryChange(Base):
    """A row change logged by the history triggers: JSON images before/after."""

    __tablename__ = "history_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_id: Mapped[int] = mapped_column(ForeignKey("history.id", ondelete="CASCADE"), index=True)
    tbl: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(8))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)


class HistoryContext(Base):
    """One row: the operation being recorded, or NULL."""

    __tablename__ = "history_context"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_id: Mapped[int | None] = mapped_column(Integer)


class DocumentTag(Base):
    """How many of a document's passages a tag has, its own passages only
    (a parent tag's row does not count its sub-tags'). Derived data kept by
    triggers on ``passages`` and ``passage_tags`` (see ``migrations._v7``):
    never written through the ORM, without checksum or undo history."""

    __tablename__ = "document_tags"
    __table_args__: ClassVar[dict[str, Any]] = {"sqlite_with_rowid": False}

    tag_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    passages: Mapped[int] = mapped_column(Integer)


class PassageTerms(Base):
    """A passage's terms as the passage search compares them (see
    ``core.passage_terms``). Derived data removed by triggers whenever what
    it comes from changes (``migrations._v8``), made again by
    ``passage_terms.refresh``: never written through the ORM, without
    checksum or undo history."""

    __tablename__ = "passage_terms"

    passage_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terms: Mapped[str] = mapped_column(Text)


class PassageTermsStale(Base):
    """The passages whose terms ``passage_terms.refresh`` is to make."""

    __tablename__ = "passage_terms_stale"

    passage_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class TagSet(Base):
    """How many passages carry exactly one set of tags (``tags``: their ids
    in order, space-separated). Derived data kept by triggers on
    ``passage_tags`` (see ``migrations._v9``): never written through the
    ORM, without checksum or undo history."""

    __tablename__ = "tag_sets"
    __table_args__: ClassVar[dict[str, Any]] = {"sqlite_with_rowid": False}

    tags: Mapped[str] = mapped_column(Text, primary_key=True)
    passages: Mapped[int] = mapped_column(Integer)


class ReuseState(Base):
    """Reuse detection's record of one document: the text it was analysed
    in (``content_hash``) and its distinct shingles with the word position
    of the first of each (see ``reuse_text``). Derived data: recomputable,
    so without a checksum, and never part of the undo history."""

    __tablename__ = "reuse_documents"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    content_hash: Mapped[str] = mapped_column(String(64))
    shingles: Mapped[bytes] = mapped_column(LargeBinary)
    positions: Mapped[bytes] = mapped_column(LargeBinary)


class ReuseAlignment(Base):
    """Two passages of two documents that share a run of text (derived data,
    see ``core.reuse``); ``a`` is the earlier document when ``ordering`` is
    ``a-first``."""

    __tablename__ = "reuse_alignments"
    __table_args__ = (
        CheckConstraint("a_document_id <> b_document_id", name="ck_reuse_two_documents"),
        CheckConstraint("ordering IN ('a-first', 'same-day', 'unknown')", name="ck_reuse_ordering"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a_document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    a_start: Mapped[int] = mapped_column(Integer)
    a_end: Mapped[int] = mapped_column(Integer)
    b_document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    b_start: Mapped[int] = mapped_column(Integer)
    b_end: Mapped[int] = mapped_column(Integer)
    words: Mapped[int] = mapped_column(Integer)
    similarity: Mapped[float] = mapped_column(Float)
    ordering: Mapped[str] = mapped_column(String(8))


def _set_checksum(_mapper: Mapper[Any], _connection: object, row: Any) -> None:
    # defaults the ORM fills in only at the INSERT are given here first, so
    # that the checksum covers the values the row is written with
    if isinstance(row, Passage):
        row.prefix = "" if row.prefix is None else row.prefix
        row.suffix = "" if row.suffix is None else row.suffix
    elif isinstance(row, Link) and row.direction is None:
        row.direction = "one-way"
    elif isinstance(row, Document) and row.boilerplate is None:
        row.boilerplate = []
    row.checksum = checksum_of(row.__tablename__, row)


for _model in (Document, Tag, Passage, Link):
    event.listen(_model, "before_insert", _set_checksum)
    event.listen(_model, "before_update", _set_checksum)
