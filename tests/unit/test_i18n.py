"""Every interface string exists in English and French, and pages hold no literal text."""

import ast
import re
from pathlib import Path

import pytest

from dashboard import i18n

ROOT = Path(__file__).resolve().parents[2]
PAGE_FILES = sorted((ROOT / "app_pages").glob("*.py")) + [
    ROOT / "app.py",
    ROOT / "dashboard" / "ui" / "__init__.py",
]
DISPLAY_CALLS = {
    "title",
    "header",
    "subheader",
    "markdown",
    "write",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "button",
    "toggle",
    "selectbox",
    "multiselect",
    "text_input",
    "date_input",
    "radio",
    "select_slider",
    "metric",
    "download_button",
    "expander",
    "form_submit_button",
    "popover",
    "file_uploader",
    "segmented_control",
    "slider",
    "checkbox",
    "number_input",
    "text_area",
    "toast",
    "link_button",
    "page_link",
}


def test_every_key_has_both_languages():
    assert i18n.all_keys_complete() == []


def test_a_missing_translation_is_caught(monkeypatch):
    monkeypatch.setitem(i18n.STRINGS, "probe.key", ("Only English", ""))
    assert "probe.key" in i18n.all_keys_complete()


def test_a_missing_plural_form_is_caught(monkeypatch):
    monkeypatch.setitem(i18n.STRINGS, "probe.count", (i18n.Plural("{n} probe", ""), "{n} sondes"))
    assert "probe.count" in i18n.all_keys_complete()


def test_a_sentence_counting_with_an_unknown_phrase_is_caught(monkeypatch):
    monkeypatch.setitem(i18n.STRINGS, "probe.sentence", ("{n:count.nothing}", "{n:count.nothing}"))
    assert "probe.sentence->count.nothing" in i18n.all_keys_complete()


def used_keys() -> set[str]:
    keys = set()
    for path in PAGE_FILES:
        keys |= set(re.findall(r"""i18n\.tn?\(\s*["']([a-z_.]+)["']""", path.read_text()))
    return keys


def test_every_key_a_page_uses_exists():
    missing = used_keys() - set(i18n.STRINGS)
    assert not missing, f"keys used by pages but absent from the tables: {sorted(missing)}"


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_pass_no_literal_text_to_widgets(path):
    literal = []
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in DISPLAY_CALLS
            and node.args
        ):
            first = node.args[0]
            if (
                isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and re.search(r"[A-Za-zÀ-ÿ]{2}", first.value)
            ):
                literal.append(f"line {node.lineno}: {first.value[:40]!r}")
    assert not literal, f"literal interface text in {path.name}: {literal}"


@pytest.mark.parametrize("lang,expected", [("en", "15 August 2022"), ("fr", "15 août 2022")])
def test_dates_follow_the_language(lang, expected):
    assert i18n.fmt_date("2022-08-15", "day", lang) == expected
    assert i18n.fmt_date("2022-08-01", "month", lang) == expected.split(" ", 1)[1]


def test_numbers_follow_the_language():
    assert i18n.fmt_number(1100, "en") == "1,100"
    assert i18n.fmt_number(1100, "fr") == "1\u202f100"
    assert i18n.fmt_range(650, 1100, "fr") == "650–1\u202f100"


def test_every_review_choice_has_a_label_in_both_languages():
    from dashboard.records import vocab

    for prefix, values in (
        ("precision", vocab.DATE_PRECISIONS),
        ("troops_kind", vocab.TROOPS_KINDS),
        ("context", vocab.PRICE_CONTEXTS),
        ("grade", vocab.SOURCE_GRADES),
        ("status", vocab.STATUSES),
    ):
        for v in values:
            assert i18n.t(f"{prefix}.{v}", "en") and i18n.t(f"{prefix}.{v}", "fr"), (prefix, v)
