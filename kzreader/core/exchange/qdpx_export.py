"""REFI-QDA export: a project (``.qdpx``) or a codebook alone (``.qdc``).
See ``qdpx`` for the mapping."""

from __future__ import annotations

import getpass
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement

from sqlalchemy import select
from sqlalchemy.orm import Session

from kzreader import __version__
from kzreader.core.db import now_iso
from kzreader.core.errors import NotFoundError
from kzreader.core.exchange.qdpx_common import (
    _SELECTION_NAME,
    CODEBOOK_NS,
    DIRECTIONS_OUT,
    FIELD_GUIDS,
    FIELD_VARIABLES,
    PROJECT_MEMBER,
    PROJECT_NS,
    SOURCES_FOLDER,
    ExportReport,
    Progress,
    ProjectError,
    _chunks,
    _datetime,
    _export_color,
    _set,
    _write_atomically,
    _xml_bytes,
    _xml_text,
    derived_guid,
    stable_guid,
)
from kzreader.core.models import Document, DocumentAttribute, Link, Meta, Passage, passage_tags
from kzreader.core.tags import TagTree

if TYPE_CHECKING:
    from kzreader.core.library import Library

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
        if passage.note:
            # QualCoder reads a passage's memo here only; other tools, the NoteRef below
            SubElement(el, "Description").text = _xml_text(passage.note)
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
            lib.store.session() as s,
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
        with lib.store.session() as s:
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
