"""report/page.py: the report page, its command, and the page in a real headless Chromium."""
import json
import os
import re
import struct
import subprocess
import sys

import pytest

from eventcoder import Document
from eventcoder.pipeline import ingest
from eventcoder.report import ReportFilters, render_report, write_report
from eventcoder.store import EventStore

from tests.browser import Chromium, find_chromium


def data_of(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)


# ------------------------------------------------------------ the base map


# ------------------------------------------------------------ what the report holds


def test_report_page_loads_nothing_and_keeps_document_text_inert(tmp_path, coder):
    db = tmp_path / "hostile.db"
    hostile = "</script><script>alert(1)</script> {{basemap}}"
    ingest([Document("On 3 May 2016, ISIL captured Hajin from the Syrian Army.", id="hostile", title=hostile)], db)
    with EventStore(db) as s:
        html = render_report(s, title="A <test> report")
    assert html.count("<script") == 2 and html.count("</script") == 2  # the data and the page's script
    assert "<title>A &lt;test&gt; report</title>" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", html)
    data = data_of(html)
    assert data["documents"][0]["title"] == hostile


def test_report_page_write_says_what_it_holds(store, tmp_path):
    summary = write_report(store, tmp_path / "r.html", ReportFilters(place="Raqqa"))
    assert (summary.events, summary.places, summary.control_places, summary.documents) == (2, 1, 1, 1)
    assert summary.bytes == (tmp_path / "r.html").stat().st_size
    assert render_report(store, ReportFilters(place="Raqqa")) == (tmp_path / "r.html").read_text(encoding="utf-8")


# ------------------------------------------------------------ the command


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventcoder", *args], capture_output=True, text=True, timeout=300)


def test_report_page_cli_writes_the_page_and_one_line(store, tmp_path):
    out = tmp_path / "hajin.html"
    r = run_cli("report", "--db", str(store.path), "-o", str(out), "--place", "Hajin")
    assert r.returncode == 0, r.stderr
    assert re.fullmatch(rf"eventcoder: {re.escape(str(out))}: 2 events at 1 places, control of 1 places, 1 documents; "
                        r"\d+\.\d MB in \d+\.\d s\n", r.stderr)
    assert data_of(out.read_text(encoding="utf-8"))["filters"] == {"place": "Hajin"}


@pytest.mark.parametrize("args, code, line", [
    (["--db", "{tmp}/none.db", "-o", "{tmp}/r.html"], 1,
     "eventcoder: error: {tmp}/none.db: no such store (make one with `eventcoder extract ... --db FILE`)\n"),
    (["--db", "{db}", "-o", "{tmp}/r.html", "--from", "June"], 2,
     "eventcoder: usage error: report: 'June' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n"),
    (["--db", "{db}", "-o", "{tmp}/no/such/dir/r.html"], 1,
     "eventcoder: error: {tmp}/no/such/dir/r.html: cannot write: no such folder '{tmp}/no/such/dir'\n"),
])
def test_report_page_cli_bad_input_is_one_line(store, tmp_path, args, code, line):
    fill = {"tmp": str(tmp_path), "db": str(store.path)}
    r = run_cli("report", *[a.format(**fill) for a in args])
    assert (r.returncode, r.stderr) == (code, line.format(**fill))


# ------------------------------------------------------------ in a real browser

REQUIRE_BROWSER = os.environ.get("EVENTCODER_REQUIRE_BROWSER") == "1"  # CI installs Chromium and sets this


@pytest.fixture(scope="module")
def browser():
    if find_chromium() is None:
        if REQUIRE_BROWSER:
            pytest.fail("Chromium is not installed (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with Chromium() as b:
        yield b


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory, coder):
    """The report of the bundled sample, made the way a user makes it."""
    folder = tmp_path_factory.mktemp("sample")
    db, html = folder / "sample.db", folder / "sample.html"
    assert run_cli("extract", "--sample", "--db", str(db), "-q").returncode == 0
    r = run_cli("report", "--db", str(db), "-o", str(html), "-q")
    assert r.returncode == 0, r.stderr
    return html


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.slow
@pytest.mark.browser
def test_report_page_sample_in_chromium_has_map_timeline_table_and_no_request(browser, sample_report, tmp_path):
    browser.events.clear()
    browser.open(sample_report, width=1280, height=900)
    assert browser.requested() == [sample_report.resolve().as_uri()]  # the file itself, and nothing else
    assert browser.problems() == []
    counts = browser.evaluate("""[
        document.querySelectorAll('#map .basemap path').length,
        document.querySelectorAll('#markers circle').length,
        document.querySelectorAll('#timeline rect').length > 0,
        document.querySelectorAll('#fatalities rect').length > 0,
        document.querySelectorAll('.control-place').length,
        document.querySelectorAll('#events tbody tr.event-row').length]""")
    # three places with a timeline: "captured the Deir ez-Zor Airport road" takes the road, not the airport
    assert counts == [4, 12, True, True, 3, 12]
    titles = browser.evaluate("Array.from(document.querySelectorAll('#markers circle title')).map(t => t.textContent)")
    assert "Hajīn — 2018-12-07, Non-state actor overtakes territory, 40 killed" in titles
    browser.evaluate("""Array.from(document.querySelectorAll('#markers circle'))
                        .find(c => c.textContent.startsWith('Hajīn — 2018-12-07'))
                        .dispatchEvent(new MouseEvent('click', {bubbles: true}))""")
    assert browser.evaluate("document.getElementById('filter-count').textContent") == "3 of 12 events at Hajīn"
    browser.evaluate("document.getElementById('filter-clear').click()")
    shot = browser.screenshot(tmp_path / "sample.png")
    assert png_size(shot)[0] == 1280 and png_size(shot)[1] > 900


