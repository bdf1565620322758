"""Where text saved from a web page glues a sentence or a heading to the next.

A page's paragraphs and sub-heads often lose their line breaks when the page
is saved as text: "accordé à Sputnik.Selon lui", "Violente contestationUn
contingent". ``glue_breaks`` finds those places, as code-point offsets of the
first character of the second sentence, so that a reader can show a thin
break there without touching the text.

A place is glued when, with no space between them:

- sentence punctuation (``. ! ? … : ; »``) is followed by an upper-case
  letter, or ``. ! ? …`` by a digit or an opening quotation mark
  ("semaines.353 policiers", "Sputnik.«Selon");
- a lower-case letter is followed by an upper-case one ("contestationUn");
- a heading of a few words without final punctuation ends in a number, a
  closing bracket or quotation mark, or an acronym, and a sentence follows
  ("Le bilan 2021Le pays", "Le rôle de l'OTSCLa mission").

Letters are told apart by their Unicode case, so Cyrillic, Greek and
accented Latin behave as ASCII does (letters of the Basic Multilingual Plane).

Not glued: initials and abbreviations ("U.S.A", "M.Dupont", "г.Москва",
"Dr.Watson"); numbers, dates and times ("3.5", "06.01.2022", "12:30");
web addresses, file paths, e-mail addresses and handles; camel-case names
at a word's start: a one-letter prefix ("iPhone", "eBay", "kWh"), a short
capitalised one ("McDonald", "YouTube", "LeBron") unless what follows is a
word that starts sentences ("ZasSelon"), and a list of well-known longer
ones ("PowerPoint", "WhatsApp", "LinkedIn").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

#: Punctuation that ends a sentence or introduces the next.
SENTENCE_END = ".!?…:;»"
#: Punctuation after which a number or a quotation may start a sentence.
NUMBER_END = ".!?…"
#: Characters that open a quotation.
OPENING_QUOTES = '«“„‹"'
#: Characters that close a heading ending in a bracket or a quotation.
CLOSERS = ')]”"'


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Abbreviations written with a final full stop, lower-cased (one-letter
#: ones are initials and need no entry).
ABBREVIATIONS = _words(
    """
    mm mme mmes mlle mlles mgr dr pr me st ste mr mrs ms jr sr prof gen gén col lt
    sgt capt cdt cne cf vs no nos art ch chap fig vol pp ph av apr env ex
    ул им пр св тов гг вв др проф акад ген тыс млн млрд руб
    """
)
#: Camel-case names with a long prefix that are one word, not two glued.
CAMEL_CASE_NAMES = _words(
    """
    ArcelorMittal AstraZeneca BioNTech BlackBerry BlackRock BlaBlaCar BuzzFeed
    CloudFlare DeepMind DreamWorks ExxonMobil FaceTime GlaxoSmithKline HuffPost
    JavaScript LinkedIn MasterCard MySpace NordStream OpenAI PlayStation
    PowerPoint SharePoint SoundCloud SpaceX StarLink TotalEnergies WhatsApp
    WikiLeaks WordPress
    """
)
#: Words that start sentences: after a short capitalised prefix they mark
#: a glued sentence, not a camel-case name ("ZasSelon", but "McDonald").
SENTENCE_STARTERS = _words(
    """
    Le La Les Il Ils Elle Elles Un Une Des Du De En Au Aux Ce Cette Ces Cela
    Selon Dans Pour Par Sur Mais Et Lors Après Avant Depuis Alors Ainsi On
    Nous Je Son Sa Ses Leur Leurs Plus Pourtant Enfin
    The A An In It He She They We This That These According But And As At For
    В На По Он Она Они Это Как Но И С Также Однако
    """
)
#: A heading glued to a sentence has at most this many characters, words.
HEADING_CHARS = 100
HEADING_WORDS = 12
#: Longest address looked for around a place, each side.
ADDRESS_REACH = 80
#: What separates the words of an address from the text around it.
_SPACES = " \n\t\u00a0\u2029"
#: Farthest look-around, in characters, when judging one place: keeps the
#: work bounded on text without spaces.
REACH = 200


@lru_cache(maxsize=1)
def _classes() -> tuple[str, str]:
    """Regular-expression classes of the upper-case (and title-case) and the
    lower-case letters of the Basic Multilingual Plane (a bitmap to ``re``).
    The plane is tested a slice at a time: in one piece, each test ran in C
    for 5-10 ms without letting another thread take the interpreter's lock
    (built on a worker, it held up the window's painting that long)."""

    def ranges(letters: str) -> str:
        out: list[str] = []
        start = previous = -2
        for cp in map(ord, letters):
            if cp != previous + 1:
                if start >= 0:
                    out.append(_range(start, previous))
                start = cp
            previous = cp
        if start >= 0:
            out.append(_range(start, previous))
        return "".join(out)

    def letters(test: Callable[[str], bool]) -> str:
        return "".join(
            "".join(filter(test, map(chr, range(k, k + _SLICE)))) for k in range(0, 0x10000, _SLICE)
        )

    return ranges(letters(is_upper)), ranges(letters(is_lower))


#: Code points tested at a time by ``_classes``.
_SLICE = 2048


def _range(first: int, last: int) -> str:
    a = re.escape(chr(first))
    return a if first == last else f"{a}-{re.escape(chr(last))}"


@lru_cache(maxsize=1)
def _candidates() -> re.Pattern[str]:
    """Places worth a closer look (one character class first, which ``re``
    scans fast): an upper-case letter after a lower-case letter, sentence
    punctuation or a closer; a digit or a quotation mark after a word and
    ``.!?…``; a capitalised word after a digit; the last capital of an
    acronym before a lower-case letter."""
    upper, lower = _classes()
    before = re.escape(SENTENCE_END + CLOSERS)
    quotes = re.escape(OPENING_QUOTES)
    ends = re.escape(NUMBER_END)
    return re.compile(
        f"[{upper}0-9{quotes}]"
        f"(?:(?<=[{lower}{before}][{upper}])"
        f"|(?<=[{upper}{lower}{before}][{ends}][0-9{quotes}])"
        f"|(?<=[0-9][{upper}])(?=[{lower}])"
        f"|(?<=[{upper}]{{3}})(?=[{lower}]))"
    )


#: An upper-case or title-case letter (one character: ``istitle`` is true
#: of those alone).
is_upper = str.istitle
#: A lower-case letter.
is_lower = str.islower


def prepare() -> None:
    """Build the letter classes and the pattern (about 50 ms) ahead of the
    first text, e.g. on a worker when a window opens."""
    _candidates()


def glue_breaks(text: str) -> list[int]:
    """Offsets (code points, ascending) where a sentence or a heading is
    glued to the next: the offset of the next one's first character."""
    out: list[int] = []
    for match in _candidates().finditer(text):
        p = match.start()
        if p < 1:
            continue
        kind = _judge(text, p)
        if kind == "heading" and not _after_heading(text, p, out[-1] if out else 0):
            continue
        if kind:
            out.append(p)
    return out


def breaks_between(breaks: list[int], start: int, end: int) -> list[int]:
    """The offsets of ``breaks`` (ascending) within ``[start, end)``."""
    return breaks[bisect_right(breaks, start - 1) : bisect_right(breaks, end - 1)]


def _judge(text: str, p: int) -> str:
    """``sentence``, ``heading`` (glued only after a heading) or ``""``."""
    ch, prev = text[p], text[p - 1]
    if prev in SENTENCE_END:
        return "sentence" if _after_punctuation(text, p, ch, prev) else ""
    if not is_upper(ch) or in_address(text, p):
        return ""  # a digit or a quotation starts a sentence only after punctuation
    if is_lower(prev):
        return "sentence" if _camel_is_glue(text, p) else ""
    return "heading" if _heading_end(text, p, prev) else ""


def _after_punctuation(text: str, p: int, ch: str, prev: str) -> bool:
    before = text[p - 2] if p >= 2 else " "
    if ch.isdigit() or ch in OPENING_QUOTES:
        if prev not in NUMBER_END or before.isdigit() or before.isspace():
            return False  # "3.5", "06.01.2022", " .5"
        if ch in OPENING_QUOTES:
            after = text[p + 1 : p + 3].lstrip("\u00a0\u202f ")
            if not after or not (is_upper(after[0]) or after[0].isdigit()):
                return False
    if prev == "." and _abbreviation(text, p - 1):
        return False
    if prev in ":;" and not (before.isalpha() or before in CLOSERS):
        return False  # "12:30", "A:B" keep their letters; ": Le" never gets here
    return not in_address(text, p)


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an initial or an abbreviation."""
    start = dot
    while start > 0 and dot - start < 12 and text[start - 1].isalpha():
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    return len(word) == 1 or word.lower() in ABBREVIATIONS


def in_address(text: str, p: int) -> bool:
    """Whether ``p`` lies in a web address, a path, an e-mail or a handle:
    its run of non-space characters holds ``/``, ``@`` or ``www.``."""
    window = text[max(0, p - ADDRESS_REACH) : p + ADDRESS_REACH]
    if "/" not in window and "@" not in window and "www." not in window.lower():
        return False
    lo = max(text.rfind(c, max(0, p - ADDRESS_REACH), p) for c in _SPACES) + 1
    ends = [e for e in (text.find(c, p, p + ADDRESS_REACH) for c in _SPACES) if e >= 0]
    token = text[max(lo, p - ADDRESS_REACH) : min(ends) if ends else p + ADDRESS_REACH]
    return "/" in token or "@" in token or "www." in token.lower()


def _word_around(text: str, p: int) -> tuple[int, int]:
    lo = p
    while lo > 0 and p - lo < REACH and text[lo - 1].isalpha():
        lo -= 1
    hi = p
    while hi < len(text) and hi - p < REACH and text[hi].isalpha():
        hi += 1
    return lo, hi


def _camel_is_glue(text: str, p: int) -> bool:
    """A lower-case letter then an upper-case one, inside one run of letters:
    two words glued, or one camel-case name?"""
    lo, hi = _word_around(text, p)
    prefix = text[lo:p]
    if len(prefix) == 1:
        return False  # iPhone, eBay, kWh, mRNA
    if text[lo:hi] in CAMEL_CASE_NAMES:
        return False
    if is_upper(prefix[0]) and len(prefix) <= 3:
        # McDonald, YouTube, LeBron, DiCaprio; but "ZasSelon"
        end = p + 1
        while end < hi and not is_upper(text[end]):
            end += 1
        return text[p:end] in SENTENCE_STARTERS and end == hi
    return True


def _heading_end(text: str, p: int, prev: str) -> bool:
    """The end of a heading glued to a capitalised word: a number that is a
    word of its own, a closer, or an acronym before a word that starts
    sentences ("OTSCLa": the heading ends with "OTSC", "La" starts)."""
    end = p + 1
    while end < len(text) and end - p < REACH and is_lower(text[end]):
        end += 1
    if end == p + 1 or (end < len(text) and text[end].isalpha()):
        return False  # "5G", "4Gs", "ONGs"... : not a capitalised word
    if prev.isdigit():
        start = p - 1
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        return start == 0 or not text[start - 1].isalnum()
    if prev in CLOSERS:
        return True
    return is_upper(prev) and text[p:end] in SENTENCE_STARTERS


def _after_heading(text: str, p: int, last_break: int) -> bool:
    """Whether the text before ``p`` is a heading (a few words, no final
    punctuation, starting with a capital or a digit, after a line break, a
    sentence's end or a glued break) and a sentence follows it."""
    start = p
    while start > 0 and start != last_break:
        c = text[start - 1]
        if c in "\n\u2029" or (c in NUMBER_END and text[start].isspace()):
            break
        if p - start >= HEADING_CHARS:
            return False
        start -= 1
    heading = text[start:p].strip()
    if not heading or not (is_upper(heading[0]) or heading[0].isdigit()):
        return False
    if any(c in NUMBER_END for c in heading) or len(heading.split()) > HEADING_WORDS:
        return False
    line_end = text.find("\n", p, p + REACH)
    following = text[p : line_end if line_end >= 0 else p + REACH]
    return len(following.split()) >= 4
