"""Scoring coded events against gold: `eventcoder eval`, how good the coding is on a user's own data.

`read_gold` tells a gold file apart by what it holds, whatever its name:

- ACLED-style rows, one gold event a row, grouped into documents: an ACLED export CSV (a row's document is its
  `notes`, under the row's `event_id_cnty`), ACLED rows as JSONL (`doc_id`, `text`, optionally `half`), or our own
  events (`eventcoder extract --format jsonl`, or its CSV);
- a UCDP GED CSV (`type_of_violence`, `date_start`, `best`, ...): events without documents;
- a hand-coded gold JSON (`events`, each with its document, sentence numbers, place aliases, date window, allowed
  types and actor groups; `actors`, each group's aliases), scored with the documents' texts.

`read_events` reads what was coded (our JSONL or CSV); `evaluate` pairs gold and coded events and gives an
`Evaluation`: its figures, each gold event's verdict, and the lines `eventcoder eval` prints. The definitions are
those of the project's dev scorers (score_acled.py, score_events.py), so that figures compare across them.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from .documents import Document
from .errors import InputError, OptionError
from .places.entry import distance_km as _great_circle_km
from .taxonomy import VIOLENCE_AGAINST_CIVILIANS
from .ucdp import ARMED_GROUP, CIVILIAN_SIDE, GED_EVENT_TYPES, STATE, side_kind, type_of_violence

SHOW = ("misses", "false-positives", "all")
DEFAULT_UCDP_DAYS = 1  # GED's day and ours may differ by the night an attack went on, or a report's delay
DEFAULT_UCDP_KM = 25.0
ACLED_FIELDS = ("rows", "type", "sub", "date", "place25", "admin1", "country", "inter", "actors", "actor1", "fatal",
                "fatal20")
UCDP_TYPES = {1: "state-based", 2: "non-state", 3: "one-sided"}
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), 1)}
_TEXT_SUFFIX = re.compile(r"\.(txt|text|md|markdown|html?)$")
_UCDP_COLUMNS = {"type_of_violence", "date_start", "best"}
_ACLED_NEEDS = ("event_date", "event_type", "sub_event_type")
_HAND_KEYS = ("id", "doc", "sent", "required", "date", "event_type", "actor1", "actor2", "location", "coords",
              "fatalities")
_KINDS_READ = ("an ACLED export CSV, ACLED rows or eventcoder events as JSONL or CSV, a UCDP GED CSV, or a "
               "hand-coded gold JSON with \"events\" and \"actors\"")


# ------------------------------------------------------------------ reading gold and events

@dataclass
class Gold:
    """Gold events as read: `kind` says how they are scored ("acled", "ucdp" or "hand"), `form` what the file
    was; `rows` are the events (ACLED-style rows with `doc_id` and `event_date_iso` filled in); `actors` the
    hand-coded gold's groups and their aliases."""

    kind: str
    form: str
    source: str
    rows: list[dict]
    actors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def has_half(self) -> bool:
        """Whether every row says which half of the set it is in (score by half as well)."""
        return self.kind == "acled" and all(r.get("half") for r in self.rows)

    def documents(self, texts: Mapping[str, str] | None = None) -> list[Document]:
        """The documents to code when no coded events are given: the texts the gold carries (an ACLED row's
        `text` or `notes`, once a document), or for a hand-coded gold its `texts` (`read_texts`)."""
        if self.kind == "hand":
            if texts is None:
                raise OptionError("texts", "is needed: the hand-coded gold names its documents, not their texts")
            return [Document(text, id=doc) for doc, text in texts.items()]
        if self.kind == "ucdp" or self.form == "eventcoder events":
            raise OptionError(None, f"{self.source} ({self.form}) holds no texts to code: give PRED, the events "
                                    "coded from the documents, or --docs")
        texts_of: dict[str, str] = {}
        for r in self.rows:
            if r["doc_id"] not in texts_of:
                if not r.get("text"):
                    raise InputError(self.source, f"{r['doc_id']}: no notes or text to code")
                texts_of[r["doc_id"]] = r["text"]
        return [Document(text, id=doc) for doc, text in texts_of.items()]


def read_gold(path: str, *, encoding: str = "utf-8") -> Gold:
    """The gold events of `path`, told apart by what the file holds (see the module's docstring); an InputError
    naming the file (and line) when it is none of those, or a row cannot be read.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "acled.csv")
    >>> _ = open(path, "w").write("event_id_cnty,event_date,event_type,sub_event_type,notes\\n"
    ...                           "XYZ1,9-May-20,Protests,Peaceful protest,Nurses marched in Alpha.\\n")
    >>> gold = read_gold(path)
    >>> gold.kind, gold.form, gold.rows[0]["doc_id"], gold.rows[0]["event_date_iso"]
    ('acled', 'ACLED export', 'XYZ1', '2020-05-09')
    """
    text = _read_text(path, encoding)
    if not text.strip():
        raise InputError(path, "empty: no gold events")
    if text.lstrip()[0] in "{[":
        return _json_gold(text, path)
    return _csv_gold(text, path)


def read_events(path: str, *, encoding: str = "utf-8") -> list[dict]:
    """The events coded, as `eventcoder extract` writes them: JSONL (one event a line) or CSV; `-` reads standard
    input. An empty file is no events."""
    text = _read_text(path, encoding)
    if not text.strip():
        return []
    if text.lstrip()[0] in "{[":
        return [row for _, row in _json_rows(text, path)]
    rows = _csv_rows(text, path)
    if rows and "event_type" not in rows[0][1]:
        raise InputError(path, "not eventcoder's events: give the JSONL or CSV `eventcoder extract` writes")
    return [_decoded_cells(row) for _, row in rows]


def read_texts(gold: Gold, folder: str | None, *, encoding: str = "utf-8") -> dict[str, str]:
    """The text of each document of a hand-coded gold, from FOLDER/DOC.txt."""
    if not folder:
        raise OptionError("texts", f"is needed: the hand-coded gold {gold.source} places its events in its "
                                   "documents' sentences; give --texts DIR, a folder of DOC.txt")
    texts = {}
    for doc in dict.fromkeys(r["doc"] for r in gold.rows):
        path = Path(folder) / f"{doc}.txt"
        try:
            texts[doc] = path.read_text(encoding=encoding)  # as score_events reads it: newlines made \n
        except FileNotFoundError:
            raise InputError(str(path), f"no such file: the gold {gold.source} needs the text of document "
                                        f"{doc} (--texts DIR)") from None
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(str(path), f"cannot read ({getattr(e, 'strerror', None) or e})") from None
    return texts


