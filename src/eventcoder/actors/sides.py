"""The actors stage's decisions: who acted (actor1) and against whom (actor2), their associates, who reports, and
who holds a place a phrase names — read off the parse, then from the narrative when the sentence does not say."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .. import syntax
from ..lang import mapping, pattern, word_set, words
from ..taxonomy import BATTLES, CIVILIANS as CIVILIAN_INTER_CODE, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS
from .registry import Actor, ActorMention, ActorRegistry

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..context import DocumentMemory, SentenceContext
    from ..events.triggers import TriggerMatch
    from ..places import GazetteerEntry

FIGHTING_INTERS = (1, 2, 3)  # ACLED inter codes of the sides whose country says where a war is: state, rebels, militias
GROUP_INTERS = (2, 3)  # the inter codes "the group" may refer back to: rebels, political militias
# the registry's id of ACLED's unidentified armed group: the author of a bomb the text does not name
UNIDENTIFIED = "UNIDENTIFIED"
CIVILIAN_ACTOR = "CIVILIANS"  # the registry's id of civilians as a side
SUBCLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "parataxis"})  # spaCy's labels of a clause set in another
PHRASE_DEPS = ("nmod", "compound", "amod", "conj", "appos", "poss")  # a name's ways of being part of a longer phrase


@dataclass
class Sides:
    """The sides of one event: as mentioned (`actor1`, `actor2`), as ACLED codes them (`coded1` over its unit
    `assoc1`, ...) and the rules that decided them, in the order they applied."""

    actor1: Actor
    actor2: Actor | None
    coded1: Actor
    assoc1: Actor | None
    coded2: Actor | None
    assoc2: Actor | None
    rules: list[str] = field(default_factory=list)


class SideResolver:
    """Finds a sentence's actors and decides an event's sides. Build once; call per sentence."""

    def __init__(self, registry: ActorRegistry) -> None:
        self.registry = registry

    # ------------------------------------------------------------ finding

    def count(self, text: str, memory: DocumentMemory, weights) -> None:
        """Before reading in order: how often the document names each actor, and the countries its fighting
        sides belong to (half a mention each), into `weights`."""
        for m in self.registry.find(text):
            if pattern("ally_cue").search(text[max(0, m.start - 30):m.start]):
                continue  # "backed by Russian air strikes": an ally, not a side of the fight
            memory.actor_counts[m.actor.id] += 1
            if m.actor.country and m.actor.inter in FIGHTING_INTERS:
                weights[m.actor.country] += 0.5

    def find(self, ctx: SentenceContext, year: int | None) -> None:
        """The sentence's actor mentions (`ctx.mentions`), less those not active in `year`."""
        ctx.mentions = [m for m in self.registry.find(ctx.text) if _active(m.actor, year)]

    # ------------------------------------------------------------ deciding

    def decide(self, ctx: SentenceContext, trigger: TriggerMatch, entry: GazetteerEntry,
               country_name: str) -> Sides | None:
        """actor1 and actor2 of the trigger's event at `entry`, or None when no side acted that the text or the
        narrative names."""
        actor1, a1_rule = self.agent(ctx, trigger)
        actor2, a2_rule = self._target(ctx, trigger, actor1, entry, country_name)
        rules = [a1_rule, a2_rule]
        if actor1 is None and actor2 is not None and trigger.rule.is_territory:
            # "the capture of Hajin from ISIL": taken by ISIL's opponent in this narrative
            side2 = self.registry.coded(actor2)[0].id
            if side2 in ctx.memory.opponents:
                actor1 = self.registry.get(ctx.memory.opponents[side2])
                rules.append("ACTOR1_NARRATIVE_OPPONENT")
        if actor1 is None and ((actor2 is not None and actor2.inter == CIVILIAN_INTER_CODE)
                               or trigger.rule.event_type == EXPLOSIONS):
            # a bomb or an attack on civilians whose author the text does not name: ACLED's unidentified group
            actor1 = self.registry.get(UNIDENTIFIED)
            rules.append("ACTOR1_UNIDENTIFIED")
        if actor1 is None and actor2 is not None and trigger.rule.event_type != VIOLENCE_AGAINST_CIVILIANS:
            actor1 = actor2  # the one side named is the one that acted
            actor2, a2_rule = self.opponent(actor1, ctx.memory, country_name)
            rules.append(a2_rule)
        if actor1 is None:
            return None
        coded1, assoc1 = self.registry.coded(actor1)
        coded2, assoc2 = self.registry.coded(actor2) if actor2 else (None, None)
        if coded2 is not None and self.same_side(coded2, coded1, country_name):
            coded2, assoc2 = None, None
        return Sides(actor1, actor2, coded1, assoc1, coded2, assoc2, rules)

    def agent(self, ctx: SentenceContext, trigger: TriggerMatch) -> tuple[Actor | None, str]:
        """Who did it: the subject (or "by" agent, or modifier) of the trigger, a pronoun or "the group" for the
        side the narrative is about, else the nearest actor named before the trigger."""
        for subject, how in syntax.subjects_of(trigger.head):
            found = self.mention_in(ctx, subject, exclude_held=True)
            if found and self.is_source(ctx, found):
                continue  # "the government said that 250 people were killed": who reports did not kill
            if found:
                return found.actor, f"ACTOR1_{how.upper()}"
            if how == "modifier":
                continue
            referent = self._referent(ctx, subject, trigger)
            if referent[0] is not None:
                return referent
        return self._nearest_agent(ctx, trigger)

    def _referent(self, ctx: SentenceContext, subject: Token, trigger: TriggerMatch) -> tuple[Actor | None, str]:
        """The side a pronoun or group-anaphor subject stands for: the one a reporting verb above the trigger
        names ("the SDF said its forces took X"), else the narrative's last actor or armed group."""
        memory = ctx.memory
        phrase = " ".join(t.lower_ for t in subject.subtree)
        if subject.lower_ in word_set("pronouns") or any(w in phrase for w in words("own_forces_phrases")):
            reporter = syntax.reporting_verb_above(trigger.head)
            if reporter is not None:
                rsubj, _ = syntax.subject_of(reporter)
                found = self.mention_in(ctx, rsubj) if rsubj is not None else None
                if found:
                    return found.actor, "ACTOR1_REPORTER"
            if memory.last_actor1:
                return memory.last_actor1, "ACTOR1_PRONOUN"
        if any(a in phrase for a in words("group_anaphors")) and memory.last_group:
            return memory.last_group, "ACTOR1_GROUP_ANAPHOR"
        return None, ""

    def _nearest_agent(self, ctx: SentenceContext, trigger: TriggerMatch) -> tuple[Actor | None, str]:
        """With no subject that names a side: the actor named nearest before the trigger, else the one named
        other than the victim of a passive ("were killed by"), never a civilian or a holder or a source."""
        passive = syntax.passive_subject(trigger.head)
        patient = {t.i for t in passive.subtree} if passive is not None else set()
        # civilians named in passing are not taken to have acted: only as the subject of the trigger's clause
        candidates = [m for m in ctx.mentions if not _names_holder(m) and not self.is_source(ctx, m)
                      and not any(t.i in patient for t in ctx.tokens_in(m.start, m.end))
                      and m.actor.inter != CIVILIAN_INTER_CODE]
        t_char = ctx.char(trigger.head)
        before = [m for m in candidates if m.start < t_char]
        if before:
            return before[-1].actor, "ACTOR1_NEAREST_BEFORE"
        if patient and candidates:
            return candidates[0].actor, "ACTOR1_OTHER_THAN_VICTIM"
        return None, ""

    def _target(self, ctx: SentenceContext, trigger: TriggerMatch, actor1: Actor | None, entry: GazetteerEntry,
                country_name: str) -> tuple[Actor | None, str]:
        """Against whom: the subject of a passive trigger, an actor its clause targets or has as object, another
        side the sentence names; else civilian victims, the place's previous holder, the narrative's opponent."""
        side1 = self.registry.coded(actor1)[0].id if actor1 else None
        others = [m for m in ctx.mentions if self._may_be_target(ctx, m, side1)]
        found = self._target_in_parse(ctx, trigger, others)
        if found[0] is not None:
            return found
        verb = syntax.clause_verb(trigger.head)
        for m in others:
            toks = ctx.tokens_in(m.start, m.end)
            if not (toks and _acts_in_own_clause(toks[-1], verb)):
                # "... as civilians fired into the air": they act in a clause of their own, are no side of this
                return m.actor, "ACTOR2_IN_SENTENCE"
        tolls = ctx.tolls
        if tolls is not None and any(c.civilians for c in tolls.claims) and trigger.rule.event_type != BATTLES:
            return self.registry.get(CIVILIAN_ACTOR), "ACTOR2_CIVILIAN_VICTIMS"
        holders = ctx.memory.holders
        if trigger.rule.is_territory and entry.name in holders and holders[entry.name] != side1:
            return self.registry.get(holders[entry.name]), "ACTOR2_PREVIOUS_HOLDER"
        return self.opponent(actor1, ctx.memory, country_name) if actor1 else (None, "")

    def _may_be_target(self, ctx: SentenceContext, m: ActorMention, side1: str | None) -> bool:
        """Whether a mention may be the other side: not actor1's side, not a source, an ally or a holder."""
        text = ctx.text
        before = text[max(0, m.start - 40):m.start]
        return (self.registry.coded(m.actor)[0].id != side1 and not self.is_source(ctx, m)
                and not pattern("ally_cue").search(before) and not pattern("ally_list_cue").search(before)
                and not pattern("holder_suffix").match(text, m.end)  # "in the SDF-controlled town": who holds it
                and not pattern("holder_suffix").search(m.text))

    @staticmethod
    def _target_in_parse(ctx: SentenceContext, trigger: TriggerMatch,
                         others: list[ActorMention]) -> tuple[Actor | None, str]:
        """The other side as the parse gives it: a passive trigger's subject, else an actor of the trigger's own
        clause (not of its subject), targeted ("against ISIL") before merely named."""
        passive = syntax.passive_subject(trigger.head)
        if passive is not None:
            found = _mention_under(ctx, passive, others)
            if found:
                return found.actor, "ACTOR2_PASSIVE_SUBJECT"
        verb = syntax.clause_verb(trigger.head)
        subtree = _own_clause(verb, trigger.head)
        subj, _ = syntax.subject_of(trigger.head)
        subj_ids = {t.i for t in subj.subtree} if subj is not None else set()
        if trigger.head.i in subj_ids:
            subj_ids = set()  # the trigger is the subject ("air strikes against ISIL relieved ..."): its own words count
        in_clause = [m for m in others if (toks := ctx.tokens_in(m.start, m.end)) and toks[0].i in subtree
                     and toks[0].i not in subj_ids]
        for m in in_clause:
            if pattern("target_cue").search(ctx.text[max(0, m.start - 25):m.start]):
                return m.actor, "ACTOR2_TARGETED"
        for m in in_clause:
            return m.actor, "ACTOR2_OBJECT"
        return None, ""

    def opponent(self, actor1: Actor, memory: DocumentMemory, country_name: str) -> tuple[Actor | None, str]:
        """Who the narrative has this side fighting: the last opponent, else the document's most named other side.
        A generic name of the same side ("the Army" beside "the Syrian Army") is no opponent."""
        coded1 = self.registry.coded(actor1)[0]
        if coded1.id in memory.opponents:
            a = self.registry.get(memory.opponents[coded1.id])
            if not self.same_side(a, coded1, country_name):
                return a, "ACTOR2_NARRATIVE_OPPONENT"
        for actor_id, _ in memory.actor_counts.most_common():
            a = self.registry.get(actor_id)
            if not self.same_side(a, coded1, country_name) and a.inter != CIVILIAN_INTER_CODE:
                return a, "ACTOR2_DOCUMENT_OPPONENT"
        return None, ""

    def same_side(self, a: Actor, coded: Actor, country_name: str) -> bool:
        """Whether `a` is the side `coded` stands for: the same coded actor, or a generic name that reads as it in
        this country ("Military Forces of {country}" in Syria is the Military Forces of Syria)."""
        mine = self.registry.coded(a)[0]
        return mine.id == coded.id or mine.display(country_name) == coded.display(country_name)

    def is_source(self, ctx: SentenceContext, m: ActorMention) -> bool:
        """An actor named as the one who reports ("SOHR said", "the Syrian government said") is a source."""
        toks = ctx.tokens_in(m.start, m.end)
        if not toks:
            return False
        root = toks[-1]
        for _ in range(4):  # "the Syrian government and state media said": the phrase the name is part of reports
            if root.dep_ not in PHRASE_DEPS or root.head.i == root.i:
                break
            root = root.head
        return root.dep_ == "nsubj" and syntax.is_reporting(root.head)

    @staticmethod
    def mention_in(ctx: SentenceContext, token: Token, exclude_held: bool = False) -> ActorMention | None:
        """The first actor mention among the words under `token` in the parse."""
        mentions = [m for m in ctx.mentions if not (exclude_held and _names_holder(m))]
        return _mention_under(ctx, token, mentions)

    def holder_at(self, ctx: SentenceContext, token: Token) -> Actor | None:
        """The side a phrase names as holder: an actor mentioned in it, a pronoun for the group the narrative is
        about ("their grasp"), or a word for a side ("government-held", "rebel-held")."""
        found = self.mention_in(ctx, token)
        if found is not None:
            return self.registry.coded(found.actor)[0]
        if token.lower_ in word_set("pronouns"):
            return ctx.memory.last_group or ctx.memory.last_actor1
        side = mapping("holder_words").get(token.lower_)
        return self.registry.get(side[0]) if side else None

    def holder_reader(self, ctx: SentenceContext) -> Callable[[Token], Actor | None]:
        return lambda token: self.holder_at(ctx, token)

    def associates(self, ctx: SentenceContext, sides: Sides, country_name: str) -> str:
        """ACLED's assoc_actor_1: the unit actor1 is coded over (Tiger Forces under the Syrian army), then the
        allies the sentence names beside it ("backed by French and American shelling", "spearheaded by the
        Kurdish YPG"), '; '-separated."""
        coded1, coded2, unit = sides.coded1, sides.coded2, sides.assoc1
        names = [unit.display(country_name)] if unit else []
        text = ctx.text
        for m in ctx.mentions:
            if not pattern("ally_cue").search(text[max(0, m.start - 40):m.start]) and not pattern(
                    "ally_list_cue").search(text[max(0, m.start - 60):m.start]):
                continue
            side = self.registry.coded(m.actor)[0]
            if m.actor.id == coded1.id or m.actor.inter == CIVILIAN_INTER_CODE or (coded2 is not None
                                                                              and side.id == coded2.id):
                continue
            name = m.actor.display(country_name)
            if name not in names and name != coded1.display(country_name):
                names.append(name)
        return "; ".join(names)

    @staticmethod
    def remember(memory: DocumentMemory, coded1: Actor, coded2: Actor | None) -> None:
        """The narrative's last actor, last armed group, and who fights whom."""
        memory.last_actor1 = coded1
        if coded1.inter in GROUP_INTERS:
            memory.last_group = coded1
        if coded2 is not None and coded2.inter != CIVILIAN_INTER_CODE:
            memory.opponents[coded1.id] = coded2.id
            memory.opponents.setdefault(coded2.id, coded1.id)


