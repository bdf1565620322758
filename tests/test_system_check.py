"""The one-line message for a Linux desktop missing Qt's X11 libraries."""

from __future__ import annotations

import pytest

from kzreader.cli import main
from kzreader.gui import system_check as sc


def test_only_qt_on_x11_is_checked() -> None:
    assert sc.needs_check("linux", {"DISPLAY": ":0"})
    assert sc.needs_check("linux", {"QT_QPA_PLATFORM": "xcb"})
    assert not sc.needs_check("linux", {"QT_QPA_PLATFORM": "offscreen"})
    assert not sc.needs_check("linux", {"WAYLAND_DISPLAY": "wayland-0"})
    assert sc.needs_check("linux", {"WAYLAND_DISPLAY": "w", "QT_QPA_PLATFORM": "xcb"})
    assert not sc.needs_check("win32", {})
    assert not sc.needs_check("darwin", {})


def test_the_message_names_the_missing_libraries_and_their_packages() -> None:
    absent = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    missing = sc.missing_libraries(lambda name: name not in absent)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    message = sc.missing_message(missing)
    assert "\n" not in message
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1'" in message
    assert sc.missing_libraries(lambda name: True) == []


def test_every_library_has_its_package_in_the_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    for package in sc.XCB_LIBRARIES.values():
        assert package in readme, package


def test_kzreader_says_it_in_one_line_instead_of_starting_qt(
    monkeypatch: pytest.MonkeyPatch, capsys, tmp_path
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sc, "needs_check", lambda: True)
    monkeypatch.setattr(sc, "_loads", lambda name: name != "libxcb-cursor.so.0")
    code = main(["--library", str(tmp_path / "lib"), "gui"])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    (line,) = err.strip().splitlines()
    assert "libxcb-cursor.so.0" in line and "sudo apt install libxcb-cursor0" in line
