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

1. ``PRAGMA integrity_check`` -- a damaged database file cannot be repaired in
   place; the report says to restore a backup, and nothing else in the
   database is checked or written (repairs would build on damaged pages).
2. ``PRAGMA foreign_key_check`` -- rows whose parent is gone are deleted (with
   what cascades from them), except tags whose parent tag is gone: they become
   top-level tags, so that their sub-tags and codings survive.
3. Passages whose selector no longer matches their document's text are
   re-anchored (exact / moved / fuzzy / orphan, as a re-import does). Orphaned
   passages are a note, not a problem: the user re-attaches them.
4. The index against the database: missing, stale and extra entries, an index
   that is missing or cannot be opened, and a generation that differs from the
   database's. Repaired by the library's own indexing (a full rebuild only
   when the index is unusable).
5. Temporary files left by interrupted operations (``index.new-*`` and
   ``index.old-*`` folders, ``*.tmp`` files, Whoosh's ``*.tmp`` writer
   folders, ``backups/*.partial``) are deleted. Folders that a writer of the
   index is using right now are left alone.

:func:`quick_check` is the cheap subset run when a library is opened.

A second check after a repair reports no problems. Database repairs are each
one transaction, outside the undo history: undoing a repair would bring back
rows that point at nothing.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Row, bindparam, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from kzreader.core.anchoring import Selector, reanchor_all
from kzreader.core.db import now_iso
from kzreader.core.errors import DamagedLibraryError, ReadOnlyError
from kzreader.core.index import INDEX_FORMAT, SearchIndex
from kzreader.core.library import Library
from kzreader.core.models import Document, Meta, Passage
from kzreader.core.passages import _set_selector

# -- kinds of problems and notes ---------------------------------------------------

DATABASE_DAMAGED = "database_damaged"
DANGLING_ROWS = "dangling_rows"
PASSAGES_MISMATCH = "passages_mismatch"
INDEX_MISSING = "index_missing"
INDEX_UNUSABLE = "index_unusable"
INDEX_GENERATION = "index_generation"
INDEX_MISSING_DOCUMENTS = "index_missing_documents"
INDEX_STALE_DOCUMENTS = "index_stale_documents"
INDEX_EXTRA_ENTRIES = "index_extra_entries"
LEFTOVER_FILES = "leftover_files"

ORPHAN_PASSAGES = "orphan_passages"
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
    can be fixed. Reads every page of the database and compares every
    passage with its text: seconds for a library of 10,000 articles."""
    _refuse_read_only(lib, repair)
    report = CheckReport(repair=repair, full=True)
    # leftovers first: repairing the index writes (and so replaces) its own
    # temporary files, and the report should say what was found before that
    _check_leftovers(lib, report, repair)
    if _check_integrity(lib, report):
        _check_foreign_keys(lib, report, repair)
        _check_passages(lib, report, repair)
        _check_index(lib, report, repair, full=True)
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
    shown, not before); rows pointing at missing parents (``PRAGMA foreign_key_check``,
    an index lookup per row), the index folder being there with a state file
    of the current format and the database's generation (reading one small
    file, not opening the index), and temporary files left by interrupted
    operations (a few directory listings).

    Leaves out the rest of what costs time in proportion to the library's
    size: the full ``PRAGMA integrity_check`` (also compares every index
    with its table), comparing passages with
    their texts (reads every text), opening the index and comparing its
    entries with the database. ``check_library`` does those.
    """
    _refuse_read_only(lib, repair)
    report = CheckReport(repair=repair, full=False)
    _check_leftovers(lib, report, repair)
    if _check_integrity(lib, report, "quick_check"):
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


def _check_foreign_keys(lib: Library, report: CheckReport, repair: bool) -> None:
    with lib._session() as s:
        dangling = _dangling(s)
    if not dangling:
        return
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
        return
    with lib._session() as s:
        outcomes = _repair_dangling(s, dangling)
        left = _dangling(s)
    for key, problem in problems.items():
        if key in left:
            problem.outcome = "not repaired: some rows could not be removed"
        else:
            problem.repaired = True
            problem.outcome = outcomes.get(key, "deleted")


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


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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


def _mismatched(s: Session) -> dict[int, list[int]]:
    """``{document id: [passage id…]}`` of the passages whose selector does not
    match the text, confirmed in Python, documents loaded ``CHUNK`` at a time."""
    candidates = list(s.scalars(_MISMATCHED_SQL))
    found: dict[int, list[int]] = {}
    for chunk in _chunks(candidates, CHUNK * 5):
        rows = s.execute(
            select(Passage.id, Passage.document_id, Passage.start, Passage.end, Passage.exact)
            .where(Passage.id.in_(chunk))
            .order_by(Passage.document_id, Passage.id)
        ).all()
        by_document: dict[int, list[Row[tuple[int, int, int, int, str]]]] = {}
        for r in rows:
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


def _check_passages(lib: Library, report: CheckReport, repair: bool) -> None:
    with lib._session() as s:
        mismatched = _mismatched(s)
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
    found += [_Leftover(p) for p in sorted((lib.path / "backups").glob("*.partial"))]
    return found


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        return not path.exists()
    return True


def _check_leftovers(lib: Library, report: CheckReport, repair: bool) -> None:
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
        if (item.writer is not None and _writer_active(item.writer)) or not _remove(item.path)
    ]
    if failed:
        problem.outcome = f"not repaired: could not delete {', '.join(failed)}"
    else:
        problem.repaired = True
        problem.outcome = "deleted"
