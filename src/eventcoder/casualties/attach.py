"""The casualties stage's decisions: which event a sentence's toll belongs to, and a toll over a period that
belongs to none."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import syntax
from ..lang import pattern, word_set
from ..model import PeriodCasualties
from ..places.location import ParagraphBreaks
from ..taxonomy import PEACEFUL_PROTEST, STRATEGIC_DEVELOPMENTS
from ..time.dating import EventDater
from .reader import CasualtyReader, CasualtyReport, PeriodTotal

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..context import SentenceContext
    from ..model import Event
    from ..time import TimeExpression

KILL_ONLY_RULE = "T_KILL"  # the trigger of a sentence that only says people died
# a time expression bounds a period, not an event's days, when it covers more than a month ("in 2014", "between
# 1914 and 1918", "the summer of 2014", "five years") or counts up to or from a day ("by May 2018", "since 10 May").
# A month is an event's date at ACLED's lowest time precision ("later that month, a suicide bomber killed 42")
PERIOD_DAYS = 31
DURATION_DAYS = 28
PERIOD_MODS = ("ON_OR_BEFORE", "ON_OR_AFTER")
SINCE_MOD = "ON_OR_AFTER"
# ISO 8601 duration units in days, roughly: enough to tell a period from an event's hours or days
_DURATION_UNIT_DAYS = {"Y": 365, "M": 30, "W": 7, "D": 1}
# an event ACLED gives no fatalities: a strategic development, a peaceful protest; no toll told after one is its
NO_TOLL_TYPES = (STRATEGIC_DEVELOPMENTS,)
NO_TOLL_SUB_TYPES = (PEACEFUL_PROTEST,)


class TollAttacher:
    """Reads a sentence's tolls and gives them to its events, or to the event just told. Build once."""

    def __init__(self, reader: CasualtyReader) -> None:
        self.reader = reader
        self._toll_heading = pattern("toll_heading")

    def source_spans(self, ctx: SentenceContext) -> list[tuple[int, int]]:
        """The words that name a source of figures ("SOHR", "state media"): no place is read in them."""
        return self.reader.source_spans(ctx.text)

    def find(self, ctx: SentenceContext) -> None:
        """The sentence's tolls (`ctx.tolls`), those told as fact: a toll that is feared, warned of, denied or
        asked about is none. A toll over a period is kept for the document, dated by the narrative; so are the
        figures of an undated sentence that goes on with one, in its paragraph and with no event told between
        ("Causes of death were shelling (6,384 deaths), ..."), and those under a heading of casualties or of a
        period."""
        has_day = EventDater.has_day(ctx)
        periods = [(t.start, t.end) for t in ctx.times if covers_period(t)]
        tolls = ctx.tolls = self.reader.read(ctx.text, periods, has_day)
        tolls.claims = [c for c in tolls.claims if told_as_fact(ctx, c.start, c.end)]
        period = self._period_going_on(ctx, has_day)
        if period and tolls.claims:
            tolls.count_over(period, ctx.text.strip())
        memory = ctx.memory
        if tolls.period_totals:
            # the story now counts a period's dead: a toll told next is no event's before it
            memory.toll_events = []
        lasting = [t for t in ctx.times if lasts_a_period(t)]
        if tolls.period_totals or lasting:
            # the story tells a period ("fighting continued for two months"): an undated toll next is its
            words = tolls.period_totals[-1].period if tolls.period_totals else lasting[-1].text
            memory.period_told = (ctx.sentence.start + len(ctx.text.rstrip()), words)
        keep_period_totals(ctx, tolls.period_totals)

    def _period_going_on(self, ctx: SentenceContext, has_day: bool) -> str:
        """The words of the period the figures of a sentence that names no day count, when the text around it
        says so: the heading of casualties it is under ("## Casualties", and a subheading of a period under it,
        "### 1988–1994"), or, for a sentence with no date at all, a period told just before in its paragraph with
        no event told since. Any other heading ends the section (a year heading in a timeline dates the events
        under it), and a line that counts ("2 fatalities") is no heading."""
        memory = ctx.memory
        if syntax.is_title(ctx.span) and not ctx.tolls.claims:
            heading = ctx.text.strip()
            if self._toll_heading.search(heading):
                memory.toll_section = heading
            elif memory.toll_section and any(covers_period(t) for t in ctx.times):
                memory.toll_section = f"{memory.toll_section.split(':')[0]}: {heading}"
            else:
                memory.toll_section = ""
        if has_day:
            return ""  # "On 5 May, an airstrike killed 12" is that day's toll, in any section
        if memory.toll_section:
            return memory.toll_section
        if (memory.period_told and not ctx.dates
                and not ParagraphBreaks.of(ctx).between(memory.period_told[0], ctx.sentence.start)):
            return memory.period_told[1]  # a sentence with a date of its own ("in late June") tells its own
        return ""

    @staticmethod
    def remember(ctx: SentenceContext, events: list[Event]) -> None:
        """The sentence's events that a toll told after them can belong to: violent ones. ACLED gives no
        fatalities to a strategic development (an arrest, an agreement, a place handed over) or a peaceful
        protest, so "The man had been arrested before. 2 fatalities." counts the dead of the event before. An
        event told ends the period the sentences before were telling, unless it goes on over one itself."""
        if not any(lasts_a_period(t) for t in ctx.times):
            ctx.memory.period_told = None
        violent = [e for e in events if e.event_type not in NO_TOLL_TYPES and e.sub_event_type not in NO_TOLL_SUB_TYPES]
        if violent:
            ctx.memory.toll_events = violent
            ctx.memory.toll_events_end = ctx.sentence.start + len(ctx.text.rstrip())

    @staticmethod
    def follows_a_toll_event(ctx: SentenceContext) -> bool:
        """Whether a violent event was told earlier in this paragraph: the figures of a sentence that tells no
        event of its own are the last one's then. A figure in another paragraph (a table, the aftermath) counts
        other dead; so does one after an event told over a period."""
        memory = ctx.memory
        if not memory.toll_events or ParagraphBreaks.of(ctx).between(memory.toll_events_end, ctx.sentence.start):
            return False
        # an event told over a period ("between 1941 and 1945, ...") has no toll of one event to add to
        return memory.toll_events[0].days <= PERIOD_DAYS

    def belongs_to_previous(self, ctx: SentenceContext, has_day: bool) -> bool:
        """A sentence that only counts the dead ("40 militants died in the fighting") adds its figures to the
        event just told rather than telling a new one: it names no place and no day of its own."""
        named_here = [p for p in ctx.places if not p.reference]
        return bool(ctx.tolls.claims and all(t.rule.priority <= 50 for t in ctx.main) and not named_here
                    and self.follows_a_toll_event(ctx) and not has_day)

    def only_counts_a_period(self, ctx: SentenceContext, has_day: bool) -> bool:
        """A sentence that counts the dead of a period and no event's tells no event: "mines had killed 250
        civilians by May 2018", "barrel bombs killed 3,000 people in 2014", "the SDF said it had captured 110
        villages and killed 277 fighters since the launch of the offensive". Its toll is kept as a period total.
        With a day of its own and a word of violence besides the killing ("On 3 May, shelling hit the town, the
        deadliest since 2014") it is an event still. So is a sentence that only says people were killed "in the
        battle" or "in the operation", with no day of its own (a report's month dates the report), when it does
        not follow that battle's telling (the caller has tried that first): the toll of a whole campaign."""
        tolls = ctx.tolls
        only_killing = all(t.rule.id == KILL_ONLY_RULE for t in ctx.main)
        campaign = self.reader.campaign_words(ctx.text) if tolls.claims and not has_day else None
        # the campaign's own word ("battle") names the campaign the toll is told of, not an event of this sentence
        if campaign and all(t.rule.id == KILL_ONLY_RULE or campaign[0] <= ctx.char(t.head) < campaign[1]
                            for t in ctx.main):
            keep_period_totals(ctx, tolls.count_over(ctx.text[campaign[0]:campaign[1]], ctx.text.strip()))
            return True
        return bool(tolls.period_totals) and not tolls.claims and (only_killing or not has_day)

    def only_kills_again(self, ctx: SentenceContext) -> bool:
        """ "Two more were killed": a killing with no place or date of its own is the event just told."""
        return (all(t.rule.id == KILL_ONLY_RULE for t in ctx.main) and not ctx.places
                and self.follows_a_toll_event(ctx) and not ctx.dates)

    @staticmethod
    def attach_to_previous(ctx: SentenceContext) -> None:
        """The sentence's claims go to the first violent event of the last sentence that told one, with its
        words."""
        tolls = ctx.tolls
        target = ctx.memory.toll_events[0]
        target.add_claims([c.as_dict() for c in tolls.claims])
        if tolls.injuries is not None:
            target.injuries = (target.injuries or 0) + tolls.injuries
        target.evidence.append(ctx.evidence())
        target.spans += claim_spans(ctx, tolls)
        target.rules.append("FATALITIES_FROM_NEXT_SENTENCE")
        ctx.memory.toll_events_end = ctx.sentence.start + len(ctx.text.rstrip())  # the story still tells that event

    @staticmethod
    def attach_to_first(ctx: SentenceContext, events: list[Event]) -> None:
        """A sentence's toll goes to its first event: the figure is not split between places the text does not
        split it between (ACLED would not invent a division)."""
        if not events:
            return
        e, tolls = events[0], ctx.tolls
        if tolls.claims:
            e.add_claims([c.as_dict() for c in tolls.claims])
            e.rules.append("FATALITIES_" + "_".join(sorted({c.rule for c in tolls.claims})))
        if tolls.injuries is not None:
            e.injuries = tolls.injuries
        e.spans += claim_spans(ctx, tolls)


