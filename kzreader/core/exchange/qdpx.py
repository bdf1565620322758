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

from kzreader.core.exchange.qdpx_common import (
    CODEBOOK_NS,
    GUID_NAMESPACE,
    PROJECT_NS,
    CodebookImportReport,
    ExportReport,
    ProjectError,
    ProjectImportReport,
    derived_guid,
    stable_guid,
)
from kzreader.core.exchange.qdpx_export import _ProjectWriter, export_qdc, export_qdpx
from kzreader.core.exchange.qdpx_import import _ProjectStore, import_qdc, import_qdpx

__all__ = [
    "CODEBOOK_NS",
    "GUID_NAMESPACE",
    "PROJECT_NS",
    "CodebookImportReport",
    "ExportReport",
    "ProjectError",
    "ProjectImportReport",
    "_ProjectStore",
    "_ProjectWriter",
    "derived_guid",
    "export_qdc",
    "export_qdpx",
    "import_qdc",
    "import_qdpx",
    "stable_guid",
]
