"""Legacy encodings: each sample article, encoded in each encoding its language
is written in, must come back as the same text or be refused, never garbled.

The accuracy table of tests/core/importing/README.md is made from these
samples; after changing the decoder or the samples, regenerate it with
``python tests/core/importing/test_importing_encodings.py``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kzreader.core.errors import ImportRefused
from kzreader.core.importing import prepare_article
from kzreader.core.importing.decode import decode_as, decode_bytes, encoding_name

RUSSIAN = [
    "Генеральный секретарь ОДКБ Станислав Зась заявил, что миротворческие силы "
    "организации покинут Казахстан после полной стабилизации обстановки в стране.",
    "По его словам, военнослужащие из России, Белоруссии, Армении, Киргизии и "
    "Таджикистана охраняют важные государственные и стратегические объекты.",
    "«Афиша» и другие городские издания сообщают, что в Алма-Ате возобновили "
    "работу магазины, банки и общественный транспорт.",
    "Жители выстраиваются в очереди у банкоматов, а власти обещают восстановить "
    "доступ в интернет в ближайшие дни.",
    "Эксперты считают, что делать выводы рано: щедрые обещания правительства ещё "
    "предстоит выполнить, а цены на газ остаются главным вопросом.",
    "Юрий Иванов, Москва. Фото: Ярослав Чернов.",
]
RUSSIAN_TWO_LINES = "Афиша: в Алма-Ате снова работают кинотеатры\nЧитайте также: Уход миротворцев\n"
KAZAKH = [
    "Қазақстан Республикасының Президенті Алматыдағы жағдай туралы мәлімдеме жасады.",
    "Ұжымдық қауіпсіздік туралы шарт ұйымының бітімгершілік күштері елге уақытша "
    "келді және маңызды нысандарды күзетуде.",
    "Қала көшелерінде тәртіп қалпына келтірілді, дүкендер мен банктер қайтадан "
    "жұмыс істей бастады.",
    "Үкімет төтенше жағдай режимі жақын арада алынатынын хабарлады, ал ғаламтор "
    "біртіндеп қосылып жатыр.",
    "Һәм өңірлердегі әкімдіктер тұрғындарға көмек көрсетуді жалғастыруда.",
]
KAZAKH_TWO_LINES = (
    "Алматыда жағдай тұрақтанды\nҚала әкімдігі көлік қозғалысы қалпына келгенін хабарлады\n"
)
FRENCH = [
    "Le cœur de la mission, selon l’OTSC, était de protéger les sites stratégiques "
    "pendant dix jours ; l’œuvre coûte environ 30 millions d’€.",
    "Les sœurs Œdipe ont payé 12 € pour un billet : « c’est un vœu pieux », dit-elle.",
    "À Almaty, l’état d’urgence reste en vigueur et les manœuvres continuent.",
]
FRENCH_TWO_LINES = "Prix : 5 € le numéro\nLe cœur du problème reste l’énergie\n"
CHINESE = [
    "集体安全条约组织秘书长表示，维和部队将在局势稳定后撤离哈萨克斯坦。",
    "据报道，阿拉木图的商店、银行和公共交通已经恢复正常运行，居民在自动取款机前排队。",
    "政府承诺在未来几天内恢复互联网接入，专家认为现在下结论还为时过早。",
]
CHINESE_TWO_LINES = "阿拉木图局势趋于稳定\n维和部队开始撤离\n"
TRADITIONAL = [
    "集體安全條約組織秘書長表示，維和部隊將在局勢穩定後撤離哈薩克斯坦。",
    "據報導，阿拉木圖的商店、銀行和公共交通已經恢復正常運行，居民在自動提款機前排隊。",
    "政府承諾在未來幾天內恢復網際網路連線，專家認為現在下結論還為時過早。",
]
TRADITIONAL_TWO_LINES = "阿拉木圖局勢趨於穩定\n維和部隊開始撤離\n"
JAPANESE = [
    "集団安全保障条約機構の事務局長は、情勢が安定した後に平和維持部隊がカザフスタンから撤退すると述べた。",
    "報道によると、アルマトイでは商店や銀行、公共交通機関が通常通り再開し、住民はATMの前に列を作っている。",
    "政府は数日以内にインターネットへの接続を回復すると約束したが、専門家は結論を出すのはまだ早いと見ている。",
]
JAPANESE_TWO_LINES = "アルマトイの情勢が安定\n平和維持部隊が撤退を開始\n"

# Characters that an encoding cannot hold, replaced as an editor saving in it would.
_PLAIN = str.maketrans({"«": '"', "»": '"', "’": "'", "…": "...", "—": "-"})


def _variants(paragraphs: list[str], two_lines: str) -> list[str]:
    """The whole article, each paragraph, a two-line file, and each
    paragraph's first clause: short files are the hard ones."""
    clauses = [re.split(r"[,:;]", p)[0].strip() for p in paragraphs]
    return ["\n\n".join(paragraphs) + "\n", *paragraphs, two_lines, *clauses]


