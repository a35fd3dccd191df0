"""Writing events: ACLED CSV, JSONL, GeoJSON, and a table for people."""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from .model import ACLED_COLUMNS, EXTRA_COLUMNS, Event

FORMATS = ("table", "csv", "jsonl", "geojson")
TABLE_COLUMNS = [("event_date", 10), ("event_type", 26), ("actor1", 28), ("actor2", 28), ("location", 22),
                 ("fatalities", 5)]


class EventWriter:
    """Writes events as they come, in one format; `close()` ends the document (GeoJSON, the table)."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        self.out, self.fmt = out, fmt
        self.count = 0
        self._csv = None
        self._rows: list[Event] = []
        if fmt == "csv":
            self._csv = csv.writer(out, lineterminator="\n")
            self._csv.writerow(ACLED_COLUMNS + EXTRA_COLUMNS)
        elif fmt == "geojson":
            out.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, events: Iterable[Event]) -> None:
        for e in events:
            self._write_one(e)
            self.count += 1

    def _write_one(self, e: Event) -> None:
        row = e.to_dict()
        if self.fmt == "jsonl":
            self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._csv.writerow([_cell(row[k]) for k in ACLED_COLUMNS + EXTRA_COLUMNS])
        elif self.fmt == "geojson":
            geometry = ({"type": "Point", "coordinates": [e.longitude, e.latitude]}
                        if e.latitude is not None else None)
            feature = {"type": "Feature", "id": row["event_id_cnty"], "geometry": geometry, "properties": row}
            self.out.write(("" if self.count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        else:
            self._rows.append(e)

    def close(self) -> None:
        if self.fmt == "geojson":
            self.out.write("\n]}\n")
        elif self.fmt == "table":
            self.out.write(format_table(self._rows))
        self.out.flush()


def format_table(events: list[Event]) -> str:
    header = "  ".join(name.ljust(width) for name, width in TABLE_COLUMNS)
    lines = [header, "  ".join("-" * width for _, width in TABLE_COLUMNS)]
    for e in events:
        row = e.to_dict()
        lines.append("  ".join(_fit(str(row[name] if row[name] is not None else ""), width)
                               for name, width in TABLE_COLUMNS))
    lines.append(f"{len(events)} event{'s' if len(events) != 1 else ''}")
    return "\n".join(lines) + "\n"


def _fit(s: str, width: int) -> str:
    return s.ljust(width) if len(s) <= width else s[:width - 1] + "…"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
