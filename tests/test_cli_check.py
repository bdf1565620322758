"""``kzreader check``: plain-language report, exit codes, JSON shape."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kzreader.cli import main
from kzreader.core.index import SearchIndex
from kzreader.core.library import Library

PROBLEM_KEYS = {
    "kind",
    "message",
    "count",
    "ids",
    "paths",
    "repairable",
    "repaired",
    "outcome",
    "advice",
}


def run(capsys, lib: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(lib), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib(tmp_path: Path, seeds_dir: Path) -> Path:
    """A library with the sample articles and two tagged passages."""
    path = tmp_path / "lib"
    with Library(path) as library:
        library.import_paths([seeds_dir])
        doc = next(d.id for d in library.documents() if d.file_name.startswith("003"))
        library.highlight(doc, quote="Stanislav Zas", tags=["Acteurs/Zas"])
        library.highlight(doc, quote="Tokaïev", tags=["Acteurs/Tokaïev"])
    return path


def damage(lib: Path) -> None:
    """Faults that opening the library does not mend by itself."""
    conn = sqlite3.connect(lib / "library.sqlite", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO passage_tags VALUES (9001, 1)")
    conn.execute("UPDATE documents SET text = 'Avant. ' || text WHERE file_name LIKE '003%'")
    conn.close()
    index = SearchIndex(lib / "index")
    with index.writer() as writer:
        index.delete(writer, 1)
    index.close()
    (lib / "index" / "kzreader-index.tmp").write_text("half-written")


def test_a_sound_library_passes(capsys, lib: Path) -> None:
    code, out, _ = run(capsys, lib, "check")
    assert code == 0
    assert out.splitlines()[0] == f"Checked the library at {lib.resolve()}."
    assert out.splitlines()[-1] == "No problems found."
    code, out, _ = run(capsys, lib, "check", "--json")
    assert code == 0
    assert json.loads(out) == {"problems": [], "notes": [], "repaired": False, "clean": True}


def test_problems_are_reported_then_repaired(capsys, lib: Path) -> None:
    damage(lib)
    code, out, _ = run(capsys, lib, "check")
    assert code == 1
    assert "  - 1 tag assignment points at a passage that no longer exists\n" in out
    assert "  - 2 passages no longer match their text\n" in out
    assert "  - 1 document is missing from the search index\n" in out
    assert "(index/kzreader-index.tmp)\n" in out
    assert out.splitlines()[-1] == "4 problems found. Repair with: kzreader check --repair."

    code, out, _ = run(capsys, lib, "check", "--repair")
    assert code == 0
    assert "  - 2 passages no longer match their text (repaired: 2 moved)\n" in out
    assert "(repaired: deleted)" in out
    assert "(repaired: index brought up to date)" in out
    assert out.splitlines()[-1] == "4 problems found and repaired."
    assert not (lib / "index" / "kzreader-index.tmp").exists()

    code, out, _ = run(capsys, lib, "check")
    assert code == 0 and out.splitlines()[-1] == "No problems found."


def test_json_report(capsys, lib: Path) -> None:
    damage(lib)
    code, out, _ = run(capsys, lib, "check", "--json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"problems", "notes", "repaired", "clean"}
    assert (data["repaired"], data["clean"]) == (False, False)
    assert {p["kind"] for p in data["problems"]} == {
        "dangling_rows",
        "passages_mismatch",
        "index_missing_documents",
        "leftover_files",
    }
    for p in data["problems"]:
        assert set(p) == PROBLEM_KEYS
        assert p["repairable"] and not p["repaired"] and p["count"] >= 1
    missing = next(p for p in data["problems"] if p["kind"] == "index_missing_documents")
    assert missing["ids"] == [1]

    code, out, _ = run(capsys, lib, "check", "--repair", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["repaired"], data["clean"]) == (True, True)
    assert all(p["repaired"] and p["outcome"] for p in data["problems"])


def test_orphans_are_noted_without_failing(capsys, lib: Path) -> None:
    conn = sqlite3.connect(lib / "library.sqlite")
    conn.execute("UPDATE passages SET status = 'orphan' WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, lib, "check")
    assert code == 0
    assert "Notes:\n  - 1 passage is orphaned" in out
    assert "kzreader passages --status orphan" in out
    assert out.splitlines()[-1] == "No problems found."
    data = json.loads(run(capsys, lib, "check", "--json")[1])
    assert data["clean"] and [n["kind"] for n in data["notes"]] == ["orphan_passages"]
    assert set(data["notes"][0]) == {"kind", "message", "count", "ids"}


def test_a_damaged_database_fails_even_with_repair(capsys, lib: Path) -> None:
    conn = sqlite3.connect(lib / "library.sqlite")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_documents_source_path ON "
        "documents (title)' WHERE name = 'ix_documents_source_path'"
    )
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, lib, "check", "--repair")
    assert code == 1
    assert "The database file is damaged" in out
    assert "kzreader restore --latest" in out
    assert out.splitlines()[-1] == "1 problem found: 0 repaired, 1 left."
    code, out, _ = run(capsys, lib, "check")
    assert code == 1
    assert out.splitlines()[-1] == "1 problem found. 1 cannot be repaired in place (see above)."
