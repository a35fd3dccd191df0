"""Control timelines against each battle article's own infobox: does the place the battle was for have a timeline,
is its last holder the side the infobox says won, was that side's capture dated inside the battle's dates, and are
places ever given to someone who took no part?

    python bench/control.py                    # code the infobox articles into a store (a minute or two), judge
    python bench/control.py --db control.db    # judge an earlier run's store (made by --keep-db)
    python bench/control.py --keep-db control.db --show 40

1. The selection: the articles of bench/wiki_countries.py (one a `file`) with an infobox whose `result` names a
   side's victory on its first line ("Syrian Army victory", "Decisive SDF and allies victory", "Rebel victory")
   and whose `place` starts with a settlement the gazetteer knows in the article's countries (not an area: "Idlib
   Governorate" and "Palmyra region" are left out). The winner is the combatant column (`combatant1`,
   `combatant2`, ...) whose actors (as eventcoder's registry reads them, and the state forces of a country named on
   a line of its own) include the victory's; "rebel", "opposition" or "jihadist" victories the column with no
   state's forces. The window is the infobox's `date`, first day to last.
2. The store: this checkout's `extract --db --jobs 2` on the articles' texts, with their titles; a timeline is the
   control claims one article makes about the place under any spelling
   (`EventStore.control_timelines(place=..., doc_id=...)`).
3. Judged, each article:
   - timeline: the place has at least one row;
   - winner last: the last row with a holder dated up to the window's end names an actor of the winner's column
     (no such row fails), left out where the infobox says the winner withdrew afterwards ("Russian victory and
     subsequent withdrawal");
   - capture dated: a row giving the place to the winner's column (a capture, or a claim it held it) starts inside
     the window; left out where no such row exists;
   - non-combatant: every claim of the article (any place) whose holder is in no combatant column, or is civilians;
     "Supported by" sections count as no column; claims to an unidentified armed group are counted apart (no
     infobox can name it).
   Failures are printed with their rows, to read.
"""
from __future__ import annotations

import argparse
import calendar
import collections
import json
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wiki_countries import CORPUS, FLAG, Countries, ROOT, load_articles, texts  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
from eventcoder.actors import ActorRegistry  # noqa: E402
from eventcoder.places import Gazetteer  # noqa: E402
from eventcoder.store import EventStore  # noqa: E402
from eventcoder.taxonomy import CIVILIANS, STATE_FORCES  # noqa: E402

VICTORY = re.compile(r"^\W*(?:(?:decisive|major|minor|partial|pyrrhic|tactical|strategic|limited|initial)\s+)*"
                     r"(.+?)\s+victory\b", re.IGNORECASE)
GENERIC_WINNER = re.compile(r"\b(?:rebels?|opposition|insurgents?|jihadists?)\b", re.IGNORECASE)
WITHDREW = re.compile(r"\b(?:withdr[ae]w\w*|retreat\w*|abandon\w*|pulled out|evacuat\w*)\b", re.IGNORECASE)
AREA_WORDS = re.compile(r"\b(?:region|governorate|province|district|subdistrict|oblast|raion|countryside|mountains?|"
                        r"valley|front|line|area|areas|lines?)\b", re.IGNORECASE)
UNIDENTIFIED = {"UNIDENTIFIED"}  # the registry's generic unidentified armed group, in any country
SUPPORTED = re.compile(r"\b(?:supported by|support:|in support|backed by|arms suppliers)", re.IGNORECASE)
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
DATE_PART = re.compile(r"\b(\d{1,2}\b)?\s*(" + "|".join(MONTHS) + r")?\s*(\d{1,2}\b)?,?\s*((?:19|20)\d\d)?\b",
                       re.IGNORECASE)


def window(value: str) -> tuple[date, date] | None:
    """The first and last day an infobox `date` covers ("15 July – 4 August 2012", "June 18, 2015 – July 27,
    2015", "March 2013 – 2014"): a mention without a year takes the next one's."""
    parts = []
    for m in DATE_PART.finditer(value):
        day, month, day_after, year = m.groups()
        if month or year or day:
            parts.append([int(day or day_after or 0), MONTHS.get((month or "").lower(), 0), int(year or 0)])
    # a mention without a month or year ("5" of "5–13 June 2012") takes the next one's
    for i in range(len(parts) - 2, -1, -1):
        if not parts[i][2]:
            if not parts[i][1]:
                parts[i][1] = parts[i + 1][1]
            parts[i][2] = parts[i + 1][2]
    parts = [p for p in parts if p[2] and (p[1] or not p[0])]
    if not parts:
        return None
    d, m, y = parts[0]
    first = date(y, m or 1, d or 1)
    if re.search(r"\b(?:present|ongoing)\b", value, re.IGNORECASE):
        return first, date(2100, 12, 31)
    d, m, y = parts[-1]
    m = m or 12
    last = date(y, m, d or calendar.monthrange(y, m)[1])
    return (first, last) if first <= last else None


