"""The passages of the selected tag across all articles, grouped by article,
narrowed by a query (words, "phrases", note:, status:, doc:, as
``Library.search_passages`` reads them); a query alone searches every
passage. They are read again when the library changes (at once when shown,
else when next shown: see ``watch``)."""

from __future__ import annotations

import html
import shlex

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.errors import NotFoundError, QueryError
from kzreader.core.types import PassageInfo
from kzreader.gui.context import AppContext
from kzreader.gui.panels.latest import LatestOnly
from kzreader.gui.panels.passage_item import (
    KIND_ROLE,
    PASSAGE_ROLE,
    TARGET_ROLE,
    PassageDelegate,
    connect_activation,
    count_text,
    passage_text,
    passage_tooltip,
)
from kzreader.gui.panels.watch import Watch

WATCHED = frozenset({"passages", "passage_tags", "tags", "documents"})
SETTINGS_CHILDREN = "tag_passages_panel/with_children"


class TagPassagesPanel(QWidget):
    """Follows ``navigator.tag_selected``; activating a passage opens it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = ""
        self.passages: list[PassageInfo] = []
        self._load = LatestOnly(ctx.workers, self)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setAccessibleName(self.tr("Selected tag"))
        self.children_box = QCheckBox(self.tr("Include sub-tags"))
        self.children_box.setToolTip(self.tr("Also list the passages tagged with a sub-tag"))
        self.children_box.setChecked(
            ctx.settings.value(SETTINGS_CHILDREN, True, type=bool)  # type: ignore[call-overload]
        )
        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(self.tr('Filter: words, "a phrase", note:word, status:moved'))
        self.query.setAccessibleName(self.tr("Passage query"))
        self.query.setToolTip(
            self.tr(
                "Only the passages whose text or note has these words; with no tag chosen, "
                "every passage of the library is searched"
            )
        )
        self._query_timer = QTimer(self)
        self._query_timer.setSingleShot(True)
        self._query_timer.setInterval(300)
        self._query_timer.timeout.connect(self.reload)
        self.query.textChanged.connect(lambda _: self._query_timer.start())
        self.query.returnPressed.connect(self.reload)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Passages of the tag"))
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setIndentation(10)
        self.tree.setRootIsDecorated(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
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
        layout.addWidget(self.query)
        layout.addWidget(self.children_box)
        layout.addWidget(self.stack, 1)

        connect_activation(self.tree, self._activate)
        self.children_box.toggled.connect(self._children_toggled)
        ctx.navigator.tag_selected.connect(self.show_tag)
        self.watch = Watch(
            self, ctx.bridge, WATCHED, self.reload, delay_ms=0,
            wanted=lambda _changes: self._has_subject(),
        )  # fmt: skip
        self._show_empty(self.tr("Select a tag to see its passages across all articles."))
        self.header.setText(self.tr("No tag selected"))
        self.watch.done()  # nothing to show yet: nothing is out of date

    # -- loading ---------------------------------------------------------------------

    def show_tag(self, path: str) -> None:
        """Show the passages of ``path`` ("" clears the panel)."""
        if path != self.path:
            self.tree.clear()
        self.path = path
        self.reload()

    def _has_subject(self) -> bool:
        """A tag or a query is chosen: there are passages to show."""
        return bool(self.path or self.query.text().strip())

    def reload(self) -> None:
        self._query_timer.stop()
        self.watch.done()
        query = " ".join(self.query.text().split())
        if not self.path and not query:
            self._load.cancel()
            self.passages = []
            self.tree.clear()
            self.header.setText(self.tr("No tag selected"))
            self._show_empty(self.tr("Select a tag to see its passages across all articles."))
            return
        path, with_children = self.path, self.children_box.isChecked()
        lib = self.ctx.library
        if not self.passages:
            shown = html.escape(path or query)
            self.header.setText(self.tr("<b>{tag}</b> — loading…").format(tag=shown))

        def work() -> tuple[list[PassageInfo], dict[str, str]]:
            if query:
                scope = shlex.quote(f"tag:{path}") + " " if path else ""
                found = lib.search_passages(scope + query)
                if path and not with_children:
                    found = [p for p in found if path in p.tags]
            else:
                found = lib.passages(tags=[path], with_children=with_children)
            return found, {p: c for p, c in lib.tag_colors().items() if c}

        self._load.run(work, self._loaded, self._failed)

    def is_loading(self) -> bool:
        return self._load.pending

    def _failed(self, exc: BaseException) -> None:
        self.passages = []
        self.tree.clear()
        self.header.setText(html.escape(self.path or self.query.text()))
        if isinstance(exc, NotFoundError) and self.path:
            text = self.tr("The tag “{tag}” no longer exists.").format(tag=self.path)
        elif isinstance(exc, QueryError):
            text = self.tr("The query cannot be read: {error}").format(error=exc)
        else:
            text = self.tr("The passages could not be loaded: {error}").format(error=exc)
        self._show_empty(text)

    def _loaded(self, result: tuple[list[PassageInfo], dict[str, str]]) -> None:
        passages, colors = result
        self.delegate.tag_colors = colors
        self.passages = passages
        selected = self.selected_passage()
        by_doc: dict[int, list[PassageInfo]] = {}
        for p in passages:
            by_doc.setdefault(p.document_id, []).append(p)
        query = " ".join(self.query.text().split())
        tag = html.escape(self.path)
        if query:
            what = self.tr("“{query}”").format(query=html.escape(query))
            tag = (
                f"{tag} · {what}"
                if self.path
                else self.tr("Passages matching {query}").format(query=what)
            )
        count = count_text(len(passages), self.tr("{n} passage"), self.tr("{n} passages"))
        articles = count_text(len(by_doc), self.tr("{n} article"), self.tr("{n} articles"))
        self.header.setText(
            self.tr("<b>{tag}</b> — {passages} in {articles}").format(
                tag=tag, passages=count, articles=articles
            )
        )
        self.tree.clear()
        if not passages:
            if query:
                text = self.tr("No passage matches “{query}”.").format(query=query)
            else:
                text = self.tr(
                    "No passage is tagged “{tag}” yet. Select text in an article and "
                    "tag it to collect it here."
                ).format(tag=self.path)
            self._show_empty(text)
            return
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for doc_id, doc_passages in sorted(
            by_doc.items(), key=lambda kv: kv[1][0].document_title.casefold()
        ):
            title = doc_passages[0].document_title
            group = QTreeWidgetItem(
                [self.tr("{title} ({n})").format(title=title, n=len(doc_passages))]
            )
            group.setFont(0, bold)
            group.setToolTip(0, title)
            group.setData(0, KIND_ROLE, "document")
            group.setData(0, TARGET_ROLE, doc_id)
            for p in doc_passages:
                item = QTreeWidgetItem([passage_text(p)])
                item.setData(0, PASSAGE_ROLE, p)
                item.setData(0, KIND_ROLE, "passage")
                item.setData(0, TARGET_ROLE, (p.document_id, p.id))
                item.setToolTip(0, passage_tooltip(p))
                group.addChild(item)
                if p.id == selected:
                    self.tree.setCurrentItem(item)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
        self.stack.setCurrentWidget(self.tree)

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _children_toggled(self, checked: bool) -> None:
        self.ctx.settings.setValue(SETTINGS_CHILDREN, checked)
        self.reload()

    # -- selection and activation -------------------------------------------------------

    def selected_passage(self) -> int:
        item = self.tree.currentItem()
        if item is None or item.data(0, KIND_ROLE) != "passage":
            return 0
        return int(item.data(0, TARGET_ROLE)[1])

    def passage_items(self) -> list[QTreeWidgetItem]:
        """The passage rows, in the order shown."""
        return [
            self.tree.topLevelItem(i).child(j)
            for i in range(self.tree.topLevelItemCount())
            for j in range(self.tree.topLevelItem(i).childCount())
        ]

    def _activate(self, index: QModelIndex) -> None:
        kind, target = index.data(KIND_ROLE), index.data(TARGET_ROLE)
        if kind == "passage":
            self.ctx.navigator.open_passage.emit(int(target[0]), int(target[1]))
        elif kind == "document":
            self.ctx.navigator.open_document.emit(int(target))