# (family, encoding Python writes with, encoding kzreader must name, texts)
FAMILIES: list[tuple[str, str, str, list[str]]] = [
    ("Russian", "cp1251", "windows-1251", _variants(RUSSIAN, RUSSIAN_TWO_LINES)),
    ("Russian", "koi8_r", "koi8-r", _variants(RUSSIAN, RUSSIAN_TWO_LINES)),
    ("Russian", "cp866", "cp866", _variants(RUSSIAN, RUSSIAN_TWO_LINES)),
    ("Russian", "mac_cyrillic", "mac_cyrillic", _variants(RUSSIAN, RUSSIAN_TWO_LINES)),
    ("Russian", "iso8859_5", "iso-8859-5", _variants(RUSSIAN, RUSSIAN_TWO_LINES)),
    ("Kazakh", "kz1048", "kz1048", _variants(KAZAKH, KAZAKH_TWO_LINES)),
    ("French", "cp1252", "windows-1252", _variants(FRENCH, FRENCH_TWO_LINES)),
    ("French", "iso8859_15", "iso-8859-15", _variants(FRENCH, FRENCH_TWO_LINES)),
    ("French", "mac_roman", "mac_roman", _variants(FRENCH, FRENCH_TWO_LINES)),
    ("Chinese", "gb2312", "gb2312", _variants(CHINESE, CHINESE_TWO_LINES)),
    ("Chinese", "big5", "big5", _variants(TRADITIONAL, TRADITIONAL_TWO_LINES)),
    ("Japanese", "shift_jis", "shift_jis", _variants(JAPANESE, JAPANESE_TWO_LINES)),
]


@dataclass(frozen=True)
class Sample:
    family: str
    codec: str
    expected: str
    text: str

    @property
    def data(self) -> bytes:
        return self.text.encode(self.codec)


def _samples() -> list[Sample]:
    out: list[Sample] = []
    for family, codec, expected, texts in FAMILIES:
        for text in texts:
            try:
                text.encode(codec)
            except UnicodeEncodeError:
                text = text.translate(_PLAIN)
            if text.encode(codec).isascii():
                continue  # nothing to tell: every encoding reads it the same
            out.append(Sample(family, codec, expected, text))
    return out


SAMPLES = _samples()


# Clauses so short that a wrong reading is as plausible as the right one, and
# still read wrong: "Le cśur de la mission" (Windows-1250) for "cœur".
def outcome(sample: Sample) -> str:
    """``right``, ``refused`` or ``garbled``. Right is the same text, under the
    expected name or that of an encoding that reads these bytes the same (a
    Latin-9 file without any of the eight letters it changes from Latin-1)."""
    try:
        text, _ = decode_bytes(sample.data)
    except ImportRefused:
        return "refused"
    return "right" if text == sample.text else "garbled"


@pytest.mark.parametrize("sample", SAMPLES, ids=[f"{s.codec}-{i}" for i, s in enumerate(SAMPLES)])
def test_legacy_encodings_are_read_right_or_refused(sample: Sample) -> None:
    assert outcome(sample) != "garbled"


def test_most_legacy_files_are_read_right() -> None:
    outcomes = [outcome(s) for s in SAMPLES]
    assert outcomes.count("right") >= 0.95 * len(outcomes)


def accuracy_table() -> str:
    """The Markdown table of the README: files per encoding, and how they fare."""
    rows = ["| Language | Encoding | Files | Read right | Refused | Garbled |"]
    rows.append("|---|---|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0]
    for family, codec, expected, _ in FAMILIES:
        mine = [outcome(s) for s in SAMPLES if s.codec == codec]
        counts = [len(mine), mine.count("right"), mine.count("refused"), mine.count("garbled")]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append(f"| {family} | {expected} | " + " | ".join(map(str, counts)) + " |")
    rows.append("| **All** | | " + " | ".join(f"**{n}**" for n in totals) + " |")
    return "\n".join(rows) + "\n"


README = Path(__file__).with_name("README.md")
_START = "<!-- accuracy table: start -->\n"
_END = "<!-- accuracy table: end -->\n"


def readme_with_table(readme: str) -> str:
    head, _, rest = readme.partition(_START)
    _, _, tail = rest.partition(_END)
    return head + _START + accuracy_table() + _END + tail


def test_readme_shows_the_current_accuracy() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme == readme_with_table(readme), (
        "the accuracy table is out of date: run python tests/core/importing/"
        "test_importing_encodings.py"
    )


# -- particular cases -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        ("Афиша", "mac_cyrillic", "Ђфиша"),
        ("Қазақстан", "kz1048", "Ќазаќстан"),
    ],
)
def test_the_reported_misreadings_are_gone(text: str, codec: str, expected: str) -> None:
    data = f"{text}: {RUSSIAN[2] if codec == 'mac_cyrillic' else KAZAKH[0]}".encode(codec)
    assert data.decode("cp1251").startswith(expected)  # what used to be imported
    decoded, _ = decode_bytes(data)
    assert decoded.startswith(text)


