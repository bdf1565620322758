"""``Library``: the one façade over a library folder.

The command line and the desktop app call only this class. Its index and
search methods live in ``library_index``, its backup, check and exchange
methods in ``library_safekeeping``, reuse detection in ``library_reuse``
(mixins, so that it stays one class). It returns plain
dataclasses (``kzreader.core.types``) and raises ``kzreader.core.errors``.
Every user operation is one transaction, recorded in the library's own undo
history; listeners hear a ``ChangeSet`` after each one (and after undo/redo).
Transactions, operations and the write guards are the library's ``store``
(``kzreader.core.store``), which the modules working for the library use.

A library is one folder::

    library.sqlite     the source of truth (SQLite, WAL, foreign keys, synchronous=FULL)
    index/             the Whoosh index, always rebuildable from the database
    backups/           database copies: automatic (on close after changes, rotated),
                       by hand, and before schema upgrades (see ``core.backup``)
    kzreader.lock      locked by the one process that may write (see ``core.lock``)
"""

from __future__ import annotations

import dataclasses
import itertools
import shlex
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kzreader.core import atomic, db, documents, history, notes, originals, retrieval, tags
from kzreader.core import backup as backup_store
from kzreader.core import kwic as concordance
from kzreader.core import lock as locking
from kzreader.core import passages as ann
from kzreader.core.errors import (
    KzreaderError,
    LibraryError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from kzreader.core.importer import collect_files, item_name, prepare_files
from kzreader.core.importing import PreparedArticle
from kzreader.core.index import IndexDoc, SearchIndex
from kzreader.core.indexer import IndexFeed
from kzreader.core.library_index import LibraryIndexing
from kzreader.core.library_reuse import LibraryReuse
from kzreader.core.library_safekeeping import LibrarySafekeeping
from kzreader.core.migrations import latest_version
from kzreader.core.models import Document, Link, Meta, Passage, Tag, passage_tags
from kzreader.core.retrieval import PassageFilter
from kzreader.core.search import HitText, match_spans
from kzreader.core.store import Store
from kzreader.core.storing import store_article
from kzreader.core.targets import OPEN_LIBRARIES
from kzreader.core.types import (
    ChangeSet,
    DocumentInfo,
    DocumentView,
    HistoryEntry,
    ImportReport,
    ImportResult,
    LibraryInfo,
    LibraryState,
    LinkInfo,
    ListedDocument,
    PassageInfo,
    PassagePage,
    Progress,
    TagInfo,
)

Listener = Callable[[ChangeSet], None]


def _info(doc: Document) -> DocumentInfo:
    return DocumentInfo(
        id=doc.id,
        uid=doc.uid,
        title=doc.title,
        source=doc.source,
        url=doc.url,
        published=doc.published,
        language=doc.language,
        length=doc.length,
        file_name=doc.file_name,
        encoding=doc.encoding,
        imported_at=doc.imported_at,
        updated_at=doc.updated_at,
    )


if TYPE_CHECKING:
    from kzreader.core.timeline import Timeline


def _sharing(result: ImportResult, name: str) -> ImportResult:
    """``result`` holding the file's name given, and the one string of each
    outlet and date: an import keeps a result per file (100,000 of them)."""
    source = sys.intern(result.source) if result.source else result.source
    published = sys.intern(result.published) if result.published else result.published
    path = name if result.path == name else result.path
    return dataclasses.replace(result, path=path, source=source, published=published)


class Library(LibraryIndexing, LibrarySafekeeping, LibraryReuse):
    """An open library folder."""

    def __init__(
        self,
        path: Path,
        *,
        create: bool = True,
        sync_index: bool = True,
        read_only: bool | None = None,
        lock: bool = True,
        program: str = "kzreader",
    ) -> None:
        """Open (or create) the library in ``path``.

        ``read_only``: None opens it for writing when possible and read-only
        otherwise, with ``read_only_reason`` saying why (a folder that cannot
        be written, or another program holding the library); True opens it
        read-only; False refuses to open it otherwise. A read-only library
        writes nothing, and its changing methods raise ``ReadOnlyError``.
        ``lock=False`` is for a child process of the lock's holder.
        """
        self.path = Path(path).expanduser().resolve()
        self.db_path = self.path / db.DB_NAME
        self._listeners: list[Listener] = []
        self._changed = False
        #: the last file kept in originals/: ((path, size, mtime), its name)
        self._last_kept: tuple[tuple[str, int, int] | None, str | None] = (None, None)
        #: this import has stored an article (``storing.store_article``)
        self._authors_claimed = False
        self.last_backup_error: str | None = None
        self._check_folder(create and read_only is not True)
        #: why the library is read-only: "requested", "folder" (it cannot be
        #: written) or "locked" (another program holds it); None when writable
        self.read_only_cause: str | None = None
        self.read_only_reason = self._access(read_only, lock, program)
        self.read_only = self.read_only_reason is not None
        try:
            self._open_database()
        except LibraryError:
            self._release()
            if read_only is not None or not self._disk_full():
                raise
            # SQLite cannot make its shared-memory file on a full disk: the
            # library is still readable, and the user is told why it is read-only
            self.read_only_cause = "disk-full"
            self.read_only_reason = "the disk is full: free some space to make changes"
            self.read_only = True
            self._open_database()
        except BaseException:
            self._release()
            raise
        #: why the search index is behind the database, when it could not
        #: be brought up to date (a full disk); None when it is in step
        self.index_problem: str | None = None
        OPEN_LIBRARIES.add(self.path)
        #: temporary files a crash left, deleted by the lock's holder (``backup.tidy``)
        self.removed_leftovers = backup_store.tidy(self.path) if self._locked else []
        self.index = SearchIndex(self.path / "index")
        self._index_synced = False
        if sync_index:
            self.sync_index()

    def _access(self, wanted: bool | None, lock: bool, program: str) -> str | None:
        """None when opened for writing (the lock taken), else why read-only."""
        self._locked = False
        if wanted is True:
            self.read_only_cause = "requested"
            return "it was opened read-only"
        reason = None
        if not locking.folder_writable(self.path):
            self.read_only_cause = "folder"
            reason = f"the folder {self.path} cannot be written"
        elif lock:
            if locking.acquire(self.path, program):
                self._locked = True
            else:
                owner = locking.read_owner(self.path)
                who = owner.describe() if owner else "another program"
                self.read_only_cause = "locked"
                reason = f"it is open in {who}; close it there to make changes here"
        if reason is not None and wanted is False:
            raise ReadOnlyError(f"cannot open {self.path} for changes: {reason}")
        return reason

    def _disk_full(self) -> bool:
        """Whether the disk holding the library has (next to) no space left."""
        import shutil

        try:
            return shutil.disk_usage(self.path).free < 1024 * 1024
        except OSError:
            return False

    def _open_database(self) -> None:
        if self.read_only and not self.db_path.exists():
            raise LibraryError(f"there is no library at {self.path}")
        # immutable: nothing can be created beside the database (SQLite's
        # shared-memory file), and no journal holds anything it lacks
        immutable = self.read_only and (
            not locking.folder_writable(self.path)
            or (self.read_only_cause == "disk-full" and not self._has_journal())
        )
        db.upgrade_schema(
            self.db_path, self.path / "backups", read_only=self.read_only, immutable=immutable
        )
        engine = db.make_engine(self.db_path, read_only=self.read_only, immutable=immutable)
        self.store = Store(
            self.path,
            self.db_path,
            engine,
            read_only_reason=self.read_only_reason,
            after=self._after,
        )
        try:
            with self.store.session() as s:
                if not self.read_only and s.get(Meta, "library_uid") is None:
                    s.add(Meta(key="library_uid", value=str(uuid.uuid4())))
                    s.add(Meta(key="created_at", value=db.now_iso()))
                    s.add(Meta(key="generation", value="0"))
        except SQLAlchemyError as exc:
            engine.dispose()
            if db.is_damage(exc.orig if hasattr(exc, "orig") else exc):
                raise db.damaged(self.db_path, str(exc)) from exc
            raise LibraryError(f"cannot use the library database {self.db_path}: {exc}") from exc
        self.store.watch_file()

    def _has_journal(self) -> bool:
        wal = self.db_path.with_name(self.db_path.name + "-wal")
        return wal.exists() and wal.stat().st_size > 0

    def _release(self) -> None:
        if self._locked:
            locking.release(self.path)
            self._locked = False

    @classmethod
    def open(cls, path: str | Path | None = None, **kwargs: Any) -> Library:
        from kzreader.paths import default_library_dir

        return cls(Path(path) if path is not None else default_library_dir(), **kwargs)

    def _check_folder(self, create: bool) -> None:
        if self.path.exists() and not self.path.is_dir():
            raise LibraryError(f"{self.path} is a file, not a library folder")
        if not self.path.exists():
            if not create:
                raise LibraryError(f"there is no library at {self.path}")
            try:
                atomic.make_folder(self.path, parents=True)  # owner-only: it holds notes
            except OSError as exc:
                raise LibraryError(f"cannot create the library folder {self.path}: {exc}") from exc
        elif not self.db_path.exists() and any(self.path.iterdir()):
            raise LibraryError(
                f"{self.path} is not a kzreader library (it has no {db.DB_NAME}) and is not "
                "empty; choose an empty or new folder for a library"
            )
        if create and atomic.POSIX and not self.db_path.exists():
            # made owner-only before SQLite creates it with the umask's mode;
            # SQLite gives its journals the database's mode
            atomic.create_private(self.db_path)

    def close(self, *, backup: bool = True, spacing: timedelta = backup_store.AUTO_SPACING) -> None:
        """Close the library; if it changed, back it up first (an automatic
        backup, the older ones thinned) when the newest automatic backup is
        older than ``spacing`` (the command line's; the app, which closes
        rarely, passes none), unless ``backup`` is False (before a restore,
        which keeps the replaced database aside anyway, and must not see the
        backup it restores thinned away). A failed backup never fails the
        close: it is in ``last_backup_error``."""
        if self.store.closed:
            return
        OPEN_LIBRARIES.discard(self.path)
        self.index.close()
        if self.store.file_gone():
            backup = False  # nothing to back up into: the folder has gone
            if self._changed and not self.read_only:
                rescued = self.store.rescue()
                self.last_backup_error = (
                    f"the library folder {self.path} was no longer there when kzreader "
                    "closed it; "
                    + (
                        f"its database was copied to {rescued}"
                        if rescued
                        else "its database could not be copied elsewhere"
                    )
                )
        if backup and self._changed and self._locked:  # the holder backs up, not its children
            try:
                if backup_store.due(self.path / backup_store.BACKUPS_DIR, spacing):
                    self.backup(automatic=True)
            except KzreaderError as exc:
                self.last_backup_error = str(exc)
        self.store.close()
        self._release()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions, operations, listeners -------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(changes)`` after every operation, undo and redo."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _after(self, changes: ChangeSet) -> None:
        """What follows each committed operation, undo and redo (the
        store calls it): the index brought up to date, the listeners told."""
        if changes:
            self._changed = True
        if changes.reindexed:
            # the change is committed: an index that cannot take it (a full
            # disk) stays stale and is brought up to date at the next sync
            self._index_guarded(lambda: self.index_documents(sorted(changes.reindexed)))
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    def announce(self, changes: ChangeSet) -> None:
        """Tell the listeners about changes made to this library by another
        process (an import run in a child process)."""
        if changes:
            self._changed = True
            for listener in list(self._listeners):
                listener(changes)

    @staticmethod
    def import_changes(report: ImportReport) -> ChangeSet:
        """The ``ChangeSet`` of an import, from its report."""
        changed = frozenset(
            r.document_id
            for r in report.results
            if r.status in ("imported", "updated") and r.document_id is not None
        )
        if not changed:
            return ChangeSet()
        return ChangeSet("Import", frozenset({"documents"}), changed, changed)

    # -- undo --------------------------------------------------------------------

    def undo(self) -> ChangeSet:
        """Undo the latest operation (kept across restarts and crashes)."""
        return self.store.history_step(history.undo)

    def redo(self) -> ChangeSet:
        """Redo the operation undone last."""
        return self.store.history_step(history.redo)

    def history(self, limit: int = 50) -> list[HistoryEntry]:
        """The latest operations, newest first."""
        with self.store.session() as s:
            return history.entries(s, limit)

    def next_undo(self) -> HistoryEntry | None:
        with self.store.session() as s:
            return history.next_undo(s)

    def next_redo(self) -> HistoryEntry | None:
        with self.store.session() as s:
            return history.next_redo(s)

    # -- documents ---------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        """Every document's metadata (texts are not loaded)."""
        # Plain rows, not ORM objects: five times faster for a large library.
        columns = [getattr(Document, f.name) for f in dataclasses.fields(DocumentInfo)]
        with self.store.session() as s:
            rows = s.execute(select(*columns).order_by(Document.id)).all()
        return [DocumentInfo(*row) for row in rows]

    def listing(self) -> list[ListedDocument]:
        """Every document's title, outlet, date and language, by id: what a
        list of the library shows, under half of ``documents``' memory (each
        outlet's and language's name is one string, however many articles
        share it)."""
        shared: dict[str, str] = {}
        keep = shared.setdefault
        with self.store.session() as s:
            rows = s.execute(
                select(
                    Document.id,
                    Document.title,
                    Document.source,
                    Document.published,
                    Document.language,
                ).order_by(Document.id)
            )
            return [
                ListedDocument(
                    doc_id,
                    title,
                    source and keep(source, source),
                    published,
                    language and keep(language, language),
                )
                for doc_id, title, source, published, language in rows
            ]

    def outlets(self) -> list[str]:
        """The outlets of the library's articles, each once, alphabetically."""
        with self.store.session() as s:
            names = s.scalars(select(Document.source).where(Document.source != "").distinct())
            return sorted(names, key=str.casefold)

    def counts(self) -> tuple[int, int]:
        """``(documents, passages)`` in the library, cheaply."""
        with self.store.session() as s:
            return self._counts(s)

    @staticmethod
    def _counts(s: Session) -> tuple[int, int]:
        documents = int(s.scalar(select(func.count()).select_from(Document)) or 0)
        passages = int(s.scalar(select(func.count()).select_from(Passage)) or 0)
        return documents, passages

    def state(self) -> LibraryState:
        """The counts and the next undo and redo, in one read."""
        with self.store.session() as s:
            documents, passages = self._counts(s)
            return LibraryState(documents, passages, history.next_undo(s), history.next_redo(s))

    def has_document(self, document_id: int) -> bool:
        with self.store.session() as s:
            return s.scalar(select(Document.id).where(Document.id == document_id)) is not None

    def document_attributes(self) -> dict[int, dict[str, str]]:
        """``{document id: {key: value}}`` for the documents that have any."""
        from kzreader.core.models import DocumentAttribute

        out: dict[int, dict[str, str]] = {}
        with self.store.session() as s:
            for doc_id, key, value in s.execute(
                select(
                    DocumentAttribute.document_id, DocumentAttribute.key, DocumentAttribute.value
                )
            ):
                out.setdefault(doc_id, {})[key] = value
        return out

    def document(self, document_id: int) -> DocumentView:
        with self.store.session() as s:
            doc = ann.get_document(s, document_id)
            return DocumentView(
                info=_info(doc),
                text=doc.text,
                boilerplate=[(a, b) for a, b in doc.boilerplate],
                attributes={a.key: a.value for a in doc.attributes},
                source_path=doc.source_path,
            )

    def delete_document(self, document_id: int) -> ChangeSet:
        """Delete a document with its passages and their links."""
        with self.store.operation("delete_document", f"Delete document {document_id}") as (s, out):
            ann.delete_document(s, document_id)
        return out.changes

    def edit_document(
        self,
        document_id: int,
        *,
        title: str | None = None,
        source: str | None = None,
        published: str | None = None,
        attributes: Mapping[str, str | None] | None = None,
    ) -> DocumentInfo:
        """Set an article's title, outlet, date or attributes (``None``:
        unchanged; ``""`` for the outlet or the date: none; an attribute
        ``None`` or ``""``: removed), as one undoable operation. The date is
        read as the user types it (``core.documents.parse_published``); a
        re-import of the file keeps what the user set."""
        with self.store.session() as s:
            current = ann.get_document(s, document_id).title
        if len(current) > 40:
            current = current[:39].rstrip() + "…"
        with self.store.operation("edit_document", f"Edit “{current}”") as (s, _):
            doc = ann.get_document(s, document_id)
            documents.edit(s, doc, title=title, source=source, published=published)
            current_attributes = {a.key: a.value for a in doc.attributes}
            for key, value in (attributes or {}).items():
                now = current_attributes.get(key.strip())
                if (value or None) != now and (value or now is not None):
                    ann.set_attribute(s, document_id, key, value)
            s.flush()
            info = _info(doc)
        return info

    def set_attribute(self, document_id: int, key: str, value: str | None) -> None:
        """Set a user attribute of a document; ``None`` or ``""`` removes it."""
        label = f"Set {key} of document {document_id}" if value else f"Remove {key}"
        with self.store.operation("attribute", label) as (s, _):
            ann.set_attribute(s, document_id, key, value)

    def attribute_values(self) -> dict[str, list[str]]:
        """Every attribute name with the values it takes, for filters."""
        from kzreader.core.models import DocumentAttribute

        with self.store.session() as s:
            rows = s.execute(
                select(DocumentAttribute.key, DocumentAttribute.value).distinct()
            ).all()
        out: dict[str, list[str]] = {}
        for key, value in sorted(rows):
            out.setdefault(key, []).append(value)
        return out

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

        Each file is stored in its own transaction (committed without
        waiting for the disk; the import's end is a durable commit, which
        brings them to it: ``db.write_lock``); the index receives each
        stored article at once (from a process of its own for a large import,
        see ``core.indexer``) and is committed at the end (after a crash, the
        next open reconciles it with the database).
        """
        self.store.require_writable()
        if outlet is not None:
            outlet = documents.clean_source(outlet)
        found, missing = collect_files(paths)
        # names, not Path objects (110 bytes against 300 a file, kept to
        # the end of an import of 100,000), shared with the results
        files = [str(path) for path in found]
        del found
        report = ImportReport(results=list(missing))
        self._authors_claimed = False  # once per import: see store_article
        self.sync_index()
        total = len(files)
        changed: list[int] = []
        feed = IndexFeed(self.index, expected=total)
        try:
            for done, (name, (articles, reason)) in enumerate(
                zip(files, prepare_files(files), strict=True)
            ):
                path = Path(name)
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
                if progress is not None:
                    progress(done, total, name)
                if not articles:
                    report.results.append(ImportResult(name, "refused", reason=reason))
                    continue
                for article in articles:  # an export's articles, each its own result
                    result, article = self._store(article, path, outlet, durable=False)
                    report.results.append(_sharing(result, name))
                    if result.status in ("imported", "updated") and result.document_id:
                        changed.append(result.document_id)
                        doc = IndexDoc(
                            id=result.document_id,
                            content_hash=article.content_hash,
                            title=article.title,
                            text=article.text,
                            boilerplate=article.boilerplate,
                            source=article.source,
                            language=article.language,
                            published=article.published,
                        )
                        feed.add(doc, new=result.status == "imported")
            if progress is not None and not report.cancelled:
                progress(total, total, "")  # the index's commit follows
            if changed:  # their commits did not wait for the disk: they reach it with this one
                self.store.make_durable("The import")
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

    def _store(
        self,
        article: PreparedArticle,
        path: Path,
        outlet: str | None = None,
        durable: bool = True,
    ) -> tuple[ImportResult, PreparedArticle]:
        """The result of storing ``article``, and the article with the title,
        outlet and date stored (the user's where they set them), to index.
        An article of an export is shown with its place in the file
        (``export.html #3``). ``durable=False``: the commit does not wait for
        the disk (``db.write_lock``); the caller ends with one that does."""
        shown = item_name(str(path), article.part)
        kept = self._keep_original(path) if article.extracted else None
        try:
            with self.store.session(f"The article {item_name(path.name, article.part)}") as s:
                db.write_lock(s, durable=durable)
                result = store_article(
                    s, article, path.resolve(), shown, outlet, kept, self._authors_claimed
                )
                if result.document_id and result.status in ("imported", "updated"):
                    stored = {"source": result.source, "published": result.published}
                    article = dataclasses.replace(article, title=result.title, **stored)
            if result.status in ("imported", "updated"):
                self._authors_claimed = True  # committed: claimed for good
            return result, article
        except StorageError:
            raise  # stops the import: every following file would fail too
        except SQLAlchemyError as exc:
            reason = f"the library could not store it: {exc}"
            return ImportResult(shown, "refused", reason=reason), article

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

    # -- passages ------------------------------------------------------------------

    def passage(self, passage_id: int) -> PassageInfo:
        with self.store.session() as s:
            ann.get_passage(s, passage_id)
            return ann.passage_infos(s, [passage_id], with_links=True)[0]

    def highlight(
        self,
        document_id: int,
        start: int | None = None,
        end: int | None = None,
        *,
        quote: str | None = None,
        occurrence: int = 1,
        tags: Sequence[str] = (),
        note: str | None = None,
        color: str | None = None,
    ) -> PassageInfo:
        """Create a passage from a range, or from the ``occurrence``-th copy of
        ``quote`` in the document; tags are created as needed."""
        with self.store.operation("highlight", "Highlight") as (s, _):
            if quote is not None:
                start, end = ann.locate_quote(
                    ann.get_document(s, document_id).text, quote, occurrence
                )
            if start is None or end is None:
                raise KzreaderError("a passage needs a range (start and end) or a quote")
            passage = ann.create_passage(
                s, document_id, start, end, tags=tags, note=note, color=color
            )
            passage_id = passage.id
        return self.passage(passage_id)

    def update_passage(
        self, passage_id: int, *, note: str | None = None, color: str | None = None
    ) -> PassageInfo:
        label = "Edit note" if note is not None else "Change colour"
        with self.store.operation("edit_passage", label) as (s, _):
            ann.update_passage(s, passage_id, note=note, color=color)
        return self.passage(passage_id)

    def move_passage(self, passage_id: int, start: int, end: int) -> PassageInfo:
        """Change a passage's extent; re-attaches an orphan where the user says."""
        with self.store.operation("move_passage", "Re-attach passage") as (s, _):
            ann.move_passage(s, passage_id, start, end)
        return self.passage(passage_id)

    def delete_passages(self, passage_ids: Sequence[int]) -> ChangeSet:
        """Delete passages; ``changes.links_deleted`` says how many links went."""
        label = "Delete passage" if len(passage_ids) == 1 else f"Delete {len(passage_ids)} passages"
        with self.store.operation("delete_passage", label) as (s, out):
            ann.delete_passages(s, list(passage_ids))
        return out.changes

    def tag_passage(self, passage_id: int, path: str) -> PassageInfo:
        with self.store.operation("tag_passage", f"Tag with {path}") as (s, _):
            ann.get_passage(s, passage_id)
            tags.add_to_passage(s, passage_id, path)
        return self.passage(passage_id)

    def untag_passage(self, passage_id: int, path: str) -> PassageInfo:
        with self.store.operation("untag_passage", f"Remove tag {path}") as (s, _):
            ann.get_passage(s, passage_id)
            if not tags.remove_from_passage(s, passage_id, path):
                raise KzreaderError(f"passage {passage_id} is not tagged {path}")
        return self.passage(passage_id)

    def passages(self, flt: PassageFilter | None = None, **kwargs: object) -> list[PassageInfo]:
        """Passages matching a filter (see ``retrieval.PassageFilter``; its
        fields may also be given as keywords), with their tags and links."""
        flt = flt or PassageFilter(**kwargs)  # type: ignore[arg-type]
        with self.store.session() as s:
            ids = [p.id for p in retrieval.find_passages(s, flt)]
            return ann.passage_infos(s, ids, with_links=True)

    def search_passages(self, query: str, with_children: bool = True) -> list[PassageInfo]:
        """Passages holding the words and phrases of ``query`` (see
        ``retrieval.search_passages``), with their tags and links."""
        with self.store.session() as s:
            ids = [p.id for p in retrieval.search_passages(s, query, with_children)]
            return ann.passage_infos(s, ids, with_links=True)

    def passage_page(
        self,
        flt: PassageFilter | None = None,
        *,
        query: str | None = None,
        offset: int = 0,
        limit: int = 200,
        counted: bool = True,
    ) -> PassagePage:
        """A page of ``passages(flt)``, or of ``search_passages(query)``
        within ``flt``'s tags and leaving out its ``exclude`` (its other
        fields are then left aside), and the count of all: what a panel
        shows a page at a time. A filter the database answers alone is
        counted and paged by its indexes.

        ``counted=False``: the page without what would make it wait for
        every match: a search, or a filter of tags met together, stops once
        it has its passages (``total`` None); another filter counts its
        passages by its indexes but not their articles (``documents``
        None); ``count_passage_matches`` counts them apart."""
        flt = flt or PassageFilter()
        offset = max(offset, 0)
        total: int | None
        documents: int | None
        with self.store.session() as s:
            if query:
                wanted = None if counted else offset + limit + 1
                rows = retrieval.iter_search_passages(
                    s, self._scoped(flt, query), flt.with_children, flt.exclude, wanted
                )
                if counted:
                    found = list(rows)
                    total, documents = len(found), len({r.document_id for r in found})
                    ids = [r.id for r in found[offset : offset + limit]]
                    more = offset + len(ids) < total
                else:
                    ids = [r.id for r in itertools.islice(rows, offset, offset + limit + 1)]
                    total = documents = None
                    more = len(ids) > limit
                    del ids[limit:]
            elif not counted and len(flt.tags) > 1 and flt.mode == "all":
                # tags met together: counting them costs more than the page
                ids = retrieval.page_of_passages(s, flt, offset, limit + 1)
                total = documents = None
                more = len(ids) > limit
                del ids[limit:]
            else:
                if counted:
                    total, documents = retrieval.count_passages(s, flt)
                else:
                    total, documents = retrieval.count_matching(s, flt), None
                ids = retrieval.page_of_passages(s, flt, offset, limit, total) if total else []
                more = offset + len(ids) < total
            infos = ann.passage_infos(s, ids, with_links=True)
        return PassagePage(
            passages=infos, total=total, documents=documents, offset=offset, more=more
        )

    @staticmethod
    def _scoped(flt: PassageFilter, query: str) -> str:
        """``query`` within ``flt``'s tags, as ``search_passages`` reads it."""
        scope = " ".join(shlex.quote(f"tag:{path}") for path in flt.tags)
        return f"{scope} {query}"

    def count_passage_matches(
        self, flt: PassageFilter | None = None, query: str | None = None
    ) -> tuple[int, int]:
        """How many passages ``passage_page(flt, query=query)`` holds in all,
        and in how many articles: what a page asked with ``counted=False``
        leaves to be counted."""
        flt = flt or PassageFilter()
        with self.store.session() as s:
            if not query:
                return retrieval.count_passages(s, flt)
            rows = retrieval.iter_search_passages(
                s, self._scoped(flt, query), flt.with_children, flt.exclude
            )
            passages, documents = 0, set()
            for row in rows:
                passages += 1
                documents.add(row.document_id)
            return passages, len(documents)

    def passage_counts(self) -> dict[int, int]:
        """``{document id: number of passages}`` (documents without any are absent)."""
        with self.store.session() as s:
            return dict(
                s.execute(
                    select(Passage.document_id, func.count()).group_by(Passage.document_id)
                ).all()
            )

    def documents_with_tag(self, path: str, with_children: bool = True) -> set[int]:
        """Ids of the documents holding a passage with the tag (or a sub-tag)."""
        with self.store.session() as s:
            return retrieval.documents_with_tags(s, [path], with_children)

    def orphans(self) -> list[PassageInfo]:
        return self.passages(PassageFilter(status="orphan"))

    def notes(self, query: str | None = None, order: str = "article") -> list[notes.NoteInfo]:
        """Every note, on passages and on links, whose words, quote or title
        hold all the words of ``query`` (see ``core.notes``)."""
        with self.store.session() as s:
            return notes.notes(s, query, order)

    # -- tags ----------------------------------------------------------------------

    def tags(self) -> list[TagInfo]:
        with self.store.session() as s:
            return tags.tag_infos(s)

    def tag_colors(self) -> dict[str, str]:
        """``{tag path: colour}``, without counting passages (cheap)."""
        with self.store.session() as s:
            tree = tags.TagTree.load(s)
            return {tree.path(t.id): t.color or "" for t in tree.by_id.values()}

    def tag_paths(self) -> list[str]:
        """Every tag's path, in the order of ``tags()``, without counting."""
        return sorted(self.tag_colors(), key=str.casefold)

    def tag(self, path: str) -> TagInfo:
        for info in self.tags():
            if info.path == "/".join(tags.split_path(path)):
                return info
        raise NotFoundError(f"there is no tag '{path}'")

    def create_tag(
        self, path: str, color: str | None = None, description: str | None = None
    ) -> TagInfo:
        with self.store.operation("create_tag", f"Create tag {path}") as (s, _):
            if tags.TagTree.load(s).find(path) is not None:
                raise tags.TagError(f"there is already a tag '{path}'")
            tags.ensure_path(s, path, color, description)
        return self.tag(path)

    def rename_tag(self, path: str, new_name: str) -> TagInfo:
        with self.store.operation("rename_tag", f"Rename tag {path}") as (s, _):
            tag = tags.rename(s, path, new_name)
            s.flush()
            new_path = tags.TagTree.load(s).path(tag.id)
        return self.tag(new_path)

    def move_tag(self, path: str, new_parent: str | None) -> TagInfo:
        with self.store.operation("move_tag", f"Move tag {path}") as (s, _):
            tag = tags.move(s, path, new_parent)
            s.flush()
            new_path = tags.TagTree.load(s).path(tag.id)
        return self.tag(new_path)

    def merge_tags(self, source: str, target: str) -> ChangeSet:
        with self.store.operation("merge_tags", "Merge tags") as (s, out):
            tags.merge(s, source, target)
        return out.changes

    def delete_tag(self, path: str) -> ChangeSet:
        """Delete a tag and its sub-tags; their passages stay, untagged."""
        with self.store.operation("delete_tag", f"Delete tag {path}") as (s, out):
            tags.remove(s, path)
        return out.changes

    def edit_tag(
        self, path: str, color: str | None = None, description: str | None = None
    ) -> TagInfo:
        with self.store.operation("edit_tag", f"Edit tag {path}") as (s, _):
            tags.edit(s, path, color, description)
        return self.tag(path)

    # -- links -----------------------------------------------------------------------

    def link(
        self,
        source_id: int,
        target_id: int,
        relation: str,
        *,
        note: str | None = None,
        direction: str = "one-way",
    ) -> LinkInfo:
        with self.store.operation("link", "Link passages") as (s, _):
            link = ann.create_link(
                s, source_id, target_id, relation, note=note, direction=direction
            )
            info = ann.outgoing_link_info(s, link)
        return info

    def link_to_span(
        self,
        source_id: int,
        document_id: int,
        start: int,
        end: int,
        relation: str,
        *,
        note: str | None = None,
        direction: str = "one-way",
    ) -> LinkInfo:
        """Link a passage to the text at ``start:end`` of a document: the
        target passage is made with the link (an existing passage of exactly
        that extent is used as it is), one undoable operation, so a link
        given up leaves no passage behind."""
        with self.store.operation("link", "Link passages") as (s, _):
            target = s.scalar(
                select(Passage.id).where(
                    Passage.document_id == document_id, Passage.start == start, Passage.end == end
                )
            )
            if target is None:
                target = ann.create_passage(s, document_id, start, end).id
            link = ann.create_link(s, source_id, target, relation, note=note, direction=direction)
            info = ann.outgoing_link_info(s, link)
        return info

    def update_link(self, link_id: int, *, note: str) -> LinkInfo:
        """Write, change or (with ``""``) clear a link's note; undoable."""
        with self.store.operation("edit_link", "Edit link note") as (s, _):
            link = ann.update_link(s, link_id, note=note)
            info = ann.outgoing_link_info(s, link)
        return info

    def unlink(self, link_id: int) -> None:
        with self.store.operation("unlink", "Remove link") as (s, _):
            ann.delete_link(s, link_id)

    def links(self, passage_id: int) -> list[LinkInfo]:
        """Links (``side == "out"``) and backlinks (``side == "in"``) of a passage."""
        with self.store.session() as s:
            ann.get_passage(s, passage_id)
            return ann.link_infos(s, [passage_id])[passage_id]

    # -- autocode --------------------------------------------------------------------

    def autocode(
        self,
        query: str,
        tag: str,
        *,
        regex: bool = False,
        document_ids: Sequence[int] = (),
        ignore_case: bool = True,
    ) -> ChangeSet:
        """Tag every match of ``query`` — a search (words, "phrase", any
        search syntax) or, with ``regex``, a regular expression — as a passage,
        in the given documents or all. An existing passage with the very
        same extent gets the tag instead of a twin."""
        spans = (
            self._regex_spans(query, document_ids, ignore_case)
            if regex
            else self._search_spans(query, document_ids)
        )
        with self.store.operation("autocode", f"Autocode {query!r} as {tag}") as (s, out):
            self._tag_spans(s, spans, tag)
        return out.changes

    def code_spans(
        self, spans_by_document: Mapping[int, Sequence[tuple[int, int]]], tag: str
    ) -> ChangeSet:
        """Tag each span (``{document id: [(start, end), …]}``, code points)
        as a passage, all in one undoable operation: a selection of
        concordance lines, say. An existing passage with the very same extent
        gets the tag instead of a twin, as in autocode."""
        spans = {
            int(doc_id): sorted({(int(a), int(b)) for a, b in doc_spans})
            for doc_id, doc_spans in spans_by_document.items()
            if doc_spans
        }
        count = sum(len(doc_spans) for doc_spans in spans.values())
        if not count:
            raise KzreaderError("choose at least one span of text to tag")
        label = f"Tag {count} passage{'s' if count > 1 else ''} as {tag}"
        with self.store.operation("code_spans", label) as (s, out):
            self._tag_spans(s, spans, tag)
        return out.changes

    @staticmethod
    def _tag_spans(s: Session, spans: Mapping[int, Sequence[tuple[int, int]]], tag: str) -> None:
        """Autocode's and ``code_spans``' work inside their operation."""
        tag_id = tags.ensure_path(s, tag)[0].id
        for doc_id, doc_spans in spans.items():
            existing = {
                (p.start, p.end): p.id
                for p in s.scalars(select(Passage).where(Passage.document_id == doc_id))
            }
            doc = ann.get_document(s, doc_id)
            made = []
            for start, end in dict.fromkeys(doc_spans):
                pid = existing.get((start, end))
                if pid is None:
                    made.append(ann.new_passage(doc, start, end))
                else:
                    tags.add_to_passage(s, pid, tag)
            # the article's new passages written at once, then their tag
            s.add_all(made)
            s.flush()
            if made:
                s.execute(
                    insert(passage_tags), [{"passage_id": p.id, "tag_id": tag_id} for p in made]
                )
            # written and forgotten document by document: the session
            # would otherwise hold every text and passage to the end
            s.expunge_all()

    def _regex_spans(
        self, pattern: str, document_ids: Sequence[int], ignore_case: bool
    ) -> dict[int, list[tuple[int, int]]]:
        with self.store.session() as s:
            return ann.regex_spans(s, pattern, document_ids, ignore_case)

    def _search_spans(
        self, query: str, document_ids: Sequence[int]
    ) -> dict[int, list[tuple[int, int]]]:
        if not self._index_synced:
            self.sync_index()
        with self.index.searcher() as searcher:
            return {
                doc_id: matches
                for doc_id, matches in match_spans(
                    searcher,
                    query,
                    self._hit_texts,
                    only=document_ids,
                    postings=self.index.postings,
                )
                if matches
            }

    # -- concordance -----------------------------------------------------------------

    def iter_kwic(
        self, query: str, width: int = concordance.WIDTH, *, ordered: bool = True
    ) -> Iterator[concordance.KwicLine]:
        """Every hit of ``query`` as a concordance line (see ``core.kwic``),
        yielded as the articles are read: the first lines come before the
        rest are built. ``ordered``: in document order; otherwise in the
        index's (sooner). The arguments are checked at once."""
        concordance.check_arguments(query, width)
        if not self._index_synced:
            self.sync_index()
        # the index's counts of the hits stand for the texts only when in step
        tally = self.index_problem is None and (
            not self.read_only or self.index_state() == "current"
        )

        def lines() -> Iterator[concordance.KwicLine]:
            # a searcher of its own: the shared one is locked while in use,
            # and a concordance goes on reading articles for seconds
            with self.index.searcher():
                own = self.index.open().searcher()
            with own as searcher:
                yield from concordance.iter_lines(
                    searcher,
                    query,
                    self._kwic_texts,
                    width,
                    ordered=ordered,
                    tally=tally,
                    postings=self.index.postings,
                )

        return lines()

    def kwic(
        self,
        query: str,
        width: int = concordance.WIDTH,
        sort: str | None = None,
        limit: int | None = None,
    ) -> list[concordance.KwicLine]:
        """The concordance of ``query``: every hit as a line, sorted by
        ``sort`` (``left``, ``right``, ``outlet``, ``date``; None: document
        order); the first ``limit`` lines of that order when given."""
        concordance.check_arguments(query, width, sort, limit)
        lines = self.iter_kwic(query, width)
        if sort is None:
            return list(itertools.islice(lines, limit))
        return concordance.sort_lines(lines, sort)[:limit]

    def _kwic_texts(self, ids: list[int]) -> dict[int, HitText]:
        with self.store.session() as s:
            return concordance.load_texts(s, ids)

    # -- retrieval -------------------------------------------------------------------

    def cooccurrence(self, paths: Sequence[str] | None = None) -> tuple[list[str], list[list[int]]]:
        with self.store.session() as s:
            return retrieval.cooccurrence(s, paths)

    def tags_by_source(self) -> dict[str, dict[str, int]]:
        with self.store.session() as s:
            return retrieval.tags_by_source(s)

    def coded_by_source(self) -> dict[str, int]:
        """``{outlet: coded passages}``: the totals of ``tags_by_source``'s
        table, each passage counted once (see ``core.crosstab``)."""
        from kzreader.core import crosstab

        with self.store.session() as s:
            return crosstab.coded_by_source(s)

    def cell_passages(self, tag: str, outlet: str | None = None) -> list[PassageInfo]:
        """The passages of ``tag`` (and its sub-tags) in the articles of
        ``outlet`` (``"unknown"``: those without one; None: every outlet)."""
        from kzreader.core import crosstab

        with self.store.session() as s:
            ids = crosstab.passages_in_cell(s, tag, outlet)
            return ann.passage_infos(s, ids, with_links=True)

    def timeline(
        self, unit: str = "day", tag: str | None = None, with_children: bool = True
    ) -> Timeline:
        """Articles, or the passages of ``tag`` (and its sub-tags), per
        outlet and per ``day`` or ISO ``week`` (see ``core.timeline``)."""
        from kzreader.core import timeline

        with self.store.session() as s:
            return timeline.timeline(s, unit, tag, with_children)

    # -- facts -----------------------------------------------------------------------

    def info(self) -> LibraryInfo:
        with self.store.session() as s:

            def count(model: type) -> int:
                return int(s.scalar(select(func.count()).select_from(model)) or 0)

            languages = dict(
                s.execute(select(Document.language, func.count()).group_by(Document.language)).all()
            )
            sources = dict(
                s.execute(select(Document.source, func.count()).group_by(Document.source)).all()
            )
            documents, passages, n_tags, links = (count(m) for m in (Document, Passage, Tag, Link))
        state = self.index_state()
        try:
            index_docs = self.index.doc_count() if state != "missing" else 0
        except Exception:
            index_docs = 0
        return LibraryInfo(
            path=self.path,
            schema_version=latest_version(),
            documents=documents,
            passages=passages,
            tags=n_tags,
            links=links,
            languages={k or "und": v for k, v in languages.items()},
            sources={k or "unknown": v for k, v in sources.items()},
            index_state=state,
            index_documents=index_docs,
            database_bytes=self.db_path.stat().st_size,
        )
