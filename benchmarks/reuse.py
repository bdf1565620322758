"""Reuse-detection benchmark: planted passages, speed against Whoosh, memory.

Scenarios, each through ``Library`` as the app runs it:

- ``planted``: the planted-reuse corpus (``reuse_generate.py``) imported
  into a fresh library, one full detection run, and its alignments (default
  ``min_words``) scored against the planted passages: precision, recall per
  edit rate (a planted passage is found when one alignment between its two
  documents covers at least half of it in both), alignments per planted
  passage, and whether ``a`` is the planted source (order ``a-first``);
- ``speed``: the 1,000-article corpus in a fresh library; building its
  Whoosh index (``Library.reindex``) and a full detection run, alternated
  in the same process, ``--runs`` times each; then adding one article to
  the library, re-importing it changed, and deleting it, each followed by
  the incremental detection;
- ``large``: a full run over the 10,000-article corpus in a child process,
  its time and peak memory (``VmHWM``).

    python benchmarks/reuse.py [--only planted|speed|large] [--runs 3]

Writes ``benchmarks/results/reuse-results.json`` and ``reuse-results.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import generate
import reuse_generate
from common import PYTHON, RESULTS, WORK, peak_rss_mb, summary, write_json

from kzreader.core.library import Library

OUT_JSON = RESULTS / "reuse-results.json"
OUT_MD = RESULTS / "reuse-results.md"


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def planted(articles: int, per_rate: int) -> dict:
    folder = reuse_generate.build(articles, per_rate, generate.DEFAULT_SEED)
    info = json.loads((folder / "planted.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "lib") as lib:
        lib.import_paths([folder])
        ids = {d.file_name: d.id for d in lib.documents()}
        began = time.perf_counter()
        run = lib.detect_reuse(full=True)
        seconds = time.perf_counter() - began
        report = lib.reuse(refresh=False)
        texts = {i: lib.document(i).text for i in ids.values()}
        dates = {d.id: d.published for d in lib.documents()}
    plants = []
    for p in info["planted"]:
        s, t = ids[p["source"]], ids[p["target"]]
        s0, t0 = texts[s].find(p["source_text"]), texts[t].find(p["target_text"])
        assert s0 >= 0 and t0 >= 0, p
        plants.append((s, s0, s0 + len(p["source_text"]), t, t0, t0 + len(p["target_text"]), p))
    matched: dict[int, list] = {}
    true = 0
    false = []
    for al in report.alignments:
        hit = False
        for k, (s, s0, s1, t, t0, t1, _) in enumerate(plants):
            for x, y in ((al.a, al.b), (al.b, al.a)):
                if (
                    (x.document_id, y.document_id) == (s, t)
                    and _overlap(x.start, x.end, s0, s1)
                    and _overlap(y.start, y.end, t0, t1)
                ):
                    hit = True
                    matched.setdefault(k, []).append((al, x, y))
        true += hit
        if not hit:
            false.append(al)
    recall = {}
    for rate in reuse_generate.RATES:
        ks = [k for k, p in enumerate(plants) if p[6]["rate"] == rate]
        found = [
            k for k in ks
            if any(
                _overlap(x.start, x.end, plants[k][1], plants[k][2])
                >= 0.5 * (plants[k][2] - plants[k][1])
                and _overlap(y.start, y.end, plants[k][4], plants[k][5])
                >= 0.5 * (plants[k][5] - plants[k][4])
                for _, x, y in matched.get(k, [])
            )
        ]  # fmt: skip
        recall[f"{int(rate * 100)}%"] = {
            "planted": len(ks),
            "found": len(found),
            "recall": round(len(found) / len(ks), 4),
            "missed_words": sorted(plants[k][6]["words"] for k in ks if k not in found),
        }
    right = sum(
        1
        for k, hits in matched.items()
        if any(al.order == "a-first" and al.a.document_id == plants[k][0] for al, _, _ in hits)
    )
    examples = [
        {
            "a": [al.a.document_id, al.a.start, al.a.end],
            "b": [al.b.document_id, al.b.start, al.b.end],
            "words": al.words,
            "a_text": " ".join(texts[al.a.document_id][al.a.start : al.a.end].split())[:160],
            "b_text": " ".join(texts[al.b.document_id][al.b.start : al.b.end].split())[:160],
        }
        for al in false[:8]
    ]
    return {
        "articles": articles,
        "planted": len(plants),
        "documents_with_a_plant": len({p[0] for p in plants} | {p[3] for p in plants}),
        "hard_negatives": articles - len({p[0] for p in plants} | {p[3] for p in plants}),
        "dated_documents": sum(1 for v in dates.values() if v),
        "alignments": len(report.alignments),
        "true_alignments": true,
        "precision": round(true / max(len(report.alignments), 1), 4),
        "recall": recall,
        "alignments_per_planted": round(sum(len(v) for v in matched.values()) / len(plants), 4),
        "order_right": round(right / len(plants), 4),
        "clusters": len(report.clusters),
        "detect_s": round(seconds, 3),
        "run": {"documents": run.documents, "alignments": run.alignments},
        "false_examples": examples,
    }


def speed(runs: int) -> dict:
    corpus = generate.generate(1000, quiet=True)
    extra = generate.generate(10000, quiet=True)
    new_files = sorted(extra.glob("*.txt"))[1000:1003]
    whoosh, detect = [], []
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "lib") as lib:
        lib.import_paths([corpus])
        for _ in range(runs):
            began = time.perf_counter()
            lib.reindex()
            whoosh.append(time.perf_counter() - began)
            began = time.perf_counter()
            run = lib.detect_reuse(full=True)
            detect.append(time.perf_counter() - began)
            assert run.documents == 1000 and run.full
        changes = {"add": [], "reimport": [], "delete": []}
        for path in new_files:
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            (result,) = lib.import_paths([copy]).results
            began = time.perf_counter()
            run = lib.detect_reuse()
            changes["add"].append(time.perf_counter() - began)
            assert run.documents == 1 and not run.full, run
            copy.write_text(copy.read_text("utf-8") + "\nUn paragraphe ajouté.\n", "utf-8")
            lib.import_paths([copy])
            began = time.perf_counter()
            run = lib.detect_reuse()
            changes["reimport"].append(time.perf_counter() - began)
            assert run.documents == 1 and not run.full, run
            lib.delete_document(result.document_id)
            began = time.perf_counter()
            run = lib.detect_reuse()
            changes["delete"].append(time.perf_counter() - began)
    return {
        "articles": 1000,
        "whoosh_index_s": summary(whoosh, 3),
        "detect_full_s": summary(detect, 3),
        "ratio_detect_over_whoosh": round(min(detect) / min(whoosh), 3),
        "incremental_s": {k: summary(v, 3) for k, v in changes.items()},
    }


def large_child(path: str) -> None:
    lib = Library(Path(path), sync_index=False)
    opened = peak_rss_mb()
    began = time.perf_counter()
    run = lib.detect_reuse(full=True)
    seconds = time.perf_counter() - began
    lib.close(backup=False)
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": peak_rss_mb(),
                      "rss_after_open_mb": opened, "documents": run.documents,
                      "alignments_stored": run.alignments}))  # fmt: skip


def large() -> dict:
    corpus = generate.generate(10000, quiet=True)
    folder = WORK / "reuse-10000"
    if not (folder / "library.sqlite").exists():
        with Library(folder) as lib:
            lib.import_paths([corpus])
    out = subprocess.run(
        [PYTHON, __file__, "--large-child", str(folder)],
        capture_output=True, text=True, check=True, timeout=900,
    )  # fmt: skip
    return {"articles": 10000, **json.loads(out.stdout.strip().splitlines()[-1])}


def markdown(data: dict) -> str:
    lines = ["# Reuse detection benchmark", ""]
    lines.append(f"Machine: {data['machine']}")
    lines.append("")
    if "planted" in data:
        p = data["planted"]
        lines += [
            f"## Planted reuse ({p['articles']} articles, {p['planted']} planted passages, "
            f"{p['hard_negatives']} articles with no copied passage)",
            "",
            "| figure | value | target |",
            "|---|---|---|",
            f"| precision | {p['precision']} ({p['true_alignments']}/{p['alignments']}) | ≥ 0.95 |",
        ]
        for rate, r in p["recall"].items():
            target = "≥ 0.75" if rate == "30%" else "≥ 0.90"
            lines.append(f"| recall, {rate} edited | {r['recall']} ({r['found']}/{r['planted']})"
                         f" | {target} |")  # fmt: skip
        lines += [
            f"| alignments per planted passage | {p['alignments_per_planted']} | ≤ 1.1 |",
            f"| earlier source as `a` | {p['order_right']} | ≥ 0.95 |",
            f"| full detection | {p['detect_s']} s | |",
            "",
        ]
    if "speed" in data:
        s = data["speed"]
        lines += [
            "## 1,000 articles: detection against building the Whoosh index (same run)",
            "",
            "| step | median s | min s | runs |",
            "|---|---|---|---|",
            f"| Whoosh index build | {s['whoosh_index_s']['median']} | "
            f"{s['whoosh_index_s']['min']} | {s['whoosh_index_s']['runs']} |",
            f"| full reuse detection | {s['detect_full_s']['median']} | "
            f"{s['detect_full_s']['min']} | {s['detect_full_s']['runs']} |",
        ]
        for k, v in s["incremental_s"].items():
            lines.append(f"| incremental after {k} of one article | {v['median']} | {v['min']} "
                         f"| {v['runs']} (max {v['max']}) |")  # fmt: skip
        lines += ["", f"Detection / Whoosh: {s['ratio_detect_over_whoosh']}.", ""]
    if "large" in data:
        g = data["large"]
        lines += [
            "## 10,000 articles: full detection in a child process",
            "",
            f"{g['seconds']} s, peak RSS {g['peak_rss_mb']} MB (of which "
            f"{g['rss_after_open_mb']} MB after opening the library); "
            f"{g['alignments_stored']} alignments stored (of ≥ 8 words).",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=("planted", "speed", "large"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--per-rate", type=int, default=30)
    parser.add_argument("--large-child", metavar="LIBRARY", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.large_child:
        large_child(args.large_child)
        return 0
    data = json.loads(OUT_JSON.read_text("utf-8")) if OUT_JSON.exists() else {}
    data["machine"] = (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    for name in args.only or ("planted", "speed", "large"):
        before = _load()
        began = time.perf_counter()
        result = {"planted": lambda: planted(args.articles, args.per_rate),
                  "speed": lambda: speed(args.runs), "large": large}[name]()  # fmt: skip
        result["load_average_before"] = before
        result["load_average_after"] = _load()
        result["scenario_s"] = round(time.perf_counter() - began, 1)
        data[name] = result
        print(name, json.dumps({k: v for k, v in result.items() if k != "false_examples"}))
    RESULTS.mkdir(parents=True, exist_ok=True)
    write_json(OUT_JSON, data)
    OUT_MD.write_text(markdown(data) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
