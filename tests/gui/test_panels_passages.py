"""The passage panels: passages of a tag, annotations of an article, orphans."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from tests_support import answer_modal, wait_edits

from kzreader.gui.context import AppContext
from kzreader.gui.panels.annotations_panel import AnnotationsPanel
from kzreader.gui.panels.orphans_panel import OrphansPanel
from kzreader.gui.panels.passage_item import KIND_ROLE, PASSAGE_ROLE
from kzreader.gui.panels.tag_passages_panel import TagPassagesPanel


def click(qtbot, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def shown(panel, qtbot, size=(360, 600)):
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)


# -- passages of a tag ------------------------------------------------------------------


@pytest.fixture
def tag_panel(coded: AppContext, qtbot) -> TagPassagesPanel:
    widget = TagPassagesPanel(coded)
    qtbot.addWidget(widget)
    shown(widget, qtbot)
    return widget


def test_tag_passages_follow_the_selected_tag(tag_panel, coded, qtbot, seed_ids):
    coded.navigator.tag_selected.emit("Acteurs")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 3)
    quotes = sorted(i.data(0, PASSAGE_ROLE).exact for i in tag_panel.passage_items())
    assert quotes == ["Antony Blinken", "Stanislav Zas", "Stanislav Zas"]
    qtbot.waitUntil(lambda: "3 passages in 3 articles" in tag_panel.header.text())
    assert tag_panel.tree.topLevelItemCount() == 3  # grouped by article
    tag_panel.children_box.setChecked(False)  # "Acteurs" itself tags nothing
    qtbot.waitUntil(lambda: tag_panel.stack.currentWidget() is tag_panel.empty)
    assert "0 passages in 0 articles" in tag_panel.header.text()
    tag_panel.children_box.setChecked(True)
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 3)


def test_tag_passages_refresh_and_open(tag_panel, coded, qtbot, seed_ids):
    coded.navigator.tag_selected.emit("Acteurs/OTSC")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 2)
    coded.library.highlight(seed_ids["zas_retrait"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 3)
    qtbot.waitUntil(lambda: "3 passages in 3 articles" in tag_panel.header.text())
    item = tag_panel.passage_items()[0]
    p = item.data(0, PASSAGE_ROLE)
    with qtbot.waitSignal(coded.navigator.open_passage) as blocker:
        click(qtbot, tag_panel.tree, item)
    assert blocker.args == [p.document_id, p.id]
    tag_panel.tree.setCurrentItem(tag_panel.passage_items()[1])
    second = tag_panel.passage_items()[1].data(0, PASSAGE_ROLE)
    with qtbot.waitSignal(coded.navigator.open_passage) as blocker:
        qtbot.keyClick(tag_panel.tree, Qt.Key.Key_Enter)
    assert blocker.args == [second.document_id, second.id]
    coded.navigator.tag_selected.emit("")
    assert tag_panel.stack.currentWidget() is tag_panel.empty


def test_a_long_list_comes_a_page_at_a_time(tag_panel, coded, qtbot, seed_ids, monkeypatch):
    from kzreader.gui.panels import tag_passages_panel

    monkeypatch.setattr(tag_passages_panel, "PAGE", 2)
    coded.library.highlight(seed_ids["zas_retrait"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    coded.navigator.tag_selected.emit("Acteurs")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 2 and not tag_panel.is_loading())
    assert "4 passages in 4 articles" in tag_panel.header.text()  # counted in full
    more = tag_panel.tree.topLevelItem(tag_panel.tree.topLevelItemCount() - 1)
    assert more.data(0, KIND_ROLE) == "more" and more.text(0) == "Show 2 more passages…"
    click(qtbot, tag_panel.tree, more)
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 4 and not tag_panel.is_loading())
    kinds = [
        tag_panel.tree.topLevelItem(i).data(0, KIND_ROLE)
        for i in range(tag_panel.tree.topLevelItemCount())
    ]
    assert kinds == ["document"] * 4  # every passage read: no "more" row left
    shown_ids = [i.data(0, PASSAGE_ROLE).id for i in tag_panel.passage_items()]
    assert shown_ids == [p.id for p in coded.library.passages(tags=["Acteurs"])]
    # a change reloads what was read, not only the first page
    coded.library.highlight(
        seed_ids["blinken"], quote="Blinken", occurrence=2, tags=["Acteurs/USA"]
    )
    qtbot.waitUntil(lambda: "5 passages" in tag_panel.header.text())
    assert len(tag_panel.passage_items()) == 4
    assert tag_panel.tree.topLevelItem(tag_panel.tree.topLevelItemCount() - 1).text(0) == (
        "Show 1 more passage…"
    )


def held_counts(coded: AppContext, monkeypatch) -> threading.Event:
    """Hold the panel's counts after a page (``count_passage_matches``, on
    a worker) until the returned event is set."""
    release = threading.Event()
    real = coded.library.count_passage_matches

    def slow(flt, query=None):
        assert release.wait(10)
        return real(flt, query)

    monkeypatch.setattr(coded.library, "count_passage_matches", slow)
    return release


def test_the_counts_of_a_page_left_at_once_are_not_shown(tag_panel, coded, qtbot):
    # the counts start once a page is painted: a tag chosen before then
    # shows its own counts only
    coded.navigator.tag_selected.emit("Acteurs")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 3)
    coded.navigator.tag_selected.emit("Acteurs/OTSC")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 2 and not tag_panel.is_loading())
    assert "Acteurs/OTSC" in tag_panel.header.text()
    assert "2 passages in 2 articles" in tag_panel.header.text()


def test_the_articles_are_counted_after_the_page(tag_panel, coded, qtbot, monkeypatch):
    """The page is shown before its articles are counted (which visits every
    passage of the tag); a count that fails leaves the passages' count."""
    release = held_counts(coded, monkeypatch)
    coded.navigator.tag_selected.emit("Acteurs")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 3)
    assert "3 passages, counting articles…" in tag_panel.header.text()
    assert tag_panel.is_loading()
    release.set()
    qtbot.waitUntil(lambda: "3 passages in 3 articles" in tag_panel.header.text())
    assert not tag_panel.is_loading()

    def broken(flt, query=None):
        raise OSError("disk gone")

    monkeypatch.setattr(coded.library, "count_passage_matches", broken)
    coded.navigator.tag_selected.emit("Acteurs/OTSC")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 2 and not tag_panel.is_loading())
    assert tag_panel.header.text() == "<b>Acteurs/OTSC</b> — 2 passages"
    tag_panel.query.setText("Zas")
    qtbot.waitUntil(lambda: "“Zas”" in tag_panel.header.text() and not tag_panel.is_loading())
    assert tag_panel.header.text() == "<b>Acteurs/OTSC · “Zas”</b>"  # uncounted
    assert len(tag_panel.passage_items()) == 2


