"""Feeding documents to the Whoosh index during an import.

A large import spends a third of its time storing articles in SQLite and two
thirds in Whoosh's analysis and writing, all in pure Python. ``IndexFeed``
runs the Whoosh writer in a spawned process of its own, so both happen at
once on two cores; small imports keep the writer in the calling process,
where starting a process would cost more than it saves.

The feed's process owns the only index writer, and commits it every
``COMMIT_EVERY`` documents, or sooner once the writer's memory is nearly
full (``FULL_SHARE``): a long import becomes searchable as it goes, its
memory and temporary files are bounded, and no commit reads back a run
spilled to disk. If the importing process dies or is
interrupted, the pipe closes and the feed's process cancels what it had not
committed: the index keeps every document committed so far, and the next
open of the library reconciles the rest with the database (committed file
by file), by content hash, without starting over.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from pathlib import Path
from typing import Any

from kzreader.core.errors import KzreaderError
from kzreader.core.index import WRITER_LIMIT_MB, discard_writer, lean_writer
from kzreader.core.processes import exit_with_parent

#: Documents sent to the feed's process in one message.
BATCH = 32
#: Below this many documents, the writer stays in the importing process.
PROCESS_MIN_DOCS = 200
#: The feed's process commits after this many documents (about half a
#: minute of an import's work): what an interrupted import indexed stays.
COMMIT_EVERY = 5000
#: ... or sooner, once its writer's postings fill this share of the
#: writer's memory (``WRITER_LIMIT_MB``): past it, the pool would spill to
#: a temporary run, which the commit would then read back and merge. Below
#: the whole: writing the segment from memory takes more memory beside it.
FULL_SHARE = 0.7


class IndexFeedError(KzreaderError):
    """The index could not take the documents (the database has them)."""

    def __init__(self, cause: str) -> None:
        super().__init__(
            f"{cause}; the articles stored so far are kept, and are indexed "
            "when the library is next opened"
        )


def _last_line(trace: str) -> str:
    lines = [line for line in trace.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "unknown error"


def _add(writer: Any, index: Any, doc: Any, new: bool) -> None:
    index.add(writer, doc, new=new)


def _nearly_full(writer: Any) -> bool:
    """Whether ``writer``'s postings fill ``FULL_SHARE`` of its memory."""
    pool = getattr(writer, "pool", None)
    limit = getattr(pool, "limit", 0)
    return bool(limit) and pool.currentsize >= FULL_SHARE * limit


def _serve(
    path: str, conn: Any, commit_every: int = COMMIT_EVERY, limit_mb: float = WRITER_LIMIT_MB
) -> None:
    """The feed's process: add what arrives, committing every
    ``commit_every`` documents, or sooner when the writer's memory
    (``limit_mb``) is nearly full; commit or cancel when told."""
    from kzreader.core.index import SearchIndex

    exit_with_parent()

    index = SearchIndex(Path(path))
    writer = None
    pending = 0  # documents added since the last commit
    try:
        while True:
            try:
                message = conn.recv()
            except EOFError:  # the importing process has gone
                break
            kind = message[0]
            if kind == "docs":
                if writer is None:
                    writer = lean_writer(index.open().writer(limitmb=limit_mb))
                for doc, new in message[1]:
                    _add(writer, index, doc, new)
                pending += len(message[1])
                if pending >= commit_every or _nearly_full(writer):
                    writer.commit()  # searchable from now on, whatever follows
                    writer, pending = None, 0
            elif kind == "commit":
                if writer is not None:
                    writer.commit()
                    writer = None
                index.write_state(message[1])
                conn.send(("ok",))
                break
            else:  # "cancel"
                break
    except BaseException:
        with contextlib.suppress(OSError):
            conn.send(("error", traceback.format_exc(limit=4)))
    finally:
        if writer is not None:
            discard_writer(writer)
            index.close()
            index.discard_uncommitted()
        index.close()
        conn.close()


class IndexFeed:
    """Adds documents to the index of ``path``; ``commit(generation)`` makes
    them searchable and records the generation they bring the index to."""

    def __init__(self, index: Any, expected: int) -> None:
        self._index = index
        self._expected = expected
        self._writer: Any = None
        self._batch: list[tuple[Any, bool]] = []
        self._conn: Any = None
        self._process: Any = None

    def _start(self) -> None:
        """Start the feed's process (spawned: the desktop app has threads)."""
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(str(self._index.path), child_end, COMMIT_EVERY, WRITER_LIMIT_MB),
            name="kzreader-index",
            daemon=True,  # never outlives the import
        )
        self._process.start()
        child_end.close()

    def add(self, doc: Any, new: bool) -> None:
        if self._writer is None and self._process is None and self._expected >= PROCESS_MIN_DOCS:
            self._start()
        if self._process is None:
            if self._writer is None:
                self._writer = lean_writer(self._index.open().writer(limitmb=WRITER_LIMIT_MB))
            _add(self._writer, self._index, doc, new)
            return
        self._batch.append((doc, new))
        if len(self._batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._batch:
            return
        try:
            self._conn.send(("docs", self._batch))
        except OSError as exc:
            raise IndexFeedError(self._failure("the search index process stopped")) from exc
        self._batch = []

    def _failure(self, fallback: str) -> str:
        try:
            if self._conn.poll(1.0):
                reply = self._conn.recv()
                if reply[0] == "error":
                    return f"the search index could not be written ({_last_line(reply[1])})"
        except (OSError, EOFError):
            pass
        return fallback

    def commit(self, generation: int) -> None:
        if self._process is None:
            if self._writer is not None:
                self._writer.commit()
                self._writer = None
            self._index.write_state(generation)
            return
        self._flush()
        try:
            self._conn.send(("commit", generation))
            reply = self._conn.recv()
        except (OSError, EOFError) as exc:
            raise IndexFeedError(self._failure("the search index process stopped")) from exc
        finally:
            self._close()
        if reply[0] != "ok":
            raise IndexFeedError(f"the search index could not be written ({_last_line(reply[1])})")

    def cancel(self) -> None:
        """Drop what was not committed; never raises (it runs while another
        error, often a full disk, is on its way to the user)."""
        if self._process is None:
            if self._writer is not None:
                writer, self._writer = self._writer, None
                discard_writer(writer)
                self._index.discard_uncommitted()
            return
        with contextlib.suppress(OSError):
            self._conn.send(("cancel",))
        with contextlib.suppress(OSError):
            self._close()
        self._index.discard_uncommitted()

    def _close(self) -> None:
        if self._process is None:
            return
        self._conn.close()
        self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._process = None
