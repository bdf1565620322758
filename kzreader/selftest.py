"""``kzreader --self-test``: does this installation work?

Run by the installers' builds on each system, and by hand on a researcher's
laptop when something seems wrong. It exercises, offline and without a
display, what a frozen bundle most often gets wrong: the bundled sample
articles and resources are found, import workers start (they are spawned by
running the executable again), langdetect finds its language profiles, the
Whoosh index is written and searched, the SQLite database takes passages,
tags and links, a project is exported, Qt finds its platform, image and icon
plugins, its translations and French collation, and the main window is
built and drawn; reuse detection (numpy and rapidfuzz) aligns a passage two
outlets share and groups the quotation in it.

It also checks what differs most between systems: the temporary library
lives in a folder whose name has spaces and accents (``Élodie Müller``,
like a Windows profile); the user's library would be in the system's
per-user data folder (``%LOCALAPPDATA%`` on Windows); a file saved with
Windows line ends (CRLF) is imported with plain ones; a second process
finds the library locked by the operating system and says by whom; and a
file dropped onto the window reaches the import with its path intact.

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
from kzreader.selftest_samples import (
    COLLATED,
    CRLF_FILE,
    CRLF_TEXT,
    CRLF_WORD,
    REUSE_ARTICLES,
    REUSE_PASSAGE,
    REUSE_QUOTE,
    REUSE_WORDS,
    WEB_PAGE,
)

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
#: The folders the temporary library and the user's files go in: a space and
#: accents, as in ``C:\\Users\\Élodie Müller\\Documents``.
USER_FOLDER = "Élodie Müller"
DOCUMENTS = "Documents"
#: What the second process calls itself when it finds the library locked.
SECOND_PROGRAM = "a second kzreader"

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
    #: the CRLF article: the file, and its document once imported
    crlf_file: Path | None = None
    crlf_document: int | None = None
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

    # in a folder named like a Windows profile: a space and accents
    folder = state.workdir / USER_FOLDER / "kzreader library"
    state.library = Library(folder, program=PROGRAM)
    _check(not state.lib.read_only, f"read-only: {state.lib.read_only_reason}")
    _check(state.lib.path.name == folder.name, f"opened {state.lib.path}, not {folder}")
    return f"created {state.lib.path}"


def _user_library(state: _State) -> str:
    """Where the user's own library is (never opened here): on Windows,
    %LOCALAPPDATA%\\kzreader\\library unless KZREADER_LIBRARY names another."""
    from kzreader.paths import ENV_LIBRARY, default_library_dir

    where = default_library_dir()
    named = os.environ.get(ENV_LIBRARY)
    if named:
        _check(where == Path(named).expanduser(), f"{ENV_LIBRARY} is not honoured: {where}")
        return f"{where} (from {ENV_LIBRARY})"
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        expected = Path(local) / "kzreader" / "library"
        _check(bool(local), "LOCALAPPDATA is not set")
        _check(
            os.path.normcase(where) == os.path.normcase(expected),
            f"the library would be in {where}, not in %LOCALAPPDATA% ({expected})",
        )
        return f"{where} (%LOCALAPPDATA%)"
    _check(where.is_absolute() and where.name == "library", f"an odd library folder: {where}")
    return str(where)


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
    page = out.with_suffix(".html")
    lib.export("html", page, language="fr")
    html = page.read_text("utf-8")
    _check('lang="fr"' in html, "the French report does not say it is French")
    _check("<em>quoted again</em>" in html, "the report's notes are not rendered as Markdown")
    return (
        f"REFI-QDA project: {report.documents} documents, {report.passages} passages, "
        f"{report.links} link, {out.stat().st_size} bytes; French HTML report, "
        f"{page.stat().st_size} bytes"
    )


def _crlf(state: _State) -> str:
    """A file with Windows line ends, in a folder with a space and accents,
    is imported with plain ones, and found and highlighted."""
    lib = state.lib
    documents = state.workdir / USER_FOLDER / DOCUMENTS
    documents.mkdir(parents=True, exist_ok=True)
    path = documents / CRLF_FILE
    path.write_bytes(CRLF_TEXT.encode("utf-8"))
    state.crlf_file = path
    report = lib.import_paths([path])
    results = [r for r in report.results if r.status == "imported"]
    _check(len(results) == 1, f"not imported: {[(r.status, r.reason) for r in report.results]}")
    document_id = results[0].document_id
    assert document_id is not None
    state.crlf_document = document_id
    text = lib.document(document_id).text
    _check("\r" not in text, "carriage returns were kept in the text")
    _check(f"arrive à {CRLF_WORD} demain.\n" in text or text.endswith(f"{CRLF_WORD} demain."),
           "the text lost its line breaks")  # fmt: skip
    lib.sync_index()
    hits = lib.search(CRLF_WORD, limit=5).hits
    _check([h.document_id for h in hits] == [document_id], f"{CRLF_WORD} is not found")
    passage = lib.highlight(document_id, quote=f"arrive à {CRLF_WORD}")
    _check(text[passage.start : passage.end] == f"arrive à {CRLF_WORD}", "the passage is offset")
    return f"{path.name} ({len(CRLF_TEXT)} characters with CRLF) imported, found and highlighted"


def _web_page(state: _State) -> str:
    """A saved web page gives its article, title, outlet and date, not its markup."""
    path = state.workdir / "Courrier des Steppes – Almaty.html"
    path.write_text(WEB_PAGE, "utf-8")
    report = state.lib.import_paths([path])
    results = [r for r in report.results if r.status == "imported"]
    _check(len(results) == 1, f"not imported: {[(r.status, r.reason) for r in report.results]}")
    assert results[0].document_id is not None
    view = state.lib.document(results[0].document_id)
    _check("<" not in view.text and "dataLayer" not in view.text, "markup was kept in the text")
    _check("derniers soldats" in view.text, "the article's text is missing")
    _check(view.info.title == "Almaty : la mission se retire", f"title {view.info.title!r}")
    _check(view.info.source == "Le Courrier des Steppes", f"outlet {view.info.source!r}")
    _check((view.info.published or "").startswith("2022-01-13"), "the date was not read")
    return f"{path.name}: “{view.info.title}”, {view.info.source}, {view.info.published}"


def _documents(state: _State) -> str:
    """A Word document gives its title and paragraphs; a PDF without a text
    layer is refused, saying so (pypdf and python-docx are in the bundle)."""
    import docx  # type: ignore[import-untyped]
    from pypdf import PdfWriter

    word = docx.Document()
    word.core_properties.title = "Almaty : les patrouilles cessent"
    word.add_paragraph("Les patrouilles ont cessé jeudi dans les rues de la ville.")
    word.add_paragraph("La vie reprend son cours dans la capitale économique du pays.")
    word_path = state.workdir / "patrouilles.docx"
    word.save(str(word_path))
    scan = PdfWriter()
    scan.add_blank_page(width=595, height=842)
    scan_path = state.workdir / "scan.pdf"
    with scan_path.open("wb") as out:
        scan.write(out)
    report = state.lib.import_paths([word_path, scan_path])
    by_name = {Path(r.path).name: r for r in report.results}
    imported = by_name["patrouilles.docx"]
    _check(imported.status == "imported", f"the Word document: {imported.reason}")
    assert imported.document_id is not None
    view = state.lib.document(imported.document_id)
    _check(view.info.title == "Almaty : les patrouilles cessent", f"title {view.info.title!r}")
    _check("capitale économique" in view.text, "the Word document's text is missing")
    refused = by_name["scan.pdf"]
    _check(refused.status == "refused" and "text layer" in (refused.reason or ""), "the scan")
    return "a Word document imported, a PDF without text refused"


def _reuse(state: _State) -> str:
    """Reuse detection (numpy's arrays, rapidfuzz's distances): two articles
    of two outlets sharing a passage are aligned at its exact offsets, the
    earlier one first, and the quotation in it is grouped across both."""
    lib = state.lib
    folder = state.workdir / USER_FOLDER / DOCUMENTS
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in REUSE_ARTICLES:
        paths.append(folder / name)
        paths[-1].write_text(text, "utf-8")
    report = lib.import_paths(paths)
    ids = [r.document_id for r in report.results if r.document_id and r.status == "imported"]
    _check(len(ids) == 2, f"not imported: {[(r.status, r.reason) for r in report.results]}")
    first, second = (lib.document(i) for i in ids)
    _check(
        bool(first.info.source) and first.info.source != second.info.source,
        f"not two outlets: {first.info.source!r} and {second.info.source!r}",
    )
    run = lib.detect_reuse()
    _check(run.documents >= 2 and not run.cancelled, f"detection analysed {run.documents}")
    found = lib.reuse(scope="across", document_id=first.info.id, refresh=False)
    pairs = [al for al in found.alignments if {al.a.document_id, al.b.document_id} == set(ids)]
    _check(len(pairs) == 1, f"{len(pairs)} alignments of the two articles: {found.alignments}")
    pair = pairs[0]
    _check(pair.order == "a-first" and pair.a.document_id == first.info.id,
           f"the earlier article is not first: {pair}")  # fmt: skip
    for side, view in ((pair.a, first), (pair.b, second)):
        start = view.text.index(REUSE_PASSAGE)
        _check(
            (side.start, side.end) == (start, start + len(REUSE_PASSAGE)),
            f"document {view.info.id}: aligned [{side.start}, {side.end}), the passage is at "
            f"[{start}, {start + len(REUSE_PASSAGE)}): {view.text[side.start : side.end]!r}",
        )
    _check(pair.words == REUSE_WORDS, f"{pair.words} words aligned, not {REUSE_WORDS}")
    groups = [g for g in lib.quotes(document_id=first.info.id) if set(ids) <= set(g.documents)]
    _check(len(groups) == 1, f"the shared quotation is in {len(groups)} groups")
    quoted = groups[0].quotes
    _check(all(q.text == REUSE_QUOTE for q in quoted), f"quotations: {[q.text for q in quoted]}")
    _check(groups[0].first is not None and groups[0].first.document_id == first.info.id,
           "the quotation's first appearance is not the earlier article")  # fmt: skip
    import numpy

    return (
        f"{pair.words} words shared by {first.info.source} and {second.info.source}: "
        f"[{pair.a.start}, {pair.a.end}) and [{pair.b.start}, {pair.b.end}), "
        f"similarity {pair.similarity:.2f}, {pair.order}; {run.documents} documents "
        f"analysed in {run.seconds:.2f} s (numpy {numpy.__version__}); a quotation of "
        f"{len(REUSE_QUOTE.split())} words in {len(quoted)} articles"
    )


def _second_instance(library: str, out: Any) -> None:
    """In a spawned process: open the library as a second program would."""
    from kzreader.core.library import Library

    try:
        other = Library(library, program=SECOND_PROGRAM, sync_index=False)
        try:
            out.put((other.read_only, other.read_only_cause, other.read_only_reason))
        finally:
            other.close(backup=False)
    except Exception as exc:  # reported, not raised: the parent says what failed
        out.put((None, type(exc).__name__, str(exc)))


def _lock(state: _State) -> str:
    """Another process (this executable started again) finds the library
    locked by the operating system, and learns who holds it."""
    import multiprocessing
    import queue

    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    child = context.Process(
        target=_second_instance, args=(str(state.lib.path), out), name="kzreader-second"
    )
    child.start()
    try:
        read_only, cause, reason = out.get(timeout=300)
    except queue.Empty:
        raise SelfTestError("the second process said nothing") from None
    finally:
        child.join(timeout=60)
        if child.is_alive():
            child.kill()
    _check(read_only is not None, f"the second process failed: {cause}: {reason}")
    _check(read_only is True, "a second process could open the library for writing")
    _check(cause == "locked", f"read-only, but not for the lock: {cause} ({reason})")
    _check(PROGRAM in str(reason), f"the refusal does not say who holds the library: {reason}")
    return f"a second process found it locked: {reason}"


def _drop(state: _State, window: Any) -> str:
    """A file dropped onto the window reaches the import with its path, as
    the system names it (C:\\Users\\… on Windows)."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    path = state.crlf_file
    _check(path is not None, "there is no file to drop")
    assert path is not None
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    received: list[list[str]] = []
    # the import itself was checked above: record what the drop asks for
    window.transfers.import_paths = lambda paths: received.append([str(p) for p in paths])
    try:
        action = Qt.DropAction.CopyAction
        buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        enter = QDragEnterEvent(QPoint(20, 20), action, mime, buttons, keys)
        window.dragEnterEvent(enter)
        _check(enter.isAccepted(), "the window refuses the dragged file")
        drop = QDropEvent(QPointF(20, 20), action, mime, buttons, keys)
        window.dropEvent(drop)
    finally:
        del window.transfers.import_paths
    _check(len(received) == 1 and len(received[0]) == 1, f"the drop asked for {received}")
    dropped = Path(received[0][0])
    _check(dropped.is_file() and dropped.samefile(path), f"the drop named {dropped}, not {path}")
    return f"dropped {QUrl.fromLocalFile(str(path)).toString()}: import of {dropped}"


