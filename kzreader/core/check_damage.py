"""The check of damage SQLite cannot see (item 3 of ``core.check``): each
document's text against the hash recorded at import, each row of documents,
passages, tags and links against its checksum, the undo history's logged
changes, and the texts another program changed (see ``core.integrity``)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select, text
from whoosh.index import LockError

from kzreader.core import integrity, integrity_schema
from kzreader.core.anchoring import Selector, make_selector, reanchor_all
from kzreader.core.check_backups import _backup_advice, _Backups
from kzreader.core.check_report import (
    ANNOTATION_DAMAGED,
    DOCUMENT_DAMAGED,
    HISTORY_DAMAGED,
    TEXTS_CHANGED,
    CheckNote,
    CheckProblem,
    CheckReport,
    _chunks,
    _Damage,
    _noun,
)
from kzreader.core.db import now_iso
from kzreader.core.db import raw_connection as _raw
from kzreader.core.importer import prepare_items
from kzreader.core.models import Document
from kzreader.core.storing import bump_generation
from kzreader.core.wording import plural

if TYPE_CHECKING:
    from kzreader.core.library import Library


def _title(value: Any) -> str:
    title = " ".join(str(integrity.decoded(value) or "").split())
    return f"“{title[:60]}…”" if len(title) > 60 else f"“{title}”"


_NO_COPY = (
    "no backup holds a good copy of it: restore an earlier backup (`kzreader backups` "
    "lists them) if you can lose what was changed since, or correct it in kzreader, "
    "which records it anew"
)


def _check_damage(
    lib: Library,
    report: CheckReport,
    repair: bool,
    dangling: dict[tuple[str, str], list[int]] | None = None,
) -> _Damage:
    """Texts against their hashes, rows against their checksums (see the
    docstring of ``core.check``, item 3); a problem for each damaged article, passage,
    tag or link, repaired only with a copy proven good. Rows pointing at
    missing parents (``dangling``) are reported as such already."""
    pointing: dict[str, set[int]] = {}
    for (table, _parent), rowids in (dangling or {}).items():
        pointing.setdefault(table, set()).update(rowids)
    with lib.store.session() as s:
        # and the links that deleting those passages takes along
        for chunk in _chunks(sorted(pointing.get("passages", ())), 500):
            pointing.setdefault("links", set()).update(
                s.scalars(
                    text(
                        "SELECT id FROM links WHERE source_id IN :ids OR target_id IN :ids"
                    ).bindparams(bindparam("ids", expanding=True)),
                    {"ids": list(chunk)},
                )
            )
        conn = _raw(s)
        with integrity.stored_values(conn):
            rows = {
                t: [r for r in integrity.unverified_rows(conn, t) if r not in pointing.get(t, ())]
                for t in integrity.CHECKSUM_COLUMNS
            }
            texts = integrity.unsound_texts(conn)
    damage = _Damage()
    bad_rows = set(rows["documents"])
    damage.changed = sorted(
        d for d, v in texts.items() if v == integrity.TEXT_CHANGED and d not in bad_rows
    )
    documents = sorted(bad_rows | {d for d, v in texts.items() if v == integrity.TEXT_DAMAGED})
    if not documents and not any(rows[t] for t in ("passages", "tags", "links")):
        return damage
    with _Backups(lib) as backups:
        for doc_id in documents:
            problem = _document_damage(lib, backups, doc_id, doc_id in bad_rows, repair)
            report.problems.append(problem)
            if not problem.repaired:
                damage.documents.add(doc_id)
        for table in ("passages", "tags", "links"):
            for row_id in rows[table]:
                problem = _row_damage(lib, backups, table, row_id, damage, repair)
                report.problems.append(problem)
                if table == "passages" and not problem.repaired:
                    damage.passages.add(row_id)
    return damage


def _stored(lib: Library, table: str, row_id: int) -> dict[str, Any] | None:
    with lib.store.session() as s:
        conn = _raw(s)
        with integrity.stored_values(conn):
            return integrity.read_row(conn, table, row_id)


def _stored_text(lib: Library, doc_id: int) -> Any:
    with lib.store.session() as s:
        conn = _raw(s)
        with integrity.stored_values(conn):
            row = conn.execute(
                f"SELECT {integrity.TEXT_BYTES} FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
    return row[0] if row else None


def _original_text(source_path: Any, digest: str) -> tuple[Path, str] | None:
    """The article's text read again from the file it was imported from,
    when that file still gives the very same text."""
    if not source_path:
        return None
    path = Path(str(integrity.decoded(source_path)))
    try:
        if not path.is_file():
            return None
    except OSError:
        return None
    articles, _reason = prepare_items(str(path))  # an export: the article among its own
    article = next((a for a in articles if a.content_hash == digest), None)
    if article is None:
        return None
    return path, article.text


def _write_row(lib: Library, table: str, values: dict[str, Any], row_id: int) -> None:
    """Write a row's covered columns and the checksum that goes with them."""
    values = {**values, "checksum": integrity.checksum_of(table, values)}
    sets = ", ".join(f'"{c}" = :v{i}' for i, c in enumerate(values))
    params = {f"v{i}": v for i, v in enumerate(values.values())}
    with lib.store.session() as s:
        s.execute(text(f'UPDATE "{table}" SET {sets} WHERE id = :id'), {**params, "id": row_id})


