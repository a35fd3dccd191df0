"""places/spotter.py: the words around a place name that make it a reference, a container or a generic place."""
import pytest


@pytest.mark.parametrize("before, reference", [
    ("10 km north of ", True),
    ("on the outskirts of the ", True),
    ("shells fired from ", True),
    ("shells fired from the ", False),  # "from the" is a reference only after a direction or a distance
    ("the army captured ", False),
])
def test_places_spotter_reference_cue_ends_right_before_the_name(before, reference):
    from eventcoder.places.spotter import REFERENCE_CUE
    assert bool(REFERENCE_CUE.search(before)) == reference


@pytest.mark.parametrize("before, container", [
    ("the Industrial districts of ", True),
    ("the countryside of the ", True),
    ("the border between ", True),
    ("the districts of ", False),  # a container cue needs the named part before it
])
def test_places_spotter_container_cue_names_the_whole(before, container):
    from eventcoder.places.spotter import CONTAINER_CUE
    assert bool(CONTAINER_CUE.search(before)) == container


def test_places_spotter_generic_references_are_the_place_nouns_after_the():
    from eventcoder.places.spotter import PlaceSpotter
    found = PlaceSpotter(None).generic_references("ISIL withdrew from the city to the Air Base.")
    assert found == [(19, 27, "city"), (31, 43, "air base")]
