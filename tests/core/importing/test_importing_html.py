"""Saved web pages: main text and metadata extracted, folders reported in full."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests_support import cli

from kzreader.core.errors import ImportRefused
from kzreader.core.importer import collect_files
from kzreader.core.importing import prepare_article
from kzreader.core.importing.webpage import looks_like_html
from kzreader.core.library import Library

PAGES = Path(__file__).resolve().parents[2] / "data" / "html"

EXPECTED = {
    "gazette_otsc_fr.html": {
        "title": "Kazakhstan : l’OTSC annonce le retrait de ses troupes",
        "source": "La Gazette des Steppes",
        "published": "2022-01-13T09:30:00+01:00",
        "url": "https://www.gazette-steppes.fr/monde/2022/01/13/kazakhstan-otsc-retrait_4521.html",
        "language": "fr",
        "author": "Claire Martin",
        "encoding": "utf-8",
    },
    "vestnik_odkb_ru.html": {
        "title": "ОДКБ завершила миссию в Казахстане",
        "source": "Вечерний Вестник",
        "published": "2022-01-13T13:43",
        "url": "https://vestnik-vecher.example.ru/world/odkb-missiya-zavershena",
        "language": "ru",
        "encoding": "cp1251",
    },
    "alpine_herald_saved.txt": {
        "title": "Swiss glaciers lost a record share of their ice",
        "source": "The Alpine Herald",
        "published": "2023-03-14",
        "url": "https://www.alpineherald.example.com/news/2023/glacier-retreat-record",
        "language": "en",
        "author": "Anna Müller",
    },
    "jarshy_kk.html": {
        "title": "ҰҚШҰ бітімгершілік күштері Қазақстаннан шығарылды",
        "source": "Дала Жаршысы",
        "published": "2022-01-19",
        "language": "kk",
    },
}
# What a page holds around its article, that its text must not.
CHROME = (
    "<",
    "dataLayer",
    "font-family",
    "function",
    "Accepter",
    "S’abonner",
    "Les plus lus",
    "Mentions légales",
    "Tous droits réservés",
    "Главная",
    "Реклама",
    "Все права защищены",
    "Subscribe",
    "All rights reserved",
    "Басты бет",
)


def prepare(name: str):  # type: ignore[no-untyped-def]
    path = PAGES / name
    return prepare_article(path.read_bytes(), path.name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(name: str) -> None:
    article = prepare(name)
    got = {field: getattr(article, field) for field in EXPECTED[name]}
    assert got == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_is_the_article_only(name: str) -> None:
    article = prepare(name)
    assert article.text.startswith(str(EXPECTED[name]["title"]) + "\n")
    for chrome in CHROME:
        assert chrome not in article.text, chrome
    paragraphs = [line for line in article.text.split("\n") if len(line) > 60]
    assert len(paragraphs) >= 3


def test_paragraphs_are_kept_in_order() -> None:
    text = prepare("gazette_otsc_fr.html").text
    first = text.index("Le secrétaire général de l’Organisation du traité")
    last = text.index("Les troupes russes, qui constituaient")
    assert first < text.index("Selon les autorités kazakhes") < last


def test_read_also_links_are_not_content() -> None:
    article = prepare("alpine_herald_saved.txt")
    read_more = article.text.index("Read more:")
    assert any(start <= read_more < end for start, end in article.boilerplate)
    french = prepare("gazette_otsc_fr.html")
    spans = [french.text[start:end] for start, end in french.boilerplate]
    assert all("Lire aussi" in span for span in spans) or "Lire aussi" not in french.text


def test_html_is_recognised_whatever_the_extension() -> None:
    html = (PAGES / "alpine_herald_saved.txt").read_text("utf-8")
    assert looks_like_html(html, "page.txt")
    assert looks_like_html("\ufeff  <!doctype html><html><body></body></html>")
    assert looks_like_html("<p>Un paragraphe.</p>", "page.htm")
    assert not looks_like_html("<p>Un paragraphe.</p>", "notes.txt")
    assert not looks_like_html("Le président a dit que <html> est une balise.", "a.txt")


def test_plain_text_is_not_extracted() -> None:
    text = "Un titre d’article\n\nUn paragraphe qui cite <b>du HTML</b> sans en être.\n"
    article = prepare_article(text.encode(), "notes.txt")
    assert article.text == text


def test_page_without_article_is_refused() -> None:
    page = b"<!DOCTYPE html><html><head><title>x</title><script>var a;</script></head></html>"
    with pytest.raises(ImportRefused, match="no article text"):
        prepare_article(page, "empty.html")


def test_folder_of_pages_is_imported(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(PAGES, folder)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    report = library.import_paths([folder])
    statuses = {Path(r.path).name: r.status for r in report.results}
    assert statuses == {
        "gazette_otsc_fr.html": "imported",
        "vestnik_odkb_ru.html": "imported",
        "jarshy_kk.html": "imported",
        "alpine_herald_saved.txt": "imported",
        "photo.jpg": "refused",
    }
    (skipped,) = report.refused
    assert skipped.reason is not None
    assert skipped.reason.startswith("skipped: a .jpg file is not an article")
    docs = {d.file_name: d for d in library.documents()}
    assert docs["vestnik_odkb_ru.html"].language == "ru"
    assert docs["gazette_otsc_fr.html"].source == "La Gazette des Steppes"


def test_kazakh_is_searchable_by_language(library: Library, tmp_path: Path) -> None:
    library.import_paths([PAGES])
    hits = library.search("lang:kk бітімгершілік").hits
    assert [h.language for h in hits] == ["kk"]
    assert library.search("lang:kk ОДКБ").hits == []
    assert [h.language for h in library.search("lang:ru миротворцы").hits] == ["ru"]


def test_folder_without_articles_is_reported(tmp_path: Path) -> None:
    (tmp_path / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0 JFIF")
    files, refused = collect_files([tmp_path])
    assert files == []
    assert [Path(r.path).name for r in refused] == ["scan.jpg", tmp_path.name]
    assert refused[-1].reason is not None and "holds no articles" in refused[-1].reason
    empty = tmp_path / "empty"
    empty.mkdir()
    files, refused = collect_files([empty])
    assert files == [] and [r.path for r in refused] == [str(empty)]


def test_cli_exit_status_when_nothing_is_imported(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0 JFIF")
    done = cli("import", str(folder), library=tmp_path / "lib")
    assert done.returncode == 1
    assert "scan.jpg" in done.stdout and "skipped" in done.stdout
    assert "holds no articles" in done.stdout
    pages = tmp_path / "pages"
    shutil.copytree(PAGES, pages)
    done = cli("import", str(pages), library=tmp_path / "lib")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 imported" in done.stdout


def test_a_file_named_twice_or_also_in_a_folder_named_is_imported_once(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.txt", "sub/c.md"):
        (folder / name).write_text("Un texte.", "utf-8")
    explicit = folder / "a.txt"
    files, refused = collect_files([explicit, folder, folder, explicit])
    assert files == [explicit, folder / "b.txt", folder / "sub" / "c.md"] and refused == []
