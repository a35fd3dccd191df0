"""Coding events: sentence by sentence, a trigger and the places it governs make events, one per location.

The coder reads a document in order, as a careful human coder does, keeping a `NarrativeClock` (the date the story
has reached) and a `DocumentMemory` (the places and actors it has named, who fights whom), so that "the next day",
"the group" and "the airbase" resolve to what the narrative means.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors import Actor, ActorMention, ActorRegistry
from ..casualties import CasualtyReader, CasualtyReport, PeriodTotal
from ..control.reader import ControlReader, ControlStatement
from ..documents import CleanText, Document, clean_text
from ..model import CodedDocument, ControlClaim, Event, Evidence, PeriodCasualties
from ..nlp import entities, load_pipeline, split_blocks
from ..places import Gazetteer, GazetteerEntry, PlaceMention, PlaceSpotter
from ..places.spotter import REFERENCE_CUE
from ..time import MODES, NarrativeClock, TimeExpression, TimexTagger, year_hint
from .. import syntax as roles
from ..lang import word_set
from .event_types import TERRITORY_TYPES, type_trigger
from .triggers import TriggerLexicon, TriggerMatch

DEFAULT_MIN_CONFIDENCE = 0.35
PARSE_BATCH_CHARS = 100_000  # the most text spaCy parses at once (memory grows with it; speed hardly does)
AREA_CUES = ("countryside of", "province of", "governorate of", "region of", "desert of", "provinces of",
             "countryside", "province", "governorate", "region", "oblast")
GENERIC_KINDS = {"airbase": ("airbase", "airport"), "air base": ("airbase", "airport"), "airport": ("airport", "airbase"),
                 "base": ("airbase", "military base", "airport"), "city": ("city", "town"), "town": ("town", "city", "village"),
                 "village": ("village", "town"), "mountain": ("mountain",), "oil field": ("oil field",),
                 "field": ("gas field", "oil field"), "district": ("neighbourhood",), "neighbourhood": ("neighbourhood",),
                 "neighborhood": ("neighbourhood",)}
GROUP_ANAPHORS = ("the group", "the militants", "the jihadists", "the insurgents", "the terrorists", "the organization")


@dataclass
class DocumentMemory:
    """What the narrative has told so far."""

    countries: dict[str, float] = field(default_factory=dict)
    actor_counts: Counter = field(default_factory=Counter)
    place_counts: Counter = field(default_factory=Counter)
    places: list[GazetteerEntry] = field(default_factory=list)
    last_actor1: Actor | None = None
    last_group: Actor | None = None
    opponents: dict[str, str] = field(default_factory=dict)
    holders: dict[str, str] = field(default_factory=dict)
    previous_events: list[Event] = field(default_factory=list)
    period_totals: list["PeriodCasualties"] = field(default_factory=list)
    control_claims: list[ControlClaim] = field(default_factory=list)

    def near(self) -> list[tuple[float, float]]:
        return [(e.latitude, e.longitude) for e in self.places[-8:]]

    def remember_place(self, entry: GazetteerEntry) -> None:
        self.places.append(entry)
        self.place_counts[entry] += 1

    def main_place(self) -> GazetteerEntry | None:
        """The place the narrative is about: the most named so far, the latest on a tie."""
        if not self.place_counts:
            return None
        order = {e: i for i, e in enumerate(self.places)}
        return max(self.place_counts, key=lambda e: (self.place_counts[e], order.get(e, -1)))

    def last_of_kind(self, kinds: tuple[str, ...]) -> GazetteerEntry | None:
        for e in reversed(self.places):
            if e.kind in kinds:
                return e
        return None


@dataclass
class _Sentence:
    span: Span
    text: str
    start: int  # offset of the sentence in the clean text

    @cached_property
    def token_starts(self) -> list[int]:
        """Where each token starts, as an offset into `text`."""
        base = self.span.start_char
        return [t.idx - base for t in self.span]


class EventCoder:
    """Codes documents into events. Build once (it loads the model, the gazetteer, the lexicons); call per batch.

    >>> coder = EventCoder()
    >>> events = coder.code_one(Document("On 3 May 2016, ISIL captured the town of Hajin.", id="t"))
    >>> [(e.event_date, e.sub_event_type, e.actor1, e.location) for e in events]
    [('2016-05-03', 'Non-state actor overtakes territory', 'Islamic State', 'Hajīn')]
    """

    def __init__(self, *, nlp: Language | None = None, gazetteer: Gazetteer | None = None,
                 registry: ActorRegistry | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> None:
        self.nlp = nlp or load_pipeline()
        self.gazetteer = gazetteer or Gazetteer()
        self.registry = registry or ActorRegistry()
        self.lexicon = TriggerLexicon()
        self.dates = TimexTagger()
        self.spotter = PlaceSpotter(self.gazetteer)
        self.casualties = CasualtyReader(self.registry.source_aliases())
        self.control = ControlReader()
        self.min_confidence = min_confidence

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
        belong to no one event."""
        if time_mode is not None and time_mode not in MODES:
            raise ValueError(f"time_mode must be one of {', '.join(MODES)}")
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
        texts = [(block, i) for i, (_, _, blocks) in enumerate(pending) for _, block in blocks]
        parsed: dict[int, list[Doc]] = {}
        done = 0  # documents coded: each is coded, and its parses let go, as soon as its last block is parsed

        def code(i: int) -> CodedDocument:
            doc, clean, blocks = pending[i]
            sentences = []
            for (offset, _), sdoc in zip(blocks, parsed.pop(i, [])):
                for sent in sdoc.sents:
                    if sent.text.strip():
                        sentences.append(_Sentence(sent, sent.text, offset + sent.start_char))
            return self._code_sentences(doc, clean, sentences, time_mode)

        for sdoc, i in self._parse(texts):
            parsed.setdefault(i, []).append(sdoc)
            while done < len(pending) and len(parsed.get(done, ())) == len(pending[done][2]):
                yield code(done)
                done += 1
        while done < len(pending):  # documents with no text left to parse
            yield code(done)
            done += 1

    def _parse(self, texts: list[tuple[str, int]]) -> Iterator[tuple[Doc, int]]:
        """spaCy's parses of the blocks, in order, in batches of at most PARSE_BATCH_CHARS characters: spaCy
        holds a whole batch's activations at once, so a batch counted in texts, not characters, made a run of
        long articles take gigabytes."""
        batch: list[tuple[str, int]] = []
        size = 0
        for item in texts:
            if batch and size + len(item[0]) > PARSE_BATCH_CHARS:
                yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
                batch, size = [], 0
            batch.append(item)
            size += len(item[0])
        if batch:
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    # ------------------------------------------------------------ one document

    def _code_sentences(self, doc: Document, clean: CleanText, sentences: list[_Sentence],
                        time_mode: str | None) -> CodedDocument:
        memory = self._prescan(clean.text, sentences)
        clock = self.dates.clock_for(clean.text, doc.date, mode=time_mode,
                                     year_hint=year_hint(doc.title) or year_hint(doc.date_text))
        events: list[Event] = []
        for s in sentences:
            events.extend(self._code_sentence(doc, clean, s, clock, memory))
        return CodedDocument(doc, events, memory.period_totals, memory.control_claims)

    def _prescan(self, text: str, sentences: list[_Sentence]) -> DocumentMemory:
        """Which countries the document is about and who its actors are, before reading it in order."""
        memory = DocumentMemory()
        weights: Counter = Counter()
        for s in sentences:
            for ent in entities(s.span):
                if ent.label_ in ("GPE", "NORP"):
                    iso = self.gazetteer.country_of_word(ent.text)
                    if iso:
                        weights[iso] += 1
        for m in self.registry.find(text):
            if _ALLY_CUE.search(text[max(0, m.start - 30):m.start]):
                continue  # "backed by Russian air strikes": an ally, not a side of the fight
            memory.actor_counts[m.actor.id] += 1
            if m.actor.country and m.actor.inter in (1, 2, 3):
                weights[m.actor.country] += 0.5
        total = sum(weights.values()) or 1
        memory.countries = {k: v / total for k, v in weights.items()}
        return memory

    def _code_sentence(self, doc: Document, clean: CleanText, s: _Sentence, clock: NarrativeClock,
                       memory: DocumentMemory) -> list[Event]:
        sent = s.span
        found = self.dates.tag(s.text, clock)
        timexes = [t for t in found if t.is_dated and t.type in ("DATE", "TIME")]
        mentions = [m for m in self.registry.find(s.text) if self._valid(m.actor, timexes, clock)]
        blocked = ([(m.start, m.end) for m in mentions] + [(t.start, t.end) for t in found]
                   + self.casualties.source_spans(s.text))
        recent = next((e for e in reversed(memory.places) if not e.is_area), None)
        places = self.spotter.find(sent, blocked=blocked, countries=memory.countries, near=memory.near(),
                                   recent=recent)
        for p in places:
            if not p.reference:
                memory.remember_place(p.entry)
        statements = self.control.read(sent, places, mentions, lambda t: self._holder_at(s, t, mentions, memory))
        for st in statements:
            if st.kind == "held":
                memory.holders[st.entry.name] = st.holder.id  # the next capture of the place is taken from them
        triggers = [t for t in self.lexicon.match(sent) if not roles.is_negated(t.head)]
        realis = [t for t in triggers if not roles.is_irrealis(t.head)
                  and not roles.is_generic_present(t.head, bool(timexes))]
        main = [t for t in realis if not roles.is_background(t.head)]
        earlier = [t for t in realis if t not in main and t.rule.is_territory]
        if earlier:  # "the weapons it seized after recapturing Palmyra": a change of hands before this sentence's date
            self._earlier_control(doc, clean, s, earlier, realis, places, timexes, clock, memory, mentions)
        casualties = self.casualties.read(s.text)
        for total in casualties.period_totals:
            start, end = _original_span(clean, s)
            memory.period_totals.append(PeriodCasualties(total, clock.anchor.value if clock.anchor else None,
                                                         Evidence(start, end, doc.text[start:end])))
        if not main:
            self._state_control(doc, clean, s, statements, [], timexes, clock, memory)
            self._advance_clock(clock, timexes)
            if casualties.claims and memory.previous_events and not places and not any(
                    t.precision == "day" for t in timexes):
                self._attach_claims(doc, memory.previous_events, casualties, clean, s)
            return []
        # a sentence that only counts the dead ("40 militants died in the battle for the town") adds claims to the
        # event just told rather than telling a new one
        named_here = [p for p in places if not p.reference]
        if (casualties.claims and all(t.rule.priority <= 50 for t in main) and not named_here
                and memory.previous_events and not any(t.precision == "day" for t in timexes)):
            self._attach_claims(doc, memory.previous_events, casualties, clean, s)
            return []  # no place named here: no statement of control either
        if all(t.rule.id == "T_KILL" for t in main) and not places and memory.previous_events and not timexes:
            if casualties.claims:
                self._attach_claims(doc, memory.previous_events, casualties, clean, s)
            return []
        events = []
        for trigger, place, how, surface in self._locate(s, main, realis, places, memory):
            event = self._event(doc, clean, s, trigger, place, how, surface, timexes, mentions, casualties, clock,
                                memory, others=triggers)
            if event and event.confidence >= self.min_confidence:
                events.append(event)
        self._split_fatalities(events, casualties, doc, clean, s)
        events = self._state_control(doc, clean, s, statements, events, timexes, clock, memory)
        if events:
            clock.advance(self._event_time(events[0]))
            memory.previous_events = events
        else:
            self._advance_clock(clock, timexes)
        return events

    # ------------------------------------------------------------ where

    def _locate(self, s: _Sentence, main: list[TriggerMatch], realis: list[TriggerMatch], places: list[PlaceMention],
                memory: DocumentMemory) -> list[tuple[TriggerMatch, GazetteerEntry, str]]:
        """(trigger, place, how the place was found) for each location an event happened at."""
        primary = min(main, key=lambda t: (_depth(t.head), -t.rule.priority))
        # a place no trigger governs belongs to the sentence's event only when that event is what the sentence
        # is about (its trigger is the main verb or its object), not to a trigger deep in a side clause
        primary_owns = _depth(primary.head) <= 2
        by_token = {tok.i: t for t in realis for tok in t.tokens}
        main_ids = {id(t) for t in main}
        located: dict[GazetteerEntry, tuple[TriggerMatch, str, str]] = {}
        named = [p for p in places if not p.reference]
        specific = [p for p in named if not self._is_area(p, s.text)]
        chosen = specific or named
        if any(not p.container for p in chosen):
            chosen = [p for p in chosen if not p.container]
        for p in chosen:
            trigger = self._governing(p.root, by_token)
            if trigger is None and not primary_owns:
                continue
            trigger = trigger or primary
            if id(trigger) not in main_ids:
                continue  # a place of a background clause: "after recapturing Palmyra"
            how = "area" if self._is_area(p, s.text) else "named"
            self._keep(located, p.entry, trigger, how, p.text)
        governed = {id(t) for t, _, _ in located.values()}
        for start, end, noun in self.spotter.generic_references(s.text):
            if any(a <= start < b for a, b in ((p.start, p.end) for p in places)):
                continue
            before = s.text[max(0, start - 30):start]
            if REFERENCE_CUE.search(before):
                continue
            token = next((t for t in s.span if t.idx - s.span.start_char >= start), None)
            trigger = self._governing(token, by_token) if token is not None else None
            trigger = trigger or (primary if not located else None)
            if trigger is None or id(trigger) not in main_ids or id(trigger) in governed:
                continue
            entry = None
            if noun in ("city", "town"):
                main_place = memory.main_place()
                entry = main_place if main_place and main_place.kind in ("city", "town") else None
            if entry is None and noun in GENERIC_KINDS:
                entry = memory.last_of_kind(GENERIC_KINDS[noun])
            if entry:
                self._keep(located, entry, trigger, "anaphor", s.text[start:end])
        if not located and primary_owns:
            entry = memory.main_place()
            if entry:
                located[entry] = (primary, "narrative", "")
        return [(t, e, how, surface) for e, (t, how, surface) in located.items()]

    @staticmethod
    def _keep(located: dict, entry: GazetteerEntry, trigger: TriggerMatch, how: str, surface: str) -> None:
        if entry not in located or trigger.rule.priority > located[entry][0].rule.priority:
            located[entry] = (trigger, how, surface)

    @staticmethod
    def _governing(token: Token, by_token: dict[int, TriggerMatch]) -> TriggerMatch | None:
        """The trigger above a place in the parse; a verb whose subject or object is a trigger counts as it
        ("clashes continued at X")."""
        node = token
        for _ in range(10):
            if node.i in by_token:
                found = by_token[node.i]
                # "seized weapons in a raid", "killed during an offensive": the trigger told as the circumstance
                # of another is that event's manner; the stronger of the two codes the place
                outer = node.head.head if node.dep_ == "pobj" and node.head.lower_ in ("in", "during") else None
                if outer is not None and outer.i in by_token and by_token[outer.i].rule.priority > found.rule.priority:
                    return by_token[outer.i]
                return found
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i in by_token and c.i != token.i:
                    return by_token[c.i]
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    @staticmethod
    def _is_area(p: PlaceMention, text: str) -> bool:
        if p.entry.is_area:
            return True
        before = text[max(0, p.start - 25):p.start].lower()
        after = text[p.end:p.end + 14].lower()
        return any(before.rstrip().endswith(c) for c in AREA_CUES if " of" in c) or any(
            after.lstrip().startswith(c) for c in ("countryside", "province", "governorate", "region", "oblast", "desert"))

    # ------------------------------------------------------------ one event

    def _event(self, doc: Document, clean: CleanText, s: _Sentence, trigger: TriggerMatch, entry: GazetteerEntry,
               how: str, surface: str, timexes: list[TimeExpression], mentions: list[ActorMention], casualties: CasualtyReport,
               clock: NarrativeClock, memory: DocumentMemory, others: list[TriggerMatch] = ()) -> Event | None:
        rules = [trigger.rule.id]
        when, time_rule = self._when(s, trigger, timexes, clock)
        if when is None:
            return None
        rules.append(time_rule)
        actor1, a1_rule = self._agent(s, trigger, mentions, memory)
        actor2, a2_rule = self._target(s, trigger, mentions, actor1, memory, casualties, entry)
        rules += [a1_rule, a2_rule]
        if actor1 is None and actor2 is not None and trigger.rule.is_territory:
            # "the capture of Hajin from ISIL": taken by ISIL's opponent in this narrative
            side2 = self.registry.coded(actor2)[0].id
            if side2 in memory.opponents:
                actor1, a1_rule = self.registry.get(memory.opponents[side2]), "ACTOR1_NARRATIVE_OPPONENT"
                rules.append(a1_rule)
        if actor1 is None and ((actor2 is not None and actor2.inter == 7)
                               or trigger.rule.event_type == "Explosions/Remote violence"):
            # a bomb or an attack on civilians whose author the text does not name: ACLED's unidentified group
            actor1, a1_rule = self.registry.get("UNIDENTIFIED"), "ACTOR1_UNIDENTIFIED"
            rules.append(a1_rule)
        if actor1 is None and actor2 is not None and trigger.rule.event_type != "Violence against civilians":
            actor1, actor2 = actor2, None  # the one side named is the one that acted
            actor2, a2_rule = self._opponent(actor1, memory, self._country_name(entry))
            rules.append(a2_rule)
        if actor1 is None:
            return None
        coded1, assoc1 = self.registry.coded(actor1)
        coded2, assoc2 = self.registry.coded(actor2) if actor2 else (None, None)
        if coded2 is not None and self._same_side(coded2, coded1, self._country_name(entry)):
            coded2, assoc2 = None, None
        typed = type_trigger(trigger, s.span, self.lexicon, self.registry, actor1_inter=coded1.inter,
                             actor2_inter=coded2.inter if coded2 else None, others=others)
        event_type, sub_type = typed.event_type, typed.sub_event_type
        rules += typed.rules[1:]
        if coded2 is None and "TYPE_CIVILIAN_TARGETS" in typed.rules:
            coded2 = self.registry.get("CIVILIANS")  # "gunmen stormed a hotel": its people are the victims
            rules.append("ACTOR2_CIVILIAN_PLACE")
        country = self.gazetteer.country(entry.country)
        country_name = country.name if country else ""
        e = Event(doc_id=doc.id, event_date=when.date_start.isoformat(), date_start=when.date_start.isoformat(),
                  date_end=when.date_end.isoformat(), time_precision=when.acled_time_precision,
                  event_type=event_type, sub_event_type=sub_type,
                  actor1=coded1.display(country_name),
                  assoc_actor_1=self._associates(s, mentions, assoc1, coded1, coded2, country_name),
                  inter1=coded1.inter, actor2=coded2.display(country_name) if coded2 else "",
                  assoc_actor_2=assoc2.display(country_name) if assoc2 else "",
                  inter2=coded2.inter if coded2 else None,
                  civilian_targeting="Civilian targeting" if coded2 is not None and coded2.inter == 7 else "",
                  iso=country.isonumeric if country else None, iso3=country.iso3 if country else "",
                  region=country.region if country else "", country=country_name, admin1=entry.admin1,
                  admin2=entry.admin2, location=entry.name, latitude=round(entry.latitude, 4),
                  longitude=round(entry.longitude, 4), geo_precision=self._geo_precision(entry, how, s.text),
                  source=doc.source or doc.id, source_scale="Other", trigger=trigger.text)
        if surface and surface in s.text and _NEAR.search(s.text[:s.text.find(surface)]):
            e.geo_precision = max(e.geo_precision, 2)  # "near Raqqa": ACLED's 2, near the named place
        rules.append({"named": "PLACE_NAMED", "area": "PLACE_AREA", "anaphor": "PLACE_ANAPHOR",
                      "narrative": "PLACE_FROM_NARRATIVE"}[how])
        e.rules = [r for r in rules if r]
        start, end = _original_span(clean, s)
        e.evidence = [Evidence(start, end, doc.text[start:end])]
        if sub_type in TERRITORY_TYPES or sub_type == "Non-violent transfer of territory":
            e.control_change = self._control(entry, coded1, coded2, sub_type, memory, country_name)
        e.confidence = self._confidence(how, time_rule, coded2, when)
        e.notes = self._notes(e, s.text)
        e.spans = self._spans(doc, clean, s, trigger, actor1, actor2, surface if how != "narrative" else "",
                              when if any(when is t for t in timexes) else None, mentions)
        self._remember(memory, coded1, coded2)
        return e

    @staticmethod
    def _spans(doc: Document, clean: CleanText, s: _Sentence, trigger: TriggerMatch, actor1: Actor | None,
               actor2: Actor | None, surface: str, when: TimeExpression | None,
               mentions: list[ActorMention]) -> list[dict]:
        """The words of this sentence that gave the event its trigger, sides, place and date."""
        base = s.span.start_char
        t_char = trigger.head.idx - base
        found = [("trigger", trigger.tokens[0].idx - base, trigger.tokens[-1].idx - base + len(trigger.tokens[-1]))]
        for name, actor in (("actor1", actor1), ("actor2", actor2)):
            named = [m for m in mentions if actor is not None and m.actor is actor]
            if named:  # the mention nearest the trigger, when the sentence names the side twice
                m = min(named, key=lambda m: abs(m.start - t_char))
                found.append((name, m.start, m.end))
        at = s.text.find(surface) if surface else -1
        if at >= 0:
            found.append(("location", at, at + len(surface)))
        if when is not None:  # a date this sentence gives, not one the narrative had reached
            found.append(("date", when.start, when.end))
        return [_word_span(doc, clean, s, name, start, end) for name, start, end in found]

    def _holder_at(self, s: _Sentence, token: Token, mentions: list[ActorMention],
                   memory: DocumentMemory) -> Actor | None:
        """The side a phrase names as holder: an actor mentioned in it, a pronoun for the group the narrative is
        about ("their grasp"), or a word for a side ("government-held", "rebel-held")."""
        found = self._mention_in(s, token, mentions)
        if found is not None:
            return self.registry.coded(found.actor)[0]
        if token.lower_ in word_set("pronouns"):
            return memory.last_group or memory.last_actor1
        side = HOLDER_WORDS.get(token.lower_)
        return self.registry.get(side) if side else None

    def _state_control(self, doc: Document, clean: CleanText, s: _Sentence, statements: list[ControlStatement],
                       events: list[Event], timexes: list[TimeExpression], clock: NarrativeClock,
                       memory: DocumentMemory) -> list[Event]:
        """Record the sentence's statements of control, dated; return its events less the captures the sentence
        itself denies ("overran A and B, leaving C as the last stronghold in ISIL's grip": C was not taken)."""
        if not statements:
            return events
        # "ISIL-held X" tells the state before (the compound form); the others the state the sentence leaves
        still_held: dict[str, set[str]] = {}
        for st in statements:
            if st.kind == "held" and st.rule != "C_HELD_COMPOUND":
                still_held.setdefault(st.entry.name, set()).add(self._display(st.holder, st.entry))
        taken = set()
        kept = []
        for e in events:
            if e.control_change and e.location in still_held and e.actor1 not in still_held[e.location]:
                continue
            if e.control_change:
                taken.add(e.location)
            kept.append(e)
        when = self._statement_date(s, timexes, clock)
        if when is None:
            return kept
        start, end = _original_span(clean, s)
        evidence = Evidence(start, end, doc.text[start:end])
        for st in statements:
            if st.entry.name in taken:
                continue  # the event says who held it before and after
            holder = self._display(st.holder, st.entry)
            controller, previous = (holder, "") if st.kind == "held" else ("", holder)
            if st.kind == "lost":
                winner = memory.opponents.get(st.holder.id)
                controller = self._display(self.registry.get(winner), st.entry) if winner else ""
            memory.control_claims.append(self._claim(doc, st.entry, when.date_start, when.date_end, controller,
                                                     previous, st.kind, st.rule, evidence))
        return kept

    def _earlier_control(self, doc: Document, clean: CleanText, s: _Sentence, earlier: list[TriggerMatch],
                         realis: list[TriggerMatch], places: list[PlaceMention], timexes: list[TimeExpression],
                         clock: NarrativeClock, memory: DocumentMemory, mentions: list[ActorMention]) -> None:
        """A capture told as the past of this sentence's event makes no event of its own (its day is not told),
        but it says who held the place by then: a control claim whose window runs from the date the story had
        reached to this sentence's date."""
        when = self._statement_date(s, timexes, clock)
        if when is None:
            return
        first = clock.anchor.date_start if clock.anchor is not None else when.date_start
        by_token = {tok.i: t for t in realis for tok in t.tokens}
        for p in places:
            trigger = self._governing(p.root, by_token)
            if p.reference or trigger is None or trigger not in earlier or p.entry.is_area:
                continue
            taker, how = self._agent(s, trigger, mentions, memory)
            if taker is None or how in ("ACTOR1_PRONOUN", "ACTOR1_REPORTER", "ACTOR1_GROUP_ANAPHOR"):
                continue  # only a taker the sentence names: "it seized after recapturing" may be anyone told before
            taker = self.registry.coded(taker)[0]
            opponent = memory.opponents.get(taker.id) or memory.holders.get(p.entry.name)
            previous = self._display(self.registry.get(opponent), p.entry) if opponent and opponent != taker.id else ""
            memory.holders[p.entry.name] = taker.id
            start, end = _original_span(clean, s)
            memory.control_claims.append(self._claim(
                doc, p.entry, min(first, when.date_end), when.date_end, self._display(taker, p.entry), previous,
                "captured", trigger.rule.id, Evidence(start, end, doc.text[start:end])))

    def _claim(self, doc: Document, entry: GazetteerEntry, first: date, last: date, controller: str, previous: str,
               kind: str, rule: str, evidence: Evidence) -> ControlClaim:
        country = self.gazetteer.country(entry.country)
        return ControlClaim(place=entry.name, iso3=country.iso3 if country else "", admin1=entry.admin1,
                            latitude=round(entry.latitude, 4), longitude=round(entry.longitude, 4),
                            date_start=first.isoformat(), date_end=last.isoformat(), controller=controller,
                            previous=previous, kind=kind, rule=rule, doc_id=doc.id, evidence=evidence)

    def _display(self, actor: Actor, entry: GazetteerEntry) -> str:
        return actor.display(self._country_name(entry))

    @staticmethod
    def _statement_date(s: _Sentence, timexes: list[TimeExpression], clock: NarrativeClock) -> TimeExpression | None:
        """A statement holds on its sentence's own date ("by 10 December, ISIL still held ..."), else on the date
        the story has reached."""
        own = [t for t in timexes if t.days <= 31]
        if own:
            return own[0]
        return clock.anchor

    def _associates(self, s: _Sentence, mentions: list[ActorMention], unit: Actor | None, coded1: Actor,
                    coded2: Actor | None, country_name: str) -> str:
        """ACLED's assoc_actor_1: the unit actor1 is coded over (Tiger Forces under the Syrian army), then the
        allies the sentence names beside it ("backed by French and American shelling", "spearheaded by the
        Kurdish YPG"), '; '-separated."""
        names = [unit.display(country_name)] if unit else []
        for m in mentions:
            if not _ALLY_CUE.search(s.text[max(0, m.start - 40):m.start]) and not _ALLY_LIST.search(
                    s.text[max(0, m.start - 60):m.start]):
                continue
            side = self.registry.coded(m.actor)[0]
            if m.actor.id == coded1.id or m.actor.inter == 7 or (coded2 is not None and side.id == coded2.id):
                continue
            name = m.actor.display(country_name)
            if name not in names and name != coded1.display(country_name):
                names.append(name)
        return "; ".join(names)

    def _valid(self, actor: Actor, timexes: list[TimeExpression], clock: NarrativeClock) -> bool:
        year = timexes[0].date_start.year if timexes else clock.year
        if year is None:
            return True
        return (actor.valid_from or 0) <= year <= (actor.valid_to or 9999)

    def _when(self, s: _Sentence, trigger: TriggerMatch, timexes: list[TimeExpression],
              clock: NarrativeClock) -> tuple[TimeExpression | None, str]:
        """The date of this trigger's event: the nearest date of its own clause, else a report date, else the
        date the narrative has reached."""
        t_char = trigger.head.idx - s.span.start_char
        trig_verb = roles.clause_verb(trigger.head)
        own, reports = [], []
        for t in timexes:
            token = next((tok for tok in s.span if tok.idx - s.span.start_char >= t.start), None)
            if token is not None and roles.is_background(token) and len(timexes) > 1:
                continue  # "after the 26 October counterattack": the date of another event
            verb = roles.attached_verb(s.span, t.start)
            if roles.is_reporting(verb) and verb.i != trig_verb.i:
                reports.append(t)
            else:
                own.append(t)
        if own:
            best = min(own, key=lambda t: (t.days > 31, abs(t.start - t_char)))
            # "by 17 November" bounds the event; "by dawn on 14 December" names the day it was done on
            if best.mod in ("BEFORE", "ON_OR_BEFORE") and best.type == "DATE":
                return self._bounded(best, clock), f"DATE_BY_{best.rule}"
            return best, f"DATE_{best.rule}"
        if reports:
            return reports[-1], f"DATE_REPORT_{reports[-1].rule}"
        if clock.anchor is not None:
            return clock.anchor, "DATE_FROM_NARRATIVE"
        return None, ""

    @staticmethod
    def _bounded(limit: TimeExpression, clock: NarrativeClock) -> TimeExpression:
        """ "By 17 November 2017" ends the window an event lies in; it does not date it. The window opens at the
        date the story had reached, or a month before the bound when the story gives none."""
        last = limit.date_end if limit.mod == "ON_OR_BEFORE" else limit.date_start - timedelta(days=1)
        anchor = clock.anchor
        if anchor is not None and anchor.date_start <= last:
            first = anchor.date_start
        else:
            first = last - timedelta(days=30)
        return TimeExpression.spanning(first, last, limit.rule)

    def _agent(self, s: _Sentence, trigger: TriggerMatch, mentions: list[ActorMention],
               memory: DocumentMemory) -> tuple[Actor | None, str]:
        for subject, how in roles.subjects_of(trigger.head):
            found = self._mention_in(s, subject, mentions, exclude_held=True)
            if found and self._is_source(s, found):
                continue  # "the government said that 250 people were killed": who reports did not kill
            if found:
                return found.actor, f"ACTOR1_{how.upper()}"
            if how == "modifier":
                continue
            words = " ".join(t.lower_ for t in subject.subtree)
            if subject.lower_ in word_set("pronouns") or any(w in words for w in ("their forces", "its forces", "its fighters")):
                reporter = roles.reporting_verb_above(trigger.head)
                if reporter is not None:
                    rsubj, _ = roles.subject_of(reporter)
                    found = self._mention_in(s, rsubj, mentions) if rsubj is not None else None
                    if found:
                        return found.actor, "ACTOR1_REPORTER"
                if memory.last_actor1:
                    return memory.last_actor1, "ACTOR1_PRONOUN"
            if any(a in words for a in GROUP_ANAPHORS) and memory.last_group:
                return memory.last_group, "ACTOR1_GROUP_ANAPHOR"
        passive = roles.passive_subject(trigger.head)
        patient = {t.i for t in passive.subtree} if passive is not None else set()
        # civilians named in passing are not taken to have acted: only as the subject of the trigger's clause
        candidates = [m for m in mentions if not m.text.lower().endswith("-held") and not self._is_source(s, m)
                      and not any(t.i in patient for t in self._tokens(s, m)) and m.actor.inter != 7]
        t_char = trigger.head.idx - s.span.start_char
        before = [m for m in candidates if m.start < t_char]
        if before:
            return before[-1].actor, "ACTOR1_NEAREST_BEFORE"
        if patient and candidates:
            return candidates[0].actor, "ACTOR1_OTHER_THAN_VICTIM"
        return None, ""

    def _target(self, s: _Sentence, trigger: TriggerMatch, mentions: list[ActorMention], actor1: Actor | None,
                memory: DocumentMemory, casualties: CasualtyReport, entry: GazetteerEntry) -> tuple[Actor | None, str]:
        side1 = self.registry.coded(actor1)[0].id if actor1 else None
        def other(m: ActorMention) -> bool:
            before = s.text[max(0, m.start - 40):m.start]
            return (self.registry.coded(m.actor)[0].id != side1 and not self._is_source(s, m)
                    and not _ALLY_CUE.search(before) and not _ALLY_LIST.search(before)
                    and not _HOLDER_AFTER.match(s.text, m.end)  # "in the SDF-controlled town": who holds it
                    and not _HOLDER_AFTER.search(m.text))
        passive = roles.passive_subject(trigger.head)
        if passive is not None:
            found = self._mention_in(s, passive, [m for m in mentions if other(m)])
            if found:
                return found.actor, "ACTOR2_PASSIVE_SUBJECT"
        verb = roles.clause_verb(trigger.head)
        subtree = _own_clause(verb, trigger.head)
        subj, _ = roles.subject_of(trigger.head)
        subj_ids = {t.i for t in subj.subtree} if subj is not None else set()
        if trigger.head.i in subj_ids:
            subj_ids = set()  # the trigger is the subject ("air strikes against ISIL relieved ..."): its own words count
        in_clause = [m for m in mentions if other(m) and (toks := self._tokens(s, m)) and toks[0].i in subtree
                     and toks[0].i not in subj_ids]
        for m in in_clause:
            if _TARGET_CUE.search(s.text[max(0, m.start - 25):m.start]):
                return m.actor, "ACTOR2_TARGETED"
        for m in in_clause:
            return m.actor, "ACTOR2_OBJECT"
        for m in mentions:
            toks = self._tokens(s, m)
            if other(m) and not (toks and _acts_in_own_clause(toks[-1], verb)):
                # "... as civilians fired into the air": they act in a clause of their own, are no side of this
                return m.actor, "ACTOR2_IN_SENTENCE"
        if any(c.civilians for c in casualties.claims) and trigger.rule.event_type != "Battles":
            return self.registry.get("CIVILIANS"), "ACTOR2_CIVILIAN_VICTIMS"
        if trigger.rule.is_territory and entry.name in memory.holders and memory.holders[entry.name] != side1:
            return self.registry.get(memory.holders[entry.name]), "ACTOR2_PREVIOUS_HOLDER"
        return self._opponent(actor1, memory, self._country_name(entry)) if actor1 else (None, "")

    def _opponent(self, actor1: Actor, memory: DocumentMemory, country_name: str) -> tuple[Actor | None, str]:
        """Who the narrative has this side fighting: the last opponent, else the document's most named other side.
        A generic name of the same side ("the Army" beside "the Syrian Army") is no opponent."""
        coded1 = self.registry.coded(actor1)[0]
        if coded1.id in memory.opponents:
            a = self.registry.get(memory.opponents[coded1.id])
            if not self._same_side(a, coded1, country_name):
                return a, "ACTOR2_NARRATIVE_OPPONENT"
        for actor_id, _ in memory.actor_counts.most_common():
            a = self.registry.get(actor_id)
            if not self._same_side(a, coded1, country_name) and a.inter != 7:
                return a, "ACTOR2_DOCUMENT_OPPONENT"
        return None, ""

    def _same_side(self, a: Actor, coded: Actor, country_name: str) -> bool:
        """Whether `a` is the side `coded` stands for: the same coded actor, or a generic name that reads as it in
        this country ("Military Forces of {country}" in Syria is the Military Forces of Syria)."""
        mine = self.registry.coded(a)[0]
        return mine.id == coded.id or mine.display(country_name) == coded.display(country_name)

    def _country_name(self, entry: GazetteerEntry) -> str:
        country = self.gazetteer.country(entry.country)
        return country.name if country else ""

    def _is_source(self, s: _Sentence, m: ActorMention) -> bool:
        """An actor named as the one who reports ("SOHR said", "the Syrian government said") is a source."""
        toks = self._tokens(s, m)
        if not toks:
            return False
        root = toks[-1]
        for _ in range(4):  # "the Syrian government and state media said": the phrase the name is part of reports
            if root.dep_ not in ("nmod", "compound", "amod", "conj", "appos", "poss") or root.head.i == root.i:
                break
            root = root.head
        return root.dep_ == "nsubj" and roles.is_reporting(root.head)

    def _tokens(self, s: _Sentence, m: ActorMention) -> list[Token]:
        """The tokens that start within the mention."""
        first, last = bisect_left(s.token_starts, m.start), bisect_left(s.token_starts, m.end)
        doc, offset = s.span.doc, s.span.start
        return [doc[offset + k] for k in range(first, last)]

    def _mention_in(self, s: _Sentence, token: Token, mentions: list[ActorMention],
                    exclude_held: bool = False) -> ActorMention | None:
        ids = {t.i for t in token.subtree}
        for m in mentions:
            if exclude_held and m.text.lower().endswith("-held"):
                continue
            toks = self._tokens(s, m)
            if toks and any(t.i in ids for t in toks):
                return m
        return None

    # ------------------------------------------------------------ details

    @staticmethod
    def _geo_precision(entry: GazetteerEntry, how: str, text: str) -> int:
        """ACLED: 1 the town itself, 2 near it or part of a region around it, 3 only the area is known."""
        if entry.is_area or how in ("area", "narrative"):
            return 3 if entry.is_area or how == "area" else 2
        return entry.geo_precision

    @staticmethod
    def _confidence(how: str, time_rule: str, actor2, when: TimeExpression) -> float:
        c = 0.9
        c -= {"named": 0.0, "anaphor": 0.15, "area": 0.3, "narrative": 0.3}[how]
        if time_rule == "DATE_FROM_NARRATIVE":
            c -= 0.1
        if actor2 is None:
            c -= 0.1
        if when.days > 31:
            c -= 0.15
        if how == "area" and time_rule == "DATE_FROM_NARRATIVE":
            c -= 0.2
        return round(max(c, 0.0), 2)

    def _control(self, entry: GazetteerEntry, coded1: Actor, coded2: Actor | None, sub_type: str,
                 memory: DocumentMemory, country_name: str) -> dict:
        name = lambda a: a.display(country_name) if a else None
        if sub_type == "Non-violent transfer of territory":
            memory.holders.pop(entry.name, None)
            return {"place": entry.name, "from": name(coded1), "to": name(coded2)}
        previous = memory.holders.get(entry.name)
        before = coded2 or (self.registry.get(previous) if previous else None)
        memory.holders[entry.name] = coded1.id
        return {"place": entry.name, "from": name(before), "to": name(coded1)}

    def _remember(self, memory: DocumentMemory, coded1: Actor, coded2: Actor | None) -> None:
        memory.last_actor1 = coded1
        if coded1.inter in (2, 3):
            memory.last_group = coded1
        if coded2 is not None and coded2.inter != 7:
            memory.opponents[coded1.id] = coded2.id
            memory.opponents.setdefault(coded2.id, coded1.id)

    @staticmethod
    def _notes(e: Event, sentence: str) -> str:
        who = e.actor1 + (f" against {e.actor2}" if e.actor2 else "")
        return f"On {e.event_date}, {who}: {e.sub_event_type.lower()} at {e.location}. Source text: \"{sentence.strip()}\""

    def _split_fatalities(self, events: list[Event], casualties: CasualtyReport, doc: Document, clean: CleanText,
                          s: _Sentence) -> None:
        """A sentence's toll goes to its first event: the figure is not split between places the text does not
        split it between (ACLED would not invent a division)."""
        if events:
            self._apply(events[0], casualties)
            events[0].spans += _claim_spans(doc, clean, s, casualties)

    @staticmethod
    def _apply(e: Event, casualties: CasualtyReport) -> None:
        if casualties.claims:
            e.add_claims([c.as_dict() for c in casualties.claims])
            e.rules.append("FATALITIES_" + "_".join(sorted({c.rule for c in casualties.claims})))
        if casualties.injuries is not None:
            e.injuries = casualties.injuries

    def _attach_claims(self, doc: Document, events: list[Event], casualties: CasualtyReport, clean: CleanText,
                       s: _Sentence) -> None:
        target = events[0]
        target.add_claims([c.as_dict() for c in casualties.claims])
        if casualties.injuries is not None:
            target.injuries = (target.injuries or 0) + casualties.injuries
        start, end = _original_span(clean, s)
        target.evidence.append(Evidence(start, end, doc.text[start:end]))
        target.spans += _claim_spans(doc, clean, s, casualties)
        target.rules.append("FATALITIES_FROM_NEXT_SENTENCE")

    @staticmethod
    def _event_time(e: Event) -> TimeExpression:
        return TimeExpression.spanning(date.fromisoformat(e.date_start), date.fromisoformat(e.date_end))

    @staticmethod
    def _advance_clock(clock: NarrativeClock, timexes: list[TimeExpression]) -> None:
        """The story reaches the last date a sentence gives, preferring one of a month or less to a year."""
        fine = [t for t in timexes if t.days <= 31]
        if fine or timexes:
            clock.advance((fine or timexes)[-1])


