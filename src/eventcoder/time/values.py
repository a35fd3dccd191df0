"""TimeML values as calendar periods: write them, move them, and read back the days they cover.

A `Period` is a stretch of the calendar at one granularity (a day, an ISO week, a month, a quarter, a year ...).
Its `value` is the TimeML TIMEX3 value ("2016-12-08", "2016-W49", "2016-Q3", "199"); `shift` moves it by whole
units as "the next day" or "last quarter" do; `Period.parse` reads a value back so that any resolved expression,
whatever rule made it, gives the window of days an event can be placed in.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# TimeML's season codes and the months they cover (Northern hemisphere; winter runs into the next year)
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# the order of granularities, finest first: a shift by a finer unit than the anchor's cannot be computed
GRANULARITY_ORDER = ["day", "weekend", "week", "month", "quarter", "season", "half", "year", "decade", "century"]


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(d: date, k: int) -> date:
    """The first day of the month `k` months from `d`'s."""
    y, m = divmod(d.year * 12 + d.month - 1 + k, 12)
    return date(y, m + 1, 1)


@dataclass(frozen=True)
class Period:
    """A calendar period: `unit` is its granularity, `start` its first day."""

    unit: str
    start: date

    @classmethod
    def of(cls, unit: str, d: date) -> "Period":
        """The period of granularity `unit` that contains day `d`."""
        if unit == "day":
            return cls("day", d)
        if unit == "week":
            return cls("week", d - timedelta(days=d.weekday()))
        if unit == "weekend":
            monday = d - timedelta(days=d.weekday())
            return cls("weekend", monday + timedelta(days=5))
        if unit == "month":
            return cls("month", date(d.year, d.month, 1))
        if unit == "quarter":
            return cls("quarter", date(d.year, 3 * ((d.month - 1) // 3) + 1, 1))
        if unit == "half":
            return cls("half", date(d.year, 1 if d.month <= 6 else 7, 1))
        if unit == "season":
            code = season_of(d.month)
            first = SEASON_MONTHS[code][0]
            year = d.year - 1 if code == "WI" and d.month <= 2 else d.year
            return cls("season", date(year, first, 1))
        if unit == "year":
            return cls("year", date(d.year, 1, 1))
        if unit == "decade":
            return cls("decade", date(d.year - d.year % 10, 1, 1))
        if unit == "century":
            return cls("century", date(d.year - d.year % 100, 1, 1))
        raise ValueError(f"unknown unit {unit!r}")

    @property
    def end(self) -> date:
        s = self.start
        if self.unit == "day":
            return s
        if self.unit == "week":
            return s + timedelta(days=6)
        if self.unit == "weekend":
            return s + timedelta(days=1)
        months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}
        return add_months(s, months[self.unit]) - timedelta(days=1)

    @property
    def value(self) -> str:
        s = self.start
        if self.unit == "day":
            return s.isoformat()
        if self.unit in ("week", "weekend"):
            y, w, _ = s.isocalendar()
            return f"{y}-W{w:02d}" + ("-WE" if self.unit == "weekend" else "")
        if self.unit == "month":
            return f"{s.year:04d}-{s.month:02d}"
        if self.unit == "quarter":
            return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
        if self.unit == "half":
            return f"{s.year:04d}-H{1 if s.month <= 6 else 2}"
        if self.unit == "season":
            return f"{s.year:04d}-{season_of(s.month)}"
        if self.unit == "year":
            return f"{s.year:04d}"
        if self.unit == "decade":
            return f"{s.year // 10:03d}"
        return f"{s.year // 100:02d}"

    def shift(self, unit: str, k: int) -> "Period":
        """This period moved by `k` units, at the granularity of `unit` ("2016-12-08" by month -1: "2016-11")."""
        anchor = self.start
        if unit == "day":
            return Period("day", anchor + timedelta(days=k))
        if unit in ("week", "weekend"):
            return Period.of(unit, anchor + timedelta(weeks=k))
        step = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12, "decade": 120, "century": 1200}[unit]
        return Period.of(unit, add_months(Period.of(unit, anchor).start, step * k))

    def finer_than(self, unit: str) -> bool:
        """Whether this period pins down `unit`: a day pins down its month, a month does not pin down a day."""
        return GRANULARITY_ORDER.index(self.unit) <= GRANULARITY_ORDER.index(unit)

    @classmethod
    def parse(cls, value: str) -> "Period | None":
        """The period a TimeML value names, or None for values without a calendar place (P2D, PRESENT_REF, XXXX).

        >>> Period.parse("2016-W49").end
        datetime.date(2016, 12, 11)
        """
        m = _VALUE.fullmatch(value or "")
        if not m:
            return None
        y = int(m["y"]) if m["y"] else None
        try:
            if m["dec"]:
                return cls("decade", date(int(m["dec"]) * 10, 1, 1))
            if m["cen"]:
                return cls("century", date(max(int(m["cen"]) * 100, 1), 1, 1))
            if m["d"]:
                return cls("day", date(y, int(m["mo"]), int(m["d"])))
            if m["mo"]:
                return cls("month", date(y, int(m["mo"]), 1))
            if m["w"]:
                monday = date.fromisocalendar(y, int(m["w"]), 1)
                return cls("weekend" if m["we"] else "week", monday + timedelta(days=5 if m["we"] else 0))
            if m["q"]:
                return cls("quarter", date(y, 3 * int(m["q"]) - 2, 1))
            if m["h"]:
                return cls("half", date(y, 1 if m["h"] == "1" else 7, 1))
            if m["s"]:
                return cls("season", date(y, SEASON_MONTHS[m["s"]][0], 1))
            return cls("year", date(y, 1, 1))
        except ValueError:
            return None


_VALUE = re.compile(
    r"(?:(?P<y>\d{4})(?:-(?P<mo>[01]\d)(?:-(?P<d>[0-3]\d)(?:T.*)?)?|-W(?P<w>\d\d)(?P<we>-WE)?|-Q(?P<q>[1-4])"
    r"|-H(?P<h>[12])|-(?P<s>SP|SU|FA|WI))?|(?P<dec>\d{3})|(?P<cen>\d{2}))")


def season_of(month: int) -> str:
    return next(code for code, (a, b) in SEASON_MONTHS.items() if (a <= month <= b if a <= b else month >= a or month <= b))


def part_window(period: Period, first_day: int, last: int, mod: str) -> tuple[date, date]:
    """The days a part word leaves of a period: "late May" the 21st to the 31st, "early 2016" January to April."""
    if period.unit == "month":
        s = period.start
        end = last_day(s.year, s.month)
        return date(s.year, s.month, min(first_day, end)), date(s.year, s.month, min(last, end))
    if period.unit in ("year", "decade", "century", "quarter", "half", "season"):
        span = (period.end - period.start).days + 1
        third = span // 3
        if mod == "START":
            return period.start, period.start + timedelta(days=third)
        if mod == "MID":
            return period.start + timedelta(days=third), period.start + timedelta(days=2 * third)
        if mod == "END":
            return period.end - timedelta(days=third), period.end
    return period.start, period.end
