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


class _Pipe:
    """The feed's end of the pipe, for ``_serve`` run in this process."""

    def __init__(self, messages: list) -> None:
        self.messages = list(messages)
        self.sent: list = []

    def recv(self):  # type: ignore[no-untyped-def]
        if not self.messages:
            raise EOFError
        return self.messages.pop(0)

    def send(self, message) -> None:  # type: ignore[no-untyped-def]
        self.sent.append(message)

    def close(self) -> None:
        pass


def test_the_index_process_commits_before_its_writer_would_spill(
    tmp_path: Path, monkeypatch
) -> None:
    """Past seven tenths of its memory the writer commits (a segment), rather
    than spilling its postings to a temporary run that its commit would read
    back and merge."""
    from kzreader.core.index import IndexDoc, SearchIndex
    from kzreader.core.lean_pool import TermPool

    monkeypatch.setattr(indexer, "exit_with_parent", lambda: None)
    spilled: list[str] = []
    monkeypatch.setattr(TermPool, "_add_run", lambda pool, path: spilled.append(path))
    docs = [
        IndexDoc(
            id=n,
            content_hash=f"h{n}",
            title=f"Dépêche {n}",
            text=" ".join(f"mot{(n * 7 + k) % 500} paix{k % 9}" for k in range(60)),
            boilerplate=[],
            language="fr",
        )
        for n in range(1, 401)
    ]
    SearchIndex(tmp_path / "index").create().close()
    messages = [("docs", [(doc, True) for doc in docs[i : i + 4]]) for i in range(0, 400, 4)]
    pipe = _Pipe([*messages, ("commit", 7)])
    indexer._serve(str(tmp_path / "index"), pipe, commit_every=10_000, limit_mb=0.5)
    assert pipe.sent == [("ok",)]
    assert spilled == []  # never past its memory
    index = SearchIndex(tmp_path / "index")
    try:
        ix = index.open()
        assert ix.doc_count() == 400
        assert int(ix.latest_generation()) >= 3  # several commits on the way
    finally:
        index.close()


def test_a_writer_is_nearly_full_at_seven_tenths_of_its_limit() -> None:
    class Pool:
        limit = 1000
        currentsize = 699

    class Writer:
        pool = Pool()

    assert not indexer._nearly_full(Writer())
    Pool.currentsize = 700
    assert indexer._nearly_full(Writer())
    assert not indexer._nearly_full(object())  # no pool: never
