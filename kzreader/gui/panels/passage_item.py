"""Shared pieces of the panels: what every card delegate does around its own
painting (``card_painting``), a delegate that paints a passage as a card
(colour bar, quote, article, tag chips, note), tooltips, activation by click
or Enter, and the dialogs a panel opens, as methods tests can replace.
``LatestOnly`` (only the latest request counts) lives in ``latest``."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QInputDialog,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QWidget,
)

from kzreader.core.notes_markdown import note_html, note_line
from kzreader.core.types import PassageInfo
from kzreader.gui import operations, theme
from kzreader.gui.panels.latest import LatestOnly as LatestOnly
from kzreader.gui.workers import Job

#: The ``PassageInfo`` a row shows.
PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
#: What a row stands for: ``passage``, ``document`` or ``link``.
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
#: The row's target: a document id, or ``(document id, passage id)`` for a link.
TARGET_ROLE = Qt.ItemDataRole.UserRole + 3

DEFAULT_COLOR = "#f6c343"
_PAD = 6
_BAR = 4


def one_line(text: str) -> str:
    """Whitespace (newlines included) folded to single spaces."""
    return " ".join(text.split())


def clip(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def count_text(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (translated templates with ``{n}``) for ``n``."""
    return (one if n == 1 else many).format(n=n)


def swatch(color: str | None, size: int = 12) -> QIcon:
    """A small rounded square of a colour (an outline when there is none)."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(color).darker(130) if color else QColor("#9aa1ab"))
    if color:
        painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


def passage_text(p: PassageInfo) -> str:
    """The plain text of a passage row (accessibility, tests, copy)."""
    return f"“{clip(p.exact, 200)}” — {p.document_title}"


def passage_tooltip(p: PassageInfo) -> str:
    rows = [f"<p><i>“{html.escape(clip(p.exact, 600))}”</i></p>"]
    rows.append(f"<p><b>{html.escape(p.document_title)}</b></p>")
    if p.tags:
        tags = html.escape(", ".join(p.tags))
        rows.append(
            QCoreApplication.translate("PassageItem", "<p>Tags: {tags}</p>").format(tags=tags)
        )
    if p.note:
        rows.append(note_html(p.note, 600))
    if p.status == "orphan":
        rows.append(
            QCoreApplication.translate(
                "PassageItem",
                "<p><b>Orphan:</b> its text is no longer in the article. "
                "Re-attach it from the Orphans panel.</p>",
            )
        )
    return "".join(rows)


@dataclass(frozen=True)
class Card:
    """Where and in which colours a delegate paints an item's card."""

    #: the item's style option (its fonts, state and palette)
    option: QStyleOptionViewItem
    #: the item's rectangle less the padding
    rect: QRect
    #: the text colour for the item's state (selected or not)
    color: QColor
    #: the same, faded, for the secondary lines
    dim: QColor


