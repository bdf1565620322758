"""News outlets: from a URL's host, or from a title suffix like "— RT Russie…"."""

from __future__ import annotations

from urllib.parse import urlsplit

# Registered domain → outlet name. A host matches its domain or any subdomain.
_DOMAINS: dict[str, str] = {
    "rt.com": "RT",
    "rtfrance.tv": "RT",
    "lemonde.fr": "Le Monde",
    "lefigaro.fr": "Le Figaro",
    "liberation.fr": "Libération",
    "france24.com": "France 24",
    "rfi.fr": "RFI",
    "francetvinfo.fr": "Franceinfo",
    "lepoint.fr": "Le Point",
    "lexpress.fr": "L'Express",
    "leparisien.fr": "Le Parisien",
    "lesechos.fr": "Les Échos",
    "ouest-france.fr": "Ouest-France",
    "20minutes.fr": "20 Minutes",
    "courrierinternational.com": "Courrier international",
    "mediapart.fr": "Mediapart",
    "afp.com": "AFP",
    "euronews.com": "Euronews",
    "lesoir.be": "Le Soir",
    "rts.ch": "RTS",
    "letemps.ch": "Le Temps",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "cnn.com": "CNN",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "ft.com": "Financial Times",
    "bloomberg.com": "Bloomberg",
    "dw.com": "DW",
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "tass.ru": "TASS",
    "tass.com": "TASS",
    "ria.ru": "RIA Novosti",
    "interfax.ru": "Interfax",
    "kommersant.ru": "Kommersant",
    "meduza.io": "Meduza",
    "rferl.org": "RFE/RL",
    "azattyq.org": "Azattyq",
    "tengrinews.kz": "Tengrinews",
    "inform.kz": "Kazinform",
    "kazinform.kz": "Kazinform",
}

# Names an outlet goes by in title suffixes, mapped to the canonical name.
_ALIASES: dict[str, str] = {name: name for name in _DOMAINS.values()}
_ALIASES.update(
    {
        "RT France": "RT",
        "RT en français": "RT",
        "Russia Today": "RT",
        "Sputnik": "Sputnik",
        "Sputnik France": "Sputnik",
        "Sputnik Afrique": "Sputnik",
        "Le Monde.fr": "Le Monde",
        "BBC News": "BBC",
        "France Info": "Franceinfo",
        "France 24": "France 24",
        "Radio France Internationale": "RFI",
        "Libération": "Libération",
        "Liberation": "Libération",
        "Reuters": "Reuters",
        "Associated Press": "AP",
        "Agence France-Presse": "AFP",
        "The Guardian": "The Guardian",
        "Guardian": "The Guardian",
        "Deutsche Welle": "DW",
        "ТАСС": "TASS",
        "РИА Новости": "RIA Novosti",
    }
)
# Longest first, so that "RT France" wins over "RT".
_ALIAS_ORDER = sorted(_ALIASES, key=len, reverse=True)


def host_of(url: str) -> str | None:
    """The lower-cased host of ``url`` without ``www.``, or None."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host or None


def known_outlet_from_url(url: str) -> str | None:
    """The name of a known outlet publishing at ``url``, or None."""
    host = host_of(url)
    if host is None:
        return None
    labels = host.split(".")
    if any(label.startswith("sputnik") for label in labels):
        return "Sputnik"
    for i in range(len(labels) - 1):
        name = _DOMAINS.get(".".join(labels[i:]))
        if name is not None:
            return name
    return None


def outlet_from_url(url: str) -> str | None:
    """The outlet publishing at ``url``: a known name, else its host."""
    return known_outlet_from_url(url) or host_of(url)


def canonical_outlet(name: str) -> str:
    """A site's name as the library knows the outlet ("Sputnik France" →
    "Sputnik"), else the name itself, its blank space collapsed."""
    name = " ".join(name.split())
    known = _ALIASES.get(name)
    if known is None:
        known = outlet_from_suffix(name)
    return known if known is not None and len(name) <= len(known) + 12 else name


def outlet_from_suffix(suffix: str) -> str | None:
    """A known outlet named at the start of a title suffix, or None.

    "RT Russie et ex-Union soviétique" → "RT": an outlet name followed by the
    name of a section.
    """
    text = suffix.strip()
    for alias in _ALIAS_ORDER:
        if text.startswith(alias):
            rest = text[len(alias) :]
            if not rest or not (rest[0].isalnum() or rest[0] in "-_'’"):
                return _ALIASES[alias]
    return None


def is_outlet_line(line: str) -> bool:
    """A short line that starts with an outlet name ("RT All Fr2Fr")."""
    words = line.split()
    if not words or len(words) > 4 or len(line) > 40 or line.rstrip()[-1] in ".!?:;,":
        return False
    return outlet_from_suffix(line) is not None
