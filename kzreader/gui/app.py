"""Starting the desktop app: QApplication, theme, language, window, and the
screenshot mode; a damaged library's backups at start-up; restoring a
backup and reopening the library while the app runs; the files the system
asks the app to open (a double-click in Finder)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kzreader import __version__
from kzreader.core.errors import DamagedLibraryError, KzreaderError
from kzreader.core.library import Library
from kzreader.gui import i18n, theme
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.backups_dialog import backup_file_date
from kzreader.gui.dialogs.damaged_dialog import DamagedLibraryDialog
from kzreader.gui.main_window import MainWindow

#: How the app names itself in the library's lock: a second program that
#: finds the library taken says who has it.
PROGRAM = "the kzreader app"


def open_library(path: str | Path | None, parent: QWidget | None = None) -> Library | None:
    """Open the library for the window. A damaged database shows the
    ``DamagedLibraryDialog`` (restore a backup, or quit) until the library
    opens or the user quits: None then."""
    while True:
        try:
            return Library.open(path, sync_index=False, program=PROGRAM)
        except DamagedLibraryError as exc:
            dialog = DamagedLibraryDialog(exc, PROGRAM, parent)
            if dialog.exec() != DamagedLibraryDialog.DialogCode.Accepted:
                return None


class FileOpener(QObject):
    """The files the system asks the app to open: on macOS, a ``.qdpx``
    project or a text file double-clicked in Finder (or dropped on the Dock
    icon) arrives as a ``QFileOpenEvent`` sent to the application, at start
    as well as later. Files that arrive before the window exists wait for
    it; ``attach`` names what opens them."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.pending: list[Path] = []
        self._open: Callable[[Path], object] | None = None
        self._app = app
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or watched is not self._app:
            return False
        assert isinstance(event, QFileOpenEvent)
        name = event.file() or event.url().toLocalFile()
        if name:
            self.pending.append(Path(name))
            self._deliver()
        return True

    def attach(self, open_file: Callable[[Path], object] | None) -> None:
        self._open = open_file
        self._deliver()

    def close(self) -> None:
        """Stop listening (the app is ending)."""
        self._open = None
        self._app.removeEventFilter(self)
        self.deleteLater()

    def _deliver(self) -> None:
        while self._open is not None and self.pending:
            self._open(self.pending.pop(0))


