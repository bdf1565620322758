"""Random and hostile search queries, and running them with a time-out.

``queries(n, seed)`` mixes the words of the samples with everything a query
can hold: operators (well and badly placed), phrases with and without their
closing quote, fields (known, unknown, in other cases, spelled with
ligatures such as U+FB01 "ﬁ" or full-width letters), dates and date ranges,
prefixes and wildcards, fuzzy terms with any number of edits, boosts,
parentheses nested at any depth, very long words and queries (around the
limits the search sets), and random Unicode: combining marks, zero-width
and bidirectional controls, control characters, private use, non-BMP, and
lone surrogates (what a command line argument of invalid UTF-8 becomes).

``run(library, queries, name)`` sends them to ``search_worker.py``, one at a time,
and gives up on a query after ``HUNG`` seconds (ending the worker, and
starting another one for the next query).
"""

from __future__ import annotations

import json
import random
import re
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import fault_setup

HUNG = 30.0
SLOW = 1.0
SEEDS = sorted((fault_setup.ROOT / "seeds").glob("*.txt"))
WORDS = sorted({w for p in SEEDS for w in re.findall(r"[^\W\d_]{2,}", p.read_text("utf-8"))})
FIELDS = ["title", "source", "lang", "date", "published", "text", "body", "tag", "note",
          "TITLE", "Source", "ﬁeld", "ti\ufb01tle", "ﬁle", "Ｔｉｔｌｅ", "tıtle", "sou\u0301rce",
          "title\u200b", "", "lang lang"]  # fmt: skip
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "and", "or", "not", "&&", "||", "!", "-",
             "+", "(", ")", "((", "))", '"', "'", "^", "^3", "^-1", "^1e308", "~", "~0", "~1",
             "~2", "~3", "~9", "~99", "~2/3", "~-1", "~1.5", "~999999999999", "*", "?", "**",
             "*?*", "[", "]", "{", "}", "TO", ":", "::", "\\", "/", "<", ">", ">=", "..", "…",
             "«", "»", "’", "%", "$", "#", "@", "=", ";", ","]  # fmt: skip
DATES = ["2022", "2022-01", "2022-01-06", "2022-1-6", "..", "2022..", "..2022-02",
         "2022-01-01..2022-01-10", ">=2022-01-05", "<2022-02", "[2022-01-01 TO 2022-01-10]",
         "[2022 TO]", "[ TO ]", "2022-13", "2022-02-31", "0000", "9999-99-99", "-1", "2022..2021",
         "9" * 60, "２０２２", ">=", "[a TO z]"]  # fmt: skip
POOLS = [
    (0x21, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF),
    (0x590, 0x6FF), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3000, 0x303F),
    (0x4E00, 0x4FFF), (0xE000, 0xE0FF), (0xFB00, 0xFB06), (0xFE00, 0xFE0F), (0xFF01, 0xFF5E),
    (0xFFF0, 0xFFFF), (0x1D400, 0x1D7FF), (0x1F300, 0x1F6FF), (0x0, 0x1F), (0xDC80, 0xDCFF),
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2028"]


def unicode_string(rng: random.Random, length: int) -> str:
    low, high = rng.choice(POOLS)
    return "".join(chr(rng.randint(low, high)) for _ in range(length))


def word(rng: random.Random) -> str:
    w = rng.choice(WORDS)
    return rng.choice([w, w.upper(), w.lower(), w.casefold(), w[: rng.randint(1, len(w))]])


def long_word(rng: random.Random) -> str:
    size = rng.choice([199, 200, 201, 500, 1999, 2000, 2001, 5000, 100_000])
    return rng.choice([
        lambda: rng.choice("aeéz") * size,
        lambda: (word(rng) * size)[:size],
        lambda: unicode_string(rng, min(size, 3000)),
    ])()  # fmt: skip


def token(rng: random.Random) -> str:
    kind = rng.choices(
        ["word", "fuzzy", "wild", "op", "field", "phrase", "date", "unicode", "long", "nest"],
        [30, 10, 10, 15, 10, 6, 5, 8, 3, 3],
    )[0]
    return token_of(rng, kind)


