"""A read-only library, a damaged database, backups and the library check,
as the desktop app shows them: real widgets over a real library."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from tests_support import answer_modal

from kzreader.core import check
from kzreader.core.errors import DamagedLibraryError
from kzreader.core.library import Library
from kzreader.gui import app as gui_app
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.damaged_dialog import DamagedLibraryDialog
from kzreader.gui.main_window import MainWindow
from kzreader.gui.window_care import LibraryCare

ROOT = Path(__file__).resolve().parents[2]


def wait_idle(qtbot, win: MainWindow) -> None:
    win.ctx.workers.wait()
    qtbot.wait(20)


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def read_only_window(qtbot, seeded: Library, settings: QSettings) -> Iterator[MainWindow]:
    """A window over a second, read-only opening of the seeded library."""
    lib = Library(seeded.path, read_only=True)
    context = AppContext(lib, settings)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    context.close()
    lib.close()


@pytest.fixture
def holder(seeded: Library) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the seeded library open for changes."""
    seeded.close()
    script = f"""
        import time
        from kzreader.core.library import Library
        lib = Library({str(seeded.path)!r}, program="a test holder")
        print("open", flush=True)
        time.sleep(120)
    """
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "open"
    yield process
    process.kill()
    process.wait()


def damage(db: Path) -> None:
    """Scramble pages of the database as a disk fault would."""
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 12 * page), 97):
        data[offset] = (data[offset] + 0x5A) % 256
    db.write_bytes(bytes(data))


# -- read-only ---------------------------------------------------------------------


def test_a_read_only_library_shows_a_banner_and_turns_changes_off(
    qtbot, read_only_window: MainWindow, seed_ids
) -> None:
    win = read_only_window
    a = win.actions_
    banner = win.read_only_banner
    assert banner.isVisible()
    assert "read-only" in banner.label.text() and "opened read-only" in banner.label.text()
    assert not win.try_again_button.isVisible()  # asked for: trying again would not change it
    assert win.windowTitle() == "kzreader (read-only)"
    # reading works, and the title keeps saying it
    assert win.open_document(seed_ids["blinken"])
    assert win.windowTitle().endswith("— kzreader (read-only)")
    start = win.reader.text.index("Antony Blinken")
    win.reader.select_range(start, start + len("Antony Blinken"))
    changing = [a.import_files, a.import_folder, a.import_samples, a.reindex, a.back_up]
    changing += [a.undo, a.redo, a.highlight, a.tag, a.note, a.link, a.delete_passage]
    assert [x.text() for x in changing if x.isEnabled()] == []
    for x in (a.search, a.find, a.backups, a.check, a.next_article, a.preferences):
        assert x.isEnabled(), x.text()
    assert not any(button.isEnabled() for button in win.welcome.buttons)
    assert not win.acceptDrops()
    tags = win.tags_panel
    assert not tags.actions_by_name["new"].isEnabled() and not tags.edit_button.isEnabled()
    assert not win.annotations_panel.note_action.isEnabled()
    assert win.annotations_panel.follow_action.isEnabled()
    # searching works
    win.search_panel.set_query("Blinken", immediate=True)
    qtbot.waitUntil(lambda: len(win.search_panel.results()) == 1, timeout=10_000)


def test_a_library_held_by_another_program_says_who_and_opens_when_it_is_free(
    qtbot, qapp, holder: subprocess.Popen[str], seeded: Library, settings: QSettings
) -> None:
    lib = Library(seeded.path, program=gui_app.PROGRAM)
    assert lib.read_only
    controller = gui_app.Controller(qapp, AppContext(lib, settings))
    try:
        win = controller.window
        win.show()
        text = win.read_only_banner.label.text()
        assert "a test holder" in text and f"process {holder.pid}" in text
        assert win.try_again_button.isVisible()
        win.try_again_button.click()  # still held: the window stays as it is
        assert controller.window is win
        assert "still read-only" in win.statusBar().currentMessage()
        holder.kill()
        holder.wait()
        win.try_again_button.click()
        assert controller.window is not win
        new = controller.window
        assert not new.library.read_only and not new.read_only_banner.isVisible()
        assert new.isVisible() and new.actions_.import_files.isEnabled()
        assert not new.windowTitle().endswith("(read-only)")
        new.library.create_tag("Enfin")
        wait_idle(qtbot, new)
    finally:
        controller.close()
        controller.window.close()


# -- a damaged database at start-up ----------------------------------------------------


