"""Who may read a library: its folder, database, journals, lock, index
folder, backups and single-file backups are the owner's only (POSIX), even
under the usual umask; exports follow the umask; an older library with looser
modes is tightened when it is opened for writing, and left as it is when it
is opened read-only."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzreader.core import backup as backup_store
from kzreader.core.library import Library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems give: files 0644 and folders 0755 unless asked."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def library_files(folder: Path) -> list[Path]:
    """What the library keeps outside its index: the folder's own files, backups/."""
    return sorted(p for p in [*folder.iterdir(), *(folder / "backups").glob("*")] if p.is_file())


def test_a_new_library_is_the_owners_only(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "lib"
    lib = Library(folder)
    try:
        lib.import_paths([seeds_dir])
        manual = lib.backup()
        assert manual is not None
        lib.create_tag("Acteurs")  # a change since: an automatic backup at closing
        assert mode(folder) == 0o700
        assert mode(folder / "index") == 0o700
        # open, in WAL mode: the journals are there, with the database's mode
        for name in ("library.sqlite", "library.sqlite-wal", "library.sqlite-shm"):
            assert mode(folder / name) == 0o600, name
        for name in ("kzreader.lock", "kzreader.owner.json"):
            assert mode(folder / name) == 0o600, name
    finally:
        lib.close()
    assert mode(folder / "backups") == 0o700
    backups = sorted((folder / "backups").iterdir())
    assert len(backups) == 2 and manual in backups
    assert all(mode(p) == 0o600 for p in backups), [oct(mode(p)) for p in backups]


def test_a_single_file_backup_is_the_owners_only(seeded: Library, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    out = seeded.backup(shared / "travail.kzbackup")
    assert out is not None
    assert mode(out) == 0o600
    assert mode(shared) == 0o755  # the folder it was written to is left as it was


def test_exports_from_a_private_library_follow_the_umask(seeded: Library, seed_ids, tmp_path):
    seeded.highlight(seed_ids["rt_zas"], quote="Zas", tags=["Personnes/Zas"], note="À revoir")
    assert mode(seeded.db_path) == 0o600
    out = tmp_path / "exports"
    out.mkdir()
    for fmt in Library.EXPORT_FORMATS:
        seeded.export(fmt, out / f"export.{fmt}")
    assert {p.name: mode(p) for p in out.iterdir()} == {
        f"export.{fmt}": 0o644 for fmt in Library.EXPORT_FORMATS
    }


def test_a_restored_database_is_the_owners_only(seeded: Library, tmp_path: Path) -> None:
    archive = seeded.backup(tmp_path / "travail.kzbackup")
    assert archive is not None
    folder = seeded.path
    seeded.close()
    Library.restore_backup(folder, archive)
    assert mode(folder / "library.sqlite") == 0o600
    kept = list(folder.glob("library.sqlite.replaced-*"))
    assert kept  # the database it replaced, kept aside: the next open tightens it
    Library.restore_backup(tmp_path / "elsewhere", archive)
    assert mode(tmp_path / "elsewhere" / "library.sqlite") == 0o600
    with Library(tmp_path / "elsewhere"):
        assert mode(tmp_path / "elsewhere") == 0o700


def loosen(folder: Path) -> None:
    """What a library made by an earlier version looks like under umask 022."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_an_existing_library_is_tightened_when_opened_for_writing(
    seeded: Library, tmp_path: Path
) -> None:
    folder = seeded.path
    seeded.backup()
    seeded.close()
    (folder / "library.sqlite.replaced-20240101T000000000000Z").write_bytes(b"an old database")
    loosen(folder)

    with Library(folder, read_only=True):  # a read-only opening writes nothing
        assert mode(folder) == 0o755
        assert all(mode(p) == 0o644 for p in library_files(folder))

    with Library(folder):
        assert mode(folder) == 0o700
        assert mode(folder / "backups") == 0o700
        assert mode(folder / "index") == 0o700
        files = library_files(folder)
        assert {p.name for p in files} >= {
            "library.sqlite",
            "kzreader.lock",
            "kzreader.owner.json",
            "library.sqlite.replaced-20240101T000000000000Z",
        }
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_tightening_keeps_the_owners_own_choice(seeded: Library) -> None:
    """Only the group's and others' access is taken away: a backup the owner
    made read-only stays read-only."""
    made = seeded.backup()
    assert made is not None
    folder = seeded.path
    seeded.close()
    made.chmod(0o444)
    backup_store.tidy(folder)
    assert mode(made) == 0o400
