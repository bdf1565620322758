"""Ranking with arrays (``core.ranking``): the hits, scores and totals of
Whoosh's own collector, on an index of several segments with deletions,
words in one posting (inlined) and in many blocks."""

from __future__ import annotations

import pickle
import random
import struct
from pathlib import Path

import pytest
from whoosh import collectors

from kzreader.core import ranking
from kzreader.core.index import IndexDoc, SearchIndex
from kzreader.core.query import parse_query

WORDS = [
    "paix",
    "guerre",
    "sécurité",
    "frontière",
    "accord",
    "sommet",
    "ministre",
    "président",
    "élection",
    "économie",
    "prix",
    "hausse",
    "gaz",
    "pétrole",
    "stabilité",
    "stabiliser",
    "stabilisation",
    "manifestation",
    "manifester",
    "Tokaïev",
    "Tokayev",
    "Almaty",
    "Astana",
    "Moscou",
]
ENGLISH = [
    "peace",
    "war",
    "border",
    "summit",
    "minister",
    "president",
    "election",
    "prices",
    "gas",
    "oil",
]
SOURCES = ["RT France", "Sputnik", "Le Monde", "Tengrinews"]


def _text(rng: random.Random, words: list[str]) -> str:
    # skewed frequencies: the first words in most articles, the last in few
    chosen = [w for i, w in enumerate(words) if rng.random() < 0.9 / (1 + i * 0.35)]
    body = [rng.choice(chosen or words) for _ in range(rng.randint(5, 80))]
    return " ".join(body) + "."


def _docs(start: int, count: int, seed: int) -> list[IndexDoc]:
    rng = random.Random(seed)
    docs = []
    for n in range(start, start + count):
        english = rng.random() < 0.2
        words = ENGLISH if english else WORDS
        day = rng.randint(1, 28)
        docs.append(
            IndexDoc(
                id=n,
                content_hash=f"h{n}",
                title=" ".join(rng.sample(words, 3)),
                text=_text(rng, words),
                boilerplate=[],
                source=rng.choice(SOURCES),
                language=rng.choice([None, "en"]) if english else "fr",
                published=rng.choice([None, f"2022-01-{day:02d}", f"2021-12-{day:02d}"]),
            )
        )
    docs.append(  # a word of one article: its posting is inlined in the word list
        IndexDoc(n + 1, "x", "Unique", "zanzibar paix", [], None, "fr", "2022-01-05")
    )
    return docs


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    path: Path = tmp_path_factory.mktemp("ranking") / "index"
    idx = SearchIndex(path)
    ix = idx.create()
    for segment, (start, count) in enumerate([(0, 400), (1000, 300), (2000, 350)]):
        writer = ix.writer()
        for doc in _docs(start, count, seed=segment):
            SearchIndex.add(writer, doc, new=True)
        writer.commit(merge=False)
    writer = ix.writer()
    for doc_id in [*range(0, 400, 7), *range(1000, 1300, 11)]:  # deletions in two segments
        SearchIndex.delete(writer, doc_id)
    writer.commit(merge=False)
    ix.close()
    idx = SearchIndex(path)
    yield idx
    idx.close()


QUERIES = [
    "paix",
    "Almaty",
    "zanzibar",
    "peace",
    "paix Almaty",
    "paix OR Almaty",
    "paix NOT Almaty",
    "NOT paix",
    "(paix OR guerre) AND NOT (Almaty OR Astana)",
    "paix^2 guerre",
    "(paix OR peace)^0.5 gas",
    "stabili*",
    "manif*",
    "*tion",
    "s*cur*",
    "Tokaev~",
    "Tokayev~2",
    "title:paix",
    "title:peace OR title:war",
    "source:Sputnik paix",
    "lang:fr Almaty",
    "lang:en",
    "*",
    "* NOT paix",
    "date:2022-01",
    "date:2022-01-01..2022-01-10 paix",
    "date:>=2022-01-05 NOT guerre",
    "date:<2022 peace",
    "absentword",
    "paix absentword",
    "paix OR absentword",
    '"paix guerre"',
    '"guerre paix sécurité"',
    'Almaty "paix guerre"',
    '"paix guerre" OR "Almaty Astana"',
    'NOT "paix guerre"',
    '"paix guerre"^3 Almaty',
    '"peace war"',
    '"paix absentword"',
    '"zanzibar paix"',
]


def _whoosh(searcher, q, limit: int):  # type: ignore[no-untyped-def]
    # Whoosh's NOT of a phrase can match a deleted article (the last one
    # deleted before the end of a segment); the arrays never do
    reader = searcher.reader()
    deleted = reader.doc_count_all() - reader.doc_count()
    collector = collectors.TopCollector(limit=limit + deleted, usequality=False, replace=0)
    searcher.search_with_collector(q, collector)
    hits = [(h.docnum, h.score) for h in collector.results() if not reader.is_deleted(h.docnum)]
    return hits[:limit], len(_whoosh_docs(searcher, q))


