"""The actor registry: canonical ACLED-style names, inter codes, associations, and every alias in data/actors.tsv."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..aliases import AliasMatcher
from ..errors import DataFileError
from ..resources import read_table
from ..taxonomy import CIVILIANS, INTER_CODES

COLUMNS = ["id", "name", "inter", "country", "parent", "aliases", "valid_from", "valid_to", "source"]


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

    def display(self, country_name: str = "") -> str:
        if "{country}" not in self.name:
            return self.name
        return self.name.replace("{country}", country_name).replace(" ()", "")


@dataclass(frozen=True)
class ActorMention:
    start: int  # offsets into the text searched
    end: int
    text: str
    actor: Actor


@dataclass
class ActorRegistry:
    """All actors and an alias matcher over them; built once per process."""

    actors: dict[str, Actor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        aliases: list[tuple[str, str]] = []
        for row in read_table("actors.tsv", COLUMNS, required=3):
            try:
                inter = int(row["inter"])
                years = [int(y) if y else None for y in (row.get("valid_from"), row.get("valid_to"))]
            except ValueError:
                raise DataFileError(row.file, row.line, f"actor {row['id']}: inter and years must be numbers") from None
            if inter not in INTER_CODES:
                raise DataFileError(row.file, row.line, f"actor {row['id']}: inter {inter} is not an ACLED code (1-8)")
            if row["id"] in self.actors:
                raise DataFileError(row.file, row.line, f"actor {row['id']} is defined twice")
            self.actors[row["id"]] = Actor(row["id"], row["name"], inter, row.get("country"), row.get("parent"),
                                           years[0], years[1], row.get("source"))
            aliases += [(alias, row["id"]) for alias in filter(None, row.get("aliases").split("|"))]
        for a in self.actors.values():
            if a.parent and a.parent not in self.actors:
                raise DataFileError("actors.tsv", 0, f"actor {a.id}: parent {a.parent} is not defined")
        self._matcher = AliasMatcher(aliases)

    def find(self, text: str) -> list[ActorMention]:
        """Every actor mention in `text`, longest first where two overlap, in text order.

        >>> [m.actor.id for m in ActorRegistry().find("The SAA and ISIL fought.")]
        ['SYR_GOV', 'ISIL']
        """
        return [ActorMention(start, end, text[start:end], self.actors[actor_id])
                for start, end, actor_id in self._matcher.find(text)]

    def coded(self, actor: Actor) -> tuple[Actor, Actor | None]:
        """(the actor an event is coded under, the associated actor or None): a unit is coded as its parent."""
        if actor.parent:
            return self.actors[actor.parent], actor
        return actor, None

    def source_aliases(self) -> list[tuple[str, str]]:
        """(alias, name) for every actor that can report a toll ("the SDF said ..."), in sources.tsv's grammar."""
        coded = lambda i: self.coded(self.actors[i])[0]
        return [(alias, coded(i).name) for alias, i in self._matcher.pairs()
                if self.actors[i].inter != CIVILIANS and "{" not in coded(i).name]

    def get(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

