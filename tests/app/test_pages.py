"""AppTest of the timeline, indicators, sources and presentation pages."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.logic import filters, selection, story
from dashboard.records.dataset import load_all
from tests.app.pages import open_page

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_timeline_applies_url_filters_to_everything():
    at = open_page("timeline", country="NER", **{"from": "2023-07-01", "to": "2024-03-31"})
    assert not at.exception
    view, _ = filters.from_params({"country": "NER", "from": "2023-07-01", "to": "2024-03-31"})
    data = load_all()
    n_events = len(selection.select("events", data["events"], view))
    n_sanctions = len(selection.select("sanctions", data["sanctions"], view))
    caption = next(c.value for c in at.caption if "events," in c.value)
    assert caption.startswith(f"{n_events} events") and f"{n_sanctions} sanction" in caption
    [fig] = charts(at)
    bar_labels = [set(y.split(" · ")) for t in fig["data"] if t["type"] == "bar" for y in t["y"]]
    assert bar_labels and all("Niger" in parts for parts in bar_labels)
    assert not any(parts & {"Mali", "Burkina Faso"} for parts in bar_labels)


def test_timeline_says_plainly_when_nothing_matches():
    at = open_page("timeline", q="no event has these words zzzz")
    assert not at.exception
    messages = [i.value for i in at.info]
    assert "No event matches these filters." in messages
    assert "No sanction matches these filters." in messages


def test_indicators_page_runs_with_map_and_prices():
    at = open_page("indicators", country="NER", date="2023-09")
    assert not at.exception
    figs = charts(at)
    assert any(t["type"] == "choropleth" and "NER" in t["locations"] for f in figs for t in f["data"])
    assert len(figs) >= 3  # sanctions map, sanction periods, prices


def test_sources_page_is_read_only_without_a_credential(monkeypatch):
    monkeypatch.delenv("SAHEL_REVIEWER_TOKEN", raising=False)
    at = open_page("sources")
    assert not at.exception
    assert "Read-only" in " ".join(c.value for c in at.caption)
    assert not at.get("file_uploader")
    assert len(at.dataframe) == 1


def test_sources_page_offers_upload_to_a_reviewer(monkeypatch):
    monkeypatch.setenv("SAHEL_REVIEWER_TOKEN", "s3cret-reviewer-token")
    at = open_page("sources")
    at.sidebar.text_input(key="reviewer_token").set_value("s3cret-reviewer-token").run()
    assert not at.exception
    assert at.get("file_uploader")
    # Signed in for the session: another page and back, and no token to type again.
    at.switch_page("app_pages/map.py").run()
    at.switch_page("app_pages/sources.py").run()
    assert at.get("file_uploader") and not [w for w in at.sidebar.text_input if w.key == "reviewer_token"]
    at.sidebar.button(key="reviewer_sign_out").click().run()
    assert not at.get("file_uploader")
    at.sidebar.text_input(key="reviewer_token").set_value("wrong").run()
    assert not at.get("file_uploader")
    assert any("not valid" in e.value for e in at.sidebar.error)
    # The next guess from this client must wait: it is not even compared.
    at.sidebar.text_input(key="reviewer_token").set_value("s3cret-reviewer-token").run()
    assert not at.get("file_uploader")
    assert any("wait" in w.value for w in at.sidebar.warning)


def test_a_short_configured_token_turns_review_off(monkeypatch):
    monkeypatch.setenv("SAHEL_REVIEWER_TOKEN", "short")
    at = open_page("sources")
    assert not at.exception and not at.get("file_uploader")
    assert not [w for w in at.sidebar.text_input if w.key == "reviewer_token"]
    assert any("too short" in e.value for e in at.sidebar.error)


@pytest.mark.parametrize("lang,next_label", [("en", "Next ▶"), ("fr", "Suivant ▶")])
def test_presentation_opens_at_the_step_in_the_url(lang, next_label):
    steps = story.steps(load_all()["events"])
    at = open_page("present", step="2", lang=lang)
    assert not at.exception
    assert at.header[0].value == str(steps[1].year)
    at.button(key="next").click().run()
    assert at.header[0].value == str(steps[2].year)
    assert at.query_params["step"] in ("3", ["3"])
    assert next_label in [b.label for b in at.button]


def _reviewer_page(monkeypatch, article_name):
    from dashboard import ingest, ui

    monkeypatch.setenv("SAHEL_REVIEWER_TOKEN", "s3cret-reviewer-token")
    article = Path(APP).parent / "data" / "articles" / article_name
    result = ingest.ingest_bytes(ui.store(), article.read_bytes(), article.name)
    assert result.status in ("stored", "duplicate")
    at = open_page("sources", lang="fr")
    at.sidebar.text_input(key="reviewer_token").set_value("s3cret-reviewer-token").run()
    at.sidebar.text_input(key="reviewer_name").set_value("Awa").run()
    assert not at.exception
    return at, ui.store()


def _accept_button(at, candidate_id):
    """The Accept button of one candidate's form (forms are listed in queue order)."""
    from dashboard import ui
    from dashboard.ingest import review

    queue = list(review.queue(ui.store())["candidate_id"])
    return [b for b in at.button if b.label == "Accepter"][queue.index(candidate_id)]


