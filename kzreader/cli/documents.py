"""Commands over documents: import, search, list, show, info, reindex,
delete, attr."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kzreader.cli.output import Style, clip, print_json, width
from kzreader.core import atomic
from kzreader.core.errors import KzreaderError
from kzreader.core.library import Library
from kzreader.core.types import DocumentInfo, ImportReport, SearchHit


def _document_json(d: DocumentInfo) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title,
        "source": d.source,
        "url": d.url,
        "published": d.published,
        "language": d.language,
        "length": d.length,
    }


def _hit_json(h: SearchHit) -> dict[str, Any]:
    return {
        "document_id": h.document_id,
        "score": h.score,
        "title": h.title,
        "source": h.source,
        "published": h.published,
        "snippet": h.marked_snippet(),
        "matches": [list(m) for m in h.matches],
    }


def _progress_bar(
    enabled: bool,
) -> tuple[Callable[[int, int, str], None] | None, Callable[[], None]]:
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(done: int, total: int, _path: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(
                total=total, unit="file", file=sys.stderr, leave=False, desc="Importing"
            )
        bar["bar"].n = done
        bar["bar"].refresh()

    def close() -> None:
        if "bar" in bar:
            bar["bar"].close()

    return update, close


# -- commands --------------------------------------------------------------------


def cmd_import(lib: Library, args: argparse.Namespace) -> int:
    from kzreader.paths import sample_articles_dir

    paths: list[str | Path] = list(args.paths)
    if args.samples:
        paths.append(sample_articles_dir())
    if not paths:
        raise KzreaderError("name at least one file or folder to import (or use --samples)")
    if args.encoding and args.outlet is not None:
        raise KzreaderError(
            "--outlet and --encoding go in two commands: import with --encoding, then "
            "name the outlet with 'kzreader edit DOC --outlet NAME'"
        )
    if args.encoding:
        report = lib.import_with_encoding(paths, args.encoding)
    else:
        progress, close = _progress_bar(sys.stderr.isatty() and not args.json)
        try:
            report = lib.import_paths(paths, progress=progress, outlet=args.outlet)
        finally:
            close()
    counts = {s: report.count(s) for s in ("imported", "updated", "unchanged", "refused")}
    if args.json:
        print_json(
            {
                "results": [
                    {
                        "path": r.path,
                        "status": r.status,
                        "document_id": r.document_id,
                        "reason": r.reason,
                        "part": r.part,
                    }
                    for r in report.results
                ],
                **counts,
            }
        )
    else:
        _print_import_summary(report, counts, _encodings(lib, report))
    # Non-zero when a file was refused or skipped, and when nothing given
    # is in the library afterwards (nothing imported, updated or unchanged).
    stored = counts["imported"] + counts["updated"] + counts["unchanged"]
    return 1 if counts["refused"] or not stored else 0


def _encodings(lib: Library, report: ImportReport) -> dict[int | None, str | None]:
    """The text encoding each imported or updated document was read in."""
    wanted = {r.document_id for r in report.results if r.status in ("imported", "updated")}
    if not wanted:
        return {}
    return {d.id: d.encoding for d in lib.documents() if d.id in wanted}


def _print_import_summary(
    report: ImportReport, counts: dict[str, int], encodings: dict[int | None, str | None]
) -> None:
    style = Style(sys.stdout)
    for r in report.results:
        if r.status == "refused":
            print(f"{style.bold('refused')}   {r.path}: {r.reason}")
        elif r.status in ("imported", "updated"):
            encoding = encodings.get(r.document_id)
            read_as = f"  (read as {encoding})" if encoding and encoding != "utf-8" else ""
            print(f"{r.status:<9} #{r.document_id} {r.title}{read_as}  {style.dim(r.path)}")
            if r.passages and any(r.passages.values()):
                moved = ", ".join(f"{n} {status}" for status, n in r.passages.items() if n)
                print(f"          passages re-anchored: {moved}")
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    files = sum(1 for r in report.results if r.part in (None, 1))
    if files == len(report.results):
        print(f"{files} file(s): {summary}")
    else:  # the articles of press exports have a line each
        results = len(report.results)
        print(f"{files} file(s), {results} results (one per article of an export): {summary}")


def cmd_search(lib: Library, args: argparse.Namespace) -> int:
    results = lib.search(args.query, limit=args.limit)
    if args.json:
        print_json({"hits": [_hit_json(h) for h in results.hits], "total": results.total})
        return 0
    style = Style(sys.stdout)
    if not results.hits:
        print(f"No document matches {args.query!r}.")
        return 0
    cols = width()
    marks = ("\x1b[1;33m", "\x1b[0m") if style.on else ("**", "**")
    for h in results.hits:
        facts = " · ".join(x for x in (h.source, h.published, h.language) if x)
        print(f"{style.bold(f'#{h.document_id}')} {style.bold(clip(h.title, cols - 8))}")
        if facts:
            print(f"    {style.dim(facts)}")
        print(f"    {h.marked_snippet(*marks)}")
        print()
    shown = len(results.hits)
    print(
        f"{results.total} document(s) match"
        + (f"; showing {shown}" if shown < results.total else "")
    )
    return 0


def cmd_list(lib: Library, args: argparse.Namespace) -> int:
    docs = lib.documents()
    if args.json:
        print_json({"documents": [_document_json(d) for d in docs]})
        return 0
    if not docs:
        print("The library is empty. Import articles with: kzreader import PATH")
        return 0
    style = Style(sys.stdout)
    cols = width()
    print(style.bold(f"{'ID':>5}  {'Published':<10}  {'Lang':<4}  {'Outlet':<14}  Title"))
    for d in docs:
        published = (d.published or "")[:10]
        source = clip(d.source or "", 14)
        line = f"{d.id:>5}  {published:<10}  {(d.language or ''):<4}  {source:<14}  "
        print(line + clip(d.title, cols - len(line)))
    return 0


def cmd_show(lib: Library, args: argparse.Namespace) -> int:
    view = lib.document(args.id)
    info = view.info
    if args.json:
        print_json(
            {
                **asdict(info),
                "attributes": view.attributes,
                "boilerplate": [list(s) for s in view.boilerplate],
                "text": view.text,
            }
        )
        return 0
    style = Style(sys.stdout)
    print(style.bold(info.title))
    for label, value in (
        ("Outlet", info.source),
        ("Published", info.published),
        ("URL", info.url),
        ("Language", info.language),
        ("File", info.file_name),
        ("Encoding", info.encoding),
        ("Imported", info.imported_at),
        *sorted(view.attributes.items()),
    ):
        if value:
            head = f"{label}:"
            print(f"{style.dim(f'{head:<10}')} {value}")
    print()
    pos = 0
    parts: list[str] = []
    for start, end in view.boilerplate:
        parts.append(view.text[pos:start])
        parts.append(style.dim(view.text[start:end]))
        pos = end
    parts.append(view.text[pos:])
    print("".join(parts))
    return 0


def cmd_reindex(lib: Library, args: argparse.Namespace) -> int:
    count = lib.reindex()
    print(f"Index rebuilt: {count} document(s).")
    return 0


def cmd_info(lib: Library, args: argparse.Namespace) -> int:
    info = lib.info()
    if args.json:
        data = asdict(info)
        data["path"] = str(info.path)
        print_json(data)
        return 0
    print(f"Library:    {info.path}")
    print(f"Schema:     version {info.schema_version}, {info.database_bytes / 1024:.0f} KiB")
    print(f"Documents:  {info.documents}")
    print(f"Passages:   {info.passages}   Tags: {info.tags}   Links: {info.links}")
    if info.languages:
        print("Languages:  " + ", ".join(f"{k} {v}" for k, v in sorted(info.languages.items())))
    if info.sources:
        print("Outlets:    " + ", ".join(f"{k} {v}" for k, v in sorted(info.sources.items())))
    print(f"Index:      {info.index_state}, {info.index_documents} document(s)")
    return 0


def cmd_delete(lib: Library, args: argparse.Namespace) -> int:
    title = lib.document(args.id).info.title
    changes = lib.delete_document(args.id)
    print(
        f"Deleted document {args.id} “{clip(title, 60)}” with {changes.passages_deleted} "
        f"passage(s) and {changes.links_deleted} link(s). Undo with: kzreader undo"
    )
    return 0


def cmd_attr(lib: Library, args: argparse.Namespace) -> int:
    if args.unset:
        lib.set_attribute(args.id, args.key, None)
    elif args.value is None:
        value = lib.document(args.id).attributes.get(args.key)
        if value is None:
            raise KzreaderError(f"document {args.id} has no attribute '{args.key}'")
        print(value)
        return 0
    else:
        lib.set_attribute(args.id, args.key, args.value)
    for key, value in sorted(lib.document(args.id).attributes.items()):
        print(f"{key} = {value}")
    return 0


def cmd_edit(lib: Library, args: argparse.Namespace) -> int:
    if args.title is None and args.outlet is None and args.date is None:
        raise KzreaderError("say what to set: --title, --outlet or --date")
    info = lib.edit_document(args.id, title=args.title, source=args.outlet, published=args.date)
    print(f"#{info.id} {info.title}")
    print(f"  outlet: {info.source or '(none)'}")
    print(f"  date:   {info.published or '(none)'}")
    return 0


def cmd_original(lib: Library, args: argparse.Namespace) -> int:
    info = lib.document(args.id).info
    data = lib.original(args.id)
    if data is None:
        raise KzreaderError(
            f"document {args.id} has no kept original: only the files whose text was "
            "extracted (saved web pages, PDF, Word documents, press exports) are kept"
        )
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    target = lib.check_output(args.out, "file")
    with atomic.open_new(target, "wb") as out:
        out.write(data)
    print(f"Wrote {len(data)} bytes, the file “{info.file_name}” was imported from, to {target}")
    return 0


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common], help="import text files and folders")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, or folders of .txt/.md files")
    p.add_argument("--samples", action="store_true", help="also import the bundled sample articles")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="read the files in this text encoding (e.g. cp866, windows-1251, kz1048) "
        "instead of recognising it; an article already imported from the same file "
        "is read again, its passages kept",
    )
    p.add_argument(
        "--outlet",
        metavar="NAME",
        help="the outlet of every file imported (a folder of one outlet's articles); "
        "a re-import keeps it",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("search", parents=[common], help="search the library")
    p.add_argument(
        "query",
        help='e.g. securite, "maintien de la paix", Tokayev~, maint*, '
        "title:OTSC, source:RT, lang:fr, date:2022-01",
    )
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (20)")
    p.add_argument("--json", action="store_true", help="print the hits as JSON")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("list", parents=[common], help="list the documents")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[common], help="show a document's metadata and text")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true", help="print the document as JSON")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "delete", parents=[common], help="delete a document with its passages and links"
    )
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser(
        "edit", parents=[common], help="set a document's title, outlet or date (undoable)"
    )
    p.add_argument("id", type=int, metavar="DOC")
    p.add_argument("--title", metavar="TEXT", help="the new title")
    p.add_argument("--outlet", metavar="NAME", help='the outlet ("" for none)')
    p.add_argument(
        "--date",
        metavar="DATE",
        help='the publication date: 2022-01-06, 06.01.2022, "6 janvier 2022" ("" for none)',
    )
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("attr", parents=[common], help="show, set or remove a document attribute")
    p.add_argument("id", type=int, metavar="DOC")
    p.add_argument("key", metavar="KEY")
    p.add_argument("value", nargs="?", metavar="VALUE", help="omit to show the current value")
    p.add_argument("--unset", action="store_true", help="remove the attribute")
    p.set_defaults(func=cmd_attr)

    p = sub.add_parser(
        "original",
        parents=[common],
        help="the file a document's text was extracted from, as the library kept it",
    )
    p.add_argument("id", type=int, metavar="DOC")
    p.add_argument("--out", metavar="FILE", help="write it to FILE (else to standard output)")
    p.set_defaults(func=cmd_original, sync_index=False)

    p = sub.add_parser("reindex", parents=[common], help="rebuild the search index")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("info", parents=[common], help="library location, counts, index state")
    p.add_argument("--json", action="store_true", help="print the facts as JSON")
    # reports the index as it is (a stale one says so): never brings it up to date
    p.set_defaults(func=cmd_info, sync_index=False)
