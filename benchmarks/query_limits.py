"""Hostile and ordinary queries over a generated library: is every one
answered or refused within a second?

    .venv/bin/python benchmarks/query_limits.py                 # 10,000 articles
    .venv/bin/python benchmarks/query_limits.py --size 1000 --runs 3
    .venv/bin/python benchmarks/query_limits.py --size 100000 --runs 3 \
        --library benchmarks/work/100000/base           # run.py's library

Builds (or reuses) a library of the generated corpus in
``benchmarks/work/<size>/query-limits/`` — kept while the corpus and the
index format are unchanged — or uses ``--library``, then runs each query of
the battery as the app's search panel asks it: ``Library.search(text,
limit=20, within=ANSWER_WITHIN_S)`` (which cuts the snippets; a search that
would take longer answers with the best of the articles it reached, "stopped
early"), or with ``--complete`` every match ranked, ``--runs`` times, timed
with ``time.perf_counter``. A query still running after
``--query-timeout`` seconds is stopped (a timer signal interrupts it) and
recorded as not finished. Writes ``benchmarks/results/query-limits-<size>.json``
and ``.md``: every query, its outcome (N hits, or the refusal's message), the
time of its first run, the median and the max.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import signal
import statistics
import string
import sys
import time
from pathlib import Path

from common import RESULTS, peak_rss_mb, stamp_current, work_dir, write_json
from generate import DEFAULT_SEED, corpus_dir, generate, load_manifest
from run import log, machine_facts
from scenarios import QUERY_MIX

#: Every query must be answered or refused within this many seconds.
TARGET_S = 1.0


# -- the battery -------------------------------------------------------------------


def _fit(separator: str, words: list[str], limit: int = 2000) -> str:
    """As many of ``words`` joined by ``separator`` as fit in ``limit`` characters."""
    out: list[str] = []
    length = 0
    for word in words:
        extra = len(word) + (len(separator) if out else 0)
        if length + extra > limit:
            break
        out.append(word)
        length += extra
    return separator.join(out)


def _nested(depth: int, inner: str = "Zas") -> str:
    return "(" * depth + inner + ")" * depth


def battery(common: list[str], rare: list[str]) -> list[tuple[str, str, str]]:
    """``(category, label, query)``: ``common`` and ``rare`` are the index's
    commonest and rarest words of the articles' field."""
    pairs = ["".join(p) for p in itertools.product(string.ascii_lowercase, repeat=2)]
    long_word = "tokayev" * 28 + "to"  # 198 characters, 200 with "~2"
    queries: list[tuple[str, str | None, str]] = [
        # ordinary queries
        ("word", None, "Kazakhstan"),
        ("word", None, "sécurité"),
        ("word", None, "securite"),
        ("word", None, "Tokaïev"),
        ("word", None, "Tokayev"),
        ("boolean", None, "Zas AND Blinken"),
        ("boolean", None, "(Tokaïev OR Tokayev) AND gaz"),
        ("boolean", None, "Kazakhstan NOT Russie"),
        ("phrase", None, '"maintien de la paix"'),
        ("phrase", None, '"Stanislav Zas"'),
        ("phrase", None, '"maintien paix"~5'),
        ("prefix", None, "maint*"),
        ("prefix", None, "kaz*"),
        ("prefix", None, "secur*"),
        ("fuzzy", None, "Tokayev~"),
        ("fuzzy", None, "Tokayev~1"),
        ("fuzzy", None, "Tokayev~2"),
        ("fuzzy", None, "Blinkin~"),
        ("fuzzy", None, "Nazarbaev~2"),
        ("fuzzy", None, "Tukaev~2"),
        ("fuzzy", None, "gaz~2"),
        ("fuzzy", None, "le~2"),
        ("field", None, "title:OTSC"),
        ("field", None, "source:sputnik"),
        ("field", None, "date:2022-01"),
        ("field", None, "lang:fr"),
        ("field", None, "Zas date:2022-01-01..2022-01-15"),
        # fuzzy terms with too many edits
        ("hostile: fuzzy", None, "Tokayevabcdefgh~8"),
        ("hostile: fuzzy", None, "Tokayev~99999999"),
        ("hostile: fuzzy", None, "Tokayev~3"),
        ("hostile: fuzzy", None, "Tokayev~2/20"),
        ("hostile: fuzzy", "a 198-character word ~2", long_word + "~2"),
        ("hostile: fuzzy", "OR of two-letter words ~2", _fit(" OR ", [p + "~2" for p in pairs])),
        ("hostile: fuzzy", "16 rare words ~2", " OR ".join(w + "~2" for w in rare[:16])),
        ("hostile: fuzzy", "16 common words ~2", " OR ".join(w + "~2" for w in common[:16])),
        # fields
        ("hostile: field", None, "ﬁstatus:Tokayev~2"),
        ("hostile: field", None, "ﬁstatus:draft"),
        ("hostile: field", None, "ｔｉｔｌｅ:OTSC"),
        # length
        ("hostile: length", "a word of 100,000 characters", "a" * 100_000),
        ("hostile: length", "'Zas ' × 25,000 (100,000 characters)", "Zas " * 25_000),
        ("hostile: length", "a word of 201 characters", "Zas " + "a" * 201),
        ("hostile: length", "2,000 characters: words of 199", _fit(" ", ["a" * 199] * 20)),
        ("hostile: length", "2,000 characters: 'a*…' runs", _fit(" ", ["a*" * 99 + "b"] * 20)),
        # wildcards
        ("hostile: wildcard", None, "*a*b*c*"),
        ("hostile: wildcard", None, "*a*a*a*a*a*a*a*a*a*a*a*a*"),
        ("hostile: wildcard", None, "a*b*c*d*e*"),
        ("hostile: wildcard", None, "*tion"),
        ("hostile: wildcard", None, "*tion OR *ment OR *ique OR *isme OR *eur"),
        (
            "hostile: wildcard",
            "OR of 250 leading wildcards",
            _fit(" OR ", [f"*{p}q" for p in pairs]),
        ),
        ("hostile: wildcard", "16 leading wildcards", " OR ".join(f"*{p}q" for p in pairs[:16])),
        ("hostile: wildcard", None, "*a*"),
        ("hostile: wildcard", None, "*e*"),
        ("hostile: wildcard", None, "?a?"),
        ("hostile: wildcard", None, "**"),
        ("hostile: wildcard", None, "*"),
        ("hostile: wildcard", None, "Zas *"),
        # prefixes over the whole vocabulary
        ("hostile: prefix", None, "a*"),
        ("hostile: prefix", None, "p*"),
        ("hostile: prefix", None, "s*"),
        ("hostile: prefix", None, "a* OR p* OR c*"),
        ("hostile: prefix", "OR of two-letter prefixes", _fit(" OR ", [p + "*" for p in pairs])),
        ("hostile: prefix", "16 two-letter prefixes", " OR ".join(p + "*" for p in pairs[:16])),
        # many words
        ("hostile: OR list", "OR of the 10 commonest words", " OR ".join(common[:10])),
        ("hostile: OR list", "OR of the 20 commonest words", " OR ".join(common[:20])),
        ("hostile: OR list", "OR of the 30 commonest words", " OR ".join(common[:30])),
        ("hostile: OR list", "OR of the 50 commonest words", " OR ".join(common[:50])),
        ("hostile: OR list", "OR of the 100 commonest words", " OR ".join(common[:100])),
        ("hostile: OR list", "OR of rare words (2,000 characters)", _fit(" OR ", rare)),
        ("hostile: OR list", "OR of two-letter words (2,000 characters)", _fit(" OR ", pairs)),
        ("hostile: terms", "AND of the 10 commonest words", " ".join(common[:10])),
        ("hostile: terms", "AND of the 20 commonest words", " ".join(common[:20])),
        ("hostile: terms", "AND of the 100 commonest words", " ".join(common[:100])),
        ("hostile: terms", "AND of two-letter words (2,000 characters)", _fit(" ", pairs)),
        ("hostile: terms", "'x' × 1,000", _fit(" ", ["x"] * 1000)),
        ("hostile: terms", "a phrase of 600 words", '"' + _fit(" ", ["ab"] * 700, 1998) + '"'),
        # parentheses and operators
        ("hostile: nesting", "32 parentheses deep", _nested(32)),
        ("hostile: nesting", "33 parentheses deep", _nested(33)),
        ("hostile: nesting", "990 parentheses deep", _nested(990)),
        ("hostile: nesting", "OR of common words 31 deep", _or_nested(common[:31])),
        ("hostile: operators", None, "NOT NOT Zas"),
        ("hostile: operators", None, "* NOT Zas"),
        # phrases with a slop
        ("hostile: slop", None, '"Stanislav Zas"~20'),
        ("hostile: slop", None, '"Stanislav Zas"~99999999'),
        ("hostile: slop", "3 common words ~20", '"' + " ".join(common[1:4]) + '"~20'),
        ("hostile: slop", "5 common words ~20", '"' + " ".join(common[:5]) + '"~20'),
        ("hostile: slop", "10 common words ~20", '"' + " ".join(common[:10]) + '"~20'),
        ("hostile: slop", "5 common words ~99999", '"' + " ".join(common[:5]) + '"~99999'),
        ("hostile: slop", "phrase of the 20 commonest words", '"' + " ".join(common[:20]) + '"'),
    ]
    # the search mix of run.py, tags aside (they are not text searches)
    mix = [(cat, None, kz.replace("{rare}", rare[0])) for cat, kz, _ in QUERY_MIX if cat != "tag"]
    seen = {text for _, _, text in queries}
    queries = [q for q in mix if q[2] not in seen] + queries
    return [(cat, label or text, text) for cat, label, text in queries]


