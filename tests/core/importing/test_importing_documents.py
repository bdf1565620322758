"""PDF and Word articles: their text as paragraphs, their metadata, and clear
refusals of what cannot be read (a password, a scan, a damaged file)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from made_files import (
    DOCX_PARAGRAPHS,
    article_docx,
    article_pdf,
    encrypted_pdf,
    make_docx,
    make_pdf,
    owner_only_pdf,
    scanned_pdf,
    text_page,
    two_page_pdf,
)

from kzreader.core.errors import ImportRefused
from kzreader.core.importing import prepare_article, prepare_articles
from kzreader.core.importing.pdf import clean_author, clean_title, join_lines, read_pdf
from kzreader.core.importing.word import read_docx
from kzreader.core.messages import localize

ARTICLE_TEXT = (
    "Les agriculteurs du Sud face à la sécheresse\n\n"
    "Par Claire Martin, 11 janvier 2022\n\n"
    "Dans la vallée, les puits sont à sec depuis le mois de juin et les éleveurs vendent "
    "leurs bêtes faute de fourrage.\n\n"
    "La préfecture promet des aides exceptionnelles, mais le maire de Saint-Martin juge "
    "qu'elles arriveront trop tard pour la plupart des exploitations.\n"
)


def _refusal(data: bytes, name: str = "article.pdf") -> str:
    with pytest.raises(ImportRefused) as caught:
        prepare_article(data, name)
    return caught.value.reason


# -- PDF ---------------------------------------------------------------------------


def test_a_pdf_article_reads_as_paragraphs() -> None:
    article = prepare_article(article_pdf(), "secheresse.pdf")
    # lines joined, "exception-/nelles" joined again, "Saint-/Martin" keeps its
    # hyphen, the page number at the bottom left out
    assert article.text == ARTICLE_TEXT
    assert article.encoding == "pdf"
    assert article.title == "Les agriculteurs du Sud face à la sécheresse"
    assert article.author == "Claire Martin"  # the byline
    assert article.published == "2022-01-11"  # the byline's date
    assert article.language == "fr"


def test_a_pdf_title_from_its_metadata_unless_it_is_a_file_name() -> None:
    named = prepare_article(article_pdf({"Title": "Sécheresse dans le Sud"}), "a.pdf")
    assert named.title == "Sécheresse dans le Sud"
    word = prepare_article(article_pdf({"Title": "Microsoft Word - secheresse_v2.docx"}), "a.pdf")
    assert word.title == "Les agriculteurs du Sud face à la sécheresse"
    assert clean_title("Untitled") is None
    assert clean_title("rapport final.pdf") is None
    assert clean_title("Document1") is None


def test_a_pdf_author_and_date_from_its_metadata_when_the_text_has_none() -> None:
    pages = [text_page([["Un titre d'article sans signature"], ["Un paragraphe de texte."]])]
    info = {"Author": "Claire Martin", "CreationDate": "D:20220111093000+01'00'"}
    article = prepare_article(make_pdf(pages, info=info), "a.pdf")
    assert (article.author, article.published) == ("Claire Martin", "2022-01-11")
    account = prepare_article(make_pdf(pages, info={"Author": "Administrator"}), "a.pdf")
    assert account.author is None
    assert clean_author("Utilisateur Windows") is None
    assert clean_author("Anna Müller") == "Anna Müller"


def test_running_headers_and_page_numbers_are_left_out() -> None:
    article = prepare_article(two_page_pdf(), "rapport.pdf")
    assert article.text == (
        "Rapport sur la ressource en eau\n\n"
        "Le premier chapitre décrit l'état des nappes phréatiques au sortir d'un été "
        "particulièrement sec dans tout le bassin versant.\n\n"
        "Le second chapitre propose des mesures de restriction graduées selon le niveau des "
        "réserves constaté chaque semaine par les services.\n"
    )
    assert "Observatoire" not in article.text and "Page" not in article.text
    assert article.title == "Rapport sur la ressource en eau"  # not "Microsoft Word - …"


def test_a_paragraph_goes_on_over_a_page_break() -> None:
    first = text_page([["Le titre de l'article"], ["Le texte commence ici et se poursuit sur"]])
    second = text_page([["la page suivante sans interruption."], ["Un autre paragraphe."]])
    article = prepare_article(make_pdf([first, second]), "a.pdf")
    assert article.text == (
        "Le titre de l'article\n\n"
        "Le texte commence ici et se poursuit sur la page suivante sans interruption.\n\n"
        "Un autre paragraphe.\n"
    )


def test_indented_first_lines_and_font_sizes_begin_paragraphs() -> None:
    lines = [
        (72, 780, 18, "Un grand titre"),
        (72, 750, 11, "Le chapeau de l'article, en une seule ligne."),
        (90, 736, 11, "Premier paragraphe, dont la première ligne est en retrait et"),
        (72, 722, 11, "dont la suite revient à la marge."),
        (90, 708, 11, "Second paragraphe, en retrait lui aussi."),
    ]
    article = prepare_article(make_pdf([lines], compress=True), "a.pdf")
    assert article.text.split("\n\n") == [
        "Un grand titre",
        "Le chapeau de l'article, en une seule ligne.",
        "Premier paragraphe, dont la première ligne est en retrait et dont la suite revient "
        "à la marge.",
        "Second paragraphe, en retrait lui aussi.\n",
    ]


def test_hyphens_at_line_ends() -> None:
    assert join_lines(["les aides exception-", "nelles"]) == "les aides exceptionnelles"
    assert join_lines(["le maire de Saint-", "Martin"]) == "le maire de Saint-Martin"
    assert join_lines(["un mot cou\u00ad", "pé"]) == "un mot coupé"
    assert join_lines(["de 2021 -", "2022"]) == "de 2021 - 2022"  # a dash, not a hyphen
    assert join_lines(["une ligne", "et la suivante"]) == "une ligne et la suivante"


def test_a_pdf_with_an_owner_password_only_is_read() -> None:
    assert prepare_article(owner_only_pdf(), "a.pdf").text == ARTICLE_TEXT


def test_a_pdf_protected_by_a_password_is_refused() -> None:
    reason = _refusal(encrypted_pdf())
    assert reason.startswith("is a PDF protected by a password: open it in a PDF reader")
    assert localize(reason, "fr").startswith("est un PDF protégé par un mot de passe")


def test_a_scanned_pdf_is_refused_with_the_advice_to_run_ocr() -> None:
    reason = _refusal(scanned_pdf(), "scan.pdf")
    assert reason.startswith("has no text layer (a scan?): run OCR first")
    assert localize(reason, "fr").startswith("n’a pas de couche texte (un document numérisé")
    only_numbers = make_pdf([text_page([["12"], ["2022 — 3"]])])
    assert _refusal(only_numbers).startswith("has no text layer")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        article_pdf()[:400],
        article_pdf()[:-60],
    ],
    ids=["header", "no pages", "cut short", "no trailer"],
)
def test_a_damaged_pdf_is_refused_or_read(data: bytes) -> None:
    try:
        article = prepare_article(data, "a.pdf")
    except ImportRefused as exc:
        assert "PDF" in exc.reason
        assert not exc.reason.startswith("kzreader could not prepare")
    else:  # pypdf recovers what it can: then the article is whole
        assert article.text == ARTICLE_TEXT


def test_a_damaged_pdf_says_so_in_french() -> None:
    reason = _refusal(b"%PDF-1.4 garbage")
    assert reason.startswith("is a damaged or incomplete PDF (")
    assert localize(reason, "fr").startswith("est un PDF endommagé ou incomplet (")


def test_read_pdf_gives_the_metadata_apart() -> None:
    info = {"Title": "Un titre", "Author": "Claire Martin", "CreationDate": "D:2022011109"}
    found = read_pdf(article_pdf(info))
    assert (found.title, found.author, found.published) == (
        "Un titre",
        "Claire Martin",
        "2022-01-11",
    )


# -- Word ---------------------------------------------------------------------------


def test_a_word_article_reads_as_paragraphs_with_its_properties() -> None:
    data = article_docx(title="Les éleveurs face à la sécheresse", author="Claire Martin")
    article = prepare_article(data, "eleveurs.docx")
    assert article.text == "\n\n".join(text for text, _ in DOCX_PARAGRAPHS) + "\n"
    assert article.encoding == "docx"
    assert article.title == "Les éleveurs face à la sécheresse"  # the properties' title
    assert article.author == "Claire Martin"
    assert article.language == "fr"
    assert prepare_articles(data, "eleveurs.docx") == [article]


def test_a_word_title_is_the_first_heading_without_a_title_property() -> None:
    article = prepare_article(article_docx(), "eleveurs.docx")
    assert article.title == "Sécheresse : les éleveurs vendent leurs troupeaux"
    assert article.author == "Claire Martin"  # "Par Claire Martin": the byline
    assert article.published is None  # python-docx's template date is no publication date


def test_a_word_date_from_the_text_then_from_the_properties() -> None:
    dated = [("Un titre", "Title"), ("Publié le 14 janvier 2022", None), ("Le texte.", None)]
    article = prepare_article(make_docx(dated, created="2022-02-01"), "a.docx")
    assert article.published == "2022-01-14"
    undated = [("Un titre", "Title"), ("Le texte de l'article, sans date.", None)]
    assert prepare_article(make_docx(undated, created="2022-02-01"), "a.docx").published == (
        "2022-02-01"
    )
    account = make_docx(undated, author="Administrator")
    assert prepare_article(account, "a.docx").author is None


def test_word_tables_and_line_breaks_are_kept() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Un titre de tableau", style="Title")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Almaty"
    table.cell(0, 1).text = "Astana"
    paragraph = document.add_paragraph("Première ligne")
    paragraph.add_run().add_break()
    paragraph.add_run("seconde ligne")
    out = io.BytesIO()
    document.save(out)
    found = read_docx(out.getvalue())
    assert found.text == (
        "Un titre de tableau\n\nAlmaty\n\nAstana\n\nPremière ligne\nseconde ligne\n"
    )


def test_a_damaged_word_document_is_refused() -> None:
    data = article_docx()
    cut = _refusal(data[: len(data) // 2], "a.docx")
    assert cut.startswith("is a damaged or incomplete Word document (")
    assert localize(cut, "fr").startswith("est un document Word endommagé ou incomplet (")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>pas du XML")
    assert _refusal(out.getvalue(), "a.docx").startswith("is a damaged or incomplete Word")


def test_an_empty_word_document_is_refused() -> None:
    reason = _refusal(make_docx([]), "vide.docx")
    assert reason.startswith("contains no readable text")


def test_a_password_protected_office_document_is_refused() -> None:
    container = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    encrypted = container + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    reason = _refusal(encrypted, "protege.docx")
    assert reason.startswith("is an Office document protected by a password")
    assert localize(reason, "fr").startswith("est un document Office protégé par un mot de passe")
    # an old Word file is still refused as one
    assert "Microsoft Office 97-2003" in _refusal(container, "ancien.doc")


# -- damaged files of every new kind ---------------------------------------------------

_PRESS = Path(__file__).resolve().parents[2] / "data" / "press"
_SOUND = [
    article_pdf(),
    make_pdf([text_page([["Un titre"], ["Un paragraphe de texte."]])], compress=True),
    article_docx(),
    *(path.read_bytes() for path in sorted(_PRESS.iterdir())),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_SOUND),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255), st.integers(0, 60)), max_size=12),
)
def test_damaged_documents_and_exports_give_articles_or_a_reason(
    sound: bytes, edits: list[tuple[float, int, int]]
) -> None:
    data = bytearray(sound)
    for where, value, length in edits:
        at = int(where * (len(data) - 1))
        if length % 3 == 0:
            data[at] = value
        elif length % 3 == 1:
            del data[at : at + length]
        else:
            data[at:at] = bytes([value]) * length
    try:
        articles = prepare_articles(bytes(data), "fichier")
    except ImportRefused as exc:
        assert exc.reason and not exc.reason.startswith("kzreader could not prepare")
    else:
        assert articles and all(a.text.strip() and a.title for a in articles)
