"""Reused text: the passage pairs two articles share (one outlet taking up
another's text), the passages three articles or more share, and the
quotations several articles carry, found by reuse detection. Detection runs
on a worker with progress and Cancel: by itself when the panel comes into
sight with few articles to analyse, on Detect when there are many (minutes
of work at 100,000 articles). The lists are then read from what it stored,
filtered by scope (across outlets, within one outlet), length and outlet.
Choosing a pair or a shared passage opens two articles side by side;
choosing a quotation opens its first appearance in the reader."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kzreader.core.errors import KzreaderError
from kzreader.core.reuse_limits import MIN_WORDS, STORE_MIN_WORDS
from kzreader.gui.context import AppContext
from kzreader.gui.panels.latest import LatestOnly
from kzreader.gui.panels.passage_item import count_text
from kzreader.gui.panels.reuse_items import (
    ROW_ROLE,
    ClusterRow,
    QuoteRow,
    ReuseRow,
    RowBuilder,
    date_of,
    outlet_of,
    outlets_of,
)
from kzreader.gui.panels.reuse_lists import fill_list, keeps, make_list
from kzreader.gui.panels.reuse_texts import ReuseTexts
from kzreader.gui.panels.watch import Watch
from kzreader.gui.theme import set_warning
from kzreader.gui.workers import Job

__all__ = ["ReusePanel", "ReuseRow", "default_min_words"]

#: Tables whose changes make the stored results out of date.
WATCHED = frozenset({"documents"})
SCOPES = ("across", "within", "all")
VIEWS = ("pairs", "clusters", "quotes")
SETTINGS_SCOPE = "reuse_panel/scope"
SETTINGS_MIN_WORDS = "reuse_panel/min_words"
SETTINGS_VIEW = "reuse_panel/view"
SNIPPET = 260
#: pairs a shared passage's context menu offers to compare, at most
MENU_PAIRS = 12
#: more articles to analyse than this and detection waits for Detect (a full
#: run takes about 2 s a thousand articles, more as the library grows)
AUTO_DETECT_LIMIT = 2000


class _Waiting:
    """Detection left for Detect: ``documents`` are to be analysed."""

    def __init__(self, documents: int) -> None:
        self.documents = documents


def default_min_words() -> int:
    """The core's default length of a reused passage (12 words)."""
    return MIN_WORDS


