"""Reports in the interface's language, and notes rendered from Markdown in
the HTML report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kzreader.cli import main
from kzreader.core.errors import KzreaderError
from kzreader.core.exchange.reports import _RELATIONS, export_html, export_markdown
from kzreader.core.library import Library
from kzreader.core.passages import RELATIONS

NBSP = "\u00a0"
#: The report's own English words: none may be left in a French report.
ENGLISH = (
    "Contents",
    "Untagged passages",
    "Coded passages",
    "Exported from",
    "tags:",
    " in <cite>",
    " in *",
    "this passage",
    "repeats",
    "Outlet",
    "Address",
    "Language",
    "Document id",
    "Characters ",
    "No passages.",
    "Links:",
    "moved since",
    " passages in ",
    " documents",
)

SCRIPT_NOTE = (
    "Un **point** clé :\n\n"
    "- premier\n"
    "- second\n\n"
    "<script>alert('x')</script>\n\n"
    "[piège](javascript:alert(1)) et [source](https://example.org/a)"
)


@pytest.fixture
def coded(seeded: Library, seed_ids: dict[str, int]) -> Library:
    """Tagged and untagged passages, notes, a link, an attribute, and a
    document without passages."""
    lib = seeded
    a = lib.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas", tags=["Acteurs/OTSC"])
    b = lib.highlight(
        seed_ids["rt_zas"],
        quote="Stanislav Zas",
        tags=["Acteurs/OTSC", "Cadrage/Légitimité"],
        note=SCRIPT_NOTE,
    )
    lib.highlight(seed_ids["sputnik_contingent"], quote="contingent", note="Sans code")
    lib.link(b.id, a.id, "repeats", note="même *déclaration*")
    lib.set_attribute(seed_ids["rt_zas"], "dossier", "OTSC")
    return lib


def _html(lib: Library, tmp_path: Path, language: str, by: str = "tag") -> str:
    out = tmp_path / f"report-{by}-{language}.html"
    export_html(lib, out, by=by, language=language)
    return out.read_text("utf-8")


def _markdown(lib: Library, tmp_path: Path, language: str, by: str = "tag") -> str:
    out = tmp_path / f"report-{by}-{language}.md"
    export_markdown(lib, out, by=by, language=language)
    return out.read_text("utf-8")


def _report_words(html: str) -> str:
    """The report's own text: the page without its style, the library's
    titles, quotations, notes and tags."""
    text = re.sub(r"<style>.*?</style>", "", html, flags=re.DOTALL)
    text = re.sub(r"<blockquote[^>]*>.*?</blockquote>", "", text, flags=re.DOTALL)
    text = re.sub(r'<div class="note">.*?</div>', "", text, flags=re.DOTALL)
    text = re.sub(r"<(cite|h2|title|h1)>.*?</\1>", r"<\1>", text, flags=re.DOTALL)
    return text


def test_a_french_html_report_by_tag(coded: Library, tmp_path: Path) -> None:
    html = _html(coded, tmp_path, "fr")
    assert '<html lang="fr">' in html
    assert '<nav class="toc" aria-label="Sommaire"><h2>Sommaire</h2>' in html
    assert "<title>Passages codés par étiquette</title>" in html
    assert "<h2>Passages sans étiquette</h2>" in html
    assert '<a href="#untagged">Passages sans étiquette</a>' in html
    assert re.search(
        rf"Exporté de kzreader \S+ le \d{{4}}-\d\d-\d\d \d\d:\d\d UTC{NBSP}: "
        rf"3 passages dans 3 articles\.",
        html,
    )
    assert f'étiquettes{NBSP}: <span class="tag">Acteurs/OTSC</span>' in html
    assert f'<strong>reprend</strong> → <a href="#p-1">«{NBSP}Stanislav Zas{NBSP}»</a> dans' in html
    assert "<strong>reprend</strong> → ce passage" in html
    words = _report_words(html)
    assert [w for w in ENGLISH if w in words] == []


def test_a_french_html_report_by_document(coded: Library, tmp_path: Path) -> None:
    html = _html(coded, tmp_path, "fr", by="document")
    assert '<html lang="fr">' in html
    assert "<title>Passages codés par article</title>" in html
    for label in ("Média", "Date", "Adresse", "Langue", "Identifiant de l’article", "dossier"):
        assert f"<dt>{label}</dt>" in html
    assert '<p class="empty">Aucun passage.</p>' in html  # a document left uncoded
    assert "Caractères " in html
    assert "3 passages dans 5 articles" in html
    words = _report_words(html)
    assert [w for w in ENGLISH if w in words] == []


def test_a_french_markdown_report(coded: Library, tmp_path: Path) -> None:
    by_tag = _markdown(coded, tmp_path, "fr")
    assert by_tag.startswith("# Passages codés par étiquette\n\n*Exporté de kzreader")
    assert "\n## Passages sans étiquette\n" in by_tag
    assert f"**Note{NBSP}:**\n\n" in by_tag
    assert f"Liens{NBSP}:\n\n- reprend → «{NBSP}Stanislav Zas{NBSP}» dans *" in by_tag
    by_document = _markdown(coded, tmp_path, "fr", by="document")
    assert f"- Média{NBSP}: RT\n" in by_document
    assert f"- dossier{NBSP}: OTSC\n" in by_document
    assert "\n1 passage.\n" in by_document and "\n0 passage.\n" in by_document
    assert "Caractères " in by_document
    for text in (by_tag, by_document):
        words = re.sub(r"^>.*$", "", text, flags=re.MULTILINE)  # the quotations
        assert [
            w for w in ("Contents", "Untagged", "Exported", "Links:", "tags:") if w in words
        ] == []


def test_english_is_the_default_and_unchanged(coded: Library, tmp_path: Path) -> None:
    default = tmp_path / "default.html"
    export_html(coded, default)
    html = _html(coded, tmp_path, "en")
    stamp = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")
    assert stamp.sub("", default.read_text("utf-8")) == stamp.sub("", html)
    assert '<html lang="en">' in html
    assert '<nav class="toc" aria-label="Contents"><h2>Contents</h2>' in html
    assert "<h2>Untagged passages</h2>" in html
    assert "3 passages in 3 documents." in html
    assert "<strong>repeats</strong> → this passage" in html
    markdown = _markdown(coded, tmp_path, "en", by="document")
    assert "\n0 passages.\n" in markdown and "\n1 passage.\n" in markdown
    assert "- Outlet: RT\n" in markdown


def test_an_unknown_language_is_refused(coded: Library, tmp_path: Path) -> None:
    with pytest.raises(KzreaderError, match="'en' or 'fr', not 'de'"):
        export_html(coded, tmp_path / "x.html", language="de")
    assert not (tmp_path / "x.html").exists()


def test_every_relation_is_translated() -> None:
    assert set(_RELATIONS) == set(RELATIONS)


# -- notes ---------------------------------------------------------------------------


def _note_of(html: str, start: str) -> str:
    at = html.index(f'<div class="note"><span class="label">Note</span>{start}')
    return html[at : html.index("</div>", at)]


def test_an_html_note_is_rendered_from_markdown_and_safe(coded: Library, tmp_path: Path) -> None:
    html = _html(coded, tmp_path, "en")
    note = _note_of(html, "<p>Un")
    assert "<strong>point</strong>" in note
    assert "<ul>\n<li>premier</li>\n<li>second</li>\n</ul>" in note
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in note
    assert "<script" not in html
    assert "[piège](javascript:alert(1))" in note  # shown as text, not as a link
    assert 'href="javascript' not in html
    assert '<a href="https://example.org/a">source</a>' in note
    assert "<p>même <em>déclaration</em></p>" in html  # a link's note too
    assert "white-space: pre-wrap; border-left" not in html  # the note is no longer raw text


def test_a_markdown_note_stays_as_written(coded: Library, tmp_path: Path) -> None:
    markdown = _markdown(coded, tmp_path, "fr")
    assert "Un **point** clé :\n\n- premier\n- second\n\n<script>alert('x')</script>" in markdown
    assert "[piège](javascript:alert(1))" in markdown


# -- through the library and the command line ---------------------------------------------


def test_library_export_passes_the_language(coded: Library, tmp_path: Path) -> None:
    out = tmp_path / "lib.html"
    coded.export("html", out, language="fr")
    assert '<html lang="fr">' in out.read_text("utf-8")
    coded.export("csv", tmp_path / "lib.csv", language="fr")  # other formats: no words


def test_the_command_line_writes_a_french_report(coded: Library, tmp_path: Path, capsys) -> None:
    path = str(coded.path)
    coded.close()
    out = tmp_path / "cli.md"
    assert main(["--library", path, "export", "md", str(out), "--language", "fr"]) == 0
    assert out.read_text("utf-8").startswith("# Passages codés par étiquette")
    english = tmp_path / "cli-en.html"
    assert main(["--library", path, "export", "html", str(english)]) == 0
    assert '<html lang="en">' in english.read_text("utf-8")
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--library", path, "export", "html", str(english), "--language", "de"])
