"""Passages and links as W3C Web Annotations (JSON-LD).

The file is one ``AnnotationCollection`` (Web Annotation Data Model §5)
whose single, embedded ``AnnotationPage`` lists the annotations in
``items``: the container the model defines for a set of annotations
published together (a bare JSON list is no model object, and
``AnnotationPage`` alone is meant as one page of a collection). Through its
JSON-LD context the file is also RDF, for a triple store.

Each passage is an ``Annotation`` with motivation ``highlighting``:

* ``id``: ``urn:uuid:<passage uid>``, stable across exports and libraries
  copied from one another;
* ``target``: a ``SpecificResource`` whose ``source`` is the document,
  ``urn:uuid:<document uid>`` (the web address, when known, is its ``via``:
  where the text was saved from, not the text itself, which may differ),
  described with its title, outlet and date in Dublin Core terms (declared
  by the context's ``dcterms`` prefix); its ``selector`` lists a
  ``TextQuoteSelector`` (exact, prefix, suffix) and, when the passage is
  still anchored, a ``TextPositionSelector`` (start, end) counted in Unicode
  code points, as the model requires and as kzreader stores offsets;
* ``body``: one ``TextualBody`` per tag (purpose ``tagging``, value the tag
  path) and the note (purpose ``commenting``, format ``text/markdown``);
* the passage's colour, if any, as a ``CssStylesheet`` and ``styleClass``.

An orphan passage (its text no longer found in its document) keeps only its
quote selector: its offsets point at nothing trustworthy any more.

A link between passages is an ``Annotation`` with motivation ``linking``, as
the model describes it: its ``target`` is the source passage (the
annotation ``urn:uuid:<passage uid>``), its ``body`` the linked passage
(purpose ``linking``), the relation as a ``TextualBody`` with purpose
``classifying``, a sentence with purpose ``describing`` that a person can
read (with the direction: → one way, ↔ both ways, — none) and the link's
note with purpose ``commenting``. Only links whose two ends are both
exported are written, so that no annotation refers to one missing from the
file. Ids are ``urn:uuid:<link uid>``.

Every annotation, and the collection, names its ``creator`` (a ``Person``:
the library's user, ``urn:uuid:`` of an id derived from the library's, as
in the REFI-QDA export) and its ``generator`` (``Software``: kzreader,
with a fixed ``urn:uuid:`` id). A note's ``TextualBody`` has the
``language`` its words are detected in, when there are enough of them to
tell (six words, forty letters).
With ``self_contained``, each annotation carries its own ``@context``, for
consumers that split the file into one annotation each.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kzreader import __version__
from kzreader.core.exchange.qdpx_export import _user
from kzreader.core.exchange.selection import (
    ExportReport,
    Progress,
    Selection,
    atomic_output,
    now_iso,
    report_progress,
    select,
)
from kzreader.core.importing.langid import detect_language
from kzreader.core.types import DocumentInfo, LinkInfo, PassageInfo

if TYPE_CHECKING:
    from kzreader.core.library import Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"

#: Names the collection and page ids: uuid5 of the exported passages' uids,
#: so exporting the same passages again gives the same ids.
_NAMESPACE = uuid.UUID("6b1f1a52-8f0e-4c43-9a55-2f7c0e1b8d4e")

#: The id of kzreader as the generator of annotations (every version).
GENERATOR_ID = f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'generator')}"

_ARROWS = {"one-way": "→", "both": "↔", "none": "—"}
_PLACEHOLDER = "\u0000kzreader-items\u0000"


def urn(uid: str) -> str:
    """The stable IRI of a document, passage or link."""
    return f"urn:uuid:{uid}"


def _source(doc: DocumentInfo) -> dict[str, Any]:
    source: dict[str, Any] = {
        "id": urn(doc.uid),
        "type": "Text",
        "format": "text/plain",
        "dcterms:title": doc.title,
    }
    if doc.language:
        source["language"] = doc.language
    if doc.source:
        source["dcterms:publisher"] = doc.source
    if doc.published:
        source["dcterms:date"] = doc.published
    if doc.url:
        source["via"] = doc.url
    return source


def _style_class(color: str) -> str:
    return "kz-" + color.lstrip("#").lower()


#: A note shorter than this is not given a language: too few words to tell.
_NOTE_WORDS, _NOTE_LETTERS = 6, 40


def _note_language(note: str) -> str | None:
    if len(note.split()) < _NOTE_WORDS or sum(c.isalpha() for c in note) < _NOTE_LETTERS:
        return None
    return detect_language(note)


def _note_body(note: str) -> dict[str, Any]:
    body = {"type": "TextualBody", "purpose": "commenting", "value": note}
    language = _note_language(note)
    if language:
        body["language"] = language
    body["format"] = "text/markdown"
    return body


def agents(creator_id: str, creator_name: str) -> dict[str, Any]:
    """The ``creator`` and ``generator`` of the annotations."""
    return {
        "creator": {"id": urn(creator_id), "type": "Person", "name": creator_name},
        "generator": {
            "id": GENERATOR_ID,
            "type": "Software",
            "name": f"kzreader {__version__}",
        },
    }


def passage_annotation(
    passage: PassageInfo,
    doc: DocumentInfo,
    text: str,
    tags: Sequence[str],
    by: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The annotation of one passage of ``doc`` (whose text is ``text``).

    The position selector is written only when ``text[start:end]`` is the
    passage's quote: the two selectors then select the same text, as the
    model requires of a selector list.
    """
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": passage.exact,
            "prefix": passage.prefix,
            "suffix": passage.suffix,
        }
    ]
    if passage.status != "orphan" and text[passage.start : passage.end] == passage.exact:
        selectors.append(
            {"type": "TextPositionSelector", "start": passage.start, "end": passage.end}
        )
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": _source(doc),
        "selector": selectors,
    }
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": path} for path in tags
    ]
    if passage.note:
        body.append(_note_body(passage.note))
    annotation: dict[str, Any] = {
        "id": urn(passage.uid),
        "type": "Annotation",
        "motivation": "highlighting",
        **(by or {}),
        "created": passage.created_at,
        "modified": passage.modified_at,
    }
    if passage.color:
        cls = _style_class(passage.color)
        annotation["stylesheet"] = {
            "type": "CssStylesheet",
            "value": f".{cls} {{ background-color: {passage.color}; }}",
        }
        target["styleClass"] = cls
    if body:
        annotation["body"] = body
    annotation["target"] = target
    return annotation


