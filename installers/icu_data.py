"""ICU's data for the Linux bundle, cut down to what Qt reads.

PySide6's Qt for Linux carries ICU 73, whose data library (``libicudata``)
is 32 MB: converters for every legacy code page, break rules, and the
names of currencies, languages, regions and units in 800 locales. QtCore
calls ICU for four things only: collation (``QCollator``, which sorts the
file dialogs' lists), case mapping (whose tables are in ``libicuuc``
itself), time-zone display names, and the text codecs Qt lacks (it has its
own UTF-8, UTF-16, UTF-32 and Latin-1; kzreader decodes files with
Python's codecs). So the bundle's ``libicudata`` keeps, of ICU's package:

* the top level (locale data, calendars, time zones, normalisation,
  property names), the collation tree and the time-zone names tree, each
  with the locales of ``bundling.ICU_LANGUAGES`` (their regional variants
  too) and of the root, and every item that is not a locale's;
* not the trees Qt never opens: break iteration, currency, language,
  region and unit names, transliteration, spelled-out numbers;
* no converter tables (``*.cnv``; ICU's algorithmic converters for the
  Unicode encodings, Latin-1 and ASCII need none).

A locale left out behaves as a language ICU has no data for: it falls back
on the root locale, never an error (German collation is the Unicode
default order, German time-zone names come out in English).

The package is ICU's "common data" format (a header, a table of contents
sorted by name, the items); the new one is assembled into a shared library
of the same name and exported symbol with binutils' ``as`` and ``ld``, which
PyInstaller needs on Linux in any case.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

import elf

#: ICU trees whose items are kept (``""``: the top level).
TREES_KEPT = ("", "coll", "zone")
#: Bumped when the rules below change: a cached library is then made again.
RULES_VERSION = 1

_LIBRARY = re.compile(r"^libicudata\.so\.\d+$")
_SYMBOL = re.compile(r"icudt\d+_dat")
_LOCALE = re.compile(r"^(?P<language>[a-z]{2,3}|root)(?:_[A-Za-z0-9_]*)?$")
_NOT_LOCALES = frozenset({"res_index", "pool"})
#: The ``MappedData`` header's magic bytes, and the package's data format.
_MAGIC = b"\xda\x27"
_COMMON_DATA = b"CmnD"
_ALIGN = 16
#: What ICU's own packager pads the table of contents with.
_PAD = b"\xaa"

T = TypeVar("T", bound=tuple[str, ...])


@dataclass(frozen=True)
class Package:
    """An ICU common-data package: its header and its items, in order."""

    header: bytes
    items: list[tuple[str, bytes]]

    @property
    def prefix(self) -> str:
        """The package name its item names start with (``icudt73l``)."""
        return self.items[0][0].split("/", 1)[0] if self.items else ""


def read_package(blob: bytes) -> Package:
    """Parse a common-data package (``icudt73l.dat``, or a data library's
    exported bytes)."""
    header_size, magic = struct.unpack_from("<H2s", blob, 0)
    if magic != _MAGIC or blob[12:16] != _COMMON_DATA:
        raise ValueError("not an ICU common-data package")
    if blob[8] != 0:
        raise ValueError("a big-endian ICU package")
    toc = header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        end = blob.index(b"\0", toc + name_at)
        name = blob[toc + name_at : end].decode("ascii")
        stop = entries[i + 1][1] if i + 1 < count else len(blob) - toc
        items.append((name, blob[toc + data_at : toc + stop]))
    return Package(blob[:header_size], items)


def write_package(package: Package) -> bytes:
    """The package as ICU reads it: the table of contents in the items'
    order (ICU searches it by name: ``read_package`` keeps the order it
    found), each item aligned on 16 bytes from the package's start."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in package.items)
    start = len(package.header)
    table = 4 + 8 * len(package.items)
    data_at = -(-(start + table + len(names)) // _ALIGN) * _ALIGN - start
    entries, name_at, body = [], table, bytearray()
    for name, data in package.items:
        entries.append(struct.pack("<II", name_at, data_at + len(body)))
        name_at += len(name) + 1
        body += data + _PAD * (-len(data) % _ALIGN)
    out = bytearray(package.header)
    out += struct.pack("<I", len(package.items)) + b"".join(entries) + names
    out += _PAD * (data_at - table - len(names))
    return bytes(out + body)


def keep_item(name: str, languages: Iterable[str]) -> bool:
    """Whether an item (``icudt73l/coll/fr.res``) stays in the package:
    ``languages`` and the root locale are kept of the locales."""
    parts = PurePosixPath(name).parts[1:]
    tree = parts[0] if len(parts) > 1 else ""
    if tree not in TREES_KEPT:
        return False
    leaf = parts[-1]
    if leaf.endswith(".cnv"):
        return False
    stem = leaf.rsplit(".", 1)[0]
    locale = _LOCALE.match(stem) if leaf.endswith(".res") else None
    if locale is None or stem in _NOT_LOCALES:
        return True
    return locale["language"] == "root" or locale["language"] in set(languages)


def trim(package: Package, languages: Iterable[str]) -> Package:
    wanted = tuple(languages)
    return Package(package.header, [item for item in package.items if keep_item(item[0], wanted)])


def read_library(path: Path) -> tuple[str, Package]:
    """The exported symbol's name and the package in a data library."""
    data = path.read_bytes()
    symbol, offset, size = elf.exported_object(data, _SYMBOL)
    return symbol, read_package(data[offset : offset + size])


def write_library(blob: bytes, symbol: str, soname: str, out: Path) -> Path:
    """A shared library named ``soname`` exporting ``blob`` as the
    read-only, 16-byte aligned object ``symbol``, as ICU's own is."""
    for tool in ("as", "ld"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"binutils' {tool} is missing (apt-get install binutils)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "data.bin").write_bytes(blob)
        (work / "data.s").write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            f"\t.balign {_ALIGN}\n"
            f"{symbol}:\n"
            '\t.incbin "data.bin"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n',
            "ascii",
        )
        subprocess.run(["as", "-o", "data.o", "data.s"], cwd=work, check=True)
        subprocess.run(
            ["ld", "-shared", "-soname", soname, "--build-id", "-o", "data.so", "data.o"],
            cwd=work,
            check=True,
        )
        # a whole library or none: a cached one is used as it is
        shutil.move(work / "data.so", out)
    return out


def trimmed_library(source: Path, folder: Path, languages: Iterable[str]) -> Path:
    """``source`` (a ``libicudata.so.N``) with its package trimmed, made in
    ``folder`` once for a given library and policy."""
    wanted = sorted(set(languages))
    stamp = f"{source.stat().st_size}:{source.stat().st_mtime_ns}:{RULES_VERSION}:{wanted}"
    key = hashlib.sha256(f"{source.resolve()}:{stamp}".encode()).hexdigest()[:12]
    out = folder / key / source.name
    if out.is_file():
        return out
    symbol, package = read_library(source)
    write_library(write_package(trim(package, wanted)), symbol, source.name, out)
    return out


def trim_toc(entries: Iterable[T], folder: Path, languages: Iterable[str]) -> list[T]:
    """A PyInstaller TOC (``(dest, src, typecode)``) with every
    ``libicudata.so.N`` taken from its trimmed copy, made in ``folder``."""
    wanted = tuple(languages)
    out: list[T] = []
    for entry in entries:
        dest, src, kind = entry[:3]
        if kind == "BINARY" and _LIBRARY.match(PurePosixPath(dest.replace("\\", "/")).name):
            trimmed = trimmed_library(Path(src), folder, wanted)
            entry = type(entry)((dest, str(trimmed), kind))
        out.append(entry)
    return out
