"""PySide6.QtWidgets for kzreader's bundle: PyInstaller's own hook, with the Qt
plugins and translations the app does not need left out *before* the
analysis follows their libraries (see installers/bundling.py)."""

from bundling import current_system, trim_toc
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = trim_toc(binaries, current_system())
datas = trim_toc(datas, current_system())
