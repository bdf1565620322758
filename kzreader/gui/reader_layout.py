"""Laying out a long article without freezing the window.

``QTextEdit`` lays out a document that was replaced in one piece lazily: the
first screenful at once, the rest from a timer, in steps that double up to
200,000 characters. A step that size takes 150 to 350 ms on the serif reader
font, a stall that makes the window feel stuck for the tens of seconds a
20 MB article takes to lay out. ``PacedLayout`` takes the timer's place:
while it runs it holds back the timer events of the document's layout and
lays the document out itself, from a zero-delay timer, in slices sized to
take about ``BUDGET`` seconds each, so that input and painting get in
between. What the view needs at once (painting a screen, a cursor's
rectangle, scrolling to a passage) Qt still lays out on demand.

``blank_blocks`` finds the blank lines of a text without walking the
document's blocks one by one from Python.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QEvent, QObject, QRectF, QSizeF, QTimer, Signal
from PySide6.QtGui import QTextDocument

#: Seconds one slice of layout should take.
BUDGET = 0.012
FIRST_SLICE = 8_000
MIN_SLICE = 1_000
MAX_SLICE = 400_000

_BLANK = re.compile(r"\n[^\S\n]*(?=\n)")
_BLANK_WITH_SEPARATORS = re.compile(r"[\n\u2029][^\S\n\u2029]*(?=[\n\u2029])")


def blank_blocks(text: str) -> list[int]:
    """Code-point offsets where the blank blocks of ``text`` start: lines
    holding nothing but white space, split as Qt splits a plain text into
    blocks (at line feeds and paragraph separators)."""
    separators = "\n\u2029"
    pattern = _BLANK_WITH_SEPARATORS if "\u2029" in text else _BLANK
    out = [m.start() + 1 for m in pattern.finditer(text)]
    first = min((i for i in (text.find(s) for s in separators) if i >= 0), default=len(text))
    if not text[:first].strip():
        out.insert(0, 0)
    if first < len(text):
        last = max(text.rfind(s) for s in separators)
        if not text[last + 1 :].strip() and (not out or out[-1] != last + 1):
            out.append(last + 1)
    return out


def laid_out_blocks(document: QTextDocument) -> int:
    """How many blocks, from the start, Qt has laid out: its lazy layout
    goes in order, and starting over (a new text, a new width) clears every
    block's layout, so the laid-out blocks are always the first ones."""
    count = document.blockCount()
    if count == 0 or document.lastBlock().layout().lineCount() > 0:
        return count
    lo, hi = 0, count - 1  # blocks before lo are laid out, from hi on they are not
    while lo < hi:
        mid = (lo + hi) // 2
        if document.findBlockByNumber(mid).layout().lineCount() > 0:
            lo = mid + 1
        else:
            hi = mid
    return lo


def laid_out_to(document: QTextDocument) -> int:
    """The first UTF-16 position Qt has not laid out yet."""
    count = laid_out_blocks(document)
    if count >= document.blockCount():
        return document.characterCount()
    return document.findBlockByNumber(count).position()


def lay_out_down_to(document: QTextDocument, y: float, step: int = 20_000) -> None:
    """Make Qt lay out the document at least down to ``y`` (document
    coordinates), ``step`` characters at a time."""
    layout = document.documentLayout()
    before = -1
    while True:
        count = laid_out_blocks(document)
        if count >= document.blockCount() or count == before:
            return  # all laid out, or nothing is (a document with no page size yet)
        before = count
        last = document.findBlockByNumber(max(0, count - 1))
        if count and last.layout().position().y() + last.layout().boundingRect().bottom() >= y:
            return
        target = min(document.characterCount() - 1, last.position() + last.length() + step)
        layout.blockBoundingRect(document.findBlock(target))