@contextmanager
def card_painting(delegate: QStyledItemDelegate, painter: QPainter,
                  option: QStyleOptionViewItem, index: QModelIndex, *, pad: int,
                  dim: float = 0.65, clip: bool = True) -> Iterator[Card]:  # fmt: skip
    """What every card delegate does around its own painting: the item's
    background (selection, hover, alternate rows) drawn by the style without
    the item's text or icon, the text colours for its state, and the painter
    saved (clipped to the item with ``clip``) until the block ends."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    opt.icon = QIcon()
    widget = opt.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    color = opt.palette.color(
        QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    )
    faded = QColor(color)
    faded.setAlphaF(dim)
    painter.save()
    if clip:
        painter.setClipRect(opt.rect)
    try:
        yield Card(opt, opt.rect.adjusted(pad, pad, -pad, -pad), color, faded)
    finally:
        painter.restore()


class PassageDelegate(QStyledItemDelegate):
    """Paints rows holding a ``PassageInfo`` (in ``PASSAGE_ROLE``) as cards;
    other rows are painted as usual."""

    def __init__(self, view: QTreeView, *, show_document: bool = True, quote_lines: int = 3):
        super().__init__(view)
        self._view = view
        self.show_document = show_document
        self.quote_lines = quote_lines
        #: tag path → colour, for the chips and the colour bar
        self.tag_colors: dict[str, str] = {}
        view.viewport().installEventFilter(self)
        self._width = 0
        self._spacings: dict[str, tuple[QFontMetrics, int]] = {}

    # -- geometry ---------------------------------------------------------------

    def _text_width(self, index: QModelIndex) -> int:
        depth, parent = int(self._view.rootIsDecorated()), index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self._view.viewport().width() - depth * self._view.indentation()
        return max(80, width - 2 * _PAD - _BAR - 8)

    def _quote_lines(self, text: str, font: QFont, width: int) -> list[str]:
        layout = QTextLayout(text, font)
        layout.beginLayout()
        lines: list[tuple[int, int]] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append((line.textStart(), line.textLength()))
        layout.endLayout()
        out = [text[a : a + n].rstrip() for a, n in lines[: self.quote_lines]]
        if len(lines) > self.quote_lines:
            rest = text[lines[self.quote_lines - 1][0] :]
            out[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
        return out

    def _small(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
        return small

    def _quote_count(self, text: str, font: QFont, metrics: QFontMetrics, width: int) -> int:
        """How many lines ``_quote_lines`` gives: one, without laying the
        text out, when it fits the width (most quotes are a name or a
        phrase; a page of 200 is measured as it is shown)."""
        if metrics.horizontalAdvance(text) <= width:
            return 1
        return len(self._quote_lines(text, font, width))

    def _line_spacings(self, font: QFont) -> tuple[QFontMetrics, int]:
        """The font's metrics and the small font's line spacing, kept per font."""
        key = font.key()
        known = self._spacings.get(key)
        if known is None:
            known = self._spacings[key] = (
                QFontMetrics(font),
                QFontMetrics(self._small(font)).lineSpacing(),
            )
        return known

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        p = index.data(PASSAGE_ROLE)
        if not isinstance(p, PassageInfo):
            hint = super().sizeHint(option, index)
            return QSize(hint.width(), max(hint.height(), 24))
        font = option.font
        metrics, small_line = self._line_spacings(font)
        width = self._text_width(index)
        lines = self._quote_count(f"“{clip(p.exact, 400)}”", font, metrics, width)
        height = 2 * _PAD + lines * metrics.lineSpacing()
        if self.show_document:
            height += small_line + 2
        if p.tags or p.status == "orphan":
            height += small_line + 6
        if p.note:
            height += small_line + 2
        return QSize(width, height)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,
                  option: QStyleOptionViewItem, index: QModelIndex) -> bool:  # fmt: skip
        """A passage's tooltip (``passage_tooltip``), written when it is asked
        for rather than for every row of a page as the page is added."""
        p = index.data(PASSAGE_ROLE)
        if event.type() == QEvent.Type.ToolTip and isinstance(p, PassageInfo):
            QToolTip.showText(event.globalPos(), passage_tooltip(p), view)
            return True
        return super().helpEvent(event, view, option, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._view.viewport().width() != self._width:
            self._width = self._view.viewport().width()
            self._view.doItemsLayout()
        return False

    # -- painting -----------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        p = index.data(PASSAGE_ROLE)
        if not isinstance(p, PassageInfo):
            super().paint(painter, option, index)
            return
        with card_painting(self, painter, option, index, pad=_PAD, dim=0.68, clip=False) as card:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_card(painter, card, p)

    def _paint_card(self, painter: QPainter, card: Card, p: PassageInfo) -> None:
        rect, text_color, dim = card.rect, card.color, card.dim
        bar = QRectF(rect.left(), rect.top(), _BAR, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.passage_color(p.tags, p.color, self.tag_colors))
        painter.drawRoundedRect(bar, 2, 2)
        x = rect.left() + _BAR + 8
        width = rect.right() - x
        y = rect.top()
        font = card.option.font
        small = self._small(font)
        fm, sfm = QFontMetrics(font), QFontMetrics(small)
        painter.setFont(font)
        painter.setPen(text_color)
        for line in self._quote_lines(f"“{clip(p.exact, 400)}”", font, width):
            painter.drawText(x, y + fm.ascent(), line)
            y += fm.lineSpacing()
        painter.setFont(small)
        if self.show_document:
            painter.setPen(dim)
            title = sfm.elidedText(p.document_title, Qt.TextElideMode.ElideRight, width)
            painter.drawText(x, y + 2 + sfm.ascent(), title)
            y += sfm.lineSpacing() + 2
        if p.tags or p.status == "orphan":
            self._paint_chips(painter, p, (x, y + 3, x + width), sfm, text_color)
            y += sfm.lineSpacing() + 6
        if p.note:
            note_font = QFont(small)
            note_font.setItalic(True)
            painter.setFont(note_font)
            painter.setPen(dim)
            note = QFontMetrics(note_font).elidedText(
                "✎ " + note_line(p.note), Qt.TextElideMode.ElideRight, width
            )
            painter.drawText(x, y + 2 + sfm.ascent(), note)

    def _paint_chips(self, painter: QPainter, p: PassageInfo, at: tuple[int, int, int],
                     fm: QFontMetrics, text_color: QColor) -> None:  # fmt: skip
        x, y, right = at
        chips: list[tuple[str, QColor, bool]] = []
        if p.status == "orphan":
            chips.append((self.tr("orphan"), QColor("#d9534f"), True))
        for path in p.tags:
            chips.append((path, QColor(self.tag_colors.get(path) or DEFAULT_COLOR), False))
        height = fm.height() + 2
        for n, (label, color, strong) in enumerate(chips):
            chip_w = fm.horizontalAdvance(label) + 12
            if x + chip_w > right:
                more = f"+{len(chips) - n}"
                if x + fm.horizontalAdvance(more) <= right:
                    painter.setPen(text_color)
                    painter.drawText(x, y + 1 + fm.ascent(), more)
                break
            fill = QColor(color)
            fill.setAlphaF(0.9 if strong else 0.35)
            painter.setPen(color if not strong else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x, y, chip_w, height), height / 2, height / 2)
            painter.setPen(QColor("white") if strong else text_color)
            painter.drawText(x + 6, y + 1 + fm.ascent(), label)
            x += chip_w + 4


class _EnterFilter(QObject):
    def __init__(self, view: QAbstractItemView, callback: Callable[[QModelIndex], None]):
        super().__init__(view)
        self._view = view
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.type() == QEvent.Type.KeyPress and event.key() in keys:  # type: ignore[attr-defined]
            index = self._view.currentIndex()
            if index.isValid():
                self._callback(index)
                return True
        return False


def connect_activation(
    view: QAbstractItemView, callback: Callable[[QModelIndex], None], *, click: bool = True
) -> None:
    """Call ``callback(index)`` on Enter/Return and on a click (or, with
    ``click=False``, a double click), once each whatever the platform's
    activation style."""
    (view.clicked if click else view.doubleClicked).connect(callback)
    view.installEventFilter(_EnterFilter(view, callback))


class PanelBase(QWidget):
    """A panel's dialogs and library operations. Tests replace the ``ask_*``,
    ``confirm``, ``inform`` and ``show_error`` methods on an instance."""

    #: title of the panel's message boxes
    dialog_title = ""

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return value.strip() if ok and value.strip() else None

    def ask_multiline(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getMultiLineText(self, title, label, text)
        return value.strip() if ok else None

    def ask_color(self, title: str, initial: str | None) -> str | None:
        color = QColorDialog.getColor(QColor(initial or DEFAULT_COLOR), self, title)
        return color.name() if color.isValid() else None

    def ask_item(self, title: str, label: str, items: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return value if ok and value else None

    def confirm(self, title: str, text: str) -> bool:
        return operations.confirm(self, title, text)

    def inform(self, text: str) -> None:
        operations.inform(self, self.dialog_title, text)

    def show_error(self, text: str) -> None:
        operations.show_error(self, text, self.dialog_title)

    def edit(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> Job:
        """Run a library edit off the GUI thread (``ctx.operations``); a
        refusal is shown over the panel and changes nothing."""
        return self.ctx.operations.run(  # type: ignore[attr-defined]
            fn, parent=self, on_done=on_done, on_error=lambda exc: self.show_error(str(exc))
        )

    def make_action(self, text: str, slot: Callable[[], object], tip: str, icon: str = "",
                    key: QKeySequence.StandardKey | str | None = None,
                    view: QWidget | None = None) -> QAction:  # fmt: skip
        """An action; its shortcut works while ``view`` has the focus."""
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if icon:
            action.setIcon(theme.icon(icon))
        if key is not None and view is not None:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(action)
        action.triggered.connect(lambda: slot())
        return action
