import os
import tempfile

import pytest

# the tests see the shipped gazetteer only, never places a developer imported into their own data folder
os.environ["EVENTCODER_PLACES"] = os.path.join(tempfile.mkdtemp(prefix="eventcoder-test-"), "places.sqlite")
# ... and the packaged language data and facts only, never a developer's overlay of words, triggers or aliases
os.environ["EVENTCODER_OVERLAY"] = tempfile.mkdtemp(prefix="eventcoder-test-overlay-")
# ... and code at one fixed time, so that two runs of one input give the same rows, `timestamp` included
# (test_pipeline checks the time of a run without it)
CODING_TIME = 1543795200  # 2018-12-03 00:00 UTC
os.environ["SOURCE_DATE_EPOCH"] = str(CODING_TIME)


@pytest.fixture(scope="session")
def coder():
    """The real pipeline: spaCy's small English model, the GeoNames gazetteer, our lexicons."""
    from eventcoder import default_coder
    return default_coder().event_coder


@pytest.fixture(scope="session")
def gazetteer(coder):
    return coder.gazetteer


@pytest.fixture(scope="session")
def registry(coder):
    return coder.registry


@pytest.fixture(scope="session")
def classifier(coder):
    from eventcoder import default_coder
    return default_coder().classifier
