"""Press database exports (Europresse, Factiva) split into their articles,
each with its outlet, date, title, author, language and document number."""

from __future__ import annotations

from pathlib import Path

import pytest
from made_files import rtf_of

from kzreader.core.errors import ImportRefused
from kzreader.core.importing import prepare_article, prepare_articles
from kzreader.core.importing.press import looks_like_export, split_export
from kzreader.core.importing.rtf import rtf_text

PRESS = Path(__file__).resolve().parents[2] / "data" / "press"


def _articles(name: str, data: bytes | None = None) -> list:
    return prepare_articles(data if data is not None else (PRESS / name).read_bytes(), name)


def _facts(article) -> tuple:
    return (
        article.part,
        article.title,
        article.source,
        article.published,
        article.author,
        article.language,
        dict(article.attributes),
    )


def test_a_europresse_export_gives_its_articles() -> None:
    articles = _articles("europresse_export.html")
    assert [_facts(a) for a in articles] == [
        (
            1,
            "Sécheresse : le gouvernement promet un plan pour l'eau",
            "Le Figaro",  # "Le Figaro, no. 24050": the issue left out
            "2022-01-11",
            "Claire Martin",
            "fr",
            {"database": "Europresse", "europresse_id": "news·20220111·LF·2022011100123"},
        ),
        (
            2,
            "Dans la vallée de la Drôme, les puits sont à sec",
            "Le Monde",  # "Le Monde (site web)"
            "2022-01-12T14:32",
            None,
            "fr",
            {"database": "Europresse", "europresse_id": "news·20220112·LMF·6109000"},
        ),
        (
            3,
            "Les nappes phréatiques au plus bas",
            "Ouest-France",
            "2022-01-13",
            "Yann Le Goff",  # "Par Yann Le Goff"
            "fr",
            {"database": "Europresse", "europresse_id": "news·20220113·OF·7740231"},
        ),
    ]
    assert all(a.identifier == "europresse_id" and a.encoding == "utf-8" for a in articles)
    assert articles[0].text == (
        "Sécheresse : le gouvernement promet un plan pour l'eau\n\n"
        "Le ministre de l'Agriculture a présenté lundi un plan de 300 millions d'euros destiné "
        "aux exploitations les plus touchées par la sécheresse de l'été.\n\n"
        "Les syndicats agricoles jugent l'enveloppe insuffisante et réclament des mesures sur le "
        "partage de l'eau entre les usages.\n"
    )
    # the subtitle follows the title; the copyright line and the number are left out
    assert articles[2].text.startswith(
        "Les nappes phréatiques au plus bas\n\nLe niveau des réserves inquiète"
    )
    assert not any("©" in a.text or "news·" in a.text for a in articles)
    # the web article's address, from its "Cet article est paru dans" link
    assert articles[1].url.startswith("https://www.lemonde.fr/planete/article/2022/01/12/")
    assert "Cet article est paru" not in articles[1].text


def test_an_older_europresse_export_gives_its_articles() -> None:
    articles = _articles("europresse_classic.html")
    assert [_facts(a)[:5] for a in articles] == [
        (1, "Au Kazakhstan, la colère gagne Almaty", "Libération", "2022-01-07", "Veronika Dorman"),
        (2, "Les troupes de l'OTSC arrivent à Almaty", "La Croix", "2022-01-08", None),
    ]
    assert articles[0].text == (
        "Au Kazakhstan, la colère gagne Almaty\n\n"
        "Les manifestations contre la hausse du prix du gaz ont gagné la capitale économique du "
        "pays.\n\nLe gouvernement a démissionné dans la nuit.\n"
    )
    assert dict(articles[1].attributes)["europresse_id"] == "news·20220108·LC·e5f6a7b8"


def test_a_factiva_html_export_gives_its_articles() -> None:
    articles = _articles("factiva_export.html")
    assert [_facts(a) for a in articles] == [
        (
            1,
            "Le Kazakhstan rétablit l'accès à Internet",
            "Le Monde",
            "2022-01-11",
            "Isabelle Mandraud",
            "fr",
            {"database": "Factiva", "factiva_an": "LEMOND0020220111ei1b0000x"},
        ),
        (
            2,
            "Kazakhstan restores internet access after unrest",
            "Reuters",  # "Reuters News"
            "2022-01-11T09:15",  # PD and ET
            None,
            "en",
            {"database": "Factiva", "factiva_an": "LBA0000020220111ei1b00abc"},
        ),
    ]
    # the lead paragraphs (LP), then the text (TD); the indexing fields left out
    assert articles[0].text == (
        "Le Kazakhstan rétablit l'accès à Internet\n\n"
        "Après cinq jours de coupure, les habitants d'Almaty ont retrouvé lundi l'accès à "
        "Internet.\n\nLes banques ont rouvert leurs agences.\n\n"
        "Le président Tokaïev a annoncé le retrait progressif des troupes de l'OTSC.\n\n"
        "Le bilan officiel fait état de 164 morts.\n"
    )


