"""The concordance (``Library.kwic``) over the generated corpora: how long a
common word's lines take, all of them and the first 50.

    .venv/bin/python benchmarks/kwic.py                      # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/kwic.py --sizes 1000 --runs 3
    .venv/bin/python benchmarks/kwic.py --profile 10000      # cProfile of the main query

Builds (or reuses) a library of each corpus in ``benchmarks/work/<size>/kwic/``
— kept while the corpus and the index format are unchanged — then, in a
child process per size (so that its first query is a cold one, as the app's
first is), runs each query of ``QUERIES`` ``--runs`` times:

- ``first 50``: ``Library.iter_kwic(query, ordered=False)`` (what the panel
  runs) until its 50th line;
- ``all lines``: the same generator to its end;
- ``kwic()``: ``Library.kwic(query)``, every line in document order, and
  ``kwic(query, sort="left")``;
- ``panel``: the concordance panel (offscreen) from ``set_query`` to its
  first 50 rows, and to its ``finished`` signal (sorting included).

Times are wall-clock (``time.perf_counter``) with the process's CPU time
beside them: the machine is shared, and its load average is recorded.
Targets: all lines within 0.5 s at 1,000 articles and 2 s at 10,000, the
first lines within 200 ms. Writes ``benchmarks/results/kwic.json`` and
``kwic.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import PYTHON, RESULTS, peak_rss_mb, stamp_current, work_dir, write_json
from generate import DEFAULT_SEED, corpus_dir, generate, load_manifest

#: ``(label, query)``: a common word first (the one the targets are for),
#: two more, and a phrase (found by the slower, exact path).
QUERIES = (
    ("common word", "Kazakhstan"),
    ("common word", "forces"),
    ("common word", "paix"),
    ("phrase", '"maintien de la paix"'),
)
TARGETS = {"all_s": {1000: 0.5, 10000: 2.0}, "first_s": 0.2}
FIRST = 50


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the libraries -----------------------------------------------------------------


def ensure_library(size: int, seed: int, fresh: bool) -> Path:
    """The library of the corpus of ``size`` articles, built unless current."""
    from kzreader.core.index import INDEX_FORMAT
    from kzreader.core.library import Library

    generate(size, seed)
    target = work_dir(size) / "kwic"
    stamp_path = work_dir(size) / "kwic.json"
    stamp = {"corpus": load_manifest(size)["sha256"], "index_format": INDEX_FORMAT}
    current = stamp_current(stamp_path, stamp)
    if current and target.exists() and not fresh:
        with Library(target):  # brings an older schema up to date
            pass
        return target
    log(f"importing {size} articles into {target} (not measured)")
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Library(target) as lib:
        report = lib.import_paths([corpus_dir(size)])
        imported = sum(r.status == "imported" for r in report.results)
    log(f"  {imported} imported in {time.perf_counter() - started:.0f} s")
    write_json(stamp_path, stamp)
    return target


# -- measuring (in the child) -------------------------------------------------------------


class Clock:
    """Wall-clock and CPU seconds since it was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def _stats(values: list[float]) -> dict:
    return {
        "first": round(values[0], 4),
        "median": round(statistics.median(values), 4),
        "max": round(max(values), 4),
        "values": [round(v, 4) for v in values],
    }


def measure_core(lib, query: str, runs: int) -> dict:  # type: ignore[no-untyped-def]
    first_wall, first_cpu, all_wall, all_cpu = [], [], [], []
    ordered_wall, sorted_wall = [], []
    lines = articles = 0
    for _ in range(runs):
        clock = Clock()
        stream = lib.iter_kwic(query, ordered=False)
        head = list(itertools.islice(stream, FIRST))
        wall, cpu = clock.read()
        first_wall.append(wall)
        first_cpu.append(cpu)
        rest = list(stream)
        wall, cpu = clock.read()
        all_wall.append(wall)
        all_cpu.append(cpu)
        lines = len(head) + len(rest)
        articles = len({ln.document_id for ln in itertools.chain(head, rest)})
        clock = Clock()
        lib.kwic(query)
        ordered_wall.append(clock.read()[0])
        clock = Clock()
        lib.kwic(query, sort="left")
        sorted_wall.append(clock.read()[0])
    return {
        "lines": lines,
        "articles": articles,
        "first_s": _stats(first_wall),
        "first_cpu_s": _stats(first_cpu),
        "all_s": _stats(all_wall),
        "all_cpu_s": _stats(all_cpu),
        "kwic_s": _stats(ordered_wall),
        "kwic_sorted_s": _stats(sorted_wall),
    }


