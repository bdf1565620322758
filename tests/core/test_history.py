"""Every operation can be undone and redone, many steps deep, across restarts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from tests_support import user_data

from kzreader.core.errors import NotFoundError
from kzreader.core.history import HistoryError
from kzreader.core.library import Library


def _prepare(lib: Library, ids: dict[str, int]) -> dict[str, int]:
    """Some coded material to operate on."""
    a = lib.highlight(ids["sputnik_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    b = lib.highlight(ids["rt_zas"], quote="Stanislav Zas", tags=["Acteurs/CSTO", "Citation"])
    c = lib.highlight(ids["rt_zas"], quote="dit Zas", tags=["Acteurs/CSTO/Zas"], note="source")
    link = lib.link(b.id, a.id, "repeats")
    lib.set_attribute(ids["rt_zas"], "pays", "Russie")
    return {"a": a.id, "b": b.id, "c": c.id, "link": link.id}


OPERATIONS: dict[str, Callable[[Library, dict[str, int], dict[str, int]], object]] = {
    "highlight": lambda lib, ids, p: lib.highlight(
        ids["blinken"], quote="Blinken", tags=["Acteurs/USA"], note="n"
    ),
    "note": lambda lib, ids, p: lib.update_passage(p["c"], note="autre note"),
    "colour": lambda lib, ids, p: lib.update_passage(p["a"], color="#123456"),
    "move passage": lambda lib, ids, p: lib.move_passage(p["a"], 10, 40),
    "delete passage": lambda lib, ids, p: lib.delete_passages([p["b"]]),
    "tag passage": lambda lib, ids, p: lib.tag_passage(p["a"], "Nouveau/Tag"),
    "untag passage": lambda lib, ids, p: lib.untag_passage(p["b"], "Citation"),
    "create tag": lambda lib, ids, p: lib.create_tag("Thèmes/Sécurité", "#abcdef"),
    "rename tag": lambda lib, ids, p: lib.rename_tag("Acteurs/CSTO", "OTSC (en)"),
    "move tag": lambda lib, ids, p: lib.move_tag("Acteurs/CSTO/Zas", None),
    "merge tags": lambda lib, ids, p: lib.merge_tags("Acteurs/CSTO", "Acteurs/OTSC"),
    "delete tag": lambda lib, ids, p: lib.delete_tag("Acteurs"),
    "edit tag": lambda lib, ids, p: lib.edit_tag("Citation", "#000000", "Citations directes"),
    "link": lambda lib, ids, p: lib.link(p["a"], p["c"], "contradicts", note="?"),
    "unlink": lambda lib, ids, p: lib.unlink(p["link"]),
    "set attribute": lambda lib, ids, p: lib.set_attribute(ids["blinken"], "pays", "USA"),
    "remove attribute": lambda lib, ids, p: lib.set_attribute(ids["rt_zas"], "pays", None),
    "delete document": lambda lib, ids, p: lib.delete_document(ids["rt_zas"]),
    "autocode words": lambda lib, ids, p: lib.autocode("Tokayev~", "Acteurs/Tokaïev"),
    "autocode regex": lambda lib, ids, p: lib.autocode(r"\bOTSC\b", "Sigle", regex=True),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_operation_undo_redo(seeded: Library, seed_ids, name: str) -> None:
    prepared = _prepare(seeded, seed_ids)
    before = user_data(seeded)
    OPERATIONS[name](seeded, seed_ids, prepared)
    after = user_data(seeded)
    assert after != before, "the operation changed nothing"
    seeded.undo()
    assert user_data(seeded) == before
    seeded.redo()
    assert user_data(seeded) == after
    seeded.undo()
    assert user_data(seeded) == before


def test_many_steps_deep_and_labels(seeded: Library, seed_ids) -> None:
    states = [user_data(seeded)]
    prepared = _prepare(seeded, seed_ids)
    states.append(user_data(seeded))
    ops = ["merge tags", "delete passage", "autocode regex", "delete document"]
    for name in ops:
        OPERATIONS[name](seeded, seed_ids, prepared)
        states.append(user_data(seeded))
    assert seeded.next_undo().label == "Delete document {}".format(seed_ids["rt_zas"])
    for expected in reversed(states[1:-1]):
        seeded.undo()
        assert user_data(seeded) == expected
    for expected in states[2:]:
        seeded.redo()
        assert user_data(seeded) == expected
    labels = [e.label for e in seeded.history(limit=4)]
    assert labels[0].startswith("Delete document") and labels[1].startswith("Autocode")


def test_a_new_operation_clears_redo(seeded: Library, seed_ids) -> None:
    seeded.highlight(seed_ids["blinken"], quote="Blinken")
    seeded.undo()
    assert seeded.next_redo() is not None
    seeded.highlight(seed_ids["blinken"], quote="Kazakhstan")
    assert seeded.next_redo() is None
    with pytest.raises(HistoryError, match="nothing to redo"):
        seeded.redo()


def test_nothing_to_undo(library: Library) -> None:
    with pytest.raises(HistoryError, match="nothing to undo"):
        library.undo()


def test_failed_operation_leaves_no_history(seeded: Library, seed_ids) -> None:
    before = seeded.history()
    with pytest.raises(NotFoundError):
        seeded.highlight(seed_ids["blinken"], quote="absent de l'article")
    assert seeded.history() == before


def test_undo_restores_search_after_document_changes(seeded: Library, seed_ids) -> None:
    seeded.delete_document(seed_ids["blinken"])
    assert seeded.search("Blinken").total == 0
    seeded.undo()
    assert [h.document_id for h in seeded.search("Blinken").hits] == [seed_ids["blinken"]]
    assert seeded.index_state() == "current"


def test_undo_after_reopening(seeded: Library, seed_ids) -> None:
    before = user_data(seeded)
    _prepare(seeded, seed_ids)
    seeded.merge_tags("Acteurs/CSTO", "Acteurs/OTSC")
    merged = user_data(seeded)
    path = seeded.path
    seeded.close()
    with Library(path) as lib:
        assert lib.next_undo().label == "Merge tags"
        lib.undo()
        assert user_data(lib) != merged
        for _ in range(5):
            lib.undo()
        assert user_data(lib) == before


def test_undo_after_a_crash(seeded: Library, seed_ids, tmp_path: Path) -> None:
    """The process is killed right after the operation committed."""
    _prepare(seeded, seed_ids)
    before = user_data(seeded)
    path = seeded.path
    seeded.close()
    script = tmp_path / "crash.py"
    script.write_text(
        textwrap.dedent(f"""
        import os
        from kzreader.core.library import Library
        lib = Library({str(path)!r})
        lib.merge_tags("Acteurs/CSTO", "Acteurs/OTSC")
        os._exit(9)  # no close, no cleanup
    """)
    )
    done = subprocess.run([sys.executable, str(script)], env=os.environ, timeout=120)
    assert done.returncode == 9
    with Library(path) as lib:
        assert "Acteurs/CSTO" not in [t.path for t in lib.tags()]
        lib.undo()
        assert user_data(lib) == before


def test_operations_and_undo_take_the_write_lock_before_reading(library: Library) -> None:
    """A read-then-write transaction started with a plain BEGIN fails at once
    ("database is locked") when another connection writes in between; the
    operations, undo and redo begin with BEGIN IMMEDIATE and wait instead."""
    from sqlalchemy import event

    begun: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("BEGIN"):
            begun.append(statement)

    event.listen(library.store.engine, "before_cursor_execute", seen)
    try:
        library.create_tag("Thèmes")
        library.undo()
        library.redo()
        library.tags()  # a read: a plain BEGIN
    finally:
        event.remove(library.store.engine, "before_cursor_execute", seen)
    assert begun.count("BEGIN IMMEDIATE") == 3  # the operation, the undo, the redo
    assert begun[-1] == "BEGIN"  # the read


def test_an_operation_waits_for_another_writer(library: Library) -> None:
    import sqlite3
    import threading

    other = sqlite3.connect(library.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program's write under way
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(library.create_tag("Attente")))
    worker.start()
    worker.join(0.3)
    assert done == []  # waiting for the lock, not failed
    other.execute("COMMIT")
    other.close()
    worker.join(10)
    assert done and library.tag_paths() == ["Attente"]
