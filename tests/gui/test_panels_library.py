from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kzreader.core.types import DocumentInfo
from kzreader.gui.context import AppContext
from kzreader.gui.panels.library_panel import (
    DATE,
    LANGUAGE,
    OUTLET,
    PASSAGES,
    TITLE,
    DocumentFilter,
    LibraryPanel,
)

ENGLISH = """Peacekeepers leave Kazakhstan as the mission ends

The troops of the Collective Security Treaty Organization began to leave the country
on Thursday, after the president said that order had been restored in the cities.
The withdrawal should be complete within ten days, according to the defence ministry,
and the soldiers will return to their bases in Russia, Belarus and Armenia.
"""


@pytest.fixture
def panel(coded: AppContext, qtbot) -> LibraryPanel:
    widget = LibraryPanel(coded)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    qtbot.waitUntil(lambda: not widget.loading)  # the list loads on a worker
    return widget


def settle(panel: LibraryPanel, qtbot) -> None:
    """Wait for the panel's background loads (it reloads on every change)."""
    panel.ctx.workers.wait()
    qtbot.waitUntil(lambda: not panel.loading and not panel._counts.pending)


def row_of(panel: LibraryPanel, doc_id: int) -> int:
    return panel.visible_document_ids().index(doc_id)


def cell(panel: LibraryPanel, doc_id: int, column: int) -> str:
    return panel.proxy.index(row_of(panel, doc_id), column).data()


def test_lists_the_seeds_with_outlet_date_and_passage_count(panel, seed_ids):
    assert sorted(panel.visible_document_ids()) == sorted(seed_ids.values())
    assert cell(panel, seed_ids["sputnik_zas"], OUTLET) == "Sputnik"
    assert cell(panel, seed_ids["sputnik_zas"], DATE) == "2022-01-06"
    assert cell(panel, seed_ids["rt_zas"], OUTLET) == "RT"
    assert cell(panel, seed_ids["rt_zas"], PASSAGES) == "1"
    assert cell(panel, seed_ids["blinken"], PASSAGES) == "1"
    assert cell(panel, seed_ids["zas_retrait"], PASSAGES) == ""
    assert panel.status.text() == "5 articles"
    assert panel.view.accessibleName()


def test_sorts_dates_chronologically_with_empty_dates_last(panel, seed_ids):
    # 2022-01-06 < 2022-01-06T11:54 < 2022-01-13; RT's and Blinken's are undated
    dated = [seed_ids["sputnik_zas"], seed_ids["sputnik_contingent"], seed_ids["zas_retrait"]]
    panel.view.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    assert panel.visible_document_ids()[:3] == dated
    panel.view.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
    assert panel.visible_document_ids()[:3] == dated[::-1]


def test_sorts_passage_counts_numerically(panel, coded, seed_ids, qtbot):
    doc = seed_ids["zas_retrait"]
    for word in ("Zas", "OTSC", "mission", "paix", "Kazakhstan", "fin", "maintien", "la", "de"):
        coded.library.highlight(doc, quote=word)
    settle(panel, qtbot)
    assert cell(panel, doc, PASSAGES) == "9"
    panel.view.sortByColumn(PASSAGES, Qt.SortOrder.DescendingOrder)
    assert panel.visible_document_ids()[0] == doc  # 9 > 2 > 1 as numbers, not text
    panel.view.sortByColumn(PASSAGES, Qt.SortOrder.AscendingOrder)
    assert panel.visible_document_ids()[-1] == doc


def test_filter_box_matches_title_and_outlet_ignoring_accents(panel, seed_ids):
    panel.filter_edit.setText("etats-unis")
    assert panel.visible_document_ids() == [seed_ids["blinken"]]
    panel.filter_edit.setText("sputnik")
    assert sorted(panel.visible_document_ids()) == sorted(
        [seed_ids["sputnik_zas"], seed_ids["sputnik_contingent"]]
    )
    assert panel.status.text() == "2 of 5 articles"
    panel.filter_edit.clear()
    assert len(panel.visible_document_ids()) == 5


