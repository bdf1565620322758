"""The integrity check: every kind of fault is found, repaired without losing
the user's work, and a second check after the repair is clean."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests_support import snapshot, user_data

from kzreader.core import check
from kzreader.core.check import CheckProblem, CheckReport, check_library, quick_check
from kzreader.core.errors import ReadOnlyError
from kzreader.core.index import IndexDoc
from kzreader.core.library import Library


@contextmanager
def raw(lib: Library) -> Iterator[sqlite3.Connection]:
    """A plain connection with foreign keys off, as another tool would write."""
    conn = sqlite3.connect(lib.db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN")
    try:
        yield conn
        conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.fixture
def coded(seeded: Library, seed_ids: dict[str, int]) -> dict[str, int]:
    """Passages with tags and links in two of the sample articles."""
    zas, blinken = seed_ids["zas_retrait"], seed_ids["blinken"]
    ids = {
        "zas": seeded.highlight(zas, quote="Stanislav Zas", tags=["Acteurs/Zas"]).id,
        "tokaiev": seeded.highlight(zas, quote="Tokaïev", tags=["Acteurs/Tokaïev"]).id,
        "retrait": seeded.highlight(
            zas, quote="Le retrait des forces collectives", tags=["Mission"]
        ).id,
        "blinken": seeded.highlight(blinken, quote="Antony Blinken", tags=["Acteurs/Blinken"]).id,
    }
    seeded.link(ids["zas"], ids["blinken"], "responds to")
    seeded.link(ids["tokaiev"], ids["zas"], "corroborates")
    return ids


def kinds(report: CheckReport) -> set[str]:
    return {p.kind for p in report.problems}


def only(report: CheckReport, kind: str) -> CheckProblem:
    found = [p for p in report.problems if p.kind == kind]
    assert len(found) == 1, report.problems
    return found[0]


def repair_then_clean(lib: Library) -> CheckReport:
    """Repair; every problem must be repaired and a second check find nothing."""
    repaired = check_library(lib, repair=True)
    assert repaired.problems, "nothing to repair"
    assert all(p.repaired for p in repaired.problems), repaired.problems
    assert repaired.clean and repaired.repaired
    again = check_library(lib)
    assert again.problems == [], again.problems
    assert again.clean and not again.repaired
    assert quick_check(lib).problems == []
    return repaired


# -- a sound library -------------------------------------------------------------------


def test_a_sound_library_reports_nothing_and_repair_changes_nothing(
    seeded: Library, coded: dict[str, int]
) -> None:
    before = snapshot(seeded)
    for report in (check_library(seeded), quick_check(seeded), check_library(seeded, True)):
        assert report.problems == [] and report.notes == []
        assert report.clean and not report.repaired
    assert snapshot(seeded) == before
    assert check_library(seeded).full and not quick_check(seeded).full


def test_an_empty_library_reports_nothing(library: Library) -> None:
    assert check_library(library).problems == []
    assert quick_check(library).problems == []


# -- rows pointing at missing parents --------------------------------------------------


def test_dangling_rows_are_found_and_only_they_are_deleted(
    seeded: Library, coded: dict[str, int], seed_ids: dict[str, int]
) -> None:
    before = user_data(seeded)
    tag_id = seeded.tag("Mission").id
    with raw(seeded) as conn:
        conn.execute("INSERT INTO passage_tags VALUES (9001, ?)", (tag_id,))
        conn.execute(
            "INSERT INTO links (uid, source_id, target_id, relation, created_at) "
            "VALUES ('l-gone', ?, 9002, 'repeats', '2024-01-01')",
            (coded["zas"],),
        )
        conn.execute("INSERT INTO document_attributes VALUES (9003, 'pays', 'KZ')")
        # a passage of a missing document, still tagged and linked
        conn.execute(
            'INSERT INTO passages (id, uid, document_id, start, "end", exact, prefix, suffix, '
            "status, created_at, modified_at) VALUES (9004, 'p-gone', 9005, 0, 3, 'abc', '', "
            "'', 'exact', '2024-01-01', '2024-01-01')"
        )
        conn.execute("INSERT INTO passage_tags VALUES (9004, ?)", (tag_id,))
        conn.execute(
            "INSERT INTO links (uid, source_id, target_id, relation, created_at) "
            "VALUES ('l-to-gone', ?, 9004, 'repeats', '2024-01-01')",
            (coded["blinken"],),
        )

    report = check_library(seeded)
    assert kinds(report) == {check.DANGLING_ROWS}
    messages = sorted(p.message for p in report.problems)
    assert messages == [
        "1 document attribute points at a document that no longer exists",
        "1 link points at a passage that no longer exists",
        "1 passage points at a document that no longer exists",
        "1 tag assignment points at a passage that no longer exists",
    ]
    assert not report.clean and not report.repaired
    assert kinds(quick_check(seeded)) == {check.DANGLING_ROWS}
    assert user_data(seeded) != before  # a check alone changes nothing

    repaired = repair_then_clean(seeded)
    outcomes = {p.message.split(" points")[0]: p.outcome for p in repaired.problems}
    assert outcomes["1 passage"] == (
        "deleted, along with 1 tag assignment and 1 link attached to them"
    )
    # every row of the user's own work is still there, and only it
    assert user_data(seeded) == before
    assert [li.relation for li in seeded.links(coded["zas"])] == ["responds to", "corroborates"]


def test_a_tag_whose_parent_is_gone_becomes_top_level_with_its_codings(
    seeded: Library, coded: dict[str, int]
) -> None:
    seeded.create_tag("Zas")  # a top-level tag already has the name of a sub-tag
    acteurs = seeded.tag("Acteurs").id
    zas_tag = seeded.tag("Acteurs/Zas").id
    with raw(seeded) as conn:
        conn.execute("DELETE FROM tags WHERE id = ?", (acteurs,))

    report = check_library(seeded)
    problem = only(report, check.DANGLING_ROWS)
    assert problem.message == "3 tags point at tags that no longer exist"
    assert problem.count == 3

    repaired = repair_then_clean(seeded)
    assert only(repaired, check.DANGLING_ROWS).outcome == "made top-level tags"
    assert seeded.passage(coded["zas"]).tags == [f"Zas ({zas_tag})"]
    assert seeded.passage(coded["tokaiev"]).tags == ["Tokaïev"]
    assert seeded.passage(coded["blinken"]).tags == ["Blinken"]
    assert sorted(seeded.tag_paths()) == sorted(
        ["Blinken", "Mission", "Tokaïev", "Zas", f"Zas ({zas_tag})"]
    )


# -- passages against their texts ------------------------------------------------------


def test_passages_that_no_longer_match_their_text_are_reanchored(
    seeded: Library, coded: dict[str, int], seed_ids: dict[str, int]
) -> None:
    zas_doc = seed_ids["zas_retrait"]
    old = seeded.document(zas_doc).text
    new = "Préambule ajouté hors de kzreader. " + old.replace("Tokaïev", "Tokaiev").replace(
        "Le retrait des forces collectives", "Tout autre chose est écrite ici."
    )
    tags_before = {pid: seeded.passage(pid).tags for pid in coded.values()}
    links_before = {pid: seeded.links(pid) for pid in coded.values()}
    blinken_before = seeded.passage(coded["blinken"])
    with raw(seeded) as conn:
        conn.execute("UPDATE documents SET text = ? WHERE id = ?", (new, zas_doc))

    report = check_library(seeded)
    problem = only(report, check.PASSAGES_MISMATCH)
    assert problem.message == "3 passages no longer match their text"
    assert problem.ids == sorted([coded["zas"], coded["tokaiev"], coded["retrait"]])
    # its length changed: edited on purpose, not damaged (a flipped bit keeps it)
    assert check.DOCUMENT_DAMAGED not in kinds(report)
    (changed,) = [n for n in report.notes if n.kind == check.TEXTS_CHANGED]
    assert changed.ids == [zas_doc] and "changed outside kzreader" in changed.message
    assert kinds(quick_check(seeded)) == set()  # texts are not compared at open

    repaired = repair_then_clean(seeded)
    assert only(repaired, check.PASSAGES_MISMATCH).outcome == "1 moved, 1 fuzzy, 1 orphaned"
    # the new text is now the document's own, and the index has it
    (taken,) = [n for n in repaired.notes if n.kind == check.TEXTS_CHANGED]
    assert "its text was recorded as its own" in taken.message
    assert [h.document_id for h in seeded.search("Préambule").hits] == [zas_doc]
    zas, tokaiev, retrait = (seeded.passage(coded[k]) for k in ("zas", "tokaiev", "retrait"))
    assert (zas.status, tokaiev.status, retrait.status) == ("moved", "fuzzy", "orphan")
    for p in (zas, tokaiev):
        assert new[p.start : p.end] == p.exact
    assert tokaiev.exact == "Tokaiev"
    assert retrait.exact == "Le retrait des forces collectives"  # kept for re-attaching
    # the untouched passage, and every tag and link, are as they were
    assert seeded.passage(coded["blinken"]) == blinken_before
    assert {pid: seeded.passage(pid).tags for pid in coded.values()} == tags_before
    assert {pid: [li.id for li in seeded.links(pid)] for pid in coded.values()} == {
        pid: [li.id for li in links] for pid, links in links_before.items()
    }
    # the orphan is a note, not a problem
    note = check_library(seeded).notes
    assert [(n.kind, n.count, n.ids) for n in note] == [
        (check.ORPHAN_PASSAGES, 1, [coded["retrait"]])
    ]


def test_a_passage_out_of_its_text_is_put_back(seeded: Library, coded: dict[str, int]) -> None:
    before = seeded.passage(coded["blinken"])
    with raw(seeded) as conn:
        conn.execute(
            'UPDATE passages SET start = start + 100000, "end" = "end" + 100000 WHERE id = ?',
            (coded["blinken"],),
        )
    # the row no longer matches its checksum: damaged, not to be re-anchored
    problem = only(check_library(seeded), check.ANNOTATION_DAMAGED)
    assert problem.ids == [coded["blinken"]] and problem.repairable
    assert check.PASSAGES_MISMATCH not in kinds(check_library(seeded))
    # its quote, found in its text, gives back the very row the checksum was made for
    repaired = repair_then_clean(seeded)
    assert only(repaired, check.ANNOTATION_DAMAGED).outcome == (
        "its selector rebuilt from its document's text"
    )
    assert seeded.passage(coded["blinken"]) == before


def test_orphaned_passages_are_a_note_not_a_problem(
    seeded: Library, coded: dict[str, int], seed_ids: dict[str, int]
) -> None:
    source_path = seeded.document(seed_ids["zas_retrait"]).source_path
    assert source_path is not None
    article = Path(source_path)
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "Le retrait des forces collectives", "Tout autre chose est écrite ici."
        ),
        encoding="utf-8",
    )
    (result,) = seeded.import_paths([article]).results
    assert result.status == "updated" and result.passages["orphan"] == 1
    report = check_library(seeded, repair=True)
    assert report.problems == [] and report.clean and not report.repaired
    assert [n.kind for n in report.notes] == [check.ORPHAN_PASSAGES]
    assert "1 passage is orphaned" in report.notes[0].message
    assert seeded.passage(coded["retrait"]).exact == "Le retrait des forces collectives"


# -- the index against the database ----------------------------------------------------


def _ghost(doc_id: int, content_hash: str = "0" * 64) -> IndexDoc:
    return IndexDoc(doc_id, content_hash, "Fantôme", "Un texte fantôme sur Zyxwuvland.", [])


@pytest.mark.parametrize(
    "fault, kind",
    [
        ("missing", check.INDEX_MISSING_DOCUMENTS),
        ("stale", check.INDEX_STALE_DOCUMENTS),
        ("extra", check.INDEX_EXTRA_ENTRIES),
    ],
)
def test_index_entries_out_of_step_are_brought_up_to_date(
    seeded: Library, seed_ids: dict[str, int], fault: str, kind: str
) -> None:
    blinken = seed_ids["blinken"]
    with seeded.index.writer() as writer:
        if fault == "missing":
            seeded.index.delete(writer, blinken)
        elif fault == "stale":
            seeded.index.add(writer, _ghost(blinken))
        else:
            seeded.index.add(writer, _ghost(9999), new=True)
    assert seeded.index_state() == "current"  # the generation says nothing is wrong

    problem = only(check_library(seeded), kind)
    assert problem.ids == ([9999] if fault == "extra" else [blinken])
    assert quick_check(seeded).problems == []  # entries are not compared at open

    repaired = repair_then_clean(seeded)
    assert only(repaired, kind).outcome == "index brought up to date"
    assert [h.document_id for h in seeded.search("Blinken").hits] == [blinken]
    assert seeded.search("Zyxwuvland").hits == []


def test_a_deleted_index_is_rebuilt(seeded: Library) -> None:
    seeded.index.close()
    shutil.rmtree(seeded.index.path)
    assert kinds(check_library(seeded)) == {check.INDEX_MISSING}
    assert kinds(quick_check(seeded)) == {check.INDEX_MISSING}
    repaired = repair_then_clean(seeded)
    assert only(repaired, check.INDEX_MISSING).outcome == "index rebuilt (5 documents)"
    assert len(seeded.search("Kazakhstan").hits) == 5


def test_a_damaged_index_is_rebuilt(seeded: Library) -> None:
    seeded.index.close()
    for segment in seeded.index.path.iterdir():
        if segment.suffix in (".toc", ".seg", ".trm", ".pst"):
            segment.write_bytes(b"\x00garbage" * 10)
    assert kinds(check_library(seeded)) == {check.INDEX_UNUSABLE}
    repair_then_clean(seeded)
    assert len(seeded.search("Kazakhstan").hits) == 5


@pytest.mark.parametrize("quick", [False, True])
def test_an_index_generation_behind_the_database_is_caught_up(seeded: Library, quick: bool) -> None:
    with raw(seeded) as conn:
        conn.execute("UPDATE meta SET value = '42' WHERE key = 'generation'")
    for report in (check_library(seeded), quick_check(seeded)):
        problem = only(report, check.INDEX_GENERATION)
        assert "the database is at change 42" in problem.message
    if quick:
        repaired = quick_check(seeded, repair=True)
        assert repaired.clean and repaired.repaired
        assert check_library(seeded).problems == []
    else:
        repair_then_clean(seeded)
    assert seeded.index.read_state()["generation"] == 42
    assert seeded.index_state() == "current"


# -- temporary files -------------------------------------------------------------------


def _leave_leftovers(lib: Library) -> list[Path]:
    """What a crash at the wrong moment leaves behind, one of each kind."""
    folders = [
        lib.path / "index.new-deadbeef",  # a rebuild that did not finish
        lib.path / "index.old-cafebabe",  # a swap that did not finish
        lib.index.path / "MAIN.tmp",  # a Whoosh writer that never committed
    ]
    files = [
        lib.path / "kzreader.owner.tmp",
        lib.index.path / "kzreader-index.tmp",
        lib.path / "backups" / "auto-20240101T000000Z.sqlite.partial",
    ]
    for folder in folders:
        folder.mkdir()
        (folder / "segment").write_text("half-written")
    for file in files:
        file.parent.mkdir(exist_ok=True)
        file.write_text("half-written")
    return folders + files


def test_leftover_temporary_files_are_deleted_and_nothing_else(seeded: Library) -> None:
    keep = seeded.path / "backups" / "manual-20240101T000000Z.sqlite"
    keep.parent.mkdir(exist_ok=True)
    keep.write_text("a backup")
    made = _leave_leftovers(seeded)
    others = {p for p in seeded.path.rglob("*") if p.is_file()} - {
        f for m in made for f in ([m] if m.is_file() else m.rglob("*"))
    }

    for report in (check_library(seeded), quick_check(seeded)):
        problem = only(report, check.LEFTOVER_FILES)
        assert problem.count == len(made)
        assert sorted(problem.paths) == sorted(str(p) for p in made)
        assert "6 temporary files or folders were left" in problem.message
    assert all(p.exists() for p in made)

    repair_then_clean(seeded)
    assert not any(p.exists() for p in made)
    assert {p for p in seeded.path.rglob("*") if p.is_file()} >= others
    assert keep.read_text() == "a backup"
    assert len(seeded.search("Kazakhstan").hits) == 5


def test_the_files_of_a_running_index_writer_are_left_alone(seeded: Library) -> None:
    writer = seeded.index.open().writer()  # holds the lock, keeps index/MAIN.tmp
    try:
        busy = [p for p in seeded.index.path.glob("*.tmp") if p.is_dir()]
        assert busy
        report = check_library(seeded, repair=True)
        assert report.problems == []
        assert [n.kind for n in report.notes] == [check.INDEX_BUSY]
        assert all(p.exists() for p in busy)
    finally:
        writer.cancel()
    assert check_library(seeded).problems == []


# -- the database file ------------------------------------------------------------------


def test_a_damaged_database_is_reported_with_the_advice_to_restore(seeded: Library) -> None:
    path = seeded.path
    seeded.close()
    conn = sqlite3.connect(path / "library.sqlite")
    # an index that no longer agrees with its table: SQLite's quick_check at
    # open does not see it, integrity_check does
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_documents_source_path ON "
        "documents (title)' WHERE name = 'ix_documents_source_path'"
    )
    conn.commit()
    conn.close()
    with Library(path) as lib:
        before = snapshot(lib)
        report = check_library(lib, repair=True)
        problem = only(report, check.DATABASE_DAMAGED)
        assert not problem.repairable and not problem.repaired
        assert "kzreader restore" in problem.advice
        assert not report.clean and not report.repaired
        assert [n.kind for n in report.notes] == [check.CHECKS_SKIPPED]
        assert snapshot(lib) == before  # nothing was written to the damaged file


def test_repair_is_refused_on_a_read_only_library(seeded: Library) -> None:
    with Library(seeded.path, read_only=True) as lib:
        assert check_library(lib).problems == []
        with pytest.raises(ReadOnlyError, match="read-only"):
            check_library(lib, repair=True)


def test_all_faults_at_once_are_repaired_in_one_run(
    seeded: Library, coded: dict[str, int], seed_ids: dict[str, int]
) -> None:
    zas_doc = seed_ids["zas_retrait"]
    with raw(seeded) as conn:
        conn.execute("INSERT INTO passage_tags VALUES (9001, ?)", (seeded.tag("Mission").id,))
        conn.execute(
            "UPDATE documents SET text = 'Avant. ' || text WHERE id = ?",
            (zas_doc,),
        )
        conn.execute("UPDATE meta SET value = '42' WHERE key = 'generation'")
    with seeded.index.writer() as writer:
        seeded.index.delete(writer, seed_ids["blinken"])
    _leave_leftovers(seeded)
    report = check_library(seeded)
    assert kinds(report) == {
        check.DANGLING_ROWS,
        check.PASSAGES_MISMATCH,
        check.INDEX_GENERATION,
        check.INDEX_MISSING_DOCUMENTS,
        check.LEFTOVER_FILES,
    }
    repaired = repair_then_clean(seeded)
    assert only(repaired, check.PASSAGES_MISMATCH).outcome == "3 moved"