def test_the_damaged_database_dialog_restores_the_latest_backup(
    qtbot, qapp, seeded: Library, seed_ids, monkeypatch
) -> None:
    seeded.highlight(seed_ids["rt_zas"], quote="Zas", tags=["Personnes/Zas"])
    backup = seeded.backup()
    folder = seeded.path
    seeded.close()
    damage(folder / "library.sqlite")
    told: list[str] = []
    monkeypatch.setattr(DamagedLibraryDialog, "inform", lambda self, text: told.append(text))
    seen: list[DamagedLibraryDialog] = []

    def restore(dialog: DamagedLibraryDialog) -> None:
        seen.append(dialog)
        assert "damaged" in dialog.heading.text()
        assert dialog.quit_button.isVisible() and dialog.choose_button.isVisible()
        dialog.restore_latest_button.click()

    answer_modal(restore)
    lib = gui_app.open_library(folder)
    assert lib is not None
    try:
        assert seen and seen[0].restored is not None
        used, kept = seen[0].restored
        assert used == backup
        assert kept.exists() and kept.name.startswith("library.sqlite.replaced-")
        assert len(told) == 1 and str(kept) in told[0]
        assert not lib.read_only
        assert [t.path for t in lib.tags()] == ["Personnes", "Personnes/Zas"]
        assert len(lib.documents()) == 5
    finally:
        lib.close()


def test_a_chosen_backup_can_be_restored_instead(qtbot, qapp, seeded: Library, monkeypatch) -> None:
    seeded.create_tag("Ancienne")
    older = seeded.backup()
    seeded.create_tag("Récente")
    seeded.backup()
    folder = seeded.path
    seeded.close()
    damage(folder / "library.sqlite")
    monkeypatch.setattr(DamagedLibraryDialog, "inform", lambda self, text: None)

    def choose(dialog: DamagedLibraryDialog) -> None:
        dialog.ask_backup_file = lambda: older
        dialog.choose_button.click()

    answer_modal(choose)
    lib = gui_app.open_library(folder)
    assert lib is not None
    try:
        assert [t.path for t in lib.tags()] == ["Ancienne"]
    finally:
        lib.close()


def test_without_a_backup_the_app_explains_and_quits(
    qtbot, qapp, seeded: Library, settings: QSettings
) -> None:
    folder = seeded.path
    seeded.close()
    shutil.rmtree(folder / "backups")  # the automatic one taken on closing
    damage(folder / "library.sqlite")
    shown: list[str] = []

    def quit_(dialog: DamagedLibraryDialog) -> None:
        shown.append(dialog.advice.text())
        assert not dialog.restore_latest_button.isVisible()
        dialog.quit_button.click()

    answer_modal(quit_)
    assert gui_app.run(library=str(folder), settings=settings) == 1
    assert shown and "no backup" in shown[0]


def test_the_screenshot_mode_still_raises_on_a_damaged_library(
    qapp, seeded: Library, tmp_path: Path, settings: QSettings
) -> None:
    folder = seeded.path
    seeded.close()
    damage(folder / "library.sqlite")
    with pytest.raises(DamagedLibraryError):
        gui_app.run(library=str(folder), screenshot=str(tmp_path / "x.png"), settings=settings)


# -- backups ---------------------------------------------------------------------------


def test_back_up_now_creates_a_backup_and_names_it(qtbot, window: MainWindow) -> None:
    assert window.library.backups() == []
    menus = {m.text(): m.menu() for m in window.menuBar().actions() if m.menu() is not None}
    library_menu = menus["&Library"]
    assert window.actions_.back_up in library_menu.actions()
    assert window.actions_.backups in library_menu.actions()
    assert window.actions_.check in library_menu.actions()
    window.actions_.back_up.trigger()
    qtbot.waitUntil(lambda: len(window.library.backups()) == 1, timeout=10_000)
    wait_idle(qtbot, window)
    (made,) = window.library.backups()
    assert made.kind == "manual"
    assert made.path.name in window.statusBar().currentMessage()


