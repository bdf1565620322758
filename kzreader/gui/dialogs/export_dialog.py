"""Export: every format the core writes, from one dialog.

The user chooses a format (each with a sentence saying what it is for),
what to export (the whole library, the passages of chosen tags, the article
open in the reader or the articles the library list shows) and, for a
report, its arrangement (its headings are written in the interface's
language); then the file. ``Library.export`` runs on a
worker: the dialog shows its progress and then what was written, with
Show in Folder. The core cannot stop an export half-way, so there is no
Cancel: closing the dialog only hides it (the export goes on), and the
window's status bar says when it is done.

Also here, for the window's other file commands: the folder last used for
exchange files and the suffix a chosen file name must end with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QSettings, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kzreader.core.errors import KzreaderError
from kzreader.gui import i18n
from kzreader.gui.context import AppContext
from kzreader.gui.panels.passage_item import count_text, swatch
from kzreader.gui.workers import Job

#: The suffix of each format's files (``Library.EXPORT_FORMATS``, in that order).
SUFFIXES = {
    "qdpx": ".qdpx",
    "qdc": ".qdc",
    "w3c": ".jsonld",
    "csv": ".csv",
    "md": ".md",
    "html": ".html",
}
#: Formats arranged by tag or by document.
REPORT_FORMATS = frozenset({"md", "html"})
#: Formats holding tags only: a choice of articles means nothing to them.
TAGS_ONLY_FORMATS = frozenset({"qdc"})

#: What to export.
WHOLE_LIBRARY, TAGS, CURRENT_ARTICLE, SHOWN_ARTICLES = "all", "tags", "current", "shown"

FORMAT_KEY = "export/format"
BY_KEY = "export/by"
FOLDER_KEY = "exchange/folder"

TAG_ROLE = Qt.ItemDataRole.UserRole + 1
#: Characters of the open article's title shown in its choice (all in the tooltip).
TITLE_LENGTH = 40


def last_folder(settings: QSettings) -> Path:
    """The folder of the last exchange file (export, import, backup), else
    the home folder: researchers keep such files together."""
    folder = Path(str(settings.value(FOLDER_KEY, "") or ""))
    return folder if str(folder) not in ("", ".") and folder.is_dir() else Path.home()


def remember_folder(settings: QSettings, path: Path) -> None:
    settings.setValue(FOLDER_KEY, str(path.parent))


def with_suffix(chosen: str, suffix: str) -> tuple[Path, bool]:
    """The chosen file name ending with ``suffix`` (added when the user typed
    another or none: the file dialog does not add it everywhere), and
    whether it was added."""
    path = Path(chosen)
    if path.suffix.lower() == suffix:
        return path, False
    return path.with_name(path.name + suffix), True


def today() -> str:
    """The date for a default file name: year first, the same in every language."""
    return QDate.currentDate().toString("yyyy-MM-dd")


@dataclass(frozen=True)
class ExportChoice:
    """What ``Library.export`` is asked for."""

    fmt: str
    tags: list[str] | None
    documents: list[int] | None
    by: str


class _Description(QLabel):
    """A format's sentence under its radio button; clicking it chooses the format."""

    def __init__(self, text: str, button: QRadioButton) -> None:
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        indent = button.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        spacing = button.style().pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        self.setContentsMargins(indent + spacing, 0, 0, 4)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.button.isEnabled():
            self.button.click()
        super().mousePressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Disabled (while exporting), the sentence greys like its button: the
        placeholder colour has no disabled shade in the app's palettes."""
        if event.type() == QEvent.Type.EnabledChange:
            self.setForegroundRole(
                QPalette.ColorRole.PlaceholderText
                if self.isEnabled()
                else QPalette.ColorRole.WindowText
            )
        super().changeEvent(event)


