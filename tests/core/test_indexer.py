"""A large import indexes in a process of its own; if that process fails,
the import says so, keeps what it stored, and the next open repairs the index."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from kzreader.core import indexer
from kzreader.core.indexer import IndexFeed, IndexFeedError
from kzreader.core.library import Library


@pytest.fixture
def feed_processes(monkeypatch) -> list[IndexFeed]:
    """Every import indexes through the feed's process; the feeds started."""
    monkeypatch.setattr(indexer, "PROCESS_MIN_DOCS", 1)
    started: list[IndexFeed] = []
    start = IndexFeed._start

    def spy(self: IndexFeed) -> None:
        started.append(self)
        start(self)

    monkeypatch.setattr(IndexFeed, "_start", spy)
    return started


def test_import_indexes_in_a_process_of_its_own(
    library: Library, seeds_dir: Path, feed_processes
) -> None:
    report = library.import_paths([seeds_dir])
    assert report.count("imported") == 5
    assert len(feed_processes) == 1
    assert not multiprocessing.active_children()  # the process has ended
    assert library.search("Blinken").total == 1
    assert library.search("Kazakhstan").total == 5
    assert library.index.read_state()["generation"] == library.store.generation()
    # a changed file re-indexed through the process replaces its old entry
    changed = next(seeds_dir.glob("004_*.txt"))
    changed.write_text(changed.read_text("utf-8").replace("Blinken", "Sullivan"), "utf-8")
    report = library.import_paths([changed])
    assert [r.status for r in report.results] == ["updated"]
    assert library.search("Blinken").total == 0
    assert library.search("Sullivan").total == 1


def test_a_dead_index_process_fails_the_import_clearly_and_is_repaired_on_open(
    library: Library, seeds_dir: Path, feed_processes, monkeypatch
) -> None:
    add = IndexFeed.add
    count = {"n": 0}

    def add_then_die(self: IndexFeed, doc, new: bool) -> None:  # type: ignore[no-untyped-def]
        count["n"] += 1
        if count["n"] == 3 and self._process is not None:
            self._process.kill()
            self._process.join()
        add(self, doc, new)

    monkeypatch.setattr(IndexFeed, "add", add_then_die)
    monkeypatch.setattr(indexer, "BATCH", 1)
    with pytest.raises(IndexFeedError, match=r"search index process stopped.*kept"):
        library.import_paths([seeds_dir])
    assert not multiprocessing.active_children()
    stored = len(library.documents())
    assert 3 <= stored <= 5
    library.close()
    with Library(library.path) as reopened:  # the index is reconciled on open
        assert reopened.search("Kazakhstan").total == stored


def test_an_interrupted_import_keeps_what_the_index_committed_and_the_open_adds_the_rest(
    library: Library, seeds_dir: Path, feed_processes, monkeypatch
) -> None:
    from kzreader.core.index import SearchIndex

    monkeypatch.setattr(indexer, "COMMIT_EVERY", 2)
    monkeypatch.setattr(indexer, "BATCH", 1)

    def interrupt_at_the_fifth(done: int, total: int, what: str) -> None:
        if done == 4:  # four articles stored and fed: two commits of two
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        library.import_paths([seeds_dir], progress=interrupt_at_the_fifth)
    assert not multiprocessing.active_children()
    assert len(library.documents()) == 4
    committed = SearchIndex(library.index.path)
    try:
        assert committed.doc_count() == 4  # searchable already, before any repair
    finally:
        committed.close()
    library.close()
    with Library(library.path, sync_index=False) as reopened:
        assert reopened.index_state() == "stale"
        assert reopened.sync_index() == "updated"  # the rest added, not rebuilt
        assert reopened.search("Kazakhstan").total == 4
        reopened.import_paths([seeds_dir])
        assert reopened.search("Kazakhstan").total == 5
