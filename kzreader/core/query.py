"""Reading a search query: its language, its limits, and its cost.

Query language (Whoosh's, extended):

- words are matched accent- and case-insensitively, stemmed by each
  document's language: ``securite`` finds ``sécurité``;
- ``"exact phrase"``; ``AND`` (the default between words), ``OR``, ``NOT``,
  parentheses; ``maint*`` prefixes; ``Tokayev~`` (or ``~2``) fuzzy terms;
- fields ``title:``, ``source:``, ``lang:``;
- publication dates ``date:2022``, ``date:2022-01``, ``date:2022-01-06``,
  ranges ``date:2022-01-01..2022-01-10`` (either end may be left open),
  ``date:>=2022-01-05``, ``date:<2022-02``, and ``date:[2022-01-01 TO 2022-01-10]``.

Every query is answered or refused (``QueryError``, saying what to change)
quickly, whatever its shape: at most ``MAX_QUERY_CHARS`` characters, words of
at most ``MAX_WORD_CHARS``, parentheses at most ``MAX_DEPTH`` deep, fuzzy
terms of at most ``MAX_EDITS`` edits (``Tokayev~2``) that keep their first
letter, field names read after NFKC folding (``ﬁstatus:`` is ``fistatus:``,
unknown; ``TITLE:`` is ``title:``), phrases of a slop of at most
``MAX_SLOP`` (``"Tokayev Poutine"~10``), and a search that would read too
much of the index — a pattern standing for much of the vocabulary, an OR of
the commonest words — refused before it starts (see ``check_breadth``). A
lone ``*`` is every article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from whoosh import matching, qparser, query
from whoosh.qparser import syntax
from whoosh.qparser.plugins import TaggingPlugin

from kzreader.core import vocabulary
from kzreader.core.errors import QueryError
from kzreader.core.index import date_bounds, index_term
from kzreader.core.matching import FastPhrase
from kzreader.core.textfold import fold

FIELDS_HELP = "title:, source:, lang: or date:"
KNOWN_FIELDS = {"title", "source", "lang", "date", "published"}

# -- dates -------------------------------------------------------------------

_DATE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_DATE_EXPR = re.compile(
    rf"""^(?:
        (?P<op>>=|<=|>|<)(?P<single>{_DATE})
      | (?P<lo>{_DATE})?\.\.(?P<hi>{_DATE})?
      | (?P<exact>{_DATE})
    )$""",
    re.VERBOSE,
)


def _bounds(text: str) -> tuple[int, int]:
    parts = text.split("-")
    normalised = "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])
    bounds = date_bounds(normalised)
    if bounds is None:
        raise QueryError(f"'{text}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2]) if len(parts) > 2 else 1
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise QueryError(f"'{text}' is not a valid date")
    return bounds


def parse_date_range(expr: str) -> tuple[int | None, int | None]:
    """``YYYYMMDD`` bounds (inclusive, ``None`` for open) of a date expression."""
    bracket = re.fullmatch(r"\[\s*(\S*)\s+(?:TO|to)\s+(\S*)\s*\]", expr)
    if bracket:
        expr = f"{bracket.group(1)}..{bracket.group(2)}"
    m = _DATE_EXPR.match(expr)
    if not m or expr == "..":
        raise QueryError(
            f"cannot read the date expression 'date:{expr}'; examples: date:2022-01, "
            "date:2022-01-01..2022-01-15, date:>=2022-01-05"
        )
    if m.group("exact"):
        return _bounds(m.group("exact"))
    if m.group("op"):
        lo, hi = _bounds(m.group("single"))
        return {">=": (lo, None), ">": (hi + 1, None), "<=": (None, hi), "<": (None, lo - 1)}[
            m.group("op")
        ]
    lo = _bounds(m.group("lo"))[0] if m.group("lo") else None
    hi = _bounds(m.group("hi"))[1] if m.group("hi") else None
    return lo, hi


def date_query(lo: int | None, hi: int | None) -> query.Query:
    """Documents whose publication period overlaps ``[lo, hi]``."""
    parts: list[query.Query] = []
    if hi is not None:
        parts.append(query.NumericRange("date_lo", None, hi))
    if lo is not None:
        parts.append(query.NumericRange("date_hi", lo, None))
    return query.And(parts) if len(parts) > 1 else parts[0]


class _DateNode(syntax.SyntaxNode):
    has_fieldname = True
    has_text = False

    def __init__(self, expr: str) -> None:
        self.expr = expr
        self.fieldname = "date_lo"
        self.boost = 1.0

    def r(self) -> str:
        return f"date:{self.expr}"

    def query(self, parser: qparser.QueryParser) -> query.Query:
        return date_query(*parse_date_range(self.expr))


class DatePlugin(TaggingPlugin):
    """``date:`` (or ``published:``) expressions over the publication period."""

    priority = -10
    expr = r"(?:date|published):(?P<expr>\[[^\]]*\]|\S+)"

    def create(self, parser: qparser.QueryParser, match: re.Match[str]) -> _DateNode:
        return _DateNode(match.group("expr"))


# -- limits ------------------------------------------------------------------

#: Longest query, in characters. Whoosh's parser tries each of its patterns at
#: every character; 2,000 characters (some 300 words) parse in milliseconds.
MAX_QUERY_CHARS = 2000
#: Longest run of characters without a space, outside quotes: the parser's
#: patterns rescan such a run from each of its characters (quadratic time).
MAX_WORD_CHARS = 200
#: Deepest nesting of parentheses (the parser recurses into each level).
MAX_DEPTH = 32
#: Most edits a fuzzy term allows, as Lucene's FuzzyQuery: the automaton of a
#: term grows exponentially with them, and 3 edits match mostly noise.
MAX_EDITS = 2
#: Characters a fuzzy term keeps as written at its start (``~2/3`` asks for
#: more). One, as Whoosh's own FuzzyTerm: misspellings rarely touch the first
#: letter, and the automaton then skips every word starting otherwise.
FUZZY_PREFIX = 1
#: Most prefixes, wildcards and fuzzy terms in one query: each is looked up
#: in the index's word list before the search can start.
MAX_PATTERNS = 16
#: Most words a phrase's ``~N`` lets stand between its words: Whoosh matches
#: a sloppy phrase span by span, and the spans of common words far apart
#: multiply (``"a b c d e"~99999`` takes seconds at 10,000 articles). To find
#: words anywhere in an article, AND does it.
MAX_SLOP = 20
#: What a search may read of the index, in units of about a microsecond on
#: the 2-core machine, counted from the postings' lengths (a posting: one
#: word in one article). A scored posting costs ``SCORED_POSTING`` (it goes
#: through a tree of union or intersection matchers), one of a phrase
#: ``PHRASE_POSTING`` (its positions are read too), or ``SLOPPY_POSTING`` with a
#: slop (they are matched span by span), one of a prefix, wildcard or fuzzy
#: term ``EXPANDED_POSTING``, opening a word's postings ``WORD_COST``, and
#: trying a word of the vocabulary for a pattern that starts with a wildcard
#: (``*tion``: every word of every segment is tried, by one regular
#: expression over the segment's words, ``kzreader.core.vocabulary``)
#: ``SCAN_COST``. The
#: budget is ``BUDGET_PER_ARTICLE`` units per article, counted as at least
#: ``BUDGET_MIN_ARTICLES`` articles: at 10,000 articles the heaviest query
#: accepted runs in about half a second on the loaded machine
#: (``benchmarks/query_limits.py``), and a query a library accepts stays
#: accepted as it grows (answered more slowly). Refused at 10,000 generated
#: articles, for instance: ``*a*`` (13,050 words), one-letter prefixes (``a*``:
#: 2,869 words found 241,814 times), an OR or AND of the 20 commonest words.
SCORED_POSTING = 3
PHRASE_POSTING = 5
SLOPPY_POSTING = 12
EXPANDED_POSTING = 2
WORD_COST = 60
SCAN_COST = 0.25
BUDGET_PER_ARTICLE = 30
BUDGET_MIN_ARTICLES = 10_000

_QUOTED = re.compile(r'"[^"]*"')
# a phrase with its slop ("a b"~3), which is not a fuzzy term
_QUOTED_SLOP = re.compile(r'"[^"]*"(?:~\d*)?')
_SLOP = re.compile(r'"[^"]*"~(?P<slop>\d+)')
# as Whoosh's FieldsPlugin: a run of word characters before a colon (not a URL)
_FIELD_NAME = re.compile(r"(?<!\w)(\w+):(?!//)")
# as Whoosh's FuzzyTermPlugin: "word~", "word~2", "word~2/3"
_FUZZY = re.compile(r"(?P<word>[^\s~()\"]+)~(?P<edits>\d+)?(?:/\d+)?")


# -- parser ------------------------------------------------------------------


class _Remembered:
    """A prefix, wildcard or fuzzy term that remembers the words it stands
    for in each reader (the breadth check, the search and the highlighting
    all ask for them), and unites their postings in an array.

    Whoosh's own ``MultiTerm`` ORs the words' postings through a binary tree
    of union matchers below 1,024 words: each posting then climbs about
    log2(words) levels of Python calls, and an OR of a few such prefixes takes
    seconds at 10,000 articles. The array (Whoosh's ``ArrayUnionMatcher``,
    which it uses from 1,024 words) sums the same scores — each word scored by
    the searcher's weighting, as ``MultiTerm`` does — several times faster."""

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        words = [w for w in self._btexts(searcher.reader()) if w]
        if len(words) < 2 or not self.text:  # type: ignore[attr-defined]
            return super().matcher(searcher, context)  # type: ignore[misc]
        fieldname = self.fieldname  # type: ignore[attr-defined]
        matchers = [query.Term(fieldname, w).matcher(searcher, context) for w in words]
        return matching.ArrayUnionMatcher(
            matchers,
            searcher.doc_count_all(),
            boost=self.boost,  # type: ignore[attr-defined]
            scored=True,
        )

    def _btexts(self, ixreader):  # type: ignore[no-untyped-def]
        return [w.encode("utf-8", "surrogateescape") for w in self.found(ixreader)]

    def found(self, ixreader) -> dict[str, int]:  # type: ignore[no-untyped-def]
        """The words the term stands for in ``ixreader``, with how many
        articles hold each (see ``kzreader.core.vocabulary``)."""
        memo = self.__dict__.setdefault("_kz_words", {})
        key = (
            id(ixreader),
            self.text,  # type: ignore[attr-defined]
            getattr(self, "maxdist", 0),
            getattr(self, "prefixlength", 0),
        )
        found = memo.get(key)
        if found is None or found[0] is not ixreader:
            found = memo[key] = (ixreader, self._look_up(ixreader))
        return found[1]

    def _look_up(self, ixreader) -> dict[str, int]:  # type: ignore[no-untyped-def]
        raise NotImplementedError


