"""The coded event and the output contract: ACLED's columns in ACLED's order, then ours."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .taxonomy import DISORDER_TYPES, interaction_code

if TYPE_CHECKING:  # the stages' types, named in annotations only: the model imports no stage
    from .casualties import PeriodTotal
    from .documents import Document

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = [
    "doc_id", "evidence", "date_start", "date_end", "fatalities_low", "fatalities_high", "injuries", "claims",
    "control_change", "confidence", "trigger", "rules", "spans",
]


# an event's id number: twelve digits (100000000000-999999999999); "XXX" for an event in no known country
EVENT_NUMBERS = 900_000_000_000
NO_COUNTRY = "XXX"


@dataclass
class Evidence:
    char_start: int  # into the original document text
    char_end: int
    text: str


@dataclass
class Event:
    """One coded event: ACLED's fields, then where each came from."""

    doc_id: str
    event_date: str
    date_start: str
    date_end: str
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    civilian_targeting: str = ""
    iso: int | None = None
    iso3: str = ""
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    claims: list[dict] = field(default_factory=list)
    control_change: dict | None = None
    confidence: float = 0.0
    tags: str = ""  # ACLED's tags: a demonstration's crowd size ("crowd size=hundreds", "crowd size=no report")
    trigger: str = ""
    rules: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # the words each field came from: {field, char_start, char_end, text} into the original document text, for
    # "trigger", "actor1", "actor2", "location", "date", "fatalities" and "crowd_size" where the sentences name them
    spans: list[dict] = field(default_factory=list)
    # when it was coded, as a Unix time (ACLED's upload time): one value for a whole run, set as the run codes
    # (`coding_time`); the only field that differs between two runs of the same input
    timestamp: int | None = None

    @property
    def year(self) -> int | None:
        return int(self.event_date[:4]) if self.event_date else None

    @property
    def disorder_type(self) -> str:
        return DISORDER_TYPES.get(self.event_type, "")

    @property
    def interaction(self) -> int:
        """ACLED's interaction code: the two inter codes, lower first (12: state forces against rebels); an
        event of one actor is its code times ten (60: protesters alone)."""
        return interaction_code(self.inter1, self.inter2)

    @property
    def event_id_cnty(self) -> str:
        """Stable: the same document, words, place, type and date give the same id on every run. Shaped as
        ACLED's (the country's ISO alpha-3 code, then a number) so that code reading ACLED's ids reads ours; the
        number has twelve digits, where ACLED's have at most seven, so that ours never take an ACLED event's id
        when the two are put together.

        >>> Event("a.txt", "2018-12-03", "2018-12-03", "2018-12-03", 1, "Battles", "Armed clash", "x",
        ...       iso3="SYR", location="Hajin").event_id_cnty
        'SYR570923047954'
        """
        first = self.evidence[0] if self.evidence else Evidence(0, 0, "")
        key = "|".join(map(str, (self.doc_id, first.char_start, first.char_end, self.location, self.event_type,
                                 self.sub_event_type, self.event_date)))
        number = int(hashlib.sha1(key.encode()).hexdigest()[:12], 16) % EVENT_NUMBERS + EVENT_NUMBERS // 9
        return f"{self.iso3 or NO_COUNTRY}{number}"

    @property
    def days(self) -> int:
        """The days its date window covers, both ends counted."""
        return (date.fromisoformat(self.date_end) - date.fromisoformat(self.date_start)).days + 1

    def add_claims(self, claims: list[dict]) -> None:
        """Add sources' claims, keeping one per (source, kind, low, high), and recount: `fatalities` is the most
        conservative figure of dead (the lowest any source gives), low and high the range over all sources. A
        figure of killed and wounded together (CLAIM_KILLED_OR_WOUNDED) is kept with its words but counts no
        one as dead: ACLED and UCDP count deaths, and the text does not say how many of them died."""
        def key(c: dict) -> tuple:
            return c["source"], c.get("kind", CLAIM_KILLED), c["low"], c["high"]
        known = {key(c) for c in self.claims}
        self.claims.extend(c for c in claims if key(c) not in known)
        deaths = [c for c in self.claims if c.get("kind", CLAIM_KILLED) == CLAIM_KILLED]
        if deaths:
            self.fatalities = self.fatalities_low = min(c["low"] for c in deaths)
            self.fatalities_high = max(c["high"] for c in deaths)

    def to_dict(self) -> dict:
        """Every output key: ACLED's in ACLED's order, then ours. A missing actor's inter code is 0, as ACLED
        writes it (a blank would stop code that compares codes, acledR's among them)."""
        row = acled_codes({k: getattr(self, k) for k in ACLED_COLUMNS})
        extra = {k: getattr(self, k) for k in EXTRA_COLUMNS}
        extra["evidence"] = [asdict(e) for e in self.evidence]
        return {**row, **extra}


