"""The margin at the left of the reader's text column: coding stripes (one
per tag, in its colour, over the lines its passages cover, side by side
where they overlap), a marker beside passages that have links or backlinks,
and marks where this article's text appears in another article (detected
reuse). Hovering names what is there; clicking a stripe or a marker selects
its passage, clicking a reuse mark asks for the side-by-side comparison.

Only what is in view is measured, at each paint, from the lines Qt laid out.
Reuse comes from ``Library.reuse`` on the app's workers; where detection is
not part of the installation there are no reuse marks.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget
from shiboken6 import isValid

from kzreader.core.types import DocumentInfo, PassageInfo
from kzreader.gui.theme import is_dark, passage_color

if TYPE_CHECKING:
    from kzreader.core.library import Library
    from kzreader.gui.panels.reuse_panel import ReuseRow
    from kzreader.gui.reader import ReaderView

#: The margin's width, and its columns from the left: reuse marks, link
#: markers, then the coding stripes up to the text.
MARGIN_WIDTH = 46
REUSE_X = 3
LINK_X = 14
STRIPES_LEFT = 22
STRIPE_WIDTH = 4
STRIPE_GAP = 2
#: How far from a drawn item a click or a hover still finds it.
SLACK = 2
REUSE_COLOR = QColor("#2a8c82")
REUSE_COLOR_DARK = QColor("#5cc4b8")


@dataclass(frozen=True)
class Stripe:
    """One tag over a stretch of text: its passages' union there."""

    start: int
    end: int
    tag: str  # "" for passages without a tag
    color: QColor
    column: int
    passages: tuple[PassageInfo, ...]


@dataclass(frozen=True)
class ReuseMark:
    """A stretch of this article that another article shares."""

    alignment: Any  # core.reuse.Alignment
    start: int
    end: int
    other: DocumentInfo


@dataclass(frozen=True)
class MarginItem:
    """Something drawn in the margin, where it is drawn."""

    kind: str  # "stripe", "link" or "reuse"
    rect: QRectF
    payload: Any  # Stripe, PassageInfo or ReuseMark


def layout_stripes(passages: list[PassageInfo], tag_colors: dict[str, str]) -> list[Stripe]:
    """One stripe per tag and stretch (overlapping passages of one tag make
    one stripe), each in a column where nothing overlaps it; a stripe keeps
    its tag's previous column when that one is free. Sorted by start."""
    by_tag: dict[str, list[PassageInfo]] = {}
    for p in passages:
        for tag in p.tags or [""]:
            by_tag.setdefault(tag, []).append(p)
    runs: list[tuple[int, int, str, tuple[PassageInfo, ...]]] = []
    for tag, tagged in by_tag.items():
        tagged.sort(key=lambda p: (p.start, p.end))
        group = [tagged[0]]
        end = tagged[0].end
        for p in tagged[1:]:
            if p.start < end:
                group.append(p)
                end = max(end, p.end)
            else:
                runs.append((group[0].start, end, tag, tuple(group)))
                group, end = [p], p.end
        runs.append((group[0].start, end, tag, tuple(group)))
    runs.sort(key=lambda r: (r[0], -r[1], r[2]))
    busy_until: list[int] = []  # per column, where its last stripe ends
    last_column: dict[str, int] = {}
    out: list[Stripe] = []
    for start, end, tag, group in runs:
        free = [c for c, until in enumerate(busy_until) if until <= start]
        preferred = last_column.get(tag)
        if preferred in free:
            column = preferred
        elif free:
            column = free[0]
        else:
            column = len(busy_until)
            busy_until.append(0)
        busy_until[column] = end
        last_column[tag] = column
        first = group[0]
        color = passage_color([tag] if tag else [], None if tag else first.color, tag_colors)
        out.append(Stripe(start, end, tag, color, column, group))
    return out


def reuse_row(library: Library, alignment: Any) -> ReuseRow:
    """The reuse panel's row for ``alignment``, to open the comparison of it."""
    from kzreader.gui.panels.passage_item import clip
    from kzreader.gui.panels.reuse_panel import SNIPPET, ReuseRow

    a = library.document(alignment.a.document_id)
    b = library.document(alignment.b.document_id)
    snippet = clip(a.text[alignment.a.start : alignment.a.end], SNIPPET)
    return ReuseRow(alignment, a.info, b.info, snippet)


