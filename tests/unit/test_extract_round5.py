"""Round 5 (issue 12): general reading classes found on reports written by others, each
tested on a sentence of our own (none is copied from a corpus)."""

import datetime as dt

from dashboard.ingest.extract.article import read_article  # noqa: F401  (import order)
from dashboard.ingest.extract.dates import find_dates
from dashboard.ingest.extract.extractor import extract
from tests.extracted import events, types

PUB = dt.date(2024, 9, 20)


def _events(text, pub=PUB):
    return events(text, pub)


def _types(text, pub=PUB):
    return types(text, pub)


# --- who leaves: an envoy named beside the troops -----------------------------------------


def test_envoy_recalled_beside_a_troop_departure_keeps_the_departure():
    (c,) = extract(
        "Le 2 octobre, le président a annoncé le rappel de l'ambassadeur et le départ des "
        "quelque 900 soldats français du Niger avant l'été.",
        PUB,
    )
    assert (c.country, c.actor, c.event_type, c.troops) == ("NER", "France", "withdrawal_announced", 900)


# --- dates -----------------------------------------------------------------------------


def test_weekday_chooses_the_year_of_a_yearless_day():
    # 7 March 2024 was a Thursday (2018's a Wednesday): the weekday overrides a timeline
    # told years earlier.
    hits = find_dates("le jeudi 7 mars, la junte a parle", PUB, anchor=dt.date(2018, 7, 1))
    assert [h.date for h in hits] == [dt.date(2024, 3, 7)]


def test_year_in_an_aside_does_not_set_the_timeline():
    got = _events(
        "Rome voulait garder son camp de Niamey, ouvert en 2018 pour appuyer ses formateurs. "
        "Le 4 mars, les derniers soldats italiens ont quitté le Niger."
    )
    assert ("NER", "Italy", "withdrawal_completed", "2024-03-04") in got


def test_offset_dates_the_event_it_names_not_the_others():
    got = _events(
        "Le 5 juin 2023, dix jours à peine après le putsch, la junte a dénoncé les accords "
        "de défense avec la France."
    )
    assert any(e[1:] == ("France", "agreement_revoked", "2023-06-05") for e in got)
    assert not any(e[2] == "coup" and e[3] == "2023-06-05" for e in got)


def test_comparison_base_is_not_the_price_date():
    (c,) = [
        c
        for c in extract(
            "À Maradi, le prix du maïs est supérieur de 25 % à celui de mars 2023.", dt.date(2024, 3, 10)
        )
        if c.event_type == "price_change"
    ]
    assert c.date != "2023-03-01"


def test_deadline_written_after_its_date():
    got = _events(
        "- 3 June: the two governments agree on the terms of the pull-out of US troops from Niger, "
        "with 20 October as the deadline."
    )
    assert ("NER", "United States", "withdrawal_announced", "2024-06-03") in got


# --- figures and troop words -----------------------------------------------------------


def test_bringing_soldiers_home_is_no_presence():
    got = extract("A Spanish-chartered flight has brought 40 Italian soldiers home from Niamey.", PUB)
    assert not any(c.event_type == "presence_reported" and c.troops == 40 for c in got)


def test_paramilitaries_are_troops():
    got = _events("Au Mali voisin, des paramilitaires russes sont stationnés à Ménaka.")
    assert ("MLI", "Russia", "presence_reported", "2024-09-20") in got


# --- vocabulary, English and French ----------------------------------------------------


def test_convoy_sets_off_fr():
    got = _events("Le premier convoi français s'est ébranlé le 2 septembre depuis Niamey.")
    assert ("NER", "France", "withdrawal_started", "2024-09-02") in got


def test_base_placed_under_host_control():
    got = _types("Le 3 mai, la base de Ménaka, passée sous contrôle malien, a été quittée par les Français.")
    assert "base_handed_over" in got


def test_force_ceasing_to_exist_fr():
    got = _events("Le 1er juillet 2013, la Misma cesse d'exister au Mali.", dt.date(2013, 7, 1))
    assert ("MLI", "ECOWAS", "operation_ended", "2013-07-01") in got


