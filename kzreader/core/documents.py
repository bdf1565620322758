"""A document's facts as the user corrects them: title, outlet and date.

The importer finds them where it can; the user fills in what it could not
(three of the five sample articles have no outlet or no date) or corrects what
it got wrong. A fact the user set is remembered in ``Document.edited`` and a
re-import keeps it (see ``storing.store_article``); so is the ``author``
attribute, which the importer writes from the article's byline or metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy.orm import Session

from kzreader.core.errors import KzreaderError
from kzreader.core.importing import dates
from kzreader.core.models import Document

#: The facts a user can set, as ``Document`` columns.
FIELDS = ("title", "source", "published")
#: The attributes the importer writes that a user may set (or remove) too:
#: once the user has, a re-import leaves them alone.
IMPORTED_ATTRIBUTES = ("author",)
#: Longest title and outlet name accepted.
MAX_TITLE = 1000
MAX_SOURCE = 200
_YEAR_MONTH = re.compile(r"^((?:1[89]|20)\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(1[89]|20)\d{2}$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-]((?:1[89]|20)\d{2})$")


def edited_fields(doc: Document) -> set[str]:
    """The facts of ``doc`` the user set (columns of :data:`FIELDS`, and
    attributes of :data:`IMPORTED_ATTRIBUTES`)."""
    return {f for f in (doc.edited or "").split(",") if f}


def mark_edited(doc: Document, fields: set[str]) -> None:
    doc.edited = ",".join(f for f in (*FIELDS, *IMPORTED_ATTRIBUTES) if f in fields) or None


def parse_published(value: str) -> str | None:
    """A publication date as the user types it, as kzreader stores dates
    (ISO 8601, as precise as given): ``2022-01-06``, ``2022-01-06T11:54``,
    ``2022-01``, ``2022``, ``06.01.2022``, ``6/1/2022`` (day first), ``6
    janvier 2022``, ``January 6, 2022``. Empty: no date. Anything else is
    refused with a message saying what is understood."""
    text = " ".join(value.split())
    if not text:
        return None
    stamp = dates.iso_timestamp(text)
    if stamp is not None:
        return stamp
    match = _YEAR_MONTH.match(text)
    if match is not None and 1 <= int(match.group(2)) <= 12:
        return text
    if _YEAR.match(text):
        return text
    match = _DAY_FIRST.match(text)
    if match is not None:
        day = dates.header_date(match.group(3), match.group(2).zfill(2), match.group(1).zfill(2))
        if day is not None:
            return day
    worded = dates.worded_date(text)
    if worded is not None:
        return worded
    raise KzreaderError(
        f"{value.strip()!r} is not a date kzreader understands: write it like "
        "2022-01-06, 06.01.2022 or 6 janvier 2022 (or leave it empty for no date)"
    )


def clean_title(value: str) -> str:
    title = " ".join(value.split())
    if not title:
        raise KzreaderError("an article needs a title")
    if len(title) > MAX_TITLE:
        raise KzreaderError(f"a title has at most {MAX_TITLE} characters, not {len(title)}")
    return title


def clean_source(value: str) -> str | None:
    source = " ".join(value.split())
    if len(source) > MAX_SOURCE:
        raise KzreaderError(f"an outlet's name has at most {MAX_SOURCE} characters")
    return source or None


def edit(
    session: Session,
    doc: Document,
    *,
    title: str | None = None,
    source: str | None = None,
    published: str | None = None,
) -> set[str]:
    """Set the facts given (``None``: left as it is; ``""`` for the outlet or
    the date: none) and remember them as the user's; the facts that changed."""
    wanted: dict[str, str | None] = {}
    if title is not None:
        wanted["title"] = clean_title(title)
    if source is not None:
        wanted["source"] = clean_source(source)
    if published is not None:
        wanted["published"] = parse_published(published)
    changed = {f for f, v in wanted.items() if getattr(doc, f) != v}
    for field in changed:
        setattr(doc, field, wanted[field])
    if changed:
        mark_edited(doc, edited_fields(doc) | changed)
    return changed


def keep_edited(doc: Document, kept: dict[str, str | None]) -> None:
    """Put back the facts the user set (``kept``: their values before a
    re-import replaced them)."""
    for field, value in kept.items():
        setattr(doc, field, value)


#: Lines from the top of a text where its title line is looked for.
TITLE_LINES = 12


def title_line(
    text: str, title: str, boilerplate: Sequence[Sequence[int]] = ()
) -> tuple[int, int] | None:
    """The span of the line near the top of ``text`` that holds ``title``
    (alone, or followed by an outlet's suffix), unless it is already set
    aside: the reader shows the title in its header and dims this line, so
    the title is not read twice. The stored text, its boilerplate and the
    search index are left as they are (the title's words stay searchable)."""
    wanted = " ".join(title.split()).rstrip("…").casefold()
    if len(wanted) < 8:
        return None
    start = 0
    for _ in range(TITLE_LINES):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = " ".join(text[start:end].split()).casefold()
        if line:
            if line.startswith(wanted) and len(line) <= len(wanted) + 60:
                covered = any(b[0] <= start and end <= b[1] for b in boilerplate)
                return None if covered else (start, end)
            if not any(b[0] <= start < b[1] for b in boilerplate):
                return None  # the body has begun: the title is not above it
        if end >= len(text):
            return None
        start = end + 1
    return None
