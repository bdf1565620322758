"""Checking a library's integrity, and repairing what can be repaired.

A library is a database (the truth), an index rebuilt from it, and the
temporary files of operations that were interrupted. Each can go wrong on its
own: a disk fault or a copy taken mid-write damages the database file; a row
written while foreign keys were off (another tool, an old bug) points at a
parent that is gone; a passage's selector stops matching its text when the
text is edited outside kzreader; a crash leaves the index behind the database
and half-written folders beside it.

:func:`check_library` looks at all of it and, with ``repair``, fixes what can
be fixed without losing the user's work:

1. ``PRAGMA integrity_check``, and the schema (tables, indexes, triggers)
   against the one the migrations make -- a damaged database file cannot be
   repaired in place; the report says to restore a backup, and nothing else
   in the database is checked or written (repairs would build on damaged
   pages).
2. ``PRAGMA foreign_key_check`` -- rows whose parent is gone are deleted (with
   what cascades from them), except tags whose parent tag is gone: they become
   top-level tags, so that their sub-tags and codings survive.
3. Damage SQLite cannot see (see ``integrity``): each document's text
   against the hash recorded at import, each row of documents, passages, tags
   and links against its checksum. Each damaged article, passage, tag or link
   is a problem of its own, naming the article and the newest backup that
   holds a good copy. A repair writes a copy back only when it is proven
   good: a text whose hash matches (from a backup, or the article's original
   file), a row whose checksum matches (from a backup, or a passage's
   selector rebuilt from its sound text). Anything else is left as it is,
   with the advice to restore a backup: nothing is overwritten with a guess.
   A text that changed length was changed on purpose, by another program: a
   note, and a repair takes it as the document's text (and re-anchors its
   passages). Then passages whose selector no longer matches their
   document's text are re-anchored (exact / moved / fuzzy / orphan, as a
   re-import does) -- never in a damaged text. Orphaned passages are a note,
   not a problem: the user re-attaches them.
4. The index against the database: missing, stale and extra entries, an index
   that is missing or cannot be opened, and a generation that differs from the
   database's. Repaired by the library's own indexing (a full rebuild only
   when the index is unusable).
5. Temporary files left by interrupted operations are deleted: in the
   library folder and in ``backups/``, the temporary files of ``core.atomic``
   (``.<name>.kzreader-<random>.tmp``, with the ``-journal``, ``-wal`` and
   ``-shm`` files SQLite may leave beside one) and those of earlier versions
   (``*.partial`` and its journals, ``.kzreader-restore-*`` folders,
   ``*.restoring``); ``index.new-*`` and ``index.old-*`` folders; ``*.tmp``
   files in the library and index folders; Whoosh's ``*.tmp`` writer
   folders. Folders that a writer of the index is using right now are left
   alone. Opening a library for writing deletes the ``core.atomic`` ones and
   the earlier versions' already (``backup.tidy``): the first check after
   the opening says so in a note.

:func:`quick_check` is the cheap subset run when a library is opened.

A second check after a repair reports no problems. Database repairs are each
one transaction, outside the undo history: undoing a repair would bring back
rows that point at nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Row, bindparam, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from kzreader.core import atomic, integrity
from kzreader.core.anchoring import Selector, make_selector, reanchor_all
from kzreader.core.backup import BACKUPS_DIR, BackupInfo, list_backups
from kzreader.core.db import now_iso, read_only_uri
from kzreader.core.errors import DamagedLibraryError, ReadOnlyError
from kzreader.core.importer import bump_generation, prepare_file
from kzreader.core.importing.pipeline import content_hash
from kzreader.core.index import INDEX_FORMAT, SearchIndex
from kzreader.core.library import Library
from kzreader.core.models import Document, Meta, Passage
from kzreader.core.passages import _set_selector

# -- kinds of problems and notes ---------------------------------------------------

DATABASE_DAMAGED = "database_damaged"
DANGLING_ROWS = "dangling_rows"
DOCUMENT_DAMAGED = "document_damaged"
ANNOTATION_DAMAGED = "annotation_damaged"
HISTORY_DAMAGED = "history_damaged"
PASSAGES_MISMATCH = "passages_mismatch"
INDEX_MISSING = "index_missing"
INDEX_UNUSABLE = "index_unusable"
INDEX_GENERATION = "index_generation"
INDEX_MISSING_DOCUMENTS = "index_missing_documents"
INDEX_STALE_DOCUMENTS = "index_stale_documents"
INDEX_EXTRA_ENTRIES = "index_extra_entries"
LEFTOVER_FILES = "leftover_files"

ORPHAN_PASSAGES = "orphan_passages"
TEXTS_CHANGED = "texts_changed"
INDEX_BUSY = "index_busy"
CHECKS_SKIPPED = "checks_skipped"

#: Documents whose texts are loaded at once when passages are verified.
CHUNK = 200
#: Whoosh's write lock of an index named ``MAIN`` (its default name).
WRITELOCK = "MAIN_WRITELOCK"
RESTORE_ADVICE = (
    "restore a backup with `kzreader restore --latest` (or `kzreader restore FILE`; "
    "`kzreader backups` lists them): it keeps the damaged file aside"
)


@dataclass
class CheckProblem:
    """Something wrong with the library.

    ``message`` says what, for a person; ``ids`` are the rows concerned
    (passages, documents, row ids) and ``paths`` the files, when there are
    any. ``outcome`` says what the repair did, or why it did not.
    """

    kind: str
    message: str
    count: int
    ids: list[int] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    repairable: bool = True
    repaired: bool = False
    outcome: str = ""
    advice: str = ""


@dataclass
class CheckNote:
    """A fact worth knowing that is not a fault (orphaned passages…)."""

    kind: str
    message: str
    count: int = 0
    ids: list[int] = field(default_factory=list)


@dataclass
class CheckReport:
    """What a check found; ``repair`` says whether it was asked to repair."""

    problems: list[CheckProblem] = field(default_factory=list)
    notes: list[CheckNote] = field(default_factory=list)
    repair: bool = False
    full: bool = True

    @property
    def remaining(self) -> list[CheckProblem]:
        """The problems still there after this run."""
        return [p for p in self.problems if not p.repaired]

    @property
    def clean(self) -> bool:
        """True when nothing is left to fix (nothing found, or all repaired)."""
        return not self.remaining

    @property
    def repaired(self) -> bool:
        """True when this run changed the library to repair something."""
        return any(p.repaired for p in self.problems)


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


# -- entry points --------------------------------------------------------------------


def check_library(lib: Library, repair: bool = False) -> CheckReport:
    """Check everything (see the module docstring); with ``repair``, fix what
    can be fixed. Reads every page of the database, hashes every text,
    verifies every row's checksum and compares every passage with its text:
    seconds for a library of 10,000 articles."""
    _refuse_read_only(lib, repair)
    report = CheckReport(repair=repair, full=True)
    # leftovers first: repairing the index writes (and so replaces) its own
    # temporary files, and the report should say what was found before that
    _check_leftovers(lib, report, repair)
    if _check_integrity(lib, report) and _check_schema(lib, report):
        dangling = _check_foreign_keys(lib, report, repair)
        damage = _check_damage(lib, report, repair, dangling)
        _check_history(lib, report, repair)
        _check_passages(lib, report, repair, damage)
        _check_index(lib, report, repair, full=True)
        _take_changed_texts(lib, report, repair, damage)
    else:
        report.notes.append(
            CheckNote(
                CHECKS_SKIPPED,
                "the other checks of the database and the index were skipped: "
                "restore a backup first",
            )
        )
    return report


def quick_check(lib: Library, repair: bool = False) -> CheckReport:
    """The cheap checks, for every opening of a library.

    Covers: damage to the database file (``PRAGMA quick_check``: reads every
    page once, 0.15 s for a 150 MB database in the file cache, under 1 s
    from disk — which is why the app runs it on a worker after the window is
    shown, not before); the schema against the one the migrations make (a
    few dozen rows of ``sqlite_master``); rows pointing at missing parents
    (``PRAGMA foreign_key_check``,
    an index lookup per row), the index folder being there with a state file
    of the current format and the database's generation (reading one small
    file, not opening the index), and temporary files left by interrupted
    operations (a few directory listings).

    Leaves out the rest of what costs time in proportion to the library's
    size: the full ``PRAGMA integrity_check`` (also compares every index
    with its table), comparing texts with their hashes and rows with their
    checksums, comparing passages with
    their texts (reads every text), opening the index and comparing its
    entries with the database. ``check_library`` does those.
    """
    _refuse_read_only(lib, repair)
    report = CheckReport(repair=repair, full=False)
    _check_leftovers(lib, report, repair)
    if _check_integrity(lib, report, "quick_check") and _check_schema(lib, report):
        _check_foreign_keys(lib, report, repair)
        _check_index(lib, report, repair, full=False)
    return report


def _refuse_read_only(lib: Library, repair: bool) -> None:
    """A repair writes: refuse it up front on a library opened read-only,
    rather than fail half-way through."""
    if repair and lib.read_only:
        raise ReadOnlyError(f"cannot repair the library: it is read-only ({lib.read_only_reason})")


# -- 1. the database file ------------------------------------------------------------


def _check_integrity(lib: Library, report: CheckReport, pragma: str = "integrity_check") -> bool:
    """Run ``PRAGMA integrity_check`` (or the faster ``quick_check``, which
    skips comparing indexes with their tables); False when the database is
    damaged."""
    try:
        with lib._session() as s:
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
            f"the database file is damaged ({_plural(len(lines), 'fault', 'faults')} "
            f"found by SQLite; first: {first})",
            count=len(lines),
            paths=[str(lib.db_path)],
            repairable=False,
            outcome="cannot be repaired in place",
            advice=RESTORE_ADVICE,
        )
    )
    return False


def _raw(s: Session) -> sqlite3.Connection:
    """The session's ``sqlite3`` connection, in the session's transaction."""
    return s.connection().connection.dbapi_connection  # type: ignore[return-value]


def _check_schema(lib: Library, report: CheckReport) -> bool:
    """Compare the tables, indexes and triggers with the ones the migrations
    make; False when they differ (a damaged trigger would log wrong undo
    images, a damaged table definition change what is stored)."""
    with lib._session() as s:
        differing = integrity.schema_differences(_raw(s))
    if not differing:
        return True
    n = len(differing)
    shown = ", ".join(differing[:4]) + (", …" if n > 4 else "")
    what, whats = "table, index or trigger", "tables, indexes or triggers"
    sound = _newest_sound_schema(lib)
    report.problems.append(
        CheckProblem(
            DATABASE_DAMAGED,
            f"the database file is damaged: the definition of {_plural(n, what, whats)} "
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
                if not integrity.schema_differences(conn, version):
                    return info
            except (sqlite3.Error, RuntimeError, IndexError):
                continue
    return None


# -- 2. rows pointing at missing parents ---------------------------------------------

#: How a person calls the rows of each table.
_NOUNS: dict[str, tuple[str, str]] = {
    "documents": ("document", "documents"),
    "document_attributes": ("document attribute", "document attributes"),
    "passages": ("passage", "passages"),
    "passage_tags": ("tag assignment", "tag assignments"),
    "links": ("link", "links"),
    "tags": ("tag", "tags"),
    "history": ("undo history operation", "undo history operations"),
    "history_changes": ("undo history entry", "undo history entries"),
}


def _noun(table: str, n: int) -> str:
    singular, plural = _NOUNS.get(table, (f"row of {table}", f"rows of {table}"))
    return _plural(n, singular, plural)


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
    with lib._session() as s:
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
    with lib._session() as s:
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


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- 3. damage SQLite cannot see: texts against their hashes, rows against checksums


class _Backups:
    """The library's backups, newest first, each opened read-only (texts as
    stored bytes) when first needed."""

    def __init__(self, lib: Library) -> None:
        self.infos = list_backups(lib.path / BACKUPS_DIR)
        self._conns: dict[Path, sqlite3.Connection | None] = {}

    def __enter__(self) -> _Backups:
        return self

    def __exit__(self, *exc: object) -> None:
        for conn in self._conns.values():
            if conn is not None:
                conn.close()
        self._conns.clear()

    def _open(self, info: BackupInfo) -> sqlite3.Connection | None:
        if info.path not in self._conns:
            conn: sqlite3.Connection | None = None
            try:
                conn = sqlite3.connect(read_only_uri(info.path), uri=True)
                conn.text_factory = integrity.stored_text
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error:
                if conn is not None:
                    conn.close()
                conn = None
            self._conns[info.path] = conn
        return self._conns[info.path]

    def each(self) -> Iterator[tuple[BackupInfo, sqlite3.Connection]]:
        for info in self.infos:
            conn = self._open(info)
            if conn is not None:
                yield info, conn

    def text(self, doc_id: int, digest: str) -> tuple[BackupInfo, str] | None:
        """The newest backup whose copy of the document hashes to ``digest``."""
        for info, conn in self.each():
            try:
                row = conn.execute(
                    f"SELECT {integrity.TEXT_BYTES} FROM documents WHERE id = ?", (doc_id,)
                ).fetchone()
            except sqlite3.Error:
                continue
            if row is not None and row[0] is not None and integrity.text_hash(row[0]) == digest:
                try:
                    return info, bytes(row[0]).decode("utf-8")
                except UnicodeDecodeError:
                    continue
        return None

    def row(
        self, table: str, damaged: dict[str, Any]
    ) -> tuple[BackupInfo, str, dict[str, Any]] | None:
        """``(backup, kind, copy)`` of the best copy of a damaged row: the
        newest that is exact (or shows only the checksum damaged), else the
        newest earlier version of it (see ``integrity.compare_copy``)."""
        earlier = None
        for info, conn in self.each():
            try:
                copy = integrity.read_row(conn, table, damaged["id"])
            except sqlite3.Error:
                continue
            if copy is None:
                continue
            kind = integrity.compare_copy(table, damaged, copy)
            if kind in (integrity.EXACT, integrity.SAME):
                return info, kind, copy
            if kind == integrity.EARLIER and earlier is None and copy["uid"] == damaged["uid"]:
                earlier = (info, kind, copy)
        return earlier


@dataclass
class _Damage:
    """What the check of texts and rows leaves for the next checks: the
    documents and passages still damaged (their passages are not
    re-anchored), and the documents whose text another program changed."""

    documents: set[int] = field(default_factory=set)
    passages: set[int] = field(default_factory=set)
    changed: list[int] = field(default_factory=list)


def _title(value: Any) -> str:
    title = " ".join(str(integrity.decoded(value) or "").split())
    return f"“{title[:60]}…”" if len(title) > 60 else f"“{title}”"


def _backup_advice(info: BackupInfo, what: str) -> str:
    return (
        f"the backup {info.path.name} holds {what}: restore it with `kzreader restore "
        f"{info.path}` (it keeps the damaged file aside; what was changed since "
        f"{info.created} is lost with it)"
    )


_NO_COPY = (
    "no backup holds a good copy of it: restore an earlier backup (`kzreader backups` "
    "lists them) if you can lose what was changed since, or correct it in kzreader, "
    "which records it anew"
)


def _check_damage(
    lib: Library,
    report: CheckReport,
    repair: bool,
    dangling: dict[tuple[str, str], list[int]] | None = None,
) -> _Damage:
    """Texts against their hashes, rows against their checksums (see the
    module docstring, item 3); a problem for each damaged article, passage,
    tag or link, repaired only with a copy proven good. Rows pointing at
    missing parents (``dangling``) are reported as such already."""
    pointing: dict[str, set[int]] = {}
    for (table, _parent), rowids in (dangling or {}).items():
        pointing.setdefault(table, set()).update(rowids)
    with lib._session() as s:
        # and the links that deleting those passages takes along
        for chunk in _chunks(sorted(pointing.get("passages", ())), 500):
            pointing.setdefault("links", set()).update(
                s.scalars(
                    text(
                        "SELECT id FROM links WHERE source_id IN :ids OR target_id IN :ids"
                    ).bindparams(bindparam("ids", expanding=True)),
                    {"ids": list(chunk)},
                )
            )
        conn = _raw(s)
        with integrity.stored_values(conn):
            rows = {
                t: [r for r in integrity.unverified_rows(conn, t) if r not in pointing.get(t, ())]
                for t in integrity.CHECKSUM_COLUMNS
            }
            texts = integrity.unsound_texts(conn)
    damage = _Damage()
    bad_rows = set(rows["documents"])
    damage.changed = sorted(
        d for d, v in texts.items() if v == integrity.TEXT_CHANGED and d not in bad_rows
    )
    documents = sorted(bad_rows | {d for d, v in texts.items() if v == integrity.TEXT_DAMAGED})
    if not documents and not any(rows[t] for t in ("passages", "tags", "links")):
        return damage
    with _Backups(lib) as backups:
        for doc_id in documents:
            problem = _document_damage(lib, backups, doc_id, doc_id in bad_rows, repair)
            report.problems.append(problem)
            if not problem.repaired:
                damage.documents.add(doc_id)
        for table in ("passages", "tags", "links"):
            for row_id in rows[table]:
                problem = _row_damage(lib, backups, table, row_id, damage, repair)
                report.problems.append(problem)
                if table == "passages" and not problem.repaired:
                    damage.passages.add(row_id)
    return damage


def _stored(lib: Library, table: str, row_id: int) -> dict[str, Any] | None:
    with lib._session() as s:
        conn = _raw(s)
        with integrity.stored_values(conn):
            return integrity.read_row(conn, table, row_id)


def _stored_text(lib: Library, doc_id: int) -> Any:
    with lib._session() as s:
        conn = _raw(s)
        with integrity.stored_values(conn):
            row = conn.execute(
                f"SELECT {integrity.TEXT_BYTES} FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
    return row[0] if row else None


def _original_text(source_path: Any, digest: str) -> tuple[Path, str] | None:
    """The article's text read again from the file it was imported from,
    when that file still gives the very same text."""
    if not source_path:
        return None
    path = Path(str(integrity.decoded(source_path)))
    try:
        if not path.is_file():
            return None
    except OSError:
        return None
    article, _reason = prepare_file(str(path))
    if article is None or article.content_hash != digest:
        return None
    return path, article.text


def _write_row(lib: Library, table: str, values: dict[str, Any], row_id: int) -> None:
    """Write a row's covered columns and the checksum that goes with them."""
    values = {**values, "checksum": integrity.checksum_of(table, values)}
    sets = ", ".join(f'"{c}" = :v{i}' for i, c in enumerate(values))
    params = {f"v{i}": v for i, v in enumerate(values.values())}
    with lib._session() as s:
        s.execute(text(f'UPDATE "{table}" SET {sets} WHERE id = :id'), {**params, "id": row_id})