def test_the_backups_dialog_lists_keeps_and_restores(
    qtbot, qapp, ctx: AppContext, monkeypatch
) -> None:
    lib = ctx.library
    lib.create_tag("Avant")
    first = lib.backup()
    lib.create_tag("Après")
    second = lib.backup()
    told: list[str] = []
    monkeypatch.setattr(MainWindow, "inform", lambda self, text: told.append(text))
    controller = gui_app.Controller(qapp, ctx)
    try:
        old = controller.window
        old.show()
        dialog = old.care.open_backups()
        assert dialog.table.topLevelItemCount() == 2
        assert [b.path for b in dialog.backups] == [second, first]  # newest first
        assert dialog.table.topLevelItem(0).text(1) == "Taken by hand"
        assert dialog.table.topLevelItem(0).text(2)  # a size
        assert dialog.keep_spin.value() == 10
        dialog.keep_spin.setValue(3)
        assert lib.backup_keep() == 3
        dialog.keep_spin.setValue(0)
        assert lib.backup_keep() == 0 and "off" in dialog.status.text()
        dialog.keep_spin.setValue(4)
        # a backup taken from the dialog joins the list, selected
        dialog.back_up_button.click()
        qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == 3, timeout=10_000)
        assert dialog.selected_backup().path == dialog.backups[0].path
        lib.create_tag("Pendant")  # changed since: closing the library backs it up
        # restore the oldest
        dialog.select_backup(first)
        asked: list[str] = []
        dialog.confirm = lambda title, text: asked.append(text) or True
        dialog.restore_button.click()
        assert asked and "close the library" in asked[0]
        qtbot.waitUntil(lambda: controller.window is not old, timeout=20_000)
        new = controller.window
        assert new.isVisible() and new.isEnabled()
        assert new.library is not lib and not new.library.read_only
        assert [t.path for t in new.library.tags()] == ["Avant"]
        assert new.tags_panel.model.rowCount() == 1
        assert len(told) == 1 and "replaced-" in told[0]
        kept = Path(told[0].split("kept as ")[1].rstrip("."))
        assert kept.exists()
        wait_idle(qtbot, new)
        # closing for the restore took no automatic backup: the replaced
        # database is the copy kept aside
        assert not any(b.kind == "auto" for b in new.library.backups())
        assert new.library.search("Blinken").total == 1
    finally:
        controller.close()
        controller.window.close()


def test_a_rotated_automatic_backup_can_still_be_restored(
    qtbot, qapp, ctx: AppContext, monkeypatch
) -> None:
    """The library closed for the restore takes no automatic backup, so the
    one chosen cannot be rotated away before it is restored."""
    lib = ctx.library
    lib.set_backup_keep(1)
    lib.create_tag("Sauvegardée")
    chosen = lib.backup(automatic=True)
    lib.create_tag("Plus tard")  # changed: a normal close would back up and rotate
    monkeypatch.setattr(MainWindow, "inform", lambda self, text: None)
    controller = gui_app.Controller(qapp, ctx)
    try:
        old = controller.window
        controller.restore_backup(chosen)
        qtbot.waitUntil(lambda: controller.window is not old, timeout=20_000)
        assert [t.path for t in controller.window.library.tags()] == ["Sauvegardée"]
        assert chosen.exists()
    finally:
        controller.close()
        controller.window.close()


def test_a_read_only_library_lists_its_backups_but_changes_none(
    qtbot, seeded: Library, settings: QSettings
) -> None:
    seeded.backup()
    lib = Library(seeded.path, read_only=True)
    context = AppContext(lib, settings)
    win = MainWindow(context)
    qtbot.addWidget(win)
    try:
        dialog = win.care.open_backups()
        assert dialog.table.topLevelItemCount() == 1
        assert dialog.read_only_note.isVisible()
        assert not dialog.keep_spin.isEnabled()
        assert not dialog.back_up_button.isEnabled() and not dialog.restore_button.isEnabled()
        assert not dialog.restore_selected()
    finally:
        win.close()
        context.close()
        lib.close()


# -- checking ----------------------------------------------------------------------------


def test_the_check_dialog_reports_a_clean_library_then_finds_and_repairs_faults(
    qtbot, window: MainWindow
) -> None:
    lib = window.library
    dialog = window.care.open_check_dialog()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert dialog.report.clean
    assert dialog.heading.text() == "The library is in good order."
    assert "No problems" in dialog.findings.toPlainText()
    assert not dialog.repair_button.isEnabled()
    # a crash left a half-built index beside the real one, which went missing,
    # and another tool left an attribute of a document that is gone
    (lib.path / "index.new-abc").mkdir()
    lib.index.close()
    shutil.rmtree(lib.index.path)
    conn = sqlite3.connect(lib.db_path)
    with conn:
        conn.execute("INSERT INTO document_attributes VALUES (9003, 'pays', 'KZ')")
    conn.close()
    dialog.again_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.is_running(), timeout=20_000)
    report = dialog.report
    assert {p.kind for p in report.problems} == {
        check.LEFTOVER_FILES,
        check.INDEX_MISSING,
        check.DANGLING_ROWS,
    }
    shown = dialog.findings.toPlainText()
    assert "Temporary files left by an interrupted operation: 1" in shown
    assert "The search index is missing" in shown
    assert "Records pointing at something that no longer exists: 1" in shown
    assert dialog.heading.text() == "The check found problems: 3"
    assert dialog.repair_button.isEnabled()
    changed: list[object] = []
    window.ctx.bridge.changed.connect(changed.append)
    dialog.repair_button.click()
    qtbot.waitUntil(lambda: dialog.report.repair and not dialog.is_running(), timeout=30_000)
    assert dialog.report.clean and dialog.report.repaired
    assert dialog.heading.text() == "Repaired: the library is in good order."
    assert changed  # the window was told the database changed
    assert not (lib.path / "index.new-abc").exists()
    dialog.again_button.click()
    qtbot.waitUntil(lambda: not dialog.report.repair and not dialog.is_running(), timeout=20_000)
    assert dialog.report.clean
    assert lib.search("Blinken").total == 1
    dialog.close()


