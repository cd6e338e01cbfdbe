"""Articles per second of the extractor on one core, next to a baseline on the same texts.

    python bench/extract_speed.py [--seconds 2]

Corpus: the bundled briefs and the dev set (data/articles, data/articles/dev), with each
article's text cut or repeated to 1-2 KB. The baseline is the plain text normalisation
(`normalise_text` + `fold`) of the same texts, timed in the same run, so the figure can be
read against the machine's speed. A benchmark prints figures; it never passes or fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.ingest.extract import extract, read_article  # noqa: E402
from dashboard.ingest.extract.article import normalise_text  # noqa: E402
from dashboard.ingest.extract.textnorm import fold  # noqa: E402

FOLDERS = (ROOT / "data" / "articles", ROOT / "data" / "articles" / "dev")
TYPES = (".txt", ".md", ".html")


def corpus():
    out = []
    for folder in FOLDERS:
        for path in sorted(folder.iterdir()):
            if (
                path.suffix in TYPES
                and path.name != "README.md"
                and path.name.isascii()
                and not path.name.isupper()
                and path.name != "KEY_RULES.md"
            ):
                out.append(read_article(path.read_bytes(), path.name))
    sized = []
    for a in out:
        text = a.text
        while len(text.encode("utf-8")) < 1024:
            text = text + "\n\n" + a.text
        text = text[:2000]
        sized.append(replace(a, text=text))
    return sized


def rate(fn, items, seconds):
    done, start = 0, time.perf_counter()
    while True:
        for item in items:
            fn(item)
        done += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args(argv)
    arts = corpus()
    sizes = sorted(len(a.text.encode("utf-8")) for a in arts)
    print(
        f"corpus: {len(arts)} articles, {sum(sizes):,} bytes, "
        f"min {sizes[0]:,} / median {sizes[len(sizes) // 2]:,} / max {sizes[-1]:,} bytes each"
    )
    base = rate(lambda a: fold(normalise_text(a.text)), arts, args.seconds)
    ext = rate(extract, arts, args.seconds)
    print(f"baseline (normalise_text + fold): {base:,.0f} articles/s")
    print(f"extract (single process):        {ext:,.0f} articles/s")
    print(f"extract costs {base / ext:.1f}x the baseline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
