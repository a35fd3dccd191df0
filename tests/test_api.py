import eventcoder


def test_api_exported_members():
    assert sorted(eventcoder.__all__) == sorted([
        "ACLED_COLUMNS", "DataFileError", "Document", "Event", "EventcoderError", "EventStore", "Evidence",
        "EXTRA_COLUMNS", "InputError", "InputWarning", "TimeExpression", "extract", "ingest", "iter_extract",
        "iter_timex", "read_documents"])
    for name in eventcoder.__all__:
        assert hasattr(eventcoder, name)


def test_api_event_keys_follow_the_contract(coder):
    [e] = eventcoder.extract(eventcoder.Document("On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.",
                                                 id="p", source="test"))
    assert list(e.to_dict()) == eventcoder.ACLED_COLUMNS + eventcoder.EXTRA_COLUMNS
    assert (e.disorder_type, e.year, e.source) == ("Political violence", 2017, "test")
