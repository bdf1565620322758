"""``Library``: the one façade over a library folder.

The command line and the desktop app call only this class. It returns plain
dataclasses (``kzreader.core.types``) and raises ``kzreader.core.errors``.

A library is one folder::

    library.sqlite   the source of truth (SQLite, WAL, foreign keys, synchronous=FULL)
    index/           the Whoosh index, always rebuildable from the database
    backups/         copies taken before schema upgrades
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kzreader.core import db
from kzreader.core.errors import ImportRefused, LibraryError, NotFoundError
from kzreader.core.importing import PreparedArticle, prepare_article
from kzreader.core.importing.decode import MAX_BYTES
from kzreader.core.index import IndexDoc, SearchIndex
from kzreader.core.migrations import latest_version
from kzreader.core.models import Document, Link, Meta, Passage, Tag
from kzreader.core.search import HitText, run_search
from kzreader.core.types import (
    DocumentInfo,
    DocumentView,
    ImportReport,
    ImportResult,
    LibraryInfo,
    SearchResults,
)

IMPORT_EXTENSIONS = {".txt", ".md"}
#: Larger files are refused before they are read into memory.
MAX_FILE_BYTES = MAX_BYTES

Progress = Callable[[int, int, str], None]


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


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ImportResult]]:
    """The files to import from ``paths``: folders are searched recursively for
    ``.txt`` and ``.md`` files (hidden ones skipped); a file named explicitly is
    tried whatever its extension. Paths that do not exist come back refused."""
    files: list[Path] = []
    missing: list[ImportResult] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    Path(root) / name
                    for name in names
                    if not name.startswith(".") and Path(name).suffix.lower() in IMPORT_EXTENSIONS
                )
            files.extend(sorted(found))
        elif path.exists():
            files.append(path)
        else:
            missing.append(ImportResult(str(raw), "refused", reason="no such file or folder"))
    return files, missing


class Library:
    """An open library folder."""

    def __init__(self, path: Path, *, create: bool = True, sync_index: bool = True) -> None:
        self.path = Path(path).expanduser().resolve()
        self.db_path = self.path / db.DB_NAME
        self._check_folder(create)
        db.upgrade_schema(self.db_path, self.path / "backups")
        self._engine = db.make_engine(self.db_path)
        self._sessions = db.make_sessionmaker(self._engine)
        try:
            with self._session() as s:
                if s.get(Meta, "library_uid") is None:
                    s.add(Meta(key="library_uid", value=str(uuid.uuid4())))
                    s.add(Meta(key="created_at", value=db.now_iso()))
                    s.add(Meta(key="generation", value="0"))
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise LibraryError(f"cannot use the library database {self.db_path}: {exc}") from exc
        self.index = SearchIndex(self.path / "index")
        self._index_synced = False
        if sync_index:
            self.sync_index()

    @classmethod
    def open(cls, path: str | Path | None = None, **kwargs: bool) -> Library:
        from kzreader.paths import default_library_dir

        return cls(Path(path) if path is not None else default_library_dir(), **kwargs)

    def _check_folder(self, create: bool) -> None:
        if self.path.exists() and not self.path.is_dir():
            raise LibraryError(f"{self.path} is a file, not a library folder")
        if not self.path.exists():
            if not create:
                raise LibraryError(f"there is no library at {self.path}")
            try:
                self.path.mkdir(parents=True)
            except OSError as exc:
                raise LibraryError(f"cannot create the library folder {self.path}: {exc}") from exc
        elif not self.db_path.exists() and any(self.path.iterdir()):
            raise LibraryError(
                f"{self.path} is not a kzreader library (it has no {db.DB_NAME}) and is not "
                "empty; choose an empty or new folder for a library"
            )

    def close(self) -> None:
        self.index.close()
        self._engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    # -- generation: bumped with every change to document text -----------------

    @staticmethod
    def _bump_generation(session: Session) -> None:
        meta = session.get(Meta, "generation")
        if meta is None:
            session.add(Meta(key="generation", value="1"))
        else:
            meta.value = str(int(meta.value) + 1)

    def _generation(self) -> int:
        with self._session() as s:
            meta = s.get(Meta, "generation")
            return int(meta.value) if meta else 0

    # -- documents -------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        with self._session() as s:
            docs = s.scalars(select(Document).order_by(Document.id)).all()
            return [_info(d) for d in docs]

    def document(self, document_id: int) -> DocumentView:
        with self._session() as s:
            doc = s.get(Document, document_id)
            if doc is None:
                raise NotFoundError(f"there is no document {document_id} in this library")
            return DocumentView(
                info=_info(doc),
                text=doc.text,
                boilerplate=[(a, b) for a, b in doc.boilerplate],
                attributes={a.key: a.value for a in doc.attributes},
                source_path=doc.source_path,
            )

    # -- importing -------------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[str | Path],
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import files and folders; every file gets a result.

        Each file is its own transaction; the index is brought up to date
        once at the end (and reconciled on the next open after a crash).
        """
        files, missing = collect_files(paths)
        report = ImportReport(results=list(missing))
        self.sync_index()
        changed: list[int] = []
        total = len(files)
        for done, path in enumerate(files):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, total, str(path))
            result = self._import_one(path)
            report.results.append(result)
            if result.status in ("imported", "updated") and result.document_id is not None:
                changed.append(result.document_id)
        if progress is not None and not report.cancelled:
            progress(total, total, "")
        if changed:
            self._index_documents(changed)
        return report

    def _import_one(self, path: Path) -> ImportResult:
        shown = str(path)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ImportRefused(
                    f"the file is too large for a single article ({size // (1024 * 1024)} MB, "
                    f"over {MAX_FILE_BYTES // (1024 * 1024)} MB): split it into articles"
                )
            data = path.read_bytes()
        except ImportRefused as exc:
            return ImportResult(shown, "refused", reason=exc.reason)
        except IsADirectoryError:
            return ImportResult(shown, "refused", reason="this is a folder, not a file")
        except PermissionError:
            return ImportResult(
                shown, "refused", reason="permission denied: the file cannot be read"
            )
        except OSError as exc:
            return ImportResult(
                shown, "refused", reason=f"cannot read the file: {exc.strerror or exc}"
            )
        try:
            article = prepare_article(data, path.name)
        except ImportRefused as exc:
            return ImportResult(shown, "refused", reason=exc.reason)
        return self._store(article, path.resolve(), shown)

    def _store(self, article: PreparedArticle, source_path: Path, shown: str) -> ImportResult:
        now = db.now_iso()
        try:
            with self._session() as s:
                same = s.scalar(
                    select(Document).where(Document.content_hash == article.content_hash)
                )
                if same is not None:
                    return ImportResult(shown, "unchanged", same.id, title=same.title)
                doc = s.scalar(
                    select(Document)
                    .where(Document.source_path == str(source_path))
                    .order_by(Document.id.desc())
                    .limit(1)
                )
                status = "updated" if doc is not None else "imported"
                if doc is None:
                    doc = Document(uid=str(uuid.uuid4()), imported_at=now)
                    s.add(doc)
                doc.title = article.title
                doc.source = article.source
                doc.url = article.url
                doc.published = article.published
                doc.language = article.language
                doc.text = article.text
                doc.length = len(article.text)
                doc.content_hash = article.content_hash
                doc.source_path = str(source_path)
                doc.file_name = source_path.name
                doc.encoding = article.encoding
                doc.boilerplate = [list(span) for span in article.boilerplate]
                doc.updated_at = now
                self._bump_generation(s)
                s.flush()
                return ImportResult(shown, status, doc.id, title=doc.title)
        except SQLAlchemyError as exc:
            return ImportResult(shown, "refused", reason=f"the library could not store it: {exc}")

    # -- index -----------------------------------------------------------------

    def _load_index_docs(self, ids: Sequence[int]) -> Iterator[IndexDoc]:
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            with self._session() as s:
                for doc in s.scalars(select(Document).where(Document.id.in_(chunk))):
                    yield _index_doc(doc)

    def _index_documents(self, ids: Sequence[int], deleted: Sequence[int] = ()) -> None:
        generation = self._generation()
        with self.index.writer() as writer:
            for doc_id in deleted:
                self.index.delete(writer, doc_id)
            for doc in self._load_index_docs(list(ids)):
                self.index.add(writer, doc)
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
        when the index was missing, damaged or of an older format."""
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
        self._index_documents(stale, deleted=gone)
        return "updated"

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the whole index from the database into a fresh folder."""
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

    # -- search ----------------------------------------------------------------

    def _hit_texts(self, ids: list[int]) -> dict[int, HitText]:
        if not ids:
            return {}
        with self._session() as s:
            rows = s.scalars(select(Document).where(Document.id.in_(ids)))
            return {
                d.id: HitText(d.title, d.text, d.boilerplate, d.source, d.published, d.language)
                for d in rows
            }

    def languages(self) -> list[str | None]:
        with self._session() as s:
            return list(s.scalars(select(Document.language).distinct()))

    def search(self, text: str, limit: int = 20) -> SearchResults:
        """Documents matching ``text`` (see ``kzreader.core.search``), best first."""
        if not self._index_synced:
            self.sync_index()
        languages = self.languages()
        with self.index.open().searcher() as searcher:
            return run_search(searcher, text, languages, self._hit_texts, limit=max(1, limit))

    # -- facts -----------------------------------------------------------------

    def info(self) -> LibraryInfo:
        with self._session() as s:

            def count(model: type) -> int:
                return int(s.scalar(select(func.count()).select_from(model)) or 0)

            languages = dict(
                s.execute(select(Document.language, func.count()).group_by(Document.language)).all()
            )
            sources = dict(
                s.execute(select(Document.source, func.count()).group_by(Document.source)).all()
            )
            documents, passages, tags, links = (count(m) for m in (Document, Passage, Tag, Link))
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
            tags=tags,
            links=links,
            languages={k or "und": v for k, v in languages.items()},
            sources={k or "unknown": v for k, v in sources.items()},
            index_state=state,
            index_documents=index_docs,
            database_bytes=self.db_path.stat().st_size,
        )
