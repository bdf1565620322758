"""The ``kzreader`` command line: a thin layer over ``core.Library``.

Exit status: 0 on success; 1 when the library refused something (a file that
could not be imported, a bad query, an unknown id, an unreadable library);
2 for a command line that cannot be understood; 130 when interrupted.

This module imports its commands and the library when it runs: a large
import's worker processes, spawned, import the program's main script
again (``multiprocessing``), and should not load the database, the index
and every command for a task of decoding files.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kzreader import __version__
from kzreader.core.errors import KzreaderError

if TYPE_CHECKING:
    from kzreader.core.library import Library


def build_parser() -> argparse.ArgumentParser:
    from kzreader.cli import backups, coding, documents, exchange, maintenance, reuse
    from kzreader.cli import kwic as kwic_cli
    from kzreader.cli import notes as notes_cli
    from kzreader.cli import timeline as timeline_cli

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="library folder (default: $KZREADER_LIBRARY, else the per-user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="kzreader",
        description="Read, search, code and link news articles in a local library.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"kzreader {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation in a temporary library (no display, no network) "
        "and print a JSON report; exit status 0 when it works",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("gui", parents=[common], help="open the desktop app (the default)")
    p.add_argument("--screenshot", metavar="PATH", help="render the main window to a PNG and exit")
    p.add_argument("--open", type=int, metavar="DOC_ID", help="open this article")
    p.add_argument("--size", metavar="WxH", help="window size, e.g. 1400x900")
    documents.add_parsers(sub, common)
    coding.add_parsers(sub, common)
    maintenance.add_parsers(sub, common)
    backups.add_parsers(sub, common)
    exchange.add_parsers(sub, common)
    reuse.add_parsers(sub, common)
    timeline_cli.add_parsers(sub, common)
    kwic_cli.add_parsers(sub, common)
    notes_cli.add_parsers(sub, common)
    return parser


def _reconfigure_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    # a frozen (installed) app must let spawned import workers start here
    multiprocessing.freeze_support()
    _reconfigure_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:  # never opens the user's library: see kzreader.selftest
        import json

        from kzreader.selftest import run_self_test

        report = run_self_test()
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0 if report["ok"] else 1
    from kzreader.core.library import Library

    try:
        if getattr(args, "command", None) in (None, "gui"):
            return _gui(args)
        if getattr(args, "run", None) is not None:  # works without opening the library
            return int(args.run(args))
        with Library.open(
            getattr(args, "library", None),
            program="the kzreader command line",
            sync_index=False,
        ) as lib:
            if lib.read_only:
                print(f"kzreader: note: the library is read-only: {lib.read_only_reason}",
                      file=sys.stderr)  # fmt: skip
            if getattr(args, "sync_index", True):
                _sync_index(lib)
            if lib.index_problem:
                print(f"kzreader: warning: {lib.index_problem}", file=sys.stderr)
            code = int(args.func(lib, args))
        if lib.last_backup_error:
            print(f"kzreader: warning: {lib.last_backup_error}", file=sys.stderr)
        return code
    except KzreaderError as exc:
        print(f"kzreader: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the output was cut short (`| head`): not an error to tell
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a file the command was given, or the disk, refused
        print(f"kzreader: error: {_describe_os_error(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kzreader: interrupted", file=sys.stderr)
        return 130


def _sync_index(lib: Library) -> None:
    """Bring the search index in step before a command that reads it,
    saying so first when there is work to do (an import interrupted, a
    library copied without its index): it may take minutes, never silently."""
    state = lib.index_state()
    if state == "current" or lib.read_only or not lib.counts()[0]:
        lib.sync_index()
        return
    print(
        f"kzreader: the search index is {state}: bringing it up to date first…",
        file=sys.stderr,
        flush=True,
    )

    def told(done: int, total: int, _title: str) -> None:
        if done and (done % 1000 == 0 or done == total):
            print(f"kzreader: {done} of {total} articles indexed", file=sys.stderr, flush=True)

    lib.sync_index(progress=told)


def _describe_os_error(exc: OSError) -> str:
    from kzreader.core.db import storage_cause

    where = f" ({exc.filename})" if exc.filename else ""
    if storage_cause(exc) == "full":
        return f"the disk is full{where}; free some space and try again"
    return f"{exc.strerror or exc}{where}"


def _no_display() -> bool:
    """On Linux, Qt aborts the process when there is no screen to open."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def _gui(args: argparse.Namespace) -> int:
    if _no_display():
        if getattr(args, "screenshot", None):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            raise KzreaderError(
                "there is no display to open the desktop app on (DISPLAY is not set); "
                "the command line works without one: see kzreader --help"
            )
    if not getattr(args, "screenshot", None):
        from kzreader.gui.system_check import check_window_libraries

        problem = check_window_libraries()  # before Qt aborts with a plugin error
        if problem:
            raise KzreaderError(problem)
    try:
        from kzreader.gui.app import run
    except ImportError as exc:  # PySide6 missing or its system libraries absent
        raise KzreaderError(
            f"the desktop app cannot start ({exc}); the command line works without it: "
            "see kzreader --help"
        ) from exc
    return run(
        library=getattr(args, "library", None),
        screenshot=getattr(args, "screenshot", None),
        open_document=getattr(args, "open", None),
        size=getattr(args, "size", None),
    )
