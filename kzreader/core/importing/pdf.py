"""PDF articles: the text layer of a PDF, as paragraphs, with its metadata.

pypdf (BSD, pure Python) reads the text a PDF shows and where it shows it.
Lines are grouped into paragraphs by how the page lays them out: a wider
gap between two lines, a change of font size, an indented first line, or a
short line ending a sentence. Within a paragraph the lines are joined; a
word hyphenated at the end of a line is joined again only where the next
line goes on with a lowercase letter ("exception-" + "nelles"), so that
"Saint-" + "Martin" keeps its hyphen. Running headers and footers (the same
line at the top or the bottom of several pages, its numbers aside) and page
numbers are left out.

A PDF that cannot be read is refused with what to do: one protected by a
password, one without a text layer (a scan, to run OCR on first), a damaged
one. pypdf is imported on first use.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from dataclasses import dataclass
from statistics import median
from typing import Any

from kzreader.core.errors import ImportRefused
from kzreader.core.importing.plausibility import WORD

#: Lines at the top and at the bottom of each page looked at for running
#: headers, footers and page numbers.
EDGE_LINES = 2
#: A PDF's pages read at most (a book-length PDF is not a news article).
MAX_PAGES = 2000

_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|стр\.?|страница|бет)?\s*[-–—]?\s*\d{1,4}\s*"
    r"(?:(?:/|sur|of|de|из)\s*\d{1,4})?\s*[-–—]?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…:»\"”’)]$")
#: Titles that PDF producers write for the author: a file name, a template.
_JUNK_TITLE = re.compile(
    r"^(?:microsoft\s+(?:word|powerpoint|excel)\s*-|untitled|sans\s+titre|document\d*$|"
    r"titre$|title$|présentation|slide\s*\d)"
    r"|\.(?:docx?|odt|rtf|pdf|txt|html?|indd|qxd|pages|tmp)$",
    re.IGNORECASE,
)
#: Authors that PDF producers write: an account, not a person who wrote the article.
_JUNK_AUTHOR = re.compile(
    r"^(?:admin(?:istrat(?:or|eur))?|user|utilisateur(?:\s+windows)?|owner|"
    r"microsoft\s+office\s+(?:user|utilisateur)|unknown|inconnu|author|auteur|"
    r"windows\s+user|пользователь|root)$",
    re.IGNORECASE,
)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")

_DAMAGED = (
    "is a damaged or incomplete PDF ({error}): open it in a PDF reader and save it "
    "again, or export its text as .txt and import that"
)


@dataclass(frozen=True)
class PdfText:
    """What a PDF tells of its article."""

    text: str
    title: str | None
    author: str | None
    published: str | None


@dataclass
class _Line:
    text: str
    x: float | None
    y: float | None
    size: float


def is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-")


def _quiet() -> None:
    """pypdf logs every oddity of a damaged file (as warnings and errors,
    on standard error): the reason the import gives is enough."""
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def _open(data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    _quiet()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except MemoryError:
        raise
    except Exception as exc:  # a damaged file fails in many ways inside pypdf
        raise ImportRefused(_DAMAGED, error=_error(exc)) from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # restrictions only: any reader opens it
        except (DependencyError, NotImplementedError) as exc:
            raise ImportRefused(
                "is an encrypted PDF that kzreader cannot open: open it in a PDF reader, "
                "print or save it as a PDF without protection, and import that"
            ) from exc
        except MemoryError:
            raise
        except Exception as exc:
            raise ImportRefused(_DAMAGED, error=_error(exc)) from exc
        if not opened:
            raise ImportRefused(
                "is a PDF protected by a password: open it in a PDF reader with its "
                "password, print or save it as a PDF without one, and import that"
            )
    return reader


def _error(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _page_lines(page: Any) -> list[_Line]:
    """The lines of ``page`` in the order the PDF shows them, each with the
    position and size of its first text."""
    lines: list[_Line] = []
    parts: list[str] = []
    where: list[tuple[float, float, float] | None] = [None]

    def finish() -> None:
        text = " ".join("".join(parts).split())
        if text:
            pos = where[0]
            if pos is None:
                lines.append(_Line(text, None, None, 0.0))
            else:
                lines.append(_Line(text, pos[0], pos[1], pos[2]))
        parts.clear()
        where[0] = None

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        pieces = text.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                finish()
            if piece.strip() and where[0] is None:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * ((cm[2] ** 2 + cm[3] ** 2) ** 0.5)
                where[0] = (x, y, abs(size * scale) or size)
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    finish()
    return lines


def _edges(lines: list[_Line]) -> set[int]:
    """Indexes of the lines at the top and at the bottom of a page."""
    if all(line.y is not None for line in lines):
        order = sorted(range(len(lines)), key=lambda i: -(lines[i].y or 0.0))
    else:
        order = list(range(len(lines)))
    return set(order[:EDGE_LINES]) | set(order[-EDGE_LINES:])


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """``pages`` without their page numbers and running headers and footers:
    a line at the top or bottom of a page that is a page number, or that
    (its numbers aside) is at the top or bottom of another page too."""
    edges = [_edges(lines) for lines in pages]
    seen: dict[str, int] = {}
    for lines, edge in zip(pages, edges, strict=True):
        for key in {_running_key(lines[i].text) for i in edge}:
            seen[key] = seen.get(key, 0) + 1
    kept = []
    for lines, edge in zip(pages, edges, strict=True):
        kept.append(
            [
                line
                for i, line in enumerate(lines)
                if i not in edge
                or not (
                    _PAGE_NUMBER.match(line.text)
                    or (len(pages) > 1 and seen[_running_key(line.text)] > 1)
                )
            ]
        )
    return kept


def _breaks(lines: list[_Line]) -> set[int]:
    """Indexes of the lines of a page that begin a new paragraph."""
    out: set[int] = set()
    placed = [line for line in lines if line.y is not None]
    gaps = [
        a.y - b.y  # type: ignore[operator]
        for a, b in itertools.pairwise(placed)
        if a.y is not None and b.y is not None and a.y > b.y and abs(a.size - b.size) < 1
    ]
    # the line spacing: the commonest gap (paragraph gaps are fewer), the
    # smaller of equally common ones
    rounded = [round(gap * 2) / 2 for gap in gaps]
    spacing = min(rounded, key=lambda g: (-rounded.count(g), g)) if rounded else None
    if spacing is not None and len(gaps) < 3:
        # too few lines to tell: a line's usual height at most
        spacing = min(spacing, 1.3 * max(line.size for line in placed))
    lefts = [round(line.x) for line in placed if line.x is not None]
    left = min(lefts, key=lambda x: (-lefts.count(x), x)) if lefts else None
    lengths = [len(line.text) for line in lines]
    typical = median(lengths) if lengths else 0
    for i in range(1, len(lines)):
        before, line = lines[i - 1], lines[i]
        ends = _SENTENCE_END.search(before.text) is not None
        if before.y is None or line.y is None:
            if ends and len(before.text) < 0.6 * typical:
                out.add(i)
            continue
        if abs(before.size - line.size) >= 1:
            out.add(i)
        elif line.y > before.y + 1:  # back up the page: the next column
            if ends:
                out.add(i)
        elif spacing is not None and before.y - line.y > spacing * 1.4 + 0.5:
            out.add(i)
        elif left is not None and line.x is not None and line.x - left > 0.8 * line.size:
            out.add(i)  # an indented first line
        elif ends and len(before.text) < 0.6 * typical and line.text[:1].isupper():
            out.add(i)  # a short line that ends a sentence
    return out


def join_lines(lines: list[str]) -> str:
    """The lines of a paragraph as one line: a hyphen ending a line is taken
    out where the next line goes on with a lowercase letter (a word cut at
    the end of the line), kept otherwise ("Saint-" + "Martin"); a soft
    hyphen is always taken out."""
    out = ""
    for line in lines:
        if not out:
            out = line
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out.endswith(("-", "\u2010")) and len(out) > 1 and out[-2].isalpha():
            if line[:1].islower():
                out = out[:-1] + line
            else:
                out += line
        else:
            out += " " + line
    return out


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    paragraphs: list[list[str]] = []
    for lines in pages:
        breaks = _breaks(lines)
        for i, line in enumerate(lines):
            starts = i in breaks or not paragraphs
            if i == 0 and paragraphs:
                # a paragraph goes on over the page break when it ends
                # without a full stop and the next page goes on in lowercase
                last = paragraphs[-1][-1]
                starts = _SENTENCE_END.search(last) is not None or not line.text[:1].islower()
            if starts:
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
    return [join_lines(lines) for lines in paragraphs]


def _meta_text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("\x00", "").split())
    return text or None


def clean_title(value: object) -> str | None:
    """A title from a document's metadata, unless it is a file name or a
    template's ("Microsoft Word - article.docx", "Untitled")."""
    title = _meta_text(value)
    if title is None or _JUNK_TITLE.search(title) or WORD.search(title) is None:
        return None
    return title


