"""Build kzreader's bundle and installer for the system this runs on.

    python installers/build.py                 # bundle + installer in dist/
    python installers/build.py --self-test     # ... then run the bundle's self-test
    python installers/build.py --no-installer  # the bundle alone
    python installers/build.py --no-build      # pack the bundle already in dist/ again
    python installers/build.py --windows-under-wine --self-test
                                               # on Linux: the Windows bundle and installer,
                                               # built and checked under Wine (wine.py)

Linux:   dist/kzreader/ (the bundle, with a .desktop file, icons and
         install.sh) and dist/kzreader-<version>-linux-<arch>.tar.gz
Windows: dist/kzreader/ and dist/kzreader-<version>-windows-x64-installer.exe (NSIS)
macOS:   dist/kzreader.app and dist/kzreader-<version>-macos-<arch>.dmg (dmgbuild)

Needs the ``installer`` extra (``pip install -e ".[installer]"``): PyInstaller
everywhere, dmgbuild on macOS; NSIS's makensis on Windows. A JSON report of
what was built, how big and how long it took is written to
``dist/build-report.json`` (CI shows it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import bundling
import icons

HERE = Path(__file__).resolve().parent
SPEC = HERE / "kzreader.spec"
#: Generous: a cold build on a CI runner takes a few minutes.
SELF_TEST_TIMEOUT = 600


@dataclass
class BuildReport:
    system: str
    version: str
    bundle: str
    #: seconds PyInstaller took
    build_seconds: float
    #: apparent size of the unpacked bundle (what installing it takes)
    bundle_bytes: int
    bundle_files: int
    installer: str | None = None
    installer_bytes: int | None = None
    package_seconds: float | None = None
    self_test: dict[str, Any] | None = None
    #: wall-clock seconds of the bundle's self-test, process start included
    self_test_seconds: float | None = None
    notes: list[str] = field(default_factory=list)


def machine() -> str:
    """The architecture in the names installers usually carry."""
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(arch, arch)


def folder_size(path: Path) -> tuple[int, int]:
    """Bytes and number of files under ``path`` (symbolic links not followed,
    as the bundle's own links on macOS point inside it)."""
    total = files = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            item = Path(root) / name
            if not item.is_symlink():
                total += item.stat().st_size
                files += 1
    return total, files


def run_pyinstaller(dist: Path, work: Path, *, clean: bool, identity: str | None) -> None:
    env = dict(os.environ)
    if identity:
        env["KZREADER_CODESIGN_IDENTITY"] = identity
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        *(["--clean"] if clean else []),
        str(SPEC),
    ]
    subprocess.run(cmd, check=True, env=env, cwd=bundling.REPO)


def bundle_path(dist: Path, system: str) -> Path:
    return dist / ("kzreader.app" if system == "macos" else "kzreader")


def executable(bundle: Path, system: str) -> Path:
    """The executable that prints (the console one on Windows)."""
    if system == "windows":
        return bundle / "kzreader-cli.exe"
    if system == "macos":
        return bundle / "Contents" / "MacOS" / "kzreader"
    return bundle / "kzreader"


# -- Linux --------------------------------------------------------------------------


def add_linux_desktop_files(bundle: Path) -> None:
    """The menu entry, the icons in the hicolor theme's layout, and the
    per-user install script, beside the executable."""
    linux = HERE / "linux"
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(linux / "kzreader.desktop", share / "applications" / "kzreader.desktop")
    for size in icons.PNG_SIZES:
        if size > 512:  # the hicolor theme stops at 512
            continue
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(bundling.APP_ICONS / icons.png_name(size), target / "kzreader.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(bundling.APP_ICONS / "kzreader.svg", scalable / "kzreader.svg")
    for name in ("install.sh", "README.txt"):
        shutil.copy2(linux / name, bundle / name)
    (bundle / "install.sh").chmod(0o755)


def linux_tarball(bundle: Path, dist: Path, version: str) -> Path:
    """``kzreader-<version>-linux-<arch>.tar.gz`` holding the bundle in a
    ``kzreader-<version>/`` folder, permissions kept, owners anonymised."""
    out = dist / f"kzreader-{version}-linux-{machine()}.tar.gz"
    top = f"kzreader-{version}"

    def anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=top, filter=anonymous)
    return out


