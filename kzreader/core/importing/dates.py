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


# -- dates written in words ------------------------------------------------------

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("janvier", "janv", "january", "jan", "января", "январь", "янв", "қаңтар"),
    2: (
        "février",
        "fevrier",
        "févr",
        "fevr",
        "fév",
        "february",
        "feb",
        "февраля",
        "февраль",
        "фев",
        "ақпан",
    ),
    3: ("mars", "march", "mar", "марта", "март", "мар", "наурыз"),
    4: ("avril", "avr", "april", "apr", "апреля", "апрель", "апр", "сәуір"),
    5: ("mai", "may", "мая", "май", "мамыр"),
    6: ("juin", "june", "jun", "июня", "июнь", "маусым"),
    7: ("juillet", "juil", "july", "jul", "июля", "июль", "шілде"),
    8: ("août", "aout", "august", "aug", "августа", "август", "авг", "тамыз"),
    9: ("septembre", "sept", "september", "sep", "сентября", "сентябрь", "сен", "сент", "қыркүйек"),
    10: ("octobre", "oct", "october", "октября", "октябрь", "окт", "қазан"),
    11: ("novembre", "nov", "november", "ноября", "ноябрь", "ноя", "қараша"),
    12: (
        "décembre",
        "decembre",
        "déc",
        "dec",
        "december",
        "декабря",
        "декабрь",
        "дек",
        "желтоқсан",
    ),
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
#: Kazakh month names take case endings ("наурыздағы", "қаңтарда").
_KAZAKH_MONTHS = tuple(names[-1] for names in _MONTH_NAMES.values())

_WORD = r"[^\W\d_]{3,}\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_WORDED = (
    # 14 janvier 2020, 1er mars 2021, 15 августа 2016 г., 14 March 2023, 14 наурыз 2023
    re.compile(
        r"(?<![\d.:])(?P<day>\d{1,2})(?:er|st|nd|rd|th|-?го|-?е)?\s+"
        rf"(?P<month>{_WORD}),?\s+{_YEAR}"
    ),
    # March 14, 2023
    re.compile(rf"(?<!\w)(?P<month>{_WORD})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}"),
    # 2023 жылғы 14 наурыз, 2023 ж. 14 наурызда
    re.compile(
        r"(?<![\d.])(?P<year>(?:19|20)\d{2})\s*(?:ж\.|жылы|жылғы)?\s+"
        r"(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]{3,})"
    ),
)
# ", 13:43", " à 13h43", " в 13:43", " г., 13:43", " | 09:15"
_TIME_AFTER = re.compile(
    r"\s*(?:г\.|года|ж\.|жыл\w*)?\s*(?:,|à|a|at|в|—|–|-|\|)?\s*"
    r"(?P<hour>\d{1,2})\s*(?::|h|H)\s*(?P<minute>\d{2})(?!\d)"
)
_UPDATED = re.compile(
    r"mis à jour|modifié|actualisé|updated|modified|обновлено|изменено|жаңартыл",
    re.IGNORECASE,
)


def month_number(word: str) -> int | None:
    """The month a French, English, Russian or Kazakh month name stands for."""
    key = word.lower().rstrip(".").replace("ё", "е")
    found = _MONTHS.get(key)
    if found is not None:
        return found
    for number, name in enumerate(_KAZAKH_MONTHS, start=1):
        if key.startswith(name):
            return number
    return None


def _with_time(line: str, end: int, day: str) -> tuple[str, int]:
    """``day`` with the time written after it (if any), and where they end."""
    match = _TIME_AFTER.match(line, end)
    if match is None:
        return day, end
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    if hour > 23 or minute > 59:
        return day, end
    return f"{day}T{hour:02d}:{minute:02d}", match.end()


def worded_date(line: str, at_end: bool = False) -> str | None:
    """A date written with a month name on ``line`` ("Publié le 14 janvier
    2020", "15 августа 2016, 13:43", "March 14, 2023", "2023 жылғы 14
    наурыз"), as ``YYYY-MM-DD`` (with ``THH:MM`` when a time follows it),
    or None. The first valid one on the line is taken; with ``at_end``, only
    one that ends the line (a dateline, an embedded post's signature)."""
    found: list[tuple[int, str]] = []
    size = len(line.rstrip())
    for pattern in _WORDED:
        for match in pattern.finditer(line):
            month = month_number(match.group("month"))
            if month is None:
                continue
            day = _valid_day(match.group("year"), str(month), match.group("day"))
            if day is None:
                continue
            stamp, end = _with_time(line, match.end(), day)
            if at_end and end < size:
                continue
            found.append((match.start(), stamp))
            break
    return min(found)[1] if found else None


def is_update_line(line: str) -> bool:
    """Whether a date on ``line`` is an update's ("Mis à jour le …")."""
    return _UPDATED.search(line) is not None


_RELATIVE_DAYS = {
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "today": 0,
    "сегодня": 0,
    "бүгін": 0,
    "hier": -1,
    "yesterday": -1,
    "вчера": -1,
    "кеше": -1,
    "avant-hier": -2,
    "позавчера": -2,
}
_RELATIVE = re.compile(
    r"(?<!\w)(?P<word>"
    + "|".join(sorted(map(re.escape, _RELATIVE_DAYS), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)


def relative_date(line: str, anchor: date) -> str | None:
    """A date given relative to ``anchor`` ("Hier à 13h43", "сегодня,
    09:15"), or None. Relative words mean nothing without a known day to
    count from: the caller passes one (never the day of the import)."""
    match = _RELATIVE.search(line)
    if match is None:
        return None
    day = date.fromordinal(anchor.toordinal() + _RELATIVE_DAYS[match.group("word").lower()])
    return _with_time(line, match.end(), day.isoformat())[0]