def acled_codes(row: dict) -> dict:
    """An event's row with ACLED's codes: 0 for no actor or country (where a store written before them holds
    None), the interaction computed from the two codes.

    >>> row = acled_codes({"inter1": 6, "inter2": None, "interaction": None, "iso": 404})
    >>> row["inter2"], row["interaction"], row["iso"]
    (0, 60, 404)
    """
    inter1, inter2 = row.get("inter1") or 0, row.get("inter2") or 0
    return {**row, "inter1": inter1, "inter2": inter2, "interaction": interaction_code(inter1, inter2),
            "iso": row.get("iso") or 0}


@dataclass
class ControlClaim:
    """One row of a place's timeline: from `date_start` (within the window to `date_end`) the place was held by
    `controller`, having been held by `previous`; `event_id` is the event that changed it, if one did."""

    place: str
    iso3: str
    admin1: str
    latitude: float
    longitude: float
    date_start: str
    date_end: str
    controller: str  # "" when the text says only who lost it
    previous: str
    kind: str  # captured | retaken | transferred | besieged | held | lost
    rule: str
    doc_id: str
    evidence: Evidence
    event_id: str = ""

    @property
    def claim_id(self) -> str:
        """Stable: the same document, words, place and reading give the same id."""
        key = "|".join(map(str, (self.doc_id, self.evidence.char_start, self.evidence.char_end, self.place,
                                 self.latitude, self.longitude, self.kind, self.controller, self.previous)))
        return hashlib.sha1(key.encode()).hexdigest()[:12]

    def as_dict(self) -> dict:
        row = asdict(self)
        row["evidence"] = asdict(self.evidence)
        return {"claim_id": self.claim_id, **row}


@dataclass(frozen=True)
class PeriodCasualties:
    """A toll over a period that a document reports, the date the story had reached, and where it is said."""

    total: PeriodTotal
    as_of: str | None  # the narrative's date when the toll is given (TimeML value)
    evidence: Evidence

    def as_dict(self) -> dict:
        return {**self.total.as_dict(), "as_of": self.as_of, "evidence": asdict(self.evidence)}


# what a casualty claim counts (its "kind"): the dead, or killed and wounded told as one figure ("100,000 killed
# and wounded", "250 casualties"), which is kept as said but is no toll of dead
CLAIM_KILLED = "killed"
CLAIM_KILLED_OR_WOUNDED = "killed or wounded"

# the rule of an event whose sentence gives no date of its own: dated by where the narrative had got to
DATE_FROM_NARRATIVE = "DATE_FROM_NARRATIVE"

# why a candidate event (a trigger the lexicon found) became no event of its own: CodedDocument.let_go's keys
LET_GO_NEGATED = "negated or in another sense"  # "did not attack", "captured the moment"
LET_GO_NOT_HAPPENED = "not told as having happened"  # planned, threatened, a heading, a habitual present
LET_GO_BACKGROUND = "the background of another event"  # "after recapturing Palmyra"
LET_GO_TOLL = "a toll of the event told before"  # "Two more died of their wounds"
LET_GO_PERIOD_TOLL = "a toll over a period"  # "mines had killed 250 civilians by May 2018": no event
LET_GO_NO_PLACE = "no place"  # none in the sentence, the narrative or the document's country
LET_GO_SAME_PLACE = "the same place as a stronger trigger"  # one event a place: the strongest trigger's
LET_GO_NO_DATE = "no date"
LET_GO_CONFIDENCE = "below the confidence floor"  # --min-confidence
LET_GO_MERGED = "told again, merged into its event"
LET_GO_REASONS = (LET_GO_NEGATED, LET_GO_NOT_HAPPENED, LET_GO_BACKGROUND, LET_GO_TOLL, LET_GO_NO_PLACE,
                  LET_GO_SAME_PLACE, LET_GO_NO_DATE, LET_GO_CONFIDENCE, LET_GO_MERGED)


@dataclass(frozen=True)
class CodedDocument:
    document: Document
    events: list[Event]
    casualty_totals: list[PeriodCasualties]
    control_claims: list[ControlClaim] = field(default_factory=list)  # statements of who held a place
    error: str | None = None  # why the document could not be coded (then it has no events)
    # the candidate events (triggers found) that became no event, by why (LET_GO_REASONS): what a user reads to
    # see what the coder saw and did not code
    let_go: dict[str, int] = field(default_factory=dict)
    # statements of control let go, each with why (a holder that fought no one in the document)
    dropped_claims: list[tuple[ControlClaim, str]] = field(default_factory=list)
    sentences: int = 0  # the document's sentences, and those of them parsed (events.gate: the others read lightly)
    parsed: int = 0
