"""Analyst exports: HXL-tagged CSV and JSON, read back with or without the hashtag row, and
safe to open in a spreadsheet."""

import json
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.records.dataset import columns, typed
from dashboard.views import export, export_reader

HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")


def table(name: str, rows: list[dict]) -> pd.DataFrame:
    full = [dict.fromkeys(columns(name)) | r for r in rows]
    return typed(
        pd.DataFrame(full, columns=columns(name))
        .astype(object)
        .where(lambda f: f.notna(), None)
        .astype("string")
    )


@pytest.fixture
def sources():
    return table(
        "sources",
        [
            dict(
                source_id="rfi-2023-07-30",
                publisher="RFI",
                title="La Cédéao sanctionne le Niger",
                url="https://www.rfi.fr/fr/afrique/20230730-niger",
                language="fr",
            ),
            dict(
                source_id="reuters-2023-12-22",
                publisher="Reuters",
                title="Last French troops leave",
                url="https://www.reuters.com/world/africa/french-troops-leave-niger-2023-12-22/",
                language="en",
            ),
        ],
    )


@pytest.fixture
def locations():
    return table(
        "locations",
        [
            dict(
                location_id="niamey",
                name="Niamey",
                country="NER",
                lat="13.5116",
                lon="2.1254",
                coord_source="stated",
            ),
            dict(
                location_id="segou",
                name="Ségou",
                country="MLI",
                lat="13.4317",
                lon="-6.2157",
                coord_source="approximate",
            ),
        ],
    )


@pytest.fixture
def events():
    return table(
        "events",
        [
            dict(
                event_id="fr-ner-2023-12-22",
                date="2023-12-22",
                date_precision="day",
                country="NER",
                location_id="niamey",
                actor="France",
                force="French forces in the Sahel",
                event_type="withdrawal_completed",
                troops="1500",
                troops_kind="leaving",
                summary='The last French soldiers left Niamey; "a page turns", said the junta.',
                source_ids="reuters-2023-12-22;rfi-2023-07-30",
                status="verified",
            ),
            dict(
                event_id="ru-mli-2021-12",
                date="2021-12-01",
                date_precision="month",
                country="MLI",
                actor="Russia",
                force="Wagner Group",
                event_type="presence_reported",
                summary='=HYPERLINK("http://evil.example","click") Wagner arrives in Ségou',
                evidence="@SUM(1+1)",
                source_ids="rfi-2023-07-30",
                status="disputed",
                notes="-2 bases\r\tmentioned",
            ),  # a lone CR inside (tables are read stripped)
        ],
    )


@pytest.fixture
def sanctions():
    return table(
        "sanctions",
        [
            dict(
                sanction_id="ecowas-ner-border",
                imposer="ECOWAS",
                country="NER",
                measure="border_closure",
                start="2023-07-30",
                start_precision="day",
                end="2024-02-24",
                end_precision="day",
                summary="+ borders closed",
                source_ids="rfi-2023-07-30",
                status="verified",
            ),
            dict(
                sanction_id="benin-ner-border",
                imposer="Benin",
                country="NER",
                measure="border_closure",
                start="2023-08-01",
                start_precision="month",
                summary="Benin keeps its border shut",
                source_ids="rfi-2023-07-30",
                status="unverified",
            ),
        ],
    )


@pytest.fixture
def prices():
    return table(
        "prices",
        [
            dict(
                price_id="rice-niamey-2023-09",
                country="NER",
                place="Niamey",
                location_id="niamey",
                commodity="rice",
                unit="25 kg bag",
                currency="XOF",
                value="14500",
                value_max="15000",
                previous_value="11000",
                previous_date="2023-07-01",
                change_pct="31.8",
                date="2023-09-15",
                date_precision="day",
                context="sanctions",
                source_ids="rfi-2023-07-30",
                status="verified",
            ),
            dict(
                price_id="fuel-niamey",
                country="NER",
                place="Niamey",
                commodity="petrol",
                unit="litre",
                currency="XOF",
                change_pct="-12.5",
                date="2024-03-01",
                date_precision="month",
                context="post_sanctions",
                source_ids="rfi-2023-07-30",
                status="unverified",
            ),
        ],
    )


