from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from kzreader.core.library import Library
from kzreader.gui.find_bar import FIND_PROPERTY, FindBar, find_all


class Harness(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.browser = QTextBrowser(self)
        self.bar = FindBar(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self.bar)
        self.bar.attach(self.browser)
        self.resize(600, 300)


@pytest.fixture
def harness(qtbot) -> Harness:
    widget = Harness()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def mine(edit: QTextEdit) -> list[QTextEdit.ExtraSelection]:
    return [s for s in edit.extraSelections() if s.format.hasProperty(FIND_PROPERTY)]


def test_finds_without_accents_or_case_in_a_seed(
    harness: Harness, seeded: Library, seed_ids
) -> None:
    text = seeded.document(seed_ids["sputnik_contingent"]).text
    harness.browser.setPlainText(text)
    expected = re.findall(r"s[ée]curit[ée]", text, flags=re.IGNORECASE)
    assert len(expected) >= 3

    bar = harness.bar
    assert bar.find("SECURITE") == len(expected)
    assert bar.current_index() == 0
    assert bar.counter.text() == f"1 of {len(expected)}"
    assert [s.cursor.selectedText() for s in mine(harness.browser)][-1] == expected[0]
    assert len(mine(harness.browser)) == len(expected)

    bar.previous()  # wraps to the last
    assert bar.current_index() == len(expected) - 1
    assert bar.current_cursor().selectedText() == expected[-1]
    bar.next()  # wraps to the first
    assert bar.current_index() == 0
    bar.next()
    assert bar.counter.text() == f"2 of {len(expected)}"


def test_emoji_and_ligatures_keep_the_marks_on_the_right_characters(harness: Harness) -> None:
    text = "😀🇰🇿 Le cœur de l'Œuvre 👍🏽 : la Sécurité, puis la Straße et la SÉCURITÉ."
    harness.browser.setPlainText(text)
    bar = harness.bar
    assert bar.find("securite") == 2
    assert bar.current_cursor().selectedText() == "Sécurité"
    bar.next()
    assert bar.current_cursor().selectedText() == "SÉCURITÉ"
    assert sorted(s.cursor.selectedText() for s in mine(harness.browser)) == [
        "SÉCURITÉ",
        "Sécurité",
    ]
    for query, word in (("oeuvre", "Œuvre"), ("COEUR", "cœur"), ("strasse", "Straße")):
        assert bar.find(query) == 1
        assert bar.current_cursor().selectedText() == word
    # code-point ranges for the core
    start, end = bar.matches()[0]
    assert text[start:end] == "Straße"
    assert find_all(text, "l'oeuvre") == [(text.index("l'Œuvre"), text.index(" 👍"))]


def test_enter_shift_enter_and_escape(harness: Harness, qtbot) -> None:
    harness.browser.setPlainText("alpha beta Alpha gamma ALPHA")
    other = QTextEdit.ExtraSelection()
    other.cursor = QTextCursor(harness.browser.document())
    other.cursor.setPosition(6)
    other.cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("lightblue"))
    other.format = fmt
    harness.browser.setExtraSelections([other])

    bar = harness.bar
    bar.show_and_focus()
    qtbot.keyClicks(bar.line, "alpha")
    assert bar.match_count() == 3
    assert bar.current_index() == 0
    qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    assert bar.current_index() == 1
    qtbot.keyClick(bar.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_index() == 2
    assert len(harness.browser.extraSelections()) == 4  # ours and the other one

    qtbot.keyClick(bar.line, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    remaining = harness.browser.extraSelections()
    assert mine(harness.browser) == []
    assert [s.cursor.selectedText() for s in remaining] == ["beta"]


def test_no_match_and_buttons(harness: Harness, qtbot) -> None:
    harness.browser.setPlainText("rien à voir ici")
    bar = harness.bar
    bar.show_and_focus()
    assert bar.find("otsc") == 0
    assert bar.current_index() == -1
    assert bar.counter.text() == "No matches"
    assert not bar.next_button.isEnabled()
    bar.find("voir")
    assert bar.next_button.isEnabled()
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and mine(harness.browser) == []


def test_scrolls_to_the_current_match(harness: Harness) -> None:
    lines = [f"ligne {i} sans rien de particulier" for i in range(300)]
    lines[250] = "ici se trouve le mot Kazakhstan"
    harness.browser.setPlainText("\n".join(lines))
    scroll = harness.browser.verticalScrollBar()
    assert scroll.value() == 0
    harness.bar.show()
    assert harness.bar.find("kazakhstan") == 1
    assert scroll.value() > 0
    rect = harness.browser.cursorRect(harness.bar.current_cursor())
    assert harness.browser.viewport().rect().contains(rect.center())


def test_follows_changes_of_the_document(harness: Harness, qtbot) -> None:
    harness.browser.setPlainText("un Tokaïev")
    bar = harness.bar
    bar.show_and_focus()
    bar.find("tokaiev")
    assert bar.match_count() == 1
    harness.browser.setPlainText("Tokaïev, Tokaiev et TOKAIEV")
    qtbot.waitUntil(lambda: bar.match_count() == 3, timeout=2000)
    bar.hide_bar()  # a view swapping in another QTextDocument clears the marks first
    replacement = QTextDocument(harness.browser)
    replacement.setPlainText("😀 Tokaïev encore, et tokaiev")
    harness.browser.setDocument(replacement)
    bar.show_and_focus()
    assert bar.match_count() == 2 and bar.current_index() == 0
    assert bar.current_cursor().document() is replacement
    assert bar.current_cursor().selectedText() == "Tokaïev"
    replacement.setPlainText("tokaiev")
    qtbot.waitUntil(lambda: bar.match_count() == 1, timeout=2000)
    other = QTextBrowser()
    qtbot.addWidget(other)
    other.setPlainText("tokaiev")
    bar.attach(other)
    assert mine(harness.browser) == []
    assert bar.match_count() == 1 and len(mine(other)) == 1
