"""taxonomy.py and data/acled_taxonomy.tsv: ACLED's event types, read once, and complete for the lexicons."""
import pytest

from eventcoder import taxonomy
from eventcoder.errors import DataFileError
from eventcoder.events.triggers import COLUMNS, CUE_COLUMNS, LEXICON_SUB_TYPES
from eventcoder.resources import read_table


def _trigger_types():
    return sorted({(row["event_type"], row["sub_event_type"])
                   for row in read_table("triggers.tsv", COLUMNS, required=6)})


def _cue_types():
    return sorted({t for row in read_table("type_cues.tsv", CUE_COLUMNS, required=6)
                   for t in (*row["refines"].split("|"), row["becomes"])})


@pytest.mark.parametrize("event_type, sub_event_type", _trigger_types())
def test_taxonomy_has_every_trigger_type(event_type, sub_event_type):
    if sub_event_type in LEXICON_SUB_TYPES:  # the lexicon's own ("territory"), typed by who takes the place
        assert LEXICON_SUB_TYPES[sub_event_type] == event_type
    else:
        assert taxonomy.SUB_EVENT_TYPES[sub_event_type] == event_type


@pytest.mark.parametrize("sub_event_type", _cue_types())
def test_taxonomy_has_every_cue_type(sub_event_type):
    assert sub_event_type in taxonomy.SUB_EVENT_TYPES


def test_taxonomy_event_types_in_acled_order_with_colours():
    assert list(taxonomy.TYPE_COLOURS.items()) == [
        ("Battles", "#D55E00"), ("Explosions/Remote violence", "#E69F00"), ("Violence against civilians", "#CC79A7"),
        ("Protests", "#009E73"), ("Riots", "#56B4E9"), ("Strategic developments", "#0072B2")]
    assert list(taxonomy.EVENT_TYPES) == list(taxonomy.TYPE_COLOURS) == list(taxonomy.DISORDER_TYPES)
    assert len(taxonomy.SUB_EVENT_TYPES) == 25


def test_taxonomy_disorder_and_demonstration_types():
    assert taxonomy.DISORDER_TYPES["Riots"] == "Political violence; Demonstrations"
    assert taxonomy.DISORDER_TYPES["Strategic developments"] == "Strategic developments"
    assert taxonomy.DEMONSTRATION_TYPES == ("Protests", "Riots")


def test_taxonomy_territory_changes():
    assert taxonomy.TERRITORY_KINDS == {"Government regains territory": "retaken",
                                        "Non-state actor overtakes territory": "captured",
                                        "Non-violent transfer of territory": "transferred"}
    assert taxonomy.TERRITORY_BY_FORCE == ("Government regains territory", "Non-state actor overtakes territory")
    assert taxonomy.TRANSFERRED_PEACEFULLY == "Non-violent transfer of territory"


def test_taxonomy_named_types_are_in_the_file():
    assert taxonomy.BATTLES in taxonomy.EVENT_TYPES
    for name in (taxonomy.ARMED_CLASH, taxonomy.ATTACK, taxonomy.ARRESTS, taxonomy.ABDUCTION):
        assert name in taxonomy.SUB_EVENT_TYPES


@pytest.mark.parametrize("row, message", [
    ("Battles\tTank duel\tPolitical violence\tconquered\t#D55E00", "territory 'conquered' is not one of"),
    ("Battles\tArmed clash\tPolitical violence\t\t#D55E00", "sub-event type 'Armed clash' is listed twice"),
    ("Battles\tTank duel\tDemonstrations\t\t#D55E00", "Battles: disorder type and colour differ"),
])
def test_taxonomy_a_bad_row_fails_naming_it(tmp_path, monkeypatch, row, message):
    (tmp_path / "acled_taxonomy.tsv").write_text(row + "\n", encoding="utf-8")
    monkeypatch.setenv("EVENTCODER_OVERLAY", str(tmp_path))
    with pytest.raises(DataFileError, match=message):
        taxonomy.read_taxonomy()