def _short(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def link_annotation(
    link: LinkInfo, source: PassageInfo, target_uid: str, by: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The ``linking`` annotation of a link going out of ``source``."""
    arrow = _ARROWS.get(link.direction, "→")
    sentence = (
        f"«{_short(source.exact)}» ({source.document_title}) {link.relation} {arrow} "
        f"«{_short(link.other_exact)}» ({link.other_document_title})"
    )
    body: list[dict[str, Any]] = [
        {"type": "SpecificResource", "source": urn(target_uid), "purpose": "linking"},
        {"type": "TextualBody", "purpose": "classifying", "value": link.relation},
        {"type": "TextualBody", "purpose": "describing", "value": sentence},
    ]
    if link.note:
        body.append(_note_body(link.note))
    return {
        "id": urn(link.uid),
        "type": "Annotation",
        "motivation": "linking",
        **(by or {}),
        "created": link.created_at,
        "body": body,
        "target": urn(source.uid),
    }


def _indented(value: Any, indent: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def _write(
    handle: TextIO,
    sel: Selection,
    lib: Library,
    progress: Progress | None,
    self_contained: bool = False,
) -> int:
    """Write the collection, annotation by annotation, document by document
    (only one document's text in memory at a time); returns the link count."""
    passages = sel.passage_list
    uids = {p.id: p.uid for p in passages}
    links = {p.id: sel.internal_links(p) for p in passages}
    total = len(passages) + sum(len(v) for v in links.values())
    seed = "\n".join(sorted(uids.values()))
    collection_id = urn(str(uuid.uuid5(_NAMESPACE, "collection\n" + seed)))
    page_id = urn(str(uuid.uuid5(_NAMESPACE, "page\n" + seed)))
    with lib.store.session() as s:
        by = agents(*_user(s))
    container = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "kzreader passages and links",
        "created": now_iso(),
        **by,
        "total": total,
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": _PLACEHOLDER,
        },
        "last": page_id,
    }
    # The container is serialised whole, then the items streamed in place of
    # the placeholder: the file grows as documents are read, and no list of
    # every annotation is held in memory.
    head, tail = _indented(container, "").split(json.dumps(_PLACEHOLDER), 1)
    items_line = head[head.rfind("\n") + 1 :]
    indent = " " * (len(items_line) - len(items_line.lstrip(" ")) + 2)
    handle.write(head + "[")
    written = 0
    documents = [d for d in sel.documents if sel.passages.get(d.id)]
    for done, doc in enumerate(documents):
        report_progress(progress, done, len(documents), doc.title)
        text = lib.document(doc.id).text
        for passage in sel.passages[doc.id]:
            items = [passage_annotation(passage, doc, text, passage.tags, by)]
            items += [
                link_annotation(li, passage, uids[li.target_id], by) for li in links[passage.id]
            ]
            for item in items:
                if self_contained:
                    item = {"@context": CONTEXT, **item}
                handle.write(("," if written else "") + "\n" + indent + _indented(item, indent))
                written += 1
    handle.write(("\n" + indent[:-2] if written else "") + "]" + tail + "\n")
    report_progress(progress, len(documents), len(documents), "")
    return total - len(passages)


def export_w3c(
    lib: Library,
    out_path: str | Path,
    *,
    tags: Sequence[str] | None = None,
    documents: Sequence[int] | None = None,
    progress: Progress | None = None,
    self_contained: bool = False,
) -> ExportReport:
    """Write the chosen passages and the links between them as a W3C Web
    Annotation collection (JSON-LD, UTF-8) to ``out_path``.

    ``tags``: tag paths (a passage carrying one of them or a tag below one);
    ``documents``: document ids; both empty or None: the whole library. A
    passage's tagging bodies are all its tags, not only the chosen ones: an
    annotation describes its passage whole. ``self_contained``: each
    annotation with its own ``@context`` (for consumers that split the file).
    """
    sel = select(lib, tags=tags, documents=documents)
    path = Path(out_path)
    with atomic_output(path, encoding="utf-8") as handle:
        links = _write(handle, sel, lib, progress, self_contained)
    return ExportReport(
        path=path,
        format="w3c",
        documents=sum(1 for d in sel.documents if sel.passages.get(d.id)),
        passages=len(sel.passage_ids),
        links=links,
    )
