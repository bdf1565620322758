"""Passages, tags, links and attributes through the Library façade."""

from __future__ import annotations

import pytest
from tests_support import user_data

from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.library import Library


def test_highlight_from_a_range(seeded: Library, seed_ids) -> None:
    doc = seed_ids["rt_zas"]
    text = seeded.document(doc).text
    start = text.index("Stanislav Zas")
    p = seeded.highlight(doc, start, start + len("Stanislav Zas"), note="le secrétaire général")
    assert (p.document_id, p.exact, p.status, p.note) == (
        doc,
        "Stanislav Zas",
        "exact",
        "le secrétaire général",
    )
    assert p.prefix == text[start - 32 : start] and p.suffix == text[p.end : p.end + 32]
    assert seeded.passage(p.id) == p


def test_highlight_from_a_quote_and_its_nth_occurrence(seeded: Library, seed_ids) -> None:
    doc = seed_ids["rt_zas"]
    text = seeded.document(doc).text
    first = seeded.highlight(doc, quote="dit Zas")
    third = seeded.highlight(doc, quote="dit Zas", occurrence=3)
    assert first.start == text.index("dit Zas")
    positions = [i for i in range(len(text)) if text.startswith("dit Zas", i)]
    assert third.start == positions[2]
    with pytest.raises(NotFoundError, match="occurs 3 time"):
        seeded.highlight(doc, quote="dit Zas", occurrence=9)
    with pytest.raises(NotFoundError, match="not in this document"):
        seeded.highlight(doc, quote="Nursultan Nazarbayev")


def test_quote_spread_over_lines_is_found(seeded: Library, seed_ids) -> None:
    doc = seed_ids["rt_zas"]
    # in the text "LIRE LA SUITE:" and the link title are on two lines
    p = seeded.highlight(doc, quote="LIRE LA SUITE: Commentaires de l’ONU")
    assert p.exact == "LIRE LA SUITE:\nCommentaires de l’ONU"


def test_bad_ranges_and_ids_change_nothing(seeded: Library, seed_ids) -> None:
    before = user_data(seeded)
    doc = seed_ids["blinken"]
    length = seeded.document(doc).info.length
    for start, end in ((5, 5), (10, 3), (-1, 4), (0, length + 1)):
        with pytest.raises(KzreaderError):
            seeded.highlight(doc, start, end)
    with pytest.raises(NotFoundError):
        seeded.highlight(999, 0, 5)
    with pytest.raises(KzreaderError, match="colour"):
        seeded.highlight(doc, 0, 5, color="red")
    assert user_data(seeded) == before


def test_overlapping_passages_are_allowed(seeded: Library, seed_ids) -> None:
    doc = seed_ids["blinken"]
    a = seeded.highlight(doc, quote="Antony Blinken, a remis en question")
    b = seeded.highlight(doc, quote="Blinken")
    assert a.start < b.start < b.end < a.end
    assert len(seeded.passages(document_ids=[doc])) == 2


def test_note_and_colour(seeded: Library, seed_ids) -> None:
    p = seeded.highlight(seed_ids["blinken"], quote="Blinken")
    p = seeded.update_passage(p.id, note="**Secrétaire d’État** américain", color="#FF8800")
    assert (p.note, p.color) == ("**Secrétaire d’État** américain", "#ff8800")
    p = seeded.update_passage(p.id, note="")
    assert p.note is None and p.color == "#ff8800"


def test_tags_are_hierarchical_and_created_on_the_fly(seeded: Library, seed_ids) -> None:
    p = seeded.highlight(
        seed_ids["rt_zas"],
        quote="Stanislav Zas",
        tags=["Acteurs/OTSC", "Acteurs/OTSC/Secrétaire général"],
    )
    assert p.tags == ["Acteurs/OTSC", "Acteurs/OTSC/Secrétaire général"]
    paths = [t.path for t in seeded.tags()]
    assert paths == ["Acteurs", "Acteurs/OTSC", "Acteurs/OTSC/Secrétaire général"]
    acteurs = seeded.tag("Acteurs")
    assert (acteurs.count, acteurs.total) == (0, 1)  # counts include children, once
    assert seeded.tag("Acteurs/OTSC").total == 1


