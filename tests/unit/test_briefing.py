"""The one-page briefing PDF: made offline by Chromium, its text read back with pypdf and its
page rendered with pdfium, in English and French."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pypdf
import pypdfium2
import pytest

from dashboard import briefing
from dashboard.briefing.page import html_page
from dashboard.records.dataset import load_all
from dashboard.views import briefing as briefing_view

ROOT = Path(__file__).resolve().parents[2]
WHEN = pd.Timestamp("2024-10-31")


@pytest.fixture(scope="module")
def data():
    return load_all()


@pytest.fixture(scope="module")
def made(data):
    out = {}
    for lang in ("en", "fr"):
        b = briefing_view.build(
            data, WHEN, 3, ("MLI", "BFA", "NER"), lang, produced=pd.Timestamp("2026-12-01")
        )
        out[lang] = (b, briefing.pdf(b))
    return out


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


@pytest.mark.parametrize(
    "lang, as_of, countries, gone",
    [
        (
            "en",
            "Situation as of 31 October 2024",
            ("Mali", "Burkina Faso", "Niger"),
            "withdrawal completed (US forces in Niger)",
        ),
        (
            "fr",
            "Situation au 31 octobre 2024",
            ("Mali", "Burkina Faso", "Niger"),
            "retrait achevé (Forces américaines au Niger)",
        ),
    ],
)
def test_the_page_says_what_a_briefing_must(made, lang, as_of, countries, gone):
    b, pdf = made[lang]
    assert len(pdf) < 1_000_000
    text = text_of(pdf)
    assert b.title in text and as_of in text
    for name in countries:
        assert name in text
    assert gone in text  # the US left Niger in the window
    assert ("Russian forces in Niger" if lang == "en" else "Forces russes au Niger") in text
    assert "MISIN" in text  # Italy, still present
    assert b.disclaimer[:60] in text and b.map_id in text
    cited = {int(n) for group in re.findall(r"\[([\d, ]+)\]", text) for n in group.split(",")}
    assert cited == {s.number for s in b.sources} == set(range(1, len(b.sources) + 1))
    for s in b.sources:
        assert s.publisher[:20] in text


def test_the_map_is_drawn_on_the_page(made):
    _, pdf = made["en"]
    page = pypdfium2.PdfDocument(pdf)[0]
    image = np.asarray(page.render(scale=1).to_pil().convert("L"), dtype=float)
    h, w = image.shape
    map_area = image[int(h * 0.09) : int(h * 0.32), int(w * 0.1) : int(w * 0.7)]
    blank_margin = image[int(h * 0.97) :, :]
    assert map_area.std() > 20  # borders, shading, markers
    assert blank_margin.std() < 5


def test_article_text_is_written_as_text_never_run(data):
    hostile = data | {"sources": data["sources"].copy()}
    b = briefing_view.build(hostile, WHEN, 3, ("NER",), "en")
    first = b.sources[0]
    sources = hostile["sources"]
    sources.loc[sources["publisher"] == first.publisher, "title"] = "<script>window.briefError='ran'</script>"
    b = briefing_view.build(hostile, WHEN, 3, ("NER",), "en")
    page = html_page(b)
    assert "<script>window.briefError" not in page and "&lt;script&gt;window.briefError" in page
    assert "<script>window.briefError='ran'</script>" in text_of(briefing.pdf(b))


def test_the_command_line_writes_the_french_briefing(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHEL_DB", str(tmp_path / "store.duckdb"))
    out = tmp_path / "b.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "brief", "--date", "2024-10", "--lang", "fr", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    text = text_of(out.read_bytes())
    assert "Situation au 31 octobre 2024" in text and "Italie" in text and "Russie" in text


def test_a_wrong_country_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHEL_DB", str(tmp_path / "store.duckdb"))
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "brief", "--country", "FRA", "--out", str(tmp_path / "x.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "FRA" in done.stderr and not (tmp_path / "x.pdf").exists()
