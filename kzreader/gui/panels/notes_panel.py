"""The memo list: every note of the library — on passages and on links — in
one list, narrowed by words, with the chosen note rendered from its
Markdown below its quote and article. Double-click or Enter opens the
article at the passage; Edit note… opens the note dialog.

The list loads on a worker; it reloads when notes, passages, links or
articles change (soon when shown, else when next shown: see ``watch``)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.notes import NoteInfo
from kzreader.core.notes_markdown import note_html, note_line
from kzreader.gui import theme
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.note_dialog import NoteDialog
from kzreader.gui.panels.passage_item import (
    LatestOnly,
    PanelBase,
    clip,
    connect_activation,
    count_text,
)
from kzreader.gui.panels.watch import Watch

#: Tables whose changes the list shows.
WATCHED = frozenset({"passages", "links", "documents"})
#: The ``NoteInfo`` a row shows.
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's three lines: what is noted, its article, the note's first words.
HEAD_ROLE = Qt.ItemDataRole.UserRole + 2
FACTS_ROLE = Qt.ItemDataRole.UserRole + 3
LINE_ROLE = Qt.ItemDataRole.UserRole + 4
ARROWS = {"one-way": "→", "both": "↔", "none": "—"}
_PAD = 6
_ICON = 16


def note_key(n: NoteInfo) -> tuple[str, int, int]:
    """What identifies a row across reloads."""
    return n.kind, n.passage_id, n.link_id or 0


class NoteDelegate(QStyledItemDelegate):
    """Paints a row as three lines: the quote (or the link), the article in
    small dim type, then the note's first words in italics."""

    def _fonts(self, font: QFont) -> tuple[QFont, QFont]:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
        italic = QFont(small)
        italic.setItalic(True)
        return small, italic

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        small, _ = self._fonts(option.font)
        height = QFontMetrics(option.font).lineSpacing() + 2 * QFontMetrics(small).lineSpacing()
        return QSize(option.rect.width(), height + 2 * _PAD + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        icon = QIcon(opt.icon)  # a copy: the option's own is cleared below
        opt.text = ""
        opt.icon = QIcon()
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = opt.palette.color(role)
        dim = opt.palette.color(role)
        dim.setAlphaF(0.68)
        font = opt.font
        small, italic = self._fonts(font)
        rect = opt.rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        painter.save()
        fm = QFontMetrics(font)
        icon.paint(painter, QRect(rect.left(), rect.top() + (fm.height() - _ICON) // 2,
                                  _ICON, _ICON))  # fmt: skip
        x = rect.left() + _ICON + 6
        width = rect.right() - x
        y = rect.top()
        lines = (
            (font, text_color, index.data(HEAD_ROLE)),
            (small, dim, index.data(FACTS_ROLE)),
            (italic, text_color, index.data(LINE_ROLE)),
        )
        for n, (line_font, color, text) in enumerate(lines):
            metrics = QFontMetrics(line_font)
            if n:
                y += 2
            painter.setFont(line_font)
            painter.setPen(color)
            shown = metrics.elidedText(str(text or ""), Qt.TextElideMode.ElideRight, width)
            painter.drawText(x, y + metrics.ascent(), shown)
            y += metrics.lineSpacing()
        painter.restore()


class NotesPanel(PanelBase):
    """A filter, the list of notes, and the chosen note rendered."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notes: list[NoteInfo] = []
        #: each note's first line (``note_line``), worked out with the list
        self._lines: list[str] = []
        #: the query the list shows (None until a first load)
        self.shown_query: str | None = None
        self._problem = ""
        self._load = LatestOnly(ctx.workers, self)
        self._note_icon = theme.icon("note", _ICON)
        self._link_icon = theme.icon("link", _ICON)

        self.query = QLineEdit(self)
        self.query.setClearButtonEnabled(True)
        self._query_timer = QTimer(self)
        self._query_timer.setSingleShot(True)
        self._query_timer.setInterval(300)
        self._query_timer.timeout.connect(self.reload)
        self.query.textChanged.connect(lambda _: self._query_timer.start())
        self.query.returnPressed.connect(self.reload)
        self.header = QLabel(self)
        self.header.setWordWrap(True)

        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(True)
        self.list.setItemDelegate(NoteDelegate(self.list))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setReadOnly(True)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.browser)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(12)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)

        self.open_action = self.make_action("", self.open_note, "")
        self.other_action = self.make_action("", self.open_other_end, "", "link")
        self.edit_action = self.make_action("", self.edit_note, "", "note")
        self.open_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.edit_button.setIcon(self._note_icon)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.query)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.watch = Watch(self, ctx.bridge, WATCHED, self.reload)
        self.retranslate()
        connect_activation(self.list, self._activate, click=False)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.open_button.clicked.connect(self.open_note)
        self.edit_button.clicked.connect(self.edit_note)

    def retranslate(self) -> None:
        self.dialog_title = self.tr("Notes")
        self._relations = {
            "corroborates": self.tr("corroborates"),
            "contradicts": self.tr("contradicts"),
            "repeats": self.tr("repeats"),
            "responds to": self.tr("responds to"),
            "same event": self.tr("same event"),
        }
        self.query.setPlaceholderText(self.tr("Filter: words of the note, quote or title"))
        self.query.setAccessibleName(self.tr("Filter the notes"))
        self.query.setToolTip(
            self.tr(
                "Only the notes whose text, passage or article title holds all these words "
                "(any case, any accents)"
            )
        )
        self.header.setAccessibleName(self.tr("Number of notes"))
        self.list.setAccessibleName(self.tr("Notes"))
        self.browser.setAccessibleName(self.tr("The chosen note"))
        self.browser.setPlaceholderText(self.tr("Choose a note to read it here."))
        for action, text, tip in (
            (self.open_action, self.tr("Open article"), self.tr("Open the article at the passage")),
            (
                self.other_action,
                self.tr("Open linked passage"),
                self.tr("Open the passage at the link's other end"),
            ),
            (
                self.edit_action,
                self.tr("Edit note…"),
                self.tr("Write or change the passage's note"),
            ),
        ):
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.open_button.setText(self.tr("Open article"))
        self.open_button.setToolTip(self.open_action.toolTip())
        self.edit_button.setText(self.tr("Edit note…"))
        for button in (self.open_button, self.edit_button):
            button.setAccessibleName(button.text())
        if self.shown_query is not None:
            self._fill(self.notes, self._lines)
        self._update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        self.watch.done()
        self._query_timer.stop()
        query = " ".join(self.query.text().split())
        lib = self.ctx.library
        if self.shown_query is None:
            self.header.setText(self.tr("Loading the notes…"))

        def work() -> tuple[list[NoteInfo], list[str]]:
            found = lib.notes(query or None)
            # rendered here, not on the GUI thread: thousands of notes take a while
            return found, [note_line(n.note) for n in found]

        self._load.run(work, lambda result: self._loaded(query, *result), self._failed)

    def is_loading(self) -> bool:
        return self._load.pending

    def _failed(self, exc: BaseException) -> None:
        self.notes, self._lines = [], []
        self.list.clear()
        self.header.setText("")
        self._show_empty(self.tr("The notes could not be listed: {error}").format(error=exc))

    def _loaded(self, query: str, found: list[NoteInfo], lines: list[str]) -> None:
        self.shown_query = query
        self._fill(found, lines)

    def _fill(self, found: list[NoteInfo], lines: list[str]) -> None:
        current = self.selected_note()
        keep = note_key(current) if current is not None else None
        self.notes, self._lines = found, lines
        query = self.shown_query or ""
        self.list.blockSignals(True)
        self.list.clear()
        chosen: QListWidgetItem | None = None
        for n, line in zip(found, lines, strict=True):
            item = self._item(n, line)
            self.list.addItem(item)
            if keep is not None and note_key(n) == keep:
                chosen = item
        if found:
            self.list.setCurrentItem(chosen or self.list.item(0))
        self.list.blockSignals(False)
        count = count_text(len(found), self.tr("{n} note"), self.tr("{n} notes"))
        if query:
            count = self.tr("{count} matching “{query}”").format(count=count, query=query)
        self.header.setText(count)
        if not found:
            self.header.setText("")
            self._show_empty(
                self.tr("No note matches “{query}”.").format(query=query)
                if query
                else self.tr(
                    "No note yet. Notes you write on passages and links appear here.\n\n"
                    "Select a passage in an article and press N to write one."
                )
            )
            self._show_note(None)
            return
        self.stack.setCurrentWidget(self.splitter)
        if self.list.currentItem() is not None:
            self.list.scrollToItem(self.list.currentItem())
        self._show_note(self.selected_note())

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self._update_actions()

    # -- rows and the note shown ----------------------------------------------------------

    def relation(self, relation: str | None) -> str:
        return self._relations.get(relation or "", relation or "")

    def head_text(self, n: NoteInfo, limit: int = 200) -> str:
        """What the note is on: “quote”, or “A” → relation → “B” for a link."""
        if n.kind == "passage":
            return self.tr("“{quote}”").format(quote=clip(n.exact, limit))
        arrow = ARROWS.get(n.direction or "", "→")
        return self.tr("“{source}” {arrow} {relation} {arrow} “{target}”").format(
            source=clip(n.exact, limit // 2),
            target=clip(n.other_exact or "", limit // 2),
            relation=self.relation(n.relation),
            arrow=arrow,
        )

    def facts_text(self, n: NoteInfo) -> str:
        """The article: title · outlet · date (those it has)."""
        parts = [n.document_title, n.outlet or "", (n.published or "")[:10]]
        return " · ".join(part for part in parts if part)

    def _item(self, n: NoteInfo, line: str) -> QListWidgetItem:
        head, facts = self.head_text(n), self.facts_text(n)
        item = QListWidgetItem(f"{head}\n{facts}\n{line}")
        item.setData(NOTE_ROLE, n)
        item.setData(HEAD_ROLE, head)
        item.setData(FACTS_ROLE, facts)
        item.setData(LINE_ROLE, line)
        item.setIcon(self._link_icon if n.kind == "link" else self._note_icon)
        item.setToolTip(self.tr("Double-click or press Enter to open the article at the passage"))
        return item

    def note_page(self, n: NoteInfo) -> str:
        """The chosen note as HTML: what it is on, the article, then the note."""
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        card = self.palette().color(QPalette.ColorRole.AlternateBase).name()
        escape = html.escape
        rows = [f"<p><i>{escape(self.head_text(n, 600))}</i></p>"]
        facts = f"<b>{escape(n.document_title)}</b>"
        details = " · ".join(x for x in (n.outlet, (n.published or "")[:10]) if x)
        if details:
            facts += f" · {escape(details)}"
        rows.append(f'<p style="color:{dim}">{facts}</p>')
        if n.kind == "link" and n.other_document_id != n.document_id:
            linked = self.tr("Linked to “{title}”").format(title=n.other_document_title)
            rows.append(f'<p style="color:{dim}">{escape(linked)}</p>')
        if n.status == "orphan":
            orphan = self.tr("This passage is orphaned: its text is no longer in the article.")
            rows.append(f'<p style="color:{dim}">{escape(orphan)}</p>')
        # what the note is on, set apart on a tinted card above the note itself
        head = "".join(rows)
        return (
            f'<table width="100%" cellpadding="6" cellspacing="0" bgcolor="{card}">'
            f"<tr><td>{head}</td></tr></table>{note_html(n.note)}"
        )

    def _show_note(self, n: NoteInfo | None) -> None:
        if n is None:
            self.browser.clear()
        else:
            self.browser.setHtml(self.note_page(n))
        self._update_actions()

    def _current_changed(self, *args: object) -> None:
        self._show_note(self.selected_note())

    def _update_actions(self) -> None:
        n = self.selected_note() if self.stack.currentWidget() is self.splitter else None
        self.open_action.setEnabled(n is not None)
        self.other_action.setEnabled(n is not None and n.kind == "link")
        editable = n is not None and not self.ctx.library.read_only
        self.edit_action.setEnabled(editable)
        self.open_button.setEnabled(n is not None)
        self.edit_button.setEnabled(editable)

    # -- selection, activation, editing ------------------------------------------------------

    def selected_note(self) -> NoteInfo | None:
        item = self.list.currentItem()
        return item.data(NOTE_ROLE) if item is not None else None

    def items(self) -> list[QListWidgetItem]:
        """The rows, in the order shown."""
        return [self.list.item(i) for i in range(self.list.count())]

    def _activate(self, index: QModelIndex) -> None:
        n = index.data(NOTE_ROLE)
        if isinstance(n, NoteInfo):
            self.ctx.navigator.open_passage.emit(n.document_id, n.passage_id)

    def open_note(self) -> None:
        n = self.selected_note()
        if n is not None:
            self.ctx.navigator.open_passage.emit(n.document_id, n.passage_id)

    def open_other_end(self) -> None:
        n = self.selected_note()
        if n is not None and n.other_document_id and n.other_passage_id:
            self.ctx.navigator.open_passage.emit(n.other_document_id, n.other_passage_id)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        self.list.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        if item.data(NOTE_ROLE).kind == "link":
            menu.addAction(self.other_action)
        menu.addAction(self.edit_action)
        menu.exec(self.list.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def ask_note(self, quote: str, note: str) -> str | None:
        """The note dialog (tests replace it): None when cancelled."""
        return NoteDialog.get_note(quote, note, self)

    def edit_note(self) -> None:
        n = self.selected_note()
        if n is None or self.ctx.library.read_only:
            return
        note = self.ask_note(n.exact, n.note)
        if note is None or note == n.note:
            return
        if n.kind == "link" and n.link_id is not None:
            link_id = n.link_id
            self.edit(lambda: self.ctx.library.update_link(link_id, note=note))
        else:
            self.edit(lambda: self.ctx.library.update_passage(n.passage_id, note=note))
