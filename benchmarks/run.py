"""Run kzreader's benchmarks and write benchmarks/results/.

    .venv/bin/python benchmarks/run.py --sizes 1000 10000
    .venv/bin/python benchmarks/run.py --sizes 1000 --only search --runs 5
    .venv/bin/python benchmarks/run.py --sizes 10000 --profile import autocode

Every scenario runs in its own child process (so each reports its own peak
RSS), baselines in the same run on the same files. Results go to
``benchmarks/results/results-<size>.json`` (merged with what is there, so
``--only`` updates one scenario), ``benchmarks/results/results.md`` and the
table in ``benchmarks/README.md``. Libraries live in ``benchmarks/work/<size>/``:
``base/`` (the last measured kzreader import, plus a few autocoded tags) and
``fts5.sqlite`` are kept and reused while the corpus and kzreader's code are
unchanged; every other library is made for one scenario and deleted after it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from common import BENCH, PYTHON, RESULTS, ROOT, summary, work_dir, write_json
from generate import DEFAULT_SEED, corpus_dir, generate, load_manifest
from report import update_readme, write_markdown

SCENARIOS = ("import", "search", "coldstart", "open", "autocode", "stall")
DEFAULT_TIMEOUT = 900  # seconds for one child: past it the run is recorded unfinished


class Unfinished(Exception):
    def __init__(self, reached_s: float, heartbeat: dict | None) -> None:
        super().__init__(f"stopped after {reached_s:.0f} s")
        self.reached_s = reached_s
        self.heartbeat = heartbeat


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- children -------------------------------------------------------------------


def _child(  # type: ignore[no-untyped-def]
    cmd: list[str],
    timeout: float,
    heartbeat: Path | None = None,
    gui: bool = False,
    profile: Path | None = None,
):
    env = dict(os.environ)
    if gui:
        env["QT_QPA_PLATFORM"] = "offscreen"
    if profile is not None:
        env["KZ_BENCH_PROFILE"] = str(profile)
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        beat = None
        if heartbeat is not None and heartbeat.exists():
            beat = json.loads(heartbeat.read_text("utf-8"))
        raise Unfinished(time.perf_counter() - started, beat) from None
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}… failed ({proc.returncode}):\n{err[-3000:]}")
    return out


def scenario(
    name: str, size: int, out: Path, timeout: float, profile: Path | None = None, **options: object
) -> dict:
    """Run one ``scenarios.py`` child and return its JSON."""
    cmd = [PYTHON]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += [str(BENCH / "scenarios.py"), name, "--size", str(size), "--out", str(out)]
    heartbeat = out.with_suffix(".beat")
    cmd += ["--heartbeat", str(heartbeat)]
    for key, value in options.items():
        cmd += [f"--{key}", str(value)]
    _child(cmd, timeout, heartbeat)
    data = json.loads(out.read_text("utf-8"))
    out.unlink()
    heartbeat.unlink(missing_ok=True)
    return data


def gui(mode: str, args: list[str], timeout: float, profile: Path | None = None) -> dict:
    cmd = [PYTHON, str(BENCH / "gui_driver.py"), mode, *args]
    out = _child(cmd, timeout, gui=True, profile=profile)
    return json.loads(out.strip().splitlines()[-1])


# -- facts ----------------------------------------------------------------------


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def code_fingerprint() -> str:
    """A hash of kzreader's source: a base library is rebuilt when it changes."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "kzreader").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def machine_facts() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "versions": {
            name: _version(name)
            for name in (
                "kzreader",
                "Whoosh-Reloaded",
                "SQLAlchemy",
                "PySide6-Essentials",
                "langdetect",
            )
        },
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--", "kzreader")),
        "kzreader_code": code_fingerprint(),
        "load_average": os.getloadavg(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


# -- libraries ------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, size: int) -> None:
        self.args = args
        self.size = size
        self.work = work_dir(size)
        self.work.mkdir(parents=True, exist_ok=True)
        self.corpus = corpus_dir(size)
        self.manifest = load_manifest(size)
        self.base = self.work / "base"
        self.fts5 = self.work / "fts5.sqlite"
        self.timeout = args.timeout

    def runs(self, small: int, big: int) -> int:
        """``--runs`` if given, else ``small`` below 10,000 articles and ``big`` from there."""
        if self.args.runs:
            return self.args.runs
        return small if self.size < 10_000 else big

    def tmp(self, name: str) -> Path:
        return self.work / f"{name}.json"

    # the base library: the corpus imported by kzreader, and the tags of the search mix

    def _stamp(self) -> dict:
        return {"corpus": self.manifest["sha256"], "code": code_fingerprint()}

    def base_ok(self) -> bool:
        stamp = self.work / "base.json"
        if self.args.fresh or not stamp.exists():
            return False
        try:
            built = json.loads(stamp.read_text("utf-8"))
        except ValueError:
            return False
        if self.args.keep_base:  # the code may differ: the corpus may not
            return bool(built.get("corpus") == self._stamp()["corpus"])
        return bool(built == self._stamp())

    def adopt_base(self, library: Path) -> None:
        shutil.rmtree(self.base, ignore_errors=True)
        library.rename(self.base)
        log(f"  tagging the base library ({self.size})")
        scenario("tag_base", self.size, self.tmp("tag"), self.timeout, library=self.base)
        write_json(self.work / "base.json", self._stamp())

    def ensure_base(self) -> None:
        if self.base_ok() and self.base.exists():
            return
        log(f"  building the base library ({self.size} articles, not measured)")
        target = self.work / "import-kz"
        scenario("import_kz", self.size, self.tmp("base"), self.timeout * 2, library=target)
        self.adopt_base(target)

    def fts5_ok(self) -> bool:
        stamp = self.work / "fts5.json"
        return (
            self.fts5.exists()
            and stamp.exists()
            and json.loads(stamp.read_text("utf-8")) == {"corpus": self.manifest["sha256"]}
        )

    def fts5_done(self) -> None:
        write_json(self.work / "fts5.json", {"corpus": self.manifest["sha256"]})

    def ensure_fts5(self) -> None:
        if self.fts5_ok():
            return
        scenario("import_fts5", self.size, self.tmp("fts"), self.timeout, library=self.fts5)
        self.fts5_done()

    def copy_base(self, name: str) -> Path:
        self.ensure_base()
        target = self.work / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.base, target)
        return target

    def discard(self, path: Path) -> None:
        if self.args.keep:
            return
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _base_code(b: Bench) -> str | None:
    try:
        return json.loads((b.work / "base.json").read_text("utf-8")).get("code")
    except (OSError, ValueError):
        return None


