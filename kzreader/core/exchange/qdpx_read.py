"""REFI-QDA import, first half: reading a project safely and checking it
whole into memory, before anything touches the library (see ``qdpx``)."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
import zipfile
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml import ElementTree as SafeET

from kzreader.core.exchange.qdpx_common import (
    _DRIVE,
    DIRECTIONS_IN,
    FIELD_GUIDS,
    FIELD_VARIABLES,
    MAX_CODE_DEPTH,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_SOURCE_BYTES,
    MAX_TOTAL_BYTES,
    PROJECT_MEMBER,
    RATIO_MIN_BYTES,
    SOURCE_NOTE_ATTRIBUTE,
    SOURCES_FOLDER,
    Progress,
    ProjectError,
    _import_color,
    derived_guid,
)
from kzreader.core.importing.normalize import BOM
from kzreader.core.tags import SEPARATOR

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


def _normalize(raw: str, positions: Iterable[int], crlf: int = 2) -> tuple[str, dict[int, int]]:
    """The text as kzreader keeps it (see ``importing.normalize``: no BOM,
    ``\\n`` newlines, NFC) and where each of ``positions`` of ``raw`` lands
    in it. ``crlf``: how many characters the other tool counted for a
    ``"\\r\\n"``. Counted as two (as they are in ``raw``), a CRLF text's
    selections move back one character per line break before them; counted
    as one (QualCoder's "MAXQDA line endings", ATLAS.ti), they do not."""
    shift = 1 if raw.startswith(BOM) else 0
    text = raw[shift:]
    removed: list[int] = []  # where each "\r\n" lost its "\n", in ``text``
    if "\r" in text:
        if crlf == 2:
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


def _names(names: list[str], shown: int = 5) -> str:
    """``'a', 'b' and 3 more``: what a warning names."""
    listed = ", ".join(f"'{name}'" for name in names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _folded(text: str) -> str:
    return " ".join(_clean(text).split())


def _line_endings(raw: str, spans: list[tuple[str | None, int, int]]) -> tuple[int, str, list[int]]:
    """How another tool counted the ``"\\r\\n"`` of a CRLF text: as two
    characters (as REFI-QDA, MAXQDA and kzreader do) or as one (QualCoder's
    "MAXQDA line endings" export, ATLAS.ti). A selection's name is its
    quote in the tools that name selections: the count whose slices match
    the names wins. Returns ``(characters per CRLF, verdict, indices of the
    spans the count moves)``; the verdict is ``same`` (no CRLF before a
    selection: nothing to decide), ``two`` or ``one`` (the names say so),
    ``neither`` (no count matches the names) or ``unchecked`` (no names)."""
    if "\r\n" not in raw or not spans:
        return 2, "same", []
    one = raw.replace("\r\n", "\n")
    affected: list[int] = []
    matches = {1: 0, 2: 0}
    named = 0
    for n, (quote, a, b) in enumerate(spans):
        as_two, as_one = raw[a:b], one[a:b]
        if _folded(as_two) == _folded(as_one):
            continue
        affected.append(n)
        wanted = _folded(quote or "").rstrip("…").rstrip(".").strip()
        if not wanted:
            continue
        named += 1
        for count, piece in ((2, as_two), (1, as_one)):
            got = _folded(piece)
            if got == wanted or (len(wanted) >= 8 and got.startswith(wanted)):
                matches[count] += 1
    if not affected:
        return 2, "same", []
    if matches[1] > matches[2]:
        return 1, "one", affected
    if matches[2] > matches[1]:
        return 2, "two", affected
    if any(b > len(one) for _, _, b in spans):  # only two characters per CRLF fit
        return 2, "two", affected
    return 2, ("neither" if named else "unchecked"), affected


def _line_ending_warnings(found: dict[str, list[tuple[str, int]]]) -> list[str]:
    def names(sources: list[tuple[str, int]]) -> str:
        shown = ", ".join(f"'{name}'" for name, _ in sources[:5])
        return shown + (f" and {len(sources) - 5} more" if len(sources) > 5 else "")

    out = []
    if found.get("one"):
        sources = found["one"]
        out.append(
            f"{len(sources)} source(s) count a Windows line break (CRLF) as one character, "
            "as QualCoder's 'MAXQDA line endings' export and ATLAS.ti do; their "
            f"{sum(n for _, n in sources)} selection(s) after a line break were placed "
            f"accordingly: {names(sources)}"
        )
    for verdict, why in (
        (
            "neither",
            "their names match the text neither with a line break (CRLF) counted "
            "as two characters nor as one",
        ),
        (
            "unchecked",
            "they are unnamed, so whether the other tool counted a line break "
            "(CRLF) as one character or two cannot be checked",
        ),
    ):
        sources = found.get(verdict, [])
        if sources:
            out.append(
                f"{sum(n for _, n in sources)} selection(s) of {len(sources)} source(s) with "
                f"Windows line breaks may be misplaced: {why}. They were placed counting two "
                f"characters and marked fuzzy; check them: {names(sources)}"
            )
    return out


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
