"""errors.py: every exception eventcoder raises on purpose, in one module, each saying what and where."""
import ast
import inspect
from pathlib import Path

import pytest

import eventcoder
from eventcoder import errors
from eventcoder.errors import (DataFileError, EngineError, EventcoderError, InputError, InputWarning, ModelError,
                               OptionError, StoreError)

SOURCE = Path(eventcoder.__file__).parent


def test_errors_every_exception_class_is_defined_in_errors_py():
    """A class whose bases end in Error, Exception or Warning, anywhere else in the package, belongs in errors.py."""
    elsewhere = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    getattr(b, "id", getattr(b, "attr", "")).endswith(("Error", "Exception", "Warning"))
                    for b in node.bases):
                elsewhere.append(f"{path.relative_to(SOURCE)}:{node.lineno} {node.name}")
    assert elsewhere == []


def test_errors_every_one_is_an_eventcoder_error():
    defined = [c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__]
    assert sorted(c.__name__ for c in defined) == ["DataFileError", "EngineError", "EventcoderError", "InputError",
                                                   "InputTimeout", "InputWarning", "ModelError", "OptionError",
                                                   "StoreError"]
    assert all(issubclass(c, EventcoderError) for c in defined)


def test_errors_an_option_error_is_still_a_value_error():
    with pytest.raises(ValueError):
        raise OptionError("jobs", "must be at least 1")
    assert issubclass(InputWarning, InputError)


@pytest.mark.parametrize("error, message, fields", [
    (InputError("reports.jsonl:3", "no text"), "reports.jsonl:3: no text", ("reports.jsonl:3", "no text")),
    (DataFileError("actors.tsv", 12, "missing name"), "actors.tsv:12: missing name",
     ("actors.tsv", 12, "missing name")),
    (OptionError("min_confidence", "must be between 0 and 1"), "min_confidence must be between 0 and 1",
     ("min_confidence", "must be between 0 and 1")),
    (OptionError(None, "'June' is not a date"), "'June' is not a date", (None, "'June' is not a date")),
    (StoreError("events.db", "no such store"), "events.db: no such store", ("events.db", "no such store")),
])
def test_errors_name_what_and_where(error, message, fields):
    assert str(error) == message
    names = {InputError: ("source", "problem"), DataFileError: ("file", "line", "problem"),
             OptionError: ("option", "problem"), StoreError: ("path", "problem")}[type(error)]
    assert tuple(getattr(error, n) for n in names) == fields


def test_errors_without_fields_carry_their_message():
    assert [str(e) for e in (EngineError("a worker process died"), ModelError("no model"))] == [
        "a worker process died", "no model"]
