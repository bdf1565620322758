"""Normalisation: \\n newlines, NFC, a leading BOM dropped, nothing else touched."""

from __future__ import annotations

import unicodedata

import pytest

from kzreader.core.importing import prepare_article
from kzreader.core.importing.normalize import normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("un\r\ndeux\r\n\r\ntrois", "un\ndeux\n\ntrois"),
        ("un\rdeux\r\rtrois\r", "un\ndeux\n\ntrois\n"),
        ("mixte\r\n\rfin\n", "mixte\n\nfin\n"),
        ("\ufeffdébut", "début"),
    ],
)
def test_newlines_and_bom(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_nfd_becomes_nfc() -> None:
    nfc = "Kazakhstan : l’état d’urgence, « Noursoultan Nazarbaïev », Élysée"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert normalize_text(nfd) == nfc


def test_nothing_else_is_changed() -> None:
    text = "  indenté\t\n\n\n trailing   \n\u00a0«\u00a0guillemets\u00a0»\u2028ligne\u2029fin  "
    assert normalize_text(text) == text
    assert normalize_text("a\ufeffb") == "a\ufeffb"  # only a leading BOM goes


def test_prepare_article_stores_normalised_text() -> None:
    body = "Première ligne de l’article sur le Kazakhstan.\r\nSeconde ligne, déjà écrite.\r"
    article = prepare_article(unicodedata.normalize("NFD", body).encode("utf-8"))
    assert (
        article.text
        == "Première ligne de l’article sur le Kazakhstan.\nSeconde ligne, déjà écrite.\n"
    )
    assert "\r" not in article.text
    assert unicodedata.is_normalized("NFC", article.text)
