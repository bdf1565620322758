"""The distribution ships every package and the sample articles."""

from __future__ import annotations

import tomllib
from pathlib import Path

from kzreader.paths import sample_articles

REPO = Path(__file__).resolve().parent.parent


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
