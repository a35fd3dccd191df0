"""The world actor data files: actors_ucdp.tsv regenerates exactly from UCDP's files, and the five actor files agree
with each other (scripts/check_actor_data.py)."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UCDP = ROOT.parent / "shared" / "data"
DATA = ROOT / "src" / "eventcoder" / "data"


def _script(name: str):
    """A script of scripts/ as a module (registered, as its dataclasses need)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


@pytest.mark.slow
@pytest.mark.skipif(not (UCDP / "ucdp_actor_v22_1.tsv").exists(),
                    reason="UCDP's actor lists are in the shared folder beside the repository")
def test_actor_data_ucdp_actors_are_regenerated_exactly(tmp_path):
    out = tmp_path / "actors_ucdp.tsv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_ucdp_actors.py"), str(UCDP), "-o", str(out)],
                   check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == (DATA / "actors_ucdp.tsv").read_text(encoding="utf-8")


def test_actor_data_files_agree(capsys):
    assert _script("check_actor_data").main(["check_actor_data.py"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("alias, kept", [
    ("ADF", "=ADF"),  # an acronym matches only in capitals
    ("Fano", None),  # a town in Italy
    ("Government", None), ("Military faction", None), ("Rebels", None),
    ("Lebanese Forces", None),  # a demonym and a generic word
    ("Armed Islamic Group", "=Armed Islamic Group"),  # a name as written, a description in lower case
    ("The Family", None),  # UCDP's rendering of "La Familia"
    ("Cobras", "=Cobras"),  # an English word: only as written
    ("Estados Unidos", None),  # a country in Spanish
    ("HaY", "=HaY"),
    ("16th Division", None), ("Brigade 48", None),  # a unit of any army
    ("Kachin Independence Organization", "Kachin Independence Organization"),
])
def test_actor_data_ucdp_alias_safety_rules(alias, kept):
    build = _script("build_ucdp_actors")
    build.PLACES.update({"fano"})
    build.ENGLISH.update({"cobra"})
    assert build.safe(alias, Counter()) == kept


@pytest.mark.parametrize("ucdp, name", [
    ("Dinka", "Dinka Ethnic Militia ({country})"),
    ("Marehan subclan (Darod)", "Marehan Clan Militia (Somalia)"),
])
def test_actor_data_identity_groups_are_named_acled_style_and_never_by_the_bare_name(ucdp, name):
    build = _script("build_ucdp_actors")
    countries = ["SD", "SS"] if ucdp == "Dinka" else ["SO"]
    c = build.Candidate("UCDP_0", ucdp, 3, ucdp, countries, [ucdp])
    assert build.display_name(c) == name
    aliases = build.raw_aliases(c, Counter())
    assert ucdp not in aliases and all(a.split()[-1] in ("militia", "militias", "militiamen", "gunmen", "fighters")
                                       for a in aliases)
