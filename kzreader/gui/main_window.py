"""The main window: actions, menus, docks — the one place that wires signals."""

from __future__ import annotations

import dataclasses
import os
from html import escape
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from kzreader import __version__
from kzreader.core import lock
from kzreader.core.check import CheckReport, quick_check
from kzreader.core.documents import title_line
from kzreader.core.errors import KzreaderError, StorageError
from kzreader.core.types import ChangeSet, DocumentView, ImportReport, PassageInfo
from kzreader.gui.actions import Actions
from kzreader.gui.context import AppContext
from kzreader.gui.corpus_docks import CorpusDocks
from kzreader.gui.dialogs.backups_dialog import BackupsDialog
from kzreader.gui.dialogs.check_dialog import CheckDialog, CheckWording
from kzreader.gui.dialogs.export_dialog import (
    ExportDialog,
    last_folder,
    remember_folder,
    today,
    with_suffix,
)
from kzreader.gui.dialogs.import_dialog import ImportProgressDialog, ImportReportDialog
from kzreader.gui.dialogs.link_dialog import LinkDialog
from kzreader.gui.dialogs.note_dialog import NoteDialog
from kzreader.gui.dialogs.preferences_dialog import PreferencesDialog
from kzreader.gui.dialogs.project_import_dialog import ProjectImportDialog
from kzreader.gui.dialogs.tag_dialog import TagDialog
from kzreader.gui.document_editing import DocumentEditor
from kzreader.gui.find_bar import FindBar
from kzreader.gui.link_banner import LinkBanner
from kzreader.gui.notice_banner import NoticeBanner
from kzreader.gui.panels.annotations_panel import AnnotationsPanel
from kzreader.gui.panels.library_panel import LibraryPanel
from kzreader.gui.panels.orphans_panel import OrphansPanel
from kzreader.gui.panels.reuse_panel import ReusePanel
from kzreader.gui.panels.search_panel import SearchPanel
from kzreader.gui.panels.tag_passages_panel import TagPassagesPanel
from kzreader.gui.panels.tags_panel import TagsPanel
from kzreader.gui.reader import DEFAULT_FONT_SIZE, ReaderView
from kzreader.gui.reader_header import ReaderHeader
from kzreader.gui.reader_margin import reuse_row
from kzreader.gui.theme import READER_MAX_WIDTH, app_icon
from kzreader.gui.welcome import WelcomePage
from kzreader.gui.workers import Job
from kzreader.paths import sample_articles_dir


