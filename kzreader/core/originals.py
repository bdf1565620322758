"""The files articles were extracted from, kept in the library.

A saved web page, a PDF, a Word document or a press database's export gives
an article whose text is an extraction: menus and scripts left out, lines
joined, one export split into many. The file itself is kept in the library
folder, compressed, under the SHA-256 of its bytes (``originals/<sha>.gz``;
an export's articles share one), and the document records that name
(``documents.original``). Reading the article again (another encoding, a
better extraction) then works from it even after the file was moved or
deleted, and ``kzreader original DOC`` gives it back.

Keeping a file is best effort: an import does not fail because the copy
could not be written (a full disk is told by the database first). A kept
file nothing names any more (its documents deleted) stays, as backups and
undo may name it again.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from kzreader.core import atomic
from kzreader.core.errors import KzreaderError

ORIGINALS_DIR = "originals"


def path_of(library: Path, digest: str) -> Path:
    return library / ORIGINALS_DIR / f"{digest}.gz"


def keep(library: Path, source: Path) -> str | None:
    """Keep ``source`` in ``library`` (once for the same bytes); its name,
    or None when it could not be read or written."""
    try:
        data = source.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(data).hexdigest()
    target = path_of(library, digest)
    if target.exists():
        return digest
    try:
        atomic.make_folder(target.parent)  # owner-only, as the library's files
        with atomic.open_new(target, "wb", private=True) as out:
            out.write(gzip.compress(data, compresslevel=6, mtime=0))
    except (OSError, KzreaderError):  # atomic's WriteError
        return None
    return digest


def read(library: Path, digest: str) -> bytes | None:
    """The kept file's bytes, or None when it is not there or damaged."""
    try:
        data = gzip.decompress(path_of(library, digest).read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile):
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None
