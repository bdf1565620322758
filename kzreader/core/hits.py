"""What made a document match a query, and where: the query's terms as the
index holds them, and their offsets in a document's text (the reference
``find_matches``; ``kwic_spans.HitFinder`` finds the same offsets faster).
Shared by the search's snippets, autocode and the concordance."""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query

from kzreader.core.index import body_field, body_tokens
from kzreader.core.textfold import mask_spans

__all__ = [
    "HitText",
    "expanded_terms",
    "find_matches",
    "merge_overlapping",
    "query_phrases",
    "standalone_terms",
]


@dataclass(frozen=True)
class HitText:
    """What the search needs of a document to cut its snippet."""

    title: str
    text: str
    boilerplate: list[list[int]]
    source: str | None
    published: str | None
    language: str | None


def query_phrases(q: query.Query) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    stack = [q]
    while stack:
        node = stack.pop()
        if isinstance(node, query.Phrase):
            found.append((node.fieldname, list(node.words)))
        elif node.is_leaf():
            continue
        else:
            stack.extend(node.children())
    return found


def standalone_terms(q: query.Query) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    stack = [q]
    while stack:
        node = stack.pop()
        if isinstance(node, query.Phrase):
            continue
        if isinstance(node, query.Term):
            found.add((node.fieldname, node.text))
        elif not node.is_leaf():
            stack.extend(node.children())
    return found


def find_matches(
    q: query.Query,
    matched: set[tuple[str, str]],
    doc: HitText,
    schema,  # type: ignore[no-untyped-def]
) -> list[tuple[int, int]]:
    """Offsets in ``doc.text`` of what made the document match: each matching
    word, and each occurrence of a quoted phrase as one span."""
    fieldname = body_field(doc.language)
    terms = {text for name, text in matched if name == fieldname}
    phrases = [words for name, words in query_phrases(q) if name == fieldname]
    if not terms and not phrases:
        return []
    standalone = {text for name, text in standalone_terms(q) if name == fieldname}
    phrase_only = {w for words in phrases for w in words} - standalone
    single = terms - phrase_only
    masked = mask_spans(doc.text, doc.boilerplate)
    tokens = body_tokens(masked, doc.language)
    marks = {(s, e) for text, _, s, e in tokens if text in single}
    for words in phrases:
        n = len(words)
        if not n:
            continue
        for i in range(len(tokens) - n + 1):
            window = tokens[i : i + n]
            if [w[0] for w in window] == words and all(
                window[k + 1][1] == window[k][1] + 1 for k in range(n - 1)
            ):
                marks.add((window[0][2], window[-1][3]))
    return merge_overlapping(sorted(marks))


def merge_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def expanded_terms(q: query.Query, reader) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The body terms of ``q`` present in the index, prefixes and fuzzy terms
    expanded. (Whoosh's own ``existing_terms`` reuses its ``fieldname``
    argument as a loop variable and skips every field after the first.)"""
    found: set[tuple[str, str]] = set()
    for leaf in q.leaves():
        for name, text in leaf.expanded_terms(reader, phrases=True):
            if not name.startswith("body"):
                continue
            value = text.decode("utf-8") if isinstance(text, bytes) else str(text)
            if (name, value) not in found and (name, value) in reader:
                found.add((name, value))
    return found