_NEAR = re.compile(r"\b(?:near|outside|around|close\s+to|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
                   re.IGNORECASE)
_ALLY_CUE = re.compile(r"\b(?:backed|supported|aided|assisted|helped|joined|accompanied|reinforced|spearheaded|headed|"
                       r"led|covered)\s+by\s+(?:the\s+)?"
                       r"(?:[\w'’-]+\s+){0,2}$|\b(?:alongside|with\s+the\s+support\s+of|allied\s+with|together\s+with)\s+"
                       r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_HOLDER_AFTER = re.compile(r"[-‐](?:held|controlled|occupied)\b", re.IGNORECASE)
# words for a side that name a place's holder: "government-held", "rebel-held"
HOLDER_WORDS = {"government": "STATE", "regime": "STATE", "army": "STATE", "loyalist": "STATE", "rebel": "REBELS",
                "opposition": "REBELS", "insurgent": "REBELS", "kurdish": "SDF", "jihadist": "ISIL"}
# the second ally of a list: "backed by French and American shelling"
_ALLY_LIST = re.compile(r"\b(?:backed|supported|aided|assisted|spearheaded|headed|led|covered)\s+by\s+(?:the\s+)?"
                        r"(?:[\w'’-]+\s+){1,3}(?:and|,)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,1}$", re.IGNORECASE)
_TARGET_CUE = re.compile(r"\b(?:against|targeting|targeted|on|at|attacking|hitting|struck|killing)\s+(?:the\s+)?"
                         r"(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


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


SUBCLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "parataxis"})


def _acts_in_own_clause(token: Token, verb: Token) -> bool:
    """Whether the token (or the subject it is joined to) is the subject of a verb of action other than `verb`."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    return token.dep_ == "nsubj" and head.i != verb.i and head.pos_ == "VERB" and head.lemma_.lower() != "be"


def _original_span(clean: CleanText, s: _Sentence) -> tuple[int, int]:
    """The sentence's span in the original text, without the blanks around it."""
    lead = len(s.text) - len(s.text.lstrip())
    return clean.to_original(s.start + lead, s.start + len(s.text.rstrip()))


def _word_span(doc: Document, clean: CleanText, s: _Sentence, name: str, start: int, end: int) -> dict:
    """Words of a sentence (offsets into its text) as a span of the original document."""
    a, b = clean.to_original(s.start + start, s.start + end)
    return {"field": name, "char_start": a, "char_end": b, "text": doc.text[a:b]}


def _claim_spans(doc: Document, clean: CleanText, s: _Sentence, casualties: CasualtyReport) -> list[dict]:
    return [_word_span(doc, clean, s, "fatalities", c.start, c.end) for c in casualties.claims if c.end > c.start]


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 20:
        token = token.head
        depth += 1
    return depth