FACTIVA_FIRST = (
    1,
    "Drought: farmers sell their herds as wells run dry",
    "The Guardian",
    "2022-01-11",
    "Anna Miller",
    "en",
    {"database": "Factiva", "factiva_an": "GRDN000020220111ei1b0002p"},
)


def test_a_factiva_text_export_with_field_codes() -> None:
    articles = _articles("factiva_fields.txt")
    assert [_facts(a) for a in articles] == [
        FACTIVA_FIRST,
        (
            2,
            "Les nappes phréatiques au plus bas en Bretagne",
            "Ouest-France",
            "2022-01-13T07:30",
            None,
            "fr",
            {"database": "Factiva", "factiva_an": "OUESTF0020220113ei1d0003k"},
        ),
    ]
    assert articles[0].text.endswith(
        "Farm unions say the money will come too late for most of them.\n\n"
        '"We have never seen anything like it," said a walnut grower who lost half of his '
        "crop.\n"
    )
    assert "gclimt" not in articles[0].text and "Document" not in articles[0].text


def test_a_factiva_export_in_the_article_layout() -> None:
    articles = _articles("factiva_article_layout.txt")
    assert _facts(articles[0]) == FACTIVA_FIRST
    assert _facts(articles[1])[:6] == (
        2,
        "Water restrictions extended to three departments",
        "Reuters",
        "2022-01-13",
        None,
        "en",
    )
    # the page footers between the paragraphs are left out
    assert "Page 1 of 2" not in articles[0].text and "Factiva" not in articles[0].text
    assert articles[0].text.endswith(
        "The ministry has promised 300 million euros in aid.\n\n"
        "Farm unions say the money will come too late for most of them.\n"
    )


def test_a_factiva_rtf_export() -> None:
    text = (PRESS / "factiva_fields.txt").read_text("utf-8")
    data = rtf_of(text)
    assert rtf_text(data.decode("ascii")) == text
    articles = _articles("factiva.rtf", data)
    assert [_facts(a) for a in articles] == [_facts(a) for a in _articles("factiva_fields.txt")]
    assert {a.encoding for a in articles} == {"rtf"}
    # the same articles as the text export: the same texts, so no duplicates
    assert [a.content_hash for a in articles] == [
        a.content_hash for a in _articles("factiva_fields.txt")
    ]


def test_an_rtf_that_is_no_export_is_still_refused() -> None:
    with pytest.raises(ImportRefused) as caught:
        prepare_articles(rtf_of("Un simple texte, pas un export de presse."), "note.rtf")
    assert caught.value.reason.startswith("looks like an RTF document, not a plain-text article")


def test_rtf_escapes_and_destinations() -> None:
    source = (
        "{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0 Times;}}{\\info{\\title Secret}}"
        "{\\*\\expandedcolortbl;;}\\pard \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2, "
        "\\u1178?\\u1201?\\line caf\\u233e\\tab \\ldblquote ok\\rdblquote\\par "
        "{\\field{\\*\\fldinst HYPERLINK x}{\\fldrslt lien}}}"
    )
    assert rtf_text(source) == "Привет, Құ\ncafé\t“ok”\nlien"


def test_single_articles_are_not_taken_for_exports(seed_bytes) -> None:
    for key in ("000", "001", "002", "003", "004"):
        data = seed_bytes(key)
        assert not looks_like_export(data.decode("utf-8"))
        assert prepare_articles(data, "x.txt") == [prepare_article(data, "x.txt")]
    text = "Document ABCDEFGHIJKLMNOP\n\nUn texte qui cite un numéro de document."
    assert split_export(text) is None
    assert prepare_articles(text.encode(), "a.txt")[0].part is None


def test_an_export_without_readable_articles_is_read_as_one_page() -> None:
    page = (
        "<html><body><article><span class='DocPublicationName'>Le Monde</span>"
        "<p>Un article sans titre ni corps reconnaissable, mais avec du texte.</p>"
        "</article></body></html>"
    )
    (article,) = prepare_articles(page.encode(), "page.html")
    assert article.part is None and "sans titre" in article.text
