"""Bytes → text: find the encoding of a plain-text article, or refuse the file.

Order: empty input; byte-order marks; known binary formats; UTF-16 without a
BOM; strict UTF-8 (a nearly-UTF-8 file is refused, not guessed); then
Chinese and Japanese multi-byte encodings (GB2312/GBK, Big5, Shift-JIS),
kept only when their characters are frequent Chinese or Japanese ones; then
single-byte encodings (Windows-1252, Latin-1 or Latin-9, Central European,
the Cyrillic code pages, Mac Roman), each decoding judged on its own merits:
the Cyrillic ones against each other by letter frequencies, then all by
signs of mojibake and how well their letters fit the language they read as.
charset-normalizer only breaks the ties that remain. A file that no
candidate decodes plausibly, or that two candidates read as different
plausible texts, is refused rather than imported as mojibake.

:func:`decode_as` decodes with an encoding the user names instead.
"""

from __future__ import annotations

import codecs
import re
from itertools import islice

from kzreader.core.errors import ImportRefused
from kzreader.core.importing.plausibility import (
    WORD,
    alphabet_misfits,
    cjk_fit,
    cyrillic_cost,
    mojibake_signs,
    non_ascii_words,
)
from kzreader.core.importing.signatures import binary_reason, identify_binary
from kzreader.core.messages import Message, message

MAX_BYTES = 100 * 1024 * 1024
MIN_LETTERS = 10

_SAVE_AS_UTF8 = message("open it in a text editor, save it as UTF-8 text and import that")
NOT_TEXT = message(
    "does not look like text (it holds binary data or control characters): "
    "choose the article's .txt file instead"
)
_EMPTY = "the file is empty: there is nothing to import"
_TOO_LARGE = "the file is too large for a single article (over {limit} MB): split it into articles"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Cyrillic code pages, in order of preference when they tie.
_CYRILLIC = (
    "windows-1251",
    "koi8-r",
    "koi8-u",
    "mac_cyrillic",
    "cp866",
    "kz1048",
    "iso-8859-5",
)
# Single-byte candidates after the western one, in order of preference.
_OTHERS = ("iso-8859-15", "windows-1250", "iso-8859-2", *_CYRILLIC, "mac_roman")
# Multi-byte candidates, in order of preference; a later one that reads the
# same text as an earlier one is not asked.
_CJK = ("gb2312", "big5", "shift_jis", "gbk", "cp932")
#: Encodings to offer a user who reads a file again with another one.
CHOICES = ("utf-8", "windows-1252", *_OTHERS, "utf-16", *_CJK)
_CHARSET_NORMALIZER_NAMES = {
    "cp1252": "windows-1252",
    "latin_1": "iso-8859-1",
    "iso8859_15": "iso-8859-15",
    "cp1250": "windows-1250",
    "iso8859_2": "iso-8859-2",
    "cp1251": "windows-1251",
    "koi8_r": "koi8-r",
    "koi8_u": "koi8-u",
    "mac_cyrillic": "mac_cyrillic",
    "cp866": "cp866",
    "kz1048": "kz1048",
    "iso8859_5": "iso-8859-5",
    "mac_roman": "mac_roman",
    "gb2312": "gb2312",
    "big5": "big5",
    "shift_jis": "shift_jis",
    "gbk": "gbk",
    "cp932": "cp932",
}
_CODEC_FOR_CHARSET_NORMALIZER = {v: k for k, v in _CHARSET_NORMALIZER_NAMES.items()}

