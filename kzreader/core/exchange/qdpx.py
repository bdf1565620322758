"""REFI-QDA exchange: projects (``.qdpx``) and codebooks (``.qdc``).

REFI-QDA (www.qdasoftware.org) is the format through which ATLAS.ti, MAXQDA,
NVivo, QualCoder and others exchange coded material: it is how a kzreader
library travels to the tools a research team already uses, and how their
work comes back. A ``.qdpx`` is a zip holding ``project.qde`` (XML, namespace
``urn:QDA-XML:project:1.0``) and the sources' plain texts under ``sources/``;
a ``.qdc`` is a codebook alone (namespace ``urn:QDA-XML:codebook:1.0``).

==========================  ==================================================
kzreader                    REFI-QDA
==========================  ==================================================
the library's user          ``Users/User`` (one)
tag, its sub-tags           ``CodeBook/Codes/Code``, nested; colour ``#RRGGBB``,
                            description in ``Description``; a parent tag that
                            codes no passage itself is ``isCodable="false"``
document                    ``Sources/TextSource`` named by its title, its text
                            in ``sources/<GUID>.txt`` (``internal://<GUID>.txt``)
outlet, date, URL,          ``Variables/Variable`` (``Text``) and a
language, attributes        ``VariableValue`` on the source
passage                     ``PlainTextSelection`` (positions in code points)
                            holding a ``Coding/CodeRef`` per tag
passage note                ``Notes/Note``, referenced by the selection's
                            ``NoteRef``
link                        ``Links/Link``: originGUID → targetGUID, the
                            relation as ``name``, one-way / both / none as
                            ``OneWay`` / ``Bidirectional`` / ``Associative``;
                            its note as a ``Note`` referenced by ``NoteRef``
==========================  ==================================================

GUIDs are derived from kzreader's uids, never drawn at random: exporting
twice writes the same GUIDs, so that a tool importing a newer export can
recognise what it already holds.

An import reads the whole project and checks every reference *before* the
library is touched, then writes all of it in one transaction recorded as one
undoable operation ("Import project …"): a project that cannot be read whole
is refused whole, with a message saying why, and undo removes all of it.
"""

from __future__ import annotations

import contextlib
import getpass
import io
import os
import re
import unicodedata
import urllib.parse
import uuid
import zipfile
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, ElementTree, ParseError, SubElement

import defusedxml
from defusedxml import ElementTree as SafeET
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kzreader import __version__
from kzreader.core.anchoring import make_selector
from kzreader.core.backup import disk_full
from kzreader.core.db import now_iso
from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.exchange.selection import sweep_leftovers
from kzreader.core.importing.decode import MAX_BYTES
from kzreader.core.importing.langid import detect_language
from kzreader.core.importing.normalize import BOM
from kzreader.core.importing.parse import parse_article
from kzreader.core.importing.pipeline import content_hash
from kzreader.core.models import Document, DocumentAttribute, Link, Meta, Passage, passage_tags
from kzreader.core.passages import DIRECTIONS, canonical_relation
from kzreader.core.tags import SEPARATOR, TagTree, ensure_path

if TYPE_CHECKING:
    from kzreader.core.library import Library

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
    ``out_path``: a reader never sees half a file, and on any error (a full
    disk, a failed query) nothing is left behind — an older file at
    ``out_path`` stays as it was."""
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise ProjectError(f"cannot write {out_path}: the folder {out_path.parent} does not exist")
    sweep_leftovers(out_path)
    temporary = out_path.with_name(f".{out_path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(temporary)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, out_path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            reason = "the disk is full" if disk_full(exc) else exc.strerror or str(exc)
            raise ProjectError(f"cannot write {out_path}: {reason}") from exc
        raise


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


# -- export: what is exported -------------------------------------------------------


@dataclass
class _Choice:
    """What an export holds, by id."""

    documents: list[int]
    #: Passages to export; None: every passage of the documents.
    passages: set[int] | None
    #: Tags in the codebook (with their ancestors, for the hierarchy).
    codebook: set[int]
    #: Tags whose codings are exported.
    coding: set[int]


def _choose(
    s: Session, tree: TagTree, tags: Sequence[str] | None, documents: Sequence[int] | None
) -> _Choice:
    """Tags chosen: only passages carrying them (or a sub-tag), only their
    codings, and only the documents holding those passages. Documents chosen:
    only those, with or without passages. Both: passages of those documents
    carrying those tags. None or empty: no restriction (as for the other
    exports, see ``exchange.selection``)."""
    all_tags = set(tree.by_id)
    passages: set[int] | None = None
    coding = all_tags
    codebook = all_tags
    if tags:
        coding = {i for path in tags for i in tree.descendants(tree.get(path).id)}
        codebook = set(coding)
        for tag_id in coding:
            parent = tree.by_id[tag_id].parent_id
            while parent is not None and parent not in codebook:
                codebook.add(parent)
                parent = tree.by_id[parent].parent_id
        passages = set()
        for chunk in _chunks(sorted(coding)):
            passages.update(
                s.scalars(select(passage_tags.c.passage_id).where(passage_tags.c.tag_id.in_(chunk)))
            )
    if documents:
        wanted = sorted(set(documents))
        found: set[int] = set()
        for chunk in _chunks(wanted):
            found.update(s.scalars(select(Document.id).where(Document.id.in_(chunk))))
        missing = [i for i in wanted if i not in found]
        if missing:
            raise NotFoundError(
                f"there is no document {', '.join(map(str, missing))} in this library"
            )
        doc_ids = wanted
    elif passages is not None:
        holding: set[int] = set()
        for chunk in _chunks(sorted(passages)):
            holding.update(
                s.scalars(select(Passage.document_id).where(Passage.id.in_(chunk)).distinct())
            )
        doc_ids = sorted(holding)
    else:
        doc_ids = list(s.scalars(select(Document.id).order_by(Document.id)))
    return _Choice(doc_ids, passages, codebook, coding)


def _user(s: Session) -> tuple[str, str]:
    """``(GUID, name)`` of the library's one user."""
    meta = s.get(Meta, "library_uid")
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = "kzreader"
    return derived_guid("user", meta.value if meta else "library"), name


# -- export: the codebook -----------------------------------------------------------


