"""kill -9 at random moments of import, re-import, annotation, undo/redo,
export and backup: see fault_checks for what each trial checks."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

import fault_setup
import pytest
from fault_checks import Trial, check_trial, check_worker_output
from fault_options import fault_trials

pytestmark = pytest.mark.faults


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "scenario" in metafunc.fixturenames:
        n = fault_trials(metafunc.config)
        scenarios = fault_setup.SCENARIOS
        trials = [(scenarios[i % len(scenarios)], i) for i in range(n)]
        metafunc.parametrize(("scenario", "number"), trials, ids=[f"{s}-{i}" for s, i in trials])


def test_kill_trial(scenario: str, number: int, fault_setup_dir, fault_summary, tmp_path: Path):
    setup = fault_setup_dir
    ref = fault_setup.reference(setup, scenario)
    started = time.perf_counter()
    library, exports, log = tmp_path / "lib", tmp_path / "exports", tmp_path / "log"
    shutil.copytree(setup.template(scenario), library)
    exports.mkdir()
    # a moment from the start of the scenario to a little past its end
    moment = random.Random(f"kill-{number}").uniform(0, ref.seconds * 1.15)
    trial = Trial(scenario, number, moment)
    proc = fault_setup.start_worker(setup, scenario, library, exports, log)
    try:
        if not fault_setup.kill_at(proc, log, ref, moment):
            trial.other.append("the worker stalled: it took ten times the reference's length")
        proc.stdout.close()  # type: ignore[union-attr]
        check_trial(trial, ref, library, exports, log)
    finally:
        trial.strays = fault_setup.stray_processes(proc.pid, grace=5.0)
        if trial.strays:
            os.killpg(proc.pid, signal.SIGKILL)
        check_worker_output(trial, log)
        trial.seconds = time.perf_counter() - started
        fault_summary.trials.append(trial)
        fault_summary.scenario_seconds[scenario] = ref.seconds
    assert not trial.faults(), "\n".join([*trial.faults(), f"(the library is kept in {library})"])
    shutil.rmtree(tmp_path)  # a thousand trials would otherwise keep gigabytes
