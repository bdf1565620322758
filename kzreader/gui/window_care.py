"""The window's care of the library: the index sync and quick check of every
opening, the full check, backups (into the library's folder or into a file)
and restoring one."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QFileDialog

from kzreader.core.check import CheckReport
from kzreader.core.errors import KzreaderError
from kzreader.gui.dialogs.backups_dialog import BackupsDialog
from kzreader.gui.dialogs.check_dialog import CheckDialog, CheckWording
from kzreader.gui.dialogs.export_dialog import last_folder, remember_folder, today, with_suffix
from kzreader.gui.workers import Job

#: Articles indexed between two progress reports of the sync at opening.
SYNC_STEP = 50

if TYPE_CHECKING:
    from kzreader.gui.main_window import MainWindow


class LibraryCare(QObject):
    """Backs the library up, checks it and restores it, for the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.library = window.library
        self.backups_dialog: BackupsDialog | None = None
        self.check_dialog: CheckDialog | None = None
        #: what the check at opening found (None until it has run)
        self.quick_report: CheckReport | None = None
        #: articles are being indexed at opening (``start_background_sync``)
        self._syncing = False
        a = window.actions_
        a.back_up_to_file.triggered.connect(self.back_up_to_file)
        a.restore_from_file.triggered.connect(self.restore_from_file)
        a.back_up.triggered.connect(self.back_up_now)
        a.backups.triggered.connect(self.open_backups)
        a.check.triggered.connect(self.open_check_dialog)

    def start_background_sync(self) -> None:
        """Bring the search index in step with the database, then run the
        quick check, off the GUI thread. The check comes second so that it
        does not report what the sync is about to set right. Documents to
        index (an interrupted import's rest, a rebuild) are counted in the
        progress bar and the status line as they go."""
        window = self.window
        window.progress.setRange(0, 0)
        window.progress.show()

        def done(state: object) -> None:
            window.progress.hide()
            if state == "rebuilt":
                window.show_message(self.tr("The search index was rebuilt."))
            elif state == "updated" and self._syncing:
                window.show_message(self.tr("The search index is up to date."))
            elif state == "stale" and self.library.index_problem:
                window.show_message(
                    self.tr("Search may miss recent changes: {problem}").format(
                        problem=self.library.index_problem
                    ),
                    20_000,
                )
            self._syncing = False
            self.start_quick_check()

        def failed(error: BaseException) -> None:
            window.progress.hide()
            self._syncing = False
            window.show_error(error)
            self.start_quick_check()

        library = self.library

        def work(job: Job) -> str:
            def told(done: int, total: int, title: str) -> None:
                if done % SYNC_STEP == 0 or done == total:  # not a signal per article
                    job.progress.emit(done, total, title)

            return library.sync_index(progress=told)

        self.ctx.workers.run(
            work, with_job=True, on_done=done, on_error=failed, on_progress=self._synced_some
        )

    def _synced_some(self, done: int, total: int, _title: str) -> None:
        window = self.window
        self._syncing = True
        window.progress.setRange(0, max(total, 1))
        window.progress.setValue(done)
        window.show_message(
            self.tr("Bringing the search index up to date: {done} of {total} articles…").format(
                done=QLocale().toString(done), total=QLocale().toString(total)
            ),
            0,
        )

    # -- checks -------------------------------------------------------------------------

    def start_quick_check(self) -> Job:
        """The cheap checks of every opening, on a worker; problems found are
        shown in a banner that offers the full check."""
        library = self.library
        return self.ctx.workers.run(
            lambda: library.check(quick=True),
            on_done=self._quick_checked,
            on_error=self._quick_check_failed,
        )

    def _quick_checked(self, report: CheckReport) -> None:
        self.quick_report = report
        if report.clean:
            return
        window = self.window
        summary = CheckWording(window).summary(report)
        window.check_banner.set_text(
            "<b>{}</b> {} {}".format(
                escape(self.tr("The check at opening found problems in this library.")),
                escape(summary + "."),
                escape(self.tr("Check Library looks further and can repair them.")),
            )
        )
        window.check_banner.show()
        message = self.tr("The check at opening found problems: {summary}.")
        window.show_message(message.format(summary=summary), 15_000)

    def _quick_check_failed(self, error: BaseException) -> None:
        message = self.tr("The check at opening could not run: {error}")
        self.window.show_message(message.format(error=error))

    def open_check_dialog(self) -> CheckDialog:
        """The Check Library dialog, which runs the full check at once."""
        self.window.check_banner.hide()
        if self.check_dialog is None:
            self.check_dialog = CheckDialog(self.ctx, self.window)
        dialog = self.check_dialog
        if not dialog.is_running():
            dialog.start()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- backups ------------------------------------------------------------------------

    def back_up_now(self) -> Job:
        """Take a backup on a worker; the status bar names the file."""
        window = self.window
        window.progress.setRange(0, 0)
        window.progress.show()
        window.show_message(self.tr("Backing up the library…"), 0)
        return self.ctx.workers.run(
            self.library.backup, on_done=self._backed_up, on_error=self._backup_failed
        )

    def _backed_up(self, path: object) -> None:
        self.window.progress.hide()
        name = Path(str(path)).name
        self.window.show_message(self.tr("Backed up to {name}.").format(name=name), 10_000)
        if self.backups_dialog is not None and self.backups_dialog.isVisible():
            self.backups_dialog.refresh(select=Path(str(path)))

    def _backup_failed(self, error: BaseException) -> None:
        self.window.progress.hide()
        self.window.show_message("")
        self.window.show_error(self.tr("The backup failed: {error}").format(error=error))

    def back_up_to_file(self) -> Job | None:
        """Write the whole library into one file chosen by the user, on a
        worker. Allowed read-only: it writes nothing into the library."""
        window = self.window
        default = last_folder(self.ctx.settings) / f"kzreader-{today()}.kzbackup"
        chosen, _ = QFileDialog.getSaveFileName(
            window,
            self.tr("Back Up to a File"),
            str(default),
            self.tr("kzreader backups (*.kzbackup)"),
        )
        if not chosen:
            return None
        target, added = with_suffix(chosen, ".kzbackup")
        try:
            self.library.check_output(target, "backup file")
        except KzreaderError as exc:
            window.show_error(exc)
            return None
        if added and target.exists():
            question = self.tr("{name} already exists. Replace it?").format(name=target.name)
            if not window.confirm(self.tr("Back Up to a File"), question):
                return None
        remember_folder(self.ctx.settings, target)
        window.progress.setRange(0, 0)
        window.progress.show()
        window.show_message(
            self.tr("Backing up the library to {name}…").format(name=target.name), 0
        )
        library = self.library
        return self.ctx.workers.run(
            lambda: library.backup(target),
            on_done=self._backed_up_to_file,
            on_error=self._backup_failed,
        )

    def _backed_up_to_file(self, path: object) -> None:
        self.window.progress.hide()
        message = self.tr("The whole library was backed up to {path}.")
        self.window.show_message(message.format(path=path), 15_000)

    def open_backups(self) -> BackupsDialog:
        if self.backups_dialog is None:
            self.backups_dialog = BackupsDialog(self.ctx, self.window)
            self.backups_dialog.restore_requested.connect(self._restore_requested)
            self.backups_dialog.backed_up.connect(
                lambda path: self.window.show_message(
                    self.tr("Backed up to {name}.").format(name=Path(str(path)).name), 10_000
                )
            )
        dialog = self.backups_dialog
        dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- restoring ----------------------------------------------------------------------

    def restore_from_file(self) -> bool:
        """Choose a backup file, confirm, and let the application restore it
        (the window's ``restore_requested``, as for a backup of the library's
        folder)."""
        if self.library.read_only:
            return False
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Restore from a File"),
            str(last_folder(self.ctx.settings)),
            self.tr("kzreader backups (*.kzbackup *.sqlite);;All files (*)"),
        )
        if not chosen:
            return False
        path = Path(chosen)
        question = self.tr(
            "Restore the library from {name}?\n\nThe app will close the library, put this "
            "backup in place of its database and reopen it. What the library holds now will "
            "be replaced by the backup's content; the current database is kept aside in the "
            "library folder, not deleted."
        ).format(name=path.name)
        if not self.window.confirm(self.tr("Restore from a File"), question):
            return False
        remember_folder(self.ctx.settings, path)
        self._restore_requested(path)
        return True

    def _restore_requested(self, path: object) -> None:
        transfers = self.window.transfers
        importing = (transfers.import_dialog, transfers.project_dialog)
        if any(d is not None and d.is_running() for d in importing):
            self.window.show_error(
                self.tr("Wait for the import to finish before restoring a backup.")
            )
            return
        self.window.restore_requested.emit(path)

    def begin_restore(self) -> None:
        """The library is about to be closed and restored: no more input here."""
        window = self.window
        window.setEnabled(False)
        window.progress.setRange(0, 0)
        window.progress.show()
        window.show_message(self.tr("Restoring the backup…"), 0)
