"""What comes into the library and goes out of it from the window: imports of
articles (chosen or dropped on the window), REFI-QDA projects, exports, and
the rebuilding of the search index."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog

from kzreader.core.types import ImportReport
from kzreader.gui.dialogs.export_dialog import ExportDialog, last_folder, remember_folder
from kzreader.gui.dialogs.import_dialog import ImportProgressDialog, ImportReportDialog
from kzreader.gui.reader import prepare_first_article
from kzreader.paths import sample_articles_dir

if TYPE_CHECKING:
    from kzreader.gui.dialogs.project_import_dialog import ProjectImportDialog
    from kzreader.gui.main_window import MainWindow


class Transfers(QObject):
    """The File menu's imports and exports, and Rebuild Search Index."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.library = window.library
        self.import_dialog: ImportProgressDialog | None = None
        #: the report of the last import of articles (None until one ends)
        self.last_report: ImportReport | None = None
        self.export_dialog: ExportDialog | None = None
        self.project_dialog: ProjectImportDialog | None = None
        a = window.actions_
        a.import_files.triggered.connect(self.import_files_dialog)
        a.import_folder.triggered.connect(self.import_folder_dialog)
        a.import_outlet_folder.triggered.connect(self.import_outlet_folder_dialog)
        a.import_samples.triggered.connect(lambda: self.import_paths([sample_articles_dir()]))
        a.import_project.triggered.connect(self.import_project_dialog)
        a.export.triggered.connect(self.open_export_dialog)
        a.reindex.triggered.connect(self.reindex)

    # -- importing ----------------------------------------------------------------------

    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import Articles"),
            str(Path.home()),
            self.tr("Articles (*.txt *.md *.html *.htm *.pdf *.docx *.rtf);;All files (*)"),
        )
        if files:
            self.import_paths(files)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Import a Folder"), str(Path.home())
        )
        if folder:
            self.import_paths([folder])

    def import_outlet_folder_dialog(self) -> None:
        """A folder of one outlet's articles: the folder, then the outlet."""
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Import a Folder of One Outlet"), str(Path.home())
        )
        if not folder:
            return
        outlets = self.library.outlets()
        outlet, ok = QInputDialog.getItem(
            self.window,
            self.tr("Outlet of the Folder"),
            self.tr("Every article of {folder} comes from:").format(folder=Path(folder).name),
            outlets,
            0,
            True,
        )
        if ok and outlet.strip():
            self.import_paths([folder], outlet=outlet.strip())

    def import_paths(self, paths: list, outlet: str | None = None) -> ImportProgressDialog:
        # The import ends by opening its first article. What the reader
        # needs for it is a warm-up, which waits for the import to end:
        # built then by the opening, it held the GUI thread 25 ms more, and
        # the margin's first reuse 50 ms of the interpreter's lock.
        self.ctx.workers.run(partial(prepare_first_article, self.library))
        dialog = ImportProgressDialog(self.ctx, [str(p) for p in paths], self.window, outlet=outlet)
        dialog.finished_with.connect(self._import_finished)
        self.import_dialog = dialog
        dialog.start()
        dialog.show()
        return dialog

    def _import_finished(self, report: ImportReport) -> None:
        window = self.window
        self.last_report = report
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()  # its report is kept: freed once closed
        self.import_dialog = None
        imported = [r.document_id for r in report.results if r.status == "imported"]

        # The panels reload first, on workers (the import's changes were
        # announced, and the counts shown again). Then the first article,
        # then the report, each in its own event, the report once the window
        # has painted the article: the window never stops answering for long.
        def show() -> None:
            if imported and not window.reader.document_id:
                window.open_document(imported[0])
            QTimer.singleShot(40, window, lambda: self._show_import_report(report))

        self.ctx.workers.after_jobs(lambda: QTimer.singleShot(0, window, show))

    def _show_import_report(self, report: ImportReport) -> ImportReportDialog:
        dialog = ImportReportDialog(report, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def drag_enter(self, event: QDragEnterEvent) -> None:
        """Files dragged over the window: accepted if some are local."""
        if self.library.read_only:
            return
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        """Files dropped on the window: imported as articles."""
        if self.library.read_only:
            return
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- exchange: projects, exports ---------------------------------------------------

    def import_project_dialog(self) -> ProjectImportDialog | None:
        """Choose a REFI-QDA project or codebook and import it."""
        if self.library.read_only:
            return None
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import a Project"),
            str(last_folder(self.ctx.settings)),
            self.tr(
                "REFI-QDA projects and codebooks (*.qdpx *.qdc);;"
                "REFI-QDA projects (*.qdpx);;REFI-QDA codebooks (*.qdc);;All files (*)"
            ),
        )
        if not chosen:
            return None
        remember_folder(self.ctx.settings, Path(chosen))
        return self.import_project(Path(chosen))

    def import_project(self, path: Path) -> ProjectImportDialog | None:
        """Import ``path`` on a worker; the dialog shows the progress, then
        what the import brought."""
        if self.library.read_only:
            return None
        if self.project_dialog is not None and not self.project_dialog.isVisible():
            self.project_dialog.deleteLater()  # the last one, closed: freed
        # imported when first used: the REFI-QDA reader it brings costs 30 ms
        # that a window opening need not wait for
        from kzreader.gui.dialogs.project_import_dialog import ProjectImportDialog

        dialog = ProjectImportDialog(self.ctx, path, self.window)
        dialog.finished_with.connect(self._project_imported)
        dialog.failed.connect(self._project_import_failed)
        self.project_dialog = dialog
        dialog.start()
        return dialog

    def _project_imported(self, report: object) -> None:
        window = self.window
        created = list(getattr(report, "documents_created", []))
        window.refresh_status()
        if created and not window.reader.document_id:
            window.open_document(created[0])
        window.show_message(
            self.tr("Imported {name}. Undo takes it back.").format(
                name=Path(str(getattr(report, "path", ""))).name
            ),
            10_000,
        )

    def _project_import_failed(self, message: str) -> None:
        self.window.show_error(message)

    def open_export_dialog(self) -> ExportDialog:
        """The export dialog, over what the window shows now (the article
        in the reader, the articles listed, the tag chosen)."""
        window = self.window
        running = self.export_dialog
        if running is not None and running.is_running():
            dialog = running  # one export at a time: show the one under way
        else:
            shown = window.centre.currentWidget() is window.reader_page
            dialog = ExportDialog(
                self.ctx,
                window,
                current_document=window.reader.document_id if shown else 0,
                shown_documents=window.library_panel.visible_document_ids(),
                chosen_tag=window.tags_panel.selected_path(),
            )
            dialog.exported.connect(lambda report, text: window.show_message(text, 15_000))
            if running is not None:
                running.deleteLater()
            self.export_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def reindex(self) -> None:
        window = self.window
        window.progress.setRange(0, 0)
        window.progress.show()
        window.show_message(self.tr("Rebuilding the search index…"), 0)

        def done(count: object) -> None:
            window.progress.hide()
            window.show_message(self.tr("Search index rebuilt: {n} articles.").format(n=count))

        def failed(error: BaseException) -> None:
            window.progress.hide()
            window.show_error(error)

        self.ctx.workers.run(self.library.reindex, on_done=done, on_error=failed)
