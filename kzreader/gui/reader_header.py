"""The metadata header above the reader: title, outlet, date, language, URL."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kzreader.core.types import DocumentView
from kzreader.gui.theme import READER_FAMILIES, READER_MAX_WIDTH

LANGUAGE_NAMES = {
    "fr": "français",
    "en": "English",
    "de": "Deutsch",
    "es": "español",
    "it": "italiano",
    "ru": "русский",
    "pt": "português",
    "nl": "Nederlands",
}


class ReaderHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerHeader")
        self.title = QLabel()
        self.title.setObjectName("readerTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont()
        font.setFamilies(READER_FAMILIES)
        font.setPointSizeF(17)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setObjectName("readerMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.meta.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 18, 0, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setMaximumWidth(READER_MAX_WIDTH)
        self.title.setAccessibleName(self.tr("Article title"))
        self.meta.setAccessibleName(self.tr("Article details"))

    def show_document(self, view: DocumentView, passages: int = 0) -> None:
        info = view.info
        self.title.setText(info.title)
        parts = []
        if info.source:
            parts.append(f"<b>{html.escape(info.source)}</b>")
        if info.published:
            parts.append(html.escape(info.published[:10]))
        if info.language:
            parts.append(html.escape(LANGUAGE_NAMES.get(info.language, info.language)))
        if passages:
            parts.append(self.tr("{n} passage(s)").format(n=passages))
        for key, value in sorted(view.attributes.items()):
            parts.append(f"{html.escape(key)}: {html.escape(value)}")
        line = " · ".join(parts)
        if info.url:
            url = html.escape(info.url, quote=True)
            shown = html.escape(info.url if len(info.url) < 70 else info.url[:67] + "…")
            line += f'<br><a href="{url}">{shown}</a>'
        self.meta.setText(line)

    def clear(self) -> None:
        self.title.clear()
        self.meta.clear()
