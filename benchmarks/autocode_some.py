"""Autocode limited to some documents: ``Library.autocode(word, tag,
document_ids=...)`` for 1,000 documents of the 10,000-article library, then
``undo()``, on a scratch copy of ``kwic.ensure_library``'s library.

    .venv/bin/python benchmarks/autocode_some.py
    .venv/bin/python benchmarks/autocode_some.py --size 1000 --documents 100

Prints the wall-clock and CPU seconds of each run and the passages made.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import work_dir
from generate import DEFAULT_SEED
from kwic import ensure_library


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--word", default="Kazakhstan")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from kzreader.core.library import Library

    base = ensure_library(args.size, DEFAULT_SEED, False)
    target = work_dir(args.size) / "autocode-some"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("backups"))
    with Library(target) as lib:
        ids = [d.id for d in lib.documents()]
        chosen = ids[:: max(1, len(ids) // args.documents)][: args.documents]
        for run in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            changes = lib.autocode(args.word, "Bench", document_ids=chosen)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(
                f"run {run + 1}: {len(chosen)} of {len(ids)} documents, "
                f"{changes.passages_created} passages in {wall:.2f} s (CPU {cpu:.2f} s)"
            )
            lib.undo()
        lib.close(backup=False)
    shutil.rmtree(target, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