# Control characters other than tab, newline, vertical tab, form feed, CR.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A well-formed multi-byte UTF-8 sequence.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
SAMPLE_BYTES = 65536  # single-byte candidates are judged on this much text
# Base scores this close to the lowest are told apart by alphabet fit.
_MARGIN = 3.0
CYRILLIC_SAMPLE = 16384  # Cyrillic code pages are compared on this much text
# Cyrillic decodings whose costs (in nats) are this close are ambiguous.
_CYRILLIC_MARGIN = 4.0
# Chinese or Japanese decodings: the least share of frequent characters, and
# how far ahead of another decoding the best must be.
_CJK_FIT = 0.15
_CJK_MARGIN = 0.1


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding name)`` or raise ImportRefused."""
    if not data:
        raise ImportRefused(_EMPTY)
    if len(data) > MAX_BYTES:
        raise ImportRefused(_TOO_LARGE, limit=MAX_BYTES // (1024 * 1024))
    if data.isspace():  # not data.strip(): no copy of a large file
        raise ImportRefused("the file contains only blank space: there is nothing to import")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(memoryview(data)[len(bom) :], encoding), encoding
    kind = identify_binary(data)
    if kind is not None:
        raise ImportRefused(binary_reason(*kind))
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise ImportRefused(NOT_TEXT)
        return found
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        _refuse_damaged_utf8(data, error)
        found = _decode_cjk(data)
        if found is not None:
            return found
        return _decode_single_byte(data)
    _check_controls(text)
    return text, "utf-8"


_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+", re.IGNORECASE)
#: Texts longer than this are not searched for a lone web address.
_URL_ONLY_MAX = 4096


def _has_letters(text: str) -> bool:
    letters = 0
    for match in WORD.finditer(text):
        if len(match.group()) >= 2:
            letters += len(match.group())
            if letters >= MIN_LETTERS:
                return True
    return False


def check_readable(text: str) -> None:
    """Refuse a text without at least a few words' worth of letters, or
    whose only words are web addresses (a link saved instead of a page)."""
    if len(text) <= _URL_ONLY_MAX and _URL.search(text) and not _has_letters(_URL.sub(" ", text)):
        raise ImportRefused(
            "holds only a web address (URL), not an article's text: open the page "
            "in a browser, save it (or copy its text into a .txt file) and import that"
        )
    if _has_letters(text):
        return
    raise ImportRefused(
        "contains no readable text (no words, only digits, punctuation or "
        "blank space): check that this is the article you meant to import"
    )


def _refuse_damaged_utf8(data: bytes, error: UnicodeDecodeError) -> None:
    """Refuse UTF-8 text with a few bad bytes (damaged, or encodings mixed)."""
    # The bytes left once the valid sequences are taken out: their high bytes
    # are the invalid ones. (Listing every sequence and every high byte of a
    # 50 MB Cyrillic file took hundreds of megabytes.)
    rest, valid = _UTF8_SEQUENCE.subn(b"", data)
    invalid = max(1, len(rest.translate(None, _ASCII)))
    del rest
    if valid >= 3 and valid >= 2 * invalid:
        raise ImportRefused(
            "is UTF-8 text with {invalid} invalid byte(s), the first at byte "
            "{position} (the file is damaged or mixes encodings): open it in a "
            "text editor, correct or re-save it as UTF-8 and import that",
            invalid=invalid,
            position=error.start,
        )


def _decode_with_bom(body: memoryview, encoding: str) -> str:
    """Decode what follows a byte-order mark (a view: the bytes are not copied)."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        text = str(body, codec)
    except UnicodeDecodeError:
        raise ImportRefused(
            "starts with a {encoding} byte-order mark but is not valid "
            "{encoding} text (damaged or mislabelled): {advice}",
            encoding=encoding.upper(),
            advice=_SAVE_AS_UTF8,
        ) from None
    _check_controls(text)
    return text


def _more_controls_than(text: str, limit: int) -> bool:
    """Whether ``text`` holds more than ``limit`` control characters; stops
    counting there, and lists none of them."""
    return next(islice(_CONTROL.finditer(text), limit, None), None) is not None


