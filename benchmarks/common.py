"""Shared helpers of the benchmark scripts: paths, statistics, memory, output."""

from __future__ import annotations

import contextlib
import json
import math
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
WORK = BENCH / "work"
RESULTS = BENCH / "results"
PYTHON = sys.executable

#: The tags autocoded in every base library, for the tag queries of the search mix.
BASE_TAGS = (("Zas", "Bench/Zas"), ("Blinken", "Bench/Blinken"), ("Almaty", "Bench/Almaty"))


def work_dir(size: int) -> Path:
    return WORK / str(size)


def summary(values: list[float], digits: int = 4) -> dict:
    """``{runs, median, min, max}`` of repeated measurements."""
    if not values:
        return {"runs": 0, "median": None, "min": None, "max": None}
    return {
        "runs": len(values),
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "values": [round(v, digits) for v in values],
    }


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def latency(values_s: list[float]) -> dict:
    """p50/p95/max (and count) in milliseconds of latencies in seconds."""
    ms = [v * 1000 for v in values_s]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2),
    }


def peak_rss_mb() -> float:
    """The process's peak resident set size (``VmHWM``), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def uncache(folder: Path) -> bool:
    """Ask the system to drop the cached pages of every file under
    ``folder`` (``POSIX_FADV_DONTNEED``; no privilege needed), as after a
    restart: for figures of a first read from the disk. False where the
    system offers no such call."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.rglob("*"):
        if path.is_file():
            with contextlib.suppress(OSError):
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)
    return True


class Heartbeat:
    """Writes how far a long child got, so that a run stopped by its time
    limit can still say where it was."""

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path else None
        self.started = time.perf_counter()
        self._last = 0.0

    def beat(self, **facts: object) -> None:
        if self.path is None:
            return
        now = time.perf_counter()
        if now - self._last < 1.0:
            return
        self._last = now
        data = {"elapsed_s": round(now - self.started, 1), **facts}
        self.path.write_text(json.dumps(data), "utf-8")


def stamp_current(path: Path, stamp: dict) -> bool:
    """Whether the stamp file at ``path`` says ``stamp`` (a work library is
    then still the one its stamp describes)."""
    try:
        return bool(json.loads(path.read_text("utf-8")) == stamp)
    except (OSError, ValueError):
        return False


def write_json(path: str | Path, data: object) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def dir_size_mb(path: Path) -> float:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += (Path(root) / name).stat().st_size
    return round(total / 1e6, 1)
