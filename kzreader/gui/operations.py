"""Every change the app makes to the library runs here: off the GUI thread,
one at a time in the order asked, its refusal shown the same way wherever
it was asked for.

``Operations.run(fn, parent=widget, on_done=...)`` runs ``fn`` (a call of
the ``Library`` façade) on a thread of its own. The library's change notice
is emitted when the change is committed; the ``LibraryBridge`` delivers it on
the GUI thread, queued, so every panel hears it after the edit has returned
and before ``on_done`` gets the edit's result. Nothing the GUI shows is read
inside the edit: the panels and the reader reload from their own workers.

While an edit is under way ``busy()`` is true and ``busy_changed`` says so:
the window greys the annotating commands meanwhile, so that a key pressed
twice does not highlight the same text twice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from kzreader.core.errors import KzreaderError
from kzreader.gui.workers import Job, Workers


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "") -> None:
    """A refusal or failure of the library, in a message box."""
    QMessageBox.warning(parent, title or "kzreader", str(error))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes-or-no question."""
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A message to read before going on."""
    QMessageBox.information(parent, title or "kzreader", text)


class Operations(QObject):
    """The app's edits of the library, run in order off the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = Workers(self, threads=1)
        self._running = 0

    def busy(self) -> bool:
        """An edit has been asked for whose result has not been handed back."""
        return self._running > 0

    def run(
        self,
        fn: Callable[[], Any],
        *,
        parent: QWidget | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Job:
        """Run the edit ``fn``; ``on_done(result)`` after it, on the GUI
        thread. A failure goes to ``on_error`` when given, else a refusal
        (``KzreaderError``) to a message box over ``parent``; any other
        failure goes to the app's handler of unexpected errors too, as if it
        had been raised on the GUI thread."""
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)

        def finish() -> None:
            self._running -= 1
            if self._running == 0:
                self.busy_changed.emit(False)

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            finish()
            if not isinstance(exc, KzreaderError):
                sys.excepthook(type(exc), exc, exc.__traceback__)
            if on_error is not None:
                on_error(exc)
            elif isinstance(exc, KzreaderError):
                show_error(parent if parent is not None and isValid(parent) else None, exc)

        return self._workers.run(fn, on_done=done, on_error=failed)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the edits under way to be done (closing the window)."""
        return self._workers.wait(msecs)
