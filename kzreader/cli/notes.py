"""``kzreader notes``: the memo list — every note on a passage or a link,
with its quote and article, narrowed by words."""

from __future__ import annotations

import argparse
from typing import Any

from kzreader.cli.output import Style, clip, print_json, width
from kzreader.core.library import Library
from kzreader.core.notes import ORDERS, NoteInfo
from kzreader.core.notes_markdown import note_text

_ARROWS = {"one-way": "→", "both": "↔", "none": "—"}
QUOTE_WIDTH = 60


def _facts(n: NoteInfo, room: int) -> str:
    """Outlet, date and article title (cut to fit ``room``); a link's other
    article after it when it is another."""
    facts = f"{n.outlet or 'unknown outlet'} · {(n.published or '')[:10] or 'no date'} · "
    title = n.document_title
    if n.kind == "link" and n.other_document_id != n.document_id:
        title = f"{clip(title, room // 2)} {_ARROWS.get(n.direction or '', '→')} "
        title += n.other_document_title or ""
    return facts + clip(title, max(10, room - len(facts)))


def _heading(n: NoteInfo) -> str:
    if n.kind == "passage":
        return f"#{n.passage_id} «{clip(n.exact, QUOTE_WIDTH)}»"
    arrow = _ARROWS.get(n.direction or "", "→")
    return (
        f"link {n.link_id}: #{n.passage_id} «{clip(n.exact, QUOTE_WIDTH // 2)}» "
        f"{arrow} {n.relation} {arrow} "
        f"#{n.other_passage_id} «{clip(n.other_exact or '', QUOTE_WIDTH // 2)}»"
    )


def print_note(n: NoteInfo, style: Style) -> None:
    print(style.bold(_heading(n)))
    print(f"    {style.dim(_facts(n, width() - 4))}")
    for line in note_text(n.note).splitlines():
        print(f"    {line}")


def cmd_notes(lib: Library, args: argparse.Namespace) -> int:
    query = " ".join(args.query) or None
    found = lib.notes(query, order=args.order)
    if args.json:
        print_json({"query": query, "notes": [n.to_json() for n in found]})
        return 0
    if not found:
        if query:
            print(f"No note matches {query!r}.")
        else:
            print("No note yet: write one with `kzreader passage note PASSAGE TEXT`.")
        return 0
    style = Style()
    for i, n in enumerate(found):
        if i:
            print()
        print_note(n, style)
    passages = sum(1 for n in found if n.kind == "passage")
    links = len(found) - passages
    print()
    print(
        f"{len(found)} note{'s' if len(found) != 1 else ''}: "
        f"{passages} on passage{'s' if passages != 1 else ''}, "
        f"{links} on link{'s' if links != 1 else ''}"
    )
    return 0


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "notes",
        parents=[common],
        help="every note on a passage or a link (the memo list)",
        description="List the notes written on passages and links, with the passage "
        "quoted and its article's title, outlet and date. Words narrow the list to the "
        "notes whose text, quote or article title holds them all (any case, any accents).",
    )
    p.add_argument(
        "query", nargs="*", metavar="QUERY", help="words the note, quote or title must hold"
    )
    p.add_argument(
        "--order",
        choices=ORDERS,
        default="article",
        help="article: by article, then by place in its text (the default); "
        "recent: the note changed last first",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"query", "notes": [{"kind", "passage_id", "link_id", "document_id", '
        '"document_title", "outlet", "published", "exact", "start", "status", "note", '
        '"modified_at", "created_at"}]}, links with their "relation", "direction" and '
        '"other_*" end',
    )
    p.set_defaults(func=cmd_notes, sync_index=False)
