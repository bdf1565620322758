"""The words the Reuse dock shows for each row: the headline and details of
a pair, of a passage shared by three articles or more, of a quotation, and
their tooltips. One translation context for all of them."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QObject

from kzreader.gui.panels.reuse_items import (
    ClusterRow,
    QuoteRow,
    ReuseRow,
    date_of,
    distinct,
    outlet_of,
)


class ReuseTexts(QObject):
    """Describes rows in the interface language."""

    def describe(self, row: ReuseRow | ClusterRow | QuoteRow) -> tuple[str, str]:
        """The two lines a row shows above its passage."""
        if isinstance(row, ClusterRow):
            return self._describe_cluster(row)
        if isinstance(row, QuoteRow):
            return self._describe_quote(row)
        al = row.alignment
        unknown_outlet, unknown_date = self.tr("unknown outlet"), self.tr("no date")
        arrow = "→" if al.order == "a-first" else "↔"
        headline = f"{outlet_of(row.a, unknown_outlet)} {arrow} {outlet_of(row.b, unknown_outlet)}"
        order = {
            "a-first": self.tr("{outlet} first").format(outlet=outlet_of(row.a, unknown_outlet)),
            "same-day": self.tr("same day"),
            "unknown": self.tr("order unknown"),
        }.get(al.order, al.order)
        details = self.tr("{date_a} · {date_b} · {words} words · {similarity} % · {order}").format(
            date_a=date_of(row.a, unknown_date),
            date_b=date_of(row.b, unknown_date),
            words=al.words,
            similarity=round(al.similarity * 100),
            order=order,
        )
        return headline, details

    def _first_text(self, order: str, first: Any) -> str:
        unknown_outlet, unknown_date = self.tr("unknown outlet"), self.tr("no date")
        if first is not None:
            return self.tr("first in {outlet} on {date}").format(
                outlet=outlet_of(first, unknown_outlet), date=date_of(first, unknown_date)
            )
        if order == "same-day":
            return self.tr("first appearance: several on the same day")
        return self.tr("first appearance unknown (dates missing)")

    def _describe_cluster(self, row: ClusterRow) -> tuple[str, str]:
        unknown = self.tr("unknown outlet")
        names = distinct([outlet_of(info, unknown) for info in row.infos])
        arrow = " → " if row.first is not None else " · "
        headline = (
            names[0] + arrow + ", ".join(names[1:]) if row.first is not None else arrow.join(names)
        )
        details = self.tr("{articles} articles · up to {words} words · {first}").format(
            articles=len(row.infos), words=row.words,
            first=self._first_text(row.cluster.order, row.first),
        )  # fmt: skip
        return headline, details

    def _describe_quote(self, row: QuoteRow) -> tuple[str, str]:
        unknown = self.tr("unknown outlet")
        group = row.group
        first = row.infos[0] if group.first is not None else None
        names = distinct([outlet_of(info, unknown) for info in row.infos])
        headline = self.tr("Quoted by {n} articles: {outlets}").format(
            n=len(group.documents), outlets=", ".join(names)
        )
        parts = [self._first_text(group.order, first)]
        if row.changed:
            parts.append(
                self.tr("wording changed by {outlets}").format(
                    outlets=", ".join(distinct([outlet_of(i, unknown) for i in row.changed]))
                )
            )
        else:
            parts.append(self.tr("same wording everywhere"))
        return headline, " · ".join(parts)

    def tooltip(self, row: Any, headline: str) -> str:
        if isinstance(row, QuoteRow):
            unknown, no_date = self.tr("unknown outlet"), self.tr("no date")
            lines = [
                f"<b>{html.escape(outlet_of(info, unknown))}</b> · "
                f"{html.escape(date_of(info, no_date))}: <i>« {html.escape(q.text)} »</i>"
                for q, info in zip(row.group.quotes, row.infos, strict=True)
            ]
            return "<br>".join(lines)
        if isinstance(row, ClusterRow):
            titles = "<br>".join(html.escape(info.title) for info in row.infos if info.title)
            return (
                f"<b>{html.escape(headline)}</b><br>{titles}<br><i>{html.escape(row.snippet)}</i>"
            )
        if row.a.title:
            return (
                f"<b>{html.escape(row.a.title)}</b><br>{html.escape(row.b.title)}"
                f"<br><i>{html.escape(row.snippet)}</i>"
            )
        return html.escape(row.snippet)
