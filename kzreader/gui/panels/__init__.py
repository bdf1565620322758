"""Dock panels of the main window, one widget per module."""

from __future__ import annotations