def test_a_search_shows_its_first_page_then_counts(tag_panel, coded, qtbot, seed_ids, monkeypatch):
    """A query's first page is shown as soon as it is found, the "Show more"
    row without a number; the count comes after and numbers it."""
    from kzreader.gui.panels import tag_passages_panel

    monkeypatch.setattr(tag_passages_panel, "PAGE", 1)
    release = held_counts(coded, monkeypatch)
    tag_panel.query.setText("Zas")
    coded.navigator.tag_selected.emit("Acteurs")  # read at once, with the query
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 1)
    assert tag_panel.header.text() == "<b>Acteurs · “Zas”</b> — counting passages…"
    last = tag_panel.tree.topLevelItem(tag_panel.tree.topLevelItemCount() - 1)
    assert last.data(0, KIND_ROLE) == "more" and last.text(0) == "Show more passages…"
    release.set()
    qtbot.waitUntil(lambda: "2 passages in 2 articles" in tag_panel.header.text())
    last = tag_panel.tree.topLevelItem(tag_panel.tree.topLevelItemCount() - 1)
    assert last.text(0) == "Show 1 more passage…"
    click(qtbot, tag_panel.tree, last)
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 2 and not tag_panel.is_loading())
    assert [p.exact for p in tag_panel.passages] == ["Stanislav Zas"] * 2


# -- annotations of the article ---------------------------------------------------------------


@pytest.fixture
def notes_panel(coded: AppContext, qtbot) -> AnnotationsPanel:
    widget = AnnotationsPanel(coded)
    qtbot.addWidget(widget)
    shown(widget, qtbot)
    return widget


def passage_rows(panel: AnnotationsPanel) -> list[QTreeWidgetItem]:
    return [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]


