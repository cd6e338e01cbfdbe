"""Names of actors, forces, countries and places, in English and French, and their matcher.

Every alias is reduced to its folded words ("Casques bleus" -> "casques bleus") and looked up
n-gram by n-gram in one dictionary, so a text is matched in a single pass whatever the number
of aliases, whole words only, without regard to case or accents.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.ingest.extract.textnorm import fold, phrase_key, word_spans
from dashboard.records import vocab

LOCATIONS_CSV = Path(__file__).resolve().parents[3] / "data" / "locations.csv"

# Aliases matched only when written in capitals: "US"/"us", "UN", "EU", "AES".
CASE_SENSITIVE = {"US", "U.S.", "USA", "UN", "U.N.", "EU", "UE", "AES", "ONU"}


def fr_forms(masculine: str) -> tuple[str, ...]:
    """The four forms of a French demonym: nigérien -> nigérienne, nigériens, nigériennes."""
    if masculine.endswith(("ien", "en")):
        fem = masculine + "ne"
    elif masculine.endswith("e"):
        fem = masculine
    else:
        fem = masculine + "e"
    plural = masculine if masculine.endswith(("s", "x")) else masculine + "s"
    return tuple(dict.fromkeys((masculine, fem, plural, fem + "s")))


ACTOR_ALIASES: dict[str, tuple[str, ...]] = {
    "France": (
        "France",
        "French",
        "Frenchman",
        "Paris",
        "Elysee",
        "Quai d'Orsay",
        "Macron",
        "French troops",
        "French forces",
        "French soldiers",
        "French army",
        "French military",
        *fr_forms("francais"),
        "armee francaise",
        "militaires francais",
        "soldats francais",
        "forces francaises",
        "troupes francaises",
    ),
    "United States": (
        "United States",
        "US",
        "U.S.",
        "USA",
        "America",
        "American",
        "Americans",
        "Pentagon",
        "AFRICOM",
        "US Africa Command",
        "Washington",
        "Blinken",
        "Biden",
        "OFAC",
        "US Treasury",
        "Tresor americain",
        "State Department",
        "US military",
        "American troops",
        "Etats-Unis",
        "Etats Unis",
        *fr_forms("americain"),
        "armee americaine",
        "militaires americains",
    ),
    "Russia": (
        "Russia",
        "Russian",
        "Russians",
        "Moscow",
        "Kremlin",
        "Putin",
        "Russian instructors",
        "Russie",
        *fr_forms("russe"),
        "Moscou",
        "Poutine",
        "instructeurs russes",
    ),
    "Germany": (
        "Germany",
        "German",
        "Germans",
        "Berlin",
        "Bundeswehr",
        "Pistorius",
        "Scholz",
        "Allemagne",
        *fr_forms("allemand"),
    ),
    "Italy": ("Italy", "Italian", "Italians", "Rome", "Italie", *fr_forms("italien")),
    "Turkey": ("Turkey", "Turkish", "Turkiye", "Ankara", "Turquie", "turc", "turque", "turcs", "turques"),
    "United Nations": (
        "United Nations",
        "UN",
        "U.N.",
        "peacekeepers",
        "peacekeeping",
        "blue helmets",
        "Security Council",
        "Nations unies",
        "ONU",
        "Casques bleus",
        "Conseil de securite",
    ),
    "European Union": (
        "European Union",
        "EU",
        "Brussels",
        "Union europeenne",
        "UE",
        "Bruxelles",
        "EUMPM",
        "Borrell",
        # The Union named by its missions or people: "les deux missions européennes".
        "mission europeenne",
        "missions europeennes",
        "European mission",
        "European missions",
        "forces europeennes",
        "European forces",
        "European troops",
        "soldats europeens",
        "militaires europeens",
        "les Europeens",
    ),
    "ECOWAS": (
        "ECOWAS",
        "CEDEAO",
        "Economic Community of West African States",
        "Communaute economique des Etats de l'Afrique de l'Ouest",
        # The bloc named by what it is.
        "West African leaders",
        "West African heads of state",
        "regional bloc",
        "West African bloc",
        "bloc ouest-africain",
        "bloc regional",
        "dirigeants ouest-africains",
        # AFISMA, its mission in Mali (January-June 2013): no force of the curated tables.
        "AFISMA",
        "MISMA",
        "African-led International Support Mission to Mali",
        "African-led operation",
        "African-led mission",
        "African-led force",
        "Mission internationale de soutien au Mali sous conduite africaine",
    ),
    "WAEMU": (
        "WAEMU",
        "UEMOA",
        "BCEAO",
        "West African Economic and Monetary Union",
        "Union economique et monetaire ouest-africaine",
    ),
    "AES": (
        "AES",
        "Alliance of Sahel States",
        "Confederation of Sahel States",
        "Alliance des Etats du Sahel",
        "Confederation des Etats du Sahel",
        "Liptako-Gourma Charter",
        "charte du Liptako-Gourma",
    ),
    "Nigeria": ("Nigeria", "Nigerian", "Nigerians", *fr_forms("nigerian"), "Tinubu"),
    "Benin": ("Benin", "Beninese", *fr_forms("beninois")),
    # The armed group, for its blockades (a measure, never a presence).
    "JNIM": (
        "JNIM",
        "GSIM",
        "Jama'at Nusrat al-Islam wal-Muslimin",
        "Groupe de soutien a l'islam et aux musulmans",
    ),
}

# Forces: canonical name -> (actor, aliases).
FORCE_ALIASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Operation Serval": ("France", ("Serval", "Operation Serval", "operation Serval")),
    "Operation Barkhane": ("France", ("Barkhane", "Operation Barkhane", "force Barkhane")),
    "Task Force Takuba": ("France", ("Takuba", "Task Force Takuba", "force Takuba")),
    "Operation Sabre": ("France", ("Sabre", "Task Force Sabre", "Operation Sabre", "force Sabre")),
    "MINUSMA": ("United Nations", ("MINUSMA", "UN mission in Mali", "mission de l'ONU au Mali")),
    "EUTM Mali": ("European Union", ("EUTM", "EUTM Mali", "EU Training Mission")),
    "EUCAP Sahel Niger": ("European Union", ("EUCAP", "EUCAP Sahel Niger", "EUCAP Sahel")),
    "MISIN": ("Italy", ("MISIN",)),
    "Wagner Group": ("Russia", ("Wagner", "Wagner Group", "groupe Wagner")),
    "Africa Corps": ("Russia", ("Africa Corps",)),
}

# The three host states: names, French names, demonyms, leaders and juntas.
HOST_ALIASES: dict[str, tuple[str, ...]] = {
    "NER": (*fr_forms("nigerien"), "Nigeriens", "CNSP", "Bazoum", "Tiani", "Tchiani", "Zeine"),
    "MLI": ("Malian", "Malians", *fr_forms("malien"), "FAMa", "Goita", "Assimi Goita"),
    "BFA": ("Burkina", "Burkinabe", "burkinabes", "Ibrahim Traore", "Damiba", "MPSR", "Kabore"),
}
HOST_ACTOR = {"NER": "Niger", "MLI": "Mali", "BFA": "Burkina Faso"}

# States named by country name: ISO3 -> actor (None when not in the vocabulary).
COUNTRY_ACTOR = {
    **HOST_ACTOR,
    "FRA": "France",
    "USA": "United States",
    "RUS": "Russia",
    "DEU": "Germany",
    "ITA": "Italy",
    "NGA": "Nigeria",
    "BEN": "Benin",
}
OTHER_STATES = ("DZA", "TCD", "LBY", "MRT", "SEN", "CIV", "GHA", "TGO", "CMR")
# French names and short forms pycountry's catalogue lacks or words oddly.
FR_COUNTRY_NAMES = {
    "NER": ("Niger",),
    "MLI": ("Mali",),
    "BFA": ("Burkina Faso", "Burkina-Faso"),
    "FRA": ("France",),
    "USA": ("Etats-Unis",),
    "RUS": ("Russie",),
    "DEU": ("Allemagne",),
    "ITA": ("Italie",),
    "NGA": ("Nigeria",),
    "BEN": ("Benin",),
    "DZA": ("Algerie",),
    "TCD": ("Tchad",),
    "LBY": ("Libye",),
    "MRT": ("Mauritanie",),
    "SEN": ("Senegal",),
    "CIV": ("Cote d'Ivoire",),
    "GHA": ("Ghana",),
    "TGO": ("Togo",),
    "CMR": ("Cameroun",),
}

# Phrases that contain a country name but do not mean the country.
NOT_A_PLACE = (
    "Niger River",
    "River Niger",
    "fleuve Niger",
    "Niger State",
    "Niger Delta",
    "Niger-Congo",
    "Burkina Faso's capital",
)

# Main towns, used when data/locations.csv is missing or lacks them:
# (location_id, country, names and aliases).
FALLBACK_PLACES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("niamey", "NER", ("Niamey",)),
    ("niamey-ab101", "NER", ("Air Base 101", "AB101", "AB 101", "base aerienne 101", "BA 101")),
    ("agadez", "NER", ("Agadez",)),
    ("agadez-ab201", "NER", ("Air Base 201", "AB201", "AB 201", "base aerienne 201", "BA 201")),
    ("ouallam", "NER", ("Ouallam",)),
    ("zinder", "NER", ("Zinder",)),
    ("maradi", "NER", ("Maradi",)),
    ("dosso", "NER", ("Dosso",)),
    ("tillaberi", "NER", ("Tillaberi", "Tillabery")),
    ("diffa", "NER", ("Diffa",)),
    ("tahoua", "NER", ("Tahoua",)),
    ("gaya", "NER", ("Gaya",)),
    ("bamako", "MLI", ("Bamako",)),
    ("kati", "MLI", ("Kati",)),
    ("gao", "MLI", ("Gao",)),
    ("timbuktu", "MLI", ("Timbuktu", "Tombouctou")),
    ("kidal", "MLI", ("Kidal",)),
    ("menaka", "MLI", ("Menaka",)),
    ("tessalit", "MLI", ("Tessalit",)),
    ("mopti", "MLI", ("Mopti",)),
    ("segou", "MLI", ("Segou",)),
    ("sikasso", "MLI", ("Sikasso",)),
    ("ouagadougou", "BFA", ("Ouagadougou", "Ouaga")),
    ("kamboinsin", "BFA", ("Kamboinsin", "Camp Bila Zagre")),
    ("bobo-dioulasso", "BFA", ("Bobo-Dioulasso", "Bobo Dioulasso")),
    ("cotonou", "BEN", ("Cotonou",)),
    ("malanville", "BEN", ("Malanville",)),
    ("abuja", "NGA", ("Abuja",)),
)


@dataclass(frozen=True)
class Entry:
    """What an alias stands for."""

    kind: str  # "actor", "country", "place" or "none"
    actor: str | None = None
    force: str | None = None
    country: str | None = None  # ISO3
    location: str | None = None
    case_sensitive: bool = False


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str
    actor: str | None
    force: str | None
    country: str | None
    location: str | None

    @property
    def host(self) -> str | None:
        """The host country (MLI/BFA/NER) this mention points at, if any."""
        return self.country if self.country in vocab.COUNTRIES else None


def _country_names(iso3: str) -> list[str]:
    """English names from pycountry, French ones from its catalogue and our table."""
    names = list(FR_COUNTRY_NAMES.get(iso3, ()))
    try:
        import gettext

        import pycountry

        rec = pycountry.countries.get(alpha_3=iso3)
        if rec is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(rec, attr, None)
                if value:
                    names.append(value)
            fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
            translated = fr.gettext(rec.name)
            if "," not in translated:  # "Russie, Fédération de" reads badly in prose
                names.append(translated)
    except Exception:  # pycountry missing or its catalogue broken: our table still works
        pass
    return names


def _read_locations(path: Path) -> list[tuple[str, str, list[str]]]:
    """(location_id, country, names) from the gazetteer CSV; [] when missing or unreadable."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    places = []
    for row in rows:
        loc, country = (row.get("location_id") or "").strip(), (row.get("country") or "").strip()
        if not loc or not country:
            continue
        names = [row.get("name") or "", row.get("name_fr") or ""]
        names += (row.get("aliases") or "").split(";")
        places.append((loc, country, [n.strip() for n in names if n and n.strip()]))
    return places


