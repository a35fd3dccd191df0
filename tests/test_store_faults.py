"""store.py when things go wrong: a damaged file, a file not ours or of a newer schema, a read-only store, a full
disk in the middle of an ingest. Real SQLite files in tmp_path; the documents are written for these tests."""
import hashlib
import os
import shutil
import sqlite3

import pytest

from eventcoder.cli import main
from eventcoder.documents import Document
from eventcoder.pipeline import default_coder
from eventcoder.store import SCHEMA_VERSION, EventStore, StoreError

SDF_HAJIN = "On 14 December 2018, the SDF captured Hajin from ISIL after heavy fighting."
SAA_HAJIN = "On 2 May 2017, the Syrian Army shelled Hajin."
SDF_SUSAH = "On 29 October 2018, ISIL retook Susah from the SDF."
SDF_BAGHOUZ = ("On 20 March 2019, the SDF attacked ISIL in Baghouz.\n"
               "On 22 March 2019, coalition aircraft struck ISIL positions near Baghouz.\n"
               "On 23 March 2019, the SDF captured Baghouz from ISIL.")
DAMAGED = ("the store is damaged (database disk image is malformed): restore it from a copy, or code the documents "
           "again into a new store")


def code(*docs: Document):
    return list(default_coder().iter_code(list(docs)))


def make_store(path) -> list[dict]:
    """A store of three documents, closed (its WAL folded into the file); returns its events."""
    with EventStore(path) as s:
        s.ingest(code(Document(SDF_HAJIN, id="hajin"), Document(SAA_HAJIN, id="saa"),
                      Document(SDF_SUSAH, id="susah")))
        return s.events()


