"""The kzreader core: library storage, import, index and search. No Qt here."""

from __future__ import annotations
