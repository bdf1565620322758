"""What the Reuse dock lists, as rows the lists and the comparison share:
a passage pair two articles share (``ReuseRow``), a passage shared by three
articles or more (``ClusterRow``), a quotation several articles carry
(``QuoteRow``); and the delegate that paints each as a card: a headline, a
dimmed line of details and the passage in italics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem

from kzreader.core.types import DocumentInfo
from kzreader.gui.panels.passage_item import Card, card_painting, clip

#: The row (``ReuseRow``, ``ClusterRow`` or ``QuoteRow``) an item shows.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ReuseRow:
    """One passage pair as the panel and the comparison show it."""

    alignment: Any  # core.reuse.Alignment
    a: DocumentInfo
    b: DocumentInfo
    #: the shared passage, as the earlier (``a``) article words it
    snippet: str


@dataclass(frozen=True)
class ClusterRow:
    """A passage shared by three articles or more (``core.reuse.ReuseCluster``)."""

    cluster: Any  # core.reuse.ReuseCluster
    #: the articles, the first appearance first when the dates tell it
    infos: tuple[DocumentInfo, ...]
    #: the pairs the cluster is made of, the longest first
    pairs: tuple[ReuseRow, ...]
    #: the passage as its first (or longest) appearance words it
    snippet: str
    #: the most words one of its pairs shares
    words: int

    @property
    def first(self) -> DocumentInfo | None:
        """The article the passage appeared in first, when the dates tell it."""
        first = self.cluster.first
        return self.infos[0] if first is not None else None

    def best_pair(self) -> ReuseRow:
        """The pair to compare first: the first appearance's longest pair."""
        first = self.cluster.first
        if first is not None:
            for pair in self.pairs:
                if first.document_id in (pair.a.id, pair.b.id):
                    return pair
        return self.pairs[0]


@dataclass(frozen=True)
class QuoteRow:
    """A quotation several articles carry (``core.quotes.QuoteGroup``)."""

    group: Any  # core.quotes.QuoteGroup
    #: the article of each quotation of the group, in the group's order
    infos: tuple[DocumentInfo, ...]
    #: the articles whose wording differs from the first appearance's
    changed: tuple[DocumentInfo, ...] = field(default=())

    @property
    def snippet(self) -> str:
        return self.group.quotes[0].text


def outlet_of(info: DocumentInfo, unknown: str) -> str:
    return info.source or unknown


def date_of(info: DocumentInfo, unknown: str) -> str:
    return (info.published or "")[:10] or unknown


def outlets_of(row: ReuseRow | ClusterRow | QuoteRow) -> set[str]:
    """The outlets a row involves ("" for an article without one)."""
    if isinstance(row, ReuseRow):
        infos: tuple[DocumentInfo, ...] = (row.a, row.b)
    else:
        infos = row.infos
    return {info.source or "" for info in infos}


def distinct(names: list[str]) -> list[str]:
    """``names`` in order, each once."""
    return list(dict.fromkeys(names))


