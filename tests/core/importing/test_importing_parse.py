"""Metadata and boilerplate on made-up articles: dates, outlets, titles, chrome."""

from __future__ import annotations

import pytest

from kzreader.core.importing.dates import date_from_url, iso_timestamp
from kzreader.core.importing.outlets import outlet_from_url
from kzreader.core.importing.parse import ParsedArticle, parse_article

BODY = (
    "Le président kazakh a demandé l’aide de l’alliance, qui a envoyé des troupes "
    "pour garder les sites stratégiques du pays pendant plusieurs jours, tandis que "
    "les autorités tentaient de rétablir l’ordre dans les grandes villes du pays."
)


def _covered(parsed: ParsedArticle, text: str, line: str) -> bool:
    start = text.index(line)
    return any(s <= start and start + len(line) <= e for s, e in parsed.boilerplate)


def _touched(parsed: ParsedArticle, text: str, piece: str) -> bool:
    start = text.index(piece)
    return any(s < start + len(piece) and start < e for s, e in parsed.boilerplate)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2022-01-06T11:54+0100", "2022-01-06T11:54+01:00"),
        (" 2022-01-06T11:54:30-05:00 ", "2022-01-06T11:54:30-05:00"),
        ("2022-01-06T11:54:30Z", "2022-01-06T11:54:30Z"),
        ("2022-01-06 11:54", "2022-01-06T11:54"),
        ("2022-01-06", "2022-01-06"),
        ("2022-13-06T11:54+0100", None),
        ("2022-02-30", None),
        ("2022-01-06T25:61", None),
        ("Publié 2022-01-06T11:54+0100", None),
    ],
)
def test_iso_timestamp(line: str, expected: str | None) -> None:
    assert iso_timestamp(line) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://fr.sputniknews.com/20220106/titre-1054219273.html", "2022-01-06"),
        ("https://www.lemonde.fr/international/article/2022/01/06/titre_123.html", "2022-01-06"),
        ("https://example.org/news/2022-01-13-kazakhstan-csto", "2022-01-13"),
        ("https://example.org/2022/01/kazakhstan", "2022-01"),
        ("https://example.org/article-1054219273.html", None),
        ("https://example.org/20221399/titre", None),
        ("https://20220106.example.org/titre", None),
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://fr.sputniknews.com/20220106/x.html", "Sputnik"),
        ("https://sputniknews.com/x", "Sputnik"),
        ("https://sputnik.by/x", "Sputnik"),
        ("https://francais.rt.com/international/1", "RT"),
        ("https://www.rt.com/russia/1/", "RT"),
        ("https://www.lemonde.fr/international/", "Le Monde"),
        ("https://www.lefigaro.fr/x", "Le Figaro"),
        ("https://www.bbc.co.uk/news/world", "BBC"),
        ("https://www.bbc.com/news", "BBC"),
        ("https://tass.ru/politika/1", "TASS"),
        ("https://tass.com/world/1", "TASS"),
        ("https://ria.ru/20220106/x.html", "RIA Novosti"),
        ("https://www.aljazeera.com/news/x", "Al Jazeera"),
        ("https://www.reuters.com/world/x", "Reuters"),
        ("https://www.example-news.org:8080/x", "example-news.org"),
        ("https://notrt.com/x", "notrt.com"),
        ("http://[broken/x", None),
    ],
)
def test_outlet_from_url(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_most_precise_date_wins() -> None:
    header = " date 2022-01 https://example.org/news/kazakhstan\n\nUn titre d’article ici\n\n"
    assert parse_article(header + BODY).published == "2022-01"
    dotted = header.replace("ici\n", "ici\n\nLe chapeau de l’article... 07.01.2022\n")
    assert parse_article(dotted + BODY).published == "2022-01-07"
    in_url = dotted.replace("/news/", "/2022/01/06/")
    assert parse_article(in_url + BODY).published == "2022-01-06"
    stamped = in_url + "2022-01-06T08:00+0000\n\n2022-01-06T09:30+0000\n\n"
    assert parse_article(stamped + BODY).published == "2022-01-06T08:00+00:00"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("2022-01", "2022-01"), ("2022-01-06", "2022-01-06"), ("2022-13", None), ("2022-02-30", None)],
)
def test_header_date(header: str, expected: str | None) -> None:
    text = f" date {header} https://example.org/news/kazakhstan\n\nUn titre ici\n\n{BODY}"
    parsed = parse_article(text)
    assert parsed.published == expected
    assert parsed.url == "https://example.org/news/kazakhstan"
    assert parsed.boilerplate[0] == (0, text.index("\n"))


def test_dates_in_the_body_are_not_publication_dates() -> None:
    text = f"Un titre d’article ici\n\n{BODY}\n\nLe 06.01.2022, le 13 janvier 2022, 2022-01-14.\n"
    assert parse_article(text).published is None


