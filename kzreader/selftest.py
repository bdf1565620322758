"""``kzreader --self-test``: does this installation work?

Run by the installers' builds on each system, and by hand on a researcher's
laptop when something seems wrong. It exercises, offline and without a
display, what a frozen bundle most often gets wrong: the bundled sample
articles and resources are found, import workers start (they are spawned by
running the executable again), langdetect finds its language profiles, the
Whoosh index is written and searched, the SQLite database takes passages,
tags and links, a project is exported, Qt finds its platform, image and icon
plugins and its translations, and the main window is built and drawn.

It works in a temporary library and a temporary settings file, and never
opens the user's library nor reads or writes their settings.

``run_self_test()`` returns a JSON-able report::

    {"ok": true, "version": "0.1.0", "python": "3.11.7", "platform": "...",
     "frozen": false, "seconds": 2.1,
     "steps": [{"name": "import", "ok": true, "seconds": 0.9, "detail": "..."}]}

Steps run in order and stop at the first failure (the later ones depend on
it); a failed step carries the end of its traceback in ``traceback``.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzreader import __version__

if TYPE_CHECKING:
    from kzreader.core.library import Library

#: What the self-test calls itself in the temporary library's lock.
PROGRAM = "the kzreader self-test"
TAG = "Self-test/Tag"
#: A word found in every sample article, and a phrase found in several.
WORD_QUERY = "Kazakhstan"
PHRASE_QUERY = '"maintien de la paix"'
#: Quoted in more than one sample article: the two passages and their link.
QUOTE = "Stanislav Zas"

#: The QApplication the self-test made, kept for the life of the process: Qt
#: allows one per process, and a second one cannot be made once it is gone.
_app: Any = None


class SelfTestError(Exception):
    """A check of the self-test that did not hold; the message says which."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


@dataclass
class _State:
    """What the steps hand each other."""

    workdir: Path
    library: Library | None = None
    #: the annotated articles
    annotated: list[int] = field(default_factory=list)

    @property
    def lib(self) -> Library:
        if self.library is None:
            raise SelfTestError("the library was not opened")
        return self.library


def _bundle(state: _State) -> str:
    from kzreader.paths import resources_dir, sample_articles

    seeds = sample_articles()
    _check(bool(seeds), "the sample articles are missing")
    resources = resources_dir()
    _check((resources / "icons" / "app.svg").is_file(), f"no app icon in {resources}")
    _check(
        (resources / "translations" / "kzreader_fr.qm").is_file(),
        f"no French translation in {resources}",
    )
    return f"{len(seeds)} sample articles in {seeds[0].parent}; resources in {resources}"


def _library(state: _State) -> str:
    from kzreader.core.library import Library

    state.library = Library(state.workdir / "library", program=PROGRAM)
    _check(not state.lib.read_only, f"read-only: {state.lib.read_only_reason}")
    return f"created {state.lib.path}"


def _import(state: _State) -> str:
    from kzreader.core.jobs import import_in_process
    from kzreader.paths import sample_articles, sample_articles_dir

    lib = state.lib
    # as the app imports: in a spawned child process, while this one holds the lock
    report = import_in_process(lib.path, [sample_articles_dir()])
    lib.sync_index()
    expected = len(sample_articles())
    imported = report.count("imported")
    refused = "; ".join(f"{r.path}: {r.reason}" for r in report.refused)
    _check(not refused, f"refused: {refused}")
    _check(imported == expected, f"{imported} of {expected} sample articles imported")
    languages = sorted({d.language or "?" for d in lib.documents()})
    # the samples are French: anything else means langdetect lacks its profiles
    _check(languages == ["fr"], f"languages identified: {languages}, not French")
    return f"{imported} articles imported in a worker process; languages: {', '.join(languages)}"


def _search(state: _State) -> str:
    lib = state.lib
    found = []
    for query in (WORD_QUERY, PHRASE_QUERY):
        results = lib.search(query, limit=10)
        _check(results.total > 0, f"nothing found for {query}")
        _check(bool(results.hits[0].snippet), f"no snippet for {query}")
        found.append(f"{query}: {results.total}")
    return "; ".join(found)


