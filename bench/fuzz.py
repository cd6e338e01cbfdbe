"""`python -m bench.fuzz`: the fuzz tests under the long Hypothesis profile, with figures.

Runs tests/unit/test_fuzz_parsers.py and tests/unit/test_fuzz_review.py with pytest in a child
process (HYPOTHESIS_PROFILE=long: more than 10,000 generated inputs in all; `--profile quick`
for the CI-sized run) and prints, per target: inputs run, how they ended, crashes (distinct
unexpected exceptions, with the shortest input that raised each), cases over the per-case time
limit and the slowest case. The figures come from the tests themselves (FUZZ_STATS); pass/fail
from pytest's JUnit report. Exits with pytest's status, so a crash fails the command.

    .venv/bin/python -m bench.fuzz                 # long profile, 2 s per case
    .venv/bin/python -m bench.fuzz --profile quick # what CI runs
    .venv/bin/python -m bench.fuzz --strict        # also fail on crashes listed in KNOWN_BUGS
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
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/unit/test_fuzz_parsers.py", "tests/unit/test_fuzz_review.py"]
# Targets in the order the issue lists them, with what each one feeds.
TARGETS = {
    "from_params": "URL parameters (filters.from_params, to_params round trip)",
    "read_csv": "CSV/HXL text (export_reader.read_csv)",
    "csv_round_trip": "typed exports (prepare -> to_csv -> read_csv)",
    "validate": "damaged copies of data/: junk bytes (schema.validate)",
    "validate_cells": "damaged copies of data/: one cell changed (validate, then load as the store does)",
    "article": "article files, any publication date (read_article + extract)",
    "extract": "article text, any date (extract)",
    "ingest": "uploaded bytes (ingest.ingest_bytes into a DuckDB Store)",
    "ingest_any_date": "uploads with any date and relative dates (ingest_bytes)",
    "review": "review edits, any field values (review.accept, withdraw)",
    "store_open": "damaged store files (Store(path), then read and upload)",
}


def run(
    profile: str, limit: float, strict: bool, extra: list[str]
) -> tuple[int, dict, dict, float, list[str]]:
    with tempfile.TemporaryDirectory(prefix="bench-fuzz-") as tmp:
        stats_path, junit = Path(tmp) / "stats.json", Path(tmp) / "junit.xml"
        env = os.environ | {
            "HYPOTHESIS_PROFILE": profile,
            "FUZZ_STATS": str(stats_path),
            "FUZZ_CASE_LIMIT": str(limit),
        }
        if strict:
            env["FUZZ_STRICT"] = "1"
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            *TESTS,
            "-p",
            "no:cacheprovider",
            "-q",
            f"--junitxml={junit}",
            *extra,
        ]
        start = time.perf_counter()
        # pytest's own output goes to stderr: stdout keeps only the figures.
        code = subprocess.call(cmd, cwd=ROOT, env=env, stdout=sys.stderr, stderr=sys.stderr)
        wall = time.perf_counter() - start
        stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
        outcomes = _junit(junit)
    return code, stats, outcomes, wall, cmd


def _junit(path: Path) -> dict:
    """Counts of passed / failed / xfailed / skipped tests, and the failures' names."""
    out = {"passed": 0, "failed": 0, "skipped": 0, "xfailed": 0, "failures": []}
    if not path.exists():
        return out
    for case in ET.parse(path).getroot().iter("testcase"):
        name = f"{case.get('classname', '').rsplit('.', 1)[-1]}::{case.get('name')}"
        bad = case.find("failure") if case.find("failure") is not None else case.find("error")
        skipped = case.find("skipped")
        if bad is not None:
            out["failed"] += 1
            out["failures"].append(
                f"{name}: {(bad.get('message') or '').splitlines()[0][:160]}" if bad.get("message") else name
            )
        elif skipped is not None:
            out["xfailed" if skipped.get("type") == "pytest.xfail" else "skipped"] += 1
        else:
            out["passed"] += 1
    return out


def _short(text: str, n: int = 70) -> str:
    text = text.replace("|", "\\|").replace("\n", "\\n")
    return text if len(text) <= n else text[: n - 3] + "..."


