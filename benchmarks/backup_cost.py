"""What the automatic backup on close costs a scripted session: 20
consecutive ``kzreader tag create`` commands on a library of the generated
corpus, each its own process, under the old rule (a backup on every close
after a change, the newest 10 kept) and the current one (a backup on close
only when the newest automatic backup is older than ``AUTO_SPACING``,
thinned by age).

    .venv/bin/python benchmarks/backup_cost.py                 # 10,000 articles
    .venv/bin/python benchmarks/backup_cost.py --sizes 1000 --commands 10

The library is built (or reused) by ``kwic.ensure_library`` and copied to a
scratch folder for each rule, with no backups in it. Each command runs
``kzreader.cli.main`` in a child process, which times its own backups (the
wrapped ``Library.backup``); the parent times the whole command. The old rule
is the current code's close with no spacing (``Library.close(spacing=0)``),
which within one day keeps the newest ``keep`` as the old rotation did.
Writes ``benchmarks/results/backup-cost.json`` and ``backup-cost.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import PYTHON, RESULTS, work_dir, write_json
from generate import DEFAULT_SEED
from kwic import ensure_library, log

ROOT = Path(__file__).resolve().parent.parent

#: The child: runs one command, with the rule asked for, and writes the
#: seconds its backups took to the file named by ``KZ_BENCH_BACKUP_TIMES``.
CHILD = r"""
import functools, os, sys, time
from datetime import timedelta
from kzreader.core.library import Library
from kzreader import cli

spent = [0.0]
made = [0]
original_backup = Library.backup

def timed_backup(self, *args, **kwargs):
    started = time.perf_counter()
    try:
        return original_backup(self, *args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - started
        made[0] += 1

Library.backup = timed_backup
if os.environ["KZ_BENCH_RULE"] == "old":
    Library.close = functools.partialmethod(Library.close, spacing=timedelta(0))
code = cli.main(sys.argv[1:])
with open(os.environ["KZ_BENCH_BACKUP_TIMES"], "a") as out:
    out.write(f"{spent[0]} {made[0]}\n")
sys.exit(code)
"""


def run_rule(base: Path, scratch: Path, rule: str, commands: int) -> dict:
    target = scratch / rule
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("backups"))
    times_file = scratch / f"{rule}-backups.txt"
    times_file.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KZ_BENCH_RULE": rule,
        "KZ_BENCH_BACKUP_TIMES": str(times_file),
    }
    walls = []
    for n in range(commands):
        argv = ["tag", "create", f"Bench/{rule}-{n}", "--library", str(target)]
        started = time.perf_counter()
        subprocess.run([PYTHON, "-c", CHILD, *argv], env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
    rows = [line.split() for line in times_file.read_text().splitlines()]
    backup_s = [float(r[0]) for r in rows]
    backups = sum(int(r[1]) for r in rows)
    kept = list((target / "backups").glob("auto-*.sqlite"))
    result = {
        "rule": rule,
        "commands": commands,
        "total_s": round(sum(walls), 2),
        "command_median_s": round(statistics.median(walls), 3),
        "backup_total_s": round(sum(backup_s), 2),
        "backups_taken": backups,
        "backup_share": round(sum(backup_s) / sum(walls), 4),
        "auto_backups_kept": len(kept),
        "auto_backups_mb": round(sum(p.stat().st_size for p in kept) / 1e6, 1),
        "database_mb": round((target / "library.sqlite").stat().st_size / 1e6, 1),
    }
    shutil.rmtree(target, ignore_errors=True)
    return result


def markdown(results: dict) -> str:
    lines = [
        "# Backup cost of scripted commands",
        "",
        f"{results['commands']} consecutive `kzreader tag create` commands, each its own "
        "process; load average at the start "
        f"{results['loadavg']}.",
        "",
        "| articles | rule | total | median command | backups taken | backup time "
        "| backup share | automatic backups kept |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, rules in results["sizes"].items():
        for r in rules:
            lines.append(
                f"| {int(size):,} | {r['rule']} | {r['total_s']:.2f} s "
                f"| {r['command_median_s']:.2f} s | {r['backups_taken']} "
                f"| {r['backup_total_s']:.2f} s | {100 * r['backup_share']:.1f} % "
                f"| {r['auto_backups_kept']} ({r['auto_backups_mb']} MB; database "
                f"{r['database_mb']} MB) |"
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--commands", type=int, default=20)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    results: dict = {
        "commands": args.commands,
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "sizes": {},
    }
    for size in args.sizes:
        base = ensure_library(size, args.seed, False)
        scratch = work_dir(size) / "backup-cost"
        scratch.mkdir(parents=True, exist_ok=True)
        rules = []
        for rule in ("old", "new"):
            log(f"{size} articles, {rule} rule: {args.commands} commands")
            rules.append(run_rule(base, scratch, rule, args.commands))
            log("  " + json.dumps(rules[-1]))
        results["sizes"][str(size)] = rules
    write_json(RESULTS / "backup-cost.json", results)
    (RESULTS / "backup-cost.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
