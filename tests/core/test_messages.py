"""The sentences the core writes, in French: every template the core uses has
its French, real import refusals come out in French with their values, and
the English stays exactly as it was."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

import kzreader.core
from kzreader.core import importer
from kzreader.core.errors import ImportRefused
from kzreader.core.importer import collect_files, prepare_file, read_article, skip_reason
from kzreader.core.importing import decode
from kzreader.core.importing.decode import decode_as, decode_bytes
from kzreader.core.messages import (
    Message,
    fields,
    language_code,
    localize,
    message,
    template_of,
    translate,
)
from kzreader.core.messages_fr import FRENCH, RECOGNISED
from kzreader.core.passages import RELATIONS

CORE = Path(kzreader.core.__file__).resolve().parent
NBSP = "\u00a0"

#: Reasons the library writes as plain text (matched by their wording).
PLAIN_REASONS = {"the library could not store it: {error}"}


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _takes_templates(node: ast.Call) -> bool:
    """A call whose literal arguments are templates: ``message(template, ...)``,
    a report's ``tr(template, ...)`` (``self.tr``, ``plan.tr``) and
    ``tr.plural(n, one, many)``."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in ("message", "tr")
    if isinstance(func, ast.Attribute):
        if func.attr == "plural":
            return isinstance(func.value, ast.Name) and func.value.id == "tr"
        return func.attr == "tr"
    return False


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _built_text(node: ast.AST) -> bool:
    """An f-string or a concatenation: English that no template describes."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and (_is_text(node.left) or _is_text(node.right) or _built_text(node.left))
    )


def _reason_nodes(tree: ast.Module) -> list[ast.AST]:
    """What the module gives as an import reason: the first argument of
    ``ImportRefused``, ``reason=`` of an ``ImportResult``, and what a
    ``*_reason`` function or ``prepare_file`` returns."""
    nodes: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if _called(node) == "ImportRefused" and node.args:
                nodes.append(node.args[0])
            if _called(node) == "ImportResult":
                nodes += [k.value for k in node.keywords if k.arg == "reason"]
        if isinstance(node, ast.FunctionDef) and (
            node.name.endswith("_reason") or node.name == "prepare_file"
        ):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    value = inner.value
                    nodes += value.elts if isinstance(value, ast.Tuple) else [value]
    return nodes


def _module_texts(tree: ast.Module) -> dict[str, str]:
    """``NAME = "literal"`` at the top of a module."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and _is_text(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = node.value.value  # type: ignore[attr-defined]
    return out


def templates_in(source: str, where: str, templates: dict[str, str], problems: list[str]) -> None:
    """Add the templates of a module's ``source`` to ``templates`` (template:
    where it is used), and to ``problems`` its English built otherwise."""
    tree = ast.parse(source)
    texts = _module_texts(tree)

    def found(node: ast.AST, line: int) -> None:
        if _is_text(node):
            templates.setdefault(node.value, f"{where}:{line}")  # type: ignore[attr-defined]
        elif isinstance(node, ast.Name) and node.id in texts:
            templates.setdefault(texts[node.id], f"{where}:{line}")
        elif isinstance(node, ast.IfExp):
            found(node.body, line)
            found(node.orelse, line)
        elif _built_text(node):
            problems.append(
                f"{where}:{line}: English built as an f-string or by concatenation; "
                "build it with message(template, **values) and give it its French"
            )

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _takes_templates(node):
            for arg in node.args:
                found(arg, node.lineno)
    for node in _reason_nodes(tree):
        found(node, getattr(node, "lineno", 0))


def core_templates() -> tuple[dict[str, str], list[str]]:
    """``({template: where}, [problems])`` over every module of the core."""
    templates: dict[str, str] = {}
    problems: list[str] = []
    for path in sorted(CORE.rglob("*.py")):
        if path.name not in ("messages.py", "messages_fr.py"):
            where = path.relative_to(CORE.parent).as_posix()
            templates_in(path.read_text("utf-8"), where, templates, problems)
    return templates, problems


TEMPLATES, PROBLEMS = core_templates()


def test_the_walk_finds_the_refusals_and_the_report_words() -> None:
    assert "the file is empty: there is nothing to import" in TEMPLATES
    assert "looks like {what}, not a plain-text article: {advice}" in TEMPLATES
    assert "a PDF document" in TEMPLATES
    assert "no such file or folder" in TEMPLATES
    assert "the original file is no longer there" in TEMPLATES  # core.library
    assert "Untagged passages" in TEMPLATES
    assert "{n} documents" in TEMPLATES
    assert len(TEMPLATES) > 90


def test_every_reason_is_built_from_a_template() -> None:
    assert PROBLEMS == []


