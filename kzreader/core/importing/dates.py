"""Publication dates, as precise as the article tells them (ISO 8601)."""

from __future__ import annotations

import re
from datetime import date, datetime

# A line that is only an ISO 8601 timestamp: "2022-01-06T11:54+0100".
ISO_LINE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)
_URL_DATES = (
    # /20220106/ or -20220106-: eight digits standing alone
    re.compile(r"(?<![0-9])((?:19|20)\d{2})(\d{2})(\d{2})(?![0-9])"),
    # /2022/01/06/ or 2022-01-06 or 2022_01_06
    re.compile(r"(?<![0-9])((?:19|20)\d{2})[/_-](\d{2})[/_-](\d{2})(?![0-9])"),
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(\d{2})/")
# 06.01.2022 (day first, as in French and Russian outlets)
_DOTTED = re.compile(r"(?<![\d.])(\d{2})\.(\d{2})\.((?:19|20)\d{2})(?![\d.])")


def _valid_day(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def header_date(year: str, month: str, day: str | None) -> str | None:
    """``YYYY-MM`` or ``YYYY-MM-DD`` from a ``date …`` header, if valid."""
    if day is not None:
        return _valid_day(year, month, day)
    return f"{year}-{month}" if 1 <= int(month) <= 12 else None


def iso_timestamp(line: str) -> str | None:
    """The timestamp on a line holding only one, normalised, or None.

    ``2022-01-06T11:54+0100`` → ``2022-01-06T11:54+01:00``; the precision
    given (minutes, seconds, a time zone or not) is kept.
    """
    match = ISO_LINE.match(line.strip())
    if match is None:
        return None
    day = match.group("date")
    if _valid_day(*day.split("-")) is None:
        return None
    clock = match.group("time")
    if clock is None:
        return day
    try:
        datetime.strptime(clock[:8], "%H:%M:%S" if len(clock) >= 8 else "%H:%M")
    except ValueError:
        return None
    tz = match.group("tz") or ""
    if tz and tz != "Z":
        if ":" not in tz:
            tz = f"{tz[:3]}:{tz[3:]}"
        hours, minutes = int(tz[1:3]), int(tz[4:6])
        if hours > 14 or minutes > 59:
            return None
    return f"{day}T{clock}{tz}"


def date_from_url(url: str) -> str | None:
    """A date written in a URL's path: ``/20220106/``, ``/2022/01/06/``…"""
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            found = _valid_day(*match.groups())
            if found is not None:
                return found
    match = _URL_MONTH.search(path)
    if match is not None and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{match.group(2)}"
    return None


def dotted_date(line: str) -> str | None:
    """A ``DD.MM.YYYY`` date on ``line``, as ``YYYY-MM-DD``, or None."""
    for match in _DOTTED.finditer(line):
        day, month, year = match.groups()
        found = _valid_day(year, month, day)
        if found is not None:
            return found
    return None


def most_precise(*candidates: str | None) -> str | None:
    """The longest (most precise) of ``candidates``; the first among equals."""
    best: str | None = None
    for candidate in candidates:
        if candidate and (best is None or len(candidate) > len(best)):
            best = candidate
    return best