def _text_copy(
    backups: _Backups, doc_id: int, source_path: Any, digest: str
) -> tuple[Path, str, str] | None:
    """``(file, where, text)`` of a good copy of a document's text: in the
    newest backup holding one, else in the file it was imported from."""
    found = backups.text(doc_id, digest)
    if found is not None:
        return found[0].path, f"the backup {found[0].path.name}", found[1]
    original = _original_text(source_path, digest)
    if original is not None:
        return original[0], f"its original file {original[0]}", original[1]
    return None


def _document_damage(
    lib: Library, backups: _Backups, doc_id: int, row_damaged: bool, repair: bool
) -> CheckProblem:
    """The problem of one damaged document: its details (the row) and/or
    its text, with the good copies found and, with ``repair``, put back."""
    current = _stored(lib, "documents", doc_id)
    assert current is not None
    row_copy = backups.row("documents", current) if row_damaged else None
    row_fix = row_copy if row_copy and row_copy[1] != integrity.EARLIER else None
    shown = row_fix[2] if row_fix else current
    # the hash the text must have: the row's own, once the row can be trusted
    digest = integrity.decoded(shown["content_hash"]) if not row_damaged or row_fix else None
    stored_text = _stored_text(lib, doc_id)
    text_sound = (
        digest is not None
        and isinstance(stored_text, bytes)
        and integrity.text_hash(stored_text) == digest
    )
    text_fix = None
    if digest is not None and not text_sound:
        text_fix = _text_copy(backups, doc_id, shown["source_path"], digest)
    parts: list[str] = []
    sources: list[Path] = []
    outcome: list[str] = []
    if row_damaged:
        parts.append(
            "its details (title, source, dates, fingerprint) no longer match their checksum"
        )
        if row_fix:
            sources.append(row_fix[0].path)
            outcome.append(
                f"details restored from the backup {row_fix[0].path.name}"
                if row_fix[1] == integrity.EXACT
                else "only the checksum of its details was damaged: recorded again"
            )
    if digest is None:
        parts.append("its text cannot be verified until they are restored")
    elif not text_sound:
        parts.append("its text no longer matches the fingerprint recorded when it was imported")
        if text_fix is not None:
            sources.append(text_fix[0])
            outcome.append(f"text restored from {text_fix[1]}")
    fixable = (not row_damaged or row_fix is not None) and (text_sound or text_fix is not None)
    message = f"document {doc_id} {_title(shown['title'])} is damaged: " + "; ".join(parts)
    problem = CheckProblem(DOCUMENT_DAMAGED, message, count=1, ids=[doc_id])
    if fixable:
        where = [f"the backup {row_fix[0].path.name}"] if row_fix else []
        where += [text_fix[1]] if text_fix and text_fix[1] not in where else []
        if where:
            problem.message += f"; {' and '.join(where)} {'holds' if len(where) == 1 else 'hold'} "
            problem.message += "a good copy"
        problem.paths = [str(p) for p in dict.fromkeys(sources)]
    else:
        problem.repairable = False
        problem.outcome = "cannot be repaired in place"
        problem.message += "; its passages are left as they are"
        if row_copy is not None and row_copy[1] == integrity.EARLIER:
            problem.advice = _backup_advice(row_copy[0], "an earlier version of it")
            problem.paths = [str(row_copy[0].path)]
        else:
            problem.advice = (
                "no backup holds a good copy of it, nor does its original file: restore an "
                "earlier backup (`kzreader backups` lists them) if you can lose what was "
                "changed since, or import the article again from a good copy of its file "
                "(its passages follow the text)"
            )
        return problem
    if repair:
        if row_fix:
            _write_row(lib, "documents", integrity.row_values("documents", row_fix[2]), doc_id)
        if text_fix is not None:
            with lib._session() as s:
                s.execute(
                    text("UPDATE documents SET text = :text WHERE id = :id"),
                    {"text": text_fix[2], "id": doc_id},
                )
        problem.repaired = True
        problem.outcome = "; ".join(outcome)
    return problem