def digest(path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def overwrite_table(path, table: str) -> None:
    """Garbage over the first page of a table's b-tree, in the middle of the file."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    assert 1 < root < pages
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes(range(256)) * (page_size // 256))


# ------------------------------------------------------------ a damaged store


@pytest.mark.parametrize("table, problem", [
    ("events", "database disk image is malformed"),  # quick_check itself fails
    ("events_date", "quick_check: Page "),  # quick_check finds it
])
def test_store_a_damaged_store_is_refused_for_writing_and_left_as_it_is(tmp_path, coder, table, problem):
    db = tmp_path / "damaged.db"
    make_store(db)
    overwrite_table(db, table)
    before = digest(db)
    with pytest.raises(StoreError) as refused:
        EventStore(db)
    assert str(refused.value).startswith(f"{db}: the store is damaged ({problem}")
    assert str(refused.value).endswith("): restore it from a copy, or code the documents again into a new store")
    assert digest(db) == before and sorted(os.listdir(tmp_path)) == ["damaged.db"]


@pytest.mark.parametrize("table, queries", [
    ("events", [lambda s: s.events(), lambda s: s.stats("month"), lambda s: s.events(place="Hajin"),
                lambda s: s.events(actor="SDF", date_from="2018")]),
    ("control", [lambda s: s.control("Hajin"), lambda s: s.control_timelines()]),
])
def test_store_a_damaged_store_read_is_a_store_error_naming_the_file(tmp_path, coder, table, queries):
    db = tmp_path / "damaged.db"
    make_store(db)
    overwrite_table(db, table)
    with EventStore(db, create=False) as s:
        for query in queries:
            with pytest.raises(StoreError) as failed:
                query(s)
            assert str(failed.value) == f"{db}: {DAMAGED}"


@pytest.mark.parametrize("argv", [["query"], ["stats", "--by", "month"], ["report", "-o", "{tmp}/report.html"]])
def test_store_cli_on_a_damaged_store_says_so_in_one_line(tmp_path, coder, capsys, argv):
    db = tmp_path / "damaged.db"
    make_store(db)
    overwrite_table(db, "events")
    code_ = main([argv[0], "--db", str(db)] + [a.format(tmp=tmp_path) for a in argv[1:]])
    assert (code_, capsys.readouterr().err) == (1, f"eventcoder: error: {db}: {DAMAGED}\n")


def test_store_a_truncated_store_is_refused(tmp_path, coder):
    db = tmp_path / "truncated.db"
    make_store(db)
    db.write_bytes(db.read_bytes()[:3 * 4096 + 100])
    before = digest(db)
    for create in (True, False):
        with pytest.raises(StoreError) as refused:
            with EventStore(db, create=create) as s:
                s.events()
        assert str(refused.value) == f"{db}: {DAMAGED}"
    assert digest(db) == before and sorted(os.listdir(tmp_path)) == ["truncated.db"]


# ------------------------------------------------------------ files refused, read-only stores


def other_program(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not ours')")
    conn.commit()
    conn.close()


def other_program_in_wal_mode(path) -> None:
    other_program(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def newer_store(path) -> None:
    EventStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


@pytest.mark.parametrize("make, message", [
    (other_program, "an SQLite file, but not an eventcoder store"),
    (other_program_in_wal_mode, "an SQLite file, but not an eventcoder store"),
    (newer_store, f"made by a newer eventcoder (schema {SCHEMA_VERSION + 1}; this one reads up to {SCHEMA_VERSION}): "
                  "upgrade eventcoder"),
])
@pytest.mark.parametrize("create", [True, False])
def test_store_a_refused_file_is_not_changed_at_all(tmp_path, make, message, create):
    folder = tmp_path / "files"
    folder.mkdir()
    db = folder / "their.db"
    make(db)
    before, files = digest(db), sorted(os.listdir(folder))
    with pytest.raises(StoreError) as refused:
        EventStore(db, create=create)
    assert str(refused.value) == f"{db}: {message}"
    assert (digest(db), sorted(os.listdir(folder))) == (before, files) and files == ["their.db"]


def test_store_readers_open_the_file_read_only(tmp_path, coder):
    db = tmp_path / "events.db"
    events = make_store(db)
    with EventStore(db, create=False) as s:
        with pytest.raises(StoreError, match="attempt to write a readonly database"):
            s.conn.execute("DELETE FROM events")
        with pytest.raises(StoreError, match="opened read-only"):
            s.ingest(code(Document(SDF_BAGHOUZ, id="baghouz")))
        assert s.events() == events and len(events) == 3


def test_store_an_empty_file_is_no_store_to_read(tmp_path):
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreError) as refused:
        EventStore(tmp_path / "empty.db", create=False)
    assert str(refused.value) == (f"{tmp_path / 'empty.db'}: an empty file, not an eventcoder store (make one with "
                                  "`eventcoder extract ... --db FILE`)")
    assert (tmp_path / "empty.db").read_bytes() == b""


def chmod_bites(folder) -> bool:
    """Whether this process is held to a folder's permissions (root, as a rule, is not)."""
    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except PermissionError:
        return True
    finally:
        folder.chmod(0o755)
    (folder / "probe").unlink()
    return False


@pytest.mark.parametrize("folder_mode", [0o755, 0o555])
def test_store_a_store_we_may_not_write_can_be_queried(tmp_path, coder, folder_mode):
    folder = tmp_path / "readonly"
    folder.mkdir()
    if not chmod_bites(folder):
        pytest.skip("this process writes whatever the permissions say (root)")
    events = make_store(tmp_path / "events.db")
    db = folder / "events.db"
    shutil.copy(tmp_path / "events.db", db)
    db.chmod(0o444)
    folder.chmod(folder_mode)
    try:
        with EventStore(db, create=False) as s:
            assert s.events() == events and s.counts()["documents"] == 3
            assert [r["month"] for r in s.stats("month")] == ["2017-05", "2018-10", "2018-12"]
        with pytest.raises(StoreError) as refused:
            EventStore(db)
        assert str(refused.value) == (f"{db}: cannot store into it: the file is read-only (make it writable, or "
                                      "store into another file)")
    finally:
        folder.chmod(0o755)


# ------------------------------------------------------------ a full disk while storing


def test_store_a_full_disk_while_storing_rolls_the_batch_back(tmp_path, coder):
    db = tmp_path / "full.db"
    events = make_store(db)
    batch = code(Document(SDF_BAGHOUZ, id="baghouz"), Document(SDF_HAJIN.replace("14", "15"), id="hajin2"))
    with EventStore(db) as s:
        counts = s.counts()
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
        s.conn.execute(f"PRAGMA max_page_count = {pages + 1}")
        with pytest.raises(StoreError) as full:
            s.ingest(batch)
        assert str(full.value) == (f"{db}: disk full while storing 2 documents (baghouz, ...): the store is as it "
                                   "was after the last whole batch; free space and run again")
        assert (s.counts(), s.events()) == (counts, events)
        s.conn.execute("PRAGMA max_page_count = 1000000")  # space freed: the same batch stores
        report = s.ingest(batch)
        assert (report.added, report.reports) == (2, sum(len(c.events) for c in batch))
    with EventStore(db, create=False) as s:
        assert s.counts()["documents"] == 5 and len(s.events()) == len(events) + report.reports
        assert [e["doc_ids"] for e in s.events(place="Baghouz")] == [["baghouz"], ["baghouz"], ["baghouz"]]


def test_store_a_store_another_program_is_writing_into_is_a_store_error(tmp_path, coder):
    db = tmp_path / "busy.db"
    events = make_store(db)
    batch = code(Document(SDF_BAGHOUZ, id="baghouz"))
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with EventStore(db) as s:
            s.conn.execute("PRAGMA busy_timeout = 0")  # not the half minute a store waits for it
            with pytest.raises(StoreError) as busy:
                s.ingest(batch)
            assert str(busy.value) == (f"{db}: could not store 1 document (baghouz): the store is busy (database is "
                                       "locked): another program is writing into it; try again when it is done; the "
                                       "store is as it was after the last whole batch")
            assert s.events() == events
    finally:
        other.execute("ROLLBACK")
        other.close()
