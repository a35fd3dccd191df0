"""One event once: reports of the same event, within a document and across documents, become one event.

ACLED codes one event per location, day, type and pair of actors; a narrative that tells the capture of Hajin on
14 December twice tells one event, and two articles that both tell it tell one event. Two reports are of the same
event when their date windows overlap, they are at the same place (or points of one place a few km apart, as two
gazetteers give it), their types agree (a clash and the capture it ended in are one battle) and their actors do
(the same pair, either order for a battle, or one report naming only one side). Different places or days stay
separate events, as ACLED disaggregates.

Within a document `merge_events` merges Event objects; across documents the store keeps each document's reports and
`merge_reports` makes the event they tell.
"""
from __future__ import annotations

import math
from datetime import date
from typing import Any, Iterable, Mapping

from .model import DATE_FROM_NARRATIVE, Event
from .places import distance_km, fold_name
from .taxonomy import ARMED_CLASH, BATTLES, STRATEGIC_DEVELOPMENTS, TERRITORY_BY_FORCE

# two points of "the same place": gazetteers put one village a kilometre or two apart (GeoNames, UCDP, Wikipedia)
SAME_PLACE_KM = 3.0
# one point under two names (Palmyra, Tadmur): nearer than this, different names are the same place
SAME_POINT_KM = 0.5
# a wider window takes in a day of it only up to a month: "in December" and "on 9 December" may be one event,
# "in 2016" and "on 9 December 2016" say too little to be sure
MAX_WINDOW_DAYS = 31
TERRITORY = frozenset(TERRITORY_BY_FORCE)
# which report of several gives an event its type: a capture says more than the clash it ended
SUB_EVENT_RANK = {ARMED_CLASH: 0}
MERGE_RULE = "MERGED_SAME_PLACE_DAY_TYPE"
DETAIL_RULE = "MERGED_DETAIL_TOLD_AFTER"  # a later sentence with no date of its own told more of the event


def _get(x: Event | Mapping[str, Any], name: str) -> Any:
    # Event first: isinstance against the Mapping ABC is slow, and merging asks this millions of times
    return getattr(x, name) if isinstance(x, Event) else x.get(name)


def same_event(a: Event | Mapping[str, Any], b: Event | Mapping[str, Any]) -> bool:
    """Whether two reports (Events or their JSON dicts) tell the same event."""
    if _get(a, "event_type") != _get(b, "event_type"):
        return False
    sa, sb = _get(a, "sub_event_type"), _get(b, "sub_event_type")
    if sa != sb:
        # a clash and the capture it ended in, told of the same days: "on 2 November the army attacked the town"
        # and "by 17 November it had captured it" may be two events
        same_window = (_get(a, "date_start"), _get(a, "date_end")) == (_get(b, "date_start"), _get(b, "date_end"))
        if not (same_window and {sa, sb} <= TERRITORY | {ARMED_CLASH} and ARMED_CLASH in (sa, sb)):
            return False
    return _same_days(a, b) and same_place(a, b) and _same_sides(a, b)


def _same_days(a, b) -> bool:
    a0, a1, b0, b1 = (date.fromisoformat(_get(x, k)) for x in (a, b) for k in ("date_start", "date_end"))
    if a0 > b1 or b0 > a1:
        return False
    if (a0, a1) == (b0, b1):
        return True
    # one window inside the other, the wider no more than a month
    inner, outer = sorted(((a0, a1), (b0, b1)), key=lambda w: (w[1] - w[0]).days)
    return outer[0] <= inner[0] and inner[1] <= outer[1] and (outer[1] - outer[0]).days < MAX_WINDOW_DAYS


