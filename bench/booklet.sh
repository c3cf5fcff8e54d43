#!/usr/bin/env bash
# The booklet of the largest agenda (55 issues, 220 proposals): rendering time per language and
# paper (target: at most 2 s), the first render after start, and a kept booklet's answer, through
# the real application context and an embedded PostgreSQL.
#
# Usage: bench/booklet.sh [--warmup=5] [--runs=20]
# Env: JAVA, JAVA_OPTS (default -Xms512m -Xmx512m).
# Output: machine, settings and results, also saved to bench/out/booklet-results.txt; the
# application's log in bench/out/booklet.log.
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
    --warmup=* | --runs=*) HARNESS_ARGS+=("$arg") ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
DATA="$OUT_DIR/booklet-data"
RESULTS="$OUT_DIR/booklet-results.txt"
HARNESS_LOG="$OUT_DIR/booklet.log"

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
echo | tee -a "$RESULTS"
log "running the harness (the application's log: $HARNESS_LOG)"
# shellcheck disable=SC2086 # JAVA_OPTS is split on purpose
env -u TEJIDO_DB_URL -u TEJIDO_DB_USER -u TEJIDO_DB_PASSWORD -u TEJIDO_CRYPTO_MASTER_KEY \
  TEJIDO_DATA_DIR="$DATA" \
  "$JAVA" $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  org.tejido.bench.BookletBenchmark --data-dir="$DATA" --report="$RESULTS" \
  ${HARNESS_ARGS[@]+"${HARNESS_ARGS[@]}"} > "$HARNESS_LOG" 2>&1 < /dev/null \
  || { tail -n 40 "$HARNESS_LOG" >&2; die "the harness failed; see $HARNESS_LOG"; }
sed -n '/^Booklet of the largest agenda/,$p' "$RESULTS"
log "results saved to $RESULTS"
