"""Codings as a CSV table, for spreadsheets, R, pandas or SPSS.

One row per (passage, tag): the unit a coder counts. A passage without a tag
(possible when no tag was chosen) gets one row with an empty tag, so that no
chosen passage is missing from the table. When tags were chosen, a passage's
rows are its codings with those tags (or tags below them) only.

Columns, in this order::

    document_id, title, outlet, date, url, language,
    attr:<key>…   one per document attribute present among the exported
                  documents, sorted by key (``attr:`` keeps them apart from
                  the fixed columns whatever the user named them),
    passage_id, start, end, text, tag, note, status

``start`` and ``end`` are code-point offsets into the document's text, as
everywhere in kzreader; ``text`` is the passage's exact text.

The encoding is UTF-8 with a byte-order mark and lines end with CRLF: Excel
only reads a CSV as UTF-8 (accents intact) when it starts with the BOM, and
RFC 4180 asks for CRLF; LibreOffice, R and pandas (``encoding="utf-8-sig"``)
read it as well. Fields are quoted only where needed (``csv.QUOTE_MINIMAL``):
commas, quotes and line breaks inside notes survive. ``delimiter=";"`` suits
spreadsheets set up for a decimal comma (French Excel, among others), which
expect semicolons when a file is opened by a double click.

Spreadsheet formula injection: a spreadsheet runs a cell starting with
``=``, ``+``, ``-`` or ``@`` (and some versions one starting with a tab or a
carriage return) as a formula, so an article quoting ``=HYPERLINK(…)`` could
act when the table is opened. Such cells get a leading apostrophe, which a
spreadsheet shows as text and does not evaluate. To keep this reversible, a
cell made of apostrophes followed by one of those characters gets one more
apostrophe too; ``restore_cell`` undoes it exactly, for scripts reading the
table back. The apostrophe is visible in tools that do not interpret it
(a text editor, pandas): that is the price of opening safely in Excel.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kzreader.core.errors import KzreaderError
from kzreader.core.exchange.selection import (
    ExportReport,
    Progress,
    Selection,
    atomic_output,
    report_progress,
    select,
)
from kzreader.core.types import DocumentInfo, PassageInfo

if TYPE_CHECKING:
    from kzreader.core.library import Library

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

LEADING_COLUMNS = ("document_id", "title", "outlet", "date", "url", "language")
TRAILING_COLUMNS = ("passage_id", "start", "end", "text", "tag", "note", "status")
ATTRIBUTE_PREFIX = "attr:"


def neutralise_cell(value: str) -> str:
    """``value`` made safe to open in a spreadsheet (see the module's docstring)."""
    if value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_cell(value: str) -> str:
    """The original value of a cell written by ``neutralise_cell``."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def columns_for(sel: Selection) -> list[str]:
    """The header: fixed columns around one column per attribute key present."""
    keys = sorted({key for attrs in sel.attributes.values() for key in attrs}, key=str.casefold)
    return [*LEADING_COLUMNS, *(ATTRIBUTE_PREFIX + k for k in keys), *TRAILING_COLUMNS]


def _rows(
    doc: DocumentInfo,
    attributes: dict[str, str],
    keys: Sequence[str],
    passage: PassageInfo,
    tags: Sequence[str],
) -> list[list[str]]:
    """The rows of one passage: one per tag in ``tags``, or one with no tag."""
    leading = [
        str(doc.id),
        doc.title,
        doc.source or "",
        doc.published or "",
        doc.url or "",
        doc.language or "",
        *(attributes.get(k, "") for k in keys),
        str(passage.id),
        str(passage.start),
        str(passage.end),
        passage.exact,
    ]
    trailing = [passage.note or "", passage.status]
    return [[*leading, tag, *trailing] for tag in (tags or [""])]


def export_csv(
    lib: Library,
    out_path: str | Path,
    *,
    tags: Sequence[str] | None = None,
    documents: Sequence[int] | None = None,
    progress: Progress | None = None,
    delimiter: str = ",",
) -> ExportReport:
    """Write the codings of the chosen passages as CSV to ``out_path``.

    ``tags``: tag paths (a passage carrying one of them or a tag below one;
    its rows are then those codings only); ``documents``: document ids; both
    empty or None: the whole library. ``delimiter``: ``,`` or ``;`` (or a
    tab).
    """
    if delimiter not in (",", ";", "\t"):
        raise KzreaderError("the CSV delimiter must be a comma, a semicolon or a tab")
    sel = select(lib, tags=tags, documents=documents)
    header = columns_for(sel)
    keys = [c.removeprefix(ATTRIBUTE_PREFIX) for c in header if c.startswith(ATTRIBUTE_PREFIX)]
    path = Path(out_path)
    documents_written = passages_written = 0
    with atomic_output(path, encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(
            handle, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
        )
        writer.writerow(header)
        covered = [d for d in sel.documents if sel.passages.get(d.id)]
        for done, doc in enumerate(covered):
            report_progress(progress, done, len(covered), doc.title)
            attributes = sel.attributes.get(doc.id, {})
            for passage in sel.passages[doc.id]:
                kept = [t for t in passage.tags if sel.tag_selected(t)]
                for row in _rows(doc, attributes, keys, passage, kept):
                    writer.writerow([neutralise_cell(cell) for cell in row])
                passages_written += 1
            documents_written += 1
        report_progress(progress, len(covered), len(covered), "")
    return ExportReport(
        path=path,
        format="csv",
        documents=documents_written,
        passages=passages_written,
        links=0,
    )
