"""Every export of one coded library compared whole with a reference file in
``tests/reference/``: a change to any format shows up as a diff to review.

What differs from one run to the next is replaced before comparing: the ids
(UUIDs, numbered by first appearance), the times of this run and the
temporary folder. After a deliberate change of a format, write the
references again with ``KZREADER_UPDATE_REFERENCE=1 pytest
tests/core/test_reference_exports.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

from kzreader.core.library import Library

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")
#: the time a report says it was written: "2026-12-03 12:48 UTC"
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")
_VERSION = re.compile(r"kzreader \d+\.\d+[\w.+-]*")
#: the project's user: the account's name
_USER = re.compile(r'(<User guid="[^"]*" name=")[^"]*(")')
#: the W3C annotations' creator: the same account
_PERSON = re.compile(r'("type": "Person",\s*"name": ")[^"]*(")')


def normalised(text: str, tmp: Path) -> str:
    """``text`` with this run's ids, times and folder replaced by stable marks."""
    ids: dict[str, str] = {}

    def uid(match: re.Match[str]) -> str:
        key = match.group(0).lower()
        return ids.setdefault(key, f"<uuid-{len(ids) + 1}>")

    text = _UUID.sub(uid, text)
    text = _TIME.sub("<time>", text)
    text = _STAMP.sub("<time>", text)
    text = _VERSION.sub("kzreader <version>", text)
    text = _USER.sub(r"\1<user>\2", text)
    text = _PERSON.sub(r"\1<user>\2", text)
    for folder in {str(tmp), str(tmp.resolve()), tmp.resolve().as_uri()}:
        text = text.replace(folder, "<tmp>")
    return text.replace("\r\n", "\n")


@pytest.fixture
def coded(seeded: Library, seed_ids: dict[str, int]) -> Library:
    """The samples with tags, notes, attributes and a link, made the same
    way every time."""
    lib = seeded
    a = lib.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    b = lib.highlight(
        seed_ids["rt_zas"],
        quote="Stanislav Zas",
        tags=["Acteurs/OTSC", "Cadrage/Légitimité"],
        note="Entretien accordé à **RT**",
    )
    lib.highlight(seed_ids["blinken"], quote="Antony Blinken", tags=["Acteurs/USA"])
    lib.highlight(seed_ids["sputnik_contingent"], quote="contingent", note="Sans code")
    lib.link(b.id, a.id, "repeats", note="même déclaration")
    lib.set_attribute(seed_ids["rt_zas"], "dossier", "OTSC")
    return lib


def _check(name: str, text: str) -> None:
    reference = REFERENCE / name
    if os.environ.get("KZREADER_UPDATE_REFERENCE") == "1":
        reference.parent.mkdir(parents=True, exist_ok=True)
        reference.write_text(text, "utf-8", newline="\n")
        return
    assert reference.is_file(), (
        f"no reference {reference}: write it with KZREADER_UPDATE_REFERENCE=1"
    )
    assert text == reference.read_text("utf-8"), (
        f"{name} differs from {reference}: if the change is meant, write the references "
        "again with KZREADER_UPDATE_REFERENCE=1 and review the diff"
    )


@pytest.mark.parametrize(
    ("fmt", "by", "name"),
    [
        ("csv", "tag", "passages.csv"),
        ("md", "tag", "report-by-tag.md"),
        ("md", "document", "report-by-document.md"),
        ("html", "tag", "report-by-tag.html"),
        ("w3c", "tag", "annotations.jsonld"),
        ("qdc", "tag", "codebook.qdc"),
    ],
)
def test_a_text_export_matches_its_reference(
    coded: Library, tmp_path: Path, fmt: str, by: str, name: str
) -> None:
    out = tmp_path / "out" / name
    out.parent.mkdir()
    coded.export(fmt, out, by=by)
    _check(name, normalised(out.read_text("utf-8-sig"), tmp_path))


def test_the_project_file_matches_its_reference(coded: Library, tmp_path: Path) -> None:
    out = tmp_path / "out" / "project.qdpx"
    out.parent.mkdir()
    coded.export("qdpx", out)
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        project = archive.read("project.qde").decode("utf-8")
        sources = {n: archive.read(n).decode("utf-8") for n in names if n.startswith("sources/")}
    listing = "\n".join(_UUID.sub("<uuid>", n) for n in names) + "\n"
    _check("project-files.txt", listing)
    _check("project.qde", normalised(project, tmp_path))
    texts = sorted(sources.values())
    seeds = sorted(coded.document(d.id).text.replace("\r\n", "\n") for d in coded.documents())
    assert [t.replace("\r\n", "\n") for t in texts] == seeds  # every text whole, as stored