class _Prefix(_Remembered, query.Prefix):
    def _look_up(self, ixreader) -> dict[str, int]:  # type: ignore[no-untyped-def]
        return vocabulary.prefixed(ixreader, self.fieldname, self.text)


class _Wildcard(_Remembered, query.Wildcard):
    def _look_up(self, ixreader) -> dict[str, int]:  # type: ignore[no-untyped-def]
        return vocabulary.wildcard(ixreader, self.fieldname, self.text)


class _FuzzyTerm(_Remembered, query.FuzzyTerm):
    def _look_up(self, ixreader) -> dict[str, int]:  # type: ignore[no-untyped-def]
        return vocabulary.fuzzy(
            ixreader, self.fieldname, self.text, self.maxdist, self.prefixlength
        )


_REMEMBERED = {query.Prefix: _Prefix, query.Wildcard: _Wildcard, query.FuzzyTerm: _FuzzyTerm}


class AllDocuments(query.Query):
    """Every article: what a lone ``*`` asks for. Whoosh's ``Every(field)``
    reads the postings of every word of the field (seconds at 10,000
    articles), and its ``Every()`` swallows the other words of an AND
    (``Zas *`` would find everything)."""

    def __init__(self, boost: float = 1.0) -> None:
        self.fieldname = None
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AllDocuments) and self.boost == other.boost

    def __hash__(self) -> int:
        return hash((AllDocuments, self.boost))

    def __repr__(self) -> str:
        return f"AllDocuments(boost={self.boost})"

    def __str__(self) -> str:
        return "*"

    def estimate_size(self, ixreader) -> int:  # type: ignore[no-untyped-def]
        return ixreader.doc_count()

    def estimate_min_size(self, ixreader) -> int:  # type: ignore[no-untyped-def]
        return ixreader.doc_count()

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        ids = list(searcher.reader().all_doc_ids())
        return matching.ListMatcher(ids, all_weights=self.boost)


