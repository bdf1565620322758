"""Full-text search as you type: the query runs on a worker after a pause (at
once on Enter), stale results are dropped, the hits come a page at a time
(the next when the list is scrolled to its end), and activating a hit asks the
reader to open the article with its matches marked (``open_ranges``). The
query runs again when articles change (soon when shown, else when next
shown: see ``watch``).

A query gets ``search.ANSWER_WITHIN_S`` to answer: one that would take
longer (a phrase of common words in a large library) shows the best of the
articles it reached, says so, and offers to search them all, which then
takes the time it needs."""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.errors import KzreaderError
from kzreader.core.search import ANSWER_WITHIN_S
from kzreader.core.types import SearchHit, SearchResults
from kzreader.gui.context import AppContext
from kzreader.gui.panels.latest import LatestOnly
from kzreader.gui.panels.passage_item import Card, card_painting
from kzreader.gui.panels.watch import Watch
from kzreader.gui.theme import set_warning

DEBOUNCE_MS = 250  # quiet typing (or a change of the articles) before the query runs
#: Tables whose changes the results show: the articles' texts and details.
WATCHED = frozenset({"documents"})
PAGE = 30  # hits fetched at a time: the first page, then one more at the list's end
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
_MARK_STYLE = "font-weight:700; background-color:#ffe38a; color:#1b1b1b"


