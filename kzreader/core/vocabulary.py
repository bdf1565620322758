"""The words of a search index, read once per segment, so that a prefix, a
wildcard or a fuzzy term finds its words in milliseconds.

Whoosh looks a pattern's words up in the index's lexicon: for a pattern that
starts with a wildcard (``*tion``) it tries every word, one Python call at a
time, and an index of many segments (a large import commits as it goes)
merges the segments' word lists through a heap first — a second per pattern
at 100,000 articles, before any article is read. A segment never changes
once written, so its words are read here once, in one pass over its terms
file, and kept with how many articles hold each (the fields searched
last, up to ``KEPT_WORDS`` words): a wildcard is then one regular-expression
scan over the words joined in a string, a prefix two bisections, a fuzzy
term an edit distance computed in C (rapidfuzz) over the words of its fixed
start.

The patterns mean what Whoosh's ``Prefix``, ``Wildcard`` and ``FuzzyTerm``
mean (``*`` any run of characters, ``?`` one character, Levenshtein
distance with the first ``prefixlength`` characters as written): what the
search finds, the breadth check counts and the highlighter marks stay the
same words. Nothing here imports the rest of the package."""

from __future__ import annotations

import fnmatch
import re
import struct
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

#: The separator of the words joined for a scan: no word holds it.
_SEP = "\x00"
#: Words kept (of the fields and segments searched last), some 10 bytes
#: each: 100,000 generated articles hold 400,000 in their 20 segments.
KEPT_WORDS = 4_000_000
#: Bytes of a terms file read at once while its words are collected.
_CHUNK = 1 << 20

_LENGTHS = struct.Struct("!ii")  # Whoosh's OrderedHashReader: key and value lengths
_FIELD = struct.Struct("!H")  # the field's number at the start of each key
_DOC_FREQ = struct.Struct("!I")  # W3TermInfo: flags (B), weight (f), doc frequency (I)
_DOC_FREQ_AT = 5


class _Words:
    """The words of a ``FieldWords`` as a read-only sequence (for bisection)
    over its joined string: no string object per word is kept."""

    __slots__ = ("_joined", "_starts")

    def __init__(self, joined: str, starts: array) -> None:
        self._joined, self._starts = joined, starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i: int) -> str:
        if not 0 <= i < len(self._starts) - 1:
            raise IndexError(i)
        return self._joined[self._starts[i] + 1 : self._starts[i + 1]]


@dataclass(frozen=True, slots=True)
class FieldWords:
    """One field's words in one segment, in the index's (code point) order,
    with how many of the segment's articles hold each: the words joined in
    one string, each after a separator, and where each separator stands
    (one more at the end), some 10 bytes a word."""

    joined: str  # "\0word\0word…\0"
    starts: array
    freqs: array

    @classmethod
    def of(cls, words: list[str], freqs: array) -> FieldWords:
        starts = array("I", [0])
        at = 0
        for word in words:
            at += len(word) + 1
            starts.append(at)
        joined = _SEP + _SEP.join(words) + _SEP if words else _SEP
        return cls(joined, starts, freqs)

    @property
    def words(self) -> _Words:
        return _Words(self.joined, self.starts)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def prefixed(self, prefix: str) -> range:
        words = self.words
        lo = bisect_left(words, prefix)
        hi = bisect_left(words, prefix + "\U0010ffff", lo)
        return range(lo, hi)

    def matching(self, pattern: str) -> Iterator[int]:
        """The positions of the words a wildcard pattern matches."""
        span = self.prefixed(literal_start(pattern))
        if not span:
            return
        if "[" in pattern:  # a character class: Whoosh's own fnmatch meaning
            exp = re.compile(fnmatch.translate(pattern))
            words = self.words
            yield from (i for i in span if exp.match(words[i]))
            return
        starts = self.starts
        for m in _scanner(pattern).finditer(self.joined, starts[span.start], starts[span.stop] + 1):
            yield bisect_left(starts, m.start())

    def within(self, text: str, maxdist: int, prefixlength: int) -> Iterator[int]:
        """The positions of the words at most ``maxdist`` edits from
        ``text`` that start with its first ``prefixlength`` characters."""
        span = self.prefixed(text[:prefixlength])
        if not span:
            return
        shortest, longest = len(text) - maxdist, len(text) + maxdist
        words = self.words
        candidates = {i: w for i in span if shortest <= len(w := words[i]) <= longest}
        for _word, _dist, i in extract(
            text, candidates, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=None
        ):
            yield i


def literal_start(pattern: str) -> str:
    """The characters of a wildcard pattern before its first wildcard."""
    for i, char in enumerate(pattern):
        if char in "*?[":
            return pattern[:i]
    return pattern


def _scanner(pattern: str) -> re.Pattern[str]:
    """A regular expression finding, in words joined by ``_SEP``, those a
    wildcard pattern matches in full. Each run of characters between two
    stars is matched at its first place (atomically): a pattern with many
    stars then scans in linear time."""
    any_char = f"[^{_SEP}]"
    chunks = [
        "".join(any_char if c == "?" else re.escape(c) for c in chunk)
        for chunk in pattern.split("*")
    ]
    if len(chunks) == 1:
        body = chunks[0]
    else:
        first, *middle, last = chunks
        body = first + "".join(f"(?>{any_char}*?{c})" for c in middle if c)
        body += f"{any_char}*{last}"
    return re.compile(f"{_SEP}{body}(?={_SEP})")


# -- reading a segment's words -------------------------------------------------


