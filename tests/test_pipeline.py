"""pipeline.py and the package's face (eventcoder.__all__): the Coder, its options, the library's functions."""
import os
import subprocess
import sys

import pytest

import eventcoder
from eventcoder import Coder, CodingOptions, Document, OptionError, extract
from eventcoder.engines import Engine
from eventcoder.export import EventWriter
from eventcoder.store import EventStore

# the mode decides the year of "3 May": the document's (news) or the one the text last gave (narrative)
YEARLESS = Document("In 2014 the war began. On 3 May, ISIL fighters captured Hajin.", id="y", date="2016-12-20")


def test_pipeline_exported_members():
    assert sorted(eventcoder.__all__) == sorted([
        "ACLED_COLUMNS", "Coder", "CodingOptions", "DataFileError", "Document", "Event", "EventcoderError",
        "EventStore", "Evidence", "EXTRA_COLUMNS", "InputError", "InputWarning", "OptionError", "StoreError",
        "TimeExpression", "default_coder", "extract", "geocode", "ingest", "iter_classify", "iter_extract",
        "iter_timex", "read_documents", "to_dataframe", "to_records"])
    for name in eventcoder.__all__:
        assert hasattr(eventcoder, name)


def test_pipeline_event_keys_follow_the_contract(coder):
    [e] = eventcoder.extract(eventcoder.Document("On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.",
                                                 id="p", source="test"))
    assert list(e.to_dict()) == eventcoder.ACLED_COLUMNS + eventcoder.EXTRA_COLUMNS
    assert (e.disorder_type, e.year, e.source) == ("Political violence", 2017, "test")


def test_pipeline_events_carry_the_time_of_their_run(coder, monkeypatch):
    """ACLED's timestamp: the time the run coded, one for all its events; SOURCE_DATE_EPOCH fixes it."""
    import time
    from tests.conftest import CODING_TIME
    docs = [Document("On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.", id="a"),
            Document("On 3 March 2017, ISIL fighters attacked Hajin.", id="b")]
    assert {e.timestamp for e in eventcoder.extract(docs)} == {CODING_TIME}
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = int(time.time())
    stamps = {e.timestamp for e in eventcoder.extract(docs)}
    assert len(stamps) == 1 and before <= stamps.pop() <= int(time.time())


@pytest.mark.parametrize("time_mode, date", [(None, "2016-05-03"), ("news", "2016-05-03"),
                                             ("narrative", "2014-05-03")])
def test_pipeline_extract_passes_time_mode_on(coder, time_mode, date):
    assert [e.event_date for e in eventcoder.extract(YEARLESS, time_mode=time_mode)] == [date]


def test_pipeline_coder_carries_its_options_to_every_operation(coder):
    narrative = Coder(time_mode="narrative")
    assert [e.event_date for e in narrative.extract(YEARLESS)] == ["2014-05-03"]
    [(_, mode, found)] = narrative.iter_timex([YEARLESS])
    assert (mode, [t.value for t in found]) == ("narrative", ["2014", "2014-05-03"])
    [coded] = narrative.iter_code([YEARLESS], engine=Engine())
    assert [e.event_date for e in coded.events] == ["2014-05-03"]
    [coded] = narrative.code(YEARLESS)
    assert (coded.document, [e.event_date for e in coded.events]) == (YEARLESS, ["2014-05-03"])


def test_pipeline_coder_variants_share_what_is_built():
    base = Coder()
    strict = base.with_options(min_confidence=0.9)
    assert strict.options == CodingOptions(min_confidence=0.9)
    assert base.with_options(min_confidence=0.9) is strict and base.with_options() is base
    assert strict.gazetteer is base.gazetteer and strict.registry is base.registry


def test_pipeline_default_min_confidence_is_the_coders():
    from eventcoder.events.coder import DEFAULT_MIN_CONFIDENCE
    assert CodingOptions().min_confidence == eventcoder.events.DEFAULT_MIN_CONFIDENCE == DEFAULT_MIN_CONFIDENCE


@pytest.mark.parametrize("settings, message", [
    ({"min_confidence": 1.5}, "min_confidence must be between 0 and 1"),
    ({"min_confidence": -0.1}, "min_confidence must be between 0 and 1"),
    ({"time_mode": "weekly"}, "time_mode must be one of news, narrative"),
    ({"jobs": 0}, "jobs must be at least 1"),
    ({"batch_size": 0}, "batch_size must be at least 1"),
    ({"speed": 3}, "speed is not an option; the options are min_confidence, time_mode, parse_all, jobs, batch_size"),
])
def test_pipeline_coder_checks_its_options(settings, message):
    with pytest.raises(OptionError) as error:
        Coder(**settings)
    assert str(error.value) == message
    assert isinstance(error.value, ValueError) and isinstance(error.value, eventcoder.EventcoderError)


@pytest.mark.parametrize("call", [
    lambda: eventcoder.extract("text", min_confidence=2),
    lambda: eventcoder.iter_timex(["text"], time_mode="weekly"),
    lambda: eventcoder.ingest(["text"], "x.db", batch_size=0),
    lambda: eventcoder.geocode(["Hajin"], near=(95.0, 40.0)),
    lambda: eventcoder.geocode(["Hajin"], country="XX"),
    lambda: EventWriter(None, "xml"),
])
def test_pipeline_functions_check_their_arguments_before_any_work(call):
    with pytest.raises(OptionError):
        call()


def test_pipeline_store_checks_its_arguments(tmp_path):
    with EventStore(tmp_path / "s.db") as store:
        with pytest.raises(OptionError, match="by must be one of month, week, actor, type, admin1"):
            store.stats("year")
        with pytest.raises(OptionError, match="'June' is not a date"):
            store.events(date_from="June")
    with pytest.raises(eventcoder.StoreError):
        EventStore(tmp_path / "missing.db", create=False)


OVERLAY_TRIGGER = ("T_BULLDOZE\tbulldoze\tStrategic developments\tLooting/property destruction\t45\t"
                   "Soldiers bulldozed houses in the village.\n")
CODE_ONE = """
import eventcoder
events = eventcoder.Coder().extract("On 3 May 2016, ISIL fighters bulldozed houses in Hajin.")
print([(e.event_date, e.sub_event_type, e.actor1, e.location, e.trigger) for e in events])
"""


@pytest.mark.slow
def test_pipeline_an_overlay_trigger_makes_an_event_the_packaged_data_does_not(tmp_path):
    """A user's overlay file named like a packaged one adds its rows ($EVENTCODER_OVERLAY, read once a process:
    hence a process each)."""
    (tmp_path / "overlay").mkdir()
    (tmp_path / "overlay" / "triggers.tsv").write_text(OVERLAY_TRIGGER, encoding="utf-8")
    found = []
    for overlay in (tmp_path / "empty", tmp_path / "overlay"):
        env = {**os.environ, "EVENTCODER_OVERLAY": str(overlay)}
        result = subprocess.run([sys.executable, "-c", CODE_ONE], env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        found.append(result.stdout.strip())
    assert found == ["[]", "[('2016-05-03', 'Looting/property destruction', 'Islamic State', 'Hajīn', 'bulldozed')]"]


def test_pipeline_extract_accepts_strings():
    [e] = extract("On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.")
    assert e.doc_id == "doc-1"
