"""Coding events: sentence by sentence, a trigger and the places it governs make events, one per location.

The coder reads a document in order, as a careful human coder does, keeping a `NarrativeClock` (the date the story
has reached) and a `DocumentMemory` (the places and actors it has named, who fights whom), so that "the next day",
"the group" and "the airbase" resolve to what the narrative means.

Each stage finds its mentions and decides its fields (see ARCHITECTURE.md for the route): the coder runs the
finders over a sentence in order (time, actors, casualties, places, events, control), then, for each place an event
happened at, the deciders (time, actors, events, places, casualties, control), and assembles the `Event`.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import syntax
from ..lang import word_set
from ..actors import ActorRegistry
from ..actors.sides import CIVILIAN_ACTOR, POLICE_ACTOR, SideResolver, Sides
from ..casualties import CasualtyReader
from ..casualties.attach import TollAttacher
from ..context import DocumentMemory, Sentence, SentenceContext
from ..control.claims import ControlCoder
from ..documents import CleanText, Document, clean_text
from ..model import (DATE_FROM_NARRATIVE, LET_GO_BACKGROUND, LET_GO_CONFIDENCE, LET_GO_NEGATED, LET_GO_NO_DATE, LET_GO_NO_PLACE,
                     LET_GO_NOT_HAPPENED, LET_GO_SAME_PLACE, LET_GO_PERIOD_TOLL, LET_GO_TOLL, CodedDocument, Event)
from ..nlp import Prepass, load_pipeline, split_blocks
from ..options import DEFAULT_MIN_CONFIDENCE, CodingOptions
from ..outlets import OUTLETS
from ..places import Gazetteer
from ..places.location import EventLocator, Location
from ..time import TimeExpression, TimexTagger, year_hint
from ..time.dating import EventDater
from ..taxonomy import (ABDUCTION, ARMED_CLASH, ARRESTS, ATTACK, BATTLES, CIVILIANS, CIVILIAN_TARGETING,
                        DEMONSTRATION_TYPES, EXCESSIVE_FORCE, LOOTING, MOB_VIOLENCE, PEACEFUL_PROTEST, PROTESTERS,
                        PROTESTS, PROTEST_WITH_INTERVENTION, STATE_FORCES, SUB_EVENT_TYPES, TERRITORY_BY_FORCE,
                        TRANSFERRED_PEACEFULLY, VIOLENCE_AGAINST_CIVILIANS, VIOLENT_DEMONSTRATION)
from .classifier import NONE, LinearModel, features
from .crowd import CROWD_SIZE_RULE, crowd_tag
from .event_types import TypedTrigger, hits_one_side, type_trigger
from .gate import SentenceGate
from .triggers import TriggerLexicon, TriggerMatch, TriggerRule

PEOPLE_FOR_PLACES = 0.1  # what a people's name or a side counts for beside the places a document names
# objects that give a conflict verb another sense ("captured the moment"): no event
OTHER_SENSE_OBJECTS = word_set("other_sense_objects")
OTHER_SENSE_SUBJECTS = word_set("other_sense_subjects")  # "rockets fell": no place changed hands

# the longest run of sentences parsed as one text: spaCy parses a long text more slowly a word (64,000 words of
# Wikipedia in blocks of 50,000 characters took 11.6-12.4 s, in lines of at most 2,000 characters 10.2 s), and a
# sentence's parse looks only a few words beyond it
RUN_CHARS = 2_000
PARSE_BATCH_CHARS = 100_000  # the most text spaCy parses at once (memory grows with it; speed hardly does)
CIVILIAN_PLACE_RULE = "TYPE_CIVILIAN_TARGETS"  # the type rule that makes the people of the place hit the victims
# the classifier's probability above which a sentence with no trigger is read as telling an event of its type (the
# model, learned with the rules' features, gives a text with none of them much of its mass as NONE)
MODEL_EVENT = 0.3
MODEL_NONE = 0.5  # ... and its probability of telling no event at most this
MODEL_PRIORITY = 10  # below every lexicon trigger's: the model's reading never outranks a word the lexicon knows


@lru_cache(maxsize=None)
def model_rule(sub_event_type: str) -> TriggerRule:
    """The trigger rule of an event the classifier read in a sentence the lexicon found no trigger in."""
    rule_id = "MODEL_" + re.sub(r"[^A-Z]+", "_", sub_event_type.upper()).strip("_")
    return TriggerRule(rule_id, (), SUB_EVENT_TYPES[sub_event_type], sub_event_type, MODEL_PRIORITY, "", "")


TERRITORY_CHANGES = frozenset({*TERRITORY_BY_FORCE, TRANSFERRED_PEACEFULLY})
# what protesters do that makes their protest a violent demonstration (ACLED: demonstrators who engage in violence)
VIOLENCE_OF_A_CROWD = frozenset({MOB_VIOLENCE, LOOTING, ARMED_CLASH, ATTACK})
ACTOR1_WHO_ACTS = ("ACTOR1_NSUBJ", "ACTOR1_AGENT")  # actor1 read as the subject or "by" agent of the trigger
# what the confidence loses for a place or date found less directly
PLACE_DOUBT = {"named": 0.0, "anaphor": 0.15, "area": 0.3, "narrative": 0.3, "near": 0.15, "sentence": 0.1,
               "country": 0.3}


def _shares(weights: Counter) -> dict[str, float]:
    """Each country's share of the weights (those above nothing)."""
    total = sum(weights.values()) or 1
    return {k: v / total for k, v in weights.items() if v > 0}


