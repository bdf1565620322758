"""What the index feed's intermediate commits cost an import: the corpus of
``--size`` articles imported into a fresh library with commits every
``indexer.COMMIT_EVERY`` documents, and with none until the end, one after
the other, ``--runs`` times each.

    .venv/bin/python benchmarks/import_commits.py             # 10,000 articles
    .venv/bin/python benchmarks/import_commits.py --size 1000 --runs 3

Each import runs in a process of its own (as the app's imports do); the
figure is ``Library.import_paths``'s wall-clock time, printed per run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import DEFAULT_SEED, corpus_dir, generate

NEVER = 10**9


def child(corpus: str, every: int) -> None:
    from kzreader.core import indexer
    from kzreader.core.library import Library

    indexer.COMMIT_EVERY = every
    folder = Path(tempfile.mkdtemp())
    try:
        with Library(folder / "library") as lib:
            started = time.perf_counter()
            lib.import_paths([Path(corpus)])
            print(f"{time.perf_counter() - started:.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    from kzreader.core.indexer import COMMIT_EVERY

    generate(args.size, DEFAULT_SEED)
    corpus = str(corpus_dir(args.size))
    for run in range(args.runs):
        for every in (NEVER, COMMIT_EVERY):
            out = subprocess.run(
                [sys.executable, __file__, "--child", corpus, str(every)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
            label = "no intermediate commit" if every == NEVER else f"a commit every {every}"
            print(f"run {run + 1}, {label}: {out} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
