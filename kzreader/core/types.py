"""Plain data returned by ``core.Library``: no ORM objects leave the core."""

from __future__ import annotations

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


@dataclass(frozen=True)
class DocumentView:
    """A document with its text, boilerplate spans and attributes."""

    info: DocumentInfo
    text: str
    boilerplate: list[tuple[int, int]]
    attributes: dict[str, str] = field(default_factory=dict)
    source_path: str | None = None


@dataclass(frozen=True)
class ImportResult:
    path: str
    status: ImportStatus
    document_id: int | None = None
    reason: str | None = None
    title: str | None = None


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
    query: str
    hits: list[SearchHit]
    total: int


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
