"""The command line over passages, tags, links, autocode and undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run_cli as run
from tests_support import user_data

from kzreader.core.library import Library


@pytest.fixture
def lib(seeded_path: str) -> str:
    return seeded_path


def run_json(capsys, lib: str, *args: str):
    code, out, err = run(capsys, lib, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def doc_id(capsys, lib: str, file_prefix: str) -> int:
    with Library(Path(lib)) as opened:
        return next(d.id for d in opened.documents() if d.file_name.startswith(file_prefix))


def test_highlight_json_shape(capsys, lib: str) -> None:
    rt = doc_id(capsys, lib, "002")
    p = run_json(
        capsys,
        lib,
        "highlight",
        str(rt),
        "--quote",
        "dit Zas",
        "--occurrence",
        "2",
        "--tag",
        "Acteurs/OTSC",
        "--tag",
        "Citation",
        "--note",
        "deuxième",
        "--color",
        "#ff0000",
    )
    assert set(p) == {"id", "document_id", "start", "end", "exact", "tags", "note", "status"}
    assert (p["document_id"], p["exact"], p["tags"], p["note"], p["status"]) == (
        rt,
        "dit Zas",
        ["Acteurs/OTSC", "Citation"],
        "deuxième",
        "exact",
    )
    q = run_json(capsys, lib, "highlight", str(rt), "--start", "0", "--end", "15")
    assert q["exact"] == "Skip to content"


def test_highlight_errors_change_nothing(capsys, lib: str) -> None:
    rt = doc_id(capsys, lib, "002")
    with Library(Path(lib)) as opened:
        before = user_data(opened)
    for args, message in (
        ([str(rt), "--quote", "n'existe pas ici"], "not in this document"),
        ([str(rt), "--quote", "dit Zas", "--occurrence", "7"], "occurs 3 time"),
        (["999", "--quote", "Zas"], "no document 999"),
        ([str(rt), "--start", "10", "--end", "5"], "not a passage"),
        ([str(rt)], "--quote TEXT, or --start and --end"),
        ([str(rt), "--quote", "Zas", "--color", "rouge"], "colour"),
    ):
        code, _, err = run(capsys, lib, "highlight", *args)
        assert code == 1 and message in err and "Traceback" not in err, (args, err)
    with Library(Path(lib)) as opened:
        assert user_data(opened) == before


def test_tags_commands(capsys, lib: str) -> None:
    rt = doc_id(capsys, lib, "002")
    run(capsys, lib, "highlight", str(rt), "--quote", "Stanislav Zas", "--tag", "CSTO/Zas")
    assert run(capsys, lib, "tag", "create", "Acteurs/OTSC", "--color", "#336699")[0] == 0
    data = run_json(capsys, lib, "tag", "list")
    assert data["tags"][0].keys() == {"id", "path", "color", "count"}
    counts = {t["path"]: t["count"] for t in data["tags"]}
    assert counts == {"Acteurs": 0, "Acteurs/OTSC": 0, "CSTO": 1, "CSTO/Zas": 1}
    assert run(capsys, lib, "tag", "move", "CSTO/Zas", "Acteurs/OTSC")[0] == 0
    assert run(capsys, lib, "tag", "rename", "Acteurs/OTSC/Zas", "Stanislav Zas")[0] == 0
    code, out, _ = run(capsys, lib, "tag", "merge", "CSTO", "Acteurs")
    assert code == 0 and "Undo with" in out
    code, out, _ = run(capsys, lib, "tag", "list")
    assert "Stanislav Zas" in out and "CSTO" not in out
    assert run(capsys, lib, "tag", "delete", "Acteurs")[0] == 0
    assert run_json(capsys, lib, "tag", "list") == {"tags": []}
    for args, message in (
        (["rename", "Inconnu", "x"], "no tag 'Inconnu'"),
        (["merge", "Inconnu", "Autre"], "no tag"),
        (["create", "a//b"], "not a tag path"),
    ):
        code, _, err = run(capsys, lib, "tag", *args)
        assert code == 1 and message in err, err


def test_link_links_and_passages(capsys, lib: str) -> None:
    sputnik, rt = doc_id(capsys, lib, "000"), doc_id(capsys, lib, "002")
    a = run_json(capsys, lib, "highlight", str(sputnik), "--quote", "Stanislav Zas", "--tag", "Zas")
    b = run_json(capsys, lib, "highlight", str(rt), "--quote", "Stanislav Zas", "--tag", "Zas")
    link = run_json(
        capsys,
        lib,
        "link",
        str(b["id"]),
        str(a["id"]),
        "--relation",
        "repeats",
        "--note",
        "même source",
    )
    assert (link["relation"], link["source_id"], link["target_id"]) == ("repeats", b["id"], a["id"])
    back = run_json(capsys, lib, "links", str(a["id"]))["links"]
    assert [(x["side"], x["passage_id"], x["relation"]) for x in back] == [
        ("in", b["id"], "repeats")
    ]
    passages = run_json(capsys, lib, "passages", "--tag", "Zas")["passages"]
    assert [p["id"] for p in passages] == [a["id"], b["id"]]
    assert passages[0]["links"][0]["side"] == "in" and passages[1]["links"][0]["side"] == "out"
    assert set(passages[0]) == {
        "id",
        "document_id",
        "start",
        "end",
        "exact",
        "tags",
        "note",
        "status",
        "links",
    }
    only_rt = run_json(capsys, lib, "passages", "--tag", "Zas", "--source", "RT")["passages"]
    assert [p["id"] for p in only_rt] == [b["id"]]
    dated = run_json(capsys, lib, "passages", "--date", "2022-01")["passages"]
    assert [p["id"] for p in dated] == [a["id"]]
    code, out, _ = run(capsys, lib, "passages", "--document", str(rt))
    assert code == 0 and "1 passage(s)" in out and "→ repeats" in out
    code, _, err = run(capsys, lib, "link", str(a["id"]), "999", "--relation", "repeats")
    assert code == 1 and "no passage 999" in err
    code, _, err = run(capsys, lib, "links", "4242")
    assert code == 1 and "no passage 4242" in err
    code, out, _ = run(capsys, lib, "passage", "delete", str(a["id"]))
    assert code == 0 and "1 link(s) removed" in out


def test_passage_subcommands(capsys, lib: str) -> None:
    rt = doc_id(capsys, lib, "002")
    p = run_json(capsys, lib, "highlight", str(rt), "--quote", "Stanislav Zas")
    pid = str(p["id"])
    assert run_json(capsys, lib, "passage", "note", pid, "Secrétaire général")["note"] == (
        "Secrétaire général"
    )
    assert run_json(capsys, lib, "passage", "tag", pid, "Acteurs")["tags"] == ["Acteurs"]
    assert run_json(capsys, lib, "passage", "untag", pid, "Acteurs")["tags"] == []
    moved = run_json(capsys, lib, "passage", "move", pid, "0:15")
    assert moved["exact"] == "Skip to content"
    code, _, err = run(capsys, lib, "passage", "move", pid, "zéro")
    assert code == 1 and "START:END" in err
    code, out, _ = run(capsys, lib, "passages", "--query", "skip")
    assert "1 passage(s)" in out


def test_attr_autocode_and_undo(capsys, lib: str) -> None:
    rt = doc_id(capsys, lib, "002")
    code, out, _ = run(capsys, lib, "attr", str(rt), "pays", "Russie")
    assert code == 0 and "pays = Russie" in out
    code, out, _ = run(capsys, lib, "attr", str(rt), "pays")
    assert out.strip() == "Russie"
    code, out, _ = run(capsys, lib, "autocode", '"Stanislav Zas"', "--tag", "Acteurs/Zas")
    assert code == 0 and "5 passage(s) created" in out
    only_russia = run_json(capsys, lib, "passages", "--tag", "Acteurs", "--attr", "pays=Russie")
    assert len(only_russia["passages"]) == 1
    code, out, _ = run(capsys, lib, "autocode", r"Tok\w+ev", "--tag", "Tokaïev", "--regex")
    assert code == 0 and "passage(s) created" in out
    history = run_json(capsys, lib, "history")["history"]
    assert [h["kind"] for h in history[:3]] == ["autocode", "autocode", "attribute"]
    code, out, _ = run(capsys, lib, "undo")
    assert code == 0 and "Undone: Autocode" in out
    code, out, _ = run(capsys, lib, "undo")
    assert run_json(capsys, lib, "passages")["passages"] == []
    code, out, _ = run(capsys, lib, "redo")
    assert "Redone: Autocode '\"Stanislav Zas\"'" in out
    assert len(run_json(capsys, lib, "passages")["passages"]) == 5
    code, out, _ = run(capsys, lib, "cooccurrence")
    assert code == 0 and "Acteurs/Zas" in out
    table = run_json(capsys, lib, "crosstab")["tags"]
    assert table["Acteurs/Zas"] == {"RT": 1, "Sputnik": 1, "unknown": 3}
    code, _, err = run(capsys, lib, "autocode", "(", "--tag", "X", "--regex")
    assert code == 1 and "regular expression" in err
    code, _, err = run(capsys, lib, "attr", "999", "pays", "x")
    assert code == 1 and "no document 999" in err


def test_undo_with_nothing_to_undo(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path / "empty"), "undo")
    assert code == 1 and "nothing to undo" in err


def test_delete_document(capsys, lib: str) -> None:
    rt = doc_id(capsys, lib, "002")
    run(capsys, lib, "highlight", str(rt), "--quote", "Stanislav Zas")
    code, out, _ = run(capsys, lib, "delete", str(rt))
    assert code == 0 and "with 1 passage(s) and 0 link(s)" in out
    assert len(run_json(capsys, lib, "list")["documents"]) == 4
    run(capsys, lib, "undo")
    assert len(run_json(capsys, lib, "list")["documents"]) == 5
