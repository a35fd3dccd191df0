"""Events: triggers to ACLED types, roles, and the coder that reads a narrative in order."""
from .coder import DEFAULT_MIN_CONFIDENCE, EventCoder
from .triggers import TriggerLexicon, TriggerMatch, TriggerRule

__all__ = ["DEFAULT_MIN_CONFIDENCE", "EventCoder", "TriggerLexicon", "TriggerMatch", "TriggerRule"]
