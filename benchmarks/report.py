"""Markdown tables from benchmarks/results/results-<size>.json.

``write_markdown()`` writes ``results/results.md`` (the full tables);
``update_readme()`` puts the summary tables into ``benchmarks/README.md``
between its ``<!-- results:start -->`` and ``<!-- results:end -->`` markers.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from common import BENCH, RESULTS

START, END = "<!-- results:start -->", "<!-- results:end -->"

OK, MISSED = "✅ met", "❌ missed"

Cell = Callable[[dict], str]


def _first_query(sc: dict) -> str:
    """The first query's figure: after the read-ahead the app starts as it
    opens a library, and with nothing cached and no read-ahead."""
    text = f"{sc['first_query_s'] * 1000:.0f} ms (open {sc['open_s'] * 1000:.0f} ms)"
    cold = sc.get("first_query_cold")
    if not cold:
        return text
    state = "nothing cached" if cold["uncached"] else "the cache as it was"
    return (
        f"{text}, after reading the index ahead ({cold['read_ahead_mb']:.0f} MB in"
        f" {cold['read_ahead_s'] * 1000:.0f} ms, {state}); without it"
        f" {cold['first_query_s'] * 1000:.0f} ms"
    )


def load_results() -> list[dict]:
    out = []
    for path in RESULTS.glob("results-*.json"):
        try:
            out.append(json.loads(path.read_text("utf-8")))
        except ValueError:
            continue
    return sorted(out, key=lambda r: r["size"])


def _s(x: dict | None, unit: str = "s", scale: float = 1.0, digits: int = 2) -> str:
    """``median (min–max, n runs)`` of a summary."""
    if not x or x.get("median") is None:
        return "—"
    med, lo, hi = (x[k] * scale for k in ("median", "min", "max"))
    n = x.get("runs", 0)
    fmt = f"{{:.{digits}f}}"
    unit = f" {unit}" if unit else ""
    if n <= 1:
        return f"{fmt.format(med)}{unit} (1 run)"
    return f"{fmt.format(med)}{unit} ({fmt.format(lo)}–{fmt.format(hi)}, {n} runs)"


def _lat(x: dict | None) -> str:
    if not x:
        return "—"
    return f"{x['p50_ms']:.1f} / {x['p95_ms']:.1f} / {x['max_ms']:.1f}"


def _scenario(result: dict, name: str) -> dict | None:
    return result.get("scenarios", {}).get(name)


def _unfinished(sc: dict) -> str:
    progress = sc.get("progress") or {}
    where = ", ".join(f"{k} {v}" for k, v in progress.items())
    return f"not finished: stopped after {sc['reached_s']:.0f} s" + (f" ({where})" if where else "")


def _cell(result: dict, name: str, fn: Cell) -> str:
    sc = _scenario(result, name)
    if sc is None:
        return "not run"
    if not sc.get("finished", True):
        return _unfinished(sc)
    try:
        return fn(sc)
    except (KeyError, TypeError, IndexError):
        return "—"


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: the sizes whose figures a table compares in its last column
GROWTH = (10_000, 100_000)


def _first_number(cell: str) -> float | None:
    """A cell's first figure (a median, or a p50), None when it has none."""
    if cell.startswith(("not ", "—")):
        return None
    found = _NUMBER.search(cell)
    return float(found.group().replace(",", "")) if found else None


def growth(small: str, large: str) -> str:
    """``large``'s first figure over ``small``'s, as ``9.8×``."""
    a, b = _first_number(small), _first_number(large)
    if a is None or b is None or a == 0:
        return "—"
    return f"{b / a:.1f}×"


def _table(results: list[dict], rows: list[tuple[str, str, Cell]]) -> list[str]:
    sizes = [r["size"] for r in results]
    compare = all(size in sizes for size in GROWTH)
    head = "| Figure | " + " | ".join(f"{r['size']:,} articles" for r in results)
    head += " | growth 100k / 10k |" if compare else " |"
    lines = [head, "|---" * (len(results) + 1 + compare) + "|"]
    for label, name, fn in rows:
        cells = [_cell(r, name, fn) for r in results]
        if compare:
            cells.append(growth(cells[sizes.index(GROWTH[0])], cells[sizes.index(GROWTH[1])]))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


# -- targets ------------------------------------------------------------------------


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (OK if ok else MISSED)


