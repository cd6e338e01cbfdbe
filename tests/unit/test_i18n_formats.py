"""Dates, numbers, percentages, lists and plural forms in English and French, written by Babel."""

import datetime as dt
import string

import numpy as np
import pandas as pd
import pytest

from dashboard import i18n

NNBSP, NBSP = "\u202f", "\u00a0"  # French groups thousands with the narrow one, '%' with the other
MISSING = [None, float("nan"), np.nan, pd.NA, pd.NaT, ""]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "precision,en,fr",
    [
        ("day", "16 March 2024", "16 mars 2024"),
        ("month", "March 2024", "mars 2024"),
        ("quarter", "Q1 2024", "T1 2024"),
        ("year", "2024", "2024"),
        (None, "16 March 2024", "16 mars 2024"),  # no precision: the day
        ("fortnight", "16 March 2024", "16 mars 2024"),  # an unknown one: the day
    ],
)
def test_dates_at_each_precision(precision, en, fr):
    assert i18n.fmt_date("2024-03-16", precision, "en") == en
    assert i18n.fmt_date("2024-03-16", precision, "fr") == fr


@pytest.mark.parametrize(
    "value",
    [
        "2022-08-01",
        pd.Timestamp("2022-08-01"),
        dt.date(2022, 8, 1),
        dt.datetime(2022, 8, 1, 23, 59),
        np.datetime64("2022-08-01"),
    ],
)
def test_dates_from_any_date_type(value):
    assert i18n.fmt_date(value, "day", "en") == "1 August 2022"
    assert i18n.fmt_date(value, "day", "fr") == "1 août 2022"
    assert i18n.fmt_month(value, "fr") == "août 2022"


def test_every_month_in_both_languages():
    months = [i18n.fmt_date(f"2023-{m:02d}-05", "month", "fr").split()[0] for m in range(1, 13)]
    assert months == [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    assert i18n.fmt_date("2023-12-31", "quarter", "en") == "Q4 2023"
    assert i18n.MONTHS["en"][8] == "September" and i18n.MONTHS["fr"][6] == "juillet"


def test_an_unknown_language_is_english():
    assert i18n.fmt_date("2024-03-16", "day", "de") == "16 March 2024"
    assert i18n.fmt_number(1500, None) == "1,500"


# --- numbers, ranges and percentages -------------------------------------------------------


@pytest.mark.parametrize(
    "value,en,fr",
    [
        (0, "0", "0"),
        (950, "950", "950"),
        (1500, "1,500", f"1{NNBSP}500"),
        (1234567, "1,234,567", f"1{NNBSP}234{NNBSP}567"),
        (-2500, "-2,500", f"-2{NNBSP}500"),
        (3.0, "3", "3"),
        (np.int64(12000), "12,000", f"12{NNBSP}000"),
    ],
)
def test_whole_numbers(value, en, fr):
    assert i18n.fmt_number(value, "en") == en
    assert i18n.fmt_number(value, "fr") == fr


@pytest.mark.parametrize(
    "value,en,fr",
    [
        (14500, "14,500", f"14{NNBSP}500"),
        (14500.0, "14,500", f"14{NNBSP}500"),
        (1234.5, "1,234.50", f"1{NNBSP}234,50"),
        (0.125, "0.12", "0,12"),
        (612.347, "612.35", "612,35"),
    ],
)
def test_decimals_whole_or_with_two_places(value, en, fr):
    assert i18n.fmt_decimal(value, "en") == en
    assert i18n.fmt_decimal(value, "fr") == fr


def test_ranges():
    assert i18n.fmt_range(650, 1100, "en") == "650–1,100"
    assert i18n.fmt_range(650, 1100, "fr") == f"650–1{NNBSP}100"
    assert i18n.fmt_range(1100, 1100, "fr") == f"1{NNBSP}100"
    assert i18n.fmt_range(1100, None, "en") == i18n.fmt_range(1100, float("nan"), "en") == "1,100"


@pytest.mark.parametrize(
    "pct,signed,en,fr",
    [
        (31.82, False, "31.8%", f"31,8{NBSP}%"),
        (31.82, True, "+31.8%", f"+31,8{NBSP}%"),
        (-4.26, True, "-4.3%", f"-4,3{NBSP}%"),
        (0, True, "+0.0%", f"+0,0{NBSP}%"),
        (1250, False, "1,250.0%", f"1{NNBSP}250,0{NBSP}%"),
    ],
)
def test_percentages(pct, signed, en, fr):
    assert i18n.fmt_percent(pct, "en", signed=signed) == en
    assert i18n.fmt_percent(pct, "fr", signed=signed) == fr


def test_percentages_to_other_places():
    assert i18n.fmt_percent(12.345, "en", places=0) == "12%"
    assert i18n.fmt_percent(12.346, "fr", places=2) == f"12,35{NBSP}%"


# --- lists ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "items,en,fr",
    [
        ([], "", ""),
        (["Mali"], "Mali", "Mali"),
        (["Mali", "Niger"], "Mali and Niger", "Mali et Niger"),
        (["Mali", "Burkina Faso", "Niger"], "Mali, Burkina Faso and Niger", "Mali, Burkina Faso et Niger"),
    ],
)
def test_lists(items, en, fr):
    assert i18n.fmt_list(items, "en") == en
    assert i18n.fmt_list(items, "fr") == fr


