"""The window's annotating commands — highlight, tag, note, link, delete a
passage — and the link waiting for its target."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from kzreader.core.errors import KzreaderError
from kzreader.core.types import ChangeSet, LinkInfo, PassageInfo
from kzreader.gui.dialogs.link_dialog import LinkDialog
from kzreader.gui.dialogs.note_dialog import NoteDialog
from kzreader.gui.dialogs.tag_dialog import TagDialog
from kzreader.gui.workers import Job

if TYPE_CHECKING:
    from kzreader.gui.main_window import MainWindow


class Annotator(QObject):
    """Turns the reader's selection into passages, tags, notes and links, and
    keeps the Annotate actions enabled as the selection allows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.library = window.library
        self.reader = window.reader
        #: the source of a link waiting for its target
        self.pending_link: PassageInfo | None = None
        window.orphans_panel.selection_provider = self.reader_selection
        a = window.actions_
        a.highlight.triggered.connect(self.highlight_selection)
        a.tag.triggered.connect(self.tag_selection)
        a.note.triggered.connect(self.note_selection)
        a.link.triggered.connect(self.start_link)
        a.finish_link.triggered.connect(self.finish_link_here)
        a.cancel_link.triggered.connect(self.cancel_link)
        a.delete_passage.triggered.connect(self.delete_selected_passage)
        self.ctx.navigator.passage_selected.connect(self._passage_selected_elsewhere)
        self.reader.passage_clicked.connect(self._reader_passage_clicked)
        self.reader.selection_changed_range.connect(lambda *_: self.update_actions())
        window.link_banner.search_requested.connect(self.link_by_search)
        window.link_banner.cancel_requested.connect(self.cancel_link)
        self.ctx.operations.busy_changed.connect(lambda _busy: self.update_actions())
        window.reader_controller.refreshed.connect(lambda _doc: self.update_actions())

    def reader_selection(self) -> tuple[int, int, int] | None:
        found = self.reader.selected_range()
        if not found or not self.reader.document_id:
            return None
        return self.reader.document_id, found[0], found[1]

    def _selected_passage(self) -> PassageInfo | None:
        pid = self.reader.selected_passage
        return next((p for p in self.reader.passages if p.id == pid), None)

    def update_actions(self) -> None:
        window = self.window
        a = window.actions_
        has_doc = (
            bool(self.reader.document_id) and window.centre.currentWidget() is window.reader_page
        )
        selection = self.reader.selected_range() is not None
        passage = self._selected_passage() is not None
        # greyed while an edit is under way: a key pressed twice does not
        # make the same passage twice
        can_change = has_doc and not self.library.read_only and not self.ctx.operations.busy()
        a.highlight.setEnabled(can_change and selection)
        for action in (a.tag, a.note, a.link):
            action.setEnabled(can_change and (selection or passage))
        a.delete_passage.setEnabled(can_change and passage and not selection)
        pending = self.pending_link is not None
        a.finish_link.setEnabled(pending and can_change and (selection or passage))
        a.cancel_link.setEnabled(pending)
        a.article_details.setEnabled(has_doc)
        a.delete_article.setEnabled(can_change)
        a.find.setEnabled(has_doc)
        a.find_next.setEnabled(has_doc)
        a.find_previous.setEnabled(has_doc)

    def edit(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> Job:
        """A library edit off the GUI thread (``ctx.operations``); a refusal
        is shown over the window."""
        return self.ctx.operations.run(fn, on_done=on_done, on_error=self.window.show_error)

    def highlight_selection(
        self, tags: list[str] | None = None, then: Callable[[PassageInfo], None] | None = None
    ) -> Job | None:
        """The selection made a passage (with ``tags``), then selected;
        ``then(passage)`` after that."""
        found = self.reader.selected_range()
        if found is None:
            return None
        doc, lib = self.reader.document_id, self.library

        def made(passage: PassageInfo) -> None:
            if self.reader.document_id == doc:
                self.reader.clear_selection()  # the view stays where it is
                self.window.reader_controller.select_when_shown(passage.id)
                self.ctx.navigator.passage_selected.emit(passage.id)
            self.update_actions()
            if then is not None:
                then(passage)

        return self.edit(lambda: lib.highlight(doc, *found, tags=tags or []), made)

    def _with_target(self, then: Callable[[PassageInfo], None]) -> None:
        """``then(passage)`` on the passage to act on: a new one from the
        selection, else the selected one."""
        if self.reader.selected_range() is not None:
            self.highlight_selection(then=then)
        elif (passage := self._selected_passage()) is not None:
            then(passage)

    def tag_selection(self) -> None:
        path = TagDialog.get_path(self.ctx, self.window)
        if not path:
            return
        if self.reader.selected_range() is not None:
            self.highlight_selection(tags=[path])
        elif (passage := self._selected_passage()) is not None:
            self.edit(lambda: self.library.tag_passage(passage.id, path))

    def note_selection(self) -> None:
        def write(passage: PassageInfo) -> None:
            note = NoteDialog.get_note(passage.exact, passage.note or "", self.window)
            if note is not None:
                self.edit(lambda: self.library.update_passage(passage.id, note=note))

        self._with_target(write)

    def start_link(self) -> None:
        self._with_target(self._start_link)

    def _start_link(self, passage: PassageInfo) -> None:
        self.pending_link = passage
        self.window.link_banner.start(passage)
        self.update_actions()
        self.reader.setFocus()

    def finish_link_here(self) -> None:
        if self.pending_link is None:
            return
        found = self.reader.selected_range()
        if found is not None:
            # the selection becomes a passage only with the link: a link
            # given up in the dialog leaves nothing behind
            self._finish_link(self._provisional_passage(*found))
        elif (target := self._selected_passage()) is not None:
            self._finish_link(target)

    def _provisional_passage(self, start: int, end: int) -> PassageInfo:
        """The selected text as the link dialog shows a target (id 0: not stored)."""
        text = self.reader.text
        return PassageInfo(
            id=0, uid="", document_id=self.reader.document_id,
            document_title=self.window.header.title.text(), start=start, end=end,
            exact=text[start:end], prefix=text[max(0, start - 32) : start],
            suffix=text[end : end + 32], color=None, note=None, status="exact", tags=[],
            created_at="", modified_at="",
        )  # fmt: skip

    def link_by_search(self) -> None:
        if self.pending_link is not None:
            self._finish_link(None)

    def _finish_link(self, target: PassageInfo | None) -> None:
        source = self.pending_link
        if source is None:
            return
        if target is not None and target.id == source.id:
            self.window.show_message(
                self.tr("Choose another passage: a passage cannot link to itself.")
            )
            return
        dialog = LinkDialog(self.ctx, source, target, self.window)
        try:
            if dialog.exec() != LinkDialog.DialogCode.Accepted:
                return
            target_id, relation, direction, note = dialog.values()
        finally:
            dialog.deleteLater()
        lib = self.library
        if target is not None and target.id == 0:
            span = (target.document_id, target.start, target.end)
            self.edit(
                lambda: lib.link_to_span(
                    source.id, *span, relation, note=note, direction=direction
                ),
                self._linked,
            )
        else:
            self.edit(
                lambda: lib.link(source.id, target_id, relation, note=note, direction=direction),
                self._linked,
            )

    def _linked(self, link: LinkInfo) -> None:
        self.window.show_message(self.tr("Linked: {relation}.").format(relation=link.relation))
        self.cancel_link()

    def cancel_link(self) -> None:
        self.pending_link = None
        self.window.link_banner.hide()
        self.update_actions()

    def reload_pending_link(self) -> None:
        """The link's source as the library now has it, after its passages
        changed; the link is given up if the source is gone."""
        if self.pending_link is None:
            return
        try:
            self.pending_link = self.library.passage(self.pending_link.id)
        except KzreaderError:
            self.cancel_link()

    def _reader_passage_clicked(self, passage_id: int) -> None:
        if self.pending_link is not None and passage_id != self.pending_link.id:
            target = next((p for p in self.reader.passages if p.id == passage_id), None)
            if target is not None:
                self._finish_link(target)
                return
        self.ctx.navigator.passage_selected.emit(passage_id)
        self.update_actions()

    def _passage_selected_elsewhere(self, passage_id: int) -> None:
        if passage_id and passage_id != self.reader.selected_passage:
            self.reader.select_passage(passage_id)
        self.update_actions()

    def delete_selected_passage(self) -> None:
        passage = self._selected_passage()
        if passage is None:
            return
        if passage.links:
            question = self.tr("Delete this passage and its {n} link(s)?")
            if not self.window.confirm(
                self.tr("Delete Passage"), question.format(n=len(passage.links))
            ):
                return
        self.reader.selected_passage = 0

        def deleted(changes: ChangeSet) -> None:
            self.window.show_message(
                self.tr("Passage deleted ({n} link(s) removed). Undo with {key}.").format(
                    n=changes.links_deleted,
                    key=QKeySequence(QKeySequence.StandardKey.Undo).toString(
                        QKeySequence.SequenceFormat.NativeText
                    ),
                )
            )

        self.edit(lambda: self.library.delete_passages([passage.id]), deleted)
