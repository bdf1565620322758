"""Reading files for import and storing prepared articles."""

from __future__ import annotations

import multiprocessing
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kzreader.core import history
from kzreader.core.db import now_iso
from kzreader.core.errors import ImportRefused
from kzreader.core.importing import PreparedArticle, prepare_article
from kzreader.core.importing.decode import MAX_BYTES
from kzreader.core.models import Document, Meta
from kzreader.core.passages import reanchor_document
from kzreader.core.types import ImportResult

IMPORT_EXTENSIONS = {".txt", ".md"}
#: Larger files are refused before they are read into memory.
MAX_FILE_BYTES = MAX_BYTES


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


def read_article(path: Path) -> PreparedArticle:
    """Read and prepare one file; ``ImportRefused`` says why it cannot be."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportRefused(
                f"the file is too large for a single article ({size // (1024 * 1024)} MB, "
                f"over {MAX_FILE_BYTES // (1024 * 1024)} MB): split it into articles"
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise ImportRefused("this is a folder, not a file") from exc
    except PermissionError as exc:
        raise ImportRefused("permission denied: the file cannot be read") from exc
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from exc
    return prepare_article(data, path.name)


def prepare_file(path: str) -> tuple[PreparedArticle | None, str | None]:
    """``(article, None)`` or ``(None, reason)``: what a worker process returns."""
    try:
        return read_article(Path(path)), None
    except ImportRefused as exc:
        return None, exc.reason


#: Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200


def prepare_files(paths: Sequence[Path]) -> Iterator[tuple[PreparedArticle | None, str | None]]:
    """Read and prepare files in order. Large imports use the other cores:
    decoding, parsing and language detection run in worker processes (spawned,
    never forked: the desktop app has threads) while the caller stores and
    indexes what is ready."""
    workers = min(max((os.cpu_count() or 1) - 1, 0), 3)
    if len(paths) < PARALLEL_MIN_FILES or workers == 0:
        for path in paths:
            yield prepare_file(str(path))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            yield from pool.map(prepare_file, [str(p) for p in paths], chunksize=8)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


def bump_generation(session: Session) -> None:
    """Mark the documents as changed, so that the index knows it is behind."""
    meta = session.get(Meta, "generation")
    if meta is None:
        session.add(Meta(key="generation", value="1"))
    else:
        meta.value = str(int(meta.value) + 1)


def _fill(doc: Document, article: PreparedArticle, source_path: Path, now: str) -> None:
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


def store_article(
    session: Session, article: PreparedArticle, source_path: Path, shown: str
) -> ImportResult:
    """Store ``article`` read from ``source_path``, in the caller's transaction.

    The same text already in the library: ``unchanged``. A changed text at a
    path already imported: ``updated`` — the document keeps its id, its
    passages are re-anchored, and the whole update is one undoable operation.
    """
    now = now_iso()
    same = session.scalar(select(Document).where(Document.content_hash == article.content_hash))
    if same is not None:
        return ImportResult(shown, "unchanged", same.id, title=same.title)
    doc = session.scalar(
        select(Document)
        .where(Document.source_path == str(source_path))
        .order_by(Document.id.desc())
        .limit(1)
    )
    if doc is None:
        doc = Document(uid=str(uuid.uuid4()), imported_at=now)
        _fill(doc, article, source_path, now)
        session.add(doc)
        bump_generation(session)
        session.flush()
        return ImportResult(shown, "imported", doc.id, title=doc.title)
    with history.record(session, "reimport", f"Re-import {source_path.name}"):
        anchors = reanchor_document(session, doc, article.text)
        _fill(doc, article, source_path, now)
        session.flush()
    bump_generation(session)
    return ImportResult(shown, "updated", doc.id, title=doc.title, passages=anchors)
