"""A segment writer's postings kept by term, not as one tuple each.

Whoosh's writer keeps every posting it is given as a tuple ``(field, term,
document, weight, value)`` in a list (``writing.PostingPool``), about 200
bytes each: at 64 MB it sorts the list and pickles it to a temporary run,
one ``pickle.dump`` a posting, and at the commit it unpickles every run and
merges them through a heap. For an import of 5,000 articles (1.2 million
postings) that was a fifth of the index's time, and its temporary disk.

``TermPool`` keeps a term's postings together, in arrays (about 30 bytes a
posting): the postings of thousands of articles fit where Whoosh's pool
would have spilled, and are handed over sorted, term by term, without a
sort of the postings or a merge. Past its limit it still spills, as a run
of ``marshal``-ed chunks (one call per few thousand postings), and merges
the runs at the end as Whoosh does, so memory stays bounded whatever the
import.

``LeanSegmentWriter`` gives the codec each posting's field length from a
table read once per field, where Whoosh reads the per-document column
through three calls per posting.
"""

from __future__ import annotations

import heapq
import marshal
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

#: Postings per ``marshal`` chunk of a run written to disk.
CHUNK = 4096
#: Bytes of a term's entry (its key, its object, four arrays), beside its
#: text, and of a posting in the arrays (with their spare room), beside its
#: value: the pool's real size within a few percent (traced with
#: ``tracemalloc`` over 5,000 articles), so that ``limitmb`` bounds it.
TERM_BYTES = 450
POSTING_BYTES = 34

Posting = tuple[str, bytes, int, float, bytes | None]


class _Term:
    """One term's postings: documents, weights, and values end to end."""

    __slots__ = ("docs", "ends", "shuffled", "values", "weights")

    def __init__(self) -> None:
        self.docs = array("I")
        self.weights = array("d")
        self.values = bytearray()
        self.ends = array("Q")
        self.shuffled = False  # a document added after a later one

    def postings(self, field: str, term: bytes) -> Iterator[Posting]:
        """The term's postings by document. A posting without a value has
        ``b""``, which the codec writes as it writes ``None``."""
        docs, weights, values, ends = self.docs, self.weights, bytes(self.values), self.ends
        order: Iterable[int] = range(len(docs))
        if self.shuffled:
            order = sorted(order, key=docs.__getitem__)
        for i in order:
            yield field, term, docs[i], weights[i], values[ends[i - 1] if i else 0 : ends[i]]


class TermPool(PostingPool):
    """``PostingPool`` that groups the postings by field and term."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._fields: dict[str, dict[bytes, _Term]] = {}

    def add(self, item: Posting) -> None:
        field, text, docnum, weight, value = item
        terms = self._fields.get(field)
        if terms is None:
            terms = self._fields[field] = {}
            self.fieldnames.add(field)
        entry = terms.get(text)
        if entry is None:
            entry = terms[text] = _Term()
            self.currentsize += TERM_BYTES + len(text)
        elif docnum <= entry.docs[-1]:
            entry.shuffled = True
        entry.docs.append(docnum)
        entry.weights.append(weight)
        if value:
            entry.values += value
            self.currentsize += POSTING_BYTES + len(value)
        else:
            self.currentsize += POSTING_BYTES
        entry.ends.append(len(entry.values))
        if self.currentsize > self.limit:
            self.save()

    @staticmethod
    def _sorted(fields: dict[str, dict[bytes, _Term]]) -> Iterator[Posting]:
        """The postings of ``fields`` in Whoosh's order (field, term, document)."""
        for field in sorted(fields):
            terms = fields[field]
            for text in sorted(terms):
                yield from terms[text].postings(field, text)

    def save(self) -> None:
        if self._fields:
            path, f = self._new_run()
            self._write_run(f, self._sorted(self._fields))
            self._add_run(path)
            self._fields = {}
        self.currentsize = 0

    def _write_run(self, f: Any, items: Iterable[Posting]) -> None:
        chunk: list[Posting] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= CHUNK:
                marshal.dump(chunk, f)
                chunk = []
        if chunk:
            marshal.dump(chunk, f)
        f.close()

    def _read_run(self, path: str) -> Iterator[Posting]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = marshal.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)

    def items(self, maxfiles: int = 128) -> Iterator[Posting]:  # type: ignore[override]
        if not self.runs:
            postings = self._sorted(self._fields)
            self._fields = {}
            return postings
        self.save()
        if maxfiles < len(self.runs):
            self.reduce_to(maxfiles, maxfiles)
        runs, self.runs = self.runs, []
        return heapq.merge(*(self._read_run(path) for path in runs))

    def iter_postings(self) -> Iterator[Posting]:
        return self.items()


class _Lengths:
    """``doc_field_length`` of a segment's per-document reader, from one
    table per field read whole the first time the field is asked for."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._tables: dict[str, list[int] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        try:
            table = self._tables[fieldname]
        except KeyError:
            column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            table = None if column is None else [byte_to_length(b) for b in column]
            self._tables[fieldname] = table
        return default if table is None else table[docnum]


class LeanSegmentWriter(SegmentWriter):
    """A ``SegmentWriter`` whose segment is written from a ``TermPool``
    with the field lengths of ``_Lengths``."""

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader) if reader is not None else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader is not None:
            reader.close()


def make_lean_writer(writer: Any) -> Any:
    """``writer`` with a ``TermPool`` and ``LeanSegmentWriter``'s segment
    flush, where it is exactly Whoosh's ``SegmentWriter`` with nothing added
    yet; any other writer is returned as it is."""
    if type(writer) is not SegmentWriter or writer._added or writer.pool.current:
        return writer
    old = writer.pool
    pool = TermPool(old.tempstore, old.segment)
    pool.limit = old.limit  # in bytes, as the writer was given it
    writer.pool = pool
    writer.__class__ = LeanSegmentWriter
    return writer