def _add(table: dict[str, Entry], alias: str, entry: Entry, override: bool = True) -> None:
    key = phrase_key(alias)
    if not key or (not override and key in table):
        return
    if alias in CASE_SENSITIVE:
        entry = Entry(**{**entry.__dict__, "case_sensitive": True})
    table[key] = entry


@lru_cache(maxsize=4)
def alias_table(locations_csv: Path = LOCATIONS_CSV) -> dict[str, Entry]:
    """Folded alias -> Entry. Built once; places never shadow actors or countries."""
    table: dict[str, Entry] = {}
    places = _read_locations(locations_csv)
    for loc, country, names in places:
        for name in names:
            if len(phrase_key(name)) >= 3:
                _add(table, name, Entry("place", country=country, location=loc))
    # Built-in towns still tell the country; their ids are only used when the CSV is
    # missing, since the map cannot place an id the gazetteer does not have.
    for loc, country, names in FALLBACK_PLACES:
        for name in names:
            _add(
                table, name, Entry("place", country=country, location=None if places else loc), override=False
            )
    for iso3 in tuple(COUNTRY_ACTOR) + OTHER_STATES:
        entry = Entry("country", actor=COUNTRY_ACTOR.get(iso3), country=iso3)
        for name in _country_names(iso3):
            _add(table, name, entry)
    for iso3, aliases in HOST_ALIASES.items():
        for alias in aliases:
            _add(table, alias, Entry("country", actor=HOST_ACTOR[iso3], country=iso3))
    state_iso = {actor: iso for iso, actor in COUNTRY_ACTOR.items()}
    for actor, aliases in ACTOR_ALIASES.items():
        for alias in aliases:
            _add(table, alias, Entry("actor", actor=actor, country=state_iso.get(actor)))
    for force, (actor, aliases) in FORCE_ALIASES.items():
        for alias in aliases:
            _add(table, alias, Entry("actor", actor=actor, force=force, country=state_iso.get(actor)))
    for phrase in NOT_A_PLACE:
        _add(table, phrase, Entry("none"))
    return table


