"""Cold visits of / on a weak link: straight to one dashboard process, and through the
compressing proxy (scripts/serve-replicas.sh 1: nginx in front of one replica).

    python -m bench.weak_link [--reps 3] [--no-plain-websocket-case] [--json OUT]

Each visit is a new browser context (empty HTTP cache) that opens /, timed from navigation
start to the headline ('Confirmed ≤ 12 months' laid out) and to the map drawn (the first
.js-plotly-plot with drawn paths), with bench/browser.py's marks. Every case runs unthrottled
and under Chromium's network emulation through the DevTools protocol
(Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip). Bytes:
encodedDataLength of every HTTP response (what crossed the wire, headers included) and the
payload of every websocket frame either way (as Chromium reports them: after any
permessage-deflate is undone); through the proxy, nginx's access log also gives the bytes it
sent on the websocket itself (compressed: serve-replicas.sh turns Streamlit's
server.enableWebsocketCompression on; a third target runs the proxy with it off). Each server answers one
warm-up visit before the rounds (its caches filled, as for any visitor after the first), and the
rounds alternate the targets so that drift on a busy machine hits all of them alike. Medians of
the rounds; the ratios are proxy / direct, measured in the same run.

Nothing fails on time: the figures are printed, and the done-when target of issue 16 (a cold
visit through the proxy moves at most 3 MB; on the weak link the headline shows in under half
the direct time) is printed as met or missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import servers
from bench.browser import Meter, launch

WEAK = {  # Network.emulateNetworkConditions: bytes per second, milliseconds
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
LINKS = {"unthrottled": None, "weak": WEAK}
TIMEOUT_MS = 240_000
WS_LINE = re.compile(r'"GET \S*/_stcore/stream HTTP/1\.1" 101 (\d+) ')


def ws_wire_bytes(access_log: Path | None) -> list[int]:
    """Bytes nginx sent on each finished websocket, in the order they closed."""
    if access_log is None or not access_log.exists():
        return []
    return [int(m.group(1)) for m in WS_LINE.finditer(access_log.read_text())]


def visit(browser, url: str, link: dict | None, access_log: Path | None) -> dict:
    """One cold visit of / in a new context; the marks, the bytes and the requests."""
    m = Meter(browser)
    before = len(ws_wire_bytes(access_log))
    try:
        if link:
            m.cdp.send("Network.emulateNetworkConditions", link)
        m.reset()
        t0 = time.monotonic()
        m.page.goto(url + "/", wait_until="commit", timeout=TIMEOUT_MS)
        m.page.wait_for_function(
            "() => window.__bench && window.__bench.chart != null && window.__bench.headline != null",
            timeout=TIMEOUT_MS,
        )
        marks = m.page.evaluate("({...window.__bench})")
        # Until nothing has arrived for 2 s: what the page fetches after the map counts too.
        m.wait_quiet(quiet=2.0, cap=120.0)
        out = {
            "headline_ms": marks.get("headline"),
            "chart_ms": marks.get("chart"),
            "http_bytes": m.http,
            "ws_bytes": m.ws,
            "requests": m.requests,
            "wall_s": time.monotonic() - t0,
            "outside": list(m.outside),
        }
    finally:
        m.close()
    if access_log is not None:  # nginx logs a websocket once it closes
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(ws_wire_bytes(access_log)) <= before:
            time.sleep(0.2)
        after = ws_wire_bytes(access_log)
        out["ws_wire_bytes"] = after[before] if len(after) > before else None
    return out


def median(runs: list[dict], key: str) -> float:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else float("nan")


def run(reps: int = 3, ws_case: bool = True, log=print) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        started = []
        try:
            direct = servers.dashboard(tmp / "direct")
            started.append(direct)
            proxy = servers.replicas(tmp / "proxy", 1, name="proxy")
            started.append(proxy)
            targets = [("direct", direct.url, None), ("proxy", proxy.url, proxy.state / "nginx-access.log")]
            if ws_case:
                plain = servers.replicas(tmp / "plain-ws", 1, ws_compression=False, name="proxy, ws plain")
                started.append(plain)
                targets.append(("proxy, websocket uncompressed", plain.url, plain.state / "nginx-access.log"))
            runs: dict[str, dict[str, list[dict]]] = {t[0]: {k: [] for k in LINKS} for t in targets}
            with sync_playwright() as p:
                browser = launch(p)
                try:
                    for _label, url, access in targets:  # warm-up: server caches, first imports
                        visit(browser, url, None, access)
                    for link_name, link in LINKS.items():
                        for rep in range(reps):
                            for label, url, access in targets:
                                r = visit(browser, url, link, access)
                                runs[label][link_name].append(r)
                                log(
                                    f"  {link_name} round {rep + 1}: {label}: headline {r['headline_ms']:.0f} ms, "
                                    f"map {r['chart_ms']:.0f} ms, {r['http_bytes'] / 1e6:.2f} MB HTTP, "
                                    f"{r['ws_bytes'] / 1e3:.1f} KB websocket, {r['requests']} requests"
                                )
                finally:
                    browser.close()
        finally:
            for s in reversed(started):
                s.stop()
    summary = {}
    for label, by_link in runs.items():
        summary[label] = {}
        for link_name, rs in by_link.items():
            summary[label][link_name] = {
                key: median(rs, key)
                for key in ("headline_ms", "chart_ms", "http_bytes", "ws_bytes", "ws_wire_bytes", "requests")
            }
    ratios = {}
    for label in summary:
        if label == "direct":
            continue
        ratios[label] = {
            link_name: {
                key: summary[label][link_name][key] / summary["direct"][link_name][key]
                for key in ("headline_ms", "chart_ms", "http_bytes")
            }
            for link_name in LINKS
        }
    weak_proxy = summary["proxy"]["weak"]
    total_mb = (weak_proxy["http_bytes"] + weak_proxy["ws_bytes"]) / 1e6
    targets_met = {
        "cold visit through the proxy <= 3 MB": (total_mb, total_mb <= 3.0),
        "weak-link headline through the proxy < 0.5 x direct": (
            ratios["proxy"]["weak"]["headline_ms"],
            ratios["proxy"]["weak"]["headline_ms"] < 0.5,
        ),
    }
    return {
        "reps": reps,
        "weak_link": WEAK,
        "loadavg_end": os.getloadavg(),
        "runs": runs,
        "median": summary,
        "ratio_to_direct": ratios,
        "targets": targets_met,
    }


def report(result: dict) -> str:
    lines = [
        f"cold visit of /, median of {result['reps']} rounds (new browser context each)",
        "",
        "| link | target | headline ms | map ms | HTTP bytes | websocket payload | websocket on the wire "
        "| requests | headline ÷ direct | map ÷ direct | bytes ÷ direct |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for link_name in LINKS:
        for label, by_link in result["median"].items():
            m = by_link[link_name]
            r = result["ratio_to_direct"].get(label, {}).get(link_name)
            wire = m["ws_wire_bytes"]
            lines.append(
                f"| {link_name} | {label} | {m['headline_ms']:.0f} | {m['chart_ms']:.0f} "
                f"| {m['http_bytes'] / 1e6:.2f} MB | {m['ws_bytes'] / 1e3:.1f} KB "
                f"| {'-' if wire != wire else f'{wire / 1e3:.1f} KB'} | {m['requests']:.0f} "
                + (
                    f"| {r['headline_ms']:.2f} | {r['chart_ms']:.2f} | {r['http_bytes']:.2f} |"
                    if r
                    else "| 1.00 | 1.00 | 1.00 |"
                )
            )
    lines.append("")
    for name, (value, ok) in result["targets"].items():
        lines.append(f"target: {name}: {value:.2f} -> {'met' if ok else 'missed'}")
    outside = sorted(
        {u for by in result["runs"].values() for rs in by.values() for r in rs for u in r["outside"]}
    )
    lines.append(f"requests that left 127.0.0.1: {outside or 'none'}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=3, help="rounds per target and link (default 3)")
    ap.add_argument(
        "--no-plain-websocket-case",
        action="store_true",
        help="skip the third target (the proxy with server.enableWebsocketCompression off)",
    )
    ap.add_argument("--json", type=Path, default=None, help="also write the raw figures there")
    args = ap.parse_args(argv)
    result = run(args.reps, not args.no_plain_websocket_case, log=lambda m: print(m, file=sys.stderr))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1, default=str))
    print(report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
