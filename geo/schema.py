"""Column names and vocabularies of every input table: the single source of truth.

The documentation in ``places/README.md`` and ``campaigns/README.md`` defines the
same fields; ``tests/test_docs.py`` fails when the two drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
WIKIDATA = "wikidata"
CHGIS = "chgis"
DILA = "dila"
WHG = "whg"
AUTHORITIES: dict[str, tuple[str, str]] = {
    WIKIDATA: ("Wikidata", "https://www.wikidata.org/wiki/{}"),
    CHGIS: ("CHGIS", "https://maps.cga.harvard.edu/tgaz/placename/{}"),
    DILA: ("DILA place authority (Academia Sinica CCTS names)", "https://authority.dila.edu.tw/place/?fromInner={}"),
    WHG: ("World Historical Gazetteer", "https://whgazetteer.org/places/{}/portal/"),
}
"""The outside identifiers a place may carry: column → (the authority's name, the address of a record)."""

PLACE_TYPES: tuple[str, ...] = (
    "capital", "prefecture", "county", "town", "garrison", "fortress", "pass", "river", "lake",
    "mountain", "region", "people", "polity", "camp", "battlefield", "ford", "palace",
)
LOCATION_BASES: tuple[str, ...] = (
    "ruins", "modern_seat", "historical_atlas", "feature", "river_midpoint", "region", "inferred",
)
POLITIES: tuple[str, ...] = ("liao", "jin", "song", "xia", "goryeo", "steppe", "other")
VARIANT_SEPARATOR = ";"
MAX_DECIMALS = 6
"""Coordinates are given to at most this many decimals (about 0.1 m): more is invented precision."""
UNCERTAINTY_LIMIT_KM: dict[str, float] = {
    **dict.fromkeys(("capital", "prefecture", "county", "town", "garrison", "fortress", "pass", "palace", "ford",
                     "battlefield"), 200.0),
    **dict.fromkeys(("camp", "lake", "mountain", "river"), 600.0),
    **dict.fromkeys(("region", "people", "polity"), 2500.0),
}
"""Above these radii an ``uncertainty_km`` is probably a typo for the place's type (5000 km on a prefecture)."""
AREA_TYPES: tuple[str, ...] = ("region", "people", "polity")
"""Place types that are areas: a city can be captured or besieged, an area cannot."""
CITY_ACTIONS: tuple[str, ...] = ("capture", "siege")

# --- campaigns/campaigns.csv ---------------------------------------------------------------------
CAMPAIGN_ID = "id"
TITLE_ZH = "title_zh"
TITLE_EN = "title_en"
DESCRIPTION = "description"
PERIOD = "period"
COLOUR = "colour"

# --- campaigns/actors.csv ------------------------------------------------------------------------
ACTOR_ID = "id"
NAME_EN = "name_en"
NAME_ZH = "name_zh"
SIDE = "side"
DASH = "dash"
ROUTE = "route"
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

# --- seeds/reckonings.csv: a source that counts its years its own way ----------------------------
RK_SIGLUM = "siglum"
RK_FIRST = "first_line"
RK_LAST = "last_line"
RK_ERA = "era"
RK_YEARS = "years"
RK_EVIDENCE = "evidence"
RK_FIRST_WORDS = "first_words"
RK_LAST_WORDS = "last_words"

# --- places/homonyms.csv: a name that stands for different places by regime, date or source ------
HN_NAME = "name"
HN_PLACE = "place"
HN_REGIME = "regime"
HN_FROM = "from_year"
HN_TO = "to_year"
HN_SIGLUM = "siglum"
HN_EVIDENCE = "evidence"

# --- derived columns (added by the pipeline, never edited by hand) -------------------------------
JDN_START = "jdn_start"
JDN_END = "jdn_end"
PRECISION = "precision"
JULIAN_START = "julian_start"
JULIAN_END = "julian_end"
GREGORIAN_START = "gregorian_start"
GREGORIAN_END = "gregorian_end"
DATE_ERROR = "date_error"
DATE_RECKONED = "date_reckoned"
"""The date converted: ``date`` with the source's own year count turned into the regime's."""
RECKONING = "reckoning"
"""What the source's reckoning did to the date, in words (empty where it did nothing)."""
CALENDAR_COLUMNS: tuple[str, ...] = (
    JDN_START, JDN_END, PRECISION, JULIAN_START, JULIAN_END, GREGORIAN_START, GREGORIAN_END,
)
LINE = "line"
GEOMETRY = "geometry"
PLACE_NAME = "place_name"
PLACE_PINYIN = "place_pinyin"
PLACE_MODERN = "place_modern"
PLACE_BASIS = "place_basis"
PLACE_UNCERTAINTY = "place_uncertainty_km"
SORT_KEY = "sort_jdn"

# --- the LP-TSV download (the World Historical Gazetteer's delimited format, v0.5) --------------
LP_ID = "id"
LP_TITLE = "title"
LP_TITLE_SOURCE = "title_source"
LP_START = "start"
LP_END = "end"
LP_ATTESTATION_YEAR = "attestation_year"
LP_TITLE_URI = "title_uri"
LP_CCODES = "ccodes"
LP_MATCHES = "matches"
LP_VARIANTS = "variants"
LP_TYPES = "types"
LP_AAT_TYPES = "aat_types"
LP_FCLASSES = "fclasses"
LP_PARENT_NAME = "parent_name"
LP_PARENT_ID = "parent_id"
LP_LON = "lon"
LP_LAT = "lat"
LP_GEOWKT = "geowkt"
LP_GEO_SOURCE = "geo_source"
LP_GEO_ID = "geo_id"
LP_APPROXIMATION = "approximation"
LP_DESCRIPTION = "description"
LPTSV_COLUMNS: tuple[str, ...] = (
    LP_ID, LP_TITLE, LP_TITLE_SOURCE, LP_START, LP_END, LP_TITLE_URI, LP_CCODES, LP_MATCHES, LP_VARIANTS,
    LP_TYPES, LP_AAT_TYPES, LP_FCLASSES, LP_PARENT_NAME, LP_PARENT_ID, LP_LON, LP_LAT, LP_GEOWKT, LP_GEO_SOURCE,
    LP_GEO_ID, LP_APPROXIMATION, LP_DESCRIPTION,
)
"""The columns of ``data/gazetteer.lp.tsv``, in this order (WHG reads them by name)."""
LPTSV_REQUIRED: tuple[str, ...] = (LP_ID, LP_TITLE, LP_TITLE_SOURCE)
LPTSV_OPTIONAL: tuple[str, ...] = (LP_ATTESTATION_YEAR,)
"""Columns WHG accepts that our download leaves out."""

# --- files of a project ---------------------------------------------------------------------------
GAZETTEER_FILE = "places/gazetteer.csv"
CAMPAIGNS_FILE = "campaigns/campaigns.csv"
ACTORS_FILE = "campaigns/actors.csv"
EVENTS_FILE = "campaigns/events.csv"
SEEDS_DIR = "seeds"
UNLOCATED_FILE = "places/unlocated.csv"
SKIPPED_FILE = "campaigns/skipped.csv"
SK_SOURCE = "source"
SK_DATE_AS_WRITTEN = "date_as_written"
SK_PLACE = "place"
SK_REASON = "reason"
UL_NAME = "name"
UL_SEED = "seed"
UL_LINE = "line"
UL_REASON = "reason"
UNLOCATED_REASONS: tuple[str, ...] = ("not locatable", "not a place", "deferred")
OUT_OF_SCOPE_REASONS: tuple[str, ...] = ("out of scope", "before the war", "after the war", "cited from",
                                         "outside the campaigns")
"""A ``skipped.csv`` reason starting with one of these puts the passage outside what the project maps: it is
left out of the share of passages cited (a passage cited from another seed, a date outside the project's years)."""
RECKONINGS_FILE = "seeds/reckonings.csv"
HOMONYMS_FILE = "places/homonyms.csv"


# --- the declarative schema: every input table, its fields and their rules ------------------------
SLUG_PATTERN = r"^[a-z][a-z0-9_]*$"
SLUG_LIST_PATTERN = r"^[a-z][a-z0-9_]*( *; *[a-z][a-z0-9_]*)*$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
CITATION_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*:[0-9]+$"
SIGLUM_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"
SLUG_HINT = "use lower-case ASCII letters, digits and '_', starting with a letter"


@dataclass(frozen=True)
class Field:
    """One column: its type and the rules a structural check enforces (as Frictionless Table Schema)."""

    name: str
    description: str
    type: str = "string"
    required: bool = False
    unique: bool = False
    pattern: str | None = None
    vocabulary: str | None = None
    """The name of a vocabulary in :data:`VOCABULARIES` (a project may extend it)."""
    reference: tuple[str, str] | None = None
    """``(table, field)``: every value must be a value of that field of that table."""
    minimum: float | None = None
    maximum: float | None = None
    form: str = ""
    """What a value that breaks ``pattern`` should be, in words (``a slug``, ``#rrggbb``)."""
    hint: str = ""
    """How to fix a value that breaks ``pattern``."""


@dataclass(frozen=True)
class TableSpec:
    """One input CSV: its path in a project, its fields in order and its primary key."""

    name: str
    path: str
    title: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    optional: bool = False
    """True when a project may leave the file out."""

    @property
    def columns(self) -> tuple[str, ...]:
        """The field names, in order."""
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        """The fields whose cells must not be empty."""
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        return next(f for f in self.fields if f.name == name)


def _id(name: str, description: str) -> Field:
    return Field(name, description, required=True, unique=True, pattern=SLUG_PATTERN, form="a slug",
                 hint=SLUG_HINT)


def _colour(description: str) -> Field:
    return Field(COLOUR, description, required=True, pattern=COLOUR_PATTERN, form="#rrggbb",
                 hint="write it like #b2182b")


def _citation(name: str) -> Field:
    return Field(name, "Seed siglum and line number, SIGLUM:LINE", required=True, pattern=CITATION_PATTERN,
                 form="SIGLUM:LINE", hint="write the seed's siglum and line number, like JS:12")


Vocabularies = Mapping[str, tuple[str, ...]]
"""Allowed terms by vocabulary name: :data:`VOCABULARIES`, or a project's extension of it."""

EXTENSIBLE_VOCABULARIES: tuple[str, ...] = ("side", "action", "place_type", "polity")
"""The vocabularies a project may extend in ``geo.toml`` ``[vocabularies]``; the others are fixed."""

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "place_type": PLACE_TYPES, "location_basis": LOCATION_BASES, "polity": POLITIES, "side": SIDES,
    "dash": DASHES, "yes_no": YES_NO, "action": ACTIONS, "certainty": CERTAINTIES, "regime": REGIMES,
}

