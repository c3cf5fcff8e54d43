#!/usr/bin/env bash
# Trains the Spanish name and place recogniser on MEDDOCAN's training split and writes
# src/main/resources/deidentification/es-names.bin (the corpus itself is never copied):
#   bench/train-recogniser.sh [TRAIN_DIR]      # default ../shared/corpus/deid-es/train
set -euo pipefail
cd "$(dirname "$0")/.."
train="${1:-../shared/corpus/deid-es/train}"
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  org.tejido.deidentification.bench.TrainRecogniser "$train" src/main/resources/deidentification/es-names.bin
