"""A panel's watch: reloads soon when it is shown and a watched table
changes, waits while it is hidden, ignores the tables it does not show."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kzreader.core.types import ChangeSet
from kzreader.gui.context import AppContext
from kzreader.gui.panels.watch import Watch


def change(*tables: str) -> ChangeSet:
    return ChangeSet(label="test", tables=frozenset(tables))


def test_a_hidden_panel_reloads_when_shown_a_visible_one_soon(qtbot, ctx: AppContext) -> None:
    panel = QWidget()
    qtbot.addWidget(panel)
    reloads: list[int] = []
    watch = Watch(panel, ctx.bridge, {"passages"}, lambda: (reloads.append(1), watch.done()),
                  delay_ms=20)  # fmt: skip
    watch.done()
    ctx.bridge.changed.emit(change("passages"))
    assert watch.dirty and reloads == []  # hidden: waits
    panel.show()
    qtbot.waitUntil(lambda: reloads == [1])
    ctx.bridge.changed.emit(change("tags"))  # not watched
    ctx.bridge.changed.emit(change("passages"))
    ctx.bridge.changed.emit(change("passages"))  # two in a row: one reload
    qtbot.waitUntil(lambda: reloads == [1, 1])
    qtbot.wait(60)
    assert reloads == [1, 1] and not watch.dirty


def test_a_busy_panel_is_not_reloaded_on_show(qtbot, ctx: AppContext) -> None:
    panel = QWidget()
    qtbot.addWidget(panel)
    busy = [True]
    reloads: list[int] = []
    Watch(panel, ctx.bridge, {"documents"}, lambda: reloads.append(1), ready=lambda: not busy[0])
    panel.show()
    qtbot.wait(30)
    assert reloads == []
    panel.hide()
    busy[0] = False
    panel.show()
    qtbot.waitUntil(lambda: reloads == [1])
