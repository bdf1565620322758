"""Preferences: interface language and theme, stored in the settings.

The dialog only stores the choice (``ui/language``: ``system``, ``en``,
``fr``; ``ui/theme``: ``system``, ``light``, ``dark``) and emits ``changed``;
the application installs the translator and the palette.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kzreader.gui.context import AppContext

LANGUAGE_KEY = "ui/language"
THEME_KEY = "ui/theme"
LANGUAGES = ("system", "en", "fr")
THEMES = ("system", "light", "dark")


def _stored(settings: QSettings, key: str, allowed: tuple[str, ...]) -> str:
    value = str(settings.value(key, allowed[0]) or allowed[0])
    return value if value in allowed else allowed[0]


def stored_language(settings: QSettings) -> str:
    """``system``, ``en`` or ``fr`` (anything else stored reads as ``system``)."""
    return _stored(settings, LANGUAGE_KEY, LANGUAGES)


def stored_theme(settings: QSettings) -> str:
    """``system``, ``light`` or ``dark``."""
    return _stored(settings, THEME_KEY, THEMES)


class PreferencesDialog(QDialog):
    """Language and theme. OK stores them and emits ``changed``."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.language_combo = QComboBox(self)
        self.theme_combo = QComboBox(self)
        self.language_label = QLabel(self)
        self.theme_label = QLabel(self)
        self.language_label.setBuddy(self.language_combo)
        self.theme_label.setBuddy(self.theme_combo)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout()
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.theme_label, self.theme_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        self._select(self.language_combo, stored_language(ctx.settings))
        self._select(self.theme_combo, stored_theme(ctx.settings))
        self.setMinimumWidth(420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        language, theme = self.language(), self.theme()
        self.language_combo.clear()
        for value, name in (
            ("system", self.tr("System default")),
            ("en", "English"),  # each language in its own name, not translated
            ("fr", "Français"),
        ):
            self.language_combo.addItem(name, value)
        self.theme_combo.clear()
        for value, name in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme_combo.addItem(name, value)
        self._select(self.language_combo, language or "system")
        self._select(self.theme_combo, theme or "system")
        self.language_label.setText(self.tr("&Language:"))
        self.theme_label.setText(self.tr("&Theme:"))
        self.language_combo.setAccessibleName(self.tr("Interface language"))
        self.theme_combo.setAccessibleName(self.tr("Theme"))
        self.note.setText(
            self.tr(
                "Language and theme changes apply as soon as you press OK. "
                "“System default” follows the language of your computer."
            )
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("OK"))
        ok.setToolTip(self.tr("Save and apply the preferences (Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Close without changing anything (Escape)"))

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    def language(self) -> str:
        """The chosen language: ``system``, ``en`` or ``fr``."""
        return self.language_combo.currentData() or ""

    def theme(self) -> str:
        """The chosen theme: ``system``, ``light`` or ``dark``."""
        return self.theme_combo.currentData() or ""

    def set_language(self, value: str) -> None:
        self._select(self.language_combo, value)

    def set_theme(self, value: str) -> None:
        self._select(self.theme_combo, value)

    def accept(self) -> None:
        self.ctx.settings.setValue(LANGUAGE_KEY, self.language())
        self.ctx.settings.setValue(THEME_KEY, self.theme())
        self.ctx.settings.sync()
        super().accept()
        self.changed.emit()