def test_outlet_and_language_combos_narrow_the_rows(panel, coded, seed_ids, tmp_path: Path, qtbot):
    panel.outlet_combo.setCurrentIndex(panel.outlet_combo.findData("RT"))
    assert panel.visible_document_ids() == [seed_ids["rt_zas"]]
    panel.outlet_combo.setCurrentIndex(0)
    english = tmp_path / "english.txt"
    english.write_text(ENGLISH, "utf-8")
    report = coded.library.import_paths([english])
    new_id = report.results[0].document_id
    settle(panel, qtbot)
    assert panel.language_combo.findData("en") > 0  # refreshed on the import
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("en"))
    assert panel.visible_document_ids() == [new_id]
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("fr"))
    assert sorted(panel.visible_document_ids()) == sorted(seed_ids.values())


def test_tag_combo_filters_on_a_worker(panel, qtbot, seed_ids):
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("Acteurs/USA"))
    qtbot.waitUntil(lambda: panel.visible_document_ids() == [seed_ids["blinken"]])
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("Acteurs"))  # with sub-tags
    expected = sorted([seed_ids["sputnik_zas"], seed_ids["rt_zas"], seed_ids["blinken"]])
    qtbot.waitUntil(lambda: sorted(panel.visible_document_ids()) == expected)
    panel.tag_combo.setCurrentIndex(0)
    assert len(panel.visible_document_ids()) == 5


def test_stale_tag_results_are_ignored(panel, qtbot, seed_ids):
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("Acteurs"))
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("Acteurs/USA"))  # supersedes
    qtbot.waitUntil(lambda: not panel._restrict.pending)
    panel.ctx.workers.wait()
    qtbot.wait(20)
    assert panel.visible_document_ids() == [seed_ids["blinken"]]


def test_attribute_combo(panel, coded, qtbot, seed_ids):
    coded.library.set_attribute(seed_ids["rt_zas"], "pays", "Russie")
    settle(panel, qtbot)
    index = panel.attribute_combo.findData("pays\x1fRussie")
    assert panel.attribute_combo.itemText(index) == "pays = Russie"
    panel.attribute_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: panel.visible_document_ids() == [seed_ids["rt_zas"]])


def test_click_and_enter_open_the_document(panel, qtbot, seed_ids):
    panel.show()
    qtbot.waitExposed(panel)
    doc = seed_ids["rt_zas"]
    index = panel.proxy.index(row_of(panel, doc), TITLE)
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(panel.ctx.navigator.open_document) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [doc]
    other = seed_ids["blinken"]
    panel.select_document(other)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.ctx.navigator.open_document) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args == [other]


def test_follows_the_document_shown(panel, coded, seed_ids, qtbot):
    coded.navigator.document_shown.emit(seed_ids["zas_retrait"])
    assert panel.selected_document() == seed_ids["zas_retrait"]
    coded.library.highlight(seed_ids["zas_retrait"], quote="Stanislav Zas")  # refresh
    settle(panel, qtbot)
    assert panel.selected_document() == seed_ids["zas_retrait"]
    assert cell(panel, seed_ids["zas_retrait"], PASSAGES) == "1"


def test_columns_can_be_hidden_and_stay_hidden(panel, coded, qtbot):
    # at first the title has the width: language and passages are hidden
    assert panel.view.isColumnHidden(PASSAGES) and not panel.view.isColumnHidden(OUTLET)
    panel.show_column(PASSAGES, True)
    panel.show_column(OUTLET, False)
    assert panel.view.isColumnHidden(OUTLET)
    again = LibraryPanel(coded)
    qtbot.waitUntil(lambda: not again.loading)
    qtbot.addWidget(again)
    assert again.view.isColumnHidden(OUTLET) and not again.view.isColumnHidden(PASSAGES)


def test_rows_are_filtered_again_only_when_a_filter_changes(coded, qtbot, monkeypatch):
    """A filtering pass looks at every row: a refresh of 100,000 articles
    must not run three of them, and typing on looks only at the rows shown."""
    passes: list[int] = []
    compute = DocumentFilter._compute

    def counting(self):  # type: ignore[no-untyped-def]
        compute(self)
        passes.append(len(self._shown))

    monkeypatch.setattr(DocumentFilter, "_compute", counting)
    panel = LibraryPanel(coded)
    qtbot.addWidget(panel)
    settle(panel, qtbot)
    rows = panel.model.rowCount()
    assert rows == 5
    passes.clear()
    panel.refresh()
    settle(panel, qtbot)
    assert passes == [rows]  # the reset's one pass, nothing more
    passes.clear()
    panel.proxy.update(text="", outlet=None, language=None, allowed=None)
    assert passes == []
    panel.filter_edit.setText("Zas")
    assert len(passes) == 1 and panel.status.text().endswith("of 5 articles")


