"""An event as a row of UCDP's Georeferenced Event Dataset (GED): GED's columns in GED's order, with GED's codes.

GED counts organised violence that kills at least one person: a state against an organised armed group or another
state (state-based, type 1), two organised non-state groups (non-state, 2), an organised actor against civilians
(one-sided, 3) (Sundberg & Melander 2013; the UCDP GED codebook). Of ACLED's event types only Battles,
Explosions/Remote violence and Violence against civilians can be such events. Every field is derived from the
event's own by one small function below; what one event cannot tell is left empty rather than guessed: UCDP's
conflict and dyad ids, whether the dyad passed 25 deaths that year (`active_year`), Gleditsch-Ward country codes
(`country_id`, `gwnob`: no data file has them), the ActorId of an actor our data does not take from UCDP, and the
name of a state-based conflict within one country ("Syria: Government" names UCDP's registration of what the
conflict is over). An event of these types gets no row when it names one side only (GED's events are between
two; one that ACLED marks as civilian targeting is against civilians), has a side of rioters or protesters, or
reports no death (`GedRows.left_out` says which).

The dead are split as the toll's own words allow: civilians are civilians; combatants are a side's only where the
event says whose (a strike from afar, `FROM_AFAR`, kills the side struck), else unknown; in one-sided violence the
dead not told as combatants are its civilians, as ACLED's coding of the event already holds.

Where the form differs from GED's own file: `id` is the number of our event id (`SYR570923047954` gives
570923047954: a number, as GED's, and one that no GED event has, GED's being of six or seven digits);
`country`, `adm_1` and `adm_2` are named as ACLED names them ("Aleppo", where GED writes "Aleppo Governorate");
integers are written as integers ("2017"), where GED's CSV writes "2017.0" (pandas reads both as numbers); an
event placed only in its country keeps the point the event has (the capital), where GED puts the country's.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .model import DATE_FROM_NARRATIVE, Event
from .resources import read_table
from .taxonomy import (BATTLES, CIVILIAN_TARGETING, CIVILIANS, EXPLOSIONS, EXTERNAL_FORCES, NON_STATE_ARMED,
                       STATE_FORCES, VIOLENCE_AGAINST_CIVILIANS)

if TYPE_CHECKING:
    from .actors import Actor, ActorRegistry
    from .documents import Document
    from .places import Gazetteer

def ged_id(event_id: str) -> int | None:
    """GED's `id`, a number: the number of our event id, without its country's letters.

    >>> ged_id("SYR570923047954"), ged_id("")
    (570923047954, None)
    """
    digits = event_id.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) if digits.isdigit() else None


# the header of GED's CSV (version 19.1 and later), in its order
GED_COLUMNS = [
    "id", "year", "active_year", "type_of_violence", "conflict_new_id", "conflict_name", "dyad_new_id", "dyad_name",
    "side_a_new_id", "side_a", "side_b_new_id", "gwnob", "side_b", "number_of_sources", "source_article",
    "source_office", "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "adm_1",
    "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low",
    "best", "high",
]
GED_EVENT_TYPES = (BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS)
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3

# why an event has no GED row: EventWriter counts them by these, the CLI says how many
NOT_ORGANISED = "not organised violence"  # another ACLED type, or a side of rioters or protesters
ONE_SIDE_ONLY = "one side only"  # GED codes a dyad: an event with no second side and no civilians hit has none
NO_DEATH = "no death"  # GED's events kill at least one person

# how the CLI says what it left out, for one event and for several
LEFT_OUT_WORDS = {
    NOT_ORGANISED: ("is not organised violence and has no GED row", "are not organised violence and have no GED row"),
    ONE_SIDE_ONLY: ("names one side only and has no GED row (GED's events are between two)",
                    "name one side only and have no GED row (GED's events are between two)"),
    NO_DEATH: ("reports no death and has no GED row (GED's events kill at least one person)",
               "report no death and have no GED row (GED's events kill at least one person)"),
}

# what a side is to GED
STATE, ARMED_GROUP, CIVILIAN_SIDE, NOT_COUNTED = "state", "armed group", "civilians", "not counted"

# the sub-event types whose attacker is not where its blows land: the combatants they kill are the side struck
FROM_AFAR = ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
             "Chemical weapon")
# the rules of a place or a date the sentence did not give (places/location.py HOW_RULES, model.py): GED's
# event_clarity 2
FALLBACK_RULES = frozenset({DATE_FROM_NARRATIVE, "PLACE_FROM_NARRATIVE", "PLACE_OF_SENTENCE", "PLACE_COUNTRY_ONLY"})
COUNTRY_ONLY_RULE = "PLACE_COUNTRY_ONLY"

# GED's five regions from ACLED's; UCDP's follow Gleditsch-Ward code ranges, which put Egypt (651) in the Middle
# East and Armenia, Georgia and Azerbaijan (371-373) in Europe, where ACLED's regions differ (ISO numeric codes)
GED_REGIONS = {
    "Middle East": "Middle East", "Northern Africa": "Africa", "Western Africa": "Africa", "Middle Africa": "Africa",
    "Eastern Africa": "Africa", "Southern Africa": "Africa", "Europe": "Europe", "Caucasus and Central Asia": "Asia",
    "South Asia": "Asia", "Southeast Asia": "Asia", "East Asia": "Asia", "Oceania": "Asia",
    "North America": "Americas", "Central America": "Americas", "South America": "Americas", "Caribbean": "Americas",
}
GED_REGION_OF_COUNTRY = {818: "Middle East", 51: "Europe", 268: "Europe", 31: "Europe"}
# a place's kind (the gazetteer's) as the word GED writes after its name: most populated places "X town"
PLACE_WORDS = {"city": "town", "town": "town", "place": "town", "village": "village", "neighbourhood": "suburb"}
SAME_POINT_KM = 1.0  # a gazetteer entry this close to the event's point is the event's place

_CURATED_UCDP_NAME = re.compile(r"\bUCDP: ([^;]+)")
_UCDP_NAME_PATTERNS = [re.compile(p) for p in (r"UCDP GED side: ([^;]+)", r"UCDP Actor [\d.]+: (.+?) \(ActorId \d+\)",
                                               r"UCDP ACD [\d.]+ side: ([^;]+)")] + [_CURATED_UCDP_NAME]


def left_out_lines(left_out: Mapping[str, int]) -> list[str]:
    """What the ucdp schema left out, a line a reason, in LEFT_OUT_WORDS's order.

    >>> for line in left_out_lines({NO_DEATH: 1, NOT_ORGANISED: 3, ONE_SIDE_ONLY: 0}):
    ...     print(line)
    3 events are not organised violence and have no GED row
    1 event reports no death and has no GED row (GED's events kill at least one person)
    """
    return [f"{left_out[why]:,} event{'s' if left_out[why] != 1 else ''} {words[left_out[why] != 1]}"
            for why, words in LEFT_OUT_WORDS.items() if left_out.get(why)]


# ---------------------------------------------------------------------------------------------------- who

def side_kind(inter: int | None, *, state_abroad: bool = False) -> str:
    """What a side is to GED, from its ACLED inter code: a state (1; 8 when the external force is a state's forces
    abroad), an organised armed group (2-4; other external forces), civilians (7), a side GED does not count
    (rioters 5, protesters 6), or "" for no side.

    >>> side_kind(1), side_kind(8, state_abroad=True), side_kind(8), side_kind(3), side_kind(7), side_kind(6)
    ('state', 'state', 'armed group', 'armed group', 'civilians', 'not counted')
    """
    if not inter:
        return ""
    if inter == STATE_FORCES or (inter == EXTERNAL_FORCES and state_abroad):
        return STATE
    if inter in NON_STATE_ARMED or inter == EXTERNAL_FORCES:
        return ARMED_GROUP
    return CIVILIAN_SIDE if inter == CIVILIANS else NOT_COUNTED


def type_of_violence(kind_a: str, kind_b: str) -> int | None:
    """GED's type of violence between two sides of these kinds; None when GED counts no such violence.

    >>> [type_of_violence("state", "armed group"), type_of_violence("state", "state"),
    ...  type_of_violence("armed group", "armed group"), type_of_violence("civilians", "armed group")]
    [1, 1, 2, 3]
    >>> type_of_violence("armed group", "not counted"), type_of_violence("civilians", "civilians")
    (None, None)
    """
    kinds = {kind_a, kind_b}
    if kinds <= {STATE, ARMED_GROUP}:
        return STATE_BASED if STATE in kinds else NON_STATE
    if CIVILIAN_SIDE in kinds and len(kinds & {STATE, ARMED_GROUP}) == 1:
        return ONE_SIDED
    return None


def state_first(kind_1: str, kind_2: str) -> bool:
    """Whether GED's side_a is the event's second actor: GED names a state first in state-based violence and the
    perpetrator first (civilians second) in one-sided violence; otherwise ACLED's order stands.

    >>> state_first("armed group", "state"), state_first("civilians", "state"), state_first("state", "state")
    (True, True, False)
    """
    return (kind_2 == STATE and kind_1 != STATE) or kind_1 == CIVILIAN_SIDE


def government_name(country: str) -> str:
    """A state as UCDP names a side: its government.

    >>> government_name("Syria")
    'Government of Syria'
    """
    return f"Government of {country}"


def ucdp_name(source: str) -> str:
    """UCDP's name of an actor, read from the source column of its data row ("" where UCDP is not a source): the
    name of GED's events first, then of UCDP's actor list, its conflict list, or a curated row's "UCDP: X" (the
    first one such a row gives).

    >>> ucdp_name("UCDP Actor 22.1: CPP (ActorId 169); UCDP GED side: CPP; UCDP ACD 25.1 side: CPP")
    'CPP'
    >>> ucdp_name("UCDP: IS (its earlier names); Wikipedia: Islamic State of Iraq"), ucdp_name("Wikipedia: X")
    ('IS', '')
    """
    for pattern in _UCDP_NAME_PATTERNS:
        m = pattern.search(source)
        if m:
            name = m.group(1).strip()
            # a curated row's note after the name ("IS (its earlier names)"); UCDP's own names keep theirs
            return re.sub(r"\s*\([^()]*\)$", "", name) if pattern is _CURATED_UCDP_NAME else name
    return ""


def ucdp_actor_id(actor_id: str, source: str) -> int | None:
    """UCDP's ActorId of an actor where our data has it: the id of a row of actors_ucdp.tsv (UCDP_<ActorId>), or
    an "ActorId N" its source names.

    >>> ucdp_actor_id("UCDP_169", ""), ucdp_actor_id("X", "UCDP Actor 22.1: Huk (ActorId 168)")
    (169, 168)
    >>> ucdp_actor_id("ISIL", "UCDP: IS") is None
    True
    """
    m = re.fullmatch(r"UCDP_(\d+)", actor_id) or re.search(r"\bActorId (\d+)", source)
    return int(m.group(1)) if m else None


def dyad_name(side_a: str, side_b: str) -> str:
    """GED's name of a dyad: its two sides, side_a first.

    >>> dyad_name("Government of Syria", "IS")
    'Government of Syria - IS'
    """
    return f"{side_a} - {side_b}"


def conflict_name(violence: int, side_a: str, side_b: str, *, country_a: str = "", country_b: str = "") -> str:
    """GED's conflict name where one event tells it: the dyad's for non-state and one-sided violence, the two
    countries' between two states; "" for a state against a group, whose conflict UCDP names by what it is over.

    >>> conflict_name(2, "IS", "SDF"), conflict_name(1, "x", "y", country_a="Iran", country_b="Israel")
    ('IS - SDF', 'Iran - Israel')
    >>> conflict_name(1, "Government of Syria", "IS", country_a="Syria")
    ''
    """
    if violence in (NON_STATE, ONE_SIDED):
        return dyad_name(side_a, side_b)
    return f"{country_a} - {country_b}" if country_a and country_b else ""


# ---------------------------------------------------------------------------------------------------- how many

def split_deaths(best: int, civilians: int | None, combatants: int | None, *, struck: str = "",
                 one_sided: bool = False) -> tuple[int, int, int, int]:
    """(deaths_a, deaths_b, deaths_civilians, deaths_unknown) of `best` dead of whom the source counts `civilians`
    and `combatants`: combatants go to a side only when it is known whose they are (`struck`, "a" or "b": the side a
    strike from afar hit), the dead of one-sided violence not told as combatants are its civilians, and the rest
    are unknown. Parts beyond `best` are cut to it: the four always add up to `best`.

    >>> split_deaths(10, 3, 5), split_deaths(10, 3, 5, struck="b"), split_deaths(6, None, None, one_sided=True)
    ((0, 0, 3, 7), (0, 5, 3, 2), (0, 0, 6, 0))
    >>> split_deaths(4, 9, 2)
    (0, 0, 4, 0)
    """
    civilian = min(civilians or 0, best)
    fighters = min(combatants or 0, best - civilian)
    rest = best - civilian - fighters
    if one_sided:
        civilian, rest = civilian + rest, 0
    a, b = (fighters if struck == "a" else 0), (fighters if struck == "b" else 0)
    return a, b, civilian, rest + (0 if struck in ("a", "b") else fighters)


def best_claim(claims: Iterable[Mapping[str, Any]], best: int) -> Mapping[str, Any]:
    """The claim of the dead that gives the event's figure (the lowest any source gives), whose parts are split;
    {} when none does.

    >>> best_claim([{"low": 9, "civilians": 9}, {"low": 4, "civilians": 1}], 4)["civilians"]
    1
    """
    return next((c for c in claims if c.get("kind", "killed") == "killed" and c.get("low") == best), {})


def claim_sources(claims: Iterable[Mapping[str, Any]]) -> list[str]:
    """Who the tolls are attributed to, each once, in order (a claim the narrative makes itself names no one).

    >>> claim_sources([{"source": "SOHR"}, {"source": ""}, {"source": "SOHR"}, {"source": "SDF"}])
    ['SOHR', 'SDF']
    """
    return list(dict.fromkeys(c["source"] for c in claims if c.get("source")))


def source_article(source: str, day: str, headline: str) -> str:
    """The article as GED cites it: source, date and headline, quoted.

    >>> source_article("SOHR", "2017-03-12", "Clashes near Palmyra")
    '"SOHR,2017-03-12,Clashes near Palmyra"'
    """
    return f'"{source},{day},{headline}"'


# ---------------------------------------------------------------------------------------------------- where

def where_prec(geo_precision: int | None, *, location: str, admin1: str, admin2: str, country: str,
               country_only: bool = False) -> int | None:
    """GED's precision of the place (1 the place, 2 within about 25 km of it, 3 a second-order admin area, 4 a
    first-order one, 5 a part of the country or a linear feature, 6 the country), from ACLED's geo_precision (1 the
    place, 2 near it, 3 an area) and which area the event's place is.

    >>> where_prec(1, location="Hajin", admin1="Deir-ez-Zor", admin2="Albu Kamal", country="Syria")
    1
    >>> [where_prec(3, location=p, admin1="Aleppo", admin2="Afrin", country="Syria") for p in
    ...  ("Afrin", "Aleppo", "Syria", "Jabal al-Akrad")]
    [3, 4, 6, 5]
    """
    from .places import fold_name
    if geo_precision is None:
        return None
    if geo_precision < 3:
        return geo_precision
    place = fold_name(location)
    if country_only or place == fold_name(country):
        return 6
    if admin2 and place == fold_name(admin2):
        return 3
    return 4 if admin1 and place == fold_name(admin1) else 5


def place_word(kind: str) -> str:
    """The word GED writes after a place's name for its kind (the gazetteer's): most populated places, whatever
    their size, are "X town"; a site keeps its own word.

    >>> place_word("city"), place_word("village"), place_word("neighbourhood"), place_word("airbase"), place_word("")
    ('town', 'village', 'suburb', 'airbase', '')
    """
    return PLACE_WORDS.get(kind, kind)


def where_coordinates(location: str, precision: int | None, *, kind: str = "", country: str = "") -> str:
    """The place as GED names it: a point with its kind ("Hajin town"), an area by its name, the country.

    >>> where_coordinates("Hajin", 1, kind="city"), where_coordinates("Afrin", 3)
    ('Hajin town', 'Afrin')
    >>> where_coordinates("Tabqa Airbase", 1, kind="airbase")
    'Tabqa Airbase'
    >>> where_coordinates("Damascus", 6, country="Syria")
    'Syria'
    """
    if precision == 6:
        return country
    word = place_word(kind) if precision in (1, 2) else ""
    if not word or location.lower().endswith(" " + word):  # a name that says its kind already
        return location
    return f"{location} {word}"


def priogrid_gid(latitude: float | None, longitude: float | None) -> int | None:
    """The PRIO-GRID cell (half a degree a side, numbered from the south-west corner, row by row) of a point.

    >>> priogrid_gid(34.802462, 36.707602), priogrid_gid(-90, -180), priogrid_gid(None, None)
    (179714, 1, None)
    """
    if latitude is None or longitude is None:
        return None
    row = min(math.floor((latitude + 90) / 0.5), 359)
    col = min(math.floor((longitude + 180) / 0.5), 719)
    return row * 720 + col + 1


def geom_wkt(latitude: float | None, longitude: float | None) -> str:
    """The point as well-known text, longitude first, as GED writes it.

    >>> geom_wkt(34.5624, 38.284), geom_wkt(35.0, 38.0)
    ('POINT (38.284 34.5624)', 'POINT (38 35)')
    """
    if latitude is None or longitude is None:
        return ""
    number = lambda x: str(int(x)) if float(x).is_integer() else repr(float(x))
    return f"POINT ({number(longitude)} {number(latitude)})"


def ged_region(acled_region: str, iso: int | None = None) -> str:
    """GED's region (Africa, Americas, Asia, Europe, Middle East) of a country in this ACLED region.

    >>> ged_region("Middle East"), ged_region("Northern Africa"), ged_region("Northern Africa", 818)
    ('Middle East', 'Africa', 'Middle East')
    >>> ged_region("Oceania"), ged_region("Caucasus and Central Asia", 268)
    ('Asia', 'Europe')
    """
    return GED_REGION_OF_COUNTRY.get(iso or 0) or GED_REGIONS.get(acled_region, "")


# ---------------------------------------------------------------------------------------------------- when, how sure

def date_prec(date_start: str, date_end: str, time_precision: int | None = None) -> int:
    """GED's precision of the date (1 the day, 2 within 2-6 days, 3 within a week, 4 within a month, 5 longer) from
    the event's window of days, and no finer than ACLED's time_precision says (2 a few days or a week, 3 a month).

    >>> [date_prec("2017-03-12", end) for end in ("2017-03-12", "2017-03-14", "2017-03-18", "2017-03-31", "2017-06-30")]
    [1, 2, 3, 4, 5]
    >>> date_prec("2017-03-01", "2017-03-01", 3)
    4
    """
    days = (date.fromisoformat(date_end) - date.fromisoformat(date_start)).days + 1
    by_window = 1 if days == 1 else 2 if days <= 6 else 3 if days == 7 else 4 if days <= 31 else 5
    return max(by_window, {2: 2, 3: 4}.get(time_precision or 1, 1))


def event_clarity(rules: Iterable[str]) -> int:
    """GED's event clarity: 1 an event the text tells clearly, 2 one whose place or date came from elsewhere than
    its sentence (the narrative's date, the narrative's or the country's place).

    >>> event_clarity(["T_CLASH", "DATE_D_DMY", "PLACE_NAMED"]), event_clarity(["T_CLASH", "DATE_FROM_NARRATIVE"])
    (1, 2)
    """
    return 2 if FALLBACK_RULES.intersection(rules) else 1


# ---------------------------------------------------------------------------------------------------- the row

@dataclass(frozen=True)
class Side:
    """One side of an event as GED names it."""

    name: str
    kind: str  # STATE, ARMED_GROUP, CIVILIAN_SIDE or NOT_COUNTED
    ucdp_id: int | None = None
    country: str = ""  # a state's: the country whose government it is


class GedRows:
    """GED rows of events (Event objects, or their dicts as `to_dict` and the store give them). The actor registry
    (who is a state's forces, UCDP's names) and the gazetteer (a place's kind) are loaded on the first row that
    needs them, once, unless handed in."""

    def __init__(self, *, registry: ActorRegistry | None = None, gazetteer: Gazetteer | None = None) -> None:
        self._given_registry, self._given_gazetteer = registry, gazetteer
        self._kinds: dict[tuple[str, float, float], str] = {}

    @cached_property
    def registry(self) -> ActorRegistry:
        from .actors import ActorRegistry
        return self._given_registry or ActorRegistry()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from .places import Gazetteer
        return self._given_gazetteer or Gazetteer()

    @cached_property
    def _actors(self) -> dict[str, Actor]:
        """Every actor under the name events carry it by, less its government's years (the first file's on a
        clash, as the registry reads them)."""
        from .actors.registry import strip_years
        by_name: dict[str, Actor] = {}
        for actor in self.registry.actors.values():
            if "{" not in actor.name:
                by_name.setdefault(strip_years(actor.name), actor)
        return by_name

    @cached_property
    def _country_names(self) -> dict[str, str]:
        """ISO alpha-2 -> the country's name as ACLED writes it."""
        return {row["iso2"]: row["name"] for row in read_table("acled_countries.tsv", ["iso2", "name", "region"])}

    def side(self, name: str, inter: int | None, country: str) -> Side | None:
        """The side an event's actor is, in an event in `country` (ACLED's name); None for no actor."""
        if not name:
            return None
        from .actors.registry import strip_years
        actor = self._actors.get(strip_years(name))
        state_forces = actor is not None and actor.inter == STATE_FORCES and bool(actor.country)
        kind = side_kind(inter, state_abroad=state_forces)
        if kind == STATE:  # at home (inter 1), the event's country's; abroad (8), its own country's
            home = self._country_names.get(actor.country, "") if state_forces and inter != STATE_FORCES else ""
            return Side(government_name(home or country), kind, None, home or country)
        if kind == CIVILIAN_SIDE:
            return Side("Civilians", kind)
        if actor is None:
            return Side(name, kind)
        return Side(ucdp_name(actor.source) or name, kind, ucdp_actor_id(actor.id, actor.source))

    def dyad(self, row: Mapping[str, Any]) -> tuple[Side, Side, int, bool] | str:
        """(side_a, side_b, type of violence, whether side_a is the event's second actor), or why GED has no row
        for the event (NOT_ORGANISED, ONE_SIDE_ONLY, NO_DEATH)."""
        if row["event_type"] not in GED_EVENT_TYPES:
            return NOT_ORGANISED
        first = self.side(row["actor1"], row["inter1"], row["country"])
        second = self.side(row["actor2"], row["inter2"], row["country"])
        if second is None and first is not None and (row["event_type"] == VIOLENCE_AGAINST_CIVILIANS
                                                      or row.get("civilian_targeting") == CIVILIAN_TARGETING):
            second = Side("Civilians", CIVILIAN_SIDE)  # ACLED's own coding says civilians were the target
        if first is None or second is None:
            kinds = {s.kind for s in (first, second) if s is not None}
            return NOT_ORGANISED if kinds - {STATE, ARMED_GROUP} else ONE_SIDE_ONLY
        if first.name == second.name:
            return ONE_SIDE_ONLY  # a state's forces against its own, a group split: no dyad UCDP would code
        violence = type_of_violence(first.kind, second.kind)
        if violence is None:
            return NOT_ORGANISED
        if not ((row.get("fatalities_high") or 0) or row.get("fatalities")):
            return NO_DEATH
        swap = state_first(first.kind, second.kind)
        return (second, first, violence, True) if swap else (first, second, violence, False)

    def left_out(self, event: Event | Mapping[str, Any]) -> str:
        """Why GED has no row for the event, or "" when it has one."""
        found = self.dyad(event if isinstance(event, Mapping) else event.to_dict())
        return found if isinstance(found, str) else ""

    def row(self, event: Event | Mapping[str, Any], document: Document | None = None) -> dict | None:
        """The event's GED row, GED_COLUMNS in order; None when GED has none (`left_out` says why). `document`, the
        one the event was coded from, gives the article's date and headline."""
        e = event if isinstance(event, Mapping) else event.to_dict()
        found = self.dyad(e)
        if isinstance(found, str):
            return None
        side_a, side_b, violence, swapped = found
        best = e["fatalities"] or 0
        claim = best_claim(e["claims"], best)
        sub = e["sub_event_type"]
        # a strike from afar killed the event's second actor's fighters (no side's, where that is civilians)
        struck = ("a" if swapped else "b") if sub in FROM_AFAR and violence != ONE_SIDED else ""
        deaths = split_deaths(best, claim.get("civilians"), claim.get("combatants"), struck=struck,
                              one_sided=violence == ONE_SIDED)
        precision = where_prec(e["geo_precision"], location=e["location"], admin1=e["admin1"], admin2=e["admin2"],
                               country=e["country"], country_only=COUNTRY_ONLY_RULE in e["rules"])
        sources = claim_sources(c for c in e["claims"] if c.get("kind", "killed") == "killed")
        day = document.date.isoformat() if document is not None and document.date else ""
        headline = document.title if document is not None else ""
        evidence = e["evidence"][0]["text"] if e["evidence"] else ""
        lat, lon = e["latitude"], e["longitude"]
        both_states = side_a.kind == side_b.kind == STATE  # GED names a conflict between states by their countries
        return {
            "id": ged_id(e["event_id_cnty"]), "year": e["year"],
            "active_year": None,  # whether the dyad passed 25 deaths that year: no one event tells
            "type_of_violence": violence,
            "conflict_new_id": None,
            "conflict_name": conflict_name(violence, side_a.name, side_b.name,
                                           country_a=side_a.country if both_states else "",
                                           country_b=side_b.country if both_states else ""),
            "dyad_new_id": None, "dyad_name": dyad_name(side_a.name, side_b.name),
            "side_a_new_id": side_a.ucdp_id, "side_a": side_a.name,
            "side_b_new_id": side_b.ucdp_id, "gwnob": None, "side_b": side_b.name,
            "number_of_sources": max(1, len(sources)),
            "source_article": source_article(e["source"], day, headline or " ".join(evidence.split())),
            "source_office": e["source"], "source_date": day, "source_headline": headline,
            "source_original": ", ".join(sources),
            "where_prec": precision,
            "where_coordinates": where_coordinates(e["location"], precision, country=e["country"],
                                                   kind=self.place_kind(e["location"], lat, lon)),
            "adm_1": "" if precision == 6 else e["admin1"], "adm_2": "" if precision in (4, 6) else e["admin2"],
            "latitude": lat, "longitude": lon, "geom_wkt": geom_wkt(lat, lon), "priogrid_gid": priogrid_gid(lat, lon),
            "country": e["country"], "country_id": None, "region": ged_region(e["region"], e.get("iso")),
            "event_clarity": event_clarity(e["rules"]),
            "date_prec": date_prec(e["date_start"], e["date_end"], e["time_precision"]),
            "date_start": e["date_start"], "date_end": e["date_end"],
            "deaths_a": deaths[0], "deaths_b": deaths[1], "deaths_civilians": deaths[2], "deaths_unknown": deaths[3],
            "low": e["fatalities_low"] if e["fatalities_low"] is not None else best, "best": best,
            "high": e["fatalities_high"] if e["fatalities_high"] is not None else best,
        }

    def place_kind(self, location: str, latitude: float | None, longitude: float | None) -> str:
        """The gazetteer's kind of the point the event is at ("city", "village", "airbase"); "" when it has no
        place of that name there."""
        if not location or latitude is None or longitude is None:
            return ""
        key = (location, latitude, longitude)
        if key not in self._kinds:
            from .places import distance_km
            near = [(distance_km((latitude, longitude), e.point), e.kind) for e in self.gazetteer.candidates(location)
                    if not e.is_area]
            close = min(near, default=(math.inf, ""))
            self._kinds[key] = close[1] if close[0] <= SAME_POINT_KM else ""
        return self._kinds[key]
