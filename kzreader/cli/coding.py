"""Commands over the researcher's work: passages, tags, links, autocode,
retrieval, undo."""

from __future__ import annotations

import argparse
from typing import Any

from kzreader.cli.output import (
    Style,
    clip,
    link_json,
    link_line,
    passage_json,
    print_json,
    print_passage,
)
from kzreader.core.errors import KzreaderError
from kzreader.core.library import Library
from kzreader.core.passages import DIRECTIONS, RELATIONS
from kzreader.core.retrieval import STATUSES, PassageFilter
from kzreader.core.types import ChangeSet


def _done(changes: ChangeSet, what: str) -> None:
    extra = []
    if changes.passages_created:
        extra.append(f"{changes.passages_created} passage(s) created")
    if changes.passages_deleted:
        extra.append(f"{changes.passages_deleted} passage(s) deleted")
    if changes.links_deleted:
        extra.append(f"{changes.links_deleted} link(s) removed")
    print(what + (": " + ", ".join(extra) if extra else "") + ". Undo with: kzreader undo")


# -- passages --------------------------------------------------------------------------


def cmd_highlight(lib: Library, args: argparse.Namespace) -> int:
    if args.quote is None and (args.start is None or args.end is None):
        raise KzreaderError("give --quote TEXT, or --start and --end")
    if args.quote is not None and (args.start is not None or args.end is not None):
        raise KzreaderError("give either --quote or --start/--end, not both")
    passage = lib.highlight(
        args.document,
        args.start,
        args.end,
        quote=args.quote,
        occurrence=args.occurrence,
        tags=args.tag,
        note=args.note,
        color=args.color,
    )
    if args.json:
        print_json(passage_json(passage))
    else:
        print_passage(passage, Style())
    return 0


def cmd_passages(lib: Library, args: argparse.Namespace) -> int:
    if args.query:
        found = lib.search_passages(args.query)
    else:
        attributes = {}
        for item in args.attr:
            key, sep, value = item.partition("=")
            if not sep:
                raise KzreaderError(f"--attr takes KEY=VALUE, not '{item}'")
            attributes[key] = value
        found = lib.passages(
            PassageFilter(
                tags=args.tag,
                mode=args.mode,
                document_ids=args.document,
                status=args.status,
                source=args.source,
                language=args.language,
                published=args.date,
                attributes=attributes,
            )
        )
    if args.json:
        print_json({"passages": [passage_json(p, links=True) for p in found]})
        return 0
    style = Style()
    for p in found:
        print_passage(p, style)
    print(f"{len(found)} passage(s)")
    return 0


def cmd_passage(lib: Library, args: argparse.Namespace) -> int:
    action = args.action
    if action == "show":
        passage = lib.passage(args.id)
    elif action == "note":
        passage = lib.update_passage(args.id, note=args.value or "")
    elif action == "color":
        passage = lib.update_passage(args.id, color=args.value or "")
    elif action == "tag":
        passage = lib.tag_passage(args.id, _need(args.value, "a tag path"))
    elif action == "untag":
        passage = lib.untag_passage(args.id, _need(args.value, "a tag path"))
    elif action == "move":
        start, _, end = _need(args.value, "START:END").partition(":")
        if not (start.isdigit() and end.isdigit()):
            raise KzreaderError("passage move takes START:END, e.g. 120:164")
        passage = lib.move_passage(args.id, int(start), int(end))
    else:  # delete
        _done(lib.delete_passages([args.id]), f"Deleted passage {args.id}")
        return 0
    if args.json:
        print_json(passage_json(passage, links=True))
    else:
        print_passage(passage, Style())
    return 0


def _need(value: str | None, what: str) -> str:
    if not value:
        raise KzreaderError(f"this needs {what}")
    return value


# -- tags ------------------------------------------------------------------------------


