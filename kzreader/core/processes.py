"""What every worker process of the library does first."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading


def exit_with_parent() -> None:
    """In a worker process: end at once if the parent process dies (killed,
    crashed), instead of finishing work nobody will collect while holding
    the index's write lock. A thread waits on the parent's sentinel, which
    works on every platform."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