def _text_copy(
    backups: _Backups, doc_id: int, source_path: Any, digest: str
) -> tuple[Path, str, str] | None:
    """``(file, where, text)`` of a good copy of a document's text: in the
    newest backup holding one, else in the file it was imported from."""
    found = backups.text(doc_id, digest)
    if found is not None:
        return found[0].path, f"the backup {found[0].path.name}", found[1]
    original = _original_text(source_path, digest)
    if original is not None:
        return original[0], f"its original file {original[0]}", original[1]
    return None


def _document_damage(
    lib: Library, backups: _Backups, doc_id: int, row_damaged: bool, repair: bool
) -> CheckProblem:
    """The problem of one damaged document: its details (the row) and/or
    its text, with the good copies found and, with ``repair``, put back."""
    current = _stored(lib, "documents", doc_id)
    assert current is not None
    row_copy = backups.row("documents", current) if row_damaged else None
    row_fix = row_copy if row_copy and row_copy[1] != integrity.EARLIER else None
    shown = row_fix[2] if row_fix else current
    # the hash the text must have: the row's own, once the row can be trusted
    digest = integrity.decoded(shown["content_hash"]) if not row_damaged or row_fix else None
    stored_text = _stored_text(lib, doc_id)
    text_sound = (
        digest is not None
        and isinstance(stored_text, bytes)
        and integrity.text_hash(stored_text) == digest
    )
    text_fix = None
    if digest is not None and not text_sound:
        text_fix = _text_copy(backups, doc_id, shown["source_path"], digest)
    parts: list[str] = []
    sources: list[Path] = []
    outcome: list[str] = []
    if row_damaged:
        parts.append(
            "its details (title, source, dates, fingerprint) no longer match their checksum"
        )
        if row_fix:
            sources.append(row_fix[0].path)
            outcome.append(
                f"details restored from the backup {row_fix[0].path.name}"
                if row_fix[1] == integrity.EXACT
                else "only the checksum of its details was damaged: recorded again"
            )
    if digest is None:
        parts.append("its text cannot be verified until they are restored")
    elif not text_sound:
        parts.append("its text no longer matches the fingerprint recorded when it was imported")
        if text_fix is not None:
            sources.append(text_fix[0])
            outcome.append(f"text restored from {text_fix[1]}")
    fixable = (not row_damaged or row_fix is not None) and (text_sound or text_fix is not None)
    message = f"document {doc_id} {_title(shown['title'])} is damaged: " + "; ".join(parts)
    problem = CheckProblem(DOCUMENT_DAMAGED, message, count=1, ids=[doc_id])
    if fixable:
        where = [f"the backup {row_fix[0].path.name}"] if row_fix else []
        where += [text_fix[1]] if text_fix and text_fix[1] not in where else []
        if where:
            problem.message += f"; {' and '.join(where)} {'holds' if len(where) == 1 else 'hold'} "
            problem.message += "a good copy"
        problem.paths = [str(p) for p in dict.fromkeys(sources)]
    else:
        problem.repairable = False
        problem.outcome = "cannot be repaired in place"
        problem.message += "; its passages are left as they are"
        if row_copy is not None and row_copy[1] == integrity.EARLIER:
            problem.advice = _backup_advice(row_copy[0], "an earlier version of it")
            problem.paths = [str(row_copy[0].path)]
        else:
            problem.advice = (
                "no backup holds a good copy of it, nor does its original file: restore an "
                "earlier backup (`kzreader backups` lists them) if you can lose what was "
                "changed since, or import the article again from a good copy of its file "
                "(its passages follow the text)"
            )
        return problem
    if repair:
        if row_fix:
            _write_row(lib, "documents", integrity.row_values("documents", row_fix[2]), doc_id)
        if text_fix is not None:
            with lib.store.session() as s:
                s.execute(
                    text("UPDATE documents SET text = :text WHERE id = :id"),
                    {"text": text_fix[2], "id": doc_id},
                )
        problem.repaired = True
        problem.outcome = "; ".join(outcome)
    return problem


