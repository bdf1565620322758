"""A lean writer's segments hold what Whoosh's writer would have written:
the same postings, term statistics, stored fields and lengths, whether its
pool kept everything in memory, spilled runs to disk, or merged segments."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from kzreader.core import index as kindex
from kzreader.core import lean_pool
from kzreader.core.index import IndexDoc, SearchIndex, lean_writer, make_schema
from kzreader.core.lean_pool import LeanSegmentWriter, TermPool, make_lean_writer

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXTS = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
LANGUAGES = ["fr", "en", "ru", None, "de"]


def docs(count: int, first: int = 1) -> list[IndexDoc]:
    out = []
    for n in range(first, first + count):
        base = TEXTS[n % len(TEXTS)]
        text = f"{base[n % 97 :]} mot{n} Tokaïev{n % 7} {n}"
        out.append(
            IndexDoc(
                id=n,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                title=text[:60],
                text=text,
                boilerplate=[[0, n % 40]] if n % 4 == 0 else [],
                source=("RT", "Sputnik", None)[n % 3],
                language=LANGUAGES[n % len(LANGUAGES)],
                published=f"2022-01-{n % 28 + 1:02d}" if n % 5 else None,
            )
        )
    return out


def content(ix) -> tuple:  # type: ignore[no-untyped-def]
    with ix.reader() as r:
        postings = list(r.iter_postings())
        stored = list(r.iter_docs())
        lengths = [
            (d, f, r.doc_field_length(d, f))
            for d in range(r.doc_count_all())
            for f in ix.schema.scorable_names()
        ]
        infos = [(f, t, vars(r.term_info(f, t))) for f, t in r.all_terms()]
    return postings, stored, lengths, infos


def plain_writer(ix):  # type: ignore[no-untyped-def]
    """The writer with the lean analysis but Whoosh's own pool."""
    writer = ix.writer()
    saved = kindex.make_lean_writer
    kindex.make_lean_writer = lambda w: w
    try:
        return kindex.lean_writer(writer)
    finally:
        kindex.make_lean_writer = saved


def build(path: Path, batches: list[list[IndexDoc]], lean: bool, limit: int | None = None):  # type: ignore[no-untyped-def]
    path.mkdir()
    ix = whoosh_index.create_in(str(path), make_schema())
    for batch in batches:
        writer = lean_writer(ix.writer()) if lean else plain_writer(ix)
        if limit is not None:
            writer.pool.limit = limit
        for doc in batch:
            SearchIndex.add(writer, doc, new=False)
        writer.commit()
    return ix


@pytest.mark.parametrize("limit", [None, 20_000], ids=["in memory", "spilled runs"])
def test_a_segment_is_whooshs(tmp_path: Path, limit: int | None) -> None:
    batches = [docs(60)]
    ours = build(tmp_path / "lean", batches, lean=True, limit=limit)
    whooshs = build(tmp_path / "plain", batches, lean=False, limit=limit)
    assert content(ours) == content(whooshs)
    assert len(content(ours)[0]) > 10_000


def test_spilled_runs_are_written_and_removed(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), make_schema())
    writer = lean_writer(ix.writer())
    writer.pool.limit = 20_000
    runs: list[str] = []
    real = writer.pool._add_run
    writer.pool._add_run = lambda path: (runs.append(path), real(path))
    for doc in docs(30):
        SearchIndex.add(writer, doc, new=True)
    assert len(runs) > 3
    temp = Path(writer._tempstorage.folder)
    assert all((temp / run).exists() for run in runs)
    writer.commit()
    assert not any((temp / run).exists() for run in runs)
    assert sum(1 for _ in ix.reader().iter_docs()) == 30


def test_updates_and_merged_segments_are_whooshs(tmp_path: Path) -> None:
    """Small segments merged at a commit (Whoosh re-adds their postings to
    the pool), and documents replaced by a newer version."""
    batches = [docs(5), docs(5, first=6), docs(5, first=3), docs(40, first=11)]
    ours = build(tmp_path / "lean", batches, lean=True)
    whooshs = build(tmp_path / "plain", batches, lean=False)
    assert content(ours) == content(whooshs)
    with ours.searcher() as searcher:
        assert searcher.doc_count() == 50


def test_an_optimized_commit_merges_every_segment_alike(tmp_path: Path) -> None:
    results = []
    for lean in (True, False):
        path = tmp_path / str(lean)
        ix = build(path, [docs(20), docs(20, first=21)], lean=lean)
        writer = lean_writer(ix.writer()) if lean else plain_writer(ix)
        writer.commit(optimize=True)
        assert len(ix._segments()) == 1
        results.append(content(ix))
    assert results[0] == results[1]


def test_postings_added_out_of_document_order_come_out_sorted(tmp_path: Path) -> None:
    pool = TermPool(None, None, limitmb=1)
    for docnum in (5, 2, 9, 2):
        pool.add(("body", b"paix", docnum, float(docnum), bytes([docnum])))
    pool.add(("body", b"arme", 1, 1.0, None))
    pool.add(("title", b"paix", 3, 1.0, b""))
    assert list(pool.iter_postings()) == [
        ("body", b"arme", 1, 1.0, b""),
        ("body", b"paix", 2, 2.0, b"\x02"),
        ("body", b"paix", 2, 2.0, b"\x02"),
        ("body", b"paix", 5, 5.0, b"\x05"),
        ("body", b"paix", 9, 9.0, b"\t"),
        ("title", b"paix", 3, 1.0, b""),
    ]


def test_only_a_fresh_segment_writer_is_made_lean(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), make_schema())
    writer = ix.writer()
    assert type(make_lean_writer(writer)) is LeanSegmentWriter
    assert isinstance(writer.pool, TermPool)
    writer.cancel()

    used = ix.writer()
    SearchIndex.add(used, docs(1)[0], new=True)
    assert type(make_lean_writer(used)) is SegmentWriter  # its postings are in Whoosh's pool
    used.commit()

    class Other:
        pass

    other = Other()
    assert make_lean_writer(other) is other


def test_a_cancelled_lean_writer_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    ix = build(tmp_path / "ix", [docs(10)], lean=True)
    before = content(ix)
    writer = lean_writer(ix.writer())
    writer.pool.limit = 20_000
    for doc in docs(20, first=11):
        SearchIndex.add(writer, doc, new=True)
    assert writer.pool.runs
    writer.cancel()
    assert content(ix) == before


def test_a_chunked_run_reads_back_as_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(lean_pool, "CHUNK", 3)
    ix = whoosh_index.create_in(str(tmp_path), make_schema())
    writer = lean_writer(ix.writer())
    pool = writer.pool
    items = [("body", f"w{i:03d}".encode(), i, 1.0, bytes([i % 256])) for i in range(10)]
    path, f = pool._new_run()
    pool._write_run(f, iter(items))
    assert list(pool._read_run(path)) == items
    writer.cancel()
