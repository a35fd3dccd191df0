"""ucdp.py: events coded by the real pipeline from sentences written for these tests, as UCDP GED's rows; and the
CLI's --schema."""
import csv
import io
import json
from pathlib import Path

import pytest

from eventcoder.cli import main
from eventcoder.export import EventWriter
from eventcoder.model import DATE_FROM_NARRATIVE
from eventcoder.ucdp import FALLBACK_RULES, GED_COLUMNS, NO_DEATH, NOT_ORGANISED, ONE_SIDE_ONLY, GedRows
from tests.coding import code

GED_FILE = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "ucdp" / "ged_syria_2016_2019.csv"

ATTACK_ON_THE_ARMY = ("On 14 August 2017, Islamic State militants attacked Syrian army positions near Palmyra; "
                      "6 soldiers and 9 militants were killed, according to SOHR.")
EXECUTIONS = "On 3 May 2018, IS gunmen executed 6 civilians in the village of Hajin."
SHELLING = "Turkish troops shelled YPG positions in Afrin district on 20 January 2018, killing 5 fighters."
TWO_TOLLS = ("On 9 October 2016, rebel groups clashed with IS fighters in Akhtarin. SOHR said 8 fighters were "
             "killed, while the rebels said 14 IS fighters died.")
MONTH_OF_STRIKES = "In March 2017, Syrian government airstrikes on Saraqib killed 12 civilians."
PROTEST = "On 2 June 2016 hundreds of people protested in Idlib against the government."
DEATHS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


@pytest.fixture(scope="module")
def ged(registry, gazetteer):
    return GedRows(registry=registry, gazetteer=gazetteer)


def ged_row(coder, ged, text: str) -> dict:
    [event] = code(coder, text)
    row = ged.row(event)
    assert row is not None, ged.left_out(event)
    assert list(row) == GED_COLUMNS
    assert sum(row[k] for k in DEATHS) == row["best"]  # GED's deaths by side add up to its best estimate
    return row


def test_ucdp_state_based_names_the_state_first(coder, ged):
    row = ged_row(coder, ged, ATTACK_ON_THE_ARMY)  # the Islamic State attacked: ACLED's actor1, GED's side_b
    assert (row["type_of_violence"], row["side_a"], row["side_b"], row["dyad_name"], row["conflict_name"]) == (
        1, "Government of Syria", "IS", "Government of Syria - IS", "")
    assert (row["where_prec"], row["where_coordinates"], row["adm_1"], row["adm_2"], row["geom_wkt"]) == (
        2, "Tadmur town", "Homs", "Tadmur", "POINT (38.284 34.5624)")
    assert (row["priogrid_gid"], row["region"], row["date_prec"], row["event_clarity"]) == (
        179717, "Middle East", 1, 1)
    # the dead are soldiers and militants, with no words saying how many of each side's
    assert [row[k] for k in DEATHS + ("low", "best", "high")] == [0, 0, 0, 15, 15, 15, 15]
    assert (row["number_of_sources"], row["source_original"], row["side_a_new_id"], row["country_id"]) == (
        1, "SOHR", None, None)


def test_ucdp_one_sided_violence_counts_its_dead_as_civilians(coder, ged):
    row = ged_row(coder, ged, EXECUTIONS)
    assert (row["type_of_violence"], row["side_a"], row["side_b"], row["conflict_name"]) == (
        3, "IS", "Civilians", "IS - Civilians")
    assert [row[k] for k in DEATHS + ("best",)] == [0, 0, 6, 0, 6]
    # GED's own rows at Hajin town are in the same PRIO-GRID cell
    assert (row["where_prec"], row["where_coordinates"], row["priogrid_gid"]) == (1, "Hajīn town", 179722)


def test_ucdp_a_strike_from_afar_kills_the_side_struck(coder, ged):
    row = ged_row(coder, ged, SHELLING)  # Turkey's forces abroad (inter 8) are its government's side
    assert (row["type_of_violence"], row["side_a"], row["side_b"]) == (1, "Government of Turkey", "SDF")
    assert [row[k] for k in DEATHS + ("best",)] == [0, 5, 0, 0, 5]
    assert (row["where_prec"], row["where_coordinates"], row["adm_2"]) == (3, "Afrin", "Afrin")


def test_ucdp_non_state_violence_keeps_every_source_and_the_range(coder, ged):
    row = ged_row(coder, ged, TWO_TOLLS)
    assert (row["type_of_violence"], row["side_a"], row["side_b"], row["conflict_name"]) == (
        2, "Syrian insurgents", "IS", "Syrian insurgents - IS")
    assert (row["low"], row["best"], row["high"], row["deaths_unknown"]) == (8, 8, 14, 8)
    assert (row["number_of_sources"], row["source_original"]) == (2, "SOHR, Opposition Rebels (Syria)")


