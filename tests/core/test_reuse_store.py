"""Reuse detection in a library: stored, kept up to date on import,
re-import and deletion, run in the background with progress and cancel."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_reuse import PASSAGE, filler

from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.library import Library
from kzreader.core.reuse import ReuseSpan

COPY = PASSAGE.replace("jeudi", "vendredi")


def article(url_day: str, outlet: str, body: str) -> str:
    """A page whose header gives the outlet's URL and the publication day."""
    url = f"https://www.{outlet}.fr/international/{url_day}-kazakhstan"
    return f" date {url_day[:4]}-{url_day[4:6]} {url}\n\nTitre de l’article\n\n{body}\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    bodies = {
        "source": article("20220106", "rfi", f"{filler('s1', 40)} {PASSAGE} {filler('s2', 30)}"),
        "copy": article("20220108", "france24", f"{filler('c1', 25)} {COPY} {filler('c2', 30)}"),
        "other": article("20220107", "lefigaro", filler("o", 120)),
    }
    out = {}
    for name, text in bodies.items():
        out[name] = folder / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


def ids_of(lib: Library) -> dict[str, int]:
    return {Path(d.file_name).stem: d.id for d in lib.documents()}


def span_of(lib: Library, doc_id: int, passage: str) -> ReuseSpan:
    text = lib.document(doc_id).text
    start = text.index(passage)
    return ReuseSpan(doc_id, start, start + len(passage) - 1)  # without the full stop


def test_reuse_is_found_stored_and_ordered(library: Library, files: dict[str, Path]) -> None:
    library.import_paths([files["source"], files["copy"], files["other"]])
    ids = ids_of(library)
    assert library.reuse_stale() == 3
    report = library.reuse()
    (al,) = report.alignments
    assert al.a == span_of(library, ids["source"], PASSAGE)
    assert al.b == span_of(library, ids["copy"], COPY)
    assert al.order == "a-first"
    assert not al.same_outlet
    assert al.id is not None
    assert report.clusters == [] and report.stale == 0
    assert library.reuse_stale() == 0
    # asked again: nothing to do
    assert library.detect_reuse().documents == 0
    assert library.reuse(document_id=ids["other"]).alignments == []
    assert library.reuse(document_id=ids["copy"]).alignments == [al]
    assert library.reuse(min_words=41).alignments == []


def test_adding_one_article_analyses_only_it(library: Library, files: dict[str, Path]) -> None:
    library.import_paths([files["source"], files["other"]])
    assert library.reuse().alignments == []
    library.import_paths([files["copy"]])
    run = library.detect_reuse()
    assert (run.documents, run.alignments, run.full) == (1, 1, False)
    (al,) = library.reuse(refresh=False).alignments
    ids = ids_of(library)
    assert (al.a.document_id, al.b.document_id) == (ids["source"], ids["copy"])


def test_a_reimport_that_changes_the_passage(library: Library, files: dict[str, Path]) -> None:
    library.import_paths(list(files.values()))
    ids = ids_of(library)
    (before,) = library.reuse().alignments
    # the copy is re-imported with the passage cut short and moved further in
    half = " ".join(COPY.split(" ")[:20])
    files["copy"].write_text(
        article("20220108", "france24", f"{filler('c1', 60)} {half} {filler('c2', 30)}"),
        encoding="utf-8",
    )
    (result,) = library.import_paths([files["copy"]]).results
    assert result.status == "updated" and result.document_id == ids["copy"]
    assert library.reuse_stale() == 1
    (after,) = library.reuse().alignments
    text = library.document(ids["copy"]).text
    start = text.index(half)
    assert after.b == ReuseSpan(ids["copy"], start, start + len(half))
    assert after.a.start == before.a.start and after.a.end < before.a.end
    # and re-imported without it at all
    files["copy"].write_text(article("20220108", "france24", filler("c3", 90)), "utf-8")
    library.import_paths([files["copy"]])
    assert library.reuse().alignments == []


def test_deleting_a_document_deletes_its_alignments(
    library: Library, files: dict[str, Path]
) -> None:
    library.import_paths(list(files.values()))
    ids = ids_of(library)
    assert len(library.reuse().alignments) == 1
    library.delete_document(ids["copy"])
    assert library.reuse(refresh=False).alignments == []
    assert library.reuse_stale() == 0
    library.undo()  # the document comes back, and is analysed again
    assert library.reuse_stale() == 1
    (al,) = library.reuse().alignments
    assert al.b.document_id == ids["copy"]


