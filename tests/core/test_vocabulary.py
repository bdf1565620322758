"""The index's words read once per segment: the same words as Whoosh's own
prefix, wildcard and fuzzy terms find, with their articles counted."""

from __future__ import annotations

import pytest
from whoosh import fields, index, query

from kzreader.core import vocabulary
from kzreader.core.vocabulary import FieldWords, Vocabulary, _read_any, _read_w3, segments

TEXTS = [
    "manifestation manifestations manifeste maintien paix",
    "Казахстан казахстанский Токаев мир мирный",
    "sécurité securite sécuritaire stabilité stabiliser nation",
    "abc abcabc aabbcc cabbage bacon tokaev tokayev tokaïev",
    "aaaaaaaaaaaaaaaa station nation nations ration",
    "maintenance maintien main mains manif",
]


@pytest.fixture
def reader(tmp_path):
    """An index of three segments (one commit each, never merged)."""
    schema = fields.Schema(body=fields.TEXT(), title=fields.TEXT(), other=fields.TEXT())
    ix = index.create_in(tmp_path, schema)
    for pair in (TEXTS[i : i + 2] for i in range(0, len(TEXTS), 2)):
        writer = ix.writer()
        for text in pair:
            writer.add_document(body=text, title=text.split()[0])
        writer.commit(merge=False)
    with ix.searcher() as searcher:
        assert len(segments(searcher.reader())) == 3
        yield searcher.reader()
    ix.close()


def whoosh_words(q: query.MultiTerm, reader) -> list[str]:
    return sorted(w.decode() if isinstance(w, bytes) else w for w in q._btexts(reader))


@pytest.mark.parametrize(
    "pattern",
    ["*tion", "*a*b*c*", "*a*a*a*a*a*a*", "?a?", "man*f*", "ma?n*", "*", "st*on", "[ab]*", "*т*"],
)
def test_wildcards_find_what_whoosh_finds(reader, pattern: str) -> None:
    found = vocabulary.wildcard(reader, "body", pattern)
    assert list(found) == whoosh_words(query.Wildcard("body", pattern), reader)


@pytest.mark.parametrize("prefix", ["ma", "mani", "к", "sécu", "z", ""])
def test_prefixes_find_what_whoosh_finds(reader, prefix: str) -> None:
    found = vocabulary.prefixed(reader, "body", prefix)
    assert list(found) == whoosh_words(query.Prefix("body", prefix), reader)


@pytest.mark.parametrize(
    ("text", "edits", "start"),
    [("tokaev", 1, 1), ("tokaev", 2, 1), ("securite", 2, 3), ("manifestation", 1, 1),
     ("казахстан", 2, 1), ("a" * 40, 2, 1), ("nation", 0, 1)],
)  # fmt: skip
def test_fuzzy_terms_find_what_whoosh_finds(reader, text: str, edits: int, start: int) -> None:
    found = vocabulary.fuzzy(reader, "body", text, edits, start)
    fuzzy = query.FuzzyTerm("body", text, maxdist=edits, prefixlength=start)
    assert list(found) == whoosh_words(fuzzy, reader)


def test_each_word_comes_with_the_articles_of_every_segment(reader) -> None:
    found = vocabulary.prefixed(reader, "body", "")
    assert found
    for word, articles in found.items():
        assert articles == reader.doc_frequency("body", word), word
    assert found["maintien"] == 2  # one article in the first segment, one in the last


def test_a_segment_read_from_its_file_equals_whoosh_lexicon(reader) -> None:
    for segment in segments(reader):
        for field in ("body", "title", "other"):
            raw = _read_w3(segment, field)
            assert raw is not None
            plain = _read_any(segment, field)
            assert raw == plain
            assert list(raw.words) == [w.decode() for w in segment.lexicon(field)]


def test_a_field_without_words_finds_nothing(reader) -> None:
    assert vocabulary.wildcard(reader, "other", "*a*") == {}
    assert vocabulary.prefixed(reader, "other", "a") == {}
    assert vocabulary.fuzzy(reader, "other", "abc", 1, 1) == {}


def test_the_words_are_read_once_per_segment_and_the_oldest_let_go(reader, monkeypatch) -> None:
    reads = []
    original = vocabulary._read_w3

    def counted(segment, field):
        reads.append((segment._segment.segment_id(), field))
        return original(segment, field)

    monkeypatch.setattr(vocabulary, "_read_w3", counted)
    words = sum(len(list(s.lexicon("body"))) for s in segments(reader))
    kept = Vocabulary(kept=words)
    assert kept.count(reader, "body") == words
    kept.count(reader, "body")
    assert len(reads) == 3  # each segment once
    kept.count(reader, "title")  # three more: the body's words are let go
    kept.count(reader, "body")
    assert len(reads) == 9


def test_a_word_longer_than_the_read_chunk_is_read_whole(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(vocabulary, "_CHUNK", 64)
    schema = fields.Schema(body=fields.TEXT())
    ix = index.create_in(tmp_path, schema)
    with ix.writer() as writer:
        writer.add_document(body="short " + "x" * 150 + " " + "y" * 90 + " zed")
    with ix.searcher() as searcher:
        (segment,) = segments(searcher.reader())
        words = _read_w3(segment, "body")
        assert list(words.words) == ["short", "x" * 150, "y" * 90, "zed"]
    ix.close()


def test_the_words_joined_answer_as_a_sequence() -> None:
    from array import array

    fw = FieldWords.of(["ab", "abc", "b"], array("I", [1, 2, 3]))
    assert len(fw) == 3
    assert list(fw.words) == ["ab", "abc", "b"]
    assert fw.prefixed("ab") == range(0, 2)
    assert list(fw.matching("a*")) == [0, 1]
    with pytest.raises(IndexError):
        fw.words[3]
