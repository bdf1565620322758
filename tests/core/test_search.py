"""Search semantics, checked on the sample articles."""

from __future__ import annotations

import pytest

from kzreader.core.errors import QueryError
from kzreader.core.library import Library
from kzreader.core.textfold import fold


def found(lib: Library, query: str) -> set[int]:
    return {h.document_id for h in lib.search(query, limit=100).hits}


def ids(seed_ids: dict[str, int], *names: str) -> set[int]:
    return {seed_ids[n] for n in names}


ALL = ("sputnik_zas", "sputnik_contingent", "rt_zas", "zas_retrait", "blinken")
ZAS = ("sputnik_zas", "rt_zas", "zas_retrait")


def test_accents_are_ignored_both_ways(seeded: Library, seed_ids) -> None:
    assert found(seeded, "securite") == ids(seed_ids, *ALL)
    assert found(seeded, "SÉCURITÉ") == found(seeded, "securite")
    # Tokaïev (three articles) and Tokayev (two) are different spellings
    assert found(seeded, "Tokaiev") == ids(
        seed_ids, "sputnik_zas", "sputnik_contingent", "zas_retrait"
    )
    assert found(seeded, "tokaïev") == found(seeded, "Tokaiev")


def test_case_is_ignored(seeded: Library) -> None:
    assert found(seeded, "otsc") == found(seeded, "OTSC") == found(seeded, "Otsc")


def test_words_are_stemmed_by_language(seeded: Library, seed_ids) -> None:
    # "stabilisation" only occurs in the RT article; the stem finds
    # "stabiliser", "stabilisée" and "stabilisé" elsewhere
    assert found(seeded, "stabilisation") == ids(
        seed_ids, "sputnik_zas", "sputnik_contingent", "rt_zas", "zas_retrait"
    )


def test_elided_articles_are_ignored(seeded: Library) -> None:
    assert found(seeded, "l'OTSC") == found(seeded, "OTSC") == found(seeded, "l’OTSC")


def test_exact_phrase(seeded: Library, seed_ids) -> None:
    assert found(seeded, '"maintien de la paix"') == ids(
        seed_ids, "sputnik_zas", "sputnik_contingent", "rt_zas", "zas_retrait"
    )
    assert found(seeded, '"paix de la maintien"') == set()
    assert found(seeded, '"Stanislav Zas"') == ids(seed_ids, *ZAS)
    # both words occur in the Blinken article, never side by side
    assert found(seeded, "Blinken Kazakhstan") == ids(seed_ids, "blinken")
    assert found(seeded, '"Blinken Kazakhstan"') == set()


def test_phrase_matches_mark_only_the_phrase(seeded: Library, seed_ids) -> None:
    hit = next(
        h for h in seeded.search('"Stanislav Zas"').hits if h.document_id == seed_ids["rt_zas"]
    )
    text = seeded.document(hit.document_id).text
    marked = [text[s:e] for s, e in hit.matches]
    # "Zas" alone occurs many times in this article; only the phrase is marked
    assert marked == ["Stanislav Zas"]


def test_boolean_operators(seeded: Library, seed_ids) -> None:
    assert found(seeded, "Zas") == ids(seed_ids, *ZAS)
    assert found(seeded, "Zas AND Blinken") == set()
    assert found(seeded, "Zas Blinken") == set()  # AND is the default
    assert found(seeded, "Zas OR Blinken") == ids(seed_ids, *ZAS, "blinken")
    # "Sputnik" occurs in the two Sputnik articles and in the Blinken one
    assert found(seeded, "Zas NOT Sputnik") == ids(seed_ids, "rt_zas", "zas_retrait")
    assert found(seeded, "(Zas OR Blinken) NOT Sputnik") == ids(seed_ids, "rt_zas", "zas_retrait")


def test_prefix(seeded: Library) -> None:
    results = seeded.search("maint*", limit=100)
    assert results.total == 5
    for hit in results.hits:
        text = seeded.document(hit.document_id).text
        words = {fold(text[s:e]) for s, e in hit.matches}
        assert words and all(w.startswith("maint") for w in words), words
    # both "maintien" and "maintenant" are found by the prefix
    all_words = {
        fold(seeded.document(h.document_id).text[s:e]) for h in results.hits for s, e in h.matches
    }
    assert {"maintien", "maintenant"} <= all_words


def test_prefix_that_is_a_whole_word_finds_that_word(seeded: Library) -> None:
    # "hausse" is indexed as its stem "hauss": the prefix must still find it
    results = seeded.search("hausse*", limit=100)
    assert results.total == 4
    for hit in results.hits:
        text = seeded.document(hit.document_id).text
        assert {fold(text[s:e]) for s, e in hit.matches} == {"hausse"}


def test_fuzzy(seeded: Library, seed_ids) -> None:
    assert found(seeded, "Tokayev") == ids(seed_ids, "rt_zas", "blinken")
    assert found(seeded, "Tokayev~") == ids(seed_ids, *ALL)
    assert found(seeded, "Blinkin~") == ids(seed_ids, "blinken")
    assert found(seeded, "Blinkin") == set()


def test_fields(seeded: Library, seed_ids) -> None:
    # seed 003 has no headline: its title is its first sentence, which names the OTSC
    assert found(seeded, "title:OTSC") == ids(seed_ids, "sputnik_zas", "zas_retrait", "blinken")
    assert found(seeded, "title:Blinken") == set()  # in the text, not in any title
    assert found(seeded, "source:RT") == ids(seed_ids, "rt_zas")
    assert found(seeded, "source:sputnik") == ids(seed_ids, "sputnik_zas", "sputnik_contingent")
    assert found(seeded, "lang:fr") == ids(seed_ids, *ALL)
    assert found(seeded, "lang:en") == set()
    assert found(seeded, "Zas source:sputnik") == ids(seed_ids, "sputnik_zas")