def _rebuilt_selector(
    lib: Library, current: dict[str, Any], damage: _Damage
) -> dict[str, Any] | None:
    """A damaged passage's columns with its selector rebuilt from its
    document's (sound) text, when that gives back the checksum: where the
    selector stands (its start and end) or what it quotes (its exact text)
    was damaged, and the rest of the row tells the original."""
    doc_id = current["document_id"]
    if not isinstance(doc_id, int) or doc_id in damage.documents:
        return None
    with lib.store.session() as s:
        doc_text = s.scalar(select(Document.text).where(Document.id == doc_id))
    if doc_text is None:
        return None
    start, end = current["start"], current["end"]
    old = Selector(
        start if isinstance(start, int) else 0,
        end if isinstance(end, int) else 0,
        *(str(integrity.decoded(current[c]) or "") for c in ("exact", "prefix", "suffix")),
    )
    candidates = []
    if 0 <= old.start < old.end <= len(doc_text):
        candidates.append(make_selector(doc_text, old.start, old.end))
    anchor = reanchor_all([old], doc_text)[0]
    if anchor.status != "orphan":
        candidates.append(anchor.selector)
    stored = integrity.decoded(current["checksum"])
    for sel in candidates:
        values = {
            **integrity.row_values("passages", current),
            "start": sel.start,
            "end": sel.end,
            "exact": sel.exact,
            "prefix": sel.prefix,
            "suffix": sel.suffix,
        }
        if integrity.checksum_of("passages", values) == stored:
            return values
    return None


def _describe_row(lib: Library, table: str, row: dict[str, Any]) -> str:
    if table == "passages":
        doc_id = row["document_id"]
        with lib.store.session() as s:
            title = s.scalar(select(Document.title).where(Document.id == doc_id))
        return f"passage {row['id']} in document {doc_id} {_title(title)}"
    if table == "tags":
        return f"tag {row['id']} {_title(row['name'])}"
    return f"link {row['id']} from passage {row['source_id']} to passage {row['target_id']}"


#: What the checksum of each kind of row covers, for a person.
_COVERS = {
    "passages": "its quote, extent, note, colour or dates",
    "tags": "its name, colour, description or place in the tree",
    "links": "its relation, direction, note or passages",
}


def _row_damage(
    lib: Library, backups: _Backups, table: str, row_id: int, damage: _Damage, repair: bool
) -> CheckProblem:
    """The problem of one damaged passage, tag or link."""
    current = _stored(lib, table, row_id)
    assert current is not None
    rebuilt = _rebuilt_selector(lib, current, damage) if table == "passages" else None
    copy = None if rebuilt is not None else backups.row(table, current)
    shown = copy[2] if copy and copy[1] != integrity.EARLIER else current
    message = (
        f"{_describe_row(lib, table, shown)} is damaged: {_COVERS[table]} no longer "
        "match its checksum"
    )
    problem = CheckProblem(ANNOTATION_DAMAGED, message, count=1, ids=[row_id])
    if rebuilt is not None:
        values, outcome = rebuilt, "its selector rebuilt from its document's text"
        problem.message += "; its document's text gives it back"
    elif copy is not None and copy[1] in (integrity.EXACT, integrity.SAME):
        values = integrity.row_values(table, copy[2] if copy[1] == integrity.EXACT else current)
        outcome = (
            f"restored from the backup {copy[0].path.name}"
            if copy[1] == integrity.EXACT
            else "only its checksum was damaged: recorded again"
        )
        problem.message += f"; a good copy is in the backup {copy[0].path.name}"
        problem.paths = [str(copy[0].path)]
    else:
        problem.repairable = False
        problem.outcome = "cannot be repaired in place"
        if copy is not None:
            problem.paths = [str(copy[0].path)]
            problem.advice = _backup_advice(copy[0], "an earlier version of it") + (
                "; or correct it in kzreader, which records it anew"
            )
        else:
            problem.advice = _NO_COPY
        return problem
    if repair:
        _write_row(lib, table, values, row_id)
        problem.repaired = True
        problem.outcome = outcome
    return problem


