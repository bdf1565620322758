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


def test_a_change_not_wanted_leaves_the_panel_as_it_is(qtbot, ctx: AppContext) -> None:
    panel = QWidget()
    qtbot.addWidget(panel)
    shown = [0]  # the article the panel shows (0: none)
    reloads: list[int] = []
    watch = Watch(panel, ctx.bridge, {"passages"}, lambda: (reloads.append(1), watch.done()),
                  delay_ms=0, wanted=lambda changes: bool(shown[0]))  # fmt: skip
    panel.show()
    qtbot.waitUntil(lambda: reloads == [1])  # its first show
    ctx.bridge.changed.emit(change("passages"))
    assert reloads == [1] and not watch.dirty  # no article: nothing to read again
    shown[0] = 7
    ctx.bridge.changed.emit(change("passages"))
    assert reloads == [1, 1]  # at once, in the change's handler
    panel.hide()
    ctx.bridge.changed.emit(change("passages"))
    assert reloads == [1, 1] and watch.dirty  # hidden: waits, even at once
    panel.show()
    qtbot.waitUntil(lambda: reloads == [1, 1, 1])


def test_a_panel_read_while_hidden_reloads_while_hidden(qtbot, ctx: AppContext) -> None:
    panel = QWidget()
    qtbot.addWidget(panel)
    reloads: list[int] = []
    watch = Watch(panel, ctx.bridge, {"tags"}, lambda: reloads.append(1), delay_ms=0,
                  when_visible=False)  # fmt: skip
    assert not watch.dirty
    ctx.bridge.changed.emit(change("tags"))
    assert reloads == [1]  # hidden, and at once
    ctx.bridge.changed.emit(change("documents"))  # not watched
    panel.show()
    qtbot.wait(30)
    assert reloads == [1]  # never behind: no reload on show
    delayed: list[int] = []
    Watch(panel, ctx.bridge, {"tags"}, lambda: delayed.append(1), delay_ms=20,
          when_visible=False)  # fmt: skip
    panel.hide()
    ctx.bridge.changed.emit(change("tags"))
    ctx.bridge.changed.emit(change("tags"))
    qtbot.waitUntil(lambda: delayed == [1])  # after the pause, hidden, once
    qtbot.wait(40)
    assert delayed == [1] and reloads == [1, 1, 1]


def test_a_panel_behind_another_tab_waits_until_its_tab_is_chosen(qtbot, ctx: AppContext) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QWidget())
    watches: dict[str, Watch] = {}
    docks: list[QDockWidget] = []
    reloads = {"front": 0, "behind": 0}

    def reloader(name: str):  # type: ignore[no-untyped-def]
        def reload() -> None:
            reloads[name] += 1
            watches[name].done()

        return reload

    for name in ("behind", "front"):
        panel = QWidget()
        panel.setMinimumSize(120, 120)
        dock = QDockWidget(name, window)
        dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        watches[name] = Watch(panel, ctx.bridge, {"passages"}, reloader(name), delay_ms=0)
        docks.append(dock)
    window.tabifyDockWidget(docks[0], docks[1])
    docks[1].raise_()
    window.resize(600, 400)
    window.show()
    qtbot.waitUntil(lambda: reloads["front"] == 1)  # its first sight
    behind, front = watches["behind"], watches["front"]
    assert docks[0].isVisible() and not behind.in_sight()  # Qt calls it visible
    qtbot.wait(30)
    assert reloads == {"front": 1, "behind": 0} and behind.dirty
    ctx.bridge.changed.emit(change("passages"))
    assert reloads == {"front": 2, "behind": 0}  # the tab behind stays as it is
    docks[0].raise_()  # its tab chosen
    qtbot.waitUntil(lambda: reloads["behind"] == 1)
    assert behind.in_sight() and not front.in_sight() and not behind.dirty
    ctx.bridge.changed.emit(change("passages"))
    assert reloads == {"front": 2, "behind": 2} and front.dirty