def test_review_refuses_what_nobody_chose_then_stores_exactly_the_candidate(monkeypatch):
    from dashboard.ingest import review

    at, store = _reviewer_page(monkeypatch, "fr05_derniers_soldats_niger.txt")
    # Above the queue, how far its candidates can be trusted: the blind test's one reading.
    [trust] = [c.value for c in at.caption if "test à l'aveugle" in c.value]
    assert "44 articles" in trust and re.search(r"57\s%", trust) and re.search(r"78\s%", trust)
    queue = review.pending(store)
    first = queue[queue["date"] == "2023-12-22"].iloc[0]
    cid = first["candidate_id"]
    events_before = len(store.table("events"))
    # Unedited: the summary and the source grade are empty, so Accept is refused, naming them.
    _accept_button(at, cid).click().run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "Résumé \\(vos mots\\)" in error and "Fiabilité de la source" in error  # markdown-escaped
    assert len(store.table("events")) == events_before
    assert at.selectbox(key=f"{cid}-reliability@fr").value is None  # nothing chosen for anyone
    at.text_input(key=f"{cid}-summary@fr").set_value("Les derniers soldats français ont quitté le Niger.")
    at.selectbox(key=f"{cid}-reliability@fr").set_value("agency")
    _accept_button(at, cid).click().run()
    assert not at.exception
    assert any("Accepté" in s.value for s in at.success), [e.value for e in at.error]
    row = store.table("events").set_index("event_id").loc[f"ingested-{cid}"]
    for field in ("country", "actor", "force", "event_type", "date_precision"):
        assert row[field] == first[field if field != "force" else "force"], field
    assert row["date"] == pd.Timestamp("2023-12-22")
    [log] = review.log(store).query("candidate_id == @cid").to_dict("records")
    assert log["reviewer"] == "Awa" and log["action"] == "accepted"
    assert json.loads(log["changes"]) == {
        "summary": [None, "Les derniers soldats français ont quitté le Niger."],
        "reliability": [None, "agency"],
    }


def test_a_price_candidate_accepted_unedited_never_becomes_an_event(monkeypatch):
    from dashboard.ingest import review

    at, store = _reviewer_page(monkeypatch, "en04_niger_food_prices.txt")
    queue = review.pending(store)
    rice = queue[(queue["event_type"] == "price_change") & (queue["commodity"] == "rice")].iloc[0]
    cid = rice["candidate_id"]
    events_before, prices_before = len(store.table("events")), len(store.table("prices"))
    _accept_button(at, cid).click().run()
    assert not at.exception
    assert any("Contexte" in e.value for e in at.error)
    assert (len(store.table("events")), len(store.table("prices"))) == (events_before, prices_before)
    # Its form asks for price fields, and no troop field at all.
    assert at.text_input(key=f"{cid}-commodity@fr").value == "rice"
    assert not [w for w in at.selectbox if w.key == f"{cid}-actor@fr"]
    at.selectbox(key=f"{cid}-context@fr").set_value("sanctions")
    if [w for w in at.selectbox if w.key == f"{cid}-reliability@fr"]:
        at.selectbox(key=f"{cid}-reliability@fr").set_value("outlet")
    _accept_button(at, cid).click().run()
    assert not at.exception
    assert len(store.table("events")) == events_before
    price = store.table("prices").set_index("price_id").loc[f"ingested-{cid}"]
    assert (price["value"], price["previous_value"], price["unit"]) == (13750, 10000, "bag")
    assert price["context"] == "sanctions"
    assert "nan" not in {str(v) for v in price.to_dict().values() if isinstance(v, str)}


