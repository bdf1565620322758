"""Damage SQLite cannot see, as the Check Library dialog shows it: a damaged
article or annotation is named in plain words, and after a repair from a
backup the window shows the restored text."""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from kzreader.core import check
from kzreader.core.check import CheckNote, CheckProblem, CheckReport
from kzreader.core.library import Library
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.check_dialog import CheckDialog, CheckWording, repair_changes
from kzreader.gui.main_window import MainWindow

ARTICLE = "003_5a814d00d646ab81.txt"
GOOD = "Plus de 3 000 soldats"
DAMAGED = "Plus de 2 000 soldats"
NOTE = "Annonce de la fin de la mission."

OpenWindow = Callable[[], MainWindow]


# -- a damaged library file --------------------------------------------------------------


def offset_in(db: Path, needle: bytes, table: str) -> int:
    """Where ``needle`` is stored in the pages of ``table`` (the undo
    history, on pages of its own, may hold copies of it)."""
    data = db.read_bytes()
    size = struct.unpack(">H", data[16:18])[0]
    size = 65536 if size == 1 else size
    conn = sqlite3.connect(db)
    try:
        owners = {int(p): str(n) for n, p in conn.execute("SELECT name, pageno FROM dbstat")}
    finally:
        conn.close()
    at = data.find(needle)
    while at >= 0:
        if owners.get(at // size + 1) == table:
            return at
        at = data.find(needle, at + 1)
    raise AssertionError(f"{needle!r} is not in the pages of {table}")


def flip(db: Path, offset: int, bit: int = 0) -> None:
    """Flip one bit of the file: the length of what holds it is kept."""
    with open(db, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([byte ^ (1 << bit)]))


@pytest.fixture
def backed_up(tmp_path: Path, seeds_dir: Path) -> tuple[Path, int, int]:
    """A closed library of the sample articles, with a noted passage and a
    backup of it all: ``(folder, article id, passage id)``."""
    folder = tmp_path / "lib"
    with Library(folder) as lib:
        lib.import_paths([seeds_dir])
        doc_id = next(d.id for d in lib.documents() if d.file_name == ARTICLE)
        passage_id = lib.highlight(doc_id, quote="Stanislav Zas", note=NOTE).id
        lib.backup()
    return folder, doc_id, passage_id


@pytest.fixture
def open_window(qtbot, backed_up: tuple[Path, int, int], tmp_path: Path) -> Iterator[OpenWindow]:
    """Opens the library (once its file is damaged) in a main window."""
    opened: list[tuple[MainWindow, AppContext, Library]] = []

    def open_() -> MainWindow:
        lib = Library(backed_up[0])
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(lib, settings)
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        opened.append((win, ctx, lib))
        return win

    yield open_
    for win, ctx, lib in opened:
        if win.care.check_dialog is not None:
            win.care.check_dialog.close()
        ctx.close()
        lib.close()


def run_check(qtbot, dialog: CheckDialog, repair: bool = False) -> CheckReport:
    if repair:
        dialog.repair_button.click()
    else:
        dialog.again_button.click()
    qtbot.waitUntil(
        lambda: (
            dialog.report is not None and dialog.report.repair == repair and not dialog.is_running()
        ),
        timeout=30_000,
    )
    assert dialog.report is not None
    return dialog.report


def open_check(qtbot, window: MainWindow) -> CheckDialog:
    dialog = window.care.open_check_dialog()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.is_running(), timeout=30_000)
    return dialog


# -- in the window -------------------------------------------------------------------------


