"""Exports, project imports, and backups to a file, from the File and
Library menus: real widgets over real libraries, file dialogs and message
boxes replaced."""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from kzreader.core.library import Library
from kzreader.gui import app as gui_app
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs import export_dialog
from kzreader.gui.dialogs.export_dialog import (
    CURRENT_ARTICLE,
    SHOWN_ARTICLES,
    TAGS,
    ExportDialog,
)
from kzreader.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, coded: AppContext) -> MainWindow:
    """A window over the seeded library with a few coded passages."""
    win = MainWindow(coded)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    wait_idle(qtbot, win)
    return win


@pytest.fixture
def other_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    """A window over a second, empty library."""
    lib = Library(tmp_path / "other")
    context = AppContext(lib, QSettings(str(tmp_path / "o.ini"), QSettings.Format.IniFormat))
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    yield win
    context.close()
    lib.close()


def wait_idle(qtbot, win: MainWindow) -> None:
    """The edits asked for done (an undo runs off the GUI thread), the
    panels loaded."""
    qtbot.waitUntil(win.is_settled, timeout=20_000)
    win.ctx.workers.wait()
    qtbot.waitUntil(win.is_settled, timeout=20_000)


def save_as(monkeypatch, path: Path) -> list[str]:
    """Answer every save dialog with ``path``; the default names offered are kept."""
    offered: list[str] = []

    def answer(parent, title, default, *args, **kwargs) -> tuple[str, str]:
        offered.append(default)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return offered


def open_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def export(qtbot, dialog: ExportDialog) -> Path:
    """Press Export… and wait for the file."""
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        dialog.export_button.click()
    return Path(blocker.args[0].path)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# -- exports -----------------------------------------------------------------------------


def test_every_format_is_exported_through_the_dialog(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    checks = {
        "qdpx": lambda p: "project.qde" in zipfile.ZipFile(p).namelist(),
        "qdc": lambda p: "CodeBook" in p.read_text("utf-8") and "OTSC" in p.read_text("utf-8"),
        "w3c": lambda p: json.loads(p.read_text("utf-8"))["type"] == "AnnotationCollection",
        "csv": lambda p: {r["tag"] for r in csv_rows(p)} == {"Acteurs/OTSC", "Acteurs/USA"},
        "md": lambda p: "Stanislav Zas" in p.read_text("utf-8"),
        "html": lambda p: p.read_text("utf-8").lstrip().lower().startswith("<!doctype html"),
    }
    assert set(checks) == set(Library.EXPORT_FORMATS)
    dialog = window.transfers.open_export_dialog()
    assert dialog.fmt() == "qdpx" and not dialog.folder_button.isVisible()
    for fmt, check in checks.items():
        offered = save_as(monkeypatch, tmp_path / f"out-{fmt}")  # the suffix is added
        dialog.set_format(fmt)
        written = export(qtbot, dialog)
        suffix = export_dialog.SUFFIXES[fmt]
        assert written == tmp_path / f"out-{fmt}{suffix}" and written.exists()
        assert offered[0].endswith(suffix) and "kzreader-" in offered[0]
        assert check(written), fmt
        assert written.name in dialog.status.text()
        assert written.name in window.statusBar().currentMessage()
        assert dialog.folder_button.isVisible() and not dialog.bar.isVisible()
    assert "3 passages" in window.statusBar().currentMessage()  # the html report's counts
    # the choices and the folder are remembered for the next export
    settings = window.ctx.settings
    assert settings.value(export_dialog.FORMAT_KEY) == "html"
    assert export_dialog.last_folder(settings) == tmp_path
    opened: list[str] = []
    monkeypatch.setattr(
        export_dialog.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url))
    )
    dialog.folder_button.click()
    assert opened[0].toLocalFile() == str(tmp_path)