def same_place(a: Event | Mapping[str, Any], b: Event | Mapping[str, Any]) -> bool:
    """One place: the same name under any spelling a few km apart (two gazetteers' points for one village), or
    one point under two names."""
    na, nb = fold_name(_get(a, "location") or ""), fold_name(_get(b, "location") or "")
    la, lb = _get(a, "latitude"), _get(b, "latitude")
    if la is None or lb is None:
        return bool(na) and na == nb
    km = distance_km((la, _get(a, "longitude")), (lb, _get(b, "longitude")))
    if km <= SAME_POINT_KM:
        return True
    return km <= SAME_PLACE_KM and bool(na) and bool(nb) and (na == nb or na in nb or nb in na)


def _same_sides(a, b) -> bool:
    a1, a2, b1, b2 = _get(a, "actor1"), _get(a, "actor2"), _get(b, "actor1"), _get(b, "actor2")
    if _get(a, "sub_event_type") in TERRITORY and _get(b, "sub_event_type") in TERRITORY and a1 != b1:
        return False  # a place taken by one side and retaken by the other: two events
    if a1 == b1:
        return a2 == b2 or not a2 or not b2
    if _get(a, "event_type") != BATTLES:
        return False
    # a battle is the same whoever is told as attacking: one side each, or one report naming one side only
    sides_a, sides_b = {a1, a2} - {""}, {b1, b2} - {""}
    return sides_a <= sides_b or sides_b <= sides_a


def merge_events(events: list[Event]) -> list[Event]:
    """Merge the reports of one document that tell the same event (`same_event`), in the order first told.

    The event keeps its first report's fields, but takes a later report's date when its window is narrower and its
    type and sides when its type is more specific (the capture a clash ended in); later reports add their evidence, claims and rules, fill what the first lacked
    (a second actor, injuries, a change of control), and the toll is the most conservative any source gives.

    Each report is compared only with the events of its months or near its place (`_KeptIndex`), and an event
    told again and again keeps what it holds in sets (`_Held`): the time per report does not grow with the
    document.
    """
    kept: list[Event] = []
    index = _KeptIndex()
    held: dict[int, _Held] = {}  # the index of a kept event that has merged a report -> what it holds
    for e in events:
        near = index.candidates(e)
        found = next((k for k in near if same_event(kept[k], e)), None)
        if found is not None:
            _absorb(kept[found], e, held=_held(held, found, kept))
            continue
        found = next((k for k in near if told_of_it(kept[k], e)), None)
        if found is not None:
            _absorb(kept[found], e, keep_type=True, rule=DETAIL_RULE, held=_held(held, found, kept))
        else:
            index.add(e, len(kept))
            kept.append(e)
    return kept


class _KeptIndex:
    """The kept events of a document by the months their windows cover and by their place, so that a report is
    compared only with those that may tell its event. `same_event` and `told_of_it` both need windows that overlap
    (a day of both: both cover its month) and one place (`same_place`: the same name where a place has no point,
    else points at most SAME_PLACE_KM apart, in one band of latitude or the next)."""

    def __init__(self) -> None:
        self.by_month: dict[tuple[int, int], list[int]] = {}
        self.wide: list[int] = []  # windows of more than MONTHS_INDEXED months: a candidate for every report
        self.by_place: dict[tuple, list[int]] = {}

    def add(self, event: Event, k: int) -> None:
        """Index the kept event `kept[k]`."""
        months = _months(event)
        if months is None:
            self.wide.append(k)
        for month in months or ():
            self.by_month.setdefault(month, []).append(k)
        for key in _place_keys(event):
            self.by_place.setdefault(key, []).append(k)

    def candidates(self, event: Event) -> list[int]:
        """The kept events (their indexes, in order) that may tell the same event as `event`: those of the months
        its window covers, or those of its place, whichever are fewer."""
        months = _months(event)
        by_month = None if months is None else [self.by_month.get(m, ()) for m in months] + [self.wide]
        by_place = [self.by_place.get(key, ()) for key in _place_keys(event, near=True)]
        if by_month is not None and sum(map(len, by_month)) < sum(map(len, by_place)):
            return sorted(set().union(*by_month))
        return sorted(set().union(*by_place))


