"""Schema migrations, numbered by SQLite's ``PRAGMA user_version``.

A library is one file on a researcher's laptop, opened by one program: the
migration state lives in the database itself (``user_version``), each step is
plain SQL frozen at the version it creates, and every step runs in the same
transaction as the version bump, so a crash mid-upgrade leaves the previous
version intact. Steps are never edited once released; a change to
``models.py`` comes with a new step, and a test checks that the migrated
schema equals the models.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from sqlite3 import Connection

SCHEMA_V1 = """
CREATE TABLE meta (
    "key" VARCHAR NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER NOT NULL PRIMARY KEY,
    uid VARCHAR(36) NOT NULL UNIQUE,
    title TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published VARCHAR(40),
    language VARCHAR(16),
    text TEXT NOT NULL,
    length INTEGER NOT NULL,
    content_hash VARCHAR(64) NOT NULL UNIQUE,
    source_path TEXT,
    file_name TEXT,
    encoding VARCHAR(40),
    boilerplate JSON NOT NULL,
    imported_at VARCHAR(40) NOT NULL,
    updated_at VARCHAR(40) NOT NULL
);
CREATE INDEX ix_documents_source_path ON documents (source_path);
CREATE TABLE document_attributes (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    "key" VARCHAR NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (document_id, "key")
);
CREATE TABLE tags (
    id INTEGER NOT NULL PRIMARY KEY,
    uid VARCHAR(36) NOT NULL UNIQUE,
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES tags (id) ON DELETE CASCADE,
    color VARCHAR(9),
    description TEXT,
    created_at VARCHAR(40) NOT NULL,
    CONSTRAINT uq_tags_parent_name UNIQUE (parent_id, name)
);
CREATE INDEX ix_tags_parent_id ON tags (parent_id);
CREATE TABLE passages (
    id INTEGER NOT NULL PRIMARY KEY,
    uid VARCHAR(36) NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    color VARCHAR(9),
    note TEXT,
    status VARCHAR(8) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    modified_at VARCHAR(40) NOT NULL,
    CONSTRAINT ck_passages_range CHECK (start >= 0 AND "end" >= start),
    CONSTRAINT ck_passages_status CHECK (status IN ('exact', 'moved', 'fuzzy', 'orphan'))
);
CREATE INDEX ix_passages_document_id ON passages (document_id);
CREATE TABLE passage_tags (
    passage_id INTEGER NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (passage_id, tag_id)
);
CREATE INDEX ix_passage_tags_tag ON passage_tags (tag_id);
CREATE TABLE links (
    id INTEGER NOT NULL PRIMARY KEY,
    uid VARCHAR(36) NOT NULL UNIQUE,
    source_id INTEGER NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
    relation TEXT NOT NULL,
    note TEXT,
    created_at VARCHAR(40) NOT NULL
);
CREATE INDEX ix_links_source_id ON links (source_id);
CREATE INDEX ix_links_target_id ON links (target_id);
"""


def _run_script(conn: Connection, script: str) -> None:
    # sqlite3's executescript() commits first; run statement by statement so
    # the step and its version bump share one transaction. Trigger bodies hold
    # semicolons: a statement ends where SQLite says it is complete.
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                conn.execute(pending)
            pending = ""


def _v1(conn: Connection) -> None:
    _run_script(conn, SCHEMA_V1)


#: Columns of the tables whose changes the undo history records, as of
#: version 2 (frozen: step 2 creates its triggers with them).
HISTORY_COLUMNS_V2: dict[str, tuple[str, ...]] = {
    "documents": (
        "id", "uid", "title", "source", "url", "published", "language", "text", "length",
        "content_hash", "source_path", "file_name", "encoding", "boilerplate", "imported_at",
        "updated_at",
    ),
    "document_attributes": ("document_id", "key", "value"),
    "tags": ("id", "uid", "name", "parent_id", "color", "description", "created_at"),
    "passages": (
        "id", "uid", "document_id", "start", "end", "exact", "prefix", "suffix", "color",
        "note", "status", "created_at", "modified_at",
    ),
    "passage_tags": ("passage_id", "tag_id"),
    "links": (
        "id", "uid", "source_id", "target_id", "relation", "direction", "note", "created_at",
    ),
}  # fmt: skip

#: Tables that carry a row checksum from version 3 on (``integrity``).
CHECKSUM_TABLES_V3 = ("documents", "tags", "passages", "links")

#: Columns of the tables whose changes the undo history records, as of
#: version 3 (frozen: step 3 re-creates the triggers with them).
HISTORY_COLUMNS_V3: dict[str, tuple[str, ...]] = {
    table: (*columns, "checksum") if table in CHECKSUM_TABLES_V3 else columns
    for table, columns in HISTORY_COLUMNS_V2.items()
}

#: Columns of the tables whose changes the undo history records, as of the
#: latest version (a step that changes one of them re-creates its triggers).
HISTORY_COLUMNS_V5: dict[str, tuple[str, ...]] = {
    **HISTORY_COLUMNS_V3,
    "documents": (*HISTORY_COLUMNS_V3["documents"], "edited"),
}

HISTORY_COLUMNS: dict[str, tuple[str, ...]] = {
    **HISTORY_COLUMNS_V5,
    "documents": (*HISTORY_COLUMNS_V5["documents"], "original"),
}


def history_triggers(table: str, columns: Sequence[str]) -> str:
    """SQL creating the triggers that log every change to ``table`` made while
    an operation is being recorded (``history_context.op_id`` set), cascaded
    deletes included."""

    def row(alias: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns) + ")"

    op = "(SELECT op_id FROM history_context WHERE id = 1)"
    parts = []
    for event, old, new in (
        ("INSERT", "NULL", row("NEW")),
        ("UPDATE", row("OLD"), row("NEW")),
        ("DELETE", row("OLD"), "NULL"),
    ):
        parts.append(
            f'CREATE TRIGGER history_{table}_{event.lower()} AFTER {event} ON "{table}" '
            f"WHEN {op} IS NOT NULL BEGIN "
            f"INSERT INTO history_changes (op_id, tbl, kind, old, new) "
            f"VALUES ({op}, '{table}', '{event.lower()}', {old}, {new}); END"
        )
    return ";\n".join(parts) + ";\n"


SCHEMA_V2 = """
ALTER TABLE links ADD COLUMN direction VARCHAR(8) NOT NULL DEFAULT 'one-way';
CREATE UNIQUE INDEX uq_tags_root_name ON tags (name) WHERE parent_id IS NULL;
CREATE INDEX ix_passages_document_start ON passages (document_id, start);
CREATE TABLE history (
    id INTEGER NOT NULL PRIMARY KEY,
    kind VARCHAR(40) NOT NULL,
    label TEXT NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    state VARCHAR(8) NOT NULL,
    CONSTRAINT ck_history_state CHECK (state IN ('done', 'undone'))
);
CREATE TABLE history_changes (
    id INTEGER NOT NULL PRIMARY KEY,
    op_id INTEGER NOT NULL REFERENCES history (id) ON DELETE CASCADE,
    tbl VARCHAR(40) NOT NULL,
    kind VARCHAR(8) NOT NULL,
    old TEXT,
    new TEXT
);
CREATE INDEX ix_history_changes_op ON history_changes (op_id);
CREATE TABLE history_context (
    id INTEGER NOT NULL PRIMARY KEY,
    op_id INTEGER
);
INSERT INTO history_context (id, op_id) VALUES (1, NULL);
"""


def _v2(conn: Connection) -> None:
    """Undo history (a change log filled by triggers), link direction, unique
    root tag names."""
    # Two root tags may not share a name; rename duplicates left by version 1.
    dupes = conn.execute(
        "SELECT id, name FROM tags WHERE parent_id IS NULL AND name IN "
        "(SELECT name FROM tags WHERE parent_id IS NULL GROUP BY name HAVING count(*) > 1) "
        "ORDER BY id"
    ).fetchall()
    seen: set[str] = set()
    for tag_id, name in dupes:
        if name in seen:
            conn.execute("UPDATE tags SET name = ? WHERE id = ?", (f"{name} ({tag_id})", tag_id))
        seen.add(name)
    _run_script(conn, SCHEMA_V2)
    for table, columns in HISTORY_COLUMNS_V2.items():
        _run_script(conn, history_triggers(table, columns))


def _v3(conn: Connection) -> None:
    """A checksum on every row of documents, tags, passages and links (see
    ``integrity``), filled in for the rows there are, and carried by the undo
    history's images of them: the triggers are re-created with the column,
    and the images already logged get the checksum of the row they show, so
    that undoing an operation recorded before the upgrade puts back a row
    that verifies. An index of document attributes' keys and values, which
    makes ``PRAGMA integrity_check`` compare the values with it."""
    from kzreader.core import integrity

    for table in CHECKSUM_TABLES_V3:
        conn.execute(f'ALTER TABLE "{table}" ADD COLUMN checksum VARCHAR(16)')
        columns = integrity.CHECKSUM_COLUMNS[table]
        listed = ", ".join(f'"{c}"' for c in columns)
        with integrity.stored_values(conn):
            rows = conn.execute(f'SELECT id, {listed} FROM "{table}"').fetchall()
        conn.executemany(
            f'UPDATE "{table}" SET checksum = ? WHERE id = ?',
            [(integrity.row_checksum(table, row[1:]), row[0]) for row in rows],
        )
        for event in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER history_{table}_{event}")
        _run_script(conn, history_triggers(table, HISTORY_COLUMNS_V3[table]))
    # attribute values have no checksum: an index lets integrity_check see them
    conn.execute(
        'CREATE INDEX ix_document_attributes_key_value ON document_attributes ("key", value)'
    )
    marks = ", ".join("?" * len(CHECKSUM_TABLES_V3))
    images = conn.execute(
        f"SELECT id, tbl, old, new FROM history_changes WHERE tbl IN ({marks})",
        CHECKSUM_TABLES_V3,
    ).fetchall()
    updates = []
    for change_id, table, *pair in images:
        out = []
        for image in pair:
            if image is None:
                out.append(None)
                continue
            row = json.loads(image)
            row["checksum"] = integrity.checksum_of(table, row)
            out.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        updates.append((*out, change_id))
    conn.executemany("UPDATE history_changes SET old = ?, new = ? WHERE id = ?", updates)


SCHEMA_V4 = """
CREATE TABLE reuse_documents (
    document_id INTEGER NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    content_hash VARCHAR(64) NOT NULL,
    shingles BLOB NOT NULL,
    positions BLOB NOT NULL
);
CREATE TABLE reuse_alignments (
    id INTEGER NOT NULL PRIMARY KEY,
    a_document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL,
    b_document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    b_start INTEGER NOT NULL,
    b_end INTEGER NOT NULL,
    words INTEGER NOT NULL,
    similarity FLOAT NOT NULL,
    ordering VARCHAR(8) NOT NULL,
    CONSTRAINT ck_reuse_two_documents CHECK (a_document_id <> b_document_id),
    CONSTRAINT ck_reuse_ordering CHECK (ordering IN ('a-first', 'same-day', 'unknown'))
);
CREATE INDEX ix_reuse_alignments_a_document_id ON reuse_alignments (a_document_id);
CREATE INDEX ix_reuse_alignments_b_document_id ON reuse_alignments (b_document_id);
"""


def _v4(conn: Connection) -> None:
    """Reuse detection's tables (derived data, recomputed from the texts:
    no checksum, no undo history). They start empty: every document is then
    analysed the first time reuse is asked for."""
    _run_script(conn, SCHEMA_V4)


def _v5(conn: Connection) -> None:
    """Which of a document's facts (title, outlet, date) the user set: a
    re-import keeps them. A column of ``documents`` outside its checksum, in
    the undo history."""
    conn.execute("ALTER TABLE documents ADD COLUMN edited VARCHAR(100)")
    _add_document_column(conn, "edited", HISTORY_COLUMNS_V5["documents"])


def _v6(conn: Connection) -> None:
    """The file an extracted article came from (a saved web page, a PDF, a
    Word document, a press export), kept in the library's ``originals``
    folder under the SHA-256 of its bytes: a column of ``documents`` outside
    its checksum (a damaged value only loses the way to the kept file), in
    the undo history as ``edited`` is."""
    conn.execute("ALTER TABLE documents ADD COLUMN original VARCHAR(64)")
    _add_document_column(conn, "original", HISTORY_COLUMNS["documents"])


def _add_document_column(conn: Connection, column: str, columns: Sequence[str]) -> None:
    """The undo history's triggers on ``documents`` re-created with the new
    ``column``, and the images already logged given it (empty), so that
    undoing an older operation still works."""
    for event in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER history_documents_{event}")
    _run_script(conn, history_triggers("documents", columns))
    images = conn.execute(
        "SELECT id, old, new FROM history_changes WHERE tbl = 'documents'"
    ).fetchall()
    updates = []
    for change_id, *pair in images:
        out = []
        for image in pair:
            if image is None:
                out.append(None)
                continue
            row = json.loads(image)
            row[column] = None
            out.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        updates.append((*out, change_id))
    conn.executemany("UPDATE history_changes SET old = ?, new = ? WHERE id = ?", updates)


# the statements of version 7's triggers: a tag assignment (``passage_tags``)
# or a passage counted, or no longer counted, in ``document_tags``
_COUNT_TAG = """
    INSERT INTO document_tags (tag_id, document_id, passages)
        SELECT NEW.tag_id, document_id, 1 FROM passages WHERE id = NEW.passage_id
        ON CONFLICT (tag_id, document_id) DO UPDATE SET passages = passages + 1;"""
_UNCOUNT_TAG = """
    UPDATE document_tags SET passages = passages - 1
        WHERE tag_id = OLD.tag_id
        AND document_id = (SELECT document_id FROM passages WHERE id = OLD.passage_id);
    DELETE FROM document_tags
        WHERE tag_id = OLD.tag_id
        AND document_id = (SELECT document_id FROM passages WHERE id = OLD.passage_id)
        AND passages <= 0;"""
_COUNT_PASSAGE = """
    INSERT INTO document_tags (tag_id, document_id, passages)
        SELECT tag_id, NEW.document_id, 1 FROM passage_tags WHERE passage_id = NEW.id
        ON CONFLICT (tag_id, document_id) DO UPDATE SET passages = passages + 1;"""
_UNCOUNT_PASSAGE = """
    UPDATE document_tags SET passages = passages - 1
        WHERE tag_id IN (SELECT tag_id FROM passage_tags WHERE passage_id = OLD.id)
        AND document_id = OLD.document_id;
    DELETE FROM document_tags
        WHERE tag_id IN (SELECT tag_id FROM passage_tags WHERE passage_id = OLD.id)
        AND document_id = OLD.document_id
        AND passages <= 0;"""

SCHEMA_V7 = f"""
CREATE TABLE document_tags (
    tag_id INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    passages INTEGER NOT NULL,
    PRIMARY KEY (tag_id, document_id)
) WITHOUT ROWID;
CREATE TRIGGER document_tags_tag_insert AFTER INSERT ON passage_tags BEGIN{_COUNT_TAG}
END;
CREATE TRIGGER document_tags_tag_delete AFTER DELETE ON passage_tags BEGIN{_UNCOUNT_TAG}
END;
CREATE TRIGGER document_tags_tag_update AFTER UPDATE ON passage_tags BEGIN{_UNCOUNT_TAG}{_COUNT_TAG}
END;
CREATE TRIGGER document_tags_passage_insert AFTER INSERT ON passages BEGIN{_COUNT_PASSAGE}
END;
CREATE TRIGGER document_tags_passage_delete BEFORE DELETE ON passages BEGIN{_UNCOUNT_PASSAGE}
END;
CREATE TRIGGER document_tags_passage_move AFTER UPDATE OF document_id ON passages
WHEN OLD.document_id <> NEW.document_id BEGIN{_UNCOUNT_PASSAGE}{_COUNT_PASSAGE}
END;
"""

#: The rows ``document_tags`` holds, computed from the passages and their tags.
DOCUMENT_TAGS_ROWS = (
    "SELECT pt.tag_id, p.document_id, count(*) FROM passage_tags pt "
    "JOIN passages p ON p.id = pt.passage_id GROUP BY pt.tag_id, p.document_id"
)


def rebuild_document_tags(conn: Connection) -> None:
    """``document_tags`` computed again from the passages and their tags."""
    conn.execute("DELETE FROM document_tags")
    conn.execute(f"INSERT INTO document_tags (tag_id, document_id, passages) {DOCUMENT_TAGS_ROWS}")


def _v7(conn: Connection) -> None:
    """How many passages of each document each tag has (``document_tags``):
    derived data, kept by triggers whatever writes the passages and their
    tags (operations, undo and redo, imports of projects), so that the
    articles holding a tag are read from one index instead of a lookup per
    tagged passage. No checksum and no undo history: it is recomputed from
    the passages and their tags (``rebuild_document_tags``).

    The triggers count a passage's tag once both rows exist, whichever comes
    first (undo puts rows back with foreign keys deferred), and stop counting
    it when the first of the two goes. A passage's tags are uncounted before
    the passage goes: the foreign key's cascade deletes them after its row,
    when their own trigger no longer finds the passage. Every statement
    reaches its rows by the table's key (a scan of a tag's rows for each row
    deleted made deleting a common tag's 30,000 passages take 30 s)."""
    _run_script(conn, SCHEMA_V7)
    rebuild_document_tags(conn)


