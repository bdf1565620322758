"""Typed errors raised by the core.

The core never prints: it raises these, and the command line or the GUI turns
them into a message for the user. Every message is written so that a person
can act on it.
"""

from __future__ import annotations

from typing import Any

from kzreader.core.messages import Message, message


class KzreaderError(Exception):
    """Base class of every error the core raises on purpose."""


class LibraryError(KzreaderError):
    """The library folder or its database cannot be opened or used."""


class NotFoundError(KzreaderError):
    """An id (document, passage, tag…) that the library does not hold."""


class QueryError(KzreaderError):
    """A search query that cannot be parsed or run."""


class ImportRefused(KzreaderError):
    """A file that cannot be imported; ``reason`` says why, for a person.

    ``ImportRefused(template, **values)``: the reason is
    ``message(template, **values)`` (see ``core.messages``), English text
    that can be written in the interface's language too; a reason already a
    message is kept as it is.
    """

    def __init__(self, reason: str, /, **values: Any) -> None:
        if values or not isinstance(reason, Message):
            reason = message(reason, **values)
        super().__init__(reason)
        self.reason: Message = reason


class ReadOnlyError(KzreaderError):
    """A change asked of a library opened read-only; the message says why it is."""


class DamagedLibraryError(LibraryError):
    """The library's database is damaged. ``backups`` lists the backups that
    could replace it (newest first; see ``core.backup.restore``)."""

    def __init__(self, message: str, db_path: object, backups: list[object]) -> None:
        super().__init__(message)
        self.db_path = db_path
        self.backups = backups


class StorageError(LibraryError):
    """A change could not be written to the library: the disk is full, the
    library became read-only, the disk failed, or the library's folder is
    gone. Nothing of the change was saved. ``cause`` is ``"full"``,
    ``"read-only"``, ``"io"`` or ``"gone"``."""

    def __init__(self, message: str, cause: str) -> None:
        super().__init__(message)
        self.cause = cause


class TargetError(KzreaderError):
    """A file the user asked kzreader to write where it must not (inside a
    library's own folder, over its database)."""
