"""A panel's watch over the library: when an operation changes one of the
tables the panel shows, it reloads — soon (debounced) if it is visible,
else when it is next shown. One piece for every panel that reloads on the
library's changes, instead of a timer, a flag, a change handler and a show
handler in each.

A few options fit the panels that differ:

- ``wanted(changes)``: a further condition on a change (the panel shows an
  article, a tag, a query); a change it turns down leaves the panel as it is.
  A panel reacting to some tables otherwise than to others has one watch per
  reaction, each turning down what another one covers.
- ``delay_ms=0``: the reload is made at once, in the change's handler, for a
  panel whose content is read right after the operation that changed it.
- ``when_visible=False``: the panel reloads on every change even while it is
  hidden, for a panel other parts of the window read whether it is shown or
  not (it is then never behind, and not reloaded when shown).
- ``ready()``: whether the panel may reload now that it is shown (it is not
  busy)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kzreader.core.types import ChangeSet
from kzreader.gui.context import LibraryBridge


def _always(changes: ChangeSet) -> bool:
    return True


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
        wanted: Callable[[ChangeSet], bool] = _always,
        when_visible: bool = True,
    ) -> None:
        super().__init__(panel)
        self.panel = panel
        self.tables = frozenset(tables)
        self.delay_ms = delay_ms
        self.when_visible = when_visible
        self._reload = reload
        self._ready = ready
        self._wanted = wanted
        #: changes arrived that the panel does not show yet (it starts so);
        #: only a watch that waits for its panel to be shown keeps it
        self.dirty = when_visible
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.reload_now)
        bridge.changed.connect(self._changed)
        if when_visible:
            panel.installEventFilter(self)

    def _changed(self, changes: ChangeSet) -> None:
        if not changes.tables & self.tables or not self._wanted(changes):
            return
        if self.when_visible:
            self.dirty = True
            if not self.panel.isVisible():
                return  # reloaded when next shown
        if self.delay_ms > 0:
            self.timer.start()
        else:
            self.reload_now()

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
