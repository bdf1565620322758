"""Deterministic generator of French news-like articles for the benchmarks.

The only source of language is the five seed articles in ``seeds/`` (no
network, no other corpus): their body text trains a word-level bigram chain,
so that sentences have the seeds' local grammar and a Zipf-like word
distribution (the seeds' own frequencies). Real news corpora have a far
larger vocabulary than five articles, so a long tail of pseudo-French words
(a character trigram chain trained on the seeds' words, accents included) is
mixed in: about one content word in eight is drawn from that tail with Zipf
weights (rank ** -1.1), which gives a 10,000-article corpus tens of thousands
of distinct terms, as real ones have.

Every article takes one of four page shapes copied from the seeds: a
Sputnik-like page (`` date 2022-01 https://…`` header with the date in the
URL, the title twice, a truncated lead with a dotted date, ISO timestamp
lines, sub-heads glued to the sentences), an RT-like page ("Skip to
content", "— RT …" title suffix, section lines, the title repeated inside
the body, "LIRE LA SUITE:", footer), a blog-like page (one paragraph per
line, embedded tweets, photo captions) and a portal page (breadcrumb ending
in "…", share counter, "Lire aussi: …" lines, "Article précédent/suivant").
Names come with and without accents (Tokaïev/Tokayev, Nazarbaïev/Nazarbayev,
Choïgou/Shoigu…).

Article ``i`` depends only on ``(seed, i)``: the 1,000-article corpus is the
first 1,000 files of the 10,000 one, and the same seed always gives
byte-identical files. Files are UTF-8 ``.txt`` named ``NNNNNN_<sha256[:16]>.txt``
in ``benchmarks/corpus/<size>/`` with a ``manifest.json`` beside them (not
imported: the importer takes ``.txt`` and ``.md`` only).

    python benchmarks/generate.py --sizes 1000 10000 [--seed 20220106]
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

#: Bump when the output changes for a given seed: corpora on disk are regenerated.
GENERATOR_VERSION = 1
DEFAULT_SEED = 20220106
ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
CORPUS_DIR = ROOT / "benchmarks" / "corpus"

MIN_BYTES = 2000
MAX_BYTES = 6000
TAIL_WORDS = 40_000
TAIL_SHARE = 0.125
ZIPF_EXPONENT = 1.1

# Names with their spellings: accented (as French outlets write them) and not.
NAMES: dict[str, tuple[str, ...]] = {
    "Tokaïev": ("Tokaïev", "Tokaïev", "Tokayev", "Tokaev"),
    "Tokayev": ("Tokayev", "Tokaïev"),
    "Nazarbaïev": ("Nazarbaïev", "Nazarbayev", "Nazarbaev"),
    "Choïgou": ("Choïgou", "Choïgou", "Shoigu"),
    "Baïkonour": ("Baïkonour", "Baikonour"),
    "Pachinian": ("Pachinian", "Pachinian", "Pashinyan"),
    "Noursoultan": ("Noursoultan", "Nursultan"),
    "Janaozen": ("Janaozen", "Zhanaozen", "Janaözen"),
    "Manguistaou": ("Manguistaou", "Mangystau"),
    "Biélorussie": ("Biélorussie", "Biélorussie", "Bélarus"),
    "Kirghizstan": ("Kirghizstan", "Kirghizistan"),
}
# Sentences about people the seeds name once or twice, so that they are not rare.
EXTRA_SENTENCES = (
    "Le secrétaire général de l’OTSC, Stanislav Zas, a précisé le calendrier du retrait.",
    "Antony Blinken a de nouveau critiqué la présence des troupes russes au Kazakhstan.",
    "Noursoultan Nazarbaïev n’est pas apparu en public depuis le début des troubles.",
    "Le président Kassym-Jomart Tokaïev a annoncé de nouvelles mesures économiques.",
    "Kassym-Jomart Tokayev a remercié les pays membres de l’OTSC pour leur aide.",
    "Josep Borrell a appelé au respect du droit de manifester pacifiquement.",
    "Sergueï Choïgou a salué le travail des soldats de la paix à Almaty.",
    "Selon Nikol Pachinian, la mission de maintien de la paix sera courte.",
    "Karim Massimov, ancien chef du Comité de sécurité nationale, a été arrêté.",
    "Vladimir Poutine a parlé d’une tentative de révolution de couleur.",
    "Sergueï Lavrov a rejeté les critiques de Washington sur la mission de l’OTSC.",
    "À Almaty, les habitants font la queue devant les banques et les stations-service.",
    "Le prix du gaz liquéfié reste plafonné dans la région de Manguistaou.",
)
OUTLETS = (
    # (name, URL pattern, title suffix or None)
    ("sputnik", "https://fr.sputniknews.com/{ymd}/{slug}-{num}.html", None),
    ("rt", "https://francais.rt.com/international/{num5}-{slug}", " — RT en français"),
    ("rt", "https://www.rt.com/russia/{num6}-{slug}/", " — RT Russie et ex-Union soviétique"),
    (
        "lemonde",
        "https://www.lemonde.fr/international/article/{y}/{m}/{d}/{slug}_{num7}_3210.html",
        " – Le Monde",
    ),
    ("rfi", "https://www.rfi.fr/fr/asie-pacifique/{ymd}-{slug}", " – RFI"),
    ("france24", "https://www.france24.com/fr/europe/{ymd}-{slug}", " - France 24"),
    ("lefigaro", "https://www.lefigaro.fr/international/{slug}-{ymd}", " | Le Figaro"),
    ("portal", "https://www.lopinion-internationale.net/{y}/{m}/{d}/{slug}/", None),
)
RT_SUFFIXES = (" — RT Russie et ex-Union soviétique", " — RT en français", " — RT Monde")
PORTAL_SECTIONS = ("L'International", "Monde", "Politique", "Asie", "Europe", "Économie")
TWEETERS = ("Liveuamap", "AFP", "franceinfo", "RFI", "BFMTV", "Sputnik_fr")
MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
TOKEN = re.compile(r"[\w’'\-]+|[.,;:!?…]")
# seed lines that are chrome, not prose, however long
_CHROME_STARTS = ("date ", "Lire aussi", "Article précédent", "Article suivant", "Toutes les")
_SENTENCE_END = {".", "!", "?", "…"}
_NO_SPACE_BEFORE = {",", ".", "…"}


def _zipf_cumulative(n: int, offset: float = 2.7) -> list[float]:
    weights = [(rank + offset) ** -ZIPF_EXPONENT for rank in range(1, n + 1)]
    return list(itertools.accumulate(weights))


class _Pick:
    """Weighted choice from a fixed list, by bisection on cumulative weights."""

    def __init__(self, items: list, weights: list[float]) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random):  # type: ignore[no-untyped-def]
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


@dataclass
class Model:
    """Everything learnt from the seeds; built once, deterministically."""

    transitions: dict[str, _Pick]
    starters: _Pick
    stopwords: frozenset[str]
    tail: list[str]
    tail_cum: list[float]
    vocabulary: int

    def tail_word(self, rng: random.Random) -> str:
        r = rng.random() * self.tail_cum[-1]
        return self.tail[bisect.bisect_right(self.tail_cum, r)]


def _seed_bodies() -> list[str]:
    """The seeds' paragraphs that are prose (long lines), chrome left out."""
    out = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text("utf-8")
        seen: set[str] = set()
        for line in text.split("\n"):
            line = line.strip()
            if len(line) > 120 and line not in seen and not line.startswith(_CHROME_STARTS):
                seen.add(line)
                # glued sentences ("Sputnik.Selon") and sub-heads
                # ("Violente contestationUn contingent") come apart again
                line = re.sub(r"([a-zé»\"])\.([A-ZÉ])", r"\1. \2", line)
                out.append(re.sub(r"([a-zàâçéèêëîïôûù])([A-ZÀÉ][a-zé])", r"\1. \2", line))
    out.extend(EXTRA_SENTENCES)
    return out


