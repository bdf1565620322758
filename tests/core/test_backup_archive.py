"""A whole library in one file: written consistently while the library is
open, restored here or into a new folder, bad files refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from tests_support import user_data

from kzreader.cli import main
from kzreader.core.errors import LibraryError
from kzreader.core.library import Library


@pytest.fixture
def coded_library(seeded: Library, seed_ids) -> Library:
    a = seeded.highlight(seed_ids["rt_zas"], quote="Zas", tags=["Personnes/Zas"], note="À vérifier")
    b = seeded.highlight(seed_ids["sputnik_zas"], quote="Zas", tags=["Personnes/Zas"])
    seeded.link(a.id, b.id, "repeats")
    seeded.set_attribute(seed_ids["blinken"], "fiabilité", "haute")
    return seeded


def test_a_single_file_backup_restores_the_library_in_a_new_folder(
    coded_library: Library, tmp_path: Path
) -> None:
    out = coded_library.backup(tmp_path / "travail.kzbackup")
    assert out == (tmp_path / "travail.kzbackup").resolve()
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("kzreader-backup.json"))
    assert manifest["documents"] == 5 and manifest["passages"] == 2
    expected = user_data(coded_library)
    used, kept = Library.restore_backup(tmp_path / "elsewhere", out)
    assert used == out and kept is None
    with Library(tmp_path / "elsewhere") as restored:
        assert user_data(restored) == expected
        assert restored.search("Blinken").total == 1  # the index is rebuilt


def test_restoring_a_single_file_backup_over_a_library_keeps_the_old_database(
    coded_library: Library, tmp_path: Path
) -> None:
    out = coded_library.backup(tmp_path / "avant.kzbackup")
    expected = user_data(coded_library)
    coded_library.create_tag("Après la sauvegarde")
    folder = coded_library.path
    coded_library.close()
    _, kept = Library.restore_backup(folder, out)
    assert kept is not None and kept.exists()
    with Library(folder) as lib:
        assert user_data(lib) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"plain text, not a zip", "not a usable backup"),
        ("zip-without-db", "not a kzreader backup"),
        ("zip-with-garbage-db", "not a usable backup"),
        ("zip-unknown-format", "unknown format"),
    ],
)
def test_a_bad_backup_file_is_refused_and_changes_nothing(
    coded_library: Library, tmp_path: Path, content: object, message: str
) -> None:
    bad = tmp_path / "bad.kzbackup"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        with zipfile.ZipFile(bad, "w") as zf:
            if content != "zip-without-db":
                fmt = 99 if content == "zip-unknown-format" else 1
                zf.writestr("kzreader-backup.json", json.dumps({"format": fmt}))
                zf.writestr("library.sqlite", b"garbage" * 100)
            else:
                zf.writestr("notes.txt", "nothing")
    folder = coded_library.path
    coded_library.close()
    before = (folder / "library.sqlite").read_bytes()
    with pytest.raises(LibraryError, match=message):
        Library.restore_backup(folder, bad)
    assert (folder / "library.sqlite").read_bytes() == before
    assert not list(folder.glob(".kzreader-restore-*"))


def test_backup_and_restore_from_the_command_line(
    coded_library: Library, tmp_path: Path, capsys
) -> None:
    expected = user_data(coded_library)
    folder = coded_library.path
    coded_library.close()
    out = tmp_path / "cli.kzbackup"
    assert main(["--library", str(folder), "backup", str(out)]) == 0
    assert "Backed up to" in capsys.readouterr().out
    target = tmp_path / "copy"
    assert main(["--library", str(target), "restore", str(out)]) == 0
    assert "Restored cli.kzbackup" in capsys.readouterr().out
    with Library(target) as lib:
        assert user_data(lib) == expected
    assert main(["--library", str(target), "restore"]) == 2
