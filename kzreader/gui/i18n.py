"""The user interface's language: English, or French from Qt translation files."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kzreader.paths import resources_dir

LANGUAGES = ("en", "fr")
_installed: list[QTranslator] = []
#: The language install() put in place: English until it is called.
_language = "en"


def resolve(choice: str) -> str:
    """``en`` or ``fr`` for a setting of ``system``, ``en`` or ``fr``."""
    if choice in LANGUAGES:
        return choice
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def language() -> str:
    """The language the interface speaks (``en`` or ``fr``), for the texts
    the core writes (import reasons, reports) to be written in it too."""
    return _language


def install(choice: str) -> str:
    """Install the translators for ``choice``; returns the language in use."""
    global _language
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = resolve(choice)
    _language = language
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return language
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(f"kzreader_{language}", str(resources_dir() / "translations")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    base = QTranslator(app)
    if base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(base)
        _installed.append(base)
    return language
