"""Huge inputs through the real import: a long article, an article on one
long line, thousands of tiny files, files over the size limit.

These check correctness at sizes scaled to keep the suite fast (a few
seconds each): the text is whole, the metadata right, every word searchable,
the progress callback called as a progress bar needs. The real sizes (50 MB,
a 10 MB line, 100,000 files), their time and their memory are measured by
``benchmarks/bigfiles.py``, never asserted here.
"""

from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

import pytest

from kzreader.core import importer
from kzreader.core.errors import ImportRefused
from kzreader.core.importing import prepare_article
from kzreader.core.importing.decode import MAX_BYTES
from kzreader.core.library import Library

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: The long article and the long line (the benchmark: 50 MB and 10 MB).
LARGE_BYTES = 3 * 1024 * 1024
LINE_BYTES = 2 * 1024 * 1024
#: Tiny files in one folder (the benchmark: 100,000). Above the thresholds
#: from which the import prepares files in worker processes and indexes in
#: a process of its own.
TINY_FILES = 1500
#: Words that occur nowhere in the seeds, to find where they were put.
MARKERS = ("zorglubdebut", "zorglubmilieu", "zorglubfin")

Progress = list[tuple[int, int, str]]


def seed_sentences() -> list[str]:
    """The sentences of the seeds' body paragraphs (long lines, not chrome)."""
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            if len(line) > 200:
                parts = re.split(r"(?<=[.!?])\s*(?=[A-ZÀ-ÖØ-Þ«\"])", line.strip())
                sentences += [part for part in parts if len(part) > 30]
    return sentences