def _train_chars(words: list[str], rng: random.Random, known: set[str]) -> list[str]:
    """``TAIL_WORDS`` new pseudo-words from a character trigram chain."""
    follow: dict[str, Counter[str]] = defaultdict(Counter)
    for word in words:
        padded = "^^" + word + "$"
        for i in range(len(padded) - 2):
            follow[padded[i : i + 2]][padded[i + 2]] += 1
    picks = {
        key: _Pick(sorted(counts), [counts[c] for c in sorted(counts)])
        for key, counts in sorted(follow.items())
    }
    out: list[str] = []
    made = set(known)
    attempts = 0
    while len(out) < TAIL_WORDS and attempts < TAIL_WORDS * 50:
        attempts += 1
        state, word = "^^", ""
        while len(word) < 16:
            char = picks[state](rng)
            if char == "$":
                break
            word += char
            state = state[1] + char
        if 5 <= len(word) <= 14 and word not in made:
            made.add(word)
            out.append(word)
    return out


def build_model(seed: int) -> Model:
    rng = random.Random(f"kzreader-bench-model-{seed}")
    bodies = _seed_bodies()
    follow: dict[str, Counter[str]] = defaultdict(Counter)
    starters: Counter[str] = Counter()
    words: list[str] = []
    for body in bodies:
        tokens = TOKEN.findall(body)
        previous = "."
        for token in tokens:
            if previous in _SENTENCE_END and token[0].isupper():
                starters[token] += 1
            follow[previous][token] += 1
            previous = token
            if token.isalpha() and token.islower():
                words.append(token)
        follow[previous]["."] += 1
    transitions = {
        key: _Pick(sorted(c), [c[t] for t in sorted(c)]) for key, c in sorted(follow.items())
    }
    starter_list = sorted(starters)
    counts = Counter(words)
    # the most frequent short words play the part of stop words: never replaced
    stop = frozenset(w for w, n in counts.items() if n >= 8 or len(w) <= 3)
    tail = _train_chars(sorted(set(words)), rng, set(counts))
    return Model(
        transitions=transitions,
        starters=_Pick(starter_list, [starters[s] for s in starter_list]),
        stopwords=stop,
        tail=tail,
        tail_cum=_zipf_cumulative(len(tail)),
        vocabulary=len(counts),
    )