@lru_cache(maxsize=4)
def _index(locations_csv: Path = LOCATIONS_CSV) -> tuple[frozenset, int]:
    table = alias_table(locations_csv)
    return frozenset(k.split(" ")[0] for k in table), max(len(k.split(" ")) for k in table)


@lru_cache(maxsize=4)
def _prefixes(locations_csv: Path = LOCATIONS_CSV) -> frozenset:
    """Every word-prefix of every alias ("communaute", "communaute economique", ...): a
    match is grown one word at a time and stops as soon as no alias starts that way."""
    out = set()
    for key in alias_table(locations_csv):
        parts = key.split(" ")
        for k in range(1, len(parts) + 1):
            out.add(" ".join(parts[:k]))
    return frozenset(out)


_GAP_RE = re.compile(r"[\s.'\-]{0,3}")


def find_mentions(
    text: str, folded: str | None = None, fuzzy: bool = True, locations_csv: Path = LOCATIONS_CSV
) -> list[Mention]:
    """All actor, country and place mentions in `text`, longest match first, in order."""
    folded = fold(text) if folded is None else folded
    table = alias_table(locations_csv)
    firsts, longest = _index(locations_csv)
    prefixes = _prefixes(locations_csv)
    starts, ends, ws = word_spans(folded)
    found: list[Mention] = []
    seen: dict[str, Entry | None] = {}  # a misspelling repeats: look it up once per text
    gap_ok = _GAP_RE.fullmatch
    n = len(ws)
    i = 0
    # Only a word that begins an alias, or a long capitalised one (a misspelt name?), can
    # start a mention.
    maybe = [
        k for k, w in enumerate(ws) if w in firsts or (fuzzy and len(w) >= 6 and text[starts[k]].isupper())
    ]
    for k in maybe:
        if k < i:
            continue  # inside the mention found before
        i = k
        if ws[i] not in firsts:
            near = _near_miss(text, (starts[i], ends[i], ws[i]), locations_csv, seen)
            if near is not None:
                found.append(Mention(starts[i], ends[i], near.kind, None, None, near.country, near.location))
            i += 1
            continue
        # Grow the phrase word by word while some alias starts with it; keep every full
        # alias met on the way and take the longest that passes the checks.
        options = []
        key = ws[i]
        j = i
        while True:
            entry = table.get(key)
            if entry is not None:
                options.append((j - i + 1, entry))
            j += 1
            if j >= n or j - i >= longest or not gap_ok(folded, ends[j - 1], starts[j]):
                break
            key = key + " " + ws[j]
            if key not in prefixes:
                break
        hit = None
        for length, entry in reversed(options):
            start, end = starts[i], ends[i + length - 1]
            if entry.case_sensitive and not _capitalised(text[start:end]):
                continue
            hit = (length, entry, start, end)
            break
        if hit is None:
            i += 1
            continue
        length, entry, start, end = hit
        if entry.kind != "none":
            found.append(
                Mention(start, end, entry.kind, entry.actor, entry.force, entry.country, entry.location)
            )
        i += length
    return found


