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


def test_export_table_fits_the_width_shows_the_sub_event_type_and_counts_events(event):
    lines = format_table([event], width=160).splitlines()
    assert lines[0].split() == ["event_date", "sub_event_type", "actor1", "actor2", "location", "fatalities"]
    # with room, an actor's column holds a state's forces with its government's years
    assert lines[2] == ("2017-04-05  Shelling/artillery/missile attack   Military Forces of Syria (2000-2024)  "
                        "Civilians (Syria)                     Hajīn                   7")
    assert lines[-1] == "1 event"
    narrow = format_table([event], width=80).splitlines()
    assert max(len(line) for line in narrow) == 80
    assert narrow[2] == "2017-04-05  Shelling/arti…  Military Forc…  Civilians (…  Hajīn       7"
    wordy = {**event.to_dict(), "actor1": "A" * 40}
    assert ("A" * 35 + "…") in format_table([wordy, event], width=160).splitlines()[2]
    assert format_table([]).splitlines()[-1] == "0 events"


def test_export_an_unknown_format_is_an_option_error():
    with pytest.raises(OptionError, match=r"^unknown format 'xml'; one of table, csv, jsonl, geojson$"):
        EventWriter(io.StringIO(), "xml")


def test_export_acled_text_writes_the_inter_labels_in_every_format(event):
    labels = {"inter1": "State forces", "inter2": "Civilians", "interaction": "State forces-Civilians"}
    for fmt in ("jsonl", "csv", "geojson"):
        out = io.StringIO()
        writer = EventWriter(out, fmt, schema="acled-text")
        writer.write([event])
        writer.close()
        if fmt == "jsonl":
            row = json.loads(out.getvalue())
        elif fmt == "csv":
            [row] = csv.DictReader(io.StringIO(out.getvalue()))
        else:
            row = json.loads(out.getvalue())["features"][0]["properties"]
        assert {k: row[k] for k in labels} == labels, fmt
    assert json.loads(written("jsonl", [event]))["interaction"] == 17  # the default schema keeps ACLED's numbers


def test_export_ucdp_rows_of_a_stored_dict(event):
    stored = {**event.to_dict(), "iso3": "SYR", "doc_ids": ["t"], "reports": 1}  # as the store gives it
    out = io.StringIO()
    writer = EventWriter(out, "jsonl", schema="ucdp")
    writer.write([stored])
    row = json.loads(out.getvalue())
    assert (row["id"], row["side_a"], row["side_b"], row["type_of_violence"], row["deaths_civilians"]) == (
        int(event.event_id_cnty[3:]), "Government of Syria", "Civilians", 3, 7)
    assert (row["source_date"], row["source_headline"], writer.count) == ("", "", 1)  # no document handed in


@pytest.mark.parametrize("fmt, schema, message", [
    ("table", "ucdp", "schema ucdp writes csv or jsonl rows, not a table: use --format csv or jsonl"),
    ("geojson", "ucdp", "schema ucdp writes csv or jsonl rows, not geojson: use --format csv or jsonl"),
    ("csv", "gdelt", "schema 'gdelt' is not one of acled, acled-text, ucdp"),
])
def test_export_a_schema_the_format_cannot_hold_is_an_option_error(fmt, schema, message):
    with pytest.raises(OptionError) as refused:
        EventWriter(io.StringIO(), fmt, schema=schema)
    assert (refused.value.option, str(refused.value)) == ("schema", message)


def test_export_a_row_stored_before_acleds_codes_is_written_with_them(event):
    """A store written before inter codes were 0 for no actor holds None: its rows are written as ACLED writes them
    (a blank inter2 stops acledR's acled_transform_interaction)."""
    old = {**event.to_dict(), "actor2": "", "inter2": None, "interaction": None}
    [row] = list(csv.DictReader(io.StringIO(written("csv", [old]))))
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "0", "10")
