"""The annotations of the article shown: its passages in text order, each
with its links (→) and backlinks (←), which a click follows. They are read
again when the article is changed or another is shown, and when the library
changes (at once when shown, else when next shown: see ``watch``)."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMenu,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.errors import NotFoundError
from kzreader.core.notes_markdown import note_html
from kzreader.core.types import LinkInfo, PassageInfo
from kzreader.gui import theme
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.note_dialog import NoteDialog
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

LINK_ROLE = Qt.ItemDataRole.UserRole + 10
WATCHED = frozenset({"passages", "passage_tags", "tags", "links", "documents"})


class AnnotationsPanel(PanelBase):
    """Follows ``navigator.document_shown`` and ``navigator.passage_selected``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog_title = self.tr("Annotations")
        self.document_id = 0
        self.passages: list[PassageInfo] = []
        #: the passage last selected here or in the reader, kept across reloads
        self._reader_selected = 0
        self._load = LatestOnly(ctx.workers, self)
        self._relations = {
            "corroborates": self.tr("corroborates"),
            "contradicts": self.tr("contradicts"),
            "repeats": self.tr("repeats"),
            "responds to": self.tr("responds to"),
            "same event": self.tr("same event"),
        }

        self.header = QLabel()
        self.header.setAccessibleName(self.tr("Annotations summary"))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Annotations of the article"))
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.delegate = PassageDelegate(self.tree, show_document=False)
        self.tree.setItemDelegate(self.delegate)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(12)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

        act = self.make_action
        self.note_action = act(
            self.tr("Edit note…"),
            self.edit_note,
            self.tr("Write or change the passage's note"),
            "note",
        )
        self.delete_action = act(
            self.tr("Delete passage…"),
            self.delete_passage,
            self.tr("Delete the passage with its tags, note and links"),
            "delete",
            QKeySequence.StandardKey.Delete,
            self.tree,
        )
        self.follow_action = act(
            self.tr("Follow link"),
            self.follow_link,
            self.tr("Open the passage at the other end"),
            "link",
        )
        self.unlink_action = act(
            self.tr("Remove link"),
            self.remove_link,
            self.tr("Remove this link; both passages stay"),
        )
        for action in (self.note_action, self.delete_action, self.unlink_action):
            action.setEnabled(not ctx.library.read_only)
        connect_activation(self.tree, self._activate)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        ctx.navigator.document_shown.connect(self.show_document)
        ctx.navigator.passage_selected.connect(self.select_passage)
        # at once: a passage highlighted in the reader is listed right away
        self.watch = Watch(
            self, ctx.bridge, WATCHED, self.reload, delay_ms=0,
            wanted=lambda _changes: bool(self.document_id),
        )  # fmt: skip
        self.show_document(ctx.current_document)

    # -- loading ------------------------------------------------------------------------

    def show_document(self, document_id: int) -> None:
        if document_id != self.document_id:
            self.tree.clear()
            self.passages = []
        self.document_id = document_id
        self.reload()

    def reload(self) -> None:
        self.watch.done()
        if not self.document_id:
            self._load.cancel()
            self.tree.clear()
            self.header.setText("")
            self._show_empty(self.tr("Open an article to see its annotations."))
            return
        doc_id, lib = self.document_id, self.ctx.library

        def work() -> tuple[list[PassageInfo], dict[str, str]]:
            found = lib.passages(document_ids=[doc_id])
            return found, {p: c for p, c in lib.tag_colors().items() if c}

        self._load.run(work, self._loaded, self._failed)

    def is_loading(self) -> bool:
        return self._load.pending

    def _failed(self, exc: BaseException) -> None:
        self.tree.clear()
        self._show_empty(self.tr("The annotations could not be loaded: {error}").format(error=exc))

    def _loaded(self, result: tuple[list[PassageInfo], dict[str, str]]) -> None:
        passages, colors = result
        selected = self.selected_passage() or self._reader_selected
        self.delegate.tag_colors = colors
        self.passages = passages
        self.tree.clear()
        links = sum(1 for p in passages for li in p.links if li.side == "out")
        backlinks = sum(len(p.links) for p in passages) - links
        self.header.setText(
            self.tr("{passages} · {links} · {backlinks}").format(
                passages=count_text(len(passages), self.tr("{n} passage"), self.tr("{n} passages")),
                links=count_text(links, self.tr("{n} link"), self.tr("{n} links")),
                backlinks=count_text(backlinks, self.tr("{n} backlink"), self.tr("{n} backlinks")),
            )
        )
        if not passages:
            self._show_empty(
                self.tr(
                    "No annotation yet.\n\nSelect text in the article and press H to highlight."
                )
            )
            return
        for p in passages:
            item = QTreeWidgetItem([passage_text(p)])
            item.setData(0, PASSAGE_ROLE, p)
            item.setData(0, KIND_ROLE, "passage")
            item.setData(0, TARGET_ROLE, (p.document_id, p.id))
            for link in sorted(p.links, key=lambda li: (li.side != "out", li.id)):
                item.addChild(self._link_item(link))
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            if p.id == selected:
                self.tree.setCurrentItem(item)
        self.stack.setCurrentWidget(self.tree)

    def _relation(self, relation: str) -> str:
        return self._relations.get(relation, relation)

    def _link_item(self, link: LinkInfo) -> QTreeWidgetItem:
        quote = clip(link.other_exact, 60)
        relation = self._relation(link.relation)
        if link.side == "out":
            text = self.tr("→ {relation}\n“{quote}” — {title}")
            tip = self.tr("This passage {relation} “{quote}” in “{title}”. Click to go there.")
        else:
            # a relation may be a verb ("repeats") or a noun ("same event"):
            # the wording reads right with either
            text = self.tr("← {relation} · backlink\n“{quote}” — {title}")
            tip = self.tr(
                "A link to this passage from “{quote}” in “{title}” ({relation}). "
                "Click to go there."
            )
        values = {"relation": relation, "quote": quote, "title": link.other_document_title}
        item = QTreeWidgetItem([text.format(**values)])
        tooltip = f"<p>{html.escape(tip.format(**values))}</p>"
        if link.note:
            tooltip += note_html(link.note, 600)
        item.setToolTip(0, tooltip)
        item.setData(0, KIND_ROLE, "link")
        item.setData(0, TARGET_ROLE, (link.other_document_id, link.other_id))
        item.setData(0, LINK_ROLE, link.id)
        item.setIcon(0, theme.icon("link", 16))
        item.setForeground(0, self.palette().placeholderText())
        return item

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    # -- selection, activation -------------------------------------------------------------

    def _current(self, kind: str) -> QTreeWidgetItem | None:
        item = self.tree.currentItem()
        return item if item is not None and item.data(0, KIND_ROLE) == kind else None

    def selected_passage(self) -> int:
        """The id of the passage row selected (0 when none)."""
        item = self._current("passage")
        return int(item.data(0, TARGET_ROLE)[1]) if item is not None else 0

    def passage_item(self, passage_id: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, TARGET_ROLE)[1] == passage_id:
                return item
        return None

    def select_passage(self, passage_id: int) -> None:
        """Select a passage's row (as when it is clicked in the reader)."""
        self._reader_selected = passage_id
        item = self.passage_item(passage_id) if passage_id else None
        if item is None:
            self.tree.clearSelection()
            return
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)

    def _activate(self, index: QModelIndex) -> None:
        kind, target = index.data(KIND_ROLE), index.data(TARGET_ROLE)
        if kind == "passage":
            self._reader_selected = int(target[1])
            self.ctx.navigator.passage_selected.emit(int(target[1]))
        elif kind == "link":
            self.ctx.navigator.open_passage.emit(int(target[0]), int(target[1]))

    def follow_link(self) -> None:
        item = self._current("link")
        if item is not None:
            self._activate(self.tree.indexFromItem(item))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        if item.data(0, KIND_ROLE) == "passage":
            menu.addActions([self.note_action, self.delete_action])
        else:
            menu.addActions([self.follow_action, self.unlink_action])
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- operations ------------------------------------------------------------

    def _selected_info(self) -> PassageInfo | None:
        item = self._current("passage")
        return item.data(0, PASSAGE_ROLE) if item is not None else None

    def edit_note(self) -> None:
        p = self._selected_info()
        if p is None:
            return
        note = NoteDialog.get_note(p.exact, p.note or "", self)
        if note is not None and note != (p.note or ""):
            self.edit(lambda: self.ctx.library.update_passage(p.id, note=note))

    def delete_passage(self) -> None:
        p = self._selected_info()
        if p is None:
            return
        if p.links:
            links = count_text(len(p.links), self.tr("{n} link"), self.tr("{n} links"))
            text = self.tr(
                "Delete the passage “{quote}” with its tags and note?\n\n"
                "{links} to other passages will be removed too."
            )
        else:
            links = ""
            text = self.tr("Delete the passage “{quote}” with its tags and note?")
        text = text.format(quote=clip(p.exact, 80), links=links)
        if self.confirm(self.tr("Delete passage"), text):
            self.edit(lambda: self.ctx.library.delete_passages([p.id]))

    def remove_link(self) -> None:
        item = self._current("link")
        if item is not None:
            link_id = int(item.data(0, LINK_ROLE))

            def refused(exc: BaseException) -> None:
                if isinstance(exc, NotFoundError):
                    self.reload()  # gone already: the list was behind
                else:
                    self.show_error(str(exc))

            self.ctx.operations.run(
                lambda: self.ctx.library.unlink(link_id), parent=self, on_error=refused
            )
