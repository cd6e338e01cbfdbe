"""`python -m bench`: measure the dashboard and print the figures beside their targets.

Writes the tables to stdout, into bench/README.md (between the result markers) and the raw
figures to bench/results.json. Never fails on time: a figure that misses its target is reported
as missed. Progress goes to stderr. `--quick` is a smaller run for trying the harness.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import browser, ingest_speed, load, report, servers, synth
from bench.report import table, verdict

ROOT = servers.ROOT
RESULTS = Path(__file__).resolve().parent / "results.json"
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
# Wall-clock seconds allowed per page process (cold run, new session, reruns, changes).
DEADLINES = {"bundled": 240, "10k": 400, "100k": 900, "1M": 480}
# At 1M the timeline cannot finish its cold run in minutes (see the 100k figures): do not wait
# long for it; give the map the time its date-slider change needs.
DEADLINE_FOR = {("1M", "/timeline"): 300, ("1M", "/"): 900}
PAGES = (
    ("/", "/", "chart"),
    ("/timeline", "/timeline", "chart"),
    ("/indicators", "/indicators", "chart"),
    ("/sources", "/sources", "dataframe"),
    ("/present?step=2", "/present?step=2", "chart"),
)
TARGET = {
    "home_vs_geo": 1.15,
    "change_100k_s": 0.150,
    "change_1M_s": 0.500,
    "fig_kb": 300,
    "memory_mb": 100,
    "p95_s": 5.0,
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- server-side script time (AppTest, one process per page) ---------------------------------


def run_apptime(
    data: Path | None,
    db: Path,
    page: str,
    deadline: float,
    errlog: Path,
    profile: bool = False,
    changes: str = "",
) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k not in ("SAHEL_REVIEWER_TOKEN", "SAHEL_DATA")}
    env["SAHEL_DB"] = str(db)
    if data is not None:
        env["SAHEL_DATA"] = str(data)
    cmd = [sys.executable, "-m", "bench.apptime", "--page", page, "--timeout", str(deadline)]
    cmd += ["--profile"] if profile else []
    cmd += ["--changes", changes] if changes else []
    with open(errlog, "a") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        records: list[dict] = []

        def read():
            for line in proc.stdout:
                if line.startswith("{"):
                    records.append(json.loads(line))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            proc.wait(timeout=deadline)
        except subprocess.TimeoutExpired:  # what it printed so far still counts
            proc.kill()
            proc.wait()
            records.append({"kind": "killed", "page": page, "after_s": deadline})
        reader.join(5)
    return records


def server_times(datasets: dict, tmp: Path) -> dict:
    out: dict = {}
    for name, folder in datasets.items():
        db = tmp / f"apptime-{name}.duckdb"
        out[name] = {}
        for label, _, _ in PAGES:
            t0 = time.perf_counter()
            deadline = DEADLINE_FOR.get((name, label), DEADLINES[name])
            recs = run_apptime(folder, db, label, deadline, tmp / "apptime.err")
            out[name][label] = recs
            log(
                f"  server time {name} {label}: {time.perf_counter() - t0:.0f} s wall, "
                f"{len(recs)} records{' (stopped at the deadline)' if any(r['kind'] == 'killed' for r in recs) else ''}"
            )
    return out


def profiles(datasets: dict, tmp: Path, quick: bool) -> list[dict]:
    plan = [("10k", "/", ""), ("10k", "/timeline", "country")]
    if not quick:  # the runs that miss their targets, at the size where they are measured
        plan += [
            ("100k", "/", "slider"),
            ("100k", "/timeline", "country"),
            ("100k", "/indicators", "month"),
            ("100k", "/present?step=2", "none"),
        ]
    found = []
    for name, page, changes in plan:
        if name not in datasets:
            continue
        recs = run_apptime(
            datasets[name],
            tmp / f"apptime-{name}.duckdb",
            page,
            DEADLINES[name],
            tmp / "apptime.err",
            profile=True,
            changes=changes,
        )
        found += [{"data": name, **r} for r in recs if r["kind"] == "profile"]
        log(f"  profiled {name} {page}")
    return found


# -- tables --------------------------------------------------------------------------------


def pick(recs: list[dict], kind: str) -> list[dict]:
    return [r for r in recs if r["kind"] == kind]


def section_server(server: dict, datasets: dict) -> tuple[str, dict]:
    rows, change_rows, fig_rows, checks = [], [], [], {}
    for name, pages in server.items():
        for label, recs in pages.items():
            seed = pick(recs, "seed")
            cold = pick(recs, "cold")
            page = pick(recs, "page")
            killed = pick(recs, "killed")
            p = page[0] if page else {}
            note = f"stopped after {killed[0]['after_s']:.0f} s" if killed and not page else ""
            note = note or ("; ".join(p.get("exception", [])) or "")[:80]
            rows.append(
                [
                    name,
                    label,
                    seed[0]["seconds"] if seed else None,
                    cold[0]["seconds"] if cold else None,
                    p.get("first"),
                    p.get("rerun"),
                    report.kb(sum(p["fig_bytes"])) if p.get("fig_bytes") is not None else "n/a",
                    note or "-",
                ]
            )
            fig_rows.append((name, label, sum(p["fig_bytes"]) if p.get("fig_bytes") is not None else None))
            for c in pick(recs, "change"):
                target = (
                    TARGET["change_100k_s"]
                    if name == "100k"
                    else TARGET["change_1M_s"]
                    if name == "1M"
                    else None
                )
                secs = c.get("seconds")
                ok = None if target is None or secs is None else secs < target
                if target is not None:
                    checks.setdefault(name, []).append(ok if secs is not None else False)
                change_rows.append(
                    [
                        name,
                        f"{label}: {c['what']}",
                        secs if secs is not None else c.get("error", "n/a")[:60],
                        report.kb(sum(c["fig_bytes"])) if c.get("fig_bytes") else "-",
                        f"< {target * 1000:.0f} ms" if target else "-",
                        verdict(ok),
                    ]
                )
            if killed and page:  # the page ran, a change did not finish
                change_rows.append(
                    [
                        name,
                        f"{label}: (changes after this)",
                        f"not finished in {killed[0]['after_s']} s",
                        "-",
                        "-",
                        verdict(False) if name in ("100k", "1M") else "n/a",
                    ]
                )
                if name in ("100k", "1M"):
                    checks.setdefault(name, []).append(False)
            if killed and not page and name in ("100k", "1M"):
                checks.setdefault(name, []).append(False)
    md = [
        "### Server-side script time per page (AppTest, seconds)",
        "Cold = first run in a fresh process (imports, store read into the cached tables, presence "
        "intervals); new session = first run of a second session on warm caches; rerun = median of "
        "3 reruns of that session (1 when a run takes over 10 s). Seed = opening the store file, "
        "seeding it from the CSV files the first time.",
        table(
            ["data", "page", "seed/open s", "cold s", "new session s", "rerun s", "figure JSON", "note"], rows
        ),
        "",
        "### Server-side time per filter change (AppTest, seconds)",
        table(["data", "change", "seconds", "figure JSON after", "target", "verdict"], change_rows),
    ]
    return "\n\n".join(md), {"change_checks": checks, "fig_rows": fig_rows}


def section_pages(timings: dict) -> tuple[str, dict]:
    med = {k: (browser.median_of(v["cold"]), browser.median_of(v["warm"])) for k, v in timings.items()}
    empty_c, empty_w = med["empty"]
    geo_c, geo_w = med["geo"]
    rows = []
    for label, (c, w) in med.items():
        warm = timings[label]["warm"]
        rows.append(
            [
                label,
                c,
                w,
                c / empty_c,
                w / empty_w,
                c / geo_c,
                w / geo_w,
                browser.median_of(warm, "ws_first_ms"),
                browser.median_of(warm, "ws_biggest_ms"),
                w - browser.median_of(warm, "ws_biggest_ms"),
                len(timings[label].get("errors", [])),
            ]
        )
    home_c, home_w = med["/"]
    checks = {"home_cold_ratio": home_c / geo_c, "home_warm_ratio": home_w / geo_w}
    heads = []
    for kind in ("cold", "warm"):
        for r in timings["/"][kind]:
            h, c = r["marks"].get("headline"), r["marks"].get("chart")
            heads.append([kind, h, c, (h is not None and c is not None and h < c)])
    checks["headline_first"] = all(x[3] for x in heads)
    md = [
        "### Time to chart in headless Chromium (ms, median of the rounds)",
        "From navigation start to the first `.js-plotly-plot` with drawn paths in its svg (/sources: "
        "its dataframe's canvas; empty baseline: its title). Cold = a new browser context; warm = "
        "reload in that context (HTTP cache filled, server caches warm). The last three columns split "
        "the warm load: when the server's first websocket frame arrived (client booted, session "
        "started), when its largest frame arrived (on chart pages, the figure), and the time from "
        "then to the drawn chart (the browser's share).",
        table(
            [
                "page",
                "cold ms",
                "warm ms",
                "cold ÷ empty",
                "warm ÷ empty",
                "cold ÷ geo",
                "warm ÷ geo",
                "warm: first frame ms",
                "warm: figure frame ms",
                "warm: frame → drawn ms",
                "failed loads",
            ],
            rows,
        ),
        "",
        "### Headline before map on / (ms from navigation start, every round)",
        table(
            ["load", "headline visible", "map drawn", "headline first"],
            [[k, h, c, "yes" if ok else "NO"] for k, h, c, ok in heads],
        ),
    ]
    return "\n\n".join(md), checks


def section_bytes(timings: dict, server: dict) -> str:
    figs = {}
    for label, recs in server.get("bundled", {}).items():
        page = pick(recs, "page")
        figs[label] = sum(page[0]["fig_bytes"]) if page else None
    rows = []
    for label, v in timings.items():
        cold, warm = v["cold"], v["warm"]
        rows.append(
            [
                label,
                report.kb(figs.get(label)) if label in figs else "-",
                report.kb(browser.median_of(cold, "http_bytes")),
                report.kb(browser.median_of(warm, "http_bytes")),
                report.kb(browser.median_of(warm, "ws_bytes")),
                int(browser.median_of(cold, "requests")),
            ]
        )
    return "\n\n".join(
        [
            "### Bytes sent to the browser per page (bundled data)",
            "Figure JSON = sum of `plotly_chart` spec lengths in AppTest. HTTP = bytes on the wire as "
            "Chromium's DevTools report them (encodedDataLength; the browser cache makes warm loads small). "
            "Websocket = payload of the frames the server sent (elements and figures).",
            table(["page", "figure JSON", "HTTP cold", "HTTP warm", "websocket", "requests (cold)"], rows),
        ]
    )


def section_memory(mem: dict) -> tuple[str, dict]:
    growth = mem["after"] - mem["before"]
    settled = None if mem["settled"] is None else mem["settled"] - mem["before"]
    rows = [
        ["before (after one warm-up session)", mem["before"], "-"],
        ["peak while sessions were open", mem["peak"], mem["peak"] - mem["before"]],
        [f"{mem['sessions']} sessions opened ({mem['batch']} at a time) and closed", mem["after"], growth],
    ]
    if settled is not None:
        rows.append([f"{mem['settle_s']:.0f} s later (past disconnectedSessionTTL)", mem["settled"], settled])
    return "\n\n".join(
        ["### Server memory for 50 sessions on / (RSS, MB)", table(["when", "RSS MB", "growth MB"], rows)]
    ), {"growth": growth, "settled": settled}


def section_ingest(tp: dict, sizes: list[dict]) -> str:
    rows = [
        [
            f"{s['factor']}x",
            f"{s['bytes'] / 1024:.1f} KB",
            s["read_s"] * 1000,
            s["extract_s"] * 1000,
            s["store_s"] * 1000,
            s["ingest_s"] * 1000,
            1 / s["ingest_s"],
        ]
        for s in sizes
    ]
    return "\n\n".join(
        [
            "### Ingestion (dashboard.ingest.ingest_bytes into a temporary store)",
            f"Bundled corpus: {tp['articles']} articles (mean {tp['mean_kb']:.1f} KB) in {tp['seconds']:.2f} s = "
            f"**{tp['per_second']:.0f} articles/s**; statuses {tp['statuses']}.",
            "Growth with article size (one article's body repeated; median of 5):",
            table(["size", "bytes", "read ms", "extract ms", "store ms", "ingest ms", "articles/s"], rows),
        ]
    )


KINDS = {
    "cold": "first visit of a session, by URL (cold HTTP cache)",
    "nav": "in-app: sidebar click → new page drawn",
    "reload": "full page load by URL (warm HTTP cache)",
}


def load_profile(ld: dict) -> str:
    if "profile" not in ld:  # figures from before the profiles
        return "Profile: all sessions at once, no pause, every visit a full page load."
    conc = ld["concurrency"]
    how = (
        "sessions arrive one every {:.1f} s (ramp {:.0f} s), pause {:.0f}–{:.0f} s (uniform) before each "
        "click, move between pages with the sidebar".format(
            ld["ramp_s"] / max(ld["sessions"], 1), ld["ramp_s"], *ld["think_s"]
        )
        if ld["profile"] == "reader"
        else "all sessions at once, no pause, every visit a full page load"
    )
    return (
        f"Profile `{ld['profile']}`: {how}. Measured concurrency: at most **{conc['sessions']['max']} "
        f"viewer sessions open at once** (all {ld['sessions']} for {conc['sessions']['all_open_s']:.0f} s), "
        f"at most {conc['loads_in_flight']['max']} page loads in flight at once; the reviewer ingested for "
        f"{conc['reviewer_s']:.0f} s. Load average {ld['loadavg_start'][0]:.1f} at the start, "
        f"{ld['loadavg_end'][0]:.1f} at the end (other work on the machine slows every figure)."
    )


def load_kinds(ld: dict) -> str:
    head = ["page loads", "n", "p50 ms", "p95 ms", "server share p50 ms", "server share p95 ms"]
    if "by_kind" not in ld:
        return table(
            ["page loads", "p50 ms", "p95 ms"],
            [
                ["all", ld["p50_ms"], ld["p95_ms"]],
                ["first visit of a session (cold HTTP cache)", ld["cold_p50_ms"], ld["cold_p95_ms"]],
                ["later visits (warm HTTP cache)", ld["warm_p50_ms"], ld["warm_p95_ms"]],
                [
                    "server's share: rerun request → main frame sent back",
                    ld["server_p50_ms"],
                    ld["server_p95_ms"],
                ],
            ],
        )
    rows = [
        ["all page loads", ld["loads"], ld["p50_ms"], ld["p95_ms"], ld["server_p50_ms"], ld["server_p95_ms"]]
    ]
    rows += [
        [KINDS[k], v["n"], v["p50_ms"], v["p95_ms"], v["server_p50_ms"], v["server_p95_ms"]]
        for k, v in ld["by_kind"].items()
    ]
    va = ld["viewer_actions"]
    rows.append(["viewer actions (slider, country filter)", va["n"], va["p50_ms"], va["p95_ms"], "-", "-"])
    return (
        "Server share: from the page's first websocket message (its rerun request) to the largest frame "
        "the server sent back (the figure); the rest is the browser's.\n\n" + table(head, rows)
    )


def section_load(ld: dict) -> str:
    by_page = [[p, ms] for p, ms in ld["median_by_page_ms"].items()]
    actions = [[a, v["n"], v["p50_ms"], v["p95_ms"]] for a, v in sorted(ld["actions"].items())]
    st = ld["store"]
    errors = ld["errors"]
    err_md = (
        "none"
        if not errors
        else "\n".join(f"- `{e}`" for e in errors[:15])
        + (f"\n- ... {len(errors) - 15} more" if len(errors) > 15 else "")
    )
    return "\n\n".join(
        [
            f"### Load test: {ld['sessions']} browser sessions + 1 reviewer (bench/load.py)",
            f"{ld['loads']} of {ld['expected_loads']} page loads completed in {ld['wall_s']:.0f} s; "
            f"page load (navigation start, or sidebar click, to chart) **p50 {ld['p50_ms'] / 1000:.1f} s, p95 {ld['p95_ms'] / 1000:.1f} s**, "
            f"max {ld['max_ms'] / 1000:.1f} s. Server RSS {ld['rss_before_mb']:.0f} → {ld['rss_after_mb']:.0f} MB. "
            f"CPU: the machine was {100 * ld['machine_busy_s'] / ld['machine_cpu_s']:.0f}% busy over the run; "
            f"the server process used {ld['server_cpu_s']:.0f} of the {ld['machine_busy_s']:.0f} busy CPU-seconds "
            + (
                f"(of the rest, {ld['generator_cpu_s']:.0f} went to Playwright and Chromium, the load generator on "
                f"the same {os.cpu_count()} cores, and {ld['other_cpu_s']:.0f} to other work on the machine)."
                if "generator_cpu_s" in ld
                else f"(the rest is Chromium, the load generator, on the same {os.cpu_count()} cores)."
            ),
            load_profile(ld),
            load_kinds(ld),
            table(["page", "median load ms"], by_page),
            table(["action", "n", "p50 ms", "p95 ms"], actions),
            f"Store after the run (read-only): {st['accepted_seen']} events accepted in the browser, "
            f"{st['events_stored']} stored, stored more than once: {st['stored_more_than_once'] or 'none'}, "
            f"accepted but missing: {st['accepted_but_missing'] or 'none'}, stored but never shown as accepted: "
            f"{st['stored_but_not_seen'] or 'none'}; articles {st['articles']} ({st['distinct_articles']} distinct); "
            f"candidates {st['candidates']}. **Exactly once: {'yes' if st['ok'] else 'NO'}**.",
            f"Errors seen (stException elements, console errors, page errors, HTTP >= 400, timeouts): {err_md}",
            f"Expected 404s of Streamlit's client probing `/<page>/_stcore/health|host-config` (not counted): "
            f"{ld['benign_404']}. Requests that tried to leave 127.0.0.1: {len(ld['outside_requests'])}.",
        ]
    )


def section_profiles(found: list[dict]) -> str:
    parts = ["### Profiles (cProfile of the script thread; project functions by cumulative seconds)"]
    for p in found:
        top = "\n".join(f"    {cum:7.2f} s  {fn}" for cum, fn in p["top"][:8])
        parts.append(f"**{p['data']}, {p['what']}** ({p['seconds']:.2f} s profiled):\n\n```\n{top}\n```")
    return "\n\n".join(parts)


def environment() -> str:
    try:
        chromium = subprocess.run(
            [browser.CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except OSError:
        chromium = "?"
    import duckdb
    import pandas
    import plotly
    import streamlit

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"Run {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, {mem:.0f} GB RAM, "
        f"Python {platform.python_version()}, streamlit {streamlit.__version__}, plotly {plotly.__version__}, "
        f"pandas {pandas.__version__}, duckdb {duckdb.__version__}, {chromium}."
    )


def summary(pages_chk, server_chk, fig_max, mem_chk, ld) -> str:
    rows = [
        [
            "home map within 1.15x of the minimal geo page (cold / warm)",
            f"{pages_chk['home_cold_ratio']:.2f}x / {pages_chk['home_warm_ratio']:.2f}x",
            verdict(
                pages_chk["home_cold_ratio"] <= TARGET["home_vs_geo"]
                and pages_chk["home_warm_ratio"] <= TARGET["home_vs_geo"]
            ),
        ],
        [
            "headline ('Confirmed ≤ 12 months') before the map",
            "every round" if pages_chk["headline_first"] else "not every round",
            verdict(pages_chk["headline_first"]),
        ],
    ]
    for name, limit in (("100k", "150 ms"), ("1M", "500 ms")):
        ok = server_chk["change_checks"].get(name)
        rows.append(
            [
                f"filter change < {limit} server time at {name} events",
                f"{sum(bool(x) for x in ok)}/{len(ok)} changes under" if ok else "not measured",
                verdict(all(ok)) if ok else "n/a",
            ]
        )
    small, large = fig_max["bundled"], fig_max["any"]
    rows.append(
        [
            "no page > 300 KB of figure JSON (bundled data and synthetic up to 1M events)",
            f"largest {report.kb(small[2])} at {small[1]} (bundled); {report.kb(large[2])} at "
            f"{large[0]} {large[1]} (any size)",
            verdict(large[2] <= TARGET["fig_kb"] * 1024),
        ]
    )
    rows.append(
        [
            "< 100 MB memory growth for 50 sessions",
            f"{mem_chk['growth']:.0f} MB"
            + (f" ({mem_chk['settled']:.0f} MB after the TTL)" if mem_chk["settled"] is not None else ""),
            verdict(mem_chk["growth"] < TARGET["memory_mb"]),
        ]
    )
    rows.append(
        [
            f"p95 page load < 5 s with {ld['sessions']} sessions",
            f"{ld['p95_ms'] / 1000:.1f} s",
            verdict(
                ld["p95_ms"] / 1000 < TARGET["p95_s"]
                and ld.get("concurrency", {}).get("sessions", {}).get("max", ld["sessions"]) >= 20
            ),
        ]
    )
    return "### Targets\n\n" + table(["target", "measured", "verdict"], rows)


SECTIONS = ("server", "profiles", "pages", "memory", "ingest", "load")


def save(results: dict) -> None:
    RESULTS.write_text(json.dumps(results, indent=1, default=str))


def measure(sections: set[str], quick: bool, results: dict) -> None:
    """Each section's figures are saved as soon as they are known: a failure late in an
    hour-long run keeps the rest (`--only` then re-measures what is missing)."""
    with tempfile.TemporaryDirectory(prefix="sahel-bench-") as tmp_name:
        tmp = Path(tmp_name)
        datasets: dict = {"bundled": None}
        if sections & {"server", "profiles"}:
            gen = {}
            for name, n in SIZES.items():
                if quick and n > 10_000:
                    continue
                t0 = time.perf_counter()
                datasets[name] = synth.generate(n, tmp / f"syn-{name}")
                gen[name] = time.perf_counter() - t0
                log(f"synthetic {name}: {gen[name]:.1f} s")
            from dashboard.records.schema import validate

            t0 = time.perf_counter()
            problems = validate(datasets["10k"])
            results["synth"] = {
                "generate_s": gen,
                "validate_10k_problems": len(problems),
                "validate_10k_s": time.perf_counter() - t0,
            }
        if "server" in sections:
            log("server-side script time (AppTest)")
            results["server"] = server_times(datasets, tmp)
            save(results)
        if "profiles" in sections:
            log("profiles")
            results["profiles"] = profiles(datasets, tmp, quick)
            save(results)
        if "pages" in sections:
            log("page timings in Chromium")
            running = [servers.dashboard(tmp / "pages")]
            try:
                running += [servers.baseline(name, tmp) for name in ("empty", "geo", "home_figure")]
                dash, empty, geo, home_figure = running
                targets = [
                    ("empty", empty.url + "/", "title"),
                    ("geo", geo.url + "/", "chart"),
                    ("home figure alone", home_figure.url + "/", "chart"),
                ]
                targets += [(label, dash.url + path, mark) for label, path, mark in PAGES]
                results["pages"] = browser.page_timings(targets, reps=1 if quick else 5, log=log)
            finally:
                for s in running:
                    s.stop()
            save(results)
        if "memory" in sections:
            log("memory for 50 sessions")
            mem_server = servers.dashboard(tmp / "memory")
            try:
                results["memory"] = browser.memory_growth(
                    mem_server,
                    mem_server.url + "/",
                    sessions=10 if quick else 50,
                    settle=0 if quick else 130,
                    log=log,
                )
            finally:
                mem_server.stop()
            save(results)
        if "ingest" in sections:
            log("ingestion")
            results["ingest"] = {"throughput": ingest_speed.throughput(), "by_size": ingest_speed.by_size()}
            save(results)
        if "load" in sections:
            log("load test")
            results["load"] = load.run(
                sessions=5 if quick else 20, visits=2 if quick else 5, articles=2 if quick else 10, log_fn=log
            )


def render(results: dict) -> str:
    pages_md, pages_chk = section_pages(results["pages"])
    server_md, server_chk = section_server(results["server"], {})
    fig_rows = [r for r in server_chk["fig_rows"] if r[2] is not None]
    for data, pages in results["server"].items():  # a change can draw more
        for name, recs in pages.items():
            fig_rows += [
                (data, f"{name} after {c['what']}", sum(c["fig_bytes"]))
                for c in pick(recs, "change")
                if c.get("fig_bytes")
            ]
    biggest = {
        "bundled": max((r for r in fig_rows if r[0] == "bundled"), key=lambda r: r[2]),
        "any": max(fig_rows, key=lambda r: r[2]),
    }
    mem_md, mem_chk = section_memory(results["memory"])
    sy = results["synth"]
    synth_note = (
        "Synthetic data (bench/synth.py): generated in "
        + ", ".join(f"{k} {v:.1f} s" for k, v in sy["generate_s"].items())
        + f"; the 10k folder validates with {sy['validate_10k_problems']} problems "
        f"({sy['validate_10k_s']:.1f} s)."
    )
    runs = results["runs"]
    how = "; ".join(
        f"`{r['command']}` on {r['when']} ({r['minutes']:.0f} min, load average "
        f"{r.get('load_before', float('nan')):.1f} at its start)"
        for r in runs
    )
    return "\n\n".join(
        [
            f"_{environment()} Measured by {how}._",
            summary(pages_chk, server_chk, biggest, mem_chk, results["load"]),
            pages_md,
            section_bytes(results["pages"], results["server"]),
            server_md,
            synth_note,
            mem_md,
            section_ingest(results["ingest"]["throughput"], results["ingest"]["by_size"]),
            section_load(results["load"]),
            section_profiles(results["profiles"]),
        ]
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small run: 10k only, 1 round, 5 sessions")
    ap.add_argument(
        "--only",
        default="",
        help=f"re-measure only these sections ({','.join(SECTIONS)}); "
        "the others are taken from bench/results.json",
    )
    ap.add_argument("--no-readme", action="store_true", help="print only; leave bench/README.md alone")
    args = ap.parse_args(argv)
    sections = set(filter(None, args.only.split(","))) or set(SECTIONS)
    unknown = sections - set(SECTIONS)
    if unknown:
        ap.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    results: dict = json.loads(RESULTS.read_text()) if args.only and RESULTS.exists() else {"runs": []}
    results.setdefault("runs", [])
    started = time.perf_counter()
    load_before = os.getloadavg()[0]  # other work on the machine skews every figure
    measure(sections, args.quick, results)
    command = (
        "python -m bench" + (" --quick" if args.quick else "") + (f" --only {args.only}" if args.only else "")
    )
    results["runs"] = [r for r in results["runs"] if args.only] + [
        {
            "command": command,
            "when": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "minutes": (time.perf_counter() - started) / 60,
            "load_before": load_before,
        }
    ]
    save(results)
    md = render(results)
    print(md)
    if not args.no_readme:
        report.write_readme(md)
        log(f"results written to {report.README} and {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
