"""Narrative time: find every temporal expression of a text and give it a TimeML value and a window of days.

`TimexTagger` runs the rules of lang/en/timex_rules.tsv over a text and resolves what they found against a
`NarrativeClock`, the anchor a careful reader keeps. Two anchoring modes, chosen per document:

- news: "yesterday", "Tuesday", "last year" count from the document's date; a day and month without a year take
  the document's year (the next one when the sentence speaks of the future);
- narrative: the anchor is the last date the text gave and moves with the story; a day and month without a year
  take the year that keeps a chronological story moving forward ("On 8 December ... On 3 January": the next year).

In both, anaphoric expressions ("the next day", "two days later", "that night", "late that month") count from the
last date the text gave, in the same sentence if it gave one ("stated on 16 December that ... on the previous day":
15 December).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..lang import mapping, pattern
from .rules import ANCHORED_OPS, COMPARISONS, DateWords, TimexRule, load_rules
from .values import SEASON_MONTHS, Period, last_day, part_window

NEWS, NARRATIVE = "news", "narrative"
MODES = (NEWS, NARRATIVE)
# words a time expression's span leaves out, as TimeML does: "on 8 December" is tagged "8 December"
_LEADING = pattern("span_leading")
# what makes a day and month without a year point back rather than forward in a narrative
_LOOKING_BACK = pattern("looking_back")
# how far back before the story's date a day and month without a year may lie and still be read in its year
FLASHBACK_DAYS = 31
# how many units "a few" or "several" of them may be ("a few days earlier"): a window from the nearer to the farther
VAGUE_COUNT = (2, 7)
# where a direction word ("last", "coming", "this") points: back, ahead or to the period around now
_DIRECTIONS = {word: sense[0] for word, sense in mapping("time_directions").items()}
# times of day said in words: "noon" is 12:00, "midnight" 24:00
_CLOCK_WORDS = {word: int(hour[0]) for word, hour in mapping("clock_words").items()}
_SENTENCE_START = re.compile(r"(?:[.!?]\s+|\n)(?=[^.!?\n]*$)")


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression: where it is, what rule found it, its TimeML type and value, and the days it allows.

    `date_start`/`date_end` is the window of days a DATE or TIME covers (None for durations, sets and values such
    as PRESENT_REF); `mod` the TimeML mod ("START" for "early May", "ON_OR_BEFORE" for "by 17 November");
    `value_end` the other end of a range; `anchor` the value it was resolved against, if any.
    """

    start: int
    end: int
    text: str
    rule: str
    type: str
    value: str
    date_start: date | None = None
    date_end: date | None = None
    granularity: str = ""
    mod: str = ""
    value_end: str = ""
    anchor: str = ""

    @classmethod
    def spanning(cls, first: date, last: date, rule: str = "EVENT") -> "TimeExpression":
        """An expression for a window of days known otherwise (an event's dates), valued at the finest period
        that holds it."""
        unit = "day"
        for unit in ("day", "week", "month", "quarter", "year"):
            p = Period.of(unit, first)
            if p.end >= last:
                break
        return cls(0, 0, "", rule, "DATE", Period.of(unit, first).value, first, last, unit)

    @property
    def is_dated(self) -> bool:
        return self.date_start is not None

    @property
    def period(self) -> Period | None:
        return Period.parse(self.value) if self.is_dated else None

    @property
    def days(self) -> int:
        return (self.date_end - self.date_start).days + 1 if self.is_dated else 0

    @property
    def precision(self) -> str:
        """day, range (a few days to a month's part), month, season (up to half a year), year, or none."""
        if not self.is_dated:
            return "none"
        if self.days == 1:
            return "day"
        if self.granularity == "month" and not self.mod and not self.value_end:
            return "month"
        return "range" if self.days <= 31 else "season" if self.days <= 190 else "year"

    @property
    def acled_time_precision(self) -> int:
        """ACLED: 1 the day is known, 2 within a week or a few days, 3 within a month or vaguer."""
        return 1 if self.days == 1 else 2 if self.days <= 7 else 3

    @property
    def ucdp_date_prec(self) -> int:
        """UCDP GED: 1 day, 2 two to six days, 3 a week, 4 up to a month, 5 longer."""
        d = self.days
        return 1 if d == 1 else 2 if d <= 6 else 3 if d <= 7 else 4 if d <= 31 else 5

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value,
                "value_end": self.value_end or None, "mod": self.mod or None,
                "date_start": self.date_start.isoformat() if self.date_start else None,
                "date_end": self.date_end.isoformat() if self.date_end else None,
                "anchor": self.anchor or None, "rule": self.rule}


