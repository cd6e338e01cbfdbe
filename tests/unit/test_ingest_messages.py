"""What became of an uploaded file is said in the reader's language, the figures formatted
for it, and in English on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import ingest
from dashboard.ingest.extract import ArticleError, read_article
from dashboard.store import Store

BRIEF = Path(__file__).resolve().parents[2] / "data" / "articles" / "en01_us_niger_agreement_revoked.txt"


@pytest.fixture
def store(tmp_path, store_target):
    s = Store(store_target)
    yield s
    s.close()


def test_a_stored_file_and_its_twin_in_both_languages(store):
    first = ingest.ingest_bytes(store, BRIEF.read_bytes(), BRIEF.name)
    n = first.candidates
    assert first.status == "stored" and n > 1
    assert first.message == f"{n} candidates for review"
    assert first.text("fr") == f"{n} candidats à relire"
    again = ingest.ingest_bytes(store, BRIEF.read_bytes(), BRIEF.name)
    assert again.status == "duplicate"
    assert (again.message, again.text("fr")) == (
        "already stored: nothing changed",
        "déjà enregistré : rien n'a changé",
    )


def test_a_refused_file_says_why_in_french_with_french_numbers(store):
    big = b"a" * 1_000_001
    result = ingest.ingest_bytes(store, big, "big.txt")
    assert result.status == "rejected"
    assert "1,000,001 bytes" in result.message and "limit is 1,000,000" in result.message
    fr = result.text("fr")
    assert fr.startswith("le fichier fait 1\u202f000\u202f001 octets") and "bytes" not in fr
    empty = ingest.ingest_bytes(store, b"", "vide.txt")
    assert empty.text("fr") == "le fichier est vide." and empty.message == "the file is empty."


def test_the_reader_s_error_keeps_the_file_name_for_the_command_line():
    with pytest.raises(ArticleError) as caught:
        read_article(b"title: x\n\nsome text with no date at all", "note.txt")
    err = caught.value
    assert str(err).startswith("note.txt: no publication date found")
    assert err.text("fr").startswith("aucune date de publication trouvée")
    assert "note.txt" not in err.text("fr")  # the page puts the name in front itself


def test_every_message_key_exists_in_both_languages(store):
    from dashboard import i18n

    for key in [k for k in i18n.STRINGS if k.startswith(("article.", "ingest."))]:
        en, fr = i18n.STRINGS[key] if not isinstance(i18n.STRINGS[key], str) else (None, None)
        assert en and fr, key
