"""Dialogs of the main window, one per module."""

from __future__ import annotations
