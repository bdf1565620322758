"""The kzreader desktop app (PySide6): a view over ``core.Library``."""

from __future__ import annotations