def test_lone_url_line_near_the_top() -> None:
    text = (
        f"https://www.lemonde.fr/international/article/2022/01/06/x.html\n\nUn titre ici\n\n{BODY}"
    )
    parsed = parse_article(text)
    assert parsed.url == "https://www.lemonde.fr/international/article/2022/01/06/x.html"
    assert parsed.source == "Le Monde"
    assert parsed.published == "2022-01-06"
    assert parsed.boilerplate[0] == (0, len(parsed.url))


@pytest.mark.parametrize(
    ("line", "title", "source"),
    [
        ("Crise au Kazakhstan — Le Monde International", "Crise au Kazakhstan", "Le Monde"),
        ("Crise au Kazakhstan – France 24", "Crise au Kazakhstan", "France 24"),
        ("Crise au Kazakhstan | Mediapart", "Crise au Kazakhstan", "Mediapart"),
        ("Crise au Kazakhstan — Tokaïev parle", "Crise au Kazakhstan — Tokaïev parle", None),
        ("Crise au Kazakhstan - RT", "Crise au Kazakhstan - RT", None),
    ],
)
def test_title_suffix(line: str, title: str, source: str | None) -> None:
    text = f"{line}\n\n{BODY}\n"
    parsed = parse_article(text)
    assert (parsed.title, parsed.source) == (title, source)
    suffix = line[len(title) :]
    if suffix:
        assert parsed.boilerplate == ((len(title), len(line)),)
    else:
        assert parsed.boilerplate == ()


def test_title_from_the_first_sentence() -> None:
    parsed = parse_article("Les troupes quittent le pays. " + BODY)
    assert parsed.title == "Les troupes quittent le pays"
    long_title = parse_article(BODY).title
    assert long_title.endswith("…")
    assert len(long_title) <= 121
    assert BODY.startswith(long_title[:-1])
    assert BODY[len(long_title) - 1] == " "  # cut on a word boundary


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("C:\\Users\\moi\\Articles\\Mon article.txt", "Mon article"),
        ("/home/moi/articles/kz-2022-01-06.txt", "kz-2022-01-06"),
        ("", "Untitled"),
    ],
)
def test_title_falls_back_to_the_file_name(name: str, title: str) -> None:
    assert parse_article("Skip to content\nPartager\nNewsletter\n", name).title == title


CHROME_LINES = [
    "Aller au contenu principal",
    "Passer au contenu",
    "Accueil › Monde › Asie",
    "12 partages",
    "À lire aussi : Le Kazakhstan après la crise",
    "Voir aussi - La mission de l’OTSC",
    "Read more: Kazakhstan unrest explained",
    "Related:",
    "Previous article",
    "Next article: The CSTO leaves",
    "Partager Tweet Share",
    "Newsletter",
    "© 2022 Le Monde. Tous droits réservés.",
    "All rights reserved",
]
CONTENT_LINES = [
    "Related matters were discussed at length by the ministers of the alliance.",
    "Partager le pouvoir est difficile, a-t-il dit au journal.",
    "International",
    "Voir le président sortir ainsi a surpris les journalistes.",
    "| Pays | Soldats |",
]


def test_generic_chrome_is_boilerplate_and_content_is_not() -> None:
    head = "Un titre d’article ici\n\n" + "\n".join(CHROME_LINES[:4]) + "\n\n"
    middle = "\n\n".join([BODY, *CONTENT_LINES, BODY, *CHROME_LINES[4:8], BODY])
    text = head + middle + "\n\n" + "\n".join(CHROME_LINES[8:])
    parsed = parse_article(text)
    assert parsed.title == "Un titre d’article ici"
    for line in CHROME_LINES:
        assert _covered(parsed, text, line), line
    for line in CONTENT_LINES:
        assert not _touched(parsed, text, line), line
    assert not _touched(parsed, text, BODY)


def test_section_names_are_chrome_only_at_the_edges() -> None:
    text = f"International\nUn titre d’article ici\n\n{BODY}\n\nInternational\n\n{BODY}\n"
    text += "\n".join(f"{BODY} ({n})" for n in range(8))
    parsed = parse_article(text)
    assert parsed.boilerplate == ((0, len("International")),)
    assert parsed.title == "Un titre d’article ici"


def test_read_more_marker_takes_the_next_line() -> None:
    text = f"Un titre ici\n\n{BODY}\n\nLIRE LA SUITE:\nUn autre article lié\n\n{BODY} (2)\n"
    parsed = parse_article(text)
    assert _covered(parsed, text, "LIRE LA SUITE:")
    assert _covered(parsed, text, "Un autre article lié")
    assert not _touched(parsed, text, f"{BODY} (2)")
