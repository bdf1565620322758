"""Retrieval on the sample articles, against hand-checked expectations."""

from __future__ import annotations

import pytest

from kzreader.core.errors import QueryError
from kzreader.core.library import Library

ZAS = "Acteurs/OTSC/Zas"
INTERVIEW = "Cadrage/Entretien"


@pytest.fixture
def coded(seeded: Library, seed_ids) -> Library:
    """Every quote of Stanislav Zas coded, linked across the articles; an
    interview sentence coded in the RT article; outlets' countries set."""
    changes = seeded.autocode('"Stanislav Zas"', ZAS)
    assert changes.passages_created == 5  # 1 in each Sputnik/RT article, 3 in the 13 January one
    seeded.highlight(
        seed_ids["rt_zas"],
        quote="RT s’est entretenu avec le secrétaire général de l’OTSC, Stanislav Zas",
        tags=[INTERVIEW],
        note="Entretien exclusif accordé à RT",
    )
    seeded.set_attribute(seed_ids["sputnik_zas"], "pays", "Russie")
    seeded.set_attribute(seed_ids["rt_zas"], "pays", "Russie")
    return seeded


def zas_passages(lib: Library) -> list:
    return lib.passages(tags=[ZAS])


def test_every_quote_of_zas_is_found_and_linked(coded: Library, seed_ids) -> None:
    passages = zas_passages(coded)
    assert [p.exact for p in passages] == ["Stanislav Zas"] * 5
    assert [p.document_id for p in passages] == [
        seed_ids["sputnik_zas"],
        seed_ids["rt_zas"],
        *[seed_ids["zas_retrait"]] * 3,
    ]
    sputnik, rt, first, *_ = passages
    coded.link(rt.id, sputnik.id, "repeats")
    coded.link(first.id, rt.id, "same event")
    for later in passages[3:]:
        coded.link(later.id, first.id, "repeats")
    by_id = {p.id: p for p in zas_passages(coded)}
    assert [(li.side, li.other_id) for li in by_id[rt.id].links] == [
        ("out", sputnik.id),
        ("in", first.id),
    ]
    assert sorted(li.other_id for li in by_id[first.id].links) == sorted(
        [rt.id, passages[3].id, passages[4].id]
    )
    assert [li.relation for li in by_id[sputnik.id].links] == ["repeats"]


def test_tag_with_children_and_without(coded: Library) -> None:
    assert len(coded.passages(tags=["Acteurs"])) == 5
    assert coded.passages(tags=["Acteurs"], with_children=False) == []
    assert coded.tag("Acteurs").total == 5


def test_filters_by_outlet_date_language_attribute(coded: Library, seed_ids) -> None:
    def docs(**kw) -> list[int]:
        return [p.document_id for p in coded.passages(tags=[ZAS], **kw)]

    assert docs(source="RT") == [seed_ids["rt_zas"]]
    assert docs(source="sputnik") == [seed_ids["sputnik_zas"]]
    # RT's and 004 are undated; 003 is dated 13 January 2022 in its text
    assert set(docs(published="2022-01")) == {seed_ids["sputnik_zas"], seed_ids["zas_retrait"]}
    assert docs(published="2022-01-06") == [seed_ids["sputnik_zas"]]
    assert docs(published="2021") == []
    assert len(docs(language="fr")) == 5 and docs(language="en") == []
    assert docs(attributes={"pays": "Russie"}) == [seed_ids["sputnik_zas"], seed_ids["rt_zas"]]
    assert docs(document_ids=[seed_ids["zas_retrait"]]) == [seed_ids["zas_retrait"]] * 3


def test_tags_together_on_a_passage_or_overlapping(coded: Library, seed_ids) -> None:
    overlap = coded.passages(tags=[ZAS, INTERVIEW], mode="overlap")
    # the RT interview sentence contains the RT quote of Zas
    assert {p.document_id for p in overlap} == {seed_ids["rt_zas"]}
    assert sorted(p.exact for p in overlap) == sorted(
        [
            "Stanislav Zas",
            "RT s’est entretenu avec le secrétaire général de l’OTSC, Stanislav Zas",
        ]
    )
    assert coded.passages(tags=[ZAS, INTERVIEW], mode="all") == []
    rt_zas = next(p for p in zas_passages(coded) if p.document_id == seed_ids["rt_zas"])
    coded.tag_passage(rt_zas.id, INTERVIEW)
    assert [p.id for p in coded.passages(tags=[ZAS, INTERVIEW], mode="all")] == [rt_zas.id]
    assert len(coded.passages(tags=[ZAS, INTERVIEW])) == 6  # any


