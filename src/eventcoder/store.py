"""The event store: one SQLite file with the documents coded, their reports of events, the events those reports
tell once merged across documents, the evidence and claims behind each, the actors and places named, control
claims and tolls over periods.

- Ingest is idempotent: a document already stored with the same content (and coder version) adds nothing; a
  changed one replaces its own reports, and the events they were merged into are rebuilt.
- Each batch of documents is one transaction, in WAL mode: a run killed at any moment leaves the file as it was
  after the last whole batch, and running the same command again codes only what is missing.
- The schema is versioned (`PRAGMA user_version`); opening a file of an older version migrates it in place, one
  transaction per step; a file of a newer version is refused rather than damaged.
- Queries find places and actors under any spelling: a place name is geocoded and matched to stored places
  nearby, an actor name is read through the actor registry's aliases.
"""
from __future__ import annotations

import calendar
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Protocol

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
    """An eventcoder store file. `EventStore(path)` creates it if missing (unless `create=False`) and migrates an
    older one; use it as a context manager or call `close()`. Queries read place and actor names through `coder`
    (a `Coder`, or anything with a `gazetteer` and a `registry`); without one, the store builds its own on first
    use."""

    def __init__(self, path: str | Path, *, create: bool = True, coder: NameReader | None = None) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(path, "no such store (make one with `eventcoder extract ... --db FILE`)")
        if self.path.is_dir():
            raise StoreError(path, "is a directory, not a store file")
        if not self.path.parent.is_dir():
            raise StoreError(path, f"no such folder: {self.path.parent}")
        try:
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(path, f"not an eventcoder store ({e})") from None
        self.names: NameReader = coder if coder is not None else _OwnNames()

    def __enter__(self) -> "EventStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------ schema

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.version
        if version > SCHEMA_VERSION:
            raise StoreError(self.path, f"made by a newer eventcoder (schema {version}; this one reads up to "
                                        f"{SCHEMA_VERSION}): upgrade eventcoder")
        if version == 0:
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            if tables:
                raise StoreError(self.path, "an SQLite file, but not an eventcoder store")
        elif self._meta("application") != APPLICATION:
            raise StoreError(self.path, "an SQLite file, but not an eventcoder store")
        for step in range(version, SCHEMA_VERSION):
            # one transaction per step: a step is done or not; executescript would commit statement by statement
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[step]):
                    self.conn.execute(statement)
                self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('application', ?)", (APPLICATION,))
                self.conn.execute(f"PRAGMA user_version = {step + 1}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def _meta(self, key: str) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    # ------------------------------------------------------------ ingest

    def is_current(self, doc: Document) -> bool:
        """Whether the document is stored as it is now, by this version of eventcoder (then it need not be coded)."""
        row = self.conn.execute("SELECT content_hash, coder FROM documents WHERE doc_id = ?", (doc.id,)).fetchone()
        return row is not None and row == (content_hash(doc), __version__)

    def ingest(self, coded: Iterable[CodedDocument]) -> IngestReport:
        """Store a batch of coded documents in one transaction: all of it is stored, or none."""
        report = IngestReport()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for cd in coded:
                report += self._ingest_one(cd)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
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

    def _ingest_one(self, cd: CodedDocument) -> IngestReport:
        doc = cd.document
        report = IngestReport()
        digest = content_hash(doc)
        row = self.conn.execute("SELECT content_hash, coder FROM documents WHERE doc_id = ?", (doc.id,)).fetchone()
        if row == (digest, __version__):
            report.unchanged = 1
            return report
        affected: set[str] = set()
        if row is not None:
            affected = self._remove_document(doc.id)
            report.replaced = 1
        else:
            report.added = 1
        self.conn.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                          (doc.id, digest, __version__, doc.title, doc.source, doc.url,
                           doc.date.isoformat() if doc.date else None, len(doc.text), len(cd.events)))
        self._rebuild(affected)
        for seq, e in enumerate(cd.events):
            data = e.to_dict()
            data["iso3"] = e.iso3  # the store's own key for a country; not one of the output columns
            self._remember_names(data)
            event_id = self._matching_event(data)
            if event_id is not None:
                report.merged += 1
            report.reports += 1
            self.conn.execute("INSERT OR IGNORE INTO reports VALUES (?,?,?,?,?)",
                              (doc.id, data["event_id_cnty"], event_id or data["event_id_cnty"], seq,
                               json.dumps(data, ensure_ascii=False)))
            self.conn.executemany("INSERT INTO evidence VALUES (?,?,?,?,?)",
                                  [(doc.id, data["event_id_cnty"], ev["char_start"], ev["char_end"], ev["text"])
                                   for ev in data["evidence"]])
            self.conn.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?)",
                                  [(doc.id, data["event_id_cnty"], c["source"], c["fatalities"], c["low"],
                                    c["high"], c.get("civilians"), c.get("combatants"), c["text"],
                                    c.get("kind", CLAIM_KILLED)) for c in data["claims"]])
            self._rebuild({event_id or data["event_id_cnty"]})
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
        """Delete a document and all it gave; returns the events its reports were part of, to rebuild."""
        affected = {r[0] for r in self.conn.execute("SELECT event_id FROM reports WHERE doc_id = ?", (doc_id,))}
        self.conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))  # cascades to what it gave
        return affected

    def _matching_event(self, data: dict) -> str | None:
        """The stored event this report tells, if one is: same type, overlapping days, a point within a few km."""
        if data["latitude"] is None:
            rows = self.conn.execute(
                "SELECT event_id, data FROM events WHERE event_type = ? AND date_start <= ? AND date_end >= ? "
                "AND location = ? ORDER BY event_id", (data["event_type"], data["date_end"], data["date_start"],
                                                       data["location"]))
        else:
            pad = SAME_PLACE_KM / 100  # degrees, generously: 0.03 degrees of latitude is 3.3 km
            rows = self.conn.execute(
                "SELECT event_id, data FROM events WHERE event_type = ? AND date_start <= ? AND date_end >= ? "
                "AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? ORDER BY event_id",
                (data["event_type"], data["date_end"], data["date_start"], data["latitude"] - pad,
                 data["latitude"] + pad, data["longitude"] - 2 * pad, data["longitude"] + 2 * pad))
        for event_id, stored in rows:
            if same_event(json.loads(stored), data):
                return event_id
        return None

    def _rebuild(self, event_ids: set[str]) -> None:
        """Make each event again from the reports now in it: gone when none are left; its id the smallest of its
        reports' ids, so it does not depend on the order documents came in."""
        for event_id in sorted(event_ids):
            reports = [json.loads(r[0]) for r in self.conn.execute(
                "SELECT data FROM reports WHERE event_id = ? ORDER BY report_id", (event_id,))]
            self.conn.execute("DELETE FROM events WHERE event_id = ?", (event_id,))
            if not reports:
                continue
            event = merge_reports(reports)
            new_id = event["event_id_cnty"]
            if new_id != event_id:
                self.conn.execute("UPDATE reports SET event_id = ? WHERE event_id = ?", (new_id, event_id))
            self.conn.execute(
                "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (new_id, event["event_date"], event["date_start"], event["date_end"], event["event_type"],
                 event["sub_event_type"], event["actor1"], event["assoc_actor_1"], event["actor2"],
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
            where.append("(" + " OR ".join(f"lower({col}) LIKE ?" for _ in patterns
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
        """LIKE patterns (lower case) for the stored names of an actor named any way the registry knows: "ISIS",
        "Daesh" and "IS" all find "Islamic State"; "the Syrian Army" finds "Military Forces of Syria (2000-2024)"."""
        registry = self.names.registry
        patterns = {f"%{name.strip().lower()}%"}
        for m in registry.find(name):
            for a in {m.actor, registry.coded(m.actor)[0]}:
                patterns.update(registry.name_patterns(a))
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


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
