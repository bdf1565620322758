"""The Whoosh full-text index of a library.

The database is the truth; the index records which version (content hash) of
each document it holds, so that it can be reconciled with the database at
any time, and rebuilt from it into a fresh folder that is swapped in whole.

Text is analysed per language: each document's body goes into the field of
its language (``body_fr``, ``body_en``…, stemmed with that language's Snowball
stemmer after its stop words are removed and accents folded), or into the
unstemmed ``body`` field when no stemmer exists for its language.
Boilerplate spans are blanked out (same length) before indexing, so they are
never found and every token offset is an offset into the document text.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.formats import Positions
from whoosh.lang import NoStopWords, has_stemmer, stemmer_for_language, stopwords_for_language
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from kzreader.core.atomic import PRIVATE_FOLDER
from kzreader.core.lean_pool import make_lean_writer
from kzreader.core.lean_positions import LeanPositions, Masked, make_lean
from kzreader.core.matching import FastBM25F
from kzreader.core.posting_cache import PostingCache
from kzreader.core.textfold import fold, mask_spans
from kzreader.core.whoosh_files import install as read_segments_in_place
from kzreader.core.whoosh_files import read_ahead

read_segments_in_place()

#: Bump when the schema or the analysis changes: an older index is rebuilt.
INDEX_FORMAT = 3
STATE_FILE = "kzreader-index.json"
#: Whoosh's in-memory buffer before it spills sorted runs to disk: 64 MB is
#: as fast as 256 MB for 10,000 articles and keeps the peak under 250 MB.
WRITER_LIMIT_MB = 64

STEM_LANGUAGES: tuple[str, ...] = tuple(
    lang
    for lang in (
        "fr",
        "en",
        "de",
        "es",
        "it",
        "pt",
        "nl",
        "ru",
        "sv",
        "da",
        "no",
        "fi",
        "hu",
        "ro",
        "tr",
    )
    if has_stemmer(lang)
)

# Elided articles and pronouns that survive tokenising on apostrophes.
_EXTRA_STOPS = {
    # Snowball's French list lacks "les", the commonest word of the language.
    "fr": {
        "les",
        "l",
        "d",
        "j",
        "m",
        "n",
        "s",
        "t",
        "c",
        "qu",
        "jusqu",
        "lorsqu",
        "puisqu",
        "quoiqu",
    },
    "it": {"l", "d", "un", "dell", "all", "dall", "nell", "sull"},
    "en": {"s"},
}

#: A word: letters and digits, and format characters between them (a soft
#: hyphen or a zero-width space copied from the web inside a word): one
#: token, spanning them, which folding turns into the plain word.
WORD_PATTERN = r"\w+(?:[\u00ad\u200b\u200c\u200d\u2060\ufeff]+\w+)*"


class FoldFilter(Filter):
    """Lower-cases and strips accents (``Tokaïev`` → ``tokaiev``)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FoldFilter)

    def __hash__(self) -> int:
        return hash(FoldFilter)

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for t in tokens:
            t.text = fold(t.text)
            yield t


def fold_analyzer() -> Analyzer:
    return RegexTokenizer(WORD_PATTERN) | FoldFilter()


_FR_SUFFIXES = (("ees", "ées"), ("ee", "ée"), ("ites", "ités"), ("ite", "ité"))
_fr_stem = stemmer_for_language("fr")


def french_folded_stem(word: str) -> str:
    """Snowball's French stemmer for a word whose accents were folded away.

    The stemmer relies on accented suffixes (``-ée``, ``-ité``); folding first
    would leave ``stabilisee`` apart from ``stabilisation``. The common ones
    are restored before stemming, and the stem is folded again, so that
    ``securite``, ``sécurité`` and ``SÉCURITÉ`` all become ``secur``.
    """
    for plain, accented in _FR_SUFFIXES:
        if word.endswith(plain) and len(word) > len(plain) + 2:
            word = word[: -len(plain)] + accented
            break
    return fold(_fr_stem(word))


def _stem_function(lang: str):  # type: ignore[no-untyped-def]
    return french_folded_stem if lang == "fr" else stemmer_for_language(lang)


def stop_words(lang: str) -> frozenset[str]:
    try:
        stops = set(stopwords_for_language(lang))
    except NoStopWords:
        stops = set()
    return frozenset(stops | _EXTRA_STOPS.get(lang, set()))