class SearchResultsModel(QAbstractListModel):
    """The hits of the latest query."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        #: all the hits of the query, fetched or not
        self.total = 0
        #: asks for the next page (the view calls ``fetchMore`` at the list's end)
        self.fetch_next: Callable[[], None] | None = None
        self.fetching = False

    def set_hits(self, hits: list[SearchHit], total: int | None = None) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.total = len(self._hits) if total is None else total
        self.fetching = False
        self.endResetModel()

    def add_hits(self, hits: list[SearchHit], total: int) -> None:
        """A next page: the hits not shown yet (an article changed between
        pages may have moved) appended."""
        self.fetching = False
        shown = {h.document_id for h in self._hits}
        new = [h for h in hits if h.document_id not in shown]
        self.total = total if new else len(self._hits)  # no progress: stop asking
        if new:
            self.beginInsertRows(QModelIndex(), len(self._hits), len(self._hits) + len(new) - 1)
            self._hits.extend(new)
            self.endInsertRows()

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self.fetching
            and self.fetch_next is not None
            and len(self._hits) < self.total
        )

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self.fetch_next is not None:
            self.fetching = True
            self.fetch_next()

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"<b>{html.escape(hit.title)}</b><br>{_marked_html(hit)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}. {_meta(hit)}. {hit.snippet}"
        return None


def _meta(hit: SearchHit) -> str:
    parts = [p for p in (hit.source, (hit.published or "")[:10], hit.language) if p]
    return " · ".join(parts)


def _marked_html(hit: SearchHit) -> str:
    out: list[str] = []
    pos = 0
    for start, end in hit.snippet_marks:
        if start < pos or end <= start:
            continue
        out.append(html.escape(hit.snippet[pos:start]))
        out.append(f'<span style="{_MARK_STYLE}">{html.escape(hit.snippet[start:end])}</span>')
        pos = end
    out.append(html.escape(hit.snippet[pos:]))
    return "".join(out)


class SearchHitDelegate(QStyledItemDelegate):
    """Paints a hit: bold title, dimmed outlet · date, snippet with marks.

    A hit's snippet is laid out once per width and font (``_snippet_doc``):
    the list asks every row's size when results arrive, then paints the
    visible ones, and a ``QTextDocument`` made from HTML is most of either."""

    PAD = 6
    GAP = 2
    SNIPPET_LINES = 3
    #: snippets kept laid out (a few pages of results, at one or two widths)
    KEPT_DOCS = 256

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        #: shown when a hit has neither outlet nor date (set by the panel, translated)
        self.unknown_text = ""
        #: (id of the hit, width, font) -> (the hit, its laid-out snippet, its height)
        self._docs: OrderedDict[tuple[int, int, str], tuple[SearchHit, QTextDocument, int]] = (
            OrderedDict()
        )
        #: the documents of snippets dropped, filled again by the next ones.
        #: Destroying a document lets go of the interpreter's lock and takes
        #: it back: while a worker ran Python, dropping a page's 60 took
        #: 30-37 ms (0.3 ms with the worker idle), each time results came.
        self._spare: list[QTextDocument] = []

    def forget_layouts(self) -> None:
        """Drop the snippets laid out (the results were replaced); their
        documents are kept for the next ones."""
        self._spare.extend(doc for _, doc, _ in self._docs.values())
        self._docs.clear()
        del self._spare[self.KEPT_DOCS :]

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title, meta = QFont(option.font), QFont(option.font)
        title.setBold(True)
        meta.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.9))
        return title, meta

    def _snippet_doc(self, hit: SearchHit, font: QFont, width: int) -> tuple[QTextDocument, int]:
        """The hit's snippet laid out at ``width``, and the height shown of it."""
        width = max(40, width)
        key = (id(hit), width, font.key())
        kept = self._docs.get(key)
        if kept is not None and kept[0] is hit:  # the same hit, not one at its old address
            self._docs.move_to_end(key)
            return kept[1], kept[2]
        # a document kept for another hit, at that address once, is free
        doc = self._free_doc() if kept is None else kept[1]
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setHtml(_marked_html(hit))
        doc.setTextWidth(width)
        cap = QFontMetrics(font).lineSpacing() * self.SNIPPET_LINES
        height = int(min(doc.size().height(), cap))
        self._docs[key] = (hit, doc, height)
        while len(self._docs) > self.KEPT_DOCS:
            self._spare.append(self._docs.popitem(last=False)[1][1])
        return doc, height

    def _free_doc(self) -> QTextDocument:
        if self._spare:
            return self._spare.pop()
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hit = index.data(HIT_ROLE)
        width = self._view.viewport().width() - 2 * self.PAD
        if hit is None:
            return super().sizeHint(option, index)
        lines = sum(QFontMetrics(font).height() + self.GAP for font in self._fonts(option))
        _, snippet = self._snippet_doc(hit, option.font, width)
        return QSize(max(80, width), 2 * self.PAD + lines + snippet)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit: SearchHit | None = index.data(HIT_ROLE)
        with card_painting(self, painter, option, index, pad=self.PAD) as card:
            if hit is not None:
                self._paint_hit(painter, card, hit)

    def _paint_hit(self, painter: QPainter, card: Card, hit: SearchHit) -> None:
        opt, rect, text_color, dim = card.option, card.rect, card.color, card.dim
        title_font, meta_font = self._fonts(opt)
        y = rect.top()
        lines = (
            (hit.title, title_font, text_color),
            (_meta(hit) or self.unknown_text, meta_font, dim),
        )
        for text, font, color in lines:
            fm = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(color)
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(QRect(rect.left(), y, rect.width(), fm.height()), 0, text)
            y += fm.height() + self.GAP

        doc, height = self._snippet_doc(hit, opt.font, rect.width())
        painter.translate(rect.left(), y)
        painter.setClipRect(QRect(0, 0, rect.width(), height))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_color)
        context.clip = QRect(0, 0, rect.width(), height)
        doc.documentLayout().draw(painter, context)


