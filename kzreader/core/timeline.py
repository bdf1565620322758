"""How outlets cover an event over time: articles, or the passages of a tag
(with its sub-tags), per outlet and per day or ISO week (Monday first).

One query reads what is needed: each article's id, outlet and date, with,
for a tag, the number of its passages carrying it (counted by SQLite); the
rest is counted here, so that 10,000 articles take a few tens of
milliseconds. An article
without a readable date is counted apart as *undated*; one dated only to the
month or the year (``2022-01``) as *imprecise*: neither can be put on a day.
Articles without an outlet are counted under ``UNKNOWN``, as in
``retrieval.tags_by_source``; callers showing it translate the label.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from kzreader.core.errors import KzreaderError
from kzreader.core.models import Document, Passage, passage_tags
from kzreader.core.tags import TagTree

#: The outlet key of articles that have none (as in ``tags_by_source``).
UNKNOWN = "unknown"
UNITS = ("day", "week")
#: Pseudo-buckets of ``Timeline.documents``: articles not put on a day.
UNDATED = "undated"
IMPRECISE = "imprecise"

_PARTIAL = re.compile(r"(?:19|20)\d{2}(?:-(\d{2}))?")


@dataclass(frozen=True)
class Timeline:
    """Counts per outlet and bucket. ``buckets`` run without a gap from the
    first dated bucket to the last (empty ones included, so that the time
    axis is even); ``counts[outlet]`` holds the buckets with something in
    them (``count()`` gives 0 for the others)."""

    unit: str
    #: the tag whose passages are counted; None when articles are
    tag: str | None
    #: ISO dates of the buckets' first days (Mondays for weeks), in order
    buckets: list[str]
    #: by number counted, most first; ``UNKNOWN`` last
    outlets: list[str]
    counts: dict[str, dict[str, int]]
    #: per outlet: articles (or passages) whose article has no readable date
    undated: dict[str, int]
    #: per outlet: those whose article is dated to the month or year only
    imprecise: dict[str, int]
    #: ``(outlet, bucket)`` → ids of the articles counted there, ascending;
    #: the bucket may also be ``UNDATED`` or ``IMPRECISE``
    documents: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    @property
    def counted(self) -> str:
        """What the counts are of: ``articles`` or ``passages``."""
        return "articles" if self.tag is None else "passages"

    def count(self, outlet: str, bucket: str) -> int:
        return self.counts.get(outlet, {}).get(bucket, 0)

    def bucket_totals(self) -> list[int]:
        """All outlets together, bucket by bucket."""
        return [sum(self.count(o, b) for o in self.outlets) for b in self.buckets]

    def outlet_total(self, outlet: str) -> int:
        """Dated counts of an outlet (undated and imprecise apart)."""
        return sum(self.counts.get(outlet, {}).values())

    @property
    def total(self) -> int:
        """Everything put on the timeline."""
        return sum(self.outlet_total(o) for o in self.outlets)

    @property
    def undated_total(self) -> int:
        return sum(self.undated.values())

    @property
    def imprecise_total(self) -> int:
        return sum(self.imprecise.values())

    def document_ids(
        self, outlets: list[str] | None = None, buckets: list[str] | None = None
    ) -> list[int]:
        """Ids of the articles counted for these outlets and buckets (every
        one when None), ascending."""
        wanted_outlets = set(self.outlets if outlets is None else outlets)
        wanted_buckets = None if buckets is None else set(buckets)
        found: set[int] = set()
        for (outlet, bucket), ids in self.documents.items():
            if outlet in wanted_outlets and (wanted_buckets is None or bucket in wanted_buckets):
                found.update(ids)
        return sorted(found)

    def to_json(self, with_documents: bool = False) -> dict:
        """Plain data: the counts as one list per outlet, in bucket order;
        ``with_documents``: and the ids of the articles counted in each
        bucket of each outlet."""
        data = {
            "unit": self.unit,
            "tag": self.tag,
            "counted": self.counted,
            "buckets": self.buckets,
            "outlets": [
                {
                    "outlet": o,
                    "counts": [self.count(o, b) for b in self.buckets],
                    "total": self.outlet_total(o),
                    "undated": self.undated.get(o, 0),
                    "imprecise": self.imprecise.get(o, 0),
                }
                for o in self.outlets
            ],
            "totals": self.bucket_totals(),
            "total": self.total,
            "undated": self.undated_total,
            "imprecise": self.imprecise_total,
        }
        if with_documents:
            data["documents"] = [
                {"outlet": outlet, "bucket": bucket, "ids": ids}
                for (outlet, bucket), ids in sorted(
                    self.documents.items(), key=lambda kv: (self.outlets.index(kv[0][0]), kv[0][1])
                )
            ]
        return data


def day_of(published: str | None) -> date | str:
    """The day of a stored date (``2022-01-06T11:54+01:00`` → 2022-01-06),
    else ``IMPRECISE`` (``2022-01``, ``2022``) or ``UNDATED``."""
    text = (published or "").strip()
    if len(text) >= 10:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    partial = _PARTIAL.fullmatch(text)
    if partial and (partial.group(1) is None or 1 <= int(partial.group(1)) <= 12):
        return IMPRECISE
    return UNDATED


def bucket_start(day: date, unit: str) -> date:
    """The first day of ``day``'s bucket: itself, or its ISO week's Monday."""
    return day if unit == "day" else day - timedelta(days=day.weekday())


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise KzreaderError(f"a timeline counts by day or by week, not by '{unit}'")


def _rows(
    session: Session, tag: str | None, with_children: bool
) -> list[tuple[int, str | None, str | None, int]]:
    """``(document id, outlet, date, count)``: 1 per article, or the number
    of the article's passages carrying ``tag`` (each passage once)."""
    if tag is None:
        query = select(Document.id, Document.source, Document.published, literal(1))
    else:
        tree = TagTree.load(session)
        found = tree.get(tag)
        wanted = tree.descendants(found.id) if with_children else [found.id]
        tagged = select(passage_tags.c.passage_id).where(passage_tags.c.tag_id.in_(wanted))
        per_document = (
            select(Passage.document_id.label("document_id"), func.count().label("n"))
            .where(Passage.id.in_(tagged))
            .group_by(Passage.document_id)
            .subquery()
        )
        query = select(Document.id, Document.source, Document.published, per_document.c.n).join(
            per_document, per_document.c.document_id == Document.id
        )
    # Core rows straight from the connection: no ORM bookkeeping for 10,000 rows
    return session.connection().execute(query).all()  # type: ignore[return-value]


