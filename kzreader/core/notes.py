"""The memo list: every note of the library, on passages and on links, in
one list that a few words narrow.

A note is Markdown (see ``notes_markdown``). The list is read as plain rows
(two selects, no ORM objects), so that it stays quick on a library of
10,000 articles and 20,000 passages: only the passages and links that have
a note are read, with the few columns of their articles the list shows.

Filtering keeps the notes where every word of the query (case and accents
folded, as the search does: ``tokaiev`` finds ``Tokaïev``) occurs in the
note's words, the passage's quote or the article's title — for a link, in
those of either end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from kzreader.core.errors import KzreaderError
from kzreader.core.models import Document, Link, Passage
from kzreader.core.notes_markdown import note_text
from kzreader.core.textfold import fold

NoteKind = Literal["passage", "link"]
#: ``article``: by article (title, then id), then by place in its text;
#: ``recent``: the note changed last first.
ORDERS = ("article", "recent")
#: Longest quote kept in a ``NoteInfo``, in characters (the rest is "…").
QUOTE_MAX = 400


@dataclass(frozen=True)
class NoteInfo:
    """One note of the memo list: a passage's, or a link's (seen from the
    link's source passage, its ``passage_id``)."""

    kind: NoteKind
    passage_id: int
    link_id: int | None
    document_id: int
    document_title: str
    #: the article's outlet (``Document.source``)
    outlet: str | None
    published: str | None
    #: the passage's text, whitespace folded, clipped at ``QUOTE_MAX``
    exact: str
    #: where the passage starts in its article (code points)
    start: int
    #: the passage's anchoring status (``exact``, ``moved``, ``fuzzy``, ``orphan``)
    status: str
    #: the note, Markdown, as written
    note: str
    #: when the note's passage last changed (a link: when it was made)
    modified_at: str
    created_at: str
    #: a link's relation and direction (``one-way``, ``both``, ``none``)
    relation: str | None = None
    direction: str | None = None
    #: a link's other end: its target passage and that passage's article
    other_passage_id: int | None = None
    other_document_id: int | None = None
    other_document_title: str | None = None
    other_exact: str | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "kind": self.kind,
            "passage_id": self.passage_id,
            "link_id": self.link_id,
            "document_id": self.document_id,
            "document_title": self.document_title,
            "outlet": self.outlet,
            "published": self.published,
            "exact": self.exact,
            "start": self.start,
            "status": self.status,
            "note": self.note,
            "modified_at": self.modified_at,
            "created_at": self.created_at,
        }
        if self.kind == "link":
            data.update(
                relation=self.relation,
                direction=self.direction,
                other_passage_id=self.other_passage_id,
                other_document_id=self.other_document_id,
                other_document_title=self.other_document_title,
                other_exact=self.other_exact,
            )
        return data


