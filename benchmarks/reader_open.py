"""Opening a long article in the reader: how soon its first screen is
painted, and how long the GUI thread is ever stuck meanwhile.

    .venv/bin/python benchmarks/reader_open.py
    .venv/bin/python benchmarks/reader_open.py --sizes 74000 2000000 --no-before

Articles of 74 KB, 592 KB, 2 MB and 20 MB (UTF-8 bytes) are made from the
seeds' French text: their lines, drawn by a seeded random generator, joined
as paragraphs with blank lines between them (one line in ten followed by a
single line break instead, one in twenty by two blank lines). Each carries
passages (20, 100, 300, 400 by size; tagged from eight tags, some
overlapping, some linked) and boilerplate spans at its start and end, so the
reader paints what it paints for a real article: block formats, dimmed
boilerplate, passage colours, the breaks in glued text (the seeds glue
sentences, so these articles do too).

Each (size, reader) runs in a process of its own on the offscreen platform:
a 1200 × 900 reader is shown, then ``show_document`` is called and timed:

- *call*: the ``show_document`` call itself;
- *first paint*: from the call to the end of the reader's first paint;
- *worst stall*: the longest gap of a 5 ms ``QTimer`` heartbeat from the
  call until the document is laid out to its end (the call counts: it is a
  stall too), and the longest gap after the call returned;
- *laid out*: when the layout reached the end of the document;
- then, once laid out: a passage added in view (``set_passages``), and the
  same document shown again (as after a re-import), each timed.

The *before* figures run the reader as it was before these changes (the
file at commit ``BEFORE_COMMIT``, read with ``git show``) on the two small
sizes only (it took 26 s at 592 KB and over 6 minutes at 2 MB).

Results: ``benchmarks/results/reader-open.json`` and ``reader-open.md``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import PYTHON, RESULTS, ROOT, peak_rss_mb, write_json

SIZES = (74_000, 592_000, 2_000_000, 20_000_000)
BEFORE_SIZES = (74_000, 592_000)
BEFORE_COMMIT = "728b84bf3bc0a300cbb02ad94691bf12d9955466"
PASSAGES = {74_000: 20, 592_000: 100, 2_000_000: 300, 20_000_000: 400}
TAGS = {
    "Acteurs/OTSC": "#e76f51",
    "Acteurs/Kazakhstan": "#f4a261",
    "Acteurs/Russie": "#e9c46a",
    "Acteurs/USA": "#2a9d8f",
    "Thèmes/Intervention": "#8ab17d",
    "Thèmes/Violences": "#b56576",
    "Sources/Entretien": "#6d597a",
    "Sources/Communiqué": "#457b9d",
}
HEARTBEAT_MS = 5
TARGETS = {2_000_000: 0.300, 20_000_000: 2.0}  # first paint, seconds


# -- inputs ----------------------------------------------------------------------------


def article_text(size: int) -> str:
    """About ``size`` UTF-8 bytes of the seeds' lines as paragraphs."""
    lines = [
        line.strip()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if len(line.strip()) > 30
    ]
    rng = random.Random(f"reader-open-{size}")
    parts: list[str] = []
    used = 0
    while used < size:
        line = rng.choice(lines)
        roll = rng.random()
        sep = "\n" if roll < 0.1 else "\n\n\n" if roll < 0.15 else "\n\n"
        parts.append(line + sep)
        used += len(line.encode("utf-8")) + len(sep)
    return "".join(parts)


def article(size: int) -> tuple[Any, list[Any]]:
    """The ``DocumentView`` and its ``PassageInfo``s."""
    from kzreader.core.types import DocumentInfo, DocumentView, LinkInfo, PassageInfo

    text = article_text(size)
    rng = random.Random(f"reader-open-passages-{size}")
    info = DocumentInfo(
        id=1, uid="bench", title="Article", source="Sputnik", url=None,
        published="2022-01-06", language="fr", length=len(text), file_name="bench.txt",
        encoding="utf-8", imported_at="2022-01-06", updated_at="2022-01-06",
    )  # fmt: skip
    first_line = text.index("\n")
    boilerplate = [(0, first_line), (len(text) - 200, len(text))]
    passages = []
    tags = list(TAGS)
    for i in range(PASSAGES[size]):
        start = rng.randrange(first_line + 1, len(text) - 800)
        start = text.find(" ", start) + 1
        end = text.find(" ", start + rng.randint(30, 700))
        if i % 7 == 3 and passages:  # one overlapping the one before
            start = passages[-1].start + 5
            end = text.find(" ", start + rng.randint(30, 700))
        links = []
        if i % 9 == 0:
            links = [LinkInfo(i, f"l{i}", i + 1, 1, "repeats", "directed", None, "", "out",
                              1, 2, "Autre article", "…")]  # fmt: skip
        passage = PassageInfo(
            id=i + 1, uid=f"p{i}", document_id=1, document_title="Article", start=start,
            end=end, exact=text[start:end], prefix="", suffix="", color=None, note=None,
            status="ok", tags=rng.sample(tags, 1 + (i % 3 == 0)), created_at="",
            modified_at="", links=links,
        )  # fmt: skip
        passages.append(passage)
    return DocumentView(info, text, boilerplate), passages


