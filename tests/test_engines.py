"""Coding on several processes and on a Dask cluster gives what one process gives, in the same order."""
import json
import os

import pytest

from eventcoder import pipeline
from eventcoder.cli import main
from eventcoder.documents import Document
from eventcoder.engines import LocalPool
from eventcoder.errors import EventcoderError
from eventcoder.events import EventCoder
from eventcoder.pipeline import CodingOptions, code_chunk, iter_code

VILLAGES = ["Hajin", "Susah", "Baghouz", "Shajlah", "Marashidah", "Gharanij", "Jadid", "Abu Hamam"]


def reports(n: int) -> list[Document]:
    """Short reports written for these tests: a clash and an air strike a village, a day apart, with a toll."""
    docs = []
    for i in range(n):
        day, place = 1 + i % 27, VILLAGES[i % len(VILLAGES)]
        docs.append(Document(
            f"On {day} March 2019, the SDF attacked ISIL in {place}; {i + 2} fighters were killed.\n"
            f"The next day, coalition aircraft struck ISIL positions near {place}.\n", id=f"r{i:02d}"))
    return docs


def coded_rows(coded) -> list[tuple[str, list[dict]]]:
    return [(c.document.id, [e.to_dict() for e in c.events]) for c in coded]


def square_with_pid(chunk: int, power: int) -> tuple[int, int]:
    return chunk ** power, os.getpid()


@pytest.mark.slow
def test_engines_local_pool_gives_results_in_input_order_from_other_processes():
    with LocalPool(2) as pool:
        results = list(pool.map(square_with_pid, range(10), 2))
    assert [r for r, _ in results] == [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
    assert os.getpid() not in {pid for _, pid in results}


def die_on_three(chunk: int) -> int:
    if chunk == 3:
        os._exit(9)  # as the OOM killer would end it
    return chunk


@pytest.mark.slow
def test_engines_a_worker_that_dies_ends_the_run_with_one_line():
    with pytest.raises(EventcoderError, match=r"^a worker process died \(out of memory, or killed\)"):
        with LocalPool(2) as pool:
            list(pool.map(die_on_three, range(6)))


@pytest.mark.slow
def test_engines_two_processes_code_the_same_events_with_the_same_ids_as_one(coder, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_DOCS", 3)  # 12 documents: 4 chunks, so the workers really start
    docs = reports(12)
    alone = coded_rows(iter_code(docs))
    with LocalPool(2) as pool:
        together = list(iter_code(docs, engine=pool))
    assert coded_rows(together) == alone
    assert sum(len(events) for _, events in alone) == 24  # a battle and an air strike each
    # the caller's own documents come back, not the workers' copies
    assert all(c.document is d for c, d in zip(together, docs))


def test_engines_a_document_the_coder_fails_on_costs_the_others_nothing(coder, monkeypatch, capsys, tmp_path):
    # fault injection: no real document is known to break the coder, so one is made to
    real = EventCoder._code_document

    def breaks_on_marked(self, doc, *args):
        if "BREAK" in doc.text:
            raise ValueError("injected failure")
        return real(self, doc, *args)

    monkeypatch.setattr(EventCoder, "_code_document", breaks_on_marked)
    docs = reports(3)
    docs[1] = Document("On 4 March 2019, BREAK the SDF attacked ISIL in Hajin.", id="bad")
    coded = code_chunk(docs, CodingOptions())
    assert [(c.document.id, len(c.events), c.error) for c in coded] == [
        ("r00", 2, None), ("bad", 0, "could not be coded (ValueError: injected failure); please report this document"),
        ("r02", 2, None)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in docs), encoding="utf-8")
    assert main(["extract", str(path), "--format", "jsonl", "--jobs", "1"]) == 1
    out, err = capsys.readouterr()
    assert sorted({json.loads(l)["doc_id"] for l in out.splitlines()}) == ["r00", "r02"]
    assert err == ("eventcoder: error: bad: could not be coded (ValueError: injected failure); "
                   "please report this document\n")


@pytest.fixture(scope="module")
def dask_cluster():
    pytest.importorskip("distributed")
    from eventcoder.engines import DaskCluster
    cluster = DaskCluster(workers=2)
    yield cluster
    cluster.close()


@pytest.mark.slow
@pytest.mark.dask
def test_engines_dask_cluster_of_two_workers_codes_what_one_process_codes(coder, dask_cluster, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_DOCS", 3)
    docs = reports(9)
    assert dask_cluster.workers == 2
    assert coded_rows(iter_code(docs, engine=dask_cluster)) == coded_rows(iter_code(docs))


@pytest.mark.slow
@pytest.mark.dask
def test_engines_cli_extract_on_a_running_dask_scheduler_equals_a_local_run(coder, dask_cluster, capsys):
    assert main(["extract", "--sample", "--format", "jsonl", "--jobs", "1"]) == 0
    local = capsys.readouterr().out
    address = dask_cluster.client.scheduler.address
    assert main(["extract", "--sample", "--format", "jsonl", "--scheduler", address]) == 0
    distributed = capsys.readouterr().out
    assert distributed == local and len(local.splitlines()) == 12
