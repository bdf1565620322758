"""The import pipeline: bytes → :class:`PreparedArticle`, or ImportRefused.

decode → normalise → metadata and boilerplate → language → content hash.
Pure: no I/O, no database, no Qt. Any bytes either give an article or raise
:class:`~kzreader.core.errors.ImportRefused` with a reason a person can act on.

PDF and Word (``.docx``) files are recognised by their first bytes and read
by ``importing.pdf`` and ``importing.word`` instead of being decoded.
:func:`prepare_articles` also recognises a press database's export (one
file of many articles, ``importing.press``) and gives its articles.
"""

from __future__ import annotations

import hashlib

from kzreader.core.errors import ImportRefused
from kzreader.core.importing import pdf, press, rtf, webpage, word
from kzreader.core.importing.decode import check_readable, decode_bytes
from kzreader.core.importing.langid import detect_language
from kzreader.core.importing.normalize import normalize_text
from kzreader.core.importing.outlets import (
    canonical_outlet,
    known_outlet_from_url,
    outlet_from_url,
)
from kzreader.core.importing.parse import parse_article
from kzreader.core.importing.signatures import binary_reason, identify_binary
from kzreader.core.importing.types import PreparedArticle

#: Characters encoded at a time for the content hash.
HASH_CHUNK = 1 << 20


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text encoded as UTF-8.

    Encoded a megabyte at a time: the same digest as hashing
    ``text.encode("utf-8")``, without a UTF-8 copy of a whole large article.
    (Decoded text holds no lone surrogates, so every cut between code points
    encodes the same bytes.)
    """
    digest = hashlib.sha256()
    for start in range(0, len(text), HASH_CHUNK):
        digest.update(text[start : start + HASH_CHUNK].encode("utf-8"))
    return digest.hexdigest()


def is_document(data: bytes) -> bool:
    """Whether ``data`` is a PDF, Word or RTF document: read as such, never
    decoded as text in an encoding (one the user names is not asked for)."""
    return (
        pdf.is_pdf(data) or word.is_docx(data) or word.is_encrypted_office(data) or rtf.is_rtf(data)
    )


def prepare_article(data: bytes, name: str = "") -> PreparedArticle:
    """Decode, normalise and analyse one article: plain text, a saved web
    page (recognised by its content or its extension), whose main text and
    metadata are extracted, a PDF or a Word document.

    ``name`` is the file's name, used for the title when the text offers none.
    Raises ImportRefused for anything that is not an importable article
    (empty, binary, undecodable, without readable text).

    The bytes are let go once decoded (when the caller keeps no reference, as
    ``importer.read_article`` does not), so that a large file is not held
    twice, as bytes and as text, while it is parsed and indexed.
    """
    data = bytes(data)
    if pdf.is_pdf(data):
        return _prepare_document(pdf.read_pdf(data), "pdf", name)
    if word.is_docx(data):
        return _prepare_document(word.read_docx(data), "docx", name)
    if word.is_encrypted_office(data):
        raise ImportRefused(
            "is an Office document protected by a password: open it in its program with "
            "the password, save a copy without one, and import that"
        )
    text, encoding = _decoded(data)
    del data
    return _prepare_text(text, encoding, name)


def prepare_articles(data: bytes, name: str = "") -> list[PreparedArticle]:
    """The articles of one file: those of a press database's export
    (Europresse's HTML, Factiva's HTML, RTF or text), each with its place in
    the file (``part``) and the database's document number, else the one
    article :func:`prepare_article` gives. Raises ImportRefused as it does.
    """
    data = bytes(data)
    if rtf.is_rtf(data):
        # RTF is 7-bit text: Latin-1 reads every byte of it as it is
        text = normalize_text(rtf.rtf_text(data.decode("latin-1")))
        items = press.split_export(text) if press.looks_like_export(text) else None
        if not items:
            kind = identify_binary(data)
            assert kind is not None  # "{\\rtf" is a known signature
            raise ImportRefused(binary_reason(*kind))
        return _press_articles(items, "rtf", name)
    if is_document(data):
        return [prepare_article(data, name)]
    text, encoding = _decoded(data)
    del data
    text = normalize_text(text)
    if press.looks_like_export(text):
        items = press.split_export(text)
        if items:
            return _press_articles(items, encoding, name)
    return [_prepare_text(text, encoding, name)]


def _decoded(data: bytes) -> tuple[str, str]:
    declared = webpage.decode_declared(data) if b"<" in data[: webpage.SNIFF_CHARS] else None
    return declared or decode_bytes(data)


def _prepare_text(text: str, encoding: str, name: str) -> PreparedArticle:
    text = normalize_text(text)
    if webpage.looks_like_html(text, name):
        return _prepare_page(text, encoding, name)
    check_readable(text)
    parsed = parse_article(text, name)
    return PreparedArticle(
        text=text,
        encoding=encoding,
        title=parsed.title,
        content_hash=content_hash(text),
        url=parsed.url,
        published=parsed.published,
        source=parsed.source,
        language=detect_language(text, parsed.boilerplate),
        boilerplate=parsed.boilerplate,
        author=parsed.author,
    )


def _prepare_document(
    document: pdf.PdfText | word.WordText, kind: str, name: str
) -> PreparedArticle:
    """A PDF's or a Word document's text, with what its metadata tell: the
    text's own byline and date first (a document's properties name who
    typed it and when), its title first (the text's first line otherwise)."""
    text = normalize_text(document.text)
    check_readable(text)
    parsed = parse_article(text, name)
    return PreparedArticle(
        text=text,
        encoding=kind,
        title=document.title or parsed.title,
        content_hash=content_hash(text),
        url=parsed.url,
        published=parsed.published or document.published,
        source=parsed.source,
        language=detect_language(text, parsed.boilerplate),
        boilerplate=parsed.boilerplate,
        author=parsed.author or document.author,
        extracted=True,
    )


def _press_articles(
    items: list[press.PressItem], encoding: str, name: str
) -> list[PreparedArticle]:
    out = []
    for part, item in enumerate(items, start=1):
        text = normalize_text(item.text)
        parsed = parse_article(text, name)
        out.append(
            PreparedArticle(
                text=text,
                encoding=encoding,
                title=item.title or parsed.title,
                content_hash=content_hash(text),
                url=item.url or parsed.url,
                published=item.published or parsed.published,
                source=item.source or parsed.source,
                language=item.language or detect_language(text, parsed.boilerplate),
                boilerplate=parsed.boilerplate,
                author=item.author or parsed.author,
                part=part,
                attributes=item.attributes,
                identifier=item.identifier,
                extracted=True,
            )
        )
    return out


def _prepare_page(html: str, encoding: str, name: str) -> PreparedArticle:
    """A saved web page: its article's text, with the page's metadata first
    and what the text itself tells (bylines, dates, "Lire aussi") after."""
    page = webpage.extract_page(html)
    del html
    text = normalize_text(webpage.article_text(page))
    check_readable(text)
    parsed = parse_article(text, name)
    url = page.url or parsed.url
    source = (
        (known_outlet_from_url(url) if url else None)
        or (canonical_outlet(page.site_name) if page.site_name else None)
        or (page.byline.outlet if page.byline else None)
        or parsed.source
        or (outlet_from_url(url) if url else None)
    )
    published = page.published
    if published is None or (parsed.published or "").startswith(published):
        published = parsed.published or published  # the text's time of the same day
    return PreparedArticle(
        text=text,
        encoding=encoding,
        title=page.title or parsed.title,
        content_hash=content_hash(text),
        url=url,
        published=published,
        source=source,
        language=detect_language(text, parsed.boilerplate) or page.language,
        boilerplate=parsed.boilerplate,
        author=page.author or parsed.author,
        extracted=True,
    )
