"""The schema is built by numbered migrations; the models describe the result."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from kzreader.core import integrity, integrity_schema, migrations
from kzreader.core.errors import LibraryError
from kzreader.core.importing.pipeline import content_hash
from kzreader.core.library import Library
from kzreader.core.models import Base


def _describe(url: str) -> dict[str, object]:
    engine = create_engine(url)
    insp = inspect(engine)
    conn = engine.connect()
    shape: dict[str, object] = {}
    for table in sorted(insp.get_table_names()):
        shape[table] = {
            "columns": sorted(
                (c["name"], str(c["type"]).split("(")[0], bool(c["nullable"]))
                for c in insp.get_columns(table)
            ),
            "pk": sorted(insp.get_pk_constraint(table)["constrained_columns"]),
            # SQLAlchemy does not reflect ON DELETE of inline REFERENCES: ask SQLite
            "fks": sorted(
                (row[3], row[2], row[4], row[6])
                for row in conn.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")')
            ),
            # (columns, unique, origin): inline UNIQUE shows as an automatic index
            "indexes": sorted(
                (
                    tuple(r[2] for r in conn.exec_driver_sql(f'PRAGMA index_info("{row[1]}")')),
                    row[2],
                    row[3],
                )
                for row in conn.exec_driver_sql(f'PRAGMA index_list("{table}")').all()
            ),
        }
    conn.close()
    engine.dispose()
    return shape


def test_migrated_schema_equals_the_models(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.sqlite"
    conn = sqlite3.connect(migrated, isolation_level=None)
    assert migrations.migrate(conn) == list(range(1, migrations.latest_version() + 1))
    conn.close()
    modelled = tmp_path / "modelled.sqlite"
    engine = create_engine(f"sqlite:///{modelled}")
    Base.metadata.create_all(engine)
    engine.dispose()
    assert _describe(f"sqlite:///{migrated}") == _describe(f"sqlite:///{modelled}")


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    migrations.migrate(conn)
    assert migrations.migrate(conn) == []
    assert migrations.schema_version(conn) == migrations.latest_version()


def test_upgrade_backs_up_then_applies_new_step(tmp_path: Path, monkeypatch) -> None:
    with Library(tmp_path / "lib") as lib:
        lib.import_paths([])
    added = []

    def v_next(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")
        added.append(True)

    steps = (*migrations.MIGRATIONS, v_next)
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    with Library(tmp_path / "lib"):
        pass
    assert added == [True]
    backups = list((tmp_path / "lib" / "backups").glob("before-schema-*.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert migrations.schema_version(old) == len(steps) - 1
    old.close()


def test_failing_step_leaves_previous_version_intact(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "db.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("disk on fire")

    original = migrations.MIGRATIONS
    monkeypatch.setattr(migrations, "MIGRATIONS", (*original, broken))
    with pytest.raises(RuntimeError):
        migrations.migrate(conn)
    assert migrations.schema_version(conn) == len(original)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables


def test_database_from_a_newer_kzreader_is_refused(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    Library(lib_dir).close()
    conn = sqlite3.connect(lib_dir / "library.sqlite")
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer kzreader"):
        Library(lib_dir)


def test_pragmas_are_set(library: Library) -> None:
    with library.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2


def test_a_version_1_library_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    lib_dir.mkdir()
    conn = sqlite3.connect(lib_dir / "library.sqlite", isolation_level=None)
    migrations.migrate(conn, target=1)
    conn.execute(
        "INSERT INTO documents (id, uid, title, text, length, content_hash, boilerplate, "
        "imported_at, updated_at) VALUES (1, 'u1', 'Titre', 'Un texte ancien.', 16, 'h1', '[]', "
        "'2024-01-01', '2024-01-01')"
    )
    for tag_id in (1, 2):  # version 1 allowed two root tags of the same name
        conn.execute(
            "INSERT INTO tags (id, uid, name, parent_id, created_at) "
            f"VALUES ({tag_id}, 't{tag_id}', 'Acteurs', NULL, '2024-01-01')"
        )
    conn.close()
    with Library(lib_dir) as lib:
        assert [d.title for d in lib.documents()] == ["Titre"]
        assert sorted(t.path for t in lib.tags()) == ["Acteurs", "Acteurs (2)"]
        p = lib.highlight(1, 0, 8, tags=["Acteurs"])
        assert p.exact == "Un texte"
        lib.undo()
        assert lib.passages() == []
    (backup,) = (lib_dir / "backups").glob("before-schema-*.sqlite")
    old = sqlite3.connect(backup)
    assert migrations.schema_version(old) == 1
    assert old.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    old.close()


def test_a_version_2_library_gets_checksums_its_undo_history_included(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    lib_dir.mkdir()
    conn = sqlite3.connect(lib_dir / "library.sqlite", isolation_level=None)
    migrations.migrate(conn, target=2)
    text = "Un texte ancien, déjà annoté."
    conn.execute(
        "INSERT INTO documents (id, uid, title, text, length, content_hash, boilerplate, "
        "imported_at, updated_at) VALUES (1, 'u1', 'Titre', ?, ?, ?, '[]', '2024-01-01', "
        "'2024-01-01')",
        (text, len(text), content_hash(text)),
    )
    conn.execute(
        "INSERT INTO tags (id, uid, name, color, created_at) "
        "VALUES (1, 't1', 'Acteurs', '#f6c343', '2024-01-01')"
    )
    conn.execute(
        'INSERT INTO passages (id, uid, document_id, start, "end", exact, prefix, suffix, note, '
        "status, created_at, modified_at) VALUES (1, 'p1', 1, 3, 8, 'texte', 'Un ', "
        "' ancien, déjà annoté.', 'avant', 'exact', '2024-01-01', '2024-01-01')"
    )
    conn.execute("INSERT INTO passage_tags VALUES (1, 1)")
    # an operation recorded by version 2: its images have no checksum
    conn.execute(
        "INSERT INTO history (id, kind, label, created_at, state) "
        "VALUES (1, 'edit_passage', 'Edit note', '2024-01-02', 'done')"
    )
    conn.execute("UPDATE history_context SET op_id = 1 WHERE id = 1")
    conn.execute("UPDATE passages SET note = 'après' WHERE id = 1")
    conn.execute("UPDATE history_context SET op_id = NULL WHERE id = 1")
    conn.close()
    with Library(lib_dir) as lib:
        conn = sqlite3.connect(lib.db_path)
        assert migrations.schema_version(conn) == migrations.latest_version()
        for table in integrity.CHECKSUM_COLUMNS:
            assert integrity.unverified_rows(conn, table) == []
        assert integrity_schema.unsound_history(conn) == []
        conn.close()
        assert lib.check().problems == []
        lib.undo()  # an image logged before the upgrade puts back a row that verifies
        assert lib.passage(1).note == "avant"
        assert lib.check().problems == []
        lib.redo()
        assert lib.passage(1).note == "après"
        assert lib.check().problems == []


def test_a_version_3_library_gets_empty_reuse_tables_then_fills_them(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    lib_dir.mkdir()
    conn = sqlite3.connect(lib_dir / "library.sqlite", isolation_level=None)
    migrations.migrate(conn, target=3)
    conn.close()
    words = " ".join(f"mot{k}" for k in range(40))
    with Library(lib_dir) as lib:
        for name, text in (("a", f"Début. {words} Fin."), ("b", f"Autre. {words} Suite.")):
            path = tmp_path / f"{name}.txt"
            path.write_text(text, "utf-8")
            lib.import_paths([path])
        assert lib.reuse_stale() == 2
        (al,) = lib.reuse().alignments
        assert (al.a.start, al.a.end) == (7, 7 + len(words))
    conn = sqlite3.connect(lib_dir / "library.sqlite")
    assert migrations.schema_version(conn) == migrations.latest_version()
    assert conn.execute("SELECT count(*) FROM reuse_documents").fetchone() == (2,)
    conn.close()