# version 8's triggers: a passage whose terms no longer hold loses them and
# is queued to have them made again
_FORGET_TERMS = """
    DELETE FROM passage_terms WHERE passage_id = OLD.id;
    DELETE FROM passage_terms_stale WHERE passage_id = OLD.id;"""
_QUEUE_TERMS = """
    DELETE FROM passage_terms WHERE passage_id = NEW.id;
    INSERT OR IGNORE INTO passage_terms_stale (passage_id) VALUES (NEW.id);"""

SCHEMA_V8 = f"""
CREATE TABLE passage_terms (
    passage_id INTEGER NOT NULL PRIMARY KEY,
    terms TEXT NOT NULL
);
CREATE TABLE passage_terms_stale (
    passage_id INTEGER NOT NULL PRIMARY KEY
);
CREATE TRIGGER passage_terms_passage_insert AFTER INSERT ON passages BEGIN{_QUEUE_TERMS}
END;
CREATE TRIGGER passage_terms_passage_update AFTER UPDATE OF id, document_id, exact, note
ON passages WHEN NEW.id IS NOT OLD.id OR NEW.document_id IS NOT OLD.document_id
OR NEW.exact IS NOT OLD.exact OR NEW.note IS NOT OLD.note BEGIN{_FORGET_TERMS}{_QUEUE_TERMS}
END;
CREATE TRIGGER passage_terms_passage_delete AFTER DELETE ON passages BEGIN{_FORGET_TERMS}
END;
CREATE TRIGGER passage_terms_language AFTER UPDATE OF language ON documents
WHEN NEW.language IS NOT OLD.language BEGIN
    DELETE FROM passage_terms
        WHERE passage_id IN (SELECT id FROM passages WHERE document_id = NEW.id);
    INSERT OR IGNORE INTO passage_terms_stale (passage_id)
        SELECT id FROM passages WHERE document_id = NEW.id;
END;
"""


