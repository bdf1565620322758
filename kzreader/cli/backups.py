"""Commands over backups: backup, backups, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kzreader.cli.output import print_json
from kzreader.core.backup import AUTO_SPACING
from kzreader.core.library import Library
from kzreader.paths import default_library_dir


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"


def cmd_backup(lib: Library, args: argparse.Namespace) -> int:
    made = lib.backup(Path(args.out) if args.out else None)
    print(f"Backed up to {made}")
    return 0


def cmd_backups(lib: Library, args: argparse.Namespace) -> int:
    if args.keep is not None:
        lib.set_backup_keep(args.keep)
        print(
            f"Automatic backups: the newest {args.keep} of the last day are kept, "
            "then one a day for a week and one a week for five weeks."
            if args.keep
            else "Automatic backups are off."
        )
        return 0
    found = lib.backups()
    if args.json:
        print_json(
            {
                "keep": lib.backup_keep(),
                "backups": [
                    {"path": str(b.path), "kind": b.kind, "created": b.created, "size": b.size}
                    for b in found
                ],
            }
        )
        return 0
    if not found:
        print("No backups yet.")
    names = {"auto": "automatic", "manual": "by hand", "upgrade": "before an upgrade"}
    for b in found:
        print(f"{b.created}  {names[b.kind]:<18} {_size(b.size):>8}  {b.path.name}")
    keep = lib.backup_keep()
    print(
        f"Automatic backups on close after changes (the command line's at most one "
        f"every {int(AUTO_SPACING.total_seconds() // 60)} minutes): the newest {keep} of "
        "the last day kept, then one a day for a week and one a week for five weeks."
        if keep
        else "Automatic backups are off."
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Runs without opening the library: its database may be damaged."""
    if not args.latest and not args.file:
        print("kzreader: error: name a backup FILE, or use --latest", file=sys.stderr)
        return 2
    folder = Path(getattr(args, "library", None) or default_library_dir())
    used, kept = Library.restore_backup(
        folder, None if args.latest else args.file, program="the kzreader command line"
    )
    print(f"Restored {used.name} into {folder}.")
    if kept is not None:
        print(f"The database it replaced is kept as {kept.name}.")
    return 0


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="back the library up: into its backups/ folder, or the whole library into OUT",
    )
    p.add_argument(
        "out",
        nargs="?",
        metavar="OUT",
        help="a single file holding the whole library, to restore here or on another "
        "computer with kzreader restore OUT",
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "backups", parents=[common], help="list the backups, or set how many are kept"
    )
    p.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="keep the newest N automatic backups of the last day, then one a day for a week "
        "and one a week for five weeks (0: no automatic backups)",
    )
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the library's database by a backup (the current one is kept aside)",
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="the backup to restore: one of backups/, or a file written by kzreader backup OUT",
    )
    p.add_argument("--latest", action="store_true", help="restore the newest backup")
    p.set_defaults(func=None, run=cmd_restore)