def test_intervention_wound_up_told_after_its_name():
    got = _types(
        "Serval, the French intervention that started in Mali in 2013, was formally wound up in July 2014.",
        dt.date(2014, 9, 1),
    )
    assert "operation_ended" in got


def test_sanctioned_and_blocked_funds():
    assert "sanctions_imposed" in _types("In May the United States sanctioned two Malian ministers.")
    assert "sanctions_imposed" in _types("Le 10 janvier, l'UEMOA a bloqué les fonds du Mali à la BCEAO.")


def test_borders_open_again():
    got = _events("Wednesday: the junta in Niamey says the frontiers with Algeria and Chad are open again.")
    assert ("NER", "Niger", "border_reopened", "2024-09-18") in got


def test_mandate_expired_after_a_long_name():
    got = _types(
        "The mandate of the European Union Training Mission in Mali (EUTM Mali) expired on 18 May 2024."
    )
    assert "mandate_ended" in got


def test_consent_withdrawn_with_a_date_between():
    got = _events("Niger's junta withdrew, on 4 December 2023, its consent to the EUMPM mission.")
    assert ("NER", "European Union", "agreement_revoked", "2023-12-04") in got


def test_presence_phrasings():
    assert "presence_reported" in _types("In Mali the Russians had taken up positions in Gao by 5 March.")
    assert "presence_reported" in _types("In Mali, the French still hold three sites in the north.")
    assert "presence_reported" in _types(
        "Au Niger, l'armée allemande dispose toujours d'une plateforme à Niamey."
    )
    assert "presence_reported" in _types("Diplomats put the total in Mali at about 1,500 Russian troops.")
    assert "presence_reported" in _types("Environ 600 soldats américains se trouvaient alors au Niger.")
    assert "presence_reported" in _types(
        "Le contingent italien, réduit à 200 hommes en mars, est toujours à Niamey."
    )


def test_presented_as_is_no_presence():
    got = _types("Au Burkina, le contingent russe est présenté comme une mission de formation.")
    assert "presence_reported" not in got


def test_since_its_launch():
    got = _events("Since its launch in 2013, EUTM Mali has trained thousands of Malian soldiers.")
    assert ("MLI", "European Union", "deployment", "2013") in got


def test_redeployed_to_europe_is_a_withdrawal():
    got = _types("In December 2023 the EU staff in Niger were redeployed to Europe.")
    assert "withdrawal_completed" in got


def test_closure_of_a_site_announced():
    got = _events("Le 2 août, Berlin a annoncé la fermeture de son site de Niamey, au Niger.")
    assert ("NER", "Germany", "withdrawal_announced", "2024-08-02") in got


def test_relay_taken_with_a_day_between():
    got = _events("BAMAKO - La Minusma a pris ce lundi le relais de la Misma au Mali.", dt.date(2013, 7, 1))
    assert ("MLI", "United Nations", "deployment", "2013-07-01") in got


def test_the_two_european_missions_ended():
    got = _events("Au Niger, les deux missions européennes ont pris fin le 30 juin dernier.")
    assert ("NER", "European Union", "operation_ended", "2024-06-30") in got


def test_turkey_is_its_own_actor():
    got = _events("In Niger, Turkey signed a defence cooperation agreement with the junta in March.")
    assert ("NER", "Turkey", "agreement_signed", "2024-03") in got


# --- who acts --------------------------------------------------------------------------


def test_the_countrys_own_borders():
    got = _events(
        "Officers in Niamey said on Monday the country's land and air borders are closed.",
        dt.date(2023, 7, 27),
    )
    assert got == [("NER", "Niger", "border_closed", "2023-07-24")]


def test_neighbour_as_subject_acts():
    got = _events("The authorities of neighbouring Niger withdrew, in May, their consent to the EU mission.")
    assert got and got[0][0] == "NER"