def test_tag_create_rename_move_edit(seeded: Library) -> None:
    seeded.create_tag("Thèmes/Sécurité", color="#336699", description="Discours sécuritaire")
    with pytest.raises(KzreaderError, match="already a tag"):
        seeded.create_tag("Thèmes/Sécurité")
    renamed = seeded.rename_tag("Thèmes/Sécurité", "Securité collective")
    assert renamed.path == "Thèmes/Securité collective"
    assert renamed.color == "#336699" and renamed.description == "Discours sécuritaire"
    seeded.create_tag("Cadrage")
    moved = seeded.move_tag("Thèmes/Securité collective", "Cadrage")
    assert moved.path == "Cadrage/Securité collective"
    top = seeded.move_tag("Cadrage/Securité collective", None)
    assert top.path == "Securité collective"
    edited = seeded.edit_tag("Securité collective", color="#aabbcc", description="")
    assert (edited.color, edited.description) == ("#aabbcc", None)
    with pytest.raises(KzreaderError, match="'/'"):
        seeded.rename_tag("Cadrage", "a/b")
    with pytest.raises(KzreaderError, match="under itself"):
        seeded.create_tag("Cadrage/Sous")
        seeded.move_tag("Cadrage", "Cadrage/Sous")
    with pytest.raises(NotFoundError):
        seeded.rename_tag("Inconnu", "x")


def test_merge_moves_passages_and_children(seeded: Library, seed_ids) -> None:
    doc = seed_ids["rt_zas"]
    a = seeded.highlight(doc, quote="Stanislav Zas", tags=["CSTO"])
    b = seeded.highlight(doc, quote="dit Zas", tags=["CSTO/Porte-parole", "OTSC"])
    seeded.highlight(doc, quote="Kassym-Jomart Tokayev", tags=["OTSC/Porte-parole"])
    seeded.merge_tags("CSTO", "OTSC")
    paths = [t.path for t in seeded.tags()]
    assert "CSTO" not in paths and "CSTO/Porte-parole" not in paths
    assert seeded.passage(a.id).tags == ["OTSC"]
    assert seeded.passage(b.id).tags == ["OTSC", "OTSC/Porte-parole"]
    assert seeded.tag("OTSC").total == 3 and seeded.tag("OTSC/Porte-parole").count == 2
    with pytest.raises(KzreaderError, match="into itself"):
        seeded.merge_tags("OTSC", "OTSC")


def test_delete_tag_keeps_its_passages(seeded: Library, seed_ids) -> None:
    p = seeded.highlight(seed_ids["blinken"], quote="Blinken", tags=["Acteurs/USA", "Autre"])
    seeded.delete_tag("Acteurs")
    assert [t.path for t in seeded.tags()] == ["Autre"]
    assert seeded.passage(p.id).tags == ["Autre"]


def test_tag_and_untag(seeded: Library, seed_ids) -> None:
    p = seeded.highlight(seed_ids["blinken"], quote="Blinken")
    assert seeded.tag_passage(p.id, "Acteurs/USA").tags == ["Acteurs/USA"]
    assert seeded.untag_passage(p.id, "Acteurs/USA").tags == []
    with pytest.raises(KzreaderError, match="not tagged"):
        seeded.untag_passage(p.id, "Acteurs/USA")


def test_links_and_backlinks_across_articles(seeded: Library, seed_ids) -> None:
    sputnik = seeded.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas")
    rt = seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas")
    link = seeded.link(rt.id, sputnik.id, "repeats", note="même interlocuteur")
    assert (link.relation, link.direction, link.side, link.other_id) == (
        "repeats",
        "one-way",
        "out",
        sputnik.id,
    )
    (back,) = seeded.links(sputnik.id)
    assert (back.side, back.other_id, back.id) == ("in", rt.id, link.id)
    assert back.other_document_id == seed_ids["rt_zas"]
    assert seeded.passage(sputnik.id).links == [back]
    custom = seeded.link(sputnik.id, rt.id, "nuance", direction="both")
    assert custom.relation == "nuance" and custom.direction == "both"
    assert seeded.link(sputnik.id, rt.id, "Same_Event").relation == "same event"
    with pytest.raises(KzreaderError, match="already linked"):
        seeded.link(rt.id, sputnik.id, "repeats")
    with pytest.raises(KzreaderError, match="itself"):
        seeded.link(rt.id, rt.id, "repeats")
    with pytest.raises(KzreaderError, match="relation"):
        seeded.link(rt.id, sputnik.id, "  ")
    with pytest.raises(NotFoundError):
        seeded.link(rt.id, 999, "repeats")