def test_annotations_show_links_and_backlinks(notes_panel, coded, qtbot, seed_ids):
    assert notes_panel.stack.currentWidget() is notes_panel.empty
    coded.navigator.document_shown.emit(seed_ids["rt_zas"])
    qtbot.waitUntil(lambda: len(passage_rows(notes_panel)) == 1)
    row = passage_rows(notes_panel)[0]
    assert row.data(0, PASSAGE_ROLE).note == "Entretien accordé à RT"
    link = row.child(0)
    assert link.data(0, KIND_ROLE) == "link" and link.text(0).startswith("→ repeats")
    target = coded.library.passages(document_ids=[seed_ids["sputnik_zas"]])[0]
    with qtbot.waitSignal(coded.navigator.open_passage) as blocker:
        click(qtbot, notes_panel.tree, link)  # follows the link to the other article
    assert blocker.args == [seed_ids["sputnik_zas"], target.id]
    coded.navigator.document_shown.emit(seed_ids["sputnik_zas"])
    qtbot.waitUntil(
        lambda: [r.data(0, PASSAGE_ROLE).id for r in passage_rows(notes_panel)] == [target.id]
    )
    backlink = passage_rows(notes_panel)[0].child(0)
    assert backlink.text(0).startswith("← repeats")
    assert "1 backlink" in notes_panel.header.text()


def test_annotations_selection_goes_both_ways(notes_panel, coded, qtbot, seed_ids):
    doc = seed_ids["sputnik_zas"]
    extra = coded.library.highlight(doc, quote="Kazakhstan", occurrence=2)
    coded.navigator.document_shown.emit(doc)
    qtbot.waitUntil(lambda: len(passage_rows(notes_panel)) == 2)
    starts = [r.data(0, PASSAGE_ROLE).start for r in passage_rows(notes_panel)]
    assert starts == sorted(starts)  # text order
    coded.navigator.passage_selected.emit(extra.id)  # a click in the reader
    assert notes_panel.selected_passage() == extra.id
    other = next(r for r in passage_rows(notes_panel) if r.data(0, PASSAGE_ROLE).id != extra.id)
    with qtbot.waitSignal(coded.navigator.passage_selected) as blocker:
        click(qtbot, notes_panel.tree, other)
    assert blocker.args == [other.data(0, PASSAGE_ROLE).id]


NOTE = "Propos **repris** par Sputnik"


def test_annotations_edit_note_and_delete(notes_panel, coded, qtbot, seed_ids, monkeypatch):
    coded.navigator.document_shown.emit(seed_ids["rt_zas"])
    qtbot.waitUntil(lambda: len(passage_rows(notes_panel)) == 1)
    notes_panel.tree.setCurrentItem(passage_rows(notes_panel)[0])

    def write(dialog) -> None:
        dialog.editor.setPlainText(NOTE)
        dialog.accept()

    answer_modal(write)
    notes_panel.note_action.trigger()
    qtbot.waitUntil(
        lambda: (
            passage_rows(notes_panel)[0].data(0, PASSAGE_ROLE).note
            == "Propos **repris** par Sputnik"
        )
    )
    questions = []
    monkeypatch.setattr(notes_panel, "confirm", lambda t, text: questions.append(text) or True)
    notes_panel.tree.setCurrentItem(passage_rows(notes_panel)[0])
    notes_panel.delete_action.trigger()
    assert "1 link to other passages will be removed" in questions[0]
    qtbot.waitUntil(lambda: notes_panel.stack.currentWidget() is notes_panel.empty)
    assert "press H to highlight" in notes_panel.empty.text()
    assert coded.library.passages(document_ids=[seed_ids["rt_zas"]]) == []


# -- orphans --------------------------------------------------------------------------------


@pytest.fixture
def orphan(coded: AppContext, seeds_dir: Path, seed_ids):
    """A passage orphaned by re-importing its article without its sentence."""
    doc = seed_ids["sputnik_zas"]
    lib = coded.library
    p = lib.highlight(doc, quote="recourir aux armes à feu", tags=["Thèmes/Force"])
    path = seeds_dir / str(lib.document(doc).info.file_name)
    text = path.read_text("utf-8")
    start = text.index("Il a d’ailleurs souligné")
    end = text.index("protection.", start) + len("protection.")
    path.write_text(text[:start] + text[end:], "utf-8")
    assert lib.import_paths([path]).results[0].status == "updated"
    assert lib.passage(p.id).status == "orphan"
    assert [o.id for o in lib.orphans()] == [p.id]  # the other passages were re-anchored
    return p


