"""The Reuse dock's lists (the pairs, the passages shared by three articles
or more, the quotations): each a list of cards, filled with the rows the
outlet filter keeps, the row chosen kept chosen when the list is filled
again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from kzreader.gui.panels.reuse_items import (
    ROW_ROLE,
    CardDelegate,
    ClusterRow,
    QuoteRow,
    ReuseRow,
    outlets_of,
)

#: fn(row) -> (headline, details), in the interface language
Describe = Callable[[Any], tuple[str, str]]


def make_list(parent: QWidget, describe: Describe) -> QListWidget:
    """An empty list painting each row as a card described by ``describe``."""
    view = QListWidget(parent)
    delegate = CardDelegate(view)
    delegate.describe = describe
    view.setItemDelegate(delegate)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    view.setAlternatingRowColors(True)
    view.setUniformItemSizes(False)
    view.setWordWrap(True)
    return view


def keeps(outlet: str | None, row: ReuseRow | ClusterRow | QuoteRow) -> bool:
    """Whether the outlet filter's choice (``"*"`` or None: any) keeps ``row``."""
    return outlet in (None, "*") or outlet in outlets_of(row)


def fill_list(view: QListWidget, rows: list[Any], describe: Describe,
              tooltip: Callable[[Any, str], str]) -> None:  # fmt: skip
    """Show ``rows`` in ``view``; the row chosen before stays chosen if it is
    still there. ``tooltip(row, headline)`` gives each item's tooltip."""
    current = view.currentItem()
    chosen = current.data(ROW_ROLE) if current is not None else None
    view.clear()
    for row in rows:
        item = QListWidgetItem()
        item.setData(ROW_ROLE, row)
        headline, details = describe(row)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{headline}. {details}. {row.snippet}")
        item.setToolTip(tooltip(row, headline))
        view.addItem(item)
        if chosen is not None and same_row(chosen, row):
            view.setCurrentItem(item)


def same_row(a: Any, b: Any) -> bool:
    """Whether two rows stand for the same pair, shared passage or quotation
    (read again, they are other objects)."""
    if isinstance(a, ReuseRow) and isinstance(b, ReuseRow):
        return bool(a.alignment.id == b.alignment.id)
    if isinstance(a, ClusterRow) and isinstance(b, ClusterRow):
        return bool(a.cluster.documents == b.cluster.documents)
    if isinstance(a, QuoteRow) and isinstance(b, QuoteRow):
        return bool(a.snippet == b.snippet)
    return False
