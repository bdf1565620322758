"""Reuse detection's results in the library database, kept up to date lazily.

Each analysed document has a row in ``reuse_documents`` with the content
hash of the text it was analysed in and its shingles; ``reuse_alignments``
holds the passage pairs found. A document is *stale* when it has no row or
its text changed since (a re-import); deleting a document deletes its rows
(foreign keys, ``ON DELETE CASCADE``). Nothing is done at import time, so
imports stay as fast as they were: detection runs when results are asked
for (``Library.reuse``) or in the background (``Library.detect_reuse``), and
then only for the stale documents — each against the shingles stored for
all the others — unless many are stale, when one full run over the library
is quicker.

Alignments shorter than ``STORE_MIN_WORDS`` are not kept; queries filter the
rest by ``min_words``, outlet scope and document.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Select, delete, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from kzreader.core.models import Document, Meta, ReuseAlignment, ReuseState
from kzreader.core.reuse import (
    DETECTION_VERSION,
    Alignment,
    DocumentText,
    ReuseRun,
    orient,
    reportable,
    shingle_table,
)
from kzreader.core.reuse_align import align_all, candidate_hits, max_df_for
from kzreader.core.reuse_limits import STORE_MIN_WORDS
from kzreader.core.reuse_text import SHINGLE, from_blob, to_blob

#: More stale documents than this share of the library: one full run.
FULL_RUN_SHARE = 0.2
_VERSION_KEY = "reuse_version"
_BATCH = 500

SessionFactory = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[int, int, str], None]


def version_tag() -> str:
    return f"{DETECTION_VERSION}:{SHINGLE}:{STORE_MIN_WORDS}"


@dataclass
class _Doc:
    id: int
    content_hash: str
    published: str | None
    source: str | None


def _all_stale(s: Session) -> bool:
    """No document analysed, or by another version of the detection."""
    meta = s.get(Meta, _VERSION_KEY)
    return meta is None or meta.value != version_tag()


def _stale(what: Any) -> Select:
    """A select of ``what`` over the documents not analysed as they are
    now (no row in ``reuse_documents``, or one of another text)."""
    analysed = ReuseState.content_hash
    return (
        select(what)
        .select_from(Document)
        .outerjoin(ReuseState, ReuseState.document_id == Document.id)
        .where(or_(analysed.is_(None), analysed != Document.content_hash))
    )


def stale_ids(s: Session) -> tuple[list[int], bool]:
    """The documents whose results are not up to date, and whether every
    document is (none analysed, or by another version of the detection)."""
    if _all_stale(s):
        return list(s.scalars(select(Document.id))), True
    return list(s.scalars(_stale(Document.id))), False


def stale_count(s: Session) -> int:
    """How many documents ``stale_ids`` would give, counted by SQLite: a
    reader's margin asks at each article it opens, and at 100,000 articles
    fetching every row's hashes to count them took 250 ms of a worker's
    Python (the GUI thread waits for the interpreter's lock meanwhile)."""
    if _all_stale(s):
        return int(s.scalar(select(func.count()).select_from(Document)) or 0)
    return int(s.scalar(_stale(func.count())) or 0)


def dates_of(s: Session, alignments: list[Alignment]) -> dict[int, str | None]:
    """The dates of the documents ``alignments`` join (what their clusters
    are ordered by), not of the whole library."""
    ids = sorted({side.document_id for al in alignments for side in (al.a, al.b)})
    out: dict[int, str | None] = {}
    for k in range(0, len(ids), _BATCH):
        chunk = ids[k : k + _BATCH]
        out.update(
            s.execute(select(Document.id, Document.published).where(Document.id.in_(chunk))).all()
        )
    return out


def _texts(s: Session, ids: list[int]) -> Iterator[tuple[int, str, list[list[int]]]]:
    for k in range(0, len(ids), _BATCH):
        chunk = ids[k : k + _BATCH]
        yield from s.execute(
            select(Document.id, Document.text, Document.boilerplate).where(Document.id.in_(chunk))
        ).all()


def refresh(
    sessions: SessionFactory,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    full: bool = False,
) -> ReuseRun:
    """Bring the stored results up to date (everything again when ``full``)."""
    began = time.perf_counter()
    with sessions() as s:
        docs = [
            _Doc(*row)
            for row in s.execute(
                select(Document.id, Document.content_hash, Document.published, Document.source)
                .order_by(Document.id)
            )
        ]  # fmt: skip
        stale, everything = stale_ids(s)
    full = full or everything or len(stale) > max(20, FULL_RUN_SHARE * len(docs))
    target = {d.id for d in docs} if full else set(stale)
    if not target:
        return ReuseRun(0, 0, time.perf_counter() - began, full=False)
    texts: dict[int, DocumentText] = {}
    tables: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    batches: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    batch: list[tuple[np.ndarray, np.ndarray]] = []
    read: list[int] = []
    with sessions() as s:
        for done, (doc_id, text, boilerplate) in enumerate(_texts(s, sorted(target)), 1):
            if cancelled is not None and cancelled():
                return ReuseRun(0, 0, time.perf_counter() - began, full, cancelled=True)
            d = DocumentText(doc_id, text, boilerplate)
            table = shingle_table(d.get_words())
            if full:
                # the shingles are gathered batch by batch (few small arrays
                # live at once), and the words are not kept: the documents
                # that have candidates are read again to be aligned
                read.append(doc_id)
                batch.append(table)
                if len(batch) == _BATCH:
                    batches.append(_joined(batch))
                    batch = []
            else:
                tables[doc_id] = table
                d.text, d.boilerplate = "", ()  # the words are enough
                texts[doc_id] = d
            if progress is not None and done % 100 == 0:
                progress(done, 2 * len(target), "reading")
        if not full:
            rows = s.execute(
                select(ReuseState.document_id, ReuseState.shingles, ReuseState.positions)
            ).all()
            for doc_id, blob, places in rows:
                if doc_id not in target:
                    tables[doc_id] = (from_blob(blob), np.frombuffer(places, dtype="<i4"))
    if full:
        batches.append(_joined(batch))
        del batch
        hashes = np.concatenate([b[0] for b in batches])
        positions = np.concatenate([b[1] for b in batches])
        sizes = np.concatenate([b[2] for b in batches])
        del batches
        by_id = {d.id: d for d in docs}
        order = [by_id[i] for i in read]
    else:
        order = [d for d in docs if d.id in tables]
        parts = [tables[d.id] for d in order]
        hashes = _concat([p[0] for p in parts], np.uint32)
        positions = _concat([p[1] for p in parts], np.int32)
        sizes = np.array([len(p[0]) for p in parts], dtype=np.int64)
        del parts
    offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    # the tables are views of the arrays: one copy of the shingles in memory
    for k, d in enumerate(order):
        lo, hi = int(offsets[k]), int(offsets[k + 1])
        tables[d.id] = (hashes[lo:hi], positions[lo:hi])
    focus = None if full else np.array([d.id in target for d in order], dtype=bool)
    hits = candidate_hits(hashes, positions, offsets, max_df_for(len(order)), focus)
    needed = {order[int(k)].id for k in np.unique(np.concatenate(hits[:2]))} - set(texts)
    if needed:
        with sessions() as s:
            for doc_id, text, boilerplate in _texts(s, sorted(needed)):
                d = DocumentText(doc_id, text, boilerplate)
                d.get_words()
                d.text, d.boilerplate = "", ()
                texts[doc_id] = d

    def step(k: int, total: int) -> None:
        if progress is not None:
            progress(len(target) + len(target) * k // max(total, 1), 2 * len(target), "aligning")

    matches = align_all(hits, lambda k: texts[order[k].id].get_words(), STORE_MIN_WORDS,
                        step, cancelled)  # fmt: skip
    if matches is None:
        return ReuseRun(0, 0, time.perf_counter() - began, full, cancelled=True)
    found = [
        orient(
            (order[m.a].id, order[m.a].published, order[m.a].source),
            (order[m.b].id, order[m.b].published, order[m.b].source),
            m.a_span,
            m.b_span,
            m.words,
            m.similarity,
        )
        for m in matches
        if reportable(m)
    ]
    hashes_then = {d.id: d.content_hash for d in docs}
    stored = _write(sessions, target, tables, hashes_then, found, full)
    return ReuseRun(len(target), stored, time.perf_counter() - began, full)


def _concat(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype)


def _joined(
    tables: list[tuple[np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One batch's tables as ``(hashes, positions, sizes)``."""
    return (
        _concat([t[0] for t in tables], np.uint32),
        _concat([t[1] for t in tables], np.int32),
        np.array([len(t[0]) for t in tables], dtype=np.int64),
    )


def _write(
    sessions: SessionFactory,
    target: set[int],
    tables: dict[int, tuple[np.ndarray, np.ndarray]],
    hashes_then: dict[int, str],
    found: list[Alignment],
    full: bool,
) -> int:
    """Store the results in one short transaction. A document changed or
    deleted while detection ran is left stale (it is analysed next time)."""
    with sessions() as s:
        now = dict(s.execute(select(Document.id, Document.content_hash)).all())
        fresh = {i for i in target if now.get(i) == hashes_then.get(i)}
        if full:
            s.execute(delete(ReuseAlignment))
            s.execute(delete(ReuseState))
        else:
            ids = sorted(target)
            for k in range(0, len(ids), _BATCH):
                chunk = ids[k : k + _BATCH]
                s.execute(delete(ReuseState).where(ReuseState.document_id.in_(chunk)))
                s.execute(
                    delete(ReuseAlignment).where(
                        or_(
                            ReuseAlignment.a_document_id.in_(chunk),
                            ReuseAlignment.b_document_id.in_(chunk),
                        )
                    )
                )
        ids = sorted(fresh)
        for k in range(0, len(ids), _BATCH):  # in batches: the blobs are not all copied at once
            states = [
                {"document_id": i, "content_hash": now[i], "shingles": to_blob(tables[i][0]),
                 "positions": tables[i][1].astype("<i4").tobytes()}
                for i in ids[k : k + _BATCH]
            ]  # fmt: skip
            s.execute(insert(ReuseState), states)
        keep = [
            {"a_document_id": a.a.document_id, "a_start": a.a.start, "a_end": a.a.end,
             "b_document_id": a.b.document_id, "b_start": a.b.start, "b_end": a.b.end,
             "words": a.words, "similarity": a.similarity, "ordering": a.order}
            for a in found
            if a.a.document_id in now and a.b.document_id in now
            and now[a.a.document_id] == hashes_then.get(a.a.document_id)
            and now[a.b.document_id] == hashes_then.get(a.b.document_id)
        ]  # fmt: skip
        if keep:
            s.execute(insert(ReuseAlignment), keep)
        meta = s.get(Meta, _VERSION_KEY)
        if meta is None:
            s.add(Meta(key=_VERSION_KEY, value=version_tag()))
        elif full:
            meta.value = version_tag()
    return len(keep)


def stored_alignments(
    s: Session,
    min_words: int,
    scope: str = "all",
    document_id: int | None = None,
) -> list[Alignment]:
    """The stored alignments of at least ``min_words`` words; ``scope``:
    ``all``, ``across`` (outlets) or ``within`` (one outlet)."""
    da, db = aliased(Document), aliased(Document)
    query = (
        select(ReuseAlignment, da.source, db.source, da.published, db.published)
        .join(da, da.id == ReuseAlignment.a_document_id)
        .join(db, db.id == ReuseAlignment.b_document_id)
        .where(ReuseAlignment.words >= min_words)
        .order_by(ReuseAlignment.a_document_id, ReuseAlignment.a_start, ReuseAlignment.id)
    )
    if document_id is not None:
        query = query.where(
            or_(
                ReuseAlignment.a_document_id == document_id,
                ReuseAlignment.b_document_id == document_id,
            )
        )
    out = []
    for row, source_a, source_b, published_a, published_b in s.execute(query):
        same = bool(source_a and source_b and source_a.casefold() == source_b.casefold())
        if (scope == "across" and same) or (scope == "within" and not same):
            continue
        # ordered by the dates as they are now: the user may have set one
        al = orient(
            (row.a_document_id, published_a, source_a),
            (row.b_document_id, published_b, source_b),
            (row.a_start, row.a_end),
            (row.b_start, row.b_end),
            row.words,
            row.similarity,
        )
        out.append(dataclasses.replace(al, id=row.id))
    return out
