"""Where Whoosh is the cap of a search: kzreader's search beside bare Whoosh
running the same parsed query on the same index, in the same process.

    .venv/bin/python benchmarks/whoosh_cap.py                  # 10,000 articles
    .venv/bin/python benchmarks/whoosh_cap.py --size 100000 --runs 3

For each query of the benchmark's mix (``scenarios.QUERY_MIX``, tag queries
left out: they are not Whoosh's), interleaved, best first:

- **kzreader**: ``Library.search(text, limit=20)``: parse, rank every match
  (exact total), read the 20 texts, make their snippets;
- **Whoosh, exact total**: the same parsed query, Whoosh's own ``BM25F``,
  a ``TopCollector(limit=20)`` that scores every match (what kzreader asks
  of Whoosh, without kzreader's faster scorer and phrase matcher);
- **Whoosh, default**: ``searcher.search(q, limit=20)``, Whoosh's defaults:
  blocks that cannot reach the top 20 are skipped, so the total is only an
  estimate (``has_exact_length()`` false);
- **Whoosh, matching only**: ``docs_for_query``, every matching document
  found with no scoring at all: the floor of any search that counts its
  matches.

The library is ``kwic.ensure_library``'s (built from the generated corpus
the first time). Writes ``benchmarks/results/whoosh-cap-<size>.{json,md}``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import RESULTS, latency, peak_rss_mb, write_json
from generate import DEFAULT_SEED
from kwic import ensure_library, log
from scenarios import query_mix

LIMIT = 20
WAYS = ("kzreader", "whoosh_exact", "whoosh_default", "matching_only")


def measure(folder: Path, runs: int, seed: int) -> list[dict]:
    from whoosh import collectors, query, scoring

    from kzreader.core.library import Library
    from kzreader.core.query import parse_query

    rows = []
    with Library(folder, read_only=True) as lib:
        lib.search("paix", limit=LIMIT)  # the index opened and reconciled
        ix = lib.index.open()
        with ix.searcher(weighting=scoring.BM25F()) as searcher:
            fields = [n for n in searcher.reader().indexed_field_names() if n.startswith("body")]
            for category, text, _ in query_mix(seed):
                if category == "tag":
                    continue
                q = parse_query(text, fields, searcher.schema)
                if q is query.NullQuery or isinstance(q, query.qcore._NullQuery):
                    continue

                def exact(q=q):  # type: ignore[no-untyped-def]
                    c = collectors.TopCollector(limit=LIMIT, usequality=False, replace=0)
                    searcher.search_with_collector(q, c)
                    return c.total

                def default(q=q):  # type: ignore[no-untyped-def]
                    r = searcher.search(q, limit=LIMIT)
                    return r.scored_length()

                calls = {
                    "kzreader": lambda t=text: lib.search(t, limit=LIMIT).total,
                    "whoosh_exact": exact,
                    "whoosh_default": default,
                    "matching_only": lambda q=q: sum(1 for _ in searcher.docs_for_query(q)),
                }
                found = {way: call() for way, call in calls.items()}  # warm-up
                times: dict[str, list[float]] = {way: [] for way in WAYS}
                for _ in range(runs):
                    for way, call in calls.items():
                        started = time.perf_counter()
                        call()
                        times[way].append(time.perf_counter() - started)
                row = {"category": category, "query": text, "matches": found["matching_only"]}
                row["estimated_total"] = not searcher.search(q, limit=LIMIT).has_exact_length()
                for way in WAYS:
                    row[way] = latency(times[way])
                rows.append(row)
                log(
                    f"{category} {text}: "
                    + ", ".join(f"{w} {row[w]['p50_ms']}" for w in WAYS)
                    + f" ms ({row['matches']} matches)"
                )
    return rows


def _ms(cell: dict) -> str:
    return f"{cell['p50_ms']:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--fresh", action="store_true", help="rebuild the library")
    args = parser.parse_args()
    folder = ensure_library(args.size, args.seed, args.fresh)
    rows = measure(folder, args.runs, args.seed)
    data = {
        "size": args.size,
        "runs": args.runs,
        "peak_rss_mb": peak_rss_mb(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "rows": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    write_json(RESULTS / f"whoosh-cap-{args.size}.json", data)
    lines = [
        f"# Where Whoosh is the cap: {args.size:,} articles",
        "",
        "Written by `benchmarks/whoosh_cap.py`; p50 wall-clock ms of "
        f"{args.runs} interleaved runs after a warm-up, top {LIMIT}, same "
        "index and process, on a shared 2-core machine.",
        "",
        "| category | query | matches | kzreader | Whoosh, exact total "
        "| Whoosh, default (total estimated?) | Whoosh, matching only | kzreader / matching |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        floor = max(r["matching_only"]["p50_ms"], 0.01)
        lines.append(
            f"| {r['category']} | `{r['query']}` | {r['matches']:,} | {_ms(r['kzreader'])} "
            f"| {_ms(r['whoosh_exact'])} | {_ms(r['whoosh_default'])}"
            f"{' (estimated)' if r['estimated_total'] else ''} "
            f"| {_ms(r['matching_only'])} | {r['kzreader']['p50_ms'] / floor:.1f}× |"
        )
    (RESULTS / f"whoosh-cap-{args.size}.md").write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
