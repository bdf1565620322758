"""Notes are Markdown, rendered safely: the same HTML in every place a note
is shown."""

from __future__ import annotations

from kzreader.core.notes_markdown import note_html, note_line, note_text


def test_emphasis_lists_and_links_are_rendered() -> None:
    html = note_html("**Repris** par *Sputnik*:\n\n- RT\n- TASS\n\n[source](https://ria.ru/a)")
    assert "<strong>Repris</strong>" in html
    assert "<em>Sputnik</em>" in html
    assert "<ul>\n<li>RT</li>\n<li>TASS</li>\n</ul>" in html
    assert '<a href="https://ria.ru/a">source</a>' in html


def test_raw_html_is_text_and_unsafe_links_stay_text() -> None:
    html = note_html('<script>alert(1)</script> <b onclick="x">b</b> [x](javascript:alert(1))')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b " not in html
    assert "href" not in html
    assert "[x](javascript:alert(1))" in html
    assert "href" not in note_html("[f](file:///etc/passwd) [d](data:text/html,x)")
    assert 'href="mailto:a@b.kz"' in note_html("[mail](mailto:a@b.kz)")


def test_images_are_not_fetched_only_their_alt_text_shown() -> None:
    html = note_html("voir ![la carte <1>](https://example.org/map.png)")
    assert "<img" not in html and "example.org" not in html
    assert "la carte &lt;1&gt;" in html


def test_a_long_note_is_cut_at_a_word_for_a_tooltip() -> None:
    note = "mot " * 400
    html = note_html(note, 100)
    assert html.startswith("<p>") and html.endswith("…</p>")
    assert len(html) < 120
    assert note_html("court", 100) == "<p>court</p>"


def test_plain_text_drops_the_marks() -> None:
    note = "# Titre\n\n**gras** et `code`\n\n- un\n- deux\n\n```\nbloc\n```"
    assert note_text(note) == "Titre\ngras et code\nun\ndeux\nbloc"
    assert note_line(note) == "Titre gras et code un deux bloc"
    assert note_text("") == note_text("   ") == note_html(" \n") == ""
