"""Where a search matches in each document, fast enough for a concordance of
the whole library.

``hits.find_matches`` gives the offsets autocode tags: it runs the body
field's analysis over the whole text (every word folded and stemmed), about
1.7 ms for an article of 4 KB, 17 s for 10,000 of them. ``HitFinder`` gives
the same offsets without analysing every word:

- every term a word can index under starts with the fold of the word's first
  letter, in one case or the other (the stemmers only take off or change
  endings, and folding works letter by letter), so only the words starting
  with a letter that folds to the first letter of one of the query's terms
  can match. One regular expression, led by a class of those letters (every
  code point whose fold starts with them, e.g. ``Kk`` and their accented,
  full-width and mathematical forms for ``k``), lists them in C;
- the distinct words listed are analysed once per search, whatever the
  number of articles they occur in (words follow Zipf's law: a few thousand
  for 10,000 articles), and those whose term the query matched are found
  again with ``str.find``, each occurrence checked to be a whole word;
- most articles need no scan at all: the index knows how many times each
  term occurs in each article (outside the boilerplate, as here), so when
  the words already seen to match are found that many times in an article
  by ``str.find`` alone, they are all its hits (``HitFinder.expected_counts``);
  otherwise it is scanned.

A quoted phrase is found from its first word: the words after it, stop
words left out, must be its next terms (the index numbers positions so). It
falls back on ``find_matches`` for what that reasoning does not cover: a
term starting with a letter outside the Latin, Greek, Cyrillic and Armenian
scripts (in Hangul and some Indic scripts, a letter and the next can fold
into another letter). ``tests/core/test_kwic.py`` holds the two equal on the
sample articles and on words made to trip them.
"""

from __future__ import annotations

import array
import re
import sys
import time
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from whoosh import query
from whoosh.reading import IndexReader

from kzreader.core.hits import (
    HitText,
    find_matches,
    merge_overlapping,
    query_phrases,
    standalone_terms,
)
from kzreader.core.index import WORD_PATTERN, body_field, index_term
from kzreader.core.textfold import _SPECIAL, FORMAT_CHARACTERS

__all__ = ["HitFinder", "first_letter_class"]

_WORD = re.compile(WORD_PATTERN)
_WORD_CHAR = re.compile(r"\w")
_FORMAT = set(FORMAT_CHARACTERS)
_JOINERS = _FORMAT | {"_"}
#: Most words found again without a scan (``_Words.known_spans``): past
#: that, one scan is quicker than a search for each.
KNOWN_WORDS = 12


def simple_letter(char: str) -> bool:
    """Latin, Greek, Cyrillic and Armenian letters and digits: those that no
    following letter can fold together with (``test_kwic`` checks it
    against Unicode's compositions)."""
    code = ord(char)
    return code < 0x0590 or 0x1E00 <= code < 0x2000


#: Code points left out of ``_folded_first_letters``: CJK ideographs, Hangul
#: syllables and Tangut fold to themselves or to one another, never to a
#: simple letter or to nothing (a test holds the table equal without them).
IDEOGRAPHS = ((0x3400, 0xA000), (0xAC00, 0xD7A4), (0x17000, 0x18D00), (0x20000, 0x40000))


#: Code points read at a time by ``_folded_first_letters``: each step over
#: them is one call into C holding the interpreter's lock, about 1 ms for
#: this many, where the whole of Unicode at once held it 20-40 ms a step
#: (the GUI thread waited for it when a window opened).
CODE_POINT_CHUNK = 1 << 15


def _code_point_chunks(skip: tuple[tuple[int, int], ...]) -> Iterator[str]:
    """Every code point but the surrogates and the ranges ``skip``, in
    ascending order, as strings of at most ``CODE_POINT_CHUNK``."""
    start = 0
    codec = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
    for begin, end in (*sorted((*skip, (0xD800, 0xE000))), (0x110000, 0x110000)):
        for low in range(start, begin, CODE_POINT_CHUNK):
            codes = array.array("I", range(low, min(low + CODE_POINT_CHUNK, begin)))
            yield codes.tobytes().decode(codec)
        start = end