def _v8(conn: Connection) -> None:
    """Each passage's terms as the passage search compares them
    (``passage_terms``; see ``core.passage_terms``), made for the passages
    there are: derived data without checksum or undo history. Triggers
    remove a passage's terms whenever its quote, note, article or the
    article's language changes, and queue it to have them made again, so
    that a row that is there is always true, whatever program writes."""
    from kzreader.core import passage_terms

    _run_script(conn, SCHEMA_V8)
    passage_terms.rebuild(conn)


# version 9's triggers: a passage's set of tags, before and after a change to
# one of its rows in ``passage_tags``, read from the rows there are once the
# change is made (``_tags_of``), and moved from one count to the other
def _tags_of(passage: str, without: str | None = None, plus: str | None = None) -> str:
    """The tags of ``passage`` (ids in order, space-separated; NULL for none)
    leaving out the row ``without`` (``NEW``) and adding the tag ``plus``."""
    left_out = (
        f" AND NOT (passage_id = {without}.passage_id AND tag_id = {without}.tag_id)"
        if without
        else ""
    )
    added = f" UNION SELECT {plus}" if plus else ""
    return (
        "(SELECT group_concat(tag_id, ' ') FROM (SELECT tag_id FROM passage_tags "
        f"WHERE passage_id = {passage}{left_out}{added} ORDER BY 1))"
    )


