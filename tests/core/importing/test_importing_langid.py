"""Language identification: deterministic, on content only, loaded lazily."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kzreader.core.importing.langid import detect_language

FRENCH = (
    "Le secrétaire général de l’Organisation du traité de sécurité collective a annoncé "
    "la fin de la mission de maintien de la paix au Kazakhstan, où les troupes étaient "
    "arrivées au début du mois à la demande du président du pays."
)
ENGLISH_CHROME = (
    "Skip to content. Share this article on Facebook and Twitter. Sign up for our "
    "newsletter to get the latest news every morning. All rights reserved. Read more "
    "about our privacy policy and the terms of use of this website before you go. "
)


def test_languages() -> None:
    assert detect_language(FRENCH) == "fr"
    assert detect_language(ENGLISH_CHROME * 2) == "en"
    text = "Генеральный секретарь ОДКБ заявил, что миротворцы покинут Казахстан через десять дней."
    assert detect_language(text) == "ru"


def test_too_short_is_undetectable() -> None:
    assert detect_language("OTSC") is None
    assert detect_language("Bonjour !") is None
    assert detect_language("12 34 56 -- !!") is None


def test_deterministic() -> None:
    mixed = "Kazakhstan OTSC mission paix troops peace Almaty Tokaïev " * 3
    assert len({detect_language(mixed) for _ in range(5)}) == 1


def test_boilerplate_is_left_out() -> None:
    chrome = ENGLISH_CHROME * 4
    text = chrome + "\n" + FRENCH
    assert detect_language(text) == "en"
    assert detect_language(text, ((0, len(chrome)),)) == "fr"


def test_detector_is_loaded_lazily() -> None:
    code = (
        "import sys\n"
        "import kzreader.core.importing as imp\n"
        "from kzreader.core.importing import langid\n"
        "assert 'langdetect' not in sys.modules, 'langdetect imported eagerly'\n"
        "assert 'charset_normalizer' not in sys.modules, 'charset_normalizer imported eagerly'\n"
        "assert langid._factory is None\n"
        "imp.prepare_article('Un texte en français, assez long pour être reconnu.'.encode())\n"
        "assert langid._factory is not None\n"
    )
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


KAZAKH = (
    "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев бүгін Ақордада үкімет "
    "отырысын өткізді. Отырыста елдегі әлеуметтік-экономикалық жағдай және баға өсімі "
    "туралы мәселелер талқыланды.",
    "Алматы қаласында қаңтар оқиғаларынан кейін қалпына келтіру жұмыстары жалғасып жатыр. "
    "Әкімдіктің хабарлауынша, зақымдалған ғимараттардың көпшілігі жөнделді.",
    "ҰҚШҰ бітімгершілік күштері Қазақстан аумағынан толық шығарылды, деп мәлімдеді "
    "ұйымның бас хатшысы Станислав Зась.",
    "Биыл көктемде су тасқыны бірнеше облыста үйлерді басып қалды. Құтқарушылар түні бойы "
    "тұрғындарды қауіпсіз жерге көшірді, ал ауыл шаруашылығына келген шығын әлі "
    "есептеліп жатыр.",
)
# Russian about Kazakhstan, quoting Kazakh names and titles: still Russian.
RUSSIAN = (
    "Президент Казахстана Касым-Жомарт Токаев провёл заседание правительства в Акорде. "
    "На заседании обсуждались рост цен и социально-экономическое положение в стране.",
    "Генеральный секретарь ОДКБ Станислав Зась заявил, что миротворцы покинут Казахстан "
    "через десять дней. Президент Қасым-Жомарт Тоқаев поблагодарил союзников.",
    "В Алматы продолжаются восстановительные работы после январских событий. По данным "
    "акимата, большая часть повреждённых зданий уже отремонтирована, сообщает "
    "Tengrinews.kz со ссылкой на «Қазақстан Республикасы Ішкі істер министрлігі».",
)


def test_kazakh_is_detected() -> None:
    assert [detect_language(text) for text in KAZAKH] == ["kk"] * len(KAZAKH)


def test_russian_quoting_kazakh_stays_russian() -> None:
    assert [detect_language(text) for text in RUSSIAN] == ["ru"] * len(RUSSIAN)


def test_neighbouring_alphabets_are_not_kazakh() -> None:
    ukrainian = (
        "Генеральний секретар ОДКБ заявив, що миротворці залишать Казахстан протягом "
        "десяти днів. Це сталося після прохання президента країни припинити операцію, "
        "яка почалася на початку січня, і її учасники вже їдуть додому."
    )
    assert detect_language(ukrainian) == "uk"
    tatar = (
        "Татарстан Республикасы Президенты бүген Казанда җыелыш үткәрде һәм киңәшмәдә чыгыш ясады."
    )
    assert detect_language(tatar) != "kk"


def test_kazakh_is_searched_unstemmed() -> None:
    from kzreader.core.index import body_field

    assert body_field("kk") == "body"
