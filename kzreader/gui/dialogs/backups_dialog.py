"""Backups: the library's backups newest first, how many automatic ones are
kept, a backup taken now, and restoring one.

Restoring replaces the open library's database, which only works while the
library is closed: the dialog asks, then emits ``restore_requested`` and
the application (``app.Controller``) closes the library, restores and
reopens it in a new window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.backup import BackupInfo
from kzreader.core.errors import KzreaderError
from kzreader.gui.context import AppContext
from kzreader.gui.workers import Job

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
#: The spin box's ceiling: far more automatic backups than anyone keeps.
MAX_KEEP = 999


#: Dates as the rest of the app writes them (year first: the same in every
#: language, and in order when sorted), with the local time.
DATE_FORMAT = "yyyy-MM-dd HH:mm"


def backup_date(created: str) -> str:
    """A backup's ISO time (UTC) as local date and time."""
    moment = QDateTime.fromString(created, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return created
    return moment.toLocalTime().toString(DATE_FORMAT)


def backup_file_date(path: Path) -> str:
    """The local date and time a backup file was written."""
    try:
        seconds = path.stat().st_mtime
    except OSError:
        return path.name
    return QDateTime.fromSecsSinceEpoch(int(seconds)).toString(DATE_FORMAT)


def file_size(size: int) -> str:
    """A size in the user's locale: 12.3 MB."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class BackupsDialog(QDialog):
    """The list of backups, the number kept, Back Up Now and Restore…."""

    #: the user confirmed restoring this backup (its Path)
    restore_requested = Signal(object)
    #: a backup was taken from the dialog (its Path)
    backed_up = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self._backing_up = False
        self.backups: list[BackupInfo] = []
        library = ctx.library
        read_only = library.read_only
        self.setWindowTitle(self.tr("Backups"))
        self.intro = QLabel(
            self.tr(
                "Backups are copies of the library's database, kept in {folder}. One is taken "
                "automatically when the app closes after changes; you can take one at any "
                "time. The search index is not backed up: it is rebuilt from the database."
            ).format(folder=library.path / "backups")
        )
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Backups, newest first"))
        self.table.setHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Size")])
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(self.tr("There are no backups yet."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.keep_spin = QSpinBox()
        self.keep_spin.setRange(0, MAX_KEEP)
        self.keep_spin.setAccessibleName(self.tr("Automatic backups kept"))
        self.keep_spin.setToolTip(
            self.tr(
                "When a new automatic backup is taken, the older ones are thinned: of the "
                "last day the newest are kept, then one a day for a week and one a week for "
                "five weeks. Backups taken by hand or before an upgrade are never deleted."
            )
        )
        keep_before = QLabel(self.tr("Keep the newest"))
        keep_before.setBuddy(self.keep_spin)
        keep_after = QLabel(self.tr("automatic backups of the last day (0 turns them off)"))
        keep_row = QHBoxLayout()
        keep_row.addWidget(keep_before)
        keep_row.addWidget(self.keep_spin)
        keep_row.addWidget(keep_after, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.read_only_note = QLabel(
            self.tr(
                "The library is read-only: its backups are listed, but none can be taken, "
                "restored or rotated from here."
            )
        )
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(read_only)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.back_up_button = QPushButton(self.tr("Back Up Now"))
        self.back_up_button.setToolTip(self.tr("Copy the library's database into a new backup"))
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setToolTip(
            self.tr("Put the selected backup in place of the library's database")
        )
        self.buttons.addButton(self.back_up_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(keep_row)
        layout.addWidget(self.status)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.buttons)

        self.buttons.rejected.connect(self.reject)
        self.back_up_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.currentItemChanged.connect(self._update_buttons)
        self.keep_spin.valueChanged.connect(self.set_keep)
        self.keep_spin.setEnabled(not read_only)
        self.resize(600, 440)
        self.refresh()

    # -- the list ------------------------------------------------------------------

    def kind_name(self, kind: str) -> str:
        names = {
            "auto": self.tr("Automatic"),
            "manual": self.tr("Taken by hand"),
            "upgrade": self.tr("Before an upgrade"),
        }
        return names.get(kind, kind)

    def refresh(self, select: Path | None = None) -> None:
        """Read the backups folder and the number kept again."""
        library = self.ctx.library
        self.backups = library.backups()
        self.table.clear()
        for info in self.backups:
            item = QTreeWidgetItem(
                [
                    backup_date(info.created),
                    self.kind_name(info.kind),
                    file_size(info.size),
                ]
            )
            item.setData(0, PATH_ROLE, str(info.path))
            item.setToolTip(0, str(info.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        chosen = 0
        if select is not None:
            chosen = next((i for i, b in enumerate(self.backups) if b.path == select), 0)
        if self.backups:
            self.table.setCurrentItem(self.table.topLevelItem(chosen))
        self.table.setVisible(bool(self.backups))
        self.empty.setVisible(not self.backups)
        self.keep_spin.blockSignals(True)
        self.keep_spin.setValue(min(library.backup_keep(), MAX_KEEP))
        self.keep_spin.blockSignals(False)
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        item = self.table.currentItem()
        if item is None:
            return None
        path = Path(item.data(0, PATH_ROLE))
        return next((b for b in self.backups if b.path == path), None)

    def select_backup(self, path: Path) -> None:
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if Path(item.data(0, PATH_ROLE)) == path:
                self.table.setCurrentItem(item)
                return

    def _update_buttons(self, *args: object) -> None:
        writable = not self.ctx.library.read_only
        busy = self._backing_up
        self.back_up_button.setEnabled(writable and not busy)
        self.restore_button.setEnabled(writable and not busy and self.selected_backup() is not None)

    # -- changes -------------------------------------------------------------------

    def set_keep(self, keep: int) -> None:
        try:
            self.ctx.library.set_backup_keep(keep)
        except KzreaderError as exc:
            self.show_error(str(exc))
            return
        self.status.setText(
            self.tr("Automatic backups are turned off.")
            if keep == 0
            else self.tr(
                "The newest {n} automatic backups of the last day will be kept, then one a day "
                "for a week and one a week for five weeks."
            ).format(n=keep)
        )

    def back_up(self) -> Job:
        """Take a backup on a worker; the list shows it when it is done."""
        self.status.setText(self.tr("Backing up the library…"))
        self._backing_up = True
        self.job = self.ctx.workers.run(
            self.ctx.library.backup, on_done=self._backed_up, on_error=self._backup_failed
        )
        self._update_buttons()
        return self.job

    def _backed_up(self, path: object) -> None:
        made = Path(str(path))
        self._backing_up = False
        self.refresh(select=made)
        self.status.setText(self.tr("Backed up to {name}.").format(name=made.name))
        self.backed_up.emit(made)

    def _backup_failed(self, error: BaseException) -> None:
        self._backing_up = False
        self.status.setText("")
        self._update_buttons()
        self.show_error(self.tr("The backup failed: {error}").format(error=error))

    def restore_selected(self) -> bool:
        """Ask, then hand the selected backup to the application to restore."""
        info = self.selected_backup()
        if info is None or self.ctx.library.read_only:
            return False
        date = backup_date(info.created)
        question = self.tr(
            "Restore the backup of {date}?\n\nThe app will close the library, put this "
            "backup in place of its database and reopen it. Changes made since {date} will "
            "no longer be in the library; the current database is kept aside in the "
            "library folder, not deleted."
        ).format(date=date)
        if not self.confirm(self.tr("Restore a Backup"), question):
            return False
        self.accept()
        self.restore_requested.emit(info.path)
        return True

    # -- message boxes (tests replace these on an instance) ----------------------

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Backups"), text)
