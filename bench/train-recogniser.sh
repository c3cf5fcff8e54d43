#!/usr/bin/env bash
# Trains the Spanish name and place recogniser on MEDDOCAN's training split and writes
# src/main/resources/deidentification/es-names.bin, then writes the common lower-case words the
# capitalised-word hint ignores, src/main/resources/deidentification/es-common-words.txt, from the
# same split (the corpus itself is never copied):
#   bench/train-recogniser.sh [TRAIN_DIR]      # default ../shared/corpus/deid-es/train
#   bench/train-recogniser.sh --words-only [TRAIN_DIR]   # only the common words
set -euo pipefail
cd "$(dirname "$0")/.."
words_only=false
if [[ "${1:-}" == "--words-only" ]]; then
  words_only=true
  shift
fi
train="${1:-../shared/corpus/deid-es/train}"
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/cp.txt)"
if [[ "$words_only" == false ]]; then
  java -Xmx1g -cp "$cp" org.tejido.deidentification.bench.TrainRecogniser \
    "$train" src/main/resources/deidentification/es-names.bin
fi
java -cp "$cp" org.tejido.deidentification.bench.BuildCommonWords \
  "$train" src/main/resources/deidentification/es-common-words.txt
