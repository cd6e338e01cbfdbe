"""English or French, from a declared code or by counting stop words."""

from __future__ import annotations

from dashboard.ingest.extract.textnorm import WORD_RE, fold

# Frequent function words that barely overlap between the two languages.
FR_WORDS = frozenset(
    "le la les des du est et une dans pour qui sur au aux ont sont avec "
    "ce cette ses leur par pas mais il elle ils depuis apres selon".split()
)
EN_WORDS = frozenset(
    "the of and is to in was for that with on are were by has have from "
    "its their said after which it this".split()
)
NAMES = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "anglais": "en",
    "fr": "fr",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "francais": "fr",
}


def normalise_code(value: str | None) -> str | None:
    """'fr-FR', 'French', 'français' -> 'fr'; anything not English/French -> None."""
    if not value:
        return None
    key = fold(str(value).strip()).replace("_", "-").split("-")[0]
    return NAMES.get(key)


def guess_language(text: str, sample: int = 20_000) -> str:
    """'fr' when French stop words outnumber English ones, else 'en'."""
    fr = en = 0
    for word in WORD_RE.findall(fold(text[:sample])):
        if word in FR_WORDS:
            fr += 1
        elif word in EN_WORDS:
            en += 1
    return "fr" if fr > en else "en"