def targets(result: dict) -> list[tuple[str, str, bool | None]]:
    """``(target, measured, met)`` for one size."""
    out: list[tuple[str, str, bool | None]] = []

    def add(label: str, name: str, fn: Callable[[dict], tuple[str, bool]]) -> None:
        sc = _scenario(result, name)
        if sc is None:
            out.append((label, "not run", None))
        elif not sc.get("finished", True):
            out.append((label, _unfinished(sc), False))
        else:
            try:
                out.append((label, *fn(sc)))
            except (KeyError, TypeError, IndexError):
                out.append((label, "—", None))

    def import_wall(sc: dict) -> tuple[str, bool]:
        v = sc["kz"]["total_s"]["median"]
        return f"{v:.1f} s", v <= 60

    def searchable(sc: dict) -> tuple[str, bool]:
        gap = sc["kz"]["searchable_s"]["median"] - sc["kz"]["total_s"]["median"]
        if not sc["kz_searchable_every_run"]:
            return "the last article was not found by the first search after the import", False
        text = f"all indexed, the last article found {gap * 1000:.0f} ms after the import returned"
        return text, gap <= 1.0

    def ratio(sc: dict) -> tuple[str, bool]:
        v = sc["ratio_kz_whoosh"]["median"]
        return f"{v:.2f}×", v <= 1.3

    def p95(category: str, limit: float) -> Callable[[dict], tuple[str, bool]]:
        def fn(sc: dict) -> tuple[str, bool]:
            v = sc["categories"][category]["kz"]["p95_ms"]
            return f"{v:.1f} ms", v <= limit

        return fn

    def cold(sc: dict) -> tuple[str, bool]:
        v = sc["usable_s"]["median"]
        return f"{v:.2f} s", v <= 1.0

    def opening(sc: dict) -> tuple[str, bool]:
        v = sc["open_painted_ms"]["median"]
        return f"{v:.0f} ms", v <= 150

    def stall(sc: dict) -> tuple[str, bool]:
        v = sc["max_gap_ms"]["max"]
        return f"{v:.0f} ms", v <= 50

    def first_query(sc: dict) -> tuple[str, bool]:
        v = sc["first_query_s"] * 1000
        return f"{v:.0f} ms", v <= 300

    def slowest(sc: dict) -> tuple[str, bool]:
        asked = [q for q in sc["queries"] if "within_answer_time" in q]
        if not asked:  # results from before the search had a time to answer in
            worst, category = max((c["kz"]["max_ms"], n) for n, c in sc["categories"].items())
            return f"slowest {worst:.0f} ms ({category})", worst <= 1000
        times = [(q["within_answer_time"]["ms"], q["category"]) for q in asked]
        times += [(q["kz"]["max_ms"], q["category"]) for q in sc["queries"] if q not in asked]
        worst, category = max(times)
        stopped = sum(not q["within_answer_time"]["complete"] for q in asked)
        early = f"; {stopped} of {len(asked)} stopped early, the best of what they reached"
        return f"slowest {worst:.0f} ms ({category}){early if stopped else ''}", worst <= 1000

    add("Import + index ≤ 60 s wall", "import", import_wall)
    add("Searchable as soon as the import ends", "import", searchable)
    add("Import ≤ 1.3 × bare Whoosh", "import", ratio)
    add("Search p95 ≤ 50 ms, words", "search", p95("word", 50))
    add("Search p95 ≤ 50 ms, boolean", "search", p95("boolean", 50))
    add("Search p95 ≤ 150 ms, phrases", "search", p95("phrase", 150))
    add("Cold start to a usable window ≤ 1.0 s", "coldstart", cold)
    add("Open the 1,000-passage article ≤ 150 ms", "open", opening)
    add("GUI thread blocked ≤ 50 ms during an import", "stall", stall)
    if result.get("size", 0) >= 100_000:  # the targets set for 100,000 articles
        for category, limit in (("word", 40), ("boolean", 80), ("phrase", 150)):
            add(f"At 100,000: search p95 ≤ {limit} ms, {category}", "search", p95(category, limit))
        for category, limit in (("prefix", 80), ("fuzzy", 200)):
            add(f"At 100,000: search p95 ≤ {limit} ms, {category}", "search", p95(category, limit))
        add("At 100,000: first query after opening ≤ 300 ms", "search", first_query)
        add("At 100,000: every query answers within 1 s (as the app asks it)", "search", slowest)
    peaks = peak_rss(result)
    if peaks:
        worst = max(peaks, key=lambda kv: kv[1])
        out.append(
            (
                "Peak RSS ≤ 300 MB (every kzreader scenario)",
                f"{worst[1]:.0f} MB ({worst[0]})",
                worst[1] <= 300,
            )
        )
    return out


