"""Thin breaks where the samples glue sentences: shown without changing the
text, the offsets of selections, passages and marks, or what is copied."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QTextCursor

from kzreader.core.glue import glue_breaks
from kzreader.gui.context import AppContext
from kzreader.gui.find_bar import find_all
from kzreader.gui.main_window import SETTINGS_SHOW_BREAKS, MainWindow
from kzreader.gui.reader import ReaderView


@pytest.fixture
def reader(qtbot, coded: AppContext) -> ReaderView:
    view = ReaderView()
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


def char_spans(reader: ReaderView, test) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Code-point ranges of the document's fragments whose format passes ``test``."""
    out: list[tuple[int, int]] = []
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if test(fragment.charFormat()):
                start = reader.offsets.from_qt(fragment.position())
                end = reader.offsets.from_qt(fragment.position() + fragment.length())
                if out and out[-1][1] == start:
                    out[-1] = (out[-1][0], end)
                else:
                    out.append((start, end))
            it += 1
        block = block.next()
    return out


def painted(fmt) -> bool:  # type: ignore[no-untyped-def]
    return fmt.background().style().value != 0


def spaced(fmt) -> bool:  # type: ignore[no-untyped-def]
    return (
        fmt.fontLetterSpacingType() == QFont.SpacingType.AbsoluteSpacing
        and fmt.fontLetterSpacing() > 0
    )


def extra_ranges(reader: ReaderView) -> list[tuple[int, int]]:
    return [
        (
            reader.offsets.from_qt(sel.cursor.selectionStart()),
            reader.offsets.from_qt(sel.cursor.selectionEnd()),
        )
        for sel in reader.extraSelections()
    ]


@pytest.mark.parametrize("name", ["sputnik_zas", "sputnik_contingent", "blinken"])
def test_breaks_change_no_offset(qtbot, reader, coded, seed_ids, name) -> None:
    lib = coded.library
    doc = seed_ids[name]
    text = lib.document(doc).text
    glued = glue_breaks(text)
    assert glued, "the sample glues sentences"
    # a passage across a break, to see its colour run on over the gap
    first = glued[0]
    lib.highlight(doc, first - 12, first + 10, tags=["Bruit/Collage"])
    seen = {}
    for on in (True, False):
        reader.set_show_breaks(on)
        show(reader, coded, doc)
        assert reader.breaks == glued
        reader.select_range(first - 5, first + 5)
        selection = reader.selected_range()
        reader.mark_ranges(find_all(text, "Kazakhstan"))
        seen[on] = {
            "plain": reader.toPlainText(),
            "raw": reader.document().toRawText().replace("\u2029", "\n"),
            "length": reader.document().characterCount() - 1,
            "selection": selection,
            "cursor": (reader.textCursor().anchor(), reader.textCursor().position()),
            "passages": char_spans(reader, painted),
            "marks": extra_ranges(reader),
            "spaced": char_spans(reader, spaced),
        }
    on, off = seen[True], seen[False]
    assert on["raw"] == off["raw"] == text  # the document holds exactly the text
    # (toRawText ends blocks with U+2029; the samples hold none of their own)
    assert on["plain"] == off["plain"] == text.replace("\u00a0", " ")
    assert on["length"] == off["length"] == len(text)
    assert on["selection"] == off["selection"] == (first - 5, first + 5)
    assert on["cursor"] == off["cursor"]
    expected = sorted((p.start, p.end) for p in lib.passages(document_ids=[doc]))
    assert on["passages"] == off["passages"]
    assert all(any(s <= a and b <= e for s, e in on["passages"]) for a, b in expected)
    assert on["marks"] == off["marks"] == find_all(text, "Kazakhstan")
    # the breaks: letter spacing on the character before each, with breaks on only
    assert on["spaced"] == [(b - 1, b) for b in glued]
    assert off["spaced"] == []


def test_the_break_marks_are_painted_in_their_gaps(qtbot, reader, coded, seed_ids) -> None:
    show(reader, coded, seed_ids["sputnik_zas"])
    qtbot.waitUntil(lambda: not reader.paced.is_running(), timeout=10_000)
    before = reader.viewport().grab().toImage()
    reader.set_show_breaks(False)
    after = reader.viewport().grab().toImage()
    assert before != after
    reader.set_show_breaks(True)
    offset = reader.breaks[0]  # "Sputnik.|Selon"
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.offsets.to_qt(offset))
    caret = reader.cursorRect(cursor)
    cursor.setPosition(reader.offsets.to_qt(offset - 1))
    before_dot = reader.cursorRect(cursor)
    assert caret.left() - before_dot.left() > 8  # the "." plus a gap of its own


def test_toggling_breaks_keeps_the_view(qtbot, reader, coded, seed_ids) -> None:
    reader.resize(500, 250)
    show(reader, coded, seed_ids["sputnik_contingent"])
    qtbot.waitUntil(lambda: not reader.paced.is_running(), timeout=10_000)
    bar = reader.verticalScrollBar()
    assert bar.maximum() > 200
    bar.setValue(bar.maximum() // 2)
    top = reader.visible_range()[0]
    assert top > 0
    reader.select_range(top + 20, top + 40)
    reader.set_show_breaks(False)
    assert reader.visible_range()[0] == top
    assert reader.selected_range() == (top + 20, top + 40)


def test_the_view_menu_toggle_is_remembered(qtbot, coded: AppContext, seed_ids) -> None:
    window = MainWindow(coded)
    qtbot.addWidget(window)
    window.show()
    action = window.actions_.show_breaks
    menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu() is not None}
    assert action in menus["&View"].actions()
    assert action.isChecked() and window.reader.shows_breaks()
    action.trigger()
    assert not window.reader.shows_breaks()
    assert coded.settings.value(SETTINGS_SHOW_BREAKS, type=bool) is False
    window.close()
    second = MainWindow(coded)
    qtbot.addWidget(second)
    assert not second.reader.shows_breaks() and not second.actions_.show_breaks.isChecked()
