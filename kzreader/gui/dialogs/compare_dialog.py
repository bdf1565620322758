"""Two articles side by side: the passage they share highlighted in both, the
words that differ between the two versions marked, each view scrolled to it.
"Link passages…" turns the pair into a link (one undoable operation)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kzreader.core.passages import RELATIONS
from kzreader.core.types import DocumentInfo, LinkInfo
from kzreader.gui.context import AppContext
from kzreader.gui.offsets import OffsetMap
from kzreader.gui.panels.reuse_items import ReuseRow, date_of, outlet_of
from kzreader.gui.theme import is_dark, reader_font, set_warning
from kzreader.gui.workers import Job

WORD = re.compile(r"\w+", re.UNICODE)


def passage_color() -> QColor:
    return QColor("#6b5a1e" if is_dark() else "#ffe38a")


def difference_color() -> QColor:
    return QColor("#8a3b3b" if is_dark() else "#f5a3a3")


def words_with_spans(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The words of ``text[start:end]``: (compared form, start, end), offsets into ``text``."""
    return [(m.group().casefold(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]


@dataclass(frozen=True)
class Differences:
    """Code-point ranges of the words that differ, in each text."""

    a: list[tuple[int, int]]
    b: list[tuple[int, int]]


def word_differences(text_a: str, span_a: tuple[int, int], text_b: str,
                     span_b: tuple[int, int]) -> Differences:  # fmt: skip
    """The words replaced, inserted or deleted between the two passages
    (compared without case), by a word-level edit script."""
    from rapidfuzz.distance import Levenshtein

    wa = words_with_spans(text_a, *span_a)
    wb = words_with_spans(text_b, *span_b)
    out_a: list[tuple[int, int]] = []
    out_b: list[tuple[int, int]] = []
    for op in Levenshtein.opcodes([w for w, _, _ in wa], [w for w, _, _ in wb]):
        if op.tag == "equal":
            continue
        out_a.extend((s, e) for _, s, e in wa[op.src_start : op.src_end])
        out_b.extend((s, e) for _, s, e in wb[op.dest_start : op.dest_end])
    return Differences(out_a, out_b)


class RelationDialog(QDialog):
    """The relation of the link to make: a built-in one or the user's own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link passages"))
        self.relation = QComboBox(self)
        self.relation.setEditable(True)
        self.relation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = self.relation_names()
        for value in ("repeats", *[r for r in RELATIONS if r != "repeats"]):
            self.relation.addItem(names.get(value, value), value)
        self.relation.setCurrentIndex(0)
        self.relation.setAccessibleName(self.tr("Relation"))
        self.relation.setToolTip(self.tr("Choose a relation or type your own"))
        explain = QLabel(
            self.tr(
                "The later passage is linked to the earlier one; both become passages of "
                "their articles."
            ),
            self,
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        label = QLabel(self.tr("&Relation:"), self)
        label.setBuddy(self.relation)
        form.addRow(label, self.relation)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Link"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.relation.currentTextChanged.connect(
            lambda text: buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(text.strip())
            )
        )
        self.resize(420, self.sizeHint().height())

    def relation_names(self) -> dict[str, str]:
        return {
            "repeats": self.tr("repeats"),
            "corroborates": self.tr("corroborates"),
            "contradicts": self.tr("contradicts"),
            "responds to": self.tr("responds to"),
            "same event": self.tr("same event"),
        }

    def value(self) -> str:
        """The relation to store: a built-in one (whatever the UI language) or free text."""
        text = " ".join(self.relation.currentText().split())
        for value, name in self.relation_names().items():
            if text.casefold() in (name.casefold(), value):
                return value
        return text


class _Side(QWidget):
    """One article: title, outlet and date, its text."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.meta = QLabel(self)
        self.meta.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.open_button.setFlat(False)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(reader_font(11.5))
        self.text.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.document().setDocumentMargin(10)
        head = QGridLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setHorizontalSpacing(8)
        head.addWidget(self.title, 0, 0)
        head.addWidget(self.open_button, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.meta, 1, 0)
        head.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.text, 1)
        self.offsets = OffsetMap("")
        self.span = (0, 0)

    def show_text(self, text: str, span: tuple[int, int], differ: list[tuple[int, int]]) -> None:
        self.text.setPlainText(text)
        self.offsets = OffsetMap(text)
        self.span = span
        passage = QTextCharFormat()
        passage.setBackground(passage_color())
        differs = QTextCharFormat()
        differs.setBackground(difference_color())
        differs.setFontUnderline(True)
        differs.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        selections = [self._selection(*span, passage)]
        selections += [self._selection(s, e, differs) for s, e in differ]
        self.text.setExtraSelections(selections)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor  # type: ignore[attr-defined]
        sel.format = fmt  # type: ignore[attr-defined]
        return sel

    def highlighted(self) -> str:
        """The text under the passage highlight (what the tests read)."""
        sel = self.text.extraSelections()
        return sel[0].cursor.selectedText() if sel else ""  # type: ignore[attr-defined]

    def scroll_to_passage(self) -> None:
        """The passage in the middle of the view."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.offsets.to_qt(self.span[0]))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()


class CompareDialog(QDialog):
    """The two articles of a reused passage pair, side by side."""

    def __init__(self, ctx: AppContext, row: ReuseRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.link: LinkInfo | None = None
        self.setObjectName("compareDialog")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        al = row.alignment
        lib = ctx.library
        self.text_a = lib.document(al.a.document_id).text
        self.text_b = lib.document(al.b.document_id).text

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.left = _Side(self)
        self.right = _Side(self)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        sides = QHBoxLayout()
        sides.setSpacing(10)
        sides.addWidget(self.left, 1)
        sides.addWidget(line)
        sides.addWidget(self.right, 1)

        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.link_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.close_button.setDefault(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.legend)
        bottom.addSpacing(12)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.link_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.summary)
        layout.addLayout(sides, 1)
        layout.addLayout(bottom)

        try:
            self.differences = word_differences(
                self.text_a, (al.a.start, al.a.end), self.text_b, (al.b.start, al.b.end)
            )
        except ImportError:  # rapidfuzz missing: the passages are still shown
            self.differences = Differences([], [])
        self.left.show_text(self.text_a, (al.a.start, al.a.end), self.differences.a)
        self.right.show_text(self.text_b, (al.b.start, al.b.end), self.differences.b)
        self.link_button.clicked.connect(self.link_passages)
        self.close_button.clicked.connect(self.close)
        self.left.open_button.clicked.connect(lambda: self.open_in_reader(al.a))
        self.right.open_button.clicked.connect(lambda: self.open_in_reader(al.b))
        self.retranslate()
        self.resize(1180, 760)
        if ctx.library.read_only:
            self.link_button.setEnabled(False)

    def retranslate(self) -> None:
        row, al = self.row, self.row.alignment
        self.setWindowTitle(self.tr("Compare: {a} and {b}").format(
            a=outlet_of(row.a, self.tr("unknown outlet")),
            b=outlet_of(row.b, self.tr("unknown outlet")),
        ))  # fmt: skip
        first = {
            "a-first": self.tr("{outlet} published it first.").format(
                outlet=html.escape(outlet_of(row.a, self.tr("unknown outlet")))
            ),
            "same-day": self.tr("Both were published the same day."),
            "unknown": self.tr("Which came first is unknown: a date is missing."),
        }.get(al.order, "")
        differ = len(self.differences.a) + len(self.differences.b)
        self.summary.setText(
            self.tr(
                "<b>{words} words</b> shared, similarity {similarity} %. {first} {differ}"
            ).format(
                words=al.words,
                similarity=round(al.similarity * 100),
                first=first,
                differ=self.tr("The wording is the same.")
                if not differ
                else self.tr("Words that differ are marked."),
            )
        )
        earlier = al.order == "a-first"
        self._describe(
            self.left, row.a, self.tr("Earlier") if earlier else self.tr("First article")
        )
        self._describe(
            self.right, row.b, self.tr("Later") if earlier else self.tr("Second article")
        )
        self.legend.setText(
            "<span style='background-color:{p}'>&nbsp;&nbsp;&nbsp;&nbsp;</span> {shared}"
            "&nbsp;&nbsp;&nbsp;<span style='background-color:{d}'>&nbsp;&nbsp;&nbsp;&nbsp;"
            "</span> {differ}".format(
                p=passage_color().name(),
                d=difference_color().name(),
                shared=html.escape(self.tr("shared passage")),
                differ=html.escape(self.tr("words that differ")),
            )
        )
        self.link_button.setText(self.tr("&Link Passages…"))
        self.link_button.setToolTip(
            self.tr("Make the two passages passages of their articles, linked (undoable)")
        )
        self.close_button.setText(self.tr("&Close"))
        self.left.text.setAccessibleName(self.tr("Text of the first article"))
        self.right.text.setAccessibleName(self.tr("Text of the second article"))

    def _describe(self, side: _Side, info: DocumentInfo, role: str) -> None:
        side.title.setText(
            f"<span style='color:gray'>{html.escape(role)}</span><br>"
            f"<b>{html.escape(info.title)}</b>"
        )
        side.meta.setText(
            f"{outlet_of(info, self.tr('unknown outlet'))} · {date_of(info, self.tr('no date'))}"
        )
        side.open_button.setText(self.tr("Open in Reader"))
        side.open_button.setToolTip(self.tr("Show this article in the main window"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        QTimer.singleShot(0, self.scroll_to_passages)  # once the texts are laid out

    def scroll_to_passages(self) -> None:
        if not isValid(self):
            return
        self.left.scroll_to_passage()
        self.right.scroll_to_passage()

    # -- actions ----------------------------------------------------------------------

    def open_in_reader(self, span) -> None:  # type: ignore[no-untyped-def]
        self.ctx.navigator.open_ranges.emit(span.document_id, [(span.start, span.end)])

    def ask_relation(self) -> str | None:
        """The relation chosen, None when cancelled (tests replace it)."""
        dialog = RelationDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value() or None

    def link_passages(self) -> Job | None:
        """Link the two passages with the relation asked for (an edit off the
        GUI thread: ``self.link`` once it is done)."""
        relation = self.ask_relation()
        if relation is None:
            return None
        self.link_button.setEnabled(False)
        alignment = self.row.alignment.id

        def linked(link: LinkInfo) -> None:
            if not isValid(self):
                return
            self.link = link
            self._set_status(
                self.tr("Linked: “{relation}”. Edit ▸ Undo (Ctrl+Z) in the main window removes it.")
                .format(relation=relation)
            )  # fmt: skip

        def refused(exc: BaseException) -> None:
            if isValid(self):
                self.link_button.setEnabled(True)
                self._set_status(str(exc), warning=True)

        return self.ctx.operations.run(
            lambda: self.ctx.library.link_reuse(alignment, relation),
            on_done=linked,
            on_error=refused,
        )

    def _set_status(self, text: str, warning: bool = False) -> None:
        self.status.setText(text)
        set_warning(self.status, warning, self.palette())