def _read_w3(reader, field: str) -> FieldWords | None:  # type: ignore[no-untyped-def]
    """A field's words straight from a Whoosh 3 segment's terms file: each
    record is its key's and value's lengths, the key (the field's number and
    the word) and the term info (whose doc frequency stands at a fixed place).
    None where the segment is not laid out so."""
    terms = getattr(reader, "_terms", None)
    tindex = getattr(terms, "_tindex", None)
    fieldmap = getattr(terms, "_fieldmap", None)
    if tindex is None or fieldmap is None or not hasattr(tindex, "closest_key_pos"):
        return None
    if field not in fieldmap:
        return FieldWords.of([], array("I"))
    number = _FIELD.pack(fieldmap[field])
    pos = tindex.closest_key_pos(number)
    end = tindex.endofdata
    dbfile = tindex.dbfile
    raw: list[bytes] = []
    freqs = array("I")
    unpack_lengths, unpack_freq = _LENGTHS.unpack_from, _DOC_FREQ.unpack_from
    while pos is not None and pos < end:
        chunk = dbfile.get(pos, min(_CHUNK, end - pos))
        at, size = 0, len(chunk)
        while at + _LENGTHS.size <= size:
            keylen, datalen = unpack_lengths(chunk, at)
            key = at + _LENGTHS.size
            record_end = key + keylen + datalen
            if record_end > size:
                if at == 0:  # a record longer than a chunk
                    chunk = dbfile.get(pos, record_end)
                    size = len(chunk)
                    continue
                break
            if chunk[key : key + 2] != number:
                return _decoded(raw, freqs)
            raw.append(chunk[key + 2 : key + keylen])
            freqs.append(unpack_freq(chunk, key + keylen + _DOC_FREQ_AT)[0])
            at = record_end
        pos += at
    return _decoded(raw, freqs)


def _decoded(raw: list[bytes], freqs: array) -> FieldWords:
    words = b"\x00".join(raw).decode("utf-8", "surrogateescape").split(_SEP) if raw else []
    return FieldWords.of(words, freqs)


def _read_any(reader, field: str) -> FieldWords:  # type: ignore[no-untyped-def]
    """A field's words through Whoosh's own interface (any reader)."""
    words, freqs = [], array("I")
    for btext in reader.lexicon(field):
        words.append(btext.decode("utf-8", "surrogateescape"))
        freqs.append(reader.doc_frequency(field, btext))
    return FieldWords.of(words, freqs)


# -- the words of whole readers ------------------------------------------------


class Vocabulary:
    """The words of the segments in use, each read once."""

    def __init__(self, kept: int = KEPT_WORDS) -> None:
        self._kept = kept
        self._fields: OrderedDict[tuple[str, str, str], FieldWords] = OrderedDict()
        self._words = 0
        self._lock = threading.Lock()

    def segment_words(self, reader, field: str) -> FieldWords:  # type: ignore[no-untyped-def]
        """``field``'s words in one segment's reader."""
        segment = getattr(reader, "_segment", None)
        if segment is None:
            return _read_any(reader, field)
        storage = getattr(reader, "_storage", None)
        key = (str(getattr(storage, "folder", id(storage))), segment.segment_id(), field)
        with self._lock:
            found = self._fields.get(key)
            if found is not None:
                self._fields.move_to_end(key)
                return found
        found = _read_w3(reader, field) or _read_any(reader, field)
        with self._lock:
            if key not in self._fields:
                self._fields[key] = found
                self._words += len(found)
            while self._words > self._kept and len(self._fields) > 1:
                self._words -= len(self._fields.popitem(last=False)[1])
        return found

    def count(self, reader, field: str) -> int:  # type: ignore[no-untyped-def]
        """How many words the segments hold (a word in two segments counts
        twice: each is tried)."""
        return sum(len(self.segment_words(r, field)) for r in segments(reader))

    def find(  # type: ignore[no-untyped-def]
        self, reader, field: str, pick: Callable[[FieldWords], Iterable[int]]
    ) -> dict[str, int]:
        """The words ``pick`` chooses in each segment (a range of positions
        or positions one by one), with how many articles hold each in all of
        them, in the index's order."""
        found: dict[str, int] = {}
        for segment in segments(reader):
            fw = self.segment_words(segment, field)
            joined, starts, freqs = fw.joined, fw.starts, fw.freqs
            picked = pick(fw)
            if isinstance(picked, range):
                if not picked:
                    continue
                lo, hi = picked.start, picked.stop
                pairs: Iterable[tuple[str, int]] = zip(
                    joined[starts[lo] + 1 : starts[hi]].split(_SEP), freqs[lo:hi], strict=True
                )
            else:
                pairs = ((joined[starts[i] + 1 : starts[i + 1]], freqs[i]) for i in picked)
            if not found:
                found = dict(pairs)
                continue
            for word, freq in pairs:
                found[word] = found.get(word, 0) + freq
        return dict(sorted(found.items()))


def segments(reader) -> list:  # type: ignore[no-untyped-def]
    """A reader's segment readers (itself if it reads one segment)."""
    subs = getattr(reader, "readers", None)
    if subs is None:
        return [reader]
    return [r for sub in subs for r in segments(sub)]


#: The words of every index this process opens.
VOCABULARY = Vocabulary()


def prefixed(reader, field: str, prefix: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return VOCABULARY.find(reader, field, lambda fw: fw.prefixed(prefix))


def wildcard(reader, field: str, pattern: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return VOCABULARY.find(reader, field, lambda fw: fw.matching(pattern))


def fuzzy(  # type: ignore[no-untyped-def]
    reader, field: str, text: str, maxdist: int, prefixlength: int
) -> dict[str, int]:
    return VOCABULARY.find(reader, field, lambda fw: fw.within(text, maxdist, prefixlength))
