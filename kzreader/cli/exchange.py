"""Commands over exchange formats: export, import-project."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from kzreader.cli.documents import _progress_bar
from kzreader.cli.output import print_json
from kzreader.core.library import Library
from kzreader.core.messages import LANGUAGES
from kzreader.core.wording import plural


def _as_json(report: Any) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    return {k: str(v) if isinstance(v, Path) else v for k, v in data.items()}


def cmd_export(lib: Library, args: argparse.Namespace) -> int:
    bar, close = _progress_bar(sys.stderr.isatty() and not args.json)
    try:
        report = lib.export(
            args.format,
            Path(args.out),
            tags=args.tag or None,
            documents=args.document or None,
            progress=bar,
            by=args.by,
            language=args.language,
            self_contained=args.self_contained,
        )
    finally:
        close()
    if args.json:
        print_json(_as_json(report))
        return 0
    parts = [plural(report.documents, "document"), plural(report.passages, "passage")]
    if getattr(report, "codes", 0):
        parts.append(plural(report.codes, "code"))
    if getattr(report, "links", 0):
        parts.append(plural(report.links, "link"))
    print(f"Wrote {report.path}: {', '.join(parts)}.")
    for line in getattr(report, "left_out", []):
        print(f"  left out: {line}")
    return 0


def cmd_import_project(lib: Library, args: argparse.Namespace) -> int:
    bar, close = _progress_bar(sys.stderr.isatty() and not args.json)
    try:
        report = lib.import_project(Path(args.file), progress=bar)
    finally:
        close()
    if args.json:
        print_json(_as_json(report))
        return 0
    if hasattr(report, "documents_created"):
        print(
            f"Imported {Path(args.file).name}: "
            f"{plural(len(report.documents_created), 'new document')} "
            f"({len(report.documents_reused)} already in the library), "
            f"{plural(report.passages_created, 'passage')}, "
            f"{plural(report.tags_created, 'new tag')}, "
            f"{plural(report.links_created, 'link')}, "
            f"{plural(report.notes_attached, 'note')}. `kzreader undo` takes it back."
        )
    else:
        print(
            f"Imported the codebook {Path(args.file).name}: "
            f"{plural(report.tags_created, 'new tag')}, "
            f"{report.tags_existing} already in the library."
        )
    for warning in report.warnings:
        print(f"  note: {warning}")
    return 0


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="export the library, or some tags or documents, to another format",
        description=(
            "qdpx: REFI-QDA project (documents, codes, codings, notes, links) for other QDA "
            "tools; qdc: REFI-QDA codebook; w3c: W3C Web Annotations (JSON-LD); csv: one row "
            "per passage and tag; md, html: reports by tag or by document."
        ),
    )
    p.add_argument("format", choices=Library.EXPORT_FORMATS, metavar="FORMAT",
                   help="one of " + ", ".join(Library.EXPORT_FORMATS))  # fmt: skip
    p.add_argument("out", metavar="OUT", help="the file to write")
    p.add_argument("--tag", action="append", metavar="PATH",
                   help="only the passages with this tag or a sub-tag (repeatable)")  # fmt: skip
    p.add_argument("--document", action="append", type=int, metavar="ID",
                   help="only this document (repeatable)")  # fmt: skip
    p.add_argument("--by", choices=("tag", "document"), default="tag",
                   help="how a report (md, html) is arranged (default: tag)")  # fmt: skip
    p.add_argument("--language", choices=LANGUAGES, default="en",
                   help="the language of a report's headings and labels (md, html; "
                        "default: en)")  # fmt: skip
    p.add_argument("--self-contained", action="store_true",
                   help="give each annotation its own @context, for tools that split the "
                        "file (w3c)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import-project",
        parents=[common],
        help="import a REFI-QDA project (.qdpx) or codebook (.qdc) from kzreader or another tool",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print what was imported as JSON")
    p.set_defaults(func=cmd_import_project)
