"""Background work with progress: the GUI thread never waits on the library.

``Workers.run(fn, ...)`` runs ``fn`` on a thread pool. Results, errors and
progress come back through Qt signals, so every callback runs on the GUI
thread; widgets are touched only there.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

#: How long the jobs must have been done before a warm-up starts.
IDLE_DELAY_MS = 300
#: How long a thread runs Python before the interpreter's lock may pass to
#: another thread that waits for it (seconds; Python's default is 0.005).
#: The GUI thread takes the lock back at each call from Qt into Python (a
#: paint, a model's data, a slot): while a worker runs Python, each such
#: call waits up to this long, and a repaint makes dozens of them.
SWITCH_INTERVAL = 0.001
#: ``after_jobs``: the longest wait for the jobs, and the pause after them.
AFTER_JOBS_MS = 1000
AFTER_PAUSE_MS = 20

_paused = 0
_paused_lock = threading.Lock()
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a worker makes many
    long-lived objects (the article list's rows: about 500,000 objects at
    100,000 articles), which are then frozen, out of its reach.

    A collection of the oldest generation holds the interpreter's lock for
    as long as it takes to walk every object: the load triggered six or
    seven of them at 100,000 articles, each 80-100 ms during which the GUI
    thread could not run. Frozen objects are still freed when their last
    reference goes (the rows of the list a reload replaces); only garbage
    in reference cycles made meanwhile by any thread would stay until the
    app ends."""
    global _paused, _was_enabled
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()