def acled_date(value: object) -> str | None:
    """An ACLED event_date as ISO: 2020-05-09, ACLED's old 9-May-20, or 09 May 2020; None when it is no date.

    >>> [acled_date(v) for v in ("2020-05-09", "9-May-20", "09 May 2020", "May 9, 2020", "soon")]
    ['2020-05-09', '2020-05-09', '2020-05-09', '2020-05-09', None]
    """
    s = str(value or "").strip()
    m = re.match(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)", s)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[-/ ]([A-Za-z]{3,9})\.?[-/ ,]+(\d{2}|\d{4})", s)
        n = re.fullmatch(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})", s)
        if m:
            d, month, y = int(m.group(1)), m.group(2), int(m.group(3))
        elif n:
            month, d, y = n.group(1), int(n.group(2)), int(n.group(3))
        else:
            return None
        mo = MONTHS.get(month[:3].lower(), 0)
        if y < 100:  # ACLED's data begin in 1997
            y += 1900 if y >= 90 else 2000
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _read_text(path: str, encoding: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as e:
        raise InputError(path, f"cannot read ({e.strerror or e})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(path, "binary file, not text")
    try:
        return raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as e:
        raise InputError(path, f"not {encoding} (bad byte at offset {e.start}): try --encoding latin-1") from None
    except LookupError:
        raise OptionError("encoding", f"{encoding!r} is not an encoding Python knows (e.g. utf-8, latin-1)") from None


def _json_rows(text: str, path: str) -> Iterator[tuple[str, dict]]:
    """(where, object) for each line of JSONL."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(where, f"not valid JSON: {e.msg} (column {e.colno})") from None
        if not isinstance(row, dict):
            raise InputError(where, "not a JSON object: one event or gold row a line")
        yield where, row


def _json_gold(text: str, path: str) -> Gold:
    first = text.lstrip().split("\n", 1)[0]
    try:
        one_line = isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        one_line = False
    if one_line:
        rows = list(_json_rows(text, path))
    else:
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{e.lineno}", f"not valid JSON: {e.msg} (column {e.colno})") from None
        if isinstance(whole, dict) and isinstance(whole.get("events"), list):
            return _hand_gold(whole, path)
        if not (isinstance(whole, list) and whole and all(isinstance(r, dict) for r in whole)):
            raise InputError(path, f"not gold eval reads: {_KINDS_READ}")
        rows = [(f"{path}: row {i}", r) for i, r in enumerate(whole, 1)]
    if _UCDP_COLUMNS <= set(rows[0][1]):
        return Gold("ucdp", "UCDP GED", path, [_ucdp_row(r, where) for where, r in rows])
    form = "eventcoder events" if {"evidence", "rules"} & set(rows[0][1]) else "ACLED rows"
    return Gold("acled", form, path, [_acled_row(r, where) for where, r in rows])


def _csv_rows(text: str, path: str) -> list[tuple[str, dict]]:
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        reader.fieldnames = [(f or "").strip().lower() for f in (reader.fieldnames or [])]
        return [(f"{path}:{reader.line_num}", row) for row in reader if any((v or "").strip() for v in row.values()
                                                                           if isinstance(v, str))]
    except csv.Error as e:
        raise InputError(f"{path}:{reader.line_num}", f"not CSV: {e}") from None


def _csv_gold(text: str, path: str) -> Gold:
    rows = _csv_rows(text, path)
    if not rows:
        raise InputError(path, "no rows under the header")
    columns = set(rows[0][1])
    if _UCDP_COLUMNS <= columns:
        return Gold("ucdp", "UCDP GED", path, [_ucdp_row(r, where) for where, r in rows])
    if set(_ACLED_NEEDS) <= columns:
        form = "eventcoder events" if "evidence" in columns else "ACLED export"
        return Gold("acled", form, path, [_acled_row(_decoded_cells(r), where) for where, r in rows])
    if "event_type" in columns or "event_id_cnty" in columns:
        missing = ", ".join(c for c in _ACLED_NEEDS if c not in columns)
        raise InputError(path, f"an ACLED CSV needs the columns event_date, event_type and sub_event_type (and "
                               f"event_id_cnty or doc_id); missing: {missing}")
    raise InputError(path, f"not gold eval reads: {_KINDS_READ}")


def _acled_row(row: dict, where: str) -> dict:
    for key in _ACLED_NEEDS[1:]:
        if key not in row:
            raise InputError(where, f"no {key}: an ACLED-style gold row needs doc_id (or event_id_cnty), "
                                    "event_date, event_type and sub_event_type")
    doc = row.get("doc_id") or row.get("event_id_cnty")
    if doc in (None, ""):
        raise InputError(where, "no doc_id or event_id_cnty: the document the row was coded from")
    raw = row.get("event_date_iso") or row.get("event_date")
    iso = acled_date(raw)
    if iso is None:
        raise InputError(where, f"event_date {raw!r} is not a date (2020-05-09, 9-May-20 or 09 May 2020)")
    text = row.get("text") or ("" if "evidence" in row else row.get("notes")) or ""
    return {**row, "doc_id": str(doc), "event_date_iso": iso, "text": text, "half": row.get("half") or None}


def _ucdp_row(row: dict, where: str) -> dict:
    dates = []
    for key in ("date_start", "date_end"):
        value = str(row.get(key) or row.get("date_start") or "")
        try:
            dates.append(date.fromisoformat(value[:10]))
        except ValueError:
            raise InputError(where, f"{key} {value!r} is not a date (YYYY-MM-DD)") from None
    kind = _number(row.get("type_of_violence"))
    if kind not in UCDP_TYPES:
        raise InputError(where, f"type_of_violence {row.get('type_of_violence')!r} is not 1, 2 or 3")
    return {**row, "start": dates[0], "end": max(dates), "type": kind,
            "text": str(row.get("source_headline") or row.get("source_article") or "")}


def _hand_gold(obj: dict, path: str) -> Gold:
    actors = obj.get("actors")
    if not (isinstance(actors, dict) and all(isinstance(v, list) for v in actors.values())):
        raise InputError(path, 'no "actors" table: each actor group of the hand-coded gold with its aliases')
    for i, event in enumerate(obj["events"], 1):
        if not isinstance(event, dict):
            raise InputError(path, f"event {i} is not a JSON object")
        missing = [k for k in _HAND_KEYS if k not in event]
        if missing:
            raise InputError(path, f"event {i} ({event.get('id', '?')}): no {', '.join(missing)}")
    return Gold("hand", "hand-coded", path, list(obj["events"]), actors=actors)


def _decoded_cells(row: dict) -> dict:
    """A CSV row of ours as its JSONL would have it: lists as lists, the guard before a formula-like cell off."""
    out = {}
    for key, value in row.items():
        if isinstance(value, str) and value[:2] in ("'=", "'+", "'-", "'@"):
            value = value[1:]
        if isinstance(value, str) and value[:1] in "[{" and key in ("evidence", "rules", "spans", "claims"):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                pass
        out[key] = value
    return out


# ------------------------------------------------------------------ the measures

def fold(text: object) -> str:
    """Lower-case ASCII words: accents, apostrophes and ʿayn dropped, anything else a single space.

    >>> fold("Dayr az-Zawr’s  Ḥamā")
    'dayr az zawrs hama'
    """
    s = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[’'`ʿʾ]", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def fold_place(text: object) -> str:
    """A place name folded, its articles (al-, ash-, el-, the) dropped.

    >>> fold_place("Deir ez-Zor"), fold_place("al-Bukamal")
    ('deir ez zor', 'bukamal')
    """
    return re.sub(r"\b(al|as|ash|ad|ar|an|at|az|el|the)\s+", "", fold(text))


def actor_forms(name: object) -> set[str]:
    """The folded spellings an actor is known by: the name without ACLED's "(2000-)" year tags and parenthesised
    suffixes, the force before a year tag, and either side of a ':' (acronym and long form).

    >>> sorted(actor_forms("SDF: Syrian Democratic Forces"))
    ['sdf', 'sdf syrian democratic forces', 'syrian democratic forces']
    """
    name = str(name or "").strip()
    if not name:
        return set()
    forms = set()
    tagged = re.match(r"^(.*?)\s*\(\d{4}-(\d{4})?\)", name)
    if tagged:
        forms.add(tagged.group(1))
    forms.add(re.sub(r"\([^)]*\)", " ", name))
    for f in list(forms):
        if ":" in f:
            forms.update(f.split(":", 1))
    return {fold(f) for f in forms if fold(f)}


def same_actor(a: object, b: object) -> bool:
    """Whether two actor names are one actor: a spelling of each alike at 0.8 or more; no actor is no actor.

    >>> same_actor("Military Forces of Syria (2000-2024)", "Military Forces of Syria"), same_actor("", None)
    (True, True)
    """
    fa, fb = actor_forms(a), actor_forms(b)
    if not fa and not fb:
        return True
    return any(SequenceMatcher(None, x, y).ratio() >= 0.8 for x in fa for y in fb)


def distance_km(a: Mapping, b: Mapping) -> float:
    """Great-circle km between two rows' latitude/longitude; infinite when either has none.

    >>> round(distance_km({"latitude": 34.56, "longitude": 38.27}, {"latitude": "34.8", "longitude": "38.27"}))
    27
    """
    try:
        return _great_circle_km((float(a["latitude"]), float(a["longitude"])),
                                (float(b["latitude"]), float(b["longitude"])))
    except (KeyError, TypeError, ValueError):
        return math.inf


def ucdp_type(event: Mapping) -> int | None:
    """UCDP's type of violence of one of our events, from its sides' inter codes: a state's forces (1, or 8 a
    foreign state's) against an organised armed group or a state, 1 (state-based); two organised non-state
    groups (2, 3, 4), 2 (non-state); an organised actor against civilians (7), or a Violence against civilians
    event of one, 3 (one-sided). None for an event UCDP would not count.

    >>> [ucdp_type({"event_type": "Battles", "inter1": a, "inter2": b}) for a, b in ((1, 2), (3, 2), (2, 7), (6, 1))]
    [1, 2, 3, None]
    """
    if event.get("event_type") not in GED_EVENT_TYPES:
        return None
    # without the registry, an external force (8) is taken for a state's forces abroad, as it mostly is
    a, b = (side_kind(_number(event.get(k)), state_abroad=True) for k in ("inter1", "inter2"))
    if not b and a in (STATE, ARMED_GROUP) and event.get("event_type") == VIOLENCE_AGAINST_CIVILIANS:
        b = CIVILIAN_SIDE  # violence against civilians by one organised actor: its victims are the other side
    return type_of_violence(a, b)


def _number(x: object) -> int:
    try:
        return int(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def _share(xs: Sequence) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def _document_key(doc_id: object, known: Mapping | set) -> str | None:
    """The gold document an event's doc_id names: itself, or its file name without folder and .txt."""
    key = str(doc_id)
    if key in known:
        return key
    short = _TEXT_SUFFIX.sub("", key.rsplit("/", 1)[-1])
    return short if short in known else None


def _check_doc_ids(events: Sequence[dict], source: str) -> None:
    lacking = sum(1 for e in events if e.get("doc_id") in (None, ""))
    if lacking:
        raise InputError(source, f"{lacking} of {len(events)} events have no doc_id: eval pairs them with the "
                                 "gold document by document (code with `eventcoder extract --format jsonl`)")


def _event_line(e: Mapping) -> str:
    place = ", ".join(str(x) for x in (e.get("location"), e.get("admin1"), e.get("country")) if x)
    actors = " vs ".join(str(x) for x in (e.get("actor1"), e.get("actor2")) if x)
    return (f"{e.get('sub_event_type') or e.get('event_type')}, {str(e.get('event_date') or '')[:10]}, {place}; "
            f"{actors or 'no actor'}; {_number(e.get('fatalities'))} killed")


def _evidence(e: Mapping) -> list[str]:
    found = [str(x.get("text") or "") for x in e.get("evidence") or [] if isinstance(x, dict)]
    return [t for t in found if t] or ([str(e["notes"])] if e.get("notes") else [])


def _shown_event(verdict: str, doc: str, e: Mapping, **more: Any) -> dict:
    return {"verdict": verdict, "doc_id": doc, "coded": _event_line(e), "rules": list(e.get("rules") or []),
            "evidence": _evidence(e), **more}


def parse_floors(items: Iterable[str]) -> dict[str, float]:
    """`KEY=VALUE` floors as a dict; an OptionError for one that is not.

    >>> parse_floors(["recall=0.9", "type=0.7"])
    {'recall': 0.9, 'type': 0.7}
    """
    floors = {}
    for item in items:
        key, _, value = item.partition("=")
        try:
            floors[key.strip()] = float(value)
        except ValueError:
            raise OptionError("floor", f"takes KEY=VALUE, e.g. recall=0.9 (not {item!r})") from None
    return floors


# ------------------------------------------------------------------ evaluations

class Evaluation:
    """What scoring gives, whatever the gold: `figures` (flat: the keys floors name), `lines()` to print (the
    summary line last), `verdicts()` for --details, `shown()` for --show, `as_dict()` for scripts."""

    kind = ""
    figures: dict[str, Any]
    ceilings: tuple[str, ...] = ()  # figures where more is worse: a floor given for one is a ceiling

    def missed_floors(self, floors: Mapping[str, float] | None) -> list[str]:
        """The floors not reached, as 'key figure < floor'; an OptionError for a key that is no figure."""
        floors = floors or {}
        unknown = [k for k in floors if k not in self.figures or isinstance(self.figures[k], str)]
        if unknown:
            keys = ", ".join(k for k, v in self.figures.items() if not isinstance(v, str))
            raise OptionError("floor", f"{unknown[0]!r} is not a figure of {self.kind} gold; one of: {keys}")
        return [f"{k} {self.figures[k]:.2f} {'>' if k in self.ceilings else '<'} {v:g}" for k, v in floors.items()
                if (self.figures[k] > v if k in self.ceilings else self.figures[k] < v)]

    def as_dict(self, floors: Mapping[str, float] | None = None) -> dict:
        return {"gold": self.kind, **self.figures, "below_floor": self.missed_floors(floors)}

    def lines(self, floors: Mapping[str, float] | None = None, *, verbose: bool = False) -> list[str]:
        raise NotImplementedError

    def verdicts(self) -> Iterator[dict]:
        raise NotImplementedError

    def shown(self, which: str) -> Iterator[dict]:
        """The gold events missed ("misses"), the coded events paired with none ("false-positives"), or every
        verdict ("all"), each with the text it stands on."""
        wanted = {"misses": {"missed"}, "false-positives": {"extra"}, "all": {"missed", "extra", "paired"}}[which]
        return (v for v in self._shown() if v["verdict"] in wanted)

    def _shown(self) -> Iterator[dict]:
        raise NotImplementedError


class AcledEvaluation(Evaluation):
    """ACLED-style gold: within each document, gold rows and coded events paired one to one, greedily by
    (same sub_event_type, same event_type, nearest km), each pair at most `days` days and `km` km apart when
    given; then the share of gold rows each field is right on (a row without an event is wrong on all)."""

    kind = "acled"
    ceilings = ("extra",)

    def __init__(self, gold: Gold, events: Sequence[dict], *, days: int | None = None, km: float | None = None,
                 source: str = "events") -> None:
        _check_doc_ids(events, source)
        self.gold, self.days, self.km = gold, days, km
        rows_of: dict[str, list[dict]] = defaultdict(list)
        for r in gold.rows:
            rows_of[r["doc_id"]].append(r)
        self.events_of: dict[str, list[dict]] = defaultdict(list)
        self.unknown: Counter = Counter()
        for e in events:
            key = _document_key(e["doc_id"], rows_of)
            if key is None:
                self.unknown[str(e["doc_id"])] += 1
            else:
                self.events_of[key].append(e)
        self.results: list[tuple[dict, dict | None, dict]] = []  # (gold row, its event or None, the verdict)
        self.notes: list[dict] = []  # a document's half, whether it got an event, how many beyond its rows
        self.unpaired: list[tuple[str, dict]] = []
        for doc, rows in rows_of.items():
            self._pair_document(doc, rows)
        self.halves = self._halves()
        self.all = _acled_block(self.results, self.notes)
        self.paired = _acled_block([x for x in self.results if x[2]["rows"]], self.notes)
        self.paired["notes"] = sum(n["found"] for n in self.notes)
        n_events = sum(len(v) for v in self.events_of.values())
        self.all["precision"] = self.paired["n"] / n_events if n_events else 0.0
        self.all["events"] = n_events
        self.figures = {**self.all, **{f"paired.{k}": v for k, v in self.paired.items() if k in ACLED_FIELDS}}
        for half, b in self.halves.items():
            self.figures.update({f"{half}.{k}": v for k, v in b.items()})

    def _pair_document(self, doc: str, rows: list[dict]) -> None:
        coded = self.events_of.get(doc, [])
        self.notes.append({"half": rows[0]["half"], "found": bool(coded), "extra": max(0, len(coded) - len(rows))})
        paired = pair_rows(rows, coded, days=self.days, km=self.km)
        self.results.extend((r, p, judge_row(r, p)) for r, p in zip(rows, paired))
        used = {id(p) for p in paired if p is not None}
        self.unpaired.extend((doc, e) for e in coded if id(e) not in used)

    def _halves(self) -> dict[str, dict]:
        if not self.gold.has_half:
            return {}
        names = list(dict.fromkeys(n["half"] for n in self.notes))
        if set(names) == {"ME", "other"}:
            names = ["ME", "other"]
        return {h: _acled_block([x for x in self.results if x[0]["half"] == h],
                                [n for n in self.notes if n["half"] == h]) for h in names}

    def as_dict(self, floors: Mapping[str, float] | None = None) -> dict:
        paired = {k: v for k, v in self.paired.items() if k not in ("recall", "extra")}  # a share of all notes
        return {"gold": self.kind, "form": self.gold.form, **self.all, "paired": paired,
                "halves": self.halves, "below_floor": self.missed_floors(floors)}

    def lines(self, floors: Mapping[str, float] | None = None, *, verbose: bool = False) -> list[str]:
        out = self._missed_lines() if verbose else []
        cols = ["notes", "n", "recall", "extra", *ACLED_FIELDS]
        if set(self.halves) == {"ME", "other"}:
            out.append("ACLED notes (ME = Syria, Iraq, Yemen; other = outside the Middle East). Shares of gold rows.")
        else:
            out.append(f"{self.gold.form} gold{', by half' if self.halves else ''}: notes = documents, "
                       "n = gold rows. Shares of gold rows.")
        out.append(f"{'':8}" + "".join(f"{c:>8}" for c in cols))
        for name, b in [*self.halves.items(), ("all", self.all), ("paired", self.paired)]:
            out.append(f"{name[:7]:8}" + "".join(
                f"{b[c]:>8}" if c in ("notes", "n") else f"{'-':>8}" if name == "paired" and c in ("recall", "extra")
                else f"{b[c]:>8.2f}" for c in cols))
        out.append("(paired: the same shares over the rows that got an event, notes = notes with an event)")
        out.append(f"precision {self.all['precision']:.2f}: {self.paired['n']} of the {self.all['events']} events "
                   "coded from the gold's documents were paired with a gold row"
                   + self._constraint())
        out += ["", *self._by_sub_event_type()]
        if self.unknown:
            out.append(f"\n{sum(self.unknown.values())} events of {len(self.unknown)} documents name a doc_id not "
                       "in the gold (ignored)")
        missed = self.missed_floors(floors)
        if missed:
            out.append("\nbelow floor: " + "; ".join(missed))
        out.append(self._summary(bool(missed)))
        return out

    def _constraint(self) -> str:
        within = [f"{self.days} days" if self.days is not None else "", f"{self.km:g} km" if self.km is not None
                  else ""]
        return f" (pairs at most {' and '.join(w for w in within if w)} apart)" if any(within) else ""

    def _by_sub_event_type(self) -> list[str]:
        out = [f"{'gold sub_event_type':40}{'n':>4}{'rows':>6}{'type':>6}{'sub':>6}{'date':>6}{'pl25':>6}{'actr':>6}"
               f"{'fat':>6}   most often coded as"]
        by_sub: dict[str, list] = defaultdict(list)
        for x in self.results:
            by_sub[x[0]["sub_event_type"]].append(x)
        for sub in sorted(by_sub, key=lambda s: (-len(by_sub[s]), s)):
            xs = by_sub[sub]
            coded_as = Counter(p.get("sub_event_type", "(no event)") if p else "(no event)" for _, p, _ in xs)
            wrong = [(k, v) for k, v in coded_as.most_common() if k != sub][:2]
            out.append(f"{str(sub)[:39]:40}{len(xs):>4}" + "".join(
                f"{_share([j[f] for _, _, j in xs]):>6.2f}" for f in ("rows", "type", "sub", "date", "place25",
                                                                     "actors", "fatal"))
                + "   " + ", ".join(f"{k} {v}" for k, v in wrong))
        return out

    def _summary(self, failed: bool) -> str:
        a, p = self.all, self.paired
        halves = ", ".join(f"{h} {b['sub']:.2f}" for h, b in self.halves.items())
        return (f"acled: {a['notes']} notes/{a['n']} rows; recall {a['recall']:.2f}, extra {a['extra']:.2f}/note, "
                f"type {a['type']:.2f}, sub {a['sub']:.2f}{f' ({halves})' if halves else ''}, date {a['date']:.2f}, "
                f"place25 {a['place25']:.2f}, admin1 {a['admin1']:.2f}, inter {a['inter']:.2f}, actors "
                f"{a['actors']:.2f}, fatal {a['fatal']:.2f} (±20% {a['fatal20']:.2f}); paired: actor1 "
                f"{p['actor1']:.2f}, inter {p['inter']:.2f}, actors {p['actors']:.2f}, place25 {p['place25']:.2f}, "
                f"admin1 {p['admin1']:.2f}, country {p['country']:.2f}; precision {a['precision']:.2f}"
                + (" FAIL" if failed else ""))

    def _missed_lines(self) -> list[str]:
        missed = [r.get("event_id_cnty") or r["doc_id"] for r, p, _ in self.results if p is None]
        fps = [(doc, e.get("location"), e.get("sub_event_type")) for doc, e in self.unpaired]
        return [f"missed: {missed}", f"unmatched predictions: {fps[:40]}"]

    def verdicts(self) -> Iterator[dict]:
        for r, p, j in self.results:
            yield {"doc_id": r["doc_id"], "half": r["half"], "verdict": "missed" if p is None else "paired",
                   "text": r["text"], "judge": j, "gold": {k: r.get(k) for k in _GOLD_DETAIL},
                   "pred": None if p is None else {k: p.get(k) for k in _PRED_DETAIL},
                   "n_pred": len(self.events_of.get(r["doc_id"], []))}
        for doc, e in self.unpaired:
            yield {"doc_id": doc, "verdict": "extra", "pred": {k: e.get(k) for k in _PRED_DETAIL}}

    def _shown(self) -> Iterator[dict]:
        for r, p, j in self.results:
            gold = {"gold": _event_line({**r, "event_date": r["event_date_iso"]}), "text": r["text"]}
            if p is None:
                yield {"verdict": "missed", "doc_id": r["doc_id"], **gold}
            else:
                yield _shown_event("paired", r["doc_id"], p, wrong=[f for f, ok in j.items() if not ok], **gold)
        for doc, e in self.unpaired:
            yield _shown_event("extra", doc, e)


_GOLD_DETAIL = ("event_id_cnty", "event_date_iso", "event_type", "sub_event_type", "actor1", "inter1", "actor2",
                "inter2", "location", "admin1", "latitude", "longitude", "fatalities", "country")
_PRED_DETAIL = ("event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2", "location",
                "admin1", "latitude", "longitude", "fatalities", "country", "trigger", "rules", "evidence")


def pair_rows(rows: Sequence[dict], events: Sequence[dict], *, days: int | None = None,
              km: float | None = None) -> list[dict | None]:
    """Each gold row's event, one to one, greedily by (same sub_event_type, same event_type, nearest km, order),
    each pair at most `days` days and `km` km apart when given; None for a row left without one.

    >>> rows = [{"sub_event_type": "Attack", "event_type": "Violence against civilians"}]
    >>> events = [{"sub_event_type": "Armed clash", "event_type": "Battles"}, {"sub_event_type": "Attack"}]
    >>> pair_rows(rows, events) == [events[1]]
    True
    """
    candidates = []
    for i, r in enumerate(rows):
        for j, p in enumerate(events):
            dist = distance_km(r, p)
            if km is not None and not dist <= km:
                continue
            if days is not None and not _days_apart(r["event_date_iso"], p.get("event_date"), days):
                continue
            candidates.append((p.get("sub_event_type") != r["sub_event_type"],
                               p.get("event_type") != r["event_type"], dist, i, j))
    out: list[dict | None] = [None] * len(rows)
    used = set()
    for *_, i, j in sorted(candidates):
        if out[i] is None and j not in used:
            used.add(j)
            out[i] = events[j]
    return out


def _days_apart(gold_iso: str, coded: object, days: int) -> bool:
    a, b = _day(gold_iso), _day(coded)
    return a is not None and b is not None and abs((a - b).days) <= days


def judge_row(r: Mapping, p: Mapping | None) -> dict[str, bool]:
    """Each field of a gold row judged against its event (all wrong without one), as score_acled.py judges."""
    if p is None:
        return dict.fromkeys(ACLED_FIELDS, False)
    gf, pf = _number(r.get("fatalities")), _number(p.get("fatalities"))
    gold_actors, coded_actors = (r.get("actor1"), r.get("actor2")), (p.get("actor1"), p.get("actor2"))
    every_actor = [x for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
                   for x in str(p.get(k) or "").split(";")]
    a1, a2 = fold_place(r.get("admin1")), fold_place(p.get("admin1"))
    inters = sorted((_number(r.get("inter1")), _number(r.get("inter2"))))
    return {
        "rows": True,
        "type": p.get("event_type") == r["event_type"],
        "sub": p.get("sub_event_type") == r["sub_event_type"],
        "date": str(p.get("event_date") or "")[:10] == r["event_date_iso"],
        "place25": distance_km(r, p) <= 25,
        "admin1": bool(a1 and a2) and SequenceMatcher(None, a1, a2).ratio() >= 0.8,
        "country": SequenceMatcher(None, fold_place(r.get("country")), fold_place(p.get("country"))).ratio() >= 0.85,
        "inter": inters == sorted((_number(p.get("inter1")), _number(p.get("inter2")))),
        "actors": ((same_actor(gold_actors[0], coded_actors[0]) and same_actor(gold_actors[1], coded_actors[1]))
                   or (same_actor(gold_actors[0], coded_actors[1]) and same_actor(gold_actors[1], coded_actors[0]))),
        "actor1": any(same_actor(gold_actors[0], x) for x in every_actor if x.strip()),
        "fatal": gf == pf,
        "fatal20": abs(gf - pf) <= 0.2 * gf,
    }


def _acled_block(results: Sequence[tuple[dict, Any, dict]], notes: Sequence[dict]) -> dict:
    out = {"notes": len(notes), "n": len(results), "recall": _share([n["found"] for n in notes]),
           "extra": _share([n["extra"] for n in notes])}
    out.update({f: _share([j[f] for _, _, j in results]) for f in ACLED_FIELDS})
    return out


class UcdpEvaluation(Evaluation):
    """UCDP GED gold, events without documents: over the whole set, gold events and coded events of a violent
    type paired one to one, greedily by (same type of violence, nearest km, fewest days, order), at most `days`
    days and `km` km apart. The coded events scored are those of a violent type dated within the gold's days (give
    or take `days`) in one of its countries."""

    kind = "ucdp"

    def __init__(self, gold: Gold, events: Sequence[dict], *, days: int | None = None, km: float | None = None,
                 source: str = "events") -> None:
        self.gold = gold
        self.days = DEFAULT_UCDP_DAYS if days is None else days
        self.km = DEFAULT_UCDP_KM if km is None else km
        self.rows = gold.rows
        self.events = self._in_scope(events)
        self.pairs = self._pair()
        self.figures = self._figures(self.rows, self.pairs)

    def _in_scope(self, events: Sequence[dict]) -> list[dict]:
        first = min(r["start"] for r in self.rows).toordinal() - self.days
        last = max(r["end"] for r in self.rows).toordinal() + self.days
        countries = {fold(r.get("country")) for r in self.rows} - {""}
        scoped = []
        for e in events:
            day = _day(e.get("event_date"))
            if e.get("event_type") in GED_EVENT_TYPES and day and first <= day.toordinal() <= last and (
                    not fold(e.get("country")) or not countries or fold(e.get("country")) in countries):
                scoped.append({**e, "_day": day, "_type": ucdp_type(e)})
        return scoped

    def _pair(self) -> dict[int, dict]:
        by_day: dict[int, list[int]] = defaultdict(list)
        long_ones = []
        for i, r in enumerate(self.rows):
            lo, hi = r["start"].toordinal() - self.days, r["end"].toordinal() + self.days
            if hi - lo > 400:
                long_ones.append(i)
            else:
                for d in range(lo, hi + 1):
                    by_day[d].append(i)
        candidates = []
        for j, e in enumerate(self.events):
            day = e["_day"].toordinal()
            for i in by_day.get(day, []) + long_ones:
                r = self.rows[i]
                gap = max(0, r["start"].toordinal() - day, day - r["end"].toordinal())
                dist = distance_km(r, e)
                if gap <= self.days and dist <= self.km:
                    candidates.append((e["_type"] != r["type"], dist, gap, i, j))
        pairs: dict[int, dict] = {}
        used = set()
        for *_, i, j in sorted(candidates):
            if i not in pairs and j not in used:
                used.add(j)
                pairs[i] = self.events[j]
        return pairs

    def _figures(self, rows: Sequence[dict], pairs: Mapping[int, dict]) -> dict[str, Any]:
        judged = [(rows[i], e) for i, e in pairs.items()]
        recall = len(judged) / len(rows) if rows else 0.0
        precision = len(pairs) / len(self.events) if self.events else 0.0
        fatal = [(_number(r.get("best")), _number(r.get("low")), _number(r.get("high")), _number(e.get("fatalities")))
                 for r, e in judged]
        return {"n": len(rows), "events": len(self.events), "paired": len(judged), "recall": recall,
                "precision": precision, "f1": 2 * precision * recall / (precision + recall) if judged else 0.0,
                "type": _share([e["_type"] == r["type"] for r, e in judged]),
                "date": _share([r["start"] <= e["_day"] <= r["end"] for r, e in judged]),
                "fatal": _share([ours == best for best, _, _, ours in fatal]),
                "fatal20": _share([abs(ours - best) <= 0.2 * best for best, _, _, ours in fatal]),
                "fatal_range": _share([low <= ours <= high for _, low, high, ours in fatal]),
                "deaths_gold": sum(_number(r.get("best")) for r in rows),
                "deaths_ours": sum(_number(e.get("fatalities")) for e in self.events)}

    def lines(self, floors: Mapping[str, float] | None = None, *, verbose: bool = False) -> list[str]:
        f = self.figures
        first, last = min(r["start"] for r in self.rows), max(r["end"] for r in self.rows)
        out = self._missed_lines() if verbose else []
        out += [f"UCDP GED gold: {f['n']:,} events, {first}..{last}; {f['events']:,} coded events of a violent type "
                "in those days and countries.",
                f"Paired within {self.days} day{'s' if self.days != 1 else ''} and {self.km:g} km, the same type of "
                "violence first; type, date and fatalities are shares of the paired.",
                f"{'type of violence':20}{'gold':>7}{'paired':>8}{'recall':>8}{'type':>7}{'date':>7}{'fatal':>7}"
                f"{'fat20':>7}{'range':>7}"]
        for kind, name in [*UCDP_TYPES.items(), (None, "all")]:
            idx = [i for i, r in enumerate(self.rows) if kind is None or r["type"] == kind]
            b = self._figures([self.rows[i] for i in idx], {n: self.pairs[i] for n, i in enumerate(idx)
                                                             if i in self.pairs})
            label = f"{kind} {name}" if kind else name
            out.append(f"{label:20}{b['n']:>7}{b['paired']:>8}" + "".join(
                f"{b[k]:>7.2f}" if k != "recall" else f"{b[k]:>8.2f}"
                for k in ("recall", "type", "date", "fatal", "fatal20", "fatal_range")))
        out.append(f"deaths: UCDP best {f['deaths_gold']:,} in all; ours {f['deaths_ours']:,} in the events scored")
        missed = self.missed_floors(floors)
        if missed:
            out.append("\nbelow floor: " + "; ".join(missed))
        out.append(f"ucdp: {f['n']} gold events/{f['events']} events; recall {f['recall']:.2f}, precision "
                   f"{f['precision']:.2f}, f1 {f['f1']:.2f}, type {f['type']:.2f}, date {f['date']:.2f}, fatal "
                   f"{f['fatal']:.2f} (±20% {f['fatal20']:.2f}, in low-high {f['fatal_range']:.2f})"
                   + (" FAIL" if missed else ""))
        return out

    def _missed_lines(self) -> list[str]:
        missed = [str(r.get("id") or i) for i, r in enumerate(self.rows) if i not in self.pairs]
        used = {id(e) for e in self.pairs.values()}
        fps = [(e.get("doc_id"), e.get("location"), e.get("event_type")) for e in self.events if id(e) not in used]
        return [f"missed: {missed}", f"unmatched predictions: {fps[:40]}"]

    def _gold_line(self, r: Mapping) -> str:
        return (f"GED {r.get('id')}, {r['start']}..{r['end']}, {r.get('where_coordinates') or r.get('adm_1')}; "
                f"type {r['type']}: {r.get('side_a')} vs {r.get('side_b')}; best {_number(r.get('best'))}")

    def verdicts(self) -> Iterator[dict]:
        for i, r in enumerate(self.rows):
            e = self.pairs.get(i)
            gold = {k: (str(v) if isinstance(v, date) else v) for k, v in r.items()}
            yield {"verdict": "paired" if e else "missed", "gold": gold,
                   "pred": None if e is None else {**{k: e.get(k) for k in _PRED_DETAIL}, "ucdp_type": e["_type"]}}
        used = {id(e) for e in self.pairs.values()}
        for e in self.events:
            if id(e) not in used:
                yield {"doc_id": e.get("doc_id"), "verdict": "extra", "pred": {k: e.get(k) for k in _PRED_DETAIL}}

    def _shown(self) -> Iterator[dict]:
        for i, r in enumerate(self.rows):
            e = self.pairs.get(i)
            gold = {"gold": self._gold_line(r), "text": r["text"]}
            if e is None:
                yield {"verdict": "missed", "doc_id": str(r.get("id")), **gold}
            else:
                yield _shown_event("paired", str(e.get("doc_id")), e, **gold)
        used = {id(e) for e in self.pairs.values()}
        yield from (_shown_event("extra", str(e.get("doc_id")), e) for e in self.events if id(e) not in used)


class HandEvaluation(Evaluation):
    """Hand-coded gold: a coded event belongs to the gold sentences its evidence falls in (else its notes' text);
    it may match a gold event of those sentences whose place aliases name its place or admin areas, or whose
    coordinates are within 25 km. Matches are taken best first (actors, type and date right), one to one; optional
    gold events cost nothing when missed and count as no false positive when found."""

    kind = "hand"

    def __init__(self, gold: Gold, events: Sequence[dict], *, texts: Mapping[str, str],
                 source: str = "events") -> None:
        _check_doc_ids(events, source)
        self.gold, self.texts = gold, texts
        self.lines_of = {doc: _line_spans(text) for doc, text in texts.items()}
        self.events = [e for e in (self._placed(e) for e in events) if e is not None]
        self.matched = self._match()
        self.figures = self._figures()

    def _placed(self, e: dict) -> dict | None:
        doc = _document_key(e["doc_id"], self.texts)
        if doc is None:
            return None
        sents = _sentences_of(e, self.lines_of[doc])
        if not sents and e.get("notes"):
            start = fold_place(e["notes"])[:50]
            for i, line in enumerate(self.texts[doc].split("\n"), 1):
                if start and start in fold_place(re.sub(r"\[[^\]]*\]", "", line)):
                    sents.add(i)
        return {**e, "_doc": doc, "_sents": sents}

    def _at_place(self, g: Mapping, e: Mapping) -> bool:
        return (e["_doc"] == g["doc"] and bool(e["_sents"] & set(g["sent"]))
                and (_place_matches(g["location"], e) or bool(g["coords"] and _near(g["coords"], e))))

    def _match(self) -> dict[int, int]:
        scores = []
        for gi, g in enumerate(self.gold.rows):
            for pi, e in enumerate(self.events):
                if self._at_place(g, e):
                    s = 1 + self._actors_ok(g, e) + (e.get("event_type") in g["event_type"]) + bool(_date_ok(g, e))
                    scores.append((s, g["required"], gi, pi))
        matched: dict[int, int] = {}
        used = set()
        for _, _, gi, pi in sorted(scores, reverse=True):
            if gi not in matched and pi not in used:
                matched[gi] = pi
                used.add(pi)
        return matched

    def _group_of(self, actor: str) -> str | None:
        a = fold_place(actor)
        if not a:
            return None
        # the group of the longest alias the name holds: the most specific ("syrian army" before "syria"); of two
        # as long, the first in the gold's table
        found = [(-len(folded), n, group) for n, (group, aliases) in enumerate(self.gold.actors.items())
                 for folded in map(fold_place, aliases)
                 if folded and re.search(r"\b" + re.escape(folded) + r"s?\b", a)]
        if found:
            return min(found)[2]
        return "OTHER"

    def _actors_ok(self, g: Mapping, e: Mapping) -> bool:
        groups = {self._group_of(part) for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
                  for part in str(e.get(k) or "").split(";")} - {None}
        return all(groups & set(g[k].split("|")) for k in ("actor1", "actor2") if g[k])

    def _figures(self) -> dict[str, Any]:
        gold, events, matched = self.gold.rows, self.events, self.matched
        required = [i for i, g in enumerate(gold) if g["required"]]
        hit = [i for i in required if i in matched]
        recall = len(hit) / len(required) if required else 0.0
        precision = len(matched) / len(events) if events else 0.0
        dates = [_date_ok(gold[i], events[matched[i]]) for i in hit if gold[i]["date"]]
        with_toll = [i for i in required if gold[i]["fatalities"]]
        # any event of the same sentences and place carrying the conservative figure
        tolls = sum(any(self._at_place(gold[i], e) and _toll(e) == gold[i]["fatalities"]["conservative"]
                        for e in events) for i in with_toll)
        self.tolls = (tolls, len(with_toll))
        return {"recall": recall, "precision": precision,
                "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
                "date": sum(dates) / max(len(dates), 1),
                "type": _share([events[matched[i]].get("event_type") in gold[i]["event_type"] for i in hit]),
                "actors": _share([self._actors_ok(gold[i], events[matched[i]]) for i in hit]),
                "fatalities": f"{tolls}/{len(with_toll)}", "preds": len(events), "gold_required": len(required)}

    def missed_floors(self, floors: Mapping[str, float] | None) -> list[str]:
        floors = floors or {}
        tolls = {"fatalities": floors["fatalities"]} if "fatalities" in floors else {}
        missed = super().missed_floors({k: v for k, v in floors.items() if k != "fatalities"})
        return missed + [f"fatalities {self.tolls[0]} < {v:g}" for v in tolls.values() if self.tolls[0] < v]

    def lines(self, floors: Mapping[str, float] | None = None, *, verbose: bool = False) -> list[str]:
        out = self._missed_lines() if verbose else []
        short = [m.split(" ", 1)[0] for m in self.missed_floors(floors)]
        figures = " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in self.figures.items())
        return out + [("SHORT on " + ",".join(short) + ": " if short else "ok: ") + figures]

    def _missed_lines(self) -> list[str]:
        missed = [g["id"] for i, g in enumerate(self.gold.rows) if g["required"] and i not in self.matched]
        used = set(self.matched.values())
        fps = [(e["_doc"][:3], sorted(e["_sents"]), e.get("location"), e.get("event_type"))
               for pi, e in enumerate(self.events) if pi not in used]
        return [f"missed: {missed}", f"unmatched predictions: {fps[:40]}"]

    def _sentences(self, doc: str, numbers: Iterable[int]) -> list[str]:
        lines = self.texts[doc].split("\n")
        return [lines[n - 1] for n in sorted(numbers) if 0 < n <= len(lines)]

    def _gold_line(self, g: Mapping) -> str:
        window = f"{g['date']['start']}..{g['date']['end']}" if g["date"] else "any date"
        return (f"{g['id']}{'' if g['required'] else ' (optional)'}: {'/'.join(g['event_type'])}, {window}, at "
                f"{'/'.join(g['location'][:3])}; {g['actor1'] or '?'} vs {g['actor2'] or '?'}")

    def verdicts(self) -> Iterator[dict]:
        for gi, g in enumerate(self.gold.rows):
            e = self.events[self.matched[gi]] if gi in self.matched else None
            yield {"doc_id": g["doc"], "verdict": "paired" if e else "missed", "gold": g,
                   "pred": None if e is None else {k: e.get(k) for k in _PRED_DETAIL}}
        used = set(self.matched.values())
        for pi, e in enumerate(self.events):
            if pi not in used:
                yield {"doc_id": e["_doc"], "verdict": "extra", "sentences": sorted(e["_sents"]),
                       "pred": {k: e.get(k) for k in _PRED_DETAIL}}

    def _shown(self) -> Iterator[dict]:
        for gi, g in enumerate(self.gold.rows):
            gold = {"gold": self._gold_line(g), "text": " ".join(self._sentences(g["doc"], g["sent"]))}
            if gi in self.matched:
                yield _shown_event("paired", g["doc"], self.events[self.matched[gi]], **gold)
            elif g["required"]:
                yield {"verdict": "missed", "doc_id": g["doc"], **gold}
        used = set(self.matched.values())
        yield from (_shown_event("extra", e["_doc"], e, sentences=sorted(e["_sents"]))
                    for pi, e in enumerate(self.events) if pi not in used)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _sentences_of(e: Mapping, line_spans: Sequence[tuple[int, int]]) -> set[int]:
    """The numbers of the lines (the hand-coded gold's sentences) an event's evidence falls in."""
    spans = [(int(x["char_start"]), int(x.get("char_end", x["char_start"])))
             for x in e.get("evidence") or [] if isinstance(x, dict) and "char_start" in x]
    if not spans and e.get("char_start") is not None:
        spans.append((int(e["char_start"]), int(e.get("char_end") or e["char_start"])))
    return {i for s, end in spans for i, (ls, le) in enumerate(line_spans, 1) if s < le and end > ls or ls <= s < le}


def _place_matches(aliases: Sequence[str], e: Mapping) -> bool:
    if "any" in aliases:
        return True
    for value in (e.get("location"), e.get("admin1"), e.get("admin2"), e.get("admin3")):
        p = fold_place(value)
        if len(p) < 2:
            continue
        for alias in aliases:
            a = fold_place(alias)
            if a and (re.search(r"\b" + re.escape(a) + r"\b", p) or re.search(r"\b" + re.escape(p) + r"\b", a)):
                return True
    return False


def _near(coords: Sequence[float], e: Mapping, km: float = 25) -> bool:
    """Within `km` of the gold's point, as a box (111 km a degree of latitude, 91 of longitude at 35° N)."""
    try:
        lat, lon = float(e["latitude"]), float(e["longitude"])
    except (KeyError, TypeError, ValueError):
        return False
    return abs(lat - coords[0]) * 111 < km and abs(lon - coords[1]) * 91 < km


def _date_ok(g: Mapping, e: Mapping) -> bool | None:
    """Whether the event's date, or its whole span, lies in the gold's window; None when the gold has none."""
    if not g["date"]:
        return None
    lo, hi = _day(g["date"]["start"]), _day(g["date"]["end"])
    day = _day(e.get("event_date"))
    if lo is None or hi is None or day is None:
        return False
    if lo <= day <= hi:
        return True
    start, end = _day(e.get("date_start")), _day(e.get("date_end"))
    return start is not None and end is not None and lo <= start and end <= hi


def _toll(e: Mapping) -> int | None:
    try:
        return int(float(e.get("fatalities")))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def evaluate(gold: Gold, events: Sequence[dict], *, days: int | None = None, km: float | None = None,
             texts: Mapping[str, str] | None = None, source: str = "events") -> Evaluation:
    """Score `events` (dicts as `eventcoder extract --format jsonl` writes them) against `gold`; `days` and `km`
    bound how far apart a pair may be (for UCDP gold, 1 day and 25 km unless given); `texts` are the hand-coded
    gold's documents (`read_texts`); `source` names the events in messages.

    >>> gold = Gold("acled", "ACLED rows", "gold", [
    ...     {"doc_id": "n1", "event_date_iso": "2020-05-09", "event_type": "Protests", "half": None,
    ...      "sub_event_type": "Peaceful protest", "latitude": 32.8, "longitude": 35.0, "fatalities": 0}])
    >>> result = evaluate(gold, [{"doc_id": "n1", "event_date": "2020-05-09", "event_type": "Protests",
    ...                           "sub_event_type": "Peaceful protest", "latitude": 32.81, "longitude": 35.0}])
    >>> result.figures["recall"], result.figures["date"], result.figures["place25"], result.figures["precision"]
    (1.0, 1.0, 1.0, 1.0)
    """
    if days is not None and days < 0:
        raise OptionError("days", f"must be 0 or more (not {days})")
    if km is not None and not 0 <= km < math.inf:
        raise OptionError("km", f"must be a distance, 0 or more (not {km:g})")
    if gold.kind == "ucdp":
        return UcdpEvaluation(gold, events, days=days, km=km, source=source)
    if gold.kind == "hand":
        if texts is None:
            raise OptionError("texts", "is needed: the hand-coded gold places its events in its documents' lines")
        return HandEvaluation(gold, events, texts=texts, source=source)
    return AcledEvaluation(gold, events, days=days, km=km, source=source)