def test_date_ranges(seeded: Library, seed_ids) -> None:
    sputnik = ids(seed_ids, "sputnik_zas", "sputnik_contingent")  # 6 January 2022
    retrait = ids(seed_ids, "zas_retrait")  # 13 January 2022, written in its text
    january = sputnik | retrait
    assert found(seeded, "date:2022-01-06") == sputnik
    assert found(seeded, "date:2022-01") == january
    assert found(seeded, "date:2022") == january
    assert found(seeded, "date:2021") == set()
    assert found(seeded, "date:2022-01-07..") == retrait
    assert found(seeded, "date:2022-01-14..") == set()
    assert found(seeded, "date:..2022-01-06") == sputnik
    assert found(seeded, "date:2022-01-01..2022-01-05") == set()
    assert found(seeded, "date:>=2022-01-06") == january
    assert found(seeded, "date:>2022-01-06") == retrait
    assert found(seeded, "date:<2022-01-07") == sputnik
    assert found(seeded, "date:[2022-01-01 TO 2022-01-31]") == january
    assert found(seeded, "published:2022-01-06") == sputnik
    assert found(seeded, "Zas date:2022-01-06") == ids(seed_ids, "sputnik_zas")


@pytest.mark.parametrize(
    "word",
    [
        "Royaume",  # only in a "Lire aussi: …" line
        "Villarreal",  # only in "Article suivant …"
        "Fr2Fr",  # only in the RT site footer
        "Skip",  # "Skip to content"
        "Commentaires",  # only in the "LIRE LA SUITE:" link line
        "point de vue",  # only in the RT disclaimer footer
    ],
)
def test_boilerplate_is_not_indexed(seeded: Library, word: str) -> None:
    assert found(seeded, word) == set()


def test_matches_are_code_point_offsets_of_the_text(seeded: Library) -> None:
    for query in ("securite", "Tokaiev", '"maintien de la paix"', "Zas OR Blinken"):
        for hit in seeded.search(query, limit=100).hits:
            text = seeded.document(hit.document_id).text
            assert hit.matches, (query, hit.title)
            for start, end in hit.matches:
                assert 0 <= start < end <= len(text)
                assert text[start:end].strip() == text[start:end]
            for start, end in hit.snippet_marks:
                assert any(fold(hit.snippet[start:end]) == fold(text[s:e]) for s, e in hit.matches)


def test_offsets_hold_after_characters_outside_the_bmp(library: Library, tmp_path) -> None:
    article = tmp_path / "emoji.txt"
    article.write_text(
        "Des drapeaux 🇰🇿🇷🇺 et des émojis 😀 avant la sécurité collective du pays.\n"
        "La sécurité reste le mot important de cet article de test sur le Kazakhstan.\n",
        encoding="utf-8",
    )
    (result,) = library.import_paths([article]).results
    assert result.status == "imported"
    (hit,) = library.search("securite").hits
    text = library.document(hit.document_id).text
    assert [text[s:e] for s, e in hit.matches] == ["sécurité", "sécurité"]


def test_snippets_mark_the_matches(seeded: Library) -> None:
    (hit,) = seeded.search("Blinken").hits
    assert "**Blinken**" in hit.marked_snippet()
    assert len(hit.snippet) <= 260
    assert "\n" not in hit.snippet


def test_ranking_puts_denser_articles_first(seeded: Library, seed_ids) -> None:
    hits = seeded.search("Zas").hits
    order = [h.document_id for h in hits]
    # "Zas" occurs eleven times in the RT article, once in the Sputnik one
    assert order.index(seed_ids["rt_zas"]) < order.index(seed_ids["sputnik_zas"])
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_limit_and_total(seeded: Library) -> None:
    results = seeded.search("Kazakhstan", limit=2)
    assert len(results.hits) == 2
    assert results.total == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"maintien de la', "unclosed quote"),
        ("(Zas OR Blinken", "parentheses"),
        ("Zas)", "parentheses"),
        ("auteur:Zas", "unknown field 'auteur:'"),
        ("date:janvier", "date"),
        ("date:2022-13", "not a valid date"),
    ],
)
def test_bad_queries_say_what_is_wrong(seeded: Library, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        seeded.search(query)


def test_stop_words_only_find_nothing(seeded: Library) -> None:
    assert seeded.search("le la les").hits == []


def test_search_pages_follow_the_ranking(seeded: Library) -> None:
    whole = seeded.search("securite", limit=100)
    assert whole.total == len(whole.hits) >= 4
    pages = [seeded.search("securite", limit=2, offset=start) for start in range(0, 6, 2)]
    assert [h.document_id for page in pages for h in page.hits] == [
        h.document_id for h in whole.hits
    ]
    assert all(page.total == whole.total for page in pages)
    assert pages[0].hits[0].snippet == whole.hits[0].snippet
    assert seeded.search("securite", limit=2, offset=whole.total).hits == []


def test_a_snippet_is_cut_around_the_densest_matches() -> None:
    # the first start of the window holding the most matches, duplicates
    # included: as counting every window would find it
    import random
    from bisect import bisect_left

    from kzreader.core.search import densest_start

    rng = random.Random(3)
    for _ in range(500):
        starts = sorted(rng.randint(0, 2_000) for _ in range(rng.randint(1, 60)))
        window = rng.choice([1, 10, 150])
        counts = [bisect_left(starts, s + window) - bisect_left(starts, s) for s in starts]
        assert densest_start(starts, window) == starts[counts.index(max(counts))]
