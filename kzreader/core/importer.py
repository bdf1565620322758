"""Reading files for import: which files, and each prepared as articles
(decoded, parsed, its language told), in worker processes for a large
import. Storing them is ``core.storing``: this module stays clear of the
database, so that a worker process loads neither SQLAlchemy nor the index."""

from __future__ import annotations

import dataclasses
import errno
import multiprocessing
import os
import stat
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from kzreader.core.errors import ImportRefused
from kzreader.core.importing.decode import MAX_BYTES, decode_as
from kzreader.core.importing.types import HTML_EXTENSIONS, PreparedArticle
from kzreader.core.messages import Message, message
from kzreader.core.processes import exit_with_parent
from kzreader.core.types import ImportResult

#: Articles in a folder: text, saved web pages (and press databases' HTML
#: exports), PDF and Word documents, and RTF (Factiva's exports).
IMPORT_EXTENSIONS = {".txt", ".md", *HTML_EXTENSIONS, ".pdf", ".docx", ".rtf"}
#: Larger files are refused before they are read into memory.
MAX_FILE_BYTES = MAX_BYTES


# The pipeline is imported by the first import, not by opening a library.


def prepare_article(data: bytes, name: str) -> PreparedArticle:
    from kzreader.core.importing import pipeline

    return pipeline.prepare_article(data, name)


def prepare_articles(data: bytes, name: str) -> list[PreparedArticle]:
    from kzreader.core.importing import pipeline

    return pipeline.prepare_articles(data, name)


def is_document(data: bytes) -> bool:
    from kzreader.core.importing import pipeline

    return pipeline.is_document(data)


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ImportResult]]:
    """The files to import from ``paths``: folders are searched recursively for
    articles (``.txt``, ``.md``, saved web pages ``.html`` and ``.htm``, PDF,
    Word ``.docx`` and RTF; hidden files and folders left out); a file named
    explicitly is tried whatever its extension. Paths that do not exist, the
    other files of a folder and a folder without any article come back
    refused, with the reason."""
    files: list[Path] = []
    seen: set[Path] = set()  # of files: a list's "in" made 100,000 files quadratic
    missing: list[ImportResult] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = []
            skipped = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if name.startswith("."):
                        continue
                    if Path(name).suffix.lower() in IMPORT_EXTENSIONS:
                        found.append(Path(root) / name)
                    else:
                        skipped.append(Path(root) / name)
            for file in sorted(found):
                if file not in seen:
                    seen.add(file)
                    files.append(file)
            missing.extend(
                ImportResult(str(file), "refused", reason=skip_reason(file))
                for file in sorted(skipped)
            )
            if not found:
                missing.append(
                    ImportResult(
                        str(raw),
                        "refused",
                        reason=message(
                            "the folder holds no articles ({extensions} files)",
                            extensions=_EXTENSIONS,
                        ),
                    )
                )
        elif path.exists():
            if path not in seen:  # named twice, or also in a folder named
                seen.add(path)
                files.append(path)
        else:
            missing.append(ImportResult(str(raw), "refused", reason=missing_reason(path)))
    return files, missing


#: The extensions of articles, as a reason lists them.
_EXTENSIONS = ", ".join(sorted(IMPORT_EXTENSIONS))


