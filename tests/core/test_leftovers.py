"""Temporary files: one way of writing every file (``core.atomic``), nothing
left behind by a write that fails or is interrupted, and what a killed
process left found by name: removed when the library is opened, beside a
target when it is written again, and by ``kzreader check --repair``."""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path

import pytest

from kzreader.cli import main
from kzreader.core import atomic, check
from kzreader.core import backup as backup_store
from kzreader.core.check import check_library
from kzreader.core.errors import KzreaderError, LibraryError
from kzreader.core.library import Library

HEX = "0123456789ab"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- the helper ---------------------------------------------------------------------------


def test_a_file_takes_its_name_only_once_complete_and_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("before")
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with atomic.open_new(target, "w", encoding="utf-8") as handle:
        handle.write("after")
        [temporary] = [p for p in tmp_path.iterdir() if p != target]
        assert atomic.is_leftover(temporary.name, target.name)
        assert temporary.name.startswith(".notes.txt.kzreader-")
        assert temporary.name.endswith(".tmp")
        assert target.read_text() == "before"
    assert target.read_text() == "after"
    assert names(tmp_path) == ["notes.txt"]
    assert synced == (["file", "folder"] if os.name == "posix" else ["file"])


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, RuntimeError, SystemExit])
def test_an_interrupted_write_leaves_the_former_file_and_nothing_else(
    tmp_path: Path, interruption: type[BaseException]
) -> None:
    target = tmp_path / "data.bin"
    target.write_bytes(b"former")
    with pytest.raises(interruption), atomic.new_file(target, private=True) as temporary:
        temporary.write_bytes(b"half")
        for journal in atomic.SQLITE_JOURNALS:  # what SQLite writing it may leave
            Path(f"{temporary}{journal}").write_bytes(b"journal")
        raise interruption()
    assert names(tmp_path) == ["data.bin"]
    assert target.read_bytes() == b"former"


def test_os_errors_say_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(atomic.WriteError, match="disk is full") as err, atomic.new_file(target):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert err.value.disk_full and atomic.disk_full(err.value)
    assert names(tmp_path) == []

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with (
        pytest.raises(KzreaderError, match="open in another program"),
        atomic.open_new(target, "w") as handle,
    ):
        handle.write("x")
    assert names(tmp_path) == []
    with pytest.raises(atomic.WriteError, match="does not exist"):
        atomic.new_file(tmp_path / "nowhere" / "x").__enter__()
    with pytest.raises(atomic.WriteError, match="is a folder"):
        atomic.new_file(tmp_path).__enter__()


def test_temporary_names_are_told_apart_from_everything_else() -> None:
    for name in [
        f".library.sqlite.kzreader-{HEX}.tmp",
        f".backup-1.sqlite.kzreader-{HEX}.tmp-journal",
        f".backup-1.sqlite.kzreader-{HEX}.tmp-wal",
        f".projet.qdpx.kzreader-{HEX}.tmp",
        # earlier versions
        ".projet.qdpx.0123abcd.tmp",
        f".codes.csv.{HEX}.part",
        "lib.kzbackup.partial",
        "auto-20240101T000000Z.sqlite.partial-journal",
        "auto-20240101T000000Z.sqlite.partial-wal",
        ".kzreader-backup-x1y2z3",
        ".kzreader-restore-x1y2z3",
        "library.sqlite.restoring",
    ]:
        assert atomic.is_leftover(name), name
    for name in [
        "library.sqlite",
        "library.sqlite-wal",
        "kzreader.lock",
        "kzreader.owner.json",
        "auto-20240101T000000Z.sqlite",
        "library.sqlite.replaced-20240101T000000Z",
        "notes.tmp",
        ".hidden",
        "projet.qdpx",
    ]:
        assert not atomic.is_leftover(name), name
    assert atomic.is_leftover(f".projet.qdpx.kzreader-{HEX}.tmp", "projet.qdpx")
    assert not atomic.is_leftover(f".autre.qdpx.kzreader-{HEX}.tmp", "projet.qdpx")


# -- the writers, interrupted -----------------------------------------------------------


def test_an_interrupted_backup_leaves_nothing(
    seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = seeded.path / "backups"
    first = seeded.backup()
    assert first is not None

    def interrupted(path: Path) -> None:
        Path(f"{path}-journal").write_bytes(b"what SQLite may leave")
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_store, "_check", interrupted)
    with pytest.raises(KeyboardInterrupt):
        seeded.backup()
    assert names(backups) == [first.name]


