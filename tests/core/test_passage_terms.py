"""The terms kept beside each passage (``passage_terms``): every change a
user, an undo, a re-import or another program makes leaves them true or
removes them, and a passage search finds the same passages with them as
without them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests_support import upgraded_from

from kzreader.core import passage_terms
from kzreader.core.library import Library
from kzreader.core.retrieval import PassageFilter

QUERIES = (
    "Zas",
    "zas retrait",
    "contingent",
    "contingents",  # stemmed: finds "contingent"
    "ETATS",  # accents and case
    "tag:Acteurs Zas",
    "tag:Acteurs/OTSC dit",
    '"dit Zas"',
    '"stanislav zas" tag:Acteurs',
    "note:relire",
    "note:relire Zas",
    "le",  # a stop word: matches every passage of its language
    "introuvable",
)


def stored(lib: Library) -> dict[int, str]:
    with sqlite3.connect(lib.db_path) as conn:
        return dict(conn.execute("SELECT passage_id, terms FROM passage_terms"))


def made(lib: Library) -> dict[int, str]:
    """The terms each passage's quote, note and article language give."""
    with sqlite3.connect(lib.db_path) as conn:
        rows = conn.execute(
            "SELECT p.id, p.exact, p.note, d.language FROM passages p "
            "JOIN documents d ON d.id = p.document_id"
        ).fetchall()
    return {pid: passage_terms.terms_text(exact, note, lang) for pid, exact, note, lang in rows}


def true_and_complete(lib: Library) -> bool:
    """Every passage has its terms, and they are the ones it gives."""
    return stored(lib) == made(lib) and not queued(lib)


def queued(lib: Library) -> list[int]:
    with sqlite3.connect(lib.db_path) as conn:
        return [pid for (pid,) in conn.execute("SELECT passage_id FROM passage_terms_stale")]


def found(lib: Library) -> dict[str, list[int]]:
    return {q: [p.id for p in lib.search_passages(q)] for q in QUERIES}


def forget_all_terms(lib: Library) -> None:
    with sqlite3.connect(lib.db_path) as conn:
        conn.execute("DELETE FROM passage_terms")


@pytest.fixture
def coded(seeded: Library, seed_ids: dict[str, int]) -> Library:
    zas, rt = seed_ids["sputnik_zas"], seed_ids["rt_zas"]
    seeded.highlight(zas, quote="Stanislav Zas", tags=["Acteurs/OTSC"], note="à relire")
    seeded.highlight(rt, quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    seeded.highlight(rt, quote="dit Zas", tags=["Acteurs/OTSC", "Citations"])
    seeded.autocode("contingent", "Thèmes/Armée")
    seeded.autocode("États", "Thèmes/Pays")
    seeded.highlight(seed_ids["blinken"], quote="Blinken", note="relire le contexte")
    return seeded


def test_every_passage_gets_its_terms_and_searches_agree_without_them(coded: Library) -> None:
    assert true_and_complete(coded)
    with_terms = found(coded)
    assert with_terms["contingents"] == with_terms["contingent"] != []
    assert with_terms["introuvable"] == []
    forget_all_terms(coded)  # every passage then asked in Python
    assert found(coded) == with_terms


def test_changes_their_undo_and_redo_keep_the_terms_true(
    coded: Library, seed_ids: dict[str, int]
) -> None:
    lib = coded
    first = lib.passages(PassageFilter(tags=["Acteurs/OTSC"]))[0]
    steps = [
        lambda: lib.update_passage(first.id, note="paix durable"),
        lambda: lib.move_passage(first.id, first.start, first.end + 10),
        lambda: lib.delete_passages([first.id]),
        lambda: lib.highlight(seed_ids["zas_retrait"], quote="retrait", note="paix"),
        lambda: lib.delete_document(seed_ids["blinken"]),
    ]
    for step in steps:
        step()
        assert true_and_complete(lib), step
    assert [p.note for p in lib.search_passages("paix")] == ["paix"]
    for _ in steps:
        lib.undo()
        assert true_and_complete(lib)
    assert lib.search_passages("paix") == []
    for _ in steps:
        lib.redo()
        assert true_and_complete(lib)
    assert [p.note for p in lib.search_passages("paix")] == ["paix"]


def test_a_reimport_that_changes_a_quote_gives_it_its_new_terms(
    coded: Library, seed_ids: dict[str, int], seeds_dir: Path
) -> None:
    quote = "aucun affrontement ou quoi que ce soit ne s’est produit"
    passage = coded.highlight(seed_ids["rt_zas"], quote=quote)
    path = seeds_dir / "002_b5fab79e601b0820.txt"
    text = path.read_text("utf-8").replace("aucun affrontement ou", "aucun accrochage ou")
    path.write_text("Chapeau ajouté.\n" + text, "utf-8")
    (result,) = coded.import_paths([path]).results
    assert result.status == "updated" and coded.passage(passage.id).status == "fuzzy"
    assert true_and_complete(coded)
    assert passage.id in [p.id for p in coded.search_passages("accrochage")]
    assert passage.id not in [p.id for p in coded.search_passages("affrontement")]


def test_another_programs_changes_remove_terms_and_the_search_reads_the_passage(
    coded: Library,
) -> None:
    """A quote, a note or an article's language changed by SQL: the terms
    go, the passage waits in the queue and is still found by what it holds
    now; the next operation makes its terms."""
    passage = coded.search_passages("note:relire Zas")[0]
    conn = sqlite3.connect(coded.db_path, isolation_level=None)
    try:
        conn.execute("UPDATE passages SET note = 'à vérifier' WHERE id = ?", (passage.id,))
        assert passage.id not in stored(coded) and queued(coded) == [passage.id]
        assert [p.id for p in coded.search_passages("vérifier")] == [passage.id]
        assert passage.id not in [p.id for p in coded.search_passages("relire")]
        (language,) = conn.execute(
            "SELECT language FROM documents WHERE id = ?", (passage.document_id,)
        ).fetchone()
        conn.execute("UPDATE documents SET language = 'xx' WHERE id = ?", (passage.document_id,))
        in_article = [p.id for p in coded.passages(document_ids=[passage.document_id])]
        assert not set(in_article) & set(stored(coded))
        assert sorted(queued(coded)) == sorted(in_article)
        # unstemmed now: the plural no longer finds the singular in that article
        assert passage.id not in [p.id for p in coded.search_passages("vérifiers")]
        conn.execute(
            "UPDATE documents SET language = ? WHERE id = ?", (language, passage.document_id)
        )
    finally:
        conn.close()
    coded.create_tag("Suite")  # any operation makes the queued passages' terms
    assert true_and_complete(coded)
    assert [p.id for p in coded.search_passages("vérifiers")] == [passage.id]


def test_terms_of_another_analyzer_are_left_aside(
    coded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = found(coded)
    with sqlite3.connect(coded.db_path) as conn:
        conn.execute("UPDATE passage_terms SET terms = ' '")  # as if made otherwise
    monkeypatch.setattr(passage_terms, "TERMS_VERSION", "another")
    assert found(coded) == expected


def test_an_older_library_gets_the_terms_of_its_passages(coded: Library) -> None:
    expected = made(coded)
    path = coded.db_path
    coded.close()
    assert upgraded_from(path, 7) == [8, 9]
    with Library(path.parent) as lib:
        assert stored(lib) == expected and not queued(lib)
        assert lib.check().clean
