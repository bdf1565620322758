from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QPalette

from kzreader.core.search import ANSWER_WITHIN_S
from kzreader.gui.context import AppContext
from kzreader.gui.panels.search_panel import SearchPanel


@pytest.fixture
def panel(ctx: AppContext, qtbot) -> SearchPanel:
    widget = SearchPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(380, 600)
    widget.show()
    return widget


@pytest.fixture
def search_calls(ctx: AppContext, monkeypatch) -> list[str]:
    """Every query the library is asked, in order."""
    calls: list[str] = []
    original = ctx.library.search

    def counting(text: str, limit: int = 20, offset: int = 0, *, within=None):
        calls.append(text)
        return original(text, limit, offset, within=within)

    monkeypatch.setattr(ctx.library, "search", counting)
    return calls


def test_the_index_is_read_ahead_as_the_panel_opens(ctx: AppContext, qtbot, monkeypatch) -> None:
    asked: list[int] = []
    monkeypatch.setattr(ctx.library, "warm_index", lambda stop: asked.append(1) or 0)
    qtbot.addWidget(SearchPanel(ctx))
    qtbot.waitUntil(lambda: asked == [1])


def test_a_search_that_stopped_early_says_so_and_offers_every_article(
    ctx: AppContext, panel: SearchPanel, qtbot, monkeypatch
) -> None:
    original = ctx.library.search
    asked: list[float | None] = []

    def large_library(text: str, limit: int = 20, offset: int = 0, *, within=None):
        """As a library too large to rank within the time: the best of what
        the search reached."""
        asked.append(within)
        found = original(text, limit, offset)
        if within is None:
            return found
        return dataclasses.replace(found, hits=found.hits[:1], total=2, complete=False)

    monkeypatch.setattr(ctx.library, "search", large_library)
    with qtbot.waitSignal(panel.searched, timeout=5000):
        qtbot.keyClicks(panel.edit, "Kazakhstan")
    assert asked == [ANSWER_WITHIN_S]
    assert panel.model.rowCount() == 1 and not panel.model.canFetchMore()
    assert panel.status.text() == (
        "The best 1 of the 2 matching articles found in 1 s. "
        "The search stopped there: more articles may match."
    )
    assert panel.search_all.isVisible()

    with qtbot.waitSignal(panel.searched, timeout=5000):
        qtbot.mouseClick(panel.search_all, Qt.MouseButton.LeftButton)
    assert asked[-1] is None
    assert panel.model.rowCount() == 5 and panel.status.text() == "5 articles"
    assert not panel.search_all.isVisible()

    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.search_now()  # the same query again, as when the articles change
    assert asked[-1] is None  # still every article

    panel.edit.clear()
    with qtbot.waitSignal(panel.searched, timeout=5000):
        qtbot.keyClicks(panel.edit, "Tokaiev")
    assert asked[-1] == ANSWER_WITHIN_S  # a new query gets the time again
    assert panel.search_all.isVisible()


def test_typing_finds_the_articles(panel: SearchPanel, qtbot, seed_ids) -> None:
    with qtbot.waitSignal(panel.searched, timeout=5000) as blocker:
        qtbot.keyClicks(panel.edit, "Tokaiev")
    assert blocker.args == [3]
    expected = {seed_ids[n] for n in ("sputnik_zas", "sputnik_contingent", "zas_retrait")}
    assert {h.document_id for h in panel.results()} == expected
    assert panel.status.text() == "3 articles"
    assert panel.view.model().rowCount() == 3

    panel.edit.clear()
    with qtbot.waitSignal(panel.searched, timeout=5000) as blocker:
        qtbot.keyClicks(panel.edit, "securite")
    assert blocker.args == [5]
    assert len({h.document_id for h in panel.results()}) == 5


def test_typing_runs_one_search_after_the_pause(
    panel: SearchPanel, qtbot, search_calls: list[str]
) -> None:
    counted: list[int] = []
    panel.searched.connect(counted.append)
    with qtbot.waitSignal(panel.searched, timeout=5000):
        for key in "securite":  # a quick typist: shorter gaps than the pause
            qtbot.keyClicks(panel.edit, key)
            qtbot.wait(40)
    qtbot.wait(450)
    assert counted == [5]
    assert search_calls == ["securite"]


