"""The search index side of the ``Library`` façade: keeping the Whoosh
index in step with the database, rebuilding it, and searching it. A mixin
of ``Library`` (``kzreader.core.library``), which it relies on for sessions
(``_session``), the generation counter and the write guard."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from whoosh.index import LockError

from kzreader.core.index import WRITER_LIMIT_MB, IndexDoc, SearchIndex
from kzreader.core.models import Document
from kzreader.core.search import HitText, run_search
from kzreader.core.types import Progress, SearchResults


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
    read_only: bool
    _index_synced: bool
    # -- index -------------------------------------------------------------------

    def _load_index_docs(self, ids: Sequence[int]) -> Iterator[IndexDoc]:
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            with self._session() as s:
                for doc in s.scalars(select(Document).where(Document.id.in_(chunk))):
                    yield _index_doc(doc)

    def _index_documents(
        self, ids: Sequence[int], deleted: Sequence[int] = (), wait: float = 0.0
    ) -> None:
        """Bring these documents' index entries up to date (ids no longer in
        the database are removed from the index). ``wait``: seconds to wait
        for the index's write lock (a worker of a crashed import lets go of it
        as soon as it notices)."""
        generation = self._generation()
        gone = set(deleted) | set(ids)
        try:
            writer = self.index.open().writer(limitmb=WRITER_LIMIT_MB, timeout=wait)
        except LockError:
            # another process (an import) is writing the index: it stays
            # stale, and the next sync_index() reconciles it
            return
        try:
            for doc in self._load_index_docs(list(ids)):
                gone.discard(doc.id)
                self.index.add(writer, doc)
            for doc_id in gone:
                self.index.delete(writer, doc_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.index.write_state(generation)

    def index_state(self) -> str:
        """``current``, ``stale``, ``missing`` or ``damaged``; changes nothing."""
        if not any(self.index.path.glob("_MAIN_*.toc")):
            return "missing"
        if not self.index.is_usable():
            return "damaged"
        if self.index.read_state().get("generation") != self._generation():
            return "stale"
        return "current"

    def sync_index(self) -> str:
        """Bring the index in step with the database: ``current`` when nothing
        was to do, ``updated`` when documents were added or removed, ``rebuilt``
        when the index was missing, damaged or of an older format. A
        read-only library changes nothing: it answers from the index as it is."""
        if self.read_only:
            self._index_synced = True
            return self.index_state()
        self.index.remove_leftovers()
        state = self.index_state()
        if state in ("missing", "damaged"):
            self.reindex()
            return "rebuilt"
        self._index_synced = True
        if state == "current":
            return "current"
        with self._session() as s:
            in_db = dict(s.execute(select(Document.id, Document.content_hash)).all())
        try:
            in_index = self.index.stored_state()
        except Exception:
            self.reindex()
            return "rebuilt"
        stale = [i for i, h in in_db.items() if in_index.get(i) != h]
        gone = [i for i in in_index if i not in in_db]
        self._index_documents(stale, deleted=gone, wait=5.0)
        return "updated"

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the whole index from the database into a fresh folder."""
        self._writable()
        generation = self._generation()
        with self._session() as s:
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

    # -- search ------------------------------------------------------------------

    def _hit_texts(self, ids: list[int]) -> dict[int, HitText]:
        if not ids:
            return {}
        with self._session() as s:
            rows = s.scalars(select(Document).where(Document.id.in_(ids)))
            return {
                d.id: HitText(d.title, d.text, d.boilerplate, d.source, d.published, d.language)
                for d in rows
            }

    def search(self, text: str, limit: int = 20) -> SearchResults:
        """Documents matching ``text`` (see ``kzreader.core.search``), best first."""
        if not self._index_synced:
            self.sync_index()
        with self.index.searcher() as searcher:
            return run_search(searcher, text, self._hit_texts, limit=max(1, limit))
