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


# ------------------------------------------------------------ places of the whole world (issue 20)

def test_places_location_homonym_abroad_refused_for_the_documents_country(coder):
    from eventcoder import Document
    # Qana (Lebanon) folds to the key of Kano (Nigeria); Nis (Serbia) is also a name of no French town
    [qana] = coder.code_one(Document("On 3 June 2006, Israeli aircraft struck Qana in southern Lebanon.", id="t"))
    assert (qana.country, qana.location) == ("Lebanon", "Qâna")
    [nis] = coder.code_one(Document("On 9 May 2020, residents protested in Nis, Serbia, against the curfew.", id="t"))
    assert (nis.country, nis.location, nis.geo_precision) == ("Serbia", "Niš", 1)


def test_places_location_admin_area_of_another_continent_names_admin1_and_admin2(coder):
    from eventcoder import Document
    [event] = coder.code_one(Document("On 12 March 2023, M23 rebels attacked FARDC positions in Rutshuru "
                                      "Territory.", id="t"))
    assert (event.country, event.admin1, event.admin2, event.location, event.geo_precision) == (
        "Democratic Republic of Congo", "Nord Kivu", "Rutshuru", "Rutshuru", 3)
    assert event.region == "Middle Africa"


def test_places_location_unknown_village_is_placed_at_its_district_with_precision_2(coder):
    from eventcoder import Document
    # "Kabuyenge" is a village no gazetteer has; the brackets name its territory and province, ACLED's way
    [event] = coder.code_one(Document("On 4 May 2021, ADF militiamen attacked Kabuyenge village (Beni, "
                                      "Nord-Kivu).", id="t"))
    assert (event.location, event.country, event.admin1, event.admin2, event.geo_precision) == (
        "Kabuyenge", "Democratic Republic of Congo", "Nord Kivu", "Beni", 2)
    assert "PLACE_NAMED" in event.rules


def test_places_location_place_given_only_by_its_region_is_the_region_at_precision_3(coder):
    from eventcoder import Document
    [event] = coder.code_one(Document("On 2 February 2024, JNIM militants ambushed a Malian army convoy in the "
                                      "Kidal region.", id="t"))
    assert (event.country, event.location, event.admin1, event.geo_precision) == ("Mali", "Kidal", "Kidal", 3)


def test_places_location_areas_after_a_place_say_where_it_is_and_are_no_event_of_their_own(coder):
    from eventcoder import Document
    events = coder.code_one(Document("On 8 May 2020, 9 Taliban militants were killed when Afghan forces repulsed "
                                     "their attack in Maywand district, Kandahar.", id="t"))
    assert [(e.location, e.admin1, e.geo_precision) for e in events] == [("Maywand", "Kandahar", 3)]


def test_places_location_a_word_of_a_longer_name_is_no_place_abroad(coder):
    from eventcoder import Document
    # "Mine" is a town in Japan; here it ends the name of a Donbas colliery no gazetteer has
    events = coder.code_one(Document("On 6 May 2020, monitors recorded 12 explosions near the Karbonit Mine in "
                                     "Luhansk Oblast.", id="t"))
    assert [(e.country, e.admin1) for e in events] == [("Ukraine", "Luhansk")]


def test_places_location_a_word_of_a_persons_name_is_no_place(coder):
    from eventcoder import Document
    # Vladimir is a Russian city, and here the first name of a president
    events = coder.code_one(Document("On 8 October 2022, an explosion damaged the Kerch bridge, a day after the "
                                     "birthday of Russian President Vladimir Putin.", id="t"))
    assert [e.location for e in events] == ["Kerch"]


def test_places_location_province_after_a_comma_holds_the_place_before_it(coder):
    from eventcoder import Document
    # "Zoriane-Tretie" is a village written for this test: coded in Luhansk province, not at Luhansk city
    [event] = coder.code_one(Document("On 9 May 2020, rebels shelled army positions near Zoriane-Tretie, "
                                      "Luhansk.", id="t"))
    assert (event.location, event.country, event.admin1, event.geo_precision) == (
        "Zoriane-Tretie", "Ukraine", "Luhansk", 3)
    # a list of places is no place and its province
    events = coder.code_one(Document("On 3 March 2017, rebels shelled positions in Aleppo, Idlib and Hama.",
                                     id="t"))
    assert [e.admin1 for e in events] == ["Aleppo", "Idleb", "Hama"]


