"""``kzreader kwic``: the concordance of a search, one line per hit — left
context, the hit, right context — with the article's outlet, date and title."""

from __future__ import annotations

import argparse
from typing import Any

from kzreader.cli.output import Style, clip, print_json
from kzreader.core import kwic
from kzreader.core.library import Library

#: The widest hit column (a long phrase is cut there, in the text output only).
HIT_WIDTH = 40
TITLE_WIDTH = 40


def _query(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(
            'give a search query, e.g. Tokaïev or "maintien de la paix"'
        )
    return text


def _count(upper: int | None, what: str):  # type: ignore[no-untyped-def]
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not '{text}'") from None
        if value < 1 or (upper is not None and value > upper):
            bounds = f"from 1 to {upper}" if upper is not None else "of 1 or more"
            raise argparse.ArgumentTypeError(f"expected {what} {bounds}, not {value}")
        return value

    return parse


def _outlet(source: str | None) -> str:
    return source or "unknown outlet"


def _date(published: str | None) -> str:
    return (published or "")[:10] or "no date"


def line_json(line: kwic.KwicLine) -> dict[str, Any]:
    return line.as_dict()


def concordance_lines(lines: list[kwic.KwicLine], style: Style) -> list[str]:
    """The lines aligned as a concordance: every hit starts in the same
    column, the left contexts right-aligned before it, the right contexts
    after it, then the article's outlet, date, id and title."""
    if not lines:
        return []
    hits = [clip(ln.hit, HIT_WIDTH) for ln in lines]
    left_width = max(len(ln.left) for ln in lines)
    hit_width = max(len(h) for h in hits)
    right_width = max(len(ln.right) for ln in lines)
    out = []
    for line, hit in zip(lines, hits, strict=True):
        facts = f"{_outlet(line.source)} · {_date(line.published)} · #{line.document_id}"
        out.append(
            f"{line.left:>{left_width}}{style.mark(hit)}{' ' * (hit_width - len(hit))}"
            f"{line.right:<{right_width}}  {style.dim(facts)}  {clip(line.title, TITLE_WIDTH)}"
        )
    return out


def _summary(lines: list[kwic.KwicLine], shown: int) -> str:
    articles = len({ln.document_id for ln in lines})
    text = (
        f"{len(lines)} line{'s' if len(lines) != 1 else ''} in "
        f"{articles} article{'s' if articles != 1 else ''}"
    )
    if shown < len(lines):
        text += f" (the first {shown} shown)"
    outlets = [
        f"{name if name != kwic.UNKNOWN_OUTLET else 'unknown outlet'} {c['lines']}"
        for name, c in kwic.outlet_counts(lines).items()
    ]
    return text + (": " + ", ".join(outlets) if outlets else "")


def cmd_kwic(lib: Library, args: argparse.Namespace) -> int:
    lines = lib.kwic(args.query, width=args.width, sort=args.sort)
    shown = lines[: args.limit] if args.limit is not None else lines
    if args.json:
        print_json(
            {
                "query": args.query,
                "lines": [line_json(ln) for ln in shown],
                "total": len(lines),
                "by_outlet": kwic.outlet_counts(lines),
            }
        )
        return 0
    if not lines:
        print(f"No hit for {args.query!r} (boilerplate set aside is not searched).")
        return 0
    for text in concordance_lines(shown, Style()):
        print(text)
    print()
    print(_summary(lines, len(shown)))
    return 0


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "kwic",
        parents=[common],
        help="the concordance of a search: each hit with its left and right context",
        description='Every hit of a search (the search syntax: words, "phrases", '
        "prefix*, fuzzy~, fields) as one line: left context, the hit, right context, "
        "with the article's outlet, date and title.",
    )
    p.add_argument(
        "query",
        type=_query,
        help='e.g. Tokaïev, "maintien de la paix", securit*, "Stanislav Zas" date:2022-01',
    )
    p.add_argument(
        "--width",
        type=_count(kwic.MAX_WIDTH, "a width in characters"),
        default=kwic.WIDTH,
        metavar="N",
        help=f"characters of context on each side (default {kwic.WIDTH})",
    )
    p.add_argument(
        "--sort",
        choices=kwic.SORTS,
        help="order of the lines: left (the word before the hit, as AntConc's L1), "
        "right (the word after it, R1), outlet, or date; default: article by article",
    )
    p.add_argument(
        "--limit",
        type=_count(None, "a number of lines"),
        metavar="N",
        help="show the first N lines only (the counts are of all)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"query", "lines": [{"document_id", "start", "end", "left", "hit", '
        '"right", "source", "published", "title"}], "total", "by_outlet": {outlet: '
        '{"lines", "articles"}}}',
    )
    p.set_defaults(func=cmd_kwic)
