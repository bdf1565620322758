"""Benchmark scenarios that need no window; each runs in its own process.

``run.py`` starts ``python benchmarks/scenarios.py NAME --size N --out FILE …``
once per scenario (or per run of a long one), so that each reports its own
peak RSS. Every child writes a JSON object to ``--out``.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from common import (
    BASE_TAGS,
    Heartbeat,
    dir_size_mb,
    latency,
    peak_rss_mb,
    summary,
    uncache,
    write_json,
)
from generate import build_model, corpus_dir, load_manifest, long_article

OUTLET_NAMES = {
    "sputnik": "Sputnik",
    "rt": "RT",
    "lemonde": "Le Monde",
    "rfi": "RFI",
    "france24": "France 24",
    "lefigaro": "Le Figaro",
    "portal": "lopinion-internationale.net",
}
#: The bare Whoosh writer's memory (kzreader's import writer uses the same).
WHOOSH_LIMITMB = 64  # as kzreader.core.index.WRITER_LIMIT_MB
FTS5_TOKENIZER = "unicode61 remove_diacritics 2"
FTS5_SEARCH = (
    "SELECT rowid, title, snippet(docs, 1, '[', ']', '…', 24) FROM docs "
    "WHERE docs MATCH ? ORDER BY rank LIMIT 20"
)


def _probe_words(title: str) -> list[str]:
    """Words of a title that find it among the others."""
    return [w for w in re.findall(r"\w+", title) if len(w) > 2][:8]


def _sentinel(manifest: dict) -> tuple[int, dict]:
    """The last article with a headline line: if it is found, all are."""
    for position in range(len(manifest["files"]) - 1, -1, -1):
        facts = manifest["files"][position]
        if facts["title"] and len(_probe_words(facts["title"])) >= 3:
            return position, facts
    raise SystemExit("no article with a title in the corpus")


# -- import ----------------------------------------------------------------------


class Phases:
    """Main-thread time spent inside some methods, by category; a call made
    inside another timed call counts once, for the outer one."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._depth = 0

    def wrap(self, owner: type, name: str, category: str, static: bool = False) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            if self._depth:
                return original(*args, **kwargs)
            self._depth += 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self._depth -= 1
                elapsed = time.perf_counter() - started
                self.totals[category] = self.totals.get(category, 0.0) + elapsed
                self.calls[category] = self.calls.get(category, 0) + 1

        setattr(owner, name, staticmethod(timed) if static else timed)


def import_kz(args: argparse.Namespace) -> dict:
    """kzreader's import of the corpus into an empty library.

    The store and index phases are the importing process's time inside the
    library's per-file store (``Library._store``) and in handing articles to
    the index (``IndexFeed.add`` and ``IndexFeed.commit``: when the index runs
    in its own process, that is the time spent waiting for it — it is behind
    — and for its final commit; in-process, the indexing itself); the rest is
    reading and preparing the files (decode, parse, language) or waiting for
    the worker processes that do.
    """
    from kzreader.core.indexer import IndexFeed
    from kzreader.core.library import Library

    phases = Phases()
    phases.wrap(Library, "_store", "store")
    phases.wrap(Library, "_index_documents", "index")
    phases.wrap(IndexFeed, "add", "index")
    phases.wrap(IndexFeed, "commit", "index")
    manifest = load_manifest(args.size)
    folder = corpus_dir(args.size)
    beat = Heartbeat(args.heartbeat)
    target = Path(args.library)
    shutil.rmtree(target, ignore_errors=True)
    t_open = time.perf_counter()
    lib = Library(target)
    t0 = time.perf_counter()
    marks: dict[str, float] = {}

    def progress(done: int, total: int, path: str) -> None:
        beat.beat(done=done, total=total)
        marks.setdefault("first_file", time.perf_counter())

    report = lib.import_paths([folder], progress=progress)
    t_end = time.perf_counter()
    _, facts = _sentinel(manifest)
    # by its file: the report also lists the folder's other files, refused
    sentinel = str(folder / facts["file"])
    doc_id = next(r.document_id for r in report.results if r.path == sentinel)
    probe = " ".join(f"title:{w}" for w in _probe_words(facts["title"]))
    found = lib.search(probe, limit=500)
    t_search = time.perf_counter()
    index_docs = lib.index.doc_count()
    searchable = index_docs == args.size and any(h.document_id == doc_id for h in found.hits)
    statuses: dict[str, int] = {}
    for r in report.results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    lib.close()
    total = t_end - t0
    store = phases.totals.get("store", 0.0)
    index = phases.totals.get("index", 0.0)
    return {
        "open_s": round(t0 - t_open, 4),
        "until_first_file_s": round(marks.get("first_file", t_end) - t0, 3),
        "store_s": round(store, 3),
        "index_s": round(index, 3),
        "prepare_other_s": round(total - store - index, 3),
        "total_s": round(total, 3),
        "searchable_s": round(t_search - t0, 3),
        "searchable": searchable,
        "docs_per_s": round(args.size / total, 1),
        "mb_per_s": round(manifest["bytes"] / 1e6 / total, 3),
        "statuses": statuses,
        "index_documents": index_docs,
        "database_mb": round((target / "library.sqlite").stat().st_size / 1e6, 1),
        "index_mb": dir_size_mb(target / "index"),
        "peak_rss_mb": peak_rss_mb(),
        "worker_peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
    }


