"""A second program, a read-only folder, a damaged database, backups and a
full disk: each is told clearly, and nothing committed is lost."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests_support import cli, fill, integrity, user_data
from tests_support import small_disk as mounted_small_disk

from kzreader.core import backup as backup_store
from kzreader.core.errors import (
    DamagedLibraryError,
    KzreaderError,
    LibraryError,
    ReadOnlyError,
)
from kzreader.core.library import Library
from kzreader.core.lock import OWNER_NAME

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- a second program --------------------------------------------------------------


def test_a_second_program_gets_the_library_read_only_and_is_told_why(
    seeded: Library, seeds_dir: Path
) -> None:
    result = cli("search", "Blinken", library=seeded.path)
    assert result.returncode == 0, result.stderr
    assert "Blinken" in result.stdout
    assert "read-only" in result.stderr and f"process {os.getpid()}" in result.stderr
    result = cli("import", str(seeds_dir), library=seeded.path)
    assert result.returncode == 1
    assert "read-only" in result.stderr and "close it there" in result.stderr
    assert len(seeded.documents()) == 5


def test_the_same_program_may_open_its_library_twice(seeded: Library) -> None:
    with Library(seeded.path) as again:
        assert not again.read_only
    assert not seeded.read_only
    seeded.create_tag("Toujours/ouverte")  # the first one still writes


def test_a_lock_left_by_a_killed_program_is_recovered(library: Library, tmp_path: Path) -> None:
    folder = library.path
    library.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from kzreader.core.library import Library
                lib = Library({str(folder)!r}, program="a test holder")
                print("open", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with Library(folder) as refused:
            assert refused.read_only
            assert "a test holder" in (refused.read_only_reason or "")
            with pytest.raises(ReadOnlyError, match="a test holder"):
                refused.create_tag("Non")
        with pytest.raises(ReadOnlyError, match=r"cannot open .* for changes"):
            Library(folder, read_only=False)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (folder / OWNER_NAME).exists()  # the killed program could not clean up
    with Library(folder) as lib:
        assert not lib.read_only
        lib.create_tag("Reprise")


# -- a read-only folder ------------------------------------------------------------


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """``folder`` where it cannot be written: a read-only bind mount when
    running as root (root ignores permissions), else permissions."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for p in modes:
            p.chmod(modes[p] & ~0o222)
        try:
            yield folder
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    mount = folder.with_name(folder.name + "-ro")
    mount.mkdir()
    try:
        subprocess.run(["mount", "--bind", str(folder), str(mount)], check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("cannot make a read-only mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()


def test_a_read_only_folder_opens_read_only_and_writes_nothing(seeded: Library, seed_ids) -> None:
    seeded.highlight(seed_ids["blinken"], quote="Blinken", tags=["Personnes"])
    folder = seeded.path
    seeded.close()
    before = snapshot(folder)
    with read_only_folder(folder) as where, Library(where) as lib:
        assert lib.read_only
        assert "cannot be written" in (lib.read_only_reason or "")
        assert lib.search("Blinken").total == 1
        assert [p.tags for p in lib.passages()] == [["Personnes"]]
        with pytest.raises(ReadOnlyError, match=r"read-only: the folder .* cannot be written"):
            lib.highlight(seed_ids["rt_zas"], quote="Zas")
        with pytest.raises(ReadOnlyError):
            lib.import_paths([folder])
        with pytest.raises(ReadOnlyError):
            lib.undo()
    assert snapshot(folder) == before


def test_read_only_by_request_writes_nothing(seeded: Library) -> None:
    folder = seeded.path
    seeded.create_tag("Avant")
    seeded.close()
    before = snapshot(folder)
    with Library(folder, read_only=True) as lib:
        assert lib.read_only and lib.tags()[0].path == "Avant"
        with pytest.raises(ReadOnlyError):
            lib.create_tag("Après")
    after = snapshot(folder)
    # a reader of a WAL database may leave SQLite's (empty) shared-memory
    # files; the database and everything else are untouched
    for name in ("library.sqlite-wal", "library.sqlite-shm"):
        if name not in before:
            after.pop(name, None)
    assert after == before


# -- backups -----------------------------------------------------------------------


def _autos(folder: Path) -> list[backup_store.BackupInfo]:
    return [b for b in backup_store.list_backups(folder / "backups") if b.kind == "auto"]


def test_closing_a_changed_library_backs_it_up_once_per_spacing(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as lib:
        lib.create_tag("Tag 0")
    assert len(_autos(folder)) == 1  # the first close after a change backs up
    for n in range(1, 4):  # the command line's spacing: no other backup for 30 minutes
        with Library(folder) as lib:
            lib.create_tag(f"Tag {n}")
    assert len(_autos(folder)) == 1
    for n in range(4, 6):  # the app's close: no spacing
        lib = Library(folder)
        lib.create_tag(f"Tag {n}")
        lib.close(spacing=timedelta(0))
    autos = _autos(folder)
    assert len(autos) == 3
    newest = sqlite3.connect(autos[0].path)
    assert {r[0] for r in newest.execute("SELECT name FROM tags")} == {f"Tag {n}" for n in range(6)}
    newest.close()
    with Library(folder) as lib:  # nothing changed: no backup
        pass
    assert len(_autos(folder)) == 3
    with Library(folder) as lib:
        lib.set_backup_keep(0)
        lib.create_tag("Sans sauvegarde")
        lib.close(spacing=timedelta(0))
    assert len(_autos(folder)) == 3


def test_a_backup_older_than_the_spacing_lets_the_next_close_back_up(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    old = datetime.now(UTC) - timedelta(minutes=31)
    old_path = folder / "backups" / f"auto-{old:%Y%m%dT%H%M%S%fZ}.sqlite"
    with Library(folder) as lib:
        lib.create_tag("Tag")
        lib.close(backup=False)
    (folder / "backups").mkdir(exist_ok=True)
    shutil.copy(folder / "library.sqlite", old_path)
    assert not backup_store.due(folder / "backups", timedelta(minutes=32))
    assert backup_store.due(folder / "backups", backup_store.AUTO_SPACING)
    with Library(folder) as lib:
        lib.create_tag("Plus tard")
    assert len(_autos(folder)) == 2
    # backups dated after now (a clock put back) hold nothing back
    before = old - timedelta(minutes=1)
    assert backup_store.due(folder / "backups", backup_store.AUTO_SPACING, now=before)


def test_automatic_backups_are_thinned_by_age(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    ages = [timedelta(minutes=m) for m in range(0, 600, 30)]  # 20 of the last 10 hours
    ages += [timedelta(days=d, hours=h) for d in range(1, 7) for h in (1, 5, 9)]  # 3 a day
    ages += [timedelta(days=d) for d in range(7, 50)]  # 1 a day for six weeks more
    for age in ages:
        (backups / f"auto-{now - age:%Y%m%dT%H%M%S%fZ}.sqlite").write_bytes(b"")
    by_hand = [backups / "backup-20200101T000000000000Z.sqlite", backups / "before-schema-3.sqlite"]
    for path in by_hand:
        path.write_bytes(b"")

    removed = backup_store.thin(backups, 10, now=now)

    kept = sorted(now - backup_store.taken(b) for b in backup_store.list_backups(backups)
                   if b.kind == "auto")  # fmt: skip
    assert kept[:10] == ages[:10]  # the newest 10 of the last day
    daily = [age for age in kept if timedelta(days=1) <= age < timedelta(days=7)]
    assert daily == [timedelta(days=d, hours=9) for d in range(1, 7)]  # the oldest of each day
    weekly = [age for age in kept if age >= timedelta(days=7)]
    assert weekly == [timedelta(days=d) for d in (13, 20, 27, 34)]  # the oldest of each week
    assert len(removed) == len(ages) - len(kept)
    assert all(path.exists() for path in by_hand)  # by hand, before an upgrade: never deleted

    assert backup_store.thin(backups, 10, now=now) == []  # thinning again changes nothing


def test_the_newest_automatic_backup_is_never_thinned_away(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    for days in (60, 90):  # all older than the rule keeps
        (backups / f"auto-{now - timedelta(days=days):%Y%m%dT%H%M%S%fZ}.sqlite").write_bytes(b"")
    backup_store.thin(backups, 1, now=now)
    (left,) = [b for b in backup_store.list_backups(backups) if b.kind == "auto"]
    assert backup_store.taken(left) == now - timedelta(days=60)


def test_a_damaged_database_is_detected_and_restored_from_the_latest_backup(
    seeded: Library, seed_ids
) -> None:
    seeded.highlight(seed_ids["rt_zas"], quote="Zas", tags=["Personnes/Zas"])
    folder = seeded.path
    seeded.close()  # changed: an automatic backup
    with Library(folder) as lib:  # closed after a change, with no spacing: backed up again
        lib.create_tag("Sauvé")
        lib.close(spacing=timedelta(0))
    db = folder / "library.sqlite"
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 12 * page), 97):
        data[offset] = (data[offset] + 0x5A) % 256
    db.write_bytes(bytes(data))
    with pytest.raises(DamagedLibraryError, match=r"is damaged.*kzreader restore --latest") as err:
        Library(folder)
    assert err.value.backups
    damaged_bytes = db.read_bytes()

    used, kept = Library.restore_backup(folder)
    assert used == err.value.backups[0]
    assert kept.read_bytes() == damaged_bytes  # kept aside, never deleted
    assert integrity(db) == "ok"
    with Library(folder) as lib:
        assert [t.path for t in lib.tags()] == ["Personnes", "Personnes/Zas", "Sauvé"]
        assert lib.search("Blinken").total == 1
        assert len(lib.passages(tags=["Personnes/Zas"])) == 1


def test_damage_deep_in_the_file_is_found_by_the_check_run_after_opening(
    seeded: Library,
) -> None:
    """Opening reads only the header, schema and meta table (reading every
    page would slow every start); the quick check the app runs next finds
    the rest, and reading a damaged page says what happened."""
    folder = seeded.path
    seeded.close()
    db = folder / "library.sqlite"
    data = bytearray(db.read_bytes())
    page = 4096
    conn = sqlite3.connect(db)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()
    conn.close()
    start = (root - 1) * page
    data[start + 100 : start + page] = bytes(range(256)) * ((page - 100) // 256) + bytes(
        (page - 100) % 256
    )
    db.write_bytes(bytes(data))
    with Library(folder, sync_index=False) as lib:
        report = lib.check(quick=True)
        assert [p.kind for p in report.problems] == ["database_damaged"]
        assert "kzreader restore" in (report.problems[0].advice or "")
        with pytest.raises(DamagedLibraryError, match="is damaged"):
            lib.documents()


def test_restore_refuses_while_the_library_is_open_elsewhere(seeded: Library) -> None:
    seeded.backup()
    seeded.close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"from kzreader.core.library import Library; import time; "
         f"l = Library({str(seeded.path)!r}); print('open', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(LibraryError, match="close it before restoring"):
            Library.restore_backup(seeded.path)
    finally:
        holder.kill()
        holder.wait()


def test_a_bad_backup_is_refused_and_changes_nothing(seeded: Library, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-backup.sqlite"
    bad.write_bytes(b"nothing useful" * 500)
    folder = seeded.path
    seeded.close()
    before = (folder / "library.sqlite").read_bytes()
    with pytest.raises(LibraryError, match="not a usable backup"):
        Library.restore_backup(folder, bad)
    assert (folder / "library.sqlite").read_bytes() == before


# -- a full disk ------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system (tmpfs), where the disk fills up quickly."""
    with mounted_small_disk(tmp_path / "small-disk") as mount:
        yield mount


def test_a_full_disk_stops_the_import_clearly_and_keeps_what_was_stored(
    small_disk: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    base = (seeds_dir / "003_5a814d00d646ab81.txt").read_text("utf-8")
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(f"Dépêche numéro {i}.\n\n{base * 3}", "utf-8")
    lib = Library(small_disk / "lib")
    with pytest.raises(LibraryError, match="disk is full") as err:
        lib.import_paths([folder])
    stored = len(lib.documents())
    assert 0 < stored < 400
    assert f"{stored} " in str(err.value)
    lib.close()
    assert integrity(small_disk / "lib" / "library.sqlite") == "ok"
    with Library(small_disk / "lib", sync_index=False) as again:
        assert len(again.documents()) == stored


def test_a_backup_on_a_full_disk_fails_clearly_and_keeps_the_earlier_ones(
    small_disk: Path, seeds_dir: Path
) -> None:
    lib = Library(small_disk / "lib")
    lib.import_paths([seeds_dir])
    first = lib.backup()
    assert first is not None
    earlier = first.read_bytes()
    filler = fill(small_disk)
    with pytest.raises(LibraryError, match=r"disk is full.*earlier backups are untouched"):
        lib.backup()
    assert first.read_bytes() == earlier
    assert list((small_disk / "lib" / "backups").iterdir()) == [first]  # no partial copy
    assert [b.path for b in lib.backups()] == [first]
    filler.unlink()
    lib.close()
    assert integrity(small_disk / "lib" / "library.sqlite") == "ok"


@pytest.mark.parametrize("fmt", ["qdpx", "csv", "html"])
def test_an_export_to_a_full_disk_fails_clearly_and_leaves_nothing(
    small_disk: Path, seeded: Library, seed_ids, fmt: str
) -> None:
    seeded.highlight(seed_ids["rt_zas"], quote="Zas", tags=["Personnes/Zas"], note="x" * 200_000)
    fill(small_disk)
    before = user_data(seeded)
    with pytest.raises(KzreaderError, match="disk is full"):
        seeded.export(fmt, small_disk / f"export.{fmt}")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    assert user_data(seeded) == before
