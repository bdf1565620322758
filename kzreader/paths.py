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


ENV_RESCUE = "KZREADER_RESCUE_DIR"


def rescue_dir() -> Path:
    """Where the database of a library whose folder vanished while open is
    copied (``$KZREADER_RESCUE_DIR``, else ``rescued`` in the per-user data
    folder, beside the default library)."""
    env = os.environ.get(ENV_RESCUE)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "rescued"


def _package_data(package: str, folder: str, marker: str) -> Path:
    """A data package of the installed distribution (if it holds ``marker``,
    a glob), or its folder in a source checkout (``seeds/``, ``resources/``)."""
    try:
        from importlib.resources import files

        candidate = Path(str(files(package)))
        if any(candidate.glob(marker)):
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / folder


def sample_articles_dir() -> Path:
    """The folder holding the bundled sample articles (``kzreader.seeds``)."""
    return _package_data("kzreader.seeds", "seeds", "*.txt")


def sample_articles() -> list[Path]:
    """The bundled sample articles, in name order."""
    return sorted(sample_articles_dir().glob("*.txt"))


def resources_dir() -> Path:
    """Icons, translations and style sheets (``kzreader.resources``)."""
    return _package_data("kzreader.resources", "resources", "icons")
