"""The concordance's table: one row per line — left context right-aligned,
the hit in bold, right context, outlet, date, title — and, when the lines
are grouped by outlet, a heading row before each outlet's lines."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem

from kzreader.core import kwic
from kzreader.core.kwic import KwicLine

#: The ``KwicLine`` of a row (None on a heading row).
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The ``OutletHeading`` of a heading row (None on a line).
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2
LEFT, HIT, RIGHT, OUTLET, DATE, TITLE = range(6)
COLUMNS = 6

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class OutletHeading:
    """The row above one outlet's lines when they are grouped."""

    source: str | None
    lines: int
    articles: int


class ConcordanceModel(QAbstractTableModel):
    """The lines of the latest query: appended as they arrive, then
    arranged (sorted, grouped by outlet) once they are all in."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[KwicLine] = []
        self._rows: list[KwicLine | OutletHeading] = []
        #: set by the panel (translated)
        self.headers: list[str] = [""] * COLUMNS
        self.unknown_outlet = ""
        self.describe_heading: Callable[[OutletHeading], str] = lambda h: h.source or ""
        self._bold = QFont()
        self._bold.setBold(True)

    # -- content -------------------------------------------------------------------------

    def clear(self) -> None:
        self.beginResetModel()
        self._lines, self._rows = [], []
        self.endResetModel()

    def append(self, lines: Sequence[KwicLine]) -> None:
        """Add lines at the end (while they arrive: not arranged)."""
        if not lines:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
        self._lines.extend(lines)
        self._rows.extend(lines)
        self.endInsertRows()

    def arrange(self, sort: str | None, grouped: bool) -> None:
        """Order the lines by ``sort`` (``kwic.SORTS``, None: document
        order), under a heading per outlet when ``grouped``."""
        ordered = kwic.sort_lines(self._lines, sort)
        rows: list[KwicLine | OutletHeading] = []
        if grouped:
            for group in kwic.group_by_outlet(ordered):
                rows.append(OutletHeading(group.source, len(group.lines), group.articles))
                rows.extend(group.lines)
        else:
            rows = list(ordered)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def lines(self) -> list[KwicLine]:
        """Every line, in the order shown."""
        return [row for row in self._rows if isinstance(row, KwicLine)]

    def line_count(self) -> int:
        return len(self._lines)

    def line(self, row: int) -> KwicLine | None:
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if isinstance(item, KwicLine) else None

    def heading_rows(self) -> list[int]:
        return [n for n, row in enumerate(self._rows) if isinstance(row, OutletHeading)]

    def rows_of(self, keys: list[tuple[int, int]]) -> list[int]:
        """The rows of the lines ``(document id, start)`` that are shown."""
        wanted = set(keys)
        return [
            n
            for n, row in enumerate(self._rows)
            if isinstance(row, KwicLine) and (row.document_id, row.start) in wanted
        ]

    # -- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < COLUMNS else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            if section == LEFT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if section == HIT:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], OutletHeading):
            return Qt.ItemFlag.ItemIsEnabled  # a heading cannot be selected
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, OutletHeading):
            return self._heading_data(row, index.column(), role)
        return self._line_data(row, index.column(), role)

    def _heading_data(self, heading: OutletHeading, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == LEFT:
            return self.describe_heading(heading)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return QApplication.palette().brush(QPalette.ColorRole.AlternateBase)
        if role == HEADING_ROLE:
            return heading
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.describe_heading(heading)
        return None

    def _line_data(self, line: KwicLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, column)
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == LEFT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == HIT:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == HIT:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"<b>{html.escape(line.title)}</b><br>"
                f"{html.escape(self._display(line, OUTLET))} · "
                f"{html.escape(self._display(line, DATE))}<br>"
                f"{html.escape(line.left)}<b>{html.escape(line.hit)}</b>{html.escape(line.right)}"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{line.left}{line.hit}{line.right}. "
                f"{self._display(line, OUTLET)}, {self._display(line, DATE)}. {line.title}"
            )
        return None

    def _display(self, line: KwicLine, column: int) -> str:
        if column == LEFT:
            return line.left
        if column == HIT:
            return " ".join(line.hit.split())  # a phrase across a line break: one line
        if column == RIGHT:
            return line.right
        if column == OUTLET:
            return line.source or self.unknown_outlet
        if column == DATE:
            return (line.published or "")[:10]
        return line.title


class LeftContextDelegate(QStyledItemDelegate):
    """The left context, cut on its left when too long: the words nearest
    the hit stay in sight."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        if index.data(LINE_ROLE) is not None:
            option.textElideMode = Qt.TextElideMode.ElideLeft