class _Parser(qparser.QueryParser):
    """Prefix, wildcard and fuzzy terms are folded but not stemmed: a stem of
    ``maint`` is not a prefix of anything. A prefix that is a whole word
    also finds that word's stem, which may be shorter than the prefix."""

    def term_query(  # type: ignore[override]
        self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True
    ):
        if termclass in (query.Prefix, query.Wildcard, query.FuzzyTerm) and fieldname in (
            self.schema or {}
        ):
            folded = fold(text)
            if fieldname == "lang":
                folded = text.lower()
            if termclass is query.Wildcard and fieldname != "source" and not folded.strip("*"):
                # "*": every article (each has a title, a language and a text)
                return AllDocuments(boost=boost)
            prefix = _REMEMBERED[termclass](fieldname, folded, boost=boost)
            if termclass is query.Prefix and fieldname.startswith("body_"):
                # "hausse*" must find "hausse", indexed as its stem "hauss"
                stem = index_term(folded, fieldname.removeprefix("body_"))
                if stem and stem != folded and folded.startswith(stem):
                    return query.Or([prefix, query.Term(fieldname, stem, boost=boost)])
            return prefix
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def _outside_quotes(text: str) -> list[str]:
    """The parts of ``text`` outside its quoted phrases (quotes balanced)."""
    return _QUOTED.split(text)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _field_name(name: str) -> str:
    """A field name as the parser should see it: NFKC-folded (``ﬁ`` is
    ``fi``, ``ｔｉｔｌｅ`` is ``title``) and lower-cased."""
    return unicodedata.normalize("NFKC", name).lower()


