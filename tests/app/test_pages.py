"""AppTest of the timeline, indicators, sources and presentation pages."""
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import filters, selection, story
from dashboard.dataset import load_all

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(f"pages/{page}.py")
    return at.run()


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
    monkeypatch.setenv("SAHEL_REVIEWER_TOKEN", "s3cret-token")
    at = open_page("sources")
    at.sidebar.text_input[0].set_value("s3cret-token").run()
    assert not at.exception
    assert at.get("file_uploader")
    at.sidebar.text_input[0].set_value("wrong").run()
    assert not at.get("file_uploader")
    assert any("not valid" in e.value for e in at.sidebar.error)


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


def test_review_queue_accepts_a_candidate(monkeypatch):
    from dashboard import ingest, ui
    monkeypatch.setenv("SAHEL_REVIEWER_TOKEN", "s3cret-token")
    article = Path(APP).parent / "data" / "articles" / "fr05_derniers_soldats_niger.txt"
    result = ingest.ingest_bytes(ui.store(), article.read_bytes(), article.name)
    assert result.status in ("stored", "duplicate")
    at = open_page("sources", lang="fr")
    at.sidebar.text_input[0].set_value("s3cret-token").run()
    assert not at.exception
    pending = len(ingest.pending(ui.store()))
    assert pending >= 1
    # The oldest pending candidate is the first form: fr05's dated withdrawal of 22 Dec 2023.
    first = ingest.pending(ui.store()).iloc[0]
    assert first["date"] == "2023-12-22"
    [accept, *_] = [b for b in at.button if b.label == "Accepter"]
    accept.click().run()
    assert not at.exception
    assert any("Accepté" in s.value for s in at.success), [e.value for e in at.error]
    assert len(ingest.pending(ui.store())) == pending - 1
    events = ui.store().table("events")
    assert f"ingested-{first['candidate_id']}" in set(events["event_id"])
