"""Format characters inside words (a soft hyphen, a zero-width space or
joiner, a stray byte-order mark, as text copied from the web holds them):
the stored text keeps them, search and matching see through them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzreader.core.index import body_tokens
from kzreader.core.library import Library
from kzreader.core.textfold import FORMAT_CHARACTERS, fold

SHY = "\u00ad"
ARTICLE = (
    f"La réac{SHY}tion du gouvernement kazakh a été rapide.\n"
    f"Les forces de l’Or{SHY}ga{SHY}ni{SHY}sation du traité sont arrivées à Almaty.\n"
    "Une sta\u200bbilisation est annoncée ; la dé\u2060claration suit.\n"
    "Le pré\u200dsident \ufeffTokaïev a parlé d’une réaction mesurée.\n"
)


@pytest.mark.parametrize("char", list(FORMAT_CHARACTERS))
def test_fold_drops_format_characters(char: str) -> None:
    assert fold(f"Réac{char}tion") == "reaction"


@pytest.mark.parametrize("language", ["fr", None])
def test_a_word_with_a_soft_hyphen_is_one_token_spanning_it(language: str | None) -> None:
    text = f"La réac{SHY}tion, sta{SHY}bi{SHY}lisée."
    tokens = body_tokens(text, language)
    spans = [text[start:end] for _, _, start, end in tokens]
    assert f"réac{SHY}tion" in spans and f"sta{SHY}bi{SHY}lisée" in spans
    words = [term for term, *_ in tokens]
    assert words[-2:] == (
        ["reaction", "stabilis"] if language == "fr" else ["reaction", "stabilisee"]
    )


def test_format_characters_at_word_edges_are_left_out(tmp_path: Path) -> None:
    text = f"\ufefffin{SHY} {SHY} seul"
    assert [text[s:e] for _, _, s, e in body_tokens(text, None)] == ["fin", "seul"]


@pytest.fixture
def formatted(library: Library, tmp_path: Path) -> tuple[Library, int]:
    path = tmp_path / "reaction.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (result,) = library.import_paths([path]).results
    assert result.status == "imported" and result.document_id is not None
    return library, result.document_id


def test_the_stored_text_keeps_the_format_characters(formatted: tuple[Library, int]) -> None:
    lib, doc = formatted
    assert lib.document(doc).text == ARTICLE


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("réaction", [f"réac{SHY}tion", "réaction"]),
        ("reaction", [f"réac{SHY}tion", "réaction"]),
        ("organisation", [f"Or{SHY}ga{SHY}ni{SHY}sation"]),
        ("stabilisation", ["sta\u200bbilisation"]),
        ("déclaration", ["dé\u2060claration"]),
        ("président", ["pré\u200dsident"]),
        ("Tokaïev", ["Tokaïev"]),
        ('"réaction du gouvernement"', [f"réac{SHY}tion du gouvernement"]),
        ("réac*", [f"réac{SHY}tion", "réaction"]),
    ],
)
def test_search_finds_the_word_and_marks_all_of_it(
    formatted: tuple[Library, int], query: str, words: list[str]
) -> None:
    lib, doc = formatted
    (hit,) = lib.search(query).hits
    assert hit.document_id == doc
    text = lib.document(doc).text
    assert [text[start:end] for start, end in hit.matches] == words
    for start, end in hit.snippet_marks:
        assert fold(hit.snippet[start:end]) in {fold(w) for w in words} | {
            fold(w) for w in " ".join(words).split()
        }
