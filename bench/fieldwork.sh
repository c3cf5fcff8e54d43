#!/usr/bin/env bash
# Fieldwork: (a) encrypt + store many ~20 KB transcripts (FieldworkImport.source) and (b) unlock a
# site vault (timed alone) and, with it open, de-identify one 20 KB transcript against a 2,000-entry
# gazetteer (timed apart; targets: unlock <= 1 s, de-identify <= 60 ms), and (c, only when asked
# for with --phases=c) add a gazetteer term while 200, then 1,000 sources are ready for analysis
# (each is looked at for the term), all through the real application context and an embedded
# PostgreSQL with fsync on.
#
# Usage: bench/fieldwork.sh [--no-fsync] [--profile] [--keep-data] [--name=value ...]
#   --no-fsync     PostgreSQL without fsync and synchronous_commit (not realistic; shows what
#                  the disk costs)
#   --profile      record the measured runs with Java Flight Recorder
#                  (bench/out/fieldwork-a.jfr, fieldwork-b.jfr) and print where the JVM's time goes
#   --keep-data    leave the data directory (bench/out/fieldwork-data) for inspection
#   --name=value   passed to the harness (org.tejido.bench.FieldworkBenchmark), e.g.
#                  --sources=10000 --warmup=3000 --threads=2 --batch=50 --runs=100
#                  --participants=50 --pool=200 --phases=a,b --flag-sizes=200,1000
#                  (these are the defaults)
#                  --help lists them
# Env: JAVA, JAVA_OPTS (default -Xms1g -Xmx1g).
# Output: machine, settings and results, also saved to bench/out/fieldwork-results.txt; the
# application's log (Spring, PostgreSQL) in bench/out/fieldwork.log.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FSYNC=true
KEEP=""
HARNESS_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --no-fsync) FSYNC=false ;;
    --keep-data) KEEP=1 ;;
    --profile) HARNESS_ARGS+=("--profile=$OUT_DIR") ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    --data-dir=* | --fsync=* | --report=*) die "$arg is set by the script (see --help)" ;;
    --?*=*) HARNESS_ARGS+=("$arg") ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
DATA="$OUT_DIR/fieldwork-data"
RESULTS="$OUT_DIR/fieldwork-results.txt"
HARNESS_LOG="$OUT_DIR/fieldwork.log"

require_cmd "$JAVA" "apt-get install -y openjdk-17-jdk-headless"

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
[[ -f target/test-classes/org/tejido/bench/FieldworkBenchmark.class ]] \
  || die "target/test-classes has no org/tejido/bench/FieldworkBenchmark.class"

stop_stray_postgres "$DATA"
rm -rf "$DATA"
mkdir -p "$DATA"

machine_info no-jar | tee "$RESULTS"
echo | tee -a "$RESULTS"
log "running the harness (the application's log: $HARNESS_LOG)"
lines="$(wc -l < "$RESULTS")"
# shellcheck disable=SC2086 # JAVA_OPTS is split on purpose
env -u TEJIDO_DB_URL -u TEJIDO_DB_USER -u TEJIDO_DB_PASSWORD -u TEJIDO_CRYPTO_MASTER_KEY \
  TEJIDO_DATA_DIR="$DATA" \
  "$JAVA" $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  org.tejido.bench.FieldworkBenchmark --data-dir="$DATA" --fsync="$FSYNC" --report="$RESULTS" \
  ${HARNESS_ARGS[@]+"${HARNESS_ARGS[@]}"} > "$HARNESS_LOG" 2>&1 < /dev/null &
JVM_PID=$!
# The harness appends its report to $RESULTS; show it as it comes.
tail -n +"$((lines + 1))" -f --pid="$JVM_PID" "$RESULTS" &
TAIL_PID=$!
status=0
wait "$JVM_PID" || status=$?
JVM_PID=""
wait "$TAIL_PID" 2> /dev/null || true
TAIL_PID=""
if ((status != 0)); then
  tail -n 40 "$HARNESS_LOG" >&2
  die "the harness failed (exit $status); see $HARNESS_LOG"
fi
log "results saved to $RESULTS"
