#!/usr/bin/env bash
# Code the bundled sample (plus one_sided.txt, two one-actor events) and read the output with the tools ACLED's
# users read ACLED data with: pandas, geopandas (GDAL, as QGIS), readr + acledR. README.md says how to install them.
#
# usage: bash bench/consumers/run.sh [OUT]       (OUT: where the outputs go; default /tmp/b25/consumers/out)
# environment: CONSUMERS (the consumers' install folder, default /tmp/b25/consumers: venv/ and Rlib/ in it),
#              EVENTCODER (the command to code with, default the repository's .venv/bin/eventcoder)
# Prints PASS/FAIL/SKIP per check and "N passed, N failed"; exits 1 on any FAIL.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${1:-/tmp/b25/consumers/out}
CONSUMERS=${CONSUMERS:-/tmp/b25/consumers}
PY=$CONSUMERS/venv/bin/python
EVENTCODER=${EVENTCODER:-$ROOT/.venv/bin/eventcoder}
export R_LIBS_USER=$CONSUMERS/Rlib TZ=${TZ:-UTC}
INPUTS=("$ROOT/src/eventcoder/data/sample" "$HERE/one_sided.txt")

mkdir -p "$OUT" && rm -f "$OUT"/events*.csv "$OUT"/events*.jsonl "$OUT"/events*.geojson
passed=0 failed=0
result() {  # result PASS|FAIL|SKIP NAME [why]
  echo "$1 $2${3:+: $3}"
  case $1 in PASS) passed=$((passed + 1)) ;; FAIL) failed=$((failed + 1)) ;; esac
}
run_check() {  # run_check NAME COMMAND...: the command's own lines indented, then PASS or FAIL
  local name=$1 log
  shift
  log=$("$@" 2>&1)
  local rc=$?
  [ -n "$log" ] && printf '%s\n' "$log"
  case $rc in
    0) result PASS "$name" ;;
    3) result PASS "$name" "acled_transform_longer through the dplyr-1.0 shim (Debian's dplyr < 1.1.0; see README.md)" ;;
    *) result FAIL "$name" "exit $rc" ;;
  esac
}
code() {  # code NAME FILE ARGS...
  local name=$1 file=$2
  shift 2
  local err
  if err=$($EVENTCODER extract "${INPUTS[@]}" -q "$@" -o "$file" 2>&1) && [ -s "$file" ]; then
    result PASS "$name" "$(basename "$file"), $(wc -l <"$file") lines"
  else
    result FAIL "$name" "$(printf '%s' "$err" | tail -n 3)"
    return 1
  fi
}

echo "== eventcoder: $($EVENTCODER --version 2>&1 | tail -n 1) ($EVENTCODER)"
echo "== inputs: src/eventcoder/data/sample bench/consumers/one_sided.txt; outputs in $OUT"
code "code csv" "$OUT/events.csv" --format csv && have_csv=1 || have_csv=0
code "code jsonl" "$OUT/events.jsonl" --format jsonl && have_jsonl=1 || have_jsonl=0
code "code geojson" "$OUT/events.geojson" --format geojson && have_geojson=1 || have_geojson=0
have_text=0
if ! help=$($EVENTCODER extract --help 2>&1); then
  result FAIL "code csv --schema acled-text" "eventcoder extract --help fails, so whether --schema exists is unknown"
elif grep -q -- '--schema' <<<"$help"; then
  code "code csv --schema acled-text" "$OUT/events_acled_text.csv" --format csv --schema acled-text && have_text=1
else
  result SKIP "code csv --schema acled-text" "this eventcoder has no --schema option yet"
fi

echo "== pandas"
if [ ! -x "$PY" ] || ! "$PY" -c "import pandas, geopandas" 2>/dev/null; then
  result FAIL "pandas/geopandas" "not installed in $CONSUMERS/venv (see README.md)"
else
  [ $have_csv = 1 ] && run_check "pandas: csv + jsonl" "$PY" "$HERE/check_pandas.py" "$OUT/events.csv" \
    $([ $have_jsonl = 1 ] && echo "$OUT/events.jsonl")
  [ $have_text = 1 ] && run_check "pandas: csv --schema acled-text" "$PY" "$HERE/check_pandas.py" \
    "$OUT/events_acled_text.csv" --schema acled-text
  echo "== geopandas"
  [ $have_geojson = 1 ] && [ $have_csv = 1 ] && run_check "geopandas: geojson" "$PY" "$HERE/check_geopandas.py" \
    "$OUT/events.geojson" "$OUT/events.csv"
fi

echo "== readr + acledR"
if ! command -v Rscript >/dev/null; then
  result FAIL "acledR" "no Rscript (apt-get install r-base-core; see README.md)"
elif ! Rscript -e 'suppressPackageStartupMessages(library(acledR)); library(readr)' >/dev/null 2>&1; then
  result FAIL "acledR" "acledR or readr not installed (R_LIBS_USER=$R_LIBS_USER; see README.md)"
else
  [ $have_csv = 1 ] && run_check "acledR: csv" Rscript "$HERE/check_acledr.R" "$OUT/events.csv" acled
  [ $have_text = 1 ] && run_check "acledR: csv --schema acled-text" Rscript "$HERE/check_acledr.R" \
    "$OUT/events_acled_text.csv" acled-text
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
