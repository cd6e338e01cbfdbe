"""One colour and one marker shape per actor, the same on every page.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies);
each actor also has its own marker shape, so the legend holds even in greyscale or on a washed-out
projector.
"""

from dashboard.records import vocab

ACTOR_COLORS = {
    "France": "#0072B2",  # blue
    "United States": "#D55E00",  # vermillion
    "Russia": "#CC79A7",  # reddish purple
    "Germany": "#009E73",  # bluish green
    "Italy": "#56B4E9",  # sky blue
    "United Nations": "#E69F00",  # orange
    "European Union": "#000000",  # black
    "ECOWAS": "#999933",  # olive (Tol)
    "Turkey": "#882255",  # wine (Tol)
}
ACTOR_SYMBOLS = {
    "France": "circle",
    "United States": "square",
    "Russia": "diamond",
    "Germany": "triangle-up",
    "Italy": "triangle-down",
    "United Nations": "pentagon",
    "European Union": "star",
    "ECOWAS": "hexagon",
    "Turkey": "cross",
}
OTHER_COLOR = "#666666"
FOCUS_FILL = "#f3efe4"  # the three countries
NEIGHBOUR_FILL = "#fbfaf7"
BORDER_COLOR = "#4d4d4d"
SANCTION_FILL = "#b2182b"

assert set(ACTOR_COLORS) == set(vocab.PRESENCE_ACTORS) == set(ACTOR_SYMBOLS)


def actor_color(actor: str) -> str:
    return ACTOR_COLORS.get(actor, OTHER_COLOR)


def actor_symbol(actor: str) -> str:
    return ACTOR_SYMBOLS.get(actor, "circle")
