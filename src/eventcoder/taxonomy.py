"""ACLED's event taxonomy, read once from data/acled_taxonomy.tsv: event types, their sub-event types and disorder
types, which sub-types change who holds a place, and the report's colour of each event type.

Every module that names types reads them here, so the taxonomy is spelled in one place. The names the coding rules
refer to one by one (an attempt to capture is an armed clash; a state that takes a place regains it) are constants
below, checked against the file when it is read.

>>> SUB_EVENT_TYPES["Air/drone strike"]
'Explosions/Remote violence'
>>> TERRITORY_KINDS[TAKEN_BY_STATE], TAKEN_BY_STATE
('retaken', 'Government regains territory')
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import DataFileError
from .resources import read_table

TAXONOMY_FILE = "acled_taxonomy.tsv"
COLUMNS = ["event_type", "sub_event_type", "disorder_type", "territory", "colour"]
# how a territory sub-type changes hands, as the control timeline names it
RETAKEN, CAPTURED, TRANSFERRED = "retaken", "captured", "transferred"
TERRITORY_CHANGES = (RETAKEN, CAPTURED, TRANSFERRED)
DISORDER_SEPARATOR = ";"  # "Political violence; Demonstrations": an event type of two disorder types

# the types the coding rules name one by one
BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
CIVILIAN_TARGETING = "Civilian targeting"  # the value of ACLED's civilian_targeting column when civilians were hit
ARMED_CLASH = "Armed clash"
ATTACK = "Attack"
ARRESTS = "Arrests"
LOOTING = "Looting/property destruction"
ABDUCTION = "Abduction/forced disappearance"
SEXUAL_VIOLENCE = "Sexual violence"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
DEMONSTRATIONS = "Demonstrations"  # a disorder type

# ACLED's inter codes, the kind of an actor (data/actors.tsv): 1 state forces, 2 rebel groups, 3 political militias,
# 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external or other forces
INTER_CODES = range(1, 9)
STATE_FORCES = 1
REBELS = 2
POLITICAL_MILITIAS = 3
IDENTITY_MILITIAS = 4
RIOTERS = 5
PROTESTERS = 6
CIVILIANS = 7
EXTERNAL_FORCES = 8
NON_STATE_ARMED = (2, 3, 4)  # rebel groups, political and identity militias
# the labels ACLED's API serves for the inter codes since 2024 (unless asked for numbers), and its interaction label:
# the two actor types, lower code first, joined by "-", or "<type> only" for an event of one actor (ACLED codebook,
# "Actor types" and "Interaction"); 0, no actor, has no label
INTER_LABELS = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
                6: "Protesters", 7: "Civilians", 8: "External/Other forces"}


def interaction_code(inter1: int | None, inter2: int | None) -> int:
    """ACLED's numeric interaction: the two inter codes, lower first; an event of one actor is its code times ten;
    no actor is 0.

    >>> interaction_code(2, 1), interaction_code(6, None), interaction_code(None, None)
    (12, 60, 0)
    """
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return 0
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def interaction_label(code: int | None) -> str:
    """ACLED's text label of a numeric interaction code (its API's form).

    >>> interaction_label(12), interaction_label(60), interaction_label(78), interaction_label(0)
    ('State forces-Rebel group', 'Protesters only', 'Civilians-External/Other forces', '')
    """
    if not code:
        return ""
    first, second = divmod(int(code), 10)
    if not second:
        return f"{INTER_LABELS[first]} only"
    return f"{INTER_LABELS[first]}-{INTER_LABELS[second]}"


@dataclass(frozen=True)
class SubEventType:
    """One row of the taxonomy: a sub-event type and what it belongs to."""

    name: str
    event_type: str
    disorder_type: str
    territory: str  # retaken | captured | transferred, or "" for a sub-type that changes no territory
    colour: str


def read_taxonomy(name: str = TAXONOMY_FILE) -> tuple[SubEventType, ...]:
    """The taxonomy's rows in file order; an event type's disorder type and colour must agree on all its rows."""
    rows: list[SubEventType] = []
    first: dict[str, SubEventType] = {}
    for row in read_table(name, COLUMNS, required=3):
        sub = SubEventType(row["sub_event_type"], row["event_type"], row["disorder_type"], row["territory"],
                           row["colour"])
        if sub.territory and sub.territory not in TERRITORY_CHANGES:
            raise DataFileError(row.file, row.line, f"territory {sub.territory!r} is not one of "
                                                    f"{', '.join(TERRITORY_CHANGES)}")
        if any(r.name == sub.name for r in rows):
            raise DataFileError(row.file, row.line, f"sub-event type {sub.name!r} is listed twice")
        earlier = first.setdefault(sub.event_type, sub)
        if (earlier.disorder_type, earlier.colour) != (sub.disorder_type, sub.colour):
            raise DataFileError(row.file, row.line, f"{sub.event_type}: disorder type and colour differ from its "
                                                    f"first row's (line of {earlier.name!r})")
        rows.append(sub)
    return tuple(rows)


def _territory_sub_type(rows: tuple[SubEventType, ...], kind: str) -> str:
    found = [r.name for r in rows if r.territory == kind]
    if len(found) != 1:
        raise DataFileError(TAXONOMY_FILE, 0, f"{len(found)} sub-event types are marked {kind!r}, expected one")
    return found[0]


def _check_named(names: tuple[str, ...], known: dict, what: str) -> None:
    for name in names:
        if name not in known:
            raise DataFileError(TAXONOMY_FILE, 0, f"the coding rules name {what} {name!r}, which it lacks")


ROWS = read_taxonomy()
# event type -> its sub-event types, both in ACLED's order
EVENT_TYPES: dict[str, tuple[str, ...]] = {t: tuple(r.name for r in ROWS if r.event_type == t)
                                          for t in dict.fromkeys(r.event_type for r in ROWS)}
SUB_EVENT_TYPES: dict[str, str] = {r.name: r.event_type for r in ROWS}  # sub-event type -> event type
DISORDER_TYPES: dict[str, str] = {r.event_type: r.disorder_type for r in ROWS}  # event type -> disorder type
TYPE_COLOURS: dict[str, str] = {r.event_type: r.colour for r in ROWS}  # event type -> the report's colour
TERRITORY_KINDS: dict[str, str] = {r.name: r.territory for r in ROWS if r.territory}  # sub-type -> how it changed
TAKEN_BY_STATE = _territory_sub_type(ROWS, RETAKEN)  # Government regains territory
TAKEN_BY_NON_STATE = _territory_sub_type(ROWS, CAPTURED)  # Non-state actor overtakes territory
TRANSFERRED_PEACEFULLY = _territory_sub_type(ROWS, TRANSFERRED)  # Non-violent transfer of territory
TERRITORY_BY_FORCE = (TAKEN_BY_STATE, TAKEN_BY_NON_STATE)  # a place taken in battle
# event types that are demonstrations (protests, riots): their disorder type names Demonstrations
DEMONSTRATION_TYPES = tuple(t for t, d in DISORDER_TYPES.items()
                            if DEMONSTRATIONS in (part.strip() for part in d.split(DISORDER_SEPARATOR)))
_check_named((BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS), EVENT_TYPES, "event type")
_check_named((ARMED_CLASH, ATTACK, ARRESTS, ABDUCTION), SUB_EVENT_TYPES, "sub-event type")