# -- text ---------------------------------------------------------------------


def _join(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        if not out or token in _NO_SPACE_BEFORE or out.endswith(("’", "'")):
            out += token
        else:
            out += " " + token
    return out


def _respell(token: str, rng: random.Random) -> str:
    variants = NAMES.get(token)
    return rng.choice(variants) if variants else token


def sentence(model: Model, rng: random.Random, max_words: int = 38) -> str:
    tokens = [model.starters(rng)]
    while len(tokens) < max_words:
        nxt = model.transitions[tokens[-1]](rng) if tokens[-1] in model.transitions else "."
        if nxt in _SENTENCE_END:
            break
        tokens.append(nxt)
    if len(tokens) < 4:  # too short: try again (bounded by the rng's variety)
        return sentence(model, rng, max_words)
    while tokens[-1] in {",", ";", ":"}:
        tokens.pop()
    out = []
    for token in tokens:
        if (
            token.isalpha()
            and token.islower()
            and token not in model.stopwords
            and rng.random() < TAIL_SHARE
        ):
            token = model.tail_word(rng)
        out.append(_respell(token, rng))
    text = _join(out)
    if rng.random() < 0.07:
        speaker = rng.choice(("dit Zas", "a déclaré Tokaïev", "a ajouté Blinken", "estime-t-il"))
        return f"« {text} », {speaker}."
    return text + "."


def headline(model: Model, rng: random.Random) -> str:
    words = sentence(model, rng, max_words=rng.randint(7, 15)).rstrip(".").strip("« »")
    words = words.split(" », ")[0]
    return words[0].upper() + words[1:]


def _slug(title: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", title.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", plain))[:80].strip("-")


def _date(rng: random.Random) -> tuple[int, int, int]:
    # most articles in January 2022 (the unrest), the rest around it
    month = rng.choices([(2021, 12), (2022, 1), (2022, 2), (2022, 3)], [1, 6, 2, 1])[0]
    return month[0], month[1], rng.randint(1, 28)


def _url(outlet: tuple[str, str, str | None], title: str, ymd: tuple, rng: random.Random) -> str:
    y, m, d = ymd
    return outlet[1].format(
        ymd=f"{y:04d}{m:02d}{d:02d}",
        y=f"{y:04d}",
        m=f"{m:02d}",
        d=f"{d:02d}",
        slug=_slug(title),
        num=rng.randint(1_050_000_000, 1_059_999_999),
        num5=rng.randint(90_000, 99_999),
        num6=rng.randint(540_000, 559_999),
        num7=rng.randint(6_100_000, 6_199_999),
    )


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _paragraphs(model: Model, rng: random.Random, budget: int, per: tuple[int, int]) -> list[str]:
    """Paragraphs of ``per`` sentences until about ``budget`` bytes."""
    out: list[str] = []
    used = 0
    while used < budget:
        para = " ".join(sentence(model, rng) for _ in range(rng.randint(*per)))
        if used + _size(para) > budget and out:
            # a last, shorter paragraph to land near the budget
            rest = []
            for _ in range(6):
                s = sentence(model, rng)
                if used + _size(" ".join([*rest, s])) > budget:
                    break
                rest.append(s)
            if rest:
                out.append(" ".join(rest))
            break
        out.append(para)
        used += _size(para) + 2
    return out


