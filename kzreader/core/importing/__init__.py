"""Importing articles: bytes in, a :class:`PreparedArticle` (or ImportRefused) out.

The pipeline (web pages, PDF, Word, RTF, press exports, language detection)
is imported when first asked for: opening a library needs none of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzreader.core.importing.types import PreparedArticle

if TYPE_CHECKING:
    from kzreader.core.importing.pipeline import prepare_article, prepare_articles

__all__ = ["PreparedArticle", "prepare_article", "prepare_articles"]


def __getattr__(name: str) -> object:
    if name in ("prepare_article", "prepare_articles"):
        from kzreader.core.importing import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
