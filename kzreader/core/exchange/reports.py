"""Reports for people: the coded passages as Markdown or as one HTML page.

Two arrangements (``by``):

* ``"tag"``: a section per tag, nested as the tag hierarchy (Markdown
  heading levels, nested HTML sections), listing the passages carrying that
  tag as quotations with their citation (title, outlet, date, address),
  their note and their links ("repeats → «quote» in Title (outlet, date)");
  a passage with several tags appears under each. With no tag chosen,
  untagged passages come last under their own heading.
* ``"document"``: a section per document with its metadata and attributes,
  then its passages in text order with their tags, notes and links.

Language (``language``): ``"en"`` or ``"fr"``, the report's own words
(headings, labels, the summary, the names of the built-in relations) and the
HTML page's ``lang``; their French is in ``core.messages_fr``. What comes
from the library (titles, quotations, tags, notes) is shown as it is, and
dates stay ISO (year first).

Escaping. Everything taken from the library is text, never markup:

* Markdown: titles, quotations, tag names, outlets are escaped (backslash
  before ``\\ ` * _ [ ] < > # | ~ & $``, and before a line-start ``-``,
  ``+``, ``=`` or ``1.``; leading blanks dropped so that an indented line
  does not become a code block), so a passage holding ``# ``, ``*`` or
  ``[x](y)`` cannot add a heading, emphasis or a link. Notes *are*
  Markdown (that is how they are written in the app) and are included as
  they are, except that a code fence left open is closed so that it cannot
  swallow the rest of the report.
* HTML: every text goes through ``html.escape`` (attributes included),
  except notes, which are rendered from their Markdown as in the app
  (``core.notes_markdown.note_html``: CommonMark whose raw HTML is shown as
  text, never passed through; links only to ``http``, ``https`` and
  ``mailto`` addresses; images shown as their alt text, nothing fetched).
  Only ``http`` and ``https`` addresses of documents become links.

The HTML file stands alone (inline CSS, no script, no external resource),
declares its language and UTF-8, starts with a table of contents and is
laid out to print (no navigation colours, addresses printed after links,
quotations not split across pages).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO
from urllib.parse import urlsplit

from kzreader import __version__
from kzreader.core.errors import KzreaderError
from kzreader.core.exchange.selection import (
    ExportReport,
    Progress,
    Selection,
    atomic_output,
    report_progress,
    select,
)
from kzreader.core.messages import LANGUAGES, Message, localize, message
from kzreader.core.notes_markdown import note_html
from kzreader.core.tags import SEPARATOR
from kzreader.core.types import DocumentInfo, LinkInfo, PassageInfo, TagInfo

if TYPE_CHECKING:
    from kzreader.core.library import Library

Arrangement = Literal["tag", "document"]

_ARROWS = {"one-way": "→", "both": "↔", "none": "—"}
_STATUS_NOTES = {
    "moved": message("moved since it was coded"),
    "fuzzy": message("re-attached to a slightly different text"),
    "orphan": message("no longer found in the document"),
}
#: The built-in relations (``core.passages.RELATIONS``), to be translated; a
#: relation the user named is shown as it is.
_RELATIONS = {
    "corroborates": message("corroborates"),
    "contradicts": message("contradicts"),
    "repeats": message("repeats"),
    "responds to": message("responds to"),
    "same event": message("same event"),
}
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: The longest excerpt of a linked passage quoted in a link line.
LINK_QUOTE_CHARS = 160


# -- facts shared by both formats ---------------------------------------------------


class _Words:
    """The report's own words in its language: ``tr(template, **values)``."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, template: str, /, **values: object) -> str:
        if isinstance(template, Message) and not values:
            return localize(template, self.language)
        return localize(message(template, **values), self.language)

    def plural(self, n: int, one: str, many: str) -> str:
        """``one`` or ``many`` (templates with an ``{n}``) as ``n`` needs:
        the singular for 1 in English, for 0 and 1 in French."""
        singular = n <= 1 if self.language == "fr" else n == 1
        return self(one if singular else many, n=n)

    def relation(self, relation: str) -> str:
        known = _RELATIONS.get(relation)
        return self(known) if known is not None else relation