def figures(
    profile: str, limit: float, code: int, stats: dict, tests: dict, wall: float, command: str
) -> str:
    targets = [t for t in TARGETS if t in stats] + sorted(
        t for t in stats if t not in TARGETS and not t.startswith("_")
    )
    rows, total = [], {"inputs": 0, "crashes": 0, "known": 0, "over": 0}
    slowest = (0.0, "", "")
    for t in targets:
        s = stats[t]
        crashes = len(s["errors"])
        known = sum(e["count"] for e in s["known"].values())
        ended = ", ".join(f"{k} {v}" for k, v in sorted(s.get("outcomes", {}).items(), key=lambda kv: -kv[1]))
        # One named case ("pinned:" a strict xfail of a known bug, "regression:" a fixed one):
        # listed, not in the totals.
        pinned = t.startswith(("pinned:", "regression:"))
        note = (
            " (strict xfail, not in the totals)"
            if t.startswith("pinned:")
            else " (named case, not in the totals)"
            if pinned
            else ""
        )
        rows.append(
            f"| {t}{note} | {s['inputs']:,} | "
            f"{crashes} | {known} | {s['over_limit']} | {s['slowest'] * 1000:.1f} | "
            f"{_short(ended, 160) or '-'} |"
        )
        if pinned:
            continue
        total["inputs"] += s["inputs"]
        total["crashes"] += crashes
        total["known"] += known
        total["over"] += s["over_limit"]
        if s["slowest"] > slowest[0]:
            slowest = (s["slowest"], t, s["slowest_input"])
    cores = os.cpu_count()
    try:
        load = f"{os.getloadavg()[0]:.1f}"
    except OSError:
        load = "n/a"
    lines = [
        f"### Fuzzing (`{command}`)",
        "",
        f"_Run {dt.datetime.now():%Y-%m-%d %H:%M} on {cores} cores, Python {platform.python_version()}, "
        f"profile **{profile}**, per-case limit {limit:g} s, wall time {wall / 60:.1f} min "
        f"(load average {load} at the end). pytest: {tests['passed']} passed, {tests['failed']} failed, "
        f"{tests['xfailed']} xfailed, exit status {code}._",
        "",
        "| target | inputs | crashes | known-bug hits | over the limit | slowest ms | how the inputs ended |",
        "|---|---|---|---|---|---|---|",
        *rows,
        f"| **all** | **{total['inputs']:,}** | **{total['crashes']}** | **{total['known']}** | "
        f"**{total['over']}** | **{slowest[0] * 1000:.1f}** | |",
        "",
        "Inputs: every call a fuzz test timed (explicit examples and shrinking included); "
        "a crash is a distinct exception other than the answers each target allows.",
        f"Slowest case: {slowest[0] * 1000:.1f} ms in `{slowest[1]}`, input `{_short(slowest[2], 160)}`.",
        "Targets: " + "; ".join(f"`{t}` {TARGETS[t]}" for t in targets if t in TARGETS) + ".",
    ]
    for t in targets:
        for kind, label in (("errors", "crash"), ("known", "known bug")):
            for sig, e in stats[t][kind].items():
                lines.append(
                    f"- {label} in `{t}` ({e['count']} calls): `{_short(sig, 160)}`; "
                    f"shortest input `{_short(e['input'], 200)}`"
                )
    for failure in tests["failures"]:
        lines.append(f"- failed: `{_short(failure, 200)}`")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--profile", choices=("quick", "long"), default="long")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds allowed per input (2)")
    parser.add_argument("--strict", action="store_true", help="fail on KNOWN_BUGS crashes too")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    # Any other argument goes to pytest as it is (e.g. -k review, -x).
    args, pytest_args = parser.parse_known_args(argv)
    command = "python -m bench.fuzz" + ("" if args.profile == "long" else f" --profile {args.profile}")
    code, stats, tests, wall, _ = run(args.profile, args.limit, args.strict, pytest_args)
    print(figures(args.profile, args.limit, code, stats, tests, wall, command))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"stats": stats, "tests": tests, "wall_s": wall, "exit": code}, indent=1, ensure_ascii=False
            )
        )
    return code


if __name__ == "__main__":
    sys.exit(main())
