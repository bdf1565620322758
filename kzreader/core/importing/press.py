"""Press database exports: one file of many articles, split into articles.

Researchers collect articles from Europresse and Factiva, which export a
selection as one file:

- **Europresse**, HTML: each article in an ``<article>`` element (in older
  exports, a table of its own) with the outlet (``DocPublicationName``),
  a header line holding the date ("Politique, mardi 11 janvier 2022 1024
  mots, p. 6"), the title (``titreArticle``), the byline, the body
  (``DocText``), a "© 2022 Le Figaro. Tous droits réservés." line and the
  document number "news·20220111·LF·…" (``publiC-lblNodoc``).
- **Factiva**, HTML or RTF (or that RTF saved as text) in the "Full
  Article/Report plus Indexing" layout, each article listing its fields
  under two- or three-letter codes: HD headline, BY byline, WC word
  count, PD date ("11 January 2022"), SN source name, LA language, LP and
  TD the lead paragraphs and the text, AN the accession number ("Document
  LEMOND0020220111ei1b0000x"); or in the plain "Article" layout, the same
  facts on lines of their own without codes, each article ending with its
  "Document …" line and the pages headed or footed "Page 1 of 3 © 2022
  Factiva, Inc. All rights reserved.".

:func:`split_export` recognises such a file by its text and gives its
articles, each with its outlet, date, title, author, language and the
database's document number (an attribute of the document: ``europresse_id``
or ``factiva_an``), which identifies the article when the export is
imported again. The stored text of an article is its title, its subtitle
and its paragraphs; the copyright line and the document number are left
out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kzreader.core.importing import dates
from kzreader.core.importing.outlets import canonical_outlet

EUROPRESSE_ID = "europresse_id"
FACTIVA_AN = "factiva_an"

#: Languages as exports name them → ISO 639-1.
_LANGUAGES = {
    "fr": "fr",
    "français": "fr",
    "francais": "fr",
    "french": "fr",
    "französisch": "fr",
    "en": "en",
    "english": "en",
    "anglais": "en",
    "englisch": "en",
    "de": "de",
    "german": "de",
    "allemand": "de",
    "deutsch": "de",
    "es": "es",
    "spanish": "es",
    "espagnol": "es",
    "español": "es",
    "it": "it",
    "italian": "it",
    "italien": "it",
    "italiano": "it",
    "ru": "ru",
    "russian": "ru",
    "russe": "ru",
    "русский": "ru",
    "kk": "kk",
    "kazakh": "kk",
    "kazakh (cyrillic)": "kk",
    "nl": "nl",
    "dutch": "nl",
    "néerlandais": "nl",
    "pt": "pt",
    "portuguese": "pt",
    "portugais": "pt",
    "ar": "ar",
    "arabic": "ar",
    "arabe": "ar",
    "zh": "zh",
    "chinese": "zh",
    "chinois": "zh",
    "chinese-simplified": "zh",
    "chinese-traditional": "zh",
    "ja": "ja",
    "japanese": "ja",
    "japonais": "ja",
    "uk": "uk",
    "ukrainian": "uk",
    "ukrainien": "uk",
}

_BLANKS = re.compile(r"\s+")
_EUROPRESSE_NUMBER = re.compile(r"news·\d{8}·[A-Z0-9_]+·\S+")
_EUROPRESSE_DAY = re.compile(r"news·(\d{4})(\d{2})(\d{2})·")
_BYLINE_WORD = re.compile(r"^(?:par|by|von|por|автор:?)\s+", re.IGNORECASE)
_ISSUE = re.compile(r",?\s+(?:no|n°|nº|№)\.?\s*\d.*$|,\s.*$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)


@dataclass(frozen=True)
class PressItem:
    """One article of an export."""

    #: The article's title, subtitle and paragraphs, separated by blank lines.
    text: str
    title: str | None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    url: str | None = None
    #: ``(key, value)`` attributes of the document: the database's number.
    attributes: tuple[tuple[str, str], ...] = ()
    #: The key of the attribute that identifies the article in the export.
    identifier: str | None = None


def _collapse(text: str | None) -> str:
    return _BLANKS.sub(" ", text or "").strip()


def language_code(name: str | None) -> str | None:
    """The ISO 639-1 code of a language as an export names it, or None."""
    return _LANGUAGES.get(_collapse(name).lower()) if name else None


def _outlet(name: str) -> str | None:
    name = _collapse(_ISSUE.sub("", _collapse(name)))
    return canonical_outlet(name) if name else None


def _author(text: str | None) -> str | None:
    author = _collapse(_BYLINE_WORD.sub("", _collapse(text)))
    if not author or len(author) > 160 or len(author.split()) > 12:
        return None
    return author


def _article_text(title: str | None, paragraphs: Iterable[str]) -> str:
    parts = [p for p in ([title] if title else []) if p]
    for paragraph in paragraphs:
        paragraph = _collapse(paragraph)
        if paragraph and (not parts or paragraph != parts[-1]):
            parts.append(paragraph)
    return "\n\n".join(parts) + "\n" if parts else ""


# -- HTML ------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
     "header", "footer", "article", "blockquote")
)  # fmt: skip


def _lines(element: Any) -> list[str]:
    """The text of ``element`` as lines: one for each block element or ``<br>``."""
    out: list[str] = [""]

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style"):
            return
        block = tag.lower() in _BLOCK_TAGS
        if block:
            out.append("")
        if node.text and tag:
            out[-1] += node.text
        for child in node:
            walk(child)
            if child.tail:
                out[-1] += child.tail
        if block:
            out.append("")

    walk(element)
    return [line for line in (_collapse(line) for line in out) if line]


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _first(element: Any, *classes: str) -> Any | None:
    for name in classes:
        found = element.xpath(f".//*[{_has_class(name)}]")
        if found:
            return found[0]
    return None


def _text_of(element: Any | None) -> str:
    return " ".join(_lines(element)) if element is not None else ""


def _parse_html(text: str) -> Any | None:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _europresse_item(block: Any) -> PressItem | None:
    outlet = _text_of(_first(block, "DocPublicationName"))
    title_element = _first(block, "titreArticle", "rdp__articletitle", "titreArticleVisu")
    if title_element is None:
        title_element = _first(block, "TitreArticleVisu", "grandTitre")
    title = _text_of(title_element) or None
    header = " ".join(
        _text_of(e) for e in block.xpath(f".//*[{_has_class('DocHeader')}]")
    ) or _text_of(_first(block, "rdp__DocHeader"))
    whole = _lines(block)
    number_element = _first(block, "publiC-lblNodoc")
    number_text = _text_of(number_element) if number_element is not None else " ".join(whole)
    number = _EUROPRESSE_NUMBER.search(number_text)
    author = _text_of(_first(block, "docAuthors"))
    if not author:
        bottom = _first(block, "sm-margin-bottomNews")
        author = _text_of(bottom)
    subtitle = _text_of(_first(block, "rdp__subtitle"))
    body = _first(block, "docOcurrContainer", "DocText")
    if body is not None:
        paragraphs = _lines(body)
    else:  # an older export: the lines after the title, up to the copyright
        paragraphs = []
        after = False
        for line in whole:
            if not after:
                after = title is not None and line == title
                continue
            paragraphs.append(line)
        if (
            len(paragraphs) > 1
            and not author
            and len(paragraphs[0].split()) <= 8
            and not re.search(r"[.!?:]$", paragraphs[0])
        ):
            author = paragraphs.pop(0)
    kept = []
    for line in paragraphs:
        if (
            _COPYRIGHT.match(line)
            or line.startswith("Numéro de document")
            or (_EUROPRESSE_NUMBER.fullmatch(line))
        ):
            break
        kept.append(line)
    url = None
    for link in block.xpath(".//a[@href]"):
        if "Cet article est paru dans" in _text_of(link) or "This article appeared" in _text_of(
            link
        ):
            url = link.get("href")
            kept = [line for line in kept if line != _text_of(link)]
            break
    if author and kept and _collapse(kept[0]) == _collapse(author):
        kept = kept[1:]
    published = dates.worded_date(header) if header else None
    if published is None and number is not None:
        day = _EUROPRESSE_DAY.match(number.group())
        published = dates.header_date(*day.groups()) if day else None
    text = _article_text(title, [subtitle, *kept] if subtitle else kept)
    if not text or not kept:
        return None
    attributes = ((EUROPRESSE_ID, number.group()),) if number else ()
    return PressItem(
        text=text,
        title=title,
        author=_author(author),
        published=published,
        source=_outlet(outlet) if outlet else None,
        url=url if url and url.startswith(("http://", "https://")) else None,
        attributes=(("database", "Europresse"), *attributes),
        identifier=EUROPRESSE_ID if number else None,
    )


def _europresse(root: Any) -> list[PressItem]:
    blocks = [
        b for b in root.xpath("//article") if b.xpath(f".//*[{_has_class('DocPublicationName')}]")
    ]
    if not blocks:  # older exports: a table cell for each article
        for name in root.xpath(f"//*[{_has_class('DocPublicationName')}]"):
            cell = next(
                (
                    a
                    for a in name.iterancestors("td")
                    if len(a.xpath(f".//*[{_has_class('DocPublicationName')}]")) == 1
                ),
                None,
            )
            if cell is not None:
                top = cell
                for ancestor in cell.iterancestors("td"):
                    if len(ancestor.xpath(f".//*[{_has_class('DocPublicationName')}]")) == 1:
                        top = ancestor
                if top not in blocks:
                    blocks.append(top)
    return [item for item in map(_europresse_item, blocks) if item is not None]


def _factiva_html(root: Any) -> list[PressItem]:
    items = []
    for block in root.xpath(f"//div[{_has_class('article')}]"):
        fields: dict[str, list[str]] = {}
        for row in block.xpath(".//tr"):
            cells = row.xpath("./td")
            if len(cells) < 2:
                continue
            code = _collapse(cells[0].text_content()).replace("\u00a0", "").strip()
            if re.fullmatch(r"[A-Z]{2,3}", code) and code not in fields:
                fields[code] = _lines(cells[1])
        item = _factiva_item(fields)
        if item is not None:
            items.append(item)
    return items


# -- Factiva's text ----------------------------------------------------------------

_FACTIVA_CODES = frozenset(
    ("SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA", "CY", "LP",
     "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "ART", "CLM", "CX",
     "DLN", "NGC", "GC", "RST")
)  # fmt: skip
_FIELD_LINE = re.compile(r"^(?P<code>[A-Z]{2,3})(?:[ \t\u00a0]{2,}|\t|[ \t]*$)(?P<rest>.*)$")
_ACCESSION = re.compile(r"^(?:Document|Dokument|Documento)\s+(?P<an>[A-Za-z0-9]{12,})\s*$")
_FACTIVA_PAGE = re.compile(
    r"^(?:Page|Seite|Página|Pagina)\s+\d+\s+(?:of|sur|von|de|di)\s+\d+\s*©.*Factiva.*$",
    re.IGNORECASE,
)
_WORD_COUNT = re.compile(
    r"^\d[\d,.\u00a0 ]*\s+(?:words|mots|wörter|palabras|parole|palavras|слов[а]?|woorden)$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?:\s*(?:GMT|UTC|CET|[A-Z]{2,4}))?$")
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{3,12}$")


def _factiva_item(fields: dict[str, list[str]]) -> PressItem | None:
    def one(code: str) -> str | None:
        value = " ".join(fields.get(code, []))
        return _collapse(value) or None

    title = one("HD")
    paragraphs = [*fields.get("LP", []), *fields.get("TD", [])]
    if title is None and not paragraphs:
        return None
    accession = one("AN")
    an = None
    if accession:
        found = _ACCESSION.match(accession)
        an = found.group("an") if found else accession.split()[-1]
    published = dates.worded_date(one("PD") or "")
    time = one("ET")
    if published is not None and time and re.fullmatch(r"\d{1,2}:\d{2}", time):
        hour, minute = time.split(":")
        if int(hour) < 24 and int(minute) < 60:
            published = f"{published}T{int(hour):02d}:{minute}"
    text = _article_text(title, paragraphs)
    if not text:
        return None
    source = one("SN")
    return PressItem(
        text=text,
        title=title,
        author=_author(one("BY")),
        published=published,
        source=_outlet(source) if source else None,
        language=language_code(one("LA")),
        attributes=(("database", "Factiva"), *(((FACTIVA_AN, an),) if an else ())),
        identifier=FACTIVA_AN if an else None,
    )


def _factiva_fields(lines: list[str]) -> list[PressItem]:
    """Articles whose fields are coded, one line a field (its value on the
    same line or on the following ones)."""
    items = []
    fields: dict[str, list[str]] = {}
    code: str | None = None
    for raw in lines:
        line = raw.rstrip()
        if _FACTIVA_PAGE.match(line.strip()):
            continue
        match = _FIELD_LINE.match(line)
        if match is not None and match.group("code") in _FACTIVA_CODES:
            code = match.group("code")
            if code in fields:  # the next article (its AN line missing)
                items.append(fields)
                fields = {}
            fields[code] = [match.group("rest").strip()] if match.group("rest").strip() else []
            if code == "AN":
                items.append(fields)
                fields, code = {}, None
            continue
        if code is not None and line.strip():
            if code == "AN":
                continue
            fields.setdefault(code, []).append(line.strip())
    if fields:
        items.append(fields)
    out = []
    for found in items:
        item = _factiva_item(found)
        if item is not None:
            out.append(item)
    return out


def _factiva_layout(lines: list[str]) -> list[PressItem]:
    """Articles in the "Article" layout: header lines without codes, each
    article ending with its "Document …" line."""
    items = []
    chunk: list[str] = []
    for raw in lines:
        line = raw.strip()
        if _FACTIVA_PAGE.match(line):
            continue
        found = _ACCESSION.match(line)
        if found is None:
            chunk.append(line)
            continue
        item = _layout_item([x for x in chunk if x], found.group("an"))
        if item is not None:
            items.append(item)
        chunk = []
    return items


def _layout_item(lines: list[str], an: str) -> PressItem | None:
    count = next((i for i, line in enumerate(lines[:12]) if _WORD_COUNT.match(line)), None)
    if count is None or count == 0:
        return None
    head = lines[:count]
    author = None
    if len(head) > 1 and _BYLINE_WORD.match(head[-1]):
        author = head.pop()
    title = _collapse(" ".join(head))
    rest = lines[count + 1 :]
    published = None
    source = language = None
    i = 0
    if i < len(rest) and (day := dates.worded_date(rest[i])) is not None:
        published, i = day, i + 1
    if i < len(rest) and _CLOCK.match(rest[i]):
        i += 1
    if i < len(rest) and not _COPYRIGHT.match(rest[i]):
        source, i = rest[i], i + 1
    if i < len(rest) and _SOURCE_CODE.match(rest[i]):
        i += 1
    while (
        i < len(rest)
        and i < 8
        and not language_code(rest[i])
        and len(rest[i]) < 40
        and (not _COPYRIGHT.match(rest[i]))
    ):
        i += 1  # an edition, a page, a section
    if i < len(rest) and language_code(rest[i]):
        language, i = language_code(rest[i]), i + 1
    while i < len(rest) and _COPYRIGHT.match(rest[i]):
        i += 1
    text = _article_text(title, rest[i:])
    if not title or len(rest) <= i:
        return None
    return PressItem(
        text=text,
        title=title,
        author=_author(author),
        published=published,
        source=_outlet(source) if source else None,
        language=language,
        attributes=(("database", "Factiva"), (FACTIVA_AN, an)),
        identifier=FACTIVA_AN,
    )


_CODED = re.compile(r"^(?:HD|AN)(?:[ \t\u00a0]{2,}|\t|[ \t]*$)", re.MULTILINE)
_ACCESSION_LINE = re.compile(r"^\s*(?:AN\s+)?Document\s+[A-Za-z0-9]{12,}\s*$", re.MULTILINE)


def looks_like_export(text: str) -> bool:
    """Whether ``text`` may be a Europresse or Factiva export (a cheap test
    before the file is parsed)."""
    if "DocPublicationName" in text:
        return True
    if _ACCESSION_LINE.search(text) is not None:
        return "Factiva" in text or _CODED.search(text) is not None
    return "Factiva" in text and "<b>AN</b>" in text


def split_export(text: str) -> list[PressItem] | None:
    """The articles of a Europresse or Factiva export, or None when ``text``
    is not one (an export whose articles cannot be read gives ``[]``)."""
    if not looks_like_export(text):
        return None
    if "<" in text[:4096] and re.search(r"<(?:html|body|article|div|table)[\s>]", text, re.I):
        root = _parse_html(text)
        if root is None:
            return None
        if "DocPublicationName" in text:
            return _europresse(root)
        return _factiva_html(root)
    lines = text.replace("\f", "\n").split("\n")
    if _CODED.search(text) is not None:
        return _factiva_fields(lines)
    return _factiva_layout(lines)
