"""The command line: exit codes, messages and JSON shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kzreader.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib(tmp_path: Path) -> str:
    return str(tmp_path / "lib")


@pytest.fixture
def imported(capsys, lib: str, seeds_dir: Path) -> str:
    code, _, _ = run(capsys, "--library", lib, "import", str(seeds_dir))
    assert code == 0
    return lib


def test_import_json_shape(capsys, lib: str, seeds_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, out, _err = run(capsys, "--library", lib, "import", str(seeds_dir), str(bad), "--json")
    assert code == 1  # something was refused
    data = json.loads(out)
    assert set(data) == {"results", "imported", "updated", "unchanged", "refused"}
    assert (data["imported"], data["updated"], data["unchanged"], data["refused"]) == (5, 0, 0, 1)
    for r in data["results"]:
        assert set(r) == {"path", "status", "document_id", "reason", "part"}
        assert r["part"] is None  # a file that is one article
    refused = [r for r in data["results"] if r["status"] == "refused"]
    assert refused[0]["path"].endswith("photo.png") and "PNG" in refused[0]["reason"]
    assert refused[0]["document_id"] is None
    assert all(
        isinstance(r["document_id"], int) for r in data["results"] if r["status"] == "imported"
    )
    code, out, _ = run(capsys, "--library", lib, "import", str(seeds_dir), "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 5


def test_import_summary_in_plain_text(capsys, lib: str, seeds_dir: Path) -> None:
    code, out, _ = run(capsys, "import", "--library", lib, str(seeds_dir))
    assert code == 0
    assert "5 file(s): 5 imported, 0 updated, 0 unchanged, 0 refused" in out


def test_search_json_shape(capsys, imported: str) -> None:
    code, out, _ = run(capsys, "--library", imported, "search", "Tokaiev", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 3 and len(data["hits"]) == 3
    for hit in data["hits"]:
        assert set(hit) == {
            "document_id",
            "score",
            "title",
            "source",
            "published",
            "snippet",
            "matches",
        }
        assert "**Tokaïev**" in hit["snippet"]
        assert all(len(m) == 2 and m[0] < m[1] for m in hit["matches"])
    code, out, _ = run(
        capsys, "--library", imported, "search", "Kazakhstan", "--limit", "2", "--json"
    )
    data = json.loads(out)
    assert len(data["hits"]) == 2 and data["total"] == 5


def test_search_text_output(capsys, imported: str) -> None:
    code, out, _ = run(capsys, "--library", imported, "search", "Blinken")
    assert code == 0
    assert "Les États-Unis remettent en question" in out and "**Blinken**" in out
    assert "1 document(s) match" in out
    code, out, _ = run(capsys, "--library", imported, "search", "Ouzbékistan")
    assert code == 0 and "No document matches" in out


def test_list_and_show(capsys, imported: str) -> None:
    code, out, _ = run(capsys, "--library", imported, "list", "--json")
    docs = json.loads(out)["documents"]
    assert len(docs) == 5
    for d in docs:
        assert set(d) == {"id", "title", "source", "url", "published", "language", "length"}
    sputnik = next(d for d in docs if d["published"] == "2022-01-06")
    code, out, _ = run(capsys, "--library", imported, "show", str(sputnik["id"]), "--json")
    doc = json.loads(out)
    assert doc["title"] == sputnik["title"] and doc["text"].startswith(" date 2022-01 https://")
    assert doc["boilerplate"] and doc["length"] == len(doc["text"])
    code, out, _ = run(capsys, "--library", imported, "show", str(sputnik["id"]))
    assert code == 0 and sputnik["title"] in out and "Stanislav Zas" in out
    code, out, _ = run(capsys, "--library", imported, "list")
    assert code == 0 and "Sputnik" in out and "RT" in out


def test_info_and_reindex(capsys, imported: str) -> None:
    code, out, _ = run(capsys, "--library", imported, "info", "--json")
    info = json.loads(out)
    assert (info["documents"], info["index_state"], info["index_documents"]) == (5, "current", 5)
    assert info["languages"] == {"fr": 5}
    code, out, _ = run(capsys, "--library", imported, "reindex")
    assert code == 0 and "5 document(s)" in out
    code, out, _ = run(capsys, "--library", imported, "info")
    assert "Documents:  5" in out and "Index:      current" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "999"], "no document 999"),
        (["search", '"unclosed'], "unclosed quote"),
        (["search", "auteur:Zas"], "unknown field"),
        (["import"], "name at least one file"),
    ],
)
def test_expected_problems_exit_1_with_a_message(capsys, imported: str, args, message) -> None:
    code, _out, err = run(capsys, "--library", imported, *args)
    assert code == 1
    assert message in err and "Traceback" not in err


def test_unreadable_library(capsys, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "library.sqlite").write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "--library", str(lib), "list")
    assert code == 1 and "is damaged" in err and "there is no backup" in err


def test_missing_import_path(capsys, lib: str, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--library", lib, "import", str(tmp_path / "absent.txt"))
    assert code == 1 and "no such file or folder" in out


def test_environment_variable_chooses_the_library(
    capsys, tmp_path: Path, seeds_dir: Path, monkeypatch
) -> None:
    monkeypatch.setenv("KZREADER_LIBRARY", str(tmp_path / "envlib"))
    code, _, _ = run(capsys, "import", str(seeds_dir / "000_7779a385dcbc7df1.txt"))
    assert code == 0
    assert (tmp_path / "envlib" / "library.sqlite").exists()


def test_samples_are_bundled(capsys, lib: str) -> None:
    code, out, _ = run(capsys, "--library", lib, "import", "--samples", "--json")
    assert code == 0 and json.loads(out)["imported"] == 5


def test_usage_error_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["search"])
    assert exc.value.code == 2


def test_installed_entry_point(tmp_path: Path, seeds_dir: Path) -> None:
    env = {**os.environ, "KZREADER_LIBRARY": str(tmp_path / "lib")}
    exe = Path(sys.executable).with_name("kzreader")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "kzreader"]
    out = subprocess.run(
        [*cmd, "import", str(seeds_dir), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["imported"] == 5
    out = subprocess.run(
        [*cmd, "show", "999"], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr


def test_app_without_a_display_says_so(capsys, tmp_path: Path, monkeypatch) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux needs a DISPLAY")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    code = main(["--library", str(tmp_path / "lib")])
    _, err = capsys.readouterr()
    assert code == 1 and "no display" in err


RUSSIAN_CP866 = (
    "Генеральный секретарь ОДКБ заявил, что миротворческие силы покинут Казахстан "
    "после полной стабилизации обстановки в стране.\n"
)


def test_import_names_the_encoding_and_can_be_told_another(
    capsys, lib: str, tmp_path: Path
) -> None:
    article = tmp_path / "odkb.txt"
    article.write_bytes(RUSSIAN_CP866.encode("cp866"))
    code, out, _ = run(capsys, "--library", lib, "import", str(article))
    assert code == 0 and "(read as cp866)" in out
    # Told another encoding: the same document is read again, not a new one.
    code, out, _ = run(capsys, "--library", lib, "import", "--encoding", "koi8-r", str(article))
    assert code == 0 and "updated" in out and "(read as koi8-r)" in out
    code, out, _ = run(capsys, "--library", lib, "import", "--encoding", "cp866", str(article))
    assert code == 0 and "updated" in out and "(read as cp866)" in out
    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert len(json.loads(out)) == 1


def test_import_with_an_unknown_encoding(capsys, lib: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Bonjour à tous, voici un article.", encoding="utf-8")
    code, _, err = run(capsys, "--library", lib, "import", "--encoding", "klingon", str(article))
    assert code == 1 and "unknown text encoding" in err


def test_a_stale_index_is_said_and_brought_up_to_date_only_by_a_command_that_reads_it(
    capsys, imported: str
) -> None:
    import shutil

    shutil.rmtree(Path(imported) / "index")  # a library copied without its index
    code, out, err = run(capsys, "--library", imported, "info")
    assert code == 0 and "Index:      missing" in out and err == ""  # told, not repaired
    code, out, err = run(capsys, "--library", imported, "search", "Blinken")
    assert code == 0 and "Blinken" in out
    assert err == (
        "kzreader: the search index is missing: bringing it up to date first…\n"
        "kzreader: 5 of 5 articles indexed\n"
    )
    code, out, err = run(capsys, "--library", imported, "search", "Blinken")
    assert code == 0 and err == ""  # once only
    _, out, _ = run(capsys, "--library", imported, "info")
    assert "Index:      current" in out
