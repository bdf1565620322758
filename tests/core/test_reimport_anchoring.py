"""Passages survive a changed re-import: re-anchored, or kept as orphans."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from tests_support import user_data

from kzreader.core.library import Library

RT = "002_b5fab79e601b0820.txt"
QUOTE = "aucun affrontement ou quoi que ce soit ne s’est produit"


@pytest.fixture
def coded(seeded: Library, seed_ids, seeds_dir: Path):
    """The RT article with a passage on QUOTE and a few around it."""
    doc = seed_ids["rt_zas"]
    main = seeded.highlight(doc, quote=QUOTE, tags=["Discours/Calme"], note="clé")
    others = [
        seeded.highlight(doc, quote="Stanislav Zas", tags=["Acteurs/OTSC"]),
        seeded.highlight(doc, quote="dit Zas", occurrence=2),
        seeded.highlight(doc, quote="Nous ferons des ajustements bien sûr"),
    ]
    return seeded, doc, main, others, seeds_dir / RT


def reimport(lib: Library, path: Path, text: str, newline: str = "\n", encoding="utf-8"):
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    (result,) = lib.import_paths([path]).results
    assert result.status == "updated", result
    return result


def check_anchored(lib: Library, doc: int) -> None:
    text = lib.document(doc).text
    for p in lib.passages(document_ids=[doc]):
        if p.status != "orphan":
            assert text[p.start : p.end] == p.exact, p


def test_text_inserted_before_the_passage(coded) -> None:
    lib, doc, main, _, path = coded
    original = path.read_text("utf-8")
    result = reimport(lib, path, "Une note de la rédaction ajoutée en tête.\n\n" + original)
    p = lib.passage(main.id)
    assert (p.status, p.exact, p.start) == ("moved", QUOTE, main.start + 43)
    assert result.passages == {"exact": 0, "moved": 4, "fuzzy": 0, "orphan": 0}
    assert p.tags == ["Discours/Calme"] and p.note == "clé" and p.id == main.id
    check_anchored(lib, doc)


def test_edit_inside_the_passage(coded) -> None:
    lib, doc, main, _, path = coded
    original = path.read_text("utf-8")
    reimport(lib, path, original.replace("quoi que ce soit", "quoi que ce fût"))
    p = lib.passage(main.id)
    assert p.status == "fuzzy"
    assert p.exact == "aucun affrontement ou quoi que ce fût ne s’est produit"
    check_anchored(lib, doc)


def test_edit_next_to_the_passage(coded) -> None:
    lib, doc, main, _, path = coded
    original = path.read_text("utf-8")
    edited = original.replace("Au cours de ces jours, aucun", "Pendant ces journées, aucun")
    reimport(lib, path, edited)
    p = lib.passage(main.id)
    assert p.status in ("exact", "moved") and p.exact == QUOTE
    check_anchored(lib, doc)


def test_paragraph_deleted_makes_an_orphan_kept_and_listed(coded) -> None:
    lib, doc, main, others, path = coded
    original = path.read_text("utf-8")
    paragraph = next(line for line in original.split("\n") if QUOTE in line)
    result = reimport(lib, path, original.replace(paragraph + "\n", ""))
    assert result.passages["orphan"] == 1
    p = lib.passage(main.id)
    assert (p.status, p.exact, p.note, p.tags) == ("orphan", QUOTE, "clé", ["Discours/Calme"])
    assert [o.id for o in lib.orphans()] == [main.id]
    assert all(lib.passage(o.id).status != "orphan" for o in others)
    check_anchored(lib, doc)
    # the user re-attaches it elsewhere
    text = lib.document(doc).text
    start = text.index("Les Casques bleus")
    fixed = lib.move_passage(main.id, start, start + len("Les Casques bleus"))
    assert fixed.status == "exact" and lib.orphans() == []


def test_crlf_source(coded) -> None:
    lib, doc, main, _, path = coded
    original = path.read_text("utf-8")
    reimport(lib, path, "Mise à jour.\n" + original, newline="\r\n")
    p = lib.passage(main.id)
    assert p.status == "moved" and "\r" not in lib.document(doc).text
    check_anchored(lib, doc)


def test_combining_accents_in_the_source(coded) -> None:
    lib, doc, main, _, path = coded
    original = path.read_text("utf-8")
    decomposed = unicodedata.normalize("NFD", "Précédé d’une préface.\n" + original)
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    reimport(lib, path, decomposed)
    p = lib.passage(main.id)
    assert p.status == "moved" and p.exact == QUOTE  # text is stored in NFC
    check_anchored(lib, doc)


def test_characters_outside_the_bmp_before_the_passage(coded) -> None:
    lib, doc, main, _, path = coded
    original = path.read_text("utf-8")
    prefix = "🇰🇿 Dossier spécial 😀🎉 \n"
    reimport(lib, path, prefix + original)
    p = lib.passage(main.id)
    assert p.status == "moved" and p.start == main.start + len(prefix)
    text = lib.document(doc).text
    assert text[p.start : p.end] == QUOTE
    check_anchored(lib, doc)


def test_reimport_with_reanchoring_can_be_undone(coded) -> None:
    lib, _, main, _, path = coded
    before = user_data(lib)
    original = path.read_text("utf-8")
    reimport(lib, path, "Chapeau ajouté.\n" + original.replace("quoi que ce soit", "rien"))
    assert lib.next_undo().label == f"Re-import {RT}"
    lib.undo()
    assert user_data(lib) == before
    assert lib.passage(main.id).status == "exact"
    assert lib.search("Chapeau").total == 0
    lib.redo()
    assert lib.search("Chapeau").total == 1
