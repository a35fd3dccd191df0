"""How `eventcoder extract` grows with the corpus: time and peak memory (of the whole process tree) at 1x, 2x and 4x
the corpus, or at given numbers of documents. Growth is linear when seconds per 1,000 words stay level, and memory
is flat when the peak does. Not a test: figures vary with the machine.

    python bench/scaling.py                          # 1x, 2x and 4x ../shared/corpus/wikipedia (525 articles)
    python bench/scaling.py --docs 100,200,500       # the first 100, 200, 500 articles
    python bench/scaling.py --times 1,2 --db         # into a store (extract --db), as an ingest would

A corpus larger than the articles there are repeats them under new ids (each copy is coded again, as a new
document would be).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import WIKIPEDIA, corpus_lines, run_measured  # noqa: E402


def corpus_of(lines: list[str], size: int) -> list[str]:
    """`size` documents: the lines in order, then again under new ids, as often as needed."""
    out = []
    for i in range(size):
        obj = json.loads(lines[i % len(lines)])
        obj["id"] = f"doc{i % len(lines):04d}" + (f"-copy{i // len(lines)}" if i >= len(lines) else "")
        out.append(json.dumps(obj, ensure_ascii=False))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=WIKIPEDIA, help="JSONL corpus files")
    parser.add_argument("--times", default="1,2,4", help="multiples of the corpus (default: 1,2,4)")
    parser.add_argument("--docs", help="numbers of documents instead, e.g. 100,200,500")
    parser.add_argument("--jobs", type=int, help="eventcoder --jobs (default: every core)")
    parser.add_argument("--db", action="store_true", help="code into a store (extract --db)")
    args = parser.parse_args()
    lines = corpus_lines(args.paths)
    sizes = ([int(n) for n in args.docs.split(",")] if args.docs
             else [int(float(t) * len(lines)) for t in args.times.split(",")])
    print(f"corpus: {len(lines)} articles in {', '.join(p.name for p in args.paths)}"
          + (f"; extract --jobs {args.jobs}" if args.jobs else "") + ("; into a store" if args.db else ""))
    print(f"{'documents':>10}{'words':>12}{'seconds':>9}{'s/1k words':>11}{'words/s':>9}{'peak MB':>9}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            docs = corpus_of(lines, size)
            corpus = Path(tmp) / "corpus.jsonl"
            corpus.write_text("\n".join(docs) + "\n", encoding="utf-8")
            words = sum(len(next(v for k, v in json.loads(d).items() if k in ("text", "text_clean")).split())
                        for d in docs)
            command = [sys.executable, "-m", "eventcoder", "extract", str(corpus), "-q"]
            command += ["--db", str(Path(tmp) / "events.db")] if args.db else ["--format", "jsonl", "-o",
                                                                                str(Path(tmp) / "events.jsonl")]
            command += ["--jobs", str(args.jobs)] if args.jobs else []
            m = run_measured(command)
            if m.returncode not in (0, 1):  # 1: some lines not read (the corpus has an empty one)
                print(f"{size:>10} failed ({m.returncode}): {m.stderr.strip()[-300:]}")
                continue
            print(f"{size:>10}{words:>12,}{m.seconds:>9.1f}{1000 * m.seconds / words:>11.3f}"
                  f"{words / m.seconds:>9,.0f}{m.peak_mb:>9,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
