"""Metadata and boilerplate of a normalised article text.

An article saved from the web opens with chrome (a ``date … URL`` header,
"Skip to content", a breadcrumb, the title twice, timestamps, a share
counter), holds some in its body ("Lire aussi", a repeated title) and ends
with more (previous/next article, footers). This module finds the metadata
those lines carry and records them as boilerplate spans; it never changes
the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PureWindowsPath

from kzreader.core.importing import chrome, dates
from kzreader.core.importing.outlets import (
    canonical_outlet,
    known_outlet_from_url,
    outlet_from_suffix,
    outlet_from_url,
)

HEAD_LINES = 12  # the head of the page: at most this many non-blank lines…
LONG_LINE = 200  # …and none from the first line longer than this (body text)
FOOT_LINES = 6  # the foot of the page: the last non-blank lines
TITLE_MAX = 120  # a title made from a first sentence is cut about here
HEADLINE_MAX = 250
FALLBACK_TITLE = "Untitled"

_ELLIPSIS = ("...", "…")
_HOME_WORDS = re.compile(r"^(?:accueil|home|startseite|inicio|главная)(?!\w)", re.IGNORECASE)
_CRUMB_SEPARATORS = re.compile(r"\s[›»>/|•]\s")
# " — RT Russie et ex-Union soviétique", " – Le Monde", " | Mediapart"
_SUFFIX = re.compile(r"\s+(?P<sep>[—–|])\s+(?P<suffix>[^—–|]+?)\s*$")
_SENTENCE_END = re.compile(r"[.!?…][\"»”’)]*(?=\s|$)")
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of a text, by its offsets.

    Its text is sliced from the whole text when asked for, not kept: the
    lines of a 50 MB article would otherwise hold a second copy of it for as
    long as the article is parsed.
    """

    start: int  # offset of the line's first character in the text
    end: int  # offset of its end (the "\n" excluded)
    lo: int  # offset of its first non-blank character
    hi: int  # offset just past its last non-blank character
    source: str = field(repr=False, compare=False)

    @property
    def raw(self) -> str:
        return self.source[self.start : self.end]

    @property
    def text(self) -> str:
        """The line stripped of surrounding blank space."""
        return self.source[self.lo : self.hi]

    @property
    def length(self) -> int:
        """``len(self.text)``, without slicing it."""
        return self.hi - self.lo


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    url: str | None
    published: str | None
    source: str | None
    boilerplate: tuple[tuple[int, int], ...]
    author: str | None = None