def token_of(rng: random.Random, kind: str) -> str:
    if kind == "word":
        return word(rng)
    if kind == "fuzzy":
        return word(rng) + rng.choice(["~", "~1", "~2", "~3", "~5", "~50", "~2/1", "~2/9", "~0"])
    if kind == "wild":
        w = word(rng)
        cut = rng.randint(0, len(w))
        return rng.choice([w[:cut] + "*", "*" + w[cut:], w[:cut] + "?" + w[cut:], "*" + w + "*",
                           "?" * rng.randint(1, 12), w[:1] + "*", "*"])  # fmt: skip
    if kind == "op":
        return rng.choice(OPERATORS)
    if kind == "field":
        value = rng.choice([word(rng), f'"{word(rng)} {word(rng)}"', f"({word(rng)} OR "
                            f"{word(rng)})", "", "*", rng.choice(DATES)])  # fmt: skip
        return f"{rng.choice(FIELDS)}:{value}"
    if kind == "phrase":
        words = " ".join(word(rng) for _ in range(rng.randint(1, 8)))
        return rng.choice([f'"{words}"', f'"{words}', f'"{words}"~{rng.randint(0, 50)}'])
    if kind == "date":
        return "date:" + rng.choice(DATES)
    if kind == "unicode":
        return unicode_string(rng, rng.randint(1, 30))
    if kind == "long":
        return long_word(rng) + rng.choice(["", "*", "~2", "~1"])
    depth = rng.choice([2, 10, 31, 32, 33, 100, 1000])
    return "(" * depth + word(rng) + ")" * rng.choice([depth, depth - 1, 0])


def plausible_token(rng: random.Random) -> str:
    kind = rng.choices(["word", "fuzzy", "wild", "op", "field", "phrase", "date"],
                       [40, 15, 15, 10, 10, 5, 5])[0]  # fmt: skip
    if kind == "op":
        return rng.choice(["AND", "OR", "NOT", "-"]) + " " + word(rng)
    if kind == "field":
        return f"{rng.choice(['title', 'source', 'lang'])}:{word(rng)}"
    if kind == "date":
        return "date:" + rng.choice(DATES[:11])
    if kind == "phrase":
        return '"' + " ".join(word(rng) for _ in range(rng.randint(2, 5))) + '"'
    return token_of(rng, kind)


def query(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.05:  # many terms, near the query's length limit or past it
        n = rng.choice([50, 200, 400, 2000])
        joiner = rng.choice([" ", " OR ", " AND "])
        return joiner.join(token(rng) if rng.random() < 0.2 else word(rng) for _ in range(n))
    if shape < 0.1:  # many fuzzy or wildcard terms
        suffix = rng.choice(["~2", "~1", "*", "?*"])
        return " OR ".join(word(rng)[:4] + suffix for _ in range(rng.randint(10, 120)))
    plausible = rng.random() < 0.5  # what a person might type, or anything at all
    parts = [(plausible_token if plausible else token)(rng) for _ in range(rng.randint(1, 10))]
    return "".join(p + rng.choice(SEPARATORS) for p in parts).strip(rng.choice(["", " "]))


def queries(n: int, seed: str) -> list[str]:
    rng = random.Random(seed)
    return [query(rng) for _ in range(n)]


# -- running them --------------------------------------------------------------------


class SearchWorker:
    def __init__(self, library: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("search_worker.py")), str(library)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=fault_setup.ROOT, env=fault_setup.environment(),
        )  # fmt: skip
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    def ask(self, text: str) -> dict | None:
        """The worker's answer, or None when it took longer than HUNG seconds."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"query": text}) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], HUNG)
        line = self.proc.stdout.readline() if ready else ""
        return json.loads(line) if line else None

    def stop(self) -> str:
        self.proc.kill()
        return self.proc.communicate()[1]


@dataclass
class Outcome:
    """What the queries gave against one library: how many were refused
    (``QueryError``, as they may be), errors (any other exception, with its
    traceback), slow ones (over SLOW seconds), hung ones, and the slowest."""

    library: str
    queries: int = 0
    refused: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    slow: list[tuple[str, float]] = field(default_factory=list)
    hung: list[str] = field(default_factory=list)
    slowest: tuple[str, float] = ("", 0.0)
    seconds: float = 0.0


def run(library: Path, texts: list[str], name: str) -> Outcome:
    found = Outcome(name, queries=len(texts))
    worker = SearchWorker(library)
    started = time.perf_counter()
    try:
        for text in texts:
            shown = ascii(text)[:300]
            answer = worker.ask(text)
            if answer is None:
                found.hung.append(shown)
                worker.stop()
                worker = SearchWorker(library)
                continue
            seconds = round(answer["seconds"], 4)
            if seconds > found.slowest[1]:
                found.slowest = (shown, seconds)
            if seconds > SLOW:
                found.slow.append((shown, seconds))
            if answer["outcome"] == "refused":
                found.refused += 1
            elif answer["outcome"] == "error":
                found.errors.append((shown, answer["error"][-1500:]))
    finally:
        worker.stop()
    found.seconds = round(time.perf_counter() - started, 1)
    return found
