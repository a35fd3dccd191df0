"""Who held which place, and when: control claims, and the timeline built from them.

Two kinds of claim make a place's timeline. Territory events say a place changed hands (a capture, a retaking, a
withdrawal or handover: the event's `control_change`), or that it was besieged (held by the side under siege).
Statements say who held it without telling an event ("ISIL-held Hajin", "the loss of X"); the coder reads those
(eventcoder.control.reader) and dates them (eventcoder.control.claims).

A timeline keeps every claim, in date order: when two sources give different holders for the same days both rows
stay, marked `disputed`, and nothing is overwritten.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterable

from ..model import DATE_FROM_NARRATIVE, ControlClaim, Event
# TERRITORY_KINDS: how a control row came about, for people reading the timeline
from ..taxonomy import CAPTURED, CIVILIANS, TERRITORY_CHANGES, TERRITORY_KINDS, TRANSFERRED_PEACEFULLY

# a change of hands only tried ("attempted to recapture the town", "tried to lift the siege"): the fight is an
# event, the place stays held
ATTEMPTED_RULE = "CONTROL_ONLY_ATTEMPTED"
# a change of hands told of no place ("Russian forces withdrew on 2 April"): of the place the narrative is about
NARRATIVE_PLACE_RULE = "CONTROL_OF_NARRATIVE_PLACE"
# event triggers whose event says who holds the place: the besieged side holds it
SIEGE_RULES = frozenset({"T_BESIEGE", "T_SIEGE"})
# a siege named, not told: "during the Russian siege, the Red Cross said ..." with no date of its own is no news of
# who holds the place on the day the story has reached
SIEGE_MENTIONS = frozenset({"T_SIEGE"})
# triggers of a siege broken or lifted: the side that broke it holds the place, not the besiegers
SIEGE_BROKEN_RULES = frozenset({"T_BREAK_SIEGE", "T_SIEGE_LIFTED"})
# triggers of a taking back ("recaptured", "retook", "regained"): the taker held the place before and lost it, so
# a retaking dated before the loss it undoes contradicts itself
RETAKING_RULES = frozenset({"T_RECAPTURE", "T_RE_CAPTURE", "T_RETAKE", "T_RETAKE2", "T_REGAIN"})
# how a row came to its place in the timeline when its own date contradicted the story's order
NARRATIVE_ORDER = "narrative"


# ------------------------------------------------------------ claims from events


def event_claims(events: Iterable[Event]) -> list[ControlClaim]:
    """Control claims that events make: a change of hands (captured, retaken, transferred) at a place the sentence
    names, a siege (the besieged side holds the place) and its end (the side that broke it holds it). A place the
    event took from the narrative, not from its own sentence, makes a claim only when the change was told of no
    other place ("Russian forces withdrew", NARRATIVE_PLACE_RULE); a country is no place a claim holds, nor is the
    town a capture was told near ("captured four villages northeast of Aleppo"), though one withdrawn from is."""
    claims = []
    for e in events:
        # how the event's own place was found: its first place rule (a detail merged into it brings its own)
        placed = next((r for r in e.rules if r.startswith("PLACE_")), "")
        if not e.evidence or placed == "PLACE_COUNTRY_ONLY":
            continue  # a country is held by no one claim
        if placed == "PLACE_NEAR_REFERENCE" and e.sub_event_type != TRANSFERRED_PEACEFULLY:
            continue  # villages taken near a town are not the town; a withdrawal from it is
        if placed == "PLACE_FROM_NARRATIVE" and NARRATIVE_PLACE_RULE not in e.rules:
            continue
        kind = previous = controller = None
        if e.control_change:
            kind = TERRITORY_KINDS.get(e.sub_event_type, CAPTURED)
            controller, previous = e.control_change.get("to") or "", e.control_change.get("from") or ""
        elif (e.rules and e.rules[0] in SIEGE_RULES and e.actor2 and e.inter2 != CIVILIANS
              and not (e.rules[0] in SIEGE_MENTIONS and DATE_FROM_NARRATIVE in e.rules)):
            kind, controller, previous = "besieged", e.actor2, ""
        elif (e.rules and e.rules[0] in SIEGE_BROKEN_RULES and e.actor1 and e.inter1 != CIVILIANS
              and ATTEMPTED_RULE not in e.rules):
            kind, controller, previous = "held", e.actor1, ""
        if kind is None or (not controller and not previous):
            continue
        claims.append(ControlClaim(place=e.location, iso3=e.iso3, admin1=e.admin1, latitude=e.latitude,
                                   longitude=e.longitude, date_start=e.date_start, date_end=e.date_end,
                                   controller=controller, previous=previous, kind=kind, rule=e.rules[0],
                                   doc_id=e.doc_id, evidence=e.evidence[0], event_id=e.event_id_cnty))
    return claims


# ------------------------------------------------------------ the timeline


@dataclass
class TimelineRow:
    place: str
    date: str  # the first day the claim holds from
    date_end: str  # the last day of the window the claim's date lies in
    controller: str
    previous: str
    kind: str
    event_id: str
    evidence: str
    doc_id: str
    until: str = ""  # the date the next row gives another holder
    disputed: bool = False  # another claim for overlapping days names another holder, or contradicts its order
    order: str = ""  # NARRATIVE_ORDER: dated from the taking it undoes, its own date being before that taking
    rule: str = ""
    claim_id: str = ""
    also: list[dict] = field(default_factory=list)  # the same change as other documents tell it


    def as_dict(self) -> dict:
        return asdict(self)


def timeline(claims: Iterable[dict]) -> list[TimelineRow]:
    """A place's control rows in date order. A claim that does not say who held the place before takes the holder
    the timeline had reached; one that says only who lost it is kept with no controller."""
    claims, reordered, out_of_order = _in_narrative_order(list(claims))
    ordered = sorted(claims, key=lambda c: (c["date_start"], c["date_end"], c["doc_id"],
                                            c["evidence"]["char_start"], c["claim_id"]))
    rows: list[TimelineRow] = []
    by_event: dict[tuple, TimelineRow] = {}
    holder = ""
    for c in ordered:
        same = by_event.get((c.get("event_id"), c["controller"], c["previous"])) if c.get("event_id") else None
        if same is not None:  # another document's report of the same change: one row, every source's words
            same.also.append({"doc_id": c["doc_id"], "evidence": c["evidence"]["text"]})
            continue
        previous = c["previous"] or (holder if holder != c["controller"] else "")
        rows.append(TimelineRow(place=c["place"], date=c["date_start"], date_end=c["date_end"],
                                controller=c["controller"], previous=previous, kind=c["kind"],
                                event_id=c.get("event_id") or "", evidence=c["evidence"]["text"], doc_id=c["doc_id"],
                                rule=c["rule"], claim_id=c["claim_id"]))
        if c.get("event_id"):
            by_event[(c["event_id"], c["controller"], c["previous"])] = rows[-1]
        holder = c["controller"]  # after a "lost" claim, who holds the place is not known
    for i, row in enumerate(rows):
        later = [r for r in rows[i + 1:] if r.controller != row.controller and r.date > row.date]
        row.until = later[0].date if later else ""
        # a row dated by the story's order shares the days of the taking it follows: no contradiction of them
        row.disputed = row.claim_id in out_of_order or any(_contradict(row, r) for r in rows if r is not row
                                                           and not {row.claim_id, r.claim_id} & reordered)
        row.order = NARRATIVE_ORDER if row.claim_id in reordered else ""
    return rows


def _in_narrative_order(claims: list[dict]) -> tuple[list[dict], set[str], set[str]]:
    """Claims whose dates contradict the story's order: a retaking ("the army retook the town", the army from ISIL)
    dated before the taking it undoes (ISIL taking the town from the army). Where one document tells the taking
    first, the story's order stands: the retaking is dated from the taking's days, its own date being wrong (a
    day-month read in the wrong year). Where it cannot say (the retaking told first, or by another document), both
    stay as dated and are marked disputed. Returns (the claims, the ids of those redated, of those disputed)."""
    reordered: set[str] = set()
    disputed: set[str] = set()
    changes: dict[tuple[str, str], list[dict]] = {}  # changes of hands by (taker, from whom)
    for t in claims:
        if t["kind"] in TERRITORY_CHANGES:
            changes.setdefault((t["controller"], t["previous"]), []).append(t)
    out = []
    for c in claims:
        if c["rule"] in RETAKING_RULES and c["kind"] in TERRITORY_CHANGES and c["controller"] and c["previous"]:
            undone = [t for t in changes.get((c["previous"], c["controller"]), ())
                      if t is not c and t["date_start"] > c["date_start"]]
            told_first = [t for t in undone if t["doc_id"] == c["doc_id"]
                          and t["evidence"]["char_start"] < c["evidence"]["char_start"]]
            if told_first:
                last = max(told_first, key=lambda t: (t["date_start"], t["date_end"]))
                c = dict(c, date_start=last["date_start"], date_end=max(last["date_end"], c["date_end"]))
                reordered.add(c["claim_id"])
            elif undone:
                disputed.update([c["claim_id"], *(t["claim_id"] for t in undone)])
        out.append(c)
    return out, reordered, disputed


def _contradict(a: TimelineRow, b: TimelineRow) -> bool:
    """Two claims of the same nature name different holders for the same days: two statements whose windows
    overlap, or two changes of hands in the very same window (one place taken by two sides on one day). A change
    told after a statement of the same day is the story moving on, not a contradiction."""
    if not a.controller or not b.controller or a.controller == b.controller:
        return False
    statements = ("held", "besieged")
    if a.kind in statements and b.kind in statements:
        return a.date <= b.date_end and b.date <= a.date_end
    changes = a.kind not in statements and b.kind not in statements
    return changes and (a.date, a.date_end) == (b.date, b.date_end)
