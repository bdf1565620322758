"""REFI-QDA exchange, shared: the reports, errors, limits, GUIDs, XML values
and the atomic writing that export and import both use (see ``qdpx``)."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, ElementTree

from kzreader.core import atomic
from kzreader.core.errors import KzreaderError
from kzreader.core.importing.decode import MAX_BYTES
from kzreader.core.passages import DIRECTIONS

if TYPE_CHECKING:
    pass

Progress = Callable[[int, int, str], None]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_MEMBER = "project.qde"
SOURCES_FOLDER = "sources"

#: Namespace of the GUIDs derived from kzreader uids (and of the fixed ones).
#: Never change it: every GUID ever exported depends on it.
GUID_NAMESPACE = uuid.UUID("8f8f1194-521c-46b4-803a-bde837176d27")

#: Document fields exported as variables, with the variable's name.
FIELD_VARIABLES = {"source": "Outlet", "published": "Date", "url": "URL", "language": "Language"}
#: Where notes attached to a whole source go: kzreader documents have no note.
SOURCE_NOTE_ATTRIBUTE = "Note"
#: kzreader link directions and their REFI-QDA names.
DIRECTIONS_OUT = dict(zip(DIRECTIONS, ("OneWay", "Bidirectional", "Associative"), strict=True))
DIRECTIONS_IN = {v.casefold(): k for k, v in DIRECTIONS_OUT.items()}
#: The relation of a link that another tool left unnamed.
UNNAMED_RELATION = "related"

# Limits on what an import reads. A .qdpx comes from elsewhere: a damaged or
# hostile file must be refused before it can exhaust memory.
#: All members together, uncompressed.
MAX_TOTAL_BYTES = 2 * 1024**3
#: ``project.qde`` (the texts of sources may be in it).
MAX_MEMBER_BYTES = 512 * 1024**2
#: One source's text: no larger than an article imported from a file.
MAX_SOURCE_BYTES = MAX_BYTES
#: Members in the archive.
MAX_MEMBERS = 200_000
#: A member larger than ``RATIO_MIN_BYTES`` may not be more than this many
#: times its compressed size (text compresses 3 to 10 times; a zip bomb, a
#: thousand times).
MAX_RATIO = 200
RATIO_MIN_BYTES = 1024**2
#: A codebook file (.qdc).
MAX_CODEBOOK_BYTES = 64 * 1024**2
#: Levels of nested codes: deeper is a broken (or hostile) file, not a codebook.
MAX_CODE_DEPTH = 64

_UNSAFE_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$")
_COLOR6 = re.compile(r"^#[0-9a-fA-F]{6}$")
_COLOR3 = re.compile(r"^#[0-9a-fA-F]{3}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_SELECTION_NAME = 60  # characters of a passage shown as its selection's name


class ProjectError(KzreaderError):
    """A REFI-QDA project or codebook that cannot be read or written; the
    message says which part of the file is wrong and what to do."""


# -- reports ---------------------------------------------------------------------


@dataclass
class ExportReport:
    """What an export wrote (a project, or a codebook with only ``codes``)."""

    path: Path
    documents: int = 0
    passages: int = 0
    codes: int = 0
    links: int = 0
    notes: int = 0
    variables: int = 0
    #: What was left out, and why, for a person.
    left_out: list[str] = field(default_factory=list)


@dataclass
class CodebookImportReport:
    """What importing a codebook (alone, or a project's) did to the tags."""

    path: Path
    tags_created: int = 0
    #: Codes whose path was already a tag: merged into it (its colour kept).
    tags_existing: int = 0
    #: Existing tags without a description that received the code's.
    descriptions_added: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class ProjectImportReport(CodebookImportReport):
    """What importing a project did."""

    name: str = ""
    documents_created: list[int] = field(default_factory=list)
    #: Documents whose text was already in the library: reused, not duplicated.
    documents_reused: list[int] = field(default_factory=list)
    passages_created: int = 0
    #: Selections whose extent was already a passage (in the library, or an
    #: earlier selection of the project): their codes and notes joined it.
    passages_merged: int = 0
    links_created: int = 0
    notes_attached: int = 0
    attributes_set: int = 0


# -- GUIDs, XML values -------------------------------------------------------------


def stable_guid(kind: str, uid: str) -> str:
    """The GUID of a kzreader object: its uid when that is a UUID (kzreader's
    are), else one derived from it, so that the same object always gets the
    same GUID."""
    try:
        return str(uuid.UUID(uid))
    except (ValueError, TypeError, AttributeError):
        return derived_guid(kind, str(uid))


def derived_guid(*parts: str) -> str:
    """A GUID for something that has no uid of its own (a coding, a note)."""
    return str(uuid.uuid5(GUID_NAMESPACE, ":".join(parts)))


FIELD_GUIDS = {name: derived_guid("variable", "field", name) for name in FIELD_VARIABLES}


def _xml_text(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold (most control
    characters) replaced: one stray control character in a note would
    otherwise make the whole project unreadable for every tool."""
    return _UNSAFE_XML_CHARS.sub("\ufffd", value)


def _set(el: Element, name: str, value: str | None) -> None:
    if value:
        el.set(name, _xml_text(value))


def _datetime(value: str | None) -> str | None:
    """``value`` if it is an ``xsd:dateTime`` (kzreader's timestamps are)."""
    return value if value and _DATETIME.match(value) else None


def _export_color(color: str | None) -> str | None:
    return color.upper() if color and _COLOR6.match(color) else None


def _import_color(color: str | None) -> str | None:
    """A ``#RRGGBB`` colour from the file's ``#RGB`` or ``#RRGGBB``, else None."""
    color = (color or "").strip()
    if _COLOR3.match(color):
        color = "#" + "".join(c * 2 for c in color[1:])
    return color.lower() if _COLOR6.match(color) else None


def _chunks(items: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- writing files atomically -----------------------------------------------------------


def _write_atomically(out_path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary)`` then rename the temporary file to
    ``out_path`` (``atomic.new_file``): a reader never sees half a file, and
    on any error (a full disk, a failed query) nothing is left behind — an
    older file at ``out_path`` stays as it was. The file gets the usual
    permissions (the user's umask)."""
    try:
        with atomic.new_file(out_path) as temporary:
            write(temporary)
    except atomic.WriteError as exc:
        raise ProjectError(str(exc)) from exc


def _xml_bytes(root: Element, namespace: str) -> bytes:
    """The document, every element in ``namespace`` as its default one.

    Elements are built with plain names and the namespace declared on the
    root: ElementTree's ``default_namespace`` refuses unqualified attributes,
    and ``register_namespace`` would change a registry global to the process.
    """
    root.set("xmlns", namespace)
    buffer = io.BytesIO()
    ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue()