def test_orphans_are_listed_and_reattached(coded, orphan, qtbot, monkeypatch, seed_ids):
    panel = OrphansPanel(coded)
    qtbot.addWidget(panel)
    shown(panel, qtbot)
    qtbot.waitUntil(lambda: len(panel.orphans) == 1)
    assert panel.selected_orphan().id == orphan.id
    assert "1 orphaned passage" in panel.header.text()
    messages = []
    monkeypatch.setattr(panel, "inform", messages.append)
    panel.reattach_button.click()  # nothing selected in the reader
    assert "select the text" in messages[-1]
    panel.selection_provider = lambda: (seed_ids["blinken"], 0, 10)
    panel.reattach_button.click()
    assert "another article" in messages[-1]
    with qtbot.waitSignal(coded.navigator.open_passage) as blocker:
        panel.open_button.click()
    assert blocker.args == [seed_ids["sputnik_zas"], orphan.id]
    text = coded.library.document(seed_ids["sputnik_zas"]).text
    start = text.index("Stanislav Zas")
    panel.selection_provider = lambda: (seed_ids["sputnik_zas"], start, start + 13)
    panel.reattach_button.click()
    wait_edits(qtbot, coded)
    assert coded.library.passage(orphan.id).exact == "Stanislav Zas"
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty)
    assert not panel.reattach_button.isEnabled()


def test_orphan_delete_asks_first(coded, orphan, qtbot, monkeypatch):
    panel = OrphansPanel(coded)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: len(panel.orphans) == 1)
    monkeypatch.setattr(panel, "confirm", lambda *a: False)
    panel.delete_button.click()
    assert coded.library.orphans()
    monkeypatch.setattr(panel, "confirm", lambda *a: True)
    panel.delete_button.click()
    wait_edits(qtbot, coded)
    assert coded.library.orphans() == []
    qtbot.waitUntil(lambda: panel.orphans == [])


def test_a_query_narrows_the_tag_and_alone_searches_every_passage(tag_panel, coded, qtbot):
    coded.navigator.tag_selected.emit("Acteurs")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 3)
    tag_panel.query.setText("Zas")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 2)
    assert {p.exact for p in tag_panel.passages} == {"Stanislav Zas"}
    assert "“Zas”" in tag_panel.header.text()
    tag_panel.query.setText("note:entretien")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 1)
    coded.navigator.tag_selected.emit("")
    tag_panel.query.setText("Blinken")
    qtbot.waitUntil(lambda: [p.exact for p in tag_panel.passages] == ["Antony Blinken"])
    assert "Passages matching" in tag_panel.header.text()
    tag_panel.query.setText('"Blinken')  # an open quote
    qtbot.waitUntil(lambda: "cannot be read" in tag_panel.empty.text())
    tag_panel.query.setText("introuvable")
    qtbot.waitUntil(lambda: "No passage matches" in tag_panel.empty.text())
    tag_panel.query.clear()
    qtbot.waitUntil(lambda: "Select a tag" in tag_panel.empty.text())


def test_a_passage_row_shows_its_tooltip_when_asked(tag_panel, coded, qtbot):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    coded.navigator.tag_selected.emit("Acteurs/OTSC")
    qtbot.waitUntil(lambda: len(tag_panel.passage_items()) == 2)
    item = tag_panel.passage_items()[1]
    assert item.toolTip(0) == ""  # written when asked for, not with the page
    viewport = tag_panel.tree.viewport()
    pos = tag_panel.tree.visualItemRect(item).center()
    QApplication.sendEvent(
        viewport, QHelpEvent(QHelpEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    )
    qtbot.waitUntil(lambda: "Stanislav Zas" in QToolTip.text())
    assert "Acteurs/OTSC" in QToolTip.text()
    assert "Entretien accordé à RT" in QToolTip.text()  # its note
    QToolTip.hideText()


@pytest.mark.parametrize("words", [1, 3, 8, 14, 30, 80])
def test_a_quote_gets_the_lines_it_is_laid_out_in(tag_panel, words):
    from PySide6.QtGui import QFontMetrics

    delegate, font = tag_panel.delegate, tag_panel.tree.font()
    text = "“" + " ".join(["Kazakhstan"] * words) + "”"
    for width in (80, 160, 333, 600):
        wanted = len(delegate._quote_lines(text, font, width))
        assert delegate._quote_count(text, font, QFontMetrics(font), width) == wanted
