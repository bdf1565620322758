"""Language identification with langdetect, deterministic and lazily loaded.

langdetect's profiles take a quarter of a second to load, so they are loaded
on first use, not when this module is imported. The detector is seeded
(``seed = 0``) so that the same text always gets the same answer.
"""

from __future__ import annotations

import re
import threading
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
_SPACES = re.compile(r"\s+")


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


def _sample(text: str, limit: int) -> str:
    """Up to ``limit`` characters of ``text``, its blank space collapsed."""
    out: list[str] = []
    size = 0
    for piece in _SPACES.split(text):
        if not piece:
            continue
        out.append(piece)
        size += len(piece) + 1
        if size >= limit:
            break
    return " ".join(out)[:limit]


def language_probabilities(text: str, limit: int = SAMPLE_CHARS) -> list[tuple[str, float]]:
    """``[(ISO 639-1 code, probability), …]`` best first; empty if undetectable."""
    sample = _sample(text, limit)
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return []
    factory = _get_factory()
    try:
        detector = factory.create()
        detector.n_trial = TRIALS
        detector.append(sample)
        found = detector.get_probabilities()
    except Exception:  # LangDetectException and kin: treat as undetectable
        return []
    return [(lang.lang.split("-")[0], lang.prob) for lang in found]


def detect_language(text: str, boilerplate: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The language of ``text`` outside ``boilerplate`` spans, or None.

    Boilerplate is replaced by spaces so that web chrome ("Skip to content",
    "Lire aussi") does not sway the answer. Only the first
    :data:`SAMPLE_CHARS` characters of content are looked at, for speed.
    """
    if boilerplate:
        parts: list[str] = []
        pos = 0
        size = 0
        for start, end in boilerplate:
            parts.append(text[pos:start])
            size += start - pos
            pos = end
            if size > SAMPLE_CHARS * 4:
                break
        else:
            parts.append(text[pos:])
        text = " ".join(parts)
    found = language_probabilities(text)
    if not found or found[0][1] < MIN_PROBABILITY:
        return None
    return found[0][0]
