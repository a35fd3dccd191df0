"""A place as the gazetteer knows it, and the distance between two points."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

# kinds that are areas, not points: ACLED's geo_precision 3 ("a region, natural feature or admin area")
AREA_KINDS = frozenset({"admin1", "admin2", "admin3", "country", "continent", "region", "desert", "mountain",
                        "valley", "river", "lake", "area", "island"})


@dataclass(frozen=True)
class GazetteerEntry:
    """One place: where it is, what it is, and where the fact comes from."""

    name: str
    country: str  # ISO alpha-2
    admin1: str
    admin2: str
    latitude: float
    longitude: float
    kind: str  # city | town | village | airbase | field | admin1 | country | ...
    population: int
    source: str  # "geonames:<id>" | "supplement:<line>" | "places_ucdp:<line>" | "import:<file>:<line>" | ...
    accuracy: int = 1  # 1 the point itself, 2 within about 10 km, 3 an area

    @property
    def is_area(self) -> bool:
        return self.kind in ("admin1", "admin2", "admin3", "country", "continent", "region")

    @property
    def geo_precision(self) -> int:
        """ACLED's: 1 the place itself, 2 near it or part of it, 3 a region, natural feature or admin area."""
        return 3 if self.kind in AREA_KINDS else min(max(self.accuracy, 1), 3)

    @property
    def point(self) -> tuple[float, float]:
        return self.latitude, self.longitude


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    isonumeric: int
    name: str
    region: str


@lru_cache(maxsize=1 << 16)  # a document's candidate places are weighed against the same few points again and again
def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))
