"""The report's base map: country and admin-1 outlines around the events, drawn as SVG.

The outlines are Natural Earth's (public domain), shipped in data/boundaries.json.gz at a few levels of detail
(scripts/build_boundaries.py makes it). A map view is fitted around the events' points; the level drawn is the
coarsest one still finer than a pixel, and only the areas that reach into the view are drawn. The projection is
equirectangular, stretched by the cosine of the view's middle latitude so shapes look right at its centre; the
page gets the same projection to place the markers.
"""
from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

BOUNDARIES_FILE = "boundaries.json.gz"
MAP_WIDTH = 1000  # SVG user units; the page scales the drawing to its width
MIN_SPAN_DEGREES = 3.0  # a report on one town still shows the region around it
MAX_LATITUDE = 75.0  # the equirectangular map is cut here: the poles hold no events worth the space
COUNTRY_MARGIN = 2.0  # degrees: a country just outside the view is drawn too, so that its border shows


@dataclass(frozen=True)
class Boundaries:
    """The shipped outlines: countries and admin-1 areas, and their rings at each level of detail."""

    countries: list  # [code, name, [lon, lat] label point, bbox, bbox of its largest polygon]; bbox: W, S, E, N
    admin1: list  # [country index, name, ISO 3166-2 code, label point, bbox]
    levels: list  # {"tolerance", "quantum", "countries": [[ring, ...]], "admin1": [[ring, ...]]}
    about: str


@lru_cache(maxsize=1)
def load_boundaries() -> Boundaries:
    raw = resources.files("eventcoder.data").joinpath(BOUNDARIES_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    return Boundaries(data["countries"], data["admin1"], data["levels"], data["about"])


@dataclass(frozen=True)
class MapView:
    """A rectangle of the earth and how it maps to the drawing: x = (lon - west) * kx, y = (north - lat) * ky."""

    west: float
    south: float
    east: float
    north: float
    kx: float
    ky: float
    width: int
    height: int

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]], *, width: int = MAP_WIDTH) -> "MapView":
        """The view that shows every (lat, lon) point with a margin, at least MIN_SPAN_DEGREES across, in a
        drawing `width` units wide and between 1/2.2 and 1/1.6 as high."""
        points = [(lat, lon) for lat, lon in points if lat is not None and lon is not None]
        if not points:
            points = [(20.0, 0.0), (50.0, 60.0)]  # nothing to place: Europe and the Middle East
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        south, north = max(min(lats), -MAX_LATITUDE), min(max(lats), MAX_LATITUDE)
        west, east = min(lons), max(lons)
        pad_lat = max((north - south) * 0.12, (MIN_SPAN_DEGREES - (north - south)) / 2, 0.0)
        pad_lon = max((east - west) * 0.12, (MIN_SPAN_DEGREES - (east - west)) / 2, 0.0)
        south, north = max(south - pad_lat, -MAX_LATITUDE - 10), min(north + pad_lat, MAX_LATITUDE + 10)
        west, east = max(west - pad_lon, -180.0), min(east + pad_lon, 180.0)
        stretch = math.cos(math.radians((south + north) / 2))
        # fit the aspect: widen whichever side is short, within the earth
        ratio = ((east - west) * stretch) / (north - south)
        lo, hi = 1.6, 2.2  # width / height of the drawing: a screen's shape, leaving room for the page
        if ratio < lo:
            grow = ((north - south) * lo / stretch - (east - west)) / 2
            west, east = max(west - grow, -180.0), min(east + grow, 180.0)
        elif ratio > hi:
            grow = ((east - west) * stretch / hi - (north - south)) / 2
            south, north = max(south - grow, -90.0), min(north + grow, 90.0)
        kx = width / (east - west)
        ky = kx / stretch
        height = round((north - south) * ky)
        return cls(west, south, east, north, kx, ky, width, height)

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.west) * self.kx, (self.north - lat) * self.ky

    def as_dict(self) -> dict:
        return {"west": self.west, "north": self.north, "kx": self.kx, "ky": self.ky, "width": self.width,
                "height": self.height}

    def contains(self, x: float, y: float) -> bool:
        """Whether a point in drawing units falls inside the drawing."""
        return 0 < x < self.width and 0 < y < self.height

    def overlaps(self, bbox: list[float], margin: float = 0.0) -> bool:
        west, south, east, north = bbox
        return not (east < self.west - margin or west > self.east + margin or north < self.south - margin
                    or south > self.north + margin)