def test_lists_leave_out_missing_items_and_take_or():
    assert i18n.fmt_list(["Mali", None, float("nan"), "", "Niger"], "fr") == "Mali et Niger"
    assert i18n.fmt_list(["Mali", "Niger"], "en", style="or") == "Mali or Niger"
    assert i18n.fmt_list(["Mali", "Niger"], "fr", style="or") == "Mali ou Niger"


# --- plural forms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "n,en,fr",
    [
        (0, "0 sources", "0 source"),  # French: 0 and 1 take the singular
        (1, "1 source", "1 source"),
        (2, "2 sources", "2 sources"),
        (1500, "1,500 sources", f"1{NNBSP}500 sources"),
    ],
)
def test_counted_phrases(n, en, fr):
    assert i18n.tn("count.sources", n, "en") == en
    assert i18n.tn("count.sources", n, "fr") == fr
    assert i18n.t("src.count", "en", n=n) == en  # a page's existing call picks the form too
    assert i18n.t("src.count", "fr", n=n) == fr


@pytest.mark.parametrize(
    "n,en,fr",
    [
        (0, "0 events", "0 événement"),
        (1, "1 event", "1 événement"),
        (2, "2 events", "2 événements"),
    ],
)
def test_counted_events(n, en, fr):
    assert i18n.tn("count.events", n, "en") == en
    assert i18n.tn("count.events", n, "fr") == fr