def test_cooccurrence_matrix(coded: Library) -> None:
    paths, matrix = coded.cooccurrence([ZAS, INTERVIEW])
    assert paths == [ZAS, INTERVIEW]
    assert matrix == [[5, 1], [1, 1]]
    all_paths, full = coded.cooccurrence()
    assert all_paths == ["Acteurs", "Acteurs/OTSC", ZAS, "Cadrage", INTERVIEW]
    assert full[0][3] == full[3][0] == 1 and full[0][0] == 5


def test_tags_by_outlet(coded: Library) -> None:
    table = coded.tags_by_source()
    assert table[ZAS] == {"RT": 1, "Sputnik": 1, "unknown": 3}
    assert table["Acteurs"] == table[ZAS]
    assert table[INTERVIEW] == {"RT": 1}


def test_passage_search_by_text_tag_and_note(coded: Library, seed_ids) -> None:
    assert len(coded.search_passages(f"tag:{ZAS}")) == 5
    assert len(coded.search_passages("Stanislav tag:Acteurs")) == 5
    hits = coded.search_passages("secretaire")  # accents folded, stemmed
    assert [p.document_id for p in hits] == [seed_ids["rt_zas"]]
    assert [p.note for p in coded.search_passages("note:exclusif")] == [
        "Entretien exclusif accordé à RT"
    ]
    assert len(coded.search_passages('"secrétaire général de l’OTSC"')) == 1
    assert coded.search_passages("Blinken") == []
    assert len(coded.search_passages(f"tag:{ZAS} doc:{seed_ids['zas_retrait']}")) == 3
    with pytest.raises(QueryError):
        coded.search_passages('"unclosed')
    with pytest.raises(QueryError):
        coded.search_passages("status:lost")


def test_autocode_regex_skips_boilerplate_and_is_idempotent(seeded: Library, seed_ids) -> None:
    doc = seed_ids["rt_zas"]
    view = seeded.document(doc)
    changes = seeded.autocode(r"\bOTSC\b", "Sigle", regex=True, document_ids=[doc])
    outside = [
        i
        for i in range(len(view.text))
        if view.text.startswith("OTSC", i) and not any(s <= i < e for s, e in view.boilerplate)
    ]
    assert changes.passages_created == len(outside) == 6
    again = seeded.autocode(r"\bOTSC\b", "Sigle", regex=True, document_ids=[doc])
    assert again.passages_created == 0
    assert len(seeded.passages(tags=["Sigle"])) == 6
    # "Nouvelles" only occurs in the RT article's navigation and footer lines
    assert "Nouvelles" in view.text
    assert seeded.autocode("Nouvelles", "Chrome", regex=True).passages_created == 0
    with pytest.raises(QueryError, match="regular expression"):
        seeded.autocode("(unclosed", "X", regex=True)


def test_autocode_with_search_syntax(seeded: Library, seed_ids) -> None:
    changes = seeded.autocode("Tokayev~", "Acteurs/Tokaïev")
    texts = {p.exact for p in seeded.passages(tags=["Acteurs/Tokaïev"])}
    assert texts == {"Tokaïev", "Tokayev"}
    assert changes.passages_created == len(seeded.passages(tags=["Acteurs/Tokaïev"]))


def test_autocode_in_some_documents_reads_only_their_texts(seeded: Library, seed_ids) -> None:
    from sqlalchemy import event

    everywhere = seeded.search("OTSC", limit=100)
    matching = sorted(hit.document_id for hit in everywhere.hits)
    assert len(matching) >= 3  # other documents would match too
    chosen = [seed_ids["rt_zas"], seed_ids["zas_retrait"]]
    assert set(chosen) <= set(matching)
    statements: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append((statement, parameters))

    event.listen(seeded.store.engine, "before_cursor_execute", record)
    try:
        changes = seeded.autocode("OTSC", "Sigle", document_ids=chosen)
    finally:
        event.remove(seeded.store.engine, "before_cursor_execute", record)
    coded = seeded.passages(tags=["Sigle"])
    assert {p.document_id for p in coded} == set(chosen)
    reads = [params for sql, params in statements if "FROM documents" in sql and "text" in sql]
    assert reads
    read_ids = {v for params in reads for v in (params or ()) if isinstance(v, int)}
    assert read_ids <= set(chosen)  # the other matching documents' texts were never loaded

    # the same passages as autocode over the whole library, kept to those documents
    spans = {(p.document_id, p.start, p.end) for p in coded}
    assert changes.passages_created == len(spans)
    seeded.undo()
    seeded.autocode("OTSC", "Sigle")
    whole = {(p.document_id, p.start, p.end) for p in seeded.passages(tags=["Sigle"])}
    assert {span for span in whole if span[0] in chosen} == spans
    assert {span[0] for span in whole} > set(chosen)