def missing_reason(path: Path) -> Message:
    """Why ``path``, which cannot be reached, cannot: nothing there, or a
    symbolic link that is dangling or in a loop."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return message(
                "is a symbolic link in a loop (it leads back to itself, "
                "directly or through other links): import the file it should point to"
            )
        if exc.errno == errno.ENOENT and path.is_symlink():
            return message(
                "is a symbolic link to a file or folder that no longer exists: "
                "import the file it should point to"
            )
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            return message("cannot be reached: {error}", error=exc.strerror or str(exc))
    return message("no such file or folder")


def skip_reason(path: Path) -> Message:
    """Why a folder import left ``path`` out."""
    if path.suffix:
        kind = message("a {suffix} file", suffix=path.suffix.lower())
    else:
        kind = message("a file without extension")
    return message(
        "skipped: {kind} is not an article; articles are {extensions} files "
        "(import this file by its name to try it anyway)",
        kind=kind,
        extensions=_EXTENSIONS,
    )


def _too_large(size: int) -> ImportRefused:
    return ImportRefused(
        "the file is too large for a single article ({size} MB, "
        "over {limit} MB): split it into articles",
        size=size // (1024 * 1024),
        limit=MAX_FILE_BYTES // (1024 * 1024),
    )


def _read_bounded(path: Path) -> bytes:
    """The bytes of ``path``, never more than ``MAX_FILE_BYTES`` in memory.

    The size is checked before reading, and the read itself is bounded too:
    a file that grows while it is read, or that reports no size (files in
    ``/proc``), cannot make the import hold more than the limit. Devices,
    pipes and sockets are refused before they are opened: opening a pipe
    waits for a writer, and reading ``/dev/zero`` never ends.
    """
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise ImportRefused("this is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ImportRefused(
            "is not a regular file (a device, a pipe or a socket): "
            "choose the article's .txt file instead"
        )
    if info.st_size > MAX_FILE_BYTES:
        raise _too_large(info.st_size)
    with path.open("rb") as handle:
        # One byte more than the size: a file that grew since stat() shows it.
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(len(data))
    return data


def _read_or_refuse(path: Path) -> bytes:
    """:func:`_read_bounded`, its errors told as ``ImportRefused``."""
    try:
        return _read_bounded(path)
    except IsADirectoryError as exc:
        raise ImportRefused("this is a folder, not a file") from exc
    except PermissionError as exc:
        raise ImportRefused("permission denied: the file cannot be read") from exc
    except OSError as exc:
        raise ImportRefused(
            "cannot read the file: {error}", error=exc.strerror or str(exc)
        ) from exc


def read_article(path: Path, encoding: str | None = None) -> PreparedArticle:
    """Read and prepare one file as one article; ``ImportRefused`` says why
    it cannot be.

    ``encoding`` names the file's text encoding instead of recognising it
    (ValueError when Python knows no such encoding); a PDF or a Word
    document has none to name, and is read as it is.
    """
    if encoding is not None:
        data = _read_or_refuse(path)
        if is_document(data):
            return prepare_article(data, path.name)
        return prepare_decoded(data, path.name, encoding)
    # The bytes are passed on, not kept in a variable here: prepare_article
    # then holds the only reference and lets them go once they are decoded.
    return prepare_article(_read_or_refuse(path), path.name)


def read_articles(path: Path, encoding: str | None = None) -> list[PreparedArticle]:
    """Read and prepare the articles of one file: several for a press
    database's export, else one (see :func:`read_article`)."""
    if encoding is not None:
        data = _read_or_refuse(path)
        if is_document(data):
            return prepare_articles(data, path.name)
        text, shown = decode_as(data, encoding)
        del data
        articles = prepare_articles(text.encode("utf-8"), path.name)
        return [dataclasses.replace(article, encoding=shown) for article in articles]
    return prepare_articles(_read_or_refuse(path), path.name)


def prepare_decoded(data: bytes, name: str, encoding: str) -> PreparedArticle:
    """:func:`prepare_article` for bytes in a named encoding: decoded with it,
    then prepared exactly as the same text saved as UTF-8 would be."""
    text, shown = decode_as(data, encoding)
    del data
    article = prepare_article(text.encode("utf-8"), name)
    return dataclasses.replace(article, encoding=shown)


def _refusal(exc: BaseException) -> Message:
    """The reason a file is refused for an error while preparing it."""
    if isinstance(exc, ImportRefused):
        return exc.reason
    if isinstance(exc, MemoryError):
        return message("the file is too large to prepare with the memory available")
    return message(
        "kzreader could not prepare this file ({kind}: {error}); please report it with the file",
        kind=type(exc).__name__,
        error=str(exc),
    )