_NON_BLANK = re.compile(r"\S")  # \s is what str.strip() strips


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their offsets (as
    ``text.split("\n")`` and ``str.strip()`` would find them, without copying
    the text)."""
    lines: list[Line] = []
    start = 0
    size = len(text)
    while True:
        end = text.find("\n", start)
        if end < 0:
            end = size
        first = _NON_BLANK.search(text, start, end)
        if first is not None:
            lo = first.start()
            hi = lo + len(text[lo:end].rstrip())
            lines.append(Line(start, end, lo, hi, text))
        if end == size:
            return lines
        start = end + 1


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-empty, overlapping or touching spans merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _collapse(text: str) -> str:
    return _BLANKS.sub(" ", text).strip()


def _head_size(lines: list[Line]) -> int:
    for i, line in enumerate(lines[:HEAD_LINES]):
        if line.length > LONG_LINE:
            return i
    return min(len(lines), HEAD_LINES)


def _is_breadcrumb(line: Line, later: list[Line]) -> bool:
    """ "Accueil › Monde › …" or a truncated path repeating a later line."""
    text = line.text
    truncated = text.endswith(_ELLIPSIS)
    if _HOME_WORDS.match(text) and (truncated or _CRUMB_SEPARATORS.search(text)):
        return True
    if not truncated:
        return False
    body = text.rstrip(".…").rstrip()
    for other in [later_line.text for later_line in later]:
        # a tail of this line (20+ characters, from a word start) opens `other`
        for match in re.finditer(r"(?:^|\s)(?=\S)", body):
            tail = body[match.end() :]
            if len(tail) < 20:
                break
            if other.startswith(tail) and len(other) > len(tail):
                return True
    return False


def _looks_like_headline(text: str) -> bool:
    return (
        len(text) <= HEADLINE_MAX
        and len(text.split()) >= 2
        and not text.endswith((".", ":", ";", ",", "…"))
    )


def _split_suffix(text: str, url_source: str | None) -> tuple[str, str | None, int | None]:
    """``(title, outlet, offset of the suffix in text)`` for a headline line."""
    match = _SUFFIX.search(text)
    if match is None:
        return text, None, None
    suffix = match.group("suffix")
    outlet = outlet_from_suffix(suffix)
    if outlet is None and url_source is not None and suffix.startswith(url_source):
        outlet = url_source
    if outlet is None and match.group("sep") == "|" and len(suffix.split()) <= 3:
        outlet = suffix  # "Titre | Mediapart": a pipe suffix names the site
    if outlet is None or not text[: match.start()].strip():
        return text, None, None
    return text[: match.start()], outlet, match.start()


# A Markdown heading's marks: "# Titre", "## Titre ##".
_HEADING_MARKS = re.compile(r"^#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")


def heading_text(title: str) -> str:
    """``title`` without the marks of a Markdown heading ("# Titre" → "Titre")."""
    match = _HEADING_MARKS.match(title) if title.startswith("#") else None
    return match.group("text") if match and match.group("text") else title


def _sentence_title(line: Line) -> str:
    """A title from the first sentence of ``line``, cut near TITLE_MAX.

    Only a prefix of the line is collapsed and searched: enough that its
    collapsed form is over twice TITLE_MAX, which gives the same title as the
    whole line would (a first sentence ending further on is cut to TITLE_MAX
    anyway). A 10 MB one-line article is not copied whole to find its title.
    """
    limit = TITLE_MAX * 8
    while True:
        head = _collapse(line.source[line.lo : min(line.hi, line.lo + limit)])
        if limit >= line.length or len(head) > 2 * TITLE_MAX:
            break
        limit *= 8
    match = _SENTENCE_END.search(head)
    sentence = head[: match.end()] if match else head
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1].rstrip()
    if len(sentence) <= TITLE_MAX:
        return sentence
    cut = sentence.rfind(" ", 0, TITLE_MAX)
    cut = cut if cut > TITLE_MAX // 2 else TITLE_MAX
    return sentence[:cut].rstrip(" ,;:—–-") + "…"


# "By Anna Müller | The Alpine Herald | 14 March 2023", "Par Marie Dupont, Le
# Monde", "Автор: Иван Петров — ТАСС"
_BYLINE = re.compile(
    r"^(?:by|written by|text by|par|автор(?:ы)?:?|текст:?)\s+(?P<rest>\S.*)$", re.IGNORECASE
)
_BYLINE_SEPARATORS = re.compile(r"\s+[|·•—–-]\s+|\s*[|·•]\s*|,\s+")
BYLINE_MAX = 160
#: Lines searched for a date written in words or a byline: the first lines of
#: the article, if short (a date line, a byline, an embedded post's date).
META_LINES = 20
META_LINE_MAX = 120


@dataclass(frozen=True)
class Byline:
    author: str
    outlet: str | None
    published: str | None


def parse_byline(line: str) -> Byline | None:
    """The author, outlet and date of a byline, or None if ``line`` is not one."""
    if len(line) > BYLINE_MAX:
        return None
    match = _BYLINE.match(line.strip())
    if match is None:
        return None
    parts = [part.strip() for part in _BYLINE_SEPARATORS.split(match.group("rest"))]
    parts = [part for part in parts if part]
    if not parts or not _is_name(parts[0]):
        return None
    outlet: str | None = None
    published: str | None = None
    for part in parts[1:]:
        found = dates.worded_date(part) or dates.dotted_date(part) or dates.iso_timestamp(part)
        if found is not None:
            published = published or found
        elif outlet is None and _is_name(part):
            outlet = canonical_outlet(part)
    return Byline(parts[0], outlet, published)


def _is_name(text: str) -> bool:
    """A person's or an outlet's name: a few words, the first capitalised."""
    words = text.split()
    return 1 <= len(words) <= 6 and words[0][:1].isupper() and not text.endswith((".", ":"))


def _name_title(name: str) -> str:
    stem = PureWindowsPath(name.replace("/", "\\")).stem if name else ""
    return _collapse(stem)


def parse_article(text: str, name: str = "") -> ParsedArticle:
    """Title, URL, publication date, outlet and boilerplate spans of ``text``."""
    lines = split_lines(text)
    head = _head_size(lines)
    foot = max(head, len(lines) - FOOT_LINES)
    spans: list[tuple[int, int]] = []
    marked: set[int] = set()

    def mark(i: int) -> None:
        marked.add(i)
        spans.append((lines[i].start, lines[i].end))

    url: str | None = None
    header_date: str | None = None
    timestamps: list[str] = []
    for i, line in enumerate(lines):
        at_foot = i >= foot
        text_i = line.text
        header = chrome.HEADER.match(text_i)
        if header is not None and i < head and url is None:
            url = header.group("url")
            header_date = dates.header_date(*header.group("year", "month", "day"))
        lone = chrome.LONE_URL.match(text_i) if i < head else None
        if lone is not None:
            url = url or lone.group("url")
            mark(i)
            continue
        stamp = dates.iso_timestamp(text_i)
        if stamp is not None:
            timestamps.append(stamp)
        if chrome.is_chrome(text_i, edge=i < head or at_foot, foot=at_foot):
            mark(i)
            follows = lines[i + 1] if i + 1 < len(lines) else None
            if (
                follows is not None
                and follows.length <= LONG_LINE
                and chrome.read_also_marker_only(text_i)
            ):
                mark(i + 1)  # "LIRE LA SUITE:" then the linked headline

    url_source = outlet_from_url(url) if url else None
    for i in range(head):
        if i not in marked and _is_breadcrumb(lines[i], lines[i + 1 : head]):
            mark(i)

    # Bylines and dates written in words, on the first short lines: they
    # give the author, the outlet and the date, and are never the title.
    byline: Byline | None = None
    worded: list[tuple[bool, str]] = []  # (an update's date, date)
    meta_lines: set[int] = set()
    for i, line in enumerate(lines[:META_LINES]):
        if i in marked or (i >= head and line.length > META_LINE_MAX):
            continue
        found_byline = parse_byline(line.text)
        if found_byline is not None:
            meta_lines.add(i)
            byline = byline or found_byline
            if found_byline.published:
                worded.append((False, found_byline.published))
            continue
        # past the head, only a line that ends with its date: not a sentence
        found_date = dates.worded_date(line.text, at_end=i >= head)
        if found_date is not None:
            worded.append((dates.is_update_line(line.text), found_date))
            if line.length <= META_LINE_MAX // 2:
                meta_lines.add(i)
    worded_date = next((d for update, d in worded if not update), None) or next(
        (d for _, d in worded), None
    )
    if byline is not None and byline.outlet and (url is None or not known_outlet_from_url(url)):
        url_source = byline.outlet  # a byline's name beats a bare host

    title = ""
    source = url_source
    title_index: int | None = None
    for i in range(head):
        if i in marked or i in meta_lines:
            continue
        candidate, outlet, suffix_at = _split_suffix(lines[i].text, url_source)
        if _looks_like_headline(candidate):
            title_index = i
            title = heading_text(_collapse(candidate))
            source = source or outlet
            if suffix_at is not None:
                # the suffix with the blank space before it, as a sub-line span
                spans.append((lines[i].lo + suffix_at, lines[i].end))
        break

    if title_index is not None:
        repeats = {_collapse(lines[title_index].text), title}
        for i in range(title_index + 1, len(lines)):
            if i not in marked and _collapse(lines[i].text) in repeats:
                mark(i)
    else:
        first = next((line for i, line in enumerate(lines) if i not in marked), None)
        if first is not None:
            title = heading_text(_sentence_title(first))
    title = title or _name_title(name) or FALLBACK_TITLE

    published = dates.most_precise(
        timestamps[0] if timestamps else None,
        dates.date_from_url(url) if url else None,
        next((d for line in lines[:head] if (d := dates.dotted_date(line.text))), None),
        worded_date,
        header_date,
    )
    return ParsedArticle(
        title=title,
        url=url,
        published=published,
        source=source,
        boilerplate=merge_spans(spans),
        author=byline.author if byline is not None else None,
    )
