"""``kzreader kwic``: the concordance on the command line, over the sample
articles: aligned text, the JSON shape, sorting, limits and bad arguments."""

from __future__ import annotations

import json

import pytest
from tests_support import run_cli as run

from kzreader.cli import main


@pytest.fixture
def lib(seeded_path: str) -> str:
    return seeded_path


def text_of(capsys, lib: str, doc_id: int) -> str:
    code, out, _ = run(capsys, lib, "show", str(doc_id), "--json")
    assert code == 0
    return json.loads(out)["text"]


def test_json_shape_and_offsets(capsys, lib: str) -> None:
    code, out, err = run(capsys, lib, "kwic", "Tokaïev", "--width", "40", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"query", "lines", "total", "by_outlet"}
    assert data["query"] == "Tokaïev" and data["total"] == len(data["lines"]) == 4
    assert data["by_outlet"] == {
        "Sputnik": {"lines": 3, "articles": 2},
        "unknown": {"lines": 1, "articles": 1},
    }
    first = data["lines"][0]
    assert set(first) == {
        "document_id",
        "start",
        "end",
        "left",
        "hit",
        "right",
        "source",
        "published",
        "title",
    }
    assert (first["left"], first["hit"], first["right"]) == (
        "l’appel de son Président Kassym-Jomart ",
        "Tokaïev",
        " sur fond de manifestations massives qui",
    )
    assert (first["source"], first["published"]) == ("Sputnik", "2022-01-06")
    for line in data["lines"]:
        text = text_of(capsys, lib, line["document_id"])
        assert text[line["start"] : line["end"]] == line["hit"] == "Tokaïev"
    assert data["lines"][3]["source"] is None


def test_text_output_is_aligned_on_the_hit(capsys, lib: str) -> None:
    code, out, _ = run(capsys, lib, "kwic", "Tokaïev", "--width", "40")
    assert code == 0
    rows, summary = out.rstrip("\n").split("\n\n")
    rows = rows.splitlines()
    assert len(rows) == 4
    columns = {row.index("Tokaïev") for row in rows}
    assert len(columns) == 1  # every hit starts in the same column
    assert rows[0].startswith("l’appel de son Président Kassym-Jomart Tokaïev sur fond")
    assert "Sputnik · 2022-01-06 · #" in rows[0] and "unknown outlet · 2022-01-13" in rows[3]
    assert summary == "4 lines in 3 articles: Sputnik 3, unknown outlet 1"


def test_sort_and_limit(capsys, lib: str) -> None:
    def lines(*args: str) -> list[dict]:
        code, out, err = run(capsys, lib, "kwic", "Tokaïev OR Tokayev", "--json", *args)
        assert code == 0, err
        return json.loads(out)["lines"]

    natural = lines()
    by_right = lines("--sort", "right")
    assert sorted(by_right, key=lambda ln: (ln["document_id"], ln["start"])) == natural
    assert [ln["right"].split()[0] for ln in by_right] == sorted(
        ln["right"].split()[0] for ln in natural
    )
    by_date = lines("--sort", "date")
    dated = [ln["published"] for ln in by_date if ln["published"]]
    assert dated == sorted(dated) and by_date[-1]["published"] is None
    code, out, _ = run(capsys, lib, "kwic", "Tokaïev OR Tokayev", "--json", "--limit", "2")
    data = json.loads(out)
    assert code == 0
    assert data["lines"] == natural[:2] and data["total"] == len(natural)
    code, out, _ = run(capsys, lib, "kwic", "Tokaïev OR Tokayev", "--limit", "2")
    assert code == 0 and f"{len(natural)} lines in" in out and "(the first 2 shown)" in out


def test_no_hit_and_boilerplate(capsys, lib: str) -> None:
    code, out, _ = run(capsys, lib, "kwic", "Trump")  # only in a "Lire aussi" line
    assert code == 0 and "No hit for 'Trump'" in out
    code, out, _ = run(capsys, lib, "kwic", "Trump", "--json")
    assert json.loads(out) == {"query": "Trump", "lines": [], "total": 0, "by_outlet": {}}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["   "], 2, "give a search query"),
        (["OTSC", "--width", "0"], 2, "from 1 to 1000"),
        (["OTSC", "--width", "wide"], 2, "expected a whole number"),
        (["OTSC", "--width", "5000"], 2, "from 1 to 1000"),
        (["OTSC", "--sort", "L1"], 2, "invalid choice: 'L1'"),
        (["OTSC", "--limit", "0"], 2, "of 1 or more"),
        (["(OTSC"], 1, "parentheses are not balanced"),
        (["Tokayev~3"], 1, "at most 2 edits"),
    ],
)
def test_bad_arguments_are_told(capsys, lib: str, args: list[str], code: int, message: str) -> None:
    if code == 2:
        with pytest.raises(SystemExit) as caught:
            main(["--library", lib, "kwic", *args])
        assert caught.value.code == 2
    else:
        assert main(["--library", lib, "kwic", *args]) == 1
    assert message in capsys.readouterr().err
