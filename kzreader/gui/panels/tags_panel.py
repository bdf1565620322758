"""The tag (code) tree: colours, counts, editing, and re-parenting by drag and drop.
The tree is rebuilt at once on every change of the tags, shown or not (see ``watch``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.types import TagInfo
from kzreader.gui.context import AppContext
from kzreader.gui.panels.passage_item import PanelBase, count_text, swatch
from kzreader.gui.panels.watch import Watch
from kzreader.gui.workers import Job

MIME = "application/x-kzreader-tag-path"
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
WATCHED = frozenset({"tags", "passage_tags", "passages"})
SETTINGS_COLLAPSED = "tags_panel/collapsed"
SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class TagModel(QStandardItemModel):
    """Tag items that can be dragged onto one another; a drop asks the panel
    to move the tag (the tree is rebuilt from the library afterwards)."""

    def __init__(self, on_drop: Callable[[str, str | None], object], parent: QWidget) -> None:
        super().__init__(parent)
        self._on_drop = on_drop

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        paths = [i.data(PATH_ROLE) for i in indexes if i.column() == 0]
        if paths:
            data.setData(MIME, paths[0].encode("utf-8"))
        return data

    def dropMimeData(self, data: QMimeData, action: Any, row: int, col: int, parent: Any) -> bool:
        if not data.hasFormat(MIME):
            return False
        path = bytes(data.data(MIME).data()).decode("utf-8")
        target = parent.siblingAtColumn(0).data(PATH_ROLE) if parent.isValid() else None
        # Moved once the drag is over; returning False keeps the view from
        # removing rows itself: the tree is rebuilt from the library.
        QTimer.singleShot(0, lambda: self._on_drop(path, target))
        return False


class TagsPanel(PanelBase):
    """The tag tree; selecting a tag shows its passages across all articles."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog_title = self.tr("Tags")
        self._tags: dict[str, TagInfo] = {}
        self._emitted = ""
        collapsed = ctx.settings.value(SETTINGS_COLLAPSED, [])
        self._collapsed: set[str] = set(collapsed if isinstance(collapsed, list) else [collapsed])
        self._restoring = False

        self.model = TagModel(self.move_tag, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Tags"))
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # a read-only library cannot re-parent tags: no dragging
        self.view.setDragDropMode(
            QAbstractItemView.DragDropMode.NoDragDrop
            if ctx.library.read_only
            else QAbstractItemView.DragDropMode.InternalMove
        )
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find a tag"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setAccessibleName(self.tr("Find a tag"))

        specs = [  # name, text, slot, tooltip, icon, shortcut
            ("new", self.tr("New tag…"), self.new_tag,
             self.tr("Create a tag under the selected one"), "tag", None),
            ("new_top", self.tr("New top-level tag…"), self.new_top_tag,
             self.tr("Create a tag at the top of the tree"), "", None),
            ("rename", self.tr("Rename…"), self.rename_tag,
             self.tr("Rename the selected tag"), "", "F2"),
            ("color", self.tr("Change colour…"), self.change_color,
             self.tr("Change the colour of the selected tag"), "", None),
            ("description", self.tr("Edit description…"), self.edit_description,
             self.tr("Describe when to apply the selected tag"), "note", None),
            ("merge", self.tr("Merge into…"), self.merge_tag,
             self.tr("Move the selected tag's passages to another tag and remove it"), "", None),
            ("delete", self.tr("Delete…"), self.delete_tag,
             self.tr("Delete the selected tag; its passages stay"), "delete",
             QKeySequence.StandardKey.Delete),
        ]  # fmt: skip
        self.actions_by_name = {
            name: self.make_action(text, slot, tip, icon, key, self.view)
            for name, text, slot, tip, icon, key in specs
        }
        a = self.actions_by_name
        self._selection_actions = [a[n] for n in ("rename", "color", "description", "merge")]
        self._selection_actions.append(a["delete"])
        bar = QToolBar()
        bar.setIconSize(QSize(16, 16))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addWidget(self.find_edit)
        bar.addAction(a["new"])
        self.edit_button = QToolButton()
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setToolTip(self.tr("Rename, recolour, describe, merge or delete the tag"))
        self.edit_button.setAccessibleName(self.tr("Edit tag"))
        self.edit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.edit_button.setMenu(self._menu(top=False))
        bar.addWidget(self.edit_button)
        self._context = self._menu(top=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(bar)
        layout.addWidget(self.view, 1)

        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.expanded.connect(lambda i: self._expansion(i, True))
        self.view.collapsed.connect(lambda i: self._expansion(i, False))
        self.find_edit.textChanged.connect(self._find)
        # at once and even while hidden: an operation here selects the tag it
        # made right after it (a rename, a merge), and the window reads the
        # tag chosen (an export's) whether the tree is shown or not
        self.watch = Watch(self, ctx.bridge, WATCHED, self.refresh, delay_ms=0, when_visible=False)
        self.refresh()

    def _menu(self, top: bool) -> QMenu:
        menu = QMenu(self)
        a = self.actions_by_name
        menu.addActions([a["new"], a["new_top"]] if top else [a["new_top"]])
        menu.addSeparator()
        menu.addActions(self._selection_actions[:4])
        menu.addSeparator()
        menu.addAction(a["delete"])
        return menu

    # -- tree ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the tree from the library, keeping expansion and selection."""
        selected = self.selected_path()
        self._tags = {t.path: t for t in self.ctx.library.tags()}
        self.model.clear()
        items: dict[int, QStandardItem] = {}
        for info in self._tags.values():  # path order: parents come first
            name = QStandardItem(swatch(info.color), info.name)
            name.setData(info.path, PATH_ROLE)
            tip = self.tr("{path}\n{own} tagged with it directly, {total} with its sub-tags")
            tip = tip.format(path=info.path, own=info.count, total=info.total)
            if info.description:
                tip += "\n\n" + info.description
            name.setToolTip(tip)
            count = QStandardItem(str(info.total) if info.total else "")
            count.setData(info.path, PATH_ROLE)
            count.setToolTip(tip)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setForeground(self.palette().placeholderText())
            parent = items.get(info.parent_id) if info.parent_id else None
            (parent or self.model.invisibleRootItem()).appendRow([name, count])
            items[info.id] = name
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._restore_expansion()
        self.select_tag(selected if selected in self._tags else "", emit=False)
        # if the selected tag went away (deleted, undone…): announce it once the
        # operation that refreshed the tree had its say (a rename selects the new path)
        QTimer.singleShot(0, self._emit_selected)

    def _restore_expansion(self) -> None:
        self._restoring = True
        if self.find_edit.text():
            self.view.expandAll()
        else:
            for path in self._tags:
                index = self._index(path)
                if index.isValid():
                    self.view.setExpanded(index, path not in self._collapsed)
        self._restoring = False

    def _expansion(self, index: QModelIndex, expanded: bool) -> None:
        if self._restoring or self.find_edit.text():
            return
        path = index.data(PATH_ROLE)
        (self._collapsed.discard if expanded else self._collapsed.add)(path)
        self.ctx.settings.setValue(SETTINGS_COLLAPSED, sorted(self._collapsed))

    def _find(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._restore_expansion()

    def _index(self, path: str) -> QModelIndex:
        """The view (proxy) index of a tag path, invalid if not shown."""
        flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        matches = self.model.match(self.model.index(0, 0), PATH_ROLE, path, 1, flags)
        return self.proxy.mapFromSource(matches[0]) if matches else QModelIndex()

    def selected_path(self) -> str:
        """The selected tag's path ("" when none)."""
        index = self.view.currentIndex()
        return (index.data(PATH_ROLE) or "") if index.isValid() else ""

    def select_tag(self, path: str, emit: bool = True) -> None:
        """Select a tag ("" clears the selection); ``emit`` announces it."""
        index = self._index(path) if path else QModelIndex()
        selection = self.view.selectionModel()
        selection.blockSignals(not emit)
        selection.setCurrentIndex(index, SELECT)
        selection.blockSignals(False)
        if index.isValid():
            self.view.scrollTo(index)
        self.view.viewport().update()
        self._update_actions()
        if emit:
            self._emit_selected()

    def _current_changed(self, *args: object) -> None:
        self._update_actions()
        self._emit_selected()

    def _emit_selected(self) -> None:
        path = self.selected_path()
        if path != self._emitted:
            self._emitted = path
            self.ctx.navigator.tag_selected.emit(path)

    def _update_actions(self) -> None:
        writable = not self.ctx.library.read_only
        has = bool(self.selected_path()) and writable
        for action in self._selection_actions:
            action.setEnabled(has)
        self.actions_by_name["merge"].setEnabled(has and len(self._tags) > 1)
        self.actions_by_name["new"].setEnabled(writable)
        self.actions_by_name["new_top"].setEnabled(writable)
        self.edit_button.setEnabled(writable)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            self.select_tag("")
        self._context.exec(self.view.viewport().mapToGlobal(pos))

    # -- operations ---------------------------------------------------------------------------

    def new_tag(self, parent: str | None = None) -> Job | None:
        parent = parent if parent is not None else self.selected_path()
        if parent:
            label = self.tr("Name of the new tag under “{parent}”:").format(parent=parent)
        else:
            label = self.tr("Name of the new tag:")
        name = self.ask_text(self.tr("New tag"), label)
        if not name:
            return None
        path = f"{parent}/{name}" if parent else name
        return self.edit(
            lambda: self.ctx.library.create_tag(path), lambda info: self.select_tag(info.path)
        )

    def new_top_tag(self) -> Job | None:
        return self.new_tag(parent="")

    def rename_tag(self) -> Job | None:
        path = self.selected_path()
        if not path:
            return None
        name = self.ask_text(self.tr("Rename tag"), self.tr("New name:"), self._tags[path].name)
        if not name or name == self._tags[path].name:
            return None
        return self.edit(
            lambda: self.ctx.library.rename_tag(path, name),
            lambda info: self.select_tag(info.path),
        )

    def change_color(self) -> None:
        path = self.selected_path()
        if path:
            color = self.ask_color(self.tr("Tag colour"), self._tags[path].color)
            if color:
                self.edit(lambda: self.ctx.library.edit_tag(path, color=color))

    def edit_description(self) -> None:
        path = self.selected_path()
        if not path:
            return
        label = self.tr("Description of “{path}” (when to apply it):").format(path=path)
        text = self.ask_multiline(
            self.tr("Edit description"), label, self._tags[path].description or ""
        )
        if text is not None:
            self.edit(lambda: self.ctx.library.edit_tag(path, description=text))

    def merge_tag(self) -> None:
        path = self.selected_path()
        if not path:
            return
        targets = [p for p in self._tags if p != path and not p.startswith(path + "/")]
        if not targets:
            self.show_error(
                self.tr("There is no other tag to merge “{path}” into.").format(path=path)
            )
            return
        label = self.tr("Merge “{path}” into:").format(path=path)
        target = self.ask_item(self.tr("Merge tags"), label, targets)
        merge = self.ctx.library.merge_tags
        if target:
            self.edit(lambda: merge(path, target), lambda _changes: self.select_tag(target))

    def delete_tag(self) -> None:
        path = self.selected_path()
        if not path:
            return
        info = self._tags[path]
        subs = sum(1 for p in self._tags if p.startswith(path + "/"))
        untagged = count_text(info.total, self.tr("{n} passage"), self.tr("{n} passages"))
        if subs:
            text = self.tr(
                "Delete the tag “{path}” and its {subs} sub-tags?\n\n{untagged} will lose "
                "these tags; the passages themselves stay."
            ).format(path=path, subs=subs, untagged=untagged)
        else:
            text = self.tr(
                "Delete the tag “{path}”?\n\n{untagged} will lose this tag; "
                "the passages themselves stay."
            ).format(path=path, untagged=untagged)
        if self.confirm(self.tr("Delete tag"), text):
            self.edit(lambda: self.ctx.library.delete_tag(path))

    def move_tag(self, path: str, new_parent: str | None) -> Job | None:
        """Re-parent a tag (``None``: top level); what a drop in the tree does."""
        new_parent = new_parent or None
        if new_parent is not None and (new_parent == path or new_parent.startswith(path + "/")):
            self.show_error(
                self.tr("“{path}” cannot go under itself or one of its sub-tags.").format(path=path)
            )
            return None
        info = self._tags.get(path)
        current_parent = path.rpartition("/")[0] or None
        if info is not None and current_parent == new_parent:
            return None  # where it is already

        def moved(info: TagInfo) -> None:
            if new_parent is not None:
                self._collapsed.discard(new_parent)
                self._restore_expansion()
            self.select_tag(info.path)

        return self.edit(lambda: self.ctx.library.move_tag(path, new_parent), moved)
