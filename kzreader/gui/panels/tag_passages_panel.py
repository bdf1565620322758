"""The passages of the selected tag across all articles, grouped by article,
narrowed by a query (words, "phrases", note:, status:, doc:, as
``Library.search_passages`` reads them); a query alone searches every
passage. They come a page at a time (``PAGE``; the next page when the list
is scrolled to its end or "Show more" is activated), counted in full by the
core after the first page is shown (with the articles they are in).
They are read again when the library changes (at once when shown,
else when next shown: see ``watch``)."""

from __future__ import annotations

import html

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
from kzreader.core.retrieval import PassageFilter
from kzreader.core.types import PassageInfo, PassagePage
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
)
from kzreader.gui.panels.watch import Watch

WATCHED = frozenset({"passages", "passage_tags", "tags", "documents"})
SETTINGS_CHILDREN = "tag_passages_panel/with_children"
#: Passages read at a time: a tag of the whole library may hold 100,000.
PAGE = 200
#: The counts start this long after their page is shown. Their worker
#: shares the interpreter's lock with the GUI thread, which is laying the
#: page's 200 passages out: started at once, a tag click at 100,000
#: articles held the GUI thread 41-63 ms, 25-44 ms with the counts 80 ms
#: later (benchmarks/gui_stall.py).
COUNT_AFTER_MS = 80


