#!/usr/bin/env bash
# Public tracker page under load: p99 latency and throughput of Tejido serving a site's public
# tracker (/sites/demo/tracker, the demo's made-up monitoring history) and one recommendation's
# page, loaded by wrk on this machine. Target: p99 <= 50 ms.
#
# Usage: bench/tracker-page.sh [--build] [--no-page-cache] [--figures=FILE ...]
#   --build          rebuild target/tejido.jar first; without it the jar is built only when missing
#   --no-page-cache  run Tejido with --tejido.web.page-cache.enabled=false (every request renders);
#                    its outputs get the suffix -no-page-cache
#   --figures=FILE   import FILE (an official crime, population or neighbours file, as
#                    `indicators import` takes it; repeatable) before starting, and measure the
#                    site page of SITE too (default apatzingan), whose charts read those figures;
#                    e.g. --figures=bench/out/idm-municipal-full.csv, which bench/indicators-query.sh
#                    generates (or: java src/test/java/org/tejido/bench/MunicipalHistoryFile.java
#                    bench/out/idm-municipal-full.csv)
# Env: DURATION (wrk run per page, default 30s), WARMUP (default 10s), THREADS (2),
#      CONNECTIONS (64), WRK_TIMEOUT (wrk's own 2s: slower requests count as errors and are
#      missing from the percentiles), APP_PORT (18083), SITE (apatzingan), JAR, JAVA, JAVA_OPTS,
#      APP_ARGS.
# Output: machine, summary table and verdicts, also saved to bench/out/tracker-page-results.txt;
# raw wrk output in bench/out/wrk-tracker-*.txt.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUILD=""
SUFFIX=""
FIGURES=()
for arg in "$@"; do
  case "$arg" in
    --build) BUILD=force ;;
    --figures=?*)
      [[ -f "${arg#--figures=}" ]] || die "no file ${arg#--figures=}"
      FIGURES+=("$(cd "$(dirname "${arg#--figures=}")" && pwd)/$(basename "${arg#--figures=}")")
      ;;
    --no-page-cache)
      SUFFIX="-no-page-cache"
      APP_ARGS="${APP_ARGS:+$APP_ARGS }--tejido.web.page-cache.enabled=false"
      ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
# The demo site carries the only monitoring history a fresh data directory has.
APP_ARGS="${APP_ARGS:+$APP_ARGS }--demo"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
WRK_TIMEOUT="${WRK_TIMEOUT:-2s}"
APP_PORT="${APP_PORT:-18083}"
LANG_HEADER="Accept-Language: es"
DATA="$OUT_DIR/tracker-page-data"
RESULTS="$OUT_DIR/tracker-page-results$SUFFIX.txt"
BASE="http://127.0.0.1:$APP_PORT"

require_bash5
require_cmd curl "apt-get install -y curl"
require_cmd wrk "apt-get install -y wrk"
require_cmd "$JAVA" "apt-get install -y openjdk-17-jre-headless"

WRK_PID=""
wrk_bg() { # output-file wrk-args...
  local out="$1"
  shift
  wrk "$@" >> "$out" &
  WRK_PID=$!
  wait "$WRK_PID"
  WRK_PID=""
}
cleanup() {
  [[ -z "$WRK_PID" ]] || kill -TERM "$WRK_PID" 2> /dev/null || true
  stop_app
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
    if (f < 0) { print "?"; exit }
    printf "%.2f", n * f
  }'
}
wrk_rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
wrk_p50() { to_ms "$(awk '$1 == "50%" { print $2 }' "$1")"; }
wrk_p99() { to_ms "$(awk '$1 == "99%" { print $2 }' "$1")"; }
wrk_errors() {
  awk '/Non-2xx or 3xx responses:/ { n += $NF }
       /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i }
       END { print n + 0 }' "$1"
}
run_wrk() { # name url
  local out="$OUT_DIR/wrk-tracker-$1$SUFFIX.txt"
  log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $WRK_TIMEOUT --latency $2"
  echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $WRK_TIMEOUT --latency -H '$LANG_HEADER' $2" > "$out"
  wrk_bg "$out" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency -H "$LANG_HEADER" "$2"
  [[ -n "$(wrk_rps "$out")" ]] || die "no Requests/sec in $out"
}

cd "$ROOT_DIR"
ensure_jar "$BUILD"
mkdir -p "$OUT_DIR"
SITE="${SITE:-apatzingan}"
for file in ${FIGURES[@]+"${FIGURES[@]}"}; do
  # An import replaces the series the file holds: the same file again would change nothing, so a
  # file already imported into this data directory (same path, size and time) is not read again.
  stamp="$file $(stat -c '%s %Y' "$file")"
  if grep -qxF -- "$stamp" "$DATA/imported-figures.txt" 2> /dev/null; then
    log "$file is already imported into $DATA"
    continue
  fi
  log "importing $file into $DATA"
  stop_stray_postgres "$DATA"
  mkdir -p "$DATA"
  # shellcheck disable=SC2086 # JAVA_OPTS is split on purpose
  env -u TEJIDO_DB_URL -u TEJIDO_DB_USER -u TEJIDO_DB_PASSWORD -u PORT TEJIDO_DATA_DIR="$DATA" \
    "$JAVA" $JAVA_OPTS -jar "$JAR" indicators import "$file" > "$OUT_DIR/tracker-page-import.log" 2>&1 \
    || {
      tail -n 30 "$OUT_DIR/tracker-page-import.log" >&2
      die "importing $file failed (log: $OUT_DIR/tracker-page-import.log)"
    }
  grep -i -E 'rows|loaded' "$OUT_DIR/tracker-page-import.log" | grep -v -E ' (INFO|DEBUG|WARN) ' >&2 || true
  echo "$stamp" >> "$DATA/imported-figures.txt"
