"""Deterministic planted-reuse corpus for the reuse-detection benchmark.

The articles are ``generate.py``'s French news-like articles (the same
bigram language, page shapes and chrome), so that every article is on the
same topic as every other: the articles that receive no copied passage are
the hard negatives. Passages of 20–150 words are then copied from the body
of an earlier article (by publication date) of another outlet into a later
one, with 0, 10, 20 or 30 % of their words edited (a third substituted, a
third inserted, a third deleted, words drawn from the generator's
vocabulary). Only articles whose page carries a full date take part, so that
the order of every planted pair can be told.

The corpus and its ``planted.json`` (source and target files, the copied
text as it reads in each, the edit rate) depend only on the seed.

    python benchmarks/reuse_generate.py [--articles 600] [--per-rate 30] [--seed 20220106]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

RATES = (0.0, 0.1, 0.2, 0.3)
OUT_DIR = generate.ROOT / "benchmarks" / "corpus" / "reuse"
VERSION = 1
_DATED = re.compile(r"^ date \d{4}-\d{2} \S*(?:\d{8}|/\d{4}/\d{2}/\d{2}/)")


def _body_line(text: str) -> tuple[int, str]:
    """The offset and text of the longest prose line of an article."""
    best, at, pos = "", 0, 0
    for line in text.split("\n"):
        if len(line) > len(best):
            best, at = line, pos
        pos += len(line) + 1
    return at, best


def _edit(words: list[str], rate: float, rng: random.Random, model: generate.Model) -> list[str]:
    """``words`` with ``rate`` of them substituted, inserted or deleted."""
    out = list(words)
    for _ in range(round(rate * len(words))):
        kind = rng.choice(("sub", "ins", "del"))
        at = rng.randrange(1, len(out) - 1)  # the two ends stay: the span is known
        new = model.tail_word(rng) if rng.random() < 0.5 else rng.choice(words)
        if kind == "sub":
            out[at] = new
        elif kind == "ins":
            out.insert(at, new)
        elif len(out) > 8:
            del out[at]
    return out


def build(articles: int, per_rate: int, seed: int) -> Path:
    model = generate.build_model(seed)
    rng = random.Random(f"kzreader-reuse-{seed}")
    texts, facts = [], []
    for i in range(articles):
        text, fact = generate.article(model, seed, 50_000 + i)
        texts.append(text)
        facts.append(fact)
    dated = [i for i, t in enumerate(texts) if _DATED.match(t)]
    by_date = sorted(dated, key=lambda i: (facts[i]["date"], i))
    used_target: set[int] = set()
    used_source: set[int] = set()
    planted = []
    for rate in RATES:
        made = attempts = 0
        while made < per_rate:
            attempts += 1
            if attempts > 100_000:
                raise SystemExit(
                    "too few dated articles for the passages asked for: add --articles"
                )
            s, t = rng.sample(by_date, 2)
            if facts[s]["date"] > facts[t]["date"]:
                s, t = t, s
            if (
                facts[s]["date"] == facts[t]["date"]
                or facts[s]["outlet"] == facts[t]["outlet"]
                or t in used_target
                or t in used_source
                or s in used_target
                or s in used_source
            ):
                continue
            at, line = _body_line(texts[s])
            tokens = line.split(" ")
            length = rng.randint(20, 150)
            if len(tokens) < length + 4:
                continue
            first = rng.randrange(1, len(tokens) - length - 1)
            copied = tokens[first : first + length]
            start = at + len(" ".join(tokens[:first])) + 1
            source_text = " ".join(copied)
            assert texts[s][start : start + len(source_text)] == source_text
            edited = " ".join(_edit(copied, rate, rng, model))
            # into the target's longest line, after a sentence
            t_at, t_line = _body_line(texts[t])
            cuts = [m.end() for m in re.finditer(r"\. ", t_line)]
            cut = t_at + (cuts[len(cuts) // 2] if cuts else len(t_line))
            texts[t] = texts[t][:cut] + edited + " " + texts[t][cut:]
            used_target.add(t)
            used_source.add(s)
            planted.append(
                {"source": s, "target": t, "rate": rate, "words": length,
                 "source_text": source_text, "target_text": edited}
            )  # fmt: skip
            made += 1
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for old in OUT_DIR.glob("*.txt"):
        old.unlink()
    names = []
    for i, text in enumerate(texts):
        name = f"{i:06d}.txt"
        (OUT_DIR / name).write_text(text, encoding="utf-8")
        names.append(name)
    for item in planted:
        item["source"], item["target"] = names[item["source"]], names[item["target"]]
    info = {
        "version": VERSION,
        "seed": seed,
        "articles": articles,
        "files": [{"file": n, **f} for n, f in zip(names, facts, strict=True)],
        "planted": planted,
    }
    (OUT_DIR / "planted.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), "utf-8")
    return OUT_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--per-rate", type=int, default=30)
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    args = parser.parse_args(argv)
    out = build(args.articles, args.per_rate, args.seed)
    print(f"wrote {args.articles} articles and their planted passages to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
