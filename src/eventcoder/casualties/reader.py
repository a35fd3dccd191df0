"""Casualties: how many were killed and wounded according to whom.

Numbers in digits ("2,500"), words ("five"), ranges ("250–300", "between 11 and 17") and vague quantities ("dozens"
= 12, as ACLED codes them: lang/en/quantities.tsv) are read next to death and injury words; each figure is attributed to
the source that reports it ("SOHR reported ...", "according to state media"), and figures of one source make one
claim. The coded figure is the most conservative one: the lowest any source gives.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..aliases import AliasMatcher
from ..lang import alternation, pattern, word_set, words
from ..model import CLAIM_KILLED, CLAIM_KILLED_OR_WOUNDED
from ..resources import read_table
from ..time import month_names


@dataclass(frozen=True)
class Quantity:
    low: int
    high: int
    start: int
    end: int
    vague: bool = False


@dataclass
class Claim:
    """What one source says of one event's dead."""

    source: str
    fatalities: int
    low: int
    high: int
    civilians: int | None = None
    combatants: int | None = None
    text: str = ""
    start: int = 0  # offsets into the sentence searched
    end: int = 0
    rule: str = ""
    kind: str = CLAIM_KILLED  # or CLAIM_KILLED_OR_WOUNDED: "100,000 killed and wounded", no toll of dead

    def as_dict(self) -> dict:
        return {"source": self.source, "fatalities": self.fatalities, "low": self.low, "high": self.high,
                "civilians": self.civilians, "combatants": self.combatants, "text": self.text, "kind": self.kind}


@dataclass
class PeriodTotal:
    """A toll over a period, not of one event ("since 10 September, 922 ISIL fighters, 539 SDF fighters and 324
    civilians had died"): kept as a report over its period, never pinned on an event."""

    source: str
    total: int
    parts: list[tuple[int, str]]  # (figure, who: the words after it)
    period: str  # the words that bound the period ("since 10 September")
    text: str

    def as_dict(self) -> dict:
        return {"source": self.source, "total": self.total, "parts": [{"fatalities": n, "who": who} for n, who in self.parts],
                "period": self.period, "text": self.text}


@dataclass
class CasualtyReport:
    claims: list[Claim] = field(default_factory=list)
    injuries: int | None = None
    period_totals: list[PeriodTotal] = field(default_factory=list)

    @property
    def deaths(self) -> list[Claim]:
        """The claims that count dead (not killed and wounded together)."""
        return [c for c in self.claims if c.kind == CLAIM_KILLED]

    def count_over(self, period: str, text: str) -> list[PeriodTotal]:
        """The claims' dead are a period's, as the text around the sentence says ("## Casualties", "in the
        battle for the city" told on its own): each becomes a total over `period`, and no claim is left. Returns
        the totals added."""
        added = [PeriodTotal(c.source, c.low, [], period, text) for c in self.deaths]
        self.period_totals += added
        self.claims = []
        return added

    @property
    def fatalities(self) -> int:
        """The conservative figure: the lowest any source reports (0 when none do)."""
        return min((c.low for c in self.deaths), default=0)

    @property
    def low(self) -> int | None:
        return min((c.low for c in self.deaths), default=None)

    @property
    def high(self) -> int | None:
        return max((c.high for c in self.deaths), default=None)


def _written(name: str) -> str:
    """A word class as an alternation of its words as written: a phrase's spaces match one space, as these
    expressions were tuned (lang.alternation would let them match any run of whitespace)."""
    return "|".join(re.escape(w) for w in words(name))


def _piece(name: str) -> str:
    """The source of a pattern class, to be joined into a larger expression."""
    return pattern(name).pattern


_CIVILIAN_NOUNS = _written("civilian_nouns")
_COMBATANT_NOUNS = _written("combatant_nouns")
_VICTIM_NOUNS = rf"(?:{_CIVILIAN_NOUNS}|{_COMBATANT_NOUNS})"
_NOUN_WORDS = r"\s+(?:[\w'’-]+\s+){0,4}?"  # up to four words between a figure and its verb: "12 Syrian Army soldiers"