def clip_quote(text: str, limit: int = QUOTE_MAX) -> str:
    """``text`` with its whitespace folded, cut to ``limit`` characters with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _has_note(column):  # type: ignore[no-untyped-def]
    """SQL: the note is there (blank ones are left out as the rows are read)."""
    return column.is_not(None) & (func.length(column) > 0)


def _passage_rows(session: Session) -> list[tuple[NoteInfo, tuple[str, ...]]]:
    """Passage notes, each with the texts besides the note a query reads."""
    rows = session.execute(
        select(
            Passage.id,
            Passage.document_id,
            Passage.start,
            Passage.exact,
            Passage.status,
            Passage.note,
            Passage.modified_at,
            Passage.created_at,
            Document.title,
            Document.source,
            Document.published,
        )
        .join(Document, Document.id == Passage.document_id)
        .where(_has_note(Passage.note))
    ).all()
    out = []
    for pid, doc_id, start, exact, status, note, modified, created, title, outlet, date in rows:
        if not note.strip():
            continue
        info = NoteInfo(
            kind="passage",
            passage_id=pid,
            link_id=None,
            document_id=doc_id,
            document_title=title,
            outlet=outlet,
            published=date,
            exact=clip_quote(exact),
            start=start,
            status=status,
            note=note,
            modified_at=modified,
            created_at=created,
        )
        out.append((info, (exact, title)))
    return out


def _link_rows(session: Session) -> list[tuple[NoteInfo, tuple[str, ...]]]:
    """Link notes, each with the texts besides the note a query reads (both ends)."""
    src, dst = aliased(Passage), aliased(Passage)
    src_doc, dst_doc = aliased(Document), aliased(Document)
    rows = session.execute(
        select(
            Link.id,
            Link.relation,
            Link.direction,
            Link.note,
            Link.created_at,
            src.id,
            src.document_id,
            src.start,
            src.exact,
            src.status,
            src_doc.title,
            src_doc.source,
            src_doc.published,
            dst.id,
            dst.document_id,
            dst.exact,
            dst_doc.title,
        )
        .join(src, src.id == Link.source_id)
        .join(src_doc, src_doc.id == src.document_id)
        .join(dst, dst.id == Link.target_id)
        .join(dst_doc, dst_doc.id == dst.document_id)
        .where(_has_note(Link.note))
    ).all()
    out = []
    for (link_id, relation, direction, note, created, pid, doc_id, start, exact, status,
         title, outlet, date, other_id, other_doc, other_exact, other_title) in rows:  # fmt: skip
        if not note.strip():
            continue
        info = NoteInfo(
            kind="link",
            passage_id=pid,
            link_id=link_id,
            document_id=doc_id,
            document_title=title,
            outlet=outlet,
            published=date,
            exact=clip_quote(exact),
            start=start,
            status=status,
            note=note,
            modified_at=created,
            created_at=created,
            relation=relation,
            direction=direction,
            other_passage_id=other_id,
            other_document_id=other_doc,
            other_document_title=other_title,
            other_exact=clip_quote(other_exact),
        )
        out.append((info, (relation, exact, title, other_exact, other_title)))
    return out


def query_words(query: str | None) -> list[str]:
    """The folded words of a filter (none: every note)."""
    return [fold(word) for word in (query or "").split()]


#: Folded texts (notes, quotes, titles), kept apart from ``fold``'s cache,
#: which is for the index's words: a filter typed a letter at a time folds
#: the same texts again and again.
_fold_text = lru_cache(maxsize=1 << 16)(fold.__wrapped__)


def _has_words(words: list[str], texts: tuple[str, ...]) -> bool:
    folded = [_fold_text(text) for text in texts if text]
    return all(any(word in text for text in folded) for word in words)


def _matches(words: list[str], note: str, others: tuple[str, ...]) -> bool:
    """Whether every word is in the note's words or the other texts. The
    note as written is read first, as it is cheap: only a note that may
    match is parsed, to see that a word is not merely in its Markdown (a
    link's address, a mark)."""
    return _has_words(words, (note, *others)) and _has_words(words, (note_text(note), *others))


def _article_key(n: NoteInfo) -> tuple[object, ...]:
    return (
        n.document_title.casefold(),
        n.document_id,
        n.start,
        n.passage_id,
        n.kind != "passage",
        n.link_id or 0,
    )


def notes(session: Session, query: str | None = None, order: str = "article") -> list[NoteInfo]:
    """Every note of the library whose note, quote or title has all the
    words of ``query`` (any case, any accents), in ``order`` (see ``ORDERS``)."""
    if order not in ORDERS:
        raise KzreaderError(f"the notes are ordered by {' or '.join(ORDERS)}, not {order!r}")
    words = query_words(query)
    found = [
        info
        for info, others in _passage_rows(session) + _link_rows(session)
        if not words or _matches(words, info.note, others)
    ]
    found.sort(key=_article_key)
    if order == "recent":
        found.sort(key=lambda n: n.modified_at, reverse=True)  # stable: ties by article
    return found