def test_bloc_named_in_passing_is_not_the_next_movers_actor():
    got = extract(
        "French troops began leaving Niger in October. Its borders were shut under sanctions imposed "
        "by the regional bloc. The first convoy set off on 10 October.",
        dt.date(2023, 12, 28),
    )
    assert all(c.actor != "ECOWAS" for c in got if c.event_type.startswith("withdrawal"))


def test_actor_of_a_later_clause_does_not_take_an_estimate():
    got = extract(
        "Russian instructors came to Mali in late 2021. By January the press estimated the contingent "
        "at 400, while a French official spoke of more.",
        dt.date(2022, 6, 1),
    )
    assert {c.actor for c in got if c.event_type == "presence_reported"} <= {"Russia"}


def test_launch_covering_a_list_of_countries():
    got = _events(
        "Operation Barkhane, which France launched on 1 August 2014 to cover Mali, Niger and Burkina Faso, "
        "is run from N'Djamena.",
        dt.date(2014, 9, 1),
    )
    assert {e[0] for e in got if e[2] == "deployment"} == {"MLI", "NER", "BFA"}


def test_founding_of_the_alliance_binds_all_three():
    got = _events("Mali and Niger signed the Liptako-Gourma Charter in Bamako on 16 September 2023.")
    assert {e[0] for e in got if e[2] == "alliance_formed"} == {"MLI", "NER", "BFA"}


def test_accord_named_with_its_year():
    (c,) = extract("Un accord de 2013 encadrait le statut des militaires américains au Niger.", PUB)
    assert (c.country, c.actor, c.event_type, c.date_precision, c.background) == (
        "NER",
        "United States",
        "agreement_signed",
        "year",
        True,
    )


def test_base_held_since_a_year_is_its_opening():
    got = _events("Washington disposait depuis 2017 d'une base de drones près d'Agadez, au Niger.")
    assert ("NER", "United States", "base_opened", "2017") in got


def test_gapped_clause_repeats_the_event_for_another_actor():
    got = _events("Au Niger, le Bénin a rouvert sa frontière le 2 mars, et le Nigeria le 9 mars.")
    assert ("NER", "Benin", "border_reopened", "2024-03-02") in got
    assert ("NER", "Nigeria", "border_reopened", "2024-03-09") in got


# --- precision guards ------------------------------------------------------------------


def test_soldiers_left_in_the_country_remain():
    got = _types("The Germans are still at the airbase in Niamey, the only European soldiers left in Niger.")
    assert not any(t.startswith("withdrawal") for t in got)


def test_gone_to_war_is_no_departure():
    assert _types("PARIS, Jan 12 - France has gone to war in Mali.", dt.date(2013, 1, 12)) <= {"deployment"}


def test_notice_told_after_the_denunciation_is_no_second_expulsion():
    got = _types(
        "On 20 January Burkina Faso denounced the defence accord with France. "
        "The denunciation gave the French troops one month to leave."
    )
    assert "expulsion_ordered" not in got


def test_goods_arriving_are_no_deployment():
    got = _types("In Gao, where most rice arrives by road from Niger, traders are worried.")
    assert "deployment" not in got


def test_condition_on_borders_is_no_closure():
    got = _types("« Quand les frontières sont fermées, tout coûte plus cher », dit un commerçant de Niamey.")
    assert "border_closed" not in got


def test_without_imposing_sanctions():
    got = _types(
        "La Cédéao avait suspendu le Mali de ses instances, sans lui imposer de sanctions économiques."
    )
    assert "sanctions_imposed" not in got or len(got) == 1


def test_leaving_a_camp_is_not_leaving_the_country():
    got = _events(
        "Le 6 mai, les derniers soldats français ont quitté le camp de Ménaka. "
        "Les forces françaises demeurent présentes au Mali.",
        dt.date(2022, 5, 8),
    )
    assert not any(e[2] == "withdrawal_completed" for e in got)
    assert ("MLI", "France", "presence_reported", "2022-05-08") in got


# --- dates carried by the narrative ----------------------------------------------------