class SearchPanel(QWidget):
    """Search box, status line and result list (a dock's content)."""

    #: results arrived: the number of hits shown
    searched = Signal(int)
    #: a query could not be run: the message shown
    query_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._search = LatestOnly(ctx.workers, self)
        self._more = LatestOnly(ctx.workers, self)  # the next page of the query shown
        self._shown_query = ""
        #: the query the user asked to search every article for, however long
        self._all_wanted = ""

        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.setFocusProxy(self.edit)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.search_all = QPushButton(self)  # shown when a search stopped early
        self.search_all.hide()
        self.search_all.clicked.connect(self._search_everything)
        self.model = SearchResultsModel(self)
        self.model.fetch_next = self._fetch_next
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.delegate = SearchHitDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.model.modelReset.connect(self.delegate.forget_layouts)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setAlternatingRowColors(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.search_all, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.view, 1)

        # the pause after typing is the watch's: a change of the articles
        # and the typing that follows it make one search
        self.watch = Watch(
            self, ctx.bridge, WATCHED, self._run, delay_ms=DEBOUNCE_MS,
            wanted=lambda _changes: self._has_query(), ready=self._has_query,
        )  # fmt: skip
        self.watch.done()  # nothing is shown yet: nothing is out of date
        self._timer = self.watch.timer
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.returnPressed.connect(self.search_now)
        self.edit.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.clicked.connect(self._open)
        self.retranslate()
        self._set_status("")
        # while the user types the first query, the system caches the index:
        # not cached, the first search of 100,000 articles took 0.6 s, not 0.2
        ctx.workers.read_ahead(ctx.library.warm_index)

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            self.tr('Search: securite, "maintien de la paix", Tokayev~, source:RT, date:2022-01')
        )
        self.edit.setToolTip(
            self.tr(
                'Accents and case are ignored. Use "quotes" for a phrase, AND/OR/NOT, '
                "word* for a prefix, word~ for close spellings, and the fields "
                "title:, source:, lang:, date:2022-01 or date:2022-01-01..2022-01-15."
            )
        )
        self.edit.setAccessibleName(self.tr("Search the library"))
        self.view.setAccessibleName(self.tr("Search results"))
        self.delegate.unknown_text = self.tr("Outlet and date unknown")
        self.status.setAccessibleName(self.tr("Search status"))
        self.search_all.setText(self.tr("Search every article"))
        self.search_all.setToolTip(self.tr("Rank every matching article, however long it takes."))
        if not self.edit.text().strip():
            self.status.setText(self.tr("Type to search every article."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.edit.text().strip():
                self._timer.start()  # the status line is re-written by a fresh search
        super().changeEvent(event)

    # -- public ------------------------------------------------------------------

    def set_query(self, text: str, immediate: bool = False) -> None:
        """Put ``text`` in the search box; search after the usual pause, or now."""
        if self.edit.text() != text:
            self.edit.setText(text)
        if immediate:
            self.search_now()
        else:
            self._timer.start()

    def query(self) -> str:
        return self.edit.text()

    def _has_query(self) -> bool:
        return bool(self.edit.text().strip())

    def results(self) -> list[SearchHit]:
        """The hits currently shown."""
        return self.model.hits()

    def focus_search(self) -> None:
        """Give the search box the keyboard, its text selected."""
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def search_now(self) -> None:
        """Search at once (what Enter does)."""
        self._timer.stop()
        self._run()

    # -- running -----------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._search.cancel()  # drop whatever is still running
            self._more.cancel()
            self._shown_query = ""
            self.model.set_hits([])
            self._set_status("")
            return
        self.search_all.hide()
        self._timer.start()

    def _run(self) -> None:
        query = self.edit.text().strip()
        if not query:
            return
        self.watch.done()
        self._more.cancel()  # a page of the results this query replaces
        self.model.fetching = True  # no next page until this query's first
        # the same query again (the articles changed): as many hits as shown
        limit = max(PAGE, self.model.rowCount()) if query == self._shown_query else PAGE
        within = None if query == self._all_wanted else ANSWER_WITHIN_S
        library = self.ctx.library

        def work() -> SearchResults | KzreaderError:
            try:
                return library.search(query, limit=limit, within=within)
            except KzreaderError as exc:  # QueryError and any other core refusal
                return exc

        # a newer query supersedes this one: its results are dropped
        self._search.run(work, self._on_done, self._on_error)

    def _search_everything(self) -> None:
        """The query shown again, every article ranked (the button a search
        that stopped early shows)."""
        self._all_wanted = self.edit.text().strip()
        self.search_all.hide()
        self._set_status(self.tr("Searching every article…"))
        self.search_now()

    def _fetch_next(self) -> None:
        """The next page of the hits shown (the model asks at the list's end;
        never of a search that stopped early, whose hits are all shown): each
        page ranks every article, so that the pages follow one order."""
        query, offset = self._shown_query, self.model.rowCount()
        library = self.ctx.library

        def work() -> SearchResults | KzreaderError:
            try:
                return library.search(query, limit=PAGE, offset=offset)
            except KzreaderError as exc:
                return exc

        self._more.run(work, self._on_more, self._on_more_error)

    def _on_more(self, found: SearchResults | KzreaderError) -> None:
        if isinstance(found, KzreaderError):  # no more pages of this query
            self.model.add_hits([], self.model.rowCount())
        elif found.query == self._shown_query:
            self.model.add_hits(found.hits, found.total)
        else:
            self.model.fetching = False
        self._show_count(self.model.rowCount(), self.model.total)

    def _on_more_error(self, exc: BaseException) -> None:
        self.model.add_hits([], self.model.rowCount())  # no more pages of this query

    def _on_done(self, found: SearchResults | KzreaderError) -> None:
        if isinstance(found, KzreaderError):
            message = str(found)
            self._show_error(message[:1].upper() + message[1:])
            return
        current = self.view.currentIndex().data(HIT_ROLE)
        self._shown_query = found.query
        # no next page of a search that stopped early: its ranking is of
        # the articles it reached
        self.model.set_hits(found.hits, found.total if found.complete else None)
        for row, hit in enumerate(found.hits if current is not None else []):
            if hit.document_id == current.document_id:  # keep the same article current
                self.view.setCurrentIndex(self.model.index(row))
                break
        n = len(found.hits)
        if found.complete:
            self._show_count(n, found.total)
        else:
            self._show_stopped(n, found.total)
        self.search_all.setVisible(not found.complete)
        self.searched.emit(n)

    def _show_stopped(self, n: int, reached: int) -> None:
        self._set_status(
            self.tr(
                "The best {n} of the {reached} matching articles found in {seconds:g} s. "
                "The search stopped there: more articles may match."
            ).format(n=n, reached=QLocale().toString(reached), seconds=ANSWER_WITHIN_S)
        )

    def _show_count(self, n: int, total: int) -> None:
        if n == 0:
            self._set_status(self.tr("No article matches"))
        elif total > n:
            self._set_status(self.tr("{n} of {total} articles").format(n=n, total=total))
        elif n == 1:
            self._set_status(self.tr("1 article"))
        else:
            self._set_status(self.tr("{n} articles").format(n=n))

    def _on_error(self, exc: BaseException) -> None:
        # only unexpected failures get here (core refusals come back as results)
        if self.edit.text().strip():
            self._show_error(self.tr("The search failed: {error}").format(error=exc))

    def _show_error(self, message: str) -> None:
        self._more.cancel()
        self.search_all.hide()
        self.model.set_hits([])
        self._set_status(message, warning=True)
        self.query_failed.emit(message)

    def _set_status(self, text: str, warning: bool = False) -> None:
        if not text and not self.edit.text().strip():
            text = self.tr("Type to search every article.")
        self.status.setText(text)
        set_warning(self.status, warning, self.palette())
        self.status.setProperty("warning", warning)

    # -- selection and activation ---------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        hit: SearchHit | None = index.data(HIT_ROLE)
        if hit is not None:
            self.ctx.navigator.open_ranges.emit(hit.document_id, list(hit.matches))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the box into the list, Up from its top back; Enter opens."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, row = event.key(), self.view.currentIndex().row()
        if watched is self.edit and key == Qt.Key.Key_Down and self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.view.setCurrentIndex(self.model.index(max(row, 0)))
        elif watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.view.currentIndex())
        elif watched is self.view and key == Qt.Key.Key_Up and row <= 0:
            self.focus_search()
        else:
            return super().eventFilter(watched, event)
        return True
