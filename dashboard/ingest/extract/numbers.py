"""Troop figures and prices written in a (folded) sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dashboard import config

# "1,000", "1 500", "1.346" (French thousands), "142". A figure is only tried from the first
# digit of a run (the lookbehind): tried from every digit, a run of 400 digits costs 400^2.
NUMBER = r"(?<!\d)(?:\d{1,3}(?:[,. ]\d{3})+(?![\d])|\d+(?![\d,.]\d))"
# Larger figures are misreadings or junk: they are not proposed (and would not fit the store).
_MAX_DIGITS = 15
TROOP_NOUNS = (
    r"troops|soldiers|servicemen|service members|personnel|military personnel|"
    r"instructors|trainers|peacekeepers|blue helmets|men|marines|mercenaries|"
    r"paratroopers|special forces|commandos|soldats|militaires|hommes|instructeurs|"
    r"casques bleus|elements|mercenaires|formateurs|personnels|membres|legionnaires|legionaries|"
    # nationals counted as a force: "about 40 Russians were at an air base"
    r"russians|americans|frenchmen|germans|italians|russes|americains|allemands|italiens"
)
# The first words of the troop nouns (all plain words: no pattern in TROOP_NOUNS).
_TROOP_FIRST_WORDS = frozenset(noun.split()[0] for noun in TROOP_NOUNS.split("|"))
assert all(re.fullmatch("[a-z ]+", noun) for noun in TROOP_NOUNS.split("|"))
_WORD = re.compile(r"[a-z0-9]+")
# Up to two words between the figure and the noun: "1,000 US troops", "142 Bundeswehr soldiers".
_TROOPS = re.compile(
    rf"(?<![\d$])(?P<num>{NUMBER})(?P<mil>\s+(?:million|millions))?"
    rf"(?:\s+(?:[a-z][a-z'\-]*)){{0,2}}?\s+(?:{TROOP_NOUNS})\b"
)
_TROOPS_STRENGTH = re.compile(
    rf"(?:contingent|force|garrison|strength|effectif|effectifs|deployment|deploiement)"
    rf"\s+(?:of|de|d'environ|of about|of some|de quelque|d'au moins)?\s*(?P<num>{NUMBER})\b|"
    rf"(?P<num2>{NUMBER})-strong|"
    # "its troops, then estimated at about 1,000"
    rf"(?:{TROOP_NOUNS})\b,?\s+(?:[a-z]+,?\s+){{0,4}}?(?:estimated at|put at|numbering|estimee?s a|evaluee?s a)\s+"
    rf"(?:about |some |around |environ |quelque |pres de )?(?P<num3>{NUMBER})\b|"
    # "estimated the contingent at 300", "put the total in Mali ... at about 2,000"
    r"\b(?:estimated|estimates?|put|puts|putting|estim(?:e|ent|ait|aient)|evalu(?:e|ent|ait|aient))\s+"
    r"(?:the\s+|le\s+|leur\s+|their\s+|its\s+|son\s+)?(?:[a-z]+\s+)?(?:contingent|total|number|strength|nombre|"
    r"effectifs?)\b"
    rf"(?:\s+[a-z,']+){{0,8}}?\s+(?:at|a)\s+(?:about |some |around |environ |quelque |pres de )?(?P<num4>{NUMBER})\b|"
    # "the estimate was 300 to 350", "le décompte s'élevait à 450"
    r"\b(?:estimate|estimation|count|tally|decompte)\s+(?:was|stood at|etait de|s'elevait a)\s+"
    rf"(?:about |some |around |environ )?(?P<num5>{NUMBER})\b"
)
# Words one of _TROOPS_STRENGTH's branches needs ("strong" for "a 300-strong force"; the
# branch "soldiers ..., estimated at 1,000" needs "estim", "put at" or "number"/"evalu").
_STRENGTH_WORDS = (
    "contingent",
    "force",
    "garrison",
    "strength",
    "effectif",
    "deploy",
    "deploiement",
    "-strong",
    "estim",
    "put",
    "number",
    "evalu",
    "total",
    "nombre",
    "count was",
    "count stood",
    "tally",
    "decompte",
)
_STRENGTH_RE = re.compile("|".join(map(re.escape, _STRENGTH_WORDS)))
# "il en restait 157", "157 remained": a count right after or before a verb of remaining.
_REMAINING = re.compile(
    rf"\b(?:restai\w*|reste\w*)\s+(?P<num>{NUMBER})\b|"
    rf"(?P<num2>{NUMBER})\s+(?:remain\w*|stay\w*)\b"
)
# Round words used as figures. "A few hundred" / "quelques centaines" stay unknown on purpose.
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ROUNDS = {
    "centaine": 100,
    "hundred": 100,
    "millier": 1000,
    "thousand": 1000,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
}
# A count written in words: "une quarantaine", "a hundred", "forty" (more_triggers reads it too).
COUNT_WORDS = (
    r"(?:(?:une|un|le|the|a|one)\s+(?P<w>" + "|".join(_ROUNDS) + r")|(?P<tens>" + "|".join(_TENS) + r"))\b"
)
_WORD_FIGURES = re.compile(rf"\b{COUNT_WORDS}(?:\s+(?:de|d'|of))?\s*(?:\w+\s+){{0,2}}?(?:{TROOP_NOUNS})\b")
_WORD_VALUES = _ROUNDS | _TENS
# "the final 50 of the 1,500 soldiers": the event's figure is the part, not the whole.
_PARTITIVE = re.compile(
    rf"(?<![\d$])(?P<num>{NUMBER})\s+(?:of|sur|des)\s+(?:the\s+|its\s+|their\s+|les\s+|ses\s+)?"
    rf"(?P<whole>{NUMBER})(?:\s+(?:[a-z][a-z'\-]*)){{0,2}}?\s+(?:{TROOP_NOUNS})\b"
)
# A day of the month ("July 6 that its soldiers") is not a count.
_MONTH_BEFORE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
    r"septembre|octobre|novembre|decembre|jan|feb|mar|apr|jun|jul|aug|sept?|oct|"
    r"nov|dec)\.?\s+$"
)
_NOT_TROOPS_BEFORE = re.compile(r"(?:\$|€|usd|eur)\s*$|(?:cfa|francs?)\s+$|\d[h:]$")  # "16h40": a time


_ROUND_WORD = re.compile("|".join(_WORD_VALUES))
_DIGIT = re.compile(r"\d")  # every figure pattern needs one (str.isdigit, char by char, is slower)


def parse_number(text: str) -> int | None:
    """The integer a figure writes, or None (also for one of more than 15 digits, which no
    troop count or price has: int() of thousands of digits is slow, then refused)."""
    digits = re.sub(r"[,. \u00a0\u202f]", "", text)
    if not digits.isdigit() or len(digits) > _MAX_DIGITS:
        return None
    return int(digits)


def _price(value: int | None) -> int | None:
    return value if value is not None and value <= config.MAX_AMOUNT else None


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: int


# The last sentence asked for and its figures: a sentence is read for its own events, then
# again for a figure the sentence before it left without one.
_LAST_TROOPS: tuple = (None, ())


def find_troops(folded: str) -> list[Figure]:
    """Troop counts in a folded sentence, in order. Years and money are not counts."""
    global _LAST_TROOPS
    cached = _LAST_TROOPS  # one tuple, read and replaced whole: safe across threads
    if cached[0] == folded:
        return list(cached[1])
    figures = _find_troops(folded)
    _LAST_TROOPS = (folded, tuple(figures))
    return figures


def _find_troops(folded: str) -> list[Figure]:
    out: list[Figure] = []
    digits = bool(_DIGIT.search(folded))
    rounds = _ROUND_WORD.search(folded) is not None
    if not digits and not rounds:
        return out
    # _TROOPS and _PARTITIVE end on a troop noun, after a space: its first word is a word of
    # the sentence.
    nouns = digits and not _TROOP_FIRST_WORDS.isdisjoint(_WORD.findall(folded))
    wholes = []
    if nouns and ("of" in folded or "sur" in folded or "des" in folded):
        for m in _PARTITIVE.finditer(folded):
            value = parse_number(m.group("num"))
            if value and value <= config.MAX_TROOPS:
                out.append(Figure(m.start("num"), m.end("num"), value))
                wholes.append(m.span("whole"))
    # Each pattern only where a word it cannot do without is written (most sentences with a
    # figure have none of them).
    patterns = (_TROOPS,) if nouns else ()
    if digits and _STRENGTH_RE.search(folded):
        patterns += (_TROOPS_STRENGTH,)
    if digits and any(w in folded for w in ("rest", "remain", "stay")):
        patterns += (_REMAINING,)
    for pattern in patterns:
        for m in pattern.finditer(folded):
            gd = m.groupdict()
            key = next((k for k in ("num", "num2", "num3", "num4", "num5") if gd.get(k)), "num")
            raw = m.group(key)
            if not raw or _NOT_TROOPS_BEFORE.search(folded[max(0, m.start(key) - 6) : m.start(key)]):
                continue
            if any(a <= m.start(key) < b for a, b in wholes):
                continue  # the whole of "50 of the 1,500"
            if _MONTH_BEFORE.search(folded[max(0, m.start(key) - 12) : m.start(key)]):
                continue
            value = parse_number(raw)
            if value is None or value == 0 or value > config.MAX_TROOPS:
                continue
            if m.groupdict().get("mil"):
                continue  # "1.5 million people" is not a troop figure
            if 1900 <= value <= 2100 and not re.search(r"[,. ]", raw) and pattern is not _TROOPS:
                continue  # a year after "since", "force of 2013" etc.
            out.append(Figure(m.start(key), m.end(key), value))
    for m in _WORD_FIGURES.finditer(folded) if rounds else ():
        out.append(Figure(m.start(), m.end(), _WORD_VALUES[m.group("w") or m.group("tens")]))
    out.sort(key=lambda f: f.start)
    unique: list[Figure] = []
    for f in out:
        if not any(f.start < u.end and u.start < f.end for u in unique):
            unique.append(f)
    return unique


# --- prices -----------------------------------------------------------------------------

COMMODITIES = (
    ("rice", r"rice|riz"),
    ("millet", r"millet|mil"),
    ("maize", r"maize|corn|ma[iï]s(?=\W)"),
    ("sorghum", r"sorghum|sorgho"),
    ("sugar", r"sugar|sucre"),
    ("cooking oil", r"cooking oil|(?:vegetable |palm )?oil|huile"),
    ("petrol", r"petrol|gasoline|essence|supercarburant|super"),
    ("diesel", r"diesel|gasoil|gazole"),
    ("milk", r"milk|lait"),
    ("flour", r"flour|farine"),
    ("cement", r"cement|ciment"),
    ("onions", r"onions?|oignons?"),
    ("bread", r"bread|pain"),
    ("chilli", r"chill?i(?:es)?|piments?"),
    # "les céréales sèches", "grain prices": the staples as one
    ("cereals", r"cereals|(?:cereal|grain) prices|cereales(?: seches)?"),
    ("food", r"food prices|prix (?:des )?(?:denrees|produits) alimentaires"),
    # The generic word, after the named fuels: "a litre of fuel", "le litre de carburant".
    ("fuel", r"fuel|carburants?"),
)
_COMMODITY = re.compile(
    r"\b(?:" + "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(COMMODITIES)) + r")\b"
)
_MONEY = re.compile(rf"(?P<num>{NUMBER})\s*(?:(?:f\s?cfa|cfa(?:\s+francs?)?|francs?(?:\s+cfa)?|xof|f)\b)")
_FROM_TO = re.compile(
    rf"\b(?:from|de)\s+(?P<a>{NUMBER})(?:\s*(?:f\s?cfa|cfa(?:\s+francs?)?|francs?(?:\s+cfa)?|f))?"
    rf"\s+(?:to|a)\s+(?P<b>{NUMBER})\b"
)
# "slipped to 16,825 from 17,047": the new figure first.
# A figure with no currency of its own, in a sentence that names the currency elsewhere
# ("diesel at 618 francs, and petrol at 499, down from 540").
_BARE = re.compile(
    r"\b(?:at|to|a)\s+(?P<num>\d{1,3}(?:[,. ]\d{3})+|[1-9]\d{2,5})\b(?!\s*(?:%|per\s?cent|pour\s?cent|kg|km))"
)
_TO_FROM = re.compile(
    rf"\b(?:to|a)\s+(?P<b>{NUMBER})(?:\s*(?:f\s?cfa|cfa(?:\s+francs?)?|francs?(?:\s+cfa)?|f))?\s+(?:from|contre)\s+(?P<a>{NUMBER})\b"
)
_PERCENT = re.compile(r"(?<!\d)(?P<pct>\d+(?:[.,]\d+)?)\s*(?:%|per\s?cent|pour\s?cent)")
_RISE = re.compile(
    r"\b(?:rose|risen|rise[sn]?|rising|soared|soaring|jumped|climbed|increased|"
    r"doubled|surged|spiked|went up|up|hike[ds]?|flambe\w*|flamber|grimpe\w*|"
    r"augment\w*|hausse|bondi|envole\w*|passe|passee|passes|double|fell|dropped|"
    r"down|decreased|baisse\w*|chute\w*|recul\w*|cost|costs|cout(?:e|ai|er)\w*|sells?|sold|"
    r"vend\w*|selling|s'echange\w*|plus chers?|more expensive|hausses?|bonds?|"
    r"reached|atteint\w*|atteign\w*|mont(?:e|es|ent|ait|aient|ee|ees)|higher|lower|cheaper|dearer|gone from|went from|paying|paid|"
    r"paient|payent|paye|superieure?s?|inferieure?s?|au-dessus|en dessous|plus eleve\w*|"
    r"moins chers?|affiche\w*|depass\w*|"
    # a market's quote: "s'est négocié à", "s'établit à", "traded at", "fetching"
    r"negocie\w*|s'etabli\w*|etablissait|traded|trading|fetch\w*|quoted|cote\w*|"
    # a bulletin's verbs: "slipped to", "averaged", "edged lower", "put millet at"
    r"slipped|slid|eased|edged|averag\w*|put \w+ at|hovered|declined|gained|firmed|"
    r"softened|climb\w*|retreated|glisse\w*|flechi\w*|progress\w*|s'est replie|valait|moyenne)\b"
    r"|(?<![\w+])[+-]\s?\d{1,3}(?:[.,]\d+)?\s*(?:%|per\s?cent|pour\s?cent)"  # "(+17 %)"
)
_FALL = re.compile(
    r"\b(?:fell|dropped|down|decreased|baisse\w*|chute\w*|recul\w*|lower|cheaper|inferieure?s?|"
    r"slipped|slid|eased|declined|softened|retreated|glisse\w*|flechi\w*|s'est replie|"
    r"en dessous|moins chers?)\b|(?<![\w+])-\s?\d{1,3}(?:[.,]\d+)?\s*(?:%|per\s?cent|pour\s?cent)"
)
_UNIT = re.compile(
    r"\b(?P<u>(?:\d+\s*kg\s+)?(?:bag|sack)|sac(?:\s+de\s+\d+\s*kg)?|"
    r"litre|liter|kilo(?:gram)?|kg|tonne|can|bidon|jerrycan|bottle|bouteille)s?\b"
)


@dataclass(frozen=True)
class Price:
    commodity: str
    value: float | None
    previous: float | None
    unit: str | None
    currency: str | None
    change_pct: float | None
    start: int
    end: int


# The first word of every commodity name above: without one, no commodity can be named.
_PRICE_WORDS = frozenset(
    "rice riz millet mil maize corn mais sorghum sorgho sugar sucre cooking vegetable palm oil "
    "huile petrol gasoline essence supercarburant super diesel gasoil gazole milk lait flour "
    "farine cement ciment onion onions oignon oignons bread pain chili chilli chilies chillies "
    "piment piments food prix fuel carburant carburants cereals grain cereales".split()
)


def could_be_price(folded: str, words: list[str] | None = None) -> bool:
    """False when find_price(folded) is certainly None (no commodity is named). `words`: the
    sentence's [a-z0-9]+ words, when the caller has them (a set test then spares the regex)."""
    if words is not None and _PRICE_WORDS.isdisjoint(words):
        return False
    return _COMMODITY.search(folded) is not None