def _rebuilt_selector(
    lib: Library, current: dict[str, Any], damage: _Damage
) -> dict[str, Any] | None:
    """A damaged passage's columns with its selector rebuilt from its
    document's (sound) text, when that gives back the checksum: where the
    selector stands (its start and end) or what it quotes (its exact text)
    was damaged, and the rest of the row tells the original."""
    doc_id = current["document_id"]
    if not isinstance(doc_id, int) or doc_id in damage.documents:
        return None
    with lib._session() as s:
        doc_text = s.scalar(select(Document.text).where(Document.id == doc_id))
    if doc_text is None:
        return None
    start, end = current["start"], current["end"]
    old = Selector(
        start if isinstance(start, int) else 0,
        end if isinstance(end, int) else 0,
        *(str(integrity.decoded(current[c]) or "") for c in ("exact", "prefix", "suffix")),
    )
    candidates = []
    if 0 <= old.start < old.end <= len(doc_text):
        candidates.append(make_selector(doc_text, old.start, old.end))
    anchor = reanchor_all([old], doc_text)[0]
    if anchor.status != "orphan":
        candidates.append(anchor.selector)
    stored = integrity.decoded(current["checksum"])
    for sel in candidates:
        values = {
            **integrity.row_values("passages", current),
            "start": sel.start,
            "end": sel.end,
            "exact": sel.exact,
            "prefix": sel.prefix,
            "suffix": sel.suffix,
        }
        if integrity.checksum_of("passages", values) == stored:
            return values
    return None