GAZETTEER = TableSpec("gazetteer", GAZETTEER_FILE, "Gazetteer: one row per place, with an approximate point", (
    _id(PLACE_ID, "Stable ASCII slug of the place"),
    Field(NAME, "Name in traditional characters, as the sources use it most", required=True),
    Field(NAME_SIMPLIFIED, "The name in simplified characters", required=True),
    Field(PINYIN, "Hanyu pinyin with tone marks", required=True),
    Field(VARIANTS, "Other names and character forms, ;-separated"),
    Field(PLACE_TYPE, "Kind of place", required=True, vocabulary="place_type"),
    Field(LAT, "WGS84 latitude, decimal degrees", "number", required=True, minimum=-90, maximum=90),
    Field(LON, "WGS84 longitude, decimal degrees", "number", required=True, minimum=-180, maximum=180),
    Field(UNCERTAINTY_KM, "Radius in km within which the place most likely lies", "number", required=True, minimum=0),
    Field(LOCATION_BASIS, "How the point was chosen", required=True, vocabulary="location_basis"),
    Field(MODERN, "Modern identification in English", required=True),
    Field(POLITY, "Who held the place in the period of the sources", vocabulary="polity"),
    Field(VALID_FROM, "First year CE the place existed under this name", "integer"),
    Field(VALID_TO, "Last year CE the place existed under this name", "integer"),
    Field(SOURCE, "The published references the identification rests on, ;-separated", required=True),
    Field(NOTE, "Disagreements between identifications; anything an editor should know"),
    Field(WIKIDATA, "Wikidata item of the same place in the same period", pattern=r"^Q[1-9][0-9]*$",
          form="a Wikidata Q-number", hint="write Q and digits, like Q877229"),
    Field(CHGIS, "CHGIS (TGAZ) placename ids of the same place in 1100–1130, ;-separated",
          pattern=r"^hvd_[0-9]+( *; *hvd_[0-9]+)*$", form="CHGIS ids",
          hint="write hvd_ and digits, several separated by ;, like hvd_87659;hvd_87660"),
    Field(DILA, "DILA Place Authority id (re-publishing the Academia Sinica CCTS historical names)",
          pattern=r"^PL[0-9]{12}$", form="a DILA place id", hint="write PL and 12 digits, like PL000000007806"),
    Field(WHG, "World Historical Gazetteer place id", pattern=r"^[0-9]+$", form="a WHG place id",
          hint="write the number of the place's WHG page"),
), primary_key=(PLACE_ID,))