@pytest.mark.slow
@pytest.mark.browser
def test_report_page_sample_in_chromium_table_sorts_filters_and_opens_evidence(browser, sample_report):
    browser.open(sample_report)
    dates = browser.evaluate("Array.from(document.querySelectorAll('#events tbody tr.event-row')).map(r => r.cells[0].textContent)")
    assert dates[0] == "2017-02" and "2018-12-07 – 2018-12-14" in dates  # a whole month reads as the month
    first = "document.querySelector('#events tbody tr.event-row td:nth-child(6)').textContent"
    browser.evaluate("document.querySelector('#events th[data-key=fat]').click()")
    assert browser.evaluate(first) == "40 (40–57)"  # most killed first
    browser.evaluate("""(() => { const i = document.getElementById('filter-text'); i.value = 'airport';
                         i.dispatchEvent(new Event('input')); })()""")
    browser.evaluate("new Promise(r => setTimeout(r, 400))")
    rows = browser.evaluate("Array.from(document.querySelectorAll('#events tbody tr.event-row')).map(r => r.cells[4].textContent)")
    assert rows == ["Deir ez-Zor Airport, Deir-ez-Zor, Syria"]
    assert browser.evaluate("document.getElementById('filter-count').textContent") == "1 of 12 events"
    browser.evaluate("document.querySelector('#events tbody tr.event-row').click()")
    marks = browser.evaluate("Array.from(document.querySelectorAll('tr.evidence-row mark')).map(m => [m.className, m.textContent])")
    assert marks == [["f-date", "Three days later"], ["f-actor1", "government forces"], ["f-trigger", "captured"],
                     ["f-location", "Deir ez-Zor Airport"], ["f-actor2", "ISIL"]]
    shown = browser.evaluate("Array.from(document.querySelectorAll('#markers circle')).filter(c => c.style.display !== 'none').length")
    assert shown == 1  # the map follows the filter


@pytest.mark.slow
@pytest.mark.browser
def test_report_page_sample_in_chromium_fits_a_phone(browser, sample_report, tmp_path):
    browser.open(sample_report, width=390, height=800, mobile=True)
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390
    assert browser.evaluate("getComputedStyle(document.querySelector('#events tbody tr.event-row')).display") == "block"
    assert png_size(browser.screenshot(tmp_path / "phone.png"))[0] == 390


@pytest.mark.slow
@pytest.mark.browser
def test_report_page_with_no_event_says_so_in_chromium(browser, store, tmp_path):
    page = tmp_path / "none.html"
    write_report(store, page, ReportFilters(country="IQ"))
    browser.events.clear()
    browser.open(page, width=1024, height=700)
    assert browser.problems() == []
    assert browser.evaluate("document.getElementById('summary').textContent") == (
        "No event in events.db in IQ. Widen the filters the report was made with (--place, --from, --to, --country).")
    assert browser.evaluate("document.querySelector('#events tbody').textContent") == "No event matches the filters."


@pytest.mark.slow
@pytest.mark.browser
def test_report_page_lists_tolls_over_a_period_apart_in_chromium(browser, store, tmp_path):
    page = tmp_path / "all.html"
    write_report(store, page, ReportFilters())
    browser.open(page, width=1024, height=700)
    assert browser.problems() == []
    assert browser.evaluate("Array.from(document.querySelectorAll('#periods li')).map(li => li.textContent)") == [
        "600 dead Since 3 December (told as of 2018-12-14), according to the text — hajin_report: "
        "“Since 3 December, 600 ISIL fighters had died.”"]
    summary = browser.evaluate("document.getElementById('summary').textContent")
    assert "23 fatalities (conservative)" in summary
    assert "Not in that sum: 1 toll over a period (600 dead), listed below the events." in summary
