"""The concordance panel over the sample articles: lines streamed in,
sorted and grouped, opened at the hit, tagged in one undoable step, and
exported as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kzreader.core import kwic
from kzreader.core.library import Library
from kzreader.gui.context import AppContext
from kzreader.gui.panels import kwic_panel, kwic_stream
from kzreader.gui.panels.kwic_model import HIT, LEFT, LINE_ROLE, OUTLET, RIGHT
from kzreader.gui.panels.kwic_panel import ConcordancePanel

TIMEOUT = 30_000


@pytest.fixture
def panel(qtbot, ctx: AppContext) -> ConcordancePanel:
    widget = ConcordancePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    return widget


def run(qtbot, panel: ConcordancePanel, query: str) -> int:
    with qtbot.waitSignal(panel.finished, timeout=TIMEOUT) as done:
        panel.set_query(query)
    return done.args[0]


def select_rows(panel: ConcordancePanel, *rows: int) -> None:
    selection = panel.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            panel.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_a_query_shows_its_lines(qtbot, panel: ConcordancePanel) -> None:
    assert "press Enter" in panel.status.text()
    assert run(qtbot, panel, "Tokaïev") == 4
    model = panel.model
    assert model.rowCount() == 4
    index = model.index(0, LEFT)
    assert index.data() == "en réponse à l’appel de son Président Kassym-Jomart "  # 60 characters
    assert model.index(0, HIT).data() == "Tokaïev"
    assert model.index(0, RIGHT).data().startswith(" sur fond de manifestations massives qui")
    assert model.index(0, OUTLET).data() == "Sputnik"
    assert model.index(3, OUTLET).data() == "unknown outlet"
    assert int(index.data(Qt.ItemDataRole.TextAlignmentRole)) & Qt.AlignmentFlag.AlignRight
    font = model.index(0, HIT).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert panel.status.text() == "4 lines in 3 articles"
    assert panel.export_button.isEnabled() and not panel.tag_button.isEnabled()


def test_lines_arrive_in_batches_before_the_end(
    qtbot, panel: ConcordancePanel, monkeypatch
) -> None:
    monkeypatch.setattr(kwic_stream, "FIRST_BATCH", 1)
    monkeypatch.setattr(kwic_stream, "BATCH", 2)
    events: list[tuple[str, int]] = []
    panel.model.rowsInserted.connect(
        lambda _parent, first, last: events.append(("rows", last - first + 1))
    )
    panel.finished.connect(lambda n: events.append(("finished", n)))
    total = run(qtbot, panel, "OTSC")
    assert total == len(panel.ctx.library.kwic("OTSC")) > 10
    # the first line is shown at once, the rest added as they come (a few
    # times a second), all before the end
    assert events[0] == ("rows", 1) and events[-1] == ("finished", total)
    assert sum(n for kind, n in events if kind == "rows") == total


def test_a_new_query_drops_the_one_under_way(qtbot, panel: ConcordancePanel) -> None:
    panel.edit.setText("Kazakhstan")
    first = panel.run()
    assert first is not None and panel.is_running()
    with qtbot.waitSignal(panel.finished, timeout=TIMEOUT) as done:
        panel.set_query("Blinken")
    assert first.cancelled() and done.args == [4]
    qtbot.waitUntil(lambda: first.is_finished, timeout=TIMEOUT)
    QApplication.processEvents()  # whatever the first query still sent is dropped
    assert {ln.hit for ln in panel.model.lines()} == {"Blinken"}
    assert panel.model.line_count() == 4 and not panel.is_running()


def test_double_click_opens_the_article_at_the_hit(qtbot, panel: ConcordancePanel) -> None:
    run(qtbot, panel, "Tokaïev")
    line = panel.model.line(2)
    rect = panel.view.visualRect(panel.model.index(2, HIT))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.ctx.navigator.open_ranges, timeout=TIMEOUT) as opened:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    document_id, ranges = opened.args
    assert document_id == line.document_id and ranges == [(line.start, line.end)]
    start, end = ranges[0]
    assert panel.ctx.library.document(document_id).text[start:end] == "Tokaïev"


def test_sorting_and_grouping(qtbot, panel: ConcordancePanel) -> None:
    run(qtbot, panel, "Tokaïev OR Tokayev")
    lib = panel.ctx.library
    panel.sort.setCurrentIndex(panel.sort.findData("right"))
    assert panel.model.lines() == lib.kwic("Tokaïev OR Tokayev", sort="right")
    select_rows(panel, 0)
    chosen = panel.selected_lines()
    panel.group.setChecked(True)
    headings = panel.model.heading_rows()
    assert headings and headings[0] == 0
    heading = panel.model.index(0, LEFT).data()
    assert heading.startswith("Sputnik: ") and "lines in" in heading
    assert panel.view.columnSpan(0, 0) == 6
    assert not panel.model.flags(panel.model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert panel.selected_lines() == chosen  # the selection follows its lines
    grouped = panel.model.lines()
    assert sorted(grouped, key=lambda ln: (ln.document_id, ln.start)) == lib.kwic(
        "Tokaïev OR Tokayev"
    )
    assert panel.ctx.settings.value(kwic_panel.SETTINGS_SORT) == "right"
    panel.group.setChecked(False)
    assert panel.model.heading_rows() == [] and panel.view.columnSpan(0, 0) == 1


def test_tagging_selected_lines_is_one_undoable_step(qtbot, panel: ConcordancePanel) -> None:
    run(qtbot, panel, "Tokaïev")
    lib = panel.ctx.library
    select_rows(panel, 0, 2)
    assert panel.tag_button.isEnabled()
    chosen = panel.selected_lines()
    panel.ask_tag = lambda: "Acteurs/Tokaïev"  # type: ignore[method-assign]
    with qtbot.waitSignal(panel.tagged, timeout=TIMEOUT) as tagged:
        panel.tag_button.click()
    assert tagged.args == [2]
    passages = lib.passages(tags=["Acteurs/Tokaïev"])
    assert sorted((p.document_id, p.start, p.end) for p in passages) == sorted(
        (ln.document_id, ln.start, ln.end) for ln in chosen
    )
    assert {p.exact for p in passages} == {"Tokaïev"}
    assert "2 lines tagged Acteurs/Tokaïev" in panel.status.text()
    entry = lib.next_undo()
    assert entry.kind == "code_spans" and entry.label == "Tag 2 passages as Acteurs/Tokaïev"
    lib.undo()
    assert lib.passages() == [] and "Acteurs/Tokaïev" not in lib.tag_paths()
    lib.redo()
    assert len(lib.passages(tags=["Acteurs/Tokaïev"])) == 2


def test_cancelling_the_tag_dialog_tags_nothing(qtbot, panel: ConcordancePanel) -> None:
    run(qtbot, panel, "Blinken")
    select_rows(panel, 1)
    panel.ask_tag = lambda: None  # type: ignore[method-assign]
    assert panel.tag_selected() is None
    assert panel.ctx.library.passages() == []


def test_csv_export_of_the_lines_shown(qtbot, panel: ConcordancePanel, tmp_path: Path) -> None:
    run(qtbot, panel, "Tokaïev")
    panel.sort.setCurrentIndex(panel.sort.findData("left"))
    shown = panel.model.lines()
    out = tmp_path / "concordance.csv"
    with qtbot.waitSignal(panel.exported, timeout=TIMEOUT) as exported:
        panel.export_csv(out)
    assert exported.args == [str(out)]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "document_id",
        "start",
        "end",
        "left",
        "hit",
        "right",
        "source",
        "published",
        "title",
    ]
    assert rows[1:] == [
        [
            str(ln.document_id),
            str(ln.start),
            str(ln.end),
            ln.left,
            ln.hit,
            ln.right,
            ln.source or "",
            ln.published or "",
            ln.title,
        ]
        for ln in shown
    ]
    assert "4 lines written to concordance.csv" in panel.status.text()


def test_csv_export_refuses_the_library_folder(qtbot, panel: ConcordancePanel) -> None:
    run(qtbot, panel, "Blinken")
    target = panel.ctx.library.path / "lines.csv"
    with qtbot.waitSignal(panel.failed, timeout=TIMEOUT):
        assert panel.export_csv(target) is None
    assert not target.exists()
    assert panel.status.property("warning") is True
    assert "library" in panel.status.text()


def test_a_refused_query_is_told(qtbot, panel: ConcordancePanel) -> None:
    with qtbot.waitSignal(panel.failed, timeout=TIMEOUT) as failed:
        panel.set_query("(Zas")
    assert "parentheses" in failed.args[0]
    assert panel.status.property("warning") is True and panel.model.rowCount() == 0
    panel.set_query("")
    assert "press Enter" in panel.status.text() and not panel.status.property("warning")


def test_width_reruns_the_query(qtbot, panel: ConcordancePanel) -> None:
    run(qtbot, panel, "Blinken")
    with qtbot.waitSignal(panel.finished, timeout=TIMEOUT):
        panel.width_spin.setValue(20)
    assert all(len(ln.left) <= 20 and len(ln.right) <= 20 for ln in panel.model.lines())
    assert panel.ctx.settings.value(kwic_panel.SETTINGS_WIDTH, type=int) == 20


def test_new_articles_run_the_query_again(qtbot, panel: ConcordancePanel, tmp_path: Path) -> None:
    run(qtbot, panel, "Tokaïev")
    article = tmp_path / "nouvel-article.txt"
    article.write_text(
        "Un nouvel article\n\nLe président Tokaïev a parlé ce matin à Almaty.\n", "utf-8"
    )
    with qtbot.waitSignal(panel.finished, timeout=TIMEOUT) as done:
        panel.ctx.library.import_paths([article])
    assert done.args == [5]
    # tagging changes no article: the lines stay as they are
    select_rows(panel, 0)
    panel.ask_tag = lambda: "X"  # type: ignore[method-assign]
    with qtbot.waitSignal(panel.tagged, timeout=TIMEOUT):
        panel.tag_selected()
    # the library's change was heard before the tagging's end: no new run
    assert not panel._rerun.isActive() and not panel.is_running()
    assert panel.selected_lines()


def test_a_read_only_library_cannot_tag(qtbot, seeded: Library, settings) -> None:
    path = seeded.path
    seeded.close()
    with Library(path, read_only=True) as lib:
        context = AppContext(lib, settings)
        widget = ConcordancePanel(context)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.finished, timeout=TIMEOUT):
            widget.set_query("Blinken")
        select_rows(widget, 0)
        assert not widget.tag_button.isEnabled()
        assert widget.tag_button.toolTip() == "The library is read-only"
        assert widget.export_button.isEnabled()
        context.close()


def test_retranslate_keeps_the_state(qtbot, panel: ConcordancePanel) -> None:
    run(qtbot, panel, "Blinken")
    panel.sort.setCurrentIndex(3)
    QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.sort.currentIndex() == 3 and panel.sort.count() == 5
    assert panel.model.headerData(LEFT, Qt.Orientation.Horizontal) == "Left context"
    assert panel.status.text() == "4 lines in 1 article"
    assert panel.model.index(0, LEFT).data(LINE_ROLE) == panel.model.line(0)
    assert kwic.SORTS == ("left", "right", "outlet", "date")