def import_whoosh(args: argparse.Namespace) -> dict:
    """Bare Whoosh: kzreader's schema and analyzers, one writer, the fields
    kzreader fills, metadata taken from the generator's manifest (no parsing,
    no database)."""
    from whoosh import index as whoosh_index

    from kzreader.core.index import body_field, date_bounds, make_schema

    manifest = load_manifest(args.size)
    folder = corpus_dir(args.size)
    beat = Heartbeat(args.heartbeat)
    target = Path(args.library)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    t0 = time.perf_counter()
    ix = whoosh_index.create_in(str(target), make_schema())
    writer = ix.writer(limitmb=WHOOSH_LIMITMB)
    for n, facts in enumerate(manifest["files"], start=1):
        text = (folder / facts["file"]).read_bytes().decode("utf-8")
        title = facts["title"] or text.strip().split("\n", 1)[0][:120]
        fields: dict[str, object] = {
            "doc_id": str(n),
            "hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "title": title,
            "source": OUTLET_NAMES[facts["outlet"]],
            "lang": "fr",
            body_field("fr"): text,
        }
        fields["date_lo"], fields["date_hi"] = date_bounds(facts["date"])
        writer.add_document(**fields)
        beat.beat(phase="add", done=n)
    t_added = time.perf_counter()
    writer.commit()
    t_end = time.perf_counter()
    position, facts = _sentinel(manifest)
    from whoosh.qparser import QueryParser

    with ix.searcher() as searcher:
        q = QueryParser("title", ix.schema).parse(" ".join(_probe_words(facts["title"])))
        hits = searcher.search(q, limit=None)
        searchable = any(hit["doc_id"] == str(position + 1) for hit in hits)
    t_search = time.perf_counter()
    ix.close()
    total = t_end - t0
    return {
        "add_s": round(t_added - t0, 3),
        "commit_s": round(t_end - t_added, 3),
        "total_s": round(total, 3),
        "searchable_s": round(t_search - t0, 3),
        "searchable": searchable,
        "docs_per_s": round(args.size / total, 1),
        "mb_per_s": round(manifest["bytes"] / 1e6 / total, 3),
        "index_mb": dir_size_mb(target),
        "peak_rss_mb": peak_rss_mb(),
    }


def import_fts5(args: argparse.Namespace) -> dict:
    """SQLite FTS5 (Python's sqlite3): title and text, one transaction."""
    manifest = load_manifest(args.size)
    folder = corpus_dir(args.size)
    target = Path(args.library)
    target.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = sqlite3.connect(target)
    con.execute(f"CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = '{FTS5_TOKENIZER}')")

    def rows():  # type: ignore[no-untyped-def]
        for n, facts in enumerate(manifest["files"], start=1):
            text = (folder / facts["file"]).read_bytes().decode("utf-8")
            yield n, facts["title"] or text.strip().split("\n", 1)[0][:120], text

    with con:
        con.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)", rows())
    t_end = time.perf_counter()
    position, facts = _sentinel(manifest)
    probe = " ".join(f'"{w}"' for w in _probe_words(facts["title"]))
    searchable = con.execute(
        "SELECT rowid FROM docs WHERE docs MATCH ? AND rowid = ?", (probe, position + 1)
    ).fetchone()
    t_search = time.perf_counter()
    con.close()
    total = t_end - t0
    return {
        "total_s": round(total, 3),
        "searchable_s": round(t_search - t0, 3),
        "searchable": searchable is not None,
        "docs_per_s": round(args.size / total, 1),
        "mb_per_s": round(manifest["bytes"] / 1e6 / total, 3),
        "database_mb": round(target.stat().st_size / 1e6, 1),
        "peak_rss_mb": peak_rss_mb(),
    }


