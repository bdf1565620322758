"""Small PDF, Word and press-database files made for the import tests.

The PDFs are written by hand: a few objects, Helvetica, and one content
stream a page whose ``BT … ET`` blocks place each line of text where a word
processor would (pypdf writes pages, but no text). Nothing here is read
from elsewhere: each file is made, in memory, as a test asks for it.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence

#: A line of a page: ``(x, y, font size, text)``, y from the bottom of an A4
#: page (842 points high).
PdfLine = tuple[float, float, float, str]


def _pdf_string(text: str) -> bytes:
    """``text`` as a PDF literal string in WinAnsi (Latin-1 here)."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(
    pages: Sequence[Sequence[PdfLine]],
    info: dict[str, str] | None = None,
    compress: bool = False,
) -> bytes:
    """A valid PDF of ``pages`` (each a list of lines), with an Info
    dictionary from ``info`` (``{"Title": …, "Author": …, "CreationDate":
    "D:20220111093000+01'00'"}``)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the pages are numbered
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        ops = []
        for x, y, size, text in lines:
            ops.append(b"BT /F1 %g Tf %g %g Td %s Tj ET" % (size, x, y, _pdf_string(text)))
        stream = b"\n".join(ops)
        if compress:
            stream = zlib.compress(stream)
            head = b"<< /Length %d /Filter /FlateDecode >>" % len(stream)
        else:
            head = b"<< /Length %d >>" % len(stream)
        content = add(head + b"\nstream\n" + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info_id = None
    if info:
        entries = b" ".join(b"/%s %s" % (k.encode(), _pdf_string(v)) for k, v in info.items())
        info_id = add(b"<< " + entries + b" >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id is not None:
        trailer += b" /Info %d 0 R" % info_id
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def text_page(
    paragraphs: Sequence[Sequence[str]],
    top: float = 780,
    size: float = 11,
    leading: float = 14,
    gap: float = 10,
    header: str | None = None,
    footer: str | None = None,
) -> list[PdfLine]:
    """The lines of one page: each paragraph's lines ``leading`` apart, a
    further ``gap`` between paragraphs, a running ``header`` at the top and a
    ``footer`` (a page number) at the bottom."""
    lines: list[PdfLine] = []
    if header is not None:
        lines.append((72, 810, 8, header))
    y = top
    for paragraph in paragraphs:
        for line in paragraph:
            lines.append((72, y, size, line))
            y -= leading
        y -= gap
    if footer is not None:
        lines.append((290, 40, 9, footer))
    return lines


#: The article of the PDF tests: a title, a dateline and two paragraphs, the
#: second with a word hyphenated at the end of a line and a compound word
#: split at its own hyphen.
ARTICLE_PARAGRAPHS = [
    ["Les agriculteurs du Sud face à la sécheresse"],
    ["Par Claire Martin, 11 janvier 2022"],
    [
        "Dans la vallée, les puits sont à sec depuis le mois de juin et les",
        "éleveurs vendent leurs bêtes faute de fourrage.",
    ],
    [
        "La préfecture promet des aides exception-",
        "nelles, mais le maire de Saint-",
        "Martin juge qu'elles arriveront trop tard pour la plupart des exploitations.",
    ],
]


def article_pdf(info: dict[str, str] | None = None) -> bytes:
    """A one-page article with a page number at the bottom."""
    return make_pdf([text_page(ARTICLE_PARAGRAPHS, footer="1")], info=info)


def two_page_pdf() -> bytes:
    """An article over two pages, each with the same running header and its
    page number ("Page 1 / 2")."""
    first = text_page(
        [
            ["Rapport sur la ressource en eau"],
            [
                "Le premier chapitre décrit l'état des nappes phréatiques au sortir",
                "d'un été particulièrement sec dans tout le bassin versant.",
            ],
        ],
        header="Observatoire régional de l'eau — janvier 2022",
        footer="Page 1 / 2",
    )
    second = text_page(
        [
            [
                "Le second chapitre propose des mesures de restriction graduées selon",
                "le niveau des réserves constaté chaque semaine par les services.",
            ]
        ],
        header="Observatoire régional de l'eau — janvier 2022",
        footer="Page 2 / 2",
    )
    return make_pdf([first, second], info={"Title": "Microsoft Word - rapport_eau_v3.docx"})


def scanned_pdf() -> bytes:
    """A PDF whose pages hold no text (as a scan's images do)."""
    return make_pdf([[], []])


def encrypted_pdf(password: str = "secret") -> bytes:
    """:func:`article_pdf` encrypted with a user password, by pypdf."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(article_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def owner_only_pdf() -> bytes:
    """:func:`article_pdf` encrypted with an owner password only: any reader
    opens it (copying and printing may be restricted)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(article_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(
    paragraphs: Sequence[tuple[str, str | None]],
    title: str | None = None,
    author: str | None = None,
    created: str | None = None,
) -> bytes:
    """A Word document made with python-docx: ``(text, style)`` paragraphs
    (style ``None``: the normal one; ``"Heading 1"``, ``"Title"``…), and its
    core properties (``created`` as ``YYYY-MM-DD``)."""
    from datetime import datetime

    import docx

    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    properties = document.core_properties
    properties.title = title or ""
    properties.author = author or ""
    if created is not None:
        properties.created = datetime.fromisoformat(created)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


#: The article of the Word tests: a heading, a byline, two paragraphs.
DOCX_PARAGRAPHS: list[tuple[str, str | None]] = [
    ("Sécheresse : les éleveurs vendent leurs troupeaux", "Heading 1"),
    ("Par Claire Martin", None),
    ("Dans la vallée, les puits sont à sec depuis le mois de juin.", None),
    (
        "La préfecture promet des aides exceptionnelles, mais le maire juge qu'elles "
        "arriveront trop tard.",
        None,
    ),
]


def article_docx(**properties: str | None) -> bytes:
    return make_docx(DOCX_PARAGRAPHS, **properties)


def rtf_of(text: str) -> bytes:
    """``text`` as an RTF document, as a word processor writes one: a font
    table, a code page, accented letters as ``\\'e9``, other characters as
    ``\\uN``, a paragraph a line and a page break (``\\page``) for a form feed."""
    out = []
    for char in text:
        if char == "\n":
            out.append("\\par\n")
        elif char == "\f":
            out.append("\\page\n")
        elif char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            try:
                out.append(f"\\'{char.encode('cp1252')[0]:02x}")
            except UnicodeEncodeError:
                code = ord(char) if ord(char) < 32768 else ord(char) - 65536
                out.append(f"\\u{code}?")
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil\\fcharset0 Arial;}}"
        "{\\colortbl ;\\red0\\green0\\blue0;}{\\*\\generator Factiva;}"
        "\\viewkind4\\uc1\\pard\\f0\\fs20 " + "".join(out) + "}"
    ).encode("ascii")
