"""Quotations: extraction with offsets, grouping across documents."""

from __future__ import annotations

from pathlib import Path

from kzreader.core.library import Library
from kzreader.core.quotes import Quote, extract, group

SAID = "Les militants restants tentent d’échapper à la justice"


def test_guillemets_curly_and_straight_quotes_with_their_offsets() -> None:
    text = (
        f"Il a dit\u00a0: «\u00a0{SAID}\u00a0». Puis “Nous partirons dans dix jours” et "
        '"la mission est terminée" avant « Ordinaire » et „Wir bleiben nicht lange“.'
    )
    quotes = extract(7, text)
    assert [q.text for q in quotes] == [
        SAID,
        "Nous partirons dans dix jours",
        "la mission est terminée",
        "Wir bleiben nicht lange",
    ]  # « Ordinaire » is one word: a scare quote
    for q in quotes:
        assert text[q.start : q.end] == q.text and q.document_id == 7
    assert quotes[0].start == text.index(SAID)


def test_narrow_nbsp_and_a_quote_in_boilerplate() -> None:
    text = f"«\u202f{SAID}\u202f»\n« Lire aussi la suite de cet article »"
    quotes = extract(1, text, boilerplate=[[text.index("\n") + 1, len(text)]])
    assert [(q.start, q.end) for q in quotes] == [(2, 2 + len(SAID))]


def test_a_quote_does_not_run_over_a_line_break() -> None:
    assert extract(1, "« un deux trois\nquatre cinq six »") == []


def test_the_same_quote_across_documents_with_its_first_appearance() -> None:
    quotes = [
        Quote(1, 10, 60, SAID, "RT", "2022-01-08"),
        Quote(2, 5, 55, SAID.replace("’", "'").upper(), "Sputnik", "2022-01-06"),
        Quote(3, 0, 40, SAID.replace("tentent", "essaient"), "Le Monde", "2022-01-09"),
        Quote(4, 0, 30, "Une tout autre déclaration du ministère", "RFI", "2022-01-07"),
    ]
    (g,) = group(quotes)
    assert [q.document_id for q in g.quotes] == [2, 1, 3]
    assert g.first is not None and g.first.document_id == 2 and g.order == "known"
    assert g.changed == (2,)  # Le Monde changed a word; case and apostrophes do not count
    assert len(group(quotes, all_groups=True)) == 2


def test_same_day_and_unknown_first_appearance() -> None:
    same = [Quote(1, 0, 9, SAID, None, "2022-01-06"), Quote(2, 0, 9, SAID, None, "2022-01-06")]
    (g,) = group(same)
    assert g.first is None and g.order == "same-day"
    (g,) = group([Quote(1, 0, 9, SAID, None, None), Quote(2, 0, 9, SAID, None, "2022-01-06")])
    assert g.first is None and g.order == "unknown"


def test_a_quote_repeated_in_one_document_is_no_group() -> None:
    assert group([Quote(1, 0, 9, SAID), Quote(1, 50, 59, SAID)]) == []


def test_library_quotes(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Premier article.\n\nIl a dit « {SAID} ».\n", "utf-8")
    (folder / "b.txt").write_text(f"Second article.\n\nSelon lui, “{SAID}”.\n", "utf-8")
    library.import_paths([folder])
    (g,) = library.quotes()
    for q in g.quotes:
        assert library.document(q.document_id).text[q.start : q.end] == SAID
    assert library.quotes(document_id=g.quotes[0].document_id) == [g]
    assert library.quotes(min_words=20) == []


def test_a_part_of_a_quote_joins_its_group() -> None:
    longer = f"Je le répète. {SAID}, de se cacher."
    quotes = [Quote(1, 0, 9, longer, "RT", "2022-01-06"), Quote(2, 0, 9, SAID, "AFP", "2022-01-07")]
    (g,) = group(quotes)
    assert g.first is not None and g.first.document_id == 1 and g.changed == (1,)
    assert group([Quote(1, 0, 9, longer), Quote(2, 0, 9, "Les militants restants")]) == []
