"""Round 6 (issue 12): reading classes found on the held-out reports, each tested on a
sentence of our own (none is copied from a corpus)."""

import datetime as dt

from dashboard.ingest.extract.article import read_article  # noqa: F401  (import order)
from dashboard.ingest.extract.evaluate import date_key
from dashboard.ingest.extract.extractor import extract
from tests.extracted import events, types

PUB = dt.date(2024, 9, 20)


def _events(text, pub=PUB):
    return events(text, pub)


def _types(text, pub=PUB):
    return types(text, pub)


# --- live-blog entries stamped with their own day -----------------------------------------


def test_live_blog_entry_stamp_dates_its_entry():
    text = (
        "Mon 14 Aug, 10:05 - Regional leaders have met in Accra.\n\n"
        "Sat 12 Aug, 16:20 - ECOWAS orders its members to shut their borders with Niger."
    )
    got = _events(text, dt.date(2023, 8, 15))
    assert ("NER", "ECOWAS", "border_closed", "2023-08-12") in got


# --- vocabulary: handovers, closings, departures, delistings, funding ---------------------


def test_base_handed_to_the_host_army_and_a_town_returned():
    got = _events("In Mali, the old French camp at Gossi was handed to Malian soldiers on 3 May 2022.")
    assert ("MLI", "France", "base_handed_over", "2022-05-03") in got
    got = _events(
        "The French army in Mali left Menaka: the town was returned to the Malian army in June 2022."
    )
    assert ("MLI", "France", "base_handed_over", "2022-06") in got


def test_base_vacated_and_back_under_host_control():
    assert "base_handed_over" in _types(
        "American troops in Niger vacated nothing yet; Air Base 201 was vacated on 5 August."
    )
    assert "base_handed_over" in _types("By then the US drone base in Niger was back under Nigerien control.")


def test_army_takes_back_possession_of_the_base_fr():
    text = "Les soldats français ont quitté le Niger. L'armée nigérienne a repris possession de leur base aérienne."
    assert "base_handed_over" in _types(text)


def test_named_operation_closed_or_no_longer_operating():
    assert ("MLI", "France", "operation_ended", "2014-07") in _events(
        "In Mali, Serval was formally wound down in July 2014."
    )
    assert "operation_ended" in _types("In Mali, Takuba stopped operating on 30 June 2022.")


def test_convoy_sets_out_en_and_fr():
    got = _events("The first French convoy set out from Niamey in Niger on 11 October 2023.")
    assert ("NER", "France", "withdrawal_started", "2023-10-11") in got
    got = _events("Au Niger, le premier convoi français s'est mis en route le 11 octobre 2023.")
    assert ("NER", "France", "withdrawal_started", "2023-10-11") in got


def test_no_soldier_left_is_a_completed_exit_today():
    got = _events("Il n'y a plus de soldats français au Niger.", dt.date(2023, 12, 23))
    assert got == [("NER", "France", "withdrawal_completed", "2023-12-23")]
    # Told after the departure itself, it is that departure's state, not another one.
    text = "The last French troops left Niger on 22 December 2023. No French soldier is left there."
    got = _events(text, dt.date(2024, 2, 1))
    assert [g for g in got if g[2] == "withdrawal_completed"] == [
        ("NER", "France", "withdrawal_completed", "2023-12-22")
    ]


def test_fr_participles_of_a_base_set_up():
    assert ("NER", "France", "base_opened", "2022-08") in _events(
        "Au Niger, le camp français avait été installé en août 2022."
    )


def test_joint_force_with_its_acronym_in_brackets():
    got = _events(
        "La Force unifiée des trois États (FU-AES) a été mise en service le 2 mars 2025.", dt.date(2025, 3, 3)
    )
    assert {g[0] for g in got if g[2] == "joint_force_launched"} == {"MLI", "BFA", "NER"}
    assert "base_opened" not in {g[2] for g in got}


def test_delisting_and_restored_funding_lift_sanctions():
    got = _events(
        "Le 3 mars 2026, le Trésor américain a retiré de sa liste deux officiers maliens.",
        dt.date(2026, 3, 5),
    )
    assert ("MLI", "United States", "sanctions_lifted", "2026-03-03") in got
    assert "withdrawal_completed" not in {g[2] for g in got}
    got = _events("Le 9 juillet 2022, l'UEMOA a rétabli les financements du Mali.", dt.date(2022, 7, 20))
    assert ("MLI", "WAEMU", "sanctions_lifted", "2022-07-09") in got


