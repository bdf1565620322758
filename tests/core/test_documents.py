"""An article's title, outlet and date set by the user: read as typed,
undoable, searchable at once, kept by a re-import, given to a whole folder at
import time, and followed by reuse detection's order."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from tests_support import drop_derived_tables

from kzreader.core.documents import parse_published
from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.library import Library
from kzreader.core.migrations import HISTORY_COLUMNS_V3, history_triggers, migrate

BLINKEN = "004_500be365c57d552d.txt"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2022-01-06", "2022-01-06"),
        (" 2022-01-06T11:54 ", "2022-01-06T11:54"),
        ("2022-01-06T11:54+0100", "2022-01-06T11:54+01:00"),
        ("2022-01", "2022-01"),
        ("2022", "2022"),
        ("06.01.2022", "2022-01-06"),
        ("6/1/2022", "2022-01-06"),
        ("6 janvier 2022", "2022-01-06"),
        ("January 6, 2022", "2022-01-06"),
        ("6 января 2022", "2022-01-06"),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_are_read_as_the_user_types_them(typed: str, stored: str | None) -> None:
    assert parse_published(typed) == stored


@pytest.mark.parametrize("typed", ["hier", "2022-13-01", "31.02.2022", "2022-01-06 midi", "12"])
def test_a_date_not_understood_says_how_to_write_one(typed: str) -> None:
    with pytest.raises(KzreaderError, match=r"2022-01-06, 06\.01\.2022 or 6 janvier 2022"):
        parse_published(typed)


def test_facts_set_by_the_user_are_undoable_and_searchable(
    seeded: Library, seed_ids: dict[str, int]
) -> None:
    doc = seed_ids["blinken"]
    before = seeded.document(doc).info
    assert before.source is None and before.published is None
    info = seeded.edit_document(doc, source=" Le  Monde ", published="7 janvier 2022")
    assert (info.source, info.published) == ("Le Monde", "2022-01-07")
    assert seeded.document(doc).info.title == before.title
    hits = seeded.search('source:"Le Monde"')
    assert [h.document_id for h in hits.hits] == [doc]
    assert seeded.next_undo().label.startswith("Edit “")
    seeded.undo()
    after = seeded.document(doc).info
    assert (after.source, after.published) == (None, None)
    assert seeded.search('source:"Le Monde"').hits == []
    seeded.redo()
    assert seeded.document(doc).info.source == "Le Monde"
    info = seeded.edit_document(doc, title="  Blinken  et la mission  ", source="")
    assert (info.title, info.source, info.published) == (
        "Blinken et la mission", None, "2022-01-07"
    )  # fmt: skip


def test_bad_facts_are_refused_and_change_nothing(
    seeded: Library, seed_ids: dict[str, int]
) -> None:
    doc = seed_ids["blinken"]
    before = seeded.document(doc).info
    for kwargs in ({"title": "   "}, {"published": "bientôt"}, {"source": "x" * 201}):
        with pytest.raises(KzreaderError):
            seeded.edit_document(doc, **kwargs)
    assert seeded.document(doc).info == before and seeded.next_undo() is None
    with pytest.raises(NotFoundError):
        seeded.edit_document(9999, title="Rien")


def test_a_reimport_keeps_what_the_user_set(
    seeded: Library, seed_ids: dict[str, int], seeds_dir: Path
) -> None:
    doc = seed_ids["blinken"]
    seeded.edit_document(doc, source="Le Monde")
    path = seeds_dir / BLINKEN
    path.write_text(path.read_text("utf-8") + "\nUn paragraphe ajouté.\n", "utf-8")
    (result,) = seeded.import_paths([path]).results
    assert result.status == "updated"
    info = seeded.document(doc).info
    assert info.source == "Le Monde"  # the user's
    assert "Un paragraphe ajouté." in seeded.document(doc).text
    assert [h.document_id for h in seeded.search('source:"Le Monde"').hits] == [doc]


def test_a_folder_of_one_outlet_gets_its_outlet_at_import(
    library: Library, seeds_dir: Path
) -> None:
    report = library.import_paths([seeds_dir], outlet="Revue de presse")
    assert all(r.status == "imported" for r in report.results)
    assert {d.source for d in library.documents()} == {"Revue de presse"}
    assert len(library.search('source:"Revue de presse"').hits) == 5


def test_an_older_library_gets_the_column_and_its_history_still_undoes(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """A version-4 database with a re-import in its history: upgraded (the
    columns of versions 5 and 6 added, the tag counts of 7 and 9, the terms of 8), the re-import is
    undone as before."""
    path = seeds_dir / BLINKEN
    with Library(tmp_path / "lib") as lib:
        lib.import_paths([seeds_dir])
        original = {d.file_name: d.id for d in lib.documents()}
        doc = original[BLINKEN]
        text = lib.document(doc).text
        path.write_text(path.read_text("utf-8") + "\nAjout.\n", "utf-8")
        assert lib.import_paths([path]).results[0].status == "updated"
    conn = sqlite3.connect(tmp_path / "lib" / "library.sqlite", isolation_level=None)
    try:
        # back to version 4: the table, its triggers and the logged images
        conn.execute("PRAGMA user_version = 4")
        drop_derived_tables(conn, 4)  # of versions 7 and 8
        for event in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER history_documents_{event}")
        conn.execute("ALTER TABLE documents DROP COLUMN edited")
        conn.execute("ALTER TABLE documents DROP COLUMN original")
        conn.executescript(history_triggers("documents", HISTORY_COLUMNS_V3["documents"]))
        for change_id, old, new in conn.execute(
            "SELECT id, old, new FROM history_changes WHERE tbl = 'documents'"
        ).fetchall():
            images = [json.loads(i) if i else None for i in (old, new)]
            for image in images:
                if image is not None:
                    del image["edited"], image["original"]
            conn.execute(
                "UPDATE history_changes SET old = ?, new = ? WHERE id = ?",
                (*(json.dumps(i) if i else None for i in images), change_id),
            )
        assert migrate(conn) == [5, 6, 7, 8, 9]
    finally:
        conn.close()
    with Library(tmp_path / "lib") as lib:
        report = lib.check()
        assert report.clean, [p.message for p in report.problems]
        lib.undo()
        assert lib.document(doc).text == text
        info = lib.edit_document(doc, source="Le Monde")
        assert info.source == "Le Monde"
        lib.undo()
        assert lib.document(doc).info.source is None


def test_the_title_line_is_found_where_the_header_repeats_it(seeded: Library) -> None:
    from kzreader.core.documents import title_line

    found = {}
    for info in seeded.documents():
        view = seeded.document(info.id)
        span = title_line(view.text, view.info.title, view.boilerplate)
        found[info.file_name] = view.text[span[0] : span[1]] if span else None
    assert found["000_7779a385dcbc7df1.txt"] == (
        "Le secrétaire général de l’OTSC explique quand ses forces quitteront le Kazakhstan"
    )
    assert found["002_b5fab79e601b0820.txt"].startswith(
        "Le chef du bloc dirigé par la Russie révèle les détails de la mission au Kazakhstan — RT"
    )  # with the outlet's suffix
    assert found["004_500be365c57d552d.txt"] == (
        "Les États-Unis remettent en question la présence de troupes de l’OTSC au Kazakhstan"
    )
    # a title taken from the first sentence: that paragraph is the article, not chrome
    assert found["003_5a814d00d646ab81.txt"] is None


def test_no_title_line_below_the_body_or_for_a_short_title() -> None:
    from kzreader.core.documents import title_line

    body = "Le corps de l’article commence ici et continue longtemps."
    assert title_line(f"{body}\nUn titre assez long\n", "Un titre assez long") is None
    assert title_line("Court\n" + body, "Court") is None
    text = f"Un titre assez long\n\n{body}"
    assert title_line(text, "Un titre assez long") == (0, len("Un titre assez long"))
    assert title_line(text, "Un titre assez long", [(0, 19)]) is None  # already aside


def test_the_listing_holds_each_articles_columns_and_shares_outlet_names(
    seeded: Library,
) -> None:
    listed = seeded.listing()
    full = seeded.documents()
    assert [(d.id, d.title, d.source, d.published, d.language) for d in listed] == [
        (d.id, d.title, d.source, d.published, d.language) for d in full
    ]
    by_outlet: dict[str, list[str]] = {}
    for d in listed:
        if d.source:
            by_outlet.setdefault(d.source, []).append(d.source)
    assert any(len(names) > 1 for names in by_outlet.values())
    for names in by_outlet.values():
        assert all(name is names[0] for name in names)  # one string per outlet


def test_the_outlets_are_each_named_once_alphabetically(seeded: Library) -> None:
    sources = {d.source for d in seeded.documents() if d.source}
    assert seeded.outlets() == sorted(sources, key=str.casefold)