def _describe_row(lib: Library, table: str, row: dict[str, Any]) -> str:
    if table == "passages":
        doc_id = row["document_id"]
        with lib._session() as s:
            title = s.scalar(select(Document.title).where(Document.id == doc_id))
        return f"passage {row['id']} in document {doc_id} {_title(title)}"
    if table == "tags":
        return f"tag {row['id']} {_title(row['name'])}"
    return f"link {row['id']} from passage {row['source_id']} to passage {row['target_id']}"


#: What the checksum of each kind of row covers, for a person.
_COVERS = {
    "passages": "its quote, extent, note, colour or dates",
    "tags": "its name, colour, description or place in the tree",
    "links": "its relation, direction, note or passages",
}


def _row_damage(
    lib: Library, backups: _Backups, table: str, row_id: int, damage: _Damage, repair: bool
) -> CheckProblem:
    """The problem of one damaged passage, tag or link."""
    current = _stored(lib, table, row_id)
    assert current is not None
    rebuilt = _rebuilt_selector(lib, current, damage) if table == "passages" else None
    copy = None if rebuilt is not None else backups.row(table, current)
    shown = copy[2] if copy and copy[1] != integrity.EARLIER else current
    message = (
        f"{_describe_row(lib, table, shown)} is damaged: {_COVERS[table]} no longer "
        "match its checksum"
    )
    problem = CheckProblem(ANNOTATION_DAMAGED, message, count=1, ids=[row_id])
    if rebuilt is not None:
        values, outcome = rebuilt, "its selector rebuilt from its document's text"
        problem.message += "; its document's text gives it back"
    elif copy is not None and copy[1] in (integrity.EXACT, integrity.SAME):
        values = integrity.row_values(table, copy[2] if copy[1] == integrity.EXACT else current)
        outcome = (
            f"restored from the backup {copy[0].path.name}"
            if copy[1] == integrity.EXACT
            else "only its checksum was damaged: recorded again"
        )
        problem.message += f"; a good copy is in the backup {copy[0].path.name}"
        problem.paths = [str(copy[0].path)]
    else:
        problem.repairable = False
        problem.outcome = "cannot be repaired in place"
        if copy is not None:
            problem.paths = [str(copy[0].path)]
            problem.advice = _backup_advice(copy[0], "an earlier version of it") + (
                "; or correct it in kzreader, which records it anew"
            )
        else:
            problem.advice = _NO_COPY
        return problem
    if repair:
        _write_row(lib, table, values, row_id)
        problem.repaired = True
        problem.outcome = outcome
    return problem