def _fold_each(chars: list[str]) -> list[str]:
    """``textfold.fold`` of each character, taken on them all at once (a
    character each, joined by NUL, which no step changes or merges with
    its neighbours) rather than one call each."""
    joined = "\0".join(chars).lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", joined)
    marks = [c for c in set(decomposed) if unicodedata.combining(c)]
    stripped = decomposed.translate(dict.fromkeys(map(ord, marks)))
    return unicodedata.normalize("NFC", stripped).split("\0")


@lru_cache(maxsize=2)
def _folded_first_letters(
    skip: tuple[tuple[int, int], ...] = IDEOGRAPHS,
) -> tuple[dict[str, str], str]:
    """``({simple letter: every word character whose fold starts with it, in
    either case}, the word characters that fold to nothing)``, over every
    code point, ``CODE_POINT_CHUNK`` at a time, letting other threads run
    between two."""
    by_letter: dict[str, list[str]] = {}
    empty: list[str] = []
    for chunk in _code_point_chunks(skip):
        chars = _WORD_CHAR.findall(chunk)
        if not chars:
            continue
        for char, fold_of in zip(chars, _fold_each(chars), strict=True):
            if not fold_of:
                empty.append(char)
                continue
            # a letter without a lower case (𝐊, mathematical) folds to a
            # capital (K), which a stemmer may then lower: the classes ignore case
            letter = fold_of[0].lower()[:1]
            if letter < "\u0590" or "\u1e00" <= letter < "\u2000":  # simple_letter
                by_letter.setdefault(letter, []).append(char)
        time.sleep(0)  # the interpreter's lock to whoever waits for it
    return {k: "".join(v) for k, v in by_letter.items()}, "".join(empty)


def first_letter_class(letters: set[str]) -> str:
    """The code points a word indexed under a term starting with one of
    ``letters`` (in either case) can start with, the letters folding to
    nothing included."""
    by_letter, empty = _folded_first_letters()
    lowered = sorted({letter.lower()[:1] for letter in letters})
    return "".join(by_letter.get(letter, letter) for letter in lowered) + empty


@lru_cache(maxsize=64)
def _candidate_pattern(letters: frozenset[str], astral: bool) -> re.Pattern[str]:
    """Whole words starting with one of ``letters``. The class comes first,
    so that the regular expression engine skips to its members at C speed;
    the look-behind then refuses a start inside a word. (``WORD_PATTERN`` is
    ``\\w+`` and format characters joining more: its first ``\\w`` is the
    class here.) Without ``astral``, the characters beyond U+FFFF are left
    out of the class."""
    members = sorted(c for c in set(first_letter_class(set(letters))) if astral or c < "\U00010000")
    escaped = "".join(f"\\U{ord(c):08x}" if ord(c) > 0xFFFF else re.escape(c) for c in members)
    rest = WORD_PATTERN.removeprefix(r"\w+")
    return re.compile(f"[{escaped}](?<!\\w.)\\w*{rest}")


