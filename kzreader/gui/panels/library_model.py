"""The library list's model: a row per article, kept sorted here, each
column's order made once (on a worker) so that a click on a header only
reorders. Its rows are what ``DocumentFilter`` filters."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from kzreader.core.textfold import fold
from kzreader.core.types import ListedDocument

TITLE, OUTLET, DATE, LANGUAGE, PASSAGES = range(5)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Rows a worker sorts at once. A sort holds Python's lock while it compares,
#: whichever thread runs it: sorting 100,000 titles in one piece blocked the
#: GUI thread for 250 ms; pieces sorted apart, then merged, let it run between.
#: A piece of 8,192 still held the lock 15-30 ms at a time, and a search's
#: results shown meanwhile waited for it several times (gaps of 60-125 ms
#: at 100,000 articles); one of 2,048 holds it about 5 ms.
SORT_PIECE = 2048


@dataclass(frozen=True, slots=True)
class _Row:
    info: ListedDocument
    haystack: str
    display: tuple[str, ...]
    sort: tuple[object, ...]


def _row(d: ListedDocument, n: int, folded: dict[str, str] | None = None) -> _Row:
    """A row of the list; ``folded`` keeps each outlet's folded name once
    (100,000 rows share a few dozen)."""
    published = d.published or ""
    source = d.source or ""
    if folded is None:
        folded = {}
    folded_source = folded.get(source)
    if folded_source is None:
        folded_source = folded[source] = fold(source)
    title = fold(d.title)
    return _Row(
        d,
        f"{title}\n{folded_source}\n{fold(published)}",
        (d.title, source, published[:10], d.language or "", str(n) if n else ""),
        (title, folded_source, published, d.language or "", n),
    )


@dataclass(frozen=True)
class RowSet:
    """The rows of the list, in order, each column's order, and the lookups
    the model keeps (made on the worker: 200 ms of the GUI thread at 100,000
    articles otherwise). The model that is given it owns it."""

    rows: list[_Row]
    orders: dict[int, tuple[list[int], list[int]]]
    ids: list[int]
    row_of_id: dict[int, _Row]
    place_of_id: dict[int, int]

    @classmethod
    def of(
        cls,
        rows: list[_Row],
        orders: dict[int, tuple[list[int], list[int]]],
        row_of_id: dict[int, _Row] | None = None,
    ) -> RowSet:
        ids = [r.info.id for r in rows]
        if row_of_id is None:
            row_of_id = {r.info.id: r for r in rows}
        return cls(rows, orders, ids, row_of_id, {doc_id: n for n, doc_id in enumerate(ids)})


def _sorted_ids(
    pairs: list[tuple[object, int]], between: Callable[[], None] | None = None
) -> list[int]:
    """The ids of ``(key, id)`` pairs, in the pairs' order: sorted by pieces
    of ``SORT_PIECE``, then merged (see ``SORT_PIECE``); ``between()`` is
    called after each piece sorted and each piece's worth merged."""
    if len(pairs) <= SORT_PIECE:
        return [doc_id for _, doc_id in sorted(pairs)]
    pieces = []
    for k in range(0, len(pairs), SORT_PIECE):
        pieces.append(sorted(pairs[k : k + SORT_PIECE]))
        if between is not None:
            between()
    merged = heapq.merge(*pieces)
    ids: list[int] = []
    while piece := list(itertools.islice(merged, SORT_PIECE)):
        ids.extend(doc_id for _, doc_id in piece)
        if between is not None:
            between()
    return ids


def column_order(
    rows: list[_Row], col: int, between: Callable[[], None] | None = None
) -> tuple[list[int], list[int]]:
    """The ids of the rows with a value in ``col``, ascending (ties by id),
    and those without one (by id): empty values go last whichever the
    order, the passage count excepted. ``between``: see ``_sorted_ids``."""
    empty = sorted(r.info.id for r in rows if col != PASSAGES and r.sort[col] == "")
    full = [(r.sort[col], r.info.id) for r in rows if col == PASSAGES or r.sort[col] != ""]
    return _sorted_ids(full, between), empty


def _arranged(order: tuple[list[int], list[int]], sort_order: Qt.SortOrder) -> list[int]:
    """The ids of a column's ``order``, ascending or descending."""
    full, empty = order
    return (full if sort_order == Qt.SortOrder.AscendingOrder else full[::-1]) + empty


