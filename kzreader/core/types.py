"""Plain data returned by ``core.Library``: no ORM objects leave the core."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ImportStatus = Literal["imported", "updated", "unchanged", "refused"]


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    uid: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    language: str | None
    length: int
    file_name: str | None
    encoding: str | None
    imported_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class ListedDocument:
    """What a list of the whole library shows of an article (``Library.
    listing``): its five columns only, as a list of 100,000 holds them all."""

    id: int
    title: str
    source: str | None
    published: str | None
    language: str | None


@dataclass(frozen=True)
class DocumentView:
    """A document with its text, boilerplate spans and attributes."""

    info: DocumentInfo
    text: str
    boilerplate: list[tuple[int, int]]
    attributes: dict[str, str] = field(default_factory=dict)
    source_path: str | None = None


@dataclass(frozen=True, slots=True)  # slots: an import of 100,000 files keeps one each
class ImportResult:
    path: str
    status: ImportStatus
    document_id: int | None = None
    reason: str | None = None
    #: What the document holds (the user's where they set them).
    title: str | None = None
    source: str | None = None
    published: str | None = None
    #: For an update: how its passages were re-anchored, by status.
    passages: dict[str, int] | None = None
    #: The article's place in a file holding several (a press database's
    #: export: ``path`` is then ``"export.html #3"``); None for a whole file.
    part: int | None = None


@dataclass
class ImportReport:
    results: list[ImportResult] = field(default_factory=list)
    cancelled: bool = False

    def count(self, status: ImportStatus) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def refused(self) -> list[ImportResult]:
        return [r for r in self.results if r.status == "refused"]


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    score: float
    title: str
    source: str | None
    published: str | None
    language: str | None
    #: A short extract, whitespace folded, with "…" where it was cut.
    snippet: str
    #: Half-open ranges of ``snippet`` that matched the query.
    snippet_marks: list[tuple[int, int]]
    #: Half-open ranges of the document text that matched (code points).
    matches: list[tuple[int, int]]

    def marked_snippet(self, before: str = "**", after: str = "**") -> str:
        out: list[str] = []
        pos = 0
        for start, end in self.snippet_marks:
            out.append(self.snippet[pos:start])
            out.append(f"{before}{self.snippet[start:end]}{after}")
            pos = end
        out.append(self.snippet[pos:])
        return "".join(out)


@dataclass(frozen=True)
class SearchResults:
    """A page of a search's hits and how many articles match. A search given
    a time to answer within that had to stop is not ``complete``: its hits
    are the best of the articles it reached, and ``total`` counts those."""

    query: str
    hits: list[SearchHit]
    total: int
    complete: bool = True


@dataclass(frozen=True)
class LibraryInfo:
    path: Path
    schema_version: int
    documents: int
    passages: int
    tags: int
    links: int
    languages: dict[str, int]
    sources: dict[str, int]
    index_state: str
    index_documents: int
    database_bytes: int


PassageStatus = Literal["exact", "moved", "fuzzy", "orphan"]


@dataclass(frozen=True)
class TagInfo:
    id: int
    uid: str
    name: str
    #: Full path, ``/``-separated: ``Acteurs/OTSC``.
    path: str
    parent_id: int | None
    color: str | None
    description: str | None
    #: Passages carrying this tag itself.
    count: int = 0
    #: Distinct passages carrying this tag or any tag below it.
    total: int = 0


@dataclass(frozen=True)
class LinkInfo:
    id: int
    uid: str
    source_id: int
    target_id: int
    relation: str
    direction: str
    note: str | None
    created_at: str
    #: Seen from a passage: ``out`` when it is the source, ``in`` for a backlink.
    side: str = "out"
    #: The passage at the other end (from the side it is seen from).
    other_id: int = 0
    other_document_id: int = 0
    other_document_title: str = ""
    other_exact: str = ""


@dataclass(frozen=True)
class PassageInfo:
    id: int
    uid: str
    document_id: int
    document_title: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str | None
    note: str | None
    status: PassageStatus
    tags: list[str]
    created_at: str
    modified_at: str
    links: list[LinkInfo] = field(default_factory=list)


@dataclass(frozen=True)
class PassagePage:
    """A page of the passages matching a filter or a passage search, in
    document order, and how many match in all, in how many articles (None:
    left to be counted apart, see ``Library.passage_page``)."""

    passages: list[PassageInfo]
    total: int | None
    documents: int | None
    offset: int = 0
    #: whether passages after this page match too
    more: bool = False


@dataclass(frozen=True)
class ChangeSet:
    """What an operation (or its undo or redo) changed."""

    label: str = ""
    tables: frozenset[str] = frozenset()
    #: Documents whose text, metadata, passages or attributes changed.
    documents: frozenset[int] = frozenset()
    #: Documents whose text or metadata changed (their index entry is stale).
    reindexed: frozenset[int] = frozenset()
    passages_created: int = 0
    passages_deleted: int = 0
    links_deleted: int = 0

    def __bool__(self) -> bool:
        return bool(self.tables)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    kind: str
    label: str
    created_at: str
    #: ``done`` (can be undone) or ``undone`` (can be redone).
    state: str


@dataclass(frozen=True)
class LibraryState:
    """What the window's status bar and Undo/Redo show, read at once."""

    documents: int
    passages: int
    next_undo: HistoryEntry | None
    next_redo: HistoryEntry | None


#: ``progress(done, total, label)``: how far a long operation has got.
Progress = Callable[[int, int, str], None]
