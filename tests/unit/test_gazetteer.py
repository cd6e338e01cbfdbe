"""Actor, force, country and place names in English and French."""

import datetime as dt

import pytest

from dashboard.ingest.extract.gazetteer import (
    FORCE_ALIASES,
    alias_table,
    default_force,
    find_mentions,
    fuzzy_place,
)
from dashboard.ingest.extract.textnorm import fold
from dashboard.records import vocab


def test_folding_keeps_offsets():
    text = "Coup d’État à Tillabéri : İ and 1\u202f500 soldats"
    folded = fold(text)
    assert len(folded) == len(text)
    assert "coup d'etat a tillaberi" in folded and "1 500" in folded


def actors(text):
    return [m.actor for m in find_mentions(text) if m.actor]


@pytest.mark.parametrize(
    "text,actor",
    [
        ("The Pentagon said it was aware of the statement.", "United States"),
        ("American troops are stationed at the base.", "United States"),
        ("AFRICOM confirmed the departure.", "United States"),
        ("Washington has used the base for drones.", "United States"),
        ("Les militaires français ont quitté la base.", "France"),
        ("Des soldats français sont arrivés.", "France"),
        ("Paris a annoncé le retrait.", "France"),
        ("Des instructeurs russes sont arrivés.", "Russia"),
        ("Moscou a envoyé des instructeurs.", "Russia"),
        ("Russian instructors landed in Niamey.", "Russia"),
        ("Les Casques bleus ont quitté Tessalit.", "United Nations"),
        ("UN peacekeepers left Kidal.", "United Nations"),
        ("La CEDEAO a levé les sanctions.", "ECOWAS"),
        ("ECOWAS imposed sanctions.", "ECOWAS"),
        ("L'UEMOA a gelé les avoirs.", "WAEMU"),
        ("WAEMU froze the assets.", "WAEMU"),
        ("The Bundeswehr left Gao.", "Germany"),
        ("Les soldats allemands sont partis.", "Germany"),
        ("Italian troops remain in Niger.", "Italy"),
        ("L'Union européenne a suspendu sa mission.", "European Union"),
        ("L'Alliance des États du Sahel est née.", "AES"),
        ("Le Bénin a fermé sa frontière.", "Benin"),
        ("Les autorités nigérianes ont rouvert la frontière.", "Nigeria"),
    ],
)
def test_actor_aliases_in_english_and_french(text, actor):
    assert actor in actors(text)


@pytest.mark.parametrize(
    "text,force,actor",
    [
        ("Barkhane forces left Gao.", "Operation Barkhane", "France"),
        ("L'opération Serval a été lancée.", "Operation Serval", "France"),
        ("Task Force Takuba ended its operations.", "Task Force Takuba", "France"),
        ("La force Sabre quitte le Burkina.", "Operation Sabre", "France"),
        ("MINUSMA handed over its camp.", "MINUSMA", "United Nations"),
        ("EUTM Mali ended in May.", "EUTM Mali", "European Union"),
        ("Le groupe Wagner quitte le Mali.", "Wagner Group", "Russia"),
        ("The Africa Corps said it would stay.", "Africa Corps", "Russia"),
        ("Italy's MISIN trains Nigerien forces.", "MISIN", "Italy"),
    ],
)
def test_force_aliases_carry_their_actor(text, force, actor):
    found = [m for m in find_mentions(text) if m.force]
    assert found and found[0].force == force and found[0].actor == actor


def test_every_actor_and_force_is_in_the_vocabulary():
    table = alias_table()
    for entry in table.values():
        if entry.actor:
            assert entry.actor in vocab.ACTORS + ("AES",)
    assert set(FORCE_ALIASES) <= {
        "Operation Serval",
        "Operation Barkhane",
        "Task Force Takuba",
        "Operation Sabre",
        "French forces in Niger",
        "US forces in Niger",
        "MINUSMA",
        "EUTM Mali",
        "EUCAP Sahel Niger",
        "German forces in Mali",
        "German forces in Niger",
        "MISIN",
        "Wagner Group",
        "Africa Corps",
        "Russian forces in Burkina Faso",
        "Russian forces in Niger",
    }


