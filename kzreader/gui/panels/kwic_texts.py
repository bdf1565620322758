"""The concordance panel's sentences: its status line and the headings of
the outlets' lines. Translated in the panel's context (``ConcordancePanel``),
as if they were written in it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from kzreader.gui.panels.kwic_model import OutletHeading


def _plural(n: int, one: str, many: str, **facts: object) -> str:
    """``one`` or ``many`` (translated templates with ``{n}``) for ``n``,
    filled with ``facts`` too."""
    return (one if n == 1 else many).format(n=n, **facts)


def counts_text(lines: int, articles: int) -> str:
    """ "N lines in M articles"."""
    translate = QCoreApplication.translate
    return translate("ConcordancePanel", "{lines} in {articles}").format(
        lines=_plural(
            lines,
            translate("ConcordancePanel", "{n} line"),
            translate("ConcordancePanel", "{n} lines"),
        ),
        articles=_plural(
            articles,
            translate("ConcordancePanel", "{n} article"),
            translate("ConcordancePanel", "{n} articles"),
        ),
    )


def heading_text(heading: OutletHeading) -> str:
    """The row above an outlet's lines: "RT: 7 lines in 1 article"."""
    translate = QCoreApplication.translate
    outlet = heading.source or translate("ConcordancePanel", "unknown outlet")
    return translate("ConcordancePanel", "{outlet}: {counts}").format(
        outlet=outlet, counts=counts_text(heading.lines, heading.articles)
    )


def status_text(kind: str, facts: dict[str, Any]) -> str:
    """The status line for ``kind``: ``prompt``, ``running`` (``lines`` so
    far), ``done`` (``lines``, ``articles``), ``tagged`` (``lines``, ``tag``),
    ``exported`` (``lines``, ``file``), else ``facts["message"]``."""
    translate = QCoreApplication.translate
    if kind == "prompt":
        return translate(
            "ConcordancePanel", "Type a search and press Enter: every hit becomes a line."
        )
    if kind == "running":
        if facts.get("lines"):
            return translate("ConcordancePanel", "Looking for the hits… {n} lines so far").format(
                n=facts["lines"]
            )
        return translate("ConcordancePanel", "Looking for the hits…")
    if kind == "done":
        if not facts["lines"]:
            return translate("ConcordancePanel", "No hit (boilerplate set aside is not searched).")
        return counts_text(facts["lines"], facts["articles"])
    if kind == "tagged":
        return _plural(
            facts["lines"],
            translate("ConcordancePanel", "{n} line tagged {tag}: Edit → Undo takes it back."),
            translate("ConcordancePanel", "{n} lines tagged {tag}: Edit → Undo takes them back."),
            tag=facts["tag"],
        )
    if kind == "exported":
        return _plural(
            facts["lines"],
            translate("ConcordancePanel", "{n} line written to {file}."),
            translate("ConcordancePanel", "{n} lines written to {file}."),
            file=facts["file"],
        )
    return str(facts["message"])
