import csv
import io
import json
import os
import subprocess
import sys

import pytest

from eventcoder.cli import Progress, build_parser, main
from eventcoder.documents import Document, ReadProgress
from eventcoder.export import PERIOD_COLUMNS
from eventcoder.model import ACLED_COLUMNS, EXTRA_COLUMNS
from eventcoder.store import EventStore

REPORT = "On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_good_and_bad_inputs_together(tmp_path, capsys, coder):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "blob.bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "n1", "text": "On 4 May 2016, ISIL captured Arak from the Syrian Army."}) + "\n"
        + '{"id": "n2", "text": "cut off\n'
        + json.dumps({"id": "n3", "text": "On 5 May 2016, the Syrian Army shelled Arak."}) + "\n", encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("good.txt", "blob.bin.txt", "missing.txt", "empty.txt", "feed.jsonl")]
    code, out, err = run(capsys, "extract", *paths, "--format", "jsonl")
    assert code == 1
    assert sorted({json.loads(l)["doc_id"] for l in out.splitlines()}) == ["good.txt", "n1", "n3"]
    assert err.replace(str(tmp_path) + "/", "").splitlines() == [
        "eventcoder: error: blob.bin.txt: binary file, not text",
        "eventcoder: error: missing.txt: no such file or directory",
        "eventcoder: error: empty.txt: empty document",
        "eventcoder: error: feed.jsonl:2: not valid JSON: Unterminated string starting at (column 22); is the line cut short?",
    ]
    assert "Traceback" not in err


def test_cli_csv_has_acled_columns_in_order(tmp_path, capsys, coder):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(tmp_path / "r.txt"), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0
    assert rows[0] == ACLED_COLUMNS + EXTRA_COLUMNS
    row = dict(zip(rows[0], rows[1]))
    assert (row["event_date"], row["sub_event_type"], row["location"], row["iso"]) == (
        "2017-03-02", "Government regains territory", "Tadmur", "760")


def test_cli_jsonl_evidence_points_into_the_input(tmp_path, capsys, coder):
    text = "[4] Fighting went on.\n" + "[5] " + REPORT
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    _, out, _ = run(capsys, "extract", str(tmp_path / "r.txt"), "--format", "jsonl")
    [event] = [json.loads(l) for l in out.splitlines()]
    [ev] = event["evidence"]
    assert text[ev["char_start"]:ev["char_end"]] == REPORT.strip() == ev["text"]
    assert set(EXTRA_COLUMNS) <= set(event)


def test_cli_geojson(tmp_path, capsys, coder):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    _, out, _ = run(capsys, "extract", str(tmp_path / "r.txt"), "--format", "geojson")
    doc = json.loads(out)
    [feature] = doc["features"]
    assert feature["geometry"]["type"] == "Point"
    assert [round(c) for c in feature["geometry"]["coordinates"]] == [38, 35]


def test_cli_output_file_and_summary(tmp_path, capsys, coder):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(tmp_path / "r.txt"), "-o", str(tmp_path / "out.csv"))
    assert (code, out) == (0, "")
    assert err.startswith("eventcoder: 1 events from 1 documents in ")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("event_id_cnty,event_date,")