def test_the_walk_catches_a_new_english_reason() -> None:
    source = """
LIMIT = "over the limit"
def read(path, size):
    if size > 9:
        raise ImportRefused(LIMIT)
    if size > 5:
        raise ImportRefused(f"too big: {size}")
    if size > 2:
        raise ImportRefused("a brand new reason")
    return ImportResult(path, "refused", reason="no" + " luck")
def odd_reason(path):
    return message("odd {path}", path=path)
"""
    templates: dict[str, str] = {}
    problems: list[str] = []
    templates_in(source, "new.py", templates, problems)
    assert set(templates) == {"over the limit", "a brand new reason", "odd {path}"}
    assert sorted(int(p.split(":")[1]) for p in problems) == [7, 10]


def test_every_template_of_the_core_has_its_french() -> None:
    missing = {t: where for t, where in TEMPLATES.items() if t not in FRENCH}
    assert missing == {}, "give these their French in kzreader/core/messages_fr.py"


def test_the_catalogue_holds_no_stale_entry() -> None:
    assert set(FRENCH) - set(TEMPLATES) - PLAIN_REASONS == set()


@pytest.mark.parametrize("english", sorted(FRENCH))
def test_the_french_has_the_same_fields(english: str) -> None:
    french = FRENCH[english]
    assert sorted(fields(french)) == sorted(fields(english))
    assert "{{" not in english and "{{" not in french
    assert "}{" not in english, "two fields side by side cannot be told apart"
    assert not any(c in french for c in "<>&*_`\\"), "a template is written into HTML and Markdown"
    assert " :" not in french and " ;" not in french, "no-break spaces before : and ;"


@pytest.mark.parametrize("english", sorted(t for t in RECOGNISED if fields(t)))
def test_plain_english_is_recognised_by_its_template(english: str) -> None:
    values = {name: f"⟨{n}⟩" for n, name in enumerate(dict.fromkeys(fields(english)))}
    text = english.format(**values)
    assert template_of(text) == (english, values)
    assert localize(text, "fr") == FRENCH[english].format(**values)


def test_plain_text_is_not_taken_for_a_report_word() -> None:
    for text in ("error in module", "Date", "a b c this passage", "3 passages"):
        assert localize(text, "fr") == text
    # a value is recognised as a phrase only by the reasons' templates
    assert localize("cannot read the file: No space left in device", "fr") == (
        f"impossible de lire le fichier{NBSP}: No space left in device"
    )


def test_every_relation_has_its_french() -> None:
    assert all(relation in FRENCH for relation in RELATIONS)


# -- real refusals ---------------------------------------------------------------------


def _refusal(data: bytes) -> Message:
    with pytest.raises(ImportRefused) as caught:
        decode_bytes(data)
    return caught.value.reason


def test_an_empty_file() -> None:
    reason = _refusal(b"")
    assert reason == "the file is empty: there is nothing to import"
    assert localize(reason, "fr") == f"le fichier est vide{NBSP}: il n’y a rien à importer"


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_article(tmp_path)
    assert caught.value.reason == "this is a folder, not a file"
    assert localize(caught.value.reason, "fr") == "c’est un dossier, pas un fichier"


def test_a_binary_file_translates_whole() -> None:
    reason = _refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert reason == (
        "looks like a PDF document, not a plain-text article: "
        "save or export it as .txt and import that"
    )
    assert localize(reason, "fr") == (
        f"ressemble à un document PDF, pas à un article en texte brut{NBSP}: "
        "enregistrez-le ou exportez-le au format .txt, puis importez le fichier obtenu"
    )
    assert localize(str(reason), "fr") == localize(reason, "fr")  # by its wording too


def test_a_zip_kind_and_control_characters() -> None:
    docx = _refusal(b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml")
    assert localize(docx, "fr").startswith("ressemble à un document Word (.docx), pas à un")
    controls = _refusal(b"abc\x01\x02\x03\x04\x05\x06def" * 20)
    assert localize(controls, "fr").startswith("ne ressemble pas à du texte (il contient")


def test_a_file_too_large_keeps_its_numbers(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (3 * 1024 * 1024))
    article, reason = prepare_file(str(big))
    assert article is None
    assert reason == (
        "the file is too large for a single article (3 MB, over 1 MB): split it into articles"
    )
    assert localize(reason, "fr") == (
        "le fichier est trop volumineux pour un seul article (3 Mo, plus de 1 Mo)"
        f"{NBSP}: découpez-le en plusieurs articles"
    )


def test_a_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "scan.tiff").write_bytes(b"II*\x00")
    files, refused = collect_files([tmp_path])
    assert files == []
    skipped, empty = refused
    extensions = ".docx, .htm, .html, .md, .pdf, .rtf, .shtml, .txt, .xhtml"
    assert empty.reason == f"the folder holds no articles ({extensions} files)"
    assert localize(empty.reason, "fr") == (
        f"le dossier ne contient aucun article (fichiers {extensions})"
    )
    assert localize(skipped.reason, "fr").startswith(
        f"ignoré{NBSP}: un fichier .tiff n’est pas un article{NBSP}; les articles sont des "
        "fichiers .docx, .htm, .html"
    )


