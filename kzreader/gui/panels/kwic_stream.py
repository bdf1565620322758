"""The concordance panel's plumbing: the worker that streams a query's
lines to the panel in batches, the table and the sizing of its columns, the
lines as text for the clipboard, and the choice of a CSV file."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QTableView,
    QWidget,
)

from kzreader.core.errors import KzreaderError
from kzreader.core.kwic import KwicLine
from kzreader.core.library import Library
from kzreader.gui.panels.kwic_model import (
    DATE,
    HIT,
    LEFT,
    OUTLET,
    RIGHT,
    TITLE,
    ConcordanceModel,
    LeftContextDelegate,
)
from kzreader.gui.workers import Job

#: Lines sent to the table at once, at most; the first batch goes sooner.
BATCH = 500
FIRST_BATCH = 50
#: Seconds between two batches, at most, while lines keep coming.
BATCH_SECONDS = 0.1


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as ``(first, last)`` runs of consecutive ones."""
    out: list[tuple[int, int]] = []
    for row in sorted(rows):
        if out and row == out[-1][1] + 1:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out


class LineRelay(QObject):
    """Carries the batches from the worker to the panel. It lives on the
    GUI thread, so its signal is delivered there whoever emits it."""

    batch = Signal(int, object)  # generation, list[KwicLine]


def stream_work(
    library: Library,
    query: str,
    width: int,
    generation: int,
    relay: LineRelay,
) -> Callable[[Job], tuple[int, KzreaderError | None]]:
    """The work of one query, for ``Workers.run(..., with_job=True)``: its
    lines emitted through ``relay`` in batches (the first of ``FIRST_BATCH``
    lines, the next of ``BATCH``, or whatever came within ``BATCH_SECONDS``);
    it stops when the job is cancelled. Returns the generation and the
    core's refusal, if any."""

    def work(job: Job) -> tuple[int, KzreaderError | None]:
        first, later = FIRST_BATCH, BATCH
        try:
            lines = library.iter_kwic(query, width, ordered=False)
        except KzreaderError as exc:
            return generation, exc
        batch: list[KwicLine] = []
        sent, last = 0, time.monotonic()
        try:
            for line in lines:
                if job.cancelled():
                    return generation, None
                batch.append(line)
                due = len(batch) >= (later if sent else first)
                if due or time.monotonic() - last >= BATCH_SECONDS:
                    relay.batch.emit(generation, batch)
                    sent, last, batch = sent + len(batch), time.monotonic(), []
        except KzreaderError as exc:  # a query refused once the index was read
            return generation, exc
        finally:
            lines.close()
        if batch:
            relay.batch.emit(generation, batch)
        return generation, None

    return work


def make_table(parent: QWidget, model: ConcordanceModel) -> QTableView:
    """A compact table of whole rows, the left contexts cut on their left."""
    view = QTableView(parent)
    view.setModel(model)
    view.setItemDelegateForColumn(LEFT, LeftContextDelegate(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(QFontMetrics(view.font()).height() + 8)
    columns = view.horizontalHeader()
    columns.setStretchLastSection(True)
    columns.setHighlightSections(False)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    return view


def size_columns(view: QTableView, width: int) -> None:
    """Columns wide enough for contexts of ``width`` characters."""
    metrics = QFontMetrics(view.font())
    context = max(80, min(700, metrics.averageCharWidth() * width + 12))
    header = view.horizontalHeader()
    for column, size in (
        (LEFT, context),
        (RIGHT, context),
        (OUTLET, metrics.horizontalAdvance("Sputnik France") + 16),
        (DATE, metrics.horizontalAdvance("2022-01-06") + 20),
        (TITLE, metrics.horizontalAdvance("M" * 16)),
    ):
        header.resizeSection(column, size)


def fit_hit_column(view: QTableView, lines: Sequence[KwicLine], header_text: str) -> None:
    """The hit column as wide as the widest of these hits (within bounds)."""
    font = view.font()
    font.setBold(True)
    metrics = QFontMetrics(font)
    widest = max(metrics.horizontalAdvance(" ".join(ln.hit.split())) for ln in lines[:500])
    minimum = metrics.horizontalAdvance(header_text) + 24
    view.horizontalHeader().resizeSection(HIT, max(minimum, min(420, widest + 20)))


def lines_as_text(lines: Sequence[KwicLine]) -> str:
    """Tab-separated lines: the line read as the text does, outlet, date, title."""
    rows = [
        "\t".join(
            (
                ln.left + " ".join(ln.hit.split()) + ln.right,
                ln.source or "",
                ln.published or "",
                ln.title,
            )
        )
        for ln in lines
    ]
    return "\n".join(rows) + "\n" if rows else ""


def ask_csv_path(parent: QWidget, settings: QSettings) -> Path | None:
    """The CSV file to write, from a file dialog (None when cancelled); the
    folder is remembered as the export dialog's is."""
    from kzreader.gui.dialogs.export_dialog import (
        last_folder,
        remember_folder,
        today,
        with_suffix,
    )

    translate = QCoreApplication.translate
    name = f"kzreader-concordance-{today()}.csv"
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        translate("ConcordancePanel", "Export the Lines as CSV"),
        str(last_folder(settings) / name),
        translate("ConcordancePanel", "CSV table (*.csv)"),
    )
    if not chosen:
        return None
    path, added = with_suffix(chosen, ".csv")
    if added and path.exists():
        question = translate("ConcordancePanel", "{name} already exists. Replace it?")
        answer = QMessageBox.question(
            parent,
            translate("ConcordancePanel", "Export CSV"),
            question.format(name=path.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    remember_folder(settings, path)
    return path
