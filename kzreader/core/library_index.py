"""The search index side of the ``Library`` façade: keeping the Whoosh
index in step with the database, rebuilding it, and searching it. A mixin
of ``Library`` (``kzreader.core.library``), which it relies on for its
``store`` (sessions, the generation counter and the write guard)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from whoosh.index import LockError

from kzreader.core import db
from kzreader.core.errors import StorageError
from kzreader.core.index import WRITER_LIMIT_MB, IndexDoc, SearchIndex, discard_writer, lean_writer
from kzreader.core.models import Document
from kzreader.core.search import HitText, run_search
from kzreader.core.types import Progress, SearchResults

if TYPE_CHECKING:
    from kzreader.core.store import Store


def _index_doc(doc: Document) -> IndexDoc:
    return IndexDoc(
        id=doc.id,
        content_hash=doc.content_hash,
        title=doc.title,
        text=doc.text,
        boilerplate=doc.boilerplate,
        source=doc.source,
        language=doc.language,
        published=doc.published,
    )


class LibraryIndexing:
    """``Library``'s index and search methods."""

    index: SearchIndex
    store: Store
    read_only: bool
    _index_synced: bool
    index_problem: str | None
    # -- index -------------------------------------------------------------------

    def _load_index_docs(self, ids: Sequence[int]) -> Iterator[IndexDoc]:
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            with self.store.session() as s:
                for doc in s.scalars(select(Document).where(Document.id.in_(chunk))):
                    yield _index_doc(doc)

    def index_documents(
        self,
        ids: Sequence[int],
        deleted: Sequence[int] = (),
        wait: float = 0.0,
        progress: Progress | None = None,
    ) -> None:
        """Bring these documents' index entries up to date (ids no longer in
        the database are removed from the index, and so are those of
        ``deleted``): for a change made without an operation, such as a
        repair, whose documents the index must follow. ``wait``: seconds to wait
        for the index's write lock (a worker of a crashed import lets go of it
        as soon as it notices)."""
        generation = self.store.generation()
        gone = set(deleted) | set(ids)
        try:
            writer = lean_writer(self.index.open().writer(limitmb=WRITER_LIMIT_MB, timeout=wait))
        except LockError:
            # another process (an import) is writing the index: it stays
            # stale, and the next sync_index() reconciles it
            return
        total = len(ids)
        try:
            for n, doc in enumerate(self._load_index_docs(list(ids))):
                if progress is not None:
                    progress(n, total, doc.title)
                gone.discard(doc.id)
                self.index.add(writer, doc)
            for doc_id in gone:
                self.index.delete(writer, doc_id)
        except BaseException:
            discard_writer(writer)
            raise
        if progress is not None:
            progress(total, total, "")  # the commit follows
        try:
            writer.commit()
        except BaseException:
            discard_writer(writer)
            raise
        self.index.write_state(generation)

    def _index_guarded(self, work: Callable[[], object]) -> bool:
        """Run ``work`` on the index; if the storage refuses it (a full
        disk), leave the index stale, with ``index_problem`` saying why, and
        its uncommitted files removed. The database is the truth: the next
        sync brings the index up to date. True when the work was done."""
        try:
            work()
        except (OSError, StorageError) as exc:
            self.index.close()
            self.index.discard_uncommitted()
            cause = db.storage_cause(exc) or "io"
            self.index_problem = (
                "the search index could not be updated ("
                + ("the disk is full" if cause == "full" else str(exc))
                + "): searches may miss recent changes until it is, when the library is "
                "next opened with space to spare"
            )
            self._index_synced = True  # answer from the index as it is
            return False
        self.index_problem = None
        return True

    def index_state(self) -> str:
        """``current``, ``stale``, ``missing`` or ``damaged``; changes nothing."""
        if not any(self.index.path.glob("_MAIN_*.toc")):
            return "missing"
        if not self.index.is_usable():
            return "damaged"
        if self.index.read_state().get("generation") != self.store.generation():
            return "stale"
        return "current"

    def sync_index(self, progress: Progress | None = None) -> str:
        """Bring the index in step with the database: ``current`` when nothing
        was to do, ``updated`` when documents were added or removed, ``rebuilt``
        when the index was missing, damaged or of an older format. A
        read-only library changes nothing: it answers from the index as it is.
        When the index cannot be written (a full disk), ``stale``, with
        ``index_problem`` saying why: the library stays usable. ``progress``
        hears of each document indexed (an interrupted import's rest, a
        rebuild) as ``(done, total, title)``."""
        if self.read_only:
            self._index_synced = True
            return self.index_state()
        outcome: list[str] = []
        if not self._index_guarded(lambda: outcome.append(self._sync_index(progress))):
            return "stale"
        return outcome[0]

    def _sync_index(self, progress: Progress | None = None) -> str:
        self.index.remove_leftovers()
        state = self.index_state()
        if state in ("missing", "damaged"):
            self.reindex(progress)
            return "rebuilt"
        self._index_synced = True
        if state == "current":
            return "current"
        with self.store.session() as s:
            in_db = dict(s.execute(select(Document.id, Document.content_hash)).all())
        try:
            in_index = self.index.stored_state()
        except Exception:
            self.reindex(progress)
            return "rebuilt"
        stale = [i for i, h in in_db.items() if in_index.get(i) != h]
        gone = [i for i in in_index if i not in in_db]
        self.index_documents(stale, deleted=gone, wait=5.0, progress=progress)
        return "updated"

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the whole index from the database into a fresh folder."""
        self.store.require_writable()
        generation = self.store.generation()
        with self.store.session() as s:
            ids = list(s.scalars(select(Document.id).order_by(Document.id)))
        total = len(ids)

        def docs() -> Iterator[IndexDoc]:
            for n, doc in enumerate(self._load_index_docs(ids)):
                if progress is not None:
                    progress(n, total, doc.title)
                yield doc

        count = self.index.rebuild(docs(), generation)
        if progress is not None:
            progress(total, total, "")
        self._index_synced = True
        return count

    def warm_index(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Have the operating system cache the index (read once, through):
        what the app does as it opens a library, so that the first search
        does not wait for the disk. Stops when ``stop()`` is true; returns
        the bytes read."""
        return self.index.read_ahead(stop)

    # -- search ------------------------------------------------------------------

    def _hit_texts(self, ids: list[int]) -> dict[int, HitText]:
        if not ids:
            return {}
        with self.store.session() as s:
            rows = s.scalars(select(Document).where(Document.id.in_(ids)))
            return {
                d.id: HitText(d.title, d.text, d.boilerplate, d.source, d.published, d.language)
                for d in rows
            }

    def search(
        self, text: str, limit: int = 20, offset: int = 0, *, within: float | None = None
    ) -> SearchResults:
        """Documents matching ``text`` (see ``kzreader.core.search``), best
        first: ``limit`` of them from the ``offset``-th (a page of the hits),
        with the total. Given ``within`` seconds (the app gives
        ``search.ANSWER_WITHIN_S``), a search that would take longer answers
        with the best of the articles it reached by then, not ``complete``."""
        if not self._index_synced:
            self.sync_index()
        with self.index.searcher() as searcher:
            return run_search(
                searcher,
                text,
                self._hit_texts,
                limit=max(1, limit),
                offset=max(0, offset),
                within=within,
                postings=self.index.postings,
            )
