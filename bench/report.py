"""The HTML report: how long `eventcoder report` takes and how much memory, how big the file is, and how long a
real headless Chromium takes to show it, at desktop and phone widths, with a screenshot of each.

    python bench/report.py                        # the bundled sample (coded into a temporary store first)
    python bench/report.py --db events.db         # any store, e.g. the whole Wikipedia corpus made by extract --db
    python bench/report.py --db events.db --out shots/   # keep the HTML and the screenshots

"Shown" is from the navigation to the page's own script saying it has drawn everything (map markers, timeline,
control bands, the first page of the table). "Filter" is the time from typing a word into the filter box to the
map, timeline and table redrawn. Needs Chromium (apt-get install chromium); tests/browser.py drives it.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import Chromium  # noqa: E402
from measure import run_measured  # noqa: E402

WIDTHS = {"desktop": (1280, 900, False), "phone": (390, 800, True)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="the store to report on (default: the bundled sample, coded first)")
    ap.add_argument("--out", type=Path, help="keep the report and its screenshots in this folder")
    ap.add_argument("--filter", default="airstrike", help="a word to type into the filter box")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="eventcoder-report-"))
    out = args.out or work
    out.mkdir(parents=True, exist_ok=True)
    eventcoder = [sys.executable, "-m", "eventcoder"]
    db = args.db
    if db is None:
        db = work / "sample.db"
        subprocess.run([*eventcoder, "extract", "--sample", "--db", str(db), "-q"], check=True)
    html = out / (db.stem + ".html")
    m = run_measured([*eventcoder, "report", "--db", str(db), "-o", str(html)])
    if m.returncode:
        print(m.stderr, file=sys.stderr)
        return 1
    print(m.stderr.strip())
    print(f"report: {m.seconds:.1f} s, peak {m.peak_mb:,.0f} MB, file {html.stat().st_size / 1e6:.2f} MB")
    with Chromium(timeout=300) as browser:
        for name, (width, height, mobile) in WIDTHS.items():
            browser.events.clear()
            shown = browser.open(html, width=width, height=height, mobile=mobile)
            requests = [u for u in browser.requested() if u != html.resolve().as_uri()]
            started = time.monotonic()
            browser.evaluate(f"""(() => {{ const i = document.getElementById('filter-text'); i.value = {args.filter!r};
                                 i.dispatchEvent(new Event('input')); }})()""")
            browser.evaluate("new Promise(r => setTimeout(r, 160))")  # the box waits 150 ms for more typing
            browser.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            filtered = time.monotonic() - started - 0.16
            count = browser.evaluate("document.getElementById('filter-count').textContent")
            browser.evaluate("document.getElementById('filter-clear').click()")
            shot = browser.screenshot(out / f"{db.stem}-{name}.png", max_height=6000)
            print(f"{name} {width}px: shown in {shown:.2f} s, filter {args.filter!r} in {filtered:.2f} s "
                  f"({count}), requests beyond the file: {len(requests)}, problems: {browser.problems() or 'none'}; "
                  f"{shot}")
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
