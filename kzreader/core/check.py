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

The checks live in modules of their own, which this one runs in order:
``check_database`` (items 1 and 2, and the passages of item 3),
``check_damage`` (the rest of item 3), ``check_index`` (items 4 and 5);
``check_report`` holds the report and the kinds of findings, re-exported
here, and ``check_backups`` the reading of backups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzreader.core.check_damage import _check_damage, _check_history, _take_changed_texts
from kzreader.core.check_database import (
    CHUNK,
    _check_foreign_keys,
    _check_integrity,
    _check_passages,
    _check_schema,
)
from kzreader.core.check_index import WRITELOCK, _check_index, _check_leftovers
from kzreader.core.check_report import (
    ANNOTATION_DAMAGED,
    CHECKS_SKIPPED,
    DANGLING_ROWS,
    DATABASE_DAMAGED,
    DOCUMENT_DAMAGED,
    HISTORY_DAMAGED,
    INDEX_BUSY,
    INDEX_EXTRA_ENTRIES,
    INDEX_GENERATION,
    INDEX_MISSING,
    INDEX_MISSING_DOCUMENTS,
    INDEX_STALE_DOCUMENTS,
    INDEX_UNUSABLE,
    LEFTOVER_FILES,
    ORPHAN_PASSAGES,
    PASSAGES_MISMATCH,
    RESTORE_ADVICE,
    TEXTS_CHANGED,
    CheckNote,
    CheckProblem,
    CheckReport,
)
from kzreader.core.errors import ReadOnlyError

if TYPE_CHECKING:
    from kzreader.core.library import Library

__all__ = [
    "ANNOTATION_DAMAGED",
    "CHECKS_SKIPPED",
    "CHUNK",
    "DANGLING_ROWS",
    "DATABASE_DAMAGED",
    "DOCUMENT_DAMAGED",
    "HISTORY_DAMAGED",
    "INDEX_BUSY",
    "INDEX_EXTRA_ENTRIES",
    "INDEX_GENERATION",
    "INDEX_MISSING",
    "INDEX_MISSING_DOCUMENTS",
    "INDEX_STALE_DOCUMENTS",
    "INDEX_UNUSABLE",
    "LEFTOVER_FILES",
    "ORPHAN_PASSAGES",
    "PASSAGES_MISMATCH",
    "RESTORE_ADVICE",
    "TEXTS_CHANGED",
    "WRITELOCK",
    "CheckNote",
    "CheckProblem",
    "CheckReport",
    "check_library",
    "quick_check",
]


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
