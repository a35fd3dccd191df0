"""Writing events: ACLED CSV, JSONL, GeoJSON, and a table for people; or UCDP GED's rows (ucdp.py)."""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import stat
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable

from .documents import READ_SUFFIXES
from .errors import InputError, OptionError
from .model import ACLED_COLUMNS, EXTRA_COLUMNS, Event, acled_codes
from .taxonomy import INTER_LABELS, interaction_label
from .time import TimeExpression
from .ucdp import GED_COLUMNS, GedRows

if TYPE_CHECKING:
    from .documents import Document

FORMATS = ("table", "csv", "jsonl", "geojson")
# the columns and codes events are written with: ACLED's (inter codes as numbers, as its files have them), ACLED's
# with the text labels its API serves for inter1, inter2 and interaction, or UCDP GED's own rows (ucdp.py)
SCHEMAS = ("acled", "acled-text", "ucdp")
DEFAULT_SCHEMA = "acled"
UCDP_FORMATS = ("csv", "jsonl")  # GED's rows are rows: no geometry ACLED's way, no table of ACLED's columns
TIMEX_FORMATS = ("table", "csv", "jsonl")
TIMEX_COLUMNS = ["doc_id", "start", "end", "text", "type", "value", "value_end", "mod", "date_start", "date_end",
                 "anchor", "mode", "rule"]
# the table's columns: (field, the width it gets when there is room, the least it is cut to); a table is cut to
# the terminal's width (else TABLE_WIDTH), the wider columns giving up most, down to their least
TABLE_COLUMNS = [("event_date", 10, 10), ("sub_event_type", 34, 14), ("actor1", 36, 14), ("actor2", 36, 12),
                 ("location", 22, 10), ("fatalities", 10, 10)]
TABLE_WIDTH = 160
TABLE_GAP = 2


