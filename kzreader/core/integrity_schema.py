"""The shape of a library's database, checked: its schema (tables, indexes,
triggers) against the one the migrations make — a damaged trigger would log
wrong undo images — and the undo history's images against their tables'
columns and checksums (undoing a damaged image would write it back).

Reading is done on a plain ``sqlite3`` connection with
``integrity.stored_values``, as for the rows' checksums (``integrity``).
"""

from __future__ import annotations

import functools
import sqlite3
from typing import Any

from kzreader.core import migrations
from kzreader.core.integrity import decoded, image_sound, stored_values
from kzreader.core.migrations import HISTORY_COLUMNS

# -- the undo history ---------------------------------------------------------------


def unsound_history(conn: sqlite3.Connection) -> list[int]:
    """Ids of the undo history's operations whose logged changes are
    damaged: an unknown table or kind of change, an image that is not the
    JSON object of a row, one whose checksum does not match (tables with
    checksums), a passage's image with a status it cannot have. Undoing or
    redoing them would write damaged rows, or fail half-way. ``conn`` as
    from :func:`stored_values`."""
    found: set[int] = set()
    rows = conn.execute("SELECT op_id, tbl, kind, old, new FROM history_changes ORDER BY id")
    for op_id, table, kind, old, new in rows:
        name = decoded(table)
        columns = HISTORY_COLUMNS.get(name)
        kind = decoded(kind)
        if columns is None or kind not in ("insert", "update", "delete"):
            found.add(int(op_id))
            continue
        images = {"insert": (new,), "update": (old, new), "delete": (old,)}[kind]
        empty = {"insert": old, "update": None, "delete": new}[kind]
        if empty is not None or not all(image_sound(name, i, columns) for i in images):
            found.add(int(op_id))
    return sorted(found)


# -- the schema ---------------------------------------------------------------------


def _normal_sql(sql: Any) -> str | None:
    if sql is None:
        return None
    return " ".join(str(decoded(sql)).split())


def schema_of(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str | None]]:
    """``{name: (type, table, SQL)}`` of the tables, indexes and triggers
    (SQLite's own objects left out; white space in the SQL made single)."""
    with stored_values(conn):
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {
        str(decoded(name)): (str(decoded(kind)), str(decoded(table)), _normal_sql(sql))
        for kind, name, table, sql in rows
        if not str(decoded(name)).startswith("sqlite_")
    }


@functools.lru_cache(maxsize=8)
def _expected(
    steps: tuple[Any, ...], version: int | None
) -> dict[str, tuple[str, str, str | None]]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrations.migrate(conn, target=version)
        return schema_of(conn)
    finally:
        conn.close()


def expected_schema(version: int | None = None) -> dict[str, tuple[str, str, str | None]]:
    """The schema the migrations make, up to ``version`` (the latest by
    default), computed once, in memory."""
    return _expected(tuple(migrations.MIGRATIONS), version)


def schema_differences(conn: sqlite3.Connection, version: int | None = None) -> list[str]:
    """Names of the tables, indexes and triggers that are missing from the
    database or differ from what the migrations make (up to ``version``).
    Objects the database has besides (an index a person added) are not
    damage and are left out."""
    actual = schema_of(conn)
    return sorted(
        name for name, shape in expected_schema(version).items() if actual.get(name) != shape
    )