MONTHS_INDEXED = 24  # a window of more months than this is compared with every report, not indexed by month
LATITUDE_BAND = 0.05  # degrees (5.6 km): two points SAME_PLACE_KM apart lie in one band of latitude or the next


def _months(event: Event) -> list[tuple[int, int]] | None:
    """The (year, month)s the event's window covers; None for a window of more than MONTHS_INDEXED months (or
    one that ends before it starts)."""
    first, last = date.fromisoformat(event.date_start), date.fromisoformat(event.date_end)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    if not 0 < count <= MONTHS_INDEXED:
        return None
    return [(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1) for i in range(count)]


def _place_keys(event: Event, *, near: bool = False) -> list[tuple]:
    """The keys an event's place is indexed under: its folded name, its band of latitude. With `near`, the keys
    of every place `same_place` may find the same: the name (a place with no point is matched by it alone), and
    the band and those beside it."""
    name = fold_name(event.location or "")
    keys = [("name", name)] if name else []
    if event.latitude is not None and math.isfinite(event.latitude):
        band = math.floor(event.latitude / LATITUDE_BAND)
        keys += [("band", band + d) for d in ((-1, 0, 1) if near else (0,))]
    return keys


class _Held:
    """What a kept event holds, for the reports it merges to add what it lacks in time that does not grow with
    the reports it has merged: its evidence, spans and rules."""

    def __init__(self, event: Event) -> None:
        self.evidence = {(ev.char_start, ev.char_end) for ev in event.evidence}
        self.spans = {_span_key(sp) for sp in event.spans}
        self.rules = set(event.rules)
        event.rules = list(event.rules)  # its own list, to add to


def _held(held: dict[int, _Held], k: int, kept: list[Event]) -> _Held:
    if k not in held:
        held[k] = _Held(kept[k])
    return held[k]


def _span_key(span: dict) -> tuple:
    return tuple(sorted(span.items()))


def told_of_it(first: Event, later: Event) -> bool:
    """Whether a later sentence's event is a detail of an event already told, not one of its own: it gives no
    date of its own (its date is the narrative's) and happened at that event's place on its days. A report tells
    its event, then what came of it ("Two men were arrested", "They looted shops"): an event of the same type or a
    strategic development; ACLED codes the report's one event, so the event first told keeps its type and sides,
    and takes the later sentence's evidence and what it lacked."""
    if later.event_type != first.event_type and later.event_type != STRATEGIC_DEVELOPMENTS:
        return False  # an airstrike told after a clash is an event of its own, as ACLED codes it
    return (DATE_FROM_NARRATIVE in later.rules and DATE_FROM_NARRATIVE not in first.rules
            and _same_days(first, later) and same_place(first, later)
            and min((ev.char_start for ev in later.evidence), default=0)
            >= (first.evidence[0].char_end if first.evidence else 0))  # after the sentence that told it, though a
    # toll told after both may have joined the first already


