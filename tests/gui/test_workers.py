"""The app's workers: jobs held while the window is built, and the cyclic
garbage collector held off while a worker makes the article list's rows."""

from __future__ import annotations

import gc
import threading

from kzreader.gui.context import AppContext
from kzreader.gui.workers import collector_paused


def test_held_jobs_start_on_release_or_when_waited_for(qapp, ctx: AppContext) -> None:
    done: list[int] = []
    ctx.workers.hold()
    ctx.workers.run(lambda: done.append(1))
    ctx.workers.run(lambda: done.append(2))
    assert ctx.workers.pool.activeThreadCount() == 0 and done == []
    assert ctx.workers.pending() == 2
    assert ctx.workers.wait()  # starts them first
    assert sorted(done) == [1, 2]
    ctx.workers.run(lambda: done.append(3))  # no longer held
    assert ctx.workers.wait() and sorted(done) == [1, 2, 3]


def test_the_collector_is_held_off_while_any_worker_needs_it_and_the_rows_frozen() -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    inside = threading.Event()
    leave = threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=other)
    try:
        with collector_paused():
            thread.start()
            inside.wait(10)
            rows = [[n] for n in range(1000)]  # long-lived objects the collector tracks
        assert not gc.isenabled()  # the other worker is still inside
        leave.set()
        thread.join(10)
        assert seen == [False]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(rows)
    finally:
        leave.set()
        gc.unfreeze()
        gc.enable()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_warm_ups_wait_for_the_other_jobs_and_run_one_at_a_time(qtbot, ctx: AppContext) -> None:
    order: list[str] = []
    gate = threading.Event()
    running = threading.Lock()
    overlapped: list[bool] = []

    def warm_up(name: str) -> None:
        overlapped.append(not running.acquire(blocking=False))
        order.append(name)
        running.release()

    ctx.workers.run(lambda: (gate.wait(10), order.append("job")))
    ctx.workers.when_idle(lambda: warm_up("first"))
    ctx.workers.when_idle(lambda: warm_up("second"))
    assert ctx.workers.pending() == 3  # the job and the two warm-ups waiting
    assert order == []
    gate.set()
    qtbot.waitUntil(lambda: order == ["job", "first", "second"], timeout=10_000)
    assert overlapped == [False, False]
    qtbot.waitUntil(lambda: ctx.workers.pending() == 0)


def test_a_read_ahead_runs_beside_busy_workers_and_waiting_stops_it(qapp, qtbot, ctx) -> None:
    busy = threading.Event()
    release = threading.Event()
    ran = threading.Event()
    stopped: list[bool] = []

    def load() -> None:  # both pool threads taken, as by the first loads
        busy.set()
        release.wait(10)

    def read(stop) -> int:
        ran.set()
        while not stop():
            threading.Event().wait(0.01)
        stopped.append(True)
        return 0

    workers = ctx.workers
    workers.run(load)
    workers.run(load)
    job = workers.read_ahead(read)
    try:
        assert ran.wait(10)  # not queued behind the loads
        assert workers.pending() == 3
    finally:
        release.set()
    assert workers.wait()  # stops the read-ahead rather than waiting for its end
    assert stopped == [True]
    qtbot.waitUntil(lambda: job.is_finished and workers.pending() == 0)


class _AtOnce:
    """A pool that runs a job inside ``start``, before ``start`` returns: the
    order a loaded machine can give a real pool's thread."""

    def start(self, runnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int) -> bool:
        return True


def test_a_read_ahead_run_before_its_start_returns_still_runs_and_is_forgotten(ctx) -> None:
    workers = ctx.workers
    workers.reader_pool = _AtOnce()
    calls: list[bool] = []
    job = workers.read_ahead(lambda stop: calls.append(stop()) or 7)
    assert calls == [False]
    assert job.error is None and job.result == 7 and job.is_finished
    assert workers.pending() == 0 and not workers._reading