CAMPAIGNS = TableSpec("campaigns", CAMPAIGNS_FILE, "Campaigns: a group of events that one map shows", (
    _id(CAMPAIGN_ID, "ASCII slug of the campaign"),
    Field(TITLE_ZH, "Title in Chinese", required=True),
    Field(TITLE_EN, "Title in English", required=True),
    Field(DESCRIPTION, "One or two English sentences", required=True),
    Field(PERIOD, "The period in the sources' calendar and in Julian years", required=True),
    _colour("#rrggbb, used on the site index"),
), primary_key=(CAMPAIGN_ID,))

ACTORS = TableSpec("actors", ACTORS_FILE, "Actors: an army, a column, a court or an embassy", (
    _id(ACTOR_ID, "ASCII slug of the actor"),
    Field(NAME_EN, "Name in English", required=True),
    Field(NAME_ZH, "Name in Chinese", required=True),
    Field(SIDE, "The side the actor fought for", required=True, vocabulary="side"),
    _colour("#rrggbb, the colour of the actor's route"),
    Field(DASH, "Line style for grayscale figures", vocabulary="dash"),
    Field(ROUTE, "yes when the actor is one body whose events form a route", vocabulary="yes_no"),
), primary_key=(ACTOR_ID,))

EVENTS = TableSpec("events", EVENTS_FILE, "Events: one thing one actor did at one place on one date, in one source", (
    _id(EVENT_ID, "ASCII slug of the event"),
    Field(CAMPAIGN, "One or more campaign ids, ;-separated", required=True, pattern=SLUG_LIST_PATTERN,
          form="campaign ids separated by ;", hint="write ids like five_capitals;tianzuo_pursuit"),
    Field(SEQ, "Order among events on the same date, as the source tells them", "integer", required=True,
          minimum=1),
    Field(DATE, "The full date with era and year, as the calendar engine reads it", required=True),
    Field(DATE_AS_WRITTEN, "The date exactly as the source writes it, where it differs from date"),
    Field(REGIME, "Whose calendar the date uses", required=True, vocabulary="regime"),
    Field(PLACE, "Gazetteer id", required=True, reference=("gazetteer", PLACE_ID)),
    Field(ACTOR, "Actor id", required=True, reference=("actors", ACTOR_ID)),
    Field(ACTION, "What the actor did", required=True, vocabulary="action"),
    Field(TARGET, "Whom or what the action is aimed at, in English"),
    Field(QUOTE, "The verbatim words of the cited line that support the event", required=True),
    _citation(EVENT_SOURCE),
    Field(SUMMARY_EN, "One English sentence", required=True),
    Field(CERTAINTY, "How sure the date and place are", required=True, vocabulary="certainty"),
    Field(READING, "Key shared by the rows that are readings of one event in different sources",
          pattern=SLUG_PATTERN, form="a slug", hint=SLUG_HINT),
    Field(NOTE, "Inference, disagreements between sources, anything a reader should know"),
), primary_key=(EVENT_ID,))

