"""The check of the database itself (items 1 to 3 of ``core.check``): the
file (``PRAGMA integrity_check``) and its schema, rows pointing at missing
parents (``PRAGMA foreign_key_check``), and passages against their texts,
re-anchored when they no longer match."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Row, bindparam, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kzreader.core import integrity, integrity_schema
from kzreader.core.anchoring import Selector, reanchor_all
from kzreader.core.backup import BackupInfo
from kzreader.core.check_backups import _Backups
from kzreader.core.check_report import (
    _NOUNS,
    DANGLING_ROWS,
    DATABASE_DAMAGED,
    ORPHAN_PASSAGES,
    PASSAGES_MISMATCH,
    RESTORE_ADVICE,
    CheckNote,
    CheckProblem,
    CheckReport,
    _chunks,
    _Damage,
    _noun,
)
from kzreader.core.db import now_iso
from kzreader.core.db import raw_connection as _raw
from kzreader.core.errors import DamagedLibraryError
from kzreader.core.models import Document, Passage
from kzreader.core.passages import _set_selector
from kzreader.core.wording import plural

if TYPE_CHECKING:
    from kzreader.core.library import Library

#: Documents whose texts are loaded at once when passages are verified.
CHUNK = 200

# -- 1. the database file ------------------------------------------------------------


def _check_integrity(lib: Library, report: CheckReport, pragma: str = "integrity_check") -> bool:
    """Run ``PRAGMA integrity_check`` (or the faster ``quick_check``, which
    skips comparing indexes with their tables); False when the database is
    damaged."""
    try:
        with lib.store.session() as s:
            lines = [str(r[0]) for r in s.execute(text(f"PRAGMA {pragma}")).all()]
    except DamagedLibraryError as exc:
        cause = exc.__cause__
        lines = [str(getattr(cause, "orig", cause) or exc)]
    except SQLAlchemyError as exc:
        lines = [str(getattr(exc, "orig", exc))]
    if lines == ["ok"]:
        return True
    first = " ".join(lines[0].replace("*** in database main ***", "").split())
    report.problems.append(
        CheckProblem(
            DATABASE_DAMAGED,
            f"the database file is damaged ({plural(len(lines), 'fault', 'faults')} "
            f"found by SQLite; first: {first})",
            count=len(lines),
            paths=[str(lib.db_path)],
            repairable=False,
            outcome="cannot be repaired in place",
            advice=RESTORE_ADVICE,
        )
    )
    return False


def _check_schema(lib: Library, report: CheckReport) -> bool:
    """Compare the tables, indexes and triggers with the ones the migrations
    make; False when they differ (a damaged trigger would log wrong undo
    images, a damaged table definition change what is stored)."""
    with lib.store.session() as s:
        differing = integrity_schema.schema_differences(_raw(s))
    if not differing:
        return True
    n = len(differing)
    shown = ", ".join(differing[:4]) + (", …" if n > 4 else "")
    what, whats = "table, index or trigger", "tables, indexes or triggers"
    sound = _newest_sound_schema(lib)
    report.problems.append(
        CheckProblem(
            DATABASE_DAMAGED,
            f"the database file is damaged: the definition of {plural(n, what, whats)} "
            f"differs from the one kzreader makes ({shown})",
            count=n,
            paths=[str(lib.db_path)] + ([str(sound.path)] if sound else []),
            repairable=False,
            outcome="cannot be repaired in place",
            advice=(
                f"restore the backup {sound.path.name} ({sound.created}), the newest whose "
                f"schema is sound, with `kzreader restore {sound.path}`: it keeps the "
                "damaged file aside"
                if sound
                else RESTORE_ADVICE
            ),
        )
    )
    return False


def _newest_sound_schema(lib: Library) -> BackupInfo | None:
    with _Backups(lib) as backups:
        for info, conn in backups.each():
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if not integrity_schema.schema_differences(conn, version):
                    return info
            except (sqlite3.Error, RuntimeError, IndexError):
                continue
    return None


# -- 2. rows pointing at missing parents ---------------------------------------------


def _dangling(s: Session) -> dict[tuple[str, str], list[int]]:
    """``{(table, missing parent table): [rowid…]}`` from ``foreign_key_check``."""
    found: dict[tuple[str, str], set[int]] = {}
    for table, rowid, parent, _fkid in s.execute(text("PRAGMA foreign_key_check")).all():
        found.setdefault((str(table), str(parent)), set()).add(int(rowid))
    return {key: sorted(rowids) for key, rowids in sorted(found.items())}


def _check_foreign_keys(
    lib: Library, report: CheckReport, repair: bool
) -> dict[tuple[str, str], list[int]]:
    """Report (and with ``repair`` delete) the rows whose parent is gone;
    returns them (the check of rows does not report them a second time)."""
    with lib.store.session() as s:
        dangling = _dangling(s)
    if not dangling:
        return dangling
    problems: dict[tuple[str, str], CheckProblem] = {}
    for (table, parent), rowids in dangling.items():
        n = len(rowids)
        one, many = _NOUNS.get(parent, (parent, parent))
        if n == 1:
            article = "an" if one[:1] in "aeiou" else "a"
            what = f"points at {article} {one} that no longer exists"
        else:
            what = f"point at {many} that no longer exist"
        problems[table, parent] = CheckProblem(
            DANGLING_ROWS,
            f"{_noun(table, n)} {what}",
            count=n,
            ids=rowids,
        )
    report.problems.extend(problems.values())
    if not repair:
        return dangling
    with lib.store.session() as s:
        outcomes = _repair_dangling(s, dangling)
        left = _dangling(s)
    for key, problem in problems.items():
        if key in left:
            problem.outcome = "not repaired: some rows could not be removed"
        else:
            problem.repaired = True
            problem.outcome = outcomes.get(key, "deleted")
    return dangling


def _repair_dangling(
    s: Session, dangling: dict[tuple[str, str], list[int]]
) -> dict[tuple[str, str], str]:
    """Delete the rows whose parent is gone, in the caller's transaction.

    A tag whose parent tag is gone is made a top-level tag instead: deleting
    it would cascade to its sub-tags and to every passage's coding with them.
    Deleting a passage cascades (foreign keys are on) to its tag assignments
    and links; the outcome counts them.
    """
    outcomes: dict[tuple[str, str], str] = {}
    for (table, parent), rowids in dangling.items():
        if table == "tags" and parent == "tags":
            for tag_id in rowids:
                _make_root_tag(s, tag_id)
            outcomes[table, parent] = "made top-level tags"
            continue
        extra = ""
        if table == "passages":
            assignments, links = _attached_to_passages(s, rowids)
            attached = [
                _noun(kind, n) for kind, n in (("passage_tags", assignments), ("links", links)) if n
            ]
            if attached:
                extra = f", along with {' and '.join(attached)} attached to them"
        for chunk in _chunks(rowids, 500):
            s.execute(
                text(f'DELETE FROM "{table}" WHERE rowid IN :ids').bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": list(chunk)},
            )
        outcomes[table, parent] = "deleted" + extra
    return outcomes


def _attached_to_passages(s: Session, passage_ids: Sequence[int]) -> tuple[int, int]:
    """Tag assignments and links that deleting these passages takes along."""
    assignments = links = 0
    for chunk in _chunks(passage_ids, 500):
        params = {"ids": list(chunk)}
        assignments += int(
            s.execute(
                text("SELECT count(*) FROM passage_tags WHERE passage_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                params,
            ).scalar_one()
        )
        links += int(
            s.execute(
                text(
                    "SELECT count(*) FROM links WHERE source_id IN :ids OR target_id IN :ids"
                ).bindparams(bindparam("ids", expanding=True)),
                params,
            ).scalar_one()
        )
    return assignments, links


def _make_root_tag(s: Session, tag_id: int) -> None:
    """Detach a tag from its missing parent, renaming it (as migration 2
    does) when a top-level tag already has its name."""
    name = s.execute(text("SELECT name FROM tags WHERE id = :id"), {"id": tag_id}).scalar_one()
    sound = _row_sound(s, "tags", tag_id)
    candidate, n = name, 0
    while (
        s.execute(
            text("SELECT 1 FROM tags WHERE parent_id IS NULL AND name = :name AND id != :id"),
            {"name": candidate, "id": tag_id},
        ).first()
        is not None
    ):
        n += 1
        candidate = f"{name} ({tag_id})" if n == 1 else f"{name} ({tag_id}-{n})"
    s.execute(
        text("UPDATE tags SET parent_id = NULL, name = :name WHERE id = :id"),
        {"name": candidate, "id": tag_id},
    )
    if sound:  # a damaged row stays damaged, for the check of rows to report
        _rechecksum(s, "tags", tag_id)


def _row_sound(s: Session, table: str, row_id: int) -> bool:
    conn = _raw(s)
    with integrity.stored_values(conn):
        row = integrity.read_row(conn, table, row_id)
    return row is not None and integrity.verifies(table, row)


def _rechecksum(s: Session, table: str, row_id: int) -> None:
    """Record the checksum of a row a repair has just written (in SQL)."""
    conn = _raw(s)
    with integrity.stored_values(conn):
        row = integrity.read_row(conn, table, row_id)
    if row is not None:
        s.execute(
            text(f'UPDATE "{table}" SET checksum = :c WHERE id = :id'),
            {"c": integrity.checksum_of(table, row), "id": row_id},
        )


# -- 3. passages against their texts -------------------------------------------------

# SQLite's length() and substr() count characters (code points in a UTF-8
# database), as Python's str indices do: the comparison runs in SQLite without
# moving any text into Python. length() stops at a NUL character, so every
# candidate is confirmed in Python before it is reported.
_MISMATCHED_SQL = text(
    """
    SELECT p.id FROM passages AS p JOIN documents AS d ON d.id = p.document_id
    WHERE p.status != 'orphan' AND (
        p.start < 0 OR p."end" < p.start OR p."end" > length(d.text)
        OR substr(d.text, p.start + 1, p."end" - p.start) != p.exact
    )
    ORDER BY p.id
    """
)


def _matches(doc_text: str, start: int, end: int, exact: str) -> bool:
    return 0 <= start <= end <= len(doc_text) and doc_text[start:end] == exact


def _mismatched(s: Session, damage: _Damage | None = None) -> dict[int, list[int]]:
    """``{document id: [passage id…]}`` of the passages whose selector does not
    match the text, confirmed in Python, documents loaded ``CHUNK`` at a time.
    Damaged passages and the passages of damaged documents are left out
    (``damage``): they are reported as such, and must not be re-anchored."""
    damage = damage or _Damage()
    candidates = [pid for pid in s.scalars(_MISMATCHED_SQL) if pid not in damage.passages]
    found: dict[int, list[int]] = {}
    for chunk in _chunks(candidates, CHUNK * 5):
        rows = s.execute(
            select(Passage.id, Passage.document_id, Passage.start, Passage.end, Passage.exact)
            .where(Passage.id.in_(chunk))
            .order_by(Passage.document_id, Passage.id)
        ).all()
        by_document: dict[int, list[Row[tuple[int, int, int, int, str]]]] = {}
        for r in rows:
            if r.document_id not in damage.documents:
                by_document.setdefault(r.document_id, []).append(r)
        for doc_chunk in _chunks(sorted(by_document), CHUNK):
            texts = _texts(s, doc_chunk)
            for doc_id in doc_chunk:
                for r in by_document[doc_id]:
                    if not _matches(texts[doc_id], r.start, r.end, r.exact):
                        found.setdefault(doc_id, []).append(r.id)
    return found


def _texts(s: Session, doc_ids: Sequence[int]) -> dict[int, str]:
    return dict(s.execute(select(Document.id, Document.text).where(Document.id.in_(doc_ids))).all())


def _reanchor(s: Session, mismatched: dict[int, list[int]]) -> Counter[str]:
    """Re-anchor these passages in their documents' current texts, as a
    re-import does, in the caller's transaction; counts by new status.

    The length of the text the selectors were made on is unknown (the text
    changed outside kzreader), so ties are broken by nearness to the old
    position.
    """
    counts: Counter[str] = Counter()
    doc_ids = sorted(mismatched)
    for doc_chunk in _chunks(doc_ids, CHUNK):
        texts = _texts(s, doc_chunk)
        for doc_id in doc_chunk:
            passages = list(
                s.scalars(
                    select(Passage).where(Passage.id.in_(mismatched[doc_id])).order_by(Passage.id)
                )
            )
            olds = [Selector(p.start, p.end, p.exact, p.prefix, p.suffix) for p in passages]
            for passage, anchor in zip(passages, reanchor_all(olds, texts[doc_id]), strict=True):
                counts[anchor.status] += 1
                if anchor.status == "orphan":
                    passage.status = "orphan"
                    passage.modified_at = now_iso()
                else:
                    _set_selector(passage, anchor.selector, anchor.status)
        s.flush()
        s.expunge_all()  # keep one chunk of passages in memory, not all
    return counts


def _reanchor_outcome(counts: Counter[str]) -> str:
    words = {"exact": "found in place", "moved": "moved", "fuzzy": "fuzzy", "orphan": "orphaned"}
    return ", ".join(f"{counts[k]} {w}" for k, w in words.items() if counts[k])


def _check_passages(
    lib: Library, report: CheckReport, repair: bool, damage: _Damage | None = None
) -> None:
    with lib.store.session() as s:
        mismatched = _mismatched(s, damage)
    ids = sorted(pid for pids in mismatched.values() for pid in pids)
    if ids:
        n = len(ids)
        problem = CheckProblem(
            PASSAGES_MISMATCH,
            f"{plural(n, 'passage no longer matches its', 'passages no longer match their')} text",
            count=n,
            ids=ids,
        )
        report.problems.append(problem)
        if repair:
            with lib.store.session() as s:
                counts = _reanchor(s, mismatched)
            problem.repaired = True
            problem.outcome = _reanchor_outcome(counts)
    with lib.store.session() as s:
        orphans = list(s.scalars(select(Passage.id).where(Passage.status == "orphan")))
    if orphans:
        n = len(orphans)
        report.notes.append(
            CheckNote(
                ORPHAN_PASSAGES,
                f"{plural(n, 'passage is', 'passages are')} orphaned: "
                f"{'its' if n == 1 else 'their'} text changed and "
                f"{'it was' if n == 1 else 'they were'} not found again. List them with "
                "`kzreader passages --status orphan` and re-attach them with "
                "`kzreader passage move ID START:END`, or in the app",
                count=n,
                ids=orphans,
            )
        )
