"""Throughput of `eventcoder extract` against the bare spaCy small pipeline on the same text, in the same run:
words/s, documents/s and peak memory (of the whole process tree) of each, and their ratio. Not a test: figures vary
with the machine.

    python bench/throughput.py                      # every 5th article of ../shared/corpus/wikipedia (105)
    python bench/throughput.py --every 1            # the whole corpus (525 articles)
    python bench/throughput.py --jobs 1,2 --bare-processes 1,2

Both sides are timed from start to exit, loading included, as a user meets them. Bare spaCy parses exactly the
text eventcoder parses: each document's clean text (markup and infobox debris removed), in the same blocks of at
most 50,000 characters, with every component of en_core_web_sm on (`nlp.pipe`, batches of 4 blocks, `n_process`
processes). Words are the documents' own words (whitespace-separated), the same count for every row. `parsed`
is the share of sentences extract parsed (its summary line; the others could tell no event: events/gate.py);
`--parse-all` adds a row of extract parsing every sentence.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import WIKIPEDIA, corpus_lines, run_measured  # noqa: E402

BARE_BATCH = 4
PARSED = re.compile(r"sentences parsed \((\d+%)\)")


def bare_spacy(blocks_file: str, processes: int) -> None:
    """The bare pipeline over the blocks of `blocks_file` (one JSON string a line): run in a subprocess."""
    import spacy

    from eventcoder.nlp import DEFAULT_MODEL
    nlp = spacy.load(DEFAULT_MODEL)
    with open(blocks_file, encoding="utf-8") as f:
        texts = [json.loads(line) for line in f]
    for _ in nlp.pipe(texts, batch_size=BARE_BATCH, n_process=processes):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=WIKIPEDIA, help="JSONL corpus files")
    parser.add_argument("--every", type=int, default=5, help="take every Nth article (default: 5)")
    parser.add_argument("--jobs", default=None, help="eventcoder --jobs values to run, e.g. 1,2 (default: 1 and "
                                                     "every core)")
    parser.add_argument("--bare-processes", default="1", help="bare spaCy n_process values, e.g. 1,2 (default: 1)")
    parser.add_argument("--parse-all", action="store_true", help="also run extract --parse-all at each --jobs")
    parser.add_argument("--bare", help=argparse.SUPPRESS)  # internal: run bare spaCy over this blocks file
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare, int(args.bare_processes))
        return 0

    from eventcoder.documents import Document, clean_text, iter_documents
    from eventcoder.engines import available_cores
    from eventcoder.nlp import split_blocks

    cores = available_cores()
    jobs = [int(j) for j in args.jobs.split(",")] if args.jobs else sorted({1, cores})
    lines = corpus_lines(args.paths)[::args.every]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "slice.jsonl"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        docs = [d for d in iter_documents([str(corpus)]) if isinstance(d, Document)]
        words = sum(len(d.text.split()) for d in docs)
        blocks = Path(tmp) / "blocks.jsonl"
        with open(blocks, "w", encoding="utf-8") as f:
            for d in docs:
                for _, block in split_blocks(clean_text(d.text, d.kind).text):
                    f.write(json.dumps(block) + "\n")
        print(f"slice: {len(docs)} documents, {words:,} words (every {args.every} of {len(corpus_lines(args.paths))} "
              f"articles in {', '.join(p.name for p in args.paths)}); {cores} cores")
        print(f"{'run':<44}{'seconds':>9}{'words/s':>10}{'docs/s':>8}{'peak MB':>9}{'x bare':>8}{'parsed':>8}")
        baseline = None
        rows = []
        for n in [int(p) for p in args.bare_processes.split(",")]:
            m = run_measured([sys.executable, __file__, "--bare", str(blocks), "--bare-processes", str(n)])
            rows.append((f"bare spaCy sm, {n} process{'es' if n > 1 else ''}", m))
            baseline = baseline or m.seconds  # the first bare row: one process unless told otherwise
            _print(rows[-1], words, len(docs), baseline)
        for j in jobs:
            for every in ([False, True] if args.parse_all else [False]):
                out = Path(tmp) / f"events-{j}.jsonl"
                m = run_measured([sys.executable, "-m", "eventcoder", "extract", str(corpus), "--format", "jsonl",
                                  "-o", str(out), "--jobs", str(j)] + (["--parse-all"] if every else []))
                events = sum(1 for _ in open(out, encoding="utf-8")) if out.exists() else 0
                rows.append((f"extract --jobs {j}{' --parse-all' if every else ''} ({events:,} ev.)", m))
                _print(rows[-1], words, len(docs), baseline)
    return 0


def _print(row, words: int, docs: int, baseline: float) -> None:
    name, m = row
    if m.returncode != 0:
        print(f"{name:<44} failed ({m.returncode}): {m.stderr.strip()[-300:]}")
        return
    parsed = PARSED.search(m.stderr or "")  # extract's summary: "; N of M sentences parsed (P%)"
    print(f"{name:<44}{m.seconds:>9.1f}{words / m.seconds:>10,.0f}{docs / m.seconds:>8.2f}{m.peak_mb:>9,.0f}"
          f"{baseline / m.seconds:>8.2f}{parsed.group(1) if parsed else '':>8}")


if __name__ == "__main__":
    sys.exit(main())