def draw_basemap(view: MapView, focus: set[str]) -> str:
    """SVG elements for the outlines in view: land of the `focus` countries (ISO alpha-2) lighter than their
    neighbours, admin-1 borders of the focus countries, country borders over them, and country names."""
    b = load_boundaries()
    shown = [i for i, c in enumerate(b.countries) if view.overlaps(c[3], COUNTRY_MARGIN)]
    focus_idx = {i for i in shown if b.countries[i][0] in focus}
    out = ['<g class="basemap">']
    out += _outlines(view, b, _level(view, b), shown, focus_idx)
    # every name in view goes in, with the width of its land in drawing units (data-w): the page shows a name
    # only where it fits on screen at the zoom it is seen at
    out.append('<g class="labels">')
    out += _labels(view, b, shown, focus_idx)
    out.append("</g></g>")
    return "".join(out)


def _level(view: MapView, b: Boundaries) -> dict:
    """The coarsest level of detail whose simplification stays under a unit and a half of the drawing."""
    degrees_per_unit = 1 / view.kx
    return max((lv for lv in b.levels if lv["tolerance"] <= 1.5 * degrees_per_unit),
               key=lambda lv: lv["tolerance"], default=b.levels[0])


def _outlines(view: MapView, b: Boundaries, level: dict, shown: list[int], focus_idx: set[int]) -> list[str]:
    """The land (neighbours, then the focus countries), the focus countries' admin-1 borders, the country
    borders: one SVG path each, left out when empty."""
    q = level["quantum"]
    out = []
    for cls, members in (("land", [i for i in shown if i not in focus_idx]), ("land focus", sorted(focus_idx))):
        d = "".join(_path(view, ring, q) for i in members for ring in level["countries"][i])
        if d:
            out.append(f'<path class="{cls}" d="{d}"/>')
    inner = "".join(_path(view, ring, q, close=False) for n, a in enumerate(b.admin1)
                    if a[0] in focus_idx and view.overlaps(a[4]) for ring in level["admin1"][n])
    if inner:
        out.append(f'<path class="admin1" d="{inner}"/>')
    borders = "".join(_path(view, ring, q) for i in shown for ring in level["countries"][i])
    if borders:
        out.append(f'<path class="border" d="{borders}"/>')
    return out


def _labels(view: MapView, b: Boundaries, shown: list[int], focus_idx: set[int]) -> list[str]:
    """The names of the countries in view, then of the focus countries' admin-1 areas, each at its label point."""
    out = []
    for i in shown:
        code, name, (lon, lat), _, (west, _, east, _) = b.countries[i]
        x, y = view.project(lat, lon)
        if view.contains(x, y):
            cls = "country-label focus" if i in focus_idx else "country-label"
            out.append(f'<text class="{cls}" x="{x:.0f}" y="{y:.0f}" data-w="{(east - west) * view.kx:.0f}">'
                       f'{_escape(name)}</text>')
    for a in b.admin1:
        if a[0] in focus_idx and view.overlaps(a[4]):
            x, y = view.project(a[3][1], a[3][0])
            if view.contains(x, y):
                out.append(f'<text class="admin1-label" x="{x:.0f}" y="{y:.0f}" '
                           f'data-w="{(a[4][2] - a[4][0]) * view.kx:.0f}">{_escape(a[1])}</text>')
    return out


def _path(view: MapView, ring: list[int], quantum: float, *, close: bool = True) -> str:
    """One ring as SVG path data, in whole drawing units, relative moves after the first point; points that
    fall on the same unit are dropped."""
    lon, lat = ring[0] * quantum, ring[1] * quantum
    x0, y0 = round((lon - view.west) * view.kx * 10), round((view.north - lat) * view.ky * 10)
    parts = [f"M{x0 / 10:g} {y0 / 10:g}l"]
    px, py = x0, y0
    qx, qy = ring[0], ring[1]
    steps = []
    for k in range(2, len(ring), 2):
        qx += ring[k]
        qy += ring[k + 1]
        x = round((qx * quantum - view.west) * view.kx * 10)
        y = round((view.north - qy * quantum) * view.ky * 10)
        if x != px or y != py:
            steps.append(f"{(x - px) / 10:g} {(y - py) / 10:g}")
            px, py = x, y
    if len(steps) < 2:
        return ""
    parts.append(" ".join(steps))
    if close:
        parts.append("z")
    return "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