def _check_history(lib: Library, report: CheckReport, repair: bool) -> None:
    """The undo history's logged changes (``integrity.unsound_history``).
    A repair forgets the damaged operations and those an undo or redo could
    only reach through them: the user's rows stay as they are."""
    with lib._session() as s:
        conn = _raw(s)
        with integrity.stored_values(conn):
            damaged = integrity.unsound_history(conn)
        if not damaged:
            return
        states = dict(
            s.execute(text("SELECT id, state FROM history")).all()  # type: ignore[arg-type]
        )
    done = [op for op in damaged if states.get(op) == "done"]
    undone = [op for op in damaged if states.get(op) == "undone"]
    n = len(damaged)
    problem = CheckProblem(
        HISTORY_DAMAGED,
        f"the undo history is damaged: {_plural(n, 'operation', 'operations')} "
        f"({', '.join(str(op) for op in damaged[:5])}{', …' if n > 5 else ''}) could no "
        "longer be undone or redone correctly",
        count=n,
        ids=damaged,
    )
    report.problems.append(problem)
    if not repair:
        return
    with lib._session() as s:
        # undo goes from the newest done operation back, redo from the oldest
        # undone one on: past a damaged one, neither can go on
        forgotten = 0
        if done:
            forgotten += s.execute(
                text("DELETE FROM history WHERE state = 'done' AND id <= :op"), {"op": max(done)}
            ).rowcount
        if undone:
            forgotten += s.execute(
                text("DELETE FROM history WHERE state = 'undone' AND id >= :op"),
                {"op": min(undone)},
            ).rowcount
        orphaned = [op for op in damaged if op not in states]
        if orphaned:
            s.execute(
                text("DELETE FROM history_changes WHERE op_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": orphaned},
            )
    problem.repaired = True
    problem.outcome = (
        f"{_plural(forgotten, 'operation was', 'operations were')} forgotten: "
        f"{'it' if forgotten == 1 else 'they'} can no longer be undone or redone "
        "(nothing else was changed)"
    )


