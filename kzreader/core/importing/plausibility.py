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

Two more tell apart decodings in the same script: :func:`cyrillic_cost`
(letter frequencies of the Cyrillic orthographies, Kazakh's among them) and
:func:`cjk_fit` (frequent Chinese and Japanese characters).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from itertools import islice, pairwise

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
# A one-letter Cyrillic word before a Latin one: "А Almaty" for "À Almaty".
_LONE_CYRILLIC = re.compile(r"(?<![^\W\d_])[\u0400-\u04ff](?= [A-Za-z])")
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
    # The currency sign "¤" is the euro of Latin-9 read as Latin-1.
    soft = len(_DASH_IN_WORD.findall(text)) + text.count("\u00a4")
    soft += 2 * len(_LONE_CYRILLIC.findall(text))
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


# -- Cyrillic: which of the Cyrillic code pages reads the bytes right --------------
#
# The Cyrillic code pages (Windows-1251, KOI8-R/U, CP866, Mac Cyrillic,
# KZ-1048, ISO-8859-5) give letters for most high bytes, so a wrong one rarely
# shows symbols: it shows the wrong letters, capitals inside words, or letters
# of another orthography ("Ђфиша" for "Афиша", "Ќазаќстан" for "Қазақстан").
# Each decoding is scored by how unlikely its letters are in the orthography
# that suits it best (letter frequencies in per cent; a letter the orthography
# does not write costs as much as a rare symbol).

_RUSSIAN = (
    "о10.97 е8.45 а8.01 и7.35 н6.7 т6.26 с5.47 р4.73 в4.54 л4.4 к3.49 м3.21 "
    "д2.98 п2.81 у2.62 я2.01 ы1.9 ь1.74 г1.7 з1.65 б1.59 ч1.44 й1.21 х.97 ж.94 "
    "ш.73 ю.64 ц.48 щ.36 э.32 ф.26 ъ.04 ё.04"
)
_ORTHOGRAPHIES = {
    "ru": _RUSSIAN,
    "kk": "а12 е7.5 ы6 н6.5 т5.8 р5.5 л5.5 і4.5 д4.3 с3.8 м3.5 қ3.3 к3.2 о3 б2.8 "
    "и2.5 у2.6 ғ1.8 ж2 ң1.5 з1.5 ш1.6 й1.3 п1.2 г1.2 ө1 ү1.3 ұ1.3 ә2 в.5 х.2 һ.05 "
    "ц.1 ф.1 ч.2 ь.2 ъ.02 э.05 ю.1 я.3 щ.02 ё.01",
    "uk": "о9.4 а8 н7 і5.8 и6.1 в5.2 р4.8 т5.4 е4.9 с4.3 к4 л3.6 у3.5 д3.4 м3.2 п3 "
    "я2.2 з2.2 ь1.7 б1.6 г1.5 й1.3 ч1.2 х1.1 ц.9 ї.8 ж.9 ш.8 ю.7 є.4 щ.3 ф.2 ґ.02",
    "be": "о8.5 а8 н6.5 і5.5 е5.5 в4.5 р4.5 т4.2 с4.8 к3.8 л3.8 ы4 у3 д3.5 м3.2 п2.8 "
    "я2.5 з2.2 ь1.5 б1.6 г1.6 й1.2 ч1.5 х1 ц1 ж.9 ш.8 ю.6 ў1.5 э.4 ф.2 ё.5",
    "bg": "а10.5 о9 е8.5 и8.5 н7.5 т7 р5 с4.5 в4.5 л3.5 к3.5 д3.2 п3 м3 з2 ъ2 я2 "
    "у1.5 б1.5 г1.5 ч1.2 й1 ж.8 ц.8 ш.7 х.6 щ.5 ю.3 ф.2 ь.05",
    "sr": "а11 о9.5 и9 е8.5 н6 р5 с5 т4.5 ј4.5 у4 д3.5 к3.5 в3.5 л3 м3 п3 з1.5 г1.5 "
    "б1.5 ч1.2 ћ1 њ.6 ж.7 ш.7 ц.7 љ.5 х.3 ђ.2 ф.2 џ.1",
    "mk": "а11 о9 е9 и8 н6 т5.5 р5 с4.5 в4 д3.5 к3.5 л3 п3 м3 ј2.5 у2.5 з1.5 г1.5 б1.5 "
    "ч1 ш.8 ж.6 ц.6 њ.5 ќ.5 х.3 ѓ.2 љ.2 ф.2 ѕ.1 џ.1",
}
_MISSING = math.log(100 / 0.00005)  # a letter the orthography does not write
_ODD_SYMBOL = 9.0  # box drawing, mathematics, ¤ ‰ ™ † ‡ …
_USUAL_SYMBOL = 1.0
_USUAL_SYMBOLS = frozenset("«»—–…„“”‘’№°±·•€§\u00a0\u00ad")
_CAPITAL = 1.0  # capitals are rarer than small letters
_HARD_SIGN = 9.0  # a symbol or capital inside a word, a word of mixed scripts
_SMALL_START = 4.0  # a text or sentence that starts with a small letter
_STARTS = re.compile(r"(?:\A|[.!?] )\W*([^\W\d_])")


def _costs(table: str) -> dict[str, float]:
    return {item[0]: math.log(100 / float(item[1:])) for item in table.split()}


_COSTS = {lang: _costs(table) for lang, table in _ORTHOGRAPHIES.items()}


def cyrillic_cost(text: str, hard_signs: int) -> float:
    """How unlikely ``text`` is as Cyrillic writing (lower is likelier), in
    nats: letter frequencies in the best-fitting orthography, odd symbols,
    capitals, and ``hard_signs`` (from :func:`mojibake_signs`) of mojibake.

    Decodings of the same bytes are compared by this cost: each has one
    character per byte, so the totals weigh the same text.
    """
    counts = Counter(c for c in text if not c.isascii())
    letters: Counter[str] = Counter()
    cost = _HARD_SIGN * hard_signs
    for char, n in counts.items():
        if char.isalpha():
            lower = char.lower()
            letters[lower] += n
            if lower != char:
                cost += _CAPITAL * n
        else:
            cost += n * (_USUAL_SYMBOL if char in _USUAL_SYMBOLS else _ODD_SYMBOL)
    for match in islice(_STARTS.finditer(text), 200):
        first = match.group(1)
        if not first.isascii() and first.islower():
            cost += _SMALL_START
    best = min(
        sum(n * costs.get(letter, _MISSING) for letter, n in letters.items())
        for costs in _COSTS.values()
    )
    return cost + best


# -- Chinese and Japanese -------------------------------------------------------------

_FAMILIAR_CJK: frozenset[str] | None = None


def _familiar_cjk() -> frozenset[str]:
    """The most frequent Chinese and Japanese characters (charset-normalizer's
    lists), kana, and CJK punctuation and full-width forms."""
    global _FAMILIAR_CJK
    if _FAMILIAR_CJK is None:
        chars: set[str] = set()
        try:
            from charset_normalizer.constant import FREQUENCIES

            for lang, listed in FREQUENCIES.items():
                if lang.startswith(("Chinese", "Japanese")):
                    chars.update(listed)
        except Exception:  # the lists are a help, not a requirement
            pass
        chars.update(chr(c) for c in range(0x3000, 0x3040))  # punctuation
        chars.update(chr(c) for c in range(0x3041, 0x3097))  # hiragana
        chars.update(chr(c) for c in range(0x30A1, 0x30FB))  # katakana
        chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
        chars.update("“”‘’…—·")
        _FAMILIAR_CJK = frozenset(chars)
    return _FAMILIAR_CJK


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x30FF
        or 0xFF01 <= code <= 0xFF5E
    )


_GLUED_TO_LATIN = re.compile(r"(?<=[A-Za-z ])[^\x00-\x7f]|[^\x00-\x7f](?=[A-Za-z ])")


def cjk_fit(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are frequent
    Chinese or Japanese characters, kana or CJK punctuation; 0 when any
    non-ASCII character is not Chinese or Japanese writing at all (a
    half-width katakana, a private-use or Hangul character, a Latin letter)."""
    counts = Counter(c for c in text if not c.isascii())
    total = sum(counts.values())
    if not total:
        return 0.0
    familiar = _familiar_cjk()
    good = 0
    for char, n in counts.items():
        if char in familiar:
            good += n
        elif not _is_cjk(char):
            return 0.0
    # Latin or Cyrillic text read as CJK gives ideographs glued to Latin
    # letters ("c渦r") or between spaces, which Chinese and Japanese do not use.
    good -= len(_GLUED_TO_LATIN.findall(text))
    return max(good, 0) / total