def _check_fields(text: str) -> str:
    """``text`` with its field names written as the parser knows them;
    ``QueryError`` for a field that is not one."""

    def canonical(m: re.Match[str]) -> str:
        name = m.group(1)
        folded = _field_name(name)
        if folded in KNOWN_FIELDS:
            return f"{folded}:"
        before = m.string[m.start() - 1] if m.start() else " "
        # a word that starts a term and has a letter (not 12:30, nor x.com:80)
        if any(c.isalpha() for c in name) and (before.isspace() or before in "(+-"):
            read_as = f", read as '{_short(folded)}:'" if folded != name.lower() else ""
            raise QueryError(f"unknown field '{_short(name)}:'{read_as} (use {FIELDS_HELP})")
        return m.group(0)

    parts = []
    pos = 0
    for m in _QUOTED.finditer(text):
        parts += [_FIELD_NAME.sub(canonical, text[pos : m.start()]), m.group()]
        pos = m.end()
    parts.append(_FIELD_NAME.sub(canonical, text[pos:]))
    return "".join(parts)


def _word_too_long(word: str) -> None:
    raise QueryError(
        f"the word '{_short(word)}' is too long ({len(word):,} characters; "
        f"at most {MAX_WORD_CHARS})"
    )


def _check_syntax(text: str) -> str:
    """``QueryError`` for a query that cannot be read, or that would take too
    long to parse; else the query, field names made canonical."""
    if not text.strip():
        raise QueryError("the query is empty")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: bytes a terminal could not decode
        raise QueryError(
            "the query holds bytes that are not text (not valid UTF-8): type it again"
        ) from None
    if len(text) > MAX_QUERY_CHARS:
        longest = max(text.split(), key=len)
        if len(longest) > MAX_WORD_CHARS:
            _word_too_long(longest)
        raise QueryError(
            f"the query is too long ({len(text):,} characters; at most {MAX_QUERY_CHARS:,})"
        )
    if text.count('"') % 2:
        raise QueryError('the query has an unclosed quote (")')
    depth = deepest = 0
    for char in re.sub(r'"[^"]*"|\[[^\]]*\]', "", text):
        depth += char == "("
        depth -= char == ")"
        deepest = max(deepest, depth)
        if depth < 0:
            break
    if depth:
        raise QueryError("the query's parentheses are not balanced")
    if deepest > MAX_DEPTH:
        raise QueryError(f"the query's parentheses are nested {deepest} deep (at most {MAX_DEPTH})")
    for part in _outside_quotes(text):
        long_word = re.search(rf"\S{{{MAX_WORD_CHARS + 1},}}", part)
        if long_word:
            _word_too_long(long_word.group())
    text = _check_fields(text)
    for m in _SLOP.finditer(text):
        slop = m.group("slop")
        if len(slop) > 2 or int(slop) > MAX_SLOP:
            raise QueryError(
                f"a phrase's ~N allows at most {MAX_SLOP} words between its words "
                f"('{_short(m.group())}'); to find the words anywhere in an article, "
                "join them with AND"
            )
    for m in _FUZZY.finditer(_QUOTED_SLOP.sub(" ", text)):
        edits = m.group("edits")
        if edits and (len(edits) > 1 or int(edits) > MAX_EDITS):
            word = _short(m.group("word"))
            raise QueryError(
                f"fuzzy terms allow at most {MAX_EDITS} edits ('{word}~{_short(edits, 12)}'): "
                f"write {word}~{MAX_EDITS}, or {word}~ for one"
            )
    return text


