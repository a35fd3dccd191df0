"""What the stages share while a document is coded: the sentence in hand with everything found in it, and the
document's memory of what its narrative has told so far.

Every mention a stage finds in a sentence (dates, actors, tolls, places, triggers, statements of control) is kept
on one `SentenceContext`, with offsets into the sentence's own text: one coordinate system for all of them. A
token's offset is `context.char(token)`; the tokens of an offset range are `context.tokens_in(start, end)`; a range
goes back to the original document through `context.original(start, end)`.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .model import Event, Evidence

if TYPE_CHECKING:  # the stages' types, named in annotations only: this module sits below every stage
    from spacy.tokens import Span, Token

    from .actors import Actor, ActorMention
    from .casualties import CasualtyReport
    from .control.reader import ControlStatement
    from .documents import CleanText, Document
    from .events.triggers import TriggerMatch
    from .model import ControlClaim, PeriodCasualties
    from .places import GazetteerEntry, PlaceMention
    from .places.location import ParagraphBreaks
    from .time import NarrativeClock, TimeExpression


@dataclass
class PlaceTally:
    """The places named over a stretch of the narrative (their index in `DocumentMemory.places`), counted: how
    often each, where last, and of each kind the most named (the latest on a tie) and the last named. What a
    generic noun ("the town") refers back to, kept as the narrative goes rather than counted again at each noun.

    >>> from collections import namedtuple
    >>> Place = namedtuple("Place", "name kind")
    >>> a, b = Place("A", "town"), Place("B", "town")
    >>> tally = PlaceTally()
    >>> for i, place in enumerate([a, b, b, a]):
    ...     tally.add(place, i)
    >>> tally.most_named({"town"}).name, tally.last_named({"town"}).name
    ('A', 'A')
    """

    upto: int = 0  # the places before this index are counted
    counts: Counter = field(default_factory=Counter)
    last: dict = field(default_factory=dict)  # place -> the index it was last named at
    most: dict = field(default_factory=dict)  # kind -> its most named place, the latest on a tie
    latest: dict = field(default_factory=dict)  # kind -> its last named place

    def add(self, entry: GazetteerEntry, i: int) -> None:
        """Count the place named at index `i`, the latest counted yet."""
        self.counts[entry] += 1
        self.last[entry] = i
        best = self.most.get(entry.kind)
        if best is None or self.counts[entry] >= self.counts[best]:  # the latest named wins a tie
            self.most[entry.kind] = entry
        self.latest[entry.kind] = entry

    def most_named(self, kinds: set[str], more: list[tuple[int, GazetteerEntry]] = ()) -> GazetteerEntry | None:
        """The place of one of `kinds` named most, the latest on a tie, counting the places `more` (index, place:
        named after those counted, in order) too."""
        extra = Counter(e for _, e in more)
        last = {e: i for i, e in more}
        found = [e for _, e in more] + [self.most[k] for k in kinds if k in self.most]
        return max(found, key=lambda e: (self.counts[e] + extra[e], last.get(e, self.last.get(e, -1))), default=None)

    def last_named(self, kinds: set[str]) -> GazetteerEntry | None:
        """The place of one of `kinds` named last."""
        found = [self.latest[k] for k in kinds if k in self.latest]
        return max(found, key=lambda e: self.last[e], default=None)


@dataclass
class DocumentMemory:
    """What the narrative has told so far: the countries it is about, the places and actors it has named, who
    fights whom and who holds which place, the events of the last sentence that told any (and of the last that
    told one a later sentence's toll can belong to)."""

    countries: dict[str, float] = field(default_factory=dict)
    place_countries: dict[str, float] = field(default_factory=dict)  # where its places are (see EventCoder._prescan)
    names_places: bool = True  # whether the document names any place or country the gazetteer knows
    let_go: Counter = field(default_factory=Counter)  # candidate events that made no event, by why (model.LET_GO_*)
    admins: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1) of the admin areas it names
    actor_counts: Counter = field(default_factory=Counter)
    place_counts: Counter = field(default_factory=Counter)
    places: list[GazetteerEntry] = field(default_factory=list)
    place_at: list[int] = field(default_factory=list)  # where each of `places` was named, in the clean text
    named: PlaceTally = field(default_factory=PlaceTally)  # `places`, counted up to the sentence in hand
    named_in_paragraph: PlaceTally = field(default_factory=PlaceTally)  # ... those of its paragraph
    paragraph_at: int = -1  # where the paragraph `named_in_paragraph` counts starts, in the clean text
    paragraph_breaks: ParagraphBreaks | None = None  # the clean text's blank lines, found on first use
    last_actor1: Actor | None = None
    last_country: str = ""  # the country of the last event: where the war the narrative tells is
    last_group: Actor | None = None
    opponents: dict[str, str] = field(default_factory=dict)
    holders: dict[str, str] = field(default_factory=dict)
    previous_events: list[Event] = field(default_factory=list)
    # a place's name -> the last event that told a change of hands there
    last_change: dict[str, Event] = field(default_factory=dict)
    toll_events: list[Event] = field(default_factory=list)  # the last sentence's events that can have a toll
    toll_events_end: int = 0  # where the sentence that told them ends, in the clean text
    period_totals: list[PeriodCasualties] = field(default_factory=list)
    period_told: tuple[int, str] | None = None  # where the last sentence that told a period ends, its words
    toll_section: str = ""  # the heading of casualties or of a period the sentences are under ("Casualties")
    control_claims: list[ControlClaim] = field(default_factory=list)
    dropped_claims: list[tuple[ControlClaim, str]] = field(default_factory=list)  # claims let go, and why

    # the most named place (the latest on a tie) and the last point named: kept as places are named, since
    # finding them again in `places` at every sentence made a long document's time grow with its square
    _main_place: GazetteerEntry | None = None
    _recent_point: GazetteerEntry | None = None

    def near(self) -> list[tuple[float, float]]:
        return [(e.latitude, e.longitude) for e in self.places[-8:]]

    def remember_place(self, entry: GazetteerEntry, at: int = -1) -> None:
        self.places.append(entry)
        self.place_at.append(at)
        self.place_counts[entry] += 1
        main = self._main_place
        if main is None or self.place_counts[entry] >= self.place_counts[main]:  # the latest named wins a tie
            self._main_place = entry
        if not entry.is_area:
            self._recent_point = entry

    def main_place(self) -> GazetteerEntry | None:
        """The place the narrative is about: the most named so far, the latest on a tie."""
        return self._main_place

    def recent_point(self) -> GazetteerEntry | None:
        """The last place named that is a point, not an area."""
        return self._recent_point

    def remember_change(self, event: Event) -> None:
        """An event that told a change of hands."""
        self.last_change[event.location] = event


