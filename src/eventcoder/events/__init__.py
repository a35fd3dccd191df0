"""Events: triggers to ACLED types, roles, and the coder that reads a narrative in order.

What needs spaCy (the coder, the trigger lexicon) is imported on first use, so that importing the package, or its
default options, loads no language model.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..options import DEFAULT_MIN_CONFIDENCE

if TYPE_CHECKING:
    from .coder import EventCoder
    from .triggers import TriggerLexicon, TriggerMatch, TriggerRule

__all__ = ["DEFAULT_MIN_CONFIDENCE", "EventCoder", "TriggerLexicon", "TriggerMatch", "TriggerRule"]
_LAZY = {"EventCoder": "coder", "TriggerLexicon": "triggers", "TriggerMatch": "triggers", "TriggerRule": "triggers"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
