"""export.py: events written as ACLED CSV, JSONL, GeoJSON and a table for people."""
import csv
import io
import json

import pytest

from eventcoder.errors import OptionError
from eventcoder.export import EventWriter, format_table
from eventcoder.model import ACLED_COLUMNS, EXTRA_COLUMNS
from tests.coding import code

TEXT = "On 5 April 2017, the Syrian Army shelled Hajin, killing 7 civilians and wounding 12."


@pytest.fixture(scope="module")
def event(coder):
    [e] = code(coder, TEXT)
    return e


def written(fmt: str, events) -> str:
    out = io.StringIO()
    writer = EventWriter(out, fmt)
    writer.write(events)
    writer.close()
    assert writer.count == len(events)
    return out.getvalue()


def test_export_csv_has_the_acled_columns_then_ours_and_lists_as_json(event):
    header, row = list(csv.reader(io.StringIO(written("csv", [event]))))
    assert header == ACLED_COLUMNS + EXTRA_COLUMNS
    cells = dict(zip(header, row))
    assert (cells["event_date"], cells["location"], cells["fatalities"], cells["geo_precision"]) == (
        "2017-04-05", "Hajīn", "7", "1")
    assert cells["assoc_actor_1"] == "" and json.loads(cells["claims"])[0]["low"] == 7


def test_export_jsonl_is_one_event_a_line_as_to_dict(event):
    lines = written("jsonl", [event, event]).splitlines()
    assert [json.loads(line) for line in lines] == [event.to_dict(), event.to_dict()]


def test_export_geojson_is_one_feature_collection_with_points_at_lon_lat(event):
    placeless = {**event.to_dict(), "event_id_cnty": "SYR-X", "latitude": None, "longitude": None}
    collection = json.loads(written("geojson", [event, placeless]))
    assert collection["type"] == "FeatureCollection"
    assert [(f["id"], f["geometry"]) for f in collection["features"]] == [
        (event.event_id_cnty, {"type": "Point", "coordinates": [event.longitude, event.latitude]}), ("SYR-X", None)]
    assert collection["features"][0]["properties"]["location"] == "Hajīn"


def test_export_table_fits_long_names_and_counts_events(event):
    lines = format_table([event]).splitlines()
    assert lines[0].split() == ["event_date", "event_type", "actor1", "actor2", "location", "fatalities"]
    # an actor's column holds a state's forces with its government's years
    assert lines[2] == ("2017-04-05  Explosions/Remote violence  Military Forces of Syria (2000-2024)  Civilians (Syria)"
                        "                     Hajīn                   7    ")
    assert lines[-1] == "1 event"
    wordy = {**event.to_dict(), "actor1": "A" * 40}
    assert ("A" * 35 + "…") in format_table([wordy, event]).splitlines()[2]
    assert format_table([]).splitlines()[-1] == "0 events"


def test_export_an_unknown_format_is_an_option_error():
    with pytest.raises(OptionError, match=r"^unknown format 'xml'; one of table, csv, jsonl, geojson$"):
        EventWriter(io.StringIO(), "xml")