def test_a_warm_up_yields_to_a_job_asked_for_meanwhile(qapp, qtbot, ctx) -> None:
    workers = ctx.workers
    job_running = threading.Event()
    job_release = threading.Event()
    inside = threading.Event()
    order: list[str] = []

    def warm_up() -> str:
        inside.set()
        job_running.wait(10)
        workers.yield_to_jobs()  # the job runs: wait for it
        order.append("warm-up resumed")
        return "warm"

    def job() -> None:
        job_running.set()
        job_release.wait(10)
        order.append("job done")

    warmed: list[str] = []
    workers.when_idle(warm_up, on_done=warmed.append)
    qtbot.waitUntil(inside.is_set, timeout=10_000)
    workers.run(job)
    assert job_running.wait(10)
    job_release.set()  # a warm-up that did not wait has resumed before the job ends
    qtbot.waitUntil(lambda: warmed == ["warm"], timeout=10_000)
    assert order == ["job done", "warm-up resumed"]


def test_closing_drops_the_warm_ups_not_started(qapp, ctx) -> None:
    workers = ctx.workers
    gate = threading.Event()
    ran: list[int] = []
    workers.run(lambda: gate.wait(10))
    workers.when_idle(lambda: ran.append(1))  # waits for the job
    gate.set()
    assert workers.close()
    qapp.processEvents()  # the job's end: no warm-up is left to start
    assert not workers._idle_timer.isActive()
    assert workers.pending() == 0 and ran == []


def test_only_a_job_that_is_no_warm_up_makes_the_warm_ups_yield(qapp, qtbot, ctx) -> None:
    workers = ctx.workers
    warmed: list[int] = []
    workers.when_idle(lambda: 1, on_done=warmed.append)
    qtbot.waitUntil(lambda: warmed == [1] and workers.pending() == 0, timeout=10_000)
    assert workers._last_done == 0.0  # a warm-up's end keeps none waiting
    workers.run(lambda: None)
    qtbot.waitUntil(lambda: workers.pending() == 0, timeout=10_000)
    assert workers._last_done > 0.0


def test_after_jobs_waits_for_the_jobs_and_those_their_results_start(qapp, qtbot, ctx) -> None:
    workers = ctx.workers
    first, second, warm = threading.Event(), threading.Event(), threading.Event()
    warming = threading.Event()
    order: list[str] = []
    workers.when_idle(lambda: (warming.set(), warm.wait(10)))  # not waited for
    qtbot.waitUntil(warming.is_set, timeout=10_000)

    def chained(_result) -> None:  # a job's result starts another (a panel reloading)
        workers.run(lambda: (second.wait(10), order.append("reload")))

    workers.run(lambda: (first.wait(10), order.append("job")), on_done=chained)
    workers.after_jobs(lambda: order.append("after"))
    first.set()
    qtbot.waitUntil(lambda: order == ["job"], timeout=10_000)
    qapp.processEvents()
    assert order == ["job"]
    second.set()
    qtbot.waitUntil(lambda: order == ["job", "reload", "after"], timeout=10_000)
    assert not warm.is_set()  # the warm-up still runs
    warm.set()
    workers.close()


def test_after_jobs_waits_no_longer_than_asked_and_closing_drops_it(qapp, qtbot, ctx) -> None:
    workers = ctx.workers
    gate = threading.Event()
    ran: list[str] = []
    workers.run(lambda: gate.wait(10))
    workers.after_jobs(lambda: ran.append("late"), at_most_ms=50)
    qtbot.waitUntil(lambda: ran == ["late"], timeout=10_000)  # the job still runs
    assert not gate.is_set()
    workers.after_jobs(lambda: ran.append("dropped"), at_most_ms=60_000)
    gate.set()
    workers.close()
    qapp.processEvents()
    assert ran == ["late"]


def test_workers_let_the_gui_thread_take_the_interpreters_lock_soon(ctx) -> None:
    import sys

    from kzreader.gui.workers import SWITCH_INTERVAL

    assert sys.getswitchinterval() <= SWITCH_INTERVAL