def before_reader_class() -> Any:
    """``ReaderView`` as it was at ``BEFORE_COMMIT``, or None without git."""
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE_COMMIT}:kzreader/gui/reader.py"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "reader_before.py"
    path.write_text(source, "utf-8")
    spec = importlib.util.spec_from_file_location("reader_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ReaderView


# -- one measurement (a child process) ---------------------------------------------------


def measure(size: int, variant: str, timeout: float) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    if variant == "before":
        base = before_reader_class()
        if base is None:
            return {"size": size, "variant": variant, "skipped": "git show failed"}
    else:
        from kzreader.gui.reader import ReaderView as base

    class Timed(base):  # type: ignore[misc, valid-type]
        painted_at = 0.0

        def paintEvent(self, event):  # type: ignore[no-untyped-def]
            super().paintEvent(event)
            if not Timed.painted_at:
                Timed.painted_at = time.perf_counter()

    view, passages = article(size)
    stages = time_stages() if variant == "new" else {}
    reader = Timed()
    reader.resize(1200, 900)
    reader.show()
    for _ in range(20):
        app.processEvents()
    beats: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        beats.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(HEARTBEAT_MS)
    for _ in range(5):
        app.processEvents()
    beats.clear()
    bar = reader.verticalScrollBar()
    Timed.painted_at = 0.0
    t0 = time.perf_counter()
    last[0] = t0
    reader.show_document(view, passages, TAGS)
    t_call = time.perf_counter()
    deadline = t0 + timeout
    while not Timed.painted_at and time.perf_counter() < deadline:
        app.processEvents()
    after_call = len(beats)
    # laid out: the pacing is done (new), or the scroll range stopped growing (before)
    steady_since, previous, laid_out_at = time.perf_counter(), -1, None
    while time.perf_counter() < deadline:
        app.processEvents()
        now = time.perf_counter()
        if variant == "new" and not reader.paced.is_running():
            laid_out_at = now
            break
        if bar.maximum() != previous:
            previous, steady_since = bar.maximum(), now
        elif now - steady_since > 1.5:
            laid_out_at = steady_since
            break
    out: dict[str, Any] = {
        "size": size,
        "variant": variant,
        "characters": len(view.text),
        "passages": len(passages),
        "breaks": len(getattr(reader, "breaks", [])),
        "call_s": round(t_call - t0, 4),
        "first_paint_s": round(Timed.painted_at - t0, 4) if Timed.painted_at else None,
        "laid_out_s": round(laid_out_at - t0, 3) if laid_out_at else None,
        "worst_stall_s": round(max([t_call - t0, *beats]), 4),
        "worst_stall_after_call_s": round(max(beats[after_call:] or [0.0]), 4),
        "heartbeats": len(beats),
        "scroll_range_px": bar.maximum(),
    }
    if variant == "new":
        out["call_stages_s"] = {name: round(spent, 4) for name, spent in stages.items()}
        out["layout_slices"] = reader.paced.slices
        out["longest_slice_s"] = round(reader.paced.longest, 4)
    if laid_out_at:
        out.update(changes(app, reader, view, passages))
    out["peak_rss_mb"] = peak_rss_mb()
    heartbeat.stop()
    return out


def time_stages() -> dict[str, float]:
    """Seconds ``show_document`` spends in each of its stages (its calls
    wrapped; the dictionary fills as it runs)."""
    from kzreader.gui import reader as module

    spent: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - began

        return wrapper

    module.OffsetMap = timed("offsets", module.OffsetMap)
    module.glue_breaks = timed("glue_breaks", module.glue_breaks)
    module.format_blocks = timed("block_formats", module.format_blocks)
    module.TextPaint.paint = timed("char_formats", module.TextPaint.paint)
    module.ReaderView.setPlainText = timed("setPlainText", module.ReaderView.setPlainText)
    return spent


def changes(app: Any, reader: Any, view: Any, passages: list[Any]) -> dict:
    """A passage added in the middle of the article, in view; the same
    document shown again."""
    from dataclasses import replace

    middle = len(view.text) // 2
    start = view.text.find(" ", middle) + 1
    added = replace(passages[0], id=10**6, start=start, end=start + 60, links=[])
    reader.scroll_to(start, start + 60)
    app.processEvents()
    t = time.perf_counter()
    reader.set_passages([*passages, added], TAGS)
    app.processEvents()
    repaint = time.perf_counter() - t
    value = reader.verticalScrollBar().value()
    t = time.perf_counter()
    reader.show_document(view, [*passages, added], TAGS)
    app.processEvents()
    reshow = time.perf_counter() - t
    return {
        "add_passage_s": round(repaint, 4),
        "show_again_s": round(reshow, 4),
        "show_again_kept_scroll": reader.verticalScrollBar().value() == value,
    }


# -- the run ------------------------------------------------------------------------------


def machine() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()  # fmt: skip
        except (OSError, subprocess.CalledProcessError):
            return ""

    from importlib import metadata

    return {
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "pyside6": metadata.version("PySide6-Essentials"),
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--", "kzreader")),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def child(size: int, variant: str, timeout: float) -> dict:
    command = [PYTHON, __file__, "measure", str(size), variant, str(timeout)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout + 120, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        return {"size": size, "variant": variant, "unfinished": f"over {timeout + 120:.0f} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        return {"size": size, "variant": variant, "failed": done.stderr[-2000:]}
    return json.loads(lines[-1])


def size_label(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1e6 else f"{size / 1e3:g} KB"


def ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def markdown(data: dict) -> str:
    m = data["machine"]
    lines = [
        "# Opening a long article in the reader (`benchmarks/reader_open.py`)",
        "",
        f"{m['date']}, {m['cpu_count']} CPUs, Python {m['python']}, PySide6 {m['pyside6']}, "
        f"kzreader at {m['git_commit'][:10]}"
        f"{' with uncommitted changes' if m['git_dirty'] else ''}; offscreen platform, "
        f"a 1200 × 900 reader; load average at the end {m['load_average'][0]}.",
        "",
        "| article | reader | passages | breaks | `show_document` | first paint | worst stall "
        "| worst stall after the call | laid out | add a passage | show again |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in data["runs"]:
        size = size_label(r["size"])
        if "call_s" not in r:
            reason = r.get("skipped") or r.get("unfinished") or "failed"
            lines.append(f"| {size} | {r['variant']} | {reason} |" + " |" * 8)
            continue
        target = TARGETS.get(r["size"])
        mark = ""
        if target and r["variant"] == "new" and r["first_paint_s"] is not None:
            mark = f" {'✅' if r['first_paint_s'] <= target else '❌'} (≤ {ms(target)})"
        lines.append(
            f"| {size} | {r['variant']} | {r['passages']} | {r['breaks'] or '—'} "
            f"| {ms(r['call_s'])} | {ms(r['first_paint_s'])}{mark} | {ms(r['worst_stall_s'])} "
            f"| {ms(r['worst_stall_after_call_s'])} | {ms(r['laid_out_s'])} "
            f"| {ms(r.get('add_passage_s'))} | {ms(r.get('show_again_s'))} |"
        )
    lines += [
        "",
        "*First paint*: from the call to the end of the reader's first paint. *Worst stall*: "
        f"the longest gap of a {HEARTBEAT_MS} ms heartbeat timer from the call until the "
        "document is laid out to its end, the call included; *after the call*: once the call "
        "returned (the background layout). *Laid out*: when the layout reached the end. *Add a "
        "passage*: `set_passages` with one passage more, in view, once laid out. *Show again*: "
        "`show_document` of the same document (it keeps the scroll position). *before*: the "
        f"reader at {BEFORE_COMMIT[:10]}, on the small sizes only.",
        "",
        "Peak RSS of each process: "
        + ", ".join(
            f"{size_label(r['size'])} {r['variant']} {r['peak_rss_mb']:.0f} MB"
            for r in data["runs"]
            if "peak_rss_mb" in r
        )
        + ".",
        "",
    ]
    for r in data["runs"]:
        if r.get("call_stages_s"):
            parts = ", ".join(f"{k} {ms(v)}" for k, v in r["call_stages_s"].items())
            lines.append(f"- {size_label(r['size'])}, where the call goes: {parts}.")
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "measure":
        size, variant, timeout = int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
        print(json.dumps(measure(size, variant, timeout)), flush=True)
        os._exit(0)  # no teardown of the Qt objects: nothing more to measure
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-before", action="store_true", help="skip the old reader")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    args = parser.parse_args()
    runs = []
    for size in args.sizes:
        variants = ["new"] + (["before"] if size in BEFORE_SIZES and not args.no_before else [])
        for variant in variants:
            print(f"[{time.strftime('%H:%M:%S')}] {size:,} bytes, {variant}", file=sys.stderr)
            result = child(size, variant, args.timeout)
            print(json.dumps(result), file=sys.stderr)
            runs.append(result)
    data = {"machine": machine(), "runs": runs}
    RESULTS.mkdir(exist_ok=True)
    write_json(RESULTS / "reader-open.json", data)
    (RESULTS / "reader-open.md").write_text(markdown(data), "utf-8")
    print(markdown(data))


if __name__ == "__main__":
    main()