def test_cli_summary_counts_events_with_a_side_no_text_named(tmp_path, capsys, coder):
    # no event is lost for want of a named side; the summary says how many took the country's generic actor
    (tmp_path / "r.txt").write_text("On 7 July 2021, fighting broke out in Bunia.\n"
                                    "On 8 July 2021, the army shelled Bunia.\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(tmp_path / "r.txt"), "-o", str(tmp_path / "out.csv"))
    assert code == 0
    assert "2 events from 1 documents in " in err
    assert ("; 1 with an actor1 no text named, coded as the country's generic actor (ACTOR1_GENERIC_OF_COUNTRY)"
            in err)


def test_cli_summary_says_which_candidate_events_it_let_go_and_why(tmp_path, capsys, coder):
    (tmp_path / "r.txt").write_text("On 7 July 2021, the army did not attack Bunia.\n"
                                    "On 8 July 2021, the rebels planned to attack Beni.\n"
                                    "On 9 July 2021, the army shelled Bunia after retaking Mambasa.\n",
                                    encoding="utf-8")
    code, _, err = run(capsys, "extract", str(tmp_path / "r.txt"), "-o", str(tmp_path / "out.csv"))
    assert code == 0
    assert err.rstrip().endswith("; 3 candidate events let go: negated or in another sense 1, not told as having "
                                 "happened 1, the background of another event 1; 3 of 3 sentences parsed (100%)")


def test_cli_parses_only_what_may_tell_an_event_unless_told_to_parse_all(tmp_path, capsys, coder):
    (tmp_path / "r.txt").write_text("Most people of Hajin are farmers. On 3 May 2016, ISIL captured the town. "
                                    "The town lies on the Euphrates.\n", encoding="utf-8")
    rows = {}
    for flag in ([], ["--parse-all"]):
        out = tmp_path / f"out{len(flag)}.csv"
        code, _, err = run(capsys, "extract", str(tmp_path / "r.txt"), "-o", str(out), *flag)
        assert code == 0
        rows[bool(flag)] = out.read_text(encoding="utf-8")
        assert err.rstrip().endswith("; 3 of 3 sentences parsed (100%)" if flag else "; 2 of 3 sentences parsed (67%)")
    assert rows[True] == rows[False] and "Hajīn" in rows[True]


def test_cli_demo_codes_the_bundled_sample(capsys, coder):
    code, out, _ = run(capsys, "demo", "--format", "jsonl")
    events = [json.loads(l) for l in out.splitlines()]
    assert code == 0 and len(events) >= 10
    assert {"hajin_december_2018.txt", "palmyra_march_2017.txt", "deir_ez_zor_september_2017.txt"} == {
        e["doc_id"] for e in events}


@pytest.mark.parametrize("argv, message", [
    (["extract"], "eventcoder: usage error: extract: give at least one PATH, - for standard input, or --sample\n"),
    (["extract", "x.txt", "--min-confidence", "2"], "eventcoder: usage error: extract: --min-confidence must be between 0 and 1\n"),
    (["timex"], "eventcoder: usage error: timex: give at least one PATH, or - for standard input\n"),
    (["extract", "x.txt", "--min-confidence", "-0.1"], "eventcoder: usage error: extract: --min-confidence must be between 0 and 1\n"),
    (["extract", "x.txt", "--jobs", "0"], "eventcoder: usage error: extract: --jobs must be at least 1\n"),
    (["extract", "x.txt", "--db", "x.db", "--batch-size", "0"], "eventcoder: usage error: extract: --batch-size must be at least 1\n"),
    (["geocode", "Hajin", "--country", "xx"], "eventcoder: usage error: geocode: --country xx: not an ISO alpha-2 country code (e.g. SY, IQ)\n"),
    (["query", "--db", "{db}", "--to", "2019-13"], "eventcoder: usage error: query: '2019-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n"),
])
def test_cli_usage_errors_exit_2(capsys, tmp_path, argv, message):
    """The library checks the values (an OptionError); the CLI prints the one line, its flag named as typed."""
    db = tmp_path / "empty.db"
    EventStore(db).close()
    code, _, err = run(capsys, *[a.format(db=db) for a in argv])
    assert (code, err) == (2, message)
    assert not (tmp_path / "x.db").exists()  # refused before anything was made


def test_cli_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["extract", "x.txt", "--format", "xml"])
    assert exit_.value.code == 2


def test_cli_every_command_has_help():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) >= {"extract", "demo", "timex"}
    for name, sub in commands.items():
        assert sub.description, f"{name} has no description"
        for action in sub._actions:
            assert action.help, f"{name} {action.dest} has no help"


@pytest.mark.slow
def test_cli_reads_stdin_as_a_subprocess():
    result = subprocess.run([sys.executable, "-m", "eventcoder", "extract", "-", "--format", "jsonl"],
                            input=json.dumps({"id": "s", "text": REPORT}) + "\n", capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert [json.loads(l)["doc_id"] for l in result.stdout.splitlines()] == ["s"]


def test_cli_timex_jsonl_points_into_the_original_text(tmp_path, capsys):
    text = "<p>On 8 December 2016 [3] the offensive began.</p>\n<p>The next day, the town fell.</p>"
    (tmp_path / "r.html").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "timex", str(tmp_path / "r.html"), "--format", "jsonl")
    rows = [json.loads(l) for l in out.splitlines()]
    assert code == 0 and err == ""
    assert [(r["text"], r["type"], r["value"], r["anchor"], r["mode"]) for r in rows] == [
        ("8 December 2016", "DATE", "2016-12-08", None, "narrative"),
        ("The next day", "DATE", "2016-12-09", "2016-12-08", "narrative")]
    assert [text[r["start"]:r["end"]] for r in rows] == ["8 December 2016", "The next day"]
    assert (rows[1]["doc_id"], rows[1]["date_start"], rows[1]["date_end"], rows[1]["rule"]) == (
        "r.html", "2016-12-09", "2016-12-09", "REL_NEXT_DAY")