def claim_spans(ctx: SentenceContext, tolls: CasualtyReport) -> list[dict]:
    """The words of each claim's figure, as spans of the original text."""
    return [ctx.word_span("fatalities", c.start, c.end) for c in tolls.claims if c.end > c.start]


def keep_period_totals(ctx: SentenceContext, totals: list[PeriodTotal]) -> None:
    """The document keeps each toll over a period with the date the story had reached and its words."""
    as_of = ctx.clock.anchor.value if ctx.clock.anchor else None
    ctx.memory.period_totals += [PeriodCasualties(total, as_of, ctx.evidence()) for total in totals]


def covers_period(t: TimeExpression) -> bool:
    """Whether a time expression bounds a period rather than an event's days (see PERIOD_DAYS)."""
    if t.mod in PERIOD_MODS:
        return True
    if t.type == "DURATION":  # a month of fighting went on over a period; a month's date may date one event
        return _duration_days(t.value) >= DURATION_DAYS
    return t.date_start is not None and t.days > PERIOD_DAYS


def lasts_a_period(t: TimeExpression) -> bool:
    """Whether a time expression tells of something that went on over a period ("for two months", "since 10
    May"), which a toll told next can count. A year or a season only dates an event ("in 2014, ISIL attacked"),
    and "by 14 December" bounds one ("by 14 December, the SDF had captured Hajin")."""
    return t.mod == SINCE_MOD or (t.type == "DURATION" and covers_period(t))


