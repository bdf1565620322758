"""The index mirrors the database: missing, stale or damaged, it is brought back."""

from __future__ import annotations

import shutil
from pathlib import Path

from kzreader.core.index import SearchIndex
from kzreader.core.library import Library


def _results(lib: Library) -> dict[str, list[int]]:
    return {
        q: [h.document_id for h in lib.search(q, limit=50).hits]
        for q in ("Zas", "securite", '"maintien de la paix"', "Tokayev~", "source:RT")
    }


def test_fresh_library_index_is_current(seeded: Library) -> None:
    assert seeded.index_state() == "current"
    assert seeded.info().index_documents == 5


def test_deleted_index_is_rebuilt_on_open_with_the_same_results(seeded: Library) -> None:
    before = _results(seeded)
    path = seeded.path
    seeded.close()
    shutil.rmtree(path / "index")
    with Library(path, sync_index=False) as lib:
        assert lib.index_state() == "missing"
    with Library(path) as lib:
        assert lib.index_state() == "current"
        assert _results(lib) == before


def test_damaged_index_is_rebuilt(seeded: Library) -> None:
    before = _results(seeded)
    path = seeded.path
    seeded.close()
    for segment in (path / "index").iterdir():
        if segment.suffix in (".toc", ".seg", ".trm", ".pst"):
            segment.write_bytes(b"\x00garbage" * 10)
    with Library(path, sync_index=False) as lib:
        assert lib.index_state() == "damaged"
    with Library(path) as lib:
        assert lib.index_state() == "current"
        assert _results(lib) == before


def test_stale_index_is_reconciled(seeded: Library, seeds_dir: Path, monkeypatch) -> None:
    # a crash between the database commits and the index commit: nothing
    # reaches the index
    monkeypatch.setattr(SearchIndex, "add", staticmethod(lambda writer, doc, new=False: None))
    monkeypatch.setattr(SearchIndex, "write_state", lambda self, generation, path=None: None)
    path = seeds_dir / "004_500be365c57d552d.txt"
    path.write_text(path.read_text("utf-8") + "\nUn mot nouveau : Tachkent.\n", "utf-8")
    (extra := seeds_dir.parent / "extra.txt").write_text(
        "Un article supplémentaire sur Bichkek et la Kirghizie, importé juste avant la panne.",
        "utf-8",
    )
    seeded.import_paths([path, extra])
    monkeypatch.undo()
    assert seeded.index_state() == "stale"
    lib_path = seeded.path
    seeded.close()
    with Library(lib_path) as lib:
        assert lib.index_state() == "current"
        assert len(lib.search("Tachkent").hits) == 1
        assert len(lib.search("Bichkek").hits) == 1
        assert lib.info().index_documents == 6


def test_reindex_rebuilds_in_place_and_leaves_nothing_behind(seeded: Library) -> None:
    before = _results(seeded)
    assert seeded.reindex() == 5
    assert _results(seeded) == before
    leftovers = [p.name for p in seeded.path.iterdir() if p.name.startswith("index.")]
    assert leftovers == []


def test_half_built_index_from_a_crash_is_cleaned(seeded: Library) -> None:
    (seeded.path / "index.new-deadbeef").mkdir()
    (seeded.path / "index.new-deadbeef" / "x").write_text("partial")
    path = seeded.path
    seeded.close()
    with Library(path):
        pass
    assert not (path / "index.new-deadbeef").exists()