_PRICE_NOUN = re.compile(r"\b(?:prix|price|prices|cours|tarifs?)\b")


def carries_percent(folded: str) -> bool:
    """ "Its price is 35 % higher": a percentage said of a price, for the commodity the
    previous sentence named."""
    return _PRICE_NOUN.search(folded) is not None and _PERCENT.search(folded) is not None


def find_price(folded: str) -> Price | None:
    """The price movement a sentence reports: a commodity, a change word and a figure
    (an amount in CFA francs or a percentage). None when any of the three is missing."""
    com = _COMMODITY.search(folded)
    if not com:
        return None
    return _read_price(folded, _commodity_name(com), com.span(), 0, len(folded))


def find_prices(folded: str, carried: str | None = None) -> list[Price]:
    """Every price movement of a sentence: one per commodity that has its own figure ("le
    riz 35 %, le sorgho 17 % et le maïs 16 %" is three; "71 % to 100 % for millet, sorghum
    and maize" is one, the figure being shared). `carried`: the commodity the previous
    sentence named, for a sentence that only gives the figure ("Cooking oil followed. A can
    that cost 22,000 CFA francs had reached 33,000")."""
    coms = list(_COMMODITY.finditer(folded))[:_MAX_COMMODITIES]
    if not coms:
        if carried and _RISE.search(folded) and (_MONEY.search(folded) or carries_percent(folded)):
            p = _read_price(folded, carried, (0, 0), 0, len(folded))
            return [p] if p else []
        return []
    if len(coms) == 1:
        p = _read_price(folded, _commodity_name(coms[0]), coms[0].span(), 0, len(folded))
        return [p] if p else []
    figures = _figure_spans(folded)
    owned: dict[int, list[tuple[int, int]]] = {}
    for fs, fe in figures:
        nxt = next((i for i, c in enumerate(coms) if c.start() >= fe), None)
        prev = next((i for i in range(len(coms) - 1, -1, -1) if coms[i].end() <= fs), None)
        if nxt is not None and (_FORWARD.match(folded, fe) or prev is None):
            i = nxt
        elif prev is not None:
            i = prev
        else:
            i = min(range(len(coms)), key=lambda j: abs(coms[j].start() - fs))
        owned.setdefault(i, []).append((fs, fe))
    out: list[Price] = []
    both = _BOTH.search(folded)
    for i, spans in sorted(owned.items()):
        lo = min([coms[i].start()] + [a for a, _ in spans])
        hi = max([coms[i].end()] + [b for _, b in spans])
        p = _read_price(folded, _commodity_name(coms[i]), coms[i].span(), lo, hi)
        if p is not None:
            out.append(p)
            # "both super and diesel were selling at 1,300": the figure is each one's.
            if (
                both
                and i > 0
                and i - 1 not in owned
                and _AND.fullmatch(folded, coms[i - 1].end(), coms[i].start())
            ):
                other = _commodity_name(coms[i - 1])
                if other != p.commodity:
                    out.append(replace(p, commodity=other))
    return out