def test_places_location_district_after_a_comma_is_that_provinces_however_big_its_namesake(coder):
    from eventcoder import Document
    # Ahmedabad (India, six million people) does not take a district of Paktia, Afghanistan
    [event] = coder.code_one(Document("On 8 May 2020, five Taliban militants were killed in an army operation in "
                                      "Ahmadabad district, Paktia.", id="t"))
    assert (event.location, event.country, event.admin1, event.geo_precision) == (
        "Ahmadabad", "Afghanistan", "Paktia", 3)


def test_places_location_a_neighbourhood_is_coded_at_its_town_not_at_a_namesake(coder):
    from eventcoder import Document
    # Trindade is also a city of Goias, 900 km away; here a neighbourhood of Niteroi: one event, at Niteroi
    [event] = coder.code_one(Document("On 4 May 2020, in Niteroi, Rio de Janeiro, police raided a house in the "
                                      "Trindade neighbourhood, killing two men.", id="t"))
    assert (event.location, event.admin1, event.admin2, event.geo_precision) == (
        "Trindade", "Rio de Janeiro", "Niteroi", 2)
    assert distance_km((event.latitude, event.longitude), (-22.88, -43.10)) < 5
    # the part named first, its town after it
    [event] = coder.code_one(Document("On 6 May 2020, a man was shot dead in Colonia Loma Alta, in Ciudad "
                                      "Victoria, Tamaulipas.", id="t"))
    assert (event.location, event.admin1, event.geo_precision) == ("Loma Alta", "Tamaulipas", 2)


def test_places_location_a_place_named_only_as_a_point_of_reference_is_where_it_happened(coder):
    from eventcoder import Document
    [event] = coder.code_one(Document("On 1 May 2020, soldiers seized munitions in a house on the outskirts of "
                                      "Thala.", id="t"))
    assert (event.location, event.country, event.geo_precision) == ("Thala", "Tunisia", 2)
    assert "PLACE_NEAR_REFERENCE" in event.rules


def test_places_location_a_country_alone_is_coded_at_its_capital(coder):
    from eventcoder import Document
    [event] = coder.code_one(Document("On 9 May 2020, LNA forces shelled GNA positions in Libya.", id="t"))
    assert (event.location, event.country, event.geo_precision) == ("Libya", "Libya", 3)
    assert distance_km((event.latitude, event.longitude), (32.90, 13.18)) < 5  # Tripoli, as ACLED codes it


def test_places_location_village_anchored_at_the_town_its_bracket_names_first(coder):
    from eventcoder import Document
    # "Kourbala" is a village written for this test; Dori is a town and department of Seno province
    [event] = coder.code_one(Document("On 7 May 2020, militants killed five people in the area of Kourbala "
                                      "(Dori, Seno).", id="t"))
    assert (event.location, event.country, event.admin2, event.geo_precision) == (
        "Kourbala", "Burkina Faso", "Seno", 2)
    assert distance_km((event.latitude, event.longitude), (14.03, -0.03)) < 5  # at Dori


@pytest.mark.parametrize("text, location", [
    # "X in Y": the larger place of X's province after it is where X lies, no event of its own
    ("On 30 April 2020, regime forces shelled Sfuhen in Idleb.", "Sfuhen"),
    # "X city" is the town, not the district named after it
    ("On 3 May 2020, journalists held a rally in Jamshoro city (Jamshoro, Sindh).", "Jamshoro"),
])
def test_places_location_the_place_itself_before_its_province_or_district(coder, text, location):
    from eventcoder import Document
    [event] = coder.code_one(Document(text, id="t"))
    assert (event.location, event.geo_precision) == (location, 1)


def test_places_location_the_tail_of_an_unknown_name_is_no_place(coder):
    from eventcoder import Document
    # "Nagar" is a town of Rajasthan and the last word of "Kotwali Nagar", a quarter no gazetteer has; the
    # town after the comma is where the quarter lies, one event
    [event] = coder.code_one(Document("On 8 May 2020, two mobs clashed in Kotwali Nagar, Pratapgarh, over a "
                                      "property dispute.", id="t"))
    assert (event.location, event.country, event.geo_precision) == ("Kotwali Nagar", "India", 2)
    # "at" before a space is the English word: "Police" here is no town of Poland
    [event] = coder.code_one(Document("On 28 April 2020, protesters hurled rocks at Police forces in Zahle.",
                                      id="t"))
    assert (event.location, event.country) == ("Zahlé", "Lebanon")


