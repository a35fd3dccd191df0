"""The time rules and the words they are written with, loaded from lang/en/timex_rules.tsv and lang/en/date_words.tsv.

The rule file is HeidelTime's idea in our own grammar: a row is a pattern with named groups, written with macros
for the word classes of date_words.tsv, and a normalisation operation the engine (tagger.py) carries out. Nothing
here knows what a date means; it only compiles and checks the data, failing at load time with the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import DataFileError
from ..lang import pattern, word_set, words
from ..resources import read_table

TYPES = ("DATE", "TIME", "DURATION", "SET")
NAMED_OPS = ("date", "dates", "quarter", "half", "season", "decade", "century", "years", "duration", "time", "times",
             "weekly_day")
ANCHORED_OPS = re.compile(r"(?P<base>now|ref):(?:(?P<unit>day|week|weekend|month|quarter|year|decade|u)"
                          r"(?P<sign>[+-])(?P<k>\d+|n)|(?P<named>weekday|month|season|weekend|year_ago|quarter))")
# "a year earlier" compares with the date just given; the story does not move to it
COMPARISONS = {"ref:year_ago"}
LITERAL = re.compile(r"PRESENT_REF|PAST_REF|FUTURE_REF|P(?:T)?(?:\d+|X)[A-Z]{1,2}|XXXX-[-\w]+")
_TENS = words("number_tens")  # "twenty-four": a tens word and a one


@dataclass
class DateWords:
    """The word classes of date_words.tsv, each a map from the lower-cased word to its value."""

    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    parts: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    dayparts: dict[str, str] = field(default_factory=dict)
    boundaries: dict[str, str] = field(default_factory=dict)
    future: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> "DateWords":
        words = cls()
        for row in read_table("date_words.tsv", ["word", "kind", "value"]):
            word, kind, value = row["word"], row["kind"], row["value"]
            key = re.sub(r"\s+", " ", word.lower())
            try:
                if kind == "month":
                    words.months[key] = _in_range(int(value), 1, 12)
                elif kind == "weekday":
                    words.weekdays[key] = _in_range(int(value), 1, 7)
                elif kind == "part":
                    days, mod = value.split()
                    a, b = (int(x) for x in days.split("-"))
                    words.parts[key] = (a, b, mod)
                elif kind == "season":
                    if value not in ("SP", "SU", "FA", "WI"):
                        raise ValueError("not a TimeML season code")
                    words.seasons[key] = value
                elif kind == "number":
                    words.numbers[key] = value if value == "X" else str(int(value))
                elif kind == "ordinal":
                    words.ordinals[key] = int(value)
                elif kind == "unit":
                    if not re.fullmatch(r"T?[A-Z]{1,2}", value):
                        raise ValueError("not a TimeML unit")
                    words.units[key] = value
                elif kind == "daypart":
                    words.dayparts[key] = value
                elif kind == "boundary":
                    words.boundaries[key] = value
                elif kind == "future":
                    words.future.append(key)
                else:
                    raise ValueError(f"unknown kind {kind!r}")
            except ValueError as e:
                raise DataFileError(row.file, row.line, f"bad value {value!r} for {word!r}: {e}") from None
        return words

    def number(self, text: str) -> str:
        """"twenty-four" -> "24", "several" -> "X", "2.5" -> "2.5"."""
        key = re.sub(r"[\s-]+", " ", text.lower()).strip()
        if key in self.numbers:
            return self.numbers[key]
        if re.fullmatch(r"\d+(?:\.\d+)?", key):
            return key
        tens, _, ones = key.partition(" ")
        if tens in _TENS and ones in self.numbers:
            return str((_TENS.index(tens) + 2) * 10 + int(self.numbers[ones]))
        raise ValueError(f"not a number: {text!r}")

    def macros(self) -> dict[str, str]:
        def alternation(words, case_sensitive=False):
            body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
            return f"(?-i:{body})" if case_sensitive else f"(?:{body})"

        # a month name of four letters or more is the full name, unless it is one of the short full names
        full_months = [w.capitalize() for w in self.months if len(w) > 4 or w in word_set("short_full_months")]
        short_months = [w.capitalize() for w in self.months if w.capitalize() not in full_months]
        full_days = [w.capitalize() for w in self.weekdays if w.endswith("day")]
        short_days = [w.capitalize() for w in self.weekdays if not w.endswith("day")]
        ones = [w for w, v in self.numbers.items() if v.isdigit() and int(v) < 10 and " " not in w and len(w) > 2]
        return {
            # an abbreviation needs its full stop or a day after it: "Mar." and "Mar 3", not the verb "mar"
            "MONTH": rf"(?:{alternation(full_months, True)}\b|{alternation(short_months, True)}(?:\.|\b(?=\s*\d)))",
            "WEEKDAY": rf"(?:{alternation(full_days, True)}\b|{alternation(short_days, True)}\.)",
            "PART": alternation(self.parts),
            "SEASON": alternation(self.seasons),
            "NUMBER": rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(ones)}))?|{alternation(self.numbers)})",
            "ORDINAL": alternation(self.ordinals),
            "UNIT": alternation(self.units),
            "DAYPART": alternation(self.dayparts),
            "BOUNDARY": alternation(self.boundaries),
            "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
            "YEAR": r"(?:1[5-9]\d\d|20\d\d)(?![\d])",
            "TO": pattern("range_to").pattern,
        }


@dataclass(frozen=True)
class TimexRule:
    """One row of timex_rules.tsv, compiled."""

    id: str
    type: str
    pattern: re.Pattern
    op: str
    mod: str
    example: str
    expected: str
    negative: str
    order: int


def load_rules(words: DateWords) -> list[TimexRule]:
    macros = words.macros()
    rules = []
    seen = set()
    for i, row in enumerate(read_table("timex_rules.tsv", ["id", "type", "pattern", "value", "example", "expected",
                                                            "negative"], required=6)):
        rid = row["id"]
        if rid in seen:
            raise DataFileError(row.file, row.line, f"rule {rid} is defined twice")
        seen.add(rid)
        if row["type"] not in TYPES:
            raise DataFileError(row.file, row.line, f"rule {rid}: type {row['type']!r} is not one of {', '.join(TYPES)}")
        source = re.sub(r"\{([A-Z]+)\}", lambda m: macros.get(m.group(1), m.group(0)), row["pattern"])
        unknown = re.search(r"\{([A-Z]+)\}", source)
        if unknown:
            raise DataFileError(row.file, row.line, f"rule {rid}: unknown macro {unknown.group(0)}")
        try:
            pattern = re.compile(rf"(?<!\w)(?:{source})(?!\w)", re.IGNORECASE)
        except re.error as e:
            raise DataFileError(row.file, row.line, f"rule {rid}: bad pattern ({e})") from None
        op, _, mod = row["value"].partition(" mod=")
        if not (op in NAMED_OPS or ANCHORED_OPS.fullmatch(op) or LITERAL.fullmatch(op)):
            raise DataFileError(row.file, row.line, f"rule {rid}: unknown value operation {op!r}")
        rules.append(TimexRule(rid, row["type"], pattern, op, mod, row["example"], row["expected"],
                               row.get("negative") or "", i))
    return rules


def _in_range(v: int, lo: int, hi: int) -> int:
    if not lo <= v <= hi:
        raise ValueError(f"not in {lo}..{hi}")
    return v
