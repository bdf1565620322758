"""The Reuse dock and the side-by-side comparison over the sample articles:
Sputnik and RT share the list of the alliance's members."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from tests_support import wait_edits

from kzreader.core.errors import KzreaderError
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.compare_dialog import CompareDialog, RelationDialog, word_differences
from kzreader.gui.main_window import MainWindow
from kzreader.gui.panels.reuse_panel import ReusePanel, default_min_words

pytest.importorskip("numpy")

MEMBERS = "Arménie, la Biélorussie, le Kazakhstan, le Kirghizistan, la Russie et le Tadjikistan"


@pytest.fixture
def panel(qtbot, ctx: AppContext) -> ReusePanel:
    widget = ReusePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    qtbot.waitUntil(lambda: bool(widget.rows), timeout=60_000)
    return widget


def test_detection_lists_the_member_list_sputnik_and_rt_share(panel: ReusePanel) -> None:
    assert panel.min_words.value() == default_min_words() == 12
    (row,) = panel.rows
    assert MEMBERS in row.snippet
    assert {row.a.source, row.b.source} == {"Sputnik", "RT"}
    headline, details = panel.describe(row)
    assert "Sputnik" in headline and "RT" in headline
    assert "13 words" in details and "100 %" in details and "order unknown" in details
    assert panel.view.count() == 1
    assert "1 passage pair" in panel.status.text()
    assert not panel.progress.isVisible() and panel.detect_button.isEnabled()


def test_filters_relist_the_stored_pairs(qtbot, panel: ReusePanel) -> None:
    within = panel.scope.findData("within")
    with qtbot.waitSignal(panel.listed, timeout=30_000) as listed:
        panel.scope.setCurrentIndex(within)
    assert listed.args == [0] and panel.view.count() == 0
    assert "No reused passage" in panel.status.text()
    with qtbot.waitSignal(panel.listed, timeout=30_000):
        panel.scope.setCurrentIndex(panel.scope.findData("all"))
    with qtbot.waitSignal(panel.listed, timeout=30_000) as listed:
        panel.min_words.setValue(8)
    assert listed.args[0] > 1


def test_detection_can_be_cancelled(qtbot, ctx: AppContext) -> None:
    widget = ReusePanel(ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    assert widget.is_running() and widget.cancel_button.isVisibleTo(widget)
    widget.cancel()
    qtbot.waitUntil(lambda: not widget.is_running(), timeout=60_000)
    assert widget.detect_button.isEnabled()


def test_missing_detection_is_told_not_crashed(qtbot, ctx: AppContext, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise KzreaderError("reuse detection is not part of this installation (no numpy)")

    monkeypatch.setattr(ctx.library, "detect_reuse", refuse)
    widget = ReusePanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: "not part of this installation" in widget.status.text(), timeout=30_000)
    assert widget.status.property("warning") is True
    assert widget.view.count() == 0 and widget.detect_button.isEnabled()


def test_a_new_article_brings_detection_up_to_date(qtbot, panel: ReusePanel, tmp_path) -> None:
    text = (tmp_path / "seeds" / "002_b5fab79e601b0820.txt").read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace("RT", "Le Courrier"), encoding="utf-8")
    before = len(panel.rows)
    panel.ctx.library.import_paths([copy])
    qtbot.waitUntil(lambda: len(panel.rows) > before, timeout=60_000)


def test_comparison_shows_both_texts_with_the_passage_marked(qtbot, panel: ReusePanel) -> None:
    dialog = panel.compare(panel.rows[0])
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert isinstance(dialog, CompareDialog)
    lib, al = panel.ctx.library, dialog.row.alignment
    for side, span in ((dialog.left, al.a), (dialog.right, al.b)):
        # Qt hands no-break spaces back as spaces; the positions are the same
        shown = lib.document(span.document_id).text.replace("\xa0", " ")
        assert side.text.toPlainText() == shown
    for side in (dialog.left, dialog.right):
        assert side.highlighted()[2:] == MEMBERS
        # scrolled to it: the passage's line is on screen
        qtbot.waitUntil(lambda side=side: side.text.viewport().rect().contains(
            side.text.cursorRect().center()
        ))  # fmt: skip
    assert "13 words" in dialog.summary.text() and "Sputnik" in dialog.left.meta.text() + (
        dialog.right.meta.text()
    )
    # l'Arménie and l’Arménie: the apostrophe differs, the words do not
    assert dialog.differences.a == [] and dialog.differences.b == []


def test_word_differences_mark_replaced_inserted_and_deleted_words() -> None:
    a = "Le chef a parlé jeudi à Moscou devant la presse"
    b = "Le chef a parlé vendredi à Moscou devant toute la presse"
    found = word_differences(a, (0, len(a)), b, (0, len(b)))
    assert [a[s:e] for s, e in found.a] == ["jeudi"]
    assert [b[s:e] for s, e in found.b] == ["vendredi", "toute"]
    found = word_differences(b, (0, len(b)), a, (0, len(a)))
    assert [b[s:e] for s, e in found.a] == ["vendredi", "toute"]


def test_relation_dialog_offers_repeats_and_free_text(qtbot) -> None:
    dialog = RelationDialog()
    qtbot.addWidget(dialog)
    assert dialog.value() == "repeats"
    dialog.relation.setEditText("reprend")
    assert dialog.value() == "reprend"
    dialog.relation.setEditText(" Contradicts ")
    assert dialog.value() == "contradicts"


def test_link_passages_makes_an_undoable_link(qtbot, ctx: AppContext) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.reuse_dock.raise_()
    panel = win.reuse_panel
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=60_000)
    dialog = panel.compare(panel.rows[0])
    qtbot.addWidget(dialog)
    dialog.ask_relation = lambda: "reprend"  # type: ignore[method-assign]
    assert dialog.link_passages() is not None
    assert not dialog.link_button.isEnabled()  # while the link is made
    qtbot.waitUntil(lambda: dialog.link is not None)
    link = dialog.link
    assert link.relation == "reprend"
    al = dialog.row.alignment
    lib = ctx.library
    later = lib.passages(document_ids=[al.b.document_id])
    assert [(p.start, p.end) for p in later] == [(al.b.start, al.b.end)]
    assert [li.id for li in lib.links(later[0].id)] == [link.id]
    assert "Linked" in dialog.status.text() and not dialog.link_button.isEnabled()
    qtbot.waitUntil(lambda: win.actions_.undo.isEnabled())
    win.actions_.undo.trigger()
    wait_edits(qtbot, ctx)
    assert lib.passages(document_ids=[al.b.document_id]) == []
    assert lib.passages(document_ids=[al.a.document_id]) == []


def test_an_article_of_the_pair_opens_in_the_reader(qtbot, ctx: AppContext) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.reuse_dock.raise_()
    panel = win.reuse_panel
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=60_000)
    row = panel.rows[0]
    panel.open_article(row, "b")
    assert win.reader.document_id == row.alignment.b.document_id
    assert win.centre.currentWidget() is win.reader_page
    assert win.reuse_dock.toggleViewAction() in win.menuBar().actions()[4].menu().actions()


def test_detection_waits_until_the_reuse_tab_is_chosen(qtbot, ctx: AppContext) -> None:
    """Detection over a large library takes minutes: a window opening with
    the Reuse tab behind another does not start it."""
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    panel = win.reuse_panel
    qtbot.waitUntil(lambda: win.annotations_panel.watch.in_sight())
    qtbot.wait(50)  # a queued first reload would have run by now
    assert not panel.is_busy() and panel.job is None and panel.watch.dirty
    assert ctx.library.reuse_stale() > 0
    win.reuse_dock.raise_()
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=60_000)
    assert ctx.library.reuse_stale() == 0


def test_many_articles_to_analyse_wait_for_detect(qtbot, ctx: AppContext, monkeypatch) -> None:
    from kzreader.gui.panels import reuse_panel

    stale = ctx.library.reuse_stale()
    monkeypatch.setattr(reuse_panel, "AUTO_DETECT_LIMIT", stale - 1)
    widget = ReusePanel(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.listed, timeout=30_000) as listed:
        widget.show()
    assert listed.args == [0] and not widget.is_busy()
    assert ctx.library.reuse_stale() == stale  # nothing analysed
    assert f"{stale} articles not analysed yet" in widget.status.text()
    assert "Detect" in widget.status.text() and widget.detect_button.isEnabled()
    qtbot.mouseClick(widget.detect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(widget.rows), timeout=60_000)
    assert ctx.library.reuse_stale() == 0
    assert "not analysed" not in widget.status.text()
