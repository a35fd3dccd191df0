#!/usr/bin/env bash
# Output checksums, to show that a change of code leaves every output byte-identical (a refactoring's check).
# usage: bench/identity.sh SRC OUT    SRC: a tree's src/ folder (e.g. a `git worktree` of the commit before);
#                                     OUT: a folder for the outputs and their md5 sums (OUT/MD5)
# Then: diff BEFORE/MD5 AFTER/MD5. Codes the bundled sample, ../shared/corpus/sample, the first 75 Wikipedia
# articles and the ACLED dev notes (as ../shared/eval/README.md makes them), with timex, classify and the store's
# query, control and stats. Takes a few minutes on two cores.
set -u
SRC=$(realpath "$1"); OUT=$(realpath -m "$2"); mkdir -p "$OUT"
SHARED=$(realpath "$(dirname "$0")/../../shared")
PY=${PYTHON:-python3}
export PYTHONPATH=$SRC
work=$(mktemp -d)
head -75 "$SHARED/corpus/wikipedia/battles.jsonl" > "$work/wiki75.jsonl"
$PY -c "import json,sys; s=set(); [print(json.dumps({'id':r['doc_id'],'text':r['text']})) for r in map(json.loads, open(sys.argv[1])) if not (r['doc_id'] in s or s.add(r['doc_id']))]" "$SHARED/bench/acled/dev.jsonl" > "$work/notes.jsonl"
cd "$work"
EC="$PY -m eventcoder"
$EC extract --sample --format jsonl -q > "$OUT/bundled.jsonl" 2> "$OUT/bundled.err"
$EC extract --sample --format csv -q > "$OUT/bundled.csv" 2>> "$OUT/bundled.err"
$EC extract "$SHARED/corpus/sample" --format jsonl -q > "$OUT/sample.jsonl" 2> "$OUT/sample.err"
$EC extract "$SHARED/corpus/sample" --format csv -q > "$OUT/sample.csv" 2>> "$OUT/sample.err"
$EC extract wiki75.jsonl --format jsonl -q > "$OUT/wiki75.jsonl" 2> "$OUT/wiki75.err"
$EC extract notes.jsonl --format jsonl -q > "$OUT/acled.jsonl" 2> "$OUT/acled.err"
$EC timex "$SHARED/corpus/sample" --format jsonl -q > "$OUT/timex.jsonl" 2> "$OUT/timex.err"
$EC classify "$SHARED/corpus/sample" --format jsonl -q > "$OUT/classify.jsonl" 2> "$OUT/classify.err"
$EC extract "$SHARED/corpus/sample" --db sample.db -q 2> "$OUT/db.err"
$EC query --db sample.db --format jsonl > "$OUT/query.jsonl" 2>> "$OUT/db.err"
$EC control "al-Susah" --db sample.db --format jsonl > "$OUT/control.jsonl" 2>> "$OUT/db.err"
$EC stats --db sample.db --by month --format jsonl > "$OUT/stats.jsonl" 2>> "$OUT/db.err"
cd "$OUT" && md5sum *.jsonl *.csv *.err > MD5
rm -rf "$work"
