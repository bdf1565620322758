"""Judge whether a decoding of single-byte text is right or mojibake.

ASCII is the same in every candidate encoding, so only non-ASCII characters
and their neighbours are looked at. Two measures:

* :func:`mojibake_signs` — shapes that real text does not have: a symbol
  glued inside a word ("ma³y"), a word mixing Latin and Cyrillic letters, a
  Latin word made mostly of accented letters ("Ïðèâåò"), a capital letter
  right after a small one ("secrŽtaire", "нПУЛЧБ");
* :func:`alphabet_misfits` — words holding letters foreign to the language
  the text is written in (French "trčs", Czech "Pøíliš"), the language being
  told by langdetect from the decoded text itself.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from kzreader.core.importing.langid import language_probabilities

WORD = re.compile(r"[^\W\d_]+")
# A non-ASCII symbol glued between two letters. Curly quotes, ellipsis,
# middle dot, soft hyphen and dashes are left out: glued sentences and
# "l’OTSC" are real text (an en dash between small letters is a soft sign).
_SYMBOL_IN_WORD = re.compile(
    r"(?<=[^\W\d_])[^\w\s\x00-\x7f\u2018\u2019\u201c\u201d\u2026\u00b7"
    r"\u2010\u2011\u2013\u2014\u00ad](?=[^\W\d_])"
)
# En dash between two small letters: "ni–o" (Spanish ñ from Mac Roman).
_DASH_IN_WORD = re.compile(r"(?<=[a-zà-ÿ])\u2013(?=[a-zà-ÿ])")
_RARE_LATIN = frozenset("ÐðÞþƒ")
_LONE_WESTERN = frozenset("àÀèéòùóáÿ")

# Non-ASCII letters each language writes (lower case). Loanword accents are
# allowed where common (English "café", German "Café").
_WESTERN_LOAN = "éèàçëïöüñâêôáíóú"
ALPHABETS: dict[str, str] = {
    "en": _WESTERN_LOAN,
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüßéèàç",
    "es": "áéíñóúüç",
    "it": "àèéìíîòóùú",
    "pt": "ãáàâçéêíóôõúü",
    "ca": "àçèéíïòóúü",
    "nl": "éèëïöüáóúâêôç",
    "sv": "åäöéü",
    "fi": "åäöšž",
    "da": "æøåéüäö",
    "no": "æøåéèóôüäö",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "hr": "čćđšž",
    "sl": "čćšž",
    "sq": "çë",
    "tr": "çğıöşüâî",
    "et": "äöõüšž",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
}
_CYRILLIC_LANGS = frozenset({"ru", "uk", "bg", "mk"})
_GREEK_LANGS = frozenset({"el"})


def script_of(char: str) -> str:
    if char.isascii():
        return "latin"
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script.lower()
    return "other"


def non_ascii_words(text: str) -> int:
    return sum(1 for m in WORD.finditer(text) if not m.group().isascii())


def mojibake_signs(text: str) -> tuple[int, int]:
    """``(hard signs, soft signs)`` of a wrong decoding in ``text``.

    Soft signs only break ties: all-capital words ("РТЙЧЕФ"), rare letters,
    and a lone non-ASCII letter that is not a word in any language using the
    Latin script (French "à" read as Central European "ŕ").
    """
    hard = len(_SYMBOL_IN_WORD.findall(text))
    soft = len(_DASH_IN_WORD.findall(text))
    for match in WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        scripts = {script_of(c) for c in word}
        if len(scripts) > 1:
            hard += 1
            continue
        script = scripts.pop()
        if script == "latin" and len(word) >= 4:
            accented = sum(1 for c in word if not c.isascii())
            if accented >= 0.75 * len(word):
                hard += 1
        if _case_break(word):
            hard += 1
        if len(word) >= 4 and word.isupper():
            soft += 1
        if any(c in _RARE_LATIN or unicodedata.category(c) == "Lm" for c in word):
            soft += 1
        if len(word) == 1 and script == "latin" and word not in _LONE_WESTERN:
            soft += 2
    return hard, soft


def _case_break(word: str) -> bool:
    """A capital right after a small letter, one of the two non-ASCII."""
    for prev, cur in pairwise(word):
        if prev.islower() and cur.isupper() and not (prev.isascii() and cur.isascii()):
            return True
    return False


def alphabet_misfits(text: str) -> int:
    """Words with letters foreign to the language langdetect sees in ``text``.

    Returns 0 when the language is unknown or has no alphabet on record, and
    at once, without asking langdetect, when no word has a non-ASCII letter.
    """
    if all(match.group().isascii() for match in WORD.finditer(text)):
        return 0
    found = language_probabilities(text)
    if not found:
        return 0
    lang = found[0][0]
    misfits = 0
    if lang in ALPHABETS:
        allowed = ALPHABETS[lang]
        for match in WORD.finditer(text):
            word = match.group()
            if not word.isascii() and any(
                not c.isascii() and c.lower() not in allowed for c in word
            ):
                misfits += 1
    elif lang in _CYRILLIC_LANGS or lang in _GREEK_LANGS:
        wanted = "cyrillic" if lang in _CYRILLIC_LANGS else "greek"
        for match in WORD.finditer(text):
            word = match.group()
            if not word.isascii() and any(not c.isascii() and script_of(c) != wanted for c in word):
                misfits += 1
    return misfits
