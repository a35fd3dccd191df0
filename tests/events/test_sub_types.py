"""Every one of ACLED's 25 sub-event types, coded by `extract` from a sentence written for it, and the rules that
keep one report one event, on sentences written for the tests (places and actors of many countries: no country is
special)."""
import pytest

from eventcoder.taxonomy import SUB_EVENT_TYPES
from tests.coding import code

# (sentence, sub-event type, location): one sentence for each sub-type, by the ACLED codebook's definition
EVERY_SUB_TYPE = [
    ("On 3 March 2021, soldiers clashed with rebels near Beni in North Kivu.", "Armed clash", "Beni"),
    ("On 4 March 2021, the army recaptured the town of Gao from the militants.", "Government regains territory",
     "Gao"),
    ("On 5 March 2021, al-Shabaab fighters captured the town of Bulo Burto from government troops.",
     "Non-state actor overtakes territory", "Buulobarde"),
    ("On 6 March 2021, government helicopters dropped chlorine gas on the town of Douma.", "Chemical weapon", "Dūmā"),
    ("On 7 March 2021, an airstrike hit a market in Kandahar.", "Air/drone strike", "Kandahār"),
    ("On 8 March 2021, a suicide bomber blew himself up at a checkpoint in Mogadishu.", "Suicide bomb", "Mogadishu"),
    ("On 9 March 2021, rebels shelled the town of Kadugli with mortars.", "Shelling/artillery/missile attack",
     "Kadugli"),
    ("On 10 March 2021, a roadside bomb exploded near a police car in Peshawar.", "Remote explosive/landmine/IED",
     "Peshawar"),
    ("On 11 March 2021, a man threw a hand grenade into a bar in Bujumbura.", "Grenade", "Bujumbura"),
    ("On 12 March 2021, soldiers raped two women in the village of Kindu.", "Sexual violence", "Kindu"),
    ("On 13 March 2021, gunmen shot dead a farmer in Maiduguri.", "Attack", "Maiduguri"),
    ("On 14 March 2021, armed men kidnapped a priest in Kaduna.", "Abduction/forced disappearance", "Kaduna"),
    ("On 15 March 2021, teachers protested in Lima against low pay.", "Peaceful protest", "Lima"),
    ("On 16 March 2021, students protested in Dhaka and police dispersed them with tear gas.",
     "Protest with intervention", "Dhaka"),
    ("On 17 March 2021, police shot dead two protesters at a demonstration in Mandalay.",
     "Excessive force against protesters", "Mandalay"),
    ("On 18 March 2021, protesters threw stones at the police and set tyres ablaze in Khartoum.",
     "Violent demonstration", "Khartoum"),
    ("On 19 March 2021, a mob lynched a suspected thief in Kisumu.", "Mob violence", "Kisumu"),
    ("On 20 March 2021, the two militias signed a peace agreement in Juba.", "Agreement", "Juba"),
    ("On 21 March 2021, police arrested an opposition leader in Harare.", "Arrests", "Harare"),
    ("On 22 March 2021, the rebel commander and his men defected to the army in Bunia.", "Change to group/activity",
     "Bunia"),
    ("On 23 March 2021, police defused a bomb found near the market in Quetta.", "Disrupted weapons use", "Quetta"),
    ("On 24 March 2021, the army established a new military base in Tillaberi.", "Headquarters or base established",
     "Tillabéri"),
    ("On 25 March 2021, militiamen looted shops in Bangassou.", "Looting/property destruction", "Bangassou"),
    ("On 26 March 2021, the rebels withdrew from Kidal and handed the town over to the army without a fight.",
     "Non-violent transfer of territory", "Kidal"),
    ("On 27 March 2021, border guards fired warning shots near Nogales.", "Other", "Nogales"),
]


def test_events_sub_types_the_list_covers_every_acled_sub_type():
    assert sorted(sub for _, sub, _ in EVERY_SUB_TYPE) == sorted(SUB_EVENT_TYPES)


@pytest.mark.parametrize("text, sub_event_type, location", EVERY_SUB_TYPE, ids=[s for _, s, _ in EVERY_SUB_TYPE])
def test_events_sub_types_extract_codes_each_sub_type(coder, text, sub_event_type, location):
    [e] = code(coder, text)
    assert (e.event_type, e.sub_event_type, e.location) == (SUB_EVENT_TYPES[sub_event_type], sub_event_type,
                                                            location)


