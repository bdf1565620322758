from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from tests_support import answer_modal

from kzreader.core.library import Library
from kzreader.core.types import ImportReport, ImportResult
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs import import_dialog
from kzreader.gui.dialogs.import_dialog import ImportProgressDialog, ImportReportDialog
from kzreader.gui.dialogs.link_dialog import LinkDialog
from kzreader.gui.dialogs.note_dialog import NoteDialog
from kzreader.gui.dialogs.preferences_dialog import PreferencesDialog
from kzreader.gui.dialogs.tag_dialog import TagDialog

OK = QDialogButtonBox.StandardButton.Ok


def ok_button(dialog) -> object:
    return dialog.buttons.button(OK)


# -- tags ------------------------------------------------------------------------


def test_tag_completer_matches_anywhere_ignoring_case(coded: AppContext, qtbot) -> None:
    dialog = TagDialog(coded)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edit, "otsc")
    completer = dialog.completer
    proposals = [
        completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())
    ]
    assert proposals == ["Acteurs/OTSC"]
    listed = [
        dialog.list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(dialog.list.count())
    ]
    assert listed == ["Acteurs/OTSC"]


def test_tag_dialog_says_when_a_tag_will_be_created(coded: AppContext, qtbot) -> None:
    dialog = TagDialog(coded)
    qtbot.addWidget(dialog)
    dialog.set_path("Acteurs/Kazakhstan")
    assert "new tag" in dialog.hint.text()
    assert dialog.is_new() and ok_button(dialog).isEnabled()
    dialog.set_path("Acteurs/OTSC")
    assert "new tag" not in dialog.hint.text()
    assert not dialog.is_new() and ok_button(dialog).isEnabled()


@pytest.mark.parametrize("text", ["", "   ", "/Acteurs", "Acteurs/", "Acteurs//OTSC", "a/ /b"])
def test_tag_dialog_refuses_malformed_paths(coded: AppContext, qtbot, text: str) -> None:
    dialog = TagDialog(coded)
    qtbot.addWidget(dialog)
    dialog.set_path(text)
    assert dialog.path() is None
    assert not ok_button(dialog).isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_tag_dialog_normalises_remembers_and_returns(coded: AppContext, qtbot) -> None:
    def choose(dialog: TagDialog) -> None:
        dialog.edit.setText(" Lieux / Almaty ")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)

    answer_modal(choose)
    assert TagDialog.get_path(coded) == "Lieux/Almaty"
    dialog = TagDialog(coded)
    qtbot.addWidget(dialog)
    assert dialog.list.count() >= 3  # every tag is listed
    answer_modal(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    assert TagDialog.get_path(coded) is None


def test_tag_dialog_lists_recent_tags_first_and_picks_by_click(coded: AppContext, qtbot) -> None:
    coded.settings.setValue("tags/recent", ["Acteurs/USA"])
    dialog = TagDialog(coded)
    qtbot.addWidget(dialog)
    dialog.show()
    first = dialog.list.item(0)
    assert first.data(Qt.ItemDataRole.UserRole + 1) == "Acteurs/USA"
    rect = dialog.list.visualItemRect(first)
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.path() == "Acteurs/USA"


# -- notes -----------------------------------------------------------------------


def test_note_dialog_round_trip_with_preview(qtbot) -> None:
    dialog = NoteDialog("Stanislav Zas " + "a déclaré " * 100, "ancienne note")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.editor.toPlainText() == "ancienne note"
    assert dialog.quote_label.text().endswith("…”")
    assert len(dialog.quote_label.text()) < 300
    dialog.editor.setPlainText("Une **nouvelle** note\n\n")
    qtbot.waitUntil(lambda: "nouvelle" in dialog.preview.toPlainText(), timeout=2000)
    assert "**" not in dialog.preview.toPlainText()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.note() == "Une **nouvelle** note"


def test_get_note_cancel_and_clear(qtbot) -> None:
    answer_modal(lambda d: d.reject())
    assert NoteDialog.get_note("quote", "note") is None

    def clear(dialog: NoteDialog) -> None:
        dialog.editor.clear()
        dialog.accept()

    answer_modal(clear)
    assert NoteDialog.get_note("quote", "note") == ""


# -- links -----------------------------------------------------------------------


def test_link_dialog_finds_a_target_in_another_article(coded: AppContext, qtbot, seed_ids) -> None:
    lib = coded.library
    source = next(p for p in lib.passages() if p.document_id == seed_ids["sputnik_zas"])
    lib.highlight(seed_ids["sputnik_zas"], quote="OTSC", tags=["Acteurs/OTSC"])
    dialog = LinkDialog(coded, source)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not ok_button(dialog).isEnabled()
    dialog.set_query("tag:Acteurs/OTSC", immediate=True)
    qtbot.waitUntil(lambda: dialog.status.text().endswith("passages"), timeout=5000)
    listed = dialog.passages_listed()
    assert source.id not in [p.id for p in listed]
    assert [p.document_id == source.document_id for p in listed] == [False, True]
    assert not ok_button(dialog).isEnabled()  # nothing chosen yet

    dialog.set_query("Zas", immediate=True)
    qtbot.waitUntil(lambda: dialog.status.text() == "1 passage", timeout=5000)
    target = dialog.passages_listed()[0]
    assert target.document_id == seed_ids["rt_zas"]
    dialog.results.setFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    assert ok_button(dialog).isEnabled()
    dialog.direction.setCurrentIndex(1)
    dialog.note_edit.setText("même déclaration")
    assert dialog.values() == (target.id, "corroborates", "both", "même déclaration")

    dialog.relation.setEditText("")
    assert not ok_button(dialog).isEnabled()
    dialog.relation.setEditText("cites")
    assert dialog.values()[1] == "cites"
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_link_dialog_with_a_given_target_and_bad_queries(
    coded: AppContext, qtbot, seed_ids
) -> None:
    lib = coded.library
    by_doc = {p.document_id: p for p in lib.passages()}
    rt, sputnik = by_doc[seed_ids["rt_zas"]], by_doc[seed_ids["sputnik_zas"]]
    dialog = LinkDialog(coded, rt, target=sputnik)
    qtbot.addWidget(dialog)
    assert dialog.search.isHidden()
    assert ok_button(dialog).isEnabled()
    dialog.relation.setCurrentIndex(dialog.relation.findData("repeats"))
    assert not ok_button(dialog).isEnabled()  # rt → sputnik "repeats" exists
    assert "already linked" in dialog.hint.text()

    searching = LinkDialog(coded, rt)
    qtbot.addWidget(searching)
    searching.set_query('"unclosed', immediate=True)
    qtbot.waitUntil(lambda: "closing" in searching.status.text().lower(), timeout=5000)
    assert searching.passages_listed() == []


# -- import ----------------------------------------------------------------------


@pytest.fixture
def fresh_ctx(tmp_path: Path, qapp):
    library = Library(tmp_path / "fresh")
    context = AppContext(library, QSettings(str(tmp_path / "f.ini"), QSettings.Format.IniFormat))
    yield context
    context.close()
    library.close()


def test_import_progress_imports_the_seeds(fresh_ctx: AppContext, qtbot, seeds_dir) -> None:
    dialog = ImportProgressDialog(fresh_ctx, [seeds_dir])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_with, timeout=30000) as blocker:
        dialog.start()
    report = blocker.args[0]
    assert [r.status for r in report.results] == ["imported"] * 5
    assert not report.cancelled
    assert len(fresh_ctx.library.documents()) == 5
    assert not dialog.isVisible()
    assert dialog.bar.value() == dialog.bar.maximum() == 5


