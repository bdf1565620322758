"""The library list's filter: which of the model's rows are shown.

A ``QSortFilterProxyModel`` asks Python about every row, one call each,
whenever a filter changes: 300,000 calls and 1.2 s per keystroke at 100,000
articles. ``DocumentFilter`` keeps the rows' words, ids, outlets and
languages as plain lists and runs each filter as one pass of ``map`` and
``itertools.compress`` over them (the longest typed word first, each
further filter over the rows left), in C, without a call into Python per
row: 20-40 ms at 100,000 rows, the substring tests themselves. As the
user types on, only the rows shown for an earlier text that the new one
narrows are tested again (the rows holding "kaz" are among those holding
"ka"), and the rows of the last few texts are kept, so that erasing
letters tests nothing. It maps the rows shown to the view; the view's
selection and current row follow the rows they were on.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from kzreader.core.textfold import fold

AnyIndex = QModelIndex | QPersistentModelIndex


class _Row(Protocol):
    @property
    def info(self): ...  # type: ignore[no-untyped-def]  # a ListedDocument

    @property
    def haystack(self) -> str: ...


#: The texts whose rows are kept for the filters as they are (``_narrowed``).
KEPT_TEXTS = 12

Words = tuple[str, ...]


def _narrows(words: Words, earlier: Words) -> bool:
    """Whether every row holding all of ``words`` holds all of ``earlier``:
    each earlier word is within one of the new ones."""
    return all(any(old in new for new in words) for old in earlier)


@dataclass(frozen=True)
class _Columns:
    words: list[str]
    ids: list[int]
    outlets: list[str]
    languages: list[str]


def _holding(word: str, texts: Iterable[str]) -> Iterable[bool]:
    """Whether each of ``texts`` holds ``word``, as an iterator run in C."""
    return map(operator.contains, texts, itertools.repeat(word))


class DocumentFilter(QAbstractProxyModel):
    """Filters by text, outlet, language and sets of ids; the source model
    (``library_model.DocumentTableModel``) keeps the order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.outlet: str | None = None
        self.language: str | None = None
        #: ids allowed by the tag and attribute filters (None: all)
        self.allowed: set[int] | None = None
        #: the only ids shown, chosen elsewhere (a timeline's bar; None: all)
        self.only: set[int] | None = None
        self._words: list[str] = []
        #: source rows shown, in the source's order
        self._shown: Sequence[int] = array("I")
        #: the rows shown for the last texts typed, the other filters as they
        #: are now, on the rows as they are now: (words) -> rows
        self._by_words: OrderedDict[Words, Sequence[int]] = OrderedDict()
        #: the rows' columns the filters read (``_columns``)
        self._lists: _Columns | None = None
        self._kept: list[tuple[QModelIndex, int, int]] = []

    # -- the source model -------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # type: ignore[override]
        super().setSourceModel(model)
        model.modelReset.connect(self._source_reset)
        model.layoutAboutToBeChanged.connect(self._before_layout)
        model.layoutChanged.connect(self._after_layout)
        model.dataChanged.connect(self._source_data)
        self._source_reset()

    def _rows(self) -> Sequence[_Row]:
        return self.sourceModel().rows  # type: ignore[attr-defined,no-any-return]

    def _source_reset(self) -> None:
        self.beginResetModel()
        self._lists = None
        self._by_words.clear()
        self._compute()
        self.endResetModel()

    def _before_layout(self) -> None:
        """The source is about to sort its rows: remember what the view's
        indexes stand on, by document."""
        self.layoutAboutToBeChanged.emit()
        self._kept = self._remember()

    def _after_layout(self) -> None:
        self._lists = None  # the same rows, in the source's new order
        self._by_words.clear()
        self._compute()
        self._restore(self._kept)
        self.layoutChanged.emit()

    def _remember(self) -> list[tuple[QModelIndex, int, int]]:
        rows = self._rows()
        kept = []
        for index in self.persistentIndexList():
            if index.isValid() and index.row() < len(self._shown):
                kept.append((index, rows[self._shown[index.row()]].info.id, index.column()))
        return kept

    def _restore(self, kept: list[tuple[QModelIndex, int, int]]) -> None:
        model = self.sourceModel()
        new = []
        for _index, doc_id, column in kept:
            row = model.row_of(doc_id)  # type: ignore[attr-defined]
            place = self._place_of(row) if row is not None else None
            new.append(QModelIndex() if place is None else self.createIndex(place, column))
        self.changePersistentIndexList([k[0] for k in kept], new)

    def _source_data(self, top: QModelIndex, bottom: QModelIndex, roles: object = None) -> None:
        if self._shown:  # one signal for every row shown: cheaper than mapping each
            self.dataChanged.emit(
                self.index(0, top.column()), self.index(len(self._shown) - 1, bottom.column())
            )

    # -- filtering --------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return bool(
            self._words
            or self.outlet is not None
            or self.language is not None
            or self.allowed is not None
            or self.only is not None
        )

    def update(self, **values: object) -> None:
        """Set filters; the rows shown are computed again only if one changed."""
        changed = {k for k, v in values.items() if getattr(self, k) != v}
        if not changed:
            return
        for key in changed:
            setattr(self, key, values[key])
        if changed != {"text"}:
            self._by_words.clear()  # kept for other filters
        self._words = fold(self.text).split()
        self._relayout()

    def _columns(self) -> _Columns:
        """The rows' words, ids, outlets and languages as plain lists (made
        once per set of rows, when first filtered)."""
        if self._lists is None:
            rows = self._rows()
            self._lists = _Columns(
                words=[r.haystack for r in rows],
                ids=[r.info.id for r in rows],
                outlets=[r.info.source or "" for r in rows],
                languages=[r.info.language or "" for r in rows],
            )
        return self._lists

    def _compute(self) -> None:
        """The rows shown: each filter a pass in C (``map`` and ``compress``
        over plain lists), none calling back into Python per row, over the
        rows of the narrowest earlier text the new one narrows."""
        count = len(self._rows())
        if not self.active:
            self._shown = array("I", range(count))
            return
        words: Words = tuple(sorted(set(self._words)))
        kept = self._by_words.get(words)
        if kept is None:
            kept = self._narrowed(words, count)
            self._by_words[words] = kept
            while len(self._by_words) > KEPT_TEXTS:
                self._by_words.popitem(last=False)
        else:
            self._by_words.move_to_end(words)
        self._shown = kept

    def _narrowed(self, words: Words, count: int) -> Sequence[int]:
        lists = self._columns()
        # each test: (a column, the values of some rows → whether each passes)
        tests: list[tuple[list, Callable[[Iterable], Iterable[bool]]]] = []
        earlier = [rows for old, rows in self._by_words.items() if _narrows(words, old)]
        if earlier:  # the other filters are already applied to those rows
            shown: Iterable[int] = min(earlier, key=len)
        else:
            shown = range(count)
            for ids in (self.allowed, self.only):
                if ids is not None:
                    tests.append((lists.ids, partial(map, ids.__contains__)))
            if self.outlet is not None:
                tests.append((lists.outlets, partial(map, self.outlet.__eq__)))
            if self.language is not None:
                tests.append((lists.languages, partial(map, self.language.__eq__)))
        for word in sorted(words, key=len, reverse=True):  # the longest first
            tests.append((lists.words, partial(_holding, word)))
        for column, test in tests:
            values = map(column.__getitem__, shown)
            shown = array("I", itertools.compress(shown, test(values)))
        return shown if isinstance(shown, array) else array("I", shown)

    def _place_of(self, source_row: int) -> int | None:
        """Where a source row is shown (None: hidden); the rows shown are in
        the source's order."""
        place = bisect.bisect_left(self._shown, source_row)
        return place if place < len(self._shown) and self._shown[place] == source_row else None

    def _relayout(self) -> None:
        """Compute the rows shown again, keeping the view's selection and
        current row on the rows they were on (gone if those are hidden)."""
        self.layoutAboutToBeChanged.emit()
        kept = self._remember()
        self._compute()
        self._restore(kept)
        self.layoutChanged.emit()

    # -- the model's interface ----------------------------------------------------------

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.sourceModel().columnCount()

    def index(self, row: int, column: int, parent: AnyIndex | None = None) -> QModelIndex:
        if parent is not None and parent.isValid():
            return QModelIndex()
        if not (0 <= row < len(self._shown) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: AnyIndex | None = None) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def mapToSource(self, proxy: AnyIndex) -> QModelIndex:
        if not proxy.isValid() or proxy.row() >= len(self._shown):
            return QModelIndex()
        return self.sourceModel().index(self._shown[proxy.row()], proxy.column())

    def mapFromSource(self, source: AnyIndex) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        place = self._place_of(source.row())
        return QModelIndex() if place is None else self.createIndex(place, source.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return self.sourceModel().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's: the proxy keeps its order."""
        if column >= 0:
            self.sourceModel().sort_rows(column, order)  # type: ignore[attr-defined]