def _finish(q: query.Query) -> query.Query:
    """Fuzzy terms get their fixed start (at least ``FUZZY_PREFIX``, at most
    the term: Whoosh fails on a longer one), and every prefix, wildcard and
    fuzzy term remembers its words (the leaves are changed in place)."""
    leaves = list(q.leaves())
    patterns = {
        (type(leaf).__name__, leaf.text, getattr(leaf, "maxdist", 0))
        for leaf in leaves
        if isinstance(leaf, query.MultiTerm)
    }
    if len(patterns) > MAX_PATTERNS:
        raise QueryError(
            f"the query has {len(patterns)} prefixes, wildcards or fuzzy terms "
            f"(at most {MAX_PATTERNS}): search for fewer at once"
        )
    for leaf in leaves:
        if isinstance(leaf, query.FuzzyTerm):
            if leaf.maxdist > MAX_EDITS:  # the textual check refuses these first
                raise QueryError(
                    f"fuzzy terms allow at most {MAX_EDITS} edits ({leaf.text}~{MAX_EDITS})"
                )
            leaf.prefixlength = min(max(leaf.prefixlength, FUZZY_PREFIX), len(leaf.text))
        if not isinstance(leaf, _Remembered):
            for plain, remembered in _REMEMBERED.items():
                if type(leaf) is plain:
                    leaf.__class__ = remembered
    return q


def is_null(q: query.Query) -> bool:
    """Whether ``q`` matches nothing as parsed (Whoosh's ``NullQuery``: a
    query of stop words, or an empty group)."""
    return q is query.NullQuery or isinstance(q, query.qcore._NullQuery)