def _whoosh_docs(searcher, q) -> list[int]:  # type: ignore[no-untyped-def]
    reader = searcher.reader()
    return [n for n in searcher.docs_for_query(q) if not reader.is_deleted(n)]


def _canonical(hits: list[tuple[int, float]]) -> list[tuple[float, int]]:
    # sums may differ in their last bit: ties are read at 9 digits
    return [(round(-score, 9), docnum) for docnum, score in hits]


def _parse(searcher, text: str):  # type: ignore[no-untyped-def]
    fields = [n for n in searcher.reader().indexed_field_names() if n.startswith("body")]
    return parse_query(text, fields, searcher.schema)


def test_the_index_has_what_the_comparison_needs(index: SearchIndex) -> None:
    with index.searcher() as searcher:
        assert len(searcher.leaf_searchers()) == 3
        reader = searcher.reader()
        assert reader.has_deletions()
        # a word in several blocks (Whoosh writes 128 postings a block)
        assert reader.doc_frequency("body_fr", "paix") > 300


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("limit", [10, 2000])
def test_the_ranking_is_whooshs(index: SearchIndex, text: str, limit: int) -> None:
    with index.searcher() as searcher:
        q = _parse(searcher, text)
        expected, total = _whoosh(searcher, q, limit)
        cache = ranking.PostingCache()
        for _ in range(2):  # read from the blocks, then from the cache
            found = ranking.rank(searcher, q, limit, cache)
            assert found is not None
            hits, count, complete = found
            assert complete and count == total
            assert sorted(_canonical(hits)) == sorted(_canonical(expected))
            assert [s for _, s in hits] == pytest.approx([s for _, s in expected], rel=1e-12)


@pytest.mark.parametrize("text", QUERIES)
def test_the_matching_articles_are_whooshs(index: SearchIndex, text: str) -> None:
    with index.searcher() as searcher:
        q = _parse(searcher, text)
        assert ranking.matching_docnums(searcher, q) == _whoosh_docs(searcher, q)


def test_a_sloppy_phrase_is_left_to_whoosh(index: SearchIndex) -> None:
    with index.searcher() as searcher:
        for text in ('"paix guerre"~3', 'Almaty "paix guerre"~2'):
            q = _parse(searcher, text)
            assert ranking.rank(searcher, q, 10) is None
            assert ranking.matching_docnums(searcher, q) == _whoosh_docs(searcher, q)


def test_a_blocks_positions_are_read_at_once_as_one_at_a_time() -> None:
    rng = random.Random(5)
    lists = [[rng.randint(0, 70000) for _ in range(rng.randint(1, 40))] for _ in range(128)]
    values = tuple(struct.pack("!I", len(x)) + pickle.dumps(x, 2) for x in lists)
    assert ranking._block_lists(values) == lists
    # values of another layout are read one by one
    other = tuple(struct.pack("!I", len(x)) + pickle.dumps(x, 4) for x in lists)
    assert ranking._block_lists(other) == lists


def test_a_search_out_of_time_answers_with_the_segments_done(index: SearchIndex) -> None:
    with index.searcher() as searcher:
        q = _parse(searcher, "paix Almaty")
        per_segment = []
        for sub, offset in searcher.leaf_searchers():
            numbers = [n + offset for n in sub.docs_for_query(q)]
            per_segment.append(numbers)
        looks = iter(range(100))  # two words a segment: out of time at the third segment
        hits, total, complete = ranking.rank(searcher, q, 1000, expired=lambda: next(looks) >= 4)
        assert not complete
        assert total == len(per_segment[0]) + len(per_segment[1])
        assert {n for n, _ in hits} == set(per_segment[0] + per_segment[1])
        full, _, _ = ranking.rank(searcher, q, 1000)
        scores = dict(full)
        assert all(scores[n] == s for n, s in hits)  # scored as the full search scores


def test_the_cache_keeps_at_most_its_postings(index: SearchIndex) -> None:
    cache = ranking.PostingCache(limit=500)
    with index.searcher() as searcher:
        q = _parse(searcher, "paix OR guerre OR Almaty OR Astana")
        expected = ranking.rank(searcher, q, 50)
        assert ranking.rank(searcher, q, 50, cache=cache) == expected
        assert 0 < cache.postings <= 500
        kept = len(cache)
        assert ranking.rank(searcher, q, 50, cache=cache) == expected  # some read again
        assert len(cache) == kept
    cache.clear()
    assert cache.postings == 0 and len(cache) == 0


def test_a_word_beyond_the_cache_is_still_ranked(index: SearchIndex) -> None:
    cache = ranking.PostingCache(limit=5)  # every common word is larger
    with index.searcher() as searcher:
        q = _parse(searcher, "paix")
        assert ranking.rank(searcher, q, 10, cache=cache) == ranking.rank(searcher, q, 10)
        assert cache.postings <= 5
