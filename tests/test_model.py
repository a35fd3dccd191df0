"""model.py: the Event, its id and its output row."""
import re

from tests.coding import code


def test_model_event_ids_are_stable_and_shaped_as_acleds(coder):
    text = "On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL."
    assert [e.event_id_cnty for e in code(coder, text)] == [e.event_id_cnty for e in code(coder, text)]
    # ACLED's shape (ISO alpha-3, then digits: "SYR1786"), with twelve digits where ACLED's have at most seven
    assert re.fullmatch(r"SYR[1-9]\d{11}", code(coder, text)[0].event_id_cnty)


def test_model_an_event_of_one_actor_writes_0_for_the_missing_one(coder):
    [event] = code(coder, "On 4 May 2021, hundreds of teachers protested in Nairobi over unpaid salaries.")
    row = event.to_dict()
    assert (row["actor1"], row["actor2"]) == ("Protesters (Kenya)", "")
    assert (row["inter1"], row["inter2"], row["interaction"]) == (6, 0, 60)
