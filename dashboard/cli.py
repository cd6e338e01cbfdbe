"""Command line: python -m dashboard {validate,extract,ingest,fetch,review,export,brief,import-prices,
evaluate} (see README).

A named error of the library ends a command with its message and an exit code: 1 for bad
input, 2 when the store or the credential is not there (see EXIT_CODES)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
import tomllib
from pathlib import Path

from dashboard import config
from dashboard.errors import BadInput, DashboardError, NotAuthorised, StoreUnavailable
from dashboard.records import schema

EXIT_CODES = ((BadInput, 1), (StoreUnavailable, 2), (NotAuthorised, 2), (DashboardError, 1))


def cmd_validate(args) -> int:
    folder = Path(args.data_dir or config.data_dir())
    problems = schema.validate(folder)
    if problems:
        for p in problems:
            print(f"{folder / p.file}: line {p.line}, field '{p.field}': {p.message}", file=sys.stderr)
        print(f"{len(problems)} problem(s) found in {folder}", file=sys.stderr)
        return 1
    counts = schema.row_counts(folder)
    print("ok: " + ", ".join(f"{n} rows in {f}" for f, n in counts.items()))
    return 0


def cmd_extract(args) -> int:
    from dashboard.ingest.extract import extract, read_article

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BadInput(f"{path}: {err.strerror or err}") from None
    article = read_article(data, path.name)
    for cand in extract(article):
        print(json.dumps(cand.to_dict(), ensure_ascii=False) if args.json else cand)
    return 0


def cmd_ingest(args) -> int:
    from dashboard.ingest import ingest_paths, iter_files
    from dashboard.store import Store

    store = Store(fallback=False)
    paths = iter_files(args.paths)
    done = 0

    def said(r) -> None:  # as each file is done: a long run shows how far it got
        nonlocal done
        done += 1
        print(f"[{done}/{len(paths)}] {r.status:9} {r.name}: {r.message}", flush=True)

    try:
        results = ingest_paths(store, paths, progress=said)
    finally:
        store.close()
    if not results:
        print("no article files found", file=sys.stderr)
    return 1 if not results or any(r.status == "rejected" for r in results) else 0


def cmd_fetch(args) -> int:
    from dashboard.ingest.feeds import fetch_and_store
    from dashboard.store import Store

    since = args.since
    if since is not None:
        try:
            since = dt.date.fromisoformat(since).isoformat()
        except ValueError:
            raise BadInput(f"--since must be a date, YYYY-MM-DD, not {since!r}") from None
    feeds_file = Path(args.feeds or config.feeds_file())
    outcome = fetch_and_store(
        feeds_file, config.inbox_dir(), lambda: Store(fallback=False), only=args.source, since=since
    )
    for run in outcome.runs:
        status = "failed" if run["failed"] else "ok"
        print(
            f"{status:6} {run['source']}: {run['seen']} seen, {run['fetched']} fetched, "
            f"{len(run['failures'])} failure(s)"
        )
        for failure in run["failures"]:
            print(f"         {failure['reason']}: {failure['url']}")
    if not outcome.runs:
        print("no source is due (each waits its interval; --source NAME runs one now)")
    if outcome.drained is not None:
        d = outcome.drained
        print(f"stored {d.stored} article(s); {d.duplicates} copies of stored ones; {d.rejected} refused")
    else:
        print(
            f"{outcome.waiting} article(s) wait in {config.inbox_dir()}: the store is in use "
            f"({outcome.store_problem}); the dashboard stores them at its next start or when "
            "the Sources page opens",
            file=sys.stderr,
        )
    return 1 if any(r["failed"] for r in outcome.runs) else 0


def cmd_brief(args) -> int:
    from dashboard import briefing
    from dashboard.logic import filters
    from dashboard.records import vocab
    from dashboard.store import Store
    from dashboard.views import briefing as briefing_view
    from dashboard.views import markets as markets_view
    from dashboard.views import situation as map_view

    if args.date and not filters.parse_date(args.date):
        raise BadInput(f"--date {args.date!r}: expected YYYY-MM or YYYY-MM-DD")
    countries = tuple(c.upper() for c in args.country or vocab.COUNTRIES)
    unknown = sorted(set(countries) - set(vocab.COUNTRIES))
    if unknown:
        raise BadInput(f"--country {', '.join(unknown)}: expected one of {', '.join(vocab.COUNTRIES)}")
    store = Store(fallback=False)  # a briefing must not present the bundled copy as the store
    try:
        data = {name: store.table(name) for name in ("events", "sources", "locations", "sanctions", "prices")}
        graded = markets_view.market_data(data, store.query).graded
    finally:
        store.close()
    when = map_view.map_date(args.date or map_view.today())
    made = briefing_view.build(data, when, args.window, countries, args.lang, graded=graded)
    out = Path(args.out or made.filename)
    out.write_bytes(briefing.pdf(made))
    print(f"{out}: {out.stat().st_size:,} bytes, {len(made.sources)} sources, map {made.map_id}")
    return 0


def cmd_export(args) -> int:
    from dashboard.logic import filters, selection
    from dashboard.store import Store, market_prices
    from dashboard.views import export, gis

    params = {
        k: v
        for k, v in (
            ("country", args.country),
            ("actor", args.actor),
            ("type", args.type),
            ("from", args.from_),
            ("to", args.to),
            ("q", args.q),
            ("admin1", args.admin1),
        )
        if v
    }
    view, notices = filters.from_params(params)
    for n in notices:
        print(f"ignored {n.name}={n.value}", file=sys.stderr)
    store = Store(fallback=False)  # an export must not pass a bundled copy off as the store
    if args.format in gis.FORMATS:  # every layer of the view, to a file
        if not args.out:
            raise BadInput(f"--format {args.format} writes a file: give --out FILE")
        data = {name: store.table(name) for name in ("events", "sources", "locations")}
        layers = gis.layers(data, view, market_prices.markets(store.query))
        Path(args.out).write_bytes(gis.WRITERS[args.format](layers))
        print(f"{args.out}: " + ", ".join(f"{name} {len(frame)}" for name, frame in layers.items()))
        return 0
    if args.what == "situation":
        frame = _situation(store, view, args.date)
    elif args.what == "market_prices":
        frame = _market_prices(store, view, args)
    else:
        frame = selection.select(args.what, store.table(args.what), view)
    prepared = export.prepare(args.what, frame, store.table("sources"), store.table("locations"))
    if args.format == "json":
        sys.stdout.write(export.to_json(prepared))
    else:
        sys.stdout.write(export.to_csv(prepared, args.what, hxl=args.format == "hxl"))
    return 0


def cmd_import_prices(args) -> int:
    """WFP food-price files (HDX CSV) into the store: a line per file; a refused file stops the
    command with its message (the files before it stay stored, each in its own transaction)."""
    from dashboard.ingest import wfp
    from dashboard.store import Store

    store = Store(fallback=False)
    for path in args.files:
        result = wfp.import_files(store, [path], args.country)[0]
        print(f"imported {result.name}: {result.message()}")
    return 0


def _require_reviewer(args) -> None:
    """Raise NotAuthorised unless the caller holds the Sources page's credential. A token in
    SAHEL_REVIEWER_TOKEN is held by the caller; one kept in .streamlit/secrets.toml must be
    presented (--token-file, or typed at the prompt)."""
    from dashboard import auth

    expected = auth.configured_token(_secrets())
    if expected is None:
        raise NotAuthorised("read-only: no reviewer credential is configured (SAHEL_REVIEWER_TOKEN)")
    problem = auth.token_problem(expected)
    if problem:
        raise NotAuthorised(f"read-only: {problem}")
    if config.reviewer_token():
        return
    if args.token_file:
        given = Path(args.token_file).read_text(encoding="utf-8").strip()
    elif sys.stdin.isatty():
        given = getpass.getpass("Reviewer token: ")
    else:
        given = ""
    if not auth.is_reviewer(given, expected):
        raise NotAuthorised("the reviewer token is not valid")


def _secrets() -> dict:
    try:
        return tomllib.loads(config.secrets_file().read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def cmd_review(args) -> int:
    from dashboard.ingest import review
    from dashboard.records.missing import or_none
    from dashboard.store import Store

    _require_reviewer(args)
    store = Store(fallback=False)
    try:
        if args.action == "list":
            queue = review.pending(store)
            proposed_all = review.proposals(store, queue)
            for cand in queue.to_dict("records"):
                proposed = proposed_all[cand["candidate_id"]]
                kind = review.kind(cand["event_type"])
                line = {
                    "candidate_id": cand["candidate_id"],
                    "article_id": cand["article_id"],
                    "story_id": cand["story_id"],
                    "story_articles": int(cand["story_articles"]),
                    "admin1_code": or_none(cand["admin1_code"]),
                    "kind": kind,
                    "table": review.TABLES[kind],
                    "confidence": cand["confidence"],
                    "title": cand["title"],
                    "proposal": proposed,
                    "missing": review.missing_fields(kind, proposed, proposed["reliability"] is not None),
                }
                if args.json:
                    print(json.dumps(line, ensure_ascii=False, default=str))
                else:
                    print(
                        f"{line['candidate_id']}  {kind:8} {cand['event_type']:22} "
                        f"{proposed.get('date') or proposed.get('start') or proposed.get('end') or '-':10}  "
                        f"missing: {', '.join(line['missing']) or 'nothing'}"
                    )
            if not args.json:
                print(f"{len(queue)} candidate(s) waiting for review")
        elif args.action == "accept":
            values = {}
            for item in args.set or []:
                field, sep, value = item.partition("=")
                if not sep:
                    raise BadInput(f"--set {item!r}: expected field=value")
                values[field.strip()] = value
            done = review.accept(store, args.candidate_id, values, args.reviewer)
            print(
                f"accepted {args.candidate_id} as {done.record_id} in {done.table}"
                + (f"; changed: {', '.join(done.changes)}" if done.changes else "")
            )
        elif args.action == "withdraw":
            table = review.withdraw(store, args.record_id, args.reviewer, args.reason)
            print(f"withdrew {args.record_id} from {table}")
        else:
            review.reject(store, args.candidate_id, args.reviewer, args.reason)
            print(f"rejected {args.candidate_id}")
    except review.ReviewError as err:
        print(f"{args.action} refused: {err}", file=sys.stderr)
        return 1
    return 0


def _situation(store, view, date):
    """The forces present on `date` (default today), as the home map lists them."""
    from dashboard.logic import filters, presence, selection
    from dashboard.views import situation as map_view

    if date and not filters.parse_date(date):
        raise BadInput(f"--date {date!r}: expected YYYY-MM or YYYY-MM-DD")
    when = map_view.map_date(date or map_view.today())
    events = store.table("events")
    intervals = presence.build_intervals(events)
    present = presence.situation(intervals, events, when, presence.support_dates(intervals, events))
    return selection.select("intervals", present, view)


def _market_prices(store, view, args):
    """WFP market prices in view (countries, dates; --market and --commodity as WFP names them,
    case ignored), with their ALPS grade."""
    from dashboard.views import markets as markets_view

    markets = markets_view.market_data({}, store.query)
    frame = markets_view.market_export(markets, view)
    for column, wanted in (("market", args.market), ("commodity", args.commodity)):
        if wanted:
            names = {w.casefold() for w in wanted}
            frame = frame[frame[column].str.casefold().isin(names)]
    return frame


def cmd_evaluate(args) -> int:
    from dashboard.ingest.extract import evaluate

    return evaluate.main(args.rest)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Sahel Presence Monitor tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every data table")
    p.add_argument("data_dir", nargs="?", default=None, help="default: SAHEL_DATA or data/")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("extract", help="print the candidate events of one article")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="extract and store candidates for review")
    p.add_argument("paths", nargs="+", help="article files or folders")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("fetch", help="fetch new items of the feed sources into the review queue")
    p.add_argument("--source", help="only this source (by its name), due or not")
    p.add_argument("--since", help="skip items published before this date, YYYY-MM-DD")
    p.add_argument("--feeds", help="the feed sources file (default: SAHEL_FEEDS or feeds.toml)")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("brief", help="a one-page A4 briefing PDF of the situation on a date")
    p.add_argument("--date", help="YYYY-MM (its last day) or YYYY-MM-DD; default today")
    p.add_argument("--country", action="append", help="MLI, BFA or NER (repeatable; default all three)")
    p.add_argument("--lang", choices=("en", "fr"), default="en")
    p.add_argument(
        "--window", type=int, default=12, help="months of 'what changed' (default 12, as on the map)"
    )
    p.add_argument("--out", help="the PDF file (default sahel_presence_a4_YYYYMMDD_LANG.pdf)")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("export", help="filtered events, sanctions or prices to stdout")
    p.add_argument(
        "--what",
        choices=("events", "sanctions", "prices", "situation", "market_prices"),
        default="events",
        help="situation: the forces present on --date; market_prices: WFP's, with their ALPS alert",
    )
    p.add_argument("--market", action="append", help="market_prices: a WFP market name (repeatable)")
    p.add_argument("--commodity", action="append", help="market_prices: a WFP commodity name (repeatable)")
    p.add_argument("--date", help="the situation's date, YYYY-MM or YYYY-MM-DD (default today)")
    p.add_argument(
        "--format",
        choices=("csv", "hxl", "json", "gpkg", "geojson", "shp"),
        default="hxl",
        help="gpkg, geojson, shp (zipped): every GIS layer of the view, to --out",
    )
    p.add_argument("--out", help="the file a GIS format writes")
    for name in ("country", "actor", "type", "to", "q", "admin1"):
        p.add_argument(
            f"--{name}", action="append" if name in ("country", "actor", "type", "admin1") else None
        )
    p.add_argument("--from", dest="from_")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import-prices", help="store WFP food-price files (HDX CSV, with or without HXL row)")
    p.add_argument("files", nargs="+", help="wfp_food_prices_<iso3>.csv files")
    p.add_argument("--country", help="ISO3, when the file has no countryiso3 column and its name none")
    p.set_defaults(func=cmd_import_prices)

    p = sub.add_parser("review", help="list, accept or reject candidates (reviewer credential)")
    p.add_argument("--token-file", help="a file holding the reviewer token")
    p.add_argument(
        "--reviewer",
        default=getpass.getuser(),
        help="the name written to the review log (default: the login name)",
    )
    review_sub = p.add_subparsers(dest="action", required=True)
    r = review_sub.add_parser("list", help="candidates waiting, with what each still needs")
    r.add_argument("--json", action="store_true", help="one JSON object per line")
    r = review_sub.add_parser("accept", help="store a candidate in its table")
    r.add_argument("candidate_id")
    r.add_argument(
        "--set",
        action="append",
        metavar="FIELD=VALUE",
        help="a value over the candidate's own (repeatable); FIELD= empties it",
    )
    r = review_sub.add_parser("reject", help="drop a candidate")
    r.add_argument("candidate_id")
    r.add_argument("--reason")
    r = review_sub.add_parser("withdraw", help="take an accepted record off the pages again")
    r.add_argument("record_id")
    r.add_argument("--reason")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("evaluate", help="precision and recall of the extractor on the corpus")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "evaluate":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if unknown:  # evaluate's own options (--set, --json, ...) belong to dashboard.ingest.extract.evaluate
        args.rest = unknown + args.rest
    try:
        return args.func(args)
    except DashboardError as err:
        print(err, file=sys.stderr)
        return next(code for kind, code in EXIT_CODES if isinstance(err, kind))
