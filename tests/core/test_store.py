"""The library's unit of work (``core.store``): an operation is one history
entry and one announcement, the write guards say what they said, and only
the façade reaches into a library: every other module uses its public
names and its ``store``."""

from __future__ import annotations

import ast
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import kzreader
from kzreader.core import tags
from kzreader.core.errors import ReadOnlyError, StorageError
from kzreader.core.library import Library
from kzreader.core.types import ChangeSet

PACKAGE = Path(kzreader.__file__).resolve().parent

#: the names a library goes by in kzreader's modules
LIBRARY_NAMES = {"lib", "library", "self.lib", "self.library", "self._library"}


def _private_uses(path: Path) -> list[str]:
    """``line: name._attribute`` for each private attribute of a library
    that the module at ``path`` reads, writes or calls."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and ast.unparse(node.value) in LIBRARY_NAMES
        ):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return sorted(found, key=lambda use: int(use.split(":")[0]))


def test_only_the_facade_touches_a_library_s_private_names() -> None:
    insiders = {"library.py"} | {p.name for p in (PACKAGE / "core").glob("library_*.py")}
    offenders = {
        str(path.relative_to(PACKAGE)): uses
        for path in sorted(PACKAGE.rglob("*.py"))
        if not (path.parent == PACKAGE / "core" and path.name in insiders)
        and (uses := _private_uses(path))
    }
    assert offenders == {}


def test_the_check_sees_a_private_use(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f(lib, self):\n    lib._session()\n    self.lib._x = 1\n    lib.store\n")
    assert _private_uses(module) == ["2: lib._session", "3: self.lib._x"]


def test_an_operation_is_one_history_entry_and_one_announcement(library: Library) -> None:
    heard: list[ChangeSet] = []
    library.add_listener(heard.append)
    before = library.history()
    with library.store.operation("create_tag", "Create tag Essai") as (s, outcome):
        tags.ensure_path(s, "Essai")
    assert outcome.changes
    assert heard == [outcome.changes]
    after = library.history()
    assert len(after) == len(before) + 1
    assert after[0].label == "Create tag Essai"
    assert library.undo() and library.tags() == []
    assert len(heard) == 2  # the undo is announced too


def test_an_operation_that_fails_records_and_announces_nothing(library: Library) -> None:
    heard: list[ChangeSet] = []
    library.add_listener(heard.append)
    operation = library.store.operation("create_tag", "Create tag X")
    with pytest.raises(RuntimeError), operation as (s, _):
        tags.ensure_path(s, "X")
        raise RuntimeError("stop")
    assert heard == [] and library.history() == [] and library.tags() == []


def test_a_change_to_the_documents_moves_the_generation_on(seeded: Library, seed_ids) -> None:
    generation = seeded.store.generation()
    seeded.delete_document(seed_ids["rt_zas"])
    assert seeded.store.generation() == generation + 1
    assert seeded.index_state() == "current"  # the operation's changes were indexed


def test_a_read_only_library_refuses_writes_as_before(seeded: Library) -> None:
    folder = seeded.path
    seeded.close()
    message = "the library is read-only: it was opened read-only"
    with Library(folder, read_only=True) as lib:
        assert lib.store.read_only
        with pytest.raises(ReadOnlyError) as refused:
            lib.store.require_writable()
        assert str(refused.value) == message
        operation = lib.store.operation("create_tag", "Create tag X")
        with pytest.raises(ReadOnlyError) as refused, operation:
            pass
        assert str(refused.value) == message
        with pytest.raises(ReadOnlyError) as refused:
            lib.create_tag("X")
        assert str(refused.value) == message


def test_a_session_on_a_library_whose_folder_went_says_so(
    seeded: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rescued = tmp_path / "rescued"
    monkeypatch.setenv("KZREADER_RESCUE_DIR", str(rescued))
    seeded.create_tag("Gardé")
    shutil.rmtree(seeded.path)
    assert seeded.store.file_gone()
    with pytest.raises(StorageError) as gone:
        seeded.store.still_there("This change")
    assert gone.value.cause == "gone"
    (copy,) = rescued.glob("*.sqlite")
    assert str(gone.value) == (
        f"This change could not be saved: the library folder {seeded.path} is no longer "
        "there (it was moved, removed, or its disk unplugged). Everything saved until now "
        f"was copied to {copy}: restore it into a library folder with "
        f"`kzreader restore {copy} --library FOLDER`."
    )
    with pytest.raises(StorageError) as refused:
        seeded.create_tag("X")
    assert str(refused.value) == str(gone.value).replace("This change", "“Create tag X”")
    assert refused.value.cause == "gone"
    with pytest.raises(StorageError, match="is no longer there"):
        seeded.store.require_writable()
    assert len(list(rescued.glob("*.sqlite"))) == 1  # one copy, however many attempts


def test_the_rescue_copies_the_database_though_no_pooled_connection_is_free(
    seeded: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the app's panels read on workers: when the folder goes, every pooled
    # connection may be lent out or closed, and a new one cannot open the file
    rescued = tmp_path / "rescued"
    monkeypatch.setenv("KZREADER_RESCUE_DIR", str(rescued))
    seeded.create_tag("Gardé")
    seeded.store.engine.dispose()  # no idle connection left in the pool
    shutil.rmtree(seeded.path)
    copy = seeded.store.rescue()
    assert copy is not None
    with closing(sqlite3.connect(copy)) as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM tags")}
    assert "Gardé" in names


def test_closing_closes_the_store_once(library: Library) -> None:
    library.close()
    assert library.store.closed
    library.close()  # a second close does nothing
