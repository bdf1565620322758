"""Charts drawn with QPainter (no chart library): the timeline of articles,
or of a tag's passages, as bars per day or week stacked by outlet.

``TimelineChart`` is a scroll area of its own: the legend, the title and the
count axis stay in place while the bars scroll sideways when there are too
many to fit (each bar keeps at least ``MIN_PITCH`` pixels); past
``MAX_BARS`` bars, consecutive buckets are drawn together as one bar.
Hovering a bar or segment tells its counts; clicking one (or a legend item,
or the undated count) emits ``clicked`` with a ``ChartHit``. The same
painting writes PNG and SVG files, the whole width at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from kzreader.core.timeline import UNKNOWN, Timeline
from kzreader.gui.panels.passage_item import count_text

#: Outlet colours, in the order outlets get them (most articles first):
#: mid-tone hues that read on the light and on the dark theme's background.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f")  # fmt: skip
UNKNOWN_COLOR = "#a3a8af"
OTHER_COLOR = "#6f757d"
#: The series key of the outlets beyond the palette, drawn together.
OTHER = "\x00other"
MIN_PITCH = 4
MAX_PITCH = 56
MAX_BARS = 1500
PAD = 8


class OutletColors:
    """Gives each outlet a colour it keeps while this object lives (switching
    day and week or the tag keeps them); outlets beyond the palette get none
    and are drawn together as "other outlets"."""

    def __init__(self) -> None:
        self._colors: dict[str, str] = {}

    def assign(self, outlets: list[str]) -> None:
        for outlet in outlets:
            if outlet != UNKNOWN and outlet not in self._colors:
                free = [c for c in PALETTE if c not in self._colors.values()]
                if not free:
                    return
                self._colors[outlet] = free[0]

    def get(self, outlet: str) -> str | None:
        return UNKNOWN_COLOR if outlet == UNKNOWN else self._colors.get(outlet)


@dataclass
class Series:
    key: str
    label: str
    color: QColor
    #: the outlets drawn as this series (several for "other outlets")
    outlets: list[str]
    values: list[int] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True)
class ChartHit:
    """What a click or hover met: ``segment`` (one series of one bar),
    ``bar`` (a bar's column above its segments), ``legend`` (a series),
    ``undated`` (the legend's undated count)."""

    kind: str
    bar: int = -1
    series: str | None = None


@dataclass
class _Geometry:
    title: QRect
    legend: list[tuple[QRect, str]]
    plot: QRect
    pitch: float
    content: int


def nice_step(top: int, slots: int) -> int:
    """A round step (1, 2, 5 × 10ⁿ) giving at most ``slots`` ticks up to ``top``."""
    raw = max(1.0, top / max(1, slots))
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


class TimelineChart(QAbstractScrollArea):
    """Bars per bucket stacked by outlet, with a legend and axes."""

    #: a ``ChartHit`` the user clicked
    clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        self.colors = OutletColors()
        self.series: list[Series] = []
        #: buckets (ISO dates) drawn as each bar
        self.groups: list[list[str]] = []
        self.totals: list[int] = []
        self.title = ""
        self.empty_text = ""
        self._hover: ChartHit | None = None
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.setMinimumHeight(200)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- data --------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline | None, title: str = "", empty: str = "") -> None:
        self.timeline, self.title, self.empty_text = timeline, title, empty
        self._hover = None
        self._build()
        self._update_scroll()
        self.viewport().update()

    def _build(self) -> None:
        t = self.timeline
        self.series, self.groups, self.totals = [], [], []
        if t is None:
            return
        per_bar = max(1, math.ceil(len(t.buckets) / MAX_BARS))
        self.groups = [t.buckets[i : i + per_bar] for i in range(0, len(t.buckets), per_bar)]
        self.colors.assign(t.outlets)
        named = [o for o in t.outlets if o != UNKNOWN and self.colors.get(o)]
        others = [o for o in t.outlets if o != UNKNOWN and not self.colors.get(o)]
        for outlet in named:
            self.series.append(
                Series(outlet, outlet, QColor(self.colors.get(outlet) or OTHER_COLOR), [outlet])
            )
        if others:
            self.series.append(Series(OTHER, "", QColor(OTHER_COLOR), others))
        if UNKNOWN in t.outlets:
            self.series.append(Series(UNKNOWN, "", QColor(UNKNOWN_COLOR), [UNKNOWN]))
        for s in self.series:
            by_bucket = [t.counts.get(o, {}) for o in s.outlets]
            s.values = [sum(c.get(b, 0) for c in by_bucket for b in group) for group in self.groups]
            s.total = sum(s.values)
        self.series = [s for s in self.series if s.total]  # undated only: not on the chart
        self.totals = [sum(s.values[i] for s in self.series) for i in range(len(self.groups))]
        self._label_series()

    def _label_series(self) -> None:
        for s in self.series:
            if s.key == OTHER:
                s.label = self.tr("{n} other outlets").format(n=len(s.outlets))
            elif s.key == UNKNOWN:
                s.label = self.tr("unknown outlet")
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._label_series()
        super().changeEvent(event)

    def series_of(self, key: str | None) -> Series | None:
        return next((s for s in self.series if s.key == key), None)

    def period(self, bar: int) -> str:
        """The dates a bar stands for, as its tooltip and filter label say them."""
        group = self.groups[bar]
        unit = self.timeline.unit if self.timeline else "day"
        if len(group) > 1:
            return self.tr("{first} to {last}").format(first=group[0], last=group[-1])
        return self.tr("week of {date}").format(date=group[0]) if unit == "week" else group[0]

    def undated_text(self) -> str:
        t = self.timeline
        n = t.undated_total + t.imprecise_total if t else 0
        return count_text(n, self.tr("{n} undated"), self.tr("{n} undated")) if n else ""

    # -- geometry ----------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        small, bold = QFont(self.font()), QFont(self.font())
        small.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.85))
        bold.setBold(True)
        return small, bold

    def _geometry(self, width: int, height: int) -> _Geometry:
        small, bold = self._fonts()
        fm, fm_bold = QFontMetrics(small), QFontMetrics(bold)
        top = PAD
        title = QRect(PAD, top, width - 2 * PAD, fm_bold.height() if self.title else 0)
        top = title.bottom() + (6 if self.title else 0)
        legend: list[tuple[QRect, str]] = []
        items = [(s.key, f"{s.label} ({s.total})") for s in self.series]
        if self.undated_text():
            items.append(("\x00undated", self.undated_text()))
        x, line = PAD, fm.height() + 4
        for key, text in items:
            w = 16 + fm.horizontalAdvance(text)
            if x > PAD and x + w > width - PAD:
                x, top = PAD, top + line
            legend.append((QRect(x, top, w, line), key))
            x += w + 14
        top += (line + 6) if legend else 0
        peak = max(self.totals, default=0)
        digits = len(str(max(peak, 10))) + 1  # the top tick may round up: one digit more
        axis = fm.horizontalAdvance("0" * digits) + 6
        bottom = fm.height() + 10
        plot = QRect(PAD + axis, top + 8, max(10, width - 2 * PAD - axis), 0)
        plot.setBottom(max(plot.top() + 20, height - PAD - bottom))
        bars = max(1, len(self.groups))
        pitch = min(MAX_PITCH, max(MIN_PITCH, plot.width() / bars))
        return _Geometry(title, legend, plot, pitch, math.ceil(pitch * bars))

    def _update_scroll(self) -> None:
        g = self._geometry(self.viewport().width(), self.viewport().height())
        bar = self.horizontalScrollBar()
        bar.setRange(0, max(0, g.content - g.plot.width()))
        bar.setPageStep(g.plot.width())
        bar.setSingleStep(max(1, int(g.pitch * 4)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scroll()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def full_size(self) -> QSize:
        """The size that shows every bar without scrolling (for files)."""
        height = max(320, self.viewport().height())
        g = self._geometry(self.viewport().width(), height)
        return QSize(g.plot.left() + g.content + PAD, height)

    def _bar_x(self, g: _Geometry, bar: int, offset: int) -> tuple[float, float]:
        left = g.plot.left() + bar * g.pitch - offset
        gap = max(1.0, g.pitch * 0.2) if g.pitch >= 5 else 1.0
        return left + gap / 2, g.pitch - gap

    def _scale(self, g: _Geometry) -> tuple[int, int]:
        """The count at the top of the plot, and the tick step."""
        peak = max(self.totals, default=0)
        step = nice_step(max(peak, 1), max(2, g.plot.height() // 36))
        return max(step, math.ceil(max(peak, 1) / step) * step), step

    def segment_rect(self, bar: int, key: str | None = None) -> QRectF:
        """Where a bar (``key`` None) or one of its segments is drawn, in
        viewport coordinates at the current scroll position."""
        g = self._geometry(self.viewport().width(), self.viewport().height())
        return self._segments(g, bar, self.horizontalScrollBar().value()).get(key, QRectF())

    def _segments(self, g: _Geometry, bar: int, offset: int) -> dict[str | None, QRectF]:
        x, w = self._bar_x(g, bar, offset)
        top, _ = self._scale(g)
        y = float(g.plot.bottom())
        out: dict[str | None, QRectF] = {}
        for s in self.series:
            value = s.values[bar]
            if value:
                h = value / top * g.plot.height()
                out[s.key] = QRectF(x, y - h, w, h)
                y -= h
        out[None] = QRectF(x, g.plot.top(), w, g.plot.bottom() - g.plot.top())
        return out

    def hit_at(self, pos: QPoint) -> ChartHit | None:
        g = self._geometry(self.viewport().width(), self.viewport().height())
        for rect, key in g.legend:
            if rect.contains(pos):
                return ChartHit("undated") if key == "\x00undated" else ChartHit("legend", -1, key)
        if not self.groups or not g.plot.adjusted(0, 0, 0, 1).contains(pos):
            return None
        offset = self.horizontalScrollBar().value()
        bar = int((pos.x() - g.plot.left() + offset) // g.pitch)
        if not 0 <= bar < len(self.groups) or not self.totals[bar]:
            return None
        for key, rect in self._segments(g, bar, offset).items():
            if key is not None and rect.adjusted(-1, -1, 1, 1).contains(pos.toPointF()):
                return ChartHit("segment", bar, key)
        return ChartHit("bar", bar)

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        size = self.viewport().size()
        self.paint_chart(painter, size, self.horizontalScrollBar().value(), event.rect())
        painter.end()

    def paint_chart(
        self, painter: QPainter, size: QSize, offset: int = 0, clip: QRect | None = None
    ) -> None:
        """Draw the chart on ``painter`` over ``size``, scrolled by ``offset``."""
        pal = self.palette()
        text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
        dim = QColor(text)
        dim.setAlphaF(0.62)
        grid = QColor(text)
        grid.setAlphaF(0.12)
        small, bold = self._fonts()
        fm = QFontMetrics(small)
        painter.fillRect(QRect(QPoint(0, 0), size), base)
        g = self._geometry(size.width(), size.height())
        if self.title:
            painter.setFont(bold)
            painter.setPen(text)
            title = QFontMetrics(bold).elidedText(
                self.title, Qt.TextElideMode.ElideRight, g.title.width()
            )
            painter.drawText(g.title, int(Qt.AlignmentFlag.AlignLeft), title)
        painter.setFont(small)
        hover = self._hover
        lit = (
            "\x00undated"
            if hover is not None and hover.kind == "undated"
            else hover.series
            if hover is not None and hover.kind == "legend"
            else None
        )
        for rect, key in g.legend:
            s = self.series_of(key)
            hovered = key == lit
            painter.setPen(text if hovered or s is not None else dim)
            if s is not None:
                painter.fillRect(QRect(rect.left(), rect.center().y() - 5, 10, 10), s.color)
                label = f"{s.label} ({s.total})"
            else:
                label = self.undated_text()
            font = QFont(small)
            font.setUnderline(hovered)
            painter.setFont(font)
            painter.drawText(rect.adjusted(16, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), label)
        painter.setFont(small)
        if not self.groups or not any(self.totals):
            painter.setPen(dim)
            painter.drawText(g.plot, int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
            return
        top, step = self._scale(g)
        plot = g.plot
        for value in range(0, top + 1, step):  # the count axis and its grid
            y = plot.bottom() - value / top * plot.height()
            painter.setPen(grid)
            painter.drawLine(plot.left(), round(y), plot.right(), round(y))
            painter.setPen(dim)
            painter.drawText(
                QRect(0, round(y) - fm.height() // 2, plot.left() - 6, fm.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
        painter.save()
        painter.setClipRect(QRect(plot.left(), 0, plot.width() + 1, size.height()))
        first = max(0, int(offset // g.pitch) - 1)
        last = min(len(self.groups), int((offset + plot.width()) // g.pitch) + 2)
        if clip is not None:  # only the bars the paint event asks for
            first = max(first, int((clip.left() - plot.left() + offset) // g.pitch) - 1)
            last = min(last, int((clip.right() - plot.left() + offset) // g.pitch) + 2)
        separator = QColor(base)
        for bar in range(first, last):
            if not self.totals[bar]:
                continue
            segments = self._segments(g, bar, offset)
            for s in self.series:
                rect = segments.get(s.key)
                if rect is None:
                    continue
                painter.fillRect(rect, s.color)
                if rect.height() >= 3 and rect.width() >= 4:
                    painter.setPen(separator)
                    painter.drawLine(rect.topLeft(), rect.topRight())
            if hover is not None and hover.bar == bar:
                if hover.kind == "segment" and hover.series in segments:
                    rect = segments[hover.series]
                else:  # the whole stack
                    stack = [r for k, r in segments.items() if k is not None]
                    rect = QRectF(stack[0]).united(stack[-1]) if stack else segments[None]
                painter.setPen(text)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
        painter.setClipRect(QRect(PAD, plot.bottom(), size.width() - 2 * PAD, size.height()))
        self._paint_dates(painter, g, offset, first, last, dim, fm)
        painter.restore()
        painter.setPen(dim)
        painter.drawLine(plot.left(), plot.bottom(), plot.right(), plot.bottom())

    def _paint_dates(
        self, painter: QPainter, g: _Geometry, offset: int, first: int, last: int,
        pen: QColor, fm: QFontMetrics,
    ) -> None:  # fmt: skip
        needed = (fm.horizontalAdvance("2022-01-06") + 14) / g.pitch
        unit = self.timeline.unit if self.timeline else "day"
        steps = (1, 2, 4, 8, 13, 26, 52, 104) if unit == "week" else (1, 2, 7, 14, 28, 56, 91)
        every = next((s for s in steps if s >= needed), math.ceil(needed))
        painter.setPen(pen)
        y = g.plot.bottom()
        for bar in range(first - first % every, last, every):
            if bar < 0 or bar >= len(self.groups):
                continue
            x, w = self._bar_x(g, bar, offset)
            painter.drawLine(round(x + w / 2), y, round(x + w / 2), y + 4)
            label = self.groups[bar][0]
            width = fm.horizontalAdvance(label)
            left = x + w / 2 - width / 2
            if bar == 0:  # the first date stays whole when scrolled to the start
                left = max(left, PAD - offset)
            painter.drawText(round(left), y + 6 + fm.ascent(), label)

    # -- hover and clicks --------------------------------------------------------------

    def tooltip(self, hit: ChartHit) -> str:
        t = self.timeline
        if t is None:
            return ""
        unit_one, unit_many = (
            (self.tr("{n} article"), self.tr("{n} articles"))
            if t.tag is None
            else (self.tr("{n} passage"), self.tr("{n} passages"))
        )
        if hit.kind == "undated":
            lines = [self.tr("Not on the timeline: no date to the day")]
            for outlet in t.outlets:
                n = t.undated.get(outlet, 0) + t.imprecise.get(outlet, 0)
                if n:
                    name = self.tr("unknown outlet") if outlet == UNKNOWN else outlet
                    lines.append(f"{name}: {count_text(n, unit_one, unit_many)}")
            return "\n".join([*lines, self.tr("Click to list these articles")])
        s = self.series_of(hit.series)
        if hit.kind == "legend" and s is not None:
            members = ", ".join(s.outlets) if s.key == OTHER else ""
            lines = [s.label, count_text(s.total, unit_one, unit_many)]
            return "\n".join([*lines, *([members] if members else []),
                              self.tr("Click to list these articles")])  # fmt: skip
        period = self.period(hit.bar)
        everyone = count_text(self.totals[hit.bar], unit_one, unit_many)
        if hit.kind == "segment" and s is not None:
            n = s.values[hit.bar]
            return self.tr("{outlet}, {period}: {count}\nAll outlets: {total}").format(
                outlet=s.label, period=period, count=count_text(n, unit_one, unit_many),
                total=everyone,
            )  # fmt: skip
        lines = [f"{period}: {everyone}"]
        lines += [f"{s.label}: {s.values[hit.bar]}" for s in self.series if s.values[hit.bar]]
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position().toPoint())
        if hit != self._hover:
            self._hover = hit
            self.viewport().update()
            self.viewport().setCursor(
                Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor
            )
        if hit is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip(hit), self.viewport())
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left and Right (Home, End) go from bar to bar, telling its counts;
        Enter or Space clicks it."""
        key = event.key()
        bars = [i for i, total in enumerate(self.totals) if total]
        current = self._hover.bar if self._hover is not None and self._hover.bar >= 0 else None
        target = None
        if bars and key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Home, Qt.Key.Key_End):
            if key == Qt.Key.Key_Home or (current is None and key == Qt.Key.Key_Right):
                target = bars[0]
            elif key == Qt.Key.Key_End or (current is None and key == Qt.Key.Key_Left):
                target = bars[-1]
            elif key == Qt.Key.Key_Right:
                target = next((b for b in bars if b > current), bars[-1])  # type: ignore[operator]
            else:
                target = next((b for b in reversed(bars) if b < current), bars[0])  # type: ignore[operator]
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and current is not None:
            self.clicked.emit(ChartHit("bar", current))
            return
        if target is None:
            super().keyPressEvent(event)
            return
        self.show_bar(target)

    def show_bar(self, bar: int) -> None:
        """Bring a bar into view, outlined, its counts in a tooltip."""
        self._hover = ChartHit("bar", bar)
        g = self._geometry(self.viewport().width(), self.viewport().height())
        scroll = self.horizontalScrollBar()
        left = round(bar * g.pitch)
        if left < scroll.value() or left + g.pitch > scroll.value() + g.plot.width():
            scroll.setValue(left - g.plot.width() // 2)
        self.viewport().update()
        rect = self.segment_rect(bar)
        where = self.viewport().mapToGlobal(rect.center().toPoint())
        QToolTip.showText(where, self.tooltip(self._hover), self.viewport())

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.viewport().update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.hit_at(event.position().toPoint())
            if hit is not None:
                self.clicked.emit(hit)
        super().mouseReleaseEvent(event)

    # -- files -------------------------------------------------------------------------

    def image(self, scale: float = 2.0) -> QImage:
        """The whole chart (every bar) as an image."""
        size = self.full_size()
        if size.width() * scale > 16000:
            scale = 1.0
        image = QImage(size * scale, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(scale)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint_chart(painter, size)
        painter.end()
        return image

    def write_svg(self, path: str, title: str, description: str = "") -> None:
        from PySide6.QtSvg import QSvgGenerator

        size = self.full_size()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setResolution(self.logicalDpiX())  # text measured as on screen
        generator.setSize(size)
        generator.setViewBox(QRect(QPoint(0, 0), size))
        generator.setTitle(title)
        generator.setDescription(description)
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"cannot write {path}")
        self.paint_chart(painter, size)
        painter.end()
