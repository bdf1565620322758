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
    """Decode, normalise and analyse one plain-text article.

    ``name`` is the file's name, used for the title when the text offers none.
    Raises ImportRefused for anything that is not an importable article
    (empty, binary, undecodable, without readable text).

    The bytes are let go once decoded (when the caller keeps no reference, as
    ``importer.read_article`` does not), so that a large file is not held
    twice, as bytes and as text, while it is parsed and indexed.
    """
    text, encoding = decode_bytes(bytes(data))
    del data
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
