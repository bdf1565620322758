"""What the search dock asks of the core per query: the 200 hits with
snippets it used to fetch at once, against a page (``search_panel.PAGE``)
and the next page (``offset``), on ``kwic.ensure_library``'s library.

    .venv/bin/python benchmarks/search_pages.py                 # 10,000 articles
    .venv/bin/python benchmarks/search_pages.py --size 1000 --runs 3

Each query of ``scenarios.QUERY_MIX`` (the words and Boolean ones) is run
once to warm the index, then ``--runs`` times each way; the medians are
printed (wall-clock, ``time.perf_counter``; the machine is shared).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import DEFAULT_SEED
from kwic import ensure_library
from scenarios import QUERY_MIX

OLD_LIMIT = 200


def median_s(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from kzreader.core.library import Library
    from kzreader.gui.panels.search_panel import PAGE

    target = ensure_library(args.size, DEFAULT_SEED, False)
    print(f"| query | hits | {OLD_LIMIT} at once | first {PAGE} | next {PAGE} |")
    print("|---|---|---|---|---|")
    with Library(target, read_only=True) as lib:
        for kind, text, _ in QUERY_MIX:
            if kind not in ("word", "boolean") or "{" in text:
                continue
            total = lib.search(text, limit=PAGE).total
            whole = median_s(lambda t=text: lib.search(t, limit=OLD_LIMIT), args.runs)
            first = median_s(lambda t=text: lib.search(t, limit=PAGE), args.runs)
            more = median_s(lambda t=text: lib.search(t, limit=PAGE, offset=PAGE), args.runs)
            print(f"| {text} | {total} | {whole:.3f} s | {first:.3f} s | {more:.3f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
