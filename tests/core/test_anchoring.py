"""Tests for kzreader.core.anchoring: selectors and re-anchoring after a re-import."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from kzreader.core.anchoring import (
    CONTEXT,
    Anchor,
    Selector,
    count_quote,
    find_quote,
    fuzzy_bound,
    make_selector,
    reanchor,
    reanchor_all,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

NEW_PARAGRAPH = (
    "Note de la rédaction : cet article a été mis à jour le 20 janvier avec des "
    "précisions sur le calendrier du retrait des troupes de l’OTSC.\n\n"
)


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def select(text: str, quote: str, occurrence: int = 1) -> Selector:
    found = find_quote(text, quote, occurrence)
    assert found is not None, quote
    return make_selector(text, *found)


def check_consistent(anchor: Anchor, new_text: str) -> None:
    s = anchor.selector
    assert new_text[s.start : s.end] == s.exact
    assert s == make_selector(new_text, s.start, s.end)


@pytest.fixture(scope="module")
def rt() -> str:
    return seed("002")


@pytest.fixture(scope="module")
def sputnik() -> str:
    return seed("000")


SENTENCE_000 = "Il a d’ailleurs souligné que les forces de maintien de la paix sont autorisées"
SENTENCE_002 = "Zas a qualifié la mission de maintien de la paix de succès"


# --- make_selector, find_quote, count_quote ---------------------------------


def test_make_selector_in_the_middle(sputnik: str) -> None:
    sel = select(sputnik, SENTENCE_000)
    assert sel.exact == SENTENCE_000
    assert len(sel.prefix) == len(sel.suffix) == CONTEXT
    assert sputnik[sel.start - CONTEXT : sel.start] == sel.prefix
    assert sputnik[sel.end : sel.end + CONTEXT] == sel.suffix


def test_make_selector_context_is_shorter_at_text_start_and_end(sputnik: str) -> None:
    head = make_selector(sputnik, 5, 20)
    assert head.prefix == sputnik[:5]
    assert len(head.suffix) == CONTEXT
    tail = make_selector(sputnik, len(sputnik) - 30, len(sputnik) - 10)
    assert tail.suffix == sputnik[-10:]
    assert len(tail.prefix) == CONTEXT
    whole = make_selector("abc", 0, 3)
    assert (whole.prefix, whole.exact, whole.suffix) == ("", "abc", "")
    assert len(make_selector(sputnik, 100, 110, context=5).prefix) == 5


@pytest.mark.parametrize(("start", "end"), [(3, 3), (5, 2), (-1, 2), (0, 11), (10, 11), (0, 0)])
def test_make_selector_rejects_bad_ranges(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        make_selector("0123456789", start, end)


def test_make_selector_rejects_negative_context() -> None:
    with pytest.raises(ValueError):
        make_selector("0123456789", 1, 2, context=-1)


def test_find_quote_nth_occurrence_and_absent(rt: str) -> None:
    assert count_quote(rt, "dit Zas") == 3
    positions = [find_quote(rt, "dit Zas", n) for n in (1, 2, 3)]
    assert all(p is not None for p in positions)
    starts = [p[0] for p in positions if p is not None]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert all(rt[s : s + 7] == "dit Zas" for s in starts)
    assert find_quote(rt, "dit Zas", 4) is None
    assert find_quote(rt, "Nursultan Nazarbaïev") is None
    assert count_quote(rt, "Nursultan Nazarbaïev") == 0


def test_find_quote_counts_overlapping_occurrences() -> None:
    assert count_quote("aaaa", "aa") == 3
    assert find_quote("aaaa", "aa", 2) == (1, 3)
    assert find_quote("aaaa", "aa", 3) == (2, 4)
    assert find_quote("aaaa", "aa", 4) is None


@pytest.mark.parametrize(("quote", "occurrence"), [("", 1), ("a", 0), ("a", -2)])
def test_find_quote_rejects_bad_arguments(quote: str, occurrence: int) -> None:
    with pytest.raises(ValueError):
        find_quote("banana", quote, occurrence)


def test_count_quote_rejects_empty_quote() -> None:
    with pytest.raises(ValueError):
        count_quote("banana", "")


# --- reanchor on real text ---------------------------------------------------


def test_unchanged_text_is_exact(sputnik: str) -> None:
    sel = select(sputnik, SENTENCE_000)
    anchor = reanchor(sel, sputnik)
    assert anchor == Anchor("exact", sel, 0)


def test_paragraph_inserted_at_top_is_moved(rt: str) -> None:
    sel = select(rt, SENTENCE_002)
    new = NEW_PARAGRAPH + rt
    anchor = reanchor(sel, new)
    assert anchor.status == "moved"
    assert anchor.selector.exact == sel.exact
    assert anchor.selector.start == sel.start + len(NEW_PARAGRAPH)
    check_consistent(anchor, new)


def test_text_appended_after_is_exact(sputnik: str) -> None:
    sel = select(sputnik, SENTENCE_000)
    new = sputnik + "\n\nLIRE AUSSI : la suite de l’entretien.\n"
    anchor = reanchor(sel, new)
    assert anchor.status == "exact"
    assert anchor.selector.start == sel.start
    check_consistent(anchor, new)


def test_text_appended_right_after_changes_only_the_suffix(sputnik: str) -> None:
    sel = make_selector(sputnik, len(sputnik) - 40, len(sputnik))
    new = sputnik + " Fin."
    anchor = reanchor(sel, new)
    assert anchor.status == "exact"
    assert anchor.selector.suffix == " Fin."


def test_one_word_changed_inside_is_fuzzy(rt: str) -> None:
    old_sentence = (
        "Il a ajouté que les troupes ont été bien accueillies par les habitants du Kazakhstan"
    )
    new_sentence = old_sentence.replace("bien accueillies", "chaleureusement accueillies")
    sel = select(rt, old_sentence)
    new = rt.replace(old_sentence, new_sentence)
    anchor = reanchor(sel, new)
    assert anchor.status == "fuzzy"
    assert anchor.selector.exact == new_sentence
    assert anchor.selector.start == sel.start
    assert anchor.distance == Levenshtein.distance(old_sentence, new_sentence)
    assert 0 < anchor.distance <= fuzzy_bound(old_sentence)
    check_consistent(anchor, new)


def test_word_changed_inside_and_paragraph_inserted_before_is_fuzzy(sputnik: str) -> None:
    new_sentence = SENTENCE_000.replace("souligné", "indiqué")
    sel = select(sputnik, SENTENCE_000)
    new = NEW_PARAGRAPH + sputnik.replace(SENTENCE_000, new_sentence)
    anchor = reanchor(sel, new)
    assert anchor.status == "fuzzy"
    assert anchor.selector.exact == new_sentence
    check_consistent(anchor, new)


@pytest.mark.parametrize("where", ["before", "after"])
def test_edit_next_to_the_passage_never_orphans(rt: str, where: str) -> None:
    sel = select(rt, SENTENCE_002)
    if where == "before":
        # The preceding paragraph's last words change: only the prefix differs.
        new = rt[: sel.start - 10] + "XXXXXXXXXXXXXXXX" + rt[sel.start - 2 :]
    else:
        new = rt[: sel.end] + " (un grand succès)" + rt[sel.end + 1 :]
    anchor = reanchor(sel, new)
    assert anchor.status in ("exact", "moved")
    assert anchor.selector.exact == sel.exact
    assert anchor.selector.prefix != sel.prefix or anchor.selector.suffix != sel.suffix
    check_consistent(anchor, new)


def test_deleted_paragraph_is_orphan_with_old_selector(rt: str) -> None:
    paragraph_start = rt.index("Je suis presque certain")
    paragraph_end = rt.index("\n", paragraph_start) + 1
    sel = select(rt, "chacun a tiré ses propres conclusions de cette situation")
    new = rt[:paragraph_start] + rt[paragraph_end + 1 :]
    anchor = reanchor(sel, new)
    assert anchor.status == "orphan"
    assert anchor.selector is sel
    assert anchor.distance == 0


def test_repeated_quote_follows_its_context_not_its_position(rt: str) -> None:
    sel = select(rt, "dit Zas", 2)  # "... ils ne plaisanteraient pas », dit Zas."
    inserted = "x" * 498 + "\n\n"
    new = inserted + rt
    anchor = reanchor(sel, new)
    assert anchor.status == "moved"
    assert anchor.selector.start == sel.start + len(inserted)
    assert anchor.selector.prefix == sel.prefix and anchor.selector.suffix == sel.suffix
    # Position alone would have chosen another occurrence: the context decided.
    candidates = [new.find("dit Zas", 0)]
    while (i := new.find("dit Zas", candidates[-1] + 1)) != -1:
        candidates.append(i)
    nearest = min(candidates, key=lambda s: abs(s - sel.start))
    assert nearest != anchor.selector.start


def test_duplicated_title_keeps_its_own_copy(rt: str) -> None:
    title = "Le chef du bloc dirigé par la Russie révèle les détails de la mission"
    assert count_quote(rt, title) == 2
    first, second = select(rt, title, 1), select(rt, title, 2)
    new = NEW_PARAGRAPH + rt
    a1, a2 = reanchor_all([first, second], new)
    assert (a1.status, a2.status) == ("moved", "moved")
    assert a1.selector.start == first.start + len(NEW_PARAGRAPH)
    assert a2.selector.start == second.start + len(NEW_PARAGRAPH)


def test_identical_contexts_fall_back_to_closeness() -> None:
    block = "-" * 40 + " quote " + "=" * 40 + "\n"
    text = block * 5
    sel = select(text, "quote", 3)
    shifted = "Z" * 50 + text
    by_position = reanchor(sel, shifted)
    assert by_position.status == "moved"
    # Without the old length, the nearest to the old position: the 3rd one is 50 away,
    # the 2nd one 38 away, so it wins.
    assert by_position.selector.start == sel.start + 50 - len(block)
    by_length = reanchor(sel, shifted, old_length=len(text))
    assert by_length.selector.start == sel.start + 50


def test_characters_outside_the_bmp_are_counted_as_code_points(rt: str) -> None:
    sel = select(rt, SENTENCE_002)
    inserted = "😀 🇰🇿 Kazakhstan 🇰🇿\n"
    assert len(inserted) == 19  # the flag is two code points (regional indicators)
    cut = rt.index("Au début du retrait")
    new = rt[:cut] + inserted + rt[cut:]
    anchor = reanchor(sel, new)
    assert anchor.status == "moved"
    assert anchor.selector.start == sel.start + len(inserted)
    assert new[anchor.selector.start : anchor.selector.end] == SENTENCE_002
    check_consistent(anchor, new)


def test_emoji_inside_the_passage_is_fuzzy_on_code_points(sputnik: str) -> None:
    sel = select(sputnik, SENTENCE_000)
    new_sentence = SENTENCE_000.replace("souligné", "souligné 🇰🇿")
    new = "😀" + sputnik.replace(SENTENCE_000, new_sentence)
    anchor = reanchor(sel, new)
    assert anchor.status == "fuzzy"
    assert anchor.selector.exact == new_sentence
    assert anchor.distance == 3
    check_consistent(anchor, new)


def test_nfc_normalised_reimport_is_exact(sputnik: str) -> None:
    sel = select(sputnik, "secrétaire général de l’OTSC explique quand ses forces")
    decomposed = unicodedata.normalize("NFD", sputnik)
    assert decomposed != sputnik and len(decomposed) > len(sputnik)
    # Callers normalise to NFC: the same content gives the same offsets.
    assert reanchor(sel, unicodedata.normalize("NFC", decomposed)) == Anchor("exact", sel)
    # Not normalised, "é" is two code points and the quote is no longer found as is.
    assert reanchor(sel, decomposed).status in ("fuzzy", "orphan")


def test_short_quotes_are_never_fuzzy() -> None:
    assert reanchor(make_selector("abc XYZ def", 4, 7), "abc XYQ def").status == "orphan"
    anchor = reanchor(make_selector("abc WXYZ def", 4, 8), "abc WXYQ def")
    assert (anchor.status, anchor.selector.exact, anchor.distance) == ("fuzzy", "WXYQ", 1)


def test_fuzzy_bound_is_enforced() -> None:
    old = "le président kazakh a demandé l'aide"  # 36 code points: at most 7 edits
    sel = make_selector("Hier, " + old + " du bloc.", 6, 6 + len(old))
    within = "le président kazakh a réclamé l'aide"
    beyond = "la présidente kazakhe avait sollicité un soutien"
    assert Levenshtein.distance(old, within) <= fuzzy_bound(old)
    assert Levenshtein.distance(old, beyond) > fuzzy_bound(old)
    assert reanchor(sel, "Hier, " + within + " du bloc.").selector.exact == within
    assert reanchor(sel, "Hier, " + beyond + " du bloc.").status == "orphan"


def test_fuzzy_match_does_not_start_or_end_on_whitespace() -> None:
    sel = make_selector("Alors abcdefghij\n\nsuite", 6, 16)
    anchor = reanchor(sel, "Alors abcdefgh\n\nsuite")
    assert (anchor.status, anchor.selector.exact) == ("fuzzy", "abcdefgh")
    sel = make_selector("Alors abcdefghij\n\nsuite", 6, 18)  # ends on "\n\n"
    anchor = reanchor(sel, "Alors abcdefgh\n\nsuite")
    assert (anchor.status, anchor.selector.exact) == ("fuzzy", "abcdefgh\n\n")
    # " bcdefghij" is as close as "bcdefghij" (substitution vs deletion) and fits
    # the old prefix better, but the original did not start on whitespace.
    sel = make_selector("Alors abcdefghij suite", 6, 16)
    anchor = reanchor(sel, "Alors  bcdefghij suite")
    assert (anchor.status, anchor.selector.exact, anchor.distance) == ("fuzzy", "bcdefghij", 1)


def test_fuzzy_prefers_the_match_near_the_old_position(rt: str) -> None:
    sentence = "aucun incident n’ayant été enregistré au cours de la mission"
    sel = select(rt, sentence)
    changed = sentence.replace("aucun incident", "aucun accident")  # 2 edits
    far_copy = "\n" + sentence.replace("aucun", "aucune") + "\n"  # 1 edit, but far away
    new = rt.replace(sentence, changed) + "x" * 4000 + far_copy
    anchor = reanchor(sel, new)
    assert anchor.status == "fuzzy"
    assert anchor.selector.start == sel.start
    assert anchor.selector.exact == changed and anchor.distance == 2


def test_fuzzy_prefers_the_match_that_kept_its_context(rt: str) -> None:
    sentence = "aucun incident n’ayant été enregistré au cours de la mission"
    sel = select(rt, sentence)
    changed = sentence.replace("aucun incident", "aucun accident")  # 2 edits, in place
    nearby_copy = sentence.replace("aucun", "aucune")  # 1 edit, a few lines below
    new = rt.replace(sentence, changed)
    cut = new.index("\n", sel.end + 300)
    new = new[:cut] + " Bref, " + nearby_copy + "." + new[cut:]
    anchor = reanchor(sel, new)
    assert anchor.status == "fuzzy"
    assert (anchor.selector.start, anchor.selector.exact) == (sel.start, changed)


def test_fuzzy_uses_prefix_and_suffix_when_the_quote_changed_a_lot() -> None:
    quote = "le président kazakh a demandé l'aide"  # 36 code points: at most 7 edits
    changed = "le prXsidenX kazXkh a XemaXdé l'XiYe"  # 7 substitutions
    decoy = "e présidentQ kazkh aQ demané Ql'aieQ Q"  # too far, yet looks closer
    assert Levenshtein.distance(quote, changed) == fuzzy_bound(quote)
    assert Levenshtein.distance(quote, decoy) > fuzzy_bound(quote)
    lead, tail = "Selon l’agence, hier, ", " du bloc. " + "x" * 50
    sel = make_selector(lead + quote + tail + " Puis rien.", len(lead), len(lead) + len(quote))
    new = lead + changed + tail + " Puis " + decoy + " encore."
    # A plain best-alignment search finds the decoy, which is beyond the bound.
    assert fuzz.partial_ratio_alignment(quote, new).dest_start == new.index(decoy)
    anchor = reanchor(sel, new)
    assert (anchor.status, anchor.selector.start, anchor.selector.exact) == (
        "fuzzy",
        len(lead),
        changed,
    )


def test_long_paragraph_edited_and_moved_is_fuzzy() -> None:
    text = seed("001")
    paragraph = max(text.split("\n"), key=len)  # a ~3,000 code point paragraph
    assert len(paragraph) > 2000
    sel = select(text, paragraph)
    edited = paragraph.replace("Kazakhstan", "Kazakhstan (Asie centrale)", 2)
    edited = edited.replace("OTSC", "Organisation", 1)
    assert 0 < Levenshtein.distance(paragraph, edited) <= fuzzy_bound(paragraph)
    # The paragraph is also moved far away, between new surroundings.
    rest = text.replace(paragraph + "\n", "") + seed("002") + seed("000")
    new = rest + "\nSuite de l’article :\n" + edited + "\nFin de l’article.\n"
    assert new.index(edited) > sel.end + 3000  # beyond the near window
    anchor = reanchor(sel, new)
    assert anchor.status == "fuzzy"
    assert anchor.selector.exact == edited
    assert anchor.distance == Levenshtein.distance(paragraph, edited)
    check_consistent(anchor, new)


def test_reanchor_all_matches_reanchor_on_every_sentence(rt: str) -> None:
    olds = []
    start = 0
    while (end := rt.find(". ", start)) != -1:
        if end > start:
            olds.append(make_selector(rt, start, end + 1))
        start = end + 2
    olds.append(make_selector(rt, 0, 3))  # short, repeated-ish quotes too
    olds.append(select(rt, "Zas", 5))
    new = rt.replace("Casques bleus", "casques bleus").replace("dit Zas", "a dit Zas")
    new = NEW_PARAGRAPH + new
    anchors = reanchor_all(olds, new, old_length=len(rt))
    assert anchors == [reanchor(o, new, old_length=len(rt)) for o in olds]
    assert {a.status for a in anchors} >= {"moved", "fuzzy"}
    for a in anchors:
        if a.status != "orphan":
            check_consistent(a, new)


# --- properties --------------------------------------------------------------

ALPHABET = "ab c\né😀"


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_property_anchors_are_consistent(data: st.DataObject) -> None:
    text = data.draw(st.text(ALPHABET, min_size=1, max_size=120), label="text")
    start = data.draw(st.integers(0, len(text) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(text)), label="end")
    i = data.draw(st.integers(0, len(text)), label="edit_start")
    j = data.draw(st.integers(i, min(len(text), i + 20)), label="edit_end")
    replacement = data.draw(st.text(ALPHABET, max_size=20), label="replacement")
    new = text[:i] + replacement + text[j:]
    old = make_selector(text, start, end)
    anchor = reanchor(old, new)

    if anchor.status == "orphan":
        assert anchor.selector is old and anchor.distance == 0
    else:
        check_consistent(anchor, new)
    if anchor.status in ("exact", "moved"):
        assert anchor.selector.exact == old.exact and anchor.distance == 0
    if anchor.status == "fuzzy":
        assert len(old.exact) >= 4
        assert anchor.distance == Levenshtein.distance(old.exact, anchor.selector.exact)
        assert 1 <= anchor.distance <= fuzzy_bound(old.exact)
    if i >= end:  # edit after the passage: nothing moved
        assert anchor.status == "exact" and anchor.selector.start == start
    if j <= start:  # edit before the passage: the quote is still there
        assert anchor.status in ("exact", "moved")
    others = [make_selector(text, k, min(len(text), k + 5)) for k in range(0, len(text), 7)]
    olds = [old, *others, old]
    assert reanchor_all(olds, new) == [reanchor(o, new) for o in olds]
