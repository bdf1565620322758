"""Import a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) on a worker,
then say what it brought.

``Library.import_project`` reads and checks the whole file before it
changes anything, then stores it in one transaction: it cannot be stopped
half-way, so the dialog has no Cancel while it runs (it stays painted and
answering, the work being on a worker). The import goes through the
library's operations, so the window's panels hear of it through
``ctx.bridge.changed`` like any other change, and Undo takes it back whole.

A file that cannot be read is refused whole: the dialog closes and emits
``failed`` with the core's reason; the window shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.exchange.qdpx import ProjectImportReport
from kzreader.gui.context import AppContext
from kzreader.gui.workers import Job


class ProjectImportDialog(QDialog):
    """Progress of one project import, then its summary. Call ``start()``."""

    #: the import is done: the core's report
    finished_with = Signal(object)
    #: the import failed, nothing was imported: the message to show
    failed = Signal(str)

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.job: Job | None = None
        self.report: Any = None
        self._running = False
        self.setWindowModality(Qt.WindowModality.WindowModal)
        codebook = self.path.suffix.lower() == ".qdc"
        self.setWindowTitle(
            self.tr("Importing a Codebook") if codebook else self.tr("Importing a Project")
        )
        self.heading = QLabel(self.tr("Importing {name}…").format(name=self.path.name))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.counts = QFormLayout()
        self.warnings_label = QLabel(self.tr("Notes on the import:"))
        self.warnings = QListWidget()
        self.warnings.setAccessibleName(self.tr("Notes on the import"))
        self.warnings.setWordWrap(True)
        self.undo_hint = QLabel()
        self.undo_hint.setWordWrap(True)
        self.undo_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.detail)
        layout.addWidget(self.bar)
        layout.addLayout(self.counts)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings, 1)
        layout.addWidget(self.undo_hint)
        layout.addWidget(self.buttons)
        for widget in (self.warnings_label, self.warnings, self.undo_hint):
            widget.hide()
        self.setMinimumWidth(460)

    # -- running -------------------------------------------------------------------

    def start(self) -> Job:
        """Show the dialog and import on a worker."""
        library = self.ctx.library
        path = self.path

        def work(job: Job) -> Any:
            return library.import_project(path, progress=job.progress.emit)

        self._running = True
        self.close_button.setEnabled(False)
        self.close_button.setToolTip(
            self.tr("An import cannot be stopped: it is brought in whole or not at all")
        )
        self.job = self.ctx.workers.run(
            work,
            with_job=True,
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progress,
        )
        self.open()
        return self.job

    def is_running(self) -> bool:
        return self._running

    def _progress(self, done: int, total: int, label: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        # the core reads the whole project, then stores it: two halves
        half = total // 2
        step = self.tr("Reading") if done < half or not half else self.tr("Storing")
        if label:
            text = self.detail.fontMetrics().elidedText(
                " ".join(label.split()), Qt.TextElideMode.ElideRight, 380
            )
            self.detail.setText(self.tr("{step}: {item}").format(step=step, item=text))

    def _done(self, report: Any) -> None:
        self._running = False
        self.report = report
        self.bar.hide()
        self.detail.hide()
        self.close_button.setEnabled(True)
        self.close_button.setToolTip("")
        self.close_button.setDefault(True)
        self._show_report(report)
        self.finished_with.emit(report)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.close_button.setEnabled(True)
        self.reject()
        self.failed.emit(
            self.tr("{name} could not be imported: {error}. Nothing was imported.").format(
                name=self.path.name, error=error
            )
        )

    # -- the summary ---------------------------------------------------------------

    def count_rows(self, report: Any) -> list[tuple[str, int]]:
        """``(what, how many)`` of the summary, the rows that say something."""
        rows: list[tuple[str, int]] = []
        if isinstance(report, ProjectImportReport):
            rows += [
                (self.tr("New articles"), len(report.documents_created)),
                (self.tr("Articles already in the library"), len(report.documents_reused)),
                (self.tr("New passages"), report.passages_created),
                (self.tr("Passages joined to existing ones"), report.passages_merged),
            ]
        rows += [
            (self.tr("New tags"), report.tags_created),
            (self.tr("Tags already in the library"), report.tags_existing),
            (self.tr("Tag descriptions added"), report.descriptions_added),
        ]
        if isinstance(report, ProjectImportReport):
            rows += [
                (self.tr("Links"), report.links_created),
                (self.tr("Notes"), report.notes_attached),
                (self.tr("Article attributes"), report.attributes_set),
            ]
        keep = {self.tr("New articles"), self.tr("New passages"), self.tr("New tags")}
        return [(what, n) for what, n in rows if n or what in keep]

    def _show_report(self, report: Any) -> None:
        project = isinstance(report, ProjectImportReport)
        self.setWindowTitle(
            self.tr("Project Imported") if project else self.tr("Codebook Imported")
        )
        self.heading.setText(self.tr("Imported {name}.").format(name=self.path.name))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        for what, n in self.count_rows(report):
            number = QLabel(str(n))
            number.setAccessibleName(what)
            self.counts.addRow(what, number)
        self.warnings.addItems([w[:1].upper() + w[1:] for w in report.warnings])
        self.warnings_label.setVisible(bool(report.warnings))
        self.warnings.setVisible(bool(report.warnings))
        key = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.undo_hint.setText(
            self.tr("Edit → Undo ({key}) takes the whole import back.").format(key=key)
        )
        self.undo_hint.show()
        self.adjustSize()

    def summary_text(self) -> str:
        """The summary as plain text, one line per count, then the notes."""
        if self.report is None:
            return ""
        lines = [self.heading.text()]
        row = self.tr("{what}: {n}")
        lines += [row.format(what=what, n=n) for what, n in self.count_rows(self.report)]
        lines += list(self.report.warnings)
        return "\n".join(lines)

    # -- closing -------------------------------------------------------------------

    def reject(self) -> None:
        if self._running:  # Escape: the import cannot be stopped
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()
            return
        super().closeEvent(event)
