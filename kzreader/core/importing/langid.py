"""Language identification with langdetect, deterministic and lazily loaded.

langdetect's profiles take a quarter of a second to load, so they are loaded
on first use, not when this module is imported. The detector is seeded
(``seed = 0``) so that the same text always gets the same answer.

langdetect knows no Kazakh: Kazakh in Cyrillic is recognised before it by
the letters its alphabet adds to Russian's (ә ғ қ ң ө ұ ү һ і) and by common
Kazakh words.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

SAMPLE_CHARS = 700
#: langdetect averages several randomised trials (7 by default); on a few
#: hundred characters of an article three agree as well and cost half as much.
TRIALS = 3
MIN_LETTERS = 20
MIN_PROBABILITY = 0.5

_factory: DetectorFactory | None = None
_lock = threading.Lock()
_LETTER = re.compile(r"[^\W\d_]")
_WORD_RUN = re.compile(r"\S+")  # what splitting on \s+ leaves


def _get_factory() -> DetectorFactory:
    global _factory
    if _factory is None:
        with _lock:
            if _factory is None:
                from langdetect.detector_factory import PROFILES_DIRECTORY
                from langdetect.detector_factory import DetectorFactory as Factory

                factory = Factory()
                factory.load_profile(PROFILES_DIRECTORY)
                factory.seed = 0
                _factory = factory
    return _factory


def _sample(text: str, limit: int, ranges: Sequence[tuple[int, int]] = ()) -> str:
    """Up to ``limit`` characters of ``text`` (or of its ``ranges``), its
    blank space collapsed.

    Words are found one by one and only as far as needed: splitting a 50 MB
    article into all its words to keep the first hundred would take
    hundreds of megabytes.
    """
    out: list[str] = []
    size = 0
    for lo, hi in ranges or ((0, len(text)),):
        for match in _WORD_RUN.finditer(text, lo, hi):
            start, end = match.span()
            out.append(text[start : min(end, start + limit)])  # the rest is cut below
            size += end - start + 1
            if size >= limit:
                return " ".join(out)[:limit]
    return " ".join(out)[:limit]


#: Letters of the Kazakh Cyrillic alphabet that Russian lacks. langdetect
#: has no Kazakh profile and calls Kazakh Russian or Ukrainian.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
#: Letters of the neighbouring Cyrillic alphabets that Kazakh lacks:
#: Ukrainian ї є ґ, Tatar and Bashkir җ ҙ ҫ ҡ, Uzbek ў ҳ, Tajik ӣ ӯ ҷ,
#: Kyrgyz and Mongolian shares ү ө ң but not ә ғ қ ұ і.
_NOT_KAZAKH = frozenset("їєґҗҙҫҡўҳӣӯҷЇЄҐҖҘҪҠЎҲӢӮҶ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: Common Kazakh words (no Russian word is spelt so).
_KAZAKH_WORDS = frozenset(
    [
        "және",
        "мен",
        "бұл",
        "осы",
        "үшін",
        "деп",
        "еді",
        "болып",
        "болды",
        "бойынша",
        "туралы",
        "жылы",
        "жылғы",
        "жоқ",
        "оның",
        "олар",
        "біз",
        "сіз",
        "ол",
        "қазақ",
        "қазақстан",
        "республикасы",
        "елі",
        "кейін",
        "дейін",
        "арқылы",
        "бірақ",
        "немесе",
        "тағы",
        "жаңа",
        "қазір",
        "тиіс",
        "керек",
    ]
)
#: At least this share of a sample's Cyrillic letters are Kazakh ones (in
#: Kazakh prose about one in twelve; a Russian text quoting "Тоқаев" or
#: "Қазақстан" has a few hundredths of one).
KAZAKH_SHARE = 0.02
KAZAKH_MIN_DISTINCT = 3


def _is_kazakh(sample: str) -> bool:
    """Kazakh written in Cyrillic: several distinct Kazakh letters, often
    enough, none of the neighbouring alphabets', or Kazakh words."""
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic < MIN_LETTERS or any(c in _NOT_KAZAKH for c in sample):
        return False
    kazakh = [c for c in sample if c in KAZAKH_LETTERS]
    distinct = len({c.lower() for c in kazakh})
    words = sum(1 for w in re.findall(r"[^\W\d_]+", sample.lower()) if w in _KAZAKH_WORDS)
    if distinct >= KAZAKH_MIN_DISTINCT and len(kazakh) >= KAZAKH_SHARE * cyrillic:
        return True
    return distinct >= 2 and words >= 3


def _probabilities(sample: str) -> list[tuple[str, float]]:
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return []
    if _is_kazakh(sample):
        return [("kk", 1.0)]
    factory = _get_factory()
    try:
        detector = factory.create()
        detector.n_trial = TRIALS
        detector.append(sample)
        found = detector.get_probabilities()
    except Exception:  # LangDetectException and kin: treat as undetectable
        return []
    return [(lang.lang.split("-")[0], lang.prob) for lang in found]


def language_probabilities(text: str, limit: int = SAMPLE_CHARS) -> list[tuple[str, float]]:
    """``[(ISO 639-1 code, probability), …]`` best first; empty if undetectable."""
    return _probabilities(_sample(text, limit))


def _content_ranges(text: str, boilerplate: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The ranges of ``text`` outside ``boilerplate``, from the start until
    they hold more than a few samples' worth of characters."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    size = 0
    for start, end in boilerplate:
        ranges.append((pos, start))
        size += start - pos
        pos = end
        if size > SAMPLE_CHARS * 4:
            return ranges
    ranges.append((pos, len(text)))
    return ranges


def detect_language(text: str, boilerplate: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The language of ``text`` outside ``boilerplate`` spans, or None.

    Boilerplate is left out so that web chrome ("Skip to content", "Lire
    aussi") does not sway the answer; the content around it is read in
    place, never copied. Only the first :data:`SAMPLE_CHARS` characters of
    content are looked at, for speed.
    """
    ranges = _content_ranges(text, boilerplate) if boilerplate else [(0, len(text))]
    found = _probabilities(_sample(text, SAMPLE_CHARS, ranges))
    if not found or found[0][1] < MIN_PROBABILITY:
        return None
    return found[0][0]
