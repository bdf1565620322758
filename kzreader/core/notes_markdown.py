"""Notes are written in Markdown: this turns one into safe HTML or into plain
text, the same way wherever a note is shown (the app's panels and tooltips,
the memo list, the HTML report).

Rendering is CommonMark (markdown-it-py) with strikethrough and tables, and
these limits, since a note may come from another person's project file:

* raw HTML is shown as text, never passed through;
* links keep only ``http``, ``https`` and ``mailto`` addresses (anything
  else stays as plain text);
* images are not loaded (the library works offline and a report stands
  alone): ``![alt](src)`` shows its alt text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


def _safe_link(url: str) -> bool:
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in ALLOWED_SCHEMES


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The renderer, made the first time a note is shown (importing
    markdown-it-py costs 30 ms that a window opening need not wait for)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["strikethrough", "table"])
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_alt)
    return md


def _image_as_alt(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    """An image is shown as its alt text: nothing is fetched."""
    from markdown_it.common.utils import escapeHtml

    return escapeHtml(self.renderInlineAsText(tokens[idx].children or [], options, env))


@lru_cache(maxsize=512)
def note_html(note: str, limit: int | None = None) -> str:
    """The note as an HTML fragment (paragraphs, emphasis, lists, links…);
    with ``limit``, only about its first ``limit`` characters (cut at a word,
    marked with an ellipsis) for a tooltip."""
    if not note or not note.strip():
        return ""
    if limit is not None and len(note) > limit:
        cut = note[:limit]
        space = cut.rfind(" ")
        note = (cut[:space] if space > limit // 2 else cut).rstrip() + " …"
    return _parser().render(note).strip()


def _text_of(tokens: list[Token], out: list[str]) -> None:
    for token in tokens:
        if token.children:
            _text_of(token.children, out)
        elif token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.type in ("code_block", "fence"):
            out.append(token.content.strip())
            out.append("\n")
        elif token.type in ("paragraph_close", "heading_close", "list_item_close"):
            out.append("\n")


@lru_cache(maxsize=2048)
def note_text(note: str) -> str:
    """The note's words without the Markdown marks, one line per block."""
    if not note or not note.strip():
        return ""
    out: list[str] = []
    _text_of(_parser().parse(note), out)
    lines = (" ".join(line.split()) for line in "".join(out).splitlines())
    return "\n".join(line for line in lines if line)


def note_line(note: str) -> str:
    """The note's words on one line (for a list row)."""
    return " ".join(note_text(note).split())
