"""Where libraries live, and where the bundled sample articles are."""

from __future__ import annotations

import os
from pathlib import Path

ENV_LIBRARY = "KZREADER_LIBRARY"
APP_NAME = "kzreader"


def default_library_dir() -> Path:
    """The library used when none is named: ``$KZREADER_LIBRARY``, else the
    platform's per-user data folder (``~/.local/share/kzreader/library`` on
    Linux, ``~/Library/Application Support/kzreader/library`` on macOS,
    ``%LOCALAPPDATA%\\kzreader\\library`` on Windows)."""
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "library"


def sample_articles_dir() -> Path:
    """The folder holding the bundled sample articles.

    Installed, they are the package data ``kzreader.seeds``; in a source
    checkout they are the repository's ``seeds/`` folder.
    """
    try:
        from importlib.resources import files

        candidate = Path(str(files("kzreader.seeds")))
        if any(candidate.glob("*.txt")):
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "seeds"


def sample_articles() -> list[Path]:
    """The bundled sample articles, in name order."""
    return sorted(sample_articles_dir().glob("*.txt"))


def resources_dir() -> Path:
    """Icons, translations and style sheets: the package data
    ``kzreader.resources``, or the repository's ``resources/`` folder."""
    try:
        from importlib.resources import files

        candidate = Path(str(files("kzreader.resources")))
        if (candidate / "icons").is_dir():
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "resources"
