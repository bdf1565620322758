"""Code points ↔ UTF-16, checked against Python's own UTF-16 encoding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kzreader.gui.offsets import OffsetMap


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_bmp_only_text_is_identity() -> None:
    m = OffsetMap("Sécurité collective")
    assert [m.to_qt(i) for i in range(5)] == list(range(5))
    assert m.from_qt(7) == 7


def test_emoji_and_flags() -> None:
    text = "a😀b🇰🇿c"
    m = OffsetMap(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert [m.from_qt(q) for q in range(10)] == [0, 1, 1, 2, 3, 3, 4, 4, 5, 6]
    assert m.qt_length() == utf16_len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abé \n😀🇫🇷𝄞")), max_size=40))
def test_round_trip(text: str) -> None:
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        q = m.to_qt(i)
        assert q == utf16_len(text[:i])
        assert m.from_qt(q) == i
    assert m.qt_length() == utf16_len(text)