class Controller(QObject):
    """Owns the main window; rebuilds it when the language or theme changes,
    and over a new library when a backup is restored or the library is
    opened again for changes."""

    def __init__(self, app: QApplication, ctx: AppContext) -> None:
        super().__init__()
        self.app = app
        self.ctx = ctx
        self.language = i18n.install(str(ctx.settings.value("ui/language", "system")))
        self.theme = theme.apply(app, str(ctx.settings.value("ui/theme", "system")))
        #: a backup is being restored: the library is closed meanwhile
        self._restoring = False
        self.window = self._make_window()
        hints = app.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda *_: self.apply_preferences())
        # Everything allocated so far (modules, Qt wrappers, mappers: over
        # 100,000 objects) lives as long as the app. Kept out of the cyclic
        # collector's full passes, which otherwise stall the window for 50 ms
        # or more whenever a large load (10,000 articles) triggers one.
        gc.freeze()

    def _make_window(self) -> MainWindow:
        # The panels' first loads start once the window is built, shown and
        # drawn: on the event loop's second turn, after the paint its showing
        # posted. Beside the article list's load (Python holding the
        # interpreter's lock on a worker) the window took 0.32-0.39 s to
        # build at 100,000 articles, then its first frame as long again.
        workers = self.ctx.workers
        workers.hold()
        QTimer.singleShot(0, workers, lambda: QTimer.singleShot(0, workers, workers.release))
        window = MainWindow(self.ctx)
        window.preferences_changed.connect(self.apply_preferences)
        window.restore_requested.connect(self.restore_backup)
        window.reopen_requested.connect(self.reopen)
        return window

    def open_file(self, path: Path) -> None:
        """Open a file the system handed the app: a REFI-QDA project
        (``.qdpx``) is imported as a project, anything else as articles."""
        window = self.window
        if self.ctx.library.read_only:
            window.show_error(
                self.tr("{name} was not imported: the library is read-only ({reason}).").format(
                    name=path.name, reason=self.ctx.library.read_only_reason
                )
            )
        elif path.suffix.lower() == ".qdpx":
            window.transfers.import_project(path)
        else:
            window.transfers.import_paths([path])
        window.raise_()
        window.activateWindow()

    def apply_preferences(self) -> None:
        settings = self.ctx.settings
        mode = theme.apply(self.app, str(settings.value("ui/theme", "system")))
        language = i18n.install(str(settings.value("ui/language", "system")))
        if mode == self.theme and language == self.language:
            return
        self.theme, self.language = mode, language
        if not self._restoring:  # else the window made after the restore has them
            self._rebuild()

    def _rebuild(self, ctx: AppContext | None = None) -> MainWindow:
        """Replace the window by a new one (over ``ctx`` when given), with the
        same layout, article and visibility."""
        old = self.window
        visible = old.isVisible()
        old.save_layout()
        document = old.reader.document_id
        old.deleteLater()
        old.hide()
        if ctx is not None:
            self.ctx = ctx
        self.window = self._make_window()
        if document and self.ctx.library.has_document(document):
            self.window.open_document(document)
        if visible:
            self.window.show()
        return self.window

    # -- restoring a backup --------------------------------------------------------

    def restore_backup(self, source: Path) -> None:
        """Close the library, put the backup ``source`` in place of its
        database and open it again in a new window.

        Restoring copies the whole database: it runs on a worker while the
        window, disabled, shows that it is busy.
        """
        old_ctx = self.ctx
        library = old_ctx.library
        source = Path(source)
        date = backup_file_date(source)
        self._restoring = True
        self.window.care.begin_restore()
        old_ctx.close()  # waits for the work under way

        def work() -> tuple[Path, Path | None]:
            # no automatic backup on this close: it could rotate away the very
            # backup being restored, and the replaced database is kept aside
            library.close(backup=False)
            return Library.restore_backup(library.path, source, program=PROGRAM)

        old_ctx.workers.run(
            work,
            on_done=lambda result: self._restored(old_ctx, date, result, None),
            on_error=lambda error: self._restored(old_ctx, date, None, error),
        )

    def _restored(
        self,
        old_ctx: AppContext,
        date: str,
        result: tuple[Path, Path] | None,
        error: BaseException | None,
    ) -> None:
        self._restoring = False
        old = old_ctx.library
        library = open_library(old.path)
        if library is None:  # damaged, and the user chose to quit
            self.window.hide()
            self.app.exit(1)
            return
        window = self._rebuild(AppContext(library, old_ctx.settings))
        window.care.start_background_sync()
        if old.last_backup_error:
            window.show_error(
                self.tr("The library was not backed up before the restore: {error}").format(
                    error=old.last_backup_error
                )
            )
        if error is not None or result is None:
            window.show_error(
                self.tr(
                    "The backup could not be restored: {error}. The library is as it was."
                ).format(error=error)
            )
            return
        window.inform(
            self.tr(
                "The backup of {date} was restored. The database it replaced was kept as {kept}."
            ).format(date=date, kept=result[1])
        )

    # -- opening for changes again -------------------------------------------------

    def reopen(self) -> None:
        """Open the read-only library again, for changes, once the program
        that held it has closed it; a new window replaces this one."""
        old = self.ctx.library
        try:
            library = Library(old.path, sync_index=False, program=PROGRAM)
        except KzreaderError as exc:
            self.window.show_error(exc)
            return
        if library.read_only:
            reason = library.read_only_reason
            library.close()
            self.window.show_message(
                self.tr("The library is still read-only: {reason}").format(reason=reason), 10_000
            )
            return
        self.ctx.close()
        old.close()
        window = self._rebuild(AppContext(library, self.ctx.settings))
        window.care.start_background_sync()
        window.show_message(self.tr("The library is open for changes."), 10_000)

    def close(self) -> str | None:
        """Close the library when the app ends; what to tell the user when
        the automatic backup taken on closing failed (None when it did not)."""
        self.ctx.close()
        self.ctx.library.close(spacing=timedelta(0))  # the app closes rarely: always back up
        error = self.ctx.library.last_backup_error
        if not error:
            return None
        return self.tr("kzreader: the library could not be backed up: {error}").format(error=error)