SKIPPED = TableSpec("skipped", SKIPPED_FILE, "Dated passages naming a place that are not made into events", (
    _citation(SK_SOURCE),
    Field(SK_DATE_AS_WRITTEN, "The date as the source writes it"),
    Field(SK_PLACE, "The place name as written"),
    Field(SK_REASON, "Why the passage is not an event", required=True),
), optional=True)

UNLOCATED = TableSpec("unlocated", UNLOCATED_FILE, "Place names in the seeds that have no gazetteer row", (
    Field(UL_NAME, "The name as written", required=True),
    Field(UL_SEED, "Seed siglum", required=True, pattern=SIGLUM_PATTERN, form="a siglum",
          hint="the seed file name without .txt, like JS"),
    Field(UL_LINE, "Line of the seed", "integer", required=True, minimum=1),
    Field(UL_REASON, "Starts with 'not locatable', 'not a place' or 'deferred', then a few words", required=True,
          pattern=r"^(not locatable|not a place|deferred)\b[\s\S]*$", form="a reason starting with a known word",
          hint="start with 'not locatable', 'not a place' or 'deferred', then a colon and a few words"),
), optional=True)

RECKONINGS = TableSpec("reckonings", RECKONINGS_FILE, "Sources that count an era's years their own way", (
    Field(RK_SIGLUM, "The seed whose lines are reckoned", required=True, pattern=SIGLUM_PATTERN, form="a siglum",
          hint="the seed file name without .txt, like JS"),
    Field(RK_FIRST, "First line of the span", "integer", required=True, minimum=1),
    Field(RK_LAST, "Last line of the span", "integer", required=True, minimum=1),
    Field(RK_ERA, "The era whose years are counted differently", required=True),
    Field(RK_YEARS, "Whole years to add to the source's year to get the regime's", "integer", required=True),
    Field(RK_EVIDENCE, "Why: the synchronisms or the editor's note", required=True),
    Field(RK_FIRST_WORDS, "Where the span starts on its first line, when it starts mid-line"),
    Field(RK_LAST_WORDS, "Where the span ends on its last line, when it ends mid-line"),
), optional=True)

