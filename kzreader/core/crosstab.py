"""The outlet × tag table's other figures: how many coded passages each
outlet has (the table's totals: a passage carrying two tags, or a tag and
its parent, counts once), and which passages make up one of its cells.

Outlets are told apart exactly as ``retrieval.tags_by_source`` does: by the
stored name, articles without one under ``timeline.UNKNOWN``.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kzreader.core.models import Document, Passage, passage_tags
from kzreader.core.tags import TagTree
from kzreader.core.timeline import UNKNOWN


def coded_by_source(session: Session) -> dict[str, int]:
    """``{outlet: passages carrying at least one tag}``."""
    per_document = (
        select(Passage.document_id.label("document_id"), func.count().label("n"))
        .where(Passage.id.in_(select(passage_tags.c.passage_id)))
        .group_by(Passage.document_id)
        .subquery()
    )
    rows = session.connection().execute(
        select(Document.source, func.sum(per_document.c.n))
        .join(per_document, per_document.c.document_id == Document.id)
        .group_by(Document.source)
    )
    out: dict[str, int] = defaultdict(int)
    for source, n in rows:
        out[source or UNKNOWN] += int(n)
    return dict(sorted(out.items()))


def passages_in_cell(
    session: Session, tag: str, outlet: str | None, with_children: bool = True
) -> list[int]:
    """Ids of the passages carrying ``tag`` (or a sub-tag) in the articles
    of ``outlet`` (every outlet when None), by article then position."""
    tree = TagTree.load(session)
    found = tree.get(tag)
    wanted = tree.descendants(found.id) if with_children else [found.id]
    query = (
        select(Passage.id)
        .join(Document, Document.id == Passage.document_id)
        .where(
            Passage.id.in_(
                select(passage_tags.c.passage_id).where(passage_tags.c.tag_id.in_(wanted))
            )
        )
    )
    if outlet == UNKNOWN:
        query = query.where(
            or_(Document.source.is_(None), Document.source == "", Document.source == UNKNOWN)
        )
    elif outlet is not None:
        query = query.where(Document.source == outlet)
    return list(session.scalars(query.order_by(Passage.document_id, Passage.start, Passage.id)))