def language_analyzer(lang: str) -> Analyzer:
    stops = stop_words(lang)
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=stops, minsize=1)
        | FoldFilter()
        | StemFilter(stemfn=_stem_function(lang), lang=None, cachesize=100_000)
    )


_WORD = re.compile(WORD_PATTERN)


#: Words whose term is kept, per language (about 170 bytes each). An
#: import's words follow Zipf's law: the common ones stay, and a rare one
#: costs a stem call when it comes back. Two caches of 200,000 (the words,
#: and their stems apart) were 60 MB of the index process at 100,000 articles.
TERMS_KEPT = 100_000


@lru_cache(maxsize=32)
def _term_function(lang: str | None):  # type: ignore[no-untyped-def]
    """word → index term, as the body field of ``lang`` computes it (cached)."""
    if body_field(lang) == "body":
        return fold
    stem = _stem_function(lang)
    stops = stop_words(lang)  # type: ignore[arg-type]

    @lru_cache(maxsize=TERMS_KEPT)
    def term(word: str) -> str | None:
        lower = word.lower()
        return None if lower in stops else stem(fold(lower))

    return term


def index_term(word: str, language: str | None) -> str | None:
    """The term the body field of ``language`` indexes for ``word`` (``None``
    for a stop word)."""
    return _term_function(language if language in STEM_LANGUAGES else None)(word)


def body_tokens(text: str, language: str | None) -> list[tuple[str, int, int, int]]:
    """``(term, position, start, end)`` of every token the body field of
    ``language`` indexes in ``text``: the same as its Whoosh analyzer (a test
    holds them equal), without the generator chain — several times faster,
    for match offsets and snippets."""
    term = _term_function(language if language in STEM_LANGUAGES else None)
    out = []
    pos = -1
    # like Whoosh's StopFilter: the first word kept keeps its place, the
    # following ones are numbered on from it, stop words left out
    for index, m in enumerate(_WORD.finditer(text)):
        value = term(m.group())
        if value is None:
            continue
        pos = index if pos < 0 else pos + 1
        out.append((value, pos, m.start(), m.end()))
    return out


def body_terms(text: str, language: str | None) -> set[str]:
    """The terms the body field of ``language`` indexes for ``text``, as a set
    (``body_tokens`` without their places)."""
    term = _term_function(language if language in STEM_LANGUAGES else None)
    terms = set(map(term, set(_WORD.findall(text))))
    terms.discard(None)
    return terms  # type: ignore[return-value]


def body_field(language: str | None) -> str:
    return f"body_{language}" if language in STEM_LANGUAGES else "body"


def all_body_fields() -> list[str]:
    return ["body", *(f"body_{lang}" for lang in STEM_LANGUAGES)]


def _field_language(field: str) -> str | None:
    """The language of a body field (``body_fr`` → ``fr``; ``body``: none)."""
    return field.partition("_")[2] or None


@cache
def _body_analyzer(field: str) -> Analyzer:
    lang = _field_language(field)
    return language_analyzer(lang) if lang else fold_analyzer()


def _same_analysis(a: Analyzer, b: Analyzer) -> bool:
    """Whether two analyzers are the same chain of the same filters: as
    ``==``, but a stemmer's bound method (a new stemmer object in each
    unpickled schema) is compared by its class and name."""

    def named(value: object) -> object:
        owner = getattr(value, "__self__", None)
        if owner is not None and callable(value):
            return ("method", type(owner).__qualname__, value.__name__)  # type: ignore[attr-defined]
        if callable(value) and hasattr(value, "__qualname__"):
            return ("function", value.__module__, value.__qualname__)
        return value

    def chain(analyzer: Analyzer) -> list[tuple[type, dict[str, object]]]:
        items = getattr(analyzer, "items", [analyzer])
        return [(type(i), {k: named(v) for k, v in vars(i).items()}) for i in items]

    return chain(a) == chain(b)


def lean_writer(writer: IndexWriter) -> IndexWriter:
    """``writer``, its body fields analysed in one pass (``lean_positions``):
    those whose analyzer is the one this version defines, whose term function
    (``index_term``) it therefore computes; its postings kept by term
    (``lean_pool``)."""
    schema = writer.schema
    for name in all_body_fields():
        if name not in schema:
            continue
        field = schema[name]
        if type(field.format) is Positions and _same_analysis(field.analyzer, _body_analyzer(name)):
            make_lean(field.format, _term_function(_field_language(name)), _WORD)
    return make_lean_writer(writer)