class CardDelegate(QStyledItemDelegate):
    """Paints a row as a card: headline (bold), details (dimmed, smaller) and
    the passage in italics on at most two lines."""

    PAD = 6
    GAP = 2
    SNIPPET_LINES = 2

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view
        #: set by the panel (translated): fn(row) -> (headline, details)
        self.describe: Callable[[Any], tuple[str, str]] = lambda row: ("", "")

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        head, meta, quote = QFont(option.font), QFont(option.font), QFont(option.font)
        head.setBold(True)
        meta.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.9))
        quote.setItalic(True)
        return head, meta, quote

    def _snippet_lines(self, text: str, font: QFont, width: int) -> list[str]:
        fm = QFontMetrics(font)
        words, lines, line = text.split(), [], ""
        for word in words:
            trial = f"{line} {word}".strip()
            if fm.horizontalAdvance(trial) <= width or not line:
                line = trial
                continue
            lines.append(line)
            line = word
            if len(lines) == self.SNIPPET_LINES:
                break
        if line and len(lines) < self.SNIPPET_LINES:
            lines.append(line)
        elif len(lines) == self.SNIPPET_LINES:
            last = lines[-1] + " " + " ".join(words)  # more follows: elide the last line
            lines[-1] = fm.elidedText(last, Qt.TextElideMode.ElideRight, width)
        return lines

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        row = index.data(ROW_ROLE)
        if row is None:
            return super().sizeHint(option, index)
        width = self._view.viewport().width() - 2 * self.PAD
        head, meta, quote = self._fonts(option)
        lines = len(self._snippet_lines(f"“{row.snippet}”", quote, max(40, width)))
        height = (
            2 * self.PAD
            + QFontMetrics(head).height()
            + QFontMetrics(meta).height()
            + 2 * self.GAP
            + lines * QFontMetrics(quote).lineSpacing()
        )
        return QSize(max(80, width), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        with card_painting(self, painter, option, index, pad=self.PAD) as card:
            if row is not None:
                self._paint_row(painter, card, row)

    def _paint_row(self, painter: QPainter, card: Card, row: Any) -> None:
        rect, color, dim = card.rect, card.color, card.dim
        head_font, meta_font, quote_font = self._fonts(card.option)
        headline, details = self.describe(row)
        y = rect.top()
        for text, font, pen in ((headline, head_font, color), (details, meta_font, dim)):
            fm = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(pen)
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(QRect(rect.left(), y, rect.width(), fm.height()), 0, text)
            y += fm.height() + self.GAP
        fm = QFontMetrics(quote_font)
        painter.setFont(quote_font)
        painter.setPen(color)
        for line in self._snippet_lines(f"“{row.snippet}”", quote_font, max(40, rect.width())):
            painter.drawText(QRect(rect.left(), y, rect.width(), fm.height()), 0, line)
            y += fm.lineSpacing()


# -- building rows (on a worker: they read the library) ---------------------------


class RowBuilder:
    """Builds rows from what reuse detection stored, reading each article
    once (its facts and text)."""

    def __init__(self, library: Any) -> None:
        self.library = library
        self.infos: dict[int, DocumentInfo] = {}
        self.texts: dict[int, str] = {}

    def info(self, document_id: int) -> DocumentInfo:
        if document_id not in self.infos:
            view = self.library.document(document_id)
            self.infos[document_id], self.texts[document_id] = view.info, view.text
        return self.infos[document_id]

    def passage(self, span: Any, limit: int) -> str:
        self.info(span.document_id)
        return clip(self.texts[span.document_id][span.start : span.end], limit)

    def pairs(self, report: Any, limit: int) -> list[ReuseRow]:
        return [
            ReuseRow(al, self.info(al.a.document_id), self.info(al.b.document_id),
                     self.passage(al.a, limit))
            for al in report.alignments
        ]  # fmt: skip

    def clusters(self, report: Any, pairs: list[ReuseRow], limit: int) -> list[ClusterRow]:
        rows = []
        for cluster in report.clusters:
            members = sorted(
                (pairs[i] for i in cluster.alignments), key=lambda r: -r.alignment.words
            )
            first = cluster.first
            ids = list(cluster.documents)
            ids.sort(
                key=lambda d: (
                    first is None or d != first.document_id,
                    self.info(d).published is None,
                    self.info(d).published or "",
                    d,
                )
            )
            snippet = self.passage(first, limit) if first is not None else members[0].snippet
            rows.append(
                ClusterRow(
                    cluster,
                    tuple(self.info(d) for d in ids),
                    tuple(members),
                    snippet,
                    max(p.alignment.words for p in members),
                )
            )
        rows.sort(key=lambda r: (-len(r.infos), -r.words))
        return rows

    def quotes(self, groups: list[Any]) -> list[QuoteRow]:
        rows = []
        for g in groups:
            infos = tuple(self.info(q.document_id) for q in g.quotes)
            changed = tuple(infos[i] for i in g.changed)
            rows.append(QuoteRow(g, infos, changed))
        rows.sort(key=lambda r: (-len(set(r.group.documents)), r.snippet.casefold()))
        return rows
