"""The "Tag…" dialog: choose an existing tag path or type a new one.

The dialog only picks a path; the caller tags the passage (and the library
creates a new tag on the fly). Recently chosen paths are remembered in the
settings (``tags/recent``) and listed first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.textfold import fold
from kzreader.gui.context import AppContext
from kzreader.gui.theme import set_warning

RECENT_KEY = "tags/recent"
RECENT_MAX = 10
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def check_path(text: str) -> tuple[str | None, str]:
    """``(normalised path, "")`` for a valid path, else ``(None, problem)``
    where the problem is a key: ``empty``, ``edge`` or ``segment``."""
    stripped = text.strip()
    if not stripped:
        return None, "empty"
    if stripped.startswith("/") or stripped.endswith("/"):
        return None, "edge"
    parts = [p.strip() for p in stripped.split("/")]
    if any(not p for p in parts):
        return None, "segment"
    return "/".join(parts), ""


def recent_paths(settings: object) -> list[str]:
    value = settings.value(RECENT_KEY, [])  # type: ignore[attr-defined]
    if isinstance(value, str):
        value = [value] if value else []
    return [str(v) for v in value or []]


def remember_path(settings: object, path: str) -> None:
    paths = [path] + [p for p in recent_paths(settings) if p != path]
    settings.setValue(RECENT_KEY, paths[:RECENT_MAX])  # type: ignore[attr-defined]


class TagDialog(QDialog):
    """Pick or type a tag path. ``existing`` are the paths the passage already has."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        existing: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._existing_on_passage = set(existing)
        self._counts = {t.path: t.total for t in ctx.library.tags()}
        self._recent = [p for p in recent_paths(ctx.settings) if p in self._counts]
        self._filling = False

        self.prompt = QLabel(self)
        self.edit = QLineEdit(self)
        self.prompt.setBuddy(self.edit)
        self.completer = QCompleter(self)
        self.completer.setModel(QStringListModel(sorted(self._counts, key=str.casefold), self))
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.edit.setCompleter(self.completer)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.list_label = QLabel(self)
        self.list = QListWidget(self)
        self.list_label.setBuddy(self.list)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._on_text_changed)
        self.list.itemClicked.connect(self._take_item)
        self.list.currentItemChanged.connect(lambda item, _old: self._take_item(item))
        self.list.itemDoubleClicked.connect(self._take_and_accept)
        self.edit.installEventFilter(self)
        self.retranslate()
        self._fill_list("")
        self._update_state()
        self.resize(460, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tag passage"))
        self.prompt.setText(self.tr("&Tag (levels separated by “/”, e.g. Acteurs/OTSC):"))
        self.edit.setPlaceholderText(self.tr("Type to find a tag or name a new one"))
        self.edit.setAccessibleName(self.tr("Tag path"))
        self.list_label.setText(self.tr("&Recent and existing tags:"))
        self.list.setAccessibleName(self.tr("Recent and existing tags"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Tag"))
        ok.setToolTip(self.tr("Tag the passage with this path (Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Close without tagging (Escape)"))

    # -- public --------------------------------------------------------------------

    def path(self) -> str | None:
        """The normalised path typed or chosen; ``None`` while it is not valid."""
        return check_path(self.edit.text())[0]

    def is_new(self) -> bool:
        path = self.path()
        return path is not None and path not in self._counts

    def set_path(self, path: str) -> None:
        self.edit.setText(path)

    @staticmethod
    def get_path(
        ctx: AppContext, parent: QWidget | None = None, existing: Sequence[str] = ()
    ) -> str | None:
        """Ask for a tag path; ``None`` when the user cancels."""
        dialog = TagDialog(ctx, parent, existing)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.path()
            return None
        finally:
            dialog.deleteLater()

    def accept(self) -> None:
        path = self.path()
        if path is None or path in self._existing_on_passage:
            return
        remember_path(self.ctx.settings, path)
        super().accept()

    # -- behaviour -----------------------------------------------------------------

    def _fill_list(self, text: str) -> None:
        """List the tags matching ``text`` (accents and case ignored); when none
        does, those under the typed parent, or all."""
        recent = set(self._recent)
        others = sorted((p for p in self._counts if p not in recent), key=str.casefold)
        paths = [*self._recent, *others]
        needle = fold(text.strip())
        while needle and not any(needle in fold(p) for p in paths):
            needle = needle.rpartition("/")[0]
        self.list.blockSignals(True)
        self.list.clear()
        for path in paths:
            if needle and needle not in fold(path):
                continue
            count = self._counts.get(path, 0)
            label = self.tr("{path}  ({n})").format(path=path, n=count)
            item = QListWidgetItem(label, self.list)
            item.setData(PATH_ROLE, path)
            item.setToolTip(self.tr("{path}: {n} passages").format(path=path, n=count))
            if path in recent:
                font = QFont(self.list.font())
                font.setItalic(True)
                item.setFont(font)
                item.setToolTip(
                    self.tr("{path}: {n} passages, used recently").format(path=path, n=count)
                )
        self.list.blockSignals(False)

    def _on_text_changed(self, text: str) -> None:
        if not self._filling:
            self._fill_list(text)
        self._update_state()

    def _take_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self._filling = True
        try:
            self.edit.setText(item.data(PATH_ROLE))
        finally:
            self._filling = False

    def _take_and_accept(self, item: QListWidgetItem) -> None:
        self._take_item(item)
        self.accept()

    def _update_state(self) -> None:
        path, problem = check_path(self.edit.text())
        warn = False
        if problem == "empty":
            text = self.tr("Choose a tag below or type a path.")
        elif problem == "edge":
            text, warn = self.tr("A tag path cannot start or end with “/”."), True
        elif problem == "segment":
            text = self.tr("Every level needs a name: remove the empty level (“//”).")
            warn = True
        elif path in self._existing_on_passage:
            text, warn = (
                self.tr("The passage already has the tag “{path}”.").format(path=path),
                True,
            )
        elif path in self._counts:
            text = self.tr("Existing tag, on {n} passages.").format(n=self._counts[path])
        else:
            twin = next((p for p in self._counts if p.casefold() == (path or "").casefold()), None)
            if twin:
                text = self.tr(
                    "Will create a new tag “{path}” (“{other}” differs only in case)."
                ).format(path=path, other=twin)
            else:
                text = self.tr("Will create a new tag “{path}”.").format(path=path)
        self.hint.setText(text)
        set_warning(self.hint, warn, self.palette())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(path is not None and path not in self._existing_on_passage)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and not self.completer.popup().isVisible()
            and self.list.count()
        ):
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            self.list.setCurrentRow(max(0, self.list.currentRow()))
            return True
        return super().eventFilter(watched, event)
