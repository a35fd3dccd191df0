"""places/names.py: names folded across transliterations, and the generic words around a name."""
import pytest

from eventcoder.places import fold_name
from eventcoder.places.names import strip_generic


@pytest.mark.parametrize("a, b", [
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Deir ez-Zor", "Deir Ezzor"),
    ("al-Baghuz Fawqani", "Baghouz al-Fawqani"),
    ("Tadmur", "Tadmor"),
    ("Amiriyeh", "Amiriyah"),
    ("Tell Abyad", "Tal Abyad"),
    ("Ar-Raqqah", "Raqqa"),
    ("Amiria", "Amiriyeh"),
    ("Kobani", "Kobane"),
    ("Daraa", "Dar'a"),
])
def test_places_names_folds_transliterations_together(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize("a, b", [("Homs", "Hama"), ("Arak", "Iraq"), ("Daraa", "Douma"), ("Daraa", "Darayya"),
                                  ("al-Bahrah", "Basrah")])
def test_places_names_keeps_different_names_apart(a, b):
    assert fold_name(a) != fold_name(b)


@pytest.mark.parametrize("name, core, precision", [
    ("Hajin town", "Hajin", 1),
    ("the village of Jadleh", "Jadleh", 1),
    ("Raqqa province", "Raqqa", 3),
    ("the northern Deir ez-Zor countryside", "Deir ez-Zor", 3),
    ("Tabqa airbase", "Tabqa", 2),
    ("Madison County", "Madison", 3),
])
def test_places_names_strips_generic_words(name, core, precision):
    assert strip_generic(name) == (core, precision)