def test_end_of_that_month_is_the_month_last_told():
    got = _events(
        "In November 2023 Niger's junta withdrew its consent to the EU mission. "
        "Its staff were redeployed to Europe before the end of that month.",
        dt.date(2024, 5, 20),
    )
    assert ("NER", "European Union", "withdrawal_completed", "2023-11") in got


def test_then_dates_a_presence_by_the_last_date_told():
    got = _events(
        "Le samedi 9 mars, la junte a dénoncé l'accord avec les États-Unis. "
        "Environ 800 militaires américains se trouvaient alors au Niger."
    )
    assert ("NER", "United States", "presence_reported", "2024-03-09") in got


def test_month_of_last_year():
    hits = find_dates("unrest since march last year, when soldiers mutinied", dt.date(2013, 1, 12))
    assert [(h.date, h.precision) for h in hits] == [(dt.date(2012, 3, 1), "month")]


def test_about_a_week_later_has_no_exact_day():
    got = _events(
        "Le 2 mars, le Bénin a rouvert sa frontière avec le Niger. "
        "Le Niger a rouvert sa frontière avec le Bénin environ une semaine plus tard."
    )
    assert ("NER", "Niger", "border_reopened", "2024-03") in got


def test_date_of_an_aside_does_not_date_the_main_verb():
    (c,) = [
        c
        for c in extract(
            "Some 300 French soldiers of Task Force Sabre, the unit that has fought in the Sahel since 2010, "
            "are based near Ouagadougou.",
            dt.date(2023, 1, 20),
        )
        if c.event_type == "presence_reported"
    ]
    assert (c.date, c.troops) == ("2023-01-20", 300)


def test_date_before_and_belongs_to_the_verb_before_it():
    got = _events(
        "Paris ended Sabre, the operation that began in Burkina Faso in 2009 and was formally closed in February.",
        dt.date(2023, 3, 1),
    )
    assert ("BFA", "France", "deployment", "2009") in got


def test_coup_told_in_the_present_perfect_under_a_day_heading():
    got = _events(
        "Monday 3 June 2024\n\nSoldiers in Niamey say they have removed the president from power.",
        dt.date(2024, 6, 4),
    )
    assert ("NER", "Niger", "coup", "2024-06-03") in got


def test_perfect_of_another_verb_does_not_date_a_coup():
    got = extract(
        "Mali has been in turmoil since March last year, when soldiers overthrew the president.",
        dt.date(2013, 1, 12),
    )
    assert [(c.event_type, c.date, c.date_precision) for c in got] == [("coup", "2012-03-01", "month")]


def test_lead_date_dates_the_object_of_the_verb():
    got = _events("Le 10 mars, les putschistes ont annoncé la fermeture des frontières du Burkina Faso.")
    assert ("BFA", "Burkina Faso", "border_closed", "2024-03-10") in got


# --- figures ---------------------------------------------------------------------------


def test_figure_that_remains():
    got = extract(
        "Fin mai, selon la junte, 900 militaires français étaient partis et 120 restaient au Niger.", PUB
    )
    assert [c.troops for c in got if c.event_type == "presence_reported"] == [120]


def test_soldiers_trained_are_not_the_force():
    got = extract("Since its launch in 2013, the EU mission in Mali has trained 15,000 Malian soldiers.", PUB)
    assert [c.troops for c in got if c.event_type == "deployment"] == [None]


def test_strength_told_by_comprised():
    got = _types("In Mali, at its height the EU mission comprised some 600 personnel.")
    assert "presence_reported" in got


def test_period_of_a_year_opening_the_story_sets_its_timeline():
    got = _events(
        "In the final weeks of 2019, Russian instructors began to arrive in Mali. "
        "On December 20, Western envoys protested against the deployment.",
        dt.date(2025, 6, 1),
    )
    assert ("MLI", "Russia", "deployment", "2019-12-20") in got