def _codes_element(s: Session, tree: TagTree, chosen: set[int]) -> Element | None:
    """``Codes`` with the chosen tags nested as in the library, or None when
    there are none (the schema wants at least one ``Code``)."""
    if not chosen:
        return None
    used = set(s.scalars(select(passage_tags.c.tag_id).distinct()))
    children: dict[int | None, list[int]] = {}
    for tag_id in chosen:
        children.setdefault(tree.by_id[tag_id].parent_id, []).append(tag_id)
    has_children = {t.parent_id for t in tree.by_id.values()}

    def ordered(parent: int | None) -> list[int]:
        return sorted(children.get(parent, []), key=lambda i: tree.by_id[i].name.casefold())

    codes = Element("Codes")
    stack: list[tuple[Element, int]] = [(codes, i) for i in reversed(ordered(None))]
    while stack:
        parent_el, tag_id = stack.pop()
        tag = tree.by_id[tag_id]
        el = SubElement(parent_el, "Code")
        el.set("guid", stable_guid("tag", tag.uid))
        el.set("name", _xml_text(tag.name))
        # A parent that codes nothing itself is a category: tools offer its
        # children for coding, not it.
        codable = tag_id in used or tag_id not in has_children
        el.set("isCodable", "true" if codable else "false")
        _set(el, "color", _export_color(tag.color))
        if tag.description:
            SubElement(el, "Description").text = _xml_text(tag.description)
        stack.extend((el, child) for child in reversed(ordered(tag_id)))
    return codes


# -- export: the project ---------------------------------------------------------------


class _ProjectWriter:
    """Builds ``project.qde`` while the sources' texts go into the zip."""

    def __init__(self, s: Session, choice: _Choice, tree: TagTree, report: ExportReport) -> None:
        self.s = s
        self.choice = choice
        self.tree = tree
        self.report = report
        self.user_guid, self.user_name = _user(s)
        self.notes: list[Element] = []
        self.passage_guids: dict[int, str] = {}

    def root(self, name: str) -> Element:
        created = self.s.get(Meta, "created_at")
        root = Element("Project")
        root.set("name", _xml_text(name))
        root.set("origin", f"kzreader {__version__}")
        root.set("creatingUserGUID", self.user_guid)
        _set(root, "creationDateTime", _datetime(created.value if created else None))
        root.set("modifyingUserGUID", self.user_guid)
        root.set("modifiedDateTime", now_iso())
        users = SubElement(root, "Users")
        user = SubElement(users, "User")
        user.set("guid", self.user_guid)
        _set(user, "name", self.user_name)
        codes = _codes_element(self.s, self.tree, self.choice.codebook)
        if codes is not None:
            SubElement(root, "CodeBook").append(codes)
            self.report.codes = len(self.choice.codebook)
        return root

    def variables(self, root: Element, keys: Sequence[str]) -> dict[str, str]:
        """``Variables``: the document fields (always, so that an attribute
        of the same name is never taken for one) and every attribute key.
        Returns ``{attribute key: GUID}``."""
        el = SubElement(root, "Variables")
        for name, label in FIELD_VARIABLES.items():
            self._variable(el, FIELD_GUIDS[name], label, f"kzreader document field: {name}")
        guids = {key: derived_guid("variable", "attribute", key) for key in keys}
        for key, guid in guids.items():
            self._variable(el, guid, key, None)
        self.report.variables = len(FIELD_VARIABLES) + len(guids)
        return guids

    @staticmethod
    def _variable(parent: Element, guid: str, name: str, description: str | None) -> None:
        el = SubElement(parent, "Variable")
        el.set("guid", guid)
        el.set("name", _xml_text(name))
        el.set("typeOfVariable", "Text")
        if description:
            SubElement(el, "Description").text = description

    def note(self, guid: str, name: str, text: str, created: str | None) -> str:
        el = Element("Note")
        el.set("guid", guid)
        el.set("name", _xml_text(name))
        el.set("creatingUser", self.user_guid)
        _set(el, "creationDateTime", _datetime(created))
        SubElement(el, "PlainTextContent").text = _xml_text(text)
        self.notes.append(el)
        self.report.notes += 1
        return guid

    def source(
        self,
        sources: Element,
        doc: Document,
        passages: list[Passage],
        tags_of: dict[int, list[int]],
        attributes: dict[str, str],
        attribute_guids: dict[str, str],
    ) -> str:
        """One ``TextSource`` with its selections; returns its GUID."""
        guid = stable_guid("document", doc.uid)
        el = SubElement(sources, "TextSource")
        el.set("guid", guid)
        el.set("name", _xml_text(doc.title))
        el.set("plainTextPath", f"internal://{guid}.txt")
        el.set("creatingUser", self.user_guid)
        _set(el, "creationDateTime", _datetime(doc.imported_at))
        _set(el, "modifiedDateTime", _datetime(doc.updated_at))
        length = len(doc.text)
        for passage in sorted(passages, key=lambda p: (p.start, p.end, p.id)):
            if passage.status == "orphan" or not 0 <= passage.start < passage.end <= length:
                continue
            self._selection(el, passage, tags_of.get(passage.id, []))
        values = [(FIELD_GUIDS[name], getattr(doc, name)) for name in FIELD_VARIABLES]
        values += [(attribute_guids[k], v) for k, v in sorted(attributes.items())]
        for variable, value in values:
            if value:
                vv = SubElement(el, "VariableValue")
                SubElement(vv, "VariableRef").set("targetGUID", variable)
                SubElement(vv, "TextValue").text = _xml_text(value)
        self.report.documents += 1
        return guid

    def _selection(self, source: Element, passage: Passage, tag_ids: list[int]) -> None:
        guid = stable_guid("passage", passage.uid)
        self.passage_guids[passage.id] = guid
        el = SubElement(source, "PlainTextSelection")
        el.set("guid", guid)
        el.set("name", _xml_text(_short(passage.exact)))
        el.set("startPosition", str(passage.start))
        el.set("endPosition", str(passage.end))
        el.set("creatingUser", self.user_guid)
        _set(el, "creationDateTime", _datetime(passage.created_at))
        _set(el, "modifiedDateTime", _datetime(passage.modified_at))
        coded = [t for t in tag_ids if t in self.choice.coding]
        for tag_id in sorted(coded, key=lambda t: self.tree.path(t).casefold()):
            tag_uid = self.tree.by_id[tag_id].uid
            coding = SubElement(el, "Coding")
            coding.set("guid", derived_guid("coding", passage.uid, tag_uid))
            coding.set("creatingUser", self.user_guid)
            SubElement(coding, "CodeRef").set("targetGUID", stable_guid("tag", tag_uid))
        if passage.note:
            note = self.note(
                derived_guid("note", "passage", passage.uid),
                f"Note on “{_short(passage.exact, 40)}”",
                passage.note,
                passage.modified_at,
            )
            SubElement(el, "NoteRef").set("targetGUID", note)
        self.report.passages += 1

    def finish(self, root: Element, links: Sequence[Link]) -> None:
        """``Notes`` (gathered from the selections, and the links' own) and
        ``Links``, after ``Sources`` as the schema orders them. Only links
        whose two passages are exported are kept: a link to a passage that is
        not in the project would be a reference to nothing."""
        kept = [
            link
            for link in links
            if link.source_id in self.passage_guids and link.target_id in self.passage_guids
        ]
        if len(kept) < len(links):
            self.report.left_out.append(
                f"{len(links) - len(kept)} link(s) to passages outside the export"
            )
        notes = []
        for link in kept:
            if link.note:
                notes.append(
                    self.note(
                        derived_guid("note", "link", link.uid),
                        f"Note on the link “{link.relation}”",
                        link.note,
                        link.created_at,
                    )
                )
            else:
                notes.append("")
        if self.notes:
            notes_el = SubElement(root, "Notes")
            notes_el.extend(self.notes)
        if kept:
            links_el = SubElement(root, "Links")
            for link, note in zip(kept, notes, strict=True):
                el = SubElement(links_el, "Link")
                el.set("guid", stable_guid("link", link.uid))
                el.set("name", _xml_text(link.relation))
                el.set("direction", DIRECTIONS_OUT.get(link.direction, "OneWay"))
                el.set("originGUID", self.passage_guids[link.source_id])
                el.set("targetGUID", self.passage_guids[link.target_id])
                if note:
                    SubElement(el, "NoteRef").set("targetGUID", note)
        self.report.links = len(kept)


