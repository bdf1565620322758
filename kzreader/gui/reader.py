"""The article reader: the text with its passages painted in their tag
colours, boilerplate dimmed, search matches marked.

The QTextDocument holds exactly the document's text, so a Qt position is a
document offset converted from UTF-16 by ``OffsetMap``; the metadata header
is a separate widget. Selections and clicks come out in code points.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from kzreader.core.types import DocumentView, PassageInfo
from kzreader.gui.find_bar import FIND_PROPERTY
from kzreader.gui.offsets import OffsetMap
from kzreader.gui.theme import READER_MAX_WIDTH, is_dark, passage_color, reader_font


def _mix(colors: Sequence[QColor]) -> QColor:
    r = sum(c.red() for c in colors) // len(colors)
    g = sum(c.green() for c in colors) // len(colors)
    b = sum(c.blue() for c in colors) // len(colors)
    return QColor(r, g, b)


class ReaderView(QTextEdit):
    """Read-only text view of one document with its passages."""

    #: a passage was clicked (id)
    passage_clicked = Signal(int)
    #: the selection changed: (start, end) in code points, (0, 0) when empty
    selection_changed_range = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName(self.tr("Article text"))
        self.setFont(reader_font())
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.document().setDocumentMargin(24)
        self.document_id = 0
        self.text = ""
        self.offsets = OffsetMap("")
        self.passages: list[PassageInfo] = []
        self.boilerplate: list[tuple[int, int]] = []
        self.tag_colors: dict[str, str] = {}
        self.selected_passage = 0
        self._marks: list[tuple[int, int]] = []
        self._flash: list[QTextEdit.ExtraSelection] = []
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        #: actions offered in the context menu (set by the main window)
        self.context_actions: list = []
        self.selectionChanged.connect(self._emit_selection)

    # -- layout: a comfortable column -----------------------------------------------

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        side = max(0, (self.width() - READER_MAX_WIDTH - 60) // 2)
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)

    # -- content ---------------------------------------------------------------------

    def show_document(
        self, view: DocumentView, passages: list[PassageInfo], tag_colors: dict[str, str]
    ) -> None:
        self.document_id = view.info.id
        self.text = view.text
        self.offsets = OffsetMap(view.text)
        self.boilerplate = list(view.boilerplate)
        self.tag_colors = dict(tag_colors)
        self._marks = []
        self.selected_passage = 0
        doc = self.document()
        doc.clear()
        doc.setDefaultFont(reader_font())
        self.setPlainText(view.text)
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(4)
        cursor.mergeBlockFormat(block)
        # blank lines separate paragraphs: a short gap reads better than a full line
        gap = QTextBlockFormat()
        gap.setLineHeight(35, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        gap.setBottomMargin(0)
        blank = doc.begin()
        while blank.isValid():
            if not blank.text().strip():
                cursor.setPosition(blank.position())
                cursor.mergeBlockFormat(gap)
            blank = blank.next()
        self.set_passages(passages)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def clear_document(self) -> None:
        self.document_id = 0
        self.text = ""
        self.offsets = OffsetMap("")
        self.passages = []
        self.boilerplate = []
        self._marks = []
        self.clear()

    def set_passages(
        self, passages: list[PassageInfo], tag_colors: dict[str, str] | None = None
    ) -> None:
        """Paint the passages (and the boilerplate) over the text."""
        if tag_colors is not None:
            self.tag_colors = dict(tag_colors)
        self.passages = [p for p in passages if p.status != "orphan"]
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        dim = QTextCharFormat()
        dim.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        dim.setFontPointSize(reader_font().pointSizeF() * 0.88)
        for start, end in self.boilerplate:
            self._format(cursor, start, end, dim)
        dark = is_dark()
        for start, end, covering in self._segments():
            colors = [passage_color(p.tags, p.color, self.tag_colors) for p in covering]
            color = _mix(colors)
            color.setAlpha(130 if dark else 150)
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            if len(covering) > 1:  # overlapping passages: deeper colour and an underline
                color.setAlpha(185 if dark else 215)
                fmt.setBackground(color)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(_mix(colors).darker(140))
            self._format(cursor, start, end, fmt, merge=True)
        cursor.endEditBlock()
        self._update_extra()

    def _segments(self) -> list[tuple[int, int, list[PassageInfo]]]:
        """Stretches of text covered by the same passages (a sweep over the
        passages' ends: fast for articles with thousands of passages)."""
        events: dict[int, list[tuple[int, PassageInfo]]] = {}
        for p in self.passages:
            events.setdefault(p.start, []).append((1, p))
            events.setdefault(p.end, []).append((-1, p))
        active: dict[int, PassageInfo] = {}
        out: list[tuple[int, int, list[PassageInfo]]] = []
        points = sorted(events)
        for a, b in pairwise(points):
            for kind, p in events[a]:
                if kind > 0:
                    active[p.id] = p
                else:
                    active.pop(p.id, None)
            if active:
                out.append((a, b, list(active.values())))
        return out

    def _format(
        self, cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat, merge: bool = False
    ) -> None:
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        if merge:
            cursor.mergeCharFormat(fmt)
        else:
            cursor.setCharFormat(fmt)

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
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        top = self.cursorRect(cursor).top()
        bar.setValue(bar.value() + top - self.viewport().height() // 3)

    def select_passage(self, passage_id: int, flash: bool = False) -> bool:
        passage = next((p for p in self.passages if p.id == passage_id), None)
        self.selected_passage = passage.id if passage else 0
        if passage is None:
            self._update_extra()
            return False
        self.scroll_to(passage.start, passage.end)
        if flash:
            fmt = QTextCharFormat()
            fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
            fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
            self._flash = [self._selection(passage.start, passage.end, fmt)]
            self._flash_timer.start(900)
        self._update_extra()
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

    def _emit_selection(self) -> None:
        found = self.selected_range()
        self.selection_changed_range.emit(*(found or (0, 0)))

    # -- passages under the pointer ----------------------------------------------------

    def offset_at(self, point: QPoint) -> int:
        return self.offsets.from_qt(self.cursorForPosition(point).position())

    def passages_at(self, offset: int) -> list[PassageInfo]:
        """Passages covering ``offset``, innermost (shortest) first."""
        found = [p for p in self.passages if p.start <= offset < p.end]
        return sorted(found, key=lambda p: p.end - p.start)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            under = self.passages_at(self.offset_at(event.position().toPoint()))
            if under:
                self.selected_passage = under[0].id
                self._update_extra()
                self.passage_clicked.emit(under[0].id)

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
            note = f"<br>{html.escape(p.note[:300])}" if p.note else ""
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
