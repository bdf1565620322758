"""Finish a link from a source passage to a target passage.

The target is given, or found by searching passages (words, "phrases",
``tag:PATH``); passages of other articles are listed first. The dialog only
collects the choice: the caller calls ``ctx.library.link(*…)``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.errors import KzreaderError
from kzreader.core.passages import DIRECTIONS, RELATIONS
from kzreader.core.retrieval import PassageFilter
from kzreader.core.types import PassageInfo, PassagePage
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.note_dialog import clip
from kzreader.gui.theme import set_warning

PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
#: Most passages listed at once.
SHOWN_MAX = 300
DEBOUNCE_MS = 200


class LinkDialog(QDialog):
    """Choose the target, relation, direction and note of a new link."""

    def __init__(
        self,
        ctx: AppContext,
        source: PassageInfo,
        target: PassageInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self._target = target
        self._fixed_target = target is not None
        self._generation = 0

        self.source_box = QGroupBox(self)
        self.source_label = QLabel(self.source_box)
        self.source_label.setWordWrap(True)
        self.source_label.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.source_box).addWidget(self.source_label)

        self.target_box = QGroupBox(self)
        target_layout = QVBoxLayout(self.target_box)
        self.target_label = QLabel(self.target_box)
        self.target_label.setWordWrap(True)
        self.target_label.setTextFormat(Qt.TextFormat.RichText)
        self.search = QLineEdit(self.target_box)
        self.search.setClearButtonEnabled(True)
        self.status = QLabel(self.target_box)
        self.results = QListWidget(self.target_box)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSpacing(2)
        if self._fixed_target:
            target_layout.addWidget(self.target_label)
            for widget in (self.search, self.status, self.results):
                widget.hide()
        else:
            target_layout.addWidget(self.search)
            target_layout.addWidget(self.status)
            target_layout.addWidget(self.results, 1)
            self.target_label.hide()

        self.relation = QComboBox(self)
        self.relation.setEditable(True)
        self.relation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.direction = QComboBox(self)
        self.note_edit = QLineEdit(self)
        self.relation_label = QLabel(self)
        self.direction_label = QLabel(self)
        self.note_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.relation_label, self.relation)
        form.addRow(self.direction_label, self.direction)
        form.addRow(self.note_label, self.note_edit)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.source_box)
        layout.addWidget(self.target_box, 0 if self._fixed_target else 1)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        if self._fixed_target:
            layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.search.textChanged.connect(self._timer.start)
        self.search.installEventFilter(self)
        self.results.currentItemChanged.connect(self._on_current)
        self.relation.currentTextChanged.connect(self._update_state)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.retranslate()
        self._update_state()
        self.resize(620, 560 if not self._fixed_target else 360)
        if not self._fixed_target:
            self.search.setFocus()
            self._run()
        else:
            self.relation.setFocus()

    def _relation_names(self) -> dict[str, str]:
        return {
            "corroborates": self.tr("corroborates"),
            "contradicts": self.tr("contradicts"),
            "repeats": self.tr("repeats"),
            "responds to": self.tr("responds to"),
            "same event": self.tr("same event"),
        }

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Link passages"))
        self.source_box.setTitle(self.tr("From"))
        self.source_label.setText(self._describe(self.source))
        self.source_label.setAccessibleName(self.tr("Source passage"))
        self.target_box.setTitle(self.tr("To"))
        if self._target is not None and self._fixed_target:
            self.target_label.setText(self._describe(self._target))
        self.target_label.setAccessibleName(self.tr("Target passage"))
        self.search.setPlaceholderText(
            self.tr('Search passages: words, "a phrase", tag:Acteurs/OTSC')
        )
        self.search.setAccessibleName(self.tr("Search passages"))
        self.results.setAccessibleName(self.tr("Passages to link to"))
        names = self._relation_names()
        text = self.relation.currentText()
        self.relation.blockSignals(True)
        self.relation.clear()
        for value in RELATIONS:
            self.relation.addItem(names.get(value, value), value)
        self.relation.setEditText(text or names[RELATIONS[0]])
        self.relation.blockSignals(False)
        self.relation.setAccessibleName(self.tr("Relation"))
        self.relation.setToolTip(self.tr("Choose a relation or type your own"))
        arrows = {
            "one-way": self.tr("one-way →"),
            "both": self.tr("both ways ↔"),
            "none": self.tr("no direction —"),
        }
        current = self.direction.currentData() or DIRECTIONS[0]
        self.direction.clear()
        for value in DIRECTIONS:
            self.direction.addItem(arrows.get(value, value), value)
        self.direction.setCurrentIndex(DIRECTIONS.index(current))
        self.direction.setAccessibleName(self.tr("Direction"))
        self.note_edit.setAccessibleName(self.tr("Link note"))
        self.note_edit.setPlaceholderText(self.tr("Optional: why these passages are linked"))
        self.relation_label.setText(self.tr("&Relation:"))
        self.relation_label.setBuddy(self.relation)
        self.direction_label.setText(self.tr("&Direction:"))
        self.direction_label.setBuddy(self.direction)
        self.note_label.setText(self.tr("&Note:"))
        self.note_label.setBuddy(self.note_edit)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Link"))
        ok.setToolTip(self.tr("Create the link (Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Close without linking (Escape)"))

    def _describe(self, passage: PassageInfo) -> str:
        tags = ", ".join(passage.tags)
        meta = passage.document_title + (f" · {tags}" if tags else "")
        return (
            f"<i>“{html.escape(clip(passage.exact, 240))}”</i><br>"
            f"<span style='color:gray'>{html.escape(meta)}</span>"
        )

    # -- public --------------------------------------------------------------------

    def target(self) -> PassageInfo | None:
        return self._target

    def relation_value(self) -> str:
        """The relation to store: a built-in one (whatever the UI language) or free text."""
        text = " ".join(self.relation.currentText().split())
        for value, name in self._relation_names().items():
            if text.casefold() in (name.casefold(), value):
                return value
        return text

    def values(self) -> tuple[int, str, str, str | None]:
        """``(target_id, relation, direction, note)``; the note is ``None`` when empty."""
        if self._target is None:
            raise ValueError("no target passage is chosen")
        note = self.note_edit.text().strip() or None
        return self._target.id, self.relation_value(), self.direction.currentData(), note

    def set_query(self, text: str, immediate: bool = False) -> None:
        self.search.setText(text)
        if immediate:
            self._timer.stop()
            self._run()

    def passages_listed(self) -> list[PassageInfo]:
        return [self.results.item(i).data(PASSAGE_ROLE) for i in range(self.results.count())]

    def choose(self, passage_id: int) -> bool:
        """Make the listed passage ``passage_id`` the target."""
        for i in range(self.results.count()):
            if self.results.item(i).data(PASSAGE_ROLE).id == passage_id:
                self.results.setCurrentRow(i)
                return True
        return False

    def accept(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            super().accept()

    # -- searching -----------------------------------------------------------------

    def _run(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        query = self.search.text().strip()
        library = self.ctx.library

        source = self.source.id

        def work() -> tuple[int, PassagePage | KzreaderError]:
            try:  # a page: the library may hold 200,000 passages
                flt = PassageFilter(exclude=[source])
                return generation, library.passage_page(
                    flt, query=query, limit=SHOWN_MAX, counted=False
                )
            except KzreaderError as exc:
                return generation, exc

        self.status.setText(self.tr("Searching…"))
        self.ctx.workers.run(work, on_done=self._on_found, on_error=self._on_failed)

    def _on_found(self, outcome: tuple[int, PassagePage | KzreaderError]) -> None:
        generation, page = outcome
        if generation != self._generation:
            return
        self.results.clear()
        self._set_target(None)
        if isinstance(page, KzreaderError):
            message = str(page)
            self._set_status(message[:1].upper() + message[1:], warning=True)
            return
        found = sorted(page.passages, key=lambda p: p.document_id == self.source.document_id)
        for passage in found:  # the other articles' first
            self._add_item(passage)
        n = page.total if page.total is not None else len(page.passages)
        if n == 0:
            self._set_status(self.tr("No passage matches"))
        elif page.total is None and page.more:  # a search stops at the passages shown
            self._set_status(self.tr("The first {shown} passages").format(shown=SHOWN_MAX))
        elif n > SHOWN_MAX:
            self._set_status(self.tr("{shown} of {n} passages").format(shown=SHOWN_MAX, n=n))
        else:
            self._set_status(self.tr("{n} passages").format(n=n) if n > 1 else self.tr("1 passage"))

    def _on_failed(self, exc: BaseException) -> None:
        self._set_status(self.tr("The search failed: {error}").format(error=exc), warning=True)

    def _add_item(self, passage: PassageInfo) -> None:
        same = passage.document_id == self.source.document_id
        where = passage.document_title
        if same:
            where = self.tr("{title} (this article)").format(title=where)
        if passage.tags:
            where = f"{where} · {', '.join(passage.tags)}"
        item = QListWidgetItem(f"“{clip(passage.exact, 160)}”\n{where}", self.results)
        item.setData(PASSAGE_ROLE, passage)
        item.setToolTip(passage.exact)

    def _set_status(self, text: str, warning: bool = False) -> None:
        self.status.setText(text)
        set_warning(self.status, warning, self.palette())

    def _on_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self._set_target(item.data(PASSAGE_ROLE) if item is not None else None)

    def _set_target(self, passage: PassageInfo | None) -> None:
        if not self._fixed_target:
            self._target = passage
        self._update_state()

    def _update_state(self, *_args: object) -> None:
        relation = self.relation_value()
        hint = ""
        duplicate = False
        if self._target is None:
            hint = self.tr("Choose the passage to link to.")
        elif not relation:
            hint = self.tr("Choose or type a relation.")
        else:
            duplicate = any(
                li.side == "out" and li.target_id == self._target.id and li.relation == relation
                for li in self.source.links
            )
            if duplicate:
                hint = self.tr("These passages are already linked as “{relation}”.").format(
                    relation=self.relation.currentText()
                )
        self.hint.setText(hint)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self._target is not None and bool(relation) and not duplicate)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._run()
                return True
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                self.results.setCurrentRow(max(0, self.results.currentRow()))
                return True
        return super().eventFilter(watched, event)