def test_scope_within_and_across_outlets(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "outlets"
    folder.mkdir()
    for name, outlet, day in (("a", "rfi", "20220106"), ("b", "rfi", "20220107"),
                              ("c", "lefigaro", "20220109")):  # fmt: skip
        body = f"{filler(name + '1', 30)} {PASSAGE} {filler(name + '2', 30)}"
        (folder / f"{name}.txt").write_text(article(day, outlet, body), "utf-8")
    library.import_paths([folder])
    ids = ids_of(library)
    everything = library.reuse()
    assert len(everything.alignments) == 3
    (cluster,) = everything.clusters
    assert cluster.documents == tuple(sorted(ids.values()))
    assert cluster.first is not None and cluster.first.document_id == ids["a"]
    within = library.reuse(scope="within").alignments
    assert [(x.a.document_id, x.b.document_id, x.same_outlet) for x in within] == [
        (ids["a"], ids["b"], True)
    ]
    across = library.reuse(scope="across").alignments
    assert len(across) == 2 and not any(x.same_outlet for x in across)
    (cluster,) = library.reuse(scope="across").clusters  # a-c and b-c join a, b and c
    assert len(cluster.documents) == 3 and cluster.alignments == (0, 1)
    assert library.reuse(scope="within").clusters == []  # two documents are no cluster
    # one document's report: its two alignments join the three, dated
    (cluster,) = library.reuse(document_id=ids["c"]).clusters
    assert cluster.documents == tuple(sorted(ids.values()))
    assert cluster.first is not None and cluster.first.document_id == ids["a"]


def test_progress_and_cancel(library: Library, files: dict[str, Path]) -> None:
    library.import_paths(list(files.values()))
    run = library.detect_reuse(cancelled=lambda: True)
    assert run.cancelled and run.alignments == 0
    assert library.reuse_stale() == 3  # nothing stored
    seen: list[tuple[int, int, str]] = []
    run = library.detect_reuse(progress=lambda d, t, w: seen.append((d, t, w)))
    assert not run.cancelled and run.documents == 3 and run.full
    assert seen and seen[-1][0] == seen[-1][1]
    assert all(0 <= d <= t for d, t, _ in seen)


def test_full_run_gives_the_same_results(library: Library, files: dict[str, Path]) -> None:
    library.import_paths(list(files.values()))
    first = library.reuse().alignments
    run = library.detect_reuse(full=True)
    assert run.full and run.documents == 3
    again = library.reuse(refresh=False).alignments
    assert [(x.a, x.b, x.words) for x in again] == [(x.a, x.b, x.words) for x in first]


def test_bad_arguments(library: Library) -> None:
    with pytest.raises(KzreaderError, match="fewest words"):
        library.reuse(min_words=3)
    with pytest.raises(KzreaderError, match="scope"):
        library.reuse(scope="elsewhere")
    with pytest.raises(NotFoundError):
        library.reuse(document_id=99)
    assert library.reuse().alignments == []  # an empty library


def test_empty_and_one_word_documents(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "one.txt").write_text("Kazakhstan\n", "utf-8")
    (folder / "two.txt").write_text("Almaty\n", "utf-8")
    library.import_paths([folder])
    report = library.reuse()
    assert report.alignments == [] and report.stale == 0


def test_read_only_library_reports_what_is_stored(tmp_path: Path, files: dict[str, Path]) -> None:
    with Library(tmp_path / "lib") as lib:
        lib.import_paths([files["source"], files["copy"]])
        assert len(lib.reuse().alignments) == 1
        lib.import_paths([files["other"]])
    with Library(tmp_path / "lib", read_only=True) as lib:
        report = lib.reuse()
        assert len(report.alignments) == 1 and report.stale == 1


def test_the_tables_hold_derived_rows_only(library: Library, files: dict[str, Path]) -> None:
    library.import_paths(list(files.values()))
    library.reuse()
    conn = sqlite3.connect(library.db_path)
    try:
        assert conn.execute("SELECT count(*) FROM reuse_documents").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM reuse_alignments").fetchone() == (1,)
        # detection is not a user operation: nothing in the undo history
        assert conn.execute(
            "SELECT count(*) FROM history_changes WHERE tbl LIKE 'reuse%'"
        ).fetchone() == (0,)
    finally:
        conn.close()


def test_an_alignment_becomes_a_link_in_one_undoable_step(
    library: Library, files: dict[str, Path]
) -> None:
    library.import_paths(list(files.values()))
    ids = ids_of(library)
    (al,) = library.reuse().alignments
    assert al.id is not None
    link = library.link_reuse(al.id, note="repris")
    source, target = library.passage(link.source_id), library.passage(link.target_id)
    assert (source.document_id, source.start, source.end) == (ids["copy"], al.b.start, al.b.end)
    assert (target.document_id, target.start, target.end) == (ids["source"], al.a.start, al.a.end)
    assert link.relation == "repeats"
    library.undo()
    assert library.passages() == []
    library.redo()
    assert len(library.passages()) == 2
    # a passage already on the span is used as it is
    library.undo()
    mine = library.highlight(ids["source"], al.a.start, al.a.end)
    link = library.link_reuse(al.id)
    assert link.target_id == mine.id and len(library.passages()) == 3 - 1
    with pytest.raises(NotFoundError):
        library.link_reuse(12345)
