"""What the centre of the window shows when no article is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kzreader.gui.theme import app_icon

#: The welcome text's widest extent in pixels.
BODY_WIDTH = 460


class WelcomePage(QWidget):
    """An empty library offers its first steps; a full one, how to begin."""

    def __init__(
        self,
        import_samples: QAction,
        import_files: QAction,
        import_folder: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel()
        font = QFont()
        font.setPointSizeF(18)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(logo)
        layout.addWidget(self.heading)
        # centred by stretches, not by an alignment flag: a wrapped label
        # placed with one gets the height of another width, its first and
        # last lines cut off
        self.body.setMaximumWidth(BODY_WIDTH)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.body, 100)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(12)
        self.buttons = []
        for action in (import_samples, import_files, import_folder):
            button = QPushButton(action.icon(), action.text().replace("&", ""))
            button.setMinimumWidth(260)
            button.clicked.connect(action.trigger)
            button.setAccessibleName(action.text().replace("&", ""))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.buttons.append(button)
        layout.addStretch(3)
        self.set_empty(True)

    def set_empty(self, empty: bool) -> None:
        self.buttons[0].setDefault(empty)
        self.buttons[0].setVisible(empty)
        if empty:
            self.heading.setText(self.tr("Your library is empty"))
            self.body.setText(
                self.tr(
                    "Import news articles saved as text files — or start with the five sample "
                    "articles on the CSTO mission in Kazakhstan. You can also drop files and "
                    "folders onto this window."
                )
            )
        else:
            self.heading.setText(self.tr("Choose an article"))
            self.body.setText(
                self.tr(
                    "Open an article from the library on the left, or search the library. "
                    "Select text to highlight, tag, annotate and link it."
                )
            )
