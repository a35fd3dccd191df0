"""Tolls you can sum: the fatalities `eventcoder extract` codes from each Wikipedia article, summed, against the
most its infobox's sources claim; and the largest tolls of the whole corpus, to read by eye.

    python bench/tolls.py                         # code the whole corpus (minutes), then judge it
    python bench/tolls.py --events EVENTS.jsonl   # judge an earlier run's events (bench/wiki_countries.py's too)
    python bench/tolls.py --save-events ev.jsonl --top 30

1. The articles are bench/wiki_countries.py's (one a `file`, its longest text), coded with this checkout's
   `extract --jobs 2` unless `--events` gives an earlier run's events.
2. An article's bound is what its infobox's casualty fields (`casualties1`, `casualties2`, `casualties3`, ...) claim
   at most: in each field, the figures of dead ("91 troops killed", "6,000 dead", "250 KIA"; a range counts its
   high end, "4,200+" 4,200) are summed within each source's block (a block starts at a line naming a source: "Per
   Ukraine:", "Russian claim:", "According to ..."), and the field counts its largest block; the article's bound is
   the fields' sum. Of an article with several infobox rows, the largest bound counts. An article whose fields
   give no figure of dead ("Unknown", "heavy") is left out.
3. Printed: the articles whose coded fatalities stay within `--factor` (1.5) times their bound, the share, every
   article over it with its largest events; the `--top` largest tolls of the whole corpus with their article, rule,
   claims and evidence; and the fatalities summed over the corpus.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wiki_countries import CORPUS, extract, load_articles, write_documents  # noqa: E402

DEATH_WORDS = r"(?:killed|dead|deaths?|died|KIA|executed|fatalities|murdered|massacred)"
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\s*[–—-]\s*(\d{1,3}(?:,\d{3})+|\d+))?\+?"
# a figure, then up to four words ("91 troops", "1,348 civilians confirmed") before its death word
DEAD_FIGURE = re.compile(rf"(?<![\w.,]){NUMBER}\s+(?:[\w'’()-]+\s+){{0,4}}?{DEATH_WORDS}\b", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^\s*\*?\s*(?:per\b|according to\b|.{0,40}\b(?:claims?|sources?|estimates?)\s*:)",
                         re.IGNORECASE)


def field_bound(value: str) -> int:
    """The most one source block of an infobox casualty field claims dead."""
    blocks: list[int] = [0]
    for line in value.splitlines():
        if SOURCE_LINE.match(line) and blocks[-1]:
            blocks.append(0)
        for m in DEAD_FIGURE.finditer(line):
            high = m.group(2) or m.group(1)
            blocks[-1] += int(high.replace(",", ""))
    return max(blocks)


def infobox_bound(article: dict) -> int:
    best = 0
    for row in article["rows"]:
        infobox = row.get("infobox") or {}
        fields = [v for k, v in infobox.items() if re.fullmatch(r"casualties\d*", k) and isinstance(v, str)]
        best = max(best, sum(field_bound(v) for v in fields))
    return best


def evidence(event: dict, width: int = 220) -> str:
    texts = [" ".join((ev.get("text") or "").split()) for ev in event.get("evidence") or []]
    text = " | ".join(texts)
    return text if len(text) <= width else text[:width - 1] + "…"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=Path, help="events of an earlier run (JSON lines) instead of coding")
    ap.add_argument("--save-events", type=Path, help="keep the events coded here")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--factor", type=float, default=1.5)
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()

    articles = load_articles(CORPUS)
    if args.events:
        events_path = args.events
    else:
        tmp = Path(tempfile.mkdtemp(prefix="tolls-"))
        docs = tmp / "docs.jsonl"
        write_documents([a for a in articles if a["text"]], docs)
        events_path = args.save_events or tmp / "events.jsonl"
        seconds = extract(docs, events_path, args.jobs, None)
        print(f"extract: {seconds:.0f} s")
    by_doc: dict[str, list[dict]] = collections.defaultdict(list)
    with open(events_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                e = json.loads(line)
                by_doc[e.get("doc_id")].append(e)

    judged = []
    for a in articles:
        bound = infobox_bound(a)
        if bound and a["text"]:
            coded = sum(e.get("fatalities") or 0 for e in by_doc.get(a["id"], []))
            judged.append((a["id"], bound, coded))
    within = [j for j in judged if j[2] <= args.factor * j[1]]
    print(f"articles whose infobox gives a figure of dead: {len(judged)}")
    print(f"coded fatalities within {args.factor}x the infobox's most: {len(within)} "
          f"({len(within) / max(1, len(judged)):.3f})")
    print(f"coded / bound, summed: {sum(j[2] for j in judged):,} / {sum(j[1] for j in judged):,}")
    for doc, bound, coded in sorted(judged, key=lambda j: j[2] / j[1], reverse=True):
        if coded <= args.factor * bound:
            continue
        print(f"\n  OVER {doc}: coded {coded:,}, infobox at most {bound:,} ({coded / bound:.1f}x)")
        for e in sorted(by_doc[doc], key=lambda e: -(e.get("fatalities") or 0))[:5]:
            if e.get("fatalities"):
                print(f"    {e['fatalities']:>7,}  {e.get('event_date')}  {e.get('location')}: {evidence(e, 180)}")

    everything = [e for es in by_doc.values() for e in es]
    total = sum(e.get("fatalities") or 0 for e in everything)
    print(f"\nthe whole corpus: {len(everything):,} events, {total:,} fatalities, "
          f"{sum(1 for e in everything if e.get('fatalities')):,} events with a toll")
    print(f"\nthe {args.top} largest tolls:")
    for rank, e in enumerate(sorted(everything, key=lambda e: (-(e.get("fatalities") or 0), e["event_id_cnty"]))
                             [:args.top], 1):
        rules = [r for r in e.get("rules") or [] if r.startswith("FATALITIES")]
        claims = "; ".join(f"{c.get('source') or 'text'} {c.get('low')}-{c.get('high')}" for c in e.get("claims") or [])
        print(f"{rank:>3}. {e['fatalities']:>6,}  {e['doc_id']}  {e.get('event_date')}  {e.get('sub_event_type')}  "
              f"{e.get('location')}  [{' '.join(rules)}] claims: {claims}\n       {evidence(e, 300)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
