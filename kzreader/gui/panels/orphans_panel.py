"""Orphaned passages: their text is no longer in the re-imported article.
They are kept until the user re-attaches them to a selection or deletes them.
The list follows the library's changes at once, shown or not (see ``watch``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.types import PassageInfo
from kzreader.gui.context import AppContext
from kzreader.gui.panels.latest import LatestOnly
from kzreader.gui.panels.passage_item import (
    KIND_ROLE,
    PASSAGE_ROLE,
    TARGET_ROLE,
    PanelBase,
    PassageDelegate,
    clip,
    connect_activation,
    count_text,
    passage_text,
)
from kzreader.gui.panels.watch import Watch

WATCHED = frozenset({"passages", "passage_tags", "tags", "documents"})
#: (document id, start, end) of the reader's selection, in code points
Selection = tuple[int, int, int]


def no_selection() -> Selection | None:
    return None


class OrphansPanel(PanelBase):
    """Lists orphans; re-attaches one to the text selected in the reader."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog_title = self.tr("Orphaned passages")
        self.orphans: list[PassageInfo] = []
        #: Set by the main window: the reader's selection, or None.
        self.selection_provider: Callable[[], Selection | None] = no_selection
        self._load = LatestOnly(ctx.workers, self)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setAccessibleName(self.tr("Number of orphaned passages"))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Orphaned passages"))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.delegate = PassageDelegate(self.tree, show_document=True)
        self.tree.setItemDelegate(self.delegate)
        self.empty = QLabel(
            self.tr("No orphaned passages: every passage is anchored in its article's text.")
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(12)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tree)

        self.open_button = QPushButton(self.tr("Open article"))
        self.open_button.setToolTip(self.tr("Open the orphan's article in the reader"))
        self.reattach_button = QPushButton(self.tr("Re-attach to selection"))
        self.reattach_button.setToolTip(
            self.tr("Anchor the orphan to the text selected in the reader")
        )
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the orphaned passage"))
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.open_button, self.reattach_button, self.delete_button):
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.open_button.clicked.connect(self.open_article)
        self.reattach_button.clicked.connect(self.reattach)
        self.delete_button.clicked.connect(self.delete_orphan)
        connect_activation(self.tree, self._activate, click=False)
        self.tree.currentItemChanged.connect(self._update_buttons)
        # kept current even while hidden: the list is short (the orphans
        # alone), and re-attaching or deleting works on it, shown or not
        self.watch = Watch(self, ctx.bridge, WATCHED, self.reload, delay_ms=0, when_visible=False)
        self.reload()

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        lib = self.ctx.library

        def work() -> tuple[list[PassageInfo], dict[str, str]]:
            return lib.orphans(), {p: c for p, c in lib.tag_colors().items() if c}

        self._load.run(work, self._loaded, self._failed)

    def is_loading(self) -> bool:
        return self._load.pending

    def _failed(self, exc: BaseException) -> None:
        self.header.setText(self.tr("The orphans could not be listed: {error}").format(error=exc))

    def _loaded(self, result: tuple[list[PassageInfo], dict[str, str]]) -> None:
        orphans, colors = result
        selected = self.selected_orphan()
        self.delegate.tag_colors = colors
        self.orphans = orphans
        self.tree.clear()
        for p in orphans:
            item = QTreeWidgetItem([passage_text(p)])
            item.setData(0, PASSAGE_ROLE, p)
            item.setData(0, KIND_ROLE, "passage")
            item.setData(0, TARGET_ROLE, (p.document_id, p.id))
            self.tree.addTopLevelItem(item)
            if selected is not None and p.id == selected.id:
                self.tree.setCurrentItem(item)
        if orphans and self.tree.currentItem() is None:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        if orphans:
            self.header.setText(
                count_text(
                    len(orphans),
                    self.tr("{n} orphaned passage: its text is no longer in its article."),
                    self.tr("{n} orphaned passages: their text is no longer in their article."),
                )
            )
            self.stack.setCurrentWidget(self.tree)
        else:
            self.header.setText("")
            self.stack.setCurrentWidget(self.empty)
        self.header.setVisible(bool(orphans))
        self._update_buttons()

    def _update_buttons(self, *args: object) -> None:
        has = self.selected_orphan() is not None
        writable = not self.ctx.library.read_only
        self.open_button.setEnabled(has)
        self.reattach_button.setEnabled(has and writable)
        self.delete_button.setEnabled(has and writable)

    # -- actions --------------------------------------------------------------------------

    def selected_orphan(self) -> PassageInfo | None:
        item = self.tree.currentItem()
        return item.data(0, PASSAGE_ROLE) if item is not None else None

    def select_orphan(self, passage_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, PASSAGE_ROLE).id == passage_id:
                self.tree.setCurrentItem(item)
                return

    def _activate(self, index: QModelIndex) -> None:
        if index.data(KIND_ROLE) == "passage":
            self.open_article()

    def open_article(self) -> None:
        p = self.selected_orphan()
        if p is not None:
            self.ctx.navigator.open_passage.emit(p.document_id, p.id)

    def reattach(self) -> bool:
        """Anchor the selected orphan to the reader's selection (true when
        the edit was asked for)."""
        p = self.selected_orphan()
        if p is None:
            return False
        selection = self.selection_provider()
        if selection is None or selection[2] <= selection[1]:
            self.inform(
                self.tr(
                    "Select the passage's new text in the reader first: open its article "
                    "(“{title}”), select the text, then press Re-attach to selection."
                ).format(title=p.document_title)
            )
            return False
        doc_id, start, end = selection
        if doc_id != p.document_id:
            self.inform(
                self.tr(
                    "The selection is in another article. Open “{title}” and select "
                    "the passage's new text there."
                ).format(title=p.document_title)
            )
            return False
        self._edit(lambda: self.ctx.library.move_passage(p.id, start, end))
        return True

    def delete_orphan(self) -> bool:
        p = self.selected_orphan()
        if p is None:
            return False
        links = count_text(len(p.links), self.tr("{n} link"), self.tr("{n} links"))
        if p.links:
            text = self.tr(
                "Delete the orphaned passage “{quote}” with its tags and note?\n\n"
                "{links} to other passages will be removed too."
            )
        else:
            text = self.tr("Delete the orphaned passage “{quote}” with its tags and note?")
        text = text.format(quote=clip(p.exact, 80), links=links)
        if not self.confirm(self.tr("Delete passage"), text):
            return False
        self._edit(lambda: self.ctx.library.delete_passages([p.id]))
        return True

    def _edit(self, fn: Callable[[], object]) -> None:
        """An edit of the orphan; a refusal is explained, as a message to read."""
        self.ctx.operations.run(fn, parent=self, on_error=lambda exc: self.inform(str(exc)))