HOMONYMS = TableSpec("homonyms", HOMONYMS_FILE, "Names that stand for different places by regime, date or source", (
    Field(HN_NAME, "The name as the texts write it (南京, 京師)", required=True),
    Field(HN_PLACE, "The gazetteer id the name stands for where this reading holds", required=True,
          reference=("gazetteer", PLACE_ID)),
    Field(HN_REGIME, "The regime whose texts use the name so: the regime of the eras a text mostly dates by",
          vocabulary="regime"),
    Field(HN_FROM, "First year CE in which the reading holds", "integer"),
    Field(HN_TO, "Last year CE in which the reading holds", "integer"),
    Field(HN_SIGLUM, "The one seed in which the reading holds; it then wins over the readings of any regime",
          pattern=SIGLUM_PATTERN, form="a siglum", hint="the seed file name without .txt, like JS"),
    Field(HN_EVIDENCE, "Why: the passages or the reference that show the name standing for the place",
          required=True),
), optional=True)

TABLES: dict[str, TableSpec] = {t.name: t for t in (GAZETTEER, CAMPAIGNS, ACTORS, EVENTS, SKIPPED, UNLOCATED,
                                                    RECKONINGS, HOMONYMS)}

PLACE_COLUMNS = GAZETTEER.columns
PLACE_REQUIRED = GAZETTEER.required
CAMPAIGN_COLUMNS = CAMPAIGNS.columns
CAMPAIGN_REQUIRED = CAMPAIGNS.required
ACTOR_COLUMNS = ACTORS.columns
ACTOR_REQUIRED = ACTORS.required
EVENT_COLUMNS = EVENTS.columns
EVENT_REQUIRED = EVENTS.required
RECKONING_COLUMNS = RECKONINGS.columns
RECKONING_REQUIRED = RECKONINGS.required