class Sides:
    """The actors of an infobox's combatant columns, as eventcoder's registry reads them."""

    def __init__(self, registry: ActorRegistry, countries: Countries) -> None:
        self.registry = registry
        self.countries = countries

    def keys(self, text: str, iso2: str) -> set[str]:
        """What an actor named in `text` is a party as: its id, its parent's, and a state's forces' country."""
        found = set()
        for m in self.registry.find(text, {iso2: 1.0} if iso2 else None):
            actor = self.registry.national(m.actor, iso2)
            for a in {actor, self.registry.coded(actor, iso2)[0]}:
                found.add(a.id)
                if a.inter == STATE_FORCES and a.country:
                    found.add("STATE-OF:" + a.country)
                if a.inter == CIVILIANS:
                    found.add("CIVILIANS")
        return found

    def column(self, value: str, iso2: str) -> tuple[set[str], bool]:
        """(the parties a combatant column names, whether one is a state's forces); its supporters left out."""
        text = "\n".join(texts(value))
        cut = SUPPORTED.search(text)
        text = text[:cut.start()] if cut else text
        keys = self.keys(text, iso2) - {"CIVILIANS"}
        # a line that is only a country ("🇦🇿 Azerbaijan", "* Russia") means its state's forces ("Free Syrian Army"
        # does not mean Syria's)
        for line in text.splitlines():
            name = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", FLAG.sub("", line)).strip()
            found = self.countries.codes.get(name, set())
            if len(found) == 1:
                keys.add("STATE-OF:" + next(iter(found)))
        return keys, any(k.startswith("STATE-OF:") for k in keys)


def select(articles: list[dict], gazetteer: Gazetteer, sides: Sides, countries: Countries) -> list[dict]:
    chosen = []
    for article in articles:
        for row in article["rows"]:
            infobox = row.get("infobox") or {}
            result = "\n".join(texts(infobox.get("result"))).strip()
            m = VICTORY.match(result.splitlines()[0]) if result else None
            if not m:
                continue
            found = choose(article, infobox, result, m.group(1), gazetteer, sides, countries)
            if found:
                chosen.append(found)
            break
    return chosen


def choose(article: dict, infobox: dict, result: str, winner: str, gazetteer: Gazetteer, sides: Sides,
           countries: Countries) -> dict | None:
    home = countries.of_article(article)
    where = " ".join(texts(infobox.get("place")))
    place = re.split(r"[,\n(]", where)[0].strip()
    if AREA_WORDS.search(place):
        return None  # "Palmyra region", "Idlib Governorate": an area, whatever town the gazetteer finds in it
    # "Ras al-Ayn, Syria": the country the place field names, of the article's countries (Turkey has a Ras al Ayn)
    home = (countries.named(where) & home) or home
    weights = {c: 1.0 for c in home}
    entry = gazetteer.geocode(place, countries=weights).entry if place else None
    if entry is None or entry.is_area or (home and entry.country not in home):
        return None
    iso2 = entry.country
    columns = [sides.column(infobox[k], iso2) for k in sorted(infobox) if re.fullmatch(r"combatant\d", k)]
    columns = [c for c in columns if c[0]]
    if len(columns) < 2:
        return None
    winner_keys = sides.keys(winner + " forces", iso2)
    hits = [i for i, (keys, _) in enumerate(columns) if keys & winner_keys]
    if len(hits) != 1 and GENERIC_WINNER.search(winner):
        hits = [i for i, (_, state) in enumerate(columns) if not state]
    if len(hits) != 1:
        return None
    span = window(" ".join(texts(infobox.get("date"))))
    if span is None:
        return None
    return {"id": article["id"], "title": infobox.get("conflict") or article["rows"][0].get("title") or "",
            "text": article["text"], "place": place, "entry": entry.name, "iso2": iso2,
            "winner": winner, "columns": [sorted(k) for k, _ in columns], "won": hits[0],
            "withdrew": bool(WITHDREW.search(result)), "window": [span[0].isoformat(), span[1].isoformat()]}


