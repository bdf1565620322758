"""Generate the app icon in every size the three systems need from the one
SVG, ``resources/icons/app.svg``, into ``resources/app-icons/``.

    python installers/icons.py           # regenerate
    python installers/icons.py --check   # exit 1 when the icons are stale

The SVG is drawn with Qt's own renderer (QSvgRenderer, offscreen), which the
app already depends on, so no image library is needed; the Windows ``.ico``
and the macOS ``.icns`` are simple containers of PNG images and are written
here directly. The generated files are committed: a build never needs to
regenerate them, and ``manifest.json`` records the SVG they were drawn from,
so that a test can tell when they are stale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "resources" / "icons" / "app.svg"
OUT = REPO / "resources" / "app-icons"
MANIFEST = "manifest.json"

#: PNG sizes: Linux's hicolor theme (16–512), and everything the .ico and
#: .icns below are packed from (up to 1024 for macOS's 512@2x).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
#: Windows: the shell picks 16–48 for lists and menus, 256 for large views.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: macOS: the icon types ``iconutil`` writes for an iconset, all PNG.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),  # 16@2x
    (b"icp5", 32),
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256@2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
)
#: macOS draws app icons on a grid whose body fills 824 of 1024 pixels, with
#: room around it for the shadow; the SVG's own margin is 8 of 256, so it is
#: drawn smaller in the .icns to sit like its neighbours in the Dock.
ICNS_SCALE = 0.86
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_name(size: int) -> str:
    return f"kzreader-{size}.png"


def render_pngs(svg: bytes, sizes: Iterable[int], scale: float = 1.0) -> dict[int, bytes]:
    """The SVG drawn at each size (square, transparent background), as PNG;
    ``scale`` below 1 draws it smaller, centred.

    Each size is drawn from the vector source rather than scaled down from a
    large bitmap, so that the small ones stay crisp.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the app icon's SVG cannot be read")
    out: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        margin = size * (1 - scale) / 2
        renderer.render(painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
            raise RuntimeError(f"could not encode the {size}px icon as PNG")
        buffer.close()
        out[size] = bytes(data.data())
    return out


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pack_ico(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows icon holding the PNGs (an ICONDIR, one entry per image,
    then the images; PNG entries are understood since Windows Vista)."""
    sizes = sorted(pngs)
    offset = 6 + 16 * len(sizes)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 stands for 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def read_ico(data: bytes) -> list[bytes]:
    """The images of a Windows icon written by ``pack_ico``."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if reserved != 0 or kind != 1:
        raise ValueError("not a Windows icon")
    images = []
    for i in range(count):
        *_, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i : 22 + 16 * i])
        images.append(data[offset : offset + length])
    return images


def pack_icns(pngs: Mapping[int, bytes]) -> bytes:
    """A macOS icon family: the ``icns`` header, then one ``(type, length,
    PNG)`` element per icon type, big-endian lengths that count the 8-byte
    element header."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_icns(data: bytes) -> dict[bytes, bytes]:
    """The elements of a macOS icon family, by type."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not a macOS icon family")
    elements: dict[bytes, bytes] = {}
    pos = 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        elements[kind] = data[pos + 8 : pos + length]
        pos += length
    return elements


def source_digest(svg: bytes) -> str:
    return hashlib.sha256(svg).hexdigest()


def expected_files() -> dict[str, list[int]]:
    """Every generated file with the pixel sizes it must hold."""
    files = {png_name(size): [size] for size in PNG_SIZES}
    files["kzreader.ico"] = list(ICO_SIZES)
    files["kzreader.icns"] = sorted({size for _, size in ICNS_TYPES})
    files["kzreader.svg"] = []
    return files


def generate(out: Path = OUT, source: Path = SOURCE) -> list[Path]:
    """Write every icon file and the manifest into ``out``."""
    svg = source.read_bytes()
    pngs = render_pngs(svg, PNG_SIZES)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size, data in pngs.items():
        written.append(out / png_name(size))
        written[-1].write_bytes(data)
    (out / "kzreader.ico").write_bytes(pack_ico({s: pngs[s] for s in ICO_SIZES}))
    mac = render_pngs(svg, sorted({size for _, size in ICNS_TYPES}), scale=ICNS_SCALE)
    (out / "kzreader.icns").write_bytes(pack_icns(mac))
    # Linux desktops scale this one to any size (hicolor/scalable)
    (out / "kzreader.svg").write_bytes(svg)
    written += [out / "kzreader.ico", out / "kzreader.icns", out / "kzreader.svg"]
    named = source.relative_to(REPO).as_posix() if source.is_relative_to(REPO) else str(source)
    manifest = {
        "source": named,
        "source_sha256": source_digest(svg),
        "generator": "installers/icons.py",
        "files": expected_files(),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return [*written, out / MANIFEST]


def stale(out: Path = OUT, source: Path = SOURCE) -> list[str]:
    """Why the icons in ``out`` do not match the SVG (empty when they do)."""
    try:
        manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return [f"{out / MANIFEST} is missing or unreadable"]
    problems = []
    if manifest.get("source_sha256") != source_digest(source.read_bytes()):
        problems.append(f"{source.name} changed since the icons were generated")
    for name in expected_files():
        if not (out / name).is_file():
            problems.append(f"{name} is missing")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether they are stale")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for problem in problems:
            print(f"icons: {problem}; run python installers/icons.py", file=sys.stderr)
        return 1 if problems else 0
    for path in generate():
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
