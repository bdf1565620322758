"""Huge inputs: time and peak memory of importing them, and whether they are
searchable afterwards.

    .venv/bin/python benchmarks/bigfiles.py
    .venv/bin/python benchmarks/bigfiles.py --only article --only line
    .venv/bin/python benchmarks/bigfiles.py --only tiny --tiny-count 20000

Three cases, each generated in a temporary folder and imported into a fresh
library by a child process of its own (``bigfiles.py import …``), so that the
peak RSS of the import process is its own (``VmHWM``):

- ``article``: one article of 50 MB (``--article-mb``) of French prose, in
  paragraphs, with a ``date … URL`` header and its title twice;
- ``line``: one article of 10 MB (``--line-mb``) on a single line, no newline;
- ``tiny``: a folder of 100,000 files (``--tiny-count``) of a few hundred
  bytes each, every one different.

The text comes from the benchmark corpus's model of the seeds
(``generate.build_model``): a pool of generated sentences, drawn at random.
Marker words are put at the start, middle and end of the long articles (and
every tiny file has a word of its own): a second child process
(``bigfiles.py search …``) opens the library and searches for them, then, in
the long articles, for a word with thousands of matches. Searches past
``--search-timeout`` are recorded as unfinished.

The import process's children are the worker processes that prepare files
(an import of 200 files or more, ``core.importer.prepare_files``) and the
process that writes the index (also from 200 files, ``core.indexer``). A
thread of the import process samples their ``VmHWM`` while they run, told
apart by their pid; ``RUSAGE_CHILDREN`` gives the largest of them exactly
once they are gone.

Results: ``benchmarks/results/bigfiles.json`` (merged with what is there, so
``--only`` updates one case) and ``benchmarks/results/bigfiles.md``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import PYTHON, RESULTS, ROOT, write_json
from generate import DEFAULT_SEED, Model, build_model, headline, sentence

CASES = ("article", "line", "tiny")
MB = 1024 * 1024
#: Words found nowhere else: where they are put, the text must be searchable.
MARKERS = ("zorglubdebut", "zorglubmilieu", "zorglubfin")
#: A word of every tiny file, and a common word of the long articles.
TINY_WORD = "zorglubdepeche"
COMMON_WORD = "Kazakhstan"
POOL_SENTENCES = 20_000
SAMPLE_INTERVAL = 0.25  # seconds between samples of the processes' memory
DEFAULT_TIMEOUT = 3600
DEFAULT_SEARCH_TIMEOUT = 600


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- inputs -----------------------------------------------------------------------


class Prose:
    """Sentences of the corpus model, drawn from a fixed pool (generating
    50 MB sentence by sentence would take minutes; the pool keeps the
    model's vocabulary, tail words included)."""

    def __init__(self, seed: int) -> None:
        self.model: Model = build_model(seed)
        self.rng = random.Random(f"kzreader-bigfiles-{seed}")
        self.pool = [sentence(self.model, self.rng) for _ in range(POOL_SENTENCES)]

    def sentences(self, count: int) -> str:
        return " ".join(self.rng.choice(self.pool) for _ in range(count))

    def headline(self) -> str:
        return headline(self.model, self.rng)

    def filler(self, size: int, separator: str) -> list[str]:
        """Paragraphs of 3 to 7 sentences, about ``size`` bytes with separators."""
        out: list[str] = []
        used = 0
        while used < size:
            paragraph = self.sentences(self.rng.randint(3, 7))
            out.append(paragraph)
            used += len(paragraph.encode("utf-8")) + len(separator)
        return out


def _with_markers(paragraphs: list[str], separator: str) -> str:
    middle = len(paragraphs) // 2
    return separator.join(
        [
            f"Le mot {MARKERS[0]} ouvre le texte.",
            *paragraphs[:middle],
            f"Le mot {MARKERS[1]} est au milieu.",
            *paragraphs[middle:],
            f"Le mot {MARKERS[2]} le termine.",
        ]
    )


def make_article(prose: Prose, folder: Path, size: int) -> dict[str, Any]:
    title = prose.headline()
    url = "https://fr.sputniknews.com/20220110/le-tres-long-dossier-1054300000.html"
    head = f" date 2022-01 {url}\n\n{title}\n\n{title}\n\n"
    text = head + _with_markers(prose.filler(size - len(head), "\n\n"), "\n\n") + "\n"
    path = folder / "article.txt"
    path.write_text(text, "utf-8")
    return {"path": str(path), "files": 1, "bytes": path.stat().st_size, "lines": text.count("\n")}


def make_line(prose: Prose, folder: Path, size: int) -> dict[str, Any]:
    text = _with_markers(prose.filler(size, " "), " ")
    path = folder / "line.txt"
    path.write_bytes(text.encode("utf-8"))
    return {"path": str(path), "files": 1, "bytes": path.stat().st_size, "lines": 1}


def make_tiny(prose: Prose, folder: Path, count: int) -> dict[str, Any]:
    target = folder / "tiny"
    target.mkdir()
    total = 0
    for i in range(count):
        body = prose.sentences(prose.rng.randint(1, 2))
        text = f"{prose.headline()}\n\n{body} {TINY_WORD} {i:06d}, référence kzfiche{i:06d}.\n"
        data = text.encode("utf-8")
        (target / f"{i:06d}.txt").write_bytes(data)
        total += len(data)
    return {"path": str(target), "files": count, "bytes": total, "lines": None}


# -- memory of the process and its children -------------------------------------------


def _status(pid: int | str) -> dict[str, int]:
    """``VmRSS`` and ``VmHWM`` of a process, in kB (empty once it is gone)."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line[:5]] = int(line.split()[1])
    except OSError:
        pass
    return out


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(x) for x in handle.read().split()]
        except OSError:
            pass
    return found


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    todo = _children(pid)
    while todo:
        child = todo.pop()
        out.append(child)
        todo += _children(child)
    return out


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


class Sampler(threading.Thread):
    """Samples the memory of this process and of its descendants."""

    def __init__(self, progress: Callable[[], int]) -> None:
        super().__init__(daemon=True, name="bigfiles-sampler")
        self.progress = progress
        self.index_pid: int | None = None
        self.peaks: dict[int, dict[str, Any]] = {}
        self.series: list[dict[str, Any]] = []
        self.started = time.perf_counter()
        self._stop_event = threading.Event()

    def role(self, pid: int) -> str:
        if pid == self.index_pid:
            return "index"
        return "resource tracker" if "resource_tracker" in _cmdline(pid) else "worker"

    def sample(self) -> None:
        point: dict[str, Any] = {
            "t": round(time.perf_counter() - self.started, 2),
            "done": self.progress(),
            "main_mb": round(_status("self").get("VmRSS", 0) / 1024, 1),
        }
        for pid in _descendants(os.getpid()):
            status = _status(pid)
            if not status:
                continue
            peak = self.peaks.setdefault(pid, {"role": self.role(pid), "hwm_kb": 0})
            peak["hwm_kb"] = max(peak["hwm_kb"], status.get("VmHWM", 0))
            key = f"{peak['role'].split()[0]}_mb"
            point[key] = round(point.get(key, 0) + status.get("VmRSS", 0) / 1024, 1)
        self.series.append(point)

    def run(self) -> None:
        while not self._stop_event.wait(SAMPLE_INTERVAL):
            self.sample()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def by_role(self) -> dict[str, float]:
        """The highest peak sampled of each kind of child, in MB."""
        out: dict[str, float] = {}
        for peak in self.peaks.values():
            mb = round(peak["hwm_kb"] / 1024, 1)
            out[peak["role"]] = max(out.get(peak["role"], 0.0), mb)
        return out

    def thinned(self, points: int = 80) -> list[dict[str, Any]]:
        step = max(1, len(self.series) // points)
        return self.series[::step] + ([self.series[-1]] if self.series else [])


def _hwm_mb() -> float:
    return round(_status("self").get("VmHWM", 0) / 1024, 1)


# -- the children: the import, then the searches -----------------------------------------


def import_child(args: argparse.Namespace) -> dict[str, Any]:
    """Import the input into a fresh library; the figures of the import."""
    from kzreader.core import indexer
    from kzreader.core.library import Library

    baseline_mb = round(_status("self").get("VmRSS", 0) / 1024, 1)
    calls: list[tuple[float, int, int]] = []
    sampler = Sampler(lambda: calls[-1][1] if calls else 0)
    original_start = indexer.IndexFeed._start

    def start(feed: Any) -> None:  # the index process's pid, to tell it apart
        original_start(feed)
        sampler.index_pid = feed._process.pid

    indexer.IndexFeed._start = start  # type: ignore[method-assign]

    def progress(done: int, total: int, path: str) -> None:
        calls.append((time.perf_counter(), done, total))

    lib = Library(Path(args.library))
    sampler.start()
    t0 = time.perf_counter()
    report = lib.import_paths([args.input], progress=progress)
    t1 = time.perf_counter()
    sampler.sample()
    sampler.stop()
    import_peak = _hwm_mb()
    children_peak = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    statuses: dict[str, int] = {}
    for result in report.results:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    reasons = sorted({r.reason or "" for r in report.results if r.status == "refused"})[:5]
    documents = lib.counts()[0]
    index_docs = lib.index.doc_count()
    c0 = time.perf_counter()
    lib.close()
    close_s = time.perf_counter() - c0
    done = [d for _, d, _ in calls]
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(calls)]
    return {
        "wall_s": round(t1 - t0, 2),
        "files_per_s": round(args.expect / (t1 - t0), 1),
        "mb_per_s": round(args.bytes / MB / (t1 - t0), 2),
        "statuses": statuses,
        "refusals": reasons,
        "baseline_rss_mb": baseline_mb,
        "import_peak_rss_mb": import_peak,
        "children_peak_rss_mb": children_peak,
        "children_sampled_mb": sampler.by_role(),
        "documents": documents,
        "index_documents": index_docs,
        "close_s": round(close_s, 2),
        "progress": {
            "calls": len(calls),
            "totals": sorted({t for _, _, t in calls}),
            "increasing": done == sorted(set(done)),
            "first": done[:1],
            "last": done[-1:],
            "longest_gap_s": round(max(gaps), 2) if gaps else None,
            "after_last_call_s": round(t1 - calls[-1][0], 2) if calls else None,
        },
        "memory_series": sampler.thinned(),
    }


def search_words(case: str, files: int) -> dict[str, int]:
    """The words searched for after the import, with the hits each must have."""
    if case == "tiny":
        last = files - 1
        return {
            "kzfiche000000": 1,
            f"kzfiche{last // 2:06d}": 1,
            f"kzfiche{last:06d}": 1,
            TINY_WORD: files,
        }
    # the markers first: they prove the text searchable; the common word
    # (thousands of matches in one document) last, as it may be slow
    return {**dict.fromkeys(MARKERS, 1), COMMON_WORD: 1}


def search_child(args: argparse.Namespace) -> None:
    """Search the imported library; the JSON is rewritten after each search,
    so that a search stopped by the time limit leaves the earlier ones."""
    from kzreader.core.library import Library

    out: dict[str, Any] = {"searches": {}}
    t0 = time.perf_counter()
    lib = Library(Path(args.library))
    out["open_s"] = round(time.perf_counter() - t0, 2)
    for word, expected in search_words(args.case, args.expect).items():
        s0 = time.perf_counter()
        found = lib.search(word)
        out["searches"][word] = {
            "total": found.total,
            "expected": expected,
            "matches_in_first_hit": len(found.hits[0].matches) if found.hits else 0,
            "s": round(time.perf_counter() - s0, 2),
            "peak_rss_mb_so_far": _hwm_mb(),
        }
        out["search_peak_rss_mb"] = _hwm_mb()
        write_json(args.out, out)
    lib.close()


# -- the parent ------------------------------------------------------------------------


def _child_cmd(mode: str, case: str, facts: dict[str, Any], library: Path, out: Path) -> list[str]:
    return [
        PYTHON,
        str(Path(__file__).resolve()),
        mode,
        "--case",
        case,
        "--input",
        facts["path"],
        "--library",
        str(library),
        "--expect",
        str(facts["files"]),
        "--bytes",
        str(facts["bytes"]),
        "--out",
        str(out),
    ]


def run_case(case: str, args: argparse.Namespace, prose: Prose, work: Path) -> dict[str, Any]:
    folder = work / case
    folder.mkdir()
    g0 = time.perf_counter()
    if case == "article":
        facts = make_article(prose, folder, int(args.article_mb * MB))
    elif case == "line":
        facts = make_line(prose, folder, int(args.line_mb * MB))
    else:
        facts = make_tiny(prose, folder, args.tiny_count)
    generated_s = time.perf_counter() - g0
    size_mb = facts["bytes"] / MB
    log(f"  {case}: {facts['files']:,} file(s), {size_mb:.1f} MB in {generated_s:.0f} s")
    library = work / f"{case}-library"
    out = work / f"{case}.json"
    started = time.perf_counter()
    proc = subprocess.run(
        _child_cmd("import", case, facts, library, out),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=args.timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the {case} import failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    data = json.loads(out.read_text("utf-8"))
    data["child_wall_s"] = round(time.perf_counter() - started, 2)
    data["input"] = {k: v for k, v in facts.items() if k != "path"}
    data["generated_s"] = round(generated_s, 1)
    data["library_mb"] = round(
        sum(p.stat().st_size for p in library.rglob("*") if p.is_file()) / MB, 1
    )
    log(f"  {case}: imported in {data['wall_s']} s; searching")
    searched = work / f"{case}-search.json"
    finished = True
    try:
        proc = subprocess.run(
            _child_cmd("search", case, facts, library, searched),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=args.search_timeout,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"the {case} search failed:\n{proc.stderr[-3000:]}")
    except subprocess.TimeoutExpired:
        finished = False
    try:
        found = json.loads(searched.read_text("utf-8"))
    except (OSError, ValueError):
        found = {"searches": {}}
    words = search_words(case, facts["files"])
    unfinished = [w for w in words if w not in found["searches"]]
    data["searches"] = found["searches"]
    data["search_open_s"] = found.get("open_s")
    data["search_peak_rss_mb"] = found.get("search_peak_rss_mb")
    data["searches_unfinished"] = {
        "words": unfinished,
        "time_limit_s": None if finished else args.search_timeout,
    }
    markers = [w for w in words if w != COMMON_WORD]
    data["searchable"] = (
        data["documents"] == facts["files"]
        and data["index_documents"] == facts["files"]
        and all(
            w in found["searches"] and found["searches"][w]["total"] == words[w] for w in markers
        )
    )
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(library, ignore_errors=True)
    return data


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} MB"


def _searches(data: dict[str, Any]) -> str:
    """The searches in a few words: marker words found, the common word's time."""
    searches = data["searches"]
    markers = [w for w in searches if w != COMMON_WORD]
    found = sum(1 for w in markers if searches[w]["total"] == searches[w]["expected"])
    slowest = max((searches[w]["s"] for w in markers), default=0.0)
    text = f"{found}/{len(markers)} marker words found (≤ {slowest:.1f} s each)"
    if COMMON_WORD in searches:
        common = searches[COMMON_WORD]
        text += (
            f"; {COMMON_WORD!r} ({common['matches_in_first_hit']:,} matches) {common['s']:.1f} s"
        )
    unfinished = data["searches_unfinished"]
    if unfinished["words"]:
        words = ", ".join(repr(w) for w in unfinished["words"])
        text += f"; **{words} not finished in {unfinished['time_limit_s']:.0f} s**"
    return text


def write_markdown(results: dict[str, Any], path: Path) -> None:
    machine = results["machine"]
    lines = [
        "# Huge inputs (`benchmarks/bigfiles.py`)",
        "",
        f"{machine.get('date', '')}, {machine.get('cpu_count')} CPUs, "
        f"Python {machine.get('python')}, kzreader at {machine.get('git_commit', '')[:10]}"
        f"{' with uncommitted changes' if machine.get('git_dirty') else ''}.",
        "",
        "| Case | Import wall time | Peak RSS, import process | Peak RSS, its children "
        "| Progress calls | Searchable | Searches (their own process) |",
        "|---|---|---|---|---|---|---|",
    ]
    for case in CASES:
        data = results["cases"].get(case)
        if not data:
            continue
        facts = data["input"]
        size = f"{facts['bytes'] / MB:,.1f} MB"
        name = {
            "article": f"one article of {size}",
            "line": f"one line of {size}",
            "tiny": f"{facts['files']:,} tiny files ({size})",
        }[case]
        sampled = ", ".join(
            f"{role} {mb:,.0f} MB" for role, mb in sorted(data["children_sampled_mb"].items())
        )
        children = _mb(data["children_peak_rss_mb"]) if data["children_sampled_mb"] else "none"
        if sampled:
            children += f" (sampled: {sampled})"
        progress = data["progress"]
        rising = "rising" if progress["increasing"] else "**not rising**"
        lines.append(
            f"| {name} | {data['wall_s']:,.1f} s | {_mb(data['import_peak_rss_mb'])} "
            f"(at start {_mb(data['baseline_rss_mb'])}) | {children} | "
            f"{progress['calls']:,}, {rising}; {progress['after_last_call_s']} s after the "
            f"last | {'yes' if data['searchable'] else '**no**'} | {_searches(data)}; "
            f"peak {_mb(data['search_peak_rss_mb'])} |"
        )
    lines += [
        "",
        "Peak RSS is `VmHWM`. The children are the workers that prepare files and the "
        "process that writes the index (both from 200 files): the figure is the largest "
        "(`RUSAGE_CHILDREN`), with each kind's peak as sampled every "
        f"{SAMPLE_INTERVAL} s. *s after the last* is the time from the last progress call "
        "(every file stored) to the end of the import: the index's commit. *Searchable*: "
        "every document in the database and the index, every marker word found. The "
        "searches run in a process of their own after the import; their peak is that "
        "process's.",
        "",
    ]
    path.write_text("\n".join(lines), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="run", choices=("run", "import", "search"))
    parser.add_argument("--only", action="append", choices=CASES, help="repeatable")
    parser.add_argument("--tiny-count", type=int, default=100_000)
    parser.add_argument("--article-mb", type=float, default=50)
    parser.add_argument("--line-mb", type=float, default=10)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="for an import")
    parser.add_argument(
        "--search-timeout",
        type=float,
        default=DEFAULT_SEARCH_TIMEOUT,
        help="for the searches after an import; past it the rest are recorded as unfinished",
    )
    parser.add_argument("--work", help="folder for the temporary files (default: the system's)")
    parser.add_argument("--keep", action="store_true", help="keep the inputs and libraries")
    # the child's options
    parser.add_argument("--case", choices=CASES)
    parser.add_argument("--input")
    parser.add_argument("--library")
    parser.add_argument("--expect", type=int)
    parser.add_argument("--bytes", type=int)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    if args.mode == "import":
        write_json(args.out, import_child(args))
        return 0
    if args.mode == "search":
        search_child(args)
        return 0

    from run import machine_facts

    RESULTS.mkdir(parents=True, exist_ok=True)
    json_path = RESULTS / "bigfiles.json"
    try:
        results = json.loads(json_path.read_text("utf-8"))
    except (OSError, ValueError):
        results = {"cases": {}}
    results.setdefault("cases", {})
    log("building the text model")
    prose = Prose(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kzreader-bigfiles-", dir=args.work))
    try:
        for case in args.only or CASES:
            log(f"{case}: generating")
            data = run_case(case, args, prose, work)
            data["machine"] = machine_facts()
            results["cases"][case] = data
            log(
                f"  {case}: {data['wall_s']} s, peak {data['import_peak_rss_mb']} MB "
                f"(children {data['children_peak_rss_mb']} MB), searchable {data['searchable']}"
            )
            results["machine"] = data["machine"]
            write_json(json_path, results)
            write_markdown(results, RESULTS / "bigfiles.md")
    finally:
        if args.keep:
            log(f"inputs and libraries kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