def test_past_deadline_opening_a_sentence_sets_the_timeline():
    got = _events(
        "By late February 2022 the press put the Russian contingent in Mali at about 500. "
        "On March 2, Malian officers said Russian personnel had taken up positions in Menaka.",
        dt.date(2025, 6, 1),
    )
    assert ("MLI", "Russia", "presence_reported", "2022-03-02") in got


def test_figure_of_an_estimate():
    (c,) = [
        c
        for c in extract("In Mali, officials put the total of Russian forces at about 1,800.", PUB)
        if c.event_type == "presence_reported"
    ]
    assert c.troops == 1800


def test_two_presence_reports_a_month_and_a_day_apart_stay_two():
    got = extract(
        "In early March 2022 the press put the Russian contingent in Mali at 300. "
        "On 9 March, Russian personnel had taken up positions in Gao, in Mali.",
        dt.date(2025, 6, 1),
    )
    assert len([c for c in got if c.event_type == "presence_reported"]) == 2


def test_host_request_for_the_departure_of_a_mission():
    got = _types(
        "On 16 June 2023 Mali's government requested the immediate departure of the UN peacekeepers.",
        dt.date(2024, 1, 2),
    )
    assert "expulsion_ordered" in got


def test_mission_established():
    got = _events("Since MINUSMA was established in July 2013, it has lost many peacekeepers in Mali.")
    assert ("MLI", "United Nations", "deployment", "2013-07") in got


def test_decision_to_let_a_mandate_lapse():
    got = _events(
        "Le 6 mai, les États membres ont choisi de laisser expirer la mission de l'UE au Mali.",
        dt.date(2024, 5, 20),
    )
    assert ("MLI", "European Union", "withdrawal_announced", "2024-05-06") in got


def test_also_shares_the_day_of_the_measures_just_told():
    got = _events(
        "On 3 March, West African leaders ordered the closure of their borders with Niger. "
        "ECOWAS also froze the Nigerien state's assets.",
        dt.date(2024, 3, 4),
    )
    assert ("NER", "ECOWAS", "sanctions_imposed", "2024-03-03") in got


def test_on_that_occasion():
    got = _events(
        "Le ministre russe a été reçu lundi 2 septembre à Bamako. Les deux pays ont signé à cette "
        "occasion un accord de coopération militaire au Mali.",
        dt.date(2024, 9, 4),
    )
    assert ("MLI", "Russia", "agreement_signed", "2024-09-02") in got


def test_speakers_of_a_figure_are_not_the_force():
    got = extract(
        "Au Mali, des responsables américains parlent d'environ 1 500 mercenaires russes.",
        dt.date(2025, 6, 10),
    )
    assert [(c.actor, c.event_type, c.troops) for c in got] == [("Russia", "presence_reported", 1500)]


def test_sanctions_by_the_union_named_before():
    got = _events(
        "Pour Bruxelles, le coup est dur. L'Union a suspendu le 30 juillet son appui budgétaire au Niger.",
        dt.date(2023, 12, 5),
    )
    assert ("NER", "European Union", "sanctions_imposed", "2023-07-30") in got


def test_regional_sanctions_are_not_the_last_named_states():
    got = extract(
        "Niger has broken with France. Its junta is under regional sanctions imposed after the coup.",
        dt.date(2023, 9, 17),
    )
    assert not any(c.event_type == "sanctions_imposed" and c.actor == "France" for c in got)


def test_since_date_of_an_aside_does_not_date_a_revocation():
    got = extract(
        "Le 4 décembre, Niamey a dénoncé l'accord encadrant EUCAP Sahel Niger, la mission européenne "
        "présente depuis 2012.",
        dt.date(2023, 12, 5),
    )
    assert [(c.event_type, c.date) for c in got if c.event_type == "agreement_revoked"] == [
        ("agreement_revoked", "2023-12-04")
    ]


def test_a_present_report_days_after_another_stays_its_own():
    got = extract(
        "Africa Corps said on Friday that it stays in Mali. About 2,000 Russian mercenaries are now in Mali.",
        dt.date(2025, 6, 10),
    )
    assert sorted(c.troops or 0 for c in got if c.event_type == "presence_reported") == [0, 2000]