class Job(QObject):
    """One piece of background work. ``cancel()`` asks it to stop; the work
    sees it through the ``cancelled`` callable it was given."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_finished = False

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Runnable(QRunnable):
    def __init__(self, job: Job, fn: Callable[..., Any], pass_job: bool) -> None:
        super().__init__()
        self.job = job
        self.fn = fn
        self.pass_job = pass_job
        self.setAutoDelete(True)

    def run(self) -> None:
        job = self.job
        try:
            result = self.fn(job) if self.pass_job else self.fn()
        except BaseException as exc:  # reported to the GUI, never lost in a thread
            exc.__kz_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            job.error = exc
            job.failed.emit(exc)
        else:
            job.result = result
            job.done.emit(result)
        job.is_finished = True
        job.finished.emit()


class Workers(QObject):
    """A small thread pool for library work."""

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        #: the read-aheads' own thread (``read_ahead``)
        self.reader_pool = QThreadPool(self)
        self.reader_pool.setMaxThreadCount(1)
        self._jobs: set[Job] = set()
        self._reading: set[Job] = set()
        #: jobs asked for while held (``hold``), started by ``release``
        self._held: list[tuple[QThreadPool, _Runnable]] | None = None
        #: warm-ups (``when_idle``) waiting for the other jobs to finish
        self._idle: list[tuple[Callable[[], Any], Callable[[Any], None] | None]] = []
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._idle_due)
        #: the warm-ups running, and set while ``wait`` waits: no pausing then
        self._warming: set[Job] = set()
        self._closing = threading.Event()
        #: when the last job that is neither a warm-up nor a read-ahead
        #: ended (``time.monotonic``)
        self._last_done = 0.0
        #: what waits for the jobs (``after_jobs``), and its two timers
        self._after: list[Callable[[], None]] = []
        self._after_limit = QTimer(self)
        self._after_limit.setSingleShot(True)
        self._after_limit.timeout.connect(self._run_after)
        self._after_pause = QTimer(self)
        self._after_pause.setSingleShot(True)
        self._after_pause.setInterval(AFTER_PAUSE_MS)
        self._after_pause.timeout.connect(self._run_after)

    def hold(self) -> None:
        """Keep the jobs asked for from now on until ``release``. While the
        window is being built its panels ask for their first loads; started
        at once, a load's Python (100,000 articles' rows) shares the
        interpreter's lock with the building, which then waits for it at
        every call into the library."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the jobs held since ``hold``, in the order they were asked."""
        held, self._held = self._held, None
        for pool, runnable in held or ():
            pool.start(runnable)

    def run(
        self,
        fn: Callable[..., Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        with_job: bool = False,
    ) -> Job:
        """Run ``fn()`` (or ``fn(job)`` with ``with_job``, to report progress
        through ``job.progress.emit`` and check ``job.cancelled()``)."""
        return self._start(self.pool, fn, on_done, on_error, on_progress, with_job)

    def read_ahead(self, fn: Callable[[Callable[[], bool]], Any]) -> Job:
        """Run ``fn(stop)`` on a thread of its own: reading files once so
        that the system caches them (the search index, as a library opens).
        Such work waits on the disk, not on the interpreter's lock, so it
        runs beside the loads instead of taking one of their threads.
        ``wait`` stops it (``stop()`` turns true): it only spares a later
        wait, and should not delay the window's closing."""

        def work(job: Job) -> Any:  # handed its job: the pool may run it before start returns
            return fn(job.cancelled)

        return self._start(self.reader_pool, work, None, None, None, True, joins=self._reading)

    def _start(
        self,
        pool: QThreadPool,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        with_job: bool,
        *,
        joins: set[Job] | None = None,
    ) -> Job:
        """Make the job and connect it before it starts: a pool thread may run
        it, and finish it, before ``pool.start`` returns. The job is in
        ``joins`` (the read-aheads, the warm-ups) until it finishes."""
        job = Job()
        self._jobs.add(job)
        if on_done is not None:
            job.done.connect(on_done)
        if on_error is not None:
            job.failed.connect(on_error)
        if on_progress is not None:
            job.progress.connect(on_progress)
        job.finished.connect(lambda: self._finished(job))
        if joins is not None:  # left after _finished, which asks whether it is in them
            joins.add(job)
            job.finished.connect(lambda: joins.discard(job))
        runnable = _Runnable(job, fn, with_job)
        if self._held is not None:
            self._held.append((pool, runnable))
        else:
            pool.start(runnable)
        return job

    def when_idle(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None
    ) -> None:
        """Run ``fn()`` once no other job is left (nor held): work that only
        spares a later wait, such as compiling what a first search will use.
        Started with the window's first loads, the warm-ups of the reader
        and the concordance (large expressions built and compiled in Python)
        held the interpreter's lock from the GUI thread for 40-90 ms at a
        time at 100,000 articles. ``on_done(result)`` runs on the GUI thread."""
        self._idle.append((fn, on_done))
        self._start_idle()

    def after_jobs(self, fn: Callable[[], None], at_most_ms: int = AFTER_JOBS_MS) -> None:
        """Call ``fn()`` on the GUI thread once the jobs are done (the
        warm-ups and read-aheads aside; those the running jobs' results
        start included), ``AFTER_PAUSE_MS`` later, or after ``at_most_ms``
        whatever runs. For the window's own work after an operation, such
        as showing an import's first article: done while the panels reload
        on workers, each call from Qt into Python waited for the
        interpreter's lock, and the window stopped answering for 60-90 ms
        at a time."""
        self._after.append(fn)
        if not self._after_limit.isActive():
            self._after_limit.start(at_most_ms)
        self._after_due()

    def _busy(self) -> bool:
        """A job other than the warm-ups and the read-aheads runs or is held."""
        return bool(self._held) or any(
            j not in self._warming and j not in self._reading for j in self._jobs
        )

    def _after_due(self) -> None:
        if self._after and not self._busy() and not self._after_pause.isActive():
            self._after_pause.start()

    def _run_after(self) -> None:
        self._after_limit.stop()
        self._after_pause.stop()
        waiting, self._after = self._after, []
        for fn in waiting:
            fn()

    def _finished(self, job: Job) -> None:
        self._jobs.discard(job)
        if job not in self._warming and job not in self._reading:
            self._last_done = time.monotonic()
        self._start_idle()
        self._after_due()

    def _start_idle(self) -> None:
        """The next warm-up, once the jobs are done and the GUI thread has
        had ``IDLE_DELAY_MS`` to show their results: one at a time, so that
        the GUI thread shares the interpreter's lock with one of them at
        most."""
        if self._warm_up_due() and not self._idle_timer.isActive():
            self._idle_timer.start(IDLE_DELAY_MS)

    def _idle_due(self) -> None:
        if self._warm_up_due():
            fn, on_done = self._idle.pop(0)
            self._start(self.pool, fn, on_done, None, None, False, joins=self._warming)

    def yield_to_jobs(self) -> None:
        """Wait while a job other than the warm-ups and the read-aheads runs,
        and for ``IDLE_DELAY_MS`` after it ended, while the GUI thread shows
        its results (from a warm-up, on its worker, between pieces of its
        work). A search or a tag's page asked for while a warm-up runs
        otherwise shares the interpreter's lock three ways with it and the
        GUI thread, which then waited up to 80 ms for it at 100,000 articles.
        ``wait`` ends the pause."""
        while not self._closing.is_set() and (
            len(self._jobs) > len(self._warming) + len(self._reading)
            or time.monotonic() - self._last_done < IDLE_DELAY_MS / 1000
        ):
            self._closing.wait(0.005)

    def _warm_up_due(self) -> bool:
        """A warm-up waits and no other job is running or held."""
        return bool(self._idle) and not self._jobs and self._held is None

    def pending(self) -> int:
        """How many jobs asked for have not finished, held ones and warm-ups
        waiting for their turn included."""
        return len(self._jobs) + len(self._idle)

    def close(self, msecs: int = 30_000) -> bool:
        """Drop the warm-ups not started (nothing is left that they would
        spare a wait for), then wait for the jobs (``wait``)."""
        self._idle.clear()
        self._idle_timer.stop()
        self._after.clear()
        self._after_limit.stop()
        self._after_pause.stop()
        return self.wait(msecs)

    @Slot()
    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every job, the held ones started first (for closing the
        window, and for tests); the read-aheads are stopped."""
        for job in list(self._reading):
            job.cancel()
        self.release()
        self._closing.set()
        try:
            return self.pool.waitForDone(msecs) and self.reader_pool.waitForDone(msecs)
        finally:
            self._closing.clear()
