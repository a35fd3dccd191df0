"""model.py: the Event and its id."""
from tests.coding import code


def test_model_event_ids_are_stable(coder):
    text = "On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL."
    assert [e.event_id_cnty for e in code(coder, text)] == [e.event_id_cnty for e in code(coder, text)]
    assert code(coder, text)[0].event_id_cnty.startswith("SYR-")
