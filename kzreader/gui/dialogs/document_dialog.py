"""Edit an article's details: title, outlet, date and attributes. The date
is read as typed (2022-01-06, 06.01.2022, 6 janvier 2022) and checked as the
user types; OK applies everything as one undoable step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.documents import parse_published
from kzreader.core.errors import KzreaderError
from kzreader.core.importing.decode import CHOICES
from kzreader.core.messages import localize
from kzreader.core.types import DocumentView, ImportResult
from kzreader.gui import i18n
from kzreader.gui.theme import set_warning


class DocumentDialog(QDialog):
    """The details of one article, editable. ``changes()`` gives what to
    pass to ``Library.edit_document``; Read Again asks for the original file
    to be decoded with another encoding (``redecode_requested``)."""

    #: read the original file again in this encoding
    redecode_requested = Signal(str)

    def __init__(
        self, view: DocumentView, outlets: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        info = view.info
        self.title_edit = QLineEdit(info.title, self)
        self.title_edit.setCursorPosition(0)
        self.outlet_edit = QComboBox(self)
        self.outlet_edit.setEditable(True)
        self.outlet_edit.addItems(sorted(set(outlets), key=str.casefold))
        self.outlet_edit.setEditText(info.source or "")
        self.outlet_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.outlet_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.date_edit = QLineEdit(info.published or "", self)
        self.date_edit.setClearButtonEnabled(True)
        self.date_hint = QLabel(self)
        self.date_hint.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.encoding_label = QLabel(self)
        self.encoding = QComboBox(self)
        self.encoding.setEditable(True)
        self.encoding.addItems(list(CHOICES))
        self.encoding.setEditText(info.encoding or "utf-8")
        self.encoding.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.encoding_label.setBuddy(self.encoding)
        self.redecode_button = QPushButton(self)
        self.redecode_button.clicked.connect(
            lambda: self.redecode_requested.emit(self.encoding.currentText().strip())
        )
        self.redecode_status = QLabel(self)
        self.redecode_status.setWordWrap(True)
        has_file = bool(view.source_path)
        self.encoding.setEnabled(has_file)
        self.redecode_button.setEnabled(has_file)

        self.attributes = QTableWidget(0, 2, self)
        self.attributes.verticalHeader().hide()
        self.attributes.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.attributes.horizontalHeader().setStretchLastSection(True)
        self.attributes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for key, value in sorted(view.attributes.items()):
            self._add_row(key, value)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self._add_row("", "", edit=True))
        self.remove_button.clicked.connect(self._remove_rows)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.title_label, self.outlet_label = QLabel(self), QLabel(self)
        self.date_label, self.attributes_label = QLabel(self), QLabel(self)
        for label, field in (
            (self.title_label, self.title_edit),
            (self.outlet_label, self.outlet_edit),
            (self.date_label, self.date_edit),
        ):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.form.addRow("", self.date_hint)
        self.attributes_label.setBuddy(self.attributes)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.remove_button)
        buttons_row.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.attributes_label)
        layout.addWidget(self.attributes, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(self.facts)
        reading = QHBoxLayout()
        reading.addWidget(self.encoding_label)
        reading.addWidget(self.encoding, 1)
        reading.addWidget(self.redecode_button)
        layout.addLayout(reading)
        layout.addWidget(self.redecode_status)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._validate)
        self.date_edit.textChanged.connect(self._validate)
        self.attributes.itemChanged.connect(self._validate)
        self.retranslate()
        self.resize(560, 440)
        self._validate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Article Details"))
        self.title_label.setText(self.tr("&Title:"))
        self.outlet_label.setText(self.tr("&Outlet:"))
        self.date_label.setText(self.tr("&Date:"))
        self.attributes_label.setText(self.tr("&Attributes (your own facts: dossier, genre…):"))
        self.outlet_edit.lineEdit().setPlaceholderText(self.tr("no outlet"))
        self.date_edit.setPlaceholderText(self.tr("e.g. 2022-01-06, 06.01.2022, 6 janvier 2022"))
        self.attributes.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value")])
        self.add_button.setText(self.tr("Add &Attribute"))
        self.remove_button.setText(self.tr("&Remove"))
        info = self.view.info
        facts = [self.tr("File: {name}").format(name=info.file_name or "—")]
        if info.encoding:
            facts.append(self.tr("read as {encoding}").format(encoding=info.encoding))
        if info.url:
            facts.append(info.url)
        self.facts.setText(" · ".join(facts))
        self.encoding_label.setText(self.tr("&Garbled letters? Read the file again as:"))
        self.redecode_button.setText(self.tr("Read A&gain"))
        self.redecode_button.setToolTip(
            self.tr(
                "Decode the original file with this encoding; the passages are kept "
                "(re-anchored) and Undo takes it back"
            )
        )

    def redecoded(self, result: ImportResult, view: DocumentView | None) -> None:
        """What reading the file again did; ``view``: the article as it now is."""
        if result.status == "updated" and view is not None:
            self.view = view
            self.title_edit.setText(view.info.title)
            self.title_edit.setCursorPosition(0)
            self.outlet_edit.setEditText(view.info.source or "")
            self.date_edit.setText(view.info.published or "")
            self.retranslate()
            text = self.tr("Read again as {encoding}: the text was replaced.").format(
                encoding=view.info.encoding
            )
        elif result.status == "unchanged":
            text = self.tr("Read this way, the text is the same as before.")
        else:
            reason = localize(result.reason or "", i18n.language())
            text = self.tr("Not read again: {reason}").format(reason=reason)
        set_warning(self.redecode_status, result.status == "refused", self.palette())
        self.redecode_status.setText(text)

    # -- the table ----------------------------------------------------------------

    def _add_row(self, key: str, value: str, edit: bool = False) -> None:
        row = self.attributes.rowCount()
        self.attributes.insertRow(row)
        self.attributes.setItem(row, 0, QTableWidgetItem(key))
        self.attributes.setItem(row, 1, QTableWidgetItem(value))
        if edit:
            self.attributes.setCurrentCell(row, 0)
            self.attributes.editItem(self.attributes.item(row, 0))

    def _remove_rows(self) -> None:
        rows = sorted({i.row() for i in self.attributes.selectedIndexes()}, reverse=True)
        if not rows and self.attributes.currentRow() >= 0:
            rows = [self.attributes.currentRow()]
        for row in rows:
            self.attributes.removeRow(row)
        self._validate()

    def attribute_values(self) -> dict[str, str]:
        """The attributes as the table holds them (rows without a name left out)."""
        out: dict[str, str] = {}
        for row in range(self.attributes.rowCount()):
            key_item, value_item = self.attributes.item(row, 0), self.attributes.item(row, 1)
            key = " ".join((key_item.text() if key_item else "").split())
            value = (value_item.text() if value_item else "").strip()
            if key and value:
                out[key] = value
        return out

    # -- checking -----------------------------------------------------------------

    def _validate(self) -> None:
        ok = True
        try:
            stored = parse_published(self.date_edit.text())
        except KzreaderError:
            self.date_hint.setText(
                self.tr("Not a date: write it like 2022-01-06, 06.01.2022 or 6 janvier 2022.")
            )
            set_warning(self.date_hint, True, self.palette())
            ok = False
        else:
            set_warning(self.date_hint, False, self.palette())
            self.date_hint.setText(
                self.tr("Stored as {date}").format(date=stored) if stored else self.tr("No date")
            )
        if not self.title_edit.text().strip():
            ok = False
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def changes(self) -> dict[str, object]:
        """Keyword arguments of ``Library.edit_document`` for what changed."""
        info = self.view.info
        out: dict[str, object] = {}
        title = " ".join(self.title_edit.text().split())
        if title != info.title:
            out["title"] = title
        source = " ".join(self.outlet_edit.currentText().split())
        if source != (info.source or ""):
            out["source"] = source
        published = parse_published(self.date_edit.text()) or ""
        if published != (info.published or ""):
            out["published"] = published
        wanted = self.attribute_values()
        attributes: dict[str, str | None] = {
            k: v for k, v in wanted.items() if self.view.attributes.get(k) != v
        }
        attributes.update({k: None for k in self.view.attributes if k not in wanted})
        if attributes:
            out["attributes"] = attributes
        return out
