"""The import pipeline: bytes → :class:`PreparedArticle`, or ImportRefused.

decode → normalise → metadata and boilerplate → language → content hash.
Pure: no I/O, no database, no Qt. Any bytes either give an article or raise
:class:`~kzreader.core.errors.ImportRefused` with a reason a person can act on.
"""

from __future__ import annotations

import hashlib

from kzreader.core.importing.decode import check_readable, decode_bytes
from kzreader.core.importing.langid import detect_language
from kzreader.core.importing.normalize import normalize_text
from kzreader.core.importing.parse import parse_article
from kzreader.core.importing.types import PreparedArticle


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prepare_article(data: bytes, name: str = "") -> PreparedArticle:
    """Decode, normalise and analyse one plain-text article.

    ``name`` is the file's name, used for the title when the text offers none.
    Raises ImportRefused for anything that is not an importable article
    (empty, binary, undecodable, without readable text).
    """
    text, encoding = decode_bytes(bytes(data))
    text = normalize_text(text)
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
    )