@dataclass(frozen=True)
class _Cite:
    """How a document is cited: title, then outlet, date and address when known."""

    title: str
    outlet: str | None
    date: str | None
    url: str | None

    @classmethod
    def of(cls, doc: DocumentInfo | None, fallback_title: str = "") -> _Cite:
        if doc is None:
            return cls(fallback_title, None, None, None)
        return cls(doc.title, doc.source, doc.published, doc.url)

    @property
    def details(self) -> list[str]:
        return [x for x in (self.outlet, self.date) if x]


@dataclass(frozen=True)
class _LinkLine:
    """One link seen from a passage, in the words a report uses."""

    relation: str
    arrow: str
    #: The passage is the link's target and the link goes one way only: the
    #: sentence is then read from the other passage ("«…» repeats → this").
    incoming: bool
    other_id: int
    other_quote: str
    cite: _Cite
    note: str | None


def _short(text: str, limit: int = LINK_QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _link_lines(passage: PassageInfo, sel: Selection) -> list[_LinkLine]:
    return [_link_line(link, sel) for link in passage.links]


def _link_line(link: LinkInfo, sel: Selection) -> _LinkLine:
    other_doc = sel.all_documents.get(link.other_document_id)
    return _LinkLine(
        relation=link.relation,
        arrow=_ARROWS.get(link.direction, "→"),
        incoming=link.side == "in" and link.direction == "one-way",
        other_id=link.other_id,
        other_quote=_short(link.other_exact),
        cite=_Cite.of(other_doc, link.other_document_title),
        note=link.note,
    )


@dataclass
class _TagNode:
    """A tag shown in a report by tag: its own chosen passages, its sub-tags."""

    path: str
    info: TagInfo | None
    passages: list[PassageInfo]
    children: list[_TagNode] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.rsplit(SEPARATOR, 1)[-1]

    @property
    def anchor(self) -> str:
        return f"tag-{self.info.id}" if self.info else "tag-" + re.sub(r"\W+", "-", self.path)


def _path_key(path: str) -> list[str]:
    return [part.casefold() for part in path.split(SEPARATOR)]


def _tag_tree(sel: Selection, infos: dict[str, TagInfo]) -> list[_TagNode]:
    """The chosen tags holding passages, with their ancestors as headings (an
    ancestor outside the choice lists none of its own passages)."""
    direct: dict[str, list[PassageInfo]] = {}
    for passage in sel.passage_list:
        for path in passage.tags:
            if sel.tag_selected(path):
                direct.setdefault(path, []).append(passage)
    shown: set[str] = set()
    for path in direct:
        parts = path.split(SEPARATOR)
        shown.update(SEPARATOR.join(parts[:n]) for n in range(1, len(parts) + 1))
    nodes = {p: _TagNode(p, infos.get(p), direct.get(p, [])) for p in shown}
    roots: list[_TagNode] = []
    for path in sorted(shown, key=_path_key):
        parent = path.rpartition(SEPARATOR)[0]
        (nodes[parent].children if parent else roots).append(nodes[path])
    return roots


def _walk(nodes: Sequence[_TagNode], depth: int = 0) -> list[tuple[int, _TagNode]]:
    out: list[tuple[int, _TagNode]] = []
    for node in nodes:
        out.append((depth, node))
        out.extend(_walk(node.children, depth + 1))
    return out


@dataclass
class _Plan:
    """What a report shows, decided before writing (the HTML table of
    contents comes first, so the whole outline must be known)."""

    sel: Selection
    by: Arrangement
    title: str
    summary: str
    tr: _Words
    roots: list[_TagNode]
    untagged: list[PassageInfo]
    #: Documents the report shows: every chosen one by document, those
    #: holding a chosen passage by tag.
    documents_shown: int

    @property
    def sections(self) -> int:
        if self.by == "document":
            return len(self.sel.documents)
        return len(_walk(self.roots)) + (1 if self.untagged else 0)


def _arrangement(by: str) -> Arrangement:
    if by == "tag":
        return "tag"
    if by == "document":
        return "document"
    raise KzreaderError(f"a report is arranged by 'tag' or by 'document', not '{by}'")


def _language(language: str) -> str:
    if language in LANGUAGES:
        return language
    raise KzreaderError(
        f"a report is written in {' or '.join(repr(x) for x in LANGUAGES)}, not {language!r}"
    )


def _plan(lib: Library, sel: Selection, by: Arrangement, title: str | None, language: str) -> _Plan:
    tr = _Words(language)
    infos = {t.path: t for t in lib.tags()}
    roots = _tag_tree(sel, infos) if by == "tag" else []
    untagged = [p for p in sel.passage_list if not p.tags] if by == "tag" else []
    passages = len(sel.passage_ids)
    with_passages = sum(1 for d in sel.documents if sel.passages.get(d.id))
    shown_docs = with_passages if by == "tag" else len(sel.documents)
    counts = {
        "version": __version__,
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "passages": _passages(tr, passages),
        "documents": tr.plural(shown_docs, "{n} document", "{n} documents"),
    }
    if sel.tag_paths:
        summary = tr(
            "Exported from kzreader {version} on {when}: {passages} in {documents}; tags: {tags}.",
            tags=", ".join(sel.tag_paths),
            **counts,
        )
    else:
        summary = tr(
            "Exported from kzreader {version} on {when}: {passages} in {documents}.", **counts
        )
    default = tr("Coded passages by tag") if by == "tag" else tr("Coded passages by document")
    return _Plan(sel, by, title or default, summary, tr, roots, untagged, shown_docs)


def _passages(tr: _Words, n: int) -> str:
    return tr.plural(n, "{n} passage", "{n} passages")


def _document_facts(
    doc: DocumentInfo, attributes: dict[str, str], tr: _Words
) -> list[tuple[str, str, bool]]:
    """``(label, value, is_address)`` of what is known of a document, its
    attributes included (the flag, not the label, says what may be a link:
    an attribute could be called "Address" too)."""
    facts = [
        (tr("Outlet"), doc.source or "", False),
        (tr("Date"), doc.published or "", False),
        (tr("Address"), doc.url or "", True),
        (tr("Language"), doc.language or "", False),
    ]
    facts += [(k, v, False) for k, v in sorted(attributes.items(), key=lambda kv: kv[0].casefold())]
    facts.append((tr("Document id"), str(doc.id), False))
    return [fact for fact in facts if fact[1]]


def _web_address(url: str | None) -> str | None:
    """``url`` when a browser may follow it (http or https), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


# -- Markdown --------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~&$])")
_MD_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def md_escape_line(text: str) -> str:
    """One line of plain text as Markdown that renders as exactly that text."""
    escaped = _MD_INLINE.sub(r"\\\1", text.strip())
    return _MD_LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), escaped
    )


def md_escape(text: str) -> str:
    """Plain text (a title, an outlet) as one line of Markdown, blanks folded."""
    return md_escape_line(" ".join(text.split()))


def md_quote(text: str) -> str:
    """A passage as a Markdown block quotation keeping its line breaks."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    out: list[str] = []
    for n, line in enumerate(lines):
        escaped = md_escape_line(line)
        if not escaped:
            out.append(">")
            continue
        follows = n + 1 < len(lines) and lines[n + 1].strip()
        out.append("> " + escaped + ("\\" if follows else ""))  # a backslash: a hard break
    return "\n".join(out)


def md_note(note: str, indent: str = "") -> str:
    """A note (Markdown) as it is, with a code fence left open closed."""
    lines = note.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    fence: str | None = None
    for line in lines:
        match = _MD_FENCE.match(line)
        if match is None:
            continue
        marker = match.group(1)
        if fence is None:
            fence = marker
        elif marker[0] == fence[0] and len(marker) >= len(fence) and line.strip() == marker:
            fence = None
    if fence is not None:
        lines.append(fence)
    return "\n".join(indent + line if line.strip() else "" for line in lines)


def _md_cite(cite: _Cite) -> str:
    details = ", ".join(md_escape(x) for x in cite.details)
    return f"*{md_escape(cite.title)}*" + (f" ({details})" if details else "")


def _link_sentence(line: _LinkLine, tr: _Words, quote: str, relation: str) -> str:
    """A link in words, from this passage's side: "relation → «quote» in
    source", or for a backlink "«quote» in source relation → this passage"
    (``quote`` and ``relation`` already written for the report's format)."""
    if line.incoming:
        return tr(
            "{quote} {relation} {arrow} this passage",
            quote=quote,
            relation=relation,
            arrow=line.arrow,
        )
    return f"{relation} {line.arrow} {quote}"


def _md_link(line: _LinkLine, tr: _Words) -> str:
    quote = tr("«{quote}»", quote=md_escape(line.other_quote))
    quote = tr("{quote} in {source}", quote=quote, source=_md_cite(line.cite))
    relation = md_escape(tr.relation(line.relation))
    out = "- " + _link_sentence(line, tr, quote, relation)
    if line.note:
        out += "\n\n" + md_note(line.note, indent="  ")
    return out


def _md_url(url: str) -> str:
    """A web address as a Markdown autolink, or as escaped text when it is
    not one a browser may follow or would not survive inside ``<…>``."""
    address = _web_address(url)
    if address and not re.search(r"[\s<>]", address):
        return f"<{address}>"
    return md_escape(url)


def _md_source(cite: _Cite) -> str:
    parts = [f"*{md_escape(cite.title)}*", *(md_escape(x) for x in cite.details)]
    if cite.url:
        parts.append(_md_url(cite.url))
    return "— " + ", ".join(parts)


def _md_passage(
    out: TextIO, passage: PassageInfo, sel: Selection, by: Arrangement, tr: _Words
) -> None:
    out.write(md_quote(passage.exact) + "\n\n")
    details: list[str] = []
    if by == "tag":
        details.append(_md_source(_Cite.of(sel.all_documents.get(passage.document_id))))
    else:
        details.append(tr("Characters {start}–{end}", start=passage.start, end=passage.end))
    if passage.tags:
        details.append(tr("tags: {tags}", tags=", ".join(md_escape(t) for t in passage.tags)))
    if passage.status in _STATUS_NOTES:
        details.append(f"*{tr(_STATUS_NOTES[passage.status])}*")
    out.write(" · ".join(details) + "\n\n")
    if passage.note and passage.note.strip():
        out.write(f"**{tr('Note:')}**\n\n" + md_note(passage.note) + "\n\n")
    links = _link_lines(passage, sel)
    if links:
        out.write(tr("Links:") + "\n\n" + "\n".join(_md_link(li, tr) for li in links) + "\n\n")


def _md_heading(level: int, text: str) -> str:
    return "#" * min(level, 6) + " " + text + "\n\n"


def _write_markdown(out: TextIO, plan: _Plan, progress: Progress | None) -> None:
    sel = plan.sel
    tr = plan.tr
    out.write(_md_heading(1, md_escape(plan.title)))
    out.write(f"*{md_escape(plan.summary)}*\n\n")
    total = plan.sections
    done = 0
    if plan.by == "document":
        for doc in sel.documents:
            report_progress(progress, done, total, doc.title)
            out.write(_md_heading(2, md_escape(doc.title)))
            facts = _document_facts(doc, sel.attributes.get(doc.id, {}), tr)
            for key, value, is_address in facts:
                shown = _md_url(value) if is_address else md_escape(value)
                out.write("- " + tr("{label}: {value}", label=md_escape(key), value=shown) + "\n")
            passages = sel.passages.get(doc.id, [])
            out.write(f"\n{_passages(tr, len(passages))}.\n\n")
            for passage in passages:
                _md_passage(out, passage, sel, "document", tr)
            done += 1
    else:
        for depth, node in _walk(plan.roots):
            report_progress(progress, done, total, node.path)
            label = node.name if depth + 2 <= 6 else node.path
            out.write(_md_heading(depth + 2, md_escape(label)))
            if node.info and node.info.description:
                out.write(md_escape(node.info.description) + "\n\n")
            for passage in node.passages:
                _md_passage(out, passage, sel, "tag", tr)
            done += 1
        if plan.untagged:
            heading = tr("Untagged passages")
            report_progress(progress, done, total, heading)
            out.write(_md_heading(2, md_escape(heading)))
            for passage in plan.untagged:
                _md_passage(out, passage, sel, "tag", tr)
            done += 1
    report_progress(progress, total, total, "")


# -- HTML ------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, h5, h6, nav, .cite, .meta, .links, .summary {
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; }
h2 { font-size: 1.4rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.2rem; margin-top: 2rem; } h4, h5, h6 { font-size: 1.05rem; }
.summary { color: #555; font-size: .9rem; }
nav.toc { background: #f6f6f4; border: 1px solid #e2e2de; padding: .75rem 1.25rem;
          margin: 1.5rem 0; }
nav.toc h2 { font-size: 1rem; border: 0; margin: 0 0 .4rem; }
nav.toc ul, nav.toc ol { margin: 0; padding-left: 1.2rem; font-size: .92rem; }
nav.toc .n { color: #777; }
a { color: #1a5fb4; }
article.passage { margin: 1.25rem 0 1.75rem; break-inside: avoid; }
blockquote { margin: 0; padding: .5rem .9rem; border-left: 4px solid #c9a227; background: #fbf8ee;
             white-space: pre-wrap; }
.cite, .meta { font-size: .85rem; color: #444; margin: .35rem 0; }
.tag { display: inline-block; background: #eef2f7; border-radius: 3px; padding: 0 .35rem;
       margin: 0 .15rem; }
.status { color: #9a3412; font-style: italic; }
.note { border-left: 3px solid #9ca3af; padding: .1rem .75rem; margin: .5rem 0;
        font-size: .95rem; overflow-wrap: anywhere; }
.note p, .note ul, .note ol, .note blockquote, .note pre, .note table { margin: .3rem 0; }
.note ul, .note ol { padding-left: 1.4rem; }
.note li > p { margin: 0; }
.note h1, .note h2, .note h3, .note h4, .note h5, .note h6 { font-size: 1em; margin: .4rem 0 .2rem;
        border: 0; padding: 0; }
.note blockquote { background: none; border-left: 2px solid #d1d5db; padding: 0 .6rem; }
.note code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em;
        background: #f3f4f6; padding: 0 .2rem; }
.note pre { white-space: pre-wrap; background: #f3f4f6; padding: .4rem .6rem; }
.note pre code { background: none; padding: 0; }
.note table { border-collapse: collapse; font-size: .9em; }
.note th, .note td { border: 1px solid #d1d5db; padding: .1rem .4rem; text-align: left; }
.label { font-weight: bold; font-family: system-ui, sans-serif; font-size: .8rem; color: #555;
         display: block; }
.links { font-size: .88rem; margin: .4rem 0; padding-left: 1.2rem; }
.links .note { font-size: .85rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem;
           font-family: system-ui, sans-serif; }
dl.facts dt { color: #555; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.empty { color: #777; font-style: italic; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  nav.toc { background: none; break-after: page; }
  a { color: inherit; text-decoration: none; }
  .cite a[href]::after, dl.facts a[href]::after { content: " <" attr(href) ">"; font-size: .8em; }
  h2, h3, h4, h5, h6 { break-after: avoid; }
  blockquote { background: none; }
  .note { break-inside: avoid; }
  .note code, .note pre { background: none; }
  .note a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_lang(language: str | None) -> str:
    if language and language != "und" and _LANGUAGE_TAG.match(language):
        return f' lang="{_e(language)}"'
    return ""


def _html_url(url: str | None, short: bool = False) -> str:
    """A followable address as a link (``short``: showing only its host,
    the whole address being printed after it on paper), else as text."""
    address = _web_address(url)
    if address:
        shown = urlsplit(address).netloc if short else address
        return f'<a href="{_e(address)}">{_e(shown)}</a>'
    return _e(url or "")


def _html_cite(cite: _Cite) -> str:
    details = ", ".join(_e(x) for x in cite.details)
    return f"<cite>{_e(cite.title)}</cite>" + (f" ({details})" if details else "")


def _html_note(note: str, tr: _Words) -> str:
    """A note rendered from its Markdown (safe: see the module's docstring)."""
    return f'<div class="note"><span class="label">{_e(tr("Note"))}</span>{note_html(note)}</div>'


class _HtmlPassages:
    """Writes passages; in a report by tag a passage may appear under several
    tags: only its first appearance carries its anchor, which links point to."""

    def __init__(self, out: TextIO, sel: Selection, by: Arrangement, tr: _Words) -> None:
        self.out = out
        self.sel = sel
        self.by = by
        self.tr = tr
        self.chosen = sel.passage_ids
        self.anchored: set[int] = set()

    def _link(self, line: _LinkLine) -> str:
        tr = self.tr
        quote = tr("«{quote}»", quote=_e(line.other_quote))
        if line.other_id in self.chosen:
            quote = f'<a href="#p-{line.other_id}">{quote}</a>'
        quote = tr("{quote} in {source}", quote=quote, source=_html_cite(line.cite))
        relation = f"<strong>{_e(tr.relation(line.relation))}</strong>"
        text = _link_sentence(line, tr, quote, relation)
        if line.note and line.note.strip():
            text += _html_note(line.note, tr)
        return f"<li>{text}</li>"

    def write(self, passage: PassageInfo) -> None:
        sel = self.sel
        tr = self.tr
        doc = sel.all_documents.get(passage.document_id)
        anchor = ""
        if passage.id not in self.anchored:
            self.anchored.add(passage.id)
            anchor = f' id="p-{passage.id}"'
        style = ""
        if passage.color and _COLOUR.match(passage.color):
            style = f' style="border-left-color: {_e(passage.color)}"'
        out = [f'<article class="passage"{anchor}>']
        out.append(
            f"<blockquote{_html_lang(doc.language if doc else None)}{style}>"
            f"{_e(passage.exact.strip())}</blockquote>"
        )
        details: list[str] = []
        if self.by == "tag":
            cite = _Cite.of(doc, passage.document_title)
            parts = [f"<cite>{_e(cite.title)}</cite>", *(_e(x) for x in cite.details)]
            if cite.url:
                parts.append(_html_url(cite.url, short=True))
            details.append("— " + ", ".join(parts))
        else:
            details.append(_e(tr("Characters {start}–{end}", start=passage.start, end=passage.end)))
        if passage.tags:
            tags = " ".join(f'<span class="tag">{_e(t)}</span>' for t in passage.tags)
            details.append(tr("tags: {tags}", tags=tags))
        if passage.status in _STATUS_NOTES:
            details.append(f'<span class="status">{_e(tr(_STATUS_NOTES[passage.status]))}</span>')
        out.append('<p class="cite">' + " · ".join(details) + "</p>")
        if passage.note and passage.note.strip():
            out.append(_html_note(passage.note, tr))
        links = _link_lines(passage, sel)
        if links:
            out.append('<ul class="links">' + "".join(self._link(li) for li in links) + "</ul>")
        out.append("</article>\n")
        self.out.write("\n".join(out))


def _html_toc(plan: _Plan) -> str:
    sel = plan.sel
    tr = plan.tr
    contents = _e(tr("Contents"))
    out = [f'<nav class="toc" aria-label="{contents}"><h2>{contents}</h2>']
    if plan.by == "document":
        out.append("<ol>")
        for doc in sel.documents:
            n = len(sel.passages.get(doc.id, []))
            out.append(
                f'<li><a href="#doc-{doc.id}">{_e(doc.title)}</a> <span class="n">({n})</span></li>'
            )
        out.append("</ol>")
    else:

        def items(nodes: Sequence[_TagNode]) -> str:
            parts = []
            for node in nodes:
                sub = f"<ul>{items(node.children)}</ul>" if node.children else ""
                n = len(node.passages)
                count = f' <span class="n">({n})</span>' if n else ""
                parts.append(f'<li><a href="#{node.anchor}">{_e(node.name)}</a>{count}{sub}</li>')
            return "".join(parts)

        body = items(plan.roots)
        if plan.untagged:
            n = len(plan.untagged)
            body += (
                f'<li><a href="#untagged">{_e(tr("Untagged passages"))}</a> '
                f'<span class="n">({n})</span></li>'
            )
        out.append(f"<ul>{body}</ul>" if body else _html_empty(tr))
    out.append("</nav>\n")
    return "\n".join(out)


def _html_empty(tr: _Words) -> str:
    return f'<p class="empty">{_e(tr("No passages."))}</p>'


def _write_html(out: TextIO, plan: _Plan, progress: Progress | None) -> None:
    sel = plan.sel
    tr = plan.tr
    out.write(
        "<!DOCTYPE html>\n"
        f'<html lang="{tr.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="kzreader {_e(__version__)}">\n'
        f"<title>{_e(plan.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header>\n<h1>{_e(plan.title)}</h1>\n<p class="summary">{_e(plan.summary)}</p>\n'
        "</header>\n"
    )
    out.write(_html_toc(plan))
    out.write("<main>\n")
    writer = _HtmlPassages(out, sel, plan.by, tr)
    total = plan.sections
    done = 0
    if plan.by == "document":
        for doc in sel.documents:
            report_progress(progress, done, total, doc.title)
            out.write(f'<section class="document" id="doc-{doc.id}">\n<h2>{_e(doc.title)}</h2>\n')
            out.write('<dl class="facts">')
            facts = _document_facts(doc, sel.attributes.get(doc.id, {}), tr)
            for key, value, is_address in facts:
                shown = _html_url(value) if is_address else _e(value)
                out.write(f"<dt>{_e(key)}</dt><dd>{shown}</dd>")
            out.write("</dl>\n")
            passages = sel.passages.get(doc.id, [])
            if not passages:
                out.write(_html_empty(tr) + "\n")
            for passage in passages:
                writer.write(passage)
            out.write("</section>\n")
            done += 1
    else:

        def section(node: _TagNode, depth: int) -> None:
            nonlocal done
            report_progress(progress, done, total, node.path)
            level = min(depth + 2, 6)
            label = node.name if depth + 2 <= 6 else node.path
            out.write(f'<section class="tag-section" id="{_e(node.anchor)}">\n')
            out.write(f"<h{level}>{_e(label)}</h{level}>\n")
            if node.info and node.info.description:
                out.write(f'<p class="meta">{_e(node.info.description)}</p>\n')
            for passage in node.passages:
                writer.write(passage)
            done += 1
            for child in node.children:
                section(child, depth + 1)
            out.write("</section>\n")

        for root in plan.roots:
            section(root, 0)
        if plan.untagged:
            heading = tr("Untagged passages")
            report_progress(progress, done, total, heading)
            out.write(f'<section class="tag-section" id="untagged">\n<h2>{_e(heading)}</h2>\n')
            for passage in plan.untagged:
                writer.write(passage)
            out.write("</section>\n")
        if not plan.roots and not plan.untagged:
            out.write(_html_empty(tr) + "\n")
    out.write("</main>\n</body>\n</html>\n")
    report_progress(progress, total, total, "")


# -- entry points ------------------------------------------------------------------------


def _export(
    fmt: str,
    write: Callable[[TextIO, _Plan, Progress | None], None],
    lib: Library,
    out_path: str | Path,
    tags: Sequence[str] | None,
    documents: Sequence[int] | None,
    progress: Progress | None,
    by: str,
    title: str | None,
    language: str,
) -> ExportReport:
    arrangement = _arrangement(by)
    language = _language(language)
    sel = select(lib, tags=tags, documents=documents)
    plan = _plan(lib, sel, arrangement, title, language)
    path = Path(out_path)
    with atomic_output(path, encoding="utf-8", newline="\n") as handle:
        write(handle, plan, progress)
    link_ids = {li.id for p in sel.passage_list for li in p.links}
    return ExportReport(
        path=path,
        format=fmt,
        documents=plan.documents_shown,
        passages=len(sel.passage_ids),
        links=len(link_ids),
    )


def export_markdown(
    lib: Library,
    out_path: str | Path,
    *,
    tags: Sequence[str] | None = None,
    documents: Sequence[int] | None = None,
    progress: Progress | None = None,
    by: str = "tag",
    title: str | None = None,
    language: str = "en",
) -> ExportReport:
    """Write a Markdown report of the chosen passages to ``out_path``.

    ``by``: ``"tag"`` (a section per tag) or ``"document"``; ``title``: the
    report's title (a default names the arrangement); ``language``: the
    language of the report's own words, ``"en"`` or ``"fr"``. ``tags`` and
    ``documents`` choose the passages as for every export. ``links`` in the
    returned report counts the distinct links mentioned.
    """
    return _export(
        "markdown", _write_markdown, lib, out_path, tags, documents, progress, by, title, language
    )


def export_html(
    lib: Library,
    out_path: str | Path,
    *,
    tags: Sequence[str] | None = None,
    documents: Sequence[int] | None = None,
    progress: Progress | None = None,
    by: str = "tag",
    title: str | None = None,
    language: str = "en",
) -> ExportReport:
    """Write a standalone HTML report of the chosen passages to ``out_path``.

    Same choices, arrangements and languages as ``export_markdown`` (the
    page declares its language); links to passages that are in the report
    jump to them.
    """
    return _export(
        "html", _write_html, lib, out_path, tags, documents, progress, by, title, language
    )