def _take_changed_texts(lib: Library, report: CheckReport, repair: bool, damage: _Damage) -> None:
    """Texts another program changed (see ``integrity.TEXT_CHANGED``): a
    note; a repair records each as its document's own text (hash, length)
    and indexes it, its passages having been re-anchored in it already."""
    if not damage.changed:
        return
    with lib._session() as s:
        titles = dict(
            s.execute(
                select(Document.id, Document.title).where(Document.id.in_(damage.changed))
            ).all()
        )
    named = ", ".join(f"document {d} {_title(titles.get(d))}" for d in damage.changed)
    n = len(damage.changed)
    taken: list[int] = []
    if repair:
        taken = _take_texts(lib, damage.changed)
    if taken and len(taken) == n:
        what = (
            f"{'its text was' if n == 1 else 'their texts were'} recorded as "
            f"{'its' if n == 1 else 'their'} own"
        )
    else:
        what = (
            "kzreader takes them as they are: a repair re-anchors their passages and "
            "records the new texts as theirs"
        )
    report.notes.append(
        CheckNote(
            TEXTS_CHANGED,
            f"the text of {_noun('documents', n)} was changed outside kzreader ({named}): {what}",
            count=n,
            ids=list(damage.changed),
        )
    )


def _take_texts(lib: Library, doc_ids: Sequence[int]) -> list[int]:
    taken = []
    with lib._session() as s:
        for doc_id in doc_ids:
            doc = s.get(Document, doc_id)
            if doc is None:
                continue
            digest = content_hash(doc.text)
            twin = s.scalar(
                select(Document.id).where(Document.content_hash == digest, Document.id != doc_id)
            )
            if twin is not None:  # the same text as another document: left as it is
                continue
            doc.content_hash, doc.length, doc.updated_at = digest, len(doc.text), now_iso()
            taken.append(doc_id)
        if taken:
            bump_generation(s)
    if taken:
        # if the index cannot be written now, the generation tells the next
        # opening to bring it up to date
        with contextlib.suppress(OSError, LockError):
            lib._index_documents(taken)
    return taken


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
    with lib._session() as s:
        mismatched = _mismatched(s, damage)
    ids = sorted(pid for pids in mismatched.values() for pid in pids)
    if ids:
        n = len(ids)
        problem = CheckProblem(
            PASSAGES_MISMATCH,
            f"{_plural(n, 'passage no longer matches its', 'passages no longer match their')} text",
            count=n,
            ids=ids,
        )
        report.problems.append(problem)
        if repair:
            with lib._session() as s:
                counts = _reanchor(s, mismatched)
            problem.repaired = True
            problem.outcome = _reanchor_outcome(counts)
    with lib._session() as s:
        orphans = list(s.scalars(select(Passage.id).where(Passage.status == "orphan")))
    if orphans:
        n = len(orphans)
        report.notes.append(
            CheckNote(
                ORPHAN_PASSAGES,
                f"{_plural(n, 'passage is', 'passages are')} orphaned: "
                f"{'its' if n == 1 else 'their'} text changed and "
                f"{'it was' if n == 1 else 'they were'} not found again. List them with "
                "`kzreader passages --status orphan` and re-attach them with "
                "`kzreader passage move ID START:END`, or in the app",
                count=n,
                ids=orphans,
            )
        )


