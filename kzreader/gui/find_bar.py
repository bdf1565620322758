"""Find in the current article (Ctrl+F): a slim bar under the reader.

Matching ignores case and accents, as search does: the document's plain text
is folded character by character (``kzreader.core.textfold.fold``; one
character may fold to two, ``œ`` → ``oe``) with a map from each folded
character back to its source character. Matches are shown as extra
selections of the attached ``QTextEdit``; the bar keeps any extra selections
others set and removes only its own (marked with ``FIND_PROPERTY``).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QTextEdit,
    QToolButton,
    QWidget,
)

from kzreader.core.textfold import fold
from kzreader.gui.offsets import OffsetMap
from kzreader.gui.theme import set_warning

#: A char-format property marking the extra selections this bar made.
FIND_PROPERTY = int(QTextFormat.Property.UserProperty) + 0x4B5
#: Most matches highlighted at once (all are counted).
HIGHLIGHT_MAX = 5000
MATCH_COLOR = QColor("#ffe38a")
CURRENT_COLOR = QColor("#ff9632")


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded, and for each folded character the index of the
    character of ``text`` it comes from (``None`` when they are the same)."""
    if text.isascii():
        return text.lower(), None
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = fold(ch)
        parts.append(folded)
        origin.extend([i] * len(folded))
    return "".join(parts), origin


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping ``[start, end)`` code-point ranges of ``text`` matching
    ``query`` without regard to case or accents."""
    needle = fold(query)
    if not needle:
        return []
    folded, origin = fold_with_map(text)
    return _find_folded(folded, origin, needle)


def _find_folded(folded: str, origin: list[int] | None, needle: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = folded.find(needle)
    while pos >= 0:
        end = pos + len(needle)
        if origin is None:
            out.append((pos, end))
        else:
            out.append((origin[pos], origin[end - 1] + 1))
        pos = folded.find(needle, end)
    return out


class FindBar(QWidget):
    """Find in an attached ``QTextEdit`` or ``QTextBrowser``."""

    #: the bar was closed (Escape or its close button)
    closed = Signal()
    #: the matches changed: (current index, count); -1 when there is no current match
    matches_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edit: QTextEdit | None = None
        self._document: QTextDocument | None = None
        self._folded = ""
        self._origin: list[int] | None = None
        self._offsets = OffsetMap("")
        self._stale = True
        self._matches: list[tuple[int, int]] = []  # Qt (UTF-16) positions
        self._ranges: list[tuple[int, int]] = []  # code points
        self._current = -1

        self.line = QLineEdit(self)
        self.line.setClearButtonEnabled(True)
        self.line.setMinimumWidth(200)
        self.counter = QLabel(self)
        self.counter.setMinimumWidth(90)
        self.prev_button = QToolButton(self)
        self.prev_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.close_button = QToolButton(self)
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        for button in (self.prev_button, self.next_button, self.close_button):
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(4)
        self.label = QLabel(self)
        self.label.setBuddy(self.line)
        layout.addWidget(self.label)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.counter)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addStretch(0)
        layout.addWidget(self.close_button)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(60)
        self._refresh_timer.timeout.connect(self._search)
        self.line.textChanged.connect(self._search)
        self.line.installEventFilter(self)
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.hide_bar)
        self.retranslate()
        self._update_counter()

    def retranslate(self) -> None:
        self.label.setText(self.tr("&Find:"))
        self.line.setPlaceholderText(self.tr("Find in this article"))
        self.line.setAccessibleName(self.tr("Find in this article"))
        self.line.setToolTip(
            self.tr("Case and accents are ignored. Enter: next, Shift+Enter: previous")
        )
        self.prev_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.prev_button.setAccessibleName(self.tr("Previous match"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.next_button.setAccessibleName(self.tr("Next match"))
        self.close_button.setToolTip(self.tr("Close the find bar (Escape)"))
        self.close_button.setAccessibleName(self.tr("Close the find bar"))
        self.counter.setAccessibleName(self.tr("Matches"))
        self._update_counter()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- public --------------------------------------------------------------------

    def attach(self, text_edit: QTextEdit | None) -> None:
        """Find in ``text_edit`` (its highlights move there from the previous one)."""
        if text_edit is not self._edit:
            if self._edit is not None:
                self._apply([])
                self._edit.destroyed.disconnect(self._on_edit_destroyed)
            self._edit = text_edit
            if text_edit is not None:
                text_edit.destroyed.connect(self._on_edit_destroyed)
        self.refresh()

    def refresh(self) -> None:
        """Find again from the top: call it when the view shows another text
        (the bar follows edits of the text itself). A view that swaps in
        another ``QTextDocument`` must ``hide_bar()`` before: Qt crashes on
        replacing extra selections that point into a deleted document."""
        self._sync_document()
        self._stale = True
        self._matches, self._ranges, self._current = [], [], -1
        if self.isVisible():
            self._search()
        else:
            self._update_counter()

    def _sync_document(self) -> None:
        document = self._edit.document() if self._edit is not None else None
        if document is not self._document:
            if self._document is not None:
                with contextlib.suppress(RuntimeError, TypeError):  # already deleted
                    self._document.contentsChanged.disconnect(self._on_contents_changed)
            if document is not None:
                document.contentsChanged.connect(self._on_contents_changed)
            self._document = document
            self._stale = True

    def show_and_focus(self) -> None:
        """Show the bar (prefilled with a short one-line selection) and focus it."""
        self._sync_document()
        if self._edit is not None:
            selected = self._edit.textCursor().selectedText()
            if selected and len(selected) <= 100 and "\u2029" not in selected:
                self.line.setText(selected)
        self.show()
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()
        self._search()

    def hide_bar(self) -> None:
        """Hide the bar, clear its highlights, give the keyboard back to the text."""
        self._apply([])
        self._matches, self._ranges, self._current = [], [], -1
        self.hide()
        if self._edit is not None:
            self._edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def find(self, text: str) -> int:
        """Find ``text``; returns the number of matches."""
        if self.line.text() != text:
            self.line.blockSignals(True)
            self.line.setText(text)
            self.line.blockSignals(False)
        self._search()
        return self.match_count()

    def next(self) -> None:
        if self._matches:
            self._set_current((self._current + 1) % len(self._matches))

    def previous(self) -> None:
        if self._matches:
            self._set_current((self._current - 1) % len(self._matches))

    def match_count(self) -> int:
        return len(self._matches)

    def current_index(self) -> int:
        """Index of the current match (0-based), -1 when there is none."""
        return self._current

    def matches(self) -> list[tuple[int, int]]:
        """The matches as code-point ranges of the document's plain text."""
        return list(self._ranges)

    def current_cursor(self) -> QTextCursor | None:
        """A cursor selecting the current match."""
        if self._edit is None or self._current < 0:
            return None
        return self._cursor(*self._matches[self._current])

    # -- finding -------------------------------------------------------------------

    def _on_contents_changed(self) -> None:
        self._stale = True
        if self._matches or (self.isVisible() and self.line.text()):
            self._refresh_timer.start()

    def _on_edit_destroyed(self) -> None:
        self._edit = self._document = None
        self._matches, self._ranges, self._current = [], [], -1
        self._update_counter()

    def _index(self) -> None:
        if self._edit is None or not self._stale:
            return
        text = self._edit.document().toPlainText()
        self._folded, self._origin = fold_with_map(text)
        self._offsets = OffsetMap(text)
        self._stale = False

    def _search(self) -> None:
        anchor = self._matches[self._current][0] if self._current >= 0 else None
        query = fold(self.line.text())
        if self._edit is None or not query:
            self._matches, self._ranges, self._current = [], [], -1
            self._apply([])
            self._update_counter()
            return
        self._index()
        self._ranges = _find_folded(self._folded, self._origin, query)
        to_qt = self._offsets.to_qt
        self._matches = [(to_qt(s), to_qt(e)) for s, e in self._ranges]
        if not self._matches:
            self._current = -1
            self._apply([])
            self._update_counter()
            return
        if anchor is None:
            anchor = self._edit.textCursor().selectionStart()
        self._current = next(
            (i for i, (start, _) in enumerate(self._matches) if start >= anchor), 0
        )
        self._set_current(self._current)

    def _set_current(self, index: int) -> None:
        self._current = index
        self._highlight()
        self._scroll_to(self._matches[index][0], self._matches[index][1])
        self._update_counter()

    def _cursor(self, start: int, end: int) -> QTextCursor:
        assert self._edit is not None
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _selection(self, start: int, end: int, color: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(start, end)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        fmt.setForeground(QColor("#1b1b1b"))
        fmt.setProperty(FIND_PROPERTY, True)
        selection.format = fmt
        return selection

    def _highlight(self) -> None:
        n = len(self._matches)
        first = max(0, min(self._current - HIGHLIGHT_MAX // 2, n - HIGHLIGHT_MAX))
        mine = [
            self._selection(s, e, MATCH_COLOR)
            for i, (s, e) in enumerate(self._matches[first : first + HIGHLIGHT_MAX], first)
            if i != self._current
        ]
        if self._current >= 0:
            mine.append(self._selection(*self._matches[self._current], CURRENT_COLOR))
        self._apply(mine)

    def _apply(self, mine: list[QTextEdit.ExtraSelection]) -> None:
        if self._edit is None:
            return
        others = [
            s for s in self._edit.extraSelections() if not s.format.hasProperty(FIND_PROPERTY)
        ]
        self._edit.setExtraSelections(others + mine)

    def _scroll_to(self, start: int, end: int) -> None:
        assert self._edit is not None
        rect = self._edit.cursorRect(self._cursor(start, start))
        end_rect = self._edit.cursorRect(self._cursor(end, end))
        viewport = self._edit.viewport().rect()
        if not (viewport.contains(rect) and viewport.contains(end_rect)):
            bar = self._edit.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - viewport.height() // 3)
            hbar = self._edit.horizontalScrollBar()
            if rect.left() < 0 or rect.right() > viewport.width():
                hbar.setValue(hbar.value() + rect.left() - viewport.width() // 3)

    def _update_counter(self) -> None:
        warn = False
        if not self.line.text():
            text = ""
        elif not self._matches:
            text, warn = self.tr("No matches"), True
        else:
            text = self.tr("{i} of {n}").format(i=self._current + 1, n=len(self._matches))
        self.counter.setText(text)
        set_warning(self.counter, warn, self.palette())
        has = bool(self._matches)
        self.prev_button.setEnabled(has)
        self.next_button.setEnabled(has)
        self.matches_changed.emit(self._current, len(self._matches))

    # -- keys ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous()
                else:
                    self.next()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.hide_bar()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide_bar()
            return
        super().keyPressEvent(event)