def test_a_large_list_is_filtered_once_the_typing_pauses(coded, qtbot, monkeypatch):
    from kzreader.gui.panels import library_panel

    monkeypatch.setattr(library_panel, "TYPING_ROWS", 2)  # as if 5 articles were many
    panel = LibraryPanel(coded)
    qtbot.addWidget(panel)
    settle(panel, qtbot)
    for typed in ("s", "sp", "spu", "sputnik"):
        panel.filter_edit.setText(typed)
        assert panel.proxy.rowCount() == 5  # typing: nothing filtered yet
    qtbot.waitUntil(lambda: panel.proxy.rowCount() < 5)
    assert panel.proxy.text == "sputnik"
    assert panel.status.text().endswith("of 5 articles")


def test_columns_sorted_by_pieces_keep_the_whole_sorts_order(monkeypatch) -> None:
    """A worker sorts the rows by pieces, then merges them: the same order
    as one sort, ties broken by id, empty values apart."""
    import random

    from kzreader.gui.panels import library_model as lp

    rng = random.Random(7)
    words = ["Zas", "paix", "Élysée", "élections", "", "OTSC", "otsc"]
    rows = [
        lp._row(
            DocumentInfo(
                id=k, uid=f"u{k}", title=rng.choice(words) + rng.choice(words),
                source=rng.choice(words) or None, url=None,
                published=rng.choice(["2022-01-06", "2021-12-31", None]), language="fr",
                length=10, file_name=f"{k}.txt", encoding="utf-8",
                imported_at="2024-01-01", updated_at="2024-01-01",
            ),
            rng.randrange(3),
        )
        for k in rng.sample(range(1, 500), 200)
    ]  # fmt: skip
    whole = {col: lp.column_order(rows, col) for col in range(5)}
    monkeypatch.setattr(lp, "SORT_PIECE", 7)
    for col in range(5):
        calls: list[int] = []
        assert lp.column_order(rows, col, between=partial(calls.append, 1)) == whole[col]
        full, empty = whole[col]
        assert len(calls) >= 2 * (len(full) // 7)  # after each piece sorted and merged
        keys = [next(r.sort[col] for r in rows if r.info.id == i) for i in full]
        assert keys == sorted(keys) and len(full) + len(empty) == len(rows)


def test_the_columns_not_shown_are_sorted_once_the_loads_are_done(panel, qtbot, seed_ids):
    model = panel.model
    qtbot.waitUntil(lambda: panel.ctx.workers.pending() == 0)
    assert set(model._orders) == {TITLE, OUTLET, DATE, LANGUAGE, PASSAGES}
    panel.view.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    titles = [cell(panel, doc_id, TITLE) for doc_id in panel.visible_document_ids()]
    assert titles == sorted(titles, key=str.casefold)


def test_orders_made_for_rows_since_replaced_or_recounted_are_dropped(panel, qtbot):
    model = panel.model
    qtbot.waitUntil(lambda: panel.ctx.workers.pending() == 0)
    made_for, rows, _ = model.orders_to_make()
    stale = {TITLE: ([], [])}
    model._orders.pop(TITLE)
    counts = {r.info.id: int(r.sort[PASSAGES]) + 1 for r in rows}
    model.set_counts(counts)  # the counts changed: orders made before are stale
    model.add_orders(made_for, stale)
    assert TITLE not in model._orders
    made_for, _, missing = model.orders_to_make()
    assert TITLE in missing
    model.add_orders(made_for, {TITLE: ([r.info.id for r in rows], [])})
    assert TITLE in model._orders
    assert model.sort_column == DATE
    model.set_rows(model.make_rows([r.info for r in rows], counts))  # a reload
    assert set(model._orders) == {DATE}
    model.add_orders(made_for, stale)
    assert TITLE not in model._orders


def test_a_header_clicked_before_the_columns_are_sorted_sorts_at_once(panel):
    model = panel.model
    model._orders = {model.sort_column: model._orders[model.sort_column]}  # not sorted yet
    panel.view.sortByColumn(OUTLET, Qt.SortOrder.AscendingOrder)
    outlets = [panel.proxy.index(n, OUTLET).data() for n in range(panel.proxy.rowCount())]
    assert outlets == sorted(outlets, key=lambda o: (o == "", o.casefold()))
    assert OUTLET in model._orders
