"""An article shown on the Sources page is inert: escaped, evidence marked, no link made."""

from dashboard import ui


def test_article_text_is_escaped_and_addresses_stay_text():
    text = "See https://evil.example/x and <script>alert(1)</script>. Troops left on 5 May."
    start = text.index("Troops")
    html = ui.marked_text(text, [(start, len(text))])
    assert "<a" not in html and "<script>" not in html
    assert "https://evil.example/x" in html  # shown as text
    assert "&lt;script&gt;" in html
    assert html.count("<mark>") == 1 and "<mark>Troops left on 5 May.</mark>" in html


def test_overlapping_spans_are_marked_once():
    html = ui.marked_text("abcdef", [(0, 3), (1, 2), (4, 6)])
    assert html.endswith("<mark>abc</mark>d<mark>ef</mark></div>")
