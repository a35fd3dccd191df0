"""Where a document comes from: the outlets of data/outlets.tsv, and ACLED's `source_scale` of an event one of
them reports (how close the source is to the event: an outlet of the event's country is National, a wire agency
International, a post on Telegram New media).

>>> OUTLETS.scale("Reuters", "NG"), OUTLETS.scale("Premium Times", "NG"), OUTLETS.scale("Premium Times", "NE")
('International', 'National', 'International')
>>> OUTLETS.scale("Premium Times; Reuters; AFP", "NG"), OUTLETS.scale("notes.jsonl", "NG")
('National-International', '')
"""
from __future__ import annotations

from dataclasses import dataclass

from .aliases import AliasMatcher
from .errors import DataFileError
from .resources import read_table

OUTLETS_FILE = "outlets.tsv"
COLUMNS = ["name", "country", "reach", "aliases", "source"]
# ACLED's scales (its codebook's "Source scale"); a document's several sources are joined by this
SCALES = ("Local partner", "Subnational", "National", "Regional", "International", "New media", "Other")
SCALE_JOINER = "-"
SOURCE_SEPARATOR = ";"  # "Reuters; Premium Times": a document of several sources, as ACLED lists them
INTERNATIONAL = "International"


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str  # ISO alpha-2 of an outlet of one country, "" for one of many
    reach: str  # its scale at home: one of SCALES


class Outlets:
    """The outlets a `source` field names, read once from the data file (and the user's overlay)."""

    def __init__(self) -> None:
        self.by_name: dict[str, Outlet] = {}
        pairs = []
        for row in read_table(OUTLETS_FILE, COLUMNS, required=["name", "reach", "aliases"]):
            if row["reach"] not in SCALES:
                raise DataFileError(row.file, row.line, f"reach {row['reach']!r} is not one of {', '.join(SCALES)}")
            outlet = Outlet(row["name"], row["country"].upper(), row["reach"])
            self.by_name[outlet.name] = outlet
            pairs += [(alias, outlet.name) for alias in row["aliases"].split("|") + [row["name"]] if alias]
        self._names = AliasMatcher(pairs)

    def find(self, source: str) -> Outlet | None:
        """The outlet one source names: a name of it opening the source ("BBC Monitoring Africa"), else None.

        >>> OUTLETS.find("BBC Monitoring Africa").name, OUTLETS.find("a local radio station")
        ('BBC', None)
        """
        found = self._names.find(source.strip())
        return self.by_name[found[0][2]] if found and found[0][0] == 0 else None

    def scale(self, source: str, country: str) -> str:
        """ACLED's source scale of an event in `country` (ISO alpha-2) that `source` reports: each known outlet's
        scale, once each, joined by "-"; "" where no outlet is known (not known is not "Other")."""
        scales: list[str] = []
        for part in source.split(SOURCE_SEPARATOR):
            outlet = self.find(part)
            if outlet is None:
                continue
            scale = outlet.reach if not outlet.country or outlet.country == country.upper() else INTERNATIONAL
            if scale not in scales:
                scales.append(scale)
        return SCALE_JOINER.join(scales)


OUTLETS = Outlets()