# -- the base library ------------------------------------------------------------


def tag_base(args: argparse.Namespace) -> dict:
    """Autocode the base tags (``BASE_TAGS``) into a freshly imported library."""
    from kzreader.core.library import Library

    lib = Library(Path(args.library))
    out = {}
    for word, tag in BASE_TAGS:
        t0 = time.perf_counter()
        lib.autocode(word, tag)
        out[tag] = round(time.perf_counter() - t0, 2)
    docs, passages = lib.counts()
    lib.close()
    return {"autocode_s": out, "documents": docs, "passages": passages}


# -- search ----------------------------------------------------------------------

#: (category, kzreader query, FTS5 query or None when FTS5 has no equivalent)
QUERY_MIX: tuple[tuple[str, str, str | None], ...] = (
    ("word", "paix", "paix"),
    ("word", "sécurité", "sécurité"),
    ("word", "securite", "securite"),
    ("word", "Tokaïev", "Tokaïev"),
    ("word", "Tokayev", "Tokayev"),
    ("word", "Nazarbaïev", "Nazarbaïev"),
    ("word", "Blinken", "Blinken"),
    ("word", "manifestations", "manifestations"),
    ("word", "{rare}", "{rare}"),
    ("boolean", "Zas AND Blinken", "Zas AND Blinken"),
    ("boolean", "paix OR violences", "paix OR violences"),
    ("boolean", "Kazakhstan NOT Russie", "Kazakhstan NOT Russie"),
    ("boolean", "(Tokaïev OR Tokayev) AND gaz", "(Tokaïev OR Tokayev) AND gaz"),
    ("phrase", '"maintien de la paix"', '"maintien de la paix"'),
    ("phrase", '"hausse des prix"', '"hausse des prix"'),
    ("phrase", '"secrétaire général"', '"secrétaire général"'),
    ("phrase", '"Kassym-Jomart Tokaïev"', '"Kassym-Jomart Tokaïev"'),
    ("prefix", "stabili*", "stabili*"),
    ("prefix", "manif*", "manif*"),
    ("fuzzy", "Tokaev~", None),
    ("fuzzy", "Nazarbaev~2", None),
    ("field", "title:Kazakhstan", "title:Kazakhstan"),
    ("field", "source:RT paix", None),
    ("field", "date:2022-01 Zas", None),
    ("field", "date:2022-01-01..2022-01-10 troupes", None),
    ("field", "lang:fr Almaty", None),
    ("tag", "tag:Bench/Zas", None),
    ("tag", "tag:Bench/Blinken", None),
    ("tag", "tag:Bench Almaty", None),
)


#: The passages panel's page (``gui.panels.tag_passages_panel.PAGE``, not
#: imported here: the search child runs without Qt).
PASSAGE_PAGE = 200


def query_mix(seed: int) -> list[tuple[str, str, str | None]]:
    """The mix with ``{rare}`` replaced by a rare word of the generated tail."""
    rare = build_model(seed).tail[2000]
    return [
        (cat, kz.replace("{rare}", rare), fts.replace("{rare}", rare) if fts else None)
        for cat, kz, fts in QUERY_MIX
    ]


