"""A panel's watch over the library: when an operation changes one of the
tables the panel shows, it reloads — soon (debounced) if it is visible,
else when it is next shown. One piece for every panel that reloads this way,
instead of a timer, a flag, a change handler and a show handler in each."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kzreader.core.types import ChangeSet
from kzreader.gui.context import LibraryBridge


class Watch(QObject):
    """Calls ``reload`` for ``panel`` when ``tables`` change (see the module)."""

    def __init__(
        self,
        panel: QWidget,
        bridge: LibraryBridge,
        tables: Iterable[str],
        reload: Callable[[], object],
        *,
        delay_ms: int = 300,
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(panel)
        self.panel = panel
        self.tables = frozenset(tables)
        self._reload = reload
        self._ready = ready
        #: changes arrived that the panel does not show yet (it starts so)
        self.dirty = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.reload_now)
        bridge.changed.connect(self._changed)
        panel.installEventFilter(self)

    def _changed(self, changes: ChangeSet) -> None:
        if not changes.tables & self.tables:
            return
        self.dirty = True
        if self.panel.isVisible():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = watched is self.panel and event.type() == QEvent.Type.Show
        if shown and self.dirty and self._ready():
            QTimer.singleShot(0, self.panel, self.reload_now)
        return False

    def reload_now(self) -> None:
        self.timer.stop()
        self._reload()

    def done(self) -> None:
        """The panel has reloaded: nothing is waiting."""
        self.timer.stop()
        self.dirty = False
