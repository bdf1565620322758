"""Memory of a large import, all its processes together: the importing
process, the index process and the workers preparing files.

    .venv/bin/python benchmarks/generate.py --sizes 100000
    .venv/bin/python benchmarks/import_memory.py --size 100000   # about 7 minutes

Imports the generator's corpus of ``--size`` articles into a new library
(``benchmarks/work/<size>/import-memory``, removed afterwards) and samples,
every ``--interval`` seconds, the resident memory (``VmRSS``) of this
process and of each of its children from ``/proc`` (Linux only). The
figure held to the target (≤ 400 MB at 100,000 articles) is the tree's
peak: the largest sum over one sample. Each process's own peak
(``VmHWM``) is given beside it. Writes
``benchmarks/results/import-memory-<size>.json`` and ``.md``.

The library is imported here, not at the top: the import's processes are
spawned, and each imports this script again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

TARGET_MB = 400


def _status(pid: int) -> dict[str, str]:
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def _kind(pid: int) -> str:
    """What a child is, from its command line."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmd:
            line = cmd.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return "child"
    if "resource_tracker" in line:
        return "resource tracker"
    return "spawned process"


class TreeSampler:
    """The resident memory of this process and its descendants, sampled."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self.peak_at_s = 0.0
        self.peak_parts: dict[str, float] = {}
        self.own_peaks: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started = 0.0

    def __enter__(self) -> TreeSampler:
        self._started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _tree(self) -> list[int]:
        me = os.getpid()
        parents: dict[int, int] = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    parents[int(name)] = int(_status(int(name))["PPid"])
                except (OSError, KeyError, ValueError):
                    continue
        tree, frontier = [me], [me]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            tree += frontier
        return tree

    def _sample(self) -> None:
        total, parts = 0.0, {}
        for pid in self._tree():
            try:
                fields = _status(pid)
            except OSError:
                continue
            rss = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
            hwm = int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
            kind = "importing process" if pid == os.getpid() else _kind(pid)
            label = f"{kind} {pid}"
            parts[label] = round(rss, 1)
            total += rss
            old = self.own_peaks.get(pid, (kind, 0.0))[1]
            self.own_peaks[pid] = (kind, max(old, hwm))
        if total > self.peak_mb:
            self.peak_mb = round(total, 1)
            self.peak_at_s = round(time.perf_counter() - self._started, 1)
            self.peak_parts = parts

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--interval", type=float, default=0.5)
    args = parser.parse_args()
    from common import RESULTS, write_json
    from generate import corpus_dir
    from run import machine_facts

    from kzreader.core.library import Library

    corpus = corpus_dir(args.size)
    if not corpus.exists():
        print(f"no corpus of {args.size}: run generate.py --sizes {args.size} first")
        return 2
    target = HERE / "work" / str(args.size) / "import-memory"
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    library = Library(target)
    with TreeSampler(args.interval) as sampler:
        started = time.perf_counter()
        report = library.import_paths([corpus])
        import_s = time.perf_counter() - started
    library.close()
    shutil.rmtree(target, ignore_errors=True)
    imported = report.count("imported")
    own = sorted(
        ((kind, round(mb, 1)) for kind, mb in sampler.own_peaks.values()),
        key=lambda item: -item[1],
    )
    out = {
        "size": args.size,
        "imported": imported,
        "import_s": round(import_s, 1),
        "tree_peak_mb": sampler.peak_mb,
        "tree_peak_at_s": sampler.peak_at_s,
        "tree_peak_parts_mb": sampler.peak_parts,
        "own_peaks_mb": own,
        "target_mb": TARGET_MB,
        "met": sampler.peak_mb <= TARGET_MB,
        "interval_s": args.interval,
        "machine": machine_facts(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    write_json(RESULTS / f"import-memory-{args.size}.json", out)
    lines = [
        f"# Memory of an import of {args.size:,} articles, all its processes",
        "",
        "Written by `benchmarks/import_memory.py`; resident memory sampled every "
        f"{args.interval} s from `/proc`.",
        "",
        f"- Imported: {imported:,} articles in {import_s:.0f} s.",
        f"- **Peak of the processes together: {sampler.peak_mb:.0f} MB** at "
        f"{sampler.peak_at_s:.0f} s (target ≤ {TARGET_MB} MB: "
        + ("met)." if out["met"] else "missed)."),
        "- At that sample: "
        + ", ".join(f"{k} {v:.0f} MB" for k, v in sampler.peak_parts.items())
        + ".",
        "- Each process's own peak (VmHWM): "
        + ", ".join(f"{kind} {mb:.0f} MB" for kind, mb in own)
        + ".",
    ]
    (RESULTS / f"import-memory-{args.size}.md").write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
