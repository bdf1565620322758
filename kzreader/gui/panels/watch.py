"""A panel's watch over the library: when an operation changes one of the
tables the panel shows, it reloads — soon (debounced) if it is in sight,
else when it next comes into sight. A panel in a tab of a dock area that is
not the current tab is out of sight: Qt keeps such a dock "visible" and moves
it out of the window, so the watch asks for a visible region too and follows
the dock's ``visibilityChanged``, which its tab's selection emits. One
piece for every panel that reloads on the library's changes, instead of a
timer, a flag, a change handler and a show handler in each.

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
from PySide6.QtWidgets import QDockWidget, QWidget

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
        #: the dock the panel is in, once it is followed
        self._dock: QDockWidget | None = None
        bridge.changed.connect(self._changed)
        if when_visible:
            panel.installEventFilter(self)

    def in_sight(self) -> bool:
        """Whether the user can see the panel: shown, and not behind another
        tab of its dock area."""
        return self.panel.isVisible() and not self.panel.visibleRegion().isEmpty()

    def _changed(self, changes: ChangeSet) -> None:
        if not changes.tables & self.tables or not self._wanted(changes):
            return
        if self.when_visible:
            self.dirty = True
            if not self.in_sight():
                return  # reloaded when next in sight
        if self.delay_ms > 0:
            self.timer.start()
        else:
            self.reload_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel and event.type() == QEvent.Type.Show:
            self._follow_dock()
            if self.dirty:
                # laid out by then: a tab behind another has no visible region
                QTimer.singleShot(0, self.panel, self._reload_in_sight)
        return False

    def _follow_dock(self) -> None:
        parent = self.panel.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        if parent is self._dock:
            return
        if self._dock is not None:
            self._dock.visibilityChanged.disconnect(self._dock_visibility)
        self._dock = parent
        if parent is not None:
            parent.visibilityChanged.connect(self._dock_visibility)

    def _dock_visibility(self, visible: bool) -> None:
        if visible and self.dirty:
            QTimer.singleShot(0, self.panel, self._reload_shown)

    def _reload_shown(self) -> None:
        # the dock says its tab is current: its region may not be laid out yet
        if self.dirty and self._ready() and self.panel.isVisible():
            self.reload_now()

    def _reload_in_sight(self) -> None:
        if self.dirty and self._ready() and self.in_sight():
            self.reload_now()

    def reload_now(self) -> None:
        self.timer.stop()
        self._reload()

    def done(self) -> None:
        """The panel has reloaded: nothing is waiting."""
        self.timer.stop()
        self.dirty = False
