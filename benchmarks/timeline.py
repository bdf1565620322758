"""The timeline at 10,000 articles: ``Library.timeline`` and the chart's paint.

    .venv/bin/python benchmarks/timeline.py                  # 10,000 articles
    .venv/bin/python benchmarks/timeline.py --size 1000 --runs 5

Builds (or reuses) ``benchmarks/work/<size>/timeline/``: the generated corpus
imported by kzreader and the base tags autocoded (``common.BASE_TAGS``, under
``Bench/``); kept while the corpus is unchanged. The generated articles are
dated from December 2021 to March 2022, so a copy, ``timeline-year/``, has
its dates spread over the year 2021 (article ``i`` on day ``i % 365``, one
in 40 left undated), written straight into its ``published`` column: the
figures of a year of articles.

Measured after one warm-up call, ``--runs`` times each, with
``time.perf_counter``:

- ``Library.timeline`` per day and per week, of every article and of the
  passages of ``Bench`` (with its three sub-tags), on both libraries; what
  the matrix panel loads (``tags_by_source``, ``coded_by_source``,
  ``cooccurrence``) beside them;
- the chart (``gui.chart_widgets.TimelineChart``, offscreen, 900 × 420):
  ``set_timeline`` (building the bars), one paint of what the widget shows
  (``paint_chart`` into an image of the viewport's size, as a paint event
  draws it), the same scrolled to the end, and the drawing of the whole
  width (what the PNG export draws, before encoding), then the PNG and SVG
  files written.

Targets: timeline data ≤ 0.5 s, a paint of the chart ≤ 50 ms. Writes
``benchmarks/results/timeline.json`` and ``timeline.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import BASE_TAGS, RESULTS, peak_rss_mb, summary, work_dir, write_json
from generate import DEFAULT_SEED, corpus_dir, generate, load_manifest
from run import log, machine_facts

DATA_TARGET_S = 0.5
PAINT_TARGET_MS = 50.0
CHART_SIZE = (900, 420)
#: Bumped when the libraries are made differently: they are rebuilt.
LIBRARY_VERSION = 1


def ensure_libraries(size: int, seed: int, fresh: bool) -> tuple[Path, Path]:
    """The corpus's library (tagged) and its copy with dates over a year."""
    from kzreader.core.library import Library

    generate(size, seed)
    base = work_dir(size) / "timeline"
    year = work_dir(size) / "timeline-year"
    stamp_path = work_dir(size) / "timeline.json"
    stamp = {"corpus": load_manifest(size)["sha256"], "version": LIBRARY_VERSION}
    try:
        current = json.loads(stamp_path.read_text("utf-8")) == stamp
    except (OSError, ValueError):
        current = False
    if current and base.exists() and year.exists() and not fresh:
        return base, year
    shutil.rmtree(base, ignore_errors=True)
    shutil.rmtree(year, ignore_errors=True)
    base.parent.mkdir(parents=True, exist_ok=True)
    log(f"importing {size} articles into {base} (not measured)")
    started = time.perf_counter()
    with Library(base) as lib:
        lib.import_paths([corpus_dir(size)])
        for word, tag in BASE_TAGS:
            lib.autocode(word, tag)
        documents, passages = lib.counts()
    log(f"  {documents} articles, {passages} passages in {time.perf_counter() - started:.0f} s")
    shutil.copytree(base, year, ignore=shutil.ignore_patterns("kzreader.lock"))
    conn = sqlite3.connect(year / "library.sqlite")
    with conn:
        conn.execute(
            "UPDATE documents SET published = CASE WHEN id % 40 = 0 THEN NULL "
            "ELSE date('2021-01-01', '+' || (id % 365) || ' days') END"
        )
    conn.close()
    write_json(stamp_path, stamp)
    return base, year


def timed(fn: Callable[[], object], runs: int) -> tuple[dict, object]:
    """``summary`` of ``runs`` timings (seconds) after one warm-up, and the result."""
    result = fn()
    values = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        values.append(time.perf_counter() - started)
    return summary(values), result