class ReusePanel(QWidget):
    """Scope, length and outlet filters, Detect with progress and Cancel, and
    three lists: pairs, passages shared by three articles or more, quotations."""

    #: the pairs list was filled: the number of pairs shown
    listed = Signal(int)
    #: the quotations list was filled: the number of quotations shown
    quotes_listed = Signal(int)
    #: a pair was chosen for comparison (a ``ReuseRow``)
    compare_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: what the lists show (the outlet filter applied)
        self.rows: list[ReuseRow] = []
        self.cluster_rows: list[ClusterRow] = []
        self.quote_rows: list[QuoteRow] = []
        self._pairs: list[ReuseRow] = []
        self._clusters: list[ClusterRow] = []
        self._quotes: list[QuoteRow] | None = None
        self._stale = 0
        self.job: Job | None = None
        #: detecting, then listing: only the latest hands its result back
        self._latest = LatestOnly(ctx.workers, self)
        self._quotes_latest = LatestOnly(ctx.workers, self)
        self._loaded_once = False
        self.dialogs: list[QWidget] = []
        self.texts = ReuseTexts(self)

        self.scope = QComboBox(self)
        self.min_words = QSpinBox(self)
        self.min_words.setRange(STORE_MIN_WORDS, 1000)
        saved = ctx.settings.value(SETTINGS_MIN_WORDS, default_min_words(), type=int)
        self.min_words.setValue(int(saved))  # type: ignore[call-overload]
        self.outlet = QComboBox(self)
        self.outlet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.detect_button = QPushButton(self)
        self.filters_label = QLabel(self)
        self.words_label = QLabel(self)
        self.outlet_label = QLabel(self)
        self.words_label.setBuddy(self.min_words)
        self.filters_label.setBuddy(self.scope)
        self.outlet_label.setBuddy(self.outlet)

        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.cancel_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tabs = QTabBar(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        for _ in VIEWS:
            self.tabs.addTab("")
        self.view = make_list(self, self.describe)
        self.clusters_view = make_list(self, self.describe)
        self.quotes_view = make_list(self, self.describe)
        self.stack = QStackedWidget(self)
        for view in (self.view, self.clusters_view, self.quotes_view):
            self.stack.addWidget(view)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.filters_label)
        filters.addWidget(self.scope, 1)
        filters.addWidget(self.words_label)
        filters.addWidget(self.min_words)
        outlets = QHBoxLayout()
        outlets.setSpacing(6)
        outlets.addWidget(self.outlet_label)
        outlets.addWidget(self.outlet, 1)
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
        layout.addLayout(outlets)
        layout.addLayout(status)
        layout.addLayout(running)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)

        self.watch = Watch(
            self, ctx.bridge, WATCHED, self.refresh_if_quick, delay_ms=400,
            ready=lambda: not self.is_running(),
        )  # fmt: skip
        self.retranslate()
        scope = str(ctx.settings.value(SETTINGS_SCOPE, "across"))
        self.scope.setCurrentIndex(SCOPES.index(scope) if scope in SCOPES else 0)
        view = str(ctx.settings.value(SETTINGS_VIEW, "pairs"))
        self.tabs.setCurrentIndex(VIEWS.index(view) if view in VIEWS else 0)
        self.stack.setCurrentIndex(self.tabs.currentIndex())
        self._show_running(False)
        self.scope.currentIndexChanged.connect(self._filters_changed)
        self.min_words.valueChanged.connect(self._filters_changed)
        self.outlet.currentIndexChanged.connect(self._outlet_changed)
        self.tabs.currentChanged.connect(self._view_changed)
        self.detect_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.cancel)
        for view in (self.view, self.clusters_view, self.quotes_view):
            view.itemActivated.connect(self._activated)
            view.itemDoubleClicked.connect(self._activated)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda pos, view=view: self._context_menu(view, pos)
            )

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
        self.outlet_label.setText(self.tr("&Outlet:"))
        self.outlet.setToolTip(self.tr("Show only what involves this outlet"))
        self._fill_outlets()
        self.tabs.setTabText(0, self.tr("Pairs"))
        self.tabs.setTabToolTip(0, self.tr("Passages two articles share"))
        self.tabs.setTabText(1, self.tr("Shared by 3+"))
        self.tabs.setTabToolTip(1, self.tr("Passages three articles or more share"))
        self.tabs.setTabText(2, self.tr("Quotations"))
        self.tabs.setTabToolTip(
            2, self.tr("Quotations several articles carry, with where they appeared first")
        )
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
        self.clusters_view.setAccessibleName(self.tr("Passages shared by three articles or more"))
        self.clusters_view.setToolTip(
            self.tr(
                "Double-click or press Enter to compare the first appearance with another "
                "article; right-click for the others"
            )
        )
        self.quotes_view.setAccessibleName(self.tr("Shared quotations"))
        self.quotes_view.setToolTip(
            self.tr("Double-click or press Enter to open the first appearance in the reader")
        )
        self.status.setAccessibleName(self.tr("Reuse detection status"))
        if not self._loaded_once:
            self._set_status(self.tr("Passages that articles share appear here after detection."))
        elif self.job is None:
            self._show_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for view in (self.view, self.clusters_view, self.quotes_view):
                view.viewport().update()
        super().changeEvent(event)

    def describe(self, row: ReuseRow | ClusterRow | QuoteRow) -> tuple[str, str]:
        """The two lines a row shows above its passage."""
        return self.texts.describe(row)

    # -- running -------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.job is not None

    def is_busy(self) -> bool:
        """Detecting or listing (for tests and the window's status)."""
        return self.job is not None or self._latest.pending or self._quotes_latest.pending

    def refresh(self) -> None:
        """Bring detection up to date (a worker, with progress), then list."""
        self._detect(limit=None)

    def refresh_if_quick(self) -> None:
        """``refresh`` when at most ``AUTO_DETECT_LIMIT`` articles are to be
        analysed; else list what is stored, and say that Detect analyses
        the rest."""
        self._detect(limit=AUTO_DETECT_LIMIT)

    def _detect(self, limit: int | None) -> None:
        self.watch.timer.stop()
        if self.job is not None:
            return
        lib = self.ctx.library
        if lib.read_only:
            self.relist()
            return
        self.watch.done()

        def work(job: Job) -> Any:
            if limit is not None:
                waiting = lib.reuse_stale()
                if waiting > limit:
                    return _Waiting(waiting)
            return lib.detect_reuse(progress=job.progress.emit, cancelled=job.cancelled)

        self.progress.setRange(0, 0)
        self._show_running(True)
        self._set_status(self.tr("Looking for reused passages…"))
        self.job = self._latest.run(
            work, self._detected, self._failed, on_progress=self._on_progress, with_job=True
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

    def _detected(self, run: Any) -> None:
        self.job = None
        self._show_running(False)
        if getattr(run, "cancelled", False):
            self.watch.dirty = True
            self._set_status(self.tr("Detection cancelled: nothing was stored."))
            if self._loaded_once:
                self.relist()
            return
        if isinstance(run, _Waiting):
            self.relist()  # what is stored, the count of the rest with it
            return
        self._quotes = None  # the texts may have changed: quotations are read again
        self.relist()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self._show_running(False)
        message = str(exc)
        if not isinstance(exc, KzreaderError):
            message = self.tr("Reuse detection failed: {error}").format(error=exc)
        self._pairs, self._clusters, self._quotes = [], [], []
        self._show_rows()
        self._set_status(message[:1].upper() + message[1:], warning=True)

    def relist(self) -> None:
        """Fill the lists from the stored results, with the filters chosen."""
        lib = self.ctx.library
        min_words, scope = self.min_words.value(), str(self.scope.currentData())

        def work() -> tuple[list[ReuseRow], list[ClusterRow], int]:
            report = lib.reuse(min_words=min_words, scope=scope, refresh=False)
            build = RowBuilder(lib)
            pairs = build.pairs(report, SNIPPET)
            return pairs, build.clusters(report, pairs, SNIPPET), report.stale

        self._latest.run(work, self._listed, self._failed)
        if self.current_view() == "quotes" or self._quotes is not None:
            self.list_quotes()

    def list_quotes(self) -> None:
        """Read the quotations several articles carry (a worker)."""
        lib = self.ctx.library

        def work() -> list[QuoteRow]:
            return RowBuilder(lib).quotes(lib.quotes())

        self._quotes_latest.run(work, self._quotes_read, self._quotes_failed)

    def _listed(self, result: tuple[list[ReuseRow], list[ClusterRow], int]) -> None:
        self._loaded_once = True
        self._pairs, self._clusters, self._stale = result
        self._fill_outlets()
        self._show_rows()
        self.listed.emit(len(self.rows))

    def _quotes_read(self, rows: list[QuoteRow]) -> None:
        self._quotes = rows
        self._fill_outlets()
        self._show_rows()
        self.quotes_listed.emit(len(self.quote_rows))

    def _quotes_failed(self, exc: BaseException) -> None:
        self._quotes = []
        self._show_rows()
        message = str(exc) if isinstance(exc, KzreaderError) else (
            self.tr("Reading the quotations failed: {error}").format(error=exc)
        )  # fmt: skip
        self._set_status(message[:1].upper() + message[1:], warning=True)

    # -- showing ---------------------------------------------------------------------------

    def current_view(self) -> str:
        return VIEWS[max(0, self.tabs.currentIndex())]

    def _fill_outlets(self) -> None:
        """The outlet filter's choices: every outlet the results involve."""
        current = self.outlet.currentData()
        if current is None:
            current = None if self.outlet.count() else "*"
        found: set[str] = set()
        for rows in (self._pairs, self._clusters, self._quotes or []):
            for row in rows:
                found |= outlets_of(row)
        self.outlet.blockSignals(True)
        self.outlet.clear()
        self.outlet.addItem(self.tr("Any outlet"), "*")
        for name in sorted(found, key=lambda n: (n == "", n.casefold())):
            self.outlet.addItem(name or self.tr("unknown outlet"), name)
        index = self.outlet.findData(current) if current is not None else 0
        self.outlet.setCurrentIndex(max(0, index))
        self.outlet.blockSignals(False)

    def _show_rows(self) -> None:
        """Fill the three lists with the rows the outlet filter keeps."""
        outlet = self.outlet.currentData()
        self.rows = [r for r in self._pairs if keeps(outlet, r)]
        self.cluster_rows = [r for r in self._clusters if keeps(outlet, r)]
        self.quote_rows = [r for r in self._quotes or [] if keeps(outlet, r)]
        for view, rows in (
            (self.view, self.rows),
            (self.clusters_view, self.cluster_rows),
            (self.quotes_view, self.quote_rows),
        ):
            fill_list(view, rows, self.describe, self.texts.tooltip)
        self._show_counts()

    def _show_counts(self) -> None:
        if self.job is not None or not self._loaded_once:
            return
        view = self.current_view()
        if view == "quotes":
            if self._quotes is None:
                text = self.tr("Reading the quotations…")
            elif not self.quote_rows:
                text = self.tr("No quotation appears in two articles or more.")
            else:
                text = count_text(
                    len(self.quote_rows),
                    self.tr("{n} quotation in two articles or more"),
                    self.tr("{n} quotations in two articles or more"),
                )
        elif view == "clusters" and not self.cluster_rows:
            text = self.tr("No passage of {n} words or more is shared by three articles.").format(
                n=self.min_words.value()
            )
        elif not self.rows:
            text = self.tr("No reused passage of {n} words or more.").format(
                n=self.min_words.value()
            )
        else:
            text = count_text(
                len(self.rows), self.tr("{n} passage pair"), self.tr("{n} passage pairs")
            )
            if self.cluster_rows:
                text += " · " + count_text(
                    len(self.cluster_rows),
                    self.tr("{n} passage shared by three articles or more"),
                    self.tr("{n} passages shared by three articles or more"),
                )
        if self._stale and self.ctx.library.read_only:
            text += " " + self.tr("({n} articles not analysed: the library is read-only)").format(
                n=self._stale
            )
        elif self._stale:
            text += " " + self.tr(
                "({n} articles not analysed yet: Detect analyses them, which can take minutes)"
            ).format(n=self._stale)
        self._set_status(text)

    def _filters_changed(self) -> None:
        self.ctx.settings.setValue(SETTINGS_SCOPE, self.scope.currentData())
        self.ctx.settings.setValue(SETTINGS_MIN_WORDS, self.min_words.value())
        if self.job is None and self._loaded_once:
            self.relist()

    def _outlet_changed(self) -> None:
        self._show_rows()
        self.listed.emit(len(self.rows))

    def _view_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.ctx.settings.setValue(SETTINGS_VIEW, VIEWS[index])
        if VIEWS[index] == "quotes" and self._quotes is None and not self._quotes_latest.pending:
            self.list_quotes()
        self._show_counts()

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

    def _activated(self, item: QListWidgetItem) -> None:
        row = item.data(ROW_ROLE)
        if isinstance(row, ReuseRow):
            self.compare(row)
        elif isinstance(row, ClusterRow):
            self.compare(row.best_pair())
        elif isinstance(row, QuoteRow):
            self.open_quote(row, 0)

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

    def open_quote(self, row: QuoteRow, index: int) -> None:
        """Show one quotation of a group in the reader, marked."""
        quote = row.group.quotes[index]
        self.ctx.navigator.open_ranges.emit(quote.document_id, [(quote.start, quote.end)])

    def _context_menu(self, view: QListWidget, pos: QPoint) -> None:
        item = view.itemAt(pos)
        row = item.data(ROW_ROLE) if item is not None else None
        if row is None:
            return
        unknown, no_date = self.tr("unknown outlet"), self.tr("no date")
        menu = QMenu(self)
        if isinstance(row, ReuseRow):
            menu.addAction(self.tr("&Compare Side by Side"), lambda: self.compare(row))
            menu.addSeparator()
            for side, info in (("a", row.a), ("b", row.b)):
                menu.addAction(
                    self.tr("Open the {outlet} Article").format(outlet=outlet_of(info, unknown)),
                    lambda side=side: self.open_article(row, side),
                )
        elif isinstance(row, ClusterRow):
            for pair in row.pairs[:MENU_PAIRS]:
                menu.addAction(
                    self.tr("Compare {a} ({date_a}) with {b} ({date_b})").format(
                        a=outlet_of(pair.a, unknown),
                        date_a=date_of(pair.a, no_date),
                        b=outlet_of(pair.b, unknown),
                        date_b=date_of(pair.b, no_date),
                    ),
                    lambda pair=pair: self.compare(pair),
                )
        else:
            for index, info in enumerate(row.infos):
                menu.addAction(
                    self.tr("Open in {outlet} ({date})").format(
                        outlet=outlet_of(info, unknown), date=date_of(info, no_date)
                    ),
                    lambda index=index: self.open_quote(row, index),
                )
        menu.exec(view.viewport().mapToGlobal(pos))
