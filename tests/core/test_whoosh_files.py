"""Whoosh's segment parts are read in place, not copied into memory."""

from __future__ import annotations

import tracemalloc
from array import array

import pytest
from whoosh.filedb.structfile import BufferFile

from kzreader.core import index, whoosh_files


def test_installed_by_the_index_module():
    assert index.INDEX_FORMAT  # the module is imported
    assert whoosh_files.installed()


def test_reads_the_same_bytes_as_a_copy_would():
    payload = bytes(range(256)) * 64
    f = BufferFile(memoryview(payload), name="part")
    assert f.read(3) == payload[:3]
    assert f.tell() == 3
    f.seek(1000)
    assert f.read(10) == payload[1000:1010]
    f.seek(-5, 2)
    assert f.read() == payload[-5:]
    assert f.read(4) == b""
    f.seek(2, 0)
    f.seek(3, 1)
    assert f.tell() == 5
    assert f.read_byte() == payload[5]
    assert f.get(100, 4) == payload[100:104]


def test_structured_reads():
    from io import BytesIO

    from whoosh.filedb.structfile import StructFile

    out = StructFile(BytesIO())
    out.write_varint(300)
    out.write_int(-7)
    out.write_string(b"segment")
    out.write_pickle({"a": [1, 2]})
    out.write_array(array("i", [5, 6, 7]))
    data = out.file.getvalue()

    f = BufferFile(memoryview(data))
    assert f.read_varint() == 300
    assert f.read_int() == -7
    assert f.read_string() == b"segment"
    assert f.read_pickle() == {"a": [1, 2]}
    assert list(f.read_array("i", 3)) == [5, 6, 7]


def test_bad_seeks_are_refused():
    f = BufferFile(memoryview(b"abc"))
    with pytest.raises(ValueError):
        f.seek(-1)
    with pytest.raises(ValueError):
        f.seek(0, 7)


def test_opening_a_large_part_does_not_copy_it():
    payload = b"x" * (32 * 1024 * 1024)
    view = memoryview(payload)
    tracemalloc.start()
    try:
        f = BufferFile(view, name="postings")
        f.seek(len(payload) - 8)
        assert f.read(8) == b"x" * 8
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # a 32 MB copy would show here
    f.close()
