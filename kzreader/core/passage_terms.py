"""Each passage's words as the passage search compares them, kept beside it.

A search of passages by words (``retrieval.iter_search_passages``) asks,
of each passage in the tags and places it is narrowed to, whether its
quote and note hold every word, stemmed as the search index stems its
article's language. Tokenising and stemming each passage in Python as it
is read cost 16 µs a passage: a page of a tag within ``paix`` read about
1,000 of them. ``passage_terms`` keeps each passage's terms (the set
``index.body_terms`` gives for its quote and note, space-separated, with a
space before and after), so that SQLite asks the question itself, as it
reads the passages.

The table is derived data, without checksum or undo history. Triggers
(``migrations._v8``) remove a passage's row whenever what its terms come
from changes (its quote, its note, its article or that article's language,
or the passage itself is put back), whatever writes it: operations, undo
and redo, imports, repairs, another program's SQL; and they queue the
passage in ``passage_terms_stale``. So a row that is there is always true;
a passage without one is compared in Python, as before. ``refresh`` makes
the rows of the queued passages: each operation, undo and redo, and each
re-import does it before it commits.

``TERMS_VERSION`` names the analyzer the terms were made with (recorded in
``meta``): a change to ``index.body_terms`` comes with a new version and a
migration that rebuilds the table; until then, a search leaves rows of
another version aside.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import ColumnElement, and_, case, func, literal, true
from sqlalchemy.orm import Session

from kzreader.core.index import STEM_LANGUAGES, body_terms
from kzreader.core.models import Document, Meta, PassageTerms

#: The analyzer the stored terms were made with (see the module's text).
TERMS_VERSION = "1"
#: The ``meta`` key that records it.
META_KEY = "passage_terms"

#: Passages whose terms are made at a time by ``refresh``.
BATCH = 2000


def terms_text(exact: str, note: str | None, language: str | None) -> str:
    """The stored form of a passage's terms: ``" term term "``, sorted."""
    terms = body_terms(f"{exact}\n{note or ''}", language)
    return f" {' '.join(sorted(terms))} " if terms else " "


def current(session: Session) -> bool:
    """Whether the stored terms were made by this analyzer."""
    meta = session.get(Meta, META_KEY)
    return meta is not None and meta.value == TERMS_VERSION


def refresh(conn: sqlite3.Connection, limit: int | None = None) -> int:
    """Make the terms of the passages queued in ``passage_terms_stale``
    (at most ``limit`` of them), in the caller's transaction; returns how
    many were made. Queued passages that are gone leave the queue."""
    made = 0
    while limit is None or made < limit:
        size = BATCH if limit is None else min(BATCH, limit - made)
        queued = [
            pid
            for (pid,) in conn.execute(
                "SELECT passage_id FROM passage_terms_stale ORDER BY passage_id LIMIT ?", (size,)
            )
        ]
        if not queued:
            break
        marks = ", ".join("?" * len(queued))
        rows = conn.execute(
            "SELECT p.id, p.exact, p.note, d.language FROM passages p "
            f"JOIN documents d ON d.id = p.document_id WHERE p.id IN ({marks})",
            queued,
        ).fetchall()
        conn.executemany(
            "INSERT OR REPLACE INTO passage_terms (passage_id, terms) VALUES (?, ?)",
            [(pid, terms_text(exact, note, language)) for pid, exact, note, language in rows],
        )
        conn.execute(f"DELETE FROM passage_terms_stale WHERE passage_id IN ({marks})", queued)
        made += len(rows)
    return made


def refresh_session(session: Session) -> int:
    """``refresh`` in ``session``'s transaction, its pending changes written first."""
    session.flush()
    # the session's own ``sqlite3`` connection (``db.raw_connection``, which
    # this module, run by a migration, cannot import back)
    return refresh(session.connection().connection.dbapi_connection)  # type: ignore[arg-type]


def rebuild(conn: sqlite3.Connection) -> None:
    """Every passage's terms made again, recorded as this analyzer's."""
    conn.execute("DELETE FROM passage_terms")
    conn.execute("DELETE FROM passage_terms_stale")
    conn.execute("INSERT INTO passage_terms_stale (passage_id) SELECT id FROM passages")
    refresh(conn)
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (META_KEY, TERMS_VERSION)
    )


TermsOf = Callable[[str, str | None], set[str]]


def _holds(terms: Iterable[str]) -> ColumnElement[bool]:
    """The stored terms hold every one of ``terms``."""
    wanted = sorted(set(terms))
    if not wanted:
        return true()
    return and_(*(func.instr(PassageTerms.terms, literal(f" {t} ")) > 0 for t in wanted))


def holds_words(words: Sequence[str], terms_of: TermsOf) -> ColumnElement[bool]:
    """The stored terms of a passage hold every term of ``words`` as its
    article's language stems them (``terms_of(word, language)``): one
    branch per stemmed language whose terms differ from the unstemmed
    ones. The query reads ``documents`` beside the passages."""

    def wanted(language: str | None) -> set[str]:
        return set().union(*(terms_of(word, language) for word in words))

    plain = wanted(None)
    branches = [
        (Document.language == lang, _holds(terms))
        for lang in STEM_LANGUAGES
        if (terms := wanted(lang)) != plain
    ]
    if not branches:
        return _holds(plain)
    return case(*branches, else_=_holds(plain))
