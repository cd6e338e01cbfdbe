"""Reading uploaded articles: formats, metadata, overrides and every user-facing error."""

import codecs
import datetime as dt
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import config
from dashboard.ingest.extract import ArticleError, extract, read_article

TXT = """title: Niger revokes military accord with the United States
publisher: Test Wire
published: 2024-03-17
url: urn:test:1
language: en

NIAMEY, March 17 - Niger's junta said on Saturday it had revoked the agreement with the U.S.

Some 1,000 American troops are stationed in the country.
"""

MD = """---
title: "La CEDEAO lève les sanctions"
publisher: Test Wire
published: 2022-07-04
language: fr
---

# La CEDEAO lève les sanctions

Les dirigeants de la **CEDEAO** ont levé dimanche les sanctions imposées au [Mali](https://example.org).
"""

HTML = """<!DOCTYPE html><html lang="fr-FR"><head>
<title>Titre de l'onglet | Site</title>
<meta property="og:title" content="Des militaires russes arrivent à Ouagadougou">
<meta property="og:site_name" content="Test Wire">
<meta property="article:published_time" content="2024-01-26T08:00:00+00:00">
<meta property="og:url" content="https://example.org/a">
<style>p { color: red }</style>
<script>var x = "Des soldats américains sont arrivés";</script>
</head><body><nav>Accueil | Afrique</nav>
<h1>Des militaires russes arrivent</h1>
<p>Une centaine de militaires russes sont arrivés mercredi à Ouagadougou.</p>
<p>Ils relèvent de l'Africa Corps.<br>Deux cents autres sont attendus.</p>
<noscript>Activez JavaScript</noscript>
</body></html>"""


def test_plain_text_header_and_body():
    a = read_article(TXT.encode(), "brief.txt")
    assert a.title == "Niger revokes military accord with the United States"
    assert a.publisher == "Test Wire"
    assert a.published == dt.date(2024, 3, 17)
    assert a.url == "urn:test:1"
    assert a.language == "en"
    assert a.text.startswith("NIAMEY, March 17")
    assert "publisher:" not in a.text
    assert a.sha256 == hashlib.sha256(a.text.encode("utf-8")).hexdigest()


def test_markdown_front_matter_and_markup_removed():
    a = read_article(MD.encode(), "brief.md")
    assert a.title == "La CEDEAO lève les sanctions"
    assert a.language == "fr"
    assert a.published == dt.date(2022, 7, 4)
    assert "**" not in a.text and "](" not in a.text and "#" not in a.text
    assert "imposées au Mali." in a.text


def test_html_metadata_and_dropped_elements():
    a = read_article(HTML.encode(), "page.html")
    assert a.title == "Des militaires russes arrivent à Ouagadougou"  # og:title beats <title>
    assert a.publisher == "Test Wire"
    assert a.published == dt.date(2024, 1, 26)
    assert a.url == "https://example.org/a"
    assert a.language == "fr"
    assert "américains" not in a.text  # <script>
    assert "color" not in a.text  # <style>
    assert "Activez" not in a.text  # <noscript>
    assert "Accueil" not in a.text  # <nav>
    # block elements become line breaks, so paragraphs never run together
    assert "Ouagadougou.\n\nIls relèvent" in a.text
    assert "Africa Corps.\nDeux cents" in a.text


def test_html_without_metadata_falls_back_to_title_tag_and_time():
    page = (
        "<html><head><title>Coup in Niger</title></head><body>"
        "<time datetime='2023-07-27'>27 July</time><p>Soldiers ousted the president.</p></body></html>"
    )
    a = read_article(page.encode(), "coup.htm")
    assert a.title == "Coup in Niger"
    assert a.published == dt.date(2023, 7, 27)
    assert a.language == "en"


def test_overrides_win_over_the_file():
    a = read_article(
        TXT.encode(),
        "brief.txt",
        overrides={
            "title": "Edited",
            "published": dt.date(2024, 3, 18),
            "language": "fr",
            "publisher": "",
            "url": None,
        },
    )
    assert a.title == "Edited"
    assert a.published == dt.date(2024, 3, 18)
    assert a.language == "fr"
    assert a.publisher == "Test Wire"  # empty override values are ignored


def test_override_gives_the_missing_date():
    a = read_article(
        b"Soldiers ousted the president yesterday.", "note.txt", overrides={"published": "2023-07-27"}
    )
    assert a.published == dt.date(2023, 7, 27)
    assert a.title == "Soldiers ousted the president yesterday."


