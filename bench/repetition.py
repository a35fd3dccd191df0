"""How coding one document grows with its length when it tells the same paragraph again and again: seconds,
seconds per 1,000 words, events and peak memory at each size. Growth is linear when seconds per 1,000 words stay
level: nothing a sentence does may cost more for every earlier sentence, event or claim of its document. Not a
test: figures vary with the machine.

    python bench/repetition.py                       # 50, 100, 200, 400 KB
    python bench/repetition.py --kb 100,200,400,1000 --profile 200

The document is built in memory: a paragraph of conflict news, written for this bench, told as often as needed.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time

from eventcoder.documents import Document
from eventcoder.pipeline import Coder

PARAGRAPH = (
    "On 3 March 2018, rebels attacked an army checkpoint in Hajin, killing five soldiers. "
    "The army shelled the town the next day. "
    "ISIL fighters captured the village of al-Susah after two days of clashes with the Syrian Democratic Forces. "
    "Three civilians were wounded when a car bomb exploded at a market in Deir ez-Zor. "
    "Local residents said the Syrian Army controlled the road to Abu Kamal."
)
# what comes between two tellings: a new paragraph each time, or one paragraph that never ends
SEPARATORS = {"paragraph": "\n\n", "line": "\n", "space": " "}


def document_of(kb: float, separator: str = "paragraph") -> tuple[Document, int]:
    """The paragraph told as often as it takes to make about `kb` kilobytes, as one document; how often."""
    told = PARAGRAPH + SEPARATORS[separator]
    times = max(1, round(kb * 1000 / len(told)))
    return Document(told * times, id=f"repeated-{times}"), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", default="50,100,200,400", help="document sizes in KB (default: 50,100,200,400)")
    parser.add_argument("--profile", type=float, help="profile coding a document of this many KB instead, and "
                                                       "print the functions that took most time")
    parser.add_argument("--separator", choices=sorted(SEPARATORS), default="paragraph",
                        help="what comes between two tellings (default: paragraph, a blank line)")
    args = parser.parse_args()
    coder = Coder()
    coder.extract("On 3 March 2018, rebels attacked Hajin.")  # load the model and the gazetteer before the clock
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(coder.code, document_of(args.profile, args.separator)[0])
        stats = pstats.Stats(profile).strip_dirs()
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(30)
        return 0
    print(f"paragraph: {len(PARAGRAPH)} characters, {len(PARAGRAPH.split())} words; told again after a "
          f"{args.separator}")
    # CPU seconds beside the clock's: on a shared machine the clock counts other processes' turns too
    print(f"{'KB':>7}{'times':>7}{'words':>9}{'seconds':>9}{'CPU s':>8}{'CPU s/1k words':>15}{'events':>8}"
          f"{'peak MB':>9}")
    for kb in (float(k) for k in args.kb.split(",")):
        doc, times = document_of(kb, args.separator)
        words = len(doc.text.split())
        started, cpu = time.perf_counter(), time.process_time()
        [coded] = coder.code(doc)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # of the run so far: sizes go up
        print(f"{len(doc.text) / 1000:>7.0f}{times:>7}{words:>9,}{seconds:>9.1f}{cpu:>8.1f}{1000 * cpu / words:>15.3f}"
              f"{len(coded.events):>8}{peak_mb:>9,.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