class EventCoder:
    """Codes documents into events. Build once (it loads the model, the gazetteer, the lexicons); call per batch.

    >>> coder = EventCoder()
    >>> events = coder.code_one(Document("On 3 May 2016, ISIL captured the town of Hajin.", id="t"))
    >>> [(e.event_date, e.sub_event_type, e.actor1, e.location) for e in events]
    [('2016-05-03', 'Non-state actor overtakes territory', 'Islamic State', 'Hajīn')]
    """

    def __init__(self, *, nlp: Language | None = None, gazetteer: Gazetteer | None = None,
                 registry: ActorRegistry | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                 parse_all: bool = False) -> None:
        self.nlp = nlp or load_pipeline()
        self.gazetteer = gazetteer or Gazetteer()
        self.registry = registry or ActorRegistry()
        self.lexicon = TriggerLexicon()
        self.model = LinearModel.load()  # the classifier's weights: a sentence with no trigger it reads as an event
        self.min_confidence = CodingOptions(min_confidence=min_confidence).min_confidence  # checked: 0-1
        self.parse_all = parse_all  # parse every sentence, not only those the gate lets in
        # the stages, in route order
        self.time = EventDater(TimexTagger())
        self.actors = SideResolver(self.registry)
        self.casualties = TollAttacher(CasualtyReader(self.registry.source_aliases()))
        self.places = EventLocator(self.gazetteer)
        self.control = ControlCoder(self.gazetteer, self.registry, self.actors)
        self.prepass = Prepass(self.nlp)
        self.gate = SentenceGate(self.prepass, self.time.tagger, self.lexicon, self.casualties.reader,
                                 self.control.reader, self.model, MODEL_EVENT, MODEL_NONE, NONE,
                                 frozenset(TERRITORY_CHANGES))

    @property
    def dates(self) -> TimexTagger:
        return self.time.tagger

    # ------------------------------------------------------------ documents

    def code(self, documents: Iterable[Document], *, batch_size: int = 16,
             time_mode: str | None = None) -> Iterator[tuple[Document, list[Event]]]:
        """(document, its events) for each document, in order; spaCy runs over blocks of many documents at once.

        `time_mode` ("news" or "narrative") overrides the anchoring mode chosen for each document.
        """
        for coded in self.code_full(documents, batch_size=batch_size, time_mode=time_mode):
            yield coded.document, coded.events

    def code_one(self, document: Document) -> list[Event]:
        return next(iter(self.code([document])))[1]

    def code_full(self, documents: Iterable[Document], *, batch_size: int = 16,
                  time_mode: str | None = None) -> Iterator[CodedDocument]:
        """As `code`, with each document's tolls over a period ("since 10 September, 922 ... had died"), which
        belong to no one event, and its statements of who held which place."""
        CodingOptions(time_mode=time_mode)  # checks it: an OptionError names a mode that is not one
        pending: list[tuple[Document, CleanText, list[tuple[int, str]]]] = []
        for doc in documents:
            clean = clean_text(doc.text, doc.kind)
            pending.append((doc, clean, split_blocks(clean.text)))
            if len(pending) >= batch_size:
                yield from self._run(pending, time_mode)
                pending = []
        if pending:
            yield from self._run(pending, time_mode)

    def _run(self, pending, time_mode: str | None) -> Iterator[CodedDocument]:
        """Each document of `pending` coded, in order. The first pass cuts its blocks into sentences; the runs of
        sentences the gate lets in are parsed (each run one text, so that the parse sees them as it would in the
        whole), and the others are read lightly."""
        plans: list[list] = []  # per document: its sentences in order, each a Sentence or the index of a run
        runs: list[tuple[str, int]] = []  # (text, document) of each run of sentences to parse
        run_at: list[int] = []  # where each run starts in its document's clean text
        for i, (_, _, blocks) in enumerate(pending):
            plan: list = []
            for offset, block in blocks:
                first = last = None
                for sent in [*self.prepass.sentences(block), None]:
                    if sent is not None and not sent.text.strip():
                        continue
                    parse = sent is not None and (self.parse_all or bool(self.gate.reason(sent)))
                    # a run ends at a sentence left unparsed, at a line's end, and at RUN_CHARS
                    if first is not None and (not parse or block[sent.start_char - 1] == "\n"
                                              or sent.end_char - first > RUN_CHARS):
                        plan.append(len(runs))
                        runs.append((block[first:last], i))
                        run_at.append(offset + first)
                        first = None
                    if parse:
                        first = sent.start_char if first is None else first
                        last = sent.end_char
                    elif sent is not None:
                        plan.append(Sentence(sent, sent.text, offset + sent.start_char, parsed=False))
            plans.append(plan)
        parsed: dict[int, list[Sentence]] = {}
        left = [sum(isinstance(x, int) for x in plan) for plan in plans]  # runs of each document not yet parsed
        done = 0  # documents coded: each is coded, and its parses let go, as soon as its last run is parsed

        def code(i: int) -> CodedDocument:
            doc, clean, _ = pending[i]
            sentences = [s for x in plans[i] for s in (parsed.pop(x) if isinstance(x, int) else [x])]
            plans[i] = []
            return self._code_document(doc, clean, sentences, time_mode)

        for k, (sdoc, i) in enumerate(self._parse(runs)):
            parsed[k] = [Sentence(sent, sent.text, run_at[k] + sent.start_char) for sent in sdoc.sents
                         if sent.text.strip()]
            left[i] -= 1
            while done < len(pending) and left[done] == 0:
                yield code(done)
                done += 1
        while done < len(pending):  # documents with nothing left to parse
            yield code(done)
            done += 1

    def _parse(self, texts: list[tuple[str, int]]) -> Iterator[tuple[Doc, int]]:
        """spaCy's parses of the texts (runs of sentences), in order, in batches of at most PARSE_BATCH_CHARS
        characters: spaCy holds a whole batch's activations at once, so a batch counted in texts, not characters,
        made a run of long articles take gigabytes."""
        batch: list[tuple[str, int]] = []
        size = 0
        for item in texts:
            if batch and size + len(item[0]) > PARSE_BATCH_CHARS:
                yield from _without_tensors(self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
                batch, size = [], 0
            batch.append(item)
            size += len(item[0])
        if batch:
            yield from _without_tensors(self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))

    # ------------------------------------------------------------ one document

    def _code_document(self, doc: Document, clean: CleanText, sentences: list[Sentence],
                       time_mode: str | None) -> CodedDocument:
        memory = self._prescan(clean.text, sentences)
        clock = self.time.tagger.clock_for(clean.text, doc.date, mode=time_mode,
                                           year_hint=year_hint(doc.title) or year_hint(doc.date_text))
        events: list[Event] = []
        for s in sentences:
            ctx = SentenceContext(doc, clean, s, clock, memory)
            if s.parsed:
                events.extend(self._code_sentence(ctx))
            else:
                self._read_lightly(ctx)
        self.control.settle(events, memory)
        return CodedDocument(doc, events, memory.period_totals, memory.control_claims, let_go=dict(memory.let_go),
                             dropped_claims=list(memory.dropped_claims), sentences=len(sentences),
                             parsed=sum(s.parsed for s in sentences))

    def _prescan(self, text: str, sentences: list[Sentence]) -> DocumentMemory:
        """Which countries the document is about and who its actors are, before reading it in order."""
        memory = DocumentMemory()
        places, people = self.places.country_weights(sentences, memory.admins)
        weights = places + people
        self.actors.count(text, memory, weights)  # the countries of its fighting sides, with its people
        memory.countries = _shares(weights)
        memory.names_places = bool(+places)
        # where its events are: the countries its places say, a people or a side's only faintly beside them
        # (Turkish strikes in Dahuk are in Iraq), unless it names no place
        people = weights - places
        memory.place_countries = _shares(places + Counter({k: v * PEOPLE_FOR_PLACES for k, v in people.items()}))
        return memory

    # ------------------------------------------------------------ one sentence

    def _read_lightly(self, ctx: SentenceContext) -> None:
        """A sentence the gate did not let in (no trigger, toll, statement of control or flashback can be in it):
        what it tells the narrative without a parse. Its dates move the story's clock and the periods it tells are
        kept for the figures after them, as `_code_sentence` does for a sentence with no event; the places it names
        that the gazetteer knows are remembered. It ends with a stop, so it is no heading, and it has no "had" with a
        time in it, so it is no flashback that leaves the clock where it was."""
        self.time.find(ctx)
        self.casualties.find(ctx)
        self.places.remember_named(ctx)
        self.time.advance(ctx, [])


    def _find(self, ctx: SentenceContext) -> None:
        """Every stage finds its mentions in the sentence, in route order."""
        self.time.find(ctx)
        self.actors.find(ctx, self.time.year(ctx))
        self.casualties.find(ctx)
        blocked = ([(m.start, m.end) for m in ctx.mentions] + [(t.start, t.end) for t in ctx.times]
                   + self.casualties.source_spans(ctx))  # no place is read in a name, a date or a source
        self.places.find(ctx, blocked)
        self._find_triggers(ctx)
        self.control.find(ctx)
        self.control.earlier_captures(ctx)

    def _find_triggers(self, ctx: SentenceContext) -> None:
        """The sentence's triggers that are not negated, those told as having happened (not in a heading), and
        those of them that are not the background of another event."""
        found = self.lexicon.match(ctx.span) or self._model_trigger(ctx)
        ctx.triggers = [t for t in found if not syntax.is_negated(t.head)
                        and not any(c.dep_ == "dobj" and c.lemma_.lower() in OTHER_SENSE_OBJECTS
                                    for c in t.head.children)  # "captured the moment": another sense
                        and not (t.rule.is_territory and _subject_lemma(t) in OTHER_SENSE_SUBJECTS)]
        title = syntax.is_title(ctx.span)  # a heading names a campaign the sentences under it tell
        ctx.realis = [t for t in ctx.triggers if not title and not syntax.is_irrealis(_told_at(t))
                      and not syntax.is_generic_present(_told_at(t), bool(ctx.dates))]
        ctx.main = [t for t in ctx.realis if not syntax.is_background(_told_at(t))]
        let_go = ctx.memory.let_go
        let_go[LET_GO_NEGATED] += len(found) - len(ctx.triggers)
        let_go[LET_GO_NOT_HAPPENED] += len(ctx.triggers) - len(ctx.realis)
        let_go[LET_GO_BACKGROUND] += len(ctx.realis) - len(ctx.main)

    def _model_trigger(self, ctx: SentenceContext) -> list[TriggerMatch]:
        """A sentence the lexicon finds no trigger in, that the classifier reads as telling an event of one type
        with confidence (MODEL_EVENT or more, NONE at most MODEL_NONE): a trigger of that type on the word that spoke most for it, ruled
        MODEL_<type>, so the event is coded with what else the sentence tells rather than lost. A sentence with no
        date and no place the coder could tie an event to is not read (a line of background)."""
        if not (ctx.dates or ctx.places) or syntax.is_title(ctx.span):
            return []
        feats = features(ctx.span, [])
        probs = dict(zip(self.model.labels, self.model.scores(feats)))
        # a change of hands needs a word of taking: a sentence that only says who holds a place is the control
        # stage's statement, not an event
        label = max((lab for lab in probs if lab != NONE and lab not in TERRITORY_CHANGES), key=lambda lab: (
            probs[lab], lab))
        if probs[label] < MODEL_EVENT or probs.get(NONE, 0.0) > MODEL_NONE:
            return []
        words = [f[2:] for f in self.model.explain(feats, label, n=3) if f.startswith("w:")]
        token = next((t for w in words for t in ctx.span if t.lemma_.lower() == w), None)
        if token is None:
            return []
        rule = model_rule(label)
        return [TriggerMatch(rule, (token,))]

    def _code_sentence(self, ctx: SentenceContext) -> list[Event]:
        """The sentence's events: one per place each of its main triggers happened at. A sentence that only adds
        a toll to the event just told makes none, nor does one with no trigger (its statements of control still
        count)."""
        self._find(ctx)
        if not ctx.main:
            self._force_on_protest(ctx, [])
            self.control.statements(ctx, [])
            self.time.advance(ctx, [])
            if (ctx.tolls.claims and self.casualties.follows_a_toll_event(ctx) and not ctx.places
                    and not self.time.has_day(ctx)):
                self.casualties.attach_to_previous(ctx)
            return []
        let_go = ctx.memory.let_go
        if self.casualties.belongs_to_previous(ctx, self.time.has_day(ctx)):
            self.casualties.attach_to_previous(ctx)
            let_go[LET_GO_TOLL] += len(ctx.main)
            return []  # no place named here: no statement of control either
        if self.casualties.only_counts_a_period(ctx, self.time.has_day(ctx)):
            let_go[LET_GO_PERIOD_TOLL] += len(ctx.main)
            self.control.statements(ctx, [])
            self.time.advance(ctx, [])
            return []
        if self.casualties.only_kills_again(ctx):
            if ctx.tolls.claims:
                self.casualties.attach_to_previous(ctx)
            let_go[LET_GO_TOLL] += len(ctx.main)
            return []
        events = []
        locations = self.places.locate(ctx)
        placed = {id(loc.trigger) for loc in locations}
        let_go[LET_GO_SAME_PLACE if locations else LET_GO_NO_PLACE] += sum(id(t) not in placed for t in ctx.main)
        for location in locations:
            event = self._event(ctx, location)  # decided, and remembered by the narrative, even if left out
            if event is None:
                let_go[LET_GO_NO_DATE] += 1
            elif event.confidence < self.min_confidence:
                let_go[LET_GO_CONFIDENCE] += 1
            else:
                events.append(event)
        events = self._force_on_protest(ctx, events)
        self.casualties.attach_to_first(ctx, events)
        events = self.control.statements(ctx, events)
        self.time.advance(ctx, events)
        if events:
            ctx.memory.previous_events = events
            self.casualties.remember(ctx, events)
        return events

    def _force_on_protest(self, ctx: SentenceContext, events: list[Event]) -> list[Event]:
        """ "The police intervened and arrested ten", told right after a protest at no other place: the force used
        on that protest (ACLED codes one protest with intervention, the forces its other side), not an event of
        its own; the sentence's arrests there are that intervention."""
        protests = [e for e in ctx.memory.previous_events if e.sub_event_type == PEACEFUL_PROTEST]
        places = {e.location for e in protests}
        if not protests or any(p.entry.name not in places for p in ctx.places if not p.reference):
            return events
        if not _tells_force_on_crowd(ctx.span):
            return events
        sub, cues = self.lexicon.refine_told(ctx.span, PEACEFUL_PROTEST)
        if sub not in (PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE):
            sub, cues = PROTEST_WITH_INTERVENTION, []
        for e in protests:
            iso2 = next((c.iso2 for c in self.gazetteer.countries.values() if c.iso3 == e.iso3), "")
            state = [m.actor for m in ctx.mentions if self.registry.inter(
                self.registry.national(m.actor, iso2), iso2) == STATE_FORCES]
            force = self.registry.national(state[0] if state else self.registry.get(POLICE_ACTOR), iso2)
            year = int(e.event_date[:4])
            e.sub_event_type, e.actor2, e.inter2 = sub, self.registry.name(force, iso2, year), force.inter
            e.rules += [c.id for c in cues] + ["TYPE_FORCE_TOLD_AFTER" if state else "TYPE_FORCE_TOLD_AFTER_POLICE"]
            e.evidence.append(ctx.evidence())
            e.notes = _notes(e, e.evidence[0].text)
        told = {(e.location, e.event_date) for e in protests}
        return [e for e in events if not (e.sub_event_type in (ARRESTS, ABDUCTION)
                                          and (e.location, e.event_date) in told)]

    # ------------------------------------------------------------ one event

    def _event(self, ctx: SentenceContext, loc: Location) -> Event | None:
        """The event of one trigger at one place: each stage decides its fields, in route order."""
        trigger, entry = loc.trigger, loc.entry
        when, time_rule = self.time.date_event(ctx, trigger)
        if when is None:
            return None
        country = self.gazetteer.country(entry.country)
        country_name = country.name if country else ""
        iso2, year = entry.country, when.date_start.year
        sides = self.actors.decide(ctx, trigger, entry, year)
        event_type, sub_type, type_rules = self._type(ctx, trigger, sides, iso2)
        if self.actors.crowd_changed(trigger, event_type):  # a riot's sides are its rioters and whom they hit
            sides = self.actors.decide(ctx, trigger, entry, year, event_type)
        self.actors.complete(sides, sub_type, iso2)
        rules = [trigger.rule.id, time_rule] + sides.rules + type_rules
        name = lambda actor: self.registry.name(actor, iso2, year) if actor is not None else ""
        e = Event(doc_id=ctx.document.id, event_date=when.date_start.isoformat(),
                  date_start=when.date_start.isoformat(), date_end=when.date_end.isoformat(),
                  time_precision=when.acled_time_precision, event_type=event_type,
                  sub_event_type=sub_type, actor1=name(sides.coded1),
                  assoc_actor_1="; ".join(map(name, self.actors.associates(ctx, sides, iso2))), inter1=sides.inter1,
                  actor2=name(sides.coded2), assoc_actor_2=name(sides.assoc2), inter2=sides.inter2,
                  civilian_targeting=CIVILIAN_TARGETING if sides.inter2 == CIVILIANS else "", iso=country.isonumeric if country else None, iso3=country.iso3 if country else "",
                  region=country.region if country else "", country=country_name, admin1=entry.admin1,
                  admin2=entry.admin2, location=entry.name, latitude=round(entry.latitude, 4),
                  longitude=round(entry.longitude, 4), geo_precision=self.places.geo_precision(ctx, loc),
                  source=ctx.document.source or ctx.document.id,
                  source_scale=OUTLETS.scale(ctx.document.source, iso2), trigger=trigger.text)
        e.rules = [r for r in rules + [loc.rule] if r]
        e.evidence = [ctx.evidence()]
        self.control.decide(ctx, e, trigger, loc, sides.coded1, sides.coded2, year)
        e.confidence = _confidence(loc.how, time_rule, sides.coded2, when)
        e.notes = _notes(e, ctx.text)
        e.spans = _spans(ctx, loc, sides, when if any(when is t for t in ctx.dates) else None)
        if event_type in DEMONSTRATION_TYPES:  # ACLED tags every demonstration with its crowd's size
            e.tags, size = crowd_tag(trigger.tokens)
            if size:
                e.rules.append(CROWD_SIZE_RULE)
                e.spans.append(ctx.word_span("crowd_size", ctx.char(size[0]), ctx.char(size[-1]) + len(size[-1])))
        self.actors.remember(ctx.memory, sides, iso2)
        return e

    def _type(self, ctx: SentenceContext, trigger: TriggerMatch, sides: Sides,
              iso2: str) -> tuple[str, str, list[str]]:
        """ACLED's type and sub-type of the event and the rules that decided them; an attack on a civilian place
        makes its people the other side."""
        typed = type_trigger(trigger, ctx.span, self.lexicon, self.registry, actor1_inter=sides.inter1,
                             actor2_inter=sides.inter2, others=ctx.triggers)
        rules = list(typed.rules[1:])
        if sides.inter1 == CIVILIANS and typed.event_type in (BATTLES, VIOLENCE_AGAINST_CIVILIANS):
            # civilians never act in ACLED: unorganised people who fight ("villagers pelted the police with
            # stones", "residents attacked a man") riot, against the state's forces or against others
            sub = VIOLENT_DEMONSTRATION if sides.inter2 == STATE_FORCES else MOB_VIOLENCE
            return SUB_EVENT_TYPES[sub], sub, rules + ["TYPE_CIVILIANS_FIGHTING_RIOT"]
        if (sides.inter1 == PROTESTERS and typed.sub_event_type in VIOLENCE_OF_A_CROWD
                and any(r in sides.rules for r in ACTOR1_WHO_ACTS)):
            # demonstrators who throw stones, loot or burn: ACLED's violent demonstration, whoever they hit (not
            # demonstrators killed: the crowd must be who acts)
            sub = VIOLENT_DEMONSTRATION
            return SUB_EVENT_TYPES[sub], sub, rules + ["TYPE_PROTESTERS_VIOLENT"]
        one_sided = sides.coded2 is None and typed.sub_event_type == ARMED_CLASH and hits_one_side(trigger)
        if one_sided:
            # "gunmen shot a driver", "militiamen attacked the village": no second armed side, an attack
            typed = TypedTrigger(typed.match, VIOLENCE_AGAINST_CIVILIANS, ATTACK, typed.rules, typed.agent_inter)
            rules.append("TYPE_ONE_SIDED_NO_ARMED_TARGET")
        if sides.coded2 is None and (one_sided or CIVILIAN_PLACE_RULE in typed.rules):
            # "gunmen stormed a hotel": its people are the victims
            sides.coded2 = self.registry.generic(CIVILIAN_ACTOR, iso2)
            sides.inter2 = sides.coded2.inter
            rules.append("ACTOR2_CIVILIAN_PLACE")
        return typed.event_type, typed.sub_event_type, rules


