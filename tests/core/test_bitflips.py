"""Bits flipped in the database file: whatever changes the user's articles or
annotations is reported by the full check, naming the article and the backup
that holds a good copy, and a repair writes back only copies proven good."""

from __future__ import annotations

import random
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest

from kzreader.core import check
from kzreader.core.check import CheckProblem, CheckReport
from kzreader.core.errors import LibraryError
from kzreader.core.library import Library

#: The tables of the user's work (the rest is bookkeeping: meta, undo history).
USER_TABLES = ("documents", "document_attributes", "tags", "passages", "passage_tags", "links")

NOTE = "Annonce de la fin de la mission, au nom de tous les membres."
LINK_NOTE = "Washington répond sans le nommer."
COLOUR = "#123456"


# -- a library, and its file -----------------------------------------------------------


def _build(folder: Path, seeds_dir: Path) -> dict[str, int]:
    """The sample articles, passages with tags and notes, a link with a note,
    a tag with its own colour, an attribute; a backup of it all."""
    with Library(folder) as lib:
        lib.import_paths([seeds_dir])
        by_file = {d.file_name: d.id for d in lib.documents()}
        zas = by_file["003_5a814d00d646ab81.txt"]
        blinken = by_file["004_500be365c57d552d.txt"]
        ids = {"doc": zas, "other_doc": blinken}
        ids["zas"] = lib.highlight(zas, quote="Stanislav Zas", tags=["Acteurs/Zas"], note=NOTE).id
        ids["tokaiev"] = lib.highlight(zas, quote="Tokaïev", tags=["Acteurs/Tokaïev"]).id
        ids["blinken"] = lib.highlight(blinken, quote="Antony Blinken", tags=["Acteurs/Blinken"]).id
        ids["link"] = lib.link(ids["zas"], ids["blinken"], "responds to", note=LINK_NOTE).id
        ids["tag"] = lib.create_tag("Mission", color=COLOUR).id
        lib.tag_passage(ids["tokaiev"], "Mission")
        lib.set_attribute(zas, "pays", "Kazakhstan")
        lib.backup()
    return ids


@pytest.fixture
def built(tmp_path: Path, seeds_dir: Path) -> tuple[Path, dict[str, int]]:
    folder = tmp_path / "lib"
    return folder, _build(folder, seeds_dir)


def _owners(db: Path) -> dict[int, str]:
    """``{page: table or index}``, from SQLite's own page statistics."""
    conn = sqlite3.connect(db)
    try:
        return {int(p): str(n) for n, p in conn.execute("SELECT name, pageno FROM dbstat")}
    finally:
        conn.close()


def _page_size(db: Path) -> int:
    size = struct.unpack(">H", db.read_bytes()[16:18])[0]
    return 65536 if size == 1 else size


