"""The library's database is damaged: shown at start-up instead of the window.

It says what happened in plain words and offers what can be done: restore
the latest backup, choose another one, or quit. Restoring keeps the damaged
file aside (``Library.restore_backup``) and says where; the dialog is then
accepted and the app opens the restored library. Without a backup there is
only Quit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.backup import BACKUPS_DIR
from kzreader.core.errors import DamagedLibraryError, KzreaderError
from kzreader.core.library import Library
from kzreader.gui.dialogs.backups_dialog import backup_file_date


def _technical(error: DamagedLibraryError) -> str:
    """The core's message up to SQLite's diagnosis: its advice (the command
    line's restore command) is what the dialog's buttons offer here."""
    message = str(error)
    cut = message.find("); ")
    if cut > 0:
        message = message[: cut + 1]
    return message[:1].upper() + message[1:]


class DamagedLibraryDialog(QDialog):
    """Accepted once a backup was restored (``restored`` holds the backup
    used and where the damaged file was kept); rejected for Quit."""

    def __init__(
        self, error: DamagedLibraryError, program: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.program = program
        self.db_path = Path(str(error.db_path))
        self.folder = self.db_path.parent
        self.backups = [Path(str(p)) for p in error.backups]
        self.restored: tuple[Path, Path] | None = None
        self.setWindowTitle(self.tr("Damaged Library"))

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        critical = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        icon.setPixmap(critical.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(self.tr("The library cannot be opened: its database is damaged."))
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.body = QLabel(
            self.tr(
                "The file {name} in {folder} holds everything you made in this library, and it "
                "is damaged: this can happen after a disk fault, a power cut, or when the file "
                "was copied while it was being written. Nothing has been changed."
            ).format(name=self.db_path.name, folder=self.folder)
        )
        if self.backups:
            self.latest_date = backup_file_date(self.backups[0])
            advice = self.tr(
                "The latest backup is from {date}. Restoring it puts it in place of the "
                "damaged file, which is kept aside, not deleted. Changes made after that "
                "backup will not be in the restored library."
            ).format(date=self.latest_date)
        else:
            self.latest_date = ""
            advice = self.tr(
                "There is no backup of this library to restore. Before anything else, copy the "
                "library folder somewhere safe: its contents may still be recoverable with "
                "other tools. kzreader will now quit."
            )
        self.advice = QLabel(advice)
        self.details = QLabel(self.tr("Details: {details}").format(details=_technical(error)))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        muted = QPalette(self.details.palette())
        muted.setColor(
            QPalette.ColorRole.WindowText, muted.color(QPalette.ColorRole.PlaceholderText)
        )
        self.details.setPalette(muted)
        small = self.details.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.details.setFont(small)
        for label in (self.body, self.advice, self.details):
            label.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.restore_latest_button = QPushButton(
            self.tr("Restore the Latest Backup ({date})").format(date=self.latest_date)
        )
        self.restore_latest_button.setToolTip(str(self.backups[0]) if self.backups else "")
        self.choose_button = QPushButton(self.tr("Choose a Backup…"))
        self.choose_button.setToolTip(self.tr("Restore another backup of this library"))
        self.quit_button = QPushButton(self.tr("Quit"))
        if self.backups:
            self.buttons.addButton(
                self.restore_latest_button, QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.restore_latest_button.setDefault(True)
        else:
            self.quit_button.setDefault(True)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_latest_button.clicked.connect(self.restore_latest)
        self.choose_button.clicked.connect(self.choose_backup)
        self.quit_button.clicked.connect(self.reject)

        text = QVBoxLayout()
        text.setSpacing(10)
        for widget in (self.heading, self.body, self.advice, self.details):
            text.addWidget(widget)
        text.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        # wide enough for the text to read well and for the buttons, and
        # exactly as tall as the wrapped text needs
        width = max(560, layout.minimumSize().width())
        self.resize(width, self.heightForWidth(width))

    # -- restoring -----------------------------------------------------------------

    def restore_latest(self) -> bool:
        if not self.backups:
            return False
        return self.restore(self.backups[0])

    def choose_backup(self) -> bool:
        chosen = self.ask_backup_file()
        return self.restore(chosen) if chosen is not None else False

    def restore(self, source: Path) -> bool:
        """Put ``source`` in place of the damaged database; True when done
        (the dialog is then accepted)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            used, kept = Library.restore_backup(self.folder, source, program=self.program)
        except KzreaderError as exc:
            QGuiApplication.restoreOverrideCursor()
            self.show_error(self.tr("The backup could not be restored: {error}").format(error=exc))
            return False
        QGuiApplication.restoreOverrideCursor()
        self.restored = (used, kept)
        self.inform(
            self.tr(
                "The backup of {date} was restored. The damaged database was kept as {kept}; "
                "you can delete it once you are satisfied with the restored library."
            ).format(date=backup_file_date(used), kept=kept)
        )
        self.accept()
        return True

    # -- message boxes and the file dialog (tests replace these on an instance) --

    def ask_backup_file(self) -> Path | None:
        start = self.folder / BACKUPS_DIR
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a Backup"),
            str(start if start.is_dir() else self.folder),
            self.tr("kzreader backups (*.sqlite);;All files (*)"),
        )
        return Path(name) if name else None

    def inform(self, text: str) -> None:
        QMessageBox.information(self, self.tr("Backup Restored"), text)

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Damaged Library"), text)
