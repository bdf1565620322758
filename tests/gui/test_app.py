"""Starting the app: screenshot mode, command line, language and theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kzreader.cli import main
from kzreader.core.library import Library
from kzreader.gui import app as gui_app
from kzreader.gui import i18n, theme
from kzreader.gui.context import AppContext


def test_screenshot_mode_renders_the_window(
    qapp, seeded: Library, seed_ids, tmp_path: Path, settings
) -> None:
    seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    path = tmp_path / "shots" / "main.png"
    seeded.close()
    code = gui_app.run(
        library=str(seeded.path),
        screenshot=str(path),
        open_document=seed_ids["rt_zas"],
        size="1200x800",
        settings=settings,
    )
    assert code == 0
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1200, 800)
    # not a blank window: many distinct colours
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 800, 7)}
    assert len(colours) > 50


def test_screenshot_from_the_command_line(qapp, seeded: Library, tmp_path: Path) -> None:
    path = tmp_path / "cli.png"
    seeded.close()
    assert (
        main(["gui", "--library", str(seeded.path), "--screenshot", str(path), "--size", "900x700"])
        == 0
    )
    assert QImage(str(path)).width() == 900


def test_bad_size_and_unknown_document(qapp, seeded: Library, tmp_path: Path, capsys) -> None:
    seeded.close()
    args = ["gui", "--library", str(seeded.path), "--screenshot", str(tmp_path / "x.png")]
    assert main([*args, "--size", "big"]) == 1
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
    assert main([*args, "--open", "999"]) == 1
    assert "no document 999" in capsys.readouterr().err


def test_language_switch_rebuilds_the_window_in_french(qapp, ctx: AppContext, seed_ids) -> None:
    ctx.settings.setValue("ui/language", "en")
    controller = gui_app.Controller(qapp, ctx)
    try:
        assert controller.window.actions_.undo.text() == "&Undo"
        controller.window.open_document(seed_ids["rt_zas"])
        ctx.settings.setValue("ui/language", "fr")
        controller.apply_preferences()
        window = controller.window
        assert window.actions_.undo.text() != "&Undo"
        assert window.menuBar().actions()[0].text() == "&Fichier"
        assert window.reader.document_id == seed_ids["rt_zas"]  # the article stays open
        ctx.settings.setValue("ui/language", "en")
        controller.apply_preferences()
        assert controller.window.actions_.undo.text() == "&Undo"
    finally:
        i18n.install("en")
        controller.window.close()


def test_the_panels_first_loads_wait_for_the_window_to_be_drawn(
    qapp, qtbot, ctx: AppContext
) -> None:
    """The jobs the panels ask for while the window is built start once it
    is shown and drawn (the event loop's second turn), and the article list
    then fills."""
    started: list[str] = []
    real_start = ctx.workers.pool.start
    ctx.workers.pool.start = lambda runnable: (  # type: ignore[method-assign]
        started.append(getattr(runnable.fn, "__qualname__", repr(runnable.fn))),
        real_start(runnable),
    )
    controller = gui_app.Controller(qapp, ctx)
    try:
        window = controller.window
        window.show()
        assert started == []  # built, shown: nothing has run yet
        assert window.library_panel.loading
        qapp.processEvents()  # first turn: the window's paint is posted
        qtbot.waitUntil(lambda: started != [])
        assert any(name.startswith("LibraryPanel.refresh") for name in started)
        qtbot.waitUntil(lambda: window.library_panel.model.rowCount() == 5)
    finally:
        controller.window.close()


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_themes(qapp, ctx: AppContext, choice: str) -> None:
    ctx.settings.setValue("ui/theme", choice)
    controller = gui_app.Controller(qapp, ctx)
    try:
        assert theme.is_dark() == (choice == "dark")
        assert controller.theme == choice
    finally:
        theme.apply(qapp, "light")
        controller.window.close()


def test_system_language_and_theme_resolve(qapp) -> None:
    assert i18n.resolve("system") in i18n.LANGUAGES
    assert theme.resolve("system") in ("light", "dark")
