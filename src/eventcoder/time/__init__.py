"""Narrative time: explicit, partial, relative dates and ranges, resolved as a careful reader would."""
from .resolver import DateResolver, NarrativeClock, TimeExpression, month_names, year_hint

__all__ = ["DateResolver", "NarrativeClock", "TimeExpression", "month_names", "year_hint"]