def peak_rss(result: dict) -> list[tuple[str, float]]:
    """``(scenario, peak RSS in MB)`` of each kzreader process (largest of its runs)."""
    rows: list[tuple[str, float]] = []
    s = result.get("scenarios", {})

    def get(name: str, fn: Callable[[dict], float]) -> None:
        key = name.removesuffix("_child")
        if key in s and s[key].get("finished", True):
            with contextlib.suppress(KeyError, TypeError):
                rows.append((_RSS_LABELS_ALL[name], fn(s[key])))

    get("import", lambda sc: sc["kz"]["peak_rss_mb"]["max"])
    get("search", lambda sc: sc["peak_rss_mb"])
    get("coldstart", lambda sc: sc["peak_rss_mb"]["max"])
    get("open", lambda sc: sc["peak_rss_mb"])
    get("autocode", lambda sc: sc["peak_rss_mb"])
    get("stall", lambda sc: sc["peak_rss_mb"]["max"])
    get("stall_child", lambda sc: sc["child_peak_rss_mb"]["max"])
    return rows


_RSS_LABELS = {
    "import": "import",
    "search": "search",
    "coldstart": "cold start",
    "open": "open article",
    "autocode": "autocode + undo",
    "stall": "import through the GUI",
}
_RSS_LABELS_ALL = {**_RSS_LABELS, "stall_child": "the GUI import's child process"}


def targets_table(results: list[dict]) -> list[str]:
    sizes = [r for r in results if r.get("scenarios")]
    if not sizes:
        return ["No results yet."]
    head = "| Target | " + " | ".join(f"{r['size']:,} articles" for r in sizes) + " |"
    lines = [head, "|---" * (len(sizes) + 1) + "|"]
    per_size = [{label: (measured, ok) for label, measured, ok in targets(r)} for r in sizes]
    labels: list[str] = []  # every size's targets, the largest size's order first
    for r in reversed(sizes):
        labels += [label for label, _, _ in targets(r) if label not in labels]
    for label in labels:
        cells = []
        for rows in per_size:
            if label in rows:
                measured, ok = rows[label]
                cells.append(f"{measured} {_mark(ok)}".strip())
            else:
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


# -- the tables -----------------------------------------------------------------------


