#!/usr/bin/env bash
# A large assembly voting on phones: 2,000 residents each open /vote, type a one-time code and send
# a dot-voting ballot, 50 at a time with no pause, over real HTTP against the whole application and
# an embedded PostgreSQL with fsync on (org.tejido.bench.VoteBenchmark). Prints the latency of each
# step (p50, p95, p99) and checks that every accepted vote is in the database (no vote lost).
#
# Usage: bench/vote.sh [--name=value ...]
#   --residents=2000 --concurrency=50 --issues=12 --dots=5 --fsync=true --rate=0  (the defaults)
#   --rate=N       residents arrive N per second (open loop) instead of all at once; 2,000 in ten
#                  minutes is --rate=3.34
# Env: JAVA, JAVA_OPTS (default -Xms512m -Xmx512m).
# Output: machine, settings and results, also saved to bench/out/vote-results.txt; the
# application's log in bench/out/vote.log.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HARNESS_ARGS=()
for arg in "$@"; do
  case "$arg" in
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    --data-dir=* | --report=*) die "$arg is set by the script (see --help)" ;;
    --?*=*) HARNESS_ARGS+=("$arg") ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
DATA="$OUT_DIR/vote-data"
RESULTS="$OUT_DIR/vote-results.txt"
HARNESS_LOG="$OUT_DIR/vote.log"

require_cmd "$JAVA" "apt-get install -y openjdk-17-jdk-headless"
trap 'stop_stray_postgres "$DATA"; rm -rf "$DATA"' EXIT

cd "$ROOT_DIR"
mkdir -p "$OUT_DIR"
log "compiling (./mvnw -B -q -DskipTests test-compile)"
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
stop_stray_postgres "$DATA"
rm -rf "$DATA"
mkdir -p "$DATA"

machine_info no-jar | tee "$RESULTS"
echo "  load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS"
# shellcheck disable=SC2086 # JAVA_OPTS is split on purpose
env -u TEJIDO_DB_URL -u TEJIDO_DB_USER -u TEJIDO_DB_PASSWORD -u TEJIDO_CRYPTO_MASTER_KEY \
  TEJIDO_DATA_DIR="$DATA" \
  "$JAVA" $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  org.tejido.bench.VoteBenchmark --data-dir="$DATA" --report="$RESULTS" \
  ${HARNESS_ARGS[@]+"${HARNESS_ARGS[@]}"} 2> "$HARNESS_LOG" < /dev/null
echo "  load after:  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS"
log "results saved to $RESULTS"
