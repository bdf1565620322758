"""The coding matrix over the coded sample articles: Acteurs/OTSC in the
Sputnik and RT articles, Acteurs/USA in Blinken's (no outlet)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from kzreader.core.errors import KzreaderError
from kzreader.gui.context import AppContext
from kzreader.gui.panels.matrix_panel import TAGS, MatrixPanel, text_on


@pytest.fixture
def panel(qtbot, coded: AppContext) -> MatrixPanel:
    widget = MatrixPanel(coded)
    qtbot.addWidget(widget)
    widget.resize(640, 560)
    with qtbot.waitSignal(widget.loaded, timeout=30_000):
        widget.show()
    return widget


def values(panel: MatrixPanel) -> list[list[int]]:
    m = panel.model
    return [[m.value(r, c) for c in range(m.columnCount())] for r in range(m.rowCount())]


def header(panel: MatrixPanel, orientation: Qt.Orientation) -> list[str]:
    m = panel.model
    count = m.columnCount() if orientation == Qt.Orientation.Horizontal else m.rowCount()
    return [m.headerData(i, orientation, Qt.ItemDataRole.DisplayRole) for i in range(count)]


def click(qtbot, panel: MatrixPanel, row: int, column: int) -> None:
    index = panel.model.index(row, column)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_crosstab_with_its_totals(panel: MatrixPanel) -> None:
    assert header(panel, Qt.Orientation.Horizontal) == ["RT", "Sputnik", "unknown outlet", "Total"]
    assert header(panel, Qt.Orientation.Vertical) == [
        "Acteurs",
        "Acteurs/OTSC",
        "Acteurs/USA",
        "Total",
    ]
    assert values(panel) == [[1, 1, 1, 3], [1, 1, 0, 2], [0, 0, 1, 1], [1, 1, 1, 3]]
    m = panel.model
    assert m.index(1, 2).data() == "" and m.index(1, 3).data() == "2"
    assert m.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "Acteurs/OTSC in RT: 1 passage"
    assert "2 tags" not in panel.status.text() and "3 tags × 3 outlets" in panel.status.text()


def test_cells_are_shaded_by_value_with_readable_text(panel: MatrixPanel) -> None:
    pal = QGuiApplication.palette()
    m = panel.model
    full = m.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    empty = m.index(1, 2).data(Qt.ItemDataRole.BackgroundRole)
    total = m.index(0, 3).data(Qt.ItemDataRole.BackgroundRole)
    assert full == pal.color(QPalette.ColorRole.Highlight)  # the peak: the deepest colour
    assert empty == pal.color(QPalette.ColorRole.Base)
    assert total == pal.color(QPalette.ColorRole.AlternateBase)
    assert m.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == text_on(full)
    assert text_on(full).name() == "#ffffff" and text_on(empty).name() == "#1f2328"
    assert m.index(3, 3).data(Qt.ItemDataRole.FontRole).bold()


def test_clicking_a_cell_lists_its_passages(qtbot, panel: MatrixPanel, seed_ids) -> None:
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000) as listed:
        click(qtbot, panel, 1, 1)  # Acteurs/OTSC in Sputnik
    assert listed.args == [1]
    (p,) = panel.passages
    assert p.exact == "Stanislav Zas" and p.document_id == seed_ids["sputnik_zas"]
    assert panel.list.topLevelItemCount() == 1
    assert panel.list_header.text().startswith("Acteurs/OTSC in Sputnik: 1 passage")
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000):
        click(qtbot, panel, 0, 2)  # Acteurs, no outlet
    assert [q.exact for q in panel.passages] == ["Antony Blinken"]
    assert panel.list_header.text().startswith("Acteurs in unknown outlet")
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000):
        click(qtbot, panel, 0, 3)  # a tag's total
    assert len(panel.passages) == 3 and "all outlets" in panel.list_header.text()
    with qtbot.assertNotEmitted(panel.passages_listed, wait=200):
        click(qtbot, panel, 3, 0)  # the totals row: nothing to list
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000) as listed:
        click(qtbot, panel, 2, 1)
    assert listed.args == [0] and "no passage" in panel.list_header.text()


def test_a_large_cell_lists_its_first_passages_and_counts_all(
    qtbot, panel: MatrixPanel, monkeypatch
) -> None:
    from kzreader.gui.panels import matrix_panel

    monkeypatch.setattr(matrix_panel, "CELL_SHOWN", 2)
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000) as listed:
        click(qtbot, panel, 0, 3)  # Acteurs in all outlets: 3 passages
    assert listed.args == [3] and len(panel.passages) == 3
    assert panel.list.topLevelItemCount() == 2
    assert panel.list_header.text().startswith("Acteurs in all outlets: the first 2 of 3 passages")


def test_double_clicking_a_passage_opens_it(qtbot, panel: MatrixPanel, seed_ids) -> None:
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000):
        click(qtbot, panel, 1, 0)  # Acteurs/OTSC in RT
    item = panel.list.topLevelItem(0)
    rect = panel.list.visualItemRect(item)
    opened = panel.ctx.navigator.open_passage
    with qtbot.assertNotEmitted(opened, wait=100):
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(opened, timeout=5000) as asked:  # a press, then the double click
        qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked.args == [seed_ids["rt_zas"], panel.passages[0].id]
    with qtbot.waitSignal(opened, timeout=5000) as asked:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert asked.args == [seed_ids["rt_zas"], panel.passages[0].id]


def test_csv_of_the_crosstab(panel: MatrixPanel, tmp_path: Path) -> None:
    out = panel.write_csv(tmp_path / "table.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [
        ["Tag", "RT", "Sputnik", "unknown outlet", "Total"],
        ["Acteurs", "1", "1", "1", "3"],
        ["Acteurs/OTSC", "1", "1", "0", "2"],
        ["Acteurs/USA", "0", "0", "1", "1"],
        ["Total", "1", "1", "1", "3"],
    ]
    with pytest.raises(KzreaderError):
        panel.write_csv(panel.ctx.library.path / "table.csv")
    errors: list[str] = []
    panel.show_error = errors.append  # type: ignore[method-assign]
    panel.ask_csv_path = lambda: panel.ctx.library.path / "t.csv"  # type: ignore[method-assign]
    assert panel.export_csv() is None and errors
    assert not (panel.ctx.library.path / "t.csv").exists()


def test_co_occurrence_instead(qtbot, panel: MatrixPanel, tmp_path: Path) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.tags_button.click()
    assert panel.mode() == TAGS and panel.ctx.settings.value("matrix_panel/mode") == TAGS
    assert header(panel, Qt.Orientation.Vertical) == ["Acteurs", "Acteurs/OTSC", "Acteurs/USA"]
    assert header(panel, Qt.Orientation.Horizontal) == ["Acteurs", "OTSC", "USA"]
    assert values(panel) == [[3, 2, 1], [2, 2, 0], [1, 0, 1]]
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.FontRole).italic()  # the diagonal
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000) as listed:
        click(qtbot, panel, 0, 1)
    assert listed.args == [2] and panel.list_header.text().startswith("Acteurs with Acteurs/OTSC")
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000) as listed:
        click(qtbot, panel, 2, 2)
    assert [p.exact for p in panel.passages] == ["Antony Blinken"]
    rows = list(csv.reader(panel.write_csv(tmp_path / "c.csv").read_text("utf-8-sig").splitlines()))
    assert rows[0] == ["Tag", "Acteurs", "Acteurs/OTSC", "Acteurs/USA"]
    assert rows[1:] == [
        ["Acteurs", "3", "2", "1"],
        ["Acteurs/OTSC", "2", "2", "0"],
        ["Acteurs/USA", "1", "0", "1"],
    ]


def test_changes_reload_the_table_and_the_list(qtbot, panel: MatrixPanel, seed_ids) -> None:
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000):
        click(qtbot, panel, 1, 1)
    with qtbot.waitSignal(panel.passages_listed, timeout=30_000) as listed:
        panel.ctx.library.highlight(
            seed_ids["sputnik_contingent"], quote="Nikol Pachinian", tags=["Acteurs/OTSC"]
        )
    assert listed.args == [2]
    # Sputnik has the most coded passages now: its column comes first
    assert header(panel, Qt.Orientation.Horizontal) == ["Sputnik", "RT", "unknown outlet", "Total"]
    assert values(panel)[1] == [2, 1, 0, 3]
    panel.hide()
    panel.ctx.library.highlight(seed_ids["zas_retrait"], quote="Stanislav Zas", tags=["Acteurs"])
    panel.ctx.workers.wait()
    assert values(panel)[0][2] == 1  # hidden: not reloaded yet
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.show()
    assert values(panel)[0][2] == 2


def test_language_change_keeps_the_panel_whole(panel: MatrixPanel) -> None:
    QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.outlets_button.text() == "Tags × outlets"
    assert header(panel, Qt.Orientation.Horizontal)[-1] == "Total"


def test_an_uncoded_library(qtbot, ctx: AppContext) -> None:
    widget = MatrixPanel(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=30_000):
        widget.show()
    assert widget.model.rowCount() == 0 and "No coded passage yet" in widget.status.text()
