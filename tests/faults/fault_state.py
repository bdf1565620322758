"""What a library folder holds, as the fault checks compare it.

Shared by the worker (``fault_worker.py``, run as a script) and the checks:
only the standard library, so that the worker can import it without kzreader.

``digest`` reduces the database to what the user's operations decide (ids,
texts' hashes, passages, tags, links, attributes, the undo history and its
states), leaving out what is drawn afresh on every run (uids, times): two
runs of one scenario give the same digest after each step.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

DB_NAME = "library.sqlite"

ESSENCE = {
    "documents": "id, content_hash, source_path",
    "document_attributes": "document_id, key, value",
    "passages": 'id, document_id, start, "end", exact, status, note, color',
    "passage_tags": "passage_id, tag_id",
    "tags": "id, name, parent_id, color",
    "links": "id, source_id, target_id, relation, note, direction",
    "history": "id, kind, label, state",
}

#: Names of temporary files and folders, the current pattern
#: (``.<name>.kzreader-<random>.tmp``, with SQLite's journals beside it) and
#: the earlier ones (``*.part``, ``*.partial``, ``.kzreader-backup-*``,
#: ``index.new-*``...).
TEMPORARY = (
    "*.tmp",
    "*.tmp-*",
    "*.part",
    "*.partial*",
    ".kzreader-*",
    "*.kzreader-*",
    "index.new-*",
    "index.old-*",
    "*.restoring",
)


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def essence(db: Path) -> dict[str, list[tuple]]:
    conn = _connect(db)
    try:
        return {
            table: sorted(conn.execute(f"SELECT {columns} FROM {table}").fetchall())
            for table, columns in ESSENCE.items()
        }
    finally:
        conn.close()


def digest(db: Path) -> str:
    return hashlib.sha256(repr(essence(db)).encode("utf-8")).hexdigest()[:16]


def integrity_problems(db: Path) -> list[str]:
    """What SQLite itself finds wrong with the database; empty when sound."""
    try:
        conn = sqlite3.connect(db)
        try:
            found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [f"the database cannot be read: {exc}"]
    problems = [] if found == ["ok"] else [f"integrity_check: {'; '.join(found[:5])}"]
    if dangling:
        problems.append(f"foreign_key_check: {len(dangling)} rows, e.g. {dangling[0]}")
    return problems


def count_containing(db: Path, word: str) -> int:
    conn = _connect(db)
    try:
        return conn.execute(
            "SELECT count(*) FROM documents WHERE instr(text, ?) > 0", (word,)
        ).fetchone()[0]
    finally:
        conn.close()


def content_hashes(db: Path) -> dict[int, str]:
    conn = _connect(db)
    try:
        return dict(conn.execute("SELECT id, content_hash FROM documents").fetchall())
    finally:
        conn.close()


def leftovers(*folders: Path) -> list[str]:
    """Temporary files and folders in ``folders`` (not their sub-folders)."""
    found = {
        str(path)
        for folder in folders
        if folder.is_dir()
        for pattern in TEMPORARY
        for path in folder.glob(pattern)
    }
    return sorted(found)
