"""Score the extractor against hand-written answer keys, and time it.

A prediction matches a key when both name the same (country, actor, event_type); date and
troops are then scored on the matched pairs only. Country, actor and event_type are also
scored on their own, as the set of values each article yields.

    python -m dashboard.ingest.extract.evaluate [corpus_dir] [--json] [--strict]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional

from dashboard.ingest.extract.article import Article, read_article
from dashboard.ingest.extract.extractor import Candidate, extract

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "data" / "articles"
ANSWERS = "answers.json"
FIELDS = ("country", "actor", "event_type", "date", "troops", "triple")
TARGETS = {"precision": 0.9, "recall": 0.8, "articles_per_second": 200.0}


def load_corpus(corpus_dir: Path) -> tuple[list[tuple[str, Article]], dict[str, list[dict]]]:
    corpus_dir = Path(corpus_dir)
    answers = json.loads((corpus_dir / ANSWERS).read_text(encoding="utf-8"))
    articles = [(name, read_article((corpus_dir / name).read_bytes(), name))
                for name in sorted(answers)]
    return articles, answers


def date_key(c: Candidate) -> Optional[str]:
    """A candidate's date cut to its precision, comparable with the keys' 'YYYY[-MM[-DD]]'."""
    if not c.date:
        return None
    return {"year": c.date[:4], "month": c.date[:7]}.get(c.date_precision or "day", c.date)


def _triple(x) -> tuple:
    if isinstance(x, Candidate):
        return (x.country, x.actor, x.event_type)
    return (x.get("country"), x.get("actor"), x.get("event_type"))


def _pairs(keys: list[dict], preds: list[Candidate]) -> list[tuple[dict, Candidate]]:
    """One-to-one pairs within each triple, same-date pairs first."""
    pairs = []
    by_triple = defaultdict(list)
    for p in preds:
        by_triple[_triple(p)].append(p)
    pending = defaultdict(list)
    for k in keys:
        pending[_triple(k)].append(k)
    for triple, ks in pending.items():
        free = list(by_triple.get(triple, []))
        rest = []
        for k in ks:
            same = next((p for p in free if k.get("date") and date_key(p) == k["date"]), None)
            if same is not None:
                free.remove(same)
                pairs.append((k, same))
            else:
                rest.append(k)
        for k in rest:
            if free:
                pairs.append((k, free.pop(0)))
    return pairs


def score(answers: dict[str, list[dict]], predictions: dict[str, list[Candidate]]) -> dict:
    """Precision/recall per field over a corpus (see the module docstring)."""
    tally = {f: {"tp": 0, "predicted": 0, "expected": 0} for f in FIELDS}

    def add(field, tp, predicted, expected):
        t = tally[field]
        t["tp"] += tp
        t["predicted"] += predicted
        t["expected"] += expected

    for name, keys in answers.items():
        preds = predictions.get(name, [])
        for field in ("country", "actor", "event_type"):
            got = {getattr(p, field) for p in preds} - {None}
            want = {k.get(field) for k in keys} - {None}
            add(field, len(got & want), len(got), len(want))
        got_t = {_triple(p) for p in preds}
        want_t = {_triple(k) for k in keys}
        add("triple", len(got_t & want_t), len(got_t), len(want_t))
        for k, p in _pairs(keys, preds):
            for field, pv, kv in (("date", date_key(p), k.get("date")),
                                  ("troops", p.troops, k.get("troops"))):
                add(field, int(pv is not None and pv == kv), int(pv is not None), int(kv is not None))
    out = {}
    for field, t in tally.items():
        out[field] = dict(t, precision=_ratio(t["tp"], t["predicted"]),
                          recall=_ratio(t["tp"], t["expected"]))
    return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def throughput(articles: Iterable[Article], min_seconds: float = 1.0) -> float:
    """Articles extracted per second on this core, repeating the corpus for >= min_seconds."""
    articles = list(articles)
    if not articles:
        return 0.0
    done, start = 0, time.perf_counter()
    while True:
        for a in articles:
            extract(a)
        done += len(articles)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return round(done / elapsed, 1)


def evaluate(corpus_dir=DEFAULT_CORPUS, min_seconds: float = 1.0) -> dict:
    articles, answers = load_corpus(Path(corpus_dir))
    predictions = {name: extract(a) for name, a in articles}
    return {
        "articles": len(articles),
        "fields": score(answers, predictions),
        "articles_per_second": throughput((a for _, a in articles), min_seconds),
    }


def meets_targets(result: dict) -> bool:
    triple = result["fields"]["triple"]
    return (triple["precision"] >= TARGETS["precision"] and triple["recall"] >= TARGETS["recall"]
            and result["articles_per_second"] >= TARGETS["articles_per_second"])


def report(result: dict) -> str:
    lines = [f"{result['articles']} articles", f"{'field':<12}{'precision':>10}{'recall':>8}"
             f"{'tp':>6}{'pred':>6}{'keys':>6}"]
    for field, r in result["fields"].items():
        lines.append(f"{field:<12}{r['precision']:>10.3f}{r['recall']:>8.3f}"
                     f"{r['tp']:>6}{r['predicted']:>6}{r['expected']:>6}")
    lines.append(f"throughput  {result['articles_per_second']:.0f} articles/s (extraction only)")
    lines.append("targets     triple precision >= 0.9, recall >= 0.8, >= 200 articles/s: "
                 + ("met" if meets_targets(result) else "NOT met"))
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Score the article extractor on a corpus.")
    parser.add_argument("corpus_dir", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.corpus_dir)
    except (OSError, ValueError) as exc:
        print(f"cannot evaluate {args.corpus_dir}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 1 if args.strict and not meets_targets(result) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
