package org.tejido.deidentification.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.tejido.deidentification.Deidentifier;
import org.tejido.deidentification.internal.CommonWords;
import org.tejido.deidentification.internal.NameRecogniser;
import org.tejido.deidentification.internal.SpeechRules;

/**
 * Times what the recogniser adds: loading the model (once per JVM, measured cold) and proposing for
 * a 20 KB source made of MEDDOCAN dev texts, with no gazetteer, as the median and p95 of 200 rounds
 * after 200 unmeasured ones. Run by {@code bench/deidentify-recall.sh}.
 */
public final class RecogniserTiming {

  private static final int CHARS = 20_000;
  private static final int ROUNDS = 200;

  private RecogniserTiming() {}

  private static double median(Runnable work) {
    double[] ms = new double[ROUNDS / 2];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      work.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  public static void main(String[] args) throws IOException {
    Path dev = Path.of(args.length > 0 ? args[0] : "../shared/corpus/deid-es/dev");
    StringBuilder source = new StringBuilder();
    try (Stream<Path> files = Files.list(dev)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        if (source.length() >= CHARS) {
          break;
        }
        source.append(Files.readString(p)).append('\n');
      }
    }
    String text = source.substring(0, CHARS);
    long wordsStarted = System.nanoTime();
    int commonWords = CommonWords.size();
    double wordsMs = (System.nanoTime() - wordsStarted) / 1e6;
    long loadNanos = Deidentifier.loadRecogniser();
    Deidentifier deidentifier = Deidentifier.of(List.of());
    for (int i = 0; i < ROUNDS; i++) {
      deidentifier.propose(text);
    }
    double[] ms = new double[ROUNDS];
    int proposals = 0;
    for (int i = 0; i < ROUNDS; i++) {
      long t = System.nanoTime();
      proposals = deidentifier.propose(text).size();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    double model = median(() -> NameRecogniser.find(text));
    double rules = median(() -> SpeechRules.find(text));
    double capitalised = median(() -> SpeechRules.capitalised(text));
    double listed = median(() -> Deidentifier.listedOnly(List.of()).propose(text));
    System.out.printf(
        "breakdown (median ms): model %.1f, speech rules %.1f, capitalised words %.1f,"
            + " patterns %.1f%n",
        model, rules, capitalised, listed);
    Path modelFile = Path.of("src/main/resources/deidentification/es-names.bin");
    System.out.printf(
        "propose, 20 KB source (%d proposals), %d rounds: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
        proposals, ROUNDS, ms[ROUNDS / 2], ms[ROUNDS * 95 / 100], ms[ROUNDS - 1]);
    System.out.printf(
        "model: %.1f MB, loaded in %.0f ms (cold, first use in the JVM)%n",
        Files.size(modelFile) / 1e6, loadNanos / 1e6);
    System.out.printf(
        "common words: %d forms, loaded in %.0f ms (cold, first use in the JVM)%n",
        commonWords, wordsMs);
  }
}