def cmd_tag(lib: Library, args: argparse.Namespace) -> int:
    action = args.action
    if action == "list":
        infos = lib.tags()
        if args.json:
            print_json(
                {
                    "tags": [
                        {"id": t.id, "path": t.path, "color": t.color, "count": t.total}
                        for t in infos
                    ]
                }
            )
            return 0
        if not infos:
            print("No tags yet. Create one with: kzreader tag create PATH")
        for t in infos:
            depth = t.path.count("/")
            own = f" ({t.count} own)" if t.count != t.total else ""
            print(f"{'  ' * depth}{t.name}  {t.total}{own}  {t.color or ''}")
        return 0
    if action == "create":
        info = lib.create_tag(args.path, args.color, args.description)
        print(f"Created tag {info.path} ({info.color})")
    elif action == "rename":
        print(f"Renamed to {lib.rename_tag(args.path, _need(args.other, 'a new name')).path}")
    elif action == "move":
        print(f"Moved to {lib.move_tag(args.path, args.other or None).path}")
    elif action == "merge":
        _done(
            lib.merge_tags(args.path, _need(args.other, "the tag to merge into")),
            f"Merged {args.path} into {args.other}",
        )
    elif action == "delete":
        _done(lib.delete_tag(args.path), f"Deleted tag {args.path} and its sub-tags")
    else:  # edit
        info = lib.edit_tag(args.path, args.color, args.description)
        print(f"{info.path}: {info.color or 'no colour'}, {info.description or 'no description'}")
    return 0


# -- links -----------------------------------------------------------------------------


def cmd_link(lib: Library, args: argparse.Namespace) -> int:
    link = lib.link(
        args.source, args.target, args.relation, note=args.note, direction=args.direction
    )
    if args.json:
        print_json(link_json(link))
    else:
        print(f"#{args.source} {link_line(link)}")
    return 0


def cmd_unlink(lib: Library, args: argparse.Namespace) -> int:
    lib.unlink(args.id)
    print(f"Removed link {args.id}. Undo with: kzreader undo")
    return 0


def cmd_links(lib: Library, args: argparse.Namespace) -> int:
    links = lib.links(args.passage)
    if args.json:
        print_json({"links": [link_json(li) for li in links]})
        return 0
    if not links:
        print(f"Passage {args.passage} has no links.")
    for li in links:
        print(link_line(li))
    return 0


# -- autocode, retrieval -----------------------------------------------------------------


def cmd_autocode(lib: Library, args: argparse.Namespace) -> int:
    changes = lib.autocode(
        args.query,
        args.tag,
        regex=args.regex,
        document_ids=args.document,
        ignore_case=not args.case_sensitive,
    )
    _done(changes, f"Autocoded {args.query!r} as {args.tag}")
    return 0


def cmd_cooccurrence(lib: Library, args: argparse.Namespace) -> int:
    paths, matrix = lib.cooccurrence(args.tag or None)
    if args.json:
        print_json({"tags": paths, "matrix": matrix})
        return 0
    if not paths:
        print("No tags yet.")
        return 0
    names = [clip(p, 24) for p in paths]
    size = max(len(n) for n in names)
    print(" " * size + "  " + "  ".join(f"{i + 1:>4}" for i in range(len(paths))))
    for i, (name, row) in enumerate(zip(names, matrix, strict=True)):
        print(f"{name:<{size}}  " + "  ".join(f"{v:>4}" for v in row) + f"   {i + 1}")
    return 0


def cmd_crosstab(lib: Library, args: argparse.Namespace) -> int:
    table = lib.tags_by_source()
    if args.json:
        print_json({"tags": table})
        return 0
    sources = sorted({s for row in table.values() for s in row})
    if not table:
        print("No coded passages yet.")
        return 0
    size = max(len(p) for p in table)
    print(f"{'':<{size}}  " + "  ".join(f"{clip(s, 12):>12}" for s in sources))
    for path, row in table.items():
        print(f"{path:<{size}}  " + "  ".join(f"{row.get(s, 0):>12}" for s in sources))
    return 0


# -- history -----------------------------------------------------------------------------


def cmd_undo(lib: Library, args: argparse.Namespace) -> int:
    changes = lib.undo()
    print(f"Undone: {changes.label}")
    return 0


def cmd_redo(lib: Library, args: argparse.Namespace) -> int:
    changes = lib.redo()
    print(f"Redone: {changes.label}")
    return 0


def cmd_history(lib: Library, args: argparse.Namespace) -> int:
    entries = lib.history(args.limit)
    if args.json:
        print_json(
            {
                "history": [
                    {
                        "id": e.id,
                        "kind": e.kind,
                        "label": e.label,
                        "created_at": e.created_at,
                        "state": e.state,
                    }
                    for e in entries
                ]
            }
        )
        return 0
    if not entries:
        print("Nothing done yet.")
    for e in entries:
        state = "  (undone)" if e.state == "undone" else ""
        print(f"{e.id:>5}  {e.created_at}  {e.label}{state}")
    return 0