def exported(what, request):
    frame = request.getfixturevalue(what)
    return export.prepare(
        what, frame, request.getfixturevalue("sources"), request.getfixturevalue("locations")
    )


# -- tags and preparation ------------------------------------------------------------------


@pytest.mark.parametrize("what", ["events", "sanctions", "prices"])
def test_every_exported_column_has_a_valid_tag(what, request):
    prepared = exported(what, request)
    assert list(prepared.columns) == list(export.HXL_TAGS[what])
    for col, tag in export.HXL_TAGS[what].items():
        assert HXL_TAG.match(tag), (col, tag)
    # Every column of the curated table is exported.
    assert set(columns(what)) <= set(export.HXL_TAGS[what])


def test_prepare_events_resolves_sources_and_places(events, sources, locations):
    out = export.prepare("events", events, sources, locations).set_index("event_id")
    row = out.loc["fr-ner-2023-12-22"]
    assert row["place"] == "Niamey" and row["lat"] == pytest.approx(13.5116)
    assert row["source_publishers"] == "Reuters;RFI"
    assert row["source_urls"].split(";")[0].startswith("https://www.reuters.com/")
    assert row["date"] == "2023-12-22" and row["date_precision"] == "day"
    assert row["troops"] == 1500
    wagner = out.loc["ru-mli-2021-12"]
    assert wagner["date"] == "2021-12-01" and wagner["date_precision"] == "month"
    # A country-wide event gets no invented coordinates.
    assert pd.isna(wagner["place"]) and pd.isna(wagner["lat"])


def test_prepare_keeps_open_ends_empty(sanctions, sources):
    out = export.prepare("sanctions", sanctions, sources).set_index("sanction_id")
    assert out.loc["ecowas-ner-border", "end"] == "2024-02-24"
    assert pd.isna(out.loc["benin-ner-border", "end"])
    assert pd.isna(out.loc["benin-ner-border", "end_precision"])


def test_prepare_rejects_unknown_table(events, sources):
    with pytest.raises(ValueError):
        export.prepare("people", events, sources)


# -- CSV round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("what", ["events", "sanctions", "prices"])
@pytest.mark.parametrize("hxl", [True, False])
def test_csv_round_trip(what, hxl, request):
    prepared = exported(what, request)
    text = export.to_csv(prepared, what, hxl=hxl)
    lines = text.splitlines()
    assert lines[0].startswith(list(export.HXL_TAGS[what])[0] + ",")
    assert lines[1].startswith("#") == hxl
    back = export_reader.read_csv(text)
    pd.testing.assert_frame_equal(back, prepared)
    assert ("hxl" in back.attrs) == hxl


def test_csv_hxl_row_matches_columns(events, sources, locations):
    text = export.to_csv(export.prepare("events", events, sources, locations), "events", hxl=True)
    header, tags = text.splitlines()[:2]
    assert tags.split(",") == [export.HXL_TAGS["events"][c] for c in header.split(",")]


def test_read_csv_from_path_bytes_and_bom(tmp_path, prices, sources, locations):
    prepared = export.prepare("prices", prices, sources, locations)
    text = export.to_csv(prepared, "prices", hxl=True, bom=True)
    assert text.startswith("\ufeff")
    path = tmp_path / "prices.csv"
    path.write_text(text, encoding="utf-8")
    pd.testing.assert_frame_equal(export_reader.read_csv(path), prepared)
    pd.testing.assert_frame_equal(export_reader.read_csv(str(path)), prepared)
    pd.testing.assert_frame_equal(export_reader.read_csv(text.encode("utf-8")), prepared)


WFP_WITH_HXL = """date,admin1,admin2,market,latitude,longitude,category,commodity,unit,priceflag,pricetype,currency,price,usdprice
#date,#adm1+name,#adm2+name,#loc+market+name,#geo+lat,#geo+lon,#item+type,#item+name,#item+unit,#item+price+flag,#item+price+type,#currency,#value,#value+usd
2023-09-15,Niamey,Niamey,Katako,13.51,2.11,cereals and tubers,Rice (imported),KG,actual,Retail,XOF,580,0.95
2023-10-15,Niamey,Niamey,Katako,13.51,2.11,cereals and tubers,Rice (imported),KG,actual,Retail,XOF,600,0.98
"""