@dataclass
class Sentence:
    """One sentence: spaCy's span, its text, and where the text starts in the document's clean text. A sentence the
    gate let through unparsed (`events.gate`) has the first pass's span: words, no tags, parse or entities."""

    span: Span
    text: str
    start: int
    parsed: bool = True

    @cached_property
    def token_starts(self) -> list[int]:
        """Where each token starts, as an offset into `text`."""
        base = self.span.start_char
        return [t.idx - base for t in self.span]


@dataclass
class SentenceContext:
    """A sentence and all its mentions, offsets into `sentence.text`, with the document and its memory beside it.

    The stages fill it in route order (see ARCHITECTURE.md): time, actors, casualties, places, events, control.
    """

    document: Document
    clean: CleanText
    sentence: Sentence
    clock: NarrativeClock
    memory: DocumentMemory
    times: list[TimeExpression] = field(default_factory=list)  # every time expression of the sentence
    dates: list[TimeExpression] = field(default_factory=list)  # those that give a date or a time
    mentions: list[ActorMention] = field(default_factory=list)
    tolls: CasualtyReport | None = None
    places: list[PlaceMention] = field(default_factory=list)
    place_references: list[PlaceMention] = field(default_factory=list)  # "the town": the place it refers back to
    triggers: list[TriggerMatch] = field(default_factory=list)  # not negated
    realis: list[TriggerMatch] = field(default_factory=list)  # ... and told as having happened
    main: list[TriggerMatch] = field(default_factory=list)  # ... and not as the background of another event
    statements: list[ControlStatement] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def span(self) -> Span:
        return self.sentence.span

    def char(self, token: Token) -> int:
        """A token's offset in the sentence's text."""
        return token.idx - self.sentence.span.start_char

    def token_at(self, offset: int) -> Token | None:
        """The first token that starts at or after `offset`."""
        return next((t for t in self.sentence.span if self.char(t) >= offset), None)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens that start within [start, end)."""
        starts = self.sentence.token_starts
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        doc, offset = self.sentence.span.doc, self.sentence.span.start
        return [doc[offset + k] for k in range(first, last)]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into the sentence's text as offsets into the original document's text."""
        return self.clean.to_original(self.sentence.start + start, self.sentence.start + end)

    def sentence_bounds(self) -> tuple[int, int]:
        """The sentence's span in the original text, without the blanks around it."""
        text = self.sentence.text
        lead = len(text) - len(text.lstrip())
        return self.original(lead, len(text.rstrip()))

    def evidence(self) -> Evidence:
        start, end = self.sentence_bounds()
        return Evidence(start, end, self.document.text[start:end])

    def word_span(self, name: str, start: int, end: int) -> dict:
        """Words of the sentence (offsets into its text) as a span of the original document, for `Event.spans`."""
        a, b = self.original(start, end)
        return {"field": name, "char_start": a, "char_end": b, "text": self.document.text[a:b]}
