"""The metadata header above the reader: title, outlet, date, language, URL,
and a link that opens the article's details for editing (the outlet or the
date the importer could not find is offered there)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
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


#: The link of the header's edit action.
EDIT_LINK = "kzreader:edit"


class ReaderHeader(QWidget):
    #: the user asked to edit the article's details
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: DocumentView | None = None
        self._passages = 0
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
        self.meta.setOpenExternalLinks(False)
        self.meta.linkActivated.connect(self._link)
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
        self._view, self._passages = view, passages
        info = view.info
        self.title.setText(info.title)
        edit = f'<a href="{EDIT_LINK}">'
        parts = []
        if info.source:
            parts.append(f"<b>{html.escape(info.source)}</b>")
        else:
            parts.append(edit + html.escape(self.tr("add the outlet")) + "</a>")
        if info.published:
            parts.append(html.escape(info.published[:10]))
        else:
            parts.append(edit + html.escape(self.tr("add the date")) + "</a>")
        if info.language:
            parts.append(html.escape(LANGUAGE_NAMES.get(info.language, info.language)))
        if passages:
            parts.append(html.escape(self.tr("{n} passage(s)").format(n=passages)))
        for key, value in sorted(view.attributes.items()):
            parts.append(f"{html.escape(key)}: {html.escape(value)}")
        if info.source and info.published:
            parts.append(edit + html.escape(self.tr("Edit details…")) + "</a>")
        line = " · ".join(parts)
        if info.url:
            url = html.escape(info.url, quote=True)
            shown = html.escape(info.url if len(info.url) < 70 else info.url[:67] + "…")
            line += f'<br><a href="{url}">{shown}</a>'
        self.meta.setText(line)
        self.meta.setToolTip(
            self.tr("Title, outlet, date and attributes: Library ▸ Article Details…")
        )

    def _link(self, href: str) -> None:
        if href == EDIT_LINK:
            self.edit_requested.emit()
        else:
            QDesktopServices.openUrl(QUrl(href))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._view is not None:
            self.show_document(self._view, self._passages)
        super().changeEvent(event)

    def clear(self) -> None:
        self._view = None
        self.title.clear()
        self.meta.clear()