def test_host_demands_they_go_and_asking_for_them_to_leave():
    assert "expulsion_ordered" in _types(
        "In February 2022 Bamako demanded they go without delay, the French said."
    )
    assert "expulsion_ordered" in _types(
        "Mali's junta answered by asking for the French troops to leave at once."
    )


def test_forces_guarding_a_site_and_staff_serving_at_a_base():
    assert "presence_reported" in _types("French special forces were guarding the mine at Arlit in Niger.")
    assert "presence_reported" in _types("About 90 German soldiers were serving at the Niamey base in Niger.")


def test_troops_began_operating_from_a_base_is_an_arrival():
    got = _events("In 2013 about 120 American personnel began operating from an air base in Niger.")
    assert ("NER", "United States", "deployment", "2013") in got


def test_base_dated_from_a_year():
    assert ("NER", "Germany", "base_opened", "2017") in _events(
        "The German airlift hub in Niger dated from 2017."
    )


def test_basic_cereal_is_no_base():
    assert _types("Au Niger, le sorgho est la céréale de base des ménages.") == set()


def test_deployments_counted_are_no_arrival():
    assert "deployment" not in _types(
        "German soldiers in Mali made some 15,000 deployments in all, the army says."
    )


# --- one verb, several events --------------------------------------------------------------


def test_and_again_repeats_the_event_at_the_new_date():
    got = _events("In Burkina Faso officers seized power in January 2022 and again in September 2022.")
    assert ("BFA", "Burkina Faso", "coup", "2022-01") in got
    assert ("BFA", "Burkina Faso", "coup", "2022-09") in got


def test_list_of_places_each_with_its_day():
    text = "In Mali, French troops handed over the camp at Kidal in October 2021, Tessalit on 13 November 2021 and Timbuktu on 14 December 2021."
    dates = {g[3] for g in _events(text, dt.date(2022, 1, 10)) if g[2] == "base_handed_over"}
    assert dates == {"2021-10", "2021-11-13", "2021-12-14"}


def test_celui_du_repeats_a_coup_fr():
    got = _events("Au Mali, il y eut le coup d'État du 18 août 2020 et celui du 24 mai 2021.")
    assert {g[3] for g in got if g[2] == "coup"} == {"2020-08-18", "2021-05-24"}


# --- dates carried by the story --------------------------------------------------------------


def test_frame_sentence_dates_the_next_undated_event():
    text = "It all began on 11 January 2013. Answering Bamako's call, Paris launched an operation in Mali."
    assert ("MLI", "France", "deployment", "2013-01-11") in _events(text)


def test_season_of_a_year_sets_the_timeline():
    text = (
        "In the summer of 2014 things changed in Mali. On Aug. 1 Serval was folded into Operation Barkhane."
    )
    assert ("MLI", "France", "deployment", "2014-08-01") in _events(text)


def test_this_spring_dates_to_the_year():
    text = "US troops in Niger were put at 1,100. Reporters put the contingent at about 900 this spring."
    got = [(c.event_type, date_key(c), c.troops) for c in extract(text, PUB)]
    assert ("presence_reported", "2024", 900) in got


def test_that_year_dates_an_undated_event_to_the_timeline():
    text = "In 2013 the Sahel war widened.\nThat year, French special forces began operating from a camp in Niger."
    got = _events(text)
    assert ("NER", "France", "deployment", "2013") in got


# --- who and where ----------------------------------------------------------------------------


def test_relay_object_is_not_the_arriving_force():
    text = "The UN mission in Mali took over from the African-led force AFISMA on 1 July 2013."
    got = _events(text)
    assert ("MLI", "United Nations", "deployment", "2013-07-01") in got
    assert not any(g[1] == "ECOWAS" for g in got)


def test_a_clause_of_time_does_not_move_the_story():
    text = (
        "Les Français avaient trois camps au Niger. Le camp d'Ayorou avait été installé en 2022, "
        "au moment où la France quittait le Mali.\n\nLe 3 août 2023, la junte dénonçait les accords avec Paris."
    )
    got = _events(text)
    assert ("NER", "France", "agreement_revoked", "2023-08-03") in got
    assert ("NER", "France", "base_opened", "2022") in got


def test_neighbour_named_by_its_border_is_not_the_host():
    text = (
        "Au Mali, les prix flambent près des frontières sénégalaise et burkinabè.\n\n"
        "Puis vint le putsch du 18 août 2020 contre le président."
    )
    assert ("MLI", "Mali", "coup", "2020-08-18") in _events(text)


# --- precision: what only may happen ------------------------------------------------------------


def test_only_they_can_end_the_accords_is_no_revocation():
    assert "agreement_revoked" not in _types(
        "Paris says only Niger's elected leaders can end the accords with France."
    )


# --- more vocabulary: arrivals, presence, departures --------------------------------------


