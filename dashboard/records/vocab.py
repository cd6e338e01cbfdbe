"""Controlled vocabularies shared by the data files, validation, extraction and the UI.

Keeping them in one place means a new actor or event type is added once and every
check, colour and translation follows.
"""

COUNTRIES = ("MLI", "BFA", "NER")

# Canonical actors. Foreign presence actors first: they get the map colours.
PRESENCE_ACTORS = (
    "France",
    "United States",
    "Russia",
    "Germany",
    "Italy",
    "United Nations",
    "European Union",
    "ECOWAS",  # AFISMA, the ECOWAS-led mission in Mali (Jan-Jun 2013)
    "Turkey",
)
OTHER_ACTORS = (
    "WAEMU",
    "AES",
    "Nigeria",
    "Benin",
    "Mali",  # the state or its armed forces / junta
    "Burkina Faso",
    "Niger",
    "JNIM",  # the al-Qaeda-linked armed group (non-state: blockades)
)
ACTORS = PRESENCE_ACTORS + OTHER_ACTORS

# Event types. Presence opens, closes or is marked as leaving through these.
OPENS_PRESENCE = ("deployment", "base_opened", "presence_reported")
CLOSES_PRESENCE = ("withdrawal_completed", "base_handed_over", "operation_ended")
MARKS_LEAVING = (
    "withdrawal_announced",
    "expulsion_ordered",
    "agreement_revoked",
    "withdrawal_started",
    "mandate_ended",
)
# A joint force of the host states (e.g. the AES unified force) is an event, not a foreign presence.
OTHER_EVENT_TYPES = ("agreement_signed", "coup", "alliance_formed", "joint_force_launched")
EVENT_TYPES = OPENS_PRESENCE + CLOSES_PRESENCE + MARKS_LEAVING + OTHER_EVENT_TYPES

DATE_PRECISIONS = ("day", "month", "year")
STATUSES = ("verified", "unverified", "disputed")
# What a troop figure means: a garrison size, a number leaving, what is left, a cap.
TROOPS_KINDS = ("strength", "leaving", "remaining", "ceiling", "arriving")
COORD_SOURCES = ("stated", "approximate")

SANCTION_MEASURES = (
    "economic_sanctions",  # a package not broken down by the source
    "border_closure",
    "financial_freeze",  # central bank / regional bank assets, transactions
    "trade_suspension",
    "electricity_cut",
    "aid_suspension",
    "suspension_from_bloc",
    "bloc_exit",  # notice period of leaving a bloc (e.g. ECOWAS)
    "airspace_closure",
    "travel_ban",
    "no_fly_zone",
    "blockade",  # a non-state armed group cutting supply routes (JNIM, Mali 2025)
    "import_levy",  # a duty on imports from outside a bloc (AES levy, 2025)
)
SANCTION_IMPOSERS = ACTORS + ("World Bank",)

PRICE_CONTEXTS = ("pre_coup", "sanctions", "post_sanctions", "other")

# How much a source can be trusted, strongest first; the rule for each is in data/README.md.
SOURCE_GRADES = (
    "official",  # the acting body's own statement or document
    "agency",  # an international news agency's wire, at the agency or under its byline
    "outlet",  # an established news outlet's own reporting
    "copy",  # a copy, mirror or aggregator of another's text
    "state_media",  # media run by a foreign state with a stake in the story
    "weak",  # unknown, anonymous, partisan or tertiary (encyclopedias and their mirrors)
)
STRONG_GRADES = SOURCE_GRADES[:3]
