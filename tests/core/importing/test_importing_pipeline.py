"""prepare_article end to end: the result, its hash, its determinism."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest

from kzreader.core.errors import ImportRefused
from kzreader.core.importing import PreparedArticle, prepare_article
from kzreader.core.importing.pipeline import content_hash

ARTICLE = (
    " date 2022-01 https://francais.rt.com/international/2022/01/13/csto-kazakhstan\r\n"
    "\r\n"
    "Skip to content\r\n"
    "L’OTSC achève sa mission au Kazakhstan — RT en français International\r\n"
    "\r\n"
    "2022-01-13T18:02+0300\r\n"
    "\r\n"
    "Le secrétaire général de l’OTSC, Stanislav Zas, a annoncé la fin de la mission de "
    "maintien de la paix au Kazakhstan. Le retrait des forces a commencé jeudi et doit "
    "durer dix jours, selon le communiqué publié par l’organisation.\r\n"
    "\r\n"
    "Lire aussi : Le Kazakhstan après la crise\r\n"
)


def test_returns_a_complete_prepared_article() -> None:
    article = prepare_article(ARTICLE.encode("cp1252"), "csto.txt")
    assert isinstance(article, PreparedArticle)
    assert article.encoding == "windows-1252"
    assert article.text == ARTICLE.replace("\r\n", "\n")
    assert article.title == "L’OTSC achève sa mission au Kazakhstan"
    assert article.url == "https://francais.rt.com/international/2022/01/13/csto-kazakhstan"
    assert article.published == "2022-01-13T18:02+03:00"
    assert article.source == "RT"
    assert article.language == "fr"
    covered = "".join(article.text[s:e] + "|" for s, e in article.boilerplate)
    assert covered == (
        f" date 2022-01 {article.url}|Skip to content| — RT en français International|"
        "2022-01-13T18:02+0300|Lire aussi : Le Kazakhstan après la crise|"
    )


def test_content_hash_is_sha256_of_the_normalised_text() -> None:
    article = prepare_article(ARTICLE.encode("utf-8"))
    expected = hashlib.sha256(ARTICLE.replace("\r\n", "\n").encode("utf-8")).hexdigest()
    assert article.content_hash == expected == content_hash(article.text)


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE.encode("utf-16"),
        ARTICLE.encode("cp1252"),
        ("\ufeff" + ARTICLE).encode("utf-8"),
        ARTICLE.replace("\r\n", "\n").encode("utf-8"),
        ARTICLE.replace("\r\n", "\r").encode("utf-8"),
        unicodedata.normalize("NFD", ARTICLE).encode("utf-8"),
    ],
    ids=["utf16", "cp1252", "utf8-bom", "lf", "cr", "nfd"],
)
def test_same_text_same_hash_whatever_the_bytes(variant: bytes) -> None:
    assert prepare_article(variant).content_hash == prepare_article(ARTICLE.encode()).content_hash


def test_a_changed_text_changes_the_hash() -> None:
    other = ARTICLE.replace("dix jours", "onze jours")
    assert (
        prepare_article(other.encode()).content_hash
        != prepare_article(ARTICLE.encode()).content_hash
    )


def test_deterministic() -> None:
    data = ARTICLE.encode()
    assert prepare_article(data, "a.txt") == prepare_article(data, "a.txt")


def test_accepts_bytearray_and_memoryview() -> None:
    data = ARTICLE.encode()
    assert (
        prepare_article(bytearray(data))
        == prepare_article(memoryview(data))
        == prepare_article(data)
    )


def test_refusal_is_an_import_refused_with_a_reason() -> None:
    with pytest.raises(ImportRefused) as caught:
        prepare_article(b"%PDF-1.4 ...", "rapport.pdf")
    assert caught.value.reason == str(caught.value)
    assert "PDF" in caught.value.reason
