#!/usr/bin/env bash
# Queries over codings: matrix coding (codes × population group) and co-occurrence (overlap), each
# with the application's SQL and the obvious SQL in the same run, and full-text search over the
# in-memory index, on 10,000 sources, 1,000,000 codings (loaded with COPY), 60 codes and 600
# participants in an embedded PostgreSQL migrated by the application's migrations.
#
# Usage: bench/analysis-queries.sh [--name=value ...]
#   --sources=10000 --codings=1000000 --codes=60 --participants=600 --turns=40 --runs=15
# Env: JAVA, JAVA_OPTS (default -Xms1g -Xmx1g).
# Output: machine, settings and results, also saved to bench/out/analysis-queries-results.txt.
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
    --data-dir=*) die "$arg is set by the script" ;;
    --?*=*) HARNESS_ARGS+=("$arg") ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
DATA="$OUT_DIR/analysis-data"
RESULTS="$OUT_DIR/analysis-queries-results.txt"
require_cmd "$JAVA" "apt-get install -y openjdk-17-jdk-headless"

cd "$ROOT_DIR"
mkdir -p "$OUT_DIR"
trap 'stop_stray_postgres "$DATA"; rm -rf "$DATA"' EXIT
log "compiling (./mvnw -B -q -DskipTests test-compile)"
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
machine_info no-jar | tee "$RESULTS"
echo | tee -a "$RESULTS"
# shellcheck disable=SC2086 # JAVA_OPTS is split on purpose
"$JAVA" $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  org.tejido.bench.AnalysisQueryBenchmark --data-dir="$DATA" \
  ${HARNESS_ARGS[@]+"${HARNESS_ARGS[@]}"} 2>&1 | grep --line-buffered -v -E '^\S+ \S+ +(INFO|DEBUG)|^[0-9-]+ [0-9:.]+ (UTC )?\[' | tee -a "$RESULTS"
log "results saved to $RESULTS"
