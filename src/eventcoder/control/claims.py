"""The control stage's decisions: who held a place before and after an event, and the dated claims that a
sentence's statements ("ISIL-held Hajin", "the loss of X") and its told-in-passing captures make."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..actors.registry import strip_years
from ..model import ControlClaim, Evidence
from .. import syntax
from ..lang import pattern, word_set
from ..places.location import governing
from ..taxonomy import (BATTLES, CIVILIANS, EXPLOSIONS, PROTESTERS, RIOTERS, STATE_FORCES, TERRITORY_BY_FORCE,
                        TRANSFERRED_PEACEFULLY, VIOLENCE_AGAINST_CIVILIANS)
from ..time.dating import EventDater
from .reader import ControlReader
from .timeline import ATTEMPTED_RULE, NARRATIVE_PLACE_RULE, SIEGE_BROKEN_RULES

if TYPE_CHECKING:
    from ..actors import Actor, ActorRegistry
    from ..actors.sides import SideResolver
    from ..context import DocumentMemory, SentenceContext
    from ..events.triggers import TriggerMatch
    from ..model import Event
    from ..places import Gazetteer, GazetteerEntry
    from ..places.location import Location
    from spacy.tokens import Token

COMPOUND_HELD_RULE = "C_HELD_COMPOUND"  # "ISIL-held X" tells who held it before the sentence's event, not after
# a capture whose taker the sentence does not name itself may be anyone told before: no claim from it
INDIRECT_TAKER_RULES = ("ACTOR1_PRONOUN", "ACTOR1_REPORTER", "ACTOR1_GROUP_ANAPHOR")
# a place entered after the other side withdrew ("entered the town after a rebel withdrawal"): taken
ENTERED_RULE = "CONTROL_ENTERED_AFTER_WITHDRAWAL"
# a taking of people or things ("captured two tanks"): no place changed hands
NO_PLACE_TAKEN_RULE = "CONTROL_NO_PLACE_TAKEN"
# a site named after a town ("captured the Tabqa airbase"): the site changed hands, not the town
SITE_TAKEN_RULE = "CONTROL_SITE_NOT_ITS_TOWN"
# a part of a place taken ("captured 70% of the town"): who holds the place as a whole is not told
PART_TAKEN_RULE = "CONTROL_ONLY_PART_TAKEN"
# a change told as happening again and again ("regained the city several times"): no one change, no one date
HABITUAL_RULE = "CONTROL_TOLD_AS_HABITUAL"
# a withdrawal placed where it went ("retreated towards X"): X did not change hands
DESTINATION_RULE = "CONTROL_NOT_OF_A_DESTINATION"
# the rule an event carries when the control change it told was dropped: its taker is no party to the fighting
NOT_A_PARTY_RULE = "CONTROL_NOT_A_PARTY"
NOT_A_PARTY = "its holder fought no one in the document"
UNARMED = frozenset({CIVILIANS, PROTESTERS, RIOTERS})  # inter codes of those who hold no ground by force


class ControlCoder:
    """Reads a sentence's statements of control and decides the claims they and its events make. Build once."""

    def __init__(self, gazetteer: Gazetteer, registry: ActorRegistry, sides: SideResolver,
                 reader: ControlReader | None = None) -> None:
        self.gazetteer = gazetteer
        self.registry = registry
        self.sides = sides
        self.reader = reader or ControlReader()

    def find(self, ctx: SentenceContext) -> None:
        """The sentence's statements of who holds a place (`ctx.statements`); a place said to be held is taken
        from that holder by its next capture."""
        # "the rebels were in control of the crossing": a generic noun stands for the place it refers back to
        places = ctx.places + ctx.place_references
        ctx.statements = self.reader.read(ctx.span, places, ctx.mentions, self.sides.holder_reader(ctx))
        for st in ctx.statements:
            if st.kind == "held":
                ctx.memory.holders[st.entry.name] = st.holder.id

    def decide(self, ctx: SentenceContext, event: Event, trigger: TriggerMatch, loc: Location, coded1: Actor,
               coded2: Actor | None, year: int) -> None:
        """The event's `control_change`, and the rules that made or withheld it: none for a change only tried
        (ATTEMPTED_RULE), one told as happening again and again (HABITUAL_RULE), a taking of people or things
        (NO_PLACE_TAKEN_RULE), of a site named after the place (SITE_TAKEN_RULE) or of a part of it
        (PART_TAKEN_RULE), a withdrawal placed where it went (DESTINATION_RULE), or one placed at the narrative's
        place that its words do not tell of it; one told of no place of its own is of the narrative's
        (NARRATIVE_PLACE_RULE)."""
        territory = event.sub_event_type in TERRITORY_BY_FORCE or event.sub_event_type == TRANSFERRED_PEACEFULLY
        taking = trigger.rule.is_territory
        if not territory and self.entered_after_withdrawal(ctx, trigger):
            event.rules.append(ENTERED_RULE)  # "entered the town after a rebel withdrawal": the place was taken
            taking = True
        elif not territory:
            if trigger.rule.id in SIEGE_BROKEN_RULES and self.attempted(trigger):
                event.rules.append(ATTEMPTED_RULE)
            return
        elif self.attempted(trigger):
            event.rules.append(ATTEMPTED_RULE)
            return
        elif self.habitual(trigger):
            event.rules.append(HABITUAL_RULE)
            return
        elif taking and self.takes_no_place(trigger):
            event.rules.append(NO_PLACE_TAKEN_RULE)  # "captured two armoured carriers": taken in the fight
            return
        elif taking and loc.how == "named" and self.takes_a_site_of(ctx, trigger, loc.start, len(loc.surface)):
            event.rules.append(SITE_TAKEN_RULE)
            return
        elif taking and self.takes_part_of(ctx, trigger, _named_at(ctx, loc)):
            event.rules.append(PART_TAKEN_RULE)
            return
        elif event.sub_event_type == TRANSFERRED_PEACEFULLY and self.is_destination(ctx, trigger, loc.start):
            event.rules.append(DESTINATION_RULE)
            return
        elif loc.how == "narrative":
            if not self.of_narrative_place(trigger):
                return
            event.rules.append(NARRATIVE_PLACE_RULE)
        event.control_change = self.change(ctx, loc.entry, coded1, coded2, event.sub_event_type, year, taking=taking)
        ctx.memory.remember_change(event)

    def change(self, ctx: SentenceContext, entry: GazetteerEntry, coded1: Actor, coded2: Actor | None,
               sub_type: str, year: int, taking: bool = False) -> dict:
        """An event's `control_change`: who held the place before and after. A handover goes from actor1 to
        actor2; a capture from actor2, else the place's known holder, to actor1, and so does a taking told as
        peaceful (`taking`: "the army entered the village without a fight")."""
        holders = ctx.memory.holders
        name = lambda a: self.registry.name(a, entry.country, year) if a else None
        if coded2 is not None and _one_side(coded1, coded2):
            coded2 = None  # "Russia had withdrawn its units" hands nothing to Russia's government
        if sub_type == TRANSFERRED_PEACEFULLY and not taking:
            holders.pop(entry.name, None)
            return {"place": entry.name, "from": name(coded1), "to": name(coded2)}
        previous = holders.get(entry.name)
        before = coded2 or (self.registry.get(previous) if previous else None)
        if before is not None and _one_side(coded1, before):
            before = None  # a side does not take a place from itself
        holders[entry.name] = coded1.id
        return {"place": entry.name, "from": name(before), "to": name(coded1)}

    @staticmethod
    def entered_after_withdrawal(ctx: SentenceContext, trigger: TriggerMatch) -> bool:
        """Whether a side entering a place is told as taking it: its sentence tells, as the entering's background,
        that the other side had left ("entered the town after a rebel withdrawal")."""
        verb = trigger.head
        if verb.lemma_.lower() not in word_set("entering_lemmas"):
            return False
        marks = word_set("after_words")
        after = [c for c in verb.children if (c.dep_ == "prep" and c.lower_ in marks) or (
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children))]
        return any(t.lemma_.lower() in word_set("withdrawal_words") for c in after for t in c.subtree)

    @staticmethod
    def takes_no_place(trigger: TriggerMatch) -> bool:
        """Whether what a verb of taking takes is no place: its object, or the subject of its passive, is people
        or things ("captured two armoured carriers", "96 were captured", "seized a vehicle")."""
        taken = ControlCoder.taken_things(trigger)
        things = word_set("captured_things")
        # "eight of the checkpoints": what the number counts; "96 were captured": a number alone counts people
        counted = [syntax.counted(t) for t in taken]
        return bool(counted) and all(t.lemma_.lower() in things or t.lower_ in things or t.pos_ == "NUM"
                                     for t in counted)

    @staticmethod
    def taken_things(trigger: TriggerMatch) -> list[Token]:
        """What a verb of taking takes: its object, or the subject of its passive."""
        head = trigger.head
        taken = [c for c in head.children if c.dep_ == "dobj"]
        subject = syntax.raised_subject(head)
        if subject is not None and subject.dep_ == "nsubjpass":
            taken.append(subject)
        return taken

    @classmethod
    def takes_a_site_of(cls, ctx: SentenceContext, trigger: TriggerMatch, start: int, length: int) -> bool:
        """Whether the place named at `start` (`length` characters) only names the site taken: "captured the Tabqa
        airbase", "the Safir hotel was seized", "seized the buildings of Tabqa" (a site named after a town, on the
        road to it or in it, is not the town); not "captured the town of Tabqa", nor a site the gazetteer knows by
        its whole name ("Kuweires Airbase")."""
        token = ctx.token_at(start) if start >= 0 else None
        if token is None:
            return False
        sites = word_set("facility_nouns")
        return any(t.lemma_.lower() in sites and not start <= ctx.char(t) < start + length and token in t.subtree
                   for t in cls.taken_things(trigger))

    @classmethod
    def takes_part_of(cls, ctx: SentenceContext, trigger: TriggerMatch, start: int) -> bool:
        """Whether what was taken is a part of the place named at `start`: "captured roughly 70% of the town",
        "overran large parts of the city", "took most of Aleppo"; not "the ISIL-held parts of the city", the
        rest of it."""
        token = ctx.token_at(start) if start >= 0 else None
        if token is None:
            return False
        parts, rest = word_set("partitive_words"), word_set("remainder_words")
        # "the IS-held parts of the city", "the remaining parts": all the other side held there, so the place
        return any((t.lemma_.lower() in parts or t.lower_ in parts) and token in t.subtree and token.i > t.i
                   and not any(c.dep_ == "amod" and c.lower_ in rest for c in t.children)
                   for t in cls.taken_things(trigger))

    @staticmethod
    def habitual(trigger: TriggerMatch) -> bool:
        """Whether a change of hands is told as happening again and again: "the army regained control of the city
        several times", "the village changed hands repeatedly"."""
        verb = syntax.clause_verb(trigger.head)
        return any(c.dep_ in ("npadvmod", "advmod", "prep") and pattern("habitual_change").search(
            " ".join(t.text for t in c.subtree)) for head in {trigger.head, verb} for c in head.children)

    @staticmethod
    def attempted(trigger: TriggerMatch) -> bool:
        """Whether a change of hands is told as only tried: "to try to lift the siege", "attempted to recapture
        the town" (the fight happened; who held the place did not change). Any word of the trigger counts: "lift"
        of "lift ... siege" is the one the attempt governs."""
        return any(syntax.is_attempt(token) for token in trigger.tokens)

    @staticmethod
    def is_destination(ctx: SentenceContext, trigger: TriggerMatch, start: int) -> bool:
        """Whether the place named at `start` is where a withdrawal went, not what it left: "retreated towards the
        town of al-Sour", "withdrew to Idlib"."""
        token = ctx.token_at(start) if start >= 0 else None
        node = token
        for _ in range(8):
            if node is None or node.i == trigger.head.i or node.head.i == node.i:
                return False
            if node.dep_ == "prep" and node.lower_ in word_set("destination_preps"):
                return True
            node = node.head
        return False

    @staticmethod
    def of_narrative_place(trigger: TriggerMatch) -> bool:
        """Whether a change of hands placed at the narrative's place, for want of one in its sentence, is told of
        that place: the trigger takes no object ("Russian forces withdrew", "it was captured"), so it can only be
        about the place the story is at; "the army captured several villages" is about other places, and "96 were
        captured" about prisoners."""
        if any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in word_set("left_place_preps"))
               for c in trigger.head.children):
            return False
        # a passive names what was taken as its subject: "it was captured" is the story's place, "96 were captured"
        # and "they were captured" are prisoners
        subject = syntax.raised_subject(trigger.head)
        return subject is None or subject.dep_ != "nsubjpass" or subject.lower_ in word_set("place_pronouns")

    def earlier_captures(self, ctx: SentenceContext) -> None:
        """A capture told as the past of this sentence's event ("the weapons it seized after recapturing Palmyra")
        makes no event of its own (its day is not told), but it says who held the place by then: a control claim
        whose window runs from the date the story had reached to this sentence's date."""
        earlier = [t for t in ctx.realis if t not in ctx.main and t.rule.is_territory]
        if not earlier:
            return
        when = EventDater.statement_date(ctx)
        if when is None:
            return
        first = ctx.clock.anchor.date_start if ctx.clock.anchor is not None else when.date_start
        by_token = {tok.i: t for t in ctx.realis for tok in t.tokens}
        for p in ctx.places:
            trigger = governing(p.root, by_token)
            if p.reference or trigger is None or trigger not in earlier or p.entry.is_area:
                continue
            self._earlier_capture(ctx, p.entry, trigger, min(first, when.date_end), when.date_end)

    def _earlier_capture(self, ctx: SentenceContext, entry: GazetteerEntry, trigger: TriggerMatch, first: date,
                         last: date) -> None:
        taker, how = self.sides.agent(ctx, trigger)
        if taker is None or how in INDIRECT_TAKER_RULES:
            return  # only a taker the sentence names: "it seized after recapturing" may be anyone told before
        memory = ctx.memory
        taker = self.registry.national(self.registry.coded(taker, entry.country, last.year)[0], entry.country)
        opponent = memory.opponents.get(taker.id) or memory.holders.get(entry.name)
        previous = self._display(self.registry.get(opponent), entry, last) if opponent and opponent != taker.id else ""
        memory.holders[entry.name] = taker.id
        memory.control_claims.append(self._claim(ctx, entry, first, last, self._display(taker, entry, last),
                                                 previous, "captured", trigger.rule.id, ctx.evidence()))

    def statements(self, ctx: SentenceContext, events: list[Event]) -> list[Event]:
        """Record the sentence's statements of control, dated; return its events less the captures the sentence
        itself denies ("overran A and B, leaving C as the last stronghold in ISIL's grip": C was not taken)."""
        if not ctx.statements:
            return events
        kept, taken = self._undenied(ctx, events)
        when = EventDater.statement_date(ctx)
        if when is None:
            return kept
        evidence = ctx.evidence()
        for st in ctx.statements:
            if st.entry.name in taken:
                continue  # the event says who held it before and after
            holder = self._display(st.holder, st.entry, when.date_start)
            controller, previous = (holder, "") if st.kind == "held" else ("", holder)
            if st.kind == "lost":
                winner = st.winner.id if st.winner is not None else ctx.memory.opponents.get(st.holder.id)
                controller = self._display(self.registry.get(winner), st.entry, when.date_start) if winner else ""
            ctx.memory.control_claims.append(self._claim(ctx, st.entry, when.date_start, when.date_end, controller,
                                                         previous, st.kind, st.rule, evidence))
        return kept

    @staticmethod
    def settle(events: list[Event], memory: DocumentMemory) -> None:
        """Once the document is read: a place is held only by a party to the fighting. A handover to or from the
        unarmed ("civilians were evacuated out of Hostomel") tells no control, a capture from them is from whoever
        held the place, and a statement that gives a place to a side that fought no one in the document (a state
        only named there, a reader's slip of a pronoun) is dropped: `memory.dropped_claims` keeps it with why. A
        document that tells no fighting is taken at its word."""
        for e in events:
            if not e.control_change:
                continue
            unarmed = {a for a, inter in ((e.actor1, e.inter1), (e.actor2, e.inter2)) if a and inter in UNARMED}
            to, before = e.control_change.get("to"), e.control_change.get("from")
            if to in unarmed or (before in unarmed and e.sub_event_type == TRANSFERRED_PEACEFULLY):
                e.control_change = None  # the evacuated hand over nothing and take nothing
                e.rules.append(NOT_A_PARTY_RULE)
            elif before in unarmed:
                e.control_change = {**e.control_change, "from": None}  # taken from whoever held it, not them
        parties = fighting_sides(events)
        if not parties:
            return  # a report that tells no fighting gives no ground to judge its statements by
        kept = []
        for claim in memory.control_claims:
            if claim.controller and strip_years(claim.controller) not in parties:
                memory.dropped_claims.append((claim, NOT_A_PARTY))
            else:
                kept.append(claim)
        memory.control_claims = kept

    def _undenied(self, ctx: SentenceContext, events: list[Event]) -> tuple[list[Event], set[str]]:
        """The events whose change of hands no statement of the sentence denies, and the places they took."""
        # "ISIL-held X" tells the state before (the compound form); the others the state the sentence leaves
        still_held: dict[str, set[str]] = {}
        for st in ctx.statements:
            if st.kind == "held" and st.rule != COMPOUND_HELD_RULE:
                still_held.setdefault(st.entry.name, set()).add(strip_years(self._display(st.holder, st.entry)))
        taken = set()
        kept = []
        for e in events:
            if (e.control_change and e.location in still_held
                    and strip_years(e.actor1) not in still_held[e.location]):
                continue
            if e.control_change:
                taken.add(e.location)
            kept.append(e)
        return kept, taken

    def _claim(self, ctx: SentenceContext, entry: GazetteerEntry, first: date, last: date, controller: str,
               previous: str, kind: str, rule: str, evidence: Evidence) -> ControlClaim:
        country = self.gazetteer.country(entry.country)
        return ControlClaim(place=entry.name, iso3=country.iso3 if country else "", admin1=entry.admin1,
                            latitude=round(entry.latitude, 4), longitude=round(entry.longitude, 4),
                            date_start=first.isoformat(), date_end=last.isoformat(), controller=controller,
                            previous=previous, kind=kind, rule=rule, doc_id=ctx.document.id, evidence=evidence)

    def _display(self, actor: Actor, entry: GazetteerEntry, when: date | None = None) -> str:
        return self.registry.name(actor, entry.country, when.year if when else None)


