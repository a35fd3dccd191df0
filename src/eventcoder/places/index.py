"""The gazetteer's index: places and their folded names in an SQLite file.

Folding 1.4 M GeoNames names takes tens of seconds, so the index is compiled once into the user's cache and opened
in milliseconds after that; lookups go to disk through SQLite's page cache, so a process holds a few MB of it, not
the whole gazetteer. Places users import live in a second file of the same shape, attached beside it.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterable

from .entry import GazetteerEntry
from .names import ascii_fold, fold_name, skeleton, written_form

SCHEMA = """
CREATE TABLE IF NOT EXISTS place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL,
    latitude REAL NOT NULL, longitude REAL NOT NULL, kind TEXT NOT NULL, population INTEGER NOT NULL,
    source TEXT NOT NULL, accuracy INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS name (key TEXT NOT NULL, skeleton TEXT NOT NULL, place INTEGER NOT NULL, plain TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS country_keys (country TEXT PRIMARY KEY, keys TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS name_key ON name(key);
CREATE INDEX IF NOT EXISTS name_skeleton ON name(skeleton);
CREATE INDEX IF NOT EXISTS place_country ON place(country);
"""
COLUMNS = "name, country, admin1, admin2, latitude, longitude, kind, population, source, accuracy"


def name_keys(names: Iterable[str]) -> dict[str, str]:
    """Each key the names fold to, with the names as written (lower case, no diacritics) that give it,
    |-separated: a match on the key is a spelling variant, a match on a written name is the name itself."""
    out: dict[str, set[str]] = {}
    for plain in {ascii_fold(n) for n in names if n}:
        key = fold_name(plain)
        if key:
            out.setdefault(key, set()).add(written_form(plain))
            if " " in key:  # "Mirpurkhas" is Mirpur Khas, "Nawabshah" Nawab Shah: words run together fold alike
                out.setdefault(key.replace(" ", ""), set())
    return {k: "|".join(sorted(v)) for k, v in out.items()}


def write_places(conn: sqlite3.Connection, records: Iterable[tuple[GazetteerEntry, Iterable[str]]],
                 schema: str = "main") -> int:
    """Add places and their names; returns how many places."""
    cur = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {schema}.place")
    next_id = cur.fetchone()[0] + 1
    places, names = [], []
    for entry, entry_names in records:
        places.append((next_id, entry.name, entry.country, entry.admin1, entry.admin2, entry.latitude,
                       entry.longitude, entry.kind, entry.population, entry.source, entry.accuracy))
        names.extend((k, skeleton(k), next_id, plain) for k, plain in sorted(name_keys(entry_names).items()))
        next_id += 1
    conn.executemany(f"INSERT INTO {schema}.place (id, {COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    conn.executemany(f"INSERT INTO {schema}.name (key, skeleton, place, plain) VALUES (?,?,?,?)", names)
    return len(places)


def build_index(path: Path, records: Iterable[tuple[GazetteerEntry, Iterable[str]]], meta: dict[str, str]) -> None:
    """Write a new index at `path`, atomically: a reader never sees half a file, and two processes building at
    once both end with a whole one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        write_places(conn, records)
        conn.executemany("INSERT INTO country_keys VALUES (?, ?)", _country_keys(conn))
        conn.executescript(INDEXES)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        conn.commit()
        conn.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index holds nothing private
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _country_keys(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(country, its distinct name keys sorted, a line each): the list a fuzzy search in a country runs over,
    read whole in one row rather than gathered from a hundred thousand (a second a country, in every process)."""
    by_country: dict[str, set[str]] = {}
    # not the keys of words run together: the names they join are there already, each a key of its own
    for country, key in conn.execute("SELECT p.country, n.key FROM name n JOIN place p ON p.id = n.place "
                                     "WHERE n.plain != ''"):
        by_country.setdefault(country, set()).add(key)
    return [(country, "\n".join(sorted(keys))) for country, keys in sorted(by_country.items())]


def open_user_places(path: Path) -> sqlite3.Connection:
    """The file of places a user imported, created on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA + INDEXES)
    return conn


class PlaceIndex:
    """Read access to a built index and, if there is one, the user's places."""

    def __init__(self, path: Path | str, user_places: Path | None = None) -> None:
        self.conn = sqlite3.connect(_read_only(path), uri=True, check_same_thread=False)
        self.schemas = ["main"]
        if user_places is not None and Path(user_places).exists():
            self.conn.execute("ATTACH DATABASE ? AS user", (_read_only(user_places),))
            self.schemas.append("user")

    def _select(self, where: str, args: tuple) -> list[tuple]:
        sql = " UNION ALL ".join(
            f"SELECT '{s}', p.id, {', '.join('p.' + c.strip() for c in COLUMNS.split(','))}, n.plain, n.key "
            f"FROM {s}.name n JOIN {s}.place p ON p.id = n.place WHERE {where}" for s in self.schemas)
        return self.conn.execute(sql, args * len(self.schemas)).fetchall()

    def by_key(self, key: str) -> list[GazetteerEntry]:
        return [e for e, _ in self.by_key_written(key)]

    def by_key_written(self, key: str) -> list[tuple[GazetteerEntry, frozenset[str]]]:
        """The places with a name of this key, each with its names of that key as written (folded to ASCII)."""
        return _entries(self._select("n.key = ?", (key,)))

    def by_skeleton(self, skel: str) -> list[tuple[str, GazetteerEntry]]:
        return [(r[-1], GazetteerEntry(*r[2:-2])) for r in self._select("n.skeleton = ?", (skel,))]

    def keys_in(self, country: str) -> list[str]:
        """The distinct name keys of a country's places, sorted."""
        row = self.conn.execute("SELECT keys FROM main.country_keys WHERE country = ?", (country,)).fetchone()
        keys = row[0].split("\n") if row and row[0] else []
        if "user" in self.schemas:
            mine = {r[0] for r in self.conn.execute(
                "SELECT n.key FROM user.name n JOIN user.place p ON p.id = n.place WHERE p.country = ? "
                "AND n.plain != ''", (country,))}
            if not mine <= set(keys):
                keys = sorted(mine.union(keys))
        return keys

    def where(self, condition: str, args: tuple = ()) -> list[GazetteerEntry]:
        """Places matching an SQL condition on the place table (for tests and tools)."""
        rows = []
        for s in self.schemas:
            rows += self.conn.execute(f"SELECT {COLUMNS} FROM {s}.place WHERE {condition} ORDER BY id", args).fetchall()
        return [GazetteerEntry(*r) for r in rows]

    def counts(self) -> list[tuple[str, int]]:
        """(source, places) for each source: geonames, supplement, places_ucdp, import, ..."""
        sql = " UNION ALL ".join(f"SELECT source FROM {s}.place" for s in self.schemas)
        return self.conn.execute(f"SELECT substr(source, 1, instr(source || ':', ':') - 1) AS s, COUNT(*) "
                                 f"FROM ({sql}) GROUP BY s ORDER BY s").fetchall()

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM main.meta"))


def _read_only(path: Path | str) -> str:
    return Path(path).resolve().as_uri() + "?mode=ro"  # as_uri escapes spaces and '?' in the path


def _entries(rows: list[tuple]) -> list[tuple[GazetteerEntry, frozenset[str]]]:
    seen, out = set(), []
    for r in rows:
        if r[:2] not in seen:  # one place under two names that fold alike
            seen.add(r[:2])
            out.append((GazetteerEntry(*r[2:-2]), frozenset(r[-2].split("|"))))
    return out
