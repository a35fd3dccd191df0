import json
import os

import pytest

from eventcoder.documents import Document, ReadProgress, clean_text, read_documents
from eventcoder.errors import InputError, InputWarning


@pytest.mark.parametrize("raw, clean", [
    ("Rebels took the town.[12] They held it.", "Rebels took the town. They held it."),
    ("between 40[3]–60[4] people", "between 40–60 people"),
    ("the ridge,[citation needed] then", "the ridge, then"),
    ("The **Siege of Kobani** began", "The Siege of Kobani began"),
    ("## Aftermath\nThe town fell.", "Aftermath\nThe town fell."),
    ("[5][6] On 4 May, militants attacked.", "On 4 May, militants attacked."),
])
def test_documents_clean_text_strips_markers(raw, clean):
    assert clean_text(raw).text == clean


def test_documents_offsets_point_into_the_original():
    raw = "[7] Gunmen attacked Azaz.[8][9] Two died."
    c = clean_text(raw)
    start = c.text.index("Two died.")
    a, b = c.to_original(start, start + len("Two died."))
    assert raw[a:b] == "Two died."
    assert [r[2] for r in c.references] == ["[7]", "[8]", "[9]"]


def test_documents_html_tags_and_entities():
    raw = "<html><body><p>Troops &amp; militia entered <b>Manbij</b>.</p><script>var x=1;</script></body></html>"
    c = clean_text(raw, "html")
    assert "Troops & militia entered Manbij." in c.text
    assert "var x" not in c.text
    i = c.text.index("Manbij")
    a, b = c.to_original(i, i + 6)
    assert raw[a:b] == "Manbij"


def test_documents_infobox_debris_before_the_lede():
    raw = "Decisive rebel victory Syria Turkey[1]Allied groups: Liwa X[2] The Battle of Nowhere was a fight in 2016."
    assert clean_text(raw).text == "The Battle of Nowhere was a fight in 2016."


def test_documents_reads_each_kind(tmp_path):
    (tmp_path / "a.txt").write_text("Plain text.", encoding="utf-8")
    (tmp_path / "b.md").write_text("**Bold** text.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "x1", "text": "One.", "date": "2017-03-02"}) + "\n"
                                      + json.dumps({"text": "Two."}) + "\n", encoding="utf-8")
    result = read_documents([str(tmp_path)])
    assert [(d.id, d.kind) for d in result.documents] == [("a.txt", "text"), ("b.md", "markdown"), ("x1", "text"),
                                                            ("c.jsonl:2", "text")]
    assert str(result.documents[2].date) == "2017-03-02"
    assert result.errors == []


