"""Word articles (``.docx``): the document's paragraphs and its properties.

python-docx (MIT; lxml) reads the paragraphs of the body in order, tables'
cells included, and the core properties (title, author, dates). Each
paragraph becomes one of the text, separated by blank lines; a line break
inside a paragraph stays a line break. The title is the properties' (when it
is not a template's), else the first heading; the author and the creation
day are the properties' (the pipeline prefers a byline and a date the text
gives: the properties name who typed the document and when). A file that is not a Word
document after all, or a damaged one, is refused; so is one protected by a
password (Word then stores it encrypted, in an older container).

python-docx is imported on first use.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kzreader.core.errors import ImportRefused
from kzreader.core.importing.pdf import clean_author, clean_title

#: Paragraph styles of titles and headings ("Title", "Heading 1"; French
#: Word writes "Titre" for some).
_HEADING_STYLES = ("title", "heading", "titre")
#: The stream an encrypted Office document keeps its content in (UTF-16).
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class WordText:
    """What a Word document tells of its article."""

    text: str
    title: str | None
    author: str | None
    published: str | None


def is_docx(data: bytes) -> bool:
    """A ZIP holding a Word document's main part."""
    return data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]


def is_encrypted_office(data: bytes) -> bool:
    """An Office document protected by a password (an OLE container holding
    an ``EncryptedPackage`` stream)."""
    return data.startswith(_OLE) and _ENCRYPTED in data


def _blocks(document: Any) -> list[tuple[str, bool]]:
    """``(text, is a heading)`` of the body's paragraphs, in order."""
    from docx.table import Table

    out: list[tuple[str, bool]] = []

    def paragraph(p: Any) -> None:
        text = "\n".join(" ".join(line.split()) for line in p.text.split("\n")).strip()
        if not text:
            return
        try:
            style = (p.style.name or "").lower() if p.style is not None else ""
        except (KeyError, ValueError):
            style = ""
        out.append((text, style.startswith(_HEADING_STYLES)))

    def table(t: Table) -> None:
        seen: set[int] = set()
        for row in t.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is listed once per column
                    continue
                seen.add(id(cell._tc))
                for inner in cell.iter_inner_content():
                    if isinstance(inner, Table):
                        table(inner)
                    else:
                        paragraph(inner)

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            table(block)
        else:
            paragraph(block)
    return out


#: When python-docx's own template was made: the creation date of every
#: document a program writes with it unless the program sets another.
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)


def _day(value: object) -> str | None:
    """The day of a document's creation, unless it is a template's."""
    if not isinstance(value, datetime) or value.replace(tzinfo=None) == _TEMPLATE_CREATED:
        return None
    return value.date().isoformat()


def read_docx(data: bytes) -> WordText:
    """The text and properties of a Word document; ImportRefused for one
    that cannot be read or holds no text."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
        properties = document.core_properties
        title, author, created = properties.title, properties.author, properties.created
    except Exception as exc:  # zipfile, lxml and python-docx errors on a broken file
        raise ImportRefused(
            "is a damaged or incomplete Word document ({kind}): open it in a word "
            "processor and save it again, or save it as .txt and import that",
            kind=type(exc).__name__,
        ) from exc
    text = "\n\n".join(text for text, _ in blocks)
    heading = next((text for text, is_heading in blocks if is_heading), None)
    return WordText(
        text=text + "\n" if text else "",
        title=clean_title(title) or (clean_title(heading) if heading else None),
        author=clean_author(author),
        published=_day(created),
    )
