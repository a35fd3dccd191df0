"""The time tagger, built once for the time tests."""
import pytest

from eventcoder.time import TimexTagger


@pytest.fixture(scope="module")
def tagger():
    return TimexTagger()