_MAX_COMMODITIES = 12
# "both petrol and diesel", "le super et le gasoil, tous deux à": two commodities, one figure each.
_BOTH = re.compile(r"\b(?:both|tous deux|toutes deux|tous les deux|toutes les deux|l'un et l'autre)\b")
_AND = re.compile(r"\s*+(?:and|et)\s++(?:the\s++|le\s++|la\s++|l')?")
# A figure followed by "for the rice" / "pour le mil" belongs to the commodity after it.
_FORWARD = re.compile(
    r"\s*+(?:[^\s,;]+\s+){0,4}?(?:pour|for|on|sur)\s+"
    # "(+17 % sur un an)", "up 9% on the year": a period, not the commodity after.
    r"(?!(?:un an|une annee|l'annee|a year|the year|douze mois|12 mois|twelve months|un mois|a month)\b)"
    r"(?:le|la|les|l'|the|du|des)?\s*(?=[a-z])"
)


def _figure_spans(folded: str) -> list[tuple[int, int]]:
    spans = sorted(
        {m.span() for m in _FROM_TO.finditer(folded)}
        | {m.span() for m in _TO_FROM.finditer(folded)}
        | ({m.span() for m in _BARE.finditer(folded)} if _MONEY.search(folded) else set())
        | {m.span() for m in _MONEY.finditer(folded)}
        | {m.span() for m in _PERCENT.finditer(folded)},
        key=lambda span: (span[0], -span[1]),  # the longest reading of a figure first
    )
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


