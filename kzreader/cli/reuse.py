"""Commands over reuse across documents: shared passages and quotations."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from kzreader.cli.output import Style, clip, print_json
from kzreader.core.library import Library

if TYPE_CHECKING:  # the modules themselves are loaded only when a command runs
    from kzreader.core.quotes import QuoteGroup
    from kzreader.core.reuse import Alignment, ReuseCluster, ReuseSpan


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of words above 0, not {value}")
    return value


def _span(span: ReuseSpan) -> dict[str, int]:
    return {"document_id": span.document_id, "start": span.start, "end": span.end}


def alignment_json(al: Alignment) -> dict[str, Any]:
    return {
        "a": _span(al.a),
        "b": _span(al.b),
        "words": al.words,
        "similarity": al.similarity,
        "order": al.order,
        "same_outlet": al.same_outlet,
    }


def cluster_json(cluster: ReuseCluster) -> dict[str, Any]:
    return {
        "id": cluster.id,
        "documents": list(cluster.documents),
        "members": [_span(m) for m in cluster.members],
        "alignments": list(cluster.alignments),
        "first": _span(cluster.first) if cluster.first else None,
        "order": cluster.order,
    }


def _excerpt(texts: dict[int, str], span: ReuseSpan, width: int = 90) -> str:
    return clip(" ".join(texts[span.document_id][span.start : span.end].split()), width)


def _texts(lib: Library, ids: set[int]) -> tuple[dict[int, str], dict[int, str]]:
    texts, titles = {}, {}
    for doc_id in sorted(ids):
        view = lib.document(doc_id)
        texts[doc_id] = view.text
        titles[doc_id] = (
            f"{view.info.source or 'unknown outlet'}, {view.info.published or 'no date'}"
        )
    return texts, titles


def cmd_reuse(lib: Library, args: argparse.Namespace) -> int:
    scope = "across" if args.across_outlets else ("within" if args.within_outlet else "all")
    report = lib.reuse(min_words=args.min_words, scope=scope, document_id=args.document)
    if report.stale:
        print(
            f"kzreader: note: {report.stale} document(s) not analysed yet "
            "(the library is read-only)",
            file=sys.stderr,
        )
    if args.json:
        print_json(
            {
                "alignments": [alignment_json(a) for a in report.alignments],
                "clusters": [cluster_json(c) for c in report.clusters],
            }
        )
        return 0
    if not report.alignments:
        print("No reused passages found.")
        return 0
    ids = {s.document_id for a in report.alignments for s in (a.a, a.b)}
    texts, titles = _texts(lib, ids)
    style = Style(sys.stdout)
    arrow = {"a-first": "→", "same-day": "=", "unknown": "?"}
    for al in report.alignments:
        print(
            style.bold(
                f"{al.a.document_id}:{al.a.start}-{al.a.end} {arrow[al.order]} "
                f"{al.b.document_id}:{al.b.start}-{al.b.end}"
            )
            + style.dim(
                f"  {al.words} words, similarity {al.similarity:.2f}, {al.order}"
                + (", same outlet" if al.same_outlet else "")
            )
        )
        for side in (al.a, al.b):
            print(f"  [{side.document_id}] {style.dim(titles[side.document_id])}")
            print(f"      {_excerpt(texts, side)}")
    for cluster in report.clusters:
        first = f"first in {cluster.first.document_id}" if cluster.first else cluster.order
        print(
            style.bold(f"Cluster {cluster.id}: ")
            + f"{len(cluster.documents)} documents ({', '.join(map(str, cluster.documents))}), "
            + first
        )
    print(f"{len(report.alignments)} reused passage pair(s), {len(report.clusters)} cluster(s).")
    return 0


def quote_group_json(group: QuoteGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "documents": list(group.documents),
        "quotes": [
            {
                "document_id": q.document_id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "source": q.source,
                "published": q.published,
                "changed": k in group.changed,
            }
            for k, q in enumerate(group.quotes)
        ],
        "first": (
            {
                "document_id": group.first.document_id,
                "start": group.first.start,
                "end": group.first.end,
            }
            if group.first
            else None
        ),
        "order": group.order,
    }


def cmd_quotes(lib: Library, args: argparse.Namespace) -> int:
    groups = lib.quotes(min_words=args.min_words, document_id=args.document, all_groups=args.all)
    if args.json:
        print_json({"groups": [quote_group_json(g) for g in groups]})
        return 0
    if not groups:
        print("No quotation found in two or more documents." if not args.all else "No quotation.")
        return 0
    style = Style(sys.stdout)
    for group in groups:
        first = (
            f"first in {group.first.document_id} ({group.first.source or 'unknown outlet'}, "
            f"{group.first.published})"
            if group.first
            else {"same-day": "first appearance: same day", "unknown": "first appearance unknown"}[
                group.order
            ]
        )
        print(style.bold(f"Quote {group.id}: ") + f"{len(group.documents)} document(s), {first}")
        for k, q in enumerate(group.quotes):
            mark = style.mark(" (wording changed)") if k in group.changed else ""
            where = f"{q.document_id}:{q.start}-{q.end}"
            print(f"  {where} {style.dim(q.source or 'unknown outlet')}{mark}")
            print(f"      « {clip(' '.join(q.text.split()), 90)} »")
    return 0


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "reuse",
        parents=[common],
        help="passages one article shares with another (who copied whom)",
        description="Passage pairs that two documents share, tolerant of edits; "
        "'a' is the earlier document when the publication dates tell.",
    )
    p.add_argument(
        "--min-words",
        type=_positive,
        default=None,
        metavar="N",
        help="fewest words matched (default 12, at least 8)",
    )
    scope = p.add_mutually_exclusive_group()
    scope.add_argument(
        "--across-outlets", action="store_true", help="only between different outlets"
    )
    scope.add_argument("--within-outlet", action="store_true", help="only within one outlet")
    p.add_argument("--document", type=int, metavar="ID", help="only passages of this document")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reuse)

    p = sub.add_parser("quotes", parents=[common], help="quotations and where they first appeared")
    p.add_argument("--min-words", type=_positive, default=None, metavar="N", help="default 3")
    p.add_argument("--document", type=int, metavar="ID", help="groups quoted in this document")
    p.add_argument("--all", action="store_true", help="also quotations found in one document")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_quotes)
