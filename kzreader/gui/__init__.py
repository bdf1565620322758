"""The kzreader desktop app (PySide6): a view over ``core.Library``."""

from __future__ import annotations

# The library's modules (the core, SQLAlchemy, Whoosh) are imported before
# any of PySide6: once PySide6 is loaded, its import hook (shiboken's
# ``feature_import``) reads the source of each module imported after it,
# looking for ``from __feature__ import``: 500 modules, some 100-200 ms of a
# cold start, when the core comes after Qt.
import kzreader.core.check
import kzreader.core.library  # noqa: F401