def _without_tensors(parses: Iterator[tuple[Doc, int]]) -> Iterator[tuple[Doc, int]]:
    """The parses, each let go of its tensor (the tok2vec layer's output, 96 floats a token, which the tagger,
    parser and recogniser have read): the stages read words, tags, the tree and entities, and a document's parses
    are all held until it is coded, so a document of megabytes held several times its size in tensors."""
    for doc, i in parses:
        doc.tensor = numpy.zeros((0, 0), dtype="float32")
        yield doc, i


def _subject_lemma(trigger: TriggerMatch) -> str:
    """The lemma of what the trigger's clause is said of ("rockets were reported to have fallen": rocket)."""
    subject = syntax.raised_subject(trigger.head)
    return syntax.counted(subject).lemma_.lower() if subject is not None else ""  # "dozens of shells": shell


def _told_at(trigger: TriggerMatch) -> Token:
    """The word whose clause tells whether a trigger's event happened: its own, but for a protest told as the
    purpose of what a crowd did ("gathered to demand wages", "blocked the road, demanding water"), which happened
    when that act did; a purpose of an intent ("planned to protest") stays the intent's."""
    head = trigger.head
    purpose = head.tag_ == "VBG" or any(c.tag_ == "TO" for c in head.children)
    if (trigger.rule.event_type == PROTESTS and purpose and head.dep_ in ("advcl", "xcomp", "acl")
            and head.head.lemma_.lower() not in word_set("intent_lemmas")):
        return head.head
    return head


