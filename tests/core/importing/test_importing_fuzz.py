"""Fuzzing: any bytes give a valid PreparedArticle or an ImportRefused, nothing else.

The short runs (``SETTINGS``) use Hypothesis's example database and a fresh
random seed each time, so they keep exploring from run to run; the long run
(``SCALE_SETTINGS``, 10,000 examples) is derandomized and keeps no database,
so that it checks the same inputs on every machine and in CI.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzreader.core.errors import ImportRefused
from kzreader.core.importing import PreparedArticle, prepare_article

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
SEED_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "cp1250",
    "iso-8859-2",
    "cp1251",
    "koi8-r",
    "mac_roman",
    "cp437",
    "shift_jis",
    "gb18030",
]
CHROME_PIECES = [
    "Skip to content",
    "Lire aussi:",
    "LIRE LA SUITE:",
    "0",
    "2022-01-06T11:54+0100",
    " date 2022-01 https://fr.sputniknews.com/20220106/x-1.html",
    "https://www.rt.com/",
    "Accueil Dernières minutes Le titre de l’article...",
    "Le titre de l’article — RT Russie",
    " | Nouvelles locales",
    "Le titre de l’article",
    "Article suivantAutre chose.",
    "Une phrase de l’article, assez longue pour compter. Une autre!",
    "",
    "  ",
    "—",
    "|",
    "…",
    "\u2028",
    "\r",
    "\ufeff",
    "e\u0301",
]
# Letters of the languages the decoder tells apart (French, Central European,
# Cyrillic) and words of the seeds: random text made of these survives most
# single-byte encodings, so that the decoder's guessing and the language
# detection run, not only the refusals that random code points mostly get.
LETTERS = "".join(
    sorted(
        {c for c in "".join(SEED_TEXTS) if c.isalpha()}
        | set("àâæçéèêëîïôœùûüÿÀÉÈÇÔŒ")
        | set("áäčďěíĺľňóôŕřšťúůýžąćęłńśźżőű")
        | set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ")
    )
)
SEED_WORDS = sorted({w for text in SEED_TEXTS for w in re.findall(r"[^\W\d_]+", text)})
SEPARATORS = [" ", " ", " ", " ", ", ", ". ", "\n", "\n\n", "\r\n", "’", "-", " « ", " » "]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: The long, reproducible run: the same 10,000 inputs every time.
SCALE_EXAMPLES = 10_000
SCALE_SETTINGS = settings(
    max_examples=SCALE_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(data: bytes) -> None:
    try:
        article = prepare_article(data, "fuzz.txt")
    except ImportRefused as refused:
        assert refused.reason.strip()
        return
    assert isinstance(article, PreparedArticle)
    text = article.text
    assert "\r" not in text
    assert not text.startswith("\ufeff")
    assert unicodedata.is_normalized("NFC", text)
    assert article.title.strip() and "\n" not in article.title
    previous_end = -1
    for start, end in article.boilerplate:
        assert isinstance(start, int) and isinstance(end, int)
        assert previous_end < start < end <= len(text) or previous_end < start == 0 < end
        previous_end = end
    assert article.language is None or article.language.isalpha()


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    _check(data)


@SETTINGS
@given(st.text(max_size=2000), st.sampled_from(ENCODINGS))
def test_random_text_in_random_encodings(text: str, encoding: str) -> None:
    _check(text.encode(encoding, errors="ignore"))


@SETTINGS
@given(
    st.lists(st.sampled_from(CHROME_PIECES), max_size=40),
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_chrome_shaped_articles(pieces: list[str], encoding: str) -> None:
    _check("\n".join(pieces).encode(encoding, errors="ignore"))


@SETTINGS
@given(
    st.sampled_from(SEED_TEXTS),
    st.sampled_from(["utf-8", "utf-16-le", "cp1252"]),
    st.lists(
        st.tuples(st.integers(0, 12000), st.binary(max_size=6), st.integers(0, 6)), max_size=8
    ),
)
def test_damaged_seeds(text: str, encoding: str, edits: list[tuple[int, bytes, int]]) -> None:
    data = bytearray(text.encode(encoding))
    for position, inserted, removed in edits:
        at = position % (len(data) + 1)
        data[at : at + removed] = inserted
    _check(bytes(data))


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="ignore")


# Word-shaped text is drawn as one string over an alphabet of letters and of
# private-use characters that stand for a seed word or a separator, then
# translated: drawing lists of words instead made Hypothesis itself take a
# third of the run.
_MARKER_BASE = 0xE000
_SEPARATOR_MARKS = {
    chr(_MARKER_BASE + i): SEPARATORS[i % len(SEPARATORS)] for i in range(3 * len(SEPARATORS))
}
_WORD_MARKS = {
    chr(_MARKER_BASE + 0x100 + i): word + " " for i, word in enumerate(SEED_WORDS[:2000])
}
_MARKS = str.maketrans({**_SEPARATOR_MARKS, **_WORD_MARKS})


def _translated(drawn: str) -> str:
    return drawn.translate(_MARKS)


def _sized_text(alphabet: str, most: int) -> st.SearchStrategy[str]:
    """Text of a length drawn from 0 to ``most``: Hypothesis's own sizes
    are mostly a few characters, too short for the decoder's guessing."""
    return st.integers(0, most).flatmap(
        lambda size: st.text(alphabet=alphabet, min_size=size, max_size=size)
    )


#: Words of random European letters, and prose made of the seeds' words.
EUROPEAN_TEXT = st.one_of(
    _sized_text(LETTERS + "".join(_SEPARATOR_MARKS), 2000),
    _sized_text("".join(_WORD_MARKS) + "".join(_SEPARATOR_MARKS), 400),
).map(_translated)
#: Random bytes, or random text (any code points, or European words) in a
#: random encoding: UTF-8, UTF-16 and UTF-32 with and without a BOM, the
#: Western, Central European and Cyrillic code pages, Mac Roman, and
#: encodings the decoder does not know (cp437, Shift JIS, GB 18030).
RANDOM_INPUTS = st.one_of(
    st.binary(max_size=4000),
    st.builds(
        _encoded, st.one_of(st.text(max_size=2000), EUROPEAN_TEXT), st.sampled_from(ENCODINGS)
    ),
)


@pytest.mark.slow
@SCALE_SETTINGS
@given(RANDOM_INPUTS)
def test_random_inputs_at_scale(data: bytes) -> None:
    _check(data)