def _recount(before: str, after: str) -> str:
    return f"""
    UPDATE tag_sets SET passages = passages - 1 WHERE tags = {before};
    DELETE FROM tag_sets WHERE tags = {before} AND passages <= 0;
    INSERT INTO tag_sets (tags, passages) SELECT {after}, 1 WHERE {after} IS NOT NULL
        ON CONFLICT (tags) DO UPDATE SET passages = passages + 1;"""


_NEW_SIDE = _recount(_tags_of("NEW.passage_id", "NEW"), _tags_of("NEW.passage_id"))
SCHEMA_V9 = f"""
CREATE TABLE tag_sets (
    tags TEXT NOT NULL PRIMARY KEY,
    passages INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER tag_sets_insert AFTER INSERT ON passage_tags BEGIN{_NEW_SIDE}
END;
CREATE TRIGGER tag_sets_delete AFTER DELETE ON passage_tags BEGIN{
    _recount(_tags_of("OLD.passage_id", plus="OLD.tag_id"), _tags_of("OLD.passage_id"))
}
END;
CREATE TRIGGER tag_sets_update AFTER UPDATE ON passage_tags BEGIN{
    _recount(_tags_of("OLD.passage_id", "NEW", "OLD.tag_id"), _tags_of("OLD.passage_id", "NEW"))
}{_NEW_SIDE}
END;
"""

