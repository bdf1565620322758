"""An article's details edited from the app (the header's link, the Library
menu, the library list's context menu) and an article deleted, each one
undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from tests_support import wait_edits

from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.document_dialog import DocumentDialog
from kzreader.gui.main_window import MainWindow
from kzreader.gui.reader_header import EDIT_LINK


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1300, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_blinken(qtbot, win: MainWindow, seed_ids: dict[str, int]) -> int:
    doc = seed_ids["blinken"]
    assert win.open_document(doc)
    qtbot.waitUntil(lambda: win.reader.document_id == doc)
    return doc


def test_the_header_offers_the_missing_outlet_and_date(
    qtbot, window: MainWindow, seed_ids: dict[str, int]
) -> None:
    doc = open_blinken(qtbot, window, seed_ids)
    meta = window.header.meta.text()
    assert "add the outlet" in meta and "add the date" in meta and EDIT_LINK in meta
    window.header.meta.linkActivated.emit(EDIT_LINK)
    dialog = window.document_editor.dialog
    assert isinstance(dialog, DocumentDialog) and dialog.isVisible()
    assert dialog.view.info.id == doc
    assert dialog.outlet_edit.findText("Sputnik") >= 0  # the library's outlets offered
    dialog.outlet_edit.setEditText("Le Monde")
    dialog.date_edit.setText("7 janvier 2022")
    assert dialog.date_hint.text() == "Stored as 2022-01-07"
    dialog.accept()
    lib = window.library
    qtbot.waitUntil(lambda: lib.document(doc).info.source == "Le Monde")
    assert lib.document(doc).info.published == "2022-01-07"
    qtbot.waitUntil(lambda: "<b>Le Monde</b>" in window.header.meta.text())
    assert "add the outlet" not in window.header.meta.text()
    qtbot.waitUntil(lambda: window.actions_.undo.isEnabled())
    window.actions_.undo.trigger()
    wait_edits(qtbot, window.ctx)
    assert lib.document(doc).info.source is None
    qtbot.waitUntil(lambda: "add the outlet" in window.header.meta.text())


def test_a_date_not_understood_keeps_ok_off_and_cancel_changes_nothing(
    qtbot, window: MainWindow, seed_ids: dict[str, int]
) -> None:
    doc = open_blinken(qtbot, window, seed_ids)
    window.actions_.article_details.trigger()
    dialog = window.document_editor.dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.date_edit.setText("la semaine dernière")
    assert not ok.isEnabled() and "Not a date" in dialog.date_hint.text()
    dialog.date_edit.setText("06.01.2022")
    assert ok.isEnabled()
    dialog.title_edit.setText("   ")
    assert not ok.isEnabled()
    dialog.reject()
    assert window.library.next_undo() is None
    assert window.library.document(doc).info.published is None


def test_attributes_are_added_changed_and_removed_in_one_step(
    qtbot, window: MainWindow, seed_ids: dict[str, int]
) -> None:
    doc = open_blinken(qtbot, window, seed_ids)
    lib = window.library
    lib.set_attribute(doc, "genre", "dépêche")
    lib.set_attribute(doc, "dossier", "OTSC")
    dialog = window.document_editor.edit(doc)
    assert dialog is not None and dialog.attribute_values() == {
        "dossier": "OTSC", "genre": "dépêche"
    }  # fmt: skip
    dialog.attributes.item(1, 1).setText("analyse")  # genre, sorted after dossier
    dialog.attributes.setCurrentCell(0, 0)
    dialog.remove_button.click()  # dossier
    dialog.add_button.click()
    row = dialog.attributes.rowCount() - 1
    dialog.attributes.item(row, 0).setText("pays")
    dialog.attributes.item(row, 1).setText("Kazakhstan")
    assert dialog.changes() == {"attributes": {"genre": "analyse", "pays": "Kazakhstan",
                                               "dossier": None}}  # fmt: skip
    dialog.accept()
    qtbot.waitUntil(lambda: lib.document(doc).attributes == {
        "genre": "analyse", "pays": "Kazakhstan"
    })  # fmt: skip
    lib.undo()
    assert lib.document(doc).attributes == {"genre": "dépêche", "dossier": "OTSC"}


def test_deleting_an_article_from_the_list_asks_first_and_undo_brings_it_back(
    qtbot, window: MainWindow, seed_ids: dict[str, int]
) -> None:
    doc = seed_ids["rt_zas"]
    lib = window.library
    title = lib.document(doc).info.title
    lib.highlight(doc, quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    asked: list[tuple[str, int]] = []
    answers = iter([False, True])

    def confirm(title: str, passages: int) -> bool:
        asked.append((title, passages))
        return next(answers)

    window.document_editor.confirm_delete = confirm  # type: ignore[method-assign]
    panel = window.library_panel
    menu = panel.item_menu(doc)
    delete = next(a for a in menu.actions() if a.text() == "&Delete Article…")
    delete.trigger()  # declined
    assert lib.has_document(doc)
    delete.trigger()  # confirmed
    wait_edits(qtbot, window.ctx)
    assert not lib.has_document(doc)
    assert asked == [(title, 1), (title, 1)]  # its one passage named
    qtbot.waitUntil(lambda: panel.model.row_of(doc) is None)
    lib.undo()
    assert lib.has_document(doc) and len(lib.passages(document_ids=[doc])) == 1
    qtbot.waitUntil(lambda: panel.model.row_of(doc) is not None)


def test_the_list_menu_opens_the_details(qtbot, window: MainWindow, seed_ids: dict[str, int]):
    doc = seed_ids["sputnik_zas"]
    menu = window.library_panel.item_menu(doc)
    next(a for a in menu.actions() if a.text() == "Article &Details…").trigger()
    dialog = window.document_editor.dialog
    assert dialog is not None and dialog.view.info.id == doc
    assert dialog.outlet_edit.currentText() == "Sputnik"
    assert dialog.changes() == {}
    dialog.reject()


def test_a_folder_of_one_outlet_is_imported_with_its_outlet(
    qtbot, qapp, tmp_path, settings, seeds_dir
) -> None:
    from kzreader.core.library import Library

    with Library(tmp_path / "other") as lib:
        context = AppContext(lib, settings)
        win = MainWindow(context)
        qtbot.addWidget(win)
        win.transfers.import_paths([seeds_dir], outlet="Revue de presse")
        qtbot.waitUntil(lambda: win.transfers.last_report is not None, timeout=120_000)
        assert win.transfers.last_report.count("imported") == 5
        assert {d.source for d in lib.documents()} == {"Revue de presse"}
        win.close()
        context.close()


RUSSIAN = (
    "Генеральный секретарь ОДКБ Станислав Зась заявил, что миротворческие силы "
    "организации покинут Казахстан после полной стабилизации обстановки в стране.\n\n"
    "«Афиша» и другие городские издания сообщают, что в Алма-Ате возобновили "
    "работу магазины, банки и общественный транспорт.\n"
)


def test_garbled_letters_are_read_again_from_the_details(qtbot, qapp, tmp_path, settings) -> None:
    from kzreader.core.library import Library

    path = tmp_path / "alma-ata.txt"
    path.write_bytes(RUSSIAN.encode("mac_cyrillic"))
    with Library(tmp_path / "lib") as lib:
        (first,) = lib.import_with_encoding([path], "windows-1251").results
        doc = first.document_id
        assert "Ђфиша" in lib.document(doc).text
        context = AppContext(lib, settings)
        win = MainWindow(context)
        qtbot.addWidget(win)
        dialog = win.document_editor.edit(doc)
        assert "read as windows-1251" in dialog.facts.text()
        dialog.encoding.setEditText("utf-8")
        dialog.redecode_button.click()  # not valid: said, nothing changed
        qtbot.waitUntil(lambda: "Not read again" in dialog.redecode_status.text())
        assert "Ђфиша" in lib.document(doc).text
        dialog.encoding.setEditText("mac_cyrillic")
        dialog.redecode_button.click()
        qtbot.waitUntil(lambda: "Read again as mac_cyrillic" in dialog.redecode_status.text())
        assert lib.document(doc).text == RUSSIAN
        assert dialog.title_edit.text() == lib.document(doc).info.title
        assert dialog.changes() == {}  # OK now would not put the garbled title back
        dialog.reject()
        lib.undo()
        assert "Ђфиша" in lib.document(doc).text
        win.close()
        context.close()
