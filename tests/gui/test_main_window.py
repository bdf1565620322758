"""The main window driven as a researcher would: real widgets, real library."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QDockWidget

from kzreader.core.library import Library
from kzreader.gui import window_annotating as wa
from kzreader.gui import window_transfer as wt
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.import_dialog import ImportReportDialog
from kzreader.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def empty_window(qtbot, qapp, tmp_path: Path, settings) -> MainWindow:
    lib = Library(tmp_path / "empty")
    context = AppContext(lib, settings)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    yield win
    context.close()
    lib.close()


def select_quote(win: MainWindow, quote: str, occurrence: int = 1) -> tuple[int, int]:
    text = win.reader.text
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    win.reader.select_range(start, start + len(quote))
    return start, start + len(quote)


def wait_idle(qtbot, win: MainWindow) -> None:
    """The edits asked for done, the reader painted again, the panels loaded."""
    qtbot.waitUntil(win.is_settled, timeout=20_000)
    win.ctx.workers.wait()
    qtbot.wait(20)
    qtbot.waitUntil(win.is_settled, timeout=20_000)


def test_empty_library_offers_the_samples(qtbot, empty_window: MainWindow) -> None:
    win = empty_window
    assert win.centre.currentWidget() is win.welcome
    assert win.welcome.buttons[0].isVisible()
    win.welcome.buttons[0].click()  # "Import Sample Articles"
    qtbot.waitUntil(lambda: win.transfers.last_report is not None, timeout=20_000)
    assert win.transfers.last_report.count("imported") == 5
    assert len(win.library.documents()) == 5
    # the first article opens once the window has taken the report in (a zero timer)
    qtbot.waitUntil(lambda: win.centre.currentWidget() is win.reader_page, timeout=10_000)
    for dialog in win.findChildren(QDialog):
        dialog.close()


def test_an_import_shows_its_first_article_once_the_panels_have_reloaded(
    qtbot, monkeypatch, empty_window: MainWindow
) -> None:
    """The window's own work after an import waits for the panels' reloads
    on workers: done beside them, each call from Qt into Python waited for
    the interpreter's lock."""
    win = empty_window
    seen: list[tuple[bool, int]] = []
    opening = win.open_document

    def open_document(document_id: int) -> bool:
        seen.append((win.ctx.workers._busy(), len(win.library_panel.visible_document_ids())))
        return opening(document_id)

    monkeypatch.setattr(win, "open_document", open_document)
    win.welcome.buttons[0].click()  # "Import Sample Articles"
    qtbot.waitUntil(lambda: win.transfers.last_report is not None, timeout=20_000)
    qtbot.waitUntil(lambda: win.findChild(ImportReportDialog) is not None, timeout=10_000)
    assert seen == [(False, 5)]  # the list already shows the five articles
    assert win.centre.currentWidget() is win.reader_page
    for dialog in win.findChildren(QDialog):
        dialog.close()


@pytest.mark.parametrize("width", [900, 1100, 1280, 1600])
def test_the_welcome_text_is_shown_whole(qtbot, empty_window: MainWindow, width: int) -> None:
    win = empty_window
    win.resize(width, 760)
    body = win.welcome.body
    qtbot.waitUntil(lambda: body.width() <= win.welcome.width())
    # every wrapped line fits: the label is as tall as its text at its width
    assert body.height() >= body.heightForWidth(body.width()) > 0
    assert body.heightForWidth(body.width()) >= 2 * body.fontMetrics().lineSpacing()
    win.welcome.set_empty(False)
    assert body.height() >= body.heightForWidth(body.width())


def test_import_by_dropping_a_folder(qtbot, empty_window: MainWindow, seeds_dir: Path) -> None:
    win = empty_window
    (seeds_dir / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seeds_dir))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)
    qtbot.waitUntil(lambda: win.transfers.last_report is not None, timeout=20_000)
    assert win.transfers.last_report.count("imported") == 5
    (refused,) = win.transfers.last_report.refused
    assert refused.path.endswith("broken.txt") and "PNG" in refused.reason


def test_open_select_highlight(qtbot, window: MainWindow, seed_ids) -> None:
    doc = seed_ids["rt_zas"]
    window.ctx.navigator.open_document.emit(doc)
    assert window.reader.document_id == doc and window.header.title.text().startswith("Le chef")
    select_quote(window, "Stanislav Zas")
    assert window.actions_.highlight.isEnabled()
    window.actions_.highlight.trigger()
    assert not window.actions_.highlight.isEnabled()  # until the passage is made
    wait_idle(qtbot, window)
    (passage,) = window.library.passages(document_ids=[doc])
    assert passage.exact == "Stanislav Zas"
    assert [p.id for p in window.reader.passages] == [passage.id]
    wait_idle(qtbot, window)
    assert window.annotations_panel.passage_item(passage.id) is not None
    assert window.actions_.undo.text() == "&Undo Highlight"