def _duration_days(value: str) -> float:
    """ "P5Y" -> 1825, "P1M15D" -> 45; a time of day ("PT2H") or an unknown length counts 0."""
    date_part = value.split("T")[0]
    return sum(float(n) * _DURATION_UNIT_DAYS[unit] for n, unit in re.findall(r"(\d+(?:\.\d+)?)([YMWD])", date_part))


def told_as_fact(ctx: SentenceContext, start: int, end: int) -> bool:
    """Whether the figure at [start, end) of the sentence is told as a fact: not in a question, not governed by
    a modal ("will result in thousands of deaths"), a hedge ("potentially killing 22,000"), a negation of its
    verb, or a verb of fear, warning or denial ("fears rose that ISIL would kill 400", "denied that 30 were
    killed"), and not in the background of the sentence's event ("after an assault that killed 700, ...")."""
    if ctx.text.rstrip().endswith("?"):
        return False
    tokens = ctx.tokens_in(start, end)
    if not tokens:
        return True
    node: Token = tokens[0]
    verb = syntax.clause_verb(node)
    if syntax.is_negated(verb):
        return False
    unreal = word_set("toll_unreal_lemmas")
    modals = word_set("irrealis_modals")
    hedges = word_set("toll_unreal_adverbs")
    background = word_set("background_marks")
    # told as the past of this sentence's event ("after retaking the district, in an assault where 700 were
    # killed, the army shelled the town"; "protested after a gas leak killed 11"): the dead of that other event.
    # A participle that trails the main verb ("attacked two farmers after they resisted, killing one") tells the
    # main event's dead, however the parser hangs it.
    trailing = verb.tag_ == "VBG" and verb.i > node.sent.root.i
    for _ in range(12):
        if not trailing and node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in background
                                                         for c in node.children):
            return False
        if not trailing and node.dep_ in ("pcomp", "pobj", "prep") and node.head.lower_ in background:
            return False
        if node.pos_ in ("VERB", "AUX", "NOUN"):
            if node.lemma_.lower() in unreal:
                return False
            if node.pos_ != "NOUN" and any((c.dep_ == "aux" and c.lower_ in modals)
                                           or (c.dep_ == "advmod" and c.lower_ in hedges) for c in node.children):
                return False
        if node.dep_ == "ROOT" or node.head.i == node.i:
            break
        node = node.head
    return True

