"""The bar shown while a link waits for its target passage."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kzreader.core.types import PassageInfo


class LinkBanner(QFrame):
    search_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.search = QPushButton(self.tr("Search…"))
        self.search.setToolTip(self.tr("Find the target passage by searching"))
        self.cancel = QPushButton(self.tr("Cancel"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.search)
        layout.addWidget(self.cancel)
        self.search.clicked.connect(self.search_requested)
        self.cancel.clicked.connect(self.cancel_requested)
        self.hide()

    def start(self, source: PassageInfo) -> None:
        quote = " ".join(source.exact.split())
        if len(quote) > 60:
            quote = quote[:59] + "…"
        self.label.setText(
            self.tr(
                "Linking from «{quote}»: click the target passage in any article, or select "
                "text and press Enter."
            ).format(quote=quote)
        )
        self.show()
