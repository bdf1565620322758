"""Opening a library's SQLite database: pragmas, migrations, sessions."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from kzreader.core import migrations
from kzreader.core.errors import LibraryError

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


def _begin(conn) -> None:  # type: ignore[no-untyped-def]
    conn.exec_driver_sql("BEGIN")


def _describe(exc: sqlite3.DatabaseError, path: Path) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a readable kzreader library database ({text})"
    return f"cannot open the library database {path}: {text}"


def upgrade_schema(path: Path, backups_dir: Path) -> list[int]:
    """Create or upgrade the schema of the database at ``path``.

    An existing database is copied into ``backups_dir`` (SQLite online
    backup) before any migration step touches it.
    """
    try:
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
        if version == latest:
            return []
        if version > 0:
            backups_dir.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = sqlite3.connect(backups_dir / f"before-schema-{latest}-{stamp}.sqlite")
            with target:
                conn.backup(target)
            target.close()
        return migrations.migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise LibraryError(_describe(exc, path)) from exc
    finally:
        conn.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
