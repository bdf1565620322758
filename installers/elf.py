"""The little of a Linux shared library the bundle's policy reads: the
libraries it needs (``DT_NEEDED``) and where an exported data symbol's bytes
are. 64-bit little-endian ELF files only (x86-64 and arm64 Linux)."""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

_SHT_DYNAMIC = 6
_SHT_DYNSYM = 11
_DT_NEEDED = 1


@dataclass(frozen=True)
class _Section:
    kind: int
    address: int
    offset: int
    size: int
    link: int
    entry_size: int


def _sections(data: bytes) -> list[_Section]:
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    (table,) = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(count):
        _, kind, _, address, offset, size, link, _, _, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", data, table + i * entry_size
        )
        sections.append(_Section(kind, address, offset, size, link, entsize))
    return sections


def _string(data: bytes, table: _Section, at: int) -> str:
    start = table.offset + at
    return data[start : data.index(b"\0", start)].decode("utf-8", "replace")


def needed(path: Path) -> list[str]:
    """The sonames a library or program needs, in order (none for a file
    that is not a 64-bit little-endian ELF file)."""
    data = path.read_bytes()
    try:
        sections = _sections(data)
    except (ValueError, struct.error):
        return []
    names = []
    for section in sections:
        if section.kind != _SHT_DYNAMIC or not section.entry_size:
            continue
        strings = sections[section.link]
        for at in range(section.offset, section.offset + section.size, section.entry_size):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == _DT_NEEDED:
                names.append(_string(data, strings, value))
    return names


def exported_object(data: bytes, pattern: re.Pattern[str]) -> tuple[str, int, int]:
    """The name, file offset and size of the defined dynamic symbol whose
    name matches ``pattern`` (``icudt73_dat`` in ICU's data library)."""
    sections = _sections(data)
    for section in sections:
        if section.kind != _SHT_DYNSYM or not section.entry_size:
            continue
        strings = sections[section.link]
        for at in range(section.offset, section.offset + section.size, section.entry_size):
            name_at, _, _, index, value, size = struct.unpack_from("<IBBHQQ", data, at)
            name = _string(data, strings, name_at)
            if 0 < index < len(sections) and pattern.fullmatch(name):
                holder = sections[index]
                return name, value - holder.address + holder.offset, size
    raise ValueError(f"no symbol {pattern.pattern} in the library")
