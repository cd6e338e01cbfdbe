"""Tense and time words a sentence is read with: told in the past, in the present perfect
("has revoked", "now"), in the pluperfect; "still" there; "then" (the time last told);
"about" before an offset (no exact day)."""

from __future__ import annotations

import re

# Past-tense cues: an undated presence report then is not "as of publication".
PAST = re.compile(
    r"\b(?:had|was|were|etaient|etait|avait|avaient|at the time|au moment|"
    r"at times|a l'epoque|then|alors|at its (?:height|peak)|at the height|au plus fort|a son (?:maximum|apogee|"
    r"plus fort)|a son pic)\b"
)

# Present perfect or "now": the statement is dated on the publication day.
PERFECT = re.compile(
    r"\b(?:has|have)\s++(?:(?:now|already|finally|formally|officially|just|also)\s++)?"
    r"(?:been\s++)?[a-z]+(?:ed|en|wn|ut|one|eft|ent|ught|ade|un)\b|"
    r"\b(?:now|maintenant|desormais|today|aujourd'hui)\b"
)

PLUPERFECT = re.compile(r"\b(?:had|avait|avaient|etait|etaient)\b")

# "environ une semaine plus tard", "about a week later": no exact day.
ROUGHLY_BEFORE = re.compile(
    r"\b(?:about|around|roughly|some|nearly|almost|environ|pres de|quelque|presque)\s++$"
)

# "then", "at the time", "alors": the time the text was last telling of.
THEN_WORD = re.compile(
    r"\b(?:at the time|at that time|by then|at that point|alors(?! que| meme)|a l'epoque|a ce moment-la|"
    r"a cette date|ce jour-la)\b"
)

PLUPERFECT_OR_PAST = re.compile(r"\b(?:had|were|was|etaient|etait|avaient|avait)\b")

STILL_BEFORE = re.compile(r"\b(?:still|toujours|encore|currently|actuellement)\b")
