"""An edit takes one short path: one transaction and a handful of statements,
counted on the library's own connection."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from kzreader.core.library import Library


@dataclass
class Counted:
    statements: list[str] = field(default_factory=list)
    transactions: int = 0
    threads: set[str] = field(default_factory=set)


@contextmanager
def counting(lib: Library) -> Iterator[Counted]:
    counted = Counted()
    engine = lib.store.engine

    def on_statement(conn, cursor, statement, params, context, many) -> None:  # type: ignore[no-untyped-def]
        counted.statements.append(statement.split()[0].upper())
        counted.threads.add(threading.current_thread().name)

    def on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        counted.transactions += 1

    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(engine, "begin", on_begin)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
        event.remove(engine, "begin", on_begin)


def test_linking_two_passages_is_one_transaction(seeded: Library, seed_ids) -> None:
    a = seeded.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas")
    b = seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas")
    with counting(seeded) as counted:
        link = seeded.link(b.id, a.id, "repeats", note="repris")
    assert counted.transactions == 1
    assert len(counted.statements) <= 20, counted.statements
    # what it returns is the link as written, seen from its source
    assert (link.source_id, link.target_id, link.side, link.other_id) == (b.id, a.id, "out", a.id)
    assert link.other_exact == "Stanislav Zas" and link.note == "repris"
    assert link == next(li for li in seeded.links(b.id) if li.id == link.id)


def test_linking_to_a_span_is_one_transaction(seeded: Library, seed_ids) -> None:
    a = seeded.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas")
    text = seeded.document(seed_ids["rt_zas"]).text
    start = text.index("Stanislav Zas")
    with counting(seeded) as counted:
        link = seeded.link_to_span(a.id, seed_ids["rt_zas"], start, start + 13, "repeats")
    assert counted.transactions == 1
    assert len(counted.statements) <= 25, counted.statements
    assert link == next(li for li in seeded.links(a.id) if li.id == link.id)


def test_the_window_state_is_one_read(seeded: Library, seed_ids) -> None:
    seeded.highlight(seed_ids["blinken"], quote="Antony Blinken")
    with counting(seeded) as counted:
        state = seeded.state()
    assert counted.transactions == 1 and len(counted.statements) <= 6
    assert (state.documents, state.passages) == seeded.counts() == (5, 1)
    assert state.next_undo == seeded.next_undo() and state.next_undo is not None
    assert state.next_redo is None
    seeded.undo()
    assert seeded.state().next_redo == seeded.next_redo() is not None