def french_text(size: int, seed: int, separator: str = "\n\n") -> str:
    """About ``size`` bytes of French: paragraphs of 3 to 7 of the seeds'
    sentences in a seeded random order, joined by ``separator``."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    paragraphs: list[str] = []
    used = 0
    while used < size:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 7)))
        paragraphs.append(paragraph)
        used += len(paragraph.encode("utf-8")) + len(separator)
    return separator.join(paragraphs)


def with_markers(text: str, separator: str) -> str:
    """``text`` with the three marker words at its start, middle and end."""
    middle = text.find(separator, len(text) // 2)
    return (
        f"Le mot {MARKERS[0]} ouvre le texte.{separator}{text[:middle]}{separator}"
        f"Le mot {MARKERS[1]} est au milieu.{text[middle:]}{separator}"
        f"Le mot {MARKERS[2]} le termine."
    )


def recorder(calls: Progress):  # type: ignore[no-untyped-def]
    def progress(done: int, total: int, path: str) -> None:
        calls.append((done, total, path))

    return progress


def check_progress(calls: Progress, total: int) -> None:
    """What a progress bar needs: the right total every time, ``done``
    rising from 0 to the total, one call per file and one at the end."""
    assert calls, "the progress callback was never called"
    assert {t for _, t, _ in calls} == {total}
    done = [d for d, _, _ in calls]
    assert done == sorted(set(done)), "done must only increase"
    assert done[0] == 0 and done[-1] == total
    assert len(calls) == total + 1


def test_a_large_article_imports_whole_and_every_part_is_searchable(tmp_path: Path) -> None:
    title = "Le long dossier du Kazakhstan"
    text = f"{title}\n\n" + with_markers(french_text(LARGE_BYTES, seed=1), "\n\n") + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text, "utf-8")
    calls: Progress = []
    with Library(tmp_path / "lib") as lib:
        (result,) = lib.import_paths([path], progress=recorder(calls)).results
        assert result.status == "imported", result.reason
        view = lib.document(result.document_id)
        assert view.text == text
        assert view.info.title == title
        assert view.info.language == "fr"
        for marker in MARKERS:
            assert lib.search(marker).total == 1, marker
        # a word on every line: thousands of matches in one document
        hits = lib.search("Kazakhstan")
        assert hits.total == 1 and len(hits.hits[0].matches) > 1000
    check_progress(calls, 1)


def test_an_article_on_a_single_long_line(tmp_path: Path) -> None:
    text = with_markers(french_text(LINE_BYTES, seed=2, separator=" "), " ")
    assert "\n" not in text
    path = tmp_path / "line.txt"
    path.write_bytes(text.encode("utf-8"))
    calls: Progress = []
    with Library(tmp_path / "lib") as lib:
        (result,) = lib.import_paths([path], progress=recorder(calls)).results
        assert result.status == "imported", result.reason
        view = lib.document(result.document_id)
        assert view.text == text
        assert view.info.title == f"Le mot {MARKERS[0]} ouvre le texte"  # its first sentence
        assert view.info.language == "fr"
        assert view.boilerplate == []  # the one line is the article, not chrome
        for marker in MARKERS:
            assert lib.search(marker).total == 1, marker
    check_progress(calls, 1)


def test_a_long_line_quoting_a_disclaimer_is_not_chrome() -> None:
    """A line at the foot of the page (with under six lines, every line is)
    that quotes a disclaimer is only chrome if it is short."""
    body = french_text(20_000, seed=3, separator=" ")
    text = f"{body} Ce texte a été traduit automatiquement. {body}"
    article = prepare_article(text.encode("utf-8"), "line.txt")
    assert article.boilerplate == ()
    assert article.language == "fr"


def test_a_large_single_byte_article_decodes(tmp_path: Path) -> None:
    """A large Windows-1252 file: the encoding is told from its bytes and it
    is decoded once, whole."""
    text = french_text(LARGE_BYTES, seed=4).replace("’", "'")
    article = prepare_article(text.encode("cp1252"), "western.txt")
    assert article.encoding in ("windows-1252", "iso-8859-1")  # the same for these bytes
    assert article.text == text
    latin = text.encode("latin-1", errors="ignore")  # no byte 0x80-0x9f
    article = prepare_article(latin, "latin.txt")
    assert article.encoding == "iso-8859-1"
    assert article.text == latin.decode("latin-1")
    article = prepare_article(latin + " 5 €".encode("cp1252"), "euro.txt")
    assert article.encoding == "windows-1252"
    assert article.text.endswith("5 €")


def test_thousands_of_tiny_files_import_with_progress(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    rng = random.Random(5)
    sentences = seed_sentences()
    for i in range(TINY_FILES):
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 2)))
        (folder / f"{i:05d}.txt").write_text(
            f"Dépêche numéro {i}\n\n{body} Référence kzfiche{i:05d}.\n", "utf-8"
        )
    calls: Progress = []
    with Library(tmp_path / "lib") as lib:
        report = lib.import_paths([folder], progress=recorder(calls))
        statuses = {r.status for r in report.results}
        assert statuses == {"imported"}, [r.reason for r in report.results if r.reason][:3]
        assert len(report.results) == TINY_FILES
        assert lib.counts()[0] == TINY_FILES
        assert lib.index.doc_count() == TINY_FILES
        assert lib.search("dépêche").total == TINY_FILES
        assert lib.search(f"kzfiche{TINY_FILES - 1:05d}").total == 1
        assert lib.search("kzfiche00000").total == 1
    check_progress(calls, TINY_FILES)
    assert [Path(p).name for _, _, p in calls[:2]] == ["00000.txt", "00001.txt"]


def test_files_over_the_size_limit_are_refused_unread(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(importer.MAX_FILE_BYTES + 1)
    (folder / "small.txt").write_text(french_text(3000, seed=6), "utf-8")
    calls: Progress = []
    with Library(tmp_path / "lib") as lib:
        report = lib.import_paths([folder], progress=recorder(calls))
        by_name = {Path(r.path).name: r for r in report.results}
        assert by_name["small.txt"].status == "imported"
        refused = by_name["huge.txt"]
        assert refused.status == "refused"
        assert "too large" in refused.reason and f"{MAX_BYTES // (1024 * 1024)} MB" in (
            refused.reason
        )
    check_progress(calls, 2)


def test_bytes_over_the_size_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from kzreader.core.importing import decode

    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    with pytest.raises(ImportRefused, match="too large"):
        prepare_article(french_text(2000, seed=7).encode("utf-8"), "big.txt")


def test_a_file_that_grows_while_read_is_cut_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size checked before reading is not trusted: the read is bounded."""
    path = tmp_path / "growing.txt"
    path.write_text(french_text(5000, seed=8), "utf-8")
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 4000)
    real_stat = Path.stat

    def stale_stat(self: Path, **kwargs: object) -> os.stat_result:
        info = real_stat(self, **kwargs)  # type: ignore[arg-type]
        if self.name != "growing.txt":
            return info
        values = list(info)
        values[6] = 100  # st_size as it was before the file grew
        return os.stat_result(values)

    monkeypatch.setattr(Path, "stat", stale_stat)
    with pytest.raises(ImportRefused, match="too large"):
        importer.read_article(path)


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev are POSIX")
def test_devices_and_pipes_are_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    paths = [pipe] + [Path(p) for p in ("/dev/zero", "/dev/null") if Path(p).exists()]
    for path in paths:
        article, reason = importer.prepare_file(str(path))
        assert article is None and reason is not None and "not a regular file" in reason


def test_an_unexpected_error_refuses_the_file_not_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "article.txt"
    path.write_text(french_text(3000, seed=9), "utf-8")

    def broken(data: bytes, name: str = "") -> None:
        raise ValueError("a bug in the pipeline")

    monkeypatch.setattr(importer, "prepare_article", broken)
    article, reason = importer.prepare_file(str(path))
    assert article is None and reason is not None
    assert "ValueError: a bug in the pipeline" in reason and "report" in reason
