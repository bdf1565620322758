"""Long library jobs in a process of their own.

Whoosh's indexing is pure Python and ends with large sorts that hold the
interpreter lock for hundreds of milliseconds: run in a thread of the desktop
app, an import would freeze the window. ``import_in_process`` runs the import
in a spawned child process instead; the calling thread only waits on a queue.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import queue
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kzreader.core.errors import KzreaderError
from kzreader.core.library import Library
from kzreader.core.processes import exit_with_parent
from kzreader.core.types import ImportReport

#: Progress is reported at most this often (seconds).
PROGRESS_INTERVAL = 0.05


def _child(
    library: str, paths: list[str], out: Any, cancel: Any, outlet: str | None = None
) -> None:
    exit_with_parent()  # a killed window must not leave an import writing alone
    try:
        last = [0.0]

        def progress(done: int, total: int, path: str) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL or done == total:
                last[0] = now
                out.put(("progress", done, total, path))

        # the parent holds the library's lock and waits for this process
        with Library(Path(library), lock=False) as lib:
            report = lib.import_paths(
                paths, progress=progress, cancelled=cancel.is_set, outlet=outlet
            )
        out.put(("done", report))
    except BaseException as exc:  # sent to the parent, never lost
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def import_in_process(
    library: str | Path,
    paths: Sequence[str | Path],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    outlet: str | None = None,
) -> ImportReport:
    """``Library.import_paths`` in a child process; returns its report."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    cancel = context.Event()
    child = context.Process(
        target=_child,
        args=(str(library), [str(p) for p in paths], out, cancel, outlet),
        name="kzreader-import",
        daemon=False,  # it starts worker processes of its own
    )
    child.start()
    try:
        while True:
            if cancelled is not None and cancelled():
                cancel.set()
            try:
                message = out.get(timeout=0.1)
            except queue.Empty:
                if not child.is_alive():
                    raise KzreaderError(
                        f"the import stopped unexpectedly (exit code {child.exitcode}); "
                        "the files imported before it stay in the library"
                    ) from None
                continue
            kind = message[0]
            if kind == "progress":
                if progress is not None:
                    progress(*message[1:])
            elif kind == "done":
                return message[1]
            else:
                raise KzreaderError(f"the import failed: {message[1]}")
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.terminate()
