"""The coding matrix: passages per tag and outlet (the crosstab, with totals)
or per pair of tags (co-occurrence: on one passage, or on two overlapping
ones), as a heat map: the more passages, the deeper a cell's colour.
Clicking a cell lists its passages below; double-clicking (or Enter on) a
passage opens it in the reader. Export CSV writes the table shown.

Loads run on a worker: when shown, and again on a change of the library
while shown (or when shown next, if it changed while hidden)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.errors import KzreaderError
from kzreader.core.retrieval import PassageFilter
from kzreader.core.timeline import UNKNOWN
from kzreader.core.types import PassageInfo
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.export_dialog import last_folder, remember_folder, today, with_suffix
from kzreader.gui.panels.passage_item import (
    PASSAGE_ROLE,
    LatestOnly,
    PassageDelegate,
    connect_activation,
    count_text,
    passage_text,
)
from kzreader.gui.panels.watch import Watch
from kzreader.gui.theme import set_warning

WATCHED = frozenset({"documents", "passages", "passage_tags", "tags"})
SETTINGS_MODE = "matrix_panel/mode"
#: The ``(row key, column key)`` of a cell; None in either for a total.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
OUTLETS, TAGS = "outlets", "tags"
#: Passages of a cell listed at most (all are counted).
CELL_SHOWN = 500


@dataclass(frozen=True)
class Matrix:
    """A table to show: ``values[row][column]``, with totals or not."""

    mode: str
    rows: list[str]
    columns: list[str]
    values: list[list[int]]
    #: per column (the crosstab's coded passages per outlet), or None
    column_totals: list[int] | None = None
    grand_total: int = 0


def crosstab_matrix(table: dict[str, dict[str, int]], coded: dict[str, int]) -> Matrix:
    """The crosstab's outlets by coded passages, most first, unknown last."""
    outlets = sorted(coded, key=lambda o: (o == UNKNOWN, -coded[o], o.casefold()))
    rows = list(table)
    values = [[table[r].get(o, 0) for o in outlets] for r in rows]
    return Matrix(OUTLETS, rows, outlets, values, [coded[o] for o in outlets], sum(coded.values()))


def blend(base: QColor, hot: QColor, share: float) -> QColor:
    return QColor(
        round(base.red() + (hot.red() - base.red()) * share),
        round(base.green() + (hot.green() - base.green()) * share),
        round(base.blue() + (hot.blue() - base.blue()) * share),
    )


def text_on(background: QColor) -> QColor:
    """Dark or white text, whichever reads on ``background``."""
    r, g, b = (c / 255 for c in background.getRgb()[:3])
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor("#1f2328" if luminance > 0.5 else "#ffffff")


