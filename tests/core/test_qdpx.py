"""REFI-QDA projects (.qdpx) and codebooks (.qdc): export valid against the
published schema, round trip, stable GUIDs, projects of other tools, and
every kind of bad input refused whole, the library left as it was."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema
from tests_support import user_data

from kzreader.core.errors import KzreaderError
from kzreader.core.exchange import qdpx, qdpx_archive
from kzreader.core.exchange.qdpx import (
    ProjectError,
    export_qdc,
    export_qdpx,
    import_qdc,
    import_qdpx,
)
from kzreader.core.library import Library

DATA = Path(__file__).resolve().parent.parent / "data" / "refi-qda"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NS = {"q": qdpx.PROJECT_NS}


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(DATA / "Project-mrt2019.xsd")


@pytest.fixture(scope="module")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(DATA / "Codebook.xsd")


@pytest.fixture
def coded(seeded: Library, seed_ids: dict[str, int]) -> dict[str, int]:
    """The seeded library with coding work: nested tags with colours and
    descriptions, passages with notes, links of each direction, attributes."""
    lib, ids = seeded, seed_ids
    lib.create_tag("Acteurs", "#112233", "Qui agit")
    lib.create_tag("Acteurs/OTSC", "#aa0000", "L'organisation du traité")
    lib.create_tag("Acteurs/OTSC/Zas", "#00aa00", "Son secrétaire général")
    lib.create_tag("Thèmes/Sécurité", "#0000aa", "Questions de sécurité")
    a = lib.highlight(
        ids["sputnik_zas"],
        quote="Stanislav Zas",
        tags=["Acteurs/OTSC/Zas"],
        note="**Premier** témoin\n\n- une liste\n- en *Markdown*",
    )
    b = lib.highlight(ids["rt_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC/Zas", "Citation"])
    c = lib.highlight(ids["rt_zas"], quote="dit Zas", tags=["Acteurs/OTSC"], note="source")
    d = lib.highlight(ids["blinken"], quote="Blinken", tags=["Thèmes/Sécurité"])
    e = lib.highlight(ids["zas_retrait"], quote="Tokaïev")  # no tag
    lib.link(b.id, a.id, "repeats", note="même citation")
    lib.link(a.id, c.id, "contradicts", direction="both")
    lib.link(d.id, b.id, "same event", direction="none")
    lib.set_attribute(ids["rt_zas"], "pays", "Russie")
    lib.set_attribute(ids["blinken"], "pays", "USA")
    # an attribute named like a document field stays an attribute
    lib.set_attribute(ids["blinken"], "Outlet", "nommé comme un champ")
    return {"a": a.id, "b": b.id, "c": c.id, "d": d.id, "e": e.id}


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "other") as lib:
        yield lib


def summary(lib: Library) -> dict[str, list[tuple]]:
    """Everything a round trip must keep, keyed by content (never by id)."""
    views = {d.id: lib.document(d.id) for d in lib.documents()}
    documents = sorted(
        (
            v.text,
            v.info.title,
            v.info.source,
            v.info.published,
            v.info.url,
            v.info.language,
            tuple(sorted(v.attributes.items())),
            tuple(v.boilerplate),
        )
        for v in views.values()
    )
    passages = lib.passages()
    by_id = {p.id: p for p in passages}
    return {
        "documents": documents,
        "passages": sorted(
            (views[p.document_id].info.title, p.start, p.end, p.exact, tuple(p.tags), p.note)
            for p in passages
        ),
        "tags": sorted((t.path, t.color, t.description) for t in lib.tags()),
        "links": sorted(
            (by_id[li.source_id].exact, li.other_exact, li.relation, li.direction, li.note)
            for p in passages
            for li in p.links
            if li.side == "out"
        ),
    }


def project_of(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read("project.qde"))


def guids(root: ET.Element) -> list[tuple[str, str, str]]:
    return sorted(
        (el.tag, name, value)
        for el in root.iter()
        for name, value in el.attrib.items()
        if name in ("guid", "targetGUID", "originGUID", "plainTextPath")
    )


# -- export ---------------------------------------------------------------------------


def test_export_is_a_valid_project(
    seeded: Library, coded: dict[str, int], tmp_path: Path, project_schema: xmlschema.XMLSchema
) -> None:
    out = tmp_path / "export.qdpx"
    report = export_qdpx(seeded, out)
    assert (report.documents, report.passages, report.links) == (5, 5, 3)
    assert report.notes == 3  # two passage notes, one link note
    assert report.left_out == []
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        xml = archive.read("project.qde")
        project_schema.validate(xml.decode("utf-8"))
        root = ET.fromstring(xml)
        texts = {
            el.get("guid"): archive.read(f"sources/{el.get('guid')}.txt").decode("utf-8")
            for el in root.iterfind("q:Sources/q:TextSource", NS)
        }
    assert "project.qde" in names
    assert sorted(n for n in names if n != "project.qde") == sorted(
        f"sources/{g}.txt" for g in texts
    )
    assert sorted(texts.values()) == sorted(seeded.document(d.id).text for d in seeded.documents())
    source = root.find("q:Sources/q:TextSource", NS)
    assert source is not None
    assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
    assert root.find("q:Users/q:User", NS) is not None


def test_export_of_an_empty_library(
    other: Library, tmp_path: Path, project_schema: xmlschema.XMLSchema
) -> None:
    report = export_qdpx(other, tmp_path / "empty.qdpx")
    assert (report.documents, report.codes) == (0, 0)
    with zipfile.ZipFile(tmp_path / "empty.qdpx") as archive:
        assert archive.namelist() == ["project.qde"]
        project_schema.validate(archive.read("project.qde").decode("utf-8"))
    with pytest.raises(ProjectError, match="no tags to export"):
        export_qdc(other, tmp_path / "empty.qdc")
    assert not (tmp_path / "empty.qdc").exists()


def test_codebook_in_project(seeded: Library, coded: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "export.qdpx"
    export_qdpx(seeded, out)
    root = project_of(out)
    codes = {c.get("name"): c for c in root.iterfind(".//q:Code", NS)}
    # Acteurs codes nothing itself and has sub-tags: a category
    assert codes["Acteurs"].get("isCodable") == "false"
    assert codes["Acteurs"].get("color") == "#112233"
    assert codes["Acteurs"].findtext("q:Description", namespaces=NS) == "Qui agit"
    # OTSC has sub-tags but codes a passage itself
    assert codes["OTSC"].get("isCodable") == "true"
    assert codes["Zas"].get("color") == "#00AA00"
    assert [c.get("name") for c in codes["OTSC"].iterfind("q:Code", NS)] == ["Zas"]
    assert codes["Thèmes"].get("isCodable") == "false"


def test_links_notes_and_variables_in_project(
    seeded: Library, coded: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "export.qdpx"
    export_qdpx(seeded, out)
    root = project_of(out)
    selections = {s.get("guid"): s for s in root.iterfind(".//q:PlainTextSelection", NS)}
    notes = {
        n.get("guid"): n.findtext("q:PlainTextContent", namespaces=NS)
        for n in root.iterfind("q:Notes/q:Note", NS)
    }
    a = seeded.passage(coded["a"])
    selection = selections[a.uid]
    assert (selection.get("startPosition"), selection.get("endPosition")) == (
        str(a.start),
        str(a.end),
    )
    ref = selection.find("q:NoteRef", NS)
    assert ref is not None and notes[ref.get("targetGUID")] == a.note
    links = {li.get("name"): li for li in root.iterfind("q:Links/q:Link", NS)}
    assert {k: v.get("direction") for k, v in links.items()} == {
        "repeats": "OneWay",
        "contradicts": "Bidirectional",
        "same event": "Associative",
    }
    assert links["repeats"].get("targetGUID") == a.uid
    link_note = links["repeats"].find("q:NoteRef", NS)
    assert link_note is not None and notes[link_note.get("targetGUID")] == "même citation"
    variables = {v.get("name") for v in root.iterfind("q:Variables/q:Variable", NS)}
    assert {"Outlet", "Date", "URL", "Language", "pays"} <= variables


def test_passage_notes_are_where_qualcoder_reads_them(
    seeded: Library, coded: dict[str, int], tmp_path: Path
) -> None:
    """QualCoder reads a coded passage's memo from its selection's
    Description only, other tools from its NoteRef: both are written, with
    the same text, and read back as one note."""
    out = tmp_path / "export.qdpx"
    export_qdpx(seeded, out)
    root = project_of(out)
    notes = {
        n.get("guid"): n.findtext("q:PlainTextContent", namespaces=NS)
        for n in root.iterfind("q:Notes/q:Note", NS)
    }
    by_guid = {s.get("guid"): s for s in root.iterfind(".//q:PlainTextSelection", NS)}
    with_notes = [p for p in seeded.passages() if p.note]
    assert with_notes
    for passage in seeded.passages():
        selection = by_guid[passage.uid]
        # what QualCoder's importer does: element.find(Description).text
        assert selection.findtext("q:Description", namespaces=NS) == passage.note
        refs = [notes[r.get("targetGUID")] for r in selection.iterfind("q:NoteRef", NS)]
        assert refs == ([passage.note] if passage.note else [])
        # the schema puts Description first
        assert passage.note is None or next(iter(selection)).tag.endswith("Description")
    with Library(tmp_path / "back") as back:
        import_qdpx(back, out)
        assert sorted(p.note for p in back.passages() if p.note) == sorted(
            p.note for p in with_notes
        )


def test_guids_are_stable(seeded: Library, coded: dict[str, int], tmp_path: Path) -> None:
    first, second = tmp_path / "one.qdpx", tmp_path / "two.qdpx"
    export_qdpx(seeded, first)
    export_qdpx(seeded, second)
    assert guids(project_of(first)) == guids(project_of(second))
    with zipfile.ZipFile(first) as one, zipfile.ZipFile(second) as two:
        assert sorted(one.namelist()) == sorted(two.namelist())
    tag = seeded.tag("Acteurs/OTSC/Zas")
    assert any(value == tag.uid for _, _, value in guids(project_of(first)))


def test_export_chosen_tags(
    seeded: Library,
    coded: dict[str, int],
    seed_ids: dict[str, int],
    tmp_path: Path,
    project_schema: xmlschema.XMLSchema,
) -> None:
    out = tmp_path / "zas.qdpx"
    report = export_qdpx(seeded, out, tags=["Acteurs/OTSC/Zas"])
    with zipfile.ZipFile(out) as archive:
        project_schema.validate(archive.read("project.qde").decode("utf-8"))
    root = project_of(out)
    assert report.documents == 2 and report.passages == 2 and report.links == 1
    assert any("link" in line for line in report.left_out)
    titles = {s.get("name") for s in root.iterfind("q:Sources/q:TextSource", NS)}
    assert titles == {
        seeded.document(seed_ids["sputnik_zas"]).info.title,
        seeded.document(seed_ids["rt_zas"]).info.title,
    }
    codes = {c.get("name"): c for c in root.iterfind(".//q:Code", NS)}
    assert set(codes) == {"Acteurs", "OTSC", "Zas"}  # with its ancestors, for the hierarchy
    coded_with = {r.get("targetGUID") for r in root.iterfind(".//q:CodeRef", NS)}
    assert coded_with == {codes["Zas"].get("guid")}  # "Citation" of b is not exported


def test_export_chosen_documents(
    seeded: Library, coded: dict[str, int], seed_ids: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "rt.qdpx"
    report = export_qdpx(seeded, out, documents=[seed_ids["rt_zas"]])
    assert (report.documents, report.passages, report.links) == (1, 2, 0)
    with pytest.raises(KzreaderError, match="no document 999"):
        export_qdpx(seeded, tmp_path / "none.qdpx", documents=[999])
    assert not (tmp_path / "none.qdpx").exists()


def test_export_reports_progress(seeded: Library, tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    export_qdpx(seeded, tmp_path / "p.qdpx", progress=lambda *a: calls.append(a))
    assert [c[0] for c in calls] == [0, 1, 2, 3, 4, 5]
    assert calls[-1] == (5, 5, "")


def test_export_leaves_orphans_out(seeded: Library, coded: dict[str, int], tmp_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(seeded.db_path)
    conn.execute("UPDATE passages SET status = 'orphan' WHERE id = ?", (coded["e"],))
    conn.commit()
    conn.close()
    report = export_qdpx(seeded, tmp_path / "o.qdpx")
    assert report.passages == 4
    assert "1 orphaned passage" in report.left_out[0]


def test_export_is_atomic(
    seeded: Library, coded: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "project.qdpx"
    out.write_bytes(b"the previous export")

    def fail(*args: object) -> None:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(qdpx._ProjectWriter, "finish", fail)
    with pytest.raises(RuntimeError, match="disk trouble"):
        export_qdpx(seeded, out)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == ["project.qdpx"]
    with pytest.raises(ProjectError, match="does not exist"):
        export_qdpx(seeded, tmp_path / "missing" / "x.qdpx")


def test_export_survives_characters_xml_cannot_hold(
    seeded: Library, seed_ids: dict[str, int], tmp_path: Path, project_schema: xmlschema.XMLSchema
) -> None:
    seeded.highlight(seed_ids["blinken"], quote="Blinken", note="bip\x07 et \x0b tab")
    out = tmp_path / "ctl.qdpx"
    export_qdpx(seeded, out)
    with zipfile.ZipFile(out) as archive:
        project_schema.validate(archive.read("project.qde").decode("utf-8"))


# -- round trip ------------------------------------------------------------------------


def test_round_trip(seeded: Library, coded: dict[str, int], other: Library, tmp_path: Path) -> None:
    out = tmp_path / "export.qdpx"
    export_qdpx(seeded, out)
    report = import_qdpx(other, out)
    assert len(report.documents_created) == 5 and report.documents_reused == []
    assert report.passages_created == 5 and report.links_created == 3
    assert report.warnings == []
    assert summary(other) == summary(seeded)
    # the new documents are searchable at once, and the library is sound
    assert other.search("Zas").total > 0
    assert other.check().clean


def test_round_trip_twice_gives_the_same_project(
    seeded: Library, coded: dict[str, int], other: Library, tmp_path: Path
) -> None:
    """An export of an imported project holds what the first export held."""
    export_qdpx(seeded, tmp_path / "one.qdpx")
    import_qdpx(other, tmp_path / "one.qdpx")
    export_qdpx(other, tmp_path / "two.qdpx")

    def content(root: ET.Element) -> list[str]:
        return sorted(
            f"{el.tag} {el.get('name')} {el.get('startPosition')} {el.get('color')} {el.text}"
            for el in root.iter()
            if el.tag.rsplit("}", 1)[-1] in ("Code", "PlainTextSelection", "TextValue", "Link")
        )

    assert content(project_of(tmp_path / "one.qdpx")) == content(project_of(tmp_path / "two.qdpx"))


def test_import_is_one_undoable_operation(
    seeded: Library, coded: dict[str, int], other: Library, tmp_path: Path
) -> None:
    out = tmp_path / "export.qdpx"
    export_qdpx(seeded, out)
    other.create_tag("Déjà là", "#123456")
    before = user_data(other)
    entries = len(other.history())
    import_qdpx(other, out)
    history = other.history()
    assert len(history) == entries + 1
    assert history[0].label == f"Import project {seeded.path.name}"
    other.undo()
    assert user_data(other) == before
    assert other.search("Zas").total == 0
    other.redo()
    assert summary(other)["passages"] == summary(seeded)["passages"]


def test_import_into_the_same_library_duplicates_nothing(
    seeded: Library, coded: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "export.qdpx"
    export_qdpx(seeded, out)
    before = summary(seeded)
    report = import_qdpx(seeded, out)
    assert report.documents_created == [] and len(report.documents_reused) == 5
    assert report.passages_created == 0 and report.passages_merged == 5
    assert report.tags_created == 0 and report.links_created == 0
    assert summary(seeded) == before


def test_import_reuses_a_document_already_there(
    seeded: Library, coded: dict[str, int], other: Library, seeds_dir: Path, tmp_path: Path
) -> None:
    other.import_paths([seeds_dir / "000_7779a385dcbc7df1.txt"])
    other.create_tag("Acteurs", "#ffffff")  # the user's colour stays; the description comes
    out = tmp_path / "export.qdpx"
    export_qdpx(seeded, out)
    report = import_qdpx(other, out)
    assert len(report.documents_reused) == 1 and len(report.documents_created) == 4
    assert report.tags_existing == 1 and report.descriptions_added == 1
    assert other.counts() == (5, 5)
    acteurs = other.tag("Acteurs")
    assert (acteurs.color, acteurs.description) == ("#ffffff", "Qui agit")


def test_import_reports_progress(seeded: Library, other: Library, tmp_path: Path) -> None:
    export_qdpx(seeded, tmp_path / "p.qdpx")
    calls: list[tuple[int, int, str]] = []
    import_qdpx(other, tmp_path / "p.qdpx", progress=lambda *a: calls.append(a))
    assert [c[0] for c in calls] == list(range(11))
    assert all(total == 10 for _, total, _ in calls)


# -- projects written by other tools ---------------------------------------------------


def g(n: int) -> str:
    """A GUID for hand-written projects."""
    return f"0000{n:04d}-0000-4000-8000-000000000000"


def project_xml(body: str, name: str = "Projet d'un autre outil") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="{name}" origin="Another tool 9.1">'
        f"{body}</Project>"
    )


def make_qdpx(
    path: Path, xml: str | bytes | None, files: dict[str, str | bytes] | None = None
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if xml is not None:
            archive.writestr("project.qde", xml.encode("utf-8") if isinstance(xml, str) else xml)
        for name, data in (files or {}).items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def span(text: str, quote: str) -> str:
    start = text.index(quote)
    return f'startPosition="{start}" endPosition="{start + len(quote)}"'


def note(n: int, text: str) -> str:
    return f'<Note guid="{g(n)}" name="Mémo {n}"><PlainTextContent>{text}</PlainTextContent></Note>'


def value(n: int, kind: str, text: str) -> str:
    return (
        f'<VariableValue><VariableRef targetGUID="{g(n)}"/><{kind}>{text}</{kind}></VariableValue>'
    )


INTERVIEW = "Je suis très en colère, dit-elle. Puis la joie revint, et le calme."


def test_other_tool_categories_accents_inline_text(other: Library, tmp_path: Path) -> None:
    body = f"""
    <CodeBook><Codes>
      <Code guid="{g(1)}" name="Émotions" isCodable="false" color="#F00">
        <Description>Une catégorie</Description>
        <Code guid="{g(2)}" name="Colère" isCodable="true" color="#00FF00"/>
        <Code guid="{g(3)}" name="Joie / bonheur" isCodable="true">
          <Code guid="{g(4)}" name="Très heureux" isCodable="true"/>
        </Code>
      </Code>
      <Code guid="{g(5)}" name="Calme" isCodable="true" color="not a colour"/>
    </Codes></CodeBook>
    <Sources>
      <TextSource guid="{g(10)}" name="Entretien 1">
        <PlainTextContent>{INTERVIEW}</PlainTextContent>
        <PlainTextSelection guid="{g(11)}" {span(INTERVIEW, "très en colère")}>
          <Coding guid="{g(12)}"><CodeRef targetGUID="{g(2)}"/></Coding>
        </PlainTextSelection>
        <PlainTextSelection guid="{g(13)}" {span(INTERVIEW, "la joie revint")}>
          <Coding guid="{g(14)}"><CodeRef targetGUID="{g(4)}"/></Coding>
          <Coding guid="{g(15)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
        <PlainTextSelection guid="{g(16)}" {span(INTERVIEW, "la joie revint")}>
          <Coding guid="{g(17)}"><CodeRef targetGUID="{g(5)}"/></Coding>
        </PlainTextSelection>
      </TextSource>
    </Sources>"""
    report = import_qdpx(other, make_qdpx(tmp_path / "a.qdpx", project_xml(body)))
    assert report.name == "Projet d'un autre outil"
    tags = {t.path: t for t in other.tags()}
    assert set(tags) == {
        "Émotions",
        "Émotions/Colère",
        "Émotions/Joie ∕ bonheur",
        "Émotions/Joie ∕ bonheur/Très heureux",
        "Calme",
    }
    assert (tags["Émotions"].color, tags["Émotions"].description) == ("#ff0000", "Une catégorie")
    assert tags["Émotions/Colère"].color == "#00ff00"
    passages = {p.exact: p for p in other.passages()}
    assert set(passages) == {"très en colère", "la joie revint"}
    # two selections of the same extent (one per code, as some tools write) are one passage
    assert passages["la joie revint"].tags == [
        "Calme",
        "Émotions",
        "Émotions/Joie ∕ bonheur/Très heureux",
    ]
    assert report.passages_created == 2 and report.passages_merged == 1
    doc = other.document(other.documents()[0].id)
    assert (doc.text, doc.info.title) == (INTERVIEW, "Entretien 1")


def test_other_tool_text_paths_and_rich_text(other: Library, tmp_path: Path) -> None:
    first = "Premier texte, rangé dans le dossier Sources avec une majuscule."
    second = "Second texte, rangé ailleurs et nommé par un chemin relatif."
    body = f"""
    <CodeBook><Codes><Code guid="{g(1)}" name="Lieu" isCodable="true"/></Codes></CodeBook>
    <Sources>
      <TextSource guid="{g(10)}" name="Un" richTextPath="internal://{g(10)}.docx"
          plainTextPath="internal://{g(10)}.txt">
        <PlainTextSelection guid="{g(11)}" {span(first, "dossier Sources")}>
          <Coding guid="{g(12)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
      </TextSource>
      <TextSource guid="{g(20)}" name="Deux" plainTextPath="relative://textes/deux.txt">
        <PlainTextSelection guid="{g(21)}" {span(second, "ailleurs")}>
          <Coding guid="{g(22)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
      </TextSource>
      <TextSource guid="{g(30)}" name="Trois" richTextPath="internal://{g(30)}.docx"/>
    </Sources>"""
    files = {
        f"Sources/{g(10)}.txt": first,
        f"Sources/{g(10)}.docx": b"PK\x03\x04 not really a docx",
        "textes/deux.txt": "\ufeff" + second,  # a BOM is not part of the text
    }
    report = import_qdpx(other, make_qdpx(tmp_path / "b.qdpx", project_xml(body), files))
    texts = sorted(other.document(d.id).text for d in other.documents())
    assert texts == sorted([first, second])
    assert sorted(p.exact for p in other.passages()) == ["ailleurs", "dossier Sources"]
    assert any("Trois" in w and "rich text" in w for w in report.warnings)


def test_other_tool_crlf_and_decomposed_text(other: Library, tmp_path: Path) -> None:
    """Positions counted in a CRLF (or NFD) text land on the same words in
    the text as kzreader keeps it."""
    crlf = "Ligne un\r\nLigne deux\r\n\r\nLigne trois, la dernière.\r\n"
    nfd = unicodedata.normalize("NFD", "Été à Almaty : la crise a éclaté, dit-on.")
    across = span(crlf, "deux\r\n\r\nLigne")
    accented = span(nfd, unicodedata.normalize("NFD", "éclaté"))
    body = f"""
    <CodeBook><Codes><Code guid="{g(1)}" name="Mot" isCodable="true"/></Codes></CodeBook>
    <Sources>
      <TextSource guid="{g(10)}" name="CRLF" plainTextPath="internal://crlf.txt">
        <PlainTextSelection guid="{g(11)}" {span(crlf, "Ligne trois")}>
          <Coding guid="{g(12)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
        <PlainTextSelection guid="{g(13)}" {across}>
          <Coding guid="{g(14)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
      </TextSource>
      <TextSource guid="{g(20)}" name="NFD" plainTextPath="internal://nfd.txt">
        <PlainTextSelection guid="{g(21)}" {accented}>
          <Coding guid="{g(22)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
      </TextSource>
    </Sources>"""
    files = {"sources/crlf.txt": crlf, "sources/nfd.txt": nfd}
    import_qdpx(other, make_qdpx(tmp_path / "c.qdpx", project_xml(body), files))
    texts = {d.title: other.document(d.id).text for d in other.documents()}
    assert texts["CRLF"] == crlf.replace("\r\n", "\n")
    assert texts["NFD"] == unicodedata.normalize("NFC", nfd)
    exact = sorted(p.exact for p in other.passages())
    assert exact == ["Ligne trois", "deux\n\nLigne", "éclaté"]
    for p in other.passages():
        text = texts[p.document_title]
        assert text[p.start : p.end] == p.exact


def test_other_tool_crlf_counted_as_one_character(other: Library, tmp_path: Path) -> None:
    """QualCoder's "MAXQDA line endings" export (and ATLAS.ti) count a CRLF
    as one character, MAXQDA as two: the selections' names (their quotes)
    decide per source; when they match neither, or there are none, the
    passages are marked fuzzy and the report says so."""
    crlf = "Ligne un\r\nLigne deux\r\n\r\nLigne trois, la dernière.\r\n"
    one = crlf.replace("\r\n", "\n")

    def selection(n: int, text: str, quote: str, name: str | None) -> str:
        named = "" if name is None else f' name="{name}"'
        return (
            f'<PlainTextSelection guid="{g(n)}"{named} {span(text, quote)}>'
            f'<Coding guid="{g(n + 1)}"><CodeRef targetGUID="{g(1)}"/></Coding>'
            "</PlainTextSelection>"
        )

    def source(n: int, name: str, counted: str, quotes: list[tuple[str, str | None]]) -> str:
        # one text per source (a text already imported would be reused)
        files[f"sources/{n}.txt"] = crlf + name
        selections = "".join(
            selection(n + 2 * i + 1, counted, quote, label)
            for i, (quote, label) in enumerate(quotes)
        )
        return (
            f'<TextSource guid="{g(n)}" name="{name}" plainTextPath="internal://{n}.txt">'
            f"{selections}</TextSource>"
        )

    files: dict[str, str | bytes] = {}
    body = f"""
    <CodeBook><Codes><Code guid="{g(1)}" name="Mot" isCodable="true"/></Codes></CodeBook>
    <Sources>
      {source(100, "QualCoder", one, [("Ligne un", "Ligne un"), ("Ligne trois", "Ligne trois")])}
      {source(200, "MAXQDA", crlf, [("Ligne deux", "Ligne deux"), ("Ligne trois", "Ligne trois")])}
      {source(300, "Faux", crlf, [("Ligne trois", "autre chose")])}
      {source(400, "Anonyme", crlf, [("Ligne trois", None)])}
    </Sources>"""
    report = import_qdpx(other, make_qdpx(tmp_path / "crlf.qdpx", project_xml(body), files))
    found = {(p.document_title, p.exact, p.status) for p in other.passages()}
    assert found == {
        ("QualCoder", "Ligne un", "exact"),
        ("QualCoder", "Ligne trois", "exact"),
        ("MAXQDA", "Ligne deux", "exact"),
        ("MAXQDA", "Ligne trois", "exact"),
        ("Faux", "Ligne trois", "fuzzy"),
        ("Anonyme", "Ligne trois", "fuzzy"),
    }
    counted = [w for w in report.warnings if "count a Windows line break" in w]
    assert len(counted) == 1 and "'QualCoder'" in counted[0] and "1 selection(s)" in counted[0]
    assert "MAXQDA'" not in counted[0]
    neither = [w for w in report.warnings if "match the text neither" in w]
    assert len(neither) == 1 and "'Faux'" in neither[0] and "fuzzy" in neither[0]
    unchecked = [w for w in report.warnings if "cannot be checked" in w]
    assert len(unchecked) == 1 and "'Anonyme'" in unchecked[0]


def test_duplicate_guids(other: Library, tmp_path: Path) -> None:
    """Two codes with one GUID are refused (a coding naming it could be
    either's); two sources or selections with one GUID are both imported,
    and the report says so."""
    codes = f"""
    <CodeBook><Codes>
      <Code guid="{g(1)}" name="Un" isCodable="true"/>
      <Code guid="{g(1)}" name="Deux" isCodable="true"/>
    </Codes></CodeBook>"""
    sources = f"""
    <Sources>
      <TextSource guid="{g(10)}" name="Entretien">
        <PlainTextContent>{INTERVIEW}</PlainTextContent>
        <PlainTextSelection guid="{g(11)}" {span(INTERVIEW, "très en colère")}>
          <Coding guid="{g(12)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
        <PlainTextSelection guid="{g(11)}" {span(INTERVIEW, "la joie revint")}>
          <Coding guid="{g(13)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
      </TextSource>
      <TextSource guid="{g(10)}" name="Autre">
        <PlainTextContent>Un autre texte, très en colère lui aussi.</PlainTextContent>
      </TextSource>
    </Sources>"""
    bad = make_qdpx(tmp_path / "codes.qdpx", project_xml(codes + sources))
    with pytest.raises(ProjectError, match="'Un' and 'Deux' have the same guid"):
        import_qdpx(other, bad)
    assert other.documents() == [] and other.tags() == []
    # the same code twice (same name, same place) is one tag: nothing is ambiguous
    same = codes.replace('name="Deux"', 'name="Un"')
    report = import_qdpx(other, make_qdpx(tmp_path / "ok.qdpx", project_xml(same + sources)))
    assert [t.path for t in other.tags()] == ["Un"]
    assert sorted(d.title for d in other.documents()) == ["Autre", "Entretien"]
    assert sorted(p.exact for p in other.passages()) == ["la joie revint", "très en colère"]
    duplicated = {w.split(" ", 2)[1]: w for w in report.warnings if "the guid of another" in w}
    assert set(duplicated) == {"source(s)", "selection(s)"}
    assert (
        duplicated["source(s)"].startswith("1 source(s)") and "'Autre'" in duplicated["source(s)"]
    )
    assert "'la joie revint' of 'Entretien'" in duplicated["selection(s)"]


def test_other_tool_annotations_become_passages(other: Library, tmp_path: Path) -> None:
    """QualCoder's annotations are notes holding a selection of the source
    that refers to them: each is a passage with its note, joined to a coded
    passage of the same extent; one that no source names is reported."""

    def annotation(n: int, text: str, quote: str) -> str:
        return (
            f'<Note guid="{g(n)}" name="Annotation {n}"><PlainTextContent>{text}'
            f'</PlainTextContent><PlainTextSelection guid="{g(n + 1)}" '
            f"{span(INTERVIEW, quote)}/></Note>"
        )

    body = f"""
    <CodeBook><Codes><Code guid="{g(1)}" name="Thème" isCodable="true"/></Codes></CodeBook>
    <Sources>
      <TextSource guid="{g(10)}" name="Entretien">
        <PlainTextContent>{INTERVIEW}</PlainTextContent>
        <PlainTextSelection guid="{g(11)}" {span(INTERVIEW, "très en colère")}>
          <Coding guid="{g(12)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
        <NoteRef targetGUID="{g(50)}"/>
        <NoteRef targetGUID="{g(60)}"/>
        <NoteRef targetGUID="{g(90)}"/>
      </TextSource>
    </Sources>
    <Notes>
      {annotation(50, "Elle hausse le ton", "très en colère")}
      {annotation(60, "Changement d'humeur", "la joie revint")}
      {annotation(70, "Fin apaisée", "le calme")}
      {annotation(80, "Sans source", "Puis")}
      <Note guid="{g(90)}" name="Mémo"><PlainTextContent>Un mémo du texte</PlainTextContent></Note>
    </Notes>
    <Links><Link guid="{g(95)}" originGUID="{g(70)}" targetGUID="{g(10)}"/></Links>"""
    report = import_qdpx(other, make_qdpx(tmp_path / "ann.qdpx", project_xml(body)))
    passages = {(p.exact, tuple(p.tags), p.note, p.status) for p in other.passages()}
    assert passages == {
        ("très en colère", ("Thème",), "Elle hausse le ton", "exact"),
        ("la joie revint", (), "Changement d'humeur", "exact"),
        ("le calme", (), "Fin apaisée", "exact"),
    }
    doc = other.document(other.documents()[0].id)
    assert doc.attributes == {"Note": "Un mémo du texte"}  # the source's own memo only
    lost = [w for w in report.warnings if "annotation(s)" in w]
    assert len(lost) == 1 and lost[0].startswith("1 annotation(s)") and "'Annotation 80'" in lost[0]
    assert not any("link(s) left out" in w for w in report.warnings)


def test_other_tool_memos_journal_cases_description(other: Library, tmp_path: Path) -> None:
    """What a library can hold is imported and said where it went (source
    memos as the document's note, cases without variables as an
    attribute); what it cannot is named, with counts."""
    second = "Un second entretien, plus court."
    body = f"""
    <Description>Projet sur la colère et la joie</Description>
    <Sources>
      <TextSource guid="{g(10)}" name="Entretien">
        <Description>Mémo de la source</Description>
        <PlainTextContent>{INTERVIEW}</PlainTextContent>
      </TextSource>
      <TextSource guid="{g(20)}" name="Court">
        <Description>Autre mémo</Description>
        <PlainTextContent>{second}</PlainTextContent>
      </TextSource>
    </Sources>
    <Notes>
      <Note guid="{g(30)}" name="Journal" plainTextPath="internal://journal.txt"/>
      <Note guid="{g(31)}" name="Idées"><PlainTextContent>À creuser</PlainTextContent></Note>
    </Notes>
    <Cases>
      <Case guid="{g(40)}" name="Femmes"><SourceRef targetGUID="{g(10)}"/></Case>
      <Case guid="{g(41)}" name="Urbain">
        <SourceRef targetGUID="{g(10)}"/><SourceRef targetGUID="{g(20)}"/>
      </Case>
      <Case guid="{g(42)}" name="Vide"/>
    </Cases>"""
    files = {"sources/journal.txt": "Journal de bord"}
    report = import_qdpx(other, make_qdpx(tmp_path / "m.qdpx", project_xml(body), files))
    docs = {d.title: other.document(d.id).attributes for d in other.documents()}
    assert docs == {
        "Entretien": {"Note": "Mémo de la source", "Case": "Femmes; Urbain"},
        "Court": {"Note": "Autre mémo", "Case": "Urbain"},
    }
    warnings = "\n".join(report.warnings)
    assert "2 source memo(s) (TextSource Description) were imported as their document's note" in (
        warnings
    )
    assert "2 case(s) without variables were imported as the attribute 'Case' of their 2" in (
        warnings
    )
    assert "1 case(s) with neither variables nor sources were not imported" in warnings
    assert "'Vide'" in warnings
    assert "2 note(s) that no code, source, selection or link refers to (1 of them a journal" in (
        warnings
    )
    assert "'Journal', 'Idées'" in warnings
    assert "the project's description was not imported" in warnings


def test_other_tool_notes_through_links_and_references(other: Library, tmp_path: Path) -> None:
    body = f"""
    <CodeBook><Codes><Code guid="{g(1)}" name="Thème" isCodable="true"/></Codes></CodeBook>
    <Sources>
      <TextSource guid="{g(10)}" name="Entretien">
        <PlainTextContent>{INTERVIEW}</PlainTextContent>
        <PlainTextSelection guid="{g(11)}" {span(INTERVIEW, "très en colère")}>
          <Coding guid="{g(12)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
        <PlainTextSelection guid="{g(13)}" {span(INTERVIEW, "le calme")}>
          <Description>Mémo dans la description</Description>
          <Coding guid="{g(14)}"><CodeRef targetGUID="{g(1)}"/></Coding>
          <NoteRef targetGUID="{g(41)}"/>
        </PlainTextSelection>
        <NoteRef targetGUID="{g(42)}"/>
      </TextSource>
    </Sources>
    <Notes>
      {note(40, "Mémo lié par un lien")}
      {note(41, "Mémo référencé")}
      {note(42, "Sur tout l'entretien")}
      {note(43, "Pourquoi ce lien")}
    </Notes>
    <Links>
      <Link guid="{g(50)}" originGUID="{g(40)}" targetGUID="{g(11)}"/>
      <Link guid="{g(51)}" name="contredit" direction="Bidirectional"
          originGUID="{g(11)}" targetGUID="{g(13)}"><NoteRef targetGUID="{g(43)}"/></Link>
      <Link guid="{g(52)}" originGUID="{g(13)}" targetGUID="{g(11)}"/>
      <Link guid="{g(53)}" name="code" originGUID="{g(1)}" targetGUID="{g(11)}"/>
    </Links>"""
    report = import_qdpx(other, make_qdpx(tmp_path / "d.qdpx", project_xml(body)))
    passages = {p.exact: p for p in other.passages()}
    assert passages["très en colère"].note == "Mémo lié par un lien"
    assert passages["le calme"].note == "Mémo dans la description\n\nMémo référencé"
    links = sorted(
        (li.relation, li.direction, li.note, li.other_exact)
        for li in passages["très en colère"].links
        if li.side == "out"
    )
    assert links == [("contredit", "both", "Pourquoi ce lien", "le calme")]
    unnamed = [li for li in passages["le calme"].links if li.side == "out"]
    assert [(li.relation, li.direction) for li in unnamed] == [("related", "one-way")]
    doc_id = other.documents()[0].id
    assert other.document(doc_id).attributes == {"Note": "Sur tout l'entretien"}
    assert report.links_created == 2
    assert any("1 link(s) left out" in w for w in report.warnings)


def test_other_tool_variables_cases_and_media(other: Library, tmp_path: Path) -> None:
    body = f"""
    <Variables>
      <Variable guid="{g(1)}" name="Date" typeOfVariable="Date"/>
      <Variable guid="{g(2)}" name="Journal" typeOfVariable="Text"/>
      <Variable guid="{g(3)}" name="Pays" typeOfVariable="Text"/>
      <Variable guid="{g(4)}" name="Pages" typeOfVariable="Integer"/>
    </Variables>
    <Cases>
      <Case guid="{g(5)}" name="France">
        {value(3, "TextValue", "France")}
        <SourceRef targetGUID="{{{g(10).upper()}}}"/>
      </Case>
    </Cases>
    <Sources>
      <TextSource guid="{{{g(10).upper()}}}" name="Article">
        <PlainTextContent>{INTERVIEW}</PlainTextContent>
        {value(1, "DateValue", "2022-01-06")}
        {value(2, "TextValue", "Le Monde")}
        {value(4, "IntegerValue", "3")}
      </TextSource>
      <PDFSource guid="{g(20)}" name="Rapport" path="internal://rapport.pdf">
        <PDFSelection guid="{g(21)}" page="1" firstX="0" firstY="0" secondX="5" secondY="5"/>
      </PDFSource>
    </Sources>
    <Links><Link guid="{g(30)}" originGUID="{g(21)}" targetGUID="{g(21)}"/></Links>"""
    report = import_qdpx(other, make_qdpx(tmp_path / "e.qdpx", project_xml(body)))
    view = other.document(other.documents()[0].id)
    assert view.info.published == "2022-01-06"
    assert view.attributes == {"Journal": "Le Monde", "Pays": "France", "Pages": "3"}
    assert view.info.language == "fr"  # detected, as for an imported file
    assert any("pdf source" in w.casefold() for w in report.warnings)


def test_other_tool_whole_source_coding(other: Library, tmp_path: Path) -> None:
    body = f"""
    <CodeBook><Codes><Code guid="{g(1)}" name="Entier" isCodable="true"/></Codes></CodeBook>
    <Sources>
      <TextSource guid="{g(10)}" name="Entretien">
        <PlainTextContent>{INTERVIEW}</PlainTextContent>
        <Coding guid="{g(11)}"><CodeRef targetGUID="{g(1)}"/></Coding>
      </TextSource>
    </Sources>"""
    import_qdpx(other, make_qdpx(tmp_path / "f.qdpx", project_xml(body)))
    [passage] = other.passages()
    assert (passage.start, passage.end, passage.tags) == (0, len(INTERVIEW), ["Entier"])


# -- bad input: refused whole, nothing imported ------------------------------------------

TEXT = "Le secrétaire général de l’OTSC, Stanislav Zas, a annoncé la fin de la mission."
GOOD = project_xml(
    f"""
    <CodeBook><Codes><Code guid="{g(1)}" name="Acteurs" isCodable="true"/></Codes></CodeBook>
    <Sources>
      <TextSource guid="{g(10)}" name="Article" plainTextPath="internal://{g(10)}.txt">
        <PlainTextSelection guid="{g(11)}" {span(TEXT, "Stanislav Zas")}>
          <Coding guid="{g(12)}"><CodeRef targetGUID="{g(1)}"/></Coding>
        </PlainTextSelection>
        <PlainTextSelection guid="{g(13)}" startPosition="0" endPosition="2"/>
      </TextSource>
    </Sources>
    <Links>
      <Link guid="{g(20)}" name="repeats" originGUID="{g(11)}" targetGUID="{g(13)}"/>
    </Links>"""
)
GOOD_FILES: dict[str, str | bytes] = {f"sources/{g(10)}.txt": TEXT}
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE Project [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>'
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>'
)

BAD_PROJECTS: dict[str, tuple[str, dict[str, str | bytes], str]] = {
    "malformed XML": (GOOD[:-30], GOOD_FILES, "not well-formed XML"),
    "billion laughs": (LAUGHS, GOOD_FILES, "declares XML entities"),
    "external entity": (EXTERNAL, GOOD_FILES, "external XML entity"),
    "not a project": ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', {}, "not <Project>"),
    "code reference": (
        GOOD.replace(f'CodeRef targetGUID="{g(1)}"', f'CodeRef targetGUID="{g(99)}"'),
        GOOD_FILES,
        f"refers to the code '{g(99)}', which the project does not define",
    ),
    "note reference": (
        GOOD.replace(
            "</PlainTextSelection>", f'<NoteRef targetGUID="{g(98)}"/></PlainTextSelection>'
        ),
        GOOD_FILES,
        f"refers to the note '{g(98)}'",
    ),
    "variable reference": (
        GOOD.replace(
            "</TextSource>",
            f'<VariableValue><VariableRef targetGUID="{g(97)}"/><TextValue>x</TextValue>'
            "</VariableValue></TextSource>",
        ),
        GOOD_FILES,
        f"refers to the variable '{g(97)}'",
    ),
    "link to a missing selection": (
        GOOD.replace(f'targetGUID="{g(13)}"/>\n    </Links>', f'targetGUID="{g(96)}"/></Links>'),
        GOOD_FILES,
        f"the link 'repeats' refers to '{g(96)}', which the project does not define",
    ),
    "missing text member": (GOOD, {}, f"refers to internal://{g(10)}.txt, which is not in"),
    "text outside the project": (
        GOOD.replace(f"internal://{g(10)}.txt", "file:///etc/passwd"),
        GOOD_FILES,
        "stored outside the project",
    ),
    "text path escaping": (
        GOOD.replace(f"internal://{g(10)}.txt", "relative://../../etc/passwd"),
        GOOD_FILES,
        "points outside the project",
    ),
    "position outside the text": (
        GOOD.replace('endPosition="2"', 'endPosition="5000"'),
        GOOD_FILES,
        f"spans [0, 5000), which is not within its text of {len(TEXT)} characters",
    ),
    "start after end": (
        GOOD.replace('startPosition="0" endPosition="2"', 'startPosition="9" endPosition="2"'),
        GOOD_FILES,
        "spans [9, 2)",
    ),
    "position not a number": (
        GOOD.replace('startPosition="0"', 'startPosition="zero"'),
        GOOD_FILES,
        "startPosition='zero', which is not a number",
    ),
    "text not UTF-8": (GOOD, {f"sources/{g(10)}.txt": TEXT.encode("cp1252")}, "is not UTF-8"),
    "codes nested too deep": (
        project_xml(
            "<CodeBook><Codes>"
            + "".join(f'<Code guid="{g(i)}" name="c{i}" isCodable="true">' for i in range(70))
            + "</Code>" * 70
            + "</Codes></CodeBook>"
        ),
        {},
        "more than 64 levels deep",
    ),
}


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """A library with documents and coding that no bad input may change;
    one for the module (each test checks that it is left as it was)."""
    folder = tmp_path_factory.mktemp("target")
    with Library(folder / "lib") as lib:
        lib.import_paths([SEEDS / "000_7779a385dcbc7df1.txt", SEEDS / "002_b5fab79e601b0820.txt"])
        first, second = (d.id for d in lib.documents())
        a = lib.highlight(first, quote="Stanislav Zas", tags=["Acteurs/OTSC"], note="n")
        b = lib.highlight(second, quote="Stanislav Zas", tags=["Citation"])
        lib.link(a.id, b.id, "repeats")
        lib.set_attribute(first, "pays", "Russie")
        yield lib


def assert_unchanged(lib: Library, before: dict[str, list[tuple]], history: int) -> None:
    assert user_data(lib) == before
    assert len(lib.history()) == history


def test_the_good_project_imports(other: Library, tmp_path: Path) -> None:
    """The base the bad projects below are made from is itself fine."""
    report = import_qdpx(other, make_qdpx(tmp_path / "good.qdpx", GOOD, GOOD_FILES))
    assert report.passages_created == 2 and report.links_created == 1


@pytest.mark.parametrize("case", list(BAD_PROJECTS))
def test_bad_project_is_refused_whole(target: Library, tmp_path: Path, case: str) -> None:
    xml, files, message = BAD_PROJECTS[case]
    path = make_qdpx(tmp_path / "bad.qdpx", xml, files)
    before, history = user_data(target), len(target.history())
    with pytest.raises(ProjectError) as caught:
        import_qdpx(target, path)
    assert message in str(caught.value)
    assert_unchanged(target, before, history)


def zip_bytes(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def _good_zip() -> bytes:
    return zip_bytes(
        {"project.qde": GOOD.encode()} | {k: str(v).encode() for k, v in GOOD_FILES.items()}
    )


def _damaged_member() -> bytes:
    data = zip_bytes(
        {"project.qde": GOOD.encode(), f"sources/{g(10)}.txt": TEXT.encode()},
        zipfile.ZIP_STORED,
    )
    at = data.index(b"Stanislav")
    return data[:at] + b"X" + data[at + 1 :]


BAD_ARCHIVES: dict[str, tuple[Callable[[], bytes], str]] = {
    "not a zip": (lambda: b"These are not the bytes of a zip archive.", "not a readable zip"),
    "truncated zip": (lambda: _good_zip()[:200], "not a readable zip"),
    "no project.qde": (
        lambda: zip_bytes({f"sources/{g(10)}.txt": TEXT.encode()}),
        "holds no project.qde",
    ),
    "parent folder": (
        lambda: zip_bytes({"project.qde": GOOD.encode(), "../evil.txt": b"x"}),
        "'../evil.txt', which points outside",
    ),
    "nested parent folder": (
        lambda: zip_bytes({"project.qde": GOOD.encode(), "sources/../../evil.txt": b"x"}),
        "points outside",
    ),
    "absolute path": (
        lambda: zip_bytes({"project.qde": GOOD.encode(), "/etc/evil.txt": b"x"}),
        "points outside",
    ),
    "drive letter": (
        lambda: zip_bytes({"project.qde": GOOD.encode(), "C:\\evil.txt": b"x"}),
        "points outside",
    ),
    "zip bomb": (
        lambda: zip_bytes({"project.qde": GOOD.encode(), "sources/bomb.txt": b"\0" * (4 << 20)}),
        "zip bomb",
    ),
    "damaged member": (_damaged_member, "cannot be unpacked"),
}


@pytest.mark.parametrize("case", list(BAD_ARCHIVES))
def test_bad_archive_is_refused_whole(target: Library, tmp_path: Path, case: str) -> None:
    make, message = BAD_ARCHIVES[case]
    path = tmp_path / "bad.qdpx"
    path.write_bytes(make())
    before, history = user_data(target), len(target.history())
    with pytest.raises(ProjectError) as caught:
        import_qdpx(target, path)
    assert message in str(caught.value)
    assert_unchanged(target, before, history)


def test_archive_too_large_is_refused(
    target: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qdpx_archive, "MAX_TOTAL_BYTES", 1000)  # where the archive is read
    path = make_qdpx(tmp_path / "big.qdpx", GOOD, GOOD_FILES)
    before, history = user_data(target), len(target.history())
    with pytest.raises(ProjectError, match="would unpack to more than"):
        import_qdpx(target, path)
    assert_unchanged(target, before, history)


def test_source_text_too_large_is_refused(
    target: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qdpx_archive, "MAX_SOURCE_BYTES", 20)
    path = make_qdpx(tmp_path / "big.qdpx", GOOD, GOOD_FILES)
    before, history = user_data(target), len(target.history())
    with pytest.raises(ProjectError, match=f"sources/{g(10)}.txt in big.qdpx is too large"):
        import_qdpx(target, path)
    assert_unchanged(target, before, history)


def test_missing_file_is_refused(target: Library, tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="there is no project file"):
        import_qdpx(target, tmp_path / "nowhere.qdpx")


def test_failure_while_storing_leaves_nothing(
    target: Library, other: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after documents, tags and passages were written: all of it
    is rolled back with the transaction."""
    export_qdpx(target, tmp_path / "export.qdpx")

    def fail(*args: object, **kwargs: object) -> None:
        raise KzreaderError("the library refused the link")

    monkeypatch.setattr(qdpx._ProjectStore, "_links", fail)
    before, history = user_data(other), len(other.history())
    with pytest.raises(KzreaderError, match="refused the link"):
        import_qdpx(other, tmp_path / "export.qdpx")
    assert_unchanged(other, before, history)
    assert other.search("Zas").total == 0


# -- codebooks ---------------------------------------------------------------------------


def test_codebook_export_is_valid(
    seeded: Library, coded: dict[str, int], tmp_path: Path, codebook_schema: xmlschema.XMLSchema
) -> None:
    out = tmp_path / "codes.qdc"
    report = export_qdc(seeded, out)
    assert report.codes == len(seeded.tags())
    codebook_schema.validate(out.read_text(encoding="utf-8"))
    root = ET.fromstring(out.read_bytes())
    assert root.tag == f"{{{qdpx.CODEBOOK_NS}}}CodeBook"
    chosen = tmp_path / "thèmes.qdc"
    assert export_qdc(seeded, chosen, tags=["Thèmes/Sécurité"]).codes == 2
    codebook_schema.validate(chosen.read_text(encoding="utf-8"))


def test_codebook_round_trip(
    seeded: Library, coded: dict[str, int], other: Library, tmp_path: Path
) -> None:
    out = tmp_path / "codes.qdc"
    export_qdc(seeded, out)
    report = import_qdc(other, out)
    assert report.tags_created == len(seeded.tags())
    assert summary(other)["tags"] == summary(seeded)["tags"]
    # merging again by path: no duplicates, and no change to undo
    steps = len(other.history())
    again = import_qdc(other, out)
    assert again.tags_created == 0 and again.tags_existing == len(seeded.tags())
    assert summary(other)["tags"] == summary(seeded)["tags"]
    assert len(other.history()) == steps
    other.undo()  # the first import, whole
    assert other.tags() == []


def test_codebook_merges_into_existing_tags(other: Library, tmp_path: Path) -> None:
    other.create_tag("Émotions/Colère", "#123456")
    path = tmp_path / "other.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Another tool">'
        f'<Codes><Code guid="{g(1)}" name="Émotions" isCodable="false">'
        f'<Code guid="{g(2)}" name="Colère" isCodable="true" color="#ABCDEF">'
        "<Description>Fâché</Description></Code>"
        f'<Code guid="{g(3)}" name="Joie" isCodable="true" color="#0f0"/>'
        "</Code></Codes>"
        f'<Sets><Set guid="{g(4)}" name="Un ensemble"><MemberCode guid="{g(3)}"/></Set></Sets>'
        "</CodeBook>",
        encoding="utf-8",
    )
    report = import_qdc(other, path)
    assert (report.tags_created, report.tags_existing, report.descriptions_added) == (1, 2, 1)
    assert report.warnings
    tags = {t.path: (t.color, t.description) for t in other.tags()}
    assert tags["Émotions/Colère"] == ("#123456", "Fâché")
    assert tags["Émotions/Joie"] == ("#00ff00", None)
    assert len(tags) == 3


def test_codebook_of_a_project(
    seeded: Library, coded: dict[str, int], other: Library, tmp_path: Path
) -> None:
    """A project's codebook can be imported alone (its project.qde as a codebook)."""
    export_qdpx(seeded, tmp_path / "export.qdpx")
    qde = tmp_path / "project.qde"
    with zipfile.ZipFile(tmp_path / "export.qdpx") as archive:
        qde.write_bytes(archive.read("project.qde"))
    import_qdc(other, qde)
    assert summary(other)["tags"] == summary(seeded)["tags"]
    assert other.counts() == (0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (LAUGHS.replace("Project", "CodeBook"), "declares XML entities"),
        ("<CodeBook", "not well-formed XML"),
        ('<Other xmlns="x"/>', "not <CodeBook>"),
        ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', "holds no codes"),
    ],
)
def test_bad_codebook_is_refused(
    target: Library, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.qdc"
    path.write_text(content, encoding="utf-8")
    before, history = user_data(target), len(target.history())
    with pytest.raises(ProjectError, match=message):
        import_qdc(target, path)
    assert_unchanged(target, before, history)