def test_day_of_last_year():
    hits = find_dates("in crisis since march 22 last year, when soldiers mutinied", dt.date(2013, 1, 12))
    assert [(h.date, h.precision) for h in hits] == [(dt.date(2012, 3, 22), "day")]


def test_the_same_day_is_the_day_this_sentence_gave():
    got = _events(
        "On 28 December the last UN camp in Mali was handed over. On 12 December the German commander "
        "handed Camp Castor to the governor, and two aircraft flew the last 140 German soldiers out of Mali the same day.",
        dt.date(2024, 1, 5),
    )
    assert ("MLI", "Germany", "withdrawal_completed", "2023-12-12") in got


def test_strength_at_its_height_is_not_dated_today():
    (c,) = [
        c
        for c in extract("Au Mali, à son maximum, la mission européenne a compté 600 militaires.", PUB)
        if c.event_type == "presence_reported"
    ]
    assert (c.date, c.troops) == (None, 600)


def test_ceiling_is_not_a_troop_count():
    got = extract("Italy's mission in Niger began in 2018, with a ceiling of 470 soldiers.", PUB)
    assert [c.troops for c in got if c.event_type == "deployment"] == [None]


def test_leading_since_dates_the_measures_of_the_sentence():
    got = _events(
        "Depuis dimanche, le Niger est frappé par les sanctions de la Cédéao, qui a ordonné la fermeture "
        "des frontières de ses membres avec le pays.",
        dt.date(2023, 8, 2),
    )
    assert ("NER", "ECOWAS", "border_closed", "2023-07-30") in got


def test_both_fuels_at_one_price():
    got = [
        c
        for c in extract("In Gao, both petrol and diesel were selling at 1,250 CFA francs a litre.", PUB)
        if c.event_type == "price_change"
    ]
    assert sorted(c.commodity for c in got) == ["diesel", "petrol"]


def test_one_figure_for_a_list_without_both_stays_one_price():
    got = [
        c
        for c in extract("À Maradi, des hausses de 40 % pour le mil, le sorgho et le maïs.", PUB)
        if c.event_type == "price_change"
    ]
    assert len(got) == 1


def test_feast_days_are_dates():
    hits = find_dates("they landed on christmas eve", dt.date(2022, 1, 7))
    assert [h.date for h in hits] == [dt.date(2021, 12, 24)]


def test_nationals_counted_at_a_place():
    (c,) = extract(
        "In Mali, about 40 Russians were at an air base near Bamako on Christmas Eve.", dt.date(2022, 1, 7)
    )
    assert (c.actor, c.event_type, c.date, c.troops) == ("Russia", "presence_reported", "2021-12-24", 40)


# --- more phrasings a journalist might use --------------------------------------------


def test_flew_home_and_touched_down():
    got = _events("Germany's final contingent flew home from Niamey on 30 August.")
    assert got == [("NER", "Germany", "withdrawal_completed", "2024-08-30")]
    got = _events("Russian instructors touched down in Niamey on 10 April.")
    assert ("NER", "Russia", "deployment", "2024-04-10") in got


def test_wrapped_up_its_operations():
    got = _events(
        "The UN mission formally wrapped up its operations in Mali on 31 December.", dt.date(2024, 1, 2)
    )
    assert ("MLI", "United Nations", "operation_ended", "2023-12-31") in got


def test_date_before_after_the_coup_is_the_sanctions_date():
    got = extract("ECOWAS slapped sanctions on Niger on 30 July after the coup.", dt.date(2023, 8, 5))
    assert [(c.event_type, c.date) for c in got if c.event_type == "sanctions_imposed"] == [
        ("sanctions_imposed", "2023-07-30")
    ]
    assert all(c.date != "2023-07-30" for c in got if c.event_type == "coup")


def test_protesters_demand_is_no_expulsion():
    assert _types("Protesters in Niamey demanded the departure of French troops on Sunday.") == set()


def test_might_pull_out_is_speculation():
    assert _types("Washington might pull its troops out of Niger, officials said.") == set()


