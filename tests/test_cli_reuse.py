"""``kzreader reuse`` and ``kzreader quotes`` over the sample articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run_cli as run

from kzreader.cli import main

MEMBERS = "Arménie, la Biélorussie, le Kazakhstan, le Kirghizistan, la Russie et le Tadjikistan"


@pytest.fixture
def lib(seeded_path: str) -> str:
    return seeded_path


def shown_text(capsys, lib: str, doc_id: int) -> str:
    code, out, _ = run(capsys, lib, "show", str(doc_id), "--json")
    assert code == 0
    return json.loads(out)["text"]


def test_reuse_json_finds_the_member_list_sputnik_and_rt_share(capsys, lib: str) -> None:
    code, out, err = run(capsys, lib, "reuse", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"alignments", "clusters"}
    (al,) = data["alignments"]
    assert set(al) >= {"a", "b", "words", "similarity", "order"}
    assert al["words"] == 13 and al["similarity"] == 1.0
    assert al["order"] == "unknown"  # the RT page gives no date
    for side in (al["a"], al["b"]):
        assert set(side) == {"document_id", "start", "end"}
        text = shown_text(capsys, lib, side["document_id"])
        # l'Arménie (Sputnik) and l’Arménie (RT): the same words
        assert text[side["start"] : side["end"]][2:] == MEMBERS
    sources = set()
    for side in (al["a"], al["b"]):
        code, out, _ = run(capsys, lib, "show", str(side["document_id"]), "--json")
        sources.add(json.loads(out)["source"])
    assert sources == {"Sputnik", "RT"}


def test_reuse_text_output_and_filters(capsys, lib: str) -> None:
    code, out, _ = run(capsys, lib, "reuse")
    assert code == 0
    assert "13 words, similarity 1.00, unknown" in out and MEMBERS in out
    code, out, _ = run(capsys, lib, "reuse", "--across-outlets")
    assert code == 0 and "1 reused passage pair(s)" in out
    code, out, _ = run(capsys, lib, "reuse", "--within-outlet")
    assert code == 0 and out.strip() == "No reused passages found."
    code, out, _ = run(capsys, lib, "reuse", "--min-words", "20", "--json")
    assert code == 0 and json.loads(out) == {"alignments": [], "clusters": []}
    code, out, _ = run(capsys, lib, "reuse", "--min-words", "8", "--json")
    assert code == 0 and len(json.loads(out)["alignments"]) > 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--min-words", "3"], 1, "fewest words a reused passage can have is 8"),
        (["--min-words", "zero"], 2, "expected a whole number"),
        (["--min-words", "0"], 2, "above 0"),
        (["--across-outlets", "--within-outlet"], 2, "not allowed with"),
        (["--document", "999"], 1, "no document 999"),
    ],
)
def test_bad_arguments_are_told(capsys, lib: str, args: list[str], code: int, message: str) -> None:
    with pytest.raises(SystemExit) if code == 2 else _no_raise() as caught:
        got = main(["--library", lib, "reuse", *args])
    if code == 2:
        assert caught.value.code == 2
    else:
        assert got == 1
    assert message in capsys.readouterr().err


class _no_raise:
    value = None

    def __enter__(self) -> _no_raise:
        return self

    def __exit__(self, *exc: object) -> bool:
        return False


def test_quotes_json(capsys, lib: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(
        "Reprise\n\nSelon Stanislav Zas, « les gens se sont montrés compréhensifs face à "
        "l’arrivée de notre force de maintien de la paix dans le pays ».\n",
        "utf-8",
    )
    assert main(["--library", lib, "import", str(copy)]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, lib, "quotes", "--json")
    assert code == 0, err
    (group,) = json.loads(out)["groups"]
    assert len(group["documents"]) == 2
    for q in group["quotes"]:
        text = shown_text(capsys, lib, q["document_id"])
        assert text[q["start"] : q["end"]] == q["text"]
    assert [q["changed"] for q in group["quotes"]].count(
        True
    ) == 1  # RT's has "L’état d’esprit était bon." first
    code, out, _ = run(capsys, lib, "quotes")
    assert code == 0 and "Quote 1: 2 document(s)" in out
    code, out, _ = run(capsys, lib, "quotes", "--all", "--json")
    assert len(json.loads(out)["groups"]) > 5


def test_without_numpy_the_commands_say_detection_is_not_installed(lib: str) -> None:
    """The installers do not carry numpy yet: the rest of kzreader works, and
    the reuse commands say why they cannot."""
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['numpy'] = None\n"
        "from kzreader.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    for command in (["reuse"], ["quotes"], ["info"]):
        done = subprocess.run(
            [sys.executable, "-c", script, "--library", lib, *command],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "Traceback" not in done.stderr, done.stderr
        if command == ["info"]:
            assert done.returncode == 0, done.stderr
        else:
            assert done.returncode == 1
            assert "reuse detection is not part of this installation" in done.stderr
