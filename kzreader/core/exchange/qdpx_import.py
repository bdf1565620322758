"""REFI-QDA import, second half: storing a project read by ``qdpx_read`` in
one undoable operation, and importing a codebook (see ``qdpx``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kzreader.core.anchoring import make_selector
from kzreader.core.db import now_iso
from kzreader.core.exchange.qdpx_archive import _child, _children, _local, _parse_xml
from kzreader.core.exchange.qdpx_common import (
    MAX_CODEBOOK_BYTES,
    SOURCE_NOTE_ATTRIBUTE,
    UNNAMED_RELATION,
    CodebookImportReport,
    Progress,
    ProjectError,
    ProjectImportReport,
    _chunks,
)
from kzreader.core.exchange.qdpx_read import (
    _Code,
    _Project,
    _read_codes,
    _read_project,
    _Source,
)
from kzreader.core.importing.langid import detect_language
from kzreader.core.importing.parse import parse_article
from kzreader.core.importing.pipeline import content_hash
from kzreader.core.models import Document, DocumentAttribute, Link, Passage, passage_tags
from kzreader.core.passages import canonical_relation
from kzreader.core.tags import TagTree, ensure_path

if TYPE_CHECKING:
    from kzreader.core.library import Library

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
                    status=sel.status,
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
    lib.store.require_writable()
    path = Path(path)
    project = _read_project(path, progress)
    report = ProjectImportReport(path=path, name=project.name, warnings=list(project.warnings))
    with lib.store.operation("import_project", f"Import project {project.name}") as (s, _):
        _ProjectStore(s, project, report).store(progress)
    if progress is not None:
        progress(2 * project.steps, 2 * project.steps, "")
    return report


# -- import: a codebook alone -------------------------------------------------------------


def import_qdc(lib: Library, path: str | Path) -> CodebookImportReport:
    """Merge a REFI-QDA codebook (``.qdc``) into the tags: each code becomes
    the tag at its path, created or merged into the existing one (no
    duplicates), as one undoable operation."""
    lib.store.require_writable()
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
    with lib.store.operation("import_codebook", f"Import codebook {path.stem}") as (s, _):
        _store_codes(s, codes, report)
    return report