def _commodity_name(com: re.Match) -> str:
    return next(name for i, (name, _) in enumerate(COMMODITIES) if com.group(f"c{i}"))


_UP_FROM = re.compile(
    rf"(?:\b|,\s*)(?:up from|down from|contre|from|against|apres|after|compared with|vs)\s+(?P<p>{NUMBER})"
)

_UP_FROM_AFTER = re.compile(r"[^;.\d]{0,24}?" + _UP_FROM.pattern)


def _read_price(folded: str, commodity: str, com_span: tuple[int, int], lo: int, hi: int) -> Price | None:
    """The price of `commodity` from the figures in folded[lo:hi] (the change word may be
    anywhere in the sentence)."""
    change = _RISE.search(folded)
    if not change:
        return None
    part = folded[lo:hi]
    value = previous = pct = None
    currency = None
    ft = _FROM_TO.search(part) or _TO_FROM.search(part)
    money = list(_MONEY.finditer(part))
    if not money and not ft and _MONEY.search(folded):
        money = list(_BARE.finditer(part))
    figure = False  # a figure was written, even if too large to propose
    if ft and (money or re.search(r"cfa|franc|xof", folded)):
        previous, value = _price(parse_number(ft.group("a"))), _price(parse_number(ft.group("b")))
        currency = "XOF"
        figure = True
    elif money:
        value = _price(parse_number(money[0].group("num")))
        currency = "XOF"
        figure = True
        # the earlier figure may follow the owned span: "at 499, down from 540"
        up_from = _UP_FROM.search(part) or _UP_FROM_AFTER.match(folded, lo + money[0].end())
        if up_from:
            previous = _price(parse_number(up_from.group("p")))
    pm = _PERCENT.search(part)
    if pm and len(pm.group("pct")) <= 2 * _MAX_DIGITS:
        pct = float(pm.group("pct").replace(",", "."))
        if _FALL.search(folded):
            pct = -pct
    if value is not None and previous:
        pct = round((value - previous) / previous * 100, 1)
    if pct is not None and not abs(pct) <= config.MAX_CHANGE_PCT:
        pct = None
    if value is None and pct is None and not figure:
        return None
    unit_m = _UNIT.search(folded)
    unit = _unit_name(unit_m.group("u")) if unit_m else None
    spans = [
        s
        for s in (com_span, (lo + (money[0].start() if money else 0), lo + (money[0].end() if money else 0)))
        if s[1] > s[0]
    ] or [change.span()]
    return Price(
        commodity, value, previous, unit, currency, pct, min(s for s, _ in spans), max(e for _, e in spans)
    )


def _unit_name(raw: str) -> str:
    """'sac de 25 kg' and '25 kg bag' both become '25 kg bag'."""
    kg = re.search(r"(\d+)\s*kg", raw)
    base = {
        "sac": "bag",
        "sack": "sack",
        "bag": "bag",
        "liter": "litre",
        "kilo": "kg",
        "kilogram": "kg",
        "bidon": "can",
        "jerrycan": "can",
        "bouteille": "bottle",
    }
    word = re.sub(r"[^a-z]", " ", raw).split()
    name = next((base.get(w, w) for w in word if w not in ("de", "kg")), "kg")
    return f"{kg.group(1)} kg {name}" if kg else name
