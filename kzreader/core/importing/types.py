"""The result of preparing one article for the library."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PreparedArticle:
    """An article decoded, normalised and analysed, ready to be stored.

    ``text`` is the whole decoded text (newlines ``\\n``, Unicode NFC); nothing
    is removed from it. ``boilerplate`` lists half-open ``(start, end)`` ranges
    of ``text`` (code points) holding web chrome: header lines, breadcrumbs,
    repeated titles, "Lire aussi", navigation, share counters, footers. They are
    sorted, disjoint and never empty. For a saved web page, ``text`` is the
    article's text extracted from the page (the page stays at its source
    path).
    """

    text: str
    encoding: str
    title: str
    content_hash: str
    url: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    boilerplate: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    #: The author named by a byline or a web page's metadata.
    author: str | None = None
