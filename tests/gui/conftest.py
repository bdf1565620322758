from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from kzreader.core.library import Library
from kzreader.gui.context import AppContext


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a private file, so tests never touch the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(qapp, seeded: Library, settings: QSettings) -> Iterator[AppContext]:
    """An app context over a library holding the five sample articles."""
    context = AppContext(seeded, settings)
    yield context
    context.close()


@pytest.fixture
def coded(ctx: AppContext, seed_ids) -> AppContext:
    """The context, with a few tagged, annotated and linked passages."""
    lib = ctx.library
    a = lib.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    b = lib.highlight(
        seed_ids["rt_zas"],
        quote="Stanislav Zas",
        tags=["Acteurs/OTSC"],
        note="Entretien accordé à RT",
    )
    lib.highlight(seed_ids["blinken"], quote="Antony Blinken", tags=["Acteurs/USA"])
    lib.link(b.id, a.id, "repeats")
    return ctx