def _header(url: str, ymd: tuple) -> str:
    return f" date {ymd[0]:04d}-{ymd[1]:02d} {url}"


def article(model: Model, seed: int, index: int) -> tuple[str, dict]:
    """The text of article ``index`` and its facts for the manifest."""
    rng = random.Random(f"kzreader-bench-{seed}-{index}")
    target = rng.randint(MIN_BYTES + 150, MAX_BYTES - 150)
    shape = rng.choices(("sputnik", "rt", "blog", "portal"), [35, 25, 15, 25])[0]
    title = headline(model, rng)
    ymd = _date(rng)
    if shape == "sputnik":
        outlet = OUTLETS[0]
    elif shape == "rt":
        outlet = rng.choice(OUTLETS[1:3])
    elif shape == "portal":
        outlet = rng.choice((OUTLETS[7], *OUTLETS[3:7]))
    else:
        outlet = rng.choice(OUTLETS[3:8])
    url = _url(outlet, title, ymd, rng)
    with_header = shape == "sputnik" or rng.random() < 0.6
    head: list[str] = []
    foot: list[str] = []
    dotted = f"{ymd[2]:02d}.{ymd[1]:02d}.{ymd[0]:04d}"
    if shape == "sputnik":
        lead = sentence(model, rng)
        cut = lead[: rng.randint(60, min(150, max(61, len(lead) - 1)))].rsplit(" ", 1)[0]
        head += [_header(url, ymd), title, title, f"{cut}... {dotted}, Sputnik France"]
        if rng.random() < 0.6:
            hour, minute = rng.randint(6, 22), rng.randint(0, 59)
            day = f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"
            stamp = f"{day}T{hour:02d}:{minute:02d}+0100"
            later = f"{day}T{hour:02d}:{min(59, minute + 24):02d}+0100"
            head += [stamp, stamp, later]
        budget = target - _size("\n\n".join(head)) - 4
        # one long paragraph, sub-heads and sentences glued ("Sputnik.Selon lui")
        parts: list[str] = []
        used = 0
        while used < budget - 120:
            piece = sentence(model, rng)
            if rng.random() < 0.08:
                piece = headline(model, rng)[:40].rsplit(" ", 1)[0] + piece
            if used + _size(piece) > budget:
                break
            parts.append(piece)
            used += _size(piece)
        body = ["".join(parts)]
        sep, trailer = "\n\n", "\n"
    elif shape == "rt":
        suffix = outlet[2] or rng.choice(RT_SUFFIXES)
        if with_header:
            head.append(_header(url, ymd))
        head += ["Skip to content", f"{title}{suffix}\n | Nouvelles locales"]
        head.append("Mises à jour de dernière minute Nouvelles du monde")
        head.append(sentence(model, rng).rstrip("."))
        foot += [
            f"LIRE LA SUITE:\n{headline(model, rng)}",
            "Nouvelles d’aujourd’hui Nouvelles locales\nRT All Fr2Fr",
            "Toutes les actualités du site n'expriment pas le point de vue du site, mais nous "
            "transmettons cette actualité automatiquement et la traduisons grâce à une "
            "technologie programmatique sur le site et non à partir d'un éditeur humain.",
        ]
        budget = target - _size("\n\n".join(head + foot)) - 120
        body = _paragraphs(model, rng, budget, (1, 4))
        if len(body) > 3:
            body.insert(len(body) // 2, f"\n{title}{suffix}\n | Nouvelles locales")
        sep, trailer = "\n\n", "\n" if rng.random() < 0.5 else ""
    elif shape == "blog":
        if with_header:
            head.append(_header(url, ymd))
        budget = target - _size("\n".join(head)) - 200
        body = _paragraphs(model, rng, budget, (2, 5))
        who = rng.choice(TWEETERS)
        tweet = (
            f"{sentence(model, rng)} pic.twitter.com/{_code(rng)}\n"
            f"– {who} (@{who}) {ymd[2]} {MONTHS_FR[ymd[1] - 1]} {ymd[0]}"
        )
        caption = f"{headline(model, rng)[:60].rsplit(' ', 1)[0]} / OTSC"
        body.insert(min(2, len(body)), tweet)
        body.insert(min(5, len(body)), caption)
        sep, trailer = "\n", ""
    else:  # portal
        if with_header:
            head.append(_header(url, ymd))
        section = rng.choice(PORTAL_SECTIONS)
        crumb = title[: rng.randint(40, max(41, len(title) - 5))].rsplit(" ", 1)[0]
        head += [f"Accueil Dernières minutes {section} {crumb}...", title, str(_shares(rng))]
        foot += [
            f"Article précédent{headline(model, rng)}.\nArticle suivant{headline(model, rng)}."
        ]
        budget = target - _size("\n\n".join(head + foot)) - 220
        body = _paragraphs(model, rng, budget, (1, 3))
        for _ in range(rng.randint(1, 2)):
            at = rng.randint(1, max(1, len(body) - 1))
            body.insert(at, f"Lire aussi:\u00a0  {headline(model, rng)}")
        sep, trailer = "\n\n", ""
    text = sep.join(head + body + foot) + trailer
    prose = max(i for i, p in enumerate(body) if len(p) > 150 or i == 0)
    while _size(text) < MIN_BYTES:  # top up the last paragraph of prose
        body[prose] += ("" if shape == "sputnik" else " ") + sentence(model, rng)
        text = sep.join(head + body + foot) + trailer
    title_seen = None if shape == "blog" else title  # a blog page has no headline line
    return text, _facts(shape, title_seen, url, ymd, outlet)


def _shares(rng: random.Random) -> int:
    return rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 13, 21, 42, 120))


