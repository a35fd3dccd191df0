"""The control stage: who held which place, and when.

`reader` reads statements of control off a sentence's parse; `timeline` builds a place's timeline from the claims.
This package's top imports only the timeline, which needs no language model: the store reads timelines.
"""
from ..model import ControlClaim
from .timeline import TimelineRow, event_claims, timeline

__all__ = ["ControlClaim", "TimelineRow", "event_claims", "timeline"]
