"""A regex searched in the few characters just before or just after a position of a
sentence: the shape of most rules that read the context of a trigger, a date or a name."""

from __future__ import annotations

import re


def before(pattern: re.Pattern, text: str, pos: int, width: int) -> re.Match | None:
    """`pattern` in the `width` characters that end at `pos` (anchor it with `$`)."""
    return pattern.search(text, max(0, pos - width), pos)


def after(pattern: re.Pattern, text: str, pos: int, width: int) -> re.Match | None:
    """`pattern` in the `width` characters that start at `pos`."""
    return pattern.search(text, pos, min(len(text), pos + width))