def test_an_interrupted_single_file_backup_leaves_nothing(
    seeded: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "lib.kzbackup").write_bytes(b"the former backup")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(zipfile.ZipFile, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        seeded.backup(out / "lib.kzbackup")
    assert names(out) == ["lib.kzbackup"]
    assert (out / "lib.kzbackup").read_bytes() == b"the former backup"


def test_an_interrupted_restore_leaves_the_database_and_nothing_else(
    seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = seeded.backup()
    assert made is not None
    folder = seeded.path
    seeded.close()
    before = names(folder)
    database = (folder / "library.sqlite").read_bytes()

    def interrupted(src: object, dst: str | Path) -> None:
        Path(dst).write_bytes(b"half a database")
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_store.shutil, "copyfile", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Library.restore_backup(folder, made)
    assert names(folder) == before
    assert (folder / "library.sqlite").read_bytes() == database


# -- leftovers of a killed process ------------------------------------------------------------


def plant(folder: Path) -> list[Path]:
    """What kills at the wrong moments leave in a library, one of each kind."""
    backups = folder / "backups"
    backups.mkdir(exist_ok=True)
    files = [
        folder / f".library.sqlite.kzreader-{HEX}.tmp",  # a restore's incoming database
        folder / f".kzreader.owner.json.kzreader-{HEX}.tmp",
        backups / f".backup-20240101T000000000000Z.sqlite.kzreader-{HEX}.tmp",
        backups / f".backup-20240101T000000000000Z.sqlite.kzreader-{HEX}.tmp-journal",
        backups / f".auto-20240101T000000000000Z.sqlite.kzreader-{HEX}.tmp-wal",
        # earlier versions
        folder / "library.sqlite.restoring",
        folder / "kzreader.owner.tmp",
        backups / "auto-20240101T000000Z.sqlite.partial",
        backups / "auto-20240101T000000Z.sqlite.partial-journal",
        backups / "auto-20240101T000000Z.sqlite.partial-wal",
    ]
    for path in files:
        path.write_bytes(b"half-written")
    restoring = folder / ".kzreader-restore-x1y2z3"
    restoring.mkdir()
    (restoring / "library.sqlite").write_bytes(b"half-written")
    return sorted([*files, restoring])


def kept(folder: Path) -> set[Path]:
    """The library's own files (its index's aside: rewritten at every open)."""
    index = folder / "index"
    return {p for p in folder.rglob("*") if p.is_file() and index not in p.parents}


def test_leftovers_are_removed_when_the_library_is_opened(seeded: Library) -> None:
    made = seeded.backup()
    assert made is not None
    folder = seeded.path
    seeded.close()
    before = kept(folder)
    planted = plant(folder)
    with Library(folder) as lib:
        assert not any(os.path.lexists(p) for p in planted)
        assert kept(folder) >= before - {folder / "kzreader.owner.json"}
        assert made.exists()
        # the first check says what the opening deleted; the next says nothing
        report = check_library(lib)
        assert report.problems == []
        [note] = [n for n in report.notes if n.kind == check.LEFTOVER_FILES]
        # the owner note's own was swept when the lock's owner was written again
        told = [p for p in planted if not p.name.startswith(".kzreader.owner.json.")]
        assert note.count == len(told) == len(planted) - 1
        assert all(str(p.relative_to(folder)) in note.message for p in told)
        again = check_library(lib)
        assert again.problems == [] and again.notes == []


def test_a_read_only_opening_leaves_them_and_the_check_reports_them(seeded: Library) -> None:
    folder = seeded.path
    seeded.close()
    planted = plant(folder)
    with Library(folder, read_only=True) as lib:
        assert all(p.exists() for p in planted)
        problem = next(p for p in check_library(lib).problems if p.kind == check.LEFTOVER_FILES)
        assert sorted(problem.paths) == sorted(str(p) for p in planted)


def test_check_reports_leftovers_and_repair_removes_them(seeded: Library) -> None:
    planted = plant(seeded.path)  # while it is open: as a running operation leaves them
    report = check_library(seeded)
    [problem] = [p for p in report.problems if p.kind == check.LEFTOVER_FILES]
    assert sorted(problem.paths) == sorted(str(p) for p in planted)
    assert f"{len(planted)} temporary files or folders were left" in problem.message
    assert all(p.exists() for p in planted)
    repaired = check_library(seeded, repair=True)
    assert all(p.repaired for p in repaired.problems) and repaired.clean
    assert not any(os.path.lexists(p) for p in planted)
    assert check_library(seeded).problems == []


def test_kzreader_check_tells_what_was_left(seeds_dir: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as lib:
        lib.import_paths([seeds_dir])
    planted = plant(folder)
    code = main(["--library", str(folder), "check"])
    out = capsys.readouterr().out
    assert code == 0
    assert "deleted when the library was opened" in out
    assert f"backups{os.sep}auto-20240101T000000Z.sqlite.partial-journal" in out
    assert not any(os.path.lexists(p) for p in planted)
    code = main(["--library", str(folder), "check"])
    out = capsys.readouterr().out
    assert code == 0 and "Notes:" not in out
    assert out.splitlines()[-1] == "No problems found."


def test_writing_an_export_again_sweeps_what_a_killed_one_left(
    seeded: Library, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    left = [
        out / f".projet.qdpx.kzreader-{HEX}.tmp",
        out / ".projet.qdpx.0123abcd.tmp",
        out / f".codes.csv.kzreader-{HEX}.tmp",
        out / f".codes.csv.{HEX}.part",
    ]
    other = out / f".autre.csv.kzreader-{HEX}.tmp"  # another file's: not this export's
    for path in [*left, other]:
        path.write_bytes(b"half an export")
    seeded.export("qdpx", out / "projet.qdpx")
    seeded.export("csv", out / "codes.csv")
    assert names(out) == sorted(["projet.qdpx", "codes.csv", other.name])


def test_writing_a_single_file_backup_again_sweeps_what_a_killed_one_left(
    seeded: Library, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in [
        "lib.kzbackup.partial",
        f".lib.kzbackup.kzreader-{HEX}.tmp",
        f".lib.kzbackup.kzreader-{HEX}.tmp-journal",
    ]:
        (out / name).write_bytes(b"half a backup")
    (out / ".kzreader-backup-x1y2z3").mkdir()
    (out / ".kzreader-backup-x1y2z3" / "library.sqlite").write_bytes(b"half a copy")
    made = seeded.backup(out / "lib.kzbackup")
    assert made is not None
    assert names(out) == ["lib.kzbackup"]
    assert zipfile.is_zipfile(made)


def test_a_full_disk_during_a_backup_is_said_plainly(
    seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = seeded.backup()
    assert first is not None

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(LibraryError, match=r"disk is full.*earlier backups are untouched"):
        seeded.backup()
    assert names(seeded.path / "backups") == [first.name]
