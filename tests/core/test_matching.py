"""The faster scorer and phrase matcher give Whoosh's own results, and a
search's total counts every match."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import query, scoring

from kzreader.core.index import IndexDoc, SearchIndex
from kzreader.core.library import Library
from kzreader.core.matching import FastBM25F, FastPhrase
from kzreader.core.query import parse_query
from kzreader.core.search import HitText, run_search

WORDS = [
    "paix",
    "maintien",
    "sécurité",
    "troupes",
    "retrait",
    "mission",
    "accord",
    "gouvernement",
    "président",
    "manifestations",
    "gaz",
    "prix",
    "hausse",
    "secrétaire",
    "général",
    "Kazakhstan",
    "Almaty",
    "Russie",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[SearchIndex, dict[int, str]]:
    """400 French documents of random lengths over a small vocabulary, written
    in several commits so the index has several segments."""
    rng = random.Random(7)
    index = SearchIndex(tmp_path_factory.mktemp("matching") / "index")
    index.create()
    texts: dict[int, str] = {}
    for batch in range(4):
        with index.writer() as writer:
            for i in range(batch * 100, batch * 100 + 100):
                words = [rng.choice(WORDS) for _ in range(rng.randint(3, 120))]
                if i % 7 == 0:
                    words[len(words) // 2 : len(words) // 2] = ["maintien", "de", "la", "paix"]
                texts[i] = " ".join(words)
                doc = IndexDoc(i, "", f"Doc {i}", texts[i], [], language="fr")
                SearchIndex.add(writer, doc, new=True)
    return index, texts


QUERIES = ["paix", "sécurité AND gaz", "troupes OR retrait", "Kazakhstan NOT Russie", "hausse*"]
PHRASES = [
    '"maintien de la paix"',
    '"hausse des prix"',
    '"secrétaire général Kazakhstan"',
    '"gaz gaz"',
]


def scored(searcher, q) -> dict[int, float]:  # type: ignore[no-untyped-def]
    return {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}


@pytest.mark.parametrize("text", QUERIES + PHRASES)
def test_fast_bm25f_scores_like_whoosh(corpus, text: str) -> None:
    index, _ = corpus
    ix = index.open()
    with (
        ix.searcher(weighting=scoring.BM25F()) as plain,
        ix.searcher(weighting=FastBM25F()) as fast,
    ):
        q = parse_query(text, ["body_fr"], ix.schema)
        expected, got = scored(plain, q), scored(fast, q)
    assert expected, text
    assert got.keys() == expected.keys()
    for docnum, score in expected.items():
        assert got[docnum] == pytest.approx(score, rel=1e-9)


def test_length_table_read_from_the_column_matches_whoosh(tmp_path: Path) -> None:
    """The norms read from a segment's length bytes at once equal those
    asked document by document, for documents without the field too (in
    the middle of the segment and after its last French one)."""
    from kzreader.core.matching import _norms_from_column

    rng = random.Random(11)
    index = SearchIndex(tmp_path / "index")
    index.create()
    with index.writer() as writer:
        for i in range(60):
            lang = "en" if i % 9 == 4 or i >= 55 else "fr"
            words = [rng.choice(WORDS) for _ in range(rng.randint(1, 400))]
            SearchIndex.add(
                writer, IndexDoc(i, "", f"Doc {i}", " ".join(words), [], language=lang), new=True
            )
    with index.open().searcher() as searcher:
        (reader,) = [r for r, _ in searcher.reader().leaf_readers()]
        for fieldname in ("body_fr", "body_en", "body_de"):
            avgfl = searcher.avg_field_length(fieldname, 1) or 1
            expected = [
                1.2 * (0.25 + 0.75 * (reader.doc_field_length(d, fieldname, 1) or 1) / avgfl)
                for d in range(reader.doc_count_all())
            ]
            got = _norms_from_column(reader, fieldname, 0.75, 1.2, avgfl)
            assert got == pytest.approx(expected, rel=1e-12), fieldname


@pytest.mark.parametrize("text", PHRASES)
def test_fast_phrase_matches_like_whoosh(corpus, text: str) -> None:
    index, _ = corpus
    ix = index.open()
    q = parse_query(text, ["body_fr"], ix.schema)
    assert isinstance(q, FastPhrase)
    plain = query.Phrase(q.fieldname, q.words, slop=q.slop)
    with ix.searcher() as searcher:
        expected = set(searcher.docs_for_query(plain))
        assert set(searcher.docs_for_query(q)) == expected
        assert {h.docnum for h in searcher.search(q, limit=None)} == expected


def test_phrase_needs_adjacent_words(corpus) -> None:
    index, texts = corpus
    ix = index.open()
    q = parse_query('"maintien de la paix"', ["body_fr"], ix.schema)
    with ix.searcher() as searcher:
        found = {int(searcher.stored_fields(d)["doc_id"]) for d in searcher.docs_for_query(q)}
    assert found == {
        i for i, t in texts.items() if "maintien de la paix" in t or "maintien paix" in t
    }
    assert {i for i in texts if i % 7 == 0} <= found


@pytest.mark.parametrize("text", QUERIES + PHRASES + ["Kazak* OR hausse~"])
def test_total_counts_every_match_beyond_the_page(corpus, text: str) -> None:
    index, texts = corpus

    def load(ids: list[int]) -> dict[int, HitText]:
        return {i: HitText(f"Doc {i}", texts[i], [], None, None, "fr") for i in ids}

    with index.searcher() as searcher:
        q = parse_query(text, ["body_fr"], searcher.schema)
        every = len(set(searcher.docs_for_query(q)))
        results = run_search(searcher, text, load, limit=3)
    assert results.total == every
    assert len(results.hits) == min(3, every)


def test_kept_searcher_sees_another_library_write(seeded: Library, tmp_path: Path) -> None:
    """The window's library keeps its searcher open while an import runs in
    another process: the next search sees the new article, and deletions."""
    assert seeded.search("Ouzbékistan").total == 0
    article = tmp_path / "new.txt"
    article.write_text(
        "Ouzbékistan : une délégation arrive à Tachkent.\n\nLe texte suit.\n", "utf-8"
    )
    with Library(seeded.path) as other:
        report = other.import_paths([article])
    new_id = report.results[0].document_id
    assert [h.document_id for h in seeded.search("Ouzbékistan").hits] == [new_id]
    with Library(seeded.path) as other:
        other.delete_document(new_id)
    assert seeded.search("Ouzbékistan").total == 0
