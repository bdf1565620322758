"""REFI-QDA import: the archive read safely — its members checked against
path tricks, bombs and oversize before one is read — and its XML parsed with
no entity expansion (``defusedxml``)."""

from __future__ import annotations

import urllib.parse
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml import ElementTree as SafeET

from kzreader.core.exchange.qdpx_common import (
    _DRIVE,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_SOURCE_BYTES,
    MAX_TOTAL_BYTES,
    PROJECT_MEMBER,
    RATIO_MIN_BYTES,
    SOURCES_FOLDER,
    ProjectError,
)


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