# -- scenarios ------------------------------------------------------------------


def run_import(b: Bench) -> dict:
    runs = b.runs(3, 3) if b.size <= 10_000 else b.runs(1, 1)
    kz, whoosh, fts = [], [], []
    order = ["kz", "whoosh", "fts5"]
    kz_lib, whoosh_lib, fts_db = b.work / "import-kz", b.work / "import-whoosh", b.fts5
    for run in range(runs):
        for which in order:
            log(f"  import run {run + 1}/{runs}: {which}")
            if which == "kz":
                kz.append(scenario("import_kz", b.size, b.tmp("kz"), b.timeout, library=kz_lib))
            elif which == "whoosh":
                whoosh.append(
                    scenario("import_whoosh", b.size, b.tmp("wh"), b.timeout, library=whoosh_lib)
                )
                b.discard(whoosh_lib)
            else:
                fts.append(scenario("import_fts5", b.size, b.tmp("ft"), b.timeout, library=fts_db))
        order = order[1:] + order[:1]  # who goes first changes from run to run
    b.fts5_done()
    b.adopt_base(kz_lib)  # the last measured library becomes the base of the others
    ratios = [k["total_s"] / w["total_s"] for k, w in zip(kz, whoosh, strict=True)]
    return {
        "runs": runs,
        "documents": b.size,
        "corpus_mb": round(b.manifest["bytes"] / 1e6, 2),
        "kz": {
            key: summary([r[key] for r in kz], 3)
            for key in (
                "store_s",
                "index_s",
                "prepare_other_s",
                "until_first_file_s",
                "total_s",
                "searchable_s",
                "docs_per_s",
                "mb_per_s",
                "peak_rss_mb",
                "worker_peak_rss_mb",
            )
        },
        "kz_searchable_every_run": all(r["searchable"] for r in kz),
        "kz_detail": kz,
        "whoosh": {
            key: summary([r[key] for r in whoosh], 3)
            for key in ("add_s", "commit_s", "total_s", "docs_per_s", "mb_per_s", "peak_rss_mb")
        },
        "fts5": {
            key: summary([r[key] for r in fts], 3)
            for key in ("total_s", "docs_per_s", "mb_per_s", "peak_rss_mb")
        },
        "ratio_kz_whoosh": summary(ratios, 3),
        "ratio_kz_fts5": summary(
            [k["total_s"] / f["total_s"] for k, f in zip(kz, fts, strict=True)], 2
        ),
    }


def run_search(b: Bench) -> dict:
    b.ensure_base()
    b.ensure_fts5()
    rounds = b.args.runs or 7
    log(f"  search: {rounds} rounds of the query mix")
    return scenario(
        "search",
        b.size,
        b.tmp("search"),
        b.timeout,
        library=b.base,
        fts5=b.fts5,
        rounds=rounds,
        seed=b.args.seed,
    )