def make_schema() -> Schema:
    schema = Schema(
        doc_id=ID(stored=True, unique=True),
        hash=ID(stored=True),
        title=TEXT(analyzer=fold_analyzer(), field_boost=2.0),
        source=TEXT(analyzer=fold_analyzer()),
        lang=ID(),
        date_lo=NUMERIC(int, bits=32),
        date_hi=NUMERIC(int, bits=32),
        body=TEXT(analyzer=fold_analyzer()),
    )
    for lang in STEM_LANGUAGES:
        schema.add(f"body_{lang}", TEXT(analyzer=language_analyzer(lang)))
    return schema


@dataclass(frozen=True)
class IndexDoc:
    """What the index holds of one document."""

    id: int
    content_hash: str
    title: str
    text: str
    boilerplate: list[list[int]] | list[tuple[int, int]]
    source: str | None = None
    language: str | None = None
    published: str | None = None


def date_bounds(published: str | None) -> tuple[int, int] | None:
    """The first and last day (as ``YYYYMMDD``) of a partial ISO date."""
    if not published or len(published) < 4 or not published[:4].isdigit():
        return None
    year = int(published[:4])
    month = int(published[5:7]) if len(published) >= 7 and published[5:7].isdigit() else None
    day = int(published[8:10]) if len(published) >= 10 and published[8:10].isdigit() else None
    if month is None:
        return year * 10000 + 101, year * 10000 + 1231
    if day is None:
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + 31
    value = year * 10000 + month * 100 + day
    return value, value


