"""The reader's margin on the samples: coding stripes over the lines a tagged
passage covers, a marker beside linked passages, reuse marks that ask for
the side-by-side comparison."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from kzreader.core.errors import KzreaderError
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.compare_dialog import CompareDialog
from kzreader.gui.main_window import MainWindow
from kzreader.gui.reader import ReaderView
from kzreader.gui.reader_margin import MARGIN_WIDTH, ReaderMargin, layout_stripes

MEMBERS = "l'Arménie, la Biélorussie, le Kazakhstan, le Kirghizistan, la Russie et le Tadjikistan"


@pytest.fixture
def reader(qtbot, coded: AppContext) -> ReaderView:
    view = ReaderView()
    view.use_context(coded)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def show(reader: ReaderView, ctx: AppContext, document_id: int) -> None:
    lib = ctx.library
    reader.show_document(
        lib.document(document_id), lib.passages(document_ids=[document_id]), lib.tag_colors()
    )


def items(margin: ReaderMargin, kind: str):  # type: ignore[no-untyped-def]
    return [i for i in margin.items() if i.kind == kind]


def test_a_tagged_passage_has_a_stripe_over_its_lines(qtbot, reader, coded, seed_ids) -> None:
    lib = coded.library
    doc = seed_ids["sputnik_zas"]
    text = lib.document(doc).text
    start = text.index("L'Organisation du traité")
    long = lib.highlight(doc, start, text.index("Selon lui"), tags=["Thèmes/Retrait"])
    show(reader, coded, doc)
    margin = reader.margin
    assert margin.geometry().right() < reader.viewport().geometry().left()
    assert margin.width() == MARGIN_WIDTH and margin.height() == reader.viewport().height()
    stripes = {i.payload.tag: i for i in items(margin, "stripe")}
    assert set(stripes) == {"Acteurs/OTSC", "Thèmes/Retrait"}
    item = stripes["Thèmes/Retrait"]
    first, last = reader.line_rect(long.start), reader.line_rect(long.end - 1)
    assert item.rect.top() == first.top() and item.rect.bottom() == last.bottom()
    assert last.top() > first.top()  # several lines
    assert item.payload.color == QColor(lib.tag_colors()["Thèmes/Retrait"])
    # "Stanislav Zas" lies inside the long passage: its stripe stands beside it
    zas = stripes["Acteurs/OTSC"]
    assert zas.rect.top() >= item.rect.top() and zas.rect.bottom() <= item.rect.bottom()
    assert zas.rect.right() <= item.rect.left() or zas.rect.left() >= item.rect.right()
    # scrolled, the stripes move with the text
    reader.resize(900, 300)
    bar = reader.verticalScrollBar()
    bar.setValue(60)
    moved = next(i for i in items(margin, "stripe") if i.payload.tag == "Thèmes/Retrait")
    assert moved.rect.top() == reader.line_rect(long.start).top()
    # the tooltip names the tags where the pointer is
    under = margin.items_at(QPointF(zas.rect.center().x(), zas.rect.center().y() - 60))
    assert "Acteurs/OTSC" in margin.tooltip_html(under)


def test_clicking_a_stripe_selects_its_passage(qtbot, reader, coded, seed_ids) -> None:
    show(reader, coded, seed_ids["sputnik_zas"])
    (item,) = items(reader.margin, "stripe")
    (passage,) = item.payload.passages
    with qtbot.waitSignal(reader.passage_clicked) as clicked:
        qtbot.mouseClick(reader.margin, Qt.MouseButton.LeftButton, pos=item.rect.center().toPoint())
    assert clicked.args == [passage.id] and reader.selected_passage == passage.id


def test_a_linked_passage_has_a_marker(qtbot, reader, coded, seed_ids) -> None:
    show(reader, coded, seed_ids["sputnik_zas"])
    (marker,) = items(reader.margin, "link")
    passage = marker.payload
    assert reader.text[passage.start : passage.end] == "Stanislav Zas"
    assert [link.side for link in passage.links] == ["in"]  # RT's passage repeats it
    line = reader.line_rect(passage.start)
    assert line.top() <= marker.rect.center().y() <= line.bottom()
    assert marker.rect.right() < reader.margin.stripe_x(0)
    html = reader.margin.tooltip_html([marker])
    assert "1 link(s)" in html and "Le chef du bloc" in html  # the RT article's title
    show(reader, coded, seed_ids["blinken"])  # a passage without links: no marker
    assert items(reader.margin, "link") == [] and len(items(reader.margin, "stripe")) == 1


def test_overlapping_tags_get_columns_side_by_side(coded, seed_ids) -> None:
    lib = coded.library
    doc = seed_ids["rt_zas"]
    text = lib.document(doc).text
    start = text.index("Zas a qualifié")
    lib.highlight(doc, start, start + 200, tags=["A", "B"])
    lib.highlight(doc, start + 100, start + 300, tags=["B"])
    lib.highlight(doc, start + 400, start + 450, tags=["C"])
    stripes = layout_stripes(lib.passages(document_ids=[doc]), lib.tag_colors())
    by_tag = {s.tag: s for s in stripes if s.start >= start}
    assert (by_tag["B"].start, by_tag["B"].end) == (start, start + 300)  # one stripe per tag
    assert by_tag["A"].column != by_tag["B"].column
    assert by_tag["C"].column == 0  # nothing overlaps it: back next to the text


@pytest.fixture
def detected(coded: AppContext) -> AppContext:
    pytest.importorskip("numpy")
    coded.library.detect_reuse()
    return coded


def test_a_reuse_mark_click_emits_the_alignment(qtbot, reader, detected, seed_ids) -> None:
    doc = seed_ids["sputnik_contingent"]
    with qtbot.waitSignal(reader.margin.reuse_loaded, timeout=30_000) as loaded:
        show(reader, detected, doc)
    assert loaded.args == [1]
    (mark,) = reader.margin.reuse
    assert reader.text[mark.start : mark.end].startswith(MEMBERS[:40])
    assert mark.other.source == "RT"
    reader.scroll_to(mark.start, mark.end)
    (item,) = items(reader.margin, "reuse")
    line = reader.line_rect(mark.start)
    assert item.rect.top() == line.top()
    assert "Also in RT" in reader.margin.tooltip_html([item])
    with qtbot.waitSignal(reader.reuse_clicked) as clicked:
        qtbot.mouseClick(reader.margin, Qt.MouseButton.LeftButton, pos=item.rect.center().toPoint())
    (alignment,) = clicked.args
    assert alignment is mark.alignment
    assert doc in (alignment.a.document_id, alignment.b.document_id)


def test_no_reuse_marks_where_detection_is_missing(qtbot, reader, coded, seed_ids, monkeypatch):
    def refuse(*args, **kwargs):
        raise KzreaderError("reuse detection is not part of this installation (no numpy)")

    monkeypatch.setattr(coded.library, "reuse", refuse)
    with qtbot.waitSignal(reader.margin.reuse_loaded, timeout=30_000) as loaded:
        show(reader, coded, seed_ids["sputnik_contingent"])
    assert loaded.args == [0] and items(reader.margin, "reuse") == []


def test_the_window_opens_the_comparison_of_a_clicked_mark(qtbot, detected, seed_ids) -> None:
    window = MainWindow(detected)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    with qtbot.waitSignal(window.reader.margin.reuse_loaded, timeout=30_000):
        window.open_document(seed_ids["sputnik_contingent"])
    qtbot.waitUntil(lambda: bool(window.reader.margin.reuse), timeout=30_000)
    mark = window.reader.margin.reuse[0]
    window.reader.reuse_clicked.emit(mark.alignment)
    dialogs = [d for d in window.findChildren(CompareDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].row.alignment is mark.alignment
    assert MEMBERS[:30] in dialogs[0].left.highlighted() + dialogs[0].right.highlighted()
    for dialog in dialogs:
        dialog.close()


def test_the_margin_renders(qtbot, reader, detected, seed_ids, tmp_path) -> None:
    doc = seed_ids["sputnik_contingent"]
    lib = detected.library
    text = lib.document(doc).text
    start = text.index(MEMBERS)
    lib.highlight(doc, start - 40, start + 120, tags=["Acteurs/OTSC"])
    with qtbot.waitSignal(reader.margin.reuse_loaded, timeout=30_000):
        show(reader, detected, doc)
    reader.scroll_to(start, start + 10)
    image = reader.grab().toImage()
    image.save(str(tmp_path / "margin.png"))
    margin = reader.margin.geometry()
    colors = {
        image.pixelColor(QPoint(x, y)).name()
        for x in range(margin.left(), margin.right())
        for y in range(margin.top(), margin.bottom(), 3)
    }
    assert QColor(lib.tag_colors()["Acteurs/OTSC"]).name() in colors
    assert len(colors) > 3  # stripe, reuse bracket, background and their edges