def test_forces_sent_in_and_trainers_brought_to_a_capital():
    got = _events("In Mali, French forces were sent in on 12 January 2013 at the government's request.")
    assert ("MLI", "France", "deployment", "2013-01-12") in got
    got = _events("In May 2024 a Russian aircraft brought military instructors to Niamey.")
    assert ("NER", "Russia", "deployment", "2024-05") in got
    assert "deployment" not in _types(
        "The last German soldiers in Niger were flown out of Niamey on 30 August."
    )


def test_joining_a_mission_and_an_engagement_beginning():
    assert ("MLI", "Germany", "deployment", "2014") in _events(
        "In Mali, Germany's engagement began in 2014, when the Bundeswehr joined the EU training mission."
    )


def test_base_a_state_set_up_and_a_camp_held_since_a_year():
    assert ("NER", "Germany", "base_opened", "2017") in _events(
        "The transport base that Germany set up in Niger in 2017 stays open."
    )
    got = _events("Au Burkina Faso, le groupement français était installé depuis 2011 au camp de Kamboinsin.")
    assert ("BFA", "France", "base_opened", "2011") in got


def test_counted_at_a_base_and_an_estimate_given():
    got = _events(
        "In Mali, a newspaper counted about 60 Russian fighters at an air base near Bamako in December 2021."
    )
    assert ("MLI", "Russia", "presence_reported", "2021-12") in got
    got = [
        (c.event_type, c.troops)
        for c in extract("For the Russians in Mali, by March 2022 the estimate was 500.", PUB)
    ]
    assert ("presence_reported", 500) in got


def test_personnel_back_in_europe_is_a_completed_exit():
    got = _events("In Niger, by 20 December 2023 the EU mission's personnel were back in Europe.")
    assert ("NER", "European Union", "withdrawal_completed", "2023-12-20") in got


def test_force_there_since_a_year_told_in_the_past_is_its_arrival():
    got = _events("Les soldats allemands servaient au Mali depuis 2014, avant leur départ.")
    assert ("MLI", "Germany", "deployment", "2014") in got
    # Told in the present, it is the presence that goes on.
    got = _events("Les mercenaires russes opèrent dans le nord du Mali depuis 2022.")
    assert ("MLI", "Russia", "presence_reported", "2022") in got


def test_that_year_reads_a_yearless_day_in_the_year_told_before():
    text = "The French chapter in Mali opened in January 2013.\nTroops were sent in on Jan. 12 of that year."
    assert ("MLI", "France", "deployment", "2013-01-12") in _events(text)


# --- prices ----------------------------------------------------------------------------------


def test_price_of_the_good_named_in_a_heading_word():
    text = "Au Niger, les prix baissent.\n\nSorgho. Le sac de 100 kg s'est négocié à 17 200 francs, après 17 500 francs."
    got = [
        (c.event_type, c.commodity, c.price_value, c.price_previous)
        for c in extract(text, dt.date(2026, 2, 6))
    ]
    assert ("price_change", "sorghum", 17200, 17500) in got


def test_next_sentence_figure_is_the_same_goods():
    text = "Au Mali, le litre de gasoil est passé de 600 à 750 francs en mars. Il atteignait 880 francs en juillet."
    got = [
        (c.commodity, c.price_value)
        for c in extract(text, dt.date(2022, 9, 1))
        if c.event_type == "price_change"
    ]
    assert ("diesel", 880) in got


def test_cereals_as_one_staple():
    got = _types("Au Niger, les céréales sèches se vendaient 40 % plus cher qu'un an plus tôt.")
    assert got == {"price_change"}


# --- who closes, reopens, refers ------------------------------------------------------------


def test_leaders_of_the_bloc_are_the_bloc():
    got = _events("Le 9 janvier 2022, les chefs d'État de la Cédéao ont fermé les frontières avec le Mali.")
    assert ("MLI", "ECOWAS", "border_closed", "2022-01-09") in got


def test_capital_as_subject_and_military_authorities_stand_for_the_state():
    got = _events("Niamey a rouvert la frontière avec le Bénin le 22 mars 2024.")
    assert ("NER", "Niger", "border_reopened", "2024-03-22") in got
    text = "In Niger, on 1 August 2023 the military authorities said the borders with Algeria, Mali and Chad were open again."
    assert ("NER", "Niger", "border_reopened", "2023-08-01") in _events(text)


def test_pronoun_subject_is_the_state_named_before():
    text = "Le Bénin n'a pas attendu. Le 2 mars 2024, il a rouvert sa frontière avec le Niger."
    assert ("NER", "Benin", "border_reopened", "2024-03-02") in _events(text)


