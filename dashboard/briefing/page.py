"""The briefing as one A4 HTML page: title and dates, the map with its legend and scale bar,
a text block per country, numbered sources, the disclaimer and the map identifier. Every text
comes through `html.escape` (titles and summaries come from articles); the map is drawn by the
plotly.js bundled with plotly, from the local topology, with no network."""

from __future__ import annotations

import html
import json

import plotly.offline

from dashboard import i18n
from dashboard.views.briefing import Briefing, Line

TOPOLOGY_HOST = "http://briefing.local/"  # answered by the renderer from static/, never fetched
SCALE_KM = 500

CSS = """
@page { size: A4 portrait; margin: 10mm 11mm 9mm 11mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 7.6pt;
       color: #1a1a1a; margin: 0; line-height: 1.28; }
h1 { font-size: 15pt; margin: 0 0 1mm 0; }
.dates { font-size: 8.5pt; color: #333; margin-bottom: 1.5mm; }
.dates b { color: #000; }
#map { width: 188mm; height: 92mm; border: 0.3mm solid #999; }
.under { display: flex; justify-content: space-between; align-items: flex-start; margin: 1mm 0 2mm; }
.legend span { display: inline-block; margin-right: 3mm; }
.legend span::before { content: "• "; }
.scale { text-align: right; white-space: nowrap; }
.scale .bar { display: inline-block; height: 2mm; border: 0.3mm solid #000; border-top: none;
              vertical-align: middle; }
.blocks { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }
.block h2 { font-size: 10pt; margin: 0 0 0.8mm 0; border-bottom: 0.3mm solid #666; }
.block h3 { font-size: 7.8pt; margin: 1.2mm 0 0.3mm 0; }
.block ul { margin: 0; padding-left: 3.2mm; }
.cite { color: #444; }
.sources { margin-top: 2mm; font-size: 6.3pt; column-count: 2; column-gap: 5mm; }
.sources ol { margin: 0; padding-left: 5mm; }
.sources li { break-inside: avoid; overflow-wrap: anywhere; }
.foot { margin-top: 1.5mm; font-size: 6.4pt; color: #333; border-top: 0.3mm solid #999; padding-top: 1mm; }
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _line(line: Line) -> str:
    cites = f" <span class='cite'>[{', '.join(map(str, line.cites))}]</span>" if line.cites else ""
    return f"<li>{_e(line.text)}{cites}</li>"


def _section(title: str, lines, lang: str) -> str:
    items = "".join(_line(x) for x in lines) or f"<li>{_e(i18n.t('brief.none', lang))}</li>"
    return f"<h3>{_e(title)}</h3><ul>{items}</ul>"


def html_page(b: Briefing) -> str:
    lang = b.lang
    blocks = "".join(
        f"<div class='block'><h2>{_e(block.name)}</h2>"
        + _section(i18n.t("brief.present", lang), block.present, lang)
        + _section(f"{i18n.t('brief.changes', lang)}", block.changes, lang)
        + _section(i18n.t("brief.sanctions", lang), block.sanctions, lang)
        + _section(i18n.t("brief.prices", lang), block.prices, lang)
        + "</div>"
        for block in b.blocks
    )
    sources = "".join(
        f"<li value='{s.number}'>{_e(s.publisher)}, “{_e(s.title)}”"
        + (f", {_e(s.date)}" if s.date else "")
        + f" · {_e(s.grade)}"
        + (f" · {_e(s.url)}" if s.url else "")
        + "</li>"
        for s in b.sources
    )
    legend = "".join(f"<span>{_e(text)}</span>" for _, text in b.legend)
    figure = b.figure.to_plotly_json()
    config = {"staticPlot": True, "topojsonURL": TOPOLOGY_HOST, "displayModeBar": False}
    script = f"""
const fig = {json.dumps(figure, default=str)};
Plotly.newPlot('map', fig.data, Object.assign(fig.layout, {{autosize: true, height: null, width: null}}),
               {json.dumps(config)})
  .then(gd => {{
    // The scale bar: {SCALE_KM} km along the parallel through the map's centre, measured with the
    // map's own projection.
    const geo = gd._fullLayout.geo, proj = geo._subplot.projection;
    const lat = (geo.lataxis.range[0] + geo.lataxis.range[1]) / 2;
    const lon = (geo.lonaxis.range[0] + geo.lonaxis.range[1]) / 2;
    const dlon = {SCALE_KM} / (111.32 * Math.cos(lat * Math.PI / 180));
    const a = proj([lon, lat]), b = proj([lon + dlon, lat]);
    document.getElementById('bar').style.width = Math.abs(b[0] - a[0]) + 'px';
    window.briefReady = true;
  }})
  .catch(err => {{ window.briefError = String(err); }});
"""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{_e(b.title)}</title>
<style>{CSS}</style>
<script>{plotly.offline.get_plotlyjs()}</script></head>
<body>
<h1>{_e(b.title)}</h1>
<div class="dates"><b>{_e(b.as_of)}</b> · {_e(b.window)} · {_e(b.produced)}</div>
<div id="map"></div>
<div class="under"><div class="legend"><b>{_e(i18n.t("brief.legend", lang))}</b> {legend}</div>
<div class="scale"><span class="bar" id="bar"></span> {_e(i18n.t("brief.scale", lang, km=SCALE_KM))}</div></div>
<div class="blocks">{blocks}</div>
<div class="sources"><b>{_e(i18n.t("brief.sources", lang))}</b> —
{_e(i18n.t("brief.sources_note", lang))}<ol>{sources}</ol></div>
<div class="foot">{_e(b.disclaimer)}<br>{_e(i18n.t("brief.made_by", lang))}
<br>{_e(i18n.t("brief.map_id", lang, id=b.map_id))} · {_e(b.filename)}</div>
<script>{script}</script>
</body></html>"""
