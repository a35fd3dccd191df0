"""options.py: the options a Coder owns, checked when made, and the part of them its events depend on."""
import dataclasses

import pytest

from eventcoder.errors import OptionError
from eventcoder.options import CodingOptions


def test_options_defaults():
    o = CodingOptions()
    assert (o.min_confidence, o.time_mode, o.jobs, o.batch_size) == (0.35, None, 1, 16)


@pytest.mark.parametrize("settings", [{"min_confidence": 0.0}, {"min_confidence": 1.0}, {"time_mode": "news"},
                                      {"time_mode": "narrative"}, {"jobs": 1, "batch_size": 1}])
def test_options_the_edges_of_each_range_are_allowed(settings):
    assert dataclasses.asdict(CodingOptions(**settings)).items() >= settings.items()


@pytest.mark.parametrize("settings, message", [
    ({"min_confidence": 1.01}, "min_confidence must be between 0 and 1"),
    ({"min_confidence": -0.01}, "min_confidence must be between 0 and 1"),
    ({"time_mode": "NEWS"}, "time_mode must be one of news, narrative"),
    ({"jobs": 0}, "jobs must be at least 1"),
    ({"batch_size": -1}, "batch_size must be at least 1"),
])
def test_options_check_themselves_when_made(settings, message):
    with pytest.raises(OptionError) as error:
        CodingOptions(**settings)
    assert str(error.value) == message


def test_options_coding_is_what_the_events_depend_on_not_how_many_processes_made_them():
    assert CodingOptions(jobs=4, batch_size=2).coding == CodingOptions().coding == (0.35, None, False)
    assert CodingOptions(min_confidence=0.5, time_mode="news", parse_all=True).coding == (0.5, "news", True)


def test_options_cannot_change_once_made():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CodingOptions().jobs = 2
