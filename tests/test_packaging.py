"""The distribution ships every package and the sample articles."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from kzreader.paths import sample_articles

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "installers"))

import bundling  # noqa: E402


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "kzreader").rglob("__init__.py")
    }
    assert on_disk <= listed
    assert config["tool"]["setuptools"]["package-dir"]["kzreader.seeds"] == "seeds"


def test_sample_articles_are_the_seeds() -> None:
    bundled = sample_articles()
    assert [p.name for p in bundled] == sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert len(bundled) == 5
    for path in bundled:
        assert path.read_bytes() == (REPO / "seeds" / path.name).read_bytes()


def test_the_bundles_leave_out_no_declared_dependency() -> None:
    """Every runtime dependency goes into the installers' bundles: numpy
    (reuse detection) as much as Qt; the bundle leaves out only parts of
    them that the app never imports."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    names = {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0] for r in config["project"]["dependencies"]}
    assert "numpy" in names
    excluded = set(bundling.excluded_modules())
    for name in names:
        modules = metadata.distribution(name).read_text("top_level.txt")
        tops = modules.split() if modules else [name.replace("-", "_").lower()]
        for module in tops:
            assert module not in excluded, f"{name}: the bundle leaves out {module}"
    assert "numpy" not in excluded and "numpy.tests" in excluded