def parse_query(text: str, body_fields: Iterable[str], schema) -> query.Query:  # type: ignore[no-untyped-def]
    """Parse ``text`` against ``body_fields`` (those the index holds)."""
    text = _check_syntax(text)
    # The headline is part of the text, so the body fields cover it; the
    # title field serves explicit ``title:`` searches.
    fields = sorted(set(body_fields)) or ["body"]
    parser = _Parser(None, schema, phraseclass=FastPhrase, group=qparser.AndGroup)
    parser.add_plugin(qparser.MultifieldPlugin(fields))
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.add_plugin(DatePlugin())
    try:
        q = parser.parse(text)
    except QueryError:
        raise
    except Exception as exc:  # Whoosh raises assorted errors on odd input
        raise QueryError(
            "cannot read the query: check its operators (AND, OR, NOT), "
            "what each of them joins, and its parentheses"
        ) from exc
    return _finish(q)


def _words_of(leaf: query.Query, reader) -> Iterable[tuple[object, int | None]]:  # type: ignore[no-untyped-def]
    """The words a leaf reads, each with how many articles hold it where
    that is already known (a pattern's words come with it)."""
    if isinstance(leaf, _Remembered):
        return leaf.found(reader).items()  # remembered: the search reuses them
    if isinstance(leaf, query.MultiTerm):
        return [(w, None) for w in leaf._btexts(reader)]
    if isinstance(leaf, query.Phrase):
        return [(w, None) for w in leaf.words]
    if isinstance(leaf, query.Term):
        return [(leaf.text, None)]
    return []


def _shown(leaf: query.Query) -> str:
    if isinstance(leaf, query.FuzzyTerm):
        return f"{leaf.text}~{leaf.maxdist}"
    if isinstance(leaf, query.Prefix):
        return f"{leaf.text}*"
    return str(getattr(leaf, "text", leaf))


def check_breadth(q: query.Query, reader) -> None:  # type: ignore[no-untyped-def]
    """``QueryError`` for a query that would read too much of the index to
    be answered quickly (see ``BUDGET_PER_ARTICLE``): the cost is counted
    from the postings' lengths, before any is read; what needs no word
    list (ranges, vocabulary scans) first, so that the commonest refusals
    read nothing."""
    articles = reader.doc_count_all()
    budget = BUDGET_PER_ARTICLE * max(articles, BUDGET_MIN_ARTICLES)
    total = 0
    worded = []
    for leaf in q.leaves():
        if isinstance(leaf, (AllDocuments, query.Every, query.NumericRange)):
            total += articles
            continue
        field = getattr(leaf, "fieldname", None)
        if field is None or field not in reader.schema:
            continue
        if isinstance(leaf, query.Wildcard) and not vocabulary.literal_start(leaf.text):
            scanned = vocabulary.VOCABULARY.count(reader, field)
            total += SCAN_COST * scanned
            if total > budget:
                raise QueryError(
                    "the query has too many patterns that start with a wildcard "
                    "(each tries every word of the library): "
                    "start them with a few letters, or search for fewer at once"
                )
        worded.append((leaf, field))
    for leaf, field in worded:
        expanding = isinstance(leaf, query.MultiTerm)
        if expanding:
            per_posting = EXPANDED_POSTING
        elif isinstance(leaf, query.Phrase):
            per_posting = SLOPPY_POSTING if leaf.slop > 1 else PHRASE_POSTING
        else:
            per_posting = SCORED_POSTING
        own = 0
        words = _words_of(leaf, reader)
        for word, known in words:
            postings = reader.doc_frequency(field, word) if known is None else known
            own += WORD_COST + per_posting * postings if postings else 1
            if expanding and own > budget:
                raise QueryError(
                    f"'{_short(_shown(leaf))}' stands for too many words ({len(words):,} in "
                    f"this library): make it more specific, e.g. a longer prefix"
                )
            if total + own > budget and not expanding:
                break
        total += own
        if total > budget:
            raise QueryError(
                "the query covers too much of the library to be answered quickly: "
                "use fewer words (or fewer joined by OR), longer prefixes or fewer wildcards"
            )


# -- matches and snippets ----------------------------------------------------