def summary_tables(results: list[dict]) -> list[str]:
    def search_row(category: str, which: str) -> Cell:
        return lambda sc: _lat(sc["categories"][category].get(which))

    lines = ["### Targets", ""]
    lines += targets_table(results)
    lines += ["", "### 1. Import of N articles into an empty library", ""]
    lines += _table(
        results,
        [
            (
                "kzreader, total (import_paths wall time)",
                "import",
                lambda sc: _s(sc["kz"]["total_s"]),
            ),
            ("kzreader, store phase (database)", "import", lambda sc: _s(sc["kz"]["store_s"])),
            (
                "kzreader, index phase (handing to the index, waiting for it)",
                "import",
                lambda sc: _s(sc["kz"]["index_s"]),
            ),
            (
                "kzreader, the rest (read, prepare, wait for workers)",
                "import",
                lambda sc: _s(sc["kz"]["prepare_other_s"]),
            ),
            (
                "kzreader, start → searchable",
                "import",
                lambda sc: _s(sc["kz"]["searchable_s"]),
            ),
            (
                "kzreader, throughput",
                "import",
                lambda sc: (
                    f"{sc['kz']['docs_per_s']['median']:.0f} docs/s, "
                    f"{sc['kz']['mb_per_s']['median']:.2f} MB/s"
                ),
            ),
            ("bare Whoosh (same analyzers)", "import", lambda sc: _s(sc["whoosh"]["total_s"])),
            ("SQLite FTS5", "import", lambda sc: _s(sc["fts5"]["total_s"])),
            (
                "ratio kzreader / bare Whoosh",
                "import",
                lambda sc: _s(sc["ratio_kz_whoosh"], "×"),
            ),
            ("ratio kzreader / FTS5", "import", lambda sc: _s(sc["ratio_kz_fts5"], "×", digits=1)),
            (
                "peak RSS kzreader (+ largest worker) / Whoosh / FTS5",
                "import",
                lambda sc: (
                    f"{sc['kz']['peak_rss_mb']['max']:.0f} "
                    f"(+ {sc['kz']['worker_peak_rss_mb']['max']:.0f}) / "
                    f"{sc['whoosh']['peak_rss_mb']['max']:.0f} / "
                    f"{sc['fts5']['peak_rss_mb']['max']:.0f} MB"
                ),
            ),
        ],
    )
    lines += [
        "",
        "### 2. Search latency, warm (ms: p50 / p95 / max over every run of every query)",
        "",
    ]
    rows: list[tuple[str, str, Cell]] = []
    for category in ("word", "boolean", "phrase", "prefix", "fuzzy", "field", "tag"):
        rows.append((f"kzreader, {category}", "search", search_row(category, "kz")))
        if category != "tag":
            rows.append(
                (
                    f"kzreader, {category}, each query's first run",
                    "search",
                    search_row(category, "kz_first"),
                )
            )
        if category not in ("fuzzy", "tag"):
            rows.append(
                (
                    f"FTS5 (MATCH + snippet), {category}",
                    "search",
                    search_row(category, "fts5"),
                )
            )
    rows.append(
        (
            "first query after opening the library",
            "search",
            _first_query,
        )
    )
    lines += _table(results, rows)
    lines += ["", "### 3. Cold start (exec → …, offscreen)", ""]
    lines += _table(
        results,
        [
            ("window shown, first events processed", "coldstart", lambda sc: _s(sc["usable_s"])),
            ("imports done", "coldstart", lambda sc: _s(sc["imports_s"])),
            ("library opened", "coldstart", lambda sc: _s(sc["library_open_s"])),
            ("main window built", "coldstart", lambda sc: _s(sc["window_built_s"])),
            ("show() returned", "coldstart", lambda sc: _s(sc["shown_s"])),
            (
                "background index check done",
                "coldstart",
                lambda sc: _s(sc["background_sync_done_s"]),
            ),
            ("article list filled", "coldstart", lambda sc: _s(sc["list_filled_s"])),
            (
                "longest GUI stall from show() until both are done",
                "coldstart",
                lambda sc: _s(sc["max_stall_until_settled_ms"], "ms", digits=0),
            ),
            ("floor: python -c pass", "coldstart", lambda sc: _s(sc["python_pass_s"])),
        ],
    )
    lines += ["", "### 4. The article with 1,000 passages (offscreen)", ""]
    lines += _table(
        results,
        [
            ("open_document()", "open", lambda sc: _s(sc["open_call_ms"], "ms", digits=0)),
            (
                "open_document() + first events (painted)",
                "open",
                lambda sc: _s(sc["open_painted_ms"], "ms", digits=0),
            ),
            (
                "scroll top → bottom in 40 steps",
                "open",
                lambda sc: (
                    _s(sc["scroll_total_ms"], "ms", digits=0)
                    + f"; step p50 {sc['scroll_step_p50_ms']:.1f}, "
                    f"max {sc['scroll_step_max_ms']:.0f} ms"
                ),
            ),
            (
                "setup: Library.highlight, p50 / p95 / max ms",
                "open",
                lambda sc: _lat(sc["setup_highlight"]),
            ),
        ],
    )
    lines += ["", "### 5. Autocode of a common word over the library, and its undo", ""]
    lines += _table(
        results,
        [
            ("autocode('paix', 'Bench/Paix')", "autocode", lambda sc: _s(sc["autocode_s"])),
            ("undo()", "autocode", lambda sc: _s(sc["undo_s"])),
            (
                "passages created (documents matching)",
                "autocode",
                lambda sc: f"{sc['runs'][0]['passages_created']:,} ({sc['documents_matching']:,})",
            ),
            (
                "its search phase alone (search with limit = all)",
                "autocode",
                lambda sc: f"{sc['search_phase_s']:.1f} s",
            ),
        ],
    )
    lines += ["", "### 6. Peak RSS of each scenario's process", ""]
    lines += _table(
        results,
        [
            (label, name, (lambda n: lambda sc: _rss_cell(sc, n))(name))
            for name, label in _RSS_LABELS.items()
        ],
    )
    lines += ["", "### GUI thread during an import through the app (offscreen)", ""]
    lines += _table(
        results,
        [
            (
                "longest stall between 5 ms ticks",
                "stall",
                lambda sc: _s(sc["max_gap_ms"], "ms", digits=0),
            ),
            ("p99 gap", "stall", lambda sc: _s(sc["p99_gap_ms"], "ms", digits=0)),
            ("gaps over 50 ms", "stall", lambda sc: _s(sc["gaps_over_50ms"], "", digits=0)),
            ("import wall time through the GUI", "stall", lambda sc: _s(sc["import_s"])),
            (
                "worst stalls (ms @ s, phase)",
                "stall",
                lambda sc: "; ".join(
                    f"{g['gap_ms']:.0f} @ {g['at_s']:.1f} ({g['phase']})"
                    for g in sc["detail"][0]["worst_gaps"][:4]
                ),
            ),
        ],
    )
    return lines


