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


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed library holding the five sample articles, imported once per
    run; ``seeded`` copies it (importing costs some 40 times more)."""
    base = tmp_path_factory.mktemp("seeded-template")
    shutil.copytree(SEEDS, base / "seeds")
    lib = Library(base / "lib")
    try:
        report = lib.import_paths([base / "seeds"])
        assert [r.status for r in report.results] == ["imported"] * 5
    finally:
        lib.close(backup=False)
    return base / "lib"


def _lay_seeded(template: Path, target: Path, seeds: Path) -> None:
    """A copy of the seeded template at ``target`` whose documents come from
    the files in ``seeds`` (so a test's re-import of a changed sample is an
    update, as it would be after a real import)."""
    from sqlalchemy import select

    from kzreader.core.models import Document

    shutil.copytree(template, target)
    lib = Library(target)
    try:
        with lib.store.session() as s:
            for doc in s.scalars(select(Document)):
                doc.source_path = str((seeds / Path(doc.source_path or "").name).resolve())
    finally:
        lib.close(backup=False)


@pytest.fixture
def library(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Library]:
    if "seeded" in request.fixturenames:
        _lay_seeded(
            request.getfixturevalue("seeded_template"),
            tmp_path / "lib",
            request.getfixturevalue("seeds_dir"),
        )
    with Library(tmp_path / "lib") as lib:
        if "seeded" in request.fixturenames:
            lib._changed = True  # as after the import it stands for: closing backs it up
        yield lib


@pytest.fixture
def seeded(library: Library, seeds_dir: Path) -> Library:
    """A library holding the five sample articles, imported from ``seeds_dir``."""
    assert len(library.documents()) == 5
    return library


@pytest.fixture
def seeded_path(seeded: Library) -> str:
    """The seeded library's folder, closed, for the command line to open."""
    seeded.close()
    return str(seeded.path)


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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (the kill tests, the 10,000-input fuzz) run when
    ``KZREADER_SLOW_TESTS=1`` is set (CI sets it) or when ``-m`` names them;
    a developer's plain ``pytest`` leaves them out and says so."""
    if os.environ.get("KZREADER_SLOW_TESTS") == "1" or "slow" in (config.option.markexpr or ""):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]
