"""The event store: one SQLite file with the documents coded, their reports of events, the events those reports
tell once merged across documents, the evidence and claims behind each, the actors and places named, control
claims and tolls over periods.

- Ingest is idempotent: a document already stored with the same content (and coder version) adds nothing; a
  changed one replaces its own reports, and the events they were merged into are rebuilt.
- Each batch of documents is one transaction, in WAL mode: a run killed at any moment leaves the file as it was
  after the last whole batch, and running the same command again codes only what is missing.
- An event is a connected component of the reports that tell the same event (`merge.same_event`, report against
  report, not against the event merged so far): the events, their ids and fields do not depend on the order the
  documents came in.
- The schema is versioned (`PRAGMA user_version`); opening a file of an older version migrates it in place, one
  transaction per step; a file of a newer version, or another program's, is refused and left exactly as it was.
- Readers open the file read-only (a store on a read-only disk or folder can be queried); a store opened to write
  is checked first (`PRAGMA quick_check`) and never written into when damaged. Every failure of SQLite (a damaged
  file, a full disk) is a `StoreError` naming the file, in one line.
- Queries find places and actors under any spelling: a place name is geocoded and matched to stored places
  nearby, an actor name is read through the actor registry's aliases.
"""
from __future__ import annotations

import calendar
import functools
import hashlib
import json
import math
import os
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, TypeVar

from .actors import ActorRegistry
from .control import TimelineRow, event_claims, timeline
from .documents import Document
from .errors import OptionError, StoreError
from .merge import SAME_PLACE_KM, merge_reports, same_event, same_place
from .model import CLAIM_KILLED, CodedDocument, ControlClaim
from .places import Gazetteer, distance_km, fold_name
from .version import __version__

APPLICATION = "eventcoder"
# step N brings a file from version N-1 to N; never edit a released step, add one
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, coder TEXT NOT NULL, title TEXT NOT NULL,
        source TEXT NOT NULL, url TEXT NOT NULL, date TEXT, chars INTEGER NOT NULL, reports INTEGER NOT NULL);
    CREATE TABLE reports (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, report_id TEXT NOT NULL,
        event_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (doc_id, report_id));
    CREATE INDEX reports_event ON reports(event_id);
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY, event_date TEXT NOT NULL, date_start TEXT NOT NULL, date_end TEXT NOT NULL,
        event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, actor1 TEXT NOT NULL, assoc_actor_1 TEXT NOT NULL,
        actor2 TEXT NOT NULL, assoc_actor_2 TEXT NOT NULL, iso3 TEXT NOT NULL, country TEXT NOT NULL,
        admin1 TEXT NOT NULL, location TEXT NOT NULL, place_key TEXT NOT NULL, latitude REAL, longitude REAL,
        fatalities INTEGER NOT NULL, reports INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE INDEX events_date ON events(date_start, date_end);
    CREATE INDEX events_place ON events(place_key);
    CREATE INDEX events_point ON events(latitude, longitude);
    CREATE TABLE evidence (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, report_id TEXT NOT NULL,
        char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text TEXT NOT NULL);
    CREATE INDEX evidence_report ON evidence(doc_id, report_id);
    CREATE TABLE claims (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, report_id TEXT NOT NULL,
        source TEXT NOT NULL, fatalities INTEGER, low INTEGER, high INTEGER, civilians INTEGER, combatants INTEGER,
        text TEXT NOT NULL);
    CREATE INDEX claims_report ON claims(doc_id, report_id);
    CREATE TABLE actors (name TEXT PRIMARY KEY, inter INTEGER, folded TEXT NOT NULL);
    CREATE TABLE places (
        place_key TEXT PRIMARY KEY, name TEXT NOT NULL, folded TEXT NOT NULL, iso3 TEXT NOT NULL,
        admin1 TEXT NOT NULL, latitude REAL, longitude REAL);
    CREATE INDEX places_folded ON places(folded);
    CREATE TABLE control (
        claim_id TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        report_id TEXT NOT NULL, place_key TEXT NOT NULL, place TEXT NOT NULL, date_start TEXT NOT NULL,
        date_end TEXT NOT NULL, controller TEXT NOT NULL, previous TEXT NOT NULL, kind TEXT NOT NULL,
        rule TEXT NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, evidence TEXT NOT NULL,
        PRIMARY KEY (doc_id, claim_id));
    CREATE INDEX control_place ON control(place_key, date_start);
    CREATE TABLE period_totals (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        source TEXT NOT NULL, total INTEGER NOT NULL, parts TEXT NOT NULL, period TEXT NOT NULL, as_of TEXT,
        char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (doc_id, seq));
    """,
    # a claim says what it counts: the dead ("killed"), or killed and wounded told as one figure, no toll of dead
    """
    ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT 'killed';
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
STATS_BY = ("month", "week", "actor", "type", "admin1")
DEFAULT_NEAR_KM = 10.0
# the index of stored reports an ingest finds a new report's matches in: the connection's own (TEMP), rebuilt when
# another connection has written since (PRAGMA data_version); rolled back with a batch that fails
REPORT_KEYS = """
    CREATE TEMP TABLE report_keys (
        doc_id TEXT NOT NULL, report_id TEXT NOT NULL, event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
        date_start TEXT NOT NULL, date_end TEXT NOT NULL, location TEXT NOT NULL, folded TEXT NOT NULL,
        latitude REAL, longitude REAL, actor1 TEXT NOT NULL, actor2 TEXT NOT NULL, PRIMARY KEY (doc_id, report_id));
    CREATE INDEX temp.report_keys_point ON report_keys(event_type, latitude);
    CREATE INDEX temp.report_keys_name ON report_keys(event_type, folded)
"""
KEY_FIELDS = ("event_type", "sub_event_type", "date_start", "date_end", "location", "latitude", "longitude",
              "actor1", "actor2")
