"""Places: the gazetteer, name folding, and disambiguation by document context."""
from .gazetteer import Country, Gazetteer, GazetteerEntry, distance_km
from .names import fold_name
from .spotter import PlaceMention, PlaceSpotter

__all__ = ["Country", "Gazetteer", "GazetteerEntry", "distance_km", "fold_name", "PlaceMention", "PlaceSpotter"]
