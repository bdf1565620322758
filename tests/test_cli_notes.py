"""``kzreader notes``: the memo list on the command line, over the sample
articles: the text output, the JSON shape, the filter and the order."""

from __future__ import annotations

import json

import pytest
from tests_support import run_cli as run

from kzreader.core.library import Library

RT_TITLE = "Le chef du bloc dirigé par la Russie révèle les détails de la mission au Kazakhstan"
SPUTNIK_TITLE = "Le secrétaire général de l’OTSC explique quand ses forces quitteront le Kazakhstan"


@pytest.fixture
def lib(seeded: Library, seed_ids) -> str:
    """The sample articles with two notes on passages and one on a link."""
    sputnik = seeded.highlight(
        seed_ids["sputnik_zas"], quote="Stanislav Zas", note="Le **chef** de l’OTSC"
    )
    rt = seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas", note="Entretien accordé à RT")
    seeded.highlight(seed_ids["blinken"], quote="Antony Blinken")  # no note
    seeded.link(rt.id, sputnik.id, "repeats", note="Même *citation*")
    seeded.close()
    return str(seeded.path)


def test_json_lists_every_note(capsys, lib: str) -> None:
    code, out, err = run(capsys, lib, "notes", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"query", "notes"} and data["query"] is None
    notes = data["notes"]
    assert [(n["kind"], n["document_title"], n["note"]) for n in notes] == [
        ("passage", RT_TITLE, "Entretien accordé à RT"),
        ("link", RT_TITLE, "Même *citation*"),
        ("passage", SPUTNIK_TITLE, "Le **chef** de l’OTSC"),
    ]
    rt, link, sputnik = notes
    assert set(rt) == {
        "kind",
        "passage_id",
        "link_id",
        "document_id",
        "document_title",
        "outlet",
        "published",
        "exact",
        "start",
        "status",
        "note",
        "modified_at",
        "created_at",
    }
    assert (rt["outlet"], rt["published"], rt["exact"], rt["link_id"]) == (
        "RT",
        None,
        "Stanislav Zas",
        None,
    )
    assert (sputnik["outlet"], sputnik["published"]) == ("Sputnik", "2022-01-06")
    assert set(link) == set(rt) | {
        "relation",
        "direction",
        "other_passage_id",
        "other_document_id",
        "other_document_title",
        "other_exact",
    }
    assert link["passage_id"] == rt["passage_id"] and link["link_id"] is not None
    assert (link["relation"], link["direction"]) == ("repeats", "one-way")
    assert (link["other_passage_id"], link["other_document_title"], link["other_exact"]) == (
        sputnik["passage_id"],
        SPUTNIK_TITLE,
        "Stanislav Zas",
    )


def test_text_output(capsys, lib: str) -> None:
    code, out, _ = run(capsys, lib, "notes")
    assert code == 0
    blocks = out.rstrip("\n").split("\n\n")
    assert len(blocks) == 4
    head, facts, note = blocks[0].splitlines()
    assert head.endswith("«Stanislav Zas»") and head.startswith("#")
    assert facts.strip().startswith("RT · no date · Le chef du bloc")
    assert note.strip() == "Entretien accordé à RT"
    head, _, note = blocks[1].splitlines()
    assert head.startswith("link ") and "→ repeats →" in head
    assert note.strip() == "Même citation"  # the words, without the Markdown marks
    assert blocks[2].splitlines()[1].strip().startswith("Sputnik · 2022-01-06 · ")
    assert blocks[3] == "3 notes: 2 on passages, 1 on link"


def test_query_filters_on_note_quote_and_title(capsys, lib: str) -> None:
    def kinds(*query: str) -> list[tuple[str, str]]:
        code, out, err = run(capsys, lib, "notes", *query, "--json")
        assert code == 0, err
        return [(n["kind"], n["note"]) for n in json.loads(out)["notes"]]

    assert kinds("entretien") == [("passage", "Entretien accordé à RT")]
    assert kinds("ACCORDE") == [("passage", "Entretien accordé à RT")]  # any case, any accents
    assert kinds("entretien", "rt") == [("passage", "Entretien accordé à RT")]  # every word
    assert kinds("chef", "otsc") == [  # a link: the words of either end
        ("link", "Même *citation*"),
        ("passage", "Le **chef** de l’OTSC"),
    ]
    assert kinds("mission") == [  # a word of RT's title
        ("passage", "Entretien accordé à RT"),
        ("link", "Même *citation*"),
    ]
    assert kinds("Blinken") == []  # that passage has no note
    code, out, _ = run(capsys, lib, "notes", "Blinken")
    assert (code, out) == (0, "No note matches 'Blinken'.\n")


def test_recent_order_and_bad_arguments(capsys, lib: str) -> None:
    code, out, _ = run(capsys, lib, "notes", "--order", "recent", "--json")
    assert code == 0
    assert len(json.loads(out)["notes"]) == 3
    with pytest.raises(SystemExit) as exc:
        run(capsys, lib, "notes", "--order", "title")
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_an_empty_library_says_how_to_write_one(capsys, tmp_path) -> None:
    code, out, _ = run(capsys, tmp_path / "empty", "notes")
    assert code == 0
    assert out.startswith("No note yet")