def _translations(state: _State) -> str:
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator, QLibraryInfo, QLocale, QTranslator

    from kzreader.paths import resources_dir

    ours = QTranslator()
    _check(
        ours.load("kzreader_fr", str(resources_dir() / "translations")),
        "kzreader_fr.qm does not load",
    )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    _check(qt.load("qtbase_fr", qt_dir), f"Qt's qtbase_fr.qm is not in {qt_dir}")
    collator = QCollator(QLocale(QLocale.Language.French))
    collated = sorted(reversed(COLLATED), key=cmp_to_key(collator.compare))
    _check(collated == COLLATED, f"French collation sorts {collated}")
    return f"kzreader_fr and qtbase_fr ({qt_dir}); French collation: {', '.join(collated)}"


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
        dropped = _drop(state, window)
    finally:
        window.close()
        ctx.close()
        window.deleteLater()
        app.processEvents()
    platform_name = QGuiApplication.platformName()
    return f"main window built and drawn ({size}) on the {platform_name} platform; {dropped}"


STEPS: list[tuple[str, Callable[[_State], str]]] = [
    ("bundle", _bundle),
    ("library", _library),
    ("user library", _user_library),
    ("import", _import),
    ("search", _search),
    ("passages", _annotate),
    ("export", _export),
    ("crlf", _crlf),
    ("web page", _web_page),
    ("documents", _documents),
    ("reuse", _reuse),
    ("lock", _lock),
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
