"""time/values.py: a TIMEX3 value read back as a window of days."""
from datetime import date

import pytest

from eventcoder.time import Period


@pytest.mark.parametrize("value, first, last", [
    ("2016-12-08", date(2016, 12, 8), date(2016, 12, 8)),
    ("2016-W49", date(2016, 12, 5), date(2016, 12, 11)),
    ("2016-W48-WE", date(2016, 12, 3), date(2016, 12, 4)),
    ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
    ("2016-Q3", date(2016, 7, 1), date(2016, 9, 30)),
    ("2016-WI", date(2016, 12, 1), date(2017, 2, 28)),
    ("199", date(1990, 1, 1), date(1999, 12, 31)),
    ("2016-12-08T15:55", date(2016, 12, 8), date(2016, 12, 8)),
])
def test_time_values_period_read_back_as_windows(value, first, last):
    p = Period.parse(value)
    assert (p.start, p.end) == (first, last)
    assert p.value == value.split("T")[0]


@pytest.mark.parametrize("value", ["P2D", "PRESENT_REF", "XXXX-WXX-5", ""])
def test_time_values_period_without_a_calendar_place(value):
    assert Period.parse(value) is None
