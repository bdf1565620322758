"""What a check of a library reports, and what its parts share.

The kinds of problems and notes, the report itself, and the small helpers
every part of the check uses (see ``core.check``). The parts import this
module, never ``core.check``, which imports them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kzreader.core.wording import plural

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


# -- shared by the parts of the check ---------------------------------------------

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
    singular, many = _NOUNS.get(table, (f"row of {table}", f"rows of {table}"))
    return plural(n, singular, many)


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Damage:
    """What the check of texts and rows leaves for the next checks: the
    documents and passages still damaged (their passages are not
    re-anchored), and the documents whose text another program changed."""

    documents: set[int] = field(default_factory=set)
    passages: set[int] = field(default_factory=set)
    changed: list[int] = field(default_factory=list)