def timeline(
    session: Session, unit: str = "day", tag: str | None = None, with_children: bool = True
) -> Timeline:
    """Articles (or, with ``tag``, its passages: sub-tags' too unless
    ``with_children`` is False) per outlet and per day or week."""
    _check_unit(unit)
    if tag is not None and not tag.strip():
        raise KzreaderError("give a tag path, e.g. Acteurs/OTSC")
    counts: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    apart: dict[str, dict[str, int]] = {UNDATED: defaultdict(int), IMPRECISE: defaultdict(int)}
    documents: dict[tuple[str, date | str], set[int]] = defaultdict(set)
    days: dict[str | None, date | str] = {}  # many articles share a date string
    for doc_id, source, published, n in _rows(session, tag, with_children):
        outlet = source or UNKNOWN
        day = days.get(published)
        if day is None:
            day = days[published] = day_of(published)
            if isinstance(day, date):
                day = days[published] = bucket_start(day, unit)
        if isinstance(day, date):
            counts[outlet][day] += n
        else:
            apart[day][outlet] += n
        documents[(outlet, day)].add(doc_id)
    dated = [d for by_day in counts.values() for d in by_day]
    buckets: list[str] = []
    if dated:
        step = timedelta(days=1 if unit == "day" else 7)
        current, last = min(dated), max(dated)
        while current <= last:
            buckets.append(current.isoformat())
            current += step
    everything: dict[str, int] = defaultdict(int)
    for outlet, by_day in counts.items():
        everything[outlet] += sum(by_day.values())
    for by_outlet in apart.values():
        for outlet, n in by_outlet.items():
            everything[outlet] += n
    outlets = sorted(everything, key=lambda o: (o == UNKNOWN, -everything[o], o.casefold(), o))
    return Timeline(
        unit=unit,
        tag=tag,
        buckets=buckets,
        outlets=outlets,
        counts={
            o: {d.isoformat(): n for d, n in sorted(counts[o].items())}
            for o in outlets
            if o in counts
        },
        undated=dict(apart[UNDATED]),
        imprecise=dict(apart[IMPRECISE]),
        documents={
            (o, d if isinstance(d, str) else d.isoformat()): sorted(ids)
            for (o, d), ids in documents.items()
        },
    )