def _code(rng: random.Random) -> str:
    return "".join(
        rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789") for _ in range(10)
    )


def _facts(shape: str, title: str | None, url: str, ymd: tuple, outlet: tuple) -> dict:
    return {
        "shape": shape,
        "title": title,
        "url": url,
        "date": f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}",
        "outlet": outlet[0],
    }


def long_article(model: Model, seed: int, paragraphs: int = 80) -> str:
    """A long article (about 40 KB) for the 1,000-passage scenario."""
    rng = random.Random(f"kzreader-bench-long-{seed}")
    title = headline(model, rng)
    url = f"https://fr.sputniknews.com/20220110/{_slug(title)}-1054300000.html"
    parts = [_header(url, (2022, 1, 10)), title, title]
    parts += _paragraphs(model, rng, 40_000, (3, 6))[:paragraphs]
    return "\n\n".join(parts) + "\n"


# -- corpus on disk -------------------------------------------------------------


def corpus_dir(size: int) -> Path:
    return CORPUS_DIR / str(size)


def manifest_ok(size: int, seed: int) -> bool:
    path = corpus_dir(size) / "manifest.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (
        data.get("seed") == seed
        and data.get("size") == size
        and data.get("generator_version") == GENERATOR_VERSION
        and len(list(corpus_dir(size).glob("*.txt"))) == size
    )


def generate(size: int, seed: int = DEFAULT_SEED, force: bool = False, quiet: bool = False) -> Path:
    """Write the corpus of ``size`` articles (skipped when already there)."""
    folder = corpus_dir(size)
    if not force and manifest_ok(size, seed):
        return folder
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    model = build_model(seed)
    digest = hashlib.sha256()
    files = []
    total = 0
    for i in range(size):
        text, facts = article(model, seed, i)
        data = text.encode("utf-8")
        name = f"{i:06d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        (folder / name).write_bytes(data)
        digest.update(data)
        total += len(data)
        files.append({"file": name, "bytes": len(data), **facts})
        if not quiet and (i + 1) % 5000 == 0:
            print(f"  {i + 1}/{size} articles", file=sys.stderr)
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "size": size,
        "bytes": total,
        "sha256": digest.hexdigest(),
        "seed_vocabulary": model.vocabulary,
        "tail_vocabulary": len(model.tail),
        "files": files,
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=0), "utf-8"
    )
    if not quiet:
        print(
            f"corpus {size}: {total / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s "
            f"-> {folder} (sha256 {digest.hexdigest()[:16]})",
            file=sys.stderr,
        )
    return folder


def load_manifest(size: int) -> dict:
    return json.loads((corpus_dir(size) / "manifest.json").read_text("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="regenerate even if present")
    parser.add_argument("--sample", type=int, metavar="I", help="print article I and exit")
    args = parser.parse_args(argv)
    if args.sample is not None:
        text, facts = article(build_model(args.seed), args.seed, args.sample)
        print(text)
        print(json.dumps(facts, ensure_ascii=False), file=sys.stderr)
        return 0
    for size in args.sizes:
        generate(size, args.seed, force=args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
