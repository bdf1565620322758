"""Dates written in words and bylines: French, English, Russian, Kazakh."""

from __future__ import annotations

from datetime import date

import pytest

from kzreader.core.importing.dates import month_number, relative_date, worded_date
from kzreader.core.importing.parse import parse_article, parse_byline

BODY = (
    "Le secrétaire général de l’OTSC a annoncé la fin de la mission de maintien de la paix "
    "au Kazakhstan, une semaine après l’arrivée des premiers contingents à Almaty, "
    "et le retrait des troupes doit durer dix jours selon le ministère de la défense."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publié le 14 janvier 2020", "2020-01-14"),
        ("Publié le 1er mars 2021 à 13h43", "2021-03-01T13:43"),
        ("Mis à jour le 3 févr. 2022", "2022-02-03"),
        ("15 августа 2016, 13:43", "2016-08-15T13:43"),
        ("15 августа 2016 г., 13:43", "2016-08-15T13:43"),
        ("14 March 2023", "2023-03-14"),
        ("March 14, 2023 at 9:05", "2023-03-14T09:05"),
        ("Sept. 2, 2021", "2021-09-02"),
        ("2023 жылғы 14 наурыз", "2023-03-14"),
        ("14 наурыз 2023 ж., 10:30", "2023-03-14T10:30"),
        ("2022 жылғы 19 қаңтарда", "2022-01-19"),
        ("– Liveuamap (@Liveuamap) 13 janvier 2022", "2022-01-13"),
        ("31 février 2020", None),
        ("14 Mayor 2023", None),
        ("le 13 janvier de cette année", None),
        ("15 août 2016, 25:99", "2016-08-15"),
    ],
)
def test_worded_dates(line: str, expected: str | None) -> None:
    assert worded_date(line) == expected


def test_at_end_only_takes_a_dateline() -> None:
    assert worded_date("Le 13 janvier 2022, les troupes sont parties.", at_end=True) is None
    assert worded_date("Almaty, 13 janvier 2022", at_end=True) == "2022-01-13"


def test_month_names() -> None:
    assert month_number("Août") == 8
    assert month_number("ДЕКАБРЯ") == 12
    assert month_number("желтоқсанда") == 12
    assert month_number("Monday") is None


def test_relative_dates_need_an_anchor() -> None:
    anchor = date(2020, 1, 15)
    assert relative_date("Hier à 13h43", anchor) == "2020-01-14T13:43"
    assert relative_date("Сегодня, 09:15", anchor) == "2020-01-15T09:15"
    assert relative_date("yesterday", anchor) == "2020-01-14"
    assert relative_date("Publié le 14 janvier 2020", anchor) is None
    # without an anchor the parser never resolves them
    assert parse_article(f"Un titre d’article ici\n\nHier à 13h43\n\n{BODY}\n").published is None


def test_byline() -> None:
    byline = parse_byline("By Anna Müller | The Alpine Herald | 14 March 2023")
    assert byline is not None
    assert (byline.author, byline.outlet, byline.published) == (
        "Anna Müller",
        "The Alpine Herald",
        "2023-03-14",
    )
    assert parse_byline("Par Claire Martin, Le Monde").outlet == "Le Monde"  # type: ignore[union-attr]
    assert parse_byline("By Friday the troops had left the capital.") is None
    assert parse_byline("Parmi les manifestants, beaucoup de jeunes") is None


def test_byline_gives_outlet_and_date_not_title() -> None:
    text = (
        "Swiss glaciers lost a record share of their ice\n"
        "By Anna Müller | The Alpine Herald | 14 March 2023\n\n"
        f"{BODY}\n"
    )
    parsed = parse_article(text)
    assert parsed.title == "Swiss glaciers lost a record share of their ice"
    assert (parsed.source, parsed.published, parsed.author) == (
        "The Alpine Herald",
        "2023-03-14",
        "Anna Müller",
    )
    first = parse_article(
        f"By Anna Müller | The Alpine Herald | 14 March 2023\nA title here\n{BODY}"
    )
    assert first.title == "A title here"


def test_dateline_in_words() -> None:
    text = f"Un titre d’article ici\nPublié le 14 janvier 2020\n\n{BODY}\n"
    assert parse_article(text).published == "2020-01-14"
    text = f"Заголовок статьи здесь\n15 августа 2016, 13:43\n\n{BODY}\n"
    assert parse_article(text).published == "2016-08-15T13:43"
    updated = f"Un titre ici\nMis à jour le 16 janvier 2020\nPublié le 14 janvier 2020\n{BODY}\n"
    assert parse_article(updated).published == "2020-01-14"


def test_a_known_url_outlet_wins_over_a_byline() -> None:
    text = (
        "date 2022-01 https://www.lemonde.fr/international/article/2022/01/06/x.html\n"
        "Un titre d’article ici\nPar Claire Martin, Le Temps\n\n"
        f"{BODY}\n"
    )
    assert parse_article(text).source == "Le Monde"