def test_plural_categories_follow_cldr():
    assert [i18n.plural_category(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]
    assert [i18n.plural_category(n, "fr") for n in (0, 1, 2)] == ["one", "one", "other"]
    assert i18n.plural_category(1.0, "en") == "one" and i18n.plural_category(np.int64(1), "en") == "one"
    # French counts a round million apart ('many'): written with the plural form
    assert i18n.plural_category(1_000_000, "fr") == "many"
    assert i18n.tn("count.sources", 1_000_000, "fr") == f"1{NNBSP}000{NNBSP}000 sources"


@pytest.mark.parametrize(
    "n,en,fr",
    [
        (1, "1 reviewed record is left out", "1 enregistrement relu est écarté"),
        (2, "2 reviewed records are left out", "2 enregistrements relus sont écartés"),
        (0, "0 reviewed records are left out", "0 enregistrement relu est écarté"),
    ],
)
def test_a_counted_sentence(n, en, fr):
    assert i18n.t("notice.rows_skipped", "en", n=n).startswith(en)
    assert i18n.t("notice.rows_skipped", "fr", n=n).startswith(fr)


def test_a_sentence_counting_two_things():
    assert (
        i18n.t("hover.grouped", "en", n=1, forces=2)
        == "1 period of presence of 2 forces, drawn as one marker"
    )
    assert (
        i18n.t("hover.grouped", "fr", n=3, forces=1)
        == "3 périodes de présence de 1 force, en un seul marqueur"
    )
    assert (
        i18n.t("hover.merged", "en", n=400, places=1)
        == "400 periods of presence at 1 place, drawn as one bar"
    )
    assert (
        i18n.t("timeline.counts", "en", events=1, forces=2, sanctions=0, prices=1500)
        == "1 event, 2 force presences, 0 sanction measures, 1,500 price figures in view."
    )
    assert (
        i18n.t("timeline.counts", "fr", events=1, forces=2, sanctions=0, prices=3)
        == "1 événement, 2 présences de forces, 0 mesure de sanction, 3 prix affichés."
    )


def test_other_numbers_in_a_sentence_are_left_as_given():
    # a page may compare them with its own figure (the large-archive test reads this caption)
    assert i18n.t("timeline.table_cut", "en", n=1000, total=12345).startswith("The latest 1000 of 12345")


@pytest.mark.parametrize(
    "days,en,fr",
    [
        (1, "1 day", "1 jour"),
        (2, "2 days", "2 jours"),
        (45, "1 month", "1 mois"),
        (300, "9 months", "9 mois"),
        (800, "2 years", "2 ans"),
        (1200, "3 years", "3 ans"),
    ],
)
def test_spans_and_ages(days, en, fr):
    when = pd.Timestamp("2024-03-16")
    earlier = when - pd.Timedelta(days=days)
    assert i18n.fmt_span(earlier, when, "en") == en
    assert i18n.fmt_span(earlier, when, "fr") == fr
    assert i18n.fmt_age(earlier, when, "en", today=True) == f"{en} ago"
    assert i18n.fmt_age(earlier, when, "fr") == f"{fr} avant cette date"
    assert i18n.fmt_age(when, when, "fr") == "à cette date"


def test_strength_phrase():
    assert (
        i18n.fmt_strength(250, 350, "2023-08-10", "2024-03-16", "fr", stale=True)
        == "250–350 militaires (chiffre d'août 2023, 7 mois avant cette date) : "
        "chiffre de plus de 12 mois"
    )
    assert (
        i18n.fmt_strength(250, 350, "2024-01-10", "2024-03-16", "en", today=True, stale=True)
        == "250–350 troops (reported January 2024, 2 months ago): figure over 12 months old"
    )
    assert i18n.fmt_strength(1500, None, "2023-03-10", lang="en") == "1,500 troops (reported March 2023)"


def test_no_counted_text_fakes_a_plural():
    for key, pair in i18n.STRINGS.items():
        for text in pair:
            for form in text if isinstance(text, i18n.Plural) else (text,):
                assert "(s)" not in form, key


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("n", [0, 1, 2])
def test_every_counted_text_fills_in(lang, n):
    for key, pair in i18n.STRINGS.items():
        text = pair[i18n.LANGS.index(lang)]
        forms = text if isinstance(text, i18n.Plural) else (text,)
        fields = {f for form in forms for _, f, _, _ in string.Formatter().parse(form) if f}
        if any(":count." in form for form in forms) or isinstance(text, i18n.Plural):
            out = i18n.t(key, lang, **{f: n for f in fields})
            assert out and "{" not in out and "count." not in out, (key, out)


# --- missing values ------------------------------------------------------------------------


@pytest.mark.parametrize("value", MISSING, ids=repr)
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_missing_values_give_empty_text(value, lang):
    outputs = [
        i18n.fmt_date(value, "day", lang),
        i18n.fmt_date(value, "month", lang),
        i18n.fmt_month(value, lang),
        i18n.fmt_number(value, lang),
        i18n.fmt_decimal(value, lang),
        i18n.fmt_range(value, value, lang),
        i18n.fmt_percent(value, lang, signed=True),
        i18n.fmt_list([value], lang),
        i18n.fmt_span(value, "2024-03-16", lang),
        i18n.fmt_age(value, "2024-03-16", lang),
        i18n.fmt_strength(value, value, value, "2024-03-16", lang),
        i18n.tn("count.sources", value, lang),
        i18n.name("country", value, lang),
    ]
    assert outputs == [""] * len(outputs)


@pytest.mark.parametrize("value", MISSING, ids=repr)
def test_missing_parts_never_show_as_nan_or_none(value):
    for lang in i18n.LANGS:
        texts = [
            i18n.fmt_range(650, value, lang),
            i18n.fmt_strength(650, value, value, value, lang),
            i18n.fmt_strength(650, 900, "2023-08-01", value, lang),
            i18n.fmt_list(["Mali", value], lang),
        ]
        for text in texts:
            assert text and not any(w in text.lower() for w in ("nan", "none", "nat", "<na>")), text