class ExportDialog(QDialog):
    """Choose a format and what to export; Export… asks for the file and
    writes it on a worker."""

    #: an export was written: the core's report and the sentence telling it
    exported = Signal(object, str)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        current_document: int = 0,
        shown_documents: Sequence[int] = (),
        chosen_tag: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_document = current_document
        self.shown_documents = list(shown_documents)
        self.job: Job | None = None
        self.report: Any = None
        #: what the last export wrote, shown under the choices ("" before any)
        self._outcome = ""
        self._running = False
        library = ctx.library
        # modal: the article open and the articles listed, read when the dialog
        # opened, stay what the window shows while the choice is made
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Export"))

        # -- formats
        self.format_group = QGroupBox(self.tr("Format"))
        self.format_buttons = QButtonGroup(self)
        self.format_radios: dict[str, QRadioButton] = {}
        column = QVBoxLayout(self.format_group)
        column.setSpacing(2)
        for fmt, (name, description) in self.format_texts().items():
            radio = QRadioButton(name)
            radio.setAccessibleDescription(description)
            radio.setProperty("format", fmt)
            self.format_buttons.addButton(radio)
            self.format_radios[fmt] = radio
            column.addWidget(radio)
            column.addWidget(_Description(description, radio))
        column.addStretch(1)

        # -- what to export
        self.scope_group = QGroupBox(self.tr("What to export"))
        self.scope_buttons = QButtonGroup(self)
        self.whole_radio = QRadioButton(self.tr("The whole library"))
        self.tags_radio = QRadioButton(self.tr("The passages with the tags checked below"))
        self.tag_list = QListWidget()
        self.tag_list.setAccessibleName(self.tr("Tags to export"))
        self.tag_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tag_list.setUniformItemSizes(True)
        self.tag_list.setIconSize(QSize(12, 12))
        for tag in library.tags():
            item = QListWidgetItem(swatch(tag.color), f"{tag.path} ({tag.total})")
            item.setData(TAG_ROLE, tag.path)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if tag.path == chosen_tag else Qt.CheckState.Unchecked
            )
            self.tag_list.addItem(item)
        self.current_radio = QRadioButton(self._current_text())
        self.current_radio.setToolTip(self._current_text(full=True))
        self.shown_radio = QRadioButton(
            count_text(
                len(self.shown_documents),
                self.tr("The article shown in the library list"),
                self.tr("The {n} articles shown in the library list"),
            )
        )
        self.shown_radio.setToolTip(
            self.tr("The articles the library list shows with its filters and search")
        )
        self.scope_radios = {
            WHOLE_LIBRARY: self.whole_radio,
            TAGS: self.tags_radio,
            CURRENT_ARTICLE: self.current_radio,
            SHOWN_ARTICLES: self.shown_radio,
        }
        for radio in self.scope_radios.values():
            self.scope_buttons.addButton(radio)
        scope = QVBoxLayout(self.scope_group)
        scope.addWidget(self.whole_radio)
        scope.addWidget(self.tags_radio)
        scope.addWidget(self.tag_list, 1)
        scope.addWidget(self.current_radio)
        scope.addWidget(self.shown_radio)

        # -- a report's arrangement
        self.by_group = QGroupBox(self.tr("Arrange the report"))
        self.by_buttons = QButtonGroup(self)
        self.by_tag_radio = QRadioButton(self.tr("By tag: a section for each tag"))
        self.by_document_radio = QRadioButton(self.tr("By article: a section for each article"))
        arrangement = QVBoxLayout(self.by_group)
        for radio in (self.by_tag_radio, self.by_document_radio):
            self.by_buttons.addButton(radio)
            arrangement.addWidget(radio)

        # -- progress, outcome, buttons
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Export progress"))
        self.bar.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Choose the file, then write the export"))
        self.export_button.setDefault(True)
        self.folder_button = QPushButton(self.tr("Show in Folder"))
        self.folder_button.setToolTip(self.tr("Open the folder holding the exported file"))
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.hide()  # once there is a file to show

        right = QVBoxLayout()
        right.addWidget(self.scope_group, 1)
        right.addWidget(self.by_group)
        columns = QHBoxLayout()
        self.format_group.setMinimumWidth(380)
        columns.addWidget(self.format_group, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)

        self.format_buttons.buttonToggled.connect(self._update)
        self.scope_buttons.buttonToggled.connect(self._update)
        self.tag_list.itemChanged.connect(self._tag_checked)
        self.export_button.clicked.connect(self.export)
        self.folder_button.clicked.connect(self.show_in_folder)
        self.buttons.rejected.connect(self.reject)
        self._restore_choices()
        self.resize(900, 540)

    # -- texts ---------------------------------------------------------------------

    def format_texts(self) -> dict[str, tuple[str, str]]:
        """Each format's name and what it is for, in a researcher's words."""
        return {
            "qdpx": (
                self.tr("REFI-QDA project (.qdpx)"),
                self.tr(
                    "Articles, tags, passages, notes and links, to open in ATLAS.ti, "
                    "MAXQDA, NVivo, QualCoder or another kzreader."
                ),
            ),
            "qdc": (
                self.tr("REFI-QDA codebook (.qdc)"),
                self.tr(
                    "The tags alone, with their hierarchy, colours and descriptions: "
                    "a coding scheme to share."
                ),
            ),
            "w3c": (
                self.tr("W3C Web Annotations (.jsonld)"),
                self.tr(
                    "Passages with their tags, notes and links in the open web standard, "
                    "for annotation tools and scripts."
                ),
            ),
            "csv": (
                self.tr("Table of coded passages (.csv)"),
                self.tr(
                    "One row per passage and tag, with its article's details: for a "
                    "spreadsheet, R or Python."
                ),
            ),
            "md": (
                self.tr("Markdown report (.md)"),
                self.tr(
                    "The passages as quotations with their sources, notes and links, to "
                    "go on writing in a text editor."
                ),
            ),
            "html": (
                self.tr("HTML report (.html)"),
                self.tr(
                    "The same report as one web page, to read in a browser, print or save as PDF."
                ),
            ),
        }

    def _kind_names(self) -> dict[str, str]:
        """The word for each format's file in a default file name."""
        return {
            "qdpx": self.tr("project"),
            "qdc": self.tr("codebook"),
            "w3c": self.tr("annotations"),
            "csv": self.tr("passages"),
            "md": self.tr("report"),
            "html": self.tr("report"),
        }

    def _current_text(self, full: bool = False) -> str:
        if not self.current_document:
            return self.tr("The article open in the reader (none is open)")
        try:
            title = self.ctx.library.document(self.current_document).info.title
        except KzreaderError:
            return self.tr("The article open in the reader")
        if len(title) > TITLE_LENGTH and not full:
            title = title[: TITLE_LENGTH - 1].rstrip() + "…"
        return self.tr("The article open in the reader: “{title}”").format(title=title)

    def summary(self, report: Any, fmt: str) -> str:
        """What the file holds, as counts: ``12 articles, 40 passages, 3 links``."""
        codes = count_text(getattr(report, "codes", 0), self.tr("{n} tag"), self.tr("{n} tags"))
        if fmt == "qdc":
            return codes
        parts = [
            count_text(report.documents, self.tr("{n} article"), self.tr("{n} articles")),
            count_text(report.passages, self.tr("{n} passage"), self.tr("{n} passages")),
        ]
        if fmt == "qdpx":
            parts.append(codes)
        if report.links:  # formats without links, and exports without any, say nothing
            parts.append(count_text(report.links, self.tr("{n} link"), self.tr("{n} links")))
        return ", ".join(parts)

    # -- choices -------------------------------------------------------------------

    def _restore_choices(self) -> None:
        settings = self.ctx.settings
        fmt = str(settings.value(FORMAT_KEY, "qdpx"))
        self.format_radios.get(fmt, self.format_radios["qdpx"]).setChecked(True)
        by = str(settings.value(BY_KEY, "tag"))
        (self.by_document_radio if by == "document" else self.by_tag_radio).setChecked(True)
        self.whole_radio.setChecked(True)
        self._update()

    def fmt(self) -> str:
        button = self.format_buttons.checkedButton()
        return str(button.property("format")) if button is not None else "qdpx"

    def set_format(self, fmt: str) -> None:
        self.format_radios[fmt].setChecked(True)

    def scope(self) -> str:
        return next(k for k, r in self.scope_radios.items() if r.isChecked())

    def set_scope(self, scope: str) -> None:
        self.scope_radios[scope].setChecked(True)

    def by(self) -> str:
        return "document" if self.by_document_radio.isChecked() else "tag"

    def checked_tags(self) -> list[str]:
        items = (self.tag_list.item(row) for row in range(self.tag_list.count()))
        return [
            str(item.data(TAG_ROLE)) for item in items if item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked_tags(self, paths: Sequence[str]) -> None:
        for row in range(self.tag_list.count()):
            item = self.tag_list.item(row)
            wanted = item.data(TAG_ROLE) in paths
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def choice(self) -> ExportChoice:
        """What the dialog's choices ask of ``Library.export``."""
        fmt, scope = self.fmt(), self.scope()
        tags = self.checked_tags() if scope == TAGS else None
        documents: list[int] | None = None
        if scope == CURRENT_ARTICLE:
            documents = [self.current_document]
        elif scope == SHOWN_ARTICLES:
            documents = list(self.shown_documents)
        return ExportChoice(fmt, tags, documents, self.by())

    def _tag_checked(self, item: QListWidgetItem) -> None:
        """Checking a tag means exporting by tags."""
        if item.checkState() == Qt.CheckState.Checked:
            self.tags_radio.setChecked(True)
        self._update()

    def _update(self, *args: object) -> None:
        """Enable what the format allows, and Export when the choice is complete."""
        fmt = self.fmt()
        busy = self._running
        articles = fmt not in TAGS_ONLY_FORMATS
        self.format_group.setEnabled(not busy)
        self.scope_group.setEnabled(not busy)
        self.tags_radio.setEnabled(self.tag_list.count() > 0)
        self.current_radio.setEnabled(articles and bool(self.current_document))
        self.shown_radio.setEnabled(articles and bool(self.shown_documents))
        checked = self.scope_buttons.checkedButton()
        # isEnabledTo: while exporting, the whole group is disabled, not the choice
        if checked is None or not checked.isEnabledTo(self.scope_group):
            self.whole_radio.setChecked(True)
            return  # toggling called this again
        self.tag_list.setEnabled(self.tags_radio.isChecked())
        self.whole_radio.setText(
            self.tr("Every tag") if fmt in TAGS_ONLY_FORMATS else self.tr("The whole library")
        )
        self.by_group.setEnabled(not busy and fmt in REPORT_FORMATS)
        complete = self.scope() != TAGS or bool(self.checked_tags())
        self.export_button.setEnabled(not busy and complete)
        if not busy:  # while busy, the status shows the progress
            hint = self.tr("Check at least one tag to export.")
            self.status.setText(self._outcome if complete else hint)

    # -- exporting -----------------------------------------------------------------

    def default_path(self) -> Path:
        fmt = self.fmt()
        name = f"kzreader-{self._kind_names()[fmt]}-{today()}{SUFFIXES[fmt]}"
        return last_folder(self.ctx.settings) / name

    def ask_path(self) -> Path | None:
        """The file to write, from a file dialog (None when cancelled)."""
        fmt = self.fmt()
        name = self.format_texts()[fmt][0]
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export As"),
            str(self.default_path()),
            f"{name} (*{SUFFIXES[fmt]})",
        )
        if not chosen:
            return None
        path, added = with_suffix(chosen, SUFFIXES[fmt])
        try:
            self.ctx.library.check_output(path, "export")
        except KzreaderError as exc:
            self.show_error(str(exc))
            return None
        if added and path.exists():
            question = self.tr("{name} already exists. Replace it?").format(name=path.name)
            if not self.confirm(self.tr("Export"), question):
                return None
        return path

    def export(self) -> Job | None:
        """Ask for the file, then write it on a worker."""
        if self._running or not self.export_button.isEnabled():
            return None
        out = self.ask_path()
        if out is None:
            return None
        return self.start(out)

    def start(self, out: Path) -> Job:
        """Write the export to ``out`` on a worker, showing its progress."""
        library = self.ctx.library
        choice = self.choice()
        language = i18n.language()  # a report's headings speak the interface's language
        self.report = None
        self._outcome = ""
        self._running = True
        self.folder_button.hide()
        self.bar.setRange(0, 0)  # busy until the first progress
        self.bar.show()
        self.status.setText(self.tr("Exporting to {name}…").format(name=out.name))
        self._update()

        def work(job: Job) -> Any:
            return library.export(
                choice.fmt,
                out,
                tags=choice.tags,
                documents=choice.documents,
                progress=job.progress.emit,
                by=choice.by,
                language=language,
            )

        self.job = self.ctx.workers.run(
            work,
            with_job=True,
            on_done=lambda report: self._done(report, choice.fmt),
            on_error=self._failed,
            on_progress=self._progress,
        )
        return self.job

    def is_running(self) -> bool:
        return self._running

    def _progress(self, done: int, total: int, label: str) -> None:
        if not self._running:
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if label:
            item = self.fontMetrics().elidedText(
                " ".join(label.split()), Qt.TextElideMode.ElideRight, max(200, self.width() - 160)
            )
            self.status.setText(self.tr("Exporting: {item}").format(item=item))

    def _done(self, report: Any, fmt: str) -> None:
        self._running = False
        self.report = report
        self.bar.hide()
        path = Path(report.path)
        message = self.tr("Exported to {name}: {counts}.").format(
            name=path.name, counts=self.summary(report, fmt)
        )
        lines = [message]
        left_out = list(getattr(report, "left_out", []) or [])
        lines += [self.tr("Left out: {what}").format(what=what) for what in left_out]
        self._outcome = "\n".join(lines)
        self.status.setToolTip(str(path))
        self.folder_button.show()
        settings = self.ctx.settings
        settings.setValue(FORMAT_KEY, fmt)
        settings.setValue(BY_KEY, self.by())
        remember_folder(settings, path)
        self._update()
        self.exported.emit(report, message)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.bar.hide()
        self._update()
        self.show_error(self.tr("The export failed: {error}").format(error=error))

    def show_in_folder(self) -> None:
        """Open the folder of the file written, in the system's file manager."""
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.report.path).parent)))

    # -- message boxes (tests replace these on an instance) ----------------------

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, text: str) -> None:
        parent = self if self.isVisible() else self.parentWidget()
        QMessageBox.warning(parent, self.tr("Export"), text)
