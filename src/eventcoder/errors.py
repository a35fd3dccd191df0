"""The exceptions eventcoder raises; the CLI maps each to a one-line message in one place (`cli.main`).

Every one is an `EventcoderError`. One that is also a built-in error (an `OptionError` is a `ValueError`) stays
one, so that code written against the built-in still catches it.
"""
from __future__ import annotations


class EventcoderError(Exception):
    """Base of every error eventcoder raises on purpose."""


class InputError(EventcoderError):
    """An input (file, line, document) that cannot be read or coded.

    `source` names the input (a path, `path:line`, or `<stdin>`); the message says what is wrong and,
    where we know, what to do next.
    """

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class InputTimeout(EventcoderError):
    """A pipe or device sent nothing for `timeout` seconds: no one writes to it. The reader turns it into the
    InputError that names the input."""

    def __init__(self, timeout: float):
        super().__init__(f"nothing came in {timeout:g} s")
        self.timeout = timeout


class DataFileError(EventcoderError):
    """A malformed file under eventcoder/data: names the file, the line and the rule."""

    def __init__(self, file: str, line: int, problem: str):
        super().__init__(f"{file}:{line}: {problem}")
        self.file = file
        self.line = line
        self.problem = problem


class InputWarning(InputError):
    """Something odd about an input that does not stop it being coded (an unreadable date, say)."""


class OptionError(EventcoderError, ValueError):
    """An option or argument out of its range (a min_confidence of 2, a time_mode of "weekly").

    `option` names the argument as the library spells it (`min_confidence`), or is None when the problem is the
    value itself ("'June' is not a date"); the CLI writes it as its flag (`--min-confidence`).

    >>> str(OptionError("jobs", "must be at least 1"))
    'jobs must be at least 1'
    """

    def __init__(self, option: str | None, problem: str):
        super().__init__(f"{option} {problem}" if option else problem)
        self.option = option
        self.problem = problem


class StoreError(EventcoderError):
    """A store file that cannot be opened or used: names the file and the problem."""

    def __init__(self, path: object, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class EngineError(EventcoderError):
    """Where the work runs failed: a worker process died, a Dask cluster cannot be reached or failed."""


class ModelError(EventcoderError):
    """The spaCy model is not installed, or cannot be loaded."""