def judge(store: EventStore, article: dict, sides: Sides) -> dict:
    columns = [set(c) for c in article["columns"]]
    parties = set().union(*columns)
    winner = columns[article["won"]]
    first, last = article["window"]
    keys_of = {}

    def keys(name: str) -> set[str]:
        if name not in keys_of:
            keys_of[name] = sides.keys(name, article["iso2"])
        return keys_of[name]

    rows = [r for tl in store.control_timelines(place=article["place"], doc_id=article["id"]) for r in tl]
    rows.sort(key=lambda r: (r.date, r.date_end))
    held = [r for r in rows if r.controller and r.date <= last]
    verdict = {"timeline": bool(rows), "rows": rows}
    if not article["withdrew"]:
        verdict["winner_last"] = bool(held) and bool(keys(held[-1].controller) & winner)
    taken = [r for r in rows if r.controller and keys(r.controller) & winner]
    if taken:
        verdict["capture_dated"] = any(first <= r.date <= last for r in taken)
    claims = store.conn.execute("SELECT controller, place, evidence FROM control WHERE doc_id = ? AND controller != ''",
                                (article["id"],)).fetchall()
    # an unidentified armed group is no one the infobox can name: counted apart, not as an outsider
    unidentified = lambda name: any(k.split(":")[0] in UNIDENTIFIED for k in keys(name))
    unknown = [c for c in claims if unidentified(c[0])]
    claims = [c for c in claims if not unidentified(c[0])]
    verdict["claims"], verdict["unidentified"] = len(claims), len(unknown)
    verdict["outsiders"] = [(c, p, e) for c, p, e in claims if "CIVILIANS" in keys(c) or not keys(c) & parties]
    return verdict


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="judge this store (from an earlier --keep-db) instead of coding")
    ap.add_argument("--keep-db", type=Path, help="keep the store coded here")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=25, help="failures of each kind to print")
    args = ap.parse_args()

    registry, gazetteer, countries = ActorRegistry(), Gazetteer(), Countries()
    sides = Sides(registry, countries)
    chosen = select(load_articles(CORPUS), gazetteer, sides, countries)
    print(f"{len(chosen)} infobox articles name a side's victory and a settlement")
    db = args.db
    if db is None:
        db = args.keep_db or Path(tempfile.mkdtemp()) / "control.db"
        if db.exists():
            db.unlink()
        docs = db.with_suffix(".docs.jsonl")
        with open(docs, "w", encoding="utf-8") as f:
            for a in chosen:
                f.write(json.dumps({"id": a["id"], "title": a["title"], "text": a["text"]}, ensure_ascii=False)
                        + "\n")
        code(docs, db, args.jobs)
    store = EventStore(db, create=False)
    verdicts = {a["id"]: judge(store, a, sides) for a in chosen}
    report(chosen, verdicts, args.show)
    return 0


def code(docs: Path, db: Path, jobs: int) -> None:
    import os
    import subprocess
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    done = subprocess.run([sys.executable, "-m", "eventcoder", "extract", str(docs), "--db", str(db), "-q",
                           "-o", os.devnull, "--jobs", str(jobs)], env=env)
    if done.returncode not in (0, 1):
        raise SystemExit(f"eventcoder extract failed ({done.returncode})")


def report(chosen: list[dict], verdicts: dict[str, dict], show: int) -> None:
    def share(name: str) -> str:
        judged = [v[name] for v in verdicts.values() if name in v]
        return f"{sum(judged)}/{len(judged)} = {sum(judged) / max(len(judged), 1):.3f}"

    claims = sum(v["claims"] for v in verdicts.values())
    outsiders = sum(len(v["outsiders"]) for v in verdicts.values())
    print(f"the place has a timeline                        {share('timeline')}")
    print(f"its last holder in the window is the winner    {share('winner_last')}")
    print(f"the winner's capture dated inside the window   {share('capture_dated')}")
    print(f"claims giving a place to a non-combatant        {outsiders}/{claims} = {outsiders / max(claims, 1):.3f}"
          f"  (and {sum(v['unidentified'] for v in verdicts.values())} to an unidentified armed group, apart)")
    by_id = {a["id"]: a for a in chosen}
    for name in ("timeline", "winner_last", "capture_dated"):
        failed = [i for i, v in verdicts.items() if v.get(name) is False][:show]
        print(f"\n## {name}: failures")
        for i in failed:
            a = by_id[i]
            print(f"- {i}: {a['place']} ({a['entry']}), {a['winner']} won, {a['window'][0]}..{a['window'][1]}")
            for r in verdicts[i]["rows"][-6:]:
                print(f"    {r.date} {r.kind:9} {r.controller[:40]:40} <- {r.previous[:30]:30} "
                      f"{' '.join(r.evidence.split())[:110]}")
    print("\n## non-combatant holders")
    seen = collections.Counter()
    for i, v in verdicts.items():
        for c, p, e in v["outsiders"]:
            seen[c] += 1
            if sum(seen.values()) <= show:
                print(f"- {i}: {p} -> {c}: {' '.join(e.split())[:120]}")
    print("by holder:", dict(seen.most_common(12)))


if __name__ == "__main__":
    sys.exit(main())