# -- pages (what a panel reads) ----------------------------------------------------------


def test_a_page_holds_its_share_of_the_passages_and_counts_them_all(coded: Library) -> None:
    from kzreader.core.retrieval import PassageFilter

    every = coded.passages(tags=["Acteurs"])
    flt = PassageFilter(tags=["Acteurs"])
    first = coded.passage_page(flt, limit=2)
    assert (first.total, first.documents, first.more) == (5, 3, True)
    assert [p.id for p in first.passages] == [p.id for p in every[:2]]
    rest = coded.passage_page(flt, offset=2, limit=10)
    assert [p.id for p in rest.passages] == [p.id for p in every[2:]]
    assert (rest.offset, rest.more) == (2, False)
    assert rest.passages == every[2:]  # the same tags, links and texts as the whole list
    assert coded.passage_page(flt, offset=5).passages == []


@pytest.mark.parametrize(
    "kw",
    [
        {"source": "rt"},
        {"published": "2022-01"},
        {"language": "fr"},
        {"attributes": {"pays": "Russie"}},
        {"mode": "overlap", "tags": [ZAS, INTERVIEW]},
        {"mode": "all", "tags": ["Acteurs", "Cadrage"]},
        {"mode": "all", "tags": [ZAS, "Acteurs/OTSC"]},
        {"mode": "all", "tags": ["Acteurs", INTERVIEW], "with_children": False},
        {"tags": ["Acteurs", INTERVIEW]},
        {"tags": ["Acteurs"]},
        {"tags": ["Acteurs"], "with_children": False},
        {"document_ids": [1, 2]},
        {"status": "exact"},
    ],
)
@pytest.mark.parametrize("walk_limit", [20_000, 0], ids=["walking the passages", "looking up"])
def test_a_page_agrees_with_the_whole_list_under_every_filter(
    coded: Library, kw: dict, walk_limit: int, monkeypatch
) -> None:
    from kzreader.core import retrieval
    from kzreader.core.retrieval import PassageFilter

    monkeypatch.setattr(retrieval, "WALK_LIMIT", walk_limit)
    monkeypatch.setattr(retrieval, "LOOKUP_COST", 2 if walk_limit else 0)
    flt = PassageFilter(**{"tags": [ZAS], **kw})
    every = coded.passages(flt)
    for offset in (0, 1, 2):
        page = coded.passage_page(flt, offset=offset, limit=2)
        assert page.total == len(every)
        assert page.documents == len({p.document_id for p in every})
        assert [p.id for p in page.passages] == [p.id for p in every[offset : offset + 2]]
        quick = coded.passage_page(flt, offset=offset, limit=2, counted=False)
        # tags met together are counted apart; one tag or any of several, by the indexes
        together = len(flt.tags) > 1 and flt.mode == "all"
        assert quick.total == (None if together else page.total)
        assert (quick.documents, quick.passages) == (None, page.passages)
        assert quick.more == page.more == (offset + 2 < len(every))
    assert coded.count_passage_matches(flt) == (len(every), len({p.document_id for p in every}))


def test_a_page_of_a_passage_search_within_a_tag(coded: Library, seed_ids) -> None:
    from kzreader.core.retrieval import PassageFilter

    coded.highlight(seed_ids["rt_zas"], quote="secrétaire général", tags=["Cadrage"])
    page = coded.passage_page(PassageFilter(tags=["Cadrage"]), query="secretaire")
    assert page.total == 2 and {p.tags[0] for p in page.passages} == {"Cadrage", INTERVIEW}
    own = coded.passage_page(
        PassageFilter(tags=["Cadrage"], with_children=False), query="secretaire"
    )
    assert [p.tags for p in own.passages] == [["Cadrage"]]
    assert coded.search_passages("tag:Cadrage secretaire", with_children=False) == own.passages
    everywhere = coded.passage_page(query='"Stanislav Zas"', limit=1)
    assert (everywhere.total, len(everywhere.passages), everywhere.more) == (6, 1, True)


