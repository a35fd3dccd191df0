"""eventcoder: code narratives of armed conflict into ACLED-shaped event data, offline.

>>> import eventcoder
>>> [e.location for e in eventcoder.extract("On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.")]
['Tadmur']

Importing eventcoder loads no language model: the spaCy pipeline loads on the first call that needs it.
"""
from .version import __version__  # noqa: F401 - first: modules that record which version made a file read it

from .documents import Document, read_documents
from .errors import DataFileError, EventcoderError, InputError, InputWarning, OptionError, StoreError
from .frames import to_dataframe, to_records
from .model import ACLED_COLUMNS, EXTRA_COLUMNS, Event, Evidence
from .options import CodingOptions
from .pipeline import Coder, default_coder, extract, geocode, ingest, iter_classify, iter_extract, iter_timex
from .store import EventStore
from .time import TimeExpression

__all__ = [
    "ACLED_COLUMNS", "Coder", "CodingOptions", "DataFileError", "Document", "Event", "EventcoderError", "Evidence",
    "EXTRA_COLUMNS", "EventStore", "InputError", "InputWarning", "OptionError", "StoreError", "TimeExpression",
    "default_coder", "extract", "geocode", "ingest", "iter_classify", "iter_extract", "iter_timex",
    "read_documents", "to_dataframe", "to_records",
]
