"""Read our ACLED CSV and JSON Lines with pandas, as an ACLED user does, and check what an ACLED export gives.

usage: python check_pandas.py EVENTS.csv [EVENTS.jsonl] [--schema acled|acled-text]

Run with the consumers' own Python (pandas only; eventcoder is not imported: ACLED's column list is written out
here from ACLED's codebook, so that the check does not take our word for it). Prints "ok:" or "FAIL:" per check,
exits 1 on any FAIL.
"""
from __future__ import annotations

import argparse
import re
import sys

import pandas as pd

from checklist import check, failures  # beside this script

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
INTER = ["inter1", "inter2", "interaction"]
INTS = ["fatalities", "geo_precision", "time_precision", "year", "iso", "timestamp"]
FLOATS = ["latitude", "longitude"]


def dtype_check(df: pd.DataFrame, cols: list[str], want: str) -> None:
    for col in cols:
        if col not in df.columns:
            check(f"{col} is {want}", False, "column missing")
            continue
        got = str(df[col].dtype)
        detail = f"dtype {got}"
        if got != want:
            blank = int(df[col].isna().sum())
            detail += f", {blank} of {len(df)} empty" if blank else f", e.g. {df[col].iloc[0]!r}" if len(df) else ""
        check(f"{col} is {want}", got == want, detail)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("jsonl", nargs="?")
    ap.add_argument("--schema", default="acled", choices=["acled", "acled-text"])
    a = ap.parse_args()
    text = a.schema == "acled-text"
    print(f"  pandas {pd.__version__}; {a.csv} as {a.schema}")

    try:
        df = pd.read_csv(a.csv)
    except Exception as e:  # noqa: BLE001 - the failure is the finding
        check("pandas.read_csv", False, f"{type(e).__name__}: {e}")
        return 1
    check("pandas.read_csv", True, f"{len(df)} rows, {len(df.columns)} columns")
    check("has rows", len(df) > 0)

    first = list(df.columns[: len(ACLED_COLUMNS)])
    missing = [c for c in ACLED_COLUMNS if c not in df.columns]
    wrong = [f"{i + 1}:{got}!={want}" for i, (got, want) in enumerate(zip(first, ACLED_COLUMNS)) if got != want]
    check("ACLED's 31 columns first, in ACLED's order", not missing and not wrong,
          f"missing {missing}" if missing else f"out of place {wrong[:5]}" if wrong else "")

    if text:  # ACLED's text schema: actor types as words, not codes
        for col in INTER:
            if col in df.columns:
                vals = df[col].dropna()
                numeric = bool(len(vals)) and pd.to_numeric(vals, errors="coerce").notna().all()
                check(f"{col} is text (acled-text)", not pd.api.types.is_numeric_dtype(df[col]) and not numeric,
                      f"dtype {df[col].dtype}, e.g. {vals.iloc[0]!r}" if len(vals) else "all empty")
        check("inter1 never empty", "inter1" in df.columns and df["inter1"].notna().all())
    else:
        dtype_check(df, INTER, "int64")
        if all(c in df.columns for c in ("inter1", "inter2")) and df[["inter1", "inter2"]].notna().all().all():
            bad1 = sorted(set(df["inter1"]) - set(range(1, 9)))
            bad2 = sorted(set(df["inter2"]) - set(range(0, 9)))
            check("inter1 in 1-8, inter2 in 0-8 (0: no actor2)", not bad1 and not bad2,
                  f"inter1 {bad1} inter2 {bad2}" if bad1 or bad2 else "")
    dtype_check(df, INTS, "int64")
    dtype_check(df, FLOATS, "float64")

    if "event_date" in df.columns:
        try:
            dates = pd.to_datetime(df["event_date"], errors="raise")
            check("event_date parses with pd.to_datetime", dates.notna().all(), f"{dates.min().date()} to {dates.max().date()}")
        except Exception as e:  # noqa: BLE001
            check("event_date parses with pd.to_datetime", False, f"{type(e).__name__}: {e}")
        if "year" in df.columns and str(df["year"].dtype) == "int64":
            check("year is event_date's year", (pd.to_datetime(df["event_date"], errors="coerce").dt.year == df["year"]).all())

    if "event_id_cnty" in df.columns:
        ids = df["event_id_cnty"].astype(str)
        check("event_id_cnty unique", ids.is_unique, f"{int(ids.duplicated().sum())} repeated" if not ids.is_unique else "")
        shaped = ids.str.fullmatch(r"[A-Z]{3}\d+")
        check("event_id_cnty shaped as ACLED's (ISO3 then digits)", shaped.all(),
              f"e.g. {ids[~shaped].iloc[0]!r}" if not shaped.all() else f"e.g. {ids.iloc[0]!r}")

    if a.jsonl:
        try:
            j = pd.read_json(a.jsonl, lines=True)
        except Exception as e:  # noqa: BLE001
            check("pandas.read_json(lines=True)", False, f"{type(e).__name__}: {e}")
        else:
            check("pandas.read_json(lines=True)", True, f"{len(j)} rows, {len(j.columns)} columns")
            check("JSONL rows == CSV rows", len(j) == len(df), f"{len(j)} vs {len(df)}")
            jmissing = [c for c in ACLED_COLUMNS if c not in j.columns]
            check("JSONL has ACLED's 31 columns, in ACLED's order", not jmissing
                  and list(j.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS, f"missing {jmissing}" if jmissing else "")
            if "event_id_cnty" in j.columns and "event_id_cnty" in df.columns:
                check("JSONL ids == CSV ids", list(j["event_id_cnty"].astype(str)) == list(df["event_id_cnty"].astype(str)))

    print("  first rows:")
    show = [c for c in ["event_id_cnty", "event_date", "inter1", "inter2", "interaction", "iso", "fatalities",
                        "timestamp"] if c in df.columns]
    print(re.sub(r"(?m)^", "    ", df[show].head(4).to_string(index=False)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
