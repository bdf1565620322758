"""Dialogs opened again and again from the window do not pile up: each one
made for a single use is freed once closed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog

from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.document_dialog import DocumentDialog
from kzreader.gui.dialogs.import_dialog import ImportProgressDialog, ImportReportDialog
from kzreader.gui.dialogs.link_dialog import LinkDialog
from kzreader.gui.dialogs.preferences_dialog import PreferencesDialog
from kzreader.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def alive(win: MainWindow, kind: type) -> list[QDialog]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [d for d in win.findChildren(QDialog) if type(d) is kind]


def test_preferences_opened_three_times_leave_nothing(qtbot, window: MainWindow) -> None:
    for _ in range(3):
        window.open_preferences()
        (dialog,) = alive(window, PreferencesDialog)
        dialog.reject()
    qtbot.waitUntil(lambda: alive(window, PreferencesDialog) == [])


def test_article_details_opened_three_times_leave_nothing(
    qtbot, window: MainWindow, seed_ids: dict[str, int]
) -> None:
    for name in ("blinken", "rt_zas", "blinken"):
        dialog = window.document_editor.edit(seed_ids[name])
        assert dialog is not None and len(alive(window, DocumentDialog)) == 1
        dialog.reject()
    qtbot.waitUntil(lambda: alive(window, DocumentDialog) == [])


def test_an_import_leaves_neither_its_progress_nor_its_report(
    qtbot, window: MainWindow, tmp_path
) -> None:
    for n in range(2):
        article = tmp_path / f"article-{n}.txt"
        article.write_text(f"Titre {n}\n\nUn texte de plus, numéro {n}, sur le Kazakhstan.\n")
        window.transfers.last_report = None
        window.transfers.import_paths([article])
        qtbot.waitUntil(lambda: window.transfers.last_report is not None, timeout=60_000)
        qtbot.waitUntil(lambda: bool(alive(window, ImportReportDialog)), timeout=10_000)
        for dialog in alive(window, ImportReportDialog):
            dialog.close()
    qtbot.waitUntil(lambda: alive(window, ImportReportDialog) == [])
    assert alive(window, ImportProgressDialog) == []


def test_a_link_dialog_is_freed_after_it_answers(
    qtbot, window: MainWindow, seed_ids: dict[str, int], monkeypatch
) -> None:
    lib = window.library
    source = lib.highlight(seed_ids["rt_zas"], quote="Stanislav Zas")
    target = lib.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas")
    window.annotator.pending_link = source
    monkeypatch.setattr(LinkDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window.annotator._finish_link(target)
    assert alive(window, LinkDialog) == []
    assert lib.links(source.id) == []
