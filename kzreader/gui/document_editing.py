"""Editing an article as a whole: its details (title, outlet, date,
attributes) in a dialog, and deleting it after a confirmation that says what
goes with it. Both are one undoable step each, through ``Library``."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from kzreader.core.errors import KzreaderError
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.document_dialog import DocumentDialog


class DocumentEditor(QObject):
    """Opens the details dialog and deletes articles, for the window's
    header, the library list's context menu and the Edit menu."""

    #: an edit or a deletion failed: the error, for the window to show
    failed = Signal(object)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.dialog: DocumentDialog | None = None

    def edit(self, document_id: int) -> DocumentDialog | None:
        """Open the details of ``document_id`` (window-modal); OK applies."""
        lib = self.ctx.library
        if not document_id or not lib.has_document(document_id):
            return None
        if self.dialog is not None:
            self.dialog.close()
        view = lib.document(document_id)
        outlets = lib.outlets()
        dialog = DocumentDialog(view, outlets, self.window)
        dialog.setEnabled(not lib.read_only)
        dialog.finished.connect(lambda result: self._finished(dialog, document_id, result))
        dialog.redecode_requested.connect(
            lambda encoding: self.redecode(dialog, document_id, encoding)
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def _finished(self, dialog: DocumentDialog, document_id: int, result: int) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        try:
            changes = dialog.changes()
        except KzreaderError as exc:
            self.failed.emit(exc)
            return
        if changes:
            lib = self.ctx.library
            self.ctx.operations.run(
                lambda: lib.edit_document(document_id, **changes),  # type: ignore[arg-type]
                on_error=self.failed.emit,
            )

    def redecode(self, dialog: DocumentDialog, document_id: int, encoding: str) -> None:
        """Read the article's file again in ``encoding``, on a worker."""
        lib = self.ctx.library
        dialog.redecode_button.setEnabled(False)
        dialog.redecode_status.setText(self.tr("Reading the file again…"))

        def work() -> tuple[object, object]:
            result = lib.redecode(document_id, encoding)
            view = lib.document(document_id) if result.status == "updated" else None
            return result, view

        def done(answer: tuple[object, object]) -> None:
            if isValid(dialog):
                dialog.redecode_button.setEnabled(True)
                dialog.redecoded(*answer)  # type: ignore[arg-type]

        def failed(exc: BaseException) -> None:
            if isValid(dialog):
                dialog.redecode_button.setEnabled(True)
                dialog.redecode_status.setText(str(exc))

        self.ctx.workers.run(work, on_done=done, on_error=failed)

    def confirm_delete(self, title: str, passages: int) -> bool:
        """Ask before deleting (tests replace it)."""
        text = self.tr("Delete “{title}”?").format(title=title)
        if passages:
            detail = self.tr(
                "Its {n} passages, their tags and notes, and their links go with it."
            ).format(n=passages)
        else:
            detail = self.tr("It has no passage.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete Article"), text,
                          QMessageBox.StandardButton.Cancel, self.window)  # fmt: skip
        box.setInformativeText(detail + " " + self.tr("Edit ▸ Undo brings it all back."))
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def delete(self, document_id: int) -> bool:
        """Delete ``document_id`` with its passages, once confirmed."""
        lib = self.ctx.library
        if not document_id or not lib.has_document(document_id):
            return False
        try:
            info = lib.document(document_id).info
            passages = lib.passage_counts().get(document_id, 0)
            if not self.confirm_delete(info.title, passages):
                return False
        except KzreaderError as exc:
            self.failed.emit(exc)
            return False
        self.ctx.operations.run(lambda: lib.delete_document(document_id), on_error=self.failed.emit)
        return True
