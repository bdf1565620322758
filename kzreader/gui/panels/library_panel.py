"""The library list: every article, sortable, filtered as you type and by
outlet, language, tag and attribute. It follows the library's changes at
once, shown or not (see ``watch``)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.textfold import fold
from kzreader.core.types import ChangeSet
from kzreader.gui.context import AppContext
from kzreader.gui.panels.latest import LatestOnly
from kzreader.gui.panels.library_filter import DocumentFilter
from kzreader.gui.panels.library_model import (
    DATE,
    ID_ROLE,
    LANGUAGE,
    OUTLET,
    PASSAGES,
    TITLE,
    DocumentTableModel,
    column_order,
)
from kzreader.gui.panels.passage_item import connect_activation, count_text
from kzreader.gui.panels.watch import Watch
from kzreader.gui.workers import collector_paused

#: between an attribute's key and value in the attribute combo's data
SEP = "\x1f"
SETTINGS_HIDDEN = "library_panel/hidden_columns"
#: Tables of the articles themselves: a change reads the whole list again.
DOCUMENT_TABLES = frozenset({"documents", "document_attributes"})
SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
#: Above this many articles, the typed filter waits for a pause in the typing
#: (``TYPING_PAUSE_MS``): each pass looks at every row.
TYPING_ROWS = 5000
TYPING_PAUSE_MS = 150


def _articles_unchanged(changes: ChangeSet) -> bool:
    return not changes.tables & DOCUMENT_TABLES


class LibraryPanel(QWidget):
    """Every article of the library; activating one opens it in the reader."""

    #: the context menu asked to edit an article's details (document id)
    edit_requested = Signal(int)
    #: the context menu asked to delete an article (document id)
    delete_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._restrict = LatestOnly(ctx.workers, self)
        self._loader = LatestOnly(ctx.workers, self)
        self._counts = LatestOnly(ctx.workers, self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, outlet or date"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter articles"))
        self.outlet_combo = self._combo(self.tr("Filter by outlet"))
        self.language_combo = self._combo(self.tr("Filter by language"))
        self.tag_combo = self._combo(self.tr("Filter by tag"))
        self.attribute_combo = self._combo(self.tr("Filter by attribute"))

        self.model = DocumentTableModel(self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Articles"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(28)
        # fixed widths from the font: ResizeToContents would read every row's
        # data on each layout, far too slow for a large library
        metrics = self.view.fontMetrics()
        samples = {OUTLET: "Le Figaro", DATE: "2022-01-06", LANGUAGE: "Lang.",
                   PASSAGES: "Pass. "}  # fmt: skip
        for col, sample in samples.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 18)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # the language column starts hidden: the language filter shows it
        # the title needs the width: the number of passages starts hidden too
        # (the reader's header gives it), the header's menu shows it again
        hidden = ctx.settings.value(SETTINGS_HIDDEN, [LANGUAGE, PASSAGES])
        for col in hidden if isinstance(hidden, list) else [hidden]:
            self.view.setColumnHidden(int(col), int(col) != TITLE)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._item_menu)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Number of articles shown"))
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.only_label = QLabel()
        self.only_label.setWordWrap(True)
        self.only_clear = QToolButton()
        self.only_clear.setText(self.tr("Clear"))
        self.only_clear.setToolTip(self.tr("Show every article again"))
        self.only_clear.setAutoRaise(True)
        self.only_clear.clicked.connect(self.clear_shown_only)
        self.only_chip = QFrame()
        self.only_chip.setFrameShape(QFrame.Shape.StyledPanel)
        self.only_chip.setAutoFillBackground(True)
        self.only_chip.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        chip = QHBoxLayout(self.only_chip)
        chip.setContentsMargins(6, 2, 2, 2)
        chip.addWidget(self.only_label, 1)
        chip.addWidget(self.only_clear)
        self.only_chip.hide()

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(5)
        filters.addWidget(self.filter_edit, 0, 0, 1, 2)
        filters.addWidget(self.outlet_combo, 1, 0)
        filters.addWidget(self.language_combo, 1, 1)
        filters.addWidget(self.tag_combo, 2, 0)
        filters.addWidget(self.attribute_combo, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.only_chip)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._filters_changed)
        self.filter_edit.textChanged.connect(self._text_changed)
        self.outlet_combo.currentIndexChanged.connect(self._filters_changed)
        self.language_combo.currentIndexChanged.connect(self._filters_changed)
        self.tag_combo.currentIndexChanged.connect(self._load_restriction)
        self.attribute_combo.currentIndexChanged.connect(self._load_restriction)
        connect_activation(self.view, self._activate)
        # at once and even while hidden: the reader's Previous and Next
        # Article and the exports read the articles the list shows
        watch = partial(Watch, self, ctx.bridge, delay_ms=0, when_visible=False)
        self.watches = [
            watch(DOCUMENT_TABLES, self.refresh),
            # the articles unchanged (else read again above): only what they carry
            watch({"passages"}, self._refresh_counts, wanted=_articles_unchanged),
            watch({"tags"}, self._refresh_tags, wanted=_articles_unchanged),
            watch({"tags", "passage_tags", "passages"}, self._load_restriction,
                  wanted=_articles_unchanged),
        ]  # fmt: skip
        ctx.navigator.document_shown.connect(self.select_document)
        self.refresh()

    def _header_menu(self, pos: QPoint) -> None:
        """Choose the columns shown (the title always is)."""
        menu = QMenu(self)
        for col in (OUTLET, DATE, LANGUAGE, PASSAGES):
            label = self.model.headerData(col, Qt.Orientation.Horizontal, 0)
            action = menu.addAction(str(label))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(col))
            action.toggled.connect(lambda on, c=col: self.show_column(c, on))
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()

    def show_column(self, column: int, shown: bool) -> None:
        self.view.setColumnHidden(column, not shown)
        hidden = [c for c in range(self.model.columnCount()) if self.view.isColumnHidden(c)]
        self.ctx.settings.setValue(SETTINGS_HIDDEN, hidden)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    # -- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the articles, their counts and the filter choices, on a
        worker: a large library takes longer than a frame to read."""
        lib = self.ctx.library

        model = self.model

        def load() -> tuple:
            with collector_paused():
                docs = lib.listing()
                rows = model.make_rows(docs, lib.passage_counts())
            outlets = sorted({d.source for d in docs if d.source}, key=fold)
            languages = sorted({d.language for d in docs if d.language})
            return rows, outlets, languages, lib.tag_paths(), lib.attribute_values()

        self._loader.run(load, self._loaded)

    def _sort_later(self) -> None:
        """The columns not shown sorted once the other loads are done (a
        warm-up): made with the rows, their sorting shared the interpreter's
        lock with the window's first paint at 100,000 articles (0.6 s of it).
        One warm-up per column: a search or a tag clicked meanwhile waits
        for one column's sorting at most, not for all of them (at 100,000,
        a first search that met them all held the GUI thread up to 95 ms).
        A header clicked before then sorts its column at once."""
        model, workers = self.model, self.ctx.workers
        made_for, rows, columns = model.orders_to_make()

        def make(col: int) -> dict[int, tuple[list[int], list[int]]]:
            if not model.is_current(made_for):  # reloaded since: its own will come
                return {}
            with collector_paused():
                return {col: column_order(rows, col, between=workers.yield_to_jobs)}

        for col in columns:
            workers.when_idle(partial(make, col), on_done=partial(model.add_orders, made_for))

    @property
    def loading(self) -> bool:
        return self._loader.pending or self._restrict.pending

    def _loaded(self, data: tuple) -> None:
        rows, outlets, languages, tag_paths, attribute_values = data
        self.model.set_rows(rows)
        self._sort_later()
        self._fill(self.outlet_combo, self.tr("All outlets"), [(o, o) for o in outlets])
        self._fill(self.language_combo, self.tr("All languages"), [(c, c) for c in languages])
        self._fill(self.tag_combo, self.tr("All tags"), [(p, p) for p in tag_paths])
        attributes = [
            (self.tr("{key} = {value}").format(key=k, value=v), f"{k}{SEP}{v}")
            for k, values in attribute_values.items()
            for v in values
        ]
        self._fill(self.attribute_combo, self.tr("All attributes"), attributes)
        self._filters_changed()  # a choice that went away falls back to "All"
        self._load_restriction()
        self.select_document(self.ctx.current_document)

    def _refresh_tags(self) -> None:
        paths = self.ctx.library.tag_paths()
        self._fill(self.tag_combo, self.tr("All tags"), [(p, p) for p in paths])

    def _fill(self, combo: QComboBox, all_label: str, items: list[tuple[str, object]]) -> None:
        """Refill a combo, keeping its choice when it still exists."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_label, None)
        for label, data in items:
            combo.addItem(label, data)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def _refresh_counts(self) -> None:
        """New passage counts; the articles themselves are unchanged."""
        self._counts.run(self.ctx.library.passage_counts, self.model.set_counts)

    def _load_restriction(self) -> None:
        """Ask a worker which documents the tag and attribute filters allow."""
        tag = self.tag_combo.currentData()
        attribute = self.attribute_combo.currentData()
        if tag is None and attribute is None:
            self._restrict.cancel()
            self.proxy.update(allowed=None)
            self._update_status()
            return
        lib = self.ctx.library

        def work() -> set[int]:
            allowed: set[int] | None = None
            if tag is not None:
                allowed = lib.documents_with_tag(tag)
            if attribute is not None:
                key, _, value = attribute.partition(SEP)
                having = {
                    doc
                    for doc, attrs in lib.document_attributes().items()
                    if attrs.get(key) == value
                }
                allowed = having if allowed is None else allowed & having
            return allowed or set()

        self._restrict.run(work, self._apply_restriction, self._restriction_failed)

    def _apply_restriction(self, allowed: set[int]) -> None:
        self.proxy.update(allowed=allowed)
        self._update_status()
        self.select_document(self.ctx.current_document)

    def _restriction_failed(self, exc: BaseException) -> None:
        # the tag or attribute went away meanwhile: show everything again
        self.tag_combo.setCurrentIndex(0)
        self.attribute_combo.setCurrentIndex(0)

    # -- filters, selection, activation -------------------------------------------------

    def _text_changed(self) -> None:
        if self.model.rowCount() > TYPING_ROWS:
            self._typing.start()  # (again): filtered once the typing pauses
        else:
            self._filters_changed()

    def _filters_changed(self) -> None:
        self._typing.stop()
        outlet, language = self.outlet_combo.currentData(), self.language_combo.currentData()
        self.proxy.update(text=self.filter_edit.text(), outlet=outlet, language=language)
        self._update_status()

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = count_text(total, self.tr("{n} article"), self.tr("{n} articles"))
        else:
            text = self.tr("{shown} of {total} articles").format(shown=shown, total=total)
        self.status.setText(text)

    def show_only(self, document_ids: list[int], label: str) -> None:
        """Show only these articles (the other filters cleared), under a chip
        saying what they are, with Clear."""
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        for combo in (self.outlet_combo, self.language_combo, self.tag_combo,
                      self.attribute_combo):  # fmt: skip
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._restrict.cancel()
        ids = set(document_ids)
        self.proxy.update(text="", outlet=None, language=None, allowed=None, only=ids)
        what = count_text(len(ids), self.tr("Showing {n} article"), self.tr("Showing {n} articles"))
        self.only_label.setText(f"{what}: {label}" if label else what)
        self.only_chip.setAccessibleName(self.only_label.text())
        self.only_chip.show()
        self._update_status()

    def clear_shown_only(self) -> None:
        """Show every article again (after ``show_only``)."""
        self.only_chip.hide()
        self.proxy.update(only=None)
        self._update_status()

    def _activate(self, index: QModelIndex) -> None:
        doc_id = index.data(ID_ROLE)
        if doc_id is not None:
            self.ctx.navigator.open_document.emit(int(doc_id))

    def item_menu(self, document_id: int) -> QMenu:
        """The context menu of an article's row."""
        menu = QMenu(self)
        menu.addAction(self.tr("&Open"), lambda: self.ctx.navigator.open_document.emit(document_id))
        menu.addAction(self.tr("Article &Details…"), lambda: self.edit_requested.emit(document_id))
        menu.addSeparator()
        delete = menu.addAction(
            self.tr("&Delete Article…"), lambda: self.delete_requested.emit(document_id)
        )
        delete.setEnabled(not self.ctx.library.read_only)
        return menu

    def _item_menu(self, pos: QPoint) -> None:
        doc_id = self.view.indexAt(pos).data(ID_ROLE)
        if doc_id is None:
            return
        menu = self.item_menu(int(doc_id))
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def select_document(self, document_id: int) -> None:
        """Select (without opening) the row of a document, if it is shown."""
        selection = self.view.selectionModel()
        row = self.model.row_of(document_id)
        index = self.proxy.mapFromSource(self.model.index(row, TITLE)) if row is not None else None
        if index is not None and index.isValid():
            selection.setCurrentIndex(index, SELECT)
            self.view.scrollTo(index)
        elif document_id == 0:
            selection.clearSelection()

    def selected_document(self) -> int:
        """The id of the selected row's document (0 when none)."""
        index = self.view.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else 0

    def visible_document_ids(self) -> list[int]:
        """Ids of the rows shown, in the order shown."""
        return [
            int(self.proxy.index(row, TITLE).data(ID_ROLE)) for row in range(self.proxy.rowCount())
        ]
