"""report/basemap.py: the boundaries the report's map is drawn from, and the map of a view."""
import re

import pytest

from eventcoder.report.basemap import MapView, draw_basemap, load_boundaries


def rings_of(level: dict, kind: str, index: int) -> list[list[tuple[float, float]]]:
    out = []
    for flat in level[kind][index]:
        x, y, points = flat[0], flat[1], []
        points.append((x, y))
        for k in range(2, len(flat), 2):
            x, y = x + flat[k], y + flat[k + 1]
            points.append((x, y))
        out.append([(px * level["quantum"], py * level["quantum"]) for px, py in points])
    return out


def inside(rings, lon: float, lat: float) -> bool:
    """Even-odd rule over every ring: holes count against."""
    hit = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


# coordinates from GeoNames (Deir ez-Zor 35.3359 N 40.1408 E, Aleppo 36.2021 N 37.1343 E, Mosul 36.335 N 43.119 E)
@pytest.mark.parametrize("lat, lon, country, province", [
    (35.3359, 40.1408, "SY", "SY-DY"),
    (36.2021, 37.1343, "SY", "SY-HL"),
    (36.3350, 43.1190, "IQ", "IQ-NI"),
])
def test_report_basemap_boundaries_put_a_city_in_its_country_and_province(lat, lon, country, province):
    b = load_boundaries()
    codes = [c[0] for c in b.countries]
    finest = b.levels[0]
    assert inside(rings_of(finest, "countries", codes.index(country)), lon, lat)
    [n] = [n for n, a in enumerate(b.admin1) if a[2] == province]
    assert codes[b.admin1[n][0]] == country
    assert inside(rings_of(finest, "admin1", n), lon, lat)
    others = [n2 for n2, a in enumerate(b.admin1) if codes[a[0]] == country and n2 != n]
    assert not any(inside(rings_of(finest, "admin1", n2), lon, lat) for n2 in others)


def test_report_basemap_boundaries_say_where_they_come_from():
    assert load_boundaries().about.startswith("Natural Earth 1:10m Admin 1")
    assert [lv["tolerance"] for lv in load_boundaries().levels] == [0.01, 0.05, 0.25]


def test_report_basemap_map_view_shows_every_point_with_a_margin():
    view = MapView.around([(35.0, 38.0), (36.0, 40.5), (None, None)])
    assert view.west < 38.0 and view.east > 40.5 and view.south < 35.0 and view.north > 36.0
    assert view.east - view.west >= 3.0
    for lat, lon in [(35.0, 38.0), (36.0, 40.5)]:
        x, y = view.project(lat, lon)
        assert 0 < x < view.width and 0 < y < view.height
    assert 1.6 <= round(view.width / view.height, 2) <= 2.2


def test_report_basemap_map_of_one_country_draws_its_provinces_and_names():
    view = MapView.around([(35.0, 38.0), (36.0, 40.5)])
    svg = draw_basemap(view, {"SY"})
    assert '<path class="land focus"' in svg and '<path class="admin1"' in svg and '<path class="border"' in svg
    assert '<text class="country-label focus"' in svg and ">Syria<" in svg
    assert ">Deir ez-Zor<" in svg  # a province named at this scale
    world = draw_basemap(MapView.around([(60.0, -150.0), (-40.0, 170.0)]), {"SY"})
    widths = {name: int(w) for w, name in re.findall(r'data-w="(\d+)">([^<]+)<', world)}
    assert widths["Russia"] > 400 > widths["Syria"]  # the page names Russia at once, Syria once zoomed in