def measure_data(path: Path, runs: int) -> tuple[dict, dict]:
    from kzreader.core.library import Library

    lib = Library(path, read_only=True)
    out: dict = {"articles": lib.counts()[0], "passages": lib.counts()[1]}
    timelines = {}
    for unit in ("day", "week"):
        for tag in (None, "Bench"):
            key = f"{unit}, {'articles' if tag is None else 'passages of Bench'}"
            stats, t = timed(lambda unit=unit, tag=tag: lib.timeline(unit, tag), runs)
            stats.update(
                buckets=len(t.buckets),
                outlets=len(t.outlets),
                counted=t.total,
                undated=t.undated_total,
                imprecise=t.imprecise_total,
            )
            out[key] = stats
            timelines[key] = t
            log(f"  timeline {key}: {stats['median'] * 1000:.0f} ms median, {len(t.buckets)} bars")
    out["tags_by_source"], _ = timed(lib.tags_by_source, runs)
    out["coded_by_source"], _ = timed(lib.coded_by_source, runs)
    out["cooccurrence"], _ = timed(lib.cooccurrence, min(runs, 3))
    lib.close()
    return out, timelines


def measure_paint(timelines: dict, runs: int, folder: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from kzreader.gui import theme
    from kzreader.gui.chart_widgets import TimelineChart

    app = QApplication.instance() or QApplication([])
    theme.apply(app, "light")
    out = {}
    for key, t in timelines.items():
        chart = TimelineChart()
        chart.resize(*CHART_SIZE)
        chart.show()
        app.processEvents()
        build, _ = timed(lambda chart=chart, t=t: chart.set_timeline(t, "Benchmark"), runs)
        size = chart.viewport().size()
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)

        def paint(offset: int, chart=chart, image=image, size=size) -> None:  # type: ignore[no-untyped-def]
            painter = QPainter(image)
            chart.paint_chart(painter, size, offset)
            painter.end()

        visible, _ = timed(lambda: paint(0), runs)
        end = chart.horizontalScrollBar().maximum()
        scrolled, _ = timed(lambda end=end: paint(end), runs)
        whole, _ = timed(chart.image, runs)
        png = folder / "chart.png"
        svg = folder / "chart.svg"
        png_write, _ = timed(
            lambda png=png, chart=chart: chart.image().save(str(png)), max(1, runs // 2)
        )
        svg_write, _ = timed(
            lambda svg=svg, chart=chart: chart.write_svg(str(svg), "Benchmark"), max(1, runs // 2)
        )
        out[key] = {
            "bars": len(chart.groups),
            "series": len(chart.series),
            "full_width_px": chart.full_size().width(),
            "scroll_range_px": end,
            "set_timeline": build,
            "paint_visible": visible,
            "paint_scrolled_to_end": scrolled,
            "draw_whole_width": whole,
            "write_png": png_write,
            "png_bytes": png.stat().st_size,
            "write_svg": svg_write,
            "svg_bytes": svg.stat().st_size,
        }
        log(
            f"  chart {key}: {len(chart.groups)} bars, paint {visible['median'] * 1000:.1f} ms, "
            f"whole width {whole['median'] * 1000:.1f} ms"
        )
        chart.deleteLater()
    app.processEvents()
    return out


def markdown(data: dict) -> str:
    m = data["machine"]
    lines = [
        f"# Timeline at {data['size']:,} articles",
        "",
        f"`benchmarks/timeline.py --size {data['size']}`, {data['runs']} runs after one "
        f"warm-up; times in ms: median (min–max). Targets: data ≤ "
        f"{DATA_TARGET_S * 1000:.0f} ms, a paint of the chart ≤ {PAINT_TARGET_MS:.0f} ms "
        f"({CHART_SIZE[0]} × {CHART_SIZE[1]}, offscreen).",
        "",
        f"- **slowest timeline**: {data['summary']['slowest_data_ms']:.0f} ms; "
        f"**slowest paint**: {data['summary']['slowest_paint_ms']:.1f} ms; "
        f"over target: {', '.join(data['summary']['over_target']) or 'none'}",
        f"- machine: {m['cpu_count']} CPUs, Python {m['python']}, SQLite {m['sqlite']}, "
        f"PySide6 {m['versions'].get('PySide6-Essentials')}, commit {m['git_commit'][:7]}"
        f"{' (uncommitted changes)' if m['git_dirty'] else ''}, load average "
        f"{', '.join(f'{x:.1f}' for x in m['load_average'])}; peak RSS {data['peak_rss_mb']} MB",
        "",
    ]

    def ms(s: dict) -> str:
        return f"{s['median'] * 1000:.1f} ({s['min'] * 1000:.1f}–{s['max'] * 1000:.1f})"

    for name, label in (("corpus", "the generated corpus (Dec 2021 – Mar 2022)"),
                        ("year", "dates spread over 2021")):  # fmt: skip
        d = data["data"][name]
        lines += [
            f"## {label}: {d['articles']:,} articles, {d['passages']:,} passages",
            "",
            "| timeline | bars | counted | undated | `Library.timeline` |",
            "|---|---:|---:|---:|---:|",
        ]
        for key, s in d.items():
            if isinstance(s, dict) and "buckets" in s:
                lines.append(
                    f"| {key} | {s['buckets']} | {s['counted']:,} | {s['undated']:,} | {ms(s)} |"
                )
        lines += [
            f"| crosstab `tags_by_source` | | | | {ms(d['tags_by_source'])} |",
            f"| crosstab `coded_by_source` | | | | {ms(d['coded_by_source'])} |",
            f"| matrix `cooccurrence` | | | | {ms(d['cooccurrence'])} |",
            "",
            "| chart | bars | width px | set_timeline | paint shown | paint at end | "
            "whole width | PNG file | SVG file |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for key, c in data["paint"][name].items():
            lines.append(
                f"| {key} | {c['bars']} | {c['full_width_px']:,} | {ms(c['set_timeline'])} | "
                f"{ms(c['paint_visible'])} | {ms(c['paint_scrolled_to_end'])} | "
                f"{ms(c['draw_whole_width'])} | {ms(c['write_png'])} | {ms(c['write_svg'])} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles (default 10000)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each figure (default 7)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--fresh", action="store_true", help="rebuild the libraries")
    args = parser.parse_args(argv)
    base, year = ensure_libraries(args.size, args.seed, args.fresh)
    data: dict = {"size": args.size, "runs": args.runs, "seed": args.seed, "data": {}, "paint": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in (("corpus", base), ("year", year)):
            log(f"{name}: {path}")
            data["data"][name], timelines = measure_data(path, args.runs)
            data["paint"][name] = measure_paint(timelines, args.runs, Path(tmp))
    slowest_data = max(
        s["max"] for d in data["data"].values() for s in d.values() if isinstance(s, dict)
        and "buckets" in s
    )  # fmt: skip
    slowest_paint = max(
        c[k]["max"] for p in data["paint"].values() for c in p.values()
        for k in ("paint_visible", "paint_scrolled_to_end")
    )  # fmt: skip
    over = []
    if slowest_data > DATA_TARGET_S:
        over.append(f"timeline data {slowest_data * 1000:.0f} ms")
    if slowest_paint * 1000 > PAINT_TARGET_MS:
        over.append(f"paint {slowest_paint * 1000:.1f} ms")
    data["summary"] = {
        "slowest_data_ms": round(slowest_data * 1000, 1),
        "slowest_paint_ms": round(slowest_paint * 1000, 2),
        "over_target": over,
    }
    data["peak_rss_mb"] = peak_rss_mb()
    data["machine"] = machine_facts()
    data["median_paint_ms"] = statistics.median(
        c["paint_visible"]["median"] * 1000 for p in data["paint"].values() for c in p.values()
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    write_json(RESULTS / "timeline.json", data)
    (RESULTS / "timeline.md").write_text(markdown(data), "utf-8")
    log(f"results in {RESULTS / 'timeline.json'} and .md; over target: {over or 'none'}")
    return 0 if not over else 1


if __name__ == "__main__":
    sys.exit(main())
