"""The fault harness's shared fixtures and summary (its options: fault_options)."""

from __future__ import annotations

from collections.abc import Iterator

import fault_setup
import pytest
from fault_options import fault_report_path, fault_trials
from fault_report import Summary

_SUMMARIES: list[Summary] = []


@pytest.fixture(scope="session")
def fault_setup_dir(tmp_path_factory: pytest.TempPathFactory) -> fault_setup.Setup:
    """The data, template libraries and (lazily) reference runs of the trials."""
    return fault_setup.build(tmp_path_factory.mktemp("faults"))


@pytest.fixture(scope="session")
def fault_summary(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Summary]:
    """Collects every test's figures; written when the session ends."""
    summary = Summary(trials_requested=fault_trials(request.config))
    _SUMMARIES.append(summary)
    yield summary
    target = fault_report_path(request.config)
    summary.write(target or tmp_path_factory.getbasetemp() / "fault-report")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for summary in _SUMMARIES:
        terminalreporter.section("fault harness")
        for name, value in summary.totals().items():
            terminalreporter.write_line(f"{name}: {value}")
        for path in summary.written:
            terminalreporter.write_line(f"summary written to {path}")
