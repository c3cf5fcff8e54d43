#!/usr/bin/env bash
# Startup to ready: wall time from launching `java -jar target/tejido.jar` to the first
# HTTP 200 on /, with the embedded PostgreSQL's data directory already initialised.
#
# Usage: bench/startup.sh [--build] [--fresh] [N]
#   --build   rebuild target/tejido.jar first (./mvnw -B -q -DskipTests package);
#             without it the jar is built only when missing
#   --fresh   delete the benchmark's data directory first, so it is initialised anew
#   N         number of measured starts (default 5; or env N)
# Env: PORT (default 18080), JAR, JAVA, JAVA_OPTS, TIMEOUT (seconds per start, default 180).
# Output: each run and min/median/max in seconds; also saved to bench/out/startup-results.txt.
# Every start's log is in bench/out/startup-logs/.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUILD=""
FRESH=""
N="${N:-5}"
for arg in "$@"; do
  case "$arg" in
    --build) BUILD=force ;;
    --fresh) FRESH=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *[!0-9]* | '') die "unknown argument: $arg (see --help)" ;;
    *) N="$arg" ;;
  esac
done
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer"
PORT="${PORT:-18080}"
TIMEOUT="${TIMEOUT:-180}"
DATA="$OUT_DIR/startup-data"
LOGS="$OUT_DIR/startup-logs"
RESULTS="$OUT_DIR/startup-results.txt"

require_bash5
require_cmd curl "apt-get install -y curl"
require_cmd "$JAVA" "apt-get install -y openjdk-17-jre-headless"

trap 'stop_app' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$ROOT_DIR"
ensure_jar "$BUILD"
mkdir -p "$OUT_DIR" "$LOGS"
rm -f "$LOGS"/run-*.log
if [[ -n "$FRESH" ]]; then
  stop_stray_postgres "$DATA"
  rm -rf "$DATA"
fi

# Unmeasured start: initialises the data directory (database, reference data, master key) on the
# first use, and otherwise warms the page cache so that run 1 is like the others.
if [[ -f "$DATA/pgdata/PG_VERSION" ]]; then
  log "warm-up start (unmeasured) on port $PORT, data in $DATA"
else
  log "first start (unmeasured): initialising $DATA"
fi
start_app "$PORT" "$DATA" "$LOGS/run-0-unmeasured.log"
wait_ready "$PORT" "$TIMEOUT"
log "ready after $(elapsed "$APP_START" "$APP_READY") s (not counted); stopping"
stop_app

times=()
{
  machine_info
  echo
  echo "Startup to ready: java -jar $(basename "$JAR") --server.port=$PORT, first HTTP 200 on /"
  echo "  data dir:   $DATA (already initialised)"
  echo "  runs:       $N"
  echo
  printf '  %-4s  %9s  %22s\n' run "ready (s)" "Spring 'Started' (s)"
} | tee "$RESULTS"
for ((i = 1; i <= N; i++)); do
  start_app "$PORT" "$DATA" "$LOGS/run-$i.log"
  wait_ready "$PORT" "$TIMEOUT"
  t="$(elapsed "$APP_START" "$APP_READY")"
  stop_app
  times+=("$t")
  read -r started _ <<< "$(spring_started_times "$LOGS/run-$i.log")" || true
  printf '  %-4s  %9s  %22s\n' "$i" "$t" "${started:--}" | tee -a "$RESULTS"
done
{
  echo
  echo "  ready (s):  $(printf '%s\n' "${times[@]}" | stats)"
  median="$(printf '%s\n' "${times[@]}" | stats | awk '{ print $4 }')"
  verdict="$(awk -v m="$median" 'BEGIN { print (m <= 10) ? "met" : "NOT met" }')"
  echo "  target:     median <= 10 s with the database initialised: $verdict"
} | tee -a "$RESULTS"
log "results saved to $RESULTS"
