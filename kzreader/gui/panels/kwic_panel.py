"""The concordance (keyword in context): every hit of a search as one line
— left context, the hit, right context, outlet, date, title — as Voyant's
Contexts or AntConc show them.

The query runs on a worker when Enter is pressed; its lines arrive in
batches, so that the first show at once, and a new query drops the one
under way. Once all are in, they are sorted (by the word before the hit, the
word after it, outlet or date) and, if asked, grouped under a heading per
outlet with its counts. Double-clicking a line opens the article at the hit;
selected lines can be tagged (one undoable operation) and the lines
exported as CSV. The query runs again when articles change (soon when
shown, else when next shown: see ``watch``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kzreader.core import kwic
from kzreader.core.errors import KzreaderError
from kzreader.core.kwic import KwicLine
from kzreader.gui.context import AppContext
from kzreader.gui.panels.kwic_model import (
    COLUMNS,
    HIT,
    ConcordanceModel,
)
from kzreader.gui.panels.kwic_stream import (
    LineRelay,
    ask_csv_path,
    fit_hit_column,
    lines_as_text,
    make_table,
    runs,
    size_columns,
    stream_work,
)
from kzreader.gui.panels.kwic_texts import heading_text, status_text
from kzreader.gui.panels.watch import Watch
from kzreader.gui.theme import set_warning
from kzreader.gui.workers import Job

SETTINGS_SORT = "kwic_panel/sort"
SETTINGS_WIDTH = "kwic_panel/width"
SETTINGS_GROUPED = "kwic_panel/grouped"
SORT_CHOICES = (None, *kwic.SORTS)
#: Milliseconds between two additions to the table while the lines arrive.
FLUSH_MS = 300
#: Tables whose changes the lines show: the articles' texts and details.
WATCHED = frozenset({"documents"})
#: Milliseconds of quiet (a change of the articles, the context width) before a new run.
RERUN_MS = 400


class ConcordancePanel(QWidget):
    """Query field, sort, context width, grouping; the lines; tagging and export."""

    #: all the lines of a query are in: their number
    finished = Signal(int)
    #: a query was refused or failed: the message shown
    failed = Signal(str)
    #: selected lines were tagged: their number
    tagged = Signal(int)
    #: the lines were written to a CSV file: its path
    exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self._generation = 0
        self._query = ""
        self._writing = False
        self._last_status: tuple[str, dict[str, Any]] = ("prompt", {})

        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.setFocusProxy(self.edit)
        self.sort_label = QLabel(self)
        self.sort = QComboBox(self)
        self.sort_label.setBuddy(self.sort)
        self.width_label = QLabel(self)
        self.width_spin = QSpinBox(self)
        self.width_spin.setRange(5, 500)
        self.width_label.setBuddy(self.width_spin)
        self.group = QCheckBox(self)
        self.tag_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = ConcordanceModel(self)
        self.view = make_table(self, self.model)

        options = QHBoxLayout()
        options.setSpacing(6)
        for widget in (self.sort_label, self.sort, self.width_label, self.width_spin, self.group):
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.tag_button)
        options.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.edit)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self._relay = LineRelay(self)
        self._relay.batch.connect(self._on_batch)
        # the watch's pause is also the context width's: one run for both
        self.watch = Watch(
            self, ctx.bridge, WATCHED, self.run, delay_ms=RERUN_MS,
            wanted=lambda _changes: bool(self._query), ready=lambda: bool(self._query),
        )  # fmt: skip
        self._rerun = self.watch.timer
        self._pending: list[KwicLine] = []
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(FLUSH_MS)
        self._flush.timeout.connect(self._flush_pending)

        self.retranslate()
        self._restore_settings()
        size_columns(self.view, self.width_spin.value())
        self._update_buttons()
        self.edit.returnPressed.connect(self.run)
        self.sort.currentIndexChanged.connect(self._arrangement_changed)
        self.group.toggled.connect(self._arrangement_changed)
        self.width_spin.valueChanged.connect(self._width_changed)
        self.view.doubleClicked.connect(self._open_index)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.installEventFilter(self)
        self.tag_button.clicked.connect(lambda: self.tag_selected())
        self.export_button.clicked.connect(lambda: self.export_csv())
        ctx.workers.when_idle(kwic.prepare)  # the first query need not wait for it

    # -- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            self.tr('Concordance of: Tokaïev, "maintien de la paix", securit*… (Enter)')
        )
        self.edit.setToolTip(
            self.tr(
                "Every hit of the search as one line, with its left and right context. "
                'The search syntax: "quotes" for a phrase, AND/OR/NOT, word* for a prefix, '
                "word~ for close spellings, source:, date:2022-01. Press Enter to run it."
            )
        )
        self.edit.setAccessibleName(self.tr("Concordance query"))
        current = max(0, self.sort.currentIndex())
        self.sort.blockSignals(True)
        self.sort.clear()
        for label, value in zip(
            (
                self.tr("Article order"),
                self.tr("Word before the hit (L1)"),
                self.tr("Word after the hit (R1)"),
                self.tr("Outlet"),
                self.tr("Date"),
            ),
            SORT_CHOICES,
            strict=True,
        ):
            self.sort.addItem(label, value)
        self.sort.setCurrentIndex(current)
        self.sort.blockSignals(False)
        self.sort_label.setText(self.tr("&Sort:"))
        self.width_label.setText(self.tr("&Context:"))
        self.width_spin.setSuffix(self.tr(" characters"))
        self.width_spin.setToolTip(self.tr("Characters of context on each side of the hit"))
        self.group.setText(self.tr("&Group by outlet"))
        self.group.setToolTip(self.tr("Show each outlet's lines together, with their counts"))
        self.tag_button.setText(self.tr("&Tag Lines…"))
        self.tag_button.setToolTip(
            self.tr("Tag the hits of the selected lines as passages (one step to undo)")
        )
        self.export_button.setText(self.tr("&Export CSV…"))
        self.export_button.setToolTip(self.tr("Write the lines to a CSV file for a spreadsheet"))
        self.view.setAccessibleName(self.tr("Concordance lines"))
        self.status.setAccessibleName(self.tr("Concordance status"))
        self.model.headers = [
            self.tr("Left context"),
            self.tr("Hit"),
            self.tr("Right context"),
            self.tr("Outlet"),
            self.tr("Date"),
            self.tr("Title"),
        ]
        self.model.unknown_outlet = self.tr("unknown outlet")
        self.model.describe_heading = heading_text
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        self._show_status(*self._last_status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.view.viewport().update()
        super().changeEvent(event)

    def _show_status(self, kind: str, facts: dict[str, Any]) -> None:
        """The status line (``kwic_texts.status_text``), kept as ``(kind,
        facts)`` to be said again in another language."""
        self._last_status = (kind, facts)
        warning = kind in ("refused", "error")
        self.status.setText(status_text(kind, facts))
        set_warning(self.status, warning, self.palette())
        self.status.setProperty("warning", warning)

    # -- settings -------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self.ctx.settings
        sort = str(settings.value(SETTINGS_SORT, "") or "")
        self.sort.setCurrentIndex(SORT_CHOICES.index(sort) if sort in kwic.SORTS else 0)
        width = settings.value(SETTINGS_WIDTH, kwic.WIDTH, type=int)
        self.width_spin.setValue(int(width))  # type: ignore[call-overload]
        grouped = settings.value(SETTINGS_GROUPED, False, type=bool)
        self.group.setChecked(bool(grouped))

    def sort_choice(self) -> str | None:
        return self.sort.currentData()

    # -- running -----------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Put ``text`` in the query field and run it."""
        self.edit.setText(text)
        self.run()

    def is_running(self) -> bool:
        return self.job is not None

    def run(self) -> Job | None:
        """Run the query in the field (what Enter does); a query under way is dropped."""
        self.watch.done()
        query = self.edit.text().strip()
        self._generation += 1
        generation = self._generation
        if self.job is not None:
            self.job.cancel()
            self.job = None
        self._flush.stop()
        self._pending = []
        self.model.clear()
        self.view.clearSpans()
        self._query = query
        self._update_buttons()
        if not query:
            self._show_status("prompt", {})
            return None
        self._show_status("running", {})
        work = stream_work(
            self.ctx.library, query, self.width_spin.value(), generation, self._relay
        )
        self.job = self.ctx.workers.run(
            work,
            on_done=self._finished,
            on_error=lambda exc: self._crashed(generation, exc),
            with_job=True,
        )
        return self.job

    def _on_batch(self, generation: int, lines: list[KwicLine]) -> None:
        if not isValid(self) or generation != self._generation:
            return
        if self.model.line_count() == 0:  # the first lines: at once
            self.model.append(lines)
            fit_hit_column(self.view, lines, self.model.headers[HIT])
        else:  # the rest a few times a second: each addition repaints the table
            self._pending.extend(lines)
            if not self._flush.isActive():
                self._flush.start()
        self._show_status("running", {"lines": self.model.line_count() + len(self._pending)})

    def _flush_pending(self) -> None:
        self._flush.stop()
        if self._pending:
            self.model.append(self._pending)
            self._pending = []

    def _finished(self, outcome: tuple[int, KzreaderError | None]) -> None:
        if not isValid(self):
            return
        generation, error = outcome
        if generation != self._generation:
            return
        self.job = None
        self._flush_pending()
        if error is not None:
            self.model.clear()
            self._fail(error, "refused")
            return
        self._arrange()
        lines = self.model.lines()
        articles = len({ln.document_id for ln in lines})
        self._show_status("done", {"lines": len(lines), "articles": articles})
        self._update_buttons()
        self.finished.emit(len(lines))

    def _crashed(self, generation: int, exc: BaseException) -> None:
        if isValid(self) and generation == self._generation:
            self.job = None
            self._fail(exc)

    def _fail(self, exc: BaseException, kind: str = "error") -> None:
        """Say what went wrong: the core's refusal as it is, anything else as a failure."""
        self._writing = False
        if isinstance(exc, KzreaderError):
            message = str(exc)
            message = message[:1].upper() + message[1:]
        else:
            message = self.tr("The concordance failed: {error}").format(error=exc)
        self._show_status(kind, {"message": message})
        self._update_buttons()
        self.failed.emit(message)

    # -- arranging -----------------------------------------------------------------------------

    def _arrangement_changed(self) -> None:
        settings = self.ctx.settings
        settings.setValue(SETTINGS_SORT, self.sort_choice() or "")
        settings.setValue(SETTINGS_GROUPED, self.group.isChecked())
        if self.job is None:  # otherwise the lines are arranged once all are in
            self._arrange()

    def _arrange(self) -> None:
        """Sort and group the lines as chosen, the selected ones kept selected."""
        selected = [(ln.document_id, ln.start) for ln in self.selected_lines()]
        self.model.arrange(self.sort_choice(), self.group.isChecked())
        self.view.clearSpans()
        for row in self.model.heading_rows():
            self.view.setSpan(row, 0, 1, COLUMNS)
        rows = self.model.rows_of(selected)
        selection = QItemSelection()
        for first, last in runs(rows):
            selection.select(self.model.index(first, 0), self.model.index(last, COLUMNS - 1))
        self.view.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _width_changed(self) -> None:
        self.ctx.settings.setValue(SETTINGS_WIDTH, self.width_spin.value())
        size_columns(self.view, self.width_spin.value())
        if self._query:
            self._rerun.start()  # contexts of the new width, once the spin box rests

    # -- lines --------------------------------------------------------------------------------

    def selected_lines(self) -> list[KwicLine]:
        """The selected lines, in the order shown (headings left out)."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [line for row in rows if (line := self.model.line(row)) is not None]

    def open_line(self, line: KwicLine) -> None:
        """Show the article in the reader with the hit marked."""
        self.ctx.navigator.open_ranges.emit(line.document_id, [(line.start, line.end)])

    def _open_index(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        if line is not None:
            self.open_line(line)

    def copy_selected(self) -> None:
        """The selected lines as tab-separated text: line, outlet, date, title."""
        text = lines_as_text(self.selected_lines())
        if text:
            QGuiApplication.clipboard().setText(text)

    def _update_buttons(self) -> None:
        writable = not self.ctx.library.read_only
        busy = self._writing
        self.tag_button.setEnabled(writable and not busy and bool(self.selected_lines()))
        self.tag_button.setToolTip(
            self.tr("Tag the hits of the selected lines as passages (one step to undo)")
            if writable
            else self.tr("The library is read-only")
        )
        self.export_button.setEnabled(not busy and self.job is None and self.model.line_count() > 0)

    def _context_menu(self, pos: QPoint) -> None:
        line = self.model.line(self.view.indexAt(pos).row())
        if line is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("&Open Article at the Hit"), lambda: self.open_line(line))
        tag = menu.addAction(self.tr("&Tag Lines…"), lambda: self.tag_selected())
        tag.setEnabled(self.tag_button.isEnabled())
        menu.addAction(self.tr("&Copy"), self.copy_selected)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter opens the current line; Ctrl+C copies the selected ones."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(self.view.currentIndex())
                return True
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selected()
                return True
        return super().eventFilter(watched, event)

    # -- tagging ---------------------------------------------------------------------------------

    def ask_tag(self) -> str | None:
        """The tag path to give the lines (None when cancelled)."""
        from kzreader.gui.dialogs.tag_dialog import TagDialog

        return TagDialog.get_path(self.ctx, self)

    def tag_selected(self) -> Job | None:
        """Ask for a tag and tag the selected lines' hits with it, as one
        operation (on a worker: a selection can hold thousands of lines)."""
        lines = self.selected_lines()
        if not lines or self.ctx.library.read_only or self._writing:
            return None
        tag = self.ask_tag()
        if not tag:
            return None
        spans: dict[int, list[tuple[int, int]]] = {}
        for line in lines:
            spans.setdefault(line.document_id, []).append((line.start, line.end))
        library = self.ctx.library

        def tagged(_changes: object) -> None:
            self._show_status("tagged", {"lines": len(lines), "tag": tag})
            self.tagged.emit(len(lines))

        return self._write(lambda: library.code_spans(spans, tag), tagged, edit=True)

    def _write(
        self, work: Callable[[], Any], done: Callable[[Any], None], edit: bool = False
    ) -> Job:
        """Run an ``edit`` of the library (``ctx.operations``) or an export
        (on a worker), tagging and export off meanwhile."""
        self._writing = True
        self._update_buttons()

        def finished(result: Any) -> None:
            if isValid(self):
                self._writing = False
                done(result)
                self._update_buttons()

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self._fail(exc)

        if edit:
            return self.ctx.operations.run(work, on_done=finished, on_error=failed)
        return self.ctx.workers.run(work, on_done=finished, on_error=failed)

    # -- export ------------------------------------------------------------------------------------

    def ask_csv_path(self) -> Path | None:
        """The CSV file to write, from a file dialog (None when cancelled)."""
        return ask_csv_path(self, self.ctx.settings)

    def export_csv(self, path: Path | None = None) -> Job | None:
        """Write the lines, in the order shown, to a CSV file (UTF-8 with a
        byte-order mark, for Excel); never inside a library's folder."""
        lines = self.model.lines()
        if not lines or self._writing:
            return None
        path = path or self.ask_csv_path()
        if path is None:
            return None
        try:
            target = Path(self.ctx.library.check_output(path, "export"))
        except KzreaderError as exc:
            self._fail(exc, "refused")
            return None

        def exported(count: int) -> None:
            self._show_status("exported", {"lines": count, "file": target.name})
            self.exported.emit(str(target))

        return self._write(lambda: kwic.write_csv(lines, target), exported)
