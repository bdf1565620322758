"""Terminal and JSON output shared by the commands."""

from __future__ import annotations

import json
import os
import shutil
import sys
from typing import Any, TextIO

from kzreader.core.types import LinkInfo, PassageInfo


class Style:
    """ANSI styling, only when writing to a terminal that wants it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        stream = stream or sys.stdout
        self.on = (
            stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        )

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.on and text else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def mark(self, text: str) -> str:
        return self._wrap("1;33", text)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def width() -> int:
    return max(60, shutil.get_terminal_size((100, 24)).columns)


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)] + "…"


def passage_json(p: PassageInfo, links: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": p.id,
        "document_id": p.document_id,
        "start": p.start,
        "end": p.end,
        "exact": p.exact,
        "tags": p.tags,
        "note": p.note,
        "status": p.status,
    }
    if links:
        data["links"] = [link_json(li) for li in p.links]
    return data


def link_json(li: LinkInfo) -> dict[str, Any]:
    return {
        "id": li.id,
        "source_id": li.source_id,
        "target_id": li.target_id,
        "relation": li.relation,
        "direction": li.direction,
        "note": li.note,
        "side": li.side,
        "passage_id": li.other_id,
        "document_id": li.other_document_id,
        "document_title": li.other_document_title,
        "exact": li.other_exact,
    }


def link_line(li: LinkInfo) -> str:
    arrow = "→" if li.side == "out" else "←"
    note = f"  ({clip(li.note, 40)})" if li.note else ""
    return (
        f"{arrow} {li.relation} #{li.other_id} «{clip(li.other_exact, 50)}» in "
        f"“{clip(li.other_document_title, 40)}” [link {li.id}]{note}"
    )


def print_passage(p: PassageInfo, style: Style, show_links: bool = True) -> None:
    status = "" if p.status == "exact" else f" [{p.status}]"
    print(
        f"{style.bold(f'#{p.id}')} doc {p.document_id} [{p.start}:{p.end}]{status} "
        f"«{clip(p.exact, width() - 30)}»"
    )
    if p.tags:
        print(f"    tags: {', '.join(p.tags)}")
    if p.note:
        print(f"    note: {clip(p.note, width() - 12)}")
    if show_links:
        for li in p.links:
            print(f"    {link_line(li)}")
