"""The result of preparing one article for the library."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The file names of saved web pages.
HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")


@dataclass(frozen=True)
class PreparedArticle:
    """An article decoded, normalised and analysed, ready to be stored.

    ``text`` is the whole decoded text (newlines ``\\n``, Unicode NFC); nothing
    is removed from it. ``boilerplate`` lists half-open ``(start, end)`` ranges
    of ``text`` (code points) holding web chrome: header lines, breadcrumbs,
    repeated titles, "Lire aussi", navigation, share counters, footers. They are
    sorted, disjoint and never empty. For a saved web page, ``text`` is the
    article's text extracted from the page (the page stays at its source
    path); for a PDF or a Word document, its paragraphs separated by blank
    lines; for an article of a press database's export, its title and
    paragraphs.
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
    #: The author named by a byline, a web page's, a PDF's or a Word
    #: document's metadata, or a press database's fields.
    author: str | None = None
    #: The article's place (1, 2…) in a file holding several (a press
    #: database's export); None for a file that is one article.
    part: int | None = None
    #: Attributes of the document the file gives: a press database's
    #: document number (``("europresse_id", "news·20220111·LF·…")``).
    attributes: tuple[tuple[str, str], ...] = ()
    #: The key of the attribute among ``attributes`` that identifies the
    #: article in its file, whatever its place (re-imports find it by it).
    identifier: str | None = None
    #: The text was extracted from markup or a document format (a saved web
    #: page, a PDF, a Word document, a press export): the file is kept in the
    #: library, so that the article can be extracted from it again.
    extracted: bool = False
