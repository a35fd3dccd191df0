"""What a coder is asked to do besides reading the documents: the options a `Coder` owns and hands, whole, to
each worker process, so that a worker codes as this process would. They check themselves when made."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import OptionError
from .time import MODES

DEFAULT_MIN_CONFIDENCE = 0.35  # an event coded with less confidence than this is left out
DEFAULT_BATCH_SIZE = 16  # documents a store keeps per transaction


@dataclass(frozen=True)
class CodingOptions:
    """How to code: `min_confidence` (0-1) leaves out less certain events; `time_mode` ("news", "narrative", or
    None to choose per document) anchors relative dates; `parse_all` parses every sentence, not only those that
    may tell an event (`events.gate`: slower, and the places and entities of the others are read too); `jobs`
    processes code at once; `batch_size` documents go into a store per transaction.

    >>> CodingOptions(min_confidence=2)
    Traceback (most recent call last):
    ...
    eventcoder.errors.OptionError: min_confidence must be between 0 and 1
    """

    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    time_mode: str | None = None
    parse_all: bool = False
    jobs: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise OptionError("min_confidence", "must be between 0 and 1")
        if self.time_mode is not None and self.time_mode not in MODES:
            raise OptionError("time_mode", f"must be one of {', '.join(MODES)}")
        if self.jobs < 1:
            raise OptionError("jobs", "must be at least 1")
        if self.batch_size < 1:
            raise OptionError("batch_size", "must be at least 1")

    @property
    def coding(self) -> tuple[float, str | None, bool]:
        """What the events depend on (not how many processes made them): a worker keeps one coder per value."""
        return self.min_confidence, self.time_mode, self.parse_all
