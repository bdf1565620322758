"""The window's side of the faults: a save dialog aimed into the library is
refused before anything is written, and a change the disk would not take
(full, read-only, the folder gone) is shown to the user as not saved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import event
from tests_support import wait_edits

from kzreader.core.library import Library
from kzreader.gui.context import AppContext
from kzreader.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.ctx.workers.wait()
    return win


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, error: shown.append(str(error)))
    return shown


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def test_an_export_aimed_at_the_database_is_refused_in_the_dialog(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = window.library
    database = library.db_path.read_bytes()
    dialog = window.transfers.open_export_dialog()
    refused: list[str] = []
    dialog.show_error = refused.append
    dialog.set_format("md")
    answer_save_dialog(monkeypatch, library.db_path)
    assert dialog.export() is None  # no job started
    assert refused and "folder of the kzreader library" in refused[0]
    assert library.db_path.read_bytes() == database
    assert dialog.export_button.isEnabled()


def test_a_backup_file_aimed_into_the_library_is_refused(
    qtbot, window: MainWindow, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library = window.library
    answer_save_dialog(monkeypatch, library.path / "backups" / "all.kzbackup")
    assert window.care.back_up_to_file() is None
    assert errors and "folder of the kzreader library" in errors[0]
    assert not list(library.path.rglob("*.kzbackup"))


def select(window: MainWindow, start: int, end: int) -> None:
    cursor = window.reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)


def test_a_highlight_the_database_refuses_is_shown_as_not_saved(
    qtbot, window: MainWindow, errors: list[str], seed_ids: dict[str, int]
) -> None:
    library = window.library
    assert window.open_document(seed_ids["rt_zas"])
    before = len(library.passages())

    def refuse_writes(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA query_only = ON")

    library.store.engine.dispose()
    event.listen(library.store.engine, "connect", refuse_writes)
    try:
        select(window, 0, 12)
        window.annotator.highlight_selection(["Essai"])
        wait_edits(qtbot, window.ctx)
    finally:
        event.remove(library.store.engine, "connect", refuse_writes)
        library.store.engine.dispose()
    assert errors and "could not be saved" in errors[0]
    assert len(library.passages()) == before


def test_a_library_folder_gone_while_open_is_told_in_a_dialog(
    qtbot,
    window: MainWindow,
    errors: list[str],
    seed_ids: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KZREADER_RESCUE_DIR", str(tmp_path / "rescued"))
    library: Library = window.library
    library.highlight(seed_ids["rt_zas"], quote="Zas", note="avant")
    assert window.open_document(seed_ids["rt_zas"])
    shutil.rmtree(library.path)
    select(window, 0, 12)
    window.annotator.highlight_selection(["Essai"])
    wait_edits(qtbot, window.ctx)
    assert errors and "is no longer there" in errors[0]
    rescued = list((tmp_path / "rescued").glob("*.sqlite"))
    assert len(rescued) == 1 and str(rescued[0]) in errors[0]
    window.undo()  # undo is a write too, and says so in a dialog, not the status bar
    wait_edits(qtbot, window.ctx)
    assert len(errors) == 2 and "is no longer there" in errors[1]
