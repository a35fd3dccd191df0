"""evaluate.py and `eventcoder eval`: gold told apart by content, events paired as the dev scorers pair them, the
figures exact, a bad gold file one line; and, where the shared folder is beside the repository, the same figures
as its scorers print (score_acled.py, score_events.py)."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.cli import main
from eventcoder.errors import InputError, OptionError
from eventcoder.evaluate import (acled_date, evaluate, pair_rows, parse_floors, read_events, read_gold, read_texts,
                                 ucdp_type)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# invented rows: two notes, three gold rows; the coder found the two events of the first note only
FORCES = {"actor1": "Military Forces of Ruritania (2010-)", "inter1": 1, "actor2": "Red Brigade", "inter2": 2}
RAID = {"actor1": "Red Brigade", "inter1": 2, "actor2": "Civilians (Ruritania)", "inter2": 7}
PLACE = {"admin1": "North", "country": "Ruritania"}
GOLD_ROWS = [
    {"doc_id": "n1", "text": "On 4 March 2021, soldiers fought the Red Brigade at Alpha; three died. The brigade then "
                             "killed a farmer in Beta.", "event_date": "4-Mar-21", "event_type": "Battles",
     "sub_event_type": "Armed clash", "latitude": "10.0", "longitude": "20.0", "fatalities": "3", **FORCES, **PLACE},
    {"doc_id": "n1", "text": "(the same note)", "event_date": "4-Mar-21", "event_type": "Violence against civilians",
     "sub_event_type": "Attack", "latitude": "10.5", "longitude": "20.0", "fatalities": "1", **RAID, **PLACE},
    {"doc_id": "n2", "text": "On 5 March 2021, teachers marched in Gamma.", "event_date": "5-Mar-21",
     "event_type": "Protests", "sub_event_type": "Peaceful protest", "latitude": "11.0", "longitude": "21.0",
     "fatalities": "0", "actor1": "Protesters (Ruritania)", "inter1": 6, **PLACE},
]
EVENTS = [
    {"doc_id": "n1", "event_date": "2021-03-04", "event_type": "Battles", "sub_event_type": "Armed clash",
     "latitude": 10.01, "longitude": 20.0, "fatalities": 3, **FORCES, "actor1": "Military Forces of Ruritania",
     **PLACE, "evidence": [{"char_start": 0, "char_end": 58, "text": "On 4 March 2021, soldiers fought the Red "
                                                                      "Brigade at Alpha"}], "rules": ["T_CLASH"]},
    {"doc_id": "n1", "event_date": "2021-03-06", "event_type": "Violence against civilians",
     "sub_event_type": "Attack", "latitude": 10.5, "longitude": 20.0, "fatalities": 0, **RAID, **PLACE,
     "evidence": [{"char_start": 72, "char_end": 112, "text": "The brigade then killed a farmer in Beta."}],
     "rules": ["T_KILL"]},
]


def write_jsonl(path: Path, rows) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path):
    return write_jsonl(tmp_path / "gold.jsonl", GOLD_ROWS), write_jsonl(tmp_path / "events.jsonl", EVENTS)


def test_evaluate_acled_figures_are_exact(files):
    gold, events = read_gold(files[0]), read_events(files[1])
    assert (gold.kind, gold.form, gold.has_half) == ("acled", "ACLED rows", False)
    f = evaluate(gold, events).figures
    third, two_thirds = pytest.approx(1 / 3), pytest.approx(2 / 3)
    assert (f["notes"], f["n"], f["recall"], f["extra"], f["precision"]) == (2, 3, 0.5, 0.0, 1.0)
    assert [f[k] for k in ("rows", "type", "sub", "place25", "admin1", "country", "inter", "actors", "actor1")] == [
        two_thirds] * 9
    assert (f["date"], f["fatal"], f["fatal20"]) == (third, third, third)
    assert (f["paired.type"], f["paired.date"], f["paired.fatal"], f["paired.actors"]) == (1.0, 0.5, 0.5, 1.0)


def test_evaluate_acled_prints_score_acleds_layout(files, capsys):
    code, out, _ = run(capsys, "eval", *files)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "ACLED rows gold: notes = documents, n = gold rows. Shares of gold rows."
    assert lines[2].split() == ["all", "2", "3", "0.50", "0.00", "0.67", "0.67", "0.67", "0.33", "0.67", "0.67",
                                "0.67", "0.67", "0.67", "0.67", "0.33", "0.33"]
    assert lines[3].split()[:6] == ["paired", "1", "2", "-", "-", "1.00"]
    assert "Peaceful protest                           1  0.00" in out and "   (no event) 1" in out
    assert lines[-1] == ("acled: 2 notes/3 rows; recall 0.50, extra 0.00/note, type 0.67, sub 0.67, date 0.33, "
                         "place25 0.67, admin1 0.67, inter 0.67, actors 0.67, fatal 0.33 (±20% 0.33); paired: actor1 "
                         "1.00, inter 1.00, actors 1.00, place25 1.00, admin1 1.00, country 1.00; precision 1.00")


def test_evaluate_format_jsonl_is_one_object_of_figures(files, capsys):
    code, out, _ = run(capsys, "eval", *files, "--format", "jsonl")
    [line] = out.splitlines()
    figures = json.loads(line)
    assert code == 0
    assert (figures["gold"], figures["recall"], figures["paired"]["type"], figures["below_floor"]) == (
        "acled", 0.5, 1.0, [])


@pytest.mark.parametrize("floors, code, last", [
    (["recall=0.4", "paired.type=0.9", "extra=0.5"], 0, "precision 1.00"),
    (["recall=0.9"], 1, "precision 1.00 FAIL"),
])
def test_evaluate_floors_set_the_exit_status(files, capsys, floors, code, last):
    status, out, _ = run(capsys, "eval", *files, *[a for f in floors for a in ("--floor", f)])
    assert status == code
    assert out.splitlines()[-1].endswith(last)
    assert ("below floor: recall 0.50 < 0.9" in out) == (code == 1)


def test_evaluate_an_unknown_floor_is_a_usage_error(files, capsys):
    code, out, err = run(capsys, "eval", *files, "--floor", "recal=0.9")
    assert (code, out) == (2, "")
    assert err.startswith("eventcoder: usage error: eval: --floor 'recal' is not a figure of acled gold; one of: notes")
    with pytest.raises(OptionError):
        parse_floors(["recall:0.9"])


def test_evaluate_show_and_details_give_each_verdict_its_text(files, tmp_path, capsys):
    details = tmp_path / "details.jsonl"
    code, out, _ = run(capsys, "eval", *files, "--show", "misses", "--details", details)
    assert code == 0
    assert out.splitlines()[:2] == [
        "missed   n2  gold: Peaceful protest, 2021-03-05, North, Ruritania; Protesters (Ruritania); 0 killed",
        "          text: On 5 March 2021, teachers marched in Gamma."]
    verdicts = [json.loads(line) for line in details.read_text(encoding="utf-8").splitlines()]
    assert [v["verdict"] for v in verdicts] == ["paired", "paired", "missed"]
    assert verdicts[1]["judge"]["date"] is False and verdicts[1]["pred"]["rules"] == ["T_KILL"]
    assert verdicts[1]["pred"]["evidence"][0]["text"] == "The brigade then killed a farmer in Beta."
    _, out, _ = run(capsys, "eval", *files, "--show", "all")
    assert out.splitlines()[5:10] == [
        "paired   n1  gold: Attack, 2021-03-04, North, Ruritania; Red Brigade vs Civilians (Ruritania); 1 killed",
        "          coded: Attack, 2021-03-06, North, Ruritania; Red Brigade vs Civilians (Ruritania); 0 killed; "
        "wrong: date, fatal, fatal20",
        "          text: (the same note)",
        "          rules: T_KILL",
        "          evidence: The brigade then killed a farmer in Beta."]


@pytest.mark.parametrize("rows, events, kw, paired", [
    # the same sub-event type before a nearer event of another
    ([{"sub_event_type": "Attack", "event_type": "Violence against civilians", "latitude": 0, "longitude": 0}],
     [{"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0, "longitude": 0},
      {"sub_event_type": "Attack", "event_type": "Violence against civilians", "latitude": 1, "longitude": 0}], {},
     [1]),
    # then the same event type
    ([{"sub_event_type": "Attack", "event_type": "Violence against civilians", "latitude": 0, "longitude": 0}],
     [{"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0, "longitude": 0},
      {"sub_event_type": "Abduction/forced disappearance", "event_type": "Violence against civilians",
       "latitude": 1, "longitude": 0}], {}, [1]),
    # then the nearest, one to one
    ([{"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0, "longitude": 0},
      {"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 1, "longitude": 0}],
     [{"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0.9, "longitude": 0},
      {"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0.1, "longitude": 0}], {}, [1, 0]),
    ([{"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0, "longitude": 0},
      {"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0.2, "longitude": 0}],
     [{"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0.15, "longitude": 0}], {}, [None, 0]),
    # within --km and --days only
    ([{"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0, "longitude": 0}],
     [{"sub_event_type": "Armed clash", "event_type": "Battles", "latitude": 0.15, "longitude": 0}], {"km": 10},
     [None]),
    ([{"sub_event_type": "Armed clash", "event_type": "Battles", "event_date_iso": "2021-03-04"}],
     [{"sub_event_type": "Armed clash", "event_type": "Battles", "event_date": "2021-03-06"},
      {"sub_event_type": "Looting/property destruction", "event_type": "Riots", "event_date": "2021-03-05"}],
     {"days": 1}, [1]),
])
def test_evaluate_pairs_by_sub_type_type_then_km(rows, events, kw, paired):
    rows = [{"event_date_iso": "2021-03-04", **r} for r in rows]
    assert pair_rows(rows, events, **kw) == [None if j is None else events[j] for j in paired]


@pytest.mark.parametrize("value, iso", [
    ("2020-05-09", "2020-05-09"), ("9-May-20", "2020-05-09"), ("09 May 2020", "2020-05-09"),
    ("31-December-97", "1997-12-31"), ("2020/5/9", "2020-05-09"), ("30-Feb-20", None), ("", None),
])
def test_evaluate_reads_acleds_date_forms(value, iso):
    assert acled_date(value) == iso


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_evaluate_acled_export_csv_a_document_a_row(tmp_path, delimiter):
    header = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude", "longitude", "notes"]
    rows = [["RUR1", "9-May-20", "Protests", "Peaceful protest", "11.0", "21.0", "Nurses marched in Gamma."],
            ["RUR2", "09 May 2020", "Battles", "Armed clash", "10.0", "20.0", "Troops fought rebels at Alpha."]]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(delimiter.join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    gold = read_gold(str(path))
    assert (gold.kind, gold.form) == ("acled", "ACLED export")
    assert [(r["doc_id"], r["event_date_iso"]) for r in gold.rows] == [("RUR1", "2020-05-09"), ("RUR2", "2020-05-09")]
    assert [(d.id, d.text) for d in gold.documents()] == [("RUR1", "Nurses marched in Gamma."),
                                                         ("RUR2", "Troops fought rebels at Alpha.")]


def test_evaluate_our_own_events_are_gold_too_but_carry_no_text(files):
    gold = read_gold(files[1])
    assert (gold.kind, gold.form, gold.rows[1]["event_date_iso"]) == ("acled", "eventcoder events", "2021-03-06")
    assert evaluate(gold, read_events(files[1])).figures["sub"] == 1.0
    with pytest.raises(OptionError, match="holds no texts to code"):
        gold.documents()


UCDP_HEADER = "id,type_of_violence,side_a,side_b,date_start,date_end,latitude,longitude,best,low,high,country\n"


@pytest.mark.parametrize("event_type, inter1, inter2, kind", [
    ("Battles", 1, 2, 1), ("Battles", 8, 3, 1), ("Battles", 1, 1, 1), ("Battles", 2, 4, 2),
    ("Explosions/Remote violence", 8, 7, 3), ("Violence against civilians", 3, 7, 3),
    ("Violence against civilians", 2, 0, 3), ("Battles", 1, 0, None), ("Battles", 7, 6, None),
    ("Protests", 6, 1, None), ("Riots", 5, 1, None),
])
def test_evaluate_ucdp_type_of_our_events(event_type, inter1, inter2, kind):
    assert ucdp_type({"event_type": event_type, "inter1": inter1, "inter2": str(inter2)}) == kind


def test_evaluate_ucdp_pairs_within_days_and_km_same_type_first(tmp_path):
    (tmp_path / "ged.csv").write_text(UCDP_HEADER + "\n".join([
        "1,1.0,Government of Ruritania,Red Brigade,2017-03-04,2017-03-04,10.0,20.0,4.0,3.0,6.0,Ruritania",
        "2,2.0,Red Brigade,Blue Front,2017-03-10,2017-03-11,12.0,20.0,10.0,8.0,12.0,Ruritania",
        "3,3.0,Red Brigade,Civilians,2017-05-01,2017-05-01,14.0,20.0,2.0,2.0,2.0,Ruritania"]) + "\n",
        encoding="utf-8")
    battle = {"event_type": "Battles", "inter1": 1, "inter2": 2, "country": "Ruritania"}
    events = [
        {**battle, "doc_id": "a", "event_date": "2017-03-04", "latitude": 10.0, "longitude": 20.01, "inter1": 2,
         "inter2": 3, "fatalities": 4},  # nearest to 1, but non-state
        {**battle, "doc_id": "b", "event_date": "2017-03-05", "latitude": 10.1, "longitude": 20.0, "fatalities": 5},
        {**battle, "doc_id": "c", "event_date": "2017-03-13", "latitude": 12.0, "longitude": 20.0,
         "inter1": 2, "inter2": 3, "fatalities": 10},  # two days after 2's window
        {**battle, "doc_id": "d", "event_date": "2017-05-01", "latitude": 14.3, "longitude": 20.0,
         "event_type": "Violence against civilians", "inter1": 2, "inter2": 7, "fatalities": 2},  # 33 km away
        {**battle, "doc_id": "e", "event_date": "2017-05-01", "latitude": 14.0, "longitude": 20.0,
         "event_type": "Protests", "inter1": 6, "inter2": 0},  # not a type UCDP counts
        {**battle, "doc_id": "f", "event_date": "2019-01-01", "latitude": 14.0, "longitude": 20.0},  # after the gold
    ]
    gold = read_gold(str(tmp_path / "ged.csv"))
    result = evaluate(gold, events)
    assert (gold.kind, {i: e["doc_id"] for i, e in result.pairs.items()}) == ("ucdp", {0: "b"})
    f = result.figures
    assert (f["n"], f["events"], f["paired"], f["recall"], f["precision"]) == (3, 4, 1, pytest.approx(1 / 3), 0.25)
    assert (f["type"], f["date"], f["fatal"], f["fatal20"], f["fatal_range"]) == (1.0, 0.0, 0.0, 0.0, 1.0)
    wider = evaluate(gold, events, days=2, km=40)
    assert {i: e["doc_id"] for i, e in wider.pairs.items()} == {0: "b", 1: "c", 2: "d"}
    assert wider.lines()[-1] == ("ucdp: 3 gold events/4 events; recall 1.00, precision 0.75, f1 0.86, type 1.00, "
                                 "date 0.33, fatal 0.67 (±20% 0.67, in low-high 1.00)")


PALM_TEXT = "Fighting began near Gamma in May 2019.\nOn 3 June 2019, the Red Brigade attacked Delta, killing two.\n"
HAND_GOLD = {
    "events": [
        {"id": "d-1", "doc": "d1", "sent": [2], "required": True, "date": {"start": "2019-06-03", "end": "2019-06-03"},
         "event_type": ["Battles"], "actor1": "RED", "actor2": "", "location": ["delta"], "coords": None,
         "fatalities": {"conservative": 2}, "note": ""},
        {"id": "d-2", "doc": "d1", "sent": [1], "required": False, "date": None, "event_type": ["Battles"],
         "actor1": "", "actor2": "", "location": ["gamma"], "coords": [5.0, 5.0], "fatalities": None, "note": ""},
    ],
    "actors": {"RED": ["red brigade"], "CIVILIANS": ["civilian"]},
}
HAND_EVENTS = [
    {"doc_id": "texts/d1.txt", "event_date": "2019-06-03", "event_type": "Battles", "actor1": "Red Brigade",
     "location": "Delta", "fatalities": 2, "evidence": [{"char_start": 39, "char_end": 98}]},
    {"doc_id": "d1.txt", "event_date": "2019-05-01", "event_type": "Battles", "location": "Epsilon",
     "latitude": 9.0, "longitude": 9.0, "evidence": [{"char_start": 0, "char_end": 38}]},
]


@pytest.fixture
def hand(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "d1.txt").write_text(PALM_TEXT, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(HAND_GOLD, indent=1), encoding="utf-8")
    return str(tmp_path / "gold.json"), write_jsonl(tmp_path / "events.jsonl", HAND_EVENTS), str(tmp_path / "texts")


def test_evaluate_hand_coded_gold_prints_score_events_line(hand, capsys):
    gold, events, texts = hand
    code, out, _ = run(capsys, "eval", gold, events, "--texts", texts, "-v")
    assert code == 0
    assert out.splitlines() == [
        "missed: []", "unmatched predictions: [('d1', [1], 'Epsilon', 'Battles')]",
        "ok: recall=1.00 precision=0.50 f1=0.67 date=1.00 type=1.00 actors=1.00 fatalities=1/1 preds=2 "
        "gold_required=1"]
    code, out, _ = run(capsys, "eval", gold, events, "--texts", texts, "--floor", "fatalities=2")
    assert (code, out.split(":")[0]) == (1, "SHORT on fatalities")


def test_evaluate_hand_coded_gold_needs_its_texts(hand, capsys):
    gold, events, texts = hand
    code, _, err = run(capsys, "eval", gold, events)
    assert code == 2 and err.startswith("eventcoder: usage error: eval: --texts is needed: the hand-coded gold")
    assert read_texts(read_gold(gold), texts) == {"d1": PALM_TEXT}


@pytest.mark.parametrize("name, content, problem", [
    ("people.csv", "name,age\nAda,36\n", "{path}: not gold eval reads: an ACLED export CSV, ACLED rows or eventcoder "
                                         "events as JSONL or CSV, a UCDP GED CSV, or a hand-coded gold JSON with "
                                         "\"events\" and \"actors\""),
    ("bad_date.csv", "event_id_cnty,event_date,event_type,sub_event_type\nX1,9-May-20,Battles,Armed clash\n"
                     "X2,31-Foo-20,Battles,Armed clash\n",
     "{path}:3: event_date '31-Foo-20' is not a date (2020-05-09, 9-May-20 or 09 May 2020)"),
    ("cut.jsonl", json.dumps(GOLD_ROWS[0]) + "\n{\"doc_id\": \"n2\", \n",
     "{path}:2: not valid JSON: Expecting property name enclosed in double quotes (column 18)"),
    ("ged.csv", UCDP_HEADER + "1,4,A,B,2017-01-01,2017-01-01,1,1,1,1,1,X\n",
     "{path}:2: type_of_violence '4' is not 1, 2 or 3"),
    ("empty.csv", "", "{path}: empty: no gold events"),
    ("missing.csv", None, "{path}: no such file"),
])
def test_evaluate_a_bad_gold_file_is_one_line(tmp_path, files, capsys, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "eval", path, files[1])
    assert (code, out) == (1, "")
    assert err == f"eventcoder: error: {problem.format(path=path)}\n"


def test_evaluate_events_without_doc_id_and_both_sources_are_refused(files, tmp_path, capsys):
    events = write_jsonl(tmp_path / "nodoc.jsonl", [{k: v for k, v in EVENTS[0].items() if k != "doc_id"}])
    code, _, err = run(capsys, "eval", files[0], events)
    assert code == 1 and err.startswith(f"eventcoder: error: {events}: 1 of 1 events have no doc_id")
    code, _, err = run(capsys, "eval", files[0], files[1], "--docs", files[0])
    assert code == 2 and err.startswith("eventcoder: usage error: eval: give PRED")
    with pytest.raises(InputError, match="not eventcoder's events"):
        (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        read_events(str(tmp_path / "x.csv"))


# ---------------------------------------------------------------- the shared scorers, on the dev sets

DEV = SHARED / "bench" / "acled" / "dev.jsonl"
PALMYRA = SHARED / "eval" / "palmyra_gold.json"
PALMYRA_TEXT = SHARED / "corpus" / "sample" / "002_062e724f942c86c7.txt"


def numbers(line: str) -> list[float]:
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", line)]


@pytest.mark.slow
@pytest.mark.skipif(not DEV.exists(), reason="the ACLED dev set is in the shared folder beside the repository")
def test_evaluate_acled_figures_are_score_acleds(tmp_path, capsys):
    from eventcoder import Document, default_coder
    gold, seen = [], {}
    for line in DEV.open(encoding="utf-8"):
        row = json.loads(line)
        if row["doc_id"] not in seen and len(seen) == 30:
            continue
        seen.setdefault(row["doc_id"], row["text"])
        gold.append(row)
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold)
    coded = default_coder().code([Document(text, id=doc) for doc, text in seen.items()])
    events = write_jsonl(tmp_path / "events.jsonl", [e.to_dict() for c in coded for e in c.events])
    theirs = subprocess.run([sys.executable, str(SHARED / "eval" / "score_acled.py"), gold_path, events],
                            capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    code, out, _ = run(capsys, "eval", gold_path, events)
    ours = out.splitlines()[-1]
    assert code == 0 and ours.startswith(theirs.split(";")[0] + ";")
    assert numbers(ours.rsplit("; precision", 1)[0]) == pytest.approx(numbers(theirs), abs=0.005)


@pytest.mark.slow
@pytest.mark.skipif(not PALMYRA.exists(), reason="the Palmyra gold is in the shared folder beside the repository")
def test_evaluate_hand_coded_figures_are_score_events(tmp_path, capsys):
    from eventcoder import default_coder
    from eventcoder.documents import iter_documents
    [document] = iter_documents([str(PALMYRA_TEXT)])
    events = write_jsonl(tmp_path / "events.jsonl", [e.to_dict() for e in default_coder().extract(document)])
    theirs = subprocess.run([sys.executable, str(SHARED / "eval" / "score_events.py"), str(PALMYRA),
                             str(PALMYRA_TEXT.parent), events, "{}"], capture_output=True, text=True,
                            check=True).stdout.splitlines()[-1]
    code, out, _ = run(capsys, "eval", PALMYRA, events, "--texts", PALMYRA_TEXT.parent)
    ours = out.splitlines()[-1]
    assert code == 0 and ours.split(":")[0] == theirs.split(":")[0] == "ok"
    ours_figures, their_figures = (dict(kv.split("=") for kv in line.split(": ", 1)[1].split())
                                   for line in (ours, theirs))
    assert list(ours_figures) == list(their_figures)
    for key, value in their_figures.items():
        assert (float(ours_figures[key]) == pytest.approx(float(value), abs=0.005) if "." in value
                else ours_figures[key] == value), key