def test_enter_searches_at_once(
    panel: SearchPanel, qtbot, ctx: AppContext, search_calls: list[str]
) -> None:
    qtbot.keyClicks(panel.edit, "Zas")
    assert search_calls == []  # still waiting for the pause
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    ctx.workers.wait()
    assert search_calls == ["Zas"]
    qtbot.wait(400)
    assert search_calls == ["Zas"]  # Enter cancelled the pending search


def test_stale_results_are_dropped(panel: SearchPanel, qtbot, ctx: AppContext) -> None:
    counted: list[int] = []
    panel.searched.connect(counted.append)
    panel.set_query("Tokaiev", immediate=True)
    panel.set_query("securite", immediate=True)
    ctx.workers.wait()
    qtbot.waitUntil(lambda: counted != [], timeout=5000)
    qtbot.wait(50)
    assert counted == [5]
    assert len(panel.results()) == 5


@pytest.mark.parametrize(("query", "words"), [('"maintien', "quote"), ("date:2022-13", "2022-13")])
def test_a_bad_query_shows_its_message(panel: SearchPanel, qtbot, query, words) -> None:
    panel.set_query("securite", immediate=True)
    qtbot.waitUntil(lambda: len(panel.results()) == 5, timeout=5000)
    with qtbot.waitSignal(panel.query_failed, timeout=5000) as blocker:
        panel.set_query(query)
    assert words in blocker.args[0]
    assert words in panel.status.text()
    assert panel.results() == []
    assert panel.status.property("warning") is True
    normal = panel.palette().color(QPalette.ColorRole.WindowText)
    assert panel.status.palette().color(QPalette.ColorRole.WindowText) != normal
    # and the panel goes on working
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.set_query("Zas", immediate=True)
    assert panel.status.property("warning") is False


def test_clearing_the_box_clears_the_results(panel: SearchPanel, qtbot) -> None:
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.set_query("securite", immediate=True)
    panel.edit.clear()
    assert panel.results() == []
    assert "Type" in panel.status.text()


def test_clicking_a_result_opens_it_at_its_matches(
    panel: SearchPanel, qtbot, ctx: AppContext
) -> None:
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.set_query("Tokaiev", immediate=True)
    hit = panel.results()[1]
    rect = panel.view.visualRect(panel.view.model().index(1, 0))
    with qtbot.waitSignal(ctx.navigator.open_ranges, timeout=2000) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [hit.document_id, hit.matches]
    assert hit.matches  # the reader gets something to mark


