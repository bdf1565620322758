"""The counts the database's triggers keep of the passages' tags: how many
passages of each article each tag has (``document_tags``), and how many
passages carry each set of tags (``tag_sets``). After every kind of change
a user makes, and its undo and redo, both hold what the passages and their
tags say; the library's tag filter reads the articles from the first, the
tag panel its counts from the second."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests_support import upgraded_from

from kzreader.core.library import Library
from kzreader.core.migrations import DOCUMENT_TAGS_ROWS, TAG_SETS_ROWS


def stored(lib: Library) -> list[tuple[int, int, int]]:
    with sqlite3.connect(lib.db_path) as conn:
        return sorted(conn.execute("SELECT tag_id, document_id, passages FROM document_tags"))


def computed(lib: Library) -> list[tuple[int, int, int]]:
    with sqlite3.connect(lib.db_path) as conn:
        return sorted(conn.execute(DOCUMENT_TAGS_ROWS))


def sets_agree(lib: Library) -> bool:
    with sqlite3.connect(lib.db_path) as conn:
        kept = sorted(conn.execute("SELECT tags, passages FROM tag_sets"))
        return kept == sorted(conn.execute(TAG_SETS_ROWS))


def panel_counts(lib: Library) -> dict[str, tuple[int, int]]:
    """``{tag path: (own passages, passages with it or a sub-tag)}`` as the
    tag panel shows them, and as the passages and their tags say."""
    return {t.path: (t.count, t.total) for t in lib.tags()}


def counted(lib: Library) -> dict[str, tuple[int, int]]:
    every = lib.tags()
    with sqlite3.connect(lib.db_path) as conn:
        rows = conn.execute("SELECT passage_id, tag_id FROM passage_tags").fetchall()
    out = {}
    for t in every:
        family = {u.id for u in every if u.path == t.path or u.path.startswith(t.path + "/")}
        own = sum(1 for _, tag in rows if tag == t.id)
        out[t.path] = (own, len({p for p, tag in rows if tag in family}))
    return out


def agrees(lib: Library) -> bool:
    return stored(lib) == computed(lib) and sets_agree(lib) and panel_counts(lib) == counted(lib)


def test_every_change_and_its_undo_and_redo_keep_the_counts(
    seeded: Library, seed_ids: dict[str, int], seeds_dir: Path
) -> None:
    lib = seeded
    zas, rt, blinken = seed_ids["sputnik_zas"], seed_ids["rt_zas"], seed_ids["blinken"]
    a = lib.highlight(zas, quote="Stanislav Zas", tags=["Acteurs/OTSC", "Lieux"])
    b = lib.highlight(rt, quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    c = lib.highlight(rt, quote="dit Zas", tags=["Acteurs/OTSC"])
    lib.highlight(blinken, quote="Antony Blinken", tags=["Acteurs/USA"])
    otsc = lib.tag("Acteurs/OTSC").id
    assert (otsc, rt, 2) in stored(lib) and (otsc, zas, 1) in stored(lib)
    assert agrees(lib)
    steps = [
        lambda: lib.tag_passage(c.id, "Lieux"),
        lambda: lib.untag_passage(b.id, "Acteurs/OTSC"),
        lambda: lib.merge_tags("Lieux", "Acteurs/USA"),
        lambda: lib.rename_tag("Acteurs/USA", "Pays"),
        lambda: lib.move_tag("Acteurs/Pays", None),
        lambda: lib.delete_passages([a.id]),
        lambda: lib.delete_tag("Acteurs/OTSC"),
        lambda: lib.delete_document(blinken),
        lambda: lib.autocode("Zas", "Autocodé"),
    ]
    for step in steps:
        step()
        assert agrees(lib), step
    for _ in steps:
        lib.undo()
        assert agrees(lib)
    assert (otsc, rt, 2) in stored(lib)
    for _ in steps:
        lib.redo()
        assert agrees(lib)
    # a re-import that loses a passage's text: the passage stays (an orphan),
    # still counted for its article
    rt_file = next(p for p in seeds_dir.iterdir() if lib.document(rt).info.file_name == p.name)
    rt_file.write_text("Un tout autre texte.\n", "utf-8")
    lib.import_paths([rt_file])
    assert agrees(lib) and stored(lib)


def test_the_tag_filter_reads_the_articles_of_a_tag_and_its_sub_tags(
    seeded: Library, seed_ids: dict[str, int]
) -> None:
    lib = seeded
    zas, rt, blinken = seed_ids["sputnik_zas"], seed_ids["rt_zas"], seed_ids["blinken"]
    lib.highlight(zas, quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    twice = lib.highlight(rt, quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    lib.highlight(rt, quote="dit Zas", tags=["Acteurs/OTSC"])
    lib.highlight(blinken, quote="Antony Blinken", tags=["Acteurs/USA"])
    assert lib.documents_with_tag("Acteurs") == {zas, rt, blinken}
    assert lib.documents_with_tag("Acteurs", with_children=False) == set()
    assert lib.documents_with_tag("Acteurs/OTSC") == {zas, rt}
    lib.untag_passage(twice.id, "Acteurs/OTSC")
    assert lib.documents_with_tag("Acteurs/OTSC") == {zas, rt}  # one passage left in RT
    lib.delete_document(rt)
    assert lib.documents_with_tag("Acteurs/OTSC") == {zas}
    lib.undo()
    assert lib.documents_with_tag("Acteurs/OTSC") == {zas, rt}


def test_a_project_imported_is_counted(seeded: Library, seed_ids, tmp_path: Path) -> None:
    seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    seeded.highlight(seed_ids["blinken"], quote="Antony Blinken", tags=["Acteurs/USA"])
    seeded.export("qdpx", tmp_path / "project.qdpx")
    with Library(tmp_path / "other") as other:
        other.import_project(tmp_path / "project.qdpx")
        assert len(stored(other)) == 2 and agrees(other)
        assert len(other.documents_with_tag("Acteurs")) == 2


def test_an_older_library_gets_the_counts_of_its_tagged_passages(
    seeded: Library, seed_ids: dict[str, int]
) -> None:
    seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    seeded.highlight(seed_ids["rt_zas"], quote="dit Zas", tags=["Acteurs/OTSC", "Citations"])
    expected = computed(seeded)
    path = seeded.db_path
    seeded.close()
    assert upgraded_from(path, 6) == [7, 8, 9]
    with sqlite3.connect(path) as conn:
        assert sorted(conn.execute("SELECT * FROM document_tags")) == expected
    with Library(path.parent) as lib:
        assert lib.check().clean and sets_agree(lib)
        assert lib.documents_with_tag("Acteurs/OTSC") == {seed_ids["rt_zas"]}


def test_rows_written_in_any_order_by_sql_are_counted(
    seeded: Library, seed_ids: dict[str, int]
) -> None:
    """Another program, or a repair, deletes a passage and lets the foreign
    key's cascade delete its tags; undo puts a tag back before its passage
    (foreign keys deferred)."""
    p = seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    seeded.highlight(seed_ids["rt_zas"], quote="dit Zas", tags=["Acteurs/OTSC"])
    tag = seeded.tag("Acteurs/OTSC").id
    conn = sqlite3.connect(seeded.db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        row = conn.execute("SELECT * FROM passages WHERE id = ?", (p.id,)).fetchone()
        conn.execute("DELETE FROM passages WHERE id = ?", (p.id,))  # its tag by cascade
        assert conn.execute("SELECT count(*) FROM passage_tags WHERE passage_id = ?", (p.id,)
                            ).fetchone() == (0,)  # fmt: skip
        assert stored(seeded) == computed(seeded) == [(tag, seed_ids["rt_zas"], 1)]
        conn.execute("BEGIN")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("INSERT INTO passage_tags VALUES (?, ?)", (p.id, tag))  # not counted yet
        assert stored(seeded) == [(tag, seed_ids["rt_zas"], 1)]
        conn.execute(f"INSERT INTO passages VALUES ({', '.join('?' * len(row))})", row)
        conn.execute("COMMIT")
        assert stored(seeded) == computed(seeded) == [(tag, seed_ids["rt_zas"], 2)]
        assert sets_agree(seeded)
    finally:
        conn.close()
