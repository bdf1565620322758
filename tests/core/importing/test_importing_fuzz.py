"""Fuzzing: any bytes give a valid PreparedArticle or an ImportRefused, nothing else."""

from __future__ import annotations

import unicodedata
from pathlib import Path

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
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
