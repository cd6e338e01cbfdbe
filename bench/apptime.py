"""Server-side script time per page and per filter change, measured with AppTest.

One page per process: dashboard.records.schema reads SAHEL_DATA at import, caches are per process
(so the first run is a true cold start), and a parent can stop a page that runs for minutes
(AppTest's own timeout waits for the script thread, which pure-Python work does not stop):
    SAHEL_DATA=/tmp/syn100k SAHEL_DB=/tmp/x.duckdb python -m bench.apptime --page /timeline
Prints one JSON object per line as each figure is known, so whatever was measured before the
parent stopped it survives.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
# (label, page script or None for the default page, query parameters)
PAGES = (
    ("/", None, {}),
    ("/timeline", "app_pages/timeline.py", {}),
    ("/indicators", "app_pages/indicators.py", {}),
    ("/sources", "app_pages/sources.py", {}),
    ("/present?step=2", "app_pages/present.py", {"step": "2"}),
)
# (page label, what, widget kind, key, value): one interaction a reader makes on each page.
CHANGES = (
    ("/timeline", "country filter = Niger", "multiselect", "f_country", ["NER"]),
    ("/timeline", "text filter = 'base'", "text_input", "f_q", "base"),
    ("/timeline", "text filter cleared (a view seen before)", "text_input", "f_q", ""),
    ("/", "map date slider -> 2024-06", "select_slider", "month", "2024-06"),
    ("/indicators", "sanctions map month -> 2023-09", "select_slider", "ind_month", "2023-09"),
)
RERUNS = 3
_PROFILE: cProfile.Profile | None = None


def emit(**record) -> None:
    print(json.dumps(record), flush=True)


def _profiled_script_runs() -> None:
    """AppTest runs the script in a thread of its own: enable the profiler inside it."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def run(self, *args, **kwargs):
        if _PROFILE is None:
            return original(self, *args, **kwargs)
        _PROFILE.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            _PROFILE.disable()

    script_runner.ScriptRunner._run_script = run


def timed_run(at, timeout: float, profile_as: str | None = None) -> float:
    global _PROFILE
    _PROFILE = cProfile.Profile() if profile_as else None
    t0 = time.perf_counter()
    at.run(timeout=timeout)
    took = time.perf_counter() - t0
    if _PROFILE is not None:
        out = io.StringIO()
        stats = pstats.Stats(_PROFILE, stream=out)
        stats.sort_stats("cumulative").print_stats(r"dashboard|pages|plotly|pandas|streamlit", 25)
        emit(kind="profile", what=profile_as, seconds=took, top=_top_own(stats), text=out.getvalue())
        _PROFILE = None
    return took


def _top_own(stats: pstats.Stats, n: int = 12) -> list:
    """Functions of the project by cumulative time: which one dominates."""
    rows = []
    for (file, line, name), (_, _, _, cum, _) in stats.stats.items():
        if "/dashboard/" in file or "/app_pages/" in file:
            rows.append((round(cum, 3), f"{Path(file).parent.name}/{Path(file).name}:{line} {name}"))
    return sorted(rows, reverse=True)[:n]


def fig_bytes(at) -> list[int]:
    return [len(c.proto.spec) for c in at.get("plotly_chart")]


def open_page(page: str | None, params: dict, timeout: float):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    return at


def widget(at, kind: str, key: str):
    return getattr(at, kind)(key=key)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=300, help="seconds allowed per script run")
    ap.add_argument("--profile", action="store_true", help="cProfile each run after the cold one")
    ap.add_argument("--page", default="/", help="the page label to measure, e.g. /timeline")
    ap.add_argument("--changes", default="", help="only the changes whose text contains this")
    args = ap.parse_args(argv)
    _profiled_script_runs()
    label, page, params = next(p for p in PAGES if p[0] == args.page)

    from dashboard import config
    from dashboard.store import Store

    t0 = time.perf_counter()
    Store(config.db_target()).close()  # seeds the file from SAHEL_DATA when it is new or stale
    emit(kind="seed", page=label, seconds=time.perf_counter() - t0)

    # Cold: the first run in a fresh process pays for imports, reading the store into the
    # cached tables and building the presence intervals.
    at = open_page(page, params, args.timeout)
    cold = timed_run(at, args.timeout)
    emit(kind="cold", page=label, seconds=cold, exception=[e.value for e in at.exception])
    # A new session on warm caches, then reruns of it (fewer when one run takes long).
    at = open_page(page, params, args.timeout)
    first = timed_run(at, args.timeout)
    reruns = [timed_run(at, args.timeout) for _ in range(RERUNS if first < 10 else 0)] or [first]
    if args.profile:
        timed_run(at, args.timeout, f"rerun {label}")
    emit(
        kind="page",
        page=label,
        first=first,
        rerun=statistics.median(reruns),
        fig_bytes=fig_bytes(at),
        exception=[e.value for e in at.exception],
        elements=len(at.markdown) + len(at.caption),
    )
    for page_label, what, kind, key, value in CHANGES:
        if page_label != label or args.changes not in what:
            continue
        try:
            widget(at, kind, key).set_value(value)
            took = timed_run(at, args.timeout, f"change {what}" if args.profile else None)
            emit(
                kind="change",
                page=label,
                what=what,
                seconds=took,
                fig_bytes=fig_bytes(at),
                exception=[e.value for e in at.exception],
            )
        except Exception as err:  # e.g. an AppTest timeout: say so and go on
            emit(kind="change", page=label, what=what, error=f"{type(err).__name__}: {str(err)[:200]}")
    emit(
        kind="rss",
        page=label,
        max_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        data=os.environ.get("SAHEL_DATA", "bundled"),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
