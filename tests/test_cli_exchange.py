"""The command line's export and import-project."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kzreader.cli import main
from kzreader.core.library import Library


@pytest.fixture
def lib(seeded: Library, seed_ids) -> str:
    a = seeded.highlight(seed_ids["rt_zas"], quote="Zas", tags=["Personnes/Zas"], note="Vu")
    b = seeded.highlight(seed_ids["sputnik_zas"], quote="Zas", tags=["Personnes/Zas"])
    seeded.highlight(seed_ids["blinken"], quote="Blinken", tags=["Personnes/Blinken"])
    seeded.link(a.id, b.id, "repeats")
    path = str(seeded.path)
    seeded.close()
    return path


def run(capsys, lib: str, *args: str) -> tuple[int, str, str]:
    code = main(["--library", lib, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", Library.EXPORT_FORMATS)
def test_every_format_is_written(capsys, lib: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    code, stdout, err = run(capsys, lib, "export", fmt, str(out))
    assert code == 0, err
    assert out.is_file() and out.stat().st_size > 0
    assert f"Wrote {out}" in stdout


def test_export_of_one_tag_as_json(capsys, lib: str, tmp_path: Path) -> None:
    out = tmp_path / "zas.csv"
    code, stdout, err = run(capsys, lib, "export", "csv", str(out), "--tag", "Personnes/Zas",
                            "--json")  # fmt: skip
    assert code == 0, err
    report = json.loads(stdout)
    assert report["passages"] == 2 and report["documents"] == 2
    assert "Blinken" not in out.read_text("utf-8-sig").split("\n", 1)[1]


def test_w3c_annotations_each_with_its_context(capsys, lib: str, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonld"
    code, _, err = run(capsys, lib, "export", "w3c", str(out), "--self-contained")
    assert code == 0, err
    items = json.loads(out.read_text("utf-8"))["first"]["items"]
    assert items and all(i["@context"] == "http://www.w3.org/ns/anno.jsonld" for i in items)


def test_project_round_trip_through_the_command_line(capsys, lib: str, tmp_path: Path) -> None:
    project = tmp_path / "travail.qdpx"
    assert run(capsys, lib, "export", "qdpx", str(project))[0] == 0
    other = str(tmp_path / "other")
    code, stdout, err = run(capsys, other, "import-project", str(project))
    assert code == 0, err
    assert "5 new documents" in stdout and "3 passages" in stdout and "1 link" in stdout
    with Library(Path(other)) as imported:
        assert sorted(t.path for t in imported.tags()) == [
            "Personnes",
            "Personnes/Blinken",
            "Personnes/Zas",
        ]
        assert imported.search("Blinken").total == 1
    # the import is one operation: undo takes it all back
    assert run(capsys, other, "undo")[0] == 0
    with Library(Path(other)) as undone:
        assert undone.documents() == [] and undone.tags() == []


def test_a_bad_project_is_refused_clearly(capsys, lib: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("project.qde", "<Project xmlns='urn:QDA-XML:project:1.0'><unclosed>")
    code, _, err = run(capsys, lib, "import-project", str(bad))
    assert code == 1 and "kzreader: error:" in err
    with Library(Path(lib)) as unchanged:
        assert len(unchanged.documents()) == 5


def test_an_unknown_format_is_a_usage_error(capsys, lib: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--library", lib, "export", "docx", str(tmp_path / "x.docx")])
    assert exit_.value.code == 2
