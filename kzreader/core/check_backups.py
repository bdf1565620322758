"""The library's backups as the check reads them: for a schema, a row or a
text that can be trusted, newest first (see ``core.check``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzreader.core import integrity
from kzreader.core.backup import BACKUPS_DIR, BackupInfo, list_backups
from kzreader.core.db import read_only_uri

if TYPE_CHECKING:
    from kzreader.core.library import Library


class _Backups:
    """The library's backups, newest first, each opened read-only (texts as
    stored bytes) when first needed."""

    def __init__(self, lib: Library) -> None:
        self.infos = list_backups(lib.path / BACKUPS_DIR)
        self._conns: dict[Path, sqlite3.Connection | None] = {}

    def __enter__(self) -> _Backups:
        return self

    def __exit__(self, *exc: object) -> None:
        for conn in self._conns.values():
            if conn is not None:
                conn.close()
        self._conns.clear()

    def _open(self, info: BackupInfo) -> sqlite3.Connection | None:
        if info.path not in self._conns:
            conn: sqlite3.Connection | None = None
            try:
                conn = sqlite3.connect(read_only_uri(info.path), uri=True)
                conn.text_factory = integrity.stored_text
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error:
                if conn is not None:
                    conn.close()
                conn = None
            self._conns[info.path] = conn
        return self._conns[info.path]

    def each(self) -> Iterator[tuple[BackupInfo, sqlite3.Connection]]:
        for info in self.infos:
            conn = self._open(info)
            if conn is not None:
                yield info, conn

    def text(self, doc_id: int, digest: str) -> tuple[BackupInfo, str] | None:
        """The newest backup whose copy of the document hashes to ``digest``."""
        for info, conn in self.each():
            try:
                row = conn.execute(
                    f"SELECT {integrity.TEXT_BYTES} FROM documents WHERE id = ?", (doc_id,)
                ).fetchone()
            except sqlite3.Error:
                continue
            if row is not None and row[0] is not None and integrity.text_hash(row[0]) == digest:
                try:
                    return info, bytes(row[0]).decode("utf-8")
                except UnicodeDecodeError:
                    continue
        return None

    def row(
        self, table: str, damaged: dict[str, Any]
    ) -> tuple[BackupInfo, str, dict[str, Any]] | None:
        """``(backup, kind, copy)`` of the best copy of a damaged row: the
        newest that is exact (or shows only the checksum damaged), else the
        newest earlier version of it (see ``integrity.compare_copy``)."""
        earlier = None
        for info, conn in self.each():
            try:
                copy = integrity.read_row(conn, table, damaged["id"])
            except sqlite3.Error:
                continue
            if copy is None:
                continue
            kind = integrity.compare_copy(table, damaged, copy)
            if kind in (integrity.EXACT, integrity.SAME):
                return info, kind, copy
            if kind == integrity.EARLIER and earlier is None and copy["uid"] == damaged["uid"]:
                earlier = (info, kind, copy)
        return earlier


def _backup_advice(info: BackupInfo, what: str) -> str:
    return (
        f"the backup {info.path.name} holds {what}: restore it with `kzreader restore "
        f"{info.path}` (it keeps the damaged file aside; what was changed since "
        f"{info.created} is lost with it)"
    )