def test_the_check_at_opening_offers_the_full_check(qtbot, window: MainWindow) -> None:
    window.care.start_background_sync()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.care.quick_report is not None, timeout=10_000)
    assert window.care.quick_report.clean and not window.check_banner.isVisible()
    (window.library.path / "index.old-abc").mkdir()
    window.care.quick_report = None
    window.care.start_quick_check()
    qtbot.waitUntil(lambda: window.care.quick_report is not None, timeout=10_000)
    assert window.check_banner.isVisible()
    assert "Temporary files" in window.check_banner.label.text()
    assert "found problems" in window.statusBar().currentMessage()
    check_button = window.check_banner.buttons[0]
    check_button.click()
    assert not window.check_banner.isVisible()
    dialog = window.care.check_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.is_running(), timeout=20_000)
    assert [p.kind for p in dialog.report.problems] == [check.LEFTOVER_FILES]
    dialog.close()


def test_a_read_only_library_can_be_checked_not_repaired(
    qtbot, read_only_window: MainWindow
) -> None:
    win = read_only_window
    (win.library.path / "index.new-abc").mkdir()
    dialog = win.care.open_check_dialog()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.is_running(), timeout=20_000)
    assert [p.kind for p in dialog.report.problems] == [check.LEFTOVER_FILES]
    assert dialog.read_only_note.isVisible()
    assert not dialog.repair_button.isEnabled()
    assert dialog.repair() is None
    dialog.close()


# -- quitting ----------------------------------------------------------------------------


def test_a_failed_backup_at_quit_is_printed(
    qapp, seeded: Library, settings: QSettings, monkeypatch, capsys
) -> None:
    folder = seeded.path
    seeded.close()
    opened: list[Library] = []
    real_open = gui_app.open_library

    def open_and_change(path, parent=None):  # type: ignore[no-untyped-def]
        lib = real_open(path, parent)
        assert lib is not None
        lib.create_tag("Changée")  # closing backs it up…
        shutil.rmtree(lib.path / "backups")  # …where no folder can be made
        (lib.path / "backups").write_text("not a folder")
        opened.append(lib)
        return lib

    monkeypatch.setattr(gui_app, "open_library", open_and_change)
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))  # quit at once
    monkeypatch.setattr(LibraryCare, "start_background_sync", lambda self: None)
    assert gui_app.run(library=str(folder), settings=settings) == 0
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.hide()
            widget.deleteLater()
    error = opened[0].last_backup_error
    assert error and "backup folder" in error
    assert f"kzreader: the library could not be backed up: {error}" in capsys.readouterr().err


def test_articles_left_out_of_the_index_are_indexed_at_opening_with_progress(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    from kzreader.gui import window_care

    lib = window.library
    blinken = lib.search("Blinken").hits[0].document_id
    with lib.index.writer() as writer:  # as an interrupted import leaves it
        lib.index.delete(writer, blinken)
    lib.index.write_state(lib.store.generation() - 1)
    lib.index.close()
    assert lib.index_state() == "stale"
    monkeypatch.setattr(window_care, "SYNC_STEP", 1)
    messages: list[str] = []
    show = window.show_message
    monkeypatch.setattr(
        window, "show_message", lambda text, *a: (messages.append(text), show(text, *a))
    )
    window.care.quick_report = None
    window.care.start_background_sync()
    qtbot.waitUntil(lambda: window.care.quick_report is not None, timeout=20_000)
    assert "Bringing the search index up to date: 1 of 1 articles…" in messages
    assert messages[-1] == "The search index is up to date."
    assert window.progress.isHidden()
    assert lib.index_state() == "current" and lib.search("Blinken").total == 1