def test_denied_report_is_no_event():
    assert _types("Reports that Russian troops had arrived in Niamey were denied by the junta.") == set()


def test_host_demand_with_a_date_between():
    got = _events(
        "Les autorités maliennes ont demandé le 16 juin 2023 le retrait sans délai de la Minusma.",
        dt.date(2024, 1, 2),
    )
    assert ("MLI", "United Nations", "expulsion_ordered", "2023-06-16") in got


def test_airspace_with_its_article():
    assert ("NER", "Niger", "border_closed", "2024-08-06") in _events(
        "La junte a fermé l'espace aérien nigérien le 6 août.", dt.date(2024, 8, 10)
    )


def test_forces_operating_in_a_country():
    got = _events("Les mercenaires de Wagner opèrent dans le centre du Mali depuis 2022.")
    assert ("MLI", "Russia", "presence_reported", "2022") in got


def test_participle_after_a_deployment_is_the_force_sent():
    got = extract(
        "The Pentagon first sent about 100 personnel to Niger in 2013, operating from the air base at Niamey.",
        dt.date(2024, 3, 17),
    )
    assert [(c.event_type, c.troops) for c in got] == [("deployment", 100)]


def test_force_named_in_passing_is_not_the_next_sentences_actor():
    got = extract(
        "Des instructeurs russes ont débarqué mardi à Ouagadougou. Une première, deux ans après le départ "
        "des soldats français. L'avion s'est posé mardi à l'aéroport de Ouagadougou.",
        dt.date(2024, 1, 26),
    )
    assert {c.actor for c in got} == {"Russia"}


def test_two_states_reopening_their_common_border():
    got = _events("Le Niger et le Bénin ont rouvert leur frontière commune le 3 avril.", dt.date(2024, 4, 5))
    assert sorted(got) == [
        ("NER", "Benin", "border_reopened", "2024-04-03"),
        ("NER", "Niger", "border_reopened", "2024-04-03"),
    ]


# --- a long retrospective sentence: several events, each with its own date --------------


def test_yearless_day_after_a_year_in_the_same_sentence():
    got = _events(
        "In Burkina Faso the junta told French special forces to leave in January 2023, and "
        "Operation Sabre ended on 18 February.",
        dt.date(2025, 2, 10),
    )
    assert ("BFA", "France", "operation_ended", "2023-02-18") in got


def test_date_after_a_verb_belongs_to_it():
    got = _events(
        "In Burkina Faso the junta that took power in September 2022 gave French troops a month to leave in "
        "January 2023.",
        dt.date(2025, 2, 10),
    )
    assert ("BFA", "Burkina Faso", "coup", "2022-09") in got
    assert ("BFA", "France", "expulsion_ordered", "2023-01") in got


def test_expelled_ambassador_is_no_troop_expulsion():
    got = _types(
        "France pulled its last troops out of Mali in August 2022 after the junta expelled its ambassador.",
        dt.date(2025, 2, 10),
    )
    assert "expulsion_ordered" not in got


def test_next_sentence_figure_of_another_force_is_not_given():
    got = extract(
        "The last French soldiers left Niger on 22 December 2023. Washington held on longer; its 1,000 "
        "troops were finally gone by 5 August 2024.",
        dt.date(2025, 2, 10),
    )
    assert [(c.actor, c.troops) for c in got if c.event_type == "withdrawal_completed"] == [
        ("France", None),
        ("United States", 1000),
    ]


def test_place_left_its_own_verb():
    got = _events(
        "Russian instructors landed in Ouagadougou in January 2024 and in Niamey in April 2024.",
        dt.date(2025, 2, 10),
    )
    assert ("BFA", "Russia", "deployment", "2024-01") in got
    assert ("NER", "Russia", "deployment", "2024-04") in got


def test_price_gone_from_is_no_departure():
    got = _types("In Niamey, a bag of rice had already gone from 11,500 to 14,500 CFA francs.")
    assert got == {"price_change"}
