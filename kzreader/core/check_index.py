"""The check of the search index against the database (item 4 of
``core.check``), and of the temporary files interrupted operations leave
(item 5), told apart from those of an index writer running now."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from kzreader.core import atomic
from kzreader.core.check_report import (
    INDEX_BUSY,
    INDEX_EXTRA_ENTRIES,
    INDEX_GENERATION,
    INDEX_MISSING,
    INDEX_MISSING_DOCUMENTS,
    INDEX_STALE_DOCUMENTS,
    INDEX_UNUSABLE,
    LEFTOVER_FILES,
    CheckNote,
    CheckProblem,
    CheckReport,
    _noun,
)
from kzreader.core.index import INDEX_FORMAT, SearchIndex
from kzreader.core.models import Document, Meta
from kzreader.core.wording import plural

if TYPE_CHECKING:
    from kzreader.core.library import Library

#: Whoosh's write lock of an index named ``MAIN`` (its default name).
WRITELOCK = "MAIN_WRITELOCK"

# -- 4. the index against the database -----------------------------------------------


@dataclass
class _IndexFindings:
    problems: list[CheckProblem]
    unusable: bool = False
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)


def _database_generation(lib: Library) -> int:
    with lib.store.session() as s:
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
    with lib.store.session() as s:
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
            lib.index_documents([*found.missing, *found.stale], deleted=found.extra)
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
                f"{plural(len(gone), 'temporary file or folder', 'temporary files or folders')} "
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
        f"{plural(n, 'temporary file or folder was', 'temporary files or folders were')} "
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
