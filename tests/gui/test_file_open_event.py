"""Files the system asks the app to open: on macOS a ``.qdpx`` project or a
text file double-clicked in Finder reaches the app as a ``QFileOpenEvent``
posted to the application (``kzreader.gui.app.FileOpener``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QDialog

from kzreader.core.library import Library
from kzreader.gui import app as gui_app
from kzreader.gui.context import AppContext

ARTICLE = "Titre : Ouvert depuis le Finder\n\nUn article ouvert par un double-clic à Almaty.\n"


@pytest.fixture
def controller(qapp, ctx: AppContext) -> Iterator[gui_app.Controller]:
    controller = gui_app.Controller(qapp, ctx)
    controller.window.show()
    yield controller
    for dialog in controller.window.findChildren(QDialog):
        dialog.close()
    controller.window.close()


@pytest.fixture
def opener(qapp) -> Iterator[gui_app.FileOpener]:
    opener = gui_app.FileOpener(qapp)
    yield opener
    opener.close()


def post(qapp, qtbot, event: QFileOpenEvent) -> None:
    QCoreApplication.postEvent(qapp, event)
    qtbot.wait(20)


def test_a_text_file_opened_in_finder_is_imported(
    qapp, qtbot, controller: gui_app.Controller, opener: gui_app.FileOpener, tmp_path: Path
) -> None:
    opener.attach(controller.open_file)
    folder = tmp_path / "Élodie Müller" / "Documents"
    folder.mkdir(parents=True)
    article = folder / "Ouvert depuis le Finder.txt"
    article.write_text(ARTICLE, "utf-8")
    before = len(controller.ctx.library.documents())
    post(qapp, qtbot, QFileOpenEvent(str(article)))
    window = controller.window
    qtbot.waitUntil(lambda: window.transfers.last_report is not None, timeout=30_000)
    assert window.transfers.last_report.count("imported") == 1
    documents = controller.ctx.library.documents()
    assert len(documents) == before + 1
    assert "Ouvert depuis le Finder.txt" in {d.file_name for d in documents}
    assert opener.pending == []


def test_a_project_opened_in_finder_is_imported_as_a_project(
    qapp, qtbot, controller: gui_app.Controller, opener: gui_app.FileOpener, tmp_path: Path,
    monkeypatch,
) -> None:  # fmt: skip
    project = tmp_path / "Projet d'équipe.QDPX"
    controller.ctx.library.export("qdpx", project)
    opened: list[Path] = []
    monkeypatch.setattr(controller.window.transfers, "import_project", opened.append)
    monkeypatch.setattr(controller.window.transfers, "import_paths", pytest.fail)
    opener.attach(controller.open_file)
    # as Finder sends it: a file URL
    post(qapp, qtbot, QFileOpenEvent(QUrl.fromLocalFile(str(project))))
    assert opened == [project]


def test_files_opened_before_the_window_wait_for_it(
    qapp, qtbot, opener: gui_app.FileOpener, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.qdpx"
    post(qapp, qtbot, QFileOpenEvent(str(first)))
    post(qapp, qtbot, QFileOpenEvent(str(second)))
    assert opener.pending == [first, second]
    opened: list[Path] = []
    opener.attach(opened.append)
    assert opened == [first, second] and opener.pending == []
    third = tmp_path / "c.txt"
    post(qapp, qtbot, QFileOpenEvent(str(third)))
    assert opened == [first, second, third]


def test_other_events_pass_through(qapp, qtbot, opener: gui_app.FileOpener) -> None:
    from PySide6.QtCore import QEvent

    seen: list[Path] = []
    opener.attach(seen.append)
    assert opener.eventFilter(qapp, QEvent(QEvent.Type.User)) is False
    assert seen == []


def test_a_read_only_library_says_why_and_imports_nothing(
    qapp, qtbot, seeded: Library, settings, tmp_path: Path, monkeypatch
) -> None:
    seeded.close()
    holder = Library(seeded.path, program="the other kzreader")
    # in this process the lock is shared: a second open is read-only only by request
    readonly = Library(seeded.path, read_only=True, sync_index=False)
    ctx = AppContext(readonly, settings)
    controller = gui_app.Controller(qapp, ctx)
    errors: list[object] = []
    monkeypatch.setattr(controller.window, "show_error", errors.append)
    monkeypatch.setattr(controller.window.transfers, "import_paths", pytest.fail)
    try:
        controller.open_file(tmp_path / "article.txt")
        assert len(errors) == 1 and "article.txt" in str(errors[0])
        assert "read-only" in str(errors[0])
    finally:
        controller.window.close()
        ctx.close()
        readonly.close()
        holder.close()
