"""In the French interface, the reasons the core gives for refusing a file are
shown in French (in the import report and in the article's details), and a
report exported from the window has French headings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from kzreader.core.library import Library
from kzreader.core.types import ImportResult
from kzreader.gui import i18n
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.document_dialog import DocumentDialog
from kzreader.gui.dialogs.export_dialog import ExportDialog
from kzreader.gui.dialogs.import_dialog import ImportProgressDialog, ImportReportDialog

NBSP = "\u00a0"
EMPTY_FR = f"Le fichier est vide{NBSP}: il n’y a rien à importer"


@pytest.fixture
def french(qapp) -> Iterator[str]:
    """The interface in French, as the app installs it, for the test only."""
    language = i18n.install("fr")
    try:
        yield language
    finally:
        i18n.install("en")


@pytest.fixture
def fresh_ctx(tmp_path: Path, qapp) -> Iterator[AppContext]:
    library = Library(tmp_path / "fresh")
    context = AppContext(library, QSettings(str(tmp_path / "f.ini"), QSettings.Format.IniFormat))
    yield context
    context.close()
    library.close()


def test_an_empty_file_is_refused_in_french(
    french: str, fresh_ctx: AppContext, qtbot, tmp_path: Path
) -> None:
    assert french == "fr" and i18n.language() == "fr"
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    progress = ImportProgressDialog(fresh_ctx, [empty])
    qtbot.addWidget(progress)
    with qtbot.waitSignal(progress.finished_with, timeout=30000) as blocker:
        progress.start()  # the import runs in a child process: the reason comes back whole
    report = blocker.args[0]
    (refused,) = report.refused
    assert refused.reason == "the file is empty: there is nothing to import"  # the core's English

    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rows() == [("Refusés", str(empty), EMPTY_FR)]
    assert dialog.table.item(0, 0).text() == "Refusés"  # the interface is French
    assert dialog.table.item(0, 2).text() == EMPTY_FR
    dialog.copy()
    copied = QGuiApplication.clipboard().text()
    assert f"{empty}\tle fichier est vide{NBSP}: il n’y a rien à importer" in copied


def test_a_folder_and_a_binary_file_in_french(
    french: str, ctx: AppContext, qtbot, tmp_path: Path
) -> None:
    folder = tmp_path / "rien"
    folder.mkdir()
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    report = ctx.library.import_paths([folder, image])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    details = sorted(row[2] for row in dialog.rows())
    assert details == [
        "Le dossier ne contient aucun article (fichiers .docx, .htm, .html, .md, .pdf, .rtf, "
        ".shtml, .txt, .xhtml)",
        f"Ressemble à une image PNG, pas à un article en texte brut{NBSP}: choisissez plutôt "
        "le fichier .txt de l’article",
    ]


def test_english_reasons_stay_english(ctx: AppContext, qtbot, tmp_path: Path) -> None:
    assert i18n.language() == "en"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    dialog = ImportReportDialog(ctx.library.import_paths([empty]))
    qtbot.addWidget(dialog)
    assert dialog.rows() == [
        ("Refused", str(empty), "The file is empty: there is nothing to import")
    ]


def test_the_details_say_in_french_why_a_file_was_not_read_again(
    french: str, ctx: AppContext, qtbot, seed_ids: dict[str, int]
) -> None:
    view = ctx.library.document(seed_ids["rt_zas"])
    dialog = DocumentDialog(view, [])
    qtbot.addWidget(dialog)
    # a reason the library writes as plain text
    gone = ImportResult("/x/a.txt", "refused", reason="the original file is no longer there")
    dialog.redecoded(gone, None)
    assert dialog.redecode_status.text() == f"Non relu{NBSP}: le fichier d’origine est introuvable"


@pytest.mark.parametrize(("language", "heading"), [("fr", "Sommaire"), ("en", "Contents")])
def test_a_report_exported_from_the_window_speaks_its_language(
    qapp, coded: AppContext, qtbot, tmp_path: Path, language: str, heading: str
) -> None:
    i18n.install(language)
    try:
        dialog = ExportDialog(coded)
        qtbot.addWidget(dialog)
        dialog.set_format("html")
        out = tmp_path / "rapport.html"
        with qtbot.waitSignal(dialog.exported, timeout=20_000):
            dialog.start(out)
    finally:
        i18n.install("en")
    html = out.read_text("utf-8")
    assert f'<html lang="{language}">' in html
    assert f"<h2>{heading}</h2>" in html
