"""The import pipeline: bytes → :class:`PreparedArticle`, or ImportRefused.

decode → normalise → metadata and boilerplate → language → content hash.
Pure: no I/O, no database, no Qt. Any bytes either give an article or raise
:class:`~kzreader.core.errors.ImportRefused` with a reason a person can act on.
"""

from __future__ import annotations

import hashlib

from kzreader.core.importing import webpage
from kzreader.core.importing.decode import check_readable, decode_bytes
from kzreader.core.importing.langid import detect_language
from kzreader.core.importing.normalize import normalize_text
from kzreader.core.importing.outlets import (
    canonical_outlet,
    known_outlet_from_url,
    outlet_from_url,
)
from kzreader.core.importing.parse import parse_article
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


def prepare_article(data: bytes, name: str = "") -> PreparedArticle:
    """Decode, normalise and analyse one article: plain text, or a saved web
    page (recognised by its content or its extension), whose main text and
    metadata are extracted.

    ``name`` is the file's name, used for the title when the text offers none.
    Raises ImportRefused for anything that is not an importable article
    (empty, binary, undecodable, without readable text).

    The bytes are let go once decoded (when the caller keeps no reference, as
    ``importer.read_article`` does not), so that a large file is not held
    twice, as bytes and as text, while it is parsed and indexed.
    """
    data = bytes(data)
    declared = webpage.decode_declared(data) if b"<" in data[: webpage.SNIFF_CHARS] else None
    text, encoding = declared or decode_bytes(data)
    del data
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
    )