def _check_controls(text: str) -> None:
    if _more_controls_than(text, max(2, len(text) // 200)):
        raise ImportRefused(NOT_TEXT)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Recognise UTF-16 from NUL bytes concentrated on one byte parity."""
    if len(data) < 4:
        return None
    end = len(data) - len(data) % 2
    pairs = end // 2
    even_nuls = data[0:end:2].count(0)
    odd_nuls = data[1:end:2].count(0)
    if odd_nuls >= 0.1 * pairs and even_nuls <= 0.02 * pairs:
        encoding = "utf-16-le"
    elif even_nuls >= 0.1 * pairs and odd_nuls <= 0.02 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _more_controls_than(text, max(2, len(text) // 200)):
        return None
    sample = text[:SAMPLE_BYTES]
    if mojibake_signs(sample)[0] > 0.2 * max(1, non_ascii_words(sample)):
        return None
    return text, encoding


def _byte_chars(encoding: str) -> tuple[str | None, ...]:
    """The character each byte value stands for in ``encoding`` (None: none)."""
    chars: list[str | None] = []
    for value in range(256):
        try:
            chars.append(bytes([value]).decode(encoding))
        except UnicodeDecodeError:
            chars.append(None)
    return tuple(chars)


_SINGLE_BYTE = ("windows-1252", "iso-8859-1", *_OTHERS)
_CHARS = {encoding: _byte_chars(encoding) for encoding in _SINGLE_BYTE}
_IS_CONTROL = {
    encoding: tuple(c is not None and _CONTROL.fullmatch(c) is not None for c in chars)
    for encoding, chars in _CHARS.items()
}
# The byte values on which the candidates can differ, fail, or give a control
# character. Every other byte reads the same in all of them (printable ASCII).
_TELLING = tuple(
    value
    for value in range(256)
    if len({_CHARS[e][value] for e in _SINGLE_BYTE}) > 1
    or any(_CHARS[e][value] is None or _IS_CONTROL[e][value] for e in _SINGLE_BYTE)
)
_ASCII = bytes(range(128))


_UNRECOGNISED = message(
    "is not UTF-8 and its text encoding cannot be recognised with "
    "confidence (every guess gives garbled letters): {advice}",
    advice=_SAVE_AS_UTF8,
)


def _garbled(hard_signs: int, sample: str) -> bool:
    """Too many hard signs of mojibake for a decoding to be trusted."""
    return hard_signs >= 2 and hard_signs > 0.1 * sum(1 for c in sample if not c.isascii())


#: French's œ before u or i (cœur, sœur, œuvre, vœu, œil): the same bytes in
#: Windows-1250 give ś, which Polish never writes before i and hardly before
#: u. A short French text whose only letter outside ASCII is an œ otherwise
#: reads as well in both.
_FRENCH_OE = re.compile("[Œœ][UIui]")


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    """Pick the most plausible single-byte decoding, or refuse the file.

    Candidates are judged on their first :data:`SAMPLE_BYTES` only, for speed;
    whether a candidate decodes the whole file, with how many control
    characters, and whether it reads the same as a preferred one, is told
    from the byte values the file holds, so that only the chosen decoding of
    the whole file is made (not six copies of a 50 MB file).
    """
    present = [value for value in _TELLING if value in data]  # memchr: no copy
    western = "windows-1252" if any(0x80 <= value <= 0x9F for value in present) else "iso-8859-1"
    accepted: list[str] = []
    for encoding in (western, *_OTHERS):
        chars, control = _CHARS[encoding], _IS_CONTROL[encoding]
        if any(chars[value] is None for value in present):
            continue  # a byte it cannot decode
        controls = 0
        for value in present:
            if control[value]:
                controls += data.count(value)
                if controls > 2:
                    break
        if controls > 2:
            continue
        if any(all(chars[v] == _CHARS[other][v] for v in present) for other in accepted):
            continue  # the same text as a preferred encoding
        accepted.append(encoding)
    if not accepted:
        raise ImportRefused(NOT_TEXT)
    head = data[:SAMPLE_BYTES]
    samples = {enc: head.decode(enc) for enc in accepted}  # one byte, one character
    accepted, rival = _best_cyrillic(accepted, samples, head)
    signs = {enc: mojibake_signs(samples[enc]) for enc in accepted}
    base = {enc: hard + 0.5 * soft for enc, (hard, soft) in signs.items()}
    lowest = min(base.values())
    contenders = [enc for enc in accepted if base[enc] <= lowest + _MARGIN]
    garbled = {enc: _garbled(signs[enc][0], samples[enc]) for enc in contenders}
    if all(garbled.values()):
        # The choice is one of the contenders: refused whichever it would
        # be, so langdetect and charset-normalizer need not be asked.
        raise ImportRefused(_UNRECOGNISED)
    if len(contenders) > 1:
        contenders = _best_fits(contenders, base, samples)
    western_oe = "windows-1252" in contenders and _FRENCH_OE.search(samples["windows-1252"])
    if len(contenders) > 1 and western_oe:
        contenders = ["windows-1252"]
    if len(contenders) > 1:
        hint = _charset_normalizer_hint(head, contenders)
        if hint is not None:
            contenders = [hint]
    choice = contenders[0]
    if garbled[choice]:
        raise ImportRefused(_UNRECOGNISED)
    if rival is not None and choice in _CYRILLIC:
        raise ImportRefused(_ambiguous(choice, rival))
    text = data.decode(choice)
    _check_controls(text)
    return text, choice


def _ambiguous(one: str, other: str) -> Message:
    return message(
        "is not UTF-8, and reads as two different plausible texts in {one} and "
        "{other}: import it again naming its encoding, or {advice}",
        one=one,
        other=other,
        advice=_SAVE_AS_UTF8,
    )


def _best_cyrillic(
    accepted: list[str], samples: dict[str, str], head: bytes
) -> tuple[list[str], str | None]:
    """Keep only the likeliest of the Cyrillic code pages among ``accepted``,
    judged on the first :data:`CYRILLIC_SAMPLE` characters (for speed: seven
    code pages may decode a Cyrillic file).

    Returns the candidates left and, when another Cyrillic reading is about as
    likely and charset-normalizer cannot tell them apart either, that rival
    (the file is then refused if a Cyrillic reading is chosen).
    """
    cyrillic = [enc for enc in accepted if enc in _CYRILLIC]
    if len(cyrillic) < 2:
        return accepted, None
    cost = {}
    for enc in cyrillic:
        sample = samples[enc][:CYRILLIC_SAMPLE]
        cost[enc] = cyrillic_cost(sample, mojibake_signs(sample)[0])
    ranked = sorted(cyrillic, key=cost.__getitem__)  # stable: ties keep their order
    best = ranked[0]
    close = [enc for enc in ranked[1:] if cost[enc] - cost[best] < _CYRILLIC_MARGIN]
    rival = None
    if close:
        hint = _charset_normalizer_hint(head, [best, *close])
        if hint is not None:
            best = hint
        else:
            rival = close[0]
    return [enc for enc in accepted if enc not in _CYRILLIC or enc == best], rival


def _decode_cjk(data: bytes) -> tuple[str, str] | None:
    """A Chinese or Japanese decoding of ``data``, or None when none fits.

    Tried only on files that are not UTF-8. A strict decoding succeeds on many
    files that are not in that encoding (Cyrillic or Latin bytes pair up into
    rare ideographs); it is kept only when most of its characters are frequent
    Chinese or Japanese ones, kana or CJK punctuation.
    """
    texts: dict[str, str] = {}
    fits: dict[str, float] = {}
    for encoding in _CJK:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text in texts.values() or _more_controls_than(text, max(2, len(text) // 200)):
            continue
        texts[encoding] = text
        fits[encoding] = cjk_fit(text[:SAMPLE_BYTES])
    if not fits:
        return None
    best = max(fits, key=fits.__getitem__)  # the first of equal ones
    if fits[best] < _CJK_FIT:
        return None
    close = [enc for enc in fits if enc != best and fits[enc] > fits[best] - _CJK_MARGIN]
    if close:
        hint = _charset_normalizer_hint(data[:SAMPLE_BYTES], [best, *close])
        if hint is None:
            raise ImportRefused(_ambiguous(best, close[0]))
        best = hint
    return texts[best], best


def _best_fits(contenders: list[str], base: dict[str, float], samples: dict[str, str]) -> list[str]:
    """The contenders with the lowest base score plus alphabet misfits, in
    their order of preference.

    Misfits need langdetect (a few milliseconds a sample), and are never
    negative: a contender whose base score alone is above the best total so
    far cannot be among the best, and is not given to langdetect. Tried from
    the lowest base score up, most of them are skipped.
    """
    score: dict[str, float] = {}
    best = float("inf")
    for enc in sorted(contenders, key=lambda e: base[e]):  # stable: ties keep their order
        if base[enc] > best:
            break  # the rest have a higher base score still
        score[enc] = base[enc] + alphabet_misfits(samples[enc])
        best = min(best, score[enc])
    return [enc for enc in contenders if score.get(enc) == best]


def _charset_normalizer_hint(data: bytes, candidates: list[str]) -> str | None:
    """charset-normalizer's pick among ``candidates``, or None."""
    isolation = [_CODEC_FOR_CHARSET_NORMALIZER[c] for c in candidates]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=isolation).best()
    except Exception:  # a hint only: never let it break an import
        return None
    if best is None:
        return None
    name = _CHARSET_NORMALIZER_NAMES.get(best.encoding)
    return name if name in candidates else None


def _canonical_names() -> dict[str, str]:
    """Python's codec name → the name kzreader shows, for the encodings it
    recognises itself."""
    names = {}
    for name in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        names[codecs.lookup(name).name] = name
    for name in ("windows-1252", "iso-8859-1", *_OTHERS, *_CJK, "gb18030", "euc_jp", "euc_kr"):
        names[codecs.lookup(name).name] = name
    return names


_SHOWN_NAMES = _canonical_names()


def encoding_name(name: str) -> str:
    """The name kzreader shows for the text encoding ``name`` ("cp1251" →
    "windows-1251"); ValueError when Python knows no such text encoding."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        raise ValueError(f"unknown text encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding")
    return _SHOWN_NAMES.get(info.name, info.name)


def decode_as(data: bytes, encoding: str) -> tuple[str, str]:
    """Decode ``data`` with the encoding the user names; return ``(text,
    encoding name)`` or raise ImportRefused (ValueError: no such encoding).

    A byte-order mark that agrees with the encoding is dropped; bytes that
    are not valid in it are refused, not replaced.
    """
    shown = encoding_name(encoding)
    if not data:
        raise ImportRefused(_EMPTY)
    if len(data) > MAX_BYTES:
        raise ImportRefused(_TOO_LARGE, limit=MAX_BYTES // (1024 * 1024))
    kind = identify_binary(data)
    if kind is not None:
        raise ImportRefused(binary_reason(*kind))
    codec = shown
    if shown == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
        codec = "utf-8-sig"
    elif shown.startswith(("utf-16", "utf-32")) and not shown.endswith(("-le", "-be")):
        codec = shown  # the codec reads the byte-order mark itself
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise ImportRefused(
            "is not valid {encoding} text (byte {position} cannot be read in it): "
            "choose another encoding, or import it without naming one",
            encoding=shown,
            position=error.start,
        ) from None
    text = text.removeprefix("\ufeff")
    _check_controls(text)
    return text, shown