def _absorb(first: Event, other: Event, *, keep_type: bool = False, rule: str = MERGE_RULE,
            held: _Held | None = None) -> None:
    held = held or _Held(first)
    if not keep_type and _window_days(other) < _window_days(first):
        first.event_date, first.date_start, first.date_end = other.event_date, other.date_start, other.date_end
        first.time_precision = other.time_precision
    if not keep_type and SUB_EVENT_RANK.get(other.sub_event_type, 1) > SUB_EVENT_RANK.get(first.sub_event_type, 1):
        # the capture a clash ended in: its taker is actor1
        for name in ("sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                     "civilian_targeting", "control_change", "trigger", "notes"):
            if getattr(other, name) not in (None, "") or name in ("sub_event_type", "actor1", "inter1"):
                setattr(first, name, getattr(other, name))
    added = [ev for ev in other.evidence if (ev.char_start, ev.char_end) not in held.evidence]
    first.evidence.extend(added)
    held.evidence.update((ev.char_start, ev.char_end) for ev in added)
    first.add_claims(other.claims)
    for sp in other.spans:
        key = _span_key(sp)
        if key not in held.spans:
            held.spans.add(key)
            first.spans.append(sp)
    if not first.actor2 and other.actor2 and other.actor2 != first.actor1:
        first.actor2, first.assoc_actor_2, first.inter2 = other.actor2, other.assoc_actor_2, other.inter2
        first.civilian_targeting = other.civilian_targeting
    if first.injuries is None:
        first.injuries = other.injuries
    if first.control_change is None:
        first.control_change = other.control_change
    added = [r for r in other.rules if r not in held.rules and r not in (MERGE_RULE, DETAIL_RULE)]
    first.rules += added + [rule]
    held.rules.update(added)
    first.confidence = max(first.confidence, other.confidence)


def _window_days(x) -> int:
    return (date.fromisoformat(_get(x, "date_end")) - date.fromisoformat(_get(x, "date_start"))).days


def _precision_key(x) -> tuple:
    """Which report gives an event its date and type: the narrower window, then the more specific type."""
    return _window_days(x), -SUB_EVENT_RANK.get(_get(x, "sub_event_type"), 1)


def merge_reports(reports: Iterable[Mapping[str, Any]]) -> dict:
    """The event several documents' reports tell (their JSON dicts, each with its `doc_id`): the fields of the report
    that says most (narrowest window, most specific type; the smallest id on a tie, so the result does not depend on
    the order documents came in), every report's evidence (with its document) and claims, and the lowest toll.
    The event's id is the smallest of its reports' ids: stable whatever order the documents are ingested in."""
    reports = sorted(reports, key=lambda r: r["event_id_cnty"])
    primary = min(reports, key=lambda r: (_precision_key(r), r["event_id_cnty"]))
    event = _event_of(primary)
    event.add_claims([dict(c, doc_id=r["doc_id"]) for r in reports for c in r["claims"]])
    for r in reports:  # what the primary report lacks, from the others in id order
        _fill_from(event, r)
    if len(reports) > 1:
        event.rules.append(MERGE_RULE)
    event.confidence = max(r["confidence"] for r in reports)
    return _merged_dict(event, reports)


def _event_of(report: Mapping[str, Any]) -> Event:
    """An Event of a report's own fields, its rules copied and its claims left to gather."""
    event = Event(**{k: v for k, v in report.items() if k in Event.__dataclass_fields__ and k not in
                     ("evidence", "claims", "rules", "spans")})
    event.rules = list(report["rules"])
    event.claims = []
    return event


def _fill_from(event: Event, report: Mapping[str, Any]) -> None:
    """Fill what the event lacks from another report: a second actor, injuries, a change of control."""
    if not event.actor2 and report["actor2"] and report["actor2"] != event.actor1:
        event.actor2, event.assoc_actor_2, event.inter2 = report["actor2"], report["assoc_actor_2"], report["inter2"]
        event.civilian_targeting = report["civilian_targeting"]
    if event.injuries is None and report["injuries"] is not None:
        event.injuries = report["injuries"]
    if event.control_change is None and report["control_change"]:
        event.control_change = report["control_change"]


def _merged_dict(event: Event, reports: list[Mapping[str, Any]]) -> dict:
    """The merged event as a dict: the smallest id, and every report's evidence and spans with its document."""
    out = event.to_dict()
    out["iso3"] = event.iso3
    out["event_id_cnty"] = reports[0]["event_id_cnty"]
    out["evidence"] = [dict(ev, doc_id=r["doc_id"]) for r in reports for ev in r["evidence"]]
    out["spans"] = [dict(sp, doc_id=r["doc_id"]) for r in reports for sp in r.get("spans", ())]
    out["doc_ids"] = sorted({r["doc_id"] for r in reports})
    out["reports"] = len(reports)
    return out