# -- 4. the index against the database -----------------------------------------------


@dataclass
class _IndexFindings:
    problems: list[CheckProblem]
    unusable: bool = False
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)


def _database_generation(lib: Library) -> int:
    with lib._session() as s:
        meta = s.get(Meta, "generation")
        return int(meta.value) if meta is not None else 0


def _inspect_index(lib: Library, full: bool) -> _IndexFindings:
    """Compare the index on disk with the database, changing nothing.

    The index is opened afresh (not through the library's open index, which
    may hold an earlier state in memory), so that the check sees the files.
    """
    path = lib.index.path
    if not any(path.glob("_MAIN_*.toc")):
        return _IndexFindings(
            [
                CheckProblem(
                    INDEX_MISSING,
                    "the search index is missing",
                    count=1,
                    paths=[str(path)],
                )
            ],
            unusable=True,
        )
    probe = SearchIndex(path)
    try:
        state = probe.read_state()
        usable = state.get("format") == INDEX_FORMAT and (not full or probe.is_usable())
        in_index: dict[int, str] = {}
        if usable and full:
            try:
                in_index = probe.stored_state()
            except Exception:
                usable = False
    finally:
        probe.close()
    if not usable:
        return _IndexFindings(
            [
                CheckProblem(
                    INDEX_UNUSABLE,
                    "the search index cannot be used (damaged, or written by another "
                    "version of kzreader)",
                    count=1,
                    paths=[str(path)],
                )
            ],
            unusable=True,
        )
    found = _IndexFindings([])
    generation = _database_generation(lib)
    recorded = state.get("generation")
    if recorded != generation:
        since = (
            f"it reflects change {recorded}"
            if isinstance(recorded, int)
            else "it does not record which change it reflects"
        )
        found.problems.append(
            CheckProblem(
                INDEX_GENERATION,
                f"the search index is out of step with the database ({since}; the "
                f"database is at change {generation})",
                count=1,
            )
        )
    if not full:
        return found
    with lib._session() as s:
        in_db = dict(s.execute(select(Document.id, Document.content_hash)).all())
    found.missing = sorted(i for i in in_db if i not in in_index)
    found.stale = sorted(i for i, h in in_db.items() if i in in_index and in_index[i] != h)
    found.extra = sorted(i for i in in_index if i not in in_db)
    if found.missing:
        n = len(found.missing)
        found.problems.append(
            CheckProblem(
                INDEX_MISSING_DOCUMENTS,
                f"{_noun('documents', n)} {'is' if n == 1 else 'are'} missing from the "
                "search index",
                n,
                ids=found.missing,
            )
        )
    if found.stale:
        n = len(found.stale)
        found.problems.append(
            CheckProblem(
                INDEX_STALE_DOCUMENTS,
                f"{_noun('documents', n)} {'is' if n == 1 else 'are'} indexed with an older "
                f"version of {'its' if n == 1 else 'their'} text",
                n,
                ids=found.stale,
            )
        )
    if found.extra:
        n = len(found.extra)
        found.problems.append(
            CheckProblem(
                INDEX_EXTRA_ENTRIES,
                f"the search index still holds {_noun('documents', n)} deleted from the library",
                n,
                ids=found.extra,
            )
        )
    return found