def test_read_wfp_prices_with_and_without_hxl_row():
    # WFP's HDX price files dropped the hashtag row in February 2026: both shapes must load.
    lines = WFP_WITH_HXL.splitlines(keepends=True)
    with_row = export_reader.read_csv(WFP_WITH_HXL)
    without_row = export_reader.read_csv("".join(lines[:1] + lines[2:]))
    pd.testing.assert_frame_equal(with_row, without_row)
    assert len(with_row) == 2
    assert list(with_row["price"]) == [580, 600]
    assert with_row["commodity"].iloc[0] == "Rice (imported)"
    assert with_row.attrs["hxl"]["price"] == "#value"


def test_read_csv_header_only_and_empty():
    assert export_reader.read_csv("").empty
    only = export_reader.read_csv("event_id,date,troops\n#event+id,#date,#indicator+troops+num\n")
    assert list(only.columns) == ["event_id", "date", "troops"] and only.empty


# -- formula injection ---------------------------------------------------------------------


def test_formula_text_is_neutralised_and_restored(events, sources, locations):
    prepared = export.prepare("events", events, sources, locations)
    text = export.to_csv(prepared, "events", hxl=True)
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and '"=HYPERLINK' not in text
    assert ",'@SUM(1+1)," in text
    assert "'-2 bases\r\tmentioned" in text
    back = export_reader.read_csv(text).set_index("event_id")
    assert back.loc["ru-mli-2021-12", "summary"].startswith("=HYPERLINK(")
    assert back.loc["ru-mli-2021-12", "evidence"] == "@SUM(1+1)"
    assert back.loc["ru-mli-2021-12", "notes"] == "-2 bases\r\tmentioned"


def test_numbers_and_dates_are_not_prefixed(prices, sources):
    text = export.to_csv(export.prepare("prices", prices, sources), "prices", hxl=False)
    row = next(line for line in text.splitlines() if line.startswith("fuel-niamey"))
    assert ",-12.5," in row and "'-12.5" not in row
    assert "2024-03-01" in row
    sanctions_text = "summary\n'+ borders closed\n"
    assert export_reader.read_csv(sanctions_text)["summary"].iloc[0] == "+ borders closed"


@pytest.mark.parametrize(
    "cell, written",
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("#tag", "'#tag"),
        ("'=1", "''=1"),
        ("'plain", "'plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_cases(cell, written):
    assert export.neutralise(cell) == written
    assert export.restore(written) == cell


@settings(max_examples=300)
@given(st.text())
def test_neutralise_is_reversible_and_inert(text):
    safe = export.neutralise(text)
    assert export.restore(safe) == text
    assert safe[:1] not in set("=+-@\t\r#")


TEXT_COLUMNS = ["force", "summary", "notes"]
cells = st.one_of(
    st.none(),
    st.text(min_size=1),
    st.text(alphabet=st.sampled_from(list(",\"'\n\r#=+-@\t ;ab")), min_size=1, max_size=12),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(cells, cells, cells), max_size=6), hxl=st.booleans())
def test_csv_round_trip_of_arbitrary_text(rows, hxl):
    frame = pd.DataFrame(rows, columns=TEXT_COLUMNS, dtype=object).astype("string")
    frame = frame.mask(frame == "")  # an empty cell reads back as missing
    back = export_reader.read_csv(export.to_csv(frame, "events", hxl=hxl))
    pd.testing.assert_frame_equal(back, frame.reset_index(drop=True))


# -- JSON ----------------------------------------------------------------------------------


def test_to_json_records(events, sources, locations):
    prepared = export.prepare("events", events, sources, locations)
    text = export.to_json(prepared)
    assert "Ségou" in text  # ensure_ascii off
    records = json.loads(text)
    assert len(records) == 2 and list(records[0]) == list(prepared.columns)
    assert records[0]["date"] == "2023-12-22" and records[0]["troops"] == 1500
    assert records[1]["troops"] is None and records[1]["lat"] is None


def test_to_json_of_typed_frames_writes_iso_dates(sanctions):
    records = json.loads(export.to_json(sanctions))
    assert records[0]["start"] == "2023-07-30" and records[1]["end"] is None
    assert json.loads(export.to_json(sanctions.iloc[0:0])) == []
