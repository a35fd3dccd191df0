"""time/rules.py and lang/en/timex_rules.tsv: every rule gives its example's value, one rule a case."""
from datetime import date

import pytest

from eventcoder.time import NEWS, TimexTagger

DOC_DATE = date(2016, 12, 8)  # the news date the examples are read on
RULES = TimexTagger().rules
NEGATIVES = [rule for rule in RULES if rule.negative]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_time_rules_every_rule_example_gives_its_value(tagger, rule):
    _, found = tagger.tag_document(rule.example, DOC_DATE, mode=NEWS)
    got = [t.value + (f" mod={t.mod}" if t.mod else "") for t in found if t.rule == rule.id]
    assert rule.expected in got, f"timex_rules.tsv: {rule.id} gives {got} on its example, not {rule.expected}"


@pytest.mark.parametrize("rule", NEGATIVES, ids=[rule.id for rule in NEGATIVES])
def test_time_rules_no_rule_matches_its_negative(tagger, rule):
    _, found = tagger.tag_document(rule.negative, DOC_DATE, mode=NEWS)
    assert rule.id not in [t.rule for t in found], f"timex_rules.tsv: {rule.id} matches its negative"
