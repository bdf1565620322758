"""The formats the reader gives its document: short blank lines between
paragraphs, boilerplate dimmed, passages in their tag colours (deeper and
underlined where they overlap), and letter spacing after the character
before each break in glued text, with a small mark painted in the gap.
``TextPaint`` paints any stretch of the text, so that a change of the
passages repaints only what it changed."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from kzreader.core.glue import breaks_between
from kzreader.core.types import PassageInfo
from kzreader.gui.offsets import OffsetMap
from kzreader.gui.reader_layout import blank_blocks, gap_before
from kzreader.gui.theme import passage_color, reader_font

#: The mark painted in a break, and its size relative to the reader's font.
BREAK_MARK = "¶"
BREAK_MARK_SCALE = 0.6

Segment = tuple[int, int, list[PassageInfo]]


def mix(colors: Sequence[QColor]) -> QColor:
    r = sum(c.red() for c in colors) // len(colors)
    g = sum(c.green() for c in colors) // len(colors)
    b = sum(c.blue() for c in colors) // len(colors)
    return QColor(r, g, b)


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ``[start, end)`` ranges joined, in order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def segments(passages: Sequence[PassageInfo]) -> list[Segment]:
    """Stretches of text covered by the same passages (a sweep over the
    passages' ends: fast for articles with thousands of passages)."""
    events: dict[int, list[tuple[int, PassageInfo]]] = {}
    for p in passages:
        events.setdefault(p.start, []).append((1, p))
        events.setdefault(p.end, []).append((-1, p))
    active: dict[int, PassageInfo] = {}
    out: list[Segment] = []
    for a, b in pairwise(sorted(events)):
        for kind, p in events[a]:
            if kind > 0:
                active[p.id] = p
            else:
                active.pop(p.id, None)
        if active:
            out.append((a, b, list(active.values())))
    return out


def paint_keys(passages: Sequence[PassageInfo], tag_colors: dict[str, str]) -> set[tuple]:
    """What the painting of the passages depends on: their extents and colours."""
    return {(p.start, p.end, passage_color(p.tags, p.color, tag_colors).rgba()) for p in passages}


def break_width() -> float:
    """The width of the gap at a break, in pixels."""
    return round(QFontMetricsF(reader_font()).horizontalAdvance(BREAK_MARK) * 1.15, 1)


def format_blocks(cursor: QTextCursor, text: str, to_qt: Callable[[int], int]) -> None:
    """Line spacing for the whole text, and a short gap for blank lines."""
    body = QTextBlockFormat()
    body.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    body.setBottomMargin(4)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeBlockFormat(body)
    # blank lines separate paragraphs: a short gap reads better than a full line
    gap = QTextBlockFormat()
    gap.setLineHeight(35, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    gap.setBottomMargin(0)
    for start in blank_blocks(text):
        cursor.setPosition(to_qt(start))
        cursor.mergeBlockFormat(gap)


@dataclass
class TextPaint:
    """Everything the character formats of a text depend on."""

    offsets: OffsetMap
    boilerplate: list[tuple[int, int]]
    segments: list[Segment]
    tag_colors: dict[str, str]
    breaks: list[int]
    show_breaks: bool
    dim_color: QColor
    dark: bool
    _colors: dict[int, QColor] = field(default_factory=dict)

    def paint(self, cursor: QTextCursor, start: int, end: int, fresh: bool) -> None:
        """Give ``[start, end)`` its formats: plain (unless ``fresh``: the
        text was just inserted), boilerplate dimmed, passages, breaks."""
        if not fresh:
            self._format(cursor, start, end, QTextCharFormat())
        dim = QTextCharFormat()
        dim.setForeground(self.dim_color)
        dim.setFontPointSize(reader_font().pointSizeF() * 0.88)
        for b_start, b_end in self.boilerplate:
            if b_start < end and b_end > start:
                self._format(cursor, max(start, b_start), min(end, b_end), dim)
        first = max(0, bisect_right([s for s, _, _ in self.segments], start) - 1)
        for s_start, s_end, covering in self.segments[first:]:
            if s_start >= end:
                break
            if s_end > start:
                fmt = self._passage_format(covering)
                self._format(cursor, max(start, s_start), min(end, s_end), fmt, merge=True)
        if self.show_breaks:
            gap = QTextCharFormat()
            gap.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            gap.setFontLetterSpacing(break_width())
            for p in breaks_between(self.breaks, start + 1, end + 1):
                self._format(cursor, p - 1, p, gap, merge=True)

    def _passage_format(self, covering: list[PassageInfo]) -> QTextCharFormat:
        colors = [self._color(p) for p in covering]
        color = mix(colors)
        color.setAlpha(130 if self.dark else 150)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        if len(covering) > 1:  # overlapping passages: deeper colour and an underline
            color.setAlpha(185 if self.dark else 215)
            fmt.setBackground(color)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(mix(colors).darker(140))
        return fmt

    def _color(self, passage: PassageInfo) -> QColor:
        color = self._colors.get(passage.id)
        if color is None:
            color = passage_color(passage.tags, passage.color, self.tag_colors)
            self._colors[passage.id] = color
        return color

    def _format(
        self, cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat, merge: bool = False
    ) -> None:
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        if merge:
            cursor.mergeCharFormat(fmt)
        else:
            cursor.setCharFormat(fmt)


def paint_break_marks(
    painter: QPainter,
    document: QTextDocument,
    positions: Iterable[int],
    scroll: QPointF,
    color: QColor,
) -> None:
    """Paint the mark of each break (UTF-16 positions) in its gap."""
    painter.setFont(reader_font(reader_font().pointSizeF() * BREAK_MARK_SCALE))
    painter.setPen(color)
    width = break_width()
    for position in positions:
        where = gap_before(document, position)
        if where is not None:
            x, top, height = where
            box = QRectF(x - width - scroll.x(), top - scroll.y(), width, height)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, BREAK_MARK)