DAMAGED = "the store is damaged ({}): restore it from a copy, or code the documents again into a new store"
_F = TypeVar("_F", bound=Callable)


def _problem(error: sqlite3.Error) -> str:
    """What a failure of SQLite means for the store, and what to do about it, in a few words."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code == sqlite3.SQLITE_CORRUPT:
        return DAMAGED.format(error)
    if code == sqlite3.SQLITE_NOTADB:
        return f"not an eventcoder store ({error})"
    if code == sqlite3.SQLITE_FULL:
        return f"the disk is full ({error}): free space and run again"
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return f"the store is busy ({error}): another program is writing into it; try again when it is done"
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN):
        return f"cannot use the file ({error}): check its permissions and its folder's"
    return f"the store cannot be read or written ({error})"


def _store_errors(method: _F) -> _F:
    """The method's sqlite3 errors as a StoreError naming the file; a ProgrammingError (a closed store, a
    statement given the wrong values) is ours to fix and stays what it is."""
    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.DatabaseError as e:
            raise StoreError(self.store_path, _problem(e)) from e
    return wrapped  # type: ignore[return-value]


class _Cursor(sqlite3.Cursor):
    """A cursor whose failures, when executed or read row by row, are StoreErrors (see `_Connection`)."""

    @property
    def store_path(self) -> Path:
        return self.connection.store_path

    execute = _store_errors(sqlite3.Cursor.execute)
    executemany = _store_errors(sqlite3.Cursor.executemany)
    fetchone = _store_errors(sqlite3.Cursor.fetchone)
    fetchmany = _store_errors(sqlite3.Cursor.fetchmany)
    fetchall = _store_errors(sqlite3.Cursor.fetchall)
    __next__ = _store_errors(sqlite3.Cursor.__next__)


class _Connection(sqlite3.Connection):
    """The store's connection: whatever query meets a damaged page, a full disk or a file it may not read, in the
    store's methods or a caller's own `store.conn.execute`, raises a StoreError naming the file, in one place."""

    store_path: Path

    def cursor(self, factory=None):  # type: ignore[override]
        return super().cursor(factory or _Cursor)

    def execute(self, sql: str, parameters=(), /) -> sqlite3.Cursor:  # type: ignore[override]
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters, /) -> sqlite3.Cursor:  # type: ignore[override]
        return self.cursor().executemany(sql, parameters)


def _connect(path: Path, mode: str) -> _Connection:
    """A connection to the file in `mode` ("ro", "rw", "rwc", or "ro&immutable=1"), its failures StoreErrors."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode={mode}", uri=True, isolation_level=None, timeout=30,
                           factory=_Connection)
    conn.store_path = path
    return conn


class NameReader(Protocol):
    """What the store reads names through: a gazetteer for places, a registry for actors (a `Coder` has both)."""

    gazetteer: Gazetteer
    registry: ActorRegistry


class _OwnNames:
    """The store's own gazetteer and registry, built on first use, when it is given no coder."""

    def __init__(self) -> None:
        self._gazetteer: Gazetteer | None = None
        self._registry: ActorRegistry | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer()
        return self._gazetteer

    @property
    def registry(self) -> ActorRegistry:
        if self._registry is None:
            self._registry = ActorRegistry()
        return self._registry


@dataclass
class IngestReport:
    """What one ingest did: documents added, replaced (changed since stored) and left as they were; the reports of
    events they gave, and how many of those joined an event another report already told."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    reports: int = 0
    merged: int = 0
    failed: int = 0  # documents that could not be coded: not stored, so a later run tries them again

    def __iadd__(self, other: "IngestReport") -> "IngestReport":
        for name in ("added", "replaced", "unchanged", "reports", "merged", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


def content_hash(doc: Document) -> str:
    """What a document's coding depends on: its text and what is known about it."""
    key = json.dumps([doc.text, doc.date.isoformat() if doc.date else None, doc.date_text, doc.title, doc.source,
                      doc.url, doc.kind], ensure_ascii=False)
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()


def place_key(iso3: str, name: str, latitude: float | None, longitude: float | None) -> str:
    point = f"{latitude:.3f},{longitude:.3f}" if latitude is not None and longitude is not None else ""
    return f"{iso3}:{fold_name(name)}:{point}"