def test_cli_timex_news_mode_from_the_jsonl_date_and_its_override(tmp_path, capsys):
    (tmp_path / "n.jsonl").write_text(json.dumps({"id": "n1", "text": "The town fell yesterday.",
                                                 "date": "2016-12-08"}) + "\n", encoding="utf-8")
    _, out, _ = run(capsys, "timex", str(tmp_path / "n.jsonl"), "--format", "jsonl")
    assert [(r["value"], r["mode"]) for r in map(json.loads, out.splitlines())] == [("2016-12-07", "news")]
    _, out, _ = run(capsys, "timex", str(tmp_path / "n.jsonl"), "--format", "csv", "--time-mode", "narrative")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["text"], r["mode"]) for r in rows] == [("yesterday", "narrative")]


def test_cli_timex_bad_inputs_are_one_line_each(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("On 8 December 2016 the town fell.", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    code, out, err = run(capsys, "timex", str(tmp_path / "good.txt"), str(tmp_path / "blob.txt"), "--format", "table")
    assert code == 1
    assert out.splitlines()[-1] == "1 time expression"
    assert err.replace(str(tmp_path) + "/", "") == "eventcoder: error: blob.txt: binary file, not text\n"


def test_cli_store_query_stats_control(tmp_path, capsys, coder):
    # facts: the SDF took al-Baghuz Fawqani on 23 March 2019 (Wikipedia)
    (tmp_path / "a.txt").write_text("On 23 March 2019, the SDF captured Baghouz from ISIL.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("On 23 March 2019, the Syrian Democratic Forces captured al-Baghuz Fawqani "
                                    "from the Islamic State.\n", encoding="utf-8")
    db = str(tmp_path / "events.db")
    code, out, err = run(capsys, "extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db)
    assert (code, out) == (0, "")  # with --db, events go to the store; printed only when asked for
    assert "2 documents added, 0 replaced, 0 unchanged; 2 events coded, 1 of them told already" in err
    code, out, err = run(capsys, "extract", str(tmp_path / "a.txt"), "--db", db)
    assert "0 documents added, 0 replaced, 1 unchanged" in err
    outputs = []
    for name in ("Baghouz", "al-Baghuz Fawqani", "Baghuz"):
        code, out, _ = run(capsys, "query", "--db", db, "--place", name, "--format", "jsonl")
        outputs.append(out)
    [event] = [json.loads(line) for line in outputs[0].splitlines()]
    assert outputs[0] == outputs[1] == outputs[2]
    assert (event["location"], event["doc_ids"]) == ("Al-Baghuz Fawqani", ["a.txt", "b.txt"])
    code, out, _ = run(capsys, "query", "--db", db, "--actor", "ISIS", "--format", "geojson")
    assert json.loads(out)["features"][0]["geometry"]["coordinates"] == [event["longitude"], event["latitude"]]
    code, out, _ = run(capsys, "stats", "--db", db, "--by", "type", "--format", "csv")
    assert out.splitlines() == ["type,events,fatalities", "Battles,1,0"]
    code, out, _ = run(capsys, "stats", "--db", db, "--periods", "--format", "csv")
    assert out.splitlines() == [",".join(PERIOD_COLUMNS)]  # no toll over a period was told
    code, out, _ = run(capsys, "control", "Baghuz", "--db", db, "--format", "jsonl")
    [row] = [json.loads(line) for line in out.splitlines()]
    assert (row["date"], row["controller"], row["previous"], row["event_id"]) == (
        "2019-03-23", "QSD: Syrian Democratic Forces", "Islamic State", event["event_id_cnty"])
    assert [a["doc_id"] for a in row["also"]] == ["b.txt"]  # the second document's words for the same capture


def test_cli_stats_keeps_tolls_over_a_period_apart(tmp_path, capsys, coder):
    (tmp_path / "a.txt").write_text("On 14 December 2018, the SDF captured Hajin from ISIL, killing 12 fighters. "
                                    "Since 10 September, 900 ISIL fighters had died.\n", encoding="utf-8")
    db = str(tmp_path / "events.db")
    run(capsys, "extract", str(tmp_path / "a.txt"), "--db", db, "-q")
    code, out, err = run(capsys, "stats", "--db", db, "--by", "type", "--format", "csv")
    assert (code, out.splitlines()) == (0, ["type,events,fatalities", "Battles,1,12"])
    assert err == ("eventcoder: not in these sums: 1 toll over a period (900 dead); `stats --periods` lists "
                   "them\n")
    code, out, err = run(capsys, "stats", "--db", db, "--periods", "--format", "jsonl")
    [row] = [json.loads(line) for line in out.splitlines()]
    assert (row["doc_id"], row["total"], row["period"], row["as_of"]) == ("a.txt", 900, "Since 10 September", "2018-12-14")
    assert row["evidence"] == "Since 10 September, 900 ISIL fighters had died."


def test_cli_store_errors_are_one_line(tmp_path, capsys):
    code, out, err = run(capsys, "query", "--db", str(tmp_path / "missing.db"))
    assert code == 1 and err.count("\n") == 1 and "missing.db: no such store" in err
    (tmp_path / "junk.db").write_bytes(b"\x00junk" * 500)
    code, out, err = run(capsys, "stats", "--db", str(tmp_path / "junk.db"), "--by", "month")
    assert code == 1 and err.count("\n") == 1 and "not an eventcoder store" in err
    code, out, err = run(capsys, "query", "--db", str(tmp_path / "junk.db"), "--km", "5")
    assert code == 2 and "--km goes with --near" in err


def test_cli_progress_line_shows_documents_speed_and_time_left():
    read = ReadProgress(total=1000)
    progress = Progress(enabled=True, what="events", read=read, draw=False)
    start = progress.started
    # before any document is done: what it is doing, and for how long
    assert progress.line(start + 0.4) == "eventcoder: reading the inputs (0 s)"
    docs = [Document("one two three four", id="a"), Document(" ".join(["word"] * 20), id="b"),
            Document("five six", id="c")]
    for doc, end in zip(docs, (300, 500, 600)):
        read.done = end
        progress.read(doc)
    assert progress.line(start + 3.2) == ("eventcoder: loading the model and coding the first documents, 3 read "
                                          "(3 s)")
    coding = progress._coding
    progress.coded(docs[0], 4, now=coding + 12.0)
    # the first back: 4 words in 12 s since the first went to the coder; no time left from it, which would
    # count loading the model as coding
    assert progress.line(coding + 12.0) == "eventcoder: 1 documents, 4 events, 0 words/s, 30%"
    progress.coded(docs[1], 7, now=coding + 22.0)
    # since the first came back: 200 bytes in 10 s, 500 to go
    assert progress.line(coding + 22.0) == "eventcoder: 2 documents, 7 events, 1 words/s, 50%, 25 s left"
    assert progress.line(coding + 30.0).endswith("50%, 17 s left")  # counted down until the next comes back
    progress.coded(docs[2], 9, now=coding + 3012.0)
    assert progress.line(coding + 3012.0).endswith("60%, 1 h 06 min left")  # 300 bytes in 3,000 s, 400 to go


def test_cli_progress_time_left_holds_steady_when_documents_come_back_in_chunks():
    # a pool returns 20 documents of 250 bytes every 5 s after a first wait of 20 s (loading the model): once
    # 5% is done, the time it says the run will take, read every second, stays within a factor of two
    read = ReadProgress(total=100_000)
    progress = Progress(enabled=True, read=read, draw=False)
    docs = [Document("word " * 50, id=str(i)) for i in range(400)]
    for doc in docs:
        read.done += 250
        progress.read(doc)
    coding = progress._coding
    finish = coding + 20 + 5 * 19
    done, totals = 0, []
    for second in range(1, int(finish - coding)):
        now = coding + second
        while done < len(docs) and now >= coding + 20 + 5 * (done // 20):
            progress.coded(docs[done], done, now=now)
            done += 1
        left = progress.elapsed_left(now)
        if left is not None:
            totals.append(now - coding + left)
    assert len(totals) > 85 and max(totals) / min(totals) <= 2.0  # from the second chunk (10% done) on
    assert abs(totals[-1] - (finish - coding)) < 10  # and near the truth by the end


def test_cli_classify_jsonl_one_row_per_document(tmp_path, capsys, classifier):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": "Security forces arrested ten men in the capital."}) + "\n"
                    + "{broken\n"
                    + json.dumps({"id": "b", "text": "Heavy rain flooded the valley on Monday."}) + "\n",
                    encoding="utf-8")
    assert main(["classify", str(docs), "--format", "jsonl", "--quiet"]) == 1
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["doc_id"], r["sub_event_type"]) for r in rows] == [("a", "Arrests"), ("b", "NONE")]
    assert err.count("\n") == 1 and "docs.jsonl" in err and err.startswith("eventcoder: error:")


def test_cli_geocode_jsonl_and_bad_near(capsys):
    from eventcoder.cli import main
    assert main(["geocode", "Dayr az Zawr", "Baghouz", "--country", "SY", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["query"], r["admin1"], r["geo_precision"]) for r in rows] == [
        ("Dayr az Zawr", "Deir-ez-Zor", 1), ("Baghouz", "Deir-ez-Zor", 1)]
    assert main(["geocode", "Hajin", "--near", "north"]) == 2
    assert "--near takes LAT,LON" in capsys.readouterr().err


def test_cli_gazetteer_import_reports_bad_rows_and_exits_1(tmp_path):
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("name,latitude,longitude,country\nTall Test,35.1,40.1,SY\nBad,,40.1,SY\n", encoding="utf-8")
    env = dict(os.environ, EVENTCODER_PLACES=str(tmp_path / "places.sqlite"))
    run = subprocess.run([sys.executable, "-m", "eventcoder.cli", "gazetteer", "import", str(csv_file)],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert f"eventcoder: error: {csv_file}:3: Bad: latitude and longitude must be numbers" in run.stderr
    assert "1 places imported, 1 bad rows left out" in run.stderr
    run = subprocess.run([sys.executable, "-m", "eventcoder.cli", "geocode", "Tal Test", "--format", "jsonl"],
                         capture_output=True, text=True, env=env)
    assert json.loads(run.stdout)["name"] == "Tall Test"


# ---------------------------------------------------------------- outputs, paths and odd inputs (issue 24)

def test_cli_store_skips_a_corpus_however_its_path_is_typed(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "b").mkdir()
    (corpus / "a" / "report.txt").write_text(REPORT, encoding="utf-8")
    (corpus / "b" / "report.txt").write_text("On 5 May 2016, the Syrian Army shelled Arak.\n", encoding="utf-8")
    (corpus / "feed.jsonl").write_text(json.dumps({"text": "On 4 May 2016, ISIL captured Arak."}) + "\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "extract", "corpus", "--db", "s.db")
    assert code == 0 and "3 documents added, 0 replaced, 0 unchanged" in err
    for spelling in ("./corpus/", str(corpus), "corpus/a/.."):
        code, _, err = run(capsys, "extract", spelling, "--db", "s.db")
        assert (code, "0 documents added, 0 replaced, 3 unchanged" in err) == (0, True), spelling
    with EventStore("s.db") as store:
        assert [r[0] for r in store.conn.execute("SELECT doc_id FROM documents ORDER BY doc_id")] == [
            "a/report.txt", "b/report.txt", "feed.jsonl:1"]


def test_cli_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "n1", "text": REPORT}) + "\n", encoding="utf-8")
    before = feed.read_bytes()
    code, out, err = run(capsys, "extract", str(feed), "-o", str(feed))
    assert (code, feed.read_bytes()) == (1, before)
    assert err.replace(str(tmp_path) + "/", "") == (
        "eventcoder: error: feed.jsonl: is also an input: writing to it would destroy it; choose another output\n")
    # a file the next run would read as a document, in the folder it reads
    code, out, err = run(capsys, "extract", str(tmp_path), "-o", str(tmp_path / "events.jsonl"), "-f", "jsonl")
    assert code == 1 and not (tmp_path / "events.jsonl").exists()
    assert err.replace(str(tmp_path), "T") == ("eventcoder: error: T/events.jsonl: is inside the input folder T, "
                                               "where the next run would read it as a document; write it elsewhere\n")