def fill_menu(menu: QMenu | QToolBar, actions: tuple) -> None:
    """Add actions to a menu or toolbar; ``None`` adds a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


#: The core's reason for a library opened read-only on purpose.
#: Tables whose changes repaint the article shown.
SETTINGS_SHOW_BREAKS = "reader/show_breaks"
SETTINGS_FONT_SIZE = "reader/font_size"
ANNOTATION_TABLES = {"passages", "passage_tags", "tags", "links"}


class MainWindow(QMainWindow):
    #: the user chose another language or theme in the preferences
    preferences_changed = Signal()
    #: the user confirmed restoring this backup (a Path): the application
    #: closes the library, restores it and opens it in a new window
    restore_requested = Signal(object)
    #: the user asks to open the read-only library for changes again
    reopen_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.library = ctx.library
        self.pending_link: PassageInfo | None = None
        self.import_dialog: ImportProgressDialog | None = None
        self.last_report: ImportReport | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.check_dialog: CheckDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.project_dialog: ProjectImportDialog | None = None
        #: what the check at opening found (None until it has run)
        self.quick_report: CheckReport | None = None
        self.setObjectName("mainWindow")
        self.set_title()
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(not self.library.read_only)
        self.actions_ = Actions(self)
        self.document_editor = DocumentEditor(ctx, self)
        self._build_centre()
        self._build_docks()
        self._build_menus()
        self._build_status()
        self._connect()
        self._restore_layout()
        self.refresh_status()
        self._apply_read_only()
        self._update_undo_actions()
        self._update_annotation_actions()
        self._show_start_page()

    # -- construction ---------------------------------------------------------------

    def _build_centre(self) -> None:
        a = self.actions_
        self.reader = ReaderView()
        self.reader.use_context(self.ctx)
        self.reader.set_show_breaks(self.ctx.settings.value(SETTINGS_SHOW_BREAKS, True, type=bool))
        size = self.ctx.settings.value(SETTINGS_FONT_SIZE, DEFAULT_FONT_SIZE, type=float)
        self.reader.set_font_size(float(size))  # type: ignore[arg-type]
        self.header = ReaderHeader()
        self.find_bar = FindBar()
        self.find_bar.attach(self.reader)
        self.find_bar.hide()
        self.link_banner = LinkBanner()
        header_row = QHBoxLayout()
        header_row.setContentsMargins(24, 0, 24, 0)
        header_row.addStretch(1)
        header_row.addWidget(self.header, 100)
        header_row.addStretch(1)
        self.header.setMaximumWidth(READER_MAX_WIDTH)
        page = QWidget()
        page.setObjectName("readerPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header_row)
        layout.addWidget(self.link_banner)
        layout.addWidget(self.reader, 1)
        layout.addWidget(self.find_bar)
        self.welcome = WelcomePage(a.import_samples, a.import_files, a.import_folder)
        self.centre = QStackedWidget()
        self.centre.addWidget(self.welcome)
        self.centre.addWidget(page)
        self.reader_page = page
        self._build_banners()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.check_banner)
        column.addWidget(self.centre, 1)
        self.setCentralWidget(central)
        for action in (
            a.highlight,
            a.tag,
            a.note,
            a.link,
            a.finish_link,
            a.cancel_link,
            a.delete_passage,
        ):
            self.reader.addAction(action)
        self.reader.context_actions = [
            a.highlight,
            a.tag,
            a.note,
            a.link,
            a.finish_link,
            None,
            a.delete_passage,
        ]

    def _build_banners(self) -> None:
        """The read-only banner and the banner of the check at opening, above
        the article or the welcome page; both stay until acted on."""
        self.read_only_banner = NoticeBanner("readOnlyBanner")
        self.try_again_button = self.read_only_banner.add_button(
            self.tr("Try Again"),
            self.tr("Open the library for changes, if the other program has closed it"),
            self.reopen_requested.emit,
        )
        self.check_banner = NoticeBanner("checkBanner")
        self.check_banner.add_button(
            self.tr("Check Library…"),
            self.tr("Run the full check and repair what it finds"),
            self.open_check_dialog,
        )
        self.check_banner.add_button(
            self.tr("Dismiss"), self.tr("Hide this message"), self.check_banner.hide
        )

    def make_dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        ctx, add = self.ctx, self.make_dock
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.library_panel = LibraryPanel(ctx)
        self.tags_panel = TagsPanel(ctx)
        self.annotations_panel = AnnotationsPanel(ctx)
        self.tag_passages_panel = TagPassagesPanel(ctx)
        self.search_panel = SearchPanel(ctx)
        self.orphans_panel = OrphansPanel(ctx)
        self.reuse_panel = ReusePanel(ctx)
        self.orphans_panel.selection_provider = self._reader_selection
        self.library_dock = add("libraryDock", self.tr("Library"), self.library_panel, left)
        self.tags_dock = add("tagsDock", self.tr("Tags"), self.tags_panel, left)
        self.annotations_dock = add(
            "annotationsDock", self.tr("Annotations"), self.annotations_panel, right
        )
        self.tag_passages_dock = add(
            "tagPassagesDock", self.tr("Passages"), self.tag_passages_panel, right
        )
        self.search_dock = add("searchDock", self.tr("Search"), self.search_panel, right)
        self.orphans_dock = add("orphansDock", self.tr("Orphans"), self.orphans_panel, right)
        self.reuse_dock = add("reuseDock", self.tr("Reuse"), self.reuse_panel, right)
        self.splitDockWidget(self.library_dock, self.tags_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.annotations_dock, self.search_dock)
        self.tabifyDockWidget(self.search_dock, self.tag_passages_dock)
        self.tabifyDockWidget(self.tag_passages_dock, self.orphans_dock)
        self.tabifyDockWidget(self.orphans_dock, self.reuse_dock)
        self.annotations_dock.raise_()
        self.resizeDocks(
            [self.library_dock, self.annotations_dock], [400, 380], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.library_dock, self.tags_dock], [420, 260], Qt.Orientation.Vertical)
        self.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.North)
        self.corpus = CorpusDocks(self)

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        fill_menu(
            bar.addMenu(self.tr("&File")),
            (
                a.import_files,
                a.import_folder,
                a.import_outlet_folder,
                a.import_samples,
                None,
                a.import_project,
                a.export,
                None,
                a.quit,
            ),
        )
        fill_menu(
            bar.addMenu(self.tr("&Edit")),
            (
                a.undo,
                a.redo,
                None,
                a.find,
                a.find_next,
                a.find_previous,
                a.search,
                None,
                a.preferences,
            ),
        )
        fill_menu(
            bar.addMenu(self.tr("&Library")),
            (
                a.article_details,
                a.delete_article,
                None,
                a.back_up,
                a.back_up_to_file,
                a.restore_from_file,
                a.backups,
                None,
                a.check,
                a.reindex,
            ),
        )
        fill_menu(bar.addMenu(self.tr("&Annotate")), (
            a.highlight, a.tag, a.note, a.link, a.finish_link, a.cancel_link, None,
            a.delete_passage,
        ))  # fmt: skip
        view = bar.addMenu(self.tr("&View"))
        view.addAction(a.previous_article)
        view.addAction(a.next_article)
        view.addSeparator()
        view.addAction(a.show_breaks)
        for action in (a.zoom_in, a.zoom_out, a.zoom_reset):
            view.addAction(action)
        view.addSeparator()
        for action in (a.focus_library, a.focus_tags, a.focus_reader, a.focus_panel):
            view.addAction(action)
        view.addSeparator()
        for dock in (
            self.library_dock,
            self.tags_dock,
            self.annotations_dock,
            self.tag_passages_dock,
            self.search_dock,
            self.orphans_dock,
            self.reuse_dock,
        ):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        for dock in self.corpus.docks:
            view.addAction(dock.toggleViewAction())
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(a.about)
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        fill_menu(toolbar, (
            a.import_files, None, a.undo, a.redo, None, a.highlight, a.tag, a.note, a.link, None,
            a.search,
        ))  # fmt: skip
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_status(self) -> None:
        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.status_label)

    def _connect(self) -> None:
        a, nav = self.actions_, self.ctx.navigator
        a.import_files.triggered.connect(self.import_files_dialog)
        a.import_folder.triggered.connect(self.import_folder_dialog)
        a.import_outlet_folder.triggered.connect(self.import_outlet_folder_dialog)
        a.import_samples.triggered.connect(lambda: self.import_paths([sample_articles_dir()]))
        a.import_project.triggered.connect(self.import_project_dialog)
        a.export.triggered.connect(self.open_export_dialog)
        a.reindex.triggered.connect(self.reindex)
        a.article_details.triggered.connect(
            lambda: self.document_editor.edit(self.reader.document_id)
        )
        a.delete_article.triggered.connect(
            lambda: self.document_editor.delete(self.reader.document_id)
        )
        self.header.edit_requested.connect(
            lambda: self.document_editor.edit(self.reader.document_id)
        )
        self.library_panel.edit_requested.connect(self.document_editor.edit)
        self.library_panel.delete_requested.connect(self.document_editor.delete)
        self.document_editor.failed.connect(self.show_error)
        a.back_up_to_file.triggered.connect(self.back_up_to_file)
        a.restore_from_file.triggered.connect(self.restore_from_file)
        a.back_up.triggered.connect(self.back_up_now)
        a.backups.triggered.connect(self.open_backups)
        a.check.triggered.connect(self.open_check_dialog)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.find.triggered.connect(self.find_in_article)
        a.find_next.triggered.connect(self.find_bar.next)
        a.find_previous.triggered.connect(self.find_bar.previous)
        a.search.triggered.connect(self.focus_search)
        a.preferences.triggered.connect(self.open_preferences)
        a.highlight.triggered.connect(self.highlight_selection)
        a.tag.triggered.connect(self.tag_selection)
        a.note.triggered.connect(self.note_selection)
        a.link.triggered.connect(self.start_link)
        a.finish_link.triggered.connect(self.finish_link_here)
        a.cancel_link.triggered.connect(self.cancel_link)
        a.delete_passage.triggered.connect(self.delete_selected_passage)
        a.focus_library.triggered.connect(lambda: self.focus_dock(self.library_dock))
        a.focus_tags.triggered.connect(lambda: self.focus_dock(self.tags_dock))
        a.focus_reader.triggered.connect(self.focus_reader)
        a.focus_panel.triggered.connect(self.focus_panel)
        a.next_article.triggered.connect(lambda: self.step_article(1))
        a.previous_article.triggered.connect(lambda: self.step_article(-1))
        a.about.triggered.connect(self.show_about)
        nav.open_document.connect(self.open_document)
        nav.open_passage.connect(self.open_passage)
        nav.open_ranges.connect(self.open_ranges)
        nav.passage_selected.connect(self._passage_selected_elsewhere)
        self.reader.passage_clicked.connect(self._reader_passage_clicked)
        self.reader.reuse_clicked.connect(
            lambda al: self._attempt(lambda: self.reuse_panel.compare(reuse_row(self.library, al)))
        )
        self.reuse_panel.listed.connect(lambda _n: self.reader.margin.reload_reuse())
        a.show_breaks.setChecked(self.reader.shows_breaks())
        a.show_breaks.toggled.connect(self._show_breaks)
        a.zoom_in.triggered.connect(lambda: self.zoom(1.0))
        a.zoom_out.triggered.connect(lambda: self.zoom(-1.0))
        a.zoom_reset.triggered.connect(lambda: self.zoom(None))
        self.reader.selection_changed_range.connect(lambda *_: self._update_annotation_actions())
        self.link_banner.search_requested.connect(self.link_by_search)
        self.link_banner.cancel_requested.connect(self.cancel_link)
        self.ctx.bridge.changed.connect(self._library_changed)

    def zoom(self, step: float | None) -> float:
        """The reader's text a step larger or smaller (``None``: its usual
        size), remembered for the next start."""
        current = self.reader.font_size()
        size = self.reader.set_font_size(DEFAULT_FONT_SIZE if step is None else current + step)
        self.ctx.settings.setValue(SETTINGS_FONT_SIZE, size)
        self.show_message(self.tr("Text size: {points} pt").format(points=f"{size:g}"), 2000)
        return size

    def _show_breaks(self, show: bool) -> None:
        self.reader.set_show_breaks(show)
        self.ctx.settings.setValue(SETTINGS_SHOW_BREAKS, show)

    # -- layout memory -----------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = self.ctx.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_layout(self) -> None:
        settings = self.ctx.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("session/document", self.reader.document_id)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_dialog is not None and self.import_dialog.isVisible():
            self.import_dialog.cancel()
        self.save_layout()
        self.ctx.workers.wait()
        super().closeEvent(event)

    def _show_start_page(self) -> None:
        self.welcome.set_empty(self.library.counts()[0] == 0)
        last = int(self.ctx.settings.value("session/document", 0) or 0)
        if last and self.library.has_document(last):
            self.open_document(last)
        else:
            self.centre.setCurrentWidget(self.welcome)

    # -- status -------------------------------------------------------------------------

    def refresh_status(self) -> None:
        docs, passages = self.library.counts()
        self.status_label.setText(
            self.tr("{docs} articles · {passages} passages").format(docs=docs, passages=passages)
        )

    def show_message(self, text: str, msecs: int = 6000) -> None:
        self.statusBar().showMessage(text, msecs)

    def show_error(self, error: BaseException | str) -> None:
        QMessageBox.warning(self, self.tr("kzreader"), str(error))

    def inform(self, text: str) -> None:
        """A message to read before going on (tests replace it)."""
        QMessageBox.information(self, self.tr("kzreader"), text)

    def confirm(self, title: str, text: str) -> bool:
        """A yes-or-no question (tests replace it)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def set_title(self, title: str = "") -> None:
        """The window title: the article's, and whether the library is read-only."""
        text = f"{title} — kzreader" if title else "kzreader"
        if self.library.read_only:
            text = self.tr("{title} (read-only)").format(title=text)
        self.setWindowTitle(text)

    # -- read-only ----------------------------------------------------------------------

    def _read_only_cause(self) -> str:
        """``folder`` (it cannot be written), ``requested``, ``disk-full``,
        ``owner`` (another program holds the library) or ``other``."""
        library = self.library
        if library.read_only_cause in ("folder", "requested", "disk-full"):
            return library.read_only_cause
        owner = lock.read_owner(library.path)
        return "owner" if owner is not None and owner.pid != os.getpid() else "other"

    def read_only_explanation(self) -> str:
        """Why the library is read-only, in the user's language when the
        cause is known, else in the core's words."""
        library = self.library
        cause = self._read_only_cause()
        if cause == "folder":
            return self.tr("The folder {folder} cannot be written.").format(folder=library.path)
        if cause == "requested":
            return self.tr("It was opened read-only.")
        if cause == "disk-full":
            return self.tr(
                "The disk is full: free some space, then press Try Again to make changes here."
            )
        owner = lock.read_owner(library.path) if cause == "owner" else None
        if owner is not None:
            programs = {  # the names kzreader's own programs give themselves
                "the kzreader command line": self.tr("the kzreader command line"),
                "the kzreader app": self.tr("the kzreader app"),
            }
            return self.tr(
                "It is open in {program} (process {pid}, since {since}): close it there, then "
                "press Try Again to make changes here."
            ).format(
                program=programs.get(owner.program, owner.program),
                pid=owner.pid,
                since=owner.since,
            )
        reason = library.read_only_reason or ""
        return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")

    def _apply_read_only(self) -> None:
        """Show the banner and turn off every change when the library is read-only."""
        if not self.library.read_only:
            return
        self.read_only_banner.set_text(
            "<b>{}</b> {} {}".format(
                escape(self.tr("This library is read-only.")),
                escape(self.read_only_explanation()),
                escape(
                    self.tr(
                        "You can read, search, follow links and export; changes are turned off."
                    )
                ),
            )
        )
        self.try_again_button.setVisible(self._read_only_cause() in ("owner", "other", "disk-full"))
        self.read_only_banner.show()
        a = self.actions_
        for action in (
            a.import_files,
            a.import_folder,
            a.import_samples,
            a.import_project,
            a.reindex,
            a.back_up,
            a.restore_from_file,
        ):
            action.setEnabled(False)
        for button in self.welcome.buttons:
            button.setEnabled(False)

    # -- documents ----------------------------------------------------------------------

    def _tag_colors(self) -> dict[str, str]:
        return self.library.tag_colors()

    def open_document(self, document_id: int) -> bool:
        try:
            view = self.library.document(document_id)
        except KzreaderError as exc:
            self.show_message(str(exc))
            return False
        passages = self.library.passages(document_ids=[document_id])
        self.reader.show_document(self._as_read(view), passages, self._tag_colors())
        self.header.show_document(view, len(passages))
        self.centre.setCurrentWidget(self.reader_page)
        if self.find_bar.isVisible():
            self.find_bar.refresh()
        self.set_title(view.info.title)
        self.ctx.navigator.document_shown.emit(document_id)
        self._update_annotation_actions()
        return True

    def open_passage(self, document_id: int, passage_id: int) -> None:
        if self.reader.document_id != document_id and not self.open_document(document_id):
            return
        if self.reader.select_passage(passage_id, flash=True):
            self.ctx.navigator.passage_selected.emit(passage_id)
        else:
            self.show_message(self.tr("This passage is orphaned: it has no place in the text."))
        self._update_annotation_actions()

    def open_ranges(self, document_id: int, ranges: object) -> None:
        if self.reader.document_id != document_id and not self.open_document(document_id):
            return
        self.reader.mark_ranges(list(ranges))  # type: ignore[call-overload]

    def _reload_current(self, full: bool) -> None:
        doc = self.reader.document_id
        if not doc:
            return
        if full:
            selected = self.reader.selected_passage
            scroll = self.reader.verticalScrollBar().value()
            if self.open_document(doc):
                self.reader.verticalScrollBar().setValue(scroll)
                if selected:
                    self.reader.select_passage(selected)
            return
        passages = self.library.passages(document_ids=[doc])
        self.reader.set_passages(passages, self._tag_colors())
        self.header.show_document(self.library.document(doc), len(passages))

    @staticmethod
    def _as_read(view: DocumentView) -> DocumentView:
        """The document as the reader shows it: the line that holds its title
        dimmed like chrome, since the header shows the title (display only)."""
        span = title_line(view.text, view.info.title, view.boilerplate)
        if span is None:
            return view
        return dataclasses.replace(view, boilerplate=[*view.boilerplate, span])

    def step_article(self, step: int) -> None:
        ids = self.library_panel.visible_document_ids()
        if not ids:
            return
        current = self.reader.document_id
        index = ids.index(current) + step if current in ids else 0
        self.open_document(ids[max(0, min(len(ids) - 1, index))])

    def _library_changed(self, changes: ChangeSet) -> None:
        doc = self.reader.document_id
        if doc and not self.library.has_document(doc):
            self.reader.clear_document()
            self.header.clear()
            self.ctx.navigator.document_shown.emit(0)
            self.centre.setCurrentWidget(self.welcome)
        elif doc and doc in changes.reindexed:
            self._reload_current(full=True)
        elif doc and changes.tables & ANNOTATION_TABLES:
            self._reload_current(full=False)
        if self.pending_link is not None and "passages" in changes.tables:
            try:
                self.pending_link = self.library.passage(self.pending_link.id)
            except KzreaderError:
                self.cancel_link()
        self.welcome.set_empty(self.library.counts()[0] == 0)
        self.refresh_status()
        self._update_undo_actions()
        self._update_annotation_actions()

    # -- importing ----------------------------------------------------------------------

    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import Articles"),
            str(Path.home()),
            self.tr("Text articles (*.txt *.md);;All files (*)"),
        )
        if files:
            self.import_paths(files)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a Folder"), str(Path.home())
        )
        if folder:
            self.import_paths([folder])

    def import_outlet_folder_dialog(self) -> None:
        """A folder of one outlet's articles: the folder, then the outlet."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a Folder of One Outlet"), str(Path.home())
        )
        if not folder:
            return
        outlets = sorted({d.source for d in self.library.documents() if d.source}, key=str.casefold)
        outlet, ok = QInputDialog.getItem(
            self,
            self.tr("Outlet of the Folder"),
            self.tr("Every article of {folder} comes from:").format(folder=Path(folder).name),
            outlets,
            0,
            True,
        )
        if ok and outlet.strip():
            self.import_paths([folder], outlet=outlet.strip())

    def import_paths(self, paths: list, outlet: str | None = None) -> ImportProgressDialog:
        dialog = ImportProgressDialog(self.ctx, [str(p) for p in paths], self, outlet=outlet)
        dialog.finished_with.connect(self._import_finished)
        self.import_dialog = dialog
        dialog.start()
        dialog.show()
        return dialog

    def _import_finished(self, report: ImportReport) -> None:
        self.last_report = report
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()  # its report is kept: freed once closed
        self.import_dialog = None
        imported = [r.document_id for r in report.results if r.status == "imported"]
        self.refresh_status()
        # The first article, then the report: each in its own event, the
        # report once the window has painted the article (and taken in the
        # import), so the window never stops answering for long at a time.
        if imported and not self.reader.document_id:
            QTimer.singleShot(
                0, self, lambda: self.reader.document_id or self.open_document(imported[0])
            )
        QTimer.singleShot(40, self, lambda: self._show_import_report(report))

    def _show_import_report(self, report: ImportReport) -> ImportReportDialog:
        dialog = ImportReportDialog(report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- exchange: projects, exports ---------------------------------------------------

    def import_project_dialog(self) -> ProjectImportDialog | None:
        """Choose a REFI-QDA project or codebook and import it."""
        if self.library.read_only:
            return None
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a Project"),
            str(last_folder(self.ctx.settings)),
            self.tr(
                "REFI-QDA projects and codebooks (*.qdpx *.qdc);;"
                "REFI-QDA projects (*.qdpx);;REFI-QDA codebooks (*.qdc);;All files (*)"
            ),
        )
        if not chosen:
            return None
        remember_folder(self.ctx.settings, Path(chosen))
        return self.import_project(Path(chosen))

    def import_project(self, path: Path) -> ProjectImportDialog | None:
        """Import ``path`` on a worker; the dialog shows the progress, then
        what the import brought."""
        if self.library.read_only:
            return None
        if self.project_dialog is not None and not self.project_dialog.isVisible():
            self.project_dialog.deleteLater()  # the last one, closed: freed
        dialog = ProjectImportDialog(self.ctx, path, self)
        dialog.finished_with.connect(self._project_imported)
        dialog.failed.connect(self._project_import_failed)
        self.project_dialog = dialog
        dialog.start()
        return dialog

    def _project_imported(self, report: object) -> None:
        created = list(getattr(report, "documents_created", []))
        self.refresh_status()
        if created and not self.reader.document_id:
            self.open_document(created[0])
        self.show_message(
            self.tr("Imported {name}. Undo takes it back.").format(
                name=Path(str(getattr(report, "path", ""))).name
            ),
            10_000,
        )

    def _project_import_failed(self, message: str) -> None:
        self.show_error(message)

    def open_export_dialog(self) -> ExportDialog:
        """The export dialog, over what the window shows now (the article
        in the reader, the articles listed, the tag chosen)."""
        running = self.export_dialog
        if running is not None and running.is_running():
            dialog = running  # one export at a time: show the one under way
        else:
            shown = self.centre.currentWidget() is self.reader_page
            dialog = ExportDialog(
                self.ctx,
                self,
                current_document=self.reader.document_id if shown else 0,
                shown_documents=self.library_panel.visible_document_ids(),
                chosen_tag=self.tags_panel.selected_path(),
            )
            dialog.exported.connect(lambda report, text: self.show_message(text, 15_000))
            if running is not None:
                running.deleteLater()
            self.export_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.library.read_only:
            return
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.library.read_only:
            return
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def reindex(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show_message(self.tr("Rebuilding the search index…"), 0)

        def done(count: object) -> None:
            self.progress.hide()
            self.show_message(self.tr("Search index rebuilt: {n} articles.").format(n=count))

        def failed(error: BaseException) -> None:
            self.progress.hide()
            self.show_error(error)

        self.ctx.workers.run(self.library.reindex, on_done=done, on_error=failed)

    # -- undo ---------------------------------------------------------------------------

    def _kind_name(self, kind: str, label: str) -> str:
        names = {
            "highlight": self.tr("Highlight"),
            "edit_passage": self.tr("Edit Passage"),
            "move_passage": self.tr("Re-attach Passage"),
            "delete_passage": self.tr("Delete Passage"),
            "tag_passage": self.tr("Tag Passage"),
            "untag_passage": self.tr("Remove Tag"),
            "create_tag": self.tr("Create Tag"),
            "rename_tag": self.tr("Rename Tag"),
            "move_tag": self.tr("Move Tag"),
            "merge_tags": self.tr("Merge tags"),
            "delete_tag": self.tr("Delete Tag"),
            "edit_tag": self.tr("Edit Tag"),
            "link": self.tr("Link Passages"),
            "unlink": self.tr("Remove Link"),
            "attribute": self.tr("Set Attribute"),
            "delete_document": self.tr("Delete Article"),
            "autocode": self.tr("Autocode"),
            "code_spans": self.tr("Tag Concordance Lines"),
            "edit_document": self.tr("Edit Article Details"),
            "reimport": self.tr("Re-import"),
            "import_project": self.tr("Import Project"),
            "import_codebook": self.tr("Import Codebook"),
        }
        return names.get(kind, label)

    def _update_undo_actions(self) -> None:
        a = self.actions_
        undo, redo = self.library.next_undo(), self.library.next_redo()
        writable = not self.library.read_only
        a.undo.setEnabled(writable and undo is not None)
        a.redo.setEnabled(writable and redo is not None)
        a.undo.setText(
            self.tr("&Undo {action}").format(action=self._kind_name(undo.kind, undo.label))
            if undo
            else self.tr("&Undo")
        )
        a.redo.setText(
            self.tr("&Redo {action}").format(action=self._kind_name(redo.kind, redo.label))
            if redo
            else self.tr("&Redo")
        )

    def undo(self) -> None:
        try:
            changes = self.library.undo()
        except StorageError as exc:  # not a passing remark: the work was not saved
            self.show_error(exc)
            return
        except KzreaderError as exc:
            self.show_message(str(exc))
            return
        self.show_message(self.tr("Undone: {label}").format(label=changes.label))

    def redo(self) -> None:
        try:
            changes = self.library.redo()
        except StorageError as exc:  # not a passing remark: the work was not saved
            self.show_error(exc)
            return
        except KzreaderError as exc:
            self.show_message(str(exc))
            return
        self.show_message(self.tr("Redone: {label}").format(label=changes.label))

    # -- annotating ---------------------------------------------------------------------

    def _reader_selection(self) -> tuple[int, int, int] | None:
        found = self.reader.selected_range()
        if not found or not self.reader.document_id:
            return None
        return self.reader.document_id, found[0], found[1]

    def _selected_passage(self) -> PassageInfo | None:
        pid = self.reader.selected_passage
        return next((p for p in self.reader.passages if p.id == pid), None)

    def _update_annotation_actions(self) -> None:
        a = self.actions_
        has_doc = bool(self.reader.document_id) and self.centre.currentWidget() is self.reader_page
        selection = self.reader.selected_range() is not None
        passage = self._selected_passage() is not None
        can_change = has_doc and not self.library.read_only
        a.highlight.setEnabled(can_change and selection)
        for action in (a.tag, a.note, a.link):
            action.setEnabled(can_change and (selection or passage))
        a.delete_passage.setEnabled(can_change and passage and not selection)
        pending = self.pending_link is not None
        a.finish_link.setEnabled(pending and can_change and (selection or passage))
        a.cancel_link.setEnabled(pending)
        a.article_details.setEnabled(has_doc)
        a.delete_article.setEnabled(can_change)
        a.find.setEnabled(has_doc)
        a.find_next.setEnabled(has_doc)
        a.find_previous.setEnabled(has_doc)

    # -- moving the focus ---------------------------------------------------------------

    def focus_dock(self, dock: QDockWidget) -> QWidget | None:
        """Show ``dock`` and give the focus to its list (else its first control)."""
        dock.show()
        dock.raise_()
        tab = Qt.FocusPolicy.TabFocus
        controls = [
            w
            for w in dock.widget().findChildren(QWidget)
            if w.isVisibleTo(dock) and (w.focusPolicy() & tab) == tab
        ]
        lists = [w for w in controls if isinstance(w, QAbstractItemView)]
        chosen = (lists or controls or [None])[0]
        if chosen is not None:
            chosen.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return chosen

    def focus_reader(self) -> None:
        if self.centre.currentWidget() is self.reader_page:
            self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.welcome.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_panel(self) -> QWidget | None:
        """The focus to the right-hand panel on top of its tabs."""
        right = Qt.DockWidgetArea.RightDockWidgetArea
        docks = [d for d in self.findChildren(QDockWidget) if self.dockWidgetArea(d) == right]
        shown = [d for d in docks if d.isVisible() and not d.visibleRegion().isEmpty()]
        dock = (shown or docks or [self.annotations_dock])[0]
        return self.focus_dock(dock)

    def _attempt(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except KzreaderError as exc:
            self.show_error(exc)
            return None

    def highlight_selection(self, tags: list[str] | None = None) -> PassageInfo | None:
        found = self.reader.selected_range()
        if found is None:
            return None
        passage = self._attempt(
            self.library.highlight, self.reader.document_id, *found, tags=tags or []
        )
        if passage is not None:
            self.reader.clear_selection()  # the view stays where it is
            self.reader.select_passage(passage.id)
            self.ctx.navigator.passage_selected.emit(passage.id)
            self._update_annotation_actions()
        return passage

    def _target_passage(self) -> PassageInfo | None:
        """The passage to act on: a new one from the selection, else the selected one."""
        if self.reader.selected_range() is not None:
            return self.highlight_selection()
        return self._selected_passage()

    def tag_selection(self) -> None:
        path = TagDialog.get_path(self.ctx, self)
        if not path:
            return
        if self.reader.selected_range() is not None:
            self.highlight_selection(tags=[path])
        elif (passage := self._selected_passage()) is not None:
            self._attempt(self.library.tag_passage, passage.id, path)

    def note_selection(self) -> None:
        passage = self._target_passage()
        if passage is None:
            return
        note = NoteDialog.get_note(passage.exact, passage.note or "", self)
        if note is not None:
            self._attempt(self.library.update_passage, passage.id, note=note)

    def start_link(self) -> None:
        passage = self._target_passage()
        if passage is None:
            return
        self.pending_link = passage
        self.link_banner.start(passage)
        self._update_annotation_actions()
        self.reader.setFocus()

    def finish_link_here(self) -> None:
        if self.pending_link is None:
            return
        found = self.reader.selected_range()
        if found is not None:
            # the selection becomes a passage only with the link: a link
            # given up in the dialog leaves nothing behind
            self._finish_link(self._provisional_passage(*found))
        elif (target := self._selected_passage()) is not None:
            self._finish_link(target)

    def _provisional_passage(self, start: int, end: int) -> PassageInfo:
        """The selected text as the link dialog shows a target (id 0: not stored)."""
        text = self.reader.text
        return PassageInfo(
            id=0, uid="", document_id=self.reader.document_id,
            document_title=self.header.title.text(), start=start, end=end,
            exact=text[start:end], prefix=text[max(0, start - 32) : start],
            suffix=text[end : end + 32], color=None, note=None, status="exact", tags=[],
            created_at="", modified_at="",
        )  # fmt: skip

    def link_by_search(self) -> None:
        if self.pending_link is not None:
            self._finish_link(None)

    def _finish_link(self, target: PassageInfo | None) -> None:
        source = self.pending_link
        if source is None:
            return
        if target is not None and target.id == source.id:
            self.show_message(self.tr("Choose another passage: a passage cannot link to itself."))
            return
        dialog = LinkDialog(self.ctx, source, target, self)
        try:
            if dialog.exec() != LinkDialog.DialogCode.Accepted:
                return
            target_id, relation, direction, note = dialog.values()
        finally:
            dialog.deleteLater()
        if target is not None and target.id == 0:
            link = self._attempt(
                self.library.link_to_span, source.id, target.document_id, target.start,
                target.end, relation, note=note, direction=direction,
            )  # fmt: skip
        else:
            link = self._attempt(
                self.library.link, source.id, target_id, relation, note=note, direction=direction
            )
        if link is not None:
            self.show_message(self.tr("Linked: {relation}.").format(relation=link.relation))
            self.cancel_link()

    def cancel_link(self) -> None:
        self.pending_link = None
        self.link_banner.hide()
        self._update_annotation_actions()

    def _reader_passage_clicked(self, passage_id: int) -> None:
        if self.pending_link is not None and passage_id != self.pending_link.id:
            target = next((p for p in self.reader.passages if p.id == passage_id), None)
            if target is not None:
                self._finish_link(target)
                return
        self.ctx.navigator.passage_selected.emit(passage_id)
        self._update_annotation_actions()

    def _passage_selected_elsewhere(self, passage_id: int) -> None:
        if passage_id and passage_id != self.reader.selected_passage:
            self.reader.select_passage(passage_id)
        self._update_annotation_actions()

    def delete_selected_passage(self) -> None:
        passage = self._selected_passage()
        if passage is None:
            return
        if passage.links:
            answer = QMessageBox.question(
                self,
                self.tr("Delete Passage"),
                self.tr("Delete this passage and its {n} link(s)?").format(n=len(passage.links)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        changes = self._attempt(self.library.delete_passages, [passage.id])
        if changes is not None:
            self.reader.selected_passage = 0
            self.show_message(
                self.tr("Passage deleted ({n} link(s) removed). Undo with {key}.").format(
                    n=changes.links_deleted,
                    key=QKeySequence(QKeySequence.StandardKey.Undo).toString(
                        QKeySequence.SequenceFormat.NativeText
                    ),
                )
            )

    # -- other commands -----------------------------------------------------------------

    def find_in_article(self) -> None:
        if self.reader.document_id:
            self.find_bar.show_and_focus()

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_search()

    def open_preferences(self) -> None:
        dialog = PreferencesDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.preferences_changed)
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About kzreader"),
            self.tr(
                "<h3>kzreader {version}</h3><p>Read, highlight, code, annotate and link news "
                "articles — offline.</p><p>Library: {path}</p>"
            ).format(version=__version__, path=self.library.path),
        )

    def start_background_sync(self) -> None:
        """Bring the search index in step with the database, then run the
        quick check, off the GUI thread. The check comes second so that it
        does not report what the sync is about to set right."""
        self.progress.setRange(0, 0)
        self.progress.show()

        def done(state: object) -> None:
            self.progress.hide()
            if state == "rebuilt":
                self.show_message(self.tr("The search index was rebuilt."))
            elif state == "stale" and self.library.index_problem:
                self.show_message(
                    self.tr("Search may miss recent changes: {problem}").format(
                        problem=self.library.index_problem
                    ),
                    20_000,
                )
            self.start_quick_check()

        def failed(error: BaseException) -> None:
            self.progress.hide()
            self.show_error(error)
            self.start_quick_check()

        self.ctx.workers.run(self.library.sync_index, on_done=done, on_error=failed)

    # -- library care: backups and checks -----------------------------------------------

    def start_quick_check(self) -> Job:
        """The cheap checks of every opening, on a worker; problems found are
        shown in a banner that offers the full check."""
        library = self.library
        return self.ctx.workers.run(
            lambda: quick_check(library),
            on_done=self._quick_checked,
            on_error=self._quick_check_failed,
        )

    def _quick_checked(self, report: CheckReport) -> None:
        self.quick_report = report
        if report.clean:
            return
        summary = CheckWording(self).summary(report)
        self.check_banner.set_text(
            "<b>{}</b> {} {}".format(
                escape(self.tr("The check at opening found problems in this library.")),
                escape(summary + "."),
                escape(self.tr("Check Library looks further and can repair them.")),
            )
        )
        self.check_banner.show()
        message = self.tr("The check at opening found problems: {summary}.")
        self.show_message(message.format(summary=summary), 15_000)

    def _quick_check_failed(self, error: BaseException) -> None:
        message = self.tr("The check at opening could not run: {error}")
        self.show_message(message.format(error=error))

    def open_check_dialog(self) -> CheckDialog:
        """The Check Library dialog, which runs the full check at once."""
        self.check_banner.hide()
        if self.check_dialog is None:
            self.check_dialog = CheckDialog(self.ctx, self)
        dialog = self.check_dialog
        if not dialog.is_running():
            dialog.start()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def back_up_now(self) -> Job:
        """Take a backup on a worker; the status bar names the file."""
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show_message(self.tr("Backing up the library…"), 0)
        return self.ctx.workers.run(
            self.library.backup, on_done=self._backed_up, on_error=self._backup_failed
        )

    def _backed_up(self, path: object) -> None:
        self.progress.hide()
        name = Path(str(path)).name
        self.show_message(self.tr("Backed up to {name}.").format(name=name), 10_000)
        if self.backups_dialog is not None and self.backups_dialog.isVisible():
            self.backups_dialog.refresh(select=Path(str(path)))

    def _backup_failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.show_message("")
        self.show_error(self.tr("The backup failed: {error}").format(error=error))

    def back_up_to_file(self) -> Job | None:
        """Write the whole library into one file chosen by the user, on a
        worker. Allowed read-only: it writes nothing into the library."""
        default = last_folder(self.ctx.settings) / f"kzreader-{today()}.kzbackup"
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back Up to a File"),
            str(default),
            self.tr("kzreader backups (*.kzbackup)"),
        )
        if not chosen:
            return None
        target, added = with_suffix(chosen, ".kzbackup")
        try:
            self.library.check_output(target, "backup file")
        except KzreaderError as exc:
            self.show_error(exc)
            return None
        if added and target.exists():
            question = self.tr("{name} already exists. Replace it?").format(name=target.name)
            if not self.confirm(self.tr("Back Up to a File"), question):
                return None
        remember_folder(self.ctx.settings, target)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show_message(self.tr("Backing up the library to {name}…").format(name=target.name), 0)
        library = self.library
        return self.ctx.workers.run(
            lambda: library.backup(target),
            on_done=self._backed_up_to_file,
            on_error=self._backup_failed,
        )

    def _backed_up_to_file(self, path: object) -> None:
        self.progress.hide()
        message = self.tr("The whole library was backed up to {path}.")
        self.show_message(message.format(path=path), 15_000)

    def restore_from_file(self) -> bool:
        """Choose a backup file, confirm, and let the application restore it
        (``restore_requested``, as for a backup of the library's folder)."""
        if self.library.read_only:
            return False
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a File"),
            str(last_folder(self.ctx.settings)),
            self.tr("kzreader backups (*.kzbackup *.sqlite);;All files (*)"),
        )
        if not chosen:
            return False
        path = Path(chosen)
        question = self.tr(
            "Restore the library from {name}?\n\nThe app will close the library, put this "
            "backup in place of its database and reopen it. What the library holds now will "
            "be replaced by the backup's content; the current database is kept aside in the "
            "library folder, not deleted."
        ).format(name=path.name)
        if not self.confirm(self.tr("Restore from a File"), question):
            return False
        remember_folder(self.ctx.settings, path)
        self._restore_requested(path)
        return True

    def open_backups(self) -> BackupsDialog:
        if self.backups_dialog is None:
            self.backups_dialog = BackupsDialog(self.ctx, self)
            self.backups_dialog.restore_requested.connect(self._restore_requested)
            self.backups_dialog.backed_up.connect(
                lambda path: self.show_message(
                    self.tr("Backed up to {name}.").format(name=Path(str(path)).name), 10_000
                )
            )
        dialog = self.backups_dialog
        dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _restore_requested(self, path: object) -> None:
        importing = (self.import_dialog, self.project_dialog)
        if any(d is not None and d.is_running() for d in importing):
            self.show_error(self.tr("Wait for the import to finish before restoring a backup."))
            return
        self.restore_requested.emit(path)

    def begin_restore(self) -> None:
        """The library is about to be closed and restored: no more input here."""
        self.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show_message(self.tr("Restoring the backup…"), 0)
