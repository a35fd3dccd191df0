"""Fuzzing `extract`'s inputs: a bounded number of random mutations of good JSONL, text and HTML documents, with a
fixed seed. Whatever a mutation does, the run ends with no traceback, each bad input is one line naming it, and
every good document beside them is coded exactly as it is when alone."""
import json
import random

from eventcoder.cli import main

SEED = 24
MUTANTS = 48

GOOD = {
    "good.txt": "On 4 May 2016, ISIL captured Arak from the Syrian Army.\n".encode("utf-8"),
    "good.html": b"<html><body><p>On 5 May 2016, the Syrian Army shelled Arak.</p><p>Two soldiers died.</p>"
                 b"</body></html>",
    "good.jsonl": (json.dumps({"id": "g1", "text": "On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.",
                               "date": "2017-03-03", "source": "SANA"}) + "\n"
                   + json.dumps({"id": "g2", "text": "Rebels shelled Aleppo on 3 March 2017, killing four."})
                   + "\n").encode("utf-8"),
}
# what hostile or broken inputs are made of
NASTY = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\x1b[2J", "\u200b".encode(), "\u202e".encode(), b"{", b"}",
         b"[" * 500, b'"', b"\\", b"\\u0000", b"<script>alert(1)</script>", b"</p>", b"<!--", b"\xc3", b"\n\n",
         b'{"text": 5}', b'{"text": ["a"]}', b"=cmd|' /C calc'!A0", b"\xe9", "é".encode("utf-16"), b"\t" * 50]


def mutate(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:  # flip bytes
        out = bytearray(data)
        for _ in range(rng.randint(1, 10)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == 1:  # cut short
        return data[:rng.randrange(len(data))]
    if kind == 2:  # nasty bytes put in
        at = rng.randrange(len(data) + 1)
        return data[:at] + b"".join(rng.choice(NASTY) for _ in range(rng.randint(1, 4))) + data[at:]
    if kind == 3:  # a piece told again and again
        a = rng.randrange(len(data))
        piece = data[a:a + rng.randint(1, 80)]
        return data[:a] + piece * rng.randint(2, 60) + data[a:]
    if kind == 4:  # nested deep
        depth = rng.choice([100, 5_000, 100_000])
        return b"[" * depth + data + b"]" * depth
    if kind == 5:  # another encoding
        return data.decode("utf-8", "replace").encode(rng.choice(["utf-16", "utf-32", "latin-1", "utf-16-be"]),
                                                      "replace")
    if kind == 6:  # the lines of a JSON document with the wrong types
        return data.replace(b'"text": "', rng.choice([b'"text": 1, "x": "', b'"text": null, "y": "',
                                                      b'"text": {"a": "', b'"id": ["', b'"date": "32/13/2017", "']))
    return data + rng.choice(list(GOOD.values()))  # two documents glued together


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_fuzz_mutated_inputs_never_cost_a_traceback_or_the_good_documents(tmp_path, capsys):
    alone = tmp_path / "alone"
    alone.mkdir()
    for name, data in GOOD.items():
        (alone / name).write_bytes(data)
    code, out, err = run(capsys, "extract", str(alone), "-f", "jsonl", "-q")
    assert (code, err) == (0, "")
    expected = sorted(out.splitlines())
    assert sorted({json.loads(line)["doc_id"] for line in expected}) == ["g1", "g2", "good.html", "good.txt"]

    mixed = tmp_path / "mixed"
    mixed.mkdir()
    rng = random.Random(SEED)
    for name, data in GOOD.items():
        (mixed / name).write_bytes(data)
    for i in range(MUTANTS):
        name, data = rng.choice(sorted(GOOD.items()))
        suffix = rng.choice([name.rsplit(".", 1)[1]] * 3 + ["json", "md"])
        (mixed / f"m{i:02d}.{suffix}").write_bytes(mutate(rng, data))
    code, out, err = run(capsys, "extract", str(mixed), "-f", "jsonl", "-q")
    assert code in (0, 1)
    assert "Traceback" not in err
    lines = err.replace(str(mixed) + "/", "").splitlines()
    # a line for each bad input (or bad line of JSON Lines) and nothing else: never the good documents
    assert lines and all(line.startswith("eventcoder: error: m") for line in lines), lines
    good = sorted(line for line in out.splitlines() if json.loads(line)["doc_id"] in ("g1", "g2", "good.html",
                                                                                      "good.txt"))
    assert good == expected
