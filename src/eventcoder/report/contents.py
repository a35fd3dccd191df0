"""What a report shows, read from the store: the events that meet its filters, with their evidence and the words
each field came from, the documents they came from, and the control timelines of their places."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .. import __version__
from ..model import CLAIM_KILLED
from ..store import EventStore
from ..taxonomy import TYPE_COLOURS  # ACLED's event types, in ACLED's order, each with its colour

OTHER_COLOUR = "#777777"  # a type the taxonomy lacks


@dataclass(frozen=True)
class ReportFilters:
    """Which events a report covers: at a place (any spelling), in a country (ISO code or name), in a window of
    dates (YYYY, YYYY-MM or YYYY-MM-DD). None: no limit."""

    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None

    def describe(self) -> str:
        parts = []
        if self.place:
            parts.append(f"at {self.place}")
        if self.country:
            parts.append(f"in {self.country}")
        if self.date_from and self.date_to:
            parts.append(f"from {self.date_from} to {self.date_to}")
        elif self.date_from:
            parts.append(f"from {self.date_from}")
        elif self.date_to:
            parts.append(f"until {self.date_to}")
        return ", ".join(parts)


def gather(store: EventStore, filters: ReportFilters) -> dict:
    """The report's data: events, documents, control timelines and totals, as plain JSON-ready values."""
    events = store.events(place=filters.place, country=filters.country, date_from=filters.date_from,
                          date_to=filters.date_to)
    docs: dict[str, int] = {}

    def doc_index(doc_id: str) -> int:
        return docs.setdefault(doc_id, len(docs))

    rows = [_event_row(e, doc_index) for e in events]
    timelines = store.control_timelines(place=filters.place, country=filters.country, date_from=filters.date_from,
                                        date_to=filters.date_to)
    control = []
    for tl in timelines:
        control.append({"place": tl[0].place, "rows": [_control_row(r, doc_index) for r in tl]})
    # a toll over a period is no event's: listed apart, from the documents the report's events come from
    periods = [{"doc": doc_index(p["doc_id"]), "total": p["total"], "period": p["period"], "as_of": p["as_of"],
                "source": p["source"], "evidence": p["evidence"]}
               for p in store.period_totals() if p["doc_id"] in docs]
    documents = _documents(store, list(docs))
    types = sorted({r["type"] for r in rows}, key=lambda t: (list(TYPE_COLOURS).index(t) if t in TYPE_COLOURS
                                                             else len(TYPE_COLOURS), t))
    dates = [r["date"] for r in rows]
    return {
        "version": __version__,
        "store": store.path.name,
        "filters": {k: v for k, v in asdict(filters).items() if v},
        "scope": filters.describe(),
        "types": [{"name": t, "colour": TYPE_COLOURS.get(t, OTHER_COLOUR)} for t in types],
        "events": rows,
        "documents": documents,
        "control": control,
        "periods": periods,
        "totals": {"events": len(rows), "fatalities": sum(r["fat"] for r in rows),
                   "period_dead": sum(p["total"] for p in periods),
                   "places": len({(r["loc"], r["lat"], r["lon"]) for r in rows}), "documents": len(documents),
                   "first": min(dates, default=""), "last": max(dates, default="")},
    }


def _event_row(e: dict, doc_index) -> dict:
    evidence = []
    for ev in e["evidence"]:
        doc = ev.get("doc_id") or e["doc_id"]
        marks = sorted({(sp["char_start"] - ev["char_start"], sp["char_end"] - ev["char_start"], sp["field"])
                        for sp in e.get("spans", ()) if (sp.get("doc_id") or e["doc_id"]) == doc
                        and ev["char_start"] <= sp["char_start"] and sp["char_end"] <= ev["char_end"]})
        evidence.append([doc_index(doc), ev["text"], [list(m) for m in marks]])
    return {
        "id": e["event_id_cnty"], "date": e["event_date"], "start": e["date_start"], "end": e["date_end"],
        "prec": e["time_precision"], "type": e["event_type"], "sub": e["sub_event_type"],
        "a1": e["actor1"], "aa1": e["assoc_actor_1"], "a2": e["actor2"], "aa2": e["assoc_actor_2"],
        "inter": e.get("interaction"), "loc": e["location"], "adm1": e["admin1"], "country": e["country"],
        "iso3": e.get("iso3", ""), "lat": e["latitude"], "lon": e["longitude"], "gp": e["geo_precision"],
        "fat": e["fatalities"], "low": e["fatalities_low"], "high": e["fatalities_high"], "inj": e["injuries"],
        "claims": [{"source": c["source"], "low": c["low"], "high": c["high"], "text": c.get("text", ""),
                    "kind": c.get("kind", CLAIM_KILLED),
                    "doc": doc_index(c["doc_id"]) if c.get("doc_id") else None} for c in e["claims"]],
        "ev": evidence, "trigger": e.get("trigger", ""), "rules": e.get("rules", []),
        "cc": e.get("control_change"), "conf": e.get("confidence"),
        "docs": [doc_index(d) for d in e.get("doc_ids") or [e["doc_id"]]],
    }


def _control_row(r, doc_index) -> dict:
    return {"date": r.date, "date_end": r.date_end, "until": r.until, "controller": r.controller,
            "previous": r.previous, "kind": r.kind, "disputed": r.disputed, "order": r.order, "evidence": r.evidence,
            "doc": doc_index(r.doc_id), "event": r.event_id, "rule": r.rule,
            "also": [{"doc": doc_index(a["doc_id"]), "evidence": a["evidence"]} for a in r.also]}


def _documents(store: EventStore, ids: list[str]) -> list[dict]:
    known = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for doc_id, title, source, url, day in store.conn.execute(
                f"SELECT doc_id, title, source, url, date FROM documents WHERE doc_id IN ({','.join('?' * len(chunk))})",
                chunk):
            known[doc_id] = {"id": doc_id, "title": title, "source": source, "url": url, "date": day or ""}
    return [known.get(d, {"id": d, "title": "", "source": "", "url": "", "date": ""}) for d in ids]
