"""What every widget of the app shares: the library, its change signal, the
workers, the settings, and navigation requests."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QSettings, Signal

from kzreader.core.library import Library
from kzreader.core.types import ChangeSet
from kzreader.gui.operations import Operations
from kzreader.gui.workers import Workers


class LibraryBridge(QObject):
    """Re-emits the library's change notifications as a Qt signal, delivered
    on the GUI thread whichever thread made the change."""

    changed = Signal(object)  # ChangeSet

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        library.add_listener(self._relay)

    def _relay(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        """Stop relaying; closing a context twice (the app replaces it when
        it reopens the library) is harmless."""
        with contextlib.suppress(ValueError):
            self._library.remove_listener(self._relay)


class Navigator(QObject):
    """Requests to show something; the main window carries them out."""

    #: open a document (id)
    open_document = Signal(int)
    #: open a document and select, scroll to and flash a passage (document id, passage id)
    open_passage = Signal(int, int)
    #: open a document and mark ranges (document id, [(start, end)], code points)
    open_ranges = Signal(int, object)
    #: the reader now shows this document (0 when none)
    document_shown = Signal(int)
    #: the passage selected in the reader or a panel (0 when none)
    passage_selected = Signal(int)
    #: a tag chosen in the tags panel ("" when none)
    tag_selected = Signal(str)


class AppContext(QObject):
    """The shared state handed to every panel and dialog."""

    def __init__(
        self, library: Library, settings: QSettings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.bridge = LibraryBridge(library, self)
        self.workers = Workers(self)
        #: every edit of the library the app makes
        self.operations = Operations(self)
        self.navigator = Navigator(self)
        #: id of the document the reader shows (0 when none)
        self.current_document = 0
        self.navigator.document_shown.connect(self._set_current)

    def _set_current(self, document_id: int) -> None:
        self.current_document = document_id

    def close(self) -> None:
        self.operations.wait()
        self.workers.close()
        self.bridge.detach()
