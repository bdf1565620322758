"""The summary of a harness run, written as JSON and as Markdown.

Every count in ``MUST_BE_ZERO`` must be 0 for the run to pass (each test
also fails on its own faults; the summary is the record of the run).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fault_checks import Trial
from fault_setup import ROOT, SCENARIOS

MUST_BE_ZERO = (
    "lost committed operations",
    "corrupt states",
    "index mismatches",
    "leftover files",
    "tracebacks",
    "processes left running",
    "other faults",
    "disk-full failures",
    "vanished-folder failures",
    "fuzz errors",
    "fuzz queries over 1 s",
    "fuzz queries that hung",
)


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, cwd=ROOT, timeout=10)  # fmt: skip
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, cwd=ROOT, timeout=10)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(headers: list[str], rows: list[list[object]]) -> list[str]:
    """A Markdown table; columns of numbers are right-aligned."""
    numeric = [all(isinstance(row[i], int | float) for row in rows) for i in range(len(headers))]
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "".join("---:|" if n else "---|" for n in numeric),
        *("| " + " | ".join(_cell(v) for v in row) + " |" for row in rows),
    ]


@dataclass
class Summary:
    trials_requested: int
    started: float = field(default_factory=time.time)
    trials: list[Trial] = field(default_factory=list)
    disk_full: list[dict] = field(default_factory=list)  # operation, ok, message, problems
    vanished: list[dict] = field(default_factory=list)  # case, ok, message, problems
    fuzz: list[dict] = field(default_factory=list)  # one per library, see test_fault_search_fuzz
    written: list[Path] = field(default_factory=list)
    #: how long each scenario takes when not killed (the median of the runs to the end)
    scenario_seconds: dict[str, float] = field(default_factory=dict)

    def totals(self) -> dict[str, int]:
        t = self.trials
        return {
            "kill trials": len(t),
            "kills mid-operation": sum(x.mid_operation for x in t),
            "committed steps checked": sum(x.steps for x in t),
            "lost committed operations": sum(x.lost for x in t),
            "corrupt states": sum(bool(x.corrupt) for x in t),
            "index mismatches": sum(bool(x.index) for x in t),
            "leftover files": sum(len(x.leftovers) for x in t),
            "tracebacks": sum(len(x.tracebacks) for x in t)
            + sum(len(d["tracebacks"]) for d in self.disk_full),
            "processes left running": sum(len(x.strays) for x in t),
            "children killed before they started": sum(len(x.unborn) for x in t),
            "other faults": sum(len(x.other) for x in t),
            "disk-full cases": len(self.disk_full),
            "disk-full failures": sum(not d["ok"] for d in self.disk_full),
            "vanished-folder cases": len(self.vanished),
            "vanished-folder failures": sum(not v["ok"] for v in self.vanished),
            "fuzz queries": sum(f["queries"] for f in self.fuzz),
            "fuzz errors": sum(len(f["errors"]) for f in self.fuzz),
            "fuzz queries over 1 s": sum(len(f["slow"]) for f in self.fuzz),
            "fuzz queries that hung": sum(len(f["hung"]) for f in self.fuzz),
        }

    def failing(self) -> dict[str, int]:
        return {k: v for k, v in self.totals().items() if k in MUST_BE_ZERO and v}

    def per_scenario(self) -> dict[str, dict[str, float]]:
        rows = {}
        for scenario in SCENARIOS:
            t = [x for x in self.trials if x.scenario == scenario]
            if t:
                rows[scenario] = {
                    "scenario s": round(self.scenario_seconds.get(scenario, 0.0), 2),
                    "trials": len(t),
                    "mid-operation": sum(x.mid_operation for x in t),
                    "steps checked": sum(x.steps for x in t),
                    "lost": sum(x.lost for x in t),
                    "corrupt": sum(bool(x.corrupt) for x in t),
                    "index": sum(bool(x.index) for x in t),
                    "leftovers": sum(len(x.leftovers) for x in t),
                    "tracebacks": sum(len(x.tracebacks) for x in t),
                    "running": sum(len(x.strays) for x in t),
                    "other": sum(len(x.other) for x in t),
                    "s/trial": round(sum(x.seconds for x in t) / len(t), 2),
                    "max reopen s": round(max(x.reopen_seconds for x in t), 2),
                }
        return rows

    def kills_during(self) -> list[list[object]]:
        """[scenario, what the kill interrupted, kills], in scenario order."""
        counts = Counter((t.scenario, t.during) for t in self.trials)
        order = {s: i for i, s in enumerate(SCENARIOS)}
        ranked = sorted(counts.items(), key=lambda item: (order[item[0][0]], -item[1]))
        return [[scenario, during, n] for (scenario, during), n in ranked]

    def as_json(self) -> dict[str, object]:
        return {
            "date": time.strftime("%Y-%m-%d %H:%M", time.localtime(self.started)),
            "commit": _commit(),
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}",
            "wall seconds": round(time.time() - self.started, 1),
            "trials requested": self.trials_requested,
            "totals": self.totals(),
            "failing": self.failing(),
            "per scenario": self.per_scenario(),
            "kills during": self.kills_during(),
            "faulty trials": [t.as_dict() for t in self.trials if t.faults()],
            "disk full": self.disk_full,
            "vanished folder": self.vanished,
            "fuzz": self.fuzz,
        }

    def markdown(self) -> str:
        data = self.as_json()
        failing = ", ".join(f"{k}: {v}" for k, v in self.failing().items())
        out = [
            "# Fault harness run",
            "",
            f"{data['date']}, commit {data['commit']}, {data['machine']}; "
            f"{data['wall seconds']} s in all. "
            "Produced by `pytest -m faults tests/faults` (see tests/faults/README.md).",
            "",
            "**Verdict: " + (f"FAIL** ({failing})" if failing else "pass**"),
            "",
            "## Totals",
            "",
            *table(["count", "value"], [
                [f"{k} (must be 0)" if k in MUST_BE_ZERO else k, v]
                for k, v in self.totals().items()
            ]),
        ]  # fmt: skip
        rows = self.per_scenario()
        if rows:
            columns = list(next(iter(rows.values())))
            out += ["", "## Kill trials by scenario", ""]
            out += table(["scenario", *columns], [[s, *r.values()] for s, r in rows.items()])
            out += ["", "## What the kills interrupted", ""]
            out += table(["scenario", "step running", "kills"], self.kills_during())
        for title, cases, key in (("Full disk", self.disk_full, "operation"),
                                  ("Vanished folder", self.vanished, "case")):  # fmt: skip
            if cases:
                out += ["", f"## {title}", ""]
                out += table([key, "ok", "message"], [
                    [c[key], "yes" if c["ok"] else "NO: " + "; ".join(c["problems"]),
                     c["message"][:160]] for c in cases
                ])  # fmt: skip
        if self.fuzz:
            out += ["", "## Search fuzz", ""]
            out += table(
                ["library", "queries", "refused (QueryError)", "errors", "over 1 s", "hung",
                 "slowest s", "slowest query"],
                [[f["library"], f["queries"], f["refused"], len(f["errors"]), len(f["slow"]),
                  len(f["hung"]), f["slowest"][1], f"`{f['slowest'][0][:80]}`"]
                 for f in self.fuzz],
            )  # fmt: skip
        faulty = [t for t in self.trials if t.faults()]
        if faulty:
            out += ["", "## Faulty trials", ""]
            out += [f"- {t.scenario} #{t.number} (killed at {t.moment:.3f} s, after step "
                    f"{t.steps}): {'; '.join(t.faults())[:400]}" for t in faulty[:50]]  # fmt: skip
        return "\n".join(out) + "\n"

    def write(self, path: Path) -> list[Path]:
        """``path`` with the suffixes .json and .md."""
        path.parent.mkdir(parents=True, exist_ok=True)
        written = [path.with_suffix(".json"), path.with_suffix(".md")]
        text = json.dumps(self.as_json(), indent=2, ensure_ascii=False)
        written[0].write_text(text + "\n", "utf-8")
        written[1].write_text(self.markdown(), "utf-8")
        self.written = written
        return written