#: The rows ``tag_sets`` holds, computed from the passages' tags.
TAG_SETS_ROWS = (
    "SELECT tags, count(*) FROM (SELECT passage_id, group_concat(tag_id, ' ') AS tags "
    "FROM (SELECT passage_id, tag_id FROM passage_tags ORDER BY passage_id, tag_id) "
    "GROUP BY passage_id) GROUP BY tags"
)


def rebuild_tag_sets(conn: Connection) -> None:
    """``tag_sets`` computed again from the passages' tags."""
    conn.execute("DELETE FROM tag_sets")
    conn.execute(f"INSERT INTO tag_sets (tags, passages) {TAG_SETS_ROWS}")


def _v9(conn: Connection) -> None:
    """How many passages carry each set of tags (``tag_sets``: the tag ids
    in order, space-separated): derived data kept by triggers on
    ``passage_tags`` whatever writes it, like ``document_tags``, and with
    no part in it for the passages' own rows (undo may put a tag back
    before its passage). A tag's passages, and a parent's passages each
    counted once however many of its sub-tags they carry, are sums over
    the sets, which are as many as the combinations of tags in use (231
    for 200,000 passages coded with 11 tags): the tag panel no longer
    groups every tag assignment of the library. The triggers read the
    passage's tags as they are once the change is made, and work out the
    set before it from the row changed."""
    _run_script(conn, SCHEMA_V9)
    rebuild_tag_sets(conn)


#: Step ``n`` (1-based) upgrades a database from version ``n - 1`` to ``n``.
MIGRATIONS: Sequence[Callable[[Connection], None]] = (_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9)


def latest_version() -> int:
    return len(MIGRATIONS)


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int | None = None) -> list[int]:
    """Bring the database up to ``target``; returns the versions applied.

    ``conn`` must be a raw ``sqlite3`` connection in autocommit mode
    (``isolation_level=None``): each step runs in its own ``BEGIN IMMEDIATE``
    transaction together with its ``user_version`` bump.
    """
    latest = latest_version()
    target = latest if target is None else target
    current = schema_version(conn)
    if current > latest:
        raise RuntimeError(f"schema version {current} is newer than this kzreader knows ({latest})")
    applied: list[int] = []
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
