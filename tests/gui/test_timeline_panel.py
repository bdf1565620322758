"""The timeline panel over the sample articles: its bars, clicks that filter
the library list, the day/week switch and the tag chooser, reloads, and the
PNG and SVG exports."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from kzreader.core.errors import KzreaderError
from kzreader.core.timeline import UNKNOWN, Timeline
from kzreader.gui.chart_widgets import MAX_BARS, OTHER, PALETTE, ChartHit, TimelineChart
from kzreader.gui.context import AppContext
from kzreader.gui.panels.library_panel import LibraryPanel
from kzreader.gui.panels.timeline_panel import TimelinePanel


def settle(panel: TimelinePanel, qtbot) -> None:
    qtbot.waitUntil(lambda: panel.timeline is not None and not panel.is_loading(), timeout=30_000)


@pytest.fixture
def panel(qtbot, ctx: AppContext) -> TimelinePanel:
    widget = TimelinePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    widget.show()
    settle(widget, qtbot)
    return widget


def centre(chart: TimelineChart, bar: int, key: str | None) -> QPoint:
    rect = chart.segment_rect(bar, key)
    assert not rect.isEmpty()
    return rect.center().toPoint()


def test_the_bars_of_the_sample_articles(panel: TimelinePanel) -> None:
    chart = panel.chart
    assert panel.unit() == "day" and panel.tag() is None
    assert [g[0] for g in chart.groups] == [f"2022-01-{d:02d}" for d in range(6, 14)]
    assert chart.totals == [2, 0, 0, 0, 0, 0, 0, 1]
    # RT has only an undated article: it is in the undated count, not a bar
    assert [(s.key, s.total) for s in chart.series] == [("Sputnik", 2), (UNKNOWN, 1)]
    assert chart.series[0].color.name() == PALETTE[0]
    assert chart.undated_text() == "2 undated"
    assert "3 articles from 2022-01-06 to 2022-01-13" in panel.summary.text()
    assert "2 undated" in panel.summary.text()
    assert panel.chart_title() == "Articles per day, by outlet"
    assert panel.export_button.isEnabled()


def test_hovering_tells_the_counts(panel: TimelinePanel) -> None:
    chart = panel.chart
    assert chart.hit_at(centre(chart, 0, "Sputnik")) == ChartHit("segment", 0, "Sputnik")
    text = chart.tooltip(ChartHit("segment", 0, "Sputnik"))
    assert text == "Sputnik, 2022-01-06: 2 articles\nAll outlets: 2 articles"
    assert chart.tooltip(ChartHit("bar", 7)).startswith("2022-01-13: 1 article\n")
    undated = chart.tooltip(ChartHit("undated"))
    assert "RT: 1 article" in undated and "unknown outlet: 1 article" in undated
    assert chart.hit_at(QPoint(chart.viewport().width() - 2, chart.viewport().height() - 2)) is None


def test_clicking_a_segment_asks_for_its_articles(qtbot, panel: TimelinePanel, seed_ids) -> None:
    chart = panel.chart
    with qtbot.waitSignal(panel.filter_requested, timeout=5000) as asked:
        qtbot.mouseClick(
            chart.viewport(), Qt.MouseButton.LeftButton, pos=centre(chart, 0, "Sputnik")
        )
    ids, label = asked.args
    assert ids == sorted([seed_ids["sputnik_zas"], seed_ids["sputnik_contingent"]])
    assert label == "Sputnik, 2022-01-06"
    with qtbot.waitSignal(panel.filter_requested, timeout=5000) as asked:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=centre(chart, 7, UNKNOWN))
    assert asked.args == [[seed_ids["zas_retrait"]], "unknown outlet, 2022-01-13"]
    # above the bar's segments: the whole bar
    top = chart.segment_rect(7, UNKNOWN).top()
    point = QPoint(round(chart.segment_rect(7).center().x()), round(top) - 20)
    with qtbot.waitSignal(panel.filter_requested, timeout=5000) as asked:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert asked.args == [[seed_ids["zas_retrait"]], "2022-01-13"]
    # an empty day asks for nothing
    with qtbot.assertNotEmitted(panel.filter_requested):
        qtbot.mouseClick(
            chart.viewport(),
            Qt.MouseButton.LeftButton,
            pos=chart.segment_rect(3).center().toPoint(),
        )


def test_the_undated_count_and_the_legend_ask_for_their_articles(
    qtbot, panel: TimelinePanel, seed_ids
) -> None:
    with qtbot.waitSignal(panel.filter_requested, timeout=5000) as asked:
        panel.summary.linkActivated.emit("undated")
    assert asked.args == [sorted([seed_ids["rt_zas"], seed_ids["blinken"]]), "undated"]
    assert panel.selection(ChartHit("legend", -1, "Sputnik")) == (
        sorted([seed_ids["sputnik_zas"], seed_ids["sputnik_contingent"]]),
        "Sputnik",
    )


def test_the_library_list_shows_what_a_bar_asks_for(qtbot, ctx: AppContext, panel, seed_ids):
    library = LibraryPanel(ctx)
    qtbot.addWidget(library)
    library.resize(600, 400)
    library.show()
    qtbot.waitUntil(lambda: not library.loading, timeout=30_000)
    library.filter_edit.setText("Kazakhstan")
    library.outlet_combo.setCurrentIndex(library.outlet_combo.findData("RT"))
    panel.filter_requested.connect(library.show_only)
    chart = panel.chart
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=centre(chart, 0, "Sputnik"))
    wanted = sorted([seed_ids["sputnik_zas"], seed_ids["sputnik_contingent"]])
    assert sorted(library.visible_document_ids()) == wanted
    assert library.only_chip.isVisible()
    assert library.only_label.text() == "Showing 2 articles: Sputnik, 2022-01-06"
    assert library.filter_edit.text() == "" and library.outlet_combo.currentIndex() == 0
    assert library.status.text() == "2 of 5 articles"
    ctx.library.delete_document(seed_ids["blinken"])  # the list reloads: the choice stays
    ctx.workers.wait()
    qtbot.waitUntil(lambda: not library.loading and library.model.rowCount() == 4)
    assert sorted(library.visible_document_ids()) == wanted and library.only_chip.isVisible()
    library.only_clear.click()
    assert not library.only_chip.isVisible()
    assert len(library.visible_document_ids()) == 4
    library.show_only([seed_ids["rt_zas"]], "undated")
    assert library.visible_document_ids() == [seed_ids["rt_zas"]]
    assert library.only_label.text() == "Showing 1 article: undated"


def test_the_keyboard_goes_from_bar_to_bar(qtbot, panel: TimelinePanel, seed_ids) -> None:
    chart = panel.chart
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart._hover == ChartHit("bar", 0)
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # the empty days are skipped
    assert chart._hover == ChartHit("bar", 7)
    with qtbot.waitSignal(panel.filter_requested, timeout=5000) as asked:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert asked.args == [[seed_ids["zas_retrait"]], "2022-01-13"]
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert chart._hover == ChartHit("bar", 0)


def test_weeks_and_a_tags_passages(qtbot, coded: AppContext, seed_ids) -> None:
    panel = TimelinePanel(coded)
    qtbot.addWidget(panel)
    panel.show()
    settle(panel, qtbot)
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.week_button.click()
    assert panel.unit() == "week" and coded.settings.value("timeline_panel/unit") == "week"
    assert [g[0] for g in panel.chart.groups] == ["2022-01-03", "2022-01-10"]
    assert panel.tag_combo.findData("Acteurs/OTSC") > 0
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("Acteurs"))
    t = panel.timeline
    assert t is not None and t.tag == "Acteurs" and t.counted == "passages"
    # Acteurs/OTSC in the Sputnik and RT articles, Acteurs/USA in Blinken's (both undated)
    assert panel.chart.totals == [1]
    assert panel.chart.undated_text() == "2 undated"
    assert panel.chart_title() == "Passages tagged Acteurs per week, by outlet"
    ids, label = panel.selection(ChartHit("segment", 0, "Sputnik"))
    assert ids == [seed_ids["sputnik_zas"]] and label == "Acteurs: Sputnik, week of 2022-01-03"


def test_changes_reload_it_when_shown(qtbot, panel: TimelinePanel, seed_ids) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.ctx.library.delete_document(seed_ids["sputnik_contingent"])
    assert panel.chart.totals[0] == 1
    panel.hide()
    panel.ctx.library.delete_document(seed_ids["zas_retrait"])
    panel.ctx.workers.wait()
    assert panel.chart.totals[-1] == 1  # hidden: not reloaded yet
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.show()
    assert panel.chart.totals == [1]


def test_a_tag_that_goes_away_falls_back_to_every_article(qtbot, coded: AppContext) -> None:
    panel = TimelinePanel(coded)
    qtbot.addWidget(panel)
    panel.show()
    settle(panel, qtbot)
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("Acteurs/USA"))
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        coded.library.delete_tag("Acteurs/USA")
    assert panel.tag() is None and panel.timeline is not None and panel.timeline.tag is None
    assert panel.tag_combo.findData("Acteurs/USA") < 0


def test_language_change_keeps_the_panel_whole(panel: TimelinePanel) -> None:
    QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.tag_combo.itemText(0) == "All articles"
    assert panel.day_button.text() == "Days" and panel.chart.groups


def test_png_and_svg_exports(panel: TimelinePanel, tmp_path: Path) -> None:
    png = panel.export_to(tmp_path / "timeline.png")
    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() >= panel.chart.full_size().width()  # drawn at twice the size
    found = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    }
    assert PALETTE[0] in found and "#ffffff" in found  # Sputnik's bar on the light background
    svg = panel.export_to(tmp_path / "timeline.svg")
    root = ET.parse(svg).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("svg:title", ns).text == "Articles per day, by outlet"
    assert "2 undated" in root.find("svg:desc", ns).text
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Sputnik (2)" in texts and "2022-01-06" in texts
    assert QSvgRenderer(str(svg)).isValid()
    with pytest.raises(KzreaderError):
        panel.export_to(panel.ctx.library.path / "timeline.png")
    with pytest.raises(KzreaderError, match=r"\.png or \.svg"):
        panel.export_to(tmp_path / "timeline.gif")


def test_export_through_the_dialog_refuses_the_library_folder(panel, tmp_path, monkeypatch):
    errors: list[str] = []
    monkeypatch.setattr(panel, "show_error", errors.append)
    monkeypatch.setattr(panel, "ask_export_path", lambda: panel.ctx.library.path / "x.svg")
    assert (
        panel.export_chart() is None and errors and not (panel.ctx.library.path / "x.svg").exists()
    )
    monkeypatch.setattr(panel, "ask_export_path", lambda: tmp_path / "chosen.svg")
    assert panel.export_chart() == tmp_path / "chosen.svg"
    assert (tmp_path / "chosen.svg").stat().st_size > 1000


def synthetic(days: int, outlets: int) -> Timeline:
    """``outlets`` outlets with one article each day for ``days`` days."""
    from datetime import date, timedelta

    buckets = [(date(2021, 1, 1) + timedelta(days=i)).isoformat() for i in range(days)]
    names = [f"Outlet {n:02d}" for n in range(outlets)]
    counts = {o: {b: 1 for b in buckets} for o in names}
    documents = {
        (o, b): [n * days + i + 1] for n, o in enumerate(names) for i, b in enumerate(buckets)
    }
    return Timeline("day", None, buckets, names, counts, {}, {}, documents)


def test_a_year_scrolls_and_decades_are_drawn_together(qtbot) -> None:
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(500, 300)
    chart.show()
    chart.set_timeline(synthetic(365, 3), "A year")
    assert len(chart.groups) == 365 and chart.horizontalScrollBar().maximum() > 0
    chart.horizontalScrollBar().setValue(chart.horizontalScrollBar().maximum())
    last = chart.segment_rect(364)
    assert 0 < last.left() < chart.viewport().width()
    chart.set_timeline(synthetic(5000, 2), "Many years")
    per_bar = math.ceil(5000 / MAX_BARS)
    assert len(chart.groups) == math.ceil(5000 / per_bar) <= MAX_BARS
    assert chart.totals[0] == 2 * per_bar
    assert chart.period(0) == "2021-01-01 to 2021-01-04"


def test_outlets_beyond_the_palette_are_drawn_together(qtbot) -> None:
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.set_timeline(synthetic(10, len(PALETTE) + 3))
    keys = [s.key for s in chart.series]
    assert keys[: len(PALETTE)] == [f"Outlet {n:02d}" for n in range(len(PALETTE))]
    assert keys[-1] == OTHER and len(chart.series[-1].outlets) == 3
    assert chart.series[-1].label == "3 other outlets"
    assert len({s.color.name() for s in chart.series}) == len(chart.series)
    # a colour stays with its outlet when the next timeline has fewer outlets
    chart.set_timeline(synthetic(10, 2))
    assert [s.color.name() for s in chart.series] == list(PALETTE[:2])


def test_a_paint_of_the_chart(qtbot, panel: TimelinePanel, tmp_path: Path) -> None:
    image = panel.grab().toImage()
    chart_area = panel.chart.geometry()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(chart_area.left(), chart_area.right(), 3)
        for y in range(chart_area.top(), chart_area.bottom(), 3)
    }
    assert PALETTE[0] in colours  # the Sputnik bar is painted
