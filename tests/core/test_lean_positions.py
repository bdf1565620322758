"""The body fields' postings made in one pass equal Whoosh's, byte for byte,
and the index they make is Whoosh's."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.formats import Positions

from kzreader.core import lean_positions
from kzreader.core.index import (
    IndexDoc,
    SearchIndex,
    all_body_fields,
    body_field,
    lean_writer,
    make_schema,
)
from kzreader.core.lean_positions import LeanPositions, words_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXTS = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] + [
    "",
    "   ",
    "le la les de des",  # only stop words
    "Les manifestations et la paix, les troupes de l’OTSC; la paix.",  # stop words first
    "Des drapeaux 🇰🇿 et l’ŒUVRE d’État: qu’il STABILISÉE, Tokaïev_2 ß straße 3,5 %.",
    "La réac\u00adtion de l’Or\u00adgani\u00adsation, sta\u200bbilisée ;\u00a0fin\u00ad \u00ad.",
    "Москва и Астана: переговоры, Токаев и Назарбаев.\nВторой абзац.",
]


def whoosh_values(field: str, text: str) -> list[tuple]:
    schema = make_schema()
    return list(Positions().word_values(text, schema[field].analyzer, mode="index"))


def lean_values(field: str, text: str) -> list[tuple]:
    schema = make_schema()

    class Holder:  # what lean_writer needs of a writer
        pass

    holder = Holder()
    holder.schema = schema  # type: ignore[attr-defined]
    lean_writer(holder)  # type: ignore[arg-type]
    fmt = schema[field].format
    assert type(fmt) is LeanPositions
    return list(fmt.word_values(text, schema[field].analyzer, mode="index"))


@pytest.mark.parametrize("language", ["fr", "en", "de", "ru", "it", None])
def test_the_postings_are_whooshs_byte_for_byte(language: str | None) -> None:
    field = body_field(language)
    for text in TEXTS:
        assert lean_values(field, text) == whoosh_values(field, text)


def test_pieces_cut_between_words_give_the_same_postings(monkeypatch) -> None:
    long = " ".join(TEXTS) * 3
    whole = lean_values("body_fr", long)
    monkeypatch.setattr(lean_positions, "PIECE", 17)
    assert lean_values("body_fr", long) == whole == whoosh_values("body_fr", long)
    import re

    word = re.compile(r"\w+")
    monkeypatch.setattr(lean_positions, "PIECE", 3)
    pieces = list(words_of("ab cd\tef\ngh", word))
    assert [w for p in pieces for w in p] == ["ab", "cd", "ef", "gh"] and len(pieces) > 1


def test_a_lean_format_pickles_as_whooshs() -> None:
    schema = make_schema()
    plain = pickle.dumps(schema["body_fr"].format)

    class Holder:
        pass

    holder = Holder()
    holder.schema = schema  # type: ignore[attr-defined]
    lean_writer(holder)  # type: ignore[arg-type]
    fmt = schema["body_fr"].format
    assert type(fmt) is LeanPositions and fmt == Positions() and Positions() == fmt
    assert b"kzreader" not in pickle.dumps(fmt) and b"kzreader" not in plain
    again = pickle.loads(pickle.dumps(fmt))
    assert type(again) is Positions and again.__dict__ == pickle.loads(plain).__dict__
    assert type(pickle.loads(pickle.dumps(schema))["body_fr"].format) is Positions
    assert schema == make_schema()


def test_a_field_whose_analyzer_is_not_this_versions_keeps_whooshs_format() -> None:
    from whoosh.analysis import StandardAnalyzer

    schema = make_schema()
    schema["body_de"].analyzer = StandardAnalyzer()

    class Holder:
        pass

    holder = Holder()
    holder.schema = schema  # type: ignore[attr-defined]
    lean_writer(holder)  # type: ignore[arg-type]
    assert type(schema["body_de"].format) is Positions
    assert {type(schema[f].format) for f in all_body_fields() if f != "body_de"} == {LeanPositions}


def _postings(folder: Path) -> dict:
    ix = whoosh_index.open_dir(str(folder))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        out = {}
        for field, word in reader.all_terms():
            if field.startswith("body"):
                m, found = reader.postings(field, word), []
                while m.is_active():
                    found.append((m.id(), m.weight(), m.value()))
                    m.next()
                out[(field, word)] = found
        return out


def test_an_index_written_lean_equals_one_written_by_whoosh(tmp_path: Path, monkeypatch) -> None:
    docs = [
        IndexDoc(n + 1, f"h{n}", f"Titre {n}", text, [], None, lang, None)
        for n, (text, lang) in enumerate((t, lang) for t in TEXTS for lang in ("fr", "ru", None))
    ]
    lean = SearchIndex(tmp_path / "lean")
    lean.rebuild(docs, 1)
    monkeypatch.setattr("kzreader.core.index.lean_writer", lambda writer: writer)
    plain = SearchIndex(tmp_path / "plain")
    plain.rebuild(docs, 1)
    assert _postings(tmp_path / "lean") == _postings(tmp_path / "plain")
    assert len(_postings(tmp_path / "lean")) > 300
    toc = whoosh_index.open_dir(str(tmp_path / "lean")).schema
    assert type(toc["body_fr"].format) is Positions  # the table of contents is Whoosh's


def test_a_writer_of_an_existing_index_writes_lean(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.rebuild([IndexDoc(1, "h", "Titre", TEXTS[0], [], None, "fr", None)], 1)
    writer = lean_writer(whoosh_index.open_dir(str(tmp_path / "ix")).writer())
    try:  # the schema unpickled from the index, its stemmers new objects
        assert {type(writer.schema[f].format) for f in all_body_fields()} == {LeanPositions}
    finally:
        writer.cancel()


@pytest.mark.parametrize("language", ["fr", None])
def test_a_masked_value_gives_the_postings_of_the_blanked_text(language, monkeypatch) -> None:
    from kzreader.core.lean_positions import Masked
    from kzreader.core.textfold import mask_spans

    field = body_field(language)
    text = " ".join(TEXTS)
    n = len(text)
    span_sets = [
        [],
        [[0, 40]],
        [[5, 9], [100, 250], [n - 30, n]],  # cutting through words
        [[300, 400], [350, 500], [10, 20]],  # overlapping, out of order
        [[0, n]],
    ]
    for piece in (1 << 20, 23):
        monkeypatch.setattr(lean_positions, "PIECE", piece)
        for spans in span_sets:
            wanted = whoosh_values(field, mask_spans(text, sorted(spans)))
            assert lean_values(field, Masked(text, spans)) == wanted