def test_the_tags_chosen_are_exported(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    window.tags_panel.select_tag("Acteurs/USA")
    dialog = window.transfers.open_export_dialog()
    assert dialog.checked_tags() == ["Acteurs/USA"]  # the tag chosen in the tags panel
    assert not dialog.tag_list.isEnabled()  # until the tags are what is exported
    dialog.set_scope(TAGS)
    assert dialog.tag_list.isEnabled()
    dialog.set_format("csv")
    save_as(monkeypatch, tmp_path / "usa.csv")
    rows = csv_rows(export(qtbot, dialog))
    assert [(r["text"], r["tag"]) for r in rows] == [("Antony Blinken", "Acteurs/USA")]
    # a parent tag covers its sub-tags; checking a tag chooses the tags
    dialog.set_scope("all")
    dialog.set_checked_tags(["Acteurs"])
    assert dialog.scope() == TAGS
    save_as(monkeypatch, tmp_path / "acteurs.csv")
    rows = csv_rows(export(qtbot, dialog))
    assert sorted(r["tag"] for r in rows) == ["Acteurs/OTSC", "Acteurs/OTSC", "Acteurs/USA"]
    # no tag checked: nothing to export yet
    dialog.set_checked_tags([])
    assert not dialog.export_button.isEnabled() and "Check at least one tag" in (
        dialog.status.text()
    )
    dialog.set_checked_tags(["Acteurs"])  # the last export is told again
    assert dialog.export_button.isEnabled() and "acteurs.csv" in dialog.status.text()


def test_the_article_open_and_the_articles_listed_are_exported(
    qtbot, window: MainWindow, seed_ids, tmp_path: Path, monkeypatch
) -> None:
    blinken = window.library.document(seed_ids["blinken"]).info.title
    window.open_document(seed_ids["blinken"])
    dialog = window.transfers.open_export_dialog()
    assert blinken[:20] in dialog.current_radio.text()
    dialog.set_scope(CURRENT_ARTICLE)
    dialog.set_format("md")
    dialog.by_document_radio.setChecked(True)
    save_as(monkeypatch, tmp_path / "blinken.md")
    text = export(qtbot, dialog).read_text("utf-8")
    assert "Antony Blinken" in text and "Stanislav Zas" not in text
    dialog.close()
    # the articles the library list shows, filtered
    window.library_panel.filter_edit.setText("sputnik")
    shown = window.library_panel.visible_document_ids()
    assert 0 < len(shown) < 5
    dialog = window.transfers.open_export_dialog()
    assert f"{len(shown)} articles" in dialog.shown_radio.text()
    dialog.set_scope(SHOWN_ARTICLES)
    dialog.set_format("qdpx")
    save_as(monkeypatch, tmp_path / "listed.qdpx")
    report_path = export(qtbot, dialog)
    assert dialog.report.documents == len(shown)
    with zipfile.ZipFile(report_path) as archive:
        sources = [n for n in archive.namelist() if n.startswith("sources/")]
    assert len(sources) == len(shown)


def test_formats_offer_only_the_choices_they_can_use(window: MainWindow, seed_ids) -> None:
    window.open_document(seed_ids["rt_zas"])
    dialog = window.transfers.open_export_dialog()
    dialog.set_scope(CURRENT_ARTICLE)
    dialog.set_format("qdc")  # a codebook holds no articles
    assert dialog.scope() == "all" and dialog.whole_radio.text() == "Every tag"
    assert not dialog.current_radio.isEnabled() and not dialog.shown_radio.isEnabled()
    assert not dialog.by_group.isEnabled()
    dialog.set_format("html")
    assert dialog.current_radio.isEnabled() and dialog.by_group.isEnabled()
    assert dialog.whole_radio.text() == "The whole library"
    dialog.set_format("w3c")
    assert not dialog.by_group.isEnabled()


def test_an_export_that_cannot_be_written_says_why(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    dialog = window.transfers.open_export_dialog()
    errors: list[str] = []
    dialog.show_error = errors.append
    dialog.set_format("csv")
    save_as(monkeypatch, tmp_path / "missing" / "out.csv")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "The export failed" in errors[0] and "does not exist" in errors[0]
    assert dialog.export_button.isEnabled() and not dialog.bar.isVisible()
    assert not dialog.folder_button.isVisible()


def test_a_read_only_library_exports(
    qtbot, coded: AppContext, settings: QSettings, tmp_path: Path, monkeypatch
) -> None:
    lib = Library(coded.library.path, read_only=True)
    context = AppContext(lib, settings)
    win = MainWindow(context)
    qtbot.addWidget(win)
    try:
        a = win.actions_
        assert a.export.isEnabled() and a.back_up_to_file.isEnabled()
        assert not a.import_project.isEnabled() and not a.restore_from_file.isEnabled()
        open_file(monkeypatch, tmp_path / "never.qdpx")
        assert win.transfers.import_project_dialog() is None and not win.care.restore_from_file()
        dialog = win.transfers.open_export_dialog()
        dialog.set_format("w3c")
        save_as(monkeypatch, tmp_path / "ro.jsonld")
        assert export(qtbot, dialog).exists()
    finally:
        win.close()
        context.close()
        lib.close()


# -- importing a project ------------------------------------------------------------------


def test_a_project_is_imported_shown_and_undone(
    qtbot, coded: AppContext, other_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    project = tmp_path / "coded.qdpx"
    coded.library.export("qdpx", project)
    win = other_window
    open_file(monkeypatch, project)
    win.actions_.import_project.trigger()
    dialog = win.transfers.project_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    rows = dict(dialog.count_rows(dialog.report))
    assert rows["New articles"] == 5 and rows["New passages"] == 3
    assert rows["New tags"] == 3 and rows["Links"] == 1
    assert dialog.isVisible() and dialog.close_button.isEnabled()
    assert "Imported" in dialog.heading.text() and "Undo" in dialog.undo_hint.text()
    # the window heard of it: list, tags, status, the first article opened
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: win.library_panel.model.rowCount() == 5, timeout=10_000)
    assert win.tags_panel.model.rowCount() == 1  # "Acteurs", holding OTSC and USA
    assert "5 articles · 3 passages" in win.status_label.text()
    assert win.reader.document_id in dialog.report.documents_created
    assert win.library.search("Blinken").total == 1  # indexed
    undo = win.actions_.undo
    assert undo.isEnabled() and undo.text() == "&Undo Import Project"
    dialog.close_button.click()
    undo.trigger()
    qtbot.waitUntil(lambda: win.library.counts() == (0, 0), timeout=20_000)
    wait_idle(qtbot, win)
    assert win.library.tags() == []
    qtbot.waitUntil(lambda: win.library_panel.model.rowCount() == 0, timeout=10_000)


def test_a_codebook_brings_the_tags(
    qtbot, coded: AppContext, other_window: MainWindow, tmp_path: Path
) -> None:
    codebook = tmp_path / "scheme.qdc"
    coded.library.export("qdc", codebook)
    dialog = other_window.transfers.import_project(codebook)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dict(dialog.count_rows(dialog.report)) == {"New tags": 3}
    assert "New articles" not in dialog.summary_text()
    assert sorted(t.path for t in other_window.library.tags()) == [
        "Acteurs",
        "Acteurs/OTSC",
        "Acteurs/USA",
    ]
    assert other_window.actions_.undo.text() == "&Undo Import Codebook"


def test_a_bad_project_is_refused_whole(
    qtbot, other_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"PK\x03\x04 this is no zip archive")
    errors: list[str] = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, error: errors.append(str(error)))
    win = other_window
    open_file(monkeypatch, bad)
    dialog = win.transfers.import_project_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "bad.qdpx could not be imported" in errors[0]
    assert "Nothing was imported" in errors[0]
    assert not dialog.isVisible() and dialog.report is None
    assert win.library.counts() == (0, 0) and win.library.tags() == []
    assert not win.actions_.undo.isEnabled()


# -- backing up to a file, restoring from one --------------------------------------------


def test_back_up_to_a_file_then_restore_it(
    qtbot, qapp, ctx: AppContext, tmp_path: Path, monkeypatch
) -> None:
    lib = ctx.library
    lib.create_tag("Avant")
    told: list[str] = []
    monkeypatch.setattr(MainWindow, "inform", lambda self, text: told.append(text))
    controller = gui_app.Controller(qapp, ctx)
    try:
        old = controller.window
        offered = save_as(monkeypatch, tmp_path / "copy")
        job = old.care.back_up_to_file()
        assert job is not None
        qtbot.waitUntil(lambda: job.is_finished, timeout=20_000)
        qtbot.wait(20)
        made = tmp_path / "copy.kzbackup"
        assert made.exists() and Path(offered[0]).name.startswith("kzreader-")
        assert str(made) in old.statusBar().currentMessage()
        lib.create_tag("Après")
        # restoring asks first; no means no
        open_file(monkeypatch, made)
        asked: list[str] = []
        monkeypatch.setattr(MainWindow, "confirm", lambda self, t, text: bool(asked.append(text)))
        assert not old.care.restore_from_file() and controller.window is old
        assert "kept aside" in asked[0] and "copy.kzbackup" in asked[0]
        monkeypatch.setattr(MainWindow, "confirm", lambda self, t, text: True)
        assert old.care.restore_from_file()
        qtbot.waitUntil(lambda: controller.window is not old, timeout=20_000)
        new = controller.window
        assert [t.path for t in new.library.tags()] == ["Avant"]
        assert len(told) == 1 and "was restored" in told[0]
        wait_idle(qtbot, new)
    finally:
        controller.close()
        controller.window.close()