class TagPassagesPanel(QWidget):
    """Follows ``navigator.tag_selected``; activating a passage opens it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = ""
        self.passages: list[PassageInfo] = []
        self._load = LatestOnly(ctx.workers, self)
        self._more = LatestOnly(ctx.workers, self)
        #: the shown passages and their articles, counted after the first page
        self._count = LatestOnly(ctx.workers, self)
        #: the counts asked for the page shown, to start once it is painted
        #: (None: none waiting; another request, or a reload, replaces it)
        self._count_due: object | None = None
        #: how many passages match in all (None: being counted)
        self._total: int | None = None
        #: the filter and query of the page being read or shown
        self._shown: tuple[PassageFilter, str | None] = (PassageFilter(), None)
        self._more_item: QTreeWidgetItem | None = None
        self._groups: dict[int, QTreeWidgetItem] = {}

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
        self.tree.verticalScrollBar().valueChanged.connect(self._scrolled)
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
            self._clear()
        self.path = path
        self.reload()

    def _has_subject(self) -> bool:
        """A tag or a query is chosen: there are passages to show."""
        return bool(self.path or self.query.text().strip())

    def _subject(self) -> tuple[PassageFilter, str | None]:
        """The filter and the query of what the panel shows."""
        query = " ".join(self.query.text().split())
        flt = PassageFilter(
            tags=[self.path] if self.path else [], with_children=self.children_box.isChecked()
        )
        return flt, query or None

    def reload(self) -> None:
        self._query_timer.stop()
        self.watch.done()
        self._more.cancel()
        self._count.cancel()
        self._count_due = None
        flt, query = self._subject()
        if not self.path and not query:
            self._load.cancel()
            self.passages = []
            self._clear()
            self.header.setText(self.tr("No tag selected"))
            self._show_empty(self.tr("Select a tag to see its passages across all articles."))
            return
        lib = self.ctx.library
        if not self.passages:
            shown = html.escape(self.path or query)
            self.header.setText(self.tr("<b>{tag}</b> — loading…").format(tag=shown))
        # a refresh after an edit keeps the pages already scrolled through
        limit = max(PAGE, len(self.passages))
        self._shown = (flt, query)

        def work() -> tuple[PassagePage, dict[str, str]]:
            page = lib.passage_page(flt, query=query, limit=limit, counted=False)
            return page, {p: c for p, c in lib.tag_colors().items() if c}

        self._load.run(work, self._loaded, self._failed)

    def load_more(self) -> None:
        """Read the next page, if there is one and none is being read."""
        if self._more_item is None or self._more.pending or self._load.pending:
            return
        flt, text = self._shown
        lib, offset = self.ctx.library, len(self.passages)
        self._more_item.setText(0, self.tr("Loading more passages…"))
        self._more.run(
            lambda: lib.passage_page(flt, query=text, offset=offset, limit=PAGE, counted=False),
            self._appended,
            self._failed,
        )

    def is_loading(self) -> bool:
        waiting = self._count_due is not None
        return self._load.pending or self._more.pending or self._count.pending or waiting

    def _failed(self, exc: BaseException) -> None:
        self.passages = []
        self._clear()
        self.header.setText(html.escape(self.path or self.query.text()))
        if isinstance(exc, NotFoundError) and self.path:
            text = self.tr("The tag “{tag}” no longer exists.").format(tag=self.path)
        elif isinstance(exc, QueryError):
            text = self.tr("The query cannot be read: {error}").format(error=exc)
        else:
            text = self.tr("The passages could not be loaded: {error}").format(error=exc)
        self._show_empty(text)

    def _loaded(self, result: tuple[PassagePage, dict[str, str]]) -> None:
        page, colors = result
        self.delegate.tag_colors = colors
        selected = self.selected_passage()
        self.passages = []
        query = " ".join(self.query.text().split())
        tag = html.escape(self.path)
        if query:
            what = self.tr("“{query}”").format(query=html.escape(query))
            tag = (
                f"{tag} · {what}"
                if self.path
                else self.tr("Passages matching {query}").format(query=what)
            )
        nothing = not page.passages and not page.more
        self._total = 0 if nothing else page.total
        articles = 0 if nothing else page.documents
        self._show_counts(tag, self._total, articles)
        if self._total is None or articles is None:
            due = self._count_due = object()
            QTimer.singleShot(COUNT_AFTER_MS, self, lambda: self._count_when_due(due, tag))
        self._clear()
        if not page.passages:
            if query:
                text = self.tr("No passage matches “{query}”.").format(query=query)
            else:
                text = self.tr(
                    "No passage is tagged “{tag}” yet. Select text in an article and "
                    "tag it to collect it here."
                ).format(tag=self.path)
            self._show_empty(text)
            return
        self._add(page, selected)
        self.stack.setCurrentWidget(self.tree)

    def _show_counts(self, tag: str, passages: int | None, articles: int | None) -> None:
        """The header: the tag (and query), how many passages, in how many
        articles (``None``: being counted)."""
        if passages is None:
            self.header.setText(self.tr("<b>{tag}</b> — counting passages…").format(tag=tag))
            return
        count = count_text(passages, self.tr("{n} passage"), self.tr("{n} passages"))
        if articles is None:
            text = self.tr("<b>{tag}</b> — {passages}, counting articles…")
            self.header.setText(text.format(tag=tag, passages=count))
            return
        in_articles = count_text(articles, self.tr("{n} article"), self.tr("{n} articles"))
        self.header.setText(
            self.tr("<b>{tag}</b> — {passages} in {articles}").format(
                tag=tag, passages=count, articles=in_articles
            )
        )

    def _count_when_due(self, due: object, tag: str) -> None:
        if due is self._count_due:  # not superseded since
            self._count_due = None
            self._count_matches(tag)

    def _count_matches(self, tag: str) -> None:
        """Count the shown passages (a search's) and their articles after the
        first page is shown: it visits every passage of the tag (a tag of
        100,000 passages within a common word: a second), which the page
        itself need not wait for."""
        flt, query = self._shown
        lib = self.ctx.library

        def counted(counts: tuple[int, int]) -> None:
            self._total = counts[0]
            self._show_counts(tag, *counts)
            self._label_more()

        def failed(_exc: BaseException) -> None:
            if self._total is None:
                self.header.setText(self.tr("<b>{tag}</b>").format(tag=tag))
                return
            count = count_text(self._total, self.tr("{n} passage"), self.tr("{n} passages"))
            text = self.tr("<b>{tag}</b> — {passages}")
            self.header.setText(text.format(tag=tag, passages=count))

        self._count.run(lambda: lib.count_passage_matches(flt, query), counted, failed)

    def _label_more(self) -> None:
        """The "Show more" row says how many are left once they are counted."""
        if self._more_item is None:
            return
        if self._total is None:
            self._more_item.setText(0, self.tr("Show more passages…"))
            return
        left = self._total - len(self.passages)
        self._more_item.setText(
            0,
            count_text(left, self.tr("Show {n} more passage…"), self.tr("Show {n} more passages…")),
        )

    def _appended(self, page: PassagePage) -> None:
        self._add(page, 0)

    def _clear(self) -> None:
        self.tree.clear()
        self._groups = {}
        self._more_item = None

    def _add(self, page: PassagePage, selected: int) -> None:
        """Add the page's passages under their articles' rows (an article
        split across two pages keeps one row), then "Show more" if more match."""
        if self._more_item is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self._more_item))
            self._more_item = None
        bold = QFont(self.tree.font())
        bold.setBold(True)
        grown: dict[int, str] = {}  # the articles given passages: their titles
        for p in page.passages:
            group = self._groups.get(p.document_id)
            if group is None:
                group = QTreeWidgetItem()
                group.setFont(0, bold)
                group.setToolTip(0, p.document_title)
                group.setData(0, KIND_ROLE, "document")
                group.setData(0, TARGET_ROLE, p.document_id)
                self.tree.addTopLevelItem(group)
                group.setExpanded(True)
                self._groups[p.document_id] = group
            item = QTreeWidgetItem([passage_text(p)])
            item.setData(0, PASSAGE_ROLE, p)
            item.setData(0, KIND_ROLE, "passage")
            item.setData(0, TARGET_ROLE, (p.document_id, p.id))
            group.addChild(item)
            grown[p.document_id] = p.document_title
            if p.id == selected:
                self.tree.setCurrentItem(item)
            self.passages.append(p)
        for document_id, title in grown.items():
            group = self._groups[document_id]
            group.setText(0, self.tr("{title} ({n})").format(title=title, n=group.childCount()))
        if page.more:
            self._more_item = QTreeWidgetItem()
            self._label_more()
            self._more_item.setData(0, KIND_ROLE, "more")
            self._more_item.setForeground(0, self.palette().link())  # reads as clickable
            more_font = QFont(self.tree.font())
            more_font.setUnderline(True)
            self._more_item.setFont(0, more_font)
            self._more_item.setToolTip(0, self.tr("Read the next passages of the list"))
            self.tree.addTopLevelItem(self._more_item)

    def _scrolled(self, value: int) -> None:
        bar = self.tree.verticalScrollBar()
        if self._more_item is not None and value >= bar.maximum() - bar.pageStep() // 4:
            self.load_more()

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
            group.child(j) for group in self._groups.values() for j in range(group.childCount())
        ]

    def _activate(self, index: QModelIndex) -> None:
        kind, target = index.data(KIND_ROLE), index.data(TARGET_ROLE)
        if kind == "more":
            self.load_more()
        elif kind == "passage":
            self.ctx.navigator.open_passage.emit(int(target[0]), int(target[1]))
        elif kind == "document":
            self.ctx.navigator.open_document.emit(int(target))
