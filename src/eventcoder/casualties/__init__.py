"""The casualties stage: reading tolls (who says how many were killed and wounded) and attaching them to events."""
from .reader import CasualtyReader, CasualtyReport, Claim, PeriodTotal, Quantity

__all__ = ["CasualtyReader", "CasualtyReport", "Claim", "PeriodTotal", "Quantity"]
