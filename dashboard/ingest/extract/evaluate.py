"""Score the extractor against hand-written answer keys, and time it.

A prediction matches a key when both name the same (country, actor, event_type), one to one
(same-date pairs first, then keys that must be found); date, troops and the background flag
are then scored on the matched pairs only. Country, actor and event_type are also scored on
their own, as the set of values each article yields.

Keys written to KEY_RULES.md carry `must`: recall then counts only the keys with `must: true`
(a prediction matching a non-must key is still a correct prediction, and an unmatched non-must
key is no miss). Keys without the field (the bundled briefs) all count. Every figure is given
overall and per article language (en, fr), with the number of items behind it.

    python -m dashboard evaluate [--set briefs|dev|validation|test|holdout|holdout2|holdout3|holdout4 | corpus_dir]
                                 [--json] [--strict]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from dashboard.ingest.extract.article import Article, read_article
from dashboard.ingest.extract.extractor import Candidate, extract

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "data" / "articles"
SETS = {
    "briefs": DEFAULT_CORPUS,
    "dev": DEFAULT_CORPUS / "dev",
    "validation": DEFAULT_CORPUS / "validation",
    "test": DEFAULT_CORPUS / "test",
    "holdout": DEFAULT_CORPUS / "holdout",
    "holdout2": DEFAULT_CORPUS / "holdout2",
    "holdout3": DEFAULT_CORPUS / "holdout3",
    "holdout4": DEFAULT_CORPUS / "holdout4",
}
ANSWERS = "answers.json"
FIELDS = ("country", "actor", "event_type", "date", "troops", "background", "triple")
LANGUAGES = ("en", "fr")
TARGETS = {"precision": 0.9, "recall": 0.9, "articles_per_second": 500.0}  # issue 12, per language
# The blind test set's one reading (data/articles/README.md, commit 63fb7c4): triple
# precision and must-find recall per language, shown to reviewers above the queue.
BLIND_TEST = {
    "date": "2026-12-01",
    "articles": 44,
    "en": {"precision": 120 / 155, "recall": 114 / 201},
    "fr": {"precision": 115 / 147, "recall": 102 / 143},
}


def load_corpus(corpus_dir: Path) -> tuple[list[tuple[str, Article]], dict[str, list[dict]]]:
    corpus_dir = Path(corpus_dir)
    answers = json.loads((corpus_dir / ANSWERS).read_text(encoding="utf-8"))
    articles = [(name, read_article((corpus_dir / name).read_bytes(), name)) for name in sorted(answers)]
    return articles, answers


def date_key(c: Candidate) -> str | None:
    """A candidate's date cut to its precision, comparable with the keys' 'YYYY[-MM[-DD]]'."""
    if not c.date:
        return None
    return {"year": c.date[:4], "month": c.date[:7]}.get(c.date_precision or "day", c.date)


def _triple(x) -> tuple:
    if isinstance(x, Candidate):
        return (x.country, x.actor, x.event_type)
    return (x.get("country"), x.get("actor"), x.get("event_type"))


def is_must(key: dict) -> bool:
    """Keys without a `must` field (the older rules) must all be found."""
    return bool(key.get("must", True))


def _pairs(keys: list[dict], preds: list[Candidate]) -> list[tuple[dict, Candidate]]:
    """One-to-one pairs within each triple: same-date pairs first, then must keys first."""
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
        rest.sort(key=lambda k: not is_must(k))
        for k in rest:
            if free:
                pairs.append((k, free.pop(0)))
    return pairs


def _empty_tally() -> dict:
    # tp: correct predictions (precision); hit: must keys found (recall); expected: must keys.
    return {f: {"tp": 0, "predicted": 0, "hit": 0, "expected": 0} for f in FIELDS}


def _score_article(tally: dict, keys: list[dict], preds: list[Candidate]) -> None:
    def add(field, tp, predicted, hit, expected):
        t = tally[field]
        t["tp"] += tp
        t["predicted"] += predicted
        t["hit"] += hit
        t["expected"] += expected

    must = [k for k in keys if is_must(k)]
    for field in ("country", "actor", "event_type"):
        got = {getattr(p, field) for p in preds} - {None}
        allowed = {k.get(field) for k in keys} - {None}
        want = {k.get(field) for k in must} - {None}
        add(field, len(got & allowed), len(got), len(got & want), len(want))
    pairs = _pairs(keys, preds)
    add("triple", len(pairs), len(preds), sum(is_must(k) for k, _ in pairs), len(must))
    for k, p in pairs:
        m = is_must(k)
        for field, pv, kv in (("date", date_key(p), k.get("date")), ("troops", p.troops, k.get("troops"))):
            ok = int(pv is not None and pv == kv)
            add(field, ok, int(pv is not None), ok * m, int(kv is not None) * m)
        if "background" in k:  # flagged background: precision/recall of the flag itself
            pv, kv = bool(getattr(p, "background", False)), bool(k["background"])
            add("background", int(pv and kv), int(pv), int(pv and kv) * m, int(kv) * m)


def _finish(tally: dict) -> dict:
    return {
        field: dict(t, precision=_ratio(t["tp"], t["predicted"]), recall=_ratio(t["hit"], t["expected"]))
        for field, t in tally.items()
    }


def score(
    answers: dict[str, list[dict]],
    predictions: dict[str, list[Candidate]],
    languages: dict[str, str] | None = None,
) -> dict:
    """Precision/recall per field over a corpus (see the module docstring). With
    `languages` (file name -> 'en'/'fr'), the result also holds `by_language`."""
    overall = _empty_tally()
    per_lang = {lang: _empty_tally() for lang in LANGUAGES}
    for name, keys in answers.items():
        preds = predictions.get(name, [])
        _score_article(overall, keys, preds)
        lang = (languages or {}).get(name)
        if lang in per_lang:
            _score_article(per_lang[lang], keys, preds)
    out = _finish(overall)
    if languages is not None:
        out["by_language"] = {lang: _finish(t) for lang, t in per_lang.items()}
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
    languages = {name: a.language for name, a in articles}
    fields = score(answers, predictions, languages)
    by_language = fields.pop("by_language")
    counts = {lang: sum(1 for v in languages.values() if v == lang) for lang in LANGUAGES}
    return {
        "articles": len(articles),
        "articles_by_language": counts,
        "fields": fields,
        "by_language": by_language,
        "articles_per_second": throughput((a for _, a in articles), min_seconds),
    }


def meets_targets(result: dict) -> bool:
    """Triple precision and recall at target overall and in each language, and the speed."""
    parts = [
        result["fields"],
        *(f for f in result.get("by_language", {}).values() if f["triple"]["expected"]),
    ]
    return (
        all(
            p["triple"]["precision"] >= TARGETS["precision"] and p["triple"]["recall"] >= TARGETS["recall"]
            for p in parts
        )
        and result["articles_per_second"] >= TARGETS["articles_per_second"]
    )


def _table(title: str, fields: dict) -> list[str]:
    lines = [
        title,
        f"  {'field':<12}{'precision':>10}{'recall':>8}{'correct':>9}{'pred':>6}{'found':>7}{'must':>6}",
    ]
    for field, r in fields.items():
        lines.append(
            f"  {field:<12}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['tp']:>9}"
            f"{r['predicted']:>6}{r['hit']:>7}{r['expected']:>6}"
        )
    return lines


def report(result: dict) -> str:
    counts = result.get("articles_by_language", {})
    lines = [
        f"{result['articles']} articles ("
        + ", ".join(f"{n} {lang.upper()}" for lang, n in counts.items())
        + ")",
        "precision = correct / pred; recall = found / must (keys to be found)",
        "date, troops, background: on the matched (country, actor, event_type) pairs",
    ]
    lines += _table("overall", result["fields"])
    for lang, fields in result.get("by_language", {}).items():
        lines += _table(lang.upper(), fields)
    lines.append(f"throughput  {result['articles_per_second']:.0f} articles/s (extraction only)")
    lines.append(
        "targets     triple precision >= 0.9, recall >= 0.9, >= 500 articles/s: "
        + ("met" if meets_targets(result) else "NOT met")
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard evaluate", description="Score the article extractor on a corpus."
    )
    parser.add_argument(
        "corpus_dir",
        nargs="?",
        default=None,
        help="a folder with answers.json, or a set name (default: the briefs)",
    )
    parser.add_argument(
        "--set",
        dest="set_name",
        choices=tuple(SETS),
        help="briefs: data/articles; the others: data/articles/<name>",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:  # `python -m dashboard evaluate -- --set dev`
        argv = argv[1:]
    args = parser.parse_args(argv)
    if args.corpus_dir in SETS and not Path(args.corpus_dir).is_dir():
        args.set_name, args.corpus_dir = args.set_name or args.corpus_dir, None  # `evaluate dev`
    if args.set_name and args.corpus_dir:
        parser.error("give either a corpus folder or --set, not both")
    corpus = args.corpus_dir or str(SETS[args.set_name or "briefs"])
    try:
        result = evaluate(corpus)
    except (OSError, ValueError) as exc:
        print(f"cannot evaluate {corpus}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 1 if args.strict and not meets_targets(result) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