def test_import_progress_cancel_keeps_the_files_done(
    fresh_ctx: AppContext, qtbot, seeds_dir, monkeypatch
) -> None:
    lib = fresh_ctx.library

    def slow_import(library, paths, progress=None, cancelled=None, outlet=None):
        # the import runs in a child process; here, in this process, slowly
        def slow_progress(done: int, total: int, path: str) -> None:
            progress(done, total, path)
            deadline = time.monotonic() + 10
            while path and not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)  # hold each file until the user cancels

        return lib.import_paths(paths, progress=slow_progress, cancelled=cancelled)

    monkeypatch.setattr(import_dialog, "import_in_process", slow_import)
    dialog = ImportProgressDialog(fresh_ctx, [seeds_dir])
    qtbot.addWidget(dialog)
    reports: list[ImportReport] = []
    dialog.finished_with.connect(reports.append)
    dialog.start()
    # the first file's progress has reached the dialog (the worker holds it there)
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 5, timeout=10000)
    assert "000_" in dialog.file_label.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reports), timeout=10000)
    report = reports[0]
    assert report.cancelled
    assert 0 < len(report.results) < 5
    assert len(lib.documents()) == len(report.results)


def test_import_report_lists_refused_files_and_copies(
    ctx: AppContext, qtbot, tmp_path: Path, seeds_dir: Path
) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    report = ctx.library.import_paths([image, *sorted(seeds_dir.iterdir())[:2]])
    refused = report.refused[0]
    assert refused.reason
    report.results.append(
        ImportResult("/x/b.txt", "updated", 9, title="B", passages={"exact": 2, "orphan": 1})
    )
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = dialog.rows()
    assert rows[0][1] == str(image)
    assert rows[0][2].lower() == refused.reason.lower()
    assert rows[1][0] == "Updated" and "2 in place" in rows[1][2] and "1 orphaned" in rows[1][2]
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "photo.png"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "Refused: 1" in copied and "Unchanged: 2" in copied
    assert str(image) in copied and refused.reason in copied


def test_import_report_without_problems_hides_the_table(qtbot) -> None:
    report = ImportReport(results=[ImportResult("/x/a.txt", "imported", 1, title="A")])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.isHidden()
    assert "Nothing" in dialog.details_label.text()
    assert dialog.cancelled_label.isHidden()


# -- preferences -----------------------------------------------------------------


def test_preferences_store_and_emit(ctx: AppContext, qtbot) -> None:
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert (dialog.language(), dialog.theme()) == ("system", "system")
    dialog.set_language("fr")
    dialog.set_theme("dark")
    with qtbot.waitSignal(dialog.changed, timeout=1000):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert ctx.settings.value("ui/language") == "fr"
    assert ctx.settings.value("ui/theme") == "dark"

    again = PreferencesDialog(ctx)
    qtbot.addWidget(again)
    assert (again.language(), again.theme()) == ("fr", "dark")
    assert again.language_combo.currentText() == "Français"
    again.set_language("en")
    emitted: list[bool] = []
    again.changed.connect(lambda: emitted.append(True))
    again.reject()
    assert ctx.settings.value("ui/language") == "fr"
    assert emitted == []
