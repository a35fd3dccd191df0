"""What kind of event a text tells: ACLED's event and sub-event type of each trigger, from the trigger, the cues of
its sentence and who acts.

The rules here are shared by the event coder (per event) and the document classifier (per document): a capture is
"Government regains territory" when state forces take the place and "Non-state actor overtakes territory" when
anyone else does; an attack on civilians is violence against civilians, not a battle; cues in the sentence sharpen
the trigger's type (lang/en/type_cues.tsv).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Span

from ..actors import ActorRegistry
from ..errors import DataFileError
from ..resources import read_table
from .. import syntax as roles
from ..lang import word_set
from ..taxonomy import (ABDUCTION, ARMED_CLASH, ARRESTS, ATTACK, CIVILIANS, NON_STATE_ARMED, REBELS, STATE_FORCES,
                        SUB_EVENT_TYPES, TAKEN_BY_NON_STATE, TAKEN_BY_STATE)
from .triggers import TriggerLexicon, TriggerMatch

GENERIC_KINDS = ("state", "nonstate", "civilian", "armed")


@lru_cache(maxsize=1)
def generic_words() -> dict[str, re.Pattern]:
    """kind -> a pattern of the generic words of that kind of side (lang/en/generic_actor_words.tsv)."""
    forms: dict[str, list[str]] = {kind: [] for kind in GENERIC_KINDS}
    for row in read_table("generic_actor_words.tsv", ["forms", "kind"]):
        if row["kind"] not in forms:
            raise DataFileError(row.file, row.line, f"kind must be one of {', '.join(GENERIC_KINDS)}")
        forms[row["kind"]] += [f.strip() for f in row["forms"].split(",") if f.strip()]
    return {kind: re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in sorted(
        words, key=len, reverse=True)) + r")\b", re.IGNORECASE) for kind, words in forms.items()}


@dataclass(frozen=True)
class TypedTrigger:
    """A trigger with the type its context gives it, and why."""

    match: TriggerMatch
    event_type: str
    sub_event_type: str
    rules: tuple[str, ...]
    agent_inter: int | None  # who acts, as far as the sentence tells (None: not told)

    @property
    def text(self) -> str:
        return self.match.text


def agent_inter(match: TriggerMatch, registry: ActorRegistry) -> int | None:
    """The inter code of the side that acts in the trigger's clause: a registry actor named as its subject, agent
    or modifier, else the generic word for one ("troops" 1, "militants" 2)."""
    for subject, _how in roles.subjects_of(match.head):
        words = " ".join(t.text for t in subject.subtree) if subject.dep_ != "compound" else subject.text
        found = [m for m in registry.find(words) if m.actor.inter != CIVILIANS]
        if found:
            coded = registry.coded(found[0].actor)[0]
            return coded.inter
        if generic_words()["state"].search(words):
            return STATE_FORCES
        if generic_words()["nonstate"].search(words):
            return REBELS
    return None


def _hit_words(match: TriggerMatch) -> str:
    """The words of who the trigger's clause and the killings of its sentence hit."""
    head = match.head
    verb = roles.clause_verb(head)
    hit = [c for c in (*head.children, *verb.children)
           if c.dep_ in ("dobj", "nsubjpass", "pobj", "prep") and c.i != head.i]
    for t in head.sent:
        if t.lemma_.lower() in word_set("victim_lemmas") and t.pos_ == "VERB":
            hit += [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    return " ".join(t.text for c in hit for t in c.subtree)


def hits_one_side(match: TriggerMatch) -> bool:
    """Whether the trigger tells one side hitting another ("shot a man", "attacked the village"), not two armed
    sides fighting ("clashed", "a shootout"), and no armed side is told among those it hit: ACLED's armed clash
    needs two organised armed sides, so with no armed side known to be hit the event is an attack on civilians."""
    joined = "".join(t.lower_ for t in match.tokens if not t.is_punct)
    if any(t.lemma_.lower() in word_set("two_sided_lemmas") for t in match.tokens) \
            or joined in word_set("two_sided_lemmas"):
        return False
    if not any(t.lemma_.lower() in word_set("one_sided_lemmas") for t in match.tokens):
        return False
    words = _hit_words(match)
    kinds = generic_words()
    return not any(kinds[k].search(words) for k in ("armed", "state", "nonstate"))


def victims_are_civilians(match: TriggerMatch) -> bool:
    """Who the trigger's clause and the killings of its sentence hit are civilians, and no armed side is among
    them ("gunmen stormed the university, killing students")."""
    words = _hit_words(match)
    kinds = generic_words()
    return bool(kinds["civilian"].search(words)) and not kinds["armed"].search(words)


def type_trigger(match: TriggerMatch, context: Span, lexicon: TriggerLexicon, registry: ActorRegistry,
                 actor1_inter: int | None = None, actor2_inter: int | None = None,
                 others: Sequence[TriggerMatch] = ()) -> TypedTrigger:
    """ACLED's type for one trigger: its own, sharpened by the cues of `context` (its sentence, or a short
    text's whole). `actor1_inter`/`actor2_inter`, when the caller has resolved the sides, decide territory and
    civilian targeting; else the sentence's own words do. The words of `others`, triggers of events of their
    own clauses ("counter-attacked ... and launched airstrikes"), are no cues for this one; a weapon in the
    trigger's own clause is ("attacked the positions with mortars")."""
    rule = match.rule
    rules = [rule.id]
    inter1 = actor1_inter if actor1_inter is not None else agent_inter(match, registry)
    sub = rule.sub_event_type
    if rule.is_territory and roles.is_attempt(match.head):
        sub = ARMED_CLASH  # "tried to capture the airbase": the fighting happened, the capture did not
        rules.append("TYPE_ATTEMPT_ONLY")
    elif rule.is_territory:
        sub = TAKEN_BY_STATE if inter1 == STATE_FORCES else TAKEN_BY_NON_STATE
        rules.append("TYPE_TAKER_STATE" if inter1 == STATE_FORCES else "TYPE_TAKER_NON_STATE")
    own_verb = roles.clause_verb(match.head)
    exclude = frozenset(t.i for other in others if other is not match
                        and roles.clause_verb(other.head).i != own_verb.i for t in other.tokens)
    sub, cues = lexicon.refine(match, context, sub, exclude)
    rules += [c.id for c in cues]
    if sub == ARRESTS and inter1 in NON_STATE_ARMED:
        sub = ABDUCTION  # ACLED: arrests are made by states; an armed group abducts
        rules.append("TYPE_NON_STATE_DETAINS")
    civilians = actor2_inter == CIVILIANS if actor2_inter is not None else victims_are_civilians(match)
    if civilians and sub == ARMED_CLASH:
        sub = ATTACK
        rules.append("TYPE_CIVILIAN_TARGETS")
    return TypedTrigger(match, SUB_EVENT_TYPES[sub], sub, tuple(rules), inter1)