def test_places_location_a_loose_spelling_is_no_place_outside_the_areas_the_text_names(coder):
    from eventcoder import Document
    # "Al Hawban" folds to the key of Habban, a town of Shabwah; the bracket puts it in Taizz
    [event] = coder.code_one(Document("On 28 April 2020, two factions clashed in Al Hawban area in the east of "
                                      "Taizz city (Sabir Al Mawadim, Taizz), killing two.", id="t"))
    assert (event.country, event.admin1) == ("Yemen", "Ta'izz")


def test_places_location_a_bracketed_district_picks_its_own_namesake(coder):
    from eventcoder import Document
    # GeoNames lists "Mora" among the names of Bilimora, a city of Navsari district; the bracket says Surat's
    [event] = coder.code_one(Document("On 9 May 2020, migrant workers clashed with police at Mora village (Surat, "
                                      "Gujarat).", id="t"))
    assert (event.location, event.admin1, event.admin2, event.geo_precision) == ("Mora", "Gujarat", "Surat", 1)


def test_places_location_a_district_in_its_province_is_the_district(coder):
    from eventcoder import Document
    # Ghazni is a city and the province; after "district in" it is the province that holds Jaghuri
    [event] = coder.code_one(Document("On 27 April 2020, dozens held a demonstration in Jaghuri district in "
                                      "Ghazni.", id="t"))
    assert (event.location, event.admin1, event.admin2, event.geo_precision) == ("Jaghuri", "Ghazni", "Jaghuri", 3)


@pytest.mark.parametrize("text, place", [
    # a name many of the country's places share takes the province the sentence goes on after: no Mexico City
    # borough, though that Benito Juarez is the largest
    ("On 2 May 2020, in Benito Juarez, Nuevo Leon, a man was shot dead by three armed men.",
     ("Benito Juarez", "Nuevo Leon", "", 3)),
    # a part, its municipality and its department, each after a comma: El Tambo of Cauca, not of Narino
    ("On 28 April 2020, in Los Cedros community, El Tambo municipality, Cauca department, soldiers clashed with "
     "FARC dissidents.", ("Los Cedros", "Cauca", "El Tambo", 2)),
    # must not: a city only one province has stays itself, whatever province the text puts after it
    ("On 1 May 2020, nurses protested in Mariupol, Zaporizhia, over unpaid wages.",
     ("Mariupol", "Donetsk", "Mariupolskyi", 1)),
])
def test_places_location_province_after_a_comma_in_a_sentence_that_goes_on(coder, text, place):
    from eventcoder import Document
    [event] = coder.code_one(Document(text, id="t"))
    assert (event.location, event.admin1, event.admin2, event.geo_precision) == place


def test_places_location_the_town_is_the_town_its_paragraph_is_about(coder):
    # "the town" refers back to the place its paragraph named, not to one named after it in the same sentence
    text = ("On 29 March 2014, ISIL stormed Markadah at dawn.\n"
            "By nightfall, ISIL had captured the town, while al-Nusra fell back towards Shaddadi.")
    taken = [e for e in code(coder, text) if e.control_change]
    assert [(e.location, e.control_change["to"]) for e in taken][0] == ("Markadah", "Islamic State")


def test_places_location_a_place_in_a_describing_clause_is_not_where_it_happened(coder):
    text = ("Fighting raged in Sadad in October 2013.\n"
            "On 21 October 2013, the rebels overran the town, which sits on the road between Homs and Damascus.")
    assert [e.location for e in code(coder, text)] == ["Şadad", "Şadad"]
    # a defining clause says where the event was: "the road that connects X to Y" is at X
    [e] = code(coder, "On 2 May 2020, on the road that connects Iguala to Huitzuco, Guerrero, a police officer "
                      "was attacked.")
    assert e.location == "Iguala de la Independencia"


def test_places_location_a_unit_named_after_a_town_is_not_the_town(coder):
    # "the Homs regiment" is a unit; the checkpoint was near Sarmin
    [e] = code(coder, "On 2 May 2020, gunmen attacked a checkpoint of the Homs regiment near Sarmin.")
    assert e.location == "Sarmin"


def test_places_location_the_town_of_who_reports_is_not_where_it_happened(coder):
    text = ("On 12 July 2012, fighting broke out in Tremseh.\n"
            "The local committees in Hama reported that the army entered Tremseh after a rebel withdrawal.")
    assert [e.location for e in code(coder, text)] == ["Tremseh"]  # not Hama, where the committees are
