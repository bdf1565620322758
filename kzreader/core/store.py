"""``Store``: the unit of work of a library's database.

A ``Library`` (``kzreader.core.library``) opens its database and hands it
to a ``Store``, reachable as ``library.store``; the modules that work on
the database for the library (the check, the exchange formats) use it
rather than the library's insides. It gives:

- ``session(what)``: one transaction, committed on success, rolled back on
  any error, the errors told in the library's terms (damage, a full disk, a
  library folder gone);
- ``operation(kind, label)``: one user operation, one transaction under the
  write lock, recorded in the undo history; its ``ChangeSet`` is handed,
  once committed, to the callback the library gave (which indexes and
  announces it);
- ``history_step(step)``: an undo or a redo, handed over the same way;
- ``require_writable(what)`` and ``still_there(what)``: the write guards;
- ``generation()``: the counter the search index is compared with.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from kzreader.core import atomic, db, history, passage_terms
from kzreader.core.errors import KzreaderError, ReadOnlyError, StorageError
from kzreader.core.models import Meta
from kzreader.core.storing import bump_generation
from kzreader.core.types import ChangeSet

#: what the store hands each committed operation, undo and redo to
AfterChanges = Callable[[ChangeSet], None]


class Outcome:
    """Filled in by ``Store.operation`` once the transaction is committed."""

    changes: ChangeSet = ChangeSet()


class Store:
    """The database of the library in ``folder``, open through ``engine``."""

    def __init__(
        self,
        folder: Path,
        db_path: Path,
        engine: Engine,
        *,
        read_only_reason: str | None,
        after: AfterChanges,
    ) -> None:
        """``read_only_reason``: why the library may not be changed (None
        when it may); ``after``: called with the changes of every committed
        operation, undo and redo."""
        self.folder = folder
        self.db_path = db_path
        self.engine = engine
        self.read_only_reason = read_only_reason
        self.closed = False
        self._sessions = db.make_sessionmaker(engine)
        self._after = after
        self._opened: tuple[int, int] | None = None
        self._rescued: Path | None = None
        # a connection of its own, open from ``watch_file`` to ``close``, that
        # the rescue copies from: the pool's may all be lent out, or closed,
        # when the folder goes, and a new one can no longer open the file
        self._keeper: sqlite3.Connection | None = None
        self._keeper_lock = threading.Lock()

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        self.engine.dispose()
        with self._keeper_lock:
            if self._keeper is not None:
                self._keeper.close()
                self._keeper = None
        self.closed = True

    # -- transactions --------------------------------------------------------------

    @contextmanager
    def session(self, what: str = "This change") -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error.
        Damage met on the way is told as ``DamagedLibraryError``; a write the
        storage refused (a full disk…) as ``StorageError`` naming ``what``."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            orig = getattr(exc, "orig", exc)
            if db.is_damage(orig):
                raise db.damaged(self.db_path, str(orig)) from exc
            cause = db.storage_cause(exc)
            if cause is not None:
                self.still_there(what)
                raise db.storage_error(cause, what, orig) from exc
            raise

    @contextmanager
    def operation(self, kind: str, label: str) -> Iterator[tuple[Session, Outcome]]:
        """One user operation: one transaction, one entry in the undo history.
        Yields the session and the ``Outcome`` whose ``changes`` are set once
        committed; those changes are then handed to ``after``."""
        what = f"“{label}”"
        self.require_writable(what)
        outcome = Outcome()
        try:
            with self.session(what) as s:
                db.write_lock(s)
                with history.record(s, kind, label) as rec:
                    yield s, outcome
                outcome.changes = history.changes_of(s, rec.op_id, label)
                passage_terms.refresh_session(s)
                if outcome.changes.reindexed:
                    bump_generation(s)
        except IntegrityError as exc:
            raise KzreaderError(f"{label}: the library refused the change ({exc.orig})") from exc
        self.still_there(what)  # gone during the transaction: it went nowhere
        self._after(outcome.changes)

    def history_step(self, step: Callable[[Session], ChangeSet]) -> ChangeSet:
        """Undo or redo (``step``: ``history.undo`` or ``history.redo``) in
        one transaction under the write lock; its changes go to ``after``."""
        self.require_writable()
        with self.session("Undoing or redoing") as s:
            db.write_lock(s)
            changes = step(s)
            passage_terms.refresh_session(s)
            if changes.reindexed:
                bump_generation(s)
        self.still_there("Undoing or redoing")
        self._after(changes)
        return changes

    def make_durable(self, what: str = "This change") -> None:
        """One durable commit (a generation bump): the commits made without
        waiting for the disk (``db.write_lock(durable=False)``) reach it
        with this one, whose log they are the start of."""
        with self.session(what) as s:
            db.write_lock(s)
            bump_generation(s)

    def generation(self) -> int:
        """How many times the documents changed: the search index is in
        step when it was last written at this generation."""
        with self.session() as s:
            meta = s.get(Meta, "generation")
            return int(meta.value) if meta else 0

    # -- write guards --------------------------------------------------------------

    def require_writable(self, what: str = "This change") -> None:
        """Raise ``ReadOnlyError`` unless the library may be changed, and
        ``StorageError`` when its database is no longer where it was opened."""
        if self.read_only_reason is not None:
            raise ReadOnlyError(f"the library is read-only: {self.read_only_reason}")
        self.still_there(what)

    def watch_file(self) -> None:
        """Remember the database file as it is now, once the library is open:
        from then on, a file that is no longer there is told (``still_there``)."""
        self._opened = self._identity()
        if self.read_only_reason is None and self._keeper is None:
            try:
                keeper = sqlite3.connect(self.db_path, check_same_thread=False)
                keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error:
                return  # the rescue falls back on the pool's connections
            self._keeper = keeper

    def file_gone(self) -> bool:
        """Whether the database file is no longer the one the library opened."""
        return self._identity() != self._opened

    def still_there(self, what: str) -> None:
        """Raise ``StorageError`` if the database file has gone from the
        library folder (the folder removed, renamed or unmounted while open):
        SQLite would otherwise go on writing into a file nobody can reach."""
        if self._opened is None or not self.file_gone():
            return
        rescued = self.rescue()
        where = (
            f"Everything saved until now was copied to {rescued}: restore it into a "
            f"library folder with `kzreader restore {rescued} --library FOLDER`."
            if rescued is not None
            else "It could not be copied elsewhere; look for a backup file you made "
            "(File > Back Up to a File…) and restore it with `kzreader restore FILE`."
        )
        raise StorageError(
            f"{what} could not be saved: the library folder {self.folder} is no longer "
            f"there (it was moved, removed, or its disk unplugged). {where}",
            "gone",
        )

    def _identity(self) -> tuple[int, int] | None:
        """The database file's device and inode, None when it is not there."""
        try:
            st = os.stat(self.db_path)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def rescue(self) -> Path | None:
        """Copy the database, still open, out of a library folder that has
        gone, once; the copy's path, or None when it could not be made."""
        if self._rescued is not None:
            return self._rescued
        from kzreader.paths import rescue_dir

        try:
            folder = rescue_dir()
            atomic.make_folder(folder, parents=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = folder / f"{self.folder.name}-rescued-{stamp}.sqlite"
            with self._keeper_lock:
                if self._keeper is not None:
                    self._copy_to(self._keeper, target)
                else:
                    raw = self.engine.raw_connection()
                    try:
                        self._copy_to(raw.driver_connection, target)  # type: ignore[arg-type]
                    finally:
                        raw.close()
        except (OSError, KzreaderError, sqlite3.Error, SQLAlchemyError):
            return None
        self._rescued = target
        return target

    @staticmethod
    def _copy_to(source: sqlite3.Connection, target: Path) -> None:
        with atomic.new_file(target, private=True) as temporary:
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy)
            finally:
                copy.close()