def measure_panel(lib, queries: list[str], runs: int) -> dict:  # type: ignore[no-untyped-def]
    """The panel offscreen: from ``set_query`` to 50 rows, and to ``finished``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from kzreader.gui.context import AppContext
    from kzreader.gui.panels.kwic_panel import ConcordancePanel

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(lib, settings)
    panel = ConcordancePanel(ctx)
    panel.resize(1200, 700)
    panel.show()
    out = {}
    for query in queries:
        first, done = [], []
        for _ in range(runs):
            loop = QEventLoop()
            marks: dict[str, float] = {}

            def rows(*_args: object, marks: dict[str, float] = marks) -> None:
                if "first" not in marks and panel.model.rowCount() >= FIRST:
                    marks["first"] = time.perf_counter()

            def finished(_n: int, marks: dict[str, float] = marks, loop=loop) -> None:
                marks["done"] = time.perf_counter()
                loop.quit()

            panel.model.rowsInserted.connect(rows)
            panel.finished.connect(finished)
            QTimer.singleShot(120_000, loop.quit)
            started = time.perf_counter()
            panel.set_query(query)
            loop.exec()
            panel.model.rowsInserted.disconnect(rows)
            panel.finished.disconnect(finished)
            first.append(marks.get("first", marks.get("done", time.perf_counter())) - started)
            done.append(marks.get("done", time.perf_counter()) - started)
        out[query] = {"first_s": _stats(first), "finished_s": _stats(done)}
    panel.close()
    ctx.close()
    app.processEvents()
    return out


def child(size: int, path: Path, runs: int) -> dict:
    from kzreader.core.library import Library

    load_before = os.getloadavg()
    with Library(path) as lib:
        articles = lib.counts()[0]
        results = []
        for label, query in QUERIES:
            log(f"  {size}: {query}")
            entry = {"label": label, "query": query, **measure_core(lib, query, runs)}
            results.append(entry)
        log(f"  {size}: the panel")
        panel = measure_panel(lib, [QUERIES[0][1]], runs)
    return {
        "size": size,
        "articles": articles,
        "runs": runs,
        "queries": results,
        "panel": panel,
        "peak_rss_mb": peak_rss_mb(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
    }


def profile(size: int, path: Path) -> Path:
    from kzreader.core.library import Library

    query = QUERIES[0][1]
    with Library(path) as lib:
        list(lib.iter_kwic(query, ordered=False))  # the caches warm, as in the runs after the first
        profiler = cProfile.Profile()
        profiler.enable()
        list(lib.iter_kwic(query, ordered=False))
        profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    text.write(f"cProfile of Library.iter_kwic({query!r}) at {size} articles (warm)\n\n")
    text.write("== by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(30)
    text.write("== by own time\n")
    stats.sort_stats("tottime").print_stats(30)
    out = RESULTS / f"profile-kwic-{size}.txt"
    out.write_text(text.getvalue(), "utf-8")
    return out


# -- the report ------------------------------------------------------------------------------


def verdict(value: float, target: float) -> str:
    return f"✅ met (≤ {target:g} s)" if value <= target else f"❌ missed (> {target:g} s)"


def ms(stats: dict, key: str = "median") -> str:
    return f"{stats[key] * 1000:.0f} ms"


def markdown(data: dict) -> str:
    m = data["machine"]
    lines = [
        "# Concordance (KWIC)",
        "",
        "`benchmarks/kwic.py`: each query through `Library.iter_kwic(query, ordered=False)` "
        f"(what the panel runs), {data['runs']} runs in a child process per size (its first "
        "run is the process's first query: cold caches), then `Library.kwic(query)` and "
        '`kwic(query, sort="left")`, and the panel offscreen. Wall-clock times, median of '
        "the runs (first run and max beside); CPU time of the process beside the wall time, "
        "as the machine is shared.",
        "",
        f"- machine: {m['cpu_count']} CPUs, Python {m['python']}, commit "
        f"{m['git_commit'][:7]}{' (uncommitted changes)' if m['git_dirty'] else ''}",
        "",
    ]
    for size in data["sizes"]:
        result = data["results"][str(size)]
        main = result["queries"][0]
        target = TARGETS["all_s"].get(size)
        lines += [
            f"## {result['articles']:,} articles",
            "",
            f"Load average {', '.join(f'{x:.1f}' for x in result['load_average_before'])} before, "
            f"{', '.join(f'{x:.1f}' for x in result['load_average_after'])} after; "
            f"peak RSS {result['peak_rss_mb']:.0f} MB.",
            "",
        ]
        if target is not None:
            lines += [
                f"- **all the lines of {main['query']!r}** ({main['lines']:,} lines in "
                f"{main['articles']:,} articles): {ms(main['all_s'])} "
                f"(CPU {ms(main['all_cpu_s'])}) — {verdict(main['all_s']['median'], target)}",
                f"- **its first {FIRST} lines**: {ms(main['first_s'])} — "
                f"{verdict(main['first_s']['median'], TARGETS['first_s'])}; the process's "
                f"first query (cold: the table of letters, 0.1 s, the index files and the "
                f"stemmer's cache) {ms(main['first_s'], 'first')} — "
                f"{verdict(main['first_s']['first'], TARGETS['first_s'])}. The panel builds "
                "that table on a worker when it opens (`kwic.prepare`)",
            ]
        panel = result["panel"].get(main["query"])
        if panel:
            lines.append(
                f"- **the panel**: {FIRST} rows shown after {ms(panel['first_s'])}, every line "
                f"in and sorted after {ms(panel['finished_s'])}"
            )
        lines += [
            "",
            "| query | lines | articles | first 50 | all lines | (CPU) | first run, all | "
            "max, all | kwic() | kwic(sort=left) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for q in result["queries"]:
            lines.append(
                f"| `{q['query']}` ({q['label']}) | {q['lines']:,} | {q['articles']:,} | "
                f"{ms(q['first_s'])} | {ms(q['all_s'])} | {ms(q['all_cpu_s'])} | "
                f"{ms(q['all_s'], 'first')} | {ms(q['all_s'], 'max')} | {ms(q['kwic_s'])} | "
                f"{ms(q['kwic_sorted_s'])} |"
            )
        lines.append("")
    if data.get("profiles"):
        lines += ["Profiles: " + ", ".join(f"`{p}`" for p in data["profiles"]), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="runs of each query (default 5)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--fresh", action="store_true", help="rebuild the libraries")
    parser.add_argument("--profile", type=int, nargs="*", metavar="SIZE",
                        help="write a cProfile of the main query at these sizes")  # fmt: skip
    parser.add_argument("--child", type=int, metavar="SIZE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        path = work_dir(args.child) / "kwic"
        print(json.dumps(child(args.child, path, args.runs)))
        return 0
    from run import machine_facts

    results = {}
    for size in args.sizes:
        path = ensure_library(size, args.seed, args.fresh)
        log(f"measuring at {size} articles")
        done = subprocess.run(
            [PYTHON, __file__, "--child", str(size), "--runs", str(args.runs)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            return 1
        results[str(size)] = json.loads(done.stdout.splitlines()[-1])
    profiles = [str(profile(size, work_dir(size) / "kwic")) for size in args.profile or []]
    data = {
        "sizes": args.sizes,
        "runs": args.runs,
        "seed": args.seed,
        "targets": {"all_s": TARGETS["all_s"], "first_s": TARGETS["first_s"]},
        "results": results,
        "profiles": [str(Path(p).relative_to(RESULTS.parent.parent)) for p in profiles],
        "machine": machine_facts(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    write_json(RESULTS / "kwic.json", data)
    (RESULTS / "kwic.md").write_text(markdown(data), "utf-8")
    log(f"results in {RESULTS / 'kwic.json'} and .md")
    missed = [
        size
        for size in args.sizes
        if size in TARGETS["all_s"]
        and (
            results[str(size)]["queries"][0]["all_s"]["median"] > TARGETS["all_s"][size]
            or results[str(size)]["queries"][0]["first_s"]["median"] > TARGETS["first_s"]
        )
    ]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
