"""Starting the desktop app: QApplication, theme, language, window, and the
screenshot mode."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QSize
from PySide6.QtWidgets import QApplication, QMessageBox

from kzreader import __version__
from kzreader.core.errors import KzreaderError
from kzreader.core.library import Library
from kzreader.gui import i18n, theme
from kzreader.gui.context import AppContext
from kzreader.gui.main_window import MainWindow


class Controller(QObject):
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(self, app: QApplication, ctx: AppContext) -> None:
        super().__init__()
        self.app = app
        self.ctx = ctx
        self.language = i18n.install(str(ctx.settings.value("ui/language", "system")))
        self.theme = theme.apply(app, str(ctx.settings.value("ui/theme", "system")))
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
        window = MainWindow(self.ctx)
        window.preferences_changed.connect(self.apply_preferences)
        return window

    def apply_preferences(self) -> None:
        settings = self.ctx.settings
        mode = theme.apply(self.app, str(settings.value("ui/theme", "system")))
        language = i18n.install(str(settings.value("ui/language", "system")))
        if mode == self.theme and language == self.language:
            return
        self.theme, self.language = mode, language
        old = self.window
        visible = old.isVisible()
        old.save_layout()
        document = old.reader.document_id
        old.deleteLater()
        old.hide()
        self.window = self._make_window()
        if document:
            self.window.open_document(document)
        if visible:
            self.window.show()


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
    wanted = _parse_size(size)
    try:
        lib = Library.open(library, sync_index=False)
    except KzreaderError as exc:
        if screenshot:
            raise
        QMessageBox.critical(None, "kzreader", str(exc))
        return 1
    ctx = AppContext(lib, settings or QSettings())
    controller = Controller(app, ctx)
    window = controller.window
    if wanted is not None:
        window.resize(wanted)
    if screenshot:
        return _screenshot(app, ctx, window, Path(screenshot), open_document)
    window.show()
    window.start_background_sync()
    if open_document:
        window.open_document(open_document)
    code = app.exec()
    ctx.close()
    lib.close()
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
