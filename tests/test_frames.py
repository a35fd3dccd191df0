"""frames.py: events as flat records and pandas DataFrames, typed as an ACLED export loads; our CSV read by pandas
as ACLED users read ACLED's."""
import io
import json

import pandas as pd
import pytest

from eventcoder import Document, extract, to_dataframe, to_records
from eventcoder.export import EventWriter
from eventcoder.model import ACLED_COLUMNS
from tests.conftest import CODING_TIME

# written for the test: a capture by a state (a change of control, two actors) and a protest (one actor)
DOCS = [Document("On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.", id="a", source="SANA"),
        Document("On 4 May 2021, hundreds of teachers protested in Nairobi over unpaid salaries.", id="b",
                 source="Daily Nation; Reuters")]
ACLED_INTEGERS = ["year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
                  "timestamp"]


@pytest.fixture(scope="module")
def events(coder):
    return extract(DOCS)


def test_frames_to_dataframe_has_acleds_columns_and_types(events):
    frame = to_dataframe(events)
    assert list(frame.columns[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert list(frame["inter2"]) == [2, 0] and frame["inter2"].dtype == "int64"
    assert list(frame["interaction"]) == [12, 60]
    assert list(frame["timestamp"]) == [CODING_TIME, CODING_TIME]
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["latitude"].dtype == "float64"
    assert json.loads(frame["rules"][0])[0] == events[0].rules[0]


def test_frames_flatten_spreads_a_change_of_control_into_columns(events):
    flat = to_records(events, nested="flatten")
    assert flat[0]["control_change.to"] == events[0].control_change["to"]
    assert "control_change" not in flat[0] and flat[1]["control_change"] is None
    assert flat[0]["rules"] == "; ".join(events[0].rules)
    frame = to_dataframe(events, nested="flatten")
    assert frame["control_change.to"].isna().tolist() == [False, True]


def test_frames_a_bad_nested_option_is_named(events):
    from eventcoder import OptionError
    with pytest.raises(OptionError, match="nested must be one of json, flatten"):
        to_records(events, nested="wide")


def test_frames_our_csv_loads_in_pandas_with_acleds_types(events):
    """What ACLED's users do with an ACLED export: read_csv, then integer codes (no NaN: 0 for no actor) and
    counts, float coordinates, dates that parse."""
    out = io.StringIO()
    writer = EventWriter(out, "csv")
    writer.write(events)
    writer.close()
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    assert list(frame.columns[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert {c: str(frame[c].dtype) for c in ACLED_INTEGERS} == dict.fromkeys(ACLED_INTEGERS, "int64")
    assert (frame["latitude"].dtype, frame["longitude"].dtype) == ("float64", "float64")
    assert list(pd.to_datetime(frame["event_date"]).dt.year) == [2017, 2021]
    assert list(frame["source"]) == ["SANA", "Daily Nation; Reuters"]
    assert list(frame["source_scale"]) == ["National", "National-International"]
    assert list(frame["region"]) == ["Middle East", "Eastern Africa"]
    assert frame["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d{12}").all()
