"""Undo and redo of every user operation, kept in the library itself.

While an operation runs, ``history_context.op_id`` names it and SQLite
triggers (see ``migrations.history_triggers``) log every row it inserts,
updates or deletes — cascaded deletes included — as JSON images in
``history_changes``. Undo applies the images backwards, redo forwards, each in
one transaction. Because the log is written in the operation's own
transaction, ``kzreader undo`` works after the program was closed or crashed,
and an operation that failed leaves no trace.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from kzreader.core.db import now_iso
from kzreader.core.errors import KzreaderError
from kzreader.core.types import ChangeSet, HistoryEntry

#: Primary key columns of the recorded tables.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("id",),
    "document_attributes": ("document_id", "key"),
    "tags": ("id",),
    "passages": ("id",),
    "passage_tags": ("passage_id", "tag_id"),
    "links": ("id",),
}
#: Operations kept; older ones are forgotten.
MAX_DEPTH = 500


class HistoryError(KzreaderError):
    """Nothing to undo or redo, or the change cannot be applied any more."""


@dataclass
class Recording:
    """The operation being recorded; ``op_id`` is its history row."""

    op_id: int
    kind: str
    label: str


@contextmanager
def record(session: Session, kind: str, label: str) -> Iterator[Recording]:
    """Record the changes made through ``session`` inside the block as one
    undoable operation. The caller owns the transaction."""
    # a new operation forgets whatever was undone before it
    session.execute(text("DELETE FROM history WHERE state = 'undone'"))
    op_id = session.execute(
        text(
            "INSERT INTO history (kind, label, created_at, state) "
            "VALUES (:kind, :label, :now, 'done') RETURNING id"
        ),
        {"kind": kind, "label": label, "now": now_iso()},
    ).scalar_one()
    session.execute(text("UPDATE history_context SET op_id = :op WHERE id = 1"), {"op": op_id})
    # On an error the caller rolls back, which also resets the context.
    yield Recording(op_id, kind, label)
    session.flush()
    session.execute(text("UPDATE history_context SET op_id = NULL WHERE id = 1"))
    count = session.execute(
        text("SELECT count(*) FROM history_changes WHERE op_id = :op"), {"op": op_id}
    ).scalar_one()
    if not count:
        session.execute(text("DELETE FROM history WHERE id = :op"), {"op": op_id})
    session.execute(
        text(
            "DELETE FROM history WHERE id NOT IN "
            "(SELECT id FROM history ORDER BY id DESC LIMIT :depth)"
        ),
        {"depth": MAX_DEPTH},
    )


def changes_of(session: Session, op_id: int, label: str = "") -> ChangeSet:
    """Summarise what operation ``op_id`` changed."""
    rows = session.execute(
        text("SELECT tbl, kind, old, new FROM history_changes WHERE op_id = :op"),
        {"op": op_id},
    ).all()
    tables: set[str] = set()
    documents: set[int] = set()
    reindexed: set[int] = set()
    created = deleted = links_deleted = 0
    for tbl, kind, old, new in rows:
        tables.add(tbl)
        image = json.loads(new or old)
        if tbl == "documents":
            documents.add(image["id"])
            reindexed.add(image["id"])
        elif tbl in ("passages", "document_attributes"):
            documents.add(image["document_id"])
        if tbl == "passages":
            created += kind == "insert"
            deleted += kind == "delete"
        elif tbl == "links" and kind == "delete":
            links_deleted += 1
    return ChangeSet(
        label=label,
        tables=frozenset(tables),
        documents=frozenset(documents),
        reindexed=frozenset(reindexed),
        passages_created=created,
        passages_deleted=deleted,
        links_deleted=links_deleted,
    )


def _apply(session: Session, tbl: str, image: dict[str, object], action: str) -> None:
    pk = PRIMARY_KEYS[tbl]
    where = " AND ".join(f'"{c}" = :pk_{c}' for c in pk)
    params = {f"pk_{c}": image[c] for c in pk}
    if action == "delete":
        session.execute(text(f'DELETE FROM "{tbl}" WHERE {where}'), params)
    elif action == "insert":
        cols = ", ".join(f'"{c}"' for c in image)
        values = ", ".join(f":v_{i}" for i in range(len(image)))
        session.execute(
            text(f'INSERT INTO "{tbl}" ({cols}) VALUES ({values})'),
            {f"v_{i}": v for i, v in enumerate(image.values())},
        )
    else:
        sets = ", ".join(f'"{c}" = :v_{i}' for i, c in enumerate(image))
        session.execute(
            text(f'UPDATE "{tbl}" SET {sets} WHERE {where}'),
            {**params, **{f"v_{i}": v for i, v in enumerate(image.values())}},
        )


def _replay(session: Session, op_id: int, backwards: bool) -> None:
    order = "DESC" if backwards else "ASC"
    rows = session.execute(
        text(
            f"SELECT tbl, kind, old, new FROM history_changes WHERE op_id = :op ORDER BY id {order}"
        ),
        {"op": op_id},
    ).all()
    # rows come back in an order where a parent may be restored after its
    # children: check foreign keys at commit instead of at each statement
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    for tbl, kind, old, new in rows:
        old_image = json.loads(old) if old else None
        new_image = json.loads(new) if new else None
        if backwards:
            if kind == "insert":
                _apply(session, tbl, new_image, "delete")
            elif kind == "delete":
                _apply(session, tbl, old_image, "insert")
            else:
                _apply(session, tbl, old_image, "update")
        elif kind == "insert":
            _apply(session, tbl, new_image, "insert")
        elif kind == "delete":
            _apply(session, tbl, old_image, "delete")
        else:
            _apply(session, tbl, new_image, "update")


def _next(session: Session, undoing: bool) -> HistoryEntry | None:
    """The operation an undo (the latest done) or a redo (the earliest undone) acts on."""
    state, order = ("done", "DESC") if undoing else ("undone", "ASC")
    row = session.execute(
        text(
            "SELECT id, kind, label, created_at, state FROM history "
            f"WHERE state = :state ORDER BY id {order} LIMIT 1"
        ),
        {"state": state},
    ).first()
    return HistoryEntry(*row) if row else None


def _step(session: Session, undoing: bool) -> ChangeSet:
    entry = _next(session, undoing)
    if entry is None:
        raise HistoryError(f"there is nothing to {'undo' if undoing else 'redo'}")
    _replay(session, entry.id, backwards=undoing)
    session.execute(
        text("UPDATE history SET state = :state WHERE id = :op"),
        {"state": "undone" if undoing else "done", "op": entry.id},
    )
    return changes_of(session, entry.id, entry.label)


def undo(session: Session) -> ChangeSet:
    """Undo the latest operation still done. The caller commits."""
    return _step(session, undoing=True)


def redo(session: Session) -> ChangeSet:
    """Redo the earliest operation undone. The caller commits."""
    return _step(session, undoing=False)


def entries(session: Session, limit: int = 50) -> list[HistoryEntry]:
    """The latest operations, newest first."""
    rows = session.execute(
        text("SELECT id, kind, label, created_at, state FROM history ORDER BY id DESC LIMIT :n"),
        {"n": limit},
    ).all()
    return [HistoryEntry(*row) for row in rows]


def next_undo(session: Session) -> HistoryEntry | None:
    return _next(session, undoing=True)


def next_redo(session: Session) -> HistoryEntry | None:
    return _next(session, undoing=False)
