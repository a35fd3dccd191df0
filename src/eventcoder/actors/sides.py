"""The actors stage's decisions: who acted (actor1) and against whom (actor2), their associates, who reports, and
who holds a place a phrase names — read off the parse, then from the narrative when the sentence does not say."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable

from .. import syntax
from ..lang import mapping, pattern, word_set, words
from ..nlp import entities
from ..taxonomy import (ABDUCTION, ARRESTS, ATTACK, BATTLES, CIVILIANS as CIVILIAN_INTER_CODE, EXCESSIVE_FORCE,
                        EXPLOSIONS, IDENTITY_MILITIAS, MOB_VIOLENCE, PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION,
                        PROTESTERS as PROTESTERS_INTER, PROTESTS, RIOTERS as RIOTERS_INTER, RIOTS, SEXUAL_VIOLENCE,
                        STATE_FORCES, VIOLENCE_AGAINST_CIVILIANS)
from .registry import GENERIC_ACTOR_RULE, Actor, ActorMention, ActorRegistry, active, strip_years

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..context import DocumentMemory, SentenceContext
    from ..events.triggers import TriggerMatch
    from ..places import GazetteerEntry

FIGHTING_INTERS = (1, 2, 3)  # ACLED inter codes of the sides whose country says where a war is: state, rebels, militias
GROUP_INTERS = (2, 3)  # the inter codes "the group" may refer back to: rebels, political militias
# the registry's id of ACLED's unidentified armed group: the author of a bomb the text does not name
UNIDENTIFIED = "UNIDENTIFIED"
CIVILIAN_ACTOR = "CIVILIANS"  # the registry's id of civilians as a side
POLICE_ACTOR = "POLICE"  # the registry's id of a country's police
CROWDS = {PROTESTS: "PROTESTERS", RIOTS: "RIOTERS"}  # who acts in a protest and a riot, as ACLED codes them
NARRATIVE_TYPES = (BATTLES, EXPLOSIONS)  # fighting a narrative tells goes on between its sides; an attack on
# civilians or an arrest needs its author named
CROWD_INTERS = (RIOTERS_INTER, PROTESTERS_INTER, CIVILIAN_INTER_CODE)  # no side the narrative has fighting
MENTIONS_BEYOND_PASSING = 2  # a foreign side named this often is a side of the story, not one named in passing  # the rule of an actor1 no text named: ACLED's generic actor
UNKNOWN_NAME_LABELS = ("ORG", "NORP", "PERSON", "FAC")  # spaCy's labels of a name an unknown group may bear
SUBCLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "parataxis"})  # spaCy's labels of a clause set in another
PHRASE_DEPS = ("nmod", "compound", "amod", "conj", "appos", "poss")  # a name's ways of being part of a longer phrase
# the rules that put in an author the text does not name: ACLED's unidentified group, the police of an arrest
FALLBACK_ACTOR_RULES = frozenset({"ACTOR1_UNIDENTIFIED", "ACTOR1_STATE_ARRESTS", GENERIC_ACTOR_RULE})
SOURCE_PHRASE_DEPS = PHRASE_DEPS + ("pobj", "prep")  # and of a reporter's title: "a commander of the brigade"


@dataclass
class Sides:
    """The sides of one event: as mentioned (`actor1`, `actor2`), as ACLED codes them in the event's country
    (`coded1` over its unit `assoc1`, ..., generic actors made the country's own), their inter codes there, and the
    rules that decided them, in the order they applied."""

    actor1: Actor
    actor2: Actor | None
    coded1: Actor
    assoc1: Actor | None
    coded2: Actor | None
    assoc2: Actor | None
    rules: list[str] = field(default_factory=list)
    inter1: int = 0
    inter2: int | None = None


class SideResolver:
    """Finds a sentence's actors and decides an event's sides. Build once; call per sentence."""

    def __init__(self, registry: ActorRegistry) -> None:
        self.registry = registry

    # ------------------------------------------------------------ finding

    def count(self, text: str, memory: DocumentMemory, weights) -> None:
        """Before reading in order: how often the document names each actor, and the countries its fighting
        sides belong to (half a mention each), into `weights`."""
        total = sum(weights.values()) or 1
        for m in self.registry.find(text, {k: v / total for k, v in weights.items()}):
            if pattern("ally_cue").search(text[max(0, m.start - 30):m.start]):
                continue  # "backed by Russian air strikes": an ally, not a side of the fight
            if m.actor.is_template and pattern("name_before").search(text[max(0, m.start - 40):m.start]):
                continue  # "the Arakan Army", "the Fano militia": a group's own name, not the generic word
            memory.actor_counts[m.actor.id] += 1
            if m.actor.country and m.actor.inter in FIGHTING_INTERS:
                weights[m.actor.country] += 0.5

    def find(self, ctx: SentenceContext, year: int | None) -> None:
        """The sentence's actor mentions (`ctx.mentions`): the registry's, of the document's countries and active
        in `year`, then the groups it names that no file knows ("the Fano militia")."""
        known = _joined(ctx.text, self.registry.find(ctx.text, ctx.memory.countries, year))
        unknown = self._unknown_names(ctx, known)
        known = [m for m in known if not any(u.start < m.end and m.start < u.end for u in unknown)]
        ctx.mentions = sorted(known + unknown, key=lambda m: m.start)

    def _unknown_names(self, ctx: SentenceContext, known: list[ActorMention]) -> list[ActorMention]:
        """A name the parser reads as an organisation or people, said with a word for an armed group in it or
        right after it ("the Wagner Group", "Fano militia"): an actor of its own, with the inter code the word
        gives (militia 3, rebels 2), never one the registry knows it merely resembles."""
        nouns = mapping("organisation_nouns")
        taken = [(m.start, m.end) for m in known if not m.actor.is_template]  # "militia" in "Fano militia" yields
        out = []
        for tokens in _named_groups(ctx.span, nouns):
            kinds = [nouns[t.lower_][0] for t in tokens if t.lower_ in nouns]
            start, stop = ctx.char(tokens[0]), ctx.char(tokens[-1]) + len(tokens[-1].text)
            if any(s < stop and start < e for s, e in taken) or any(
                    m.start <= start and stop <= m.end for m in known):
                continue  # a known actor's name, or a generic name all of it ("Government Forces")
            name, inter = _group_name(tokens, int(kinds[-1]))
            out.append(ActorMention(start, stop, ctx.text[start:stop], self.registry.unknown(name, inter)))
            taken.append((start, stop))
        return out

    # ------------------------------------------------------------ deciding

    def decide(self, ctx: SentenceContext, trigger: TriggerMatch, entry: GazetteerEntry, year: int | None = None,
               event_type: str | None = None) -> Sides:
        """actor1 and actor2 of the trigger's event at `entry` (of the trigger's type, or `event_type` where its
        sentence made it another), coded as ACLED codes them in the place's country. A side the text does not name
        is never a reason to lose the event: a protest's or riot's crowd is ACLED's protesters or rioters, an
        unnamed arrest the police's, any other event's unnamed author ACLED's generic armed group of the country.
        Words that name several actors are read as the one of the event's country."""
        iso2 = entry.country
        ctx.mentions = [m for m in (self.registry.in_country(m, iso2, ctx.memory.countries) for m in ctx.mentions)
                        if m is not None]
        crowd = CROWDS.get(event_type or trigger.rule.event_type)
        if crowd is not None:
            actor1, actor2, rules = self._crowd(ctx, trigger, entry, crowd)
        else:
            actor1, actor2, rules = self._fighting(ctx, trigger, entry, year)
        coded1, assoc1 = self._coded(actor1, iso2, year)
        coded2, assoc2 = self._coded(actor2, iso2, year) if actor2 else (None, None)
        if crowd is not None and actor1.id != crowd and coded1.generic != crowd:
            # "students protested": ACLED's protesters, the students named beside them
            assoc1 = assoc1 or (coded1 if coded1.generic != CIVILIAN_ACTOR else None)
            coded1 = self.registry.generic(crowd, iso2)
        if coded2 is not None and self.same_side(coded2, coded1, iso2):
            coded2, assoc2 = None, None
        return Sides(actor1, actor2, coded1, assoc1, coded2, assoc2, [r for r in rules if r],
                     self.registry.inter(coded1, iso2), self.registry.inter(coded2, iso2) if coded2 else None)

    def complete(self, sides: Sides, sub_event_type: str, iso2: str) -> None:
        """The other side as ACLED's definition of the sub-type has it, where the text did not say: violence
        against civilians and mob violence have civilian victims; police intervened in a protest with
        intervention; a peaceful protest has no other side."""
        rule = ""
        if sub_event_type in (ATTACK, ABDUCTION, SEXUAL_VIOLENCE, MOB_VIOLENCE) and sides.coded2 is None:
            sides.coded2, rule = self.registry.generic(CIVILIAN_ACTOR, iso2), "ACTOR2_CIVILIANS_BY_TYPE"
        elif sub_event_type in (PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE) and sides.coded2 is None:
            sides.coded2, rule = self.registry.generic(POLICE_ACTOR, iso2), "ACTOR2_POLICE_BY_TYPE"
        elif sub_event_type == PEACEFUL_PROTEST and sides.coded2 is not None:
            sides.coded2, sides.assoc2, rule = None, None, "ACTOR2_NONE_BY_TYPE"
        if rule:
            sides.inter2 = self.registry.inter(sides.coded2, iso2) if sides.coded2 else None
            sides.rules.append(rule)

    @staticmethod
    def crowd_changed(trigger: TriggerMatch, event_type: str) -> bool:
        """Whether the sentence made the trigger's event one of another crowd ("clashed" typed a riot by "mob")."""
        return CROWDS.get(event_type) != CROWDS.get(trigger.rule.event_type)

    def _just_taken_by(self, ctx: SentenceContext, entry: GazetteerEntry, actor: Actor, year: int | None) -> bool:
        """Whether the last change of hands the narrative told of the place was `actor` taking it, on the days
        this sentence speaks of (its own date, else the story's) or the day before."""
        last = ctx.memory.last_change.get(entry.name)
        when = ctx.dates[0] if ctx.dates else ctx.clock.anchor
        if last is None or when is None or when.date_start is None or not last.control_change.get("to"):
            return False
        name = strip_years(self.registry.name(actor, entry.country, year))
        return (strip_years(last.control_change["to"]) == name
                and date.fromisoformat(last.date_start) - timedelta(days=1) <= when.date_end
                and when.date_start <= date.fromisoformat(last.date_end) + timedelta(days=1))

    def _coded(self, actor: Actor, iso2: str, year: int | None = None) -> tuple[Actor, Actor | None]:
        coded, assoc = self.registry.coded(actor, iso2, year)
        return self.registry.national(coded, iso2), self.registry.national(assoc, iso2) if assoc else None

    def _fighting(self, ctx: SentenceContext, trigger: TriggerMatch, entry: GazetteerEntry,
                  year: int | None) -> tuple[Actor, Actor | None, list[str]]:
        actor1, a1_rule = self.agent(ctx, trigger, entry.country)
        actor2, a2_rule = self._target(ctx, trigger, actor1, entry, year)
        rules = [a1_rule, a2_rule]
        if (actor1 is None and a2_rule == "ACTOR2_PREVIOUS_HOLDER"
                and self._just_taken_by(ctx, entry, actor2, year)):
            # "Ukrainian forces recaptured Kupiansk. That evening, the governor said Kupiansk had been
            # liberated": the capture told before, told again, by the side that took it
            actor1, actor2 = actor2, None
            rules = ["ACTOR1_CAPTURE_TOLD_AGAIN", ""]
            actor2, a2_rule = self._target(ctx, trigger, actor1, entry, year)
            rules[1] = a2_rule
        if actor1 is None and actor2 is not None and trigger.rule.is_territory:
            # "the capture of Hajin from ISIL": taken by ISIL's opponent in this narrative
            side2 = self.registry.coded(actor2, entry.country)[0].id
            if side2 in ctx.memory.opponents:
                actor1 = self.registry.get(ctx.memory.opponents[side2])
                rules.append("ACTOR1_NARRATIVE_OPPONENT")
        # who acted when the text does not say: a state arrests (an armed group abducts), else ACLED's
        # unidentified armed group
        unnamed = POLICE_ACTOR if trigger.rule.sub_event_type == ARRESTS else UNIDENTIFIED
        if actor1 is None and ((actor2 is not None and actor2.inter == CIVILIAN_INTER_CODE)
                               or trigger.rule.event_type == EXPLOSIONS):
            # a bomb, an attack on civilians or an arrest whose author the text does not name
            actor1 = self.registry.get(unnamed)
            rules.append("ACTOR1_UNIDENTIFIED" if unnamed == UNIDENTIFIED else "ACTOR1_STATE_ARRESTS")
        if actor1 is None and actor2 is not None and trigger.rule.event_type != VIOLENCE_AGAINST_CIVILIANS:
            actor1 = actor2  # the one side named is the one that acted
            actor2, a2_rule = self.opponent(actor1, ctx.memory, entry.country, year)
            rules.append(a2_rule)
        last = ctx.memory.last_actor1
        if (actor1 is None and actor2 is None and last is not None and not last.is_template
                and ctx.memory.last_country == entry.country and trigger.rule.event_type in NARRATIVE_TYPES):
            # "heavy fighting continued in the city": the war the narrative tells, between the sides it was at
            actor1 = last
            actor2, a2_rule = self.opponent(actor1, ctx.memory, entry.country, year)
            rules += ["ACTOR1_NARRATIVE_LAST", a2_rule]
        if actor1 is None:
            # no side named: ACLED codes the event all the same, with the generic actor of the country
            actor1 = self.registry.get(unnamed)
            rules.append(GENERIC_ACTOR_RULE)
        return actor1, actor2, rules

    def _crowd(self, ctx: SentenceContext, trigger: TriggerMatch, entry: GazetteerEntry,
               crowd: str) -> tuple[Actor, Actor | None, list[str]]:
        """A protest's or riot's sides: who gathered (the crowd, or the group the text names as it), and the
        forces that acted against them or whom a riot hit; a peaceful protest has no other side."""
        actor1, rule1 = self.agent(ctx, trigger, entry.country, narrative=False)
        if actor1 is None or self.registry.national(actor1, entry.country).inter == STATE_FORCES:
            actor1, rule1 = self.registry.get(crowd), "ACTOR1_CROWD"
        side1 = self.registry.coded(actor1)[0].id
        others = [m for m in ctx.mentions if self._may_be_target(ctx, m, side1) and m.actor.id != crowd
                  and self.registry.coded(m.actor)[0].generic != crowd]
        if crowd == CROWDS[PROTESTS]:  # only forces that intervened are a protest's other side
            others = [m for m in others if self.registry.national(m.actor, entry.country).inter == STATE_FORCES]
        actor2, rule2 = self._target_in_parse(ctx, trigger, others)
        if actor2 is None and others:
            actor2, rule2 = others[0].actor, "ACTOR2_IN_SENTENCE"
        return actor1, actor2, [rule1, rule2]

    def agent(self, ctx: SentenceContext, trigger: TriggerMatch, iso2: str = "",
              narrative: bool = True) -> tuple[Actor | None, str]:
        """Who did it: the subject (or "by" agent, or modifier) of the trigger, a pronoun or "the group" for the
        side the narrative is about (`narrative`: one that fights in `iso2`), else the nearest actor named before
        the trigger."""
        for subject, how in syntax.subjects_of(trigger.head):
            found = self.mention_in(ctx, subject, exclude_held=True)
            if found and self.is_source(ctx, found) and not syntax.controls(subject.head, trigger.head):
                # "the government said that 250 people were killed": who reports did not kill; but who "claimed
                # to have taken" the town claims its own act
                continue
            if found:
                return found.actor, f"ACTOR1_{how.upper()}"
            if how == "modifier" or not narrative:
                continue
            referent = self._referent(ctx, subject, trigger, iso2)
            if referent[0] is not None:
                return referent
        return self._nearest_agent(ctx, trigger)

    def _referent(self, ctx: SentenceContext, subject: Token, trigger: TriggerMatch,
                  iso2: str) -> tuple[Actor | None, str]:
        """The side a pronoun or group-anaphor subject stands for: the one a reporting verb above the trigger
        names ("the SDF said its forces took X"), else the narrative's last actor or armed group, if it fights
        in this event's country (the narrative's memory does not cross from one war to another)."""
        memory = ctx.memory
        phrase = " ".join(t.lower_ for t in subject.subtree)
        if subject.lower_ in word_set("pronouns") or any(w in phrase for w in words("own_forces_phrases")):
            reporter = syntax.reporting_verb_above(trigger.head)
            if reporter is not None:
                rsubj, _ = syntax.subject_of(reporter)
                found = self.mention_in(ctx, rsubj) if rsubj is not None else None
                if found:
                    return found.actor, "ACTOR1_REPORTER"
            if memory.last_actor1 and self.fights_in(memory.last_actor1, iso2, memory):
                return memory.last_actor1, "ACTOR1_PRONOUN"
        if (any(a in phrase for a in words("group_anaphors")) and memory.last_group
                and self.fights_in(memory.last_group, iso2, memory)):
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

    def _target(self, ctx: SentenceContext, trigger: TriggerMatch, actor1: Actor | None,
                entry: GazetteerEntry, year: int | None = None) -> tuple[Actor | None, str]:
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
        return self.opponent(actor1, ctx.memory, entry.country, year) if actor1 else (None, "")

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
        targeted = lambda m: bool(pattern("target_cue").search(ctx.text[max(0, m.start - 25):m.start]))
        # a side's name before a generic word for whoever was hit ("attacked ISIL fighters, killing 23 militants"),
        # then one targeted ("against ISIL") before one merely named
        for m in sorted(in_clause, key=lambda m: (m.actor.is_template, not targeted(m))):
            return m.actor, "ACTOR2_TARGETED" if targeted(m) else "ACTOR2_OBJECT"
        return None, ""

    def opponent(self, actor1: Actor, memory: DocumentMemory, iso2: str,
                 year: int | None = None) -> tuple[Actor | None, str]:
        """Who the narrative has this side fighting in this country: the last opponent, else the document's most
        named other side. A generic name of the same side ("the Army" beside "the Syrian Army") is no opponent,
        nor a side that does not fight here (a foreign officer named once in passing)."""
        coded1 = self._coded(actor1, iso2)[0]
        if coded1.id in memory.opponents:
            a = self.registry.get(memory.opponents[coded1.id])
            if not self.same_side(a, coded1, iso2) and self.fights_in(a, iso2, memory):
                return a, "ACTOR2_NARRATIVE_OPPONENT"
        for actor_id, _ in memory.actor_counts.most_common():
            a = self.registry.get(actor_id)
            if not active(a, year) or (a.is_template and a.inter != STATE_FORCES):
                continue  # "gunmen", "rebels" counted before the sentence's country was known: no side of its own
            a = self.registry.national(a, iso2)
            if (not self.same_side(a, coded1, iso2) and a.inter not in CROWD_INTERS
                    and self.fights_in(a, iso2, memory)):
                return a, "ACTOR2_DOCUMENT_OPPONENT"
        return None, ""

    def same_side(self, a: Actor, coded: Actor, iso2: str) -> bool:
        """Whether `a` is the side `coded` stands for in this country: the same coded actor, or a generic name of
        it ("the army" in Syria is the Military Forces of Syria)."""
        return self._coded(a, iso2)[0].id == self._coded(coded, iso2)[0].id

    def fights_in(self, actor: Actor, iso2: str, memory: DocumentMemory) -> bool:
        """Whether the narrative's memory may give `actor` as a side in `iso2`: a side of that country or one that
        fights there, a generic name, or one the document names more than in passing."""
        countries = self._coded(actor, iso2)[0].countries
        return (not iso2 or not countries or iso2 in countries
                or memory.actor_counts[actor.id] >= MENTIONS_BEYOND_PASSING)

    def is_source(self, ctx: SentenceContext, m: ActorMention) -> bool:
        """An actor named as the one who reports ("SOHR said", "the Syrian government said", "according to SOHR")
        is a source."""
        toks = ctx.tokens_in(m.start, m.end)
        if not toks:
            return False
        root = toks[-1]
        if root.dep_ == "case" and len(toks) > 1:
            root = toks[-2]  # "the Group's analyst said": the name, not its possessive ending
        # "the Syrian government and state media said", "X, commander of the 92nd Brigade, noted": the phrase the
        # name is part of reports
        for _ in range(6):
            if root.dep_ == "pobj" and " ".join((root.head.head.lower_, root.head.lower_)) in word_set("source_preps"):
                return True  # "according to the Crisis Group's analyst, ..."
            if root.dep_ not in SOURCE_PHRASE_DEPS or root.head.i == root.i:
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
        countries = ctx.memory.countries
        iso2 = max(countries, key=lambda c: (countries[c], c)) if countries else ""  # the document's country
        year = ctx.dates[0].date_start.year if ctx.dates else ctx.clock.year  # the year the sentence speaks of
        # who reports does not hold: "according to the Crisis Group's analyst, the side that held X ..."
        found = _mention_under(ctx, token, [m for m in ctx.mentions if not self.is_source(ctx, m)])
        if found is not None:
            return self._coded(found.actor, iso2, year)[0]
        if token.lower_ in word_set("pronouns"):
            return ctx.memory.last_group or ctx.memory.last_actor1
        phrase = mapping("holder_phrases").get(token.lower_)  # "rebel-held": who "rebels" are in this country
        named = self.registry.find(phrase[0], countries) if phrase else []
        return self._coded(named[0].actor, iso2, year)[0] if named else None

    def holder_reader(self, ctx: SentenceContext) -> Callable[[Token], Actor | None]:
        return lambda token: self.holder_at(ctx, token)

    def associates(self, ctx: SentenceContext, sides: Sides, iso2: str) -> list[Actor]:
        """ACLED's assoc_actor_1: the unit actor1 is coded over (Tiger Forces under the Syrian army), then the
        allies the sentence names beside it ("backed by French and American shelling", "spearheaded by the
        Kurdish YPG")."""
        coded1, coded2, unit = sides.coded1, sides.coded2, sides.assoc1
        found = [unit] if unit else []
        text = ctx.text
        for m in ctx.mentions:
            if not pattern("ally_cue").search(text[max(0, m.start - 40):m.start]) and not pattern(
                    "ally_list_cue").search(text[max(0, m.start - 60):m.start]):
                continue
            actor = self.registry.national(m.actor, iso2)
            side = self._coded(actor, iso2)[0]
            if actor.id == coded1.id or actor.inter == CIVILIAN_INTER_CODE or (coded2 is not None
                                                                              and side.id == coded2.id):
                continue
            if actor not in found:
                found.append(actor)
        return found

    @staticmethod
    def remember(memory: DocumentMemory, sides: Sides, iso2: str) -> None:
        """The narrative's last actor and the country it acted in, its last armed group, and who fights whom. An
        author the text did not name (ACLED's unidentified group, put in for want of one) of an event against no
        one is no one the story goes on about: "shells fell at 4 a.m. Part of the column then took the town" is
        the column's side's; "a policeman was shot by a gunman. The gunman died in the clash" goes on about both."""
        coded1, coded2 = sides.coded1, sides.coded2
        if coded2 is None and any(r in FALLBACK_ACTOR_RULES for r in sides.rules):
            return
        memory.last_actor1, memory.last_country = coded1, iso2
        if coded1.inter in GROUP_INTERS:
            memory.last_group = coded1
        if coded2 is not None and coded2.inter != CIVILIAN_INTER_CODE:
            memory.opponents[coded1.id] = coded2.id
            memory.opponents.setdefault(coded2.id, coded1.id)


