"""The document classifier (events/classifier.py), on texts written for the tests."""
import json

from eventcoder.events.classifier import NONE, LinearModel, choose, train


def test_events_classifier_names_the_main_event_with_its_evidence(classifier):
    c = classifier.classify_one("Rebels captured the town on Sunday after heavy fighting with the army.", "d1")
    assert (c.doc_id, c.event_type, c.sub_event_type, c.trigger) == (
        "d1", "Battles", "Non-state actor overtakes territory", "captured")
    assert "T_CAPTURE" in c.rules and any(r.startswith("MODEL:") for r in c.rules)


def test_events_classifier_no_political_violence_is_none(classifier):
    c = classifier.classify_one("A strong earthquake struck the coast on Monday, killing eight people and damaging "
                                "hundreds of buildings, officials said.")
    assert (c.event_type, c.sub_event_type, c.trigger) == ("NONE", "NONE", "")


def test_events_classifier_training_is_deterministic_and_round_trips():
    examples = [["w:bomb", "cand:Suicide bomb"], ["w:march"], ["w:bomb"], ["w:march", "w:police"]]
    labels = ["Suicide bomb", "Peaceful protest", "Suicide bomb", "Peaceful protest"]
    a, b = train(examples, labels, min_count=1), train(examples, labels, min_count=1)
    assert a.to_json() == b.to_json()
    probs = a.scores(["w:bomb"])
    assert a.labels[probs.index(max(probs))] == "Suicide bomb"
    again = LinearModel(**{k: v for k, v in json.loads(a.to_json()).items() if k != "meta"}, meta={})
    assert [round(p, 4) for p in again.scores(["w:march"])] == [round(p, 4) for p in a.scores(["w:march"])]


def test_events_classifier_rules_decide_unless_the_model_is_sure():
    labels = ["Attack", NONE, "Peaceful protest"]
    # the model leans to NONE at 0.5: the rules' Attack stands, unless the text has words of a non-event
    assert labels[choose("Attack", [0.3, 0.5, 0.2], labels, ["w:gunman"])] == "Attack"
    assert labels[choose("Attack", [0.3, 0.5, 0.2], labels, ["w:earthquake", "kind:disaster"])] == NONE
    # sure of another type, the model overrules; with no rule, the model decides alone
    assert labels[choose("Attack", [0.1, 0.2, 0.7], labels, [])] == "Peaceful protest"
    assert labels[choose(None, [0.4, 0.35, 0.25], labels, [])] == "Attack"
