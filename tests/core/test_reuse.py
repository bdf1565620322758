"""Reuse detection over texts in memory: exact offsets, edits, typography."""

from __future__ import annotations

import random
import re

from kzreader.core.reuse import (
    Alignment,
    DocumentText,
    ReuseSpan,
    clusters_of,
    date_order,
    detect,
)

PASSAGE = (
    "Le secrétaire général de l’OTSC, Stanislav Zas, a déclaré que le retrait des forces "
    "collectives de maintien de la paix commencerait jeudi et se poursuivrait pendant dix "
    "jours, avant que les autorités kazakhes reprennent seules le contrôle des sites gardés."
)


def nwords(text: str) -> int:
    return len(re.findall(r"\w+", text))


def filler(seed: str, words: int) -> str:
    """Words of no language, different for each seed: nothing to match."""
    rng = random.Random(seed)
    out = []
    for _ in range(words):
        out.append("".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)))
    return " ".join(out) + "."


def doc(doc_id: int, text: str, published: str | None = None, **kw: object) -> DocumentText:
    return DocumentText(doc_id, text, published=published, **kw)  # type: ignore[arg-type]


def planted(passage: str, seed: str) -> tuple[str, int, int]:
    before, after = filler(seed + "-before", 40), filler(seed + "-after", 35)
    text = f"{before} {passage} {after}"
    start = len(before) + 1
    return text, start, start + len(passage)


def only(found: list[Alignment] | None) -> Alignment:
    assert found is not None and len(found) == 1, found
    return found[0]


def test_exact_copy_is_one_alignment_with_exact_offsets() -> None:
    a, a0, a1 = planted(PASSAGE, "a")
    b, b0, b1 = planted(PASSAGE, "b")
    al = only(detect([doc(1, a, "2022-01-06"), doc(2, b, "2022-01-07")]))
    assert al.a == ReuseSpan(1, a0, a1 - 1)  # the final full stop is not a word
    assert al.b == ReuseSpan(2, b0, b1 - 1)
    assert al.words == nwords(PASSAGE) == 41  # l’OTSC is two words
    assert al.similarity == 1.0
    assert al.order == "a-first"


def test_edited_copy_is_still_one_passage() -> None:
    words = PASSAGE.split(" ")
    edited = list(words)
    edited[5] = "Stanislas"  # substituted
    edited[12] = "militaires"
    edited.insert(20, "probablement")  # inserted
    del edited[28]  # deleted
    del edited[30]
    copy = " ".join(edited)
    a, a0, a1 = planted(PASSAGE, "a")
    b, b0, b1 = planted(copy, "b")
    al = only(detect([doc(1, a, "2022-01-06"), doc(2, b, "2022-01-08")]))
    assert (al.a.start, al.a.end) == (a0, a1 - 1)
    assert (al.b.start, al.b.end) == (b0, b1 - 1)
    assert al.words == nwords(PASSAGE) - 2 - 2  # two substituted, two deleted
    assert 0.85 < al.similarity < 1.0


def test_case_accents_apostrophes_and_nbsp_are_ignored() -> None:
    source = (
        "« Les forces de l’OTSC ne resteront pas au Kazakhstan », a déclaré Kassym-Jomart "
        "Tokaïev devant le Majilis réuni à Noursoultan mardi matin pour la première fois."
    )
    copy = (
        "«\u00a0LES FORCES DE L'OTSC ne resteront pas au kazakhstan\u00a0», a declare Kassym "
        "Jomart TOKAIEV devant le majilis reuni a Noursoultan mardi matin pour la premiere fois."
    )
    a = planted(source, "a")[0]
    b = planted(copy, "b")[0]
    al = only(detect([doc(1, a), doc(2, b)]))
    assert a[al.a.start : al.a.end] == source[2:-1]  # from "Les" to "fois"
    assert b[al.b.start : al.b.end] == copy[2:-1]
    assert al.similarity == 1.0
    assert al.order == "unknown"


def test_a_passage_split_by_a_paragraph_break_is_one_alignment() -> None:
    cut = PASSAGE.index("avant que")
    split = PASSAGE[:cut] + "\n\n" + PASSAGE[cut:]
    a, a0, a1 = planted(PASSAGE, "a")
    b, b0, b1 = planted(split, "b")
    al = only(detect([doc(1, a), doc(2, b)]))
    assert (al.a.start, al.a.end) == (a0, a1 - 1)
    assert (al.b.start, al.b.end) == (b0, b1 - 1)
    assert al.words == nwords(PASSAGE)


def test_identical_documents_align_whole() -> None:
    text = planted(PASSAGE, "same")[0]
    al = only(detect([doc(1, text, "2022-01-06"), doc(2, text, "2022-01-06")]))
    assert (al.a.start, al.a.end) == (0, len(text) - 1)
    assert (al.b.start, al.b.end) == (0, len(text) - 1)
    assert al.order == "same-day"
    assert (al.a.document_id, al.b.document_id) == (1, 2)