def position_at(document: QTextDocument, x: float, y: float, last: bool = False) -> int:
    """The UTF-16 position nearest the point (document coordinates) among
    the laid-out blocks, found from their geometry. Qt's own hit test, while
    the layout is unfinished, lays out the whole document when the point
    falls between two blocks. With ``last``, the end of the line at ``y``."""
    lay_out_down_to(document, y)
    count = laid_out_blocks(document)
    if count == 0:
        return 0
    lo, hi = 0, count - 1  # the first block whose bottom is below y
    while lo < hi:
        mid = (lo + hi) // 2
        layout = document.findBlockByNumber(mid).layout()
        if layout.position().y() + layout.boundingRect().bottom() < y:
            lo = mid + 1
        else:
            hi = mid
    block = document.findBlockByNumber(lo)
    layout = block.layout()
    top = layout.position().y()
    if last and top > y and lo > 0:  # y is above this block: the previous one ends the view
        block = block.previous()
        layout = block.layout()
        top = layout.position().y()
    line = layout.lineAt(0)
    for i in range(layout.lineCount()):
        candidate = layout.lineAt(i)
        if top + candidate.y() > y and i > 0:
            break
        line = candidate
        if top + candidate.y() + candidate.height() >= y:
            break
    if last:
        return block.position() + line.textStart() + line.textLength()
    offset = line.xToCursor(x - layout.position().x()) if x >= 0 else line.textStart()
    return block.position() + offset


def line_rect(document: QTextDocument, position: int) -> QRectF:
    """The line holding UTF-16 ``position``, in document coordinates."""
    block = document.findBlock(position)
    block_rect = document.documentLayout().blockBoundingRect(block)  # laid out if need be
    layout = block.layout()
    line = layout.lineForTextPosition(position - block.position())
    if not line.isValid():
        return block_rect
    origin = layout.position()
    return QRectF(origin.x() + line.x(), origin.y() + line.y(), line.width(), line.height())


def gap_before(document: QTextDocument, position: int) -> tuple[float, float, float] | None:
    """Where the letter spacing before UTF-16 ``position`` ends: its x, and
    its line's top and height (document coordinates). A line that wraps at
    ``position`` has the gap at the end of the line before."""
    block = document.findBlock(position)
    document.documentLayout().blockBoundingRect(block)
    layout = block.layout()
    relative = position - block.position()
    line = layout.lineForTextPosition(relative)
    if not line.isValid():
        return None
    if line.textStart() == relative and line.lineNumber() > 0:
        line = layout.lineAt(line.lineNumber() - 1)
    x, _ = line.cursorToX(relative)
    origin = layout.position()
    return origin.x() + x, origin.y() + line.y(), line.height()


class PacedLayout(QObject):
    """Lays out ``document`` (shown by a ``QTextEdit``) in the background, a
    slice at a time, in place of Qt's own layout timer."""

    #: the whole document is laid out
    finished = Signal()
    #: a slice was laid out: the first position not laid out yet
    progressed = Signal(int)

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._layout = document.documentLayout()
        self._layout.installEventFilter(self)
        self._active = False
        self._position = 0
        self._slice = FIRST_SLICE
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        #: slices laid out and the longest one's seconds, since ``start``
        self.slices = 0
        self.longest = 0.0

    def start(self) -> None:
        """Lay the document out from its start (after it was replaced, or
        re-laid out at another width)."""
        self._active = True
        self._position = 0
        self._slice = FIRST_SLICE
        self.slices = 0
        self.longest = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._active = False
        self._timer.stop()

    def is_running(self) -> bool:
        return self._active

    def ensure(self, position: int) -> None:
        """Lay out up to ``position`` (UTF-16) now, and let the view know."""
        if position < self._position:
            return
        block = self._document.findBlock(min(position, self._document.characterCount() - 1))
        rect = self._layout.blockBoundingRect(block)
        self._position = max(self._position, block.position() + block.length())
        self._announce(rect.bottom())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the layout's two timers send it timer events: its lazy layout
        # (replaced here) and its size report (sent by ``_announce``).
        return self._active and watched is self._layout and event.type() == QEvent.Type.Timer

    def _step(self) -> None:
        if not self._active:
            return
        total = self._document.characterCount()
        target = min(total - 1, self._position + self._slice)
        began = time.perf_counter()
        block = self._document.findBlock(target)
        rect = self._layout.blockBoundingRect(block)
        spent = time.perf_counter() - began
        self.slices += 1
        self.longest = max(self.longest, spent)
        self._position = block.position() + block.length()
        grow = min(2.0, BUDGET / max(spent, 1e-4))
        self._slice = int(min(MAX_SLICE, max(MIN_SLICE, self._slice * grow)))
        if self._position >= total:
            self._active = False
            self._announce(rect.bottom())
            self.finished.emit()
            return
        self._announce(rect.bottom())
        self._timer.start()

    def _announce(self, bottom: float) -> None:
        """Tell the view the document grew (it reads the size itself, with
        what is left to lay out, for its scroll bar)."""
        width = self._document.pageSize().width()
        self._layout.documentSizeChanged.emit(QSizeF(width, bottom))
        self.progressed.emit(self._position)
