"""Exports: W3C Web Annotations, CSV codings, Markdown and HTML reports.

One coded library is built per module (the exports only read it): the five
sample articles plus an article made to break exports, whose title holds
``<script>`` and Markdown, whose text holds formula starts, Markdown
structure and a character outside the BMP, and one of whose passages is an
orphan (its paragraph removed by a re-import).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest

from kzreader.core import atomic
from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.exchange.reports import export_html, export_markdown, md_escape, md_quote
from kzreader.core.exchange.selection import ExportError, ExportReport
from kzreader.core.exchange.tabular import export_csv, neutralise_cell, restore_cell
from kzreader.core.exchange.w3c import CONTEXT, export_w3c
from kzreader.core.library import Library
from kzreader.core.types import PassageInfo

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = {
    "sputnik_zas": "000_7779a385dcbc7df1.txt",
    "sputnik_contingent": "001_beb003b7b53c942c.txt",
    "rt_zas": "002_b5fab79e601b0820.txt",
    "zas_retrait": "003_5a814d00d646ab81.txt",
    "blinken": "004_500be365c57d552d.txt",
}

EVIL_TITLE = 'Le <script>alert("x")</script> & l’« titre » *piégé* [x](y)'
FILLER = "Un paragraphe ordinaire sur le Kazakhstan et l’OTSC, assez long pour être lu. " * 8
LOST_LINE = "Ce paragraphe disparaîtra à la réimportation, avec sa citation unique."
EVIL_TEXT = "\n".join(
    [
        EVIL_TITLE,
        "",
        "# Pas un titre",
        "=SUM(A1:A2) est une formule.",
        "+33 1 23 45 67 89 et -5 degrés, @compte.",
        "* une étoile et [un lien](javascript:alert(1)) et `code`.",
        "Émoji 😀 avant : Zas a parlé du retrait des troupes.",
        LOST_LINE,
        FILLER,
        "",
    ]
)
ZAS_NOTE = 'Il a dit "retrait", puis :\nseconde ligne — é à ç\n<script>alert("x")</script> & co'
FORMULA_NOTE = '=HYPERLINK("http://evil.example","clic")'
STANCE = "=cmd|' /C calc'!A0"


@dataclass
class Coded:
    lib: Library
    docs: dict[str, int]
    passages: dict[str, PassageInfo]

    def p(self, name: str) -> PassageInfo:
        """A passage as it is now (after the re-import)."""
        return self.lib.passage(self.passages[name].id)


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coded]:
    root = tmp_path_factory.mktemp("exports")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    evil = root / "extra" / "evil.txt"
    evil.parent.mkdir()
    evil.write_text(EVIL_TEXT, encoding="utf-8")
    with Library(root / "lib") as lib:
        lib.import_paths([seeds, evil])
        by_file = {d.file_name: d.id for d in lib.documents()}
        docs = {name: by_file[file] for name, file in SEED_FILES.items()}
        docs["evil"] = by_file["evil.txt"]
        hi = lib.highlight
        p = {
            "zas": hi(
                docs["rt_zas"],
                quote="Stanislav Zas",
                tags=["Acteurs/OTSC/Zas", "Cadrage/Sécurité"],
                note=ZAS_NOTE,
                color="#ff8800",
            ),
            "retrait": hi(
                docs["sputnik_zas"], quote="quitteront le Kazakhstan", tags=["Cadrage/Retrait"]
            ),
            "blinken": hi(
                docs["blinken"],
                quote="Antony Blinken",
                tags=["Acteurs/États-Unis"],
                note=FORMULA_NOTE,
            ),
            "untagged": hi(docs["sputnik_contingent"], quote="Un contingent de la paix"),
            "hash": hi(
                docs["evil"],
                quote="# Pas un titre\n=SUM(A1:A2) est une formule.",
                tags=["Cadrage"],
                note="```python\nopen fence never closed",
            ),
            "formula": hi(
                docs["evil"], quote="=SUM(A1:A2) est une formule.", tags=["Cadrage/Sécurité"]
            ),
            "star": hi(
                docs["evil"],
                quote="* une étoile et [un lien](javascript:alert(1)) et `code`.",
                tags=["Acteurs"],
            ),
            "emoji": hi(docs["evil"], quote="Zas a parlé du retrait", tags=["Acteurs/OTSC/Zas"]),
            "orphan": hi(
                docs["evil"], quote="avec sa citation unique", tags=["Cadrage"], note="perdue"
            ),
        }
        lib.link(p["zas"].id, p["retrait"].id, "repeats", note='même "idée"')
        lib.link(p["blinken"].id, p["zas"].id, "contradicts", direction="both")
        lib.link(p["star"].id, p["untagged"].id, "corroborates")
        lib.set_attribute(docs["rt_zas"], "pays", "Russie")
        lib.set_attribute(docs["blinken"], "pays", "États-Unis")
        lib.set_attribute(docs["evil"], "stance", STANCE)
        lib.create_tag("Vide")
        evil.write_text(EVIL_TEXT.replace(LOST_LINE + "\n", ""), encoding="utf-8")
        (result,) = lib.import_paths([evil]).results
        assert result.status == "updated" and result.passages["orphan"] == 1
        yield Coded(lib, docs, p)


def every_passage(coded: Coded) -> list[PassageInfo]:
    return coded.lib.passages()


# -- W3C Web Annotations ------------------------------------------------------------------


def read_w3c(path: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    data = json.loads(path.read_text("utf-8"))
    return data, {item["id"]: item for item in data["first"]["items"]}


def test_w3c_collection_holds_every_passage_with_its_selectors(coded: Coded, tmp_path) -> None:
    lib = coded.lib
    report = export_w3c(lib, tmp_path / "annotations.jsonld")
    data, items = read_w3c(tmp_path / "annotations.jsonld")
    assert data["@context"] == CONTEXT
    assert data["type"] == "AnnotationCollection"
    page = data["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    assert data["last"] == page["id"] and page["partOf"] == data["id"]
    assert data["total"] == len(page["items"]) == len(every_passage(coded)) + 3
    assert (report.format, report.passages, report.links) == ("w3c", len(every_passage(coded)), 3)
    assert "@context" not in page and all("@context" not in i for i in page["items"])
    documents = {d.id: d for d in lib.documents()}
    for p in every_passage(coded):
        ann = items[f"urn:uuid:{p.uid}"]
        assert ann["type"] == "Annotation" and ann["motivation"] == "highlighting"
        assert datetime.fromisoformat(ann["created"]) and datetime.fromisoformat(ann["modified"])
        doc = documents[p.document_id]
        target = ann["target"]
        assert target["type"] == "SpecificResource"
        assert target["source"]["id"] == f"urn:uuid:{doc.uid}"
        assert target["source"]["dcterms:title"] == doc.title
        selectors = {s["type"]: s for s in target["selector"]}
        quote = selectors["TextQuoteSelector"]
        assert (quote["exact"], quote["prefix"], quote["suffix"]) == (p.exact, p.prefix, p.suffix)
        text = lib.document(p.document_id).text
        if p.status == "orphan":
            assert "TextPositionSelector" not in selectors
        else:
            position = selectors["TextPositionSelector"]
            assert text[position["start"] : position["end"]] == quote["exact"] == p.exact
        bodies = ann.get("body", [])
        assert [b["value"] for b in bodies if b["purpose"] == "tagging"] == p.tags
        notes = [b for b in bodies if b["purpose"] == "commenting"]
        languages = {b.pop("language", None) for b in notes}
        assert languages <= {None, "fr", "en", "ru", "kk"}
        note = {"type": "TextualBody", "value": p.note, "format": "text/markdown"}
        assert notes == ([{**note, "purpose": "commenting"}] if p.note else [])
    zas = items[f"urn:uuid:{coded.p('zas').uid}"]
    assert zas["target"]["styleClass"] == "kz-ff8800"
    assert "#ff8800" in zas["stylesheet"]["value"]
    sputnik = items[f"urn:uuid:{coded.p('retrait').uid}"]["target"]["source"]
    assert sputnik["dcterms:publisher"] == "Sputnik" and sputnik["via"].startswith("https://")


def test_w3c_creator_generator_note_language_and_own_contexts(coded: Coded, tmp_path) -> None:
    """Each annotation names its creator and generator (id and type); a
    note's body says its language; with ``self_contained`` each annotation
    carries its own @context and reads alone."""
    lib = coded.lib
    export_w3c(lib, tmp_path / "a.jsonld")
    data, items = read_w3c(tmp_path / "a.jsonld")
    creator, generator = data["creator"], data["generator"]
    assert creator["type"] == "Person" and creator["id"].startswith("urn:uuid:")
    assert generator["type"] == "Software" and generator["id"].startswith("urn:uuid:")
    assert generator["name"].startswith("kzreader ")
    for item in items.values():
        assert (item["creator"], item["generator"]) == (creator, generator)
    languages = [
        b.get("language")
        for item in items.values()
        for b in item.get("body", [])
        if isinstance(b, dict) and b.get("value", "").startswith('Il a dit "retrait"')
    ]
    assert languages == ["fr"]
    lib.export("w3c", tmp_path / "b.jsonld", self_contained=True)
    own, own_items = read_w3c(tmp_path / "b.jsonld")
    assert own["@context"] == CONTEXT
    assert all(item["@context"] == CONTEXT for item in own_items.values())
    assert {k: {f: v for f, v in i.items() if f != "@context"} for k, i in own_items.items()} == (
        items
    )


def test_w3c_positions_count_code_points(coded: Coded, tmp_path) -> None:
    export_w3c(coded.lib, tmp_path / "a.jsonld", documents=[coded.docs["evil"]])
    _, items = read_w3c(tmp_path / "a.jsonld")
    emoji = coded.p("emoji")
    text = coded.lib.document(emoji.document_id).text
    ann = items[f"urn:uuid:{emoji.uid}"]
    (position,) = [s for s in ann["target"]["selector"] if s["type"] == "TextPositionSelector"]
    assert position["start"] == text.index("Zas a parlé")
    utf16_start = len(text[: position["start"]].encode("utf-16-le")) // 2
    assert utf16_start == position["start"] + 1  # the 😀 before it: one code point, two units


def test_w3c_links_are_linking_annotations(coded: Coded, tmp_path) -> None:
    export_w3c(coded.lib, tmp_path / "a.jsonld")
    _, items = read_w3c(tmp_path / "a.jsonld")
    links = {li.id: li for p in every_passage(coded) for li in p.links if li.side == "out"}
    assert len(links) == 3
    uids = {p.id: p.uid for p in every_passage(coded)}
    for link in links.values():
        ann = items[f"urn:uuid:{link.uid}"]
        assert ann["motivation"] == "linking"
        assert ann["target"] == f"urn:uuid:{uids[link.source_id]}"
        assert ann["target"] in items  # the linked annotations are in the file
        by_purpose = {b["purpose"]: b for b in ann["body"]}
        assert by_purpose["linking"]["source"] == f"urn:uuid:{uids[link.target_id]}"
        assert by_purpose["linking"]["source"] in items
        assert by_purpose["classifying"]["value"] == link.relation
        assert link.relation in by_purpose["describing"]["value"]
        assert datetime.fromisoformat(ann["created"])
        if link.note:
            assert by_purpose["commenting"]["value"] == link.note
    both = next(li for li in links.values() if li.direction == "both")
    describing = next(
        b for b in items[f"urn:uuid:{both.uid}"]["body"] if b["purpose"] == "describing"
    )
    assert "contradicts ↔" in describing["value"]


def test_w3c_ids_are_stable_across_exports(coded: Coded, tmp_path) -> None:
    export_w3c(coded.lib, tmp_path / "a.jsonld")
    export_w3c(coded.lib, tmp_path / "b.jsonld")
    a, a_items = read_w3c(tmp_path / "a.jsonld")
    b, b_items = read_w3c(tmp_path / "b.jsonld")
    assert a["id"] == b["id"] and list(a_items) == list(b_items)
    assert a["first"]["items"] == b["first"]["items"]


def test_w3c_selection_by_tag_keeps_only_links_with_both_ends(coded: Coded, tmp_path) -> None:
    report = export_w3c(coded.lib, tmp_path / "a.jsonld", tags=["Acteurs"])
    data, items = read_w3c(tmp_path / "a.jsonld")
    chosen = {coded.p(n).uid for n in ("zas", "blinken", "star", "emoji")}
    passages = {i for i, item in items.items() if item["motivation"] == "highlighting"}
    assert passages == {f"urn:uuid:{uid}" for uid in chosen}
    links = [item for item in items.values() if item["motivation"] == "linking"]
    assert len(links) == 1 == report.links  # blinken ↔ zas; zas → retrait is left out
    assert links[0]["target"] == f"urn:uuid:{coded.p('blinken').uid}"
    assert data["total"] == 5 and report.passages == 4 and report.documents == 3


def test_w3c_empty_selection_is_still_a_collection(coded: Coded, tmp_path) -> None:
    report = export_w3c(coded.lib, tmp_path / "a.jsonld", tags=["Vide"])
    data, items = read_w3c(tmp_path / "a.jsonld")
    assert data["total"] == 0 and items == {} and data["first"]["items"] == []
    assert (report.documents, report.passages, report.links) == (0, 0, 0)


# -- CSV ------------------------------------------------------------------------------------


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_csv_rows_one_per_coding(coded: Coded, tmp_path) -> None:
    path = tmp_path / "codings.csv"
    report = export_csv(coded.lib, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    rows = read_csv(path)
    passages = every_passage(coded)
    assert len(rows) == sum(max(1, len(p.tags)) for p in passages)
    assert raw.count(b"\r\n") == len(rows) + 1  # CRLF records; notes keep their own \n
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        "document_id", "title", "outlet", "date", "url", "language",
        "attr:pays", "attr:stance",
        "passage_id", "start", "end", "text", "tag", "note", "status",
    ]  # fmt: skip
    assert (report.format, report.passages, report.documents) == ("csv", len(passages), 5)
    by_passage: dict[int, list[dict[str, str]]] = {}
    for row in rows:
        by_passage.setdefault(int(row["passage_id"]), []).append(row)
    for p in passages:
        got = by_passage[p.id]
        assert [r["tag"] for r in got] == (p.tags or [""])
        for row in got:
            assert restore_cell(row["text"]) == p.exact
            assert restore_cell(row["note"]) == (p.note or "")
            assert (int(row["start"]), int(row["end"]), row["status"]) == (p.start, p.end, p.status)
            assert row["title"] == neutralise_cell(p.document_title)


def test_csv_keeps_accents_newlines_and_quotes(coded: Coded, tmp_path) -> None:
    export_csv(coded.lib, tmp_path / "c.csv")
    rows = read_csv(tmp_path / "c.csv")
    zas = [r for r in rows if int(r["passage_id"]) == coded.p("zas").id]
    assert [r["tag"] for r in zas] == ["Acteurs/OTSC/Zas", "Cadrage/Sécurité"]
    assert zas[0]["note"] == ZAS_NOTE  # a quote, a comma, two newlines, accents, <script>
    assert zas[0]["title"].startswith("Le chef du bloc dirigé par la Russie révèle")
    assert (zas[0]["outlet"], zas[0]["attr:pays"], zas[0]["attr:stance"]) == ("RT", "Russie", "")
    blinken = next(r for r in rows if int(r["passage_id"]) == coded.p("blinken").id)
    assert blinken["attr:pays"] == "États-Unis" and blinken["tag"] == "Acteurs/États-Unis"
    orphan = next(r for r in rows if int(r["passage_id"]) == coded.p("orphan").id)
    assert orphan["status"] == "orphan" and orphan["text"] == "avec sa citation unique"


def test_csv_neutralises_formulas(coded: Coded, tmp_path) -> None:
    export_csv(coded.lib, tmp_path / "c.csv")
    rows = read_csv(tmp_path / "c.csv")
    blinken = next(r for r in rows if int(r["passage_id"]) == coded.p("blinken").id)
    assert blinken["note"] == "'" + FORMULA_NOTE
    formula = next(r for r in rows if int(r["passage_id"]) == coded.p("formula").id)
    assert formula["text"] == "'=SUM(A1:A2) est une formule."
    assert formula["attr:stance"] == "'" + STANCE
    star = next(r for r in rows if int(r["passage_id"]) == coded.p("star").id)
    assert star["text"].startswith("* une")  # not a formula: left alone
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-5 degrés", "'-5 degrés"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=already quoted", "''=already quoted"),
        ("'Tis the season", "'Tis the season"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_neutralise_cell_is_reversible(value: str, written: str) -> None:
    assert neutralise_cell(value) == written
    assert restore_cell(written) == value


def test_csv_selection_by_tag_and_document(coded: Coded, tmp_path) -> None:
    export_csv(coded.lib, tmp_path / "tag.csv", tags=["Cadrage"])
    rows = read_csv(tmp_path / "tag.csv")
    assert rows and all(r["tag"].startswith("Cadrage") for r in rows)
    zas = [r["tag"] for r in rows if int(r["passage_id"]) == coded.p("zas").id]
    assert zas == ["Cadrage/Sécurité"]  # its Acteurs coding is outside the choice
    expected = {coded.p(n).id for n in ("zas", "retrait", "hash", "formula", "orphan")}
    assert {int(r["passage_id"]) for r in rows} == expected

    evil = coded.docs["evil"]
    export_csv(coded.lib, tmp_path / "both.csv", tags=["Cadrage"], documents=[evil])
    both = read_csv(tmp_path / "both.csv")
    assert {int(r["passage_id"]) for r in both} == {
        coded.p(n).id for n in ("hash", "formula", "orphan")
    }
    assert list(both[0]) == [  # only the attributes of the exported documents
        "document_id", "title", "outlet", "date", "url", "language", "attr:stance",
        "passage_id", "start", "end", "text", "tag", "note", "status",
    ]  # fmt: skip


def test_csv_with_semicolons(coded: Coded, tmp_path) -> None:
    export_csv(coded.lib, tmp_path / "c.csv", delimiter=";", documents=[coded.docs["rt_zas"]])
    rows = read_csv(tmp_path / "c.csv", delimiter=";")
    assert [r["note"] for r in rows] == [ZAS_NOTE, ZAS_NOTE]
    with pytest.raises(KzreaderError, match="delimiter"):
        export_csv(coded.lib, tmp_path / "d.csv", delimiter="|")
    assert not (tmp_path / "d.csv").exists()


def test_unknown_tags_and_documents_are_refused(coded: Coded, tmp_path) -> None:
    with pytest.raises(NotFoundError, match="Inconnu"):
        export_csv(coded.lib, tmp_path / "a.csv", tags=["Inconnu"])
    with pytest.raises(NotFoundError, match="9999"):
        export_html(coded.lib, tmp_path / "a.html", documents=[9999])
    assert list(tmp_path.iterdir()) == []


# -- Markdown -------------------------------------------------------------------------------


def test_markdown_by_tag(coded: Coded, tmp_path) -> None:
    report = export_markdown(coded.lib, tmp_path / "r.md")
    text = (tmp_path / "r.md").read_text("utf-8")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Coded passages by tag",
        "## Acteurs",
        "### OTSC",
        "#### Zas",
        "### États-Unis",
        "## Cadrage",
        "### Retrait",
        "### Sécurité",
        "## Untagged passages",
    ]
    assert text.count("> Stanislav Zas\n") == 2  # under Zas and under Sécurité
    rt_title = "Le chef du bloc dirigé par la Russie révèle les détails de la mission au Kazakhstan"
    assert f"— *{rt_title}*, RT" in text
    assert (
        "- repeats → «quitteront le Kazakhstan» in *Le secrétaire général de l’OTSC explique "
        "quand ses forces quitteront le Kazakhstan* (Sputnik, 2022-01-06)" in text
    )
    assert "«Stanislav Zas» in *Le chef du bloc" in text and "(RT) repeats → this passage" in text
    assert "- contradicts ↔ «Stanislav Zas»" in text
    assert ZAS_NOTE in text  # notes are Markdown: included as they are
    assert '  même "idée"' in text  # a link's note, inside its list item
    assert "<https://fr.sputniknews.com/20220106/" in text
    assert "*no longer found in the document*" in text
    assert (report.format, report.passages, report.links) == ("markdown", 9, 3)


def test_markdown_escapes_titles_and_quotations(coded: Coded, tmp_path) -> None:
    export_markdown(coded.lib, tmp_path / "r.md", documents=[coded.docs["evil"]])
    text = (tmp_path / "r.md").read_text("utf-8")
    lines = text.splitlines()
    assert not any(line.startswith("# Pas") or line.startswith("* une") for line in lines)
    assert "> \\# Pas un titre\\\n> \\=SUM(A1:A2) est une formule." in text  # no setext h1
    assert "> \\* une étoile et \\[un lien\\](javascript:alert(1)) et \\`code\\`." in text
    assert "[un lien](" not in text
    escaped_title = md_escape(EVIL_TITLE)
    assert escaped_title == (
        'Le \\<script\\>alert("x")\\</script\\> \\& l’« titre » \\*piégé\\* \\[x\\](y)'
    )
    assert f"— *{escaped_title}*" in text
    assert "```python\nopen fence never closed\n```" in text  # closed, not swallowing the rest


@pytest.mark.parametrize(
    ("plain", "markdown"),
    [
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. first", "1\\. first"),
        ("2) second", "2\\) second"),
        ("===", "\\==="),
        ("    indented code", "indented code"),
        ("a_b | c ~ d", "a\\_b \\| c \\~ d"),
        ("&amp; $x$", "\\&amp; \\$x\\$"),
        ("C:\\dossier", "C:\\\\dossier"),
    ],
)
def test_markdown_escape_neutralises_line_structure(plain: str, markdown: str) -> None:
    assert md_quote(plain) == "> " + markdown


def test_markdown_by_document(coded: Coded, tmp_path) -> None:
    chosen = [coded.docs[n] for n in ("evil", "zas_retrait", "rt_zas")]
    report = export_markdown(coded.lib, tmp_path / "r.md", by="document", documents=chosen)
    text = (tmp_path / "r.md").read_text("utf-8")
    titles = [line for line in text.splitlines() if line.startswith("## ")]
    ordered = sorted(chosen)
    assert titles == ["## " + md_escape(coded.lib.document(i).info.title) for i in ordered]
    assert "\n0 passages.\n" in text  # zas_retrait: chosen, read, not coded
    assert "- Outlet: RT\n" in text and "- pays: Russie\n" in text
    assert "- stance: \\=cmd\\|' /C calc'!A0\n" in text
    evil = text[text.index("## " + md_escape(EVIL_TITLE)) :]
    positions = [evil.index(f"Characters {coded.p(n).start}–") for n in ("hash", "star", "emoji")]
    assert positions == sorted(positions)  # text order
    assert (report.documents, report.passages) == (3, 6)


def test_report_selection_by_tag(coded: Coded, tmp_path) -> None:
    report = export_markdown(coded.lib, tmp_path / "r.md", tags=["Cadrage/Retrait"])
    text = (tmp_path / "r.md").read_text("utf-8")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Coded passages by tag", "## Cadrage", "### Retrait"]
    assert "> quitteront le Kazakhstan" in text
    assert "> Stanislav Zas" not in text  # only named, as the far end of a link
    assert "tags: Cadrage/Retrait" in text
    assert (report.passages, report.documents) == (1, 1)


def test_report_arrangement_is_checked(coded: Coded, tmp_path) -> None:
    with pytest.raises(KzreaderError, match="by 'tag' or by 'document'"):
        export_markdown(coded.lib, tmp_path / "r.md", by="chapter")
    assert not (tmp_path / "r.md").exists()


# -- HTML ------------------------------------------------------------------------------------


class PageReader(HTMLParser):
    """Collects tags, ids, links and text, and checks elements are balanced."""

    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.attrs if a.get("id")}

    @property
    def hrefs(self) -> list[str]:
        return [a["href"] or "" for t, a in self.attrs if t == "a" and "href" in a]


def read_html(path: Path) -> tuple[str, PageReader]:
    source = path.read_text("utf-8")
    page = PageReader()
    page.feed(source)
    page.close()
    assert page.stack == []
    return source, page


@pytest.mark.parametrize("by", ["tag", "document"])
def test_html_report_is_standalone_and_escaped(coded: Coded, tmp_path, by: str) -> None:
    report = export_html(coded.lib, tmp_path / "r.html", by=by)
    source, page = read_html(tmp_path / "r.html")
    assert source.startswith("<!DOCTYPE html>\n")
    assert ("html", {"lang": "en"}) in page.attrs
    assert ("meta", {"charset": "utf-8"}) in page.attrs
    assert "script" not in page.tags and "<script>" not in source
    assert "style" in page.tags and "link" not in page.tags  # inline CSS, nothing fetched
    assert "@media print" in source
    text = "".join(page.text)
    assert EVIL_TITLE in text  # escaped in the file, the very characters once read
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l’«" in source
    assert ZAS_NOTE.replace("\n", "") in text.replace("\n", "")
    assert "* une étoile et [un lien](javascript:alert(1)) et `code`." in text
    assert not any(h.lower().startswith("javascript:") for h in page.hrefs)
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert internal and set(internal) <= page.ids  # the contents and the links lead somewhere
    nav = next(i for i, t in enumerate(page.tags) if t == "nav")
    assert page.tags.index("main") > nav  # the contents come first
    assert any(t == "blockquote" and a.get("lang") == "fr" for t, a in page.attrs)
    assert report.format == "html" and report.passages == len(every_passage(coded))


def test_html_report_by_tag_nests_sections(coded: Coded, tmp_path) -> None:
    export_html(coded.lib, tmp_path / "r.html", tags=["Acteurs"])
    source, page = read_html(tmp_path / "r.html")
    headings = [t for t in page.tags if t in ("h1", "h2", "h3", "h4")]
    # the title, the contents, Acteurs, OTSC, Zas, États-Unis (sorted as in the app)
    assert headings == ["h1", "h2", "h2", "h3", "h4", "h3"]
    tags = {t.path: t for t in coded.lib.tags()}
    for path in ("Acteurs", "Acteurs/OTSC", "Acteurs/OTSC/Zas"):
        assert f"tag-{tags[path].id}" in page.ids
    assert "Cadrage" not in [d.strip() for d in page.text]  # no section outside the choice
    assert f'id="p-{coded.p("zas").id}"' in source
    assert source.count(f'id="p-{coded.p("zas").id}"') == 1


def test_html_report_of_nothing(coded: Coded, tmp_path) -> None:
    report = export_html(coded.lib, tmp_path / "r.html", tags=["Vide"], title="Rien <ici>")
    source, _ = read_html(tmp_path / "r.html")
    assert "<title>Rien &lt;ici&gt;</title>" in source and "No passages." in source
    assert report.passages == 0


# -- writing: atomic, progress, errors --------------------------------------------------------

EXPORTS: list[Callable[..., ExportReport]] = [export_w3c, export_csv, export_markdown, export_html]


@pytest.mark.parametrize("export", EXPORTS, ids=lambda f: f.__name__)
def test_failure_mid_write_leaves_the_former_file(coded: Coded, tmp_path, export) -> None:
    target = tmp_path / "export.out"
    target.write_text("the former export", encoding="utf-8")
    partial: list[Path] = []

    def progress(done: int, total: int, label: str) -> None:
        if done == 1:  # the first document or section is written
            partial.extend(p for p in tmp_path.iterdir() if atomic.is_leftover(p.name, target.name))
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        export(coded.lib, target, progress=progress)
    assert partial  # it did fail in the middle of writing
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_text("utf-8") == "the former export"


@pytest.mark.parametrize("export", EXPORTS, ids=lambda f: f.__name__)
def test_disk_full_leaves_no_file(coded: Coded, tmp_path, monkeypatch, export) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(ExportError, match="disk is full"):
        export(coded.lib, tmp_path / "export.out")
    assert list(tmp_path.iterdir()) == []


def test_failed_replace_leaves_no_file(coded: Coded, tmp_path, monkeypatch) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(ExportError, match="open in another program"):
        export_csv(coded.lib, tmp_path / "codings.csv")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_an_export_error(coded: Coded, tmp_path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_w3c(coded.lib, tmp_path / "nowhere" / "a.jsonld")
    with pytest.raises(ExportError, match="is a folder"):
        export_w3c(coded.lib, tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_export_gets_ordinary_permissions(coded: Coded, tmp_path) -> None:
    export_markdown(coded.lib, tmp_path / "r.md")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "r.md").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("export", EXPORTS, ids=lambda f: f.__name__)
def test_progress_is_reported_to_the_end(coded: Coded, tmp_path, export) -> None:
    calls: list[tuple[int, int, str]] = []
    export(coded.lib, tmp_path / "export.out", progress=lambda *a: calls.append(a))
    done = [c[0] for c in calls]
    assert done == sorted(done) and len(calls) >= 2
    total = calls[-1][1]
    assert calls[-1] == (total, total, "") and all(c[1] == total for c in calls)
