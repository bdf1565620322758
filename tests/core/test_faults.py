"""Faults met in real life: an export aimed at the library's own files, a
disk that fills up during an import or while annotating, a disk that turns
read-only, and a library folder removed while it is open. Each is told in
one clear message, and nothing that was saved is lost."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests_support import cli, fill, integrity, small_disk, user_data

from kzreader.core import db
from kzreader.core.errors import KzreaderError, StorageError, TargetError
from kzreader.core.library import Library

ROOT = Path(__file__).resolve().parents[2]


# -- 1. no export or backup file over the library's own files -----------------------


@pytest.mark.parametrize(
    "target",
    [
        "library.sqlite",
        "library.sqlite-wal",
        "library.sqlite-journal",
        "index/_MAIN_1.toc",
        "index/report.md",
        "backups/report.md",
        "report.md",
        ".",
        "../lib/library.sqlite",
    ],
)
@pytest.mark.parametrize("fmt", ["md", "qdpx", "csv"])
def test_an_export_into_the_library_folder_is_refused_and_writes_nothing(
    seeded: Library, target: str, fmt: str
) -> None:
    before = sorted(p.relative_to(seeded.path) for p in seeded.path.rglob("*"))
    database = seeded.db_path.read_bytes()
    with pytest.raises(TargetError, match="folder of the kzreader library"):
        seeded.export(fmt, seeded.path / target)
    assert sorted(p.relative_to(seeded.path) for p in seeded.path.rglob("*")) == before
    assert seeded.db_path.read_bytes() == database


def test_a_link_to_the_library_does_not_get_past_the_check(seeded: Library, tmp_path: Path) -> None:
    link = tmp_path / "shortcut"
    link.symlink_to(seeded.path, target_is_directory=True)
    with pytest.raises(TargetError):
        seeded.export("md", link / "library.sqlite")
    file_link = tmp_path / "report.md"
    file_link.symlink_to(seeded.db_path)
    with pytest.raises(TargetError):
        seeded.export("md", file_link)
    assert integrity(seeded.db_path) == "ok"


def test_another_library_folder_is_refused_too(seeded: Library, tmp_path: Path) -> None:
    with Library(tmp_path / "other") as other:
        other_path = other.path
        with pytest.raises(TargetError, match=str(other_path)):
            seeded.export("md", other_path / "library.sqlite")
    # closed, it is still a library: its files are recognised
    with pytest.raises(TargetError, match=str(other_path)):
        seeded.export("html", other_path / "library.sqlite")


def test_a_folder_next_to_the_library_is_fine(seeded: Library, tmp_path: Path) -> None:
    report = seeded.export("md", tmp_path / "report.md")
    assert Path(report.path).is_file()


def test_a_backup_file_into_the_library_folder_is_refused(seeded: Library) -> None:
    with pytest.raises(TargetError):
        seeded.backup(seeded.path / "backups" / "all.kzbackup")
    with pytest.raises(TargetError):
        seeded.backup(seeded.db_path)
    assert integrity(seeded.db_path) == "ok"


def test_the_command_line_refuses_an_export_over_the_database(
    seeded: Library, tmp_path: Path
) -> None:
    folder = seeded.path
    seeded.close()
    done = cli("export", "md", str(folder / "library.sqlite"), library=folder)
    assert done.returncode == 1
    assert "Wrote" not in done.stdout
    assert "folder of the kzreader library" in done.stderr
    assert "Traceback" not in done.stderr
    again = cli("info", library=folder)
    assert again.returncode == 0, again.stderr
    assert "Documents:" in again.stdout or "5" in again.stdout


# -- 2. a disk that fills up during an import -----------------------------------------


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "small-disk") as mount:
        yield mount


def many_articles(folder: Path, seeds_dir: Path, count: int) -> Path:
    folder.mkdir()
    base = (seeds_dir / "003_5a814d00d646ab81.txt").read_text("utf-8")
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(f"Dépêche numéro {i}.\n\n{base * 3}", "utf-8")
    return folder


def uncommitted_index_files(index: Path) -> list[str]:
    """Segment files no table of contents names, and writers' temporary folders."""
    names = {p.name for p in index.iterdir()}
    tocs = [n for n in names if n.startswith("_MAIN_") and n.endswith(".toc")]
    latest = max(tocs, key=lambda n: int(n[6:-4])) if tocs else None
    from whoosh.index import open_dir

    ix = open_dir(str(index))
    try:
        segments = {s.segment_id() for s in ix._read_toc().segments}
    finally:
        ix.close()
    leftovers = []
    for name in names:
        if name.endswith(".tmp"):
            leftovers.append(name)
        elif name.startswith("MAIN_") and name != "MAIN_WRITELOCK":
            if name.split(".")[0] not in segments:
                leftovers.append(name)
        elif name.startswith("_MAIN_") and name != latest:
            leftovers.append(name)
    return sorted(leftovers)


