"""Before the first window on Linux: are the system libraries Qt's X11
platform loads there? Without them Qt prints a plugin error that names none
of them ("Could not load the Qt platform plugin "xcb"…") and aborts; this
says, in one line, which are missing and the command that installs them.

Other platforms (Wayland, offscreen, Windows, macOS) do not need them. The
installers' Linux bundle carries the xcb libraries a desktop may lack and
takes the others (fontconfig, D-Bus, EGL…) from the system, so it is checked
too: the bundle's own folder is on the library path it runs with.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

#: The shared libraries (sonames) Qt 6's xcb platform needs, with the
#: Debian/Ubuntu package of each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def needs_check(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether Qt will use its X11 platform."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def missing_libraries(load: Callable[[str], bool] = _loads) -> list[str]:
    """The sonames of ``XCB_LIBRARIES`` that cannot be loaded."""
    return [name for name in XCB_LIBRARIES if not load(name)]


def missing_message(missing: list[str]) -> str:
    """One line: what is missing and how to install it."""
    packages = " ".join(dict.fromkeys(XCB_LIBRARIES[name] for name in missing))
    return (
        f"the window cannot open: Qt needs system libraries that are missing "
        f"({', '.join(missing)}); on Debian or Ubuntu install them with "
        f"'sudo apt install {packages}' (other systems: the packages that provide them)"
    )


def check_window_libraries(load: Callable[[str], bool] | None = None) -> str | None:
    """The message to print before exiting, or None when the window can open."""
    if not needs_check():
        return None
    missing = missing_libraries(load or _loads)
    return missing_message(missing) if missing else None