# --- geo places import: an outside gazetteer and the review file ---------------------------------
IMPORT_REVIEW_FILE = "places/import-review.csv"
DECISION = "decision"
STATUS = "status"
INCOMING_ID = "incoming_id"
INCOMING_NAME = "incoming_name"
INCOMING_LAT = "incoming_lat"
INCOMING_LON = "incoming_lon"
OUR_ID = "our_id"
OUR_NAME = "our_name"
DISTANCE_KM = "distance_km"
MATCHED_BY = "matched_by"
REVIEW_NOTE = "note"
NEW_PREFIX = "new_"
"""The review's proposed gazetteer cells are the gazetteer's columns with this prefix (``new_id``, ``new_lat`` …)."""
REVIEW_COLUMNS: tuple[str, ...] = (
    DECISION, STATUS, INCOMING_ID, INCOMING_NAME, INCOMING_LAT, INCOMING_LON, OUR_ID, OUR_NAME, DISTANCE_KM,
    MATCHED_BY, REVIEW_NOTE, *(NEW_PREFIX + c for c in PLACE_COLUMNS),
)
ACCEPT, REJECT = "accept", "reject"
DECISIONS: tuple[str, ...] = (ACCEPT, REJECT)
MATCHED, NEW, CONFLICTING = "matched", "new", "conflicting"
STATUSES: tuple[str, ...] = (MATCHED, NEW, CONFLICTING)
IMPORT_HEADERS: dict[str, tuple[str, ...]] = {
    PLACE_ID: ("id", "sys_id", "place_id", "pid", "identifier"),
    NAME: ("name_ft", "name", "title", "toponym", "name_ch", "name_zh", "name_hant", "chinese"),
    NAME_SIMPLIFIED: ("name_simplified", "name_jt", "name_hans", "simplified"),
    PINYIN: ("pinyin", "name_py", "romanized", "transcription", "name_en"),
    VARIANTS: ("variants", "variant", "alt_names", "other_names", "alternate_names"),
    PLACE_TYPE: ("type", "types", "type_ch", "type_py", "feature_type", "place_type", "fclass"),
    LAT: ("lat", "latitude", "y_coord", "y_coor", "y", "lat_dd"),
    LON: ("lon", "lng", "long", "longitude", "x_coord", "x_coor", "x", "lon_dd"),
    UNCERTAINTY_KM: ("uncertainty_km", "approximation", "uncertainty"),
    VALID_FROM: ("valid_from", "start", "begin", "beg_yr", "begin_year", "from", "start_year"),
    VALID_TO: ("valid_to", "end", "end_yr", "end_year", "to"),
    LOCATION_BASIS: ("location_basis", "basis"),
    POLITY: ("polity",),
    MODERN: ("modern", "pres_loc", "present_location", "modern_location", "description"),
    WIKIDATA: ("wikidata", "wikidata_id", "qid"),
    CHGIS: ("chgis", "chgis_id", "tgaz_id"),
    DILA: ("dila", "dila_id", "authority_id"),
    WHG: ("whg", "whg_id"),
    "matches": ("matches", "links", "closematch", "exactmatch"),
    "geowkt": ("geowkt", "wkt", "geometry"),
}
"""Header spellings read from an outside gazetteer (compared in lower case, an ``@lang`` suffix dropped), by the
gazetteer column they fill; ``matches`` holds links to authorities (``wd:Q…``), ``geowkt`` an LP-TSV WKT point."""

