"""The exceptions eventcoder raises; the CLI maps each to a one-line message."""


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


class DataFileError(EventcoderError):
    """A malformed file under eventcoder/data: names the file, the line and the rule."""

    def __init__(self, file: str, line: int, problem: str):
        super().__init__(f"{file}:{line}: {problem}")
        self.file = file
        self.line = line
        self.problem = problem


class InputWarning(InputError):
    """Something odd about an input that does not stop it being coded (an unreadable date, say)."""