def _check_index(lib: Library, report: CheckReport, repair: bool, full: bool) -> None:
    found = _inspect_index(lib, full)
    report.problems.extend(found.problems)
    if not repair or not found.problems:
        return
    failure = "not repaired: another program is writing the index; check again when it has finished"
    outcome = "index brought up to date"
    try:
        if found.unusable:
            outcome = f"index rebuilt ({_noun('documents', lib.reindex())})"
        elif not full:
            # only the generation is known to differ: the library's own sync
            # compares the entries and updates those that differ
            lib.sync_index()
        else:
            lib._index_documents([*found.missing, *found.stale], deleted=found.extra)
    except (OSError, LockError) as exc:
        failure = f"not repaired: the index could not be written ({exc})"
    after = _inspect_index(lib, full)
    left = {p.kind for p in after.problems}
    for problem in found.problems:
        if problem.kind in left:
            problem.outcome = failure
        else:
            problem.repaired = True
            problem.outcome = outcome


# -- 5. temporary files left by interrupted operations -------------------------------


def _writer_active(folder: Path) -> bool:
    """True when a Whoosh writer (in this process or another) holds the write
    lock of the index in ``folder`` right now.

    A folder without a lock file has never been written by Whoosh: nobody
    holds it, and no lock file is created for nothing. The lock is given
    back at once: deleting a folder whose lock file is open fails on Windows.
    """
    if not (folder / WRITELOCK).exists():
        return False
    lock = FileStorage(str(folder)).lock(WRITELOCK)
    try:
        if not lock.acquire(blocking=False):
            return True
    except OSError:
        return True
    lock.release()
    return False


@dataclass(frozen=True)
class _Leftover:
    """A temporary file or folder; ``writer`` is the index folder whose
    writer may be using it (it is left alone while that writer runs)."""

    path: Path
    writer: Path | None = None


def _leftovers(lib: Library) -> list[_Leftover]:
    """Temporary files and folders of interrupted operations, or of running
    index writers (those are told apart by ``_writer_active``)."""
    index = lib.index.path
    found: list[_Leftover] = []
    for pattern in (f"{index.name}.new-*", f"{index.name}.old-*"):
        for path in sorted(lib.path.glob(pattern)):
            found.append(_Leftover(path, path if path.is_dir() else None))
    for folder in (lib.path, index):
        found += [_Leftover(p) for p in sorted(folder.glob("*.tmp")) if p.is_file()]
    # Whoosh's writer keeps its sorting runs in <index>/MAIN.tmp/ until it commits
    found += [_Leftover(p, index) for p in sorted(index.glob("*.tmp")) if p.is_dir()]
    # the temporary files of core.atomic, and of earlier versions
    seen = {item.path for item in found}
    for folder in (lib.path, lib.path / "backups"):
        found += [_Leftover(p) for p in atomic.leftovers(folder) if p not in seen]
    return found


def _check_leftovers(lib: Library, report: CheckReport, repair: bool) -> None:
    """Report (and with ``repair`` delete) the leftovers. Those that opening
    the library deleted already (``Library.removed_leftovers``) are a note,
    given once, by the first check after the opening."""
    opened: list[Path] = list(getattr(lib, "removed_leftovers", None) or [])
    if opened:
        lib.removed_leftovers = []
        gone = [str(path.relative_to(lib.path)) for path in opened]
        report.notes.append(
            CheckNote(
                LEFTOVER_FILES,
                f"{_plural(len(gone), 'temporary file or folder', 'temporary files or folders')} "
                "left by an interrupted operation "
                f"{'was' if len(gone) == 1 else 'were'} deleted when the library was opened "
                f"({', '.join(gone)})",
                count=len(gone),
            )
        )
    found: list[_Leftover] = []
    busy: list[_Leftover] = []
    for item in _leftovers(lib):
        (busy if item.writer is not None and _writer_active(item.writer) else found).append(item)
    if busy:
        report.notes.append(
            CheckNote(
                INDEX_BUSY,
                "the search index is being written by a running program: its temporary "
                f"files ({', '.join(item.path.name for item in busy)}) were left alone",
                count=len(busy),
            )
        )
    if not found:
        return
    names = [str(item.path.relative_to(lib.path)) for item in found]
    n = len(found)
    problem = CheckProblem(
        LEFTOVER_FILES,
        f"{_plural(n, 'temporary file or folder was', 'temporary files or folders were')} "
        f"left by an interrupted operation ({', '.join(names)})",
        count=n,
        paths=[str(item.path) for item in found],
    )
    report.problems.append(problem)
    if not repair:
        return
    failed = [
        name
        for item, name in zip(found, names, strict=True)
        # a writer may have started since the look above: its files wait
        if (item.writer is not None and _writer_active(item.writer)) or not atomic.remove(item.path)
    ]
    if failed:
        problem.outcome = f"not repaired: could not delete {', '.join(failed)}"
    else:
        problem.repaired = True
        problem.outcome = "deleted"