# -- Windows ------------------------------------------------------------------------


def windows_installer(bundle: Path, dist: Path) -> Path:
    import nsis

    return nsis.build_installer(bundle, dist / nsis.installer_name())


# -- macOS --------------------------------------------------------------------------


def macos_dmg(app: Path, dist: Path, version: str) -> Path:
    try:
        import dmgbuild
    except ImportError as exc:
        raise RuntimeError("dmgbuild is missing: pip install -e '.[installer]' (on macOS)") from exc
    out = dist / f"kzreader-{version}-macos-{machine()}.dmg"
    dmgbuild.build_dmg(
        str(out),
        f"kzreader {version}",
        settings_file=str(HERE / "macos" / "dmg_settings.py"),
        defines={"app": str(app), "icon": str(bundling.APP_ICONS / "kzreader.icns")},
    )
    return out


# -- the self-test ------------------------------------------------------------------


def run_self_test(bundle: Path, system: str) -> tuple[dict[str, Any], float]:
    """Run ``--self-test`` in the built bundle; its report and wall time."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    result = subprocess.run(
        [str(executable(bundle, system)), "--self-test"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=SELF_TEST_TIMEOUT,
        env=env,
    )
    seconds = time.perf_counter() - started
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = {
            "ok": False,
            "error": f"no JSON report (exit status {result.returncode})",
            "stdout": result.stdout[-4000:],
            "stderr": result.stderr[-4000:],
        }
    if result.returncode != 0:
        report["ok"] = False
        report.setdefault("stderr", result.stderr[-4000:])
    return report, seconds


def build(
    dist: Path,
    work: Path,
    *,
    installer: bool = True,
    self_test: bool = False,
    clean: bool = False,
    identity: str | None = None,
    rebuild: bool = True,
) -> BuildReport:
    """Build the bundle (and the installer, and run the self-test) into
    ``dist``; the report is also written to ``dist/build-report.json``.
    ``rebuild=False`` packs the bundle already there (on macOS, after its
    notarisation ticket was stapled to it: see macos/SIGNING.md)."""
    problems = icons.stale()
    if problems:
        raise RuntimeError(
            "the app icons are stale: " + "; ".join(problems) + " (run python installers/icons.py)"
        )
    system = bundling.current_system()
    version = bundling.version()
    dist.mkdir(parents=True, exist_ok=True)
    bundle = bundle_path(dist, system)
    started = time.perf_counter()
    if rebuild:
        run_pyinstaller(dist, work, clean=clean, identity=identity)
    elif not bundle.is_dir():
        raise RuntimeError(f"there is no bundle to pack at {bundle}")
    build_seconds = time.perf_counter() - started
    if system == "linux":
        add_linux_desktop_files(bundle)
    size, files = folder_size(bundle)
    report = BuildReport(
        system=system,
        version=version,
        bundle=str(bundle),
        build_seconds=round(build_seconds, 1),
        bundle_bytes=size,
        bundle_files=files,
    )
    if system == "linux" and bundling.missing_linux_libraries():
        report.notes.append(
            "built without " + ", ".join(bundling.missing_linux_libraries()) + ": the bundle "
            "relies on each desktop having them (apt-get install "
            + bundling.LINUX_BUILD_PACKAGES
            + ")"
        )
    if system == "macos" and not identity:
        report.notes.append("ad-hoc signature: not for distribution (see macos/SIGNING.md)")
    if installer:
        started = time.perf_counter()
        if system == "linux":
            out = linux_tarball(bundle, dist, version)
            report.notes.append("no AppImage: appimagetool is not packaged for pip or Debian")
        elif system == "windows":
            out = windows_installer(bundle, dist)
        else:
            out = macos_dmg(bundle, dist, version)
        report.package_seconds = round(time.perf_counter() - started, 1)
        report.installer = str(out)
        report.installer_bytes = out.stat().st_size
    if self_test:
        report.self_test, seconds = run_self_test(bundle, system)
        report.self_test_seconds = round(seconds, 2)
    (dist / "build-report.json").write_text(json.dumps(asdict(report), indent=2) + "\n", "utf-8")
    return report


def summary(report: BuildReport) -> str:
    mb = 1024 * 1024
    lines = [
        f"kzreader {report.version} for {report.system}: {report.bundle}",
        f"  build: {report.build_seconds:.0f} s; bundle: {report.bundle_bytes / mb:.1f} MiB "
        f"in {report.bundle_files} files",
    ]
    if report.installer and report.installer_bytes is not None:
        lines.append(
            f"  installer: {report.installer} ({report.installer_bytes / mb:.1f} MiB, "
            f"{report.package_seconds:.0f} s)"
        )
    if report.self_test is not None:
        verdict = "passed" if report.self_test.get("ok") else "FAILED"
        lines.append(f"  self-test {verdict} in {report.self_test_seconds:.1f} s")
        for step in report.self_test.get("steps", []):
            mark = "ok" if step["ok"] else "FAILED"
            timing = f"{step['seconds']:>7.2f} s"
            lines.append(f"    {step['name']:<13}{mark:<7}{timing}  {step['detail']}")
            if not step["ok"] and step.get("traceback"):
                lines.append("      " + step["traceback"].replace("\n", "\n      "))
        for key in ("error", "stdout", "stderr"):
            if not report.self_test.get("ok") and report.self_test.get(key):
                lines.append(f"  {key}: {report.self_test[key]}")
    lines += [f"  note: {note}" for note in report.notes]
    return "\n".join(lines)


def markdown(path: Path) -> str:
    """A build report (``build-report.json``) as Markdown, for a CI job's
    summary page."""
    try:
        report = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return f"No build report at `{path}`: the build stopped before the end.\n"
    mb = 1_000_000
    size = f"{report['bundle_bytes'] / mb:.1f} MB unpacked, {report['bundle_files']} files"
    rows = [
        ("bundle", size),
        ("build", f"{report['build_seconds']:.0f} s"),
    ]
    if report.get("installer"):
        name = Path(report["installer"]).name
        rows.append(("installer", f"`{name}`, {report['installer_bytes'] / mb:.1f} MB"))
    self_test = report.get("self_test")
    if self_test is not None:
        verdict = "passed" if self_test.get("ok") else "**failed**"
        rows.append(("self-test", f"{verdict} in {report['self_test_seconds']:.1f} s"))
    lines = [f"### kzreader {report['version']} for {report['system']}", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in rows]
    for step in (self_test or {}).get("steps", []):
        mark = "ok" if step["ok"] else "**failed**"
        detail = str(step["detail"]).replace("|", "\\|")
        lines.append(f"| · {step['name']} | {mark}, {step['seconds']:.2f} s: {detail} |")
    lines += ["", *[f"- {note}" for note in report.get("notes", [])], ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args_given = sys.argv[1:] if argv is None else list(argv)
    if "--windows-under-wine" in args_given:
        # on Linux: the Windows build, its installer and their checks under Wine
        import wine

        return wine.main([a for a in args_given if a != "--windows-under-wine"])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dist",
        type=Path,
        default=bundling.REPO / "dist",
        help="where the bundle and installer go (default: dist/)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=bundling.REPO / "build" / "pyinstaller",
        help="PyInstaller's work folder (default: build/pyinstaller/)",
    )
    parser.add_argument("--no-installer", action="store_true", help="build the bundle only")
    parser.add_argument(
        "--no-build", action="store_true", help="pack the bundle already in --dist, unchanged"
    )
    parser.add_argument("--self-test", action="store_true", help="run the bundle's self-test")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument(
        "--codesign-identity",
        default=os.environ.get("KZREADER_CODESIGN_IDENTITY"),
        help="macOS: the Developer ID Application identity to sign with (see macos/SIGNING.md)",
    )
    parser.add_argument(
        "--markdown", type=Path, metavar="REPORT", help="print a build report as Markdown and exit"
    )
    parser.add_argument(
        "--windows-under-wine",
        action="store_true",
        help="on Linux: build the Windows bundle and installer and check them under Wine "
        "(installers/wine.py; its options follow)",
    )
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(args.markdown))
        return 0
    try:
        report = build(
            args.dist.resolve(),
            args.work.resolve(),
            installer=not args.no_installer,
            self_test=args.self_test,
            clean=args.clean,
            identity=args.codesign_identity,
            rebuild=not args.no_build,
        )
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    print(summary(report))
    if report.self_test is not None and not report.self_test.get("ok"):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
