"""Folding: the quick paths give what stripping every combining mark of the
compatibility decomposition gives, for the scripts of the press the library
holds and for the rest of Unicode's marks."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from kzreader.core import textfold
from kzreader.core.textfold import fold


def reference_fold(word: str) -> str:
    """The plain definition: lower case, the special letters, then every
    combining mark of NFKD dropped."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(textfold._SPECIAL))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def test_the_common_marks_are_the_combining_characters_of_their_block() -> None:
    for code in range(0x0300, 0x0370):
        char = chr(code)
        removed = bool(textfold._COMMON_MARKS.match(char))
        assert removed == bool(unicodedata.combining(char)), hex(code)


def test_the_special_letters_are_all_looked_for() -> None:
    assert {chr(c) for c in textfold._SPECIAL} == {
        c for c in map(chr, range(0x110000)) if textfold._HAS_SPECIAL.match(c)
    }


def test_folding_equals_its_definition(seeds_dir: Path) -> None:
    words = ["Tokaïev", "ŒUVRE", "réac\u00adtion", "Путин Ёлка", "Straße", "Łódź", "İstanbul"]
    words += ["a\u034fb", "ক্ষ", "नमस्ते", "שָׁלוֹם", "e\u20dd", "x\u1dc0y", "ﬁ ½ ㎏", "«l’OTSC»"]
    for path in sorted(seeds_dir.iterdir()):
        words.extend(path.read_text("utf-8", errors="replace").split("\n"))
    rng = random.Random(11)
    marks = [chr(c) for c in range(0x110000) if unicodedata.combining(chr(c))]
    letters = "aeiouçéèàЁёжщαβγ’«» "
    for _ in range(2000):
        alphabet = letters + "".join(rng.sample(marks, 5))
        words.append("".join(rng.choice(alphabet) for _ in range(12)))
    for word in words:
        assert fold(word) == reference_fold(word), word