@dataclass
class NarrativeClock:
    """The running anchor of one document.

    `anchor` is the last date (a day, week or month, or a range) the text established; `latest` the last date of
    any granularity ("the third quarter", "2014"), which "a year earlier" and "the quarter" refer back to.
    """

    mode: str = NARRATIVE
    publication: date | None = None
    anchor: TimeExpression | None = None
    latest: TimeExpression | None = None
    year: int | None = None
    opening_year: int | None = None  # the year of the first day the story reached, outside a background section
    opening: TimeExpression | None = None  # that first day (or week or month)
    resumed: bool = False  # back at the opening after a heading: the next day and month is the nearest such day
    in_background: bool = False  # under a heading of background ("Background", "Prelude"): the story's past
    past_lead: bool = False  # a heading has been read: the lead that sums up the whole story is behind

    @classmethod
    def starting(cls, publication: date | None = None, year_hint: int | None = None,
                 mode: str | None = None) -> "NarrativeClock":
        mode = mode or (NEWS if publication else NARRATIVE)
        return cls(mode, publication, None, None, publication.year if publication else year_hint)

    def advance(self, expression: TimeExpression) -> None:
        """The story has reached `expression`'s date."""
        if not expression.is_dated:
            return
        # an event dated from where the story is moves it nowhere: the opening still waits for its next day
        self.resumed = self.resumed and self.anchor is not None and (
            (expression.date_start, expression.date_end) == (self.anchor.date_start, self.anchor.date_end))
        self.latest = expression
        self.year = expression.date_start.year
        if expression.days <= 31:
            self.anchor = expression
            if self.opening is None and not self.in_background and self.opening_year in (None, self.year):
                self.opening, self.opening_year = expression, self.year

    def resume(self) -> None:
        """The lead or a background section has ended: the story resumes where it opened ("On 24 February" after a
        background that ended in 2018, or a lead that ended with the town's fall a year later, is the opening's
        February), at its first day (a title's year with no day of its own yet: at no day). A lead may open with the
        story's end ("captured on 2 September"): the next day and month is read as the nearest such day to it,
        before or after, not only the next one."""
        self.in_background = False
        if self.opening_year is not None and self.mode == NARRATIVE:
            self.year, self.anchor, self.latest = self.opening_year, self.opening, self.opening
            self.resumed = True


@dataclass
class _Context:
    """What one expression is resolved against: the clock, the dates already read in this text, the sentence."""

    clock: NarrativeClock
    anchor: TimeExpression | None
    latest: TimeExpression | None
    sentence_before: str
    future: bool = False

    def now(self) -> Period | None:
        """The deictic centre: the document's date in news, the story's date in a narrative."""
        c = self.clock
        if c.mode == NEWS and c.publication:
            return Period("day", c.publication)
        if self.anchor is not None:
            return self.anchor.period
        return Period("day", c.publication) if c.publication else None

    def ref(self, unit: str) -> Period | None:
        """The last date the text gave that can be moved by `unit`, else the document's date."""
        for expr in (self.anchor, self.latest) if unit in ("day", "week", "weekend", "month") else (self.latest,
                                                                                                  self.anchor):
            if expr is not None and expr.period is not None:
                return expr.period
        return Period("day", self.clock.publication) if self.clock.publication else None


