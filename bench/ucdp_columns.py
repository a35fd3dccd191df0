"""Does `extract --schema ucdp` load next to UCDP's own GED file: the same columns, in the same order, of the same
types as pandas reads them?

    .venv/bin/eventcoder extract ../shared/corpus/sample --schema ucdp --format csv -o /tmp/ucdp_sample.csv
    python bench/ucdp_columns.py /tmp/ucdp_sample.csv [--ged ../shared/bench/ucdp/ged_syria_2016_2019.csv]

Run it with any Python that has pandas (eventcoder's own environment does not need it): both files are read with
`pandas.read_csv` and its own type inference, then put one under the other with `pandas.concat`. It prints, a
column a line, GED's dtype, ours, the dtype of the two together, and a verdict:

- same: the same dtype;
- numbers: both numeric, ours int64 where GED's is float64 (GED's CSV writes every integer as "2016.0", its
  columns having empty cells; ours writes integers as integers, as GED's codebook defines them), float64 together;
- empty in ours: a column none of our rows fills (a conflict id, a Gleditsch-Ward code: see src/eventcoder/ucdp.py),
  which pandas reads as float64 of NaN whatever it would hold; together it takes GED's dtype's values;
- DIFFERS: anything else.

The exit status is 1 when the column names or their order differ, or a column DIFFERS; else 0.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GED = ROOT.parent / "shared" / "bench" / "ucdp" / "ged_syria_2016_2019.csv"


def verdict(name: str, ged: pd.Series, ours: pd.Series) -> str:
    if ged.dtype == ours.dtype:
        return "same"
    if ours.isna().all():
        return "empty in ours"
    if pd.api.types.is_numeric_dtype(ged) and pd.api.types.is_numeric_dtype(ours):
        return "numbers"
    return "DIFFERS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ours", help="the CSV `eventcoder extract --schema ucdp --format csv` wrote")
    parser.add_argument("--ged", default=str(DEFAULT_GED), help=f"UCDP's GED CSV (default: {DEFAULT_GED})")
    args = parser.parse_args(argv)
    ged = pd.read_csv(args.ged, low_memory=False)
    ours = pd.read_csv(args.ours, low_memory=False)
    print(f"GED: {len(ged):,} rows ({args.ged}); ours: {len(ours):,} rows ({args.ours})")
    same_names = list(ged.columns) == list(ours.columns)
    print(f"column names and order: {'the same' if same_names else 'DIFFER'} ({len(ged.columns)} GED, "
          f"{len(ours.columns)} ours)")
    if not same_names:
        misplaced = next(((g, o) for g, o in zip(ged.columns, ours.columns) if g != o), None)
        print(f"  GED only: {sorted(set(ged.columns) - set(ours.columns))}; ours only: "
              f"{sorted(set(ours.columns) - set(ged.columns))}; first out of place (GED, ours): {misplaced}")
        return 1
    together = pd.concat([ged, ours], ignore_index=True)
    print(f"\n{'column':<20} {'GED':<9} {'ours':<9} {'together':<9} verdict")
    differs = 0
    for name in ged.columns:
        said = verdict(name, ged[name], ours[name])
        differs += said == "DIFFERS"
        print(f"{name:<20} {str(ged[name].dtype):<9} {str(ours[name].dtype):<9} {str(together[name].dtype):<9} {said}")
    print(f"\n{differs} column{'s' if differs != 1 else ''} differ beyond the differences by design")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
