"""places/sources.py and the place files of data/: every row well formed, the UCDP places reproducible."""
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
    out = tmp_path / "places_ucdp.tsv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_ucdp_places.py"), str(UCDP), "-o", str(out)],
                   check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == (ROOT / "src" / "eventcoder" / "data" / "places_ucdp.tsv").read_text(
        encoding="utf-8")