class EventStore:
    """An eventcoder store file. `EventStore(path)` opens it to write, creating it if missing and migrating an
    older one; `EventStore(path, create=False)` opens an existing store to read, read-only (`readonly` says so
    apart from `create`: `create=False, readonly=False` writes into an existing store only). Use it as a context
    manager or call `close()`. Queries read place and actor names through `coder` (a `Coder`, or anything with a
    `gazetteer` and a `registry`); without one, the store builds its own on first use.

    A file that is not a store of ours, or of a newer schema, is refused and left exactly as it was; a store
    opened to write is checked first and refused when damaged. Every failure of SQLite is a `StoreError`."""

    def __init__(self, path: str | Path, *, create: bool = True, coder: NameReader | None = None,
                 readonly: bool | None = None) -> None:
        self.path = Path(path)
        self.readonly = not create if readonly is None else readonly
        if (not create or self.readonly) and not self.path.exists():
            raise StoreError(path, "no such store (make one with `eventcoder extract ... --db FILE`)")
        if self.path.is_dir():
            raise StoreError(path, "is a directory, not a store file")
        if not self.path.parent.is_dir():
            raise StoreError(path, f"no such folder: {self.path.parent}")
        self._keys_at: int | None = None  # the data_version at which the report index was last current
        self.conn = self._open_readonly() if self.readonly else self._open_writable(create=create)
        self.names: NameReader = coder if coder is not None else _OwnNames()

    def __enter__(self) -> "EventStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------ opening, schema

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _open_writable(self, *, create: bool) -> _Connection:
        """A connection to write with: the file checked to be ours, and whole, before anything is written into it
        (the switch to WAL mode rewrites its header), then in WAL mode and at the current schema."""
        existing = self.path.exists() and self.path.stat().st_size > 0
        if existing:
            with closing(self._peek()) as peek:
                self._check(peek)
        for what, target in (("file", self.path), ("folder", self.path.parent)):
            if target.exists() and not os.access(target, os.W_OK):  # SQLite would find out at the first write
                raise StoreError(self.path, f"cannot store into it: the {what} is read-only (make it writable, or "
                                            "store into another file)")
        conn = _connect(self.path, "rwc" if create else "rw")
        try:
            if existing:
                self._check(conn)
                found = conn.execute("PRAGMA quick_check").fetchone()[0]
                if found != "ok":
                    first = next(line for line in found.splitlines() + [found] if not line.startswith("***"))
                    raise StoreError(self.path, DAMAGED.format(f"quick_check: {first}"))
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            _migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_readonly(self) -> _Connection:
        """A read-only connection to a store of ours; one of an older schema is migrated first, where it can be
        written."""
        with closing(self._peek()) as peek:
            version = self._check(peek)
        if version < SCHEMA_VERSION:
            try:
                self._open_writable(create=False).close()
            except StoreError as e:
                raise StoreError(self.path, f"made by an older eventcoder (schema {version}), and it cannot be "
                                            f"upgraded here: {e.problem}") from None
        conn = self._connect_readonly()
        try:
            self._check(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _connect_readonly(self) -> _Connection:
        """Read-only; in a folder we may not write in (a read-only disk, say), where SQLite cannot make the WAL's
        files beside the store, the file is read as one nobody is writing into (`immutable`): no one can be."""
        conn = _connect(self.path, "ro")
        try:
            conn.execute("PRAGMA user_version")  # the file (and its WAL's files) is opened at the first read
            return conn
        except StoreError:
            conn.close()
            if os.access(self.path.parent, os.W_OK):
                raise
        return _connect(self.path, "ro&immutable=1")

    def _peek(self) -> _Connection:
        """A look at the file that changes nothing, not even the WAL's files beside it: immutable while there is no
        WAL file (then no one is writing into it), else read-only."""
        if self.path.with_name(self.path.name + "-wal").exists():
            return self._connect_readonly()
        return _connect(self.path, "ro&immutable=1")

    def _check(self, conn: _Connection) -> int:
        """The file's schema version, once it is known to be a store of ours that this eventcoder can read."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(self.path, f"made by a newer eventcoder (schema {version}; this one reads up to "
                                        f"{SCHEMA_VERSION}): upgrade eventcoder")
        if version == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            if tables:
                raise StoreError(self.path, "an SQLite file, but not an eventcoder store")
            if self.readonly:
                raise StoreError(self.path, "an empty file, not an eventcoder store (make one with `eventcoder "
                                            "extract ... --db FILE`)")
        elif _meta(conn, "application") != APPLICATION:
            raise StoreError(self.path, "an SQLite file, but not an eventcoder store")
        return version

    # ------------------------------------------------------------ ingest

    def is_current(self, doc: Document) -> bool:
        """Whether the document is stored as it is now, by this version of eventcoder (then it need not be coded)."""
        row = self.conn.execute("SELECT content_hash, coder FROM documents WHERE doc_id = ?", (doc.id,)).fetchone()
        return row is not None and row == (content_hash(doc), __version__)

    def ingest(self, coded: Iterable[CodedDocument]) -> IngestReport:
        """Store a batch of coded documents in one transaction: all of it is stored, or none. A failure of SQLite
        (a full disk) is a StoreError, the batch rolled back: the store is as it was after the last whole batch."""
        if self.readonly:
            raise StoreError(self.path, "opened read-only (create=False): open it with EventStore(path) to store")
        report = IngestReport()
        batch = list(coded)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self._index_reports()
            touched = _Touched()
            for cd in batch:
                report += self._ingest_one(cd, touched)
            self._regroup(touched)
            self.conn.execute("COMMIT")
        except BaseException as e:
            _roll_back(self.conn)
            self._keys_at = None  # the report index rolled back with the batch, or may have: made again
            cause = e.__cause__ if isinstance(e, StoreError) else e
            if isinstance(cause, sqlite3.Error):
                raise StoreError(self.path, _batch_failure(cause, [cd.document.id for cd in batch])) from cause
            raise
        return report

    def ingest_stream(self, coded: Iterable[CodedDocument], *, batch_size: int = 16) -> Iterator[IngestReport]:
        """Store coded documents batch by batch, one transaction each; yields each batch's report."""
        if batch_size < 1:
            raise OptionError("batch_size", "must be at least 1")
        batch: list[CodedDocument] = []
        for cd in coded:
            batch.append(cd)
            if len(batch) >= batch_size:
                yield self.ingest(batch)
                batch = []
        if batch:
            yield self.ingest(batch)

    def _ingest_one(self, cd: CodedDocument, touched: "_Touched") -> IngestReport:
        doc = cd.document
        report = IngestReport()
        digest = content_hash(doc)
        row = self.conn.execute("SELECT content_hash, coder FROM documents WHERE doc_id = ?", (doc.id,)).fetchone()
        if row == (digest, __version__):
            report.unchanged = 1
            return report
        if row is not None:
            touched.split |= self._remove_document(doc.id)
            report.replaced = 1
        else:
            report.added = 1
        self.conn.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                          (doc.id, digest, __version__, doc.title, doc.source, doc.url,
                           doc.date.isoformat() if doc.date else None, len(doc.text), len(cd.events)))
        found: list[tuple[tuple[str, str], list[tuple[str, str]]]] = []  # each new report, the stored it matches
        for seq, e in enumerate(cd.events):
            data = e.to_dict()
            data["iso3"] = e.iso3  # the store's own key for a country; not one of the output columns
            self._remember_names(data)
            report.reports += 1
            key = (doc.id, data["event_id_cnty"])
            # an event of its own until the batch is regrouped
            added = self.conn.execute("INSERT OR IGNORE INTO reports VALUES (?,?,?,?,?)",
                                      (doc.id, key[1], key[1], seq, json.dumps(data, ensure_ascii=False))).rowcount
            if added:
                found.append((key, self._matching_reports(data)))
                touched.new.append(key)
                self.conn.execute("INSERT INTO temp.report_keys VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                                  _key_row(doc.id, data))
            self.conn.executemany("INSERT INTO evidence VALUES (?,?,?,?,?)",
                                  [(doc.id, key[1], ev["char_start"], ev["char_end"], ev["text"])
                                   for ev in data["evidence"]])
            self.conn.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?)",
                                  [(doc.id, key[1], c["source"], c["fatalities"], c["low"],
                                    c["high"], c.get("civilians"), c.get("combatants"), c["text"],
                                    c.get("kind", CLAIM_KILLED)) for c in data["claims"]])
        for key, matches in unambiguous_links(found):
            report.merged += bool(matches)
            touched.links += [(key, m) for m in matches]
        for claim in event_claims(cd.events) + list(cd.control_claims):
            self._store_claim(claim)
        for seq, total in enumerate(cd.casualty_totals):
            row = total.as_dict()
            self.conn.execute("INSERT INTO period_totals VALUES (?,?,?,?,?,?,?,?,?,?)",
                              (doc.id, seq, row["source"], row["total"], json.dumps(row["parts"], ensure_ascii=False),
                               row["period"], row["as_of"], row["evidence"]["char_start"],
                               row["evidence"]["char_end"], row["evidence"]["text"]))
        return report

    def _remove_document(self, doc_id: str) -> set[str]:
        """Delete a document and all it gave; returns the events its reports were part of, to regroup."""
        affected = {r[0] for r in self.conn.execute("SELECT event_id FROM reports WHERE doc_id = ?", (doc_id,))}
        self.conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))  # cascades to what it gave
        self.conn.execute("DELETE FROM temp.report_keys WHERE doc_id = ?", (doc_id,))
        return affected

    def _index_reports(self) -> None:
        """Make the index of stored reports (`REPORT_KEYS`) current: built at the first batch, and again when
        another connection has written into the store since this one last did."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version == self._keys_at:
            return
        self.conn.execute("DROP TABLE IF EXISTS temp.report_keys")
        for statement in _statements(REPORT_KEYS):
            self.conn.execute(statement)
        rows = self.conn.execute("SELECT doc_id, data FROM reports")
        self.conn.executemany("INSERT OR IGNORE INTO temp.report_keys VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                              (_key_row(doc_id, json.loads(data)) for doc_id, data in rows))
        self._keys_at = version

    def _matching_reports(self, data: dict) -> list[tuple[str, str]]:
        """(doc_id, report_id) of every stored report that tells the same event as this one (`same_event`): of its
        type, days overlapping, a point within a few km or, where either has no point, a place of the same name."""
        sql = (f"SELECT doc_id, report_id, {', '.join(KEY_FIELDS)} FROM temp.report_keys WHERE event_type = ? "
               "AND date_start <= ? AND date_end >= ? AND ")
        args = [data["event_type"], data["date_end"], data["date_start"]]
        folded = fold_name(data["location"] or "")
        lat, lon = data["latitude"], data["longitude"]
        if lat is None or lon is None:
            rows = self.conn.execute(sql + "folded = ?", args + [folded]).fetchall()
        else:
            pad = SAME_PLACE_KM / 100  # degrees of latitude, generously: 0.03 degrees is 3.3 km
            lon_pad = pad / max(math.cos(math.radians(min(abs(lat) + pad, 90.0))), 0.01)
            rows = self.conn.execute(sql + "latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
                                     args + [lat - pad, lat + pad, lon - lon_pad, lon + lon_pad]).fetchall()
            rows += self.conn.execute(sql + "latitude IS NULL AND folded = ?", args + [folded]).fetchall()
        return [(r[0], r[1]) for r in rows if same_event(dict(zip(KEY_FIELDS, r[2:])), data)]

    def _regroup(self, touched: "_Touched") -> None:
        """Make again every event the batch touched, each a connected component of reports under `same_event`
        (report against report): a new report joins every event with a report it matches, and they become one;
        the reports left in an event that lost some are grouped again, and may part. Each event is then merged
        from its reports in id order (`merge_reports`): none of it depends on the order documents came in."""
        labels = set(touched.split)  # the events touched, by their ids before the batch (a new report: its own)
        new, new_labels = set(touched.new), set()
        for key in sorted(new | {stored for _, stored in touched.links}):
            row = self.conn.execute("SELECT event_id FROM reports WHERE doc_id = ? AND report_id = ?", key).fetchone()
            if row is not None:  # not since removed, its document replaced again in the batch
                labels.add(row[0])
                if key in new:
                    new_labels.add(row[0])
        reports: dict[tuple[str, str], dict] = {}
        in_label: dict[str, list[tuple[str, str]]] = {}
        ordered = sorted(labels)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            for doc_id, report_id, event_id, data in self.conn.execute(
                    f"SELECT doc_id, report_id, event_id, data FROM reports WHERE event_id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                reports[(doc_id, report_id)] = json.loads(data)
                in_label.setdefault(event_id, []).append((doc_id, report_id))
        parts = _Partition(reports)
        for label, keys in in_label.items():
            if label in touched.split or label in new_labels:  # which of them still tell one event is to be seen
                for component in _components([reports[k] for k in keys], keys):
                    parts.join([keys[i] for i in component])
            else:  # an event untouched but for reports joining it: its reports are one component still
                parts.join(keys)
        for added, stored in touched.links:
            if added in reports and stored in reports:
                parts.join([added, stored])
        self.conn.executemany("DELETE FROM events WHERE event_id = ?", [(label,) for label in ordered])
        for keys in parts.groups():
            keys.sort(key=lambda k: (k[1], k[0]))
            event = merge_reports([reports[k] for k in keys])
            self._write_event(event)
            self.conn.executemany("UPDATE reports SET event_id = ? WHERE doc_id = ? AND report_id = ? AND "
                                  "event_id != ?", [(event["event_id_cnty"], d, r, event["event_id_cnty"])
                                                    for d, r in keys])

    def _write_event(self, event: dict) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (event["event_id_cnty"], event["event_date"], event["date_start"], event["date_end"],
             event["event_type"], event["sub_event_type"], event["actor1"], event["assoc_actor_1"], event["actor2"],
             event["assoc_actor_2"], event["iso3"] or "", event["country"], event["admin1"], event["location"],
             place_key(event["iso3"] or "", event["location"], event["latitude"], event["longitude"]),
             event["latitude"], event["longitude"], event["fatalities"], event["reports"],
             json.dumps(event, ensure_ascii=False)))

    def _remember_names(self, data: dict) -> None:
        for name, inter in ((data["actor1"], data["inter1"]), (data["actor2"], data["inter2"])):
            if name:
                self.conn.execute("INSERT OR IGNORE INTO actors VALUES (?,?,?)", (name, inter, fold_name(name)))
        self._remember_place(data["iso3"] or "", data["location"], data["admin1"], data["latitude"],
                             data["longitude"])

    def _remember_place(self, iso3: str, name: str, admin1: str, latitude, longitude) -> str:
        key = place_key(iso3, name, latitude, longitude)
        self.conn.execute("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?)",
                          (key, name, fold_name(name), iso3, admin1, latitude, longitude))
        return key

    def _store_claim(self, claim: ControlClaim) -> None:
        key = self._remember_place(claim.iso3, claim.place, claim.admin1, claim.latitude, claim.longitude)
        self.conn.execute("INSERT OR IGNORE INTO control VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          (claim.claim_id, claim.doc_id, claim.event_id, key, claim.place, claim.date_start,
                           claim.date_end, claim.controller, claim.previous, claim.kind, claim.rule,
                           claim.evidence.char_start, claim.evidence.char_end, claim.evidence.text))

    # ------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        """How many documents, reports, events, control claims and places the store holds."""
        out = {}
        for table in ("documents", "reports", "events", "control", "places", "actors"):
            out[table] = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    def events(self, *, place: str | None = None, near: tuple[float, float] | None = None, km: float | None = None,
               actor: str | None = None, event_type: str | None = None, date_from: str | None = None,
               date_to: str | None = None, country: str | None = None) -> list[dict]:
        """The stored events that meet every filter given, in date order; each as its JSON dict, with the ids of
        the documents that told it and their evidence."""
        found = self._place_and_window(place, date_from, date_to)
        if found is None:
            return []
        where, args = found
        if event_type:
            where.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
            args += [event_type, event_type]
        if country:
            where.append("(iso3 = ? OR lower(country) = lower(?))")
            args += [self._iso3(country), country]
        if actor:
            patterns = self.actor_patterns(actor)
            if not patterns:
                return []
            where.append("(" + " OR ".join(f"lower({col}) LIKE ? ESCAPE '\\'" for _ in patterns
                                           for col in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")) + ")")
            args += [p for p in patterns for _ in range(4)]
        sql = "SELECT data, latitude, longitude FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date_start, date_end, event_id"
        out = []
        radius = km if km is not None else DEFAULT_NEAR_KM
        for data, lat, lon in self.conn.execute(sql, args):
            if near is not None and (lat is None or distance_km(near, (lat, lon)) > radius):
                continue
            out.append(json.loads(data))
        return out

    def _place_and_window(self, place: str | None, date_from: str | None,
                          date_to: str | None) -> tuple[list[str], list] | None:
        """SQL conditions on `place_key`, `date_start` and `date_end` (events and control claims have all three)
        for a place under any spelling and a window of dates; None when no stored place has that name."""
        where, args = [], []
        if place is not None:
            keys = self.place_keys(place)
            if not keys:
                return None
            where.append(f"place_key IN ({','.join('?' * len(keys))})")
            args += sorted(keys)
        if date_from:
            where.append("date_end >= ?")
            args.append(_day(date_from, first=True))
        if date_to:
            where.append("date_start <= ?")
            args.append(_day(date_to, first=False))
        return where, args

    def place_keys(self, name: str) -> set[str]:
        """The stored places a name means, under any spelling: those whose name folds the same, and those within a
        few km of where the gazetteer puts the name (Baghouz, al-Baghuz Fawqani and Baghuz are one village)."""
        folded = fold_name(name)
        keys = {r[0] for r in self.conn.execute("SELECT place_key FROM places WHERE folded = ?", (folded,))}
        entry = self._geocode(name)
        if entry is not None:
            pad = SAME_PLACE_KM / 100
            here = {"location": entry.name, "latitude": entry.latitude, "longitude": entry.longitude}
            for key, place, lat, lon in self.conn.execute(
                    "SELECT place_key, name, latitude, longitude FROM places WHERE latitude BETWEEN ? AND ? "
                    "AND longitude BETWEEN ? AND ?", (entry.latitude - pad, entry.latitude + pad,
                                                      entry.longitude - 2 * pad, entry.longitude + 2 * pad)):
                if same_place(here, {"location": place, "latitude": lat, "longitude": lon}):
                    keys.add(key)
        return keys

    def _geocode(self, name: str):
        gazetteer = self.gazetteer
        iso2_of = {c.iso3: c.iso2 for c in gazetteer.countries.values()}
        weights = {}
        for iso3, n in self.conn.execute("SELECT iso3, count(*) FROM places GROUP BY iso3"):
            if iso3 in iso2_of:
                weights[iso2_of[iso3]] = n
        total = sum(weights.values()) or 1
        found = gazetteer.geocode(name, countries={k: v / total for k, v in weights.items()})
        entry = found.entry
        return None if entry is None or entry.is_area else entry

    @property
    def gazetteer(self) -> Gazetteer:
        return self.names.gazetteer

    def actor_patterns(self, name: str) -> list[str]:
        """LIKE patterns (lower case, `\\` their escape character) for the stored names of an actor named any way
        the registry knows: "ISIS", "Daesh" and "IS" all find "Islamic State"; "the Syrian Army" finds "Military
        Forces of Syria (2000-2024)". The name itself is found inside a stored name as typed: its % and _ are
        letters, not wildcards."""
        registry = self.names.registry
        typed = name.strip().lower()
        patterns = {f"%{_like_literal(typed)}%"} if typed else set()
        for m in registry.find(name):
            for a in {m.actor, registry.coded(m.actor)[0]}:
                patterns.update(p.replace("\\", "\\\\") for p in registry.name_patterns(a))
        return sorted(patterns)

    def _iso3(self, country: str) -> str:
        c = self.gazetteer.country(country.upper()) if len(country) == 2 else None
        return c.iso3 if c else country.upper()

    def stats(self, by: str) -> list[dict]:
        """Events and fatalities per month, ISO week, actor (either side), event type or admin1 area."""
        if by not in STATS_BY:
            raise OptionError("by", f"must be one of {', '.join(STATS_BY)}")
        groups: dict[str, list[int]] = {}
        rows = self.conn.execute("SELECT event_date, actor1, actor2, event_type, admin1, country, fatalities "
                                 "FROM events ORDER BY event_date, event_id")
        for event_date, actor1, actor2, event_type, admin1, country, fatalities in rows:
            if by == "month":
                keys = [event_date[:7]]
            elif by == "week":
                y, w, _ = date.fromisoformat(event_date).isocalendar()
                keys = [f"{y}-W{w:02d}"]
            elif by == "actor":
                keys = sorted({a for a in (actor1, actor2) if a})
            elif by == "type":
                keys = [event_type]
            else:
                keys = [f"{admin1 or '(unknown)'}, {country}" if country else admin1 or "(unknown)"]
            for key in keys:
                g = groups.setdefault(key, [0, 0])
                g[0] += 1
                g[1] += fatalities
        ordered = sorted(groups.items()) if by in ("month", "week") else sorted(
            groups.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return [{by: key, "events": n, "fatalities": f} for key, (n, f) in ordered]

    def period_totals(self) -> list[dict]:
        """The tolls over a period its documents report ("since 10 September, 922 had died"), in document order:
        no event's dead, so `stats` and the report count them apart from the events' fatalities."""
        rows = self.conn.execute("SELECT doc_id, seq, source, total, parts, period, as_of, char_start, char_end, text "
                                 "FROM period_totals ORDER BY doc_id, seq")
        return [{"doc_id": doc_id, "source": source, "total": total, "parts": json.loads(parts), "period": period,
                 "as_of": as_of or "", "char_start": start, "char_end": end, "evidence": text}
                for doc_id, _, source, total, parts, period, as_of, start, end, text in rows]

    def control(self, place: str) -> list[TimelineRow]:
        """The control timeline of the place a name means, in date order, every claim kept."""
        keys = self.place_keys(place)
        if not keys:
            return []
        return timeline(self._control_claims(f"c.place_key IN ({','.join('?' * len(keys))})", sorted(keys)))

    def control_timelines(self, *, place: str | None = None, country: str | None = None,
                          date_from: str | None = None, date_to: str | None = None,
                          doc_id: str | None = None) -> list[list[TimelineRow]]:
        """The control timeline of every stored place with a claim that meets the filters (a place name under any
        spelling, a country, claims in a window of dates, one document's claims only), most claims first. A
        place's timeline keeps all its rows, before and after the window too: who held it when the window opens
        is part of its story."""
        found = self._place_and_window(place, date_from, date_to)
        if found is None:
            return []
        where, args = found
        if country:
            where.append("place_key LIKE ?")
            args.append(self._iso3(country) + ":%")
        if doc_id is not None:
            where.append("doc_id = ?")
            args.append(doc_id)
        sql = "SELECT DISTINCT place_key FROM control" + (" WHERE " + " AND ".join(where) if where else "")
        keys = sorted(r[0] for r in self.conn.execute(sql, args))
        by_place: dict[str, list[dict]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            where = f"c.place_key IN ({','.join('?' * len(chunk))})" + (" AND c.doc_id = ?" if doc_id else "")
            for claim in self._control_claims(where, chunk + ([doc_id] if doc_id else [])):
                by_place.setdefault(claim.pop("place_key"), []).append(claim)
        timelines = [timeline(claims) for _, claims in sorted(by_place.items())]
        return sorted(timelines, key=lambda rows: (-len(rows), rows[0].place))

    def _control_claims(self, where: str, args: list) -> list[dict]:
        rows = self.conn.execute(
            "SELECT c.claim_id, c.doc_id, c.place, c.date_start, c.date_end, c.controller, c.previous, c.kind, "
            "c.rule, c.char_start, c.char_end, c.evidence, r.event_id, c.place_key FROM control c LEFT JOIN reports r "
            f"ON r.doc_id = c.doc_id AND r.report_id = c.report_id WHERE {where}", args)
        return [{"claim_id": r[0], "doc_id": r[1], "place": r[2], "date_start": r[3], "date_end": r[4],
                 "controller": r[5], "previous": r[6], "kind": r[7], "rule": r[8],
                 "evidence": {"char_start": r[9], "char_end": r[10], "text": r[11]}, "event_id": r[12] or "",
                 "place_key": r[13]} for r in rows]


@dataclass
class _Touched:
    """What a batch changed in the grouping of reports into events, regrouped once at its end."""

    new: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, report_id) of the reports added
    links: list[tuple[tuple[str, str], tuple[str, str]]] = field(default_factory=list)  # (added, a match stored)
    split: set[str] = field(default_factory=set)  # events that lost reports (their documents replaced)


class _Partition:
    """Union-find over reports: which of them are one event."""

    def __init__(self, keys: Iterable[tuple[str, str]]) -> None:
        self._parent = {k: k for k in keys}

    def _root(self, key: tuple[str, str]) -> tuple[str, str]:
        while self._parent[key] != key:
            self._parent[key] = key = self._parent[self._parent[key]]
        return key

    def join(self, keys: list[tuple[str, str]]) -> None:
        first = self._root(keys[0])
        for k in keys[1:]:
            self._parent[self._root(k)] = first

    def groups(self) -> list[list[tuple[str, str]]]:
        out: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for k in self._parent:
            out.setdefault(self._root(k), []).append(k)
        return sorted(out.values())


def unambiguous_links(found: list[tuple[tuple[str, str], list[tuple[str, str]]]]
                      ) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """The links to keep of one document's reports, each with the (doc_id, report_id) of the reports it matches
    (`same_event`): a report of the same document is no match (its own merging kept them apart), and a match is
    no link when the report matches two of that other document's reports, or that report is matched by two of
    this document's. A vague report ("clashes in Aleppo in August") would otherwise glue into one the events
    another document told apart (5 and 7 August). The rule looks only at the two documents, so the events do not
    depend on which came first.

    >>> a, b, v = ("d1", "a"), ("d1", "b"), ("d2", "v")
    >>> unambiguous_links([(v, [a, b])]), unambiguous_links([(v, [a])])
    ([(('d2', 'v'), [])], [(('d2', 'v'), [('d1', 'a')])])
    """
    this_doc = found[0][0][0] if found else ""
    matched_by = Counter(m for _, matches in found for m in set(matches))
    out = []
    for key, matches in found:
        per_doc = Counter(m[0] for m in set(matches))
        out.append((key, sorted({m for m in matches if m[0] != this_doc and per_doc[m[0]] == 1
                                 and matched_by[m] == 1})))
    return out


def _components(reports: list[dict], keys: list[tuple[str, str]]) -> list[list[int]]:
    """The connected components of reports (their (doc_id, report_id) `keys`) under `unambiguous_links`, as lists
    of their indexes."""
    index = {key: i for i, key in enumerate(keys)}
    found: dict[str, list[tuple[tuple[str, str], list[tuple[str, str]]]]] = {}
    for i, key in enumerate(keys):
        matches = [keys[j] for j in range(len(keys)) if j != i and same_event(reports[i], reports[j])]
        found.setdefault(key[0], []).append((key, matches))
    links: list[set[int]] = [set() for _ in keys]
    for one_document in found.values():
        for key, kept in unambiguous_links(one_document):
            for match in kept:
                links[index[key]].add(index[match])
                links[index[match]].add(index[key])
    unreached = set(range(len(keys)))
    out = []
    while unreached:
        seed = min(unreached)
        unreached.discard(seed)
        component, queue = [seed], [seed]
        while queue:
            i = queue.pop()
            linked = sorted(links[i] & unreached)
            unreached.difference_update(linked)
            component += linked
            queue += linked
        out.append(sorted(component))
    return out


def _key_row(doc_id: str, data: dict) -> tuple:
    """A report's row in the index of reports (`REPORT_KEYS`)."""
    return (doc_id, data["event_id_cnty"], data["event_type"], data["sub_event_type"], data["date_start"],
            data["date_end"], data["location"] or "", fold_name(data["location"] or ""), data["latitude"],
            data["longitude"], data["actor1"] or "", data["actor2"] or "")


def _batch_failure(error: sqlite3.Error, doc_ids: list[str]) -> str:
    """Why a batch could not be stored, and what to do, in one line."""
    what = (f"{len(doc_ids)} document{'s' if len(doc_ids) != 1 else ''}"
            + (f" ({doc_ids[0]}{', ...' if len(doc_ids) > 1 else ''})" if doc_ids else ""))
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code == sqlite3.SQLITE_CORRUPT:
        return DAMAGED.format(error)
    if code == sqlite3.SQLITE_FULL:
        return (f"disk full while storing {what}: the store is as it was after the last whole batch; free space "
                "and run again")
    return f"could not store {what}: {_problem(error)}; the store is as it was after the last whole batch"


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a store (or an empty file) to the current schema, one transaction per step: a step is done or not;
    executescript would commit statement by statement."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for step in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('application', ?)", (APPLICATION,))
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            _roll_back(conn)
            raise


def _roll_back(conn: sqlite3.Connection) -> None:
    """Roll back the transaction in hand, if SQLite has not already (it does on a full disk): a rollback that fails
    must not hide the error that called for it."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except (StoreError, sqlite3.Error):
            pass


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    exists = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()[0]
    if not exists:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _day(text: str, *, first: bool) -> str:
    """A date bound from YYYY, YYYY-MM or YYYY-MM-DD: the first or last day it covers."""
    parts = text.strip().split("-")
    try:
        if len(parts) == 1:
            d = date(int(parts[0]), 1, 1) if first else date(int(parts[0]), 12, 31)
        elif len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            d = date(y, m, 1) if first else date(y, m, calendar.monthrange(y, m)[1])
        else:
            d = date.fromisoformat(text.strip())
    except ValueError:
        raise OptionError(None, f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return d.isoformat()


def _like_literal(text: str) -> str:
    """Text matched as it is by LIKE ... ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
