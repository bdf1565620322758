"""The article reader: the text with its passages painted in their tag
colours, boilerplate dimmed, search matches marked, thin breaks where web
text glued two sentences, and a margin of coding stripes beside it.

The QTextDocument holds exactly the document's text, so a Qt position is a
document offset converted from UTF-16 by ``OffsetMap``; the metadata header
is a separate widget. Selections and clicks come out in code points.

A document is built in one edit block (text, block formats, character
formats), so that Qt lays it out once, lazily, a slice at a time
(``reader_layout.PacedLayout``): a 20 MB article opens in about a second and
the window stays responsive while the rest is laid out. Later changes to the
passages repaint only the stretches whose painting changed. Showing the same
document again keeps the scroll position and the selection.

The breaks in glued text (``core.glue``) change no character: the character
before each gets some letter spacing, and a small mark is painted in the gap.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from kzreader.core import glue
from kzreader.core.errors import KzreaderError
from kzreader.core.glue import breaks_between, glue_breaks
from kzreader.core.notes_markdown import note_html
from kzreader.core.types import DocumentView, PassageInfo
from kzreader.gui.find_bar import FIND_PROPERTY
from kzreader.gui.offsets import OffsetMap
from kzreader.gui.reader_format import (
    Segment,
    TextPaint,
    format_blocks,
    merge_ranges,
    paint_break_marks,
    paint_keys,
    segments,
)
from kzreader.gui.reader_layout import PacedLayout, laid_out_to, line_rect, position_at
from kzreader.gui.reader_margin import MARGIN_WIDTH, ReaderMargin
from kzreader.gui.theme import READER_MAX_WIDTH, is_dark, reader_font

if TYPE_CHECKING:
    from kzreader.core.library import Library


def prepare_first_article(library: Library) -> None:
    """Build, on a worker, what the first article opened would otherwise
    build or load: the search for glued sentences (about 25 ms of the GUI
    thread), and the modules of reuse detection, which the margin asks for
    the article's reuse (importing them held the interpreter's lock about
    50 ms while the window painted the article)."""
    glue.prepare()
    with contextlib.suppress(KzreaderError):  # no reuse detection: no marks
        library.reuse_stale()


#: What rebuilding the document costs per character, against laying one
#: out again (measured: about 0.08 against 0.7 µs).
BUILD_COST = 0.12


@dataclass
class _ReadingState:
    """Where the reader was, to come back to when a document is shown again."""

    text: str
    anchor: int
    position: int
    selected_passage: int
    marks: list[tuple[int, int]]
    top: int  # the first character in view
    top_y: float  # its line's y in the viewport


#: The text's size in points at first, and the smallest and largest allowed.
DEFAULT_FONT_SIZE = 12.5
FONT_SIZES = (8.0, 32.0)
#: The text column's widest extent in pixels, by name (``full``: the whole
#: window); the rest of the width is left as margins on both sides.
COLUMN_WIDTHS = {"narrow": 560, "medium": READER_MAX_WIDTH, "wide": 960, "full": 0}
DEFAULT_COLUMN = "medium"


class ReaderView(QTextEdit):
    """Read-only text view of one document with its passages."""

    #: a passage was clicked (id)
    passage_clicked = Signal(int)
    #: the selection changed: (start, end) in code points, (0, 0) when empty
    selection_changed_range = Signal(int, int)
    #: a reuse mark of the margin was clicked (a ``core.reuse.Alignment``)
    reuse_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName(self.tr("Article text"))
        self._font_size = DEFAULT_FONT_SIZE
        self._column = DEFAULT_COLUMN
        self.setFont(reader_font(self._font_size))
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        doc = self.document()
        doc.setDocumentMargin(24)
        doc.setUndoRedoEnabled(False)
        self.document_id = 0
        self.text = ""
        self.offsets = OffsetMap("")
        self.passages: list[PassageInfo] = []
        self.boilerplate: list[tuple[int, int]] = []
        self.tag_colors: dict[str, str] = {}
        self.selected_passage = 0
        #: where sentences are glued (code points), from ``core.glue``
        self.breaks: list[int] = []
        self._show_breaks = True
        self._marks: list[tuple[int, int]] = []
        self._flash: list[QTextEdit.ExtraSelection] = []
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._segments_cache: list[Segment] = []
        self._painted: set[tuple[int, int, int]] = set()
        self._painted_style: tuple = ()
        self._layout_width = -1
        self.paced = PacedLayout(doc, self)
        self.margin = ReaderMargin(self)
        self.margin.reuse_clicked.connect(self.reuse_clicked)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self.margin.update())
        doc.documentLayout().update.connect(lambda _rect: self.margin.update())
        #: actions offered in the context menu (set by the main window)
        self.context_actions: list = []
        self.selectionChanged.connect(self._emit_selection)

    def use_context(self, ctx) -> None:  # type: ignore[no-untyped-def]
        """Let the margin ask the library for reuse (on the app's workers),
        and get the search for glued text ready there."""
        self.margin.set_context(ctx)
        ctx.workers.when_idle(partial(prepare_first_article, ctx.library))

    # -- layout: a comfortable column, the margin at its left -----------------------

    def column_width(self) -> int:
        """The text column's widest extent in pixels (0: the window's width)."""
        return COLUMN_WIDTHS[self._column]

    def column(self) -> str:
        return self._column

    def set_column(self, name: str) -> str:
        """Narrow, medium or wide column, or the full width (``COLUMN_WIDTHS``),
        the place read kept; returns the name set."""
        name = name if name in COLUMN_WIDTHS else DEFAULT_COLUMN
        if name == self._column:
            return name
        self._column = name
        state = self._reading_state() if self.text else None
        self._set_margins()
        if state is not None:
            self._layout_width = self.viewport().width()
            self._rebuild()
            self._restore(state)
            self._update_extra()
        self.viewport().update()
        return name

    def _set_margins(self) -> None:
        width = self.column_width() or self.width()
        side = max(0, (self.width() - width - 60) // 2)
        self.setViewportMargins(max(side, MARGIN_WIDTH), 0, side, 0)
        self._place_margin()

    def _place_margin(self) -> None:
        viewport = self.viewport().geometry()
        self.margin.setGeometry(
            viewport.left() - MARGIN_WIDTH, viewport.top(), MARGIN_WIDTH, viewport.height()
        )

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._set_margins()
        super().resizeEvent(event)
        self._place_margin()
        if self.viewport().width() != self._layout_width and self.text:
            self._layout_width = self.viewport().width()
            self.paced.start()  # Qt lays the document out again at the new width

    # -- content ---------------------------------------------------------------------

    def show_document(
        self, view: DocumentView, passages: list[PassageInfo], tag_colors: dict[str, str]
    ) -> None:
        """Show ``view``; the same document shown again keeps its scroll
        position, selection and selected passage."""
        state = self._reading_state() if self.text and view.info.id == self.document_id else None
        self.document_id = view.info.id
        self.text = view.text
        self.offsets = OffsetMap(view.text)
        self.boilerplate = sorted(view.boilerplate)
        self.tag_colors = dict(tag_colors)
        self.passages = [p for p in passages if p.status != "orphan"]
        self.breaks = glue_breaks(view.text)
        self._marks = []
        self.selected_passage = 0
        self._rebuild()
        if state is not None:
            self._restore(state)
        else:
            self.moveCursor(QTextCursor.MoveOperation.Start)
            self.verticalScrollBar().setValue(0)
        self._update_extra()
        self.margin.document_shown()

    def clear_document(self) -> None:
        self.paced.stop()
        self.document_id = 0
        self.text = ""
        self.offsets = OffsetMap("")
        self.passages = []
        self.boilerplate = []
        self.breaks = []
        self._marks = []
        self._painted = set()
        self._segments_cache = []
        self.clear()
        self.margin.document_shown()

    def set_show_breaks(self, show: bool) -> None:
        """Show thin breaks where sentences are glued (the text stays as it is)."""
        if show == self._show_breaks:
            return
        self._show_breaks = show
        if self.text:
            state = self._reading_state()
            self._rebuild()
            self._restore(state)
            self._update_extra()
        self.viewport().update()

    def shows_breaks(self) -> bool:
        return self._show_breaks

    def font_size(self) -> float:
        return self._font_size

    def set_font_size(self, points: float) -> float:
        """The text's size in points (within ``FONT_SIZES``), the place read
        kept; returns the size set."""
        points = max(FONT_SIZES[0], min(FONT_SIZES[1], round(points * 2) / 2))
        if points == self._font_size:
            return points
        self._font_size = points
        self.setFont(reader_font(points))
        if self.text:
            state = self._reading_state()
            self._rebuild()
            self._restore(state)
            self._update_extra()
        self.viewport().update()
        return points

    def set_passages(
        self, passages: list[PassageInfo], tag_colors: dict[str, str] | None = None
    ) -> None:
        """Paint the passages over the text, repainting only what changed."""
        if tag_colors is not None:
            self.tag_colors = dict(tag_colors)
        self.passages = [p for p in passages if p.status != "orphan"]
        self._segments_cache = self._segments()
        if not self.text:
            return
        painted = paint_keys(self.passages, self.tag_colors)
        if self._style() != self._painted_style:
            dirty = [(0, len(self.text))]
        else:
            dirty = merge_ranges((s, e) for s, e, _ in painted ^ self._painted)
        covered = sum(e - s for s, e in dirty)
        front = self.offsets.from_qt(laid_out_to(self.document()))
        top = self.visible_range()[0]
        # Repainting in place lays the stretches out again at once; a rebuild
        # costs about a tenth of that per character, plus laying out up to
        # the view, and lays the rest out in the background.
        rebuild = covered > len(self.text) * BUILD_COST + top
        if rebuild or (dirty and dirty[-1][1] > front):
            state = self._reading_state()
            self._rebuild()
            self._restore(state)
        else:
            cursor = QTextCursor(self.document())
            paint = self._text_paint()
            for start, end in dirty:  # an edit block each: Qt lays out each stretch alone
                cursor.beginEditBlock()
                paint.paint(cursor, start, end, fresh=False)
                cursor.endEditBlock()
            self._painted = painted
        self._update_extra()
        self.margin.passages_changed()

    def _rebuild(self) -> None:
        """Put the text and all its formats into the document in one edit
        block, which Qt lays out lazily."""
        self.paced.stop()
        doc = self.document()
        doc.clear()
        doc.setDefaultFont(reader_font(self._font_size))
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        self.setPlainText(self.text)
        format_blocks(cursor, self.text, self.offsets.to_qt)
        self._segments_cache = self._segments()
        self._text_paint().paint(cursor, 0, len(self.text), fresh=True)
        cursor.endEditBlock()
        self._painted = paint_keys(self.passages, self.tag_colors)
        self._painted_style = self._style()
        self._layout_width = self.viewport().width()
        self.paced.start()
        self.margin.passages_changed()

    def _text_paint(self) -> TextPaint:
        return TextPaint(
            offsets=self.offsets,
            boilerplate=self.boilerplate,
            segments=self._segments_cache,
            tag_colors=self.tag_colors,
            breaks=self.breaks,
            show_breaks=self._show_breaks,
            dim_color=self.palette().color(QPalette.ColorRole.PlaceholderText),
            dark=is_dark(),
        )

    def _style(self) -> tuple:
        placeholder = self.palette().color(QPalette.ColorRole.PlaceholderText)
        return (is_dark(), placeholder.rgba(), self._font_size, self._show_breaks)

    def _segments(self) -> list[Segment]:
        return segments(self.passages)

    # -- coming back to where the reader was ----------------------------------------

    def _reading_state(self) -> _ReadingState:
        cursor = self.textCursor()
        top = self.text_at(-1, 0)
        return _ReadingState(
            text=self.text,
            anchor=self.offsets.from_qt(cursor.anchor()),
            position=self.offsets.from_qt(cursor.position()),
            selected_passage=self.selected_passage,
            marks=list(self._marks),
            top=top,
            top_y=self.line_rect(top).top(),
        )

    def _restore(self, state: _ReadingState) -> None:
        n = len(self.text)
        same_text = state.text is self.text or state.text == self.text
        if same_text:
            self._marks = state.marks
        if any(p.id == state.selected_passage for p in self.passages):
            self.selected_passage = state.selected_passage
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(min(state.anchor, n)))
        cursor.setPosition(
            self.offsets.to_qt(min(state.position, n)), QTextCursor.MoveMode.KeepAnchor
        )
        self.setTextCursor(cursor)
        top = min(state.top, n)
        self.paced.ensure(self.offsets.to_qt(top))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + round(self.line_rect(top).top() - state.top_y))

    # -- geometry, for the breaks and the margin -------------------------------------

    def _scroll(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def line_rect(self, offset: int) -> QRectF:
        """The line holding the character at ``offset``, in viewport coordinates."""
        q = self.offsets.to_qt(max(0, min(offset, len(self.text))))
        return line_rect(self.document(), q).translated(-self._scroll())

    def visible_range(self) -> tuple[int, int]:
        """Code points of the first and last characters in view."""
        height = self.viewport().height()
        return self.text_at(-1, 0), self.text_at(-1, height - 1, last=True)

    def text_at(self, x: int, y: int, last: bool = False) -> int:
        """The offset of the character nearest the viewport point (``x`` < 0:
        its line's start; ``last``: its line's end), found among the lines
        Qt laid out (``reader_layout.position_at``)."""
        scroll_x = self.horizontalScrollBar().value()
        doc_x = x + scroll_x if x >= 0 else -1
        position = position_at(self.document(), doc_x, y + self.verticalScrollBar().value(), last)
        return self.offsets.from_qt(position)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not (self._show_breaks and self.breaks):
            return
        rect = event.rect().intersected(self.viewport().rect())
        first = self.text_at(-1, rect.top())
        last = self.text_at(-1, rect.bottom(), last=True)
        visible = breaks_between(self.breaks, max(1, first - 1), last + 2)
        if visible:
            color = QColor(self.palette().color(QPalette.ColorRole.PlaceholderText))
            color.setAlpha(170)
            painter = QPainter(self.viewport())
            positions = [self.offsets.to_qt(b) for b in visible]
            paint_break_marks(painter, self.document(), positions, self._scroll(), color)
            painter.end()

    # -- marks, selection, flashing --------------------------------------------------

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _update_extra(self) -> None:
        extra = []
        mark = QTextCharFormat()
        mark.setBackground(QColor("#ffb347" if not is_dark() else "#b5651d"))
        for start, end in self._marks:
            extra.append(self._selection(start, end, mark))
        selected = next((p for p in self.passages if p.id == self.selected_passage), None)
        if selected is not None:
            outline = QTextCharFormat()
            outline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            outline.setUnderlineColor(self.palette().color(QPalette.ColorRole.Highlight))
            extra.append(self._selection(selected.start, selected.end, outline))
        # keep the find bar's marks, which it manages itself
        found = [sel for sel in self.extraSelections() if sel.format.hasProperty(FIND_PROPERTY)]
        self.setExtraSelections(extra + self._flash + found)

    def mark_ranges(self, ranges: Sequence[tuple[int, int]]) -> None:
        """Mark search matches and scroll to the first one."""
        self._marks = [(s, e) for s, e in ranges if 0 <= s < e <= len(self.text)]
        self._update_extra()
        if self._marks:
            self.scroll_to(self._marks[0][0], self._marks[0][1])

    def scroll_to(self, start: int, end: int) -> None:
        """Put the range a third of the way down the view, with the caret at its start."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        self.paced.ensure(cursor.position())  # laid out there, and the scroll range knows
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        top = self.cursorRect(cursor).top()
        bar.setValue(bar.value() + top - self.viewport().height() // 3)

    def is_in_view(self, start: int, end: int) -> bool:
        """Whether the range's first line is in view, and its last one too
        unless the range is taller than the view."""
        height = self.viewport().height()
        top = self.line_rect(start).top()
        bottom = self.line_rect(max(start, end - 1)).bottom()
        return top >= 0 and (bottom <= height or bottom - top > height) and top < height

    def select_passage(self, passage_id: int, flash: bool = False) -> bool:
        """Select a passage: the caret at its start, scrolled into view unless
        it is in view already."""
        passage = next((p for p in self.passages if p.id == passage_id), None)
        self.selected_passage = passage.id if passage else 0
        if passage is None:
            self._update_extra()
            return False
        if self.is_in_view(passage.start, passage.end):
            bar = self.verticalScrollBar()
            value = bar.value()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_qt(passage.start))
            self.setTextCursor(cursor)
            bar.setValue(value)
        else:
            self.scroll_to(passage.start, passage.end)
        if flash:
            fmt = QTextCharFormat()
            fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
            fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
            self._flash = [self._selection(passage.start, passage.end, fmt)]
            self._flash_timer.start(900)
        self._update_extra()
        self.margin.update()
        return True

    def _end_flash(self) -> None:
        self._flash = []
        self._update_extra()

    def is_flashing(self) -> bool:
        return bool(self._flash)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection in code points, trimmed of surrounding white space."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self.text:
            return None
        start = self.offsets.from_qt(cursor.selectionStart())
        end = self.offsets.from_qt(cursor.selectionEnd())
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        """Drop the selection, leaving the caret and the scroll where they are."""
        bar = self.verticalScrollBar()
        value = bar.value()
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        bar.setValue(value)

    def _emit_selection(self) -> None:
        found = self.selected_range()
        self.selection_changed_range.emit(*(found or (0, 0)))

    # -- passages under the pointer ----------------------------------------------------

    def offset_at(self, point: QPoint) -> int:
        return self.text_at(point.x(), point.y())

    def passages_at(self, offset: int) -> list[PassageInfo]:
        """Passages covering ``offset``, innermost (shortest) first."""
        found = [p for p in self.passages if p.start <= offset < p.end]
        return sorted(found, key=lambda p: p.end - p.start)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            under = self.passages_at(self.offset_at(event.position().toPoint()))
            if under:
                self.choose_passage(under[0].id)

    def choose_passage(self, passage_id: int) -> None:
        """A passage was clicked (in the text or the margin)."""
        self.selected_passage = passage_id
        self._update_extra()
        self.margin.update()
        self.passage_clicked.emit(passage_id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.viewport().mapFromGlobal(event.globalPos())  # type: ignore[attr-defined]
            under = self.passages_at(self.offset_at(pos))
            if under:
                QToolTip.showText(event.globalPos(), self.tooltip_html(under), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_html(self, passages: list[PassageInfo]) -> str:
        no_tag = html.escape(self.tr("No tag"))
        parts = []
        for p in passages:
            chips = (
                " ".join(
                    f'<span style="background:{self.tag_colors.get(t, "#ddd")};color:#111;">'
                    f"&nbsp;{html.escape(t)}&nbsp;</span>"
                    for t in p.tags
                )
                or f"<i>{no_tag}</i>"
            )
            note = note_html(p.note, 300) if p.note else ""
            count = self.tr("{n} link(s)").format(n=len(p.links))
            links = f"<br><small>{count}</small>" if p.links else ""
            parts.append(f"{chips}{note}{links}")
        return "<hr>".join(parts)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"))
        copy.setEnabled(self.textCursor().hasSelection())
        copy.triggered.connect(self.copy)
        menu.exec(event.globalPos())
