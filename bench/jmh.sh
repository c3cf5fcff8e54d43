#!/usr/bin/env bash
# Runs a JMH benchmark from the test classpath, e.g.
#   bench/jmh.sh DeidentifyBenchmark                   # the benchmark's own defaults
#   bench/jmh.sh DeidentifyBenchmark -f 1 -wi 2 -i 3   # a quick look
# Arguments go to org.openjdk.jmh.Main as they are (bench/jmh.sh -h lists them).
set -euo pipefail
cd "$(dirname "$0")/.."

# -DskipTests skips running the tests, not compiling them; JMH's annotation processor generates the
# benchmark harness and META-INF/BenchmarkList while the tests compile.
./mvnw -B -q -DskipTests test-compile
if [[ ! -f target/test-classes/META-INF/BenchmarkList ]]; then
  echo "No target/test-classes/META-INF/BenchmarkList: JMH's annotation processor did not run." >&2
  exit 1
fi
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test

exec java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" org.openjdk.jmh.Main "$@"
