from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzreader.core.library import Library

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

#: The sample articles by the short names the tests use.
SEED_FILES = {
    "sputnik_zas": "000_7779a385dcbc7df1.txt",
    "sputnik_contingent": "001_beb003b7b53c942c.txt",
    "rt_zas": "002_b5fab79e601b0820.txt",
    "zas_retrait": "003_5a814d00d646ab81.txt",
    "blinken": "004_500be365c57d552d.txt",
}


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A private copy of the sample articles, safe to modify."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib") as lib:
        yield lib


@pytest.fixture
def seeded(library: Library, seeds_dir: Path) -> Library:
    """A library holding the five sample articles."""
    report = library.import_paths([seeds_dir])
    assert [r.status for r in report.results] == ["imported"] * 5
    return library


@pytest.fixture
def seed_ids(seeded: Library) -> dict[str, int]:
    """Document id of each sample article, by short name."""
    by_file = {d.file_name: d.id for d in seeded.documents()}
    return {name: by_file[file] for name, file in SEED_FILES.items()}


# The GUI tests drive real widgets on Qt's offscreen platform: no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_addoption(parser: pytest.Parser) -> None:
    """The fault harness's options (tests/faults/README.md), here so that they
    are known however pytest is started."""
    group = parser.getgroup("faults", "fault harness (pytest -m faults tests/faults)")
    group.addoption(
        "--fault-trials",
        type=int,
        metavar="N",
        help="kill trials, and search fuzz queries per library (default 60)",
    )
    group.addoption("--fault-report", metavar="PATH",
                    help="write the fault harness's summary to PATH.json and PATH.md")  # fmt: skip