def _tells_force_on_crowd(sentence: Span) -> bool:
    """Whether a sentence tells force used on a crowd: a word of crowd control ("dispersed", "intervened",
    "lathi charge"), or many people detained ("20 people were arrested", "arrested dozens"); one man arrested
    is no intervention in a protest (it may be what the protest was about)."""
    for t in sentence:
        lemma = t.lemma_.lower()
        if lemma in word_set("crowd_force_lemmas"):
            return True
        if lemma in word_set("detention_lemmas") and t.pos_ == "VERB":
            held = [c for c in t.children if c.dep_ in ("nsubjpass", "dobj")]
            if any(c.tag_ == "NNS" or c.like_num or any(g.dep_ == "nummod" for g in c.children) for c in held):
                return True
    return False


def _spans(ctx: SentenceContext, loc: Location, sides: Sides, when: TimeExpression | None) -> list[dict]:
    """The words of this sentence that gave the event its trigger, sides, place and date."""
    trigger = loc.trigger
    t_char = ctx.char(trigger.head)
    found = [("trigger", ctx.char(trigger.tokens[0]), ctx.char(trigger.tokens[-1]) + len(trigger.tokens[-1]))]
    for name, actor, coded in (("actor1", sides.actor1, sides.coded1), ("actor2", sides.actor2, sides.coded2)):
        side = lambda m: m.actor is actor or (coded is not None and (m.actor.id, m.actor.parent) == (coded.id, ""))
        named = [m for m in ctx.mentions if actor is not None and side(m)]
        if named:  # a name before a generic word ("the Syrian Army", not "soldiers"), the nearest the trigger
            m = min(named, key=lambda m: (m.actor.is_template, abs(m.start - t_char)))
            found.append((name, m.start, m.end))
    surface = loc.surface if loc.how not in ("narrative", "country") else ""
    at = ctx.text.find(surface) if surface else -1
    if at >= 0:
        found.append(("location", at, at + len(surface)))
    if when is not None:  # a date this sentence gives, not one the narrative had reached
        found.append(("date", when.start, when.end))
    return [ctx.word_span(name, start, end) for name, start, end in found]


def _confidence(how: str, time_rule: str, actor2, when: TimeExpression) -> float:
    """0-1: lower when the place or the date came from the narrative rather than the sentence, when no other side
    is known, and when the date is only known to a window of over a month."""
    c = 0.9 - PLACE_DOUBT[how]
    if time_rule == DATE_FROM_NARRATIVE:
        c -= 0.1
    if actor2 is None:
        c -= 0.1
    if when.days > 31:
        c -= 0.15
    if how == "area" and time_rule == DATE_FROM_NARRATIVE:
        c -= 0.2
    return round(max(c, 0.0), 2)


def _notes(e: Event, sentence: str) -> str:
    who = e.actor1 + (f" against {e.actor2}" if e.actor2 else "")
    return f"On {e.event_date}, {who}: {e.sub_event_type.lower()} at {e.location}. Source text: \"{sentence.strip()}\""
