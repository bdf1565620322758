"""The ``kzreader`` command line: a thin layer over ``core.Library``.

Exit status: 0 on success; 1 when the library refused something (a file that
could not be imported, a bad query, an unknown id, an unreadable library);
2 for a command line that cannot be understood; 130 when interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from kzreader import __version__
from kzreader.cli import coding, documents
from kzreader.core.errors import KzreaderError
from kzreader.core.library import Library


def build_parser() -> argparse.ArgumentParser:
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    documents.add_parsers(sub, common)
    coding.add_parsers(sub, common)
    return parser


def _reconfigure_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _reconfigure_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        with Library.open(getattr(args, "library", None)) as lib:
            return int(args.func(lib, args))
    except KzreaderError as exc:
        print(f"kzreader: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kzreader: interrupted", file=sys.stderr)
        return 130
