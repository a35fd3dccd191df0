"""Actors: the registry of who fights, under every name, with ACLED inter codes."""
from .registry import Actor, ActorMention, ActorRegistry

__all__ = ["Actor", "ActorMention", "ActorRegistry"]
