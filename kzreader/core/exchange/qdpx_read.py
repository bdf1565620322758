"""REFI-QDA import, first half: a project read and checked whole into
memory, before anything touches the library (see ``qdpx``); its archive is
opened by ``qdpx_archive``, its texts' line breaks judged by ``qdpx_text``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import Element

from kzreader.core.exchange.qdpx_archive import (
    _Archive,
    _child,
    _children,
    _content,
    _local,
    _parse_xml,
)
from kzreader.core.exchange.qdpx_common import (
    DIRECTIONS_IN,
    FIELD_GUIDS,
    FIELD_VARIABLES,
    MAX_CODE_DEPTH,
    PROJECT_MEMBER,
    SOURCE_NOTE_ATTRIBUTE,
    Progress,
    ProjectError,
    _import_color,
    derived_guid,
)
from kzreader.core.exchange.qdpx_text import (
    _clean,
    _folded,
    _line_ending_warnings,
    _line_endings,
    _names,
    _normalize,
)
from kzreader.core.tags import SEPARATOR


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
    #: ``exact``, or ``fuzzy`` when the positions could not be checked
    #: against the text (a CRLF text whose line-break count is unknown).
    status: str = "exact"


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
        path = SEPARATOR.join(names)
        if guid in out and out[guid].path != path:
            # a coding that names this GUID could be either code's
            raise ProjectError(
                f"{what} is refused: the codes '{out[guid].path}' and '{path}' have the same "
                f"guid {el.get('guid')!r}, so its codings cannot be told apart. The project "
                "file is damaged; export it again from its tool"
            )
        out.setdefault(guid, _Code(guid, path, _import_color(el.get("color")), description or None))
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


class _ProjectReader:
    """Reads ``project.qde`` (and the texts it names) into a ``_Project``,
    checking every reference, so that nothing is stored from a project that
    cannot be read whole."""

    def __init__(self, archive: _Archive, root: Element, progress: Progress | None) -> None:
        self.archive = archive
        self.root = root
        self.progress = progress
        self.known = {_guid(el.get("guid")) for el in root.iter() if el.get("guid")}
        #: GUIDs of the sources and selections read, and the duplicates renamed:
        #: ``{kind: [(name of the one renamed, GUID)]}``
        self.seen: set[str] = set()
        self.duplicates: dict[str, list[tuple[str, str]]] = {}
        #: Notes that hold a selection, annotations of a passage of a source:
        #: ``{note GUID: Note}``, and ``{source GUID: [note GUID]}`` the
        #: sources they annotate (named by the source's NoteRef or a Link).
        self.annotations: dict[str, Element] = {}
        self.annotated: dict[str, list[str]] = {}
        self.placed: set[str] = set()
        self.seen_sources: set[str] = set()
        #: Sources whose Description (their memo) became their document's note.
        self.memos: list[str] = []
        #: ``{verdict of _line_endings: [(source, selections affected)]}``
        self.line_endings: dict[str, list[tuple[str, int]]] = {}

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
            if _children(el, "PlainTextSelection"):  # an annotation of a passage (QualCoder)
                self.annotations[guid] = el
        self._annotated()
        codebook = _child(root, "CodeBook")
        project.codes = _read_codes(_child(codebook, "Codes"), PROJECT_MEMBER, project.notes)
        for el in _children(_child(root, "Variables"), "Variable"):
            project.variables[_guid_of(el, "a variable")] = _clean(el.get("name") or "")
        project.fields = self._fields(project.variables)
        case_values = self._cases(project)
        self._sources(project, case_values)
        self._links(project)
        project.warnings.extend(_line_ending_warnings(self.line_endings))
        if self.memos:
            project.warnings.append(
                f"{len(self.memos)} source memo(s) (TextSource Description) were imported as "
                f"their document's note (the attribute '{SOURCE_NOTE_ATTRIBUTE}'): "
                f"{_names(self.memos)}"
            )
        self._unattached(project)
        lost = [g for g in self.annotations if g not in self.placed]
        if lost:
            shown = ", ".join(f"'{self.annotations[g].get('name') or g}'" for g in lost[:5])
            more = f" and {len(lost) - 5} more" if len(lost) > 5 else ""
            project.warnings.append(
                f"{len(lost)} annotation(s) (notes with a selection) were not imported: no "
                f"source refers to them, so their text has no place: {shown}{more}"
            )
        for kind, renamed in self.duplicates.items():
            shown = ", ".join(f"'{name}' ({guid})" for name, guid in renamed[:5])
            more = f" and {len(renamed) - 5} more" if len(renamed) > 5 else ""
            project.warnings.append(
                f"{len(renamed)} {kind}(s) have the guid of another one, which a project "
                f"must not: each was imported on its own; what names the guid (links, "
                f"cases) reaches the first: {shown}{more}"
            )
        if _children(_child(root, "Sets"), "Set"):
            project.warnings.append("sets of codes and sources are not kept (kzreader has none)")
        return project

    def _unattached(self, project: _Project) -> None:
        """Report what a library cannot hold: the project's description, and
        notes nothing refers to (a journal, the project's memos)."""
        description = _clean(_content(_child(self.root, "Description")))
        if description:
            short = " ".join(description.split())
            short = short if len(short) <= 60 else short[:59] + "…"
            project.warnings.append(
                f"the project's description was not imported (kzreader has no note of a "
                f"whole library): '{short}'"
            )
        referred = {
            _guid(el.get(name))
            for el in self.root.iter()
            for name in ("targetGUID", "originGUID")
            if el.get(name)
        }
        alone = [
            el
            for el in _children(_child(self.root, "Notes"), "Note")
            if _guid(el.get("guid")) not in referred
            and _guid(el.get("guid")) not in self.annotations
        ]
        if alone:
            journals = sum(1 for el in alone if el.get("plainTextPath"))
            kinds = f" ({journals} of them a journal kept as a file)" if journals else ""
            project.warnings.append(
                f"{len(alone)} note(s) that no code, source, selection or link refers to"
                f"{kinds} were not imported (kzreader has no note of a whole library): "
                f"{_names([_clean(el.get('name') or '') or _guid(el.get('guid')) for el in alone])}"
            )

    def _annotated(self) -> None:
        """Which source each annotation is of: the source whose ``NoteRef``
        names it (as QualCoder writes), else one end of a ``Link`` to it."""
        if not self.annotations:
            return
        sources = _children(_child(self.root, "Sources"), "TextSource")
        of: dict[str, str] = {}
        for source in sources:
            for ref in _children(source, "NoteRef"):
                target = _guid(ref.get("targetGUID"))
                if target in self.annotations:
                    of.setdefault(target, _guid(source.get("guid")))
        source_guids = {_guid(source.get("guid")) for source in sources}
        for link in _children(_child(self.root, "Links"), "Link"):
            ends = _guid(link.get("originGUID")), _guid(link.get("targetGUID"))
            for note, other in (ends, ends[::-1]):
                if note in self.annotations and other in source_guids:
                    of.setdefault(note, other)
        for note, source in of.items():
            self.annotated.setdefault(source, []).append(note)

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
        bare: list[str] = []  # cases without variables: their name is an attribute
        empty: list[str] = []  # cases with neither variables nor sources
        documents: set[str] = set()
        variable = derived_guid("variable", "case")
        for case in _children(_child(self.root, "Cases"), "Case"):
            name = _clean(case.get("name") or "") or _guid(case.get("guid"))
            what = f"the case '{name}'"
            values = self._values(case, project.variables, what)
            refs = [_guid(ref.get("targetGUID")) for ref in _children(case, "SourceRef")]
            if not values:
                (bare if refs else empty).append(name)
            for ref in refs:
                held = out.setdefault(ref, {})
                held.update(values)
                if not values:
                    documents.add(ref)
                    held[variable] = "; ".join(filter(None, (held.get(variable), name)))
        if bare:
            project.variables[variable] = CASE_ATTRIBUTE
            project.warnings.append(
                f"{len(bare)} case(s) without variables were imported as the attribute "
                f"'{CASE_ATTRIBUTE}' of their {len(documents)} document(s): {_names(bare)}"
            )
        if empty:
            project.warnings.append(
                f"{len(empty)} case(s) with neither variables nor sources were not imported "
                f"(kzreader has no cases): {_names(empty)}"
            )
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
            name = _clean(el.get("name") or "")
            guid = self._unique(_guid_of(el, "a source"), "source", name)
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
            guid_read = _guid_of(sel, f"a selection of {what}")
            start, end = _position(sel, "startPosition", what), _position(sel, "endPosition", what)
            if start < 0 or end < start or end > len(raw):
                raise ProjectError(
                    f"a selection of {what} spans [{start}, {end}), which is not within its "
                    f"text of {len(raw)} characters: the project file is damaged"
                )
            quote = _folded(sel.get("name") or raw[start:end])
            quote = quote if len(quote) <= 40 else quote[:39] + "…"
            sel_guid = self._unique(guid_read, "selection", f"{quote}' of '{name or guid}")
            spans.append((sel, sel_guid, start, end))
        # annotations (notes holding a selection of this source): passages with a note
        annotation_of: dict[int, str] = {}
        if guid not in self.seen_sources:
            for note in self.annotated.get(guid, []):
                for sel in _children(self.annotations[note], "PlainTextSelection"):
                    start = _position(sel, "startPosition", what)
                    end = _position(sel, "endPosition", what)
                    if not 0 <= start <= end <= len(raw):
                        raise ProjectError(
                            f"the annotation '{self.annotations[note].get('name') or note}' "
                            f"of {what} spans [{start}, {end}), which is not within its text "
                            f"of {len(raw)} characters: the project file is damaged"
                        )
                    sel_guid = self._unique(_guid_of(sel, "an annotation"), "selection", note)
                    annotation_of[len(spans)] = note
                    spans.append((sel, sel_guid, start, end))
                self.placed.add(note)
        self.seen_sources.add(guid)
        crlf, verdict, affected = _line_endings(
            raw, [(s.get("name"), a, b) for s, _, a, b in spans]
        )
        if verdict != "same":
            self.line_endings.setdefault(verdict, []).append((name or guid, len(affected)))
        text, mapped = _normalize(raw, [p for _, _, a, b in spans for p in (a, b)], crlf)
        selections = [
            self._selection(sel, sel_guid, mapped[a], mapped[b], what, project)
            for sel, sel_guid, a, b in spans
        ]
        if verdict in ("neither", "unchecked"):
            for n in affected:
                selections[n].status = "fuzzy"
        for n, note in annotation_of.items():
            selections[n].notes.insert(0, note)
        # Codes given to the whole source: a passage of the whole text.
        for coding in _children(el, "Coding"):
            codes = _refs(coding, "CodeRef", project.codes, what)
            notes = _refs(coding, "NoteRef", project.notes, what)
            coding_guid = _guid_of(coding, f"a coding of {what}")
            selections.append(_Selection(coding_guid, 0, len(text), codes, notes, None, None))
        notes = [n for n in _refs(el, "NoteRef", project.notes, what) if n not in self.placed]
        memo = _clean(_content(_child(el, "Description")))
        if memo:  # a source's memo (QualCoder, MAXQDA): the document's note
            key = derived_guid("description", guid)
            project.notes[key] = memo
            notes.insert(0, key)
            self.memos.append(name or guid)
        values = self._values(el, project.variables, what)
        if not text.strip():
            project.warnings.append(f"{what} was left out: its text is empty")
            return None
        return _Source(guid, name, text, selections, values, notes)

    def _unique(self, guid: str, kind: str, name: str) -> str:
        """``guid``, or a new one when a source or selection had it already."""
        if guid not in self.seen:
            self.seen.add(guid)
            return guid
        renamed = derived_guid("duplicate", guid, str(len(self.seen)))
        self.seen.add(renamed)
        self.duplicates.setdefault(kind, []).append((name, guid))
        return renamed

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
            if origin in self.placed or target in self.placed:
                continue  # an annotation and its source: the annotation is a passage now
            notes = _refs(el, "NoteRef", project.notes, what)
            direction = (el.get("direction") or "OneWay").strip().casefold()
            project.links.append(
                _ProjectLink(name, DIRECTIONS_IN.get(direction, "one-way"), origin, target, notes)
            )


#: The attribute holding the names of the cases (without variables) of a document.
CASE_ATTRIBUTE = "Case"


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