def _named_at(ctx: SentenceContext, loc: Location) -> int:
    """Where in the sentence the words that name the event's place start: a name's, or those of a noun that refers
    back to a place ("the town"); -1 for a place the sentence does not name."""
    if loc.start >= 0 or loc.how != "anaphor":
        return loc.start
    return next((r.start for r in ctx.place_references if r.entry == loc.entry and r.text == loc.surface), -1)


def _one_side(a: Actor, b: Actor) -> bool:
    """The same actor, or one state's forces under two names (its military and its government)."""
    return a.id == b.id or (bool(a.country) and a.country == b.country and a.inter == b.inter == STATE_FORCES)


def fighting_sides(events: list[Event]) -> set[str]:
    """The names (less their years) of the armed sides that fought in some event: either side of a battle or a
    strike, whoever took a place, the perpetrator of violence against civilians."""
    sides = set()
    for e in events:
        if e.event_type in (BATTLES, EXPLOSIONS) or e.control_change:
            sides.update(strip_years(a) for a, inter in ((e.actor1, e.inter1), (e.actor2, e.inter2))
                         if a and inter not in UNARMED)
        elif e.event_type == VIOLENCE_AGAINST_CIVILIANS and e.actor1 and e.inter1 not in UNARMED:
            sides.add(strip_years(e.actor1))
    return sides