def _rss_cell(sc: dict, name: str) -> str:
    value = {
        "import": lambda: sc["kz"]["peak_rss_mb"]["max"],
        "search": lambda: sc["peak_rss_mb"],
        "coldstart": lambda: sc["peak_rss_mb"]["max"],
        "open": lambda: sc["peak_rss_mb"],
        "autocode": lambda: sc["peak_rss_mb"],
        "stall": lambda: sc["peak_rss_mb"]["max"],
    }[name]()
    child = sc.get("child_peak_rss_mb", {}).get("max") if name == "stall" else None
    if child:
        return f"{value:.0f} MB (+ {child:.0f} MB in the import's child process)"
    return f"{value:.0f} MB"


def machine_lines(results: list[dict]) -> list[str]:
    lines = []
    for r in results:
        m = r.get("machine")
        if not m:
            continue
        v = m["versions"]
        lines.append(
            f"- {r['size']:,} articles ({r['corpus']['mb']} MB, corpus sha256 "
            f"{r['corpus']['sha256'][:12]}, seed {r['seed']}): {m['date']}, "
            f"{m['cpu_count']} CPUs, Python {m['python']}, SQLite {m['sqlite']}, "
            f"kzreader {v['kzreader']} at {m['git_commit'][:10]}"
            f"{' (kzreader/ modified)' if m['git_dirty'] else ''}, "
            f"Whoosh-Reloaded {v['Whoosh-Reloaded']}, SQLAlchemy {v['SQLAlchemy']}, "
            f"PySide6 {v['PySide6-Essentials']}; load average at the end "
            f"{', '.join(f'{x:.1f}' for x in m['load_average'])}"
        )
        commits: dict[str, list[str]] = {}
        for name, sc in r.get("scenarios", {}).items():
            facts = sc.get("machine", {})
            if facts:
                key = facts["git_commit"][:10] + (" (modified)" if facts["git_dirty"] else "")
                commits.setdefault(key, []).append(name)
        if len(commits) > 1:
            lines.append(
                "  - measured at different commits: "
                + "; ".join(f"{', '.join(names)} at {key}" for key, names in commits.items())
            )
    return lines


def query_tables(results: list[dict]) -> list[str]:
    lines = []
    for r in results:
        sc = _scenario(r, "search")
        if not sc or not sc.get("finished", True):
            continue
        lines += [
            "",
            f"#### Each query at {r['size']:,} articles ({sc['rounds']} warm runs each; "
            "ms p50 / p95 / max; hits = documents, or passages for tag:)",
            "",
            "| Category | Query | Hits | kzreader | kzreader, first run | FTS5 hits | FTS5 |",
            "|---|---|---|---|---|---|---|",
        ]
        for q in sc["queries"]:
            query = q["query"].replace("|", "\\|")
            lines.append(
                f"| {q['category']} | `{query}` | {q['hits']:,} | {_lat(q['kz'])} | "
                f"{_first_run(q)} | {q.get('fts5_hits', '—')} | {_lat(q.get('fts5'))} |"
            )
    return lines


def _first_run(q: dict) -> str:
    first = q.get("kz_first_ms")
    return "—" if first is None else f"{first:.1f}"


def write_markdown() -> Path:
    results = load_results()
    lines = ["# kzreader benchmark results", ""]
    lines += [
        "Written by `benchmarks/run.py`; see `benchmarks/README.md` for what each figure is.",
        "",
    ]
    lines += machine_lines(results)
    lines += ["", *summary_tables(results)]
    lines += ["", "### Search, query by query", *query_tables(results)]
    path = RESULTS / "results.md"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def update_readme() -> None:
    readme = BENCH / "README.md"
    if not readme.exists():
        return
    text = readme.read_text("utf-8")
    if START not in text or END not in text:
        return
    results = load_results()
    block = [START, "", *machine_lines(results), "", *summary_tables(results), "", END]
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(head + "\n".join(block) + tail, "utf-8")


if __name__ == "__main__":
    print(write_markdown())
    update_readme()