class TimexTagger:
    """Finds and resolves the temporal expressions of a text; built once, used for every document."""

    def __init__(self) -> None:
        self.words = DateWords.load()
        self.rules: list[TimexRule] = load_rules(self.words)
        self._future = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in self.words.future)
                                  + r")\b", re.IGNORECASE)
        boundaries = sorted(self.words.boundaries, key=len, reverse=True)
        self._boundary = re.compile(r"\b(" + "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in boundaries)
                                    + r")\s+(?:the\s+)?$", re.IGNORECASE)
        self._explicit_year = re.compile(r"(?<![\d,.$])(1[5-9]\d\d|20\d\d)(?!\d)")
        weekdays = "|".join(w.capitalize() for w in self.words.weekdays if w.endswith("day"))
        self._deictic = re.compile(rf"\b(?:{pattern('deictic').pattern}|{weekdays})\b")

    # ------------------------------------------------------------ public

    def choose_mode(self, text: str, publication: date | None) -> str:
        """news when the text has a date and speaks of the time around it, else narrative (a history, however
        recently published: its years lie well before its date)."""
        if publication is None:
            return NARRATIVE
        years = [int(y) for y in self._explicit_year.findall(text[:50000])]
        recent = [y for y in years if y >= publication.year - 1]
        if len(years) >= 3 and len(recent) * 10 < len(years) and not self._deictic.search(text[:50000]):
            return NARRATIVE
        return NEWS

    def clock_for(self, text: str, publication: date | None = None, *, mode: str | None = None,
                  year_hint: int | None = None) -> NarrativeClock:
        """A fresh clock for one document: its mode (chosen unless given) and, in a narrative without a date, the
        year of its title or first explicit year to start from."""
        mode = mode or self.choose_mode(text, publication)
        titled = year_hint
        if year_hint is None and publication is None:
            first = self._explicit_year.search(text[:20000])
            year_hint = int(first.group(1)) if first else None
        clock = NarrativeClock.starting(publication, year_hint, mode)
        if publication is None:
            # a title's year ("Battle of Shusha (2020)") is the year the story opens in, whatever its lead recalls
            clock.opening_year = titled
        return clock

    def tag_document(self, text: str, publication: date | None = None, *, mode: str | None = None,
                     year_hint: int | None = None) -> tuple[str, list[TimeExpression]]:
        """The mode chosen and every expression of `text`, the anchor moving with each date it gives.

        >>> mode, found = TimexTagger().tag_document("On 8 December ISIL attacked. The next day it withdrew.",
        ...                                          year_hint=2016)
        >>> mode, [(t.text, t.value) for t in found]
        ('narrative', [('8 December', '2016-12-08'), ('The next day', '2016-12-09')])
        """
        clock = self.clock_for(text, publication, mode=mode, year_hint=year_hint)
        return clock.mode, self.tag(text, clock, advance=True)

    def tag(self, text: str, clock: NarrativeClock, *, advance: bool = False) -> list[TimeExpression]:
        """Every expression in `text`, in order, resolved against `clock`.

        Expressions that need an anchor use the latest date resolved before them in `text`, else the clock's.
        With `advance`, the clock moves to each date as it is read (a whole document); without, it is left to the
        caller (the event coder moves it to the date of each event it codes).
        """
        found: list[TimeExpression] = []
        anchor, latest = clock.anchor, clock.latest
        for rule, m in self._select(text):
            ctx = self._context(clock, anchor, latest, text, m.start())
            try:
                expr = self._resolve(rule, m, text, ctx)
            except (ValueError, KeyError, OverflowError):
                expr = None  # "31 February", a year out of range: not a date after all
            if expr is None:
                continue
            found.append(expr)
            if expr.is_dated and expr.type in ("DATE", "TIME") and rule.op not in COMPARISONS:
                latest = expr
                if expr.days <= 31:
                    anchor = expr
                if advance:
                    clock.advance(expr)
        return found

    # ------------------------------------------------------------ finding

    def mentions_time(self, text: str) -> bool:
        """Whether any time expression rule matches in `text`, before anything is resolved: a cheap test."""
        return any(rule.pattern.search(text) for rule in self.rules)

    def _select(self, text: str) -> list[tuple[TimexRule, re.Match]]:
        """Every rule's matches, then, among those that overlap, the longest (the earlier rule on a tie)."""
        candidates = []
        for rule in self.rules:
            for m in rule.pattern.finditer(text):
                if m.end() > m.start():
                    candidates.append((-(m.end() - m.start()), m.start(), rule.order, rule, m))
        candidates.sort(key=lambda c: c[:3])
        chosen: list[tuple[int, int, TimexRule, re.Match]] = []
        for neg_len, start, _, rule, m in candidates:
            end = start - neg_len
            if not any(s < end and start < e for s, e, _, _ in chosen):
                chosen.append((start, end, rule, m))
        chosen.sort(key=lambda c: c[0])
        return [(rule, m) for _, _, rule, m in chosen]

    def _context(self, clock: NarrativeClock, anchor, latest, text: str, start: int) -> _Context:
        window_start = max(0, start - 300)
        before = text[window_start:start]
        cut = _SENTENCE_START.search(before)
        sentence_before = before[cut.end():] if cut else before
        after = text[start:start + 40]
        end = re.search(r"[.!?](?:\s|$)|\n", after)
        # the future is read in the clause around the expression: "will meet on Friday", not "said Friday it will"
        near = sentence_before[-60:] + (after[:end.start()] if end else after)
        return _Context(clock, anchor, latest, sentence_before, bool(self._future.search(near)))

    # ------------------------------------------------------------ resolving

    def _resolve(self, rule: TimexRule, m: re.Match, text: str, ctx: _Context) -> TimeExpression | None:
        g = {}
        for name, value in m.groupdict().items():
            if value is not None:
                g.setdefault(name.split("_")[0], value)
        start, end = m.span("t") if g.get("t") else m.span()
        lead = _LEADING.match(text, start, end)
        if lead and lead.end() < end:
            start = lead.end()
        span_text = text[start:end]
        out = self._value(rule, g, ctx)
        if out is None:
            return None
        value, first, last, unit, mod, value_end, anchor = out
        kind = rule.type
        if g.get("tod") and kind == "DATE" and "T" not in value and unit == "day":
            kind = "TIME"
        if kind == "TIME" and g.get("tod") and "T" not in value:
            value += "T" + self.words.dayparts[g["tod"].lower()]
        if not mod:
            mod = rule.mod
        if not mod and kind in ("DATE", "TIME"):
            boundary = self._boundary.search(text[max(0, start - 20):start])
            if boundary:
                mod = self.words.boundaries[re.sub(r"\s+", " ", boundary.group(1).lower())]
        return TimeExpression(start, end, span_text, rule.id, kind, value, first, last, unit, mod, value_end, anchor)

    def _value(self, rule: TimexRule, g: dict, ctx: _Context):
        """(value, first day, last day, granularity, mod, value_end, anchor) for one match, or None."""
        op = rule.op
        anchored = ANCHORED_OPS.fullmatch(op)
        if anchored:
            return self._anchored(anchored, g, ctx)
        handler = getattr(self, f"_op_{op}", None)
        if handler is not None:
            return handler(g, ctx)
        # a literal value: PRESENT_REF, P1D, XXXX-WXX-7
        return op, None, None, "", "", "", ""

    # explicit dates ------------------------------------------------------------

    def _month(self, s: str) -> int:
        s = s.rstrip(".").lower()
        return int(s) if s.isdigit() else self.words.months[s]

    def _year(self, s: str) -> int:
        """1996, "nineteen ninety-six", "two thousand and one"."""
        if s.isdigit():
            return int(s)
        words = re.sub(r"[\s-]+", " ", s.lower()).replace(" and ", " ").split(" ", 1)
        if words[0] == "two" and words[1].startswith("thousand"):
            rest = words[1][len("thousand"):].strip()
            return 2000 + (int(self.words.number(rest)) if rest else 0)
        century = int(self.words.number(words[0]))
        return century * 100 + int(self.words.number(words[1]))

    @staticmethod
    def _day(s: str) -> int:
        return int(re.match(r"\d+", s).group())

    def _part(self, g: dict, key: str = "p") -> tuple[int, int, str] | None:
        """(first day, last day, TimeML mod) of the part word in group `key` ("late": 21, 31, END), if any."""
        word = g.get(key)
        return self.words.parts.get(re.sub(r"\s+", " ", word.lower()).strip()) if word else None

    def _infer_year(self, month: int, day: int, ctx: _Context) -> tuple[int, str]:
        """The year of a day and month the text gives without one, and the anchor it came from."""
        c = ctx.clock
        if c.mode == NEWS and c.publication:
            # news reports the past: the nearest such day before the document's date, unless the one after it is
            # much nearer or the sentence speaks of the future
            pub = c.publication
            best, best_cost = pub.year, None
            for y in (pub.year - 1, pub.year, pub.year + 1):
                candidate = date(y, month, min(day, last_day(y, month)))
                distance = (candidate - pub).days
                cost = abs(distance) if (distance <= 0) != ctx.future else 2 * abs(distance)
                if best_cost is None or cost < best_cost:
                    best, best_cost = y, cost
            return best, pub.isoformat()
        anchor = ctx.anchor.period if ctx.anchor is not None else None
        year = c.year if c.year is not None else (anchor.start.year if anchor else None)
        if year is None:
            raise ValueError("no year to be had")
        if anchor is None or anchor.start.year != year:
            return year, str(year)
        a = anchor.start
        if c.resumed:  # the first day told after the story resumed at its opening: the nearest such day
            return min((y for y in (year - 1, year, year + 1)),
                       key=lambda y: abs((date(y, month, min(day, last_day(y, month))) - a).days)), anchor.value
        if _LOOKING_BACK.search(ctx.sentence_before):
            return (year if (month, day) <= (a.month, a.day) else year - 1), anchor.value
        # a narrative moves on: the next such day after the anchor, unless the day lies within a month before it
        # ("lasted until 7 April ... shot down on 28 March" is that March, not the next year's)
        for y in (year, year - 1):
            back = (a - date(y, month, min(day, last_day(y, month)))).days
            if 0 < back <= FLASHBACK_DAYS:
                return y, anchor.value
        return (year + 1 if month < a.month else year), anchor.value

    def _calendar(self, g: dict, ctx: _Context, n: str = ""):
        """(period, anchor) of the y/m/d groups with suffix n (falling back to the unsuffixed ones)."""
        get = lambda k: g.get(k + n) or g.get(k)
        y, m, d = get("y"), get("m"), get("d")
        anchor = ""
        month = self._month(m) if m else None
        day = self._day(d) if d else None
        if y:
            year = self._year(y)
        else:
            year, anchor = self._infer_year(month or 1, day or 1, ctx)
        if day:
            if day > last_day(year, month):
                raise ValueError("no such day")
            return Period("day", date(year, month, day)), anchor
        if month:
            return Period("month", date(year, month, 1)), anchor
        return Period("year", date(year, 1, 1)), anchor

    def _op_date(self, g: dict, ctx: _Context):
        period, anchor = self._calendar(g, ctx)
        part = self._part(g)
        if part:
            first, last = part_window(period, part[0], part[1], part[2])
            return period.value, first, last, period.unit, part[2], "", anchor
        return period.value, period.start, period.end, period.unit, "", "", anchor

    def _op_dates(self, g: dict, ctx: _Context):
        p1, anchor = self._calendar(g, ctx, "1")
        p2, _ = self._calendar(g, ctx, "2")
        if p2.start < p1.start and not g.get("y1"):
            p1 = Period(p1.unit, p1.start.replace(year=p1.start.year - 1))  # 28 December to 3 January 2017
        if p2.end < p1.start:
            return None
        first, last, mod = p1.start, p2.end, ""
        part1, part2 = self._part(g, "p1"), self._part(g, "p2")
        if part1 and part2:
            first = part_window(p1, part1[0], part1[1], part1[2])[0]
            last = part_window(p2, part2[0], part2[1], part2[2])[1]
            mod = part1[2]
        return p1.value, first, last, p1.unit, mod, p2.value if p2 != p1 else "", anchor

    def _op_years(self, g: dict, ctx: _Context):
        y1 = self._year(g.get("y1") or g["y"])
        y2 = self._year(g["y2"]) if g.get("y2") else y1
        if y2 < y1:
            return None
        p1, p2 = Period("year", date(y1, 1, 1)), Period("year", date(y2, 1, 1))
        return p1.value, p1.start, p2.end, "year", "", p2.value if y2 != y1 else "", ""

    def _year_or_now(self, g: dict, ctx: _Context) -> tuple[int, str]:
        if g.get("y"):
            return int(g["y"]), ""
        now = ctx.now()
        if now is None:
            raise ValueError("no year")
        return now.start.year, now.value

    def _ordinal(self, s: str) -> int:
        s = s.lower()
        return int(re.match(r"\d+", s).group()) if s[0].isdigit() else self.words.ordinals[s]

    def _op_quarter(self, g: dict, ctx: _Context):
        year, anchor = self._year_or_now(g, ctx)
        q = self._ordinal(g["q"])
        if not 1 <= q <= 4:
            return None
        p = Period("quarter", date(year, 3 * q - 2, 1))
        return p.value, p.start, p.end, "quarter", "", "", anchor

    def _op_half(self, g: dict, ctx: _Context):
        year, anchor = self._year_or_now(g, ctx)
        p = Period("half", date(year, 1 if g["q"].lower() == "first" else 7, 1))
        return p.value, p.start, p.end, "half", "", "", anchor

    def _op_season(self, g: dict, ctx: _Context):
        year, anchor = self._year_or_now(g, ctx)
        p = Period("season", date(year, SEASON_MONTHS[self.words.seasons[g["s"].lower()]][0], 1))
        part = self._part(g)
        if part:
            first, last = part_window(p, *part)
            return p.value, first, last, "season", part[2], "", anchor
        return p.value, p.start, p.end, "season", "", "", anchor

    def _op_decade(self, g: dict, ctx: _Context):
        start = int(g["dec"]) if len(g["dec"]) == 4 else 1900 + int(g["dec"])
        p = Period("decade", date(start, 1, 1))
        part = self._part(g)
        if part:
            first, last = part_window(p, *part)
            return p.value, first, last, "decade", part[2], "", ""
        return p.value, p.start, p.end, "decade", "", "", ""

    def _op_century(self, g: dict, ctx: _Context):
        n = self._ordinal(g["q"])
        if not 1 <= n <= 21:
            return None
        p = Period("century", date(max((n - 1) * 100, 1), 1, 1))
        return p.value, p.start, p.end, "century", "", "", ""

    def _op_duration(self, g: dict, ctx: _Context):
        unit = self.words.units[re.sub(r"\s+", " ", g["u"].lower())]
        if g.get("half"):
            n = "0.5"  # "half a year"
        elif g.get("n"):
            n = self.words.number(g["n"])
            if g.get("and") and n != "X":
                n = f"{float(n) + 0.5:g}"  # "two and a half years"
        else:
            n = "X"
        return duration_value(n, unit), None, None, "", "", "", ""

    def _op_weekly_day(self, g: dict, ctx: _Context):
        return f"XXXX-WXX-{self.words.weekdays[g['wd'].rstrip('.').lower()]}", None, None, "", "", "", ""

    # clock times ------------------------------------------------------------

    @staticmethod
    def _clock(hh: str, mm: str | None, ap: str | None) -> tuple[int, int]:
        h, mi = int(hh), int(mm or 0)
        ap = (ap or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        if h > 23 or mi > 59:
            raise ValueError("not a time")
        return h, mi

    def _day_of(self, g: dict, ctx: _Context):
        if g.get("d") and g.get("m"):
            period, anchor = self._calendar(g, ctx)
            return period, anchor
        if g.get("wd"):
            day = self._named_weekday(g, ctx, "now")
            return (Period("day", day[1]), day[6]) if day else (None, "")
        ref = ctx.ref("day")
        if ref is None or ref.unit != "day":
            return None, ""
        return ref, ref.value

    def _op_time(self, g: dict, ctx: _Context):
        word = (g.get("t") or "").lower()
        if word in _CLOCK_WORDS:
            h, mi = _CLOCK_WORDS[word], 0
        else:
            h, mi = self._clock(g.get("hh"), g.get("mm"), g.get("ap"))
        day, anchor = self._day_of(g, ctx)
        prefix = day.value if day else "XXXX-XX-XX"
        first = last = day.start if day else None
        return f"{prefix}T{h:02d}:{mi:02d}", first, last, "day" if day else "", "", "", anchor

    def _op_times(self, g: dict, ctx: _Context):
        ap2 = g.get("ap")
        h2, m2 = self._clock(g["hh2"], g.get("mm2"), ap2)
        ap1 = g.get("ap1")
        if not ap1 and ap2:
            # "from 3:55 to 4:56 p.m.": one meridian for both, unless that puts the start after the end
            h1, m1 = self._clock(g["hh1"], g.get("mm1"), ap2)
            if (h1, m1) > (h2, m2):
                h1, m1 = self._clock(g["hh1"], g.get("mm1"), "am")
        else:
            h1, m1 = self._clock(g["hh1"], g.get("mm1"), ap1)
        day, anchor = self._day_of(g, ctx)
        prefix = day.value if day else "XXXX-XX-XX"
        first = last = day.start if day else None
        return (f"{prefix}T{h1:02d}:{m1:02d}", first, last, "day" if day else "", "", f"{prefix}T{h2:02d}:{m2:02d}",
                anchor)

    # anchored ------------------------------------------------------------

    def _unit_word(self, g: dict) -> str:
        word = g["u"].lower().rstrip("s")
        return {"centurie": "century"}.get(word, word)

    def _anchored(self, op: re.Match, g: dict, ctx: _Context):
        base_kind = op["base"]
        if op["named"]:
            return getattr(self, f"_named_{op['named']}")(g, ctx, base_kind)
        unit = self._unit_word(g) if op["unit"] == "u" else op["unit"]
        sign = 1 if op["sign"] == "+" else -1
        base = ctx.now() if base_kind == "now" else ctx.ref(unit)
        if base is None:
            return None
        if op["k"] == "n" and g.get("n") and self.words.number(g["n"]) == "X" and base.finer_than(unit):
            # "a few days earlier", "several weeks later": somewhere VAGUE_COUNT units away, as a window
            near, far = (base.shift(unit, sign * k) for k in VAGUE_COUNT)
            first, last = min(near.start, far.start), max(near.end, far.end)
            window = TimeExpression.spanning(first, last)
            return window.value, first, last, window.granularity, "APPROX", "", base.value
        k = (self._count(g) if op["k"] == "n" else int(op["k"])) * sign
        if not base.finer_than(unit if unit != "weekend" else "week"):
            # "the next day" after "in May": no day is named; the expression stays at the anchor's granularity
            return base.value, base.start, base.end, base.unit, "", "", base.value
        target = base.shift(unit, k)
        part = self._part(g)
        if part:
            first, last = part_window(target, *part)
            return target.value, first, last, target.unit, part[2], "", base.value
        return target.value, target.start, target.end, target.unit, "", "", base.value

    def _count(self, g: dict) -> int:
        if not g.get("n"):
            return 1
        n = self.words.number(g["n"])
        if n == "X" or "." in n:
            raise ValueError("not a whole count")
        return int(n)

    def _named_weekday(self, g: dict, ctx: _Context, base_kind: str):
        base = ctx.now() if base_kind == "now" else ctx.ref("day")
        if base is None or base.unit != "day":
            return None
        wd = self.words.weekdays[g["wd"].rstrip(".").lower()]
        b = base.start
        direction = _DIRECTIONS.get((g.get("dir") or "").lower())
        back = (b.isoweekday() - wd) % 7
        ahead = (wd - b.isoweekday()) % 7
        if direction == "back":
            d = b - timedelta(days=back or 7)
        elif direction == "ahead":
            d = b + timedelta(days=ahead or 7)
        elif direction == "this":
            d = b + timedelta(days=wd - b.isoweekday())
        elif ctx.clock.mode == NARRATIVE and base_kind == "now":
            d = b + timedelta(days=ahead)  # a story moves forward
        elif ctx.future:
            d = b + timedelta(days=ahead)  # a plan lies ahead
        else:
            d = b - timedelta(days=back) if back <= ahead + 1 else b + timedelta(days=ahead)  # the nearest, past first
        return d.isoformat(), d, d, "day", "", "", base.value

    def _named_weekend(self, g: dict, ctx: _Context, base_kind: str):
        base = ctx.now()
        if base is None or base.unit != "day":
            return None
        b = base.start
        direction = _DIRECTIONS.get((g.get("dir") or "").lower())
        this = Period.of("weekend", b)
        if direction == "ahead" or (ctx.future and direction == "this"):
            p = this if b < this.start else this.shift("weekend", 1)
        elif direction == "back" or b < this.start:
            p = this.shift("weekend", -1) if b < this.start or direction == "back" else this
        else:
            p = this
        return p.value, p.start, p.end, "weekend", "", "", base.value

    def _named_month(self, g: dict, ctx: _Context, base_kind: str):
        base = ctx.now()
        if base is None:
            return None
        b = base.start
        month = self._month(g["m"])
        direction = _DIRECTIONS.get((g.get("dir") or "").lower())
        year = b.year
        if g.get("yr"):
            year += {"back": -1, "ahead": 1}.get(direction, 0)  # "June last year": June of the year before
        elif direction == "back" and month >= b.month:
            year -= 1
        elif direction == "ahead" and month <= b.month:
            year += 1
        p = Period("month", date(year, month, 1))
        return p.value, p.start, p.end, "month", "", "", base.value

    def _named_season(self, g: dict, ctx: _Context, base_kind: str):
        base = ctx.now()
        if base is None:
            return None
        code = self.words.seasons[g["s"].lower()]
        direction = _DIRECTIONS.get((g.get("dir") or "").lower())
        p = Period("season", date(base.start.year, SEASON_MONTHS[code][0], 1))
        if direction == "back":
            while p.end >= base.start:
                p = p.shift("season", -1)
        elif direction == "ahead":
            while p.start <= base.start:
                p = p.shift("season", 1)
        return p.value, p.start, p.end, "season", "", "", base.value

    def _named_year_ago(self, g: dict, ctx: _Context, base_kind: str):
        # compared with the period just named ("the third quarter ... a year earlier"), else with now
        latest = ctx.latest.period if ctx.latest is not None else None
        comparable = latest is not None and latest.unit in ("quarter", "month", "half", "season")
        base = latest if comparable else ctx.now()
        if base is None:
            return None
        unit = base.unit if base.unit in ("quarter", "month", "half", "season") else "year"
        p = base.shift(unit, -1) if unit == "year" else Period(unit, base.start.replace(year=base.start.year - 1))
        return p.value, p.start, p.end, unit, "", "", base.value

    def _named_quarter(self, g: dict, ctx: _Context, base_kind: str):
        latest = ctx.latest.period if ctx.latest is not None else None
        if latest is not None and latest.unit == "quarter":
            return latest.value, latest.start, latest.end, "quarter", "", "", latest.value
        now = ctx.now()
        if now is None:
            return None
        p = Period.of("quarter", now.start).shift("quarter", -1)
        return p.value, p.start, p.end, "quarter", "", "", now.value



# whole smaller units for a half ("P2Y6M", not "P2.5Y"), as TimeML annotators write them
_HALVES = {"Y": ("M", 12), "M": ("D", 30), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def duration_value(n: str, unit: str) -> str:
    """The TimeML value of n units: duration_value("2.5", "Y") == "P2Y6M", duration_value("3", "TH") == "PT3H";
    decades and centuries are written in years ("P20Y")."""
    if n != "X" and unit in ("DE", "CE"):
        n, unit = f"{float(n) * (10 if unit == 'DE' else 100):g}", "Y"
    whole, smaller = n, ""
    if n != "X" and "." in n and unit in _HALVES:
        fraction = float(n) % 1
        small_unit, factor = _HALVES[unit]
        if (fraction * factor).is_integer():
            whole = str(int(float(n)))
            smaller = f"{int(fraction * factor)}{small_unit}"
            if whole == "0":
                return duration_value(str(int(fraction * factor)), small_unit)
    parts = [(whole, unit)] + ([(smaller[:-len(smaller.lstrip('0123456789'))], smaller.lstrip("0123456789"))]
                                if smaller else [])
    date_part = "".join(f"{k}{u}" for k, u in parts if not u.startswith("T"))
    time_part = "".join(f"{k}{u[1:]}" for k, u in parts if u.startswith("T"))
    return "P" + date_part + (f"T{time_part}" if time_part else "")
