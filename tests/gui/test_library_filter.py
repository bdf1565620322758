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


def brute_force(proxy: DocumentFilter) -> list[str]:
    """The titles the filters as they are select, row by row."""
    from kzreader.core.textfold import fold

    words = fold(proxy.text).split()
    rows = proxy.sourceModel().rows  # type: ignore[attr-defined]
    return [
        r.info.title
        for r in rows
        if all(w in r.haystack for w in words)
        and (proxy.outlet is None or (r.info.source or "") == proxy.outlet)
        and (proxy.language is None or (r.info.language or "") == proxy.language)
        and (proxy.allowed is None or r.info.id in proxy.allowed)
        and (proxy.only is None or r.info.id in proxy.only)
    ]


def test_typing_on_tests_only_the_rows_left_and_erasing_tests_none(
    view: QTableView, monkeypatch
) -> None:
    from kzreader.gui.panels import library_filter

    proxy: DocumentFilter = view.model()  # type: ignore[assignment]
    tested: list[int] = []
    real = library_filter._holding

    def counting(word, texts):  # type: ignore[no-untyped-def]
        texts = list(texts)
        tested.append(len(texts))
        return real(word, texts)

    monkeypatch.setattr(library_filter, "_holding", counting)
    proxy.update(text="k")
    assert tested == [5]  # every row
    shown_k = proxy.rowCount()
    proxy.update(text="ka")
    assert tested[-1] == shown_k < 5  # only the rows holding "k"
    proxy.update(text="kaz troupes")  # both words narrow "ka"
    assert shown_titles(proxy) == ["Kazakhstan: retrait des troupes"] == brute_force(proxy)
    before = len(tested)
    for text in ("ka", "k", ""):  # erased letter by letter: the rows are kept
        proxy.update(text=text)
        assert shown_titles(proxy) == brute_force(proxy), text
    assert len(tested) == before
    proxy.update(text="almaty")  # another text: from every row again
    assert tested[-1] == 5 and shown_titles(proxy) == ["Almaty sous couvre-feu"]


def test_rows_kept_for_a_text_are_dropped_with_the_other_filters_or_rows(
    view: QTableView,
) -> None:
    proxy: DocumentFilter = view.model()  # type: ignore[assignment]
    model: DocumentTableModel = proxy.sourceModel()  # type: ignore[assignment]
    proxy.update(text="kazakhstan", outlet="RT")
    assert shown_titles(proxy) == ["Kazakhstan: retrait des troupes"]
    proxy.update(outlet=None)  # the same text, another outlet: not the rows kept
    assert len(shown_titles(proxy)) == 3 == len(brute_force(proxy))
    view.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)  # the rows move
    proxy.update(text="kazakhstan troupes")
    proxy.update(text="kazakhstan")
    assert shown_titles(proxy) == brute_force(proxy)
    model.set_documents(  # new rows
        [info(7, "Kazakhstan: élection", "RT", "2022-03-01", "fr")], {}
    )
    proxy.update(text="kazakhstan troupes")
    assert shown_titles(proxy) == []
    proxy.update(text="kazakhstan")
    assert shown_titles(proxy) == ["Kazakhstan: élection"]


def test_any_sequence_of_filters_shows_what_they_select(view: QTableView) -> None:
    import random

    proxy: DocumentFilter = view.model()  # type: ignore[assignment]
    rng = random.Random(7)
    texts = ["", "k", "ka", "kaz", "kazakhstan", "a", "al", "tr", "troupes ka", "ka tr", "t", "то"]
    for step in range(300):
        change: dict[str, object] = {"text": rng.choice(texts)}
        if step % 7 == 0:
            change["outlet"] = rng.choice([None, "RT", "Sputnik"])
        if step % 11 == 0:
            change["allowed"] = rng.choice([None, {1, 2, 3}, {2, 4, 5}])
        if step % 13 == 0:
            change["language"] = rng.choice([None, "fr", "ru"])
        proxy.update(**change)
        assert shown_titles(proxy) == brute_force(proxy), (step, change)
        if step % 50 == 49:
            view.sortByColumn(rng.choice([TITLE, DATE]), Qt.SortOrder.AscendingOrder)
            assert shown_titles(proxy) == brute_force(proxy)