def test_a_missing_file_and_a_file_without_extension(tmp_path: Path) -> None:
    _, (missing,) = collect_files([tmp_path / "nowhere.txt"])
    assert localize(missing.reason, "fr") == "fichier ou dossier introuvable"
    reason = skip_reason(tmp_path / "README")
    assert "un fichier sans extension n’est pas un article" in localize(reason, "fr")


def test_a_damaged_utf8_file_keeps_its_byte_counts() -> None:
    text = "Доброе утро, Алматы! ".encode() * 20
    reason = _refusal(text + b"\xff\xfe abc")
    assert f"with 2 invalid byte(s), the first at byte {len(text)} (" in reason
    french = localize(reason, "fr")
    assert f"contenant 2 octet(s) invalide(s), le premier à l’octet {len(text)} (" in french


def test_a_named_encoding_that_does_not_fit() -> None:
    with pytest.raises(ImportRefused) as caught:
        decode_as("Ça marche déjà".encode(), "ascii")
    french = localize(caught.value.reason, "fr")
    assert french.startswith("n’est pas un texte ascii valide (l’octet 0 ne peut pas y être lu)")


def test_an_ambiguous_cyrillic_file_translates_with_its_advice() -> None:
    expected = (
        f"n’est pas en UTF-8, et se lit comme deux textes plausibles différents en {{one}} "
        f"et en {{other}}{NBSP}: importez-le de nouveau en indiquant son encodage, ou "
        "ouvrez-le dans un éditeur de texte, enregistrez-le en texte UTF-8 et importez le "
        "fichier obtenu"
    )
    built = decode._ambiguous("windows-1251", "koi8-r")
    assert localize(built, "fr") == expected.format(one="windows-1251", other="koi8-r")
    try:
        decode_bytes("гщч всюъу".encode("koi8-r"))
    except ImportRefused as exc:
        reason = exc.reason
    else:
        pytest.skip("this sample is no longer read as two plausible texts")
    assert reason.startswith("is not UTF-8, and reads as two different plausible texts in ")
    one, other = reason.values["one"], reason.values["other"]
    assert localize(reason, "fr") == expected.format(one=one, other=other)


def test_a_reason_the_library_writes_as_plain_text() -> None:
    assert localize("the original file is no longer there", "fr") == (
        "le fichier d’origine est introuvable"
    )
    assert localize("the library could not store it: database is locked", "fr") == (
        f"la bibliothèque n’a pas pu l’enregistrer{NBSP}: database is locked"
    )


# -- English, and what a message is ------------------------------------------------------


def test_english_is_unchanged() -> None:
    for data in (b"", b"   \n", b"\x7fELF\x02\x01"):
        reason = _refusal(data)
        assert localize(reason, "en") == str(reason)
        assert type(localize(reason, "en")) is str
    assert _refusal(b"\x7fELF\x02\x01") == (
        "looks like a program (ELF executable), not a plain-text article: "
        "choose the article's .txt file instead"
    )


def test_unknown_text_and_unknown_languages_stay_as_they_are() -> None:
    assert localize("something nobody wrote a template for", "fr") == (
        "something nobody wrote a template for"
    )
    assert localize(message("no French for this one {x}", x=1), "fr") == "no French for this one 1"
    assert localize(message("the file is empty: there is nothing to import"), "de") == (
        "the file is empty: there is nothing to import"
    )
    assert language_code("fr_FR") == "fr"
    assert language_code("fr-CA") == "fr"
    assert language_code("de") == "en"
    assert language_code(None) == "en"


def test_a_message_is_its_english_text_and_pickles_whole() -> None:
    reason = message("cannot read the file: {error}", error="Input/output error")
    assert reason == "cannot read the file: Input/output error"
    assert isinstance(reason, str)
    again = pickle.loads(pickle.dumps(reason))
    assert type(again) is Message
    assert (again.template, again.values) == (reason.template, reason.values)
    refused = pickle.loads(pickle.dumps(ImportRefused(reason)))
    assert localize(refused.reason, "fr") == (
        f"impossible de lire le fichier{NBSP}: Input/output error"
    )


def test_a_template_without_values_keeps_its_braces() -> None:
    assert message("a {brace} kept") == "a {brace} kept"
    assert ImportRefused("an error {with} braces").reason == "an error {with} braces"


def test_translate() -> None:
    assert translate("fr", "{n} documents", n=3) == "3 articles"
    assert translate("en", "{n} documents", n=3) == "3 documents"
