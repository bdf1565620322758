"""PDF, Word and press exports imported into a library: an export's articles
each a document with its attributes, re-imports that neither duplicate nor
mix them up, and the author stored unless the user set it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from made_files import article_docx, article_pdf, rtf_of, scanned_pdf

from kzreader.cli import main
from kzreader.core.library import Library

PRESS = Path(__file__).resolve().parents[2] / "data" / "press"
PAGES = Path(__file__).resolve().parents[2] / "data" / "html"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "collecte"
    folder.mkdir()
    (folder / "secheresse.pdf").write_bytes(article_pdf())
    (folder / "eleveurs.docx").write_bytes(article_docx(title="Les éleveurs face à la sécheresse"))
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    shutil.copy(PRESS / "europresse_export.html", folder / "europresse.html")
    (folder / "factiva.rtf").write_bytes(rtf_of((PRESS / "factiva_fields.txt").read_text("utf-8")))
    return folder


def _by_number(library: Library, key: str) -> dict[str, int]:
    return {
        values[key]: doc_id
        for doc_id, values in library.document_attributes().items()
        if key in values
    }


def test_a_folder_of_pdf_word_and_exports(library: Library, files: Path) -> None:
    report = library.import_paths([files])
    shown = [(Path(r.path).name, r.status, r.part) for r in report.results]
    assert shown == [
        ("eleveurs.docx", "imported", None),
        ("europresse.html #1", "imported", 1),
        ("europresse.html #2", "imported", 2),
        ("europresse.html #3", "imported", 3),
        ("factiva.rtf #1", "imported", 1),
        ("factiva.rtf #2", "imported", 2),
        ("scan.pdf", "refused", None),
        ("secheresse.pdf", "imported", None),
    ]
    assert report.results[6].reason.startswith("has no text layer (a scan?): run OCR first")
    docs = {d.file_name: d for d in library.documents()}
    assert set(docs) == {
        "eleveurs.docx",
        "europresse.html #1",
        "europresse.html #2",
        "europresse.html #3",
        "factiva.rtf #1",
        "factiva.rtf #2",
        "secheresse.pdf",
    }
    monde = docs["europresse.html #2"]
    assert (monde.source, monde.published, monde.encoding) == (
        "Le Monde",
        "2022-01-12T14:32",
        "utf-8",
    )
    view = library.document(monde.id)
    assert view.attributes == {
        "database": "Europresse",
        "europresse_id": "news·20220112·LMF·6109000",
    }
    assert view.source_path == str((files / "europresse.html").resolve())
    assert library.document(docs["europresse.html #1"].id).attributes["author"] == "Claire Martin"
    guardian = library.document(docs["factiva.rtf #1"].id)
    assert guardian.info.language == "en" and guardian.info.source == "The Guardian"
    assert guardian.attributes["factiva_an"] == "GRDN000020220111ei1b0002p"
    assert guardian.attributes["author"] == "Anna Miller"
    assert library.document(docs["secheresse.pdf"].id).attributes == {"author": "Claire Martin"}
    assert library.search("puits").total == 3  # the PDF, the Word and the Europresse articles
    assert library.index_state() == "current"


def test_importing_the_same_export_again_changes_nothing(library: Library, files: Path) -> None:
    library.import_paths([files])
    before = {d.id: d for d in library.documents()}
    again = library.import_paths([files])
    assert [r.status for r in again.results if r.status != "refused"] == ["unchanged"] * 7
    assert {d.id: d for d in library.documents()} == before
    # the same articles in another export (Factiva's text, not its RTF): no duplicates
    shutil.copy(PRESS / "factiva_fields.txt", files / "factiva.txt")
    other = library.import_paths([files / "factiva.txt"])
    assert [r.status for r in other.results] == ["unchanged", "unchanged"]
    assert len(library.documents()) == 7


def test_a_changed_export_updates_its_articles_by_their_number(
    library: Library, files: Path
) -> None:
    export = files / "europresse.html"
    library.import_paths([export])
    numbers = _by_number(library, "europresse_id")
    drome = numbers["news·20220112·LMF·6109000"]
    passage = library.highlight(drome, quote="les éleveurs de la vallée")
    # the export saved again: the articles in another order, one text corrected
    html = export.read_text("utf-8")
    head, first, second, third = html.split("<article>")
    third, tail = third.rsplit("</article>", 1)
    second = second.replace("vendent leurs bêtes", "vendent leurs vaches")
    export.write_text(
        f"{head}<article>{second}<article>{first}<article>{third}</article>{tail}", "utf-8"
    )
    report = library.import_paths([export])
    assert [(r.part, r.status) for r in report.results] == [
        (1, "updated"),
        (2, "unchanged"),
        (3, "unchanged"),
    ]
    assert report.results[0].document_id == drome
    assert _by_number(library, "europresse_id") == numbers  # no new document
    assert "vendent leurs vaches" in library.document(drome).text
    assert library.passage(passage.id).exact == "les éleveurs de la vallée"
    assert library.document(drome).info.file_name == "europresse.html #1"  # its new place


def test_an_export_without_numbers_is_matched_by_place(library: Library, tmp_path: Path) -> None:
    export = tmp_path / "sans_numeros.html"
    html = (PRESS / "europresse_classic.html").read_text("utf-8")
    html = html.replace("news·20220107·LI·a1b2c3d4", "").replace("news·20220108·LC·e5f6a7b8", "")
    export.write_text(html, "utf-8")
    first = library.import_paths([export])
    assert [r.status for r in first.results] == ["imported", "imported"]
    assert "europresse_id" not in library.document(first.results[1].document_id).attributes
    export.write_text(html.replace("dans la nuit de jeudi", "dans la nuit du jeudi"), "utf-8")
    second = library.import_paths([export])
    assert [r.status for r in second.results] == ["unchanged", "updated"]
    assert second.results[1].document_id == first.results[1].document_id
    assert len(library.documents()) == 2


# -- the author -------------------------------------------------------------------------


def _byline_article(folder: Path, author: str, text: str = "") -> Path:
    path = folder / "article.txt"
    path.write_text(
        "La sécheresse gagne le Sud\n\n"
        f"Par {author}\n\n"
        "Les puits sont à sec depuis le mois de juin dans toute la vallée." + text + "\n",
        "utf-8",
    )
    return path


def test_the_author_is_stored_and_follows_the_file(library: Library, tmp_path: Path) -> None:
    path = _byline_article(tmp_path, "Claire Martin")
    (result,) = library.import_paths([path]).results
    assert library.document(result.document_id).attributes == {"author": "Claire Martin"}
    _byline_article(tmp_path, "Claire Martin-Dupuis")  # the byline corrected
    (again,) = library.import_paths([path]).results
    assert again.status == "updated"
    assert library.document(result.document_id).attributes == {"author": "Claire Martin-Dupuis"}
    page = library.import_paths([PAGES / "gazette_otsc_fr.html"]).results[0]
    assert library.document(page.document_id).attributes["author"] == "Claire Martin"


def test_an_author_set_by_hand_is_kept(library: Library, tmp_path: Path) -> None:
    path = _byline_article(tmp_path, "C. Martin")
    (result,) = library.import_paths([path]).results
    library.set_attribute(result.document_id, "author", "Claire Martin")
    _byline_article(tmp_path, "C. Martin", " Une phrase ajoutée.")
    (again,) = library.import_paths([path]).results
    assert again.status == "updated"
    assert library.document(result.document_id).attributes["author"] == "Claire Martin"
    # removed by hand: it stays removed
    library.edit_document(result.document_id, attributes={"author": None})
    _byline_article(tmp_path, "C. Martin", " Une autre phrase.")
    library.import_paths([path])
    assert "author" not in library.document(result.document_id).attributes


def test_an_author_set_before_authors_were_imported_is_kept(
    library: Library, tmp_path: Path
) -> None:
    path = _byline_article(tmp_path, "C. Martin")
    (result,) = library.import_paths([path]).results
    # as a library written before the import stored authors: an attribute
    # the user set by hand, and no sign of it
    library.close()
    conn = sqlite3.connect(library.db_path)
    with conn:
        conn.execute("DELETE FROM meta WHERE key = 'import_writes_authors'")
        conn.execute("UPDATE documents SET edited = NULL")
        conn.execute("UPDATE document_attributes SET value = 'Claire Martin' WHERE key = 'author'")
    conn.close()
    with Library.open(library.path) as reopened:
        _byline_article(tmp_path, "C. Martin", " Une phrase ajoutée.")
        (again,) = reopened.import_paths([path]).results
        assert again.status == "updated"
        assert reopened.document(result.document_id).attributes["author"] == "Claire Martin"


def test_undoing_a_reimport_puts_the_author_back(library: Library, tmp_path: Path) -> None:
    path = _byline_article(tmp_path, "Claire Martin")
    (result,) = library.import_paths([path]).results
    _byline_article(tmp_path, "Anna Müller")
    library.import_paths([path])
    assert library.document(result.document_id).attributes["author"] == "Anna Müller"
    library.undo()
    assert library.document(result.document_id).attributes["author"] == "Claire Martin"


# -- the command line ---------------------------------------------------------------------


def test_the_import_report_lists_each_article_of_an_export(
    capsys, tmp_path: Path, files: Path
) -> None:
    code = main(["--library", str(tmp_path / "lib"), "import", str(files)])
    out = capsys.readouterr().out
    assert code == 1  # the scan was refused
    assert "europresse.html #3" in out and "factiva.rtf #2" in out
    assert "(read as pdf)" in out
    assert "has no text layer (a scan?): run OCR first" in out
    assert out.rstrip().endswith(
        "5 file(s), 8 results (one per article of an export): 7 imported, 0 updated, 0 unchanged, "
        "1 refused"
    )
    code = main(["--library", str(tmp_path / "lib"), "show", "2"])
    shown = capsys.readouterr().out
    assert "europresse_id: news·20220111·LF·2022011100123" in shown
