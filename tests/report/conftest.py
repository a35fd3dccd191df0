"""A store of two documents written for the report's tests."""
import pytest

from eventcoder import Document
from eventcoder.pipeline import ingest
from eventcoder.store import EventStore

RAQQA = Document("On 6 June 2017, the SDF attacked Islamic State fighters in Raqqa, killing 23 militants, according "
                 "to SOHR. On 20 October 2017, the SDF captured Raqqa from ISIL.", id="raqqa_report",
                 title="Raqqa, 2017")
HAJIN = Document("On 3 December 2018, clashes broke out between the SDF and ISIL in Hajin. "
                 "On 14 December 2018, the SDF captured Hajin from ISIL. Since 3 December, 600 ISIL fighters had "
                 "died.", id="hajin_report")


@pytest.fixture(scope="module")
def store(tmp_path_factory, coder):
    db = tmp_path_factory.mktemp("report") / "events.db"
    ingest([RAQQA, HAJIN], db)
    with EventStore(db) as s:
        yield s
