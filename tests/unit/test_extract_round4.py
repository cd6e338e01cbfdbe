"""Round 4: phrasing classes from a second writer's style (validation set), each on a
sentence of our own."""

import datetime as dt

from dashboard.ingest.extract.article import read_article  # noqa: F401  (import order)
from dashboard.ingest.extract.evaluate import date_key
from dashboard.ingest.extract.extractor import extract

PUB = dt.date(2023, 11, 20)


def _prices(text, pub=PUB):
    return [c for c in extract(text, pub) if c.event_type == "price_change"]


def test_price_said_higher_than_a_year_ago():
    (c,) = _prices("In Niamey the price of millet is 20 percent higher than a year ago.")
    assert (c.country, c.commodity, c.change_pct) == ("NER", "millet", 20.0)


def test_price_cheaper_is_a_fall():
    (c,) = _prices("In Bamako, sugar is 10 percent cheaper than in June.")
    assert c.change_pct == -10.0


def test_signed_percentage_in_brackets_fr():
    got = _prices("Au Niger, le sorgho (+17 % sur un an) suit la même pente.")
    assert [(c.commodity, c.change_pct) for c in got] == [("sorghum", 17.0)]


def test_percentage_said_of_the_previous_sentences_commodity():
    got = _prices(
        "À Zinder, c'est le riz qui inquiète. Son prix est supérieur de 30 % à celui de l'an dernier."
    )
    assert [(c.country, c.commodity) for c in got] == [("NER", "rice")]


def test_generic_fuel_paid_at_the_street():
    (c,) = _prices("In Bamako, drivers are paying 1,800 CFA francs for a litre of fuel.")
    assert (c.country, c.commodity, c.price_value) == ("MLI", "fuel", 1800)


def test_no_price_without_a_figure_for_fuel():
    assert _prices("In Gao, fuel arrives by road from Algeria.") == []


def test_two_fuels_same_day_stay_two():
    got = _prices(
        "NIAMEY - Les prix à la pompe ont baissé mardi. Le litre de gasoil passe de 668 à 618 francs CFA. "
        "Le super recule de 41 francs, à 499 francs le litre contre 540 auparavant.",
        dt.date(2024, 7, 24),
    )
    assert sorted(c.commodity for c in got) == ["diesel", "petrol"]


def test_live_blog_headings_with_entry_times():
    text = (
        "Niger live.\n\nMonday 10 July, 09:15\nBenin has closed its border with Niger.\n\n"
        "Wednesday 12 July, 18:00\nECOWAS imposed sanctions on Niger."
    )
    got = {c.event_type: date_key(c) for c in extract(text, dt.date(2023, 7, 14))}
    assert got.get("border_closed") == "2023-07-10"
    assert got.get("sanctions_imposed") == "2023-07-12"


def test_coup_as_removed_from_power():
    got = extract("In Niamey, soldiers said they had removed President Bazoum from power.", PUB)
    assert [(c.country, c.actor, c.event_type) for c in got] == [("NER", "Niger", "coup")]


def test_coup_fr_chasse_du_pouvoir():
    got = extract("Au Burkina Faso, des militaires ont chassé le président du pouvoir vendredi.", PUB)
    assert ("BFA", "coup") in {(c.country, c.event_type) for c in got}


def test_not_a_coup_when_only_demanded():
    got = extract("In Niamey, protesters demanded that the army remove the president from power.", PUB)
    assert "coup" not in {c.event_type for c in got}
