"""Helpers shared by the tests."""

from __future__ import annotations

import sqlite3

from kzreader.core.library import Library

#: Tables that describe the library's own bookkeeping, not the user's data.
BOOKKEEPING = {"history", "history_changes", "history_context", "meta"}


def snapshot(lib: Library, bookkeeping: bool = True) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a library before and after;
    without ``bookkeeping``, only the user's data."""
    conn = sqlite3.connect(lib.db_path)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            if bookkeeping or r[0] not in BOOKKEEPING
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def user_data(lib: Library) -> dict[str, list[tuple]]:
    return snapshot(lib, bookkeeping=False)