def test_coup_named_in_passing_is_the_coup_told_before():
    text = (
        "Soldiers ousted Niger's president on 26 July 2023. "
        "In October 2023 Washington formally called the takeover a coup and cut its aid."
    )
    coups = {g[3] for g in _events(text) if g[2] == "coup"}
    assert coups == {"2023-07-26"}


def test_apposition_about_a_person_does_not_date_the_event():
    text = "Au Burkina Faso, l'armée a annoncé vendredi 30 septembre 2022 la destitution du chef de la junte, lui-même arrivé au pouvoir en janvier."
    assert ("BFA", "Burkina Faso", "coup", "2022-09-30") in _events(text, dt.date(2022, 10, 1))


def test_followed_repeats_the_last_event_for_a_place_or_a_state():
    text = "French troops handed over the camp at Timbuktu in Mali on 14 December 2021. Menaka followed in April 2022."
    assert ("MLI", "France", "base_handed_over", "2022-04") in _events(text)
    text = "Nigeria reopened its border with Niger on 13 March 2024. Benin followed on 20 March 2024."
    assert ("NER", "Benin", "border_reopened", "2024-03-20") in _events(text)


# --- dates: blogs of one day, bare day numbers, earlier prices ---------------------------------


def test_time_stamped_entries_are_of_the_publication_day():
    text = "11:05 - In Mali, the German commander handed the camp at Gao to the governor.\n\n09:00 - Good morning."
    got = _events(text, dt.date(2023, 12, 12))
    assert ("MLI", "Germany", "base_handed_over", "2023-12-12") in got


def test_bare_day_number_takes_the_month_told_before():
    text = (
        "Au Mali, la Cédéao a levé ses sanctions le 3 juillet 2022 ; l'UEMOA a rétabli les financements le 9."
    )
    got = _events(text, dt.date(2022, 8, 1))
    assert ("MLI", "ECOWAS", "sanctions_lifted", "2022-07-03") in got
    assert ("MLI", "WAEMU", "sanctions_lifted", "2022-07-09") in got
    assert ("MLI", "WAEMU", "sanctions_lifted", "2022-07-03") not in got


def test_two_blocs_acting_together_both_act():
    text = "In Niger, ECOWAS and WAEMU imposed sanctions on 30 July 2023."
    got = {g[1] for g in _events(text) if g[2] == "sanctions_imposed"}
    assert got == {"ECOWAS", "WAEMU"}


def test_date_after_the_earlier_price_is_not_the_price_date():
    text = "Au Niger, le maïs s'établit à 16 800 francs le sac, après 17 000 francs une semaine plus tôt."
    got = [date_key(c) for c in extract(text, dt.date(2026, 2, 6)) if c.event_type == "price_change"]
    assert got and not any(d and d.startswith("2026-01") for d in got)


def test_handover_in_a_relative_clause_shares_the_departure_date():
    text = (
        "Les derniers soldats français ont quitté le Niger le 22 décembre 2023, "
        "dont la partie de la base qu'ils occupaient a été rendue à l'armée nigérienne."
    )
    assert ("NER", "France", "base_handed_over", "2023-12-22") in _events(text)


def test_a_date_kept_back_gives_no_event():
    text = "Au Burkina Faso, Paris n'a jamais précisé la date à laquelle ses derniers soldats ont quitté le pays."
    assert "withdrawal_completed" not in _types(text)


# --- sightings, valued contingents, sites named by a pronoun, missions launched ----------------


def test_troops_seen_at_a_base_are_present():
    got = _events("In Mali, Russian instructors were seen at the Gao base in January 2022.")
    assert ("MLI", "Russia", "presence_reported", "2022-01") in got


def test_contingent_valued_at_a_figure_fr():
    got = [
        (c.event_type, c.troops)
        for c in extract("Au Niger, le contingent français était évalué à 1 400 hommes.", PUB)
    ]
    assert ("presence_reported", 1400) in got


def test_site_named_by_a_pronoun_handed_back_fr():
    text = "Les Français avaient trois emprises au Niger. Celle d'Ayorou a été rendue le 3 novembre 2023."
    assert ("NER", "France", "base_handed_over", "2023-11-03") in _events(text)


def test_named_mission_launched_that_month():
    text = "In Niger, on 5 December 2023 Niamey ended its accord with the EU mission EUMPM, launched only that February."
    got = _events(text, dt.date(2024, 3, 1))
    assert ("NER", "European Union", "deployment", "2023-02") in got


def test_that_may_is_the_modal():
    assert (
        _types("Officials said reports that may be exaggerated put Russian troops in Niger at 100.") == set()
    )