class CasualtyReader:
    """Reads the casualty figures of a sentence; built once (number words and sources are data)."""

    def __init__(self, source_names: list[tuple[str, str]] | None = None) -> None:
        self.words: dict[str, tuple[int, bool]] = {}
        for row in read_table("quantities.tsv", ["word", "value", "kind", "note"], required=3):
            self.words[row["word"].lower()] = (int(row["value"]), row["kind"] == "vague")
        self._number = self._figure_pattern()
        sources: list[tuple[str, str]] = []
        for row in read_table("sources.tsv", ["name", "aliases"]):
            for alias in row["aliases"].split("|"):
                sources.append((alias, row["name"]))
        # an actor that reports ("the Syrian government said") is named as the actor; sources.tsv names the rest
        sources = list(source_names or []) + sources
        self._sources = AliasMatcher(sources)
        months = "|".join(sorted(month_names(), key=len, reverse=True))
        self._month_before = re.compile(rf"(?:{months})\.?\s+(?:\d{{1,2}},?\s+)?$")
        self._year_before = re.compile(rf"\b(?:{_written('year_cues')})\s+$")  # "in 2016", "since 2014": a year
        self._month_after = re.compile(rf"\s*(?:{months})\b")
        self._numbers = re.compile(r"(?<![\w.,–-])" + self._number.pattern, re.IGNORECASE)
        self._compile_toll_cues()

    def _figure_pattern(self) -> re.Pattern:
        """A figure: digits or a number word, hedged ("at least"), a range ("250–300", "between 11 and 17"), open
        ("20 or more")."""
        word_alts = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))
        digits = r"\d{1,3}(?:,\d{3})+|\d+"
        single = rf"(?:{digits}|(?:{word_alts}))"
        return re.compile(
            rf"(?:(?:{_written('figure_hedges')})\s+)?"
            rf"(?:between\s+(?P<a>{single})\s+and\s+(?P<b>{single})"
            rf"|(?P<lo>{single})(?:\s*(?:{_written('figure_range_marks')})\s*(?P<hi>{single}))?)"
            rf"(?:\s+(?:{_written('figure_open_ends')}))?(?![\w,]*\d)", re.IGNORECASE)

    def _compile_toll_cues(self) -> None:
        """The words around a figure that make it a toll of dead or wounded, a share of one, or a period's."""
        aux = _piece("passive_aux")
        toll_lead = rf"\s+(?:{alternation('toll_leads')}\s+)?$"
        # "N people were killed" needs the auxiliary: "12 airstrikes killed 25 fighters" counts strikes, not dead
        self._death_after = re.compile(_NOUN_WORDS + aux + _piece("death_participle")
                                       + "|" + _NOUN_WORDS + _piece("death_intransitive")
                                       + r"|\s+(?:[\w'’-]+\s+){0,2}?" + _piece("death_noun"), re.IGNORECASE)
        self._killed_after = pattern("killed_or_dead")
        verb_tail = _NOUN_WORDS + r"(?:" + aux + r")?"
        self._death_before = re.compile(_piece("death_before") + toll_lead)
        self._injury_after = re.compile(verb_tail + _piece("injury_participle")
                                        + r"|\s+(?:[\w'’-]+\s+){0,2}?" + _piece("injury_noun"), re.IGNORECASE)
        self._injury_before = re.compile(_piece("injury_before") + toll_lead)
        self._part_before = re.compile(_piece("share_cue") + _piece("copula_gap") + "$"
                                       + rf"|{_VICTIM_NOUNS}{_piece('share_joins')}$", re.IGNORECASE)
        # a part joined by "and" to the figure before it adds to it ("killed 113 children and 72 women": 185);
        # one that "including" or "of which" brings is a share of it
        self._sibling_gap = re.compile(rf"\s+(?:[\w'’-]+\s+){{0,3}}?{_VICTIM_NOUNS}{_piece('share_joins')}",
                                       re.IGNORECASE)
        self._period = pattern("toll_period")
        self._total = pattern("toll_total")
        self._since_not_a_period = pattern("since_not_a_period")
        self._perfect = pattern("toll_perfect")
        self._death_word = pattern("death_word")
        self._killed_or_wounded = pattern("killed_or_wounded")
        self._casualty_before = re.compile(_piece("casualty_before") + toll_lead)
        self._casualty_noun = pattern("casualty_noun")
        self._share_of_earlier = pattern("share_of_earlier")
        self._as_of = pattern("toll_as_of")
        self._campaign = pattern("toll_in_campaign")
        self._bodies_before = pattern("bodies_before")
        self._year_span = pattern("year_span")
        self._table_row = pattern("table_row")
        self._disaster = re.compile(rf"\b(?:{_written('disaster_nouns')})\b", re.IGNORECASE)
        self._part_noun_near = re.compile(rf"\s+(?:[\w'’-]+\s+){{0,2}}?{_VICTIM_NOUNS}\b", re.IGNORECASE)
        self._part_noun = re.compile(rf"{_piece('copula_gap')}(?P<noun>{_CIVILIAN_NOUNS}|{_COMBATANT_NOUNS})\b",
                                     re.IGNORECASE)
        self._not_a_toll = pattern("not_a_toll")

    # ------------------------------------------------------------ numbers

    def quantity(self, text: str, offset: int = 0) -> Quantity | None:
        """The number `text` starts with, as a (low, high) range."""
        m = self._number.match(text.strip())
        if not m:
            return None
        lead = len(text) - len(text.lstrip())
        a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("lo"), m.group("hi"))
        lo = self._value(a)
        hi = self._value(b) if b else lo
        if lo is None or hi is None:
            return None
        vague = self._is_vague(a)
        if hi < lo:
            lo, hi = hi, lo
        return Quantity(lo[0] if isinstance(lo, tuple) else lo, hi[0] if isinstance(hi, tuple) else hi,
                        offset + lead + m.start(), offset + lead + m.end(), vague)

    def _value(self, s: str | None) -> int | None:
        if not s:
            return None
        s = s.strip().lower()
        if re.fullmatch(r"[\d,]+", s):
            return int(s.replace(",", ""))
        return self.words.get(s, (None,))[0]

    def _is_vague(self, s: str | None) -> bool:
        return bool(s) and self.words.get(s.strip().lower(), (0, False))[1]

    # ------------------------------------------------------------ reading a sentence

    def read(self, sentence: str, periods: Sequence[tuple[int, int]] = (), dated: bool = True) -> CasualtyReport:
        """Claims and injuries in one sentence. `periods` are the spans of its time expressions that cover more
        than an event's days ("in 2014", "between 1914 and 1918", "by May 2018": the time stage knows them); a toll
        told with one, or with words of a period ("since", "so far", "during the siege"), is a total over that
        period, kept apart from any event's. `dated` says whether the sentence names a day: a total ("in total",
        "overall") told with none sums more than one event.

        >>> r = CasualtyReader().read("State media said 250–300 people were killed; SOHR reported 135 fatalities.")
        >>> [(c.source, c.low, c.high) for c in r.claims], r.fatalities
        ([('SANA', 250, 300), ('SOHR', 135, 135)], 135)
        """
        report = CasualtyReport()
        if self._share_of_earlier.search(sentence):
            return report  # "Of these, about 700 died": a share of a figure told before, never a toll of its own
        if self._table_row.search(sentence):
            return report  # a table's row sums up a side's losses over its columns' period: no event's toll
        deaths, parts = self._figures(sentence, report)
        if not deaths and not parts:
            one = _ONE_KILLED.search(sentence)
            if one:  # "a senior commander was killed": one death, though no number is written
                deaths.append((Quantity(1, 1, one.start(), one.end()), "ONE_KILLED", CLAIM_KILLED))
        period = self._period_words(sentence, periods, dated) if deaths or parts else None
        if period is not None:
            # every figure of the sentence that counts people counts the period's dead
            counted = {q.start for q, _, _ in deaths} | {q.start for q, _ in parts}
            parts = parts + [(q, "") for q in self._quantities(sentence) if q.start not in counted
                             and self._part_noun_near.match(sentence[q.end:q.end + 40])]
            killed = [(q, rule) for q, rule, kind in deaths if kind == CLAIM_KILLED]
            if killed or parts:  # a toll over a period: a report of its own, no event's figure
                report.period_totals.append(self._period_total(sentence, killed, parts, period))
            return report
        if not deaths and parts:
            # "of which 85 were civilians and 50 soldiers" with no total: the parts are the figure
            total = sum(p[0].low for p in parts)
            deaths.append((Quantity(total, total, parts[0][0].start, parts[-1][0].end), "PARTS", CLAIM_KILLED))
        report.claims = self._claims(sentence, deaths)
        self._add_parts(sentence, [c for c in report.claims if c.kind == CLAIM_KILLED], parts)
        return report

    def _period_words(self, sentence: str, periods: Sequence[tuple[int, int]], dated: bool) -> str | None:
        """The words that make the sentence's toll one over a period, if any: a period's words ("since 10
        September", "during the siege"; not "the deadliest since 2014", which dates a comparison), a total with a
        perfect or with no day ("in total, 922 had died"; "overall, 1,800 civilians were killed"), a count so far
        as of a report, or a time expression that covers a period."""
        for m in self._period.finditer(sentence):
            if m.group().lower().startswith("since") and self._since_not_a_period.search(sentence[:m.start()]):
                continue
            return m.group().strip().rstrip(".")
        total = self._total.search(sentence)
        if total and (self._perfect.search(sentence) or not dated):
            return total.group().strip().rstrip(".")
        as_of = self._as_of.search(sentence)
        if as_of:  # "Ukraine stated that 25,000 civilians had been killed": a count so far, as of the report
            return as_of.group()
        for start, end in periods:
            if not self._since_not_a_period.search(sentence[:start]):
                return sentence[start:end]
        return None

    def campaign_words(self, sentence: str) -> tuple[int, int] | None:
        """Where the sentence says its toll is a whole campaign's the text has told ("killed in the battle for the
        city", "during the operation"), if it does."""
        m = self._campaign.search(sentence)
        return (m.start(), m.end()) if m else None

    def _figures(self, sentence: str, report: CasualtyReport) -> tuple[list[tuple[Quantity, str, str]],
                                                                        list[tuple[Quantity, str]]]:
        """The figures of the sentence that count dead (with the rule that read each and the kind of claim it
        makes) and the parts of a toll (with their noun); a figure of wounded is added to the report's injuries.
        A part counts only where its clause says people died: "1,000 people, including 300 children, were
        evacuated" counts no dead."""
        deaths: list[tuple[Quantity, str, str]] = []
        parts: list[tuple[Quantity, str]] = []
        for q in self._quantities(sentence):
            before = sentence[max(0, q.start - 60):q.start]
            after = sentence[q.end:q.end + 80]
            if self._not_a_figure_of_people(q, sentence[q.start:q.end], before, after):
                continue  # a distance, a duration, a date, a span of years, animals: not a toll
            if self._disaster.search(sentence[_clause_start(sentence, q.start):q.start]):
                continue  # "an earthquake killed 25,000 people": no toll of political violence
            death_after = self._death_after.match(after) or self._killed_after.match(after)
            if (self._part_before.search(before) and (noun := self._part_noun.match(after))
                    and self._death_word.search(_clause(sentence, q.start, q.end))):
                parts.append((q, noun.group("noun").lower()))
            elif self._death_before.search(before):
                deaths.append((q, "KILLED_N", CLAIM_KILLED))
            elif self._casualty_before.search(before):
                deaths.append((q, "KILLED_OR_WOUNDED_N", CLAIM_KILLED_OR_WOUNDED))
            elif self._casualty_noun.match(after):  # "thousands of casualties and several hundred dead"
                deaths.append((q, "N_CASUALTIES", CLAIM_KILLED_OR_WOUNDED))
            elif death_after and self._killed_or_wounded.match(after[death_after.end():]) and not q.vague:
                # "100,000 killed and wounded"; but "several fatalities and injuries" ACLED codes as its number
                # of dead for an untold number (several = 10): there were dead, and that is their figure
                deaths.append((q, "N_KILLED_OR_WOUNDED", CLAIM_KILLED_OR_WOUNDED))
            elif death_after:
                deaths.append((q, "N_KILLED", CLAIM_KILLED))
            elif self._injury_before.search(before) or self._injury_after.match(after):
                report.injuries = (report.injuries or 0) + q.low
        return deaths, parts

    def _not_a_figure_of_people(self, q: Quantity, words: str, before: str, after: str) -> bool:
        is_year = 1900 <= q.low <= 2100 and self._year_before.search(before)
        return bool(self._not_a_toll.match(after) or self._month_after.match(after)
                    or self._month_before.search(before) or is_year or self._year_span.fullmatch(words)
                    or self._bodies_before.search(before))  # bodies handed over or found: no event's dead

    def _claims(self, sentence: str, deaths: list[tuple[Quantity, str, str]]) -> list[Claim]:
        """One claim a source and kind, from its first figure, in the order the sentence gives them."""
        by_source: dict[tuple[str, str], Claim] = {}
        for q, rule, kind in deaths:
            source = self.source_for(sentence, q.start, q.end)
            if (source, kind) in by_source:
                continue  # a later figure of the same source is a part or a repetition ("10 children were also killed")
            claim = Claim(source, q.low, q.low, q.high, text=_clause(sentence, q.start, q.end),
                          start=q.start, end=q.end, rule=rule, kind=kind)
            by_source[source, kind] = claim
            self._victims(claim, sentence[q.end:q.end + 60])
        return sorted(by_source.values(), key=lambda c: c.start)

    def _add_parts(self, sentence: str, claims: list[Claim], parts: list[tuple[Quantity, str]]) -> None:
        """Each part to the claim before it: a sibling adds to its figure, a share only says who the dead were."""
        share_chain: set[int] = set()  # claims whose last part was a share: an "and" after it is one too
        last_end: dict[int, int] = {}
        for q, noun in parts:
            owner = max((c for c in claims if c.start <= q.start), key=lambda c: c.start, default=None)
            if owner is None:
                continue
            # a sibling follows the figure before it with nothing but that figure's noun and "and" between
            gap = sentence[last_end.get(id(owner), owner.end):q.start]
            sibling = (owner.rule != "PARTS" and id(owner) not in share_chain
                       and bool(self._sibling_gap.fullmatch(gap)))
            if sibling:
                last_end[id(owner)] = q.end
            else:
                share_chain.add(id(owner))
            if owner.rule == "PARTS" and q.start == owner.start:
                owner.civilians = owner.combatants = None  # parts of a figure made of parts: count afresh
            if sibling:
                owner.fatalities += q.low  # "killed 113 children and 72 women": one figure of 185
                owner.low += q.low
                owner.high += q.low
            if re.fullmatch(_CIVILIAN_NOUNS, noun):
                owner.civilians = (owner.civilians or 0) + q.low
            else:
                owner.combatants = (owner.combatants or 0) + q.low

    def _period_total(self, sentence: str, deaths: list[tuple[Quantity, str]], parts: list[tuple[Quantity, str]],
                      period: str) -> PeriodTotal:
        figures = sorted([q for q, _ in deaths] + [q for q, _ in parts], key=lambda q: q.start)
        named = []
        for q in figures:
            who = _WHO.match(sentence[q.end:q.end + 60])
            named.append((q.low, who.group(1).strip() if who else ""))
        explicit = _TOTAL_OF.search(sentence[max(0, figures[0].start - 15):figures[0].start])
        total = figures[0].low if explicit else sum(n for n, _ in named)
        parts = named[1:] if explicit else named
        source = self.source_for(sentence, figures[0].start, figures[-1].end)
        return PeriodTotal(source, total, parts, period, sentence.strip())

    def _quantities(self, sentence: str):
        for m in self._numbers.finditer(sentence):
            q = self.quantity(m.group(), m.start())
            if q is not None:
                yield q

    def _victims(self, claim: Claim, after: str) -> None:
        noun = _VICTIM.match(after)
        if not noun:
            return
        word = noun.group(1).lower()
        if re.fullmatch(_COMBATANT_NOUNS, word):
            claim.combatants = claim.low
        elif word not in word_set("unspecified_victims"):
            claim.civilians = claim.low

    def source_for(self, sentence: str, start: int, end: int) -> str:
        """Who reports the figure at [start, end): 'according to X' after it, else the subject of the nearest
        reporting verb before it in the same clause, else '' (the narrative itself)."""
        after = sentence[end:end + 120]
        m = pattern("according_to_after").search(after)
        if m and not re.search(r"[;]", after[:m.start()]):
            return self._source_name(m.group(1)) or m.group(1).strip()
        m = pattern("source_said_after").match(after)
        if m and self._source_name(m.group(1)):
            return self._source_name(m.group(1))  # "... killed 21 civilians, SOHR said."
        before = sentence[:start]
        m = pattern("according_to_before").search(before)
        if m:
            return self._source_name(m.group(1)) or m.group(1).strip()
        cues = list(pattern("reporting_cue").finditer(before))
        if cues:
            cue = cues[-1]
            # the subject lies between the clause's start (or the previous reporting verb) and this verb
            bounds = [before.rfind(b, 0, cue.start()) + len(b) for b in _CLAUSE_BREAKS if before.rfind(b, 0, cue.start()) != -1]
            if len(cues) > 1:
                bounds.append(cues[-2].end())
            clause_start = max(bounds, default=0)
            subject = before[clause_start:cue.start()]
            names = self._source_names(subject)
            if names:
                return "; ".join(names)
        return ""

    def source_spans(self, text: str) -> list[tuple[int, int]]:
        """Where `text` names a source ("the SOHR"): no place is read there."""
        return [(start, end) for start, end, _ in self._sources.find(text)]

    def _source_names(self, text: str) -> list[str]:
        out: list[str] = []
        for _, _, name in self._sources.find(text):
            if name not in out:
                out.append(name)
        return out

    def _source_name(self, text: str) -> str | None:
        names = self._source_names(text)
        return "; ".join(names) if names else None


# where a clause ends, so that the subject of a reporting verb is looked for inside its own clause
_CLAUSE_BREAKS = ((";", ". ") + tuple(f", {w} " for w in words("clause_conjunctions"))
                  + tuple(f" {w} " for w in words("clause_bare_conjunctions")))
_ONE_KILLED = pattern("one_killed")
_WHO = re.compile(rf"\s*((?:[\w'’-]+\s+){{0,3}}?{_VICTIM_NOUNS})\b", re.IGNORECASE)
_VICTIM = re.compile(rf"\s*(?:[\w'’-]+\s+){{0,3}}?({_CIVILIAN_NOUNS}|{_COMBATANT_NOUNS})\b", re.IGNORECASE)
_TOTAL_OF = re.compile(_piece("total_of") + r"\s+$")


def _clause_start(sentence: str, start: int) -> int:
    return max(sentence.rfind(";", 0, start), sentence.rfind(". ", 0, start)) + 1


def _clause(sentence: str, start: int, end: int) -> str:
    """The words around a figure, up to the clause's edges: what a reader checks the figure against."""
    left = _clause_start(sentence, start)
    right_candidates = [i for i in (sentence.find(";", end), sentence.find(". ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(sentence)
    return sentence[left:right].strip()
