"""actors/registry.py and data/actors.tsv: actors found by their aliases, coded under their umbrella."""
import pytest

from eventcoder.actors import ActorRegistry


@pytest.mark.parametrize("text, ids", [
    ("The SAA and Daesh fought near the road.", ["SYR_GOV", "ISIL"]),
    ("ISIS-held villages fell to the Syrian Democratic Forces.", ["ISIL", "SDF"]),
    ("The Deir ez-Zor Military Council advanced.", ["DMC"]),
    ("The Army recaptured the hill.", ["STATE"]),
    ("This is IS territory; this is not.", ["ISIL"]),
    ("The Popular Mobilization Forces crossed the border.", ["PMF"]),
    ("The PKK and the Turkistan Islamic Party were not at the talks.", ["PKK", "TIP"]),
    # a longer name wins over the one inside it: Kata'ib Hezbollah is an Iraqi militia, not Lebanon's Hezbollah
    ("Kata'ib Hezbollah fighters and Hezbollah units met.", ["KATAIB_HEZBOLLAH", "HEZBOLLAH"]),
    # al-Qaeda's Iraqi branch, and ISIL by its full name, each apart from what their names contain
    ("Al-Qaeda in Iraq became the Islamic State of Iraq and the Levant.", ["AQI", "ISIL"]),
])
def test_actors_registry_finds_aliases(registry, text, ids):
    assert [m.actor.id for m in registry.find(text)] == ids


def test_actors_registry_longest_alias_wins(registry):
    [m] = registry.find("U.S.-led coalition aircraft struck.")
    assert (m.text, m.actor.id) == ("U.S.-led coalition", "COALITION")


def test_actors_registry_units_are_coded_under_their_parent(registry):
    coded, assoc = registry.coded(registry.get("TIGER"))
    assert (coded.name, assoc.name) == ("Military Forces of Syria", "Tiger Forces")


def test_actors_registry_militias_are_coded_under_their_umbrella(registry):
    # the PMF's militias and the SDF's councils are coded as the PMF and the SDF, named as associated actors
    assert [(registry.coded(registry.get(a))[0].id, registry.coded(registry.get(a))[1].name)
            for a in ("KATAIB_HEZBOLLAH", "MMC")] == [("PMF", "Kataib Hezbollah"), ("SDF", "Manbij Military Council")]


def test_actors_registry_inter_codes(registry):
    assert {a: registry.get(a).inter for a in ("SYR_GOV", "ISIL", "PMF", "RUSSIA", "CIVILIANS")} == {
        "SYR_GOV": 1, "ISIL": 2, "PMF": 3, "RUSSIA": 8, "CIVILIANS": 7}


def test_actors_registry_country_placeholder(registry):
    assert registry.get("CIVILIANS").display("Syria") == "Civilians (Syria)"
    assert registry.get("CIVILIANS").display("") == "Civilians"


def test_actors_registry_malformed_registry_fails_naming_file_and_line(monkeypatch):
    from eventcoder import resources
    from eventcoder.errors import DataFileError
    real = resources.read_text
    monkeypatch.setattr(resources, "read_text",
                        lambda name: "# header\nX\tSome Group\tnine\n" if name == "actors.tsv" else real(name))
    with pytest.raises(DataFileError, match=r"actors.tsv:2: actor X: inter and years must be numbers"):
        ActorRegistry()


def test_actors_registry_an_inter_code_outside_acleds_fails(tmp_path, monkeypatch):
    from eventcoder.errors import DataFileError
    (tmp_path / "actors.tsv").write_text("X_GROUP\tSome Group\t9\n", encoding="utf-8")
    monkeypatch.setenv("EVENTCODER_OVERLAY", str(tmp_path))
    with pytest.raises(DataFileError, match=r"actor X_GROUP: inter 9 is not an ACLED code \(1-8\)"):
        ActorRegistry()


def test_actors_registry_civilians_report_no_toll(registry):
    names = {name for _alias, name in registry.source_aliases()}
    assert "Islamic State" in names and not any(name.startswith("Civilians") for name in names)