def test_link_within_one_article(seeded: Library, seed_ids) -> None:
    doc = seed_ids["blinken"]
    a = seeded.highlight(doc, quote="une fois que les Russes sont chez vous, il est parfois")
    b = seeded.highlight(doc, quote="une fois que les Russes sont chez vous, il leur est parfois")
    seeded.link(b.id, a.id, "repeats")
    assert [li.side for li in seeded.links(a.id)] == ["in"]


def test_deleting_passages_and_documents_removes_links_and_says_how_many(
    seeded: Library, seed_ids
) -> None:
    a = seeded.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas")
    b = seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas")
    c = seeded.highlight(seed_ids["zas_retrait"], quote="Stanislav Zas")
    seeded.link(a.id, b.id, "repeats")
    seeded.link(c.id, b.id, "same event")
    seeded.link(a.id, c.id, "corroborates")
    changes = seeded.delete_passages([a.id])
    assert (changes.passages_deleted, changes.links_deleted) == (1, 2)
    assert [li.other_id for li in seeded.links(b.id)] == [c.id]
    changes = seeded.delete_document(seed_ids["rt_zas"])
    assert (changes.passages_deleted, changes.links_deleted) == (1, 1)
    assert seeded.links(c.id) == []
    assert len(seeded.documents()) == 4
    assert seed_ids["rt_zas"] not in {h.document_id for h in seeded.search("Zas").hits}


def test_document_attributes(seeded: Library, seed_ids) -> None:
    doc = seed_ids["rt_zas"]
    seeded.set_attribute(doc, "pays", "Russie")
    seeded.set_attribute(doc, "ligne", "pro-gouvernementale")
    seeded.set_attribute(doc, "pays", "Fédération de Russie")
    assert seeded.document(doc).attributes == {
        "pays": "Fédération de Russie",
        "ligne": "pro-gouvernementale",
    }
    seeded.set_attribute(doc, "ligne", None)
    assert seeded.document(doc).attributes == {"pays": "Fédération de Russie"}
    assert seeded.attribute_values() == {"pays": ["Fédération de Russie"]}
    with pytest.raises(NotFoundError):
        seeded.set_attribute(doc, "absent", None)
    with pytest.raises(NotFoundError):
        seeded.set_attribute(999, "pays", "x")


def test_listeners_hear_every_change(seeded: Library, seed_ids) -> None:
    heard = []
    seeded.add_listener(heard.append)
    p = seeded.highlight(seed_ids["blinken"], quote="Blinken", tags=["USA"])
    seeded.undo()
    assert [c.label for c in heard] == ["Highlight", "Highlight"]
    assert heard[0].documents == {seed_ids["blinken"]} and heard[0].passages_created == 1
    assert "tags" in heard[0].tables
    seeded.remove_listener(heard.append)
    seeded.redo()
    assert len(heard) == 2 and seeded.passage(p.id)


def test_tag_colors(seeded: Library) -> None:
    seeded.create_tag("Acteurs/OTSC", color="#123456")
    colors = seeded.tag_colors()
    assert colors["Acteurs/OTSC"] == "#123456"
    assert set(colors) == {t.path for t in seeded.tags()}


def test_untagged_colour_is_one_no_tag_uses() -> None:
    from kzreader.core.tags import PALETTE, UNTAGGED_COLORS, untagged_color

    assert untagged_color(PALETTE) == UNTAGGED_COLORS[0]
    assert not set(UNTAGGED_COLORS) & set(PALETTE)
    assert untagged_color([UNTAGGED_COLORS[0].upper(), None]) == UNTAGGED_COLORS[1]


def test_a_links_note_is_written_changed_cleared_and_undone(seeded: Library, seed_ids) -> None:
    a = seeded.highlight(seed_ids["sputnik_zas"], quote="Stanislav Zas")
    b = seeded.highlight(seed_ids["rt_zas"], quote="Stanislav Zas")
    link = seeded.link(b.id, a.id, "repeats")
    assert link.note is None
    changed = seeded.update_link(link.id, note="Même **citation**")
    assert changed.note == "Même **citation**" and changed.id == link.id
    assert seeded.links(b.id)[0].note == seeded.links(a.id)[0].note == "Même **citation**"
    assert seeded.next_undo().label == "Edit link note"
    seeded.undo()
    assert seeded.links(b.id)[0].note is None
    seeded.redo()
    assert seeded.update_link(link.id, note="").note is None
    with pytest.raises(NotFoundError):
        seeded.update_link(link.id + 100, note="x")
