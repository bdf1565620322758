"""The installers: the self-test every build runs, what the bundle keeps of
Qt, the generated icons, the NSIS script, the macOS and Linux files, and
(opt-in: half a minute here, more on a cold machine) a real Linux bundle
built and started.

The bundle test runs only when PyInstaller is installed (``pip install -e
".[installer]"``) and ``KZREADER_BUILD_TESTS=1`` is set::

    KZREADER_BUILD_TESTS=1 pytest tests/test_installers.py -k bundle -s
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from kzreader import __version__, selftest

REPO = Path(__file__).resolve().parent.parent
INSTALLERS = REPO / "installers"
sys.path.insert(0, str(INSTALLERS))

import bundling  # noqa: E402
import elf  # noqa: E402
import icons  # noqa: E402
import icu_data  # noqa: E402
import nsis  # noqa: E402

QT = "PySide6/Qt"
INPUT = f"{QT}/plugins/platforminputcontexts"
#: The bundle must stay below this, unpacked (the issue's aim: 150 MB).
BUNDLE_LIMIT = 150_000_000


# -- the self-test -------------------------------------------------------------------


def _assert_passed(report: dict) -> None:
    failed = [s for s in report["steps"] if not s["ok"]]
    assert report["ok"], failed
    assert [s["name"] for s in report["steps"]] == [name for name, _ in selftest.STEPS]
    for step in report["steps"]:
        assert step["seconds"] >= 0 and step["detail"]
    assert report["version"] == __version__


def test_self_test_passes_in_process(qapp, tmp_path: Path, monkeypatch) -> None:
    # the user's library, were it used, would be created here
    users = tmp_path / "users-library"
    monkeypatch.setenv("KZREADER_LIBRARY", str(users))
    report = selftest.run_self_test()
    _assert_passed(report)
    json.dumps(report)  # the command line prints it
    assert not users.exists()
    steps = {s["name"]: s["detail"] for s in report["steps"]}
    assert "5 articles imported" in steps["import"]
    assert "fr" in steps["import"]
    assert "2 passages, 1 link" in steps["export"]
    assert "40 words shared by" in steps["reuse"] and "a-first" in steps["reuse"]
    assert "in 2 articles" in steps["reuse"]
    assert "French collation: abri, Écluse, élan, zèbre" in steps["translations"]
    assert "offscreen" in steps["gui"]


def test_the_reuse_step_fails_without_numpy(monkeypatch, tmp_path: Path) -> None:
    """Where numpy is missing (a source installation without it), the step
    fails and says why."""
    monkeypatch.setitem(sys.modules, "numpy", None)  # "import numpy" raises ImportError
    for name in [
        m for m in sys.modules if m.startswith(("kzreader.core.reuse", "kzreader.core.quotes"))
    ]:
        monkeypatch.delitem(sys.modules, name)
    state = selftest._State(workdir=tmp_path)
    selftest._library(state)
    try:
        with pytest.raises(Exception, match="reuse detection is not part of this installation"):
            selftest._reuse(state)
    finally:
        state.lib.close(backup=False)


def test_a_failed_step_stops_the_self_test(monkeypatch) -> None:
    def broken(state: object) -> str:
        raise OSError("disk on fire")

    ran: list[str] = []

    def later(state: object) -> str:
        ran.append("later")
        return "never"

    monkeypatch.setattr(
        selftest, "STEPS", [*selftest.STEPS[:1], ("broken", broken), ("later", later)]
    )
    report = selftest.run_self_test()
    assert report["ok"] is False
    assert [s["name"] for s in report["steps"]] == ["bundle", "broken"]
    assert report["steps"][1]["detail"] == "OSError: disk on fire"
    assert "disk on fire" in report["steps"][1]["traceback"]
    assert ran == []


# -- what the bundle keeps -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "system", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", "linux", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "linux", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "linux", False),
        (f"{INPUT}/libqtvirtualkeyboardplugin.so", "linux", False),
        (f"{INPUT}/libcomposeplatforminputcontextplugin.so", "linux", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", "linux", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", "linux", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", "linux", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", "linux", False),
        (f"{QT}/plugins/wayland-graphics-integration-server/libqt-wayland-egl.so", "linux", False),
        (r"C:\venv\Lib\site-packages\PySide6\plugins\platforms\qwindows.dll", "windows", True),
        (r"PySide6\plugins\platforms\qdirect2d.dll", "windows", False),
        (r"PySide6\plugins\styles\qmodernwindowsstyle.dll", "windows", True),
        (r"PySide6\plugins\iconengines\qsvgicon.dll", "windows", True),
        (r"PySide6\opengl32sw.dll", "windows", False),
        (r"C:\windows\system32\ucrtbase.dll", "windows", False),
        (r"C:\windows\system32\ucrtwine.dll", "windows", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", "macos", True),
        ("PySide6/Qt/plugins/platforms/darwin/libqdarwincamerapermission.dylib", "macos", False),
        ("PySide6/Qt/plugins/styles/libqmacstyle.dylib", "macos", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", "linux", True),
        ("PySide6/Qt/translations/qtbase_en.qm", "macos", True),
        (r"PySide6\translations\qtbase_fr.qm", "windows", True),
        ("PySide6/Qt/translations/qtbase_de.qm", "linux", False),
        ("PySide6/Qt/translations/qt_fr.qm", "linux", False),
        ("PySide6/Qt/translations/qtdeclarative_fr.qm", "linux", False),
        ("PySide6/Qt/translations/designer_fr.qm", "linux", False),
        # not Qt's: left alone
        ("resources/translations/kzreader_fr.qm", "linux", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", "linux", True),
        ("somepackage/plugins/thing/libthing.so", "linux", True),
    ],
)
def test_qt_policy(path: str, system: bundling.System, kept: bool) -> None:
    assert bundling.keep_qt_file(path, system) is kept


def test_a_hook_list_and_a_toc_are_trimmed_alike() -> None:
    plugins = "/venv/site-packages/PySide6/Qt/plugins"
    hook = [
        (f"{plugins}/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms"),
        (f"{plugins}/platforms/libqvnc.so", "PySide6/Qt/plugins/platforms"),
    ]
    assert bundling.trim_toc(hook, "linux") == hook[:1]
    toc = [
        ("PySide6/Qt/plugins/platforms/libqvnc.so", f"{plugins}/platforms/libqvnc.so", "BINARY"),
        ("kzreader/paths.pyc", "/src/kzreader/paths.py", "PYMODULE"),
    ]
    assert bundling.trim_toc(toc, "linux") == toc[1:]


def test_unused_qt_modules_are_excluded() -> None:
    excluded = set(bundling.excluded_modules())
    assert {"PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtNetwork", "PySide6.QtOpenGL"} <= excluded
    assert not excluded & {f"PySide6.{m}" for m in bundling.QT_MODULES_USED}
    assert {"tkinter", "pytest", "hypothesis", "sqlalchemy.dialects.mysql"} <= excluded


def test_numpy_is_bundled_without_what_reuse_never_uses() -> None:
    excluded = set(bundling.excluded_modules())
    assert "numpy" not in excluded
    assert set(bundling.NUMPY_UNUSED) <= excluded
    assert {"numpy.tests", "numpy.f2py", "numpy.distutils", "numpy.typing"} <= excluded
    # what numpy's __init__ imports, and numpy.unique's numpy.ma
    assert not excluded & {
        "numpy._core",
        "numpy.lib",
        "numpy.linalg",
        "numpy.matrixlib",
        "numpy.ma",
    }
    assert bundling.numpy_unused(
        "_internal/numpy/random/_generator.cpython-311-x86_64-linux-gnu.so"
    )
    assert bundling.numpy_unused(r"_internal\numpy\_core\_multiarray_tests.cp312-win_amd64.pyd")
    assert not bundling.numpy_unused("_internal/numpy/_core/_multiarray_umath.cp312-win_amd64.pyd")
    assert not bundling.numpy_unused("_internal/numpy.libs/libscipy_openblas64_-32a4b2a6.so")


def test_reuse_detection_imports_no_excluded_module(tmp_path: Path) -> None:
    """The self-test's reuse step, run in a fresh interpreter, loads no part
    of numpy the bundle leaves out (numpy's own __init__ and functions load
    some lazily: numpy.unique asks numpy.ma)."""
    code = (
        "import json, sys, pathlib\n"
        "from kzreader import selftest\n"
        f"state = selftest._State(workdir=pathlib.Path({str(tmp_path)!r}))\n"
        "selftest._library(state)\n"
        "print(selftest._reuse(state), file=sys.stderr)\n"
        "state.lib.close(backup=False)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=300
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    assert {"numpy._core._multiarray_umath", "numpy.linalg", "rapidfuzz"} <= loaded
    excluded = [m for m in bundling.excluded_modules() if m.split(".")[0] == "numpy"]
    bad = sorted(m for m in loaded for x in excluded if m == x or m.startswith(x + "."))
    assert bad == []


def test_auditwheel_libraries_are_not_stripped() -> None:
    toc = [
        ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", "/v/numpy.libs/libscipy.so", "BINARY"),
        ("numpy/_core/_multiarray_umath.so", "/v/numpy/_core/_m.so", "EXTENSION"),
        (
            "libscipy_openblas64_-32a4b2a6.so",
            "numpy.libs/libscipy_openblas64_-32a4b2a6.so",
            "SYMLINK",
        ),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/v/PySide6/Qt/lib/libQt6Core.so.6", "BINARY"),
    ]
    stripped, kept = bundling.unstripped(toc)
    assert kept == [
        ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", "/v/numpy.libs/libscipy.so", "DATA")
    ]
    assert stripped == [toc[1], toc[2], toc[3]]


def test_system_libraries_come_from_the_system_with_what_only_they_need() -> None:
    needs = {
        "/v/Qt/libQt6Core.so.6": [
            "libglib-2.0.so.0",
            "libz.so.1",
            "libstdc++.so.6",
            "libicuuc.so.73",
        ],
        "/v/Qt/libicuuc.so.73": ["libstdc++.so.6"],
        "/lib/libglib-2.0.so.0": ["libpcre2-8.so.0"],
        "/v/_sqlite3.so": ["libsqlite3.so.0"],
        "/lib/libsqlite3.so.0": ["libz.so.1", "libm.so.6"],
        "/lib/libxcb-cursor.so.0": ["libxcb-render-util.so.0"],
        "/lib/libxcb-render-util.so.0": [],
        "/py/libpython3.11.so.1.0": [],
    }
    toc = [
        ("PySide6/Qt/lib/libQt6Core.so.6", "/v/Qt/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/v/Qt/libicuuc.so.73", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libglib-2.0.so.0", "/lib/libglib-2.0.so.0", "BINARY"),
        ("libpcre2-8.so.0", "/lib/libpcre2-8.so.0", "BINARY"),
        ("libz.so.1", "/lib/libz.so.1", "BINARY"),
        ("libstdc++.so.6", "/lib/libstdc++.so.6", "BINARY"),
        ("lib-dynload/_sqlite3.so", "/v/_sqlite3.so", "EXTENSION"),
        ("libsqlite3.so.0", "/lib/libsqlite3.so.0", "BINARY"),
        ("libffi.so.8", "/lib/libffi.so.8", "BINARY"),
        ("libxcb-cursor.so.0", "/lib/libxcb-cursor.so.0", "BINARY"),
        ("libxcb-render-util.so.0", "/lib/libxcb-render-util.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("kzreader/resources/app.svg", "/src/app.svg", "DATA"),
    ]
    kept = bundling.take_from_system(toc, lambda src: needs.get(src, []))
    assert [e[0] for e in kept] == [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libicuuc.so.73",
        "libQt6Core.so.6",
        "lib-dynload/_sqlite3.so",
        "libsqlite3.so.0",
        "libxcb-cursor.so.0",
        "libxcb-render-util.so.0",
        "libpython3.11.so.1.0",
        "kzreader/resources/app.svg",
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PySide6's Linux libraries")
def test_the_system_libraries_are_those_qt_takes_from_the_system() -> None:
    """Each of ``LINUX_SYSTEM_LIBRARIES`` is one PySide6's own Qt libraries
    need and its wheel does not carry."""
    qt = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt"  # type: ignore[arg-type,union-attr]
    carried = {p.name for p in qt.rglob("*.so*")}
    needed = {n for p in qt.rglob("*.so*") if p.is_file() for n in elf.needed(p)}
    assert "libQt6Core.so.6" in needed  # the libraries' own dependencies were read
    for name in bundling.LINUX_SYSTEM_LIBRARIES:
        assert name in needed and name not in carried, name
    # the X11 libraries many desktops lack stay in the bundle
    assert not set(bundling.LINUX_SYSTEM_LIBRARIES) & set(bundling.LINUX_BUILD_LIBRARIES)


def test_the_qt_modules_used_are_the_ones_kzreader_imports() -> None:
    imported = set()
    for source in (REPO / "kzreader").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text("utf-8")))
    assert imported == set(bundling.QT_MODULES_USED)


def test_app_data_ships_seeds_icons_and_compiled_translations() -> None:
    datas = bundling.app_datas()
    names = {(Path(src).name, dest) for src, dest in datas}
    assert len([d for d in datas if d[1] == "seeds"]) == 5
    assert ("app.svg", "resources/icons") in names
    assert ("kzreader_fr.qm", "resources/translations") in names
    assert not [src for src, _ in datas if src.endswith((".ts", ".png"))]


def test_versions() -> None:
    assert bundling.version() == __version__
    assert bundling.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert bundling.version_tuple("1.2.0rc1") == (1, 2, 0, 0)
    assert bundling.version_tuple("2.3") == (2, 3, 0, 0)


# -- ICU's data on Linux ---------------------------------------------------------------


def _package(items: list[tuple[str, bytes]]) -> icu_data.Package:
    # a MappedData header (size 32, magic), a UDataInfo for "CmnD" 1.0, padding
    info = struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", b"\x01\0\0\0", b"\x03\0\0\0")
    header = struct.pack("<H2s", 32, b"\xda\x27") + info
    return icu_data.Package(header + b"\0" * (32 - len(header)), items)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/coll/fr.res", True),
        ("icudt73l/coll/fr_CA.res", True),
        ("icudt73l/coll/root.res", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/coll/res_index.res", True),
        ("icudt73l/coll/de.res", False),
        ("icudt73l/coll/de__PHONEBOOK.res", False),
        ("icudt73l/zone/kk.res", True),
        ("icudt73l/zone/pool.res", True),
        ("icudt73l/zone/tzdbNames.res", True),
        ("icudt73l/zone/ja.res", False),
        ("icudt73l/ru.res", True),
        ("icudt73l/zh_Hant_TW.res", False),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/pool.res", True),
        ("icudt73l/res_index.res", True),
        ("icudt73l/cnvalias.icu", True),
        ("icudt73l/nfkc.nrm", True),
        ("icudt73l/ibm-5347_P100-1998.cnv", False),
        ("icudt73l/gb18030.cnv", False),
        ("icudt73l/brkitr/fr.res", False),
        ("icudt73l/brkitr/word.brk", False),
        ("icudt73l/curr/fr.res", False),
        ("icudt73l/translit/root.res", False),
        ("icudt73l/unit/pool.res", False),
    ],
)
def test_icu_items_kept(name: str, kept: bool) -> None:
    assert icu_data.keep_item(name, bundling.ICU_LANGUAGES) is kept


def test_an_icu_package_is_written_as_it_is_read() -> None:
    items = [
        ("icudt73l/a.res", b"x" * 17),
        ("icudt73l/b.icu", b"yz"),
        ("icudt73l/c.nrm", b"w" * 32),
    ]
    blob = icu_data.write_package(_package(items))
    again = icu_data.read_package(blob)
    assert again.prefix == "icudt73l"
    # items are padded to 16 bytes, from the start of the package
    assert [(n, d.rstrip(b"\xaa")) for n, d in again.items] == items
    toc = 32
    offsets = [struct.unpack_from("<II", blob, toc + 4 + 8 * i)[1] for i in range(3)]
    assert all((toc + at) % 16 == 0 for at in offsets)
    assert icu_data.write_package(again) == blob
    with pytest.raises(ValueError, match="not an ICU"):
        icu_data.read_package(b"\0" * 64)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not (shutil.which("as") and shutil.which("ld")),
    reason="binutils on Linux",
)
def test_an_icu_data_library_is_made_and_loads(tmp_path: Path) -> None:
    import ctypes

    items = [("icudt99l/coll/fr.res", b"fr" * 8), ("icudt99l/brkitr/fr.res", b"no" * 8)]
    blob = icu_data.write_package(icu_data.trim(_package(items), ["fr"]))
    out = icu_data.write_library(
        blob, "icudt99_dat", "libicudata.so.99", tmp_path / "libicudata.so.99"
    )
    symbol, package = icu_data.read_library(out)
    assert symbol == "icudt99_dat"
    assert [n for n, _ in package.items] == ["icudt99l/coll/fr.res"]
    library = ctypes.CDLL(str(out))
    address = ctypes.addressof(ctypes.c_char.in_dll(library, "icudt99_dat"))
    assert address % 16 == 0
    assert ctypes.string_at(address, len(blob)) == blob
    assert (
        "libicudata.so.99"
        in subprocess.run(["objdump", "-p", str(out)], capture_output=True, text=True).stdout
    )


def _qt_icu_data() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None or not sys.platform.startswith("linux"):
        return None
    return next((Path(spec.origin).parent / "Qt" / "lib").glob("libicudata.so.*"), None)


@pytest.mark.skipif(_qt_icu_data() is None, reason="PySide6's Linux Qt carries no ICU here")
def test_qts_icu_data_reads_back_byte_for_byte_and_trims() -> None:
    source = _qt_icu_data()
    assert source is not None
    data = source.read_bytes()
    symbol, offset, size = elf.exported_object(data, re.compile(r"icudt\d+_dat"))
    named, package = icu_data.read_library(source)
    assert named == symbol
    assert icu_data.write_package(package) == data[offset : offset + size]
    trimmed = icu_data.trim(package, bundling.ICU_LANGUAGES)
    names = {n.split("/", 1)[1] for n, _ in trimmed.items}
    assert {"coll/fr.res", "coll/root.res", "coll/ucadata.icu", "zone/fr.res", "fr.res"} <= names
    assert not [
        n for n in names if n.startswith(("brkitr/", "curr/", "lang/")) or n.endswith(".cnv")
    ]
    assert len(icu_data.write_package(trimmed)) < size / 5


# -- icons ---------------------------------------------------------------------------


def test_icons_are_up_to_date() -> None:
    assert icons.stale() == [], "run python installers/icons.py"


def test_icon_files_hold_every_size() -> None:
    out = icons.OUT
    for size in icons.PNG_SIZES:
        assert icons.png_size((out / icons.png_name(size)).read_bytes()) == (size, size)
    ico = icons.read_ico((out / "kzreader.ico").read_bytes())
    assert sorted(icons.png_size(image)[0] for image in ico) == list(icons.ICO_SIZES)
    icns = icons.read_icns((out / "kzreader.icns").read_bytes())
    assert {kind: icons.png_size(png)[0] for kind, png in icns.items()} == {
        kind: size for kind, size in icons.ICNS_TYPES
    }


def test_icon_files_read_back_with_pillow() -> None:
    image = pytest.importorskip("PIL.Image")
    with image.open(icons.OUT / "kzreader.ico") as ico:
        assert set(ico.info["sizes"]) == {(s, s) for s in icons.ICO_SIZES}
    with image.open(icons.OUT / "kzreader.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"]


def test_icons_generate(qapp, tmp_path: Path) -> None:
    written = icons.generate(tmp_path)
    assert {p.name for p in written} == {*icons.expected_files(), icons.MANIFEST}
    assert icons.stale(tmp_path) == []
    assert icons.png_size((tmp_path / "kzreader-48.png").read_bytes()) == (48, 48)


# -- Windows -------------------------------------------------------------------------

NSI = INSTALLERS / "windows" / "kzreader.nsi"


def _section(script: str, name: str) -> str:
    match = re.search(rf'^Section "{name}".*?^SectionEnd', script, re.MULTILINE | re.DOTALL)
    assert match, name
    return match.group(0)


def test_nsis_installs_per_user_and_uninstalls_only_the_program() -> None:
    script = NSI.read_text("utf-8-sig")
    assert re.search(r"^RequestExecutionLevel user$", script, re.MULTILINE)
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP}"' in script
    assert "HKLM" not in script and "$PROGRAMFILES" not in script
    uninstall = _section(script, "Uninstall")
    # recursive removal only of the bundle's own folder, never $INSTDIR whole
    assert re.findall(r"RMDir /r (\S+)", uninstall) == ['"$INSTDIR\\_internal"']
    assert "kzreader\\library" not in uninstall and "$APPDATA" not in uninstall
    assert 'DeleteRegKey HKCU "${UNINSTALL_KEY}"' in uninstall
    assert "VIProductVersion" in script and "MUI_ICON" in script


def test_windows_version_resource(monkeypatch) -> None:
    """The executables' version resource, built and serialised as PyInstaller
    will on Windows; its Windows-only imports are stood in for elsewhere."""
    pytest.importorskip("PyInstaller")
    import types

    import PyInstaller.compat

    if sys.platform != "win32":
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
        monkeypatch.setattr(
            PyInstaller.compat, "win32api", types.ModuleType("win32api"), raising=False
        )
        monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    info = bundling.windows_version_info("kzreader-cli", "kzreader command line")
    text = str(info)
    assert f"filevers=({', '.join(map(str, bundling.version_tuple()))})" in text
    assert "StringStruct('ProductVersion', '" + __version__ + "')" in text
    assert "kzreader-cli.exe" in text
    assert info.toRaw()  # type: ignore[attr-defined]


@pytest.mark.skipif(nsis.find_makensis() is None, reason="NSIS (makensis) is not installed")
def test_nsis_script_compiles_without_warnings(tmp_path: Path) -> None:
    out = nsis.lint(keep=tmp_path)
    assert out.read_bytes()[:2] == b"MZ"
    assert out.name == f"kzreader-{__version__}-windows-x64-installer.exe"


# -- macOS ---------------------------------------------------------------------------


def test_info_plist_declares_qdpx_documents() -> None:
    info = plistlib.loads((INSTALLERS / "macos" / "Info.plist").read_bytes())
    (uti,) = info["UTImportedTypeDeclarations"]
    (doc,) = [
        d
        for d in info["CFBundleDocumentTypes"]
        if uti["UTTypeIdentifier"] in d["LSItemContentTypes"]
    ]
    assert doc["LSItemContentTypes"] == [uti["UTTypeIdentifier"]]
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["qdpx"]
    assert "public.zip-archive" in uti["UTTypeConformsTo"]
    # the spec fills the versions in; PyInstaller the identifier and icon
    assert "CFBundleShortVersionString" not in info and "CFBundleIdentifier" not in info


def test_entitlements_are_hardened_runtime_exceptions_only() -> None:
    entitlements = plistlib.loads((INSTALLERS / "macos" / "entitlements.plist").read_bytes())
    assert entitlements and all(v is True for v in entitlements.values())
    assert all(k.startswith("com.apple.security.cs.") for k in entitlements)


def test_dmg_settings_put_the_app_beside_applications() -> None:
    settings: dict = {"defines": {"app": "/tmp/dist/kzreader.app", "icon": "/x/kzreader.icns"}}
    code = (INSTALLERS / "macos" / "dmg_settings.py").read_text("utf-8")
    exec(compile(code, "dmg_settings.py", "exec"), settings)
    assert settings["files"] == ["/tmp/dist/kzreader.app"]
    assert settings["symlinks"] == {"Applications": "/Applications"}
    assert set(settings["icon_locations"]) == {"kzreader.app", "Applications"}


def test_signing_steps_are_written_down() -> None:
    text = (INSTALLERS / "macos" / "SIGNING.md").read_text("utf-8")
    for command in ("codesign", "notarytool submit", "stapler staple", "spctl"):
        assert command in text


# -- Linux ---------------------------------------------------------------------------


def test_desktop_file() -> None:
    path = INSTALLERS / "linux" / "kzreader.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == "kzreader"
    assert desktop["Exec"] == "kzreader" and desktop["Terminal"] == "false"
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def _fake_bundle(folder: Path) -> Path:
    """A folder laid out like the Linux bundle, its program a shell script."""
    import build

    (folder / "_internal").mkdir(parents=True)
    program = folder / "kzreader"
    program.write_text("#!/bin/sh\necho kzreader-stand-in\n", "utf-8")
    program.chmod(0o755)
    build.add_linux_desktop_files(folder)
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_install_script_installs_and_uninstalls_for_the_user(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "kzreader-unpacked")
    home = tmp_path / "home"
    library = home / ".local" / "share" / "kzreader" / "library"
    library.mkdir(parents=True)
    (library / "library.sqlite").write_text("the user's work", "utf-8")
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}

    def run(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["sh", str(script), *args], env=env, capture_output=True, text=True)

    result = run(bundle / "install.sh")
    assert result.returncode == 0, result.stderr
    dest = home / ".local" / "opt" / "kzreader"
    desktop = home / ".local" / "share" / "applications" / "kzreader.desktop"
    assert (dest / "kzreader").is_file() and (dest / "install.sh").is_file()
    assert not (dest / "share").exists()
    assert f'Exec="{dest}/kzreader"' in desktop.read_text("utf-8")
    icon = home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "kzreader.png"
    assert icon.is_file()
    launcher = home / ".local" / "bin" / "kzreader"
    assert subprocess.run([str(launcher)], capture_output=True, text=True).stdout.strip() == (
        "kzreader-stand-in"
    )

    assert run(bundle / "install.sh").returncode == 0  # an upgrade replaces it

    result = run(dest / "install.sh", "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not dest.exists() and not desktop.exists() and not launcher.exists()
    assert not icon.exists()
    assert (library / "library.sqlite").read_text("utf-8") == "the user's work"


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_install_script_refuses_a_folder_that_is_not_kzreader(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "kzreader-unpacked")
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.odt").write_text("years of work", "utf-8")
    env = {
        "HOME": str(tmp_path / "home"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "KZREADER_INSTALL_DIR": str(precious),
    }
    for args in ([], ["--uninstall"]):
        result = subprocess.run(
            ["sh", str(bundle / "install.sh"), *args], env=env, capture_output=True, text=True
        )
        assert result.returncode == 1
        assert "holds no kzreader" in result.stderr
    assert (precious / "thesis.odt").read_text("utf-8") == "years of work"


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_install_script_passes_shellcheck() -> None:
    result = subprocess.run(
        ["shellcheck", str(INSTALLERS / "linux" / "install.sh")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


# -- the real bundle (opt-in) -------------------------------------------------------


@pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or importlib.util.find_spec("PyInstaller") is None
    or os.environ.get("KZREADER_BUILD_TESTS") != "1",
    reason="builds the bundle: needs Linux, PyInstaller and KZREADER_BUILD_TESTS=1",
)
def test_linux_bundle(tmp_path: Path, record_property) -> None:
    dist = tmp_path / "dist"
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(INSTALLERS / "build.py"),
            "--dist",
            str(dist),
            "--work",
            str(tmp_path / "work"),
            "--clean",
        ],
        check=True,
        timeout=3600,
    )
    build_seconds = time.perf_counter() - started
    bundle = dist / "kzreader"
    report = json.loads((dist / "build-report.json").read_text("utf-8"))

    # the trimmed Qt: no QML, no unused plugins, Qt's translations in two languages
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()]
    assert not [f for f in files if re.search(r"libQt6(Qml|Quick|Network|Pdf|VirtualKeyboard)", f)]
    plugins = [f for f in files if "/plugins/" in f]
    assert plugins and all(bundling.keep_qt_file(f, "linux") for f in plugins)
    translations = sorted(Path(f).name for f in files if "PySide6/Qt/translations/" in f)
    assert translations == sorted(bundling.QT_TRANSLATIONS)
    assert "share/applications/kzreader.desktop" in files and "install.sh" in files
    assert report["bundle_bytes"] <= BUNDLE_LIMIT, report["bundle_bytes"]

    # reuse detection: numpy's core and its OpenBLAS (not stripped), not its unused parts
    assert [f for f in files if re.search(r"numpy/_core/_multiarray_umath\.[^/]*\.so$", f)]
    import numpy

    site_packages = Path(numpy.__file__).parent.parent
    openblas = [f for f in files if re.search(r"numpy\.libs/libscipy_openblas", f)]
    assert openblas
    for f in openblas:  # as the wheel has it: strip would break it
        wheels = site_packages / f.removeprefix("_internal/")
        assert (bundle / f).read_bytes() == wheels.read_bytes()
    assert not [f for f in files if bundling.numpy_unused(f)]
    pyz = tmp_path / "work" / "kzreader" / "PYZ-00.pyz"
    from PyInstaller.archive.readers import ZlibArchiveReader

    modules = set(ZlibArchiveReader(str(pyz)).toc)
    assert {"numpy", "numpy.ma", "kzreader.core.reuse_store"} <= modules
    unused = bundling.NUMPY_UNUSED
    assert not [m for m in modules for u in unused if m == u or m.startswith(u + ".")]
    # the system's own libraries are not carried, Qt's ICU data is cut down
    names = {Path(f).name for f in files}
    assert not names & set(bundling.LINUX_SYSTEM_LIBRARIES)
    (icu,) = [bundle / f for f in files if re.search(r"Qt/lib/libicudata\.so\.\d+$", f)]
    assert icu.stat().st_size < 6_000_000

    tarball = Path(report["installer"])
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
    assert f"kzreader-{__version__}/kzreader" in names
    assert f"kzreader-{__version__}/install.sh" in names

    # started as a researcher would, away from the checkout and its virtualenv
    env = {
        "HOME": str(tmp_path / "home"),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "KZREADER_LIBRARY": str(tmp_path / "users"),
    }
    started = time.perf_counter()
    result = subprocess.run(
        [str(bundle / "kzreader"), "--self-test"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    self_test_seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    self_report = json.loads(result.stdout)
    _assert_passed(self_report)
    assert self_report["frozen"] is True
    assert not (tmp_path / "users").exists()

    figures = {
        "build_seconds": round(build_seconds, 1),
        "pyinstaller_seconds": report["build_seconds"],
        "bundle_mb": round(report["bundle_bytes"] / 1e6, 1),
        "bundle_files": report["bundle_files"],
        "tarball_mb": round(tarball.stat().st_size / 1e6, 1),
        "self_test_seconds": round(self_test_seconds, 2),
    }
    for key, value in figures.items():
        record_property(key, value)
    print("\nLinux bundle:", json.dumps(figures))
