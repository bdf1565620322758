"""The reader kept in step with the library after a change: its passages,
tag colours and header read again on the workers, as the panels reload, the
latest request only; a passage just made is selected once it is painted."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kzreader.core.types import DocumentView, PassageInfo
from kzreader.gui.context import AppContext
from kzreader.gui.panels.latest import LatestOnly
from kzreader.gui.reader import ReaderView
from kzreader.gui.reader_header import ReaderHeader

Loaded = tuple[list[PassageInfo], dict[str, str], DocumentView]


class ReaderController(QObject):
    """Repaints the reader's passages and header from the library."""

    #: the reader shows the passages read again (document id)
    refreshed = Signal(int)
    #: reading them failed (the error's text)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, reader: ReaderView, header: ReaderHeader) -> None:
        super().__init__(reader)
        self.ctx, self.reader, self.header = ctx, reader, header
        self._latest = LatestOnly(ctx.workers, self)
        self._select_after = 0

    def pending(self) -> bool:
        """A reading is under way whose result the reader has not shown."""
        return self._latest.pending

    def refresh(self) -> None:
        """The document shown: its passages, colours and header read again."""
        doc, lib = self.reader.document_id, self.ctx.library
        if not doc:
            return

        def read() -> Loaded:
            return lib.passages(document_ids=[doc]), lib.tag_colors(), lib.document(doc)

        def shown(result: Loaded) -> None:
            passages, colors, view = result
            if self.reader.document_id != doc:
                return  # another article was opened meanwhile
            self.reader.set_passages(passages, colors)
            self.header.show_document(view, len(passages))
            wanted, self._select_after = self._select_after, 0
            if wanted:
                self.reader.select_passage(wanted)
            self.refreshed.emit(doc)

        self._latest.run(read, shown, lambda exc: self.failed.emit(str(exc)))

    def select_when_shown(self, passage_id: int) -> None:
        """Select a passage now or, when the reader is being painted again (a
        passage just made), once it is."""
        if not self.reader.select_passage(passage_id) and self._latest.pending:
            self._select_after = passage_id
