"""The panels that read the corpus as a whole — the concordance, the outlet
timeline, the outlet × tag matrix — as docks at the bottom of the window,
where they have the width they need. Hidden until asked for (View menu, or
their shortcuts); the window's layout remembers them once shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from kzreader.gui.panels.kwic_panel import ConcordancePanel
from kzreader.gui.panels.matrix_panel import MatrixPanel
from kzreader.gui.panels.timeline_panel import TimelinePanel

if TYPE_CHECKING:
    from kzreader.gui.main_window import MainWindow


class CorpusDocks(QObject):
    """Makes the corpus docks of ``window`` and wires them to the rest of it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        ctx = window.ctx
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        # the window's whole width: a concordance line needs it
        self.concordance_panel = ConcordancePanel(ctx)
        self.timeline_panel = TimelinePanel(ctx)
        self.matrix_panel = MatrixPanel(ctx)
        self.concordance_dock = window.make_dock(
            "concordanceDock", self.tr("Concordance"), self.concordance_panel, bottom
        )
        self.timeline_dock = window.make_dock(
            "timelineDock", self.tr("Timeline"), self.timeline_panel, bottom
        )
        self.matrix_dock = window.make_dock(
            "matrixDock", self.tr("Outlets × Tags"), self.matrix_panel, bottom
        )
        self.docks = (self.concordance_dock, self.timeline_dock, self.matrix_dock)
        for dock, keys in zip(self.docks, ("Ctrl+Shift+K", "Ctrl+Shift+T", "Ctrl+Shift+M"),
                              strict=True):  # fmt: skip
            dock.toggleViewAction().setShortcut(QKeySequence(keys))
            # narrow enough not to squeeze the library and the side panels
            dock.widget().setMinimumWidth(320)
            dock.hide()
            dock.toggleViewAction().triggered.connect(
                lambda checked, dock=dock: checked and self.show(dock)
            )
        self.timeline_panel.filter_requested.connect(self.show_articles)

    def show_articles(self, ids: list, label: str) -> None:
        """A bar of the timeline chosen: the library list shows its articles."""
        window = self.window
        window.library_dock.show()
        window.library_dock.raise_()
        window.library_panel.show_only([int(i) for i in ids], label)

    def show(self, dock: QDockWidget) -> None:
        """Show one of the docks: in a tab beside another one shown, else alone
        (hidden docks are never tabbed: Qt would keep their tabs on screen)."""
        shown = [d for d in self.docks if d is not dock and d.isVisible() and not d.isFloating()]
        if shown and dock not in self.window.tabifiedDockWidgets(shown[0]):
            self.window.tabifyDockWidget(shown[0], dock)
        dock.show()
        dock.raise_()
