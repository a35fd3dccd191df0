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
        "SYR_GOV": 1, "ISIL": 2, "PMF": 3, "RUSSIA": 1, "CIVILIANS": 7}
    # a state's forces are state forces at home and external forces abroad (ACLED inter 8)
    russia = registry.get("RUSSIA")
    assert (registry.inter(russia, "RU"), registry.inter(russia, "SY"), registry.inter(russia, "")) == (1, 8, 1)


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


# ------------------------------------------------------------ the whole world (issue 19)

def test_actors_registry_every_country_has_its_forces_by_its_adjective(registry):
    # the state forces of every country come from the country list and its demonyms, not from a curated row
    found = [(m.text, m.actor.id) for m in registry.find("Chadian soldiers, the Peruvian police and Nepalese troops.")]
    assert found == [("Chadian soldiers", "STATE:TD"), ("Peruvian police", "POLICE:PE"), ("Nepalese troops", "STATE:NP")]


def test_actors_registry_a_states_branches_are_its_forces(registry):
    found = [(m.text, m.actor.id) for m in registry.find("Malian ground forces and Peruvian marines advanced.")]
    assert found == [("Malian ground forces", "STATE:ML"), ("Peruvian marines", "STATE:PE")]


def test_actors_registry_polities_and_units_named_in_infoboxes(registry):
    # a de facto polity stands for its forces, as a country's name does; a unit of a state's forces is coded as them
    assert [m.actor.id for m in registry.find("Luhansk PR and Syrian Kurdistan", {"UA": 0.5, "SY": 0.5})] == [
        "NAF", "YPG"]
    [azov] = registry.find("the Azov Battalion held the plant", {"UA": 1.0})
    assert registry.coded(azov.actor, "UA", 2022)[0].id == "UKR_GOV"
    assert registry.find("the Sea of Azov", {"UA": 1.0}) == []


def test_actors_registry_kurdish_forces_in_syria_are_the_ypg_under_the_sdf_once_it_exists(registry):
    [m] = registry.find("Kurdish forces entered the town.", {"SY": 1.0})
    assert [registry.coded(m.actor, "SY", year)[0].id for year in (2013, 2017)] == ["YPG", "SDF"]


def test_actors_registry_state_forces_take_their_governments_years(registry):
    # government_periods.tsv: Chad's government changed in 2021 (Wikipedia: List of heads of state of Chad)
    chad = registry.get("STATE:TD")
    assert [registry.name(chad, "TD", year) for year in (2015, 2022)] == [
        "Military Forces of Chad (1990-2021)", "Military Forces of Chad (2021-)"]
    assert registry.name(registry.get("POLICE"), "TD", 2022) == "Police Forces of Chad (2021-)"
    # a name with "the", and a country the periods file does not know
    assert registry.name(registry.get("STATE"), "PH", None).startswith("Military Forces of the Philippines (")
    assert registry.name(registry.get("STATE"), "CH", 2020) == "Military Forces of Switzerland"


def test_actors_registry_generic_actors_of_every_country(registry):
    assert [registry.name(registry.get(g), "KE") for g in ("PROTESTERS", "RIOTERS", "UNIDENTIFIED", "GANG",
                                                           "CIVILIANS")] == [
        "Protesters (Kenya)", "Rioters (Kenya)", "Unidentified Armed Group (Kenya)", "Unidentified Gang (Kenya)",
        "Civilians (Kenya)"]
    # associated actors are coded under civilians, named beside them
    coded, students = registry.coded(registry.national(registry.get("STUDENTS"), "CL"))
    assert (registry.name(coded, "CL"), registry.name(students, "CL")) == ("Civilians (Chile)", "Students (Chile)")


@pytest.mark.parametrize("text, name", [
    ("The TNLA shelled the town.", "TNLA: Ta'ang National Liberation Army"),  # UCDP's PSLF, by its press name
    ("Al-Shabaab fighters stormed the base.", "Al Shabaab"),
    ("M23 rebels took the hill.", "M23: March 23 Movement"),
])
def test_actors_registry_ucdp_groups_by_their_press_names(registry, text, name):
    assert [m.actor.name for m in registry.find(text)][:1] == [name]


def test_actors_registry_a_word_for_several_actors_names_the_one_of_the_documents_country(registry):
    # "the coalition" is the US-led coalition in Syria, the Saudi-led one in Yemen; "rebels" in Syria are its
    # opposition, in Colombia no group of Syria's
    ids = lambda text, countries: [m.actor.id for m in registry.find(text, countries)]
    assert ids("The coalition struck the bridge.", {"SY": 1.0}) == ["COALITION"]
    assert ids("The coalition struck the bridge.", {"YE": 1.0}) == ["RESTORING_HOPE"]
    assert ids("The rebels attacked.", {"SY": 1.0}) == ["REBELS"]
    assert ids("The rebels attacked.", {"CO": 1.0}) == ["UNIDENTIFIED"]
    # a common phrase of one country's actor names it only in that country's documents
    assert ids("The military police arrived.", {"BR": 1.0}) == ["BRA_MILITARY_POLICE"]
    assert ids("The military police arrived.", {"SY": 1.0}) == []


def test_actors_registry_an_umbrella_codes_its_units_only_where_it_fights(registry):
    # U.S. forces are the Coalition's in Syria; in Somalia they are the United States' own
    usa = registry.get("USA")
    assert registry.coded(usa, "SY")[0].id == "COALITION"
    assert registry.coded(usa, "SO") == (usa, None)


def test_actors_registry_unknown_names_are_kept_as_told(registry):
    actor = registry.unknown("Zulu Brotherhood", 3)
    assert (actor.id, actor.name, actor.inter, registry.get(actor.id) is actor) == (
        "NAMED:Zulu Brotherhood", "Zulu Brotherhood", 3, True)


def test_actors_registry_a_user_adds_a_press_name_without_editing_the_package(tmp_path, monkeypatch):
    # one line in the overlay's actor_aliases.tsv names a UCDP group, or a country's own forces, by a new word
    (tmp_path / "actor_aliases.tsv").write_text("STATE:TD\t=ANT-Tchad\tuser's note\n", encoding="utf-8")
    monkeypatch.setenv("EVENTCODER_OVERLAY", str(tmp_path))
    assert [m.actor.id for m in ActorRegistry().find("The ANT-Tchad advanced.")] == ["STATE:TD"]
