"""What an export covers, what it reports, and how its file is written.

Every export (W3C annotations, CSV, Markdown and HTML reports) takes the same
two restrictions: ``tags`` (tag paths; a passage is chosen when it carries
one of them or a tag below one) and ``documents`` (document ids). Both left
empty mean the whole library; both given mean their intersection. Deciding
that in one place keeps the formats in agreement: a CSV and a report made
with the same choice speak of the same passages.

Which documents an export covers follows from the choice: with ``tags``,
the documents holding a chosen passage (a tag export is about the coded
passages); otherwise the listed documents, or every document, even those
without passages (a report by document then shows that they were read and
left uncoded).

Files are written atomically (``core.atomic``): into a temporary file beside
the target, then moved over it with ``os.replace``, so a reader (or a
spreadsheet watching the file) never sees half an export, and a failed export
leaves the former file, if any, untouched and no partial file behind. An
export gets the usual permissions (the user's umask), not the owner-only ones
of the library's own files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from kzreader.core import atomic
from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.retrieval import PassageFilter
from kzreader.core.tags import SEPARATOR, split_path
from kzreader.core.types import DocumentInfo, LinkInfo, PassageInfo

if TYPE_CHECKING:
    from kzreader.core.library import Library

#: ``progress(done, total, label)``: called before each document (label: its
#: title) or, in a report by tag, each tag's section (label: its path), then
#: once with ``done == total`` and an empty label.
Progress = Callable[[int, int, str], None]


class ExportError(KzreaderError):
    """An export that cannot be written (no such folder, no permission, disk full)."""


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: counts of what the file holds, for a message."""

    path: Path
    #: ``w3c``, ``csv``, ``markdown`` or ``html``.
    format: str
    documents: int
    passages: int
    #: Links between passages written to the file (0 for formats without links).
    links: int


@dataclass
class Selection:
    """The documents and passages an export covers, read once from the library."""

    #: The documents covered, in library order (by id).
    documents: list[DocumentInfo]
    #: The chosen passages of each covered document, in text order.
    passages: dict[int, list[PassageInfo]]
    #: The chosen tag paths, canonical (``Acteurs/OTSC``); empty: every tag.
    tag_paths: tuple[str, ...] = ()
    #: ``{document id: {key: value}}`` of the covered documents that have any.
    attributes: dict[int, dict[str, str]] = field(default_factory=dict)
    #: Every document of the library by id, to cite the far end of a link
    #: even when its document is not covered.
    all_documents: dict[int, DocumentInfo] = field(default_factory=dict)

    @property
    def passage_list(self) -> list[PassageInfo]:
        """Every chosen passage, by document then text order."""
        return [p for d in self.documents for p in self.passages.get(d.id, [])]

    @property
    def passage_ids(self) -> set[int]:
        return {p.id for ps in self.passages.values() for p in ps}

    def tag_selected(self, path: str) -> bool:
        """Whether ``path`` is one of the chosen tags or below one (every tag
        when none was chosen). Formats listing codings use it so that an
        export for ``Acteurs`` lists the ``Acteurs`` codings of its passages,
        not every other tag they happen to carry too."""
        if not self.tag_paths:
            return True
        return any(path == t or path.startswith(t + SEPARATOR) for t in self.tag_paths)

    def internal_links(self, passage: PassageInfo) -> list[LinkInfo]:
        """The links going out of ``passage`` whose target is chosen too: the
        links a self-contained file (W3C) can hold without dangling ends."""
        chosen = self.passage_ids
        return [li for li in passage.links if li.side == "out" and li.target_id in chosen]


def canonical_tag_paths(lib: Library, tags: Sequence[str] | None) -> tuple[str, ...]:
    """The tag paths as the library spells them; an unknown one is refused
    rather than silently exporting nothing."""
    if not tags:
        return ()
    known = set(lib.tag_paths())
    out: list[str] = []
    for path in tags:
        canonical = SEPARATOR.join(split_path(path))
        if canonical not in known:
            raise NotFoundError(f"there is no tag '{path}'")
        if canonical not in out:
            out.append(canonical)
    return tuple(out)


def select(
    lib: Library,
    *,
    tags: Sequence[str] | None = None,
    documents: Sequence[int] | None = None,
) -> Selection:
    """The documents and passages covered by ``tags`` and ``documents``.

    An empty list counts as ``None`` (no restriction): a command line
    passing no ``--tag`` means the whole library, not an empty export.
    """
    every = lib.documents()
    by_id = {d.id: d for d in every}
    wanted_docs: list[int] = []
    for doc_id in documents or ():
        if doc_id not in by_id:
            raise NotFoundError(f"there is no document {doc_id} in this library")
        if doc_id not in wanted_docs:
            wanted_docs.append(doc_id)
    tag_paths = canonical_tag_paths(lib, tags)
    found = lib.passages(PassageFilter(tags=list(tag_paths), document_ids=wanted_docs))
    grouped: dict[int, list[PassageInfo]] = {}
    for passage in found:
        grouped.setdefault(passage.document_id, []).append(passage)
    if tag_paths:
        covered = [d for d in every if d.id in grouped]
    elif wanted_docs:
        covered = [by_id[i] for i in sorted(wanted_docs)]
    else:
        covered = every
    covered_ids = {d.id for d in covered}
    attributes = {k: v for k, v in lib.document_attributes().items() if k in covered_ids}
    return Selection(
        documents=covered,
        passages={d.id: grouped.get(d.id, []) for d in covered},
        tag_paths=tag_paths,
        attributes=attributes,
        all_documents=by_id,
    )


def now_iso() -> str:
    """The current time, UTC, ISO 8601 to the second (as the library stores times)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@contextmanager
def atomic_output(
    out_path: str | Path, *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[TextIO]:
    """A text file to write an export into; it replaces ``out_path`` only
    once fully written and flushed to disk (``atomic.open_new``: what an
    interrupted export to ``out_path`` left beside it is removed first).

    On any error, including an interruption, the temporary file is removed
    and the error raised again; OS errors become ``ExportError``.
    """
    try:
        with atomic.open_new(out_path, "w", encoding=encoding, newline=newline) as handle:
            yield cast(TextIO, handle)
    except atomic.WriteError as exc:
        raise ExportError(str(exc)) from exc


def report_progress(progress: Progress | None, done: int, total: int, label: str) -> None:
    """Call ``progress`` if there is one (the exporters' loops stay readable)."""
    if progress is not None:
        progress(done, total, label)