def _annotate(state: _State) -> str:
    lib = state.lib
    hits = lib.search(f'"{QUOTE}"', limit=10).hits
    _check(len(hits) >= 2, f"{QUOTE} is in fewer than two sample articles")
    first = lib.highlight(hits[0].document_id, quote=QUOTE, tags=[TAG])
    second = lib.highlight(
        hits[1].document_id, quote=QUOTE, tags=[TAG], note="The same person, *quoted again*."
    )
    link = lib.link(first.id, second.id, "repeats")
    state.annotated = [first.document_id, second.document_id]
    backlinks = [li for li in lib.links(second.id) if li.side == "in"]
    _check([li.id for li in backlinks] == [link.id], "the link is not seen from its target")
    _check(lib.tag(TAG).total == 2, f"{TAG} does not count both passages")
    _check(lib.tag("Self-test").total == 2, "the parent tag does not count its sub-tag's passages")
    return f"passages {first.id} and {second.id} tagged {TAG}, linked ({link.relation})"


def _export(state: _State) -> str:
    lib = state.lib
    out = state.workdir / "export" / "self-test.qdpx"
    out.parent.mkdir()
    report = lib.export("qdpx", out)
    _check(report.passages == 2 and report.links == 1, "the project lacks the passages or link")
    with zipfile.ZipFile(out) as archive:
        _check("project.qde" in archive.namelist(), "the project has no project.qde")
        project = archive.read("project.qde").decode("utf-8")
    _check(TAG.split("/")[-1] in project, "the exported project lacks the tag")
    return (
        f"REFI-QDA project: {report.documents} documents, {report.passages} passages, "
        f"{report.links} link, {out.stat().st_size} bytes"
    )


def _translations(state: _State) -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from kzreader.paths import resources_dir

    ours = QTranslator()
    _check(
        ours.load("kzreader_fr", str(resources_dir() / "translations")),
        "kzreader_fr.qm does not load",
    )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    _check(qt.load("qtbase_fr", qt_dir), f"Qt's qtbase_fr.qm is not in {qt_dir}")
    return f"kzreader_fr and qtbase_fr ({qt_dir})"


def _gui(state: _State) -> str:
    global _app
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication, QImageReader
    from PySide6.QtWidgets import QApplication

    from kzreader.gui import theme
    from kzreader.gui.app import Controller
    from kzreader.gui.context import AppContext

    app = QApplication.instance()
    if app is None:
        _app = app = QApplication(sys.argv[:1])
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    _check("svg" in formats, "Qt's SVG image plugin is missing")
    _check(not theme.app_icon().isNull(), "the app icon cannot be drawn")
    settings = QSettings(str(state.workdir / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "en")
    settings.setValue("ui/theme", "light")
    ctx = AppContext(state.lib, settings)
    controller = Controller(app, ctx)  # type: ignore[arg-type]
    window = controller.window
    try:
        window.resize(1200, 800)
        window.show()
        _check(window.open_document(state.annotated[0]), "the reader cannot open an article")
        for _ in range(3):
            app.processEvents()
            ctx.workers.wait()
        _check(bool(window.reader.passages), "the reader shows no passage")
        picture = window.grab()
        _check(not picture.isNull(), "the window cannot be drawn")
        size = f"{picture.width()}x{picture.height()}"
    finally:
        window.close()
        ctx.close()
        window.deleteLater()
        app.processEvents()
    platform_name = QGuiApplication.platformName()
    return f"main window built and drawn ({size}) on the {platform_name} platform"


STEPS: list[tuple[str, Callable[[_State], str]]] = [
    ("bundle", _bundle),
    ("library", _library),
    ("import", _import),
    ("search", _search),
    ("passages", _annotate),
    ("export", _export),
    ("translations", _translations),
    ("gui", _gui),
]


def run_self_test() -> dict[str, Any]:
    """Run every step in a temporary library; the report described above."""
    # no display needed, and no window shown on one that is there
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    steps: list[dict[str, Any]] = []
    workdir = Path(tempfile.mkdtemp(prefix="kzreader-self-test-"))
    state = _State(workdir=workdir)
    try:
        for name, step in STEPS:
            begun = time.perf_counter()
            entry: dict[str, Any] = {"name": name, "ok": True}
            try:
                entry["detail"] = step(state)
            except Exception as exc:
                entry["ok"] = False
                entry["detail"] = f"{type(exc).__name__}: {exc}"
                entry["traceback"] = traceback.format_exc(limit=-6)
            entry["seconds"] = round(time.perf_counter() - begun, 3)
            steps.append(entry)
            if not entry["ok"]:
                break
    finally:
        if state.library is not None:
            state.library.close(backup=False)
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "ok": len(steps) == len(STEPS) and all(s["ok"] for s in steps),
        "version": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "steps": steps,
        "seconds": round(time.perf_counter() - started, 3),
    }
