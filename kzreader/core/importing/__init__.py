"""Importing articles: bytes in, a :class:`PreparedArticle` (or ImportRefused) out."""

from __future__ import annotations

from kzreader.core.importing.pipeline import prepare_article, prepare_articles
from kzreader.core.importing.types import PreparedArticle

__all__ = ["PreparedArticle", "prepare_article", "prepare_articles"]
