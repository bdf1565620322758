"""The five sample articles: every field, and boilerplate that hides chrome only."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from kzreader.core.importing import PreparedArticle

Spans = tuple[tuple[int, int], ...]

EXPECTED = {
    "000": {
        "title": "Le secrétaire général de l’OTSC explique quand ses forces quitteront "
        "le Kazakhstan",
        "url": "https://fr.sputniknews.com/20220106/le-secretaire-general-de-lotsc-explique-"
        "quand-ses-forces-quitteront-le-kazakhstan-1054219273.html",
        "published": "2022-01-06",
        "source": "Sputnik",
    },
    "001": {
        "title": "Un contingent de la paix envoyé au Kazakhstan à la demande de ce pays en crise"
        " - vidéo",
        "url": "https://fr.sputniknews.com/20220106/cinq-pays-joignent-le-contingent-de-la-paix-"
        "au-kazakhstan--video-1054207090.html",
        "published": "2022-01-06T11:54+01:00",
        "source": "Sputnik",
    },
    "002": {
        "title": "Le chef du bloc dirigé par la Russie révèle les détails de la mission "
        "au Kazakhstan",
        "url": None,
        "published": None,
        "source": "RT",
    },
    "003": {
        "title": "Le secrétaire général de l’OTSC, Stanislav Zas, a annoncé la fin de la mission de"
        " maintien de la paix de l’OTSC au…",
        "url": None,
        # the date of the embedded post that ends a line: "– Liveuamap (@Liveuamap) 13 janvier 2022"
        "published": "2022-01-13",
        "source": None,
    },
    "004": {
        "title": "Les États-Unis remettent en question la présence de troupes de l’OTSC "
        "au Kazakhstan",
        "url": None,
        "published": None,
        "source": None,
    },
}

# Lines (stripped) that are chrome: (line, which occurrence; None = every one).
CHROME: dict[str, list[tuple[str, int | None]]] = {
    "000": [
        (f"date 2022-01 {EXPECTED['000']['url']}", None),
        (str(EXPECTED["000"]["title"]), 1),
    ],
    "001": [
        (f"date 2022-01 {EXPECTED['001']['url']}", None),
        (str(EXPECTED["001"]["title"]), 1),
        ("2022-01-06T11:54+0100", None),
        ("2022-01-06T12:18+0100", None),
    ],
    "002": [
        ("Skip to content", None),
        ("| Nouvelles locales", None),
        ("Mises à jour de dernière minute Nouvelles du monde", None),
        (f"{EXPECTED['002']['title']} — RT Russie et ex-Union soviétique", 1),
        ("LIRE LA SUITE:", None),
        ("Commentaires de l’ONU sur les décès au Kazakhstan", None),
        ("Nouvelles d’aujourd’hui Nouvelles locales", None),
        ("RT All Fr2Fr", None),
        (
            "Toutes les actualités du site n'expriment pas le point de vue du site, mais nous "
            "transmettons cette actualité automatiquement et la traduisons grâce à une "
            "technologie programmatique sur le site et non à partir d'un éditeur humain.",
            None,
        ),
    ],
    "003": [],
    "004": [
        (
            "Accueil Dernières minutes L'International Les États-Unis remettent en question "
            "la présence de troupes de l’OTSC au...",
            None,
        ),
        ("0", None),
        (
            "Lire aussi: \u00a0 Quatre enfants meurent dans l'incendie d'une maison au "
            "Royaume-Uni dans le sud de Londres",
            None,
        ),
        (
            "Lire aussi: \u00a0 Trump retire son soutien à un candidat au Sénat pour ne pas avoir "
            "suivi ses théories du complot pour l'élection de 2020.",
            None,
        ),
        (
            "Article précédentLa Corée du Sud affirme que le prétendu missile hypersonique de "
            "la Corée du Nord est un missile balistique conventionnel.",
            None,
        ),
        (
            "Article suivantJoao Felix : «\u00a0Nous avons besoin des trois points contre "
            "Villarreal\u00a0».",
            None,
        ),
    ],
}

# Pieces of article content: no boilerplate span may touch any occurrence.
CONTENT: dict[str, list[str]] = {
    "000": [
        "assure le... 06.01.2022, Sputnik France",
        "Stanislav Zas dans un entretien accordé à Sputnik.Selon lui",
        "Violente contestationUn contingent",
        'rappelait "des situations à éviter".',
    ],
    "001": [
        "l'Organisation du traité de sécurité... 06.01.2022",
        "Nikol Pachinian",
        "rapportent des sources officielles.",
    ],
    "002": [
        "L’arrivée de la force alliée de maintien de la paix a eu un « effet qui donne à "
        "réfléchir » au Kazakhstan, estime le responsable",
        "Stanislav Zas",
        "dit Zas",
        "a déclaré Zas",
        "Je suis presque certain",
    ],
    "003": [
        "– Liveuamap (@Liveuamap) 13 janvier 2022",
        "Casques bleus russes dans les rues kazakhes / OTSC",
        "https://t.co/M6XrayNalG",
        "Picture de couverture : Casques bleus",
    ],
    "004": [
        "Le secrétaire d’État américain, Antony Blinken",
        "selon CNN",
        "Enfin, il a exprimé son",
        "3 811 personnes arrêtées",
    ],
}


def _line_spans(text: str, wanted: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``text`` whose stripped content is ``wanted``."""
    found = []
    start = 0
    for raw in text.split("\n"):
        if raw.strip() == wanted:
            found.append((start, start + len(raw)))
        start += len(raw) + 1
    return found


