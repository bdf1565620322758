"""The memo list (``core.notes``, ``Library.notes``): every note on a
passage or a link, exact rows on a library of two articles built for the
purpose, the filter (note, quote, title; any case, any accents), the two
orders, and a fixed number of queries whatever the library's size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import event

from kzreader.core import passages as ann
from kzreader.core.errors import KzreaderError
from kzreader.core.library import Library
from kzreader.core.notes import QUOTE_MAX, NoteInfo, clip_quote
from kzreader.core.types import LinkInfo, PassageInfo

PAD = (
    "Les observateurs suivent la situation de près dans la région depuis plusieurs jours, "
    "et les chancelleries multiplient les déclarations prudentes. "
) * 4
RETRAIT = (
    " date 2022-01-06 https://www.lemonde.fr/international/retrait\n\n"
    "Le retrait des troupes de l’OTSC\n\n"
    "Kassym-Jomart Tokaïev a demandé l’aide du bloc. "
    f"Les forces de maintien de la paix partiront bientôt. {PAD}\n"
)
ZAS = (
    " date 2022-01-07 https://www.rfi.fr/fr/asie/zas\n\n"
    "Stanislav Zas annonce la fin de la mission\n\n"
    f"Le secrétaire général Stanislav Zas a annoncé la fin de la mission au Kazakhstan. {PAD}\n"
)


@dataclass
class Built:
    lib: Library
    retrait: int
    zas: int
    tokaiev: PassageInfo
    paix: PassageInfo
    general: PassageInfo
    link: LinkInfo


@pytest.fixture
def built(tmp_path: Path) -> Iterator[Built]:
    """Two articles (Le Monde, RFI); three passages, two with a note; a
    link with a note from the RFI passage to the Le Monde one."""
    src = tmp_path / "articles"
    src.mkdir()
    (src / "retrait.txt").write_text(RETRAIT, encoding="utf-8")
    (src / "zas.txt").write_text(ZAS, encoding="utf-8")
    lib = Library(tmp_path / "lib")
    report = lib.import_paths([src])
    assert [r.status for r in report.results] == ["imported", "imported"]
    ids = {d.file_name: d.id for d in lib.documents()}
    retrait, zas = ids["retrait.txt"], ids["zas.txt"]
    tokaiev = lib.highlight(retrait, quote="Kassym-Jomart Tokaïev")
    tokaiev = lib.update_passage(tokaiev.id, note="Le **président** kazakh appelle à l’aide")
    paix = lib.highlight(retrait, quote="maintien de la paix")  # no note
    general = lib.highlight(zas, quote="Le secrétaire général Stanislav Zas")
    general = lib.update_passage(general.id, note="Entretien du *chef* de l’OTSC")
    link = lib.link(general.id, tokaiev.id, "responds to", note="Réponse à l’appel du 5 janvier")
    yield Built(lib, retrait, zas, tokaiev, paix, general, link)
    lib.close()


def passage_row(b: Built, p: PassageInfo) -> NoteInfo:
    p = b.lib.passage(p.id)
    doc = b.lib.document(p.document_id).info
    assert p.note is not None
    return NoteInfo(
        kind="passage",
        passage_id=p.id,
        link_id=None,
        document_id=p.document_id,
        document_title=doc.title,
        outlet=doc.source,
        published=doc.published,
        exact=p.exact,
        start=p.start,
        status="exact",
        note=p.note,
        modified_at=p.modified_at,
        created_at=p.created_at,
    )


def test_every_note_once_by_article_then_place(built: Built) -> None:
    b = built
    rows = b.lib.notes()
    tokaiev, general = passage_row(b, b.tokaiev), passage_row(b, b.general)
    assert (tokaiev.document_title, tokaiev.outlet, tokaiev.published) == (
        "Le retrait des troupes de l’OTSC",
        "Le Monde",
        "2022-01-06",
    )
    assert (general.document_title, general.outlet, general.published) == (
        "Stanislav Zas annonce la fin de la mission",
        "RFI",
        "2022-01-07",
    )
    link = NoteInfo(
        kind="link",
        passage_id=b.general.id,
        link_id=b.link.id,
        document_id=b.zas,
        document_title="Stanislav Zas annonce la fin de la mission",
        outlet="RFI",
        published="2022-01-07",
        exact="Le secrétaire général Stanislav Zas",
        start=b.general.start,
        status="exact",
        note="Réponse à l’appel du 5 janvier",
        modified_at=b.link.created_at,
        created_at=b.link.created_at,
        relation="responds to",
        direction="one-way",
        other_passage_id=b.tokaiev.id,
        other_document_id=b.retrait,
        other_document_title="Le retrait des troupes de l’OTSC",
        other_exact="Kassym-Jomart Tokaïev",
    )
    # "Le retrait…" before "Stanislav Zas…"; a passage's note before its links'
    assert rows == [tokaiev, general, link]
    assert b.paix.id not in {n.passage_id for n in rows}  # no note, no row
    assert tokaiev.note == "Le **président** kazakh appelle à l’aide"  # Markdown as written


def ids(rows: list[NoteInfo]) -> list[tuple[str, int]]:
    return [(n.kind, n.link_id or n.passage_id) for n in rows]


def test_the_filter_reads_the_note_the_quote_and_the_title(built: Built) -> None:
    b = built
    tokaiev, general, link = (
        ("passage", b.tokaiev.id),
        ("passage", b.general.id),
        ("link", b.link.id),
    )
    assert ids(b.lib.notes("président")) == [tokaiev]  # a word of the note
    assert ids(b.lib.notes("PRESIDENT")) == [tokaiev]  # any case, any accents
    assert ids(b.lib.notes("presidént")) == [tokaiev]
    assert ids(b.lib.notes("chef")) == [general]  # the word, not its Markdown marks
    assert ids(b.lib.notes("*chef*")) == []
    assert ids(b.lib.notes("zas")) == [general, link]  # the quote (and the title)
    assert ids(b.lib.notes("tokaiev")) == [tokaiev, link]  # a link's other end counts
    assert ids(b.lib.notes("Monde")) == []  # the outlet is not searched
    assert ids(b.lib.notes("retrait")) == [tokaiev, link]  # an article's title
    assert ids(b.lib.notes("  tokaïev   réponse ")) == [link]  # every word, anywhere
    assert ids(b.lib.notes("maintien")) == []  # that passage has no note
    assert ids(b.lib.notes("")) == ids(b.lib.notes(None)) == [tokaiev, general, link]


def test_a_note_removed_leaves_the_list(built: Built) -> None:
    b = built
    b.lib.update_passage(b.tokaiev.id, note="")
    assert ids(b.lib.notes()) == [("passage", b.general.id), ("link", b.link.id)]
    b.lib.update_passage(b.general.id, note="  \n ")  # blank: no note to list
    assert ids(b.lib.notes()) == [("link", b.link.id)]
    b.lib.unlink(b.link.id)
    assert b.lib.notes() == []
    b.lib.undo()
    assert ids(b.lib.notes()) == [("link", b.link.id)]


def test_a_note_written_shows_and_the_quote_is_clipped(built: Built) -> None:
    b = built
    b.lib.update_passage(b.paix.id, note="- à *vérifier*")
    (row,) = b.lib.notes("verifier")
    assert (row.passage_id, row.exact, row.note) == (
        b.paix.id,
        "maintien de la paix",
        "- à *vérifier*",
    )
    long_quote = "mot " * 200
    assert clip_quote(long_quote) == ("mot " * 100)[: QUOTE_MAX - 1].rstrip() + "…"
    assert len(clip_quote(long_quote)) <= QUOTE_MAX
    assert clip_quote("a\n  b") == "a b"


def test_recent_order_puts_the_note_changed_last_first(built: Built, monkeypatch) -> None:
    b = built
    monkeypatch.setattr(ann, "now_iso", lambda: "2099-01-01T00:00:00+00:00")
    b.lib.update_passage(b.tokaiev.id, note="Relu")
    recent = b.lib.notes(order="recent")
    assert ids(recent)[0] == ("passage", b.tokaiev.id)
    assert recent[0].modified_at == "2099-01-01T00:00:00+00:00"
    assert sorted(ids(recent)) == sorted(ids(b.lib.notes()))
    with pytest.raises(KzreaderError, match="article or recent"):
        b.lib.notes(order="title")


def test_two_queries_whatever_the_number_of_notes(built: Built) -> None:
    b = built
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    b.lib.update_passage(b.paix.id, note="encore une note")
    event.listen(b.lib.store.engine, "before_cursor_execute", count)
    try:
        assert len(b.lib.notes("note")) == 1
        assert len(statements) == 2  # the passages' notes, then the links'
    finally:
        event.remove(b.lib.store.engine, "before_cursor_execute", count)
