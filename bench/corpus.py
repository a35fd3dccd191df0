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
from eventcoder.pipeline import default_coder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="code at most N documents")
    parser.add_argument("--parse-all", action="store_true", help="parse every sentence (extract --parse-all)")
    args = parser.parse_args()
    started = time.perf_counter()
    default_coder().event_coder  # load the model, the gazetteer and the lexicons before the clock starts
    loaded = time.perf_counter()
    docs = [d for d in iter_documents(args.paths) if isinstance(d, Document)]
    if args.limit:
        docs = docs[:args.limit]
    words = sum(len(d.text.split()) for d in docs)
    events = sentences = parsed = 0
    coding = time.perf_counter()
    coder = default_coder().with_options(parse_all=args.parse_all)
    for coded in coder.iter_code(docs):
        events += len(coded.events)
        sentences += coded.sentences
        parsed += coded.parsed
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents={len(docs)} words={words} events={events} load_s={loaded - started:.1f} "
          f"code_s={done - coding:.1f} words_per_s={words / max(done - coding, 1e-9):.0f} peak_rss_mb={peak_mb:.0f} "
          f"sentences={sentences} parsed={parsed / max(sentences, 1):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