class DocumentTableModel(QAbstractTableModel):
    """The articles, kept sorted here with one Python sort: a sorting proxy
    would call back into Python for every comparison, far too slow for tens
    of thousands of rows on the GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_Row] = []
        self._ids: list[int] = []
        self._rows_by_id: dict[int, int] = {}
        self._row_of_id: dict[int, _Row] = {}
        #: per column, the ids in ascending order, and those without a value
        self._orders: dict[int, tuple[list[int], list[int]]] = {}
        #: counted up when the passage counts change (orders made before are stale)
        self._counts_version = 0
        self.sort_column = DATE
        self.sort_order = Qt.SortOrder.AscendingOrder

    def set_documents(self, docs: Sequence[ListedDocument], counts: dict[int, int]) -> None:
        self.set_rows(self.make_rows(docs, counts))

    def make_rows(self, docs: Sequence[ListedDocument], counts: dict[int, int]) -> RowSet:
        """Rows in the current order, and that column's order (the others
        are made later, ``orders_to_make``: sorting on the GUI thread then
        only reorders); safe to call on a worker thread."""
        folded: dict[str, str] = {}
        rows = [_row(d, counts.get(d.id, 0), folded) for d in docs]
        orders = {self.sort_column: column_order(rows, self.sort_column)}
        by_id = {r.info.id: r for r in rows}
        ids = _arranged(orders[self.sort_column], self.sort_order)
        return RowSet.of([by_id[i] for i in ids], orders, by_id)

    def set_rows(self, rows: RowSet | list[_Row]) -> None:
        made = rows if isinstance(rows, RowSet) else RowSet.of(list(rows), {})
        self.beginResetModel()
        self.rows, self._orders = made.rows, made.orders
        self._ids, self._row_of_id, self._rows_by_id = made.ids, made.row_of_id, made.place_of_id
        self.endResetModel()

    def orders_to_make(self) -> tuple[tuple[object, int], list[_Row], list[int]]:
        """What ``add_orders`` needs made: for which rows (a token), those
        rows, and the columns whose order is missing."""
        missing = [col for col in range(5) if col not in self._orders]
        return (self._row_of_id, self._counts_version), list(self.rows), missing

    def add_orders(
        self, made_for: tuple[object, int], orders: dict[int, tuple[list[int], list[int]]]
    ) -> None:
        """Orders made apart (``orders_to_make``), kept if the rows and their
        counts are still those they were made for."""
        if self.is_current(made_for):
            for col, order in orders.items():
                self._orders.setdefault(col, order)

    def is_current(self, made_for: tuple[object, int]) -> bool:
        return made_for[0] is self._row_of_id and made_for[1] == self._counts_version

    def _reindex(self) -> None:
        self._ids = [r.info.id for r in self.rows]
        self._rows_by_id = {doc_id: n for n, doc_id in enumerate(self._ids)}

    def row_of(self, document_id: int) -> int | None:
        return self._rows_by_id.get(document_id)

    def set_counts(self, counts: dict[int, int]) -> None:
        """New passage counts: only the rows whose count changed are made
        again (an edit changes one or a few of 100,000)."""
        changed = [
            n
            for n, count in enumerate(map(counts.get, self._ids, itertools.repeat(0)))
            if count != self.rows[n].sort[PASSAGES]
        ]
        if not changed:
            return
        for n in changed:
            row = _row(self.rows[n].info, counts.get(self.rows[n].info.id, 0))
            self.rows[n] = self._row_of_id[row.info.id] = row
        self._counts_version += 1
        self._orders.pop(PASSAGES, None)
        if self.sort_column == PASSAGES:
            self.sort_rows(self.sort_column, self.sort_order)
        else:
            self.dataChanged.emit(
                self.index(min(changed), PASSAGES), self.index(max(changed), PASSAGES)
            )

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        if column not in self._orders:
            self._orders[column] = column_order(self.rows, column)
        ids = _arranged(self._orders[column], order)
        self.rows = list(map(self._row_of_id.__getitem__, ids))
        self._reindex()
        self.layoutChanged.emit()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Title"),
                self.tr("Outlet"),
                self.tr("Date"),
                self.tr("Lang."),
                self.tr("Pass."),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == PASSAGES:
                return self.tr("Number of highlighted passages (right-click to choose columns)")
            if section == LANGUAGE:
                return self.tr("Language (right-click to choose columns)")
            return self.tr("Click to sort; right-click to choose the columns shown")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[col]
        if role == SORT_ROLE:
            return row.sort[col]
        if role == ID_ROLE:
            return row.info.id
        if role == Qt.ItemDataRole.ToolTipRole and col in (TITLE, DATE):
            return row.info.title if col == TITLE else row.info.published
        if role == Qt.ItemDataRole.TextAlignmentRole and col == PASSAGES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