def test_keyboard_goes_down_into_the_list_and_enter_opens(
    panel: SearchPanel, qtbot, ctx: AppContext
) -> None:
    with qtbot.waitSignal(panel.searched, timeout=5000):
        qtbot.keyClicks(panel.edit, "securite")
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    panel.edit.setFocus()
    qtbot.keyClick(panel.edit, Qt.Key.Key_Down)
    assert panel.view.currentIndex().row() == 0
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.view.currentIndex().row() == 1
    hit = panel.results()[1]
    with qtbot.waitSignal(ctx.navigator.open_ranges, timeout=2000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args == [hit.document_id, hit.matches]


def test_results_follow_the_library(
    panel: SearchPanel, qtbot, ctx: AppContext, tmp_path: Path
) -> None:
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.set_query("Tokaiev", immediate=True)
    article = tmp_path / "nouveau.txt"
    article.write_text(
        "Un nouvel article\n\nLe président Tokaïev a parlé hier à Astana devant le "
        "parlement réuni en session extraordinaire.\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(panel.searched, timeout=5000) as blocker:
        ctx.library.import_paths([article])
    assert blocker.args == [4]


def test_results_are_painted_with_their_snippet(panel: SearchPanel, qtbot) -> None:
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.set_query("securite", immediate=True)
    delegate = panel.view.itemDelegate()
    index = panel.view.model().index(0, 0)
    height = panel.view.visualRect(index).height()
    assert height >= 3 * panel.fontMetrics().height()  # title, outlet line, snippet
    image = panel.view.viewport().grab().toImage()
    # the snippet's marks are painted on a highlight colour somewhere in the first row
    row = panel.view.visualRect(index)
    marked = {
        image.pixelColor(QPoint(x, y)).name()
        for x in range(row.left(), row.right(), 2)
        for y in range(row.top(), row.bottom(), 2)
    }
    assert "#ffe38a" in marked
    assert delegate is panel.delegate
    panel.changeEvent(QEvent(QEvent.Type.LanguageChange))  # retranslating keeps the state
    assert panel.query() == "securite"


def test_each_snippet_is_laid_out_once_per_width(panel: SearchPanel, qtbot, monkeypatch) -> None:
    from kzreader.gui.panels import search_panel

    laid_out: list[int] = []
    real = search_panel._marked_html
    monkeypatch.setattr(
        search_panel, "_marked_html", lambda hit: laid_out.append(hit.document_id) or real(hit)
    )
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.set_query("securite", immediate=True)
    panel.view.viewport().grab()  # sized, then painted
    shown = {h.document_id for h in panel.results()}
    assert sorted(laid_out) == sorted(shown)  # once each, for its size and its paint
    panel.view.viewport().grab()
    assert len(laid_out) == len(shown)  # painted again: nothing laid out again

    panel.resize(panel.width() + 120, panel.height())  # another width: laid out anew
    qtbot.waitUntil(lambda: len(laid_out) >= 2 * len(shown))
    panel.view.viewport().grab()
    assert len(laid_out) == 2 * len(shown)

    laid_out.clear()
    old_docs = [doc for _, doc, _ in panel.delegate._docs.values()]
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.set_query("Tokaiev", immediate=True)  # new results: the old layouts are dropped
    panel.view.viewport().grab()
    assert sorted(laid_out) == sorted(h.document_id for h in panel.results())
    assert len(panel.delegate._docs) == len(laid_out) <= len(old_docs)
    for hit, doc, _ in panel.delegate._docs.values():  # the old documents, filled anew
        assert any(doc is old for old in old_docs)
        assert doc.toPlainText() == hit.snippet


def test_the_hits_come_a_page_at_a_time_as_the_list_is_scrolled(
    ctx: AppContext, panel: SearchPanel, qtbot, monkeypatch
) -> None:
    from kzreader.gui.panels import search_panel

    monkeypatch.setattr(search_panel, "PAGE", 2)
    pages: list[tuple[str, int, int]] = []
    original = ctx.library.search

    def paging(text: str, limit: int = 20, offset: int = 0, *, within=None):
        pages.append((text, limit, offset))
        assert within == (ANSWER_WITHIN_S if offset == 0 else None)  # every page ranks all
        return original(text, limit, offset, within=within)

    monkeypatch.setattr(ctx.library, "search", paging)
    with qtbot.waitSignal(panel.searched, timeout=5000) as blocker:
        panel.set_query("securite", immediate=True)
    assert blocker.args == [2]  # the first page only
    assert pages[0] == ("securite", 2, 0)

    def scrolled_to_the_end(rows: int) -> Callable[[], bool]:
        def done() -> bool:
            panel.view.scrollToBottom()
            return panel.model.rowCount() == rows

        return done

    qtbot.waitUntil(scrolled_to_the_end(5), timeout=5000)
    assert pages == [("securite", 2, 0), ("securite", 2, 2), ("securite", 2, 4)]
    ranking = [h.document_id for h in original("securite", 100).hits]
    assert [h.document_id for h in panel.results()] == ranking
    assert panel.status.text() == "5 articles"
    assert not panel.model.canFetchMore()

    # the same query again (as when the articles change): as many hits as shown
    with qtbot.waitSignal(panel.searched, timeout=5000) as blocker:
        panel.search_now()
    assert blocker.args == [5]
    assert pages[-1] == ("securite", 5, 0)

    # a new query starts again from its first page
    with qtbot.waitSignal(panel.searched, timeout=5000) as blocker:
        panel.set_query("Tokaiev", immediate=True)
    assert blocker.args == [2]
    assert next(p for p in pages if p[0] == "Tokaiev") == ("Tokaiev", 2, 0)
    qtbot.waitUntil(scrolled_to_the_end(3), timeout=5000)
    assert panel.status.text() == "3 articles"