def run_coldstart(b: Bench) -> dict:
    b.ensure_base()
    # the installers ship kzreader compiled; a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module at every start
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "kzreader")], check=True)
    runs = b.runs(5, 5)
    settings = b.work / "coldstart.ini"
    starts, floors, interpreters = [], [], []
    for run in range(runs):
        settings.unlink(missing_ok=True)
        log(f"  cold start {run + 1}/{runs}")
        spawn = time.time()
        starts.append(
            gui(
                "coldstart",
                [repr(spawn), str(b.base), str(settings)],
                b.timeout,
            )
        )
        t = time.perf_counter()
        subprocess.run([PYTHON, "-c", "pass"], check=True)
        floors.append(time.perf_counter() - t)
        spawn = time.time()
        interpreters.append(gui("floor", [repr(spawn)], 60)["interpreter_s"])
    settings.unlink(missing_ok=True)
    keys = [k for k in starts[0] if k.endswith(("_s", "_ms")) or k == "peak_rss_mb"]
    return {
        "runs": runs,
        "documents_listed": starts[0]["documents"],
        **{key: summary([s[key] for s in starts], 4) for key in keys},
        "python_pass_s": summary(floors, 4),
        "driver_interpreter_s": summary(interpreters, 4),
    }


def run_open(b: Bench) -> dict:
    library = b.copy_base("open-lib")
    log("  open: importing the long article and highlighting 1,000 passages")
    prepared = scenario(
        "prepare_long",
        b.size,
        b.tmp("long"),
        b.timeout,
        library=library,
        seed=b.args.seed,
        passages=1000,
    )
    runs = b.runs(5, 5)
    settings = b.work / "open.ini"
    settings.unlink(missing_ok=True)
    log(f"  open: {runs} opens and scrolls")
    shown = gui(
        "open",
        [
            str(library),
            str(settings),
            str(prepared["document_id"]),
            str(prepared["other_document_id"]),
            str(runs),
        ],
        b.timeout,
    )
    settings.unlink(missing_ok=True)
    b.discard(library)
    b.discard(b.work / "long")
    return {
        "runs": runs,
        "article_characters": prepared["characters"],
        "passages": prepared["passages"],
        "passages_shown": shown["passages_shown"],
        "open_call_ms": summary(shown["open_call_ms"], 1),
        "open_painted_ms": summary(shown["open_painted_ms"], 1),
        "scroll_total_ms": summary(shown["scroll_total_ms"], 1),
        "scroll_steps": shown["scroll_steps"],
        "scroll_range_px": shown["scroll_range_px"],
        "scroll_step_p50_ms": shown["scroll_step_p50_ms"],
        "scroll_step_max_ms": shown["scroll_step_max_ms"],
        "scroll_paints": shown["scroll_paints"],
        "peak_rss_mb": shown["peak_rss_mb"],
        "setup_highlight": prepared["highlight"],
        "setup_highlight_total_s": prepared["highlight_total_s"],
        "setup_peak_rss_mb": prepared["peak_rss_mb"],
    }


def run_autocode(b: Bench) -> dict:
    library = b.copy_base("autocode-lib")
    runs = b.runs(3, 2)
    log(f"  autocode: {runs} runs of autocode + undo")
    out = b.tmp("autocode")
    try:
        return scenario(
            "autocode",
            b.size,
            out,
            b.timeout * runs,
            library=library,
            runs=runs,
            word="paix",
            tag="Bench/Paix",
        )
    finally:
        partial = Path(str(out) + ".partial")
        if partial.exists():
            partial.unlink()
        b.discard(library)


def run_stall(b: Bench) -> dict:
    runs = b.runs(3, 1)
    settings = b.work / "stall.ini"
    library = b.work / "stall-lib"
    results = []
    for run in range(runs):
        log(f"  GUI import {run + 1}/{runs} with the stall probe")
        shutil.rmtree(library, ignore_errors=True)
        settings.unlink(missing_ok=True)
        results.append(
            gui(
                "stall",
                [str(library), str(settings), str(b.corpus)],
                b.timeout,
            )
        )
        b.discard(library)
        settings.unlink(missing_ok=True)
        if "error" in results[-1]:
            raise RuntimeError(f"the import through the GUI failed: {results[-1]['error']}")
    return {
        "runs": runs,
        "max_gap_ms": summary([r["max_gap_ms"] for r in results], 1),
        "p99_gap_ms": summary([r["p99_gap_ms"] for r in results], 1),
        "gaps_over_50ms": summary([r["gaps_over_50ms"] for r in results], 0),
        "import_s": summary([r["import_s"] for r in results], 2),
        "peak_rss_mb": summary([r["peak_rss_mb"] for r in results], 1),
        "child_peak_rss_mb": summary([r.get("child_peak_rss_mb", 0.0) for r in results], 1),
        "detail": results,
    }


RUNNERS = {
    "import": run_import,
    "search": run_search,
    "coldstart": run_coldstart,
    "open": run_open,
    "autocode": run_autocode,
    "stall": run_stall,
}