def test_a_damaged_article_is_named_and_its_text_comes_back_from_the_backup(
    qtbot, backed_up: tuple[Path, int, int], open_window: OpenWindow
) -> None:
    folder, doc_id, _passage = backed_up
    db = folder / "library.sqlite"
    # one digit of the text changes, its length does not: damage, not an edit
    flip(db, offset_in(db, GOOD.encode(), "documents") + len("Plus de "))
    window = open_window()
    assert window.open_document(doc_id)
    assert DAMAGED in window.reader.toPlainText()

    dialog = open_check(qtbot, window)
    assert [p.kind for p in dialog.report.problems] == [check.DOCUMENT_DAMAGED]
    shown = dialog.findings.toPlainText()
    assert "An article is damaged" in shown
    assert "Repair writes back a copy proven good" in shown
    assert "holds a good copy" in shown  # the core's message names the backup
    assert dialog.heading.text() == "The check found problems: 1"
    assert dialog.repair_button.isEnabled()

    report = run_check(qtbot, dialog, repair=True)
    assert report.clean and report.repaired
    assert dialog.heading.text() == "Repaired: the library is in good order."
    assert "Repaired: An article is damaged" in dialog.findings.toPlainText()
    assert "text restored from the backup backup-" in dialog.findings.toPlainText()
    qtbot.waitUntil(lambda: GOOD in window.reader.toPlainText(), timeout=10_000)
    assert DAMAGED not in window.reader.toPlainText()

    assert run_check(qtbot, dialog).clean


def test_a_damaged_note_is_named_and_restored_from_the_backup(
    qtbot, backed_up: tuple[Path, int, int], open_window: OpenWindow
) -> None:
    folder, _doc, passage_id = backed_up
    db = folder / "library.sqlite"
    flip(db, offset_in(db, NOTE.encode(), "passages") + 1, bit=1)  # "Annonce" → "Alnonce"
    window = open_window()
    assert window.library.passage(passage_id).note != NOTE

    dialog = open_check(qtbot, window)
    assert [p.kind for p in dialog.report.problems] == [check.ANNOTATION_DAMAGED]
    assert "A passage, tag or link is damaged" in dialog.findings.toPlainText()
    changed: list[object] = []
    window.ctx.bridge.changed.connect(changed.append)
    report = run_check(qtbot, dialog, repair=True)
    assert report.clean and report.repaired
    qtbot.waitUntil(lambda: bool(changed), timeout=10_000)  # the window was told
    assert window.library.passage(passage_id).note == NOTE


# -- the words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "count", "title"),
    [
        (check.DOCUMENT_DAMAGED, 1, "An article is damaged"),
        (check.ANNOTATION_DAMAGED, 1, "A passage, tag or link is damaged"),
        (check.HISTORY_DAMAGED, 3, "Damaged operations in the undo history: 3"),
    ],
)
def test_the_damage_kinds_have_titles_and_explanations(
    qapp, kind: str, count: int, title: str
) -> None:
    wording = CheckWording()
    problem = CheckProblem(kind, "the core's message", count=count, ids=[1])
    assert wording.title(problem) == title
    repairable = wording.meaning(problem)
    assert "Repair" in repairable
    if kind != check.HISTORY_DAMAGED:
        problem.repairable = False
        left = wording.meaning(problem)
        assert left != repairable and "Nothing is overwritten with a guess" in left


def test_changed_texts_are_a_note_and_their_articles_are_shown_again(qapp) -> None:
    wording = CheckWording()
    note = CheckNote(check.TEXTS_CHANGED, "the text of 2 documents was changed", 2, [4, 5])
    assert wording.note(note).startswith("Articles whose text was changed by another program: 2.")
    assert "Repair" in wording.note(note)
    assert "was recorded as the article's own" in wording.note(note, repaired=True)
    report = CheckReport(notes=[note], repair=True)
    changes = repair_changes(report, "Repair")
    assert changes.documents == changes.reindexed == frozenset({4, 5})
    assert not repair_changes(CheckReport(notes=[note], repair=False), "Repair")


def test_every_repair_that_changes_rows_tells_the_window(qapp) -> None:
    for kind in (check.DOCUMENT_DAMAGED, check.ANNOTATION_DAMAGED, check.HISTORY_DAMAGED):
        problem = CheckProblem(kind, "m", 1, ids=[7], repaired=True)
        changes = repair_changes(CheckReport([problem], repair=True), "Repair")
        assert changes, kind
        shown_again = frozenset({7}) if kind == check.DOCUMENT_DAMAGED else frozenset()
        assert changes.reindexed == shown_again
    leftover = CheckProblem(check.LEFTOVER_FILES, "m", 1, repaired=True)
    assert not repair_changes(CheckReport([leftover], repair=True), "Repair")
