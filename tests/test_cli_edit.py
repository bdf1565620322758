"""``kzreader edit`` and ``kzreader import --outlet``: the facts the importer
could not find, set from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run_cli as run


@pytest.fixture
def lib(seeded_path: str) -> str:
    return seeded_path


def facts(capsys, lib: str, doc_id: int) -> tuple[str, str | None, str | None]:
    code, out, _ = run(capsys, lib, "show", str(doc_id), "--json")
    assert code == 0
    data = json.loads(out)
    return data["title"], data["source"], data["published"]


def test_edit_sets_outlet_and_date_and_undo_takes_them_back(capsys, lib: str) -> None:
    title, source, published = facts(capsys, lib, 5)
    assert (source, published) == (None, None)
    code, out, err = run(capsys, lib, "edit", "5", "--outlet", "Le Monde", "--date", "07.01.2022")
    assert code == 0, err
    assert "outlet: Le Monde" in out and "date:   2022-01-07" in out
    assert facts(capsys, lib, 5) == (title, "Le Monde", "2022-01-07")
    code, out, _ = run(capsys, lib, "search", "source:Monde", "--json")
    assert [h["document_id"] for h in json.loads(out)["hits"]] == [5]
    assert run(capsys, lib, "undo")[0] == 0
    assert facts(capsys, lib, 5) == (title, None, None)


def test_edit_refuses_what_it_cannot_read(capsys, lib: str) -> None:
    code, _, err = run(capsys, lib, "edit", "5", "--date", "demain")
    assert code != 0 and "'demain' is not a date" in err and "6 janvier 2022" in err
    code, _, err = run(capsys, lib, "edit", "5")
    assert code != 0 and "--title, --outlet or --date" in err
    code, _, err = run(capsys, lib, "edit", "99", "--title", "Rien")
    assert code != 0 and "99" in err
    assert facts(capsys, lib, 5)[1:] == (None, None)


def test_import_names_the_outlet_of_a_folder(capsys, tmp_path: Path, seeds_dir: Path) -> None:
    path = str(tmp_path / "other")
    code, _, err = run(capsys, path, "import", str(seeds_dir), "--outlet", "Revue de presse")
    assert code == 0, err
    code, out, _ = run(capsys, path, "list", "--json")
    assert {d["source"] for d in json.loads(out)["documents"]} == {"Revue de presse"}
    both = ("--outlet", "X", "--encoding", "cp866")
    code, _, err = run(capsys, path, "import", str(seeds_dir), *both)
    assert code != 0 and "two commands" in err