def _or_nested(words: list[str]) -> str:
    text = words[0]
    for word in words[1:]:
        text = f"({word} OR {text})"
    return text


# -- the library --------------------------------------------------------------------


def ensure_library(size: int, seed: int, fresh: bool) -> Path:
    """The library of the corpus of ``size`` articles, built unless current."""
    from kzreader.core.index import INDEX_FORMAT
    from kzreader.core.library import Library

    generate(size, seed)
    target = work_dir(size) / "query-limits"
    stamp_path = work_dir(size) / "query-limits.json"
    stamp = {"corpus": load_manifest(size)["sha256"], "index_format": INDEX_FORMAT}
    current = stamp_current(stamp_path, stamp)
    if current and target.exists() and not fresh:
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


def vocabulary(lib) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The index's words of the articles' field by document frequency:
    the commonest first, and the rarest."""
    with lib.index.searcher() as searcher:
        reader = searcher.reader()
        fields = [f for f in reader.indexed_field_names() if f.startswith("body")]
        field = max(fields, key=lambda f: sum(1 for _ in reader.lexicon(f)))
        ranked = sorted(
            ((reader.doc_frequency(field, t), t.decode("utf-8")) for t in reader.lexicon(field)),
            key=lambda x: (-x[0], x[1]),
        )
    words = [w for _, w in ranked if w.isalpha()]
    return words[:200], words[::-1][:400]


# -- measuring -------------------------------------------------------------------------


class Stopped(Exception):
    pass


def _alarm(signum, frame):  # type: ignore[no-untyped-def]
    raise Stopped


def run_once(lib, text: str, timeout: float, within: float | None):  # type: ignore[no-untyped-def]
    """``(seconds, outcome, hits, message)`` of one search."""
    from kzreader.core.errors import QueryError

    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    started = time.perf_counter()
    try:
        results = lib.search(text, limit=20, within=within)
        outcome = "answered" if results.complete else "stopped early"
        hits, message = results.total, None
    except QueryError as exc:
        outcome, hits, message = "refused", None, str(exc)
    except Stopped:
        outcome, hits, message = "not finished", None, f"stopped after {timeout:g} s"
    finally:
        elapsed = time.perf_counter() - started
        signal.setitimer(signal.ITIMER_REAL, 0)
    return elapsed, outcome, hits, message


def measure(  # type: ignore[no-untyped-def]
    size: int, seed: int, runs: int, timeout: float, fresh: bool, library, within
) -> dict:
    from kzreader.core.library import Library

    path = Path(library) if library else ensure_library(size, seed, fresh)
    lib = Library(path)
    lib.search("Kazakhstan")  # opens the searcher, fills the caches
    common, rare = vocabulary(lib)
    entries = []
    for category, label, text in battery(common, rare):
        times: list[float] = []
        outcome = message = None
        hits = None
        for _ in range(runs):
            elapsed, outcome, hits, message = run_once(lib, text, timeout, within)
            times.append(elapsed)
            if outcome == "not finished":
                break
        entry = {
            "category": category,
            "label": label,
            "query": text if len(text) <= 300 else text[:300] + "…",
            "chars": len(text),
            "outcome": outcome,
            "hits": hits,
            "message": message,
            "first_s": round(times[0], 4),
            "median_s": round(statistics.median(times), 4),
            "max_s": round(max(times), 4),
            "runs": len(times),
        }
        entries.append(entry)
        log(f"  {entry['max_s']:7.3f} s  {label[:60]}: {_outcome(entry)}")
    articles = lib.index.doc_count()
    lib.close()
    worst = max(entries, key=lambda e: e["max_s"])
    return {
        "size": size,
        "articles_in_index": articles,
        "seed": seed,
        "runs": runs,
        "target_s": TARGET_S,
        "within_s": within,
        "query_timeout_s": timeout,
        "queries": entries,
        "summary": {
            "queries": len(entries),
            "answered": sum(e["outcome"] == "answered" for e in entries),
            "stopped_early": sum(e["outcome"] == "stopped early" for e in entries),
            "refused": sum(e["outcome"] == "refused" for e in entries),
            "not_finished": sum(e["outcome"] == "not finished" for e in entries),
            "max_s": worst["max_s"],
            "slowest": worst["label"],
            "over_target": [e["label"] for e in entries if e["max_s"] > TARGET_S],
        },
        "peak_rss_mb": peak_rss_mb(),
        "machine": machine_facts(),
    }


# -- output -------------------------------------------------------------------------------


def _outcome(entry: dict) -> str:
    if entry["outcome"] == "answered":
        return f"{entry['hits']:,} hits"
    if entry["outcome"] == "stopped early":
        return f"stopped early: the best of {entry['hits']:,} hits reached"
    return f"{entry['outcome']}: {entry['message']}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(data: dict) -> str:
    s = data["summary"]
    m = data["machine"]
    over = ", ".join(s["over_target"]) or "none"
    within = data.get("within_s")
    asked = f", within={within:g}" if within is not None else ""
    lines = [
        f"# Query limits at {data['size']:,} articles",
        "",
        f"`benchmarks/query_limits.py --size {data['size']}`: each query through "
        f"`Library.search(text, limit=20{asked})`, {data['runs']} runs, after one warm-up search. "
        f"Times in ms: first run / median / max. Target: every query answered or refused "
        f"within {data['target_s']:g} s.",
        "",
        f"- **{s['queries']} queries**: {s['answered']} answered, "
        f"{s.get('stopped_early', 0)} stopped early, {s['refused']} refused, "
        f"{s['not_finished']} not finished",
        f"- **slowest**: {s['max_s'] * 1000:.0f} ms ({_cell(s['slowest'])})",
        f"- **over {data['target_s']:g} s**: {over}",
        f"- machine: {m['cpu_count']} CPUs, Python {m['python']}, "
        f"Whoosh-Reloaded {m['versions'].get('Whoosh-Reloaded')}, commit "
        f"{m['git_commit'][:7]}{' (uncommitted changes)' if m['git_dirty'] else ''}, "
        f"load average {', '.join(f'{x:.1f}' for x in m['load_average'])}",
        "",
        "| category | query | outcome | first | median | max |",
        "|---|---|---|---:|---:|---:|",
    ]
    for e in data["queries"]:
        label = e["label"] if len(e["label"]) <= 70 else e["label"][:69] + "…"
        lines.append(
            f"| {e['category']} | `{_cell(label)}` | {_cell(_outcome(e))} | "
            f"{e['first_s'] * 1000:.1f} | {e['median_s'] * 1000:.1f} | {e['max_s'] * 1000:.1f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each query (default 5)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--query-timeout", type=float, default=30.0, help="seconds before a query is stopped"
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild the library")
    parser.add_argument("--library", help="an existing library of the corpus of --size")
    parser.add_argument(
        "--complete", action="store_true", help="rank every match (no time to answer within)"
    )
    args = parser.parse_args(argv)
    from kzreader.core.search import ANSWER_WITHIN_S

    within = None if args.complete else ANSWER_WITHIN_S
    data = measure(
        args.size, args.seed, args.runs, args.query_timeout, args.fresh, args.library, within
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    base = RESULTS / f"query-limits-{args.size}"
    write_json(base.with_suffix(".json"), data)
    base.with_suffix(".md").write_text(markdown(data), "utf-8")
    s = data["summary"]
    log(
        f"{s['queries']} queries: {s['answered']} answered, "
        f"{s['stopped_early']} stopped early, {s['refused']} refused, "
        f"{s['not_finished']} not finished; slowest {s['max_s']:.3f} s ({s['slowest'][:60]}); "
        f"over {TARGET_S:g} s: {len(s['over_target'])}"
    )
    log(f"results in {base}.json and .md")
    return 0 if not s["over_target"] and not s["not_finished"] else 1


if __name__ == "__main__":
    sys.exit(main())