def test_ucdp_a_month_is_date_prec_4(coder, ged):
    row = ged_row(coder, ged, MONTH_OF_STRIKES)
    assert (row["type_of_violence"], row["side_a"], row["side_b"]) == (3, "Government of Syria", "Civilians")
    assert (row["date_start"], row["date_end"], row["date_prec"], row["deaths_civilians"]) == (
        "2017-03-01", "2017-03-31", 4, 12)


def test_ucdp_a_protest_has_no_row(coder, ged):
    [event] = code(coder, PROTEST)
    assert (ged.row(event), ged.left_out(event)) == (None, NOT_ORGANISED)
    out = io.StringIO()
    writer = EventWriter(out, "csv", schema="ucdp", ged=ged)
    writer.write([event] + code(coder, EXECUTIONS))
    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert (header, len(rows), writer.count, dict(writer.left_out)) == (GED_COLUMNS, 1, 1, {NOT_ORGANISED: 1})


@pytest.mark.parametrize("change, why", [
    ({"actor2": "", "inter2": 0}, ONE_SIDE_ONLY),  # GED's events are between two sides
    ({"fatalities": 0, "fatalities_low": None, "fatalities_high": None, "claims": []}, NO_DEATH),
    ({"actor2": "Rioters (Syria)", "inter2": 5}, NOT_ORGANISED),
])
def test_ucdp_events_ged_does_not_count(coder, ged, change, why):
    [event] = code(coder, ATTACK_ON_THE_ARMY)
    assert ged.left_out({**event.to_dict(), **change}) == why


def test_ucdp_the_document_gives_the_article(coder, ged):
    from eventcoder import Document
    [event] = code(coder, EXECUTIONS)
    row = ged.row(event, Document(EXECUTIONS, id="t", title="Executions in Hajin", source="Wire", date="2018-05-04"))
    assert (row["source_date"], row["source_headline"], row["source_article"]) == (
        "2018-05-04", "Executions in Hajin", '"t,2018-05-04,Executions in Hajin"')


def test_ucdp_fallback_rules_are_the_coders():
    from eventcoder.places.location import HOW_RULES
    assert FALLBACK_RULES <= set(HOW_RULES.values()) | {DATE_FROM_NARRATIVE}


@pytest.mark.skipif(not GED_FILE.exists(), reason="UCDP GED is in the shared folder beside the repository")
def test_ucdp_csv_header_is_the_ged_files(coder, ged):
    with open(GED_FILE, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    out = io.StringIO()
    EventWriter(out, "csv", schema="ucdp", ged=ged).write(code(coder, EXECUTIONS))
    assert next(csv.reader(io.StringIO(out.getvalue()))) == header == GED_COLUMNS


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_ucdp_cli_geojson_is_a_usage_error(tmp_path, capsys, coder):
    (tmp_path / "r.txt").write_text(EXECUTIONS, encoding="utf-8")
    assert run(capsys, "extract", str(tmp_path / "r.txt"), "--schema", "ucdp", "--format", "geojson") == (
        2, "", "eventcoder: usage error: extract: --schema ucdp writes csv or jsonl rows, not geojson: use --format "
               "csv or jsonl\n")


def test_ucdp_cli_says_what_it_left_out(tmp_path, capsys, coder):
    (tmp_path / "r.txt").write_text(EXECUTIONS + "\n\n" + PROTEST + "\n", encoding="utf-8")
    status, out, err = run(capsys, "extract", str(tmp_path / "r.txt"), "--schema", "ucdp", "--format", "jsonl")
    assert (status, [json.loads(line)["side_b"] for line in out.splitlines()]) == (0, ["Civilians"])
    assert err.splitlines()[-1] == "eventcoder: 1 event is not organised violence and has no GED row"
    _, _, err = run(capsys, "extract", str(tmp_path / "r.txt"), "--schema", "ucdp", "--format", "jsonl", "-q")
    assert err == ""


def test_ucdp_cli_acled_text_writes_the_api_labels(tmp_path, capsys, coder):
    (tmp_path / "r.txt").write_text(ATTACK_ON_THE_ARMY, encoding="utf-8")
    status, out, _ = run(capsys, "extract", str(tmp_path / "r.txt"), "--schema", "acled-text", "--format", "csv")
    [row] = csv.DictReader(io.StringIO(out))
    assert (status, row["inter1"], row["inter2"], row["interaction"]) == (
        0, "Rebel group", "State forces", "State forces-Rebel group")