class OutputFile:
    """The file a command writes, written whole or not at all: the rows go to a hidden file beside it, moved into
    place by `commit()`; `discard()` (or leaving the `with` block on an error) removes it and leaves any earlier
    file as it was. A target that is not a regular file (`/dev/stdout`, a pipe, a device) is written directly.

    `inputs` are the paths the command reads: an output that is one of them, or that would be read as one (a
    .jsonl inside an input folder), is refused before anything is written."""

    def __init__(self, path: str, *, inputs: Iterable[str] = ()) -> None:
        self.path = Path(os.path.realpath(path))  # through a link, to the file it names: the link stays
        self.name = path
        _refuse_input_as_output(self.path, path, inputs)
        if self.path.is_dir():
            raise InputError(path, "cannot write: it is a directory")
        if not self.path.parent.is_dir():
            raise InputError(path, f"cannot write: no such folder {os.path.dirname(path) or '.'!r}")
        direct = self.path.exists() and not stat.S_ISREG(self.path.stat().st_mode)
        self._temp = None if direct else self.path.parent / f".{self.path.name}.{os.getpid()}.part"
        try:
            if self._temp is None:
                self.stream: IO[str] = open(self.path, "w", encoding="utf-8", newline="")
            else:
                fd = os.open(self._temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
                self.stream = open(fd, "w", encoding="utf-8", newline="")
        except OSError as e:
            raise InputError(path, f"cannot write ({e.strerror or e})") from None

    def __enter__(self) -> "OutputFile":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.discard()

    def commit(self) -> None:
        """The output is whole: move it into place (keeping the mode of the file it replaces)."""
        try:
            self.stream.close()
            if self._temp is not None:
                if self.path.exists():
                    os.chmod(self._temp, stat.S_IMODE(self.path.stat().st_mode))
                os.replace(self._temp, self.path)
                self._temp = None
        except OSError as e:
            raise InputError(self.name, f"cannot write ({e.strerror or e})") from None

    def discard(self) -> None:
        """The run failed: keep whatever the path held before it."""
        try:
            self.stream.close()
        except OSError:
            pass  # the write that failed already said why
        if self._temp is not None:
            try:
                self._temp.unlink()
            except OSError:
                pass
            self._temp = None


def _refuse_input_as_output(target: Path, name: str, inputs: Iterable[str]) -> None:
    for path in inputs:
        if path == "-":
            continue
        given = Path(path)
        if target.exists() and given.exists() and os.path.samefile(target, given):
            raise InputError(name, "is also an input: writing to it would destroy it; choose another output")
        if given.is_dir() and target.suffix.lower() in READ_SUFFIXES:
            try:
                target.resolve().relative_to(given.resolve())
            except ValueError:
                continue
            raise InputError(name, f"is inside the input folder {path}, where the next run would read it as a "
                                   "document; write it elsewhere")


# a text cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): it starts with one of these
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# what a terminal would act on rather than show: C0 and C1 controls but tab and newline, and the marks that
# reorder the text around them
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def csv_cell(value, *, raw: bool = False):
    r"""A value as a CSV cell: lists and dicts as JSON, a line break always a newline (a bare CR would end the row
    for many readers), and a text a spreadsheet would run as a formula made inert with a leading ' (unless `raw`,
    for data pipelines). A number is left as it is, negative or not.

    >>> csv_cell('=HYPERLINK("http://x")'), csv_cell(-12.5), csv_cell("a\rb"), csv_cell("=1+1", raw=True)
    ('\'=HYPERLINK("http://x")', -12.5, 'a\nb', '=1+1')
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not raw and text.startswith(FORMULA_STARTS):
        text = "'" + text
    return text


def terminal_safe(text: str) -> str:
    r"""Text for a terminal: every control character shown as its escape, never acted on.

    >>> print(terminal_safe("Hajin\x1b[2J\rX"))
    Hajin\x1b[2J\rX
    """
    return _TERMINAL_CONTROLS.sub(lambda m: repr(m.group())[1:-1], text)


class _TerminalStream:
    """An output a table is written to: what comes from documents cannot drive the terminal."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(terminal_safe(text))

    def flush(self) -> None:
        self.out.flush()


def check_schema(schema: str, fmt: str) -> None:
    """Refuse a schema, or a schema in a format that cannot hold it, before anything is written.

    >>> check_schema("ucdp", "geojson")
    Traceback (most recent call last):
    eventcoder.errors.OptionError: schema ucdp writes csv or jsonl rows, not geojson: use --format csv or jsonl
    """
    if schema not in SCHEMAS:
        raise OptionError("schema", f"{schema!r} is not one of {', '.join(SCHEMAS)}")
    if schema == "ucdp" and fmt not in UCDP_FORMATS:
        what = "a table" if fmt == "table" else fmt
        raise OptionError("schema", f"ucdp writes csv or jsonl rows, not {what}: use --format csv or jsonl")


def inter_labels(row: dict) -> dict:
    """The row with inter1, inter2 and interaction as the text labels ACLED's API serves (no actor: "").

    >>> inter_labels({"actor1": "x", "inter1": 1, "inter2": 2, "interaction": 12})
    {'actor1': 'x', 'inter1': 'State forces', 'inter2': 'Rebel group', 'interaction': 'State forces-Rebel group'}
    """
    return {**row, "inter1": INTER_LABELS.get(row.get("inter1") or 0, ""),
            "inter2": INTER_LABELS.get(row.get("inter2") or 0, ""),
            "interaction": interaction_label(row.get("interaction"))}


class EventWriter:
    """Writes events as they come, in one format and schema (SCHEMAS); `close()` ends the document (GeoJSON, the
    table). CSV cells that a spreadsheet would run as formulas are made inert unless `raw_cells`.

    In the ucdp schema an event GED would not count has no row: `left_out` counts them by why (ucdp.NOT_ORGANISED,
    ONE_SIDE_ONLY, NO_DEATH), and `count` is the rows written. `ged` makes the rows (one is made if not given)."""

    def __init__(self, out: IO[str], fmt: str, *, raw_cells: bool = False, schema: str = DEFAULT_SCHEMA,
                 ged: GedRows | None = None) -> None:
        if fmt not in FORMATS:
            raise OptionError(None, f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        check_schema(schema, fmt)
        self.out, self.fmt, self.raw_cells = (_TerminalStream(out) if fmt == "table" else out), fmt, raw_cells
        self.schema = schema
        self.count = 0
        self.left_out: Counter[str] = Counter()
        self._ged = (ged or GedRows()) if schema == "ucdp" else None
        self.columns = GED_COLUMNS if schema == "ucdp" else ACLED_COLUMNS + EXTRA_COLUMNS
        self._csv = None
        self._rows: list[Event] = []
        if fmt == "csv":
            self._csv = csv.writer(out, lineterminator="\n")
            self._csv.writerow(self.columns)
        elif fmt == "geojson":
            out.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, events: Iterable[Event | dict], *, document: Document | None = None) -> None:
        """Write events: Event objects, or their dicts as the store keeps them (with `doc_ids` and `reports`).
        `document`, the one they were coded from, gives GED's rows the article's date and headline."""
        for e in events:
            if self._write_one(e, document):
                self.count += 1

    def _write_one(self, e: Event | dict, document: Document | None) -> bool:
        if self._ged is not None:
            row = self._ged.row(e, document)
            if row is None:
                self.left_out[self._ged.left_out(e)] += 1
                return False
        else:
            row = acled_codes(e) if isinstance(e, dict) else e.to_dict()
            if self.schema == "acled-text":
                row = inter_labels(row)
        if self.fmt == "jsonl":
            self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._csv.writerow([csv_cell(row.get(k), raw=self.raw_cells) for k in self.columns])
        elif self.fmt == "geojson":
            geometry = ({"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
                        if row["latitude"] is not None else None)
            feature = {"type": "Feature", "id": row["event_id_cnty"], "geometry": geometry, "properties": row}
            self.out.write(("" if self.count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        else:
            self._rows.append(e)
        return True

    def close(self) -> None:
        if self.fmt == "geojson":
            self.out.write("\n]}\n")
        elif self.fmt == "table":
            self.out.write(format_table(self._rows))
        self.out.flush()


def table_widths(width: int) -> list[tuple[str, int]]:
    """Each column of the event table and its width, for a table `width` characters wide: each column its full
    width where there is room; else each gives up a share of what is missing in proportion to what it can give,
    never below its least (then the line is wider than asked).

    >>> table_widths(200)
    [('event_date', 10), ('sub_event_type', 34), ('actor1', 36), ('actor2', 36), ('location', 22), ('fatalities', 10)]
    >>> table_widths(80)
    [('event_date', 10), ('sub_event_type', 14), ('actor1', 14), ('actor2', 12), ('location', 10), ('fatalities', 10)]
    >>> sum(w for _, w in table_widths(120)) + 5 * TABLE_GAP
    120
    """
    full = sum(w for _, w, _ in TABLE_COLUMNS) + TABLE_GAP * (len(TABLE_COLUMNS) - 1)
    missing = max(full - width, 0)
    slack = sum(w - least for _, w, least in TABLE_COLUMNS)
    if missing >= slack:
        return [(name, least) for name, _, least in TABLE_COLUMNS]
    widths = [w - (w - least) * missing // slack for _, w, least in TABLE_COLUMNS]
    for i in sorted(range(len(widths)), key=lambda i: -(TABLE_COLUMNS[i][1] - widths[i])):  # what rounding kept
        if sum(widths) + TABLE_GAP * (len(widths) - 1) <= width:
            break
        if widths[i] > TABLE_COLUMNS[i][2]:
            widths[i] -= 1
    return [(name, w) for (name, _, _), w in zip(TABLE_COLUMNS, widths)]


def format_table(events: list[Event | dict], width: int | None = None) -> str:
    """The events as a table `width` characters wide (else the terminal's, else TABLE_WIDTH), one a line, and
    how many."""
    columns = table_widths(width or shutil.get_terminal_size((TABLE_WIDTH, 24)).columns)
    gap = " " * TABLE_GAP
    lines = [gap.join(name.ljust(w) for name, w in columns).rstrip(), gap.join("-" * w for _, w in columns)]
    for e in events:
        row = e if isinstance(e, dict) else e.to_dict()
        lines.append(gap.join(_fit(str(row[name] if row[name] is not None else ""), w)
                              for name, w in columns).rstrip())
    lines.append(f"{len(events)} event{'s' if len(events) != 1 else ''}")
    return "\n".join(lines) + "\n"


def _fit(s: str, width: int) -> str:
    return s.ljust(width) if len(s) <= width else s[:width - 1] + "…"


class _RowWriter:
    """One row per item in table, CSV or JSONL, with a fixed list of columns; what differs between listings is
    their columns, their table line and what the closing count counts."""

    formats: tuple[str, ...] = ("table", "csv", "jsonl")
    columns: list[str] = []
    table_header = ""
    counted = "row"

    def __init__(self, out: IO[str], fmt: str, *, raw_cells: bool = False) -> None:
        if fmt not in self.formats:
            raise OptionError(None, f"unknown format {fmt!r}; one of {', '.join(self.formats)}")
        self.out, self.fmt, self.raw_cells = (_TerminalStream(out) if fmt == "table" else out), fmt, raw_cells
        self.count = 0
        self._csv = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
        if self._csv:
            self._csv.writerow(self.columns)
        elif fmt == "table":
            out.write(self.table_header)

    def _write_row(self, row: dict) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps({k: row[k] for k in self.columns}, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._csv.writerow([csv_cell(row[k], raw=self.raw_cells) for k in self.columns])
        else:
            self.out.write(self._table_line(row))
        self.count += 1

    def _table_line(self, row: dict) -> str:
        raise NotImplementedError

    def close(self) -> None:
        if self.fmt == "table":
            self.out.write(f"{self.count} {self.counted}{'s' if self.count != 1 else ''}\n")
        self.out.flush()


class TimexWriter(_RowWriter):
    """Writes time expressions, one per row: `doc_id`, offsets into the original text, TimeML type and value, the
    window of days, the anchor and mode they were resolved with, and the rule."""

    formats = TIMEX_FORMATS
    columns = TIMEX_COLUMNS
    table_header = f"{'doc_id':<16}  {'text':<28}  {'type':<8}  {'value':<18}  anchor\n"
    counted = "time expression"

    def write(self, doc_id: str, mode: str, expressions: Iterable[TimeExpression]) -> None:
        for t in expressions:
            self._write_row({"doc_id": doc_id, **t.as_dict(), "mode": mode})

    def _table_line(self, row: dict) -> str:
        value = row["value"] + (f"/{row['value_end']}" if row["value_end"] else "")
        return (f"{_fit(row['doc_id'], 16)}  {_fit(' '.join(row['text'].split()), 28)}  {row['type']:<8}  "
                f"{_fit(value, 18)}  {row['anchor'] or ''}\n")


GEOCODE_FORMATS = ("table", "jsonl")


class GeocodeWriter:
    """Writes one row per query: the place chosen and, in JSONL, the runners-up."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        if fmt not in GEOCODE_FORMATS:
            raise OptionError(None, f"unknown format {fmt!r}; one of {', '.join(GEOCODE_FORMATS)}")
        self.out, self.fmt = (_TerminalStream(out) if fmt == "table" else out), fmt
        self.count = 0
        if fmt == "table":
            out.write(f"{'query':<24}  {'name':<24}  {'latitude':>9}  {'longitude':>9}  {'admin1':<14}  "
                      f"{'admin2':<14}  {'country':<8}  prec  match     source\n")

    def write(self, row: dict) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif row["name"] is None:
            self.out.write(f"{_fit(row['query'], 24)}  (no place known by this name)\n")
        else:
            self.out.write(f"{_fit(row['query'], 24)}  {_fit(row['name'], 24)}  {row['latitude']:>9.4f}  "
                           f"{row['longitude']:>9.4f}  {_fit(row['admin1'], 14)}  {_fit(row['admin2'], 14)}  "
                           f"{_fit(row['iso2'], 8)}  {row['geo_precision']:>4}  {row['match']:<8}  {row['source']}\n")
        self.count += 1

    def close(self) -> None:
        self.out.flush()


CLASSIFY_FORMATS = ("table", "csv", "jsonl")
CLASSIFY_COLUMNS = ["doc_id", "event_type", "sub_event_type", "confidence", "trigger", "evidence", "rules"]


class ClassificationWriter(_RowWriter):
    """Writes one row per document: the type of its main event (or NONE), the confidence, and why."""

    formats = CLASSIFY_FORMATS
    columns = CLASSIFY_COLUMNS
    table_header = f"{'doc_id':<16}  {'event_type':<26}  {'sub_event_type':<34}  conf  trigger\n"
    counted = "document"

    def write(self, row: dict) -> None:
        self._write_row(row)

    def _table_line(self, row: dict) -> str:
        return (f"{_fit(row['doc_id'], 16)}  {_fit(row['event_type'], 26)}  "
                f"{_fit(row['sub_event_type'], 34)}  {row['confidence']:.2f}  {row['trigger']}\n")


STATS_FORMATS = ("table", "csv", "jsonl")


class StatsWriter(_RowWriter):
    """Writes one row per group: the group (a month, week, actor, event type or admin1 area), its events and the
    fatalities they count."""

    formats = STATS_FORMATS
    counted = "group"

    def __init__(self, out: IO[str], fmt: str, by: str, *, raw_cells: bool = False) -> None:
        self.columns = [by, "events", "fatalities"]
        self.table_header = f"{by:<40}  {'events':>7}  {'fatalities':>10}\n"
        super().__init__(out, fmt, raw_cells=raw_cells)

    def write(self, row: dict) -> None:
        self._write_row(row)

    def _table_line(self, row: dict) -> str:
        return f"{_fit(str(row[self.columns[0]]), 40)}  {row['events']:>7}  {row['fatalities']:>10}\n"


PERIOD_COLUMNS = ["doc_id", "source", "total", "period", "as_of", "parts", "char_start", "char_end", "evidence"]


class PeriodTotalsWriter(_RowWriter):
    """Writes the tolls over a period a store's documents report, one per row: the document, who says it, the
    dead, the words that bound the period, the date the story had reached, who the dead were, the words."""

    formats = STATS_FORMATS
    columns = PERIOD_COLUMNS
    table_header = f"{'doc_id':<24}  {'total':>9}  {'period':<36}  {'as of':<10}  source\n"
    counted = "toll over a period"

    def write(self, row: dict) -> None:
        self._write_row(row)

    def _table_line(self, row: dict) -> str:
        return (f"{_fit(row['doc_id'], 24)}  {row['total']:>9}  {_fit(row['period'], 36)}  {row['as_of']:<10}  "
                f"{row['source'] or '(the text)'}\n")


CONTROL_FORMATS = ("table", "csv", "jsonl")
CONTROL_COLUMNS = ["place", "date", "date_end", "controller", "previous", "kind", "until", "disputed", "order",
                   "event_id", "doc_id", "rule", "evidence", "also"]


class ControlWriter(_RowWriter):
    """Writes a place's control timeline, a row per claim in date order: who held it from when (to `until`, when
    the next claim names another holder), who held it before, the event that changed it and the words that say
    so; `disputed` marks a claim another contradicts, `order` one dated by the story's order ("narrative": a
    retaking whose own date fell before the taking it undid)."""

    formats = CONTROL_FORMATS
    columns = CONTROL_COLUMNS
    table_header = (f"{'date':<10}  {'place':<18}  {'controller':<30}  {'previous':<30}  {'kind':<11}  "
                    f"evidence\n")
    counted = "control claim"

    def write(self, row: dict) -> None:
        self._write_row(row)

    def _table_line(self, row: dict) -> str:
        kind = row["kind"] + ("!" if row["disputed"] else "")
        return (f"{row['date']:<10}  {_fit(row['place'], 18)}  {_fit(row['controller'] or '?', 30)}  "
                f"{_fit(row['previous'] or '', 30)}  {kind:<11}  {_fit(' '.join(row['evidence'].split()), 60)}\n")
