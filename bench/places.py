"""Places: how often the gazetteer puts a name at the right point, how fast, and in how much memory.

    python bench/places.py                      # everything below
    python bench/places.py --corpus lgl --limit 200

1. Name lists (one name, one gold point): ../shared/eval/places_dev.tsv and bench/places_translit.tsv, each name
   geocoded with its country, as `eventcoder geocode NAME --country CC` does.
2. The geoparsing corpora in ../shared/bench/geoparsing (LGL, GeoWebNews, TR-News): every gold toponym with
   coordinates, resolved with its article as context (the countries the article names, and the places its other
   toponyms resolve to, as `extract` uses its document), scored as accuracy within 161 km (100 miles), the figure
   Mordecai 3 reports (96.6% given the right names).
3. Speed (geocodes per second, warm) and the memory the loaded gazetteer adds to the process.
"""
from __future__ import annotations

import argparse
import csv
import math
import re
import resource
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.places import Gazetteer, distance_km  # noqa: E402

CORPORA = {"lgl": "lgl.xml", "gwn": "GWN.xml", "trnews": "TR-News.xml"}
NAME_LISTS = [SHARED / "eval" / "places_dev.tsv", ROOT / "bench" / "places_translit.tsv"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return rss_mb()


def score_names(g: Gazetteer, path: Path) -> tuple[int, int, list[str]]:
    rows = [r for r in csv.DictReader((l for l in open(path, encoding="utf-8") if not l.startswith("#")),
                                      delimiter="\t")]
    ok, wrong = 0, []
    for r in rows:
        e = g.geocode(r["query"], country=r["country"]).entry
        km = distance_km(e.point, (float(r["lat"]), float(r["lon"]))) if e else None
        if km is not None and km <= float(r["km"]):
            ok += 1
        else:
            wrong.append(f"{r['query']}({'none' if km is None else int(km)}km)")
    return ok, len(rows), wrong


def read_corpus(path: Path):
    """(article text, [(name, lat, lon)]) per article, for the toponyms the gold locates."""
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            if t.find("gaztag") is not None:  # LGL, TR-News
                name, lat, lon = t.findtext("phrase"), t.findtext("gaztag/lat"), t.findtext("gaztag/lon")
            else:  # GeoWebNews
                if (t.findtext("nonLocational") or "").strip() == "Yes":
                    continue
                name, lat, lon = t.findtext("extractedName"), t.findtext("latitude"), t.findtext("longitude")
            if name and lat and lon:
                gold.append((name.strip(), float(lat), float(lon)))
        if gold:
            yield text, gold


def geoparse_article(g: Gazetteer, text: str, names: list[str]) -> list:
    """Resolve an article's toponyms the way a document is read: the countries it names and the countries that
    hold most of its names set the context; the places it names unambiguously pull the others near them."""
    mentioned = {cc for word in set(re.findall(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\b", text))
                 if (cc := g.country_of_word(word))}
    countries = g.country_context(names, mentioned)
    first = [g.geocode(n, countries=countries).entry for n in names]
    near = [e.point for e in first if e is not None and not e.is_area]
    return [g.geocode(n, countries=countries, near=near).entry for n in names]


def score_corpus(g: Gazetteer, path: Path, limit: int | None) -> dict:
    hits = total = found = 0
    errors = []
    started = time.perf_counter()
    for i, (text, gold) in enumerate(read_corpus(path)):
        if limit is not None and i >= limit:
            break
        for (name, lat, lon), e in zip(gold, geoparse_article(g, text, [n for n, _, _ in gold])):
            total += 1
            if e is None:
                continue
            found += 1
            km = distance_km(e.point, (lat, lon))
            errors.append(km)
            hits += km <= 161
    return {"toponyms": total, "resolved": found, "acc161": hits / total if total else 0.0,
            "median_km": statistics.median(errors) if errors else math.nan, "s": time.perf_counter() - started}


def speed(g: Gazetteer, names: list[str], repeat: int = 3) -> float:
    started = time.perf_counter()
    n = 0
    for _ in range(repeat):
        for name in names:
            g.geocode(name, countries={"SY": 0.7, "IQ": 0.3})
            n += 1
    return n / (time.perf_counter() - started)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append", help="only these corpora")
    ap.add_argument("--limit", type=int, help="at most N articles per corpus")
    args = ap.parse_args()

    base = current_rss_mb()
    started = time.perf_counter()
    g = Gazetteer()
    print(f"gazetteer: opened in {time.perf_counter() - started:.2f} s ({g.index_file.name}); "
          f"memory +{current_rss_mb() - base:.0f} MB")

    for path in NAME_LISTS:
        if path.exists():
            ok, n, wrong = score_names(g, path)
            print(f"{path.name}: {ok}/{n} = {ok / n:.3f} within tolerance" + (f"; wrong: {', '.join(wrong[:10])}" if wrong else ""))

    for key in args.corpus or sorted(CORPORA):
        path = SHARED / "bench" / "geoparsing" / CORPORA[key]
        if not path.exists():
            print(f"{key}: {path} not found")
            continue
        r = score_corpus(g, path, args.limit)
        print(f"{key}: {r['toponyms']} toponyms, {r['resolved']} resolved; accuracy@161km {r['acc161']:.3f} "
              f"(Mordecai 3: 0.966); median error {r['median_km']:.0f} km; {r['s']:.1f} s")

    names = [l.split("\t")[0] for l in open(NAME_LISTS[-1], encoding="utf-8") if l.strip() and not l.startswith(("#", "query"))]
    cold = speed(g, names, repeat=1)
    print(f"speed: {cold:,.0f} geocodes/s first pass, {speed(g, names):,.0f} geocodes/s warm; "
          f"memory with the gazetteer in use {current_rss_mb() - base:.0f} MB over the bare interpreter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
