"""Recognise lines of web chrome: navigation, share buttons, "Lire aussi", footers.

Each test looks at one line, stripped of surrounding blank space. Tests that
could mistake a line of the article for chrome are only applied where chrome
lives (the head of the page, before the first long paragraph, or its last
lines); the others are safe anywhere.
"""

from __future__ import annotations

import re

from kzreader.core.importing.dates import ISO_LINE
from kzreader.core.importing.outlets import is_outlet_line

HEADER = re.compile(
    r"^date\s+(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?\s+(?P<url>https?://\S+)$"
)
LONE_URL = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$")

_SKIP_LINKS = frozenset(
    {
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "skip to main navigation",
        "skip navigation",
        "jump to content",
        "aller au contenu",
        "aller au contenu principal",
        "aller à la navigation",
        "aller au menu",
        "passer au contenu",
        "passer au contenu principal",
        "accéder au contenu",
        "accéder au contenu principal",
        "zum inhalt springen",
        "ir al contenido",
        "toggle navigation",
    }
)

# Phrases that are chrome wherever a line is made of nothing else.
_PHRASES = (
    # navigation and sections of news sites
    "mises à jour de dernière minute",
    "dernières minutes",
    "dernière minute",
    "nouvelles du monde",
    "nouvelles locales",
    "nouvelles d'aujourd'hui",
    "toute l'actualité",
    "fil d'actualité",
    "fil info",
    "à la une",
    "breaking news",
    "latest news",
    "world news",
    "local news",
    "top stories",
    # sharing and accounts
    "partager sur facebook",
    "partager sur twitter",
    "partager sur linkedin",
    "partager par e-mail",
    "envoyer par e-mail",
    "partager",
    "partagez",
    "tweeter",
    "imprimer",
    "share on facebook",
    "share on twitter",
    "share this article",
    "share this",
    "share",
    "tweet",
    "print",
    "email",
    "e-mail",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "telegram",
    "suivez-nous",
    "follow us",
    "abonnez-vous",
    "s'abonner",
    "subscribe",
    "se connecter",
    "connexion",
    "sign in",
    "log in",
    "newsletter",
    "recevez notre newsletter",
    "inscrivez-vous à la newsletter",
    "sign up for our newsletter",
    "commentaires",
    "comments",
    # legal
    "tous droits réservés",
    "all rights reserved",
    "mentions légales",
    "politique de confidentialité",
    "gestion des cookies",
    "conditions générales d'utilisation",
    "conditions d'utilisation",
    "privacy policy",
    "cookie policy",
    "terms of use",
    "terms of service",
    "contactez-nous",
    "contact us",
    "qui sommes-nous",
    "about us",
    "plan du site",
    "sitemap",
    "publicité",
    "advertisement",
    "précédent",
    "suivant",
    "previous",
    "next",
    "menu",
    "rechercher",
    "search",
    "fermer",
    "accueil",
    "home",
)
# Single section names: chrome only at the head or the foot of the page.
_SECTIONS = (
    "l'international",
    "international",
    "monde",
    "politique",
    "économie",
    "société",
    "sports",
    "sport",
    "culture",
    "europe",
    "afrique",
    "asie",
    "opinions",
    "opinion",
    "vidéos",
    "vidéo",
    "actualités",
    "actualité",
    "world",
    "politics",
    "business",
    "videos",
    "video",
    "news",
)


def _alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


_PHRASE_RE = _alternation(_PHRASES)
_EDGE_RE = _alternation(_PHRASES + _SECTIONS)
_LETTER = re.compile(r"[^\W\d_]")

READ_ALSO = re.compile(
    r"^(?:(?:à |a )?(?:lire|voir) (?:aussi|également|la suite)"
    r"|(?:read|see) (?:more|also)|also read|en savoir plus|pour aller plus loin"
    r"|sur le même (?:sujet|thème)|dans la même rubrique"
    r"|related(?: articles?| stories| posts| content| news| coverage)?(?=\s*(?::|$))"
    r")(?!\w)",
    re.IGNORECASE,
)
_MARKER_ONLY = re.compile(r"^[\s:>»›\-–—.…]*$")
PREV_NEXT = re.compile(
    r"^(?:article (?:précédent|suivant)|(?:previous|next) (?:article|post|story))",
    re.IGNORECASE,
)
_COUNTER = re.compile(
    r"^\d[\d\s.,]{0,9}(?:\s?[kKM])?"
    r"(?:\s*(?:partages?|shares?|commentaires?|comments?|vues|views|likes?|réactions?))?$"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_RIGHTS = re.compile(r"tous droits réservés|all rights reserved", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"n'expriment pas (?:nécessairement )?le point de vue|ne reflètent pas nécessairement"
    r"|do not necessarily reflect|traduit automatiquement|automatically translated"
    r"|technologie programmatique",
    re.IGNORECASE,
)


def _fold(line: str) -> str:
    return line.casefold().replace("\u2019", "'").replace("\u00a0", " ")


def _only_phrases(line: str, pattern: re.Pattern[str]) -> bool:
    folded = _fold(line)
    rest, count = pattern.subn(" ", folded)
    return count > 0 and _LETTER.search(rest) is None


#: No chrome line is longer than this: skip links, counters, "Lire aussi",
#: copyright lines and phrase lines are all far shorter. Footer disclaimers
#: run to a few hundred characters (RT's is 230). A longer line is text: a
#: paragraph that quotes "do not necessarily reflect", or a whole article on
#: one line, which otherwise stands at the foot of the page and would be
#: masked whole. (Lines of the ``date … URL`` header, ISO timestamps and
#: counters are told by anchored patterns that cost nothing on long lines.)
CHROME_MAX = 1000


def is_chrome(line: str, *, edge: bool, foot: bool = False) -> bool:
    """Whether the stripped ``line`` is web chrome.

    ``edge`` is true at the head and the foot of the page, where section names
    ("International") are chrome; ``foot`` at the foot only, where outlet lines
    ("RT All Fr2Fr") and disclaimers are.
    """
    if not line:
        return False
    if HEADER.match(line) or ISO_LINE.match(line) or _COUNTER.match(line):
        return True
    if len(line) > CHROME_MAX:
        return False  # no folded copy of a long paragraph (or of a 10 MB line)
    folded = _fold(line)
    if folded.rstrip(" .:") in _SKIP_LINKS:
        return True
    if line.startswith("|") and line.count("|") == 1 and len(line) <= 80:
        return True  # " | Nouvelles locales": a category under a title
    if len(line) <= 250 and READ_ALSO.match(line):
        return True
    if len(line) <= 300 and PREV_NEXT.match(line):
        return True
    if len(line) <= 200 and (_COPYRIGHT.match(line) or _RIGHTS.search(line)):
        return True
    if len(line) <= 120 and _only_phrases(line, _EDGE_RE if edge else _PHRASE_RE):
        return True
    return foot and (is_outlet_line(line) or bool(_DISCLAIMER.search(folded)))


def read_also_marker_only(line: str) -> bool:
    """ "LIRE LA SUITE:" alone on its line: the link is on the next line."""
    match = READ_ALSO.match(line)
    return match is not None and _MARKER_ONLY.match(line[match.end() :]) is not None
