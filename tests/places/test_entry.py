"""places/entry.py: a place's geo_precision from what it is and how well its point is known; distances."""
import pytest

from eventcoder.places import distance_km
from eventcoder.places.entry import GazetteerEntry


def place(kind: str, accuracy: int = 1) -> GazetteerEntry:
    return GazetteerEntry("Somewhere", "SY", "Homs", "", 34.5, 38.3, kind, 0, "test:1", accuracy)


@pytest.mark.parametrize("kind, accuracy, is_area, precision", [
    ("town", 1, False, 1),
    ("village", 2, False, 2),  # a point known to within about 10 km
    ("airbase", 5, False, 3),  # never past ACLED's 3
    ("admin1", 1, True, 3),
    ("country", 1, True, 3),
    ("desert", 1, False, 3),  # a natural feature: an area for ACLED, not one the memory passes over
])
def test_places_entry_geo_precision_by_kind_and_accuracy(kind, accuracy, is_area, precision):
    e = place(kind, accuracy)
    assert (e.is_area, e.geo_precision, e.point) == (is_area, precision, (34.5, 38.3))


def test_places_entry_distance_is_along_the_earth():
    assert distance_km((34.5, 38.3), (34.5, 38.3)) == 0
    assert round(distance_km((0.0, 0.0), (0.0, 1.0)), 1) == 111.2  # a degree of longitude at the equator
    assert round(distance_km((34.56, 38.28), (35.34, 40.14))) == 190  # Palmyra to Deir ez-Zor
