"""Fingerprints of the user's work, to tell damaged rows from sound ones.

SQLite's ``PRAGMA integrity_check`` proves that the file's structure is sound
and that every index agrees with its table: damage to an indexed column (a
tag's name, a passage's start and document, every foreign key, a document's
``content_hash``) is caught there. Every other column is only bytes on a
page: a bit flipped on the disk, in a copy or in memory reads back as
ordinary, wrong data — an article's text with one letter changed, a note with
another word, a passage ending elsewhere. So:

* a document's text is checked against its ``content_hash`` (SHA-256 of the
  text's UTF-8 bytes, recorded at import);
* every row of ``documents`` (all but the text), ``passages`` (all but
  ``status``), ``tags`` and ``links`` carries a ``checksum`` of its columns
  (:data:`CHECKSUM_COLUMNS`). ``models`` sets it on every insert and update
  made through the ORM; the undo history's row images carry it, so that undo
  and redo put it back with the row.

Left out: ``id`` (unknown until the row is inserted; its ``uid`` and the
index checks stand for it), a passage's ``status`` (re-anchoring recomputes
it, and a CHECK constraint refuses anything but its four values, none of
which one flipped bit turns into another), a document's text (its hash
covers it), ``document_attributes`` and ``passage_tags`` (every column of
theirs is in an index; an attribute's value since version 3, for this).

How a checksum is computed is part of the file format: a change to it needs a
migration that recomputes every row and every history image.

The schema itself (tables, indexes, triggers) is compared with the one the
migrations make, and the undo history's images are checked, in
``integrity_schema`` (it needs the migrations, which need the checksums here).

Reading is done on a plain ``sqlite3`` connection with :func:`stored_values`,
which keeps every stored byte of a text: a damaged text may no longer be
valid UTF-8, and Python would refuse to decode it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

#: The columns each table's ``checksum`` covers, in the order they are hashed.
CHECKSUM_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "uid", "title", "source", "url", "published", "language", "length", "content_hash",
        "source_path", "file_name", "encoding", "boilerplate", "imported_at", "updated_at",
    ),
    "tags": ("uid", "name", "parent_id", "color", "description", "created_at"),
    "passages": (
        "uid", "document_id", "start", "end", "exact", "prefix", "suffix", "color", "note",
        "created_at", "modified_at",
    ),
    "links": (
        "uid", "source_id", "target_id", "relation", "direction", "note", "created_at",
    ),
}  # fmt: skip
#: What a passage's ``status`` may be (its CHECK constraint).
PASSAGE_STATUSES = ("exact", "moved", "fuzzy", "orphan")
#: Columns stored as JSON: the ORM holds their Python value, SQLite the text.
JSON_COLUMNS: set[tuple[str, str]] = {("documents", "boilerplate")}


def stored_text(data: bytes) -> str:
    """A TEXT value as stored: its UTF-8 decoded, any byte that is not
    UTF-8 (damage) kept as a lone surrogate, so that :func:`stored_bytes`
    gives back the very bytes."""
    return data.decode("utf-8", "surrogateescape")


def stored_bytes(value: str) -> bytes:
    """The bytes SQLite holds for a value read with :func:`stored_values`."""
    return value.encode("utf-8", "surrogateescape")


@contextmanager
def stored_values(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``conn`` reading TEXT values with :func:`stored_text` while in the
    block: Python would refuse to decode a damaged one."""
    before = conn.text_factory
    conn.text_factory = stored_text
    try:
        yield conn
    finally:
        conn.text_factory = before


