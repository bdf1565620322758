from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from tests_support import wait_edits

from kzreader.gui.context import AppContext
from kzreader.gui.panels.tags_panel import PATH_ROLE, TagsPanel


@pytest.fixture
def panel(coded: AppContext, qtbot) -> TagsPanel:
    widget = TagsPanel(coded)
    qtbot.addWidget(widget)
    widget.resize(320, 400)
    return widget


@pytest.fixture
def errors(panel, monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(panel, "show_error", shown.append)
    return shown


def tree(panel: TagsPanel, parent: QModelIndex | None = None) -> dict[str, object]:
    """{name (total): children} as the view shows it."""
    parent = parent or QModelIndex()
    model = panel.view.model()
    out = {}
    for row in range(model.rowCount(parent)):
        name = model.index(row, 0, parent)
        total = model.index(row, 1, parent).data()
        out[f"{name.data()} ({total or 0})"] = tree(panel, name)
    return out


def paths(ctx: AppContext) -> list[str]:
    return [t.path for t in ctx.library.tags()]


def test_shows_the_tree_with_totals_and_tooltips(panel):
    assert tree(panel) == {"Acteurs (3)": {"OTSC (2)": {}, "USA (1)": {}}}
    tip = panel.view.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "0 tagged with it directly, 3 with its sub-tags" in tip
    assert panel.view.model().index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None


def test_selecting_a_tag_announces_it(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.ctx.navigator.tag_selected) as blocker:
        panel.select_tag("Acteurs/USA")
    assert blocker.args == ["Acteurs/USA"]
    panel.view.setFocus()
    with qtbot.waitSignal(panel.ctx.navigator.tag_selected) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Up)  # keyboard navigation
    assert blocker.args == ["Acteurs/OTSC"]
    assert panel.selected_path() == "Acteurs/OTSC"


def test_create_under_the_selection_and_at_top_level(panel, monkeypatch, coded, qtbot):
    monkeypatch.setattr(panel, "ask_text", lambda *a, **k: "Russie")
    panel.select_tag("Acteurs")
    panel.actions_by_name["new"].trigger()
    wait_edits(qtbot, coded)
    assert "Acteurs/Russie" in paths(coded)
    assert panel.selected_path() == "Acteurs/Russie"
    monkeypatch.setattr(panel, "ask_text", lambda *a, **k: "Thèmes")
    panel.actions_by_name["new_top"].trigger()
    wait_edits(qtbot, coded)
    assert "Thèmes" in paths(coded)
    assert "Thèmes (0)" in tree(panel)


def test_rename_follows_the_tag(panel, monkeypatch, coded, qtbot):
    asked = []
    monkeypatch.setattr(panel, "ask_text", lambda t, label, text="": asked.append(text) or "CSTO")
    panel.select_tag("Acteurs/OTSC")
    chosen: list[str] = []
    coded.navigator.tag_selected.connect(chosen.append)
    panel.actions_by_name["rename"].trigger()
    wait_edits(qtbot, coded)
    assert asked == ["OTSC"]
    qtbot.waitUntil(lambda: chosen[-1:] == ["Acteurs/CSTO"])
    assert "Acteurs/CSTO" in paths(coded) and "Acteurs/OTSC" not in paths(coded)
    assert panel.selected_path() == "Acteurs/CSTO"


def test_change_colour_and_description(panel, monkeypatch, coded, qtbot):
    monkeypatch.setattr(panel, "ask_color", lambda title, initial: "#123456")
    monkeypatch.setattr(panel, "ask_multiline", lambda *a: "Organisation du traité")
    panel.select_tag("Acteurs/USA")
    panel.actions_by_name["color"].trigger()
    wait_edits(qtbot, coded)
    panel.actions_by_name["description"].trigger()
    wait_edits(qtbot, coded)
    info = coded.library.tag("Acteurs/USA")
    assert (info.color, info.description) == ("#123456", "Organisation du traité")
    index = panel.view.currentIndex()
    assert "Organisation du traité" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_merge_offers_the_other_tags(panel, monkeypatch, coded, qtbot):
    offered = []

    def choose(title, label, items):
        offered.extend(items)
        return "Acteurs/OTSC"

    monkeypatch.setattr(panel, "ask_item", choose)
    panel.select_tag("Acteurs/USA")
    panel.actions_by_name["merge"].trigger()
    wait_edits(qtbot, coded)
    assert offered == ["Acteurs", "Acteurs/OTSC"]
    assert paths(coded) == ["Acteurs", "Acteurs/OTSC"]
    assert tree(panel) == {"Acteurs (3)": {"OTSC (3)": {}}}
    assert panel.selected_path() == "Acteurs/OTSC"


