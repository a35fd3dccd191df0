"""Events as tables for pandas users: flat records, and a DataFrame of them with ACLED's column types.

Nested fields (`claims`, `evidence`, `spans`, `rules`, `control_change`) do not fit a cell as they are. With
`nested="json"` (the default) each is a JSON string, as in our CSV, so that nothing is lost and `json.loads` gives
it back; with `nested="flatten"` a dict becomes dotted columns (`control_change.to`), a list of words one string
joined by "; " (as ACLED joins associated actors), and a list of records (claims, evidence, spans) a JSON string.

>>> from eventcoder.model import Event, Evidence
>>> e = Event("a.txt", "2018-12-03", "2018-12-03", "2018-12-03", 1, "Battles", "Armed clash", "Islamic State",
...           inter1=2, rules=["T_CLASH", "PLACE_NAMED"], evidence=[Evidence(0, 5, "Hajin")],
...           control_change={"from": "A", "to": "B"})
>>> record = to_records([e], nested="flatten")[0]
>>> record["rules"], record["control_change.to"], record["evidence"], record["inter2"]
('T_CLASH; PLACE_NAMED', 'B', '[{"char_start": 0, "char_end": 5, "text": "Hajin"}]', 0)
>>> to_records([e])[0]["rules"]
'["T_CLASH", "PLACE_NAMED"]'
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable

from .errors import OptionError
from .model import ACLED_COLUMNS, EXTRA_COLUMNS, Event, acled_codes

if TYPE_CHECKING:  # pandas is optional: imported when a DataFrame is asked for
    import pandas

NESTED = ("json", "flatten")
# ACLED's integer columns: never blank in ACLED's data, so never NaN in a frame of ours (0 where there is none)
INTEGER_COLUMNS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "fatalities")
# integer columns that may be missing (an event with no place, a run's time not set): pandas' nullable Int64
NULLABLE_INTEGER_COLUMNS = ("geo_precision", "timestamp", "fatalities_low", "fatalities_high", "injuries")
FLOAT_COLUMNS = ("latitude", "longitude", "confidence")


def to_records(events: Iterable[Event | dict], *, nested: str = "json") -> list[dict[str, Any]]:
    """Each event as one flat dict: ACLED's columns in ACLED's order, then ours (see the module's docstring for
    `nested`). Events may be `Event`s or the dicts `to_dict()`, the JSONL output or the store give."""
    if nested not in NESTED:
        raise OptionError("nested", f"must be one of {', '.join(NESTED)}")
    return [_flat(acled_codes(e) if isinstance(e, dict) else e.to_dict(), nested) for e in events]


def to_dataframe(events: Iterable[Event | dict], *, nested: str = "json") -> "pandas.DataFrame":
    """The events as a pandas DataFrame, one row an event, with the types an ACLED export loads with: integers
    for the codes and counts, floats for coordinates, `event_date` a datetime. Needs pandas
    (`pip install 'eventcoder[pandas]'`)."""
    try:
        import pandas as pd
    except ImportError:
        raise OptionError(None, "to_dataframe needs pandas, which is not installed: pip install pandas") from None
    records = to_records(events, nested=nested)
    # every row's columns, in the order they first come (flattened control changes only where there is one)
    columns = list(dict.fromkeys(k for r in records for k in r)) if records else ACLED_COLUMNS + EXTRA_COLUMNS
    frame = pd.DataFrame.from_records(records, columns=columns)
    for name in INTEGER_COLUMNS:
        frame[name] = pd.to_numeric(frame[name]).fillna(0).astype("int64")
    for name in NULLABLE_INTEGER_COLUMNS:
        frame[name] = pd.to_numeric(frame[name]).astype("Int64")
    for name in FLOAT_COLUMNS:
        frame[name] = pd.to_numeric(frame[name]).astype("float64")
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    return frame


def _flat(row: dict, nested: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if nested == "json" or not isinstance(value, (list, dict)):
            out[key] = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
        elif isinstance(value, dict):  # (a None stays None under its own name: no change of control)
            out.update({f"{key}.{k}": v for k, v in value.items()})
        elif all(isinstance(v, str) for v in value):
            out[key] = "; ".join(value)
        else:
            out[key] = json.dumps(value, ensure_ascii=False)
    return out
