"""One event once: reports of the same event within a document are merged.

ACLED codes one event per location, day and type; a narrative that tells the capture of Hajin on 14 December twice
tells one event. Here that is applied within a document; the store (a later stage) applies it across documents.
"""
from __future__ import annotations

from .model import Event


def merge_events(events: list[Event]) -> list[Event]:
    """Merge events of one document that share location, date window, event type and sides.

    The first report keeps its fields; later ones add their evidence, claims and rules, fill what the first
    lacked (a second actor, injuries), and the merged event keeps the most conservative toll.
    """
    kept: list[Event] = []
    index: dict[tuple, Event] = {}
    for e in events:
        key = (e.doc_id, e.location, e.date_start, e.date_end, e.event_type, e.actor1)
        first = index.get(key)
        if first is None:
            index[key] = e
            kept.append(e)
            continue
        _absorb(first, e)
    return kept


def _absorb(first: Event, other: Event) -> None:
    seen = {(ev.char_start, ev.char_end) for ev in first.evidence}
    first.evidence.extend(ev for ev in other.evidence if (ev.char_start, ev.char_end) not in seen)
    first.add_claims(other.claims)
    if not first.actor2 and other.actor2:
        first.actor2, first.assoc_actor_2, first.inter2 = other.actor2, other.assoc_actor_2, other.inter2
        first.civilian_targeting = other.civilian_targeting
    if first.injuries is None:
        first.injuries = other.injuries
    if first.control_change is None:
        first.control_change = other.control_change
    first.rules = first.rules + [r for r in other.rules if r not in first.rules] + ["MERGED_SAME_PLACE_DAY_TYPE"]
    first.confidence = max(first.confidence, other.confidence)
