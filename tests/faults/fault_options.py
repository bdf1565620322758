"""The harness's two settings: how many trials, and where the summary goes.

``--fault-trials N`` / ``KZREADER_FAULT_TRIALS``
    kill trials, spread evenly over the scenarios (default 60); it is also
    the number of fuzz queries per library.
``--fault-report PATH`` / ``KZREADER_FAULT_REPORT``
    where the summary goes: PATH.json and PATH.md (default: the session's
    temporary folder, named at the end of the run).

An option given on the command line wins over its variable. The options
are declared in tests/conftest.py: pytest reads a sub-folder's conftest too
late for its options when the sub-folder is not named on the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DEFAULT_TRIALS = 60


def fault_trials(config: pytest.Config) -> int:
    value = config.getoption("fault_trials", default=None)
    return int(value or os.environ.get("KZREADER_FAULT_TRIALS") or DEFAULT_TRIALS)


def fault_report_path(config: pytest.Config) -> Path | None:
    value = config.getoption("fault_report", default=None)
    value = value or os.environ.get("KZREADER_FAULT_REPORT")
    return Path(value).expanduser().resolve() if value else None
