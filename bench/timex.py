"""Time expressions: TempEval-3 value and span F1, tagging speed, and the share of `extract` spent dating.
Not a test: figures vary with the machine.

    python bench/timex.py                    # TempEval-3 TimeBank and AQUAINT, with ../shared/eval/score_timex.py
    python bench/timex.py --speed ../shared/corpus/wikipedia/battles.jsonl [--limit N] [--extract N]

--extract N codes the first N documents with `extract` and reports how much of that time went to dating.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventcoder.documents import Document, iter_documents
from eventcoder.pipeline import default_coder, iter_timex

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def tempeval(shared: Path) -> None:
    for name in ("timebank", "aquaint"):
        gold = shared / "bench" / "tempeval3" / f"{name}_timex.jsonl"
        with tempfile.TemporaryDirectory() as tmp:
            docs, out = Path(tmp) / "docs.jsonl", Path(tmp) / "tx.jsonl"
            with open(gold, encoding="utf-8") as f, open(docs, "w", encoding="utf-8") as d:
                for line in f:
                    r = json.loads(line)
                    d.write(json.dumps({"id": r["doc_id"], "text": r["text"], "date": r["dct"]}) + "\n")
            subprocess.run([sys.executable, "-m", "eventcoder.cli", "timex", str(docs), "--format", "jsonl", "-o",
                            str(out), "-q"], check=True)
            score = subprocess.run([sys.executable, str(shared / "eval" / "score_timex.py"), str(gold), str(out)],
                                   capture_output=True, text=True)
            print(f"{name}: {score.stdout.strip()}")


def speed(paths: list[str], limit: int, extract_docs: int) -> None:
    docs = [d for d in iter_documents(paths) if isinstance(d, Document)]
    if limit:
        docs = docs[:limit]
    words = sum(len(d.text.split()) for d in docs)
    started = time.perf_counter()
    found = sum(len(t) for _, _, t in iter_timex(docs))
    took = time.perf_counter() - started
    print(f"timex: documents={len(docs)} words={words} expressions={found} s={took:.1f} "
          f"words_per_s={words / max(took, 1e-9):.0f}")
    if extract_docs:
        coder = default_coder().event_coder
        tag, spent = coder.dates.tag, [0.0]

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return tag(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t0

        coder.dates.tag = timed
        t0 = time.perf_counter()
        events = sum(len(e) for _, e in coder.code(docs[:extract_docs]))
        total = time.perf_counter() - t0
        print(f"extract: documents={min(extract_docs, len(docs))} events={events} s={total:.1f} "
              f"dating_s={spent[0]:.1f} dating_share={100 * spent[0] / total:.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", nargs="*", metavar="PATH", help="time the tagger over these corpora instead")
    parser.add_argument("--limit", type=int, default=0, help="at most N documents")
    parser.add_argument("--extract", type=int, default=0, metavar="N", help="also code N documents with extract")
    parser.add_argument("--shared", default=str(SHARED), help="the shared folder (default: ../shared)")
    args = parser.parse_args()
    if args.speed:
        speed(args.speed, args.limit, args.extract)
    else:
        tempeval(Path(args.shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
