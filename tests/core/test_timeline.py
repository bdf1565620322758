"""The timeline (articles and a tag's passages per outlet and day or week)
and the crosstab's totals and cells: exact counts on the sample articles and
on libraries built for the purpose (dated, undated, month-only, without an
outlet, weeks across a year's end)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.library import Library
from kzreader.core.timeline import IMPRECISE, UNDATED, UNKNOWN, bucket_start, day_of

ZAS = "Acteurs/OTSC/Zas"
BODY = (
    "Le Kazakhstan a connu un début d’année difficile, alors qu’une vague de troubles "
    "violents a éclaté à la suite de manifestations contre la hausse des prix du gaz. "
) * 6


def write_article(folder: Path, name: str, *, host: str | None, day: str | None) -> None:
    """An article the importer reads with this outlet (from the URL's host)
    and date (``2022-01-06``, ``2022-01`` or None)."""
    if host is not None:
        head = (f" date {day} " if day else "") + f"https://{host}/international/{name}\n\n"
    elif day is not None:
        head = f"Les troupes de l’OTSC {name}\n\n {day}T10:00+0100\n\n"
    else:
        head = ""
    text = f"{head}Les troupes de l’OTSC et le Kazakhstan, article {name}\n\n{BODY}{name}\n"
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")


@pytest.fixture
def built(tmp_path: Path) -> Library:
    """Le Monde, RFI and articles without an outlet around the new year 2022."""
    src = tmp_path / "articles"
    src.mkdir()
    articles = {
        "lm-dec31": ("www.lemonde.fr", "2021-12-31"),  # a Friday: week of 27 December
        "lm-jan02": ("www.lemonde.fr", "2022-01-02"),  # a Sunday: still that week
        "lm-jan03": ("www.lemonde.fr", "2022-01-03"),  # a Monday: the next week
        "lm-month": ("www.lemonde.fr", "2022-01"),  # the month only
        "lm-undated": ("www.lemonde.fr", None),
        "rfi-dec27": ("www.rfi.fr", "2021-12-27"),
        "rfi-jan03": ("www.rfi.fr", "2022-01-03"),
        "none-jan02": (None, "2022-01-02"),
        "none-undated": (None, None),
    }
    for name, (host, day) in articles.items():
        write_article(src, name, host=host, day=day)
    lib = Library(tmp_path / "lib")
    report = lib.import_paths([src])
    assert [r.status for r in report.results] == ["imported"] * len(articles)
    yield lib
    lib.close()


def ids_of(lib: Library) -> dict[str, int]:
    return {Path(d.file_name or "").stem: d.id for d in lib.documents()}


# -- dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2022-01-06", date(2022, 1, 6)),
        ("2022-01-06T11:54+01:00", date(2022, 1, 6)),
        ("2022-01", IMPRECISE),
        ("2022", IMPRECISE),
        ("2022-13", UNDATED),
        ("2022-02-30", UNDATED),
        ("", UNDATED),
        (None, UNDATED),
        ("hier", UNDATED),
    ],
)
def test_a_stored_date_gives_its_day(published, expected) -> None:
    assert day_of(published) == expected


def test_weeks_start_on_monday_across_the_year_end() -> None:
    assert bucket_start(date(2021, 1, 3), "week") == date(2020, 12, 28)  # ISO week 53 of 2020
    assert bucket_start(date(2020, 12, 31), "week") == date(2020, 12, 28)
    assert bucket_start(date(2022, 1, 1), "week") == date(2021, 12, 27)
    assert bucket_start(date(2022, 1, 3), "week") == date(2022, 1, 3)
    assert bucket_start(date(2022, 1, 1), "day") == date(2022, 1, 1)


# -- the sample articles ---------------------------------------------------------------


def test_the_seeds_per_day(seeded: Library, seed_ids) -> None:
    t = seeded.timeline("day")
    assert t.counted == "articles" and t.tag is None
    assert t.buckets == [f"2022-01-{d:02d}" for d in range(6, 14)]  # no gap in the axis
    assert t.outlets == ["Sputnik", "RT", UNKNOWN]
    assert t.counts == {"Sputnik": {"2022-01-06": 2}, UNKNOWN: {"2022-01-13": 1}}
    assert t.count("RT", "2022-01-06") == 0
    assert t.bucket_totals() == [2, 0, 0, 0, 0, 0, 0, 1]
    assert t.undated == {"RT": 1, UNKNOWN: 1} and t.imprecise == {}
    assert (t.total, t.undated_total) == (3, 2)
    assert t.documents[("Sputnik", "2022-01-06")] == sorted(
        [seed_ids["sputnik_zas"], seed_ids["sputnik_contingent"]]
    )
    assert t.documents[(UNKNOWN, "2022-01-13")] == [seed_ids["zas_retrait"]]
    assert t.documents[("RT", UNDATED)] == [seed_ids["rt_zas"]]
    assert t.document_ids(buckets=[UNDATED]) == sorted([seed_ids["rt_zas"], seed_ids["blinken"]])
    assert t.document_ids(outlets=["Sputnik"], buckets=t.buckets) == sorted(
        [seed_ids["sputnik_zas"], seed_ids["sputnik_contingent"]]
    )


def test_the_seeds_per_week(seeded: Library) -> None:
    t = seeded.timeline("week")
    assert t.buckets == ["2022-01-03", "2022-01-10"]
    assert t.counts == {"Sputnik": {"2022-01-03": 2}, UNKNOWN: {"2022-01-10": 1}}
    assert t.undated == {"RT": 1, UNKNOWN: 1}


def test_a_tags_passages_with_its_sub_tags(seeded: Library, seed_ids) -> None:
    assert seeded.autocode('"Stanislav Zas"', ZAS).passages_created == 5
    seeded.tag_passage(seeded.passages(tags=[ZAS])[0].id, "Acteurs")  # parent and child: once
    t = seeded.timeline("day", "Acteurs")
    assert t.counted == "passages" and t.tag == "Acteurs"
    assert t.buckets == [f"2022-01-{d:02d}" for d in range(6, 14)]
    assert t.counts == {"Sputnik": {"2022-01-06": 1}, UNKNOWN: {"2022-01-13": 3}}
    assert t.undated == {"RT": 1}
    assert t.outlets == ["RT", "Sputnik", UNKNOWN]  # one each: by name; unknown last
    # three passages, one article
    assert t.documents[(UNKNOWN, "2022-01-13")] == [seed_ids["zas_retrait"]]
    own = seeded.timeline("week", "Acteurs", with_children=False)
    assert own.counts == {"Sputnik": {"2022-01-03": 1}} and own.undated == {}
    assert seeded.timeline("week", ZAS).to_json()["total"] == 4


def test_one_or_two_queries_whatever_the_size(seeded: Library) -> None:
    seeded.autocode('"Stanislav Zas"', ZAS)
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(seeded.store.engine, "before_cursor_execute", count)
    try:
        seeded.timeline("week")
        assert len(statements) == 1
        statements.clear()
        seeded.timeline("day", "Acteurs")
        assert len(statements) == 2  # the tags, then the passages with their articles
    finally:
        event.remove(seeded.store.engine, "before_cursor_execute", count)


def test_bad_requests_are_told(seeded: Library) -> None:
    with pytest.raises(KzreaderError, match="by day or by week"):
        seeded.timeline("month")
    with pytest.raises(NotFoundError, match="there is no tag 'Nope'"):
        seeded.timeline("day", "Nope")
    with pytest.raises(KzreaderError, match="give a tag path"):
        seeded.timeline("day", "  ")


def test_an_empty_library(library: Library) -> None:
    t = library.timeline("week")
    assert (t.buckets, t.outlets, t.counts, t.undated) == ([], [], {}, {})
    assert t.to_json()["total"] == 0


# -- libraries built for the purpose ---------------------------------------------------------


def test_weeks_across_the_new_year(built: Library) -> None:
    ids = ids_of(built)
    t = built.timeline("week")
    assert t.buckets == ["2021-12-27", "2022-01-03"]
    assert t.outlets == ["Le Monde", "RFI", UNKNOWN]
    assert t.counts == {
        "Le Monde": {"2021-12-27": 2, "2022-01-03": 1},
        "RFI": {"2021-12-27": 1, "2022-01-03": 1},
        UNKNOWN: {"2021-12-27": 1},
    }
    assert t.bucket_totals() == [4, 2]
    assert t.undated == {"Le Monde": 1, UNKNOWN: 1}
    assert t.imprecise == {"Le Monde": 1}
    assert t.documents[("Le Monde", "2021-12-27")] == sorted([ids["lm-dec31"], ids["lm-jan02"]])
    assert t.documents[("Le Monde", IMPRECISE)] == [ids["lm-month"]]
    assert t.document_ids(buckets=["2021-12-27"]) == sorted(
        [ids["lm-dec31"], ids["lm-jan02"], ids["rfi-dec27"], ids["none-jan02"]]
    )


def test_days_across_the_new_year(built: Library) -> None:
    t = built.timeline("day")
    assert t.buckets == [
        "2021-12-27", "2021-12-28", "2021-12-29", "2021-12-30", "2021-12-31",
        "2022-01-01", "2022-01-02", "2022-01-03",
    ]  # fmt: skip
    assert t.bucket_totals() == [1, 0, 0, 0, 1, 0, 2, 2]
    assert t.counts[UNKNOWN] == {"2022-01-02": 1}
    data = t.to_json(with_documents=True)
    monde = next(o for o in data["outlets"] if o["outlet"] == "Le Monde")
    assert monde["counts"] == [0, 0, 0, 0, 1, 0, 1, 1]
    assert (monde["total"], monde["undated"], monde["imprecise"]) == (3, 1, 1)
    assert (data["total"], data["undated"], data["imprecise"]) == (6, 2, 1)
    assert {(d["outlet"], d["bucket"]) for d in data["documents"]} >= {
        ("Le Monde", "imprecise"),
        ("Le Monde", "undated"),
        ("unknown", "undated"),
    }


# -- the crosstab's totals and cells ---------------------------------------------------


def test_totals_count_each_coded_passage_once(seeded: Library, seed_ids) -> None:
    seeded.autocode('"Stanislav Zas"', ZAS)
    table = seeded.tags_by_source()
    assert table["Acteurs"] == {"RT": 1, "Sputnik": 1, UNKNOWN: 3}
    first = seeded.passages(tags=[ZAS])[0]
    seeded.tag_passage(first.id, "Cadrage")  # two tags on one passage
    seeded.highlight(seed_ids["blinken"], quote="Antony Blinken")  # not coded
    assert seeded.coded_by_source() == {"RT": 1, "Sputnik": 1, UNKNOWN: 3}


def test_the_passages_of_a_cell(seeded: Library, seed_ids) -> None:
    seeded.autocode('"Stanislav Zas"', ZAS)
    seeded.highlight(seed_ids["blinken"], quote="Antony Blinken", tags=["Acteurs/USA"])
    unknown = seeded.cell_passages("Acteurs", UNKNOWN)
    assert [p.document_id for p in unknown] == [seed_ids["zas_retrait"]] * 3 + [seed_ids["blinken"]]
    assert [p.exact for p in seeded.cell_passages("Acteurs/USA", UNKNOWN)] == ["Antony Blinken"]
    assert [p.document_id for p in seeded.cell_passages(ZAS, "Sputnik")] == [
        seed_ids["sputnik_zas"]
    ]
    assert seeded.cell_passages("Acteurs/USA", "Sputnik") == []
    assert len(seeded.cell_passages("Acteurs")) == 6  # every outlet
    with pytest.raises(NotFoundError):
        seeded.cell_passages("Nope", "RT")
