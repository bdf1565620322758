"""The app's edits run off the GUI thread, in order; the window hears of them
after they return and reads what it shows on its own workers: linking two
passages costs the GUI thread at most two short reads."""

from __future__ import annotations

import sys
import threading
from collections import Counter

import pytest
from sqlalchemy import event

from kzreader.core.errors import KzreaderError
from kzreader.gui.context import AppContext
from kzreader.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def settle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(win.is_settled, timeout=20_000)
    win.ctx.workers.wait()
    qtbot.waitUntil(lambda: win.is_settled() and not win.annotations_panel.is_loading())


def test_edits_run_in_order_off_the_gui_thread(qtbot, ctx: AppContext) -> None:
    ops, seen, done = ctx.operations, [], []
    gui = threading.get_ident()

    def edit(n: int) -> int:
        seen.append((n, threading.get_ident() != gui))
        return n

    for n in range(5):
        ops.run(lambda n=n: edit(n), on_done=done.append)
    assert ops.busy()
    qtbot.waitUntil(lambda: not ops.busy())
    assert seen == [(n, True) for n in range(5)] and done == list(range(5))


def test_the_change_notice_comes_before_the_result(qtbot, ctx: AppContext, seed_ids) -> None:
    heard: list[str] = []
    ctx.bridge.changed.connect(lambda changes: heard.append(f"changed {changes.label}"))
    ctx.operations.run(
        lambda: ctx.library.highlight(seed_ids["blinken"], quote="Antony Blinken"),
        on_done=lambda p: heard.append(f"done {p.exact}"),
    )
    assert heard == []  # nothing happens inside the call
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert heard == ["changed Highlight", "done Antony Blinken"]


def test_a_refusal_goes_to_on_error_and_a_bug_to_the_handler(
    qtbot, ctx: AppContext, monkeypatch
) -> None:
    refused: list[BaseException] = []
    hooked: list[type] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: hooked.append(kind))
    ctx.operations.run(lambda: ctx.library.tag("Nulle/part"), on_error=refused.append)
    ctx.operations.run(lambda: 1 / 0, on_error=refused.append)
    qtbot.waitUntil(lambda: not ctx.operations.busy())
    assert isinstance(refused[0], KzreaderError)
    assert isinstance(refused[1], ZeroDivisionError) and hooked == [ZeroDivisionError]


def test_linking_costs_the_gui_thread_two_reads_at_most(
    qtbot, window: MainWindow, seed_ids
) -> None:
    lib = window.library
    a = lib.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas")
    b = lib.highlight(seed_ids["rt_zas"], quote="Stanislav Zas")
    window.open_document(seed_ids["rt_zas"])
    settle(qtbot, window)
    gui = threading.get_ident()
    edit_thread: list[int] = []
    statements: Counter[str] = Counter()
    transactions: Counter[str] = Counter()

    def where() -> str:
        ident = threading.get_ident()
        return "gui" if ident == gui else "edit" if ident in edit_thread else "workers"

    def on_statement(*_args) -> None:  # type: ignore[no-untyped-def]
        statements[where()] += 1

    def on_begin(_conn) -> None:  # type: ignore[no-untyped-def]
        transactions[where()] += 1

    def link() -> object:
        edit_thread.append(threading.get_ident())
        return lib.link(b.id, a.id, "repeats")

    event.listen(lib.store.engine, "before_cursor_execute", on_statement)
    event.listen(lib.store.engine, "begin", on_begin)
    try:
        window.ctx.operations.run(link)
        settle(qtbot, window)
    finally:
        event.remove(lib.store.engine, "before_cursor_execute", on_statement)
        event.remove(lib.store.engine, "begin", on_begin)
    assert [li.other_id for li in lib.links(b.id)] == [a.id]
    assert transactions["edit"] == 1 and statements["edit"] <= 20, statements
    assert transactions["gui"] <= 2 and statements["gui"] <= 20, (statements, transactions)
    # what the window shows was read again, elsewhere
    assert transactions["workers"] >= 1
    assert [li.other_id for p in window.reader.passages for li in p.links] == [a.id]