def test_cli_rows_of_a_store_written_over_the_store_are_refused(tmp_path, capsys):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run(capsys, "extract", str(tmp_path / "r.txt"), "--db", db, "-q")[0] == 0
    for argv in (["query"], ["stats", "--by", "month"], ["control", "Palmyra"]):
        code, out, err = run(capsys, *argv, "--db", db, "-o", db)
        assert (code, err) == (1, f"eventcoder: error: {db}: is also an input: writing to it would destroy it; "
                                  "choose another output\n")
    with EventStore(db, create=False) as store:
        assert store.counts()["events"] == 1


def test_cli_a_failed_run_leaves_an_earlier_output_as_it_was(tmp_path, capsys):
    out = tmp_path / "events.csv"
    out.write_text("earlier\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(tmp_path / "missing.txt"), "-o", str(out))
    assert (code, out.read_text(encoding="utf-8")) == (1, "earlier\n")
    assert sorted(os.listdir(tmp_path)) == ["events.csv"]  # no part-written file left behind
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    code, _, _ = run(capsys, "extract", str(tmp_path / "r.txt"), "-o", str(out), "-q")
    assert code == 0 and out.read_text(encoding="utf-8").splitlines()[0] == ",".join(ACLED_COLUMNS + EXTRA_COLUMNS)
    assert sorted(os.listdir(tmp_path)) == ["events.csv", "r.txt"]


@pytest.mark.parametrize("command", ["extract", "timex"])
def test_cli_an_output_that_cannot_be_written_is_one_line(tmp_path, capsys, command):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    problems = {str(tmp_path / "no" / "out.csv"): f"cannot write: no such folder {str(tmp_path / 'no')!r}",
                str(tmp_path): "cannot write: it is a directory",
                "/dev/full": "cannot write (No space left on device)"}
    for target, problem in problems.items():
        code, out, err = run(capsys, command, str(tmp_path / "r.txt"), "-o", target, "-q")
        assert (code, err) == (1, f"eventcoder: error: {target}: {problem}\n")


def test_cli_quiet_silences_warnings_but_never_errors(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": REPORT, "date": "spring 2017"}) + "\n" + '{"text": "cut\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", str(feed), "-q", "-f", "jsonl")
    assert code == 1 and len(out.splitlines()) == 1
    assert err.replace(str(tmp_path) + "/", "") == (
        "eventcoder: error: feed.jsonl:2: not valid JSON: Unterminated string starting at (column 10); is the "
        "line cut short?\n")


@pytest.mark.parametrize("argv, message", [
    (["extract", "R", "--max-chars", "-1"], "extract: --max-chars must be at least 1 (not -1)"),
    (["extract", "R", "--pipe-timeout", "0"], "extract: --pipe-timeout must be more than 0 seconds (not 0.0)"),
    (["query", "--db", "DB", "--near", "35.3,40.1", "--km", "-5"], "query: --km must be a distance more than 0 (not -5)"),
])
def test_cli_a_value_out_of_range_is_a_usage_error(tmp_path, capsys, argv, message):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    argv = [str(tmp_path / "r.txt") if a == "R" else str(tmp_path / "s.db") if a == "DB" else a for a in argv]
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (2, "", f"eventcoder: usage error: {message}\n")


def test_cli_csv_cells_a_spreadsheet_would_run_are_made_inert(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "=1+1", "text": REPORT, "source": "@SUM(A1:A9)\rnext"}) + "\n", encoding="utf-8")
    for options, cells in ((["-f", "csv"], ("'=1+1", "'@SUM(A1:A9)\nnext")),
                           (["-f", "csv", "--raw-csv"], ("=1+1", "@SUM(A1:A9)\nnext"))):
        code, out, _ = run(capsys, "extract", str(feed), *options)
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert [(r["doc_id"], r["source"]) for r in rows] == [cells]  # one row: the CR did not end it
        assert rows[0]["longitude"] == "38.284"  # a number stays a number, even one that could be negative


def test_cli_a_table_shows_control_characters_and_never_sends_them(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x\x1b[2Jy", "text": "Fighting began on 8 December 2016.", "date": "2016-12-20"})
                    + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "timex", str(feed), "-f", "table")
    assert code == 0 and "\x1b" not in out
    assert out.splitlines()[1].startswith("x\\x1b[2Jy  ")


@pytest.mark.slow
def test_cli_says_so_while_the_place_index_is_built_the_first_time(tmp_path):
    env = dict(os.environ, EVENTCODER_CACHE=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-m", "eventcoder", "extract", "-", "-f", "jsonl"], input=REPORT,
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1
    assert result.stderr.splitlines()[0] == ("eventcoder: building the place index, once for this version (about "
                                             "half a minute)")
    again = subprocess.run([sys.executable, "-m", "eventcoder", "extract", "-", "-f", "jsonl"], input=REPORT,
                           capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0 and "building the place index" not in again.stderr