# -- parsers -----------------------------------------------------------------------------


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("highlight", parents=[common], help="create a passage (highlight)")
    p.add_argument("document", type=int, metavar="DOC")
    p.add_argument(
        "--quote", metavar="TEXT", help="the passage's text as it stands in the document"
    )
    p.add_argument(
        "--occurrence", type=int, default=1, metavar="N", help="which copy of the quote (1)"
    )
    p.add_argument("--start", type=int, metavar="S", help="first character (code points)")
    p.add_argument("--end", type=int, metavar="E", help="end, exclusive")
    p.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="PATH",
        help="tag, e.g. Acteurs/OTSC (repeatable; created if new)",
    )
    p.add_argument("--note", metavar="TEXT", help="a note (Markdown)")
    p.add_argument("--color", metavar="#RRGGBB")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_highlight)

    p = sub.add_parser("passages", parents=[common], help="retrieve passages")
    p.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="PATH",
        help="with this tag or a sub-tag (repeatable)",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--all-tags",
        dest="mode",
        action="store_const",
        const="all",
        help="passages carrying every --tag",
    )
    mode.add_argument(
        "--overlap",
        dest="mode",
        action="store_const",
        const="overlap",
        help="every --tag on the passage or on one overlapping it",
    )
    p.set_defaults(mode="any")
    p.add_argument("--document", action="append", type=int, default=[], metavar="ID")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--source", metavar="OUTLET")
    p.add_argument("--language", metavar="CODE")
    p.add_argument("--date", metavar="EXPR", help="publication date, e.g. 2022-01 or A..B")
    p.add_argument("--attr", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument(
        "--query",
        metavar="Q",
        help='search passage text and notes: words, "phrases", tag:PATH, note:WORD',
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_passages)

    p = sub.add_parser("passage", parents=[common], help="show, annotate or delete a passage")
    p.add_argument("action", choices=("show", "note", "color", "tag", "untag", "move", "delete"))
    p.add_argument("id", type=int, metavar="PASSAGE")
    p.add_argument(
        "value", nargs="?", metavar="VALUE", help="the note, #RRGGBB, tag path, or START:END"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_passage)

    p = sub.add_parser("tag", parents=[common], help="list and manage tags (codes)")
    p.add_argument(
        "action", choices=("list", "create", "rename", "move", "merge", "delete", "edit")
    )
    p.add_argument("path", nargs="?", metavar="PATH", default="")
    p.add_argument(
        "other",
        nargs="?",
        metavar="NAME|PARENT|TARGET",
        help="rename: new name; move: new parent (omit for top level); "
        "merge: the tag that receives the passages",
    )
    p.add_argument("--color", metavar="#RRGGBB")
    p.add_argument("--description", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("link", parents=[common], help="link two passages")
    p.add_argument("source", type=int, metavar="SRC_PASSAGE")
    p.add_argument("target", type=int, metavar="DST_PASSAGE")
    p.add_argument(
        "--relation", required=True, metavar="R", help=f"{', '.join(RELATIONS)}, or your own"
    )
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--direction", choices=DIRECTIONS, default="one-way")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("unlink", parents=[common], help="remove a link")
    p.add_argument("id", type=int, metavar="LINK")
    p.set_defaults(func=cmd_unlink)

    p = sub.add_parser("links", parents=[common], help="a passage's links and backlinks")
    p.add_argument("passage", type=int, metavar="PASSAGE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("autocode", parents=[common], help="tag every match of a search")
    p.add_argument("query", metavar="QUERY", help="search syntax, or a regular expression")
    p.add_argument("--tag", required=True, metavar="PATH")
    p.add_argument("--regex", action="store_true", help="QUERY is a regular expression")
    p.add_argument("--case-sensitive", action="store_true", help="with --regex")
    p.add_argument(
        "--document",
        action="append",
        type=int,
        default=[],
        metavar="ID",
        help="only in these documents (repeatable)",
    )
    p.set_defaults(func=cmd_autocode)

    p = sub.add_parser("cooccurrence", parents=[common], help="tag co-occurrence matrix")
    p.add_argument("--tag", action="append", default=[], metavar="PATH")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cooccurrence)

    p = sub.add_parser("crosstab", parents=[common], help="passages per tag and outlet")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_crosstab)

    for name, func, text in (
        ("undo", cmd_undo, "undo the last operation"),
        ("redo", cmd_redo, "redo what was undone"),
    ):
        p = sub.add_parser(name, parents=[common], help=text)
        p.set_defaults(func=func)

    p = sub.add_parser("history", parents=[common], help="the latest operations")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)
