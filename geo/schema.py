"""Column names and vocabularies of every input table: the single source of truth.

The documentation in ``places/README.md`` and ``campaigns/README.md`` defines the
same fields; ``tests/test_docs.py`` fails when the two drift apart.
"""

from __future__ import annotations

# --- gazetteer: places/gazetteer.csv -------------------------------------------------------------
PLACE_ID = "id"
NAME = "name"
NAME_SIMPLIFIED = "name_simplified"
PINYIN = "pinyin"
VARIANTS = "variants"
PLACE_TYPE = "type"
LAT = "lat"
LON = "lon"
UNCERTAINTY_KM = "uncertainty_km"
LOCATION_BASIS = "location_basis"
MODERN = "modern"
POLITY = "polity"
VALID_FROM = "valid_from"
VALID_TO = "valid_to"
SOURCE = "source"
NOTE = "note"

PLACE_COLUMNS: tuple[str, ...] = (
    PLACE_ID, NAME, NAME_SIMPLIFIED, PINYIN, VARIANTS, PLACE_TYPE, LAT, LON, UNCERTAINTY_KM,
    LOCATION_BASIS, MODERN, POLITY, VALID_FROM, VALID_TO, SOURCE, NOTE,
)
PLACE_REQUIRED: tuple[str, ...] = (
    PLACE_ID, NAME, NAME_SIMPLIFIED, PINYIN, PLACE_TYPE, LAT, LON, UNCERTAINTY_KM,
    LOCATION_BASIS, MODERN, SOURCE,
)
PLACE_TYPES: tuple[str, ...] = (
    "capital", "prefecture", "county", "town", "garrison", "fortress", "pass", "river", "lake",
    "mountain", "region", "people", "polity", "camp", "battlefield", "ford", "palace",
)
LOCATION_BASES: tuple[str, ...] = (
    "ruins", "modern_seat", "historical_atlas", "feature", "river_midpoint", "region", "inferred",
)
POLITIES: tuple[str, ...] = ("liao", "jin", "song", "xia", "goryeo", "steppe", "other")
VARIANT_SEPARATOR = ";"

# --- campaigns/campaigns.csv ---------------------------------------------------------------------
CAMPAIGN_ID = "id"
TITLE_ZH = "title_zh"
TITLE_EN = "title_en"
DESCRIPTION = "description"
PERIOD = "period"
COLOUR = "colour"
CAMPAIGN_COLUMNS: tuple[str, ...] = (CAMPAIGN_ID, TITLE_ZH, TITLE_EN, DESCRIPTION, PERIOD, COLOUR)
CAMPAIGN_REQUIRED = CAMPAIGN_COLUMNS

# --- campaigns/actors.csv ------------------------------------------------------------------------
ACTOR_ID = "id"
NAME_EN = "name_en"
NAME_ZH = "name_zh"
SIDE = "side"
DASH = "dash"
ROUTE = "route"
ACTOR_COLUMNS: tuple[str, ...] = (ACTOR_ID, NAME_EN, NAME_ZH, SIDE, COLOUR, DASH, ROUTE)
ACTOR_REQUIRED: tuple[str, ...] = (ACTOR_ID, NAME_EN, NAME_ZH, SIDE, COLOUR)
SIDES: tuple[str, ...] = ("jin", "liao", "song", "xia", "goryeo", "other")
DASHES: tuple[str, ...] = ("solid", "dashed", "dotted", "dashdot")
YES_NO: tuple[str, ...] = ("yes", "no")

# --- campaigns/events.csv ------------------------------------------------------------------------
EVENT_ID = "id"
CAMPAIGN = "campaign"
SEQ = "seq"
DATE = "date"
DATE_AS_WRITTEN = "date_as_written"
REGIME = "regime"
PLACE = "place"
ACTOR = "actor"
ACTION = "action"
TARGET = "target"
QUOTE = "quote"
EVENT_SOURCE = "source"
SUMMARY_EN = "summary_en"
CERTAINTY = "certainty"
READING = "reading"
EVENT_COLUMNS: tuple[str, ...] = (
    EVENT_ID, CAMPAIGN, SEQ, DATE, DATE_AS_WRITTEN, REGIME, PLACE, ACTOR, ACTION, TARGET, QUOTE,
    EVENT_SOURCE, SUMMARY_EN, CERTAINTY, READING, NOTE,
)
EVENT_REQUIRED: tuple[str, ...] = (
    EVENT_ID, CAMPAIGN, SEQ, DATE, REGIME, PLACE, ACTOR, ACTION, QUOTE, EVENT_SOURCE, SUMMARY_EN,
    CERTAINTY,
)
ACTIONS: tuple[str, ...] = (
    "capture", "surrender", "battle", "siege", "raid", "flight", "pursuit", "march", "camp", "hunt",
    "revolt", "embassy", "enthronement", "death", "appointment", "cession", "founding", "other",
)
CERTAINTIES: tuple[str, ...] = ("certain", "probable", "uncertain")
REGIMES: tuple[str, ...] = ("jin", "liao", "song", "xia")
LIST_SEPARATOR = ";"

# --- presence: the actions that put the actor at the event's place (routes) ------------------------
# A route joins only these: an envoy received at court, a surrender or a victory report reaching the
# court, an appointment or a cession do not move the body that the actor names.
PRESENCE_ACTIONS: frozenset[str] = frozenset({
    "capture", "battle", "siege", "raid", "flight", "pursuit", "march", "camp", "hunt", "revolt",
    "enthronement", "death", "founding",
})

# --- derived columns (added by the pipeline, never edited by hand) -------------------------------
JDN_START = "jdn_start"
JDN_END = "jdn_end"
PRECISION = "precision"
JULIAN_START = "julian_start"
JULIAN_END = "julian_end"
GREGORIAN_START = "gregorian_start"
GREGORIAN_END = "gregorian_end"
DATE_ERROR = "date_error"
LINE = "line"
GEOMETRY = "geometry"
PLACE_NAME = "place_name"
PLACE_PINYIN = "place_pinyin"
PLACE_MODERN = "place_modern"
PLACE_BASIS = "place_basis"
PLACE_UNCERTAINTY = "place_uncertainty_km"
SORT_KEY = "sort_jdn"

# --- files of a project ---------------------------------------------------------------------------
GAZETTEER_FILE = "places/gazetteer.csv"
CAMPAIGNS_FILE = "campaigns/campaigns.csv"
ACTORS_FILE = "campaigns/actors.csv"
EVENTS_FILE = "campaigns/events.csv"
SEEDS_DIR = "seeds"
