"""The library list's filter (``gui.panels.library_filter``): the rows shown
for each filter, typing on, and the view's selection following its row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from kzreader.core.types import DocumentInfo
from kzreader.gui.panels.library_filter import DocumentFilter
from kzreader.gui.panels.library_model import DATE, ID_ROLE, TITLE, DocumentTableModel

TITLES = [
    ("Le Kazakhstan et l'OTSC", "Sputnik", "2022-01-06", "fr"),
    ("Kazakhstan: retrait des troupes", "RT", "2022-01-13", "fr"),
    ("Almaty sous couvre-feu", "RT", "2022-01-07", "fr"),
    ("Blinken on Kazakhstan", "Reuters", "2022-01-09", "en"),
    ("Токаев и ОДКБ", "ТАСС", None, "ru"),
]


def info(n: int, title: str, source: str | None, published: str | None, lang: str):
    return DocumentInfo(
        id=n, uid=f"u{n}", title=title, source=source, url=None, published=published,
        language=lang, length=100, file_name=None, encoding="utf-8",
        imported_at="", updated_at="",
    )  # fmt: skip


@pytest.fixture
def view(qtbot) -> QTableView:
    model = DocumentTableModel()
    model.set_documents([info(n + 1, *t) for n, t in enumerate(TITLES)], {})
    proxy = DocumentFilter()
    proxy.setSourceModel(model)
    table = QTableView()
    table.setModel(proxy)
    qtbot.addWidget(table)
    return table


def shown_titles(proxy: DocumentFilter) -> list[str]:
    return [proxy.index(r, TITLE).data() for r in range(proxy.rowCount())]


def test_each_filter_shows_its_rows_in_the_models_order(view: QTableView) -> None:
    proxy: DocumentFilter = view.model()  # type: ignore[assignment]
    assert proxy.rowCount() == 5 and proxy.columnCount() == 5
    assert shown_titles(proxy)[0] == "Le Kazakhstan et l'OTSC"  # by date; undated last
    assert shown_titles(proxy)[-1] == "Токаев и ОДКБ"
    proxy.update(text="kazakhstan")
    assert len(shown_titles(proxy)) == 3
    proxy.update(outlet="RT")
    assert shown_titles(proxy) == ["Kazakhstan: retrait des troupes"]
    proxy.update(text="", outlet=None, language="ru")
    assert shown_titles(proxy) == ["Токаев и ОДКБ"]
    proxy.update(language=None, allowed={3, 4}, only=None)
    assert shown_titles(proxy) == ["Almaty sous couvre-feu", "Blinken on Kazakhstan"]
    proxy.update(allowed=None, only={1})
    assert shown_titles(proxy) == ["Le Kazakhstan et l'OTSC"]
    proxy.update(only=None, text="токаев")  # folded like the rows
    assert shown_titles(proxy) == ["Токаев и ОДКБ"]
    proxy.update(text="tass 2022")  # every word, in any of title, outlet, date
    assert shown_titles(proxy) == []


def test_typed_words_are_looked_for_in_every_row(view: QTableView) -> None:
    proxy: DocumentFilter = view.model()  # type: ignore[assignment]
    rows = proxy.sourceModel().rows  # type: ignore[attr-defined]
    for word in ("kazakhstan", "rt", "2022-01-0", "a", "zz", "токаев", "l'otsc"):
        proxy.update(text=word)
        expected = [r.info.title for r in rows if word in r.haystack]
        assert shown_titles(proxy) == expected, word
    proxy.update(text="troupes kaz")  # the longest word searched, the others checked
    assert shown_titles(proxy) == ["Kazakhstan: retrait des troupes"]
    proxy.update(text="kaz troupes")
    assert shown_titles(proxy) == ["Kazakhstan: retrait des troupes"]


def test_the_selection_follows_its_row_through_filters_and_sorting(view: QTableView) -> None:
    proxy: DocumentFilter = view.model()  # type: ignore[assignment]
    selection = view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    blinken = next(r for r in range(5) if proxy.index(r, TITLE).data() == "Blinken on Kazakhstan")
    selection.setCurrentIndex(proxy.index(blinken, TITLE), flags)
    proxy.update(text="kazakhstan")
    assert view.currentIndex().data(ID_ROLE) == 4
    view.sortByColumn(TITLE, Qt.SortOrder.DescendingOrder)
    assert shown_titles(proxy) == [
        "Le Kazakhstan et l'OTSC",
        "Kazakhstan: retrait des troupes",
        "Blinken on Kazakhstan",
    ]
    assert view.currentIndex().data(ID_ROLE) == 4 and view.currentIndex().row() == 2
    proxy.update(text="almaty")  # the selected row hidden: nothing is selected
    assert not view.currentIndex().isValid()
    view.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    assert shown_titles(proxy) == ["Almaty sous couvre-feu"]


def test_a_change_of_the_models_data_reaches_the_view(view: QTableView, qtbot) -> None:
    proxy: DocumentFilter = view.model()  # type: ignore[assignment]
    model: DocumentTableModel = proxy.sourceModel()  # type: ignore[assignment]
    with qtbot.waitSignal(proxy.dataChanged):
        model.set_counts({1: 3})
    row = next(r for r in range(5) if proxy.index(r, 0).data(ID_ROLE) == 1)
    assert proxy.index(row, 4).data() == "3"
    model.set_documents([info(9, "Nouveau", "RT", "2023-01-01", "fr")], {})
    assert shown_titles(proxy) == ["Nouveau"]


def test_sorting_reorders_from_each_columns_order_and_follows_new_counts(
    view: QTableView,
) -> None:
    from kzreader.gui.panels.library_model import PASSAGES

    proxy: DocumentFilter = view.model()  # type: ignore[assignment]
    model: DocumentTableModel = proxy.sourceModel()  # type: ignore[assignment]

    def ids() -> list[int]:
        return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]

    assert ids() == [1, 3, 4, 2, 5]  # by date, the undated last
    view.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
    assert ids() == [2, 4, 3, 1, 5]  # the undated last either way
    view.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    assert ids() == [3, 4, 2, 1, 5]  # folded: "Almaty", "Blinken", "Kazakhstan", "Le…", "Токаев"
    model.set_counts({5: 2, 2: 7})
    view.sortByColumn(PASSAGES, Qt.SortOrder.DescendingOrder)
    assert ids() == [2, 5, 4, 3, 1]  # counts first, ties by id
    model.set_counts({5: 9, 2: 7})  # a new count re-sorts the column sorted on
    assert ids() == [5, 2, 4, 3, 1]
    assert proxy.index(0, PASSAGES).data() == "9"
