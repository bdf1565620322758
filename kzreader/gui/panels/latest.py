"""Only the latest request counts: background loads whose results are handed
back only when no newer request was made since, and only while the widget
that asked is still there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from shiboken6 import isValid

from kzreader.gui.workers import Job, Workers


class LatestOnly(QObject):
    """Runs loads on the workers and hands back only the newest one's result:
    a result superseded by a newer request, or arriving after its widget was
    deleted, is dropped."""

    def __init__(self, workers: Workers, parent: QObject) -> None:
        super().__init__(parent)
        self._workers = workers
        self._seq = 0
        #: a request is under way whose result has not been handed back
        self.pending = False

    def run(self, fn: Callable[..., Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None,
            *, on_progress: Callable[[int, int, str], None] | None = None,
            with_job: bool = False) -> Job:  # fmt: skip
        """Run ``fn`` (``Workers.run``: ``fn(job)`` with ``with_job``);
        ``on_progress`` hears every report of this request while it runs."""
        self._seq += 1
        seq = self._seq
        self.pending = True

        def current() -> bool:
            if not isValid(self) or seq != self._seq:
                return False
            self.pending = False
            return True

        def done(result: Any) -> None:
            if current():
                on_done(result)

        def failed(exc: BaseException) -> None:
            if current() and on_error is not None:
                on_error(exc)

        return self._workers.run(
            fn, on_done=done, on_error=failed, on_progress=on_progress, with_job=with_job
        )

    def cancel(self) -> None:
        """Forget the request under way."""
        self._seq += 1
        self.pending = False