def is_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one whole word as the index cuts words
    (a word runs on across format characters between letters)."""
    found = _WORD.match(text, start)
    if found is None or found.end() != end:
        return False
    before = start - 1
    while before >= 0 and text[before] in _FORMAT:
        before -= 1
    return before < 0 or not _WORD_CHAR.match(text, before)


def blank_spans(text: str, spans: list[list[int]] | list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces: ``textfold.mask_spans``
    (which keeps the line breaks, and takes a Python step per character)
    for words, at C speed."""
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(" " * len(text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _has_astral(text: str) -> bool:
    """Whether ``text`` holds a character beyond U+FFFF (one that UTF-16
    writes as two units): cheap, unlike looking for one. CPython keeps a
    string holding one in 4 bytes a character: a long string taking less
    memory holds none, which spares encoding it (0.1 s for 50 MB)."""
    if text.isascii():
        return False
    if len(text) > 4096:
        try:
            if sys.getsizeof(text) < 4 * len(text):
                return False
        except TypeError:  # an interpreter that does not tell sizes
            pass
    return len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text)


class _Words:
    """Where the words indexed under ``terms`` are in a text, found as above."""

    def __init__(self, terms: set[str], language: str | None) -> None:
        self.terms = terms
        self.language = language
        letters = frozenset(t[0] for t in terms)
        # a class holding characters beyond U+FFFF is scanned 3 times slower:
        # those are looked for only in the texts that hold such characters
        self.pattern = _candidate_pattern(letters, astral=False)
        self.astral_pattern = _candidate_pattern(letters, astral=True)
        self.seen: set[str] = set()
        #: the words seen whose term is one of ``terms``, with that term
        self.matching: dict[str, str] = {}

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, term)`` of each occurrence, in order."""
        pattern = self.astral_pattern if _has_astral(text) else self.pattern
        listed = set(pattern.findall(text))
        new = listed - self.seen
        if new:
            self.seen |= new
            for word in new:
                term = index_term(word, self.language)
                if term in self.terms:
                    self.matching[word] = term
        size_of_text = len(text)
        spans: list[tuple[int, int, str]] = []
        for word in listed.intersection(self.matching):
            term, size = self.matching[word], len(word)
            pos = text.find(word)
            while pos >= 0:
                end = pos + size
                before = text[pos - 1] if pos else " "
                after = text[end] if end < size_of_text else " "
                # a word found between two characters that cannot join it is
                # whole (str.isalnum is re's \w but for "_": a test holds it)
                plain = not (before.isalnum() or before in _JOINERS) and not (
                    after.isalnum() or after in _JOINERS
                )
                if plain or is_word(text, pos, end):
                    spans.append((pos, end, term))
                    pos = text.find(word, end)
                else:
                    pos = text.find(word, pos + 1)
        spans.sort()
        return spans

    def known_spans(
        self, text: str, chrome: list[tuple[int, int]]
    ) -> list[tuple[int, int, str]] | None:
        """The occurrences of the words already seen to match, outside the
        boilerplate ``chrome`` (sorted spans), with no scan of the text;
        None when one of them is not plainly a whole word (the scan decides)."""
        starts = [a for a, _ in chrome]
        size_of_text = len(text)
        spans: list[tuple[int, int, str]] = []
        for word, term in self.matching.items():
            size = len(word)
            pos = text.find(word)
            while pos >= 0:
                end = pos + size
                span = bisect_right(starts, pos) - 1
                inside = span >= 0 and chrome[span][1] > pos
                if inside or (span + 1 < len(chrome) and chrome[span + 1][0] < end):
                    if not (inside and end <= chrome[span][1]):
                        return None  # a word the boilerplate cuts
                    pos = text.find(word, end)  # set aside: no hit
                    continue
                before = text[pos - 1] if pos else " "
                after = text[end] if end < size_of_text else " "
                if before.isalnum() or after.isalnum():
                    # inside a longer word: that word is found on its own
                    # if known, else the tally falls short and the text is scanned
                    pos = text.find(word, pos + 1)
                    continue
                if before in _JOINERS or after in _JOINERS:
                    return None
                spans.append((pos, end, term))
                pos = text.find(word, end)
        spans.sort()
        return spans


def _phrase_end(text: str, start: int, words: list[str], language: str | None) -> int | None:
    """Where the phrase ``words`` (terms) starting with the word at ``start``
    ends, if it does: the words that follow, stop words left out, are its
    next terms (as the index numbers positions: stop words take none)."""
    wanted = 0
    for found in _WORD.finditer(text, start):
        term = index_term(found.group(), language)
        if term is None:
            continue
        if term != words[wanted]:
            return None
        wanted += 1
        if wanted == len(words):
            return found.end()
    return None


class _FieldFinder:
    """``find_matches`` for the documents of one body field: each word of
    ``single``, and each occurrence of a phrase as one span, overlapping
    ones merged."""

    def __init__(self, single: set[str], phrases: list[list[str]], language: str | None) -> None:
        self.single = single
        self.phrases = phrases
        self.language = language
        self.words = _Words(single | {words[0] for words in phrases}, language)
        self.starting: dict[str, list[list[str]]] = {}
        for words in phrases:
            self.starting.setdefault(words[0], []).append(words)

    def spans(
        self, text: str, chrome: list[tuple[int, int]], expected: int | None
    ) -> list[tuple[int, int]]:
        """The matches in ``text`` outside ``chrome``. ``expected``: how many
        the index holds for the document, when known: if the words already
        seen to match are found that many times, they are all there is."""
        if expected is not None and not self.phrases and len(self.words.matching) <= KNOWN_WORDS:
            known = self.words.known_spans(text, chrome)
            if known is not None and len(known) == expected:
                return [(start, end) for start, end, _ in known]
        text = blank_spans(text, chrome)
        if not self.phrases:
            return [(start, end) for start, end, _ in self.words.spans(text)]
        marks: set[tuple[int, int]] = set()
        for start, end, term in self.words.spans(text):
            if term in self.single:
                marks.add((start, end))
            for words in self.starting.get(term, ()):
                stop = _phrase_end(text, start, words, self.language)
                if stop is not None:
                    marks.add((start, stop))
        return merge_overlapping(sorted(marks))


class HitFinder:
    """The offsets ``find_matches`` gives for a parsed query ``q`` whose
    terms present in the index are ``matched`` (``(field, term)``)."""

    def __init__(self, q: query.Query, matched: set[tuple[str, str]], schema: object) -> None:
        self.q = q
        self.matched = matched
        self.schema = schema
        self._fields: dict[str, _FieldFinder | None] = {}

    def _finder(self, field: str) -> _FieldFinder | None:
        """The fast finder of a field; None where only ``find_matches`` will do."""
        if field not in self._fields:
            # the words find_matches marks, as it computes them
            terms = {text for name, text in self.matched if name == field and text}
            phrases = [words for name, words in query_phrases(self.q) if name == field and words]
            standalone = {text for name, text in standalone_terms(self.q) if name == field}
            phrase_only = {w for words in phrases for w in words} - standalone
            single = terms - phrase_only
            firsts = single | {words[0] for words in phrases}
            fast = all(t and simple_letter(t[0].lower()[0]) for t in firsts)
            language = field.removeprefix("body_") if field != "body" else None
            self._fields[field] = _FieldFinder(single, phrases, language) if fast else None
        return self._fields[field]

    def expected_counts(self, reader: IndexReader) -> dict[int, int]:
        """``{document number: occurrences of the single terms}`` as the index
        counts them (outside the boilerplate, as the words are found), for
        the fields without a phrase: the tally ``spans`` may check against."""
        counts: dict[int, int] = {}
        for field in sorted({name for name, _ in self.matched}):
            finder = self._finder(field)
            if finder is None or finder.phrases:
                continue
            for term in finder.single:
                if (field, term) not in reader:
                    continue
                for number, frequency in reader.postings(field, term).items_as("frequency"):
                    counts[number] = counts.get(number, 0) + int(frequency)
        return counts

    def spans(self, doc: HitText, expected: int | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` of each match in ``doc.text``, in order;
        ``expected``: the document's count from ``expected_counts``."""
        finder = self._finder(body_field(doc.language))
        if finder is None:
            return find_matches(self.q, self.matched, doc, self.schema)
        if not finder.single and not finder.phrases:
            return []
        chrome = sorted((a, b) for a, b in doc.boilerplate)
        return finder.spans(doc.text, chrome, expected)
