"""A REFI-QDA source's text as kzreader keeps it, and how the tool that
wrote the project counted its Windows line breaks (CRLF): as two characters
(REFI-QDA, MAXQDA) or as one (QualCoder's "MAXQDA line endings", ATLAS.ti),
decided per source from the selections' names, with the warnings that say so.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable

from kzreader.core.importing.normalize import BOM


def _clean(text: str) -> str:
    """Newlines as ``\\n`` and Unicode NFC, as kzreader keeps every text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def _names(names: list[str], shown: int = 5) -> str:
    """``'a', 'b' and 3 more``: what a warning names."""
    listed = ", ".join(f"'{name}'" for name in names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _folded(text: str) -> str:
    return " ".join(_clean(text).split())


def _line_endings(raw: str, spans: list[tuple[str | None, int, int]]) -> tuple[int, str, list[int]]:
    """How another tool counted the ``"\\r\\n"`` of a CRLF text: as two
    characters (as REFI-QDA, MAXQDA and kzreader do) or as one (QualCoder's
    "MAXQDA line endings" export, ATLAS.ti). A selection's name is its
    quote in the tools that name selections: the count whose slices match
    the names wins. Returns ``(characters per CRLF, verdict, indices of the
    spans the count moves)``; the verdict is ``same`` (no CRLF before a
    selection: nothing to decide), ``two`` or ``one`` (the names say so),
    ``neither`` (no count matches the names) or ``unchecked`` (no names)."""
    if "\r\n" not in raw or not spans:
        return 2, "same", []
    one = raw.replace("\r\n", "\n")
    affected: list[int] = []
    matches = {1: 0, 2: 0}
    named = 0
    for n, (quote, a, b) in enumerate(spans):
        as_two, as_one = raw[a:b], one[a:b]
        if _folded(as_two) == _folded(as_one):
            continue
        affected.append(n)
        wanted = _folded(quote or "").rstrip("…").rstrip(".").strip()
        if not wanted:
            continue
        named += 1
        for count, piece in ((2, as_two), (1, as_one)):
            got = _folded(piece)
            if got == wanted or (len(wanted) >= 8 and got.startswith(wanted)):
                matches[count] += 1
    if not affected:
        return 2, "same", []
    if matches[1] > matches[2]:
        return 1, "one", affected
    if matches[2] > matches[1]:
        return 2, "two", affected
    if any(b > len(one) for _, _, b in spans):  # only two characters per CRLF fit
        return 2, "two", affected
    return 2, ("neither" if named else "unchecked"), affected


def _line_ending_warnings(found: dict[str, list[tuple[str, int]]]) -> list[str]:
    """What a project's CRLF sources warn of, by ``_line_endings``' verdict
    (``{verdict: [(source name, selections moved)]}``)."""

    def names(sources: list[tuple[str, int]]) -> str:
        return _names([name for name, _ in sources])

    out = []
    if found.get("one"):
        sources = found["one"]
        out.append(
            f"{len(sources)} source(s) count a Windows line break (CRLF) as one character, "
            "as QualCoder's 'MAXQDA line endings' export and ATLAS.ti do; their "
            f"{sum(n for _, n in sources)} selection(s) after a line break were placed "
            f"accordingly: {names(sources)}"
        )
    for verdict, why in (
        (
            "neither",
            "their names match the text neither with a line break (CRLF) counted "
            "as two characters nor as one",
        ),
        (
            "unchecked",
            "they are unnamed, so whether the other tool counted a line break "
            "(CRLF) as one character or two cannot be checked",
        ),
    ):
        sources = found.get(verdict, [])
        if sources:
            out.append(
                f"{sum(n for _, n in sources)} selection(s) of {len(sources)} source(s) with "
                f"Windows line breaks may be misplaced: {why}. They were placed counting two "
                f"characters and marked fuzzy; check them: {names(sources)}"
            )
    return out


def _normalize(raw: str, positions: Iterable[int], crlf: int = 2) -> tuple[str, dict[int, int]]:
    """The text as kzreader keeps it (see ``importing.normalize``: no BOM,
    ``\\n`` newlines, NFC) and where each of ``positions`` of ``raw`` lands
    in it. ``crlf``: how many characters the other tool counted for a
    ``"\\r\\n"``. Counted as two (as they are in ``raw``), a CRLF text's
    selections move back one character per line break before them; counted
    as one (QualCoder's "MAXQDA line endings", ATLAS.ti), they do not."""
    shift = 1 if raw.startswith(BOM) else 0
    text = raw[shift:]
    removed: list[int] = []  # where each "\r\n" lost its "\n", in ``text``
    if "\r" in text:
        if crlf == 2:
            removed = [m.start() + 1 for m in re.finditer("\r\n", text)]
        text = text.replace("\r\n", "\n").replace("\r", "\n")

    def unfolded(p: int) -> int:
        q = max(0, p - shift)
        return q - bisect_left(removed, q)

    wanted = sorted(set(positions))
    if unicodedata.is_normalized("NFC", text):
        return text, {p: unfolded(p) for p in wanted}
    final = unicodedata.normalize("NFC", text)
    # NFC joins letters and accents: a position's new value is the length of
    # the normalised text before it, summed piece by piece between positions.
    mapped: dict[int, int] = {}
    before = length = 0
    for p in wanted:
        q = unfolded(p)
        length += len(unicodedata.normalize("NFC", text[before:q]))
        before = q
        mapped[p] = min(length, len(final))
    return final, mapped
