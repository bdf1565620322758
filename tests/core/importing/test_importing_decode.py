"""Decoding: bytes → text and the name of the encoding, or a refusal."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from kzreader.core.errors import ImportRefused
from kzreader.core.importing import prepare_article
from kzreader.core.importing.decode import decode_bytes

FRENCH = (
    "L’Organisation du traité de sécurité collective a envoyé ses forces au "
    "Kazakhstan. Le cœur de la mission, « protéger les sites stratégiques », "
    "s’est achevé après dix jours… À Almaty, l’état d’urgence reste en vigueur."
)
# French that Latin-1 can hold: straight apostrophes, no ellipsis, no œ.
FRENCH_LATIN1 = (
    "L'Organisation du traité de sécurité collective a envoyé ses forces au "
    "Kazakhstan. Les troupes, « protéger les sites stratégiques », ont été "
    "accueillies à Almaty ; l'état d'urgence reste en vigueur. Ça suffit !"
)
ENGLISH = (
    "The secretary general said “the mission is over” and that the ‘peacekeepers’ "
    "would leave within ten days — a quick end… It’s the alliance’s first deployment."
)
# A short text on which charset-normalizer alone prefers windows-1250.
FRENCH_SHORT = "Le café était très bon, après la fête chez Hélène. Nous étions contents."
RUSSIAN = (
    "Генеральный секретарь ОДКБ Станислав Зась заявил, что миротворцы покинут "
    "Казахстан после стабилизации обстановки в стране."
)
POLISH = (
    "Żółta łódź płynęła powoli po jeziorze. Mały chłopiec śpiewał piosenkę "
    "o źdźble trawy, a jego siostra słuchała."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + FRENCH.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + FRENCH.encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe\x00\x00" + FRENCH.encode("utf-32-le"), "utf-32-le"),
        (FRENCH.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (FRENCH.encode("utf-16-be"), "utf-16-be"),  # no BOM
        (FRENCH.encode("cp1252"), "windows-1252"),
        (ENGLISH.encode("cp1252"), "windows-1252"),
        (FRENCH_SHORT.encode("cp1252"), "iso-8859-1"),  # same bytes in both
        (FRENCH_LATIN1.encode("latin-1"), "iso-8859-1"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf32le-bom",
        "utf16le-nobom",
        "utf16be-nobom",
        "cp1252-fr",
        "cp1252-en",
        "cp1252-fr-short",
        "latin1-fr",
    ],
)
def test_decodes_exactly_and_names_the_encoding(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert found == encoding
    assert text.lstrip("\ufeff") in (FRENCH, FRENCH_LATIN1, ENGLISH, FRENCH_SHORT)
    assert not text.startswith("\ufeff")


def test_cp1252_keeps_curly_quotes_oe_and_euro() -> None:
    text = "Le cœur du problème : “l’œuvre” coûte 5 € … « selon lui »."
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert (decoded, encoding) == (text, "windows-1252")


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (RUSSIAN, "cp1251", "windows-1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (POLISH, "cp1250", "windows-1250"),
        (POLISH, "iso-8859-2", "iso-8859-2"),
        (FRENCH, "mac_roman", "mac_roman"),
        (RUSSIAN, "utf-16-le", "utf-16-le"),
    ],
)
def test_other_plausible_encodings(text: str, codec: str, encoding: str) -> None:
    assert decode_bytes(text.encode(codec)) == (text, encoding)


@pytest.mark.parametrize("key", ["000", "002", "004"])
@pytest.mark.parametrize(
    ("codec", "encoding"),
    [("cp1252", "windows-1252"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_seeds_in_other_encodings_give_the_same_article(
    seed_bytes: Callable[[str], bytes], key: str, codec: str, encoding: str
) -> None:
    original = prepare_article(seed_bytes(key))
    other = prepare_article(original.text.encode(codec))
    assert other.encoding == encoding
    assert other.text == original.text
    assert other.content_hash == original.content_hash
    assert other.boilerplate == original.boilerplate
    assert other.title == original.title


def test_text_starting_with_mz_is_not_taken_for_a_program() -> None:
    text, encoding = decode_bytes(b"MZ Holdings said the results of the year were good.")
    assert encoding == "utf-8"
    assert text.startswith("MZ Holdings")


def _refusal(data: bytes) -> str:
    with pytest.raises(ImportRefused) as caught:
        prepare_article(data, "article.txt")
    return caught.value.reason


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", ["empty"]),
        (b" \n\t\r\n   \n", ["blank"]),
        ("\ufeff   \n  ".encode("utf-16"), ["no readable text"]),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ["PDF", ".txt"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["PNG image"]),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ["JPEG image"]),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00notes.txt", ["ZIP archive", "extract"]),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", ["Word document", ".txt"]),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", ["gzip", "extract"]),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(8), ["program"]),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), ["Office", ".txt"]),
        (b"SQLite format 3\x00" + bytes(16), ["SQLite"]),
        (b"0123 456 789\n\n42 -- 17.5 %\n(1) [2] 3/4\n", ["no readable text"]),
        (b"Bonjour\x00\x01\x02\x03 tout\x04\x05\x06 le monde\x07\x08\x0e\x0f", ["not look"]),
        (bytes(range(256)) * 4, ["not look"]),
    ],
    ids=[
        "empty",
        "whitespace",
        "utf16-whitespace",
        "pdf",
        "png",
        "jpeg",
        "zip",
        "docx",
        "gzip",
        "elf",
        "ole-doc",
        "sqlite",
        "digits-only",
        "control-chars",
        "all-bytes",
    ],
)
def test_refusals_say_why_and_what_to_do(data: bytes, expected: list[str]) -> None:
    reason = _refusal(data)
    for fragment in expected:
        assert fragment in reason
    assert ":" in reason  # "what it is: what to do"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_are_refused(seed: int) -> None:
    data = random.Random(seed).randbytes(4096)
    assert "does not look like text" in _refusal(data)


def test_high_bytes_garbage_is_refused_rather_than_mojibake() -> None:
    rng = random.Random(7)
    data = bytes(rng.randint(0xA0, 0xFF) for _ in range(2000))
    assert "encoding cannot be recognised" in _refusal(data)


def test_nearly_utf8_is_refused_not_guessed() -> None:
    good = FRENCH.encode("utf-8")
    at = good.index(b" ", 40)
    damaged = good[:at] + "é".encode("cp1252") + good[at:]
    reason = _refusal(damaged)
    assert "UTF-8 text with 1 invalid byte" in reason
    assert f"byte {at}" in reason


def test_utf16_bom_with_broken_body_is_refused() -> None:
    data = b"\xff\xfe" + FRENCH.encode("utf-16-le")[:-1] + b"\x00\xd8"  # lone surrogate
    assert "byte-order mark" in _refusal(data)


# -- files that are not what they seem ---------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"https://fr.sputniknews.africa/20220106/otsc-kazakhstan-1053521.html\n",
        b"  https://www.rt.com/news/545519-csto-kazakhstan/  \r\n\r\n",
        b"www.example.com/article/123\n",
    ],
)
def test_a_file_holding_only_a_url_is_refused(data: bytes) -> None:
    assert "only a web address (URL)" in _refusal(data)


def test_an_article_with_its_url_is_imported() -> None:
    data = b" date 2022-01 https://example.com/a\nLe texte de l'article est ici.\n"
    assert prepare_article(data, "article.txt").text.startswith(" date")


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        (
            "# Les troupes de l’OTSC quittent le Kazakhstan",
            "Les troupes de l’OTSC quittent le Kazakhstan",
        ),
        ("## Les troupes quittent Almaty ##", "Les troupes quittent Almaty"),
        ("###   Un titre de niveau trois", "Un titre de niveau trois"),
    ],
)
def test_markdown_headings_give_titles_without_their_marks(first_line: str, title: str) -> None:
    text = f"{first_line}\n\nLe secrétaire général a annoncé la fin de la mission.\n"
    article = prepare_article(text.encode("utf-8"), "article.md")
    assert article.title == title
    assert article.text.startswith(first_line)  # the stored text keeps them


def test_a_hashtag_is_not_a_heading() -> None:
    text = "#Kazakhstan les troupes repartent\n\nLe secrétaire général a parlé.\n"
    assert prepare_article(text.encode("utf-8"), "a.md").title.startswith("#Kazakhstan")


def test_symbolic_link_loops_and_dangling_links_say_so(tmp_path) -> None:
    import os

    from kzreader.core.importer import collect_files

    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    os.symlink(b, a)
    os.symlink(a, b)
    dangling = tmp_path / "gone.txt"
    os.symlink(tmp_path / "deleted.txt", dangling)
    files, refused = collect_files([loop, a, dangling, tmp_path / "absent.txt"])
    assert files == []
    reasons = [r.reason or "" for r in refused]
    assert "symbolic link in a loop" in reasons[0] and "symbolic link in a loop" in reasons[1]
    assert "symbolic link to a file or folder that no longer exists" in reasons[2]
    assert reasons[3] == "no such file or folder"


@pytest.mark.parametrize("text", ["Le cœur de la mission", "Sœur Marie", "L'ŒUVRE du vœu"])
def test_a_french_oe_is_not_read_as_a_polish_s(text: str) -> None:
    assert decode_bytes(text.encode("cp1252")) == (text, "windows-1252")


def test_polish_in_windows_1250_stays_polish() -> None:
    text = "Jeśli świat się zmieni, to ośmiu ludzi wróci do miasta."
    assert decode_bytes(text.encode("cp1250")) == (text, "windows-1250")
