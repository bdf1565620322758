"""The French translation: complete, faithful to the placeholders and
accelerators of the English texts, compiled, and applied at runtime."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QMainWindow

from kzreader.gui.actions import Actions
from kzreader.gui.context import AppContext

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"
TS = TRANSLATIONS / "kzreader_fr.ts"
QM = TRANSLATIONS / "kzreader_fr.qm"

#: {name} placeholders, %s / %1 / %v style arguments, and HTML tags.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\d+|[a-zA-Z])|</?[a-zA-Z][^<>]*>")
#: an accelerator: one "&" (not "&&") before a visible character.
ACCELERATOR = re.compile(r"(?<!&)&(?=[^&\s])")


def messages() -> list[tuple[str, str, ET.Element]]:
    """``(context, source, translation element)`` of every message of the .ts."""
    root = ET.parse(TS).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.append((name, message.findtext("source") or "", message.find("translation")))
    return out


def translation_text(element: ET.Element | None) -> str:
    return "" if element is None else (element.text or "")


def message_id(value: object) -> str:
    return repr(value)[:60]


MESSAGES = messages()


def test_the_ts_has_messages() -> None:
    assert len(MESSAGES) > 300


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=message_id)
def test_every_message_is_finished_and_not_empty(
    context: str, source: str, translation: ET.Element | None
) -> None:
    assert translation is not None, f"{context}: {source!r} has no <translation>"
    assert translation.get("type") is None, f"{context}: {source!r} is {translation.get('type')}"
    assert translation_text(translation).strip(), f"{context}: {source!r} is empty"


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=message_id)
def test_placeholders_are_kept(context: str, source: str, translation: ET.Element | None) -> None:
    text = translation_text(translation)
    assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source)), (
        f"{context}: {source!r} → {text!r}"
    )


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=message_id)
def test_accelerator_iff_the_source_has_one(
    context: str, source: str, translation: ET.Element | None
) -> None:
    text = translation_text(translation)
    expected = 1 if ACCELERATOR.search(source) else 0
    assert len(ACCELERATOR.findall(text)) == expected, f"{context}: {source!r} → {text!r}"


def lrelease() -> str | None:
    for name in ("pyside6-lrelease", "lrelease"):
        beside = Path(sys.executable).parent / name
        if beside.exists():
            return str(beside)
        found = shutil.which(name)
        if found:
            return found
    return None


def test_the_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    tool = lrelease()
    if tool is None:
        pytest.skip("pyside6-lrelease (or lrelease) is not installed: cannot rebuild the .qm")
    assert QM.exists(), "resources/translations/kzreader_fr.qm is missing: run lrelease"
    fresh = tmp_path / "kzreader_fr.qm"
    subprocess.run([tool, str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), (
        "kzreader_fr.qm is out of date: run "
        "pyside6-lrelease resources/translations/kzreader_fr.ts "
        "-qm resources/translations/kzreader_fr.qm"
    )


@pytest.fixture
def french(qapp) -> Iterator[QTranslator]:
    """The French translator, installed for the test only."""
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


def test_actions_are_french_at_runtime(french: QTranslator) -> None:
    window = QMainWindow()
    try:
        actions = Actions(window)
        assert actions.undo.text() == "&Annuler"
        assert actions.redo.text() == "&Rétablir"
        assert actions.tag.text() == "É&tiqueter…"
    finally:
        window.deleteLater()


def test_english_without_the_translator(qapp) -> None:
    window = QMainWindow()
    try:
        assert Actions(window).undo.text() == "&Undo"
    finally:
        window.deleteLater()


def test_panel_strings_translate_on_subclasses(french: QTranslator, ctx: AppContext) -> None:
    """PySide6 looks a tr() text up in the contexts of the instance's class and
    of its bases in turn: texts written in TagsPanel stay French on a subclass."""
    from kzreader.gui.panels.tags_panel import TagsPanel

    class CustomTagsPanel(TagsPanel):
        pass

    for panel in (TagsPanel(ctx), CustomTagsPanel(ctx)):
        try:
            assert panel.dialog_title == "Étiquettes"
            # the text is translated in TagsPanel, the action made by PanelBase.make_action
            assert panel.actions_by_name["rename"].text() == "Renommer…"
            assert panel.find_edit.placeholderText() == "Trouver une étiquette"
        finally:
            panel.deleteLater()


def test_menu_accelerators_do_not_clash(french: QTranslator, qtbot, ctx: AppContext) -> None:
    from kzreader.gui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)

    def letters(texts: list[str]) -> list[str]:
        found = [ACCELERATOR.search(t) for t in texts]
        return [t[m.end()].casefold() for t, m in zip(texts, found, strict=True) if m]

    bar = window.menuBar()
    titles = [a.text() for a in bar.actions() if a.menu() is not None]
    assert titles[0] == "&Fichier"
    assert len(set(letters(titles))) == len(letters(titles)), titles
    for menu_action in bar.actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert len(set(letters(texts))) == len(letters(texts)), (menu.title(), texts)


def menu_texts(window: QMainWindow) -> list[str]:
    """Every text of the menu bar, its menus and their submenus, in order."""
    out: list[str] = []

    def walk(actions) -> None:  # type: ignore[no-untyped-def]
        for action in actions:
            if action.isSeparator():
                continue
            out.append(action.text())
            if action.menu() is not None:
                walk(action.menu().actions())

    walk(window.menuBar().actions())
    return out


def test_every_menu_text_is_french_at_runtime(qapp, qtbot, ctx: AppContext) -> None:
    from kzreader.gui.main_window import MainWindow

    english_window = MainWindow(ctx)
    qtbot.addWidget(english_window)
    english = menu_texts(english_window)
    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    try:
        french_window = MainWindow(ctx)
        qtbot.addWidget(french_window)
        french = menu_texts(french_window)
    finally:
        qapp.removeTranslator(translator)
    assert len(english) == len(french) > 50
    # a text left as it is must be one the catalogue keeps as it is on purpose
    kept = {source for _c, source, tr in MESSAGES if translation_text(tr) == source}
    same = [en for en, fr in zip(english, french, strict=True) if en == fr and en not in kept]
    assert same == []