def search(args: argparse.Namespace) -> dict:
    """Warm latency of the query mix, kzreader and FTS5 interleaved."""
    from kzreader.core.library import Library
    from kzreader.core.search import ANSWER_WITHIN_S

    mix = query_mix(args.seed)  # before the clock: it builds the generator's model
    index_dir = Path(args.library) / "index"
    # The first query after opening, with the index's pages dropped from the
    # system's cache first (as after a restart): before any read-ahead, then
    # after the one the app starts as it opens a library (while the user
    # types the query).
    cold: dict = {"uncached": uncache(index_dir)}
    lib = Library(Path(args.library))
    t = time.perf_counter()
    lib.search(mix[0][1])
    cold["first_query_s"] = round(time.perf_counter() - t, 3)
    lib.close(backup=False)
    cold["uncached"] = cold["uncached"] and uncache(index_dir)
    t0 = time.perf_counter()
    lib = Library(Path(args.library))
    t_open = time.perf_counter()
    cold["read_ahead_mb"] = round(lib.warm_index() / 1e6, 1)
    t_read = time.perf_counter()
    cold["read_ahead_s"] = round(t_read - t_open, 3)
    first = lib.search(mix[0][1])
    t_first = time.perf_counter()
    con = sqlite3.connect(args.fts5)

    def run_kz(category: str, text: str) -> int:
        if category == "tag":  # as the passages panel asks it: a page, counted after
            page = lib.passage_page(query=text, limit=PASSAGE_PAGE, counted=False)
            return len(page.passages)
        return lib.search(text, limit=20).total

    def run_fts(text: str) -> int:
        return len(con.execute(FTS5_SEARCH, (text,)).fetchall())

    kz_times: dict[int, list[float]] = {i: [] for i in range(len(mix))}
    fts_times: dict[int, list[float]] = {i: [] for i in range(len(mix))}
    kz_hits: dict[int, int] = {}
    fts_hits: dict[int, int] = {}
    first_times: dict[int, float] = {}
    for i, (category, kz, fts) in enumerate(mix):  # warm-up
        t = time.perf_counter()
        kz_hits[i] = run_kz(category, kz)
        # each query's first run, in the mix's order: its words' postings
        # read from the index (those of the queries before it are kept)
        first_times[i] = time.perf_counter() - t
        if category == "tag":  # every passage found, not the page's
            kz_hits[i] = lib.count_passage_matches(query=kz)[0]
        if fts:
            run_fts(fts)
            row = con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (fts,)).fetchone()
            fts_hits[i] = int(row[0])
    order = list(range(len(mix)))
    for r in range(args.rounds):
        random.Random(r).shuffle(order)
        for i in order:
            category, kz, fts = mix[i]
            t = time.perf_counter()
            run_kz(category, kz)
            kz_times[i].append(time.perf_counter() - t)
            if fts:
                t = time.perf_counter()
                run_fts(fts)
                fts_times[i].append(time.perf_counter() - t)
    # once more each, as the search panel asks: within the time it gives
    as_app: dict[int, dict] = {}
    for i, (category, kz, _) in enumerate(mix):
        if category != "tag":  # the passages panel's pages have no such time
            t = time.perf_counter()
            found = lib.search(kz, limit=20, within=ANSWER_WITHIN_S)
            elapsed = time.perf_counter() - t
            as_app[i] = {"ms": round(elapsed * 1000, 1), "complete": found.complete}
    queries = []
    categories: dict[str, dict[str, list[float]]] = {}
    for i, (category, kz, fts) in enumerate(mix):
        entry = {
            "category": category,
            "query": kz,
            "hits": kz_hits[i],
            "kz": latency(kz_times[i]),
            "kz_first_ms": round(first_times[i] * 1000, 1),
        }
        if i in as_app:
            entry["within_answer_time"] = as_app[i]
        bucket = categories.setdefault(
            category, {"kz": [], "fts5": [], "kz_same": [], "kz_first": []}
        )
        bucket["kz"].extend(kz_times[i])
        bucket["kz_first"].append(first_times[i])
        if fts:
            entry.update(fts5_query=fts, fts5_hits=fts_hits[i], fts5=latency(fts_times[i]))
            bucket["fts5"].extend(fts_times[i])
            bucket["kz_same"].extend(kz_times[i])
        queries.append(entry)
    by_category = {}
    for category, bucket in categories.items():
        row = {"kz": latency(bucket["kz"]), "kz_first": latency(bucket["kz_first"])}
        if bucket["fts5"]:
            row["fts5"] = latency(bucket["fts5"])
            row["kz_on_fts5_queries"] = latency(bucket["kz_same"])
        by_category[category] = row
    lib.close()
    con.close()
    return {
        "rounds": args.rounds,
        "limit": 20,
        "open_s": round(t_open - t0, 3),
        "first_query_s": round(t_first - t_read, 3),
        "first_query_hits": first.total,
        "first_query_cold": cold,
        "answer_within_s": ANSWER_WITHIN_S,
        "categories": by_category,
        "queries": queries,
        "peak_rss_mb": peak_rss_mb(),
    }


# -- autocode ----------------------------------------------------------------------


