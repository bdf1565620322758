"""The reader's document: built once and laid out a slice at a time, painted
again only where the passages changed, and shown again where it was."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextDocument
from test_reader_breaks import char_spans, painted, show

from kzreader.core.types import DocumentView
from kzreader.gui.context import AppContext
from kzreader.gui.main_window import MainWindow
from kzreader.gui.reader import ReaderView
from kzreader.gui.reader_layout import blank_blocks


@pytest.fixture
def reader(qtbot, coded: AppContext) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def long_view(ctx: AppContext, document_id: int, copies: int = 40) -> DocumentView:
    """The sample, its paragraphs repeated: long enough to scroll and to lay
    out in several slices."""
    view = ctx.library.document(document_id)
    return dataclasses.replace(view, text="\n\n".join([view.text] * copies), boilerplate=[])


def laid_out(qtbot, reader: ReaderView) -> None:
    qtbot.waitUntil(lambda: not reader.paced.is_running(), timeout=30_000)


def qt_blank_blocks(text: str) -> list[int]:
    doc = QTextDocument()
    doc.setPlainText(text)
    out, block = [], doc.begin()
    while block.isValid():
        if not block.text().strip():
            out.append(block.position())
        block = block.next()
    return out


@pytest.mark.parametrize(
    "text",
    ["", "\n", "a", "a\n", "\na", "a\n\nb", "a\n \t\n\u00a0\nb\n\n", "a\u2029\u2029b\n\n\nc", "  "],
)
def test_blank_blocks_are_qts(qapp, text: str) -> None:
    assert blank_blocks(text) == qt_blank_blocks(text)


def test_blank_blocks_of_the_samples(qapp, coded: AppContext, seed_ids) -> None:
    for document_id in seed_ids.values():
        text = coded.library.document(document_id).text
        assert blank_blocks(text) == qt_blank_blocks(text)


def test_a_long_article_is_laid_out_in_slices(qtbot, reader, coded, seed_ids) -> None:
    view = long_view(coded, seed_ids["sputnik_contingent"], copies=60)
    reader.show_document(view, [], {})
    assert reader.paced.is_running()
    assert reader.toPlainText() == view.text
    laid_out(qtbot, reader)
    assert reader.paced.slices > 1 and reader.paced.longest < 1.0
    # the scroll range is the whole document's
    height = reader.document().documentLayout().documentSize().height()
    assert reader.verticalScrollBar().maximum() == round(height) - reader.viewport().height()
    # once done, Qt's own timers reach the layout again: a change shows at once
    reader.resize(500, 400)
    assert reader.paced.is_running()  # another width: laid out again, in slices
    laid_out(qtbot, reader)


def test_positions_found_from_the_layout_are_qts(qtbot, reader, coded, seed_ids) -> None:
    reader.show_document(long_view(coded, seed_ids["sputnik_zas"], copies=5), [], {})
    laid_out(qtbot, reader)
    reader.verticalScrollBar().setValue(700)
    for x, y in ((30, 40), (200, 100), (400, 250), (650, 390)):
        assert reader.text_at(x, y) == reader.cursorForPosition(QPoint(x, y)).position()
    first, last = reader.visible_range()
    assert reader.line_rect(first).bottom() >= 0 > reader.line_rect(first).top() - 40
    assert reader.line_rect(last).top() < reader.viewport().height()


def test_showing_the_same_document_again_keeps_the_view(qtbot, reader, coded, seed_ids) -> None:
    view = long_view(coded, seed_ids["rt_zas"])
    reader.show_document(view, [], {})
    bar = reader.verticalScrollBar()
    bar.setValue(3000)
    top = reader.visible_range()[0]
    reader.select_range(top + 100, top + 130)
    value = bar.value()
    assert value > 2500
    reader.show_document(view, [], {})  # as after a re-import
    assert bar.value() == value
    assert reader.selected_range() == (top + 100, top + 130)
    other = long_view(coded, seed_ids["blinken"])
    reader.show_document(other, [], {})
    assert bar.value() == 0 and reader.selected_range() is None


def test_a_highlight_does_not_move_the_view(qtbot, coded: AppContext, seed_ids) -> None:
    window = MainWindow(coded)
    qtbot.addWidget(window)
    window.resize(1200, 500)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(seed_ids["rt_zas"])
    reader = window.reader
    laid_out(qtbot, reader)
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    value = bar.value()
    first, last = reader.visible_range()
    start = reader.text.index(" ", (first + last) // 2) + 1
    reader.select_range(start, start + 25)
    assert window.annotator.highlight_selection() is not None
    qtbot.waitUntil(window.is_settled)
    found = coded.library.passages(document_ids=[seed_ids["rt_zas"]])
    (passage,) = [p for p in found if (p.start, p.end) == (start, start + 25)]
    laid_out(qtbot, reader)
    assert bar.value() == value
    assert reader.selected_passage == passage.id and reader.selected_range() is None
    # the document read again (its text re-imported): the view stays too
    window._reload_current(full=True)
    assert bar.value() == value and reader.selected_passage == passage.id


def test_passages_are_painted_again_where_they_changed(qtbot, reader, coded, seed_ids) -> None:
    lib = coded.library
    doc = seed_ids["sputnik_zas"]
    show(reader, coded, doc)
    text = reader.text
    start = text.index("Violente contestation")
    added = lib.highlight(doc, start, start + 60, tags=["Thèmes/Violences"])
    inner = lib.highlight(doc, start + 10, start + 20, tags=["Acteurs/OTSC"])
    reader.set_passages(lib.passages(document_ids=[doc]), lib.tag_colors())
    in_place = char_spans(reader, painted)
    assert any(s <= start and start + 60 <= e for s, e in in_place)
    show(reader, coded, doc)  # the same passages, painted from scratch
    assert char_spans(reader, painted) == in_place
    lib.delete_passages([added.id, inner.id])
    reader.set_passages(lib.passages(document_ids=[doc]), lib.tag_colors())
    assert not any(s < start + 60 and e > start for s, e in char_spans(reader, painted))


def test_an_untagged_highlight_has_a_colour_no_tag_uses(qtbot, reader, coded, seed_ids) -> None:
    lib = coded.library
    doc = seed_ids["sputnik_zas"]
    text = lib.document(doc).text
    start = text.index("Violente contestation")
    lib.highlight(doc, start, start + 20)
    show(reader, coded, doc)

    def colour_at(offset: int) -> str:
        cursor = reader.textCursor()
        cursor.setPosition(reader.offsets.to_qt(offset) + 1)
        return cursor.charFormat().background().color().name()

    untagged = colour_at(start + 5)
    assert untagged not in {c.lower() for c in lib.tag_colors().values()}
    # a tag given the untagged colour moves untagged highlights to another one
    lib.edit_tag(lib.tag_paths()[0], color=untagged)
    show(reader, coded, doc)
    assert colour_at(start + 5) not in {c.lower() for c in lib.tag_colors().values()}
