"""The fast tokenizer used for match offsets agrees with the index's analyzers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzreader.core.index import body_field, body_tokens, make_schema

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXTRA = "Des drapeaux 🇰🇿 et l’ŒUVRE d’État: qu’il STABILISÉE, Tokaïev_2 ß straße 3,5 %."
# Format characters inside words (soft hyphen, zero-width space, joiners, a
# stray byte-order mark) and around them.
FORMATTED = (
    "La réac\u00adtion de l’Or\u00adgani\u00adsation, sta\u200bbilisée ; "
    "Tokaïev\u2060s a\u200d\u200cb \ufeffdébut fin\u00ad \u00ad seul."
)


@pytest.mark.parametrize("language", ["fr", "en", "de", "ru", None, "zz"])
def test_body_tokens_equal_the_analyzer(language: str | None) -> None:
    schema = make_schema()
    analyzer = schema[body_field(language)].analyzer
    for text in [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] + [EXTRA, FORMATTED]:
        expected = [
            (t.text, t.pos, t.startchar, t.endchar)
            for t in analyzer(text, positions=True, chars=True, mode="index")
        ]
        assert body_tokens(text, language) == expected
