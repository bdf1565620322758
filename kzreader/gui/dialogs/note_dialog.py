"""Edit a passage's note, in Markdown, with a live preview."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

#: Longest quote shown at the top, in characters.
QUOTE_MAX = 280


def clip(text: str, limit: int = QUOTE_MAX) -> str:
    """``text`` with its whitespace folded, cut at a word boundary with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,.;:") + "…"


class NoteDialog(QDialog):
    """The note of the passage quoted at the top: Markdown on the left, its
    rendering on the right. Ctrl+Enter saves, Escape cancels."""

    def __init__(self, quote: str, note: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quote = quote
        self.quote_label = QLabel(self)
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quote_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.quote_label.setMargin(8)
        italic = QFont(self.quote_label.font())
        italic.setItalic(True)
        self.quote_label.setFont(italic)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.editor = QPlainTextEdit(self)
        self.editor.setPlainText(note or "")
        self.editor.setTabChangesFocus(True)
        self.preview = QTextBrowser(self)
        self.preview.setOpenExternalLinks(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.editor_label = QLabel(self)
        self.editor_label.setBuddy(self.editor)
        self.preview_label = QLabel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for label, widget in ((self.editor_label, self.editor), (self.preview_label, self.preview)):
            pane = QWidget(self.splitter)
            pane_layout = QVBoxLayout(pane)
            pane_layout.setContentsMargins(0, 0, 0, 0)
            pane_layout.addWidget(label)
            pane_layout.addWidget(widget, 1)
            self.splitter.addWidget(pane)
        self.splitter.setChildrenCollapsible(False)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.help)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._render)
        self.editor.textChanged.connect(self._timer.start)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)

        self.retranslate()
        self._render()
        self.editor.setFocus()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.resize(720, 460)
        self.splitter.setSizes([360, 360])

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Note"))
        self.quote_label.setText(self.tr("“{quote}”").format(quote=clip(self._quote)))
        self.quote_label.setToolTip(self._quote)
        self.quote_label.setAccessibleName(self.tr("Passage"))
        self.editor.setPlaceholderText(
            self.tr(
                "Write the note in Markdown: *emphasis*, **strong**, - lists, [links](https://…)"
            )
        )
        self.editor.setAccessibleName(self.tr("Note (Markdown)"))
        self.editor_label.setText(self.tr("&Note (Markdown):"))
        self.preview_label.setText(self.tr("Preview:"))
        self.preview.setAccessibleName(self.tr("Note preview"))
        self.preview.setPlaceholderText(self.tr("The preview appears here."))
        self.help.setText(self.tr("Ctrl+Enter saves. Leave the note empty to remove it."))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Save"))
        ok.setToolTip(self.tr("Save the note (Ctrl+Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Close without changing the note (Escape)"))

    def _render(self) -> None:
        self.preview.setMarkdown(self.editor.toPlainText())

    def note(self) -> str:
        """The note as typed, trailing blank space removed ("" means no note)."""
        return self.editor.toPlainText().rstrip()

    @staticmethod
    def get_note(quote: str, note: str | None, parent: QWidget | None = None) -> str | None:
        """Ask for the note of a passage: ``None`` when cancelled, ``""`` to clear it."""
        dialog = NoteDialog(quote, note, parent)
        try:
            return dialog.note() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