def profile(b: Bench, name: str) -> None:
    """One unmeasured run of a scenario under cProfile; its top functions go
    to ``results/profile-<scenario>-<size>.txt``. Only the main thread is
    profiled (for ``stall``, the GUI thread; the import runs on a worker)."""
    import io
    import pstats

    dump = b.work / f"profile-{name}.pstats"
    settings = b.work / "profile.ini"
    settings.unlink(missing_ok=True)
    log(f"profiling {name} at {b.size}")
    if name == "import":
        target = b.work / "profile-lib"
        scenario("import_kz", b.size, b.tmp("p"), b.timeout, dump, library=target)
        b.discard(target)
    elif name == "search":
        b.ensure_base()
        b.ensure_fts5()
        scenario("search", b.size, b.tmp("p"), b.timeout, dump, library=b.base, fts5=b.fts5,
                 rounds=3, seed=b.args.seed)  # fmt: skip
    elif name == "coldstart":
        b.ensure_base()
        gui("coldstart", [repr(time.time()), str(b.base), str(settings)], b.timeout, dump)
    elif name == "open":
        library = b.copy_base("profile-lib")
        prepared = scenario("prepare_long", b.size, b.tmp("p"), b.timeout, library=library,
                            seed=b.args.seed, passages=1000)  # fmt: skip
        ids = [str(prepared["document_id"]), str(prepared["other_document_id"])]
        gui("open", [str(library), str(settings), *ids, "3"], b.timeout, dump)
        b.discard(library)
        b.discard(b.work / "long")
    elif name == "autocode":
        library = b.copy_base("profile-lib")
        scenario("autocode", b.size, b.tmp("p"), b.timeout, dump, library=library, runs=1)
        b.discard(library)
    elif name == "stall":
        library = b.work / "profile-lib"
        shutil.rmtree(library, ignore_errors=True)
        gui("stall", [str(library), str(settings), str(b.corpus)], b.timeout, dump)
        b.discard(library)
    settings.unlink(missing_ok=True)
    text = io.StringIO()
    stats = pstats.Stats(str(dump), stream=text)
    stats.strip_dirs()
    text.write(f"cProfile of the '{name}' scenario at {b.size} articles (main thread only)\n")
    text.write("\n== by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(45)
    text.write("\n== by own time\n")
    stats.sort_stats("tottime").print_stats(35)
    (RESULTS / f"profile-{name}-{b.size}.txt").write_text(text.getvalue(), "utf-8")
    dump.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kzreader benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--only", action="append", choices=SCENARIOS, help="run this scenario (repeatable)"
    )
    parser.add_argument("--runs", type=int, help="runs of each figure (default: per scenario)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per child")
    parser.add_argument("--fresh", action="store_true", help="rebuild the base libraries")
    parser.add_argument("--keep", action="store_true", help="keep the scratch libraries")
    parser.add_argument(
        "--keep-base",
        action="store_true",
        help="use the base library of the same corpus even if kzreader's code changed since "
        "it was built (for a change that leaves what a library holds as it was)",
    )
    parser.add_argument(
        "--profile",
        nargs="+",
        choices=SCENARIOS,
        default=[],
        help="instead of measuring, profile one run of these scenarios with cProfile "
        "(results/profile-<scenario>-<size>.txt)",
    )
    args = parser.parse_args(argv)
    selected = args.only or list(SCENARIOS)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        log(f"corpus of {size} articles")
        generate(size, args.seed)
        bench = Bench(args, size)
        if args.profile:
            for name in args.profile:
                profile(bench, name)
            continue
        path = RESULTS / f"results-{size}.json"
        results = json.loads(path.read_text("utf-8")) if path.exists() else {}
        results["size"] = size
        results["seed"] = args.seed
        results["corpus"] = {
            "articles": size,
            "mb": round(bench.manifest["bytes"] / 1e6, 2),
            "sha256": bench.manifest["sha256"],
        }
        scenarios = results.setdefault("scenarios", {})
        for name in selected:
            log(f"{name} at {size}")
            started = time.perf_counter()
            facts = machine_facts()
            try:
                figures = RUNNERS[name](bench)
                figures["finished"] = True
            except Unfinished as exc:
                log(f"  {name} did not finish: {exc}")
                figures = {
                    "finished": False,
                    "reached_s": round(exc.reached_s, 1),
                    "progress": exc.heartbeat,
                }
            figures["machine"] = facts
            if args.keep_base:
                figures["base_built_by_code"] = _base_code(bench)
            figures["wall_s"] = round(time.perf_counter() - started, 1)
            scenarios[name] = figures
            write_json(path, results)
        results["machine"] = machine_facts()
        write_json(path, results)
    if not args.profile:
        write_markdown()
        update_readme()
    log(f"results in {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
