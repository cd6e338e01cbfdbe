"""Figures to Markdown tables, each beside its target, and into bench/README.md.

Only the part of the README between the two result markers is rewritten, so the hand-written
notes around it (the command, where the time goes) survive a new run.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def table(header: list[str], rows: list[list]) -> str:
    def cell(v):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return "n/a"
        if isinstance(v, float):
            return f"{v:.2f}" if abs(v) < 10 else f"{v:.0f}"
        return str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


def kb(n) -> str:
    return "n/a" if n is None else f"{n / 1024:.1f} KB"


def write_readme(results_md: str) -> None:
    text = README.read_text() if README.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    README.write_text(pattern.sub(lambda _: f"{START}\n{results_md.strip()}\n{END}", text))