def _named_groups(sentence: Span, nouns: dict) -> list[Span]:
    """The names of groups in a sentence: a name the parser reads as an organisation or a people, with the word
    for an armed group that follows it, and a run of proper nouns before such a word ("Fano militia", "the
    Kachin Independence Army"); each starts with a capitalised word of its own and holds a word for a group."""
    doc = sentence.doc
    spans = []
    for ent in entities(sentence):  # not Span.ents, which walks the whole Doc each sentence
        if ent.label_ in UNKNOWN_NAME_LABELS:
            end = ent.end + 1 if ent.end < sentence.end and doc[ent.end].lower_ in nouns else ent.end
            spans.append((ent.start, end))
    for t in sentence:
        if t.lower_ in nouns:
            start = t.i
            while start > sentence.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
                start -= 1
            if start < t.i:
                spans.append((start, t.i + 1))
    out = []
    for start, end in sorted(set(spans)):
        while start < end and doc[start].pos_ == "DET":
            start += 1  # "the Arakan Army" is named "Arakan Army"
        while end > start and doc[end - 1].dep_ == "case":
            end -= 1  # "the Crisis Group's analyst": the group is named "Crisis Group"
        span = doc[start:end]
        # a name's own word is capitalised ("Arakan Army"); in lower case only a word for its members ("Fano
        # militia", "Taliban militants"): "the Jabal Kirsh front" is a battlefront
        named = [t for t in span if t.lower_ in nouns and (t.is_title or t.lower_ in word_set("member_nouns")
                                                           or t.lower_ in word_set("militia_nouns"))]
        if (len(span) > 1 and span[0].is_title and span[0].lower_ not in nouns and named
                and not any(s <= start < e or start <= s < end for s, e in ((x.start, x.end) for x in out))):
            out.append(span)
    return out


def _joined(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A generic word right after a name is the name's ("Islamic State militants", "Houthi forces"): one
    mention of the named actor."""
    out: list[ActorMention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (last is not None and m.actor.is_template and not last.actor.is_template
                and not text[last.end:m.start].strip()):
            out[-1] = ActorMention(last.start, m.end, text[last.start:m.end], last.actor, last.candidates)
        else:
            out.append(m)
    return out


def _group_name(tokens: Span, inter: int) -> tuple[str, int]:
    """An unknown group's name and inter code, as ACLED writes them: "Taliban militants" are the Taliban; a
    people's militia ("Tiv militiamen") is that people's ethnic militia of the event's country, inter 4."""
    last = tokens[-1]
    if len(tokens) > 1 and last.lower_ in word_set("member_nouns"):
        own = tokens[:-1].text  # the group, not its members
        if tokens[0].ent_type_ == "NORP" and last.lower_ in word_set("militia_nouns"):
            return own + " Ethnic Militia ({country})", IDENTITY_MILITIAS
        return own, inter
    return tokens[:-1].text_with_ws + (last.text if last.text[:1].isupper() else last.text.capitalize()), inter


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
