"""kzreader: an offline library for reading, coding and linking news articles."""

from __future__ import annotations

__version__ = "0.1.0"
