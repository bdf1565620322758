"""Where web-saved text glues a sentence or a heading to the next (core.glue)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzreader.core.glue import breaks_between, glue_breaks

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = {
    "sputnik_zas": "000_7779a385dcbc7df1.txt",
    "sputnik_contingent": "001_beb003b7b53c942c.txt",
    "rt_zas": "002_b5fab79e601b0820.txt",
    "zas_retrait": "003_5a814d00d646ab81.txt",
    "blinken": "004_500be365c57d552d.txt",
}

#: Each sample's glued places, as (text before, text after) the break.
GLUED = {
    "sputnik_zas": [
        ("accordé à Sputnik.", "Selon lui"),
        ('seront retirées".', "Il a d’ailleurs"),
        ("sous leur protection.", "Violente contestation"),
        ("Violente contestation", "Un contingent"),
        ("prix du gaz.", "Le bilan"),
        ("dont 62 grièvement.", "Auparavant"),
    ],
    "sputnik_contingent": [
        ("soldats de la paix.", "L'organisation a répondu"),
        ("selon son communiqué.", "Cinq pays"),
        ("mobilisent leurs militaires", "Les Forces collectives"),
        ("stabiliser la situation.", "Le Kirghizistan"),
        ("sa mission de la paix", "En cas d'envoi"),
        ("a-t-il fait ressortir.", "Des dizaines"),
        ("Des dizaines de victimes", "La situation au Kazakhstan"),
        ("pour deux semaines.", "353 policiers"),
        ("administratifs d’Almaty.", "Le 5 janvier"),
        ("formation à l'étranger.", "Les premières unités"),
    ],
    "rt_zas": [],
    "zas_retrait": [],
    "blinken": [
        ("Article précédent", "La Corée du Sud"),
        ("Article suivant", "Joao Felix"),
    ],
}


def seed_text(name: str) -> str:
    return (SEEDS / SEED_FILES[name]).read_text("utf-8")


@pytest.mark.parametrize("name", list(SEED_FILES))
def test_the_samples_glued_places_exactly(name: str) -> None:
    text = seed_text(name)
    expected = []
    for before, after in GLUED[name]:
        assert text.count(before + after) == 1, (before, after)
        expected.append(text.index(before + after) + len(before))
    assert glue_breaks(text) == expected


def test_positions_on_the_first_sample_in_numbers() -> None:
    assert glue_breaks(seed_text("sputnik_zas")) == [714, 968, 1155, 1176, 1426, 1643]


def where(text: str) -> list[str]:
    return [f"{text[:p]}|{text[p:]}" for p in glue_breaks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a dit ça.Ensuite il est parti.", ["Il a dit ça.|Ensuite il est parti."]),
        ("Pourquoi?Parce que.", ["Pourquoi?|Parce que."]),
        ("Il a dit:Non merci.", ["Il a dit:|Non merci."]),
        ("Fin du texte…Puis rien.", ["Fin du texte…|Puis rien."]),
        ("Les gens;La foule.", ["Les gens;|La foule."]),
        ("Le «Monde»Le journal.", ["Le «Monde»|Le journal."]),
        ("Sputnik.«Selon lui», oui.", ["Sputnik.|«Selon lui», oui."]),
        ('Il a dit."Nous tenons"', ['Il a dit.|"Nous tenons"']),
        ("deux semaines.353 policiers", ["deux semaines.|353 policiers"]),
        ("selon luiLe pays va bien.", ["selon lui|Le pays va bien."]),
        ("depuis 20 ansLe pays a changé.", ["depuis 20 ans|Le pays a changé."]),
        ("Stanislav ZasSelon lui, non.", ["Stanislav Zas|Selon lui, non."]),
        # Cyrillic and Greek
        ("заявил Песков.По его словам, всё хорошо.", ["заявил Песков.|По его словам, всё хорошо."]),
        ("Дмитрий ПесковВ Кремле считают так.", ["Дмитрий Песков|В Кремле считают так."]),
        ("είπε.Ο πρόεδρος", ["είπε.|Ο πρόεδρος"]),
        # headings ending in a number, a bracket or an acronym
        (
            "Le bilan 2021Le pays a connu une année difficile.",
            ["Le bilan 2021|Le pays a connu une année difficile."],
        ),
        (
            "Le rôle de l'OTSCLa mission a été un succès total.",
            ["Le rôle de l'OTSC|La mission a été un succès total."],
        ),
        (
            "Bonjour (OTSC)Le pays va bien ce matin.",
            ["Bonjour (OTSC)|Le pays va bien ce matin."],
        ),
    ],
)
def test_glued_places(text: str, expected: list[str]) -> None:
    assert where(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # initials and abbreviations
        "Les U.S.A sont là.",
        "M.Dupont est venu.",
        "Il est chez Mme.Martin.",
        "Dr.Watson arrive.",
        "г.Москва, ул.Ленина.",
        # numbers, dates, times
        "Il a 3.5 millions.",
        "Le 06.01.2022 à 12:30.",
        "La version 2.0 est sortie.",
        # camel case at a word's start
        "Un iPhone et un McDonald sur YouTube.",
        "Un eBay, 5 kWh, du mRNA, 3 dB.",
        "LeBron James et DiCaprio chez MacBook.",
        "PowerPoint, WhatsApp et LinkedIn.",
        # addresses, handles
        "Voir https://t.co/M6XrayNalG et pic.twitter.com/6Gr7u3gbHP ici.",
        "Écrire à jean@Mail.com ou sur www.Site.Com.",
        "– Liveuamap (@Liveuamap) 13 janvier 2022",
        # not headings
        "Les ONGs sont là pour aider.",
        "La 5G arrive bientôt dans le pays.",
        "RT All Fr2Fr",
        "2022-01-06T11:54+0100",
        "Sentence. Next one, with a space.",
        "l'OTSC, d'État, L'Organisation.",
        "",
    ],
)
def test_not_glued(text: str) -> None:
    assert glue_breaks(text) == []


def test_a_heading_needs_a_sentence_after_it() -> None:
    assert glue_breaks("Le bilan 2021Le pays") == []  # a title, not a heading glued to text
    assert glue_breaks("Une phrase longue. Le bilan 2021Le pays va bien maintenant.") != []


def test_text_without_spaces_is_judged_in_bounded_reach() -> None:
    text = "abcDef" * 20_000  # one run of 120,000 letters
    breaks = glue_breaks(text)
    assert breaks[:2] == [3, 9] and len(breaks) == 20_000


def test_breaks_between() -> None:
    breaks = [3, 10, 20]
    assert breaks_between(breaks, 0, 100) == [3, 10, 20]
    assert breaks_between(breaks, 3, 20) == [3, 10]
    assert breaks_between(breaks, 4, 21) == [10, 20]
    assert breaks_between(breaks, 11, 20) == []


def test_the_letter_classes_hold_every_letter_of_the_plane_and_no_other() -> None:
    import re

    from kzreader.core import glue

    plane = "".join(map(chr, range(0x10000)))
    upper, lower = glue._classes()  # built a slice of the plane at a time
    assert "".join(re.findall(f"[{upper}]", plane)) == "".join(filter(str.istitle, plane))
    assert "".join(re.findall(f"[{lower}]", plane)) == "".join(filter(str.islower, plane))
