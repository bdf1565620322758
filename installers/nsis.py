"""Compile kzreader's Windows installer (``installers/windows/kzreader.nsi``)
with NSIS, or lint the script on any system:

    python installers/nsis.py --lint     # makensis -WX on a stand-in payload

makensis runs on Linux and macOS as well as on Windows, so the script is
checked in every CI run, with warnings treated as errors, long before a
Windows runner builds the real installer from the real bundle.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import bundling

SCRIPT = Path(__file__).resolve().parent / "windows" / "kzreader.nsi"
ICON = bundling.APP_ICONS / "kzreader.ico"


def find_makensis() -> str | None:
    """makensis on the PATH, or where the NSIS installer puts it on Windows."""
    found = shutil.which("makensis")
    if found:
        return found
    for variable in ("ProgramFiles(x86)", "ProgramFiles"):
        base = os.environ.get(variable)
        if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def installer_name(version: str | None = None) -> str:
    # not "setup": NSIS warns that Windows applies compatibility shims to
    # executables named so
    return f"kzreader-{version or bundling.version()}-windows-x64-installer.exe"


def command(makensis: str, payload: Path, outfile: Path, *, strict: bool = True) -> list[str]:
    """The makensis command line that packs ``payload`` into ``outfile``;
    ``strict`` treats every warning as an error."""
    version = bundling.version()
    return [
        makensis,
        "-V2",
        *(["-WX"] if strict else []),
        f"-DVERSION={version}",
        f"-DVERSION4={'.'.join(str(n) for n in bundling.version_tuple(version))}",
        f"-DPAYLOAD={payload}",
        f"-DICON={ICON}",
        f"-DOUTFILE={outfile}",
        str(SCRIPT),
    ]


def build_installer(payload: Path, outfile: Path, *, strict: bool = True) -> Path:
    """Pack the bundle folder ``payload`` into the installer ``outfile``."""
    makensis = find_makensis()
    if makensis is None:
        raise RuntimeError(
            "makensis was not found: install NSIS 3 (apt-get install nsis, choco install nsis)"
        )
    outfile.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        command(makensis, payload, outfile, strict=strict),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    if result.returncode != 0 or not outfile.is_file():
        raise RuntimeError(f"makensis failed:\n{result.stdout}\n{result.stderr}")
    return outfile


def stand_in_payload(folder: Path) -> Path:
    """A folder laid out like the Windows bundle (the two executables and
    ``_internal``), with a few bytes in place of each program file: enough
    for makensis to check every instruction of the script."""
    (folder / "_internal" / "PySide6").mkdir(parents=True, exist_ok=True)
    for name in ("kzreader.exe", "kzreader-cli.exe"):
        (folder / name).write_bytes(b"MZ stand-in for the PyInstaller executable\n")
    (folder / "_internal" / "base_library.zip").write_bytes(b"stand-in\n")
    (folder / "_internal" / "PySide6" / "Qt6Core.dll").write_bytes(b"stand-in\n")
    return folder


def lint(keep: Path | None = None) -> Path:
    """Compile the script with warnings as errors against a stand-in
    payload; the installer written (in ``keep``, else a temporary folder
    that is removed)."""
    with tempfile.TemporaryDirectory(prefix="kzreader-nsis-") as tmp:
        payload = stand_in_payload(Path(tmp) / "payload")
        out = (keep or Path(tmp)) / installer_name()
        build_installer(payload, out, strict=True)
        if out.read_bytes()[:2] != b"MZ":
            raise RuntimeError(f"{out} is not a Windows executable")
        return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--lint", action="store_true", help="compile against a stand-in payload, warnings as errors"
    )
    parser.add_argument("--payload", type=Path, help="the bundle folder to pack")
    parser.add_argument("--out", type=Path, help="folder for the installer (default: dist)")
    args = parser.parse_args(argv)
    try:
        if args.lint:
            out = lint(args.out)
            print(f"{SCRIPT.name}: no warnings" + (f"; wrote {out}" if args.out else ""))
            return 0
        if args.payload is None:
            parser.error("give --lint, or --payload with the bundle folder")
        out_dir = args.out or bundling.REPO / "dist"
        print(build_installer(args.payload, out_dir / installer_name()))
        return 0
    except RuntimeError as exc:
        print(f"nsis: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