@pytest.mark.parametrize("count", [150, 400], ids=["index-in-process", "index-process"])
def test_a_full_disk_during_an_import_is_one_clear_message(
    disk: Path, seeds_dir: Path, tmp_path: Path, count: int
) -> None:
    articles = many_articles(tmp_path / "many", seeds_dir, count)
    done = cli("import", str(articles), library=disk / "lib")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("kzreader: error: the disk is full: ")
    assert f" of {count} files were imported" in lines[0]
    stored = int(lines[0].split("the disk is full: ")[1].split(" of ")[0])
    assert 0 < stored < count
    # what the index was writing when the disk filled up is gone
    assert uncommitted_index_files(disk / "lib" / "index") == []
    assert integrity(disk / "lib" / "library.sqlite") == "ok"

    # the disk is still full: the library opens, says what it can, and keeps it all
    fill(disk)
    info = cli("info", library=disk / "lib")
    assert info.returncode == 0, info.stderr
    assert "Traceback" not in info.stderr
    listing = cli("list", library=disk / "lib")
    assert listing.returncode == 0, listing.stderr
    assert "Traceback" not in listing.stderr
    search = cli("search", "Zas", library=disk / "lib")
    assert search.returncode == 0, search.stderr
    assert "Traceback" not in search.stderr
    with Library(disk / "lib", sync_index=False) as lib:
        assert len(lib.documents()) == stored

    # with space again (the user frees some), the index catches up by itself
    (disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,size=40m", str(disk)], check=True)
    with Library(disk / "lib") as lib:
        assert lib.index_state() == "current"
        assert lib.index_problem is None
        assert lib.search("Zas", limit=1000).total == stored


def test_an_index_that_cannot_be_synced_at_open_leaves_the_library_usable(
    disk: Path, seeds_dir: Path
) -> None:
    with Library(disk / "lib") as lib:
        lib.import_paths([seeds_dir])
    # the index is gone (as after a crash mid-rebuild), and the disk is full;
    # a reader keeps the database's journal files in place
    shutil.rmtree(disk / "lib" / "index")
    reader = sqlite3.connect(disk / "lib" / "library.sqlite")
    reader.execute("SELECT count(*) FROM documents").fetchone()
    try:
        fill(disk)
        with Library(disk / "lib") as lib:  # no exception: the index is left as it is
            assert not lib.read_only
            assert lib.index_problem is not None
            assert "disk is full" in lib.index_problem
            assert len(lib.documents()) == 5
            assert not [p for p in (disk / "lib").rglob("*") if ".new-" in p.name]
    finally:
        reader.close()


def test_a_library_on_a_full_disk_opens_read_only_and_says_why(disk: Path, seeds_dir: Path) -> None:
    with Library(disk / "lib") as lib:
        lib.import_paths([seeds_dir])
        lib.highlight(lib.documents()[0].id, 0, 12, note="lisible")
    fill(disk)
    with Library(disk / "lib") as lib:
        assert lib.read_only
        assert lib.read_only_cause == "disk-full"
        assert "disk is full" in (lib.read_only_reason or "")
        assert [p.note for p in lib.passages()] == ["lisible"]
        assert lib.search("Zas").total > 0
    done = cli("info", library=disk / "lib")
    assert done.returncode == 0, done.stderr
    assert "read-only: the disk is full" in done.stderr


# -- 3. every failed write is one error, with nothing half done ----------------------


def test_a_full_disk_while_annotating_is_a_storage_error_and_changes_nothing(
    disk: Path, seeds_dir: Path
) -> None:
    lib = Library(disk / "lib")
    lib.import_paths([seeds_dir])
    doc = lib.documents()[0].id
    lib.highlight(doc, 0, 20, tags=["Avant"], note="saved before")
    before = user_data(lib)
    filler = fill(disk)
    with pytest.raises(StorageError, match="the disk is full") as err:
        for i in range(200):  # the WAL has room for a few small ones
            lib.highlight(doc, 30 + i, 40 + i, tags=[f"Tag {i}"], note="n" * 20_000)
    assert err.value.cause == "full"
    assert "Nothing of it was written" in str(err.value)
    saved = user_data(lib)
    # every highlight that returned is there; the one that failed is not
    assert len(saved["passages"]) == len(before["passages"]) + i
    with pytest.raises(StorageError):
        lib.create_tag("Après/" + "x" * 10_000, description="d" * 500_000)
    with pytest.raises(StorageError):
        lib.undo()  # it writes too
    assert user_data(lib) == saved
    filler.unlink()
    lib.close()
    assert integrity(disk / "lib" / "library.sqlite") == "ok"
    with Library(disk / "lib") as again:
        assert user_data(again) == saved


def test_a_database_that_refuses_writes_is_a_storage_error(seeded: Library) -> None:
    """SQLite's read-only error (a disk remounted read-only, a file whose
    permissions changed) from every connection the library makes."""
    from sqlalchemy import event

    doc = seeded.documents()[0].id
    seeded.highlight(doc, 0, 20, tags=["Avant"])
    before = user_data(seeded)

    def refuse_writes(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA query_only = ON")

    seeded.store.engine.dispose()
    event.listen(seeded.store.engine, "connect", refuse_writes)
    with pytest.raises(StorageError) as err:
        seeded.highlight(doc, 30, 40, tags=["Pendant"])
    assert err.value.cause == "read-only"
    assert "could not be saved: the library's folder or disk has become read-only" in str(err.value)
    with pytest.raises(StorageError):
        seeded.create_tag("Pendant")
    event.remove(seeded.store.engine, "connect", refuse_writes)
    seeded.store.engine.dispose()
    assert user_data(seeded) == before


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (sqlite3.OperationalError("database or disk is full"), "full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlite3.OperationalError("disk I/O error"), "io"),
        (sqlite3.OperationalError("unable to open database file"), "gone"),
        (OSError(28, "No space left on device"), "full"),
        (OSError(30, "Read-only file system"), "read-only"),
        (sqlite3.IntegrityError("UNIQUE constraint failed"), None),
        (sqlite3.OperationalError("no such table: x"), None),
    ],
)
def test_storage_failures_are_told_apart_from_bugs(error: BaseException, cause: str) -> None:
    assert db.storage_cause(error) == cause


# -- 4. the library folder removed while open -------------------------------------------


@pytest.fixture
def rescue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rescued"
    monkeypatch.setenv("KZREADER_RESCUE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("how", ["removed", "renamed"])
def test_a_library_folder_gone_while_open_is_told_at_the_next_write(
    seeded: Library, seed_ids: dict[str, int], rescue: Path, tmp_path: Path, how: str
) -> None:
    doc = seed_ids["rt_zas"]
    kept = seeded.highlight(doc, quote="Zas", tags=["Personnes/Zas"], note="gardée")
    if how == "removed":
        shutil.rmtree(seeded.path)
    else:
        seeded.path.rename(tmp_path / "moved")
    for attempt in (
        lambda: seeded.highlight(doc, 0, 10, tags=["Perdu"]),
        lambda: seeded.tag_passage(kept.id, "Autre"),
        lambda: seeded.undo(),
        lambda: seeded.import_paths([ROOT / "seeds"]),
    ):
        with pytest.raises(StorageError, match="is no longer there") as err:
            attempt()
        assert err.value.cause == "gone"
    message = str(err.value)
    assert str(seeded.path) in message
    copies = sorted(rescue.glob("*.sqlite"))
    assert len(copies) == 1  # one rescue copy, however many attempts
    assert str(copies[0]) in message
    seeded.close()
    # everything saved before the folder went is in the rescued copy
    restored = tmp_path / "restored"
    Library.restore_backup(restored, copies[0])
    with Library(restored) as lib:
        notes = [p.note for p in lib.passages()]
        assert notes == ["gardée"]
        assert len(lib.documents()) == 5
        assert lib.search("Zas").total > 0


def test_closing_a_changed_library_whose_folder_went_rescues_it(
    seeded: Library, seed_ids: dict[str, int], rescue: Path
) -> None:
    seeded.highlight(seed_ids["rt_zas"], quote="Zas", note="à sauver")
    shutil.rmtree(seeded.path)
    seeded.close()
    assert seeded.last_backup_error is not None
    assert "no longer there" in seeded.last_backup_error
    copies = sorted(rescue.glob("*.sqlite"))
    assert len(copies) == 1
    assert str(copies[0]) in seeded.last_backup_error


def test_writes_on_a_missing_rescue_folder_still_refuse_clearly(
    seeded: Library, seed_ids: dict[str, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("KZREADER_RESCUE_DIR", str(blocked / "rescued"))
    shutil.rmtree(seeded.path)
    with pytest.raises(StorageError, match="could not be copied elsewhere"):
        seeded.highlight(seed_ids["rt_zas"], 0, 10)
    with pytest.raises(KzreaderError):
        seeded.create_tag("Nouveau")