def _active(actor: Actor, year: int | None) -> bool:
    """Whether the actor existed in `year` (any year, when the sentence's year is not known)."""
    if year is None:
        return True
    return (actor.valid_from or 0) <= year <= (actor.valid_to or 9999)


def _names_holder(m: ActorMention) -> bool:
    """ "ISIL-held": the name of who holds a place, not of a side that acts."""
    return bool(pattern("held_name").search(m.text.lower()))


def _mention_under(ctx: SentenceContext, token: Token, mentions: list[ActorMention]) -> ActorMention | None:
    ids = {t.i for t in token.subtree}
    for m in mentions:
        toks = ctx.tokens_in(m.start, m.end)
        if toks and any(t.i in ids for t in toks):
            return m
    return None


def _own_clause(verb: Token, trigger: Token) -> set[int]:
    """The tokens of the verb's clause, less the clauses with a subject of their own set in it that do not hold the
    trigger ("... was met with celebration as civilians fired into the air": the civilians are no side of the
    siege); a participle's words stay ("hit a silo, killing two civilians")."""
    inner = [c for t in verb.subtree for c in t.children if c.dep_ in SUBCLAUSE_DEPS and c.i != trigger.i
             and trigger not in c.subtree and c.i != verb.i
             and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]  # a participle has none: it stays
    out = {t.i for t in verb.subtree}
    for c in inner:
        out -= {t.i for t in c.subtree}
    return out


def _acts_in_own_clause(token: Token, verb: Token) -> bool:
    """Whether the token (or the subject it is joined to) is the subject of a verb of action other than `verb`."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    return (token.dep_ == "nsubj" and head.i != verb.i and head.pos_ == "VERB"
            and head.lemma_.lower() not in word_set("copula_lemmas"))
