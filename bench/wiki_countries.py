"""Events abroad: how many events `eventcoder extract` codes on the Wikipedia corpus fall in a country the article
is not about, and a sample of them to read by eye.

    python bench/wiki_countries.py                          # the whole corpus, about 385 articles (minutes)
    python bench/wiki_countries.py --limit 20               # a quick run
    python bench/wiki_countries.py --events EVENTS.jsonl    # judge the events of an earlier run again
    python bench/wiki_countries.py --save-events ev.jsonl --eventcoder /path/to/.venv/bin/eventcoder

1. The articles of ../shared/corpus/wikipedia (battles.jsonl and battles_with_infobox.jsonl, one article per `file`:
   the longest text among its rows, their infoboxes and places together; an article with no text is left out) are
   written as one JSON-lines document file, `{"id": file less .md, "text": text_clean}`, and coded with
   `eventcoder extract DOCS --format jsonl -q -o EVENTS --jobs 2` (this checkout's src, or `--eventcoder CMD`),
   unless `--events` gives an earlier run's events.
2. The countries an article is about (ISO alpha-2): those its title, its infobox `place` (or the `place` of a
   battles.jsonl row), its `combatant1..3` fields and its lead (its first LEAD_CHARS characters) name, as flags
   (a pair of regional-indicator letters is the code: 🇺🇦 -> UA) or as whole-word, case-sensitive country names and adjectives from eventcoder's own
   `country_list()` ("Ukrainian", "U.S."; a form two countries share counts for both), plus the home country of
   its region folder (syria SY, ukraine UA; sahel and caucasus none: those take theirs from title and infobox;
   the "sahel" rows of this corpus are Ukrainian articles). An article that gets no country is listed and left
   out of the count.
3. Each event is inside when its country (its numeric `iso`, through the gazetteer's country table) is one of its
   article's countries, outside otherwise, and not judged when it has no country. Printed: totals and the outside
   share, by region folder, at geo_precision 1, the commonest (article countries, event country, location)
   triples, and a fixed random sample of outside events with their place rules, the words the location came from
   and the evidence sentence.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.places import Gazetteer  # noqa: E402
from eventcoder.places.sources import country_list  # noqa: E402

CORPUS = SHARED / "corpus" / "wikipedia"
FILES = ("battles_with_infobox.jsonl", "battles.jsonl")  # the first wins a tie: its rows have the infobox
LEAD_CHARS = 600  # the article's opening, where it says what it is about
FOLDER_HOME = {"syria": "SY", "ukraine": "UA", "sahel": None, "caucasus": None}
FIELDS = ("place", "combatant1", "combatant2", "combatant3")
FLAG = re.compile("([\U0001F1E6-\U0001F1FF])([\U0001F1E6-\U0001F1FF])")


def load_articles(corpus: Path) -> list[dict]:
    """One article per `file`, in file-name order, from all its rows (a file can have up to four: in both files,
    twice in one, and ~50 Ukrainian articles sit in battles_with_infobox.jsonl under both "ukraine" and "sahel"):
    `rows` all of them (for their titles, infoboxes and places), `text` the longest text_clean (an infobox row's
    text is often a shortened copy: Bakhmut's is 4,350 characters, its battles.jsonl row's 59,927), `folder` the
    region folder most of its rows give, a tie going to the last row read (battles.jsonl's)."""
    rows: dict[str, list[dict]] = collections.defaultdict(list)
    for name in FILES:
        with open(corpus / name, encoding="utf-8") as f:
            rows_of_file = [json.loads(line) for line in f if line.strip()]
        for row in rows_of_file:
            rows[row["file"]].append(row)
    articles = []
    for file in sorted(rows):
        group = rows[file]
        folders = [folder_of(r) for r in group if folder_of(r) != "other"] or ["other"]
        counts = collections.Counter(folders)
        top = max(counts.values())
        folder = [f for f in folders if counts[f] == top][-1]
        text = max((r.get("text_clean") or "" for r in group), key=len)
        articles.append({"id": file.removesuffix(".md"), "rows": group, "text": text, "folder": folder})
    return articles


def folder_of(row: dict) -> str:
    folder = row.get("region_folder") or ""
    return "other" if folder.endswith(".md") or not folder else folder


def texts(value) -> list[str]:
    """The strings in an infobox value: a string, a list, a dict; 'None' and None are nothing."""
    if value is None or value == "None":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in texts(v)]
    return [str(value)]