def test_delete_asks_first_and_keeps_the_passages(panel, monkeypatch, coded, qtbot):
    questions = []
    answer = False
    monkeypatch.setattr(panel, "confirm", lambda t, text: questions.append(text) or answer)
    panel.select_tag("Acteurs")
    panel.actions_by_name["delete"].trigger()
    wait_edits(qtbot, coded)
    assert "Acteurs" in paths(coded)  # refused
    assert "2 sub-tags" in questions[0] and "3 passages will lose" in questions[0]
    answer = True
    panel.actions_by_name["delete"].trigger()
    wait_edits(qtbot, coded)
    assert paths(coded) == []
    assert tree(panel) == {}
    assert len(coded.library.passages()) == 3


def test_library_errors_are_shown(panel, monkeypatch, coded, errors, qtbot):
    monkeypatch.setattr(panel, "ask_text", lambda *a, **k: "OTSC")
    panel.select_tag("Acteurs")
    assert panel.new_tag() is not None
    wait_edits(qtbot, coded)
    assert errors and "already" in errors[0]  # it exists already
    assert tree(panel) == {"Acteurs (3)": {"OTSC (2)": {}, "USA (1)": {}}}


def test_move_tag_reparents_and_refuses_cycles(panel, coded, errors, qtbot):
    panel.move_tag("Acteurs/USA", None)
    wait_edits(qtbot, coded)
    assert tree(panel) == {"Acteurs (2)": {"OTSC (2)": {}}, "USA (1)": {}}
    panel.move_tag("USA", "Acteurs/OTSC")
    wait_edits(qtbot, coded)
    assert panel.selected_path() == "Acteurs/OTSC/USA"
    assert panel.move_tag("Acteurs", "Acteurs/OTSC/USA") is None
    assert errors and "under itself" in errors[0]
    assert paths(coded) == ["Acteurs", "Acteurs/OTSC", "Acteurs/OTSC/USA"]


def index_of(panel: TagsPanel, path: str) -> QModelIndex:
    model = panel.view.model()
    return model.match(
        model.index(0, 0),
        PATH_ROLE,
        path,
        1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )[0]


def test_drop_on_a_tag_and_on_empty_space(panel, coded, qtbot):
    model = panel.view.model()  # the view's own model, as a drop in the view uses it
    mime = model.mimeData([index_of(panel, "Acteurs/USA")])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, index_of(panel, "Acteurs/OTSC"))
    qtbot.waitUntil(lambda: "Acteurs/OTSC/USA" in paths(coded))
    # the panel reads the tree again on a worker once the move is done
    qtbot.waitUntil(lambda: tree(panel) == {"Acteurs (3)": {"OTSC (3)": {"USA (1)": {}}}})
    mime = model.mimeData([index_of(panel, "Acteurs/OTSC")])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: "OTSC" in paths(coded))
    qtbot.waitUntil(lambda: tree(panel) == {"Acteurs (0)": {}, "OTSC (3)": {"USA (1)": {}}})


def test_drop_under_a_descendant_is_refused(panel, coded, qtbot, errors):
    model = panel.view.model()
    mime = model.mimeData([index_of(panel, "Acteurs")])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, index_of(panel, "Acteurs/OTSC"))
    qtbot.waitUntil(lambda: bool(errors))
    assert paths(coded) == ["Acteurs", "Acteurs/OTSC", "Acteurs/USA"]


def test_expansion_is_kept_across_refreshes(panel, coded):
    acteurs = index_of(panel, "Acteurs")
    assert panel.view.isExpanded(acteurs)
    panel.view.collapse(acteurs)
    coded.library.create_tag("Lieux")  # refresh
    assert not panel.view.isExpanded(index_of(panel, "Acteurs"))
    again = TagsPanel(coded)  # remembered in the settings
    assert not again.view.isExpanded(index_of(again, "Acteurs"))
    again.deleteLater()


def test_find_box_filters_the_tree(panel):
    panel.find_edit.setText("usa")
    assert tree(panel) == {"Acteurs (3)": {"USA (1)": {}}}
    panel.find_edit.clear()
    assert tree(panel) == {"Acteurs (3)": {"OTSC (2)": {}, "USA (1)": {}}}
