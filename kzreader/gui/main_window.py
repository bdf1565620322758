"""The main window: the reader and its docks, the article shown, undo, the
read-only state, and the wiring of the window's own actions. Annotating
(``Annotator``), imports and exports (``Transfers``) and backups and checks
(``LibraryCare``) are helpers it holds; they wire their own actions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kzreader import __version__
from kzreader.core.documents import title_line
from kzreader.core.errors import KzreaderError, StorageError
from kzreader.core.types import ChangeSet, DocumentView
from kzreader.gui import operations
from kzreader.gui.actions import Actions
from kzreader.gui.context import AppContext
from kzreader.gui.corpus_docks import CorpusDocks
from kzreader.gui.dialogs.preferences_dialog import PreferencesDialog
from kzreader.gui.document_editing import DocumentEditor
from kzreader.gui.find_bar import FindBar
from kzreader.gui.link_banner import LinkBanner
from kzreader.gui.panels.annotations_panel import AnnotationsPanel
from kzreader.gui.panels.library_panel import LibraryPanel
from kzreader.gui.panels.notes_panel import NotesPanel
from kzreader.gui.panels.orphans_panel import OrphansPanel
from kzreader.gui.panels.reuse_panel import ReusePanel
from kzreader.gui.panels.search_panel import SearchPanel
from kzreader.gui.panels.tag_passages_panel import TagPassagesPanel
from kzreader.gui.panels.tags_panel import TagsPanel
from kzreader.gui.read_only import read_only_cause, read_only_explanation
from kzreader.gui.reader import DEFAULT_COLUMN, DEFAULT_FONT_SIZE, ReaderView
from kzreader.gui.reader_controller import ReaderController
from kzreader.gui.reader_header import ReaderHeader
from kzreader.gui.reader_margin import reuse_row
from kzreader.gui.theme import app_icon
from kzreader.gui.welcome import WelcomePage
from kzreader.gui.window_annotating import Annotator
from kzreader.gui.window_care import LibraryCare
from kzreader.gui.window_menus import (
    build_banners,
    build_menus,
    build_reader_menu,
    build_status,
    update_undo_actions,
)
from kzreader.gui.window_transfer import Transfers
from kzreader.gui.workers import Job

SETTINGS_SHOW_BREAKS = "reader/show_breaks"
SETTINGS_FONT_SIZE = "reader/font_size"
SETTINGS_COLUMN = "reader/column"
#: Qt's widest widget size (QWIDGETSIZE_MAX), for a header with no bound
UNBOUNDED = 16_777_215
#: Tables whose changes repaint the article shown.
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
        self.setObjectName("mainWindow")
        self.set_title()
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(not self.library.read_only)
        self.actions_ = Actions(self)
        self.document_editor = DocumentEditor(ctx, self)
        # each helper wires its own actions; the annotator also the reader's signals
        self.transfers = Transfers(self)
        self.care = LibraryCare(self)
        self._build_centre()
        self._build_docks()
        self.annotator = Annotator(self)
        build_menus(self)
        build_status(self)
        self._connect()
        self._restore_layout()
        self.refresh_status()  # Undo and Redo with the counts, from one read
        self._apply_read_only()
        self.annotator.update_actions()
        self._show_start_page()

    # -- construction ---------------------------------------------------------------

    def _build_centre(self) -> None:
        a = self.actions_
        self.reader = ReaderView()
        self.reader.use_context(self.ctx)
        self.reader.set_show_breaks(self.ctx.settings.value(SETTINGS_SHOW_BREAKS, True, type=bool))
        size = self.ctx.settings.value(SETTINGS_FONT_SIZE, DEFAULT_FONT_SIZE, type=float)
        self.reader.set_font_size(float(size))  # type: ignore[arg-type]
        self.reader.set_column(str(self.ctx.settings.value(SETTINGS_COLUMN, DEFAULT_COLUMN)))
        a.columns[self.reader.column()].setChecked(True)
        self.header = ReaderHeader()
        self.reader_controller = ReaderController(self.ctx, self.reader, self.header)
        self.reader_controller.failed.connect(self.show_message)
        self.find_bar = FindBar()
        self.find_bar.attach(self.reader)
        self.find_bar.hide()
        self.link_banner = LinkBanner()
        header_row = QHBoxLayout()
        header_row.setContentsMargins(24, 0, 24, 0)
        header_row.addStretch(1)
        header_row.addWidget(self.header, 100)
        header_row.addStretch(1)
        self.header.setMaximumWidth(self.reader.column_width() or UNBOUNDED)
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
        build_banners(self)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.check_banner)
        column.addWidget(self.centre, 1)
        self.setCentralWidget(central)
        build_reader_menu(self)

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
        self.notes_panel = NotesPanel(ctx)
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
        self.notes_dock = add("notesDock", self.tr("Notes"), self.notes_panel, right)
        self.splitDockWidget(self.library_dock, self.tags_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.annotations_dock, self.search_dock)
        self.tabifyDockWidget(self.search_dock, self.tag_passages_dock)
        self.tabifyDockWidget(self.tag_passages_dock, self.orphans_dock)
        self.tabifyDockWidget(self.orphans_dock, self.reuse_dock)
        self.tabifyDockWidget(self.reuse_dock, self.notes_dock)
        self.annotations_dock.raise_()
        self.resizeDocks(
            [self.library_dock, self.annotations_dock], [380, 440], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.library_dock, self.tags_dock], [420, 260], Qt.Orientation.Vertical)
        self.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.North)
        self.corpus = CorpusDocks(self)

    def _connect(self) -> None:
        a, nav = self.actions_, self.ctx.navigator
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
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.find.triggered.connect(self.find_in_article)
        a.find_next.triggered.connect(self.find_bar.next)
        a.find_previous.triggered.connect(self.find_bar.previous)
        a.search.triggered.connect(self.focus_search)
        a.preferences.triggered.connect(self.open_preferences)
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
        self.reader.reuse_clicked.connect(self._compare_reuse)
        self.reuse_panel.listed.connect(lambda _n: self.reader.margin.reload_reuse())
        a.show_breaks.setChecked(self.reader.shows_breaks())
        a.show_breaks.toggled.connect(self._show_breaks)
        a.zoom_in.triggered.connect(lambda: self.zoom(1.0))
        a.zoom_out.triggered.connect(lambda: self.zoom(-1.0))
        a.zoom_reset.triggered.connect(lambda: self.zoom(None))
        a.column_group.triggered.connect(lambda action: self.set_column(action.data()))
        self.ctx.bridge.changed.connect(self._library_changed)

    def zoom(self, step: float | None) -> float:
        """The reader's text a step larger or smaller (``None``: its usual
        size), remembered for the next start."""
        current = self.reader.font_size()
        size = self.reader.set_font_size(DEFAULT_FONT_SIZE if step is None else current + step)
        self.ctx.settings.setValue(SETTINGS_FONT_SIZE, size)
        self.show_message(self.tr("Text size: {points} pt").format(points=f"{size:g}"), 2000)
        return size

    def set_column(self, name: str) -> None:
        """The text column narrow, medium, wide or across the window, the
        header above it as wide, remembered for the next start."""
        name = self.reader.set_column(name)
        self.actions_.columns[name].setChecked(True)
        self.header.setMaximumWidth(self.reader.column_width() or UNBOUNDED)
        self.ctx.settings.setValue(SETTINGS_COLUMN, name)

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
        importing = self.transfers.import_dialog
        if importing is not None and importing.isVisible():
            importing.cancel()
        self.save_layout()
        self.ctx.operations.wait()
        self.ctx.workers.wait()
        super().closeEvent(event)

    def _show_start_page(self) -> None:
        last = int(self.ctx.settings.value("session/document", 0) or 0)
        if last and self.library.has_document(last):
            self.open_document(last)
        else:
            self.centre.setCurrentWidget(self.welcome)

    # -- status -------------------------------------------------------------------------

    def refresh_status(self) -> None:
        """The counts, the welcome text and Undo/Redo, from one read."""
        state = self.library.state()
        self.status_label.setText(
            self.tr("{docs} articles · {passages} passages").format(
                docs=state.documents, passages=state.passages
            )
        )
        self.welcome.set_empty(state.documents == 0)
        update_undo_actions(self, state)

    def show_message(self, text: str, msecs: int = 6000) -> None:
        self.statusBar().showMessage(text, msecs)

    def show_error(self, error: BaseException | str) -> None:
        operations.show_error(self, error, self.tr("kzreader"))

    def inform(self, text: str) -> None:
        """A message to read before going on (tests replace it)."""
        operations.inform(self, self.tr("kzreader"), text)

    def confirm(self, title: str, text: str) -> bool:
        """A yes-or-no question (tests replace it)."""
        return operations.confirm(self, title, text)

    def set_title(self, title: str = "") -> None:
        """The window title: the article's, and whether the library is read-only."""
        text = f"{title} — kzreader" if title else "kzreader"
        if self.library.read_only:
            text = self.tr("{title} (read-only)").format(title=text)
        self.setWindowTitle(text)

    # -- read-only ----------------------------------------------------------------------

    def _apply_read_only(self) -> None:
        """Show the banner and turn off every change when the library is read-only."""
        if not self.library.read_only:
            return
        self.read_only_banner.set_text(
            "<b>{}</b> {} {}".format(
                escape(self.tr("This library is read-only.")),
                escape(read_only_explanation(self.library)),
                escape(
                    self.tr(
                        "You can read, search, follow links and export; changes are turned off."
                    )
                ),
            )
        )
        self.try_again_button.setVisible(
            read_only_cause(self.library) in ("owner", "other", "disk-full")
        )
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
        self.annotator.update_actions()
        return True

    def open_passage(self, document_id: int, passage_id: int) -> None:
        if self.reader.document_id != document_id and not self.open_document(document_id):
            return
        if self.reader.select_passage(passage_id, flash=True):
            self.ctx.navigator.passage_selected.emit(passage_id)
        else:
            self.show_message(self.tr("This passage is orphaned: it has no place in the text."))
        self.annotator.update_actions()

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
        self.reader_controller.refresh()

    def is_settled(self) -> bool:
        """No edit under way and the reader up to date with the library."""
        return not self.ctx.operations.busy() and not self.reader_controller.pending()

    def _compare_reuse(self, alignment: object) -> None:
        try:
            self.reuse_panel.compare(reuse_row(self.library, alignment))  # type: ignore[arg-type]
        except KzreaderError as exc:
            self.show_error(exc)

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
        if doc and "documents" in changes.tables and not self.library.has_document(doc):
            self.reader.clear_document()
            self.header.clear()
            self.ctx.navigator.document_shown.emit(0)
            self.centre.setCurrentWidget(self.welcome)
        elif doc and doc in changes.reindexed:
            self._reload_current(full=True)
        elif doc and changes.tables & ANNOTATION_TABLES:
            self._reload_current(full=False)
        if "passages" in changes.tables:
            self.annotator.reload_pending_link()
        self.refresh_status()
        self.annotator.update_actions()

    # -- dropped files ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.transfers.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.transfers.drop(event)

    # -- undo ---------------------------------------------------------------------------

    def undo(self) -> Job:
        return self._history_step(self.library.undo, self.tr("Undone: {label}"))

    def redo(self) -> Job:
        return self._history_step(self.library.redo, self.tr("Redone: {label}"))

    def _history_step(self, step: Callable[[], ChangeSet], done: str) -> Job:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, StorageError):  # not a passing remark: the work was not saved
                self.show_error(exc)
            else:
                self.show_message(str(exc))

        return self.ctx.operations.run(
            step,
            parent=self,
            on_done=lambda changes: self.show_message(done.format(label=changes.label)),
            on_error=failed,
        )

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
