"""Helpers shared by the tests."""

from __future__ import annotations

import sqlite3

from kzreader.core.library import Library


def snapshot(lib: Library) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a library before and after."""
    conn = sqlite3.connect(lib.db_path)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()