def _parse_size(size: str | None) -> QSize | None:
    if not size:
        return None
    width, _, height = size.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise KzreaderError(f"--size takes WIDTHxHEIGHT, e.g. 1400x900, not '{size}'")
    return QSize(int(width), int(height))


def run(
    library: str | None = None,
    screenshot: str | None = None,
    open_document: int | None = None,
    size: str | None = None,
    settings: QSettings | None = None,
) -> int:
    """Start the app on a library; with ``screenshot``, render the main window
    to that PNG file and exit."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("kzreader")
    app.setApplicationName("kzreader")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(theme.app_icon())
    # from now on a file opened in Finder, while the library opens too, waits for the window
    opener = FileOpener(app)
    try:
        return _start(app, opener, library, screenshot, open_document, size, settings)
    finally:
        opener.close()


def _start(
    app: QApplication,
    opener: FileOpener,
    library: str | None,
    screenshot: str | None,
    open_document: int | None,
    size: str | None,
    settings: QSettings | None,
) -> int:
    wanted = _parse_size(size)
    settings = settings or QSettings()
    try:
        if screenshot:
            lib: Library | None = Library.open(library, sync_index=False, program=PROGRAM)
        else:
            # the dialogs shown before the window speak the user's language
            i18n.install(str(settings.value("ui/language", "system")))
            theme.apply(app, str(settings.value("ui/theme", "system")))
            lib = open_library(library)
    except KzreaderError as exc:
        if screenshot:
            raise
        QMessageBox.critical(None, "kzreader", str(exc))
        return 1
    if lib is None:
        return 1
    ctx = AppContext(lib, settings)
    controller = Controller(app, ctx)
    window = controller.window
    if wanted is not None:
        window.resize(wanted)
    if screenshot:
        return _screenshot(app, ctx, window, Path(screenshot), open_document)
    window.show()
    window.care.start_background_sync()
    if open_document:
        window.open_document(open_document)
    opener.attach(controller.open_file)
    code = app.exec()
    opener.attach(None)
    backup_failure = controller.close()
    if backup_failure:
        # the window is gone: the terminal, if any, is the last place to say it
        print(backup_failure, file=sys.stderr)
    return int(code)


def _screenshot(
    app: QApplication, ctx: AppContext, window: MainWindow, path: Path, document: int | None
) -> int:
    lib = ctx.library
    lib.sync_index()
    window.show()
    if document:
        if not window.open_document(document):
            raise KzreaderError(f"there is no document {document} in this library")
        passages = lib.passages(document_ids=[document])
        if passages:
            ctx.navigator.passage_selected.emit(passages[0].id)
        tags = [t.path for t in lib.tags() if t.total]
        if tags:
            window.tags_panel.select_tag(tags[0])
    for _ in range(3):
        app.processEvents()
        ctx.workers.wait()
    app.processEvents()
    if document and window.reader.passages:
        # show the first highlights a third of the way down
        first = min(window.reader.passages, key=lambda p: p.start)
        window.reader.scroll_to(first.start, first.end)
        app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(path), "PNG")
    window.close()
    ctx.close()
    lib.close()
    if not ok:
        raise KzreaderError(f"could not write the screenshot to {path}")
    return 0
