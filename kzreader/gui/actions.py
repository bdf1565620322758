"""Every command of the main window as a QAction: text, icon, shortcut, tip."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from kzreader.gui.theme import icon


class Actions(QObject):
    """The main window's actions; menus, toolbar and context menus share them."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)

        def make(
            text: str,
            shortcut: str | QKeySequence.StandardKey | list | None = None,
            icon_name: str | None = None,
            tip: str | None = None,
        ) -> QAction:
            action = QAction(text, parent)
            if shortcut is not None:
                if isinstance(shortcut, list):
                    action.setShortcuts(shortcut)
                else:
                    action.setShortcut(QKeySequence(shortcut))
            if icon_name:
                action.setIcon(icon(icon_name))
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            return action

        # File
        self.import_files = make(
            self.tr("&Import Files…"),
            QKeySequence.StandardKey.Open,
            "import",
            self.tr("Import text files into the library"),
        )
        self.import_folder = make(
            self.tr("Import &Folder…"),
            "Ctrl+Shift+O",
            "folder",
            self.tr("Import every .txt and .md file of a folder"),
        )
        self.import_outlet_folder = make(
            self.tr("Import Folder of One &Outlet…"),
            None,
            "folder",
            self.tr("Import a folder whose articles all come from one outlet, and name it"),
        )
        self.import_samples = make(
            self.tr("Import &Sample Articles"),
            None,
            "samples",
            self.tr("Import the five bundled sample articles"),
        )
        self.import_project = make(
            self.tr("Import &Project…"),
            None,
            "import",
            self.tr(
                "Import a REFI-QDA project (.qdpx) or codebook (.qdc) from kzreader or another "
                "QDA program"
            ),
        )
        self.export = make(
            self.tr("&Export…"),
            "Ctrl+E",
            "export",
            self.tr("Export the library, tags or articles for another program, or as a report"),
        )
        self.quit = make(self.tr("&Quit"), QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # Library
        self.back_up = make(
            self.tr("&Back Up Now"),
            None,
            None,
            self.tr("Copy the library's database into its backups folder"),
        )
        self.back_up_to_file = make(
            self.tr("Back Up to a &File…"),
            None,
            None,
            self.tr("Write the whole library into one file, to keep or to open elsewhere"),
        )
        self.restore_from_file = make(
            self.tr("Res&tore from a File…"),
            None,
            None,
            self.tr("Replace the library's database by a backup file (the current one is kept)"),
        )
        self.backups = make(
            self.tr("Bac&kups…"),
            None,
            None,
            self.tr("List the backups, choose how many are kept, restore one"),
        )
        self.check = make(
            self.tr("&Check Library…"),
            None,
            None,
            self.tr("Look for damage and inconsistencies in the library, and repair them"),
        )
        self.reindex = make(
            self.tr("&Rebuild Search Index"),
            None,
            None,
            self.tr("Rebuild the full-text index from the database"),
        )
        self.article_details = make(
            self.tr("Article &Details…"),
            "Ctrl+I",
            None,
            self.tr("Edit the title, outlet, date and attributes of the article shown"),
        )
        self.delete_article = make(
            self.tr("Delete &Article…"),
            None,
            None,
            self.tr("Delete the article shown, with its passages (undoable)"),
        )
        # Edit
        self.undo = make(self.tr("&Undo"), QKeySequence.StandardKey.Undo, "undo")
        self.redo = make(
            self.tr("&Redo"), [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")], "redo"
        )
        self.find = make(
            self.tr("&Find in Article…"),
            QKeySequence.StandardKey.Find,
            "search",
            self.tr("Find words in the article shown"),
        )
        self.find_next = make(self.tr("Find &Next"), QKeySequence.StandardKey.FindNext)
        self.find_previous = make(self.tr("Find Pre&vious"), QKeySequence.StandardKey.FindPrevious)
        self.search = make(
            self.tr("&Search Library…"),
            "Ctrl+Shift+F",
            "search",
            self.tr("Search every article of the library"),
        )
        self.preferences = make(self.tr("&Preferences…"), QKeySequence.StandardKey.Preferences)
        if self.preferences.shortcut().isEmpty():
            self.preferences.setShortcut(QKeySequence("Ctrl+,"))
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        # Annotate
        self.highlight = make(
            self.tr("&Highlight"), "H", "highlight", self.tr("Highlight the selected text (H)")
        )
        self.tag = make(self.tr("&Tag…"), "T", "tag", self.tr("Tag the selection or passage (T)"))
        self.note = make(
            self.tr("&Note…"), "N", "note", self.tr("Write a note on the selection or passage (N)")
        )
        self.link = make(
            self.tr("&Link…"),
            "L",
            "link",
            self.tr("Link this passage to a passage of any article (L)"),
        )
        self.finish_link = make(
            self.tr("&Finish Link Here"),
            "Return",
            "link",
            self.tr("Link the pending passage to this one"),
        )
        self.cancel_link = make(self.tr("Cancel Link"), "Escape")
        self.delete_passage = make(
            self.tr("&Delete Passage"),
            QKeySequence.StandardKey.Delete,
            "delete",
            self.tr("Delete the selected passage"),
        )
        self.next_article = make(self.tr("Next Article"), "Ctrl+Down")
        self.previous_article = make(self.tr("Previous Article"), "Ctrl+Up")
        self.show_breaks = make(
            self.tr("Show &Breaks in Glued Text"),
            None,
            None,
            self.tr("Mark where a web page's text glued a sentence or heading to the next"),
        )
        self.show_breaks.setCheckable(True)
        self.zoom_in = make(
            self.tr("&Larger Text"),
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
            None,
            self.tr("Make the article's text larger"),
        )
        self.zoom_out = make(
            self.tr("&Smaller Text"),
            QKeySequence.StandardKey.ZoomOut,
            None,
            self.tr("Make the article's text smaller"),
        )
        self.zoom_reset = make(
            self.tr("&Actual Size"), "Ctrl+0", None, self.tr("The article's text at its usual size")
        )
        self.column_group = QActionGroup(parent)
        self.columns: dict[str, QAction] = {}
        for name, text, tip in (
            ("narrow", self.tr("&Narrow Column"), self.tr("Short lines, wide margins")),
            ("medium", self.tr("&Medium Column"), self.tr("Lines of a comfortable length")),
            ("wide", self.tr("&Wide Column"), self.tr("Long lines, narrow margins")),
            ("full", self.tr("&Full Width"), self.tr("The text across the whole window")),
        ):
            action = make(text, None, None, tip)
            action.setCheckable(True)
            action.setData(name)
            self.column_group.addAction(action)
            self.columns[name] = action
        self.focus_library = make(
            self.tr("Go to the &Library"), "Ctrl+1", None, self.tr("Move the focus to the articles")
        )
        self.focus_tags = make(
            self.tr("Go to the &Tags"), "Ctrl+2", None, self.tr("Move the focus to the tag tree")
        )
        self.focus_reader = make(
            self.tr("Go to the &Article"), "Ctrl+3", None, self.tr("Move the focus to the text")
        )
        self.focus_panel = make(
            self.tr("Go to the &Panel"),
            "Ctrl+4",
            None,
            self.tr("Move the focus to the panel shown on the right"),
        )
        # Help
        self.about = make(self.tr("&About kzreader"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        # single-key shortcuts act only while the reader has the focus
        for action in (
            self.highlight,
            self.tag,
            self.note,
            self.link,
            self.finish_link,
            self.cancel_link,
            self.delete_passage,
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
