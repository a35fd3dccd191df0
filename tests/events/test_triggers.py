"""events/triggers.py and lang/en/triggers.tsv, type_cues.tsv: the trigger lexicon, one row a case."""
import pytest

from eventcoder import Document
from eventcoder.events.triggers import COLUMNS
from eventcoder.resources import read_table


TRIGGERS = list(read_table("triggers.tsv", COLUMNS, required=6))
NEGATIVES = [row for row in TRIGGERS if row.get("negative")]


@pytest.mark.parametrize("row", TRIGGERS, ids=[row["id"] for row in TRIGGERS])
def test_events_triggers_every_trigger_example_fires(coder, row):
    sent = next(iter(coder.nlp(row["example"]).sents))
    assert row["id"] in [m.rule.id for m in coder.lexicon.match(sent)], (
        f"triggers.tsv:{row.line}: {row['id']} does not fire on its example")


@pytest.mark.parametrize("row", NEGATIVES, ids=[row["id"] for row in NEGATIVES])
def test_events_triggers_no_trigger_negative_codes_an_event(coder, row):
    events = coder.code_one(Document(row["negative"] + " It happened in Aleppo on 4 May 2017.", id="n"))
    assert row["id"] not in [r for e in events for r in e.rules], (
        f"triggers.tsv:{row.line}: {row['id']} coded an event from its negative example")


def test_events_triggers_malformed_cue_fails_naming_file_and_line(monkeypatch):
    from eventcoder import DataFileError, resources
    from eventcoder.events.triggers import TriggerLexicon
    real = resources.read_text
    monkeypatch.setattr(resources, "read_text", lambda name: "# header\nC_X\tmortar\tArmed clash\tBombardment\t10\t"
                        "context\tA mortar.\n" if name == "type_cues.tsv" else real(name))
    with pytest.raises(DataFileError, match=r"type_cues.tsv:2: cue C_X: 'Bombardment' is not an ACLED sub-event type"):
        TriggerLexicon()


def test_events_triggers_a_date_is_no_trigger(classifier):
    # "March" the month is no march; "march" the verb is
    doc = classifier.nlp("Talks resumed in the capital on March 7. Thousands march in the capital.")
    assert [(m.rule.id, m.text) for m in classifier.lexicon.match(doc[:])] == [("T_MARCH", "march")]
