"""Places: the gazetteer, name folding, and disambiguation by document context.

The spotter (which reads a parse, and so needs spaCy) is imported on first use, so that the store and the CLI's
commands that only read a store can use the gazetteer without loading a language model.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .entry import Country, GazetteerEntry, distance_km
from .gazetteer import Candidate, Gazetteer, Geocode, ImportReport, index_is_built
from .names import fold_name

if TYPE_CHECKING:
    from .spotter import PlaceMention, PlaceSpotter

__all__ = ["Candidate", "Country", "Gazetteer", "GazetteerEntry", "Geocode", "ImportReport", "distance_km",
           "fold_name", "index_is_built", "PlaceMention", "PlaceSpotter"]
_FROM_SPOTTER = ("PlaceMention", "PlaceSpotter")


def __getattr__(name: str) -> Any:
    if name in _FROM_SPOTTER:
        from . import spotter
        return getattr(spotter, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