def prepare_file(
    path: str, encoding: str | None = None
) -> tuple[PreparedArticle | None, str | None]:
    """``(article, None)`` or ``(None, reason)``: the file as one article.

    Any error preparing one file refuses that file only: an import of
    thousands of files must not stop at one that the pipeline cannot handle
    (or that does not fit in memory). The fuzz tests hold the pipeline to
    raising nothing but ImportRefused; this is the last line of defence.
    """
    try:
        return read_article(Path(path), encoding), None
    except Exception as exc:
        return None, _refusal(exc)


def prepare_items(
    path: str, encoding: str | None = None
) -> tuple[list[PreparedArticle], str | None]:
    """``(articles, None)`` or ``([], reason)``: what a worker process
    returns for one file, an export's articles or the file's one article
    (errors refuse the file, as :func:`prepare_file` says)."""
    try:
        return read_articles(Path(path), encoding), None
    except Exception as exc:
        return [], _refusal(exc)


#: What preparing one file gives: its articles, or none and the reason.
Prepared = tuple[list[PreparedArticle], str | None]


def prepare_chunk(paths: list[str]) -> list[Prepared]:
    """:func:`prepare_items` for each of ``paths``: one task of a worker process."""
    return [prepare_items(path) for path in paths]


#: Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200
#: A worker's task: at most this many files, and at most this many bytes
#: unless a single file is larger (one message to and from a worker per task).
CHUNK_FILES = 8
CHUNK_BYTES = 4 * 1024 * 1024
#: Tasks handed to the pool ahead of the caller, per worker, and the bytes
#: they may hold. Preparing can be faster than storing and indexing; without
#: a bound, prepared articles of a large folder pile up in the caller's
#: memory (all of them, for a fast enough pool).
AHEAD_PER_WORKER = 3
AHEAD_BYTES = 32 * 1024 * 1024


def _chunks(paths: Sequence[str | Path]) -> Iterator[tuple[list[str], int]]:
    """``(paths, bytes)`` of each worker task, in order."""
    chunk: list[str] = []
    size = 0
    for path in paths:
        try:
            length = os.stat(path).st_size
        except OSError:
            length = 0  # the worker reports why it cannot read it
        if chunk and (len(chunk) >= CHUNK_FILES or size + length > CHUNK_BYTES):
            yield chunk, size
            chunk, size = [], 0
        chunk.append(str(path))
        size += length
    if chunk:
        yield chunk, size


def _pooled(
    pool: ProcessPoolExecutor, paths: Sequence[str | Path], workers: int
) -> Iterator[Prepared]:
    """Results of the tasks in order, with a bounded number of them in flight."""
    most_tasks = workers * AHEAD_PER_WORKER
    pending: deque[tuple[Future[list[Prepared]], int]] = deque()
    in_flight = 0
    tasks = _chunks(paths)
    exhausted = False
    while True:
        while not exhausted and (
            not pending or (len(pending) < most_tasks and in_flight < AHEAD_BYTES)
        ):
            task = next(tasks, None)
            if task is None:
                exhausted = True
                break
            pending.append((pool.submit(prepare_chunk, task[0]), task[1]))
            in_flight += task[1]
        if not pending:
            return
        future, size = pending.popleft()
        in_flight -= size
        yield from future.result()


def prepare_files(paths: Sequence[str | Path]) -> Iterator[Prepared]:
    """Read and prepare files in order, each giving its articles (several
    for a press database's export) or the reason it is refused. Large imports use the other cores:
    decoding, parsing and language detection run in worker processes (spawned,
    never forked: the desktop app has threads) while the caller stores and
    indexes what is ready; only a few tasks run ahead of the caller, so that
    memory stays bounded whatever the number of files."""
    workers = min(max((os.cpu_count() or 1) - 1, 0), 3)
    if len(paths) < PARALLEL_MIN_FILES or workers == 0:
        for path in paths:
            yield prepare_items(str(path))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=exit_with_parent
    ) as pool:
        try:
            yield from _pooled(pool, paths, workers)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


def item_name(name: str, part: int | None) -> str:
    """How an article of a file holding several is named: ``export.html #3``."""
    return name if part is None else f"{name} #{part}"