def autocode(args: argparse.Namespace) -> dict:
    """``Library.autocode(word, tag)`` over the whole library, then ``undo()``."""
    from kzreader.core.library import Library

    scratch = Path(args.library)
    beat = Heartbeat(args.heartbeat)
    lib = Library(scratch)
    docs, base_passages = lib.counts()
    t = time.perf_counter()
    found = lib.search(args.word, limit=max(1, docs))
    search_s = time.perf_counter() - t
    matches = sum(len(h.matches) for h in found.hits)
    runs = []
    for run in range(args.runs):
        beat.beat(run=run, phase="autocode")
        t = time.perf_counter()
        changes = lib.autocode(args.word, args.tag)
        t_code = time.perf_counter() - t
        after = lib.counts()[1]
        beat.beat(run=run, phase="undo")
        t = time.perf_counter()
        lib.undo()
        t_undo = time.perf_counter() - t
        back = lib.counts()[1]
        runs.append(
            {
                "autocode_s": round(t_code, 3),
                "undo_s": round(t_undo, 3),
                "passages_created": after - base_passages,
                "restored": back == base_passages,
                "documents_changed": len(changes.documents) if changes.documents else None,
            }
        )
        write_json(args.out + ".partial", runs)  # what was done, should a later run stall
    lib.close()
    Path(args.out + ".partial").unlink(missing_ok=True)
    return {
        "word": args.word,
        "tag": args.tag,
        "documents": docs,
        "documents_matching": found.total,
        "matches": matches,
        "search_phase_s": round(search_s, 3),
        "runs": runs,
        "autocode_s": summary([r["autocode_s"] for r in runs], 3),
        "undo_s": summary([r["undo_s"] for r in runs], 3),
        "peak_rss_mb": peak_rss_mb(),
    }


# -- the 1,000-passage article ---------------------------------------------------------


def prepare_long(args: argparse.Namespace) -> dict:
    """Import a long generated article into a copy of the base library and
    give it ``--passages`` passages with ``Library.highlight``."""
    from kzreader.core.library import Library

    folder = Path(args.library)
    long_dir = folder.parent / "long"
    long_dir.mkdir(exist_ok=True)
    path = long_dir / "long_article.txt"
    path.write_text(long_article(build_model(args.seed), args.seed), "utf-8")
    lib = Library(folder)
    report = lib.import_paths([path])
    doc_id = report.results[0].document_id
    text = lib.document(doc_id).text
    boiler = lib.document(doc_id).boilerplate
    words = [
        m.span()
        for m in re.finditer(r"\w{3,}", text)
        if not any(s <= m.start() < e for s, e in boiler)
    ]
    rng = random.Random(args.seed)
    tags = [f"Long/Thème {k}" for k in range(1, 9)]
    spans: set[tuple[int, int]] = set()
    while len(spans) < args.passages:
        first = rng.randrange(len(words))
        length = rng.choice((1, 1, 1, 2, 3, 5, 8, 15))
        last = min(len(words) - 1, first + length - 1)
        spans.add((words[first][0], words[last][1]))
    times = []
    beat = Heartbeat(args.heartbeat)
    for n, (start, end) in enumerate(sorted(spans)):
        chosen = rng.sample(tags, rng.choice((1, 1, 2)))
        note = f"note {n}" if n % 10 == 0 else None
        t = time.perf_counter()
        lib.highlight(doc_id, start, end, tags=chosen, note=note)
        times.append(time.perf_counter() - t)
        beat.beat(done=n)
    other = next(d.id for d in lib.documents() if d.id != doc_id)
    count = len(lib.passages(document_ids=[doc_id]))
    lib.close()
    return {
        "document_id": doc_id,
        "other_document_id": other,
        "characters": len(text),
        "passages": count,
        "highlight": latency(times),
        "highlight_total_s": round(sum(times), 2),
        "peak_rss_mb": peak_rss_mb(),
    }


SCENARIOS = {
    "import_kz": import_kz,
    "import_whoosh": import_whoosh,
    "import_fts5": import_fts5,
    "tag_base": tag_base,
    "search": search,
    "autocode": autocode,
    "prepare_long": prepare_long,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--library", help="library folder (or database file) to use")
    parser.add_argument("--fts5", help="FTS5 database for the search baseline")
    parser.add_argument("--seed", type=int, default=20220106)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--word", default="paix")
    parser.add_argument("--tag", default="Bench/Paix")
    parser.add_argument("--passages", type=int, default=1000)
    parser.add_argument("--heartbeat")
    args = parser.parse_args(argv)
    write_json(args.out, SCENARIOS[args.scenario](args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