@pytest.mark.parametrize(
    "text,iso3",
    [
        ("Le Niger a rouvert sa frontière.", "NER"),
        ("Niger's junta revoked the accord.", "NER"),
        ("the Nigerien army", "NER"),
        ("l'armée nigérienne", "NER"),
        ("Mali's foreign minister spoke.", "MLI"),
        ("les autorités maliennes", "MLI"),
        ("Burkina Faso's government", "BFA"),
        ("le gouvernement burkinabè", "BFA"),
        ("au Burkina-Faso", "BFA"),
    ],
)
def test_host_country_names_and_demonyms(text, iso3):
    assert iso3 in [m.host for m in find_mentions(text)]


def test_niger_and_nigeria_are_not_confused():
    text = "Nigeria cut power to Niger; Nigerian and Nigerien officials met."
    hosts = [(m.host, m.actor) for m in find_mentions(text)]
    assert hosts == [(None, "Nigeria"), ("NER", "Niger"), (None, "Nigeria"), ("NER", "Niger")]


def test_river_niger_is_not_the_country():
    assert not [m for m in find_mentions("Trucks wait on both banks of the Niger River.") if m.host]
    assert not [m for m in find_mentions("de part et d'autre du fleuve Niger") if m.host]


def test_short_aliases_are_case_sensitive():
    assert actors("The US said it would leave.") == ["United States"]
    assert actors("He told us to leave.") == []
    assert actors("The UN mission.") == ["United Nations"]
    assert actors("un soldat") == []


def test_places_tell_their_country_and_id():
    text = "Troops left Air Base 201 near Agadez and flew to Tombouctou."
    ms = [m for m in find_mentions(text) if m.kind == "place"]
    assert [m.country for m in ms] == ["NER", "NER", "MLI"]
    assert ms[0].location == "agadez-ab201"
    assert ms[2].location == "timbuktu"


def test_offsets_point_at_the_alias():
    text = "Hier, les militaires français ont quitté Ménaka."
    spans = [text[m.start : m.end] for m in find_mentions(text)]
    assert spans == ["militaires français", "Ménaka"]


def test_misspelt_place_inside_a_sentence_is_found():
    ms = [m for m in find_mentions("Russian troops reached Tombuctou on Monday.") if m.kind == "place"]
    assert ms and ms[0].country == "MLI"
    assert fuzzy_place("Tombuctu") is not None
    assert fuzzy_place("Paris") is None


def test_gazetteer_csv_is_read_and_missing_csv_falls_back(tmp_path):
    csv = tmp_path / "locations.csv"
    csv.write_text(
        "location_id,name,name_fr,country,admin1,lat,lon,coord_source,aliases\n"
        "ner-tahoua,Tahoua,Tahoua,NER,Tahoua,14.9,5.26,approximate,Tawa;Tahoua town\n",
        encoding="utf-8",
    )
    ms = find_mentions("A convoy reached Tawa.", locations_csv=csv)
    assert [(m.location, m.country) for m in ms] == [("ner-tahoua", "NER")]
    # a town missing from the CSV still gives its country, without an id the map lacks
    ms = find_mentions("A convoy reached Zinder.", locations_csv=csv)
    assert [(m.location, m.country) for m in ms] == [(None, "NER")]
    missing = tmp_path / "nope.csv"
    ms = find_mentions("A convoy reached Zinder.", locations_csv=missing)
    assert [(m.location, m.country) for m in ms] == [("zinder", "NER")]


def test_default_forces():
    assert default_force("France", "MLI", dt.date(2013, 2, 1)) == "Operation Serval"
    assert default_force("France", "MLI", dt.date(2020, 2, 1)) == "Operation Barkhane"
    assert default_force("France", "BFA") == "Operation Sabre"
    assert default_force("United States", "NER") == "US forces in Niger"
    assert default_force("Russia", "BFA") == "Russian forces in Burkina Faso"
    assert default_force("ECOWAS", "NER") is None
