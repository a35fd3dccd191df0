"""places/location.py: where an event happened, and its geo_precision."""
import pytest

from eventcoder.places import distance_km
from tests.coding import code


def test_places_location_one_event_per_place(coder):
    events = code(coder, "On 5 May 2016, ISIL captured Arak, al-Sukhnah and Tadmur from the Syrian Army.")
    assert [(e.location, e.sub_event_type, e.actor2) for e in events] == [
        ("Arak", "Non-state actor overtakes territory", "Military Forces of Syria (2000-2024)"),
        ("As Sukhnah", "Non-state actor overtakes territory", "Military Forces of Syria (2000-2024)"),
        ("Tadmur", "Non-state actor overtakes territory", "Military Forces of Syria (2000-2024)")]
    assert [e.control_change for e in events][0] == {"place": "Arak", "from": "Military Forces of Syria (2000-2024)",
                                                      "to": "Islamic State"}


def test_places_location_country_adjective_is_not_a_place(coder):
    from eventcoder import Document
    events = coder.code_one(Document("On 2 May 2017, Iraqi forces shelled Tal Afar.", id="t"))
    assert [e.location for e in events] == ["Tall ‘Afar"]


def test_places_location_unlisted_village_is_kept_under_its_own_name(coder):
    from eventcoder import Document
    [event] = coder.code_one(Document("On 3 March 2017, ISIL fighters captured the village of Umm Zubaydat, "
                                      "east of Palmyra.", id="t"))
    assert (event.location, event.geo_precision, event.admin1) == ("Umm Zubaydat", 2, "Homs")
    assert distance_km((event.latitude, event.longitude), (34.56, 38.28)) < 3  # placed at Palmyra


def test_places_location_relation_picks_the_namesake_near_the_reference(coder):
    from eventcoder import Document
    events = coder.code_one(Document("On 4 May 2016, rebels captured Ras al-Ayn, south of Aleppo, from the Syrian "
                                     "Army.", id="t"))
    assert [e.location for e in events][:1] and distance_km((events[0].latitude, events[0].longitude),
                                                            (35.80, 36.96)) < 5


@pytest.mark.parametrize("where, location, precision, rule", [
    ("Hajin", "Hajīn", 1, "PLACE_NAMED"),  # in the town itself
    ("positions near Hajin", "Hajīn", 2, "PLACE_NAMED"),  # near it: the town's point, a step less precise
    ("villages in the Deir ez-Zor countryside", "Deir ez-Zor", 3, "PLACE_AREA"),  # somewhere in a province
])
def test_places_location_near_a_town_is_precision_2(coder, where, location, precision, rule):
    [e] = code(coder, f"On 5 April 2017, the Syrian Army shelled {where}.")
    assert (e.location, e.admin1, e.geo_precision) == (location, "Deir-ez-Zor", precision)
    assert rule in e.rules
