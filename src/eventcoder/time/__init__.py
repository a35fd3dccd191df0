"""Narrative time: every temporal expression of a text, with its TimeML value and the days it allows."""
import re

from .rules import DateWords
from .tagger import MODES, NARRATIVE, NEWS, NarrativeClock, TimeExpression, TimexTagger
from .values import Period

__all__ = ["DateWords", "MODES", "NARRATIVE", "NEWS", "NarrativeClock", "Period", "TimeExpression", "TimexTagger",
           "month_names", "year_hint"]


def month_names() -> list[str]:
    """The month names and abbreviations of lang/en/date_words.tsv, capitalised as text writes them."""
    return [m.capitalize() for m in DateWords.load().months]


def year_hint(text: str | None) -> int | None:
    """The first plausible year in a title or heading ("Palmyra offensive (December 2016)")."""
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", text or "")
    return int(m.group(1)) if m else None
