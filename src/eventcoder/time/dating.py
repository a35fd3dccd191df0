"""The time stage's decisions: which date an event has, which date a statement holds on, and how far the story
has got once a sentence is read."""
from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .. import syntax
from ..lang import pattern
from ..model import DATE_FROM_NARRATIVE
from .tagger import NarrativeClock, TimeExpression, TimexTagger

if TYPE_CHECKING:
    from ..context import SentenceContext
    from ..events.triggers import TriggerMatch
    from ..model import Event

TIMEX_EVENT_TYPES = ("DATE", "TIME")  # the expression types that can date an event (a duration cannot)


# TimeML mods of a date the story is told to be after or before, at no day it names
BOUND_MODS = frozenset({"AFTER", "ON_OR_AFTER", "BEFORE"})


class EventDater:
    """Finds a sentence's time expressions and dates its events. Build once; call per sentence.

    An event takes the nearest date of its own clause; else the date a report of it gives; else the date the
    narrative has reached. "By 17 November" bounds an event rather than dating it.
    """

    def __init__(self, tagger: TimexTagger | None = None) -> None:
        self.tagger = tagger or TimexTagger()

    def find(self, ctx: SentenceContext) -> None:
        """The sentence's time expressions (`ctx.times`) and those that give a date or a time (`ctx.dates`). A
        heading of background ("Background", "Prelude") starts the story's past; the next heading ends it. The
        first heading ends the lead, which sums up the whole story: the sections after it tell it from its start."""
        if _is_heading(ctx):
            clock = ctx.clock
            if not clock.past_lead or clock.in_background:
                clock.resume()
            clock.past_lead = True
            clock.in_background = bool(pattern("background_heading").search(ctx.text.strip()))
        ctx.times = self.tagger.tag(ctx.text, ctx.clock)
        ctx.dates = [t for t in ctx.times if t.is_dated and t.type in TIMEX_EVENT_TYPES]

    @staticmethod
    def year(ctx: SentenceContext) -> int | None:
        """The year the sentence speaks of: its first date's, else the narrative's."""
        return ctx.dates[0].date_start.year if ctx.dates else ctx.clock.year

    def date_event(self, ctx: SentenceContext, trigger: TriggerMatch) -> tuple[TimeExpression | None, str]:
        """The date of this trigger's event and the rule that chose it: the nearest date of its own clause, else a
        report date, else the date the narrative has reached."""
        own, reports = self._own_and_reported(ctx, trigger)
        if own:
            t_char = ctx.char(trigger.head)
            best = min(own, key=lambda t: (t.days > 31, abs(t.start - t_char)))
            # "by 17 November" bounds the event; "by dawn on 14 December" names the day it was done on
            if best.mod in ("BEFORE", "ON_OR_BEFORE") and best.type == "DATE":
                return self._bounded(best, ctx.clock), f"DATE_BY_{best.rule}"
            return best, f"DATE_{best.rule}"
        if reports:
            return reports[-1], f"DATE_REPORT_{reports[-1].rule}"
        if ctx.clock.anchor is not None:
            return ctx.clock.anchor, DATE_FROM_NARRATIVE
        return None, ""

    @staticmethod
    def _own_and_reported(ctx: SentenceContext,
                          trigger: TriggerMatch) -> tuple[list[TimeExpression], list[TimeExpression]]:
        """The sentence's dates split into those of the trigger's own clauses and those of a report of it."""
        trig_verb = syntax.clause_verb(trigger.head)
        own, reports = [], []
        for t in ctx.dates:
            token = ctx.token_at(t.start)
            if token is not None and syntax.is_background(token) and len(ctx.dates) > 1:
                continue  # "after the 26 October counterattack": the date of another event
            verb = syntax.attached_verb(ctx.span, t.start)
            if syntax.is_reporting(verb) and verb.i != trig_verb.i:
                reports.append(t)
            else:
                own.append(t)
        return own, reports

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

    @staticmethod
    def statement_date(ctx: SentenceContext) -> TimeExpression | None:
        """A statement holds on its sentence's own date ("by 10 December, ISIL still held ..."), or over the days
        it names from and to ("occupied from 27 February to 10 September"), else on the date the story has
        reached."""
        own = [t for t in ctx.dates if t.days <= 31 or t.value_end]
        if own:
            return own[0]
        return ctx.clock.anchor

    @staticmethod
    def has_day(ctx: SentenceContext) -> bool:
        """Whether the sentence names a day of its own."""
        return any(t.precision == "day" for t in ctx.dates)

    @staticmethod
    def advance(ctx: SentenceContext, events: list[Event]) -> None:
        """The story reaches the first event's dates, or else the last date the sentence gives, preferring one of a
        month or less to a year; a sentence in the past perfect tells the story's past and leaves it where it was,
        unless it says by when ("by 14 December, the SDF had captured Hajin")."""
        # (a sentence left unparsed has no "had" with a time in it: the gate parses every one that has)
        if (ctx.sentence.parsed and syntax.is_past_perfect(ctx.span)
                and not any(t.mod == "ON_OR_BEFORE" for t in ctx.dates)):
            return  # a flashback ("had been captured on 10 June"); "by 14 December it had captured X" moves on
        if events:
            first = events[0]
            ctx.clock.advance(TimeExpression.spanning(date.fromisoformat(first.date_start),
                                                      date.fromisoformat(first.date_end)))
            return
        # a bound ("since 2015", "before the war") says where the story is not: "he had not worked for it since
        # 2015" leaves the story where it was, and the next "On 14 March" in its year
        dates = [t for t in ctx.dates if t.mod not in BOUND_MODS]
        fine = [t for t in dates if t.days <= 31]
        if fine or dates:
            ctx.clock.advance((fine or dates)[-1])


def _is_heading(ctx: SentenceContext) -> bool:
    """A line of its own with no verb and no full stop ("Background", "Capture of Morek"), not a fragment the
    sentence splitter cut from a line ("6" of "... (Mukaza). 6 supporters were later arrested")."""
    text = ctx.clean.text
    start, end = ctx.sentence.start, ctx.sentence.start + len(ctx.text.rstrip())
    return (syntax.is_title(ctx.span) and any(c.isalpha() for c in ctx.text)
            and (start == 0 or text[start - 1] == "\n") and (end >= len(text) or text[end] == "\n"))
