"""The casualties stage's decisions: which event a sentence's toll belongs to, and a toll over a period that
belongs to none."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import PeriodCasualties
from .reader import CasualtyReader, CasualtyReport

if TYPE_CHECKING:
    from ..context import SentenceContext
    from ..model import Event

KILL_ONLY_RULE = "T_KILL"  # the trigger of a sentence that only says people died


class TollAttacher:
    """Reads a sentence's tolls and gives them to its events, or to the event just told. Build once."""

    def __init__(self, reader: CasualtyReader) -> None:
        self.reader = reader

    def source_spans(self, ctx: SentenceContext) -> list[tuple[int, int]]:
        """The words that name a source of figures ("SOHR", "state media"): no place is read in them."""
        return self.reader.source_spans(ctx.text)

    def find(self, ctx: SentenceContext) -> None:
        """The sentence's tolls (`ctx.tolls`); a toll over a period is kept for the document, dated by the
        narrative."""
        ctx.tolls = self.reader.read(ctx.text)
        for total in ctx.tolls.period_totals:
            as_of = ctx.clock.anchor.value if ctx.clock.anchor else None
            ctx.memory.period_totals.append(PeriodCasualties(total, as_of, ctx.evidence()))

    @staticmethod
    def belongs_to_previous(ctx: SentenceContext, has_day: bool) -> bool:
        """A sentence that only counts the dead ("40 militants died in the battle for the town") adds its figures
        to the event just told rather than telling a new one: it names no place and no day of its own."""
        named_here = [p for p in ctx.places if not p.reference]
        return bool(ctx.tolls.claims and all(t.rule.priority <= 50 for t in ctx.main) and not named_here
                    and ctx.memory.previous_events and not has_day)

    @staticmethod
    def only_kills_again(ctx: SentenceContext) -> bool:
        """ "Two more were killed": a killing with no place or date of its own is the event just told."""
        return (all(t.rule.id == KILL_ONLY_RULE for t in ctx.main) and not ctx.places
                and bool(ctx.memory.previous_events) and not ctx.dates)

    @staticmethod
    def attach_to_previous(ctx: SentenceContext) -> None:
        """The sentence's claims go to the first event of the last sentence that told any, with its words."""
        tolls = ctx.tolls
        target = ctx.memory.previous_events[0]
        target.add_claims([c.as_dict() for c in tolls.claims])
        if tolls.injuries is not None:
            target.injuries = (target.injuries or 0) + tolls.injuries
        target.evidence.append(ctx.evidence())
        target.spans += claim_spans(ctx, tolls)
        target.rules.append("FATALITIES_FROM_NEXT_SENTENCE")

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
