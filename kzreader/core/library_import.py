"""The importing side of the ``Library`` façade: importing files and folders,
reading a document again with another encoding, and the originals kept of
extracted files. A mixin of ``Library`` (``kzreader.core.library``), which it
relies on for its ``store``, ``index`` and listeners.

An import stores its articles many to a transaction (a batch: up to
``BATCH_ARTICLES`` articles, ``BATCH_CHARS`` characters of text, or the
articles read in ``BATCH_SECONDS``), each article in a savepoint of its own,
so that an article the library refuses is refused alone. The write lock is
held only while a batch is stored, never while files are read; the index is
handed a batch's articles once it is committed.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kzreader.core import backup as backup_store
from kzreader.core import db, documents, originals
from kzreader.core.db import now_iso
from kzreader.core.errors import KzreaderError, NotFoundError, StorageError
from kzreader.core.importer import collect_files, item_name, prepare_files, store_article
from kzreader.core.importing import PreparedArticle
from kzreader.core.index import IndexDoc
from kzreader.core.indexer import IndexFeed
from kzreader.core.models import Document
from kzreader.core.types import ChangeSet, ImportReport, ImportResult, Progress

if TYPE_CHECKING:
    from kzreader.core.index import SearchIndex
    from kzreader.core.store import Store

#: An import's batch: at most this many articles to a transaction…
BATCH_ARTICLES = 200
#: … this many characters of text…
BATCH_CHARS = 8_000_000
#: … or the articles read in this many seconds (what was read is stored).
BATCH_SECONDS = 0.25


@dataclasses.dataclass
class _Pending:
    """An article read and waiting for its batch to be stored."""

    article: PreparedArticle
    path: Path
    kept: str | None  # the original file kept in the library, if extracted


def _index_doc(document_id: int, article: PreparedArticle) -> IndexDoc:
    return IndexDoc(
        id=document_id,
        content_hash=article.content_hash,
        title=article.title,
        text=article.text,
        boilerplate=article.boilerplate,
        source=article.source,
        language=article.language,
        published=article.published,
    )


class _Batches:
    """The articles read and not yet stored, and when to store them."""

    def __init__(self) -> None:
        self.items: list[_Pending] = []
        self.chars = 0
        self.since = 0.0

    def add(self, item: _Pending) -> None:
        if not self.items:
            self.since = time.monotonic()
        self.items.append(item)
        self.chars += len(item.article.text)

    def due(self) -> bool:
        return bool(self.items) and (
            len(self.items) >= BATCH_ARTICLES
            or self.chars >= BATCH_CHARS
            or time.monotonic() - self.since >= BATCH_SECONDS
        )

    def take(self) -> list[_Pending]:
        items, self.items, self.chars = self.items, [], 0
        return items


class LibraryImporting:
    """``Library``'s import methods."""

    path: Path
    store: Store
    index: SearchIndex
    index_problem: str | None
    _changed: bool
    _last_kept: tuple[tuple[str, int, int] | None, str | None]
    announce: Callable[[ChangeSet], None]
    import_changes: Callable[[ImportReport], ChangeSet]
    sync_index: Callable[..., None]

    # -- importing ---------------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[str | Path],
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        outlet: str | None = None,
    ) -> ImportReport:
        """Import files and folders; every file gets a result. ``outlet``
        names the outlet of every file imported (a folder of one outlet's
        articles), as if the user had set it on each: a re-import keeps it.

        The articles are stored in batches (see the module); the index
        receives each batch once committed (from a process of its own for a
        large import, see ``core.indexer``), commits every few thousand
        documents and at the end (after a crash, the next open reconciles it
        with the database). A cancelled import stores what it had read.
        """
        self.store.require_writable()
        if outlet is not None:
            outlet = documents.clean_source(outlet)
        files, missing = collect_files(paths)
        report = ImportReport(results=list(missing))
        self.sync_index()
        total = len(files)
        changed: list[int] = []
        feed = IndexFeed(self.index, expected=total)
        batches = _Batches()

        def store_batch() -> None:
            batch, since = batches.take(), now_iso()
            try:
                stored = self._store_batch(batch, outlet)
            except StorageError:
                changed.extend(self._landed(batch, since))
                raise
            report.results.extend(result for result, _ in stored)
            fed = [(r, a) for r, a in stored if r.status in ("imported", "updated")]
            changed.extend(r.document_id for r, _ in fed if r.document_id)  # committed: counted
            for result, article in fed:
                if result.document_id:
                    feed.add(_index_doc(result.document_id, article), result.status == "imported")

        try:
            for done, (path, (articles, reason)) in enumerate(
                zip(files, prepare_files(files), strict=True)
            ):
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
                if progress is not None:
                    progress(done, total, str(path))
                if not articles:
                    store_batch()  # the results stay in the files' order
                    report.results.append(ImportResult(str(path), "refused", reason=reason))
                    continue
                for article in articles:  # an export's articles, each its own result
                    kept = self._keep_original(path) if article.extracted else None
                    batches.add(_Pending(article, path, kept))
                if batches.due():
                    store_batch()
            store_batch()
            if progress is not None and not report.cancelled:
                progress(total, total, "")  # the index's commit follows
            feed.commit(self.store.generation())
        except BaseException as exc:
            feed.cancel()  # never raises; drops what the index had not committed
            cause = (
                exc.cause
                if isinstance(exc, StorageError)
                else db.storage_cause(exc) or self._feed_cause(exc)
            )
            if cause is not None:
                self.store.still_there("The import")
                self.index_problem = "the import stopped before the search index was updated"
                raise self._import_stopped(cause, len(changed), total) from exc
            raise
        finally:
            self._changed = self._changed or bool(changed)
        self.announce(self.import_changes(report))
        return report

    def _store_batch(
        self, batch: Sequence[_Pending], outlet: str | None
    ) -> list[tuple[ImportResult, PreparedArticle]]:
        """Store ``batch`` in one transaction under the write lock: each
        article's result, and the article with the title, outlet and date
        stored (the user's where they set them), to index."""
        if not batch:
            return []
        with self.store.session("The import") as s:
            db.write_lock(s)
            return [self._store_one(s, item, outlet) for item in batch]

    def _landed(self, batch: Sequence[_Pending], since: str) -> list[int]:
        """The documents of a batch that failed with a storage error which are
        in the database all the same: SQLite can report a full disk after the
        commit reached the disk (growing the WAL's index, say)."""
        hashes = {item.article.content_hash for item in batch}
        try:
            with self.store.session() as s:
                return list(
                    s.scalars(
                        select(Document.id).where(
                            Document.content_hash.in_(hashes), Document.updated_at >= since
                        )
                    )
                )
        except (SQLAlchemyError, KzreaderError):
            return []

    @staticmethod
    def _store_one(
        s: Session, item: _Pending, outlet: str | None
    ) -> tuple[ImportResult, PreparedArticle]:
        """Store one article of a batch in a savepoint of its own. An article
        of an export is shown with its place in the file (``export.html #3``).
        The library refusing it refuses it alone; a full disk, a damaged
        database stop the import (every following file would fail too)."""
        article, path = item.article, item.path
        shown = item_name(str(path), article.part)
        try:
            with s.begin_nested():
                result = store_article(s, article, path.resolve(), shown, outlet)
                result = dataclasses.replace(result, part=article.part)
                doc = s.get(Document, result.document_id) if result.document_id else None
                if doc is not None and result.status in ("imported", "updated"):
                    if item.kept is not None:
                        doc.original = item.kept
                    article = dataclasses.replace(
                        article, title=doc.title, source=doc.source, published=doc.published
                    )
            return result, article
        except SQLAlchemyError as exc:
            if db.is_damage(getattr(exc, "orig", exc)) or db.storage_cause(exc) is not None:
                raise
            reason = f"the library could not store it: {exc}"
            return ImportResult(shown, "refused", reason=reason), article

    def _store(
        self, article: PreparedArticle, path: Path, outlet: str | None = None
    ) -> tuple[ImportResult, PreparedArticle]:
        """Store one article in a transaction of its own (see ``_store_batch``)."""
        kept = self._keep_original(path) if article.extracted else None
        return self._store_batch([_Pending(article, path, kept)], outlet)[0]

    @staticmethod
    def _feed_cause(exc: BaseException) -> str | None:
        """The storage cause of an index feed's failure (it reports the
        writer process's last line, not the OS error itself)."""
        from kzreader.core.indexer import IndexFeedError

        if isinstance(exc, IndexFeedError) and backup_store.disk_full(exc):
            return "full"
        return None  # a dead index process says so itself

    @staticmethod
    def _import_stopped(cause: str, stored: int, total: int) -> StorageError:
        why = {
            "full": "the disk is full",
            "read-only": "the library's folder or disk has become read-only",
            "io": "the disk reported an error",
            "gone": "the library's files can no longer be reached",
        }[cause]
        return StorageError(
            f"{why}: {stored} of {total} files were imported before the import stopped, "
            "and are kept. Free some space (or reconnect the disk) and import again: the "
            "files already imported are recognised and skipped. Nothing else was changed",
            cause,
        )

    def _keep_original(self, path: Path) -> str | None:
        """The file ``path`` kept in the library (``core.originals``), once
        for the articles of one export."""
        try:
            info = path.stat()
        except OSError:
            return None
        key = (str(path.resolve()), info.st_size, info.st_mtime_ns)
        if self._last_kept[0] != key:
            self._last_kept = (key, originals.keep(self.path, path))
        return self._last_kept[1]

    def original(self, document_id: int) -> bytes | None:
        """The file the document's text was extracted from, as kept in the
        library; None for plain text, or when the copy is not there."""
        with self.store.session() as s:
            doc = s.get(Document, document_id)
            if doc is None:
                raise NotFoundError(f"there is no document {document_id} in this library")
            digest = doc.original
        return originals.read(self.path, digest) if digest else None

    def import_with_encoding(
        self, paths: Sequence[str | Path], encoding: str, *, stored_as: str | None = None
    ) -> ImportReport:
        """Import files decoded with a named encoding instead of the one
        recognised, e.g. ``"cp866"``; KzreaderError when there is no such
        encoding. A file already imported from the same path is updated: its
        text replaced and its passages re-anchored, as on a re-import, as one
        undoable operation (an export, each of its articles). Meant for a few
        files: read one after the other. ``stored_as``: the one file is a copy
        of the file at that path, and stored as that file."""
        from kzreader.core.importer import prepare_items
        from kzreader.core.importing.decode import encoding_name

        self.store.require_writable()
        try:
            encoding = encoding_name(encoding)
        except ValueError as exc:
            raise KzreaderError(
                f"{exc}: name one Python knows, e.g. cp866 or windows-1251"
            ) from None
        files, missing = collect_files(paths)
        report = ImportReport(results=list(missing))
        for path in files:
            articles, reason = prepare_items(str(path), encoding)
            if not articles:
                report.results.append(ImportResult(str(path), "refused", reason=reason))
                continue
            for article in articles:
                result, _ = self._store(article, Path(stored_as) if stored_as else path)
                report.results.append(result)
                if result.status in ("imported", "updated"):
                    self._changed = True
        self.sync_index()  # indexes what changed: reconciled by content hash
        self.announce(self.import_changes(report))
        return report

    def redecode(self, document_id: int, encoding: str) -> ImportResult:
        """Read a document again from its original file with a named encoding
        (a text imported garbled, or refused as ambiguous and imported with
        another); its passages are re-anchored as on a re-import. The result
        is ``updated``, ``unchanged`` (the same text), or ``refused`` with the
        reason (the file is gone, or is not valid in that encoding). A file
        gone from its place is read from the copy the library kept of it
        (``core.originals``: saved web pages, PDF, Word, exports)."""
        with self.store.session() as s:
            doc = s.get(Document, document_id)
            if doc is None:
                raise NotFoundError(f"no document with id {document_id}")
            source, digest = doc.source_path, doc.original
        if not source:
            raise NotFoundError(f"document {document_id} has no original file to read again")
        if Path(source).is_file():
            results = self.import_with_encoding([source], encoding).results
        else:
            data = originals.read(self.path, digest) if digest else None
            if data is None:
                return ImportResult(
                    source, "refused", document_id, reason="the original file is no longer there"
                )
            with tempfile.TemporaryDirectory(prefix="kzreader-original-") as folder:
                copy = Path(folder) / Path(source).name  # the name gives a title, if need be
                copy.write_bytes(data)
                del data
                results = self.import_with_encoding([copy], encoding, stored_as=source).results
        # an export gives a result for each of its articles: this document's
        return next((r for r in results if r.document_id == document_id), results[0])