def _covered(spans: Spans, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _touched(spans: Spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_metadata(seed_article: Callable[[str], PreparedArticle], key: str) -> None:
    article = seed_article(key)
    got = {field: getattr(article, field) for field in EXPECTED[key]}
    assert got == EXPECTED[key]
    assert article.language == "fr"
    assert article.encoding == "utf-8"


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_text_is_the_whole_file_and_hashed(
    seed_article: Callable[[str], PreparedArticle],
    seed_bytes: Callable[[str], bytes],
    key: str,
) -> None:
    article = seed_article(key)
    assert article.text == seed_bytes(key).decode("utf-8")
    assert article.content_hash == hashlib.sha256(seed_bytes(key)).hexdigest()


@pytest.mark.parametrize("key", sorted(CHROME))
def test_chrome_lines_are_boilerplate(
    seed_article: Callable[[str], PreparedArticle], key: str
) -> None:
    article = seed_article(key)
    for line, nth in CHROME[key]:
        spans = _line_spans(article.text, line)
        assert spans, f"test data: no line {line!r}"
        for span in spans if nth is None else [spans[nth]]:
            assert _covered(article.boilerplate, *span), line


@pytest.mark.parametrize("key", sorted(CONTENT))
def test_content_is_not_boilerplate(
    seed_article: Callable[[str], PreparedArticle], key: str
) -> None:
    article = seed_article(key)
    for needle in CONTENT[key]:
        starts = _occurrences(article.text, needle)
        assert starts, f"test data: no {needle!r}"
        for start in starts:
            assert not _touched(article.boilerplate, start, start + len(needle)), needle


@pytest.mark.parametrize("key", ["000", "001", "002"])
def test_first_title_line_stays_content(
    seed_article: Callable[[str], PreparedArticle], key: str
) -> None:
    article = seed_article(key)
    first = article.text.find(str(EXPECTED[key]["title"]))
    assert not _touched(article.boilerplate, first, first + len(article.title))
    assert len(_occurrences(article.text, str(EXPECTED[key]["title"]))) == 2


def test_rt_suffix_is_a_sub_line_span(seed_article: Callable[[str], PreparedArticle]) -> None:
    article = seed_article("002")
    suffix = " — RT Russie et ex-Union soviétique"
    start = article.text.find(suffix)
    assert (start, start + len(suffix)) in article.boilerplate


def test_003_has_no_boilerplate(seed_article: Callable[[str], PreparedArticle]) -> None:
    assert seed_article("003").boilerplate == ()


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_spans_are_sorted_disjoint_and_cover_whole_lines(
    seed_article: Callable[[str], PreparedArticle], key: str
) -> None:
    text = seed_article(key).text
    previous_end = -1
    for start, end in seed_article(key).boilerplate:
        assert previous_end < start < end <= len(text) or previous_end < start == 0 < end
        assert end == len(text) or text[end] == "\n"
        whole_line = start == 0 or text[start - 1] == "\n"
        assert whole_line or text[start:end] == " — RT Russie et ex-Union soviétique"
        previous_end = end
