"""The reuse side of the ``Library`` façade: detecting the passages
documents share, the quotations they have in common, and turning a shared
passage into a link. A mixin of ``Library`` (``kzreader.core.library``),
which it relies on for its ``store`` (sessions, operations and the write
guard). The heavy code is in ``core.reuse*`` and ``core.quotes``; their
results are derived data, recomputed, never undone (see
``core.reuse_store``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from kzreader.core import passages as ann
from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.models import Document, Passage
from kzreader.core.reuse_limits import MIN_WORDS, SCOPES, STORE_MIN_WORDS
from kzreader.core.types import LinkInfo, Progress

if TYPE_CHECKING:
    from kzreader.core.quotes import QuoteGroup
    from kzreader.core.reuse import ReuseReport, ReuseRun
    from kzreader.core.store import Store


def _detection(name: str) -> Any:
    """A module of reuse detection (``core.reuse*``, ``core.quotes``). They
    compute with numpy, a dependency of kzreader that the installers carry:
    a Python installation that lacks it (numpy removed, or kzreader's
    sources run without their dependencies) says so instead of failing."""
    import importlib

    try:
        return importlib.import_module(f"kzreader.core.{name}")
    except ImportError as exc:
        raise KzreaderError(
            f"reuse detection is not part of this installation ({exc}): it needs numpy, "
            "which kzreader depends on (pip install numpy, or reinstall kzreader)"
        ) from exc


class LibraryReuse:
    """``Library``'s reuse methods."""

    store: Store

    def detect_reuse(
        self,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        full: bool = False,
    ) -> ReuseRun:
        """Bring reuse detection up to date: the documents imported,
        re-imported or never analysed since the last run (every document
        when ``full``). For a worker thread: ``progress(done, total, what)``
        is called as it goes, and ``cancelled()`` stops it, storing nothing."""
        reuse_store = _detection("reuse_store")

        self.store.require_writable("Reuse detection")
        return reuse_store.refresh(
            lambda: self.store.session("Reuse detection"), progress, cancelled, full
        )

    def reuse_stale(self) -> int:
        """How many documents reuse detection has not analysed as they are."""
        reuse_store = _detection("reuse_store")

        with self.store.session() as s:
            return reuse_store.stale_count(s)

    def reuse(
        self,
        min_words: int | None = None,
        scope: str = "all",
        document_id: int | None = None,
        refresh: bool = True,
    ) -> ReuseReport:
        """Passage pairs shared by two documents, and their clusters.

        ``scope``: ``all``, ``across`` (different outlets) or ``within`` (one
        outlet). ``refresh`` first analyses the documents that changed (the
        desktop app passes False and runs ``detect_reuse`` in a worker);
        a read-only library answers with what is stored, ``stale`` telling
        how many documents that leaves out."""
        reuse_store = _detection("reuse_store")
        reuse = _detection("reuse")
        ReuseReport, clusters_of = reuse.ReuseReport, reuse.clusters_of

        min_words = MIN_WORDS if min_words is None else min_words
        if min_words < STORE_MIN_WORDS:
            raise KzreaderError(
                f"the fewest words a reused passage can have is {STORE_MIN_WORDS}, not {min_words}"
            )
        if scope not in SCOPES:
            raise KzreaderError(f"unknown scope {scope!r}: use one of {', '.join(SCOPES)}")
        if document_id is not None and not self.has_document(document_id):
            raise NotFoundError(f"no document {document_id}")
        if refresh and not self.read_only:
            self.detect_reuse()
        with self.store.session() as s:
            found = reuse_store.stored_alignments(s, min_words, scope, document_id)
            stale = reuse_store.stale_count(s)
            dates = reuse_store.dates_of(s, found)
        return ReuseReport(found, clusters_of(found, dates), stale)

    def link_reuse(
        self,
        alignment_id: int,
        relation: str = "repeats",
        *,
        note: str | None = None,
        tags: Sequence[str] = (),
    ) -> LinkInfo:
        """Accept a detected alignment as a link: a passage on each side (an
        existing passage of exactly that span is used as it is) and a link
        from the later passage (``b``) to the earlier (``a``): one undoable
        operation."""
        from kzreader.core.models import ReuseAlignment

        with self.store.session() as s:
            row = s.get(ReuseAlignment, alignment_id)
            if row is None:
                raise NotFoundError(f"no reused passage pair {alignment_id} (detect again?)")
            sides = [(row.b_document_id, row.b_start, row.b_end),
                     (row.a_document_id, row.a_start, row.a_end)]  # fmt: skip
        with self.store.operation("link", "Link reused passages") as (s, _):
            ids = []
            for doc_id, start, end in sides:
                same = s.scalar(
                    select(Passage.id).where(
                        Passage.document_id == doc_id, Passage.start == start, Passage.end == end
                    )
                )
                if same is None:
                    same = ann.create_passage(s, doc_id, start, end, tags=tags).id
                ids.append(same)
            link_id = ann.create_link(s, ids[0], ids[1], relation, note=note).id
        return next(li for li in self.links(ids[0]) if li.id == link_id)

    def quotes(
        self,
        min_words: int | None = None,
        document_id: int | None = None,
        all_groups: bool = False,
    ) -> list[QuoteGroup]:
        """Quotations grouped across documents (the same or nearly the same
        wording), each group with its first appearance; only those quoted
        by two or more documents unless ``all_groups``; with
        ``document_id``, the groups that have a quotation in it."""
        quoting = _detection("quotes")

        min_words = quoting.MIN_WORDS if min_words is None else min_words
        if min_words < 1:
            raise KzreaderError(f"a quotation has at least one word, not {min_words}")
        if document_id is not None and not self.has_document(document_id):
            raise NotFoundError(f"no document {document_id}")
        found: list[quoting.Quote] = []
        with self.store.session() as s:
            rows = s.execute(
                select(
                    Document.id, Document.text, Document.boilerplate, Document.source,
                    Document.published,
                )
            )  # fmt: skip
            for doc_id, text, boilerplate, source, published in rows:
                found.extend(
                    quoting.extract(doc_id, text, boilerplate, source, published, min_words)
                )
        groups = quoting.group(found, all_groups)
        if document_id is not None:
            groups = [g for g in groups if document_id in g.documents]
        return groups
