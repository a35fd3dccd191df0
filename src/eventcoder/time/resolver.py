"""Narrative temporal resolution: find the dates a text gives and resolve each to a day window.

Explicit dates ("17 September 2016"), partial ones ("On 17 October": the year comes from the narrative), parts of a
month ("mid-July", "Towards the end of May"), ranges ("12 and 13 September", "Between April and May 2016") and
relative expressions ("the next day", "late that month": rules in data/date_rules.tsv) are all resolved against a
`NarrativeClock`, the running anchor a careful reader keeps while reading a narrative.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..errors import DataFileError
from ..resources import read_table

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}
_NUM = r"(?P<n>\d{1,2}|" + "|".join(k for k in NUMBER_WORDS if len(k) > 2) + ")"
REPORTING_CUES = ("said", "stated", "announced", "reported", "confirmed", "claimed", "declared")


@dataclass(frozen=True)
class TimeExpression:
    """A date the text gives, resolved to the window of days it allows.

    `start`/`end` are offsets into the text searched; `precision` is day, range, month, season or year.
    """

    start: int
    end: int
    text: str
    rule: str
    date_start: date
    date_end: date
    precision: str
    relative: bool = False

    @property
    def value(self) -> str:
        """The TimeML value: 2016-09-17, 2016-09, 2016."""
        if self.precision == "day":
            return self.date_start.isoformat()
        if self.precision == "month":
            return self.date_start.isoformat()[:7]
        if self.precision == "year":
            return str(self.date_start.year)
        return f"{self.date_start.isoformat()}/{self.date_end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.date_end - self.date_start).days + 1

    @property
    def acled_time_precision(self) -> int:
        """ACLED: 1 the day is known, 2 within a week or a few days, 3 within a month or vaguer."""
        return 1 if self.days == 1 else 2 if self.days <= 7 else 3

    @property
    def ucdp_date_prec(self) -> int:
        """UCDP GED: 1 day, 2 two to six days, 3 a week, 4 up to a month, 5 longer."""
        d = self.days
        return 1 if d == 1 else 2 if d <= 6 else 3 if d <= 7 else 4 if d <= 31 else 5


@dataclass
class NarrativeClock:
    """The running anchor: the last date the narrative set, and where it came from.

    `from_publication` is true while the anchor is still the document's own date: then a day-month without a year
    is the nearest one not after publication, while a narrative anchor rolls the year forward when the month is
    earlier than the anchor's (a story told in order).
    """

    anchor: TimeExpression | None = None
    year: int | None = None
    from_publication: bool = False

    @classmethod
    def starting(cls, publication: date | None = None, year_hint: int | None = None) -> "NarrativeClock":
        if publication:
            day = TimeExpression(0, 0, "", "DOC_DATE", publication, publication, "day")
            return cls(day, publication.year, True)
        return cls(None, year_hint, False)

    def advance(self, expression: TimeExpression) -> None:
        self.anchor = expression
        self.year = expression.date_start.year
        self.from_publication = False


@dataclass(frozen=True)
class RelativeRule:
    id: str
    pattern: re.Pattern
    operation: str
    example: str
    negative: str


class DateResolver:
    """Finds and resolves the time expressions of a text; built once, used for every sentence."""

    def __init__(self) -> None:
        self.months: dict[str, int] = {}
        self.parts: dict[str, tuple[int, int]] = {}
        self.seasons: dict[str, tuple[int, int]] = {}
        for row in read_table("date_words.tsv", ["word", "kind", "value"]):
            kind, value = row["kind"], row["value"]
            try:
                if kind == "month":
                    self.months[row["word"].lower()] = int(value)
                elif kind in ("part", "season"):
                    a, b = (int(x) for x in value.split("-"))
                    (self.parts if kind == "part" else self.seasons)[row["word"].lower()] = (a, b)
                else:
                    raise ValueError(f"unknown kind {kind!r}")
            except ValueError as e:
                raise DataFileError(row.file, row.line, f"bad value {value!r}: {e}") from None
        self.rules = [self._compile_rule(r) for r in read_table(
            "date_rules.tsv", ["id", "pattern", "operation", "example", "negative"], required=4)]
        self._explicit = self._build_explicit()
        self._looking_back = False
        self._relative = re.compile("|".join(f"(?P<{r.id}>{r.pattern.pattern})" for r in self.rules), re.IGNORECASE)

    # ------------------------------------------------------------ building

    def _compile_rule(self, row) -> RelativeRule:
        src = r"\b(?:" + row["pattern"].replace("{N}", _NUM) + r")\b"
        try:
            pattern = re.compile(src, re.IGNORECASE)
        except re.error as e:
            raise DataFileError(row.file, row.line, f"rule {row['id']}: bad pattern ({e})") from None
        if not re.fullmatch(r"(day|week|month)[+-](\d+|n)|part:[a-z ]+", row["operation"]):
            raise DataFileError(row.file, row.line, f"rule {row['id']}: bad operation {row['operation']!r}")
        if row["operation"].startswith("part:") and row["operation"][5:] not in self.parts:
            raise DataFileError(row.file, row.line, f"rule {row['id']}: unknown part {row['operation'][5:]!r}")
        # named groups must be unique across the combined pattern, so the rule's own `n` is renamed
        pattern = re.compile(src.replace("?P<n>", f"?P<n_{row['id']}>"), re.IGNORECASE)
        return RelativeRule(row["id"], pattern, row["operation"], row["example"], row.get("negative"))

    def _build_explicit(self) -> re.Pattern:
        names = sorted(self.months, key=len, reverse=True)
        M = r"(?:" + "|".join(n.capitalize() for n in names) + r")\b\.?"
        parts = sorted(self.parts, key=len, reverse=True)
        P = r"(?i:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + r")"
        S = r"(?i:" + "|".join(self.seasons) + r")"
        D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
        Y0 = r"(?:1[89]\d\d|20\d\d)"
        Y = Y0 + r"(?!\d|,\d)"
        PREP = r"(?:in|In|of|during|During|by|By|until|Until|since|Since|from|From|before|after|year|early|late|mid)\s+"
        J = r"\s*(?:–|—|-|to|and|until|through)\s*"
        alternatives = [
            ("ISO", rf"(?P<iso>{Y0}-[01]\d-[0-3]\d)"),
            ("RANGE_DAYS_DM", rf"(?P<d1>{D}){J}(?P<d2>{D})\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
            ("RANGE_DAYS_MD", rf"(?P<m_b>{M})\s+(?P<d1_b>{D}){J}(?P<d2_b>{D})(?:,\s*(?P<y_b>{Y}))?"),
            ("RANGE_DM_DM", rf"(?P<d1_c>{D})\s+(?P<m1_c>{M}){J}(?P<d2_c>{D})\s+(?P<m2_c>{M})(?:,?\s+(?P<y_c>{Y}))?"),
            ("RANGE_PARTS", rf"(?:from\s+)?(?P<p1_d>{P}){J}(?P<p2_d>{P})[-\s]+(?:of\s+)?(?P<m_d>{M})(?:,?\s+(?P<y_d>{Y}))?"),
            ("RANGE_MONTHS", rf"(?:between\s+|from\s+)?(?P<m1_e>{M})(?:\s+(?P<y1_e>{Y}))?{J}(?P<m2_e>{M})(?:,?\s+(?P<y_e>{Y}))?"),
            ("DMY", rf"(?P<d_f>{D})\s+(?P<m_f>{M}),?\s+(?P<y_f>{Y})"),
            ("MDY", rf"(?P<m_g>{M})\s+(?P<d_g>{D}),\s*(?P<y_g>{Y})"),
            ("DM", rf"(?P<d_h>{D})\s+(?P<m_h>{M})(?![\w])"),
            ("MD", rf"(?P<m_i>{M})\s+(?P<d_i>{D})(?![\d\w,.]*\d)(?!\s*(?:people|civilians|soldiers|fighters|km|kilomet))"),
            ("PART_MONTH", rf"(?P<p_j>{P})[-\s]+(?:of\s+|in\s+)?(?P<m_j>{M})(?:,?\s+(?P<y_j>{Y}))?"),
            ("MY", rf"(?P<m_k>{M}),?\s+(?P<y_k>{Y})"),
            ("SEASON", rf"(?P<p_s>{P}[-\s]+)?(?:the\s+)?(?P<s_l>{S})\s+(?:of\s+)?(?P<y_l>{Y})"),
            ("MONTH", rf"{PREP}(?P<m_m>{M})(?!\s*\d)(?!{J}{M})"),
            ("PART_YEAR", rf"(?P<p_n>{P})[-\s]+(?P<y_n>{Y})"),
            ("YEAR", rf"{PREP}(?P<y_o>{Y})"),
        ]
        self._kinds = [k for k, _ in alternatives]
        pattern = "|".join(f"(?P<{k}>{p})" for k, p in alternatives)
        # month names are matched capitalised only ("May", not the modal "may"); part words either way
        return re.compile(r"\b(?:" + pattern + r")", re.UNICODE)

    # ------------------------------------------------------------ finding and resolving

    def find(self, text: str, clock: NarrativeClock) -> list[TimeExpression]:
        """Every time expression in `text` resolved against `clock`, in text order.

        Expressions that need an anchor use the latest one resolved before them in `text`, else the clock's
        anchor; the clock itself is not moved (the caller decides which date a sentence sets).

        >>> r = DateResolver()
        >>> clock = NarrativeClock.starting(year_hint=2016)
        >>> [(t.text, t.value) for t in r.find("On 8 December, ISIL attacked; the next day it withdrew.", clock)]
        [('8 December', '2016-12-08'), ('the next day', '2016-12-09')]
        """
        found: list[TimeExpression] = []
        taken: list[tuple[int, int]] = []
        for m in self._explicit.finditer(text):
            if m.lastgroup is None:
                continue
            self._looking_back = bool(_SINCE.search(text[:m.start()]))
            expr = self._resolve_explicit(m, clock)
            if expr:
                found.append(expr)
                taken.append((m.start(), m.end()))
        for m in self._relative.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            rule = next(r for r in self.rules if m.group(r.id) is not None)
            found.append(self._pending(m, rule))
        found.sort(key=lambda t: t.start)
        resolved: list[TimeExpression] = []
        local_anchor = clock.anchor
        for expr in found:
            if expr.rule.startswith("REL_"):
                expr = self._resolve_relative(expr, local_anchor)
                if expr is None:
                    continue
            elif expr.precision == "day" and expr.rule not in ("DOC_DATE",):
                local_anchor = expr
            resolved.append(expr)
        return resolved

    def _year_for(self, month: int, day: int, clock: NarrativeClock) -> int | None:
        anchor = clock.anchor
        if anchor is None:
            return clock.year
        year = anchor.date_start.year if clock.year is None else clock.year
        if self._looking_back:
            # "since the launch ... on 10 September": the nearest such day before the anchor
            return year if (month, day) <= (anchor.date_start.month, anchor.date_start.day) else year - 1
        if clock.from_publication:
            # news: the nearest such day not after publication (a week's slack for scheduled events)
            try:
                candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
            except ValueError:
                return year
            return year - 1 if candidate > anchor.date_start + timedelta(days=7) else year
        if month < anchor.date_start.month:
            return year + 1
        return year

    def _resolve_explicit(self, m: re.Match, clock: NarrativeClock) -> TimeExpression | None:
        kind = m.lastgroup
        g = {k.split("_")[0]: v for k, v in m.groupdict().items() if v is not None and k != kind and k not in self._kinds}
        try:
            return self._build(kind, g, m, clock)
        except ValueError:
            return None  # "31 February" and friends are not dates

    def _build(self, kind: str, g: dict, m: re.Match, clock: NarrativeClock) -> TimeExpression | None:
        inner = {"MONTH": "m_m", "YEAR": "y_o"}.get(kind, kind)  # the preposition is context, not the date
        text = m.group(inner)
        start = m.start(inner)
        mk = lambda a, b, prec: TimeExpression(start, start + len(text), text, f"EXP_{kind}", a, b, prec)
        month = lambda s: self.months[s.rstrip(".").lower()]
        day = lambda s: int(re.match(r"\d+", s).group())
        last = lambda y, mo: calendar.monthrange(y, mo)[1]
        if kind == "ISO":
            d = date.fromisoformat(g["iso"])
            return mk(d, d, "day")
        if kind in ("RANGE_DAYS_DM", "RANGE_DAYS_MD"):
            mo, d1, d2 = month(g["m"]), day(g["d1"]), day(g["d2"])
            y = int(g["y"]) if g.get("y") else self._year_for(mo, d1, clock)
            if y is None or d2 < d1:
                return None
            return mk(date(y, mo, d1), date(y, mo, d2), "range")
        if kind == "RANGE_DM_DM":
            m1, m2 = month(g["m1"]), month(g["m2"])
            y2 = int(g["y"]) if g.get("y") else self._year_for(m2, day(g["d2"]), clock)
            if y2 is None:
                return None
            y1 = y2 - 1 if m1 > m2 else y2
            return mk(date(y1, m1, day(g["d1"])), date(y2, m2, day(g["d2"])), "range")
        if kind == "RANGE_PARTS":
            mo = month(g["m"])
            y = int(g["y"]) if g.get("y") else self._year_for(mo, 1, clock)
            if y is None:
                return None
            a, b = self.parts[g["p1"].lower()][0], self.parts[g["p2"].lower()][1]
            return mk(date(y, mo, a), date(y, mo, min(b, last(y, mo))), "range")
        if kind == "RANGE_MONTHS":
            m1, m2 = month(g["m1"]), month(g["m2"])
            y2 = int(g["y"]) if g.get("y") else (int(g["y1"]) if g.get("y1") else self._year_for(m2, 1, clock))
            if y2 is None:
                return None
            y1 = int(g["y1"]) if g.get("y1") else (y2 - 1 if m1 > m2 else y2)
            return mk(date(y1, m1, 1), date(y2, m2, last(y2, m2)), "range")
        if kind in ("DMY", "MDY"):
            d = date(int(g["y"]), month(g["m"]), day(g["d"]))
            return mk(d, d, "day")
        if kind in ("DM", "MD"):
            mo, dd = month(g["m"]), day(g["d"])
            if not 1 <= dd <= 31:
                return None
            y = self._year_for(mo, dd, clock)
            if y is None:
                return None
            d = date(y, mo, dd)
            return mk(d, d, "day")
        if kind == "PART_MONTH":
            mo = month(g["m"])
            y = int(g["y"]) if g.get("y") else self._year_for(mo, 1, clock)
            if y is None:
                return None
            a, b = self.parts[re.sub(r"\s+", " ", g["p"].lower())]
            return mk(date(y, mo, a), date(y, mo, min(b, last(y, mo))), "range")
        if kind in ("MY", "MONTH"):
            mo = month(g["m"])
            y = int(g["y"]) if g.get("y") else self._year_for(mo, 1, clock)
            if y is None:
                return None
            return mk(date(y, mo, 1), date(y, mo, last(y, mo)), "month")
        if kind == "SEASON":
            a, b = self.seasons[g["s"].lower()]
            y = int(g["y"])
            end_year = y + 1 if b < a else y
            return mk(date(y, a, 1), date(end_year, b, last(end_year, b)), "season")
        if kind == "PART_YEAR":
            y = int(g["y"])
            part = g["p"].lower().strip()
            a, b = {"early": (1, 4), "beginning of": (1, 4), "start of": (1, 4), "mid": (5, 8), "middle of": (5, 8),
                    "late": (9, 12), "end of": (9, 12)}.get(part, (1, 12))
            return mk(date(y, a, 1), date(y, b, last(y, b)), "season")
        if kind == "YEAR":
            y = int(g["y"])
            return mk(date(y, 1, 1), date(y, 12, 31), "year")
        return None

    def _pending(self, m: re.Match, rule: RelativeRule) -> TimeExpression:
        n = next((v for k, v in m.groupdict().items() if k == f"n_{rule.id}" and v), None)
        placeholder = date(1, 1, 1)
        op = rule.operation if n is None else rule.operation.replace("n", str(_number(n)))
        if n is None and op.endswith("n"):
            op = op[:-1] + "1"
        return TimeExpression(m.start(), m.end(), m.group(), f"{rule.id}|{op}", placeholder, placeholder, "day", True)

    def _resolve_relative(self, expr: TimeExpression, anchor: TimeExpression | None) -> TimeExpression | None:
        if anchor is None:
            return None
        rule, op = expr.rule.split("|")
        a = anchor.date_start
        if op.startswith("part:"):
            lo, hi = self.parts[op[5:]]
            end = calendar.monthrange(a.year, a.month)[1]
            return replace(expr, rule=rule, date_start=date(a.year, a.month, lo),
                           date_end=date(a.year, a.month, min(hi, end)), precision="range")
        unit, sign, k = re.fullmatch(r"(day|week|month)([+-])(\d+)", op).groups()
        k = int(k) * (1 if sign == "+" else -1)
        if unit == "day":
            if anchor.precision != "day":
                return None  # "the next day" after "in May" names no day
            d = a + timedelta(days=k)
            return replace(expr, rule=rule, date_start=d, date_end=d, precision="day")
        if unit == "week":
            if anchor.days > 7:
                return None
            d = a + timedelta(weeks=k)
            return replace(expr, rule=rule, date_start=d, date_end=d + timedelta(days=6), precision="range")
        month_index = a.year * 12 + a.month - 1 + k
        y, mo = divmod(month_index, 12)
        mo += 1
        return replace(expr, rule=rule, date_start=date(y, mo, 1),
                       date_end=date(y, mo, calendar.monthrange(y, mo)[1]), precision="month")


_SINCE = re.compile(r"\b(?:since|previously|earlier|before)\b[^,;.]*$", re.IGNORECASE)


def month_names() -> list[str]:
    """The month names and abbreviations of data/date_words.tsv, capitalised as text writes them."""
    return [row["word"] for row in read_table("date_words.tsv", ["word", "kind", "value"]) if row["kind"] == "month"]


def _number(s: str) -> int:
    return int(s) if s.isdigit() else NUMBER_WORDS[s.lower()]


def year_hint(text: str) -> int | None:
    """The first plausible year in a title or heading ("Palmyra offensive (December 2016)")."""
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", text or "")
    return int(m.group(1)) if m else None