def test_empty_and_one_word_documents() -> None:
    a = planted(PASSAGE, "a")[0]
    assert detect([]) == []
    assert detect([doc(1, "")]) == []
    assert detect([doc(1, ""), doc(2, "Kazakhstan"), doc(3, "  \n")]) == []
    found = detect([doc(1, ""), doc(2, "Kazakhstan"), doc(3, a), doc(4, PASSAGE)])
    assert [(x.a.document_id, x.b.document_id) for x in found or []] == [(3, 4)]


def test_unrelated_texts_have_no_alignment() -> None:
    assert detect([doc(1, filler("x", 300)), doc(2, filler("y", 300))]) == []


def test_boilerplate_spans_are_ignored() -> None:
    a = planted(PASSAGE, "a")[0]
    b, b0, b1 = planted(PASSAGE, "b")
    assert detect([doc(1, a), doc(2, b, boilerplate=[[b0 - 1, b1 + 1]])]) == []


def test_two_passages_of_one_pair_are_two_alignments() -> None:
    second = filler("second-passage", 30)
    a = f"{filler('a1', 30)} {PASSAGE} {filler('a2', 60)} {second} {filler('a3', 20)}"
    b = f"{filler('b1', 20)} {second} {filler('b2', 80)} {PASSAGE} {filler('b3', 20)}"
    found = detect([doc(1, a), doc(2, b)])
    assert found is not None
    spans = sorted((a[x.a.start : x.a.end], b[x.b.start : x.b.end]) for x in found)
    assert spans == sorted([(PASSAGE[:-1], PASSAGE[:-1]), (second[:-1], second[:-1])])


def test_the_earlier_document_is_a() -> None:
    a = planted(PASSAGE, "a")[0]
    b = planted(PASSAGE, "b")[0]
    al = only(detect([doc(1, a, "2022-01-09"), doc(2, b, "2022-01-06T10:00+01:00")]))
    assert (al.a.document_id, al.b.document_id, al.order) == (2, 1, "a-first")
    al = only(detect([doc(1, a, "2022-01-06T12:00+01:00"), doc(2, b, "2022-01-06T09:00Z")]))
    assert (al.a.document_id, al.order) == (2, "a-first")
    al = only(detect([doc(5, a, None), doc(2, b, "2022-01-06")]))
    assert (al.a.document_id, al.order) == (2, "unknown")


def test_date_order() -> None:
    assert date_order("2022-01-06", "2022-01-07") == -1
    assert date_order("2022-01-07", "2022-01-06T23:00+01:00") == 1
    assert date_order("2022-01-06", "2022-01-06T10:00+01:00") == 0
    assert date_order("2022-01-06T10:00+01:00", "2022-01-06T10:00+01:00") == 0
    assert date_order("2022-01-06T10:00+01:00", "2022-01-06T09:30Z") == -1
    assert date_order("2022-01", "2022-01-06") is None
    assert date_order("2022-01", "2022-02-06") == -1
    assert date_order(None, "2022-01-06") is None


def test_clusters_join_a_passage_taken_up_by_four_documents() -> None:
    texts = [planted(PASSAGE, f"c{k}") for k in range(4)]
    dates = ["2022-01-08", "2022-01-06", "2022-01-09", None]
    docs = [doc(k + 1, t[0], dates[k]) for k, t in enumerate(texts)]
    found = detect(docs)
    assert found is not None and len(found) == 6
    (cluster,) = clusters_of(found, {d.id: d.published for d in docs})
    assert cluster.documents == (1, 2, 3, 4)
    assert cluster.first is None and cluster.order == "unknown"  # document 4 has no date
    docs[3].published = "2022-01-10"
    found = detect(docs)
    assert found is not None
    (cluster,) = clusters_of(found, {d.id: d.published for d in docs})
    assert cluster.first == ReuseSpan(2, texts[1][1], texts[1][2] - 1)
    assert cluster.order == "known"
    assert len(cluster.alignments) == 6


def test_two_documents_are_no_cluster() -> None:
    a, b = planted(PASSAGE, "a")[0], planted(PASSAGE, "b")[0]
    found = detect([doc(1, a), doc(2, b)])
    assert found is not None
    assert clusters_of(found, {}) == []


def test_focus_keeps_the_pairs_of_the_focused_documents() -> None:
    docs = [doc(k + 1, planted(PASSAGE, f"f{k}")[0]) for k in range(3)]
    found = detect(docs, focus=[3])
    assert sorted((x.a.document_id, x.b.document_id) for x in found or []) == [(1, 3), (2, 3)]


def test_progress_and_cancel() -> None:
    docs = [doc(k + 1, planted(PASSAGE, f"p{k}")[0]) for k in range(3)]
    seen: list[tuple[int, int, str]] = []
    assert detect(docs, progress=lambda d, t, w: seen.append((d, t, w)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert detect(docs, cancelled=lambda: True) is None


def test_a_soft_hyphen_inside_a_word_changes_nothing() -> None:
    hyphenated = PASSAGE.replace("collectives", "collec\u00adtives").replace(
        "retrait", "re\u00adtrait"
    )
    a = planted(PASSAGE, "a")[0]
    b, b0, b1 = planted(hyphenated, "b")
    al = only(detect([doc(1, a), doc(2, b)]))
    assert (al.b.start, al.b.end) == (b0, b1 - 1)
    assert al.similarity == 1.0 and al.words == nwords(PASSAGE)
