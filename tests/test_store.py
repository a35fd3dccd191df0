"""store.py: the SQLite store — idempotent ingest, merging across documents, queries, stats, control, schema."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from eventcoder.documents import Document
from eventcoder.pipeline import iter_ingest
from eventcoder.store import SCHEMA_VERSION, EventStore, StoreError

# facts: Hajin fell to the SDF on 14 December 2018; al-Baghuz Fawqani on 23 March 2019 (Wikipedia)
HAJIN = ("On 14 December 2018, the SDF captured Hajin from ISIL after heavy fighting.\n"
         "SDF commanders said that on 14 December they had captured Hajin.")
BAGHOUZ_1 = "On 23 March 2019, the SDF captured Baghouz from ISIL."
BAGHOUZ_2 = "On 23 March 2019, the Syrian Democratic Forces captured al-Baghuz Fawqani from the Islamic State."
SUSAH = ("On 10 September 2018, the SDF advanced towards the areas controlled by ISIL – the pocket with Hajin and "
         "Susah.\nOn 29 October 2018, ISIL retook Susah from the SDF.\n"
         "On 10 December 2018, ISIL still controlled the villages of Susah and Shajlah.")


def ingest(store: EventStore, *docs: Document, batch_size: int = 16):
    total = None
    for _, report in iter_ingest(list(docs), store, batch_size=batch_size):
        if total is None:
            total = report
        else:
            total += report
    return total


@pytest.fixture
def store(tmp_path, coder):
    with EventStore(tmp_path / "events.db") as s:
        yield s


def test_store_ingest_twice_adds_nothing(store):
    first = ingest(store, Document(HAJIN, id="hajin"), Document(SUSAH, id="susah"))
    counts = store.counts()
    again = ingest(store, Document(HAJIN, id="hajin"), Document(SUSAH, id="susah"))
    assert (first.added, again.added, again.unchanged, again.reports) == (2, 0, 2, 0)
    assert store.counts() == counts


def test_store_a_capture_told_twice_is_one_event_with_both_sentences(store):
    ingest(store, Document(HAJIN, id="hajin"))
    [event] = store.events(place="Hajin")
    assert (event["event_date"], event["actor1"], event["sub_event_type"]) == (
        "2018-12-14", "QSD: Syrian Democratic Forces", "Non-state actor overtakes territory")
    assert [e["text"] for e in event["evidence"]] == HAJIN.split("\n")


def test_store_merges_one_event_told_by_two_documents(store):
    report = ingest(store, Document(BAGHOUZ_1, id="b1"), Document(BAGHOUZ_2, id="b2"))
    assert (report.reports, report.merged) == (2, 1)
    [event] = store.events()
    assert event["doc_ids"] == ["b1", "b2"] and event["reports"] == 2
    assert sorted(e["doc_id"] for e in event["evidence"]) == ["b1", "b2"]


def test_store_ids_do_not_depend_on_the_order_documents_came_in(tmp_path, coder):
    docs = [Document(BAGHOUZ_1, id="b1"), Document(BAGHOUZ_2, id="b2"), Document(HAJIN, id="hajin")]
    with EventStore(tmp_path / "one.db") as one, EventStore(tmp_path / "two.db") as two:
        ingest(one, *docs)
        ingest(two, *reversed(docs))
        assert [e["event_id_cnty"] for e in one.events()] == [e["event_id_cnty"] for e in two.events()]


def test_store_a_changed_document_replaces_its_own_events(store):
    ingest(store, Document(BAGHOUZ_1, id="b1"), Document(HAJIN, id="hajin"))
    changed = Document("On 2 April 2019, the SDF captured Hajin from ISIL.", id="hajin")
    report = ingest(store, changed)
    assert (report.replaced, report.added) == (1, 0)
    assert [e["event_date"] for e in store.events(place="Hajin")] == ["2019-04-02"]
    assert len(store.events(place="Baghouz")) == 1  # the other document's event is untouched


def test_store_places_under_any_spelling(store):
    ingest(store, Document(BAGHOUZ_1, id="b1"), Document(HAJIN, id="hajin"))
    found = [[e["event_id_cnty"] for e in store.events(place=name)]
             for name in ("Baghouz", "al-Baghuz Fawqani", "Baghuz")]
    assert len(found[0]) == 1 and found[0] == found[1] == found[2]
    assert store.events(place="Aleppo") == []


def test_store_query_filters(store):
    ingest(store, Document(BAGHOUZ_1, id="b1"), Document(HAJIN, id="hajin"), Document(SUSAH, id="susah"))
    place = lambda events: sorted({e["location"] for e in events})
    assert place(store.events(actor="Daesh", date_from="2019")) == ["Al-Baghuz Fawqani"]
    # a state's forces under any alias, whatever government's years their stored name carries
    ingest(store, Document("On 2 May 2017, the Syrian Army shelled Hajin.", id="saa"))
    [saa] = store.events(actor="SAA")
    assert (saa["actor1"], saa["location"]) == ("Military Forces of Syria (2000-2024)", "Hajīn")
    assert place(store.events(date_from="2018-12", date_to="2018-12-31")) == ["Hajīn"]
    assert place(store.events(near=(34.6951, 40.8314), km=5)) == ["Hajīn"]
    assert place(store.events(event_type="armed clash")) == ["As Sūsah", "Hajīn"]
    assert store.events(country="IQ") == [] and len(store.events(country="SY")) == len(store.events())
    with pytest.raises(ValueError):
        store.events(date_from="last year")


def test_store_stats_by_month_and_actor(store):
    ingest(store, Document(BAGHOUZ_1, id="b1"), Document(HAJIN, id="hajin"))
    assert store.stats("month") == [{"month": "2018-12", "events": 1, "fatalities": 0},
                                    {"month": "2019-03", "events": 1, "fatalities": 0}]
    assert store.stats("actor")[0] == {"actor": "Islamic State", "events": 2, "fatalities": 0}


def test_store_control_timeline(store):
    ingest(store, Document(SUSAH, id="susah"))
    rows = store.control("al-Susah")
    assert [(r.date, r.controller, r.previous, r.kind, bool(r.event_id)) for r in rows] == [
        ("2018-09-10", "Islamic State", "", "held", False),
        ("2018-10-29", "Islamic State", "QSD: Syrian Democratic Forces", "captured", True),
        ("2018-12-10", "Islamic State", "", "held", False)]
    assert rows[1].event_id == store.events(place="Susah", event_type="Battles")[-1]["event_id_cnty"]


@pytest.mark.parametrize("spelling", ["al-Susah", "Susah", "As Sūsah", "Al Susa"])
def test_store_control_finds_a_place_under_any_spelling(store, spelling):
    ingest(store, Document(SUSAH, id="susah"))
    assert [r.date for r in store.control(spelling)] == ["2018-09-10", "2018-10-29", "2018-12-10"]


def test_store_control_a_retaking_dated_before_its_taking_follows_the_story(store):
    # the retaking is told after the capture it undoes but dated three days before it: the story's order stands
    ingest(store, Document("On 5 June 2017, ISIL captured Hajin from the SDF.\n"
                           "The SDF retook Hajin from ISIL on 2 June 2017.", id="order"))
    assert [(r.date, r.controller, r.order, r.disputed) for r in store.control("Hajin")] == [
        ("2017-06-05", "Islamic State", "", False), ("2017-06-05", "QSD: Syrian Democratic Forces", "narrative", False)]


def test_store_control_timelines_of_one_document(store):
    ingest(store, Document(SUSAH, id="susah"), Document(HAJIN, id="hajin"))
    assert {r.doc_id for tl in store.control_timelines(doc_id="susah") for r in tl} == {"susah"}
    assert [r.place for tl in store.control_timelines(place="Susah", doc_id="hajin") for r in tl] == []


def test_store_refuses_files_it_cannot_use(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not an eventcoder store"):
        EventStore(other)
    newer = tmp_path / "newer.db"
    EventStore(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer eventcoder"):
        EventStore(newer)
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not an eventcoder store"):
        EventStore(tmp_path / "junk.db")
    with pytest.raises(StoreError, match="no such store"):
        EventStore(tmp_path / "missing.db", create=False)
    with pytest.raises(StoreError, match="no such folder"):
        EventStore(tmp_path / "nowhere" / "events.db")
    with pytest.raises(StoreError, match="is a directory"):
        EventStore(tmp_path)


def test_store_a_new_file_is_at_the_current_schema(tmp_path):
    with EventStore(tmp_path / "new.db") as s:
        assert s.version == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_a_store_of_the_schema_before_claim_kinds_is_migrated(tmp_path):
    # a file made before claims said what they count: its claims are tolls of dead, as they were coded
    from eventcoder.store import APPLICATION, MIGRATIONS, _statements
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    for step in MIGRATIONS[:-1]:
        for statement in _statements(step):
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('application', ?)", (APPLICATION,))
    conn.execute("INSERT INTO documents VALUES ('d', 'h', 'c', '', '', '', NULL, 1, 1)")
    conn.execute("INSERT INTO claims VALUES ('d', 'r', 'SOHR', 12, 12, 12, NULL, NULL, '12 were killed')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with EventStore(old) as s:
        assert s.version == SCHEMA_VERSION
        assert s.conn.execute("SELECT source, fatalities, kind FROM claims").fetchall() == [("SOHR", 12, "killed")]


def test_store_period_totals_are_kept_apart_from_event_fatalities(store):
    ingest(store, Document("On 14 December 2018, the SDF captured Hajin from ISIL, killing 12 fighters. Since 10 "
                           "September, 900 ISIL fighters had died.", id="hajin_toll"))
    assert store.stats("type") == [{"type": "Battles", "events": 1, "fatalities": 12}]
    [total] = store.period_totals()
    assert (total["doc_id"], total["total"], total["period"], total["as_of"]) == (
        "hajin_toll", 900, "Since 10 September", "2018-12-14")


DOCUMENTS = 150


@pytest.mark.slow
def test_store_survives_sigkill_mid_ingest_and_the_rerun_completes(tmp_path, coder):
    """A real process killed with SIGKILL while it writes: the file stays consistent (every stored document has
    all its reports, nothing half-written) and running the command again stores the rest, as one run would."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    villages = ["Hajin", "Susah", "Baghouz", "Shajlah", "Marashidah", "Gharanij", "Jadid", "Abu Hamam"]
    # enough documents that the ingest is still running when it has stored a few batches, on any machine
    for i in range(DOCUMENTS):
        day, place = 1 + i % 28, villages[i % len(villages)]
        (corpus / f"report{i:02d}.txt").write_text(
            f"On {day} March 2019, the SDF attacked ISIL in {place}.\n"
            f"On {day} April 2019, coalition aircraft struck ISIL positions near {place}.\n", encoding="utf-8")
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "eventcoder", "extract", str(corpus), "--db", str(db), "--batch-size", "2", "-q"]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if stored >= 4:
            break
    assert proc.poll() is None, "the ingest ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with EventStore(db) as s:
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = s.counts()
        assert 4 <= kept["documents"] < DOCUMENTS
        # whole documents only: every stored document has exactly the reports it was coded with
        assert s.conn.execute("SELECT count(*) FROM documents d WHERE reports != "
                              "(SELECT count(*) FROM reports r WHERE r.doc_id = d.doc_id)").fetchone()[0] == 0
        assert s.conn.execute("SELECT count(*) FROM reports WHERE event_id NOT IN "
                              "(SELECT event_id FROM events)").fetchone()[0] == 0
    rerun = subprocess.run(command[:-1], env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{DOCUMENTS - kept['documents']} documents added" in rerun.stderr
    assert f"{kept['documents']} unchanged" in rerun.stderr
    clean = tmp_path / "clean.db"
    subprocess.run(command[:5] + ["--db", str(clean), "-q"], env=env, check=True, timeout=300)
    with EventStore(db) as killed, EventStore(clean) as whole:
        assert killed.counts() == whole.counts()
        assert [e["event_id_cnty"] for e in killed.events()] == [e["event_id_cnty"] for e in whole.events()]


# written for the test: three reports of one clash that chain (the SDF against ISIL; the SDF alone; the SDF against
# the Syrian Army): the one-sided report tells the same event as either of the others, which do not tell the same
# event as each other (merge.same_event); and a capture elsewhere
CHAIN = {"chain_a": "On 10 March 2019, the SDF clashed with ISIL fighters in Hajin.",
         "chain_b": "On 10 March 2019, SDF fighters fought in Hajin.",
         "chain_c": "On 10 March 2019, the SDF clashed with the Syrian Army in Hajin.",
         "chain_d": "On 23 March 2019, the SDF captured Baghouz from ISIL."}


def chain_coded(**changed: str):
    from eventcoder.pipeline import default_coder
    texts = {**CHAIN, **changed}
    return list(default_coder().iter_code([Document(text, id=doc_id) for doc_id, text in texts.items()]))


def test_store_events_do_not_depend_on_the_order_reports_that_chain_came_in(tmp_path, coder):
    import itertools
    import json
    coded = chain_coded()
    assert [len(c.events) for c in coded] == [1, 1, 1, 1]
    told = set()
    for n, order in enumerate(itertools.permutations(coded)):
        with EventStore(tmp_path / f"order{n}.db") as s:
            for cd in order:  # a batch each, as documents come in over several runs
                s.ingest([cd])
            told.add(json.dumps(s.events(), sort_keys=True))
    with EventStore(tmp_path / "one_batch.db") as s:
        s.ingest(coded)
        told.add(json.dumps(s.events(), sort_keys=True))
    [events] = [json.loads(t) for t in told]
    assert [(e["event_date"], e["location"], e["sub_event_type"], e["doc_ids"], e["reports"]) for e in events] == [
        ("2019-03-10", "Hajīn", "Armed clash", ["chain_a", "chain_b", "chain_c"], 3),
        ("2019-03-23", "Al-Baghuz Fawqani", "Non-state actor overtakes territory", ["chain_d"], 1)]
    # the event's id and fields are those of its report with the smallest id (the clash with the Syrian Army here),
    # what that lacks filled from the others in id order, whichever came first
    by_id = sorted((c.events[0] for c in coded[:3]), key=lambda e: e.event_id_cnty)
    assert [e.doc_id for e in by_id] == ["chain_c", "chain_a", "chain_b"]
    assert (events[0]["event_id_cnty"], events[0]["actor1"], events[0]["actor2"]) == (
        by_id[0].event_id_cnty, "QSD: Syrian Democratic Forces", "Military Forces of Syria (2000-2024)")


def test_store_a_replaced_document_regroups_the_reports_left(tmp_path, coder):
    """A changed document's reports leave their events: what is left is grouped again, as if the documents had
    been stored as they are now in the first place."""
    import json
    first = chain_coded()
    for doc_id, parted in (("chain_a", [["chain_b", "chain_c"]]), ("chain_b", [["chain_a"], ["chain_c"]])):
        now = chain_coded(**{doc_id: "On 2 April 2019, SDF fighters fought in Hajin."})
        with EventStore(tmp_path / f"replaced_{doc_id}.db") as s, EventStore(tmp_path / f"new_{doc_id}.db") as new:
            s.ingest(first)
            report = s.ingest(now)
            new.ingest(now)
            assert (report.replaced, report.unchanged) == (1, 3)
            events = s.events(date_to="2019-03-10")
            assert sorted(e["doc_ids"] for e in events) == parted
            assert json.dumps(s.events(), sort_keys=True) == json.dumps(new.events(), sort_keys=True)


def test_store_query_actor_takes_wildcards_as_letters(store):
    ingest(store, Document(BAGHOUZ_1, id="b1"), Document("On 2 May 2017, the Syrian Army shelled Hajin.", id="saa"))
    assert len(store.events()) == 2
    assert store.events(actor="%") == [] and store.events(actor="_") == [] and store.events(actor="SD_") == []
    assert [(e["doc_ids"], e["actor1"]) for e in store.events(actor="SDF")] == [
        (["b1"], "QSD: Syrian Democratic Forces")]
    assert [e["doc_ids"] for e in store.events(actor="Syrian Army")] == [["saa"]]