done
log "starting Tejido --demo on port $APP_PORT (data in $DATA; the first use initialises it)"
start_app "$APP_PORT" "$DATA" "$OUT_DIR/tracker-page-app$SUFFIX.log"
wait_ready "$APP_PORT" 300
TRACKER="/sites/demo/tracker"
# The demo is loaded after the server starts answering: wait for its tracker.
for ((i = 0; i < 600; i++)); do
  code="$(http_code -H "$LANG_HEADER" "$BASE$TRACKER")"
  [[ "$code" != 200 ]] || break
  sleep 0.5
done
[[ "$code" == 200 ]] || die "GET $TRACKER answered $code, not 200"
ONE="$(curl -sSf --max-time 10 -H "$LANG_HEADER" "$BASE$TRACKER" \
  | grep -o '/sites/demo/tracker/[0-9a-f-]\{36\}' | head -n 1)"
[[ -n "$ONE" ]] || die "the demo tracker lists no recommendation (was the demo loaded?)"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "warming up: wrk -d$WARMUP on both pages"
: > "$OUT_DIR/wrk-tracker-warmup$SUFFIX.txt"
wrk_bg "$OUT_DIR/wrk-tracker-warmup$SUFFIX.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$LANG_HEADER" "$BASE$TRACKER"
wrk_bg "$OUT_DIR/wrk-tracker-warmup$SUFFIX.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$LANG_HEADER" "$BASE$ONE"

# One visitor at a time: the median of 5 requests in a row, after the warm-up (seconds).
alone() { # name url
  local i
  for ((i = 0; i < 5; i++)); do
    curl -s -o /dev/null -w '%{time_total}\n' --max-time 60 -H "$LANG_HEADER" "$2"
  done | stats | awk '{ printf "%.1f", $4 * 1000 }' > "$OUT_DIR/alone-tracker-$1$SUFFIX.txt"
}
alone list "$BASE$TRACKER"
alone recommendation "$BASE$ONE"
PAGES=(list recommendation)
run_wrk list "$BASE$TRACKER"
run_wrk recommendation "$BASE$ONE"
if ((${#FIGURES[@]} > 0)); then
  page="$(curl -sSf --max-time 60 -H "$LANG_HEADER" "$BASE/sites/$SITE")" || die "GET /sites/$SITE failed"
  [[ "$page" == *data-indicator-chart* ]] \
    || die "/sites/$SITE shows no indicator chart: do the imported figures cover its municipality?"
  # Alone before the load: requests wrk leaves unanswered are still being rendered after it stops.
  alone site "$BASE/sites/$SITE"
  wrk_bg "$OUT_DIR/wrk-tracker-warmup$SUFFIX.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$LANG_HEADER" "$BASE/sites/$SITE"
  PAGES+=(site)
  run_wrk site "$BASE/sites/$SITE"
fi

{
  machine_info
  echo "  wrk:        $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }')"
  echo
  echo "Public tracker pages with '$LANG_HEADER'"
  echo "  page cache: $([[ -n "$SUFFIX" ]] && echo "off (--tejido.web.page-cache.enabled=false)" || echo "as configured (on by default)")"
  echo "  load:       wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $WRK_TIMEOUT --latency, one page after the other"
  echo "  loadavg:    $LOAD_BEFORE before the runs, $(cut -d' ' -f1-3 /proc/loadavg) after (1/5/15 min)"
  ((${#FIGURES[@]} == 0)) || echo "  figures:    ${FIGURES[*]}"
  echo
  printf '  %-16s  %10s  %12s  %10s  %10s  %8s  %s\n' page "alone (ms)" "requests/s" "p50 (ms)" \
    "p99 (ms)" errors "p99 <= 50 ms"
  for name in "${PAGES[@]}"; do
    out="$OUT_DIR/wrk-tracker-$name$SUFFIX.txt"
    p99="$(wrk_p99 "$out")"
    # No request answered within the run: no latency to report, and certainly not met.
    [[ "$(awk '/requests in/ { print $1 }' "$out")" != 0 ]] || p99="?"
    printf '  %-16s  %10s  %12s  %10s  %10s  %8s  %s\n' "$name" \
      "$(cat "$OUT_DIR/alone-tracker-$name$SUFFIX.txt")" "$(wrk_rps "$out")" "$(wrk_p50 "$out")" \
      "$p99" "$(wrk_errors "$out")" \
      "$(awk -v p="$p99" 'BEGIN { print (p != "?" && p <= 50) ? "met" : "NOT met" }')"
  done
  echo
  echo "  alone: the median time of 5 requests one after the other (curl), after the warm-up"
  echo
  echo "  pages: $TRACKER, $ONE$( ((${#FIGURES[@]} == 0)) || echo ", /sites/$SITE")"
  echo "  raw wrk output: $OUT_DIR/wrk-tracker-*$SUFFIX.txt"
} | tee "$RESULTS"
log "results saved to $RESULTS"