class Countries:
    """Country names and adjectives from eventcoder's country list, matched as whole words, longest first."""

    def __init__(self) -> None:
        self.by_name: dict[str, str] = {}
        # an event's `country` is the name ACLED uses ("Democratic Republic of Congo", "Netherlands"), not always
        # country_list's: its numeric `iso` decides
        self.by_number = {c.isonumeric: c.iso2 for c in Gazetteer().countries.values()}
        self.codes: dict[str, set[str]] = collections.defaultdict(set)
        for iso2, name, forms in country_list():
            self.by_name[name] = iso2
            for form in (name, *forms):
                self.codes[form].add(iso2)
        alternation = "|".join(re.escape(f) for f in sorted(self.codes, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")

    def of_event(self, event: dict) -> str | None:
        return self.by_number.get(event.get("iso")) or self.by_name.get(event.get("country") or "")

    def named(self, text: str) -> set[str]:
        found = {a + b for a, b in ((chr(ord(x) - 0x1F1E6 + 65), chr(ord(y) - 0x1F1E6 + 65))
                                    for x, y in FLAG.findall(text))}
        found &= set(self.by_name.values())  # 🇪🇺 is no country
        for m in self.pattern.finditer(text):
            found |= self.codes[m.group(0)]
        return found

    def of_article(self, article: dict) -> set[str]:
        where = []
        for row in article["rows"]:
            where.append(row.get("title") or "")
            infobox = row.get("infobox") or {}
            for key in FIELDS:
                where += texts(infobox.get(key))
            where += texts(row.get("place"))
        # its lead: an article without an infobox says there where it is ("... in western Mosul, Iraq")
        where.append(article["text"][:LEAD_CHARS])
        found = set().union(*(self.named(t) for t in where))
        home = FOLDER_HOME.get(article["folder"])
        return found | ({home} if home else set())


def write_documents(articles: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({"id": a["id"], "text": a["text"]}, ensure_ascii=False) + "\n")


def extract(docs: Path, events: Path, jobs: int, command: list[str] | None) -> float:
    """Run `extract`: `command` if given, else this Python's eventcoder from this checkout's src (ROOT/src first on
    PYTHONPATH, so a worktree measures its own code, not the one the virtual environment was installed from)."""
    env = dict(os.environ)
    if command is None:
        command = [sys.executable, "-m", "eventcoder"]
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    started = time.perf_counter()
    # extract exits 1 when an input is refused (and says why on stderr) but codes the rest
    done = subprocess.run([*command, "extract", str(docs), "--format", "jsonl", "-q", "-o", str(events),
                           "--jobs", str(jobs)], env=env)
    if done.returncode not in (0, 1) or not events.exists():
        raise SystemExit(f"eventcoder extract failed ({done.returncode})")
    return time.perf_counter() - started


def evidence_text(event: dict, width: int = 150) -> str:
    """The evidence sentence that holds the location's words (else the first), cut to `width` characters."""
    spans = [s for s in event.get("spans") or () if s.get("field") == "location"]
    evidence = event.get("evidence") or []
    chosen = evidence[0] if evidence else {}
    for ev in evidence:
        if spans and ev.get("char_start", 0) <= spans[0].get("char_start", -1) < ev.get("char_end", 0):
            chosen = ev
            break
    text = " ".join((chosen.get("text") or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def share(part: int, whole: int) -> str:
    return f"{part:,} ({part / whole:.1%})" if whole else f"{part:,}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=f"the corpus folder (default: {CORPUS})")
    ap.add_argument("--limit", type=int, help="only the first N articles (in file-name order)")
    ap.add_argument("--events", type=Path, help="judge the events of an earlier run (JSONL) instead of coding")
    ap.add_argument("--save-events", type=Path, help="write the coded events to FILE (kept) rather than a temp folder")
    ap.add_argument("--jobs", type=int, default=2, help="eventcoder --jobs (default: 2)")
    ap.add_argument("--eventcoder", help="the eventcoder command to run (default: this Python's -m eventcoder, "
                    "from this checkout's src)")
    ap.add_argument("--sample", type=int, default=40, help="outside events to print (default: 40)")
    ap.add_argument("--top", type=int, default=20, help="commonest outside triples to print (default: 20)")
    ap.add_argument("--seed", type=int, default=20, help="seed of the sample (default: 20)")
    args = ap.parse_args()

    articles = load_articles(args.corpus)
    no_text = [a["id"] for a in articles if not a["text"].strip()]
    articles = [a for a in articles if a["text"].strip()]  # extract refuses an empty document
    if args.limit:
        articles = articles[:args.limit]
    countries = Countries()
    about = {a["id"]: countries.of_article(a) for a in articles}
    folder = {a["id"]: a["folder"] for a in articles}
    print(f"articles: {len(articles)} of {args.corpus} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(collections.Counter(folder.values()).items()))})"
          + (f"; left out, no text: {', '.join(no_text)}" if no_text else ""))

    work = None
    if args.events:
        events_path = args.events
        print(f"events: {events_path} (an earlier run)")
    else:
        work = Path(tempfile.mkdtemp(prefix="eventcoder-wiki-"))
        docs = work / "documents.jsonl"
        write_documents(articles, docs)
        events_path = args.save_events or work / "events.jsonl"
        seconds = extract(docs, events_path, args.jobs, [args.eventcoder] if args.eventcoder else None)
        words = sum(len(a["text"].split()) for a in articles)
        print(f"extract: {seconds:.0f} s with --jobs {args.jobs} for {words:,} words "
              f"({words / seconds:,.0f} words/s); events in {events_path}")
    try:
        with open(events_path, encoding="utf-8") as f:
            events = [json.loads(line) for line in f if line.strip()]
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    events = [e for e in events if e.get("doc_id") in about]  # --limit with --events: only those articles

    empty = sorted(d for d, cc in about.items() if not cc)
    print(f"articles with no country found: {len(empty)} (left out of the count)"
          + "".join(f"\n  {d} [{folder[d]}]" for d in empty))

    total = len(events)
    by_folder: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    precision: collections.Counter = collections.Counter()
    triples: collections.Counter = collections.Counter()
    unknown_names: collections.Counter = collections.Counter()
    outside = []
    for e in events:
        doc, name = e["doc_id"], e.get("country") or ""
        counts = by_folder[folder[doc]]
        counts["events"] += 1
        if not about[doc]:
            counts["no article country"] += 1
            continue
        if not name:
            counts["no event country"] += 1
            continue
        iso2 = countries.of_event(e)
        if iso2 is None:
            unknown_names[name] += 1
        counts["judged"] += 1
        precision[("judged", e.get("geo_precision"))] += 1
        if iso2 not in about[doc]:
            counts["outside"] += 1
            precision[("outside", e.get("geo_precision"))] += 1
            outside.append(e)
            triples[("+".join(sorted(about[doc])), iso2 or name, e.get("location") or "")] += 1

    sums = sum(by_folder.values(), collections.Counter())
    print(f"\nevents: {total:,}; in articles with no country {sums['no article country']:,}; "
          f"with no event country {sums['no event country']:,}; judged {sums['judged']:,}")
    print(f"outside their article's countries: {share(sums['outside'], sums['judged'])} of the judged")
    for p in sorted({p for _, p in precision}, key=lambda p: (p is None, p)):
        print(f"  geo_precision {p}: outside {share(precision[('outside', p)], precision[('judged', p)])} "
              f"of {precision[('judged', p)]:,}")
    if unknown_names:
        print(f"  event countries with no known code (always outside): {dict(unknown_names)}")

    print("\nby region folder:")
    print(f"  {'folder':10} {'articles':>8} {'events':>7} {'judged':>7} {'outside':>16}")
    for name in sorted(set(folder.values())):
        c = by_folder[name]
        n_articles = sum(1 for f in folder.values() if f == name)
        print(f"  {name:10} {n_articles:8} {c['events']:7,} {c['judged']:7,} {share(c['outside'], c['judged']):>16}")

    print(f"\ncommonest outside (article countries, event country, location), top {args.top}:")
    for (arts, cc, loc), n in triples.most_common(args.top):
        print(f"  {n:4}  {arts:24} {cc:4} {loc}")

    sample = random.Random(args.seed).sample(outside, min(args.sample, len(outside)))
    sample.sort(key=lambda e: (e["doc_id"], e.get("location") or ""))
    print(f"\nsample of {len(sample)} outside events (seed {args.seed}):")
    for e in sample:
        rules = [r for r in e.get("rules") or () if "PLACE" in r or "GEO" in r or "LOC" in r]
        words = [s.get("text") for s in e.get("spans") or () if s.get("field") == "location"]
        print(f"- {e['doc_id']} [{'+'.join(sorted(about[e['doc_id']]))}] -> {e.get('location')!r}, "
              f"{e.get('country')} (prec {e.get('geo_precision')}); words {words}; rules {rules}; "
              f"{e.get('event_type')}/{e.get('sub_event_type')}\n    {evidence_text(e)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