class ReaderMargin(QWidget):
    """Stripes, link markers and reuse marks beside a ``ReaderView``."""

    #: a reuse mark was clicked (its ``core.reuse.Alignment``)
    reuse_clicked = Signal(object)
    #: the reuse marks of the article shown were loaded (how many)
    reuse_loaded = Signal(int)

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader)
        self.setObjectName("readerMargin")
        self.reader = reader
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Coding margin"))
        self.stripes: list[Stripe] = []
        self._starts: list[int] = []
        self._max_ends: list[int] = []
        self._columns = 1
        self.reuse: list[ReuseMark] = []
        self._ctx: Any = None
        self._generation = 0

    def set_context(self, ctx: Any) -> None:
        self._ctx = ctx

    # -- contents --------------------------------------------------------------------

    def passages_changed(self) -> None:
        self.stripes = layout_stripes(self.reader.passages, self.reader.tag_colors)
        self._starts = [s.start for s in self.stripes]
        self._max_ends = list(accumulate((s.end for s in self.stripes), max))
        self._columns = max((s.column + 1 for s in self.stripes), default=1)
        self.update()

    def document_shown(self) -> None:
        self.passages_changed()
        self.reload_reuse()

    def reload_reuse(self) -> None:
        """Ask the library where this article's text appears elsewhere."""
        self._generation += 1
        generation = self._generation
        document_id = self.reader.document_id
        ctx = self._ctx
        if ctx is None or not document_id:
            self.set_reuse([])
            return
        library = ctx.library

        def work() -> list[ReuseMark]:
            report = library.reuse(document_id=document_id, refresh=False)
            infos: dict[int, DocumentInfo] = {}
            marks = []
            for al in report.alignments:
                mine, other = (al.a, al.b) if al.a.document_id == document_id else (al.b, al.a)
                if mine.document_id != document_id:
                    continue
                if other.document_id not in infos:
                    infos[other.document_id] = library.document(other.document_id).info
                marks.append(ReuseMark(al, mine.start, mine.end, infos[other.document_id]))
            return marks

        ctx.workers.run(
            work,
            on_done=lambda marks: self._reuse_done(generation, marks),
            on_error=lambda _exc: self._reuse_done(generation, []),  # no detection: no marks
        )

    def _reuse_done(self, generation: int, marks: list[ReuseMark]) -> None:
        if isValid(self) and generation == self._generation:
            self.set_reuse(marks)

    def set_reuse(self, marks: list[ReuseMark]) -> None:
        self.reuse = sorted(marks, key=lambda m: (m.start, m.end))
        self.update()
        self.reuse_loaded.emit(len(self.reuse))

    # -- geometry of what is in view ---------------------------------------------------

    def _span(self, start: int, end: int, first: int, last: int) -> tuple[float, float]:
        """The top and bottom (margin coordinates) of the lines ``[start, end)``
        covers, cut at the view's edges."""
        reader = self.reader
        top = -SLACK if start < first else reader.line_rect(start).top()
        if end - 1 > last:
            bottom = self.height() + SLACK
        else:
            bottom = reader.line_rect(max(start, end - 1)).bottom()
        return top, bottom

    def _pitch(self) -> float:
        """Room for each column of stripes: narrower when there are many."""
        room = MARGIN_WIDTH - STRIPES_LEFT - STRIPE_GAP
        return min(STRIPE_WIDTH + STRIPE_GAP, room / max(1, self._columns))

    def stripe_x(self, column: int) -> float:
        """The left edge of a column of stripes (column 0 is next to the text)."""
        return MARGIN_WIDTH - STRIPE_GAP - (column + 1) * self._pitch()

    def stripe_width(self) -> float:
        pitch = self._pitch()
        return max(1.0, pitch - (STRIPE_GAP if pitch > STRIPE_GAP + 1 else 0.5))

    def items(self) -> list[MarginItem]:
        """What the margin shows in view, with where it is drawn."""
        reader = self.reader
        if not reader.text:
            return []
        first, last = reader.visible_range()
        out: list[MarginItem] = []
        begin = bisect_left(self._max_ends, first + 1)
        end = bisect_right(self._starts, last)
        width = self.stripe_width()
        linked: dict[int, PassageInfo] = {}
        for stripe in self.stripes[begin:end]:
            if stripe.end <= first:
                continue
            top, bottom = self._span(stripe.start, stripe.end, first, last)
            rect = QRectF(self.stripe_x(stripe.column), top, width, max(2.0, bottom - top))
            out.append(MarginItem("stripe", rect, stripe))
            for p in stripe.passages:
                if p.links and p.end > first and p.start <= last:
                    linked[p.id] = p
        for p in sorted(linked.values(), key=lambda p: p.start):
            if p.start >= first:
                line = reader.line_rect(p.start)
                y = line.top() + min(line.height(), 16) / 2
                out.append(MarginItem("link", QRectF(LINK_X - 4, y - 4, 8, 8), p))
        for mark in self.reuse:
            if mark.start > last:
                break
            if mark.end > first:
                top, bottom = self._span(mark.start, mark.end, first, last)
                out.append(MarginItem("reuse", QRectF(REUSE_X, top, 6, bottom - top), mark))
        return out

    def items_at(self, point: QPointF) -> list[MarginItem]:
        return [
            item
            for item in self.items()
            if item.rect.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(point)
        ]

    # -- painting ----------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(
            self.rect(), self.reader.viewport().palette().color(QPalette.ColorRole.Base)
        )
        selected = self.reader.selected_passage
        dark = is_dark()
        for item in self.items():
            if item.kind == "stripe":
                stripe: Stripe = item.payload
                painter.fillRect(item.rect, stripe.color)
                if any(p.id == selected for p in stripe.passages):  # the selected passage's
                    painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1.2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(item.rect.adjusted(-1, -1, 1, 1))
            elif item.kind == "link":
                self._paint_link(painter, item.rect)
            else:
                self._paint_reuse(painter, item.rect, dark)
        painter.end()

    def _paint_link(self, painter: QPainter, rect: QRectF) -> None:
        color = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(color, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        left = QRectF(rect.left(), rect.top() + 1.5, 5.5, 5)
        right = QRectF(rect.left() + 3, rect.top() + 1.5, 5.5, 5)
        painter.drawRoundedRect(left, 2.5, 2.5)  # two chain links
        painter.drawRoundedRect(right, 2.5, 2.5)

    def _paint_reuse(self, painter: QPainter, rect: QRectF, dark: bool) -> None:
        color = REUSE_COLOR_DARK if dark else REUSE_COLOR
        pen = QPen(color, 2.0)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        path = QPainterPath()  # a bracket: [
        right = rect.right()
        path.moveTo(right, rect.top() + 1)
        path.lineTo(rect.left() + 1, rect.top() + 1)
        path.lineTo(rect.left() + 1, rect.bottom() - 1)
        path.lineTo(right, rect.bottom() - 1)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

    # -- pointer -----------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        clickable = bool(self.items_at(event.position()))
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        found = self.items_at(event.position())
        reuse = [i for i in found if i.kind == "reuse"]
        if reuse:
            self.reuse_clicked.emit(reuse[0].payload.alignment)
            return None
        passages = [p for i in found for p in self._passages_of(i)]
        if passages:
            chosen = min(passages, key=lambda p: p.end - p.start)
            self.reader.choose_passage(chosen.id)
        return None

    @staticmethod
    def _passages_of(item: MarginItem) -> list[PassageInfo]:
        if item.kind == "stripe":
            return list(item.payload.passages)
        return [item.payload] if item.kind == "link" else []

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            found = self.items_at(QPointF(event.pos()))  # type: ignore[attr-defined]
            if found:
                QToolTip.showText(event.globalPos(), self.tooltip_html(found), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_html(self, items: list[MarginItem]) -> str:
        parts = []
        for item in items:
            if item.kind == "stripe":
                stripe: Stripe = item.payload
                name = html.escape(stripe.tag) if stripe.tag else f"<i>{self.tr('No tag')}</i>"
                count = self.tr("{n} passage(s)").format(n=len(stripe.passages))
                parts.append(
                    f'<span style="background:{stripe.color.name()};">&nbsp;&nbsp;</span> '
                    f"{name} <small>({count})</small>"
                )
            elif item.kind == "link":
                p: PassageInfo = item.payload
                lines = [html.escape(self.tr("{n} link(s)").format(n=len(p.links)))]
                for link in p.links[:5]:
                    arrow = "→" if link.side == "out" else "←"
                    title = html.escape(link.other_document_title or "")
                    lines.append(f"{arrow} {html.escape(link.relation)}: {title}")
                parts.append("<br>".join(lines))
            else:
                mark: ReuseMark = item.payload
                al = mark.alignment
                outlet = html.escape(mark.other.source or self.tr("unknown outlet"))
                title = html.escape(mark.other.title or "")
                details = self.tr("{words} words · {similarity} %").format(
                    words=al.words, similarity=round(al.similarity * 100)
                )
                hint = html.escape(self.tr("Click to compare the two articles side by side"))
                also = html.escape(self.tr("Also in {outlet}")).format(outlet=outlet)
                parts.append(f"<b>{also}</b>: {title}<br>{details}<br><small>{hint}</small>")
        return "<hr>".join(parts)