def damaged_text(value: Any) -> bool:
    """True for a text read with :func:`stored_values` that is not UTF-8."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def decoded(value: Any) -> Any:
    """A value read with :func:`stored_values`, as the ORM would see it (a
    damaged text decodes with replacement characters)."""
    if damaged_text(value):
        return stored_bytes(value).decode("utf-8", "replace")
    return value


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _jsonable(value: Any) -> Any:
    # a BLOB where a text or number belongs (damage): a value no row holds
    return ["blob", bytes(value).hex()] if isinstance(value, (bytes, bytearray)) else value


def row_checksum(table: str, values: Sequence[Any]) -> str:
    """The checksum of a row of ``table``: ``values`` are its
    ``CHECKSUM_COLUMNS`` in order, as stored (a JSON column as its text),
    read with :func:`stored_values` or about to be written. 64 bits of
    BLAKE2b over the values in JSON: enough to tell damage, which is not an
    adversary, from chance; and JSON keeps ``1``, ``1.0``, ``"1"`` and NULL
    apart."""
    digest = hashlib.blake2b(digest_size=8, person=b"kzreader-row-1")
    if any(isinstance(v, str) and len(v) > CHECKSUM_PIECE for v in values):
        _hash_in_pieces(digest, table, values)
        return digest.hexdigest()
    try:
        data = _JSON.encode([table, *values])
    except TypeError:
        data = _JSON.encode([table, *map(_jsonable, values)])
    digest.update(stored_bytes(data))
    return digest.hexdigest()


#: Characters of a long text put in JSON and hashed at a time.
CHECKSUM_PIECE = 1 << 20


def _hash_in_pieces(digest: Any, table: str, values: Sequence[Any]) -> None:
    """Hash the bytes ``row_checksum`` hashes, a long text a piece at a time:
    JSON escapes each character on its own, and so does UTF-8, so the pieces
    give the same bytes. The JSON of an article of 50 MB, then its UTF-8,
    was 150 MB at once."""
    digest.update(stored_bytes("[" + _JSON.encode(table)))
    for value in values:
        digest.update(b",")
        if isinstance(value, str) and len(value) > CHECKSUM_PIECE:
            digest.update(b'"')
            for k in range(0, len(value), CHECKSUM_PIECE):
                digest.update(stored_bytes(_JSON.encode(value[k : k + CHECKSUM_PIECE])[1:-1]))
            digest.update(b'"')
        else:
            try:
                digest.update(stored_bytes(_JSON.encode(value)))
            except TypeError:
                digest.update(stored_bytes(_JSON.encode(_jsonable(value))))
    digest.update(b"]")


def checksum_of(table: str, row: Mapping[str, Any] | object) -> str:
    """The checksum of a row given as a mapping (a history image) or as an
    ORM object (attributes named as the columns)."""
    columns = CHECKSUM_COLUMNS[table]
    if isinstance(row, Mapping):
        values = [row.get(c) for c in columns]
    else:
        values = [getattr(row, c) for c in columns]
    for i, column in enumerate(columns):
        value = values[i]
        if (table, column) in JSON_COLUMNS and value is not None and not isinstance(value, str):
            values[i] = json.dumps(value)  # the text SQLAlchemy stores for it
    return row_checksum(table, values)


def _select(table: str, where: str = "") -> str:
    columns = ", ".join(f'"{c}"' for c in CHECKSUM_COLUMNS[table])
    return f'SELECT id, checksum, {columns} FROM "{table}"{where} ORDER BY id'


def unverified_rows(conn: sqlite3.Connection, table: str) -> list[int]:
    """Ids of the rows of ``table`` whose checksum does not match (or is
    missing: written by another program). ``conn`` as from :func:`stored_values`."""
    found = []
    for row in conn.execute(_select(table)):
        stored = decoded(row[1])
        if stored != row_checksum(table, row[2:]):
            found.append(int(row[0]))
    return found


def read_row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any] | None:
    """One row's ``id``, ``checksum`` and covered columns, as stored; None
    when there is no such row, or the database (a backup made by an earlier
    version) lacks one of the covered columns. A database without checksums
    gives ``checksum`` None."""
    have = {decoded(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')}
    columns = CHECKSUM_COLUMNS[table]
    if not set(columns) <= have:
        return None
    checksum = "checksum" if "checksum" in have else "NULL"
    listed = ", ".join(f'"{c}"' for c in columns)
    row = conn.execute(
        f'SELECT id, {checksum}, {listed} FROM "{table}" WHERE id = ?', (row_id,)
    ).fetchone()
    if row is None:
        return None
    return dict(zip(["id", "checksum", *columns], row, strict=True))


def verifies(table: str, row: Mapping[str, Any]) -> bool:
    """True when the row read by :func:`read_row` matches its own checksum."""
    return decoded(row.get("checksum")) == checksum_of(table, row)


# -- texts ------------------------------------------------------------------------

TEXT_SOUND = "sound"
#: The text no longer matches its hash, and has the length recorded with it,
#: or is not UTF-8 any more: damaged (a flipped bit changes neither a text's
#: size nor, when the result is still UTF-8, its number of characters).
TEXT_DAMAGED = "damaged"
#: The text no longer matches its hash and has another length: it was
#: changed on purpose, by another program (a person editing the database).
TEXT_CHANGED = "changed"


def text_hash(data: bytes) -> str:
    """``content_hash`` of a text given as its UTF-8 bytes (the same digest
    as ``importing.pipeline.content_hash`` of the decoded text)."""
    return hashlib.sha256(data).hexdigest()


def text_verdict(data: bytes, content_hash: Any, length: Any) -> str:
    """:data:`TEXT_SOUND`, :data:`TEXT_DAMAGED` or :data:`TEXT_CHANGED`."""
    if text_hash(data) == content_hash:
        return TEXT_SOUND
    try:
        characters = len(data.decode("utf-8"))
    except UnicodeDecodeError:
        return TEXT_DAMAGED
    return TEXT_DAMAGED if characters == length else TEXT_CHANGED


#: A document's text as its bytes; None when it is not stored as text.
TEXT_BYTES = "CASE WHEN typeof(text) = 'text' THEN CAST(text AS BLOB) END"


def unsound_texts(conn: sqlite3.Connection, chunk: int = 200) -> dict[int, str]:
    """``{document id: verdict}`` of the texts that do not match their hash.
    Texts are read a few at a time, as their bytes (``conn`` as from
    :func:`stored_values`)."""
    ids = [int(r[0]) for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    found: dict[int, str] = {}
    for begin in range(0, len(ids), chunk):
        part = ids[begin : begin + chunk]
        marks = ", ".join("?" * len(part))
        rows = conn.execute(
            f"SELECT id, {TEXT_BYTES}, content_hash, length FROM documents WHERE id IN ({marks})",
            part,
        )
        for doc_id, data, digest, length in rows:
            verdict = TEXT_DAMAGED if data is None else text_verdict(data, digest, length)
            if verdict != TEXT_SOUND:
                found[int(doc_id)] = verdict
    return found


# -- the undo history ---------------------------------------------------------------


def image_sound(table: str, image: Any, columns: Sequence[str]) -> bool:
    if not isinstance(image, str) or damaged_text(image):
        return False
    try:
        row = json.loads(image)
    except ValueError:
        return False
    if not isinstance(row, dict) or list(row) != list(columns):
        return False
    if table == "passages" and row.get("status") not in PASSAGE_STATUSES:
        return False  # the one column of a passage its checksum leaves out
    return table not in CHECKSUM_COLUMNS or row.get("checksum") == checksum_of(table, row)


# -- good copies ------------------------------------------------------------------

EXACT = "exact"  # the copy is the row the checksum was made for
SAME = "same"  # the copy verifies and equals the row: only its checksum is damaged
EARLIER = "earlier"  # the copy verifies but is another (earlier) version of the row


def compare_copy(table: str, damaged: Mapping[str, Any], copy: Mapping[str, Any]) -> str | None:
    """How a backup's ``copy`` of a row stands to its ``damaged`` version
    (both read by :func:`read_row`): :data:`EXACT`, :data:`SAME`,
    :data:`EARLIER`, or None when it is no use."""
    columns = CHECKSUM_COLUMNS[table]
    if checksum_of(table, copy) == decoded(damaged.get("checksum")):
        return EXACT
    if not verifies(table, copy):
        return None
    if all(copy.get(c) == damaged.get(c) for c in columns):
        return SAME
    return EARLIER


def row_values(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The covered columns of a row read by :func:`read_row`, as values to
    write back (texts decoded: a copy that verifies decodes cleanly)."""
    return {c: decoded(row.get(c)) for c in CHECKSUM_COLUMNS[table]}
