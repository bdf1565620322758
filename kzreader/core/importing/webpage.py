"""Saved web pages: the article's main text and metadata out of its HTML.

A page saved from a browser (``.html``, ``.htm``, or HTML saved as ``.txt``)
holds the article among scripts, style sheets, navigation, "read also"
links and footers. trafilatura (Apache-2.0) finds the main text and reads
the page's metadata (``og:title``, ``og:site_name``,
``article:published_time``, JSON-LD, ``<link rel=canonical>``, bylines).
What it misses — the time of day of the publication, the URL a browser
notes in a ``saved from url`` comment, the page's declared language — is
read here from the page's head.

The article's text becomes the document's text; the file itself stays where
it was (its path is kept as the document's source path) for re-extraction.
trafilatura is imported on first use: it takes a tenth of a second to load.
"""

from __future__ import annotations

import codecs
import html as html_entities
import re
from dataclasses import dataclass

from kzreader.core.errors import ImportRefused
from kzreader.core.importing import dates
from kzreader.core.importing.parse import Byline, parse_byline
from kzreader.core.importing.types import HTML_EXTENSIONS

#: Extensions of saved web pages (a file of another extension is recognised
#: by its content).
#: How much of the start of a file is looked at to recognise HTML, and of a
#: page to find its declared charset and head metadata.
SNIFF_CHARS = 4096
HEAD_CHARS = 256 * 1024

_DOCUMENT_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_MARKUP = re.compile(r"<(?:html|head|body|p|div|article|meta|title)[\s>/]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_BODY_START = re.compile(r"<body[\s>]", re.IGNORECASE)
# The text of an element without markup inside: a byline, a dateline.
_SHORT_TEXT = re.compile(r">\s*([^<>]{4,160}?)\s*<")
_SKIPPED_ELEMENTS = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
#: Short texts of the page's body searched for a byline or a dateline.
SHORT_TEXTS = 80
#: Meta names and properties that carry the publication time, best first.
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "date",
)


@dataclass(frozen=True)
class WebPage:
    """What a saved page tells of its article; ``None`` where it is silent."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    url: str | None = None
    #: The language the page declares (``<html lang>``): a hint only.
    language: str | None = None
    #: A byline found in the page ("By Anna Müller | The Alpine Herald |
    #: 14 March 2023"), which extraction may leave out of the text.
    byline: Byline | None = None


def looks_like_html(text: str, name: str = "") -> bool:
    """Whether ``text`` is an HTML document: one that opens as such
    (whatever the file's extension), or markup in a file named ``.html``."""
    head = text[:SNIFF_CHARS]
    if head.startswith("\ufeff"):
        head = head[1:]
    if _DOCUMENT_START.match(head):
        return True
    return name.lower().endswith(HTML_EXTENSIONS) and _MARKUP.search(head) is not None


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in ``<meta charset>``, if Python knows it."""
    match = _META_CHARSET.search(data[:SNIFF_CHARS])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_declared(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` of a page in the charset it declares, or None.

    UTF-8 wins when the bytes are valid UTF-8 (browsers save pages as UTF-8
    and do not always correct the declaration); otherwise the declared
    charset is used if it decodes the bytes without error. None leaves the
    decoding to the plain-text heuristics.
    """
    declared = declared_charset(data)
    if declared is None or declared in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None
    try:
        return data.decode(declared), declared
    except (UnicodeDecodeError, LookupError):
        return None


def _meta_values(head: str) -> dict[str, str]:
    """``{name or property (lower case): content}`` of the head's meta tags."""
    values: dict[str, str] = {}
    for tag in _META_TAG.finditer(head):
        attributes = {
            key.lower(): double or single or bare
            for key, double, single, bare in _ATTRIBUTE.findall(tag.group())
        }
        key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        content = attributes.get("content")
        if key and content and key.lower() not in values:
            values[key.lower()] = content.strip()
    return values


def _published_time(head: str, day: str | None) -> str | None:
    """An ISO timestamp of the publication from the head, more precise than
    ``day`` (trafilatura's date) and agreeing with it, or None."""
    meta = _meta_values(head)
    candidates = [meta[key] for key in _PUBLISHED_KEYS if key in meta]
    candidates.extend(_JSON_LD_PUBLISHED.findall(head))
    for value in candidates:
        stamp = dates.iso_timestamp(value.strip().replace(" ", "T", 1))
        if stamp is not None and (day is None or stamp.startswith(day)):
            return stamp
    return None


def _short_texts(page: str) -> list[str]:
    """The first short texts of the page's body (an element's text without
    markup inside), entities decoded: bylines and datelines are such."""
    body = _BODY_START.search(page)
    start = body.start() if body else 0
    view = _SKIPPED_ELEMENTS.sub("<x>", page[start : start + HEAD_CHARS])
    texts = []
    for match in _SHORT_TEXT.finditer(view):
        texts.append(" ".join(html_entities.unescape(match.group(1)).split()))
        if len(texts) >= SHORT_TEXTS:
            break
    return texts


def _byline_and_dateline(page: str) -> tuple[Byline | None, str | None]:
    byline: Byline | None = None
    dateline: str | None = None
    for text in _short_texts(page):
        byline = byline or parse_byline(text)
        if dateline is None and len(text) <= 80:
            dateline = dates.worded_date(text, at_end=True)
    return byline, dateline


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def extract_page(html: str) -> WebPage:
    """The article of a saved page; ImportRefused if the page holds none."""
    import trafilatura

    options = {
        "with_metadata": True,
        "include_comments": False,
        "include_tables": True,
        # the date the page states, not one guessed from any year in it
        "date_extraction_params": {"extensive_search": False, "original_date": True},
    }
    try:
        found = trafilatura.bare_extraction(html, **options)
        if found is None or not (found.text or "").strip():
            found = trafilatura.bare_extraction(html, favor_recall=True, **options)
    except Exception as exc:  # lxml and trafilatura errors on broken markup
        raise ImportRefused(
            "this web page could not be read ({kind}): "
            "open it in a browser and save it again, or copy its text into a .txt file",
            kind=type(exc).__name__,
        ) from exc
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        raise ImportRefused(
            "no article text was found in this web page: copy the article's text "
            "into a .txt file and import that"
        )
    head = html[:HEAD_CHARS]
    byline, dateline = _byline_and_dateline(html)
    day = _clean(found.date)
    published = _published_time(head, day) or day
    if published is None or (dateline or "").startswith(published):
        published = dateline or (byline.published if byline else None) or published
    author = _clean(found.author)
    if byline is not None and (author is None or author.startswith(byline.author)):
        author = byline.author  # "Anna Müller; The Alpine Herald": the byline split
    url = _clean(found.url)
    if url is None and (saved := _SAVED_FROM.search(head)) is not None:
        url = saved.group(1)
    lang = _HTML_LANG.search(head)
    return WebPage(
        text=text,
        title=_clean(found.title),
        author=author,
        published=published,
        site_name=_clean(found.sitename),
        url=url if url and url.startswith(("http://", "https://")) else None,
        language=lang.group(1).lower() if lang else None,
        byline=byline,
    )


def article_text(page: WebPage) -> str:
    """The text stored for a page: its title as first line (unless the
    extracted text already opens with it), then its paragraphs."""
    body = page.text
    title = page.title
    if title and not body.lstrip().startswith(title):
        return f"{title}\n\n{body}\n"
    return f"{body}\n"
