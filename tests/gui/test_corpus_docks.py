"""The corpus docks in the window: hidden at first, shown from the View menu
(tabbed together under the reader), and a timeline bar that lists its
articles in the library."""

from __future__ import annotations

import pytest

from kzreader.gui.context import AppContext
from kzreader.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1300, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_corpus_docks_start_hidden_and_the_view_menu_shows_them(
    qtbot, window: MainWindow
) -> None:
    corpus = window.corpus
    assert not any(d.isVisible() for d in corpus.docks)
    view_menu = window.menuBar().actions()[4].menu()
    toggles = [d.toggleViewAction() for d in corpus.docks]
    assert all(t in view_menu.actions() for t in toggles)
    assert [t.shortcut().toString() for t in toggles] == [
        "Ctrl+Shift+K", "Ctrl+Shift+T", "Ctrl+Shift+M"
    ]  # fmt: skip
    toggles[1].trigger()  # Timeline
    assert corpus.timeline_dock.isVisible()
    toggles[2].trigger()  # Outlets × Tags, in a tab beside it
    assert corpus.matrix_dock.isVisible()
    assert corpus.matrix_dock in window.tabifiedDockWidgets(corpus.timeline_dock)
    # the window's whole width, under the library, the reader and the panels
    assert corpus.matrix_dock.width() > 0.9 * window.width()
    assert corpus.matrix_dock.geometry().top() >= window.library_dock.geometry().bottom()


def test_a_timeline_bar_lists_its_articles_in_the_library(
    qtbot, window: MainWindow, seed_ids: dict[str, int]
) -> None:
    corpus = window.corpus
    corpus.show(corpus.timeline_dock)
    panel = corpus.timeline_panel
    qtbot.waitUntil(lambda: not panel.is_loading(), timeout=30_000)
    sputnik = [seed_ids["sputnik_zas"], seed_ids["sputnik_contingent"]]
    panel.filter_requested.emit(sputnik, "Sputnik, 2022-01-06")
    library = window.library_panel
    assert window.library_dock.isVisible()
    qtbot.waitUntil(lambda: sorted(library.visible_document_ids()) == sorted(sputnik))
    assert library.only_chip.isVisible() and "Sputnik, 2022-01-06" in library.only_label.text()
    library.only_clear.click()
    qtbot.waitUntil(lambda: len(library.visible_document_ids()) == 5)