def test_tag_and_note_a_selection(qtbot, window: MainWindow, seed_ids, monkeypatch) -> None:
    window.ctx.navigator.open_document.emit(seed_ids["blinken"])
    monkeypatch.setattr(wa.TagDialog, "get_path", staticmethod(lambda *a, **k: "Acteurs/USA"))
    monkeypatch.setattr(
        wa.NoteDialog,
        "get_note",
        staticmethod(lambda quote, note, parent: f"À propos de « {quote} »"),
    )
    select_quote(window, "Antony Blinken")
    window.actions_.tag.trigger()
    wait_idle(qtbot, window)
    (passage,) = window.library.passages(document_ids=[seed_ids["blinken"]])
    assert passage.tags == ["Acteurs/USA"]
    window.reader.select_passage(passage.id)
    window.actions_.note.trigger()
    wait_idle(qtbot, window)
    assert window.library.passage(passage.id).note == "À propos de « Antony Blinken »"
    tooltip = window.reader.tooltip_html(window.reader.passages_at(passage.start))
    assert "Acteurs/USA" in tooltip and "Antony Blinken" in tooltip


def test_link_across_articles_and_follow_the_backlink(
    qtbot, window: MainWindow, seed_ids, monkeypatch
) -> None:
    nav = window.ctx.navigator
    nav.open_document.emit(seed_ids["sputnik_zas"])
    select_quote(window, "Stanislav Zas")
    window.actions_.link.trigger()  # creates the passage, waits for a target
    wait_idle(qtbot, window)
    assert window.link_banner.isVisible() and window.annotator.pending_link is not None
    source = window.annotator.pending_link
    nav.open_document.emit(seed_ids["rt_zas"])
    select_quote(window, "Stanislav Zas")
    monkeypatch.setattr(wa.LinkDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.actions_.finish_link.trigger()
    wait_idle(qtbot, window)
    assert not window.link_banner.isVisible()
    (target,) = window.library.passages(document_ids=[seed_ids["rt_zas"]])
    (link,) = window.library.links(target.id)
    assert (link.side, link.other_id) == ("in", source.id)  # a backlink on the RT passage
    wait_idle(qtbot, window)
    panel = window.annotations_panel
    panel.select_passage(target.id)
    item = panel.passage_item(target.id)
    link_row = item.child(0)
    panel.tree.setCurrentItem(link_row)
    panel.follow_link()
    assert window.reader.document_id == seed_ids["sputnik_zas"]
    assert window.reader.selected_passage == source.id and window.reader.is_flashing()


def test_a_link_given_up_leaves_no_target_passage(
    qtbot, window: MainWindow, seed_ids, monkeypatch
) -> None:
    nav, lib = window.ctx.navigator, window.library
    nav.open_document.emit(seed_ids["sputnik_zas"])
    select_quote(window, "Stanislav Zas")
    window.actions_.link.trigger()
    wait_idle(qtbot, window)
    source = window.annotator.pending_link
    nav.open_document.emit(seed_ids["rt_zas"])
    select_quote(window, "Stanislav Zas")
    undo_before = lib.next_undo()
    shown: list[str] = []

    def cancel(dialog) -> int:
        shown.append(dialog.target().exact)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(wa.LinkDialog, "exec", cancel)
    window.actions_.finish_link.trigger()
    assert shown == ["Stanislav Zas"]  # the selection offered as the target
    assert lib.passages(document_ids=[seed_ids["rt_zas"]]) == []
    assert lib.next_undo() == undo_before and lib.links(source.id) == []
    assert window.annotator.pending_link is source  # still waiting for a target
    monkeypatch.setattr(wa.LinkDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.actions_.finish_link.trigger()
    wait_idle(qtbot, window)
    (target,) = lib.passages(document_ids=[seed_ids["rt_zas"]])
    assert [li.other_id for li in lib.links(source.id)] == [target.id]
    lib.undo()  # one step takes back the link and its target passage
    assert lib.passages(document_ids=[seed_ids["rt_zas"]]) == []
    assert lib.links(source.id) == []


def test_link_by_clicking_a_passage(qtbot, window: MainWindow, seed_ids, monkeypatch) -> None:
    lib = window.library
    a = lib.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas")
    b = lib.highlight(seed_ids["zas_retrait"], quote="Stanislav Zas")
    window.ctx.navigator.open_passage.emit(seed_ids["sputnik_zas"], a.id)
    window.actions_.link.trigger()
    window.ctx.navigator.open_document.emit(seed_ids["zas_retrait"])
    monkeypatch.setattr(wa.LinkDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.reader.passage_clicked.emit(b.id)
    wait_idle(qtbot, window)
    assert [li.other_id for li in lib.links(a.id)] == [b.id]


def test_search_and_jump_to_the_match(qtbot, window: MainWindow, seed_ids) -> None:
    window.actions_.search.trigger()
    panel = window.search_panel
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.set_query("Blinken", immediate=True)
    (hit,) = panel.results()
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.reader.document_id == seed_ids["blinken"]
    assert window.reader._marks == [tuple(m) for m in hit.matches]
    marked = [window.reader.text[s:e] for s, e in window.reader._marks]
    assert set(marked) == {"Blinken"}


def test_ctrl_f_finds_in_the_article(qtbot, window: MainWindow, seed_ids) -> None:
    window.ctx.navigator.open_document.emit(seed_ids["rt_zas"])
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    assert window.find_bar.find("securite") == 2
    window.find_bar.next()
    assert window.find_bar.current_index() == 1


def test_merge_tags_and_undo_from_the_edit_menu(qtbot, window: MainWindow, seed_ids) -> None:
    lib = window.library
    lib.highlight(seed_ids["rt_zas"], quote="Stanislav Zas", tags=["CSTO"])
    lib.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas", tags=["OTSC"])
    wait_idle(qtbot, window)
    tags = window.tags_panel
    tags.select_tag("CSTO")
    tags.ask_item = lambda *a, **k: "OTSC"
    tags.merge_tag()
    wait_idle(qtbot, window)
    assert [t.path for t in lib.tags()] == ["OTSC"]
    assert window.actions_.undo.text() == "&Undo Merge tags"
    edit_menu = next(
        m
        for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
        if window.actions_.undo in m.actions()
    )
    assert edit_menu is not None
    window.actions_.undo.trigger()
    wait_idle(qtbot, window)
    assert sorted(t.path for t in lib.tags()) == ["CSTO", "OTSC"]
    assert window.actions_.redo.text() == "&Redo Merge tags"


def test_delete_passage_from_the_reader(qtbot, window: MainWindow, seed_ids) -> None:
    p = window.library.highlight(seed_ids["blinken"], quote="Antony Blinken")
    window.ctx.navigator.open_passage.emit(seed_ids["blinken"], p.id)
    window.actions_.delete_passage.trigger()
    wait_idle(qtbot, window)
    assert window.library.passages() == []
    assert window.reader.passages == []


def test_window_layout_is_remembered(qtbot, ctx: AppContext) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.resize(760, 640)  # within the offscreen screen, which clamps restored geometry
    first.show()
    first.orphans_dock.hide()
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.tags_dock)
    size = first.size()
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    assert not second.orphans_dock.isVisible() and second.library_dock.isVisible()
    assert second.dockWidgetArea(second.tags_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert second.dockWidgetArea(second.library_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    # the offscreen screen is 800 pixels wide: restored widths are clamped to it
    assert second.size().height() == size.height()


def test_reopens_the_last_article(qtbot, ctx: AppContext, seed_ids) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.open_document(seed_ids["blinken"])
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.reader.document_id == seed_ids["blinken"]


def test_undo_label_follows_the_operation(qtbot, window: MainWindow, seed_ids) -> None:
    assert not window.actions_.undo.isEnabled()
    window.library.create_tag("Thèmes")
    assert window.actions_.undo.text() == "&Undo Create Tag"
    window.actions_.undo.trigger()
    wait_idle(qtbot, window)
    assert window.actions_.undo.text() == "&Undo" and not window.actions_.undo.isEnabled()


def test_overlapping_passages_are_painted_segment_by_segment(
    qtbot, window: MainWindow, seed_ids
) -> None:
    lib = window.library
    doc = seed_ids["blinken"]
    outer = lib.highlight(doc, quote="Antony Blinken, a remis en question", tags=["A"])
    inner = lib.highlight(doc, quote="Blinken", tags=["B"])
    window.open_document(doc)
    segments = [(a, b, sorted(p.id for p in ps)) for a, b, ps in window.reader._segments()]
    assert segments == [
        (outer.start, inner.start, [outer.id]),
        (inner.start, inner.end, sorted([outer.id, inner.id])),
        (inner.end, outer.end, [outer.id]),
    ]
    assert [p.id for p in window.reader.passages_at(inner.start)] == [inner.id, outer.id]


def test_import_through_the_file_menu(
    qtbot, empty_window: MainWindow, seeds_dir: Path, monkeypatch
) -> None:
    win = empty_window
    chosen = [str(p) for p in sorted(seeds_dir.glob("*.txt"))[:2]]
    monkeypatch.setattr(
        wt.QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (chosen, ""))
    )
    file_menu = win.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a is win.actions_.import_files)
    action.trigger()
    qtbot.waitUntil(lambda: win.transfers.last_report is not None, timeout=20_000)
    assert win.transfers.last_report.count("imported") == 2

    def report_dialogs() -> list[QDialog]:
        found = win.findChildren(QDialog)
        return [d for d in found if type(d).__name__ == "ImportReportDialog" and d.isVisible()]

    # the report follows once the window has shown the first article
    qtbot.waitUntil(lambda: bool(report_dialogs()), timeout=20_000)
    (report,) = report_dialogs()
    imported = {r.document_id for r in win.transfers.last_report.results}
    qtbot.waitUntil(lambda: win.reader.document_id in imported, timeout=10_000)
    report.close()


def test_shortcuts_move_the_focus_between_library_tags_reader_and_panel(
    qtbot, window: MainWindow, seed_ids
) -> None:
    window.activateWindow()
    window.open_document(seed_ids["blinken"])
    a = window.actions_
    assert [x.shortcut().toString() for x in (a.focus_library, a.focus_tags, a.focus_reader,
            a.focus_panel)] == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"]  # fmt: skip
    a.focus_library.trigger()
    assert window.focusWidget() is window.library_panel.view
    a.focus_tags.trigger()
    assert window.tags_panel.isAncestorOf(window.focusWidget())
    a.focus_reader.trigger()
    assert window.focusWidget() is window.reader
    window.search_dock.raise_()
    a.focus_panel.trigger()
    assert window.search_panel.isAncestorOf(window.focusWidget())


def test_the_reader_dims_the_title_line_the_header_shows(qtbot, window: MainWindow, seed_ids):
    lib = window.library
    doc = seed_ids["blinken"]
    window.open_document(doc)
    view = lib.document(doc)
    title = view.info.title
    start = view.text.index(title)
    assert (start, start + len(title)) in window.reader.boilerplate  # dimmed in the reader
    assert all(b in window.reader.boilerplate for b in view.boilerplate)
    assert lib.document(doc).boilerplate == view.boilerplate  # the library is unchanged
    assert window.reader.toPlainText().replace("\xa0", " ") == view.text.replace("\xa0", " ")
    assert lib.search("remettent").total == 1  # the title's words are still found


def test_the_text_size_changes_is_remembered_and_keeps_the_text(
    qtbot, window: MainWindow, seed_ids, ctx: AppContext
) -> None:
    window.open_document(seed_ids["rt_zas"])
    text = window.reader.toPlainText()
    a = window.actions_
    assert a.zoom_reset.shortcut().toString() == "Ctrl+0"
    a.zoom_in.trigger()
    a.zoom_in.trigger()
    assert window.reader.font_size() == 14.5
    assert window.reader.font().pointSizeF() == 14.5
    assert window.reader.document().defaultFont().pointSizeF() == 14.5
    assert window.reader.toPlainText() == text
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.reader.font_size() == 14.5  # remembered
    for _ in range(40):
        a.zoom_out.trigger()
    assert window.reader.font_size() == 8.0  # no smaller
    a.zoom_reset.trigger()
    assert window.reader.font_size() == 12.5


def test_the_text_column_width_is_chosen_and_remembered(
    qtbot, window: MainWindow, seed_ids, ctx: AppContext
) -> None:
    window.open_document(seed_ids["rt_zas"])
    reader, a = window.reader, window.actions_
    for dock in window.findChildren(QDockWidget):
        dock.hide()  # the reader gets the whole window
    qtbot.waitUntil(lambda: reader.width() > 1300)
    text = reader.toPlainText()
    assert a.columns["medium"].isChecked()

    def column() -> int:
        return reader.viewport().width()

    medium = column()
    a.columns["narrow"].trigger()
    narrow = column()
    a.columns["wide"].trigger()
    wide = column()
    a.columns["full"].trigger()
    full = column()
    assert narrow < medium < wide < full
    assert full >= reader.width() - 100  # only the margin's width and the scroll bar
    assert window.header.maximumWidth() > reader.width()
    assert reader.toPlainText() == text
    a.columns["narrow"].trigger()
    assert window.header.maximumWidth() == reader.column_width() == 560
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.reader.column() == "narrow" and again.actions_.columns["narrow"].isChecked()
