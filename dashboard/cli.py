"""Command line: python -m dashboard {validate,extract,ingest,export,evaluate} (see README)."""
from __future__ import annotations

import argparse
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard",
                                     description="Sahel Presence Monitor tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every data table")
    p.add_argument("data_dir", nargs="?", default=str(schema.DATA_DIR))
    p.set_defaults(func=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
