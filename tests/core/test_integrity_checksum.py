"""A row's checksum is the same whether its long texts are hashed whole or a
piece at a time."""

from __future__ import annotations

import random

import pytest

from kzreader.core import integrity

PIECES = ['"', "\\", "\n", "\t", "\x00", "\x1f", "é", "’", "𝔸", "🇰🇿", "\udc80", "a", " ", "/"]


@pytest.mark.parametrize("seed", range(6))
def test_long_texts_hashed_in_pieces_give_the_whole_rows_checksum(seed, monkeypatch) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 400)))
    values = [7, text, None, 1.5, "titre", text[::-1], b"\x01\xff"]
    whole = integrity.row_checksum("documents", values)
    for piece in (1, 2, 3, 7, 64):
        monkeypatch.setattr(integrity, "CHECKSUM_PIECE", piece)
        assert integrity.row_checksum("documents", values) == whole
    monkeypatch.setattr(integrity, "CHECKSUM_PIECE", 5)
    changed = [7, text + "x", None, 1.5, "titre", text[::-1], b"\x01\xff"]
    assert integrity.row_checksum("documents", changed) != whole