def test_tables_show_each_record_s_strongest_source_and_flag_weak_ones():
    from dashboard.records import grades

    data = load_all()
    strongest = dict(
        zip(
            data["events"]["event_id"],
            grades.strongest_each(data["events"]["source_ids"], grades.grade_map(data["sources"])),
        )
    )
    assert any(grades.is_weak(g) for g in strongest.values())  # the data has a few
    at = open_page("timeline")
    assert not at.exception
    table = at.dataframe[0].value
    weak = table["grade"].str.startswith("⚠")
    assert weak.sum() == sum(grades.is_weak(g) for g in strongest.values())
    assert table.loc[~weak, "grade"].str.startswith("strongest source: ").all()
    at = open_page("indicators", lang="fr")
    assert not at.exception
    assert all("grade" in df.value.columns for df in at.dataframe)


@pytest.mark.parametrize(
    "page, lang, words",
    [
        ("timeline", "en", "Newest evidence in the data: "),
        ("indicators", "fr", "Preuve la plus récente des données : "),
        ("present", "en", "Newest evidence in the data: "),
    ],
)
def test_every_page_says_how_old_its_newest_evidence_is(page, lang, words):
    from dashboard import i18n

    at = open_page(page, lang=lang)
    assert not at.exception
    newest = load_all()["events"]["date"].max()
    [line] = [c.value for c in at.sidebar.caption if c.value.startswith(words)]
    assert i18n.fmt_date(newest, "day", lang) in line


def test_indicators_page_writes_its_baseline_month_into_the_url():
    """A link copied from the page reopens the same comparison: the month is in the link."""
    at = open_page("indicators", country="NER")
    assert not at.exception
    assert at.query_params["base"] == "2023-06"  # the default, the month before July 2023
    [slider] = [s for s in at.select_slider if s.label.startswith("Baseline month")]
    assert slider.value == "2023-06"
    slider.set_value("2024-03").run()
    assert at.query_params["base"] == "2024-03"
    again = open_page("indicators", country="NER", base="2024-03")
    [slider] = [s for s in again.select_slider if s.label.startswith("Baseline month")]
    assert slider.value == "2024-03" and again.query_params["base"] == "2024-03"


def test_indicators_page_draws_a_comparison_by_default():
    at = open_page("indicators")
    assert not at.exception
    assert "No price series has a figure on or before the baseline." not in [i.value for i in at.info]
    [change] = [f for f in charts(at) if any(t.get("y", [None])[:1] == [0.0] for t in f["data"])]
    assert len(change["data"]) >= 2


def test_a_malformed_or_unusable_baseline_is_said_and_replaced():
    at = open_page("indicators", base="2023-6")
    assert any("base=2023\\-6" in i.value and "not a month" in i.value for i in at.info)
    assert at.query_params["base"] == "2023-06"
    at = open_page("indicators", country="NER", base="1999-01")
    assert "No price series can be compared against January 1999" in " ".join(i.value for i in at.info)
    assert at.query_params["base"] == "2023-06"


@pytest.mark.parametrize("lang,heading", [("en", "Sample briefs"), ("fr", "Brèves d'exemple")])
def test_a_read_only_visitor_can_read_the_bundled_briefs_before_any_upload(monkeypatch, lang, heading):
    """A fresh store holds no article: the Sources page offers the bundled briefs instead, each
    shown as text with what the reader would propose highlighted (item 16 of the walk-through)."""
    from dashboard.ingest import articles
    from dashboard.views import sources as sources_view

    monkeypatch.delenv("SAHEL_REVIEWER_TOKEN", raising=False)
    monkeypatch.setattr(articles, "stored", lambda store: pd.DataFrame(columns=["article_id", "title"]))
    at = open_page("sources", lang=lang)
    assert not at.exception
    assert heading in [h.value for h in at.subheader]
    box = at.selectbox(key="sample_pick")
    assert len(box.options) == len(sources_view.sample_files()) >= 30
    shown = "".join(h.proto.body for h in at.get("html"))
    first = sources_view.sample(box.value)
    assert "<mark>" in shown and first.spans  # the evidence is highlighted
    assert first.text.split("\n")[0][:40].replace("'", "&#x27;") in shown  # the article itself, escaped
