"""The main window's chrome, built from its actions: the menus, tool bar and
status bar, the reader's context menu, the notice banners above the article,
and the Undo/Redo items named after the next step. Their texts keep the
window's translation context, ``MainWindow``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QToolBar

from kzreader.core.types import LibraryState
from kzreader.gui.notice_banner import NoticeBanner

if TYPE_CHECKING:
    from kzreader.gui.main_window import MainWindow

translate = QCoreApplication.translate


def fill_menu(menu: QMenu | QToolBar, actions: tuple) -> None:
    """Add actions to a menu or toolbar; ``None`` adds a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def build_reader_menu(window: MainWindow) -> None:
    """The Annotate actions on the reader: their shortcuts, and its context menu."""
    a = window.actions_
    for action in (
        a.highlight,
        a.tag,
        a.note,
        a.link,
        a.finish_link,
        a.cancel_link,
        a.delete_passage,
    ):
        window.reader.addAction(action)
    window.reader.context_actions = [
        a.highlight,
        a.tag,
        a.note,
        a.link,
        a.finish_link,
        None,
        a.delete_passage,
    ]


def build_menus(window: MainWindow) -> None:
    """The menu bar and the main tool bar (``window.toolbar``)."""
    a = window.actions_
    bar = window.menuBar()
    fill_menu(
        bar.addMenu(translate("MainWindow", "&File")),
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
        bar.addMenu(translate("MainWindow", "&Edit")),
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
        bar.addMenu(translate("MainWindow", "&Library")),
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
    fill_menu(bar.addMenu(translate("MainWindow", "&Annotate")), (
        a.highlight, a.tag, a.note, a.link, a.finish_link, a.cancel_link, None,
        a.delete_passage,
    ))  # fmt: skip
    view = bar.addMenu(translate("MainWindow", "&View"))
    view.addAction(a.previous_article)
    view.addAction(a.next_article)
    view.addSeparator()
    view.addAction(a.show_breaks)
    for action in (a.zoom_in, a.zoom_out, a.zoom_reset):
        view.addAction(action)
    columns = view.addMenu(translate("MainWindow", "Text &Column"))
    columns.addActions(list(a.columns.values()))
    view.addSeparator()
    for action in (a.focus_library, a.focus_tags, a.focus_reader, a.focus_panel):
        view.addAction(action)
    view.addSeparator()
    for dock in (
        window.library_dock,
        window.tags_dock,
        window.annotations_dock,
        window.tag_passages_dock,
        window.search_dock,
        window.orphans_dock,
        window.reuse_dock,
        window.notes_dock,
    ):
        view.addAction(dock.toggleViewAction())
    view.addSeparator()
    for dock in window.corpus.docks:
        view.addAction(dock.toggleViewAction())
    help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(a.about)
    toolbar = QToolBar(translate("MainWindow", "Main toolbar"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    fill_menu(toolbar, (
        a.import_files, None, a.undo, a.redo, None, a.highlight, a.tag, a.note, a.link, None,
        a.search,
    ))  # fmt: skip
    window.addToolBar(toolbar)
    window.toolbar = toolbar


def build_status(window: MainWindow) -> None:
    """The status bar's counts (``window.status_label``) and its progress bar
    (``window.progress``) for work on a worker."""
    window.status_label = QLabel()
    window.progress = QProgressBar()
    window.progress.setMaximumWidth(180)
    window.progress.setTextVisible(False)
    window.progress.hide()
    window.statusBar().addPermanentWidget(window.progress)
    window.statusBar().addPermanentWidget(window.status_label)


def build_banners(window: MainWindow) -> None:
    """The read-only banner and the banner of the check at opening, above
    the article or the welcome page; both stay until acted on."""
    window.read_only_banner = NoticeBanner("readOnlyBanner")
    window.try_again_button = window.read_only_banner.add_button(
        translate("MainWindow", "Try Again"),
        translate("MainWindow", "Open the library for changes, if the other program has closed it"),
        window.reopen_requested.emit,
    )
    window.check_banner = NoticeBanner("checkBanner")
    window.check_banner.add_button(
        translate("MainWindow", "Check Library…"),
        translate("MainWindow", "Run the full check and repair what it finds"),
        window.care.open_check_dialog,
    )
    window.check_banner.add_button(
        translate("MainWindow", "Dismiss"),
        translate("MainWindow", "Hide this message"),
        window.check_banner.hide,
    )


def undo_step_name(kind: str, label: str) -> str:
    """The name of an undo step of this kind in the Undo/Redo items (else
    the core's label)."""
    names = {
        "highlight": translate("MainWindow", "Highlight"),
        "edit_passage": translate("MainWindow", "Edit Passage"),
        "move_passage": translate("MainWindow", "Re-attach Passage"),
        "delete_passage": translate("MainWindow", "Delete Passage"),
        "tag_passage": translate("MainWindow", "Tag Passage"),
        "untag_passage": translate("MainWindow", "Remove Tag"),
        "create_tag": translate("MainWindow", "Create Tag"),
        "rename_tag": translate("MainWindow", "Rename Tag"),
        "move_tag": translate("MainWindow", "Move Tag"),
        "merge_tags": translate("MainWindow", "Merge tags"),
        "delete_tag": translate("MainWindow", "Delete Tag"),
        "edit_tag": translate("MainWindow", "Edit Tag"),
        "link": translate("MainWindow", "Link Passages"),
        "unlink": translate("MainWindow", "Remove Link"),
        "edit_link": translate("MainWindow", "Edit Link Note"),
        "attribute": translate("MainWindow", "Set Attribute"),
        "delete_document": translate("MainWindow", "Delete Article"),
        "autocode": translate("MainWindow", "Autocode"),
        "code_spans": translate("MainWindow", "Tag Concordance Lines"),
        "edit_document": translate("MainWindow", "Edit Article Details"),
        "reimport": translate("MainWindow", "Re-import"),
        "import_project": translate("MainWindow", "Import Project"),
        "import_codebook": translate("MainWindow", "Import Codebook"),
    }
    return names.get(kind, label)


def update_undo_actions(window: MainWindow, state: LibraryState | None = None) -> None:
    """Undo and Redo enabled when there is a step to take, named after it."""
    a = window.actions_
    state = state or window.library.state()
    undo, redo = state.next_undo, state.next_redo
    writable = not window.library.read_only
    a.undo.setEnabled(writable and undo is not None)
    a.redo.setEnabled(writable and redo is not None)
    a.undo.setText(
        translate("MainWindow", "&Undo {action}").format(
            action=undo_step_name(undo.kind, undo.label)
        )
        if undo
        else translate("MainWindow", "&Undo")
    )
    a.redo.setText(
        translate("MainWindow", "&Redo {action}").format(
            action=undo_step_name(redo.kind, redo.label)
        )
        if redo
        else translate("MainWindow", "&Redo")
    )