def test_documents_bad_inputs_are_named_and_the_good_kept(tmp_path):
    (tmp_path / "good.txt").write_text("Good.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "lines.jsonl").write_text('{"text": "ok"}\n{"text": "broken\n{"body": 3}\n', encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("good.txt", "empty.txt", "blob.txt", "latin.txt", "lines.jsonl")]
    result = read_documents(paths + [str(tmp_path / "missing.txt")])
    assert [d.id for d in result.documents] == ["good.txt", "lines.jsonl:1"]
    problems = [str(e).replace(str(tmp_path) + "/", "") for e in result.errors]
    assert problems == [
        "empty.txt: empty document",
        "blob.txt: binary file, not text",
        "latin.txt: not utf-8 (bad byte at offset 3): try --encoding latin-1",
        "lines.jsonl:2: not valid JSON: Unterminated string starting at (column 10); is the line cut short?",
        'lines.jsonl:3: "body" is a JSON number, not a string of text',
        "missing.txt: no such file or directory",
    ]


def test_documents_unreadable_date_warns_and_keeps_the_text(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": "Fighting.", "date": ["4 May 2016 – ongoing"]}) + "\n")
    result = read_documents([str(tmp_path / "d.jsonl")])
    assert [d.date_text for d in result.documents] == ["4 May 2016 – ongoing"]
    assert isinstance(result.warnings[0], InputWarning) and result.errors == []


def test_documents_document_rejects_impossible_date():
    with pytest.raises(InputError, match="not a real day"):
        Document("x", date="2017-02-30")


def test_documents_jsonl_streams_past_the_size_of_one_document(tmp_path):
    # a JSONL file is a corpus: only each line is held to the document limit, not the whole file
    lines = [json.dumps({"id": f"n{i}", "text": f"Report number {i:03d}."}) for i in range(40)]
    lines[5] = json.dumps({"id": "long", "text": "word " * 20})
    lines[9] = json.dumps({"id": "runaway", "text": "x" * 5000})  # over 50 * 6 + 4096 bytes: skipped unread
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    progress = ReadProgress()
    result = read_documents([str(path)], max_chars=50, progress=progress)
    assert len(result.documents) == 38 and result.documents[-1].id == "n39"
    assert [str(e).replace(str(tmp_path) + "/", "") for e in result.errors] == [
        "corpus.jsonl:6: document has 100 characters, over the 50 limit: split it, or raise --max-chars",
        "corpus.jsonl:10: line is over 4,396 bytes, more than a document of the 50 character limit takes: split "
        "it, or raise --max-chars"]
    assert progress.total == progress.done == path.stat().st_size


# ---------------------------------------------------------------- hostile and odd inputs (issue 24)

ATTACK = "On 3 May 2016, rebels attacked an army post in Tadmur."


def _tree(root):
    for rel in ("a/report.txt", "b/report.txt", "a/report.html"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(ATTACK, encoding="utf-8")


def test_documents_ids_are_paths_in_the_folder_however_it_is_typed(tmp_path, monkeypatch):
    _tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    for spelling in ("corpus", "./corpus/", str(tmp_path / "corpus"), "corpus/a/../"):
        result = read_documents([spelling])
        assert [d.id for d in result.documents] == ["a/report.html", "a/report.txt", "b/report.txt"], spelling
    assert read_documents(["./corpus/a/report.txt"]).documents[0].id == "report.txt"


def test_documents_two_inputs_with_one_id_the_second_is_an_error(tmp_path, monkeypatch):
    _tree(tmp_path)
    (tmp_path / "n.jsonl").write_text('{"id": "x", "text": "One."}\n{"id": "x", "text": "Two."}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = read_documents(["a/report.txt", "b/report.txt", "n.jsonl"])
    assert [(d.id, d.text) for d in result.documents] == [("report.txt", ATTACK), ("x", "One.")]
    assert [str(e) for e in result.errors] == [
        "b/report.txt: document id 'report.txt' is already that of a/report.txt: give each document its own id (or "
        "name the folder that holds both files, so that their ids are their paths in it)",
        "n.jsonl:2: document id 'x' is already that of n.jsonl:1: give each document its own id (or name the folder "
        "that holds both files, so that their ids are their paths in it)"]


def test_documents_a_jsonl_source_is_its_source_its_title_or_the_file_name_never_its_path(tmp_path, monkeypatch):
    (tmp_path / "feed.jsonl").write_text('{"text": "One."}\n{"text": "Two.", "source": "AFP"}\n'
                                         '{"text": "Three.", "title": "Daily Bulletin", "source": ""}\n',
                                         encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for spelling in ("feed.jsonl", str(tmp_path / "feed.jsonl")):
        assert [d.source for d in read_documents([spelling]).documents] == ["feed.jsonl", "AFP", "Daily Bulletin"]


def test_documents_hostile_inputs_fail_alone_and_the_good_are_read(tmp_path):
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + json.dumps({"text": ATTACK})
                    + "\n", encoding="utf-8")
    fifo = tmp_path / "nobody-writes"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(ATTACK, encoding="utf-8")
    result = read_documents([str(deep), "/dev/zero", str(fifo), str(tmp_path / "good.txt")], pipe_timeout=0.3)
    assert [d.id for d in result.documents] == ["deep.jsonl:2", "good.txt"]
    assert [str(e).replace(str(tmp_path) + "/", "") for e in result.errors] == [
        "deep.jsonl:1: JSON nested too deep to be a document",
        "/dev/zero: binary file, not text",
        "nobody-writes: nothing came in 0.3 s: a pipe or device no one writes to (wait longer with --pipe-timeout)"]


def test_documents_a_runaway_line_with_no_end_ends_that_input_only(tmp_path):
    (tmp_path / "run.jsonl").write_text('{"text": "' + "a" * 40_000, encoding="utf-8")  # no line end in sight
    (tmp_path / "good.txt").write_text(ATTACK, encoding="utf-8")
    result = read_documents([str(tmp_path / "run.jsonl"), str(tmp_path / "good.txt")], max_chars=100)
    assert [d.id for d in result.documents] == ["good.txt"]
    assert [e.problem for e in result.errors] == [
        "line runs on past 18,784 bytes with no end: not JSON Lines; the rest of the input is not read"]


def test_documents_json_lines_and_arrays_are_known_by_content(tmp_path):
    lines = json.dumps({"id": "n1", "text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n"
    (tmp_path / "feed.json").write_text(lines, encoding="utf-8")
    (tmp_path / "array.json").write_text(json.dumps([{"id": "a1", "text": "Three."}, {"text": "Four."}, 7],
                                                    indent=2), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"id": "o1", "text": "Five."}, indent=2), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("[1] Six.", encoding="utf-8")  # a bracket, but not JSON: a text
    read, write = os.pipe()  # what a shell's <(...) gives: a pipe with no name to go by
    os.write(write, lines.encode("utf-8"))
    os.close(write)
    try:
        result = read_documents([str(tmp_path), f"/dev/fd/{read}"])
    finally:
        os.close(read)
    assert [(d.id, d.text) for d in result.documents] == [
        ("a1", "Three."), ("array.json:2", "Four."), ("n1", "One."), ("feed.json:2", "Two."),
        ("notes.txt", "[1] Six."), ("o1", "Five."), (f"{read}:2", "Two.")]
    assert [str(e).replace(str(tmp_path) + "/", "") for e in result.errors] == [
        "array.json[3]: a JSON number, not a document object",
        f"/dev/fd/{read}:1: document id 'n1' is already that of feed.json:1: give each document its own id (or "
        "name the folder that holds both files, so that their ids are their paths in it)"]


@pytest.mark.parametrize("encoding, data, option", [
    ("utf-16", ATTACK.encode("utf-16"), "utf-8"),  # a byte order mark says which
    ("utf-16-le", ATTACK.encode("utf-16-le"), "utf-16-le"),  # no mark: the user says which
    ("utf-32", ATTACK.encode("utf-32"), "utf-8"),
])
def test_documents_utf16_and_utf32_are_read(tmp_path, encoding, data, option):
    (tmp_path / "wide.txt").write_bytes(data)
    (tmp_path / "wide.jsonl").write_bytes((json.dumps({"text": ATTACK}, ensure_ascii=False) + "\n").encode(
        encoding if option != "utf-8" else encoding))
    result = read_documents([str(tmp_path / "wide.txt"), str(tmp_path / "wide.jsonl")], encoding=option)
    assert [d.text for d in result.documents] == [ATTACK, ATTACK] and result.errors == []


def test_documents_a_text_field_that_is_no_string_says_so(tmp_path):
    (tmp_path / "n.jsonl").write_text('{"text": 5}\n{"text": null, "body": "Six."}\n{"title": "x"}\n')
    result = read_documents([str(tmp_path / "n.jsonl")])
    assert [d.text for d in result.documents] == ["Six."]
    assert [e.problem for e in result.errors] == ['"text" is a JSON number, not a string of text', 'no "text" field']


def test_documents_text_in_a_script_the_coder_cannot_read_is_refused(tmp_path):
    (tmp_path / "ar.txt").write_text("سيطرت القوات الحكومية على مدينة تدمر", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Government forces took Palmyra (تدمر) on 27 March 2016.", encoding="utf-8")
    result = read_documents([str(tmp_path)])
    assert [d.id for d in result.documents] == ["en.txt"]
    assert [str(e).replace(str(tmp_path) + "/", "") for e in result.errors] == [
        "ar.txt: written in Arabic script, and eventcoder reads English only: it would find no event here "
        "(translate it first)"]


@pytest.mark.parametrize("raw", [
    "Troops entered Tad\u200bmur.",  # a zero-width space inside the name
    "Troops entered \u200eTadmur\u200f.",  # marks of direction around it
    "Troops entered Tad\u00admur.",  # a soft hyphen
])
def test_documents_invisible_characters_are_cleaned_and_offsets_kept(raw):
    clean = clean_text(raw)
    assert clean.text == "Troops entered Tadmur."
    start = clean.text.index("Tadmur")
    a, b = clean.to_original(start, start + len("Tadmur"))
    assert "".join(ch for ch in raw[a:b] if ch.isalpha()) == "Tadmur"


def test_documents_decomposed_accents_are_composed_and_map_back_whole():
    raw = "Clashes in Bre\u0301sil and Sa\u0303o Paulo."
    clean = clean_text(raw)
    assert clean.text == "Clashes in Brésil and São Paulo."
    start = clean.text.index("São")
    a, b = clean.to_original(start, start + 3)
    assert raw[a:b] == "Sa\u0303o"
    a, b = clean.to_original(clean.text.index("Brésil"), clean.text.index("Brésil") + 3)
    assert raw[a:b] == "Bre\u0301"


@pytest.mark.parametrize("name", ["Haj\u200bin", "\u200eHajin\u200f", "Haji\u0301n", "Ha\u00adjin"])
def test_documents_a_place_name_with_invisible_marks_or_accents_still_tells_its_event(coder, name):
    raw = f"On 3 May 2016, ISIL captured {name}."
    [event] = coder.code_one(Document(raw, id="t"))
    assert (event.location, event.event_type, event.sub_event_type) == ("Hajīn", "Battles", "Non-state actor overtakes "
                                                                                          "territory")
    assert (event.evidence[0].char_start, event.evidence[0].char_end) == (0, len(raw))


def test_documents_json_lines_with_a_broken_first_line_are_still_json_lines(tmp_path):
    read, write = os.pipe()
    os.write(write, b'{"text": "cut sh\n' + json.dumps({"id": "n2", "text": ATTACK}).encode() + b"\n")
    os.close(write)
    try:
        result = read_documents([f"/dev/fd/{read}"])
    finally:
        os.close(read)
    assert [(d.id, d.text) for d in result.documents] == [("n2", ATTACK)]
    assert [e.problem for e in result.errors] == [
        "not valid JSON: Unterminated string starting at (column 10); is the line cut short?"]