def test_a_page_can_leave_out_the_passage_a_link_starts_from(coded: Library) -> None:
    from kzreader.core.retrieval import PassageFilter

    every = coded.passages()
    source = every[1]
    page = coded.passage_page(PassageFilter(exclude=[source.id]), limit=3)
    assert page.total == len(every) - 1 and source.id not in [p.id for p in page.passages]
    found = coded.passage_page(PassageFilter(exclude=[source.id]), query='"Stanislav Zas"')
    assert found.total == 5 and source.id not in [p.id for p in found.passages]


def test_a_passage_under_two_sub_tags_is_counted_once(coded: Library, seed_ids) -> None:
    """The tag panel's and a page's counts of a parent count a passage
    carrying two of its sub-tags once, as the list of its passages holds it."""
    from kzreader.core import retrieval
    from kzreader.core.retrieval import PassageFilter

    first = zas_passages(coded)[0]
    coded.tag_passage(first.id, "Acteurs/OTSC")
    every = coded.passages(tags=["Acteurs"])
    assert len({p.id for p in every}) == len(every) == 5
    totals = {t.path: (t.count, t.total) for t in coded.tags()}
    assert totals["Acteurs"] == (0, 5) and totals["Acteurs/OTSC"] == (1, 5)
    page = coded.passage_page(PassageFilter(tags=["Acteurs"]), counted=False)
    assert page.total == 5
    both = PassageFilter(tags=["Acteurs/OTSC", ZAS], mode="all", with_children=False)
    assert coded.count_passage_matches(both) == (1, 1) and len(coded.passages(both)) == 1
    with coded.store.session() as s:  # counted from the passages' tags alone
        assert retrieval.count_matching(s, both) == 1
        assert retrieval.count_matching(s, PassageFilter(tags=["Acteurs"])) == 5


@pytest.mark.parametrize(
    "query",
    [
        '"Stanislav Zas"',
        "secretaire",
        "Zas",
        '"de l’OTSC" Zas',
        "note:exclusif",
        "zzzz",
        "status:exact",
        "tag:Acteurs/OTSC",
        "doc:2",
    ],
)
@pytest.mark.parametrize("tags", [[], ["Acteurs"], ["Cadrage"]])
@pytest.mark.parametrize("walk_limit", [20_000, 0], ids=["walking the passages", "looking up"])
def test_a_search_page_stops_at_its_passages_and_is_counted_apart(
    coded: Library, seed_ids, query: str, tags: list[str], walk_limit: int, monkeypatch
) -> None:
    """A page of a passage search asked uncounted holds the same passages as
    the counted page, says whether more follow, and the count asked apart
    is the counted page's."""
    from kzreader.core import retrieval
    from kzreader.core.retrieval import PassageFilter

    monkeypatch.setattr(retrieval, "WALK_LIMIT", walk_limit)
    monkeypatch.setattr(retrieval, "LOOKUP_COST", 2 if walk_limit else 0)
    coded.highlight(seed_ids["rt_zas"], quote="secrétaire général", tags=["Cadrage"])
    flt = PassageFilter(tags=tags)
    every = coded.passage_page(flt, query=query, limit=1000)
    assert every.total is not None and not every.more
    for offset in range(every.total + 1):
        quick = coded.passage_page(flt, query=query, offset=offset, limit=1, counted=False)
        assert (quick.total, quick.documents) == (None, None)
        assert quick.passages == every.passages[offset : offset + 1]
        assert quick.more == (offset + 1 < every.total)
    assert coded.count_passage_matches(flt, query) == (every.total, every.documents)


def test_a_phrase_is_found_across_line_breaks_and_accents(coded: Library, seed_ids) -> None:
    """The phrase test looks for a phrase's longest word first: a passage
    whose text breaks the phrase over lines or writes it with other accents
    and case is still found, one that lacks the word is not."""
    made = coded.highlight(seed_ids["rt_zas"], quote="secrétaire général", tags=["Cadrage"])
    coded.update_passage(made.id, note="Le SECRETAIRE\n  general a parlé")
    found = {p.id for p in coded.search_passages('tag:Cadrage "secretaire general a"')}
    assert found == {made.id}
    assert coded.search_passages('tag:Cadrage "secretaire generale"') == []
