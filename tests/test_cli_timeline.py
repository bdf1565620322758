"""``kzreader timeline``: per day and week, a tag's passages, JSON, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import cli

from kzreader.cli import main
from kzreader.core.library import Library


@pytest.fixture
def lib(tmp_path: Path, seeds_dir: Path, capsys) -> str:
    path = str(tmp_path / "lib")
    assert main(["--library", path, "import", str(seeds_dir)]) == 0
    capsys.readouterr()
    return path


def run(capsys, lib: str, *args: str) -> tuple[int, str, str]:
    code = main(["--library", lib, "timeline", *args])
    out, err = capsys.readouterr()
    return code, out, err


def ids(lib: str) -> dict[str, int]:
    with Library(Path(lib)) as opened:
        return {(d.file_name or "")[:3]: d.id for d in opened.documents()}


def test_articles_per_day(capsys, lib: str) -> None:
    code, out, err = run(capsys, lib)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Articles per day, by outlet"
    assert lines[2].split() == ["date", "Sputnik", "RT", "unknown", "total"]
    assert lines[3].split() == ["2022-01-06", "2", "0", "0", "2"]
    assert lines[4].split() == ["2022-01-13", "0", "0", "1", "1"]
    assert lines[5].split() == ["undated", "0", "1", "1", "2"]
    assert lines[-1] == "3 articles dated; 6 days without any left out; 2 undated."


def test_articles_per_week_as_json(capsys, lib: str) -> None:
    code, out, err = run(capsys, lib, "--week", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["unit"] == "week" and data["counted"] == "articles" and data["tag"] is None
    assert data["buckets"] == ["2022-01-03", "2022-01-10"]
    by_outlet = {o["outlet"]: o for o in data["outlets"]}
    assert [o["outlet"] for o in data["outlets"]] == ["Sputnik", "RT", "unknown"]
    assert by_outlet["Sputnik"]["counts"] == [2, 0]
    assert by_outlet["unknown"]["counts"] == [0, 1]
    assert (by_outlet["RT"]["undated"], by_outlet["unknown"]["undated"]) == (1, 1)
    assert data["totals"] == [2, 1] and (data["total"], data["undated"]) == (3, 2)
    doc = ids(lib)
    found = {(d["outlet"], d["bucket"]): d["ids"] for d in data["documents"]}
    assert found[("Sputnik", "2022-01-03")] == sorted([doc["000"], doc["001"]])
    assert found[("unknown", "undated")] == [doc["004"]]


def test_a_tags_passages(capsys, lib: str) -> None:
    assert main(["--library", lib, "autocode", '"Stanislav Zas"', "--tag", "Acteurs/Zas"]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, lib, "--week", "--tag", "Acteurs")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Passages tagged Acteurs (sub-tags included) per week, by outlet"
    assert lines[2].split() == ["week", "of", "RT", "Sputnik", "unknown", "total"]
    assert lines[3].split() == ["2022-01-03", "0", "1", "0", "1"]
    assert lines[4].split() == ["2022-01-10", "0", "0", "3", "3"]
    assert lines[5].split() == ["undated", "1", "0", "0", "1"]
    assert lines[-1] == "4 passages dated; 1 undated."
    data = json.loads(run(capsys, lib, "--tag", "Acteurs/Zas", "--json")[1])
    assert data["counted"] == "passages" and data["total"] == 4


def test_an_unknown_tag_is_told(capsys, lib: str) -> None:
    code, out, err = run(capsys, lib, "--tag", "Acteurs/Nope")
    assert code == 1 and out == ""
    assert "there is no tag 'Acteurs/Nope'" in err and "kzreader tag list" in err


def test_an_empty_library_and_an_uncoded_tag(capsys, tmp_path: Path) -> None:
    empty = str(tmp_path / "empty")
    code, out, _ = run(capsys, empty)
    assert code == 0 and out.strip() == "No articles yet."
    assert main(["--library", empty, "tag", "create", "Acteurs"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, empty, "--tag", "Acteurs")
    assert code == 0 and out.strip() == "No passages tagged Acteurs yet."


def test_the_command_as_a_user_runs_it(lib: str) -> None:
    done = cli("timeline", "--week", library=Path(lib))
    assert done.returncode == 0, done.stderr
    assert "2022-01-03" in done.stdout and "2 undated" in done.stdout
    done = cli("timeline", "--month", library=Path(lib))
    assert done.returncode == 2 and "--month" in done.stderr
