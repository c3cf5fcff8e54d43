#!/usr/bin/env bash
# Safety alerts end to end, through the real application context (reference data loaded), an
# embedded PostgreSQL with fsync on and a GreenMail SMTP server on loopback as the mail server:
#   (A) panic: while wrk loads the public agenda page (/sites/apatzingan/agenda), signed-in members
#       press the panic control over HTTP (session + CSRF), spaced over the run; for each alert,
#       the time from the POST to the SMTP server accepting the e-mail (target p99 <= 2 s);
#   (B) overdue: 1,000 members check in with the same return time and none checks out; from that
#       minute, when each missed check-in e-mail is accepted and how many each alert produced
#       (target: all delivered within 60 s, none lost, none twice).
#
# Usage: bench/safety-alerts.sh [--keep-data] [--name=value ...]
#   --keep-data    leave the data directory (bench/out/safety-alerts-data) for inspection
#   --name=value   passed to the harness (org.tejido.bench.SafetyAlertBenchmark), e.g.
#                  --modes=panic,overdue --members=50 --panics=200 --duration=60 --warmup=10
#                  --wrk-threads=2 --wrk-connections=64 --overdue=1000 --fsync=true
#                  (these are the defaults); --tejido.*=V and --spring.*=V go to the application
#                  (to try a setting, e.g. --tejido.safety.poll-interval=2s); --help lists them
# Env: JAVA, JAVA_OPTS (default -Xms1g -Xmx1g).
# Needs: wrk (apt-get install -y wrk).
# Output: machine, settings and results, also saved to bench/out/safety-alerts-results.txt; the
# application's log in bench/out/safety-alerts.log; wrk's raw output in bench/out/wrk-safety-alerts.txt.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KEEP=""
HARNESS_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --keep-data) KEEP=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    --data-dir=* | --report=* | --wrk=*) die "$arg is set by the script (see --help)" ;;
    --?*=*) HARNESS_ARGS+=("$arg") ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
DATA="$OUT_DIR/safety-alerts-data"
RESULTS="$OUT_DIR/safety-alerts-results.txt"
HARNESS_LOG="$OUT_DIR/safety-alerts.log"

require_cmd "$JAVA" "apt-get install -y openjdk-17-jdk-headless"
require_cmd wrk "apt-get install -y wrk"

JVM_PID=""
TAIL_PID=""
cleanup() {
  if [[ -n "$JVM_PID" ]] && kill -0 "$JVM_PID" 2> /dev/null; then
    # SIGTERM runs Spring's shutdown hook, which stops the embedded PostgreSQL.
    kill -TERM "$JVM_PID" 2> /dev/null || true
    for ((i = 0; i < 300; i++)); do
      kill -0 "$JVM_PID" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "$JVM_PID" 2> /dev/null || true
  fi
  [[ -z "$JVM_PID" ]] || wait "$JVM_PID" 2> /dev/null || true
  JVM_PID=""
  [[ -z "$TAIL_PID" ]] || kill "$TAIL_PID" 2> /dev/null || true
  stop_stray_postgres "$DATA"
  if [[ -z "$KEEP" ]]; then
    rm -rf "$DATA"
  else
    log "data kept in $DATA"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$ROOT_DIR"
mkdir -p "$OUT_DIR"
# -DskipTests skips running the tests, not compiling them.
log "compiling (./mvnw -B -q -DskipTests test-compile)"
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
[[ -f target/test-classes/org/tejido/bench/SafetyAlertBenchmark.class ]] \
  || die "target/test-classes has no org/tejido/bench/SafetyAlertBenchmark.class"

stop_stray_postgres "$DATA"
rm -rf "$DATA"
mkdir -p "$DATA"

{
  machine_info no-jar
  echo "  wrk:        $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }')"
  echo "  load avg:   $(cut -d ' ' -f 1-3 /proc/loadavg) (at the start)"
} | tee "$RESULTS"
echo | tee -a "$RESULTS"
log "running the harness (the application's log: $HARNESS_LOG)"
lines="$(wc -l < "$RESULTS")"
# shellcheck disable=SC2086 # JAVA_OPTS is split on purpose
env -u TEJIDO_DB_URL -u TEJIDO_DB_USER -u TEJIDO_DB_PASSWORD -u TEJIDO_CRYPTO_MASTER_KEY \
  TEJIDO_DATA_DIR="$DATA" \
  "$JAVA" $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  org.tejido.bench.SafetyAlertBenchmark --data-dir="$DATA" --report="$RESULTS" \
  --wrk="$(command -v wrk)" ${HARNESS_ARGS[@]+"${HARNESS_ARGS[@]}"} > "$HARNESS_LOG" 2>&1 < /dev/null &
JVM_PID=$!
tail -n +"$((lines + 1))" -f --pid="$JVM_PID" "$RESULTS" &
TAIL_PID=$!
status=0
wait "$JVM_PID" || status=$?
JVM_PID=""
wait "$TAIL_PID" 2> /dev/null || true
TAIL_PID=""
echo "  load avg:   $(cut -d ' ' -f 1-3 /proc/loadavg) (at the end)" | tee -a "$RESULTS"
if ((status != 0)); then
  tail -n 40 "$HARNESS_LOG" >&2
  die "the harness failed (exit $status); see $HARNESS_LOG"
fi
log "results saved to $RESULTS"
