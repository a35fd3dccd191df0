"""Places: the gazetteer, name folding, and disambiguation by document context."""
from .entry import Country, GazetteerEntry, distance_km
from .gazetteer import Candidate, Gazetteer, Geocode, ImportReport
from .names import fold_name
from .spotter import PlaceMention, PlaceSpotter

__all__ = ["Candidate", "Country", "Gazetteer", "GazetteerEntry", "Geocode", "ImportReport", "distance_km",
           "fold_name", "PlaceMention", "PlaceSpotter"]