def _short(text: str, limit: int = _SELECTION_NAME) -> str:
    folded = " ".join(text.split())
    return folded if len(folded) <= limit else folded[: limit - 1].rstrip() + "…"


def export_qdpx(
    lib: Library,
    out_path: str | Path,
    *,
    tags: Sequence[str] | None = None,
    documents: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the library (or the chosen tags' passages, or the chosen
    documents) as a REFI-QDA project to ``out_path`` (a ``.qdpx``).

    Read in one transaction, so that the export is a consistent snapshot even
    while the app goes on writing. Orphaned passages are left out (their
    positions no longer describe their text), and so are links to passages
    outside the export; ``left_out`` says how many.
    """
    out_path = Path(out_path)
    report = ExportReport(path=out_path)

    def write(temporary: Path) -> None:
        with (
            lib._session() as s,
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            _write_project(s, archive, tags, documents, report, progress, lib.path.name)

    _write_atomically(out_path, write)
    return report


def _write_project(
    s: Session,
    archive: zipfile.ZipFile,
    tags: Sequence[str] | None,
    documents: Sequence[int] | None,
    report: ExportReport,
    progress: Progress | None,
    name: str,
) -> None:
    tree = TagTree.load(s)
    choice = _choose(s, tree, tags, documents)
    writer = _ProjectWriter(s, choice, tree, report)
    root = writer.root(name)
    attributes: dict[int, dict[str, str]] = {}
    for chunk in _chunks(choice.documents):
        for attr in s.scalars(
            select(DocumentAttribute).where(DocumentAttribute.document_id.in_(chunk))
        ):
            attributes.setdefault(attr.document_id, {})[attr.key] = attr.value
    keys = sorted({k for values in attributes.values() for k in values}, key=str.casefold)
    attribute_guids = writer.variables(root, keys)
    tags_of: dict[int, list[int]] = {}
    for passage_id, tag_id in s.execute(select(passage_tags.c.passage_id, passage_tags.c.tag_id)):
        tags_of.setdefault(passage_id, []).append(tag_id)
    sources = Element("Sources")
    total = len(choice.documents)
    orphans = 0
    links: list[Link] = []
    done = 0
    for chunk in _chunks(choice.documents, 50):
        docs = {d.id: d for d in s.scalars(select(Document).where(Document.id.in_(chunk)))}
        by_doc: dict[int, list[Passage]] = {}
        for passage in s.scalars(select(Passage).where(Passage.document_id.in_(chunk))):
            if choice.passages is None or passage.id in choice.passages:
                by_doc.setdefault(passage.document_id, []).append(passage)
        for doc_id in chunk:
            doc = docs[doc_id]
            if progress is not None:
                progress(done, total, doc.title)
            passages = by_doc.get(doc_id, [])
            orphans += sum(
                1
                for p in passages
                if p.status == "orphan" or not 0 <= p.start < p.end <= len(doc.text)
            )
            guid = writer.source(
                sources, doc, passages, tags_of, attributes.get(doc_id, {}), attribute_guids
            )
            archive.writestr(f"{SOURCES_FOLDER}/{guid}.txt", doc.text.encode("utf-8"))
            done += 1
        s.expunge_all()  # the texts written are not kept in memory
    passage_ids = sorted(writer.passage_guids)
    seen: set[int] = set()
    for chunk in _chunks(passage_ids):
        for link in s.scalars(
            select(Link).where(Link.source_id.in_(chunk) | Link.target_id.in_(chunk))
        ):
            if link.id not in seen:
                seen.add(link.id)
                links.append(link)
    links.sort(key=lambda link: link.id)
    if len(sources):
        root.append(sources)
    writer.finish(root, links)
    if orphans:
        report.left_out.insert(
            0, f"{orphans} orphaned passage(s): their place in the text is lost; re-attach them"
        )
    archive.writestr(PROJECT_MEMBER, _xml_bytes(root, PROJECT_NS))
    if progress is not None:
        progress(total, total, "")


# -- export: a codebook alone ---------------------------------------------------------


def export_qdc(
    lib: Library, out_path: str | Path, *, tags: Sequence[str] | None = None
) -> ExportReport:
    """Write the tag hierarchy (or the chosen tags with their sub-tags and
    ancestors) as a REFI-QDA codebook (``.qdc``)."""
    out_path = Path(out_path)
    report = ExportReport(path=out_path)

    def write(temporary: Path) -> None:
        with lib._session() as s:
            tree = TagTree.load(s)
            choice = _choose(s, tree, tags, documents=None)
            root = Element("CodeBook")
            root.set("origin", f"kzreader {__version__}")
            codes = _codes_element(s, tree, choice.codebook)
            if codes is None:
                raise ProjectError("there are no tags to export: a codebook needs at least one")
            root.append(codes)
            report.codes = len(choice.codebook)
        temporary.write_bytes(_xml_bytes(root, CODEBOOK_NS))

    _write_atomically(out_path, write)
    return report


# -- import: reading the archive safely ---------------------------------------------------


def _unsafe_member(name: str) -> bool:
    """A member name that would point outside the archive if extracted:
    absolute, with a drive letter, or climbing with ``..``."""
    posix = name.replace("\\", "/")
    return (
        posix.startswith("/")
        or bool(_DRIVE.match(posix))
        or "\x00" in posix
        or any(part == ".." for part in posix.split("/"))
    )


class _Archive:
    """A ``.qdpx`` opened for reading, its members checked before any is read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise ProjectError(f"there is no project file {path}")
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise ProjectError(
                f"{path.name} is not a REFI-QDA project: it is not a readable zip archive "
                f"({exc}). Export the project from its tool again as .qdpx"
            ) from exc
        try:
            self.members = self._check(self.zip.infolist())
        except BaseException:
            self.zip.close()
            raise

    def _check(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        name = self.path.name
        if len(infos) > MAX_MEMBERS:
            raise ProjectError(f"{name} holds {len(infos)} files, more than a project can")
        total = 0
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if _unsafe_member(info.filename):
                raise ProjectError(
                    f"{name} is refused: it holds a file named {info.filename!r}, which points "
                    "outside the project (an absolute path, a drive or '..'). A REFI-QDA tool "
                    "never writes such names; the file may be malicious"
                )
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise ProjectError(
                    f"{name} is refused: it would unpack to more than "
                    f"{MAX_TOTAL_BYTES // 1024**3} GB"
                )
            if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise ProjectError(
                    f"{name} is refused: {info.filename} is compressed "
                    f"{info.file_size // max(info.compress_size, 1)} times, far more than any "
                    "text is (a 'zip bomb')"
                )
            if not info.is_dir():
                members[info.filename.replace("\\", "/").casefold()] = info
        return members

    def close(self) -> None:
        self.zip.close()

    def find(self, name: str) -> zipfile.ZipInfo | None:
        return self.members.get(name.replace("\\", "/").casefold())

    def read(self, info: zipfile.ZipInfo, limit: int = MAX_MEMBER_BYTES) -> bytes:
        """The bytes of a member, never more than ``limit`` of them in memory
        (the sizes a zip declares are not trusted)."""
        limit = min(limit, MAX_TOTAL_BYTES)
        if info.file_size > limit:
            raise ProjectError(
                f"{info.filename} in {self.path.name} is too large "
                f"({info.file_size // 1024**2} MB, over {limit // 1024**2} MB)"
            )
        try:
            with self.zip.open(info) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise ProjectError(
                f"{info.filename} in {self.path.name} cannot be unpacked ({exc}): "
                "the project file is damaged"
            ) from exc
        except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
            raise ProjectError(
                f"{info.filename} in {self.path.name} cannot be read: {exc}"
            ) from exc
        if len(data) > limit:
            raise ProjectError(f"{info.filename} in {self.path.name} is too large")
        return data

    def project(self) -> bytes:
        info = self.find(PROJECT_MEMBER)
        if info is None:
            roots = [
                i for key, i in self.members.items() if "/" not in key and key.endswith(".qde")
            ]
            if len(roots) != 1:
                raise ProjectError(
                    f"{self.path.name} is not a REFI-QDA project: it holds no {PROJECT_MEMBER}. "
                    "Choose the .qdpx file that the other tool exported"
                )
            info = roots[0]
        return self.read(info)

    def source(self, reference: str, what: str) -> bytes:
        """The bytes a ``plainTextPath`` names: ``internal://`` paths are in
        the archive's ``sources/`` folder; ``relative://`` and bare relative
        paths are looked for in the archive too. Files outside the archive
        are not read: a project file must not make kzreader open arbitrary
        files of the computer."""
        ref = reference.strip()
        scheme, separator, rest = ref.partition("://")
        if not separator:
            scheme, rest = "", ref
        scheme = scheme.casefold()
        if scheme not in ("", "internal", "relative"):
            raise ProjectError(
                f"{what} is stored outside the project ({reference}); kzreader reads only "
                "texts inside the .qdpx. Export the project again with its sources included"
            )
        if _unsafe_member(rest) or _unsafe_member(urllib.parse.unquote(rest)):
            raise ProjectError(
                f"{what} has the path {reference!r}, which points outside the project: refused"
            )
        names = [rest, urllib.parse.unquote(rest)]
        candidates = [f"{SOURCES_FOLDER}/{n}" for n in names] + names
        if scheme != "internal":
            candidates = names + [f"{SOURCES_FOLDER}/{n}" for n in names]
        for candidate in candidates:
            info = self.find(str(PurePosixPath(candidate)))
            if info is not None:
                return self.read(info, MAX_SOURCE_BYTES)
        raise ProjectError(
            f"{what} refers to {reference}, which is not in {self.path.name}: "
            "the project file is incomplete"
        )


def _parse_xml(data: bytes, what: str) -> Element:
    """Parse with defusedxml: entity declarations (the 'billion laughs'
    attack) and references to external files or addresses are refused, not
    expanded."""
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        if getattr(exc, "sysid", None):
            raise ProjectError(
                f"{what} is refused: it declares an external XML entity ({exc.sysid}), "
                "through which a file could make kzreader read other files of the computer. "
                "REFI-QDA tools do not write them; the file may be malicious"
            ) from exc
        raise ProjectError(
            f"{what} is refused: it declares XML entities, which kzreader does not expand "
            "(expanding them can exhaust the computer's memory, as a 'billion laughs' file "
            "does). REFI-QDA tools do not write them; the file may be malicious"
        ) from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise ProjectError(
            f"{what} is refused: it refers to external files or addresses, which kzreader "
            "does not follow"
        ) from exc
    except defusedxml.DefusedXmlException as exc:
        raise ProjectError(f"{what} is refused: {exc}") from exc
    except ParseError as exc:
        raise ProjectError(
            f"{what} is not well-formed XML ({exc}): the file is damaged or was not written "
            "by a REFI-QDA tool"
        ) from exc


def _local(tag: object) -> str:
    """An element's name without its namespace (tools differ on namespaces;
    comments and processing instructions have none)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: Element | None, name: str) -> list[Element]:
    return [] if el is None else [c for c in el if _local(c.tag) == name]


def _child(el: Element | None, name: str) -> Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _content(el: Element | None) -> str:
    return "" if el is None else "".join(el.itertext())


def _clean(text: str) -> str:
    """Newlines as ``\\n`` and Unicode NFC, as kzreader keeps every text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def _guid(value: str | None) -> str:
    """A GUID as a lookup key: braces dropped, lower case."""
    return (value or "").strip().strip("{}").strip().lower()


def _guid_of(el: Element, what: str) -> str:
    guid = _guid(el.get("guid"))
    if not guid:
        raise ProjectError(f"{what} has no guid: the project file is incomplete")
    return guid


def _tag_name(name: str | None) -> str:
    """A code name as a tag name: '/' separates kzreader's levels, so a code
    named 'Pro/Contra' keeps its look with a division slash."""
    cleaned = " ".join(_clean(name or "").split())
    return cleaned.replace(SEPARATOR, "\u2215") or "Unnamed code"


def _timestamp(value: str | None) -> str | None:
    """A REFI-QDA ``xsd:dateTime`` as kzreader stores times (UTC, seconds)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


# -- import: the project read into memory ---------------------------------------------------


@dataclass
class _Code:
    guid: str
    path: str
    color: str | None
    description: str | None


@dataclass
class _Selection:
    guid: str
    #: Positions in the text as kzreader keeps it (after normalisation).
    start: int
    end: int
    codes: list[str]
    notes: list[str]
    created: str | None
    modified: str | None


@dataclass
class _Source:
    guid: str
    name: str
    text: str
    selections: list[_Selection]
    #: ``{variable GUID: value}``
    values: dict[str, str]
    notes: list[str]


@dataclass
class _ProjectLink:
    name: str
    direction: str
    origin: str
    target: str
    notes: list[str]


@dataclass
class _Project:
    name: str
    codes: dict[str, _Code] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    sources: list[_Source] = field(default_factory=list)
    links: list[_ProjectLink] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: ``{variable GUID: document field}`` for the variables that are fields.
    fields: dict[str, str] = field(default_factory=dict)
    #: Sources of every kind: the progress of reading, then of storing, is
    #: counted in them.
    steps: int = 0


def _read_codes(
    codes_el: Element | None, what: str, notes: dict[str, str] | None
) -> dict[str, _Code]:
    """Every ``Code`` under ``codes_el``, parents before children; a code's
    description is its ``Description``, else its notes (a project's codes
    may have memos through ``NoteRef``; ``notes`` None: they are not looked
    for, as in a codebook read alone)."""
    out: dict[str, _Code] = {}
    stack: list[tuple[Element, tuple[str, ...]]] = [
        (el, ()) for el in reversed(_children(codes_el, "Code"))
    ]
    while stack:
        el, parents = stack.pop()
        guid = _guid_of(el, f"a code of {what}")
        names = (*parents, _tag_name(el.get("name")))
        if len(names) > MAX_CODE_DEPTH:
            raise ProjectError(
                f"{what} nests codes more than {MAX_CODE_DEPTH} levels deep: refused"
            )
        description = _clean(_content(_child(el, "Description")))
        if not description and notes is not None:
            memo = [notes[r] for r in _refs(el, "NoteRef", notes, f"code '{names[-1]}'")]
            description = "\n\n".join(n for n in memo if n)
        out.setdefault(
            guid,
            _Code(guid, SEPARATOR.join(names), _import_color(el.get("color")), description or None),
        )
        stack.extend((child, names) for child in reversed(_children(el, "Code")))
    return out


def _refs(el: Element, name: str, known: Container[str], what: str) -> list[str]:
    """The targets of ``el``'s ``name`` children (``NoteRef``…), each known."""
    out = []
    for ref in _children(el, name):
        target = _guid(ref.get("targetGUID"))
        if target not in known:
            kind = {"NoteRef": "note", "CodeRef": "code", "VariableRef": "variable"}.get(name, "")
            raise ProjectError(
                f"{what} refers to the {kind} {ref.get('targetGUID')!r}, which the project "
                "does not define: the project file is damaged or incomplete"
            )
        out.append(target)
    return out


def _normalize(raw: str, positions: Iterable[int]) -> tuple[str, dict[int, int]]:
    """The text as kzreader keeps it (see ``importing.normalize``: no BOM,
    ``\\n`` newlines, NFC) and where each of ``positions`` of ``raw`` lands
    in it. Another tool counted its positions in ``raw``: a CRLF text's
    selections move back one character per line break before them."""
    shift = 1 if raw.startswith(BOM) else 0
    text = raw[shift:]
    removed: list[int] = []  # where each "\r\n" lost its "\n", in ``text``
    if "\r" in text:
        removed = [m.start() + 1 for m in re.finditer("\r\n", text)]
        text = text.replace("\r\n", "\n").replace("\r", "\n")

    def unfolded(p: int) -> int:
        q = max(0, p - shift)
        return q - bisect_left(removed, q)

    wanted = sorted(set(positions))
    if unicodedata.is_normalized("NFC", text):
        return text, {p: unfolded(p) for p in wanted}
    final = unicodedata.normalize("NFC", text)
    # NFC joins letters and accents: a position's new value is the length of
    # the normalised text before it, summed piece by piece between positions.
    mapped: dict[int, int] = {}
    before = length = 0
    for p in wanted:
        q = unfolded(p)
        length += len(unicodedata.normalize("NFC", text[before:q]))
        before = q
        mapped[p] = min(length, len(final))
    return final, mapped


class _ProjectReader:
    """Reads ``project.qde`` (and the texts it names) into a ``_Project``,
    checking every reference, so that nothing is stored from a project that
    cannot be read whole."""

    def __init__(self, archive: _Archive, root: Element, progress: Progress | None) -> None:
        self.archive = archive
        self.root = root
        self.progress = progress
        self.known = {_guid(el.get("guid")) for el in root.iter() if el.get("guid")}

    def read(self) -> _Project:
        root = self.root
        if _local(root.tag) != "Project":
            raise ProjectError(
                f"{PROJECT_MEMBER} is not a REFI-QDA project: its root element is "
                f"<{_local(root.tag)}>, not <Project>"
            )
        project = _Project(name=_clean(root.get("name") or "") or self.archive.path.stem)
        for el in _children(_child(root, "Notes"), "Note"):
            guid = _guid_of(el, "a note")
            project.notes[guid] = self._note_text(el, guid)
        codebook = _child(root, "CodeBook")
        project.codes = _read_codes(_child(codebook, "Codes"), PROJECT_MEMBER, project.notes)
        for el in _children(_child(root, "Variables"), "Variable"):
            project.variables[_guid_of(el, "a variable")] = _clean(el.get("name") or "")
        project.fields = self._fields(project.variables)
        case_values = self._cases(project)
        self._sources(project, case_values)
        self._links(project)
        if _children(_child(root, "Sets"), "Set"):
            project.warnings.append("sets of codes and sources are not kept (kzreader has none)")
        return project

    def _note_text(self, el: Element, guid: str) -> str:
        content = _child(el, "PlainTextContent")
        if content is not None:
            text = _content(content)
        elif el.get("plainTextPath"):
            what = f"the note '{el.get('name') or guid}'"
            text = _decode(self.archive.source(el.get("plainTextPath") or "", what), what)
        else:
            text = ""
        return _clean(text) or _clean(el.get("name") or "")

    @staticmethod
    def _fields(variables: dict[str, str]) -> dict[str, str]:
        """Which variables are document fields: kzreader's own (by GUID),
        else the first of another tool's with the field's name."""
        fields: dict[str, str] = {}
        for name, label in FIELD_VARIABLES.items():
            if FIELD_GUIDS[name] in variables:
                fields[FIELD_GUIDS[name]] = name
                continue
            match = next(
                (g for g, n in variables.items() if n.casefold() == label.casefold()), None
            )
            if match is not None and match not in fields:
                fields[match] = name
        return fields

    def _values(self, el: Element, variables: dict[str, str], what: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for vv in _children(el, "VariableValue"):
            ref = _child(vv, "VariableRef")
            if ref is None:
                raise ProjectError(f"a variable value of {what} names no variable")
            target = _refs(vv, "VariableRef", variables, what)[0]
            for child in vv:
                if _local(child.tag) != "VariableRef":
                    value = _clean(_content(child))
                    if value:
                        out[target] = value
                    break
        return out

    def _cases(self, project: _Project) -> dict[str, dict[str, str]]:
        """Variable values given to cases, spread to the cases' sources (some
        tools keep a document's variables on a case of its own)."""
        out: dict[str, dict[str, str]] = {}
        for case in _children(_child(self.root, "Cases"), "Case"):
            what = f"the case '{case.get('name') or case.get('guid')}'"
            values = self._values(case, project.variables, what)
            for ref in _children(case, "SourceRef"):
                out.setdefault(_guid(ref.get("targetGUID")), {}).update(values)
        return out

    def _sources(self, project: _Project, case_values: dict[str, dict[str, str]]) -> None:
        holder = _child(self.root, "Sources")
        elements = [] if holder is None else list(holder)
        skipped: Counter[str] = Counter()
        total = project.steps = len(elements)
        for n, el in enumerate(elements):
            kind = _local(el.tag)
            if kind != "TextSource":
                if kind:
                    skipped[kind] += 1
                continue
            guid = _guid_of(el, "a source")
            name = _clean(el.get("name") or "")
            if self.progress is not None:
                self.progress(n, 2 * total, name or guid)
            source = self._source(el, guid, name, project)
            if source is None:
                continue
            source.values = {**case_values.get(guid, {}), **source.values}
            project.sources.append(source)
        for kind, count in sorted(skipped.items()):
            project.warnings.append(
                f"{count} {kind.removesuffix('Source').lower()} source(s) left out: "
                "kzreader holds texts only"
            )

    def _source(self, el: Element, guid: str, name: str, project: _Project) -> _Source | None:
        what = f"the source '{name or guid}'"
        content = _child(el, "PlainTextContent")
        path = el.get("plainTextPath")
        if content is not None:
            raw = _content(content)
        elif path:
            raw = _decode(self.archive.source(path, what), what)
        else:
            project.warnings.append(
                f"{what} was left out: the project holds no plain text of it (only "
                f"{'rich text' if el.get('richTextPath') else 'its name'})"
            )
            return None
        spans: list[tuple[Element, str, int, int]] = []
        for sel in _children(el, "PlainTextSelection"):
            sel_guid = _guid_of(sel, f"a selection of {what}")
            start, end = _position(sel, "startPosition", what), _position(sel, "endPosition", what)
            if start < 0 or end < start or end > len(raw):
                raise ProjectError(
                    f"a selection of {what} spans [{start}, {end}), which is not within its "
                    f"text of {len(raw)} characters: the project file is damaged"
                )
            spans.append((sel, sel_guid, start, end))
        text, mapped = _normalize(raw, [p for _, _, a, b in spans for p in (a, b)])
        selections = [
            self._selection(sel, sel_guid, mapped[a], mapped[b], what, project)
            for sel, sel_guid, a, b in spans
        ]
        # Codes given to the whole source: a passage of the whole text.
        for coding in _children(el, "Coding"):
            codes = _refs(coding, "CodeRef", project.codes, what)
            notes = _refs(coding, "NoteRef", project.notes, what)
            coding_guid = _guid_of(coding, f"a coding of {what}")
            selections.append(_Selection(coding_guid, 0, len(text), codes, notes, None, None))
        notes = _refs(el, "NoteRef", project.notes, what)
        values = self._values(el, project.variables, what)
        if not text.strip():
            project.warnings.append(f"{what} was left out: its text is empty")
            return None
        return _Source(guid, name, text, selections, values, notes)

    def _selection(
        self, el: Element, guid: str, start: int, end: int, what: str, project: _Project
    ) -> _Selection:
        codes: list[str] = []
        notes: list[str] = []
        for coding in _children(el, "Coding"):
            codes += _refs(coding, "CodeRef", project.codes, f"a selection of {what}")
            notes += _refs(coding, "NoteRef", project.notes, f"a selection of {what}")
        notes = _refs(el, "NoteRef", project.notes, f"a selection of {what}") + notes
        description = _clean(_content(_child(el, "Description")))
        if description:  # QualCoder keeps a coded passage's memo here
            key = derived_guid("description", guid)
            project.notes[key] = description
            notes.insert(0, key)
        return _Selection(
            guid,
            start,
            end,
            codes,
            notes,
            _timestamp(el.get("creationDateTime")),
            _timestamp(el.get("modifiedDateTime")),
        )

    def _links(self, project: _Project) -> None:
        for el in _children(_child(self.root, "Links"), "Link"):
            name = _clean(el.get("name") or "")
            origin, target = _guid(el.get("originGUID")), _guid(el.get("targetGUID"))
            what = f"the link '{name or el.get('guid')}'"
            if not origin or not target:
                project.warnings.append(f"{what} was left out: it does not name both ends")
                continue
            for end, raw in ((origin, el.get("originGUID")), (target, el.get("targetGUID"))):
                if end not in self.known:
                    raise ProjectError(
                        f"{what} refers to {raw!r}, which the project does not define: "
                        "the project file is damaged or incomplete"
                    )
            notes = _refs(el, "NoteRef", project.notes, what)
            direction = (el.get("direction") or "OneWay").strip().casefold()
            project.links.append(
                _ProjectLink(name, DIRECTIONS_IN.get(direction, "one-way"), origin, target, notes)
            )


def _position(el: Element, name: str, what: str) -> int:
    value = el.get(name)
    try:
        return int((value or "").strip())
    except ValueError:
        raise ProjectError(
            f"a selection of {what} has {name}={value!r}, which is not a number"
        ) from None


def _decode(data: bytes, what: str) -> str:
    """A source's text: REFI-QDA writes UTF-8 (a BOM allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectError(
            f"the text of {what} is not UTF-8 (byte {exc.start}), as REFI-QDA requires"
        ) from exc


def _read_project(path: Path, progress: Progress | None) -> _Project:
    archive = _Archive(path)
    try:
        root = _parse_xml(archive.project(), f"{PROJECT_MEMBER} in {path.name}")
        return _ProjectReader(archive, root, progress).read()
    finally:
        archive.close()


# -- import: storing -------------------------------------------------------------------


def _store_codes(
    s: Session, codes: dict[str, _Code], report: CodebookImportReport
) -> dict[str, int]:
    """Each code as the tag at its path: created with its colour and
    description, or merged into the library's tag of that path (whose colour
    is the user's and stays; a missing description is filled in).
    Returns ``{code GUID: tag id}``."""
    tag_of: dict[str, int] = {}
    created: set[int] = set()
    counted: set[int] = set()
    tree = TagTree.load(s)
    for code in codes.values():  # parents first: ensure_path creates one tag at a time
        tag = tree.find(code.path)
        if tag is None:
            tag, _ = ensure_path(s, code.path, code.color, code.description)
            tree.by_id[tag.id] = tag
            created.add(tag.id)
            report.tags_created += 1
        elif tag.id not in created and tag.id not in counted:
            counted.add(tag.id)
            report.tags_existing += 1
            if code.description and not tag.description:
                tag.description = code.description
                report.descriptions_added += 1
        tag_of[code.guid] = tag.id
    return tag_of


def _join_notes(*texts: str | None) -> str | None:
    """Notes joined by a blank line, each once: importing a project twice,
    or a note reached both by a NoteRef and by a link, does not repeat it."""
    out: list[str] = []
    for text in texts:
        if text and not any(text in kept for kept in out):
            out.append(text)
    return "\n\n".join(out) or None


class _ProjectStore:
    """Writes a read project into the library, inside the caller's transaction."""

    def __init__(self, s: Session, project: _Project, report: ProjectImportReport) -> None:
        self.s = s
        self.project = project
        self.report = report
        self.now = now_iso()
        self.tag_of: dict[str, int] = {}
        self.by_hash: dict[str, int] = {}
        self.passage_of: dict[str, int] = {}
        self.document_of: dict[str, int] = {}

    def store(self, progress: Progress | None) -> None:
        self.tag_of = _store_codes(self.s, self.project.codes, self.report)
        steps = self.project.steps
        empty = 0
        for n, source in enumerate(self.project.sources):
            if progress is not None:
                progress(steps + n, 2 * steps, source.name or source.guid)
            doc_id, new = self._document(source)
            self.document_of[source.guid] = doc_id
            empty += self._passages(doc_id, new, source)
            self.s.flush()
            self.s.expunge_all()  # texts and passages of a large project are not all kept
        if empty:
            self.report.warnings.append(f"{empty} empty selection(s) left out")
        self._links()

    def _notes(self, guids: Iterable[str]) -> str | None:
        return _join_notes(*(self.project.notes.get(g) for g in guids))

    def _document(self, source: _Source) -> tuple[int, bool]:
        """The document holding ``source``'s text: the library's when it has
        that text already, else a new one. ``(id, new)``."""
        digest = content_hash(source.text)
        fields: dict[str, str] = {}
        attributes: dict[str, str] = {}
        for variable, value in source.values.items():
            if variable in self.project.fields:
                fields[self.project.fields[variable]] = value
            else:
                name = self.project.variables.get(variable, "").strip()
                if name:
                    attributes[name] = value
        note = self._notes(source.notes)
        if note:
            attributes[SOURCE_NOTE_ATTRIBUTE] = note
        found = self.by_hash.get(digest)
        if found is None:
            found = self.s.scalar(select(Document.id).where(Document.content_hash == digest))
        if found is not None:
            self.by_hash[digest] = found
            if (
                found not in self.report.documents_reused
                and found not in self.report.documents_created
            ):
                self.report.documents_reused.append(found)
            self._attributes(found, attributes, keep=True)
            return found, False
        parsed = parse_article(source.text, source.name)
        doc = Document(
            uid=str(uuid.uuid4()),
            title=source.name or parsed.title,
            source=fields.get("source", parsed.source),
            url=fields.get("url", parsed.url),
            published=fields.get("published", parsed.published),
            language=fields.get("language") or detect_language(source.text, parsed.boilerplate),
            text=source.text,
            length=len(source.text),
            content_hash=digest,
            source_path=None,
            file_name=None,
            encoding="utf-8",
            boilerplate=[list(span) for span in parsed.boilerplate],
            imported_at=self.now,
            updated_at=self.now,
        )
        self.s.add(doc)
        self.s.flush()
        self.by_hash[digest] = doc.id
        self.report.documents_created.append(doc.id)
        self._attributes(doc.id, attributes, keep=False)
        return doc.id, True

    def _attributes(self, doc_id: int, values: dict[str, str], keep: bool) -> None:
        """Attributes of a document; ``keep``: a value it has already stays
        (a note is joined to its note)."""
        for key, value in values.items():
            current = self.s.get(DocumentAttribute, (doc_id, key)) if keep else None
            if current is None:
                self.s.add(DocumentAttribute(document_id=doc_id, key=key, value=value))
                self.report.attributes_set += 1
            elif key == SOURCE_NOTE_ATTRIBUTE:
                joined = _join_notes(current.value, value) or current.value
                if joined != current.value:
                    current.value = joined
                    self.report.attributes_set += 1

    def _passages(self, doc_id: int, new: bool, source: _Source) -> int:
        """Store the selections of ``source`` in document ``doc_id``; returns
        how many were empty (left out). Selections of one extent are one
        passage (tools that write a selection per code, an existing passage
        of a reused document); the passages are written in one flush and
        their tags in one statement, not row by row."""
        extents: dict[tuple[int, int], Passage] = {}
        if not new:
            for passage in self.s.scalars(select(Passage).where(Passage.document_id == doc_id)):
                extents.setdefault((passage.start, passage.end), passage)
        existing = set(extents)
        codes: dict[tuple[int, int], list[int]] = {}
        guids: list[tuple[str, tuple[int, int]]] = []
        empty = 0
        for sel in source.selections:
            if sel.start >= sel.end:
                empty += 1
                continue
            key = (sel.start, sel.end)
            note = self._notes(sel.notes)
            passage = extents.get(key)
            if passage is None:
                selector = make_selector(source.text, sel.start, sel.end)
                created = sel.created or self.now
                extents[key] = Passage(
                    uid=str(uuid.uuid4()),
                    document_id=doc_id,
                    start=selector.start,
                    end=selector.end,
                    exact=selector.exact,
                    prefix=selector.prefix,
                    suffix=selector.suffix,
                    color=None,
                    note=note,
                    status="exact",
                    created_at=created,
                    modified_at=sel.modified or created,
                )
                self.s.add(extents[key])
                self.report.passages_created += 1
                self.report.notes_attached += bool(note)
            else:
                joined = _join_notes(passage.note, note)
                if joined != passage.note:
                    passage.note = joined
                    passage.modified_at = self.now
                    self.report.notes_attached += 1
                self.report.passages_merged += 1
            codes.setdefault(key, []).extend(self.tag_of[c] for c in sel.codes)
            guids.append((sel.guid, key))
        self.s.flush()
        rows = []
        for key, tag_ids in codes.items():
            passage_id = extents[key].id
            have: set[int] = set()
            if key in existing:
                have.update(
                    self.s.scalars(
                        select(passage_tags.c.tag_id).where(passage_tags.c.passage_id == passage_id)
                    )
                )
            for tag_id in dict.fromkeys(tag_ids):
                if tag_id not in have:
                    rows.append({"passage_id": passage_id, "tag_id": tag_id})
        if rows:
            self.s.execute(insert(passage_tags), rows)
        self.passage_of.update((guid, extents[key].id) for guid, key in guids)
        return empty

    def _links(self) -> None:
        """Links between two selections become links (checked as
        ``passages.create_link`` checks them, and written in one flush: a
        project may hold thousands); a link between a note and a selection
        (or a source) attaches the note to it, as tools that keep memos apart
        from what they comment do."""
        left_out = duplicates = 0
        involved = sorted(set(self.passage_of.values()))
        existing: set[tuple[int, int, str]] = set()
        for chunk in _chunks(involved):
            existing.update(
                (a, b, r)
                for a, b, r in self.s.execute(
                    select(Link.source_id, Link.target_id, Link.relation).where(
                        Link.source_id.in_(chunk)
                    )
                )
            )
        for link in self.project.links:
            ends = (link.origin, link.target)
            origin, target = (self.passage_of.get(e) for e in ends)
            notes = [e for e in ends if e in self.project.notes]
            if origin is not None and target is not None:
                if origin == target:  # kzreader links two passages, never one to itself
                    left_out += 1
                    continue
                relation = canonical_relation(link.name) if link.name else UNNAMED_RELATION
                if (origin, target, relation) in existing:
                    duplicates += 1
                    continue
                existing.add((origin, target, relation))
                self.s.add(
                    Link(
                        uid=str(uuid.uuid4()),
                        source_id=origin,
                        target_id=target,
                        relation=relation,
                        direction=link.direction,
                        note=self._notes(link.notes),
                        created_at=self.now,
                    )
                )
                self.report.links_created += 1
            elif len(notes) == 1:
                other = ends[1] if notes[0] == ends[0] else ends[0]
                if not self._attach(other, self.project.notes[notes[0]]):
                    left_out += 1
            else:
                left_out += 1
        self.s.flush()
        if duplicates:
            self.report.warnings.append(f"{duplicates} link(s) already in the library")
        if left_out:
            self.report.warnings.append(
                f"{left_out} link(s) left out: kzreader links two passages, not codes, "
                "sources, notes or a passage to itself"
            )

    def _attach(self, target: str, note: str) -> bool:
        """Attach ``note`` to the passage or document of GUID ``target``."""
        passage_id = self.passage_of.get(target)
        if passage_id is not None:
            passage = self.s.get(Passage, passage_id)
            assert passage is not None
            joined = _join_notes(passage.note, note)
            if joined != passage.note:
                passage.note = joined
                passage.modified_at = self.now
                self.report.notes_attached += 1
            return True
        doc_id = self.document_of.get(target)
        if doc_id is not None:
            self._attributes(doc_id, {SOURCE_NOTE_ATTRIBUTE: note}, keep=True)
            return True
        return False


def import_qdpx(
    lib: Library, path: str | Path, *, progress: Progress | None = None
) -> ProjectImportReport:
    """Import a REFI-QDA project (``.qdpx``) into the library, empty or not.

    The whole project is read and checked first; then everything is stored
    in one transaction, recorded as one undoable operation ("Import project
    …"), the new documents indexed once it is committed. A text already in
    the library is not duplicated: its document is reused, and selections
    with the extent of an existing passage add their codes and notes to it.
    Raises ``ProjectError`` (nothing imported) for a project that cannot be
    read whole.
    """
    lib._writable()
    path = Path(path)
    project = _read_project(path, progress)
    report = ProjectImportReport(path=path, name=project.name, warnings=list(project.warnings))
    with lib._operation("import_project", f"Import project {project.name}") as (s, _):
        _ProjectStore(s, project, report).store(progress)
    if progress is not None:
        progress(2 * project.steps, 2 * project.steps, "")
    return report


# -- import: a codebook alone -------------------------------------------------------------


def import_qdc(lib: Library, path: str | Path) -> CodebookImportReport:
    """Merge a REFI-QDA codebook (``.qdc``) into the tags: each code becomes
    the tag at its path, created or merged into the existing one (no
    duplicates), as one undoable operation."""
    lib._writable()
    path = Path(path)
    if not path.is_file():
        raise ProjectError(f"there is no codebook file {path}")
    try:
        size = path.stat().st_size
        if size > MAX_CODEBOOK_BYTES:
            raise ProjectError(f"{path.name} is too large for a codebook ({size // 1024**2} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise ProjectError(f"cannot read {path}: {exc.strerror or exc}") from exc
    root = _parse_xml(data, path.name)
    if _local(root.tag) == "Project":  # a project's codebook will do
        codebook = _child(root, "CodeBook")
        root = Element("CodeBook") if codebook is None else codebook
    elif _local(root.tag) != "CodeBook":
        raise ProjectError(
            f"{path.name} is not a REFI-QDA codebook: its root element is "
            f"<{_local(root.tag)}>, not <CodeBook>"
        )
    codes = _read_codes(_child(root, "Codes"), path.name, None)
    if not codes:
        raise ProjectError(f"{path.name} holds no codes")
    report = CodebookImportReport(path=path)
    if _children(_child(root, "Sets"), "Set"):
        report.warnings.append("sets of codes are not kept (kzreader has none)")
    with lib._operation("import_codebook", f"Import codebook {path.stem}") as (s, _):
        _store_codes(s, codes, report)
    return report
