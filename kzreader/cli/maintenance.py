"""Commands that look after the library itself: check (and repair).

``kzreader check`` exits with 0 when nothing is left to fix (nothing was
found, or ``--repair`` fixed everything it found) and 1 when problems remain,
so that a script can run it and act on the status.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from kzreader.cli.output import Style, print_json
from kzreader.core.check import CheckProblem, CheckReport
from kzreader.core.library import Library


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _problem_line(p: CheckProblem) -> str:
    if p.repaired:
        return f"{_sentence(p.message)} (repaired: {p.outcome})"
    if p.outcome:
        return f"{_sentence(p.message)} ({p.outcome})"
    return _sentence(p.message)


def _summary(report: CheckReport) -> str:
    found = len(report.problems)
    if not found:
        return "No problems found."
    problems = f"{found} problem{'' if found == 1 else 's'}"
    left = report.remaining
    if report.repair:
        if not left:
            return f"{problems} found and repaired."
        return f"{problems} found: {found - len(left)} repaired, {len(left)} left."
    repairable = sum(p.repairable for p in left)
    hints = []
    if repairable:
        hints.append(
            f"{repairable} can be repaired with: kzreader check --repair"
            if repairable < found
            else "Repair with: kzreader check --repair"
        )
    if repairable < found:
        hints.append(f"{found - repairable} cannot be repaired in place (see above)")
    return f"{problems} found. " + "; ".join(hints) + "."


def report_json(report: CheckReport) -> dict[str, Any]:
    """The JSON object printed by ``check --json``."""
    return {
        "problems": [asdict(p) for p in report.problems],
        "notes": [asdict(n) for n in report.notes],
        "repaired": report.repaired,
        "clean": report.clean,
    }


def print_report(report: CheckReport, style: Style) -> None:
    if report.problems:
        print(style.bold("Problems:"))
        for p in report.problems:
            print(f"  - {_problem_line(p)}")
            if p.advice and not p.repaired:
                print(f"    {_sentence(p.advice)}.")
    if report.notes:
        print(style.bold("Notes:"))
        for n in report.notes:
            print(f"  - {_sentence(n.message)}.")
    print(style.bold(_summary(report)))


def cmd_check(lib: Library, args: argparse.Namespace) -> int:
    report = lib.check(repair=args.repair)
    if args.json:
        print_json(report_json(report))
    else:
        print(f"Checked the library at {lib.path}.")
        print_report(report, Style(sys.stdout))
    return 0 if report.clean else 1


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="check the library's database, texts, annotations, index and files; "
        "--repair fixes them",
        description=(
            "Check the database file and its schema, rows pointing at missing ones, "
            "each article's text against the hash recorded at import, each passage, tag "
            "and link against its checksum, the undo history, passages against their "
            "texts, the search index against the database, and temporary files left by "
            "interrupted operations. A damaged article or annotation is named with the "
            "newest backup that holds a good copy of it. Exit status 0 when nothing is "
            "left to fix, 1 when problems remain."
        ),
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="fix what can be fixed without losing work; a damaged text or row is "
        "written back only from a copy proven good (a backup, the article's original "
        "file); a damaged database file needs a backup: kzreader restore",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    # the check must see the index as it is: opening would mend it first
    p.set_defaults(func=cmd_check, sync_index=False)
