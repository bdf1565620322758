"""Fixtures of the importing tests: the five sample articles, read from seeds/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kzreader.core.importing import PreparedArticle, prepare_article

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
SEED_NAMES = {
    "000": "000_7779a385dcbc7df1.txt",
    "001": "001_beb003b7b53c942c.txt",
    "002": "002_b5fab79e601b0820.txt",
    "003": "003_5a814d00d646ab81.txt",
    "004": "004_500be365c57d552d.txt",
}

_cache: dict[str, PreparedArticle] = {}


@pytest.fixture
def seed_bytes() -> Callable[[str], bytes]:
    """The raw bytes of a sample article, by its number ("000"…"004")."""
    return lambda key: (SEEDS / SEED_NAMES[key]).read_bytes()


@pytest.fixture
def seed_article() -> Callable[[str], PreparedArticle]:
    """A sample article prepared for import (cached: preparing is pure)."""

    def get(key: str) -> PreparedArticle:
        if key not in _cache:
            path = SEEDS / SEED_NAMES[key]
            _cache[key] = prepare_article(path.read_bytes(), path.name)
        return _cache[key]

    return get
