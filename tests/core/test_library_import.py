"""Importing into a library: results, identity by content, updates, atomicity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests_support import snapshot

from kzreader.core import importer, storing
from kzreader.core.errors import LibraryError, NotFoundError
from kzreader.core.importer import collect_files
from kzreader.core.library import Library


def test_seeds_import_with_their_metadata(seeded: Library, seed_ids) -> None:
    docs = {d.id: d for d in seeded.documents()}
    zas = docs[seed_ids["sputnik_zas"]]
    assert zas.title == (
        "Le secrétaire général de l’OTSC explique quand ses forces quitteront le Kazakhstan"
    )
    assert zas.url.startswith("https://fr.sputniknews.com/20220106/")
    assert zas.published == "2022-01-06"
    assert zas.source == "Sputnik"
    assert docs[seed_ids["sputnik_contingent"]].published == "2022-01-06T11:54+01:00"
    assert docs[seed_ids["rt_zas"]].source == "RT"
    assert docs[seed_ids["rt_zas"]].title == (
        "Le chef du bloc dirigé par la Russie révèle les détails de la mission au Kazakhstan"
    )
    assert docs[seed_ids["blinken"]].title == (
        "Les États-Unis remettent en question la présence de troupes de l’OTSC au Kazakhstan"
    )
    assert {d.language for d in docs.values()} == {"fr"}
    assert all(d.encoding == "utf-8" for d in docs.values())


def test_text_is_kept_whole(seeded: Library, seed_ids, seeds_dir: Path) -> None:
    original = (seeds_dir / "002_b5fab79e601b0820.txt").read_text("utf-8")
    view = seeded.document(seed_ids["rt_zas"])
    assert view.text == original
    assert view.boilerplate  # chrome is recorded as spans, not deleted
    assert any(view.text[s:e] == "Skip to content" for s, e in view.boilerplate)


def test_reimporting_the_same_text_changes_nothing(seeded: Library, seeds_dir: Path) -> None:
    before = snapshot(seeded)
    report = seeded.import_paths([seeds_dir])
    assert [r.status for r in report.results] == ["unchanged"] * 5
    assert snapshot(seeded) == before


def test_same_text_at_another_path_is_unchanged(
    seeded: Library, seeds_dir: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes((seeds_dir / "004_500be365c57d552d.txt").read_bytes())
    (result,) = seeded.import_paths([copy]).results
    assert result.status == "unchanged"
    assert len(seeded.documents()) == 5


def test_changed_file_updates_its_document_and_keeps_its_id(
    seeded: Library, seed_ids, seeds_dir: Path
) -> None:
    path = seeds_dir / "004_500be365c57d552d.txt"
    doc_id = seed_ids["blinken"]
    uid = seeded.document(doc_id).info.uid
    path.write_text(path.read_text("utf-8") + "\nUn paragraphe ajouté sur Tachkent.\n", "utf-8")
    (result,) = seeded.import_paths([path]).results
    assert (result.status, result.document_id) == ("updated", doc_id)
    view = seeded.document(doc_id)
    assert view.info.uid == uid
    assert "Tachkent" in view.text
    assert len(seeded.documents()) == 5
    assert {h.document_id for h in seeded.search("Tachkent").hits} == {doc_id}


def test_refused_file_leaves_the_library_unchanged(seeded: Library, tmp_path: Path) -> None:
    before = snapshot(seeded)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = seeded.import_paths([bad, empty, tmp_path / "missing.txt"])
    assert [r.status for r in report.results] == ["refused"] * 3
    assert all(r.reason for r in report.results)
    assert "PDF" in next(r.reason for r in report.results if r.path.endswith("scan.pdf"))
    assert "no such file" in next(r.reason for r in report.results if "missing" in r.path)
    assert snapshot(seeded) == before


def test_unreadable_file_is_refused(library: Library, tmp_path: Path, monkeypatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Un article parfaitement lisible, mais sans droit de lecture.", "utf-8")
    real = Path.open

    def deny(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)  # the importer opens files to read them bounded
    (result,) = library.import_paths([locked]).results
    assert result.status == "refused" and "permission denied" in result.reason


def test_folders_are_searched_recursively_for_articles_and_report_the_rest(
    tmp_path: Path,
) -> None:
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for rel in (
        "a.txt",
        "sub/b.md",
        "sub/deeper/c.TXT",
        "sub/notes.odt",
        "image.png",
        ".hidden/d.txt",
        ".e.txt",
    ):
        (root / rel).write_text("x", "utf-8")
    explicit = root / "article.html"
    explicit.write_text("x", "utf-8")
    files, missing = collect_files([root, explicit, tmp_path / "nope"])
    names = [f.relative_to(root).as_posix() for f in files]
    # the page in the folder is an article too, and is not taken twice
    assert names == ["a.txt", "article.html", "sub/b.md", "sub/deeper/c.TXT"]
    assert [Path(m.path).name for m in missing] == ["image.png", "notes.odt", "nope"]
    assert all(m.reason for m in missing)


def test_explicit_file_with_any_extension_is_tried(library: Library, tmp_path: Path) -> None:
    article = tmp_path / "article.html"
    article.write_text("Un article enregistré avec une extension inhabituelle, lisible.", "utf-8")
    (result,) = library.import_paths([article]).results
    assert result.status == "imported"


def test_crash_mid_import_keeps_finished_files_and_no_half_document(
    library: Library, seeds_dir: Path, monkeypatch
) -> None:
    calls = {"n": 0}
    real = storing.bump_generation

    def crash_on_fourth(session) -> None:  # inside the fourth file's transaction
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        real(session)

    monkeypatch.setattr(storing, "bump_generation", crash_on_fourth)
    with pytest.raises(KeyboardInterrupt):
        library.import_paths([seeds_dir])
    monkeypatch.undo()
    docs = library.documents()
    assert len(docs) == 3
    conn = sqlite3.connect(library.db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    conn.close()
    # the next import finishes the job, and everything is searchable
    report = library.import_paths([seeds_dir])
    assert sorted(r.status for r in report.results) == ["imported"] * 2 + ["unchanged"] * 3
    assert library.search("Kazakhstan").total == 5


def test_progress_and_cancel(library: Library, seeds_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = library.import_paths(
        [seeds_dir],
        progress=lambda done, total, _p: seen.append((done, total)),
        cancelled=lambda: len(seen) >= 2,
    )
    assert report.cancelled
    assert len(report.results) == 2
    assert seen[0] == (0, 5)
    full = library.import_paths([seeds_dir], progress=lambda d, t, _p: seen.append((d, t)))
    assert not full.cancelled and seen[-1] == (5, 5)


def test_unknown_document_id(library: Library) -> None:
    with pytest.raises(NotFoundError, match="no document 42"):
        library.document(42)


def test_a_file_is_not_a_library(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(LibraryError, match="is a file"):
        Library(path)


def test_a_foreign_folder_is_not_made_a_library(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(LibraryError, match="not a kzreader library"):
        Library(tmp_path)
    assert not (tmp_path / "library.sqlite").exists()


def test_garbage_database_is_reported(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    lib_dir.mkdir()
    (lib_dir / "library.sqlite").write_bytes(b"this is not an SQLite database at all" * 100)
    with pytest.raises(LibraryError, match=r"is damaged .file is not a database"):
        Library(lib_dir)


def test_open_without_create(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no library"):
        Library(tmp_path / "absent", create=False)


def test_huge_file_is_refused_without_reading_it(
    library: Library, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("Un texte un peu plus long que dix octets.", "utf-8")
    (result,) = library.import_paths([path]).results
    assert result.status == "refused" and "MB" in result.reason


def test_large_imports_prepare_files_in_worker_processes(
    library: Library, tmp_path: Path, monkeypatch, seeds_dir: Path
) -> None:
    monkeypatch.setattr(importer, "PARALLEL_MIN_FILES", 10)
    folder = tmp_path / "many"
    folder.mkdir()
    base = (seeds_dir / "003_5a814d00d646ab81.txt").read_text("utf-8")  # no web chrome
    for i in range(24):
        (folder / f"{i:03d}.txt").write_text(f"Dépêche numéro {i}. {base}", "utf-8")
    (folder / "999_bad.txt").write_bytes(b"%PDF-1.4 binary")
    seen: list[int] = []
    report = library.import_paths([folder], progress=lambda d, t, p: seen.append(d))
    statuses = [r.status for r in report.results]
    assert statuses == ["imported"] * 24 + ["refused"]
    assert [Path(r.path).name for r in report.results][:3] == ["000.txt", "001.txt", "002.txt"]
    assert seen == list(range(26))
    assert library.search('"Dépêche numéro 17"').total == 1
    assert library.index_state() == "current"


def test_each_article_stored_bumps_the_generation_once(tmp_path) -> None:
    from kzreader.core.models import Meta

    lib = Library(tmp_path / "lib")
    before = lib.store.generation()
    with lib.store.session() as s:
        storing.bump_generation(s)
        storing.bump_generation(s)
    assert lib.store.generation() == before + 2
    with lib.store.session() as s:  # a library whose row went missing starts again at 1
        s.delete(s.get(Meta, "generation"))
    with lib.store.session() as s:
        storing.bump_generation(s)
    assert lib.store.generation() == 1


def test_a_bump_refreshes_the_generation_the_session_holds(tmp_path) -> None:
    from kzreader.core.models import Meta

    lib = Library(tmp_path / "lib")
    with lib.store.session() as s:
        held = s.get(Meta, "generation")
        before = int(held.value)
        storing.bump_generation(s)
        assert int(held.value) == before + 1  # read again, not the stale value
        storing.bump_generation(s)
        assert int(s.get(Meta, "generation").value) == before + 2
    assert lib.store.generation() == before + 2


def test_results_give_what_the_documents_hold(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "rt"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Titre de la dépêche\n\nPublié le 2022-01-06. La paix est revenue à Almaty.\n", "utf-8"
    )
    first = library.import_paths([folder], outlet="RT France").results[0]
    doc = library.document(first.document_id).info
    assert first.status == "imported"
    assert (first.title, first.source, first.published) == (doc.title, "RT France", doc.published)
    library.edit_document(first.document_id, title="Mon titre", source="RT")
    again = library.import_paths([folder / "a.txt"]).results[0]
    assert again.status == "unchanged"
    assert (again.title, again.source) == ("Mon titre", "RT")


def test_articles_commit_without_waiting_for_the_disk_and_the_import_ends_durably(
    tmp_path: Path, seeds_dir: Path, monkeypatch
) -> None:
    from kzreader.core import db
    from kzreader.core.store import Store

    lib = Library(tmp_path / "lib")
    modes: list[int] = []
    with lib.store.session() as s:
        db.write_lock(s, durable=False)
        modes.append(db.raw_connection(s).execute("PRAGMA synchronous").fetchone()[0])
    with lib.store.session() as s:  # the same connection, back to waiting for the disk
        db.write_lock(s)
        modes.append(db.raw_connection(s).execute("PRAGMA synchronous").fetchone()[0])
    with lib.store.session() as s:
        modes.append(db.raw_connection(s).execute("PRAGMA synchronous").fetchone()[0])
    assert modes == [1, 2, 2]  # NORMAL, then FULL for every other transaction

    durable: list[int] = []
    real = Store.make_durable

    def spy(self, what: str = "") -> None:  # type: ignore[no-untyped-def]
        durable.append(len(lib.documents()))  # after every article was stored
        real(self, what)

    monkeypatch.setattr(Store, "make_durable", spy)
    generation = lib.store.generation()
    lib.import_paths([seeds_dir])
    assert durable == [5]
    assert lib.store.generation() == generation + 6  # five articles and the durable commit
    assert lib.index_state() == "current"
    lib.import_paths([seeds_dir])  # nothing stored: nothing to bring to the disk
    assert durable == [5]
    lib.close()


def test_a_redecoded_article_waits_for_the_disk(
    seeded: Library, seeds_dir: Path, monkeypatch
) -> None:
    """Only an import, which ends with a durable commit, stores without
    waiting for the disk: a re-decode is one user operation."""
    from kzreader.core import db

    asked: list[bool] = []
    real = db.write_lock
    monkeypatch.setattr(
        db, "write_lock", lambda s, durable=True: (asked.append(durable), real(s, durable))[1]
    )
    path = seeds_dir / "004_500be365c57d552d.txt"
    seeded.import_with_encoding([path], "cp1251")
    assert asked and all(asked)