def test_unknown_override_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown override"):
        read_article(TXT.encode(), "brief.txt", overrides={"author": "x"})


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "published: 2024-03-17\n\nLe président a annoncé le retrait des troupes et la fin de la mission.",
            "fr",
        ),
        (
            "published: 2024-03-17\n\nThe president announced the withdrawal of the troops and the end of the mission.",
            "en",
        ),
    ],
)
def test_language_guessed_from_stop_words(text, expected):
    assert read_article(text.encode(), "a.txt").language == expected


def test_written_out_publication_dates():
    a = read_article(b"date: 17 mars 2024\n\nTexte de l'article.", "a.txt")
    assert a.published == dt.date(2024, 3, 17)
    b = read_article(b"published: 17/03/2024\n\nSome text.", "b.txt")
    assert b.published == dt.date(2024, 3, 17)


def test_encodings_bom_utf16_and_cp1252():
    body = "published: 2023-08-04\n\nLes militaires français ont quitté la base."
    assert read_article(codecs.BOM_UTF8 + body.encode(), "a.txt").text.startswith("Les militaires")
    assert "français" in read_article(body.encode("utf-16"), "a.txt").text
    assert "français" in read_article(body.encode("cp1252"), "a.txt").text


def test_crlf_and_control_characters_are_normalised():
    a = read_article(b"published: 2024-01-01\r\n\r\nLine one.\r\nLine\x07 two.\r\n", "a.txt")
    assert a.text == "Line one.\nLine two."


# --- errors -----------------------------------------------------------------------------


def test_empty_file():
    with pytest.raises(ArticleError, match=r"empty\.txt: the file is empty"):
        read_article(b"", "empty.txt")


def test_binary_file_with_nul_bytes():
    with pytest.raises(ArticleError, match=r"scan\.txt: .*binary file .*NUL"):
        read_article(b"%PDF-1.4\x00\x00\x01\x02", "scan.txt")


def test_mostly_non_text_file():
    with pytest.raises(ArticleError, match=r"blob\.txt: .*(binary|encoding)"):
        read_article(bytes(range(1, 32)) * 20, "blob.txt")


def test_oversized_file():
    with pytest.raises(ArticleError, match=r"big\.txt: the file is 1,000,001 bytes; the limit is 1,000,000"):
        read_article(b"a" * (config.MAX_ARTICLE_BYTES + 1), "big.txt")


def test_undecodable_bytes_name_the_encoding_problem():
    raw = b"published: 2024-01-01\n\nTexte " + b"\x81\x8d\x8f\x90\x9d" * 4
    with pytest.raises(
        ArticleError,
        match=r"bad\.txt: the text encoding could not be recognised: "
        r"it is not valid UTF-8 \(byte 0x81",
    ):
        read_article(raw, "bad.txt")


def test_missing_publication_date():
    with pytest.raises(ArticleError, match=r"nodate\.txt: no publication date found.*YYYY-MM-DD"):
        read_article(b"title: x\n\nTroops left yesterday.", "nodate.txt")


def test_unreadable_publication_date():
    with pytest.raises(ArticleError, match=r"x\.txt: the publication date 'someday' could not be read"):
        read_article(b"published: someday\n\nTroops left.", "x.txt")


def test_html_without_text():
    page = b"<html><head><script>var a = 1;</script></head><body><div><img src=x></div></body></html>"
    with pytest.raises(ArticleError, match=r"page\.html: the HTML page contains no readable text"):
        read_article(page, "page.html")


def test_header_without_body():
    with pytest.raises(ArticleError, match=r"h\.txt: the file has a header but no article text"):
        read_article(b"title: x\npublished: 2024-01-01\n", "h.txt")


def test_unsupported_file_type():
    with pytest.raises(ArticleError, match=r"report\.pdf: unsupported file type '\.pdf'"):
        read_article(b"%PDF-1.4", "report.pdf")


def test_error_message_uses_the_base_name_only():
    with pytest.raises(ArticleError) as err:
        read_article(b"", "/tmp/uploads/empty.md")
    assert str(err.value).startswith("empty.md:")


# --- robustness -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    raw=st.binary(max_size=3000),
    name=st.sampled_from(["a.txt", "a.md", "a.html", "a.htm", "noext"]),
    with_date=st.booleans(),
)
def test_arbitrary_bytes_raise_only_article_error(raw, name, with_date):
    overrides = {"published": "2024-03-17"} if with_date else None
    try:
        article = read_article(raw, name, overrides)
    except ArticleError:
        return
    for c in extract(article):
        assert article.text[c.evidence_start : c.evidence_end]


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=2000), name=st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_arbitrary_text_raises_only_article_error(text, name):
    try:
        article = read_article(
            text.encode("utf-8", "surrogatepass"), name, {"published": dt.date(2023, 8, 1)}
        )
    except ArticleError:
        return
    extract(article)