def _check_history(lib: Library, report: CheckReport, repair: bool) -> None:
    """The undo history's logged changes (``integrity.unsound_history``).
    A repair forgets the damaged operations and those an undo or redo could
    only reach through them: the user's rows stay as they are."""
    with lib.store.session() as s:
        conn = _raw(s)
        with integrity.stored_values(conn):
            damaged = integrity_schema.unsound_history(conn)
        if not damaged:
            return
        states = dict(
            s.execute(text("SELECT id, state FROM history")).all()  # type: ignore[arg-type]
        )
    done = [op for op in damaged if states.get(op) == "done"]
    undone = [op for op in damaged if states.get(op) == "undone"]
    n = len(damaged)
    problem = CheckProblem(
        HISTORY_DAMAGED,
        f"the undo history is damaged: {plural(n, 'operation', 'operations')} "
        f"({', '.join(str(op) for op in damaged[:5])}{', …' if n > 5 else ''}) could no "
        "longer be undone or redone correctly",
        count=n,
        ids=damaged,
    )
    report.problems.append(problem)
    if not repair:
        return
    with lib.store.session() as s:
        # undo goes from the newest done operation back, redo from the oldest
        # undone one on: past a damaged one, neither can go on
        forgotten = 0
        if done:
            forgotten += s.execute(
                text("DELETE FROM history WHERE state = 'done' AND id <= :op"), {"op": max(done)}
            ).rowcount
        if undone:
            forgotten += s.execute(
                text("DELETE FROM history WHERE state = 'undone' AND id >= :op"),
                {"op": min(undone)},
            ).rowcount
        orphaned = [op for op in damaged if op not in states]
        if orphaned:
            s.execute(
                text("DELETE FROM history_changes WHERE op_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": orphaned},
            )
    problem.repaired = True
    problem.outcome = (
        f"{plural(forgotten, 'operation was', 'operations were')} forgotten: "
        f"{'it' if forgotten == 1 else 'they'} can no longer be undone or redone "
        "(nothing else was changed)"
    )


def _take_changed_texts(lib: Library, report: CheckReport, repair: bool, damage: _Damage) -> None:
    """Texts another program changed (see ``integrity.TEXT_CHANGED``): a
    note; a repair records each as its document's own text (hash, length)
    and indexes it, its passages having been re-anchored in it already."""
    if not damage.changed:
        return
    with lib.store.session() as s:
        titles = dict(
            s.execute(
                select(Document.id, Document.title).where(Document.id.in_(damage.changed))
            ).all()
        )
    named = ", ".join(f"document {d} {_title(titles.get(d))}" for d in damage.changed)
    n = len(damage.changed)
    taken: list[int] = []
    if repair:
        taken = _take_texts(lib, damage.changed)
    if taken and len(taken) == n:
        what = (
            f"{'its text was' if n == 1 else 'their texts were'} recorded as "
            f"{'its' if n == 1 else 'their'} own"
        )
    else:
        what = (
            "kzreader takes them as they are: a repair re-anchors their passages and "
            "records the new texts as theirs"
        )
    report.notes.append(
        CheckNote(
            TEXTS_CHANGED,
            f"the text of {_noun('documents', n)} was changed outside kzreader ({named}): {what}",
            count=n,
            ids=list(damage.changed),
        )
    )


def _take_texts(lib: Library, doc_ids: Sequence[int]) -> list[int]:
    from kzreader.core.importing.pipeline import content_hash  # the import pipeline: on need

    taken = []
    with lib.store.session() as s:
        for doc_id in doc_ids:
            doc = s.get(Document, doc_id)
            if doc is None:
                continue
            digest = content_hash(doc.text)
            twin = s.scalar(
                select(Document.id).where(Document.content_hash == digest, Document.id != doc_id)
            )
            if twin is not None:  # the same text as another document: left as it is
                continue
            doc.content_hash, doc.length, doc.updated_at = digest, len(doc.text), now_iso()
            taken.append(doc_id)
        if taken:
            bump_generation(s)
    if taken:
        # if the index cannot be written now, the generation tells the next
        # opening to bring it up to date
        with contextlib.suppress(OSError, LockError):
            lib.index_documents(taken)
    return taken
