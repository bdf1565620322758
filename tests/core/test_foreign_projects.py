"""Projects shaped like those MAXQDA, ATLAS.ti, QualCoder and NVivo export
(small ones of our own making, in tests/data/refi-qda/foreign): what each
import keeps, where it puts it, what it reports and what it leaves out."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kzreader.core.exchange.qdpx import import_qdpx
from kzreader.core.library import Library

FOREIGN = Path(__file__).resolve().parent.parent / "data" / "refi-qda" / "foreign"

#: per tool: documents, passages as (quote, tags, note), attributes of each
#: document, links, and the start of each warning
EXPECTED = {
    "maxqda": {
        "passages": {
            ("Les troupes de l'OTSC", ("Acteurs/OTSC",), None),
            ("terroristes", ("Cadrage/Menace",), "Le mot du président"),
            ("La mission est temporaire", ("Cadrage/Légitimité",), None),
        },
        "attributes": {
            "Dépêche Almaty": {"Note": "Dépêche reçue le 6 au soir", "Pays": "Kazakhstan"},
            "Dépêche Moscou": {"Pays": "Russie"},
        },
        "tags": 5,
        "links": 0,
        "warnings": [
            "1 picture source(s) left out",
            "1 source memo(s) (TextSource Description) were imported as their document's note",
        ],
    },
    "atlasti": {
        "passages": {
            ("J'ai eu peur quand les soldats sont arrivés.", ("Peur",), None),
            ("Puis tout s'est calmé.", ("Apaisement",), None),
        },
        "attributes": {"Entretien A": {}},
        "tags": 2,
        "links": 1,
        "warnings": [
            "1 source(s) count a Windows line break (CRLF) as one character",
            "sets of codes and sources are not kept",
        ],
    },
    "qualcoder": {
        "passages": {
            ("Les manifestants", (), "Qui sont-ils ?"),
            ("la baisse du prix du gaz", ("Revendications",), "Revendication économique"),
            ("La police disperse la foule.", ("Répression",), None),
            ("la foule", (), "Combien de blessés ?"),
        },
        "attributes": {"Article 1": {"Case": "Mangystaou", "Note": "Source : Vlast.kz"}},
        "tags": 2,
        "links": 0,
        "warnings": [
            "1 case(s) without variables were imported as the attribute 'Case'",
            "1 source(s) count a Windows line break (CRLF) as one character",
            "1 source memo(s) (TextSource Description) were imported as their document's note",
            "the project's description was not imported",
            "1 note(s) that no code, source, selection or link refers to (1 of them a journal",
        ],
    },
    "nvivo": {
        "passages": {
            (
                "Communiqué du ministère.\nLa situation est sous contrôle.\n"
                "Les vols reprennent lundi.\n",
                ("Communication officielle",),
                None,
            ),
            ("La situation est sous contrôle.", ("Normalisation",), "Ton rassurant"),
            ("Les vols reprennent lundi.", ("Normalisation",), None),
        },
        "attributes": {"Communiqué": {"Émetteur": "Gouvernement"}},
        "tags": 2,
        "links": 0,
        "warnings": [],
    },
}


def archive(tool: str, tmp_path: Path) -> Path:
    out = tmp_path / f"{tool}.qdpx"
    folder = FOREIGN / tool
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return out


def test_the_crlf_fixtures_kept_their_line_breaks() -> None:
    for tool in ("maxqda", "atlasti", "qualcoder"):
        texts = [p.read_bytes() for p in (FOREIGN / tool / "sources").glob("*.txt")]
        assert any(b"\r\n" in t for t in texts), tool


@pytest.mark.parametrize("tool", sorted(EXPECTED))
def test_a_foreign_project_imports_as_expected(tool: str, tmp_path: Path) -> None:
    expected = EXPECTED[tool]
    with Library(tmp_path / "lib") as lib:
        report = import_qdpx(lib, archive(tool, tmp_path))
        passages = lib.passages()
        assert {(p.exact, tuple(p.tags), p.note) for p in passages} == expected["passages"]
        assert len(passages) == report.passages_created == len(expected["passages"])
        assert all(p.status == "exact" for p in passages)
        for p in passages:  # every passage lies on its words
            assert lib.document(p.document_id).text[p.start : p.end] == p.exact
        attributes = {d.title: lib.document(d.id).attributes for d in lib.documents()}
        assert attributes == expected["attributes"]
        assert report.tags_created == len(lib.tags()) == expected["tags"]
        assert report.links_created == expected["links"]
        assert len(report.warnings) == len(expected["warnings"])
        for start in expected["warnings"]:
            assert any(w.startswith(start) for w in report.warnings), (start, report.warnings)
