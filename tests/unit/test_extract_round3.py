"""Issue 12, third round: classes of misses found on the dev set, each tested on sentences
of our own (none is taken from an article)."""

import datetime as dt

from dashboard.ingest.extract import extract

PUB = dt.date(2024, 5, 20)


def dates_of(text, event_type, pub=PUB):
    return [c.date for c in extract(text, pub) if c.event_type == event_type]


# --- when: a yearless date read in the story's running timeline -----------------------------


def test_a_yearless_day_is_read_in_the_year_the_paragraph_is_telling_of():
    text = (
        "Le tournant se situe à la fin de 2019. Le 14 décembre, la France avait rendu "
        "à l'armée malienne sa base de Kidal."
    )
    assert dates_of(text, "base_handed_over") == ["2019-12-14"]


def test_the_timeline_runs_on_across_a_new_year_and_a_paragraph_told_as_a_sequel():
    text = (
        "In December 2020, Russian instructors began arriving in Mali.\n\n"
        "Three weeks later, on January 5, the junta ordered the French troops to leave."
    )
    assert dates_of(text, "expulsion_ordered") == ["2021-01-05"]


def test_a_dated_aside_inside_a_sentence_sets_no_timeline():
    text = (
        "Niamey had become the hub of the region: a camp for French troops went up at "
        "Ouallam in July 2019. When the presidential guard overthrew the president on "
        "March 26, that plan fell apart."
    )
    assert dates_of(text, "coup") == ["2024-03-26"]


def test_a_date_read_against_the_publication_day_ends_the_timeline():
    text = (
        "Le 5 janvier 2019, des instructeurs russes sont arrivés à Bamako. Mardi, la junte "
        "a reçu une délégation. Le 14 mars, elle a ordonné aux soldats français de quitter le pays."
    )
    assert dates_of(text, "expulsion_ordered") == ["2024-03-14"]


def test_a_new_paragraph_without_a_sequel_word_is_read_against_publication():
    text = (
        "En 2013, la France a lancé l'opération Serval au Mali.\n\n"
        "Le 14 mars, la junte a ordonné aux soldats français de quitter le pays."
    )
    assert dates_of(text, "expulsion_ordered") == ["2024-03-14"]


def test_a_recent_timeline_reads_like_the_publication_day():
    text = "En février 2024, la junte a reçu une délégation. Le 14 mars, elle a ordonné aux soldats français de partir."
    assert dates_of(text, "expulsion_ordered") == ["2024-03-14"]


# --- what: presence told through what the troops do -------------------------------------------


def test_troops_escorting_or_patrolling_are_present():
    en = "Soldiers of the Russian contingent have lately been escorting fuel convoys in western Mali."
    fr = "Des soldats italiens patrouillent désormais autour de l'aéroport de Niamey."
    assert {(c.country, c.actor) for c in extract(en, PUB) if c.event_type == "presence_reported"} == {
        ("MLI", "Russia")
    }
    assert {(c.country, c.actor) for c in extract(fr, PUB) if c.event_type == "presence_reported"} == {
        ("NER", "Italy")
    }


def test_troops_escorted_by_others_are_not_the_ones_present():
    text = "The convoy left Gao escorted by Malian forces."
    assert not [c for c in extract(text, PUB) if c.event_type == "presence_reported"]
