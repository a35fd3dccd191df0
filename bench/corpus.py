"""Speed and memory of `eventcoder extract` over a corpus: prints documents, words, events, seconds, words per
second and peak memory. Not a test: figures vary with the machine.

    python bench/corpus.py ../shared/corpus/wikipedia/battles.jsonl [--limit N]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time

from eventcoder.documents import Document, iter_documents
from eventcoder.pipeline import default_coder, iter_extract


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="code at most N documents")
    args = parser.parse_args()
    started = time.perf_counter()
    default_coder().event_coder  # load the model, the gazetteer and the lexicons before the clock starts
    loaded = time.perf_counter()
    docs = [d for d in iter_documents(args.paths) if isinstance(d, Document)]
    if args.limit:
        docs = docs[:args.limit]
    words = sum(len(d.text.split()) for d in docs)
    events = 0
    coding = time.perf_counter()
    for _, found in iter_extract(docs):
        events += len(found)
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents={len(docs)} words={words} events={events} load_s={loaded - started:.1f} "
          f"code_s={done - coding:.1f} words_per_s={words / max(done - coding, 1e-9):.0f} peak_rss_mb={peak_mb:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