class SearchIndex:
    """A Whoosh index in ``<library>/index``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ix: whoosh_index.Index | None = None
        # One searcher kept open between searches: opening one reads every
        # segment's header (20 ms at 10,000 articles); refreshing it when the
        # index is unchanged costs a directory listing.
        self._searcher: Searcher | None = None
        self._searcher_lock = threading.RLock()
        #: the words' postings read by searches, kept for the next ones
        self.postings = PostingCache()

    # -- state ---------------------------------------------------------------

    def _state_path(self, path: Path | None = None) -> Path:
        return (path or self.path) / STATE_FILE

    def read_state(self) -> dict[str, int]:
        try:
            data = json.loads(self._state_path().read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_state(self, generation: int, path: Path | None = None) -> None:
        target = self._state_path(path)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps({"format": INDEX_FORMAT, "generation": generation}), "utf-8")
        tmp.replace(target)

    def is_usable(self) -> bool:
        """True when the folder holds an index of the current format that opens."""
        if self.read_state().get("format") != INDEX_FORMAT:
            return False
        try:
            self.open()
        except Exception:
            return False
        return True

    # -- opening -------------------------------------------------------------

    def open(self) -> whoosh_index.Index:
        if self._ix is None:
            self._ix = whoosh_index.open_dir(str(self.path))
        return self._ix

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """The index's current searcher, refreshed if the index has changed.
        Searches through it are serialised: a Whoosh searcher is not shared
        between threads."""
        with self._searcher_lock:
            ix = self.open()
            current = self._searcher
            if current is not None and ix.latest_generation() != current.reader().generation():
                # Not Searcher.refresh(): it carries segments dropped by a
                # merge over into the new reader, and fails on an empty index.
                current.close()
                current = None
            if current is None:
                current = self._searcher = ix.searcher(weighting=FastBM25F())
            yield current

    def _close_searcher(self) -> None:
        with self._searcher_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def close(self) -> None:
        self._close_searcher()
        self.postings.clear()
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    def create(self, path: Path | None = None) -> whoosh_index.Index:
        target = path or self.path
        target.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)  # owner-only (POSIX)
        return whoosh_index.create_in(str(target), make_schema())

    # -- writing -------------------------------------------------------------

    @contextmanager
    def writer(self, ix: whoosh_index.Index | None = None) -> Iterator[IndexWriter]:
        ix = ix or self.open()
        writer = lean_writer(ix.writer(limitmb=WRITER_LIMIT_MB))
        try:
            yield writer
        except BaseException:
            discard_writer(writer)
            raise
        else:
            writer.commit()

    def discard_uncommitted(self) -> list[str]:
        """Delete the files of segments no committed generation refers to,
        and writers' temporary folders: what a writer that failed or was
        killed mid-way leaves (on a full disk, they hold what space is left).
        Only when no writer holds the index; returns the names deleted."""
        removed: list[str] = []
        try:
            ix = whoosh_index.open_dir(str(self.path))
        except Exception:  # no index, or not one that opens: nothing to keep apart
            return removed
        try:
            lock = ix.lock("WRITELOCK")
            if not lock.acquire(False):
                return removed  # a writer is at work: its files are not leftovers
            try:
                toc = ix._read_toc()
                before = set(ix.storage.list())
                whoosh_index.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
                removed = sorted(before - set(ix.storage.list()))
                for folder in self.path.glob("*.tmp"):
                    if folder.is_dir():
                        shutil.rmtree(folder, ignore_errors=True)
                        removed.append(folder.name)
            finally:
                lock.release()
        except Exception:  # a best effort: never worse than leaving the files
            return removed
        finally:
            ix.close()
        return removed

    @staticmethod
    def add(writer: IndexWriter, doc: IndexDoc, new: bool = False) -> None:
        """Index ``doc``, replacing its previous version unless it is ``new``."""
        fields: dict[str, object] = {
            "doc_id": str(doc.id),
            "hash": doc.content_hash,
            "title": doc.title,
            "source": doc.source or "",
            "lang": (doc.language or "und").lower(),
        }
        body = body_field(doc.language)
        if isinstance(writer.schema[body].format, LeanPositions):
            fields[body] = Masked(doc.text, doc.boilerplate)
        else:
            fields[body] = mask_spans(doc.text, doc.boilerplate)
        bounds = date_bounds(doc.published)
        if bounds:
            fields["date_lo"], fields["date_hi"] = bounds
        if new:
            writer.add_document(**fields)
        else:
            writer.update_document(**fields)

    @staticmethod
    def delete(writer: IndexWriter, doc_id: int) -> None:
        writer.delete_by_term("doc_id", str(doc_id))

    # -- reading -------------------------------------------------------------

    def stored_state(self) -> dict[int, str]:
        """``{document id: content hash}`` of every document the index holds."""
        with self.searcher() as searcher:
            return {
                int(fields["doc_id"]): fields["hash"] for _, fields in searcher.reader().iter_docs()
            }

    def doc_count(self) -> int:
        return self.open().doc_count()

    def read_ahead(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Read the files of the committed segments once, so that the system
        caches them before the first search (``whoosh_files.read_ahead``).
        Returns the bytes read: 0 where there is no index to read yet."""
        try:
            with self._searcher_lock:  # not beside a searcher's opening
                ix = self.open()
                names = [n for seg in ix._segments() for n in seg.list_files(ix.storage)]
        except Exception:  # no index yet, or one the next search will rebuild
            return 0
        return read_ahead((self.path / name for name in names), stop)

    # -- rebuilding ----------------------------------------------------------

    def rebuild(self, docs: Iterable[IndexDoc], generation: int) -> int:
        """Build a complete new index beside the current one, then swap it in."""
        self.close()
        fresh = self.path.with_name(f"{self.path.name}.new-{uuid.uuid4().hex[:8]}")
        count = 0
        try:
            ix = self.create(fresh)
            with self.writer(ix) as writer:
                for doc in docs:
                    self.add(writer, doc, new=True)
                    count += 1
            ix.close()
            self.write_state(generation, fresh)
            old = self.path.with_name(f"{self.path.name}.old-{uuid.uuid4().hex[:8]}")
            if self.path.exists():
                self.path.rename(old)
            fresh.rename(self.path)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
        return count

    def remove_leftovers(self) -> None:
        """Delete half-built or replaced index folders left by a crash, and
        the files of segments that were never committed."""
        self.discard_uncommitted()
        for leftover in self.path.parent.glob(f"{self.path.name}.new-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in self.path.parent.glob(f"{self.path.name}.old-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def discard_writer(writer: IndexWriter) -> None:
    """Cancel ``writer``, never raising: Whoosh's ``cancel`` closes (writes)
    the segment it was building, which fails again on a full disk, and then
    would keep the index's write lock. The segment's files are left to
    ``SearchIndex.discard_uncommitted``."""
    try:
        writer.cancel()
    except Exception:
        with contextlib.suppress(Exception):
            writer.pool.cleanup()
        with contextlib.suppress(Exception):
            writer._tempstorage.destroy()
        with contextlib.suppress(Exception):
            if writer.writelock:
                writer.writelock.release()
        writer.is_closed = True
