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


# -- reading ahead ---------------------------------------------------------------


def _files(tmp_path, sizes):
    paths = []
    for n, size in enumerate(sizes):
        path = tmp_path / f"part{n}"
        path.write_bytes(b"k" * size)
        paths.append(path)
    return paths


def test_read_ahead_reads_every_file_through(tmp_path):
    paths = _files(tmp_path, [0, 10, 3 * 1024 * 1024 + 5])
    assert whoosh_files.read_ahead(paths) == 3 * 1024 * 1024 + 15


def test_read_ahead_passes_over_a_file_that_went_and_stops_at_its_limit(tmp_path):
    small = _files(tmp_path, [100, 200])
    assert whoosh_files.read_ahead([tmp_path / "merged-away", *small]) == 300
    big = tmp_path / "big"
    big.write_bytes(b"k" * (4 << 20))
    assert whoosh_files.read_ahead([big], limit=2 << 20) == 2 << 20  # whole chunks, then stops


def test_read_ahead_stops_when_asked(tmp_path):
    paths = _files(tmp_path, [3 << 20, 3 << 20])
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    assert whoosh_files.read_ahead(paths, stop) == 2 << 20


def test_the_library_reads_its_committed_segments(seeded, tmp_path):
    ix = seeded.index.open()
    names = [n for seg in ix._segments() for n in seg.list_files(ix.storage)]
    assert names  # the seeds' segments
    (seeded.index.path / "MAIN_leftover.seg").write_bytes(b"x" * 999)  # never committed
    expected = sum((seeded.index.path / n).stat().st_size for n in names)
    assert seeded.warm_index() == expected
    assert seeded.warm_index(stop=lambda: True) == 0
    assert seeded.search("Tokaiev").total == 3  # the index is as it was
