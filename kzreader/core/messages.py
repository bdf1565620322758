"""Sentences the core writes for people, in English or in French.

The core writes English: the reasons an import refuses a file, the words of a
report. Each such sentence is built from a *template* with named fields,
``message("cannot read the file: {error}", error=...)``, which gives a
:class:`Message`: a ``str`` holding exactly the English text (so it is shown,
compared, stored and printed as before) that also keeps its template and
values. :func:`localize` then writes the same sentence in the interface's
language, the French template (``messages_fr``) filled with the same values.

A value may itself be a message (``"looks like {what}, not a plain-text
article: {advice}"``, its ``what`` and ``advice`` phrases messages of their
own): it is put into the other language too, so that a sentence made of
several parts reads whole in French. Other values (file names, encoding
names, byte counts, an error from the system) are kept as they are.

A message pickles with its template and values: import reasons come back
from worker processes whole. A reason that arrives as plain text (written
before, or built elsewhere as a plain ``str``) is recognised by matching it
against the English templates of the import reasons, each field matching
any text (and its value recognised in turn, as a phrase of its own).

A template without its French is shown in English, never as an error; the
tests hold every template the core uses to having its French.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from string import Formatter
from typing import Any

#: The languages the core writes; English is the templates themselves.
LANGUAGES = ("en", "fr")


class Message(str):
    """The English text of ``template`` filled with ``values``, keeping both.

    A template given no values is its own text (its braces, if any, are not
    fields). Slicing or concatenating gives a plain ``str``: localize first.
    """

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, values: Mapping[str, Any] | None = None) -> Message:
        values = dict(values or {})
        self = super().__new__(cls, template.format_map(values) if values else template)
        self.template = template
        self.values = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, self.values))


def message(template: str, /, **values: Any) -> Message:
    """``template`` filled with ``values``: English text that knows how it was made."""
    return Message(template, values)


def language_code(language: str | None) -> str:
    """``"fr"`` for ``"fr"``, ``"fr_FR"`` or ``"fr-CA"``; English for anything
    the core does not write."""
    code = re.split(r"[_\-.@]", (language or "").strip().lower(), maxsplit=1)[0]
    return code if code in LANGUAGES else "en"


def _catalogue(language: str) -> dict[str, str] | None:
    """English template → template in ``language`` (None for English)."""
    if language == "fr":
        from kzreader.core.messages_fr import FRENCH

        return FRENCH
    return None


def _recognised(language: str) -> frozenset[str]:
    """The templates of ``language``'s catalogue that plain text is matched against."""
    if language == "fr":
        from kzreader.core.messages_fr import RECOGNISED

        return RECOGNISED
    return frozenset()


def localize(text: str, language: str | None) -> str:
    """``text`` in ``language`` (``"en"`` or ``"fr"``): a :class:`Message`
    by its template, plain text by matching it against the templates of the
    import reasons. Text the catalogue does not know is returned as it is."""
    code = language_code(language)
    catalogue = _catalogue(code)
    if catalogue is None:
        return str(text)
    if isinstance(text, Message):
        return _fill(catalogue, code, text.template, text.values) or str(text)
    return _recognise(text, code)


def translate(language: str | None, template: str, /, **values: Any) -> str:
    """``message(template, **values)`` written in ``language``."""
    return localize(message(template, **values), language)


def _fill(
    catalogue: Mapping[str, str], language: str, template: str, values: Mapping[str, Any]
) -> str | None:
    other = catalogue.get(template)
    if other is None:
        return None
    if not values:
        return other
    shown = {
        key: localize(value, language) if isinstance(value, Message) else value
        for key, value in values.items()
    }
    return other.format_map(shown)


def fields(template: str) -> list[str]:
    """The names of the fields of ``template``, in order (repeats included)."""
    return [name for _, name, _, _ in Formatter().parse(template) if name is not None]


def _pattern(template: str) -> re.Pattern[str]:
    """``template`` as a regular expression: its text literally, each field
    as a group matching any text (a field named twice matches the same text)."""
    out: list[str] = []
    seen: set[str] = set()
    for literal, name, _, _ in Formatter().parse(template):
        out.append(re.escape(literal))
        if name is None:
            continue
        out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
    return re.compile("".join(out), re.DOTALL)


def _literal_length(template: str) -> int:
    return sum(len(literal) for literal, _, _, _ in Formatter().parse(template))


@lru_cache(maxsize=4)
def _patterns(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The recognised templates with fields, as patterns, the most specific
    (the most literal text) first."""
    with_fields = sorted(
        (t for t in _recognised(language) if fields(t)), key=lambda t: (-_literal_length(t), t)
    )
    return tuple((_pattern(t), t) for t in with_fields)


def template_of(text: str, language: str = "fr") -> tuple[str, dict[str, str]] | None:
    """``(template, values)`` of plain English ``text``, among the templates
    recognised in ``language``'s catalogue; None when none fits."""
    code = language_code(language)
    if text in _recognised(code) and not fields(text):
        return text, {}
    for pattern, template in _patterns(code):
        match = pattern.fullmatch(text)
        if match is not None:
            return template, match.groupdict()
    return None


def _recognise(text: str, language: str) -> str:
    found = template_of(text, language)
    if found is None:
        return text
    template, values = found
    catalogue = _catalogue(language) or {}
    # a value may be a phrase of its own ("a PDF document")
    shown = {key: _recognise(value, language) for key, value in values.items()}
    return catalogue[template].format_map(shown) if shown else catalogue[template]
