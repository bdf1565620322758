"""The Windows bundle and installer, built on Linux and checked under Wine
(``installers/wine.py``): the bundle's self-test, its window on Qt's
windows platform, a silent install, the installed self-test, the library
under %LOCALAPPDATA% with a CRLF file from ``C:\\users\\Élodie Müller\\Documents``,
the lock seen by a second program while the app started from the Start-menu
shortcut holds the library, and a silent uninstall that keeps the library.

Opt-in: it takes minutes (the first run downloads about 100 MB of Windows
wheels and CPython, and makes a Wine prefix), and needs a Debian or Ubuntu
machine with the packages of ``wine_prefix.DEBIAN_PACKAGES`` (or root, which
installs them)::

    KZREADER_WINE_TESTS=1 pytest tests/test_installers_wine.py -s

The other tests here check the driver's pieces without Wine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kzreader import selftest

REPO = Path(__file__).resolve().parent.parent
INSTALLERS = REPO / "installers"
sys.path.insert(0, str(INSTALLERS))

import bundling  # noqa: E402
import wine  # noqa: E402
import wine_prefix  # noqa: E402

#: Every check the full chain runs, in order.
CHAIN = [
    "system packages",
    "downloads",
    "wine prefix",
    "build",
    "bundle contents",
    "self-test",
    "gui window",
    "installer",
    "silent install",
    "installed self-test",
    "library under %LOCALAPPDATA%",
    "second instance",
    "silent uninstall",
]


def _can_run_wine() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    if os.geteuid() == 0 and shutil.which("apt-get"):
        return True  # the driver installs what is missing
    return all(shutil.which(p) for p in ("wine", "makensis", "Xvfb", "x86_64-w64-mingw32-gcc"))


# -- without Wine -------------------------------------------------------------------


def test_windows_paths_of_linux_paths(tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    w = wine_prefix.Wine(prefix)
    assert w.path(prefix / "drive_c" / "users" / "Élodie Müller" / "Documents") == (
        "C:\\users\\Élodie Müller\\Documents"
    )
    assert w.path(Path("/work/main/dist")) == "Z:\\work\\main\\dist"
    assert (
        w.local_appdata
        == prefix / "drive_c" / "users" / wine_prefix.WINDOWS_USER / "AppData" / "Local"
    )


def test_the_wine_environment_is_the_documented_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("KZREADER_LIBRARY", "/home/someone/library")
    env = wine_prefix.Wine(tmp_path, display=":7").env()
    assert env["WINEARCH"] == "win64" and env["WINEDEBUG"] == "-all"
    assert env["WINEDLLOVERRIDES"] == (
        "mscoree,mshtml=;winemenubuilder.exe=d;winedbg.exe=d;propsys=;ucrtbase=n,b"
    )
    assert env["USER"] == "Élodie Müller" and env["DISPLAY"] == ":7"
    # nothing of the Linux environment leaks into the Windows programs
    assert "QT_QPA_PLATFORM" not in env and "KZREADER_LIBRARY" not in env


def test_the_windows_requirements_follow_pyproject() -> None:
    wanted = wine_prefix.windows_requirements()
    names = {r.split(">")[0].split("=")[0].split("<")[0].strip().lower() for r in wanted}
    # numpy too: the Windows bundle carries reuse detection
    assert {"pyside6-essentials", "pyinstaller", "langdetect", "sqlalchemy", "numpy"} <= names
    assert {"pefile", "pywin32-ctypes", "colorama"} <= names
    assert not [r for r in wanted if "dmgbuild" in r]


def test_a_wheel_is_unpacked_as_pip_would(tmp_path: Path) -> None:
    import zipfile

    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo/__init__.py", "X = 1\n")
        archive.writestr("demo-1.0.dist-info/METADATA", "Name: demo\n")
        archive.writestr("demo-1.0.data/purelib/demo_extra.py", "Y = 2\n")
        archive.writestr("demo-1.0.data/scripts/demo.exe", "MZ")
    site = tmp_path / "site-packages"
    wine_prefix.install_wheel(wheel, site)
    assert (site / "demo" / "__init__.py").read_text() == "X = 1\n"
    assert (site / "demo_extra.py").is_file()
    assert not (site / "demo.exe").exists() and not (site / "demo-1.0.data").exists()


def test_a_start_menu_shortcut_is_read(tmp_path: Path) -> None:
    target = "C:\\users\\Élodie Müller\\AppData\\Local\\Programs\\kzreader\\kzreader.exe"
    # a minimal shell link: header (76 bytes) and a LinkInfo with a Unicode base path
    header = bytearray(76)
    header[0:4] = b"L\x00\x00\x00"
    header[20:24] = (0x2 | 0x80).to_bytes(4, "little")  # HasLinkInfo | IsUnicode
    unicode_path = target.encode("utf-16-le") + b"\x00\x00"
    info = bytearray(0x24)
    info[4:8] = (0x24).to_bytes(4, "little")
    info[16:20] = len(info).to_bytes(4, "little")  # an empty ANSI path first
    info += b"\x00"
    info[28:32] = len(info).to_bytes(4, "little")
    info += unicode_path
    info[0:4] = len(info).to_bytes(4, "little")
    assert wine.lnk_target(bytes(header + info)) == target


def test_the_icu_stub_is_a_test_tool_only() -> None:
    source = (INSTALLERS / "windows" / "icuuc_stub.c").read_text("utf-8")
    for name in ("ucnv_open", "ucnv_close", "ucnv_toUnicode", "ucnv_fromUnicode"):
        assert re.search(rf"\b{name}\(", source), name
    # never in the bundle, whatever PyInstaller finds
    assert not bundling.keep_qt_file("C:/windows/system32/icuuc.dll", "windows")
    tracked = subprocess.run(
        ["git", "ls-files", "*.dll", "*.exe"], capture_output=True, text=True, cwd=REPO
    )
    assert tracked.returncode != 0 or tracked.stdout.strip() == ""


#: Wine's own ucrtbase.dll, where Debian's wine64 puts it.
WINE_UCRTBASE = Path("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ucrtbase.dll")


def test_the_complex_functions_are_a_test_tool_only() -> None:
    source = (INSTALLERS / "windows" / "crt_complex.c").read_text("utf-8")
    implemented = wine_prefix.crt_complex_functions(source)
    # numpy's core calls crealf while it loads; these are the C99 functions
    assert {"crealf", "creal", "creall", "cabsf", "ccos", "cexpf", "cpow", "cpowf"} <= implemented
    assert len(implemented) == 22 * 3
    for name in ("ucrtbase.dll", "ucrtwine.dll"):
        assert not bundling.keep_qt_file(f"C:/windows/system32/{name}", "windows")


@pytest.mark.skipif(not WINE_UCRTBASE.is_file(), reason="Debian's wine64 is not installed")
def test_the_complex_functions_replace_exports_of_wines_ucrtbase() -> None:
    exports = wine_prefix.pe_exports(WINE_UCRTBASE.read_bytes())
    source = (INSTALLERS / "windows" / "crt_complex.c").read_text("utf-8")
    assert len(exports) > 2000 and "malloc" in exports and "strlen" in exports
    assert wine_prefix.crt_complex_functions(source) <= set(exports)


def test_the_windows_self_test_checks_what_windows_users_meet() -> None:
    names = [name for name, _ in selftest.STEPS]
    for step in ("user library", "crlf", "lock", "reuse"):
        assert step in names
    assert selftest.USER_FOLDER == wine_prefix.WINDOWS_USER
    assert "\r\n" in selftest.CRLF_TEXT


def test_the_installer_is_64_bit_where_nsis_can_make_one() -> None:
    script = (INSTALLERS / "windows" / "kzreader.nsi").read_text("utf-8-sig")
    assert re.search(
        r'^!if /FileExists "\$\{NSISDIR\}\\Stubs\\lzma_solid-amd64-unicode"\n'
        r"\s+Target amd64-unicode\n!endif$",
        script,
        re.MULTILINE,
    )
    assert "SetCompressor /SOLID lzma" in script  # the stub looked for


# -- under Wine (opt-in) --------------------------------------------------------------


@pytest.mark.skipif(
    os.environ.get("KZREADER_WINE_TESTS") != "1" or not _can_run_wine(),
    reason="builds and installs the Windows bundle under Wine: needs KZREADER_WINE_TESTS=1 "
    "on Debian or Ubuntu (as root, or with wine, nsis, xvfb and MinGW-w64 installed)",
)
def test_windows_bundle_and_installer_under_wine(tmp_path: Path, record_property) -> None:
    dist = tmp_path / "dist"
    result = subprocess.run(
        [
            sys.executable,
            str(INSTALLERS / "build.py"),
            "--windows-under-wine",
            "--self-test",
            "--dist",
            str(dist),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=3 * 3600,
    )
    report = json.loads((dist / "wine-report.json").read_text("utf-8"))
    assert json.loads(result.stdout) == report
    failed = [c for c in report["checks"] if not c["ok"]]
    assert result.returncode == 0 and report["ok"], (failed, result.stderr[-6000:])
    assert [c["name"] for c in report["checks"]] == CHAIN

    assert report["bundle_bytes"] <= wine.BUNDLE_LIMIT
    assert report["installer_bytes"] <= wine.INSTALLER_LIMIT
    steps = [s["name"] for s in report["self_test"]["steps"]]
    assert steps == [name for name, _ in selftest.STEPS]
    assert report["installed_self_test"]["ok"]
    assert "Windows" in report["installed_self_test"]["platform"]
    details = {c["name"]: c["detail"] for c in report["checks"]}
    assert "numpy" in details["bundle contents"]
    reuse = next(s for s in report["self_test"]["steps"] if s["name"] == "reuse")
    assert reuse["ok"] and "40 words shared by" in reuse["detail"]
    assert "Élodie Müller" in details["silent install"]
    assert "kept" in details["silent uninstall"]

    figures = {
        "bundle_mb": round(report["bundle_bytes"] / 1e6, 1),
        "bundle_files": report["bundle_files"],
        "installer_mb": round(report["installer_bytes"] / 1e6, 1),
        **{f"{name}_seconds": seconds for name, seconds in report["seconds"].items()},
    }
    for key, value in figures.items():
        record_property(key.replace(" ", "_"), value)
    print("\nWindows under Wine:", json.dumps(figures, ensure_ascii=False))
