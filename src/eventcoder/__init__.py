"""eventcoder: code narratives of armed conflict into ACLED-shaped event data, offline.

>>> import eventcoder
>>> [e.location for e in eventcoder.extract("On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.")]
['Tadmur']
"""
__version__ = "0.2.0"  # first: modules that record which version made a file import it

from .documents import Document, read_documents
from .errors import DataFileError, EventcoderError, InputError, InputWarning
from .model import ACLED_COLUMNS, EXTRA_COLUMNS, Event, Evidence
from .pipeline import extract, ingest, iter_extract, iter_timex
from .store import EventStore
from .time import TimeExpression

__all__ = [
    "ACLED_COLUMNS", "DataFileError", "Document", "Event", "EventcoderError", "Evidence", "EXTRA_COLUMNS",
    "EventStore", "InputError", "InputWarning", "TimeExpression", "extract", "ingest", "iter_extract", "iter_timex",
    "read_documents",
]