class HeatMapModel(QAbstractTableModel):
    """A ``Matrix`` with a total column (and row) when it has totals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = Matrix(OUTLETS, [], [], [])
        self._peak = 0
        self.unknown_label = "unknown outlet"
        self.total_label = "Total"
        self.counted = ("{n} passage", "{n} passages")

    @property
    def totals(self) -> bool:
        return self.matrix.column_totals is not None

    def set_matrix(self, matrix: Matrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        off_diagonal = [
            v
            for i, row in enumerate(matrix.values)
            for j, v in enumerate(row)
            if matrix.mode == OUTLETS or i != j
        ]
        self._peak = max(off_diagonal, default=0)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.matrix.rows) + (1 if self.totals and self.matrix.rows else 0)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.matrix.columns) + (1 if self.totals and self.matrix.columns else 0)

    def label(self, key: str) -> str:
        return self.unknown_label if self.matrix.mode == OUTLETS and key == UNKNOWN else key

    def value(self, row: int, column: int) -> int:
        m = self.matrix
        n_rows, n_cols = len(m.rows), len(m.columns)
        if row < n_rows and column < n_cols:
            return m.values[row][column]
        if row < n_rows:  # a tag's total
            return sum(m.values[row])
        if column < n_cols:
            return (m.column_totals or [])[column]
        return m.grand_total

    def key(self, row: int, column: int) -> tuple[str | None, str | None]:
        m = self.matrix
        return (
            m.rows[row] if row < len(m.rows) else None,
            m.columns[column] if column < len(m.columns) else None,
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        keys = self.matrix.columns if orientation == Qt.Orientation.Horizontal else self.matrix.rows
        if role == Qt.ItemDataRole.ToolTipRole and section < len(keys):
            return self.label(keys[section])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section >= len(keys):
            return self.total_label
        if self.matrix.mode == TAGS and orientation == Qt.Orientation.Horizontal:
            return keys[section].rsplit("/", 1)[-1]  # narrow columns: the path is the tooltip
        return self.label(keys[section])

    def _background(self, row: int, column: int) -> QColor:
        pal = QGuiApplication.palette()
        base = pal.color(QPalette.ColorRole.Base)
        if self.is_total(row, column) or self.is_diagonal(row, column):
            return pal.color(QPalette.ColorRole.AlternateBase)
        value = self.value(row, column)
        if not value or not self._peak:
            return base
        share = 0.2 + 0.8 * min(1.0, value / self._peak)
        return blend(base, pal.color(QPalette.ColorRole.Highlight), share)

    def is_total(self, row: int, column: int) -> bool:
        return row >= len(self.matrix.rows) or column >= len(self.matrix.columns)

    def is_diagonal(self, row: int, column: int) -> bool:
        return self.matrix.mode == TAGS and row == column

    def tooltip(self, row: int, column: int) -> str:
        count = count_text(self.value(row, column), *self.counted)
        tag, other = self.key(row, column)
        if self.matrix.mode == TAGS:
            if row == column:
                return self.tr("{tag}: {count}").format(tag=tag, count=count)
            return self.tr("{a} with {b}: {count} (on one passage or overlapping ones)").format(
                a=tag, b=other, count=count
            )
        if tag is None:
            where = self.total_label if other is None else self.label(other)
            return self.tr("Coded passages, {where}: {count}").format(where=where, count=count)
        where = self.label(other) if other is not None else self.tr("all outlets")
        return self.tr("{tag} in {outlet}: {count}").format(tag=tag, outlet=where, count=count)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.value(row, column)
            return str(value) if value or self.is_total(row, column) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return text_on(self._background(row, column))
        if role == Qt.ItemDataRole.FontRole and (
            self.is_total(row, column) or self.is_diagonal(row, column)
        ):
            font = QFont()
            font.setBold(self.is_total(row, column))
            font.setItalic(self.is_diagonal(row, column))
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == KEY_ROLE:
            return self.key(row, column)
        return None


class MatrixPanel(QWidget):
    """The mode switch, Export CSV, the heat map and the passages of a cell."""

    #: the table shows new data
    loaded = Signal()
    #: the passages of a cell are listed (how many)
    passages_listed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.passages: list[PassageInfo] = []
        self.cell: tuple[str | None, str | None] | None = None
        self._load = LatestOnly(ctx.workers, self)
        self._cell_load = LatestOnly(ctx.workers, self)

        self.outlets_button = QRadioButton(self)
        self.tags_button = QRadioButton(self)
        self.modes = QButtonGroup(self)
        for button in (self.outlets_button, self.tags_button):
            self.modes.addButton(button)
        mode = str(ctx.settings.value(SETTINGS_MODE, OUTLETS))
        (self.tags_button if mode == TAGS else self.outlets_button).setChecked(True)
        self.export_button = QPushButton(self)
        self.model = HeatMapModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(44)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.list_header = QLabel(self)
        self.list_header.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.delegate = PassageDelegate(self.list, show_document=True, quote_lines=2)
        self.list.setItemDelegate(self.delegate)

        top = QWidget(self)
        controls = QHBoxLayout()
        controls.setSpacing(12)
        controls.addWidget(self.outlets_button)
        controls.addWidget(self.tags_button)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.setSpacing(6)
        upper.addLayout(controls)
        upper.addWidget(self.table, 1)
        upper.addWidget(self.status)
        bottom = QWidget(self)
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.setSpacing(4)
        lower.addWidget(self.list_header)
        lower.addWidget(self.list, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.watch = Watch(self, ctx.bridge, WATCHED, self.reload)
        self.retranslate()
        self.modes.buttonClicked.connect(self._mode_changed)
        self.export_button.clicked.connect(self.export_csv)
        self.table.clicked.connect(self.show_cell)
        connect_activation(self.list, self._activate, click=False)

    def retranslate(self) -> None:
        self.outlets_button.setText(self.tr("Tags × outlets"))
        self.outlets_button.setToolTip(self.tr("Passages of each tag in each outlet's articles"))
        self.tags_button.setText(self.tr("Tags × tags"))
        self.tags_button.setToolTip(
            self.tr("How often two tags meet: on one passage, or on two overlapping ones")
        )
        self.export_button.setText(self.tr("Export &CSV…"))
        self.export_button.setToolTip(self.tr("Save the table as a CSV file (UTF-8)"))
        self.table.setAccessibleName(self.tr("Coding matrix"))
        self.list.setAccessibleName(self.tr("Passages of the chosen cell"))
        self.model.unknown_label = self.tr("unknown outlet")
        self.model.total_label = self.tr("Total")
        self.model.counted = (self.tr("{n} passage"), self.tr("{n} passages"))
        if self.model.rowCount() and self.model.columnCount():
            self.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
            )
            self.model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.model.rowCount() - 1)
        if self.cell is None:
            self.list_header.setText(self.tr("Click a cell to list its passages."))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.table.viewport().update()
        super().changeEvent(event)

    # -- loading ---------------------------------------------------------------------

    def mode(self) -> str:
        return TAGS if self.tags_button.isChecked() else OUTLETS

    def is_loading(self) -> bool:
        return self._load.pending or self._cell_load.pending

    def reload(self) -> None:
        self.watch.done()
        lib, mode = self.ctx.library, self.mode()
        set_warning(self.status, False, self.palette())
        self.status.setText(self.tr("Counting the passages…"))

        def work() -> tuple[Matrix, dict[str, str]]:
            colors = {p: c for p, c in lib.tag_colors().items() if c}
            if mode == OUTLETS:
                return crosstab_matrix(lib.tags_by_source(), lib.coded_by_source()), colors
            paths, values = lib.cooccurrence()
            used = [i for i, path in enumerate(paths) if values[i][i]]  # tags with passages
            rows = [paths[i] for i in used]
            return Matrix(TAGS, rows, rows, [[values[i][j] for j in used] for i in used]), colors

        self._load.run(work, self._loaded, self._failed)

    def _loaded(self, result: tuple[Matrix, dict[str, str]]) -> None:
        matrix, colors = result
        self.delegate.tag_colors = colors
        self.model.set_matrix(matrix)
        set_warning(self.status, False, self.palette())
        self._show_status()
        if self.cell is not None:
            self._list_cell(*self.cell)  # the passages may have changed too
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.model.set_matrix(Matrix(self.mode(), [], [], []))
        message = str(exc) if isinstance(exc, KzreaderError) else str(exc) or repr(exc)
        self.status.setText(self.tr("The table could not be loaded: {error}").format(error=message))
        set_warning(self.status, True, self.palette())

    def _show_status(self) -> None:
        m = self.model.matrix
        if not m.rows:
            self.status.setText(self.tr("No coded passage yet: tag passages to fill the table."))
        elif m.mode == OUTLETS:
            self.status.setText(
                self.tr(
                    "{tags} × {outlets}. Totals count each passage once, whatever its tags."
                ).format(
                    tags=count_text(len(m.rows), self.tr("{n} tag"), self.tr("{n} tags")),
                    outlets=count_text(
                        len(m.columns), self.tr("{n} outlet"), self.tr("{n} outlets")
                    ),
                )
            )
        else:
            self.status.setText(
                self.tr("The diagonal holds each tag's passages (sub-tags included).")
            )

    def _mode_changed(self) -> None:
        self.ctx.settings.setValue(SETTINGS_MODE, self.mode())
        self._clear_list()
        self.reload()

    # -- the passages of a cell --------------------------------------------------------

    def show_cell(self, index: QModelIndex) -> None:
        row_key, column_key = index.data(KEY_ROLE) or (None, None)
        if row_key is None or (self.mode() == TAGS and column_key is None):
            return  # the totals row: no one tag to list
        self._list_cell(row_key, column_key)

    def _list_cell(self, tag: str, other: str | None) -> None:
        self.cell = (tag, other)
        lib, mode = self.ctx.library, self.mode()

        def work() -> list[PassageInfo]:
            if mode == OUTLETS:
                return lib.cell_passages(tag, other)
            if other == tag:
                return lib.passages(PassageFilter(tags=[tag]))
            return lib.passages(PassageFilter(tags=[tag, other or ""], mode="overlap"))

        self._cell_load.run(work, self._listed, self._list_failed)

    def cell_title(self) -> str:
        if self.cell is None:
            return ""
        tag, other = self.cell
        if self.mode() == TAGS:
            if other == tag:
                return tag
            return self.tr("{a} with {b}").format(a=tag, b=other)
        where = self.model.label(other) if other is not None else self.tr("all outlets")
        return self.tr("{tag} in {outlet}").format(tag=tag, outlet=where)

    def _listed(self, passages: list[PassageInfo]) -> None:
        self.passages = passages
        self.list.clear()
        # rows made on the GUI thread: a cell of the whole library may hold
        # tens of thousands; the first CELL_SHOWN are listed, all are counted
        self.list.addTopLevelItems([_cell_item(p) for p in passages[:CELL_SHOWN]])
        count = count_text(len(passages), self.tr("{n} passage"), self.tr("{n} passages"))
        if len(passages) > CELL_SHOWN:
            count = self.tr("the first {shown} of {count}").format(shown=CELL_SHOWN, count=count)
        self.list_header.setText(
            self.tr("{cell}: {count} — double-click one to open it").format(
                cell=self.cell_title(), count=count
            )
            if passages
            else self.tr("{cell}: no passage").format(cell=self.cell_title())
        )
        self.passages_listed.emit(len(passages))

    def _list_failed(self, exc: BaseException) -> None:
        self._clear_list()
        self.list_header.setText(str(exc) if isinstance(exc, KzreaderError) else repr(exc))

    def _clear_list(self) -> None:
        self.cell = None
        self.passages = []
        self.list.clear()
        self.list_header.setText(self.tr("Click a cell to list its passages."))

    def _activate(self, index: QModelIndex) -> None:
        p = index.data(PASSAGE_ROLE)
        if isinstance(p, PassageInfo):
            self.ctx.navigator.open_passage.emit(p.document_id, p.id)

    # -- export -----------------------------------------------------------------------

    def rows_for_csv(self) -> list[list[str | int]]:
        """The table as shown: a header row, then one row per tag (and totals)."""
        model = self.model
        corner = self.tr("Tag")
        header: list[str | int] = [corner] + [model.label(key) for key in model.matrix.columns]
        if model.totals and model.matrix.columns:
            header.append(model.total_label)
        out = [header]
        for r in range(model.rowCount()):
            label = model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
            out.append([str(label)] + [model.value(r, c) for c in range(model.columnCount())])
        return out

    def write_csv(self, path: Path) -> Path:
        """Write the table to ``path`` (UTF-8 with a byte order mark, which
        spreadsheets need to read accents); refuses the library's folder."""
        path = Path(path)
        self.ctx.library.check_output(path, "CSV file")
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(self.rows_for_csv())
        remember_folder(self.ctx.settings, path)
        return path

    def ask_csv_path(self) -> Path | None:
        kind = "crosstab" if self.mode() == OUTLETS else "cooccurrence"
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the Table"),
            str(last_folder(self.ctx.settings) / f"kzreader-{kind}-{today()}.csv"),
            self.tr("CSV file (*.csv)"),
        )
        return with_suffix(chosen, ".csv")[0] if chosen else None

    def export_csv(self) -> Path | None:
        path = self.ask_csv_path()
        if path is None:
            return None
        try:
            return self.write_csv(path)
        except (KzreaderError, OSError) as exc:
            self.show_error(str(exc))
            return None

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Export the Table"), text[:1].upper() + text[1:])


def _cell_item(p: PassageInfo) -> QTreeWidgetItem:
    item = QTreeWidgetItem([passage_text(p)])
    item.setData(0, PASSAGE_ROLE, p)
    return item
