"""Command line: python -m dashboard {validate,extract,ingest,export,evaluate} (see README)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dashboard import schema


def cmd_validate(args) -> int:
    problems = schema.validate(Path(args.data_dir))
    if problems:
        for p in problems:
            print(f"{Path(args.data_dir) / p.file}: line {p.line}, field '{p.field}': {p.message}",
                  file=sys.stderr)
        print(f"{len(problems)} problem(s) found in {args.data_dir}", file=sys.stderr)
        return 1
    counts = {t.file: sum(1 for _ in open(Path(args.data_dir) / t.file, encoding="utf-8")) - 1
              for t in schema.TABLES if (Path(args.data_dir) / t.file).exists()}
    print("ok: " + ", ".join(f"{n} rows in {f}" for f, n in counts.items()))
    return 0


def cmd_extract(args) -> int:
    from dashboard.extract import ArticleError, extract, read_article
    path = Path(args.file)
    try:
        article = read_article(path.read_bytes(), path.name)
    except (ArticleError, OSError) as err:
        print(f"{path}: {err}", file=sys.stderr)
        return 1
    for cand in extract(article):
        print(json.dumps(cand.to_dict(), ensure_ascii=False) if args.json else cand)
    return 0


def cmd_ingest(args) -> int:
    from dashboard.ingest import ingest_paths
    from dashboard.store import Store
    store = Store()
    if store.warning:
        print(store.warning, file=sys.stderr)
        return 2
    results = ingest_paths(store, args.paths)
    for r in results:
        print(f"{r.status:9} {r.name}: {r.message}")
    if not results:
        print("no article files found", file=sys.stderr)
    return 1 if not results or any(r.status == "rejected" for r in results) else 0


def cmd_export(args) -> int:
    from dashboard import export, filters, selection
    from dashboard.store import Store
    params = {k: v for k, v in (("country", args.country), ("actor", args.actor),
                                ("type", args.type), ("from", args.from_), ("to", args.to),
                                ("q", args.q)) if v}
    view, notices = filters.from_params(params)
    for n in notices:
        print(f"ignored {n.name}={n.value}", file=sys.stderr)
    store = Store()
    frame = selection.select(args.what, store.table(args.what), view)
    prepared = export.prepare(args.what, frame, store.table("sources"), store.table("locations"))
    if args.format == "json":
        sys.stdout.write(export.to_json(prepared))
    else:
        sys.stdout.write(export.to_csv(prepared, args.what, hxl=args.format == "hxl"))
    return 0


def cmd_evaluate(args) -> int:
    from dashboard.extract import evaluate
    return evaluate.main(args.rest)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard",
                                     description="Sahel Presence Monitor tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every data table")
    p.add_argument("data_dir", nargs="?", default=str(schema.DATA_DIR))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("extract", help="print the candidate events of one article")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="extract and store candidates for review")
    p.add_argument("paths", nargs="+", help="article files or folders")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("export", help="filtered events, sanctions or prices to stdout")
    p.add_argument("--what", choices=("events", "sanctions", "prices"), default="events")
    p.add_argument("--format", choices=("csv", "hxl", "json"), default="hxl")
    for name in ("country", "actor", "type", "to", "q"):
        p.add_argument(f"--{name}", action="append" if name in ("country", "actor", "type") else None)
    p.add_argument("--from", dest="from_")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("evaluate", help="precision and recall of the extractor on the corpus")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
