"""The Notes panel (the memo list): its rows, the filter, the note rendered
from its Markdown, opening the article at the passage, editing, following
changes made elsewhere, and its dock in the main window."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidgetItem
from tests_support import answer_modal, wait_edits

from kzreader.core.types import LinkInfo, PassageInfo
from kzreader.gui.context import AppContext
from kzreader.gui.main_window import MainWindow
from kzreader.gui.panels.notes_panel import HEAD_ROLE, LINE_ROLE, NOTE_ROLE, NotesPanel

SPUTNIK_TITLE = "Le secrétaire général de l’OTSC explique quand ses forces quitteront le Kazakhstan"
RT_TITLE = "Le chef du bloc dirigé par la Russie révèle les détails de la mission au Kazakhstan"


@dataclass
class Noted:
    ctx: AppContext
    sputnik: PassageInfo
    rt: PassageInfo
    blinken: PassageInfo
    link: LinkInfo


@pytest.fixture
def noted(ctx: AppContext, seed_ids) -> Noted:
    """Two passages with a note, one without, and a link with a note."""
    lib = ctx.library
    sputnik = lib.highlight(
        seed_ids["sputnik_zas"],
        quote="Stanislav Zas",
        note="Le **strong** chef de l’OTSC\n\nsecond paragraphe",
    )
    rt = lib.highlight(seed_ids["rt_zas"], quote="Stanislav Zas", note="Entretien accordé à RT")
    blinken = lib.highlight(seed_ids["blinken"], quote="Antony Blinken")
    link = lib.link(rt.id, sputnik.id, "repeats", note="Même *citation*")
    return Noted(ctx, sputnik, rt, blinken, link)


def shown(qtbot, panel: NotesPanel) -> NotesPanel:
    qtbot.addWidget(panel)
    panel.resize(380, 640)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def panel(noted: Noted, qtbot) -> NotesPanel:
    widget = shown(qtbot, NotesPanel(noted.ctx))
    qtbot.waitUntil(lambda: len(widget.items()) == 3)
    return widget


def rows(panel: NotesPanel) -> list[tuple[str, str]]:
    return [(item.data(HEAD_ROLE), item.data(LINE_ROLE)) for item in panel.items()]


def item_of(panel: NotesPanel, passage_id: int, kind: str = "passage") -> QListWidgetItem:
    (item,) = [
        i
        for i in panel.items()
        if i.data(NOTE_ROLE).passage_id == passage_id and i.data(NOTE_ROLE).kind == kind
    ]
    return item


def test_the_notes_of_passages_and_links_are_listed(panel: NotesPanel, noted: Noted) -> None:
    # by article title: "Le chef…" (RT) before "Le secrétaire…" (Sputnik)
    assert rows(panel) == [
        ("“Stanislav Zas”", "Entretien accordé à RT"),
        ("“Stanislav Zas” → repeats → “Stanislav Zas”", "Même citation"),
        ("“Stanislav Zas”", "Le strong chef de l’OTSC second paragraphe"),
    ]
    assert panel.items()[0].text().splitlines()[1] == f"{RT_TITLE} · RT"
    assert panel.items()[2].text().splitlines()[1] == f"{SPUTNIK_TITLE} · Sputnik · 2022-01-06"
    assert noted.blinken.id not in {n.passage_id for n in panel.notes}  # no note, no row
    assert panel.header.text() == "3 notes"
    assert panel.stack.currentWidget() is panel.splitter


def test_the_filter_narrows_the_list(panel: NotesPanel, qtbot) -> None:
    panel.query.setText("accorde")  # any accents
    qtbot.waitUntil(lambda: len(panel.items()) == 1)
    assert rows(panel) == [("“Stanislav Zas”", "Entretien accordé à RT")]
    assert panel.header.text() == "1 note matching “accorde”"
    panel.query.setText("CITATION")
    link_row = ("“Stanislav Zas” → repeats → “Stanislav Zas”", "Même citation")
    qtbot.waitUntil(lambda: rows(panel) == [link_row])
    panel.query.setText("kazakhstan")  # a word of the articles' titles
    qtbot.waitUntil(lambda: len(panel.items()) == 3)
    panel.query.setText("nulle part")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty)
    assert panel.empty.text() == "No note matches “nulle part”."
    panel.query.clear()
    qtbot.waitUntil(lambda: len(panel.items()) == 3)


def test_the_chosen_note_is_rendered_from_its_markdown(panel: NotesPanel, noted: Noted) -> None:
    panel.list.setCurrentItem(item_of(panel, noted.sputnik.id))
    document = panel.browser.document()
    text = document.toPlainText()
    assert "“Stanislav Zas”" in text and SPUTNIK_TITLE in text and "Sputnik · 2022-01-06" in text
    assert "**" not in text and "Le strong chef de l’OTSC" in text
    strong = document.find("strong")
    assert not strong.isNull()
    assert strong.charFormat().fontWeight() == QFont.Weight.Bold
    plain = document.find("chef")
    assert plain.charFormat().fontWeight() == QFont.Weight.Normal
    assert text.index(SPUTNIK_TITLE) < text.index("Le strong")  # quote and article above
    panel.list.setCurrentItem(item_of(panel, noted.rt.id, "link"))
    document = panel.browser.document()
    assert "“Stanislav Zas” → repeats → “Stanislav Zas”" in document.toPlainText()
    assert f"Linked to “{SPUTNIK_TITLE}”" in document.toPlainText()
    citation = document.find("citation")
    assert citation.charFormat().fontItalic()


def test_a_note_edited_elsewhere_shows_without_a_reload(
    panel: NotesPanel, noted: Noted, qtbot
) -> None:
    lib = noted.ctx.library
    lib.update_passage(noted.blinken.id, note="Le secrétaire d’État *américain*")
    qtbot.waitUntil(lambda: len(panel.items()) == 4)
    assert item_of(panel, noted.blinken.id).data(LINE_ROLE) == "Le secrétaire d’État américain"
    panel.list.setCurrentItem(item_of(panel, noted.rt.id))
    lib.update_passage(noted.rt.id, note="Entretien **relu**")
    qtbot.waitUntil(lambda: item_of(panel, noted.rt.id).data(LINE_ROLE) == "Entretien relu")
    assert panel.selected_note().passage_id == noted.rt.id  # the choice is kept
    assert "relu" in panel.browser.toPlainText()
    lib.update_passage(noted.rt.id, note="")
    qtbot.waitUntil(lambda: len(panel.items()) == 3)
    lib.unlink(noted.link.id)
    qtbot.waitUntil(lambda: len(panel.items()) == 2)


def test_edit_note_uses_the_note_dialog(panel: NotesPanel, noted: Noted, qtbot) -> None:
    asked: list[tuple[str, str]] = []

    def rewrite(text: str):  # type: ignore[no-untyped-def]
        def answer(dialog) -> None:  # type: ignore[no-untyped-def]
            asked.append((dialog.quote_label.text(), dialog.editor.toPlainText()))
            dialog.editor.setPlainText(text)
            dialog.accept()

        return answer

    panel.list.setCurrentItem(item_of(panel, noted.rt.id))
    assert panel.edit_button.isEnabled()
    answer_modal(rewrite("Réécrite"))
    panel.edit_button.click()
    wait_edits(qtbot, noted.ctx)
    assert asked[0][1] == "Entretien accordé à RT" and "Stanislav Zas" in asked[0][0]
    assert noted.ctx.library.passage(noted.rt.id).note == "Réécrite"
    qtbot.waitUntil(lambda: item_of(panel, noted.rt.id).data(LINE_ROLE) == "Réécrite")
    # a link's note is edited the same way
    panel.list.setCurrentItem(item_of(panel, noted.rt.id, "link"))
    assert panel.edit_button.isEnabled() and panel.edit_action.isEnabled()
    answer_modal(rewrite("Lien **relu**"))
    panel.edit_action.trigger()
    wait_edits(qtbot, noted.ctx)
    assert noted.ctx.library.links(noted.rt.id)[0].note == "Lien **relu**"
    qtbot.waitUntil(lambda: item_of(panel, noted.rt.id, "link").data(LINE_ROLE) == "Lien relu")


def test_enter_asks_for_the_passage(panel: NotesPanel, noted: Noted, qtbot) -> None:
    panel.list.setCurrentItem(item_of(panel, noted.rt.id, "link"))
    with qtbot.waitSignal(noted.ctx.navigator.open_passage) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args == [noted.rt.document_id, noted.rt.id]
    with qtbot.waitSignal(noted.ctx.navigator.open_passage) as blocker:
        panel.other_action.trigger()
    assert blocker.args == [noted.sputnik.document_id, noted.sputnik.id]


def test_no_note_yet(ctx: AppContext, qtbot) -> None:
    panel = shown(qtbot, NotesPanel(ctx))
    qtbot.waitUntil(lambda: panel.shown_query is not None)
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text().startswith(
        "No note yet. Notes you write on passages and links appear here."
    )
    assert not panel.open_button.isEnabled() and not panel.edit_button.isEnabled()


# -- in the main window --------------------------------------------------------------


@pytest.fixture
def window(noted: Noted, qtbot) -> MainWindow:
    win = MainWindow(noted.ctx)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.notes_dock.raise_()
    qtbot.waitUntil(lambda: len(win.notes_panel.items()) == 3)
    return win


def test_the_notes_dock_sits_with_the_others(window: MainWindow) -> None:
    assert window.notes_dock.objectName() == "notesDock"
    assert window.notes_dock.windowTitle() == "Notes"
    assert window.notes_dock in window.tabifiedDockWidgets(window.reuse_dock)
    view = window.menuBar().actions()[4].menu()
    assert window.notes_dock.toggleViewAction() in view.actions()


def test_double_click_opens_the_article_at_the_passage(
    window: MainWindow, noted: Noted, qtbot
) -> None:
    panel = window.notes_panel
    item = item_of(panel, noted.sputnik.id)
    panel.list.scrollToItem(item)
    centre = panel.list.visualItemRect(item).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: window.reader.document_id == noted.sputnik.document_id)
    assert window.reader.selected_passage == noted.sputnik.id
