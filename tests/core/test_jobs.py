"""Imports run in a child process report back, can be cancelled, and fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzreader.core.errors import KzreaderError
from kzreader.core.jobs import import_in_process
from kzreader.core.library import Library


def test_import_in_a_child_process(library: Library, seeds_dir: Path) -> None:
    heard = []
    library.add_listener(heard.append)
    seen: list[tuple[int, int]] = []
    report = import_in_process(
        library.path, [seeds_dir], progress=lambda d, t, p: seen.append((d, t))
    )
    assert report.count("imported") == 5
    assert seen[-1] == (5, 5)
    # this process's library sees the documents; announcing tells its listeners
    assert len(library.documents()) == 5
    library.announce(library.import_changes(report))
    assert heard and len(heard[0].documents) == 5
    library.sync_index()
    assert library.search("Blinken").total == 1


def test_cancelling_a_child_import(library: Library, seeds_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    base = (seeds_dir / "003_5a814d00d646ab81.txt").read_text("utf-8")
    for i in range(120):
        (folder / f"{i:03d}.txt").write_text(f"Dépêche {i}. {base}", "utf-8")
    report = import_in_process(library.path, [folder], cancelled=lambda: True)
    assert report.cancelled
    assert len(report.results) < 120
    assert len(library.documents()) == report.count("imported")


def test_a_failing_child_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-library"
    bad.write_text("a file where a library folder should be")
    with pytest.raises(KzreaderError, match="is a file"):
        import_in_process(bad, [tmp_path])


def test_a_large_child_import_uses_worker_processes(
    library: Library, seeds_dir: Path, tmp_path: Path
) -> None:
    """Past PARALLEL_MIN_FILES the child starts a process pool of its own."""
    from kzreader.core.importer import PARALLEL_MIN_FILES

    folder = tmp_path / "many"
    folder.mkdir()
    base = (seeds_dir / "003_5a814d00d646ab81.txt").read_text("utf-8")
    for i in range(PARALLEL_MIN_FILES + 5):
        (folder / f"{i:03d}.txt").write_text(f"Dépêche {i}. {base}", "utf-8")
    report = import_in_process(library.path, [folder])
    assert report.count("imported") == PARALLEL_MIN_FILES + 5
