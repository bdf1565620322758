"""Random and hostile search queries (fault_queries) against three
libraries -- the samples (base), 45 more articles, autocoded (full), and the
samples with 250 articles (the import scenario's reference run): each is
answered or refused with a QueryError, never another exception, within a
second, and none hangs."""

from __future__ import annotations

from dataclasses import asdict

import fault_queries
import fault_setup
import pytest
from fault_options import fault_trials

pytestmark = pytest.mark.faults


@pytest.mark.parametrize("which", ["base", "full", "imported"])
def test_hostile_queries(which: str, fault_setup_dir, fault_summary, request) -> None:
    if which == "imported":
        fault_setup.reference(fault_setup_dir, "import")
        library = fault_setup_dir.root / "reference-import" / "lib"
    else:
        library = getattr(fault_setup_dir, which)
    texts = fault_queries.queries(fault_trials(request.config), seed=f"fuzz-{which}")
    found = fault_queries.run(library, texts, which)
    fault_summary.fuzz.append(asdict(found))
    problems = [f"{q}: {error}" for q, error in found.errors]
    problems += [f"{q}: {s:.2f} s" for q, s in found.slow]
    problems += [f"{q}: no answer in {fault_queries.HUNG:.0f} s" for q in found.hung]
    assert not problems, "\n".join(problems[:20])