def test_latin9_keeps_euro_and_oe() -> None:
    text = "Le cœur du problème : 5 € le numéro, et l'œuvre coûte cher."
    assert decode_bytes(text.encode("iso8859_15")) == (text, "iso-8859-15")


def test_kazakh_article_goes_through_the_pipeline() -> None:
    article = prepare_article("\n\n".join(KAZAKH).encode("kz1048"), "makala.txt")
    assert article.encoding == "kz1048"
    assert "Қазақстан" in article.text


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("cp1251", "windows-1251"),
        ("CP866", "cp866"),
        ("koi8_r", "koi8-r"),
        ("mac-cyrillic", "mac_cyrillic"),
        ("strk1048_2002", "kz1048"),
        ("latin9", "iso-8859-15"),
        ("utf8", "utf-8"),
    ],
)
def test_encoding_names(name: str, shown: str) -> None:
    assert encoding_name(name) == shown


@pytest.mark.parametrize("name", ["klingon", "rot13", "base64", ""])
def test_unknown_or_non_text_encodings_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        encoding_name(name)


def test_decode_as_reads_what_detection_would_misread() -> None:
    # Two capitals only: as Windows-1251 it reads "Ђ" and "—", as Mac Cyrillic right.
    data = RUSSIAN[0].encode("cp866")
    assert decode_as(data, "cp866") == (RUSSIAN[0], "cp866")
    text, shown = decode_as(data, "koi8-r")  # what the user asked for, even if wrong
    assert shown == "koi8-r" and text != RUSSIAN[0]


def test_decode_as_refuses_bytes_the_encoding_cannot_read() -> None:
    with pytest.raises(ImportRefused, match="not valid utf-8 text"):
        decode_as(RUSSIAN[0].encode("cp1251"), "utf-8")
    with pytest.raises(ImportRefused, match="PDF"):
        decode_as(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "cp1252")


def test_decode_as_drops_a_matching_byte_order_mark() -> None:
    assert decode_as(b"\xef\xbb\xbf" + "Bonjour à tous".encode(), "utf-8")[0] == "Bonjour à tous"


# -- re-decoding a document -------------------------------------------------------


def test_library_redecodes_a_document_and_keeps_its_passages(tmp_path: Path) -> None:
    from kzreader.core.library import Library

    path = tmp_path / "alma-ata.txt"
    text = "\n\n".join(RUSSIAN) + "\n"
    # Mac Cyrillic, as Windows-1251 would have read it: "Ђфиша" for "Афиша".
    path.write_bytes(text.encode("mac_cyrillic"))
    with Library.open(tmp_path / "lib") as lib:
        first = lib.import_with_encoding([path], "windows-1251").results[0]
        assert first.status == "imported" and first.document_id is not None
        doc = first.document_id
        garbled = lib.document(doc).text
        assert "Ђфиша" in garbled
        at = garbled.index("магазины")
        passage = lib.highlight(doc, at, at + len("магазины, банки"))
        result = lib.redecode(doc, "mac_cyrillic")
        assert (result.status, result.document_id) == ("updated", doc)
        view = lib.document(doc)
        assert view.text == text and view.info.encoding == "mac_cyrillic"
        moved = lib.passage(passage.id)
        assert moved.exact == "магазины, банки"
        assert text[moved.start : moved.end] == moved.exact
        assert lib.redecode(doc, "mac_cyrillic").status == "unchanged"
        assert [d.id for d in lib.documents()] == [doc]
        assert lib.search("Афиша").hits[0].document_id == doc
        refused = lib.redecode(doc, "utf-8")
        assert refused.status == "refused" and "not valid utf-8" in (refused.reason or "")


if __name__ == "__main__":
    README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(accuracy_table())
