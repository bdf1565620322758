"""``kzreader timeline``: articles, or a tag's passages, per outlet and per
day or ISO week."""

from __future__ import annotations

import argparse
from typing import Any

from kzreader.cli.output import clip, print_json
from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.library import Library
from kzreader.core.timeline import Timeline

#: Widest outlet column (longer names are cut with "…").
OUTLET_WIDTH = 14


def _table(t: Timeline) -> list[str]:
    names = [clip(o, OUTLET_WIDTH) for o in t.outlets]
    widths = [max(len(n), 5) for n in names]
    first = max(10, len("month/year only"))
    lines = [
        f"{'week of' if t.unit == 'week' else 'date':<{first}}  "
        + "  ".join(f"{n:>{w}}" for n, w in zip(names, widths, strict=True))
        + "  total"
    ]

    def row(label: str, values: list[int]) -> str:
        cells = "  ".join(f"{v:>{w}}" for v, w in zip(values, widths, strict=True))
        return f"{label:<{first}}  {cells}  {sum(values):>5}"

    for bucket, total in zip(t.buckets, t.bucket_totals(), strict=True):
        if total:
            lines.append(row(bucket, [t.count(o, bucket) for o in t.outlets]))
    if t.imprecise_total:
        lines.append(row("month/year only", [t.imprecise.get(o, 0) for o in t.outlets]))
    if t.undated_total:
        lines.append(row("undated", [t.undated.get(o, 0) for o in t.outlets]))
    return lines


def cmd_timeline(lib: Library, args: argparse.Namespace) -> int:
    unit = "week" if args.week else "day"
    try:
        t = lib.timeline(unit, args.tag)
    except NotFoundError as exc:
        if args.tag is None:
            raise
        raise KzreaderError(f"{exc}; list the tags with: kzreader tag list") from None
    if args.json:
        print_json(t.to_json(with_documents=True))
        return 0
    what = "articles" if args.tag is None else "passages"
    if not t.outlets:
        print("No articles yet." if args.tag is None else f"No passages tagged {args.tag} yet.")
        return 0
    heading = (
        f"Articles per {unit}, by outlet"
        if args.tag is None
        else f"Passages tagged {args.tag} (sub-tags included) per {unit}, by outlet"
    )
    print(heading)
    print()
    for line in _table(t):
        print(line)
    empty = sum(1 for total in t.bucket_totals() if not total)
    notes = [f"{t.total} {what} dated"]
    if empty:
        notes.append(f"{empty} {unit}{'s' if empty != 1 else ''} without any left out")
    if t.imprecise_total:
        notes.append(f"{t.imprecise_total} dated to the month or year only")
    if t.undated_total:
        notes.append(f"{t.undated_total} undated")
    print()
    print("; ".join(notes) + ".")
    return 0


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "timeline",
        parents=[common],
        help="articles (or a tag's passages) per outlet and per day or week",
        description="Count the articles, or the passages of a tag and its sub-tags, "
        "per outlet and per day (or ISO week, Monday first). Articles without a date, "
        "or dated to the month or year only, are counted apart.",
    )
    p.add_argument("--week", action="store_true", help="count per ISO week, not per day")
    p.add_argument("--tag", metavar="PATH", help="count this tag's passages, not articles")
    p.add_argument(
        "--json",
        action="store_true",
        help="print the counts and each bucket's article ids as JSON",
    )
    p.set_defaults(func=cmd_timeline)
