"""places/index.py: the gazetteer's SQLite index, its folded names, and the user's places beside it."""
import sqlite3

import pytest

from eventcoder.places.entry import GazetteerEntry
from eventcoder.places.index import PlaceIndex, build_index, open_user_places, write_places
from eventcoder.places.names import fold_name

TOWN = GazetteerEntry("Tall Test", "SY", "Homs", "", 34.5, 38.3, "town", 100, "test:1")
OTHER = GazetteerEntry("Khirbat Test", "IQ", "Ninawa", "", 36.3, 43.1, "village", 0, "test:2")


def test_places_index_finds_a_place_under_each_of_its_names(tmp_path):
    build_index(tmp_path / "index.sqlite", [(TOWN, ["Tall Test", "Tal Test"]), (OTHER, ["Khirbat Test"])],
                {"version": "test"})
    index = PlaceIndex(tmp_path / "index.sqlite")
    assert index.by_key(fold_name("Tal Test")) == index.by_key(fold_name("Tall Test")) == [TOWN]
    assert index.by_key(fold_name("Nowhere")) == []
    assert index.keys_in("IQ") == [fold_name("Khirbat Test")]
    assert (index.counts(), index.meta()) == ([("test", 2)], {"version": "test"})


def test_places_index_users_places_are_read_beside_the_packaged_ones(tmp_path):
    build_index(tmp_path / "index.sqlite", [(TOWN, ["Tall Test"])], {})
    mine = GazetteerEntry("Umm Test", "SY", "Homs", "", 34.6, 38.4, "village", 0, "import:mine.csv:2")
    with open_user_places(tmp_path / "places.sqlite") as conn:
        write_places(conn, [(mine, ["Umm Test"])])
    index = PlaceIndex(tmp_path / "index.sqlite", user_places=tmp_path / "places.sqlite")
    assert index.by_key(fold_name("Umm Test")) == [mine]
    assert index.keys_in("SY") == sorted([fold_name("Tall Test"), fold_name("Umm Test")])
    assert index.where("country = ?", ("SY",)) == [TOWN, mine]


def test_places_index_is_opened_read_only(tmp_path):
    build_index(tmp_path / "index.sqlite", [(TOWN, ["Tall Test"])], {})
    index = PlaceIndex(tmp_path / "index.sqlite")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        index.conn.execute("DELETE FROM place")
