"""Reused passages: the passage pairs two articles share (one outlet taking
up another's text), found by reuse detection. Detection runs on a worker with
progress and Cancel; the list is then read from what it stored, filtered by
scope (across outlets, within one outlet) and length. Choosing a pair opens
the two articles side by side; double-clicking one opens it in the reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kzreader.core.errors import KzreaderError
from kzreader.core.types import ChangeSet, DocumentInfo
from kzreader.gui.context import AppContext
from kzreader.gui.panels.passage_item import clip, count_text
from kzreader.gui.theme import set_warning
from kzreader.gui.workers import Job

#: The ``ReuseRow`` an item shows.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: Tables whose changes make the stored results out of date.
WATCHED = frozenset({"documents"})
#: Fewest words the stored results hold (``core.reuse_store.STORE_MIN_WORDS``).
STORE_MIN_WORDS = 8
SCOPES = ("across", "within", "all")
SETTINGS_SCOPE = "reuse_panel/scope"
SETTINGS_MIN_WORDS = "reuse_panel/min_words"
SNIPPET = 260


def default_min_words() -> int:
    """The core's default length of a reused passage (12 words), read where
    detection is installed."""
    try:
        from kzreader.core.reuse import MIN_WORDS
    except ImportError:
        return 12
    return int(MIN_WORDS)


@dataclass(frozen=True)
class ReuseRow:
    """One passage pair as the panel and the comparison show it."""

    alignment: Any  # core.reuse.Alignment
    a: DocumentInfo
    b: DocumentInfo
    #: the shared passage, as the earlier (``a``) article words it
    snippet: str


def outlet_of(info: DocumentInfo, unknown: str) -> str:
    return info.source or unknown


def date_of(info: DocumentInfo, unknown: str) -> str:
    return (info.published or "")[:10] or unknown


class ReuseDelegate(QStyledItemDelegate):
    """Paints a pair: outlets (earlier first), dimmed dates and figures, and
    the shared passage in italics."""

    PAD = 6
    GAP = 2
    SNIPPET_LINES = 2

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view
        #: set by the panel (translated): fn(row) -> (headline, details)
        self.describe = lambda row: ("", "")

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
        row: ReuseRow | None = index.data(ROW_ROLE)
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
        row: ReuseRow | None = index.data(ROW_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if row is None:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = opt.palette.color(role)
        dim = QColor(color)
        dim.setAlphaF(0.65)
        head_font, meta_font, quote_font = self._fonts(opt)
        rect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        headline, details = self.describe(row)
        painter.save()
        painter.setClipRect(opt.rect)
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
        painter.restore()


class ReusePanel(QWidget):
    """Scope and length filters, Detect with progress and Cancel, the pairs."""

    #: the list was filled: the number of pairs shown
    listed = Signal(int)
    #: a pair was chosen for comparison (a ``ReuseRow``)
    compare_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ReuseRow] = []
        self.job: Job | None = None
        self._generation = 0
        self._loaded_once = False
        self._dirty = True
        self._listing = False
        self.dialogs: list[QWidget] = []

        self.scope = QComboBox(self)
        self.min_words = QSpinBox(self)
        self.min_words.setRange(STORE_MIN_WORDS, 1000)
        saved = ctx.settings.value(SETTINGS_MIN_WORDS, default_min_words(), type=int)
        self.min_words.setValue(int(saved))  # type: ignore[call-overload]
        self.detect_button = QPushButton(self)
        self.filters_label = QLabel(self)
        self.words_label = QLabel(self)
        self.words_label.setBuddy(self.min_words)
        self.filters_label.setBuddy(self.scope)

        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.cancel_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.view = QListWidget(self)
        self.delegate = ReuseDelegate(self.view)
        self.delegate.describe = self.describe
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(False)
        self.view.setWordWrap(True)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.filters_label)
        filters.addWidget(self.scope, 1)
        filters.addWidget(self.words_label)
        filters.addWidget(self.min_words)
        running = QHBoxLayout()
        running.setSpacing(6)
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        status = QHBoxLayout()
        status.setSpacing(6)
        status.addWidget(self.status, 1)
        status.addWidget(self.detect_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addLayout(status)
        layout.addLayout(running)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.refresh)
        self.retranslate()
        scope = str(ctx.settings.value(SETTINGS_SCOPE, "across"))
        self.scope.setCurrentIndex(SCOPES.index(scope) if scope in SCOPES else 0)
        self._show_running(False)
        self.scope.currentIndexChanged.connect(self._filters_changed)
        self.min_words.valueChanged.connect(self._filters_changed)
        self.detect_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.cancel)
        self.view.itemActivated.connect(self._compare)
        self.view.itemDoubleClicked.connect(self._compare)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        ctx.bridge.changed.connect(self._on_changed)

    def retranslate(self) -> None:
        current = self.scope.currentIndex()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("Across outlets"), "across")
        self.scope.addItem(self.tr("Within an outlet"), "within")
        self.scope.addItem(self.tr("All pairs"), "all")
        self.scope.setCurrentIndex(max(0, current))
        self.scope.blockSignals(False)
        self.scope.setToolTip(
            self.tr(
                "Across outlets: one outlet taking up another's text. Within an outlet: "
                "an outlet repeating itself."
            )
        )
        self.filters_label.setText(self.tr("&Show:"))
        self.words_label.setText(self.tr("at &least"))
        self.min_words.setSuffix(self.tr(" words"))
        self.min_words.setToolTip(self.tr("The fewest words a reused passage must share"))
        self.detect_button.setText(self.tr("&Detect"))
        self.detect_button.setToolTip(
            self.tr(
                "Look for reused passages in the articles imported or changed since the last run"
            )
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the detection; nothing is stored"))
        self.view.setAccessibleName(self.tr("Reused passages"))
        self.view.setToolTip(
            self.tr("Double-click or press Enter to compare the two articles side by side")
        )
        self.status.setAccessibleName(self.tr("Reuse detection status"))
        if not self._loaded_once:
            self._set_status(self.tr("Passages that articles share appear here after detection."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.view.viewport().update()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty and not self.is_running():
            QTimer.singleShot(0, self.refresh)

    # -- descriptions ------------------------------------------------------------------

    def describe(self, row: ReuseRow) -> tuple[str, str]:
        """The two lines a pair shows above its passage."""
        al = row.alignment
        unknown_outlet, unknown_date = self.tr("unknown outlet"), self.tr("no date")
        arrow = "→" if al.order == "a-first" else "↔"
        headline = f"{outlet_of(row.a, unknown_outlet)} {arrow} {outlet_of(row.b, unknown_outlet)}"
        order = {
            "a-first": self.tr("{outlet} first").format(outlet=outlet_of(row.a, unknown_outlet)),
            "same-day": self.tr("same day"),
            "unknown": self.tr("order unknown"),
        }.get(al.order, al.order)
        details = self.tr("{date_a} · {date_b} · {words} words · {similarity} % · {order}").format(
            date_a=date_of(row.a, unknown_date),
            date_b=date_of(row.b, unknown_date),
            words=al.words,
            similarity=round(al.similarity * 100),
            order=order,
        )
        return headline, details

    # -- running -------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.job is not None

    def is_busy(self) -> bool:
        """Detecting or listing (for tests and the window's status)."""
        return self.job is not None or self._listing

    def refresh(self) -> None:
        """Bring detection up to date (a worker, with progress), then list."""
        self._timer.stop()
        if self.job is not None:
            return
        lib = self.ctx.library
        if lib.read_only:
            self.relist()
            return
        self._dirty = False
        self._generation += 1
        generation = self._generation

        def work(job: Job) -> Any:
            run = lib.detect_reuse(progress=job.progress.emit, cancelled=job.cancelled)
            return run

        self.progress.setRange(0, 0)
        self._show_running(True)
        self._set_status(self.tr("Looking for reused passages…"))
        self.job = self.ctx.workers.run(
            work,
            on_done=lambda run: self._detected(generation, run),
            on_error=lambda exc: self._failed(generation, exc),
            on_progress=self._on_progress,
            with_job=True,
        )

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self._set_status(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int, what: str) -> None:
        if not isValid(self):
            return
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if self.job is not None and not self.job.cancelled():
            self._set_status(
                self.tr("Looking for reused passages… {done} of {total} articles").format(
                    done=done, total=total
                )
            )

    def _detected(self, generation: int, run: Any) -> None:
        if not isValid(self):
            return
        self.job = None
        self._show_running(False)
        if generation != self._generation:
            return
        if getattr(run, "cancelled", False):
            self._dirty = True
            self._set_status(self.tr("Detection cancelled: nothing was stored."))
            if self._loaded_once:
                self.relist()
            return
        self.relist()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.job = None
        self._listing = False
        self._show_running(False)
        if generation != self._generation:
            return
        message = str(exc)
        if not isinstance(exc, KzreaderError):
            message = self.tr("Reuse detection failed: {error}").format(error=exc)
        self.rows = []
        self.view.clear()
        self._set_status(message[:1].upper() + message[1:], warning=True)

    def relist(self) -> None:
        """Fill the list from the stored results, with the filters chosen."""
        lib = self.ctx.library
        min_words, scope = self.min_words.value(), str(self.scope.currentData())
        self._generation += 1
        generation = self._generation
        self._listing = True

        def work() -> tuple[list[ReuseRow], int, int]:
            report = lib.reuse(min_words=min_words, scope=scope, refresh=False)
            infos: dict[int, DocumentInfo] = {}
            texts: dict[int, str] = {}
            rows = []
            for al in report.alignments:
                for side in (al.a, al.b):
                    if side.document_id not in infos:
                        view = lib.document(side.document_id)
                        infos[side.document_id], texts[side.document_id] = view.info, view.text
                snippet = clip(texts[al.a.document_id][al.a.start : al.a.end], SNIPPET)
                rows.append(ReuseRow(al, infos[al.a.document_id], infos[al.b.document_id], snippet))
            return rows, len(report.clusters), report.stale

        self.ctx.workers.run(
            work,
            on_done=lambda result: self._listed(generation, result),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _listed(self, generation: int, result: tuple[list[ReuseRow], int, int]) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._listing = False
        self._loaded_once = True
        rows, clusters, stale = result
        current = self.current_row()
        self.rows = rows
        self.view.clear()
        for row in rows:
            item = QListWidgetItem()
            item.setData(ROW_ROLE, row)
            headline, details = self.describe(row)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{headline}. {details}. {row.snippet}"
            )
            item.setToolTip(
                f"<b>{row.a.title}</b><br>{row.b.title}<br><i>{row.snippet}</i>"
                if row.a.title
                else row.snippet
            )
            self.view.addItem(item)
            if current is not None and row.alignment.id == current.alignment.id:
                self.view.setCurrentItem(item)
        if not rows:
            text = self.tr("No reused passage of {n} words or more.").format(
                n=self.min_words.value()
            )
        else:
            text = count_text(len(rows), self.tr("{n} passage pair"), self.tr("{n} passage pairs"))
            if clusters:
                text += " · " + count_text(
                    clusters,
                    self.tr("{n} passage shared by three articles or more"),
                    self.tr("{n} passages shared by three articles or more"),
                )
        if stale:
            text += " " + self.tr("({n} articles not analysed: the library is read-only)").format(
                n=stale
            )
        self._set_status(text)
        self.listed.emit(len(rows))

    def _filters_changed(self) -> None:
        self.ctx.settings.setValue(SETTINGS_SCOPE, self.scope.currentData())
        self.ctx.settings.setValue(SETTINGS_MIN_WORDS, self.min_words.value())
        if self.job is None and self._loaded_once:
            self.relist()

    def _on_changed(self, changes: ChangeSet) -> None:
        if not changes.tables & WATCHED:
            return
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.detect_button.setEnabled(not running)

    def _set_status(self, text: str, warning: bool = False) -> None:
        self.status.setText(text)
        set_warning(self.status, warning, self.palette())
        self.status.setProperty("warning", warning)

    # -- choosing -------------------------------------------------------------------------

    def current_row(self) -> ReuseRow | None:
        item = self.view.currentItem()
        return item.data(ROW_ROLE) if item is not None else None

    def _compare(self, item: QListWidgetItem) -> None:
        row = item.data(ROW_ROLE)
        if row is not None:
            self.compare(row)

    def compare(self, row: ReuseRow) -> QWidget:
        """Open the two articles of ``row`` side by side (a window of its own)."""
        from kzreader.gui.dialogs.compare_dialog import CompareDialog

        dialog = CompareDialog(self.ctx, row, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialogs = [d for d in self.dialogs if isValid(d)] + [dialog]
        dialog.show()
        self.compare_requested.emit(row)
        return dialog

    def open_article(self, row: ReuseRow, side: str) -> None:
        """Show one article of the pair in the reader, its passage marked."""
        span = row.alignment.a if side == "a" else row.alignment.b
        self.ctx.navigator.open_ranges.emit(span.document_id, [(span.start, span.end)])

    def _context_menu(self, pos: QPoint) -> None:
        item = self.view.itemAt(pos)
        row = item.data(ROW_ROLE) if item is not None else None
        if row is None:
            return
        unknown = self.tr("unknown outlet")
        menu = QMenu(self)
        menu.addAction(self.tr("&Compare Side by Side"), lambda: self.compare(row))
        menu.addSeparator()
        menu.addAction(
            self.tr("Open the {outlet} Article").format(outlet=outlet_of(row.a, unknown)),
            lambda: self.open_article(row, "a"),
        )
        menu.addAction(
            self.tr("Open the {outlet} Article").format(outlet=outlet_of(row.b, unknown)),
            lambda: self.open_article(row, "b"),
        )
        menu.exec(self.view.viewport().mapToGlobal(pos))
