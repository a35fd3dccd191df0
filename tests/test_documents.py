import json

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
    assert [(d.id, d.kind) for d in result.documents] == [("a", "text"), ("b", "markdown"), ("x1", "text"), ("c-2", "text")]
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
    assert [d.id for d in result.documents] == ["good", "lines-1"]
    problems = [str(e).replace(str(tmp_path) + "/", "") for e in result.errors]
    assert problems == [
        "empty.txt: empty document",
        "blob.txt: binary file, not text",
        "latin.txt: not utf-8 (bad byte at offset 3): try --encoding latin-1",
        "lines.jsonl:2: not valid JSON: Unterminated string starting at (column 10); is the line cut short?",
        'lines.jsonl:3: no "text" field',
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