def offset_of(db: Path, needle: bytes, table: str, nth: int = 0) -> int:
    """Where ``needle`` is stored in the pages of ``table`` (the undo
    history, on pages of its own, may hold copies of it)."""
    data, owners, size = db.read_bytes(), _owners(db), _page_size(db)
    found, at = [], data.find(needle)
    while at >= 0:
        if owners.get(at // size + 1) == table:
            found.append(at)
        at = data.find(needle, at + 1)
    assert len(found) > nth, f"{needle!r} is not in the pages of {table}"
    return found[nth]


def flip(db: Path, offset: int, bit: int = 0) -> None:
    with open(db, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([byte ^ (1 << bit)]))


def _int_size(value: int) -> int:
    """Bytes of an integer in an SQLite record (schema format 4)."""
    if value in (0, 1):
        return 0
    for size in (1, 2, 3, 4, 6):
        if -(1 << (8 * size - 1)) <= value < 1 << (8 * size - 1):
            return size
    return 8


def user_rows(db: Path) -> dict[str, object]:
    """Every row of the user's tables, as stored (texts as bytes)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.text_factory = bytes
    try:
        return {
            t: sorted(conn.execute(f'SELECT rowid, * FROM "{t}"').fetchall()) for t in USER_TABLES
        }
    except sqlite3.Error as exc:  # what a damaged file says is damage too
        return {"unreadable": type(exc).__name__}
    finally:
        conn.close()


def only(report: CheckReport, kind: str) -> CheckProblem:
    found = [p for p in report.problems if p.kind == kind]
    assert len(found) == 1, report.problems
    return found[0]


def backup_of(folder: Path) -> Path:
    (path,) = (folder / "backups").glob("backup-*.sqlite")
    return path


# -- an article's text -----------------------------------------------------------------


def test_a_flipped_digit_in_an_article_is_reported_with_the_backup_that_holds_it(
    built: tuple[Path, dict[str, int]],
) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    # "Plus de 3 000 soldats" becomes "Plus de 2 000 soldats": still a sound page
    flip(db, offset_of(db, b"Plus de 3 000 soldats", "documents") + len("Plus de "))
    with Library(folder) as lib:
        assert "Plus de 2 000 soldats" in lib.document(ids["doc"]).text
        assert lib.check(quick=True).problems == []  # texts are not read at every opening
        title = lib.document(ids["doc"]).info.title
        problem = only(lib.check(), check.DOCUMENT_DAMAGED)
        assert problem.ids == [ids["doc"]]
        assert f"document {ids['doc']} “{title[:60]}" in problem.message
        assert "its text no longer matches the fingerprint" in problem.message
        assert f"the backup {backup_of(folder).name} holds a good copy" in problem.message
        assert problem.paths == [str(backup_of(folder))]
        assert problem.repairable and not problem.repaired
        assert [p.kind for p in lib.check().problems] == [check.DOCUMENT_DAMAGED]

        repaired = only(lib.check(repair=True), check.DOCUMENT_DAMAGED)
        assert repaired.repaired
        assert repaired.outcome == f"text restored from the backup {backup_of(folder).name}"
        assert "Plus de 3 000 soldats" in lib.document(ids["doc"]).text
        assert lib.check().problems == []


def test_a_flip_inside_a_passage_is_not_re_anchored_onto_the_damaged_text(
    built: tuple[Path, dict[str, int]], seeds_dir: Path
) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    backup_of(folder).unlink()
    (seeds_dir / "003_5a814d00d646ab81.txt").write_text("Un autre texte.", encoding="utf-8")
    before_it = "la demande du président ".encode()
    flip(db, offset_of(db, before_it + "Tokaïev".encode(), "documents") + len(before_it), bit=1)
    before = user_rows(db)
    with Library(folder) as lib:
        passage = lib.passage(ids["tokaiev"])
        assert lib.document(ids["doc"]).text[passage.start : passage.end] == "Vokaïev"
        report = lib.check(repair=True)
        # no backup and no original file holds it: left as it is, said so
        problem = only(report, check.DOCUMENT_DAMAGED)
        assert not problem.repairable and not problem.repaired
        assert "its passages are left as they are" in problem.message
        assert "no backup holds a good copy of it, nor does its original file" in problem.advice
        assert check.PASSAGES_MISMATCH not in {p.kind for p in report.problems}
        assert lib.passage(ids["tokaiev"]) == passage  # still quoting "Tokaïev", not "Vokaïev"
    assert user_rows(db) == before  # the repair wrote nothing


def test_without_a_backup_the_original_file_gives_the_text_back(
    built: tuple[Path, dict[str, int]],
) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    backup_of(folder).unlink()
    flip(db, offset_of(db, b"Plus de 3 000 soldats", "documents") + len("Plus de "))
    with Library(folder) as lib:
        source = lib.document(ids["doc"]).source_path
        problem = only(lib.check(), check.DOCUMENT_DAMAGED)
        assert f"its original file {source} holds a good copy" in problem.message
        repaired = only(lib.check(repair=True), check.DOCUMENT_DAMAGED)
        assert repaired.outcome == f"text restored from its original file {source}"
        assert "Plus de 3 000 soldats" in lib.document(ids["doc"]).text
        assert lib.check().problems == []


def test_a_flipped_title_is_put_back_from_the_backup(built: tuple[Path, dict[str, int]]) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    with Library(folder) as lib:
        info = lib.document(ids["doc"]).info
    # the title is stored right after the document's uid
    flip(db, offset_of(db, info.uid.encode(), "documents") + 36 + 3, bit=5)
    with Library(folder) as lib:
        assert lib.document(ids["doc"]).info.title != info.title
        problem = only(lib.check(), check.DOCUMENT_DAMAGED)
        assert "its details (title, source, dates, fingerprint) no longer match" in problem.message
        assert f"“{info.title[:60]}" in problem.message  # named by its good title
        assert only(lib.check(repair=True), check.DOCUMENT_DAMAGED).repaired
        assert lib.document(ids["doc"]).info == info
        assert lib.check().problems == []


# -- the user's annotations ------------------------------------------------------------


def test_a_flipped_note_is_reported_and_restored_from_the_backup(
    built: tuple[Path, dict[str, int]],
) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    flip(db, offset_of(db, b"Annonce de la fin", "passages") + 14, bit=1)  # "fin" → "din"
    with Library(folder) as lib:
        assert lib.passage(ids["zas"]).note == NOTE.replace("fin de", "din de")
        assert lib.check(quick=True).problems == []
        problem = only(lib.check(), check.ANNOTATION_DAMAGED)
        assert problem.ids == [ids["zas"]]
        assert problem.message.startswith(f"passage {ids['zas']} in document {ids['doc']} “")
        assert f"a good copy is in the backup {backup_of(folder).name}" in problem.message
        repaired = only(lib.check(repair=True), check.ANNOTATION_DAMAGED)
        assert repaired.outcome == f"restored from the backup {backup_of(folder).name}"
        assert lib.passage(ids["zas"]).note == NOTE
        assert lib.check().problems == []


def test_a_note_changed_since_the_backup_is_not_overwritten_by_it(
    built: tuple[Path, dict[str, int]],
) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    newer = NOTE + " Ajouté après la sauvegarde."
    with Library(folder) as lib:
        lib.update_passage(ids["zas"], note=newer)
    for path in (folder / "backups").glob("auto-*.sqlite"):
        path.unlink()  # the backup taken on closing holds the newer note
    flip(db, offset_of(db, "après la sauvegarde".encode(), "passages"), bit=0)
    before = user_rows(db)
    with Library(folder) as lib:
        problem = only(lib.check(repair=True), check.ANNOTATION_DAMAGED)
        assert not problem.repairable and not problem.repaired
        assert problem.advice.startswith(
            f"the backup {backup_of(folder).name} holds an earlier version of it"
        )
    assert user_rows(db) == before


def test_a_flipped_passage_end_is_rebuilt_from_its_text(
    built: tuple[Path, dict[str, int]],
) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    backup_of(folder).unlink()  # the text alone is enough
    with Library(folder) as lib:
        passage = lib.passage(ids["tokaiev"])
        doc = ids["doc"]
    # after the uid: document_id, start, then end, each as small as it fits
    at = offset_of(db, passage.uid.encode(), "passages") + 36
    at += _int_size(doc) + _int_size(passage.start) + _int_size(passage.end) - 1
    flip(db, at)
    with Library(folder) as lib:
        assert lib.passage(ids["tokaiev"]).end == passage.end ^ 1
        problem = only(lib.check(), check.ANNOTATION_DAMAGED)
        assert "its document's text gives it back" in problem.message
        assert check.PASSAGES_MISMATCH not in {p.kind for p in lib.check().problems}
        repaired = only(lib.check(repair=True), check.ANNOTATION_DAMAGED)
        assert repaired.outcome == "its selector rebuilt from its document's text"
        assert lib.passage(ids["tokaiev"]) == passage
        assert lib.check().problems == []


@pytest.mark.parametrize(
    "table, needle, what",
    [("tags", COLOUR.encode(), "tag"), ("links", LINK_NOTE.encode(), "link")],
)
def test_flipped_tag_colours_and_link_notes_are_restored(
    built: tuple[Path, dict[str, int]], table: str, needle: bytes, what: str
) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    flip(db, offset_of(db, needle, table) + 3)
    with Library(folder) as lib:
        before = (lib.tag("Mission").color, [li.note for li in lib.links(ids["zas"])])
        problem = only(lib.check(), check.ANNOTATION_DAMAGED)
        assert problem.ids == [ids[what if what == "link" else "tag"]]
        assert problem.message.startswith(f"{what} ")
        assert only(lib.check(repair=True), check.ANNOTATION_DAMAGED).repaired
        after = (lib.tag("Mission").color, [li.note for li in lib.links(ids["zas"])])
        assert after != before and after == (COLOUR, [LINK_NOTE])
        assert lib.check().problems == []


def test_a_flipped_attribute_value_is_caught_by_sqlite_itself(
    built: tuple[Path, dict[str, int]],
) -> None:
    folder, _ids = built
    db = folder / "library.sqlite"
    flip(db, offset_of(db, b"Kazakhstan", "document_attributes"), bit=5)  # K → k
    with Library(folder) as lib:
        assert check.DATABASE_DAMAGED in {p.kind for p in lib.check().problems}


# -- the schema and the undo history ---------------------------------------------------


def test_a_flipped_trigger_is_caught_at_opening(built: tuple[Path, dict[str, int]]) -> None:
    folder, _ids = built
    db = folder / "library.sqlite"
    # the undo history's record of a passage's note would lose it, silently
    flip(db, offset_of(db, b"'note', NEW.\"note\"", "sqlite_schema") + 1)  # 'note' → 'oote'
    with Library(folder) as lib:
        problem = only(lib.check(quick=True), check.DATABASE_DAMAGED)
        assert "history_links_insert" in problem.message or "history_passages" in problem.message
        assert problem.paths[1:] == [str(backup_of(folder))]  # its schema is sound
        assert f"kzreader restore {backup_of(folder)}" in problem.advice
        assert only(lib.check(), check.DATABASE_DAMAGED)


def test_a_damaged_undo_history_is_forgotten_not_replayed(
    built: tuple[Path, dict[str, int]],
) -> None:
    folder, ids = built
    db = folder / "library.sqlite"
    with Library(folder) as lib:
        lib.update_passage(ids["zas"], note="Une autre note")
        lib.update_passage(ids["blinken"], note="Une note de plus")
    flip(db, offset_of(db, b"Une autre note", "history_changes"), bit=1)
    with Library(folder) as lib:
        problem = only(lib.check(), check.HISTORY_DAMAGED)
        (damaged,) = problem.ids
        assert only(lib.check(repair=True), check.HISTORY_DAMAGED).repaired
        assert lib.check().problems == []
        assert lib.passage(ids["zas"]).note == "Une autre note"  # the rows are untouched
        lib.undo()  # the operation after the damaged one can still be undone
        assert lib.passage(ids["blinken"]).note is None
        assert all(entry.id > damaged for entry in lib.history())


# -- random flips ----------------------------------------------------------------------


def _used_offset(data: bytes, size: int, pages: list[int], rng: random.Random) -> int:
    """A random byte of one of ``pages``, among the bytes that hold
    something: a b-tree page's header and cell content area, an overflow
    page whole."""
    page = rng.choice(pages)
    base = (page - 1) * size
    header = base + (100 if page == 1 else 0)
    if data[header] in (2, 5, 10, 13):  # a b-tree page
        content = struct.unpack(">H", data[header + 5 : header + 7])[0] or 65536
        if rng.random() < 0.1 or content >= size:
            return header + rng.randrange(8)
        return base + content + rng.randrange(size - content)
    return base + rng.randrange(size)


def test_every_random_flip_that_changes_the_users_work_is_reported(
    tmp_path: Path, seeds_dir: Path
) -> None:
    pristine = tmp_path / "pristine"
    _build(pristine, seeds_dir)
    db = pristine / "library.sqlite"
    before = user_rows(db)
    data, size = db.read_bytes(), _page_size(db)
    # the pages of the user's tables and their indexes (the schema and the
    # undo history have flips of their own above)
    conn = sqlite3.connect(db)
    tables = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master").fetchall())
    conn.close()
    pages = sorted(p for p, name in _owners(db).items() if tables.get(name) in USER_TABLES)
    rng = random.Random(20240113)
    changed = 0
    for n in range(20):
        offset, bit = _used_offset(data, size, pages, rng), rng.randrange(8)
        folder = tmp_path / f"flip-{n}"
        shutil.copytree(pristine, folder)
        flip(folder / "library.sqlite", offset, bit)
        after = user_rows(folder / "library.sqlite")
        try:
            with Library(folder, sync_index=False) as lib:
                found = lib.check(quick=True).problems + lib.check().problems
        except LibraryError:  # damaged, or not readable as text any more
            found = ["refused at opening"]
        if after != before:
            changed += 1
            assert found, f"flip {n} (byte {offset}, bit {bit}) changed the user's work unseen"
    assert changed >= 5  # the run is not all in bytes that hold nothing
