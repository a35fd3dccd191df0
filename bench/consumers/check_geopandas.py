"""Read our GeoJSON with geopandas, as a GIS user (or QGIS, through the same GDAL driver) does.

usage: python check_geopandas.py EVENTS.geojson EVENTS.csv

Checks: geopandas.read_file reads it, the CRS is EPSG:4326, every geometry is a point, one feature per CSV row
(same ids), and each point sits at the row's own latitude/longitude. Prints "ok:" or "FAIL:" per check, exits 1
on any FAIL.
"""
from __future__ import annotations

import sys

import geopandas as gpd
import pandas as pd

from checklist import check, failures  # beside this script


def main() -> int:
    geojson, csv = sys.argv[1], sys.argv[2]
    print(f"  geopandas {gpd.__version__}; {geojson}")
    try:
        gdf = gpd.read_file(geojson)
    except Exception as e:  # noqa: BLE001 - the failure is the finding
        check("geopandas.read_file", False, f"{type(e).__name__}: {e}")
        return 1
    check("geopandas.read_file", True, f"{len(gdf)} features, {len(gdf.columns)} columns")

    epsg = gdf.crs.to_epsg() if gdf.crs is not None else None
    check("CRS is EPSG:4326", epsg == 4326, f"crs {gdf.crs}")
    types = gdf.geometry.geom_type.value_counts(dropna=False).to_dict()
    check("every geometry is a Point", set(types) == {"Point"} and not gdf.geometry.is_empty.any(), f"{types}")

    rows = pd.read_csv(csv)
    check("features == CSV rows", len(gdf) == len(rows), f"{len(gdf)} vs {len(rows)}")
    if "event_id_cnty" in gdf.columns:
        check("feature ids == CSV ids", list(gdf["event_id_cnty"].astype(str)) == list(rows["event_id_cnty"].astype(str)))
    if {"latitude", "longitude"} <= set(gdf.columns) and set(types) == {"Point"}:
        lat = pd.to_numeric(gdf["latitude"], errors="coerce")
        lon = pd.to_numeric(gdf["longitude"], errors="coerce")
        off = ((gdf.geometry.y - lat).abs() > 1e-6) | ((gdf.geometry.x - lon).abs() > 1e-6)
        check("point is (longitude, latitude) of its row", not off.any(), f"{int(off.sum())} off" if off.any() else "")
    print("  property dtypes:", ", ".join(f"{c}={gdf[c].dtype}" for c in
                                         ["inter1", "inter2", "interaction", "timestamp", "evidence"] if c in gdf.columns))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
