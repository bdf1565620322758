"""Opening the app imports no more than opening a library needs: the import
pipeline (web pages, PDF, Word, press exports) waits for the first import."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("kzreader.core.importing.pipeline", "kzreader.core.importing.webpage", "trafilatura")


def test_the_window_modules_leave_the_import_pipeline_unloaded() -> None:
    code = (
        "import sys\n"
        "import kzreader.core.library, kzreader.gui.app, kzreader.gui.context\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == ""


def test_the_pipeline_comes_when_an_article_is_read(tmp_path) -> None:
    from kzreader.core import importer

    article = tmp_path / "a.txt"
    article.write_text("Un titre\n\nLe texte de l'article, assez long pour être lu.\n")
    prepared = importer.read_article(article)
    assert prepared.title == "Un titre"
    assert "kzreader.core.importing.pipeline" in sys.modules


def test_the_core_is_imported_before_qt() -> None:
    """PySide6's import hook reads the source of each module imported after
    it: the app's package brings the core (SQLAlchemy, Whoosh) in first."""
    code = (
        "import sys\n"
        "import kzreader.gui\n"
        "print('kzreader.core.library' in sys.modules, 'sqlalchemy' in sys.modules,"
        " any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["True", "True", "False"]
