"""Import on a worker with a progress bar, then a report of what happened.

``ImportProgressDialog`` runs ``Library.import_paths`` off the GUI thread;
Cancel stops before the next file (files done stay imported). When the work
ends it emits ``finished_with(report)`` and closes; the caller shows an
``ImportReportDialog`` (summary counts, refused files with their reason,
updated files with how their passages were re-anchored).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.jobs import import_in_process
from kzreader.core.messages import localize
from kzreader.core.types import ImportReport, ImportResult
from kzreader.gui import i18n
from kzreader.gui.context import AppContext
from kzreader.gui.workers import Job


class ImportProgressDialog(QDialog):
    """Progress of one import. Call ``start()``; listen to ``finished_with``."""

    #: the import ended (done or cancelled): the ImportReport
    finished_with = Signal(object)
    #: the import failed unexpectedly: the message shown
    failed = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        paths: Sequence[str | Path],
        parent: QWidget | None = None,
        outlet: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.paths = [str(p) for p in paths]
        #: the outlet every file imported gets (a folder of one outlet's articles)
        self.outlet = outlet
        self.job: Job | None = None
        self.report: ImportReport | None = None
        self._file = ""
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.status = QLabel(self)
        self.file_label = QLabel(self)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first file
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.file_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Importing articles"))
        self.status.setText(self.tr("Preparing the import…"))
        self.bar.setFormat(self.tr("%v of %m"))
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.file_label.setAccessibleName(self.tr("File being imported"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop after the current file; the files already done stay imported (Escape)")
        )

    def start(self) -> Job:
        """Show the dialog and start the import on a worker."""
        library = self.ctx.library
        paths, outlet = list(self.paths), self.outlet

        def work(job: Job) -> ImportReport:
            # in a child process: indexing would otherwise hold the interpreter
            # lock for long stretches and freeze the window
            report = import_in_process(
                library.path,
                paths,
                progress=job.progress.emit,
                cancelled=job.cancelled,
                outlet=outlet,
            )
            library.sync_index()
            return report

        self.job = self.ctx.workers.run(
            work,
            with_job=True,
            on_done=self._on_done,
            on_error=self._on_error,
            on_progress=self._on_progress,
        )
        self.open()
        return self.job

    def is_running(self) -> bool:
        return self.job is not None and not self.job.is_finished and self.report is None

    def cancel(self) -> None:
        """Stop before the next file."""
        if not self.is_running():
            self.reject()
            return
        assert self.job is not None
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling after the current file…"))

    def _on_progress(self, done: int, total: int, path: str) -> None:
        if self.job is not None and self.job.cancelled():
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if path:
            self.status.setText(
                self.tr("Importing file {n} of {total}:").format(n=done + 1, total=total)
            )
            self._file = path
            self._show_file()
            self.file_label.setToolTip(path)
        elif total:
            self.status.setText(self.tr("Updating the search index…"))
            self.file_label.clear()

    def _show_file(self) -> None:
        name = Path(self._file).name
        fm = self.file_label.fontMetrics()
        width = max(100, self.file_label.width())
        self.file_label.setText(fm.elidedText(name, Qt.TextElideMode.ElideMiddle, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._file and self.file_label.text():
            self._show_file()

    def _on_done(self, report: ImportReport) -> None:
        self.report = report
        self.ctx.library.announce(self.ctx.library.import_changes(report))
        self.finished_with.emit(report)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        message = self.tr("The import stopped: {error}").format(error=exc)
        self.status.setText(message)
        self.file_label.clear()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setToolTip(self.tr("Close this window"))
        self.report = ImportReport()
        self.failed.emit(message)

    def reject(self) -> None:
        if self.is_running():  # Escape: cancel, and close when the worker is done
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running():
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)


class ImportReportDialog(QDialog):
    """What an import did: counts, refused files and why, updated files."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.summary = QGridLayout()
        self.cancelled_label = QLabel(self)
        self.cancelled_label.setWordWrap(True)
        self.details_label = QLabel(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(self.summary)
        layout.addWidget(self.cancelled_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.resize(720, 420 if self.table.rowCount() else 200)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def _status_names(self) -> dict[str, str]:
        return {
            "imported": self.tr("Imported"),
            "updated": self.tr("Updated"),
            "unchanged": self.tr("Unchanged"),
            "refused": self.tr("Refused"),
        }

    def _anchoring(self, result: ImportResult) -> str:
        counts = result.passages or {}
        names = {
            "exact": self.tr("{n} in place"),
            "moved": self.tr("{n} moved"),
            "fuzzy": self.tr("{n} found approximately"),
            "orphan": self.tr("{n} orphaned"),
        }
        parts = [names.get(k, k + " {n}").format(n=v) for k, v in counts.items() if v]
        if not parts:
            return self.tr("New version; no passages to re-anchor")
        return self.tr("Passages: {list}").format(list=", ".join(parts))

    @staticmethod
    def reason(result: ImportResult) -> str:
        """Why a file was refused, in the interface's language (the core
        writes it in English)."""
        return localize(result.reason or "", i18n.language())

    def rows(self) -> list[tuple[str, str, str]]:
        """``(status, file, details)`` of the files listed in the table."""
        names = self._status_names()
        out = []
        for r in self.report.results:
            if r.status == "refused":
                reason = self.reason(r)
                out.append((names["refused"], r.path, reason[:1].upper() + reason[1:]))
        out += [
            (names["updated"], r.path, self._anchoring(r))
            for r in self.report.results
            if r.status == "updated"
        ]
        return out

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import report"))
        while self.summary.count():
            item = self.summary.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for column, (status, name) in enumerate(self._status_names().items()):
            number = QLabel(str(self.report.count(status)), self)  # type: ignore[arg-type]
            font = number.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            number.setFont(font)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(name, self)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.summary.addWidget(number, 0, column)
            self.summary.addWidget(caption, 1, column)
        self.cancelled_label.setText(
            self.tr("The import was cancelled: the files done before stay imported.")
        )
        self.cancelled_label.setVisible(self.report.cancelled)
        rows = self.rows()
        self.details_label.setText(
            self.tr("Files that need your attention:")
            if rows
            else self.tr("Nothing needs your attention.")
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Status"), self.tr("File"), self.tr("Details")]
        )
        self.table.setAccessibleName(self.tr("Refused and updated files"))
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(Path(value).name if column == 1 else value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(rows))
        self.table.resizeRowsToContents()
        self.table.setColumnWidth(1, 220)
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy the report as text to the clipboard"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        close.setToolTip(self.tr("Close the report (Enter or Escape)"))

    def report_text(self) -> str:
        """The whole report as plain text, one file a line."""
        names = self._status_names()
        counts = ", ".join(
            self.tr("{status}: {n}").format(status=name, n=self.report.count(status))  # type: ignore[arg-type]
            for status, name in names.items()
        )
        lines = [self.tr("Import report"), counts]
        if self.report.cancelled:
            lines.append(self.cancelled_label.text())
        lines.append("")
        for result in self.report.results:
            detail = self.reason(result) if result.status == "refused" else result.title
            if result.status == "updated":
                detail = self._anchoring(result)
            line = f"{names.get(result.status, result.status)}\t{result.path}"
            lines.append(f"{line}\t{detail}" if detail else line)
        return "\n".join(lines) + "\n"

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