def test_events_sub_types_shooting_an_unarmed_man_is_an_attack_and_a_shootout_a_clash(coder):
    [e] = code(coder, "On 2 May 2020, in Recife, Pernambuco, two armed men shot at a car wash.")
    assert (e.sub_event_type, e.actor2) == ("Attack", "Civilians (Brazil)")
    assert "TYPE_ONE_SIDED_NO_ARMED_TARGET" in e.rules
    [e] = code(coder, "On 2 May 2020, in Recife, Pernambuco, a shootout took place between two gangs.")
    assert e.sub_event_type == "Armed clash"
    # an armed side hit: soldiers fired on are a side of a clash
    [e] = code(coder, "On 2 May 2020, gunmen fired at soldiers near Kidal.")
    assert e.sub_event_type == "Armed clash"


def test_events_sub_types_a_protest_told_as_the_purpose_of_a_crowds_act_happened(coder):
    [e] = code(coder, "On 4 May 2020, in Natal, Rio Grande do Norte, bus drivers gathered at a depot to demand "
                      "their wages.")
    assert (e.sub_event_type, e.location, e.trigger) == ("Peaceful protest", "Natal", "to demand")
    # a protest only planned is no event
    assert code(coder, "On 4 May 2020, bus drivers in Natal planned to protest against low wages.") == []


def test_events_sub_types_a_place_named_beside_another_places_one_event(coder):
    # a district and its state, a town and its city: one event, not two
    [e] = code(coder, "On 9 May 2020, two groups of farmers clashed in Jalalpur, Shamli (Uttar Pradesh).")
    assert e.location == "Jalālpur"
    [e] = code(coder, "On 9 May 2020, journalists held a protest on Murree road in Rawalpindi city.")
    assert e.location == "Rawalpindi"
    # a list of places names an event at each
    events = code(coder, "On 5 May 2016, ISIL captured Arak, al-Sukhnah and Tadmur from the Syrian Army.")
    assert [e.location for e in events] == ["Arak", "As Sukhnah", "Tadmur"]


def test_events_sub_types_an_undated_detail_after_the_event_is_that_event(coder):
    events = code(coder, "On 9 May 2020, police clashed with gunmen in Mombasa.\n"
                         "Police arrested two of the gunmen.")
    assert [(e.sub_event_type, e.location) for e in events] == [("Armed clash", "Mombasa")]
    assert "MERGED_DETAIL_TOLD_AFTER" in events[0].rules
    # an event of another kind told after, at the same place, is an event of its own
    events = code(coder, "On 9 May 2020, police clashed with gunmen in Mombasa.\n"
                         "An airstrike then hit Mombasa.")
    assert [e.sub_event_type for e in events] == ["Armed clash", "Air/drone strike"]


def test_events_sub_types_a_report_that_names_no_known_place_is_coded_in_its_country(coder):
    [e] = code(coder, "On 3 May 2020, Nigerian troops clashed with bandits.")
    assert (e.country, e.geo_precision, e.location) == ("Nigeria", 3, "Nigeria")
    assert "PLACE_COUNTRY_ONLY" in e.rules


def test_events_sub_types_the_classifier_codes_a_sentence_the_lexicon_has_no_word_for(coder):
    # "held a sit-down" is no trigger of the lexicon; the classifier reads the sentence as a protest, confidently
    [e] = code(coder, "On 3 May 2021, hundreds of activists and party supporters held a sit-down in Cotonou.")
    assert (e.sub_event_type, e.location, e.rules[0]) == ("Peaceful protest", "Cotonou", "MODEL_PEACEFUL_PROTEST")
    # a dated, placed sentence the classifier reads as no event stays none
    assert code(coder, "On 3 May 2021, the minister opened a new school in Cotonou.") == []


def test_events_sub_types_a_grenade_launcher_is_no_grenade(coder):
    # ACLED's Grenade is a grenade thrown; launchers fired with small arms are a clash, with mortars shelling
    [e] = code(coder, "On 9 May 2020, the rebels fired grenade launchers and small arms at army positions near "
                      "Horlivka.")
    assert e.sub_event_type == "Armed clash"
    [e] = code(coder, "On 9 May 2020, the rebels fired grenade launchers and mortars at army positions near Horlivka.")
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    [e] = code(coder, "On 9 May 2020, a man threw a grenade at a bar in Horlivka.")
    assert e.sub_event_type == "Grenade"


def test_events_sub_types_what_a_report_says_happened_is_no_background(coder):
    # "that" opening what was reported, which the parser may take for a relative clause
    [e] = code(coder, 'On 7 May 2020, in Niteroi, Rio de Janeiro, it was reported through the application "Fogo '
                      'Cruzado" that a shoot-out took place in Fonseca.')
    assert (e.sub_event_type, e.trigger) == ("Armed clash", "shoot-out")
    # a real relative clause still tells the background of a noun
    assert code(coder, "On 7 May 2020, the town that rebels captured in 2016 held elections in Niteroi.") == []
