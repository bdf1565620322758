"""Opening a library's SQLite database: pragmas, migrations, sessions."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from kzreader.core import migrations
from kzreader.core.errors import DamagedLibraryError, LibraryError, StorageError

DB_NAME = "library.sqlite"


def now_iso() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Autocommit at the driver level; SQLAlchemy's "begin" hook below emits
    # BEGIN itself, so transactions mean exactly what the code says.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


def _set_read_only_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA query_only = ON")  # belt and braces over mode=ro
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """An SQLite URI opening ``path`` read-only. ``immutable`` (for a folder
    nobody can write) also skips the shared-memory file a WAL reader would
    otherwise have to create beside the database."""
    uri = Path(path).resolve().as_uri().replace("file://", "file:", 1) + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


#: The execution option that makes a session's transaction take the write
#: lock at once (``BEGIN IMMEDIATE``): see ``write_lock``.
BEGIN_MODE = "kzreader_begin"
#: The execution option that lets a transaction commit without waiting for
#: the disk (``"NORMAL"``; every other transaction is ``"FULL"``).
SYNC_MODE = "kzreader_sync"


def _begin(conn) -> None:  # type: ignore[no-untyped-def]
    options = conn.get_execution_options()
    wanted = options.get(SYNC_MODE, "FULL")
    info = conn.connection.info  # kept with the sqlite3 connection, across sessions
    if info.get(SYNC_MODE, "FULL") != wanted:
        conn.exec_driver_sql(f"PRAGMA synchronous = {wanted}")
        info[SYNC_MODE] = wanted
    conn.exec_driver_sql(f"BEGIN {options.get(BEGIN_MODE, '')}".rstrip())


def write_lock(session: Session, durable: bool = True) -> None:
    """Begin ``session``'s transaction with the write lock (``BEGIN
    IMMEDIATE``), before it reads anything. A transaction that reads and then
    writes would otherwise fail at once ("database is locked", SQLite's busy
    snapshot) when another connection wrote in between — a worker thread of
    the app, the index process — where taking the lock first makes it wait
    its turn (``busy_timeout``). Call it first thing in the session.

    ``durable=False``: the commit does not wait for the disk (``PRAGMA
    synchronous = NORMAL``: the log is written to the disk at its next
    checkpoint or durable commit). A killed program loses nothing either
    way; a power cut may lose such commits since then. For the articles of
    an import, each its own transaction, which end with a durable one: an
    import of 10,000 files waited 6-18 s for the disk otherwise."""
    options = {BEGIN_MODE: "IMMEDIATE"}
    if not durable:
        options[SYNC_MODE] = "NORMAL"
    session.connection(execution_options=options)


def is_damage(exc: BaseException) -> bool:
    """True for the errors SQLite gives on a damaged or foreign file."""
    text = str(exc)
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    )


#: SQLite's result codes for a write the disk or file system would not take,
#: by the cause told to the user (extended codes share the primary's prefix).
_STORAGE_CAUSES = (
    ("SQLITE_FULL", "full"),
    ("SQLITE_READONLY", "read-only"),
    ("SQLITE_IOERR", "io"),
    ("SQLITE_CANTOPEN", "gone"),
)
_STORAGE_TEXTS = (
    ("disk is full", "full"),
    ("no space left", "full"),
    ("readonly database", "read-only"),
    ("read-only", "read-only"),
    ("disk i/o error", "io"),
    ("unable to open database file", "gone"),
)


def storage_cause(exc: BaseException) -> str | None:
    """``full``, ``read-only``, ``io`` or ``gone`` when ``exc`` (an SQLite
    error, bare or wrapped by SQLAlchemy, or an OS error) is a write the
    storage refused; None for anything else (a bug, a constraint)."""
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, OSError):
        if orig.errno in (28, 122):  # ENOSPC, EDQUOT
            return "full"
        if orig.errno in (30, 13):  # EROFS, EACCES
            return "read-only"
        if orig.errno == 2:  # ENOENT
            return "gone"
        return "io"
    name = getattr(orig, "sqlite_errorname", "") or ""
    for prefix, cause in _STORAGE_CAUSES:
        if name.startswith(prefix):
            return cause
    if isinstance(orig, sqlite3.OperationalError):
        text = str(orig).lower()
        for needle, cause in _STORAGE_TEXTS:
            if needle in text:
                return cause
    return None


_ADVICE = {
    "full": "the disk is full; free some space and try again",
    "read-only": "the library's folder or disk has become read-only",
    "io": "the disk reported an error (is it still connected?)",
    "gone": "the library's files can no longer be reached (was its folder moved, "
    "removed, or its disk unplugged?)",
}


def storage_error(cause: str, what: str, detail: object = "") -> StorageError:
    """The one error every failed write becomes: what could not be saved,
    why, and that nothing of it was."""
    extra = f" ({detail})" if detail else ""
    return StorageError(
        f"{what} could not be saved: {_ADVICE[cause]}{extra}. Nothing of it was written; "
        "everything saved before is kept.",
        cause,
    )


def damaged(path: Path, detail: str) -> DamagedLibraryError:
    detail = " ".join(detail.replace("*** in database main ***", "").split())
    from kzreader.core.backup import list_backups

    backups = list_backups(path.parent / "backups")
    advice = (
        f"restore the latest backup ({backups[0].path.name}, {backups[0].created}) with "
        "`kzreader restore --latest`, which keeps the damaged file aside"
        if backups
        else "there is no backup of it: copy the library folder somewhere safe first"
    )
    return DamagedLibraryError(
        f"the library database {path} is damaged ({detail}); {advice}. Nothing has been changed.",
        path,
        [b.path for b in backups],
    )


def _describe(exc: sqlite3.DatabaseError, path: Path) -> LibraryError:
    if is_damage(exc):
        return damaged(path, str(exc))
    return LibraryError(f"cannot open the library database {path}: {exc}")


def upgrade_schema(
    path: Path, backups_dir: Path, *, read_only: bool = False, immutable: bool = False
) -> list[int]:
    """Create or upgrade the schema of the database at ``path``, after a
    first look for damage (a damaged header, schema or meta table).

    An existing database is copied into ``backups_dir`` (SQLite online
    backup) before any migration step touches it. ``read_only``: check only;
    a library that needs an upgrade cannot be opened read-only. ``immutable``:
    see ``read_only_uri``.
    """
    try:
        if read_only:
            uri = read_only_uri(path, immutable)
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise LibraryError(f"cannot open the library database {path}: {exc}") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        version = migrations.schema_version(conn)
        latest = migrations.latest_version()
        if version > latest:
            raise LibraryError(
                f"{path} was written by a newer kzreader (schema {version}, this one "
                f"knows {latest}); install the newer version to open it"
            )
        if version > 0:
            # A first look at the file: its header, the schema, the meta
            # table. Reading every page (quick_check) would add up to a second
            # to every start; the app does it on a worker once its window is up.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("SELECT key, value FROM meta").fetchall()
        if version == latest:
            return []
        if read_only:
            raise LibraryError(
                f"{path} was made by an earlier kzreader and must be upgraded first, "
                "which needs write access: open it once where it can be written"
            )
        if version > 0:
            backups_dir.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = sqlite3.connect(backups_dir / f"before-schema-{latest}-{stamp}.sqlite")
            with target:
                conn.backup(target)
            target.close()
        return migrations.migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise _describe(exc, path) from exc
    finally:
        conn.close()


def make_engine(path: Path, *, read_only: bool = False, immutable: bool = False) -> Engine:
    if read_only:
        uri = read_only_uri(path, immutable)
        # a pool that lends each connection to one thread at a time: for a
        # "sqlite://" address SQLAlchemy would pick its SingletonThreadPool,
        # which may close a connection another thread is using once more
        # threads than its size have come and gone (the app's workers do)
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=QueuePool,
        )
        event.listen(engine, "connect", _set_read_only_pragmas)
        event.listen(engine, "begin", _begin)
        return engine
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def raw_connection(session: Session) -> sqlite3.Connection:
    """The session's ``sqlite3`` connection, in the session's transaction:
    for reads of many plain rows, which the ORM's row processing would slow
    (100,000 ids: 40 ms here against 110 ms through ``Session.scalars``)."""
    return session.connection().connection.dbapi_connection  # type: ignore[return-value]