def _near_miss(text: str, tok, locations_csv: Path, seen: dict) -> Entry | None:
    """A capitalised word inside a sentence that is a misspelt place name ("Tombuctou")."""
    start, end, word = tok
    if end - start < 6 or not text[start].isupper() or text[start:end].isupper():
        return None
    before = text[max(0, start - 3) : start].rstrip()
    if not before or before[-1] in ".!?:\n\"'«#>-*":  # sentence starts are capitalised anyway
        return None
    if word not in seen:
        seen[word] = fuzzy_place(text[start:end], locations_csv)
    return seen[word]


def _joined(folded: str, toks) -> bool:
    """Words of one alias must be separated by spaces, hyphens, apostrophes or dots only."""
    return all(_GAP_RE.fullmatch(folded[a[1] : b[0]]) for a, b in zip(toks, toks[1:]))


def _capitalised(span: str) -> bool:
    letters = [c for c in span if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# The force a foreign actor's presence in a host country goes by, when the text names none.
DEFAULT_FORCES = {
    ("France", "BFA"): "Operation Sabre",
    ("France", "NER"): "French forces in Niger",
    ("United States", "NER"): "US forces in Niger",
    ("Russia", "MLI"): "Wagner Group",
    ("Russia", "BFA"): "Russian forces in Burkina Faso",
    ("Russia", "NER"): "Russian forces in Niger",
    ("Germany", "MLI"): "German forces in Mali",
    ("Germany", "NER"): "German forces in Niger",
    ("Italy", "NER"): "MISIN",
    ("United Nations", "MLI"): "MINUSMA",
    ("European Union", "MLI"): "EUTM Mali",
    ("European Union", "NER"): "EUCAP Sahel Niger",
}
BARKHANE_START = dt.date(2014, 8, 1)


def default_force(actor: str | None, country: str | None, date: dt.date | None = None) -> str | None:
    """Best guess of the force when only the actor and country are known."""
    if actor == "France" and country == "MLI":
        return "Operation Serval" if date and date < BARKHANE_START else "Operation Barkhane"
    return DEFAULT_FORCES.get((actor, country))


def force_country(force: str | None) -> str | None:
    """The host country a force name implies ("MINUSMA" -> MLI), if only one."""
    implied = {
        "Operation Serval": "MLI",
        "Task Force Takuba": "MLI",
        "Operation Sabre": "BFA",
        "MINUSMA": "MLI",
        "EUTM Mali": "MLI",
        "EUCAP Sahel Niger": "NER",
        "MISIN": "NER",
        "French forces in Niger": "NER",
        "US forces in Niger": "NER",
        "German forces in Mali": "MLI",
        "German forces in Niger": "NER",
        "Russian forces in Burkina Faso": "BFA",
        "Russian forces in Niger": "NER",
    }
    return implied.get(force or "")


def fuzzy_place(word: str, locations_csv: Path = LOCATIONS_CSV) -> Entry | None:
    """A near-miss spelling of a one-word place name ("Tombuctou"), or None."""
    if len(word) < 5:
        return None
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        return None
    choices = _place_words(locations_csv)
    best = process.extractOne(fold(word), choices, scorer=fuzz.ratio, score_cutoff=87)
    return alias_table(locations_csv)[best[0]] if best else None


@lru_cache(maxsize=4)
def _place_words(locations_csv: Path) -> tuple[str, ...]:
    return tuple(
        k for k, e in alias_table(locations_csv).items() if e.kind == "place" and " " not in k and len(k) >= 5
    )