def clean_author(value: object) -> str | None:
    """An author from a document's metadata, unless it is an account's name
    ("Administrator", "Utilisateur Windows")."""
    author = _meta_text(value)
    if author is None or _JUNK_AUTHOR.match(author) or WORD.search(author) is None:
        return None
    return author


def metadata_date(value: object) -> str | None:
    """``YYYY-MM-DD`` of a PDF date (``D:20220111093000+01'00'``)."""
    text = _meta_text(value)
    match = _PDF_DATE.match(text) if text else None
    if match is None:
        return None
    from kzreader.core.importing.dates import header_date

    return header_date(*match.groups())


def read_pdf(data: bytes) -> PdfText:
    """The text and metadata of a PDF; ImportRefused for one that cannot be
    read or has no text."""
    from pypdf.errors import DependencyError

    reader = _open(data)
    try:
        pages = [_page_lines(page) for page in reader.pages[:MAX_PAGES]]
        info = reader.metadata or {}
        title, author, created = info.get("/Title"), info.get("/Author"), info.get("/CreationDate")
    except DependencyError as exc:
        raise ImportRefused(
            "is an encrypted PDF that kzreader cannot open: open it in a PDF reader, "
            "print or save it as a PDF without protection, and import that"
        ) from exc
    except MemoryError:
        raise
    except Exception as exc:  # a damaged page, font or stream
        raise ImportRefused(_DAMAGED, error=_error(exc)) from exc
    paragraphs = _paragraphs(drop_running_lines(pages))
    text = "\n\n".join(p for p in paragraphs if p)
    if not any(len(match.group()) >= 2 for match in WORD.finditer(text)):
        raise ImportRefused(
            "has no text layer (a scan?): run OCR first (many PDF readers and scanners "
            "can), then import the PDF it gives"
        )
    return PdfText(
        text=text + "\n",
        title=clean_title(title),
        author=clean_author(author),
        published=metadata_date(created),
    )
