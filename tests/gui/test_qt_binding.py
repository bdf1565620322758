"""Guard against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 on Python 3.11 drops a reference to None on many calls
(processEvents, setText, hide…): after a few thousand the interpreter aborts.
pyproject.toml excludes it; this test fails if such a build comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_do_not_drop_references_to_none(qapp) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(500):
        qapp.processEvents()
        label.setText("x")
        label.hide()
    assert sys.getrefcount(None) >= before - 50
