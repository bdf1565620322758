"""The file an extracted article came from is kept in the library: a saved
web page, a Word document, a press export (once for all its articles); read
again from the kept copy when the file has gone; given back by the CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from tests_support import run_cli

from kzreader.core import originals
from kzreader.core.library import Library
from kzreader.core.models import Document

DATA = Path(__file__).resolve().parents[1] / "data"

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Almaty : la mission se retire – Le Courrier des Steppes</title>
<meta property="og:site_name" content="Le Courrier des Steppes">
<meta property="article:published_time" content="2022-01-13T09:30:00+06:00">
<script>window.dataLayer = [];</script></head>
<body><nav><a href="/">Accueil</a></nav>
<article><h1>Almaty : la mission se retire</h1>
<p>Les derniers soldats de la mission ont quitté Almaty jeudi matin, a annoncé le
commandement, après une semaine de patrouilles dans les rues de la ville.</p>
<p>Selon les autorités, les aéroports et les centrales électriques sont de nouveau
gardés par les forces kazakhes, et la vie reprend son cours dans la capitale.</p>
</article><footer>© Le Courrier des Steppes</footer></body></html>
"""


def stored_original(lib: Library, document_id: int) -> str | None:
    with lib.store.session() as s:
        return s.get(Document, document_id).original


def kept_files(lib: Library) -> list[Path]:
    return sorted((lib.path / originals.ORIGINALS_DIR).glob("*.gz"))


def test_a_saved_page_is_kept_and_plain_text_is_not(library: Library, tmp_path: Path) -> None:
    page = tmp_path / "almaty.html"
    page.write_text(PAGE, "utf-8")
    text = tmp_path / "note.txt"
    text.write_text("Une dépêche en texte brut sur la mission au Kazakhstan.\n", "utf-8")
    report = library.import_paths([page, text])
    by_name = {Path(r.path).name: r.document_id for r in report.results}
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    assert stored_original(library, by_name["almaty.html"]) == digest
    assert library.original(by_name["almaty.html"]) == page.read_bytes()
    assert [p.name for p in kept_files(library)] == [f"{digest}.gz"]
    assert stored_original(library, by_name["note.txt"]) is None
    assert library.original(by_name["note.txt"]) is None


def test_an_exports_articles_share_one_kept_file(library: Library) -> None:
    export = DATA / "press" / "europresse_export.html"
    report = library.import_paths([export])
    ids = [r.document_id for r in report.results if r.status == "imported"]
    assert len(ids) >= 2
    assert {stored_original(library, i) for i in ids} == {
        hashlib.sha256(export.read_bytes()).hexdigest()
    }
    assert len(kept_files(library)) == 1
    library.import_paths([export])  # unchanged: nothing kept twice
    assert len(kept_files(library)) == 1


def test_a_page_gone_from_its_place_is_read_again_from_the_kept_copy(
    library: Library, tmp_path: Path
) -> None:
    page = tmp_path / "almaty.html"
    page.write_text(PAGE, "utf-8")
    (result,) = library.import_paths([page]).results
    doc = result.document_id
    passage = library.highlight(doc, quote="derniers soldats")
    before = library.document(doc)
    page.unlink()
    again = library.redecode(doc, "utf-8")
    assert again.status == "unchanged" and again.document_id == doc
    assert again.path == str(page.resolve())
    # the same text read from the copy, in the same document, at the same path
    after = library.document(doc)
    assert after.text == before.text
    assert after.source_path == before.source_path == str(page.resolve())
    assert library.passage(passage.id).status == "exact"
    # a copy gone too: said plainly
    for kept in kept_files(library):
        kept.unlink()
    gone = library.redecode(doc, "utf-8")
    assert gone.status == "refused" and "no longer there" in (gone.reason or "")


def test_a_damaged_copy_is_not_given_back(library: Library, tmp_path: Path) -> None:
    page = tmp_path / "almaty.html"
    page.write_text(PAGE, "utf-8")
    (result,) = library.import_paths([page]).results
    (kept,) = kept_files(library)
    kept.write_bytes(kept.read_bytes()[:-12])
    assert library.original(result.document_id) is None


def test_the_command_line_gives_the_original_back(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "almaty.html"
    page.write_text(PAGE, "utf-8")
    text = tmp_path / "note.txt"
    text.write_text("Une dépêche en texte brut sur la mission au Kazakhstan.\n", "utf-8")
    report = library.import_paths([page, text])
    ids = {Path(r.path).name: r.document_id for r in report.results}
    path = library.path
    library.close()
    out = tmp_path / "rendu.html"
    code, stdout, _ = run_cli(capsys, path, "original", str(ids["almaty.html"]), "--out", str(out))
    assert code == 0 and out.read_bytes() == page.read_bytes()
    assert "almaty.html" in stdout
    code, _, err = run_cli(capsys, path, "original", str(ids["note.txt"]))
    assert code == 1 and "no kept original" in err
    inside = path / "copie.html"  # never into the library's folder
    code, _, err = run_cli(capsys, path, "original", str(ids["almaty.html"]), "--out", str(inside))
    assert code != 0 and not inside.exists()


def test_a_library_that_cannot_keep_the_copy_still_imports(
    library: Library, tmp_path: Path
) -> None:
    (library.path / originals.ORIGINALS_DIR).write_text("not a folder")
    page = tmp_path / "almaty.html"
    page.write_text(PAGE, "utf-8")
    (result,) = library.import_paths([page]).results
    assert result.status == "imported"
    assert stored_original(library, result.document_id) is None
